/*
 * cmd-checkpoint.c: the virsh 'checkpoint' group: domain checkpoints
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

/* The checkpoint named by --checkpointname; NULL after an error. */
static virDomainCheckpointPtr
ckptLookup(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom, const char **name)
{
    const char *ckptname = NULL;
    virDomainCheckpointPtr ckpt;

    if (vshCommandOptStringReq(ctl, cmd, "checkpointname", &ckptname) < 0)
        return NULL;
    if (!ckptname) {
        vshError(ctl, "%s", "--checkpointname is required");
        return NULL;
    }
    if (!(ckpt = virDomainCheckpointLookupByName(dom, ckptname, 0)))
        return NULL;
    *name = virDomainCheckpointGetName(ckpt);
    return ckpt;
}

/* The name of CKPT's parent, NULL when it has none; *ERR on failure. */
static char *
ckptParentName(virDomainCheckpointPtr ckpt, bool *err)
{
    virDomainCheckpointPtr parent = virDomainCheckpointGetParent(ckpt, 0);
    virErrorPtr e;
    char *name;

    *err = false;
    if (!parent) {
        e = virGetLastError();
        if (e && e->code == VIR_ERR_NO_DOMAIN_CHECKPOINT) {
            vshResetLibvirtError();
            return NULL;
        }
        *err = true;
        return NULL;
    }
    name = g_strdup(virDomainCheckpointGetName(parent));
    virDomainCheckpointFree(parent);
    return name;
}

#define CKPT_DOMAIN_OPT \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}

/* ------------------------------------------------------------------ */
/* checkpoint-create, checkpoint-create-as                            */

static const vshCmdOptDef opts_checkpoint_create[] = {
    CKPT_DOMAIN_OPT,
    {.name = "xmlfile", .type = VSH_OT_STRING, .help = "domain checkpoint XML",
     .completer = VSH_COMPLETE_FILE},
    {.name = "redefine", .type = VSH_OT_BOOL, .help = "redefine metadata for existing checkpoint"},
    {.name = "redefine-validate", .type = VSH_OT_BOOL, .help = "validate the redefined checkpoint"},
    {.name = "quiesce", .type = VSH_OT_BOOL, .help = "quiesce guest's file systems"},
    {.name = NULL},
};

static unsigned int
ckptCreateFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "redefine"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    if (vshCommandOptBool(cmd, "redefine-validate"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE;
    if (vshCommandOptBool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE;
    return flags;
}

static bool
ckptCreate(vshControl *ctl, virDomainPtr dom, const char *xml, unsigned int flags,
           const char *from)
{
    g_autoptr(virDomainCheckpoint) ckpt = virDomainCheckpointCreateXML(dom, xml, flags);
    const char *name;

    if (!ckpt)
        return false;
    name = virDomainCheckpointGetName(ckpt);
    if (!name) {
        vshError(ctl, "%s", "Could not get checkpoint name");
        return false;
    }
    /* the blank line after the command ends the message */
    if (from)
        vshPrintExtra(ctl, "Domain checkpoint %s created from '%s'", name, from);
    else
        vshPrintExtra(ctl, "Domain checkpoint %s created", name);
    return true;
}

static bool
cmdCheckpointCreate(vshControl *ctl, const vshCmd *cmd)
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
        buf = g_strdup("<domaincheckpoint/>");
    }
    return ckptCreate(ctl, dom, buf, ckptCreateFlags(cmd), from);
}

static const vshCmdOptDef opts_checkpoint_create_as[] = {
    CKPT_DOMAIN_OPT,
    {.name = "name", .type = VSH_OT_STRING, .help = "name of checkpoint"},
    {.name = "description", .type = VSH_OT_STRING, .help = "description of checkpoint"},
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document rather than create"},
    {.name = "quiesce", .type = VSH_OT_BOOL, .help = "quiesce guest's file systems"},
    {.name = "diskspec", .type = VSH_OT_ARGV,
     .help = "disk attributes: disk[,checkpoint=type][,bitmap=name]"},
    {.name = NULL},
};

