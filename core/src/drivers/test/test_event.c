/*
 * test_event.c: the test driver's events (see test_event.h).
 *
 * One testEventState per fake host (driver->eventState) holds every
 * callback registered by any connection to that host, and the queue of
 * events not yet delivered.  This is libvirt's model, and it shows through
 * the API: callback numbers are shared by all connections of a host and
 * by all object kinds, a registration holds a reference to its connection
 * (so virConnectClose reports 1 and the connection, with its callbacks,
 * lives on until they are deregistered), and deregistering by number finds
 * a callback whatever kind of event it is for.
 *
 * Emitters run under driver->lock and only queue: an event is a copy of
 * what happened (names, UUIDs, values), and the first event queued arms a
 * zero timeout in the registered event loop.  The timeout, from the loop,
 * delivers each queued event to every matching callback with no lock
 * held, building handles for the receiving connection; callbacks removed
 * during delivery are only marked and are released (free callback, the
 * connection reference) once delivery is over.  The state is reference
 * counted because the loop's timer keeps it alive until its free callback
 * runs, which may be after the host itself is gone.
 */
#include <string.h>

#include "test_driver_private.h"
#include "test_event.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* How many event ids of each kind libvirt 9.0 knows (its _LAST values). */
#define TEST_DOMAIN_EVENT_IDS (VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1)
#define TEST_NETWORK_EVENT_IDS (VIR_NETWORK_EVENT_ID_LIFECYCLE + 1)
#define TEST_POOL_EVENT_IDS (VIR_STORAGE_POOL_EVENT_ID_REFRESH + 1)
#define TEST_NODEDEV_EVENT_IDS (VIR_NODE_DEVICE_EVENT_ID_UPDATE + 1)

typedef enum {
    TEST_EVENT_DOMAIN,
    TEST_EVENT_NETWORK,
    TEST_EVENT_POOL,
    TEST_EVENT_NODEDEV,
    TEST_EVENT_SECRET,
} testEventKind;

/* The generic shape every callback is stored as; it is called through the
 * real type its event id implies. */
typedef void (*testEventFunc)(void);

typedef struct {
    int callbackID;
    testEventKind kind;
    int eventID;
    bool legacy;                 /* virConnectDomainEventRegister */
    virConnectPtr conn;          /* holds a reference */
    bool filtered;
    unsigned char uuid[VIR_UUID_BUFLEN];   /* filter, all kinds but nodedev */
    char *name;                  /* filter, node devices */
    testEventFunc cb;
    void *opaque;
    virFreeCallback freecb;
    bool deleted;                /* deregistered during a delivery */
} testEventCallback;

typedef struct {
    testEventKind kind;
    int eventID;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                      /* domains: the id; secrets: usage type */
    char *usageID;               /* secrets */
    int i1;
    int i2;
    char *s1;
    unsigned long long ull;
    virTypedParameterPtr params;
    int nparams;
} testEvent;

typedef struct {
    gint refs;
    GMutex lock;
    GPtrArray *callbacks;        /* testEventCallback *, registration order */
    GQueue queue;                /* testEvent *, not yet delivered */
    int timer;                   /* -1 when no callback is registered */
    int nextID;
    int dispatching;
} testEventState;

/* ------------------------------------------------------------------ */
/* Records                                                            */

static void
testEventFree(testEvent *ev)
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
 * reference closes the connection, and maybe frees the whole host). */
static void
testEventCallbackRelease(testEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    virObjectUnrefConnect(cb->conn);
    g_free(cb->name);
    g_free(cb);
}

static testEventState *
testEventStateRef(testEventState *state)
{
    g_atomic_int_inc(&state->refs);
    return state;
}

static void
testEventStateUnref(void *data)
{
    testEventState *state = data;

    if (!state || !g_atomic_int_dec_and_test(&state->refs))
        return;
    while (!g_queue_is_empty(&state->queue))
        testEventFree(g_queue_pop_head(&state->queue));
    g_ptr_array_free(state->callbacks, TRUE);
    g_mutex_clear(&state->lock);
    g_free(state);
}

/* The state of CONN's host, created on first use; a new reference. */
static testEventState *
testEventStateGet(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);
    testEventState *state;

    g_mutex_lock(&driver->lock);
    if (!(state = driver->eventState)) {
        state = g_new0(testEventState, 1);
        state->refs = 1;
        g_mutex_init(&state->lock);
        state->callbacks = g_ptr_array_new();
        g_queue_init(&state->queue);
        state->timer = -1;
        driver->eventState = state;
    }
    testEventStateRef(state);
    g_mutex_unlock(&driver->lock);
    return state;
}

