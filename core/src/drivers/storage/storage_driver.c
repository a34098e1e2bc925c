/*
 * storage_driver.c: storage pools and volumes on the host.
 *
 * One virStorageState per hypervisor driver state that hosts the storage
 * driver (see driver_storage.h).  Pools are kept as libvirt keeps them:
 * persistent definitions in CONFIGDIR/NAME.xml, autostart links in
 * CONFIGDIR/autostart/NAME.xml, and a running pool's definition in
 * STATEDIR/NAME.xml for as long as it runs (so a new process takes it up
 * again); STATEDIR/autostarted says autostart was done.  Pool types:
 *
 *   dir  a folder: build makes it (mode, owner), start checks it;
 *   fs   a block device with a filesystem: build runs mkfs (NO_OVERWRITE
 *        or no flag refuses a device that already has one), start mounts
 *        it on the target folder, stop unmounts it;
 *   logical  an LVM volume group on the source devices: build runs
 *        pvcreate and vgcreate, start/stop activate it, delete removes it;
 *        its volumes are the logical volumes (lvcreate, lvremove; these
 *        need the kernel's device-mapper).
 *
 * The volumes of dir and fs pools are the regular files (and folders) of
 * the target folder, found by refresh; formats come from qemu-img
 * (storage_util.c).  Every
 * function runs under the state's lock, the tools it runs included.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver_storage.h"
#include "storage_conf.h"
#include "storage_util.h"
#include "stream_internal.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* The message of the last error, for a warning before it is reset. */
static const char *
storageLastMessage(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->message ? err->message : "";
}

typedef virStoragePoolObj storagePool;

struct _virStorageState {
    const void *owner;
    char *configDir;
    char *autostartDir;
    char *stateDir;
    virDriverEventState *events;
    GMutex lock;
    GPtrArray *pools;            /* storagePool * */
};

static GMutex storageStatesLock;
static GPtrArray *storageStates;   /* virStorageState * */

/* ------------------------------------------------------------------ */
/* Events                                                             */

static void
storageEmitLifecycle(virStorageState *state, storagePool *pool, int event)
{
    virDriverEvent *ev = virDriverEventNew(VIR_DRIVER_EVENT_POOL,
                                           VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                           pool->def->name, pool->def->uuid);

    ev->i1 = event;
    ev->i2 = 0;
    virDriverEventQueue(state->events, ev);
}

static void
storageEmitRefresh(virStorageState *state, storagePool *pool)
{
    virDriverEventQueue(state->events,
                        virDriverEventNew(VIR_DRIVER_EVENT_POOL,
                                          VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                          pool->def->name, pool->def->uuid));
}

/* ------------------------------------------------------------------ */
/* Files of the state                                                 */

static char *
storageConfigFile(virStorageState *state, const char *name)
{
    return g_strdup_printf("%s/%s.xml", state->configDir, name);
}

static char *
storageAutostartLink(virStorageState *state, const char *name)
{
    return g_strdup_printf("%s/%s.xml", state->autostartDir, name);
}

static char *
storageStateFile(virStorageState *state, const char *name)
{
    return g_strdup_printf("%s/%s.xml", state->stateDir, name);
}

static int
storageWriteDef(const char *path, const virStoragePoolDef *def)
{
    g_autofree char *xml = virStoragePoolDefFormat(def);
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents(path, xml, -1, &err)) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("cannot write '%s': %s"),
                       path, err->message);
        return -1;
    }
    return 0;
}

