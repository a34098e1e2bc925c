/*
 * virnetmessage.h: virtkit's wire format (docs/remote-protocol.md).
 *
 * A message is a fixed 28-byte header followed by a body.  The header's
 * first word is the whole message's length, so a reader learns how much
 * to read, and can refuse a message that is too big, before reading any
 * of the body.  Bodies are a plain sequence of values with no tags: both
 * sides know from the procedure number what comes next.  Every variable
 * sized value (string, byte string, array) carries its count first and
 * is checked against a bound before anything is allocated for it.
 *
 * All integers are little-endian.  Encoding never fails (the buffer
 * grows); decoding reports a VIR_ERR_RPC error naming what was wrong and
 * returns -1, leaving the output untouched.
 *
 * This layer knows nothing of handles as objects: a handle travels as a
 * virNetHandle tuple, which the layers above turn into virDomainPtr and
 * friends.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define VIR_NET_PROGRAM 0x564b4954U          /* "VKIT" */
#define VIR_NET_PROTOCOL_VERSION 1U
#define VIR_NET_HEADER_SIZE 28U

/* Procedures of the hand-written glue (docs/remote-protocol.md); api.xml's
 * numbers stay below them. */
#define REMOTE_PROC_OPEN 65537
#define REMOTE_PROC_CLOSE 65538
#define REMOTE_PROC_EVENT_REGISTER 65539
#define REMOTE_PROC_EVENT_DEREGISTER 65540
#define REMOTE_PROC_KEEPALIVE 65541
#define REMOTE_PROC_EVENT 65543
#define REMOTE_PROC_AUTH_LIST 65544
#define REMOTE_PROC_AUTH_SASL_INIT 65545
#define REMOTE_PROC_AUTH_SASL_START 65546
#define REMOTE_PROC_AUTH_SASL_STEP 65547

/* What a connection must pass before any call but the auth procedures;
 * authList answers with these. */
typedef enum {
    VIR_NET_AUTH_NONE = 0,
    VIR_NET_AUTH_SASL = 1,
} virNetAuthType;

/* Default largest message; a daemon or client may lower or raise it. */
#define VIR_NET_MESSAGE_MAX_DEFAULT (32U * 1024 * 1024)
/* Bounds on variable-sized values inside a body. */
#define VIR_NET_STRING_MAX (16U * 1024 * 1024)
#define VIR_NET_ARRAY_MAX 262144U
#define VIR_NET_PARAMS_MAX 4096U

typedef enum {
    VIR_NET_CALL = 0,
    VIR_NET_REPLY = 1,
    VIR_NET_EVENT = 2,
    VIR_NET_STREAM = 3,
    VIR_NET_TYPE_LAST,
} virNetMessageType;

typedef enum {
    VIR_NET_OK = 0,         /* a reply with results, or stream data */
    VIR_NET_ERROR = 1,      /* the body is a virError */
    VIR_NET_CONTINUE = 2,   /* stream: more data follows */
    VIR_NET_STATUS_LAST,
} virNetMessageStatus;

typedef struct {
    uint32_t length;        /* header + body, in bytes */
    uint32_t program;       /* VIR_NET_PROGRAM */
    uint32_t version;       /* VIR_NET_PROTOCOL_VERSION */
    uint32_t proc;          /* procedure number (api.xml proc=) */
    uint32_t type;          /* virNetMessageType */
    uint32_t serial;        /* chosen by the caller, echoed in the reply */
    uint32_t status;        /* virNetMessageStatus */
} virNetMessageHeader;

/* A growable byte buffer with a read position. */
typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t pos;
} virNetBuf;

void virNetBufInit(virNetBuf *buf);
void virNetBufClear(virNetBuf *buf);
/* Take over LEN bytes at DATA (g_malloc'ed) for reading. */
void virNetBufAdopt(virNetBuf *buf, uint8_t *data, size_t len);
/* Bytes not read yet. */
size_t virNetBufRemaining(const virNetBuf *buf);
/* -1 with an error when bytes are left over after a body was decoded. */
int virNetBufCheckEnd(const virNetBuf *buf);

/* ---- header ---- */

