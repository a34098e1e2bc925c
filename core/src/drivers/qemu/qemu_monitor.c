/*
 * qemu_monitor.c: a QMP client over a unix socket
 *
 * QMP is newline separated JSON in both directions.  A reader thread owns
 * the receiving side: it splits the stream into lines, parses each one and
 * sorts it into the greeting, a reply (matched to its sender through the
 * "id" we put on every command) or an event (handed to the callback).
 * Senders write their command under a write lock, then sleep on the
 * monitor's condition variable until the reader has filed their reply or
 * seen the end of the stream; nothing ever waits without a way out,
 * because the end of the stream wakes every sleeper.
 *
 * Lifetime: the monitor is reference counted.  The owner holds one
 * reference, the reader thread one, and each command in flight one, so a
 * qemuMonitorClose() racing a command in another thread frees nothing the
 * command still touches.
 *
 * See qemu_monitor.h for the contract of the callback.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "qemu_monitor.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

struct _qemuMonitor {
    gint refs;
    int fd;

    GMutex lock;            /* guards everything below except the fd */
    GCond cond;             /* broadcast on a reply, the greeting, the end */
    GMutex write_lock;      /* one command on the wire at a time */

    GThread *reader;
    GHashTable *pending;    /* id -> qemuMonitorPending (not owned) */
    guint64 next_id;

    bool greeted;
    unsigned long long version;

    bool eof;               /* the reader has stopped */
    bool closing;           /* the owner called qemuMonitorClose */
    int eof_errno;          /* 0: orderly EOF, else the read error */

    qemuMonitorEventCallback cb;
    void *opaque;
};

typedef struct {
    char *id;
    JsonNode *reply;        /* the whole reply object once it arrived */
} qemuMonitorPending;

/* The monitor whose reader is the calling thread, if any. */
static __thread qemuMonitor *qemuMonitorReaderSelf;


/* ------------------------------------------------------------------ */
/* Lifetime                                                           */

static qemuMonitor *
qemuMonitorRef(qemuMonitor *mon)
{
    g_atomic_int_inc(&mon->refs);
    return mon;
}

static void
qemuMonitorUnref(qemuMonitor *mon)
{
    if (!g_atomic_int_dec_and_test(&mon->refs))
        return;
    if (mon->fd >= 0)
        close(mon->fd);
    g_hash_table_unref(mon->pending);
    g_mutex_clear(&mon->lock);
    g_mutex_clear(&mon->write_lock);
    g_cond_clear(&mon->cond);
    g_free(mon);
}


/* ------------------------------------------------------------------ */
/* The reader thread                                                  */

static void
qemuMonitorHandleGreeting(qemuMonitor *mon, JsonObject *msg)
{
    JsonObject *qmp = json_object_get_object_member(msg, "QMP");
    JsonObject *version = NULL;
    JsonObject *qemu = NULL;

    if (qmp && json_object_has_member(qmp, "version"))
        version = json_object_get_object_member(qmp, "version");
    if (version && json_object_has_member(version, "qemu"))
        qemu = json_object_get_object_member(version, "qemu");

    g_mutex_lock(&mon->lock);
    if (qemu) {
        mon->version = json_object_get_int_member_with_default(qemu, "major", 0) * 1000000 +
                       json_object_get_int_member_with_default(qemu, "minor", 0) * 1000 +
                       json_object_get_int_member_with_default(qemu, "micro", 0);
    }
    mon->greeted = true;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);
}

static void
qemuMonitorHandleEvent(qemuMonitor *mon, JsonObject *msg)
{
    const char *name = json_object_get_string_member_with_default(msg, "event", NULL);
    JsonObject *data = NULL;
    long long stamp = 0;
    bool closing;

    if (!name)
        return;
    if (json_object_has_member(msg, "data") &&
        JSON_NODE_HOLDS_OBJECT(json_object_get_member(msg, "data")))
        data = json_object_get_object_member(msg, "data");
    if (json_object_has_member(msg, "timestamp") &&
        JSON_NODE_HOLDS_OBJECT(json_object_get_member(msg, "timestamp"))) {
        JsonObject *ts = json_object_get_object_member(msg, "timestamp");

        stamp = json_object_get_int_member_with_default(ts, "seconds", 0) * G_USEC_PER_SEC +
                json_object_get_int_member_with_default(ts, "microseconds", 0);
    }

    g_mutex_lock(&mon->lock);
    closing = mon->closing;
    g_mutex_unlock(&mon->lock);

    if (mon->cb && !closing)
        mon->cb(mon, name, data, stamp, mon->opaque);
}

static void
qemuMonitorHandleReply(qemuMonitor *mon, JsonNode *node)
{
    JsonObject *msg = json_node_get_object(node);
    const char *id = NULL;
    qemuMonitorPending *p;

    if (json_object_has_member(msg, "id") &&
        JSON_NODE_HOLDS_VALUE(json_object_get_member(msg, "id")))
        id = json_object_get_string_member_with_default(msg, "id", NULL);
    if (!id) {
        VIR_WARN("QEMU monitor reply without a known id ignored");
        return;
    }

    g_mutex_lock(&mon->lock);
    if ((p = g_hash_table_lookup(mon->pending, id)) && !p->reply) {
        p->reply = json_node_ref(node);
        g_cond_broadcast(&mon->cond);
    } else {
        VIR_WARN("QEMU monitor reply with unexpected id '%s' ignored", id);
    }
    g_mutex_unlock(&mon->lock);
}

