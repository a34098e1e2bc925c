/*
 * cmd-checkpoint.c: the virsh 'checkpoint' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitCheckpointTable = { "checkpoint", cmds };
