/*
 * remote_dispatch.c: routing every message of a client, and the
 * procedures the generator leaves to hand-written code.
 *
 * Each client has its own connection inside the daemon, opened by its
 * first call (REMOTE_PROC_OPEN) with the URI it asked for; a client that
 * came in on the read-only socket gets a read-only connection whatever it
 * asked, so every write is refused by the public API itself with
 * libvirt's VIR_ERR_OPERATION_DENIED.
 */
#include <string.h>

#include "remote_auth.h"
#include "remote_dispatch.h"
#include "remote_protocol.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* Event callbacks are registered through the generic type, as the API
 * prescribes (VIR_DOMAIN_EVENT_CALLBACK and friends). */
#pragma GCC diagnostic ignored "-Wcast-function-type"

typedef struct _remoteClient remoteClient;

/* One registration on the daemon's connection serves every client
 * callback with the same kind, event and filter: drivers refuse the same
 * callback function twice for one event, and the daemon has only one
 * function per event. */
typedef struct {
    remoteClient *client;        /* holds a reference to the server client */
    int kind;
    int eventID;
    bool legacy;                 /* virConnectDomainEventRegister */
    char *key;                   /* the filter ("" for none) */
    int id;                      /* the daemon connection's callback number */
    GArray *clientIDs;           /* the client's callback numbers (int) */
} remoteEventReg;

struct _remoteClient {
    virNetServerClient *client;
    GMutex lock;
    virConnectPtr conn;
    GPtrArray *regs;             /* remoteEventReg, those still registered */
    int nextID;
    GHashTable *streams;         /* number -> virStreamPtr of this client */
    int nextStream;
    virNetSASLSession *sasl;     /* an authentication under way (remote_auth.c) */
};

/* Callback numbers the daemon makes up itself (a second client callback
 * sharing one registration, old-style registrations) start here, far from
 * the driver's own. */
#define REMOTE_EVENT_OWN_IDS 1000000

enum {
    REMOTE_EVENT_DOMAIN,
    REMOTE_EVENT_NETWORK,
    REMOTE_EVENT_POOL,
    REMOTE_EVENT_NODEDEV,
    REMOTE_EVENT_SECRET,
};

static int remoteEventDomainLegacy(virConnectPtr conn, virDomainPtr dom, int event,
                                   int detail, void *opaque);
static int remoteStreamCloseAny(void *entry);

/* Drop REG's registration on the daemon's connection (its free callback
 * then releases it). */
static int
remoteEventUnregister(virConnectPtr conn, remoteEventReg *reg)
{
    if (reg->legacy)
        return virConnectDomainEventDeregister(conn, remoteEventDomainLegacy);
    /* any kind: a callback number names a callback whatever it is for */
    return virConnectDomainEventDeregisterAny(conn, reg->id);
}

static void *
remoteClientNew(virNetServerClient *client, void *opaque)
{
    remoteClient *rc = g_new0(remoteClient, 1);

    rc->client = client;
    g_mutex_init(&rc->lock);
    rc->regs = g_ptr_array_new();
    rc->streams = g_hash_table_new(NULL, NULL);
    return rc;
}

static void
remoteClientDropConn(remoteClient *rc)
{
    virConnectPtr conn;
    g_autoptr(GPtrArray) regs = NULL;
    g_autoptr(GHashTable) streams = NULL;
    GHashTableIter it;
    gpointer e;
    guint i;

    g_mutex_lock(&rc->lock);
    conn = rc->conn;
    rc->conn = NULL;
    regs = rc->regs;
    rc->regs = g_ptr_array_new();
    streams = rc->streams;
    rc->streams = g_hash_table_new(NULL, NULL);
    g_mutex_unlock(&rc->lock);
    /* streams the client left open are aborted */
    g_hash_table_iter_init(&it, streams);
    while (g_hash_table_iter_next(&it, NULL, &e)) {
        remoteStreamCloseAny(e);
    }
    if (!conn)
        return;
    for (i = 0; i < regs->len; i++)
        remoteEventUnregister(conn, g_ptr_array_index(regs, i));
    virConnectClose(conn);
}

static void
remoteClientFree(void *priv)
{
    remoteClient *rc = priv;

    remoteClientDropConn(rc);
    g_ptr_array_unref(rc->regs);
    g_hash_table_unref(rc->streams);
    virNetSASLSessionFree(rc->sasl);
    g_mutex_clear(&rc->lock);
    g_free(rc);
}

/* The client's connection with a reference, or NULL with an error. */
static virConnectPtr
remoteClientConn(remoteClient *rc)
{
    virConnectPtr conn;

    g_mutex_lock(&rc->lock);
    conn = rc->conn ? virObjectRefConnect(rc->conn) : NULL;
    g_mutex_unlock(&rc->lock);
    if (!conn)
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection not open");
    return conn;
}

/* ---- open and close ---- */

static int
remoteDispatchOpen(remoteClient *rc, virNetBuf *in)
{
    g_autofree char *uri = NULL;
    g_autoptr(virURI) parsed = NULL;
    uint32_t flags;
    virConnectPtr conn;

    if (virNetGetString(in, &uri) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    g_mutex_lock(&rc->lock);
    conn = rc->conn;
    g_mutex_unlock(&rc->lock);
    if (conn) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection already open");
        return -1;
    }
    if (!(parsed = virURIParse(uri)))
        return -1;
    if (parsed->transport || parsed->server) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "the daemon opens only local URIs, not '%s'", uri);
        return -1;
    }
    if (virNetServerClientIsReadOnly(rc->client))
        flags |= VIR_CONNECT_RO;
    if (flags & VIR_CONNECT_RO)
        conn = virConnectOpenReadOnly(uri);
    else
        conn = virConnectOpen(uri);
    if (!conn)
        return -1;
    g_mutex_lock(&rc->lock);
    rc->conn = conn;
    g_mutex_unlock(&rc->lock);
    return 0;
}

