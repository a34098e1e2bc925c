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

typedef struct {
    virConnectPtr conn;          /* holds a reference */
    int32_t id;
    bool done;                   /* finished or aborted */
} remoteStream;

static int
remoteStreamSimple(virStreamPtr st, unsigned int proc)
{
    remoteStream *rs = st->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    if (rs->done) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "the stream is already closed");
        return -1;
    }
    rs->done = true;
    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    return remoteCall(rs->conn, proc, &msg, &rep);
}

static int
remoteStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    remoteStream *rs = st->privateData;
    size_t n = MIN(nbytes, REMOTE_STREAM_CHUNK);
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutBytes(&msg, data, n);
    if (remoteCall(rs->conn, REMOTE_PROC_STREAM_SEND, &msg, &rep) < 0)
        return -1;
    return n;
}

static int
remoteStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    remoteStream *rs = st->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree uint8_t *bytes = NULL;
    size_t len;
    int32_t rc;

    virNetMessageBegin(&msg);
    virNetPutI32(&msg, rs->id);
    virNetPutU32(&msg, MIN(nbytes, REMOTE_STREAM_CHUNK));
    virNetPutU32(&msg, flags);
    if (remoteCall(rs->conn, REMOTE_PROC_STREAM_RECV, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &rc) < 0 ||
        virNetGetBytes(&rep, MIN(nbytes, REMOTE_STREAM_CHUNK), &bytes, &len) < 0)
        return -1;
    memcpy(data, bytes, len);
    return rc;
}

static int
remoteStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return remoteStreamRecvFlags(st, data, nbytes, 0);
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
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
};

/* A stream freed without finish or abort is aborted in the daemon. */
static void
remoteStreamFree(void *data)
{
    remoteStream *rs = data;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };

    if (!rs->done && rs->conn->privateData) {
        virErrorPtr saved = virSaveLastError();

        virNetMessageBegin(&msg);
        virNetPutI32(&msg, rs->id);
        remoteCall(rs->conn, REMOTE_PROC_STREAM_ABORT, &msg, &rep);
        if (saved) {
            virSetError(saved);
            virFreeError(saved);
        } else {
            virResetLastError();
        }
    }
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
    virStreamSetDriver(st, &remoteStreamDriver, rs, remoteStreamFree);
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
    int32_t id;

    virNetMessageBegin(&msg);
    remotePutHandleFields(&msg, vol->name, NULL, 0, vol->pool, vol->key);
    virNetPutU64(&msg, offset);
    virNetPutU64(&msg, length);
    virNetPutU32(&msg, flags);
    if (remoteCall(vol->conn, proc, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &id) < 0)
        return -1;
    remoteStreamAttach(st, vol->conn, id);
    return 0;
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
    int32_t id;

    virNetMessageBegin(&msg);
    remotePutHandleFields(&msg, dom->name, dom->uuid, dom->id, NULL, NULL);
    virNetPutU32(&msg, screen);
    virNetPutU32(&msg, flags);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_SCREENSHOT, &msg, &rep) < 0)
        return NULL;
    if (virNetGetI32(&rep, &id) < 0 || virNetGetOptString(&rep, &mime) < 0)
        return NULL;
    remoteStreamAttach(st, dom->conn, id);
    return mime;
}

void
remoteStreamFillTables(virHypervisorDriver *hv, virStorageDriver *storage)
{
    hv->domainScreenshot = remoteDomainScreenshot;
    storage->storageVolUpload = remoteStorageVolUpload;
    storage->storageVolDownload = remoteStorageVolDownload;
}
