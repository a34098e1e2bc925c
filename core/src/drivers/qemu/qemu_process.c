/*
 * qemu_process.c: QEMU processes of domains (see qemu_process.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "qemu_command.h"
#include "qemu_interface.h"
#include "qemu_process.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How long QEMU gets to create its QMP socket, and to go after SIGTERM. */
#define QEMU_PROCESS_MONITOR_TIMEOUT_MS 30000
#define QEMU_PROCESS_KILL_GRACE_MS 10000
/* A safety net for saving or loading a guest's state. */
#define QEMU_PROCESS_MIGRATION_TIMEOUT_MS (10 * 60 * 1000)
/* How long a QEMU that closed its monitor during start gets to exit. */
#define QEMU_PROCESS_EXIT_WAIT_MS 5000

/* ------------------------------------------------------------------ */
/* Monitor events                                                     */

typedef enum {
    QEMU_PROCESS_EVENT_EOF,
    QEMU_PROCESS_EVENT_BALLOON_CHANGE,
    QEMU_PROCESS_EVENT_GUEST_PANICKED,
    QEMU_PROCESS_EVENT_RESET,
    QEMU_PROCESS_EVENT_RESUME,
    QEMU_PROCESS_EVENT_SHUTDOWN,
    QEMU_PROCESS_EVENT_STOP,
} qemuProcessEventKind;

/* The QMP events the driver acts on, sorted by name (bsearch). */
static const struct {
    const char *name;
    qemuProcessEventKind kind;
} qemuProcessEventTable[] = {
    { "BALLOON_CHANGE", QEMU_PROCESS_EVENT_BALLOON_CHANGE },
    { "GUEST_PANICKED", QEMU_PROCESS_EVENT_GUEST_PANICKED },
    { "RESET", QEMU_PROCESS_EVENT_RESET },
    { "RESUME", QEMU_PROCESS_EVENT_RESUME },
    { "SHUTDOWN", QEMU_PROCESS_EVENT_SHUTDOWN },
    { "STOP", QEMU_PROCESS_EVENT_STOP },
};

/* What the monitor callback of one run knows. */
typedef struct {
    qemuDriver *driver;
    qemuDomainObj *obj;             /* a reference */
    unsigned int generation;
} qemuProcessMonitorData;

/* One event on its way to the worker. */
typedef struct {
    qemuProcessEventKind kind;
    qemuDomainObj *obj;             /* a reference */
    unsigned int generation;
    bool guest;                     /* SHUTDOWN: the guest asked */
    char *reason;                   /* SHUTDOWN: QEMU's reason, GUEST_PANICKED:
                                     * its action ("pause" ...), or NULL */
    unsigned long long actual;      /* BALLOON_CHANGE: bytes */
} qemuProcessEvent;

static int
qemuProcessEventCompare(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

static void
qemuProcessEventFree(qemuProcessEvent *ev)
{
    qemuDomainObjUnref(ev->obj);
    g_free(ev->reason);
    g_free(ev);
}

/* MIGRATION events are not queued: a thread waits for them while it
 * holds driver->lock (save, restore), so the reader thread records them
 * here and wakes it. */
static GMutex qemuProcessMigrationLock;
static GCond qemuProcessMigrationCond;

static void
qemuProcessSetMigrationStatus(qemuDomainObj *obj, const char *status)
{
    g_mutex_lock(&qemuProcessMigrationLock);
    g_free(obj->migrationStatus);
    obj->migrationStatus = g_strdup(status);
    g_cond_broadcast(&qemuProcessMigrationCond);
    g_mutex_unlock(&qemuProcessMigrationLock);
}

void
qemuProcessResetMigration(qemuDomainObj *obj)
{
    qemuProcessSetMigrationStatus(obj, NULL);
}

int
qemuProcessWaitMigration(qemuDriver *driver,
                         qemuDomainObj *obj,
                         const char *what,
                         int timeout_ms)
{
    return qemuProcessWaitMigrationStatus(driver, obj, what, "completed", timeout_ms);
}

int
qemuProcessWaitMigrationStatus(qemuDriver *driver,
                               qemuDomainObj *obj,
                               const char *what,
                               const char *want,
                               int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    g_autofree char *status = NULL;

    qemuDomainObjReleaseLock(driver, obj);
    g_mutex_lock(&qemuProcessMigrationLock);
    for (;;) {
        const char *st = obj->migrationStatus;
        if (st && (strcmp(st, want) == 0 || strcmp(st, "failed") == 0 ||
                   strcmp(st, "cancelled") == 0 || strcmp(st, "closed") == 0))
            break;
        if (!g_cond_wait_until(&qemuProcessMigrationCond,
                               &qemuProcessMigrationLock, deadline))
            break;
    }
    status = g_strdup(obj->migrationStatus);
    g_mutex_unlock(&qemuProcessMigrationLock);
    qemuDomainObjReacquireLock(driver, obj);

    if (g_strcmp0(status, want) == 0)
        return 0;
    if (!status || (strcmp(status, "failed") != 0 && strcmp(status, "cancelled") != 0 &&
                    strcmp(status, "closed") != 0)) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("%s job did not finish within %d ms"), what, timeout_ms);
        return -1;
    }
    if (strcmp(status, "closed") == 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("%s job: QEMU quit during the job"), what);
        return -1;
    }
    virReportError(VIR_ERR_OPERATION_FAILED,
                   _("%s job: unexpectedly %s"), what, status);
    return -1;
}

static void
qemuProcessAddDeletedDevice(qemuDomainObj *obj, const char *alias)
{
    g_mutex_lock(&qemuProcessMigrationLock);
    if (!obj->deletedDevices)
        obj->deletedDevices = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(obj->deletedDevices, g_strdup(alias));
    g_cond_broadcast(&qemuProcessMigrationCond);
    g_mutex_unlock(&qemuProcessMigrationLock);
}

static bool
qemuProcessTakeDeletedDevice(qemuDomainObj *obj, const char *alias)
{
    guint i;

    for (i = 0; obj->deletedDevices && i < obj->deletedDevices->len; i++) {
        if (strcmp(g_ptr_array_index(obj->deletedDevices, i), alias) == 0) {
            g_ptr_array_remove_index(obj->deletedDevices, i);
            return true;
        }
    }
    return false;
}

