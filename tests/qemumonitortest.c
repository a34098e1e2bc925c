/*
 * qemumonitortest.c: the QMP monitor against a real QEMU
 *
 * Every case starts qemu-system-x86_64 (TCG, -S, no guest code) with a
 * QMP socket in a temporary folder, talks to it through qemuMonitor and
 * checks what QEMU really answers: replies, errors, events, the hangup
 * when QEMU quits or is killed, and several threads sharing one monitor.
 *
 * Cleanup does not depend on the cases behaving: main() forks, the child
 * runs the cases, and the parent (a child subreaper, so QEMUs orphaned by
 * a crashing child come back to it) kills and reaps every process left
 * below it and removes the temporary folder, whatever became of the child.
 *
 * Each case prints one line; the last line is "N passed, M failed".  With
 * an argument, only the cases whose name contains it run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_monitor.h"
#include "vircommand.h"
#include "virerror.h"
#include "testqemuutil.h"

#define QEMU_BIN "/usr/bin/qemu-system-x86_64"
#define TIMEOUT_MS 60000

static char *tmpdir;

static int
lastCode(void)
{
    virErrorPtr err = virGetLastError();

    return err ? err->code : 0;
}


/* ------------------------------------------------------------------ */
/* Recording events                                                   */

typedef struct {
    GMutex lock;
    GCond cond;
    GPtrArray *names;       /* event names in arrival order */
    GPtrArray *datas;       /* their data as JSON text ("" when none) */
    int eofs;               /* final callbacks seen */
    int after_eof;          /* callbacks after the final one (must stay 0) */
    qemuMonitor *mon;       /* for the callback-sends-a-command case */
    bool try_command;
    int nested_rc;
    char *nested_msg;
} Recorder;

static void
recorderInit(Recorder *r)
{
    memset(r, 0, sizeof(*r));
    g_mutex_init(&r->lock);
    g_cond_init(&r->cond);
    r->names = g_ptr_array_new_with_free_func(g_free);
    r->datas = g_ptr_array_new_with_free_func(g_free);
    r->nested_rc = 1;
}

static void
recorderClear(Recorder *r)
{
    g_ptr_array_unref(r->names);
    g_ptr_array_unref(r->datas);
    g_free(r->nested_msg);
    g_mutex_clear(&r->lock);
    g_cond_clear(&r->cond);
}

static void
recordEvent(qemuMonitor *mon,
            const char *event,
            JsonObject *data,
            long long timestamp_us G_GNUC_UNUSED,
            void *opaque)
{
    Recorder *r = opaque;
    char *text = g_strdup("");

    if (data) {
        g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);

        g_free(text);
        json_node_set_object(node, data);
        text = json_to_string(node, FALSE);
    }

    if (event && r->try_command) {
        int rc = qemuMonitorCommand(mon, "query-status", NULL, NULL);

        g_mutex_lock(&r->lock);
        r->nested_rc = rc;
        r->nested_msg = g_strdup(lastMessage());
        r->try_command = false;
        g_mutex_unlock(&r->lock);
    }

    g_mutex_lock(&r->lock);
    if (r->eofs)
        r->after_eof++;
    if (event) {
        g_ptr_array_add(r->names, g_strdup(event));
        g_ptr_array_add(r->datas, text);
    } else {
        r->eofs++;
        g_free(text);
    }
    g_cond_broadcast(&r->cond);
    g_mutex_unlock(&r->lock);
}

/* Wait for the event NAME whose data contains SUBSTR (may be NULL) at or
 * after index *FROM; advance *FROM past it.  Returns its data text. */
static char *
waitEvent(Recorder *r, const char *name, const char *substr, guint *from)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
    char *found = NULL;

    g_mutex_lock(&r->lock);
    for (;;) {
        for (guint i = *from; i < r->names->len; i++) {
            if (g_str_equal(r->names->pdata[i], name) &&
                (!substr || strstr(r->datas->pdata[i], substr))) {
                found = g_strdup(r->datas->pdata[i]);
                *from = i + 1;
                break;
            }
        }
        if (found || !g_cond_wait_until(&r->cond, &r->lock, deadline))
            break;
    }
    g_mutex_unlock(&r->lock);
    return found;
}

static bool
waitEof(Recorder *r)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
    bool seen;

    g_mutex_lock(&r->lock);
    while (!r->eofs && g_cond_wait_until(&r->cond, &r->lock, deadline))
        ;
    seen = r->eofs > 0;
    g_mutex_unlock(&r->lock);
    return seen;
}


/* ------------------------------------------------------------------ */
/* QEMU processes                                                     */

typedef struct {
    pid_t pid;
    char *sock;
    qemuMonitor *mon;
    Recorder rec;
} Qemu;

/* Start QEMU with the common options and EXTRA (NULL-terminated), then
 * open its monitor.  Returns false (after reporting) if either failed. */
