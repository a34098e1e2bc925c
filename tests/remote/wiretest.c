/*
 * wiretest.c: golden tests of the wire format (core/src/rpc/virnetmessage.c).
 *
 * tests/remote/wire/NAME.txt describes a message, one value per line, in
 * the order of the body; NAME.bin is its encoding.  For every pair the
 * test encodes the description and compares it with the file byte for
 * byte, then decodes the file by the description's types, encodes what
 * it decoded again and compares once more.  VIRTKIT_TEST_REGENERATE=1
 * writes the .bin files from the descriptions instead.
 *
 * A description whose first line is `refuse: TEXT` is a malformed input:
 * decoding NAME.bin by the types that follow must fail with an error
 * message containing TEXT (and must not crash: the suite runs it under
 * the same build as everything else, ASan in one CI configuration).
 *
 * Lines:
 *   header TYPE proc=N serial=N status=STATUS   (max=N limits the length)
 *   u8|u32|i32|u64|i64 N     double X      bool 0|1
 *   string TEXT (the rest of the line; \n \t \\ \0 escapes)
 *   optstring TEXT | optstring -             (- is NULL; "\-" is a dash)
 *   bytes HEX                uuid UUID
 *   count N                  an array's count (its items follow)
 *   params N, then N lines:  param NAME TYPE VALUE
 *   error code=N domain=N level=N int1=N int2=N, then the lines
 *         message TEXT|-  str1 TEXT|-  str2 TEXT|-  str3 TEXT|-
 *   handle NAME|- UUID ID AUX1|- AUX2|- [parent]  (a parent handle line
 *         follows when the word parent ends the line)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virerror.h"
#include "virnetmessage.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_RPC

static int failures;

static char *
unescape(const char *s, size_t *outlen)
{
    GString *o = g_string_new(NULL);

    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            g_string_append_c(o, *s);
            continue;
        }
        s++;
        switch (*s) {
        case 'n': g_string_append_c(o, '\n'); break;
        case 't': g_string_append_c(o, '\t'); break;
        case '0': g_string_append_c(o, '\0'); break;
        default: g_string_append_c(o, *s); break;
        }
    }
    if (outlen)
        *outlen = o->len;
    return g_string_free(o, FALSE);
}

/* NULL for "-" */
static char *
optarg_str(const char *s)
{
    if (strcmp(s, "-") == 0)
        return NULL;
    return unescape(s, NULL);
}

static int
keyval(char **words, const char *key, long long *val)
{
    size_t klen = strlen(key);

    for (; *words; words++) {
        if (strncmp(*words, key, klen) == 0 && (*words)[klen] == '=') {
            *val = strtoll(*words + klen + 1, NULL, 0);
            return 0;
        }
    }
    return -1;
}

static const char *const TYPES[] = { "call", "reply", "event", "stream" };
static const char *const STATUSES[] = { "ok", "error", "continue" };

static int
lookup(const char *const *names, size_t n, const char *word)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(names[i], word) == 0)
            return i;
    }
    return atoi(word);
}

/* The parsed description: its lines, and where we are. */
typedef struct {
    char **lines;
    size_t n;
    size_t i;
    size_t maxlen;
} Desc;

static const char *
next_line(Desc *d)
{
    while (d->i < d->n) {
        const char *l = d->lines[d->i++];

        if (*l && *l != '#')
            return l;
    }
    return NULL;
}

/* rest of the line after the first word */
static const char *
rest(const char *line)
{
    const char *sp = strchr(line, ' ');

    return sp ? sp + 1 : "";
}

static int
parse_handle(const char *spec, virNetHandle *h, Desc *d)
{
    g_auto(GStrv) w = g_strsplit(spec, " ", -1);

    if (g_strv_length(w) < 5)
        return -1;
    h->name = optarg_str(w[0]);
    if (virUUIDParse(w[1], h->uuid) < 0)
        return -1;
    h->id = atoi(w[2]);
    h->aux1 = optarg_str(w[3]);
    h->aux2 = optarg_str(w[4]);
    if (w[5] && strcmp(w[5], "parent") == 0) {
        const char *l = next_line(d);

        if (!l || strncmp(l, "handle ", 7) != 0)
            return -1;
        h->parent = g_new0(virNetHandle, 1);
        return parse_handle(rest(l), h->parent, d);
    }
    return 0;
}

