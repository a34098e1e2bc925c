/*
 * virtkitd.c: the daemon that serves virtkit's drivers over the remote
 * protocol.
 *
 *   virtkitd [--config FILE] [--root DIR] [--listen] [--pidfile FILE]
 *            [--workers N] [--max-clients N] [--max-message BYTES] [--verbose]
 *
 * With --root every path lives under DIR (ROOT/etc/virtkit/virtkitd.conf,
 * ROOT/run/virtkit/virtkit-sock and virtkit-sock-ro, ROOT/etc/pki/...),
 * so tests run several daemons side by side, unprivileged.  Without it:
 * /run/virtkit for root, $XDG_RUNTIME_DIR/virtkit otherwise.  The
 * configuration file and --listen are virtkitd_server.c's business
 * (docs/daemon.md).
 *
 * The main thread runs the event loop (drivers deliver their events from
 * it); accepting, reading clients and running calls happen in the
 * server's threads (core/src/rpc/virnetserver.c).  SIGTERM and SIGINT
 * stop the daemon cleanly: sockets and the pid file are removed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

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

int
main(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autofree char *config = NULL;
    g_autofree char *pidfile = NULL;
    gboolean verbose = FALSE;
    gboolean listen = FALSE;
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

    opts.root = root;
    opts.config = config;
    opts.listen = listen;
    opts.verbose = verbose;
    opts.workers = workers;
    opts.maxClients = maxClients;
    opts.maxMessage = maxMessage;
    if (!(srv = virtkitdServerStart(&opts, &remoteServerCallbacks)))
        return 1;
    if (pidfile && writePidfile(pidfile) < 0) {
        virtkitdServerStop(srv);
        return 1;
    }

    while (!quitting) {
        if (virEventRunDefaultImpl() < 0)
            break;
    }

    if (verbose)
        fprintf(stderr, "virtkitd: stopping\n");
    virtkitdServerStop(srv);
    if (pidfile)
        unlink(pidfile);
    /* clients' threads may still be inside calls: leave without waiting */
    fflush(stderr);
    _exit(0);
}
