/*
 * qemu_driver.c: the QEMU driver's API: connections, domains, console.
 *
 * The entry points find the driver state of the connection (one per
 * embed root, shared and counted in qemuDrivers; inside virtkitd one
 * more, the daemon's, for qemu:///system and qemu:///session), take
 * driver->lock, find the domain and do the work; qemu_process.c starts
 * and stops QEMU, qemu_domainobj.c keeps the domains and their files,
 * qemu_event.c delivers events.
 *
 * An embed state lives while a connection uses it or one of its domains
 * runs (the daemon's as long as the daemon): the QEMU processes are our children and keep running when the
 * last connection closes (as libvirt's guests outlive the client), and a
 * new connection to the same root in this process finds them again.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#include <libvirt/libvirt-qemu.h>

#include "datatypes.h"
#include "driver.h"
#include "domain_conf.h"
#include "domain_list.h"
#include "qemu_capabilities.h"
#include "qemu_host.h"
#include "qemu_domainobj.h"
#include "qemu_driver.h"
#include "qemu_driver_private.h"
#include "qemu_event.h"
#include "qemu_migration.h"
#include "qemu_monitor.h"
#include "qemu_process.h"
#include "virerror.h"
#include "virlog.h"
#include "viruri.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_DEFAULT_EMULATOR "/usr/bin/qemu-system-x86_64"

/* ------------------------------------------------------------------ */
/* Driver states, one per root                                        */

typedef struct {
    qemuDriver *driver;
    int conns;                  /* open connections using it */
} qemuDriverEntry;

static GMutex qemuDriversLock;
static GHashTable *qemuDrivers;     /* root -> qemuDriverEntry * */

static void
qemuDriverFree(qemuDriver *driver)
{
    size_t i;

    if (!driver)
        return;
    /* no connection and no running domain: the worker has nothing left
     * that matters; wait for it, then drop the domains */
    if (driver->workers)
        g_thread_pool_free(driver->workers, FALSE, TRUE);
    for (i = 0; i < driver->domains->len; i++)
        qemuDomainObjUnref(g_ptr_array_index(driver->domains, i));
    g_ptr_array_free(driver->domains, TRUE);
    virStorageStateClose(driver->storage);
    qemuEventStateFree(driver->events);
    if (driver->caps)
        qemuCapsUnref(driver->caps);
    g_free(driver->aliases);
    g_free(driver->root);
    g_free(driver->configDir);
    g_free(driver->autostartDir);
    g_free(driver->stateDir);
    g_free(driver->logDir);
    g_free(driver->libDir);
    g_free(driver->saveDir);
    g_free(driver->cacheDir);
    g_free(driver->capsCacheDir);
    g_free(driver->emulator);
    if (driver->lockfd >= 0)
        close(driver->lockfd);
    g_cond_clear(&driver->idleCond);
    g_mutex_clear(&driver->lock);
    g_free(driver);
}

/* What the definition defaults need from the probed emulator. */
static void
qemuDriverFillDefaults(qemuDriver *driver)
{
    const qemuCapsMachine *machines;
    size_t nmachines = 0;
    size_t n = 0;
    size_t i;

    machines = qemuCapsGetMachines(driver->caps, &nmachines);
    driver->aliases = g_new0(qemuMachineAlias, nmachines + 1);
    for (i = 0; i < nmachines; i++) {
        if (!machines[i].alias)
            continue;
        driver->aliases[n].alias = machines[i].alias;
        driver->aliases[n].machine = machines[i].name;
        n++;
    }
    driver->defaultsInfo.emulator = driver->emulator;
    driver->defaultsInfo.arch = qemuCapsGetVirArch(driver->caps);
    driver->defaultsInfo.defaultMachine = qemuCapsGetDefaultMachine(driver->caps);
    driver->defaultsInfo.aliases = driver->aliases;
    driver->defaultsInfo.naliases = n;
}

/* One process at a time manages a root: a write lock on
 * ROOT/run/qemu/driver.pid, holding our pid, for the life of the state. */
static int
qemuDriverLockRoot(qemuDriver *driver)
{
    g_autofree char *path = g_strdup_printf("%s/driver.pid", driver->stateDir);
    g_autofree char *pid = g_strdup_printf("%lld\n", (long long)getpid());
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

    if ((driver->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("Failed to open pid file '%s'"), path);
        return -1;
    }
    if (fcntl(driver->lockfd, F_SETLK, &lock) < 0) {
        virReportSystemError(errno, _("Failed to acquire pid file '%s'"), path);
        return -1;
    }
    if (ftruncate(driver->lockfd, 0) < 0 ||
        write(driver->lockfd, pid, strlen(pid)) < 0) {
        virReportSystemError(errno, _("Failed to write pid file '%s'"), path);
        return -1;
    }
    return 0;
}

/* Where a driver state keeps its files: qemu:///embed?root=DIR has them
 * all under DIR, the daemon where its mode says (qemuDaemonPaths). */
typedef struct {
    char *key;                  /* driver->root */
    char *configDir;            /* definitions, autostart/ below */
    char *stateDir;             /* status, monitor sockets, pid files */
    char *libDir;               /* save/ (managed save images) below */
    char *logDir;
    char *cacheDir;             /* capabilities/ below */
} qemuDriverPaths;

