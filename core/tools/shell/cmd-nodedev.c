/*
 * cmd-nodedev.c: the virsh 'nodedev' group: the host's devices
 */
#include <stdlib.h>
#include <string.h>

#include "virtkit-cmds.h"

#define OPT_DEVICE(helpstr) \
    {.name = "device", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = helpstr, .completer = VSH_COMPLETE_NODEDEV}
#define OPT_DEVICE_WWN OPT_DEVICE("device name or wwn pair in 'wwnn,wwpn' format")

/* The device option "device" names by name only (the PCI commands). */
static virNodeDevicePtr
virtkitNodeDeviceByName(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    virNodeDevicePtr dev;

    if (vshCommandOptStringReq(ctl, cmd, "device", name) <= 0 || !vshConnection(ctl))
        return NULL;
    if (!(dev = virNodeDeviceLookupByName(vshConnection(ctl), *name)))
        vshError(ctl, "Could not find matching device '%s'", *name);
    return dev;
}

/* ---- nodedev-create / nodedev-define ---- */

static const vshCmdOptDef opts_nodedev_create[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML description of the device",
     .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdNodeDeviceCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNodeDevice) dev = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_NODE_DEVICE_CREATE_XML_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(dev = virNodeDeviceCreateXML(vshConnection(ctl), xml, flags))) {
        vshError(ctl, "Failed to create node device from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Node device %s created from %s\n", virNodeDeviceGetName(dev), file);
    return true;
}

static bool
cmdNodeDeviceDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNodeDevice) dev = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_NODE_DEVICE_DEFINE_XML_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(dev = virNodeDeviceDefineXML(vshConnection(ctl), xml, flags))) {
        vshError(ctl, "Failed to define node device from '%s'", file);
        return false;
    }
    vshPrintExtra(ctl, "Node device '%s' defined from '%s'\n",
                  virNodeDeviceGetName(dev), file);
    return true;
}

/* ---- nodedev-destroy / nodedev-undefine / nodedev-start ---- */

static const vshCmdOptDef opts_nodedev_wwn[] = {
    OPT_DEVICE_WWN,
    {.name = NULL},
};

static bool
cmdNodeDeviceDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return VIRTKIT_OBJECT_ACTION(ctl, cmd, virtkitCommandOptNodeDevice, virNodeDeviceDestroy, virNodeDeviceFree,
                                 "Failed to destroy node device '%s'", "Destroyed node device '%s'\n");
}

static int
virNodeDeviceUndefineNoFlags(virNodeDevicePtr obj)
{
    return virNodeDeviceUndefine(obj, 0);
}

static bool
cmdNodeDeviceUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return VIRTKIT_OBJECT_ACTION(ctl, cmd, virtkitCommandOptNodeDevice, virNodeDeviceUndefineNoFlags, virNodeDeviceFree,
                                 "Failed to undefine node device '%s'", "Undefined node device '%s'\n");
}

static const vshCmdOptDef opts_nodedev_start[] = {
    OPT_DEVICE("device name"),
    {.name = NULL},
};

static bool
cmdNodeDeviceStart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = virtkitNodeDeviceByName(ctl, cmd, &name);

    if (!dev)
        return false;
    if (virNodeDeviceCreate(dev, 0) < 0) {
        vshError(ctl, "Failed to start device %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Device %s started\n", name);
    return true;
}

/* ---- nodedev-autostart ---- */

static const vshCmdOptDef opts_nodedev_autostart[] = {
    OPT_DEVICE_WWN,
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable autostarting"},
    {.name = NULL},
};

static bool
cmdNodeDeviceAutostart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = virtkitCommandOptNodeDevice(ctl, cmd, NULL, &name);
    bool disable = vshCommandOptBool(cmd, "disable");

    if (!dev)
        return false;
    if (virNodeDeviceSetAutostart(dev, !disable) < 0) {
        vshError(ctl, "failed to %smark device %s as autostarted", disable ? "un" : "", name);
        return false;
    }
    vshPrintExtra(ctl, "Device %s %smarked as autostarted\n", name, disable ? "un" : "");
    return true;
}