static int
storageMakeDir(const char *path)
{
    if (g_mkdir_with_parents(path, 0755) < 0) {
        virReportSystemError(errno, _("cannot create directory '%s'"), path);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Pool types                                                         */

static bool
storageIsMounted(const char *target)
{
    g_autofree char *mounts = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/mounts", &mounts, NULL, NULL))
        return false;
    lines = g_strsplit(mounts, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", 3);
        if (f[0] && f[1] && strcmp(f[1], target) == 0)
            return true;
    }
    return false;
}

static const char *
storagePoolDevice(storagePool *pool)
{
    if (pool->def->devices->len != 1) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing source device"));
        return NULL;
    }
    return g_ptr_array_index(pool->def->devices, 0);
}

/* ---- logical: an LVM volume group (srcName) on the source devices ---- */

static const char *
storageVGName(storagePool *pool)
{
    return pool->def->srcName ? pool->def->srcName : pool->def->name;
}

static bool
storagePoolIsLogical(storagePool *pool)
{
    return pool->def->type == VIR_STORAGE_POOL_TYPE_LOGICAL;
}

/* The filesystem or label type on DEVICE (NULL when blkid finds none). */
static char *
storageProbeDeviceType(const char *device)
{
    const char *probe[] = { "blkid", "-o", "value", "-s", "TYPE", device, NULL };
    g_autofree char *found = NULL;

    /* blkid exits 2 when it finds nothing */
    if (storageRun(probe, &found) < 0) {
        virResetLastError();
        return NULL;
    }
    if (!*g_strstrip(found))
        return NULL;
    return g_steal_pointer(&found);
}

/* mkfs for an fs pool: refused when the device has a filesystem already
 * unless OVERWRITE. */
static int
storageBuildFs(storagePool *pool, unsigned int flags)
{
    const char *device = storagePoolDevice(pool);
    const char *format = pool->def->srcFormat;
    g_autofree char *found = NULL;

    if (!device)
        return -1;
    /* without a format there is nothing to make, as in libvirt */
    if (!format || strcmp(format, "auto") == 0)
        return 0;
    if (!(flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
        (found = storageProbeDeviceType(device))) {
        virReportError(VIR_ERR_STORAGE_POOL_BUILT,
                       _("Device '%s' already formatted using '%s'"), device, found);
        return -1;
    }
    {
        const char *mkfs[] = { "mkfs", "-t", format, device, NULL };
        const char *mkfsForce[] = { "mkfs", "-t", format, "-F", device, NULL };
        bool ext = g_str_has_prefix(format, "ext");

        return storageRun(ext ? mkfsForce : mkfs, NULL);
    }
}

static int
storagePoolBuildTarget(storagePool *pool)
{
    const virStoragePerms *perms = &pool->def->perms;
    mode_t mode = perms->mode ? strtoul(perms->mode, NULL, 8) : 0711;
    const char *path = pool->def->targetPath;

    if (g_mkdir_with_parents(path, mode) < 0) {
        virReportSystemError(errno, _("cannot create path '%s'"), path);
        return -1;
    }
    if (chmod(path, mode) < 0) {
        virReportSystemError(errno, _("cannot set mode of '%s' to %04o"), path, mode);
        return -1;
    }
    if ((perms->owner || perms->group) &&
        chown(path, perms->owner ? (uid_t)atoi(perms->owner) : (uid_t)-1,
              perms->group ? (gid_t)atoi(perms->group) : (gid_t)-1) < 0) {
        virReportSystemError(errno, _("cannot chown '%s'"), path);
        return -1;
    }
    return 0;
}

/* pvcreate on each source device, then vgcreate. */
static int
storageBuildLogical(storagePool *pool, unsigned int flags)
{
    g_autoptr(GPtrArray) vg = g_ptr_array_new();
    size_t i;

    if (pool->def->devices->len == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("cannot build logical storage pool without source devices"));
        return -1;
    }
    g_ptr_array_add(vg, (char *)"vgcreate");
    g_ptr_array_add(vg, (char *)storageVGName(pool));
    for (i = 0; i < pool->def->devices->len; i++) {
        const char *device = g_ptr_array_index(pool->def->devices, i);
        const char *pv[] = { "pvcreate", "-ff", "-y", device, NULL };
        g_autofree char *found = NULL;

        if (!(flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
            (found = storageProbeDeviceType(device))) {
            virReportError(VIR_ERR_STORAGE_POOL_BUILT,
                           _("Device '%s' already formatted using '%s'"), device, found);
            return -1;
        }
        if (storageRun(pv, NULL) < 0)
            return -1;
        g_ptr_array_add(vg, (char *)device);
    }
    g_ptr_array_add(vg, NULL);
    return storageRun((const char *const *)vg->pdata, NULL);
}

/* vgremove, then pvremove on each source device. */
static int
storageDeleteLogical(storagePool *pool)
{
    const char *vg[] = { "vgremove", "-f", storageVGName(pool), NULL };
    size_t i;

    if (storageRun(vg, NULL) < 0)
        return -1;
    for (i = 0; i < pool->def->devices->len; i++) {
        const char *pv[] = { "pvremove", "-f", g_ptr_array_index(pool->def->devices, i), NULL };

        if (storageRun(pv, NULL) < 0)
            return -1;
    }
    return 0;
}

/* The size and free space of the volume group, and its logical volumes. */
static int
storageRefreshLogical(storagePool *pool, GPtrArray *vols)
{
    const char *vgs[] = { "vgs", "--noheadings", "--units", "b", "--nosuffix",
                          "--separator", ":", "-o", "vg_size,vg_free",
                          storageVGName(pool), NULL };
    const char *lvs[] = { "lvs", "--noheadings", "--units", "b", "--nosuffix",
                          "--separator", ":", "-o", "lv_name,lv_size",
                          storageVGName(pool), NULL };
    g_autofree char *out = NULL;
    g_autofree char *lvout = NULL;
    g_auto(GStrv) f = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (storageRun(vgs, &out) < 0 || storageRun(lvs, &lvout) < 0)
        return -1;
    f = g_strsplit(g_strstrip(out), ":", -1);
    if (g_strv_length(f) < 2) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot parse the size of volume group '%s'"), storageVGName(pool));
        return -1;
    }
    pool->def->capacity = g_ascii_strtoull(f[0], NULL, 10);
    pool->def->available = g_ascii_strtoull(f[1], NULL, 10);
    pool->def->allocation = pool->def->capacity - pool->def->available;
    lines = g_strsplit(lvout, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) lv = g_strsplit(g_strstrip(lines[i]), ":", -1);
        virStorageVolDef *vol;

        if (g_strv_length(lv) < 2)
            continue;
        vol = g_new0(virStorageVolDef, 1);
        vol->name = g_strdup(lv[0]);
        vol->key = g_strdup_printf("/dev/%s/%s", storageVGName(pool), lv[0]);
        vol->type = VIR_STORAGE_VOL_BLOCK;
        vol->capacity = vol->allocation = g_ascii_strtoull(lv[1], NULL, 10);
        g_ptr_array_add(vols, vol);
    }
    return 0;
}

/* Wiping, resizing and transfers work on files only. */
static int
storagePoolCheckFiles(storagePool *pool, const char *what)
{
    if (storagePoolIsLogical(pool)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("%s of logical volumes is not supported"), what);
        return -1;
    }
    return 0;
}

/* The mkdir, mkfs or vgcreate of pool build. */
static int
storagePoolBuildBackend(storagePool *pool, unsigned int flags)
{
    if (storagePoolIsLogical(pool))
        return storageBuildLogical(pool, flags);
    if (storagePoolBuildTarget(pool) < 0)
        return -1;
    if (pool->def->type == VIR_STORAGE_POOL_TYPE_FS)
        return storageBuildFs(pool, flags);
    return 0;
}

/* The build a start asks for with VIR_STORAGE_POOL_CREATE_WITH_BUILD*. */
static int
storagePoolBuildForStart(storagePool *pool, unsigned int flags)
{
    if (!(flags & (VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                   VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                   VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)))
        return 0;
    return storagePoolBuildBackend(pool, (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
                                         ? VIR_STORAGE_POOL_BUILD_OVERWRITE : 0);
}

static int
storagePoolCheckType(storagePool *pool)
{
    if (pool->def->type != VIR_STORAGE_POOL_TYPE_DIR &&
        pool->def->type != VIR_STORAGE_POOL_TYPE_FS &&
        pool->def->type != VIR_STORAGE_POOL_TYPE_LOGICAL) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("missing backend for pool type %d (%s)"), pool->def->type,
                       virStoragePoolTypeToString(pool->def->type));
        return -1;
    }
    return 0;
}

/* PATH must be a folder (libvirt's words when it cannot list it). */
static int
storageCheckDir(const char *path)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        virReportSystemError(errno, _("cannot open directory '%s'"), path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        virReportSystemError(ENOTDIR, _("cannot open directory '%s'"), path);
        return -1;
    }
    return 0;
}

static int
storagePoolStartBackend(storagePool *pool)
{
    const char *target = pool->def->targetPath;

    if (storagePoolIsLogical(pool)) {
        const char *argv[] = { "vgchange", "-aay", storageVGName(pool), NULL };

        return storageRun(argv, NULL);
    }

    if (pool->def->type == VIR_STORAGE_POOL_TYPE_FS && !storageIsMounted(target)) {
        const char *device = storagePoolDevice(pool);
        const char *format = pool->def->srcFormat;
        bool autofmt = !format || strcmp(format, "auto") == 0;
        const char *argv[] = { "mount", autofmt ? device : "-t",
                               autofmt ? target : format, device, target, NULL };

        if (!device)
            return -1;
        if (autofmt)
            argv[3] = NULL;
        if (storageCheckDir(target) < 0)
            return -1;
        return storageRun(argv, NULL);
    }
    return storageCheckDir(target);
}

static int
storagePoolStopBackend(storagePool *pool)
{
    if (storagePoolIsLogical(pool)) {
        const char *argv[] = { "vgchange", "-an", storageVGName(pool), NULL };

        return storageRun(argv, NULL);
    }
    if (pool->def->type == VIR_STORAGE_POOL_TYPE_FS && storageIsMounted(pool->def->targetPath)) {
        const char *argv[] = { "umount", pool->def->targetPath, NULL };

        return storageRun(argv, NULL);
    }
    return 0;
}

