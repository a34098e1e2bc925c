/*
 * test_domain_more.c: the domain API of the test driver beyond the
 * lifecycle, first half (virDomain[A-K]...).
 *
 * libvirt's test driver answers most of these calls with fixed, made-up
 * values (block and interface counters derived from the clock, file
 * systems named after the first disk, a fixed guest time ...) and keeps
 * real state only where a change is visible afterwards: IOThreads live in
 * the domain definition, and frozen guest file systems in the per-domain
 * state behind testDomainObj->more.  The tuning calls are kept together
 * here whatever their letter: the pinning calls and the typed-parameter
 * setters (block I/O, memory, NUMA, interface bandwidth, disk throttling,
 * perf events) edit the definition their getters read, so that
 * virDomainGetXMLDesc shows the change as libvirt's does.  Every function
 * here reproduces what libvirt 9.0's test driver returns and which errors
 * it reports, checked against it by tests/python/scripts/domain_more*.py
 * and tuning*.py.  What libvirt's test
 * driver does not implement is left out, so the entry point reports
 * VIR_ERR_NO_SUPPORT as libvirt does.
 *
 * The file also holds the three virDomain*Free functions of api.xml
 * (impl="core") that release what the getters return: they belong with
 * the structs they free and need no driver.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "test_event.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The file a core dump gets: the test hypervisor has no memory to dump. */
#define TEST_DUMP_MAGIC "TestGuestMagic"

/* libvirt's bitmaps for a cpuset are this many bits long. */
#define TEST_CPUMASK_LEN 1024

/* Per-domain state of this file (testDomainObj->more). */
typedef struct {
    bool frozen[2];          /* guest file systems "/" and "/boot" */
} testDomainMore;

static testDomainMore *
testDomainMoreOf(testDomainObj *obj)
{
    if (!obj->more)
        obj->more = g_new0(testDomainMore, 1);
    return obj->more;
}

void
testDomainMoreDomainFree(void *state)
{
    g_free(state);
}


/* ------------------------------------------------------------------ */
/* Helpers                                                            */

/* Everything the caller releases with free() is allocated with malloc;
 * GLib's allocator is the system one, but say so where it matters. */
static char *
testStrdup(const char *s)
{
    char *ret = malloc(strlen(s) + 1);

    if (!ret)
        abort();
    strcpy(ret, s);
    return ret;
}

static void *
testCalloc(size_t n, size_t size)
{
    void *ret = calloc(n ? n : 1, size);

    if (!ret)
        abort();
    return ret;
}

/* The object behind DOM with driver->lock taken, or NULL (lock released,
 * error reported). */
static testDomainObj *
testDomainMoreLock(testDriver *driver, virDomainPtr dom)
{
    testDomainObj *obj;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, dom)))
        g_mutex_unlock(&driver->lock);
    return obj;
}

/* The single definition FLAGS (AFFECT_*) select, as libvirt's
 * virDomainObjGetOneDef: LIVE and CONFIG together are refused. */
static virDomainDef *
testDomainMoreOneDef(testDomainObj *obj, unsigned int flags, const char *apiname)
{
    virDomainDef *live = NULL;
    virDomainDef *persistent = NULL;

    if (testCheckExclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                                VIR_DOMAIN_AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG",
                                apiname) < 0)
        return NULL;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        return NULL;
    return live ? live : persistent;
}

/* How many CPUs the machine we run on has, as libvirt's
 * virHostCPUGetCount (the highest present CPU + 1). */
static int
testHostCPUCount(void)
{
    FILE *fp = fopen("/sys/devices/system/cpu/present", "re");
    char buf[256];
    int max = -1;

    if (fp) {
        if (fgets(buf, sizeof(buf), fp)) {
            char *p = buf;
            while (*p) {
                char *end;
                long v = strtol(p, &end, 10);
                if (end == p)
                    break;
                if (v > max)
                    max = v;
                p = end;
                while (*p == ',' || *p == '-')
                    p++;
                if (*p == '\n')
                    break;
            }
        }
        fclose(fp);
    }
    if (max < 0) {
        long n = sysconf(_SC_NPROCESSORS_CONF);
        return n > 0 ? (int)n : 1;
    }
    return max + 1;
}

/* The test host's CPUs (VIR_NODEINFO_MAXCPUS of its node information). */
static int
testNodeMaxCPUs(testDriver *driver)
{
    const virNodeInfo *ni = &driver->nodeInfo;

    return ni->nodes * ni->sockets * ni->cores * ni->threads;
}

/* A CPU set: a cpuset string or, when NULL, the NALL first CPUs. */
typedef struct {
    const char *cpuset;
    int nall;
} testCpuSet;

static bool
testCpuSetHas(const testCpuSet *set, int cpu)
{
    const char *p = set->cpuset;

    if (!p)
        return cpu < set->nall;
    while (*p) {
        char *end;
        long lo = strtol(p, &end, 10);
        long hi = lo;

        if (end == p)
            return false;
        p = end;
        if (*p == '-') {
            hi = strtol(p + 1, &end, 10);
            p = end;
        }
        if (cpu >= lo && cpu <= hi)
            return true;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return false;
}

/* The highest CPU of SET, -1 when empty. */
static int
testCpuSetLast(const testCpuSet *set)
{
    int cpu;

    if (!set->cpuset)
        return set->nall - 1;
    for (cpu = TEST_CPUMASK_LEN - 1; cpu >= 0; cpu--) {
        if (testCpuSetHas(set, cpu))
            return cpu;
    }
    return -1;
}

/* Bytes libvirt's bitmap of SET has (virBitmapToData). */
static int
testCpuSetBytes(const testCpuSet *set)
{
    return ((set->cpuset ? TEST_CPUMASK_LEN : set->nall) + 7) / 8;
}

/* Write SET into the MAPLEN bytes at MAP (bits past the set's size or
 * MAPLEN are dropped, as virBitmapToDataBuf does). */
static void
testCpuSetToMap(const testCpuSet *set, unsigned char *map, int maplen)
{
    int nbits = testCpuSetBytes(set) * 8;
    int cpu;

    memset(map, 0, maplen);
    for (cpu = 0; cpu < maplen * 8 && cpu < nbits; cpu++) {
        if (testCpuSetHas(set, cpu))
            map[cpu / 8] |= 1 << (cpu % 8);
    }
}

static const char *
testVcpuPin(const virDomainDef *def, unsigned int vcpu)
{
    size_t i;

    for (i = 0; i < def->nvcpupins; i++) {
        if (def->vcpupins[i].id == vcpu)
            return def->vcpupins[i].cpuset;
    }
    return NULL;
}

/* The disk of DEF called NAME: by target name, or by source path when
 * NAME starts with '/'.  NULL when there is none. */
static virDomainDiskDef *
testDiskByName(const virDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (name[0] != '/') {
            if (disk->dst && strcmp(disk->dst, name) == 0)
                return disk;
        } else if (disk->src && strcmp(disk->src, name) == 0) {
            return disk;
        }
    }
    return NULL;
}

/* A disk with nothing behind it: an empty CD-ROM or floppy drive. */
static bool
testDiskSourceIsEmpty(const virDomainDiskDef *disk)
{
    switch (disk->type) {
    case VIR_STORAGE_TYPE_NETWORK:
        return !disk->srcName;
    case VIR_STORAGE_TYPE_VOLUME:
        return !disk->srcPool || !disk->srcVolume;
    case VIR_STORAGE_TYPE_NONE:
        return true;
    default:
        return !disk->src;
    }
}

static bool
testParseMac(const char *str, unsigned char *mac)
{
    unsigned int b[VIR_MAC_BUFLEN];
    char tail;
    int i;

    if (sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &tail) != 6)
        return false;
    for (i = 0; i < VIR_MAC_BUFLEN; i++)
        mac[i] = b[i];
    return true;
}

/* The interface of DEF called DEVICE (a MAC address or a target name), or
 * NULL with libvirt's error reported. */
static virDomainNetDef *
testNetFind(const virDomainDef *def, const char *device)
{
    unsigned char mac[VIR_MAC_BUFLEN];
    size_t i;

    if (testParseMac(device, mac)) {
        for (i = 0; i < def->nnets; i++) {
            if (memcmp(def->nets[i]->mac, mac, VIR_MAC_BUFLEN) == 0)
                return def->nets[i];
        }
    } else {
        for (i = 0; i < def->nnets; i++) {
            if (def->nets[i]->ifname && strcmp(def->nets[i]->ifname, device) == 0)
                return def->nets[i];
        }
    }
    testReportDomainError(VIR_ERR_INVALID_ARG,
                          _("'%s' is not a known interface"), device);
    return NULL;
}

