/*
 * cmd-snapshot.c: the virsh 'snapshot' group: domain snapshots
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

/* The snapshot named by --snapshotname (or OPTNAME), or the current one
 * with --current; NULL after an error. */
static virDomainSnapshotPtr
snapLookup(vshControl *ctl, const vshCmd *cmd, const char *optname, bool exclusive,
           virDomainPtr dom, const char **name)
{
    bool current = vshCommandOptBool(cmd, "current");
    const char *snapname = NULL;
    virDomainSnapshotPtr snap = NULL;

    if (vshCommandOptStringReq(ctl, cmd, optname, &snapname) < 0)
        return NULL;
    if (exclusive && current && snapname) {
        vshError(ctl, "--%s and --current are mutually exclusive", optname);
        return NULL;
    }
    if (snapname) {
        snap = virDomainSnapshotLookupByName(dom, snapname, 0);
    } else if (current) {
        snap = virDomainSnapshotCurrent(dom, 0);
    } else {
        vshError(ctl, "--%s or --current is required", optname);
        return NULL;
    }
    if (!snap)
        return NULL;
    *name = virDomainSnapshotGetName(snap);
    return snap;
}

/* The name of SNAP's parent, NULL when it has none; *ERR on failure. */
static char *
snapParentName(virDomainSnapshotPtr snap, bool *err)
{
    virDomainSnapshotPtr parent = virDomainSnapshotGetParent(snap, 0);
    virErrorPtr e;
    char *name;

    *err = false;
    if (!parent) {
        e = virGetLastError();
        if (e && e->code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            vshResetLibvirtError();
            return NULL;
        }
        *err = true;
        return NULL;
    }
    name = g_strdup(virDomainSnapshotGetName(parent));
    virDomainSnapshotFree(parent);
    return name;
}

/* ------------------------------------------------------------------ */
/* snapshot-create, snapshot-create-as                                */

static const vshCmdOptDef opts_snapshot_create[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "xmlfile", .type = VSH_OT_STRING, .help = "domain snapshot XML",
     .completer = VSH_COMPLETE_FILE},
    {.name = "redefine", .type = VSH_OT_BOOL, .help = "redefine metadata for existing snapshot"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "with redefine, set current snapshot"},
    {.name = "no-metadata", .type = VSH_OT_BOOL, .help = "take snapshot but create no metadata"},
    {.name = "halt", .type = VSH_OT_BOOL, .help = "halt domain after snapshot is created"},
    {.name = "disk-only", .type = VSH_OT_BOOL, .help = "capture disk state but not vm state"},
    {.name = "reuse-external", .type = VSH_OT_BOOL, .help = "reuse any existing external files"},
    {.name = "quiesce", .type = VSH_OT_BOOL, .help = "quiesce guest's file systems"},
    {.name = "atomic", .type = VSH_OT_BOOL, .help = "require atomic operation"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "take a live snapshot"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static unsigned int
snapCreateFlags(const vshCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } map[] = {
        {"redefine", VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE},
        {"current", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT},
        {"no-metadata", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA},
        {"halt", VIR_DOMAIN_SNAPSHOT_CREATE_HALT},
        {"disk-only", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY},
        {"reuse-external", VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT},
        {"quiesce", VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE},
        {"atomic", VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC},
        {"live", VIR_DOMAIN_SNAPSHOT_CREATE_LIVE},
        {"validate", VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE},
    };
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (vshCommandOptBool(cmd, map[i].opt))
            flags |= map[i].flag;
    }
    return flags;
}

static bool
snapCreate(vshControl *ctl, virDomainPtr dom, const char *xml, unsigned int flags,
           const char *from)
{
    g_autoptr(virDomainSnapshot) snap = virDomainSnapshotCreateXML(dom, xml, flags);
    const char *name;

    if (!snap)
        return false;
    name = virDomainSnapshotGetName(snap);
    if (!name) {
        vshError(ctl, "%s", "Could not get snapshot name");
        return false;
    }
    /* the blank line after the command ends the message */
    if (from)
        vshPrintExtra(ctl, "Domain snapshot %s created from '%s'", name, from);
    else
        vshPrintExtra(ctl, "Domain snapshot %s created", name);
    return true;
}

