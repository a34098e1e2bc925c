/*
 * qemu_monitor.h: a QMP client over a unix socket
 *
 * One qemuMonitor talks to one QEMU process.  Opening it connects to the
 * socket (waiting for QEMU to create it), reads the greeting and
 * negotiates capabilities; after that any thread may send commands, and
 * replies are matched to their senders by the "id" each command carries,
 * so several threads may wait on the same monitor at once.
 *
 * Threading contract: every monitor owns one reader thread.  It alone
 * reads the socket; it hands replies to the waiting senders and calls the
 * event callback for each QMP event, in the order QEMU sent them.  A
 * thread of our own (rather than a GMainContext the caller must run) was
 * chosen because the driver is used in-process by programs that never run
 * an event loop (qemu:///embed, scripts): events and hangups must still be
 * noticed, and a command must complete without the caller pumping a loop.
 *
 * The callback therefore runs on the reader thread and must not wait for
 * a monitor reply itself (the reply could never be read): a command sent
 * from the callback fails at once with an error saying so.  It should note
 * the event (and perhaps wake another thread) and return.
 *
 * When QEMU closes the socket (it quit or died), or the socket fails, the
 * callback is called once more with EVENT == NULL: that call is the last
 * one.  Every command waiting at that moment, and every later command,
 * fails with VIR_ERR_OPERATION_FAILED "QEMU monitor was closed" (or the
 * socket's error).  qemuMonitorClose() by the owner suppresses that final
 * callback: after qemuMonitorClose() returns no callback runs any more.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <sys/types.h>

typedef struct _qemuMonitor qemuMonitor;

/* An event from QEMU, or the end of the monitor when EVENT is NULL (then
 * DATA is NULL and TIMESTAMP_US 0).  DATA (possibly NULL when QEMU sent no
 * "data") belongs to the monitor and is valid during the call only.
 * TIMESTAMP_US is QEMU's timestamp in microseconds since the epoch. */
typedef void (*qemuMonitorEventCallback)(qemuMonitor *mon,
                                         const char *event,
                                         JsonObject *data,
                                         long long timestamp_us,
                                         void *opaque);

/* Connect to the QMP socket at PATH, waiting up to TIMEOUT_MS for it to
 * appear and accept (the wait watches the directory with inotify and
 * retries on a growing poll interval: no fixed sleeps).  If PID > 0 the
 * wait ends early with an error as soon as that process exits.  Then read
 * the greeting and send qmp_capabilities.  CB (may be NULL) gets events
 * and the final hangup as described above.  Returns NULL with an error
 * reported (VIR_ERR_OPERATION_TIMEOUT when the socket never accepted). */
qemuMonitor *qemuMonitorOpenFull(const char *path,
                                 pid_t pid,
                                 int timeout_ms,
                                 qemuMonitorEventCallback cb,
                                 void *opaque);

/* qemuMonitorOpenFull without a process to watch. */
qemuMonitor *qemuMonitorOpen(const char *path,
                             int timeout_ms,
                             qemuMonitorEventCallback cb,
                             void *opaque);

/* Like qemuMonitorOpen on an already connected stream socket FD, which is
 * consumed (closed on failure too).  TIMEOUT_MS bounds the greeting. */
qemuMonitor *qemuMonitorOpenFd(int fd,
                               int timeout_ms,
                               qemuMonitorEventCallback cb,
                               void *opaque);

/* Stop the reader thread, fail pending commands, close the socket and
 * free MON (NULL is fine).  May be called from the callback itself; from
 * any other thread it waits until a running callback has returned, so the
 * caller must not hold a lock the callback takes. */
void qemuMonitorClose(qemuMonitor *mon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuMonitor, qemuMonitorClose);

/* QEMU's version from the greeting, as major*1000000 + minor*1000 + micro
 * (7002000 for 7.2.0). */
unsigned long long qemuMonitorGetVersion(qemuMonitor *mon);