/* With no callback left, the timer goes and pending events are dropped,
 * as in libvirt; the state lock is held. */
static void
testEventMaybeStopTimer(testEventState *state)
{
    if (state->timer < 0 || state->callbacks->len > 0)
        return;
    virEventRemoveTimeout(state->timer);
    state->timer = -1;
    while (!g_queue_is_empty(&state->queue))
        testEventFree(g_queue_pop_head(&state->queue));
}

/* ------------------------------------------------------------------ */
/* Delivery                                                           */

static bool
testEventMatches(const testEventCallback *cb, const testEvent *ev)
{
    if (cb->deleted || cb->kind != ev->kind || cb->eventID != ev->eventID)
        return false;
    if (!cb->filtered)
        return true;
    if (ev->kind == TEST_EVENT_NODEDEV)
        return g_strcmp0(cb->name, ev->name) == 0;
    return memcmp(cb->uuid, ev->uuid, VIR_UUID_BUFLEN) == 0;
}

static void
testEventDispatchDomain(virConnectPtr conn, const testEvent *ev,
                        testEventFunc cb, void *opaque)
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
        /* The test driver emits no other domain event. */
        break;
    }
    virObjectUnrefDomain(dom);
}

static void
testEventDispatchOne(virConnectPtr conn, const testEvent *ev,
                     testEventFunc cb, void *opaque)
{
    bool lifecycle = ev->eventID == 0;   /* every kind's LIFECYCLE is 0 */
    void *obj = NULL;

    switch (ev->kind) {
    case TEST_EVENT_DOMAIN:
        testEventDispatchDomain(conn, ev, cb, opaque);
        return;
    case TEST_EVENT_NETWORK:
        obj = virGetNetwork(conn, ev->name, ev->uuid);
        if (lifecycle)
            ((virConnectNetworkEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectNetworkEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case TEST_EVENT_POOL:
        obj = virGetStoragePool(conn, ev->name, ev->uuid);
        if (lifecycle)
            ((virConnectStoragePoolEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectStoragePoolEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case TEST_EVENT_NODEDEV:
        obj = virGetNodeDevice(conn, ev->name, NULL);
        if (lifecycle)
            ((virConnectNodeDeviceEventLifecycleCallback)cb)(conn, obj, ev->i1, ev->i2, opaque);
        else
            ((virConnectNodeDeviceEventGenericCallback)cb)(conn, obj, opaque);
        break;
    case TEST_EVENT_SECRET:
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
testEventTimerFire(int timer, void *opaque)
{
    testEventState *state = opaque;
    GQueue pending = G_QUEUE_INIT;
    g_autoptr(GPtrArray) released = g_ptr_array_new();
    testEvent *ev;
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
            testEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            virConnectPtr conn;
            testEventFunc func;
            void *cbopaque;

            if (!testEventMatches(cb, ev))
                continue;
            /* the entry stays in the array (only marked when removed)
             * until dispatching drops to 0, so these stay valid */
            conn = cb->conn;
            func = cb->cb;
            cbopaque = cb->opaque;
            g_mutex_unlock(&state->lock);
            testEventDispatchOne(conn, ev, func, cbopaque);
            g_mutex_lock(&state->lock);
        }
        testEventFree(ev);
    }

    if (--state->dispatching == 0) {
        for (i = 0; i < state->callbacks->len;) {
            testEventCallback *cb = g_ptr_array_index(state->callbacks, i);
            if (cb->deleted) {
                g_ptr_array_add(released, cb);
                g_ptr_array_remove_index(state->callbacks, i);
            } else {
                i++;
            }
        }
        testEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    for (i = 0; i < released->len; i++)
        testEventCallbackRelease(g_ptr_array_index(released, i));
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

/* Add a callback; returns its number or -1 with an error reported. */
static int
testEventStateRegister(virConnectPtr conn,
                       testEventKind kind,
                       int eventID,
                       bool legacy,
                       const unsigned char *uuid,
                       const char *name,
                       testEventFunc func,
                       void *opaque,
                       virFreeCallback freecb)
{
    testEventState *state = testEventStateGet(conn);
    testEventCallback *cb;
    int ret = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    if (state->timer < 0 && state->callbacks->len == 0) {
        int timer = virEventAddTimeout(-1, testEventTimerFire,
                                       testEventStateRef(state),
                                       testEventStateUnref);
        if (timer < 0) {
            testEventStateUnref(state);
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

    cb = g_new0(testEventCallback, 1);
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
    testEventStateUnref(state);
    return ret;
}

/* Remove CONN's callback CALLBACKID (any kind); 0 or -1 with an error. */
static int
testEventStateDeregister(virConnectPtr conn, int callbackID)
{
    testEventState *state = testEventStateGet(conn);
    testEventCallback *found = NULL;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        testEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->conn == conn && cb->callbackID == callbackID) {
            found = cb;
            break;
        }
    }
    if (!found) {
        g_mutex_unlock(&state->lock);
        testEventStateUnref(state);
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
        testEventMaybeStopTimer(state);
    }
    g_mutex_unlock(&state->lock);

    if (found)
        testEventCallbackRelease(found);
    testEventStateUnref(state);
    return 0;
}

/* The number of CONN's old-style callback FUNC, or -1 with an error. */
static int
testEventLegacyID(virConnectPtr conn, testEventFunc func)
{
    testEventState *state = testEventStateGet(conn);
    int ret = -1;
    size_t i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        testEventCallback *cb = g_ptr_array_index(state->callbacks, i);
        if (!cb->deleted && cb->legacy && cb->conn == conn && cb->cb == func) {
            ret = cb->callbackID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    testEventStateUnref(state);
    if (ret < 0)
        virReportError(VIR_ERR_INVALID_ARG,
                       _("event callback function %p not registered"),
                       (void *)func);
    return ret;
}

/* libvirt's public API checks the event number of each kind. */
static int
testEventCheckID(int domain, int eventID, int last, const char *func)
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
testEventCheckOwner(int domain, virConnectPtr conn, virConnectPtr owner,
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

static int
testConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque,
                               virFreeCallback freecb)
{
    int id = testEventStateRegister(conn, TEST_EVENT_DOMAIN,
                                    VIR_DOMAIN_EVENT_ID_LIFECYCLE, true,
                                    NULL, NULL, (testEventFunc)cb,
                                    opaque, freecb);
    return id < 0 ? -1 : 0;
}

static int
testConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    int id = testEventLegacyID(conn, (testEventFunc)cb);

    if (id < 0)
        return -1;
    return testEventStateDeregister(conn, id);
}

static int
testConnectDomainEventRegisterAny(virConnectPtr conn,
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
        if (testEventCheckOwner(VIR_FROM_DOMAIN, conn, dom->conn, "domain",
                                dom->name, func) < 0)
            return -1;
    }
    if (testEventCheckID(VIR_FROM_DOMAIN, eventID, TEST_DOMAIN_EVENT_IDS, func) < 0)
        return -1;
    return testEventStateRegister(conn, TEST_EVENT_DOMAIN, eventID, false,
                                  dom ? dom->uuid : NULL, NULL,
                                  (testEventFunc)cb, opaque, freecb);
}

static int
testConnectNetworkEventRegisterAny(virConnectPtr conn,
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
        if (testEventCheckOwner(VIR_FROM_NETWORK, conn, net->conn, "network",
                                net->name, func) < 0)
            return -1;
    }
    if (testEventCheckID(VIR_FROM_NETWORK, eventID, TEST_NETWORK_EVENT_IDS, func) < 0)
        return -1;
    return testEventStateRegister(conn, TEST_EVENT_NETWORK, eventID, false,
                                  net ? net->uuid : NULL, NULL,
                                  (testEventFunc)cb, opaque, freecb);
}

static int
testConnectStoragePoolEventRegisterAny(virConnectPtr conn,
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
        if (testEventCheckOwner(VIR_FROM_STORAGE, conn, pool->conn,
                                "storage pool", pool->name, func) < 0)
            return -1;
    }
    if (testEventCheckID(VIR_FROM_STORAGE, eventID,
                         TEST_POOL_EVENT_IDS, func) < 0)
        return -1;
    return testEventStateRegister(conn, TEST_EVENT_POOL, eventID, false,
                                  pool ? pool->uuid : NULL, NULL,
                                  (testEventFunc)cb, opaque, freecb);
}

static int
testConnectNodeDeviceEventRegisterAny(virConnectPtr conn,
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
        if (testEventCheckOwner(VIR_FROM_NODEDEV, conn, dev->conn,
                                "node device", dev->name, func) < 0)
            return -1;
    }
    if (testEventCheckID(VIR_FROM_NODEDEV, eventID,
                         TEST_NODEDEV_EVENT_IDS, func) < 0)
        return -1;
    return testEventStateRegister(conn, TEST_EVENT_NODEDEV, eventID, false,
                                  NULL, dev ? dev->name : NULL,
                                  (testEventFunc)cb, opaque, freecb);
}

static int
testConnectEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return testEventStateDeregister(conn, callbackID);
}

/* ------------------------------------------------------------------ */
/* Plugging in                                                        */

/* The other areas' tables, copied so the event slots can be added
 * whatever those areas declared (and whether they exist yet). */
static virNetworkDriver testEventNetworkDriver;
static virStorageDriver testEventStorageDriver;
static virNodeDeviceDriver testEventNodeDeviceDriver;

void
testEventRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    hv->connectDomainEventRegister = testConnectDomainEventRegister;
    hv->connectDomainEventDeregister = testConnectDomainEventDeregister;
    hv->connectDomainEventRegisterAny = testConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = testConnectEventDeregisterAny;

    if (cd->networkDriver)
        testEventNetworkDriver = *cd->networkDriver;
    else
        testEventNetworkDriver.name = "Test";
    testEventNetworkDriver.connectNetworkEventRegisterAny = testConnectNetworkEventRegisterAny;
    testEventNetworkDriver.connectNetworkEventDeregisterAny = testConnectEventDeregisterAny;
    cd->networkDriver = &testEventNetworkDriver;

    if (cd->storageDriver)
        testEventStorageDriver = *cd->storageDriver;
    else
        testEventStorageDriver.name = "Test";
    testEventStorageDriver.connectStoragePoolEventRegisterAny = testConnectStoragePoolEventRegisterAny;
    testEventStorageDriver.connectStoragePoolEventDeregisterAny = testConnectEventDeregisterAny;
    cd->storageDriver = &testEventStorageDriver;

    if (cd->nodeDeviceDriver)
        testEventNodeDeviceDriver = *cd->nodeDeviceDriver;
    else
        testEventNodeDeviceDriver.name = "Test";
    testEventNodeDeviceDriver.connectNodeDeviceEventRegisterAny = testConnectNodeDeviceEventRegisterAny;
    testEventNodeDeviceDriver.connectNodeDeviceEventDeregisterAny = testConnectEventDeregisterAny;
    cd->nodeDeviceDriver = &testEventNodeDeviceDriver;

    /* libvirt's test driver has no secret events: those two slots stay
     * empty, so registering reports "not supported" as it does. */
}