static void
qemuDriverPathsClear(qemuDriverPaths *paths)
{
    g_free(paths->key);
    g_free(paths->configDir);
    g_free(paths->stateDir);
    g_free(paths->libDir);
    g_free(paths->logDir);
    g_free(paths->cacheDir);
    memset(paths, 0, sizeof(*paths));
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(qemuDriverPaths, qemuDriverPathsClear);

/* qemu:///embed?root=ROOT: ROOT/etc/qemu, ROOT/run/qemu, ROOT/lib/qemu,
 * ROOT/log/qemu, ROOT/cache/qemu. */
static void
qemuDriverPathsEmbed(const char *root, qemuDriverPaths *ret_paths)
{
    ret_paths->key = g_strdup(root);
    ret_paths->configDir = g_strdup_printf("%s/etc/qemu", root);
    ret_paths->stateDir = g_strdup_printf("%s/run/qemu", root);
    ret_paths->libDir = g_strdup_printf("%s/lib/qemu", root);
    ret_paths->logDir = g_strdup_printf("%s/log/qemu", root);
    ret_paths->cacheDir = g_strdup_printf("%s/cache/qemu", root);
}

/* Reattach to the domains that were running (qemuProcessReconnectAll);
 * a persistent one whose QEMU went away meanwhile ends shut off with
 * reason crashed, as libvirt's daemon finds it after a restart. */
static void
qemuDriverReconnect(qemuDriver *driver)
{
    g_autoptr(GPtrArray) ran = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = g_dir_open(driver->stateDir, 0, NULL);
    const char *entry;
    size_t i;

    while (dir && (entry = g_dir_read_name(dir))) {
        if (g_str_has_suffix(entry, ".xml"))
            g_ptr_array_add(ran, g_strndup(entry, strlen(entry) - 4));
    }
    qemuProcessReconnectAll(driver);
    g_mutex_lock(&driver->lock);
    for (i = 0; i < ran->len; i++) {
        qemuDomainObj *obj = qemuDomainObjFindByName(driver, g_ptr_array_index(ran, i));

        if (obj && !qemuDomainObjIsActive(obj) && obj->state == VIR_DOMAIN_SHUTOFF &&
            obj->reason == VIR_DOMAIN_SHUTOFF_UNKNOWN)
            obj->reason = VIR_DOMAIN_SHUTOFF_CRASHED;
    }
    g_mutex_unlock(&driver->lock);
}

/* The storage driver's state beside the QEMU driver's folders:
 * ROOT/etc/storage and ROOT/run/storage (the daemon: …/virtkit/storage). */
static virStorageState *
qemuDriverStorageOpen(qemuDriver *driver)
{
    g_autofree char *etc = g_path_get_dirname(driver->configDir);
    g_autofree char *run = g_path_get_dirname(driver->stateDir);
    g_autofree char *configDir = g_build_filename(etc, "storage", NULL);
    g_autofree char *stateDir = g_build_filename(run, "storage", NULL);

    return virStorageStateOpen(driver, configDir, stateDir, driver->events);
}

/* The one constructor of a driver state, whatever its paths: create the
 * folders, lock the state folder for this process, probe the emulator,
 * load the definitions and snapshots and reattach to the domains that
 * still run. */
static qemuDriver *
qemuDriverNew(const qemuDriverPaths *paths)
{
    qemuDriver *driver = g_new0(qemuDriver, 1);
    const char *emulator = g_getenv("VIRTKIT_QEMU");

    g_mutex_init(&driver->lock);
    g_cond_init(&driver->idleCond);
    driver->lockfd = -1;
    driver->domains = g_ptr_array_new();
    driver->nextDomID = 1;
    driver->root = g_strdup(paths->key);
    driver->configDir = g_strdup(paths->configDir);
    driver->autostartDir = g_strdup_printf("%s/autostart", paths->configDir);
    driver->stateDir = g_strdup(paths->stateDir);
    driver->logDir = g_strdup(paths->logDir);
    driver->libDir = g_strdup(paths->libDir);
    driver->saveDir = g_strdup_printf("%s/save", paths->libDir);
    driver->cacheDir = g_strdup(paths->cacheDir);
    driver->capsCacheDir = g_strdup_printf("%s/capabilities", paths->cacheDir);
    driver->emulator = g_strdup(emulator && *emulator ? emulator : QEMU_DEFAULT_EMULATOR);
    driver->events = qemuEventStateNew();

    if (qemuMakeDir(driver->configDir) < 0 ||
        qemuMakeDir(driver->stateDir) < 0 ||
        qemuMakeDir(driver->logDir) < 0 ||
        qemuMakeDir(driver->capsCacheDir) < 0 ||
        qemuDriverLockRoot(driver) < 0)
        goto error;
    if (!(driver->caps = qemuCapsCacheLookup(driver->emulator, driver->capsCacheDir)))
        goto error;
    qemuDriverFillDefaults(driver);
    if (!(driver->storage = qemuDriverStorageOpen(driver)))
        goto error;
    if (!(driver->workers = qemuProcessWorkersNew(driver)))
        goto error;
    qemuDomainConfigLoadAll(driver);
    qemuSnapshotLoadAll(driver);
    qemuDriverReconnect(driver);
    return driver;

 error:
    qemuDriverFree(driver);
    return NULL;
}

qemuDriver *
qemuDriverOf(virConnectPtr conn)
{
    return conn->privateData;
}

static qemuEventState *
qemuEventStateOfConn(virConnectPtr conn)
{
    return qemuDriverOf(conn)->events;
}

static bool
qemuDriverHasActive(qemuDriver *driver)
{
    bool active = false;
    size_t i;

    g_mutex_lock(&driver->lock);
    for (i = 0; i < driver->domains->len && !active; i++)
        active = qemuDomainObjIsActive(g_ptr_array_index(driver->domains, i));
    g_mutex_unlock(&driver->lock);
    return active;
}

/* ------------------------------------------------------------------ */
/* The daemon's state                                                 */

/* Inside virtkitd one state serves every client of qemu:///system or
 * qemu:///session: the domains are the daemon's, not a connection's.
 * Guarded by qemuDriversLock. */
static struct {
    bool configured;            /* qemuDaemonInit ran: this is virtkitd */
    bool privileged;            /* system: /system (and /session) */
    qemuDriverPaths paths;
    qemuDriver *driver;         /* made once, kept until the process ends */
} qemuDaemon;

/* The daemon's layout (docs/daemon-paths.md).  System: libvirt's paths
 * with virtkit for libvirt, below ROOT when given (ROOT/etc/virtkit/qemu,
 * ROOT/run/virtkit/qemu, ROOT/lib/virtkit/qemu, ROOT/log/virtkit/qemu,
 * ROOT/cache/virtkit/qemu), else /etc, /run and /var.  Session: the
 * user's XDG folders, as libvirt's session daemon. */
static void
qemuDaemonPaths(const char *root, bool privileged, qemuDriverPaths *ret_paths)
{
    if (privileged) {
        const char *prefix = root ? root : "";
        const char *var = root ? "" : "/var";

        ret_paths->configDir = g_strdup_printf("%s/etc/virtkit/qemu", prefix);
        ret_paths->stateDir = g_strdup_printf("%s/run/virtkit/qemu", prefix);
        ret_paths->libDir = g_strdup_printf("%s%s/lib/virtkit/qemu", prefix, var);
        ret_paths->logDir = g_strdup_printf("%s%s/log/virtkit/qemu", prefix, var);
        ret_paths->cacheDir = g_strdup_printf("%s%s/cache/virtkit/qemu", prefix, var);
    } else {
        ret_paths->configDir = g_build_filename(g_get_user_config_dir(), "virtkit", "qemu", NULL);
        ret_paths->stateDir = g_build_filename(g_get_user_runtime_dir(), "virtkit", "qemu", "run", NULL);
        ret_paths->libDir = g_build_filename(ret_paths->configDir, "lib", NULL);
        ret_paths->logDir = g_build_filename(g_get_user_cache_dir(), "virtkit", "qemu", "log", NULL);
        ret_paths->cacheDir = g_build_filename(g_get_user_cache_dir(), "virtkit", "qemu", "cache", NULL);
    }
    ret_paths->key = g_strdup(ret_paths->libDir);
}

/* Whether DIR holds a NAME.xml. */
static bool
qemuDirHasXML(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    while (d && (entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".xml"))
            return true;
    }
    return false;
}

