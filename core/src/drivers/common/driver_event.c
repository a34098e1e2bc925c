/*
 * driver_event.c: the events of a driver's objects (see driver_event.h).
 */
#include <stdbool.h>
#include <string.h>

#include "driver_event.h"
#include "virerror.h"
#include "virevent.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* How many event ids of each kind libvirt 9.0 knows (its _LAST values). */
#define VIR_DRIVER_DOMAIN_EVENT_IDS (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)
#define VIR_DRIVER_NETWORK_EVENT_IDS (VIR_NETWORK_EVENT_ID_LIFECYCLE + 1)
#define VIR_DRIVER_POOL_EVENT_IDS (VIR_STORAGE_POOL_EVENT_ID_REFRESH + 1)
#define VIR_DRIVER_NODEDEV_EVENT_IDS (VIR_NODE_DEVICE_EVENT_ID_UPDATE + 1)

/* The generic shape every callback is stored as; it is called through the
 * real type its event id implies. */
typedef void (*virDriverEventFunc)(void);

typedef struct {
    int callbackID;
    virDriverEventKind kind;
    int eventID;
    bool legacy;                 /* virConnectDomainEventRegister */
    virConnectPtr conn;          /* holds a reference */
    bool filtered;
    unsigned char uuid[VIR_UUID_BUFLEN];   /* filter, all kinds but nodedev */
    char *name;                  /* filter, node devices */
    virDriverEventFunc cb;
    void *opaque;
    virFreeCallback freecb;
    bool deleted;                /* deregistered during a delivery */
} virDriverEventCallback;

struct _virDriverEventState {
    gint refs;
    GMutex lock;
    GPtrArray *callbacks;        /* virDriverEventCallback *, registration order */
    GQueue queue;                /* virDriverEvent *, not yet delivered */
    int timer;                   /* -1 when no callback is registered */
    int nextID;
    int dispatching;
};

/* ------------------------------------------------------------------ */
/* Records                                                            */

void
virDriverEventFree(virDriverEvent *ev)
{
    if (!ev)
        return;
    g_free(ev->name);
    g_free(ev->usageID);
    g_free(ev->s1);
    if (ev->params) {
        virTypedParamsClear(ev->params, ev->nparams);
        g_free(ev->params);
    }
    g_free(ev);
}

/* Release CB: its free callback, then its connection reference.  Called
 * with no lock held: both may run arbitrary code (the last connection
 * reference closes the connection, and maybe frees the driver state). */
static void
virDriverEventCallbackRelease(virDriverEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    virObjectUnrefConnect(cb->conn);
    g_free(cb->name);
    g_free(cb);
}

static virDriverEventState *
virDriverEventStateRef(virDriverEventState *state)
{
    g_atomic_int_inc(&state->refs);
    return state;
}

static void
virDriverEventStateUnref(void *data)
{
    virDriverEventState *state = data;

    if (!state || !g_atomic_int_dec_and_test(&state->refs))
        return;
    while (!g_queue_is_empty(&state->queue))
        virDriverEventFree(g_queue_pop_head(&state->queue));
    g_ptr_array_free(state->callbacks, TRUE);
    g_mutex_clear(&state->lock);
    g_free(state);
}

virDriverEventState *
virDriverEventStateNew(void)
{
    virDriverEventState *state = g_new0(virDriverEventState, 1);

    state->refs = 1;
    g_mutex_init(&state->lock);
    state->callbacks = g_ptr_array_new();
    g_queue_init(&state->queue);
    state->timer = -1;
    return state;
}

/* With no callback left, the timer goes and pending events are dropped,
 * as in libvirt; the state lock is held. */
static void
virDriverEventMaybeStopTimer(virDriverEventState *state)
{
    if (state->timer < 0 || state->callbacks->len > 0)
        return;
    virEventRemoveTimeout(state->timer);
    state->timer = -1;
    while (!g_queue_is_empty(&state->queue))
        virDriverEventFree(g_queue_pop_head(&state->queue));
}

/* ------------------------------------------------------------------ */
/* Delivery                                                           */