static void
qemuMonitorHandleLine(qemuMonitor *mon, JsonParser *parser, const char *line, gsize len)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(JsonNode) node = NULL;
    JsonObject *msg;

    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
        len--;
    if (len == 0)
        return;

    VIR_DEBUG("QEMU monitor %p recv: %.*s", mon, (int)len, line);

    if (!json_parser_load_from_data(parser, line, len, &gerr)) {
        VIR_WARN("QEMU monitor sent text that is not JSON: %s", gerr->message);
        return;
    }
    node = json_parser_steal_root(parser);
    if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
        VIR_WARN("QEMU monitor sent JSON that is not an object");
        return;
    }
    msg = json_node_get_object(node);

    if (json_object_has_member(msg, "QMP"))
        qemuMonitorHandleGreeting(mon, msg);
    else if (json_object_has_member(msg, "event"))
        qemuMonitorHandleEvent(mon, msg);
    else if (json_object_has_member(msg, "return") ||
             json_object_has_member(msg, "error"))
        qemuMonitorHandleReply(mon, node);
    else
        VIR_WARN("QEMU monitor sent an object of unknown kind");
}

static gpointer
qemuMonitorReaderMain(gpointer opaque)
{
    qemuMonitor *mon = opaque;
    g_autoptr(JsonParser) parser = json_parser_new_immutable();
    g_autoptr(GString) buf = g_string_new(NULL);
    char chunk[65536];
    int err = 0;
    bool closing;

    qemuMonitorReaderSelf = mon;

    for (;;) {
        ssize_t got = recv(mon->fd, chunk, sizeof(chunk), 0);
        char *nl;
        gsize start = 0;

        if (got < 0) {
            if (errno == EINTR)
                continue;
            /* A peer that exits with our bytes unread resets the
             * connection: for us that is the same hangup as an EOF. */
            if (errno != ECONNRESET)
                err = errno;
            break;
        }
        if (got == 0)
            break;

        g_string_append_len(buf, chunk, got);
        while ((nl = memchr(buf->str + start, '\n', buf->len - start))) {
            gsize end = nl - buf->str;

            qemuMonitorHandleLine(mon, parser, buf->str + start, end - start);
            start = end + 1;
        }
        g_string_erase(buf, 0, start);
    }

    VIR_DEBUG("QEMU monitor %p: end of stream (errno %d)", mon, err);

    g_mutex_lock(&mon->lock);
    mon->eof = true;
    mon->eof_errno = err;
    closing = mon->closing;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);

    if (mon->cb && !closing)
        mon->cb(mon, NULL, NULL, 0, mon->opaque);

    qemuMonitorReaderSelf = NULL;
    qemuMonitorUnref(mon);
    return NULL;
}


/* ------------------------------------------------------------------ */
/* Opening and closing                                                */

static int
qemuMonitorPidfdOpen(pid_t pid)
{
#ifdef SYS_pidfd_open
    return syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/* Whether process PID has exited (a zombie counts) or does not exist;
 * for kernels without pidfds. */
static bool
qemuMonitorProcessGone(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *text = NULL;
    const char *paren;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return kill(pid, 0) < 0 && errno == ESRCH;
    /* "PID (COMM) STATE ...": COMM may hold spaces and parentheses */
    if (!(paren = strrchr(text, ')')) || !paren[1] || !paren[2])
        return false;
    return paren[2] == 'Z' || paren[2] == 'X';
}

/* Connect to PATH, waiting as qemuMonitorOpenFull describes. */
static int
qemuMonitorConnect(const char *path, pid_t pid, int timeout_ms)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    g_autofree char *dir = g_path_get_dirname(path);
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    int backoff_ms = 1;
    int ino = -1;
    int pidfd = -1;
    int ret = -1;
    int fd = -1;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("monitor socket path '%s' is too long"), path);
        return -1;
    }
    strcpy(addr.sun_path, path);

    /* A missing watch or pidfd only makes the wait coarser. */
    if ((ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) >= 0 &&
        inotify_add_watch(ino, dir, IN_CREATE | IN_MOVED_TO | IN_ATTRIB) < 0) {
        close(ino);
        ino = -1;
    }
    if (pid > 0 && (pidfd = qemuMonitorPidfdOpen(pid)) < 0 && errno == ESRCH) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("process %lld exited before its monitor socket '%s' appeared"),
                       (long long)pid, path);
        goto cleanup;
    }

    for (;;) {
        struct pollfd fds[2];
        nfds_t nfds = 0;
        gint64 left;
        int wait_ms;

        if (pid > 0 && pidfd < 0 && qemuMonitorProcessGone(pid)) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("process %lld exited before its monitor socket '%s' accepted"),
                           (long long)pid, path);
            goto cleanup;
        }

        if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
            virReportSystemError(errno, "%s", _("failed to create a unix socket"));
            goto cleanup;
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            break;
        if (errno != ENOENT && errno != ECONNREFUSED && errno != EAGAIN) {
            virReportSystemError(errno, _("failed to connect to monitor socket '%s'"), path);
            goto cleanup;
        }
        close(fd);
        fd = -1;

        left = deadline - g_get_monotonic_time();
        if (left <= 0) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("monitor socket '%s' did not accept a connection within %d ms"),
                           path, timeout_ms);
            goto cleanup;
        }
        wait_ms = MIN(backoff_ms, (left + 999) / 1000);
        backoff_ms = MIN(backoff_ms * 2, 100);

        if (ino >= 0)
            fds[nfds++] = (struct pollfd) { .fd = ino, .events = POLLIN };
        if (pidfd >= 0)
            fds[nfds++] = (struct pollfd) { .fd = pidfd, .events = POLLIN };
        if (poll(fds, nfds, wait_ms) > 0) {
            char drain[4096];

            if (pidfd >= 0 && (fds[nfds - 1].revents & POLLIN)) {
                virReportError(VIR_ERR_OPERATION_FAILED,
                               _("process %lld exited before its monitor socket '%s' accepted"),
                               (long long)pid, path);
                goto cleanup;
            }
            if (ino >= 0)
                while (read(ino, drain, sizeof(drain)) > 0)
                    ;
        }
    }

    ret = fd;
    fd = -1;

 cleanup:
    if (fd >= 0)
        close(fd);
    if (ino >= 0)
        close(ino);
    if (pidfd >= 0)
        close(pidfd);
    return ret;
}

