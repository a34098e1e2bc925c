/*
 * virtkitd.c: the daemon that serves virtkit's drivers over the remote
 * protocol.
 *
 *   virtkitd [--config FILE] [--root DIR | --session] [--listen] [--daemon]
 *            [--pidfile FILE] [--timeout SECONDS] [--workers N]
 *            [--max-clients N] [--max-message BYTES] [--verbose]
 *
 * With --root every path lives under DIR (ROOT/etc/virtkit/virtkitd.conf,
 * ROOT/run/virtkit/virtkit-sock and virtkit-sock-ro, ROOT/etc/pki/..., the
 * QEMU driver's ROOT/etc/virtkit/qemu, ROOT/run/virtkit/qemu ...:
 * docs/daemon-paths.md), so tests run several daemons side by side,
 * unprivileged; such a daemon serves qemu:///system.  Without it:
 * /run/virtkit and the system paths for root (qemu:///system),
 * $XDG_RUNTIME_DIR/virtkit and the user's folders otherwise or with
 * --session (qemu:///session, which the remote driver starts on demand
 * with --session, root's included).  The configuration file and --listen
 * are virtkitd_server.c's business (docs/daemon.md).
 *
 * One daemon per socket folder: RUNDIR/virtkitd.pid is locked for the
 * daemon's life, and holds its pid once the sockets listen.
 *
 * The main thread runs the event loop (drivers deliver their events from
 * it); accepting, reading clients and running calls happen in the
 * server's threads (core/src/rpc/virnetserver.c).  SIGTERM and SIGINT
 * stop the daemon cleanly: sockets and the pid file are removed, and the
 * guests keep running (each QEMU leads a session of its own); the next
 * daemon reattaches to them.  The daemon is the parent of the QEMUs it
 * starts and reaps them itself (core/src/util/vircommand.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "qemu_driver.h"
#include "remote_dispatch.h"
#include "virerror.h"
#include "virlog.h"
#include "virnetserver.h"
#include "virtkitd_server.h"

static int quitPipe[2] = { -1, -1 };
static volatile sig_atomic_t quitting;

static void
onSignal(int sig)
{
    int saved = errno;

    quitting = 1;
    if (write(quitPipe[1], "q", 1) < 0) {
        /* the loop wakes on its own next time round */
    }
    errno = saved;
}

static void
onQuitPipe(int watch, int fd, int events, void *opaque)
{
    char buf[16];

    if (read(fd, buf, sizeof(buf)) < 0) {
        /* nothing to do: QUITTING is what counts */
    }
}

static int
writePidfile(const char *path)
{
    g_autofree char *text = g_strdup_printf("%lld\n", (long long)getpid());
    g_autoptr(GError) gerr = NULL;

    if (!g_file_set_contents(path, text, -1, &gerr)) {
        fprintf(stderr, "virtkitd: cannot write the pid file: %s\n", gerr->message);
        return -1;
    }
    return 0;
}

static void
quietErrors(void *data, virErrorPtr err)
{
}

static void
verboseErrors(void *data, virErrorPtr err)
{
    if (err && err->message)
        fprintf(stderr, "virtkitd: error: %s\n", err->message);
}


/* ------------------------------------------------------------------ */
/* --daemon, the lock, the idle timeout                               */

/* --daemon: fork; the child goes on in a session of its own, the parent
 * waits until the child says it is ready (virtkitdDaemonReady: a byte on
 * the pipe) or gives up (the pipe closes unwritten: it exited), and exits
 * 0 or 1.  So `virtkitd --daemon` returning 0 means the sockets listen.
 * Returns the pipe's write end in the child, -1 on failure. */
