/*
 * cmd-domain-block.c: the rest of the 'domain' group: block jobs started
 * from the shell (blockcommit, blockcopy, blockpull), editing saved
 * state files, the dirty rate, FD groups, and the QEMU and LXC specific
 * commands that go through libvirt-qemu and libvirt-lxc.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>

#include "virtkit-cmds.h"

#define DB_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}

/* ------------------------------------------------------------------ */
/* Option values shared by the block job commands                      */

/* The unit suffixes libvirt accepts on a scaled number: *FACTOR gets the
 * multiplier of SUFFIX, false when it is not one. */
static bool
dbSuffixFactor(const char *suffix, unsigned long long *factor)
{
    static const char powers[] = "kmgtpe";
    const char *p;
    unsigned long long base;
    int n;

    if (!*suffix) {
        *factor = 1;
        return true;
    }
    if (g_ascii_tolower(suffix[0]) == 'b') {
        *factor = 1;
        return !suffix[1] || g_ascii_strcasecmp(suffix, "byte") == 0 ||
               g_ascii_strcasecmp(suffix, "bytes") == 0;
    }
    if (!suffix[1] || g_ascii_strcasecmp(suffix + 1, "iB") == 0)
        base = 1024;
    else if (g_ascii_tolower(suffix[1]) == 'b' && !suffix[2])
        base = 1000;
    else
        return false;
    if (!(p = strchr(powers, g_ascii_tolower(suffix[0]))))
        return false;
    *factor = 1;
    for (n = p - powers + 1; n > 0; n--)
        *factor *= base;
    return true;
}

/* --bandwidth: a plain number (which may wrap when negative) is taken in
 * the command's unit; otherwise a scaled size in bytes, turned into MiB
 * unless BYTES.  0 when absent, 1 when read, -1 after the errors virsh
 * prints. */
static int
dbOptBandwidth(vshControl *ctl, const vshCmd *cmd, bool bytes, unsigned long long *out)
{
    const char *text = vshCommandOptStringQuiet(cmd, "bandwidth");
    const char *p;
    unsigned long long n;
    unsigned long long factor;
    char *end = NULL;

    *out = 0;
    if (!text)
        return 0;
    errno = 0;
    n = strtoul(text, &end, 10);
    if (*text && end != text && !*end && errno == 0) {
        *out = n;
        return 1;
    }

    p = text + strspn(text, " \t\n\v\f\r");
    errno = 0;
    if (*p == '-' || !*p)
        goto malformed;
    n = strtoull(text, &end, 10);
    if (errno || end == text)
        goto malformed;
    if (!dbSuffixFactor(end, &factor)) {
        vshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is malformed "
                 "or out of range", text);
        vshError(ctl, "invalid argument: unknown suffix '%s'", end);
        return -1;
    }
    if (n && n > ULONG_MAX / factor) {
        vshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is malformed "
                 "or out of range", text);
        vshError(ctl, "numerical overflow: value too large: %llu%s", n, end);
        return -1;
    }
    n *= factor;
    if (!bytes)
        n >>= 20;
    *out = n;
    return 1;

 malformed:
    vshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is malformed "
             "or out of range", text);
    return -1;
}

/* --timeout of the block jobs: seconds, 1 and more, that still fit in
 * milliseconds. */