/* Wrap the connected FD (consumed), wait for the greeting until DEADLINE
 * (monotonic µs) and negotiate capabilities. */
static qemuMonitor *
qemuMonitorStart(int fd,
                 gint64 deadline,
                 qemuMonitorEventCallback cb,
                 void *opaque)
{
    g_autoptr(GError) gerr = NULL;
    qemuMonitor *mon = g_new0(qemuMonitor, 1);
    bool greeted;

    mon->refs = 1;
    mon->fd = fd;
    mon->cb = cb;
    mon->opaque = opaque;
    mon->pending = g_hash_table_new(g_str_hash, g_str_equal);
    g_mutex_init(&mon->lock);
    g_mutex_init(&mon->write_lock);
    g_cond_init(&mon->cond);

    qemuMonitorRef(mon);
    if (!(mon->reader = g_thread_try_new("qemu-monitor", qemuMonitorReaderMain, mon, &gerr))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot start the QEMU monitor thread: %s"), gerr->message);
        qemuMonitorUnref(mon);
        qemuMonitorUnref(mon);
        return NULL;
    }

    g_mutex_lock(&mon->lock);
    while (!mon->greeted && !mon->eof &&
           g_cond_wait_until(&mon->cond, &mon->lock, deadline))
        ;
    greeted = mon->greeted;
    g_mutex_unlock(&mon->lock);

    if (!greeted) {
        if (qemuMonitorIsClosed(mon))
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("QEMU closed the monitor before greeting"));
        else
            virReportError(VIR_ERR_OPERATION_TIMEOUT, "%s",
                           _("QEMU did not send the monitor greeting in time"));
        qemuMonitorClose(mon);
        return NULL;
    }

    if (qemuMonitorCommand(mon, "qmp_capabilities", NULL, NULL) < 0) {
        qemuMonitorClose(mon);
        return NULL;
    }
    return mon;
}

qemuMonitor *
qemuMonitorOpenFull(const char *path,
                    pid_t pid,
                    int timeout_ms,
                    qemuMonitorEventCallback cb,
                    void *opaque)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    int fd;

    VIR_DEBUG("path=%s pid=%lld timeout=%d", path, (long long)pid, timeout_ms);

    if ((fd = qemuMonitorConnect(path, pid, timeout_ms)) < 0)
        return NULL;
    return qemuMonitorStart(fd, deadline, cb, opaque);
}

qemuMonitor *
qemuMonitorOpen(const char *path,
                int timeout_ms,
                qemuMonitorEventCallback cb,
                void *opaque)
{
    return qemuMonitorOpenFull(path, 0, timeout_ms, cb, opaque);
}

qemuMonitor *
qemuMonitorOpenFd(int fd,
                  int timeout_ms,
                  qemuMonitorEventCallback cb,
                  void *opaque)
{
    return qemuMonitorStart(fd, g_get_monotonic_time() + (gint64)timeout_ms * 1000,
                            cb, opaque);
}

void
qemuMonitorClose(qemuMonitor *mon)
{
    GThread *reader;

    if (!mon)
        return;

    g_mutex_lock(&mon->lock);
    mon->closing = true;
    reader = g_steal_pointer(&mon->reader);
    g_mutex_unlock(&mon->lock);

    /* Wakes the reader's recv() with an EOF; pending commands then fail. */
    shutdown(mon->fd, SHUT_RDWR);

    if (reader) {
        if (qemuMonitorReaderSelf == mon)
            g_thread_unref(reader);     /* the reader finishes by itself */
        else
            g_thread_join(reader);
    }
    qemuMonitorUnref(mon);
}

unsigned long long
qemuMonitorGetVersion(qemuMonitor *mon)
{
    unsigned long long v;

    g_mutex_lock(&mon->lock);
    v = mon->version;
    g_mutex_unlock(&mon->lock);
    return v;
}

guint
qemuMonitorGetPendingCount(qemuMonitor *mon)
{
    guint n;

    g_mutex_lock(&mon->lock);
    n = g_hash_table_size(mon->pending);
    g_mutex_unlock(&mon->lock);
    return n;
}

bool
qemuMonitorIsClosed(qemuMonitor *mon)
{
    bool eof;

    g_mutex_lock(&mon->lock);
    eof = mon->eof;
    g_mutex_unlock(&mon->lock);
    return eof;
}


/* ------------------------------------------------------------------ */
/* Sending                                                            */

/* Report why the monitor is gone (lock held). */
static void
qemuMonitorReportClosed(qemuMonitor *mon)
{
    if (mon->closing)
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", _("QEMU monitor was closed"));
    else if (mon->eof_errno)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("Unable to read from monitor: %s"), g_strerror(mon->eof_errno));
    else
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", _("End of file from qemu monitor"));
}