/* How many commands are waiting for their replies (for tests). */
guint qemuMonitorGetPendingCount(qemuMonitor *mon);

/* Whether the monitor has seen its end (EOF or a socket error). */
bool qemuMonitorIsClosed(qemuMonitor *mon);


/* ------------------------------------------------------------------ */
/* Raw commands                                                       */

/* Send {"execute": NAME, "arguments": ARGS, "id": ...} and wait for the
 * matching reply.  ARGS may be NULL and is not consumed.  On success
 * *RET_REPLY (if RET_REPLY is non-NULL) gets the value of "return" (a new
 * reference).  A QMP error becomes VIR_ERR_INTERNAL_ERROR "unable to
 * execute QEMU command 'NAME': DESC"; a closed monitor
 * VIR_ERR_OPERATION_FAILED.  Returns 0 or -1. */
int qemuMonitorCommand(qemuMonitor *mon,
                       const char *name,
                       JsonObject *args,
                       JsonNode **ret_reply);

/* Like qemuMonitorCommand, passing FD to QEMU with SCM_RIGHTS on the same
 * write (for getfd, add-fd).  FD stays the caller's; QEMU gets a copy. */
int qemuMonitorCommandWithFd(qemuMonitor *mon,
                             const char *name,
                             JsonObject *args,
                             int fd,
                             JsonNode **ret_reply);

/* Send one pre-formatted JSON command text (must carry no "id": one is
 * added) and wait for its reply; for tests and for `qemu-monitor-command`.
 * *RET_REPLY gets the whole reply object ("return" or "error") as JSON
 * text; a QMP error is not an error here. */
int qemuMonitorCommandText(qemuMonitor *mon,
                           const char *json,
                           char **ret_reply);


/* ------------------------------------------------------------------ */
/* Typed commands                                                     */

/* query-status: whether the vCPUs run, and QEMU's RunState name
 * ("running", "paused", "prelaunch", "shutdown", "io-error",
 * "postmigrate", "inmigrate", "guest-panicked", "suspended", ...). */
int qemuMonitorGetStatus(qemuMonitor *mon,
                         bool *ret_running,
                         char **ret_status);

int qemuMonitorStartCPUs(qemuMonitor *mon);        /* cont */
int qemuMonitorStopCPUs(qemuMonitor *mon);         /* stop */
int qemuMonitorSystemPowerdown(qemuMonitor *mon);  /* system_powerdown */
int qemuMonitorSystemReset(qemuMonitor *mon);      /* system_reset */

/* quit: QEMU answers, then closes the socket; the callback then sees the
 * hangup. */
int qemuMonitorQuit(qemuMonitor *mon);

typedef struct {
    int cpu_index;
    pid_t thread_id;        /* 0 if QEMU gave none */
    char *qom_path;
} qemuMonitorCPUInfo;

void qemuMonitorCPUInfoFree(qemuMonitorCPUInfo *info, size_t ninfo);

/* query-cpus-fast: one entry per vCPU in QEMU's order. */
int qemuMonitorGetCPUInfo(qemuMonitor *mon,
                          qemuMonitorCPUInfo **ret_info,
                          size_t *ret_ninfo);

/* query-balloon: the guest's current memory in KiB (libvirt's unit). */
int qemuMonitorGetBalloonInfo(qemuMonitor *mon,
                              unsigned long long *ret_kib);

/* balloon: ask the guest to use KIB KiB. */
int qemuMonitorSetBalloon(qemuMonitor *mon,
                          unsigned long long kib);

/* qom-set PATH guest-stats-polling-interval PERIOD (seconds, 0 stops). */
int qemuMonitorSetMemoryStatsPeriod(qemuMonitor *mon,
                                    const char *path,
                                    int period);

/* The guest statistics of the balloon device at PATH (qom-get
 * guest-stats).  Values QEMU does not have are -1; sizes in bytes as QEMU
 * gives them. */
