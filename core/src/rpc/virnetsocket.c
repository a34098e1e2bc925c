/*
 * virnetsocket.c: the transports under the remote protocol (see
 * virnetsocket.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetsocket.h"

#define VIR_FROM_THIS VIR_FROM_RPC

struct _virNetSocket {
    int fd;
    virNetTLSSession *tls;       /* NULL: plain */
    pid_t child;                 /* 0: no command behind it */
    int errfd;                   /* the command's standard error, or -1 */
};

static virNetSocket *
virNetSocketWrap(int fd)
{
    virNetSocket *sock = g_new0(virNetSocket, 1);

    sock->fd = fd;
    sock->errfd = -1;
    return sock;
}

virNetSocket *
virNetSocketNewFD(int fd)
{
    return virNetSocketWrap(fd);
}

virNetSocket *
virNetSocketNewUnix(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "socket path '%s' is too long", path);
        return NULL;
    }
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", "cannot create a socket");
        return NULL;
    }
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        virReportSystemError(errno, "failed to connect to the socket '%s'", path);
        close(fd);
        return NULL;
    }
    return virNetSocketWrap(fd);
}

virNetSocket *
virNetSocketNewTCP(const char *host, const char *port)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_ADDRCONFIG,
    };
    struct addrinfo *ai = NULL;
    struct addrinfo *cur;
    int saved = ECONNREFUSED;
    int fd = -1;
    int rc;

    if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                       host, port, gai_strerror(rc));
        return NULL;
    }
    for (cur = ai; cur; cur = cur->ai_next) {
        int one = 1;

        if ((fd = socket(cur->ai_family, cur->ai_socktype | SOCK_CLOEXEC,
                         cur->ai_protocol)) < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        if (connect(fd, cur->ai_addr, cur->ai_addrlen) == 0)
            break;
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(ai);
    if (fd < 0) {
        virReportSystemError(saved, "unable to connect to server at '%s:%s'", host, port);
        return NULL;
    }
    return virNetSocketWrap(fd);
}

virNetSocket *
virNetSocketNewCommand(const char *const *argv)
{
    int sv[2];
    int errp[2];
    g_autofree char *cantrun = NULL;
    virNetSocket *sock;
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        virReportSystemError(errno, "%s", "cannot create a socket pair");
        return NULL;
    }
    if (pipe2(errp, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create a pipe");
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    /* the message is made before fork: the child may only write it */
    cantrun = g_strdup_printf("virtkit: cannot execute binary %s: ", argv[0]);
    if ((pid = fork()) < 0) {
        virReportSystemError(errno, "cannot run '%s'", argv[0]);
        close(sv[0]);
        close(sv[1]);
        close(errp[0]);
        close(errp[1]);
        return NULL;
    }
    if (pid == 0) {
        sigset_t none;

        /* only async-signal-safe calls from here: the parent has threads */
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        if (dup2(sv[1], STDIN_FILENO) < 0 || dup2(sv[1], STDOUT_FILENO) < 0 ||
            dup2(errp[1], STDERR_FILENO) < 0)
            _exit(127);
        /* its own session: a terminal's ^C is the caller's, not ssh's */
        setsid();
        execvp(argv[0], (char *const *)argv);
        {
            const char *why = strerror(errno);

            if (write(STDERR_FILENO, cantrun, strlen(cantrun)) < 0 ||
                write(STDERR_FILENO, why, strlen(why)) < 0)
                _exit(127);
        }
        _exit(127);
    }
    close(sv[1]);
    close(errp[1]);
    fcntl(errp[0], F_SETFL, O_NONBLOCK);
    sock = virNetSocketWrap(sv[0]);
    sock->child = pid;
    sock->errfd = errp[0];
    return sock;
}

int
virNetSocketStartTLS(virNetSocket *sock, virNetTLSContext *ctx, const char *hostname)
{
    virNetTLSSession *tls;

    if (!(tls = virNetTLSSessionNew(ctx, sock->fd, hostname)))
        return -1;
    if (virNetTLSSessionHandshake(tls) < 0) {
        virNetTLSSessionFree(tls);
        return -1;
    }
    sock->tls = tls;
    return 0;
}

const char *
virNetSocketPeerDN(virNetSocket *sock)
{
    return sock->tls ? virNetTLSSessionPeerDN(sock->tls) : NULL;
}

bool
virNetSocketIsCommand(virNetSocket *sock)
{
    return sock->child > 0;
}

int
virNetSocketFD(virNetSocket *sock)
{
    return sock->fd;
}

size_t
virNetSocketPending(virNetSocket *sock)
{
    return sock->tls ? virNetTLSSessionPending(sock->tls) : 0;
}

/* What the command wrote on its standard error, without the last
 * newline (empty when nothing). */
static char *
virNetSocketCommandErrors(virNetSocket *sock)
{
    GString *out = g_string_new(NULL);
    char buf[1024];
    ssize_t n;

    while (sock->errfd >= 0 && (n = read(sock->errfd, buf, sizeof(buf))) > 0)
        g_string_append_len(out, buf, n);
    while (out->len && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == '\r'))
        g_string_truncate(out, out->len - 1);
    return g_string_free(out, FALSE);
}

/* The command behind SOCK ended: report what it said, as libvirt does. */
static void
virNetSocketCommandEnded(virNetSocket *sock)
{
    g_autofree char *said = NULL;

    if (sock->errfd >= 0) {
        struct pollfd pfd = { .fd = sock->errfd, .events = POLLIN };

        /* its standard error is readable once it wrote or exited */
        poll(&pfd, 1, 5000);
    }
    said = virNetSocketCommandErrors(sock);
    virReportSystemError(ECONNRESET, "Cannot recv data: %s", said);
}

ssize_t
virNetSocketRead(virNetSocket *sock, void *buf, size_t len)
{
    ssize_t n;

    do {
        n = sock->tls ? virNetTLSSessionRead(sock->tls, buf, len) : read(sock->fd, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && !(sock->child && errno == ECONNRESET)) {
        virReportSystemError(errno, "%s", "cannot read from the connection");
        return -1;
    }
    if (n <= 0 && sock->child) {
        virNetSocketCommandEnded(sock);
        return -1;
    }
    return n;
}

int
virNetSocketWriteAll(virNetSocket *sock, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = sock->tls ? virNetTLSSessionWrite(sock->tls, p, len)
                              : send(sock->fd, p, len, MSG_NOSIGNAL);

        if (n < 0 && errno == ENOTSOCK)
            n = write(sock->fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (sock->child && (errno == EPIPE || errno == ECONNRESET))
                virNetSocketCommandEnded(sock);
            else
                virReportSystemError(errno, "%s", "cannot write to the connection");
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}

void
virNetSocketSetTimeout(virNetSocket *sock, int seconds)
{
    struct timeval tv = { .tv_sec = seconds };

    setsockopt(sock->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(sock->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

void
virNetSocketShutdown(virNetSocket *sock)
{
    shutdown(sock->fd, SHUT_RDWR);
}

/* Wait up to TIMEOUT ms for PID to end; true when it has been reaped. */
static bool
virNetSocketReap(pid_t pid, int timeout)
{
    int pidfd = syscall(SYS_pidfd_open, pid, 0);
    int status;

    if (pidfd >= 0) {
        struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

        poll(&pfd, 1, timeout);
        close(pidfd);
    }
    return waitpid(pid, &status, WNOHANG) == pid;
}

void
virNetSocketFree(virNetSocket *sock)
{
    if (!sock)
        return;
    virNetTLSSessionFree(sock->tls);
    close(sock->fd);
    if (sock->child > 0) {
        /* stopped as libvirt stops it: TERM, then KILL when it lingers */
        if (!virNetSocketReap(sock->child, 0)) {
            kill(sock->child, SIGTERM);
            if (!virNetSocketReap(sock->child, 5000)) {
                kill(sock->child, SIGKILL);
                waitpid(sock->child, NULL, 0);
            }
        }
    }
    if (sock->errfd >= 0)
        close(sock->errfd);
    g_free(sock);
}