/* Write all of DATA, with FD attached to the first byte when >= 0. */
static int
qemuMonitorWrite(qemuMonitor *mon, const char *data, size_t len, int fd)
{
    size_t done = 0;

    while (done < len) {
        struct iovec iov = { .iov_base = (char *)data + done, .iov_len = len - done };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
        char control[CMSG_SPACE(sizeof(int))];
        ssize_t sent;

        if (fd >= 0 && done == 0) {
            struct cmsghdr *cmsg;

            memset(control, 0, sizeof(control));
            msg.msg_control = control;
            msg.msg_controllen = sizeof(control);
            cmsg = CMSG_FIRSTHDR(&msg);
            cmsg->cmsg_level = SOL_SOCKET;
            cmsg->cmsg_type = SCM_RIGHTS;
            cmsg->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
        }

        sent = sendmsg(mon->fd, &msg, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        done += sent;
    }
    return 0;
}

/* Send the command object CMD (an "id" member is added) with FD, wait for
 * the reply and return it whole in *RET_REPLY. */
static int
qemuMonitorSend(qemuMonitor *mon,
                JsonObject *cmd,
                const char *name,
                int fd,
                JsonNode **ret_reply)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
    g_autofree char *text = NULL;
    g_autofree char *wire = NULL;
    qemuMonitorPending pending = { 0 };
    int werr;
    int ret = -1;

    if (qemuMonitorReaderSelf == mon) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU command '%s' cannot wait for its reply on the monitor's own thread"),
                       name);
        return -1;
    }

    qemuMonitorRef(mon);

    g_mutex_lock(&mon->lock);
    if (mon->eof || mon->closing) {
        qemuMonitorReportClosed(mon);
        g_mutex_unlock(&mon->lock);
        goto cleanup;
    }
    pending.id = g_strdup_printf("virtkit-%" G_GUINT64_FORMAT, ++mon->next_id);
    g_hash_table_insert(mon->pending, pending.id, &pending);
    g_mutex_unlock(&mon->lock);

    json_object_set_string_member(cmd, "id", pending.id);
    json_node_set_object(root, cmd);
    json_generator_set_root(gen, root);
    text = json_generator_to_data(gen, NULL);
    wire = g_strconcat(text, "\r\n", NULL);

    VIR_DEBUG("QEMU monitor %p send%s: %s", mon, fd >= 0 ? " (with fd)" : "", text);

    g_mutex_lock(&mon->write_lock);
    werr = qemuMonitorWrite(mon, wire, strlen(wire), fd);
    g_mutex_unlock(&mon->write_lock);

    g_mutex_lock(&mon->lock);
    if (werr < 0) {
        if (mon->eof || mon->closing)
            qemuMonitorReportClosed(mon);
        else
            virReportSystemError(-werr, _("Unable to write to monitor for QEMU command '%s'"),
                                 name);
    } else {
        while (!pending.reply && !mon->eof)
            g_cond_wait(&mon->cond, &mon->lock);
        if (pending.reply)
            ret = 0;
        else
            qemuMonitorReportClosed(mon);
    }
    g_hash_table_remove(mon->pending, pending.id);
    g_mutex_unlock(&mon->lock);

    if (ret == 0)
        *ret_reply = g_steal_pointer(&pending.reply);

 cleanup:
    if (pending.reply)
        json_node_unref(pending.reply);
    g_free(pending.id);
    qemuMonitorUnref(mon);
    return ret;
}

/* Turn the whole reply REPLY to command NAME into its "return" value. */
static int
qemuMonitorCheckReply(const char *name, JsonNode *reply, JsonNode **ret_value)
{
    JsonObject *obj = json_node_get_object(reply);

    if (json_object_has_member(obj, "error")) {
        JsonNode *err = json_object_get_member(obj, "error");
        const char *desc = NULL;

        if (JSON_NODE_HOLDS_OBJECT(err))
            desc = json_object_get_string_member_with_default(json_node_get_object(err),
                                                              "desc", NULL);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unable to execute QEMU command '%s': %s"),
                       name, desc ? desc : _("unknown QEMU command error"));
        return -1;
    }
    if (ret_value) {
        JsonNode *value = json_object_get_member(obj, "return");

        *ret_value = value ? json_node_ref(value) : NULL;
    }
    return 0;
}

int
qemuMonitorCommandWithFd(qemuMonitor *mon,
                         const char *name,
                         JsonObject *args,
                         int fd,
                         JsonNode **ret_reply)
{
    g_autoptr(JsonObject) cmd = json_object_new();
    g_autoptr(JsonNode) reply = NULL;

    json_object_set_string_member(cmd, "execute", name);
    if (args)
        json_object_set_object_member(cmd, "arguments", json_object_ref(args));

    if (qemuMonitorSend(mon, cmd, name, fd, &reply) < 0)
        return -1;
    return qemuMonitorCheckReply(name, reply, ret_reply);
}

int
qemuMonitorCommand(qemuMonitor *mon,
                   const char *name,
                   JsonObject *args,
                   JsonNode **ret_reply)
{
    return qemuMonitorCommandWithFd(mon, name, args, -1, ret_reply);
}

int
qemuMonitorCommandText(qemuMonitor *mon,
                       const char *json,
                       char **ret_reply)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) gerr = NULL;
    g_autoptr(JsonNode) reply = NULL;
    JsonNode *root;
    JsonObject *cmd;
    const char *name;

    if (!json_parser_load_from_data(parser, json, -1, &gerr) ||
        !(root = json_parser_get_root(parser)) ||
        !JSON_NODE_HOLDS_OBJECT(root)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("monitor command '%s' is not a JSON object"), json);
        return -1;
    }
    cmd = json_node_get_object(root);
    name = json_object_get_string_member_with_default(cmd, "execute", NULL);
    if (!name || json_object_has_member(cmd, "id")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("monitor command '%s' needs an \"execute\" member and no \"id\""),
                       json);
        return -1;
    }

    if (qemuMonitorSend(mon, cmd, name, -1, &reply) < 0)
        return -1;
    *ret_reply = json_to_string(reply, FALSE);
    return 0;
}