/* ---- events ---- */

static void
remoteEventRegFree(void *opaque)
{
    remoteEventReg *reg = opaque;

    virNetServerClientUnref(reg->client->client);
    g_array_unref(reg->clientIDs);
    g_free(reg->key);
    g_free(reg);
}

/* MSG holds the event's values after a placeholder for the callback
 * number: send one copy per client callback. */
static void
remoteEventSend(remoteEventReg *reg, virNetBuf *msg)
{
    virNetMessageHeader hdr = {
        .proc = REMOTE_PROC_EVENT,
        .type = VIR_NET_EVENT,
        .status = VIR_NET_OK,
    };
    g_autoptr(GArray) ids = NULL;
    guint i;

    g_mutex_lock(&reg->client->lock);
    ids = g_array_copy(reg->clientIDs);
    g_mutex_unlock(&reg->client->lock);
    for (i = 0; i < ids->len; i++) {
        int id = g_array_index(ids, int, i);

        msg->data[VIR_NET_HEADER_SIZE] = id & 0xff;
        msg->data[VIR_NET_HEADER_SIZE + 1] = (id >> 8) & 0xff;
        msg->data[VIR_NET_HEADER_SIZE + 2] = (id >> 16) & 0xff;
        msg->data[VIR_NET_HEADER_SIZE + 3] = (id >> 24) & 0xff;
        virNetMessageFinish(msg, &hdr);
        virNetServerClientSend(reg->client->client, msg);
    }
}

static void
remoteEventBegin(remoteEventReg *reg, virNetBuf *msg)
{
    virNetMessageBegin(msg);
    virNetPutI32(msg, 0);     /* the client's callback number, per copy */
    virNetPutI32(msg, reg->eventID);
}

void
remoteEventMessageBegin(void *opaque, virNetBuf *msg, int eventID)
{
    remoteEventBegin(opaque, msg);
}

void
remoteEventMessageSend(void *opaque, virNetBuf *msg)
{
    remoteEventSend(opaque, msg);
}

void
remoteEventPutDomain(virNetBuf *msg, virDomainPtr dom)
{
    virNetHandle h = { .name = dom->name, .id = dom->id };

    memcpy(h.uuid, dom->uuid, VIR_UUID_BUFLEN);
    virNetPutHandle(msg, &h);
}

/* The lifecycle callback, registered with the old interface: a function
 * of its own, as drivers tell registrations apart by function. */
static int
remoteEventDomainLegacy(virConnectPtr conn, virDomainPtr dom, int event,
                        int detail, void *opaque)
{
    return ((virConnectDomainEventCallback)(void (*)(void))
            remoteDomainEventCallbacks[VIR_DOMAIN_EVENT_ID_LIFECYCLE])(conn, dom, event,
                                                                       detail, opaque);
}

/* The events of other objects that carry no values (pool refresh, node
 * device update, secret value change): one function per kind. */
#define REMOTE_GENERIC(fn, type, fill) \
    static void \
    fn(virConnectPtr conn, type o, void *opaque) \
    { \
        g_auto(virNetBuf) msg = { 0 }; \
        virNetHandle h = { 0 }; \
        fill; \
        remoteEventBegin(opaque, &msg); \
        virNetPutHandle(&msg, &h); \
        remoteEventSend(opaque, &msg); \
    }

REMOTE_GENERIC(remoteEventNetworkGeneric, virNetworkPtr,
               h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN))
REMOTE_GENERIC(remoteEventPoolGeneric, virStoragePoolPtr,
               h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN))
REMOTE_GENERIC(remoteEventNodeDeviceGeneric, virNodeDevicePtr,
               h.name = o->name; h.aux1 = o->parentName)
REMOTE_GENERIC(remoteEventSecretGeneric, virSecretPtr,
               memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN); h.id = o->usageType;
               h.aux1 = o->usageID)

#define REMOTE_LIFECYCLE(fn, type, fill) \
    static void \
    fn(virConnectPtr conn, type o, int event, int detail, void *opaque) \
    { \
        g_auto(virNetBuf) msg = { 0 }; \
        virNetHandle h = { 0 }; \
        fill; \
        remoteEventBegin(opaque, &msg); \
        virNetPutHandle(&msg, &h); \
        virNetPutI32(&msg, event); \
        virNetPutI32(&msg, detail); \
        remoteEventSend(opaque, &msg); \
    }

REMOTE_LIFECYCLE(remoteEventNetworkLifecycle, virNetworkPtr,
                 h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN))
REMOTE_LIFECYCLE(remoteEventPoolLifecycle, virStoragePoolPtr,
                 h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN))
REMOTE_LIFECYCLE(remoteEventNodeDeviceLifecycle, virNodeDevicePtr,
                 h.name = o->name; h.aux1 = o->parentName)
REMOTE_LIFECYCLE(remoteEventSecretLifecycle, virSecretPtr,
                 memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN); h.id = o->usageType;
                 h.aux1 = o->usageID)