int
qemuProcessWaitDeviceDeleted(qemuDriver *driver,
                             qemuDomainObj *obj,
                             const char *alias,
                             int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    bool deleted;
    bool closed = false;

    qemuDomainObjReleaseLock(driver, obj);
    g_mutex_lock(&qemuProcessMigrationLock);
    while (!(deleted = qemuProcessTakeDeletedDevice(obj, alias)) &&
           !(closed = g_strcmp0(obj->migrationStatus, "closed") == 0)) {
        if (!g_cond_wait_until(&qemuProcessMigrationCond,
                               &qemuProcessMigrationLock, deadline))
            break;
    }
    g_mutex_unlock(&qemuProcessMigrationLock);
    qemuDomainObjReacquireLock(driver, obj);
    if (deleted)
        return 0;
    if (closed) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU quit before releasing device '%s'"), alias);
        return -1;
    }
    virReportError(VIR_ERR_OPERATION_TIMEOUT,
                   _("the guest did not release device '%s' within %d ms"),
                   alias, timeout_ms);
    return -1;
}

/* Run COMMAND, then wait (driver->lock released) until the job JOBID
 * reaches STATUS (or, when STATUS is not "concluded", concludes early:
 * *RET_CONCLUDED).  0, or -1 reported. */
static int
qemuProcessWaitJob(qemuDriver *driver,
                   qemuDomainObj *obj,
                   const char *command,
                   JsonObject *args,
                   const char *jobid,
                   const char *status,
                   int timeout_ms,
                   bool *ret_concluded)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    g_autofree char *want = g_strdup_printf("%s:%s", jobid, status);
    g_autofree char *done = g_strdup_printf("%s:concluded", jobid);
    bool reached = false;
    bool closed = false;

    *ret_concluded = false;
    g_mutex_lock(&qemuProcessMigrationLock);
    g_clear_pointer(&obj->jobStatus, g_free);
    g_mutex_unlock(&qemuProcessMigrationLock);

    if (qemuMonitorCommand(obj->mon, command, args, NULL) < 0)
        return -1;

    qemuDomainObjReleaseLock(driver, obj);
    g_mutex_lock(&qemuProcessMigrationLock);
    while (!(reached = g_strcmp0(obj->jobStatus, want) == 0) &&
           !(*ret_concluded = g_strcmp0(obj->jobStatus, done) == 0) &&
           !(closed = g_strcmp0(obj->migrationStatus, "closed") == 0)) {
        if (!g_cond_wait_until(&qemuProcessMigrationCond,
                               &qemuProcessMigrationLock, deadline))
            break;
    }
    g_mutex_unlock(&qemuProcessMigrationLock);
    qemuDomainObjReacquireLock(driver, obj);
    if (reached)
        *ret_concluded = strcmp(status, "concluded") == 0;
    if (reached || *ret_concluded)
        return 0;
    if (closed)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU quit during its '%s' job"), command);
    else
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("the '%s' job did not finish within %d ms"), command, timeout_ms);
    return -1;
}

/* The concluded job JOBID of COMMAND: its error from query-jobs (reported,
 * -1), then dismissed. */
static int
qemuProcessConcludedJob(qemuDomainObj *obj, const char *command, const char *jobid)
{
    g_autoptr(JsonNode) jobs = NULL;
    g_autoptr(JsonObject) dismiss = json_object_new();
    g_autofree char *error = NULL;
    JsonArray *arr;
    guint i;

    /* a concluded job tells its error in query-jobs, then goes */
    if (qemuMonitorCommand(obj->mon, "query-jobs", NULL, &jobs) == 0 &&
        JSON_NODE_HOLDS_ARRAY(jobs)) {
        arr = json_node_get_array(jobs);
        for (i = 0; i < json_array_get_length(arr); i++) {
            JsonObject *o = json_array_get_object_element(arr, i);
            if (o && json_object_has_member(o, "id") &&
                g_strcmp0(json_object_get_string_member(o, "id"), jobid) == 0 &&
                json_object_has_member(o, "error"))
                error = g_strdup(json_object_get_string_member(o, "error"));
        }
    }
    virResetLastError();
    json_object_set_string_member(dismiss, "id", jobid);
    if (qemuMonitorCommand(obj->mon, "job-dismiss", dismiss, NULL) < 0)
        virResetLastError();
    if (error) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU's '%s' job failed: %s"), command, error);
        return -1;
    }
    return 0;
}

int
qemuProcessStartJob(qemuDriver *driver,
                    qemuDomainObj *obj,
                    const char *command,
                    JsonObject *args,
                    const char *jobid,
                    const char *status,
                    int timeout_ms)
{
    bool concluded;

    if (qemuProcessWaitJob(driver, obj, command, args, jobid, status, timeout_ms, &concluded) < 0)
        return -1;
    if (concluded && qemuProcessConcludedJob(obj, command, jobid) == 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("QEMU's '%s' job ended before it was %s"), command, status);
        return -1;
    }
    return concluded ? -1 : 0;
}

int
qemuProcessRunJob(qemuDriver *driver,
                  qemuDomainObj *obj,
                  const char *command,
                  JsonObject *args,
                  const char *jobid,
                  int timeout_ms)
{
    bool concluded = false;

    if (qemuProcessWaitJob(driver, obj, command, args, jobid, "ready", timeout_ms,
                           &concluded) < 0)
        return -1;
    if (!concluded) {
        /* a job that waits to be told to finish (an active block-commit) */
        g_autoptr(JsonObject) id = json_object_new();

        json_object_set_string_member(id, "id", jobid);
        if (qemuProcessWaitJob(driver, obj, "job-complete", id, jobid, "concluded",
                               timeout_ms, &concluded) < 0)
            return -1;
    }
    return qemuProcessConcludedJob(obj, command, jobid);
}

void
qemuProcessForgetDeletedDevice(qemuDomainObj *obj, const char *alias)
{
    g_mutex_lock(&qemuProcessMigrationLock);
    while (qemuProcessTakeDeletedDevice(obj, alias))
        ;
    g_mutex_unlock(&qemuProcessMigrationLock);
}