/* ---- nodedev-detach / nodedev-reattach / nodedev-reset ---- */

static const vshCmdOptDef opts_nodedev_detach[] = {
    OPT_DEVICE("device key"),
    {.name = "driver", .type = VSH_OT_STRING,
     .help = "pci device assignment backend driver (e.g. 'vfio' or 'xen')"},
    {.name = NULL},
};

static bool
cmdNodeDeviceDetach(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    const char *driver = NULL;
    g_autoptr(virNodeDevice) dev = NULL;
    int rc;

    if (vshCommandOptStringReq(ctl, cmd, "driver", &driver) < 0)
        return false;
    if (!(dev = virtkitNodeDeviceByName(ctl, cmd, &name)))
        return false;
    if (driver)
        rc = virNodeDeviceDetachFlags(dev, driver, 0);
    else
        rc = virNodeDeviceDettach(dev);
    if (rc < 0) {
        vshError(ctl, "Failed to detach device %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Device %s detached\n", name);
    return true;
}

static const vshCmdOptDef opts_nodedev_key[] = {
    OPT_DEVICE("device key"),
    {.name = NULL},
};

static bool
cmdNodeDeviceReAttach(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = virtkitNodeDeviceByName(ctl, cmd, &name);

    if (!dev)
        return false;
    if (virNodeDeviceReAttach(dev) < 0) {
        vshError(ctl, "Failed to re-attach device %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Device %s re-attached\n", name);
    return true;
}

static bool
cmdNodeDeviceReset(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNodeDevice) dev = virtkitNodeDeviceByName(ctl, cmd, &name);

    if (!dev)
        return false;
    if (virNodeDeviceReset(dev) < 0) {
        vshError(ctl, "Failed to reset device %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Device %s reset\n", name);
    return true;
}

/* ---- nodedev-dumpxml ---- */

static const vshCmdOptDef opts_nodedev_dumpxml[] = {
    OPT_DEVICE_WWN,
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT | VSH_OFLAG_EMPTY_OK,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdNodeDeviceDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNodeDevice) dev = virtkitCommandOptNodeDevice(ctl, cmd, NULL, NULL);
    g_autofree char *xml = NULL;

    if (!dev)
        return false;
    if (!(xml = virNodeDeviceGetXMLDesc(dev, 0)))
        return false;
    if (!virtkitPrintXMLOpts(ctl, cmd, xml))
        return false;
    return true;
}

/* ---- nodedev-info ---- */

static const vshCmdOptDef opts_nodedev_info[] = {
    OPT_DEVICE_WWN,
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdNodeDeviceInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNodeDevice) dev = virtkitCommandOptNodeDevice(ctl, cmd, NULL, NULL);
    const char *parent;
    int active, persistent, autostart = 0;
    bool autostartOK;

    if (!dev)
        return false;
    parent = virNodeDeviceGetParent(dev);
    active = virNodeDeviceIsActive(dev);
    persistent = virNodeDeviceIsPersistent(dev);
    autostartOK = virNodeDeviceGetAutostart(dev, &autostart) >= 0;
    vshResetLibvirtError();

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, virNodeDeviceGetName(dev));
        json_builder_set_member_name(b, "parent");
        if (parent)
            json_builder_add_string_value(b, parent);
        else
            json_builder_add_null_value(b);
        json_builder_set_member_name(b, "active");
        if (active < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, active);
        json_builder_set_member_name(b, "persistent");
        if (persistent < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, persistent);
        json_builder_set_member_name(b, "autostart");
        if (autostartOK)
            json_builder_add_boolean_value(b, autostart);
        else
            json_builder_add_null_value(b);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }

    vshPrint(ctl, "%-15s %s\n", "Name:", virNodeDeviceGetName(dev));
    vshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "");
    vshPrint(ctl, "%-15s %s\n", "Active:", active < 0 ? "unknown" : active ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Autostart:",
             !autostartOK ? "no autostart" : autostart ? "yes" : "no");
    return true;
}

