/*
 * virtkit_ssh_helper.c: the far end of DRIVER+ssh:// connections.
 *
 *   virtkit-ssh-helper [--readonly] URI
 *
 * ssh runs it on the daemon's host; it connects to the daemon's socket
 * for URI (its ?socket= parameter, else the system daemon's socket for
 * root and the user's own daemon's otherwise; the read-only socket with
 * --readonly) and copies bytes both ways between that socket and its
 * standard input and output until either side ends.  The remote protocol
 * passes through untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "virerror.h"
#include "virnetsocket.h"
#include "viruri.h"

/* Copy what is readable on FROM to TO; false at the end of FROM or on an
 * error. */
static bool
relay(int from, int to)
{
    char buf[65536];
    ssize_t n = read(from, buf, sizeof(buf));
    ssize_t off = 0;

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0)
        return false;
    while (off < n) {
        ssize_t w = write(to, buf + off, n - off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return false;
        off += w;
    }
    return true;
}

static char *
socketPath(const virURI *uri, bool readonly)
{
    const char *sock = virURIGetParam(uri, "socket");
    const char *suffix = readonly ? "-ro" : "";

    if (sock && *sock)
        return g_strdup(sock);
    if (geteuid() == 0)
        return g_strdup_printf("/run/virtkit/virtkit-sock%s", suffix);
    return g_strdup_printf("%s/virtkit/virtkit-sock%s", g_get_user_runtime_dir(), suffix);
}

int
main(int argc, char **argv)
{
    gboolean readonly = FALSE;
    GOptionEntry entries[] = {
        { "readonly", 'r', 0, G_OPTION_ARG_NONE, &readonly,
          "use the daemon's read-only socket", NULL },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("URI - join stdin/stdout to virtkitd");
    g_autoptr(GError) gerr = NULL;
    g_autoptr(virURI) uri = NULL;
    g_autofree char *path = NULL;
    g_autoptr(virNetSocket) sock = NULL;
    bool inOpen = true;
    int fd;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &gerr) || argc != 2) {
        fprintf(stderr, "virtkit-ssh-helper: %s\n",
                gerr ? gerr->message : "expected one URI");
        return 2;
    }
    if (!(uri = virURIParse(argv[1]))) {
        fprintf(stderr, "virtkit-ssh-helper: %s\n", virErrorEnsureLast()->message);
        return 2;
    }
    path = socketPath(uri, readonly);
    if (!(sock = virNetSocketNewUnix(path))) {
        fprintf(stderr, "virtkit-ssh-helper: %s\n", virErrorEnsureLast()->message);
        return 1;
    }
    fd = virNetSocketFD(sock);
    for (;;) {
        struct pollfd fds[2] = {
            { .fd = inOpen ? STDIN_FILENO : -1, .events = POLLIN },
            { .fd = fd, .events = POLLIN },
        };

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (fds[0].revents && !relay(STDIN_FILENO, fd)) {
            /* the client is done sending: let the daemon see the end */
            inOpen = false;
            shutdown(fd, SHUT_WR);
        }
        if (fds[1].revents && !relay(fd, STDOUT_FILENO))
            return 0;
    }
}
