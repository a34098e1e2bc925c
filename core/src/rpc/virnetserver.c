/*
 * virnetserver.c: listening sockets, client readers and the worker pool
 * (see virnetserver.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetserver.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct {
    int fd;
    char *path;
    bool readonly;
    GThread *thread;
} virNetServerSocket;

struct _virNetServer {
    virNetServerCallbacks cbs;
    void *opaque;
    size_t maxMessage;
    unsigned int maxClients;     /* 0: no limit */
    gint nclients;
    GThreadPool *pool;
    GPtrArray *sockets;          /* virNetServerSocket */
    int quitPipe[2];
};

struct _virNetServerClient {
    gint refs;
    virNetServer *srv;
    int fd;
    bool readonly;
    GMutex wlock;
    void *priv;
};

typedef struct {
    virNetServerClient *client;
    virNetMessageHeader hdr;
    virNetBuf body;
} virNetServerJob;

/* ------------------------------------------------------------------ */
/* Clients                                                            */

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
    if (client->srv->cbs.clientFree)
        client->srv->cbs.clientFree(client->priv);
    g_atomic_int_add(&client->srv->nclients, -1);
    close(client->fd);
    g_mutex_clear(&client->wlock);
    g_free(client);
}

bool
virNetServerClientIsReadOnly(virNetServerClient *client)
{
    return client->readonly;
}

void
virNetServerClientClose(virNetServerClient *client)
{
    shutdown(client->fd, SHUT_RDWR);
}

int
virNetServerClientSend(virNetServerClient *client, virNetBuf *msg)
{
    int rc;

    g_mutex_lock(&client->wlock);
    rc = virNetWriteAll(client->fd, msg->data, msg->len);
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
    virNetBufClear(&job->body);
    virNetServerClientUnref(job->client);
    g_free(job);
}

static gpointer
virNetServerClientReader(gpointer data)
{
    virNetServerClient *client = data;
    virNetServer *srv = client->srv;

    for (;;) {
        virNetServerJob *job = g_new0(virNetServerJob, 1);
        int rc = virNetReadMessage(client->fd, srv->maxMessage, &job->hdr, &job->body);

        if (rc <= 0) {
            if (rc < 0)
                VIR_DEBUG("client %p dropped: %s", (void *)client,
                          virErrorEnsureLast()->message);
            g_free(job);
            break;
        }
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
        job->client = client;
        virNetServerClientRef(client);
        g_thread_pool_push(srv->pool, job, NULL);
    }
    shutdown(client->fd, SHUT_RDWR);
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
    if (pipe2(srv->quitPipe, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create a pipe");
        g_free(srv);
        return NULL;
    }
    return srv;
}

int
virNetServerAddUnix(virNetServer *srv, const char *path, mode_t mode, bool readonly)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    virNetServerSocket *sock;
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
    if (chmod(path, mode) < 0 || listen(fd, 64) < 0) {
        virReportSystemError(errno, "cannot listen on '%s'", path);
        close(fd);
        unlink(path);
        return -1;
    }
    sock = g_new0(virNetServerSocket, 1);
    sock->fd = fd;
    sock->path = g_strdup(path);
    sock->readonly = readonly;
    g_ptr_array_add(srv->sockets, sock);
    return 0;
}

typedef struct {
    virNetServer *srv;
    virNetServerSocket *sock;
} virNetServerAcceptArgs;

/* Over max clients: answer the connection's first call with an error
 * saying so, then close it (in a thread of its own, so that a client
 * that sends nothing holds up nobody). */
static gpointer
virNetServerRefuseThread(gpointer data)
{
    virNetServerClient *tmp = data;
    virNetMessageHeader hdr;
    g_auto(virNetBuf) body = { 0 };
    struct timeval tv = { .tv_sec = 10 };

    setsockopt(tmp->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (virNetReadMessage(tmp->fd, tmp->srv->maxMessage, &hdr, &body) == 1 &&
        hdr.type == VIR_NET_CALL) {
        virReportError(VIR_ERR_RPC,
                       "too many clients: the daemon serves at most %u connections",
                       tmp->srv->maxClients);
        virNetServerClientReply(tmp, &hdr, NULL);
    }
    close(tmp->fd);
    g_mutex_clear(&tmp->wlock);
    g_free(tmp);
    return NULL;
}

static void
virNetServerRefuse(virNetServer *srv, int fd)
{
    virNetServerClient *tmp = g_new0(virNetServerClient, 1);

    tmp->srv = srv;
    tmp->fd = fd;
    g_mutex_init(&tmp->wlock);
    g_thread_unref(g_thread_new("virtkitd-refuse", virNetServerRefuseThread, tmp));
}

void
virNetServerSetMaxClients(virNetServer *srv, unsigned int maxClients)
{
    srv->maxClients = maxClients;
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
        GThread *t;
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
        if (srv->maxClients &&
            (unsigned int)g_atomic_int_get(&srv->nclients) >= srv->maxClients) {
            virNetServerRefuse(srv, fd);
            continue;
        }
        g_atomic_int_inc(&srv->nclients);
        client = g_new0(virNetServerClient, 1);
        client->refs = 1;
        client->srv = srv;
        client->fd = fd;
        client->readonly = sock->readonly;
        g_mutex_init(&client->wlock);
        client->priv = srv->cbs.clientNew ? srv->cbs.clientNew(client, srv->opaque) : NULL;
        t = g_thread_new("virtkitd-client", virNetServerClientReader, client);
        g_thread_unref(t);
    }
    return NULL;
}

int
virNetServerStart(virNetServer *srv)
{
    guint i;

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
    for (i = 0; i < srv->sockets->len; i++) {
        virNetServerSocket *sock = g_ptr_array_index(srv->sockets, i);

        if (sock->thread)
            g_thread_join(sock->thread);
        close(sock->fd);
        unlink(sock->path);
    }
}
