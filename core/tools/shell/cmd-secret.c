/*
 * cmd-secret.c: the virsh 'secret' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitSecretTable = { "secret", cmds };
