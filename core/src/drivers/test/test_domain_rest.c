/*
 * test_domain_rest.c: the test driver's domain API beyond the lifecycle,
 * second half (virDomain[L-Z]...), and the host-wide calls.
 *
 * libvirt's test driver answers most of these with fixed numbers (node CPU
 * times, free memory per cell, memory statistics derived from the current
 * balloon size) or by editing the domain definition (metadata, lifecycle
 * actions, the balloon's statistics period, the name).  The same numbers
 * and the same errors are produced here, so that scripts see no
 * difference.  Checks libvirt makes in its public API layer but that
 * virtkit's generated entry points cannot express (ranges, mutually
 * exclusive flags, string contents) are made here first, reported from
 * VIR_FROM_DOMAIN as libvirt does.
 *
 * The save image calls read and rewrite the files virDomainSave writes
 * (the format is test_driver.c's), and a screenshot is a PNG drawn here
 * and handed out through an in-memory stream.
 *
 * What a domain gains here that its definition cannot hold (the guest
 * clock set with virDomainSetTime) lives in testDomainObj->rest, created
 * on first use and freed by testDomainRestDomainFree().  Close callbacks
 * are kept per connection in a table of this file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "domain_list.h"
#include "cpu_conf.h"
#include "stream_internal.h"
#include "test_driver_private.h"
#include "test_event.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The _LAST values of the public enums (hidden behind VIR_ENUM_SENTINELS). */
#define TEST_KEYCODE_SET_LAST (VIR_KEYCODE_SET_QNUM + 1)
#define TEST_PROCESS_SIGNAL_LAST (VIR_DOMAIN_PROCESS_SIGNAL_RT32 + 1)
#define TEST_LIFECYCLE_LAST (VIR_DOMAIN_LIFECYCLE_CRASH + 1)
#define TEST_LIFECYCLE_ACTION_LAST (VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART + 1)

/* Errors libvirt raises from its public API layer. */
#define testApiInvalidArg(func, argname, ...) \
    virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, func, __LINE__, \
                              argname, __VA_ARGS__)

/* The guest clock libvirt's test driver starts every domain with. */
#define TEST_GUEST_TIME 627319920LL

/* What this file keeps per domain (testDomainObj->rest). */
typedef struct {
    bool timeSet;
    long long seconds;
    unsigned int nseconds;
} testDomainRest;

void
testDomainRestDomainFree(void *state)
{
    g_free(state);
}

static testDomainRest *
testDomainRestOf(testDomainObj *obj)
{
    if (!obj->rest)
        obj->rest = g_new0(testDomainRest, 1);
    return obj->rest;
}

void
testDomainRestGetTime(testDomainObj *obj, long long *seconds,
                      unsigned int *nseconds)
{
    testDomainRest *rest = obj->rest;

    if (rest && rest->timeSet) {
        *seconds = rest->seconds;
        *nseconds = rest->nseconds;
    } else {
        *seconds = TEST_GUEST_TIME;
        *nseconds = 0;
    }
}

/* Lock DOMAIN's driver and find its object; NULL (unlocked) with
 * VIR_ERR_NO_DOMAIN reported when it is gone. */
static testDomainObj *
testDomainLock(virDomainPtr domain, testDriver **driverp)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain))) {
        g_mutex_unlock(&driver->lock);
        return NULL;
    }
    *driverp = driver;
    return obj;
}

/* ================================================================== */
/* Host: CPUs and memory                                              */