static bool
virDriverEventMatches(const virDriverEventCallback *cb, const virDriverEvent *ev)
{
    if (cb->deleted || cb->kind != ev->kind || cb->eventID != ev->eventID)
        return false;
    if (!cb->filtered)
        return true;
    if (ev->kind == VIR_DRIVER_EVENT_NODEDEV)
        return g_strcmp0(cb->name, ev->name) == 0;
    return memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) == 0;
}

static void
virDriverEventDispatchDomain(virConnectPtr conn, const virDriverEvent *ev,
                        virDriverEventFunc cb, void *opaque)
{
    virDomainPtr dom = virGetDomain(conn, ev->name, ev->uuid, ev->id);

    switch ((virDomainEventID)ev->eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        ((virConnectDomainEventCallback)cb)(conn, dom, ev->i1, ev->i2, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_REBOOT:
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        ((virConnectDomainEventGenericCallback)cb)(conn, dom, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        ((virConnectDomainEventMetadataChangeCallback)cb)(conn, dom, ev->i1, ev->s1, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
        ((virConnectDomainEventTunableCallback)cb)(conn, dom, ev->params, ev->nparams, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        ((virConnectDomainEventJobCompletedCallback)cb)(conn, dom, ev->params, ev->nparams, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
        ((virConnectDomainEventDeviceAddedCallback)cb)(conn, dom, ev->s1, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
        ((virConnectDomainEventDeviceRemovedCallback)cb)(conn, dom, ev->s1, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        ((virConnectDomainEventDeviceRemovalFailedCallback)cb)(conn, dom, ev->s1, opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        ((virConnectDomainEventBalloonChangeCallback)cb)(conn, dom, ev->ull, opaque);
        break;
    default:
        /* no driver emits the others yet */
        break;
    }
    virObjectUnrefDomain(dom);
}

static void
virDriverEventDispatchOne(virConnectPtr conn, const virDriverEvent *ev,
                     virDriverEventFunc cb, void *opaque)
{
    bool lifecycle = ev->eventID == 0;   /* every kind's LIFECYCLE is 0 */
    void *obj = NULL;

    switch (ev->kind) {
    case VIR_DRIVER_EVENT_DOMAIN:
        virDriverEventDispatchDomain(conn, ev, cb, opaque);
        return;
    case VIR_DRIVER_EVENT_NETWORK:
        obj = virGetNetwork(conn, ev->name, ev->uuid);
        if (lifecycle)
            ((virConnectNetworkEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectNetworkEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case VIR_DRIVER_EVENT_POOL:
        obj = virGetStoragePool(conn, ev->name, ev->uuid);
        if (lifecycle)
            ((virConnectStoragePoolEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectStoragePoolEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case VIR_DRIVER_EVENT_NODEDEV:
        obj = virGetNodeDevice(conn, ev->name, NULL);
        if (lifecycle)
            ((virConnectNodeDeviceEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectNodeDeviceEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case VIR_DRIVER_EVENT_SECRET:
        obj = virGetSecret(conn, ev->uuid, ev->id, ev->usageID);
        if (lifecycle)
            ((virConnectSecretEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectSecretEventGenericCallback)cb)(conn, obj, opaque);
        break;
    }
    virObjectUnrefHandle(obj);
}

/* The loop's timer: deliver everything queued so far. */
static void
virDriverEventTimerFire(int timer, void *opaque)
{
    virDriverEventState *state = opaque;
    GQueue pending = G_QUEUE_INIT;
    g_autoptr(GPtrArray) released = g_ptr_array_new();
    virDriverEvent *ev;
    size_t i;

    g_mutex_lock(&state->lock);
    if (state->timer != timer) {
        g_mutex_unlock(&state->lock);
        return;
    }
    virEventUpdateTimeout(state->timer, -1);
    pending = state->queue;
    g_queue_init(&state->queue);
    state->dispatching++;

    while ((ev = g_queue_pop_head(&pending))) {
        for (i = 0; i < state->callbacks->len; i++) {
            virDriverEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            virConnectPtr conn;
            virDriverEventFunc func;
            void *cbopaque;

            if (!virDriverEventMatches(cb, ev))
                continue;
            /* the entry stays in the array (only marked when removed)
             * until dispatching drops to 0, so these stay valid */
            conn = cb->conn;
            func = cb->cb;
            cbopaque = cb->opaque;
            g_mutex_unlock(&state->lock);
            virDriverEventDispatchOne(conn, ev, func, cbopaque);
            g_mutex_lock(&state->lock);
        }
        virDriverEventFree(ev);
    }

    if (--state->dispatching == 0) {
        for (i = 0; i < state->callbacks->len;) {
            virDriverEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            if (cb->deleted) {
                g_ptr_array_add(released, cb);
                g_ptr_array_remove_index(state->callbacks, i);
            } else {
                i++;
            }
        }
        virDriverEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    for (i = 0; i < released->len; i++)
        virDriverEventCallbackRelease(g_ptr_array_index(released, i));
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

/* Add a callback; returns its number or -1 with an error reported. */
static int
virDriverEventStateRegister(virDriverEventState *state,
                            virConnectPtr conn,
                       virDriverEventKind kind,
                       int eventID,
                       bool legacy,
                       const unsigned char *uuid,
                       const char *name,
                       virDriverEventFunc func,
                       void *opaque,
                       virFreeCallback freecb)
{
    virDriverEventCallback *cb;
    int ret = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    if (state->timer < 0 && state->callbacks->len == 0) {
        int timer = virEventAddTimeout(-1, virDriverEventTimerFire,
                                       virDriverEventStateRef(state),
                                       virDriverEventStateUnref);
        if (timer < 0) {
            virDriverEventStateUnref(state);
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("could not initialize domain event timer"));
            goto cleanup;
        }
        state->timer = timer;
    }

    /* The same function for the same events of the same objects on the
     * same connection is refused, whatever its opaque data. */
    for (i = 0; i < state->callbacks->len; i++) {
        cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->kind == kind &&
            cb->eventID == eventID && cb->legacy == legacy &&
            cb->filtered == (uuid || name) &&
            (!uuid || memcmp(cb->uuid, uuid, VIR_UUID_BUFLEN) == 0) &&
            g_strcmp0(cb->name, name) == 0 &&
            cb->cb == func) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("event callback already tracked"));
            goto cleanup;
        }
    }

    cb = g_new0(virDriverEventCallback, 1);
    cb->callbackID = state->nextID++;
    cb->kind = kind;
    cb->eventID = eventID;
    cb->legacy = legacy;
    cb->conn = virObjectRefConnect(conn);
    if (uuid) {
        cb->filtered = true;
        memcpy(cb->uuid, uuid, VIR_UUID_BUFLEN);
    }
    if (name) {
        cb->filtered = true;
        cb->name = g_strdup(name);
    }
    cb->cb = func;
    cb->opaque = opaque;
    cb->freecb = freecb;
    g_ptr_array_add(state->callbacks, cb);
    ret = cb->callbackID;

 cleanup:
    g_mutex_unlock(&state->lock);
    return ret;
}

/* Remove CONN's callback CALLBACKID (any kind); 0 or -1 with an error. */
int
virDriverEventDeregisterAny(virDriverEventState *state, virConnectPtr conn, int callbackID)
{
    virDriverEventCallback *found = NULL;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virDriverEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->callbackID == callbackID) {
            found = cb;
            break;
        }
    }
    if (!found) {
        g_mutex_unlock(&state->lock);
        virReportError(VIR_ERR_INVALID_ARG,
                       _("could not find event callback %d for deletion"),
                       callbackID);
        return -1;
    }
    if (state->dispatching) {
        found->deleted = true;
        found = NULL;
    } else {
        g_ptr_array_remove_index(state->callbacks, i);
        virDriverEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    if (found)
        virDriverEventCallbackRelease(found);
    return 0;
}

/* The number of CONN's old-style callback FUNC, or -1 with an error. */
static int
virDriverEventLegacyID(virDriverEventState *state, virConnectPtr conn,
                       virDriverEventFunc func)
{
    int ret = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virDriverEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->legacy && cb->conn == conn && cb->cb == func) {
            ret = cb->callbackID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    if (ret < 0)
        virReportError(VIR_ERR_INVALID_ARG,
                       _("event callback function %p not registered"),
                       (void *)func);
    return ret;
}

/* libvirt's public API checks the event number of each kind. */
static int
virDriverEventCheckID(int domain, int eventID, int last, const char *func)
{
    if (eventID < 0) {
        virReportInvalidArgHelper(domain, __FILE__, func, __LINE__, "eventID",
                                  _("%s in %s must be zero or greater"),
                                  "eventID", func);
        return -1;
    }
    if (eventID >= last) {
        virReportInvalidArgHelper(domain, __FILE__, func, __LINE__, "eventID",
                                  _("eventID in %s must be less than %d"),
                                  func, last);
        return -1;
    }
    return 0;
}

/* libvirt's public API refuses a filter object of another connection. */
static int
virDriverEventCheckOwner(int domain, virConnectPtr conn, virConnectPtr owner,
                    const char *what, const char *name, const char *func)
{
    if (owner != conn) {
        virReportInvalidArgHelper(domain, __FILE__, func, __LINE__, what,
                                  _("%s '%s' in %s must match connection"),
                                  what, name, func);
        return -1;
    }
    return 0;
}

int
virDriverEventDomainRegister(virDriverEventState *state, virConnectPtr conn,
                             virConnectDomainEventCallback cb,
                             void *opaque, virFreeCallback freecb)
{
    int id = virDriverEventStateRegister(state, conn, VIR_DRIVER_EVENT_DOMAIN,
                                    VIR_DOMAIN_EVENT_ID_LIFECYCLE, true,
                                    NULL, NULL, (virDriverEventFunc)cb,
                                    opaque, freecb);
    return id < 0 ? -1 : 0;
}

int
virDriverEventDomainDeregister(virDriverEventState *state, virConnectPtr conn,
                               virConnectDomainEventCallback cb)
{
    int id = virDriverEventLegacyID(state, conn, (virDriverEventFunc)cb);

    if (id < 0)
        return -1;
    return virDriverEventDeregisterAny(state, conn, id);
}

int
virDriverEventDomainRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb)
{
    const char *func = "virConnectDomainEventRegisterAny";

    if (dom) {
        if (!virDomainIsValid(dom)) {
            virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__,
                                 func, __LINE__, "%s", func);
            return -1;
        }
        if (virDriverEventCheckOwner(VIR_FROM_DOMAIN, conn, dom->conn, "domain",
                                dom->name, func) < 0)
            return -1;
    }
    if (virDriverEventCheckID(VIR_FROM_DOMAIN, eventID, VIR_DRIVER_DOMAIN_EVENT_IDS, func) < 0)
        return -1;
    return virDriverEventStateRegister(state, conn, VIR_DRIVER_EVENT_DOMAIN, eventID, false,
                                  dom ? dom->uuid : NULL, NULL,
                                  (virDriverEventFunc)cb, opaque, freecb);
}

int
virDriverEventNetworkRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                   virNetworkPtr net,
                                   int eventID,
                                   virConnectNetworkEventGenericCallback cb,
                                   void *opaque,
                                   virFreeCallback freecb)
{
    const char *func = "virConnectNetworkEventRegisterAny";

    if (net) {
        if (!virNetworkIsValid(net)) {
            virReportErrorHelper(VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK,
                                 __FILE__, func, __LINE__, "%s", func);
            return -1;
        }
        if (virDriverEventCheckOwner(VIR_FROM_NETWORK, conn, net->conn, "network",
                                net->name, func) < 0)
            return -1;
    }
    if (virDriverEventCheckID(VIR_FROM_NETWORK, eventID, VIR_DRIVER_NETWORK_EVENT_IDS, func) < 0)
        return -1;
    return virDriverEventStateRegister(state, conn, VIR_DRIVER_EVENT_NETWORK, eventID, false,
                                  net ? net->uuid : NULL, NULL,
                                  (virDriverEventFunc)cb, opaque, freecb);
}

int
virDriverEventPoolRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                       virStoragePoolPtr pool,
                                       int eventID,
                                       virConnectStoragePoolEventGenericCallback cb,
                                       void *opaque,
                                       virFreeCallback freecb)
{
    const char *func = "virConnectStoragePoolEventRegisterAny";

    if (pool) {
        if (!virStoragePoolIsValid(pool)) {
            virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL,
                                 __FILE__, func, __LINE__, "%s", func);
            return -1;
        }
        if (virDriverEventCheckOwner(VIR_FROM_STORAGE, conn, pool->conn,
                                "storage pool", pool->name, func) < 0)
            return -1;
    }
    if (virDriverEventCheckID(VIR_FROM_STORAGE, eventID,
                         VIR_DRIVER_POOL_EVENT_IDS, func) < 0)
        return -1;
    return virDriverEventStateRegister(state, conn, VIR_DRIVER_EVENT_POOL, eventID, false,
                                  pool ? pool->uuid : NULL, NULL,
                                  (virDriverEventFunc)cb, opaque, freecb);
}

int
virDriverEventNodeDeviceRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                      virNodeDevicePtr dev,
                                      int eventID,
                                      virConnectNodeDeviceEventGenericCallback cb,
                                      void *opaque,
                                      virFreeCallback freecb)
{
    const char *func = "virConnectNodeDeviceEventRegisterAny";

    if (dev) {
        if (!virNodeDeviceIsValid(dev)) {
            virReportErrorHelper(VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE,
                                 __FILE__, func, __LINE__, "%s", func);
            return -1;
        }
        if (virDriverEventCheckOwner(VIR_FROM_NODEDEV, conn, dev->conn,
                                "node device", dev->name, func) < 0)
            return -1;
    }
    if (virDriverEventCheckID(VIR_FROM_NODEDEV, eventID,
                         VIR_DRIVER_NODEDEV_EVENT_IDS, func) < 0)
        return -1;
    return virDriverEventStateRegister(state, conn, VIR_DRIVER_EVENT_NODEDEV, eventID, false,
                                  NULL, dev ? dev->name : NULL,
                                  (virDriverEventFunc)cb, opaque, freecb);
}


void
virDriverEventStateFree(virDriverEventState *state)
{
    g_autoptr(GPtrArray) left = g_ptr_array_new();
    size_t i;

    if (!state)
        return;
    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++)
        g_ptr_array_add(left, g_ptr_array_index(state->callbacks, i));
    g_ptr_array_set_size(state->callbacks, 0);
    virDriverEventMaybeStopTimer(state);
    g_mutex_unlock(&state->lock);
    for (i = 0; i < left->len; i++)
        virDriverEventCallbackRelease(g_ptr_array_index(left, i));
    virDriverEventStateUnref(state);
}

/* ------------------------------------------------------------------ */
/* Emitters (driver->lock held)                                       */

virDriverEvent *
virDriverEventNew(virDriverEventKind kind, int eventID, const char *name,
             const unsigned char *uuid)
{
    virDriverEvent *ev = g_new0(virDriverEvent, 1);

    ev->kind = kind;
    ev->eventID = eventID;
    ev->name = g_strdup(name);
    if (uuid)
        memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    return ev;
}

virDriverEvent *
virDriverEventNewDomain(int eventID, const char *name, const unsigned char *uuid, int id)
{
    virDriverEvent *ev = virDriverEventNew(VIR_DRIVER_EVENT_DOMAIN, eventID, name, uuid);

    ev->id = id;
    return ev;
}

void
virDriverEventQueue(virDriverEventState *state, virDriverEvent *ev)
{
    if (!state) {
        virDriverEventFree(ev);
        return;
    }
    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        /* nobody listens: nothing to keep */
        g_mutex_unlock(&state->lock);
        virDriverEventFree(ev);
        return;
    }
    g_queue_push_tail(&state->queue, ev);
    virEventUpdateTimeout(state->timer, 0);
    g_mutex_unlock(&state->lock);
}

