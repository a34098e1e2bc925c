/*
 * remote_stream.c: streams through the remote driver.
 *
 * Opening a stream (virStorageVolUpload, virStorageVolDownload,
 * virDomainScreenshot) is a call like any other, whose reply names a
 * stream the daemon keeps for this client.  Data then moves by calls on
 * that number: each send is answered once the daemon has handed the
 * bytes to its driver, and each receive asks for at most as many bytes as
 * the application's buffer holds, so neither side ever holds more than
 * one message of a stream: that is the flow control.  Streams share the
 * connection with every other call, multiplexed by serial like them.
 */
#include <string.h>

#include "remote_driver_private.h"
#include "remote_stream.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* Most bytes one message of a stream carries. */
#define REMOTE_STREAM_CHUNK (256 * 1024)

/*
 * A stream used asynchronously (VIR_STREAM_NONBLOCK, or with an event
 * callback) gets a pump: a reader thread that keeps one receive call
 * waiting in the daemon while its buffer is empty, and a writer thread
 * that sends what the application queued.  Each holds at most one chunk,
 * so flow control stays what it is for blocking streams.  The event
 * callback runs from the application's event loop, through a timer that
 * is armed while one of the asked events holds (level-triggered, as
 * libvirt's).
 */
typedef struct {
    virConnectPtr conn;          /* holds a reference */
    int32_t id;
    bool done;                   /* finished or aborted */
    virStreamPtr st;             /* not a reference: lives in it */

    GMutex lock;
    GCond cond;
    bool closing;                /* the pump threads must end */
    GThread *reader;
    GByteArray *in;              /* received, from inpos on not yet read */
    size_t inpos;
    bool eof;
    virErrorPtr readErr;
    GThread *writer;
    GByteArray *out;             /* queued, not yet sent */
    bool sending;
    virErrorPtr writeErr;

    int timer;                   /* -1: no callback */
    int events;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
} remoteStream;

static void
remoteStreamKeepError(virErrorPtr *slot)
{
    if (!*slot)
        *slot = virSaveLastError();
}

/* The events of the callback that hold now (lock held). */
static int
remoteStreamPending(remoteStream *rs)
{
    int ev = 0;

    if (rs->reader && (rs->inpos < rs->in->len || rs->eof || rs->readErr))
        ev |= VIR_STREAM_EVENT_READABLE;
    if (rs->out->len == 0 && !rs->writeErr && !rs->done)
        ev |= VIR_STREAM_EVENT_WRITABLE;
    if (rs->eof)
        ev |= VIR_STREAM_EVENT_HANGUP;
    if (rs->readErr || rs->writeErr)
        ev |= VIR_STREAM_EVENT_ERROR;
    return ev & rs->events;
}

/* Arm or disarm the callback's timer after a change (lock not held). */
static void
remoteStreamKick(remoteStream *rs)
{
    int timer;
    int ev;

    g_mutex_lock(&rs->lock);
    g_cond_broadcast(&rs->cond);
    timer = rs->timer;
    ev = timer >= 0 ? remoteStreamPending(rs) : 0;
    g_mutex_unlock(&rs->lock);
    if (timer >= 0)
        virEventUpdateTimeout(timer, ev ? 0 : -1);
}

static void
remoteStreamTimer(int timer, void *opaque)
{
    remoteStream *rs = opaque;
    virStreamEventCallback cb;
    void *cbopaque;
    int ev;

    g_mutex_lock(&rs->lock);
    ev = rs->timer == timer ? remoteStreamPending(rs) : 0;
    cb = rs->cb;
    cbopaque = rs->opaque;
    g_mutex_unlock(&rs->lock);
    if (!ev || !cb) {
        virEventUpdateTimeout(timer, -1);
        return;
    }
    cb(rs->st, ev, cbopaque);
}

/* One receive call: the daemon answers it once it has bytes (or the end,
 * or an error); -1 with the error set, else what virStreamRecvFlags
 * returns, the bytes appended to BUF. */
