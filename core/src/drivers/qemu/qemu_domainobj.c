/*
 * qemu_domainobj.c: the domains of one QEMU driver root and their files
 * (see qemu_domainobj.h for the locking and the layout of the folders).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu_domainobj.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* Errors libvirt raises from its domain list (VIR_FROM_DOMAIN). */
#define qemuReportDomainError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Objects                                                            */

static qemuDomainObj *
qemuDomainObjNew(virDomainDef *def)
{
    qemuDomainObj *obj = g_new0(qemuDomainObj, 1);

    obj->refs = 1;
    obj->def = def;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    obj->pid = -1;
    return obj;
}

qemuDomainObj *
qemuDomainObjRef(qemuDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
qemuDomainObjUnref(qemuDomainObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    /* the monitor is closed by whoever stopped the domain */
    g_assert(!obj->mon);
    virDomainDefFree(obj->def);
    virDomainDefFree(obj->newDef);
    g_free(obj->consolePty);
    g_free(obj->migrationStatus);
    g_free(obj->jobStatus);
    if (obj->snapshots)
        g_ptr_array_free(obj->snapshots, TRUE);
    g_free(obj->currentSnapshot);
    if (obj->deletedDevices)
        g_ptr_array_free(obj->deletedDevices, TRUE);
    g_free(obj);
}

bool
qemuDomainObjIsActive(const qemuDomainObj *obj)
{
    return obj->def->id >= 0;
}

qemuDomainObj *
qemuDomainObjFindByName(qemuDriver *driver, const char *name)
{
    size_t i;

    for (i = 0; i < driver->domains->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (strcmp(obj->def->name, name) == 0)
            return obj;
    }
    return NULL;
}

qemuDomainObj *
qemuDomainObjFindByUUID(qemuDriver *driver, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < driver->domains->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (memcmp(obj->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

qemuDomainObj *
qemuDomainObjFindByID(qemuDriver *driver, int id)
{
    size_t i;

    if (id < 0)
        return NULL;
    for (i = 0; i < driver->domains->len; i++) {
        qemuDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (obj->def->id == id)
            return obj;
    }
    return NULL;
}

virDomainDef *
qemuDomainObjGetPersistentDef(qemuDomainObj *obj)
{
    if (qemuDomainObjIsActive(obj))
        return obj->newDef;
    return obj->def;
}

qemuDomainObj *
qemuDomainObjListAdd(qemuDriver *driver,
                     virDomainDef *def,
                     bool live,
                     virDomainDef **ret_old)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    qemuDomainObj *obj;

    *ret_old = NULL;
    if ((obj = qemuDomainObjFindByUUID(driver, def->uuid))) {
        if (strcmp(obj->def->name, def->name) != 0) {
            virUUIDFormat(obj->def->uuid, uuidstr);
            qemuReportDomainError(VIR_ERR_OPERATION_FAILED,
                                  _("domain '%s' is already defined with uuid %s"),
                                  obj->def->name, uuidstr);
            return NULL;
        }
        if (live) {
            if (qemuDomainObjIsActive(obj)) {
                qemuReportDomainError(VIR_ERR_OPERATION_INVALID,
                                      _("domain '%s' is already active"),
                                      obj->def->name);
                return NULL;
            }
            /* a transient start of a defined domain: DEF runs, the
             * persistent definition is kept for after it stops */
            *ret_old = NULL;
            obj->newDef = obj->def;
            obj->def = def;
            return obj;
        }
        if (qemuDomainObjIsActive(obj)) {
            *ret_old = obj->newDef;
            obj->newDef = def;
            obj->updated = true;
        } else {
            *ret_old = obj->def;
            obj->def = def;
        }
        obj->persistent = true;
        return obj;
    }

    if ((obj = qemuDomainObjFindByName(driver, def->name))) {
        virUUIDFormat(obj->def->uuid, uuidstr);
        qemuReportDomainError(VIR_ERR_OPERATION_FAILED,
                              _("domain '%s' already exists with uuid %s"),
                              def->name, uuidstr);
        return NULL;
    }

    obj = qemuDomainObjNew(def);
    obj->persistent = !live;
    g_ptr_array_add(driver->domains, obj);
    return obj;
}

void
qemuDomainObjReleaseLock(qemuDriver *driver, qemuDomainObj *obj)
{
    obj->busy = true;
    g_mutex_unlock(&driver->lock);
}

void
qemuDomainObjReacquireLock(qemuDriver *driver, qemuDomainObj *obj)
{
    g_mutex_lock(&driver->lock);
    obj->busy = false;
    g_cond_broadcast(&driver->idleCond);
}

bool
qemuDomainObjWaitIdle(qemuDriver *driver, qemuDomainObj *obj)
{
    bool listed;

    if (!obj->busy)
        return true;
    qemuDomainObjRef(obj);
    while (obj->busy)
        g_cond_wait(&driver->idleCond, &driver->lock);
    listed = g_ptr_array_find(driver->domains, obj, NULL);
    qemuDomainObjUnref(obj);
    return listed;
}

void
qemuDomainObjListRemove(qemuDriver *driver, qemuDomainObj *obj)
{
    if (g_ptr_array_remove(driver->domains, obj))
        qemuDomainObjUnref(obj);
}

/* ------------------------------------------------------------------ */
/* Files                                                              */

int
qemuMakeDir(const char *dir)
{
    if (g_mkdir_with_parents(dir, 0755) < 0) {
        virReportSystemError(errno, _("cannot create directory '%s'"), dir);
        return -1;
    }
    return 0;
}

int
qemuFileWriteAtomic(const char *path, const char *data, size_t len, bool durable)
{
    g_autofree char *tmp = g_strdup_printf("%s.new", path);
    g_autofree char *dir = g_path_get_dirname(path);
    size_t done = 0;
    int fd;
    int dfd;

    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("cannot create file '%s'"), tmp);
        return -1;
    }
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("cannot write file '%s'"), tmp);
            goto error;
        }
        done += n;
    }
    if (durable && fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot sync file '%s'"), tmp);
        goto error;
    }
    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, _("cannot save file '%s'"), tmp);
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, _("cannot rename '%s' to '%s'"), tmp, path);
        goto error;
    }
    /* the rename itself is durable once the folder is synced */
    if (durable && (dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if (fsync(dfd) < 0)
            VIR_WARN("cannot sync folder %s: %s", dir, g_strerror(errno));
        close(dfd);
    }
    return 0;

 error:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}

