/*
 * qemu_driver_stats.c: what a running guest uses, as libvirt reports it:
 * virConnectGetAllDomainStats (state, cpu-total,
 * balloon, vcpu, interface and block groups), block, interface and memory
 * statistics, the balloon target (virDomainSetMemory*), and the small
 * questions about vCPUs, jobs and security labels that `dominfo`,
 * `vcpuinfo` and friends ask.
 *
 * CPU times come from /proc of the QEMU process and of its vCPU threads
 * (whose ids query-cpus-fast gives), block figures from query-blockstats
 * and query-block, interface figures from the counters of the host side
 * tap devices (swapped: what the host sends the guest receives), memory
 * from the virtio balloon.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain_list.h"
#include "qemu_driver_private.h"
#include "qemu_process.h"
#include "virlog.h"
#include "virnetdevtap.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* ------------------------------------------------------------------ */
/* Typed parameter lists                                              */

typedef struct {
    GArray *params;                 /* virTypedParameter */
} qemuStatsList;

static void
qemuStatsAddValue(qemuStatsList *list, int type, const char *name, ...)
{
    virTypedParameter param = { 0 };
    va_list ap;
    int rc;

    va_start(ap, name);
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        rc = virTypedParameterAssign(&param, name, type, va_arg(ap, int));
        break;
    case VIR_TYPED_PARAM_UINT:
        rc = virTypedParameterAssign(&param, name, type, va_arg(ap, unsigned int));
        break;
    case VIR_TYPED_PARAM_LLONG:
        rc = virTypedParameterAssign(&param, name, type, va_arg(ap, long long));
        break;
    case VIR_TYPED_PARAM_ULLONG:
        rc = virTypedParameterAssign(&param, name, type, va_arg(ap, unsigned long long));
        break;
    default:
        rc = virTypedParameterAssign(&param, name, type, va_arg(ap, const char *));
        break;
    }
    va_end(ap);
    if (rc == 0)
        g_array_append_val(list->params, param);
    else
        virResetLastError();
}

#define qemuStatsAddInt(l, v, ...) \
    qemuStatsAddValue(l, VIR_TYPED_PARAM_INT, qemuStatsName(__VA_ARGS__), (int)(v))
#define qemuStatsAddUInt(l, v, ...) \
    qemuStatsAddValue(l, VIR_TYPED_PARAM_UINT, qemuStatsName(__VA_ARGS__), (unsigned int)(v))
#define qemuStatsAddULL(l, v, ...) \
    qemuStatsAddValue(l, VIR_TYPED_PARAM_ULLONG, qemuStatsName(__VA_ARGS__), \
                      (unsigned long long)(v))
#define qemuStatsAddString(l, v, ...) \
    qemuStatsAddValue(l, VIR_TYPED_PARAM_STRING, qemuStatsName(__VA_ARGS__), (const char *)(v))

/* A parameter name from a format (a static buffer per thread). */
static const char *
qemuStatsName(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static const char *
qemuStatsName(const char *fmt, ...)
{
    static __thread char name[VIR_TYPED_PARAM_FIELD_LENGTH];
    va_list ap;

    va_start(ap, fmt);
    g_vsnprintf(name, sizeof(name), fmt, ap);
    va_end(ap);
    return name;
}

/* ------------------------------------------------------------------ */
/* Sources                                                            */

/* The resident set of PID in KiB (VmRSS), 0 when unknown. */
static unsigned long long
qemuStatsRSS(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *text = NULL;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) ||
        !(p = strstr(text, "VmRSS:")))
        return 0;
    return g_ascii_strtoull(p + strlen("VmRSS:"), NULL, 10);
}

/* How long thread TID of PID waited for a host CPU (schedstat), in ns. */
static unsigned long long
qemuStatsThreadDelay(pid_t pid, pid_t tid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/task/%lld/schedstat",
                                            (long long)pid, (long long)tid);
    g_autofree char *text = NULL;
    char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    g_ascii_strtoull(text, &p, 10);
    return g_ascii_strtoull(p, NULL, 10);
}

/* The entry of STATS for the disk with alias ALIAS (its qdev path is
 * /machine/peripheral/ALIAS/...), or NULL. */
