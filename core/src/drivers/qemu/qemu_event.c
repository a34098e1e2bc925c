/*
 * qemu_event.c: domain events of the QEMU driver (see qemu_event.h).
 *
 * Callbacks removed while a delivery runs are only marked, and released
 * (free callback, then the connection reference) once the delivery is
 * over, with no lock held: both may run arbitrary code.  The state is
 * reference counted because the loop's timer keeps it alive until the
 * timer's free callback runs, possibly after the driver state is gone.
 */
#include <stdbool.h>
#include <string.h>

#include "datatypes.h"
#include "qemu_event.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How many domain event ids libvirt 9.0 knows. */
#define QEMU_DOMAIN_EVENT_IDS (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)

/* The generic shape every callback is stored as; it is called through
 * the real type its event id implies. */
typedef void (*qemuEventFunc)(void);

typedef struct {
    int callbackID;
    int eventID;
    bool legacy;                 /* virConnectDomainEventRegister */
    virConnectPtr conn;          /* holds a reference */
    bool filtered;
    unsigned char uuid[VIR_UUID_BUFLEN];
    qemuEventFunc cb;
    void *opaque;
    virFreeCallback freecb;
    bool deleted;
} qemuEventCallback;

typedef struct {
    int eventID;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int event;
    int detail;
    unsigned long long actual;   /* BALLOON_CHANGE */
    char *alias;                 /* DEVICE_ADDED, DEVICE_REMOVED */
} qemuEvent;

struct _qemuEventState {
    gint refs;
    GMutex lock;
    GPtrArray *callbacks;        /* qemuEventCallback *, registration order */
    GQueue queue;                /* qemuEvent *, not yet delivered */
    int timer;                   /* -1 while nobody listens */
    int nextID;
    int dispatching;
};

static qemuEventState *(*qemuEventStateOf)(virConnectPtr conn);

static void
qemuEventFree(qemuEvent *ev)
{
    if (!ev)
        return;
    g_free(ev->name);
    g_free(ev->alias);
    g_free(ev);
}

static void
qemuEventCallbackRelease(qemuEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    virObjectUnrefConnect(cb->conn);
    g_free(cb);
}

static qemuEventState *
qemuEventStateRef(qemuEventState *state)
{
    g_atomic_int_inc(&state->refs);
    return state;
}

static void
qemuEventStateUnref(void *data)
{
    qemuEventState *state = data;

    if (!state || !g_atomic_int_dec_and_test(&state->refs))
        return;
    while (!g_queue_is_empty(&state->queue))
        qemuEventFree(g_queue_pop_head(&state->queue));
    g_ptr_array_free(state->callbacks, TRUE);
    g_mutex_clear(&state->lock);
    g_free(state);
}

qemuEventState *
qemuEventStateNew(void)
{
    qemuEventState *state = g_new0(qemuEventState, 1);

    state->refs = 1;
    g_mutex_init(&state->lock);
    state->callbacks = g_ptr_array_new();
    g_queue_init(&state->queue);
    state->timer = -1;
    return state;
}

/* With no callback left the timer goes and pending events are dropped;
 * the state lock is held. */
static void
qemuEventMaybeStopTimer(qemuEventState *state)
{
    if (state->timer < 0 || state->callbacks->len > 0)
        return;
    virEventRemoveTimeout(state->timer);
    state->timer = -1;
    while (!g_queue_is_empty(&state->queue))
        qemuEventFree(g_queue_pop_head(&state->queue));
}

void
qemuEventStateFree(qemuEventState *state)
{
    g_autoptr(GPtrArray) left = g_ptr_array_new();
    size_t i;

    if (!state)
        return;
    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++)
        g_ptr_array_add(left, g_ptr_array_index(state->callbacks, i));
    g_ptr_array_set_size(state->callbacks, 0);
    qemuEventMaybeStopTimer(state);
    g_mutex_unlock(&state->lock);
    for (i = 0; i < left->len; i++)
        qemuEventCallbackRelease(g_ptr_array_index(left, i));
    qemuEventStateUnref(state);
}

/* ------------------------------------------------------------------ */
/* Delivery                                                           */

