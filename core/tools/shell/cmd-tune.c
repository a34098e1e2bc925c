/*
 * cmd-tune.c: the virsh 'domain' group's tuning commands (memory, vCPUs,
 * scheduler, blkio, NUMA, IOThreads)
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitTuneTable = { "domain", cmds };
