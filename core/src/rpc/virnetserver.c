/*
 * virnetserver.c: listening sockets, client readers and the worker pool
 * (see virnetserver.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetserver.h"
#include "virnetsocket.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* Seconds a new connection has for its TLS handshake (or, refused past
 * max_clients, for its first call). */
#define VIR_NET_SERVER_HANDSHAKE_TIMEOUT 30

typedef struct {
    int fd;
    char *path;                  /* unix sockets: unlinked at the end */
    bool readonly;
    virNetTLSContext *tls;       /* TLS listeners: not owned */
    int auth;                    /* virNetAuthType its clients must pass */
    GThread *thread;
} virNetServerSocket;

struct _virNetServer {
    virNetServerCallbacks cbs;
    void *opaque;
    size_t maxMessage;
    unsigned int maxClients;     /* 0: no limit */
    unsigned int maxRequests;    /* calls in flight per client; 0: no limit */
    gint nclients;
    GThreadPool *pool;
    GPtrArray *sockets;          /* virNetServerSocket */
    int quitPipe[2];
    /* keepalive: probing the clients that use it (virNetServerKeepAlive) */
    GMutex kaLock;               /* guards everything below */
    GCond kaCond;
    GPtrArray *clients;          /* every client being served (no references) */
    int kaInterval;              /* seconds; 0: off */
    unsigned int kaCount;
    bool kaStop;
    GThread *kaThread;
};

struct _virNetServerClient {
    gint refs;
    virNetServer *srv;
    virNetSocket *sock;
    virNetTLSContext *tls;       /* handshake to run first, or NULL */
    gint auth;                   /* virNetAuthType still to pass */
    bool readonly;
    GMutex wlock;
    GMutex lock;                 /* guards INFLIGHT */
    GCond cond;
    unsigned int inflight;       /* calls handed to the workers, not done */
    gint64 lastRx;               /* kaLock: monotonic time of its last message */
    unsigned int kaMissed;       /* kaLock: pings sent since */
    bool kaAware;                /* kaLock: it sent a keepalive, so it answers ours */
    void *priv;
};

typedef struct {
    virNetServerClient *client;
    virNetMessageHeader hdr;
    virNetBuf body;
} virNetServerJob;

/* ------------------------------------------------------------------ */
/* Clients                                                            */

static virNetServerClient *
virNetServerClientNew(virNetServer *srv, int fd, virNetServerSocket *from)
{
    virNetServerClient *client = g_new0(virNetServerClient, 1);

    client->refs = 1;
    client->srv = srv;
    client->sock = virNetSocketNewFD(fd);
    client->readonly = from && from->readonly;
    client->tls = from ? from->tls : NULL;
    client->auth = from ? from->auth : VIR_NET_AUTH_NONE;
    g_mutex_init(&client->wlock);
    g_mutex_init(&client->lock);
    g_cond_init(&client->cond);
    return client;
}

static void
virNetServerClientDispose(virNetServerClient *client)
{
    virNetSocketFree(client->sock);
    g_mutex_clear(&client->wlock);
    g_mutex_clear(&client->lock);
    g_cond_clear(&client->cond);
    g_free(client);
}

void
virNetServerClientRef(virNetServerClient *client)
{
    g_atomic_int_inc(&client->refs);
}

void
virNetServerClientUnref(virNetServerClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    if (client->priv && client->srv->cbs.clientFree)
        client->srv->cbs.clientFree(client->priv);
    g_atomic_int_add(&client->srv->nclients, -1);
    virNetServerClientDispose(client);
}

bool
virNetServerClientIsReadOnly(virNetServerClient *client)
{
    return client->readonly;
}

int
virNetServerClientGetAuth(virNetServerClient *client)
{
    return g_atomic_int_get(&client->auth);
}

void
virNetServerClientSetAuthenticated(virNetServerClient *client)
{
    g_atomic_int_set(&client->auth, VIR_NET_AUTH_NONE);
}

void
virNetServerClientClose(virNetServerClient *client)
{
    virNetSocketShutdown(client->sock);
}