/* The host is going away: no connection uses it, so every callback is
 * gone already (each held a connection reference); stop the timer and
 * drop the host's reference. */
void
testEventStateFree(void *data)
{
    testEventState *state = data;
    g_autoptr(GPtrArray) left = g_ptr_array_new();
    size_t i;

    if (!state)
        return;
    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++)
        g_ptr_array_add(left, g_ptr_array_index(state->callbacks, i));
    g_ptr_array_set_size(state->callbacks, 0);
    testEventMaybeStopTimer(state);
    g_mutex_unlock(&state->lock);
    for (i = 0; i < left->len; i++)
        testEventCallbackRelease(g_ptr_array_index(left, i));
    testEventStateUnref(state);
}

/* ------------------------------------------------------------------ */
/* Emitters (driver->lock held)                                       */

/* A new event of KIND/EVENTID about NAME/UUID. */
static testEvent *
testEventNew(testEventKind kind, int eventID, const char *name,
             const unsigned char *uuid)
{
    testEvent *ev = g_new0(testEvent, 1);

    ev->kind = kind;
    ev->eventID = eventID;
    ev->name = g_strdup(name);
    if (uuid)
        memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    return ev;
}

static testEvent *
testEventNewDomain(testDomainObj *obj, int eventID)
{
    testEvent *ev = testEventNew(TEST_EVENT_DOMAIN, eventID, obj->def->name,
                                 obj->def->uuid);

    ev->id = obj->def->id;
    return ev;
}