/* Start the persistent domains marked autostart that do not run, as
 * libvirt's daemon does when it starts; a failure is logged and the
 * others go on. */
static void
qemuDriverAutostart(qemuDriver *driver)
{
    g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func((GDestroyNotify)qemuDomainObjUnref);
    size_t i;

    g_mutex_lock(&driver->lock);
    for (i = 0; i < driver->domains->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (obj->autostart && obj->persistent && !qemuDomainObjIsActive(obj))
            g_ptr_array_add(todo, qemuDomainObjRef(obj));
    }
    for (i = 0; i < todo->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(todo, i);
        int rc;

        if (!qemuDomainObjWaitIdle(driver, obj) || qemuDomainObjIsActive(obj))
            continue;
        VIR_DEBUG("autostarting %s", obj->def->name);
        if (obj->hasManagedSave)
            rc = qemuDomainStartManagedSave(driver, obj, 0);
        else
            rc = qemuProcessStart(driver, obj, 0);
        if (rc < 0) {
            VIR_WARN("cannot autostart domain %s: %s", obj->def->name,
                     virGetLastErrorMessage());
            virResetLastError();
        }
    }
    g_mutex_unlock(&driver->lock);
}

int
qemuDaemonInit(const char *root, bool privileged)
{
    g_autofree char *autostartDir = NULL;
    int ret = 0;

    g_mutex_lock(&qemuDriversLock);
    if (qemuDaemon.configured) {
        g_mutex_unlock(&qemuDriversLock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("the daemon's QEMU driver is already set up"));
        return -1;
    }
    qemuDaemon.configured = true;
    qemuDaemon.privileged = privileged;
    qemuDaemonPaths(root, privileged, &qemuDaemon.paths);

    /* domains to reattach to or to autostart: now; else at the first
     * connection, so a daemon serving other drivers never probes QEMU */
    autostartDir = g_strdup_printf("%s/autostart", qemuDaemon.paths.configDir);
    if (qemuDirHasXML(qemuDaemon.paths.stateDir) || qemuDirHasXML(autostartDir)) {
        if ((qemuDaemon.driver = qemuDriverNew(&qemuDaemon.paths)))
            qemuDriverAutostart(qemuDaemon.driver);
        else
            ret = -1;
    }
    g_mutex_unlock(&qemuDriversLock);
    return ret;
}

bool
qemuDaemonHasActive(void)
{
    bool active;

    g_mutex_lock(&qemuDriversLock);
    active = qemuDaemon.driver && qemuDriverHasActive(qemuDaemon.driver);
    g_mutex_unlock(&qemuDriversLock);
    return active;
}

/* qemu:///system or qemu:///session inside virtkitd (declined elsewhere:
 * the remote driver takes them to the daemon). */
static virDrvOpenStatus
qemuConnectOpenDaemon(virConnectPtr conn, virURI *uri)
{
    const char *path = uri->path ? uri->path : "";
    virDrvOpenStatus ret = VIR_DRV_OPEN_ERROR;
    bool known;

    g_mutex_lock(&qemuDriversLock);
    if (!qemuDaemon.configured) {
        ret = VIR_DRV_OPEN_DECLINED;
        goto cleanup;
    }
    known = g_str_equal(path, "/session") ||
            (qemuDaemon.privileged && g_str_equal(path, "/system"));
    if (!known) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected QEMU URI path '%s', try %s"), path,
                       qemuDaemon.privileged ? "qemu:///system" : "qemu:///session");
        goto cleanup;
    }
    if (!qemuDaemon.driver && !(qemuDaemon.driver = qemuDriverNew(&qemuDaemon.paths)))
        goto cleanup;
    conn->privateData = qemuDaemon.driver;
    ret = VIR_DRV_OPEN_SUCCESS;

 cleanup:
    g_mutex_unlock(&qemuDriversLock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Connections                                                        */

/* The state of qemu:///embed?root=ROOT (an absolute path), shared with
 * the other connections to it in this process. */
static virDrvOpenStatus
qemuConnectOpenEmbed(virConnectPtr conn, virURI *uri)
{
    g_autofree char *root = NULL;
    qemuDriverEntry *entry;
    const char *param;

    if (!(param = virURIGetParam(uri, "root"))) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Missing URI parameter 'root'"));
        return VIR_DRV_OPEN_ERROR;
    }
    if (!g_path_is_absolute(param)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("root path must be absolute"));
        return VIR_DRV_OPEN_ERROR;
    }
    root = g_canonicalize_filename(param, NULL);

    g_mutex_lock(&qemuDriversLock);
    if (!qemuDrivers)
        qemuDrivers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (!(entry = g_hash_table_lookup(qemuDrivers, root))) {
        g_auto(qemuDriverPaths) paths = { 0 };
        qemuDriver *driver;

        qemuDriverPathsEmbed(root, &paths);
        if (!(driver = qemuDriverNew(&paths))) {
            g_mutex_unlock(&qemuDriversLock);
            return VIR_DRV_OPEN_ERROR;
        }
        entry = g_new0(qemuDriverEntry, 1);
        entry->driver = driver;
        g_hash_table_insert(qemuDrivers, g_strdup(root), entry);
    }
    entry->conns++;
    conn->privateData = entry->driver;
    g_mutex_unlock(&qemuDriversLock);
    return VIR_DRV_OPEN_SUCCESS;
}

