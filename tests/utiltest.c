/*
 * utiltest.c: unit tests for core/src/util (errors, URIs, UUIDs, typed
 * parameters, logging).
 *
 * Most expectations are tables of observed libvirt behaviour (the exact
 * messages, how each URI splits and formats back), because being a drop-in
 * means matching those facts, not just "something sensible".  Each case
 * prints one line; the last line is "N passed, M failed" and the exit
 * status is non-zero when anything failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "viruri.h"
#include "viruuid.h"
#include "virtypedparam.h"
#include "datatypes.h"

#define VIR_FROM_THIS VIR_FROM_TEST

static int passed;
static int failed;

static void G_GNUC_PRINTF(2, 3)
check(gboolean ok, const char *fmt, ...)
{
    g_autofree char *name = NULL;
    va_list ap;

    va_start(ap, fmt);
    name = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    printf("%s - %s\n", ok ? "ok  " : "FAIL", name);
    if (ok)
        passed++;
    else
        failed++;
}

static gboolean
streq0(const char *a, const char *b)
{
    return g_strcmp0(a, b) == 0;
}

/* Compare strings; the case line shows them escaped, on one line. */
static void
checkStr(const char *what, const char *got, const char *want)
{
    g_autofree char *g = got ? g_strescape(got, NULL) : g_strdup("(null)");
    g_autofree char *w = want ? g_strescape(want, NULL) : g_strdup("(null)");

    if (streq0(got, want))
        check(TRUE, "%s = %s", what, w);
    else
        check(FALSE, "%s: got [%s] want [%s]", what, g, w);
}

static void
checkInt(const char *what, long long got, long long want)
{
    if (got == want)
        check(TRUE, "%s = %lld", what, want);
    else
        check(FALSE, "%s: got %lld want %lld", what, got, want);
}

/* Run FN with stderr sent to a temporary file; return what it wrote. */
static char *
captureStderr(void (*fn)(void *), void *opaque)
{
    char path[] = "/tmp/utiltest-XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(STDERR_FILENO);
    char *text = NULL;

    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    fn(opaque);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    if (!g_file_get_contents(path, &text, NULL, NULL))
        text = g_strdup("");
    unlink(path);
    return text;
}

/* =====================================================================
 * Errors
 * ===================================================================*/