static qemuMonitorBlockStats *
qemuStatsFindBlock(qemuMonitorBlockStats *stats, size_t nstats, const char *alias)
{
    g_autofree char *prefix = NULL;
    size_t i;

    if (!alias)
        return NULL;
    prefix = g_strdup_printf("/machine/peripheral/%s/", alias);
    for (i = 0; i < nstats; i++) {
        if (stats[i].qdev && (g_str_has_prefix(stats[i].qdev, prefix) ||
                              g_strcmp0(stats[i].qdev, alias) == 0))
            return &stats[i];
        if (stats[i].device && g_strcmp0(stats[i].device, alias) == 0)
            return &stats[i];
    }
    return NULL;
}

/* The virtual size of each disk QEMU has, by device alias (from
 * query-block, whose qdev is /machine/peripheral/ALIAS/... or ALIAS). */
static GHashTable *
qemuStatsBlockCapacity(qemuMonitor *mon)
{
    g_autoptr(JsonNode) reply = NULL;
    GHashTable *sizes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    JsonArray *arr;
    guint i;

    if (qemuMonitorCommand(mon, "query-block", NULL, &reply) < 0 ||
        !JSON_NODE_HOLDS_ARRAY(reply)) {
        virResetLastError();
        return sizes;
    }
    arr = json_node_get_array(reply);
    for (i = 0; i < json_array_get_length(arr); i++) {
        JsonObject *o = json_array_get_object_element(arr, i);
        JsonObject *inserted;
        JsonObject *image;
        const char *qdev;
        unsigned long long *size;

        if (!o || !json_object_has_member(o, "qdev") ||
            !json_object_has_member(o, "inserted"))
            continue;
        qdev = json_object_get_string_member(o, "qdev");
        inserted = json_object_get_object_member(o, "inserted");
        if (!qdev || !inserted || !json_object_has_member(inserted, "image"))
            continue;
        image = json_object_get_object_member(inserted, "image");
        if (!image || !json_object_has_member(image, "virtual-size"))
            continue;
        size = g_new(unsigned long long, 1);
        *size = json_object_get_int_member(image, "virtual-size");
        if (g_str_has_prefix(qdev, "/machine/peripheral/")) {
            const char *alias = qdev + strlen("/machine/peripheral/");
            const char *end = strchr(alias, '/');
            g_hash_table_insert(sizes, end ? g_strndup(alias, end - alias) : g_strdup(alias), size);
        } else {
            g_hash_table_insert(sizes, g_strdup(qdev), size);
        }
    }
    return sizes;
}

/* ------------------------------------------------------------------ */
/* The groups of virConnectGetAllDomainStats                          */

/* Whether the monitor of OBJ may be asked now: the statistics of all
 * domains are collected without waiting for a busy one (whose monitor
 * another thread uses, or which is still starting), which then only
 * reports what /proc and its definition say. */
static bool
qemuStatsCanAsk(qemuDomainObj *obj)
{
    return qemuDomainObjIsActive(obj) && obj->mon && !obj->busy;
}

static void
qemuStatsState(qemuDomainObj *obj, qemuStatsList *list)
{
    qemuStatsAddInt(list, obj->state, "state.state");
    qemuStatsAddInt(list, obj->reason, "state.reason");
}

static void
qemuStatsCPUTotal(qemuDomainObj *obj, qemuStatsList *list)
{
    unsigned long long user;
    unsigned long long sys;

    if (!qemuDomainObjIsActive(obj) ||
        qemuProcessGetCPUTimes(obj->pid, 0, &user, &sys) < 0)
        return;
    qemuStatsAddULL(list, user + sys, "cpu.time");
    qemuStatsAddULL(list, user, "cpu.user");
    qemuStatsAddULL(list, sys, "cpu.system");
}

static bool
qemuDomainHasBalloon(qemuDomainObj *obj)
{
    return obj->def->memballoon &&
           obj->def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE;
}

static char *
qemuDomainBalloonPath(qemuDomainObj *obj)
{
    return g_strdup_printf("/machine/peripheral/%s",
                           obj->def->memballoon->info.alias ?
                           obj->def->memballoon->info.alias : "balloon0");
}

/* The guest's current memory in KiB: the balloon's, else the definition's. */
static unsigned long long
qemuStatsBalloonCurrent(qemuDomainObj *obj)
{
    unsigned long long kib;

    if (qemuStatsCanAsk(obj) && qemuDomainHasBalloon(obj) &&
        qemuMonitorGetBalloonInfo(obj->mon, &kib) == 0)
        return kib;
    virResetLastError();
    return obj->def->currentMemory ? obj->def->currentMemory : obj->def->memory;
}