/* ------------------------------------------------------------------ */
/* Reading replies                                                    */

/* The "return" of NAME as an object, or an error naming the command. */
static JsonObject *
qemuMonitorReplyObject(const char *name, JsonNode *value)
{
    if (!value || !JSON_NODE_HOLDS_OBJECT(value)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU command '%s' did not return an object"), name);
        return NULL;
    }
    return json_node_get_object(value);
}

static JsonArray *
qemuMonitorReplyArray(const char *name, JsonNode *value)
{
    if (!value || !JSON_NODE_HOLDS_ARRAY(value)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU command '%s' did not return an array"), name);
        return NULL;
    }
    return json_node_get_array(value);
}

/* An integer member, or DEF when absent or of another type. */
static long long
qemuJSONInt(JsonObject *obj, const char *key, long long def)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_INT64)
        return def;
    return json_node_get_int(n);
}

static const char *
qemuJSONStr(JsonObject *obj, const char *key)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(n);
}

static bool
qemuJSONBool(JsonObject *obj, const char *key, bool def)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_BOOLEAN)
        return def;
    return json_node_get_boolean(n);
}

static JsonObject *
qemuJSONObj(JsonObject *obj, const char *key)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) || !JSON_NODE_HOLDS_OBJECT(n))
        return NULL;
    return json_node_get_object(n);
}

/* A command without arguments whose "return" does not matter. */
static int
qemuMonitorSimple(qemuMonitor *mon, const char *name)
{
    return qemuMonitorCommand(mon, name, NULL, NULL);
}


/* ------------------------------------------------------------------ */
/* Typed commands                                                     */

int
qemuMonitorGetStatus(qemuMonitor *mon,
                     bool *ret_running,
                     char **ret_status)
{
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    const char *status;

    if (qemuMonitorCommand(mon, "query-status", NULL, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("query-status", value)))
        return -1;
    if (!(status = qemuJSONStr(obj, "status"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("QEMU command 'query-status' returned no status"));
        return -1;
    }
    *ret_running = qemuJSONBool(obj, "running", false);
    if (ret_status)
        *ret_status = g_strdup(status);
    return 0;
}

int
qemuMonitorStartCPUs(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "cont");
}

int
qemuMonitorStopCPUs(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "stop");
}

int
qemuMonitorSystemPowerdown(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "system_powerdown");
}

int
qemuMonitorSystemReset(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "system_reset");
}

int
qemuMonitorQuit(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "quit");
}

void
qemuMonitorCPUInfoFree(qemuMonitorCPUInfo *info, size_t ninfo)
{
    if (!info)
        return;
    for (size_t i = 0; i < ninfo; i++)
        g_free(info[i].qom_path);
    g_free(info);
}

int
qemuMonitorGetCPUInfo(qemuMonitor *mon,
                      qemuMonitorCPUInfo **ret_info,
                      size_t *ret_ninfo)
{
    g_autoptr(JsonNode) value = NULL;
    qemuMonitorCPUInfo *info;
    JsonArray *arr;
    guint n;

    if (qemuMonitorCommand(mon, "query-cpus-fast", NULL, &value) < 0)
        return -1;
    if (!(arr = qemuMonitorReplyArray("query-cpus-fast", value)))
        return -1;

    n = json_array_get_length(arr);
    info = g_new0(qemuMonitorCPUInfo, n);
    for (guint i = 0; i < n; i++) {
        JsonNode *el = json_array_get_element(arr, i);
        JsonObject *cpu = JSON_NODE_HOLDS_OBJECT(el) ? json_node_get_object(el) : NULL;

        info[i].cpu_index = qemuJSONInt(cpu, "cpu-index", i);
        info[i].thread_id = qemuJSONInt(cpu, "thread-id", 0);
        info[i].qom_path = g_strdup(qemuJSONStr(cpu, "qom-path"));
    }
    *ret_info = info;
    *ret_ninfo = n;
    return 0;
}

int
qemuMonitorGetBalloonInfo(qemuMonitor *mon,
                          unsigned long long *ret_kib)
{
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    long long actual;

    if (qemuMonitorCommand(mon, "query-balloon", NULL, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("query-balloon", value)))
        return -1;
    if ((actual = qemuJSONInt(obj, "actual", -1)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("QEMU command 'query-balloon' returned no balloon size"));
        return -1;
    }
    *ret_kib = actual / 1024;
    return 0;
}

int
qemuMonitorSetBalloon(qemuMonitor *mon,
                      unsigned long long kib)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_int_member(args, "value", (gint64)(kib * 1024));
    return qemuMonitorCommand(mon, "balloon", args, NULL);
}

int
qemuMonitorSetMemoryStatsPeriod(qemuMonitor *mon,
                                const char *path,
                                int period)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "path", path);
    json_object_set_string_member(args, "property", "guest-stats-polling-interval");
    json_object_set_int_member(args, "value", period);
    return qemuMonitorCommand(mon, "qom-set", args, NULL);
}