/* Queue EV (consumed) for delivery from the event loop. */
static void
testEventQueue(testDriver *driver, testEvent *ev)
{
    testEventState *state = driver->eventState;

    if (!state) {
        testEventFree(ev);
        return;
    }
    g_mutex_lock(&state->lock);
    if (state->timer < 0) {
        /* nobody listens: nothing to keep */
        g_mutex_unlock(&state->lock);
        testEventFree(ev);
        return;
    }
    g_queue_push_tail(&state->queue, ev);
    virEventUpdateTimeout(state->timer, 0);
    g_mutex_unlock(&state->lock);
}

void
testEventEmitDomainLifecycle(testDriver *driver, testDomainObj *obj,
                             int event, int detail)
{
    testEventEmitDomainLifecycleID(driver, obj, obj->def->id, event, detail);
}

void
testEventEmitDomainLifecycleID(testDriver *driver, testDomainObj *obj,
                               int id, int event, int detail)
{
    testEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_LIFECYCLE);

    ev->id = id;
    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitDomainReboot(testDriver *driver, testDomainObj *obj)
{
    testEventQueue(driver, testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_REBOOT));
}

void
testEventEmitDomainMetadataChange(testDriver *driver, testDomainObj *obj,
                                  int type, const char *nsuri)
{
    testEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE);

    ev->i1 = type;
    ev->s1 = g_strdup(nsuri);
    testEventQueue(driver, ev);
}