static int
qemuStatsGuestMemory(qemuDomainObj *obj, qemuMonitorBalloonStats *st)
{
    g_autofree char *path = NULL;

    if (!qemuStatsCanAsk(obj) || !qemuDomainHasBalloon(obj))
        return -1;
    path = qemuDomainBalloonPath(obj);
    if (qemuMonitorGetMemoryStats(obj->mon, path, st) < 0) {
        virResetLastError();
        return -1;
    }
    return 0;
}

static void
qemuStatsBalloon(qemuDomainObj *obj, qemuStatsList *list)
{
    qemuMonitorBalloonStats st;

    qemuStatsAddULL(list, qemuStatsBalloonCurrent(obj), "balloon.current");
    qemuStatsAddULL(list, obj->def->memory, "balloon.maximum");
    if (!qemuDomainObjIsActive(obj))
        return;
    if (qemuStatsGuestMemory(obj, &st) == 0 && st.last_update > 0) {
#define QEMU_BALLOON(field, name, div) \
        if (st.field >= 0) \
            qemuStatsAddULL(list, st.field / (div), "balloon." name)
        QEMU_BALLOON(swap_in, "swap_in", 1024);
        QEMU_BALLOON(swap_out, "swap_out", 1024);
        QEMU_BALLOON(major_faults, "major_fault", 1);
        QEMU_BALLOON(minor_faults, "minor_fault", 1);
        QEMU_BALLOON(free_memory, "unused", 1024);
        QEMU_BALLOON(total_memory, "available", 1024);
        QEMU_BALLOON(available_memory, "usable", 1024);
        QEMU_BALLOON(disk_caches, "disk_caches", 1024);
        QEMU_BALLOON(htlb_pgalloc, "hugetlb_pgalloc", 1);
        QEMU_BALLOON(htlb_pgfail, "hugetlb_pgfail", 1);
#undef QEMU_BALLOON
        qemuStatsAddULL(list, st.last_update, "balloon.last-update");
    }
    qemuStatsAddULL(list, qemuStatsRSS(obj->pid), "balloon.rss");
}

static void
qemuStatsVcpu(qemuDomainObj *obj, qemuStatsList *list)
{
    qemuMonitorCPUInfo *info = NULL;
    size_t ninfo = 0;
    size_t i;

    qemuStatsAddUInt(list, obj->def->vcpus, "vcpu.current");
    qemuStatsAddUInt(list, obj->def->maxvcpus, "vcpu.maximum");
    if (!qemuStatsCanAsk(obj))
        return;
    if (qemuMonitorGetCPUInfo(obj->mon, &info, &ninfo) < 0) {
        virResetLastError();
        return;
    }
    for (i = 0; i < ninfo; i++) {
        unsigned long long user = 0;
        unsigned long long sys = 0;
        int idx = info[i].cpu_index;

        qemuStatsAddInt(list, VIR_VCPU_RUNNING, "vcpu.%d.state", idx);
        if (info[i].thread_id > 0 &&
            qemuProcessGetCPUTimes(obj->pid, info[i].thread_id, &user, &sys) == 0) {
            qemuStatsAddULL(list, user + sys, "vcpu.%d.time", idx);
            qemuStatsAddULL(list, 0, "vcpu.%d.wait", idx);
            qemuStatsAddULL(list, qemuStatsThreadDelay(obj->pid, info[i].thread_id),
                            "vcpu.%d.delay", idx);
        }
    }
    qemuMonitorCPUInfoFree(info, ninfo);
}

static void
qemuStatsInterfaces(qemuDomainObj *obj, qemuStatsList *list)
{
    size_t i;

    qemuStatsAddUInt(list, obj->def->nnets, "net.count");
    for (i = 0; i < obj->def->nnets; i++) {
        virDomainNetDef *net = obj->def->nets[i];
        virDomainInterfaceStatsStruct st;

        if (!net->ifname)
            continue;
        qemuStatsAddString(list, net->ifname, "net.%zu.name", i);
        if (!qemuDomainObjIsActive(obj) ||
            virNetDevTapInterfaceStats(net->ifname, true, &st) < 0) {
            virResetLastError();
            continue;
        }
        qemuStatsAddULL(list, st.rx_bytes, "net.%zu.rx.bytes", i);
        qemuStatsAddULL(list, st.rx_packets, "net.%zu.rx.pkts", i);
        qemuStatsAddULL(list, st.rx_errs, "net.%zu.rx.errs", i);
        qemuStatsAddULL(list, st.rx_drop, "net.%zu.rx.drop", i);
        qemuStatsAddULL(list, st.tx_bytes, "net.%zu.tx.bytes", i);
        qemuStatsAddULL(list, st.tx_packets, "net.%zu.tx.pkts", i);
        qemuStatsAddULL(list, st.tx_errs, "net.%zu.tx.errs", i);
        qemuStatsAddULL(list, st.tx_drop, "net.%zu.tx.drop", i);
    }
}