static bool
cmdSnapshotCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *from = NULL;
    g_autofree char *buf = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "xmlfile", &from) < 0)
        return false;
    if (from) {
        if (!(buf = virtkitReadXMLFile(ctl, from)))
            return false;
    } else {
        buf = g_strdup("<domainsnapshot/>");
    }
    return snapCreate(ctl, dom, buf, snapCreateFlags(cmd), from);
}

static const vshCmdOptDef opts_snapshot_create_as[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "name", .type = VSH_OT_STRING, .help = "name of snapshot"},
    {.name = "description", .type = VSH_OT_STRING, .help = "description of snapshot"},
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document rather than create"},
    {.name = "no-metadata", .type = VSH_OT_BOOL, .help = "take snapshot but create no metadata"},
    {.name = "halt", .type = VSH_OT_BOOL, .help = "halt domain after snapshot is created"},
    {.name = "disk-only", .type = VSH_OT_BOOL, .help = "capture disk state but not vm state"},
    {.name = "reuse-external", .type = VSH_OT_BOOL, .help = "reuse any existing external files"},
    {.name = "quiesce", .type = VSH_OT_BOOL, .help = "quiesce guest's file systems"},
    {.name = "atomic", .type = VSH_OT_BOOL, .help = "require atomic operation"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "take a live snapshot"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = "memspec", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "memory attributes: [file=]name[,snapshot=type]"},
    {.name = "diskspec", .type = VSH_OT_ARGV,
     .help = "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]"},
    {.name = NULL},
};

static bool
snapParseMemspec(vshControl *ctl, GString *buf, const char *spec)
{
    g_autoptr(GPtrArray) parts = virtkitSplitSpec(spec);
    const char *file = NULL, *snapshot = NULL;
    guint i;

    for (i = 0; i < parts->len; i++) {
        const char *p = g_ptr_array_index(parts, i);

        if (i == 0 && *p == '/')
            file = p;
        else if (g_str_has_prefix(p, "file="))
            file = p + 5;
        else if (g_str_has_prefix(p, "snapshot="))
            snapshot = p + 9;
        else
            goto error;
    }
    g_string_append(buf, "  <memory");
    if (snapshot) {
        g_autofree char *e = g_markup_escape_text(snapshot, -1);

        g_string_append_printf(buf, " snapshot='%s'", e);
    }
    if (file) {
        g_autofree char *e = g_markup_escape_text(file, -1);

        g_string_append_printf(buf, " file='%s'", e);
    }
    g_string_append(buf, "/>\n");
    return true;
 error:
    vshError(ctl, "unable to parse memspec: %s", spec);
    return false;
}

static bool
cmdSnapshotCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL, *desc = NULL, *memspec = NULL;
    g_autofree const char **disks = NULL;
    g_autoptr(GString) buf = g_string_new("<domainsnapshot>\n");
    size_t i;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "description", &desc) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "memspec", &memspec) < 0)
        return false;
    if (name) {
        g_autofree char *e = g_markup_escape_text(name, -1);

        g_string_append_printf(buf, "  <name>%s</name>\n", e);
    }
    if (desc) {
        g_autofree char *e = g_markup_escape_text(desc, -1);

        g_string_append_printf(buf, "  <description>%s</description>\n", e);
    }
    if (memspec && !snapParseMemspec(ctl, buf, memspec))
        return false;
    disks = vshCommandOptArgv(cmd, "diskspec");
    if (disks && disks[0]) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; disks[i]; i++) {
            if (!virtkitParseDiskspec(ctl, buf, disks[i], "snapshot"))
                return false;
        }
        g_string_append(buf, "  </disks>\n");
    }
    g_string_append(buf, "</domainsnapshot>\n");
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", buf->str);
        return true;
    }
    return snapCreate(ctl, dom, buf->str, snapCreateFlags(cmd), NULL);
}

/* ------------------------------------------------------------------ */
/* snapshot-current, snapshot-edit, snapshot-info, snapshot-parent     */