static virDrvOpenStatus
qemuConnectOpen(virConnectPtr conn,
                virURI *uri,
                virConnectAuthPtr auth G_GNUC_UNUSED,
                unsigned int flags G_GNUC_UNUSED)
{
    if (!uri || !uri->driver || g_ascii_strcasecmp(uri->driver, "qemu") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (uri->server && *uri->server)
        return VIR_DRV_OPEN_DECLINED;
    if (g_strcmp0(uri->path, "/embed") == 0)
        return qemuConnectOpenEmbed(conn, uri);
    /* qemu:///system and qemu:///session: served by the daemon's state
     * inside virtkitd, by the remote driver anywhere else */
    return qemuConnectOpenDaemon(conn, uri);
}

/* Destroy the domains started with VIR_DOMAIN_START_AUTODESTROY on CONN,
 * which is closing. */
static void
qemuDriverAutodestroy(qemuDriver *driver, virConnectPtr conn)
{
    g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func((GDestroyNotify)qemuDomainObjUnref);
    size_t i;

    g_mutex_lock(&driver->lock);
    for (i = 0; i < driver->domains->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (obj->autodestroyConn == conn && qemuDomainObjIsActive(obj))
            g_ptr_array_add(doomed, qemuDomainObjRef(obj));
    }
    for (i = 0; i < doomed->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(doomed, i);
        int id;

        if (!qemuDomainObjWaitIdle(driver, obj) || !qemuDomainObjIsActive(obj))
            continue;
        id = obj->def->id;

        VIR_DEBUG("destroying %s: its connection closed", obj->def->name);
        obj->beingDestroyed = true;
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
        qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    }
    g_mutex_unlock(&driver->lock);
}

static int
qemuConnectClose(virConnectPtr conn)
{
    qemuDriver *driver = qemuDriverOf(conn);
    qemuDriverEntry *entry;

    if (!driver)
        return 0;
    qemuDriverAutodestroy(driver, conn);
    conn->privateData = NULL;
    g_mutex_lock(&qemuDriversLock);
    /* the daemon's state is not in the table: it lives as long as the daemon */
    entry = qemuDrivers ? g_hash_table_lookup(qemuDrivers, driver->root) : NULL;
    if (entry && entry->driver == driver &&
        --entry->conns == 0 && !qemuDriverHasActive(driver)) {
        g_hash_table_remove(qemuDrivers, driver->root);
        qemuDriverFree(driver);
    }
    g_mutex_unlock(&qemuDriversLock);
    return 0;
}

static const char *
qemuConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return "QEMU";
}

static int
qemuConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    *hvVer = qemuCapsGetVersion(qemuDriverOf(conn)->caps);
    return 0;
}

static int
qemuConnectGetLibVersion(virConnectPtr conn G_GNUC_UNUSED, unsigned long *libVer)
{
    *libVer = 9000000;
    return 0;
}

static char *
qemuConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    return g_strdup(g_get_host_name());
}

static char *
qemuConnectGetURI(virConnectPtr conn)
{
    return g_strdup(conn->uristr);
}

static int
qemuConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

static int
qemuConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    /* in-process: nothing travels over a network */
    return 1;
}

static int
qemuConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}

static int
qemuConnectGetMaxVcpus(virConnectPtr conn, const char *type G_GNUC_UNUSED)
{
    qemuDriver *driver = qemuDriverOf(conn);
    const char *name = qemuCapsGetDefaultMachine(driver->caps);
    const qemuCapsMachine *machine = name ? qemuCapsGetMachine(driver->caps, name) : NULL;

    return machine ? machine->max_cpus : 255;
}

static char *
qemuConnectGetCapabilities(virConnectPtr conn)
{
    return qemuHostCapabilities(qemuDriverOf(conn));
}

static char *
qemuConnectGetDomainCapabilities(virConnectPtr conn,
                                 const char *emulatorbin,
                                 const char *arch,
                                 const char *machine,
                                 const char *virttype,
                                 unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(conn);
    g_autoptr(qemuCaps) caps = NULL;

    virCheckFlags(0, NULL);
    if (emulatorbin && strcmp(emulatorbin, driver->emulator) != 0) {
        if (!(caps = qemuCapsCacheLookup(emulatorbin, driver->capsCacheDir)))
            return NULL;
    } else {
        caps = qemuCapsRef(driver->caps);
    }
    return qemuCapsFormatDomainCaps(caps, virttype, machine, arch);
}

/* /proc/cpuinfo and /proc/meminfo, as libvirt's nodeinfo reads them. */
static int
qemuNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    g_autofree char *cpuinfo = NULL;
    g_autofree char *meminfo = NULL;
    g_autoptr(GHashTable) packages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_auto(GStrv) lines = NULL;
    unsigned int mhz = 0;
    unsigned int siblings = 0;
    unsigned int cores = 0;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t i;

    memset(info, 0, sizeof(*info));
    g_strlcpy(info->model, "x86_64", sizeof(info->model));
    if (g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL)) {
        lines = g_strsplit(cpuinfo, "\n", -1);
        for (i = 0; lines[i]; i++) {
            char *colon = strchr(lines[i], ':');
            if (!colon)
                continue;
            if (g_str_has_prefix(lines[i], "cpu MHz") && !mhz)
                mhz = (unsigned int)g_ascii_strtod(colon + 1, NULL);
            else if (g_str_has_prefix(lines[i], "physical id"))
                g_hash_table_add(packages, g_strdup(g_strstrip(colon + 1)));
            else if (g_str_has_prefix(lines[i], "siblings") && !siblings)
                siblings = atoi(colon + 1);
            else if (g_str_has_prefix(lines[i], "cpu cores") && !cores)
                cores = atoi(colon + 1);
        }
    }
    if (g_file_get_contents("/proc/meminfo", &meminfo, NULL, NULL)) {
        const char *p = strstr(meminfo, "MemTotal:");
        if (p)
            info->memory = g_ascii_strtoull(p + strlen("MemTotal:"), NULL, 10);
    }
    info->cpus = cpus > 0 ? cpus : 1;
    info->mhz = mhz;
    info->nodes = 1;
    info->sockets = MAX(g_hash_table_size(packages), 1);
    info->cores = cores ? cores : info->cpus / info->sockets;
    info->threads = cores && siblings ? MAX(siblings / cores, 1) : 1;
    if (info->sockets * info->cores * info->threads != info->cpus) {
        info->sockets = 1;
        info->cores = info->cpus;
        info->threads = 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Finding domains                                                    */

virDomainPtr
qemuDomainHandle(virConnectPtr conn, qemuDomainObj *obj)
{
    return virGetDomain(conn, obj->def->name, obj->def->uuid, obj->def->id);
}

qemuDomainObj *
qemuDomObjFromDomain(qemuDriver *driver, virDomainPtr dom)
{
    qemuDomainObj *obj = qemuDomainObjFindByUUID(driver, dom->uuid);

    /* a long operation on it runs unlocked: its end comes first */
    if (obj && !qemuDomainObjWaitIdle(driver, obj))
        obj = NULL;
    if (!obj) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(dom->uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%s' (%s)"),
                       uuidstr, dom->name);
    }
    return obj;
}

int
qemuDomainObjCheckActive(qemuDomainObj *obj)
{
    if (!qemuDomainObjIsActive(obj)) {
        qemuReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                              _("domain is not running"));
        return -1;
    }
    return 0;
}

static virDomainPtr
qemuDomainLookupByName(virConnectPtr conn, const char *name)
{
    qemuDriver *driver = qemuDriverOf(conn);
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomainObjFindByName(driver, name)))
        ret = qemuDomainHandle(conn, obj);
    else
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching name '%s'"), name);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
qemuDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    qemuDriver *driver = qemuDriverOf(conn);
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomainObjFindByUUID(driver, uuid))) {
        ret = qemuDomainHandle(conn, obj);
    } else {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%s'"), uuidstr);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
qemuDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    /* libvirt checks the text in its public API; report as it does */
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__,
                                  "virDomainLookupByUUIDString", __LINE__,
                                  "uuidstr", "%s", _("Invalid UUID"));
        return NULL;
    }
    return qemuDomainLookupByUUID(conn, uuid);
}

