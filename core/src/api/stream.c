/*
 * stream.c: the stream functions that need no driver, and in-memory
 * streams for drivers.
 *
 * A stream starts unused (virStreamNew) and becomes useful when a driver
 * function takes it over with virStreamSetDriver; from then on the
 * generated entry points of virStreamSend, Recv, Finish … dispatch to that
 * driver's virStreamDriver table.  An unused stream still carries a tiny
 * table of its own whose only slot is Abort, because libvirt lets an
 * application abort a stream nothing ever used, while every other call on
 * it is "not supported".
 *
 * The *All helpers are loops over the public Send/Recv calls, written once
 * here for every driver.  The second half of the file implements
 * stream_internal.h: sources and sinks held in memory.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "datatypes.h"
#include "stream_internal.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* How much the *All helpers move per call: libvirt's largest stream
 * packet payload, so a remote transfer needs no splitting. */
#define VIR_STREAM_CHUNK (256 * 1024)

/* ------------------------------------------------------------------ */
/* Unused streams                                                     */

static int
virStreamUnusedAbort(virStreamPtr st G_GNUC_UNUSED)
{
    return 0;
}

static const virStreamDriver virStreamUnusedDriver = {
    .streamAbort = virStreamUnusedAbort,
};

static bool
virStreamIsUnused(virStreamPtr st)
{
    return !st->driver || st->driver == &virStreamUnusedDriver;
}

virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st;

    VIR_DEBUG("conn=%p, flags=0x%x", (void *)conn, flags);
    virResetLastError();
    if (!virConnectIsValid(conn)) {
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INVALID_CONN, __FILE__,
                             __func__, __LINE__, "%s", __func__);
        virDispatchError(NULL);
        return NULL;
    }
    /* libvirt takes any flags here; drivers look at VIR_STREAM_NONBLOCK */
    st = g_new0(virStream, 1);
    st->hdr.magic = VIR_STREAM_MAGIC;
    st->hdr.refs = 1;
    st->conn = virObjectRefConnect(conn);
    st->flags = flags;
    st->driver = &virStreamUnusedDriver;
    return st;
}

/* ------------------------------------------------------------------ */
/* Whole transfers                                                    */

/* Validate STREAM and the callbacks of a *All helper; -1 with the error
 * dispatched when something is wrong. */
static int
virStreamCheckAll(virStreamPtr stream, const char *func, int ncb, ...)
{
    va_list ap;
    int i;

    virResetLastError();
    if (!virStreamIsValid(stream)) {
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM,
                             __FILE__, func, __LINE__, "%s", func);
        virDispatchError(NULL);
        return -1;
    }
    va_start(ap, ncb);
    for (i = 0; i < ncb; i++) {
        const char *name = va_arg(ap, const char *);
        void *cb = va_arg(ap, void *);
        if (!cb) {
            virReportInvalidArgHelper(VIR_FROM_STREAMS, __FILE__, func, __LINE__,
                                      name, "%s in %s must not be NULL", name, func);
            va_end(ap);
            virDispatchError(stream->conn);
            return -1;
        }
    }
    va_end(ap);
    if (stream->flags & VIR_STREAM_NONBLOCK) {
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                             __FILE__, func, __LINE__, "%s",
                             _("data sources cannot be used for non-blocking streams"));
        virDispatchError(stream->conn);
        return -1;
    }
    return 0;
}

/* A callback of a *All helper failed: make sure an error is set, cancel
 * the transfer, keep the callback's error. */
static void
virStreamAllFailed(virStreamPtr stream, const char *what)
{
    virErrorPtr saved = NULL;

    if (!virGetLastError())
        virReportError(VIR_ERR_OPERATION_FAILED, _("stream %s handler failed"), what);
    saved = virSaveLastError();
    virStreamAbort(stream);
    if (saved) {
        virSetError(saved);
        virFreeError(saved);
    }
}

/* Send LEN bytes of BUF, however many calls it takes. */
static int
virStreamSendFully(virStreamPtr stream, const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int done = virStreamSend(stream, buf + off, len - off);
        if (done < 0)
            return -1;
        off += done;
    }
    return 0;
}

