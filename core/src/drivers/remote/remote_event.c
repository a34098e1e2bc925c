/*
 * remote_event.c: events through the remote driver (see remote_event.h).
 *
 * Every domain event id is carried: its values are read by a function
 * generated from its callback type in api.xml (remote_client_gen.c).  The
 * other kinds carry their lifecycle event and their one event without
 * values (pool refresh, node device update, secret value change).
 */
#include <string.h>

#include "remote_driver_private.h"
#include "remote_event.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

enum {
    REMOTE_EVENT_DOMAIN,
    REMOTE_EVENT_NETWORK,
    REMOTE_EVENT_POOL,
    REMOTE_EVENT_NODEDEV,
    REMOTE_EVENT_SECRET,
};

typedef struct {
    int id;                      /* the daemon's callback number */
    int kind;
    int eventID;
    void (*cb)(void);
    bool legacy;
    char *key;                   /* the filter, as the daemon keys it */
    void *opaque;
    virFreeCallback freecb;
} remoteEventCallback;

struct _remoteEventState {
    virConnectPtr conn;          /* not a reference: the state dies with it */
    GMutex lock;
    GPtrArray *callbacks;        /* remoteEventCallback */
    GQueue queue;                /* virNetBuf * of event bodies */
    int timer;                   /* -1 when not armed */
    gint refs;                   /* the state and an armed timer */
};

static void
remoteEventCallbackFree(gpointer data)
{
    remoteEventCallback *cb = data;

    if (cb->freecb)
        cb->freecb(cb->opaque);
    g_free(cb->key);
    g_free(cb);
}

static void
remoteEventBufFree(gpointer data)
{
    virNetBufClear(data);
    g_free(data);
}

static void
remoteEventStateUnref(void *data)
{
    remoteEventState *st = data;

    if (!g_atomic_int_dec_and_test(&st->refs))
        return;
    g_queue_clear_full(&st->queue, remoteEventBufFree);
    g_ptr_array_unref(st->callbacks);
    g_mutex_clear(&st->lock);
    g_free(st);
}

/* ---- delivery, from the application's event loop ---- */

static void
remoteEventDeliver(remoteEventState *st, virNetBuf *body)
{
    virConnectPtr conn = st->conn;
    remoteEventCallback copy = { 0 };
    int32_t id;
    int32_t eventID;
    int32_t event = 0;
    int32_t detail = 0;
    g_auto(virNetHandle) h = { 0 };
    guint i;
    bool found = false;
    void *obj = NULL;

    if (virNetGetI32(body, &id) < 0 || virNetGetI32(body, &eventID) < 0)
        return;
    g_mutex_lock(&st->lock);
    for (i = 0; i < st->callbacks->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(st->callbacks, i);

        if (cb->id == id) {
            copy = *cb;
            found = true;
        }
    }
    g_mutex_unlock(&st->lock);
    if (!found || copy.eventID != eventID)
        return;
    if (virNetGetHandle(body, &h) < 0)
        return;
    if ((copy.kind != REMOTE_EVENT_DOMAIN || copy.legacy) && eventID == 0 &&
        (virNetGetI32(body, &event) < 0 || virNetGetI32(body, &detail) < 0))
        return;

    switch (copy.kind) {
    case REMOTE_EVENT_DOMAIN:
        obj = virGetDomain(conn, h.name, h.uuid, h.id);
        break;
    case REMOTE_EVENT_NETWORK:
        obj = virGetNetwork(conn, h.name, h.uuid);
        break;
    case REMOTE_EVENT_POOL:
        obj = virGetStoragePool(conn, h.name, h.uuid);
        break;
    case REMOTE_EVENT_NODEDEV:
        obj = virGetNodeDevice(conn, h.name, h.aux1);
        break;
    case REMOTE_EVENT_SECRET:
        obj = virGetSecret(conn, h.uuid, h.id, h.aux1);
        break;
    }
    if (!obj)
        return;
    if (copy.legacy)
        ((virConnectDomainEventCallback)copy.cb)(conn, obj, event, detail, copy.opaque);
    else if (copy.kind == REMOTE_EVENT_DOMAIN)
        remoteDomainEventDeliver[eventID](conn, obj, body, copy.cb, copy.opaque);
    else if (eventID == 0)
        ((void (*)(virConnectPtr, void *, int, int, void *))copy.cb)(conn, obj, event, detail,
                                                                    copy.opaque);
    else
        ((void (*)(virConnectPtr, void *, void *))copy.cb)(conn, obj, copy.opaque);
    virObjectUnrefHandle(obj);
}