/* Encode the description into OUT.  With IN, each value is instead
 * decoded from IN (by the description's type) and what was decoded is
 * encoded: the round trip.  Returns -1 when decoding fails. */
static int
run(Desc *d, virNetBuf *in, virNetBuf *out)
{
    const char *line;
    virNetMessageHeader hdr = { 0 };
    bool have_header = false;

    d->i = 0;
    virNetMessageBegin(out);
    while ((line = next_line(d))) {
        g_auto(GStrv) w = g_strsplit(line, " ", -1);
        const char *kind = w[0];
        long long v = w[1] ? strtoll(w[1], NULL, 0) : 0;

        if (g_str_has_prefix(kind, "refuse:"))
            continue;
        if (strcmp(kind, "header") == 0) {
            long long x = 0;

            hdr.type = lookup(TYPES, G_N_ELEMENTS(TYPES), w[1]);
            keyval(w, "proc", &x); hdr.proc = x;
            keyval(w, "serial", &x); hdr.serial = x;
            x = 0;
            keyval(w, "max", &x);
            d->maxlen = x ? (size_t)x : VIR_NET_MESSAGE_MAX_DEFAULT;
            for (char **p = w; *p; p++) {
                if (g_str_has_prefix(*p, "status="))
                    hdr.status = lookup(STATUSES, G_N_ELEMENTS(STATUSES), *p + 7);
            }
            have_header = true;
            if (in) {
                if (virNetBufRemaining(in) < VIR_NET_HEADER_SIZE) {
                    virReportError(VIR_ERR_RPC, "%s", "malformed message: truncated header");
                    return -1;
                }
                if (virNetHeaderDecode(in->data, d->maxlen, &hdr) < 0)
                    return -1;
                if (hdr.length != in->len) {
                    virReportError(VIR_ERR_RPC, "length %u does not match the %zu bytes read",
                                   hdr.length, in->len);
                    return -1;
                }
                in->pos = VIR_NET_HEADER_SIZE;
            }
        } else if (strcmp(kind, "u8") == 0 || strcmp(kind, "bool") == 0) {
            uint8_t x = v;
            bool b;

            if (in && kind[0] == 'b') {
                if (virNetGetBool(in, &b) < 0)
                    return -1;
                x = b;
            } else if (in && virNetGetU8(in, &x) < 0) {
                return -1;
            }
            virNetPutU8(out, x);
        } else if (strcmp(kind, "u32") == 0 || strcmp(kind, "count") == 0) {
            uint32_t x = strtoull(w[1], NULL, 0);

            if (in && kind[0] == 'c' && virNetGetCount(in, VIR_NET_ARRAY_MAX, &x) < 0)
                return -1;
            if (in && kind[0] == 'u' && virNetGetU32(in, &x) < 0)
                return -1;
            virNetPutU32(out, x);
        } else if (strcmp(kind, "i32") == 0) {
            int32_t x = v;

            if (in && virNetGetI32(in, &x) < 0)
                return -1;
            virNetPutI32(out, x);
        } else if (strcmp(kind, "u64") == 0) {
            uint64_t x = strtoull(w[1], NULL, 0);

            if (in && virNetGetU64(in, &x) < 0)
                return -1;
            virNetPutU64(out, x);
        } else if (strcmp(kind, "i64") == 0) {
            int64_t x = v;

            if (in && virNetGetI64(in, &x) < 0)
                return -1;
            virNetPutI64(out, x);
        } else if (strcmp(kind, "double") == 0) {
            double x = g_ascii_strtod(w[1], NULL);

            if (in && virNetGetDouble(in, &x) < 0)
                return -1;
            virNetPutDouble(out, x);
        } else if (strcmp(kind, "string") == 0) {
            size_t len;
            g_autofree char *s = unescape(rest(line), &len);

            if (in) {
                g_clear_pointer(&s, g_free);
                if (virNetGetString(in, &s) < 0)
                    return -1;
                len = strlen(s);
            }
            virNetPutBytes(out, s, len);
        } else if (strcmp(kind, "optstring") == 0) {
            g_autofree char *s = optarg_str(rest(line));

            if (in) {
                g_clear_pointer(&s, g_free);
                if (virNetGetOptString(in, &s) < 0)
                    return -1;
            }
            virNetPutOptString(out, s);
        } else if (strcmp(kind, "bytes") == 0) {
            g_autofree uint8_t *b = NULL;
            size_t len = strlen(w[1]) / 2;
            size_t k;

            b = g_malloc(len + 1);
            for (k = 0; k < len; k++)
                sscanf(w[1] + 2 * k, "%2hhx", &b[k]);
            if (in) {
                g_clear_pointer(&b, g_free);
                if (virNetGetBytes(in, VIR_NET_STRING_MAX, &b, &len) < 0)
                    return -1;
            }
            virNetPutBytes(out, b, len);
        } else if (strcmp(kind, "uuid") == 0) {
            unsigned char u[VIR_UUID_BUFLEN] = { 0 };

            virUUIDParse(w[1], u);
            if (in && virNetGetFixed(in, u, sizeof(u)) < 0)
                return -1;
            virNetPutFixed(out, u, sizeof(u));
        } else if (strcmp(kind, "params") == 0) {
            int n = v;
            int k;
            virTypedParameterPtr ps = g_new0(virTypedParameter, n ? n : 1);

            for (k = 0; k < n; k++) {
                const char *pl = next_line(d);
                g_auto(GStrv) pw = pl ? g_strsplit(pl, " ", 4) : NULL;
                virTypedParameterPtr p = &ps[k];

                if (!pw || g_strv_length(pw) < 4) {
                    fprintf(stderr, "bad param line\n");
                    exit(2);
                }
                g_strlcpy(p->field, pw[1], sizeof(p->field));
                if (strcmp(pw[2], "int") == 0) {
                    p->type = VIR_TYPED_PARAM_INT; p->value.i = atoi(pw[3]);
                } else if (strcmp(pw[2], "uint") == 0) {
                    p->type = VIR_TYPED_PARAM_UINT; p->value.ui = strtoul(pw[3], NULL, 0);
                } else if (strcmp(pw[2], "llong") == 0) {
                    p->type = VIR_TYPED_PARAM_LLONG; p->value.l = strtoll(pw[3], NULL, 0);
                } else if (strcmp(pw[2], "ullong") == 0) {
                    p->type = VIR_TYPED_PARAM_ULLONG; p->value.ul = strtoull(pw[3], NULL, 0);
                } else if (strcmp(pw[2], "double") == 0) {
                    p->type = VIR_TYPED_PARAM_DOUBLE; p->value.d = g_ascii_strtod(pw[3], NULL);
                } else if (strcmp(pw[2], "boolean") == 0) {
                    p->type = VIR_TYPED_PARAM_BOOLEAN; p->value.b = atoi(pw[3]);
                } else {
                    p->type = VIR_TYPED_PARAM_STRING; p->value.s = unescape(pw[3], NULL);
                }
            }
            if (in) {
                virTypedParamsFree(ps, n);
                ps = NULL;
                n = 0;
                if (virNetGetParams(in, &ps, &n) < 0)
                    return -1;
            }
            virNetPutParams(out, ps, n);
            virTypedParamsFree(ps, n);
        } else if (strcmp(kind, "error") == 0) {
            virError e = { 0 };
            long long x = 0;
            int k;

            keyval(w, "code", &x); e.code = x;
            keyval(w, "domain", &x); e.domain = x;
            keyval(w, "level", &x); e.level = x;
            keyval(w, "int1", &x); e.int1 = x;
            keyval(w, "int2", &x); e.int2 = x;
            for (k = 0; k < 4; k++) {
                const char *el = next_line(d);
                char *val = el ? optarg_str(rest(el)) : NULL;

                if (k == 0) e.message = val;
                else if (k == 1) e.str1 = val;
                else if (k == 2) e.str2 = val;
                else e.str3 = val;
            }
            if (in) {
                virNetErrorClear(&e);
                if (virNetGetError(in, &e) < 0)
                    return -1;
            }
            virNetPutError(out, &e);
            virNetErrorClear(&e);
        } else if (strcmp(kind, "handle") == 0) {
            g_auto(virNetHandle) h = { 0 };

            if (parse_handle(rest(line), &h, d) < 0) {
                fprintf(stderr, "bad handle line: %s\n", line);
                exit(2);
            }
            if (in) {
                virNetHandleClear(&h);
                if (virNetGetHandle(in, &h) < 0)
                    return -1;
            }
            virNetPutHandle(out, &h);
        } else {
            fprintf(stderr, "unknown line: %s\n", line);
            exit(2);
        }
    }
    if (!have_header) {
        fprintf(stderr, "a description needs a header line\n");
        exit(2);
    }
    if (in && virNetBufCheckEnd(in) < 0)
        return -1;
    virNetMessageFinish(out, &hdr);
    return 0;
}