static virDomainPtr
qemuDomainLookupByID(virConnectPtr conn, int id)
{
    qemuDriver *driver = qemuDriverOf(conn);
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomainObjFindByID(driver, id)))
        ret = qemuDomainHandle(conn, obj);
    else
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching id %d"), id);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Listing                                                            */

void
qemuDomainListDescribe(void *opaque, virDomainListEntry *e)
{
    qemuDomainObj *obj = opaque;

    e->def = obj->def;
    e->active = qemuDomainObjIsActive(obj);
    e->persistent = obj->persistent;
    e->state = obj->state;
    e->managedSave = obj->hasManagedSave;
    e->autostart = obj->autostart;
    e->snapshots = qemuSnapshotCountOf(obj);
    e->checkpoints = 0;         /* no checkpoints in this driver */
}

static virDomainPtr
qemuDomainListHandle(virConnectPtr conn, void *obj)
{
    return qemuDomainHandle(conn, obj);
}

/* The driver's domains for the listing calls (conf/domain_list.h). */
static virDomainList
qemuDomainListOf(virConnectPtr conn)
{
    qemuDriver *driver = qemuDriverOf(conn);
    virDomainList list = {
        &driver->lock, driver->domains, qemuDomainListDescribe,
        qemuDomainListHandle,
    };

    return list;
}

static int
qemuConnectListAllDomains(virConnectPtr conn,
                          virDomainPtr **domains,
                          unsigned int flags)
{
    virDomainList list = qemuDomainListOf(conn);

    return virDomainListAll(&list, conn, domains, flags);
}

static int
qemuConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    virDomainList list = qemuDomainListOf(conn);

    return virDomainListIDs(&list, ids, maxids);
}

static int
qemuConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    virDomainList list = qemuDomainListOf(conn);

    return virDomainListInactiveNames(&list, names, maxnames);
}

static int
qemuConnectNumOfDomains(virConnectPtr conn)
{
    virDomainList list = qemuDomainListOf(conn);

    return virDomainListCount(&list, true);
}

static int
qemuConnectNumOfDefinedDomains(virConnectPtr conn)
{
    virDomainList list = qemuDomainListOf(conn);

    return virDomainListCount(&list, false);
}

/* ------------------------------------------------------------------ */
/* Define and undefine                                                */

virDomainDef *
qemuDomainDefParse(qemuDriver *driver, const char *xml, unsigned int parseFlags)
{
    g_autoptr(virDomainDef) def = NULL;

    if (!(def = virDomainDefParseString(xml, parseFlags)))
        return NULL;
    if (def->virtType != VIR_DOMAIN_VIRT_QEMU && def->virtType != VIR_DOMAIN_VIRT_KVM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%s' does not support virt type '%s'"),
                       def->emulator ? def->emulator : driver->emulator,
                       virDomainVirtTypeToString(def->virtType));
        return NULL;
    }
    if (qemuDomainDefAddDefaults(def, &driver->defaultsInfo) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

static virDomainPtr
qemuDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(conn);
    virDomainDef *def;
    virDomainDef *old = NULL;
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;
    bool existed = false;
    bool wasPersistent = false;
    bool wasUpdated = false;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = qemuDomainDefParse(driver, xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomainObjFindByUUID(driver, def->uuid))) {
        existed = true;
        wasPersistent = obj->persistent;
        wasUpdated = obj->updated;
    }
    if (!(obj = qemuDomainObjListAdd(driver, def, false, &old))) {
        virDomainDefFree(def);
        goto cleanup;
    }
    if (qemuDomainConfigSave(driver, def) < 0) {
        /* back to how it was: the definition we put in goes again */
        if (!existed) {
            obj->def = NULL;
            qemuDomainObjListRemove(driver, obj);
        } else if (qemuDomainObjIsActive(obj)) {
            obj->newDef = old;
            obj->persistent = wasPersistent;
            obj->updated = wasUpdated;
            old = NULL;
        } else {
            obj->def = old;
            old = NULL;
        }
        virDomainDefFree(def);
        virDomainDefFree(old);
        goto cleanup;
    }
    virDomainDefFree(old);
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, VIR_DOMAIN_EVENT_DEFINED,
                           existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                   : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ret = qemuDomainHandle(conn, obj);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
qemuDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return qemuDomainDefineXMLFlags(conn, xml, 0);
}

static int
qemuDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM |
                  VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot undefine transient domain"));
        goto cleanup;
    }
    if (qemuSnapshotCountOf(obj) > 0) {
        if (!(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot delete inactive domain with %d snapshots"),
                           qemuSnapshotCountOf(obj));
            goto cleanup;
        }
        qemuSnapshotDropMetadata(driver, obj);
    }
    if (obj->hasManagedSave) {
        if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("Refusing to undefine while domain managed save image exists"));
            goto cleanup;
        }
        if (qemuDomainManagedSaveDelete(driver, obj) < 0)
            goto cleanup;
    }
    if (qemuDomainConfigDelete(driver, obj->def->name) < 0)
        goto cleanup;
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, VIR_DOMAIN_EVENT_UNDEFINED,
                           VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    obj->autostart = false;
    if (qemuDomainObjIsActive(obj)) {
        /* it runs on as a transient domain */
        obj->persistent = false;
        g_clear_pointer(&obj->newDef, virDomainDefFree);
    } else {
        qemuDomainObjListRemove(driver, obj);
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainUndefine(virDomainPtr dom)
{
    return qemuDomainUndefineFlags(dom, 0);
}

/* ------------------------------------------------------------------ */
/* Information                                                        */

static char *
qemuDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    unsigned int fmt = 0;
    char *ret = NULL;

    virCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    if (flags & VIR_DOMAIN_XML_SECURE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    if (flags & (VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE))
        fmt |= VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    if (flags & VIR_DOMAIN_XML_MIGRATABLE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_MIGRATABLE;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        virDomainDef *def = obj->def;
        if ((flags & VIR_DOMAIN_XML_INACTIVE) && obj->newDef)
            def = obj->newDef;
        ret = virDomainDefFormat(def, fmt);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        *autostart = obj->autostart;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSetAutostart(virDomainPtr dom, int autostart)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot set autostart for transient domain"));
        goto cleanup;
    }
    if (obj->autostart != !!autostart) {
        if (qemuDomainAutostartSet(driver, obj->def->name, !!autostart) < 0)
            goto cleanup;
        obj->autostart = !!autostart;
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* One boolean question about the domain of DOM. */
typedef enum {
    QEMU_ASK_ACTIVE,
    QEMU_ASK_PERSISTENT,
    QEMU_ASK_UPDATED,
} qemuDomainQuestion;

static int
qemuDomainAsk(virDomainPtr dom, qemuDomainQuestion question)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        switch (question) {
        case QEMU_ASK_ACTIVE:
            ret = qemuDomainObjIsActive(obj);
            break;
        case QEMU_ASK_PERSISTENT:
            ret = obj->persistent;
            break;
        case QEMU_ASK_UPDATED:
            ret = obj->updated;
            break;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainIsActive(virDomainPtr dom)
{
    return qemuDomainAsk(dom, QEMU_ASK_ACTIVE);
}

static int
qemuDomainIsPersistent(virDomainPtr dom)
{
    return qemuDomainAsk(dom, QEMU_ASK_PERSISTENT);
}

static int
qemuDomainIsUpdated(virDomainPtr dom)
{
    return qemuDomainAsk(dom, QEMU_ASK_UPDATED);
}

static int
qemuDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        *state = obj->state;
        if (reason)
            *reason = obj->reason;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        memset(info, 0, sizeof(*info));
        info->state = obj->state;
        info->maxMem = obj->def->memory;
        info->memory = obj->def->currentMemory ? obj->def->currentMemory
                                               : obj->def->memory;
        info->nrVirtCpu = obj->def->vcpus;
        /* while it runs, currentMemory follows QEMU's BALLOON_CHANGE
         * events: no monitor round trip here, as in libvirt */
        if (qemuDomainObjIsActive(obj))
            info->cpuTime = qemuProcessGetCPUTime(obj->pid);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
qemuDomainGetOSType(virDomainPtr dom)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    char *ret = NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)))
        ret = g_strdup(virDomainOSTypeToString(obj->def->os.type));
    g_mutex_unlock(&driver->lock);
    return ret;
}