static void
qemuStatsBlock(qemuDomainObj *obj, qemuStatsList *list)
{
    qemuMonitorBlockStats *stats = NULL;
    size_t nstats = 0;
    g_autoptr(GHashTable) sizes = NULL;
    bool active = qemuDomainObjIsActive(obj);
    size_t i;

    qemuStatsAddUInt(list, obj->def->ndisks, "block.count");
    if (active && qemuStatsCanAsk(obj)) {
        if (qemuMonitorGetBlockStats(obj->mon, &stats, &nstats) < 0)
            virResetLastError();
        sizes = qemuStatsBlockCapacity(obj->mon);
    }
    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        qemuMonitorBlockStats *st = qemuStatsFindBlock(stats, nstats, disk->info.alias);
        struct stat sb;

        qemuStatsAddString(list, disk->dst, "block.%zu.name", i);
        if (disk->src && disk->type == VIR_STORAGE_TYPE_FILE)
            qemuStatsAddString(list, disk->src, "block.%zu.path", i);
        if (st) {
            qemuStatsAddULL(list, st->rd_req, "block.%zu.rd.reqs", i);
            qemuStatsAddULL(list, st->rd_bytes, "block.%zu.rd.bytes", i);
            qemuStatsAddULL(list, st->rd_total_time_ns, "block.%zu.rd.times", i);
            qemuStatsAddULL(list, st->wr_req, "block.%zu.wr.reqs", i);
            qemuStatsAddULL(list, st->wr_bytes, "block.%zu.wr.bytes", i);
            qemuStatsAddULL(list, st->wr_total_time_ns, "block.%zu.wr.times", i);
            qemuStatsAddULL(list, st->flush_req, "block.%zu.fl.reqs", i);
            qemuStatsAddULL(list, st->flush_total_time_ns, "block.%zu.fl.times", i);
        }
        if (disk->src && disk->type == VIR_STORAGE_TYPE_FILE && stat(disk->src, &sb) == 0) {
            unsigned long long *cap = NULL;

            if (sizes && disk->info.alias)
                cap = g_hash_table_lookup(sizes, disk->info.alias);

            qemuStatsAddULL(list, (unsigned long long)sb.st_blocks * 512, "block.%zu.allocation", i);
            qemuStatsAddULL(list, cap ? *cap : (unsigned long long)sb.st_size,
                            "block.%zu.capacity", i);
            qemuStatsAddULL(list, (unsigned long long)sb.st_size, "block.%zu.physical", i);
        }
    }
    qemuMonitorBlockStatsFree(stats, nstats);
}

static const struct {
    unsigned int group;
    void (*func)(qemuDomainObj *obj, qemuStatsList *list);
} qemuStatsGroups[] = {
    { VIR_DOMAIN_STATS_STATE, qemuStatsState },
    { VIR_DOMAIN_STATS_CPU_TOTAL, qemuStatsCPUTotal },
    { VIR_DOMAIN_STATS_BALLOON, qemuStatsBalloon },
    { VIR_DOMAIN_STATS_VCPU, qemuStatsVcpu },
    { VIR_DOMAIN_STATS_INTERFACE, qemuStatsInterfaces },
    { VIR_DOMAIN_STATS_BLOCK, qemuStatsBlock },
};

#define QEMU_STATS_SUPPORTED \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | \
     VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU | \
     VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK)

#define QEMU_STATS_FLAGS \
    (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)

static bool
qemuStatsMatchFilter(qemuDomainObj *obj, unsigned int flags)
{
    virDomainListEntry e = { 0 };

    qemuDomainListDescribe(obj, &e);
    return virDomainListEntryMatchesStats(&e, flags);
}