/* Give LEN bytes of BUF to HANDLER, however many calls it takes. */
static int
virStreamSinkFully(virStreamPtr stream, virStreamSinkFunc handler, void *opaque,
                   const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int done = handler(stream, buf + off, len - off, opaque);
        if (done < 0) {
            virStreamAllFailed(stream, "sink");
            return -1;
        }
        off += done;
    }
    return 0;
}

int
virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("stream=%p, handler=%p, opaque=%p", (void *)stream,
              (void *)handler, opaque);
    if (virStreamCheckAll(stream, __func__, 1, "handler", (void *)handler) < 0)
        return -1;
    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        int got = handler(stream, buf, VIR_STREAM_CHUNK, opaque);
        if (got < 0) {
            virStreamAllFailed(stream, "source");
            goto error;
        }
        if (got == 0)
            return 0;
        if (virStreamSendFully(stream, buf, got) < 0)
            goto error;
    }

 error:
    virDispatchError(stream->conn);
    return -1;
}

int
virStreamSparseSendAll(virStreamPtr stream,
                       virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler,
                       virStreamSourceSkipFunc skipHandler,
                       void *opaque)
{
    g_autofree char *buf = NULL;
    long long dataLeft = 0;

    VIR_DEBUG("stream=%p, handler=%p, holeHandler=%p, skipHandler=%p, opaque=%p",
              (void *)stream, (void *)handler, (void *)holeHandler,
              (void *)skipHandler, opaque);
    if (virStreamCheckAll(stream, __func__, 3, "handler", (void *)handler,
                          "holeHandler", (void *)holeHandler,
                          "skipHandler", (void *)skipHandler) < 0)
        return -1;
    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        size_t want = VIR_STREAM_CHUNK;
        int got;

        if (dataLeft == 0) {
            int inData = 0;
            long long section = 0;

            if (holeHandler(stream, &inData, &section, opaque) < 0) {
                virStreamAllFailed(stream, "hole");
                goto error;
            }
            if (!inData && section > 0) {
                if (virStreamSendHole(stream, section, 0) < 0)
                    goto error;
                if (skipHandler(stream, section, opaque) < 0) {
                    virStreamAllFailed(stream, "skip");
                    goto error;
                }
                continue;
            }
            dataLeft = section;
        }
        if (dataLeft > 0 && (unsigned long long)dataLeft < want)
            want = dataLeft;
        got = handler(stream, buf, want, opaque);
        if (got < 0) {
            virStreamAllFailed(stream, "source");
            goto error;
        }
        if (got == 0)
            return 0;
        if (virStreamSendFully(stream, buf, got) < 0)
            goto error;
        dataLeft = dataLeft > got ? dataLeft - got : 0;
    }

 error:
    virDispatchError(stream->conn);
    return -1;
}

int
virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("stream=%p, handler=%p, opaque=%p", (void *)stream,
              (void *)handler, opaque);
    if (virStreamCheckAll(stream, __func__, 1, "handler", (void *)handler) < 0)
        return -1;
    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecv(stream, buf, VIR_STREAM_CHUNK);
        if (got < 0)
            goto error;
        if (got == 0)
            return 0;
        if (virStreamSinkFully(stream, handler, opaque, buf, got) < 0)
            goto error;
    }

 error:
    virDispatchError(stream->conn);
    return -1;
}