static void
qemuEventDispatchOne(virConnectPtr conn,
                     const qemuEvent *ev,
                     qemuEventFunc cb,
                     void *opaque)
{
    virDomainPtr dom = virGetDomain(conn, ev->name, ev->uuid, ev->id);

    if (!dom)
        return;
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        ((virConnectDomainEventCallback)cb)(conn, dom, ev->event, ev->detail, opaque);
    else if (ev->eventID == VIR_DOMAIN_EVENT_ID_DEVICE_ADDED)
        ((virConnectDomainEventDeviceAddedCallback)cb)(conn, dom, ev->alias, opaque);
    else if (ev->eventID == VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED)
        ((virConnectDomainEventDeviceRemovedCallback)cb)(conn, dom, ev->alias, opaque);
    else if (ev->eventID == VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE)
        ((virConnectDomainEventBalloonChangeCallback)cb)(conn, dom, ev->actual, opaque);
    else
        ((virConnectDomainEventGenericCallback)cb)(conn, dom, opaque);
    virObjectUnrefDomain(dom);
}

static void
qemuEventTimerFire(int timer, void *opaque)
{
    qemuEventState *state = opaque;
    GQueue pending = G_QUEUE_INIT;
    g_autoptr(GPtrArray) released = g_ptr_array_new();
    qemuEvent *ev;
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
            qemuEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            virConnectPtr conn;
            qemuEventFunc func;
            void *cbopaque;

            if (cb->deleted || cb->eventID != ev->eventID ||
                (cb->filtered && memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) != 0))
                continue;
            /* marked, not removed, while dispatching: these stay valid */
            conn = cb->conn;
            func = cb->cb;
            cbopaque = cb->opaque;
            g_mutex_unlock(&state->lock);
            qemuEventDispatchOne(conn, ev, func, cbopaque);
            g_mutex_lock(&state->lock);
        }
        qemuEventFree(ev);
    }

    if (--state->dispatching == 0) {
        for (i = 0; i < state->callbacks->len;) {
            qemuEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            if (cb->deleted) {
                g_ptr_array_add(released, cb);
                g_ptr_array_remove_index(state->callbacks, i);
            } else {
                i++;
            }
        }
        qemuEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    for (i = 0; i < released->len; i++)
        qemuEventCallbackRelease(g_ptr_array_index(released, i));
}

static void
qemuEventQueue(qemuEventState *state, qemuEvent *ev)
{
    if (!state) {
        qemuEventFree(ev);
        return;
    }
    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        g_mutex_unlock(&state->lock);
        qemuEventFree(ev);
        return;
    }
    g_queue_push_tail(&state->queue, ev);
    virEventUpdateTimeout(state->timer, 0);
    g_mutex_unlock(&state->lock);
}

static qemuEvent *
qemuEventNew(int eventID, const char *name, const unsigned char *uuid, int id)
{
    qemuEvent *ev = g_new0(qemuEvent, 1);

    ev->eventID = eventID;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    return ev;
}

void
qemuEventEmitLifecycle(qemuEventState *state,
                       const char *name,
                       const unsigned char *uuid,
                       int id,
                       int event,
                       int detail)
{
    qemuEvent *ev = qemuEventNew(VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);

    ev->event = event;
    ev->detail = detail;
    qemuEventQueue(state, ev);
}

void
qemuEventEmitReboot(qemuEventState *state,
                    const char *name,
                    const unsigned char *uuid,
                    int id)
{
    qemuEventQueue(state, qemuEventNew(VIR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id));
}

void
qemuEventEmitBalloonChange(qemuEventState *state,
                           const char *name,
                           const unsigned char *uuid,
                           int id,
                           unsigned long long actual)
{
    qemuEvent *ev = qemuEventNew(VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE, name, uuid, id);

    ev->actual = actual;
    qemuEventQueue(state, ev);
}