static int
dbOptTimeout(vshControl *ctl, const vshCmd *cmd, int *timeout)
{
    int rc;

    *timeout = 0;
    if ((rc = vshCommandOptInt(ctl, cmd, "timeout", timeout)) <= 0)
        return rc;
    if (*timeout < 1 || *timeout > INT_MAX / 1000) {
        vshError(ctl, "Numeric value '%s' for <timeout> option is malformed or out of range",
                 vshCommandOptStringQuiet(cmd, "timeout"));
        return -1;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Waiting for a block job                                             */

static volatile sig_atomic_t dbInterrupted;

static void
dbSigint(int sig G_GNUC_UNUSED)
{
    dbInterrupted = 1;
}

typedef enum {
    DB_JOB_DONE,       /* finished (or reached the ready phase) */
    DB_JOB_FAILED,
    DB_JOB_CANCELED,   /* aborted by ^C or the timeout */
} dbJobEnd;

static void
dbPrintProgress(const char *label, unsigned long long remaining, unsigned long long total)
{
    int percent = 100;

    if (remaining != 0)
        percent = total && remaining <= total ? (int)((total - remaining) * 100.0 / total) : 0;
    fprintf(stderr, "\r%s: [%3d %%]", label, percent);
    fflush(stderr);
}

/* The block job on one disk, watched through libvirt's block job events
 * (when the driver sends them) and by asking for its progress. */
typedef struct {
    virConnectPtr conn;
    const char *path;
    int callback;      /* the event registration, or -1 */
    int timer;         /* the event loop's tick, or -1 */
    int status;        /* the last virConnectDomainEventBlockJobStatus, or -1 */
} dbJobWatch;

static void
dbJobEvent(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom G_GNUC_UNUSED,
           const char *disk, int type G_GNUC_UNUSED, int status, void *opaque)
{
    dbJobWatch *w = opaque;

    if (disk && strcmp(disk, w->path) == 0)
        w->status = status;
}

static void
dbJobTick(int timer G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}

/* Start watching PATH of DOM: before the job starts, so that a job that
 * ends at once is still seen. */
static void
dbWatchStart(dbJobWatch *w, virDomainPtr dom, const char *path)
{
    w->conn = virDomainGetConnect(dom);
    w->path = path;
    w->callback = -1;
    w->timer = -1;
    w->status = -1;
    if (virEventRegisterDefaultImpl() == 0) {
        virConnectDomainEventGenericCallback cb =
            (virConnectDomainEventGenericCallback)(void (*)(void))dbJobEvent;

        w->callback = virConnectDomainEventRegisterAny(w->conn, dom,
                                                       VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                                       cb, w, NULL);
        if (w->callback >= 0)
            w->timer = virEventAddTimeout(500, dbJobTick, NULL, NULL);
    }
    /* without events the progress is polled */
    vshResetLibvirtError();
}

static void
dbWatchStop(dbJobWatch *w)
{
    if (w->timer >= 0)
        virEventRemoveTimeout(w->timer);
    if (w->callback >= 0)
        virConnectDomainEventDeregisterAny(w->conn, w->callback);
    w->timer = w->callback = -1;
}

/* Let half a second pass, handling the events that come meanwhile. */
static void
dbWatchPause(dbJobWatch *w)
{
    if (w->timer >= 0)
        virEventRunDefaultImpl();
    else
        g_usleep(500 * 1000);
}

/* Follow the job until it ends, or, with READY, until it is in its ready
 * (mirroring, synchronized) phase; abort it on ^C or after TIMEOUT
 * seconds (ASYNC: without waiting for the abort to end). */
static dbJobEnd
dbWaitJob(dbJobWatch *w, virDomainPtr dom, const char *label, bool verbose,
          int timeout, bool async, bool ready)
{
    struct sigaction sa, oldsa;
    gint64 start = g_get_monotonic_time();
    dbJobEnd end = DB_JOB_DONE;

    dbInterrupted = 0;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = dbSigint;
    sigaction(SIGINT, &sa, &oldsa);
    for (;;) {
        virDomainBlockJobInfo info;
        int rc = virDomainGetBlockJobInfo(dom, w->path, &info, 0);

        if (rc < 0) {
            end = DB_JOB_FAILED;
            break;
        }
        if (rc > 0 && verbose)
            dbPrintProgress(label, info.end - info.cur, info.end);
        if (w->status == VIR_DOMAIN_BLOCK_JOB_FAILED) {
            end = DB_JOB_FAILED;
            break;
        }
        if (w->status == VIR_DOMAIN_BLOCK_JOB_CANCELED) {
            end = DB_JOB_CANCELED;
            break;
        }
        if (rc == 0 || w->status == VIR_DOMAIN_BLOCK_JOB_COMPLETED ||
            (ready && (w->status == VIR_DOMAIN_BLOCK_JOB_READY ||
                       (info.end && info.cur == info.end)))) {
            if (verbose)
                dbPrintProgress(label, 0, 1);
            end = DB_JOB_DONE;
            break;
        }
        if (dbInterrupted ||
            (timeout > 0 && g_get_monotonic_time() - start >= (gint64)timeout * G_USEC_PER_SEC)) {
            unsigned int flags = async ? VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC : 0;

            virDomainBlockJobAbort(dom, w->path, flags);
            end = DB_JOB_CANCELED;
            break;
        }
        dbWatchPause(w);
    }
    sigaction(SIGINT, &oldsa, NULL);
    return end;
}

/* ------------------------------------------------------------------ */
/* blockcommit                                                         */

static const vshCmdOptDef opts_blockcommit[] = {
    DB_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "fully-qualified path of disk"},
    {.name = "bandwidth", .type = VSH_OT_INT, .help = "bandwidth limit in MiB/s"},
    {.name = "base", .type = VSH_OT_STRING,
     .help = "path of base file to commit into (default bottom of chain)"},
    {.name = "shallow", .type = VSH_OT_BOOL, .help = "use backing file of top as base"},
    {.name = "top", .type = VSH_OT_STRING,
     .help = "path of top file to commit from (default top of chain)"},
    {.name = "active", .type = VSH_OT_BOOL, .help = "trigger two-stage active commit of top file"},
    {.name = "delete", .type = VSH_OT_BOOL,
     .help = "delete files that were successfully committed"},
    {.name = "wait", .type = VSH_OT_BOOL,
     .help = "wait for job to complete (with --active, wait for job to sync)"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "with --wait, display the progress"},
    {.name = "timeout", .type = VSH_OT_INT,
     .help = "implies --wait, abort if copy exceeds timeout (in seconds)"},
    {.name = "pivot", .type = VSH_OT_BOOL,
     .help = "implies --active --wait, pivot when commit is synced"},
    {.name = "keep-overlay", .type = VSH_OT_BOOL,
     .help = "implies --active --wait, quit when commit is synced"},
    {.name = "async", .type = VSH_OT_BOOL, .help = "with --wait, don't wait for cancel to finish"},
    {.name = "keep-relative", .type = VSH_OT_BOOL,
     .help = "keep the backing chain relatively referenced"},
    {.name = "bytes", .type = VSH_OT_BOOL,
     .help = "the bandwidth limit is in bytes/s rather than MiB/s"},
    {.name = NULL},
};

static bool
cmdBlockCommit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *path = NULL;
    const char *base = NULL;
    const char *top = NULL;
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool keepOverlay = vshCommandOptBool(cmd, "keep-overlay");
    bool active = vshCommandOptBool(cmd, "active") || pivot || keepOverlay;
    bool verbose = vshCommandOptBool(cmd, "verbose");
    bool async = vshCommandOptBool(cmd, "async");
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool wait = vshCommandOptBool(cmd, "wait") || pivot || keepOverlay;
    unsigned long long bandwidth = 0;
    unsigned int flags = 0;
    int timeout = 0;
    dbJobWatch watch = { .callback = -1, .timer = -1 };
    dbJobEnd end;

    if (!vshCommandOptExclusive(ctl, cmd, "pivot", "keep-overlay"))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "base", &base) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "top", &top) < 0)
        return false;
    if (dbOptBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
        return false;
    if (dbOptTimeout(ctl, cmd, &timeout) < 0)
        return false;
    if (timeout)
        wait = true;
    if (verbose && !wait) {
        vshError(ctl, "%s", "--verbose requires at least one of --timeout, --wait, "
                 "--pivot, or --keep-overlay");
        return false;
    }
    if (async && !wait) {
        vshError(ctl, "%s", "--async requires at least one of --timeout, --wait, "
                 "--pivot, or --keep-overlay");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;

    if (vshCommandOptBool(cmd, "shallow"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_SHALLOW;
    if (vshCommandOptBool(cmd, "delete"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_DELETE;
    if (active)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_ACTIVE;
    if (vshCommandOptBool(cmd, "keep-relative"))
        flags |= VIR_DOMAIN_BLOCK_COMMIT_RELATIVE;
    if (bytes)
        flags |= VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES;
    if (wait)
        dbWatchStart(&watch, dom, path);
    if (virDomainBlockCommit(dom, path, base, top, (unsigned long)bandwidth, flags) < 0) {
        dbWatchStop(&watch);
        return false;
    }

    if (!wait) {
        vshPrintExtra(ctl, "%s", active ? "Active Block Commit started"
                                        : "Block Commit started");
        return true;
    }
    end = dbWaitJob(&watch, dom, active ? "Active Block Commit" : "Block Commit",
                    verbose, timeout, async, active);
    dbWatchStop(&watch);
    if (end == DB_JOB_FAILED) {
        vshError(ctl, "\n%s", "Commit failed");
        return false;
    }
    if (end == DB_JOB_CANCELED) {
        vshPrintExtra(ctl, "\n%s", "Commit aborted");
        return false;
    }
    if (!active) {
        vshPrintExtra(ctl, "\n%s", "Commit complete");
        return true;
    }
    if (pivot) {
        if (virDomainBlockJobAbort(dom, path, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0) {
            vshError(ctl, "failed to pivot job for disk %s", path);
            return false;
        }
        vshPrintExtra(ctl, "\n%s", "Successfully pivoted");
    } else if (keepOverlay) {
        if (virDomainBlockJobAbort(dom, path, 0) < 0) {
            vshError(ctl, "failed to finish job for disk %s", path);
            return false;
        }
        vshPrintExtra(ctl, "\n%s", "Commit complete, overlay image kept");
    } else {
        vshPrintExtra(ctl, "\n%s", "Now in synchronized phase");
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* blockcopy                                                           */

static const vshCmdOptDef opts_blockcopy[] = {
    DB_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "fully-qualified path of source disk"},
    {.name = "dest", .type = VSH_OT_STRING, .help = "path of the copy to create"},
    {.name = "bandwidth", .type = VSH_OT_INT, .help = "bandwidth limit in MiB/s"},
    {.name = "shallow", .type = VSH_OT_BOOL, .help = "make the copy share a backing chain"},
    {.name = "reuse-external", .type = VSH_OT_BOOL, .help = "reuse existing destination"},
    {.name = "blockdev", .type = VSH_OT_BOOL,
     .help = "copy destination is block device instead of regular file"},
    {.name = "wait", .type = VSH_OT_BOOL, .help = "wait for job to reach mirroring phase"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "with --wait, display the progress"},
    {.name = "timeout", .type = VSH_OT_INT,
     .help = "implies --wait, abort if copy exceeds timeout (in seconds)"},
    {.name = "pivot", .type = VSH_OT_BOOL, .help = "implies --wait, pivot when mirroring starts"},
    {.name = "finish", .type = VSH_OT_BOOL, .help = "implies --wait, quit when mirroring starts"},
    {.name = "async", .type = VSH_OT_BOOL, .help = "with --wait, don't wait for cancel to finish"},
    {.name = "xml", .type = VSH_OT_STRING,
     .help = "filename containing XML description of the copy destination",
     .completer = VSH_COMPLETE_FILE},
    {.name = "format", .type = VSH_OT_STRING, .help = "format of the destination file"},
    {.name = "granularity", .type = VSH_OT_INT,
     .help = "power-of-two granularity to use during the copy"},
    {.name = "buf-size", .type = VSH_OT_INT,
     .help = "maximum amount of in-flight data during the copy"},
    {.name = "bytes", .type = VSH_OT_BOOL,
     .help = "the bandwidth limit is in bytes/s rather than MiB/s"},
    {.name = "transient-job", .type = VSH_OT_BOOL,
     .help = "the copy job is not persisted if VM is turned off"},
    {.name = "synchronous-writes", .type = VSH_OT_BOOL,
     .help = "the copy job forces guest writes to be synchronously written to the destination"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print the XML used to start the copy job instead of starting the job"},
    {.name = NULL},
};

/* VALUE escaped for an XML attribute between single quotes. */
static void
dbAppendEscaped(GString *buf, const char *value)
{
    for (; *value; value++) {
        switch (*value) {
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '&': g_string_append(buf, "&amp;"); break;
        case '\'': g_string_append(buf, "&apos;"); break;
        case '"': g_string_append(buf, "&quot;"); break;
        default: g_string_append_c(buf, *value); break;
        }
    }
}

static bool
cmdBlockCopy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *path = NULL;
    const char *dest = NULL;
    const char *xmlfile = NULL;
    const char *format = NULL;
    bool blockdev = vshCommandOptBool(cmd, "blockdev");
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool finish = vshCommandOptBool(cmd, "finish");
    bool verbose = vshCommandOptBool(cmd, "verbose");
    bool async = vshCommandOptBool(cmd, "async");
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool transient = vshCommandOptBool(cmd, "transient-job");
    bool syncWrites = vshCommandOptBool(cmd, "synchronous-writes");
    bool printXML = vshCommandOptBool(cmd, "print-xml");
    bool wait = vshCommandOptBool(cmd, "wait") || pivot || finish;
    unsigned long long bandwidth = 0;
    unsigned long long bufSize = 0;
    unsigned int granularity = 0;
    int hasBandwidth, hasGranularity, hasBufSize;
    int timeout = 0;
    bool useCopy;
    dbJobWatch watch = { .callback = -1, .timer = -1 };
    dbJobEnd end;
    int rc;

    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "dest", &dest) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlfile) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "format", &format) < 0)
        return false;
    if (!vshCommandOptExclusive(ctl, cmd, "dest", "xml") ||
        !vshCommandOptExclusive(ctl, cmd, "pivot", "finish"))
        return false;
    if ((hasBandwidth = dbOptBandwidth(ctl, cmd, bytes, &bandwidth)) < 0)
        return false;
    if ((hasGranularity = vshCommandOptUInt(ctl, cmd, "granularity", &granularity)) < 0)
        return false;
    if ((hasBufSize = vshCommandOptULongLong(ctl, cmd, "buf-size", &bufSize)) < 0)
        return false;
    if (dbOptTimeout(ctl, cmd, &timeout) < 0)
        return false;
    if (timeout)
        wait = true;
    if (!dest && !xmlfile) {
        vshError(ctl, "%s", "need either --dest or --xml");
        return false;
    }
    if (verbose && !wait) {
        vshError(ctl, "%s", "--verbose requires at least one of --timeout, --wait, "
                 "--pivot, or --finish");
        return false;
    }
    if (async && !wait) {
        vshError(ctl, "%s", "--async requires at least one of --timeout, --wait, "
                 "--pivot, or --finish");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;

    if (xmlfile) {
        if (!(xml = virtkitReadXMLFile(ctl, xmlfile)))
            return false;
    } else {
        GString *buf = g_string_new(NULL);

        g_string_append_printf(buf, "<disk type='%s'>\n", blockdev ? "block" : "file");
        g_string_append_printf(buf, "  <source %s='", blockdev ? "dev" : "file");
        dbAppendEscaped(buf, dest);
        g_string_append(buf, "'/>\n");
        if (format) {
            g_string_append(buf, "  <driver type='");
            dbAppendEscaped(buf, format);
            g_string_append(buf, "'/>\n");
        }
        g_string_append(buf, "</disk>\n");
        xml = g_string_free(buf, FALSE);
    }
    /* the options only virDomainBlockCopy knows (and --print-xml, which
     * shows its XML) take it; the others go the older virDomainBlockRebase */
    useCopy = xmlfile || hasGranularity > 0 || hasBufSize > 0 || transient || syncWrites ||
              printXML || (format && strcmp(format, "raw") != 0);
    if (useCopy) {
        virTypedParameter params[3];
        int nparams = 0;
        unsigned int flags = 0;

        memset(params, 0, sizeof(params));
        if (hasBandwidth > 0) {
            if (!bytes) {
                if (bandwidth > (ULLONG_MAX >> 20)) {
                    vshError(ctl, "bandwidth must be less than %llu", ULLONG_MAX >> 20);
                    return false;
                }
                bandwidth <<= 20;
            }
            g_strlcpy(params[nparams].field, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH,
                      VIR_TYPED_PARAM_FIELD_LENGTH);
            params[nparams].type = VIR_TYPED_PARAM_ULLONG;
            params[nparams++].value.ul = bandwidth;
        }
        if (hasGranularity > 0) {
            g_strlcpy(params[nparams].field, VIR_DOMAIN_BLOCK_COPY_GRANULARITY,
                      VIR_TYPED_PARAM_FIELD_LENGTH);
            params[nparams].type = VIR_TYPED_PARAM_UINT;
            params[nparams++].value.ui = granularity;
        }
        if (hasBufSize > 0) {
            g_strlcpy(params[nparams].field, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE,
                      VIR_TYPED_PARAM_FIELD_LENGTH);
            params[nparams].type = VIR_TYPED_PARAM_ULLONG;
            params[nparams++].value.ul = bufSize;
        }
        if (printXML) {
            vshPrint(ctl, "%s", xml);
            return true;
        }
        if (vshCommandOptBool(cmd, "shallow"))
            flags |= VIR_DOMAIN_BLOCK_COPY_SHALLOW;
        if (vshCommandOptBool(cmd, "reuse-external"))
            flags |= VIR_DOMAIN_BLOCK_COPY_REUSE_EXT;
        if (transient)
            flags |= VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB;
        if (syncWrites)
            flags |= VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES;
        if (wait)
            dbWatchStart(&watch, dom, path);
        rc = virDomainBlockCopy(dom, path, xml, params, nparams, flags);
    } else {
        unsigned int flags = VIR_DOMAIN_BLOCK_REBASE_COPY;

        if (vshCommandOptBool(cmd, "shallow"))
            flags |= VIR_DOMAIN_BLOCK_REBASE_SHALLOW;
        if (vshCommandOptBool(cmd, "reuse-external"))
            flags |= VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT;
        if (blockdev)
            flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_DEV;
        if (format)
            flags |= VIR_DOMAIN_BLOCK_REBASE_COPY_RAW;
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES;
        if (wait)
            dbWatchStart(&watch, dom, path);
        rc = virDomainBlockRebase(dom, path, dest, (unsigned long)bandwidth, flags);
    }
    if (rc < 0) {
        dbWatchStop(&watch);
        return false;
    }

    if (!wait) {
        vshPrintExtra(ctl, "%s", "Block Copy started");
        return true;
    }
    end = dbWaitJob(&watch, dom, "Block Copy", verbose, timeout, async, true);
    dbWatchStop(&watch);
    if (end == DB_JOB_FAILED) {
        vshError(ctl, "\n%s", "Copy failed");
        return false;
    }
    if (end == DB_JOB_CANCELED) {
        vshPrintExtra(ctl, "\n%s", "Copy aborted");
        return false;
    }
    if (pivot) {
        if (virDomainBlockJobAbort(dom, path, VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) < 0) {
            vshError(ctl, "failed to pivot job for disk %s", path);
            return false;
        }
        vshPrintExtra(ctl, "\n%s", "Successfully pivoted");
    } else if (finish) {
        if (virDomainBlockJobAbort(dom, path, 0) < 0) {
            vshError(ctl, "failed to finish job for disk %s", path);
            return false;
        }
        vshPrintExtra(ctl, "\n%s", "Successfully copied");
    } else {
        vshPrintExtra(ctl, "\n%s", "Now in mirroring phase");
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* blockpull                                                           */

static const vshCmdOptDef opts_blockpull[] = {
    DB_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "fully-qualified path of disk"},
    {.name = "bandwidth", .type = VSH_OT_INT, .help = "bandwidth limit in MiB/s"},
    {.name = "base", .type = VSH_OT_STRING,
     .help = "path of backing file in chain for a partial pull"},
    {.name = "wait", .type = VSH_OT_BOOL, .help = "wait for job to finish"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "with --wait, display the progress"},
    {.name = "timeout", .type = VSH_OT_INT,
     .help = "with --wait, abort if pull exceeds timeout (in seconds)"},
    {.name = "async", .type = VSH_OT_BOOL, .help = "with --wait, don't wait for cancel to finish"},
    {.name = "keep-relative", .type = VSH_OT_BOOL,
     .help = "keep the backing chain relatively referenced"},
    {.name = "bytes", .type = VSH_OT_BOOL,
     .help = "the bandwidth limit is in bytes/s rather than MiB/s"},
    {.name = NULL},
};

static bool
cmdBlockPull(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *path = NULL;
    const char *base = NULL;
    bool wait = vshCommandOptBool(cmd, "wait");
    bool verbose = vshCommandOptBool(cmd, "verbose");
    bool async = vshCommandOptBool(cmd, "async");
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool relative = vshCommandOptBool(cmd, "keep-relative");
    unsigned long long bandwidth = 0;
    int timeout = 0;
    dbJobWatch watch = { .callback = -1, .timer = -1 };
    dbJobEnd end;
    int rc;

    if (verbose && !wait) {
        vshError(ctl, "%s", "Option --wait is required by option --verbose");
        return false;
    }
    if (async && !wait) {
        vshError(ctl, "%s", "Option --wait is required by option --async");
        return false;
    }
    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "base", &base) < 0)
        return false;
    if (dbOptBandwidth(ctl, cmd, bytes, &bandwidth) < 0)
        return false;
    if (dbOptTimeout(ctl, cmd, &timeout) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;

    if (wait)
        dbWatchStart(&watch, dom, path);
    if (base || relative) {
        unsigned int flags = 0;

        if (relative)
            flags |= VIR_DOMAIN_BLOCK_REBASE_RELATIVE;
        if (bytes)
            flags |= VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES;
        rc = virDomainBlockRebase(dom, path, base, (unsigned long)bandwidth, flags);
    } else {
        rc = virDomainBlockPull(dom, path, (unsigned long)bandwidth,
                                bytes ? VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES : 0);
    }
    if (rc < 0) {
        dbWatchStop(&watch);
        return false;
    }

    if (!wait) {
        vshPrintExtra(ctl, "%s", "Block Pull started");
        return true;
    }
    end = dbWaitJob(&watch, dom, "Block Pull", verbose, timeout, async, false);
    dbWatchStop(&watch);
    if (end == DB_JOB_FAILED) {
        vshError(ctl, "\n%s", "Pull failed");
        return false;
    }
    if (end == DB_JOB_CANCELED) {
        vshPrintExtra(ctl, "\n%s", "Pull aborted");
        return false;
    }
    vshPrintExtra(ctl, "\n%s", "Pull complete");
    return true;
}

/* ------------------------------------------------------------------ */
/* Editing the XML of saved state: managedsave-edit, save-image-edit   */

/* Let the user edit ORIG and hand the result to DEFINE until it takes
 * it; print NOTCHANGED or EDITED (each with NAME) as virsh does.  Without
 * a terminal to ask whether to edit again, a refused definition is
 * reported as "Failed." and the command still ends as an edit, as in
 * virsh. */
static bool
dbEditLoop(vshControl *ctl, const char *orig, const char *name,
           int (*define)(void *opaque, const char *xml), void *opaque,
           const char *notchanged, const char *edited)
{
    g_autofree char *current = g_strdup(orig);

    for (;;) {
        g_autofree char *text = NULL;
        char answer[16] = "";
        bool changed;

        if (!(text = virtkitEditXML(ctl, current, &changed)))
            return false;
        if (strcmp(text, orig) == 0) {
            vshPrintExtra(ctl, notchanged, name);
            return true;
        }
        if (define(opaque, text) == 0)
            break;
        if (!isatty(STDIN_FILENO)) {
            vshResetLibvirtError();
            vshError(ctl, "%s", "Failed.");
            break;
        }
        vshReportError(ctl);
        vshResetLibvirtError();
        vshPrint(ctl, "%s", "Failed. Try again? [y,n,f,?]: ");
        fflush(stdout);
        if (!fgets(answer, sizeof(answer), stdin) || answer[0] == 'n')
            return false;
        g_free(current);
        current = g_steal_pointer(&text);
    }
    vshPrintExtra(ctl, edited, name);
    return true;
}

static const vshCmdOptDef opts_managedsave_edit[] = {
    DB_OPT_DOMAIN,
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on start"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on start"},
    {.name = NULL},
};

typedef struct {
    virDomainPtr dom;
    virConnectPtr conn;
    const char *file;
    unsigned int flags;
} dbDefineTarget;

static int
dbManagedSaveDefine(void *opaque, const char *xml)
{
    dbDefineTarget *t = opaque;

    return virDomainManagedSaveDefineXML(t->dom, xml, t->flags) < 0 ? -1 : 0;
}

static int
dbSaveImageDefine(void *opaque, const char *xml)
{
    dbDefineTarget *t = opaque;

    return virDomainSaveImageDefineXML(t->conn, t->file, xml, t->flags) < 0 ? -1 : 0;
}

static unsigned int
dbSaveFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SAVE_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SAVE_PAUSED;
    return flags;
}

static bool
cmdManagedSaveEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    dbDefineTarget target = { .flags = dbSaveFlags(cmd) };

    if (!vshCommandOptExclusive(ctl, cmd, "running", "paused"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (ctl->readonly) {
        /* libvirt refuses the secure XML on a read-only connection before
         * asking the driver; virtkit's library asks the driver first */
        vshError(ctl, "%s", "operation forbidden: virDomainManagedSaveGetXMLDesc "
                 "with secure flag");
        return false;
    }
    if (!(xml = virDomainManagedSaveGetXMLDesc(dom, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)))
        return false;
    target.dom = dom;
    return dbEditLoop(ctl, xml, virDomainGetName(dom), dbManagedSaveDefine, &target,
                      "Managed save image of domain '%s' XML configuration not changed.\n",
                      "Managed save image of Domain '%s' XML configuration edited.\n");
}

/* ------------------------------------------------------------------ */
/* save-image-define, save-image-edit                                  */

static const vshCmdOptDef opts_save_image_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "saved state file to modify", .completer = VSH_COMPLETE_FILE},
    {.name = "xml", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "filename containing updated XML for the target", .completer = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on restore"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on restore"},
    {.name = NULL},
};

static bool
cmdSaveImageDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    const char *xmlfile = NULL;
    g_autofree char *xml = NULL;
    virConnectPtr conn;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (!(xml = virtkitReadXMLFile(ctl, xmlfile)))
        return false;
    if (!(conn = vshConnection(ctl)))
        return false;
    if (vshCommandOptBool(cmd, "running") && vshCommandOptBool(cmd, "paused")) {
        /* libvirt refuses both before asking the driver; virtkit's
         * library leaves it to the driver, which does not check */
        vshError(ctl, "Failed to update %s", file);
        vshError(ctl, "%s", "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' "
                 "are mutually exclusive");
        return false;
    }
    if (virDomainSaveImageDefineXML(conn, file, xml, dbSaveFlags(cmd)) < 0) {
        vshError(ctl, "Failed to update %s", file);
        return false;
    }
    vshPrintExtra(ctl, "State file %s updated.\n", file);
    return true;
}