int
qemuMonitorGetMemoryStats(qemuMonitor *mon,
                          const char *path,
                          qemuMonitorBalloonStats *ret_stats)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    JsonObject *stats;

    json_object_set_string_member(args, "path", path);
    json_object_set_string_member(args, "property", "guest-stats");
    if (qemuMonitorCommand(mon, "qom-get", args, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("qom-get", value)))
        return -1;
    stats = qemuJSONObj(obj, "stats");

    /* QEMU says -1 itself for what the guest has not reported. */
    *ret_stats = (qemuMonitorBalloonStats) {
        .swap_in = qemuJSONInt(stats, "stat-swap-in", -1),
        .swap_out = qemuJSONInt(stats, "stat-swap-out", -1),
        .major_faults = qemuJSONInt(stats, "stat-major-faults", -1),
        .minor_faults = qemuJSONInt(stats, "stat-minor-faults", -1),
        .free_memory = qemuJSONInt(stats, "stat-free-memory", -1),
        .total_memory = qemuJSONInt(stats, "stat-total-memory", -1),
        .available_memory = qemuJSONInt(stats, "stat-available-memory", -1),
        .disk_caches = qemuJSONInt(stats, "stat-disk-caches", -1),
        .htlb_pgalloc = qemuJSONInt(stats, "stat-htlb-pgalloc", -1),
        .htlb_pgfail = qemuJSONInt(stats, "stat-htlb-pgfail", -1),
        .last_update = qemuJSONInt(obj, "last-update", 0),
    };
    return 0;
}

void
qemuMonitorBlockStatsFree(qemuMonitorBlockStats *stats, size_t nstats)
{
    if (!stats)
        return;
    for (size_t i = 0; i < nstats; i++) {
        g_free(stats[i].device);
        g_free(stats[i].node_name);
        g_free(stats[i].qdev);
    }
    g_free(stats);
}

int
qemuMonitorGetBlockStats(qemuMonitor *mon,
                         qemuMonitorBlockStats **ret_stats,
                         size_t *ret_nstats)
{
    g_autoptr(JsonNode) value = NULL;
    qemuMonitorBlockStats *out;
    JsonArray *arr;
    guint n;

    if (qemuMonitorCommand(mon, "query-blockstats", NULL, &value) < 0)
        return -1;
    if (!(arr = qemuMonitorReplyArray("query-blockstats", value)))
        return -1;

    n = json_array_get_length(arr);
    out = g_new0(qemuMonitorBlockStats, n);
    for (guint i = 0; i < n; i++) {
        JsonNode *el = json_array_get_element(arr, i);
        JsonObject *dev = JSON_NODE_HOLDS_OBJECT(el) ? json_node_get_object(el) : NULL;
        JsonObject *st = qemuJSONObj(dev, "stats");

        out[i] = (qemuMonitorBlockStats) {
            .device = g_strdup(qemuJSONStr(dev, "device")),
            .node_name = g_strdup(qemuJSONStr(dev, "node-name")),
            .qdev = g_strdup(qemuJSONStr(dev, "qdev")),
            .rd_bytes = qemuJSONInt(st, "rd_bytes", 0),
            .wr_bytes = qemuJSONInt(st, "wr_bytes", 0),
            .rd_req = qemuJSONInt(st, "rd_operations", 0),
            .wr_req = qemuJSONInt(st, "wr_operations", 0),
            .flush_req = qemuJSONInt(st, "flush_operations", 0),
            .rd_total_time_ns = qemuJSONInt(st, "rd_total_time_ns", 0),
            .wr_total_time_ns = qemuJSONInt(st, "wr_total_time_ns", 0),
            .flush_total_time_ns = qemuJSONInt(st, "flush_total_time_ns", 0),
            .wr_highest_offset = qemuJSONInt(st, "wr_highest_offset", 0),
        };
    }
    *ret_stats = out;
    *ret_nstats = n;
    return 0;
}

void
qemuMonitorBlockInfoFree(qemuMonitorBlockInfo *info, size_t ninfo)
{
    if (!info)
        return;
    for (size_t i = 0; i < ninfo; i++) {
        g_free(info[i].device);
        g_free(info[i].qdev);
        g_free(info[i].file);
        g_free(info[i].format);
        g_free(info[i].node_name);
    }
    g_free(info);
}

int
qemuMonitorGetBlockInfo(qemuMonitor *mon,
                        qemuMonitorBlockInfo **ret_info,
                        size_t *ret_ninfo)
{
    g_autoptr(JsonNode) value = NULL;
    qemuMonitorBlockInfo *out;
    JsonArray *arr;
    guint n;

    if (qemuMonitorCommand(mon, "query-block", NULL, &value) < 0)
        return -1;
    if (!(arr = qemuMonitorReplyArray("query-block", value)))
        return -1;

    n = json_array_get_length(arr);
    out = g_new0(qemuMonitorBlockInfo, n);
    for (guint i = 0; i < n; i++) {
        JsonNode *el = json_array_get_element(arr, i);
        JsonObject *dev = JSON_NODE_HOLDS_OBJECT(el) ? json_node_get_object(el) : NULL;
        JsonObject *ins = qemuJSONObj(dev, "inserted");

        out[i] = (qemuMonitorBlockInfo) {
            .device = g_strdup(qemuJSONStr(dev, "device")),
            .qdev = g_strdup(qemuJSONStr(dev, "qdev")),
            .removable = qemuJSONBool(dev, "removable", false),
            .locked = qemuJSONBool(dev, "locked", false),
            .tray_open = qemuJSONBool(dev, "tray_open", false),
            .inserted = ins != NULL,
            .file = g_strdup(qemuJSONStr(ins, "file")),
            .format = g_strdup(qemuJSONStr(ins, "drv")),
            .node_name = g_strdup(qemuJSONStr(ins, "node-name")),
            .readonly = qemuJSONBool(ins, "ro", false),
        };
    }
    *ret_info = out;
    *ret_ninfo = n;
    return 0;
}