/* Microseconds since the epoch: the base of the fake counters. */
static unsigned long long
testStatBase(unsigned long long *secs)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    *secs = tv.tv_sec;
    return (unsigned long long)tv.tv_sec * 1000ULL * 1000ULL + tv.tv_usec;
}

/* ------------------------------------------------------------------ */
/* Guest agent: host name, time, file systems, addresses              */

static char *
testDomainGetHostname(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    char *ret = NULL;

    virCheckFlags(0, NULL);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return NULL;
    if (testDomainObjCheckActive(obj) == 0)
        ret = g_strdup_printf("%shost", obj->def->name);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetTime(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                  unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (!testDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", _("domain is not running"));
    } else {
        /* the same fixed instant as libvirt's test driver */
        *seconds = 627319920;
        *nseconds = 0;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Index of MOUNTPOINT among the two file systems of the fake guest. */
static int
testMountPointIndex(const char *mountpoint)
{
    if (strcmp(mountpoint, "/") == 0)
        return 0;
    if (strcmp(mountpoint, "/boot") == 0)
        return 1;
    virReportError(VIR_ERR_OPERATION_INVALID, _("mount point not found: %s"), mountpoint);
    return -1;
}

static int
testDomainFSChange(virDomainPtr dom, const char **mountpoints,
                   unsigned int nmountpoints, bool freeze)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    testDomainMore *more;
    bool want[2] = { false, false };
    unsigned int i;
    int ret = -1;

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (nmountpoints == 0) {
        want[0] = want[1] = true;
    } else {
        for (i = 0; i < nmountpoints; i++) {
            int idx = testMountPointIndex(mountpoints[i]);
            if (idx < 0)
                goto cleanup;
            want[idx] = true;
        }
    }
    more = testDomainMoreOf(obj);
    ret = 0;
    for (i = 0; i < 2; i++) {
        if (want[i] && more->frozen[i] != freeze) {
            more->frozen[i] = freeze;
            ret++;
        }
    }

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainFSFreeze(virDomainPtr dom, const char **mountpoints,
                   unsigned int nmountpoints, unsigned int flags)
{
    virCheckFlags(0, -1);
    return testDomainFSChange(dom, mountpoints, nmountpoints, true);
}

static int
testDomainFSThaw(virDomainPtr dom, const char **mountpoints,
                 unsigned int nmountpoints, unsigned int flags)
{
    virCheckFlags(0, -1);
    return testDomainFSChange(dom, mountpoints, nmountpoints, false);
}

static int
testDomainFSTrim(virDomainPtr dom, const char *mountPoint,
                 unsigned long long minimum, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (mountPoint && testMountPointIndex(mountPoint) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainFSInfoPtr
testFSInfoNew(const char *mountpoint, const char *dst, int part)
{
    virDomainFSInfoPtr info = testCalloc(1, sizeof(*info));
    g_autofree char *name = g_strdup_printf("%s%d", dst, part);

    info->mountpoint = testStrdup(mountpoint);
    info->name = testStrdup(name);
    info->fstype = testStrdup("ext4");
    info->ndevAlias = 1;
    info->devAlias = testCalloc(1, sizeof(char *));
    info->devAlias[0] = testStrdup(dst);
    return info;
}

static int
testDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    size_t i;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    *info = NULL;
    ret = 0;
    /* the fake guest has "/" and "/boot" on the first two partitions of
     * its first disk */
    for (i = 0; i < obj->def->ndisks; i++) {
        const virDomainDiskDef *disk = obj->def->disks[i];

        if (disk->device != VIR_DOMAIN_DISK_DEVICE_DISK)
            continue;
        *info = testCalloc(2, sizeof(virDomainFSInfoPtr));
        (*info)[0] = testFSInfoNew("/", disk->dst, 1);
        (*info)[1] = testFSInfoNew("/boot", disk->dst, 2);
        ret = 2;
        break;
    }

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* The first DHCP range start of the network NAME of DRIVER's host, as
 * an IPv4 address in host order; -1 with an error when there is none. */
static int
testNetworkRangeStart(testDriver *driver, const char *name, unsigned int *start)
{
    size_t i;

    for (i = 0; i < driver->networks->len; i++) {
        testGenericObj *net = g_ptr_array_index(driver->networks, i);
        xmlDocPtr doc;
        xmlNodePtr root;
        xmlNodePtr ip;
        int found = -1;

        if (!net->name || strcmp(net->name, name) != 0 || !net->xml)
            continue;
        if (!(doc = xmlReadMemory(net->xml, strlen(net->xml), "network.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)))
            break;
        root = xmlDocGetRootElement(doc);
        for (ip = root ? root->children : NULL; ip && found < 0; ip = ip->next) {
            xmlNodePtr dhcp;
            if (ip->type != XML_ELEMENT_NODE || !xmlStrEqual(ip->name, BAD_CAST "ip"))
                continue;
            for (dhcp = ip->children; dhcp && found < 0; dhcp = dhcp->next) {
                xmlNodePtr range;
                if (dhcp->type != XML_ELEMENT_NODE || !xmlStrEqual(dhcp->name, BAD_CAST "dhcp"))
                    continue;
                for (range = dhcp->children; range && found < 0; range = range->next) {
                    xmlChar *s;
                    unsigned int a, b, c, d;
                    if (range->type != XML_ELEMENT_NODE ||
                        !xmlStrEqual(range->name, BAD_CAST "range"))
                        continue;
                    if ((s = xmlGetProp(range, BAD_CAST "start")) &&
                        sscanf((const char *)s, "%u.%u.%u.%u", &a, &b, &c, &d) == 4) {
                        *start = (a << 24) | (b << 16) | (c << 8) | d;
                        found = 0;
                    }
                    xmlFree(s);
                }
            }
        }
        xmlFreeDoc(doc);
        if (found == 0)
            return 0;
        break;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("network '%s' has no DHCP range to take an address from"), name);
    return -1;
}

static int
testDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                             unsigned int source, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainInterfacePtr *list = NULL;
    size_t n = 0;
    size_t i;
    int ret = -1;

    virCheckFlags(0, -1);

    /* libvirt's public API keeps the guest agent from read-only users */
    if (source == VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT &&
        (dom->conn->flags & VIR_CONNECT_FLAG_RO)) {
        testReportDomainError(VIR_ERR_OPERATION_DENIED,
                              _("read only access prevents %s"),
                              "virDomainInterfaceAddresses");
        return -1;
    }
    if (source >= (VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP + 1)) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       _("Unknown IP address data source %d"), source);
        return -1;
    }

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;

    list = testCalloc(obj->def->nnets, sizeof(*list));
    for (i = 0; i < obj->def->nnets; i++) {
        const virDomainNetDef *net = obj->def->nets[i];
        virDomainInterfacePtr iface = testCalloc(1, sizeof(*iface));
        char macstr[VIR_MAC_STRING_BUFLEN];
        g_autofree char *addr = NULL;

        list[n++] = iface;
        iface->name = testStrdup(net->ifname ? net->ifname : "");
        iface->hwaddr = testStrdup(virDomainMacFormat(net->mac, macstr));
        if (net->type == VIR_DOMAIN_NET_TYPE_NETWORK) {
            /* an address of the network's DHCP range, 20 per domain id */
            unsigned int start;
            unsigned int a;

            if (testNetworkRangeStart(driver, net->sourceNetwork ? net->sourceNetwork : "", &start) < 0)
                goto cleanup;
            a = start + 20 * (obj->def->id - 1) + i + 1;
            addr = g_strdup_printf("%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
                                   (a >> 8) & 0xff, a & 0xff);
        } else {
            addr = g_strdup_printf("192.168.0.%zu", i + 1);
        }
        iface->naddrs = 1;
        iface->addrs = testCalloc(1, sizeof(virDomainIPAddress));
        iface->addrs[0].type = VIR_IP_ADDR_TYPE_IPV4;
        iface->addrs[0].addr = testStrdup(addr);
        iface->addrs[0].prefix = 24;
    }
    *ifaces = g_steal_pointer(&list);
    ret = n;

 cleanup:
    g_mutex_unlock(&driver->lock);
    if (list) {
        for (i = 0; i < n; i++)
            virDomainInterfaceFree(list[i]);
        free(list);
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* IOThreads                                                          */

static virDomainIOThreadIDDef *
testIOThreadFind(const virDomainDef *def, unsigned int id)
{
    size_t i;

    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i].iothread_id == id)
            return &def->iothreadids[i];
    }
    return NULL;
}

static int
testIOThreadAddTo(virDomainDef *def, unsigned int id)
{
    virDomainIOThreadIDDef iot = {
        .iothread_id = id,
        .thread_pool_min = -1,
        .thread_pool_max = -1,
    };

    if (testIOThreadFind(def, id)) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("an IOThread is already using iothread_id '%u'"), id);
        return -1;
    }
    def->iothreadids = g_renew(virDomainIOThreadIDDef, def->iothreadids,
                               def->niothreadids + 1);
    def->iothreadids[def->niothreadids++] = iot;
    def->iothreads++;
    return 0;
}

static int
testIOThreadDelFrom(virDomainDef *def, unsigned int id)
{
    virDomainIOThreadIDDef *iot = testIOThreadFind(def, id);
    size_t i;

    if (!iot) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("cannot find IOThread '%u' in iothreadids list"), id);
        return -1;
    }
    i = iot - def->iothreadids;
    memmove(iot, iot + 1, (def->niothreadids - i - 1) * sizeof(*iot));
    def->niothreadids--;
    if (def->iothreads > 0)
        def->iothreads--;
    for (i = 0; i < def->niothreadpins; i++) {
        if (def->iothreadpins[i].id == id) {
            g_free(def->iothreadpins[i].cpuset);
            memmove(&def->iothreadpins[i], &def->iothreadpins[i + 1],
                    (def->niothreadpins - i - 1) * sizeof(virDomainPinDef));
            def->niothreadpins--;
            break;
        }
    }
    return 0;
}