/* The reader thread: copy what matters, hand it to the worker. */
static void
qemuProcessMonitorEvent(qemuMonitor *mon G_GNUC_UNUSED,
                        const char *event,
                        JsonObject *data,
                        long long timestamp_us G_GNUC_UNUSED,
                        void *opaque)
{
    qemuProcessMonitorData *md = opaque;
    qemuProcessEvent *ev;
    qemuProcessEventKind kind = QEMU_PROCESS_EVENT_EOF;

    if (!event) {
        qemuProcessSetMigrationStatus(md->obj, "closed");
    } else if (strcmp(event, "JOB_STATUS_CHANGE") == 0) {
        if (data && json_object_has_member(data, "id") && json_object_has_member(data, "status")) {
            g_autofree char *st = g_strdup_printf("%s:%s",
                                                  json_object_get_string_member(data, "id"),
                                                  json_object_get_string_member(data, "status"));
            g_mutex_lock(&qemuProcessMigrationLock);
            g_free(md->obj->jobStatus);
            md->obj->jobStatus = g_steal_pointer(&st);
            g_cond_broadcast(&qemuProcessMigrationCond);
            g_mutex_unlock(&qemuProcessMigrationLock);
        }
        return;
    } else if (strcmp(event, "DEVICE_DELETED") == 0) {
        if (data && json_object_has_member(data, "device"))
            qemuProcessAddDeletedDevice(md->obj, json_object_get_string_member(data, "device"));
        return;
    } else if (strcmp(event, "MIGRATION") == 0) {
        const char *status = NULL;
        if (data && json_object_has_member(data, "status"))
            status = json_object_get_string_member(data, "status");
        qemuProcessSetMigrationStatus(md->obj, status);
        return;
    }

    if (event) {
        const void *found = bsearch(event, qemuProcessEventTable,
                                    G_N_ELEMENTS(qemuProcessEventTable),
                                    sizeof(qemuProcessEventTable[0]),
                                    qemuProcessEventCompare);
        if (!found) {
            /* (obj->def may change under driver->lock: not read here) */
            VIR_DEBUG("QMP event %s not handled", event);
            return;
        }
        kind = ((const typeof(qemuProcessEventTable[0]) *)found)->kind;
    }

    ev = g_new0(qemuProcessEvent, 1);
    ev->kind = kind;
    ev->obj = qemuDomainObjRef(md->obj);
    ev->generation = md->generation;
    if (kind == QEMU_PROCESS_EVENT_SHUTDOWN && data) {
        if (json_object_has_member(data, "guest"))
            ev->guest = json_object_get_boolean_member(data, "guest");
        if (json_object_has_member(data, "reason"))
            ev->reason = g_strdup(json_object_get_string_member(data, "reason"));
    }
    if (kind == QEMU_PROCESS_EVENT_GUEST_PANICKED && data &&
        json_object_has_member(data, "action"))
        ev->reason = g_strdup(json_object_get_string_member(data, "action"));
    if (kind == QEMU_PROCESS_EVENT_BALLOON_CHANGE && data &&
        json_object_has_member(data, "actual"))
        ev->actual = json_object_get_int_member(data, "actual");
    g_thread_pool_push(md->driver->workers, ev, NULL);
}

static void
qemuProcessSetState(qemuDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}

static void
qemuProcessEmit(qemuDriver *driver, qemuDomainObj *obj, int event, int detail)
{
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, event, detail);
}

/* Reset the guest and let it run again (fake reboot, on_*=restart); its
 * state becomes running with REASON (virDomainRunningReason). */
static void
qemuProcessRestartGuest(qemuDriver *driver, qemuDomainObj *obj, int reason)
{
    obj->fakeReboot = false;
    obj->gotShutdown = false;
    obj->expectResume++;
    if (qemuMonitorSystemReset(obj->mon) < 0 ||
        qemuMonitorStartCPUs(obj->mon) < 0) {
        VIR_WARN("domain %s: could not restart the guest: %s", obj->def->name,
                 virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    qemuProcessSetState(obj, VIR_DOMAIN_RUNNING, reason);
    qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_RESUMED,
                    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
}

static void
qemuProcessHandleShutdown(qemuDriver *driver, qemuDomainObj *obj,
                          const qemuProcessEvent *ev)
{
    int detail = VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED;
    int action;

    /* QEMU quitting on our SIGTERM says SHUTDOWN again: the first counts */
    if (obj->gotShutdown || obj->beingDestroyed)
        return;
    obj->gotShutdown = true;
    /* with -no-shutdown QEMU stops the vCPUs right after this event */
    obj->expectStop++;
    if (ev->reason)
        detail = ev->guest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST : VIR_DOMAIN_EVENT_SHUTDOWN_HOST;
    qemuProcessSetState(obj, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_UNKNOWN);
    qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_SHUTDOWN, detail);

    /* -action reboot=shutdown turns a reboot into this event */
    action = g_strcmp0(ev->reason, "guest-reset") == 0 ? obj->def->onReboot
                                                        : obj->def->onPoweroff;
    if (obj->fakeReboot ||
        action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART ||
        action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME) {
        qemuProcessRestartGuest(driver, obj, VIR_DOMAIN_RUNNING_BOOTED);
    } else if (action == VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE) {
        qemuProcessSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SHUTTING_DOWN);
    } else {
        /* the end comes as the monitor's EOF once QEMU has quit */
        if (obj->pid > 0)
            kill(obj->pid, SIGTERM);
    }
    qemuDomainStatusSave(driver, obj);
}

/* on_crash=coredump-destroy/-restart: write the crashed guest's memory
 * as an ELF core (dump-guest-memory, no paging) to
 * ROOT/lib/qemu/dump/ID-NAME-YYYY-MM-DD-HH:MM:SS (libvirt's auto_dump_path
 * under an embed root, and its names for automatic dumps).  The file is created here (0600) and handed to
 * QEMU as a file descriptor.  driver->lock is let go while QEMU writes
 * (the domain is busy meanwhile).  Returns false when the domain stopped
 * or restarted during the dump; a failed dump is only logged, and the
 * crash action goes on, as in libvirt. */
