/*
 * cmd-network.c: the virsh 'network' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitNetworkTable = { "network", cmds };