static int
remoteEventRegisterOne(remoteClient *rc, virConnectPtr conn, remoteEventReg *reg,
                       bool filtered, virNetHandle *hp)
{
    virNetHandle h = *hp;
    int kind = reg->kind;
    int eventID = reg->eventID;
    void *obj = NULL;
    int id = -1;

    if (reg->legacy) {
        /* no number comes back: give it one past any the driver gives */
        if (virConnectDomainEventRegister(conn, remoteEventDomainLegacy, reg,
                                          remoteEventRegFree) < 0)
            return -1;
        return REMOTE_EVENT_OWN_IDS + ++rc->nextID;
    }
    switch (kind) {
    case REMOTE_EVENT_DOMAIN:
        if (filtered && !(obj = virGetDomain(conn, h.name, h.uuid, h.id)))
            break;
        id = virConnectDomainEventRegisterAny(conn, obj, eventID,
                                              remoteDomainEventCallbacks[eventID],
                                              reg, remoteEventRegFree);
        break;
    case REMOTE_EVENT_NETWORK:
        if (filtered && !(obj = virGetNetwork(conn, h.name, h.uuid)))
            break;
        id = virConnectNetworkEventRegisterAny(conn, obj, eventID,
                                               eventID == 0 ? VIR_NETWORK_EVENT_CALLBACK(remoteEventNetworkLifecycle) :
                                              VIR_NETWORK_EVENT_CALLBACK(remoteEventNetworkGeneric),
                                               reg, remoteEventRegFree);
        break;
    case REMOTE_EVENT_POOL:
        if (filtered && !(obj = virGetStoragePool(conn, h.name, h.uuid)))
            break;
        id = virConnectStoragePoolEventRegisterAny(conn, obj, eventID,
                                                   eventID == 0 ? VIR_STORAGE_POOL_EVENT_CALLBACK(remoteEventPoolLifecycle) :
                                              VIR_STORAGE_POOL_EVENT_CALLBACK(remoteEventPoolGeneric),
                                                   reg, remoteEventRegFree);
        break;
    case REMOTE_EVENT_NODEDEV:
        if (filtered && !(obj = virGetNodeDevice(conn, h.name, h.aux1)))
            break;
        id = virConnectNodeDeviceEventRegisterAny(conn, obj, eventID,
                                                  eventID == 0 ? VIR_NODE_DEVICE_EVENT_CALLBACK(remoteEventNodeDeviceLifecycle) :
                                              VIR_NODE_DEVICE_EVENT_CALLBACK(remoteEventNodeDeviceGeneric),
                                                  reg, remoteEventRegFree);
        break;
    case REMOTE_EVENT_SECRET:
        if (filtered && !(obj = virGetSecret(conn, h.uuid, h.id, h.aux1)))
            break;
        id = virConnectSecretEventRegisterAny(conn, obj, eventID,
                                              eventID == 0 ? VIR_SECRET_EVENT_CALLBACK(remoteEventSecretLifecycle) :
                                              VIR_SECRET_EVENT_CALLBACK(remoteEventSecretGeneric),
                                              reg, remoteEventRegFree);
        break;
    default:
        virReportError(VIR_ERR_INVALID_ARG, "unknown event kind %d", kind);
        break;
    }
    virObjectUnrefHandle(obj);
    return id;
}

static int
remoteDispatchEventRegister(remoteClient *rc, virConnectPtr conn, virNetBuf *in,
                            virNetBuf *out)
{
    int32_t kind;
    int32_t eventID;
    bool legacy;
    bool filtered;
    g_auto(virNetHandle) h = { 0 };
    remoteEventReg *reg;
    int id = -1;

    if (virNetGetI32(in, &kind) < 0 || virNetGetI32(in, &eventID) < 0 ||
        virNetGetBool(in, &legacy) < 0 || virNetGetBool(in, &filtered) < 0)
        return -1;
    if (filtered && virNetGetHandle(in, &h) < 0)
        return -1;
    if (virNetBufCheckEnd(in) < 0)
        return -1;
    if (eventID < 0 ||
        (kind == REMOTE_EVENT_DOMAIN && ((size_t)eventID >= remoteDomainEventCallbacksSize ||
                                        !remoteDomainEventCallbacks[eventID])) ||
        (kind != REMOTE_EVENT_DOMAIN && eventID > 1) ||
        (legacy && (kind != REMOTE_EVENT_DOMAIN || eventID != 0))) {
        virReportError(VIR_ERR_NO_SUPPORT, "event %d is not carried by virtkitd yet", eventID);
        return -1;
    }
    {
        g_autofree char *key = NULL;
        guint i;
        int clientID;

        if (!filtered)
            key = g_strdup("");
        else if (kind == REMOTE_EVENT_NODEDEV)
            key = g_strdup(h.name ? h.name : "");
        else
            key = g_base64_encode(h.uuid, VIR_UUID_BUFLEN);
        g_mutex_lock(&rc->lock);
        for (i = 0; i < rc->regs->len; i++) {
            reg = g_ptr_array_index(rc->regs, i);
            if (reg->kind == kind && reg->eventID == eventID && reg->legacy == legacy &&
                strcmp(reg->key, key) == 0) {
                clientID = REMOTE_EVENT_OWN_IDS + ++rc->nextID;
                g_array_append_val(reg->clientIDs, clientID);
                g_mutex_unlock(&rc->lock);
                virNetPutI32(out, clientID);
                return 0;
            }
        }
        g_mutex_unlock(&rc->lock);

        reg = g_new0(remoteEventReg, 1);
        reg->client = rc;
        reg->kind = kind;
        reg->eventID = eventID;
        reg->legacy = legacy;
        reg->key = g_steal_pointer(&key);
        reg->clientIDs = g_array_new(FALSE, FALSE, sizeof(int));
        virNetServerClientRef(rc->client);
        /* registered under the lock: an event may come at once */
        g_mutex_lock(&rc->lock);
        id = remoteEventRegisterOne(rc, conn, reg, filtered, &h);
        if (id >= 0) {
            /* the client's first callback carries the driver's number */
            reg->id = id;
            clientID = id;
            g_array_append_val(reg->clientIDs, clientID);
            g_ptr_array_add(rc->regs, reg);
        }
        g_mutex_unlock(&rc->lock);
        if (id < 0) {
            /* the driver did not take REG: its free callback was not called */
            if (!virErrorEnsureLast()->code)
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot register the event");
            remoteEventRegFree(reg);
            return -1;
        }
        virNetPutI32(out, clientID);
        return 0;
    }
}

/* Deregister the client's callback ID through KIND's function.  When the
 * client knows no such callback (KNOWN false), the driver is still asked,
 * so that the call fails as it does locally (unknown number, or a
 * deregistration the driver does not support). */