static unsigned long
qemuDomainGetMaxMemory(virDomainPtr dom)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    unsigned long ret = 0;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)))
        ret = obj->def->memory;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Lifecycle                                                          */

static int
qemuDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT |
                  VIR_DOMAIN_START_RESET_NVRAM, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (qemuDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain is already running"));
        goto cleanup;
    }
    if (obj->hasManagedSave && (flags & VIR_DOMAIN_START_FORCE_BOOT) &&
        qemuDomainManagedSaveDelete(driver, obj) < 0)
        goto cleanup;
    if (obj->hasManagedSave) {
        if (qemuDomainStartManagedSave(driver, obj, (flags & VIR_DOMAIN_START_PAUSED) ?
                                                    QEMU_PROCESS_START_PAUSED : 0) < 0)
            goto cleanup;
    } else if (qemuProcessStart(driver, obj, (flags & VIR_DOMAIN_START_PAUSED) ?
                                             QEMU_PROCESS_START_PAUSED : 0) < 0) {
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        obj->autodestroyConn = dom->conn;
    dom->id = obj->def->id;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainCreate(virDomainPtr dom)
{
    return qemuDomainCreateWithFlags(dom, 0);
}

static virDomainPtr
qemuDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(conn);
    virDomainDef *def;
    virDomainDef *old = NULL;
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;
    bool existed;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = qemuDomainDefParse(driver, xml, 0)))
        return NULL;

    g_mutex_lock(&driver->lock);
    existed = qemuDomainObjFindByUUID(driver, def->uuid) != NULL;
    if (!(obj = qemuDomainObjListAdd(driver, def, true, &old))) {
        virDomainDefFree(def);
        goto cleanup;
    }
    virDomainDefFree(old);
    if (qemuProcessStart(driver, obj, (flags & VIR_DOMAIN_START_PAUSED) ?
                                      QEMU_PROCESS_START_PAUSED : 0) < 0) {
        if (!existed)
            qemuDomainObjListRemove(driver, obj);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_START_AUTODESTROY)
        obj->autodestroyConn = conn;
    ret = qemuDomainHandle(conn, obj);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;
    int id;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    id = obj->def->id;
    obj->beingDestroyed = true;
    qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
    qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    dom->id = -1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainDestroy(virDomainPtr dom)
{
    return qemuDomainDestroyFlags(dom, 0);
}

/* Run FUNC on the monitor of the running domain DOM (driver->lock held
 * for the whole call: see qemu_domainobj.h). */
typedef int (*qemuDomainMonitorFunc)(qemuDriver *driver, qemuDomainObj *obj);

static int
qemuDomainWithMonitor(virDomainPtr dom, qemuDomainMonitorFunc func)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0)
        ret = func(driver, obj);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainShutdownMonitor(qemuDriver *driver G_GNUC_UNUSED, qemuDomainObj *obj)
{
    return qemuMonitorSystemPowerdown(obj->mon);
}

static int
qemuDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, -1);
    return qemuDomainWithMonitor(dom, qemuDomainShutdownMonitor);
}

static int
qemuDomainShutdown(virDomainPtr dom)
{
    return qemuDomainShutdownFlags(dom, 0);
}

/* libvirt's ACPI reboot: the power button, and at the guest's SHUTDOWN
 * a reset instead of the end of QEMU. */
static int
qemuDomainRebootMonitor(qemuDriver *driver G_GNUC_UNUSED, qemuDomainObj *obj)
{
    if (qemuMonitorSystemPowerdown(obj->mon) < 0)
        return -1;
    obj->fakeReboot = true;
    return 0;
}

static int
qemuDomainReboot(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_REBOOT_ACPI_POWER_BTN, -1);
    return qemuDomainWithMonitor(dom, qemuDomainRebootMonitor);
}

static int
qemuDomainResetMonitor(qemuDriver *driver G_GNUC_UNUSED, qemuDomainObj *obj)
{
    return qemuMonitorSystemReset(obj->mon);
}

static int
qemuDomainReset(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(0, -1);
    return qemuDomainWithMonitor(dom, qemuDomainResetMonitor);
}

/* Pausing and resuming leave the status file alone: it is rewritten at
 * every other change, and a process that takes the guest back asks QEMU
 * whether it runs (qemuProcessReattach).  Two file replacements would
 * otherwise more than double the time of a pause and a resume. */