static bool
qemuStart(Qemu *q, const char *name, const char *const *extra)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *log = g_strdup_printf("%s/%s.log", tmpdir, name);
    int logfd;

    memset(q, 0, sizeof(*q));
    recorderInit(&q->rec);
    q->sock = g_strdup_printf("%s/%s.qmp", tmpdir, name);

    g_ptr_array_add(argv, g_strdup(QEMU_BIN));
    g_ptr_array_add(argv, g_strdup("-S"));
    g_ptr_array_add(argv, g_strdup("-no-user-config"));
    g_ptr_array_add(argv, g_strdup("-nodefaults"));
    g_ptr_array_add(argv, g_strdup("-display"));
    g_ptr_array_add(argv, g_strdup("none"));
    g_ptr_array_add(argv, g_strdup("-qmp"));
    g_ptr_array_add(argv, g_strdup_printf("unix:%s,server=on,wait=off", q->sock));
    for (size_t i = 0; extra && extra[i]; i++)
        g_ptr_array_add(argv, g_strdup(extra[i]));
    g_ptr_array_add(argv, NULL);

    logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (virCommandSpawn((const char *const *)argv->pdata, logfd, logfd, NULL, 0, 0, &q->pid) < 0) {
        close(logfd);
        check(false, "%s: spawn QEMU: %s", name, lastMessage());
        return false;
    }
    close(logfd);

    if (!(q->mon = qemuMonitorOpenFull(q->sock, q->pid, TIMEOUT_MS, recordEvent, &q->rec))) {
        check(false, "%s: open monitor: %s", name, lastMessage());
        return false;
    }
    q->rec.mon = q->mon;
    return true;
}

/* Close the monitor and end the process, whatever state it is in. */
static void
qemuStop(Qemu *q)
{
    qemuMonitorClose(q->mon);
    q->mon = NULL;
    if (q->pid > 0) {
        kill(q->pid, SIGCONT);
        virCommandKillPid(q->pid, 5000);
    }
    q->pid = 0;
    g_free(q->sock);
    recorderClear(&q->rec);
}

/* Wait (bounded) until COUNT commands are waiting for their replies. */
static bool
waitPending(qemuMonitor *mon, guint count)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

    while (qemuMonitorGetPendingCount(mon) < count) {
        if (g_get_monotonic_time() > deadline)
            return false;
        g_usleep(1000);
    }
    return true;
}

static const char *const machineNone[] = { "-machine", "none,accel=tcg", NULL };


/* ------------------------------------------------------------------ */
/* Cases                                                              */

static void
testBasics(void)
{
    Qemu q;
    unsigned long long version = 0;
    g_autofree char *package = NULL;
    g_autofree char *status = NULL;
    bool running = true;

    if (!qemuStart(&q, "basics", machineNone))
        goto cleanup;

    check(qemuMonitorGetVersion(q.mon) >= 2000000,
          "greeting gives a version (%llu)", qemuMonitorGetVersion(q.mon));
    check(qemuMonitorGetVersionInfo(q.mon, &version, &package) == 0 &&
          version == qemuMonitorGetVersion(q.mon),
          "query-version agrees with the greeting (%llu)", version);
    check(qemuMonitorGetStatus(q.mon, &running, &status) == 0 &&
          !running && g_strcmp0(status, "prelaunch") == 0,
          "query-status under -S: not running, prelaunch (%s)", status);

    check(qemuMonitorCommand(q.mon, "no-such-command", NULL, NULL) < 0 &&
          lastCode() == VIR_ERR_INTERNAL_ERROR &&
          virGetLastError()->domain == VIR_FROM_QEMU &&
          g_str_equal(lastMessage(),
                      "internal error: unable to execute QEMU command 'no-such-command': "
                      "The command no-such-command has not been found"),
          "an error reply becomes libvirt's message: %s", lastMessage());

    {
        g_autoptr(JsonObject) args = json_object_new();

        json_object_set_string_member(args, "path", "/machine");
        json_object_set_string_member(args, "property", "no-such-property");
        check(qemuMonitorCommand(q.mon, "qom-get", args, NULL) < 0 &&
              strstr(lastMessage(), "'qom-get'") &&
              strstr(lastMessage(), "no-such-property"),
              "error with arguments names the command and QEMU's text: %s", lastMessage());
    }

    {
        g_autofree char *text = NULL;

        check(qemuMonitorCommandText(q.mon, "{\"execute\":\"query-name\"}", &text) == 0 &&
              strstr(text, "\"return\"") && strstr(text, "\"id\":\"virtkit-"),
              "raw text command gets the whole reply: %s", text);
    }

    /* the owner of a running QEMU (a restarted daemon) connects again */
    qemuMonitorClose(q.mon);
    q.mon = qemuMonitorOpenFull(q.sock, q.pid, TIMEOUT_MS, recordEvent, &q.rec);
    check(q.mon && qemuMonitorGetStatus(q.mon, &running, NULL) == 0 && !running,
          "a second connection to the same QEMU after closing the first: %s",
          q.mon ? "works" : lastMessage());
    if (!q.mon)
        goto cleanup;

    {
        g_autofree char *out = NULL;

        check(qemuMonitorHumanCommand(q.mon, "info version", &out) == 0 &&
              out && g_ascii_isdigit(out[0]),
              "human-monitor-command 'info version' = %s", out ? g_strstrip(out) : "");
    }

 cleanup:
    qemuStop(&q);
}