static virDomainStatsRecordPtr
qemuStatsRecord(virConnectPtr conn, qemuDomainObj *obj, unsigned int stats)
{
    virDomainStatsRecordPtr rec = calloc(1, sizeof(*rec));
    qemuStatsList list = { g_array_new(FALSE, TRUE, sizeof(virTypedParameter)) };
    size_t i;

    rec->dom = qemuDomainHandle(conn, obj);
    for (i = 0; i < G_N_ELEMENTS(qemuStatsGroups); i++) {
        if (stats & qemuStatsGroups[i].group)
            qemuStatsGroups[i].func(obj, &list);
    }
    rec->nparams = list.params->len;
    rec->params = (virTypedParameterPtr)(void *)g_array_free(list.params, FALSE);
    return rec;
}

/* Records for the OBJS (NOBJS of them) matching FLAGS; driver->lock held. */
static int
qemuStatsCollect(virConnectPtr conn,
                 qemuDomainObj **objs,
                 size_t nobjs,
                 unsigned int stats,
                 virDomainStatsRecordPtr **retStats,
                 unsigned int flags)
{
    virDomainStatsRecordPtr *list;
    size_t n = 0;
    size_t i;

    if (stats == 0) {
        stats = QEMU_STATS_SUPPORTED;
    } else if (stats & ~QEMU_STATS_SUPPORTED) {
        if (flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("Stats types bits 0x%x are not supported by this daemon"),
                           stats & ~QEMU_STATS_SUPPORTED);
            return -1;
        }
        stats &= QEMU_STATS_SUPPORTED;
    }

    list = calloc(nobjs + 1, sizeof(*list));
    for (i = 0; i < nobjs; i++) {
        if (!qemuStatsMatchFilter(objs[i], flags))
            continue;
        list[n++] = qemuStatsRecord(conn, objs[i], stats);
    }
    *retStats = list;
    return n;
}

static int
qemuConnectGetAllDomainStats(virConnectPtr conn,
                             unsigned int stats,
                             virDomainStatsRecordPtr **retStats,
                             unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(conn);
    int ret;

    virCheckFlags(QEMU_STATS_FLAGS, -1);
    g_mutex_lock(&driver->lock);
    ret = qemuStatsCollect(conn, (qemuDomainObj **)driver->domains->pdata,
                           driver->domains->len, stats, retStats, flags);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Per-device statistics                                              */

static virDomainDiskDef *
qemuDomainFindDisk(virDomainDef *def, const char *path)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, path) == 0 ||
            g_strcmp0(def->disks[i]->src, path) == 0)
            return def->disks[i];
    }
    return NULL;
}

static int
qemuDomainBlockStats(virDomainPtr dom,
                     const char *path,
                     virDomainBlockStatsPtr stats,
                     size_t size G_GNUC_UNUSED)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuMonitorBlockStats *list = NULL;
    qemuMonitorBlockStats *st;
    size_t nlist = 0;
    virDomainDiskDef *disk;
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!path || !*path || !(disk = qemuDomainFindDisk(obj->def, path))) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid path: %s"), path ? path : "");
        goto cleanup;
    }
    if (qemuMonitorGetBlockStats(obj->mon, &list, &nlist) < 0)
        goto cleanup;
    if (!(st = qemuStatsFindBlock(list, nlist, disk->info.alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot find statistics for device '%s'"), disk->dst);
        goto cleanup;
    }
    stats->rd_req = st->rd_req;
    stats->rd_bytes = st->rd_bytes;
    stats->wr_req = st->wr_req;
    stats->wr_bytes = st->wr_bytes;
    stats->errs = -1;
    ret = 0;

 cleanup:
    qemuMonitorBlockStatsFree(list, nlist);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainInterfaceStats(virDomainPtr dom,
                         const char *device,
                         virDomainInterfaceStatsPtr stats,
                         size_t size G_GNUC_UNUSED)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    virDomainNetDef *net = NULL;
    qemuDomainObj *obj;
    int ret = -1;
    size_t i;

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    /* by the host device's name or by the guest's MAC address */
    for (i = 0; i < obj->def->nnets && !net; i++) {
        char mac[VIR_MAC_STRING_BUFLEN];

        if (g_strcmp0(obj->def->nets[i]->ifname, device) == 0 ||
            g_ascii_strcasecmp(virDomainMacFormat(obj->def->nets[i]->mac, mac), device) == 0)
            net = obj->def->nets[i];
    }
    if (!net) {
        virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                             __LINE__, _("'%s' is not a known interface"), device);
        goto cleanup;
    }
    /* the tap's transmit side is what the guest receives */
    if (virNetDevTapInterfaceStats(net->ifname, true, stats) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainMemoryStats(virDomainPtr dom,
                      virDomainMemoryStatPtr stats,
                      unsigned int nr_stats,
                      unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuMonitorBalloonStats st;
    qemuDomainObj *obj;
    int n = 0;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0) {
        g_mutex_unlock(&driver->lock);
        return -1;
    }

#define QEMU_MEMSTAT(which, value) \
    do { \
        if ((unsigned int)n < nr_stats) { \
            stats[n].tag = (which); \
            stats[n].val = (value); \
            n++; \
        } \
    } while (0)

    if (qemuStatsGuestMemory(obj, &st) == 0 && st.last_update > 0) {
        if (st.swap_in >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_SWAP_IN, st.swap_in / 1024);
        if (st.swap_out >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, st.swap_out / 1024);
        if (st.major_faults >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, st.major_faults);
        if (st.minor_faults >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, st.minor_faults);
        if (st.free_memory >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_UNUSED, st.free_memory / 1024);
        if (st.total_memory >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_AVAILABLE, st.total_memory / 1024);
    }
    QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, qemuStatsBalloonCurrent(obj));
    QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_RSS, qemuStatsRSS(obj->pid));
    if (qemuStatsGuestMemory(obj, &st) == 0 && st.last_update > 0) {
        if (st.available_memory >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_USABLE, st.available_memory / 1024);
        QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, st.last_update);
        if (st.disk_caches >= 0)
            QEMU_MEMSTAT(VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, st.disk_caches / 1024);
    }