static int
qemuDomainSuspendMonitor(qemuDriver *driver, qemuDomainObj *obj)
{
    if (obj->state == VIR_DOMAIN_PAUSED)
        return 0;
    obj->expectStop++;
    if (qemuMonitorStopCPUs(obj->mon) < 0) {
        obj->expectStop--;
        return -1;
    }
    obj->state = VIR_DOMAIN_PAUSED;
    obj->reason = VIR_DOMAIN_PAUSED_USER;
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, VIR_DOMAIN_EVENT_SUSPENDED,
                           VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

static int
qemuDomainSuspend(virDomainPtr dom)
{
    return qemuDomainWithMonitor(dom, qemuDomainSuspendMonitor);
}

static int
qemuDomainResumeMonitor(qemuDriver *driver, qemuDomainObj *obj)
{
    if (obj->state == VIR_DOMAIN_RUNNING)
        return 0;
    obj->expectResume++;
    if (qemuMonitorStartCPUs(obj->mon) < 0) {
        obj->expectResume--;
        return -1;
    }
    obj->state = VIR_DOMAIN_RUNNING;
    obj->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, VIR_DOMAIN_EVENT_RESUMED,
                           VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

static int
qemuDomainResume(virDomainPtr dom)
{
    return qemuDomainWithMonitor(dom, qemuDomainResumeMonitor);
}

static int
qemuDomainQemuMonitorCommand(virDomainPtr dom, const char *cmd,
                             char **result, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0) {
        /* the caller may change anything behind our back: as libvirt,
         * the domain is then "tainted", and QEMU's events still tell us
         * about state changes */
        if (flags & VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
            ret = qemuMonitorHumanCommand(obj->mon, cmd, result);
        else
            ret = qemuMonitorCommandText(obj->mon, cmd, result);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Console streams                                                    */

/* A stream joined to a pty: reads and writes go straight to the fd; a
 * blocking read waits in poll() on the pty and on a pipe that Abort and
 * Finish write to, so closing the stream wakes a reader. */
typedef struct {
    int fd;
    int wake[2];
    bool closed;
    int watch;                  /* virEventAddHandle, or -1 */
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
    virStreamPtr st;            /* not a reference: lives in it */
} qemuConsoleStream;

static void
qemuConsoleStreamFree(void *data)
{
    qemuConsoleStream *cs = data;

    if (cs->watch >= 0)
        virEventRemoveHandle(cs->watch);
    if (cs->fd >= 0)
        close(cs->fd);
    if (cs->wake[0] >= 0)
        close(cs->wake[0]);
    if (cs->wake[1] >= 0)
        close(cs->wake[1]);
    g_free(cs);
}

static int
qemuConsoleStreamCheckOpen(qemuConsoleStream *cs)
{
    if (cs->closed) {
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_RPC, __FILE__, __func__,
                             __LINE__, "%s", _("stream is not open"));
        return -1;
    }
    return 0;
}

static int
qemuConsoleStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    qemuConsoleStream *cs = st->privateData;
    bool nonblock = st->flags & VIR_STREAM_NONBLOCK;

    for (;;) {
        struct pollfd fds[2] = {
            { .fd = cs->fd, .events = POLLIN },
            { .fd = cs->wake[0], .events = POLLIN },
        };
        ssize_t n;

        if (qemuConsoleStreamCheckOpen(cs) < 0)
            return -1;
        n = read(cs->fd, data, nbytes);
        if (n >= 0)
            return n;
        if (errno == EIO)
            return 0;       /* QEMU closed its side: the guest is gone */
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            virReportSystemError(errno, "%s", _("cannot read from console"));
            return -1;
        }
        if (nonblock)
            return -2;
        if (poll(fds, 2, -1) < 0 && errno != EINTR) {
            virReportSystemError(errno, "%s", _("cannot wait for the console"));
            return -1;
        }
    }
}

static int
qemuConsoleStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    qemuConsoleStream *cs = st->privateData;
    bool nonblock = st->flags & VIR_STREAM_NONBLOCK;
    size_t done = 0;

    while (done < nbytes) {
        struct pollfd fds[2] = {
            { .fd = cs->fd, .events = POLLOUT },
            { .fd = cs->wake[0], .events = POLLIN },
        };
        ssize_t n;

        if (qemuConsoleStreamCheckOpen(cs) < 0)
            return -1;
        n = write(cs->fd, data + done, nbytes - done);
        if (n >= 0) {
            done += n;
            if (nonblock)
                break;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            virReportSystemError(errno, "%s", _("cannot write to console"));
            return -1;
        }
        if (nonblock)
            return done ? (int)done : -2;
        if (poll(fds, 2, -1) < 0 && errno != EINTR) {
            virReportSystemError(errno, "%s", _("cannot wait for the console"));
            return -1;
        }
    }
    return done;
}

static int
qemuConsoleStreamClose(virStreamPtr st)
{
    qemuConsoleStream *cs = st->privateData;
    char c = 0;

    if (!cs->closed) {
        cs->closed = true;
        if (write(cs->wake[1], &c, 1) < 0)
            VIR_DEBUG("console wake pipe full");
    }
    return 0;
}

static void
qemuConsoleStreamWatch(int watch G_GNUC_UNUSED, int fd G_GNUC_UNUSED,
                       int events, void *opaque)
{
    qemuConsoleStream *cs = opaque;

    if (cs->cb)
        cs->cb(cs->st, events, cs->opaque);
}

static int
qemuConsoleStreamEventAdd(virStreamPtr st, int events, virStreamEventCallback cb,
                          void *opaque, virFreeCallback ff)
{
    qemuConsoleStream *cs = st->privateData;

    if (cs->watch >= 0) {
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__,
                             __func__, __LINE__, "%s",
                             _("stream already has a callback registered"));
        return -1;
    }
    if ((cs->watch = virEventAddHandle(cs->fd, events, qemuConsoleStreamWatch,
                                       cs, NULL)) < 0) {
        virReportErrorHelper(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, __FILE__,
                             __func__, __LINE__, "%s",
                             _("cannot register file watch on stream"));
        return -1;
    }
    cs->cb = cb;
    cs->opaque = opaque;
    cs->ff = ff;
    return 0;
}

static int
qemuConsoleStreamEventUpdate(virStreamPtr st, int events)
{
    qemuConsoleStream *cs = st->privateData;

    if (cs->watch >= 0)
        virEventUpdateHandle(cs->watch, events);
    return 0;
}

static int
qemuConsoleStreamEventRemove(virStreamPtr st)
{
    qemuConsoleStream *cs = st->privateData;

    if (cs->watch >= 0) {
        virEventRemoveHandle(cs->watch);
        cs->watch = -1;
    }
    if (cs->ff)
        cs->ff(cs->opaque);
    cs->cb = NULL;
    cs->ff = NULL;
    return 0;
}

static const virStreamDriver qemuConsoleStreamDriver = {
    .streamSend = qemuConsoleStreamSend,
    .streamRecv = qemuConsoleStreamRecv,
    .streamEventAddCallback = qemuConsoleStreamEventAdd,
    .streamEventUpdateCallback = qemuConsoleStreamEventUpdate,
    .streamEventRemoveCallback = qemuConsoleStreamEventRemove,
    .streamFinish = qemuConsoleStreamClose,
    .streamAbort = qemuConsoleStreamClose,
};