static bool
qemuProcessAutoDump(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *dir = g_build_filename(driver->root, "lib", "qemu", "dump", NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
    g_autofree char *path = g_strdup_printf("%s/%d-%s-%s", dir, obj->def->id,
                                            obj->def->name, stamp);
    g_autoptr(JsonObject) getfd = json_object_new();
    g_autoptr(JsonObject) dump = json_object_new();
    unsigned int generation = obj->generation;
    qemuMonitor *mon = obj->mon;
    int fd = -1;
    int rc = -1;

    if (g_mkdir_with_parents(dir, 0755) < 0) {
        virReportSystemError(errno, _("cannot create the dump folder %s"), dir);
        goto cleanup;
    }
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("cannot create the core dump %s"), path);
        goto cleanup;
    }
    json_object_set_string_member(getfd, "fdname", "autodump");
    json_object_set_boolean_member(dump, "paging", FALSE);
    json_object_set_string_member(dump, "protocol", "fd:autodump");

    qemuDomainObjReleaseLock(driver, obj);
    if (qemuMonitorCommandWithFd(mon, "getfd", getfd, fd, NULL) == 0)
        rc = qemuMonitorCommand(mon, "dump-guest-memory", dump, NULL);
    qemuDomainObjReacquireLock(driver, obj);

 cleanup:
    if (fd >= 0)
        close(fd);
    if (rc < 0) {
        VIR_WARN("domain %s: the automatic core dump failed: %s",
                 obj->def->name, virGetLastErrorMessage());
        virResetLastError();
        if (fd >= 0)
            unlink(path);
    }
    return generation == obj->generation && qemuDomainObjIsActive(obj);
}

static void
qemuProcessHandlePanic(qemuDriver *driver, qemuDomainObj *obj,
                       const qemuProcessEvent *ev)
{
    int id = obj->def->id;

    /* with -no-shutdown QEMU pauses a panicked guest: its STOP follows */
    if (g_strcmp0(ev->reason, "pause") == 0)
        obj->expectStop++;
    qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_CRASHED,
                    VIR_DOMAIN_EVENT_CRASHED_PANICKED);
    if ((obj->def->onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
         obj->def->onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) &&
        !qemuProcessAutoDump(driver, obj))
        return;
    switch (obj->def->onCrash) {
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART:
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME:
    case VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART:
        qemuProcessRestartGuest(driver, obj, VIR_DOMAIN_RUNNING_CRASHED);
        break;
    case VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE:
        qemuProcessSetState(obj, VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED);
        break;
    default:
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_CRASHED);
        qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_CRASHED);
        return;
    }
    qemuDomainStatusSave(driver, obj);
}

static void
qemuProcessWorker(gpointer data, gpointer user_data)
{
    qemuProcessEvent *ev = data;
    qemuDriver *driver = user_data;
    qemuDomainObj *obj = ev->obj;
    int id;

    g_mutex_lock(&driver->lock);
    if (!qemuDomainObjWaitIdle(driver, obj) ||
        ev->generation != obj->generation || !qemuDomainObjIsActive(obj))
        goto cleanup;

    switch (ev->kind) {
    case QEMU_PROCESS_EVENT_EOF:
        id = obj->def->id;
        if (obj->gotShutdown) {
            qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
            qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
        } else {
            qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_CRASHED);
            qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_FAILED);
        }
        break;
    case QEMU_PROCESS_EVENT_SHUTDOWN:
        qemuProcessHandleShutdown(driver, obj, ev);
        break;
    case QEMU_PROCESS_EVENT_STOP:
        if (obj->expectStop > 0) {
            obj->expectStop--;
            break;
        }
        if (obj->state == VIR_DOMAIN_RUNNING) {
            qemuProcessSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
            qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
            qemuDomainStatusSave(driver, obj);
        }
        break;
    case QEMU_PROCESS_EVENT_RESUME:
        if (obj->expectResume > 0) {
            obj->expectResume--;
            break;
        }
        if (obj->state == VIR_DOMAIN_PAUSED) {
            qemuProcessSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
            qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_RESUMED,
                            VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
            qemuDomainStatusSave(driver, obj);
        }
        break;
    case QEMU_PROCESS_EVENT_RESET:
        qemuEventEmitReboot(driver->events, obj->def->name, obj->def->uuid,
                            obj->def->id);
        break;
    case QEMU_PROCESS_EVENT_GUEST_PANICKED:
        qemuProcessHandlePanic(driver, obj, ev);
        break;
    case QEMU_PROCESS_EVENT_BALLOON_CHANGE:
        obj->def->currentMemory = ev->actual / 1024;
        qemuEventEmitBalloonChange(driver->events, obj->def->name, obj->def->uuid,
                                   obj->def->id, ev->actual / 1024);
        break;
    }
    virResetLastError();

 cleanup:
    g_mutex_unlock(&driver->lock);
    qemuProcessEventFree(ev);
}

GThreadPool *
qemuProcessWorkersNew(qemuDriver *driver)
{
    size_t i;

    /* the lookup is a bsearch: the table must stay sorted */
    for (i = 1; i < G_N_ELEMENTS(qemuProcessEventTable); i++)
        g_assert(strcmp(qemuProcessEventTable[i - 1].name,
                        qemuProcessEventTable[i].name) < 0);

    /* one thread: events of a domain are applied in QEMU's order */
    return g_thread_pool_new(qemuProcessWorker, driver, 1, FALSE, NULL);
}

/* ------------------------------------------------------------------ */
/* The log                                                            */

static char *
qemuProcessTimestamp(void)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *base = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

    return g_strdup_printf("%s.%03d+0000", base,
                           g_date_time_get_microsecond(now) / 1000);
}

static bool
qemuProcessArgIsPlain(const char *arg)
{
    const char *p;

    if (!*arg)
        return false;
    for (p = arg; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("_-./:=,+%@", *p))
            return false;
    }
    return true;
}

static void
qemuProcessAppendQuoted(GString *buf, const char *arg)
{
    const char *p;

    if (qemuProcessArgIsPlain(arg)) {
        g_string_append(buf, arg);
        return;
    }
    g_string_append_c(buf, '\'');
    for (p = arg; *p; p++) {
        if (*p == '\'')
            g_string_append(buf, "'\\''");
        else
            g_string_append_c(buf, *p);
    }
    g_string_append_c(buf, '\'');
}

/* ARGV as libvirt logs a command: one option per line with its value,
 * shell-quoted where needed, lines joined by " \". */
static char *
qemuProcessFormatArgv(char **argv)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    size_t i;

    for (i = 0; argv[i]; i++) {
        if (i > 0)
            g_string_append(buf, " \\\n");
        qemuProcessAppendQuoted(buf, argv[i]);
        if (i > 0 && argv[i][0] == '-' && argv[i + 1] && argv[i + 1][0] != '-') {
            g_string_append_c(buf, ' ');
            qemuProcessAppendQuoted(buf, argv[++i]);
        }
    }
    g_string_append_c(buf, '\n');
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static void
qemuProcessLogAppend(qemuDriver *driver, const char *name, const char *text)
{
    g_autofree char *path = qemuDomainLogPath(driver, name);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

    if (fd < 0)
        return;
    if (write(fd, text, strlen(text)) < 0)
        VIR_WARN("cannot write the log %s: %s", path, g_strerror(errno));
    close(fd);
}