static char *
qemuDomainConfigPath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->configDir, name);
}

int
qemuDomainConfigSave(qemuDriver *driver, const virDomainDef *def)
{
    g_autofree char *path = qemuDomainConfigPath(driver, def->name);
    g_autofree char *xml = NULL;
    g_autofree char *text = NULL;

    if (qemuMakeDir(driver->configDir) < 0)
        return -1;
    if (!(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                        VIR_DOMAIN_DEF_FORMAT_SECURE)))
        return -1;
    /* the same warning libvirt puts in its files, in our words */
    text = g_strdup_printf("<!--\n"
                           "This file is written by virtkit and may be overwritten.\n"
                           "Change it with: virtkit edit %s\n"
                           "or another application using the libvirt API.\n"
                           "-->\n\n%s", def->name, xml);
    return qemuFileWriteAtomic(path, text, strlen(text), true);
}

int
qemuDomainConfigDelete(qemuDriver *driver, const char *name)
{
    g_autofree char *path = qemuDomainConfigPath(driver, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove config %s"), path);
        return -1;
    }
    qemuDomainAutostartSet(driver, name, false);
    return 0;
}

int
qemuDomainAutostartSet(qemuDriver *driver, const char *name, bool autostart)
{
    g_autofree char *link = g_strdup_printf("%s/%s.xml", driver->autostartDir, name);
    g_autofree char *target = qemuDomainConfigPath(driver, name);

    if (!autostart) {
        if (unlink(link) < 0 && errno != ENOENT && errno != ENOTDIR) {
            virReportSystemError(errno, _("Failed to delete symlink '%s'"), link);
            return -1;
        }
        return 0;
    }
    if (qemuMakeDir(driver->autostartDir) < 0)
        return -1;
    unlink(link);
    if (symlink(target, link) < 0) {
        virReportSystemError(errno, _("Failed to create symlink '%s' to '%s'"),
                             link, target);
        return -1;
    }
    return 0;
}

