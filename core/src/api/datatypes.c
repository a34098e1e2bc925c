/*
 * datatypes.c: life of the public handles.
 *
 * Handles are reference counted with atomics; a domain handle holds a
 * reference to its connection, so a connection closed by the caller stays
 * alive until the last handle obtained from it is freed, as in libvirt.
 * The magic number is cleared when a handle dies so a stale pointer is
 * caught by the entry points' validity check as long as the memory has
 * not been reused.
 */
#include <string.h>

#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

gboolean
virConnectIsValid(virConnectPtr conn)
{
    return conn && conn->hdr.magic == VIR_CONNECT_MAGIC &&
           g_atomic_int_get(&conn->hdr.refs) > 0;
}

gboolean
virDomainIsValid(virDomainPtr domain)
{
    return domain && domain->hdr.magic == VIR_DOMAIN_MAGIC &&
           virConnectIsValid(domain->conn);
}

virConnectPtr
virObjectRefConnect(virConnectPtr conn)
{
    g_atomic_int_inc(&conn->hdr.refs);
    return conn;
}

void
virObjectUnrefConnect(virConnectPtr conn)
{
    if (!conn || !g_atomic_int_dec_and_test(&conn->hdr.refs))
        return;
    if (conn->driver && conn->driver->connectClose)
        conn->driver->connectClose(conn);
    conn->hdr.magic = 0;
    virResetError(&conn->err);
    virURIFree(conn->uri);
    g_free(conn->uristr);
    g_mutex_clear(&conn->lock);
    g_free(conn);
}

virDomainPtr
virGetDomain(virConnectPtr conn,
             const char *name,
             const unsigned char *uuid,
             int id)
{
    virDomainPtr dom = g_new0(virDomain, 1);

    dom->hdr.magic = VIR_DOMAIN_MAGIC;
    dom->hdr.refs = 1;
    dom->conn = virObjectRefConnect(conn);
    dom->name = g_strdup(name);
    dom->id = id;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    return dom;
}

void
virObjectUnrefDomain(virDomainPtr domain)
{
    virObjectUnrefHandle(domain);
}