static const char *
qemuProcessShutoffReasonString(int reason)
{
    static const char *const names[] = {
        "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
        "failed", "from-snapshot", "daemon",
    };

    if (reason >= 0 && reason < (int)G_N_ELEMENTS(names))
        return names[reason];
    return "unknown";
}

/* What QEMU wrote to the log after OFFSET, for error messages. */
static char *
qemuProcessLogTail(const char *path, off_t offset)
{
    g_autofree char *text = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &text, &len, NULL) || (gsize)offset >= len)
        return g_strdup("");
    return g_strstrip(g_strdup(text + offset));
}

/* ------------------------------------------------------------------ */
/* Start                                                              */

/* The pty paths QEMU picked for the serial ports and consoles. */
static int
qemuProcessReadPtys(qemuDomainObj *obj)
{
    g_autoptr(JsonNode) reply = NULL;
    virDomainDef *def = obj->def;
    JsonArray *arr;
    guint i;
    size_t j;

    if (qemuMonitorCommand(obj->mon, "query-chardev", NULL, &reply) < 0)
        return -1;
    if (!JSON_NODE_HOLDS_ARRAY(reply)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("query-chardev reply was not an array"));
        return -1;
    }
    arr = json_node_get_array(reply);
    for (i = 0; i < json_array_get_length(arr); i++) {
        JsonObject *o = json_array_get_object_element(arr, i);
        const char *label;
        const char *filename;

        if (!o || !json_object_has_member(o, "label") ||
            !json_object_has_member(o, "filename"))
            continue;
        label = json_object_get_string_member(o, "label");
        filename = json_object_get_string_member(o, "filename");
        if (!label || !filename || !g_str_has_prefix(filename, "pty:") ||
            !g_str_has_prefix(label, "char"))
            continue;
        for (j = 0; j < def->nserials; j++) {
            virDomainChrDef *chr = def->serials[j];
            if (chr->source.type == VIR_DOMAIN_CHR_TYPE_PTY &&
                g_strcmp0(chr->info.alias, label + 4) == 0) {
                g_free(chr->source.path);
                chr->source.path = g_strdup(filename + 4);
                if (!obj->consolePty)
                    obj->consolePty = g_strdup(filename + 4);
            }
        }
    }
    /* a <console> on the first serial port shares its pty */
    for (j = 0; j < def->nconsoles; j++) {
        virDomainChrDef *chr = def->consoles[j];
        if (chr->source.type == VIR_DOMAIN_CHR_TYPE_PTY && !chr->source.path &&
            def->nserials > 0 && def->serials[0]->source.path) {
            chr->source.path = g_strdup(def->serials[0]->source.path);
            g_free(chr->info.alias);
            chr->info.alias = g_strdup(def->serials[0]->info.alias);
        }
    }
    return 0;
}

/* Load the migration stream on INCOMINGFD into the paused QEMU of OBJ. */
static int
qemuProcessLoadState(qemuDriver *driver, qemuDomainObj *obj, int incomingFd)
{
    g_autoptr(JsonObject) args = json_object_new();

    qemuProcessResetMigration(obj);
    if (qemuMonitorSetMigrationCapability(obj->mon, "events", true) < 0 ||
        qemuMonitorSendFd(obj->mon, "restore", incomingFd) < 0)
        return -1;
    json_object_set_string_member(args, "uri", "fd:restore");
    if (qemuMonitorCommand(obj->mon, "migrate-incoming", args, NULL) < 0)
        return -1;
    return qemuProcessWaitMigration(driver, obj, "restore", QEMU_PROCESS_MIGRATION_TIMEOUT_MS);
}

static int
qemuProcessStartFull(qemuDriver *driver,
                     qemuDomainObj *obj,
                     unsigned int flags,
                     int incomingFd);

int
qemuProcessStart(qemuDriver *driver,
                 qemuDomainObj *obj,
                 unsigned int flags)
{
    return qemuProcessStartFull(driver, obj, flags, -1);
}

int
qemuProcessStartRestore(qemuDriver *driver,
                        qemuDomainObj *obj,
                        unsigned int flags,
                        int incomingFd)
{
    return qemuProcessStartFull(driver, obj, flags, incomingFd);
}

/* Disks <source pool= volume=>: the volume's path (kept out of the XML)
 * and, unless the disk names one, its format, from the storage driver. */
static int
qemuProcessTranslateVolumes(qemuDriver *driver, virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        g_autofree char *path = NULL;
        g_autofree char *format = NULL;

        if (disk->type != VIR_STORAGE_TYPE_VOLUME || !disk->srcPool || !disk->srcVolume)
            continue;
        if (virStorageTranslateVolume(driver, disk->srcPool, disk->srcVolume,
                                      &path, &format) < 0)
            return -1;
        g_free(disk->src);
        disk->src = g_steal_pointer(&path);
        if (!disk->driverFormat)
            disk->driverFormat = g_steal_pointer(&format);
    }
    return 0;
}