static int
testDomainChgIOThread(virDomainPtr dom, unsigned int id, bool add, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    /* check both definitions before changing either */
    if (add) {
        if ((live && testIOThreadFind(live, id)) ||
            (persistent && testIOThreadFind(persistent, id))) {
            testReportDomainError(VIR_ERR_INVALID_ARG,
                                  _("an IOThread is already using iothread_id '%u'"), id);
            goto cleanup;
        }
        if ((live && testIOThreadAddTo(live, id) < 0) ||
            (persistent && testIOThreadAddTo(persistent, id) < 0))
            goto cleanup;
    } else {
        if ((live && !testIOThreadFind(live, id)) ||
            (persistent && !testIOThreadFind(persistent, id))) {
            testReportDomainError(VIR_ERR_INVALID_ARG,
                                  _("cannot find IOThread '%u' in iothreadids list"), id);
            goto cleanup;
        }
        if ((live && testIOThreadDelFrom(live, id) < 0) ||
            (persistent && testIOThreadDelFrom(persistent, id) < 0))
            goto cleanup;
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainAddIOThread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (iothread_id == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("invalid value of 0 for iothread_id"));
        return -1;
    }
    return testDomainChgIOThread(dom, iothread_id, true, flags);
}

static int
testDomainDelIOThread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    return testDomainChgIOThread(dom, iothread_id, false, flags);
}

static int
testDomainGetIOThreadInfo(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                          unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainIOThreadInfoPtr *list;
    int hostcpus = testHostCPUCount();
    size_t i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetIOThreadInfo")))
        goto cleanup;

    *info = NULL;
    if (def->niothreadids == 0) {
        ret = 0;
        goto cleanup;
    }
    list = testCalloc(def->niothreadids, sizeof(*list));
    for (i = 0; i < def->niothreadids; i++) {
        unsigned int id = def->iothreadids[i].iothread_id;
        testCpuSet set = { .cpuset = def->cpuset, .nall = hostcpus };
        size_t j;

        /* pinned CPUs, else the domain's cpuset, else the whole host */
        for (j = 0; j < def->niothreadpins; j++) {
            if (def->iothreadpins[j].id == id)
                set.cpuset = def->iothreadpins[j].cpuset;
        }
        list[i] = testCalloc(1, sizeof(virDomainIOThreadInfo));
        list[i]->iothread_id = id;
        list[i]->cpumaplen = testCpuSetBytes(&set);
        list[i]->cpumap = testCalloc(list[i]->cpumaplen, 1);
        testCpuSetToMap(&set, list[i]->cpumap, list[i]->cpumaplen);
    }
    *info = list;
    ret = def->niothreadids;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Virtual CPUs and pinning                                           */

static int
testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    unsigned long long secs;
    unsigned long long statbase;
    int i;
    int ret = -1;

    if (cpumaps && maplen <= 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainGetVcpus", __LINE__,
                                  "maplen", _("%s in %s must be greater than zero"),
                                  "maplen", "virDomainGetVcpus");
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!testDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot list vcpus for an inactive domain"));
        goto cleanup;
    }

    statbase = testStatBase(&secs);
    if (maxinfo > (int)obj->def->vcpus)
        maxinfo = obj->def->vcpus;
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
    for (i = 0; i < maxinfo; i++) {
        const char *pin = testVcpuPin(obj->def, i);
        testCpuSet set = {
            .cpuset = pin ? pin : obj->def->cpuset,
            .nall = testNodeMaxCPUs(driver),
        };

        if (cpumaps)
            testCpuSetToMap(&set, cpumaps + (size_t)i * maplen, maplen);
        info[i].number = i;
        info[i].state = VIR_VCPU_RUNNING;
        info[i].cpu = testCpuSetLast(&set);
        info[i].cpuTime = statbase / 10;
    }
    ret = maxinfo;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps,
                         int maplen, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetVcpuPinInfo")))
        goto cleanup;
    for (i = 0; i < (int)def->maxvcpus && i < ncpumaps; i++) {
        const char *pin = testVcpuPin(def, i);
        testCpuSet set = {
            .cpuset = pin ? pin : def->cpuset,
            .nall = testNodeMaxCPUs(driver),
        };

        testCpuSetToMap(&set, cpumaps + (size_t)i * maplen, maplen);
    }
    ret = i;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap,
                             int maplen, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if ((def = testDomainMoreOneDef(obj, flags, "virDomainGetEmulatorPinInfo"))) {
        testCpuSet set = {
            .cpuset = def->emulatorpin ? def->emulatorpin : def->cpuset,
            .nall = testNodeMaxCPUs(driver),
        };

        testCpuSetToMap(&set, cpumap, maplen);
        ret = 1;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Block devices and interfaces                                       */

static int
testDomainBlockStats(virDomainPtr dom, const char *disk,
                     virDomainBlockStatsPtr stats, size_t size)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainBlockStatsStruct st;
    unsigned long long secs;
    unsigned long long statbase;
    int ret = -1;

    if (size > sizeof(st)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainBlockStats", __LINE__,
                                  "size", _("size must not exceed %zu"), sizeof(st));
        return -1;
    }
    if (!*disk) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("summary statistics are not supported yet"));
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!testDiskByName(obj->def, disk)) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid path: %s"), disk);
        goto cleanup;
    }
    /* made-up counters that grow with time, as libvirt's */
    statbase = testStatBase(&secs);
    st.rd_req = statbase / 10;
    st.rd_bytes = statbase / 20;
    st.wr_req = statbase / 30;
    st.wr_bytes = statbase / 40;
    st.errs = secs / 2;
    memcpy(stats, &st, size);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainInterfaceStats(virDomainPtr dom, const char *device,
                         virDomainInterfaceStatsPtr stats, size_t size)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainInterfaceStatsStruct st;
    unsigned long long secs;
    unsigned long long statbase;
    int ret = -1;

    if (size > sizeof(st)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainInterfaceStats",
                                  __LINE__, "size", _("size must not exceed %zu"),
                                  sizeof(st));
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!testNetFind(obj->def, device))
        goto cleanup;
    statbase = testStatBase(&secs);
    st.rx_bytes = statbase / 10;
    st.rx_packets = statbase / 100;
    st.rx_errs = secs / 1;
    st.rx_drop = secs / 2;
    st.tx_bytes = statbase / 20;
    st.tx_packets = statbase / 110;
    st.tx_errs = secs / 3;
    st.tx_drop = secs / 4;
    memcpy(stats, &st, size);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetBlockInfo(virDomainPtr domain, const char *disk,
                       virDomainBlockInfoPtr info, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    virDomainDiskDef *def;
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDiskByName(obj->def, disk))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("invalid path %s not assigned to domain"), disk);
    } else if (testDiskSourceIsEmpty(def)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("disk '%s' does not currently have a source assigned"), disk);
    } else {
        info->capacity = 1099506450432ULL;
        info->allocation = 1099511627776ULL;
        info->physical = 1099511627776ULL;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                        unsigned int maxerrors, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    size_t i;
    int ret = -1;

    virCheckFlags(0, -1);

    if ((!errors && maxerrors) || (errors && !maxerrors)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainGetDiskErrors",
                                  __LINE__, "errors",
                                  _("'errors' and 'maxerrors' must be both NULL/zero or both set"));
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!errors) {
        ret = obj->def->ndisks;
        goto cleanup;
    }
    /* every disk reports an error, alternating between the two kinds */
    for (i = 0; i < obj->def->ndisks && i < maxerrors; i++) {
        errors[i].disk = testStrdup(obj->def->disks[i]->dst);
        errors[i].error = (i % VIR_DOMAIN_DISK_ERROR_NO_SPACE) + 1;
    }
    ret = i;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                         unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (testDomainObjCheckActive(obj) == 0) {
        memset(info, 0, sizeof(*info));
        info->state = VIR_DOMAIN_CONTROL_OK;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    if (testDomainObjIsActive(obj)) {
        g_strlcpy(seclabel->label, "libvirt-test", VIR_SECURITY_LABEL_BUFLEN);
        seclabel->enforcing = 1;
    }
    g_mutex_unlock(&driver->lock);
    return 0;
}