static void
check_case(const char *dir, const char *name)
{
    g_autofree char *txt = g_strdup_printf("%s/%s.txt", dir, name);
    g_autofree char *bin = g_strdup_printf("%s/%s.bin", dir, name);
    g_autofree char *text = NULL;
    g_autofree char *expect = NULL;
    gsize explen = 0;
    g_auto(GStrv) lines = NULL;
    g_auto(virNetBuf) enc = { 0 };
    g_auto(virNetBuf) in = { 0 };
    g_auto(virNetBuf) re = { 0 };
    const char *refuse = NULL;
    Desc d = { 0 };
    int rc;

    if (!g_file_get_contents(txt, &text, NULL, NULL)) {
        fprintf(stderr, "cannot read %s\n", txt);
        exit(2);
    }
    lines = g_strsplit(text, "\n", -1);
    d.lines = lines;
    d.n = g_strv_length(lines);
    if (g_str_has_prefix(lines[0], "refuse: "))
        refuse = lines[0] + 8;

    if (!refuse) {
        run(&d, NULL, &enc);
        if (g_getenv("VIRTKIT_TEST_REGENERATE")) {
            g_file_set_contents(bin, (char *)enc.data, enc.len, NULL);
            printf("ok %s (regenerated)\n", name);
            return;
        }
    }
    if (!g_file_get_contents(bin, &expect, &explen, NULL)) {
        fprintf(stderr, "cannot read %s\n", bin);
        exit(2);
    }
    if (!refuse && (enc.len != explen || memcmp(enc.data, expect, explen) != 0)) {
        printf("FAIL %s: encoding differs from %s.bin\n", name, name);
        failures++;
        return;
    }
    virNetBufAdopt(&in, (uint8_t *)g_steal_pointer(&expect), explen);
    virResetLastError();
    rc = run(&d, &in, &re);
    if (refuse) {
        virErrorPtr err = virGetLastError();

        if (rc == 0) {
            printf("FAIL %s: malformed input was accepted\n", name);
            failures++;
        } else if (!err || !err->message || !strstr(err->message, refuse)) {
            printf("FAIL %s: expected an error with '%s', got '%s'\n", name, refuse,
                   err && err->message ? err->message : "(none)");
            failures++;
        } else {
            printf("ok %s (refused: %s)\n", name, err->message);
        }
        return;
    }
    if (rc < 0) {
        virErrorPtr err = virGetLastError();

        printf("FAIL %s: decoding failed: %s\n", name, err ? err->message : "?");
        failures++;
        return;
    }
    if (re.len != explen || memcmp(re.data, in.data, explen) != 0) {
        printf("FAIL %s: decode + encode differs\n", name);
        failures++;
        return;
    }
    printf("ok %s\n", name);
}