static void
remoteEventTimer(int timer, void *opaque)
{
    remoteEventState *st = opaque;
    GQueue todo = G_QUEUE_INIT;
    virNetBuf *body;

    g_mutex_lock(&st->lock);
    todo = st->queue;
    g_queue_init(&st->queue);
    if (st->timer == timer) {
        virEventRemoveTimeout(timer);
        st->timer = -1;
    }
    g_mutex_unlock(&st->lock);
    while ((body = g_queue_pop_head(&todo))) {
        if (st->conn)
            remoteEventDeliver(st, body);
        remoteEventBufFree(body);
    }
}

/* From the reader thread: queue and arm the loop's timer. */
static void
remoteEventReceived(virNetClient *client, const virNetMessageHeader *hdr,
                    virNetBuf *body, void *opaque)
{
    remoteEventState *st = opaque;
    virNetBuf *copy;

    if (hdr->type != VIR_NET_EVENT || hdr->proc != REMOTE_PROC_EVENT)
        return;
    copy = g_new0(virNetBuf, 1);
    *copy = *body;
    memset(body, 0, sizeof(*body));
    g_mutex_lock(&st->lock);
    g_queue_push_tail(&st->queue, copy);
    if (st->timer < 0) {
        g_atomic_int_inc(&st->refs);
        st->timer = virEventAddTimeout(0, remoteEventTimer, st, remoteEventStateUnref);
        if (st->timer < 0)
            g_atomic_int_add(&st->refs, -1);
    }
    g_mutex_unlock(&st->lock);
}

remoteEventState *
remoteEventStateNew(virConnectPtr conn, virNetClient *client)
{
    remoteEventState *st = g_new0(remoteEventState, 1);

    st->conn = conn;
    st->refs = 1;
    st->timer = -1;
    g_mutex_init(&st->lock);
    g_queue_init(&st->queue);
    st->callbacks = g_ptr_array_new_with_free_func(remoteEventCallbackFree);
    virNetClientSetHandler(client, remoteEventReceived, st);
    return st;
}

void
remoteEventStateFree(remoteEventState *st)
{
    int timer;

    if (!st)
        return;
    g_mutex_lock(&st->lock);
    st->conn = NULL;
    timer = st->timer;
    st->timer = -1;
    g_ptr_array_set_size(st->callbacks, 0);
    g_mutex_unlock(&st->lock);
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    remoteEventStateUnref(st);
}

/* ---- registration ---- */

/* A filter object of another connection is refused, as libvirt's API
 * refuses it (its handle would name an object of another daemon
 * connection). */
static int
remoteEventCheckOwner(virConnectPtr conn, int kind, void *obj)
{
    static const struct {
        int domain;
        const char *what;
        const char *func;
    } kinds[] = {
        [REMOTE_EVENT_DOMAIN] = { VIR_FROM_DOMAIN, "domain", "virConnectDomainEventRegisterAny" },
        [REMOTE_EVENT_NETWORK] = { VIR_FROM_NETWORK, "network", "virConnectNetworkEventRegisterAny" },
        [REMOTE_EVENT_POOL] = { VIR_FROM_STORAGE, "storage pool",
                                "virConnectStoragePoolEventRegisterAny" },
        [REMOTE_EVENT_NODEDEV] = { VIR_FROM_NODEDEV, "node device",
                                   "virConnectNodeDeviceEventRegisterAny" },
        [REMOTE_EVENT_SECRET] = { VIR_FROM_SECRET, "secret", "virConnectSecretEventRegisterAny" },
    };
    virConnectPtr owner = NULL;
    const char *name = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    switch (kind) {
    case REMOTE_EVENT_DOMAIN:
        owner = ((virDomainPtr)obj)->conn;
        name = ((virDomainPtr)obj)->name;
        break;
    case REMOTE_EVENT_NETWORK:
        owner = ((virNetworkPtr)obj)->conn;
        name = ((virNetworkPtr)obj)->name;
        break;
    case REMOTE_EVENT_POOL:
        owner = ((virStoragePoolPtr)obj)->conn;
        name = ((virStoragePoolPtr)obj)->name;
        break;
    case REMOTE_EVENT_NODEDEV:
        owner = ((virNodeDevicePtr)obj)->conn;
        name = ((virNodeDevicePtr)obj)->name;
        break;
    case REMOTE_EVENT_SECRET:
        owner = ((virSecretPtr)obj)->conn;
        virUUIDFormat(((virSecretPtr)obj)->uuid, uuidstr);
        name = uuidstr;
        break;
    }
    if (owner == conn)
        return 0;
    virReportInvalidArgHelper(kinds[kind].domain, __FILE__, kinds[kind].func, __LINE__,
                              kinds[kind].what, "%s '%s' in %s must match connection",
                              kinds[kind].what, name, kinds[kind].func);
    return -1;
}