static gint
storageVolCompare(gconstpointer a, gconstpointer b)
{
    const virStorageVolDef *va = *(virStorageVolDef *const *)a;
    const virStorageVolDef *vb = *(virStorageVolDef *const *)b;

    return strcmp(va->name, vb->name);
}

/* Find the volumes and the sizes of an active pool again. */
static int
storagePoolRefreshBackend(storagePool *pool)
{
    const char *target = pool->def->targetPath;
    g_autoptr(GPtrArray) vols = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageVolDefFree);
    g_autoptr(GError) err = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;
    struct stat st;

    if (storagePoolIsLogical(pool)) {
        if (storageRefreshLogical(pool, vols) < 0)
            return -1;
        g_ptr_array_sort(vols, storageVolCompare);
        g_ptr_array_free(pool->vols, TRUE);
        pool->vols = g_steal_pointer(&vols);
        return 0;
    }
    if (!(dir = g_dir_open(target, 0, &err))) {
        virReportSystemError(err && err->code == G_FILE_ERROR_NOENT ? ENOENT : EACCES,
                             _("cannot open directory '%s'"), target);
        return -1;
    }
    while ((name = g_dir_read_name(dir))) {
        g_autoptr(virStorageVolDef) vol = g_new0(virStorageVolDef, 1);
        g_autofree char *path = g_build_filename(target, name, NULL);
        int rc;

        if (name[0] == '.')
            continue;
        vol->name = g_strdup(name);
        if ((rc = storageProbeVolume(path, vol)) < 0) {
            /* a file that went away or cannot be read is not a volume */
            VIR_WARN("skipping volume '%s': %s", path, storageLastMessage());
            virResetLastError();
            continue;
        }
        if (rc == 0)
            g_ptr_array_add(vols, g_steal_pointer(&vol));
    }
    g_ptr_array_sort(vols, storageVolCompare);
    /* libvirt shows the folder's actual permissions once it looked */
    if (stat(target, &st) == 0) {
        virStorageTimestamps unused;

        storageStatInfo(&st, &pool->def->perms, &unused);
    }
    if (storageFsStats(target, &pool->def->capacity, &pool->def->allocation,
                       &pool->def->available) < 0)
        return -1;
    g_ptr_array_free(pool->vols, TRUE);
    pool->vols = g_steal_pointer(&vols);
    return 0;
}

/* ------------------------------------------------------------------ */
/* State                                                              */

/* Mark POOL running (its state file written) and find its volumes. */
static int
storagePoolSetActive(virStorageState *state, storagePool *pool)
{
    g_autofree char *file = storageStateFile(state, pool->def->name);

    if (storagePoolRefreshBackend(pool) < 0)
        return -1;
    if (storageWriteDef(file, pool->def) < 0)
        return -1;
    pool->active = true;
    return 0;
}

static void
storagePoolSetInactive(virStorageState *state, storagePool *pool)
{
    g_autofree char *file = storageStateFile(state, pool->def->name);

    unlink(file);
    pool->active = false;
    g_ptr_array_set_size(pool->vols, 0);
    if (pool->newDef) {
        virStoragePoolDefFree(pool->def);
        pool->def = g_steal_pointer(&pool->newDef);
    }
}

static void
storagePoolRemove(virStorageState *state, storagePool *pool)
{
    g_ptr_array_remove(state->pools, pool);
}

/* Load the definitions of DIR (persistent ones when PERSISTENT). */
static void
storageLoadDir(virStorageState *state, const char *dir, bool persistent)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autofree char *xml = NULL;
        g_autofree char *link = NULL;
        virStoragePoolDef *def;
        storagePool *pool;

        if (!g_str_has_suffix(name, ".xml") || !g_file_get_contents(path, &xml, NULL, NULL))
            continue;
        if (!(def = virStoragePoolDefParse(xml))) {
            VIR_WARN("ignoring pool definition '%s': %s", path, storageLastMessage());
            virResetLastError();
            continue;
        }
        if ((pool = virStoragePoolObjFindByName(state->pools, def->name))) {
            /* the running definition wins over the persistent one */
            if (!persistent) {
                pool->newDef = pool->def;
                pool->def = def;
            } else {
                virStoragePoolDefFree(def);
            }
            continue;
        }
        pool = virStoragePoolObjNew(def);
        pool->persistent = persistent;
        link = storageAutostartLink(state, def->name);
        pool->autostart = persistent && g_file_test(link, G_FILE_TEST_IS_SYMLINK);
        g_ptr_array_add(state->pools, pool);
    }
}

virStorageState *
virStorageStateOpen(const void *owner, const char *configDir, const char *stateDir,
                    virDriverEventState *events)
{
    virStorageState *state = g_new0(virStorageState, 1);
    g_autofree char *marker = NULL;
    bool autostart;
    size_t i;

    g_mutex_init(&state->lock);
    state->owner = owner;
    state->configDir = g_strdup(configDir);
    state->autostartDir = g_strdup_printf("%s/autostart", configDir);
    state->stateDir = g_strdup(stateDir);
    state->events = events;
    state->pools = g_ptr_array_new_with_free_func((GDestroyNotify)virStoragePoolObjFree);
    if (storageMakeDir(state->autostartDir) < 0 || storageMakeDir(state->stateDir) < 0) {
        virStorageStateClose(state);
        return NULL;
    }
    storageLoadDir(state, configDir, true);
    storageLoadDir(state, stateDir, false);
    /* autostart once per boot of the host (STATEDIR is on a tmpfs in
     * libvirt's layout), as libvirt does: a later process on the same
     * folders leaves stopped pools stopped */
    marker = g_build_filename(stateDir, "autostarted", NULL);
    autostart = !g_file_test(marker, G_FILE_TEST_EXISTS);
    if (autostart && !g_file_set_contents(marker, "", 0, NULL))
        VIR_WARN("cannot create '%s'", marker);
    for (i = 0; i < state->pools->len; i++) {
        storagePool *pool = g_ptr_array_index(state->pools, i);
        g_autofree char *file = storageStateFile(state, pool->def->name);
        bool wasActive = g_file_test(file, G_FILE_TEST_EXISTS);

        if (!wasActive && !(autostart && pool->autostart))
            continue;
        if (storagePoolCheckType(pool) < 0 ||
            (!wasActive && storagePoolStartBackend(pool) < 0) ||
            storagePoolSetActive(state, pool) < 0) {
            VIR_WARN("pool '%s' not started: %s", pool->def->name, storageLastMessage());
            virResetLastError();
            unlink(file);
        }
    }
    /* transient pools that are no longer running are gone */
    for (i = state->pools->len; i-- > 0;) {
        storagePool *pool = g_ptr_array_index(state->pools, i);
        if (!pool->persistent && !pool->active)
            g_ptr_array_remove_index(state->pools, i);
    }
    g_mutex_lock(&storageStatesLock);
    if (!storageStates)
        storageStates = g_ptr_array_new();
    g_ptr_array_add(storageStates, state);
    g_mutex_unlock(&storageStatesLock);
    return state;
}