static int
qemuProcessStartFull(qemuDriver *driver,
                     qemuDomainObj *obj,
                     unsigned int flags,
                     int incomingFd)
{
    g_autofree char *monitorPath = NULL;
    g_autofree char *pidfile = NULL;
    g_autofree char *logPath = NULL;
    g_autofree char *stamp = NULL;
    g_autofree char *argvText = NULL;
    g_autofree char *header = NULL;
    g_auto(GStrv) argv = NULL;
    qemuCommandContext ctx = { 0 };
    qemuCommandNetTap *taps = NULL;
    g_autofree int *passfds = NULL;
    size_t npass = 0;
    size_t ntaps = 0;
    size_t i;
    qemuProcessMonitorData *md;
    qemuMonitor *mon;
    struct utsname uts;
    off_t logStart;
    pid_t pid;
    int logfd = -1;

    if (obj->persistent && !obj->newDef) {
        virDomainDef *live = virDomainDefCopy(obj->def);
        if (!live)
            return -1;
        obj->newDef = obj->def;
        obj->def = live;
    }
    obj->beingDestroyed = false;
    obj->gotShutdown = false;
    obj->fakeReboot = false;
    obj->updated = false;
    obj->expectStop = 0;
    obj->expectResume = 0;

    if (qemuDomainDefAddDefaults(obj->def, &driver->defaultsInfo) < 0 ||
        qemuProcessTranslateVolumes(driver, obj->def) < 0)
        goto error;
    qemuDomainAssignAliases(obj->def);
    obj->def->id = driver->nextDomID++;
    qemuProcessSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_STARTING_UP);

    if (qemuMakeDir(driver->stateDir) < 0 || qemuMakeDir(driver->logDir) < 0)
        goto error;
    monitorPath = qemuDomainMonitorPath(driver, obj->def->name);
    pidfile = qemuDomainPidfilePath(driver, obj->def->name);
    logPath = qemuDomainLogPath(driver, obj->def->name);
    unlink(monitorPath);
    unlink(pidfile);

    /* the taps QEMU inherits; their names go into the live definition */
    if (qemuInterfaceOpenTaps(obj->def, &taps) < 0)
        goto error;
    ntaps = obj->def->nnets;
    passfds = g_new0(int, ntaps + 1);
    for (i = 0; i < ntaps; i++) {
        if (taps[i].fd >= 0)
            passfds[npass++] = taps[i].fd;
    }

    ctx.monitorPath = monitorPath;
    ctx.pidfile = pidfile;
    ctx.taps = taps;
    ctx.ntaps = ntaps;
    ctx.vncPort = -1;
    ctx.vncWebsocketPort = -1;
    ctx.defaults = &driver->defaultsInfo;
    ctx.kvmUsable = qemuCapsKVMUsable(driver->caps);
    if (!(argv = qemuBuildCommandLine(obj->def, &ctx)))
        goto error;
    if (incomingFd >= 0 || (flags & QEMU_PROCESS_START_INCOMING)) {
        /* the state comes over QMP (migrate-incoming) once we are attached */
        guint n = g_strv_length(argv);
        argv = g_renew(char *, argv, n + 3);
        argv[n] = g_strdup("-incoming");
        argv[n + 1] = g_strdup("defer");
        argv[n + 2] = NULL;
    }

    if ((logfd = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("failed to create logfile %s"), logPath);
        goto error;
    }
    if (uname(&uts) < 0)
        memset(&uts, 0, sizeof(uts));
    stamp = qemuProcessTimestamp();
    argvText = qemuProcessFormatArgv(argv);
    header = g_strdup_printf("%s: starting up virtkit (libvirt API 9.0.0), "
                             "qemu version: %llu.%llu.%llu%s, kernel: %s, hostname: %s\n%s",
                             stamp,
                             qemuCapsGetVersion(driver->caps) / 1000000,
                             (qemuCapsGetVersion(driver->caps) / 1000) % 1000,
                             qemuCapsGetVersion(driver->caps) % 1000,
                             qemuCapsGetPackage(driver->caps),
                             uts.release, g_get_host_name(), argvText);
    if (write(logfd, header, strlen(header)) < 0) {
        virReportSystemError(errno, _("cannot write logfile %s"), logPath);
        goto error;
    }
    logStart = lseek(logfd, 0, SEEK_END);

    VIR_DEBUG("starting domain %s: %s", obj->def->name, argvText);
    if (virCommandSpawn((const char *const *)argv, logfd, logfd, passfds, npass,
                        VIR_COMMAND_NEW_SESSION, &pid) < 0)
        goto error;
    close(logfd);
    logfd = -1;
    /* QEMU holds the taps now: they live as long as it does */
    qemuInterfaceCloseTaps(g_steal_pointer(&taps), ntaps);
    obj->pid = pid;
    obj->generation++;

    md = g_new0(qemuProcessMonitorData, 1);
    md->driver = driver;
    md->obj = qemuDomainObjRef(obj);
    md->generation = obj->generation;
    obj->monitorData = md;

    /* QEMU takes a while to create its socket: others may go on */
    qemuDomainObjReleaseLock(driver, obj);
    mon = qemuMonitorOpenFull(monitorPath, pid, QEMU_PROCESS_MONITOR_TIMEOUT_MS,
                              qemuProcessMonitorEvent, md);
    qemuDomainObjReacquireLock(driver, obj);
    if (!(obj->mon = mon)) {
        int status;
        /* QEMU failing early closes the socket a moment before it exits:
         * give it that moment, then tell what it said */
        if (virCommandWaitPid(pid, QEMU_PROCESS_EXIT_WAIT_MS, &status) == 1) {
            g_autofree char *tail = qemuProcessLogTail(logPath, logStart);
            obj->pid = -1;
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("process exited while connecting to monitor: %s"),
                           tail);
        }
        goto error;
    }

    if (qemuProcessReadPtys(obj) < 0)
        goto error;
    if (incomingFd >= 0 && qemuProcessLoadState(driver, obj, incomingFd) < 0)
        goto error;
    if (flags & QEMU_PROCESS_START_INCOMING) {
        qemuProcessSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_MIGRATION);
        if (qemuDomainStatusSave(driver, obj) < 0)
            goto error;
        qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_MIGRATED);
        return 0;
    }

    if (!(flags & QEMU_PROCESS_START_PAUSED)) {
        obj->expectResume++;
        if (qemuMonitorStartCPUs(obj->mon) < 0)
            goto error;
        qemuProcessSetState(obj, VIR_DOMAIN_RUNNING,
                            incomingFd >= 0 ? VIR_DOMAIN_RUNNING_RESTORED
                                            : VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        qemuProcessSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    }
    if (qemuDomainStatusSave(driver, obj) < 0)
        goto error;

    qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                    incomingFd >= 0 ? VIR_DOMAIN_EVENT_STARTED_RESTORED
                                    : VIR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & QEMU_PROCESS_START_PAUSED)
        qemuProcessEmit(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                        incomingFd >= 0 ? VIR_DOMAIN_EVENT_SUSPENDED_RESTORED
                                        : VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;

 error:
    if (logfd >= 0)
        close(logfd);
    qemuInterfaceCloseTaps(taps, ntaps);
    {
        /* keep the error of the failure, not of the cleanup */
        virErrorPtr saved = virSaveLastError();
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        if (saved) {
            virSetError(saved);
            virFreeError(saved);
        }
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Stop                                                               */

/* End PID, a QEMU that is not our child (another process started it and
 * went away): SIGTERM, up to GRACE_MS watching a pidfd, then SIGKILL.
 * Its parent now (init or a subreaper) reaps it. */
static void
qemuProcessKillForeign(pid_t pid, int grace_ms)
{
    int pidfd = syscall(SYS_pidfd_open, pid, 0);
    struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

    if (pidfd < 0) {
        if (errno != ESRCH)
            kill(pid, SIGKILL);
        return;
    }
    kill(pid, SIGTERM);
    if (poll(&pfd, 1, grace_ms) == 0) {
        kill(pid, SIGKILL);
        poll(&pfd, 1, grace_ms);
    }
    close(pidfd);
}

void
qemuProcessStop(qemuDriver *driver,
                qemuDomainObj *obj,
                int reason)
{
    g_autofree char *monitorPath = qemuDomainMonitorPath(driver, obj->def->name);
    g_autofree char *pidfile = qemuDomainPidfilePath(driver, obj->def->name);
    qemuProcessMonitorData *md = obj->monitorData;

    /* monitor events still queued for this run are dropped */
    obj->generation++;
    if (obj->mon) {
        qemuMonitorClose(obj->mon);
        obj->mon = NULL;
    }
    if (md) {
        qemuDomainObjUnref(md->obj);
        g_free(md);
        obj->monitorData = NULL;
    }
    if (obj->pid > 0) {
        if (obj->foreign)
            qemuProcessKillForeign(obj->pid, QEMU_PROCESS_KILL_GRACE_MS);
        else
            virCommandKillPid(obj->pid, QEMU_PROCESS_KILL_GRACE_MS);
        obj->pid = -1;
    }
    obj->foreign = false;

    if (obj->def->id >= 0) {
        g_autofree char *stamp = qemuProcessTimestamp();
        g_autofree char *line = g_strdup_printf("%s: shutting down, reason=%s\n", stamp,
                                                qemuProcessShutoffReasonString(reason));
        qemuProcessLogAppend(driver, obj->def->name, line);
    }

    unlink(monitorPath);
    unlink(pidfile);
    qemuDomainStatusDelete(driver, obj->def->name);

    g_clear_pointer(&obj->consolePty, g_free);
    obj->def->id = -1;
    qemuProcessSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    obj->beingDestroyed = false;
    obj->gotShutdown = false;
    obj->fakeReboot = false;
    obj->autodestroyConn = NULL;
    if (obj->newDef) {
        virDomainDefFree(obj->def);
        obj->def = obj->newDef;
        obj->newDef = NULL;
    }
    obj->updated = false;
}

void
qemuProcessStopped(qemuDriver *driver,
                   qemuDomainObj *obj,
                   int id,
                   int detail)
{
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid, id,
                           VIR_DOMAIN_EVENT_STOPPED, detail);
    if (!obj->persistent)
        qemuDomainObjListRemove(driver, obj);
}

/* ------------------------------------------------------------------ */
/* Reattaching                                                        */

/* Whether PID is the QEMU listening on MONITORPATH (its command line
 * names the socket): a pid in a status file may have been reused. */
static bool
qemuProcessIsOurQEMU(pid_t pid, const char *monitorPath)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *cmdline = NULL;
    gsize len = 0;
    gsize i;

    if (pid <= 0 || !g_file_get_contents(path, &cmdline, &len, NULL))
        return false;
    for (i = 0; i < len; i++) {
        if (cmdline[i] == '\0')
            cmdline[i] = ' ';
    }
    return strstr(cmdline, monitorPath) != NULL;
}