static int
remoteEventRegister(virConnectPtr conn, int kind, void *obj, int eventID,
                    void (*cbfn)(void), bool legacy, void *opaque,
                    virFreeCallback freecb)
{
    remoteEventState *st = remoteConnEvents(conn);
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    remoteEventCallback *cb;
    virNetHandle h = { 0 };
    g_autofree char *key = NULL;
    guint i;
    int32_t id;

    if (eventID < 0 ||
        (kind == REMOTE_EVENT_DOMAIN && ((size_t)eventID >= remoteDomainEventDeliverSize ||
                                        !remoteDomainEventDeliver[eventID])) ||
        (kind != REMOTE_EVENT_DOMAIN && eventID > 1)) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       "event %d is not carried by the remote driver yet", eventID);
        return -1;
    }
    if (obj && remoteEventCheckOwner(conn, kind, obj) < 0)
        return -1;
    virNetMessageBegin(&msg);
    virNetPutI32(&msg, kind);
    virNetPutI32(&msg, eventID);
    virNetPutU8(&msg, legacy);
    virNetPutU8(&msg, obj != NULL);
    if (obj) {
        switch (kind) {
        case REMOTE_EVENT_DOMAIN: {
            virDomainPtr d = obj;
            h.name = d->name;
            memcpy(h.uuid, d->uuid, VIR_UUID_BUFLEN);
            h.id = d->id;
            break;
        }
        case REMOTE_EVENT_NETWORK: {
            virNetworkPtr n = obj;
            h.name = n->name;
            memcpy(h.uuid, n->uuid, VIR_UUID_BUFLEN);
            break;
        }
        case REMOTE_EVENT_POOL: {
            virStoragePoolPtr p = obj;
            h.name = p->name;
            memcpy(h.uuid, p->uuid, VIR_UUID_BUFLEN);
            break;
        }
        case REMOTE_EVENT_NODEDEV: {
            virNodeDevicePtr n = obj;
            h.name = n->name;
            h.aux1 = n->parentName;
            break;
        }
        case REMOTE_EVENT_SECRET: {
            virSecretPtr s = obj;
            memcpy(h.uuid, s->uuid, VIR_UUID_BUFLEN);
            h.id = s->usageType;
            h.aux1 = s->usageID;
            break;
        }
        }
        virNetPutHandle(&msg, &h);
    }
    key = !obj ? g_strdup("") :
          kind == REMOTE_EVENT_NODEDEV ? g_strdup(h.name) :
          g_base64_encode(h.uuid, VIR_UUID_BUFLEN);

    /* the same function for the same events of the same objects is
     * refused, as local drivers refuse it */
    g_mutex_lock(&st->lock);
    for (i = 0; i < st->callbacks->len; i++) {
        remoteEventCallback *other = g_ptr_array_index(st->callbacks, i);

        if (other->kind == kind && other->eventID == eventID && other->legacy == legacy &&
            other->cb == cbfn && strcmp(other->key, key) == 0) {
            g_mutex_unlock(&st->lock);
            virReportError(VIR_ERR_INVALID_ARG, "%s", "event callback already tracked");
            return -1;
        }
    }
    g_mutex_unlock(&st->lock);

    if (remoteCall(conn, REMOTE_PROC_EVENT_REGISTER, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &id) < 0)
        return -1;
    cb = g_new0(remoteEventCallback, 1);
    cb->id = id;
    cb->kind = kind;
    cb->eventID = eventID;
    cb->cb = cbfn;
    cb->legacy = legacy;
    cb->key = g_steal_pointer(&key);
    cb->opaque = opaque;
    cb->freecb = freecb;
    g_mutex_lock(&st->lock);
    g_ptr_array_add(st->callbacks, cb);
    g_mutex_unlock(&st->lock);
    virNetClientSetListening(remoteConnClient(conn), true);
    return id;
}

/* Deregister the callback numbered ID (or the old-style one calling
 * CBFN), through the deregistration function of KIND: the daemon's driver
 * answers as it would locally, and only then is the callback forgotten. */
