/*
 * qemu_driver_hotplug.c: disks and network interfaces attached to and
 * detached from a running guest (virDomainAttachDevice*,
 * virDomainDetachDevice*), and the same on the persistent definition.
 *
 * The QMP arguments of a new disk are not written a second time here: the
 * definition with the disk added is turned into a command line by the
 * same qemuBuildCommandLine() a start uses, and the disk's -blockdev and
 * -device JSON (an interface's -netdev and -device) are taken from it:
 * their JSON is exactly what blockdev-add, netdev_add and device_add
 * take.  Only the block node names change: the command line numbers
 * nodes by disk position, so the new nodes get the next free number of
 * the running QEMU instead ("libvirt-N-storage/-format", as libvirt names
 * them), and a new interface's tap, opened here, reaches QEMU through
 * getfd on the monitor socket and is named in netdev_add.  A detach asks
 * the guest with device_del, waits for QEMU's DEVICE_DELETED, then
 * removes the block nodes or the network backend (and with it the tap).
 */
#include <string.h>
#include <unistd.h>

#include "qemu_command.h"
#include "qemu_driver_private.h"
#include "qemu_interface.h"
#include "qemu_process.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How long a guest gets to let go of a disk. */
#define QEMU_HOTPLUG_UNPLUG_TIMEOUT_MS 30000

typedef enum {
    QEMU_HOTPLUG_DISK,
    QEMU_HOTPLUG_NET,
} qemuHotplugKind;

/* What the device document XML is: a <disk> (*RET_KEY its target dev) or
 * an <interface> (*RET_KEY its MAC address, or NULL when it has none).
 * VERB names the operation in the error for any other device.  0 or -1
 * reported. */
static int
qemuHotplugParseDevice(const char *xml, const char *verb,
                       qemuHotplugKind *ret_kind, char **ret_key)
{
    xmlDocPtr doc = virXMLParse(NULL, xml, "(device_definition)", NULL, VIR_FROM_DOMAIN);
    xmlNodePtr root;
    xmlNodePtr child;
    xmlChar *value = NULL;
    int ret = -1;

    if (!doc)
        return -1;
    root = xmlDocGetRootElement(doc);
    *ret_key = NULL;
    if (strcmp((const char *)root->name, "disk") == 0) {
        *ret_kind = QEMU_HOTPLUG_DISK;
        if (!(child = virXMLChild(root, "target")) ||
            !(value = xmlGetProp(child, (const xmlChar *)"dev"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", _("missing disk device target"));
            goto cleanup;
        }
    } else if (strcmp((const char *)root->name, "interface") == 0) {
        *ret_kind = QEMU_HOTPLUG_NET;
        if ((child = virXMLChild(root, "mac")))
            value = xmlGetProp(child, (const xmlChar *)"address");
    } else {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("%s of device '%s' is not supported"), verb,
                       (const char *)root->name);
        goto cleanup;
    }
    *ret_key = value ? g_strdup((const char *)value) : NULL;
    ret = 0;

 cleanup:
    xmlFree(value);
    xmlFreeDoc(doc);
    return ret;
}

/* BASE with the device DEVXML added: parsed as part of the whole domain
 * (so the domain parser reads the device), then completed with defaults
 * (the PCI address) and, for the live definition, aliases. */
static virDomainDef *
qemuHotplugDefWithDevice(qemuDriver *driver, const virDomainDef *base,
                         const char *devxml, bool live)
{
    g_autofree char *xml = NULL;
    g_autofree char *text = NULL;
    virDomainDef *def;
    char *end;

    if (!(xml = virDomainDefFormat(base, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                         (live ? 0 : VIR_DOMAIN_DEF_FORMAT_INACTIVE))))
        return NULL;
    if (!(end = g_strrstr(xml, "</devices>"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("the domain definition has no devices element"));
        return NULL;
    }
    text = g_strdup_printf("%.*s%s\n%s", (int)(end - xml), xml, devxml, end);
    if (!(def = virDomainDefParseString(text, live ? VIR_DOMAIN_DEF_PARSE_STATUS
                                                   : VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (qemuDomainDefAddDefaults(def, &driver->defaultsInfo) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    if (live)
        qemuDomainAssignAliases(def);
    return def;
}

static virDomainDiskDef *
qemuHotplugFindDisk(const virDomainDef *def, const char *dst, size_t *ret_idx)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, dst) == 0) {
            if (ret_idx)
                *ret_idx = i;
            return def->disks[i];
        }
    }
    return NULL;
}

/* The disk of NEWDEF that OLDDEF does not have, or NULL reported. */
static virDomainDiskDef *
qemuHotplugNewDisk(const virDomainDef *olddef, const virDomainDef *newdef)
{
    size_t i;

    for (i = 0; i < newdef->ndisks; i++) {
        virDomainDiskDef *disk = newdef->disks[i];
        size_t n = 0;
        size_t j;

        /* a target given twice: the new one is the second */
        for (j = 0; j < newdef->ndisks; j++)
            n += g_strcmp0(newdef->disks[j]->dst, disk->dst) == 0;
        if (n > 1) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("target %s already exists"), disk->dst);
            return NULL;
        }
        if (!qemuHotplugFindDisk(olddef, disk->dst, NULL))
            return disk;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("no new disk in the definition"));
    return NULL;
}