int
virNetServerClientSend(virNetServerClient *client, virNetBuf *msg)
{
    int rc;

    g_mutex_lock(&client->wlock);
    rc = virNetSocketWriteAll(client->sock, msg->data, msg->len);
    g_mutex_unlock(&client->wlock);
    return rc;
}

int
virNetServerClientReply(virNetServerClient *client, const virNetMessageHeader *call,
                        virNetBuf *body)
{
    virNetMessageHeader hdr = {
        .proc = call->proc,
        .type = VIR_NET_REPLY,
        .serial = call->serial,
        .status = body ? VIR_NET_OK : VIR_NET_ERROR,
    };
    g_auto(virNetBuf) err = { 0 };

    if (!body) {
        virErrorPtr e = virErrorEnsureLast();

        virNetMessageBegin(&err);
        virNetPutError(&err, e);
        body = &err;
    }
    virNetMessageFinish(body, &hdr);
    return virNetServerClientSend(client, body);
}

static void
virNetServerWorker(gpointer data, gpointer user)
{
    virNetServerJob *job = data;
    virNetServer *srv = user;

    srv->cbs.dispatch(job->client, job->client->priv, &job->hdr, &job->body, srv->opaque);
    if (job->hdr.type == VIR_NET_CALL) {
        g_mutex_lock(&job->client->lock);
        job->client->inflight--;
        g_cond_signal(&job->client->cond);
        g_mutex_unlock(&job->client->lock);
    }
    virNetBufClear(&job->body);
    virNetServerClientUnref(job->client);
    g_free(job);
}

