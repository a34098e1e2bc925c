/*
 * cmd-monitor.c: the virsh 'monitor' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitMonitorTable = { "monitor", cmds };