static int
testNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                  unsigned int *online, unsigned int flags)
{
    virCheckFlags(0, -1);

    /* libvirt's test host: 8 CPUs, of which 0, 2 and 4 are online */
    if (cpumap) {
        *cpumap = calloc(1, 1);
        if (!*cpumap) {
            virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
            return -1;
        }
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

static int
testNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
                    int *nparams, unsigned int flags)
{
    static const struct {
        const char *field;
        unsigned long long value;
    } stats[] = {
        { VIR_NODE_CPU_STATS_USER, 9797400000ULL },
        { VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL },
        { VIR_NODE_CPU_STATS_IDLE, 87264900000ULL },
        { VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL },
    };
    int i;

    if (cpuNum < VIR_NODE_CPU_STATS_ALL_CPUS) {
        testApiInvalidArg("virNodeGetCPUStats", "cpuNum",
                          _("cpuNum in %s only accepts %d as a negative value"),
                          "virNodeGetCPUStats", VIR_NODE_CPU_STATS_ALL_CPUS);
        return -1;
    }
    if (*nparams < 0) {
        testApiInvalidArg("virNodeGetCPUStats", "nparams",
                          _("%s in %s must be zero or greater"), "nparams",
                          "virNodeGetCPUStats");
        return -1;
    }
    if (*nparams && !params) {
        testApiInvalidArg("virNodeGetCPUStats", "params",
                          _("%s in %s must not be NULL"), "params",
                          "virNodeGetCPUStats");
        return -1;
    }
    virCheckFlags(0, -1);

    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    for (i = 0; i < *nparams && i < (int)G_N_ELEMENTS(stats); i++) {
        g_strlcpy(params[i].field, stats[i].field, VIR_NODE_CPU_STATS_FIELD_LENGTH);
        params[i].value = stats[i].value;
    }
    *nparams = i;
    return 0;
}

/* Memory of NUMA cell CELL of the test host, in KiB. */
static unsigned long long
testCellMemory(int cell)
{
    return 2097152ULL * (cell + 1);
}

static int
testNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                           int startCell, int maxCells)
{
    testDriver *driver = testDriverOf(conn);
    int cell;
    int i;

    if (startCell < 0 || maxCells <= 0 || startCell >= driver->numCells) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Range exceeds available cells"));
        return -1;
    }
    for (cell = startCell, i = 0; cell < driver->numCells && i < maxCells; cell++, i++)
        freeMems[i] = testCellMemory(cell);
    return i;
}

static unsigned long long
testNodeGetFreeMemory(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);
    unsigned long long sum = 0;
    int cell;

    for (cell = 0; cell < driver->numCells; cell++)
        sum += testCellMemory(cell);
    /* libvirt's test host reports the cells' memory halved */
    return sum / 2;
}

static int
testNodeGetFreePages(virConnectPtr conn, unsigned int npages,
                     unsigned int *pages, int startCell,
                     unsigned int cellCount, unsigned long long *counts,
                     unsigned int flags)
{
    unsigned long long x = 6;
    unsigned int i;
    unsigned int j;

    if (npages == 0) {
        testApiInvalidArg("virNodeGetFreePages", "npages",
                          _("%s in %s must not be zero"), "npages",
                          "virNodeGetFreePages");
        return -1;
    }
    if (cellCount == 0) {
        testApiInvalidArg("virNodeGetFreePages", "cellCount",
                          _("%s in %s must not be zero"), "cellCount",
                          "virNodeGetFreePages");
        return -1;
    }
    virCheckFlags(0, -1);

    /* made-up counts, as libvirt's test driver makes them; like it, report
     * that no cell was filled in */
    for (i = 0; i < cellCount; i++) {
        for (j = 0; j < npages; j++) {
            x = x * 2 + 7;
            counts[i * npages + j] = x;
        }
    }
    return 0;
}

static int
testNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "testSecurity", VIR_SECURITY_MODEL_BUFLEN);
    return 0;
}

/* ================================================================== */
/* Host: descriptions                                                 */

static char *
testConnectGetSysinfo(virConnectPtr conn, unsigned int flags)
{
    virCheckFlags(0, NULL);

    return g_strdup("<sysinfo type='smbios'>\n"
                    "  <bios>\n"
                    "    <entry name='vendor'>LENOVO</entry>\n"
                    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
                    "    <entry name='date'>05/07/2014</entry>\n"
                    "    <entry name='release'>2.61</entry>\n"
                    "  </bios>\n"
                    "</sysinfo>\n");
}

/* libvirt's test driver answers baselines from its CPU map, without
 * MIGRATABLE (it knows nothing of migration blockers). */
static char *
testConnectBaselineCPU(virConnectPtr conn G_GNUC_UNUSED, const char **xmlCPUs,
                       unsigned int ncpus, unsigned int flags)
{
    virCheckFlags(VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES, NULL);

    return virCPUBaselineXML(xmlCPUs, ncpus,
                             flags & VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES);
}

static int
testConnectGetCPUModelNames(virConnectPtr conn, const char *arch,
                            char ***models, unsigned int flags)
{
    const char *const *list = NULL;
    virCPUFamily family;
    size_t n;
    size_t i;

    virCheckFlags(0, -1);

    if (!virCPUArchIsKnown(arch)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot find architecture %s"), arch);
        return -1;
    }
    if ((family = virCPUFamilyOf(arch)) == VIR_CPU_FAMILY_NONE) {
        virReportErrorHelper(VIR_FROM_CPU, VIR_ERR_NO_SUPPORT, __FILE__,
                             __func__, __LINE__,
                             _("'%s' architecture is not supported by CPU driver"),
                             arch);
        return -1;
    }
    list = virCPUModelNames(family);
    n = g_strv_length((char **)list);
    if (models) {
        char **out = calloc(n + 1, sizeof(char *));

        if (!out) {
            virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
            return -1;
        }
        for (i = 0; i < n; i++) {
            if (!(out[i] = strdup(list[i]))) {
                while (i > 0)
                    free(out[--i]);
                free(out);
                virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
                return -1;
            }
        }
        *models = out;
    }
    return n;
}

