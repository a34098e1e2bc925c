/*
 * cmd-nwfilter.c: the virsh 'filter' group: network filters and bindings
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virtkit-cmds.h"

#define OPT_NWFILTER \
    {.name = "nwfilter", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "network filter name or uuid", .completer = VSH_COMPLETE_NWFILTER}
#define OPT_XPATH \
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT | VSH_OFLAG_EMPTY_OK, \
     .help = "xpath expression to filter the XML document"}, \
    {.name = "wrap", .type = VSH_OT_BOOL, \
     .help = "wrap xpath results in an common root element"}

/* ---- nwfilter-define ---- */

static const vshCmdOptDef opts_nwfilter_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML network filter description",
     .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdNWFilterDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNWFilter) filter = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_NWFILTER_DEFINE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    filter = flags ? virNWFilterDefineXMLFlags(vshConnection(ctl), xml, flags)
                   : virNWFilterDefineXML(vshConnection(ctl), xml);
    if (!filter) {
        vshError(ctl, "Failed to define network filter from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Network filter %s defined from %s\n",
                  virNWFilterGetName(filter), file);
    return true;
}

/* ---- nwfilter-undefine ---- */

static const vshCmdOptDef opts_nwfilter[] = {
    OPT_NWFILTER,
    {.name = NULL},
};

static bool
cmdNWFilterUndefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNWFilter) filter = virtkitCommandOptNWFilter(ctl, cmd, NULL, &name);

    if (!filter)
        return false;
    if (virNWFilterUndefine(filter) < 0) {
        vshError(ctl, "Failed to undefine network filter %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Network filter %s undefined\n", name);
    return true;
}

/* ---- nwfilter-dumpxml ---- */

static const vshCmdOptDef opts_nwfilter_dumpxml[] = {
    OPT_NWFILTER,
    OPT_XPATH,
    {.name = NULL},
};

static bool
cmdNWFilterDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNWFilter) filter = virtkitCommandOptNWFilter(ctl, cmd, NULL, NULL);
    g_autofree char *xml = NULL;

    if (!filter)
        return false;
    if (!(xml = virNWFilterGetXMLDesc(filter, 0)))
        return false;
    if (!virtkitPrintXMLOpts(ctl, cmd, xml))
        return false;
    return true;
}

/* ---- nwfilter-edit ---- */

static bool
cmdNWFilterEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNWFilter) filter = virtkitCommandOptNWFilter(ctl, cmd, NULL, NULL);
    g_autoptr(virNWFilter) defined = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *edited = NULL;
    bool changed = false;

    if (!filter)
        return false;
    if (!(xml = virNWFilterGetXMLDesc(filter, 0)))
        return false;
    if (!(edited = virtkitEditXML(ctl, xml, &changed)))
        return false;
    if (!changed) {
        vshPrintExtra(ctl, "Network filter %s XML configuration not changed.\n",
                      virNWFilterGetName(filter));
        return true;
    }
    if (!(defined = virNWFilterDefineXML(vshConnection(ctl), edited)))
        return false;
    vshPrintExtra(ctl, "Network filter %s XML configuration edited.\n",
                  virNWFilterGetName(defined));
    return true;
}

/* ---- nwfilter-list ---- */

static const vshCmdOptDef opts_nwfilter_list[] = {
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static int
virtkitNWFilterCmp(const void *a, const void *b)
{
    return g_strcmp0(virNWFilterGetName(*(virNWFilterPtr const *)a),
                     virNWFilterGetName(*(virNWFilterPtr const *)b));
}

/* Every filter, as virsh gathers them: the listing call, else the older
 * count-and-list calls; -1 after reporting. */
static int
virtkitListNWFilters(vshControl *ctl, virNWFilterPtr **out)
{
    virConnectPtr conn = vshConnection(ctl);
    virErrorPtr err;
    g_autofree char **names = NULL;
    int n;
    int got;

    if ((n = virConnectListAllNWFilters(conn, out, 0)) >= 0)
        return n;
    err = virGetLastError();
    if (!err || err->code != VIR_ERR_NO_SUPPORT) {
        vshError(ctl, "%s", "Failed to list network filters");
        return -1;
    }
    vshResetLibvirtError();
    if ((n = virConnectNumOfNWFilters(conn)) < 0) {
        vshError(ctl, "%s", "Failed to count network filters");
        return -1;
    }
    names = g_new0(char *, n + 1);
    if ((got = virConnectListNWFilters(conn, names, n)) < 0) {
        vshError(ctl, "%s", "Failed to list network filters");
        return -1;
    }
    *out = calloc(got + 1, sizeof(virNWFilterPtr));
    n = 0;
    for (int i = 0; i < got; i++) {
        virNWFilterPtr f = virNWFilterLookupByName(conn, names[i]);

        if (f)
            (*out)[n++] = f;
        free(names[i]);
    }
    vshResetLibvirtError();
    return n;
}

static bool
cmdNWFilterList(vshControl *ctl, const vshCmd *cmd)
{
    virNWFilterPtr *filters = NULL;
    int n;

    if ((n = virtkitListNWFilters(ctl, &filters)) < 0)
        return false;
    qsort(filters, n, sizeof(*filters), virtkitNWFilterCmp);
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            virNWFilterGetUUIDString(filters[i], uuid);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virNWFilterGetName(filters[i]));
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        g_autoptr(vshTable) table = vshTableNew("UUID", "Name", NULL);

        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            virNWFilterGetUUIDString(filters[i], uuid);
            vshTableRowAppend(table, uuid, virNWFilterGetName(filters[i]), NULL);
        }
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virNWFilterFree(filters[i]);
    free(filters);
    return true;
}

/* ---- nwfilter-binding-* ---- */

