/*
 * virnetmessage.c: encoding and decoding of virtkit's wire format (see
 * virnetmessage.h and docs/remote-protocol.md).
 *
 * The decoders are written for hostile input: every read checks the bytes
 * left first, every count is checked against its bound and against the
 * bytes left before memory is allocated for it, and a failed decode frees
 * what it had built so far.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virnetmessage.h"
#include "virnetsocket.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* ------------------------------------------------------------------ */
/* Buffers                                                            */

void
virNetBufInit(virNetBuf *buf)
{
    memset(buf, 0, sizeof(*buf));
}

void
virNetBufClear(virNetBuf *buf)
{
    g_free(buf->data);
    memset(buf, 0, sizeof(*buf));
}

void
virNetBufAdopt(virNetBuf *buf, uint8_t *data, size_t len)
{
    g_free(buf->data);
    buf->data = data;
    buf->len = len;
    buf->cap = len;
    buf->pos = 0;
}

size_t
virNetBufRemaining(const virNetBuf *buf)
{
    return buf->len - buf->pos;
}

int
virNetBufCheckEnd(const virNetBuf *buf)
{
    if (buf->pos != buf->len) {
        virReportError(VIR_ERR_RPC, "malformed message: %zu unexpected bytes after the body",
                       buf->len - buf->pos);
        return -1;
    }
    return 0;
}

static uint8_t *
virNetBufGrow(virNetBuf *buf, size_t n)
{
    if (buf->len + n > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 256;

        while (cap < buf->len + n)
            cap *= 2;
        buf->data = g_realloc(buf->data, cap);
        buf->cap = cap;
    }
    buf->len += n;
    return buf->data + buf->len - n;
}

static const uint8_t *
virNetBufTake(virNetBuf *buf, size_t n, const char *what)
{
    const uint8_t *p;

    if (virNetBufRemaining(buf) < n) {
        virReportError(VIR_ERR_RPC, "malformed message: truncated %s", what);
        return NULL;
    }
    p = buf->data + buf->pos;
    buf->pos += n;
    return p;
}

static void
put32(uint8_t *p, uint32_t v)
{
    p[0] = v & 0xff;
    p[1] = (v >> 8) & 0xff;
    p[2] = (v >> 16) & 0xff;
    p[3] = (v >> 24) & 0xff;
}

static uint32_t
get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
           ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* ------------------------------------------------------------------ */
/* Header                                                             */

void
virNetHeaderEncode(const virNetMessageHeader *hdr, uint8_t *out)
{
    put32(out, hdr->length);
    put32(out + 4, hdr->program);
    put32(out + 8, hdr->version);
    put32(out + 12, hdr->proc);
    put32(out + 16, hdr->type);
    put32(out + 20, hdr->serial);
    put32(out + 24, hdr->status);
}

int
virNetHeaderDecode(const uint8_t *in, size_t maxlen, virNetMessageHeader *hdr)
{
    virNetMessageHeader h = {
        .length = get32(in),
        .program = get32(in + 4),
        .version = get32(in + 8),
        .proc = get32(in + 12),
        .type = get32(in + 16),
        .serial = get32(in + 20),
        .status = get32(in + 24),
    };

    if (h.length < VIR_NET_HEADER_SIZE) {
        virReportError(VIR_ERR_RPC, "malformed message: length %u is shorter than the header",
                       h.length);
        return -1;
    }
    if (h.length > maxlen) {
        virReportError(VIR_ERR_RPC, "message of %u bytes is over the limit of %zu bytes",
                       h.length, maxlen);
        return -1;
    }
    if (h.program != VIR_NET_PROGRAM) {
        virReportError(VIR_ERR_RPC, "unknown program 0x%08x", h.program);
        return -1;
    }
    if (h.version != VIR_NET_PROTOCOL_VERSION) {
        virReportError(VIR_ERR_RPC, "unsupported protocol version %u", h.version);
        return -1;
    }
    if (h.type >= VIR_NET_TYPE_LAST) {
        virReportError(VIR_ERR_RPC, "unknown message type %u", h.type);
        return -1;
    }
    if (h.status >= VIR_NET_STATUS_LAST) {
        virReportError(VIR_ERR_RPC, "unknown message status %u", h.status);
        return -1;
    }
    *hdr = h;
    return 0;
}

void
virNetMessageBegin(virNetBuf *buf)
{
    buf->len = 0;
    buf->pos = 0;
    virNetBufGrow(buf, VIR_NET_HEADER_SIZE);
}