static void
testStopCont(void)
{
    Qemu q;
    const char *const extra[] = { "-machine", "none,accel=tcg", NULL };
    g_autofree char *status = NULL;
    bool running = false;
    guint from = 0;
    char *ev;

    if (!qemuStart(&q, "stopcont", extra))
        goto cleanup;

    check(qemuMonitorStartCPUs(q.mon) == 0, "cont");
    ev = waitEvent(&q.rec, "RESUME", NULL, &from);
    check(ev != NULL, "RESUME event after cont");
    g_free(ev);
    check(qemuMonitorGetStatus(q.mon, &running, &status) == 0 && running &&
          g_strcmp0(status, "running") == 0, "status running after cont (%s)", status);
    g_clear_pointer(&status, g_free);

    check(qemuMonitorStopCPUs(q.mon) == 0, "stop");
    ev = waitEvent(&q.rec, "STOP", NULL, &from);
    check(ev != NULL, "STOP event after stop");
    g_free(ev);
    check(qemuMonitorGetStatus(q.mon, &running, &status) == 0 && !running &&
          g_strcmp0(status, "paused") == 0, "status paused after stop (%s)", status);

    /* A callback may not wait on the monitor: it gets an error at once. */
    g_mutex_lock(&q.rec.lock);
    q.rec.try_command = true;
    g_mutex_unlock(&q.rec.lock);
    check(qemuMonitorStartCPUs(q.mon) == 0, "cont again");
    ev = waitEvent(&q.rec, "RESUME", NULL, &from);
    g_free(ev);
    check(q.rec.nested_rc < 0 && strstr(q.rec.nested_msg, "own thread"),
          "a command sent from the callback fails instead of hanging: %s",
          q.rec.nested_msg ? q.rec.nested_msg : "(not run)");

    check(qemuMonitorQuit(q.mon) == 0, "quit");
    ev = waitEvent(&q.rec, "SHUTDOWN", "host-qmp-quit", &from);
    check(ev != NULL, "SHUTDOWN event after quit: %s", ev ? ev : "none");
    g_free(ev);
    check(waitEof(&q.rec), "hangup reported after quit");
    check(virCommandWaitPid(q.pid, TIMEOUT_MS, NULL) == 1, "QEMU exited after quit");
    q.pid = 0;
    check(qemuMonitorGetStatus(q.mon, &running, NULL) < 0 &&
          lastCode() == VIR_ERR_OPERATION_FAILED &&
          g_str_equal(lastMessage(), "operation failed: End of file from qemu monitor"),
          "a command after the hangup fails: %s", lastMessage());
    check(q.rec.eofs == 1 && q.rec.after_eof == 0, "hangup reported exactly once (%d)",
          q.rec.eofs);

 cleanup:
    qemuStop(&q);
}

static void
testPowerdown(void)
{
    Qemu q;
    const char *const extra[] = { "-machine", "pc,accel=tcg", "-m", "64", NULL };
    guint from = 0;
    char *ev;

    if (!qemuStart(&q, "powerdown", extra))
        goto cleanup;

    check(qemuMonitorStartCPUs(q.mon) == 0, "cont (pc)");
    check(qemuMonitorSystemPowerdown(q.mon) == 0, "system_powerdown");
    ev = waitEvent(&q.rec, "POWERDOWN", NULL, &from);
    check(ev != NULL, "POWERDOWN event after system_powerdown");
    g_free(ev);
    check(qemuMonitorSystemReset(q.mon) == 0, "system_reset");
    ev = waitEvent(&q.rec, "RESET", "host-qmp-system-reset", &from);
    check(ev != NULL, "RESET event after system_reset: %s", ev ? ev : "none");
    g_free(ev);

 cleanup:
    qemuStop(&q);
}

