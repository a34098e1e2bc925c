/*
 * cmd-pool.c: the virsh 'pool' group's commands of this area: storage
 * pools, listed, described, defined, started, built, stopped, removed
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* vshError, then libvirt's own error at once: the handles a handler frees
 * on its way out reset libvirt's last error before the core could print
 * it. */
static void G_GNUC_PRINTF(2, 3)
stoError(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vshError(ctl, "%s", msg);
    vshReportError(ctl);
}

/* ---- helpers shared by the pool commands ---- */

static const char *
poolStateName(int state)
{
    switch (state) {
    case VIR_STORAGE_POOL_INACTIVE: return "inactive";
    case VIR_STORAGE_POOL_BUILDING: return "building";
    case VIR_STORAGE_POOL_RUNNING: return "running";
    case VIR_STORAGE_POOL_DEGRADED: return "degraded";
    case VIR_STORAGE_POOL_INACCESSIBLE: return "inaccessible";
    default: return "unknown";
    }
}

static char *
poolPretty(unsigned long long bytes)
{
    const char *unit;
    double v = vshPrettyCapacity(bytes, &unit);
    return g_strdup_printf("%.2lf %s", v, unit);
}

/* ---- pool-list ---- */

static const vshCmdOptDef opts_pool_list[] = {
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive pools"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active pools"},
    {.name = "transient", .type = VSH_OT_BOOL, .help = "list transient pools"},
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "list persistent pools"},
    {.name = "autostart", .type = VSH_OT_BOOL, .help = "list pools with autostart enabled"},
    {.name = "no-autostart", .type = VSH_OT_BOOL, .help = "list pools with autostart disabled"},
    {.name = "type", .type = VSH_OT_STRING, .help = "only list pool of specified type(s) (if supported)"},
    {.name = "details", .type = VSH_OT_BOOL, .help = "display extended details for pools"},
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "list UUID of active pools only"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list name of active pools only"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static const struct {
    const char *name;
    unsigned int flag;
} poolTypes[] = {
    {"dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR},
    {"fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS},
    {"netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS},
    {"logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL},
    {"disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK},
    {"iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI},
    {"iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT},
    {"scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI},
    {"mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH},
    {"rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD},
    {"sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG},
    {"gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER},
    {"zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS},
    {"vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE},
};

/* Split S at commas, ",," standing for a comma, as virsh does. */
static GPtrArray *
poolSplitList(const char *s)
{
    GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (; *s; s++) {
        if (*s == ',') {
            if (s[1] == ',') {
                g_string_append_c(cur, ',');
                s++;
                continue;
            }
            g_ptr_array_add(items, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
            continue;
        }
        g_string_append_c(cur, *s);
    }
    g_ptr_array_add(items, g_string_free(cur, FALSE));
    return items;
}

static int
poolCompare(const void *a, const void *b)
{
    virStoragePoolPtr pa = *(virStoragePoolPtr const *)a;
    virStoragePoolPtr pb = *(virStoragePoolPtr const *)b;
    return g_ascii_strcasecmp(virStoragePoolGetName(pa), virStoragePoolGetName(pb));
}

static bool
cmdPoolList(vshControl *ctl, const vshCmd *cmd)
{
    bool details = vshCommandOptBool(cmd, "details");
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optName = vshCommandOptBool(cmd, "name");
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    const char *type = NULL;
    virStoragePoolPtr *pools = NULL;
    virConnectPtr conn;
    int npools;
    int i;
    bool ret = false;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "inactive") ||
        !vshCommandOptExclusive(ctl, cmd, "details", "uuid") ||
        !vshCommandOptExclusive(ctl, cmd, "details", "name"))
        return false;

    if (vshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (vshCommandOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (vshCommandOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (vshCommandOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (vshCommandOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;

    if (vshCommandOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    if (type) {
        g_autoptr(GPtrArray) types = poolSplitList(type);
        guint t;

        for (t = 0; t < types->len; t++) {
            const char *name = g_ptr_array_index(types, t);
            size_t k;

            for (k = 0; k < G_N_ELEMENTS(poolTypes); k++) {
                if (strcmp(name, poolTypes[k].name) == 0)
                    break;
            }
            if (k == G_N_ELEMENTS(poolTypes)) {
                stoError(ctl, "Invalid pool type '%s'", name);
                return false;
            }
            flags |= poolTypes[k].flag;
        }
    }

    if (!(conn = vshConnection(ctl)))
        return false;
    if ((npools = virConnectListAllStoragePools(conn, &pools, flags)) < 0) {
        stoError(ctl, "%s", "Failed to list pools");
        return false;
    }
    qsort(pools, npools, sizeof(*pools), poolCompare);

    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (i = 0; i < npools; i++) {
            virStoragePoolInfo info;
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            int autostart = 0;
            int persistent = virStoragePoolIsPersistent(pools[i]);
            bool haveInfo = virStoragePoolGetInfo(pools[i], &info) == 0;

            virStoragePoolGetUUIDString(pools[i], uuid);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virStoragePoolGetName(pools[i]));
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, haveInfo ? poolStateName(info.state) : "unknown");
            json_builder_set_member_name(b, "autostart");
            if (virStoragePoolGetAutostart(pools[i], &autostart) < 0)
                json_builder_add_null_value(b);
            else
                json_builder_add_boolean_value(b, autostart != 0);
            json_builder_set_member_name(b, "persistent");
            if (persistent < 0)
                json_builder_add_null_value(b);
            else
                json_builder_add_boolean_value(b, persistent != 0);
            if (haveInfo && (info.state == VIR_STORAGE_POOL_RUNNING ||
                             info.state == VIR_STORAGE_POOL_DEGRADED)) {
                json_builder_set_member_name(b, "capacity");
                json_builder_add_int_value(b, (gint64)info.capacity);
                json_builder_set_member_name(b, "allocation");
                json_builder_add_int_value(b, (gint64)info.allocation);
                json_builder_set_member_name(b, "available");
                json_builder_add_int_value(b, (gint64)info.available);
            }
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
        ret = true;
        goto cleanup;
    }

    if (optUUID || optName) {
        for (i = 0; i < npools; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            const char *name = virStoragePoolGetName(pools[i]);

            virStoragePoolGetUUIDString(pools[i], uuid);
            if (optUUID && optName)
                vshPrint(ctl, "%s %-20s\n", uuid, name);
            else if (optUUID)
                vshPrint(ctl, "%s\n", uuid);
            else
                vshPrint(ctl, "%-20s\n", name);
        }
        ret = true;
        goto cleanup;
    }

    {
        static const char *const header[] = {
            "Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available",
        };
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);

        for (i = 0; i < npools; i++) {
            virStoragePoolInfo info;
            int autostart = 0;
            int persistent = virStoragePoolIsPersistent(pools[i]);
            const char *autostartStr;
            const char *persistentStr;
            bool haveInfo = virStoragePoolGetInfo(pools[i], &info) == 0;

            if (details)
                vshDebug(ctl, VSH_ERR_DEBUG, "Persistent flag value: %d", persistent);

            if (virStoragePoolGetAutostart(pools[i], &autostart) < 0)
                autostartStr = "no autostart";
            else
                autostartStr = autostart ? "yes" : "no";
            persistentStr = persistent < 0 ? "unknown" : (persistent ? "yes" : "no");

            if (!details) {
                const char *state;

                if (!haveInfo)
                    state = "unknown";
                else
                    state = info.state == VIR_STORAGE_POOL_INACTIVE ? "inactive" : "active";
                vshRowsAppend(rows, virStoragePoolGetName(pools[i]), state,
                             autostartStr, NULL);
            } else {
                g_autofree char *cap = NULL;
                g_autofree char *alloc = NULL;
                g_autofree char *avail = NULL;

                if (haveInfo && (info.state == VIR_STORAGE_POOL_RUNNING ||
                                 info.state == VIR_STORAGE_POOL_DEGRADED)) {
                    cap = poolPretty(info.capacity);
                    alloc = poolPretty(info.allocation);
                    avail = poolPretty(info.available);
                }
                vshRowsAppend(rows, virStoragePoolGetName(pools[i]),
                             haveInfo ? poolStateName(info.state) : "unknown",
                             autostartStr, persistentStr,
                             cap ? cap : "-", alloc ? alloc : "-",
                             avail ? avail : "-", NULL);
            }
        }
        vshTablePrintRows(ctl, header, details ? 7 : 3, rows);
    }
    ret = true;

 cleanup:
    for (i = 0; i < npools; i++)
        virStoragePoolFree(pools[i]);
    free(pools);
    vshResetLibvirtError();
    return ret;
}

/* ---- pool-info ---- */

static const vshCmdOptDef opts_pool_info[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "bytes", .type = VSH_OT_BOOL, .help = "Return pool info in bytes"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdPoolInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    bool bytes = vshCommandOptBool(cmd, "bytes");
    int autostart = 0;
    int persistent;
    int hasAutostart;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        if (virStoragePoolGetInfo(pool, &info) < 0)
            { vshReportError(ctl); return false; }
        virStoragePoolGetUUIDString(pool, uuid);
        persistent = virStoragePoolIsPersistent(pool);
        hasAutostart = virStoragePoolGetAutostart(pool, &autostart);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, virStoragePoolGetName(pool));
        json_builder_set_member_name(b, "uuid");
        json_builder_add_string_value(b, uuid);
        json_builder_set_member_name(b, "state");
        json_builder_add_string_value(b, poolStateName(info.state));
        json_builder_set_member_name(b, "persistent");
        if (persistent < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, persistent != 0);
        json_builder_set_member_name(b, "autostart");
        if (hasAutostart < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, autostart != 0);
        if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
            json_builder_set_member_name(b, "capacity");
            json_builder_add_int_value(b, (gint64)info.capacity);
            json_builder_set_member_name(b, "allocation");
            json_builder_add_int_value(b, (gint64)info.allocation);
            json_builder_set_member_name(b, "available");
            json_builder_add_int_value(b, (gint64)info.available);
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }

    vshPrint(ctl, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if (virStoragePoolGetInfo(pool, &info) < 0)
        { vshReportError(ctl); return false; }

    vshPrint(ctl, "%-15s %s\n", "State:", poolStateName(info.state));
    persistent = virStoragePoolIsPersistent(pool);
    vshDebug(ctl, VSH_ERR_DEBUG, "Pool persistent flag value: %d", persistent);
    if (persistent < 0)
        vshPrint(ctl, "%-15s %s\n", "Persistent:", "unknown");
    else
        vshPrint(ctl, "%-15s %s\n", "Persistent:", persistent ? "yes" : "no");
    if (virStoragePoolGetAutostart(pool, &autostart) < 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        vshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");

    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        if (bytes) {
            vshPrint(ctl, "%-15s %llu\n", "Capacity:", info.capacity);
            vshPrint(ctl, "%-15s %llu\n", "Allocation:", info.allocation);
            vshPrint(ctl, "%-15s %llu\n", "Available:", info.available);
        } else {
            const char *unit;
            double v;

            v = vshPrettyCapacity(info.capacity, &unit);
            vshPrint(ctl, "%-15s %2.2lf %s\n", "Capacity:", v, unit);
            v = vshPrettyCapacity(info.allocation, &unit);
            vshPrint(ctl, "%-15s %2.2lf %s\n", "Allocation:", v, unit);
            v = vshPrettyCapacity(info.available, &unit);
            vshPrint(ctl, "%-15s %2.2lf %s\n", "Available:", v, unit);
        }
    }
    vshResetLibvirtError();
    return true;
}

/* ---- pool-dumpxml ---- */

static const vshCmdOptDef opts_pool_dumpxml[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "show inactive defined XML"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdPoolDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_STORAGE_XML_INACTIVE;
    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    /* as virsh: an empty --xpath fails without a word */
    xpath = vshCommandOptStringQuiet(cmd, "xpath");
    if (xpath && !*xpath)
        return false;
    if (!(xml = virStoragePoolGetXMLDesc(pool, flags))) {
        vshReportError(ctl);
        return false;
    }
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

/* ---- pool-define-as / pool-create-as ---- */

#define POOL_X_AS_OPTS \
    {.name = "name", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "name of the pool"}, \
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "type of the pool"}, \
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document, but don't define/create"}, \
    {.name = "source-host", .type = VSH_OT_STRING, .help = "source-host for underlying storage"}, \
    {.name = "source-path", .type = VSH_OT_STRING, .help = "source path for underlying storage"}, \
    {.name = "source-dev", .type = VSH_OT_STRING, .help = "source device for underlying storage"}, \
    {.name = "source-name", .type = VSH_OT_STRING, .help = "source name for underlying storage"}, \
    {.name = "target", .type = VSH_OT_STRING, .help = "target for underlying storage"}, \
    {.name = "source-format", .type = VSH_OT_STRING, .help = "format for underlying storage"}, \
    {.name = "auth-type", .type = VSH_OT_STRING, .help = "auth type to be used for underlying storage"}, \
    {.name = "auth-username", .type = VSH_OT_STRING, .help = "auth username to be used for underlying storage"}, \
    {.name = "secret-usage", .type = VSH_OT_STRING, .help = "auth secret usage to be used for underlying storage"}, \
    {.name = "secret-uuid", .type = VSH_OT_STRING, .help = "auth secret UUID to be used for underlying storage"}, \
    {.name = "adapter-name", .type = VSH_OT_STRING, .help = "adapter name to be used for underlying storage"}, \
    {.name = "adapter-wwnn", .type = VSH_OT_STRING, .help = "adapter wwnn to be used for underlying storage"}, \
    {.name = "adapter-wwpn", .type = VSH_OT_STRING, .help = "adapter wwpn to be used for underlying storage"}, \
    {.name = "adapter-parent", .type = VSH_OT_STRING, .help = "adapter parent scsi_hostN to be used for underlying vHBA storage"}, \
    {.name = "adapter-parent-wwnn", .type = VSH_OT_STRING, .help = "adapter parent scsi_hostN wwnn to be used for underlying vHBA storage"}, \
    {.name = "adapter-parent-wwpn", .type = VSH_OT_STRING, .help = "adapter parent scsi_hostN wwpn to be used for underlying vHBA storage"}, \
    {.name = "adapter-parent-fabric-wwn", .type = VSH_OT_STRING, .help = "adapter parent scsi_hostN fabric_wwn to be used for underlying vHBA storage"}, \
    {.name = "source-protocol-ver", .type = VSH_OT_STRING, .help = "nfsvers value for NFS pool mount option"}, \
    {.name = "source-initiator", .type = VSH_OT_STRING, .help = "initiator iqn for underlying storage"}

#define POOL_BUILD_OPTS \
    {.name = "build", .type = VSH_OT_BOOL, .help = "build the pool as normal"}, \
    {.name = "no-overwrite", .type = VSH_OT_BOOL, .help = "do not overwrite any existing data"}, \
    {.name = "overwrite", .type = VSH_OT_BOOL, .help = "overwrite any existing data"}

static const vshCmdOptDef opts_pool_define_as[] = {
    POOL_X_AS_OPTS,
    {.name = NULL},
};

static const vshCmdOptDef opts_pool_create_as[] = {
    POOL_X_AS_OPTS,
    POOL_BUILD_OPTS,
    {.name = NULL},
};

/* virsh puts the values in as given, unescaped */
static void
poolXMLAttr(GString *buf, const char *name, const char *value)
{
    g_string_append_printf(buf, " %s='%s'", name, value);
}

static void
poolXMLElem(GString *buf, const char *indent, const char *name, const char *value)
{
    g_string_append_printf(buf, "%s<%s>%s</%s>\n", indent, name, value, name);
}

/* The XML pool-define-as and pool-create-as build; *NAME the pool's. */
static bool
poolBuildXML(vshControl *ctl, const vshCmd *cmd, const char **retname, char **xml)
{
    const char *name = NULL, *type = NULL, *srcHost = NULL, *srcPath = NULL,
               *srcDev = NULL, *srcName = NULL, *srcFormat = NULL, *target = NULL,
               *authType = NULL, *authUsername = NULL, *secretUsage = NULL,
               *secretUUID = NULL, *adapterName = NULL, *adapterWwnn = NULL,
               *adapterWwpn = NULL, *adapterParent = NULL, *adapterParentWwnn = NULL,
               *adapterParentWwpn = NULL, *adapterParentFabricWwn = NULL,
               *protoVer = NULL, *srcInitiator = NULL;
    GString *buf;
    bool haveAuth;
    bool haveFC;

    if (!vshCommandOptExclusive(ctl, cmd, "secret-usage", "secret-uuid"))
        return false;

    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-host", &srcHost) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-path", &srcPath) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-dev", &srcDev) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-name", &srcName) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-format", &srcFormat) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "target", &target) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "auth-type", &authType) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "auth-username", &authUsername) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "secret-usage", &secretUsage) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "secret-uuid", &secretUUID) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-name", &adapterName) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-wwnn", &adapterWwnn) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-wwpn", &adapterWwpn) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-parent", &adapterParent) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-parent-wwnn", &adapterParentWwnn) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-parent-wwpn", &adapterParentWwpn) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "adapter-parent-fabric-wwn", &adapterParentFabricWwn) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-protocol-ver", &protoVer) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source-initiator", &srcInitiator) < 0)
        return false;

    haveAuth = authType && authUsername && (secretUsage || secretUUID);
    haveFC = adapterWwnn && adapterWwpn;

    buf = g_string_new(NULL);
    g_string_append(buf, "<pool");
    poolXMLAttr(buf, "type", type);
    g_string_append(buf, ">\n");
    poolXMLElem(buf, "  ", "name", name);
    if (srcHost || srcPath || srcDev || srcInitiator || srcFormat || srcName ||
        adapterName || haveFC || haveAuth) {
        g_string_append(buf, "  <source>\n");
        if (srcHost) {
            g_string_append(buf, "    <host");
            poolXMLAttr(buf, "name", srcHost);
            g_string_append(buf, "/>\n");
        }
        if (srcPath) {
            g_string_append(buf, "    <dir");
            poolXMLAttr(buf, "path", srcPath);
            g_string_append(buf, "/>\n");
        }
        if (srcDev) {
            g_string_append(buf, "    <device");
            poolXMLAttr(buf, "path", srcDev);
            g_string_append(buf, "/>\n");
        }
        if (srcInitiator) {
            g_string_append(buf, "    <initiator>\n      <iqn");
            poolXMLAttr(buf, "name", srcInitiator);
            g_string_append(buf, "/>\n    </initiator>\n");
        }
        if (haveFC) {
            g_string_append(buf, "    <adapter type='fc_host'");
            if (adapterParent) {
                poolXMLAttr(buf, "parent", adapterParent);
            } else if (adapterParentWwnn && adapterParentWwpn) {
                poolXMLAttr(buf, "parent_wwnn", adapterParentWwnn);
                poolXMLAttr(buf, "parent_wwpn", adapterParentWwpn);
            } else if (adapterParentFabricWwn) {
                poolXMLAttr(buf, "parent_fabric_wwn", adapterParentFabricWwn);
            }
            poolXMLAttr(buf, "wwnn", adapterWwnn);
            poolXMLAttr(buf, "wwpn", adapterWwpn);
            g_string_append(buf, "/>\n");
        } else if (adapterName) {
            g_string_append(buf, "    <adapter type='scsi_host'");
            poolXMLAttr(buf, "name", adapterName);
            g_string_append(buf, "/>\n");
        }
        if (haveAuth) {
            g_string_append(buf, "    <auth");
            poolXMLAttr(buf, "type", authType);
            poolXMLAttr(buf, "username", authUsername);
            g_string_append(buf, ">\n      <secret");
            if (secretUsage)
                poolXMLAttr(buf, "usage", secretUsage);
            else
                poolXMLAttr(buf, "uuid", secretUUID);
            g_string_append(buf, "/>\n    </auth>\n");
        }
        if (srcFormat) {
            g_string_append(buf, "    <format");
            poolXMLAttr(buf, "type", srcFormat);
            g_string_append(buf, "/>\n");
        }
        if (srcName)
            poolXMLElem(buf, "    ", "name", srcName);
        if (protoVer) {
            g_string_append(buf, "    <protocol");
            poolXMLAttr(buf, "ver", protoVer);
            g_string_append(buf, "/>\n");
        }
        g_string_append(buf, "  </source>\n");
    }
    if (target) {
        g_string_append(buf, "  <target>\n");
        poolXMLElem(buf, "    ", "path", target);
        g_string_append(buf, "  </target>\n");
    }
    g_string_append(buf, "</pool>\n");

    *retname = name;
    *xml = g_string_free(buf, FALSE);
    return true;
}

static bool
poolBuildFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    *flags = 0;
    if (!vshCommandOptExclusive(ctl, cmd, "overwrite", "no-overwrite"))
        return false;
    if (vshCommandOptBool(cmd, "build"))
        *flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    if (vshCommandOptBool(cmd, "overwrite"))
        *flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
    if (vshCommandOptBool(cmd, "no-overwrite"))
        *flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    return true;
}

static bool
cmdPoolDefineAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    virConnectPtr conn;

    if (!poolBuildXML(ctl, cmd, &name, &xml))
        return false;
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(conn = vshConnection(ctl)))
        return false;
    if (!(pool = virStoragePoolDefineXML(conn, xml, 0))) {
        stoError(ctl, "Failed to define pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s defined\n", name);
    return true;
}

static bool
cmdPoolCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    virConnectPtr conn;

    if (!poolBuildFlags(ctl, cmd, &flags))
        return false;
    if (!poolBuildXML(ctl, cmd, &name, &xml))
        return false;
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(conn = vshConnection(ctl)))
        return false;
    if (!(pool = virStoragePoolCreateXML(conn, xml, flags))) {
        stoError(ctl, "Failed to create pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s created\n", name);
    return true;
}

/* ---- pool-define / pool-create ---- */

static const vshCmdOptDef opts_pool_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML pool description", .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static const vshCmdOptDef opts_pool_create[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML pool description", .completer = VSH_COMPLETE_FILE},
    POOL_BUILD_OPTS,
    {.name = NULL},
};

static bool
cmdPoolDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;
    virConnectPtr conn;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_POOL_DEFINE_VALIDATE;
    if (!(conn = vshConnection(ctl)))
        return false;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(pool = virStoragePoolDefineXML(conn, xml, flags))) {
        stoError(ctl, "Failed to define pool from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s defined from %s\n", virStoragePoolGetName(pool), file);
    return true;
}

static bool
cmdPoolCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;
    virConnectPtr conn;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!poolBuildFlags(ctl, cmd, &flags))
        return false;
    if (!(conn = vshConnection(ctl)))
        return false;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(pool = virStoragePoolCreateXML(conn, xml, flags))) {
        stoError(ctl, "Failed to create pool from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s created from %s\n", virStoragePoolGetName(pool), file);
    return true;
}

/* ---- pool-build, pool-start, pool-destroy, pool-delete, pool-undefine,
 *      pool-refresh, pool-autostart ---- */

static const vshCmdOptDef opts_pool_only[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = NULL},
};