#undef QEMU_MEMSTAT
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
qemuDomainSetMemoryStatsPeriod(virDomainPtr dom, int period, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autofree char *path = NULL;
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!qemuDomainHasBalloon(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("No memory balloon device configured, can not set the collection period"));
        goto cleanup;
    }
    if (period < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("invalid statistics period"));
        goto cleanup;
    }
    path = qemuDomainBalloonPath(obj);
    if (qemuMonitorSetMemoryStatsPeriod(obj->mon, path, period) < 0)
        goto cleanup;
    obj->def->memballoon->period = period;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* The balloon target                                                 */

static int
qemuDomainSetMemoryFlags(virDomainPtr dom, unsigned long newmem, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    virDomainDef *persistent;
    qemuDomainObj *obj;
    bool live;
    bool config;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_MEM_MAXIMUM, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;

    live = flags & VIR_DOMAIN_AFFECT_LIVE;
    config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!live && !config) {
        /* AFFECT_CURRENT */
        if (qemuDomainObjIsActive(obj))
            live = true;
        else
            config = true;
    }
    if (live && qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (config && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot change persistent config of a transient domain"));
        goto cleanup;
    }
    persistent = qemuDomainObjGetPersistentDef(obj);

    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("cannot resize the maximum memory on an active domain"));
            goto cleanup;
        }
        persistent->memory = newmem;
        if (persistent->currentMemory > newmem || persistent->currentMemory == 0)
            persistent->currentMemory = newmem;
        if (qemuDomainConfigSave(driver, persistent) < 0)
            goto cleanup;
        ret = 0;
        goto cleanup;
    }

    if ((live && newmem > obj->def->memory) ||
        (config && newmem > persistent->memory)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("cannot set memory higher than max memory"));
        goto cleanup;
    }
    if (live) {
        if (!qemuDomainHasBalloon(obj)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("Unable to change memory of active domain without the balloon device and guest OS balloon driver"));
            goto cleanup;
        }
        if (qemuMonitorSetBalloon(obj->mon, newmem) < 0)
            goto cleanup;
        obj->def->currentMemory = newmem;
        qemuDomainStatusSave(driver, obj);
    }
    if (config) {
        persistent->currentMemory = newmem;
        if (qemuDomainConfigSave(driver, persistent) < 0)
            goto cleanup;
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSetMemory(virDomainPtr dom, unsigned long newmem)
{
    return qemuDomainSetMemoryFlags(dom, newmem, VIR_DOMAIN_AFFECT_LIVE);
}

static int
qemuDomainSetMaxMemory(virDomainPtr dom, unsigned long memory)
{
    return qemuDomainSetMemoryFlags(dom, memory, VIR_DOMAIN_MEM_MAXIMUM);
}


/* ------------------------------------------------------------------ */
/* vCPUs, jobs, security                                              */

/* Set in MAP (MAPLEN bytes) the host CPUs of CPUSET ("0-3,6"; NULL: all
 * NCPUS of the host). */
static void
qemuCpusetToMap(const char *cpuset, int ncpus, unsigned char *map, int maplen)
{
    g_auto(GStrv) parts = NULL;
    size_t i;

    memset(map, 0, maplen);
    if (!cpuset) {
        for (i = 0; (int)i < ncpus && (int)(i / 8) < maplen; i++)
            map[i / 8] |= 1 << (i % 8);
        return;
    }
    parts = g_strsplit(cpuset, ",", -1);
    for (i = 0; parts[i]; i++) {
        char *dash = strchr(parts[i], '-');
        long lo = atol(parts[i]);
        long hi = dash ? atol(dash + 1) : lo;
        long c;

        for (c = lo; c <= hi; c++) {
            if (c >= 0 && c / 8 < maplen)
                map[c / 8] |= 1 << (c % 8);
        }
    }
}

static int
qemuHostCPUs(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);

    return n > 0 ? (int)n : 1;
}