static int
testDomainInjectNMI(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret;

    virCheckFlags(0, -1);

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    ret = testDomainObjCheckActive(obj);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Typed-parameter getters                                            */

/* The two-call convention: *NPARAMS 0 asks how many there are. */
#define TEST_PARAMS_COUNT(nparams, count) \
    do { \
        if (*(nparams) == 0) { \
            *(nparams) = (count); \
            ret = 0; \
            goto cleanup; \
        } \
    } while (0)

static int
testCheckParamsArgs(virTypedParameterPtr params, int *nparams, const char *apiname)
{
    if (*nparams < 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, apiname, __LINE__, "nparams",
                                  _("%s in %s must be zero or greater"), "nparams", apiname);
        return -1;
    }
    if (*nparams != 0 && !params) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, apiname, __LINE__, "params",
                                  _("%s in %s must not be NULL"), "params", apiname);
        return -1;
    }
    return 0;
}

/* "path,value" for every device of DEF with a nonzero FIELD, ','-joined. */
static char *
testBlkioDeviceString(const virDomainDef *def, int field)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < def->nblkioDevices; i++) {
        const virBlkioDevice *dev = &def->blkioDevices[i];
        unsigned long long v = 0;

        switch (field) {
        case 0: v = dev->weight; break;
        case 1: v = dev->riops; break;
        case 2: v = dev->wiops; break;
        case 3: v = dev->rbps; break;
        case 4: v = dev->wbps; break;
        }
        if (!v)
            continue;
        if (s->len)
            g_string_append_c(s, ',');
        g_string_append_printf(s, "%s,%llu", dev->path, v);
    }
    return g_string_free(s, FALSE);
}