static const vshCmdOptDef opts_pool_build[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "no-overwrite", .type = VSH_OT_BOOL, .help = "do not overwrite any existing data"},
    {.name = "overwrite", .type = VSH_OT_BOOL, .help = "overwrite any existing data"},
    {.name = NULL},
};

static const vshCmdOptDef opts_pool_start[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    POOL_BUILD_OPTS,
    {.name = NULL},
};

static const vshCmdOptDef opts_pool_autostart[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable autostarting"},
    {.name = NULL},
};

static bool
cmdPoolBuild(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (vshCommandOptBool(cmd, "no-overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (vshCommandOptBool(cmd, "overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    if (virStoragePoolBuild(pool, flags) < 0) {
        stoError(ctl, "Failed to build pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s built\n", name);
    return true;
}

static bool
cmdPoolStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (!poolBuildFlags(ctl, cmd, &flags))
        return false;
    name = virStoragePoolGetName(pool);
    if (virStoragePoolCreate(pool, flags) < 0) {
        stoError(ctl, "Failed to start pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s started\n", name);
    return true;
}

static bool
cmdPoolDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (virStoragePoolDestroy(pool) < 0) {
        stoError(ctl, "Failed to destroy pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s destroyed\n", name);
    return true;
}

static bool
cmdPoolDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (virStoragePoolDelete(pool, 0) < 0) {
        stoError(ctl, "Failed to delete pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s deleted\n", name);
    return true;
}

static bool
cmdPoolUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (virStoragePoolUndefine(pool) < 0) {
        stoError(ctl, "Failed to undefine pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s has been undefined\n", name);
    return true;
}

static bool
cmdPoolRefresh(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (virStoragePoolRefresh(pool, 0) < 0) {
        stoError(ctl, "Failed to refresh pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s refreshed\n", name);
    return true;
}

static bool
cmdPoolAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    const char *name = NULL;
    bool disable = vshCommandOptBool(cmd, "disable");

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (virStoragePoolSetAutostart(pool, disable ? 0 : 1) < 0) {
        if (disable)
            stoError(ctl, "failed to unmark pool %s as autostarted", name);
        else
            stoError(ctl, "failed to mark pool %s as autostarted", name);
        return false;
    }
    if (disable)
        vshPrintExtra(ctl, "Pool %s unmarked as autostarted\n", name);
    else
        vshPrintExtra(ctl, "Pool %s marked as autostarted\n", name);
    return true;
}

/* ---- pool-uuid, pool-name ---- */

static bool
cmdPoolUUID(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(pool = virtkitCommandOptPoolBy(ctl, cmd, NULL, NULL, VIRTKIT_BYNAME)))
        return false;
    if (virStoragePoolGetUUIDString(pool, uuid) < 0) {
        stoError(ctl, "%s", "failed to get pool UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

static bool
cmdPoolName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;

    if (!(pool = virtkitCommandOptPoolBy(ctl, cmd, NULL, NULL, VIRTKIT_BYUUID)))
        return false;
    vshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    return true;
}

/* ---- pool-capabilities ---- */

static bool
cmdPoolCapabilities(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    virConnectPtr conn = vshConnection(ctl);
    g_autofree char *caps = NULL;

    if (!conn)
        return false;
    if (!(caps = virConnectGetStoragePoolCapabilities(conn, 0))) {
        stoError(ctl, "%s", "failed to get storage pool capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

/* ---- find-storage-pool-sources(-as) ---- */

static const vshCmdOptDef opts_find_sources_as[] = {
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "type of storage pool sources to find"},
    {.name = "host", .type = VSH_OT_STRING, .help = "optional host to query"},
    {.name = "port", .type = VSH_OT_STRING, .help = "optional port to query"},
    {.name = "initiator", .type = VSH_OT_STRING, .help = "optional initiator IQN to use for query"},
    {.name = NULL},
};

static const vshCmdOptDef opts_find_sources[] = {
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "type of storage pool sources to discover"},
    {.name = "srcSpec", .type = VSH_OT_STRING,
     .help = "optional file of source xml to query for pools", .completer = VSH_COMPLETE_FILE},
    {.name = NULL},
};

static bool
poolFindSources(vshControl *ctl, const char *type, const char *spec)
{
    virConnectPtr conn = vshConnection(ctl);
    g_autofree char *xml = NULL;

    if (!conn)
        return false;
    if (!(xml = virConnectFindStoragePoolSources(conn, type, spec, 0))) {
        stoError(ctl, "Failed to find any %s pool sources", type);
        return false;
    }
    vshPrint(ctl, "%s", xml);
    return true;
}

static bool
cmdFindSourcesAs(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = NULL, *host = NULL, *port = NULL, *initiator = NULL;
    GString *spec = NULL;
    g_autofree char *specText = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "host", &host) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "port", &port) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "initiator", &initiator) < 0)
        return false;
    if (host) {
        spec = g_string_new("<source>\n  <host");
        poolXMLAttr(spec, "name", host);
        if (port)
            poolXMLAttr(spec, "port", port);
        g_string_append(spec, "/>\n");
        if (initiator) {
            g_string_append(spec, "  <initiator>\n    <iqn");
            poolXMLAttr(spec, "name", initiator);
            g_string_append(spec, "/>\n  </initiator>\n");
        }
        g_string_append(spec, "</source>\n");
        specText = g_string_free(spec, FALSE);
    }
    return poolFindSources(ctl, type, specText);
}

static bool
cmdFindSources(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = NULL, *file = NULL;
    g_autofree char *spec = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "srcSpec", &file) < 0)
        return false;
    if (file && !(spec = virtkitReadXMLFile(ctl, file)))
        return false;
    return poolFindSources(ctl, type, spec);
}

