/*
 * cmd-event.c: the virsh 'events' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitEventTable = { "events", cmds };