/* ---- nodedev-list ---- */

static const vshCmdOptDef opts_nodedev_list[] = {
    {.name = "tree", .type = VSH_OT_BOOL, .help = "list devices in a tree"},
    {.name = "cap", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK, .help = "capability names, separated by comma"},
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive devices"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active devices"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static const struct {
    const char *name;
    unsigned int flag;
} virtkitNodeDevCaps[] = {
    {"system", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM},
    {"pci", VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV},
    {"usb_device", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV},
    {"usb", VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE},
    {"net", VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET},
    {"scsi_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST},
    {"scsi_target", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET},
    {"scsi", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI},
    {"storage", VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE},
    {"fc_host", VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST},
    {"vports", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS},
    {"scsi_generic", VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC},
    {"drm", VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM},
    {"mdev_types", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES},
    {"mdev", VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV},
    {"ccw", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV},
    {"css", VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV},
    {"vdpa", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA},
    {"ap_card", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD},
    {"ap_queue", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE},
    {"ap_matrix", VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX},
    {"vpd", VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD},
};

static int
virtkitNodeDevCmp(const void *a, const void *b)
{
    return g_strcmp0(virNodeDeviceGetName(*(virNodeDevicePtr const *)a),
                     virNodeDeviceGetName(*(virNodeDevicePtr const *)b));
}

/* Print device I of NAMES (its parent in PARENTS, NULL for the roots) and,
 * below it, its children: "+- name" lines joined by "|" rails. */
static void
virtkitNodeDevTree(vshControl *ctl, char **names, char **parents, int n, int i,
                   bool root, bool last, GString *indent)
{
    int lastChild = -1;

    vshPrint(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", names[i]);
    if (!root)
        g_string_append(indent, last ? "  " : "| ");
    for (int j = 0; j < n; j++)
        if (parents[j] && g_str_equal(parents[j], names[i]))
            lastChild = j;
    if (lastChild >= 0)
        vshPrint(ctl, "%s  |\n", indent->str);
    g_string_append(indent, "  ");
    for (int j = 0; j < n; j++)
        if (parents[j] && g_str_equal(parents[j], names[i]))
            virtkitNodeDevTree(ctl, names, parents, n, j, false, j == lastChild, indent);
    g_string_truncate(indent, indent->len - 2);
    if (lastChild < 0 && last)
        vshPrint(ctl, "%s\n", indent->str);
    if (!root)
        g_string_truncate(indent, indent->len - 2);
}

static bool
cmdNodeListDevices(vshControl *ctl, const vshCmd *cmd)
{
    bool tree = vshCommandOptBool(cmd, "tree");
    bool inactive = vshCommandOptBool(cmd, "inactive");
    bool all = vshCommandOptBool(cmd, "all");
    const char *capList = NULL;
    unsigned int flags = 0;
    virNodeDevicePtr *devs = NULL;
    int n;

    if (vshCommandOptStringReq(ctl, cmd, "cap", &capList) < 0)
        return false;
    if (inactive && all) {
        vshError(ctl, "%s", "Option --all is incompatible with --inactive");
        return false;
    }
    if (tree && (capList || inactive)) {
        vshError(ctl, "%s", "Option --tree is incompatible with --cap and --inactive");
        return false;
    }
    if (capList && *capList) {
        g_auto(GStrv) caps = g_strsplit(capList, ",", 0);

        for (size_t i = 0; caps[i]; i++) {
            size_t k;

            for (k = 0; k < G_N_ELEMENTS(virtkitNodeDevCaps); k++)
                if (g_str_equal(caps[i], virtkitNodeDevCaps[k].name))
                    break;
            if (k == G_N_ELEMENTS(virtkitNodeDevCaps)) {
                vshError(ctl, "%s", "Invalid capability type");
                return false;
            }
            flags |= virtkitNodeDevCaps[k].flag;
        }
    }
    if (inactive)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    else if (all)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE | VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;
    else
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;

    if ((n = virConnectListAllNodeDevices(vshConnection(ctl), &devs, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list node devices");
        return false;
    }
    qsort(devs, n, sizeof(*devs), virtkitNodeDevCmp);

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            const char *parent = virNodeDeviceGetParent(devs[i]);

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virNodeDeviceGetName(devs[i]));
            json_builder_set_member_name(b, "parent");
            if (parent)
                json_builder_add_string_value(b, parent);
            else
                json_builder_add_null_value(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshResetLibvirtError();
        vshPrintJSON(ctl, b);
    } else if (tree) {
        g_autofree char **names = g_new0(char *, n + 1);
        g_autofree char **parents = g_new0(char *, n + 1);
        g_autoptr(GString) indent = g_string_new("");

        for (int i = 0; i < n; i++)
            names[i] = (char *)virNodeDeviceGetName(devs[i]);
        for (int i = 0; i < n; i++) {
            const char *parent = virNodeDeviceGetParent(devs[i]);

            /* a parent outside the list makes a root */
            for (int j = 0; parent && j < n; j++) {
                if (g_str_equal(parent, names[j])) {
                    parents[i] = names[j];
                    break;
                }
            }
        }
        vshResetLibvirtError();
        for (int i = 0; i < n; i++)
            if (!parents[i])
                virtkitNodeDevTree(ctl, names, parents, n, i, true, false, indent);
    } else {
        for (int i = 0; i < n; i++)
            vshPrint(ctl, "%s\n", virNodeDeviceGetName(devs[i]));
    }
    for (int i = 0; i < n; i++)
        virNodeDeviceFree(devs[i]);
    free(devs);
    return true;
}


/* ---- nodedev-event ---- */

static const vshCmdOptDef opts_nodedev_event[] = {
    {.name = "device", .type = VSH_OT_STRING,
     .help = "filter by node device name"},
    {.name = "event", .type = VSH_OT_STRING,
     .help = "which event type to wait for"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

static const char *const virtkitNodeDevEventNames[] = { "lifecycle", "update", NULL };

static void
virtkitNodeDevEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virNodeDevicePtr dev,
                             int event, int detail G_GNUC_UNUSED, void *opaque)
{
    static const char *const kinds[] = { "Created", "Deleted", "Defined", "Undefined" };

    virtkitEventPrint(opaque, "event 'lifecycle' for node device %s: %s\n",
                      virNodeDeviceGetName(dev),
                      event >= 0 && event < (int)G_N_ELEMENTS(kinds) ? kinds[event] : "unknown");
}

static void
virtkitNodeDevEventUpdate(virConnectPtr conn G_GNUC_UNUSED, virNodeDevicePtr dev, void *opaque)
{
    virtkitEventPrint(opaque, "event 'update' for node device %s\n", virNodeDeviceGetName(dev));
}

static bool
cmdNodeDeviceEvent(vshControl *ctl, const vshCmd *cmd)
{
    virtkitEventWait wait = { 0 };
    g_autoptr(virNodeDevice) dev = NULL;
    virConnectPtr conn;
    const char *name = NULL;
    int kind;
    int id;
    bool ok;

    if ((kind = virtkitEventOptions(ctl, cmd, virtkitNodeDevEventNames, &wait)) == -2)
        return true;
    if (kind < 0)
        return false;
    if (virEventRegisterDefaultImpl() < 0 || !(conn = vshConnection(ctl)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "device", &name) < 0)
        return false;
    if (name && !(dev = virNodeDeviceLookupByName(conn, name))) {
        vshError(ctl, "Could not find matching device '%s'", name);
        return false;
    }
    id = virConnectNodeDeviceEventRegisterAny(conn, dev, kind,
                                              kind == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE
                                              ? (virConnectNodeDeviceEventGenericCallback)(void (*)(void))virtkitNodeDevEventLifecycle
                                              : (virConnectNodeDeviceEventGenericCallback)(void (*)(void))virtkitNodeDevEventUpdate,
                                              &wait, NULL);
    if (id < 0)
        return false;
    ok = virtkitEventRun(ctl, &wait);
    virConnectNodeDeviceEventDeregisterAny(conn, id);
    return ok;
}

static const vshCmdDef cmds[] = {
    {.name = "nodedev-create", .handler = cmdNodeDeviceCreate, .opts = opts_nodedev_create,
     .help = "create a device defined by an XML file on the node",
     .desc = "Create a device on the node.  Note that this command creates devices on the physical host that can then be assigned to a virtual machine."},
    {.name = "nodedev-destroy", .handler = cmdNodeDeviceDestroy, .opts = opts_nodedev_wwn,
     .help = "destroy (stop) a device on the node",
     .desc = "Destroy a device on the node.  Note that this command destroys devices on the physical host"},
    {.name = "nodedev-detach", .handler = cmdNodeDeviceDetach, .opts = opts_nodedev_detach,
     .help = "detach node device from its device driver",
     .desc = "Detach node device from its device driver before assigning to a domain."},
    {.name = "nodedev-dettach", .flags = VSH_CMD_FLAG_ALIAS, .alias = "nodedev-detach"},
    {.name = "nodedev-dumpxml", .handler = cmdNodeDeviceDumpXML, .opts = opts_nodedev_dumpxml,
     .help = "node device details in XML",
     .desc = "Output the node device details as an XML dump to stdout."},
    {.name = "nodedev-list", .handler = cmdNodeListDevices, .opts = opts_nodedev_list,
     .help = "enumerate devices on this host", .desc = ""},
    {.name = "nodedev-reattach", .handler = cmdNodeDeviceReAttach, .opts = opts_nodedev_key,
     .help = "reattach node device to its device driver",
     .desc = "Reattach node device to its device driver once released by the domain."},
    {.name = "nodedev-reset", .handler = cmdNodeDeviceReset, .opts = opts_nodedev_key,
     .help = "reset node device",
     .desc = "Reset node device before or after assigning to a domain."},
    {.name = "nodedev-event", .handler = cmdNodeDeviceEvent, .opts = opts_nodedev_event,
     .help = "Node Device Events",
     .desc = "List event types, or wait for node device events to occur"},
    {.name = "nodedev-define", .handler = cmdNodeDeviceDefine, .opts = opts_nodedev_create,
     .help = "Define a device by an xml file on a node",
     .desc = "Defines a persistent device on the node that can be assigned to a domain. The device must be started before it can be assigned to a domain."},
    {.name = "nodedev-undefine", .handler = cmdNodeDeviceUndefine, .opts = opts_nodedev_wwn,
     .help = "Undefine an inactive node device",
     .desc = "Undefines the configuration for an inactive node device"},
    {.name = "nodedev-start", .handler = cmdNodeDeviceStart, .opts = opts_nodedev_start,
     .help = "Start an inactive node device",
     .desc = "Starts an inactive node device that was previously defined"},
    {.name = "nodedev-autostart", .handler = cmdNodeDeviceAutostart, .opts = opts_nodedev_autostart,
     .help = "autostart a defined node device",
     .desc = "Configure a node device to be automatically started at boot."},
    {.name = "nodedev-info", .handler = cmdNodeDeviceInfo, .opts = opts_nodedev_info,
     .help = "node device information",
     .desc = "Returns basic information about the node device"},
    {.name = NULL},
};

const vshCmdTable virtkitNodedevTable = { "nodedev", cmds };
