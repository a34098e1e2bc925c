/*
 * cmd-pool.c: the virsh 'pool' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitPoolTable = { "pool", cmds };