static char *
qemuProcessXMLProp(xmlNodePtr node, const char *name)
{
    xmlChar *value = node ? xmlGetProp(node, (const xmlChar *)name) : NULL;
    char *ret = value ? g_strdup((const char *)value) : NULL;

    xmlFree(value);
    return ret;
}

/* Remove what a domain that no longer runs left in ROOT/run/qemu. */
static void
qemuProcessRemoveLeftovers(qemuDriver *driver, const char *name)
{
    g_autofree char *monitorPath = qemuDomainMonitorPath(driver, name);
    g_autofree char *pidfile = qemuDomainPidfilePath(driver, name);

    unlink(monitorPath);
    unlink(pidfile);
    qemuDomainStatusDelete(driver, name);
}

/* Why OBJ is paused, now that QEMU says it is with STATUS (query-status).
 * A plain "paused" (or "prelaunch": started paused, never run) may mean
 * more than a pause by the user: then the reason in the status file, if
 * it is one of those, stays. */
static int
qemuProcessPausedReason(const qemuDomainObj *obj, const char *status)
{
    static const struct {
        const char *status;
        int reason;
    } reasons[] = {
        { "paused", VIR_DOMAIN_PAUSED_USER },
        { "debug", VIR_DOMAIN_PAUSED_USER },
        { "io-error", VIR_DOMAIN_PAUSED_IOERROR },
        { "watchdog", VIR_DOMAIN_PAUSED_WATCHDOG },
        { "inmigrate", VIR_DOMAIN_PAUSED_MIGRATION },
        { "postmigrate", VIR_DOMAIN_PAUSED_MIGRATION },
        { "finish-migrate", VIR_DOMAIN_PAUSED_MIGRATION },
        { "save-vm", VIR_DOMAIN_PAUSED_SAVE },
        { "restore-vm", VIR_DOMAIN_PAUSED_FROM_SNAPSHOT },
        { "shutdown", VIR_DOMAIN_PAUSED_SHUTTING_DOWN },
        { "guest-panicked", VIR_DOMAIN_PAUSED_CRASHED },
        { "internal-error", VIR_DOMAIN_PAUSED_CRASHED },
        { "prelaunch", VIR_DOMAIN_PAUSED_STARTING_UP },
    };
    size_t i;

    if ((g_strcmp0(status, "paused") == 0 || g_strcmp0(status, "prelaunch") == 0) &&
        obj->state == VIR_DOMAIN_PAUSED) {
        switch (obj->reason) {
        case VIR_DOMAIN_PAUSED_USER:
        case VIR_DOMAIN_PAUSED_SAVE:
        case VIR_DOMAIN_PAUSED_DUMP:
        case VIR_DOMAIN_PAUSED_FROM_SNAPSHOT:
        case VIR_DOMAIN_PAUSED_SNAPSHOT:
        case VIR_DOMAIN_PAUSED_STARTING_UP:
            return obj->reason;
        }
    }
    for (i = 0; i < G_N_ELEMENTS(reasons); i++) {
        if (g_strcmp0(status, reasons[i].status) == 0)
            return reasons[i].reason;
    }
    return VIR_DOMAIN_PAUSED_UNKNOWN;
}