static int
remoteStreamRecvCall(remoteStream *rs, size_t max, unsigned int flags, GByteArray *buf)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t rc;

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutU32(&msg, MIN(max, REMOTE_STREAM_CHUNK));
    virNetPutU32(&msg, flags);
    if (remoteCall(rs->conn, REMOTE_PROC_STREAM_RECV, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &rc) < 0 ||
        virNetGetBytes(&rep, MIN(max, REMOTE_STREAM_CHUNK), &bytes, &len) < 0)
        return -1;
    g_byte_array_append(buf, bytes, len);
    return rc;
}

static int
remoteStreamSendCall(remoteStream *rs, const char *data, size_t n)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutBytes(&msg, data, n);
    return remoteCall(rs->conn, REMOTE_PROC_STREAM_SEND, &msg, &rep);
}

static gpointer
remoteStreamReader(gpointer opaque)
{
    remoteStream *rs = opaque;

    for (;;) {
        g_autoptr(GByteArray) got = g_byte_array_new();
        int n;

        g_mutex_lock(&rs->lock);
        while (!rs->closing && rs->inpos < rs->in->len)
            g_cond_wait(&rs->cond, &rs->lock);
        g_mutex_unlock(&rs->lock);
        if (rs->closing)
            break;
        n = remoteStreamRecvCall(rs, REMOTE_STREAM_CHUNK, 0, got);
        g_mutex_lock(&rs->lock);
        if (rs->closing) {
            g_mutex_unlock(&rs->lock);
            break;
        }
        if (n < 0)
            remoteStreamKeepError(&rs->readErr);
        else if (n == 0)
            rs->eof = true;
        g_byte_array_set_size(rs->in, 0);
        rs->inpos = 0;
        g_byte_array_append(rs->in, got->data, got->len);
        g_mutex_unlock(&rs->lock);
        remoteStreamKick(rs);
        if (n <= 0)
            break;
    }
    return NULL;
}

static gpointer
remoteStreamWriter(gpointer opaque)
{
    remoteStream *rs = opaque;

    for (;;) {
        g_autoptr(GByteArray) chunk = NULL;
        int rc;

        g_mutex_lock(&rs->lock);
        while (!rs->closing && rs->out->len == 0)
            g_cond_wait(&rs->cond, &rs->lock);
        if (rs->out->len == 0) {
            g_mutex_unlock(&rs->lock);
            break;
        }
        chunk = rs->out;
        rs->out = g_byte_array_new();
        rs->sending = true;
        g_mutex_unlock(&rs->lock);
        rc = remoteStreamSendCall(rs, (const char *)chunk->data, chunk->len);
        g_mutex_lock(&rs->lock);
        rs->sending = false;
        if (rc < 0)
            remoteStreamKeepError(&rs->writeErr);
        g_mutex_unlock(&rs->lock);
        remoteStreamKick(rs);
        if (rc < 0)
            break;
    }
    return NULL;
}

/* Start the reader (READ) or the writer; lock held. */
static void
remoteStreamStartPump(remoteStream *rs, bool read)
{
    if (rs->done || rs->closing)
        return;
    if (read && !rs->reader)
        rs->reader = g_thread_new("vk-stream-rd", remoteStreamReader, rs);
    if (!read && !rs->writer)
        rs->writer = g_thread_new("vk-stream-wr", remoteStreamWriter, rs);
}

static bool
remoteStreamAsync(remoteStream *rs)
{
    return (rs->st->flags & VIR_STREAM_NONBLOCK) || rs->timer >= 0;
}

/* Make the pump threads end and wait for them.  A reader waiting in the
 * daemon is answered when the daemon closes the stream, so call this
 * after the finish or abort call. */
static void
remoteStreamStopPump(remoteStream *rs)
{
    GThread *reader;
    GThread *writer;

    g_mutex_lock(&rs->lock);
    rs->closing = true;
    g_cond_broadcast(&rs->cond);
    reader = g_steal_pointer(&rs->reader);
    writer = g_steal_pointer(&rs->writer);
    g_mutex_unlock(&rs->lock);
    if (writer)
        g_thread_join(writer);
    if (reader)
        g_thread_join(reader);
}

static int
remoteStreamEndCall(remoteStream *rs, unsigned int proc)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    return remoteCall(rs->conn, proc, &msg, &rep);
}