static gpointer
virNetServerClientReader(gpointer data)
{
    virNetServerClient *client = data;
    virNetServer *srv = client->srv;

    /* a peer that connects and goes quiet is not served for ever */
    virNetSocketSetTimeout(client->sock, VIR_NET_SERVER_HANDSHAKE_TIMEOUT);
    if (client->tls && virNetSocketStartTLS(client->sock, client->tls, NULL) < 0) {
        VIR_WARN("TLS client refused: %s", virErrorEnsureLast()->message);
        goto done;
    }
    virNetSocketSetTimeout(client->sock, 0);
    if (client->tls)
        VIR_INFO("TLS client accepted: %s", virNetSocketPeerDN(client->sock)
                 ? virNetSocketPeerDN(client->sock) : "(no certificate)");
    client->priv = srv->cbs.clientNew ? srv->cbs.clientNew(client, srv->opaque) : NULL;
    g_mutex_lock(&srv->kaLock);
    client->lastRx = g_get_monotonic_time();
    g_ptr_array_add(srv->clients, client);
    g_mutex_unlock(&srv->kaLock);
    for (;;) {
        virNetServerJob *job = g_new0(virNetServerJob, 1);
        int rc = virNetReadMessage(client->sock, srv->maxMessage, &job->hdr, &job->body);

        if (rc <= 0) {
            if (rc < 0)
                VIR_DEBUG("client %p dropped: %s", (void *)client,
                          virErrorEnsureLast()->message);
            g_free(job);
            break;
        }
        g_mutex_lock(&srv->kaLock);
        client->lastRx = g_get_monotonic_time();
        client->kaMissed = 0;
        if (job->hdr.proc == VIR_NET_PROC_KEEPALIVE)
            client->kaAware = true;
        g_mutex_unlock(&srv->kaLock);
        if (job->hdr.type == VIR_NET_CALL && job->hdr.proc == VIR_NET_PROC_KEEPALIVE) {
            g_auto(virNetBuf) out = { 0 };

            virNetMessageBegin(&out);
            virNetServerClientReply(client, &job->hdr, &out);
            virNetBufClear(&job->body);
            g_free(job);
            continue;
        }
        if (job->hdr.type != VIR_NET_CALL && job->hdr.type != VIR_NET_STREAM) {
            virNetBufClear(&job->body);
            g_free(job);
            continue;
        }
        /* past max_client_requests calls in flight, stop reading this
         * client until one is done: its further calls wait, as with
         * libvirtd, and are not refused */
        if (job->hdr.type == VIR_NET_CALL) {
            g_mutex_lock(&client->lock);
            while (srv->maxRequests && client->inflight >= srv->maxRequests)
                g_cond_wait(&client->cond, &client->lock);
            client->inflight++;
            g_mutex_unlock(&client->lock);
        }
        job->client = client;
        virNetServerClientRef(client);
        g_thread_pool_push(srv->pool, job, NULL);
    }
 done:
    g_mutex_lock(&srv->kaLock);
    g_ptr_array_remove_fast(srv->clients, client);
    g_mutex_unlock(&srv->kaLock);
    virNetSocketShutdown(client->sock);
    virNetServerClientUnref(client);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Listening                                                          */

virNetServer *
virNetServerNew(unsigned int workers, size_t maxMessage,
                const virNetServerCallbacks *cbs, void *opaque)
{
    virNetServer *srv = g_new0(virNetServer, 1);

    srv->cbs = *cbs;
    srv->opaque = opaque;
    srv->maxMessage = maxMessage ? maxMessage : VIR_NET_MESSAGE_MAX_DEFAULT;
    srv->pool = g_thread_pool_new(virNetServerWorker, srv, workers ? workers : 5, FALSE, NULL);
    srv->sockets = g_ptr_array_new();
    srv->clients = g_ptr_array_new();
    g_mutex_init(&srv->kaLock);
    g_cond_init(&srv->kaCond);
    if (pipe2(srv->quitPipe, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create a pipe");
        g_free(srv);
        return NULL;
    }
    return srv;
}

/* Take FD, bound, into the server's listening sockets. */
static int
virNetServerAddListener(virNetServer *srv, int fd, const char *path, bool readonly,
                        virNetTLSContext *tls, int auth)
{
    virNetServerSocket *sock;

    if (listen(fd, 64) < 0) {
        virReportSystemError(errno, "%s", "Failed to listen for connections");
        close(fd);
        return -1;
    }
    sock = g_new0(virNetServerSocket, 1);
    sock->fd = fd;
    sock->path = g_strdup(path);
    sock->readonly = readonly;
    sock->tls = tls;
    sock->auth = auth;
    g_ptr_array_add(srv->sockets, sock);
    return 0;
}

int
virNetServerAddUnix(virNetServer *srv, const char *path, mode_t mode, gid_t group,
                    bool readonly)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    mode_t old;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "socket path '%s' is too long", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", "cannot create a socket");
        return -1;
    }
    unlink(path);
    /* the socket is born with MODE: no window where it is wider */
    old = umask(~mode & 0777);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        umask(old);
        virReportSystemError(errno, "cannot bind the socket '%s'", path);
        close(fd);
        return -1;
    }
    umask(old);
    if (chmod(path, mode) < 0) {
        virReportSystemError(errno, "cannot set the mode of '%s'", path);
        close(fd);
        unlink(path);
        return -1;
    }
    if (group != (gid_t)-1 && chown(path, (uid_t)-1, group) < 0) {
        virReportSystemError(errno, "Failed to change group ID of '%s' to %u",
                             path, (unsigned int)group);
        close(fd);
        unlink(path);
        return -1;
    }
    if (virNetServerAddListener(srv, fd, path, readonly, NULL, VIR_NET_AUTH_NONE) < 0) {
        unlink(path);
        return -1;
    }
    return 0;
}

/* The port FD is bound to. */
static int
virNetServerBoundPort(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char port[NI_MAXSERV];

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
        getnameinfo((struct sockaddr *)&ss, len, NULL, 0, port, sizeof(port),
                    NI_NUMERICSERV) != 0)
        return -1;
    return atoi(port);
}