int
qemuMonitorGetVersionInfo(qemuMonitor *mon,
                          unsigned long long *ret_version,
                          char **ret_package)
{
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    JsonObject *qemu;

    if (qemuMonitorCommand(mon, "query-version", NULL, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("query-version", value)))
        return -1;
    if (!(qemu = qemuJSONObj(obj, "qemu"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("QEMU command 'query-version' returned no version"));
        return -1;
    }
    *ret_version = qemuJSONInt(qemu, "major", 0) * 1000000 +
                   qemuJSONInt(qemu, "minor", 0) * 1000 +
                   qemuJSONInt(qemu, "micro", 0);
    if (ret_package)
        *ret_package = g_strdup(qemuJSONStr(obj, "package") ? qemuJSONStr(obj, "package") : "");
    return 0;
}

int
qemuMonitorScreendump(qemuMonitor *mon,
                      const char *device,
                      int head,
                      const char *file)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "filename", file);
    if (device)
        json_object_set_string_member(args, "device", device);
    if (head >= 0)
        json_object_set_int_member(args, "head", head);
    return qemuMonitorCommand(mon, "screendump", args, NULL);
}

int
qemuMonitorHumanCommand(qemuMonitor *mon,
                        const char *cmdline,
                        char **ret_output)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) value = NULL;

    json_object_set_string_member(args, "command-line", cmdline);
    if (qemuMonitorCommand(mon, "human-monitor-command", args, &value) < 0)
        return -1;
    if (!value || json_node_get_value_type(value) != G_TYPE_STRING) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("QEMU command 'human-monitor-command' did not return a string"));
        return -1;
    }
    if (ret_output)
        *ret_output = g_strdup(json_node_get_string(value));
    return 0;
}

int
qemuMonitorMigrate(qemuMonitor *mon,
                   const char *uri)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "uri", uri);
    return qemuMonitorCommand(mon, "migrate", args, NULL);
}

void
qemuMonitorMigrationStatsClear(qemuMonitorMigrationStats *stats)
{
    if (!stats)
        return;
    g_free(stats->status);
    g_free(stats->error_desc);
    memset(stats, 0, sizeof(*stats));
}

int
qemuMonitorGetMigrationStats(qemuMonitor *mon,
                             qemuMonitorMigrationStats *ret_stats)
{
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    JsonObject *ram;
    const char *status;

    if (qemuMonitorCommand(mon, "query-migrate", NULL, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("query-migrate", value)))
        return -1;
    ram = qemuJSONObj(obj, "ram");
    /* Before any migration QEMU answers {} */
    status = qemuJSONStr(obj, "status");

    *ret_stats = (qemuMonitorMigrationStats) {
        .status = g_strdup(status ? status : "none"),
        .error_desc = g_strdup(qemuJSONStr(obj, "error-desc")),
        .total_time_ms = qemuJSONInt(obj, "total-time", 0),
        .ram_transferred = qemuJSONInt(ram, "transferred", 0),
        .ram_remaining = qemuJSONInt(ram, "remaining", 0),
        .ram_total = qemuJSONInt(ram, "total", 0),
    };
    return 0;
}

int
qemuMonitorSetMigrationCapability(qemuMonitor *mon,
                                  const char *capability,
                                  bool state)
{
    g_autoptr(JsonObject) args = json_object_new();
    JsonObject *cap = json_object_new();
    JsonArray *list = json_array_new();

    json_object_set_string_member(cap, "capability", capability);
    json_object_set_boolean_member(cap, "state", state);
    json_array_add_object_element(list, cap);
    json_object_set_array_member(args, "capabilities", list);
    return qemuMonitorCommand(mon, "migrate-set-capabilities", args, NULL);
}

int
qemuMonitorMigrateCancel(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "migrate_cancel");
}

int
qemuMonitorMigrateIncoming(qemuMonitor *mon,
                           const char *uri)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "uri", uri);
    return qemuMonitorCommand(mon, "migrate-incoming", args, NULL);
}

int
qemuMonitorSetMigrationParam(qemuMonitor *mon,
                             const char *name,
                             long long value)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_int_member(args, name, value);
    return qemuMonitorCommand(mon, "migrate-set-parameters", args, NULL);
}

int
qemuMonitorGetMigrationParam(qemuMonitor *mon,
                             const char *name,
                             long long *ret_value)
{
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;

    if (qemuMonitorCommand(mon, "query-migrate-parameters", NULL, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("query-migrate-parameters", value)))
        return -1;
    if (!json_object_has_member(obj, name)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU did not report migration parameter '%s'"), name);
        return -1;
    }
    *ret_value = json_object_get_int_member(obj, name);
    return 0;
}

int
qemuMonitorMigrateStartPostcopy(qemuMonitor *mon)
{
    return qemuMonitorSimple(mon, "migrate-start-postcopy");
}

int
qemuMonitorSendFd(qemuMonitor *mon,
                  const char *fdname,
                  int fd)
{
    g_autoptr(JsonObject) args = json_object_new();

    if (fd < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid file descriptor %d for '%s'"), fd, fdname);
        return -1;
    }
    json_object_set_string_member(args, "fdname", fdname);
    return qemuMonitorCommandWithFd(mon, "getfd", args, fd, NULL);
}

int
qemuMonitorCloseFd(qemuMonitor *mon,
                   const char *fdname)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "fdname", fdname);
    return qemuMonitorCommand(mon, "closefd", args, NULL);
}