/* The JSON object of option OPT in ARGV whose member KEY is VALUE. */
static JsonObject *
qemuHotplugFindArg(char **argv, const char *opt, const char *key, const char *value)
{
    size_t i;

    for (i = 0; argv[i] && argv[i + 1]; i++) {
        g_autoptr(JsonNode) node = NULL;
        JsonObject *o;

        if (strcmp(argv[i], opt) != 0 || argv[i + 1][0] != '{')
            continue;
        if (!(node = json_from_string(argv[i + 1], NULL)) || !JSON_NODE_HOLDS_OBJECT(node))
            continue;
        o = json_node_get_object(node);
        if (json_object_has_member(o, key) &&
            g_strcmp0(json_object_get_string_member(o, key), value) == 0)
            return json_object_ref(o);
    }
    return NULL;
}

/* The command line of NEWDEF, the live definition of OBJ with a device
 * added, to take the new device's JSON from.  The interfaces that have a
 * tap already appear with its name; NEWNET (or NULL) with TAPFD. */
static char **
qemuHotplugBuildArgv(qemuDriver *driver, qemuDomainObj *obj, const virDomainDef *newdef,
                     const virDomainNetDef *newnet, int tapfd)
{
    g_autofree char *monitorPath = qemuDomainMonitorPath(driver, obj->def->name);
    g_autofree qemuCommandNetTap *taps = g_new0(qemuCommandNetTap, MAX(newdef->nnets, 1));
    qemuCommandContext ctx = { 0 };
    size_t i;

    for (i = 0; i < newdef->nnets; i++) {
        taps[i].fd = newdef->nets[i] == newnet ? tapfd : -1;
        taps[i].ifname = newdef->nets[i]->ifname;
    }
    ctx.monitorPath = monitorPath;
    ctx.taps = taps;
    ctx.ntaps = newdef->nnets;
    ctx.vncPort = -1;
    ctx.vncWebsocketPort = -1;
    ctx.defaults = &driver->defaultsInfo;
    ctx.kvmUsable = qemuCapsKVMUsable(driver->caps);
    return qemuBuildCommandLine(newdef, &ctx);
}

int
qemuHotplugNextNodeIndex(qemuDomainObj *obj)
{
    qemuMonitorBlockNode *nodes = NULL;
    size_t nnodes = 0;
    unsigned int max = obj->def->ndisks;
    size_t i;

    if (qemuMonitorGetNamedBlockNodes(obj->mon, &nodes, &nnodes) < 0)
        return -1;
    for (i = 0; i < nnodes; i++) {
        const char *name = nodes[i].node_name;

        if (name && g_str_has_prefix(name, "libvirt-"))
            max = MAX(max, (unsigned int)g_ascii_strtoull(name + strlen("libvirt-"), NULL, 10));
    }
    qemuMonitorBlockNodeFree(nodes, nnodes);
    return max + 1;
}

static void
qemuHotplugBlockdevDel(qemuDomainObj *obj, const char *node)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "node-name", node);
    if (qemuMonitorCommand(obj->mon, "blockdev-del", args, NULL) < 0) {
        VIR_WARN("cannot remove block node %s: %s", node, virGetLastErrorMessage());
        virResetLastError();
    }
}

