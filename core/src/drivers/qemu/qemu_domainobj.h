/*
 * qemu_domainobj.h: the state of one QEMU driver root and its domains
 *
 * A qemuDriver is everything the driver knows under one root (the DIR of
 * qemu:///embed?root=DIR): the folders, the probed emulator, the domains
 * and the event callbacks.  Every connection to the same root shares one
 * qemuDriver (reference counted in qemu_driver.c); different roots share
 * nothing.
 *
 * Locking: driver->lock guards the domain list and every field of every
 * qemuDomainObj.  An API call holds it for the whole operation, monitor
 * commands included: the monitor's reader thread never takes it (its
 * callback only hands events to driver->workers or wakes a waiter), so
 * this cannot deadlock, and one lock keeps state changes simple to reason
 * about.  The worker thread takes the lock to apply what QEMU reported.
 *
 * The exception are the waits that last (QEMU creating its socket at
 * start, a save or restore, a snapshot job, a guest releasing a device):
 * the waiting thread marks the domain busy and lets go of driver->lock
 * (qemuDomainObjReleaseLock), so other domains and read-only questions
 * go on; every call that acts on a domain, and the worker, first waits
 * until it is idle (qemuDomainObjWaitIdle, which the domain lookup of the
 * API calls does).
 *
 * Files: the persistent definition of NAME is ROOT/etc/qemu/NAME.xml,
 * autostart a symlink ROOT/etc/qemu/autostart/NAME.xml to it (libvirt's
 * layout); a running domain has its monitor socket, pid file and status
 * XML in ROOT/run/qemu/ and its log in ROOT/log/qemu/NAME.log.  Every file
 * is written atomically (temp file, fsync, rename).
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

#include <libvirt/libvirt.h>

#include "domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_domain_defaults.h"
#include "qemu_event.h"
#include "driver_storage.h"
#include "qemu_monitor.h"

typedef struct _qemuDomainObj qemuDomainObj;
struct _qemuDomainObj {
    gint refs;
    virDomainDef *def;          /* live definition while active, else the
                                 * persistent one; def->id is the running id */
    virDomainDef *newDef;       /* persistent definition while active;
                                 * NULL for a transient domain */
    int state;                  /* virDomainState */
    int reason;                 /* the matching vir*Reason */
    bool persistent;
    bool autostart;
    bool updated;               /* persistent config changed while running */

    /* while QEMU runs */
    pid_t pid;
    qemuMonitor *mon;
    unsigned int generation;    /* changes at every start and stop: monitor
                                 * events of an older run are ignored */
    bool beingDestroyed;        /* the driver itself is ending QEMU */
    bool gotShutdown;           /* QEMU reported SHUTDOWN */
    bool fakeReboot;            /* virDomainReboot: reset at SHUTDOWN */
    /* STOP and RESUME events still to come from the driver's own stop and
     * cont commands (and QEMU's stop after a guest shutdown): they change
     * nothing, unlike those from elsewhere */
    unsigned int expectStop;
    unsigned int expectResume;
    char *consolePty;           /* the serial console's pty, or NULL */
    void *monitorData;          /* qemu_process.c: the monitor callback's */
    /* the last MIGRATION status QEMU reported ("completed", "failed" ...;
     * "closed" after the monitor's end), guarded by qemu_process.c's
     * migration lock, not driver->lock: the reader thread sets it */
    char *migrationStatus;
    char *jobStatus;            /* "ID:STATUS" of the last JOB_STATUS_CHANGE
                                 * (same lock as migrationStatus) */
    GPtrArray *snapshots;       /* qemu_driver_snapshot.c, or NULL */
    char *currentSnapshot;      /* its name, or NULL */
    GPtrArray *deletedDevices;  /* aliases QEMU reported DEVICE_DELETED for
                                 * (same lock as migrationStatus) */
    bool hasManagedSave;        /* ROOT/lib/qemu/save/NAME.save exists */
    virConnectPtr autodestroyConn;  /* VIR_DOMAIN_START_AUTODESTROY: destroyed
                                     * when this connection closes (not a
                                     * reference: cleared at its close) */
    bool busy;                  /* a thread waits on QEMU for this domain
                                 * without driver->lock (see below) */
    bool foreign;               /* QEMU was started by another process (found
                                 * running at open): not our child to reap */
};

typedef struct _qemuDriver qemuDriver;
struct _qemuDriver {
    char *root;                 /* embed: DIR; the daemon's: libDir */
    char *configDir;            /* ROOT/etc/qemu */
    char *autostartDir;         /* ROOT/etc/qemu/autostart */
    char *stateDir;             /* ROOT/run/qemu */
    char *logDir;               /* ROOT/log/qemu */
    char *libDir;               /* ROOT/lib/qemu */
    char *saveDir;              /* ROOT/lib/qemu/save: managed save images */
    char *cacheDir;             /* ROOT/cache/qemu */
    char *capsCacheDir;         /* ROOT/cache/qemu/capabilities */
    char *emulator;             /* the default emulator binary */
    int lockfd;                 /* ROOT/run/qemu/driver.pid, locked while
                                 * this process manages the root */

    GMutex lock;
    GCond idleCond;             /* a domain stopped being busy */
    GPtrArray *domains;         /* qemuDomainObj *, holding a reference */
    int nextDomID;