static int
remoteStreamSimple(virStreamPtr st, unsigned int proc)
{
    remoteStream *rs = st->privateData;
    int ret;

    if (rs->done) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "the stream is already closed");
        return -1;
    }
    if (proc == REMOTE_PROC_STREAM_FINISH) {
        /* what was queued goes first */
        g_mutex_lock(&rs->lock);
        while (rs->writer && (rs->out->len > 0 || rs->sending) && !rs->writeErr)
            g_cond_wait(&rs->cond, &rs->lock);
        if (rs->writeErr) {
            virSetError(rs->writeErr);
            g_mutex_unlock(&rs->lock);
            return -1;
        }
        g_mutex_unlock(&rs->lock);
    }
    rs->done = true;
    ret = remoteStreamEndCall(rs, proc);
    if (rs->reader || rs->writer) {
        virErrorPtr saved = virSaveLastError();

        remoteStreamStopPump(rs);
        if (saved) {
            virSetError(saved);
            virFreeError(saved);
        }
    }
    remoteStreamKick(rs);
    return ret;
}

static int
remoteStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    remoteStream *rs = st->privateData;
    size_t n = MIN(nbytes, REMOTE_STREAM_CHUNK);
    bool nonblock = st->flags & VIR_STREAM_NONBLOCK;

    if (!remoteStreamAsync(rs)) {
        if (remoteStreamSendCall(rs, data, n) < 0)
            return -1;
        return n;
    }
    g_mutex_lock(&rs->lock);
    remoteStreamStartPump(rs, false);
    for (;;) {
        if (rs->writeErr) {
            virSetError(rs->writeErr);
            g_mutex_unlock(&rs->lock);
            return -1;
        }
        if (rs->done || rs->closing) {
            g_mutex_unlock(&rs->lock);
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream is not open");
            return -1;
        }
        if (rs->out->len == 0)
            break;
        if (nonblock) {
            g_mutex_unlock(&rs->lock);
            return -2;
        }
        g_cond_wait(&rs->cond, &rs->lock);
    }
    g_byte_array_append(rs->out, (const guint8 *)data, n);
    g_cond_broadcast(&rs->cond);
    g_mutex_unlock(&rs->lock);
    remoteStreamKick(rs);
    return n;
}

static int
remoteStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    remoteStream *rs = st->privateData;
    bool nonblock = st->flags & VIR_STREAM_NONBLOCK;
    size_t n;

    if (flags || (!remoteStreamAsync(rs) && !rs->reader)) {
        g_autoptr(GByteArray) got = g_byte_array_new();
        int rc;

        if (rs->done) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream is not open");
            return -1;
        }
        rc = remoteStreamRecvCall(rs, nbytes, flags, got);

        if (rc < 0)
            return rc;
        memcpy(data, got->data, got->len);
        return rc;
    }
    g_mutex_lock(&rs->lock);
    remoteStreamStartPump(rs, true);
    while (rs->inpos == rs->in->len) {
        if (rs->readErr) {
            virSetError(rs->readErr);
            g_mutex_unlock(&rs->lock);
            return -1;
        }
        if (rs->eof) {
            g_mutex_unlock(&rs->lock);
            return 0;
        }
        if (rs->done || rs->closing || !rs->reader) {
            g_mutex_unlock(&rs->lock);
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream is not open");
            return -1;
        }
        if (nonblock) {
            g_mutex_unlock(&rs->lock);
            return -2;
        }
        g_cond_wait(&rs->cond, &rs->lock);
    }
    n = MIN(nbytes, rs->in->len - rs->inpos);
    memcpy(data, rs->in->data + rs->inpos, n);
    rs->inpos += n;
    g_mutex_unlock(&rs->lock);
    remoteStreamKick(rs);
    return n;
}

static int
remoteStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return remoteStreamRecvFlags(st, data, nbytes, 0);
}

static int
remoteStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    remoteStream *rs = st->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutU64(&msg, length);
    virNetPutU32(&msg, flags);
    return remoteCall(rs->conn, REMOTE_PROC_STREAM_SEND_HOLE, &msg, &rep);
}

static int
remoteStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    remoteStream *rs = st->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    uint64_t len;

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutU32(&msg, flags);
    if (remoteCall(rs->conn, REMOTE_PROC_STREAM_RECV_HOLE, &msg, &rep) < 0 ||
        virNetGetU64(&rep, &len) < 0)
        return -1;
    *length = len;
    return 0;
}