/* Plug DISK of NEWDEF into the running QEMU of OBJ. */
static int
qemuHotplugAttachDiskLive(qemuDriver *driver, qemuDomainObj *obj,
                          virDomainDef *newdef, virDomainDiskDef *disk)
{
    g_autofree char *storageName = NULL;
    g_autofree char *formatName = NULL;
    g_autoptr(JsonObject) device = NULL;
    g_autoptr(JsonObject) format = NULL;
    g_autoptr(JsonObject) storage = NULL;
    g_auto(GStrv) argv = NULL;
    int index;

    if (!(argv = qemuHotplugBuildArgv(driver, obj, newdef, NULL, -1)))
        return -1;
    if (!(device = qemuHotplugFindArg(argv, "-device", "id", disk->info.alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("no device for disk '%s' on the command line"), disk->dst);
        return -1;
    }
    if (json_object_has_member(device, "drive")) {
        const char *drive = json_object_get_string_member(device, "drive");
        const char *file;

        if (!(format = qemuHotplugFindArg(argv, "-blockdev", "node-name", drive)) ||
            !json_object_has_member(format, "file") ||
            !(file = json_object_get_string_member(format, "file")) ||
            !(storage = qemuHotplugFindArg(argv, "-blockdev", "node-name", file))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("no block nodes for disk '%s' on the command line"), disk->dst);
            return -1;
        }
        if ((index = qemuHotplugNextNodeIndex(obj)) < 0)
            return -1;
        storageName = g_strdup_printf("libvirt-%d-storage", index);
        formatName = g_strdup_printf("libvirt-%d-format", index);
        json_object_set_string_member(storage, "node-name", storageName);
        json_object_set_string_member(format, "node-name", formatName);
        json_object_set_string_member(format, "file", storageName);
        json_object_set_string_member(device, "drive", formatName);

        if (qemuMonitorCommand(obj->mon, "blockdev-add", storage, NULL) < 0)
            return -1;
        if (qemuMonitorCommand(obj->mon, "blockdev-add", format, NULL) < 0) {
            qemuHotplugBlockdevDel(obj, storageName);
            return -1;
        }
    }
    if (qemuMonitorCommand(obj->mon, "device_add", device, NULL) < 0) {
        if (formatName) {
            virErrorPtr saved = virSaveLastError();
            qemuHotplugBlockdevDel(obj, formatName);
            qemuHotplugBlockdevDel(obj, storageName);
            virSetError(saved);
            virFreeError(saved);
        }
        return -1;
    }
    return 0;
}

char *
qemuDomainDiskNodeName(qemuDomainObj *obj, const char *alias)
{
    g_autoptr(JsonNode) reply = NULL;
    g_autofree char *prefix = g_strdup_printf("/machine/peripheral/%s/", alias);
    JsonArray *arr;
    guint i;

    if (qemuMonitorCommand(obj->mon, "query-block", NULL, &reply) < 0) {
        virResetLastError();
        return NULL;
    }
    arr = JSON_NODE_HOLDS_ARRAY(reply) ? json_node_get_array(reply) : NULL;
    for (i = 0; arr && i < json_array_get_length(arr); i++) {
        JsonObject *o = json_array_get_object_element(arr, i);
        const char *qdev;
        JsonObject *inserted;

        if (!o || !json_object_has_member(o, "qdev") || !json_object_has_member(o, "inserted"))
            continue;
        qdev = json_object_get_string_member(o, "qdev");
        if (!qdev || (!g_str_has_prefix(qdev, prefix) && strcmp(qdev, alias) != 0))
            continue;
        inserted = json_object_get_object_member(o, "inserted");
        if (inserted && json_object_has_member(inserted, "node-name"))
            return g_strdup(json_object_get_string_member(inserted, "node-name"));
    }
    return NULL;
}

static void
qemuHotplugRemoveDisk(virDomainDef *def, size_t idx)
{
    virDomainDiskDefFree(def->disks[idx]);
    memmove(def->disks + idx, def->disks + idx + 1,
            sizeof(def->disks[0]) * (def->ndisks - idx - 1));
    def->ndisks--;
}