void
virStorageStateClose(virStorageState *state)
{
    if (!state)
        return;
    g_mutex_lock(&storageStatesLock);
    if (storageStates)
        g_ptr_array_remove(storageStates, state);
    g_mutex_unlock(&storageStatesLock);
    g_ptr_array_free(state->pools, TRUE);
    g_free(state->configDir);
    g_free(state->autostartDir);
    g_free(state->stateDir);
    g_mutex_clear(&state->lock);
    g_free(state);
}

static virStorageState *
storageStateFind(const void *owner)
{
    virStorageState *found = NULL;
    size_t i;

    g_mutex_lock(&storageStatesLock);
    for (i = 0; storageStates && i < storageStates->len; i++) {
        virStorageState *state = g_ptr_array_index(storageStates, i);
        if (state->owner == owner)
            found = state;
    }
    g_mutex_unlock(&storageStatesLock);
    if (!found)
        virReportError(VIR_ERR_NO_SUPPORT, "%s", _("storage driver is not available"));
    return found;
}

/* Lock and return the state of CONN. */
static virStorageState *
storageLock(virConnectPtr conn)
{
    virStorageState *state = storageStateFind(conn->privateData);

    if (state)
        g_mutex_lock(&state->lock);
    return state;
}

static void
storageUnlock(virStorageState *state)
{
    if (state)
        g_mutex_unlock(&state->lock);
}

static storagePool *
storagePoolFromName(virStorageState *state, const char *name)
{
    storagePool *pool = virStoragePoolObjFindByName(state->pools, name);

    if (!pool)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), name);
    return pool;
}

static int
storagePoolCheckActive(storagePool *pool)
{
    if (!pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is not active"), pool->def->name);
        return -1;
    }
    return 0;
}

static virStorageVolDef *
storageVolFromHandle(virStorageState *state, virStorageVolPtr handle, storagePool **poolp)
{
    storagePool *pool = storagePoolFromName(state, handle->pool);
    virStorageVolDef *vol;

    if (!pool || storagePoolCheckActive(pool) < 0)
        return NULL;
    if (!(vol = virStoragePoolObjFindVol(pool, handle->name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), handle->name);
        return NULL;
    }
    if (poolp)
        *poolp = pool;
    return vol;
}

static virStoragePoolPtr
storagePoolHandle(virConnectPtr conn, storagePool *pool)
{
    return virGetStoragePool(conn, pool->def->name, pool->def->uuid);
}

static virStorageVolPtr
storageVolHandle(virConnectPtr conn, storagePool *pool, virStorageVolDef *vol)
{
    return virGetStorageVol(conn, pool->def->name, vol->name, vol->key);
}

/* Probe VOL of POOL again (after a change, before describing it). */
static int
storageVolReprobe(storagePool *pool, virStorageVolDef *vol)
{
    g_autofree char *path = g_strdup(vol->key);

    if (storagePoolIsLogical(pool))
        return 0;          /* refresh finds logical volumes again */
    if (storageProbeVolume(path, vol) < 0)
        return -1;
    return storageFsStats(pool->def->targetPath, &pool->def->capacity,
                          &pool->def->allocation, &pool->def->available);
}

int
virStorageTranslateVolume(const void *owner, const char *poolName, const char *volName,
                          char **ret_path, char **ret_format)
{
    virStorageState *state = storageStateFind(owner);
    storagePool *pool;
    virStorageVolDef *vol;
    int ret = -1;

    if (!state)
        return -1;
    g_mutex_lock(&state->lock);
    if (!(pool = storagePoolFromName(state, poolName)))
        goto cleanup;
    if (!pool->active) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("storage pool '%s' containing volume '%s' is not active"),
                       poolName, volName);
        goto cleanup;
    }
    if (!(vol = virStoragePoolObjFindVol(pool, volName))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), volName);
        goto cleanup;
    }
    *ret_path = g_strdup(vol->key);
    *ret_format = g_strdup(vol->format);
    ret = 0;

 cleanup:
    g_mutex_unlock(&state->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Pools: listing and lookup                                          */

static int
storageCountPools(virConnectPtr conn, bool active)
{
    virStorageState *state = storageLock(conn);
    int n;

    if (!state)
        return -1;
    n = virStoragePoolObjCount(state->pools, active);
    storageUnlock(state);
    return n;
}

static int
storageListPools(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    virStorageState *state = storageLock(conn);
    int n;

    if (!state)
        return -1;
    n = virStoragePoolObjNames(state->pools, active, names, maxnames);
    storageUnlock(state);
    return n;
}

static int
storageConnectNumOfStoragePools(virConnectPtr conn)
{
    return storageCountPools(conn, true);
}

static int
storageConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return storageCountPools(conn, false);
}

static int
storageConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return storageListPools(conn, true, names, maxnames);
}

static int
storageConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return storageListPools(conn, false, names, maxnames);
}

static int
storageConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                                  unsigned int flags)
{
    const unsigned int typeBits = virStoragePoolTypeListFlags();
    virStorageState *state;
    GPtrArray *found;
    int n;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART | typeBits, -1);

    if (!(state = storageLock(conn)))
        return -1;
    found = g_ptr_array_new();
    for (i = 0; i < state->pools->len; i++) {
        storagePool *pool = g_ptr_array_index(state->pools, i);
        if (!virStoragePoolMatchFlags(flags, pool->def->type, pool->active,
                                      pool->persistent, pool->autostart))
            continue;
        g_ptr_array_add(found, pools ? (void *)storagePoolHandle(conn, pool) : NULL);
    }
    storageUnlock(state);

    n = found->len;
    if (pools) {
        g_ptr_array_add(found, NULL);
        *pools = (virStoragePoolPtr *)g_ptr_array_steal(found, NULL);
        g_ptr_array_unref(found);
    } else {
        g_ptr_array_free(found, TRUE);
    }
    return n;
}

static virStoragePoolPtr
storagePoolLookupByName(virConnectPtr conn, const char *name)
{
    virStorageState *state = storageLock(conn);
    storagePool *pool;
    virStoragePoolPtr ret = NULL;

    if (state && (pool = storagePoolFromName(state, name)))
        ret = storagePoolHandle(conn, pool);
    storageUnlock(state);
    return ret;
}

static virStoragePoolPtr
storagePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virStorageState *state = storageLock(conn);
    storagePool *pool;
    virStoragePoolPtr ret = NULL;

    if (!state)
        return NULL;
    if (!(pool = virStoragePoolObjFindByUUID(state->pools, uuid))) {
        char str[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(uuid, str);
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching uuid '%s'"), str);
    } else {
        ret = storagePoolHandle(conn, pool);
    }
    storageUnlock(state);
    return ret;
}

static virStoragePoolPtr
storagePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid UUID '%s'"), uuidstr);
        return NULL;
    }
    return storagePoolLookupByUUID(conn, uuid);
}

static virStoragePoolPtr
storagePoolLookupByVolume(virStorageVolPtr vol)
{
    return storagePoolLookupByName(vol->conn, vol->pool);
}