static void
testErrorTexts(void)
{
    static const struct {
        int code;
        const char *withDetail;   /* for detail "X" */
        const char *plain;
    } cases[] = {
        { VIR_ERR_INTERNAL_ERROR, "internal error: X", "internal error" },
        { VIR_ERR_NO_SUPPORT,
          "this function is not supported by the connection driver: X",
          "this function is not supported by the connection driver" },
        { VIR_ERR_NO_CONNECT, "no connection driver available for X",
          "no connection driver available" },
        { VIR_ERR_INVALID_CONN, "invalid connection pointer in X",
          "invalid connection pointer in" },
        { VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in X",
          "invalid domain pointer in" },
        { VIR_ERR_INVALID_ARG, "invalid argument: X", "invalid argument" },
        { VIR_ERR_OPERATION_FAILED, "operation failed: X", "operation failed" },
        { VIR_ERR_XML_ERROR, "XML error: X",
          "XML description is invalid or not well formed" },
        { VIR_ERR_DOM_EXIST, "domain X exists already",
          "this domain exists already" },
        { VIR_ERR_OPERATION_DENIED, "operation forbidden: X",
          "operation forbidden for read only access" },
        { VIR_ERR_XML_DETAIL, "X", "parser error" },
        { VIR_ERR_SYSTEM_ERROR, "X", "system call error" },
        { VIR_ERR_NO_DOMAIN, "Domain not found: X", "Domain not found" },
        { VIR_ERR_NO_NETWORK, "Network not found: X", "Network not found" },
        { VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: X",
          "Requested operation is not valid" },
        { VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration: X",
          "unsupported configuration" },
        { VIR_ERR_ARGUMENT_UNSUPPORTED, "argument unsupported: X",
          "argument unsupported" },
        { VIR_ERR_NO_STORAGE_POOL, "Storage pool not found: X",
          "Storage pool not found" },
        { VIR_ERR_STORAGE_VOL_EXIST, "storage volume X exists already",
          "this storage volume exists already" },
        { VIR_ERR_MULTIPLE_DOMAINS, "multiple matching domains found: X",
          "multiple matching domains found" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virErrorPtr err;
        g_autofree char *what = NULL;

        virReportError(cases[i].code, "%s", "X");
        err = virGetLastError();
        what = g_strdup_printf("error %d with detail", cases[i].code);
        checkStr(what, err ? err->message : NULL, cases[i].withDetail);

        virReportError(cases[i].code, NULL);
        err = virGetLastError();
        g_free(what);
        what = g_strdup_printf("error %d without detail", cases[i].code);
        checkStr(what, err ? err->message : NULL, cases[i].plain);
        checkStr("virErrorMsg", virErrorMsg(cases[i].code), cases[i].plain);
    }

    /* Every known code has a generic text. */
    {
        int missing = 0;
        for (int code = 1; code <= VIR_ERR_MULTIPLE_DOMAINS; code++) {
            if (!virErrorMsg(code))
                missing++;
        }
        checkInt("codes without generic text", missing, 0);
        check(virErrorMsg(VIR_ERR_OK) == NULL, "virErrorMsg(VIR_ERR_OK) is NULL");
    }
    virResetLastError();
}

static int
flagsUser(unsigned int flags)
{
    virCheckFlags(0x4, -1);
    return 0;
}

static void
testErrorFields(void)
{
    virErrorPtr err;
    int saved;

    virResetLastError();
    check(virGetLastError() == NULL, "no error: virGetLastError is NULL");
    checkStr("no error: message", virGetLastErrorMessage(), "no error");
    checkInt("no error: code", virGetLastErrorCode(), VIR_ERR_OK);
    checkInt("no error: domain", virGetLastErrorDomain(), VIR_FROM_NONE);

    errno = EBUSY;
    virReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", "web1");
    saved = errno;
    checkInt("errno kept across virReportError", saved, EBUSY);
    err = virGetLastError();
    check(err != NULL, "error is set");
    checkInt("code", err->code, VIR_ERR_NO_DOMAIN);
    checkInt("domain", err->domain, VIR_FROM_TEST);
    checkInt("level", err->level, VIR_ERR_ERROR);
    checkStr("message", err->message,
             "Domain not found: no domain with matching name 'web1'");
    checkStr("str1", err->str1, "Domain not found: %s");
    checkStr("str2", err->str2, "no domain with matching name 'web1'");
    checkStr("str3", err->str3, NULL);
    checkInt("int1", err->int1, -1);
    checkInt("int2", err->int2, -1);
    checkInt("virGetLastErrorCode", virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    checkInt("virGetLastErrorDomain", virGetLastErrorDomain(), VIR_FROM_TEST);

    virReportSystemError(ENOENT, "cannot open '%s'", "/nope");
    err = virGetLastError();
    checkInt("system error code", err->code, VIR_ERR_SYSTEM_ERROR);
    checkStr("system error message", err->message,
             "cannot open '/nope': No such file or directory");
    checkInt("system error int1 is errno", err->int1, ENOENT);
    checkStr("system error str1", err->str1, "%s");

    virReportSystemError(EACCES, NULL);
    checkStr("system error without text", virGetLastErrorMessage(),
             "Permission denied");

    checkInt("virCheckFlags accepts known bits", flagsUser(0x4), 0);
    checkInt("virCheckFlags refuses unknown bits", flagsUser(0x14), -1);
    err = virGetLastError();
    checkInt("virCheckFlags code", err->code, VIR_ERR_INVALID_ARG);
    checkStr("virCheckFlags message", err->message,
             "unsupported flags (0x10) in function flagsUser");
    checkStr("virCheckFlags str1", err->str1, "flagsUser");
    checkStr("virCheckFlags str2", err->str2, "flags");
    checkInt("virCheckFlags int1", err->int1, 0);

    {
        virReportInvalidNonNullArg(name);
        checkStr("virReportInvalidNonNullArg", virGetLastErrorMessage(),
                 "name in testErrorFields must not be NULL");
        virReportInvalidNonNegativeArg(name);
        checkStr("virReportInvalidNonNegativeArg", virGetLastErrorMessage(),
                 "name in testErrorFields must be zero or greater");
    }

    virReportError(VIR_ERR_OK, "ignored");
    checkStr("VIR_ERR_OK reports nothing", virGetLastErrorMessage(),
             "name in testErrorFields must be zero or greater");

    virResetLastError();
    check(virGetLastError() == NULL, "virResetLastError clears");
}

static void
testErrorCopies(void)
{
    virError copy;
    virErrorPtr saved;
    int rc;

    virResetLastError();
    memset(&copy, 0x5a, sizeof(copy));
    rc = virCopyLastError(&copy);
    checkInt("virCopyLastError without error returns", rc, 0);
    check(copy.code == 0 && copy.message == NULL,
          "virCopyLastError without error zeroes the copy");

    saved = virSaveLastError();
    check(saved != NULL, "virSaveLastError without error returns a record");
    checkInt("virSaveLastError without error code", saved->code, VIR_ERR_OK);
    virFreeError(saved);

    virReportError(VIR_ERR_OPERATION_INVALID, "domain is not running");
    rc = virCopyLastError(&copy);
    checkInt("virCopyLastError returns code", rc, VIR_ERR_OPERATION_INVALID);
    checkStr("copy message", copy.message,
             "Requested operation is not valid: domain is not running");
    check(copy.message != virGetLastError()->message, "copy is deep");

    saved = virSaveLastError();
    virResetLastError();
    checkStr("saved survives reset", saved->message, copy.message);
    virSetError(saved);
    checkStr("virSetError restores", virGetLastErrorMessage(), copy.message);
    virFreeError(saved);
    virResetError(&copy);
    check(copy.code == 0 && copy.message == NULL, "virResetError clears");
    virFreeError(NULL);
    virResetError(NULL);
    virResetLastError();
}

typedef struct {
    const char *seenMessage;
    gboolean cleanAtStart;
} threadData;

static gpointer
errorThread(gpointer opaque)
{
    threadData *data = opaque;

    data->cleanAtStart = virGetLastError() == NULL;
    virReportError(VIR_ERR_NO_NETWORK, "net in thread");
    data->seenMessage = g_strdup(virGetLastErrorMessage());
    return NULL;
}

static void
testErrorThreads(void)
{
    threadData data = { 0 };
    GThread *thread;

    virReportError(VIR_ERR_NO_DOMAIN, "main thread");
    thread = g_thread_new("err", errorThread, &data);
    g_thread_join(thread);

    check(data.cleanAtStart, "a new thread starts without an error");
    checkStr("the other thread's error", data.seenMessage,
             "Network not found: net in thread");
    checkStr("this thread's error untouched", virGetLastErrorMessage(),
             "Domain not found: main thread");
    g_free((char *)data.seenMessage);
    virResetLastError();
}

typedef struct {
    int calls;
    const char *tag;
    int code;
    virErrorPtr err;
} handlerLog;

static void
recordHandler(void *userData, virErrorPtr err)
{
    handlerLog *log = userData;

    log->calls++;
    log->code = err->code;
    log->err = err;
}

static void
dispatchNull(void *opaque)
{
    (void)opaque;
    virDispatchError(NULL);
}

static void
defaultFuncCases(void *opaque)
{
    virError e = {
        .code = VIR_ERR_INTERNAL_ERROR,
        .domain = VIR_FROM_TEST,
        .level = VIR_ERR_WARNING,
        .message = (char *)"M",
    };

    (void)opaque;
    virDefaultErrorFunc(&e);
    e.level = VIR_ERR_NONE;
    e.domain = VIR_FROM_NONE;
    virDefaultErrorFunc(&e);
    e.level = VIR_ERR_ERROR;
    e.domain = 9999;
    virDefaultErrorFunc(&e);
    virDefaultErrorFunc(NULL);
}

static void
testErrorDispatch(void)
{
    handlerLog global = { .tag = "global" };
    handlerLog connlog = { .tag = "conn" };
    struct _virConnect conn = { 0 };
    g_autofree char *out = NULL;
    virError copy = { 0 };

    g_mutex_init(&conn.lock);

    /* No handler at all: printed to stderr like libvirt. */
    virSetErrorFunc(NULL, NULL);
    virReportErrorHelper(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, __FILE__, __func__,
                         __LINE__, "no domain '%s'", "x");
    out = captureStderr(dispatchNull, NULL);
    checkStr("default handler output", out,
             "libvirt: QEMU Driver error : Domain not found: no domain 'x'\n");

    g_free(out);
    out = captureStderr(defaultFuncCases, NULL);
    checkStr("virDefaultErrorFunc levels and domains", out,
             "libvirt: Test Driver warning : M\n"
             "libvirt:   : M\n"
             "libvirt: Unknown error : M\n");

    /* Global handler. */
    virSetErrorFunc(&global, recordHandler);
    virReportError(VIR_ERR_NO_DOMAIN, "a");
    virDispatchError(NULL);
    checkInt("global handler called", global.calls, 1);
    check(global.err == virGetLastError(),
          "handler receives the thread's last error");

    /* A connection without its own handler uses the global one and keeps
     * a copy. */
    virReportError(VIR_ERR_NO_NETWORK, "b");
    virDispatchError(&conn);
    checkInt("global handler for conn without handler", global.calls, 2);
    checkInt("conn->err copied", conn.err.code, VIR_ERR_NO_NETWORK);
    check(virConnGetLastError(&conn) == &conn.err, "virConnGetLastError");
    checkInt("virConnCopyLastError", virConnCopyLastError(&conn, &copy),
             VIR_ERR_NO_NETWORK);
    checkStr("virConnCopyLastError message", copy.message,
             "Network not found: b");
    virResetError(&copy);

    /* The connection handler wins over the global one. */
    virConnSetErrorFunc(&conn, &connlog, recordHandler);
    virReportError(VIR_ERR_OPERATION_FAILED, "c");
    virDispatchError(&conn);
    checkInt("conn handler called", connlog.calls, 1);
    checkInt("global handler not called", global.calls, 2);
    checkInt("conn handler got the code", connlog.code, VIR_ERR_OPERATION_FAILED);

    virConnResetLastError(&conn);
    checkInt("virConnResetLastError", conn.err.code, VIR_ERR_OK);
    memset(&copy, 0x5a, sizeof(copy));
    checkInt("virConnCopyLastError without error", virConnCopyLastError(&conn, &copy), 0);
    check(copy.message == NULL, "virConnCopyLastError without error zeroes");
    check(virConnGetLastError(NULL) == NULL, "virConnGetLastError(NULL)");
    checkInt("virConnCopyLastError(NULL)", virConnCopyLastError(NULL, &copy), -1);

    /* Dispatching with no error set reports a generic one first. */
    virResetLastError();
    virDispatchError(&conn);
    checkInt("dispatch without error: code", virGetLastErrorCode(),
             VIR_ERR_INTERNAL_ERROR);
    checkStr("dispatch without error: message", virGetLastErrorMessage(),
             "An error occurred, but the cause is unknown");
    checkStr("dispatch without error: str1", virGetLastError()->str1, NULL);
    checkInt("conn handler called again", connlog.calls, 2);

    virConnSetErrorFunc(&conn, NULL, NULL);
    virSetErrorFunc(NULL, NULL);
    virConnResetLastError(&conn);
    virResetLastError();
    g_mutex_clear(&conn.lock);
}

/* =====================================================================
 * URIs
 * ===================================================================*/

typedef struct {
    const char *input;
    const char *scheme;
    const char *driver;
    const char *transport;
    const char *user;
    const char *server;
    int port;
    const char *path;
    const char *query;
    const char *fragment;
    const char *params;   /* "a=1,b=2" as decoded, or NULL for none */
    const char *formatted;
} uriCase;

static const uriCase uriCases[] = {
    { "test:///default", "test", "test", NULL, NULL, NULL, 0, "/default",
      NULL, NULL, NULL, "test:///default" },
    { "test:///abs/path.xml", "test", "test", NULL, NULL, NULL, 0,
      "/abs/path.xml", NULL, NULL, NULL, "test:///abs/path.xml" },
    { "qemu:///system", "qemu", "qemu", NULL, NULL, NULL, 0, "/system",
      NULL, NULL, NULL, "qemu:///system" },
    { "qemu:///session", "qemu", "qemu", NULL, NULL, NULL, 0, "/session",
      NULL, NULL, NULL, "qemu:///session" },
    { "qemu:///embed?root=/x", "qemu", "qemu", NULL, NULL, NULL, 0, "/embed",
      "root=/x", NULL, "root=/x", "qemu:///embed?root=/x" },
    { "lxc:///", "lxc", "lxc", NULL, NULL, NULL, 0, "/", NULL, NULL, NULL,
      "lxc:///" },
    { "qemu+ssh://user@host:2222/system?keyfile=/k&no_verify=1", "qemu+ssh",
      "qemu", "ssh", "user", "host", 2222, "/system",
      "keyfile=/k&no_verify=1", NULL, "keyfile=/k,no_verify=1",
      "qemu+ssh://user@host:2222/system?keyfile=/k&no_verify=1" },
    { "qemu+tls://host/system", "qemu+tls", "qemu", "tls", NULL, "host", 0,
      "/system", NULL, NULL, NULL, "qemu+tls://host/system" },
    { "qemu+unix:///system?socket=/path", "qemu+unix", "qemu", "unix", NULL,
      NULL, 0, "/system", "socket=/path", NULL, "socket=/path",
      "qemu+unix:///system?socket=/path" },
    { "qemu+ext:///system?command=/bin/x", "qemu+ext", "qemu", "ext", NULL,
      NULL, 0, "/system", "command=/bin/x", NULL, "command=/bin/x",
      "qemu+ext:///system?command=/bin/x" },
    { "xen://", "xen", "xen", NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,
      "xen://" },
    { "xen:///", "xen", "xen", NULL, NULL, NULL, 0, "/", NULL, NULL, NULL,
      "xen:///" },
    { "qemu+tcp://[::1]:16509/system", "qemu+tcp", "qemu", "tcp", NULL, "::1",
      16509, "/system", NULL, NULL, NULL, "qemu+tcp://[::1]:16509/system" },
    { "qemu+tcp://[fe80::1%25eth0]/system", "qemu+tcp", "qemu", "tcp", NULL,
      "fe80::1%eth0", 0, "/system", NULL, NULL, NULL,
      "qemu+tcp://[fe80::1%eth0]/system" },
    { "test:///a%20b.xml", "test", "test", NULL, NULL, NULL, 0, "/a b.xml",
      NULL, NULL, NULL, "test:///a%20b.xml" },
    { "qemu+ssh://us%40er@h/system?a=b%20c&d=%26&e&f=", "qemu+ssh", "qemu",
      "ssh", "us@er", "h", 0, "/system", "a=b%20c&d=%26&e&f=", NULL,
      "a=b c,d=&,e=,f=", "qemu+ssh://us%40er@h/system?a=b%20c&d=%26&e&f=" },
    { "qemu:///system?x=a+b", "qemu", "qemu", NULL, NULL, NULL, 0, "/system",
      "x=a+b", NULL, "x=a+b", "qemu:///system?x=a+b" },
    { "test:///x?a=1&&b=2;c=3", "test", "test", NULL, NULL, NULL, 0, "/x",
      "a=1&&b=2;c=3", NULL, "a=1,b=2,c=3", "test:///x?a=1&&b=2;c=3" },
    { "qemu+ssh://h/system#frag", "qemu+ssh", "qemu", "ssh", NULL, "h", 0,
      "/system", NULL, "frag", NULL, "qemu+ssh://h/system#frag" },
    { "test://u@h:1/?q#f", "test", "test", NULL, "u", "h", 1, "/", "q", "f",
      "q=", "test://u@h:1/?q#f" },
    { "test://user@/default", "test", "test", NULL, "user", NULL, 0,
      "/default", NULL, NULL, NULL, "test://user@/default" },
    { "test:/default", "test", "test", NULL, NULL, NULL, 0, "/default", NULL,
      NULL, NULL, "test:///default" },
    { "test:///a:b@c", "test", "test", NULL, NULL, NULL, 0, "/a:b@c", NULL,
      NULL, NULL, "test:///a%3Ab@c" },
    { "test://h:0/", "test", "test", NULL, NULL, "h", 0, "/", NULL, NULL,
      NULL, "test://h/" },
    { "qemu+ssh://host/system?mode=legacy&name=qemu:///system", "qemu+ssh",
      "qemu", "ssh", NULL, "host", 0, "/system",
      "mode=legacy&name=qemu:///system", NULL,
      "mode=legacy,name=qemu:///system",
      "qemu+ssh://host/system?mode=legacy&name=qemu:///system" },
};

static const char *const uriBad[] = {
    "::bad", "a b://x", "qemu+ssh://h:abc/", "qemu+ssh://host:/system",
    "qemu://h/%zz", "http://[::1", "qemu://h/p q", "qemu://h/p?q#f#g",
    "test://h:-1/", "test://h:2147483648/", "1abc:///", "test:///?a=%",
};

static void
testURI(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(uriCases); i++) {
        const uriCase *c = &uriCases[i];
        g_autoptr(virURI) uri = virURIParse(c->input);
        g_autofree char *formatted = NULL;
        g_autoptr(GString) params = g_string_new(NULL);
        gboolean ok;

        if (!uri) {
            check(FALSE, "URI %s: parse failed: %s", c->input,
                  virGetLastErrorMessage());
            continue;
        }
        for (size_t j = 0; j < uri->nparams; j++)
            g_string_append_printf(params, "%s%s=%s", j ? "," : "",
                                   uri->params[j].name, uri->params[j].value);
        formatted = virURIFormat(uri);
        ok = streq0(uri->scheme, c->scheme) &&
             streq0(uri->driver, c->driver) &&
             streq0(uri->transport, c->transport) &&
             streq0(uri->user, c->user) &&
             streq0(uri->server, c->server) &&
             uri->port == c->port &&
             streq0(uri->path, c->path) &&
             streq0(uri->query, c->query) &&
             streq0(uri->fragment, c->fragment) &&
             streq0(params->len ? params->str : NULL, c->params) &&
             streq0(formatted, c->formatted);
        check(ok, "URI %s -> %s%s", c->input, formatted,
              ok ? "" : " (fields differ)");
    }

    for (size_t i = 0; i < G_N_ELEMENTS(uriBad); i++) {
        virURI *uri;
        g_autofree char *want = g_strdup_printf("internal error: Unable to parse URI %s",
                                                uriBad[i]);

        virResetLastError();
        uri = virURIParse(uriBad[i]);
        check(uri == NULL && virGetLastErrorCode() == VIR_ERR_INTERNAL_ERROR &&
              virGetLastErrorDomain() == VIR_FROM_URI &&
              streq0(virGetLastErrorMessage(), want),
              "URI %s refused: %s", uriBad[i], virGetLastErrorMessage());
        virURIFree(uri);
    }

    {
        g_autoptr(virURI) uri = virURIParse("qemu+ssh://h/system?keyfile=/k&a=1&a=2");
        checkStr("virURIGetParam", virURIGetParam(uri, "keyfile"), "/k");
        checkStr("virURIGetParam first of duplicates", virURIGetParam(uri, "a"), "1");
        checkStr("virURIGetParam missing", virURIGetParam(uri, "nope"), NULL);
    }
    virURIFree(NULL);
    virResetLastError();
}

/* =====================================================================
 * UUIDs
 * ===================================================================*/

static void
testUUID(void)
{
    static const char *const good[] = {
        "6695eb01-f6a4-8304-79aa-97f2502e193f",
        "6695eb01f6a4830479aa97f2502e193f",
        "  6695eb01f6a4830479aa97f2502e193f  ",
        "6695EB01F6A4830479AA97F2502E193F",
        "66-95-eb01f6a4830479aa97f2502e193f",
        "6695eb01 f6a4 8304 79aa 97f2502e193f",
    };
    static const char *const bad[] = {
        "", "6695eb01-f6a4-8304-79aa-97f2502e193",
        "6695eb01-f6a4-8304-79aa-97f2502e193fa",
        "6695eb01f6a4830479aa97f2502e193g",
        "6695eb01f6a4830479aa97f2502e193f-",
        "6-695eb01f6a4830479aa97f2502e193f",
        "6695eb01f6a4830479aa97f2502e193f x",
    };
    unsigned char raw[VIR_UUID_BUFLEN];
    unsigned char other[VIR_UUID_BUFLEN];
    char text[VIR_UUID_STRING_BUFLEN];

    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        int rc = virUUIDParse(good[i], raw);
        virUUIDFormat(raw, text);
        check(rc == 0 && streq0(text, "6695eb01-f6a4-8304-79aa-97f2502e193f"),
              "UUID '%s' parses to %s", good[i], text);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        memset(raw, 0xab, sizeof(raw));
        check(virUUIDParse(bad[i], raw) == -1 && raw[0] == 0xab && raw[15] == 0xab,
              "UUID '%s' refused, output untouched", bad[i]);
    }
    check(virUUIDParse(NULL, raw) == -1, "UUID NULL refused");

    virUUIDGenerate(raw);
    virUUIDGenerate(other);
    virUUIDFormat(raw, text);
    check((raw[6] >> 4) == 4 && (raw[8] & 0xc0) == 0x80,
          "generated UUID %s is version 4, RFC 4122 variant", text);
    check(memcmp(raw, other, sizeof(raw)) != 0, "two generated UUIDs differ");
    check(virUUIDParse(text, other) == 0 && memcmp(raw, other, sizeof(raw)) == 0,
          "generated UUID round-trips");
    check(strlen(text) == VIR_UUID_STRING_BUFLEN - 1, "formatted length is 36");
    check(virUUIDIsValid(text) && !virUUIDIsValid("x"), "virUUIDIsValid");
}

