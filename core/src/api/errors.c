/*
 * errors.c: the error functions that involve a connection.
 *
 * util/virerror.c keeps the thread-local error and knows nothing about
 * connections; here a connection's own copy of its last error and its own
 * handler are kept, and virDispatchError() routes each error to the
 * connection's handler, else the global one, else the default printer, as
 * libvirt does.
 */
#include <errno.h>
#include <string.h>

#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!conn)
        return NULL;
    return &conn->err;
}

int
virConnCopyLastError(virConnectPtr conn,
                     virErrorPtr to)
{
    if (!conn || !to)
        return -1;
    g_mutex_lock(&conn->lock);
    if (conn->err.code == VIR_ERR_OK)
        memset(to, 0, sizeof(*to));
    else
        virErrorCopy(&conn->err, to);
    g_mutex_unlock(&conn->lock);
    return to->code;
}

void
virConnResetLastError(virConnectPtr conn)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    virResetError(&conn->err);
    g_mutex_unlock(&conn->lock);
}

void
virConnSetErrorFunc(virConnectPtr conn,
                    void *userData,
                    virErrorFunc handler)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    g_mutex_unlock(&conn->lock);
}

void
virDispatchError(virConnectPtr conn)
{
    virErrorPtr err = virErrorEnsureLast();
    virErrorFunc handler;
    void *userData;
    int saved_errno = errno;

    virErrorGetHandler(&handler, &userData);
    if (conn) {
        g_mutex_lock(&conn->lock);
        virResetError(&conn->err);
        virErrorCopy(err, &conn->err);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
        g_mutex_unlock(&conn->lock);
    }

    if (handler)
        handler(userData, err);
    else
        virDefaultErrorFunc(err);
    errno = saved_errno;
}