static virStoragePoolPtr
storagePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    virStorageState *state = storageLock(conn);
    g_autofree char *clean = g_canonicalize_filename(path, "/");
    virStoragePoolPtr ret = NULL;
    size_t i;

    if (!state)
        return NULL;
    for (i = 0; i < state->pools->len && !ret; i++) {
        storagePool *pool = g_ptr_array_index(state->pools, i);
        if (pool->active && g_strcmp0(pool->def->targetPath, clean) == 0)
            ret = storagePoolHandle(conn, pool);
    }
    if (!ret)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching target path '%s'"), path);
    storageUnlock(state);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Pools: life cycle                                                  */

/* Refuse DEF when it clashes with another pool (name, UUID, or the same
 * target folder or source device); else the pool it redefines (NULL for
 * a new one) in *OLD. */
static int
storagePoolCheckDup(virStorageState *state, virStoragePoolDef *def, storagePool **old)
{
    storagePool *byUUID = virStoragePoolObjFindByUUID(state->pools, def->uuid);
    storagePool *byName = virStoragePoolObjFindByName(state->pools, def->name);
    size_t i;

    if (virStoragePoolDefCheckDup(def, byUUID ? byUUID->def : NULL,
                                  byName ? byName->def : NULL) < 0)
        return -1;
    for (i = 0; i < state->pools->len; i++) {
        storagePool *other = g_ptr_array_index(state->pools, i);
        bool clash = false;

        if (other == byUUID || other->def->type != def->type)
            continue;
        if (def->type == VIR_STORAGE_POOL_TYPE_DIR)
            clash = g_strcmp0(other->def->targetPath, def->targetPath) == 0;
        else if (def->devices->len && other->def->devices->len)
            clash = strcmp(g_ptr_array_index(other->def->devices, 0),
                           g_ptr_array_index(def->devices, 0)) == 0;
        if (clash) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("Storage source conflict with pool: '%s'"), other->def->name);
            return -1;
        }
    }
    *old = byUUID;
    return 0;
}

static virStoragePoolPtr
storagePoolCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virStorageState *state;
    g_autoptr(virStoragePoolDef) def = NULL;
    storagePool *old = NULL;
    storagePool *pool;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    if (!(state = storageLock(conn)))
        return NULL;
    if (!(def = virStoragePoolDefParse(xml)) ||
        storagePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    if (old && old->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is already active"), old->def->name);
        goto cleanup;
    }
    if (old) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is already defined"), old->def->name);
        goto cleanup;
    }
    pool = virStoragePoolObjNew(g_steal_pointer(&def));
    if (storagePoolCheckType(pool) < 0 ||
        storagePoolBuildForStart(pool, flags) < 0 ||
        storagePoolStartBackend(pool) < 0) {
        virStoragePoolObjFree(pool);
        goto cleanup;
    }
    if (storagePoolSetActive(state, pool) < 0) {
        storagePoolStopBackend(pool);
        virStoragePoolObjFree(pool);
        goto cleanup;
    }
    g_ptr_array_add(state->pools, pool);
    storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_STARTED);
    ret = storagePoolHandle(conn, pool);

 cleanup:
    storageUnlock(state);
    return ret;
}

static virStoragePoolPtr
storagePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virStorageState *state;
    g_autoptr(virStoragePoolDef) def = NULL;
    g_autofree char *file = NULL;
    storagePool *old = NULL;
    storagePool *pool;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    if (!(state = storageLock(conn)))
        return NULL;
    if (!(def = virStoragePoolDefParse(xml)) ||
        storagePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    file = storageConfigFile(state, def->name);
    if (storageWriteDef(file, def) < 0)
        goto cleanup;
    if (old && old->active) {
        /* a running pool keeps its definition until it stops */
        virStoragePoolDefFree(old->newDef);
        old->newDef = g_steal_pointer(&def);
        pool = old;
    } else if (old) {
        virStoragePoolDefFree(old->def);
        old->def = g_steal_pointer(&def);
        pool = old;
    } else {
        pool = virStoragePoolObjNew(g_steal_pointer(&def));
        g_ptr_array_add(state->pools, pool);
    }
    pool->persistent = true;
    storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_DEFINED);
    ret = storagePoolHandle(conn, pool);

 cleanup:
    storageUnlock(state);
    return ret;
}

/* The body of a pool method: the state and the pool behind HANDLE under
 * the lock; ends with POOL_END. */
#define POOL_BEGIN(handle) \
    virStorageState *state = storageLock((handle)->conn); \
    storagePool *pool = NULL; \
    int ret = -1; \
    if (!state || !(pool = storagePoolFromName(state, (handle)->name))) \
        goto cleanup

#define POOL_END \
 cleanup: \
    storageUnlock(state); \
    return ret

static int
storagePoolUndefine(virStoragePoolPtr handle)
{
    g_autofree char *file = NULL;
    g_autofree char *link = NULL;

    POOL_BEGIN(handle);
    if (pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is still active"), pool->def->name);
        goto cleanup;
    }
    file = storageConfigFile(state, pool->def->name);
    link = storageAutostartLink(state, pool->def->name);
    if (unlink(file) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove config for %s"), pool->def->name);
        goto cleanup;
    }
    unlink(link);
    pool->autostart = false;
    storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_UNDEFINED);
    storagePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
storagePoolBuild(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_BUILD_NEW | VIR_STORAGE_POOL_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_BUILD_NO_OVERWRITE, -1);
    if ((flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
        (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("Overwrite and no overwrite flags are mutually exclusive"));
        return -1;
    }
    {
        POOL_BEGIN(handle);
        if (pool->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("storage pool '%s' is already active"), pool->def->name);
            goto cleanup;
        }
        if (storagePoolCheckType(pool) < 0 || storagePoolBuildBackend(pool, flags) < 0)
            goto cleanup;
        storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_CREATED);
        ret = 0;
        POOL_END;
    }
}

static int
storagePoolCreate(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    {
        POOL_BEGIN(handle);
        if (pool->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("storage pool '%s' is already active"), pool->def->name);
            goto cleanup;
        }
        if (storagePoolCheckType(pool) < 0 ||
            storagePoolBuildForStart(pool, flags) < 0 ||
            storagePoolStartBackend(pool) < 0)
            goto cleanup;
        if (storagePoolSetActive(state, pool) < 0) {
            storagePoolStopBackend(pool);
            goto cleanup;
        }
        storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_STARTED);
        ret = 0;
        POOL_END;
    }
}

static int
storagePoolDestroy(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (storagePoolCheckActive(pool) < 0 || storagePoolStopBackend(pool) < 0)
        goto cleanup;
    storagePoolSetInactive(state, pool);
    storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_STOPPED);
    if (!pool->persistent)
        storagePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