static void
testDevices(void)
{
    Qemu q;
    g_autofree char *disk = g_strdup_printf("%s/disk.raw", tmpdir);
    g_autofree char *drive = g_strdup_printf("file=%s,format=raw,if=none,id=drive0", disk);
    g_autofree char *shot = g_strdup_printf("%s/shot.ppm", tmpdir);
    const char *const extra[] = {
        "-machine", "pc,accel=tcg", "-m", "64", "-smp", "2",
        "-drive", drive, "-device", "ide-hd,drive=drive0,bus=ide.0",
        "-device", "virtio-balloon-pci,id=balloon0",
        "-device", "VGA,id=video0",
        NULL,
    };
    qemuMonitorCPUInfo *cpus = NULL;
    size_t ncpus = 0;
    qemuMonitorBlockInfo *blocks = NULL;
    size_t nblocks = 0;
    qemuMonitorBlockStats *stats = NULL;
    size_t nstats = 0;
    qemuMonitorBalloonStats mstats;
    unsigned long long kib = 0;
    int fd;

    fd = open(disk, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ftruncate(fd, 1024 * 1024) < 0)
        check(false, "make a disk image");
    if (fd >= 0)
        close(fd);

    if (!qemuStart(&q, "devices", extra))
        goto cleanup;

    check(qemuMonitorGetCPUInfo(q.mon, &cpus, &ncpus) == 0 && ncpus == 2 &&
          cpus[0].cpu_index == 0 && cpus[1].cpu_index == 1 &&
          cpus[0].thread_id > 0 && cpus[1].thread_id > 0 &&
          cpus[0].qom_path && g_str_has_prefix(cpus[0].qom_path, "/machine/"),
          "query-cpus-fast: 2 vCPUs with thread ids (%d, %d)",
          ncpus > 0 ? cpus[0].thread_id : -1, ncpus > 1 ? cpus[1].thread_id : -1);

    check(qemuMonitorGetBlockInfo(q.mon, &blocks, &nblocks) == 0 && nblocks == 1 &&
          g_strcmp0(blocks[0].device, "drive0") == 0 && blocks[0].inserted &&
          g_strcmp0(blocks[0].file, disk) == 0 && g_strcmp0(blocks[0].format, "raw") == 0 &&
          !blocks[0].readonly,
          "query-block: drive0 with its file and format");
    check(qemuMonitorGetBlockStats(q.mon, &stats, &nstats) == 0 && nstats == 1 &&
          g_strcmp0(stats[0].device, "drive0") == 0 && stats[0].wr_bytes == 0,
          "query-blockstats: drive0 with zero writes");

    check(qemuMonitorGetBalloonInfo(q.mon, &kib) == 0 && kib == 64 * 1024,
          "query-balloon: 65536 KiB (%llu)", kib);
    check(qemuMonitorSetBalloon(q.mon, 32 * 1024) == 0, "balloon to 32 MiB accepted");
    check(qemuMonitorSetMemoryStatsPeriod(q.mon, "/machine/peripheral/balloon0", 5) == 0,
          "qom-set guest-stats-polling-interval");
    check(qemuMonitorGetMemoryStats(q.mon, "/machine/peripheral/balloon0", &mstats) == 0 &&
          mstats.last_update == 0 && mstats.free_memory == -1,
          "qom-get guest-stats: nothing from a guest that never ran");
    check(qemuMonitorSetMemoryStatsPeriod(q.mon, "/machine/peripheral/nothing", 5) < 0 &&
          strstr(lastMessage(), "'qom-set'"),
          "qom-set on a missing device fails: %s", lastMessage());

    check(qemuMonitorScreendump(q.mon, NULL, -1, shot) == 0 &&
          g_file_test(shot, G_FILE_TEST_IS_REGULAR),
          "screendump writes a file");
    {
        g_autofree char *head = NULL;
        gsize len = 0;

        check(g_file_get_contents(shot, &head, &len, NULL) && len > 2 &&
              head[0] == 'P' && head[1] == '6', "screendump is a PPM image");
    }

 cleanup:
    qemuMonitorCPUInfoFree(cpus, ncpus);
    qemuMonitorBlockInfoFree(blocks, nblocks);
    qemuMonitorBlockStatsFree(stats, nstats);
    qemuStop(&q);
}

static void
testFds(void)
{
    Qemu q;
    g_autofree char *out = NULL;
    g_autofree char *state = g_strdup_printf("%s/state.mig", tmpdir);
    int pipefd[2] = { -1, -1 };
    int fdset = -1;
    int qfd = -1;
    int statefd = -1;
    guint from = 0;
    char *ev;

    if (!qemuStart(&q, "fds", (const char *const[]) { "-machine", "pc,accel=tcg", "-m", "32", NULL }))
        goto cleanup;

    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        check(false, "pipe");
        goto cleanup;
    }
    check(qemuMonitorSendFd(q.mon, "testfd", pipefd[0]) == 0, "getfd passes a descriptor");
    check(qemuMonitorCloseFd(q.mon, "testfd") == 0, "closefd of the passed descriptor");
    check(qemuMonitorCloseFd(q.mon, "testfd") < 0 && strstr(lastMessage(), "'closefd'"),
          "closefd of an unknown name fails: %s", lastMessage());
    {
        g_autoptr(JsonObject) args = json_object_new();

        json_object_set_string_member(args, "fdname", "nofd");
        check(qemuMonitorCommand(q.mon, "getfd", args, NULL) < 0 &&
              strstr(lastMessage(), "'getfd'"),
              "getfd without a descriptor fails: %s", lastMessage());
    }

    check(qemuMonitorAddFd(q.mon, -1, pipefd[1], "test-opaque", &fdset, &qfd) == 0 &&
          fdset >= 0 && qfd > 2,
          "add-fd makes an fd set (set %d, fd %d)", fdset, qfd);
    {
        g_autoptr(JsonNode) sets = NULL;
        g_autofree char *text = NULL;

        if (qemuMonitorCommand(q.mon, "query-fdsets", NULL, &sets) == 0)
            text = json_to_string(sets, FALSE);
        check(text && strstr(text, "test-opaque"),
              "query-fdsets lists it: %s", text ? text : lastMessage());
    }
    check(qemuMonitorRemoveFd(q.mon, fdset, -1) == 0, "remove-fd");

    /* Save the (paused) machine's state through a passed descriptor. */
    statefd = open(state, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    check(qemuMonitorSetMigrationCapability(q.mon, "events", true) == 0,
          "migration events enabled");
    check(qemuMonitorSetMigrationCapability(q.mon, "no-such-capability", true) < 0 &&
          strstr(lastMessage(), "'migrate-set-capabilities'"),
          "an unknown migration capability: %s", lastMessage());
    check(qemuMonitorSendFd(q.mon, "migfd", statefd) == 0, "getfd of the state file");
    check(qemuMonitorMigrate(q.mon, "fd:migfd") == 0, "migrate to fd:migfd");
    ev = waitEvent(&q.rec, "MIGRATION", "completed", &from);
    check(ev != NULL, "MIGRATION completed event");
    g_free(ev);
    {
        qemuMonitorMigrationStats ms = { 0 };
        struct stat sb;

        check(qemuMonitorGetMigrationStats(q.mon, &ms) == 0 &&
              g_strcmp0(ms.status, "completed") == 0 && ms.ram_total > 0,
              "query-migrate: completed (%s, ram total %lld)", ms.status, ms.ram_total);
        check(stat(state, &sb) == 0 && sb.st_size > 64 * 1024,
              "state file written (%lld bytes)", (long long)sb.st_size);
        qemuMonitorMigrationStatsClear(&ms);
    }

 cleanup:
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (statefd >= 0)
        close(statefd);
    qemuStop(&q);
}