static int
testDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                             int *nparams, unsigned int flags)
{
    static const char *const names[] = {
        VIR_DOMAIN_BLKIO_DEVICE_WEIGHT,
        VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
    };
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int n;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    /* libvirt's entry point always lets this driver return strings */
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (testCheckParamsArgs(params, nparams, "virDomainGetBlkioParameters") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetBlkioParameters")))
        goto cleanup;
    TEST_PARAMS_COUNT(nparams, 6);

    for (n = 0; n < *nparams && n < 6; n++) {
        int rc;

        if (n == 0) {
            rc = virTypedParameterAssign(&params[0], VIR_DOMAIN_BLKIO_WEIGHT,
                                         VIR_TYPED_PARAM_UINT, def->blkioWeight);
        } else {
            g_autofree char *s = testBlkioDeviceString(def, n - 1);
            rc = virTypedParameterAssign(&params[n], names[n - 1],
                                         VIR_TYPED_PARAM_STRING, s);
        }
        if (rc < 0) {
            virTypedParamsClear(params, n);
            goto cleanup;
        }
    }
    *nparams = n;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                              int *nparams, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int n;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (testCheckParamsArgs(params, nparams, "virDomainGetMemoryParameters") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetMemoryParameters")))
        goto cleanup;
    TEST_PARAMS_COUNT(nparams, 3);

    for (n = 0; n < *nparams && n < 3; n++) {
        static const char *const names[] = {
            VIR_DOMAIN_MEMORY_HARD_LIMIT,
            VIR_DOMAIN_MEMORY_SOFT_LIMIT,
            VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
        };
        const bool has[] = { def->hasHardLimit, def->hasSoftLimit, def->hasSwapHardLimit };
        const unsigned long long val[] = { def->hardLimit, def->softLimit, def->swapHardLimit };

        if (virTypedParameterAssign(&params[n], names[n], VIR_TYPED_PARAM_ULLONG,
                                    has[n] ? val[n] : VIR_DOMAIN_MEMORY_PARAM_UNLIMITED) < 0)
            goto cleanup;
    }
    *nparams = n;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetNumaParameters(virDomainPtr domain, virTypedParameterPtr params,
                            int *nparams, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int n;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (testCheckParamsArgs(params, nparams, "virDomainGetNumaParameters") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetNumaParameters")))
        goto cleanup;
    TEST_PARAMS_COUNT(nparams, 2);

    for (n = 0; n < *nparams && n < 2; n++) {
        int rc;

        if (n == 0)
            rc = virTypedParameterAssign(&params[0], VIR_DOMAIN_NUMA_MODE,
                                         VIR_TYPED_PARAM_INT, def->numatuneMode);
        else
            rc = virTypedParameterAssign(&params[1], VIR_DOMAIN_NUMA_NODESET,
                                         VIR_TYPED_PARAM_STRING,
                                         def->numatuneNodeset ? def->numatuneNodeset : "");
        if (rc < 0) {
            virTypedParamsClear(params, n);
            goto cleanup;
        }
    }
    *nparams = n;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetBlockIoTune(virDomainPtr dom, const char *disk,
                         virTypedParameterPtr params, int *nparams,
                         unsigned int flags)
{
    /* The disk's <iotune>: its limits in their XML order, with the group
     * name where libvirt puts it (after size_iops_sec). */
    const int count = VIR_DOMAIN_DISK_IOTUNE_LAST + 1;
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainDiskDef *dd;
    int n;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (testCheckParamsArgs(params, nparams, "virDomainGetBlockIoTune") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetBlockIoTune")))
        goto cleanup;
    TEST_PARAMS_COUNT(nparams, count);
    if (!(dd = testDiskByName(def, disk))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("disk '%s' was not found in the domain config"), disk);
        goto cleanup;
    }
    for (n = 0; n < *nparams && n < count; n++) {
        int field = n;
        int rc;

        if (n == VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH) {
            rc = virTypedParameterAssign(&params[n], VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME,
                                         VIR_TYPED_PARAM_STRING, dd->iotuneGroup);
        } else {
            if (n > VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH)
                field = n - 1;
            rc = virTypedParameterAssign(&params[n], virDomainDiskIotuneTypeToString(field),
                                         VIR_TYPED_PARAM_ULLONG, dd->iotune[field]);
        }
        if (rc < 0) {
            virTypedParamsClear(params, n);
            goto cleanup;
        }
    }
    *nparams = n;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetInterfaceParameters(virDomainPtr domain, const char *device,
                                 virTypedParameterPtr params, int *nparams,
                                 unsigned int flags)
{
    /* The interface's <bandwidth>, 0 for what is not set. */
    static const char *const names[] = {
        VIR_DOMAIN_BANDWIDTH_IN_AVERAGE,
        VIR_DOMAIN_BANDWIDTH_IN_PEAK,
        VIR_DOMAIN_BANDWIDTH_IN_BURST,
        VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
        VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE,
        VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
        VIR_DOMAIN_BANDWIDTH_OUT_BURST,
    };
    const int count = G_N_ELEMENTS(names);
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainNetDef *net;
    int n;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (testCheckParamsArgs(params, nparams, "virDomainGetInterfaceParameters") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetInterfaceParameters")))
        goto cleanup;
    if (!(net = testNetFind(def, device)))
        goto cleanup;
    TEST_PARAMS_COUNT(nparams, count);
    for (n = 0; n < *nparams && n < count; n++) {
        const virNetDevBandwidthRate *rate = NULL;
        unsigned long long v = 0;

        if (net->bandwidth)
            rate = n < 4 ? net->bandwidth->in : net->bandwidth->out;
        if (rate) {
            switch (n) {
            case 0: case 4: v = rate->average; break;
            case 1: case 5: v = rate->peak; break;
            case 2: case 6: v = rate->burst; break;
            case 3: v = rate->floor; break;
            }
        }
        /* the public parameters are unsigned ints: libvirt truncates */
        if (virTypedParameterAssign(&params[n], names[n], VIR_TYPED_PARAM_UINT,
                                    (unsigned int)v) < 0)
            goto cleanup;
    }
    *nparams = n;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetPerfEvents(virDomainPtr domain, virTypedParameterPtr *params,
                        int *nparams, unsigned int flags)
{
    /* every perf event of libvirt, in its order: enabled or not */
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virTypedParameterPtr list;
    size_t i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetPerfEvents")))
        goto cleanup;
    list = testCalloc(VIR_PERF_EVENT_LAST, sizeof(virTypedParameter));
    for (i = 0; i < VIR_PERF_EVENT_LAST; i++)
        virTypedParameterAssign(&list[i], virPerfEventTypeToString(i), VIR_TYPED_PARAM_BOOLEAN,
                                def->perf[i] == VIR_TRISTATE_BOOL_YES);
    *params = list;
    *nparams = VIR_PERF_EVENT_LAST;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr *params,
                                int *nparams, unsigned int flags)
{
    /* libvirt's public API adds STRING_OKAY for drivers that can return
     * strings, and its test driver then refuses every flag: the call
     * always fails there, so it does here. */
    flags |= VIR_TYPED_PARAM_STRING_OKAY;
    virCheckFlags(0, -1);

    /* no launch security on the test hypervisor: nothing to report */
    *params = NULL;
    *nparams = 0;
    return 0;
}

static int
testDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                      unsigned int nparams, int start_cpu, unsigned int ncpus,
                      unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int hostcpus = testHostCPUCount();
    int ret = -1;

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);

    /* the argument rules of libvirt's public API */
    if (start_cpu < -1 || (start_cpu == -1 && ncpus != 1) ||
        ((params == NULL) != (nparams == 0)) || (ncpus == 0 && params != NULL) ||
        (nparams > 0 && ncpus > UINT_MAX / nparams)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainGetCPUStats",
                                  __LINE__, "start_cpu",
                                  _("invalid combination of arguments in %s"),
                                  "virDomainGetCPUStats");
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;

    if (start_cpu == -1) {
        /* the whole domain: the sum of the per-CPU times, fixed user and
         * system times */
        unsigned long long total = 0;
        int i;

        if (!params) {
            ret = 3;
            goto cleanup;
        }
        for (i = 0; i < hostcpus; i++)
            total += 24386308517ULL + i;
        for (i = 0; i < 3 && i < (int)nparams; i++) {
            static const char *const names[] = {
                VIR_DOMAIN_CPU_STATS_CPUTIME,
                VIR_DOMAIN_CPU_STATS_USERTIME,
                VIR_DOMAIN_CPU_STATS_SYSTEMTIME,
            };
            const unsigned long long val[] = { total, 5540000000ULL, 6460000000ULL };

            if (virTypedParameterAssign(&params[i], names[i], VIR_TYPED_PARAM_ULLONG,
                                        val[i]) < 0)
                goto cleanup;
        }
        ret = i;
        goto cleanup;
    }

    if (ncpus == 0) {
        ret = hostcpus;
        goto cleanup;
    }
    if (!params) {
        ret = 2;
        goto cleanup;
    }
    if (start_cpu >= hostcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("start_cpu %d larger than maximum of %d"),
                       start_cpu, hostcpus - 1);
        goto cleanup;
    }
    {
        unsigned int per = nparams < 2 ? nparams : 2;
        unsigned int i;

        memset(params, 0, sizeof(*params) * nparams * ncpus);
        for (i = 0; i < ncpus && start_cpu + (int)i < hostcpus; i++) {
            int cpu = start_cpu + i;
            virTypedParameterPtr p = &params[i * nparams];

            if (per >= 1)
                virTypedParameterAssign(&p[0], VIR_DOMAIN_CPU_STATS_CPUTIME,
                                        VIR_TYPED_PARAM_ULLONG, 24386308517ULL + cpu);
            if (per >= 2)
                virTypedParameterAssign(&p[1], VIR_DOMAIN_CPU_STATS_VCPUTIME,
                                        VIR_TYPED_PARAM_ULLONG, 23151740627ULL + cpu);
        }
        ret = per;
    }

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);

    virCheckFlags(VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);

    if (!testDomainMoreLock(driver, domain))
        return -1;
    g_mutex_unlock(&driver->lock);
    /* nothing is ever tainted or deprecated on the test hypervisor */
    *msgs = NULL;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Metadata                                                           */

/* Drop the prefix of NODE and of its descendants and attributes in the
 * namespace NS, and NS's declarations: libvirt hands the element back
 * without its namespace. */
static void
testStripNamespace(xmlNodePtr node, const xmlChar *href)
{
    xmlNsPtr *link;
    xmlAttrPtr attr;
    xmlNodePtr child;

    if (node->type != XML_ELEMENT_NODE)
        return;
    if (node->ns && xmlStrEqual(node->ns->href, href))
        node->ns = NULL;
    for (attr = node->properties; attr; attr = attr->next) {
        if (attr->ns && xmlStrEqual(attr->ns->href, href))
            attr->ns = NULL;
    }
    for (child = node->children; child; child = child->next)
        testStripNamespace(child, href);
    link = &node->nsDef;
    while (*link) {
        xmlNsPtr ns = *link;
        if (xmlStrEqual(ns->href, href)) {
            *link = ns->next;
            ns->next = NULL;
            xmlFreeNs(ns);
        } else {
            link = &ns->next;
        }
    }
}

/* The element of METADATA (a <metadata> document) in namespace URI,
 * formatted as libvirt does; NULL when there is none. */
static char *
testMetadataElement(const char *metadata, const char *uri)
{
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr cur;
    char *ret = NULL;

    if (!metadata)
        return NULL;
    if (!(doc = xmlReadMemory(metadata, strlen(metadata), "metadata.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                              XML_PARSE_NOERROR | XML_PARSE_NOWARNING)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    for (cur = root ? root->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && cur->ns &&
            xmlStrEqual(cur->ns->href, BAD_CAST uri))
            break;
    }
    if (cur) {
        xmlBufferPtr buf = xmlBufferCreate();
        g_autofree xmlChar *href = xmlStrdup(BAD_CAST uri);

        xmlUnlinkNode(cur);
        xmlDocSetRootElement(doc, cur);
        testStripNamespace(cur, href);
        if (buf && xmlNodeDump(buf, doc, cur, 0, 1) >= 0)
            ret = g_strdup((const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
        if (root)
            xmlFreeNode(root);
    }
    xmlFreeDoc(doc);
    return ret;
}

static char *
testDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                      unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    const char *field = NULL;
    char *ret = NULL;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL);

    /* the argument rules of libvirt's public API */
    if (testCheckExclusiveFlags(flags, VIR_DOMAIN_AFFECT_LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                                VIR_DOMAIN_AFFECT_CONFIG, "VIR_DOMAIN_AFFECT_CONFIG",
                                "virDomainGetMetadata") < 0)
        return NULL;
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (uri) {
            virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainGetMetadata",
                                      __LINE__, "uri", _("%s in %s must be NULL"),
                                      "uri", "virDomainGetMetadata");
            return NULL;
        }
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (!uri) {
            virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainGetMetadata",
                                      __LINE__, "uri", _("%s in %s must not be NULL"),
                                      "uri", "virDomainGetMetadata");
            return NULL;
        }
        break;
    default:
        break;
    }

    if (!(obj = testDomainMoreLock(driver, domain)))
        return NULL;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainGetMetadata")))
        goto cleanup;

    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        field = def->description;
        break;
    case VIR_DOMAIN_METADATA_TITLE:
        field = def->title;
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        ret = testMetadataElement(def->metadata, uri);
        break;
    default:
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("unknown metadata type '%d'"), type);
        goto cleanup;
    }
    if (field)
        ret = g_strdup(field);
    if (!ret)
        testReportDomainError(VIR_ERR_NO_DOMAIN_METADATA, "%s",
                              _("Requested metadata element is not present"));

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Core dumps and starting with files                                 */

static int
testDomainCoreDumpWithFormat(virDomainPtr domain, const char *to,
                             unsigned int dumpformat, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int fd = -1;
    int ret = -1;

    virCheckFlags(VIR_DUMP_CRASH, -1);

    /* the argument rules of libvirt's public API */
    if (dumpformat > VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virDomainCoreDumpWithFormat",
                                  __LINE__, "dumpformat",
                                  _("dumpformat '%d' is not supported"), dumpformat);
        return -1;
    }

    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;

    if ((fd = open(to, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("domain '%s' coredump: failed to open %s"),
                             obj->def->name, to);
        goto cleanup;
    }
    if (write(fd, TEST_DUMP_MAGIC, sizeof(TEST_DUMP_MAGIC)) != sizeof(TEST_DUMP_MAGIC)) {
        virReportSystemError(errno, _("domain '%s' coredump: failed to write header to %s"),
                             obj->def->name, to);
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, _("domain '%s' coredump: write failed: %s"),
                             obj->def->name, to);
        goto cleanup;
    }
    fd = -1;

    /* libvirt checks the format only once the file is written */
    if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("kdump-compressed format is not supported here"));
        goto cleanup;
    }

    if (flags & VIR_DUMP_CRASH) {
        testDomainShutdownState(obj, VIR_DOMAIN_SHUTOFF_CRASHED);
        testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STOPPED,
                                     VIR_DOMAIN_EVENT_STOPPED_CRASHED);
        testDomainRemoveIfTransient(driver, obj);
        domain->id = -1;
    }
    ret = 0;

 cleanup:
    if (fd >= 0)
        close(fd);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainCoreDump(virDomainPtr domain, const char *to, unsigned int flags)
{
    return testDomainCoreDumpWithFormat(domain, to, VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, flags);
}