/* ================================================================== */
/* Host: close callbacks                                              */

/* libvirt's test driver never closes a connection behind its user's
 * back, so a registered callback is never called; it is kept only so that
 * its data is released when it is replaced or unregistered. */
typedef struct {
    virConnectCloseFunc cb;
    void *opaque;
    virFreeCallback freecb;
} testCloseCallback;

static GMutex testCloseLock;
static GHashTable *testCloseCallbacks;   /* virConnectPtr -> testCloseCallback */

static void
testCloseCallbackFree(gpointer data)
{
    testCloseCallback *cc = data;

    if (cc->freecb)
        cc->freecb(cc->opaque);
    g_free(cc);
}

static int
testConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                 void *opaque, virFreeCallback freecb)
{
    testCloseCallback *cc = g_new0(testCloseCallback, 1);

    cc->cb = cb;
    cc->opaque = opaque;
    cc->freecb = freecb;
    g_mutex_lock(&testCloseLock);
    if (!testCloseCallbacks)
        testCloseCallbacks = g_hash_table_new_full(NULL, NULL, NULL,
                                                   testCloseCallbackFree);
    g_hash_table_replace(testCloseCallbacks, conn, cc);
    g_mutex_unlock(&testCloseLock);
    return 0;
}

static int
testConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    testCloseCallback *cc = NULL;

    g_mutex_lock(&testCloseLock);
    if (testCloseCallbacks)
        cc = g_hash_table_lookup(testCloseCallbacks, conn);
    if (cc && cc->cb == cb)
        g_hash_table_steal(testCloseCallbacks, conn);
    else
        cc = NULL;
    g_mutex_unlock(&testCloseLock);
    if (cc)
        testCloseCallbackFree(cc);
    return 0;
}

/* ================================================================== */
/* Domains: statistics                                                */

static int
testDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats,
                      unsigned int nr_stats, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    unsigned long long cur;
    unsigned int i = 0;

    virCheckFlags(0, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0) {
        g_mutex_unlock(&driver->lock);
        return -1;
    }
    cur = obj->def->currentMemory;
    /* statistics come from the balloon driver: none without one */
    if (!obj->def->memballoon || obj->def->memballoon->model == VIR_DOMAIN_MEMBALLOON_MODEL_NONE) {
        g_mutex_unlock(&driver->lock);
        return 0;
    }
    g_mutex_unlock(&driver->lock);

#define TEST_STAT(t, v) \
    do { \
        if (i < nr_stats) { \
            stats[i].tag = (t); \
            stats[i].val = (v); \
            i++; \
        } \
    } while (0)
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, TEST_GUEST_TIME);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0);
    TEST_STAT(VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2);
#undef TEST_STAT
    return i;
}

static int
testDomainMemoryPeek(virDomainPtr domain, unsigned long long start,
                     size_t size, void *buffer, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    unsigned char *buf = buffer;
    size_t i;

    if (TEST_CHECK_EXCLUSIVE(flags, VIR_MEMORY_VIRTUAL, VIR_MEMORY_PHYSICAL,
                             "virDomainMemoryPeek") < 0)
        return -1;
    if (size > 0 && !buffer) {
        testApiInvalidArg("virDomainMemoryPeek", "buffer",
                          _("%s in %s must not be NULL"), "buffer",
                          "virDomainMemoryPeek");
        return -1;
    }
    virCheckFlags(VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL, -1);
    if (flags != VIR_MEMORY_VIRTUAL && flags != VIR_MEMORY_PHYSICAL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL"));
        return -1;
    }

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0) {
        g_mutex_unlock(&driver->lock);
        return -1;
    }
    g_mutex_unlock(&driver->lock);

    /* the test guest's memory holds its own address, byte by byte */
    for (i = 0; i < size; i++)
        buf[i] = (unsigned char)((start + i) & 0xff);
    return 0;
}

/* One record per domain of OBJS (testDomainObj *) matching FLAGS; with
 * DOMS, the handles to report (same order) instead of new ones. */
static bool
testStatsMatchFilter(testDomainObj *obj, unsigned int flags)
{
    virDomainListEntry e = { 0 };

    testDomainListDescribe(obj, &e);
    return virDomainListEntryMatchesStats(&e, flags);
}