static const vshCmdOptDef opts_snapshot_current[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list the name, rather than the full xml"},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "snapshotname", .type = VSH_OT_STRING,
     .help = "name of existing snapshot to make current", .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = NULL},
};

static bool
cmdSnapshotCurrent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *domname = NULL, *snapname = NULL;
    unsigned int xmlflags = vshCommandOptBool(cmd, "security-info") ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0;
    g_autofree char *xml = NULL;
    int cur;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &domname)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "snapshotname", &snapname) < 0)
        return false;
    if (snapname) {
        g_autoptr(virDomainSnapshot) made = NULL;

        if (vshCommandOptBool(cmd, "name")) {
            vshError(ctl, "Options --%s and --%s are mutually exclusive", "name", "snapshotname");
            return false;
        }
        if (vshCommandOptBool(cmd, "security-info")) {
            vshError(ctl, "Options --%s and --%s are mutually exclusive",
                     "security-info", "snapshotname");
            return false;
        }
        if (!(snap = virDomainSnapshotLookupByName(dom, snapname, 0)))
            return false;
        if (!(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE)))
            return false;
        if (!(made = virDomainSnapshotCreateXML(dom, xml, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)))
            return false;
        vshPrintExtra(ctl, "Snapshot %s set as current", snapname);
        return true;
    }
    if ((cur = virDomainHasCurrentSnapshot(dom, 0)) < 0)
        return false;
    if (cur == 0) {
        vshError(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
        return false;
    }
    if (!(snap = virDomainSnapshotCurrent(dom, 0)))
        return false;
    if (vshCommandOptBool(cmd, "name")) {
        vshPrint(ctl, "%s", virDomainSnapshotGetName(snap));
        return true;
    }
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, xmlflags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}

static const vshCmdOptDef opts_snapshot_edit[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_STRING, .help = "snapshot name",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "also set edited snapshot as current"},
    {.name = "rename", .type = VSH_OT_BOOL, .help = "allow renaming an existing snapshot"},
    {.name = "clone", .type = VSH_OT_BOOL, .help = "allow cloning to new name"},
    {.name = NULL},
};

static bool
cmdSnapshotEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    g_autoptr(virDomainSnapshot) edited = NULL;
    const char *name = NULL;
    const char *newname;
    bool rename = vshCommandOptBool(cmd, "rename");
    bool clone = vshCommandOptBool(cmd, "clone");
    unsigned int flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    bool changed = false;

    if (!vshCommandOptExclusive(ctl, cmd, "rename", "clone"))
        return false;
    if (vshCommandOptBool(cmd, "current") && vshCommandOptStringQuiet(cmd, "snapshotname"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", false, dom, &name)))
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE)))
        return false;
    if (!(xml2 = virtkitEditXML(ctl, xml, &changed))) {
        vshError(ctl, "Failed to update %s", name);
        return false;
    }
    if (!changed) {
        vshPrintExtra(ctl, "Snapshot %s XML configuration not changed.\n", name);
        return true;
    }
    if (!(edited = virDomainSnapshotCreateXML(dom, xml2, flags))) {
        vshError(ctl, "Failed to update %s", name);
        return false;
    }
    newname = virDomainSnapshotGetName(edited);
    if (!g_str_equal(name, newname)) {
        if (!rename && !clone) {
            vshError(ctl, "%s", "cannot change snapshot name without --rename or --clone");
            virDomainSnapshotDelete(edited, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY);
            return false;
        }
        if (rename && virDomainSnapshotDelete(snap, VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0) {
            vshError(ctl, "Failed to clean up %s", name);
            return false;
        }
        vshPrintExtra(ctl, "Snapshot %s %s\n", newname, clone ? "cloned" : "renamed");
        return true;
    }
    vshPrintExtra(ctl, "Snapshot %s edited.\n", name);
    return true;
}

