/*
 * cmd-backup.c: the 'backup' group: starting a disk backup of a running
 * domain and showing the XML of the backup job in progress.
 */
#include <string.h>

#include "virtkit-cmds.h"

#define BK_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}

/* ------------------------------------------------------------------ */
/* backup-begin                                                        */

static const vshCmdOptDef opts_backup_begin[] = {
    BK_OPT_DOMAIN,
    {.name = "backupxml", .type = VSH_OT_STRING, .help = "domain backup XML",
     .completer = VSH_COMPLETE_FILE},
    {.name = "checkpointxml", .type = VSH_OT_STRING, .help = "domain checkpoint XML",
     .completer = VSH_COMPLETE_FILE},
    {.name = "reuse-external", .type = VSH_OT_BOOL, .help = "reuse files provided by caller"},
    {.name = NULL},
};

static bool
cmdBackupBegin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *backupXML = NULL;
    g_autofree char *checkpointXML = NULL;
    const char *backupFile = NULL;
    const char *checkpointFile = NULL;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "backupxml", &backupFile) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "checkpointxml", &checkpointFile) < 0)
        return false;
    if (vshCommandOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL;
    /* without a file, a backup of every disk with the defaults */
    if (backupFile) {
        if (!(backupXML = virtkitReadXMLFile(ctl, backupFile)))
            return false;
    } else {
        backupXML = g_strdup("<domainbackup/>");
    }
    if (checkpointFile && !(checkpointXML = virtkitReadXMLFile(ctl, checkpointFile)))
        return false;
    if (virDomainBackupBegin(dom, backupXML, checkpointXML, flags) < 0)
        return false;
    vshPrint(ctl, "%s\n", "Backup started");
    return true;
}

/* ------------------------------------------------------------------ */
/* backup-dumpxml                                                      */

static const vshCmdOptDef opts_backup_dumpxml[] = {
    BK_OPT_DOMAIN,
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdBackupDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = vshCommandOptStringQuiet(cmd, "xpath");

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    /* as virsh: an empty --xpath fails without a word */
    if (xpath && !*xpath)
        return false;
    if (!(xml = virDomainBackupGetXMLDesc(dom, 0)))
        return false;
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

/* ------------------------------------------------------------------ */

static const vshCmdDef cmds[] = {
    {.name = "backup-begin", .handler = cmdBackupBegin, .opts = opts_backup_begin,
     .help = "Start a disk backup of a live domain",
     .desc = "Use XML to start a full or incremental disk backup of a live domain, "
             "optionally creating a checkpoint"},
    {.name = "backup-dumpxml", .handler = cmdBackupDumpXML, .opts = opts_backup_dumpxml,
     .help = "Dump XML for an ongoing domain block backup job",
     .desc = "Backup Dump XML"},
    {.name = NULL},
};

const vshCmdTable virtkitBackupTable = { "backup", cmds };
