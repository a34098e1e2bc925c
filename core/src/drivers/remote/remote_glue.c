/*
 * remote_glue.c: remote driver methods whose shape api.xml cannot tell
 * the generator: caller buffers sized by a product of two arguments, or by
 * an argument that no attribute names.  Each writes its call and reads its
 * reply like a generated method; the daemon's half is in
 * core/daemon/remote_dispatch.c.
 */
#include <string.h>

#include "remote_driver_private.h"
#include "remote_glue.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static void
remotePutDomainHandle(virNetBuf *msg, virDomainPtr dom)
{
    virNetHandle h = { .name = dom->name, .id = dom->id };

    memcpy(h.uuid, dom->uuid, VIR_UUID_BUFLEN);
    virNetPutHandle(msg, &h);
}

static int
remoteTooMany(void)
{
    virReportError(VIR_ERR_RPC, "%s", "the daemon returned more than asked for");
    return -1;
}

static int
remoteDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                          unsigned int maxerrors, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    int32_t ret;
    uint32_t n;
    uint32_t i;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutU8(&msg, errors != NULL);
    virNetPutU32(&msg, maxerrors);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_DISK_ERRORS, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n) < 0)
        return -1;
    if (n > maxerrors || (n > 0 && !errors))
        return remoteTooMany();
    for (i = 0; i < n; i++) {
        char *disk = NULL;
        int32_t code;

        if (virNetGetOptString(&rep, &disk) < 0 || virNetGetI32(&rep, &code) < 0) {
            while (i-- > 0)
                g_clear_pointer(&errors[i].disk, g_free);
            return -1;
        }
        errors[i].disk = disk;
        errors[i].error = code;
    }
    return ret;
}

static int
remoteDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params,
                        unsigned int nparams, int start_cpu, unsigned int ncpus,
                        unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    virTypedParameterPtr got = NULL;
    int ngot = 0;
    int32_t ret;
    int i;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutU8(&msg, params != NULL);
    virNetPutU32(&msg, nparams);
    virNetPutI32(&msg, start_cpu);
    virNetPutU32(&msg, ncpus);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_CPU_STATS, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetParams(&rep, &got, &ngot) < 0)
        return -1;
    if (ngot > 0 && (!params || (guint64)ngot > (guint64)nparams * ncpus)) {
        virTypedParamsFree(got, ngot);
        return remoteTooMany();
    }
    /* an empty slot travels with an empty name: give it back zeroed */
    for (i = 0; i < ngot; i++) {
        if (!got[i].field[0])
            memset(&got[i], 0, sizeof(got[i]));
        params[i] = got[i];
    }
    g_free(got);
    return ret;
}

static int
remoteDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                           int maplen, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t ret;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutI32(&msg, ncpumaps);
    virNetPutI32(&msg, maplen);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 ||
        virNetGetBytes(&rep, (size_t)ncpumaps * maplen, &bytes, &len) < 0)
        return -1;
    memcpy(cpumaps, bytes, len);
    return ret;
}

static int
remoteDomainGetEmulatorPinInfo(virDomainPtr dom, unsigned char *cpumap, int maplen,
                               unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t ret;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutI32(&msg, maplen);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_EMULATOR_PIN_INFO, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetBytes(&rep, maplen, &bytes, &len) < 0)
        return -1;
    memcpy(cpumap, bytes, len);
    return ret;
}

static int
remoteDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                     unsigned char *cpumaps, int maplen)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t ret;
    uint32_t n;
    uint32_t i;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutI32(&msg, maxinfo);
    virNetPutU8(&msg, cpumaps != NULL);
    virNetPutI32(&msg, maplen);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_VCPUS, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n) < 0)
        return -1;
    if (n > (uint32_t)maxinfo)
        return remoteTooMany();
    for (i = 0; i < n; i++) {
        uint32_t number;
        int32_t state;
        uint64_t cpuTime;
        int32_t cpu;

        if (virNetGetU32(&rep, &number) < 0 || virNetGetI32(&rep, &state) < 0 ||
            virNetGetU64(&rep, &cpuTime) < 0 || virNetGetI32(&rep, &cpu) < 0)
            return -1;
        info[i].number = number;
        info[i].state = state;
        info[i].cpuTime = cpuTime;
        info[i].cpu = cpu;
    }
    if (virNetGetBytes(&rep, cpumaps ? (size_t)maxinfo * maplen : 0, &bytes, &len) < 0)
        return -1;
    if (cpumaps)
        memcpy(cpumaps, bytes, len);
    return ret;
}