static const vshCmdOptDef opts_snapshot_info[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_STRING, .help = "snapshot name",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "info on current snapshot"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdSnapshotInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *state = NULL;
    g_autofree char *ext = NULL;
    g_autofree char *parent = NULL;
    const char *location;
    bool perr;
    int current, children, descendants, metadata;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom, &name)))
        return false;
    if ((current = virDomainSnapshotIsCurrent(snap, 0)) < 0)
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return false;
    state = virtkitXPathString(xml, "string(/domainsnapshot/state)");
    ext = virtkitXPathString(xml, "count(/domainsnapshot/memory[@snapshot='external']|"
                               "/domainsnapshot/disks/disk[@snapshot='external'])");
    if (state && g_str_equal(state, "disk-snapshot"))
        location = "external";
    else
        location = ext && atoi(ext) > 0 ? "external" : "internal";
    parent = snapParentName(snap, &perr);
    if (perr)
        return false;
    if ((children = virDomainSnapshotNumChildren(snap, 0)) < 0 ||
        (descendants = virDomainSnapshotNumChildren(snap, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) < 0)
        return false;
    metadata = virDomainSnapshotHasMetadata(snap, 0);
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, name);
        json_builder_set_member_name(b, "domain");
        json_builder_add_string_value(b, virDomainGetName(dom));
        json_builder_set_member_name(b, "current");
        json_builder_add_boolean_value(b, current > 0);
        json_builder_set_member_name(b, "state");
        json_builder_add_string_value(b, state ? state : "");
        json_builder_set_member_name(b, "location");
        json_builder_add_string_value(b, location);
        json_builder_set_member_name(b, "parent");
        if (parent)
            json_builder_add_string_value(b, parent);
        else
            json_builder_add_null_value(b);
        json_builder_set_member_name(b, "children");
        json_builder_add_int_value(b, children);
        json_builder_set_member_name(b, "descendants");
        json_builder_add_int_value(b, descendants);
        if (metadata >= 0) {
            json_builder_set_member_name(b, "metadata");
            json_builder_add_boolean_value(b, metadata > 0);
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    vshPrint(ctl, "%-15s %s\n", "Name:", name);
    vshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    vshPrint(ctl, "%-15s %s\n", "Current:", current > 0 ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "State:", state ? state : "");
    vshPrint(ctl, "%-15s %s\n", "Location:", location);
    vshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "-");
    vshPrint(ctl, "%-15s %d\n", "Children:", children);
    vshPrint(ctl, "%-15s %d\n", "Descendants:", descendants);
    if (metadata >= 0)
        vshPrint(ctl, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    else
        vshResetLibvirtError();
    return true;
}

static const vshCmdOptDef opts_snapshot_parent[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_STRING, .help = "find parent of snapshot name",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "find parent of current snapshot"},
    {.name = NULL},
};

static bool
cmdSnapshotParent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    g_autofree char *parent = NULL;
    const char *name = NULL;
    bool perr;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom, &name)))
        return false;
    parent = snapParentName(snap, &perr);
    if (perr)
        return false;
    if (!parent) {
        vshError(ctl, "snapshot '%s' has no parent", name);
        return false;
    }
    vshPrint(ctl, "%s", parent);
    return true;
}

/* ------------------------------------------------------------------ */
/* snapshot-dumpxml, snapshot-revert, snapshot-delete                 */

static const vshCmdOptDef opts_snapshot_dumpxml[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "snapshot name", .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdSnapshotDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL, *xpath = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = vshCommandOptBool(cmd, "security-info") ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "snapshotname", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(snap = virDomainSnapshotLookupByName(dom, name, 0)))
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, flags)))
        return false;
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

static const vshCmdOptDef opts_snapshot_revert[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_STRING, .help = "snapshot name",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "revert to current snapshot"},
    {.name = "running", .type = VSH_OT_BOOL, .help = "after reverting, change state to running"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "after reverting, change state to paused"},
    {.name = "force", .type = VSH_OT_BOOL, .help = "try harder on risky reverts"},
    {.name = "reset-nvram", .type = VSH_OT_BOOL,
     .help = "re-initialize NVRAM from its pristine template"},
    {.name = NULL},
};