int
virStreamSparseRecvAll(virStreamPtr stream,
                       virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler,
                       void *opaque)
{
    g_autofree char *buf = NULL;

    VIR_DEBUG("stream=%p, handler=%p, holeHandler=%p, opaque=%p",
              (void *)stream, (void *)handler, (void *)holeHandler, opaque);
    if (virStreamCheckAll(stream, __func__, 2, "handler", (void *)handler,
                          "holeHandler", (void *)holeHandler) < 0)
        return -1;
    buf = g_malloc(VIR_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecvFlags(stream, buf, VIR_STREAM_CHUNK,
                                     VIR_STREAM_RECV_STOP_AT_HOLE);
        if (got == -3) {
            long long hole = 0;

            if (virStreamRecvHole(stream, &hole, 0) < 0)
                goto error;
            if (holeHandler(stream, hole, opaque) < 0) {
                virStreamAllFailed(stream, "hole");
                goto error;
            }
            continue;
        }
        if (got < 0)
            goto error;
        if (got == 0)
            return 0;
        if (virStreamSinkFully(stream, handler, opaque, buf, got) < 0)
            goto error;
    }

 error:
    virDispatchError(stream->conn);
    return -1;
}

/* ------------------------------------------------------------------ */
/* In-memory streams (stream_internal.h)                              */

typedef enum {
    VIR_STREAM_MEM_SOURCE,
    VIR_STREAM_MEM_SINK,
} virStreamMemKind;

typedef struct {
    GMutex lock;
    virStreamMemKind kind;
    bool closed;             /* after Finish or Abort */
    GByteArray *data;        /* source: what is left to read is data[pos..];
                              * sink: what was sent so far */
    size_t pos;
    size_t maxlen;           /* sink: 0 for no limit */
    virStreamSinkDoneFunc done;
    void *opaque;
    void (*freefunc)(void *opaque);
} virStreamMem;

static void
virStreamMemFree(void *opaque)
{
    virStreamMem *mem = opaque;

    if (mem->freefunc)
        mem->freefunc(mem->opaque);
    g_byte_array_unref(mem->data);
    g_mutex_clear(&mem->lock);
    g_free(mem);
}

/* Lock and return the memory behind ST; NULL with "stream is not open"
 * reported (and nothing locked) once it was finished or aborted. */
static virStreamMem *
virStreamMemLockOpen(virStreamPtr st)
{
    virStreamMem *mem = st->privateData;

    g_mutex_lock(&mem->lock);
    if (mem->closed) {
        g_mutex_unlock(&mem->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("stream is not open"));
        return NULL;
    }
    return mem;
}

static int
virStreamMemSend(virStreamPtr st, const char *data, size_t nbytes)
{
    virStreamMem *mem;

    if (nbytes > INT_MAX) {
        virReportSystemError(ERANGE, "%s", _("Too many bytes to write to stream"));
        return -1;
    }
    if (!(mem = virStreamMemLockOpen(st)))
        return -1;
    if (mem->kind != VIR_STREAM_MEM_SINK) {
        g_mutex_unlock(&mem->lock);
        virReportSystemError(EBADF, "%s", _("cannot write to stream"));
        return -1;
    }
    if (mem->maxlen && nbytes > mem->maxlen - mem->data->len) {
        g_mutex_unlock(&mem->lock);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("stream data exceeds the limit of %zu bytes"), mem->maxlen);
        return -1;
    }
    g_byte_array_append(mem->data, (const guint8 *)data, nbytes);
    g_mutex_unlock(&mem->lock);
    return nbytes;
}

static int
virStreamMemSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    virStreamMem *mem;
    size_t old;

    virCheckFlags(0, -1);
    if (!(mem = virStreamMemLockOpen(st)))
        return -1;
    if (mem->kind != VIR_STREAM_MEM_SINK || length < 0) {
        g_mutex_unlock(&mem->lock);
        virReportSystemError(EINVAL, "%s", _("unable to truncate"));
        return -1;
    }
    if ((unsigned long long)length > G_MAXUINT - mem->data->len ||
        (mem->maxlen && (unsigned long long)length > mem->maxlen - mem->data->len)) {
        g_mutex_unlock(&mem->lock);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("stream data exceeds the limit of %zu bytes"),
                       mem->maxlen ? mem->maxlen : (size_t)G_MAXUINT);
        return -1;
    }
    old = mem->data->len;
    g_byte_array_set_size(mem->data, old + length);
    memset(mem->data->data + old, 0, length);
    g_mutex_unlock(&mem->lock);
    return 0;
}

