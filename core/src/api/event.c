/*
 * event.c: the public event loop functions.
 *
 * libvirt does not run a loop of its own: an application registers one
 * (six callbacks, virEventRegisterImpl) or asks for the library's default
 * loop (util/virevent.c) and runs it.  Everything in the library that
 * needs to wait -- the dispatch of domain, network, pool, node device and
 * secret events to registered callbacks, streams, keepalives -- goes
 * through the functions below, which only forward to whichever loop is
 * registered.  Like libvirt's, they neither reset nor raise errors: -1
 * means no loop is registered or the loop refused.
 *
 * The dispatch of object events itself lives with the drivers that emit
 * them (core/src/drivers/test/test_event.c for the test driver), because
 * it builds object handles for each receiving connection.
 */
#include "datatypes.h"
#include "virerror.h"
#include "virevent.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

typedef struct {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
} virEventImpl;

static GMutex virEventImplLock;
static virEventImpl virEventCurrent;

/* A copy of the registered functions, so a call never runs under the
 * lock (the loop's functions may take their own locks or call back). */
static virEventImpl
virEventGetImpl(void)
{
    virEventImpl impl;

    g_mutex_lock(&virEventImplLock);
    impl = virEventCurrent;
    g_mutex_unlock(&virEventImplLock);
    return impl;
}

void
virEventRegisterImpl(virEventAddHandleFunc addHandle,
                     virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle,
                     virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    VIR_DEBUG("addHandle=%p updateHandle=%p removeHandle=%p addTimeout=%p "
              "updateTimeout=%p removeTimeout=%p",
              (void *)addHandle, (void *)updateHandle, (void *)removeHandle,
              (void *)addTimeout, (void *)updateTimeout, (void *)removeTimeout);
    g_mutex_lock(&virEventImplLock);
    virEventCurrent.addHandle = addHandle;
    virEventCurrent.updateHandle = updateHandle;
    virEventCurrent.removeHandle = removeHandle;
    virEventCurrent.addTimeout = addTimeout;
    virEventCurrent.updateTimeout = updateTimeout;
    virEventCurrent.removeTimeout = removeTimeout;
    g_mutex_unlock(&virEventImplLock);
}

int
virEventRegisterDefaultImpl(void)
{
    VIR_DEBUG("registering the default event loop");
    virResetLastError();
    virEventRegisterImpl(virEventDefaultAddHandle,
                         virEventDefaultUpdateHandle,
                         virEventDefaultRemoveHandle,
                         virEventDefaultAddTimeout,
                         virEventDefaultUpdateTimeout,
                         virEventDefaultRemoveTimeout);
    return 0;
}

int
virEventRunDefaultImpl(void)
{
    VIR_DEBUG("running one iteration");
    virResetLastError();
    return virEventDefaultRunOnce();
}

int
virEventAddHandle(int fd,
                  int events,
                  virEventHandleCallback cb,
                  void *opaque,
                  virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("fd=%d events=%d cb=%p opaque=%p ff=%p",
              fd, events, (void *)cb, opaque, (void *)ff);
    if (!impl.addHandle)
        return -1;
    return impl.addHandle(fd, events, cb, opaque, ff);
}

void
virEventUpdateHandle(int watch, int events)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("watch=%d events=%d", watch, events);
    if (impl.updateHandle)
        impl.updateHandle(watch, events);
}

int
virEventRemoveHandle(int watch)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("watch=%d", watch);
    if (!impl.removeHandle)
        return -1;
    return impl.removeHandle(watch);
}

int
virEventAddTimeout(int frequency,
                   virEventTimeoutCallback cb,
                   void *opaque,
                   virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("frequency=%d cb=%p opaque=%p ff=%p",
              frequency, (void *)cb, opaque, (void *)ff);
    if (!impl.addTimeout)
        return -1;
    return impl.addTimeout(frequency, cb, opaque, ff);
}

void
virEventUpdateTimeout(int timer, int frequency)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("timer=%d frequency=%d", timer, frequency);
    if (impl.updateTimeout)
        impl.updateTimeout(timer, frequency);
}

int
virEventRemoveTimeout(int timer)
{
    virEventImpl impl = virEventGetImpl();

    VIR_DEBUG("timer=%d", timer);
    if (!impl.removeTimeout)
        return -1;
    return impl.removeTimeout(timer);
}
