/*
 * virnetclient.c: the client end of a virtkit connection (see
 * virnetclient.h).
 *
 * Waiting calls live in a table keyed by serial.  The reader thread is the
 * only reader of the socket; it files each reply with its call and wakes
 * the caller.  When the socket ends, every waiting call fails, and so
 * does every later one.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "virerror.h"
#include "virnetclient.h"
#include "virnetsocket.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct {
    bool done;
    unsigned int status;
    virNetBuf body;
} virNetClientCallState;

struct _virNetClient {
    virNetSocket *sock;
    GThread *reader;
    GMutex lock;                 /* guards everything below */
    GCond cond;
    GMutex wlock;                /* one writer at a time */
    GHashTable *calls;           /* serial -> virNetClientCallState */
    unsigned int serial;
    bool closed;
    virNetClientMessageFunc handler;
    void *opaque;
    void (*onClose)(void *opaque, bool keepalive);    /* the daemon went away */
    void *closeOpaque;
    /* keepalive: guarded by LOCK */
    GThread *pinger;
    int kaInterval;              /* seconds; 0 when off */
    unsigned int kaCount;        /* unanswered pings before giving up */
    unsigned int kaMissed;
    bool kaDead;                 /* closed because the daemon stopped answering */
    bool stopping;
    gint64 lastRx;               /* monotonic time of the last message read */
    bool freeing;                /* we close it ourselves: no onClose */
    gint busy;                   /* the reader is inside a message */
    gint listening;              /* events are wanted: see virNetClientSync */
    virErrorPtr lost;            /* why a command's connection ended, or NULL */
};

/* Clients that want events, for virNetClientSync. */
static GMutex virNetClientsLock;
static GPtrArray *virNetClients;

/* A keepalive message (TYPE: a call, or the reply to the daemon's);
 * nobody waits for it, so a failure to write is dropped: the reader
 * sees the connection end anyway. */
static void
virNetClientSendKeepAlive(virNetClient *c, virNetMessageType type, unsigned int serial)
{
    virNetMessageHeader hdr = {
        .proc = REMOTE_PROC_KEEPALIVE,
        .type = type,
        .serial = serial,
        .status = VIR_NET_OK,
    };
    g_auto(virNetBuf) msg = { 0 };

    virNetMessageBegin(&msg);
    virNetMessageFinish(&msg, &hdr);
    g_mutex_lock(&c->wlock);
    if (virNetSocketWriteAll(c->sock, msg.data, msg.len) < 0)
        virResetLastError();
    g_mutex_unlock(&c->wlock);
}

static gpointer
virNetClientReader(gpointer data)
{
    virNetClient *c = data;
    void (*onClose)(void *opaque, bool keepalive);
    bool dead;

    for (;;) {
        virNetMessageHeader hdr;
        virNetBuf body = { 0 };
        struct pollfd pfd = { .fd = virNetSocketFD(c->sock), .events = POLLIN };
        int rc;

        /* busy from before the first byte is taken until the message is
         * handled: virNetClientSync relies on it.  Bytes TLS has already
         * decrypted are not seen by poll. */
        g_atomic_int_set(&c->busy, 0);
        if (virNetSocketPending(c->sock) == 0) {
            if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
                break;
            g_atomic_int_set(&c->busy, 1);
            if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
        }
        g_atomic_int_set(&c->busy, 1);
        rc = virNetReadMessage(c->sock, VIR_NET_MESSAGE_MAX_DEFAULT, &hdr, &body);
        if (rc <= 0) {
            /* a command's last words say why (ssh could not log in...);
             * other sockets just ended */
            if (rc < 0) {
                g_mutex_lock(&c->lock);
                if (!c->freeing && virNetSocketIsCommand(c->sock))
                    c->lost = virSaveLastError();
                g_mutex_unlock(&c->lock);
                virResetLastError();
            }
            break;
        }
        g_mutex_lock(&c->lock);
        c->lastRx = g_get_monotonic_time();
        c->kaMissed = 0;
        g_mutex_unlock(&c->lock);
        if (hdr.type == VIR_NET_CALL && hdr.proc == REMOTE_PROC_KEEPALIVE) {
            /* the daemon checks we are alive: say so */
            virNetClientSendKeepAlive(c, VIR_NET_REPLY, hdr.serial);
        } else if (hdr.type == VIR_NET_REPLY) {
            virNetClientCallState *call;

            g_mutex_lock(&c->lock);
            call = g_hash_table_lookup(c->calls, GUINT_TO_POINTER(hdr.serial));
            if (call) {
                call->status = hdr.status;
                call->body = body;
                call->done = true;
                g_cond_broadcast(&c->cond);
                memset(&body, 0, sizeof(body));
            }
            g_mutex_unlock(&c->lock);
        } else {
            virNetClientMessageFunc fn;
            void *opaque;

            g_mutex_lock(&c->lock);
            fn = c->handler;
            opaque = c->opaque;
            g_mutex_unlock(&c->lock);
            if (fn)
                fn(c, &hdr, &body, opaque);
        }
        virNetBufClear(&body);
    }
    g_mutex_lock(&c->lock);
    c->closed = true;
    g_cond_broadcast(&c->cond);
    onClose = c->freeing ? NULL : c->onClose;
    dead = c->kaDead;
    g_mutex_unlock(&c->lock);
    g_atomic_int_set(&c->busy, 0);
    if (onClose)
        onClose(c->closeOpaque, dead);
    return NULL;
}