static void
testEventEmitDomainParams(testDriver *driver, testDomainObj *obj, int eventID,
                          virTypedParameterPtr params, int nparams)
{
    testEvent *ev = testEventNewDomain(obj, eventID);

    if (nparams > 0)
        virTypedParamsCopy(&ev->params, params, nparams);
    ev->nparams = nparams > 0 ? nparams : 0;
    testEventQueue(driver, ev);
}

void
testEventEmitDomainTunable(testDriver *driver, testDomainObj *obj,
                           virTypedParameterPtr params, int nparams)
{
    testEventEmitDomainParams(driver, obj, VIR_DOMAIN_EVENT_ID_TUNABLE,
                              params, nparams);
}

void
testEventEmitDomainJobCompleted(testDriver *driver, testDomainObj *obj,
                                virTypedParameterPtr params, int nparams)
{
    testEventEmitDomainParams(driver, obj, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
                              params, nparams);
}

static void
testEventEmitDomainAlias(testDriver *driver, testDomainObj *obj, int eventID,
                         const char *alias)
{
    testEvent *ev = testEventNewDomain(obj, eventID);

    ev->s1 = g_strdup(alias);
    testEventQueue(driver, ev);
}

void
testEventEmitDomainDeviceAdded(testDriver *driver, testDomainObj *obj,
                               const char *alias)
{
    testEventEmitDomainAlias(driver, obj, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, alias);
}

void
testEventEmitDomainDeviceRemoved(testDriver *driver, testDomainObj *obj,
                                 const char *alias)
{
    testEventEmitDomainAlias(driver, obj, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, alias);
}

void
testEventEmitDomainBalloonChange(testDriver *driver, testDomainObj *obj,
                                 unsigned long long actual)
{
    testEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE);

    ev->ull = actual;
    testEventQueue(driver, ev);
}

static void
testEventEmitLifecycle(testDriver *driver, testEventKind kind, const char *name,
                       const unsigned char *uuid, int event, int detail)
{
    testEvent *ev = testEventNew(kind, 0, name, uuid);

    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitNetworkLifecycle(testDriver *driver, const char *name,
                              const unsigned char *uuid, int event, int detail)
{
    testEventEmitLifecycle(driver, TEST_EVENT_NETWORK, name, uuid, event, detail);
}

void
testEventEmitStoragePoolLifecycle(testDriver *driver, const char *name,
                                  const unsigned char *uuid, int event, int detail)
{
    testEventEmitLifecycle(driver, TEST_EVENT_POOL, name, uuid, event, detail);
}

void
testEventEmitStoragePoolRefresh(testDriver *driver, const char *name,
                                const unsigned char *uuid)
{
    testEventQueue(driver, testEventNew(TEST_EVENT_POOL,
                                        VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                        name, uuid));
}

void
testEventEmitNodeDeviceLifecycle(testDriver *driver, const char *name,
                                 int event, int detail)
{
    testEventEmitLifecycle(driver, TEST_EVENT_NODEDEV, name, NULL, event, detail);
}

void
testEventEmitNodeDeviceUpdate(testDriver *driver, const char *name)
{
    testEventQueue(driver, testEventNew(TEST_EVENT_NODEDEV,
                                        VIR_NODE_DEVICE_EVENT_ID_UPDATE,
                                        name, NULL));
}

static testEvent *
testEventNewSecret(int eventID, const unsigned char *uuid, int usageType,
                   const char *usageID)
{
    testEvent *ev = testEventNew(TEST_EVENT_SECRET, eventID, NULL, uuid);

    ev->id = usageType;
    ev->usageID = g_strdup(usageID);
    return ev;
}

void
testEventEmitSecretLifecycle(testDriver *driver, const unsigned char *uuid,
                             int usageType, const char *usageID,
                             int event, int detail)
{
    testEvent *ev = testEventNewSecret(VIR_SECRET_EVENT_ID_LIFECYCLE, uuid,
                                       usageType, usageID);

    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitSecretValueChanged(testDriver *driver, const unsigned char *uuid,
                                int usageType, const char *usageID)
{
    testEventQueue(driver, testEventNewSecret(VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                              uuid, usageType, usageID));
}