static const vshCmdOptDef opts_save_image_edit[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "saved state file to edit", .completer = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on restore"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on restore"},
    {.name = NULL},
};

static bool
cmdSaveImageEdit(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    dbDefineTarget target = { .flags = dbSaveFlags(cmd) };

    if (!vshCommandOptExclusive(ctl, cmd, "running", "paused"))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(target.conn = vshConnection(ctl)))
        return false;
    if (!(xml = virDomainSaveImageGetXMLDesc(target.conn, file,
                                             VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)))
        return false;
    target.file = file;
    return dbEditLoop(ctl, xml, file, dbSaveImageDefine, &target,
                      "Saved image %s XML configuration not changed.\n",
                      "State file %s edited.\n");
}

/* ------------------------------------------------------------------ */
/* domdirtyrate-calc                                                   */

static const vshCmdOptDef opts_domdirtyrate_calc[] = {
    DB_OPT_DOMAIN,
    {.name = "seconds", .type = VSH_OT_INT,
     .help = "calculate memory dirty rate within specified seconds, "
             "the supported value range from 1 to 60, default to 1."},
    {.name = "mode", .type = VSH_OT_STRING,
     .help = "dirty page rate calculation mode, either of these 3 options "
             "'page-sampling, dirty-bitmap, dirty-ring' can be specified."},
    {.name = NULL},
};