#define TEST_STATS_SUPPORTED VIR_DOMAIN_STATS_STATE

#define TEST_STATS_FLAGS \
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

static virDomainStatsRecordPtr
testStatsRecord(virConnectPtr conn, testDomainObj *obj, unsigned int stats)
{
    virDomainStatsRecordPtr rec = calloc(1, sizeof(*rec));

    if (!rec)
        return NULL;
    if (!(rec->dom = testDomainHandle(conn, obj))) {
        free(rec);
        return NULL;
    }
    if (stats & VIR_DOMAIN_STATS_STATE) {
        rec->params = calloc(2, sizeof(virTypedParameter));
        if (!rec->params) {
            virObjectUnrefDomain(rec->dom);
            free(rec);
            return NULL;
        }
        virTypedParameterAssign(&rec->params[0], "state.state",
                                VIR_TYPED_PARAM_INT, obj->state);
        virTypedParameterAssign(&rec->params[1], "state.reason",
                                VIR_TYPED_PARAM_INT, obj->reason);
        rec->nparams = 2;
    }
    return rec;
}

/* The records of the domains OBJS (DOMS of them) for virConnectGetAllDomainStats
 * and virDomainListGetStats. */
static int
testDomainStatsCollect(virConnectPtr conn, testDomainObj **objs, size_t nobjs,
                       unsigned int stats, virDomainStatsRecordPtr **retStats,
                       unsigned int flags)
{
    virDomainStatsRecordPtr *list;
    size_t n = 0;
    size_t i;

    if (stats == 0) {
        stats = TEST_STATS_SUPPORTED;
    } else if (stats & ~TEST_STATS_SUPPORTED) {
        if (flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("Stats types bits 0x%x are not supported by this daemon"),
                           stats & ~TEST_STATS_SUPPORTED);
            return -1;
        }
        stats &= TEST_STATS_SUPPORTED;
    }

    if (!(list = calloc(nobjs + 1, sizeof(*list)))) {
        virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
        return -1;
    }
    for (i = 0; i < nobjs; i++) {
        if (!testStatsMatchFilter(objs[i], flags))
            continue;
        if (!(list[n] = testStatsRecord(conn, objs[i], stats))) {
            virDomainStatsRecordListFree(list);
            virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
            return -1;
        }
        n++;
    }
    *retStats = list;
    return n;
}

static int
testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                             virDomainStatsRecordPtr **retStats,
                             unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    int ret;

    virCheckFlags(TEST_STATS_FLAGS, -1);

    g_mutex_lock(&driver->lock);
    ret = testDomainStatsCollect(conn, (testDomainObj **)driver->domains->pdata,
                                 driver->domains->len, stats, retStats, flags);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ================================================================== */
/* Domains: input, signals, time, passwords                           */

/* How many keycodes each virKeycodeSet knows (a keycode must be below
 * this to translate to a Linux one); 0 for sets that start at 1. */
static int
testKeycodeValid(unsigned int codeset, unsigned int keycode)
{
    switch (codeset) {
    case VIR_KEYCODE_SET_LINUX:
    case VIR_KEYCODE_SET_XT:
    case VIR_KEYCODE_SET_ATSET1:
    case VIR_KEYCODE_SET_ATSET2:
    case VIR_KEYCODE_SET_XT_KBD:
    case VIR_KEYCODE_SET_WIN32:
    case VIR_KEYCODE_SET_QNUM:
        return keycode > 0 && keycode < 0x300;
    case VIR_KEYCODE_SET_ATSET3:
        return keycode >= 0x08 && keycode < 0x100;
    case VIR_KEYCODE_SET_OSX:
        return keycode < 0x80;
    case VIR_KEYCODE_SET_USB:
        return keycode >= 0x04 && keycode < 0x100;
    default:
        return 0;
    }
}

static const char *const testKeycodeSetNames[] = {
    "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb",
    "win32", "qnum",
};

static int
testDomainSendKey(virDomainPtr domain, unsigned int codeset,
                  unsigned int holdtime, unsigned int *keycodes,
                  int nkeycodes, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    int i;

    if (codeset >= TEST_KEYCODE_SET_LAST) {
        testApiInvalidArg("virDomainSendKey", "codeset",
                          _("Unsupported codeset '%d'"), codeset);
        return -1;
    }
    if (nkeycodes <= 0 || nkeycodes > VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
        testApiInvalidArg("virDomainSendKey", "nkeycodes",
                          _("%s in %s must be greater than zero"), "nkeycodes",
                          "virDomainSendKey");
        return -1;
    }
    virCheckFlags(0, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto error;
    for (i = 0; i < nkeycodes; i++) {
        if (!testKeycodeValid(codeset, keycodes[i])) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("invalid keycode %u of %s codeset"),
                           keycodes[i], testKeycodeSetNames[codeset]);
            goto error;
        }
    }
    g_mutex_unlock(&driver->lock);
    return 0;

 error:
    g_mutex_unlock(&driver->lock);
    return -1;
}