static int
remoteDispatchEventDeregister(remoteClient *rc, virConnectPtr conn, virNetBuf *in)
{
    int32_t kind;
    int32_t id;
    bool known;
    remoteEventReg *found = NULL;
    guint i;
    guint j = 0;
    int daemonID = -1;
    int ret;

    if (virNetGetI32(in, &kind) < 0 || virNetGetI32(in, &id) < 0 ||
        virNetGetBool(in, &known) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    g_mutex_lock(&rc->lock);
    for (i = 0; i < rc->regs->len && !found; i++) {
        remoteEventReg *reg = g_ptr_array_index(rc->regs, i);

        for (j = 0; j < reg->clientIDs->len; j++) {
            if (g_array_index(reg->clientIDs, int, j) == id) {
                found = reg;
                break;
            }
        }
    }
    if (found && found->clientIDs->len > 1) {
        /* other callbacks of the client share the registration */
        g_array_remove_index(found->clientIDs, j);
        g_mutex_unlock(&rc->lock);
        return 0;
    }
    if (found) {
        daemonID = found->legacy ? -1 : found->id;
    } else {
        /* the driver's number of a registration still shared by other
         * callbacks must not be taken for the one asked about */
        daemonID = id;
        for (i = 0; i < rc->regs->len; i++) {
            if (((remoteEventReg *)g_ptr_array_index(rc->regs, i))->id == id)
                daemonID = -1;
        }
    }
    g_mutex_unlock(&rc->lock);

    if (found && found->legacy) {
        ret = virConnectDomainEventDeregister(conn, remoteEventDomainLegacy);
    } else {
        int num = daemonID;

        switch (kind) {
        case REMOTE_EVENT_NETWORK:
            ret = virConnectNetworkEventDeregisterAny(conn, num);
            break;
        case REMOTE_EVENT_POOL:
            ret = virConnectStoragePoolEventDeregisterAny(conn, num);
            break;
        case REMOTE_EVENT_NODEDEV:
            ret = virConnectNodeDeviceEventDeregisterAny(conn, num);
            break;
        case REMOTE_EVENT_SECRET:
            ret = virConnectSecretEventDeregisterAny(conn, num);
            break;
        default:
            ret = virConnectDomainEventDeregisterAny(conn, num);
            break;
        }
    }
    if (ret < 0 || !found)
        return ret;
    g_mutex_lock(&rc->lock);
    g_ptr_array_remove(rc->regs, found);
    g_mutex_unlock(&rc->lock);
    return 0;
}

/* ---- streams ----
 * A stream the client opened lives here under a number; the client moves
 * its data with one call per chunk (docs/remote-protocol.md).
 *
 * Consoles and channels are opened non-blocking: a receive or send the
 * driver cannot serve at once waits here, without a worker, for the
 * driver stream's event callback (run by the daemon's event loop), which
 * answers it.  At most one receive and one send wait per stream: the
 * client asks for the next chunk only after the last one came, and the
 * daemon reads the device only while a receive waits.  That is the flow
 * control both ways.
 */

typedef struct {
    gint refs;
    GMutex lock;
    remoteClient *rc;            /* the owner (not a reference: it outlives us
                                  * until remoteClientDropConn closed us) */
    virStreamPtr st;
    bool async;                  /* a console or channel */
    bool watching;               /* our callback is on ST */
    bool closed;
    char *device;                /* key in remoteDevices, or NULL */

    bool recvWaiting;
    virNetMessageHeader recvHdr;
    uint32_t recvMax;
    bool sendWaiting;
    virNetMessageHeader sendHdr;
    uint8_t *sendData;
    size_t sendLen;
    size_t sendDone;
} remoteStreamEntry;

/* Consoles and channels open through this daemon: "KIND/UUID/NAME" ->
 * remoteStreamEntry (not a reference; an entry leaves on close). */
static GMutex remoteDevicesLock;
static GHashTable *remoteDevices;

static remoteStreamEntry *
remoteStreamEntryRef(remoteStreamEntry *e)
{
    g_atomic_int_inc(&e->refs);
    return e;
}

static void
remoteStreamEntryUnref(void *opaque)
{
    remoteStreamEntry *e = opaque;

    if (!e || !g_atomic_int_dec_and_test(&e->refs))
        return;
    if (e->st)
        virStreamFree(e->st);
    g_free(e->sendData);
    g_free(e->device);
    g_mutex_clear(&e->lock);
    g_free(e);
}

/* As libvirt's streams say it after a close, or after another client
 * forced its way into the console. */
/* E no longer holds its device. */
static void
remoteDeviceForget(remoteStreamEntry *e)
{
    if (!e->device)
        return;
    g_mutex_lock(&remoteDevicesLock);
    if (g_hash_table_lookup(remoteDevices, e->device) == e)
        g_hash_table_remove(remoteDevices, e->device);
    g_mutex_unlock(&remoteDevicesLock);
}

static int
remoteStreamNotOpen(void)
{
    virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                         __LINE__, "%s", "stream is not open");
    return -1;
}

/* Answer HDR with OUT, or with the thread's error when OUT is NULL. */
static void
remoteStreamAnswer(remoteStreamEntry *e, const virNetMessageHeader *hdr, virNetBuf *out)
{
    virNetServerClientReply(e->rc->client, hdr, out);
}

static void remoteStreamWatch(virStreamPtr st, int events, void *opaque);