static int
remoteEventDeregisterMatch(virConnectPtr conn, int kind, int id, void (*cbfn)(void))
{
    remoteEventState *st = remoteConnEvents(conn);
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    remoteEventCallback *found = NULL;
    guint i;

    g_mutex_lock(&st->lock);
    for (i = 0; i < st->callbacks->len; i++) {
        remoteEventCallback *cb = g_ptr_array_index(st->callbacks, i);

        if ((cbfn && cb->legacy && cb->cb == cbfn) || (!cbfn && cb->id == id)) {
            found = cb;
            id = cb->id;
            break;
        }
    }
    g_mutex_unlock(&st->lock);
    virNetMessageBegin(&msg);
    virNetPutI32(&msg, kind);
    virNetPutI32(&msg, id);
    virNetPutU8(&msg, found != NULL);
    if (remoteCall(conn, REMOTE_PROC_EVENT_DEREGISTER, &msg, &rep) < 0)
        return -1;
    if (!found) {
        if (cbfn)
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           "could not find event callback for deletion");
        else
            virReportError(VIR_ERR_INVALID_ARG,
                           "could not find event callback %d for deletion", id);
        return -1;
    }
    g_mutex_lock(&st->lock);
    g_ptr_array_remove(st->callbacks, found);    /* frees it */
    g_mutex_unlock(&st->lock);
    return 0;
}

static int
remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                    virConnectDomainEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, REMOTE_EVENT_DOMAIN, dom, eventID,
                               (void (*)(void))cb, false, opaque, freecb);
}

static int
remoteConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                 void *opaque, virFreeCallback freecb)
{
    if (remoteEventRegister(conn, REMOTE_EVENT_DOMAIN, NULL, 0,
                            (void (*)(void))cb, true, opaque, freecb) < 0)
        return -1;
    return 0;
}

static int
remoteConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return remoteEventDeregisterMatch(conn, REMOTE_EVENT_DOMAIN, -1, (void (*)(void))cb);
}

#define REMOTE_DEREGISTER(fn, kind) \
    static int \
    fn(virConnectPtr conn, int callbackID) \
    { \
        return remoteEventDeregisterMatch(conn, kind, callbackID, NULL); \
    }

REMOTE_DEREGISTER(remoteConnectDomainEventDeregisterAny, REMOTE_EVENT_DOMAIN)
REMOTE_DEREGISTER(remoteConnectNetworkEventDeregisterAny, REMOTE_EVENT_NETWORK)
REMOTE_DEREGISTER(remoteConnectStoragePoolEventDeregisterAny, REMOTE_EVENT_POOL)
REMOTE_DEREGISTER(remoteConnectNodeDeviceEventDeregisterAny, REMOTE_EVENT_NODEDEV)
REMOTE_DEREGISTER(remoteConnectSecretEventDeregisterAny, REMOTE_EVENT_SECRET)

static int
remoteConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                     virConnectNetworkEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, REMOTE_EVENT_NETWORK, net, eventID,
                               (void (*)(void))cb, false, opaque, freecb);
}

static int
remoteConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                         int eventID,
                                         virConnectStoragePoolEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, REMOTE_EVENT_POOL, pool, eventID,
                               (void (*)(void))cb, false, opaque, freecb);
}

static int
remoteConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev,
                                        int eventID,
                                        virConnectNodeDeviceEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, REMOTE_EVENT_NODEDEV, dev, eventID,
                               (void (*)(void))cb, false, opaque, freecb);
}

static int
remoteConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                    virConnectSecretEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, REMOTE_EVENT_SECRET, secret, eventID,
                               (void (*)(void))cb, false, opaque, freecb);
}

void
remoteEventFillTable(virHypervisorDriver *hv)
{
    hv->connectDomainEventRegister = remoteConnectDomainEventRegister;
    hv->connectDomainEventDeregister = remoteConnectDomainEventDeregister;
    hv->connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = remoteConnectDomainEventDeregisterAny;
}

void
remoteEventFillOtherTables(virNetworkDriver *net, virStorageDriver *storage,
                           virNodeDeviceDriver *nodedev, virSecretDriver *secret)
{
    net->connectNetworkEventRegisterAny = remoteConnectNetworkEventRegisterAny;
    net->connectNetworkEventDeregisterAny = remoteConnectNetworkEventDeregisterAny;
    storage->connectStoragePoolEventRegisterAny = remoteConnectStoragePoolEventRegisterAny;
    storage->connectStoragePoolEventDeregisterAny = remoteConnectStoragePoolEventDeregisterAny;
    nodedev->connectNodeDeviceEventRegisterAny = remoteConnectNodeDeviceEventRegisterAny;
    nodedev->connectNodeDeviceEventDeregisterAny = remoteConnectNodeDeviceEventDeregisterAny;
    secret->connectSecretEventRegisterAny = remoteConnectSecretEventRegisterAny;
    secret->connectSecretEventDeregisterAny = remoteConnectSecretEventDeregisterAny;
}