typedef struct {
    qemuMonitor *mon;
    int kind;
    int iterations;
    int ok;
    int rc;                 /* for the pending-command cases */
    int code;
    char *msg;
    gint64 took_us;
} Worker;

/* Each kind sends a different command and checks the reply has that
 * command's shape, so a reply handed to the wrong thread shows. */
static gpointer
concurrentWorker(gpointer opaque)
{
    Worker *w = opaque;

    for (int i = 0; i < w->iterations; i++) {
        g_autoptr(JsonNode) reply = NULL;
        bool good = false;

        switch (w->kind) {
        case 0:
            good = qemuMonitorCommand(w->mon, "query-version", NULL, &reply) == 0 &&
                   JSON_NODE_HOLDS_OBJECT(reply) &&
                   json_object_has_member(json_node_get_object(reply), "qemu");
            break;
        case 1:
            good = qemuMonitorCommand(w->mon, "query-status", NULL, &reply) == 0 &&
                   JSON_NODE_HOLDS_OBJECT(reply) &&
                   json_object_has_member(json_node_get_object(reply), "status");
            break;
        case 2:
            good = qemuMonitorCommand(w->mon, "query-cpus-fast", NULL, &reply) == 0 &&
                   JSON_NODE_HOLDS_ARRAY(reply) &&
                   json_array_get_length(json_node_get_array(reply)) == 1;
            break;
        case 3: {
            g_autofree char *out = NULL;

            good = qemuMonitorHumanCommand(w->mon, "info name", &out) == 0 &&
                   out && strstr(out, "concurrent-vm");
            break;
        }
        }
        if (good)
            w->ok++;
    }
    return NULL;
}

static void
testConcurrent(void)
{
    Qemu q;
    const char *const extra[] = { "-machine", "pc,accel=tcg", "-m", "32",
                                  "-name", "concurrent-vm", NULL };
    Worker workers[4];
    GThread *threads[4];
    int all = 0;

    if (!qemuStart(&q, "concurrent", extra))
        goto cleanup;

    for (int i = 0; i < 4; i++) {
        workers[i] = (Worker) { .mon = q.mon, .kind = i, .iterations = 100 };
        threads[i] = g_thread_new("worker", concurrentWorker, &workers[i]);
    }
    for (int i = 0; i < 4; i++) {
        g_thread_join(threads[i]);
        all += workers[i].ok;
    }
    check(all == 400, "4 threads x 100 commands, each reply to its sender (%d/400)", all);

 cleanup:
    qemuStop(&q);
}

static gpointer
pendingWorker(gpointer opaque)
{
    Worker *w = opaque;
    gint64 start = g_get_monotonic_time();

    w->rc = qemuMonitorCommand(w->mon, "query-status", NULL, NULL);
    w->took_us = g_get_monotonic_time() - start;
    w->code = lastCode();
    w->msg = g_strdup(lastMessage());
    return NULL;
}

/* Commands pending when QEMU dies fail promptly; the hangup is reported once. */
static void
testKilled(void)
{
    Qemu q;
    Worker workers[3];
    GThread *threads[3];
    bool all = true;
    gint64 killed;

    if (!qemuStart(&q, "killed", machineNone))
        goto cleanup;

    /* A stopped QEMU reads nothing: the commands stay pending. */
    kill(q.pid, SIGSTOP);
    for (int i = 0; i < 3; i++) {
        workers[i] = (Worker) { .mon = q.mon };
        threads[i] = g_thread_new("pending", pendingWorker, &workers[i]);
    }
    /* Wait until all three are on the wire (they cannot finish before the kill). */
    check(waitPending(q.mon, 3), "3 commands pending on a stopped QEMU");
    killed = g_get_monotonic_time();
    kill(q.pid, SIGKILL);
    for (int i = 0; i < 3; i++) {
        g_thread_join(threads[i]);
        if (workers[i].rc != -1 || workers[i].code != VIR_ERR_OPERATION_FAILED)
            all = false;
    }
    check(all && g_str_equal(workers[0].msg, "operation failed: End of file from qemu monitor"),
          "3 pending commands fail with OPERATION_FAILED: %s", workers[0].msg);
    check(g_get_monotonic_time() - killed < 5 * G_USEC_PER_SEC,
          "they fail promptly (%lld ms after the kill)",
          (long long)(g_get_monotonic_time() - killed) / 1000);
    check(waitEof(&q.rec), "hangup reported after the kill");
    check(qemuMonitorIsClosed(q.mon), "monitor says closed");
    check(qemuMonitorStopCPUs(q.mon) < 0 && lastCode() == VIR_ERR_OPERATION_FAILED &&
          strstr(lastMessage(), "monitor"),
          "a later command fails at once: %s", lastMessage());
    check(q.rec.eofs == 1 && q.rec.after_eof == 0,
          "hangup callback ran once and was the last (%d)", q.rec.eofs);
    for (int i = 0; i < 3; i++)
        g_free(workers[i].msg);

 cleanup:
    qemuStop(&q);
}