static int
testDomainSendProcessSignal(virDomainPtr domain, long long pid_value,
                            unsigned int signum, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;

    if (pid_value == 0) {
        testApiInvalidArg("virDomainSendProcessSignal", "pid_value",
                          _("%s in %s must not be zero"), "pid_value",
                          "virDomainSendProcessSignal");
        return -1;
    }
    virCheckFlags(0, -1);
    if (pid_value != 1) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("only sending a signal to pid 1 is supported"));
        return -1;
    }
    if (signum >= TEST_PROCESS_SIGNAL_LAST) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("signum value %d is out of range"),
                       signum);
        return -1;
    }
    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    g_mutex_unlock(&driver->lock);
    return 0;
}

static int
testDomainSetTime(virDomainPtr domain, long long seconds,
                  unsigned int nseconds, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    testDomainRest *rest;

    virCheckFlags(VIR_DOMAIN_TIME_SYNC, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0) {
        g_mutex_unlock(&driver->lock);
        return -1;
    }
    rest = testDomainRestOf(obj);
    rest->timeSet = true;
    rest->seconds = seconds;
    rest->nseconds = nseconds;
    g_mutex_unlock(&driver->lock);
    return 0;
}

static int
testDomainSetUserPassword(virDomainPtr domain, const char *user,
                          const char *password, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    int ret;

    virCheckFlags(VIR_DOMAIN_PASSWORD_ENCRYPTED, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    ret = testDomainObjCheckActive(obj);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ================================================================== */
/* Domains: identity, metadata, lifecycle                             */

static int
testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    int ret = -1;

    if (!*new_name) {
        testApiInvalidArg("virDomainRename", "new_name",
                          _("string %s in %s must not be empty"), "new_name",
                          "virDomainRename");
        return -1;
    }
    virCheckFlags(0, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (g_str_equal(obj->def->name, new_name)) {
        testReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                              _("Can't rename domain to itself"));
        goto cleanup;
    }
    if (testDomainObjFindByName(driver, new_name)) {
        testReportDomainError(VIR_ERR_OPERATION_INVALID,
                              _("domain with name '%s' already exists"),
                              new_name);
        goto cleanup;
    }
    if (testDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot rename active domain"));
        goto cleanup;
    }
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot rename a transient domain"));
        goto cleanup;
    }
    if (obj->hasManagedSave) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain with a managed saved state can't be renamed"));
        goto cleanup;
    }
    if (obj->state != VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain has to be shutoff before renaming"));
        goto cleanup;
    }

    g_free(obj->def->name);
    obj->def->name = g_strdup(new_name);
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                 VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_DEFINED,
                                 VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Drop the children of the <metadata> document META in namespace URI. */
static void
testMetadataRemove(xmlNodePtr meta, const char *uri)
{
    xmlNodePtr cur = meta->children;

    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_ELEMENT_NODE && cur->ns && cur->ns->href &&
            xmlStrEqual(cur->ns->href, BAD_CAST uri)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        }
        cur = next;
    }
}

static void
testMetadataSetNs(xmlNodePtr node, xmlNsPtr ns)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (!node->ns)
            xmlSetNs(node, ns);
        testMetadataSetNs(node->children, ns);
    }
}

/* Drop whitespace-only text nodes so that formatting re-indents. */
static void
testMetadataStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur = node->children;

    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_TEXT_NODE && xmlIsBlankNode(cur)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (cur->type == XML_ELEMENT_NODE) {
            testMetadataStripBlanks(cur);
        }
        cur = next;
    }
}

/* DEF's <metadata> with the element in namespace URI replaced by XML
 * (prefix KEY), or removed when XML is NULL. */