/* Callers check these flag pairs in libvirt's public API. */
static int
testCoreDumpExclusive(unsigned int flags, const char *apiname)
{
    if (testCheckExclusiveFlags(flags, VIR_DUMP_CRASH, "VIR_DUMP_CRASH",
                                VIR_DUMP_LIVE, "VIR_DUMP_LIVE", apiname) < 0 ||
        testCheckExclusiveFlags(flags, VIR_DUMP_CRASH, "VIR_DUMP_CRASH",
                                VIR_DUMP_RESET, "VIR_DUMP_RESET", apiname) < 0 ||
        testCheckExclusiveFlags(flags, VIR_DUMP_LIVE, "VIR_DUMP_LIVE",
                                VIR_DUMP_RESET, "VIR_DUMP_RESET", apiname) < 0)
        return -1;
    return 0;
}

static int
testDomainCoreDumpChecked(virDomainPtr domain, const char *to, unsigned int flags)
{
    if (testCoreDumpExclusive(flags, "virDomainCoreDump") < 0)
        return -1;
    return testDomainCoreDump(domain, to, flags);
}

static int
testDomainCoreDumpWithFormatChecked(virDomainPtr domain, const char *to,
                                    unsigned int dumpformat, unsigned int flags)
{
    if (testCoreDumpExclusive(flags, "virDomainCoreDumpWithFormat") < 0)
        return -1;
    return testDomainCoreDumpWithFormat(domain, to, dumpformat, flags);
}

/* The file descriptors only matter to container drivers: the test
 * hypervisor starts the domain as without them. */
static int
testDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files,
                          unsigned int flags)
{
    return domain->conn->driver->domainCreateWithFlags(domain, flags);
}

static virDomainPtr
testDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc,
                             unsigned int nfiles, int *files, unsigned int flags)
{
    return conn->driver->domainCreateXML(conn, xmlDesc, flags);
}

static virDomainPtr
testDomainCreateLinux(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    return conn->driver->domainCreateXML(conn, xmlDesc, flags);
}

/* ------------------------------------------------------------------ */
/* Tuning: pinning and the typed-parameter setters                    */
/*                                                                    */
/* They live next to their getters, whatever their letter: each one   */
/* changes the definition the getter reads (and virDomainGetXMLDesc   */
/* shows), as libvirt's test driver does.                             */

/* The canonical cpuset string ("0-2,5", "" for none) of the MAPLEN
 * bytes at MAP. */
static char *
testCpumapFormat(const unsigned char *map, int maplen)
{
    GString *s = g_string_new(NULL);
    int nbits = maplen * 8;
    int i = 0;

    while (i < nbits) {
        int j;

        if (!(map[i / 8] & (1 << (i % 8)))) {
            i++;
            continue;
        }
        for (j = i; j + 1 < nbits && (map[(j + 1) / 8] & (1 << ((j + 1) % 8))); j++)
            ;
        if (s->len)
            g_string_append_c(s, ',');
        if (j == i)
            g_string_append_printf(s, "%d", i);
        else
            g_string_append_printf(s, "%d-%d", i, j);
        i = j + 1;
    }
    return g_string_free(s, FALSE);
}

static bool
testCpumapIsEmpty(const unsigned char *map, int maplen)
{
    int i;

    for (i = 0; i < maplen; i++) {
        if (map[i])
            return false;
    }
    return true;
}

/* Set (or replace) the pin of ID in the sorted-by-id or ordered list. */
static void
testPinSet(virDomainPinDef **list, size_t *n, unsigned int id, char *cpuset,
           bool sorted)
{
    size_t i;

    for (i = 0; i < *n; i++) {
        if ((*list)[i].id == id) {
            g_free((*list)[i].cpuset);
            (*list)[i].cpuset = cpuset;
            return;
        }
    }
    *list = g_renew(virDomainPinDef, *list, *n + 1);
    for (i = *n; sorted && i > 0 && (*list)[i - 1].id > id; i--)
        (*list)[i] = (*list)[i - 1];
    (*list)[i].id = id;
    (*list)[i].cpuset = cpuset;
    (*n)++;
}

static int
testCheckMaplen(int maplen, const char *apiname)
{
    if (maplen <= 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, apiname, __LINE__, "maplen",
                                  _("%s in %s must be greater than zero"),
                                  "maplen", apiname);
        return -1;
    }
    return 0;
}

static int
testDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu,
                       unsigned char *cpumap, int maplen, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    /* libvirt's test driver pins the running vCPUs only */
    virCheckFlags(0, -1);

    if (testCheckMaplen(maplen, "virDomainPinVcpuFlags") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    def = obj->def;
    if (!testDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot pin vcpus on an inactive domain"));
        goto cleanup;
    }
    if (vcpu >= def->vcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("requested vcpu '%d' is not present in the domain"), vcpu);
        goto cleanup;
    }
    testPinSet(&def->vcpupins, &def->nvcpupins, vcpu,
               testCpumapFormat(cpumap, maplen), true);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                  unsigned char *cpumap, int maplen)
{
    return testDomainPinVcpuFlags(domain, vcpu, cpumap, maplen, 0);
}

static int
testDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap, int maplen,
                      unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (testCheckMaplen(maplen, "virDomainPinEmulator") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainPinEmulator")))
        goto cleanup;
    if (testCpumapIsEmpty(cpumap, maplen)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("Empty cpu list for pinning"));
        goto cleanup;
    }
    g_free(def->emulatorpin);
    def->emulatorpin = testCpumapFormat(cpumap, maplen);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id,
                      unsigned char *cpumap, int maplen, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainIOThreadIDDef *iot;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (testCheckMaplen(maplen, "virDomainPinIOThread") < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainPinIOThread")))
        goto cleanup;
    if (testCpumapIsEmpty(cpumap, maplen)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Empty iothread cpumap list for pinning"));
        goto cleanup;
    }
    if (!(iot = testIOThreadFind(def, iothread_id))) {
        virReportError(VIR_ERR_INVALID_ARG, _("iothreadid %d not found"), iothread_id);
        goto cleanup;
    }
    testPinSet(&def->iothreadpins, &def->niothreadpins, iothread_id,
               testCpumapFormat(cpumap, maplen), false);
    /* a pinned thread is written out in <iothreadids> from now on */
    iot->autofill = false;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* libvirt's "path,value[,path,value...]" blkio device string of parameter
 * FIELD (0 weight, 1 read_iops, 2 write_iops, 3 read_bps, 4 write_bps)
 * into *DEVS and *NDEVS.  The iops and weights are unsigned ints. */
static int
testBlkioDevicesParse(const char *str, const char *field, int kind,
                      virBlkioDevice **devs, size_t *ndevs)
{
    g_autofree virBlkioDevice *list = NULL;
    const char *p;
    const char *temp;
    size_t nsep = 0;
    size_t n = 0;
    size_t i;

    *devs = NULL;
    *ndevs = 0;
    if (!*str)
        return 0;
    for (p = str; (p = strchr(p, ',')); p++)
        nsep++;
    /* pairs: an odd number of commas */
    if (!(nsep & 1))
        goto parse_error;
    list = g_new0(virBlkioDevice, (nsep + 1) / 2);

    temp = str;
    while (*temp) {
        const char *comma = strchr(temp, ',');
        char *end = NULL;
        unsigned long long v;

        if (!comma)
            goto parse_error;
        list[n].path = g_strndup(temp, comma - temp);
        temp = comma + 1;
        errno = 0;
        v = g_ascii_strtoull(temp, &end, 10);
        if (errno || end == temp || *temp == '-' || *temp == '+' ||
            (kind < 3 && v > G_MAXUINT)) {
            virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                                 __LINE__,
                                 _("invalid value '%s' for parameter '%s' of device '%s'"),
                                 temp, field, list[n].path);
            goto error;
        }
        switch (kind) {
        case 0: list[n].weight = v; break;
        case 1: list[n].riops = v; break;
        case 2: list[n].wiops = v; break;
        case 3: list[n].rbps = v; break;
        case 4: list[n].wbps = v; break;
        }
        n++;
        if (*end == '\0')
            break;
        if (*end != ',')
            goto parse_error;
        temp = end + 1;
    }
    *devs = g_steal_pointer(&list);
    *ndevs = n;
    return 0;

 parse_error:
    virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                         _("unable to parse blkio device '%s' '%s'"), field, str);
 error:
    for (i = 0; list && i < (nsep + 1) / 2; i++)
        g_free(list[i].path);
    return -1;
}