static bool
cmdDomDirtyRateCalc(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *mode = NULL;
    int seconds = 1;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptInt(ctl, cmd, "seconds", &seconds) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (mode) {
        if (strcmp(mode, "page-sampling") == 0) {
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING;
        } else if (strcmp(mode, "dirty-bitmap") == 0) {
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP;
        } else if (strcmp(mode, "dirty-ring") == 0) {
            flags |= VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING;
        } else {
            vshError(ctl, "Unknown calculation mode '%s'", mode);
            return false;
        }
    }
    if (virDomainStartDirtyRateCalc(dom, seconds, flags) < 0)
        return false;
    vshPrintExtra(ctl, "%s\n", "Start to calculate domain's memory dirty rate successfully.");
    return true;
}

/* ------------------------------------------------------------------ */
/* dom-fd-associate                                                    */

/* "N,M,..." as descriptors (*FDS to g_free); false after virsh's error. */
static bool
dbParseFDs(vshControl *ctl, const char *text, int **fds, size_t *nfds)
{
    g_auto(GStrv) words = NULL;
    size_t i;

    *fds = NULL;
    *nfds = 0;
    if (!text || !*text)
        return true;
    words = g_strsplit(text, ",", -1);
    *fds = g_new0(int, g_strv_length(words));
    for (i = 0; words[i]; i++) {
        char *end = NULL;
        long v;

        errno = 0;
        v = strtol(words[i], &end, 10);
        if (errno || end == words[i] || *end || v < INT_MIN || v > INT_MAX) {
            vshError(ctl, "Unable to parse FD number '%s'", words[i]);
            g_clear_pointer(fds, g_free);
            return false;
        }
        (*fds)[(*nfds)++] = (int)v;
    }
    return true;
}