static int
testMetadataUpdate(virDomainDef *def, const char *xml, const char *key,
                   const char *uri)
{
    xmlDocPtr doc;
    xmlNodePtr meta;
    xmlBufferPtr buf;

    doc = xmlReadMemory(def->metadata ? def->metadata : "<metadata/>",
                        def->metadata ? strlen(def->metadata) : 11,
                        "metadata.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!doc) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("cannot parse the metadata"));
        return -1;
    }
    meta = xmlDocGetRootElement(doc);
    testMetadataRemove(meta, uri);

    if (xml) {
        xmlDocPtr newdoc = xmlReadMemory(xml, strlen(xml), "(metadata_xml)", NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                                         XML_PARSE_NOWARNING);
        xmlNodePtr node;
        xmlNsPtr ns;

        if (!newdoc) {
            const xmlError *err = xmlGetLastError();

            testReportDomainError(VIR_ERR_XML_DETAIL, "%s",
                                  err && err->message ? err->message
                                                      : _("malformed metadata XML"));
            xmlFreeDoc(doc);
            return -1;
        }
        node = xmlDocCopyNode(xmlDocGetRootElement(newdoc), doc, 1);
        xmlFreeDoc(newdoc);
        if (!node) {
            xmlFreeDoc(doc);
            virReportError(VIR_ERR_NO_MEMORY, "%s", _("out of memory"));
            return -1;
        }
        ns = xmlNewNs(node, BAD_CAST uri, BAD_CAST key);
        xmlSetNs(node, ns);
        testMetadataSetNs(node->children, ns);
        testMetadataStripBlanks(node);
        xmlAddChild(meta, node);
    }

    buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, meta, 0, 1);
    g_free(def->metadata);
    def->metadata = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return 0;
}

static int
testDomainDefSetMetadata(virDomainDef *def, int type, const char *metadata,
                         const char *key, const char *uri)
{
    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        g_free(def->description);
        def->description = metadata && *metadata ? g_strdup(metadata) : NULL;
        return 0;
    case VIR_DOMAIN_METADATA_TITLE:
        g_free(def->title);
        def->title = metadata && *metadata ? g_strdup(metadata) : NULL;
        return 0;
    case VIR_DOMAIN_METADATA_ELEMENT:
        return testMetadataUpdate(def, metadata, key, uri);
    }
    return 0;
}

static int
testDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
                      const char *key, const char *uri, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        if (metadata && strchr(metadata, '\n')) {
            testApiInvalidArg("virDomainSetMetadata", "metadata", "%s",
                              _("metadata title can't contain newlines"));
            return -1;
        }
        G_GNUC_FALLTHROUGH;
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (key) {
            testApiInvalidArg("virDomainSetMetadata", "key",
                              _("%s in %s must be NULL"), "key", "virDomainSetMetadata");
            return -1;
        }
        if (uri) {
            testApiInvalidArg("virDomainSetMetadata", "uri",
                              _("%s in %s must be NULL"), "uri", "virDomainSetMetadata");
            return -1;
        }
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (!uri) {
            testApiInvalidArg("virDomainSetMetadata", "uri",
                              _("%s in %s must not be NULL"), "uri", "virDomainSetMetadata");
            return -1;
        }
        if (metadata && !key) {
            testApiInvalidArg("virDomainSetMetadata", "key",
                              _("%s in %s must not be NULL"), "key", "virDomainSetMetadata");
            return -1;
        }
        break;
    default:
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("unknown metadata type '%d'"), type);
        return -1;
    }
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    if (live && testDomainDefSetMetadata(live, type, metadata, key, uri) < 0)
        goto cleanup;
    if (persistent && testDomainDefSetMetadata(persistent, type, metadata, key, uri) < 0)
        goto cleanup;
    testEventEmitDomainMetadataChange(driver, obj, type, uri);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static bool
testLifecycleActionValid(unsigned int type, unsigned int action)
{
    /* poweroff and reboot cannot dump core */
    if (type != VIR_DOMAIN_LIFECYCLE_CRASH &&
        (action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
         action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART))
        return false;
    return true;
}

static void
testDomainDefSetLifecycle(virDomainDef *def, unsigned int type, unsigned int action)
{
    switch (type) {
    case VIR_DOMAIN_LIFECYCLE_POWEROFF:
        def->onPoweroff = action;
        break;
    case VIR_DOMAIN_LIFECYCLE_REBOOT:
        def->onReboot = action;
        break;
    case VIR_DOMAIN_LIFECYCLE_CRASH:
        def->onCrash = action;
        break;
    }
}

static const char *const testLifecycleNames[] = { "poweroff", "reboot", "crash" };
static const char *const testLifecycleActionNames[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
    "coredump-restart",
};

