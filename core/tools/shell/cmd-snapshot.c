/*
 * cmd-snapshot.c: the virsh 'snapshot' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitSnapshotTable = { "snapshot", cmds };