typedef struct {
    long long swap_in;
    long long swap_out;
    long long major_faults;
    long long minor_faults;
    long long free_memory;
    long long total_memory;
    long long available_memory;
    long long disk_caches;
    long long htlb_pgalloc;
    long long htlb_pgfail;
    long long last_update;      /* seconds since the epoch, 0 = never */
} qemuMonitorBalloonStats;

int qemuMonitorGetMemoryStats(qemuMonitor *mon,
                              const char *path,
                              qemuMonitorBalloonStats *ret_stats);

typedef struct {
    char *device;           /* the -drive id or "" for -blockdev */
    char *node_name;        /* or NULL */
    char *qdev;             /* or NULL */
    long long rd_bytes;
    long long wr_bytes;
    long long rd_req;
    long long wr_req;
    long long flush_req;
    long long rd_total_time_ns;
    long long wr_total_time_ns;
    long long flush_total_time_ns;
    long long wr_highest_offset;
} qemuMonitorBlockStats;

void qemuMonitorBlockStatsFree(qemuMonitorBlockStats *stats, size_t nstats);

/* query-blockstats: one entry per top-level block device. */
int qemuMonitorGetBlockStats(qemuMonitor *mon,
                             qemuMonitorBlockStats **ret_stats,
                             size_t *ret_nstats);

typedef struct {
    char *device;
    char *qdev;             /* or NULL */
    bool removable;
    bool locked;
    bool tray_open;         /* false when QEMU does not say */
    bool inserted;          /* a medium is present; the rest is about it */
    char *file;
    char *format;           /* "drv" */
    char *node_name;
    bool readonly;
} qemuMonitorBlockInfo;

void qemuMonitorBlockInfoFree(qemuMonitorBlockInfo *info, size_t ninfo);

/* query-block */
int qemuMonitorGetBlockInfo(qemuMonitor *mon,
                            qemuMonitorBlockInfo **ret_info,
                            size_t *ret_ninfo);

/* query-version: major*1000000 + minor*1000 + micro, and the package
 * string (may be ""). */
int qemuMonitorGetVersionInfo(qemuMonitor *mon,
                              unsigned long long *ret_version,
                              char **ret_package);

/* screendump to FILE; DEVICE (the video device's id) may be NULL for the
 * primary display, HEAD is used when >= 0. */
int qemuMonitorScreendump(qemuMonitor *mon,
                          const char *device,
                          int head,
                          const char *file);

/* human-monitor-command: run an HMP command line, return its output. */
int qemuMonitorHumanCommand(qemuMonitor *mon,
                            const char *cmdline,
                            char **ret_output);

/* migrate to URI ("fd:NAME" after qemuMonitorSendFd, "exec:...",
 * "unix:...", "tcp:..."); returns at once, progress via query-migrate. */
int qemuMonitorMigrate(qemuMonitor *mon,
                       const char *uri);

typedef struct {
    char *status;           /* "none", "setup", "active", "completed",
                               "failed", "cancelled", ... */
    char *error_desc;       /* when failed, or NULL */
    long long total_time_ms;
    long long ram_transferred;
    long long ram_remaining;
    long long ram_total;
} qemuMonitorMigrationStats;

void qemuMonitorMigrationStatsClear(qemuMonitorMigrationStats *stats);

/* query-migrate */
int qemuMonitorGetMigrationStats(qemuMonitor *mon,
                                 qemuMonitorMigrationStats *ret_stats);

/* migrate-set-capabilities with one capability ("events", "xbzrle",
 * ...) set to STATE. */
int qemuMonitorSetMigrationCapability(qemuMonitor *mon,
                                      const char *capability,
                                      bool state);

/* migrate_cancel */
int qemuMonitorMigrateCancel(qemuMonitor *mon);

/* migrate-incoming URI: a QEMU started with -incoming defer listens for
 * (or reads) the migration stream at URI ("tcp:ADDR:PORT", "fd:NAME"). */
