/*
 * remote_dispatch_glue.c: the daemon's half of the hand-written methods of
 * core/src/drivers/remote/remote_glue.c, whose buffers api.xml cannot
 * size.  Every size a client asks for is bounded before memory is taken.
 */
#include <string.h>

#include "remote_dispatch.h"
#include "remote_protocol.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static virDomainPtr
remoteGetDomainHandle(virConnectPtr conn, virNetBuf *in)
{
    g_auto(virNetHandle) h = { 0 };

    if (virNetGetHandle(in, &h) < 0)
        return NULL;
    return virGetDomain(conn, h.name, h.uuid, h.id);
}

static int
remoteTooBig(void)
{
    virReportError(VIR_ERR_RPC, "%s", "the buffer asked for is too large");
    return -1;
}

static int
remoteGlueDiskErrors(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    bool given;
    uint32_t max;
    uint32_t flags;
    g_autofree virDomainDiskError *errors = NULL;
    int ret;
    int i;

    if (virNetGetBool(in, &given) < 0 || virNetGetU32(in, &max) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if (max > VIR_NET_ARRAY_MAX)
        return remoteTooBig();
    if (given)
        errors = g_new0(virDomainDiskError, max + 1);
    if ((ret = virDomainGetDiskErrors(dom, errors, max, flags)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutU32(out, errors ? MIN((unsigned int)ret, max) : 0);
    for (i = 0; errors && i < (int)MIN((unsigned int)ret, max); i++) {
        virNetPutOptString(out, errors[i].disk);
        virNetPutI32(out, errors[i].error);
        g_free(errors[i].disk);
    }
    return 0;
}

static int
remoteGlueCPUStats(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    bool given;
    uint32_t nparams;
    int32_t start;
    uint32_t ncpus;
    uint32_t flags;
    virTypedParameterPtr params = NULL;
    size_t total;
    size_t i;
    int ret;

    if (virNetGetBool(in, &given) < 0 || virNetGetU32(in, &nparams) < 0 ||
        virNetGetI32(in, &start) < 0 || virNetGetU32(in, &ncpus) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    total = (size_t)nparams * ncpus;
    if (nparams > VIR_NET_PARAMS_MAX || ncpus > VIR_NET_PARAMS_MAX || total > VIR_NET_PARAMS_MAX)
        return remoteTooBig();
    if (given)
        params = g_new0(virTypedParameter, total + 1);
    if ((ret = virDomainGetCPUStats(dom, params, nparams, start, ncpus, flags)) < 0) {
        virTypedParamsFree(params, total);
        return -1;
    }
    virNetPutI32(out, ret);
    /* empty slots travel as an int with an empty name */
    for (i = 0; params && i < total; i++) {
        if (params[i].type == 0)
            params[i].type = VIR_TYPED_PARAM_INT;
    }
    virNetPutParams(out, params, params ? total : 0);
    virTypedParamsFree(params, total);
    return 0;
}

static int
remoteGlueVcpuPinInfo(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    int32_t ncpumaps;
    int32_t maplen;
    uint32_t flags;
    g_autofree unsigned char *maps = NULL;
    int ret;

    if (virNetGetI32(in, &ncpumaps) < 0 || virNetGetI32(in, &maplen) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if (ncpumaps < 0 || maplen < 0 || (size_t)ncpumaps * maplen > VIR_NET_STRING_MAX)
        return remoteTooBig();
    maps = g_malloc0((size_t)ncpumaps * maplen + 1);
    if ((ret = virDomainGetVcpuPinInfo(dom, ncpumaps, maps, maplen, flags)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutBytes(out, maps, (size_t)ncpumaps * maplen);
    return 0;
}

static int
remoteGlueEmulatorPinInfo(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    int32_t maplen;
    uint32_t flags;
    g_autofree unsigned char *map = NULL;
    int ret;

    if (virNetGetI32(in, &maplen) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (maplen < 0 || (size_t)maplen > VIR_NET_STRING_MAX)
        return remoteTooBig();
    map = g_malloc0(maplen + 1);
    if ((ret = virDomainGetEmulatorPinInfo(dom, map, maplen, flags)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutBytes(out, map, maplen);
    return 0;
}

static int
remoteGlueVcpus(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    int32_t maxinfo;
    bool given;
    int32_t maplen;
    g_autofree virVcpuInfo *info = NULL;
    g_autofree unsigned char *maps = NULL;
    int ret;
    int i;

    if (virNetGetI32(in, &maxinfo) < 0 || virNetGetBool(in, &given) < 0 ||
        virNetGetI32(in, &maplen) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if (maxinfo < 0 || maplen < 0 || maxinfo > (int)VIR_NET_ARRAY_MAX ||
        (size_t)maxinfo * maplen > VIR_NET_STRING_MAX)
        return remoteTooBig();
    info = g_new0(virVcpuInfo, maxinfo + 1);
    if (given)
        maps = g_malloc0((size_t)maxinfo * maplen + 1);
    if ((ret = virDomainGetVcpus(dom, info, maxinfo, maps, maplen)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutU32(out, MIN(ret, maxinfo));
    for (i = 0; i < MIN(ret, maxinfo); i++) {
        virNetPutU32(out, info[i].number);
        virNetPutI32(out, info[i].state);
        virNetPutU64(out, info[i].cpuTime);
        virNetPutI32(out, info[i].cpu);
    }
    virNetPutBytes(out, maps, maps ? (size_t)maxinfo * maplen : 0);
    return 0;
}

static int
remoteGlueBlockPeek(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    g_autofree char *disk = NULL;
    uint64_t offset;
    uint64_t size;
    uint32_t flags;
    g_autofree uint8_t *buf = NULL;
    int ret;

    if (virNetGetString(in, &disk) < 0 || virNetGetU64(in, &offset) < 0 ||
        virNetGetU64(in, &size) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (size > VIR_NET_STRING_MAX)
        return remoteTooBig();
    buf = g_malloc0(size + 1);
    if ((ret = virDomainBlockPeek(dom, disk, offset, size, buf, flags)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutBytes(out, buf, size);
    return 0;
}

static int
remoteGlueSecurityLabelList(virDomainPtr dom, virNetBuf *in, virNetBuf *out)
{
    g_autofree virSecurityLabel *labels = NULL;
    int ret;
    int i;

    if (virNetBufCheckEnd(in) < 0)
        return -1;
    if ((ret = virDomainGetSecurityLabelList(dom, &labels)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutU32(out, labels ? ret : 0);
    for (i = 0; labels && i < ret; i++) {
        virNetPutBytes(out, labels[i].label, strnlen(labels[i].label, sizeof(labels[i].label)));
        virNetPutI32(out, labels[i].enforcing);
    }
    return 0;
}

static int
remoteGlueSecretGetValue(virConnectPtr conn, virNetBuf *in, virNetBuf *out)
{
    g_auto(virNetHandle) h = { 0 };
    uint32_t flags;
    virSecretPtr secret;
    unsigned char *value;
    size_t size = 0;
    virErrorPtr saved;

    if (virNetGetHandle(in, &h) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (!(secret = virGetSecret(conn, h.uuid, h.id, h.aux1)))
        return -1;
    value = virSecretGetValue(secret, &size, flags);
    saved = virSaveLastError();
    virObjectUnrefHandle(secret);
    if (!value) {
        virSetError(saved);
        virFreeError(saved);
        return -1;
    }
    virFreeError(saved);
    virNetPutBytes(out, value, size);
    memset(value, 0, size);      /* a secret: do not leave it in freed memory */
    g_free(value);
    return 0;
}

static int
remoteGlueFreePages(virConnectPtr conn, virNetBuf *in, virNetBuf *out)
{
    g_autofree unsigned int *pages = NULL;
    g_autofree unsigned long long *counts = NULL;
    uint32_t npages;
    int32_t startCell;
    uint32_t cellCount;
    uint32_t flags;
    int ret;
    uint32_t i;

    if (virNetGetCount(in, VIR_NET_ARRAY_MAX, &npages) < 0)
        return -1;
    pages = g_new0(unsigned int, npages + 1);
    for (i = 0; i < npages; i++) {
        if (virNetGetU32(in, &pages[i]) < 0)
            return -1;
    }
    if (virNetGetI32(in, &startCell) < 0 || virNetGetU32(in, &cellCount) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if ((unsigned long long)npages * cellCount > VIR_NET_ARRAY_MAX)
        return remoteTooBig();
    counts = g_new0(unsigned long long, (gsize)npages * cellCount + 1);
    if ((ret = virNodeGetFreePages(conn, npages, pages, startCell, cellCount, counts, flags)) < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutU32(out, npages * cellCount);
    for (i = 0; i < npages * cellCount; i++)
        virNetPutU64(out, counts[i]);
    return 0;
}

int
remoteDispatchGlue(virConnectPtr conn, unsigned int proc, virNetBuf *in, virNetBuf *out)
{
    virDomainPtr dom;
    int ret = -1;

    if (proc == REMOTE_PROC_SECRET_GET_VALUE)
        return remoteGlueSecretGetValue(conn, in, out);
    if (proc == REMOTE_PROC_NODE_GET_FREE_PAGES)
        return remoteGlueFreePages(conn, in, out);
    switch (proc) {
    case REMOTE_PROC_DOMAIN_GET_DISK_ERRORS:
    case REMOTE_PROC_DOMAIN_GET_CPU_STATS:
    case REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO:
    case REMOTE_PROC_DOMAIN_GET_EMULATOR_PIN_INFO:
    case REMOTE_PROC_DOMAIN_GET_VCPUS:
    case REMOTE_PROC_DOMAIN_BLOCK_PEEK:
    case REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL_LIST:
        break;
    default:
        return 1;
    }
    if (!(dom = remoteGetDomainHandle(conn, in)))
        return -1;
    switch (proc) {
    case REMOTE_PROC_DOMAIN_GET_DISK_ERRORS:
        ret = remoteGlueDiskErrors(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_GET_CPU_STATS:
        ret = remoteGlueCPUStats(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO:
        ret = remoteGlueVcpuPinInfo(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_GET_EMULATOR_PIN_INFO:
        ret = remoteGlueEmulatorPinInfo(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_GET_VCPUS:
        ret = remoteGlueVcpus(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_BLOCK_PEEK:
        ret = remoteGlueBlockPeek(dom, in, out);
        break;
    case REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL_LIST:
        ret = remoteGlueSecurityLabelList(dom, in, out);
        break;
    }
    if (ret < 0) {
        virErrorPtr saved = virSaveLastError();

        virObjectUnrefHandle(dom);
        virSetError(saved);
        virFreeError(saved);
        return -1;
    }
    virObjectUnrefHandle(dom);
    return 0;
}