static int
testDomainSetLifecycleAction(virDomainPtr domain, unsigned int type,
                             unsigned int action, unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    if (type >= TEST_LIFECYCLE_LAST) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("invalid lifecycle type '%u'"), type);
        return -1;
    }
    if (action >= TEST_LIFECYCLE_ACTION_LAST) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("invalid lifecycle action '%u'"), action);
        return -1;
    }
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!testLifecycleActionValid(type, action)) {
        testReportDomainError(VIR_ERR_CONFIG_UNSUPPORTED,
                              _("Lifecycle event '%s' doesn't support '%s' action"),
                              testLifecycleNames[type], testLifecycleActionNames[action]);
        return -1;
    }

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    if (live)
        testDomainDefSetLifecycle(live, type, action);
    if (persistent)
        testDomainDefSetLifecycle(persistent, type, action);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetMemoryStatsPeriod(virDomainPtr domain, int period,
                               unsigned int flags)
{
    testDriver *driver;
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    if (period < 0) {
        testApiInvalidArg("virDomainSetMemoryStatsPeriod", "period",
                          _("%s in %s must be zero or greater"), "period",
                          "virDomainSetMemoryStatsPeriod");
        return -1;
    }
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!(obj = testDomainLock(domain, &driver)))
        return -1;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    if ((live && !live->memballoon) || (persistent && !persistent->memballoon)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("No memory balloon device configured, can not set the collection period"));
        goto cleanup;
    }
    if (live)
        live->memballoon->period = period;
    if (persistent)
        persistent->memballoon->period = period;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ================================================================== */
/* Registration                                                       */

/* ================================================================== */
/* Save images and screenshots                                        */

/* The definition stored in the save image PATH, as libvirt's test driver
 * reads it back (an inactive definition). */
static virDomainDef *
testSaveImageOpen(const char *path)
{
    g_autofree char *xml = testSaveImageRead(path);

    if (!xml)
        return NULL;
    return virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE);
}

static char *
testDomainSaveImageGetXMLDesc(virConnectPtr conn G_GNUC_UNUSED, const char *path,
                              unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;

    virCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);

    /* the image is a file of its own: no driver state is involved */
    if (!(def = testSaveImageOpen(path)))
        return NULL;
    return virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE);
}