int qemuMonitorMigrateIncoming(qemuMonitor *mon,
                               const char *uri);

/* migrate-set-parameters with the one integer parameter NAME
 * ("max-bandwidth" in bytes/s, "downtime-limit" in ms,
 * "max-postcopy-bandwidth", "cpu-throttle-initial" ...) set to VALUE. */
int qemuMonitorSetMigrationParam(qemuMonitor *mon,
                                 const char *name,
                                 long long value);

/* query-migrate-parameters: the integer parameter NAME in *RET_VALUE. */
int qemuMonitorGetMigrationParam(qemuMonitor *mon,
                                 const char *name,
                                 long long *ret_value);

/* migrate-start-postcopy: switch a migration started with the
 * postcopy-ram capability to post-copy. */
int qemuMonitorMigrateStartPostcopy(qemuMonitor *mon);

/* getfd FDNAME: give QEMU a copy of FD under FDNAME (SCM_RIGHTS).  FD
 * stays the caller's. */
int qemuMonitorSendFd(qemuMonitor *mon,
                      const char *fdname,
                      int fd);

/* closefd FDNAME */
int qemuMonitorCloseFd(qemuMonitor *mon,
                       const char *fdname);

/* add-fd: put a copy of FD in fd set FDSET (< 0: QEMU picks one) with
 * OPAQUE (may be NULL).  Returns QEMU's fd set id and its fd number. */
int qemuMonitorAddFd(qemuMonitor *mon,
                     int fdset,
                     int fd,
                     const char *opaque,
                     int *ret_fdset,
                     int *ret_qemu_fd);

/* remove-fd: the whole set FDSET, or just QEMU_FD of it when >= 0. */
int qemuMonitorRemoveFd(qemuMonitor *mon,
                        int fdset,
                        int qemu_fd);


/* ------------------------------------------------------------------ */
/* Block nodes (-blockdev)                                            */

typedef struct {
    char *node_name;
    char *drv;                  /* "qcow2", "raw", "file" ... */
    char *file;                 /* the image's file name */
    unsigned long long virtual_size;    /* bytes, 0 when not given */
    char *backing_file;         /* the image below it as opened, or NULL */
    char *backing_format;
} qemuMonitorBlockNode;

void qemuMonitorBlockNodeFree(qemuMonitorBlockNode *nodes, size_t nnodes);

/* query-named-block-nodes: every node, the backing ones too. */
int qemuMonitorGetNamedBlockNodes(qemuMonitor *mon,
                                  qemuMonitorBlockNode **ret_nodes,
                                  size_t *ret_nnodes);

/* blockdev-add PROPS (not consumed). */
int qemuMonitorBlockdevAdd(qemuMonitor *mon,
                           JsonObject *props);

/* blockdev-del NODE_NAME */
int qemuMonitorBlockdevDel(qemuMonitor *mon,
                           const char *node_name);

/* One `transaction` of N blockdev-snapshot actions: OVERLAYS[i] (a node
 * opened without a backing node) is put on top of NODES[i] and takes its
 * place; all or none happen. */
int qemuMonitorBlockdevSnapshots(qemuMonitor *mon,
                                 const char *const *nodes,
                                 const char *const *overlays,
                                 size_t n);

/* The arguments of the job commands, for qemuProcessRunJob (which waits
 * for the job): blockdev-create of OPTIONS (consumed) as job JOBID, and
 * block-commit of TOP_NODE into BASE_NODE below it in the chain of
 * root node DEVICE (an active commit when TOP_NODE is DEVICE's top), kept
 * until dismissed.  New objects. */
JsonObject *qemuMonitorBlockdevCreateArgs(const char *jobid,
                                          JsonObject *options);
JsonObject *qemuMonitorBlockCommitArgs(const char *jobid,
                                       const char *device,
                                       const char *top_node,
                                       const char *base_node);
