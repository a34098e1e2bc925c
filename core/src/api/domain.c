/*
 * domain.c: the domain entry points that need no driver.
 *
 * A domain handle carries its name, ID and UUID, so reading them costs no
 * driver call (this is the hot path of scripts that walk many domains).
 * Everything else about a domain goes through the generated entry points
 * in libvirt-api.c.
 */
#include <stdlib.h>
#include <string.h>

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define CHECK_DOMAIN(dom, retval) \
    do { \
        if (!virDomainIsValid(dom)) { \
            virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__, \
                                 __func__, __LINE__, "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)

const char *
virDomainGetName(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    CHECK_DOMAIN(domain, NULL);
    return domain->name;
}

unsigned int
virDomainGetID(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    CHECK_DOMAIN(domain, (unsigned int)-1);
    return (unsigned int)domain->id;
}

int
virDomainGetUUID(virDomainPtr domain,
                 unsigned char *uuid)
{
    VIR_DEBUG("domain=%p, uuid=%p", domain, uuid);
    virResetLastError();
    CHECK_DOMAIN(domain, -1);
    if (!uuid) {
        virReportInvalidNonNullArg(uuid);
        virDispatchError(domain->conn);
        return -1;
    }
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

int
virDomainGetUUIDString(virDomainPtr domain,
                       char *buf)
{
    VIR_DEBUG("domain=%p, buf=%p", domain, buf);
    virResetLastError();
    CHECK_DOMAIN(domain, -1);
    if (!buf) {
        virReportInvalidNonNullArg(buf);
        virDispatchError(domain->conn);
        return -1;
    }
    virUUIDFormat(domain->uuid, buf);
    return 0;
}

virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    CHECK_DOMAIN(domain, NULL);
    return domain->conn;
}

int
virDomainRef(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    CHECK_DOMAIN(domain, -1);
    g_atomic_int_inc(&domain->hdr.refs);
    return 0;
}

int
virDomainFree(virDomainPtr domain)
{
    VIR_DEBUG("domain=%p", domain);
    virResetLastError();
    CHECK_DOMAIN(domain, -1);
    virObjectUnrefDomain(domain);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Statistics of a list of domains                                    */

int
virDomainListGetStats(virDomainPtr *doms,
                      unsigned int stats,
                      virDomainStatsRecordPtr **retStats,
                      unsigned int flags)
{
    virConnectPtr conn = NULL;
    virDomainStatsRecordPtr *all = NULL;
    virDomainStatsRecordPtr *out = NULL;
    size_t ndoms;
    size_t n = 0;
    size_t i;
    size_t j;
    int nall;

    VIR_DEBUG("doms=%p, stats=0x%x, retStats=%p, flags=0x%x", doms, stats, retStats, flags);
    virResetLastError();
    if (!doms) {
        virReportInvalidNonNullArg(doms);
        goto error;
    }
    if (!retStats) {
        virReportInvalidNonNullArg(retStats);
        goto error;
    }
    if (!*doms) {
        virReportInvalidArg(doms, "%s", "doms must contain at least one domain");
        goto error;
    }
    if (!virDomainIsValid(doms[0])) {
        virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__, __func__,
                             __LINE__, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    conn = doms[0]->conn;
    for (ndoms = 0; doms[ndoms]; ndoms++) {
        if (!virDomainIsValid(doms[ndoms]) || doms[ndoms]->conn != conn) {
            virReportInvalidArg(doms, "%s",
                                "domains in 'doms' array must belong to a single connection");
            goto error;
        }
    }
    if (!conn->driver->connectGetAllDomainStats) {
        virReportError(VIR_ERR_NO_SUPPORT, "%s", __func__);
        goto error;
    }

    /* The statistics of every domain the driver has, with the same stats
     * and flags, narrowed to DOMS in their order; a domain that went away
     * meanwhile is skipped, as libvirt does. */
    if ((nall = conn->driver->connectGetAllDomainStats(conn, stats, &all, flags)) < 0)
        goto error;
    out = calloc(ndoms + 1, sizeof(*out));
    for (i = 0; i < ndoms; i++) {
        for (j = 0; j < (size_t)nall; j++) {
            virDomainStatsRecordPtr rec;

            if (!all[j] || memcmp(all[j]->dom->uuid, doms[i]->uuid, VIR_UUID_BUFLEN) != 0)
                continue;
            /* a domain named twice gets its record twice */
            rec = calloc(1, sizeof(*rec));
            rec->dom = all[j]->dom;
            g_atomic_int_inc(&rec->dom->hdr.refs);
            virTypedParamsCopy(&rec->params, all[j]->params, all[j]->nparams);
            rec->nparams = all[j]->nparams;
            out[n++] = rec;
            break;
        }
    }
    for (j = 0; j < (size_t)nall; j++) {
        if (all[j]) {
            virObjectUnrefDomain(all[j]->dom);
            virTypedParamsFree(all[j]->params, all[j]->nparams);
            free(all[j]);
        }
    }
    free(all);
    *retStats = out;
    return n;

 error:
    virDispatchError(conn);
    return -1;
}

void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    size_t i;

    if (!stats)
        return;
    for (i = 0; stats[i]; i++) {
        virObjectUnrefDomain(stats[i]->dom);
        virTypedParamsFree(stats[i]->params, stats[i]->nparams);
        free(stats[i]);
    }
    free(stats);
}

/* ------------------------------------------------------------------ */
/* Releasing what the getters return                                 */

void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    size_t i;

    if (!info)
        return;
    free(info->mountpoint);
    free(info->name);
    free(info->fstype);
    for (i = 0; i < info->ndevAlias; i++)
        free(info->devAlias[i]);
    free(info->devAlias);
    free(info);
}

void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    free(info->cpumap);
    free(info);
}

void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    unsigned int i;

    if (!iface)
        return;
    free(iface->name);
    free(iface->hwaddr);
    for (i = 0; i < iface->naddrs; i++)
        free(iface->addrs[i].addr);
    free(iface->addrs);
    free(iface);
}
