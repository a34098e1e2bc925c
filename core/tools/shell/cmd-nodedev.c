/*
 * cmd-nodedev.c: the virsh 'nodedev' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitNodedevTable = { "nodedev", cmds };