/* The owner closing the monitor fails a pending command, with no callback. */
static void
testCloseWhilePending(void)
{
    Qemu q;
    Worker w;
    GThread *thread;
    int eofs;

    if (!qemuStart(&q, "closepending", machineNone))
        goto cleanup;

    kill(q.pid, SIGSTOP);
    w = (Worker) { .mon = q.mon };
    thread = g_thread_new("pending", pendingWorker, &w);
    check(waitPending(q.mon, 1), "a command pending on a stopped QEMU");
    qemuMonitorClose(q.mon);
    q.mon = NULL;
    g_thread_join(thread);
    check(w.rc == -1 && w.code == VIR_ERR_OPERATION_FAILED,
          "closing fails the pending command: %s", w.msg);
    g_mutex_lock(&q.rec.lock);
    eofs = q.rec.eofs;
    g_mutex_unlock(&q.rec.lock);
    check(eofs == 0, "no hangup callback after the owner closed");
    g_free(w.msg);

 cleanup:
    qemuStop(&q);
}

static void
testOpenFailures(void)
{
    g_autofree char *nowhere = g_strdup_printf("%s/never.qmp", tmpdir);
    g_autofree char *sock = g_strdup_printf("%s/early.qmp", tmpdir);
    g_autofree char *arg = g_strdup_printf("unix:%s,server=on,wait=off", sock);
    const char *const argv[] = { QEMU_BIN, "-no-such-option", "-qmp", arg, NULL };
    qemuMonitor *mon;
    gint64 start;
    pid_t pid = 0;

    start = g_get_monotonic_time();
    mon = qemuMonitorOpen(nowhere, 300, NULL, NULL);
    check(!mon && lastCode() == VIR_ERR_OPERATION_TIMEOUT &&
          g_get_monotonic_time() - start >= 300000 &&
          g_get_monotonic_time() - start < 10 * G_USEC_PER_SEC,
          "a socket that never appears times out: %s", lastMessage());

    /* QEMU that exits at once: the wait ends with it, not at the timeout. */
    if (virCommandSpawn(argv, -1, -1, NULL, 0, 0, &pid) < 0) {
        check(false, "spawn: %s", lastMessage());
        return;
    }
    start = g_get_monotonic_time();
    mon = qemuMonitorOpenFull(sock, pid, TIMEOUT_MS, NULL, NULL);
    check(!mon && lastCode() == VIR_ERR_OPERATION_FAILED &&
          g_get_monotonic_time() - start < 10 * G_USEC_PER_SEC,
          "QEMU exiting early ends the wait: %s", lastMessage());
    virCommandKillPid(pid, 1000);
}

/* ------------------------------------------------------------------ */
/* A scripted QMP peer                                                */

/* The other end of a socketpair, playing QEMU with replies real QEMU
 * never gives: answers out of order, junk lines, replies with unknown ids,
 * replies of the wrong JSON type, a reply split over two writes. */
static void
scriptSend(int fd, const char *text)
{
    g_autofree char *line = g_strconcat(text, "\r\n", NULL);
    size_t len = strlen(line);
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, line + done, len - done);

        if (n <= 0)
            return;
        done += n;
    }
}