static const vshCmdOptDef opts_dom_fd_associate[] = {
    DB_OPT_DOMAIN,
    {.name = "name", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "name of the FD group"},
    {.name = "pass-fds", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ | VSH_OFLAG_EMPTY_OK,
     .help = "file descriptors N,M,... to associate"},
    {.name = "seclabel-writable", .type = VSH_OT_BOOL, .help = "use seclabels allowing writes"},
    {.name = "seclabel-restore", .type = VSH_OT_BOOL,
     .help = "try to restore security label after use if possible"},
    {.name = NULL},
};

static bool
cmdDomFDAssociate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree int *fds = NULL;
    const char *name = NULL;
    size_t nfds = 0;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0)
        return false;
    if (!dbParseFDs(ctl, vshCommandOptStringQuiet(cmd, "pass-fds"), &fds, &nfds))
        return false;
    if (vshCommandOptBool(cmd, "seclabel-writable"))
        flags |= VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE;
    if (vshCommandOptBool(cmd, "seclabel-restore"))
        flags |= VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE;
    return virDomainFDAssociate(dom, name, nfds, fds, flags) == 0;
}

/* ------------------------------------------------------------------ */
/* qemu-monitor-command                                                */

/* A JSON checker that finds the first error the way yajl (libvirt's
 * parser) reports it: the offset it names and its message.  Lexical
 * errors point at the offending character (after it, for a character
 * that starts no token); parse errors after the token, except that a
 * missing separator in an object points back at the token's start (its
 * text, without a string's quotes); an unfinished text is found when the parser is
 * flushed with one space, so it is reported at offset 1. */
typedef struct {
    const char *text;
    size_t len;
    size_t pos;
    size_t tokstart;
    bool tokstring;
    size_t errpos;
    const char *errmsg;
    bool lexical;
} dbJson;

typedef enum {
    DBJ_EOF, DBJ_LBRACE, DBJ_RBRACE, DBJ_LBRACKET, DBJ_RBRACKET, DBJ_COLON,
    DBJ_COMMA, DBJ_STRING, DBJ_VALUE, DBJ_ERROR,
} dbJsonToken;

static dbJsonToken
dbJsonLexError(dbJson *j, const char *msg, size_t at)
{
    j->errmsg = msg;
    j->errpos = at;
    j->lexical = true;
    return DBJ_ERROR;
}

/* The digits of a number from J->pos; false at the first non-digit
 * (reported with MSG) or at the end of the text (*EOF set). */
static bool
dbJsonDigits(dbJson *j, const char *msg, dbJsonToken *tok)
{
    if (j->pos >= j->len) {
        *tok = DBJ_EOF;
        return false;
    }
    if (!g_ascii_isdigit(j->text[j->pos])) {
        *tok = dbJsonLexError(j, msg, j->pos);
        return false;
    }
    while (j->pos < j->len && g_ascii_isdigit(j->text[j->pos]))
        j->pos++;
    return true;
}

static dbJsonToken
dbJsonNext(dbJson *j)
{
    dbJsonToken tok;
    char c;

    while (j->pos < j->len && strchr(" \t\n\r", j->text[j->pos]))
        j->pos++;
    j->tokstart = j->pos;
    j->tokstring = false;
    if (j->pos >= j->len)
        return DBJ_EOF;
    c = j->text[j->pos++];
    switch (c) {
    case '{': return DBJ_LBRACE;
    case '}': return DBJ_RBRACE;
    case '[': return DBJ_LBRACKET;
    case ']': return DBJ_RBRACKET;
    case ':': return DBJ_COLON;
    case ',': return DBJ_COMMA;
    case '"':
        j->tokstring = true;
        while (j->pos < j->len) {
            char d = j->text[j->pos++];

            if (d == '"')
                return DBJ_STRING;
            if (d == '\\') {
                if (j->pos >= j->len)
                    break;
                d = j->text[j->pos];
                if (!strchr("\"\\/bfnrtu", d))
                    return dbJsonLexError(j, "inside a string, '\\' occurs before a "
                                             "character which it may not.", j->pos);
                j->pos++;
                if (d == 'u') {
                    int k;

                    for (k = 0; k < 4; k++) {
                        if (j->pos >= j->len)
                            return DBJ_EOF;
                        if (!g_ascii_isxdigit(j->text[j->pos]))
                            return dbJsonLexError(j, "invalid (non-hex) character occurs "
                                                     "after '\\u' inside string.", j->pos);
                        j->pos++;
                    }
                }
            } else if ((unsigned char)d < 0x20) {
                return dbJsonLexError(j, "invalid character inside string.", j->pos - 1);
            }
        }
        return DBJ_EOF;
    case 't': case 'f': case 'n': {
        const char *word = c == 't' ? "rue" : c == 'f' ? "alse" : "ull";

        for (; *word; word++) {
            if (j->pos >= j->len)
                return DBJ_EOF;
            if (j->text[j->pos] != *word)
                return dbJsonLexError(j, "invalid string in json text.", j->pos);
            j->pos++;
        }
        return DBJ_VALUE;
    }
    case '-':
        if (j->pos >= j->len)
            return DBJ_EOF;
        if (!g_ascii_isdigit(j->text[j->pos]))
            return dbJsonLexError(j, "malformed number, a digit is required after the "
                                     "minus sign.", j->pos);
        if (j->text[j->pos++] != '0') {
            while (j->pos < j->len && g_ascii_isdigit(j->text[j->pos]))
                j->pos++;
        }
        break;
    case '/':
        return dbJsonLexError(j, "probable comment found in input text, comments are "
                                 "not enabled.", j->pos - 1);
    default:
        if (!g_ascii_isdigit(c))
            return dbJsonLexError(j, "invalid char in json text.", j->pos);
        if (c != '0') {
            while (j->pos < j->len && g_ascii_isdigit(j->text[j->pos]))
                j->pos++;
        }
        break;
    }
    /* the rest of a number */
    if (j->pos < j->len && j->text[j->pos] == '.') {
        j->pos++;
        if (!dbJsonDigits(j, "malformed number, a digit is required after the decimal point.",
                          &tok))
            return tok;
    }
    if (j->pos < j->len && (j->text[j->pos] == 'e' || j->text[j->pos] == 'E')) {
        j->pos++;
        if (j->pos < j->len && (j->text[j->pos] == '+' || j->text[j->pos] == '-'))
            j->pos++;
        if (!dbJsonDigits(j, "malformed number, a digit is required after the exponent.",
                          &tok))
            return tok;
    }
    return DBJ_VALUE;
}

static bool
dbJsonParseError(dbJson *j, const char *msg)
{
    j->errmsg = msg;
    j->errpos = j->pos;
    j->lexical = false;
    return false;
}

/* A missing separator: yajl points back at the token it got. */
static bool
dbJsonSeparatorError(dbJson *j, const char *msg)
{
    size_t toklen = j->pos - j->tokstart;

    if (j->tokstring && toklen >= 2)
        toklen -= 2;
    dbJsonParseError(j, msg);
    j->errpos = j->pos >= toklen ? j->pos - toklen : 0;
    return false;
}

static bool
dbJsonEOF(dbJson *j)
{
    dbJsonParseError(j, "premature EOF");
    j->errpos = 1;
    return false;
}