/* =====================================================================
 * Typed parameters
 * ===================================================================*/

static void
checkLastError(const char *what, int code, const char *message)
{
    g_autofree char *label = g_strdup_printf("%s: error code", what);
    checkInt(label, virGetLastErrorCode(), code);
    g_free(label);
    label = g_strdup_printf("%s: message", what);
    checkStr(label, virGetLastErrorMessage(), message);
}

static void
silentHandler(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

static void
testTypedParamsPublic(void)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    int max = 0;
    int i = 0;
    unsigned int ui = 0;
    long long ll = 0;
    unsigned long long ull = 0;
    double d = 0;
    int b = 0;
    const char *s = NULL;
    const char *list[] = { "x", "y", NULL };
    g_autofree char *longname = g_strnfill(VIR_TYPED_PARAM_FIELD_LENGTH, 'n');

    virSetErrorFunc(NULL, silentHandler);

    checkInt("AddInt", virTypedParamsAddInt(&params, &n, &max, "i", -5), 0);
    checkInt("AddInt duplicate name is allowed",
             virTypedParamsAddInt(&params, &n, &max, "i", 7), 0);
    checkInt("nparams after two adds", n, 2);
    checkInt("maxparams grows to what is used", max, 2);
    checkInt("AddUInt", virTypedParamsAddUInt(&params, &n, &max, "ui", 4000000000U), 0);
    checkInt("AddLLong", virTypedParamsAddLLong(&params, &n, &max, "ll", -(1LL << 40)), 0);
    checkInt("AddULLong", virTypedParamsAddULLong(&params, &n, &max, "ull", ~0ULL), 0);
    checkInt("AddDouble", virTypedParamsAddDouble(&params, &n, &max, "d", 2.5), 0);
    checkInt("AddBoolean", virTypedParamsAddBoolean(&params, &n, &max, "b", 5), 0);
    checkInt("boolean stored as 1", params[n - 1].value.b, 1);
    checkInt("AddString", virTypedParamsAddString(&params, &n, &max, "s", "hello"), 0);
    checkInt("AddStringList", virTypedParamsAddStringList(&params, &n, &max, "l", list), 0);
    checkInt("AddStringList NULL is a no-op",
             virTypedParamsAddStringList(&params, &n, &max, "l", NULL), 0);
    checkInt("nparams", n, 10);

    checkInt("AddInt name too long",
             virTypedParamsAddInt(&params, &n, &max, longname, 1), -1);
    {
        g_autofree char *want = g_strdup_printf("internal error: Field name '%s' too long",
                                                longname);
        checkLastError("AddInt name too long", VIR_ERR_INTERNAL_ERROR, want);
    }
    longname[VIR_TYPED_PARAM_FIELD_LENGTH - 1] = '\0';
    checkInt("AddInt 79-character name",
             virTypedParamsAddInt(&params, &n, &max, longname, 1), 0);
    check(virGetLastError() == NULL, "successful Add resets the last error");

    checkInt("GetInt finds the first", virTypedParamsGetInt(params, n, "i", &i), 1);
    checkInt("GetInt value", i, -5);
    checkInt("GetUInt", virTypedParamsGetUInt(params, n, "ui", &ui), 1);
    check(ui == 4000000000U, "GetUInt value");
    checkInt("GetLLong", virTypedParamsGetLLong(params, n, "ll", &ll), 1);
    check(ll == -(1LL << 40), "GetLLong value");
    checkInt("GetULLong", virTypedParamsGetULLong(params, n, "ull", &ull), 1);
    check(ull == ~0ULL, "GetULLong value");
    checkInt("GetDouble", virTypedParamsGetDouble(params, n, "d", &d), 1);
    check(d == 2.5, "GetDouble value");
    checkInt("GetBoolean", virTypedParamsGetBoolean(params, n, "b", &b), 1);
    checkInt("GetBoolean value", b, 1);
    checkInt("GetString", virTypedParamsGetString(params, n, "s", &s), 1);
    checkStr("GetString value", s, "hello");
    check(s == params[7].value.s, "GetString returns the stored pointer");
    checkInt("GetInt missing", virTypedParamsGetInt(params, n, "zz", &i), 0);
    checkInt("GetInt NULL name", virTypedParamsGetInt(params, n, NULL, &i), 0);
    checkInt("GetInt NULL params", virTypedParamsGetInt(NULL, 3, "i", &i), 0);
    checkInt("GetInt NULL value pointer", virTypedParamsGetInt(params, n, "i", NULL), 1);
    check(virTypedParamsGet(params, n, "l") == &params[8], "Get returns the first match");
    check(virTypedParamsGet(params, n, "nope") == NULL, "Get missing is NULL");

    checkInt("GetUInt on an int", virTypedParamsGetUInt(params, n, "i", &ui), -1);
    checkLastError("GetUInt on an int", VIR_ERR_INVALID_ARG,
                   "invalid argument: Invalid type 'uint' requested for parameter 'i', actual type is 'int'");
    checkInt("GetDouble on a string", virTypedParamsGetDouble(params, n, "s", &d), -1);
    checkLastError("GetDouble on a string", VIR_ERR_INVALID_ARG,
                   "invalid argument: Invalid type 'double' requested for parameter 's', actual type is 'string'");
    checkInt("GetLLong on a boolean", virTypedParamsGetLLong(params, n, "b", &ll), -1);
    checkLastError("GetLLong on a boolean", VIR_ERR_INVALID_ARG,
                   "invalid argument: Invalid type 'llong' requested for parameter 'b', actual type is 'boolean'");

    virTypedParamsFree(params, n);
    params = NULL;
    n = max = 0;

    /* AddFromString */
    {
        static const struct {
            int type;
            const char *value;
            const char *error;   /* NULL: accepted */
        } cases[] = {
            { VIR_TYPED_PARAM_INT, "12", NULL },
            { VIR_TYPED_PARAM_INT, " 12", NULL },
            { VIR_TYPED_PARAM_INT, "010", NULL },
            { VIR_TYPED_PARAM_INT, "12x", "invalid argument: Invalid value for field 'f': expected int" },
            { VIR_TYPED_PARAM_INT, "0x10", "invalid argument: Invalid value for field 'f': expected int" },
            { VIR_TYPED_PARAM_INT, "", "invalid argument: Invalid value for field 'f': expected int" },
            { VIR_TYPED_PARAM_INT, "99999999999", "invalid argument: Invalid value for field 'f': expected int" },
            { VIR_TYPED_PARAM_UINT, "-1", NULL },
            { VIR_TYPED_PARAM_UINT, "x", "invalid argument: Invalid value for field 'f': expected unsigned int" },
            { VIR_TYPED_PARAM_LLONG, "x", "invalid argument: Invalid value for field 'f': expected long long" },
            { VIR_TYPED_PARAM_ULLONG, "x", "invalid argument: Invalid value for field 'f': expected unsigned long long" },
            { VIR_TYPED_PARAM_DOUBLE, "1.5e3", NULL },
            { VIR_TYPED_PARAM_DOUBLE, "x", "invalid argument: Invalid value for field 'f': expected double" },
            { VIR_TYPED_PARAM_BOOLEAN, "1", NULL },
            { VIR_TYPED_PARAM_BOOLEAN, "TRUE", NULL },
            { VIR_TYPED_PARAM_BOOLEAN, "false", NULL },
            { VIR_TYPED_PARAM_BOOLEAN, "0", NULL },
            { VIR_TYPED_PARAM_BOOLEAN, "yes", "invalid argument: Invalid boolean value for field 'f'" },
            { VIR_TYPED_PARAM_STRING, "str", NULL },
            { VIR_TYPED_PARAM_STRING, NULL, "invalid argument: NULL value for field 'f'" },
            { 99, "0", "internal error: unexpected type 99 for field f" },
        };

        for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
            int before = n;
            int rc = virTypedParamsAddFromString(&params, &n, &max, "f",
                                                 cases[k].type, cases[k].value);
            if (!cases[k].error)
                check(rc == 0 && n == before + 1, "FromString type %d '%s' accepted",
                      cases[k].type, cases[k].value);
            else
                check(rc == -1 && n == before &&
                      streq0(virGetLastErrorMessage(), cases[k].error),
                      "FromString type %d '%s' refused: %s", cases[k].type,
                      cases[k].value ? cases[k].value : "(null)",
                      virGetLastErrorMessage());
        }
        checkInt("FromString int value", params[0].value.i, 12);
        checkInt("FromString octal-looking is decimal", params[2].value.i, 10);
        check(params[3].value.ui == 4294967295U, "FromString uint -1 wraps");
        check(params[4].value.d == 1500, "FromString double");
        checkInt("FromString TRUE", params[6].value.b, 1);
        checkInt("FromString false", params[7].value.b, 0);
        checkStr("FromString string", params[9].value.s, "str");
    }
    virTypedParamsClear(params, n);
    check(params[9].value.s == NULL, "Clear frees strings");
    virTypedParamsFree(params, n);
    virTypedParamsFree(NULL, 0);
    virTypedParamsClear(NULL, 3);

    virSetErrorFunc(NULL, NULL);
    virResetLastError();
}