storagePoolDelete(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_DELETE_ZEROED, -1);
    {
        POOL_BEGIN(handle);
        if (pool->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("storage pool '%s' is still active"), pool->def->name);
            goto cleanup;
        }
        if (storagePoolCheckType(pool) < 0)
            goto cleanup;
        if (storagePoolIsLogical(pool)) {
            if (storageDeleteLogical(pool) < 0)
                goto cleanup;
        } else if (rmdir(pool->def->targetPath) < 0) {
            virReportSystemError(errno, _("failed to remove pool '%s'"),
                                 pool->def->targetPath);
            goto cleanup;
        }
        storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_DELETED);
        ret = 0;
        POOL_END;
    }
}

static int
storagePoolRefresh(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (storagePoolCheckActive(pool) < 0)
            goto cleanup;
        if (storagePoolRefreshBackend(pool) < 0) {
            /* a pool whose folder went away is stopped, as libvirt does */
            storagePoolStopBackend(pool);
            storagePoolSetInactive(state, pool);
            storageEmitLifecycle(state, pool, VIR_STORAGE_POOL_EVENT_STOPPED);
            if (!pool->persistent)
                storagePoolRemove(state, pool);
            goto cleanup;
        }
        storageEmitRefresh(state, pool);
        ret = 0;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Pools: properties                                                  */

static int
storagePoolGetInfo(virStoragePoolPtr handle, virStoragePoolInfoPtr info)
{
    POOL_BEGIN(handle);
    memset(info, 0, sizeof(*info));
    info->state = pool->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = pool->def->capacity;
    info->allocation = pool->def->allocation;
    info->available = pool->def->available;
    ret = 0;
    POOL_END;
}

static char *
storagePoolGetXMLDesc(virStoragePoolPtr handle, unsigned int flags)
{
    virStorageState *state;
    storagePool *pool;
    char *ret = NULL;

    virCheckFlags(VIR_STORAGE_XML_INACTIVE, NULL);
    if (!(state = storageLock(handle->conn)))
        return NULL;
    if ((pool = storagePoolFromName(state, handle->name)))
        ret = virStoragePoolDefFormat((flags & VIR_STORAGE_XML_INACTIVE) && pool->newDef
                                      ? pool->newDef : pool->def);
    storageUnlock(state);
    return ret;
}

static int
storagePoolGetAutostart(virStoragePoolPtr handle, int *autostart)
{
    POOL_BEGIN(handle);
    *autostart = pool->autostart;
    ret = 0;
    POOL_END;
}

static int
storagePoolSetAutostart(virStoragePoolPtr handle, int autostart)
{
    g_autofree char *file = NULL;
    g_autofree char *link = NULL;

    POOL_BEGIN(handle);
    if (!pool->persistent) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("pool has no config file"));
        goto cleanup;
    }
    file = storageConfigFile(state, pool->def->name);
    link = storageAutostartLink(state, pool->def->name);
    if (autostart && !pool->autostart && symlink(file, link) < 0 && errno != EEXIST) {
        virReportSystemError(errno, _("Failed to create symlink '%s' to '%s'"), link, file);
        goto cleanup;
    }
    if (!autostart && pool->autostart && unlink(link) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("Failed to delete symlink '%s'"), link);
        goto cleanup;
    }
    pool->autostart = autostart != 0;
    ret = 0;
    POOL_END;
}

static int
storagePoolIsActive(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->active;
    POOL_END;
}

static int
storagePoolIsPersistent(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->persistent;
    POOL_END;
}

static int
storagePoolNumOfVolumes(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (storagePoolCheckActive(pool) < 0)
        goto cleanup;
    ret = pool->vols->len;
    POOL_END;
}

static int
storagePoolListVolumes(virStoragePoolPtr handle, char **const names, int maxnames)
{
    POOL_BEGIN(handle);
    if (storagePoolCheckActive(pool) < 0)
        goto cleanup;
    ret = virStoragePoolObjVolNames(pool, names, maxnames);
    POOL_END;
}

static int
storagePoolListAllVolumes(virStoragePoolPtr handle, virStorageVolPtr **vols,
                          unsigned int flags)
{
    size_t i;

    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (storagePoolCheckActive(pool) < 0)
            goto cleanup;
        if (vols) {
            *vols = g_new0(virStorageVolPtr, pool->vols->len + 1);
            for (i = 0; i < pool->vols->len; i++)
                (*vols)[i] = storageVolHandle(handle->conn, pool,
                                              g_ptr_array_index(pool->vols, i));
        }
        ret = pool->vols->len;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Volumes                                                            */

static virStorageVolPtr
storageVolLookupByName(virStoragePoolPtr handle, const char *name)
{
    virStorageState *state = storageLock(handle->conn);
    storagePool *pool;
    virStorageVolDef *vol;
    virStorageVolPtr ret = NULL;

    if (!state || !(pool = storagePoolFromName(state, handle->name)) ||
        storagePoolCheckActive(pool) < 0)
        goto cleanup;
    if (!(vol = virStoragePoolObjFindVol(pool, name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), name);
        goto cleanup;
    }
    ret = storageVolHandle(handle->conn, pool, vol);

 cleanup:
    storageUnlock(state);
    return ret;
}

/* The volume of an active pool whose key (its path) is KEY, or NULL. */
static virStorageVolPtr
storageVolFindByKey(virConnectPtr conn, virStorageState *state, const char *key)
{
    size_t i;
    size_t j;

    for (i = 0; i < state->pools->len; i++) {
        storagePool *pool = g_ptr_array_index(state->pools, i);
        for (j = 0; pool->active && j < pool->vols->len; j++) {
            virStorageVolDef *vol = g_ptr_array_index(pool->vols, j);
            if (strcmp(vol->key, key) == 0)
                return storageVolHandle(conn, pool, vol);
        }
    }
    return NULL;
}

/* The volume whose key is KEY (a path made canonical when ISPATH), with
 * libvirt's error naming the lookup when there is none. */
static virStorageVolPtr
storageVolLookupByKeyOrPath(virConnectPtr conn, const char *key, bool isPath)
{
    virStorageState *state = storageLock(conn);
    g_autofree char *clean = isPath ? g_canonicalize_filename(key, "/") : g_strdup(key);
    virStorageVolPtr ret = NULL;

    if (!state)
        return NULL;
    if (!(ret = storageVolFindByKey(conn, state, clean))) {
        if (isPath)
            virReportError(VIR_ERR_NO_STORAGE_VOL,
                           _("no storage vol with matching path '%s'"), key);
        else
            virReportError(VIR_ERR_NO_STORAGE_VOL,
                           _("no storage vol with matching key %s"), key);
    }
    storageUnlock(state);
    return ret;
}

static virStorageVolPtr
storageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return storageVolLookupByKeyOrPath(conn, key, false);
}

static virStorageVolPtr
storageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return storageVolLookupByKeyOrPath(conn, path, true);
}

/* Check DEF can be made in POOL: a plain file name not in use. */
static int
storageVolCheckNew(storagePool *pool, virStorageVolDef *def)
{
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("volume name '%s' cannot contain '/'"), def->name);
        return -1;
    }
    if (virStoragePoolObjFindVol(pool, def->name)) {
        virReportError(VIR_ERR_STORAGE_VOL_EXIST, _("'%s'"), def->name);
        return -1;
    }
    return 0;
}