static int
testDomainSaveImageDefineXML(virConnectPtr conn G_GNUC_UNUSED, const char *path,
                             const char *dxml, unsigned int flags)
{
    g_autoptr(virDomainDef) old = NULL;
    g_autoptr(virDomainDef) def = NULL;

    virCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);

    /* the image must be a valid one; the new definition replaces its
     * definition as is (libvirt's test driver checks no compatibility) */
    if (!(old = testSaveImageOpen(path)) ||
        !(def = virDomainDefParseString(dxml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    return testSaveImageWrite(def, path);
}

/* The test screen: an 8-bit grayscale PNG of the size of libvirt's test
 * screenshot (1120x832), drawn here -- a light frame around a dark
 * desktop with a gradient band -- and compressed with GIO's zlib
 * converter.  Built once. */
#define TEST_SCREEN_WIDTH 1120
#define TEST_SCREEN_HEIGHT 832

static guint32
testPngCrc(const guint8 *data, size_t len, guint32 crc)
{
    static guint32 table[256];
    static gsize ready;
    size_t i;

    if (g_once_init_enter(&ready)) {
        for (i = 0; i < 256; i++) {
            guint32 c = i;
            int k;

            for (k = 0; k < 8; k++)
                c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        g_once_init_leave(&ready, 1);
    }
    crc ^= 0xffffffffU;
    for (i = 0; i < len; i++)
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffU;
}

static void
testPngChunk(GByteArray *png, const char *type, const guint8 *data, guint32 len)
{
    guint8 be[4] = { len >> 24, len >> 16, len >> 8, len };
    guint32 crc;

    g_byte_array_append(png, be, 4);
    g_byte_array_append(png, (const guint8 *)type, 4);
    if (len)
        g_byte_array_append(png, data, len);
    crc = testPngCrc((const guint8 *)type, 4, 0);
    crc = testPngCrc(data, len, crc);
    be[0] = crc >> 24;
    be[1] = crc >> 16;
    be[2] = crc >> 8;
    be[3] = crc;
    g_byte_array_append(png, be, 4);
}

static GBytes *
testScreenPngBuild(void)
{
    static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    const size_t stride = TEST_SCREEN_WIDTH + 1;
    g_autofree guint8 *raw = g_malloc(stride * TEST_SCREEN_HEIGHT);
    g_autoptr(GZlibCompressor) zc = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
    g_autofree guint8 *zbuf = NULL;
    size_t zsize = stride * TEST_SCREEN_HEIGHT + 4096;
    gsize nread = 0;
    gsize nwritten = 0;
    GByteArray *png = g_byte_array_new();
    guint8 ihdr[13] = { 0 };
    int x;
    int y;

    for (y = 0; y < TEST_SCREEN_HEIGHT; y++) {
        guint8 *row = raw + y * stride;

        row[0] = 0;     /* filter: none */
        for (x = 0; x < TEST_SCREEN_WIDTH; x++) {
            guint8 v = 0x20;

            if (x < 16 || y < 16 || x >= TEST_SCREEN_WIDTH - 16 ||
                y >= TEST_SCREEN_HEIGHT - 16)
                v = 0xc0;
            else if (y >= 380 && y < 452)
                v = 0x40 + (x * 0x80) / TEST_SCREEN_WIDTH;
            row[1 + x] = v;
        }
    }
    zbuf = g_malloc(zsize);
    if (g_converter_convert(G_CONVERTER(zc), raw, stride * TEST_SCREEN_HEIGHT,
                            zbuf, zsize, G_CONVERTER_INPUT_AT_END, &nread,
                            &nwritten, NULL) != G_CONVERTER_FINISHED)
        abort();    /* the output buffer is larger than the input */

    g_byte_array_append(png, signature, sizeof(signature));
    ihdr[0] = TEST_SCREEN_WIDTH >> 24;
    ihdr[1] = TEST_SCREEN_WIDTH >> 16;
    ihdr[2] = TEST_SCREEN_WIDTH >> 8;
    ihdr[3] = TEST_SCREEN_WIDTH & 0xff;
    ihdr[4] = TEST_SCREEN_HEIGHT >> 24;
    ihdr[5] = TEST_SCREEN_HEIGHT >> 16;
    ihdr[6] = TEST_SCREEN_HEIGHT >> 8;
    ihdr[7] = TEST_SCREEN_HEIGHT & 0xff;
    ihdr[8] = 8;        /* bit depth */
    ihdr[9] = 0;        /* grayscale; compression, filter, interlace 0 */
    testPngChunk(png, "IHDR", ihdr, sizeof(ihdr));
    testPngChunk(png, "IDAT", zbuf, nwritten);
    testPngChunk(png, "IEND", NULL, 0);
    return g_byte_array_free_to_bytes(png);
}

/* libvirt's test driver sends its picture through a file stream; this one
 * comes from memory (stream_internal.h). */
static char *
testDomainScreenshot(virDomainPtr domain G_GNUC_UNUSED, virStreamPtr stream,
                     unsigned int screen G_GNUC_UNUSED, unsigned int flags)
{
    static GBytes *image;
    gsize len;
    const char *data;

    virCheckFlags(0, NULL);

    /* like libvirt's test driver, any domain and any screen show the
     * same picture */
    if (g_once_init_enter(&image))
        g_once_init_leave(&image, testScreenPngBuild());
    data = g_bytes_get_data(image, &len);
    if (virStreamSetBuffer(stream, data, len) < 0)
        return NULL;
    return g_strdup("image/png");
}

void
testDomainRestRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    hv->nodeGetCPUMap = testNodeGetCPUMap;
    hv->nodeGetCPUStats = testNodeGetCPUStats;
    hv->nodeGetCellsFreeMemory = testNodeGetCellsFreeMemory;
    hv->nodeGetFreeMemory = testNodeGetFreeMemory;
    hv->nodeGetFreePages = testNodeGetFreePages;
    hv->nodeGetSecurityModel = testNodeGetSecurityModel;
    hv->connectGetSysinfo = testConnectGetSysinfo;
    hv->connectGetCPUModelNames = testConnectGetCPUModelNames;
    hv->connectBaselineCPU = testConnectBaselineCPU;
    hv->connectRegisterCloseCallback = testConnectRegisterCloseCallback;
    hv->connectUnregisterCloseCallback = testConnectUnregisterCloseCallback;
    hv->domainMemoryStats = testDomainMemoryStats;
    hv->domainMemoryPeek = testDomainMemoryPeek;
    hv->connectGetAllDomainStats = testConnectGetAllDomainStats;
    hv->domainSendKey = testDomainSendKey;
    hv->domainSendProcessSignal = testDomainSendProcessSignal;
    hv->domainSetTime = testDomainSetTime;
    hv->domainSetUserPassword = testDomainSetUserPassword;
    hv->domainRename = testDomainRename;
    hv->domainSetMetadata = testDomainSetMetadata;
    hv->domainSetLifecycleAction = testDomainSetLifecycleAction;
    hv->domainSetMemoryStatsPeriod = testDomainSetMemoryStatsPeriod;
    hv->domainSaveImageGetXMLDesc = testDomainSaveImageGetXMLDesc;
    hv->domainSaveImageDefineXML = testDomainSaveImageDefineXML;
    hv->domainScreenshot = testDomainScreenshot;
}