static int
qemuHotplugDetachDiskLive(qemuDriver *driver, qemuDomainObj *obj, size_t idx)
{
    virDomainDiskDef *disk = obj->def->disks[idx];
    g_autofree char *alias = g_strdup(disk->info.alias);
    g_autofree char *format = NULL;
    g_autoptr(JsonObject) args = json_object_new();

    if (!alias) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("disk %s has no device alias"), disk->dst);
        return -1;
    }
    format = qemuDomainDiskNodeName(obj, alias);
    qemuProcessForgetDeletedDevice(obj, alias);
    json_object_set_string_member(args, "id", alias);
    if (qemuMonitorCommand(obj->mon, "device_del", args, NULL) < 0 ||
        qemuProcessWaitDeviceDeleted(driver, obj, alias, QEMU_HOTPLUG_UNPLUG_TIMEOUT_MS) < 0)
        return -1;
    if (format) {
        qemuHotplugBlockdevDel(obj, format);
        if (g_str_has_suffix(format, "-format")) {
            g_autofree char *storage = g_strdup_printf("%.*s-storage",
                                                       (int)(strlen(format) - strlen("-format")),
                                                       format);
            qemuHotplugBlockdevDel(obj, storage);
        }
    }
    qemuHotplugRemoveDisk(obj->def, idx);
    qemuDomainStatusSave(driver, obj);
    qemuEventEmitDevice(driver->events, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                        obj->def->name, obj->def->uuid, obj->def->id, alias);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Network interfaces                                                 */

static char *
qemuHotplugMacString(const unsigned char *mac)
{
    return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static virDomainNetDef *
qemuHotplugFindNet(const virDomainDef *def, const char *mac, size_t *ret_idx)
{
    size_t i;

    for (i = 0; mac && i < def->nnets; i++) {
        g_autofree char *str = qemuHotplugMacString(def->nets[i]->mac);
        if (g_ascii_strcasecmp(str, mac) == 0) {
            if (ret_idx)
                *ret_idx = i;
            return def->nets[i];
        }
    }
    return NULL;
}

/* The interface of NEWDEF whose MAC OLDDEF does not have. */
static virDomainNetDef *
qemuHotplugNewNet(const virDomainDef *olddef, const virDomainDef *newdef)
{
    size_t i;

    for (i = 0; i < newdef->nnets; i++) {
        g_autofree char *mac = qemuHotplugMacString(newdef->nets[i]->mac);
        if (!qemuHotplugFindNet(olddef, mac, NULL))
            return newdef->nets[i];
    }
    virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                   _("the interface's MAC address is already in use"));
    return NULL;
}

static void
qemuHotplugNetdevDel(qemuDomainObj *obj, const char *id)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "id", id);
    if (qemuMonitorCommand(obj->mon, "netdev_del", args, NULL) < 0) {
        VIR_WARN("cannot remove network backend %s: %s", id, virGetLastErrorMessage());
        virResetLastError();
    }
}

/* Undo what qemuHotplugAttachNetLive did in QEMU when a later step
 * failed: the backend NETDEV (or NULL) and the passed tap FDNAME (or
 * NULL).  Keeps the error of the failure. */
static void
qemuHotplugAttachNetRollback(qemuDomainObj *obj, const char *netdev, const char *fdname)
{
    virErrorPtr saved = virSaveLastError();

    if (netdev)
        qemuHotplugNetdevDel(obj, netdev);
    if (fdname && qemuMonitorCloseFd(obj->mon, fdname) < 0)
        virResetLastError();
    virSetError(saved);
    virFreeError(saved);
}

/* Plug NET of NEWDEF into the running QEMU of OBJ: for an interface with
 * a tap, the tap is opened here, passed to QEMU over the monitor socket
 * (getfd) and named in netdev_add's "fd"; QEMU then holds the only
 * descriptor, so the tap goes when the backend is removed. */
static int
qemuHotplugAttachNetLive(qemuDriver *driver, qemuDomainObj *obj,
                         virDomainDef *newdef, virDomainNetDef *net)
{
    g_autoptr(JsonObject) device = NULL;
    g_autoptr(JsonObject) netdev = NULL;
    g_autofree char *fdname = NULL;
    g_auto(GStrv) argv = NULL;
    const char *netdevId;
    bool fdSent = false;
    int tapfd = -1;
    int ret = -1;

    if (qemuInterfaceNeedsTap(net) && (tapfd = qemuInterfaceOpenTap(net)) < 0)
        return -1;
    if (!(argv = qemuHotplugBuildArgv(driver, obj, newdef, net, tapfd)))
        goto cleanup;
    if (!(device = qemuHotplugFindArg(argv, "-device", "id", net->info.alias)) ||
        !json_object_has_member(device, "netdev") ||
        !(netdevId = json_object_get_string_member(device, "netdev")) ||
        !(netdev = qemuHotplugFindArg(argv, "-netdev", "id", netdevId))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("no device for interface '%s' on the command line"),
                       net->info.alias);
        goto cleanup;
    }
    if (tapfd >= 0) {
        fdname = g_strdup_printf("tapfd-%s", net->info.alias);
        if (qemuMonitorSendFd(obj->mon, fdname, tapfd) < 0)
            goto cleanup;
        fdSent = true;
        json_object_set_string_member(netdev, "fd", fdname);
    }
    if (qemuMonitorCommand(obj->mon, "netdev_add", netdev, NULL) < 0) {
        qemuHotplugAttachNetRollback(obj, NULL, fdSent ? fdname : NULL);
        goto cleanup;
    }
    if (qemuMonitorCommand(obj->mon, "device_add", device, NULL) < 0) {
        /* netdev_add consumed the passed descriptor */
        qemuHotplugAttachNetRollback(obj, netdevId, NULL);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    /* QEMU has its own copy now, or the tap goes with ours */
    if (tapfd >= 0)
        close(tapfd);
    return ret;
}

