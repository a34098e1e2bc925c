/*
 * domain.c: the domain entry points that need no driver.
 *
 * A domain handle carries its name, ID and UUID, so reading them costs no
 * driver call (this is the hot path of scripts that walk many domains).
 * Everything else about a domain goes through the generated entry points
 * in libvirt-api.c.
 */
#include <string.h>

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"
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