static int
virtkitdDaemonize(void)
{
    int pfd[2];
    pid_t pid;
    char c;
    ssize_t n;

    if (pipe2(pfd, O_CLOEXEC) < 0) {
        perror("virtkitd: pipe");
        return -1;
    }
    if ((pid = fork()) < 0) {
        perror("virtkitd: fork");
        return -1;
    }
    if (pid > 0) {
        close(pfd[1]);
        do {
            n = read(pfd[0], &c, 1);
        } while (n < 0 && errno == EINTR);
        /* the child, still starting when it failed, is ours to reap */
        if (n != 1)
            waitpid(pid, NULL, 0);
        _exit(n == 1 ? 0 : 1);
    }
    close(pfd[0]);
    if (setsid() < 0) {
        perror("virtkitd: setsid");
        return -1;
    }
    return pfd[1];
}

/* Tell the waiting parent of --daemon that we listen; from now on
 * standard input and output (and error unless VERBOSE) go nowhere. */
static void
virtkitdDaemonReady(int readyFd, bool verbose)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);

    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        if (!verbose)
            dup2(null, STDERR_FILENO);
        close(null);
    }
    if (write(readyFd, "r", 1) < 0) {
        /* the parent is gone: nobody waits */
    }
    close(readyFd);
}

/* Lock RUNDIR/virtkitd.pid for the daemon's life (one daemon per socket
 * folder: a second one, e.g. two clients starting the session daemon at
 * once, stops here instead of taking the sockets away).  Returns the
 * locked descriptor, or -1 with the reason on standard error. */
static char *lockPath;

static int
virtkitdLockRundir(const char *rundir)
{
    const char *path = lockPath = g_build_filename(rundir, "virtkitd.pid", NULL);
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        fprintf(stderr, "virtkitd: cannot open %s: %s\n", path, g_strerror(errno));
        return -1;
    }
    if (fcntl(fd, F_SETLK, &lock) < 0) {
        fprintf(stderr, "virtkitd: another virtkitd serves %s (%s is locked)\n",
                rundir, path);
        close(fd);
        return -1;
    }
    if (ftruncate(fd, 0) < 0) {
        /* a stale pid stays until we write ours */
    }
    return fd;
}

/* At exit, before the lock goes with the process. */
static void
virtkitdLockRemove(void)
{
    if (lockPath)
        unlink(lockPath);
}

/* Our pid in the locked file, once the sockets listen. */
static void
virtkitdLockWritePid(int lockfd)
{
    g_autofree char *text = g_strdup_printf("%lld\n", (long long)getpid());

    if (pwrite(lockfd, text, strlen(text), 0) < 0) {
        /* the lock is what matters */
    }
}

/* --timeout: with no client and no running guest for that long, the
 * daemon exits (the session daemon the remote driver starts).  Clients
 * are counted around the dispatcher's callbacks; when the count drops to
 * zero the main loop is woken (idleWake) and arms a timer, which fires
 * every TIMEOUT seconds while no client comes and stops the daemon the
 * first time no guest runs either. */
static struct {
    int timeout;                /* seconds; 0: never */
    gint clients;               /* atomic */
    int timer;                  /* the armed timer, or -1 */
    int wake[2];                /* a client came or went */
    virNetServerCallbacks cbs;  /* remoteServerCallbacks, counted */
} idle = { .timer = -1, .wake = { -1, -1 } };

static void
virtkitdIdleWake(void)
{
    if (idle.timeout > 0 && write(idle.wake[1], "c", 1) < 0) {
        /* the pipe is full: the loop is awake anyway */
    }
}

static void *
virtkitdClientNew(virNetServerClient *client, void *opaque)
{
    g_atomic_int_inc(&idle.clients);
    virtkitdIdleWake();
    return remoteServerCallbacks.clientNew(client, opaque);
}

static void
virtkitdClientFree(void *priv)
{
    remoteServerCallbacks.clientFree(priv);
    if (g_atomic_int_dec_and_test(&idle.clients))
        virtkitdIdleWake();
}

static void
virtkitdIdleTimer(int timer, void *opaque)
{
    if (g_atomic_int_get(&idle.clients) > 0 || qemuDaemonHasActive())
        return;
    if (opaque)
        fprintf(stderr, "virtkitd: idle for %d s: exiting\n", idle.timeout);
    quitting = 1;
}