static gpointer
scriptPeer(gpointer opaque)
{
    int fd = GPOINTER_TO_INT(opaque);
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autoptr(GPtrArray) echoes = g_ptr_array_new_with_free_func(g_free);
    char chunk[4096];

    scriptSend(fd, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 3, \"minor\": 1, "
                   "\"major\": 8}, \"package\": \"\"}, \"capabilities\": []}}");
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        char *nl;

        if (n <= 0)
            break;
        g_string_append_len(buf, chunk, n);
        while ((nl = strchr(buf->str, '\n'))) {
            g_autofree char *line = g_strndup(buf->str, nl - buf->str);
            g_autoptr(JsonNode) node = json_from_string(line, NULL);
            JsonObject *cmd = node ? json_node_get_object(node) : NULL;
            const char *name = cmd ? json_object_get_string_member(cmd, "execute") : "";
            const char *id = cmd ? json_object_get_string_member(cmd, "id") : "";
            g_autofree char *reply = NULL;

            g_string_erase(buf, 0, nl - buf->str + 1);

            if (g_str_equal(name, "echo")) {
                JsonObject *args = json_object_get_object_member(cmd, "arguments");

                g_ptr_array_add(echoes,
                                g_strdup_printf("{\"return\": {\"tag\": \"%s\"}, \"id\": \"%s\"}",
                                                json_object_get_string_member(args, "tag"), id));
                if (echoes->len < 2)
                    continue;
                scriptSend(fd, "this line is not JSON");
                scriptSend(fd, "[1, 2, 3]");
                scriptSend(fd, "{\"event\": \"SCRIPTED\", \"data\": {\"n\": 1}, "
                               "\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}}");
                scriptSend(fd, "{\"return\": {}, \"id\": \"nobody-asked\"}");
                scriptSend(fd, "{\"return\": {}}");
                /* the later command is answered first */
                scriptSend(fd, echoes->pdata[1]);
                scriptSend(fd, echoes->pdata[0]);
                g_ptr_array_set_size(echoes, 0);
                continue;
            }
            if (g_str_equal(name, "hangup"))
                goto done;
            if (g_str_equal(name, "query-status"))
                reply = g_strdup_printf("{\"return\": [], \"id\": \"%s\"}", id);
            else if (g_str_equal(name, "query-cpus-fast"))
                reply = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}", id);
            else if (g_str_equal(name, "fail-no-desc"))
                reply = g_strdup_printf("{\"error\": {\"class\": \"GenericError\"}, \"id\": \"%s\"}", id);
            else if (g_str_equal(name, "split")) {
                g_autofree char *whole = g_strdup_printf("{\"return\": {\"split\": true}, \"id\": \"%s\"}\r\n", id);
                size_t half = strlen(whole) / 2;

                if (write(fd, whole, half) < 0 ||
                    write(fd, whole + half, strlen(whole) - half) < 0)
                    goto done;
                continue;
            } else
                reply = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}", id);
            scriptSend(fd, reply);
        }
    }
 done:
    close(fd);
    return NULL;
}

typedef struct {
    qemuMonitor *mon;
    const char *tag;
    char *got;
} EchoWorker;

static gpointer
echoWorker(gpointer opaque)
{
    EchoWorker *w = opaque;
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) reply = NULL;

    json_object_set_string_member(args, "tag", w->tag);
    if (qemuMonitorCommand(w->mon, "echo", args, &reply) == 0 && JSON_NODE_HOLDS_OBJECT(reply))
        w->got = g_strdup(json_object_get_string_member(json_node_get_object(reply), "tag"));
    return NULL;
}

static void
testScripted(void)
{
    Recorder rec;
    qemuMonitor *mon = NULL;
    GThread *peer;
    int sv[2];
    bool running;
    guint from = 0;

    recorderInit(&rec);
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        check(false, "socketpair");
        recorderClear(&rec);
        return;
    }
    peer = g_thread_new("qmp-peer", scriptPeer, GINT_TO_POINTER(sv[1]));

    mon = qemuMonitorOpenFd(sv[0], TIMEOUT_MS, recordEvent, &rec);
    check(mon && qemuMonitorGetVersion(mon) == 8001003,
          "greeting read from a scripted peer (%llu)", mon ? qemuMonitorGetVersion(mon) : 0);
    if (!mon)
        goto cleanup;

    {
        EchoWorker a = { .mon = mon, .tag = "first" };
        EchoWorker b = { .mon = mon, .tag = "second" };
        GThread *ta = g_thread_new("echo", echoWorker, &a);
        GThread *tb;

        /* the second command must be on the wire after the first */
        waitPending(mon, 1);
        tb = g_thread_new("echo", echoWorker, &b);
        g_thread_join(ta);
        g_thread_join(tb);
        check(g_strcmp0(a.got, "first") == 0 && g_strcmp0(b.got, "second") == 0,
              "replies out of order reach their senders by id (%s, %s), "
              "past junk lines and replies to unknown ids", a.got, b.got);
        g_free(a.got);
        g_free(b.got);
    }
    {
        char *ev = waitEvent(&rec, "SCRIPTED", "\"n\":1", &from);

        check(ev != NULL, "an event among replies goes to the callback");
        g_free(ev);
    }

    check(qemuMonitorGetStatus(mon, &running, NULL) < 0 &&
          g_str_equal(lastMessage(),
                      "internal error: QEMU command 'query-status' did not return an object"),
          "a reply of the wrong type: %s", lastMessage());
    {
        qemuMonitorCPUInfo *cpus = NULL;
        size_t n = 0;

        check(qemuMonitorGetCPUInfo(mon, &cpus, &n) < 0 && cpus == NULL &&
              strstr(lastMessage(), "'query-cpus-fast' did not return an array"),
              "an object where an array belongs: %s", lastMessage());
    }
    check(qemuMonitorCommand(mon, "fail-no-desc", NULL, NULL) < 0 &&
          g_str_equal(lastMessage(), "internal error: unable to execute QEMU command "
                      "'fail-no-desc': unknown QEMU command error"),
          "an error without a description: %s", lastMessage());
    {
        g_autoptr(JsonNode) reply = NULL;

        check(qemuMonitorCommand(mon, "split", NULL, &reply) == 0 &&
              JSON_NODE_HOLDS_OBJECT(reply) &&
              json_object_get_boolean_member(json_node_get_object(reply), "split"),
              "a reply split over two writes");
    }

    check(qemuMonitorCommand(mon, "hangup", NULL, NULL) < 0 &&
          g_str_equal(lastMessage(), "operation failed: End of file from qemu monitor"),
          "the peer hanging up fails the command: %s", lastMessage());
    check(waitEof(&rec) && rec.eofs == 1, "and the callback hears the hangup once");

 cleanup:
    g_thread_join(peer);
    qemuMonitorClose(mon);
    recorderClear(&rec);
}