/* The keepalive thread: when nothing came from the daemon for an
 * interval, ask it for a sign of life without waiting for the answer
 * (any message read counts as one); after COUNT intervals more with no
 * message at all, give the connection up. */
static gpointer
virNetClientPinger(gpointer data)
{
    virNetClient *c = data;

    g_mutex_lock(&c->lock);
    while (!c->stopping && !c->closed) {
        gint64 interval = (gint64)c->kaInterval * G_USEC_PER_SEC;
        gint64 now = g_get_monotonic_time();

        if (c->kaInterval > 0 && now - c->lastRx >= interval) {
            if (c->kaMissed >= c->kaCount) {
                c->kaDead = true;
                virNetSocketShutdown(c->sock);
                break;
            }
            c->kaMissed++;
            c->lastRx = now;    /* next ping after another interval */
            g_mutex_unlock(&c->lock);
            virNetClientSendKeepAlive(c, VIR_NET_CALL, virNetClientNextSerial(c));
            g_mutex_lock(&c->lock);
            continue;
        }
        g_cond_wait_until(&c->cond, &c->lock,
                          c->kaInterval > 0 ? c->lastRx + interval
                                            : g_get_monotonic_time() + G_USEC_PER_SEC);
    }
    g_mutex_unlock(&c->lock);
    return NULL;
}

int
virNetClientSetKeepAlive(virNetClient *c, int interval, unsigned int count)
{
    g_mutex_lock(&c->lock);
    c->kaInterval = interval > 0 ? interval : 0;
    c->kaCount = count;
    c->kaMissed = 0;
    /* the first ping goes at once: it tells the daemon we answer its own
     * (virNetServerSetKeepAlive) */
    c->lastRx = g_get_monotonic_time() - (gint64)c->kaInterval * G_USEC_PER_SEC;
    if (c->kaInterval > 0 && !c->pinger)
        c->pinger = g_thread_new("virtkit-keepalive", virNetClientPinger, c);
    g_cond_broadcast(&c->cond);
    g_mutex_unlock(&c->lock);
    return 0;
}

void
virNetClientSetCloseHandler(virNetClient *c, void (*onClose)(void *opaque, bool keepalive),
                            void *opaque)
{
    g_mutex_lock(&c->lock);
    c->onClose = onClose;
    c->closeOpaque = opaque;
    g_mutex_unlock(&c->lock);
}

void
virNetClientSetListening(virNetClient *c, bool listening)
{
    g_mutex_lock(&virNetClientsLock);
    if (!virNetClients)
        virNetClients = g_ptr_array_new();
    g_ptr_array_remove(virNetClients, c);
    if (listening)
        g_ptr_array_add(virNetClients, c);
    g_atomic_int_set(&c->listening, listening);
    g_mutex_unlock(&virNetClientsLock);
}

/* The daemon writes the events a call caused to every connection before
 * it writes the call's reply.  Once a reply is in, wait until every other
 * listening connection of this process has taken what is already waiting
 * on its socket, so that events reach the application in the order they
 * happened whichever connection they arrive on. */
static void
virNetClientSync(virNetClient *self)
{
    guint i;

    g_mutex_lock(&virNetClientsLock);
    for (i = 0; virNetClients && i < virNetClients->len; i++) {
        virNetClient *c = g_ptr_array_index(virNetClients, i);
        int tries;

        if (c == self)
            continue;
        for (tries = 0; tries < 2000; tries++) {
            int pending = 0;

            if (ioctl(virNetSocketFD(c->sock), FIONREAD, &pending) < 0)
                break;
            pending += virNetSocketPending(c->sock);
            if (pending == 0 && !g_atomic_int_get(&c->busy))
                break;
            g_usleep(20);
        }
    }
    g_mutex_unlock(&virNetClientsLock);
}

/* The connection is gone: report why the reader lost it when it knows
 * (a command's last words, a TLS failure), else WHAT.  Called with LOCK. */