static int
remoteStreamEventAdd(virStreamPtr st, int events, virStreamEventCallback cb,
                     void *opaque, virFreeCallback ff)
{
    remoteStream *rs = st->privateData;
    int timer;

    if (rs->timer >= 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "A stream callback is already registered");
        return -1;
    }
    if ((timer = virEventAddTimeout(-1, remoteStreamTimer, rs, NULL)) < 0)
        return -1;
    g_mutex_lock(&rs->lock);
    rs->timer = timer;
    rs->events = events;
    rs->cb = cb;
    rs->opaque = opaque;
    rs->ff = ff;
    if (events & VIR_STREAM_EVENT_READABLE)
        remoteStreamStartPump(rs, true);
    g_mutex_unlock(&rs->lock);
    remoteStreamKick(rs);
    return 0;
}

static int
remoteStreamEventUpdate(virStreamPtr st, int events)
{
    remoteStream *rs = st->privateData;

    if (rs->timer < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no stream callback registered");
        return -1;
    }
    g_mutex_lock(&rs->lock);
    rs->events = events;
    if (events & VIR_STREAM_EVENT_READABLE)
        remoteStreamStartPump(rs, true);
    g_mutex_unlock(&rs->lock);
    remoteStreamKick(rs);
    return 0;
}

/* Forget the callback; its free function runs (lock not held). */
static void
remoteStreamDropCallback(remoteStream *rs)
{
    virFreeCallback ff;
    void *opaque;
    int timer;

    g_mutex_lock(&rs->lock);
    timer = rs->timer;
    ff = rs->ff;
    opaque = rs->opaque;
    rs->timer = -1;
    rs->cb = NULL;
    rs->ff = NULL;
    rs->opaque = NULL;
    g_mutex_unlock(&rs->lock);
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
}

static int
remoteStreamEventRemove(virStreamPtr st)
{
    remoteStream *rs = st->privateData;

    if (rs->timer < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no stream callback registered");
        return -1;
    }
    remoteStreamDropCallback(rs);
    return 0;
}

static int
remoteStreamFinish(virStreamPtr st)
{
    return remoteStreamSimple(st, REMOTE_PROC_STREAM_FINISH);
}

static int
remoteStreamAbort(virStreamPtr st)
{
    return remoteStreamSimple(st, REMOTE_PROC_STREAM_ABORT);
}

static const virStreamDriver remoteStreamDriver = {
    .streamSend = remoteStreamSend,
    .streamRecv = remoteStreamRecv,
    .streamRecvFlags = remoteStreamRecvFlags,
    .streamSendHole = remoteStreamSendHole,
    .streamRecvHole = remoteStreamRecvHole,
    .streamEventAddCallback = remoteStreamEventAdd,
    .streamEventUpdateCallback = remoteStreamEventUpdate,
    .streamEventRemoveCallback = remoteStreamEventRemove,
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
};

/* A stream freed without finish or abort is aborted in the daemon. */
static void
remoteStreamFree(void *data)
{
    remoteStream *rs = data;
    virErrorPtr saved = virSaveLastError();

    if (!rs->done && rs->conn->privateData) {
        rs->done = true;
        remoteStreamEndCall(rs, REMOTE_PROC_STREAM_ABORT);
    }
    remoteStreamStopPump(rs);
    remoteStreamDropCallback(rs);
    if (saved) {
        virSetError(saved);
        virFreeError(saved);
    } else {
        virResetLastError();
    }
    virFreeError(rs->readErr);
    virFreeError(rs->writeErr);
    g_byte_array_unref(rs->in);
    g_byte_array_unref(rs->out);
    g_mutex_clear(&rs->lock);
    g_cond_clear(&rs->cond);
    virObjectUnrefConnect(rs->conn);
    g_free(rs);
}

/* Give ST to the stream the daemon opened, numbered ID. */
static void
remoteStreamAttach(virStreamPtr st, virConnectPtr conn, int32_t id)
{
    remoteStream *rs = g_new0(remoteStream, 1);

    rs->conn = virObjectRefConnect(conn);
    rs->id = id;
    rs->st = st;
    rs->timer = -1;
    rs->in = g_byte_array_new();
    rs->out = g_byte_array_new();
    g_mutex_init(&rs->lock);
    g_cond_init(&rs->cond);
    virStreamSetDriver(st, &remoteStreamDriver, rs, remoteStreamFree);
}