int
virNetServerAddTCP(virNetServer *srv, const char *addr, const char *port,
                   virNetTLSContext *tls, int auth)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_PASSIVE | AI_ADDRCONFIG,
    };
    struct addrinfo *ai = NULL;
    struct addrinfo *cur;
    int bound = -1;
    int saved = 0;
    int rc;

    if ((rc = getaddrinfo(addr && *addr ? addr : NULL, port, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                       addr ? addr : "", port, gai_strerror(rc));
        return -1;
    }
    for (cur = ai; cur; cur = cur->ai_next) {
        int one = 1;
        int fd;

        if ((fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                         cur->ai_protocol)) < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (cur->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, cur->ai_addr, cur->ai_addrlen) < 0) {
            saved = errno;
            close(fd);
            continue;
        }
        if (bound < 0)
            bound = virNetServerBoundPort(fd);
        if (virNetServerAddListener(srv, fd, NULL, false, tls, auth) < 0) {
            freeaddrinfo(ai);
            return -1;
        }
    }
    freeaddrinfo(ai);
    if (bound < 0) {
        virReportSystemError(saved ? saved : EADDRNOTAVAIL,
                             "Unable to bind to %s:%s", addr ? addr : "*", port);
        return -1;
    }
    return bound;
}

typedef struct {
    virNetServer *srv;
    virNetServerSocket *sock;
} virNetServerAcceptArgs;

/* Over max clients: answer the connection's first call with an error
 * saying so, then close it (in a thread of its own, so that a client
 * that sends nothing holds up nobody).  A TLS connection gets its
 * handshake first, since its client can read nothing else. */
static gpointer
virNetServerRefuseThread(gpointer data)
{
    virNetServerClient *tmp = data;
    virNetMessageHeader hdr;
    g_auto(virNetBuf) body = { 0 };

    virNetSocketSetTimeout(tmp->sock, VIR_NET_SERVER_HANDSHAKE_TIMEOUT);
    if ((!tmp->tls || virNetSocketStartTLS(tmp->sock, tmp->tls, NULL) == 0) &&
        virNetReadMessage(tmp->sock, tmp->srv->maxMessage, &hdr, &body) == 1 &&
        hdr.type == VIR_NET_CALL) {
        virReportError(VIR_ERR_RPC,
                       "too many clients: the daemon serves at most %u connections",
                       tmp->srv->maxClients);
        virNetServerClientReply(tmp, &hdr, NULL);
    }
    virResetLastError();
    virNetServerClientDispose(tmp);
    return NULL;
}

void
virNetServerSetMaxClients(virNetServer *srv, unsigned int maxClients)
{
    srv->maxClients = maxClients;
}

void
virNetServerSetMaxClientRequests(virNetServer *srv, unsigned int maxRequests)
{
    srv->maxRequests = maxRequests;
}

static gpointer
virNetServerAccept(gpointer data)
{
    virNetServerAcceptArgs *args = data;
    virNetServer *srv = args->srv;
    virNetServerSocket *sock = args->sock;

    g_free(args);
    for (;;) {
        struct pollfd fds[2] = {
            { .fd = sock->fd, .events = POLLIN },
            { .fd = srv->quitPipe[0], .events = POLLIN },
        };
        virNetServerClient *client;
        int fd;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            break;
        if ((fd = accept4(sock->fd, NULL, NULL, SOCK_CLOEXEC)) < 0)
            continue;
        if (!sock->path) {
            int one = 1;

            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        }
        client = virNetServerClientNew(srv, fd, sock);
        if (srv->maxClients &&
            (unsigned int)g_atomic_int_get(&srv->nclients) >= srv->maxClients) {
            g_thread_unref(g_thread_new("virtkitd-refuse", virNetServerRefuseThread, client));
            continue;
        }
        g_atomic_int_inc(&srv->nclients);
        /* the TLS handshake and the client's private data come in its
         * own thread: a slow peer holds up nobody */
        g_thread_unref(g_thread_new("virtkitd-client", virNetServerClientReader, client));
    }
    return NULL;
}

/* One round of keepalive, with kaLock held: pick every keepalive-aware
 * client silent for an interval (and with no call running: a busy
 * client is not silent) into PING, or into CLOSE when it stayed silent
 * COUNT pings long; each with a reference. */