static void
virNetClientReportClosed(virNetClient *c, const char *what)
{
    if (c->lost)
        virSetError(c->lost);
    else
        virReportError(VIR_ERR_RPC, "%s", what);
}

virNetClient *
virNetClientNew(virNetSocket *sock)
{
    virNetClient *c = g_new0(virNetClient, 1);

    c->sock = sock;
    g_mutex_init(&c->lock);
    g_mutex_init(&c->wlock);
    g_cond_init(&c->cond);
    c->calls = g_hash_table_new(NULL, NULL);
    c->lastRx = g_get_monotonic_time();
    c->reader = g_thread_new("virtkit-client", virNetClientReader, c);
    return c;
}

void
virNetClientSetHandler(virNetClient *c, virNetClientMessageFunc func, void *opaque)
{
    g_mutex_lock(&c->lock);
    c->handler = func;
    c->opaque = opaque;
    g_mutex_unlock(&c->lock);
}

unsigned int
virNetClientNextSerial(virNetClient *c)
{
    unsigned int s;

    g_mutex_lock(&c->lock);
    if (++c->serial == 0)
        ++c->serial;
    s = c->serial;
    g_mutex_unlock(&c->lock);
    return s;
}

bool
virNetClientIsOpen(virNetClient *c)
{
    bool open;

    g_mutex_lock(&c->lock);
    open = !c->closed;
    g_mutex_unlock(&c->lock);
    return open;
}

int
virNetClientSend(virNetClient *c, virNetBuf *msg)
{
    int rc;

    g_mutex_lock(&c->lock);
    if (c->closed) {
        virNetClientReportClosed(c, "the connection to the daemon is closed");
        g_mutex_unlock(&c->lock);
        return -1;
    }
    g_mutex_unlock(&c->lock);
    g_mutex_lock(&c->wlock);
    rc = virNetSocketWriteAll(c->sock, msg->data, msg->len);
    g_mutex_unlock(&c->wlock);
    return rc;
}

int
virNetClientCall(virNetClient *c, unsigned int proc, virNetBuf *msg, virNetBuf *reply)
{
    virNetClientCallState call = { 0 };
    virNetMessageHeader hdr = {
        .proc = proc,
        .type = VIR_NET_CALL,
        .status = VIR_NET_OK,
    };
    int ret = -1;

    hdr.serial = virNetClientNextSerial(c);
    virNetMessageFinish(msg, &hdr);

    g_mutex_lock(&c->lock);
    if (c->closed) {
        virNetClientReportClosed(c, "the connection to the daemon is closed");
        g_mutex_unlock(&c->lock);
        return -1;
    }
    g_hash_table_insert(c->calls, GUINT_TO_POINTER(hdr.serial), &call);
    g_mutex_unlock(&c->lock);

    g_mutex_lock(&c->wlock);
    ret = virNetSocketWriteAll(c->sock, msg->data, msg->len);
    g_mutex_unlock(&c->wlock);

    g_mutex_lock(&c->lock);
    while (ret == 0 && !call.done && !c->closed)
        g_cond_wait(&c->cond, &c->lock);
    g_hash_table_remove(c->calls, GUINT_TO_POINTER(hdr.serial));
    g_mutex_unlock(&c->lock);

    if (ret < 0)
        goto cleanup;
    ret = -1;
    if (!call.done) {
        g_mutex_lock(&c->lock);
        virNetClientReportClosed(c, "the connection to the daemon was closed");
        g_mutex_unlock(&c->lock);
        goto cleanup;
    }
    if (call.status == VIR_NET_ERROR) {
        virError err = { 0 };

        if (virNetGetError(&call.body, &err) == 0) {
            virSetError(&err);
            virNetErrorClear(&err);
        }
        goto cleanup;
    }
    if (virNetClients && virNetClients->len > 0)
        virNetClientSync(c);
    virNetBufClear(reply);
    *reply = call.body;
    memset(&call.body, 0, sizeof(call.body));
    ret = 0;

 cleanup:
    virNetBufClear(&call.body);
    return ret;
}

void
virNetClientFree(virNetClient *c)
{
    if (!c)
        return;
    virNetClientSetListening(c, false);
    g_mutex_lock(&c->lock);
    c->freeing = true;
    c->stopping = true;
    g_cond_broadcast(&c->cond);
    g_mutex_unlock(&c->lock);
    if (c->pinger)
        g_thread_join(c->pinger);
    virNetSocketShutdown(c->sock);
    g_thread_join(c->reader);
    virNetSocketFree(c->sock);
    if (c->lost)
        virFreeError(c->lost);
    g_hash_table_unref(c->calls);
    g_mutex_clear(&c->lock);
    g_mutex_clear(&c->wlock);
    g_cond_clear(&c->cond);
    g_free(c);
}