/* Merge field KIND of the NSRC devices SRC into DEF's list: known paths
 * get the new value, new paths with a nonzero value are appended. */
static void
testBlkioDevicesMerge(virDomainDef *def, virBlkioDevice *src, size_t nsrc, int kind)
{
    size_t i;
    size_t j;

    for (i = 0; i < nsrc; i++) {
        virBlkioDevice *dst = NULL;

        for (j = 0; j < def->nblkioDevices; j++) {
            if (strcmp(def->blkioDevices[j].path, src[i].path) == 0) {
                dst = &def->blkioDevices[j];
                break;
            }
        }
        if (!dst) {
            if (!src[i].weight && !src[i].riops && !src[i].wiops &&
                !src[i].rbps && !src[i].wbps)
                continue;
            def->blkioDevices = g_renew(virBlkioDevice, def->blkioDevices,
                                        def->nblkioDevices + 1);
            dst = &def->blkioDevices[def->nblkioDevices++];
            memset(dst, 0, sizeof(*dst));
            dst->path = g_strdup(src[i].path);
        }
        switch (kind) {
        case 0: dst->weight = src[i].weight; break;
        case 1: dst->riops = src[i].riops; break;
        case 2: dst->wiops = src[i].wiops; break;
        case 3: dst->rbps = src[i].rbps; break;
        case 4: dst->wbps = src[i].wbps; break;
        }
    }
}