static int
virStreamMemRecv(virStreamPtr st, char *data, size_t nbytes)
{
    virStreamMem *mem;
    size_t left;

    if (nbytes > INT_MAX) {
        virReportSystemError(ERANGE, "%s", _("Too many bytes to read from stream"));
        return -1;
    }
    if (!(mem = virStreamMemLockOpen(st)))
        return -1;
    if (mem->kind != VIR_STREAM_MEM_SOURCE) {
        g_mutex_unlock(&mem->lock);
        virReportSystemError(EBADF, "%s", _("cannot read from stream"));
        return -1;
    }
    left = mem->data->len - mem->pos;
    if (nbytes > left)
        nbytes = left;
    memcpy(data, mem->data->data + mem->pos, nbytes);
    mem->pos += nbytes;
    g_mutex_unlock(&mem->lock);
    return nbytes;
}

static int
virStreamMemFinish(virStreamPtr st)
{
    virStreamMem *mem = st->privateData;
    virStreamSinkDoneFunc done = NULL;
    int ret = 0;

    g_mutex_lock(&mem->lock);
    if (!mem->closed) {
        mem->closed = true;
        if (mem->kind == VIR_STREAM_MEM_SINK)
            done = mem->done;
    }
    g_mutex_unlock(&mem->lock);
    /* closed: nobody changes the data any more, so DONE may read it
     * without the lock (and may itself take driver locks) */
    if (done)
        ret = done(st, (const char *)mem->data->data, mem->data->len, mem->opaque);
    return ret;
}

static int
virStreamMemAbort(virStreamPtr st)
{
    virStreamMem *mem = st->privateData;

    g_mutex_lock(&mem->lock);
    mem->closed = true;
    g_mutex_unlock(&mem->lock);
    return 0;
}

static const virStreamDriver virStreamMemDriver = {
    .streamSend = virStreamMemSend,
    .streamRecv = virStreamMemRecv,
    .streamSendHole = virStreamMemSendHole,
    .streamFinish = virStreamMemFinish,
    .streamAbort = virStreamMemAbort,
};

static virStreamMem *
virStreamMemNew(virStreamPtr st, virStreamMemKind kind)
{
    virStreamMem *mem;

    if (!virStreamIsUnused(st)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("the stream is already in use"));
        return NULL;
    }
    mem = g_new0(virStreamMem, 1);
    g_mutex_init(&mem->lock);
    mem->kind = kind;
    mem->data = g_byte_array_new();
    return mem;
}

int
virStreamSetBuffer(virStreamPtr st, const char *data, size_t len)
{
    virStreamMem *mem;

    if (!(mem = virStreamMemNew(st, VIR_STREAM_MEM_SOURCE)))
        return -1;
    if (len)
        g_byte_array_append(mem->data, (const guint8 *)data, len);
    virStreamSetDriver(st, &virStreamMemDriver, mem, virStreamMemFree);
    return 0;
}

int
virStreamSetCollector(virStreamPtr st, size_t maxlen,
                      virStreamSinkDoneFunc done, void *opaque,
                      void (*freefunc)(void *opaque))
{
    virStreamMem *mem;

    if (!(mem = virStreamMemNew(st, VIR_STREAM_MEM_SINK)))
        return -1;
    mem->maxlen = maxlen;
    mem->done = done;
    mem->opaque = opaque;
    mem->freefunc = freefunc;
    virStreamSetDriver(st, &virStreamMemDriver, mem, virStreamMemFree);
    return 0;
}

int
virStreamGetCollected(virStreamPtr st, char **data, size_t *len)
{
    virStreamMem *mem;

    if (st->driver != &virStreamMemDriver ||
        ((virStreamMem *)st->privateData)->kind != VIR_STREAM_MEM_SINK)
        return -1;
    mem = st->privateData;
    g_mutex_lock(&mem->lock);
    *data = g_memdup2(mem->data->data, mem->data->len);
    *len = mem->data->len;
    g_mutex_unlock(&mem->lock);
    return 0;
}