/* Make DEF (cloned from SRC of format SRCFORMAT when SRC is set) in POOL
 * and return its handle. */
static virStorageVolPtr
storageVolMake(virConnectPtr conn, storagePool *pool, virStorageVolDef *def,
               unsigned int flags, const char *src, const char *srcFormat)
{
    g_autoptr(virStorageVolDef) vol = g_new0(virStorageVolDef, 1);
    g_autofree char *path = g_build_filename(pool->def->targetPath, def->name, NULL);
    virStorageVolPtr ret;

    if (storagePoolIsLogical(pool)) {
        g_autofree char *size = g_strdup_printf("%llub", def->capacity);
        const char *argv[] = { "lvcreate", "-y", "-n", def->name, "-L", size,
                               storageVGName(pool), NULL };
        virStorageVolDef *made;

        if (src) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("cloning into a logical pool is not supported"));
            return NULL;
        }
        if (storageRun(argv, NULL) < 0 || storagePoolRefreshBackend(pool) < 0)
            return NULL;
        if (!(made = virStoragePoolObjFindVol(pool, def->name))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("logical volume '%s' not found after creation"), def->name);
            return NULL;
        }
        return storageVolHandle(conn, pool, made);
    }
    if (storageCreateVolume(path, def, flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA,
                            src, srcFormat) < 0)
        return NULL;
    vol->name = g_strdup(def->name);
    if (storageProbeVolume(path, vol) < 0 ||
        storageFsStats(pool->def->targetPath, &pool->def->capacity,
                       &pool->def->allocation, &pool->def->available) < 0)
        return NULL;
    g_ptr_array_add(pool->vols, vol);
    g_ptr_array_sort(pool->vols, storageVolCompare);
    ret = storageVolHandle(conn, pool, vol);
    g_steal_pointer(&vol);
    return ret;
}

static virStorageVolPtr
storageVolCreateXML(virStoragePoolPtr handle, const char *xml, unsigned int flags)
{
    virStorageState *state;
    storagePool *pool;
    g_autoptr(virStorageVolDef) def = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA, NULL);
    if (!(state = storageLock(handle->conn)))
        return NULL;
    if (!(pool = storagePoolFromName(state, handle->name)) ||
        storagePoolCheckActive(pool) < 0 ||
        !(def = virStorageVolDefParse(pool->def->type, xml)) ||
        storageVolCheckNew(pool, def) < 0)
        goto cleanup;
    ret = storageVolMake(handle->conn, pool, def, flags, NULL, NULL);

 cleanup:
    storageUnlock(state);
    return ret;
}

static virStorageVolPtr
storageVolCreateXMLFrom(virStoragePoolPtr handle, const char *xml,
                        virStorageVolPtr clonevol, unsigned int flags)
{
    virStorageState *state;
    storagePool *pool;
    storagePool *srcPool = NULL;
    virStorageVolDef *src;
    g_autoptr(virStorageVolDef) def = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA, NULL);
    if (!(state = storageLock(handle->conn)))
        return NULL;
    if (!(pool = storagePoolFromName(state, handle->name)) ||
        storagePoolCheckActive(pool) < 0 ||
        !(src = storageVolFromHandle(state, clonevol, &srcPool)) ||
        !(def = virStorageVolDefParse(pool->def->type, xml)) ||
        storageVolCheckNew(pool, def) < 0)
        goto cleanup;
    ret = storageVolMake(handle->conn, pool, def, flags, src->key, src->format);

 cleanup:
    storageUnlock(state);
    return ret;
}

/* The body of a volume method: the state, the volume behind HANDLE and
 * its pool, under the lock; ends with POOL_END. */
#define VOL_BEGIN(handle) \
    virStorageState *state = storageLock((handle)->conn); \
    storagePool *pool = NULL; \
    virStorageVolDef *vol = NULL; \
    int ret = -1; \
    if (!state || !(vol = storageVolFromHandle(state, handle, &pool))) \
        goto cleanup

static int
storageVolDelete(virStorageVolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        VOL_BEGIN(handle);
        if (storagePoolIsLogical(pool)) {
            g_autofree char *lv = g_strdup_printf("%s/%s", storageVGName(pool), vol->name);
            const char *argv[] = { "lvremove", "-f", lv, NULL };

            if (storageRun(argv, NULL) < 0 || storagePoolRefreshBackend(pool) < 0)
                goto cleanup;
            ret = 0;
            goto cleanup;
        }
        if ((vol->type == VIR_STORAGE_VOL_DIR ? rmdir(vol->key) : unlink(vol->key)) < 0 &&
            errno != ENOENT) {
            virReportSystemError(errno, _("cannot unlink file '%s'"), vol->key);
            goto cleanup;
        }
        g_ptr_array_remove(pool->vols, vol);
        storageFsStats(pool->def->targetPath, &pool->def->capacity,
                       &pool->def->allocation, &pool->def->available);
        ret = 0;
        POOL_END;
    }
}

static int
storageVolWipePattern(virStorageVolPtr handle, unsigned int algorithm, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        VOL_BEGIN(handle);
        if (storagePoolCheckFiles(pool, "wiping") < 0)
            goto cleanup;
        if (vol->type == VIR_STORAGE_VOL_DIR) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("cannot wipe a volume that is a folder"));
            goto cleanup;
        }
        if (storageWipeVolume(vol->key, algorithm) < 0 ||
            storageVolReprobe(pool, vol) < 0)
            goto cleanup;
        ret = 0;
        POOL_END;
    }
}

static int
storageVolWipe(virStorageVolPtr handle, unsigned int flags)
{
    return storageVolWipePattern(handle, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

static int
storageVolResize(virStorageVolPtr handle, unsigned long long capacity, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                  VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    {
        VOL_BEGIN(handle);
        if (storagePoolCheckFiles(pool, "resizing") < 0)
            goto cleanup;
        if (storageVolReprobe(pool, vol) < 0)
            goto cleanup;
        if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
            if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) {
                if (capacity > vol->capacity) {
                    virReportError(VIR_ERR_INVALID_ARG, "%s",
                                   _("can't shrink capacity below zero"));
                    goto cleanup;
                }
                capacity = vol->capacity - capacity;
            } else {
                capacity += vol->capacity;
            }
        }
        if (capacity < vol->capacity && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("Can't shrink capacity below current capacity unless shrink flag explicitly specified"));
            goto cleanup;
        }
        if (capacity < vol->allocation) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("can't shrink capacity below existing allocation"));
            goto cleanup;
        }
        if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && capacity > vol->capacity &&
            capacity - vol->capacity > pool->def->available) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("Not enough space left in storage pool"));
            goto cleanup;
        }
        if (storageResizeVolume(vol->key, vol, capacity,
                                flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE,
                                capacity < vol->capacity) < 0 ||
            storageVolReprobe(pool, vol) < 0)
            goto cleanup;
        ret = 0;
        POOL_END;
    }
}