/* In the main loop: arm the timer when no client is left, drop it when
 * one comes. */
static void
virtkitdIdleUpdate(int watch, int fd, int events, void *opaque)
{
    char buf[64];
    bool none = g_atomic_int_get(&idle.clients) == 0;

    if (read(fd, buf, sizeof(buf)) < 0) {
        /* nothing to read: the count is what matters */
    }
    if (none && idle.timer < 0) {
        idle.timer = virEventAddTimeout(idle.timeout * 1000, virtkitdIdleTimer,
                                        opaque, NULL);
    } else if (!none && idle.timer >= 0) {
        virEventRemoveTimeout(idle.timer);
        idle.timer = -1;
    }
}

/* The server callbacks, counting clients when --timeout asks for it
 * (the idle timer starts at once: no client yet); NULL on failure. */
static const virNetServerCallbacks *
virtkitdIdleSetup(int timeout, bool verbose)
{
    idle.timeout = timeout;
    if (timeout <= 0)
        return &remoteServerCallbacks;
    idle.cbs = remoteServerCallbacks;
    idle.cbs.clientNew = virtkitdClientNew;
    idle.cbs.clientFree = virtkitdClientFree;
    if (pipe2(idle.wake, O_CLOEXEC | O_NONBLOCK) < 0 ||
        virEventAddHandle(idle.wake[0], VIR_EVENT_HANDLE_READABLE, virtkitdIdleUpdate,
                          verbose ? &idle : NULL, NULL) < 0)
        return NULL;
    virtkitdIdleWake();
    return &idle.cbs;
}

/* The QEMU driver in the daemon: qemu:///system (with --root, or as root
 * without SESSION) or qemu:///session, one state shared by every client;
 * running guests are reattached and autostart domains started now.  0,
 * or -1 said. */