static bool
cmdSnapshotRevert(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    int rc;

    if (vshCommandOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom, &name)))
        return false;
    rc = virDomainRevertToSnapshot(snap, flags);
    if (rc < 0 && vshCommandOptBool(cmd, "force")) {
        virErrorPtr err = virGetLastError();

        /* a risky revert is tried again, now forced */
        if (err && err->code == VIR_ERR_SNAPSHOT_REVERT_RISKY) {
            vshResetLibvirtError();
            rc = virDomainRevertToSnapshot(snap, flags | VIR_DOMAIN_SNAPSHOT_REVERT_FORCE);
        }
    }
    if (rc < 0) {
        vshError(ctl, "Failed to revert snapshot %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain snapshot %s reverted\n", name);
    return true;
}

static const vshCmdOptDef opts_snapshot_delete[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "snapshotname", .type = VSH_OT_STRING, .help = "snapshot name",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "delete current snapshot"},
    {.name = "children", .type = VSH_OT_BOOL, .help = "delete snapshot and all children"},
    {.name = "children-only", .type = VSH_OT_BOOL, .help = "delete children but not snapshot"},
    {.name = "metadata", .type = VSH_OT_BOOL,
     .help = "delete only libvirt metadata, leaving snapshot contents behind"},
    {.name = NULL},
};

static bool
cmdSnapshotDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) snap = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (vshCommandOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (vshCommandOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom, &name)))
        return false;
    if (virDomainSnapshotDelete(snap, flags) < 0) {
        vshError(ctl, "Failed to delete snapshot %s", name);
        return false;
    }
    if (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
        vshPrintExtra(ctl, "Domain snapshot %s children deleted\n", name);
    else
        vshPrintExtra(ctl, "Domain snapshot %s deleted\n", name);
    return true;
}

/* ------------------------------------------------------------------ */
/* snapshot-list                                                      */