/* The character device DEVNAME (an alias, NULL: the first console or
 * serial port) of DEF. */
static virDomainChrDef *
qemuDomainFindConsole(virDomainDef *def, const char *devname)
{
    size_t i;

    if (!devname) {
        if (def->nconsoles > 0)
            return def->consoles[0];
        return def->nserials > 0 ? def->serials[0] : NULL;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (g_strcmp0(def->consoles[i]->info.alias, devname) == 0)
            return def->consoles[i];
    }
    for (i = 0; i < def->nserials; i++) {
        if (g_strcmp0(def->serials[i]->info.alias, devname) == 0)
            return def->serials[i];
    }
    for (i = 0; i < def->nchannels; i++) {
        if (g_strcmp0(def->channels[i]->info.alias, devname) == 0)
            return def->channels[i];
    }
    return NULL;
}

static int
qemuDomainOpenConsole(virDomainPtr dom, const char *dev_name,
                      virStreamPtr st, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainChrDef *chr;
    qemuConsoleStream *cs = NULL;
    struct termios tio;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE, -1);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!(chr = qemuDomainFindConsole(obj->def, dev_name))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot find character device %s"),
                       dev_name ? dev_name : "(null)");
        goto cleanup;
    }
    if (chr->source.type != VIR_DOMAIN_CHR_TYPE_PTY || !chr->source.path) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("character device %s is not using a PTY"),
                       dev_name ? dev_name : (chr->info.alias ? chr->info.alias : "(null)"));
        goto cleanup;
    }

    cs = g_new0(qemuConsoleStream, 1);
    cs->fd = -1;
    cs->wake[0] = cs->wake[1] = -1;
    cs->watch = -1;
    cs->st = st;
    if ((cs->fd = open(chr->source.path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("Unable to open '%s'"), chr->source.path);
        goto cleanup;
    }
    /* raw: the guest's terminal does the echo and line editing */
    if (tcgetattr(cs->fd, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(cs->fd, TCSANOW, &tio);
    }
    if (!g_unix_open_pipe(cs->wake, FD_CLOEXEC, NULL)) {
        virReportSystemError(errno, "%s", _("cannot create a pipe"));
        goto cleanup;
    }
    fcntl(cs->wake[1], F_SETFL, O_NONBLOCK);
    virStreamSetDriver(st, &qemuConsoleStreamDriver, cs, qemuConsoleStreamFree);
    cs = NULL;
    ret = 0;

 cleanup:
    if (cs)
        qemuConsoleStreamFree(cs);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static const char *const qemuURISchemes[] = { "qemu", NULL };

static virHypervisorDriver qemuHypervisorDriver = {
    .name = "QEMU",
    .uriSchemes = qemuURISchemes,
    .connectOpen = qemuConnectOpen,
    .connectClose = qemuConnectClose,
    .connectGetType = qemuConnectGetType,
    .connectGetVersion = qemuConnectGetVersion,
    .connectGetLibVersion = qemuConnectGetLibVersion,
    .connectGetHostname = qemuConnectGetHostname,
    .connectGetURI = qemuConnectGetURI,
    .connectGetCapabilities = qemuConnectGetCapabilities,
    .connectGetDomainCapabilities = qemuConnectGetDomainCapabilities,
    .connectGetMaxVcpus = qemuConnectGetMaxVcpus,
    .connectIsAlive = qemuConnectIsAlive,
    .connectIsSecure = qemuConnectIsSecure,
    .connectIsEncrypted = qemuConnectIsEncrypted,
    .nodeGetInfo = qemuNodeGetInfo,
    .nodeGetCPUStats = qemuHostNodeGetCPUStats,
    .nodeGetMemoryStats = qemuHostNodeGetMemoryStats,
    .nodeGetCellsFreeMemory = qemuHostNodeGetCellsFreeMemory,
    .nodeGetFreeMemory = qemuHostNodeGetFreeMemory,
    .connectListAllDomains = qemuConnectListAllDomains,
    .connectListDomains = qemuConnectListDomains,
    .connectNumOfDomains = qemuConnectNumOfDomains,
    .connectListDefinedDomains = qemuConnectListDefinedDomains,
    .connectNumOfDefinedDomains = qemuConnectNumOfDefinedDomains,
    .domainLookupByName = qemuDomainLookupByName,
    .domainLookupByUUID = qemuDomainLookupByUUID,
    .domainLookupByUUIDString = qemuDomainLookupByUUIDString,
    .domainLookupByID = qemuDomainLookupByID,
    .domainDefineXML = qemuDomainDefineXML,
    .domainDefineXMLFlags = qemuDomainDefineXMLFlags,
    .domainUndefine = qemuDomainUndefine,
    .domainUndefineFlags = qemuDomainUndefineFlags,
    .domainGetXMLDesc = qemuDomainGetXMLDesc,
    .domainGetAutostart = qemuDomainGetAutostart,
    .domainSetAutostart = qemuDomainSetAutostart,
    .domainIsActive = qemuDomainIsActive,
    .domainIsPersistent = qemuDomainIsPersistent,
    .domainIsUpdated = qemuDomainIsUpdated,
    .domainGetState = qemuDomainGetState,
    .domainGetInfo = qemuDomainGetInfo,
    .domainGetOSType = qemuDomainGetOSType,
    .domainGetMaxMemory = qemuDomainGetMaxMemory,
    .domainCreate = qemuDomainCreate,
    .domainCreateWithFlags = qemuDomainCreateWithFlags,
    .domainCreateXML = qemuDomainCreateXML,
    .domainDestroy = qemuDomainDestroy,
    .domainDestroyFlags = qemuDomainDestroyFlags,
    .domainShutdown = qemuDomainShutdown,
    .domainShutdownFlags = qemuDomainShutdownFlags,
    .domainReboot = qemuDomainReboot,
    .domainReset = qemuDomainReset,
    .domainSuspend = qemuDomainSuspend,
    .domainResume = qemuDomainResume,
    .domainOpenConsole = qemuDomainOpenConsole,
    .domainQemuMonitorCommand = qemuDomainQemuMonitorCommand,
};

static virConnectDriver qemuConnectDriver = {
    .hypervisorDriver = &qemuHypervisorDriver,
    .storageDriver = &virStorageDriverTable,
};

void
qemuRegister(void)
{
    qemuEventRegister(&qemuHypervisorDriver, qemuEventStateOfConn);
    qemuStatsRegister(&qemuHypervisorDriver);
    qemuSaveRegister(&qemuHypervisorDriver);
    qemuMigrationRegister(&qemuHypervisorDriver);
    qemuHotplugRegister(&qemuHypervisorDriver);
    qemuSnapshotRegister(&qemuHypervisorDriver);
    virRegisterConnectDriver(&qemuConnectDriver);
}