void
qemuEventEmitDevice(qemuEventState *state,
                    int eventID,
                    const char *name,
                    const unsigned char *uuid,
                    int id,
                    const char *alias)
{
    qemuEvent *ev = qemuEventNew(eventID, name, uuid, id);

    ev->alias = g_strdup(alias);
    qemuEventQueue(state, ev);
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static int
qemuEventStateRegister(virConnectPtr conn,
                       int eventID,
                       bool legacy,
                       const unsigned char *uuid,
                       qemuEventFunc func,
                       void *opaque,
                       virFreeCallback freecb)
{
    qemuEventState *state = qemuEventStateOf(conn);
    qemuEventCallback *cb;
    size_t i;

    g_mutex_lock(&state->lock);
    if (state->timer < 0 && state->callbacks->len == 0) {
        int timer = virEventAddTimeout(-1, qemuEventTimerFire,
                                       qemuEventStateRef(state),
                                       qemuEventStateUnref);
        if (timer < 0) {
            g_mutex_unlock(&state->lock);
            qemuEventStateUnref(state);
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("could not initialize domain event timer"));
            return -1;
        }
        state->timer = timer;
    }

    for (i = 0; i < state->callbacks->len; i++) {
        cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->eventID == eventID &&
            cb->legacy == legacy && cb->filtered == !!uuid &&
            (!uuid || memcmp(cb->uuid, uuid, VIR_UUID_BUFLEN) == 0) &&
            cb->cb == func) {
            g_mutex_unlock(&state->lock);
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("event callback already tracked"));
            return -1;
        }
    }

    cb = g_new0(qemuEventCallback, 1);
    cb->callbackID = state->nextID++;
    cb->eventID = eventID;
    cb->legacy = legacy;
    cb->conn = virObjectRefConnect(conn);
    if (uuid) {
        cb->filtered = true;
        memcpy(cb->uuid, uuid, VIR_UUID_BUFLEN);
    }
    cb->cb = func;
    cb->opaque = opaque;
    cb->freecb = freecb;
    g_ptr_array_add(state->callbacks, cb);
    g_mutex_unlock(&state->lock);
    return cb->callbackID;
}

static int
qemuEventStateDeregister(virConnectPtr conn, int callbackID)
{
    qemuEventState *state = qemuEventStateOf(conn);
    qemuEventCallback *found = NULL;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        qemuEventCallback *cb = g_ptr_array_index(state->callbacks, i);
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
        qemuEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    if (found)
        qemuEventCallbackRelease(found);
    return 0;
}

static int
qemuConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque,
                               virFreeCallback freecb)
{
    int id = qemuEventStateRegister(conn, VIR_DOMAIN_EVENT_ID_LIFECYCLE, true,
                                    NULL, (qemuEventFunc)cb,
                                    opaque, freecb);
    return id < 0 ? -1 : 0;
}

static int
qemuConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    qemuEventState *state = qemuEventStateOf(conn);
    int id = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        qemuEventCallback *c = g_ptr_array_index(state->callbacks, i);
        if (!c->deleted && c->legacy && c->conn == conn &&
            c->cb == (qemuEventFunc)cb) {
            id = c->callbackID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    if (id < 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("event callback function %p not registered"),
                       (void *)cb);
        return -1;
    }
    return qemuEventStateDeregister(conn, id);
}

static int
qemuConnectDomainEventRegisterAny(virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb)
{
    const char *func = "virConnectDomainEventRegisterAny";

    if (dom && dom->conn != conn) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, func, __LINE__, "domain",
                                  _("%s '%s' in %s must match connection"),
                                  "domain", dom->name, func);
        return -1;
    }
    if (eventID < 0 || eventID >= QEMU_DOMAIN_EVENT_IDS) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, func, __LINE__, "eventID",
                                  _("eventID in %s must be less than %d"),
                                  func, QEMU_DOMAIN_EVENT_IDS);
        return -1;
    }
    return qemuEventStateRegister(conn, eventID, false, dom ? dom->uuid : NULL,
                                  (qemuEventFunc)cb, opaque, freecb);
}

static int
qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return qemuEventStateDeregister(conn, callbackID);
}

void
qemuEventRegister(virHypervisorDriver *hv,
                  qemuEventState *(*stateOf)(virConnectPtr conn))
{
    qemuEventStateOf = stateOf;
    hv->connectDomainEventRegister = qemuConnectDomainEventRegister;
    hv->connectDomainEventDeregister = qemuConnectDomainEventDeregister;
    hv->connectDomainEventRegisterAny = qemuConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = qemuConnectDomainEventDeregisterAny;
}