static int
qemuHotplugDetachNetLive(qemuDriver *driver, qemuDomainObj *obj, size_t idx)
{
    virDomainNetDef *net = obj->def->nets[idx];
    g_autofree char *alias = g_strdup(net->info.alias);
    g_autofree char *netdev = NULL;
    g_autoptr(JsonObject) args = json_object_new();

    if (!alias) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", _("the interface has no device alias"));
        return -1;
    }
    netdev = g_strdup_printf("host%s", alias);
    qemuProcessForgetDeletedDevice(obj, alias);
    json_object_set_string_member(args, "id", alias);
    if (qemuMonitorCommand(obj->mon, "device_del", args, NULL) < 0 ||
        qemuProcessWaitDeviceDeleted(driver, obj, alias, QEMU_HOTPLUG_UNPLUG_TIMEOUT_MS) < 0)
        return -1;
    qemuHotplugNetdevDel(obj, netdev);
    virDomainNetDefFree(obj->def->nets[idx]);
    memmove(obj->def->nets + idx, obj->def->nets + idx + 1,
            sizeof(obj->def->nets[0]) * (obj->def->nnets - idx - 1));
    obj->def->nnets--;
    qemuDomainStatusSave(driver, obj);
    qemuEventEmitDevice(driver->events, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                        obj->def->name, obj->def->uuid, obj->def->id, alias);
    return 0;
}

static void
qemuHotplugRemoveNet(virDomainDef *def, size_t idx)
{
    virDomainNetDefFree(def->nets[idx]);
    memmove(def->nets + idx, def->nets + idx + 1, sizeof(def->nets[0]) * (def->nnets - idx - 1));
    def->nnets--;
}

/* Resolve AFFECT_LIVE/CONFIG/CURRENT in FLAGS for OBJ as libvirt does. */
static int
qemuHotplugResolveFlags(qemuDomainObj *obj, unsigned int flags, bool *live, bool *config)
{
    *live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        if (qemuDomainObjIsActive(obj))
            *live = true;
        else
            *config = true;
    }
    if (*live && qemuDomainObjCheckActive(obj) < 0)
        return -1;
    if (*config && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot modify device on transient domain"));
        return -1;
    }
    return 0;
}

static void
qemuHotplugSetPersistentDef(qemuDomainObj *obj, virDomainDef *def)
{
    if (qemuDomainObjIsActive(obj)) {
        virDomainDefFree(obj->newDef);
        obj->newDef = def;
    } else {
        def->id = -1;
        virDomainDefFree(obj->def);
        obj->def = def;
    }
}

