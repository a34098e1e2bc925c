/*
 * cmd-interface.c: the virsh 'interface' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitInterfaceTable = { "interface", cmds };