static virNWFilterBindingPtr
virtkitCommandOptBinding(vshControl *ctl, const vshCmd *cmd, const char **portdev)
{
    virNWFilterBindingPtr binding;

    if (vshCommandOptStringReq(ctl, cmd, "binding", portdev) <= 0)
        return NULL;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <binding>: %s", cmd->def->name, *portdev);
    vshDebug(ctl, VSH_ERR_DEBUG, "%s: <binding> trying as nwfilter binding port dev",
             cmd->def->name);
    if (!(binding = virNWFilterBindingLookupByPortDev(vshConnection(ctl), *portdev)))
        vshError(ctl, "failed to get nwfilter binding '%s'", *portdev);
    return binding;
}

static const vshCmdOptDef opts_binding_create[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML network filter binding description",
     .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdNWFilterBindingCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNWFilterBinding) binding = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_NWFILTER_BINDING_CREATE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(binding = virNWFilterBindingCreateXML(vshConnection(ctl), xml, flags))) {
        vshError(ctl, "Failed to create network filter from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Network filter binding on %s created from %s\n",
                  virNWFilterBindingGetPortDev(binding), file);
    return true;
}

static const vshCmdOptDef opts_binding_delete[] = {
    {.name = "binding", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "network filter binding port dev"},
    {.name = NULL},
};

static bool
cmdNWFilterBindingDelete(vshControl *ctl, const vshCmd *cmd)
{
    const char *portdev = NULL;
    g_autoptr(virNWFilterBinding) binding = virtkitCommandOptBinding(ctl, cmd, &portdev);

    if (!binding)
        return false;
    if (virNWFilterBindingDelete(binding) < 0) {
        vshError(ctl, "Failed to delete network filter binding %s", portdev);
        return false;
    }
    vshPrintExtra(ctl, "Network filter binding on %s deleted\n", portdev);
    return true;
}

static const vshCmdOptDef opts_binding_dumpxml[] = {
    {.name = "binding", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "network filter binding portdev"},
    OPT_XPATH,
    {.name = NULL},
};

static bool
cmdNWFilterBindingDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    const char *portdev = NULL;
    g_autoptr(virNWFilterBinding) binding = virtkitCommandOptBinding(ctl, cmd, &portdev);
    g_autofree char *xml = NULL;

    if (!binding)
        return false;
    if (!(xml = virNWFilterBindingGetXMLDesc(binding, 0)))
        return false;
    if (!virtkitPrintXMLOpts(ctl, cmd, xml))
        return false;
    return true;
}

static const vshCmdOptDef opts_binding_list[] = {
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static int
virtkitBindingCmp(const void *a, const void *b)
{
    return g_strcmp0(virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *)a),
                     virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *)b));
}

static bool
cmdNWFilterBindingList(vshControl *ctl, const vshCmd *cmd)
{
    virNWFilterBindingPtr *bindings = NULL;
    int n;

    if ((n = virConnectListAllNWFilterBindings(vshConnection(ctl), &bindings, 0)) < 0) {
        vshError(ctl, "%s", "Failed to list network filter bindings");
        return false;
    }
    qsort(bindings, n, sizeof(*bindings), virtkitBindingCmp);
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "port_dev");
            json_builder_add_string_value(b, virNWFilterBindingGetPortDev(bindings[i]));
            json_builder_set_member_name(b, "filter");
            json_builder_add_string_value(b, virNWFilterBindingGetFilterName(bindings[i]));
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        g_autoptr(vshTable) table = vshTableNew("Port Dev", "Filter", NULL);

        for (int i = 0; i < n; i++)
            vshTableRowAppend(table, virNWFilterBindingGetPortDev(bindings[i]),
                              virNWFilterBindingGetFilterName(bindings[i]), NULL);
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virNWFilterBindingFree(bindings[i]);
    free(bindings);
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "nwfilter-define", .handler = cmdNWFilterDefine, .opts = opts_nwfilter_define,
     .help = "define or update a network filter from an XML file",
     .desc = "Define a new network filter or update an existing one."},
    {.name = "nwfilter-dumpxml", .handler = cmdNWFilterDumpXML, .opts = opts_nwfilter_dumpxml,
     .help = "network filter information in XML",
     .desc = "Output the network filter information as an XML dump to stdout."},
    {.name = "nwfilter-edit", .handler = cmdNWFilterEdit, .opts = opts_nwfilter,
     .help = "edit XML configuration for a network filter",
     .desc = "Edit the XML configuration for a network filter."},
    {.name = "nwfilter-list", .handler = cmdNWFilterList, .opts = opts_nwfilter_list,
     .help = "list network filters", .desc = "Returns list of network filters."},
    {.name = "nwfilter-undefine", .handler = cmdNWFilterUndefine, .opts = opts_nwfilter,
     .help = "undefine a network filter", .desc = "Undefine a given network filter."},
    {.name = "nwfilter-binding-create", .handler = cmdNWFilterBindingCreate,
     .opts = opts_binding_create,
     .help = "create a network filter binding from an XML file",
     .desc = "Create a new network filter binding."},
    {.name = "nwfilter-binding-delete", .handler = cmdNWFilterBindingDelete,
     .opts = opts_binding_delete,
     .help = "delete a network filter binding", .desc = "Delete a given network filter binding."},
    {.name = "nwfilter-binding-dumpxml", .handler = cmdNWFilterBindingDumpXML,
     .opts = opts_binding_dumpxml,
     .help = "network filter information in XML",
     .desc = "Output the network filter information as an XML dump to stdout."},
    {.name = "nwfilter-binding-list", .handler = cmdNWFilterBindingList,
     .opts = opts_binding_list,
     .help = "list network filter bindings", .desc = "Returns list of network filter bindings."},
    {.name = NULL},
};

const vshCmdTable virtkitNWFilterTable = { "filter", cmds };