/* Write HDR's 28 bytes into OUT. */
void virNetHeaderEncode(const virNetMessageHeader *hdr, uint8_t *out);
/* Read and check a header: program, version, type and status must be
 * known, LENGTH at least the header and at most MAXLEN. */
int virNetHeaderDecode(const uint8_t *in, size_t maxlen,
                       virNetMessageHeader *hdr);

/* Start a message in BUF: room for the header, filled in by
 * virNetMessageFinish once the body is written. */
void virNetMessageBegin(virNetBuf *buf);
void virNetMessageFinish(virNetBuf *buf, const virNetMessageHeader *hdr);

/* ---- values ---- */

void virNetPutU8(virNetBuf *buf, uint8_t v);
void virNetPutU32(virNetBuf *buf, uint32_t v);
void virNetPutI32(virNetBuf *buf, int32_t v);
void virNetPutU64(virNetBuf *buf, uint64_t v);
void virNetPutI64(virNetBuf *buf, int64_t v);
void virNetPutDouble(virNetBuf *buf, double v);
void virNetPutBytes(virNetBuf *buf, const void *data, size_t len);
void virNetPutFixed(virNetBuf *buf, const void *data, size_t len);
void virNetPutString(virNetBuf *buf, const char *s);
void virNetPutOptString(virNetBuf *buf, const char *s);
void virNetPutParams(virNetBuf *buf, const virTypedParameter *params, int nparams);
void virNetPutError(virNetBuf *buf, const virError *err);

int virNetGetU8(virNetBuf *buf, uint8_t *v);
int virNetGetBool(virNetBuf *buf, bool *v);
int virNetGetU32(virNetBuf *buf, uint32_t *v);
int virNetGetI32(virNetBuf *buf, int32_t *v);
int virNetGetU64(virNetBuf *buf, uint64_t *v);
int virNetGetI64(virNetBuf *buf, int64_t *v);
int virNetGetDouble(virNetBuf *buf, double *v);
/* A counted byte string of at most MAX bytes, g_malloc'ed (never NULL;
 * one spare NUL byte after it). */
int virNetGetBytes(virNetBuf *buf, size_t max, uint8_t **data, size_t *len);
int virNetGetFixed(virNetBuf *buf, void *data, size_t len);
/* A string, g_malloc'ed; embedded NULs are refused. */
int virNetGetString(virNetBuf *buf, char **s);
/* A string or NULL. */
int virNetGetOptString(virNetBuf *buf, char **s);
/* An array count, refused above MAX. */
int virNetGetCount(virNetBuf *buf, uint32_t max, uint32_t *count);
/* Typed parameters, g_new0'ed; free with virTypedParamsFree. */
int virNetGetParams(virNetBuf *buf, virTypedParameterPtr *params, int *nparams);
/* Fill ERR (strings g_malloc'ed; free with virNetErrorClear). */
int virNetGetError(virNetBuf *buf, virError *err);
void virNetErrorClear(virError *err);

/* ---- handles ---- */

/* Every object handle travels as the same tuple; which fields mean what
 * depends on the kind of object (docs/remote-protocol.md):
 * name, uuid, id, two more strings, and the handle it belongs to. */
typedef struct _virNetHandle virNetHandle;
struct _virNetHandle {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int32_t id;
    char *aux1;
    char *aux2;
    virNetHandle *parent;
};

void virNetPutHandle(virNetBuf *buf, const virNetHandle *h);
int virNetGetHandle(virNetBuf *buf, virNetHandle *h);
void virNetHandleClear(virNetHandle *h);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virNetHandle, virNetHandleClear);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virNetBuf, virNetBufClear);

/* ---- whole messages on a connection ---- */

typedef struct _virNetSocket virNetSocket;

/* Read one message from SOCK (virnetsocket.h; messages are written
 * with virNetSocketWriteAll): the header first, refused when over MAXLEN,
 * then the body into BODY.  Returns 1 on a message, 0 on a clean end of
 * stream before any byte of a header, -1 with an error. */
int virNetReadMessage(virNetSocket *sock, size_t maxlen, virNetMessageHeader *hdr,
                      virNetBuf *body);