static const vshCmdOptDef opts_snapshot_list[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "parent", .type = VSH_OT_BOOL, .help = "add a column showing parent snapshot"},
    {.name = "roots", .type = VSH_OT_BOOL, .help = "list only snapshots without parents"},
    {.name = "leaves", .type = VSH_OT_BOOL, .help = "list only snapshots without children"},
    {.name = "no-leaves", .type = VSH_OT_BOOL,
     .help = "list only snapshots that are not leaves (with children)"},
    {.name = "metadata", .type = VSH_OT_BOOL,
     .help = "list only snapshots that have metadata that would prevent undefine"},
    {.name = "no-metadata", .type = VSH_OT_BOOL,
     .help = "list only snapshots that have no metadata managed by libvirt"},
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "filter by snapshots taken while inactive"},
    {.name = "active", .type = VSH_OT_BOOL,
     .help = "filter by snapshots taken while active (full system snapshots)"},
    {.name = "disk-only", .type = VSH_OT_BOOL, .help = "filter by disk-only snapshots"},
    {.name = "internal", .type = VSH_OT_BOOL, .help = "filter by internal snapshots"},
    {.name = "external", .type = VSH_OT_BOOL, .help = "filter by external snapshots"},
    {.name = "tree", .type = VSH_OT_BOOL, .help = "list snapshots in a tree"},
    {.name = "from", .type = VSH_OT_STRING, .help = "limit list to children of given snapshot",
     .completer = VSH_COMPLETE_SNAPSHOT},
    {.name = "current", .type = VSH_OT_BOOL, .help = "limit list to children of current snapshot"},
    {.name = "descendants", .type = VSH_OT_BOOL, .help = "with --from, list all descendants"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list snapshot names only"},
    {.name = "topological", .type = VSH_OT_BOOL,
     .help = "sort list topologically rather than by name"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdSnapshotList(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } map[] = {
        {"roots", VIR_DOMAIN_SNAPSHOT_LIST_ROOTS},
        {"leaves", VIR_DOMAIN_SNAPSHOT_LIST_LEAVES},
        {"no-leaves", VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES},
        {"metadata", VIR_DOMAIN_SNAPSHOT_LIST_METADATA},
        {"no-metadata", VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA},
        {"inactive", VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE},
        {"active", VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE},
        {"disk-only", VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY},
        {"internal", VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL},
        {"external", VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL},
        {"topological", VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL},
    };
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainSnapshot) start = NULL;
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(virtkitListItemFree);
    virDomainSnapshotPtr *snaps = NULL;
    bool tree = vshCommandOptBool(cmd, "tree");
    bool parent = vshCommandOptBool(cmd, "parent");
    bool current = vshCommandOptBool(cmd, "current");
    bool descendants = vshCommandOptBool(cmd, "descendants");
    bool nameonly = vshCommandOptBool(cmd, "name");
    bool json = vshCommandOptBool(cmd, "json");
    const char *from = NULL;
    unsigned int flags = 0;
    int n, i;
    size_t k;

    for (k = 0; k < G_N_ELEMENTS(map); k++) {
        if (vshCommandOptBool(cmd, map[k].opt))
            flags |= map[k].flag;
    }
    if (vshCommandOptStringReq(ctl, cmd, "from", &from) < 0)
        return false;
    if (!vshCommandOptExclusive(ctl, cmd, "tree", "name") ||
        !vshCommandOptExclusive(ctl, cmd, "parent", "roots") ||
        !vshCommandOptExclusive(ctl, cmd, "parent", "tree") ||
        !vshCommandOptExclusive(ctl, cmd, "roots", "tree") ||
        !vshCommandOptExclusive(ctl, cmd, "roots", "from") ||
        !vshCommandOptExclusive(ctl, cmd, "roots", "current"))
        return false;
    if (tree && (flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)) {
        vshError(ctl, "%s", "--leaves and --tree are mutually exclusive");
        return false;
    }
    if (tree && (flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)) {
        vshError(ctl, "%s", "--no-leaves and --tree are mutually exclusive");
        return false;
    }
    if (from && current) {
        vshError(ctl, "%s", "--from and --current are mutually exclusive");
        return false;
    }
    if (descendants && !from && !current) {
        vshError(ctl, "%s", "--descendants requires either --from or --current");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (from) {
        if (!(start = virDomainSnapshotLookupByName(dom, from, 0)))
            return false;
    } else if (current) {
        if (!(start = virDomainSnapshotCurrent(dom, 0)))
            return false;
    }
    if (start) {
        if (descendants)
            flags |= VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
        n = virDomainSnapshotListAllChildren(start, &snaps, flags);
    } else {
        n = virDomainListAllSnapshots(dom, &snaps, flags);
    }
    if (n < 0)
        return false;
    if (start && tree) {
        virtkitListItem *it = g_new0(virtkitListItem, 1);
        g_autofree char *xml = virDomainSnapshotGetXMLDesc(start, 0);
        g_autofree char *ct = xml ? virtkitXPathString(xml, "string(/domainsnapshot/creationTime)") : NULL;

        it->name = g_strdup(virDomainSnapshotGetName(start));
        it->state = xml ? virtkitXPathString(xml, "string(/domainsnapshot/state)") : NULL;
        it->created = ct ? g_ascii_strtoll(ct, NULL, 10) : 0;
        g_ptr_array_add(items, it);
    }
    for (i = 0; i < n; i++) {
        virtkitListItem *it = g_new0(virtkitListItem, 1);
        g_autofree char *xml = virDomainSnapshotGetXMLDesc(snaps[i], 0);
        g_autofree char *ct = NULL;
        bool perr = false;

        it->name = g_strdup(virDomainSnapshotGetName(snaps[i]));
        if (xml) {
            ct = virtkitXPathString(xml, "string(/domainsnapshot/creationTime)");
            it->state = virtkitXPathString(xml, "string(/domainsnapshot/state)");
            it->created = ct ? g_ascii_strtoll(ct, NULL, 10) : 0;
        }
        if (tree || parent || json)
            it->parent = snapParentName(snaps[i], &perr);
        vshResetLibvirtError();
        g_ptr_array_add(items, it);
        virDomainSnapshotFree(snaps[i]);
    }
    free(snaps);
    if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL))
        g_ptr_array_sort(items, virtkitListItemCmp);
    if (start && tree) {
        /* the starting snapshot is the root of the tree shown */
        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);

            if (g_str_equal(it->name, virDomainSnapshotGetName(start)))
                g_clear_pointer(&it->parent, g_free);
        }
    }

    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, it->name);
            json_builder_set_member_name(b, "creation_time");
            json_builder_add_int_value(b, it->created);
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, it->state ? it->state : "");
            json_builder_set_member_name(b, "parent");
            if (it->parent)
                json_builder_add_string_value(b, it->parent);
            else
                json_builder_add_null_value(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    if (nameonly) {
        for (k = 0; k < items->len; k++)
            vshPrint(ctl, "%s\n", ((virtkitListItem *)g_ptr_array_index(items, k))->name);
        return true;
    }
    if (tree) {
        g_autoptr(GString) indent = g_string_new(NULL);

        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);
            bool isroot = !it->parent;

            if (!isroot) {
                /* a parent outside the list makes a root too */
                guint j;

                isroot = true;
                for (j = 0; j < items->len; j++) {
                    if (g_str_equal(((virtkitListItem *)g_ptr_array_index(items, j))->name, it->parent))
                        isroot = false;
                }
            }
            if (isroot)
                virtkitTreePrint(ctl, items, k, true, true, indent);
        }
        return true;
    }
    {
        g_autoptr(vshTable) table = parent
            ? vshTableNew("Name", "Creation Time", "State", "Parent", NULL)
            : vshTableNew("Name", "Creation Time", "State", NULL);

        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);
            time_t t = it->created;
            struct tm tm;
            char when[64] = "";

            if (localtime_r(&t, &tm))
                strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
            if (parent)
                vshTableRowAppend(table, it->name, when, it->state ? it->state : "",
                                  it->parent ? it->parent : "", NULL);
            else
                vshTableRowAppend(table, it->name, when, it->state ? it->state : "", NULL);
        }
        vshTablePrint(ctl, table);
    }
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "snapshot-create", .handler = cmdSnapshotCreate, .opts = opts_snapshot_create,
     .help = "Create a snapshot from XML", .desc = "Create a snapshot (disk and RAM) from XML"},
    {.name = "snapshot-create-as", .handler = cmdSnapshotCreateAs,
     .opts = opts_snapshot_create_as, .help = "Create a snapshot from a set of args",
     .desc = "Create a snapshot (disk and RAM) from arguments"},
    {.name = "snapshot-current", .handler = cmdSnapshotCurrent, .opts = opts_snapshot_current,
     .help = "Get or set the current snapshot", .desc = "Get or set the current snapshot"},
    {.name = "snapshot-delete", .handler = cmdSnapshotDelete, .opts = opts_snapshot_delete,
     .help = "Delete a domain snapshot", .desc = "Snapshot Delete"},
    {.name = "snapshot-dumpxml", .handler = cmdSnapshotDumpXML, .opts = opts_snapshot_dumpxml,
     .help = "Dump XML for a domain snapshot", .desc = "Snapshot Dump XML"},
    {.name = "snapshot-edit", .handler = cmdSnapshotEdit, .opts = opts_snapshot_edit,
     .help = "edit XML for a snapshot",
     .desc = "Edit the domain snapshot XML for a named snapshot"},
    {.name = "snapshot-info", .handler = cmdSnapshotInfo, .opts = opts_snapshot_info,
     .help = "snapshot information", .desc = "Returns basic information about a snapshot."},
    {.name = "snapshot-list", .handler = cmdSnapshotList, .opts = opts_snapshot_list,
     .help = "List snapshots for a domain", .desc = "Snapshot List"},
    {.name = "snapshot-parent", .handler = cmdSnapshotParent, .opts = opts_snapshot_parent,
     .help = "Get the name of the parent of a snapshot",
     .desc = "Extract the snapshot's parent, if any"},
    {.name = "snapshot-revert", .handler = cmdSnapshotRevert, .opts = opts_snapshot_revert,
     .help = "Revert a domain to a snapshot", .desc = "Revert domain to snapshot"},
    {.name = NULL},
};

const vshCmdTable virtkitSnapshotTable = { "snapshot", cmds };