static bool
dbJsonIsValueStart(dbJsonToken tok)
{
    return tok == DBJ_STRING || tok == DBJ_VALUE || tok == DBJ_LBRACE || tok == DBJ_LBRACKET;
}

static bool
dbJsonValue(dbJson *j, dbJsonToken tok)
{
    switch (tok) {
    case DBJ_STRING:
    case DBJ_VALUE:
        return true;
    case DBJ_EOF:
        return dbJsonEOF(j);
    case DBJ_ERROR:
        return false;
    case DBJ_LBRACE:
        if ((tok = dbJsonNext(j)) == DBJ_RBRACE)
            return true;
        for (;;) {
            if (tok == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (tok != DBJ_STRING)
                return dbJsonParseError(j, "invalid object key (must be a string)");
            if ((tok = dbJsonNext(j)) == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (tok != DBJ_COLON)
                return dbJsonParseError(j, "object key and value must be separated "
                                           "by a colon (':')");
            if ((tok = dbJsonNext(j)) == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (!dbJsonIsValueStart(tok))
                return dbJsonParseError(j, "unallowed token at this point in JSON text");
            if (!dbJsonValue(j, tok))
                return false;
            if ((tok = dbJsonNext(j)) == DBJ_RBRACE)
                return true;
            if (tok == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (tok != DBJ_COMMA)
                return dbJsonSeparatorError(j, "after key and value, inside map, "
                                               "I expect ',' or '}'");
            tok = dbJsonNext(j);
        }
    case DBJ_LBRACKET:
        if ((tok = dbJsonNext(j)) == DBJ_RBRACKET)
            return true;
        for (;;) {
            if (tok == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (!dbJsonIsValueStart(tok))
                return dbJsonParseError(j, "unallowed token at this point in JSON text");
            if (!dbJsonValue(j, tok))
                return false;
            if ((tok = dbJsonNext(j)) == DBJ_RBRACKET)
                return true;
            if (tok == DBJ_ERROR)
                return false;
            if (tok == DBJ_EOF)
                return dbJsonEOF(j);
            if (tok != DBJ_COMMA)
                return dbJsonParseError(j, "after array element, I expect ',' or ']'");
            tok = dbJsonNext(j);
        }
    default:
        return dbJsonParseError(j, "unallowed token at this point in JSON text");
    }
}

/* NULL when TEXT is one JSON value, else libvirt's "cannot parse json"
 * message with yajl's picture of where it went wrong. */
static char *
dbJsonCheck(const char *text)
{
    dbJson j = { .text = text, .len = strlen(text) };
    GString *msg;
    size_t start, stop, spaces, i;

    if (dbJsonValue(&j, dbJsonNext(&j))) {
        dbJsonToken tok = dbJsonNext(&j);

        if (tok == DBJ_EOF)
            return NULL;
        if (tok != DBJ_ERROR)
            dbJsonParseError(&j, "trailing garbage");
    }
    msg = g_string_new(NULL);
    g_string_append_printf(msg, "internal error: cannot parse json %s: %s error: %s\n",
                           text, j.lexical ? "lexical" : "parse", j.errmsg);
    spaces = j.errpos < 30 ? 40 - j.errpos : 10;
    start = j.errpos >= 30 ? j.errpos - 30 : 0;
    stop = j.errpos + 30 > j.len ? j.len : j.errpos + 30;
    for (i = 0; i < spaces; i++)
        g_string_append_c(msg, ' ');
    for (i = start; i < stop; i++)
        g_string_append_c(msg, text[i] == '\n' || text[i] == '\r' ? ' ' : text[i]);
    g_string_append(msg, "\n                     (right here) ------^\n");
    return g_string_free(msg, FALSE);
}

static const vshCmdOptDef opts_qemu_monitor_command[] = {
    DB_OPT_DOMAIN,
    {.name = "hmp", .type = VSH_OT_BOOL, .help = "command is in human monitor protocol"},
    {.name = "pretty", .type = VSH_OT_BOOL,
     .help = "pretty-print any qemu monitor protocol output"},
    {.name = "return-value", .type = VSH_OT_BOOL,
     .help = "extract the value of the 'return' key from the returned string"},
    {.name = "pass-fds", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "pass file descriptors N,M,... along with the command"},
    {.name = "cmd", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "command"},
    {.name = NULL},
};

/* The text of the string token J just read, its escapes undone (the
 * result as UTF-8, to g_free). */
static char *
dbJsonDecodeString(const dbJson *j)
{
    GString *out = g_string_new(NULL);
    const char *p = j->text + j->tokstart + 1;
    const char *stop = j->text + j->pos - 1;

    while (p < stop) {
        if (*p != '\\') {
            g_string_append_c(out, *p++);
            continue;
        }
        p++;
        switch (*p) {
        case 'b': g_string_append_c(out, '\b'); break;
        case 'f': g_string_append_c(out, '\f'); break;
        case 'n': g_string_append_c(out, '\n'); break;
        case 'r': g_string_append_c(out, '\r'); break;
        case 't': g_string_append_c(out, '\t'); break;
        case 'u': {
            g_autofree char *high = g_strndup(p + 1, 4);
            gunichar c = g_ascii_strtoull(high, NULL, 16);

            p += 4;
            if (c >= 0xD800 && c < 0xDC00 && p + 6 < stop + 1 && p[1] == '\\' && p[2] == 'u') {
                g_autofree char *low = g_strndup(p + 3, 4);
                gunichar lc = g_ascii_strtoull(low, NULL, 16);

                if (lc >= 0xDC00 && lc < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (lc - 0xDC00);
                    p += 6;
                }
            }
            g_string_append_unichar(out, c);
            break;
        }
        default: g_string_append_c(out, *p); break;
        }
        p++;
    }
    return g_string_free(out, FALSE);
}

/* TEXT as a JSON string the way libvirt's generator (yajl) writes it. */
static void
dbJsonAppendString(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    for (; *text; text++) {
        switch (*text) {
        case '\r': g_string_append(out, "\\r"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '"': g_string_append(out, "\\\""); break;
        case '\f': g_string_append(out, "\\f"); break;
        case '\b': g_string_append(out, "\\b"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if ((unsigned char)*text < 0x20)
                g_string_append_printf(out, "\\u00%02x", (unsigned char)*text);
            else
                g_string_append_c(out, *text);
        }
    }
    g_string_append_c(out, '"');
}

static void
dbJsonIndent(GString *out, bool pretty, int depth)
{
    if (pretty) {
        for (; depth > 0; depth--)
            g_string_append(out, "  ");
    }
}

/* Write the value starting with TOK (just read from J) to OUT as libvirt
 * does: compact, or with PRETTY one member or element a line, indented
 * by two spaces a level.  False when the text is not JSON. */
static bool
dbJsonEmit(dbJson *j, dbJsonToken tok, int depth, bool pretty, GString *out)
{
    bool object = tok == DBJ_LBRACE;
    dbJsonToken close = object ? DBJ_RBRACE : DBJ_RBRACKET;
    bool first = true;

    if (tok == DBJ_STRING) {
        g_autofree char *str = dbJsonDecodeString(j);

        dbJsonAppendString(out, str);
        return true;
    }
    if (tok == DBJ_VALUE) {
        g_string_append_len(out, j->text + j->tokstart, j->pos - j->tokstart);
        return true;
    }
    if (tok != DBJ_LBRACE && tok != DBJ_LBRACKET)
        return false;
    g_string_append_c(out, object ? '{' : '[');
    if (pretty)
        g_string_append_c(out, '\n');
    tok = dbJsonNext(j);
    while (tok != close) {
        if (!first) {
            if (tok != DBJ_COMMA)
                return false;
            g_string_append_c(out, ',');
            if (pretty)
                g_string_append_c(out, '\n');
            tok = dbJsonNext(j);
        }
        first = false;
        dbJsonIndent(out, pretty, depth + 1);
        if (object) {
            if (tok != DBJ_STRING || !dbJsonEmit(j, tok, depth + 1, pretty, out) ||
                dbJsonNext(j) != DBJ_COLON)
                return false;
            g_string_append(out, pretty ? ": " : ":");
            tok = dbJsonNext(j);
        }
        if (!dbJsonEmit(j, tok, depth + 1, pretty, out))
            return false;
        tok = dbJsonNext(j);
    }
    if (pretty)
        g_string_append_c(out, '\n');
    dbJsonIndent(out, pretty, depth);
    g_string_append_c(out, object ? '}' : ']');
    return true;
}

/* TEXT rewritten by libvirt's generator (NULL when it is not JSON): with
 * RETURNVALUE only its "return" member (*MISSING set when there is
 * none).  Pretty output ends with a newline, as libvirt's does. */
static char *
dbJsonReformat(const char *text, bool pretty, bool returnValue, bool *missing)
{
    dbJson j = { .text = text, .len = strlen(text) };
    g_autoptr(GString) out = g_string_new(NULL);
    dbJsonToken tok = dbJsonNext(&j);
    bool found = false;

    *missing = false;
    if (!returnValue) {
        if (!dbJsonEmit(&j, tok, 0, pretty, out))
            return NULL;
    } else {
        /* the members of the reply, keeping the last "return" */
        if (tok != DBJ_LBRACE)
            return NULL;
        bool first = true;

        tok = dbJsonNext(&j);
        while (tok != DBJ_RBRACE) {
            g_autofree char *key = NULL;
            g_autoptr(GString) value = g_string_new(NULL);

            if (!first && tok == DBJ_COMMA)
                tok = dbJsonNext(&j);
            first = false;
            if (tok != DBJ_STRING)
                return NULL;
            key = dbJsonDecodeString(&j);
            if (dbJsonNext(&j) != DBJ_COLON ||
                !dbJsonEmit(&j, dbJsonNext(&j), 0, pretty, value))
                return NULL;
            if (strcmp(key, "return") == 0) {
                g_string_assign(out, value->str);
                found = true;
            }
            tok = dbJsonNext(&j);
            if (tok != DBJ_COMMA && tok != DBJ_RBRACE)
                return NULL;
        }
        if (!found) {
            *missing = true;
            return NULL;
        }
    }
    if (dbJsonNext(&j) != DBJ_EOF)
        return NULL;
    if (pretty)
        g_string_append_c(out, '\n');
    return g_strdup(out->str);
}

/* The monitor's (or agent's) reply printed as asked: whole, pretty, or
 * its 'return' member; a pretty reply loses its surrounding spaces. */
static bool
dbPrintReply(vshControl *ctl, const char *reply, bool pretty, bool returnValue)
{
    g_autofree char *out = NULL;
    bool missing = false;

    if (!pretty && !returnValue) {
        vshPrint(ctl, "%s\n", reply);
        return true;
    }
    if (!(out = dbJsonReformat(reply, pretty, returnValue, &missing))) {
        if (missing) {
            vshError(ctl, "%s", "'return' member missing");
            return false;
        }
        if (returnValue) {
            vshError(ctl, "%s", "failed to parse JSON reply from QEMU");
            return false;
        }
        vshPrint(ctl, "%s\n", reply);
        return true;
    }
    if (pretty)
        g_strstrip(out);
    vshPrint(ctl, "%s\n", out);
    return true;
}

static bool
cmdQemuMonitorCommand(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree const char **words = NULL;
    g_autofree char *command = NULL;
    g_autofree char *reply = NULL;
    g_autofree int *fds = NULL;
    size_t nfds = 0;
    bool hmp = vshCommandOptBool(cmd, "hmp");
    bool pretty = vshCommandOptBool(cmd, "pretty");
    bool returnValue = vshCommandOptBool(cmd, "return-value");
    unsigned int flags = hmp ? VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP : 0;
    int rc;

    if (!vshCommandOptExclusive(ctl, cmd, "hmp", "pretty") ||
        !vshCommandOptExclusive(ctl, cmd, "hmp", "return-value"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    words = vshCommandOptArgv(cmd, "cmd");
    if (hmp || !words[0] || !words[1]) {
        command = g_strjoinv(" ", (char **)words);
    } else {
        /* several words: the command's name, then its arguments as the
         * members of the 'arguments' object */
        g_autofree char *members = g_strjoinv(",", (char **)words + 1);
        g_autofree char *object = g_strdup_printf("{%s}", members);
        g_autofree char *problem = dbJsonCheck(object);
        g_autofree char *arguments = NULL;
        g_autoptr(GString) wrapped = g_string_new("{\"execute\":");
        bool missing;

        if (problem || !(arguments = dbJsonReformat(object, false, false, &missing))) {
            g_autofree char *shown = g_strjoinv(" ", (char **)words + 1);

            vshError(ctl, "failed to wrap arguments '%s' into a QMP command wrapper", shown);
            if (problem)
                vshError(ctl, "%s", problem);
            return false;
        }
        dbJsonAppendString(wrapped, words[0]);
        g_string_append_printf(wrapped, ",\"arguments\":%s}", arguments);
        command = g_strdup(wrapped->str);
    }
    if (!dbParseFDs(ctl, vshCommandOptStringQuiet(cmd, "pass-fds"), &fds, &nfds))
        return false;
    if (nfds)
        rc = virDomainQemuMonitorCommandWithFiles(dom, command, nfds, fds, NULL, NULL,
                                                  &reply, flags);
    else
        rc = virDomainQemuMonitorCommand(dom, command, &reply, flags);
    if (rc < 0)
        return false;
    return dbPrintReply(ctl, reply, pretty, returnValue);
}

/* ------------------------------------------------------------------ */
/* qemu-monitor-event                                                  */

static const vshCmdOptDef opts_qemu_monitor_event[] = {
    {.name = "domain", .type = VSH_OT_STRING, .help = "filter by domain name, id or uuid",
     .completer = VSH_COMPLETE_DOMAIN},
    {.name = "event", .type = VSH_OT_STRING, .help = "filter by event name"},
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "pretty-print any JSON output"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "regex", .type = VSH_OT_BOOL,
     .help = "treat event as a regex rather than literal filter"},
    {.name = "no-case", .type = VSH_OT_BOOL, .help = "treat event case-insensitively"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

typedef struct {
    virtkitEventWait wait;
    bool pretty;
} dbMonitorEvents;

static void
dbMonitorEvent(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *event,
               long long seconds, unsigned int micros, const char *details, void *opaque)
{
    dbMonitorEvents *st = opaque;
    g_autofree char *shown = NULL;

    if (st->wait.done)
        return;
    if (details && st->pretty) {
        bool missing;

        if ((shown = dbJsonReformat(details, true, false, &missing)))
            g_strstrip(shown);
    }
    /* with --timestamp the time of printing replaces the event's own */
    if (st->wait.timestamp)
        virtkitEventPrint(&st->wait, "event %s for domain '%s': %s\n",
                          event, virDomainGetName(dom),
                          shown ? shown : details ? details : "<null>");
    else
        virtkitEventPrint(&st->wait, "event %s at %lld.%06u for domain '%s': %s\n",
                          event, seconds, micros, virDomainGetName(dom),
                          shown ? shown : details ? details : "<null>");
}

static bool
cmdQemuMonitorEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    dbMonitorEvents st = { .wait = { .ctl = ctl } };
    const char *event = NULL;
    unsigned int flags = 0;
    virConnectPtr conn;
    int timeout = 0;
    int rc;
    int id;
    bool ok;

    if ((rc = vshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0 && (timeout <= 0 || timeout > INT_MAX / 1000)) {
        vshError(ctl, "Numeric value '%s' for <timeout> option is malformed or out of range",
                 vshCommandOptStringQuiet(cmd, "timeout"));
        return false;
    }
    if (vshCommandOptStringReq(ctl, cmd, "event", &event) < 0)
        return false;
    if (vshCommandOptBool(cmd, "regex"))
        flags |= VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX;
    if (vshCommandOptBool(cmd, "no-case"))
        flags |= VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE;
    st.pretty = vshCommandOptBool(cmd, "pretty");
    st.wait.loop = vshCommandOptBool(cmd, "loop");
    st.wait.timestamp = vshCommandOptBool(cmd, "timestamp");
    st.wait.timeout = timeout;
    if (vshCommandOptStringQuiet(cmd, "domain") &&
        !(dom = virtkitCommandOptDomain(ctl, cmd, "domain", NULL)))
        return false;
    if (virEventRegisterDefaultImpl() < 0)
        return false;
    if (!(conn = vshConnection(ctl)))
        return false;
    if ((id = virConnectDomainQemuMonitorEventRegister(conn, dom, event, dbMonitorEvent,
                                                       &st, NULL, flags)) < 0)
        return false;
    ok = virtkitEventRun(ctl, &st.wait);
    virConnectDomainQemuMonitorEventDeregister(conn, id);
    return ok;
}

/* ------------------------------------------------------------------ */
/* qemu-agent-command                                                  */

static const vshCmdOptDef opts_qemu_agent_command[] = {
    DB_OPT_DOMAIN,
    {.name = "timeout", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "timeout seconds. must be positive."},
    {.name = "async", .type = VSH_OT_BOOL, .help = "execute command without waiting for timeout"},
    {.name = "block", .type = VSH_OT_BOOL, .help = "execute command without timeout"},
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "pretty-print the output"},
    {.name = "cmd", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "command"},
    {.name = NULL},
};

static bool
cmdQemuAgentCommand(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree const char **words = NULL;
    g_autofree char *command = NULL;
    g_autofree char *reply = NULL;
    bool async = vshCommandOptBool(cmd, "async");
    bool block = vshCommandOptBool(cmd, "block");
    int timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT;
    int rc;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((rc = vshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0 && timeout < 1) {
        vshError(ctl, "%s", "timeout must be positive");
        return false;
    }
    if (rc + async + block > 1) {
        vshError(ctl, "%s", "timeout, async and block options are exclusive");
        return false;
    }
    if (async)
        timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT;
    if (block)
        timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK;
    words = vshCommandOptArgv(cmd, "cmd");
    command = g_strjoinv(" ", (char **)words);
    if (!(reply = virDomainQemuAgentCommand(dom, command, timeout, 0)))
        return false;
    return dbPrintReply(ctl, reply, vshCommandOptBool(cmd, "pretty"), false);
}

/* ------------------------------------------------------------------ */
/* qemu-attach                                                         */

static const vshCmdOptDef opts_qemu_attach[] = {
    {.name = "pid", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pid"},
    {.name = NULL},
};

static bool
cmdQemuAttach(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int pid = 0;
    virConnectPtr conn;

    if (vshCommandOptUInt(ctl, cmd, "pid", &pid) <= 0)
        return false;
    if (!(conn = vshConnection(ctl)))
        return false;
    if (!(dom = virDomainQemuAttach(conn, pid, 0))) {
        vshError(ctl, "Failed to attach to pid %u", pid);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' attached to pid %u\n", virDomainGetName(dom), pid);
    return true;
}

/* ------------------------------------------------------------------ */
/* lxc-enter-namespace                                                 */

static const vshCmdOptDef opts_lxc_enter_namespace[] = {
    DB_OPT_DOMAIN,
    {.name = "noseclabel", .type = VSH_OT_BOOL, .help = "Do not change process security label"},
    {.name = "cmd", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "command to run"},
    {.name = NULL},
};

static bool
cmdLxcEnterNamespace(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree const char **words = NULL;
    g_autofree int *fds = NULL;
    virSecurityModel model;
    virSecurityLabel label;
    bool setlabel = !vshCommandOptBool(cmd, "noseclabel");
    int nfds;
    int status = 0;
    pid_t pid;
    int i;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    words = vshCommandOptArgv(cmd, "cmd");
    memset(&model, 0, sizeof(model));
    memset(&label, 0, sizeof(label));
    if (setlabel) {
        if (virNodeGetSecurityModel(vshConnection(ctl), &model) < 0 ||
            virDomainGetSecurityLabel(dom, &label) < 0)
            return false;
    }
    if ((nfds = virDomainLxcOpenNamespace(dom, &fds, 0)) < 0)
        return false;
    fflush(stdout);
    fflush(stderr);
    if ((pid = fork()) < 0) {
        vshError(ctl, "%s", "internal error: Unable to fork process");
        goto fail;
    }
    if (pid == 0) {
        if (setlabel && virDomainLxcEnterSecurityLabel(&model, &label, NULL, 0) < 0)
            _exit(255);
        if (virDomainLxcEnterCGroup(dom, 0) < 0 ||
            virDomainLxcEnterNamespace(dom, nfds, fds, NULL, NULL, 0) < 0)
            _exit(255);
        /* a second child is needed to be really inside the PID namespace */
        if ((pid = fork()) < 0)
            _exit(255);
        if (pid == 0) {
            execv(words[0], (char *const *)words);
            _exit(255);
        }
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 255);
    }
    for (i = 0; i < nfds; i++)
        close(fds[i]);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            vshError(ctl, "internal error: Cannot wait for child process %lld",
                     (long long)pid);
            return false;
        }
    }
    if (WIFSIGNALED(status)) {
        vshError(ctl, "internal error: Child process (%lld) unexpected fatal signal %d",
                 (long long)pid, WTERMSIG(status));
        return false;
    }
    if (WEXITSTATUS(status) != 0) {
        vshError(ctl, "internal error: Child process (%lld) unexpected exit status %d",
                 (long long)pid, WEXITSTATUS(status));
        return false;
    }
    return true;

 fail:
    for (i = 0; i < nfds; i++)
        close(fds[i]);
    return false;
}

/* ------------------------------------------------------------------ */

static const vshCmdDef cmds[] = {
    {.name = "blockcommit", .handler = cmdBlockCommit, .opts = opts_blockcommit,
     .help = "Start a block commit operation.",
     .desc = "Commit changes from a snapshot down to its backing image."},
    {.name = "blockcopy", .handler = cmdBlockCopy, .opts = opts_blockcopy,
     .help = "Start a block copy operation.",
     .desc = "Copy a disk backing image chain to dest."},
    {.name = "blockpull", .handler = cmdBlockPull, .opts = opts_blockpull,
     .help = "Populate a disk from its backing image.",
     .desc = "Populate a disk from its backing image."},
    {.name = "dom-fd-associate", .handler = cmdDomFDAssociate, .opts = opts_dom_fd_associate,
     .help = "associate a FD with a domain", .desc = "associate a FD with a domain"},
    {.name = "domdirtyrate-calc", .handler = cmdDomDirtyRateCalc,
     .opts = opts_domdirtyrate_calc,
     .help = "Calculate a vm's memory dirty rate",
     .desc = "Calculate memory dirty rate of a domain in order to decide whether it's "
             "proper to be migrated out or not.\n"
             "The calculated dirty rate information is available by calling "
             "'domstats --dirtyrate'."},
    {.name = "lxc-enter-namespace", .handler = cmdLxcEnterNamespace,
     .opts = opts_lxc_enter_namespace,
     .help = "LXC Guest Enter Namespace",
     .desc = "Run an arbitrary command in a lxc guest namespace; use at your own risk"},
    {.name = "managedsave-edit", .handler = cmdManagedSaveEdit, .opts = opts_managedsave_edit,
     .help = "edit XML for a domain's managed save state file",
     .desc = "Edit the domain XML associated with the managed save state file"},
    {.name = "qemu-agent-command", .handler = cmdQemuAgentCommand,
     .opts = opts_qemu_agent_command,
     .help = "QEMU Guest Agent Command",
     .desc = "Run an arbitrary qemu guest agent command; use at your own risk"},
    {.name = "qemu-attach", .handler = cmdQemuAttach, .opts = opts_qemu_attach,
     .help = "QEMU Attach", .desc = "QEMU Attach"},
    {.name = "qemu-monitor-command", .handler = cmdQemuMonitorCommand,
     .opts = opts_qemu_monitor_command,
     .help = "QEMU Monitor Command", .desc = "QEMU Monitor Command"},
    {.name = "qemu-monitor-event", .handler = cmdQemuMonitorEvent,
     .opts = opts_qemu_monitor_event,
     .help = "QEMU Monitor Events", .desc = "Listen for QEMU Monitor Events"},
    {.name = "save-image-define", .handler = cmdSaveImageDefine, .opts = opts_save_image_define,
     .help = "redefine the XML for a domain's saved state file",
     .desc = "Replace the domain XML associated with a saved state file"},
    {.name = "save-image-edit", .handler = cmdSaveImageEdit, .opts = opts_save_image_edit,
     .help = "edit XML for a domain's saved state file",
     .desc = "Edit the domain XML associated with a saved state file"},
    {.name = NULL},
};

const vshCmdTable virtkitDomainBlockTable = { "domain", cmds };