void
virNetMessageFinish(virNetBuf *buf, const virNetMessageHeader *hdr)
{
    virNetMessageHeader h = *hdr;

    h.length = buf->len;
    h.program = VIR_NET_PROGRAM;
    h.version = VIR_NET_PROTOCOL_VERSION;
    virNetHeaderEncode(&h, buf->data);
}

/* ------------------------------------------------------------------ */
/* Encoding                                                           */

void
virNetPutU8(virNetBuf *buf, uint8_t v)
{
    *virNetBufGrow(buf, 1) = v;
}

void
virNetPutU32(virNetBuf *buf, uint32_t v)
{
    put32(virNetBufGrow(buf, 4), v);
}

void
virNetPutI32(virNetBuf *buf, int32_t v)
{
    virNetPutU32(buf, (uint32_t)v);
}

void
virNetPutU64(virNetBuf *buf, uint64_t v)
{
    uint8_t *p = virNetBufGrow(buf, 8);

    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

void
virNetPutI64(virNetBuf *buf, int64_t v)
{
    virNetPutU64(buf, (uint64_t)v);
}

void
virNetPutDouble(virNetBuf *buf, double v)
{
    uint64_t bits;

    G_STATIC_ASSERT(sizeof(bits) == sizeof(v));
    memcpy(&bits, &v, sizeof(bits));
    virNetPutU64(buf, bits);
}

void
virNetPutFixed(virNetBuf *buf, const void *data, size_t len)
{
    if (len)
        memcpy(virNetBufGrow(buf, len), data, len);
}

void
virNetPutBytes(virNetBuf *buf, const void *data, size_t len)
{
    virNetPutU32(buf, (uint32_t)len);
    virNetPutFixed(buf, data, len);
}

void
virNetPutString(virNetBuf *buf, const char *s)
{
    virNetPutBytes(buf, s ? s : "", s ? strlen(s) : 0);
}

void
virNetPutOptString(virNetBuf *buf, const char *s)
{
    virNetPutU8(buf, s != NULL);
    if (s)
        virNetPutString(buf, s);
}

void
virNetPutParams(virNetBuf *buf, const virTypedParameter *params, int nparams)
{
    int i;

    if (!params || nparams < 0)
        nparams = 0;
    virNetPutU32(buf, nparams);
    for (i = 0; i < nparams; i++) {
        const virTypedParameter *p = &params[i];

        virNetPutString(buf, p->field);
        virNetPutU32(buf, p->type);
        switch (p->type) {
        case VIR_TYPED_PARAM_INT:
            virNetPutI32(buf, p->value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            virNetPutU32(buf, p->value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            virNetPutI64(buf, p->value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            virNetPutU64(buf, p->value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            virNetPutDouble(buf, p->value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            virNetPutU8(buf, p->value.b ? 1 : 0);
            break;
        case VIR_TYPED_PARAM_STRING:
            virNetPutString(buf, p->value.s);
            break;
        }
    }
}

void
virNetPutError(virNetBuf *buf, const virError *err)
{
    virNetPutI32(buf, err->code);
    virNetPutI32(buf, err->domain);
    virNetPutOptString(buf, err->message);
    virNetPutI32(buf, err->level);
    virNetPutOptString(buf, err->str1);
    virNetPutOptString(buf, err->str2);
    virNetPutOptString(buf, err->str3);
    virNetPutI32(buf, err->int1);
    virNetPutI32(buf, err->int2);
}

void
virNetPutHandle(virNetBuf *buf, const virNetHandle *h)
{
    virNetPutOptString(buf, h->name);
    virNetPutFixed(buf, h->uuid, VIR_UUID_BUFLEN);
    virNetPutI32(buf, h->id);
    virNetPutOptString(buf, h->aux1);
    virNetPutOptString(buf, h->aux2);
    virNetPutU8(buf, h->parent != NULL);
    if (h->parent)
        virNetPutHandle(buf, h->parent);
}

/* ------------------------------------------------------------------ */
/* Decoding                                                           */

int
virNetGetU8(virNetBuf *buf, uint8_t *v)
{
    const uint8_t *p = virNetBufTake(buf, 1, "byte");

    if (!p)
        return -1;
    *v = *p;
    return 0;
}

int
virNetGetBool(virNetBuf *buf, bool *v)
{
    uint8_t b;

    if (virNetGetU8(buf, &b) < 0)
        return -1;
    if (b > 1) {
        virReportError(VIR_ERR_RPC, "malformed message: flag byte %u is neither 0 nor 1", b);
        return -1;
    }
    *v = b;
    return 0;
}

int
virNetGetU32(virNetBuf *buf, uint32_t *v)
{
    const uint8_t *p = virNetBufTake(buf, 4, "32-bit integer");

    if (!p)
        return -1;
    *v = get32(p);
    return 0;
}

int
virNetGetI32(virNetBuf *buf, int32_t *v)
{
    uint32_t u;

    if (virNetGetU32(buf, &u) < 0)
        return -1;
    *v = (int32_t)u;
    return 0;
}

int
virNetGetU64(virNetBuf *buf, uint64_t *v)
{
    const uint8_t *p = virNetBufTake(buf, 8, "64-bit integer");

    if (!p)
        return -1;
    *v = (uint64_t)get32(p) | ((uint64_t)get32(p + 4) << 32);
    return 0;
}

int
virNetGetI64(virNetBuf *buf, int64_t *v)
{
    uint64_t u;

    if (virNetGetU64(buf, &u) < 0)
        return -1;
    *v = (int64_t)u;
    return 0;
}

int
virNetGetDouble(virNetBuf *buf, double *v)
{
    uint64_t bits;

    if (virNetGetU64(buf, &bits) < 0)
        return -1;
    memcpy(v, &bits, sizeof(*v));
    return 0;
}

int
virNetGetFixed(virNetBuf *buf, void *data, size_t len)
{
    const uint8_t *p = virNetBufTake(buf, len, "fixed-size field");

    if (!p)
        return -1;
    memcpy(data, p, len);
    return 0;
}

int
virNetGetBytes(virNetBuf *buf, size_t max, uint8_t **data, size_t *len)
{
    uint32_t n;
    const uint8_t *p;
    uint8_t *copy;

    if (virNetGetU32(buf, &n) < 0)
        return -1;
    if (n > max) {
        virReportError(VIR_ERR_RPC, "malformed message: %u bytes is over the limit of %zu",
                       n, max);
        return -1;
    }
    if (!(p = virNetBufTake(buf, n, "byte string")))
        return -1;
    copy = g_malloc(n + 1);
    memcpy(copy, p, n);
    copy[n] = 0;
    *data = copy;
    *len = n;
    return 0;
}

int
virNetGetString(virNetBuf *buf, char **s)
{
    uint8_t *data;
    size_t len;

    if (virNetGetBytes(buf, VIR_NET_STRING_MAX, &data, &len) < 0)
        return -1;
    if (memchr(data, 0, len)) {
        g_free(data);
        virReportError(VIR_ERR_RPC, "%s", "malformed message: a string holds a NUL byte");
        return -1;
    }
    *s = (char *)data;
    return 0;
}

int
virNetGetOptString(virNetBuf *buf, char **s)
{
    bool present;

    if (virNetGetBool(buf, &present) < 0)
        return -1;
    if (!present) {
        *s = NULL;
        return 0;
    }
    return virNetGetString(buf, s);
}

int
virNetGetCount(virNetBuf *buf, uint32_t max, uint32_t *count)
{
    uint32_t n;

    if (virNetGetU32(buf, &n) < 0)
        return -1;
    if (n > max) {
        virReportError(VIR_ERR_RPC, "malformed message: %u items is over the limit of %u",
                       n, max);
        return -1;
    }
    /* every item takes at least one byte: refuse counts the body cannot hold */
    if (n > virNetBufRemaining(buf)) {
        virReportError(VIR_ERR_RPC, "malformed message: %u items in %zu bytes",
                       n, virNetBufRemaining(buf));
        return -1;
    }
    *count = n;
    return 0;
}

static void
virNetParamsFree(virTypedParameterPtr params, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_free(params[i].value.s);
    }
    g_free(params);
}

int
virNetGetParams(virNetBuf *buf, virTypedParameterPtr *params, int *nparams)
{
    uint32_t n;
    uint32_t i;
    virTypedParameterPtr ps;

    if (virNetGetCount(buf, VIR_NET_PARAMS_MAX, &n) < 0)
        return -1;
    ps = g_new0(virTypedParameter, n ? n : 1);
    for (i = 0; i < n; i++) {
        virTypedParameterPtr p = &ps[i];
        g_autofree char *field = NULL;
        uint32_t type;
        uint8_t b;
        int rc = 0;

        if (virNetGetString(buf, &field) < 0 || virNetGetU32(buf, &type) < 0)
            goto error;
        if (strlen(field) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            virReportError(VIR_ERR_RPC, "malformed message: parameter name '%s' is too long",
                           field);
            goto error;
        }
        strcpy(p->field, field);
        switch (type) {
        case VIR_TYPED_PARAM_INT:
            rc = virNetGetI32(buf, &p->value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            rc = virNetGetU32(buf, &p->value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            rc = virNetGetI64(buf, (int64_t *)&p->value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            rc = virNetGetU64(buf, (uint64_t *)&p->value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            rc = virNetGetDouble(buf, &p->value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            rc = virNetGetU8(buf, &b);
            p->value.b = b ? 1 : 0;
            break;
        case VIR_TYPED_PARAM_STRING:
            p->type = type;    /* so a failure below frees nothing wrong */
            rc = virNetGetString(buf, &p->value.s);
            break;
        default:
            virReportError(VIR_ERR_RPC, "malformed message: parameter '%s' has unknown type %u",
                           field, type);
            goto error;
        }
        p->type = type;
        if (rc < 0)
            goto error;
        continue;
 error:
        virNetParamsFree(ps, i + 1);
        return -1;
    }
    *params = ps;
    *nparams = n;
    return 0;
}

void
virNetErrorClear(virError *err)
{
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

int
virNetGetError(virNetBuf *buf, virError *err)
{
    virError e = { 0 };

    if (virNetGetI32(buf, &e.code) < 0 ||
        virNetGetI32(buf, &e.domain) < 0 ||
        virNetGetOptString(buf, &e.message) < 0 ||
        virNetGetI32(buf, (int32_t *)&e.level) < 0 ||
        virNetGetOptString(buf, &e.str1) < 0 ||
        virNetGetOptString(buf, &e.str2) < 0 ||
        virNetGetOptString(buf, &e.str3) < 0 ||
        virNetGetI32(buf, &e.int1) < 0 ||
        virNetGetI32(buf, &e.int2) < 0) {
        virNetErrorClear(&e);
        return -1;
    }
    *err = e;
    return 0;
}

void
virNetHandleClear(virNetHandle *h)
{
    g_free(h->name);
    g_free(h->aux1);
    g_free(h->aux2);
    if (h->parent) {
        virNetHandleClear(h->parent);
        g_free(h->parent);
    }
    memset(h, 0, sizeof(*h));
}

static int
virNetGetHandleDepth(virNetBuf *buf, virNetHandle *h, int depth)
{
    virNetHandle t = { 0 };
    bool parent;

    if (virNetGetOptString(buf, &t.name) < 0 ||
        virNetGetFixed(buf, t.uuid, VIR_UUID_BUFLEN) < 0 ||
        virNetGetI32(buf, &t.id) < 0 ||
        virNetGetOptString(buf, &t.aux1) < 0 ||
        virNetGetOptString(buf, &t.aux2) < 0 ||
        virNetGetBool(buf, &parent) < 0)
        goto error;
    if (parent) {
        /* a snapshot belongs to a domain, a port to a network: one level */
        if (depth > 0) {
            virReportError(VIR_ERR_RPC, "%s", "malformed message: handles nested too deep");
            goto error;
        }
        t.parent = g_new0(virNetHandle, 1);
        if (virNetGetHandleDepth(buf, t.parent, depth + 1) < 0)
            goto error;
    }
    *h = t;
    return 0;

 error:
    virNetHandleClear(&t);
    return -1;
}

int
virNetGetHandle(virNetBuf *buf, virNetHandle *h)
{
    return virNetGetHandleDepth(buf, h, 0);
}

/* ------------------------------------------------------------------ */
/* Messages on a connection                                           */

/* Read exactly LEN bytes: 1 when done, 0 on end of stream before the
 * first byte, -1 otherwise. */
static int
virNetReadAll(virNetSocket *sock, uint8_t *p, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = virNetSocketRead(sock, p + got, len - got);

        if (n < 0)
            return -1;
        if (n == 0) {
            if (got == 0)
                return 0;
            virReportError(VIR_ERR_RPC, "%s", "the connection closed in the middle of a message");
            return -1;
        }
        got += n;
    }
    return 1;
}

int
virNetReadMessage(virNetSocket *sock, size_t maxlen, virNetMessageHeader *hdr, virNetBuf *body)
{
    uint8_t head[VIR_NET_HEADER_SIZE];
    uint8_t *data;
    size_t blen;
    int rc;

    if ((rc = virNetReadAll(sock, head, sizeof(head))) <= 0)
        return rc;
    if (virNetHeaderDecode(head, maxlen, hdr) < 0)
        return -1;
    blen = hdr->length - VIR_NET_HEADER_SIZE;
    data = g_malloc(blen + 1);
    if (blen && (rc = virNetReadAll(sock, data, blen)) != 1) {
        if (rc == 0)
            virReportError(VIR_ERR_RPC, "%s", "the connection closed in the middle of a message");
        g_free(data);
        return -1;
    }
    virNetBufAdopt(body, data, blen);
    return 1;
}