/* Watch ST for what the waiting calls need (lock held). */
static void
remoteStreamWatchUpdate(remoteStreamEntry *e)
{
    int events = (e->recvWaiting ? VIR_STREAM_EVENT_READABLE : 0) |
                 (e->sendWaiting ? VIR_STREAM_EVENT_WRITABLE : 0);

    if (e->closed)
        return;
    if (e->watching) {
        virStreamEventUpdateCallback(e->st, events);
        return;
    }
    if (!events)
        return;
    if (virStreamEventAddCallback(e->st, events, remoteStreamWatch,
                                  remoteStreamEntryRef(e), remoteStreamEntryUnref) < 0) {
        /* nothing would ever answer them: they fail now */
        remoteStreamEntryUnref(e);
        if (e->recvWaiting)
            remoteStreamAnswer(e, &e->recvHdr, NULL);
        if (e->sendWaiting)
            remoteStreamAnswer(e, &e->sendHdr, NULL);
        e->recvWaiting = e->sendWaiting = false;
        g_clear_pointer(&e->sendData, g_free);
        return;
    }
    e->watching = true;
}

static void
remoteStreamUnwatch(remoteStreamEntry *e)
{
    if (e->watching) {
        e->watching = false;
        virStreamEventRemoveCallback(e->st);
    }
}

/* Try the waiting receive (lock held): false while the device has nothing. */
static bool
remoteStreamTryRecv(remoteStreamEntry *e)
{
    g_auto(virNetBuf) out = { 0 };
    g_autofree char *buf = g_malloc(e->recvMax + 1);
    int n = virStreamRecv(e->st, buf, e->recvMax);

    if (n == -2)
        return false;
    e->recvWaiting = false;
    virNetMessageBegin(&out);
    virNetPutI32(&out, n);
    virNetPutBytes(&out, buf, n > 0 ? n : 0);
    remoteStreamAnswer(e, &e->recvHdr, n < 0 ? NULL : &out);
    return true;
}

/* Push more of the waiting send (lock held): false while the device
 * takes no more. */
static bool
remoteStreamTrySend(remoteStreamEntry *e)
{
    g_auto(virNetBuf) out = { 0 };

    while (e->sendDone < e->sendLen) {
        int n = virStreamSend(e->st, (const char *)e->sendData + e->sendDone,
                              e->sendLen - e->sendDone);

        if (n == -2)
            return false;
        if (n < 0)
            break;
        e->sendDone += n;
    }
    e->sendWaiting = false;
    g_clear_pointer(&e->sendData, g_free);
    virNetMessageBegin(&out);
    remoteStreamAnswer(e, &e->sendHdr, e->sendDone < e->sendLen ? NULL : &out);
    return true;
}

/* The driver stream's event callback, from the daemon's event loop. */
static void
remoteStreamWatch(virStreamPtr st G_GNUC_UNUSED, int events, void *opaque)
{
    remoteStreamEntry *e = remoteStreamEntryRef(opaque);

    g_mutex_lock(&e->lock);
    if (!e->closed) {
        if (e->recvWaiting)
            remoteStreamTryRecv(e);
        if (e->sendWaiting)
            remoteStreamTrySend(e);
        if (!e->recvWaiting && !e->sendWaiting &&
            (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR)))
            remoteStreamUnwatch(e);     /* the next call sees the end at once */
        else
            remoteStreamWatchUpdate(e);
    }
    g_mutex_unlock(&e->lock);
    remoteStreamEntryUnref(e);
}

/* Close E: the waiting calls are answered with "stream is not open", the
 * driver stream is finished (FINISH) or aborted.  Returns the result of
 * the driver's finish or abort, or -1 when already closed. */
static int
remoteStreamClose(remoteStreamEntry *e, bool finish)
{
    int ret;

    g_mutex_lock(&e->lock);
    if (e->closed) {
        g_mutex_unlock(&e->lock);
        return remoteStreamNotOpen();
    }
    remoteStreamUnwatch(e);
    e->closed = true;
    remoteDeviceForget(e);
    ret = finish ? virStreamFinish(e->st) : virStreamAbort(e->st);
    if (e->recvWaiting || e->sendWaiting) {
        virErrorPtr saved = virSaveLastError();

        remoteStreamNotOpen();
        if (e->recvWaiting)
            remoteStreamAnswer(e, &e->recvHdr, NULL);
        if (e->sendWaiting)
            remoteStreamAnswer(e, &e->sendHdr, NULL);
        e->recvWaiting = e->sendWaiting = false;
        virSetError(saved);
        virFreeError(saved);
    }
    g_mutex_unlock(&e->lock);
    return ret;
}

static remoteStreamEntry *
remoteStreamEntryNew(remoteClient *rc, bool async)
{
    remoteStreamEntry *e = g_new0(remoteStreamEntry, 1);

    e->refs = 1;
    g_mutex_init(&e->lock);
    e->rc = rc;
    e->async = async;
    return e;
}

/* Number E (whose stream the driver took) for the client: the client's
 * table takes the caller's reference. */
static void
remoteStreamAdd(remoteClient *rc, remoteStreamEntry *e, virNetBuf *out)
{
    int id;

    g_mutex_lock(&rc->lock);
    id = ++rc->nextStream;
    g_hash_table_insert(rc->streams, GINT_TO_POINTER(id), e);
    g_mutex_unlock(&rc->lock);
    virNetPutI32(out, id);
}

/* The stream numbered in IN, with a reference; with TAKE, it is also
 * forgotten (and the table's reference is the caller's). */
static remoteStreamEntry *
remoteStreamGet(remoteClient *rc, virNetBuf *in, bool take)
{
    int32_t id;
    remoteStreamEntry *e;

    if (virNetGetI32(in, &id) < 0)
        return NULL;
    g_mutex_lock(&rc->lock);
    e = g_hash_table_lookup(rc->streams, GINT_TO_POINTER(id));
    if (e && take)
        g_hash_table_remove(rc->streams, GINT_TO_POINTER(id));
    else if (e)
        remoteStreamEntryRef(e);
    g_mutex_unlock(&rc->lock);
    if (!e)
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, __FILE__, __func__,
                             __LINE__, "no stream %d on this connection", id);
    return e;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(remoteStreamEntry, remoteStreamEntryUnref)