static int
storageVolGetInfoFlags(virStorageVolPtr handle, virStorageVolInfoPtr info, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    {
        VOL_BEGIN(handle);
        if (storageVolReprobe(pool, vol) < 0)
            goto cleanup;
        memset(info, 0, sizeof(*info));
        info->type = vol->type;
        info->capacity = vol->capacity;
        info->allocation = (flags & VIR_STORAGE_VOL_GET_PHYSICAL) ? vol->physical
                                                                  : vol->allocation;
        ret = 0;
        POOL_END;
    }
}

static int
storageVolGetInfo(virStorageVolPtr handle, virStorageVolInfoPtr info)
{
    return storageVolGetInfoFlags(handle, info, 0);
}

static char *
storageVolGetXMLDesc(virStorageVolPtr handle, unsigned int flags)
{
    virStorageState *state;
    storagePool *pool = NULL;
    virStorageVolDef *vol;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    if (!(state = storageLock(handle->conn)))
        return NULL;
    if ((vol = storageVolFromHandle(state, handle, &pool)) &&
        storageVolReprobe(pool, vol) == 0)
        ret = virStorageVolDefFormat(vol);
    storageUnlock(state);
    return ret;
}

static char *
storageVolGetPath(virStorageVolPtr handle)
{
    virStorageState *state = storageLock(handle->conn);
    virStorageVolDef *vol;
    char *ret = NULL;

    if (state && (vol = storageVolFromHandle(state, handle, NULL)))
        ret = strdup(vol->key);
    storageUnlock(state);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Transfers                                                          */

typedef struct {
    char *path;
    unsigned long long offset;
    bool sparse;
} storageUpload;

static void
storageUploadFree(void *opaque)
{
    storageUpload *up = opaque;

    g_free(up->path);
    g_free(up);
}

static int
storageUploadDone(virStreamPtr st G_GNUC_UNUSED, const char *data, size_t len, void *opaque)
{
    storageUpload *up = opaque;

    return storageWriteRange(up->path, up->offset, data, len, up->sparse);
}

static int
storageVolUpload(virStorageVolPtr handle, virStreamPtr stream, unsigned long long offset,
                 unsigned long long length, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    {
        storageUpload *up;

        VOL_BEGIN(handle);
        if (storagePoolCheckFiles(pool, "upload") < 0)
            goto cleanup;
        if (vol->type == VIR_STORAGE_VOL_DIR) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("volume type 'dir' is not supported for upload"));
            goto cleanup;
        }
        up = g_new0(storageUpload, 1);
        up->path = g_strdup(vol->key);
        up->offset = offset;
        up->sparse = flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM;
        ret = virStreamSetCollector(stream, length, storageUploadDone, up, storageUploadFree);
        if (ret < 0)
            storageUploadFree(up);
        POOL_END;
    }
}

static int
storageVolDownload(virStorageVolPtr handle, virStreamPtr stream, unsigned long long offset,
                   unsigned long long length, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    {
        g_autofree char *data = NULL;
        size_t len = 0;

        VOL_BEGIN(handle);
        if (storagePoolCheckFiles(pool, "download") < 0)
            goto cleanup;
        if (vol->type == VIR_STORAGE_VOL_DIR) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("volume type 'dir' is not supported for download"));
            goto cleanup;
        }
        if (storageReadRange(vol->key, offset, length, &data, &len) < 0)
            goto cleanup;
        ret = virStreamSetBuffer(stream, data, len);
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Events and registration                                            */

static int
storageConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                          int eventID,
                                          virConnectStoragePoolEventGenericCallback cb,
                                          void *opaque, virFreeCallback freecb)
{
    virStorageState *state = storageStateFind(conn->privateData);

    if (!state)
        return -1;
    return virDriverEventPoolRegisterAny(state->events, conn, pool, eventID, cb, opaque, freecb);
}

static int
storageConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virStorageState *state = storageStateFind(conn->privateData);

    if (!state)
        return -1;
    return virDriverEventDeregisterAny(state->events, conn, callbackID);
}

virStorageDriver virStorageDriverTable = {
    .name = "storage",
    .connectNumOfStoragePools = storageConnectNumOfStoragePools,
    .connectListStoragePools = storageConnectListStoragePools,
    .connectNumOfDefinedStoragePools = storageConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = storageConnectListDefinedStoragePools,
    .connectListAllStoragePools = storageConnectListAllStoragePools,
    .storagePoolLookupByName = storagePoolLookupByName,
    .storagePoolLookupByUUID = storagePoolLookupByUUID,
    .storagePoolLookupByUUIDString = storagePoolLookupByUUIDString,
    .storagePoolLookupByVolume = storagePoolLookupByVolume,
    .storagePoolLookupByTargetPath = storagePoolLookupByTargetPath,
    .storagePoolCreateXML = storagePoolCreateXML,
    .storagePoolDefineXML = storagePoolDefineXML,
    .storagePoolBuild = storagePoolBuild,
    .storagePoolUndefine = storagePoolUndefine,
    .storagePoolCreate = storagePoolCreate,
    .storagePoolDestroy = storagePoolDestroy,
    .storagePoolDelete = storagePoolDelete,
    .storagePoolRefresh = storagePoolRefresh,
    .storagePoolGetInfo = storagePoolGetInfo,
    .storagePoolGetXMLDesc = storagePoolGetXMLDesc,
    .storagePoolGetAutostart = storagePoolGetAutostart,
    .storagePoolSetAutostart = storagePoolSetAutostart,
    .storagePoolIsActive = storagePoolIsActive,
    .storagePoolIsPersistent = storagePoolIsPersistent,
    .storagePoolNumOfVolumes = storagePoolNumOfVolumes,
    .storagePoolListVolumes = storagePoolListVolumes,
    .storagePoolListAllVolumes = storagePoolListAllVolumes,
    .storageVolLookupByName = storageVolLookupByName,
    .storageVolLookupByKey = storageVolLookupByKey,
    .storageVolLookupByPath = storageVolLookupByPath,
    .storageVolCreateXML = storageVolCreateXML,
    .storageVolCreateXMLFrom = storageVolCreateXMLFrom,
    .storageVolDelete = storageVolDelete,
    .storageVolWipe = storageVolWipe,
    .storageVolWipePattern = storageVolWipePattern,
    .storageVolResize = storageVolResize,
    .storageVolGetInfo = storageVolGetInfo,
    .storageVolGetInfoFlags = storageVolGetInfoFlags,
    .storageVolGetXMLDesc = storageVolGetXMLDesc,
    .storageVolGetPath = storageVolGetPath,
    .storageVolUpload = storageVolUpload,
    .storageVolDownload = storageVolDownload,
    .connectStoragePoolEventRegisterAny = storageConnectStoragePoolEventRegisterAny,
    .connectStoragePoolEventDeregisterAny = storageConnectStoragePoolEventDeregisterAny,
};