static int
virtkitdSetupQEMU(const char *root, bool session)
{
    bool privileged = !session && (root || geteuid() == 0);

    if (qemuDaemonInit(root, privileged) < 0) {
        fprintf(stderr, "virtkitd: cannot start the QEMU driver: %s\n",
                virGetLastErrorMessage());
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autofree char *config = NULL;
    g_autofree char *pidfile = NULL;
    g_autofree char *rundir = NULL;
    gboolean verbose = FALSE;
    gboolean daemonize = FALSE;
    gboolean session = FALSE;
    gboolean listen = FALSE;
    gint timeout = 0;
    int readyFd = -1;
    int lockfd;
    const virNetServerCallbacks *cbs;
    gint workers = 0;
    gint maxClients = 0;
    gint64 maxMessage = VIR_NET_MESSAGE_MAX_DEFAULT;
    GOptionEntry entries[] = {
        { "config", 'f', 0, G_OPTION_ARG_FILENAME, &config,
          "configuration file (default ROOT/etc/virtkit/virtkitd.conf)", "FILE" },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "keep every path (sockets, state) under DIR", "DIR" },
        { "listen", 'l', 0, G_OPTION_ARG_NONE, &listen,
          "listen for TLS and TCP connections as the configuration says", NULL },
        { "pidfile", 0, 0, G_OPTION_ARG_FILENAME, &pidfile,
          "write the daemon's pid to FILE", "FILE" },
        { "session", 0, 0, G_OPTION_ARG_NONE, &session,
          "serve qemu:///session from the user's folders, even as root", NULL },
        { "daemon", 'd', 0, G_OPTION_ARG_NONE, &daemonize,
          "run in the background; return once the sockets listen", NULL },
        { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout,
          "exit after SECONDS with no client and no running guest", "SECONDS" },
        { "workers", 0, 0, G_OPTION_ARG_INT, &workers,
          "threads running calls (default: max_workers, 20)", "N" },
        { "max-clients", 0, 0, G_OPTION_ARG_INT, &maxClients,
          "serve at most N connections at once (default: max_clients, 5000)", "N" },
        { "max-message", 0, 0, G_OPTION_ARG_INT64, &maxMessage,
          "refuse messages longer than BYTES, before reading them (default 32 MiB)", "BYTES" },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
          "say what happens on standard error", NULL },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("- the virtkit daemon");
    g_autoptr(GError) gerr = NULL;
    struct sigaction sa = { .sa_handler = onSignal };
    virNetServer *srv;
    virtkitdOptions opts = { 0 };

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
        fprintf(stderr, "virtkitd: %s\n", gerr->message);
        return 2;
    }
    if (maxMessage < 1024 || maxMessage > G_MAXUINT32) {
        fprintf(stderr, "virtkitd: --max-message must be between 1024 and %u\n", G_MAXUINT32);
        return 2;
    }
    if (maxClients < 0) {
        fprintf(stderr, "virtkitd: --max-clients must be at least 1\n");
        return 2;
    }
    if (workers < 0 || workers > 256) {
        fprintf(stderr, "virtkitd: --workers must be between 1 and 256\n");
        return 2;
    }
    if (timeout < 0) {
        fprintf(stderr, "virtkitd: --timeout must not be negative\n");
        return 2;
    }
    if (root && session) {
        fprintf(stderr, "virtkitd: --root and --session exclude each other\n");
        return 2;
    }
    if (root) {
        char *abs = g_canonicalize_filename(root, NULL);

        g_free(root);
        root = abs;
    }

    if (root)
        rundir = g_build_filename(root, "run", "virtkit", NULL);
    else if (geteuid() == 0 && !session)
        rundir = g_strdup("/run/virtkit");
    else
        rundir = g_build_filename(g_get_user_runtime_dir(), "virtkit", NULL);
    if (g_mkdir_with_parents(rundir, 0755) < 0) {
        fprintf(stderr, "virtkitd: cannot create %s: %s\n", rundir, g_strerror(errno));
        return 1;
    }
    /* before any thread starts */
    if (daemonize && (readyFd = virtkitdDaemonize()) < 0)
        return 1;
    if ((lockfd = virtkitdLockRundir(rundir)) < 0)
        return 1;

    virSetErrorFunc(NULL, verbose ? verboseErrors : quietErrors);

    signal(SIGPIPE, SIG_IGN);
    if (pipe2(quitPipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        perror("virtkitd: pipe");
        return 1;
    }
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    if (virEventRegisterDefaultImpl() < 0 ||
        virEventAddHandle(quitPipe[0], VIR_EVENT_HANDLE_READABLE, onQuitPipe, NULL, NULL) < 0) {
        fprintf(stderr, "virtkitd: cannot start the event loop\n");
        return 1;
    }

    if (virtkitdSetupQEMU(root, session) < 0)
        return 1;
    if (!(cbs = virtkitdIdleSetup(timeout, verbose))) {
        fprintf(stderr, "virtkitd: cannot watch for idleness\n");
        return 1;
    }
    opts.root = root;
    opts.rundir = rundir;
    opts.config = config;
    opts.listen = listen;
    opts.verbose = verbose;
    opts.workers = workers;
    opts.maxClients = maxClients;
    opts.maxMessage = maxMessage;
    if (!(srv = virtkitdServerStart(&opts, cbs)))
        return 1;
    if (pidfile && writePidfile(pidfile) < 0) {
        virtkitdServerStop(srv);
        return 1;
    }
    virtkitdLockWritePid(lockfd);
    if (readyFd >= 0)
        virtkitdDaemonReady(readyFd, verbose);

    while (!quitting) {
        if (virEventRunDefaultImpl() < 0)
            break;
    }

    if (verbose)
        fprintf(stderr, "virtkitd: stopping\n");
    virtkitdServerStop(srv);
    if (pidfile)
        unlink(pidfile);
    virtkitdLockRemove();
    /* clients' threads may still be inside calls: leave without waiting */
    fflush(stderr);
    _exit(0);
}