static int
qemuDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autofree char *key = NULL;
    virDomainDef *newLive = NULL;
    virDomainDef *newConfig = NULL;
    qemuHotplugKind kind;
    qemuDomainObj *obj;
    const char *alias = NULL;
    bool live;
    bool config;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (qemuHotplugParseDevice(xml, "attach", &kind, &key) < 0)
        return -1;
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuHotplugResolveFlags(obj, flags, &live, &config) < 0)
        goto cleanup;
    if (kind == QEMU_HOTPLUG_DISK &&
        ((live && qemuHotplugFindDisk(obj->def, key, NULL)) ||
         (config && qemuHotplugFindDisk(qemuDomainObjGetPersistentDef(obj), key, NULL)))) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("target %s already exists"), key);
        goto cleanup;
    }

    if (config) {
        virDomainDef *base = qemuDomainObjGetPersistentDef(obj);

        if (!(newConfig = qemuHotplugDefWithDevice(driver, base, xml, false)) ||
            (kind == QEMU_HOTPLUG_DISK ? !qemuHotplugNewDisk(base, newConfig)
                                       : !qemuHotplugNewNet(base, newConfig)))
            goto cleanup;
    }
    if (live) {
        if (!(newLive = qemuHotplugDefWithDevice(driver, obj->def, xml, true)))
            goto cleanup;
        if (kind == QEMU_HOTPLUG_DISK) {
            virDomainDiskDef *disk = qemuHotplugNewDisk(obj->def, newLive);
            if (!disk || qemuHotplugAttachDiskLive(driver, obj, newLive, disk) < 0)
                goto cleanup;
            alias = disk->info.alias;
        } else {
            virDomainNetDef *net = qemuHotplugNewNet(obj->def, newLive);
            if (!net || qemuHotplugAttachNetLive(driver, obj, newLive, net) < 0)
                goto cleanup;
            alias = net->info.alias;
        }
        /* the running definition is now the one with the device */
        newLive->id = obj->def->id;
        virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&newLive);
        qemuDomainStatusSave(driver, obj);
        qemuEventEmitDevice(driver->events, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
                            obj->def->name, obj->def->uuid, obj->def->id, alias);
    }
    if (config) {
        if (qemuDomainConfigSave(driver, newConfig) < 0)
            goto cleanup;
        qemuHotplugSetPersistentDef(obj, g_steal_pointer(&newConfig));
    }
    ret = 0;

 cleanup:
    virDomainDefFree(newLive);
    virDomainDefFree(newConfig);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainAttachDevice(virDomainPtr dom, const char *xml)
{
    return qemuDomainAttachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_LIVE);
}

/* Report that the device KIND/KEY is not in the definition. */
static void
qemuHotplugReportMissing(qemuHotplugKind kind, const char *key)
{
    if (kind == QEMU_HOTPLUG_DISK)
        virReportError(VIR_ERR_DEVICE_MISSING, _("disk %s not found"), key);
    else
        virReportError(VIR_ERR_DEVICE_MISSING,
                       _("no device matching MAC address %s found"), key ? key : "(none)");
}

static int
qemuDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autofree char *key = NULL;
    virDomainDef *newConfig = NULL;
    qemuHotplugKind kind;
    qemuDomainObj *obj;
    size_t idx;
    bool live;
    bool config;
    bool found;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (qemuHotplugParseDevice(xml, "detach", &kind, &key) < 0)
        return -1;
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuHotplugResolveFlags(obj, flags, &live, &config) < 0)
        goto cleanup;

    if (config) {
        virDomainDef *base = qemuDomainObjGetPersistentDef(obj);

        found = kind == QEMU_HOTPLUG_DISK ? !!qemuHotplugFindDisk(base, key, &idx)
                                          : !!qemuHotplugFindNet(base, key, &idx);
        if (!found) {
            qemuHotplugReportMissing(kind, key);
            goto cleanup;
        }
        if (!(newConfig = virDomainDefCopy(base)))
            goto cleanup;
        if (kind == QEMU_HOTPLUG_DISK)
            qemuHotplugRemoveDisk(newConfig, idx);
        else
            qemuHotplugRemoveNet(newConfig, idx);
    }
    if (live) {
        found = kind == QEMU_HOTPLUG_DISK ? !!qemuHotplugFindDisk(obj->def, key, &idx)
                                          : !!qemuHotplugFindNet(obj->def, key, &idx);
        if (!found) {
            qemuHotplugReportMissing(kind, key);
            goto cleanup;
        }
        if ((kind == QEMU_HOTPLUG_DISK ? qemuHotplugDetachDiskLive(driver, obj, idx)
                                       : qemuHotplugDetachNetLive(driver, obj, idx)) < 0)
            goto cleanup;
    }
    if (config) {
        if (qemuDomainConfigSave(driver, newConfig) < 0)
            goto cleanup;
        qemuHotplugSetPersistentDef(obj, g_steal_pointer(&newConfig));
    }
    ret = 0;

 cleanup:
    virDomainDefFree(newConfig);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainDetachDevice(virDomainPtr dom, const char *xml)
{
    return qemuDomainDetachDeviceFlags(dom, xml, VIR_DOMAIN_AFFECT_LIVE);
}

void
qemuHotplugRegister(virHypervisorDriver *hv)
{
    hv->domainAttachDevice = qemuDomainAttachDevice;
    hv->domainAttachDeviceFlags = qemuDomainAttachDeviceFlags;
    hv->domainDetachDevice = qemuDomainDetachDevice;
    hv->domainDetachDeviceFlags = qemuDomainDetachDeviceFlags;
}