static void
qemuProcessReconnectOne(qemuDriver *driver, const char *path)
{
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    g_autofree char *stateStr = NULL;
    g_autofree char *reasonStr = NULL;
    g_autofree char *pidStr = NULL;
    g_autofree char *monitorPath = NULL;
    g_autofree char *status = NULL;
    virDomainDef *def = NULL;
    virDomainDef *old = NULL;
    qemuProcessMonitorData *md;
    qemuDomainObj *obj;
    bool running;
    pid_t pid;

    if (!(doc = virXMLParse(path, NULL, path, "domstatus", VIR_FROM_QEMU)))
        goto broken;
    root = xmlDocGetRootElement(doc);
    stateStr = qemuProcessXMLProp(root, "state");
    reasonStr = qemuProcessXMLProp(root, "reason");
    pidStr = qemuProcessXMLProp(root, "pid");
    monitorPath = qemuProcessXMLProp(virXMLChild(root, "monitor"), "path");
    if (!stateStr || !pidStr || !monitorPath || !virXMLChild(root, "domain") ||
        !(def = virDomainDefParseNode(doc, virXMLChild(root, "domain"),
                                      VIR_DOMAIN_DEF_PARSE_STATUS)))
        goto broken;
    pid = (pid_t)g_ascii_strtoll(pidStr, NULL, 10);

    if (!qemuProcessIsOurQEMU(pid, monitorPath)) {
        VIR_INFO("domain %s is no longer running (pid %lld)", def->name, (long long)pid);
        qemuProcessRemoveLeftovers(driver, def->name);
        goto cleanup;
    }

    if (!(obj = qemuDomainObjListAdd(driver, def, true, &old))) {
        VIR_WARN("cannot take back running domain %s: %s", def->name,
                 virGetLastErrorMessage());
        goto cleanup;
    }
    def = NULL;
    virDomainDefFree(old);
    obj->pid = pid;
    obj->foreign = true;
    obj->state = qemuDomainStateFromString(stateStr);
    obj->reason = reasonStr ? atoi(reasonStr) : 0;
    obj->generation++;
    obj->expectStop = 0;
    obj->expectResume = 0;
    driver->nextDomID = MAX(driver->nextDomID, obj->def->id + 1);

    md = g_new0(qemuProcessMonitorData, 1);
    md->driver = driver;
    md->obj = qemuDomainObjRef(obj);
    md->generation = obj->generation;
    obj->monitorData = md;
    if (!(obj->mon = qemuMonitorOpenFull(monitorPath, pid, QEMU_PROCESS_MONITOR_TIMEOUT_MS,
                                         qemuProcessMonitorEvent, md)) ||
        qemuMonitorGetStatus(obj->mon, &running, &status) < 0) {
        VIR_WARN("cannot reattach to domain %s: %s", obj->def->name,
                 virGetLastErrorMessage());
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
        if (!obj->persistent)
            qemuDomainObjListRemove(driver, obj);
        goto cleanup;
    }
    /* the guest powered itself off while no process watched it: QEMU
     * (-no-shutdown) waits paused; on_poweroff decides now */
    if (g_strcmp0(status, "shutdown") == 0 &&
        obj->def->onPoweroff != VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE) {
        int id = obj->def->id;

        VIR_INFO("domain %s powered off while detached", obj->def->name);
        if (obj->def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART ||
            obj->def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME) {
            qemuProcessRestartGuest(driver, obj, VIR_DOMAIN_RUNNING_BOOTED);
            qemuDomainStatusSave(driver, obj);
        } else {
            qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
            qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
        }
        goto cleanup;
    }
    /* what QEMU says now wins over the file, which a pause or a resume
     * by the user does not rewrite (see qemuDomainSuspend) */
    if (running && obj->state != VIR_DOMAIN_RUNNING) {
        obj->state = VIR_DOMAIN_RUNNING;
        obj->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    } else if (!running) {
        obj->reason = qemuProcessPausedReason(obj, status);
        obj->state = VIR_DOMAIN_PAUSED;
    }
    qemuDomainStatusSave(driver, obj);
    VIR_INFO("reattached to domain %s (pid %lld)", obj->def->name, (long long)pid);
    goto cleanup;

 broken:
    VIR_WARN("ignoring the unreadable status file %s: %s", path, virGetLastErrorMessage());
 cleanup:
    virResetLastError();
    virDomainDefFree(def);
    if (doc)
        xmlFreeDoc(doc);
}

void
qemuProcessReconnectAll(qemuDriver *driver)
{
    g_autoptr(GDir) dir = g_dir_open(driver->stateDir, 0, NULL);
    const char *entry;

    if (!dir)
        return;
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_strdup_printf("%s/%s", driver->stateDir, entry);
        qemuProcessReconnectOne(driver, path);
    }
}

/* ------------------------------------------------------------------ */
/* Statistics                                                         */

int
qemuProcessGetCPUTimes(pid_t pid,
                       pid_t tid,
                       unsigned long long *ret_user,
                       unsigned long long *ret_system)
{
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *p;
    long ticks = sysconf(_SC_CLK_TCK);

    if (pid <= 0 || ticks <= 0)
        return -1;
    if (tid > 0)
        path = g_strdup_printf("/proc/%lld/task/%lld/stat", (long long)pid, (long long)tid);
    else
        path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    /* after the command name, which may hold spaces: state is field 3,
     * utime and stime fields 14 and 15 */
    if (!(p = strrchr(text, ')')))
        return -1;
    fields = g_strsplit(p + 2, " ", -1);
    if (g_strv_length(fields) < 13)
        return -1;
    *ret_user = g_ascii_strtoull(fields[11], NULL, 10) * (1000000000ULL / ticks);
    *ret_system = g_ascii_strtoull(fields[12], NULL, 10) * (1000000000ULL / ticks);
    return 0;
}

unsigned long long
qemuProcessGetCPUTime(pid_t pid)
{
    unsigned long long user;
    unsigned long long sys;

    if (qemuProcessGetCPUTimes(pid, 0, &user, &sys) < 0)
        return 0;
    return user + sys;
}
