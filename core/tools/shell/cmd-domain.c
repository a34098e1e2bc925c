/*
 * cmd-domain.c: the virsh 'domain' group's commands of this area
 */
#include "virtkit-cmds.h"

static const vshCmdDef cmds[] = {
    {.name = NULL},
};

const vshCmdTable virtkitDomainTable = { "domain", cmds };