static int
testDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                             int nparams, unsigned int flags)
{
    static const char *const devfields[] = {
        VIR_DOMAIN_BLKIO_DEVICE_WEIGHT,
        VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
    };
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING,
                               VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING,
                               VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING,
                               VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING,
                               VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetBlkioParameters")))
        goto cleanup;

    /* as libvirt: every parameter is applied, a bad one fails the call
     * without undoing the others */
    ret = 0;
    for (i = 0; i < nparams; i++) {
        int kind;

        if (strcmp(params[i].field, VIR_DOMAIN_BLKIO_WEIGHT) == 0) {
            def->blkioWeight = params[i].value.ui;
            continue;
        }
        for (kind = 0; kind < (int)G_N_ELEMENTS(devfields); kind++) {
            virBlkioDevice *devs = NULL;
            size_t ndevs = 0;
            size_t j;

            if (strcmp(params[i].field, devfields[kind]) != 0)
                continue;
            if (testBlkioDevicesParse(params[i].value.s, devfields[kind], kind,
                                      &devs, &ndevs) < 0) {
                ret = -1;
                break;
            }
            testBlkioDevicesMerge(def, devs, ndevs, kind);
            for (j = 0; j < ndevs; j++)
                g_free(devs[j].path);
            g_free(devs);
            break;
        }
    }

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                              int nparams, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    unsigned long long hard = 0;
    unsigned long long soft = 0;
    unsigned long long swap = 0;
    bool setHard = false;
    bool setSoft = false;
    bool setSwap = false;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetMemoryParameters")))
        goto cleanup;

    for (i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT) == 0) {
            hard = params[i].value.ul;
            setHard = true;
        } else if (strcmp(params[i].field, VIR_DOMAIN_MEMORY_SOFT_LIMIT) == 0) {
            soft = params[i].value.ul;
            setSoft = true;
        } else if (strcmp(params[i].field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT) == 0) {
            swap = params[i].value.ul;
            setSwap = true;
        }
    }

    if (setHard || setSwap) {
        /* libvirt compares with the current definition, whichever is set */
        const virDomainDef *cur = obj->def;
        unsigned long long memLimit = cur->hasHardLimit ? cur->hardLimit :
            VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        unsigned long long swapLimit = cur->hasSwapHardLimit ? cur->swapHardLimit :
            VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;

        if (setHard)
            memLimit = hard;
        if (setSwap)
            swapLimit = swap;
        if (memLimit > swapLimit) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("memory hard_limit tunable value must be lower than or equal to swap_hard_limit"));
            goto cleanup;
        }
    }

    /* a limit at VIR_DOMAIN_MEMORY_PARAM_UNLIMITED or above is no limit */
    if (setSoft) {
        def->softLimit = soft;
        def->hasSoftLimit = soft < VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    }
    if (setHard) {
        def->hardLimit = hard;
        def->hasHardLimit = hard < VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    }
    if (setSwap) {
        def->swapHardLimit = swap;
        def->hasSwapHardLimit = swap < VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetNumaParameters(virDomainPtr domain, virTypedParameterPtr params,
                            int nparams, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *live = NULL;
    virDomainDef *persistent = NULL;
    virDomainDef *def;
    g_autofree char *nodeset = NULL;
    char *newNodeset;
    int placement = -1;
    int mode = -1;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT,
                               VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG,
                             "virDomainSetNumaParameters") < 0 ||
        testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    def = live ? live : persistent;

    for (i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, VIR_DOMAIN_NUMA_MODE) == 0) {
            mode = params[i].value.i;
            if (mode < 0 || mode > VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("unsupported numatune mode: '%d'"), mode);
                goto cleanup;
            }
        } else if (strcmp(params[i].field, VIR_DOMAIN_NUMA_NODESET) == 0) {
            g_clear_pointer(&nodeset, g_free);
            if (!*params[i].value.s ||
                virBitmapParseCanonical(params[i].value.s, &nodeset) < 0) {
                if (!*params[i].value.s)
                    virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__,
                                         __func__, __LINE__,
                                         _("Failed to parse bitmap '%s'"), "");
                goto cleanup;
            }
            if (!*nodeset) {
                virReportError(VIR_ERR_OPERATION_INVALID,
                               _("Invalid nodeset of 'numatune': %s"), params[i].value.s);
                goto cleanup;
            }
        }
    }

    /* a running domain keeps the memory mode it was given */
    if (live && mode != -1 && def->hasNumatuneMemory && def->numatuneMode != mode) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("can't change numatune mode for running domain"));
        goto cleanup;
    }

    if (mode == -1 && !nodeset) {
        ret = 0;
        goto cleanup;
    }
    /* what libvirt's numatune setter works out, checked before any change */
    if (!def->hasNumatuneMemory) {
        if (mode == -1)
            mode = VIR_DOMAIN_NUMATUNE_MEM_STRICT;
        placement = VIR_DOMAIN_NUMATUNE_PLACEMENT_DEFAULT;
    }
    newNodeset = nodeset ? nodeset : def->numatuneNodeset;
    if (nodeset && placement == -1)
        placement = VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC;
    if (placement == VIR_DOMAIN_NUMATUNE_PLACEMENT_DEFAULT) {
        if (newNodeset || def->placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC)
            placement = VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC;
        else
            placement = VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO;
    }
    if (placement == VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC && !newNodeset) {
        testReportDomainError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                              _("nodeset for NUMA memory tuning must be set if 'placement' is 'static'"));
        goto cleanup;
    }
    if (placement == VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO)
        newNodeset = NULL;

    if (mode != -1)
        def->numatuneMode = mode;
    if (newNodeset != def->numatuneNodeset) {
        g_free(def->numatuneNodeset);
        def->numatuneNodeset = newNodeset == nodeset ? g_steal_pointer(&nodeset) : NULL;
    }
    if (placement != -1)
        def->numatunePlacement = placement;
    def->hasNumatuneMemory = true;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetInterfaceParameters(virDomainPtr domain, const char *device,
                                 virTypedParameterPtr params, int nparams,
                                 unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainNetDef *net;
    g_autoptr(virNetDevBandwidth) bw = NULL;
    bool inSpecified = false;
    bool outSpecified = false;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_OUT_PEAK, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BANDWIDTH_OUT_BURST, VIR_TYPED_PARAM_UINT,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetInterfaceParameters")) ||
        !(net = testNetFind(def, device)))
        goto cleanup;

    bw = g_new0(virNetDevBandwidth, 1);
    bw->in = g_new0(virNetDevBandwidthRate, 1);
    bw->out = g_new0(virNetDevBandwidthRate, 1);
    for (i = 0; i < nparams; i++) {
        const char *f = params[i].field;
        unsigned int v = params[i].value.ui;

        if (strcmp(f, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE) == 0) {
            bw->in->average = v;
            inSpecified = true;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_IN_PEAK) == 0) {
            bw->in->peak = v;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_IN_BURST) == 0) {
            bw->in->burst = v;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_IN_FLOOR) == 0) {
            bw->in->floor = v;
            inSpecified = true;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE) == 0) {
            bw->out->average = v;
            outSpecified = true;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_OUT_PEAK) == 0) {
            bw->out->peak = v;
        } else if (strcmp(f, VIR_DOMAIN_BANDWIDTH_OUT_BURST) == 0) {
            bw->out->burst = v;
        }
    }
    /* a direction without average (or inbound floor) is not set; given
     * as 0 it clears what the interface had */
    if (!bw->in->average && !bw->in->floor)
        g_clear_pointer(&bw->in, g_free);
    if (!bw->out->average)
        g_clear_pointer(&bw->out, g_free);

    if (!net->bandwidth) {
        net->bandwidth = g_steal_pointer(&bw);
    } else {
        if (bw->in || inSpecified) {
            g_free(net->bandwidth->in);
            net->bandwidth->in = g_steal_pointer(&bw->in);
        }
        if (bw->out || outSpecified) {
            g_free(net->bandwidth->out);
            net->bandwidth->out = g_steal_pointer(&bw->out);
        }
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* libvirt's test driver caps every throttle at 1e15. */
#define TEST_BLOCK_IOTUNE_MAX 1000000000000000ULL

static int
testDomainSetBlockIoTune(virDomainPtr dom, const char *disk,
                         virTypedParameterPtr params, int nparams,
                         unsigned int flags)
{
    static const struct {
        int total, read, write;
        const char *what;
    } excl[] = {
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC, VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC, "bytes_sec" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC, VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC, "iops_sec" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX, VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC_MAX,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC_MAX, "bytes_sec_max" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC_MAX, VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC_MAX,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC_MAX, "iops_sec_max" },
    };
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainDef *def;
    virDomainDiskDef *dd;
    unsigned long long v[VIR_DOMAIN_DISK_IOTUNE_LAST];
    g_autofree char *group = NULL;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, VIR_TYPED_PARAM_STRING,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetBlockIoTune")))
        goto cleanup;
    if (!(dd = testDiskByName(def, disk))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("disk '%s' was not found in the domain config"), disk);
        goto cleanup;
    }

    /* work on a copy: nothing changes unless the whole set is valid */
    memcpy(v, dd->iotune, sizeof(v));
    group = g_strdup(dd->iotuneGroup);
    for (i = 0; i < nparams; i++) {
        int field;

        if (strcmp(params[i].field, VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME) == 0) {
            g_free(group);
            group = g_strdup(params[i].value.s);
            continue;
        }
        if (params[i].value.ul > TEST_BLOCK_IOTUNE_MAX) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("block I/O throttle limit value must be no more than %llu"),
                           TEST_BLOCK_IOTUNE_MAX);
            goto cleanup;
        }
        if ((field = virDomainDiskIotuneTypeFromString(params[i].field)) >= 0)
            v[field] = params[i].value.ul;
    }

    for (i = 0; i < (int)G_N_ELEMENTS(excl); i++) {
        if (v[excl[i].total] && (v[excl[i].read] || v[excl[i].write])) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("total and read/write of %s cannot be set at the same time"),
                           excl[i].what);
            goto cleanup;
        }
    }
    /* each of the six base limits must not exceed its _max */
    for (i = VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC;
         i <= VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC; i++) {
        int max = i + VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX;

        if (v[i] > v[max]) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("%s cannot be set higher than %s "),
                           virDomainDiskIotuneTypeToString(i),
                           virDomainDiskIotuneTypeToString(max));
            goto cleanup;
        }
    }

    memcpy(dd->iotune, v, sizeof(v));
    g_free(dd->iotuneGroup);
    dd->iotuneGroup = g_steal_pointer(&group);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetIOThreadParams(virDomainPtr dom, unsigned int iothread_id,
                            virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    /* the polling parameters exist only in a running hypervisor, and
     * this one has none: they are checked, then dropped */
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE, -1);

    if (iothread_id == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("invalid value of 0 for iothread_id"));
        return -1;
    }
    if (!(obj = testDomainMoreLock(driver, dom)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetIOThreadParams")))
        goto cleanup;
    /* the thread first, then its parameters, as libvirt checks them */
    if (!testIOThreadFind(def, iothread_id)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot find IOThread '%u' in iothreadids"), iothread_id);
        goto cleanup;
    }
    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT,
                               NULL) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetPerfEvents(virDomainPtr domain, virTypedParameterPtr params,
                        int nparams, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);

    if (virTypedParamsValidate(params, nparams,
                               VIR_PERF_PARAM_CMT, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_MBMT, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_MBML, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CPU_CYCLES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_INSTRUCTIONS, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CACHE_REFERENCES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CACHE_MISSES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_BRANCH_INSTRUCTIONS, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_BRANCH_MISSES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_BUS_CYCLES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_STALLED_CYCLES_BACKEND, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_REF_CPU_CYCLES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CPU_CLOCK, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_TASK_CLOCK, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_PAGE_FAULTS, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CONTEXT_SWITCHES, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_CPU_MIGRATIONS, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_PAGE_FAULTS_MIN, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_PAGE_FAULTS_MAJ, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_ALIGNMENT_FAULTS, VIR_TYPED_PARAM_BOOLEAN,
                               VIR_PERF_PARAM_EMULATION_FAULTS, VIR_TYPED_PARAM_BOOLEAN,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomainMoreLock(driver, domain)))
        return -1;
    if (!(def = testDomainMoreOneDef(obj, flags, "virDomainSetPerfEvents")))
        goto cleanup;
    for (i = 0; i < nparams; i++)
        def->perf[virPerfEventTypeFromString(params[i].field)] =
            params[i].value.b ? VIR_TRISTATE_BOOL_YES : VIR_TRISTATE_BOOL_NO;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */

void
testDomainMoreRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    hv->domainAddIOThread = testDomainAddIOThread;
    hv->domainBlockStats = testDomainBlockStats;
    hv->domainCoreDump = testDomainCoreDumpChecked;
    hv->domainCoreDumpWithFormat = testDomainCoreDumpWithFormatChecked;
    hv->domainCreateLinux = testDomainCreateLinux;
    hv->domainCreateWithFiles = testDomainCreateWithFiles;
    hv->domainCreateXMLWithFiles = testDomainCreateXMLWithFiles;
    hv->domainDelIOThread = testDomainDelIOThread;
    hv->domainFSFreeze = testDomainFSFreeze;
    hv->domainFSThaw = testDomainFSThaw;
    hv->domainFSTrim = testDomainFSTrim;
    hv->domainGetBlkioParameters = testDomainGetBlkioParameters;
    hv->domainGetBlockInfo = testDomainGetBlockInfo;
    hv->domainGetBlockIoTune = testDomainGetBlockIoTune;
    hv->domainGetCPUStats = testDomainGetCPUStats;
    hv->domainGetControlInfo = testDomainGetControlInfo;
    hv->domainGetDiskErrors = testDomainGetDiskErrors;
    hv->domainGetEmulatorPinInfo = testDomainGetEmulatorPinInfo;
    hv->domainGetFSInfo = testDomainGetFSInfo;
    hv->domainGetHostname = testDomainGetHostname;
    hv->domainGetIOThreadInfo = testDomainGetIOThreadInfo;
    hv->domainGetInterfaceParameters = testDomainGetInterfaceParameters;
    hv->domainGetLaunchSecurityInfo = testDomainGetLaunchSecurityInfo;
    hv->domainGetMemoryParameters = testDomainGetMemoryParameters;
    hv->domainGetMessages = testDomainGetMessages;
    hv->domainGetMetadata = testDomainGetMetadata;
    hv->domainGetNumaParameters = testDomainGetNumaParameters;
    hv->domainGetPerfEvents = testDomainGetPerfEvents;
    hv->domainGetSecurityLabel = testDomainGetSecurityLabel;
    hv->domainGetTime = testDomainGetTime;
    hv->domainGetVcpuPinInfo = testDomainGetVcpuPinInfo;
    hv->domainGetVcpus = testDomainGetVcpus;
    hv->domainInjectNMI = testDomainInjectNMI;
    hv->domainInterfaceAddresses = testDomainInterfaceAddresses;
    hv->domainInterfaceStats = testDomainInterfaceStats;
    hv->domainPinEmulator = testDomainPinEmulator;
    hv->domainPinIOThread = testDomainPinIOThread;
    hv->domainPinVcpu = testDomainPinVcpu;
    hv->domainPinVcpuFlags = testDomainPinVcpuFlags;
    hv->domainSetBlkioParameters = testDomainSetBlkioParameters;
    hv->domainSetBlockIoTune = testDomainSetBlockIoTune;
    hv->domainSetIOThreadParams = testDomainSetIOThreadParams;
    hv->domainSetInterfaceParameters = testDomainSetInterfaceParameters;
    hv->domainSetMemoryParameters = testDomainSetMemoryParameters;
    hv->domainSetNumaParameters = testDomainSetNumaParameters;
    hv->domainSetPerfEvents = testDomainSetPerfEvents;
}