static void
testTypedParamsInternal(void)
{
    virTypedParameter p[3] = { 0 };
    virTypedParameter a = { 0 };
    virTypedParameterPtr copy = NULL;
    g_autofree char *longname = g_strnfill(VIR_TYPED_PARAM_FIELD_LENGTH, 'n');

    g_strlcpy(p[0].field, "weight", sizeof(p[0].field));
    p[0].type = VIR_TYPED_PARAM_UINT;
    g_strlcpy(p[1].field, "cap", sizeof(p[1].field));
    p[1].type = VIR_TYPED_PARAM_INT;

    checkInt("Validate accepts",
             virTypedParamsValidate(p, 2, "weight", VIR_TYPED_PARAM_UINT,
                                    "cap", VIR_TYPED_PARAM_INT, NULL), 0);
    checkInt("Validate empty", virTypedParamsValidate(p, 0, NULL), 0);

    checkInt("Validate unknown",
             virTypedParamsValidate(p, 2, "weight", VIR_TYPED_PARAM_UINT, NULL), -1);
    checkLastError("Validate unknown", VIR_ERR_ARGUMENT_UNSUPPORTED,
                   "argument unsupported: parameter 'cap' not supported");

    checkInt("Validate wrong type",
             virTypedParamsValidate(p, 2, "weight", VIR_TYPED_PARAM_ULLONG,
                                    "cap", VIR_TYPED_PARAM_INT, NULL), -1);
    checkLastError("Validate wrong type", VIR_ERR_INVALID_ARG,
                   "invalid argument: invalid type 'uint' for parameter 'weight', expected 'ullong'");

    p[0].type = 42;
    virTypedParamsValidate(p, 1, "weight", VIR_TYPED_PARAM_UINT, NULL);
    checkStr("Validate unknown type name", virGetLastErrorMessage(),
             "invalid argument: invalid type 'unknown' for parameter 'weight', expected 'uint'");
    p[0].type = VIR_TYPED_PARAM_UINT;

    g_strlcpy(p[2].field, "weight", sizeof(p[2].field));
    p[2].type = VIR_TYPED_PARAM_UINT;
    checkInt("Validate duplicate",
             virTypedParamsValidate(p, 3, "weight", VIR_TYPED_PARAM_UINT,
                                    "cap", VIR_TYPED_PARAM_INT, NULL), -1);
    checkLastError("Validate duplicate", VIR_ERR_INVALID_ARG,
                   "invalid argument: parameter 'weight' occurs multiple times");
    checkInt("Validate duplicate allowed with MULTIPLE",
             virTypedParamsValidate(p, 3,
                                    "weight", VIR_TYPED_PARAM_UINT | VIR_TYPED_PARAM_MULTIPLE,
                                    "cap", VIR_TYPED_PARAM_INT, NULL), 0);

    checkInt("Assign ullong", virTypedParameterAssign(&a, "x", VIR_TYPED_PARAM_ULLONG, 5ULL), 0);
    check(a.type == VIR_TYPED_PARAM_ULLONG && a.value.ul == 5 && streq0(a.field, "x"),
          "Assign ullong fields");
    checkInt("Assign string", virTypedParameterAssign(&a, "s", VIR_TYPED_PARAM_STRING, "v"), 0);
    checkStr("Assign string copies", a.value.s, "v");
    virTypedParamsCopy(&copy, &a, 1);
    check(copy && copy[0].value.s != a.value.s && streq0(copy[0].value.s, "v"),
          "Copy is deep");
    virTypedParamsFree(copy, 1);
    g_free(a.value.s);
    checkInt("Assign bool normalises",
             virTypedParameterAssign(&a, "b", VIR_TYPED_PARAM_BOOLEAN, 7), 0);
    checkInt("Assign bool value", a.value.b, 1);
    checkInt("Assign long name", virTypedParameterAssign(&a, longname, VIR_TYPED_PARAM_INT, 1), -1);
    checkInt("Assign long name code", virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    checkInt("Assign bad type", virTypedParameterAssign(&a, "x", 77, 1), -1);
    checkStr("Assign bad type message", virGetLastErrorMessage(),
             "internal error: unexpected type 77 for field x");
    checkStr("type name", virTypedParameterTypeToString(VIR_TYPED_PARAM_ULLONG), "ullong");
    virResetLastError();
}

/* =====================================================================
 * Logging
 * ===================================================================*/

static int evaluated;

static int
sideEffect(void)
{
    return ++evaluated;
}

static void
logSomething(void *opaque)
{
    (void)opaque;
    VIR_DEBUG("value=%d", sideEffect());
    VIR_WARN("careful");
}

static void
testLog(void)
{
    g_autofree char *out = NULL;
    virLogPriority saved = virLogGetThreshold();

    virLogSetThreshold(VIR_LOG_NONE);
    out = captureStderr(logSomething, NULL);
    checkStr("disabled log prints nothing", out, "");
    checkInt("disabled log does not evaluate arguments", evaluated, 0);

    virLogSetThreshold(VIR_LOG_WARN);
    g_free(out);
    out = captureStderr(logSomething, NULL);
    check(strstr(out, ": warning : logSomething:") && strstr(out, " : careful\n") &&
          !strstr(out, "value="), "warning threshold prints warnings only");
    checkInt("debug arguments not evaluated below threshold", evaluated, 0);

    virLogSetThreshold(VIR_LOG_DEBUG);
    g_free(out);
    out = captureStderr(logSomething, NULL);
    check(strstr(out, ": debug : logSomething:") && strstr(out, " : value=1\n"),
          "debug threshold prints debug lines");

    virLogSetThreshold(saved);
}

int
main(void)
{
    testErrorTexts();
    testErrorFields();
    testErrorCopies();
    testErrorThreads();
    testErrorDispatch();
    testURI();
    testUUID();
    testTypedParamsPublic();
    testTypedParamsInternal();
    testLog();

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
