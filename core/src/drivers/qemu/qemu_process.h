/*
 * qemu_process.h: starting and stopping QEMU for a domain, and applying
 * what QEMU reports over QMP.
 *
 * Start spawns qemu-system-* as a direct child of this process (so it can
 * be reaped without polling), paused (-S), connects to its QMP socket and
 * sends "cont" unless the domain is to stay paused.  Stop ends QEMU (TERM,
 * then KILL after a grace period), reaps it and brings the domain back to
 * its persistent definition.
 *
 * QMP events arrive on the monitor's reader thread, which must not take
 * driver->lock nor send commands; the callback only copies what matters
 * and queues it on driver->workers, whose thread applies it under the
 * lock (and may send commands: the reset of a fake reboot).  Each queued
 * event carries the generation of the run it belongs to, so an event of a
 * run the driver already stopped is dropped.
 *
 * Every function here expects driver->lock held; those that wait on
 * QEMU for long release it meanwhile, the domain marked busy (see
 * qemu_domainobj.h).
 */
#pragma once

#include "qemu_domainobj.h"

typedef enum {
    QEMU_PROCESS_START_PAUSED = 1 << 0,
    /* an incoming migration (qemu_migration.c): QEMU waits with -incoming
     * defer for the caller's migrate-incoming; the domain stays paused
     * with reason "migration" and STARTED/MIGRATED is emitted */
    QEMU_PROCESS_START_INCOMING = 1 << 1,
} qemuProcessStartFlags;

/* Start OBJ (inactive; its def is the definition to run, or for a
 * persistent domain the persistent one, of which a live copy is made).
 * On success the domain runs (or is paused with QEMU_PROCESS_START_PAUSED)
 * and STARTED/BOOTED was emitted.  On failure QEMU is gone, OBJ is
 * inactive again and an error is reported; the caller removes a transient
 * OBJ.  Returns 0 or -1. */
int qemuProcessStart(qemuDriver *driver,
                     qemuDomainObj *obj,
                     unsigned int flags);

/* Like qemuProcessStart, loading the guest's state from INCOMINGFD (a
 * migration stream, read from its current offset; the fd stays the
 * caller's) before the vCPUs run: QEMU starts with -incoming defer and
 * gets the fd through migrate-incoming.  The events are STARTED/RESTORED
 * (and SUSPENDED/RESTORED when it stays paused), the running reason
 * RESTORED. */
int qemuProcessStartRestore(qemuDriver *driver,
                            qemuDomainObj *obj,
                            unsigned int flags,
                            int incomingFd);

/* Like qemuProcessWaitMigration, until QEMU says WANT ("pre-switchover"
 * with the pause-before-switchover capability). */
int qemuProcessWaitMigrationStatus(qemuDriver *driver,
                                   qemuDomainObj *obj,
                                   const char *what,
                                   const char *want,
                                   int timeout_ms);

/* Forget the migration status of OBJ (before starting a migration). */
void qemuProcessResetMigration(qemuDomainObj *obj);

/* Wait up to TIMEOUT_MS for the migration of OBJ to end.  Returns 0 when
 * QEMU said "completed", -1 with an error naming WHAT ("save",
 * "restore") when it failed, was cancelled, the monitor closed or time ran
 * out. */
int qemuProcessWaitMigration(qemuDriver *driver,
                             qemuDomainObj *obj,
                             const char *what,
                             int timeout_ms);

/* Stop the running OBJ with virDomainShutoffReason REASON: close the
 * monitor, end and reap QEMU, remove the runtime files, restore the
 * persistent definition.  Emits nothing and keeps a transient OBJ in the
 * list (see qemuProcessStopped). */
void qemuProcessStop(qemuDriver *driver,
                     qemuDomainObj *obj,
                     int reason);

/* After qemuProcessStop: emit STOPPED/DETAIL for OBJ (with the ID it ran
 * under) and drop it from the list when it is transient. */
void qemuProcessStopped(qemuDriver *driver,
                        qemuDomainObj *obj,
                        int id,
                        int detail);

/* The CPU time QEMU used so far in nanoseconds (all its threads), from
 * /proc; 0 when it cannot be read. */
unsigned long long qemuProcessGetCPUTime(pid_t pid);

/* The user and system CPU time in nanoseconds of process PID, or of its
 * thread TID when TID > 0.  Returns 0, or -1 (nothing reported) when
 * /proc does not have it. */
int qemuProcessGetCPUTimes(pid_t pid,
                           pid_t tid,
                           unsigned long long *ret_user,
                           unsigned long long *ret_system);

/* Wait up to TIMEOUT_MS for QEMU's DEVICE_DELETED of ALIAS (after a
 * device_del the guest must let go of it).  0, or -1 reported. */
int qemuProcessWaitDeviceDeleted(qemuDriver *driver,
                                 qemuDomainObj *obj,
                                 const char *alias,
                                 int timeout_ms);

/* Run the QMP job command COMMAND with ARGS (whose "job-id" is JOBID) and
 * wait up to TIMEOUT_MS for it to conclude (JOB_STATUS_CHANGE wakes the
 * caller), then read its error and dismiss it.  A job that becomes ready
 * and waits (an active block-commit) is told to finish with job-complete.
 * 0, or -1 reported. */
int qemuProcessRunJob(qemuDriver *driver,
                      qemuDomainObj *obj,
                      const char *command,
                      JsonObject *args,
                      const char *jobid,
                      int timeout_ms);

/* Like qemuProcessRunJob, returning once the job reaches STATUS ("ready"
 * for a mirror): a job that concludes first is an error (its own, from
 * query-jobs, when QEMU gives one).  0, or -1 reported. */
int qemuProcessStartJob(qemuDriver *driver,
                        qemuDomainObj *obj,
                        const char *command,
                        JsonObject *args,
                        const char *jobid,
                        const char *status,
                        int timeout_ms);

/* Drop a DEVICE_DELETED of ALIAS seen earlier (before a new device_del). */
void qemuProcessForgetDeletedDevice(qemuDomainObj *obj, const char *alias);

/* Take back the domains whose QEMU still runs, from their status files
 * in ROOT/run/qemu (another process started them and went away, or this
 * driver state was freed and made anew): reconnect to their monitors and
 * manage them again.  They are not our children: stopping one waits on a
 * pidfd instead of reaping.  Files of domains whose QEMU is gone are
 * removed.  Called once, when the driver state is created. */
void qemuProcessReconnectAll(qemuDriver *driver);

/* Create the worker that applies monitor events (driver->workers). */
GThreadPool *qemuProcessWorkersNew(qemuDriver *driver);
