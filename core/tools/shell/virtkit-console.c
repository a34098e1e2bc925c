/*
 * virtkit-console.c: an interactive session on a domain's console
 *
 * The terminal is put in raw mode and joined to a console stream
 * (virDomainOpenConsole) through the library's default event loop: what
 * is typed goes to the guest, what the guest writes goes to the terminal,
 * until the escape character is typed (^] unless -e says otherwise), the
 * stream ends, or it fails.  The terminal is restored in every case.
 */
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "virtkit-cmds.h"

typedef struct {
    virStreamPtr st;
    char escape;            /* the byte that ends the session */
    GByteArray *pending;    /* typed, not yet taken by the stream */
    int stdinWatch;
    bool quit;
    bool failed;            /* the stream failed (not just ended) */
} virtkitConsole;

/* The byte -e names: "^X" is Ctrl+X, a single character is itself. */
static char
virtkitConsoleEscape(const char *spec)
{
    if (!spec)
        return 0x1d;        /* ^] */
    if (spec[0] == '^' && spec[1])
        return (char)(g_ascii_toupper(spec[1]) ^ 0x40);
    return spec[0];
}

static void
virtkitConsoleStop(virtkitConsole *con, bool failed)
{
    con->quit = true;
    con->failed |= failed;
}

/* Hand what was typed to the stream, as much as it takes now; ask to be
 * told when it can take the rest. */
static void
virtkitConsoleFlush(virtkitConsole *con)
{
    int events = VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP;

    while (con->pending->len > 0) {
        int sent = virStreamSend(con->st, (const char *)con->pending->data, con->pending->len);

        if (sent == -2)
            break;
        if (sent < 0) {
            virtkitConsoleStop(con, true);
            return;
        }
        g_byte_array_remove_range(con->pending, 0, sent);
    }
    if (con->pending->len > 0)
        events |= VIR_STREAM_EVENT_WRITABLE;
    virStreamEventUpdateCallback(con->st, events);
}

static void
virtkitConsoleStdin(int watch G_GNUC_UNUSED, int fd, int events, void *opaque)
{
    virtkitConsole *con = opaque;
    char buf[1024];
    ssize_t got;
    ssize_t i;

    if (!(events & VIR_EVENT_HANDLE_READABLE)) {
        virtkitConsoleStop(con, false);
        return;
    }
    got = read(fd, buf, sizeof(buf));
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (got <= 0) {
        virtkitConsoleStop(con, false);
        return;
    }
    for (i = 0; i < got; i++) {
        if (buf[i] == con->escape) {
            virtkitConsoleStop(con, false);
            break;
        }
    }
    g_byte_array_append(con->pending, (const guint8 *)buf, i);
    virtkitConsoleFlush(con);
}

static bool
virtkitWriteAll(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t done = write(fd, buf, len);

        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return false;
        buf += done;
        len -= done;
    }
    return true;
}

static void
virtkitConsoleStream(virStreamPtr st, int events, void *opaque)
{
    virtkitConsole *con = opaque;

    if (events & VIR_STREAM_EVENT_READABLE) {
        char buf[4096];
        int got;

        while ((got = virStreamRecv(st, buf, sizeof(buf))) > 0) {
            if (!virtkitWriteAll(STDOUT_FILENO, buf, got)) {
                virtkitConsoleStop(con, false);
                return;
            }
        }
        if (got == 0) {
            virtkitConsoleStop(con, false);
            return;
        }
        if (got == -1) {
            virtkitConsoleStop(con, true);
            return;
        }
    }
    if (events & VIR_STREAM_EVENT_WRITABLE)
        virtkitConsoleFlush(con);
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
        virtkitConsoleStop(con, (events & VIR_STREAM_EVENT_ERROR) != 0);
}

bool
virtkitRunConsole(vshControl *ctl, virDomainPtr dom, const char *devname, unsigned int flags)
{
    virtkitConsole con = { .escape = virtkitConsoleEscape(ctl->escapeChar), .stdinWatch = -1 };
    g_autoptr(GByteArray) pending = g_byte_array_new();
    struct termios saved;
    struct termios raw;
    bool rawMode = false;
    bool opened = false;
    bool ok = false;

    if (!isatty(STDIN_FILENO)) {
        vshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }
    if (virEventRegisterDefaultImpl() < 0)
        return false;
    con.pending = pending;
    vshPrintExtra(ctl, "Connected to domain '%s'\n", virDomainGetName(dom));
    if (ctl->escapeChar && ctl->escapeChar[0] != '^')
        vshPrintExtra(ctl, "Escape character is %s\n", ctl->escapeChar);
    else
        vshPrintExtra(ctl, "Escape character is %s (Ctrl + %c)\n",
                      ctl->escapeChar ? ctl->escapeChar : "^]",
                      ctl->escapeChar ? ctl->escapeChar[1] : ']');
    fflush(stdout);

    if (!(con.st = virStreamNew(virDomainGetConnect(dom), VIR_STREAM_NONBLOCK)))
        return false;
    if (virDomainOpenConsole(dom, devname, con.st, flags) < 0)
        goto cleanup;
    opened = true;
    if (virStreamEventAddCallback(con.st,
                                  VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR |
                                  VIR_STREAM_EVENT_HANGUP,
                                  virtkitConsoleStream, &con, NULL) < 0)
        goto cleanup;
    if ((con.stdinWatch = virEventAddHandle(STDIN_FILENO, VIR_EVENT_HANDLE_READABLE,
                                            virtkitConsoleStdin, &con, NULL)) < 0)
        goto cleanup;

    if (tcgetattr(STDIN_FILENO, &saved) == 0) {
        raw = saved;
        cfmakeraw(&raw);
        rawMode = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
    }
    while (!con.quit) {
        if (virEventRunDefaultImpl() < 0)
            break;
    }
    if (rawMode)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    ok = !con.failed;

 cleanup:
    if (con.stdinWatch >= 0)
        virEventRemoveHandle(con.stdinWatch);
    if (opened && ok) {
        /* leaving by the escape character or at the stream's end */
        virStreamEventRemoveCallback(con.st);
        virStreamAbort(con.st);
        vshResetLibvirtError();
    }
    virStreamFree(con.st);
    return ok;
}