static void
virNetServerKeepAliveRound(virNetServer *srv, gint64 now, GPtrArray *ping, GPtrArray *close)
{
    gint64 interval = (gint64)srv->kaInterval * G_USEC_PER_SEC;
    guint i;

    for (i = 0; i < srv->clients->len; i++) {
        virNetServerClient *client = g_ptr_array_index(srv->clients, i);
        unsigned int inflight;

        if (!client->kaAware || now - client->lastRx < interval)
            continue;
        g_mutex_lock(&client->lock);
        inflight = client->inflight;
        g_mutex_unlock(&client->lock);
        if (inflight)
            continue;
        virNetServerClientRef(client);
        if (client->kaMissed >= srv->kaCount) {
            g_ptr_array_add(close, client);
            continue;
        }
        client->kaMissed++;
        client->lastRx = now;
        g_ptr_array_add(ping, client);
    }
}

static gpointer
virNetServerKeepAliveThread(gpointer data)
{
    virNetServer *srv = data;
    virNetMessageHeader hdr = {
        .proc = VIR_NET_PROC_KEEPALIVE,
        .type = VIR_NET_CALL,
    };
    g_auto(virNetBuf) msg = { 0 };

    virNetMessageBegin(&msg);
    virNetMessageFinish(&msg, &hdr);
    g_mutex_lock(&srv->kaLock);
    while (!srv->kaStop) {
        g_autoptr(GPtrArray) ping = g_ptr_array_new();
        g_autoptr(GPtrArray) close = g_ptr_array_new();
        gint64 now = g_get_monotonic_time();
        guint i;

        virNetServerKeepAliveRound(srv, now, ping, close);
        /* written without the lock: a peer that reads nothing holds up
         * no reader */
        g_mutex_unlock(&srv->kaLock);
        for (i = 0; i < ping->len; i++) {
            if (virNetServerClientSend(g_ptr_array_index(ping, i), &msg) < 0)
                virResetLastError();
            virNetServerClientUnref(g_ptr_array_index(ping, i));
        }
        for (i = 0; i < close->len; i++) {
            VIR_WARN("client %p does not answer keepalives: closing it",
                     g_ptr_array_index(close, i));
            virNetServerClientClose(g_ptr_array_index(close, i));
            virNetServerClientUnref(g_ptr_array_index(close, i));
        }
        g_mutex_lock(&srv->kaLock);
        /* a second's granularity is plenty for intervals of seconds */
        if (!srv->kaStop)
            g_cond_wait_until(&srv->kaCond, &srv->kaLock, now + G_USEC_PER_SEC);
    }
    g_mutex_unlock(&srv->kaLock);
    return NULL;
}

void
virNetServerSetKeepAlive(virNetServer *srv, int interval, unsigned int count)
{
    srv->kaInterval = interval > 0 ? interval : 0;
    srv->kaCount = count;
}

int
virNetServerStart(virNetServer *srv)
{
    guint i;

    if (srv->kaInterval > 0)
        srv->kaThread = g_thread_new("virtkitd-keepalive", virNetServerKeepAliveThread, srv);

    for (i = 0; i < srv->sockets->len; i++) {
        virNetServerAcceptArgs *args = g_new0(virNetServerAcceptArgs, 1);
        virNetServerSocket *sock = g_ptr_array_index(srv->sockets, i);

        args->srv = srv;
        args->sock = sock;
        sock->thread = g_thread_new("virtkitd-accept", virNetServerAccept, args);
    }
    return 0;
}

void
virNetServerStop(virNetServer *srv)
{
    guint i;

    if (write(srv->quitPipe[1], "q", 1) < 0)
        VIR_DEBUG("cannot wake the accepting threads");
    if (srv->kaThread) {
        g_mutex_lock(&srv->kaLock);
        srv->kaStop = true;
        g_cond_broadcast(&srv->kaCond);
        g_mutex_unlock(&srv->kaLock);
        g_thread_join(srv->kaThread);
        srv->kaThread = NULL;
    }
    for (i = 0; i < srv->sockets->len; i++) {
        virNetServerSocket *sock = g_ptr_array_index(srv->sockets, i);

        if (sock->thread)
            g_thread_join(sock->thread);
        close(sock->fd);
        if (sock->path)
            unlink(sock->path);
    }
}
