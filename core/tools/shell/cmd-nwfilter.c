/*
 * cmd-nwfilter.c: the virsh 'filter' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitNWFilterTable = { "filter", cmds };