/* Mutations of a golden message (bytes flipped, cut short, grown, counts
 * made huge) decoded by the same description must be taken or refused,
 * never crash or read outside the buffer (the suite runs under ASan or
 * valgrind in one configuration).  A fixed seed keeps runs repeatable. */
static void
fuzz_case(const char *dir, const char *name, GRand *rnd, int rounds)
{
    g_autofree char *txt = g_strdup_printf("%s/%s.txt", dir, name);
    g_autofree char *bin = g_strdup_printf("%s/%s.bin", dir, name);
    g_autofree char *text = NULL;
    g_autofree char *orig = NULL;
    gsize len = 0;
    g_auto(GStrv) lines = NULL;
    int r;

    if (!g_file_get_contents(txt, &text, NULL, NULL) ||
        !g_file_get_contents(bin, &orig, &len, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (r = 0; r < rounds; r++) {
        Desc d = { .lines = lines, .n = g_strv_length(lines) };
        g_auto(virNetBuf) in = { 0 };
        g_auto(virNetBuf) out = { 0 };
        size_t n = len;
        uint8_t *buf;
        int k;

        switch (g_rand_int_range(rnd, 0, 4)) {
        case 0:     /* cut short */
            n = g_rand_int_range(rnd, 0, len + 1);
            break;
        case 1:     /* grown with junk */
            n = len + g_rand_int_range(rnd, 1, 64);
            break;
        default:
            break;
        }
        buf = g_malloc0(n + 1);
        memcpy(buf, orig, MIN(n, len));
        for (k = len; k < (int)n; k++)
            buf[k] = g_rand_int(rnd);
        for (k = g_rand_int_range(rnd, 0, 4); k > 0 && n > 0; k--) {
            size_t at = g_rand_int_range(rnd, 0, n);

            /* past the header, so the body's decoders are what is tried */
            if (n > VIR_NET_HEADER_SIZE && at < VIR_NET_HEADER_SIZE)
                at = VIR_NET_HEADER_SIZE + at % (n - VIR_NET_HEADER_SIZE);
            buf[at] = g_rand_boolean(rnd) ? 0xff : (uint8_t)g_rand_int(rnd);
        }
        if (n >= VIR_NET_HEADER_SIZE) {
            /* keep the length word true, or the header check is all we test */
            buf[0] = n & 0xff;
            buf[1] = (n >> 8) & 0xff;
            buf[2] = (n >> 16) & 0xff;
            buf[3] = (n >> 24) & 0xff;
        }
        virNetBufAdopt(&in, buf, n);
        virResetLastError();
        run(&d, &in, &out);
    }
}

static void
quiet(void *data, virErrorPtr err)
{
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *ent;
    guint i;

    if (argc != 2) {
        fprintf(stderr, "usage: wiretest DIR\n");
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    if (!(dir = g_dir_open(argv[1], 0, NULL)))
        return 2;
    while ((ent = g_dir_read_name(dir))) {
        if (g_str_has_suffix(ent, ".txt"))
            g_ptr_array_add(names, g_strndup(ent, strlen(ent) - 4));
    }
    g_ptr_array_sort(names, by_name);
    for (i = 0; i < names->len; i++)
        check_case(argv[1], g_ptr_array_index(names, i));
    {
        g_autoptr(GRand) rnd = g_rand_new_with_seed(20261122);
        const char *rounds = g_getenv("VIRTKIT_WIRE_FUZZ_ROUNDS");
        int n = rounds ? atoi(rounds) : 2000;

        for (i = 0; i < names->len; i++)
            fuzz_case(argv[1], g_ptr_array_index(names, i), rnd, n);
        printf("ok fuzz: %d mutations of each message decoded without a crash\n", n);
    }
    printf("%u passed, %d failed\n", names->len + 1 - failures, failures);
    return failures ? 1 : 0;
}