/* The definition FLAGS (AFFECT_LIVE/CONFIG/CURRENT) designate, or NULL
 * with libvirt's error. */
static virDomainDef *
qemuDomainDefForFlags(qemuDomainObj *obj, unsigned int flags)
{
    bool active = qemuDomainObjIsActive(obj);

    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virReportInvalidArg(flags, "%s",
                            _("Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive"));
        return NULL;
    }
    if (flags & VIR_DOMAIN_AFFECT_LIVE) {
        if (qemuDomainObjCheckActive(obj) < 0)
            return NULL;
        return obj->def;
    }
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        if (!obj->persistent) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("transient domains do not have any persistent config"));
            return NULL;
        }
        return qemuDomainObjGetPersistentDef(obj);
    }
    return active ? obj->def : qemuDomainObjGetPersistentDef(obj);
}

static int
qemuDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST, -1);
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("querying the guest agent is not supported"));
        return -1;
    }
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        (def = qemuDomainDefForFlags(obj, flags & ~VIR_DOMAIN_VCPU_MAXIMUM)))
        ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->maxvcpus : def->vcpus;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* The host CPU thread TID of PID last ran on (field 39 of its stat). */
static int
qemuThreadLastCPU(pid_t pid, pid_t tid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/task/%lld/stat",
                                            (long long)pid, (long long)tid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strrchr(text, ')')))
        return 0;
    fields = g_strsplit(p + 2, " ", -1);
    return g_strv_length(fields) > 36 ? atoi(fields[36]) : 0;
}

