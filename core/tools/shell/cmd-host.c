/*
 * cmd-host.c: the 'host' group: the connection and the host it reaches
 */
#include <stdlib.h>

#include "virtkit-cmds.h"

static bool
cmdURI(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *uri = virConnectGetURI(vshConnection(ctl));

    if (!uri) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    vshPrint(ctl, "%s\n", uri);
    return true;
}

static bool
cmdHostname(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *hostname = virConnectGetHostname(vshConnection(ctl));

    if (!hostname) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", hostname);
    return true;
}

static const vshCmdOptDef opts_version[] = {
    {.name = "daemon", .type = VSH_OT_BOOL, .help = "report daemon version too"},
    {.name = NULL},
};

static void
virtkitPrintVersion(vshControl *ctl, const char *what, const char *name,
                    unsigned long long version)
{
    vshPrint(ctl, "%s: %s %llu.%llu.%llu\n", what, name, version / 1000000,
             version / 1000 % 1000, version % 1000);
}

static bool
cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    const char *hvType = virConnectGetType(conn);
    unsigned long libVersion = 0;
    unsigned long apiVersion = 0;
    unsigned long hvVersion = 0;
    unsigned long long daemonVersion = 0;

    if (!hvType) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }
    virtkitPrintVersion(ctl, "Compiled against library", "libvirt", LIBVIR_VERSION_NUMBER);
    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    virtkitPrintVersion(ctl, "Using library", "libvirt", libVersion);
    virtkitPrintVersion(ctl, "Using API", hvType, apiVersion);
    if (virConnectGetVersion(conn, &hvVersion) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    else
        virtkitPrintVersion(ctl, "Running hypervisor", hvType, hvVersion);
    if (vshCommandOptBool(cmd, "daemon")) {
        unsigned long lv = 0;

        if (virConnectGetLibVersion(conn, &lv) < 0) {
            vshError(ctl, "%s", "failed to get the daemon version");
            return false;
        }
        daemonVersion = lv;
        virtkitPrintVersion(ctl, "Running against daemon", "", daemonVersion);
    }
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "hostname", .handler = cmdHostname,
     .help = "print the hypervisor hostname", .desc = ""},
    {.name = "uri", .handler = cmdURI,
     .help = "print the hypervisor canonical URI", .desc = ""},
    {.name = "version", .handler = cmdVersion, .opts = opts_version,
     .help = "show version", .desc = "Display the system version information."},
    {.name = NULL},
};

const vshCmdTable virtkitHostTable = { "host", cmds };