/* vircommand: descriptors passed and not passed, exec failures, reaping. */
static void
testCommand(void)
{
    g_autofree char *out = g_strdup_printf("%s/command.out", tmpdir);
    g_autofree char *text = NULL;
    int pipefd[2] = { -1, -1 };
    int high = -1;
    int outfd;
    int status = -1;
    pid_t pid = 0;

    if (pipe2(pipefd, O_CLOEXEC) < 0 || (high = fcntl(pipefd[1], F_DUPFD_CLOEXEC, 40)) < 0) {
        check(false, "pipe");
        goto cleanup;
    }
    outfd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    {
        const char *const argv[] = {
            "/bin/bash", "-c",
            /* the glob's own folder descriptor is gone once it expanded */
            "echo passed >&40; for f in /proc/$$/fd/*; do "
            "[ -e \"$f\" ] && printf '%s ' ${f##*/}; done",
            NULL,
        };
        const int pass[] = { high };

        check(virCommandSpawn(argv, outfd, -1, pass, 1, 0, &pid) == 0, "spawn bash");
    }
    close(outfd);
    close(high);
    high = -1;
    close(pipefd[1]);
    pipefd[1] = -1;
    check(pid > 0 && virCommandWaitPid(pid, TIMEOUT_MS, &status) == 1 &&
          WIFEXITED(status) && WEXITSTATUS(status) == 0, "it exits 0 and is reaped");
    {
        char buf[64] = "";
        ssize_t n = read(pipefd[0], buf, sizeof(buf) - 1);

        check(n > 0 && g_str_equal(g_strstrip(buf), "passed"),
              "the passed descriptor keeps its number in the child");
    }
    check(g_file_get_contents(out, &text, NULL, NULL) &&
          g_str_equal(g_strstrip(text), "0 1 2 40"),
          "the child has stdin, stdout, stderr and the passed descriptor only: %s",
          text ? text : "");

    {
        const char *const argv[] = {
            "/bin/bash", "-c", "read -r l < /proc/$$/stat; set -- ${l##*) }; echo $4", NULL,
        };
        g_autofree char *sid = NULL;

        outfd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        pid = 0;
        if (virCommandSpawn(argv, outfd, -1, NULL, 0, VIR_COMMAND_NEW_SESSION, &pid) == 0)
            virCommandWaitPid(pid, TIMEOUT_MS, NULL);
        close(outfd);
        check(pid > 0 && g_file_get_contents(out, &sid, NULL, NULL) &&
              atoll(sid) == pid, "VIR_COMMAND_NEW_SESSION: the child leads its session (%s)",
              sid ? g_strstrip(sid) : "");
    }
    {
        const char *const argv[] = { "/nonexistent/program", NULL };

        pid = 0;
        check(virCommandSpawn(argv, -1, -1, NULL, 0, 0, &pid) < 0 && pid == 0 &&
              strstr(lastMessage(), "cannot run '/nonexistent/program'") &&
              strstr(lastMessage(), "No such file or directory"),
              "a failed exec is reported by the parent: %s", lastMessage());
    }
    {
        const char *const argv[] = { "sleep", "600", NULL };
        gint64 start = g_get_monotonic_time();

        check(virCommandSpawn(argv, -1, -1, NULL, 0, 0, &pid) == 0 &&
              virCommandWaitPid(pid, 50, NULL) == 0, "a running child: the wait times out");
        virCommandKillPid(pid, 5000);
        check(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD &&
              g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC,
              "virCommandKillPid ends and reaps it at once (SIGTERM)");
    }

 cleanup:
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (high >= 0)
        close(high);
}

typedef struct {
    const char *name;
    void (*fn)(void);
} TestCase;

static const TestCase cases[] = {
    { "basics", testBasics },
    { "stopcont", testStopCont },
    { "powerdown", testPowerdown },
    { "devices", testDevices },
    { "fds", testFds },
    { "concurrent", testConcurrent },
    { "killed", testKilled },
    { "closepending", testCloseWhilePending },
    { "openfail", testOpenFailures },
    { "command", testCommand },
    { "scripted", testScripted },
};

static int
runCases(const char *filter)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (filter && !strstr(cases[i].name, filter))
            continue;
        printf("# %s\n", cases[i].name);
        cases[i].fn();
    }
    return testQemuReport();
}

int
main(int argc, char **argv)
{
    if (access(QEMU_BIN, X_OK) < 0) {
        printf("SKIP: %s is not installed\n", QEMU_BIN);
        return 77;
    }
    return testQemuRunGuarded(&tmpdir, "qemumonitortest", runCases,
                              argc > 1 ? argv[1] : NULL);
}