    qemuCaps *caps;             /* of 'emulator' (immutable) */
    qemuDomainDefaultsInfo defaultsInfo;    /* from caps */
    qemuMachineAlias *aliases;

    qemuEventState *events;
    GThreadPool *workers;       /* applies monitor events (one thread) */
    virStorageState *storage;   /* pools: ROOT/etc/storage, ROOT/run/storage */
};

/* ------------------------------------------------------------------ */
/* Domain objects                                                     */

qemuDomainObj *qemuDomainObjRef(qemuDomainObj *obj);
void qemuDomainObjUnref(qemuDomainObj *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuDomainObj, qemuDomainObjUnref);

bool qemuDomainObjIsActive(const qemuDomainObj *obj);

/* Lookups (driver->lock held); borrowed pointers or NULL. */
qemuDomainObj *qemuDomainObjFindByName(qemuDriver *driver, const char *name);
qemuDomainObj *qemuDomainObjFindByUUID(qemuDriver *driver, const unsigned char *uuid);
qemuDomainObj *qemuDomainObjFindByID(qemuDriver *driver, int id);

/* Add DEF (consumed on success) to the list as libvirt's domain list
 * does: a new domain, or a new definition for the domain of the same name
 * and UUID (LIVE: it replaces the running one, else it becomes the
 * persistent one).  *RET_OLD gets the definition it replaced, if any (the
 * caller frees it).  Refuses a name taken by another UUID, a UUID taken by
 * another name, and (LIVE) a domain already running, with libvirt's
 * errors.  Returns the (borrowed) object or NULL. */
qemuDomainObj *qemuDomainObjListAdd(qemuDriver *driver,
                                    virDomainDef *def,
                                    bool live,
                                    virDomainDef **ret_old);

/* Mark OBJ busy and release driver->lock, for a long wait on QEMU. */
void qemuDomainObjReleaseLock(qemuDriver *driver, qemuDomainObj *obj);

/* Take driver->lock back after qemuDomainObjReleaseLock; OBJ is idle
 * again (and the threads waiting for that are woken). */
void qemuDomainObjReacquireLock(qemuDriver *driver, qemuDomainObj *obj);

/* With driver->lock held, wait until OBJ is not busy.  Returns false
 * when OBJ left the domain list meanwhile (it must not be used then). */
bool qemuDomainObjWaitIdle(qemuDriver *driver, qemuDomainObj *obj);

/* Take OBJ out of the list (drops the list's reference). */
void qemuDomainObjListRemove(qemuDriver *driver, qemuDomainObj *obj);

/* The persistent definition of OBJ (newDef while running, else def). */
virDomainDef *qemuDomainObjGetPersistentDef(qemuDomainObj *obj);

/* ------------------------------------------------------------------ */
/* Files                                                              */

/* Write LEN bytes of DATA to PATH atomically (PATH.new, rename): a reader
 * sees the old file or the new one, never a mix.  DURABLE adds fsync of
 * the file and of its folder, so the new file also survives a host crash:
 * wanted for persistent definitions, pointless for runtime state (after
 * a host crash no QEMU runs whatever the status files say), where the
 * two fsyncs would cost more than the change itself (a suspend took 30
 * ms with them, under 1 ms without).  0, or -1 with a system error
 * reported. */
int qemuFileWriteAtomic(const char *path, const char *data, size_t len, bool durable);

/* Create DIR and its parents (mode 0755): 0 or -1 reported. */
int qemuMakeDir(const char *dir);

/* ROOT/etc/qemu/NAME.xml from DEF (inactive form); delete it. */
int qemuDomainConfigSave(qemuDriver *driver, const virDomainDef *def);
int qemuDomainConfigDelete(qemuDriver *driver, const char *name);

/* The autostart link of NAME: create or remove. */
int qemuDomainAutostartSet(qemuDriver *driver, const char *name, bool autostart);

/* ROOT/run/qemu/NAME.xml: the live state of OBJ, written after every
 * change while it runs and removed when it stops:
 *   <domstatus state='running' reason='1' pid='1234'>
 *     <monitor path='ROOT/run/qemu/NAME.monitor' type='unix'/>
 *     <domain type='qemu' id='1'> ... the live definition ... </domain>
 *   </domstatus>
 * (qemu_process.c reads it back to reattach). */
int qemuDomainStatusSave(qemuDriver *driver, qemuDomainObj *obj);
void qemuDomainStatusDelete(qemuDriver *driver, const char *name);

/* virDomainState names as the status file writes them ("running" ...),
 * and back (-1 for an unknown name). */
const char *qemuDomainStateToString(int state);
int qemuDomainStateFromString(const char *name);

/* Read every persistent definition under ROOT/etc/qemu (a file that does
 * not parse is skipped with a warning in the log). */
void qemuDomainConfigLoadAll(qemuDriver *driver);

/* Paths of the running domain NAME (new strings). */
char *qemuDomainMonitorPath(qemuDriver *driver, const char *name);
char *qemuDomainPidfilePath(qemuDriver *driver, const char *name);
char *qemuDomainLogPath(qemuDriver *driver, const char *name);
char *qemuDomainManagedSavePath(qemuDriver *driver, const char *name);