static bool
cmdCheckpointCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL, *desc = NULL;
    g_autofree const char **disks = NULL;
    g_autoptr(GString) buf = g_string_new("<domaincheckpoint>\n");
    size_t i;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "description", &desc) < 0)
        return false;
    if (name) {
        g_autofree char *e = g_markup_escape_text(name, -1);

        g_string_append_printf(buf, "  <name>%s</name>\n", e);
    }
    if (desc) {
        g_autofree char *e = g_markup_escape_text(desc, -1);

        g_string_append_printf(buf, "  <description>%s</description>\n", e);
    }
    disks = vshCommandOptArgv(cmd, "diskspec");
    if (disks && disks[0]) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; disks[i]; i++) {
            if (!virtkitParseDiskspec(ctl, buf, disks[i], "checkpoint"))
                return false;
        }
        g_string_append(buf, "  </disks>\n");
    }
    g_string_append(buf, "</domaincheckpoint>\n");
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", buf->str);
        return true;
    }
    return ckptCreate(ctl, dom, buf->str, ckptCreateFlags(cmd), NULL);
}

/* ------------------------------------------------------------------ */
/* checkpoint-delete, -dumpxml, -edit, -info, -parent                 */

static const vshCmdOptDef opts_checkpoint_delete[] = {
    CKPT_DOMAIN_OPT,
    {.name = "checkpointname", .type = VSH_OT_STRING, .help = "checkpoint name",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = "children", .type = VSH_OT_BOOL, .help = "delete checkpoint and all children"},
    {.name = "children-only", .type = VSH_OT_BOOL, .help = "delete children but not checkpoint"},
    {.name = "metadata", .type = VSH_OT_BOOL,
     .help = "delete only libvirt metadata, leaving checkpoint contents behind"},
    {.name = NULL},
};

static bool
cmdCheckpointDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) ckpt = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN;
    if (vshCommandOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY;
    if (vshCommandOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(ckpt = ckptLookup(ctl, cmd, dom, &name)))
        return false;
    if (virDomainCheckpointDelete(ckpt, flags) < 0) {
        vshError(ctl, "Failed to delete checkpoint %s", name);
        return false;
    }
    if (flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)
        vshPrintExtra(ctl, "Domain checkpoint %s children deleted\n", name);
    else
        vshPrintExtra(ctl, "Domain checkpoint %s deleted\n", name);
    return true;
}

static const vshCmdOptDef opts_checkpoint_dumpxml[] = {
    CKPT_DOMAIN_OPT,
    {.name = "checkpointname", .type = VSH_OT_STRING, .help = "checkpoint name",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "no-domain", .type = VSH_OT_BOOL, .help = "exclude <domain> from XML"},
    {.name = "size", .type = VSH_OT_BOOL, .help = "include backup size estimate in XML dump"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdCheckpointDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) ckpt = NULL;
    const char *name = NULL, *xpath = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SECURE;
    if (vshCommandOptBool(cmd, "no-domain"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN;
    if (vshCommandOptBool(cmd, "size"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SIZE;
    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(ckpt = ckptLookup(ctl, cmd, dom, &name)))
        return false;
    if (!(xml = virDomainCheckpointGetXMLDesc(ckpt, flags)))
        return false;
    if (!virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap")))
        return false;
    return true;
}

static const vshCmdOptDef opts_checkpoint_edit[] = {
    CKPT_DOMAIN_OPT,
    {.name = "checkpointname", .type = VSH_OT_STRING, .help = "checkpoint name",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = NULL},
};

static bool
cmdCheckpointEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) ckpt = NULL;
    g_autoptr(virDomainCheckpoint) edited = NULL;
    const char *name = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *xml2 = NULL;
    bool changed = false;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(ckpt = ckptLookup(ctl, cmd, dom, &name)))
        return false;
    if (!(xml = virDomainCheckpointGetXMLDesc(ckpt, VIR_DOMAIN_CHECKPOINT_XML_SECURE)))
        return false;
    if (!(xml2 = virtkitEditXML(ctl, xml, &changed))) {
        vshError(ctl, "Failed to update %s", name);
        return false;
    }
    if (!changed) {
        vshPrintExtra(ctl, "Checkpoint %s XML configuration not changed.\n", name);
        return true;
    }
    if (!(edited = virDomainCheckpointCreateXML(dom, xml2,
                                                VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE))) {
        vshError(ctl, "Failed to update %s", name);
        return false;
    }
    if (!g_str_equal(name, virDomainCheckpointGetName(edited))) {
        vshError(ctl, "%s", "cannot change checkpoint name");
        return false;
    }
    vshPrintExtra(ctl, "Checkpoint %s edited.\n", name);
    return true;
}

static const vshCmdOptDef opts_checkpoint_info[] = {
    CKPT_DOMAIN_OPT,
    {.name = "checkpointname", .type = VSH_OT_STRING, .help = "checkpoint name",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = NULL},
};

static bool
cmdCheckpointInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) ckpt = NULL;
    g_autofree char *parent = NULL;
    const char *name = NULL;
    bool perr;
    int children, descendants;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(ckpt = ckptLookup(ctl, cmd, dom, &name)))
        return false;
    parent = ckptParentName(ckpt, &perr);
    if (perr)
        return false;
    if ((children = virDomainCheckpointListAllChildren(ckpt, NULL, 0)) < 0 ||
        (descendants = virDomainCheckpointListAllChildren(ckpt, NULL,
                                                          VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) < 0)
        return false;
    vshPrint(ctl, "%-15s %s\n", "Name:", name);
    vshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    vshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "-");
    vshPrint(ctl, "%-15s %d\n", "Children:", children);
    vshPrint(ctl, "%-15s %d\n", "Descendants:", descendants);
    return true;
}