/* Keep the thread's error across freeing what a failed opener made. */
static void
remoteStreamDiscard(remoteStreamEntry *e)
{
    virErrorPtr saved = virSaveLastError();

    remoteStreamEntryUnref(e);
    virSetError(saved);
    virFreeError(saved);
}

static int
remoteDispatchVolTransfer(remoteClient *rc, virConnectPtr conn, bool upload,
                          virNetBuf *in, virNetBuf *out)
{
    g_auto(virNetHandle) h = { 0 };
    uint64_t offset;
    uint64_t length;
    uint32_t flags;
    virStorageVolPtr vol = NULL;
    remoteStreamEntry *e = NULL;
    int rc_ = -1;

    if (virNetGetHandle(in, &h) < 0 || virNetGetU64(in, &offset) < 0 ||
        virNetGetU64(in, &length) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (!(vol = virGetStorageVol(conn, h.aux1, h.name, h.aux2)))
        return -1;
    e = remoteStreamEntryNew(rc, false);
    if (!(e->st = virStreamNew(conn, 0)) ||
        (upload ? virStorageVolUpload : virStorageVolDownload)(vol, e->st, offset, length,
                                                               flags) < 0) {
        remoteStreamDiscard(e);
        goto cleanup;
    }
    remoteStreamAdd(rc, e, out);
    rc_ = 0;

 cleanup:
    virObjectUnrefHandle(vol);
    return rc_;
}

static int
remoteDispatchScreenshot(remoteClient *rc, virConnectPtr conn, virNetBuf *in,
                         virNetBuf *out)
{
    g_auto(virNetHandle) h = { 0 };
    uint32_t screen;
    uint32_t flags;
    virDomainPtr dom = NULL;
    remoteStreamEntry *e = NULL;
    g_autofree char *mime = NULL;

    if (virNetGetHandle(in, &h) < 0 || virNetGetU32(in, &screen) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if (!(dom = virGetDomain(conn, h.name, h.uuid, h.id)))
        return -1;
    e = remoteStreamEntryNew(rc, false);
    if (!(e->st = virStreamNew(conn, 0)) ||
        !(mime = virDomainScreenshot(dom, e->st, screen, flags))) {
        remoteStreamDiscard(e);
        virObjectUnrefHandle(dom);
        return -1;
    }
    remoteStreamAdd(rc, e, out);
    virNetPutOptString(out, mime);
    virObjectUnrefHandle(dom);
    return 0;
}

/* virDomainOpenConsole and virDomainOpenChannel.  One client at a time
 * has a device open through this daemon; another one gets libvirt's
 * error, unless it forces its way in, which closes the first one's
 * stream: its next call fails with "stream is not open", as libvirt's. */
static int
remoteDispatchOpenDevice(remoteClient *rc, virConnectPtr conn, bool channel,
                         virNetBuf *in, virNetBuf *out)
{
    g_auto(virNetHandle) h = { 0 };
    g_autofree char *name = NULL;
    uint32_t flags;
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom = NULL;
    remoteStreamEntry *old = NULL;
    remoteStreamEntry *e = NULL;
    int ret;

    if (virNetGetHandle(in, &h) < 0 || virNetGetOptString(in, &name) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    if (!(dom = virGetDomain(conn, h.name, h.uuid, h.id)))
        return -1;
    e = remoteStreamEntryNew(rc, true);
    virUUIDFormat(h.uuid, uuid);
    e->device = g_strdup_printf("%s/%s/%s", channel ? "channel" : "console", uuid,
                                name ? name : "");
    g_mutex_lock(&remoteDevicesLock);
    if (!remoteDevices)
        remoteDevices = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if ((old = g_hash_table_lookup(remoteDevices, e->device))) {
        /* VIR_DOMAIN_CONSOLE_FORCE and VIR_DOMAIN_CHANNEL_FORCE are 1 */
        if (!(flags & VIR_DOMAIN_CONSOLE_FORCE)) {
            g_mutex_unlock(&remoteDevicesLock);
            /* only the QEMU driver has devices to open */
            virReportErrorHelper(VIR_FROM_QEMU, VIR_ERR_OPERATION_FAILED, __FILE__,
                                 __func__, __LINE__, "%s",
                                 channel ? "Active channel stream exists for this domain"
                                         : "Active console session exists for this domain");
            remoteStreamDiscard(e);
            virObjectUnrefHandle(dom);
            return -1;
        }
        remoteStreamEntryRef(old);
    }
    g_hash_table_insert(remoteDevices, g_strdup(e->device), e);
    g_mutex_unlock(&remoteDevicesLock);
    if (old) {
        remoteStreamClose(old, false);
        remoteStreamEntryUnref(old);
        virResetLastError();
    }
    if (!(e->st = virStreamNew(conn, VIR_STREAM_NONBLOCK)))
        ret = -1;
    else if (channel)
        ret = virDomainOpenChannel(dom, name, e->st, flags);
    else
        ret = virDomainOpenConsole(dom, name, e->st, flags);
    virObjectUnrefHandle(dom);
    if (ret < 0) {
        virErrorPtr saved = virSaveLastError();

        remoteDeviceForget(e);
        remoteStreamEntryUnref(e);
        virSetError(saved);
        virFreeError(saved);
        return -1;
    }
    remoteStreamAdd(rc, e, out);
    return 0;
}

/* Returns 1 when the answer waits for the device (remoteStreamWatch). */
static int
remoteDispatchStreamSend(remoteClient *rc, const virNetMessageHeader *hdr, virNetBuf *in)
{
    g_autoptr(remoteStreamEntry) e = NULL;
    g_autofree uint8_t *data = NULL;
    size_t len;
    int ret = 0;

    if (!(e = remoteStreamGet(rc, in, false)))
        return -1;
    if (virNetGetBytes(in, VIR_NET_STRING_MAX, &data, &len) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    g_mutex_lock(&e->lock);
    if (e->closed || e->sendWaiting) {
        ret = e->closed ? remoteStreamNotOpen() : -1;
        if (!e->closed)
            virReportError(VIR_ERR_RPC, "%s", "a send is already waiting on this stream");
    } else {
        e->sendHdr = *hdr;
        e->sendData = g_steal_pointer(&data);
        e->sendLen = len;
        e->sendDone = 0;
        e->sendWaiting = true;
        if (!e->async) {
            /* a driver stream that blocks: it took everything or failed */
            e->sendWaiting = false;
            while (e->sendDone < e->sendLen && ret == 0) {
                int n = virStreamSend(e->st, (const char *)e->sendData + e->sendDone,
                                      e->sendLen - e->sendDone);

                if (n < 0)
                    ret = -1;
                else
                    e->sendDone += n;
            }
            g_clear_pointer(&e->sendData, g_free);
        } else if (!remoteStreamTrySend(e)) {
            remoteStreamWatchUpdate(e);
            ret = 1;
        } else {
            ret = 1;        /* answered already */
        }
    }
    g_mutex_unlock(&e->lock);
    return ret;
}

static int
remoteDispatchStreamRecv(remoteClient *rc, const virNetMessageHeader *hdr, virNetBuf *in,
                         virNetBuf *out)
{
    g_autoptr(remoteStreamEntry) e = NULL;
    g_autofree char *buf = NULL;
    uint32_t max;
    uint32_t flags;
    int ret = 1;
    int n;

    if (!(e = remoteStreamGet(rc, in, false)))
        return -1;
    if (virNetGetU32(in, &max) < 0 || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (max > VIR_NET_STRING_MAX)
        max = VIR_NET_STRING_MAX;
    g_mutex_lock(&e->lock);
    if (e->closed) {
        ret = remoteStreamNotOpen();
    } else if (e->async && !flags) {
        if (e->recvWaiting) {
            virReportError(VIR_ERR_RPC, "%s", "a receive is already waiting on this stream");
            ret = -1;
        } else {
            e->recvHdr = *hdr;
            e->recvMax = max;
            e->recvWaiting = true;
            if (!remoteStreamTryRecv(e))
                remoteStreamWatchUpdate(e);
        }
    } else {
        buf = g_malloc(max + 1);
        n = flags ? virStreamRecvFlags(e->st, buf, max, flags) : virStreamRecv(e->st, buf, max);
        ret = n == -1 ? -1 : 0;
        if (n != -1) {
            virNetPutI32(out, n);
            virNetPutBytes(out, buf, n > 0 ? n : 0);
        }
    }
    g_mutex_unlock(&e->lock);
    return ret;
}

static int
remoteDispatchStreamHole(remoteClient *rc, bool send, virNetBuf *in, virNetBuf *out)
{
    g_autoptr(remoteStreamEntry) e = NULL;
    uint64_t length = 0;
    uint32_t flags;
    long long got = 0;
    int ret;

    if (!(e = remoteStreamGet(rc, in, false)))
        return -1;
    if ((send && virNetGetU64(in, &length) < 0) || virNetGetU32(in, &flags) < 0 ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    g_mutex_lock(&e->lock);
    if (e->closed)
        ret = remoteStreamNotOpen();
    else if (send)
        ret = virStreamSendHole(e->st, length, flags);
    else
        ret = virStreamRecvHole(e->st, &got, flags);
    g_mutex_unlock(&e->lock);
    if (ret >= 0 && !send)
        virNetPutU64(out, got);
    return ret < 0 ? -1 : 0;
}

/* For remoteClientDropConn: abort the entry and drop the table's reference. */
static int
remoteStreamCloseAny(void *entry)
{
    int ret = remoteStreamClose(entry, false);

    remoteStreamEntryUnref(entry);
    return ret;
}

static int
remoteDispatchStreamEnd(remoteClient *rc, virNetBuf *in, bool finish)
{
    g_autoptr(remoteStreamEntry) e = NULL;

    if (!(e = remoteStreamGet(rc, in, true)))
        return -1;
    if (virNetBufCheckEnd(in) < 0) {
        remoteStreamClose(e, false);
        return -1;
    }
    return remoteStreamClose(e, finish) < 0 ? -1 : 0;
}

/* ---- the host's CPU map: its length follows from the return value ---- */

static int
remoteDispatchNodeGetCPUMap(virConnectPtr conn, virNetBuf *in, virNetBuf *out)
{
    bool want_map;
    bool want_online;
    uint32_t flags;
    g_autofree unsigned char *map = NULL;
    unsigned int online = 0;
    int ret;

    if (virNetGetBool(in, &want_map) < 0 || virNetGetBool(in, &want_online) < 0 ||
        virNetGetU32(in, &flags) < 0 || virNetBufCheckEnd(in) < 0)
        return -1;
    ret = virNodeGetCPUMap(conn, want_map ? &map : NULL, want_online ? &online : NULL, flags);
    if (ret < 0)
        return -1;
    virNetPutI32(out, ret);
    virNetPutU32(out, online);
    virNetPutU8(out, map != NULL);
    if (map)
        virNetPutBytes(out, map, VIR_CPU_MAPLEN(ret));
    return 0;
}

/* ---- ordering events before replies ----
 * A driver delivers events from the daemon's event loop, a moment after
 * the call that caused them returned.  Locally, the application's next
 * turn of its own loop sees them; to keep that true across the wire, a
 * client with callbacks gets its reply only after the loop has had its
 * turn, so the events are written to the socket before the reply. */

typedef struct {
    GMutex lock;
    GCond cond;
    bool done;
} remoteBarrier;

static void
remoteBarrierFire(int timer, void *opaque)
{
    remoteBarrier *b = opaque;

    virEventRemoveTimeout(timer);
    g_mutex_lock(&b->lock);
    b->done = true;
    g_cond_signal(&b->cond);
    g_mutex_unlock(&b->lock);
}

static void
remoteEventBarrier(remoteClient *rc)
{
    remoteBarrier b = { 0 };
    bool wanted;

    g_mutex_lock(&rc->lock);
    wanted = rc->regs->len > 0;
    g_mutex_unlock(&rc->lock);
    if (!wanted)
        return;
    g_mutex_init(&b.lock);
    g_cond_init(&b.cond);
    g_mutex_lock(&b.lock);
    /* the loop of a running daemon always turns: wait for it */
    if (virEventAddTimeout(0, remoteBarrierFire, &b, NULL) >= 0) {
        while (!b.done)
            g_cond_wait(&b.cond, &b.lock);
    }
    g_mutex_unlock(&b.lock);
    g_mutex_clear(&b.lock);
    g_cond_clear(&b.cond);
}

/* ---- routing ---- */

static const remoteDispatchEntry *
remoteDispatchFind(unsigned int proc)
{
    size_t lo = 0;
    size_t hi = remoteDispatchTableSize;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (remoteDispatchTable[mid].proc == proc)
            return &remoteDispatchTable[mid];
        if (remoteDispatchTable[mid].proc < proc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void
remoteDispatch(virNetServerClient *client, void *priv, const virNetMessageHeader *hdr,
               virNetBuf *in, void *opaque)
{
    remoteClient *rc = priv;
    g_auto(virNetBuf) out = { 0 };
    virError err = { 0 };
    virConnectPtr conn = NULL;
    int rv = -1;

    if (hdr->type != VIR_NET_CALL)
        return;          /* stream data: not carried yet */
    virResetLastError();
    virNetMessageBegin(&out);

    /* auth first: one worker per call, but a client's auth calls come
     * one at a time (each waits for its reply) */
    if (remoteAuthIsAuthProc(hdr->proc)) {
        rv = remoteDispatchAuth(client, &rc->sasl, hdr->proc, in, &out);
        goto reply;
    }
    if (virNetServerClientGetAuth(client) != VIR_NET_AUTH_NONE) {
        virReportError(VIR_ERR_RPC, "%s", "authentication required");
        goto reply;
    }
    if (hdr->proc == REMOTE_PROC_OPEN) {
        rv = remoteDispatchOpen(rc, in);
        goto reply;
    }
    if (hdr->proc == REMOTE_PROC_CLOSE) {
        remoteClientDropConn(rc);
        rv = 0;
        goto reply;
    }
    if (!(conn = remoteClientConn(rc)))
        goto reply;
    switch (hdr->proc) {
    case REMOTE_PROC_EVENT_REGISTER:
        rv = remoteDispatchEventRegister(rc, conn, in, &out);
        break;
    case REMOTE_PROC_EVENT_DEREGISTER:
        rv = remoteDispatchEventDeregister(rc, conn, in);
        break;
    case REMOTE_PROC_STORAGE_VOL_UPLOAD:
    case REMOTE_PROC_STORAGE_VOL_DOWNLOAD:
        rv = remoteDispatchVolTransfer(rc, conn, hdr->proc == REMOTE_PROC_STORAGE_VOL_UPLOAD,
                                       in, &out);
        break;
    case REMOTE_PROC_DOMAIN_SCREENSHOT:
        rv = remoteDispatchScreenshot(rc, conn, in, &out);
        break;
    case REMOTE_PROC_DOMAIN_OPEN_CONSOLE:
    case REMOTE_PROC_DOMAIN_OPEN_CHANNEL:
        rv = remoteDispatchOpenDevice(rc, conn, hdr->proc == REMOTE_PROC_DOMAIN_OPEN_CHANNEL,
                                      in, &out);
        break;
    case REMOTE_PROC_STREAM_SEND:
        rv = remoteDispatchStreamSend(rc, hdr, in);
        break;
    case REMOTE_PROC_STREAM_RECV:
        rv = remoteDispatchStreamRecv(rc, hdr, in, &out);
        break;
    case REMOTE_PROC_STREAM_SEND_HOLE:
    case REMOTE_PROC_STREAM_RECV_HOLE:
        rv = remoteDispatchStreamHole(rc, hdr->proc == REMOTE_PROC_STREAM_SEND_HOLE, in, &out);
        break;
    case REMOTE_PROC_STREAM_FINISH:
    case REMOTE_PROC_STREAM_ABORT:
        rv = remoteDispatchStreamEnd(rc, in, hdr->proc == REMOTE_PROC_STREAM_FINISH);
        break;
    case REMOTE_PROC_NODE_GET_CPU_MAP:
        rv = remoteDispatchNodeGetCPUMap(conn, in, &out);
        break;
    case REMOTE_PROC_CONNECT_GET_TYPE: {
        const char *type = virConnectGetType(conn);

        if (type) {
            virNetPutString(&out, type);
            rv = 0;
        }
        break;
    }
    default: {
        const remoteDispatchEntry *e = remoteDispatchFind(hdr->proc);

        if (!e && (rv = remoteDispatchGlue(conn, hdr->proc, in, &out)) <= 0) {
            remoteEventBarrier(rc);
            break;
        }
        rv = -1;
        if (!e) {
            virReportError(VIR_ERR_NO_SUPPORT,
                           "procedure %u is not supported by virtkitd", hdr->proc);
            break;
        }
        rv = e->fn(conn, in, &out, &err);
        remoteEventBarrier(rc);
        if (rv < 0) {
            virSetError(&err);
            virNetErrorClear(&err);
        }
        break;
    }
    }

 reply:
    if (conn)
        virObjectUnrefConnect(conn);
    if (rv == 1)
        return;          /* a stream call, answered when the device is ready */
    virNetServerClientReply(client, hdr, rv < 0 ? NULL : &out);
}

const virNetServerCallbacks remoteServerCallbacks = {
    .clientNew = remoteClientNew,
    .clientFree = remoteClientFree,
    .dispatch = remoteDispatch,
};