int
qemuMonitorAddFd(qemuMonitor *mon,
                 int fdset,
                 int fd,
                 const char *opaque,
                 int *ret_fdset,
                 int *ret_qemu_fd)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) value = NULL;
    JsonObject *obj;
    long long set;
    long long qfd;

    if (fd < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("invalid file descriptor %d for an fd set"), fd);
        return -1;
    }
    if (fdset >= 0)
        json_object_set_int_member(args, "fdset-id", fdset);
    if (opaque)
        json_object_set_string_member(args, "opaque", opaque);
    if (qemuMonitorCommandWithFd(mon, "add-fd", args, fd, &value) < 0)
        return -1;
    if (!(obj = qemuMonitorReplyObject("add-fd", value)))
        return -1;
    set = qemuJSONInt(obj, "fdset-id", -1);
    qfd = qemuJSONInt(obj, "fd", -1);
    if (set < 0 || qfd < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("QEMU command 'add-fd' returned no fd set or fd"));
        return -1;
    }
    if (ret_fdset)
        *ret_fdset = set;
    if (ret_qemu_fd)
        *ret_qemu_fd = qfd;
    return 0;
}

int
qemuMonitorRemoveFd(qemuMonitor *mon,
                    int fdset,
                    int qemu_fd)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_int_member(args, "fdset-id", fdset);
    if (qemu_fd >= 0)
        json_object_set_int_member(args, "fd", qemu_fd);
    return qemuMonitorCommand(mon, "remove-fd", args, NULL);
}


/* ------------------------------------------------------------------ */
/* Block nodes (-blockdev)                                            */

void
qemuMonitorBlockNodeFree(qemuMonitorBlockNode *nodes, size_t nnodes)
{
    if (!nodes)
        return;
    for (size_t i = 0; i < nnodes; i++) {
        g_free(nodes[i].node_name);
        g_free(nodes[i].drv);
        g_free(nodes[i].file);
        g_free(nodes[i].backing_file);
        g_free(nodes[i].backing_format);
    }
    g_free(nodes);
}

int
qemuMonitorGetNamedBlockNodes(qemuMonitor *mon,
                              qemuMonitorBlockNode **ret_nodes,
                              size_t *ret_nnodes)
{
    g_autoptr(JsonNode) value = NULL;
    qemuMonitorBlockNode *out;
    JsonArray *arr;
    guint n;

    /* not "flat": each image then tells the image really opened below it */
    if (qemuMonitorCommand(mon, "query-named-block-nodes", NULL, &value) < 0)
        return -1;
    if (!(arr = qemuMonitorReplyArray("query-named-block-nodes", value)))
        return -1;

    n = json_array_get_length(arr);
    out = g_new0(qemuMonitorBlockNode, n);
    for (guint i = 0; i < n; i++) {
        JsonNode *el = json_array_get_element(arr, i);
        JsonObject *node = JSON_NODE_HOLDS_OBJECT(el) ? json_node_get_object(el) : NULL;
        JsonObject *image = qemuJSONObj(node, "image");
        JsonObject *backing = qemuJSONObj(image, "backing-image");

        out[i] = (qemuMonitorBlockNode) {
            .node_name = g_strdup(qemuJSONStr(node, "node-name")),
            .drv = g_strdup(qemuJSONStr(node, "drv")),
            .file = g_strdup(qemuJSONStr(node, "file")),
            .virtual_size = qemuJSONInt(image, "virtual-size", 0),
            .backing_file = g_strdup(backing ? qemuJSONStr(backing, "filename")
                                             : qemuJSONStr(image, "full-backing-filename")),
            .backing_format = g_strdup(backing ? qemuJSONStr(backing, "format")
                                               : qemuJSONStr(image, "backing-filename-format")),
        };
    }
    *ret_nodes = out;
    *ret_nnodes = n;
    return 0;
}

int
qemuMonitorBlockdevAdd(qemuMonitor *mon,
                       JsonObject *props)
{
    return qemuMonitorCommand(mon, "blockdev-add", props, NULL);
}

int
qemuMonitorBlockdevDel(qemuMonitor *mon,
                       const char *node_name)
{
    g_autoptr(JsonObject) args = json_object_new();

    json_object_set_string_member(args, "node-name", node_name);
    return qemuMonitorCommand(mon, "blockdev-del", args, NULL);
}

int
qemuMonitorBlockdevSnapshots(qemuMonitor *mon,
                             const char *const *nodes,
                             const char *const *overlays,
                             size_t n)
{
    g_autoptr(JsonObject) args = json_object_new();
    JsonArray *actions = json_array_new();

    for (size_t i = 0; i < n; i++) {
        JsonObject *action = json_object_new();
        JsonObject *data = json_object_new();

        json_object_set_string_member(data, "node", nodes[i]);
        json_object_set_string_member(data, "overlay", overlays[i]);
        json_object_set_string_member(action, "type", "blockdev-snapshot");
        json_object_set_object_member(action, "data", data);
        json_array_add_object_element(actions, action);
    }
    json_object_set_array_member(args, "actions", actions);
    return qemuMonitorCommand(mon, "transaction", args, NULL);
}

JsonObject *
qemuMonitorBlockdevCreateArgs(const char *jobid,
                              JsonObject *options)
{
    JsonObject *args = json_object_new();

    json_object_set_string_member(args, "job-id", jobid);
    json_object_set_object_member(args, "options", options);
    return args;
}

JsonObject *
qemuMonitorBlockCommitArgs(const char *jobid,
                           const char *device,
                           const char *top_node,
                           const char *base_node)
{
    JsonObject *args = json_object_new();

    json_object_set_string_member(args, "job-id", jobid);
    json_object_set_string_member(args, "device", device);
    json_object_set_string_member(args, "top-node", top_node);
    json_object_set_string_member(args, "base-node", base_node);
    json_object_set_boolean_member(args, "auto-dismiss", FALSE);
    return args;
}