/* ---- pool-edit ---- */

static bool
cmdPoolEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStoragePool) newpool = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *edited = NULL;
    unsigned int flags = VIR_STORAGE_XML_INACTIVE;
    bool changed;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (!(xml = virStoragePoolGetXMLDesc(pool, flags))) {
        if (virGetLastErrorCode() != VIR_ERR_INVALID_ARG) {
            vshReportError(ctl);
            return false;
        }
        vshResetLibvirtError();
        flags = 0;
        if (!(xml = virStoragePoolGetXMLDesc(pool, 0))) {
            vshReportError(ctl);
            return false;
        }
    }
    if (!(edited = virtkitEditXML(ctl, xml, &changed)))
        return false;
    if (!changed) {
        vshPrintExtra(ctl, "Pool %s XML configuration not changed.\n",
                      virStoragePoolGetName(pool));
        return true;
    }
    if (!(newpool = virStoragePoolDefineXML(vshConnection(ctl), edited, 0))) {
        vshReportError(ctl);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s XML configuration edited.\n", virStoragePoolGetName(newpool));
    return true;
}

/* ---- pool-event ---- */

static const vshCmdOptDef opts_pool_event[] = {
    {.name = "pool", .type = VSH_OT_STRING, .help = "filter by storage pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "event", .type = VSH_OT_STRING, .help = "which event type to wait for"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

static const char *const virtkitPoolEventNames[] = { "lifecycle", "refresh", NULL };

static void
virtkitPoolEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virStoragePoolPtr pool,
                          int event, int detail G_GNUC_UNUSED, void *opaque)
{
    static const char *const kinds[] = {
        "Defined", "Undefined", "Started", "Stopped", "Created", "Deleted",
    };

    virtkitEventPrint(opaque, "event 'lifecycle' for storage pool %s: %s\n",
                      virStoragePoolGetName(pool),
                      event >= 0 && event < (int)G_N_ELEMENTS(kinds) ? kinds[event] : "unknown");
}

static void
virtkitPoolEventRefresh(virConnectPtr conn G_GNUC_UNUSED, virStoragePoolPtr pool, void *opaque)
{
    virtkitEventPrint(opaque, "event 'refresh' for storage pool %s\n",
                      virStoragePoolGetName(pool));
}

static bool
cmdPoolEvent(vshControl *ctl, const vshCmd *cmd)
{
    virtkitEventWait wait = { 0 };
    g_autoptr(virStoragePool) pool = NULL;
    virConnectPtr conn;
    int kind;
    int id;
    bool ok;

    if ((kind = virtkitEventOptions(ctl, cmd, virtkitPoolEventNames, &wait)) == -2)
        return true;
    if (kind < 0)
        return false;
    if (virEventRegisterDefaultImpl() < 0 || !(conn = vshConnection(ctl)))
        return false;
    if (vshCommandOptStringQuiet(cmd, "pool") &&
        !(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (kind == VIR_STORAGE_POOL_EVENT_ID_REFRESH)
        id = virConnectStoragePoolEventRegisterAny(
            conn, pool, kind,
            (virConnectStoragePoolEventGenericCallback)(void (*)(void))virtkitPoolEventRefresh,
            &wait, NULL);
    else
        id = virConnectStoragePoolEventRegisterAny(
            conn, pool, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
            (virConnectStoragePoolEventGenericCallback)(void (*)(void))virtkitPoolEventLifecycle,
            &wait, NULL);
    if (id < 0)
        return false;
    ok = virtkitEventRun(ctl, &wait);
    virConnectStoragePoolEventDeregisterAny(conn, id);
    return ok;
}

static const vshCmdDef cmds[] = {
    {.name = "find-storage-pool-sources-as", .handler = cmdFindSourcesAs, .opts = opts_find_sources_as,
     .help = "find potential storage pool sources", .desc = "Returns XML <sources> document."},
    {.name = "find-storage-pool-sources", .handler = cmdFindSources, .opts = opts_find_sources,
     .help = "discover potential storage pool sources", .desc = "Returns XML <sources> document."},
    {.name = "pool-autostart", .handler = cmdPoolAutostart, .opts = opts_pool_autostart,
     .help = "autostart a pool", .desc = "Configure a pool to be automatically started at boot."},
    {.name = "pool-build", .handler = cmdPoolBuild, .opts = opts_pool_build,
     .help = "build a pool", .desc = "Build a given pool."},
    {.name = "pool-create-as", .handler = cmdPoolCreateAs, .opts = opts_pool_create_as,
     .help = "create a pool from a set of args", .desc = "Create a pool."},
    {.name = "pool-create", .handler = cmdPoolCreate, .opts = opts_pool_create,
     .help = "create a pool from an XML file", .desc = "Create a pool."},
    {.name = "pool-define-as", .handler = cmdPoolDefineAs, .opts = opts_pool_define_as,
     .help = "define a pool from a set of args", .desc = "Define a pool."},
    {.name = "pool-define", .handler = cmdPoolDefine, .opts = opts_pool_define,
     .help = "define an inactive persistent storage pool or modify an existing persistent one from an XML file",
     .desc = "Define or modify a persistent storage pool."},
    {.name = "pool-delete", .handler = cmdPoolDelete, .opts = opts_pool_only,
     .help = "delete a pool", .desc = "Delete a given pool."},
    {.name = "pool-destroy", .handler = cmdPoolDestroy, .opts = opts_pool_only,
     .help = "destroy (stop) a pool",
     .desc = "Forcefully stop a given pool. Raw data in the pool is untouched"},
    {.name = "pool-dumpxml", .handler = cmdPoolDumpXML, .opts = opts_pool_dumpxml,
     .help = "pool information in XML", .desc = "Output the pool information as an XML dump to stdout."},
    {.name = "pool-edit", .handler = cmdPoolEdit, .opts = opts_pool_only,
     .help = "edit XML configuration for a storage pool",
     .desc = "Edit the XML configuration for a storage pool."},
    {.name = "pool-info", .handler = cmdPoolInfo, .opts = opts_pool_info,
     .help = "storage pool information", .desc = "Returns basic information about the storage pool."},
    {.name = "pool-list", .handler = cmdPoolList, .opts = opts_pool_list,
     .help = "list pools", .desc = "Returns list of pools."},
    {.name = "pool-name", .handler = cmdPoolName, .opts = opts_pool_only,
     .help = "convert a pool UUID to pool name", .desc = ""},
    {.name = "pool-refresh", .handler = cmdPoolRefresh, .opts = opts_pool_only,
     .help = "refresh a pool", .desc = "Refresh a given pool."},
    {.name = "pool-start", .handler = cmdPoolStart, .opts = opts_pool_start,
     .help = "start a (previously defined) inactive pool", .desc = "Start a pool."},
    {.name = "pool-undefine", .handler = cmdPoolUndefine, .opts = opts_pool_only,
     .help = "undefine an inactive pool", .desc = "Undefine the configuration for an inactive pool."},
    {.name = "pool-uuid", .handler = cmdPoolUUID, .opts = opts_pool_only,
     .help = "convert a pool name to pool UUID", .desc = ""},
    {.name = "pool-event", .handler = cmdPoolEvent, .opts = opts_pool_event,
     .help = "Storage Pool Events",
     .desc = "List event types, or wait for storage pool events to occur"},
    {.name = "pool-capabilities", .handler = cmdPoolCapabilities,
     .help = "storage pool capabilities", .desc = "Returns capabilities of storage pool support."},
    {.name = NULL},
};

const vshCmdTable virtkitPoolTable = { "pool", cmds };