static const vshCmdOptDef opts_checkpoint_parent[] = {
    CKPT_DOMAIN_OPT,
    {.name = "checkpointname", .type = VSH_OT_STRING, .help = "find parent of checkpoint name",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = NULL},
};

static bool
cmdCheckpointParent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) ckpt = NULL;
    g_autofree char *parent = NULL;
    const char *name = NULL;
    bool perr;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(ckpt = ckptLookup(ctl, cmd, dom, &name)))
        return false;
    parent = ckptParentName(ckpt, &perr);
    if (perr)
        return false;
    if (!parent) {
        vshError(ctl, "checkpoint '%s' has no parent", name);
        return false;
    }
    vshPrint(ctl, "%s", parent);
    return true;
}

/* ------------------------------------------------------------------ */
/* checkpoint-list                                                    */

static const vshCmdOptDef opts_checkpoint_list[] = {
    CKPT_DOMAIN_OPT,
    {.name = "parent", .type = VSH_OT_BOOL, .help = "add a column showing parent checkpoint"},
    {.name = "roots", .type = VSH_OT_BOOL, .help = "list only checkpoints without parents"},
    {.name = "leaves", .type = VSH_OT_BOOL, .help = "list only checkpoints without children"},
    {.name = "no-leaves", .type = VSH_OT_BOOL,
     .help = "list only checkpoints that are not leaves (with children)"},
    {.name = "tree", .type = VSH_OT_BOOL, .help = "list checkpoints in a tree"},
    {.name = "from", .type = VSH_OT_STRING, .help = "limit list to children of given checkpoint",
     .completer = VSH_COMPLETE_CHECKPOINT},
    {.name = "descendants", .type = VSH_OT_BOOL, .help = "with --from, list all descendants"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list checkpoint names only"},
    {.name = "topological", .type = VSH_OT_BOOL,
     .help = "sort list topologically rather than by name"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdCheckpointList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomainCheckpoint) start = NULL;
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(virtkitListItemFree);
    virDomainCheckpointPtr *ckpts = NULL;
    bool tree = vshCommandOptBool(cmd, "tree");
    bool parent = vshCommandOptBool(cmd, "parent");
    bool descendants = vshCommandOptBool(cmd, "descendants");
    bool nameonly = vshCommandOptBool(cmd, "name");
    bool json = vshCommandOptBool(cmd, "json");
    const char *from = NULL;
    unsigned int flags = 0;
    int n, i;
    size_t k;

    if (vshCommandOptBool(cmd, "roots"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_ROOTS;
    if (vshCommandOptBool(cmd, "leaves"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_LEAVES;
    if (vshCommandOptBool(cmd, "no-leaves"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES;
    if (vshCommandOptBool(cmd, "topological"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL;
    if (vshCommandOptStringReq(ctl, cmd, "from", &from) < 0)
        return false;
    if (!vshCommandOptExclusive(ctl, cmd, "tree", "name") ||
        !vshCommandOptExclusive(ctl, cmd, "parent", "roots") ||
        !vshCommandOptExclusive(ctl, cmd, "parent", "tree") ||
        !vshCommandOptExclusive(ctl, cmd, "roots", "tree") ||
        !vshCommandOptExclusive(ctl, cmd, "roots", "from"))
        return false;
    if (tree && (flags & VIR_DOMAIN_CHECKPOINT_LIST_LEAVES)) {
        vshError(ctl, "%s", "--leaves and --tree are mutually exclusive");
        return false;
    }
    if (tree && (flags & VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)) {
        vshError(ctl, "%s", "--no-leaves and --tree are mutually exclusive");
        return false;
    }
    if (descendants && !from) {
        vshError(ctl, "%s", "--descendants requires --from");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (from) {
        if (!(start = virDomainCheckpointLookupByName(dom, from, 0)))
            return false;
        if (descendants)
            flags |= VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
        n = virDomainCheckpointListAllChildren(start, &ckpts, flags);
    } else {
        n = virDomainListAllCheckpoints(dom, &ckpts, flags);
    }
    if (n < 0)
        return false;
    if (start && tree) {
        virtkitListItem *it = g_new0(virtkitListItem, 1);
        g_autofree char *xml = virDomainCheckpointGetXMLDesc(start, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
        g_autofree char *ct = xml ? virtkitXPathString(xml, "string(/domaincheckpoint/creationTime)") : NULL;

        it->name = g_strdup(virDomainCheckpointGetName(start));
        it->created = ct ? g_ascii_strtoll(ct, NULL, 10) : 0;
        g_ptr_array_add(items, it);
    }
    for (i = 0; i < n; i++) {
        virtkitListItem *it = g_new0(virtkitListItem, 1);
        g_autofree char *xml = virDomainCheckpointGetXMLDesc(ckpts[i], VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
        g_autofree char *ct = NULL;
        bool perr = false;

        it->name = g_strdup(virDomainCheckpointGetName(ckpts[i]));
        if (xml) {
            ct = virtkitXPathString(xml, "string(/domaincheckpoint/creationTime)");
            it->created = ct ? g_ascii_strtoll(ct, NULL, 10) : 0;
        }
        if (tree || parent || json)
            it->parent = ckptParentName(ckpts[i], &perr);
        vshResetLibvirtError();
        g_ptr_array_add(items, it);
        virDomainCheckpointFree(ckpts[i]);
    }
    free(ckpts);
    if (!(flags & VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL))
        g_ptr_array_sort(items, virtkitListItemCmp);

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

        if (start) {
            virtkitListItem *first = g_ptr_array_index(items, 0);

            /* the starting checkpoint is the root of the tree shown */
            for (k = 0; k < items->len; k++) {
                virtkitListItem *it = g_ptr_array_index(items, k);

                if (g_str_equal(it->name, from))
                    g_clear_pointer(&it->parent, g_free);
            }
            (void)first;
        }
        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);
            bool isroot = !it->parent;

            if (!isroot) {
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
            ? vshTableNew("Name", "Creation Time", "Parent", NULL)
            : vshTableNew("Name", "Creation Time", NULL);

        for (k = 0; k < items->len; k++) {
            virtkitListItem *it = g_ptr_array_index(items, k);
            time_t t = it->created;
            struct tm tm;
            char when[64] = "";

            if (localtime_r(&t, &tm))
                strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
            if (parent)
                vshTableRowAppend(table, it->name, when, it->parent ? it->parent : "", NULL);
            else
                vshTableRowAppend(table, it->name, when, NULL);
        }
        vshTablePrint(ctl, table);
    }
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "checkpoint-create", .handler = cmdCheckpointCreate, .opts = opts_checkpoint_create,
     .help = "Create a checkpoint from XML",
     .desc = "Create a checkpoint from XML for use in future incremental backups"},
    {.name = "checkpoint-create-as", .handler = cmdCheckpointCreateAs,
     .opts = opts_checkpoint_create_as, .help = "Create a checkpoint from a set of args",
     .desc = "Create a checkpoint from arguments for use in future incremental backups"},
    {.name = "checkpoint-delete", .handler = cmdCheckpointDelete, .opts = opts_checkpoint_delete,
     .help = "Delete a domain checkpoint", .desc = "Checkpoint Delete"},
    {.name = "checkpoint-dumpxml", .handler = cmdCheckpointDumpXML,
     .opts = opts_checkpoint_dumpxml, .help = "Dump XML for a domain checkpoint",
     .desc = "Checkpoint Dump XML"},
    {.name = "checkpoint-edit", .handler = cmdCheckpointEdit, .opts = opts_checkpoint_edit,
     .help = "edit XML for a checkpoint",
     .desc = "Edit the domain checkpoint XML for a named checkpoint"},
    {.name = "checkpoint-info", .handler = cmdCheckpointInfo, .opts = opts_checkpoint_info,
     .help = "checkpoint information", .desc = "Returns basic information about a checkpoint."},
    {.name = "checkpoint-list", .handler = cmdCheckpointList, .opts = opts_checkpoint_list,
     .help = "List checkpoints for a domain", .desc = "Checkpoint List"},
    {.name = "checkpoint-parent", .handler = cmdCheckpointParent, .opts = opts_checkpoint_parent,
     .help = "Get the name of the parent of a checkpoint",
     .desc = "Extract the checkpoint's parent, if any"},
    {.name = NULL},
};

const vshCmdTable virtkitCheckpointTable = { "checkpoint", cmds };