static int
qemuDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuMonitorCPUInfo *cpus = NULL;
    size_t ncpus = 0;
    qemuDomainObj *obj;
    int ret = -1;
    int i;

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (!qemuDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot list vcpus for an inactive domain"));
        goto cleanup;
    }
    if (qemuMonitorGetCPUInfo(obj->mon, &cpus, &ncpus) < 0)
        goto cleanup;
    if (maxinfo > (int)ncpus)
        maxinfo = ncpus;
    memset(info, 0, sizeof(*info) * maxinfo);
    for (i = 0; i < maxinfo; i++) {
        unsigned long long user = 0;
        unsigned long long sys = 0;
        pid_t tid = cpus[i].thread_id;

        info[i].number = cpus[i].cpu_index;
        info[i].state = VIR_VCPU_RUNNING;
        if (tid > 0 && qemuProcessGetCPUTimes(obj->pid, tid, &user, &sys) == 0)
            info[i].cpuTime = user + sys;
        info[i].cpu = tid > 0 ? qemuThreadLastCPU(obj->pid, tid) : 0;
        if (cpumaps) {
            unsigned char *map = cpumaps + (size_t)i * maplen;
            cpu_set_t set;
            int c;

            memset(map, 0, maplen);
            if (tid > 0 && sched_getaffinity(tid, sizeof(set), &set) == 0) {
                for (c = 0; c < maplen * 8 && c < CPU_SETSIZE; c++) {
                    if (CPU_ISSET(c, &set))
                        map[c / 8] |= 1 << (c % 8);
                }
            } else {
                qemuCpusetToMap(obj->def->cpuset, qemuHostCPUs(), map, maplen);
            }
        }
    }
    ret = maxinfo;

 cleanup:
    qemuMonitorCPUInfoFree(cpus, ncpus);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                         int maplen, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainDef *def;
    int ret = -1;
    int i;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        !(def = qemuDomainDefForFlags(obj, flags)))
        goto cleanup;
    for (i = 0; i < (int)def->maxvcpus && i < ncpumaps; i++) {
        const char *set = def->cpuset;
        size_t j;

        for (j = 0; j < def->nvcpupins; j++) {
            if ((int)def->vcpupins[j].id == i)
                set = def->vcpupins[j].cpuset;
        }
        qemuCpusetToMap(set, qemuHostCPUs(), cpumaps + (size_t)i * maplen, maplen);
    }
    ret = i;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetEmulatorPinInfo(virDomainPtr dom, unsigned char *cpumap, int maplen,
                             unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        (def = qemuDomainDefForFlags(obj, flags))) {
        qemuCpusetToMap(def->emulatorpin ? def->emulatorpin : def->cpuset,
                        qemuHostCPUs(), cpumap, maplen);
        ret = 1;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* No job runs outside an API call: every call ends its own job. */
static int
qemuDomainGetJobInfo(virDomainPtr dom, virDomainJobInfoPtr info)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        memset(info, 0, sizeof(*info));
        info->type = VIR_DOMAIN_JOB_NONE;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetJobStats(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                      int *nparams, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_JOB_STATS_COMPLETED |
                  VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        *type = VIR_DOMAIN_JOB_NONE;
        *params = NULL;
        *nparams = 0;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetControlInfo(virDomainPtr dom, virDomainControlInfoPtr info,
                         unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0) {
        memset(info, 0, sizeof(*info));
        info->state = VIR_DOMAIN_CONTROL_OK;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* The host's CPUs (all present ones) and which are online, from sysfs. */
static int
qemuNodeGetCPUMap(virConnectPtr conn G_GNUC_UNUSED, unsigned char **cpumap,
                  unsigned int *online, unsigned int flags)
{
    g_autofree char *text = NULL;
    int ncpus = qemuHostCPUs();
    int maplen = (ncpus + 7) / 8;
    unsigned char *map = calloc(maplen, 1);
    unsigned int count = 0;
    int i;

    virCheckFlags(0, -1);
    if (g_file_get_contents("/sys/devices/system/cpu/online", &text, NULL, NULL))
        qemuCpusetToMap(g_strstrip(text), ncpus, map, maplen);
    else
        qemuCpusetToMap(NULL, ncpus, map, maplen);
    for (i = 0; i < ncpus; i++)
        count += !!(map[i / 8] & (1 << (i % 8)));
    if (online)
        *online = count;
    if (cpumap)
        *cpumap = map;
    else
        free(map);
    return ncpus;
}

/* No security driver confines QEMU here: libvirt's "none" model. */
static int
qemuNodeGetSecurityModel(virConnectPtr conn G_GNUC_UNUSED, virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "none", sizeof(secmodel->model));
    g_strlcpy(secmodel->doi, "0", sizeof(secmodel->doi));
    return 0;
}

static int
qemuDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        memset(seclabel, 0, sizeof(*seclabel));
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

void
qemuStatsRegister(virHypervisorDriver *hv)
{
    hv->domainGetVcpusFlags = qemuDomainGetVcpusFlags;
    hv->domainGetVcpus = qemuDomainGetVcpus;
    hv->domainGetVcpuPinInfo = qemuDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = qemuDomainGetEmulatorPinInfo;
    hv->domainGetJobInfo = qemuDomainGetJobInfo;
    hv->domainGetJobStats = qemuDomainGetJobStats;
    hv->domainGetControlInfo = qemuDomainGetControlInfo;
    hv->nodeGetSecurityModel = qemuNodeGetSecurityModel;
    hv->nodeGetCPUMap = qemuNodeGetCPUMap;
    hv->domainGetSecurityLabel = qemuDomainGetSecurityLabel;
    hv->connectGetAllDomainStats = qemuConnectGetAllDomainStats;
    hv->domainBlockStats = qemuDomainBlockStats;
    hv->domainInterfaceStats = qemuDomainInterfaceStats;
    hv->domainMemoryStats = qemuDomainMemoryStats;
    hv->domainSetMemoryStatsPeriod = qemuDomainSetMemoryStatsPeriod;
    hv->domainSetMemory = qemuDomainSetMemory;
    hv->domainSetMemoryFlags = qemuDomainSetMemoryFlags;
    hv->domainSetMaxMemory = qemuDomainSetMaxMemory;
}