/* Make the call PROC that opens a stream (its values in MSG), and give ST
 * the stream numbered first in its reply; the reply's other values are
 * left in REP. */
static int
remoteStreamOpen(virConnectPtr conn, unsigned int proc, virNetBuf *msg, virStreamPtr st,
                 virNetBuf *rep)
{
    int32_t id;

    if (remoteCall(conn, proc, msg, rep) < 0 || virNetGetI32(rep, &id) < 0)
        return -1;
    remoteStreamAttach(st, conn, id);
    return 0;
}

static void
remotePutHandleFields(virNetBuf *msg, const char *name, const unsigned char *uuid,
                      int id, const char *aux1, const char *aux2)
{
    virNetHandle h = { .name = (char *)name, .id = id, .aux1 = (char *)aux1,
                       .aux2 = (char *)aux2 };

    if (uuid)
        memcpy(h.uuid, uuid, VIR_UUID_BUFLEN);
    virNetPutHandle(msg, &h);
}

static int
remoteStorageVolTransfer(unsigned int proc, virStorageVolPtr vol, virStreamPtr st,
                         unsigned long long offset, unsigned long long length,
                         unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    remotePutHandleFields(&msg, vol->name, NULL, 0, vol->pool, vol->key);
    virNetPutU64(&msg, offset);
    virNetPutU64(&msg, length);
    virNetPutU32(&msg, flags);
    return remoteStreamOpen(vol->conn, proc, &msg, st, &rep);
}

static int
remoteStorageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                       unsigned long long length, unsigned int flags)
{
    return remoteStorageVolTransfer(REMOTE_PROC_STORAGE_VOL_UPLOAD, vol, st, offset,
                                    length, flags);
}

static int
remoteStorageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                         unsigned long long length, unsigned int flags)
{
    return remoteStorageVolTransfer(REMOTE_PROC_STORAGE_VOL_DOWNLOAD, vol, st, offset,
                                    length, flags);
}

static char *
remoteDomainScreenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                       unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    char *mime = NULL;

    virNetMessageBegin(&msg);
    remotePutHandleFields(&msg, dom->name, dom->uuid, dom->id, NULL, NULL);
    virNetPutU32(&msg, screen);
    virNetPutU32(&msg, flags);
    if (remoteStreamOpen(dom->conn, REMOTE_PROC_DOMAIN_SCREENSHOT, &msg, st, &rep) < 0 ||
        virNetGetOptString(&rep, &mime) < 0)
        return NULL;
    return mime;
}

/* virDomainOpenConsole and virDomainOpenChannel: the device's name (NULL
 * for the first) and the flags; the reply names the stream. */
static int
remoteDomainOpenDevice(unsigned int proc, virDomainPtr dom, const char *name,
                       virStreamPtr st, unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    remotePutHandleFields(&msg, dom->name, dom->uuid, dom->id, NULL, NULL);
    virNetPutOptString(&msg, name);
    virNetPutU32(&msg, flags);
    return remoteStreamOpen(dom->conn, proc, &msg, st, &rep);
}

static int
remoteDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                        unsigned int flags)
{
    return remoteDomainOpenDevice(REMOTE_PROC_DOMAIN_OPEN_CONSOLE, dom, dev_name, st, flags);
}

static int
remoteDomainOpenChannel(virDomainPtr dom, const char *name, virStreamPtr st,
                        unsigned int flags)
{
    return remoteDomainOpenDevice(REMOTE_PROC_DOMAIN_OPEN_CHANNEL, dom, name, st, flags);
}

void
remoteStreamFillTables(virHypervisorDriver *hv, virStorageDriver *storage)
{
    hv->domainScreenshot = remoteDomainScreenshot;
    hv->domainOpenConsole = remoteDomainOpenConsole;
    hv->domainOpenChannel = remoteDomainOpenChannel;
    storage->storageVolUpload = remoteStorageVolUpload;
    storage->storageVolDownload = remoteStorageVolDownload;
}