static int
remoteDomainBlockPeek(virDomainPtr dom, const char *disk, unsigned long long offset,
                      size_t size, void *buffer, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t ret;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    virNetPutString(&msg, disk);
    virNetPutU64(&msg, offset);
    virNetPutU64(&msg, size);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_BLOCK_PEEK, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetBytes(&rep, size, &bytes, &len) < 0)
        return -1;
    memcpy(buffer, bytes, len);
    return ret;
}

static int
remoteDomainGetSecurityLabelList(virDomainPtr dom, virSecurityLabelPtr *seclabels)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree virSecurityLabel *labels = NULL;
    int32_t ret;
    uint32_t n;
    uint32_t i;

    virNetMessageBegin(&msg);
    remotePutDomainHandle(&msg, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL_LIST, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n) < 0)
        return -1;
    labels = g_new0(virSecurityLabel, n + 1);
    for (i = 0; i < n; i++) {
        g_autofree uint8_t *label = NULL;
        size_t len;
        int32_t enforcing;

        if (virNetGetBytes(&rep, sizeof(labels[i].label) - 1, &label, &len) < 0 ||
            virNetGetI32(&rep, &enforcing) < 0)
            return -1;
        memcpy(labels[i].label, label, len);
        labels[i].enforcing = enforcing;
    }
    *seclabels = g_steal_pointer(&labels);
    return ret;
}

static unsigned char *
remoteSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    virNetHandle h = { .id = secret->usageType, .aux1 = secret->usageID };
    uint8_t *value = NULL;
    size_t len;

    memcpy(h.uuid, secret->uuid, VIR_UUID_BUFLEN);
    virNetMessageBegin(&msg);
    virNetPutHandle(&msg, &h);
    virNetPutU32(&msg, flags);
    if (remoteCall(secret->conn, REMOTE_PROC_SECRET_GET_VALUE, &msg, &rep) < 0)
        return NULL;
    if (virNetGetBytes(&rep, VIR_NET_STRING_MAX, &value, &len) < 0)
        return NULL;
    *value_size = len;
    return value;
}

void
remoteGlueFillSecretTable(virSecretDriver *secret)
{
    secret->secretGetValue = remoteSecretGetValue;
}

/* COUNTS holds NPAGES x CELLCOUNT values, cell after cell. */
static int
remoteNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                       int startCell, unsigned int cellCount,
                       unsigned long long *counts, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    int32_t ret;
    uint32_t n;
    uint32_t i;

    virNetMessageBegin(&msg);
    virNetPutU32(&msg, npages);
    for (i = 0; i < npages; i++)
        virNetPutU32(&msg, pages[i]);
    virNetPutI32(&msg, startCell);
    virNetPutU32(&msg, cellCount);
    virNetPutU32(&msg, flags);
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_FREE_PAGES, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n) < 0)
        return -1;
    if ((unsigned long long)n > (unsigned long long)npages * cellCount)
        return remoteTooMany();
    for (i = 0; i < n; i++) {
        uint64_t v;

        if (virNetGetU64(&rep, &v) < 0)
            return -1;
        counts[i] = v;
    }
    return ret;
}

void
remoteGlueFillTables(virHypervisorDriver *hv)
{
    hv->nodeGetFreePages = remoteNodeGetFreePages;
    hv->domainBlockPeek = remoteDomainBlockPeek;
    hv->domainGetSecurityLabelList = remoteDomainGetSecurityLabelList;
    hv->domainGetDiskErrors = remoteDomainGetDiskErrors;
    hv->domainGetCPUStats = remoteDomainGetCPUStats;
    hv->domainGetVcpuPinInfo = remoteDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = remoteDomainGetEmulatorPinInfo;
    hv->domainGetVcpus = remoteDomainGetVcpus;
}
