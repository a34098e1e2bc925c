/*
 * cmd-volume.c: the virsh 'volume' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitVolumeTable = { "volume", cmds };