static const char *const qemuDomainStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
    "crashed", "pmsuspended",
};

const char *
qemuDomainStateToString(int state)
{
    if (state >= 0 && state < (int)G_N_ELEMENTS(qemuDomainStateNames))
        return qemuDomainStateNames[state];
    return "nostate";
}

int
qemuDomainStateFromString(const char *name)
{
    size_t i;

    for (i = 0; name && i < G_N_ELEMENTS(qemuDomainStateNames); i++) {
        if (strcmp(qemuDomainStateNames[i], name) == 0)
            return i;
    }
    return -1;
}

int
qemuDomainStatusSave(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *path = g_strdup_printf("%s/%s.xml", driver->stateDir,
                                            obj->def->name);
    g_autofree char *xml = NULL;
    g_autofree char *monitor = qemuDomainMonitorPath(driver, obj->def->name);
    g_autoptr(GString) buf = g_string_new(NULL);
    char **lines;
    size_t i;

    g_autofree char *head = NULL;

    if (!(xml = virDomainDefFormat(obj->def, VIR_DOMAIN_DEF_FORMAT_SECURE)))
        return -1;
    head = g_markup_printf_escaped("<domstatus state='%s' reason='%d' pid='%lld'>\n"
                                   "  <monitor path='%s' type='unix'/>\n",
                                   qemuDomainStateToString(obj->state),
                                   obj->reason, (long long)obj->pid, monitor);
    g_string_append(buf, head);
    lines = g_strsplit(xml, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (*lines[i])
            g_string_append_printf(buf, "  %s\n", lines[i]);
    }
    g_strfreev(lines);
    g_string_append(buf, "</domstatus>\n");
    return qemuFileWriteAtomic(path, buf->str, buf->len, false);
}

void
qemuDomainStatusDelete(qemuDriver *driver, const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/%s.xml", driver->stateDir, name);

    unlink(path);
}

void
qemuDomainConfigLoadAll(qemuDriver *driver)
{
    g_autoptr(GDir) dir = g_dir_open(driver->configDir, 0, NULL);
    const char *entry;

    if (!dir)
        return;
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *link = NULL;
        virDomainDef *def;
        virDomainDef *old;
        qemuDomainObj *obj;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_strdup_printf("%s/%s", driver->configDir, entry);
        if (!g_file_get_contents(path, &xml, NULL, NULL))
            continue;
        if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
            VIR_WARN("skipping the definition in %s: it does not parse", path);
            virResetLastError();
            continue;
        }
        if (!(obj = qemuDomainObjListAdd(driver, def, false, &old))) {
            VIR_WARN("skipping the definition in %s", path);
            virResetLastError();
            virDomainDefFree(def);
            continue;
        }
        virDomainDefFree(old);
        link = g_strdup_printf("%s/%s", driver->autostartDir, entry);
        obj->autostart = g_file_test(link, G_FILE_TEST_EXISTS);
        {
            g_autofree char *image = qemuDomainManagedSavePath(driver, obj->def->name);
            obj->hasManagedSave = g_file_test(image, G_FILE_TEST_EXISTS);
        }
    }
}

char *
qemuDomainMonitorPath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.monitor", driver->stateDir, name);
}

char *
qemuDomainPidfilePath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.pid", driver->stateDir, name);
}

char *
qemuDomainLogPath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.log", driver->logDir, name);
}

char *
qemuDomainManagedSavePath(qemuDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.save", driver->saveDir, name);
}
