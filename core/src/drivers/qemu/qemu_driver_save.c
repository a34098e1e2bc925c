/*
 * qemu_driver_save.c: a guest's state to a file and back (virDomainSave,
 * virDomainRestore, managed save), and screenshots.
 *
 * A save image is a fixed header, the domain XML and then QEMU's
 * migration stream: the guest is paused, QEMU migrates into the file
 * through an fd handed over with getfd, and stops.  Restoring starts
 * QEMU with -incoming defer and hands it the same file, positioned after
 * the XML.  The header (our own layout, libvirt's idea):
 *
 *   0   "VirtkitQemuSave\n"   magic, 16 bytes
 *   16  version (1)           uint32, little endian
 *   20  XML length            uint32, including its NUL
 *   24  running               uint32: 1 if the guest ran when saved
 *   28  zeros up to 64, then the XML, then the stream
 *
 * A managed save image is ROOT/lib/qemu/save/NAME.save; starting the
 * domain restores it and removes it, as libvirt does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver_private.h"
#include "qemu_process.h"
#include "stream_internal.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SAVE_MAGIC "VirtkitQemuSave\n"
#define QEMU_SAVE_VERSION 1
#define QEMU_SAVE_HEADER_LEN 64
#define QEMU_SAVE_TIMEOUT_MS (10 * 60 * 1000)

typedef struct {
    char magic[16];
    uint32_t version;
    uint32_t xmlLen;
    uint32_t running;
    uint32_t unused[9];
} qemuSaveHeader;

G_STATIC_ASSERT(sizeof(qemuSaveHeader) == QEMU_SAVE_HEADER_LEN);

static int
qemuSaveWriteAll(int fd, const void *data, size_t len, const char *path)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("failed to write to '%s'"), path);
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Save                                                               */

/* Save the running OBJ to PATH and stop it (driver->lock held).  RUNNING:
 * 1/0 the state to restore, -1 the current one. */
static int
qemuSaveToFile(qemuDriver *driver, qemuDomainObj *obj, const char *path, int running)
{
    qemuSaveHeader header = { 0 };
    g_autofree char *xml = NULL;
    bool wasRunning = obj->state == VIR_DOMAIN_RUNNING;
    int id = obj->def->id;
    int fd = -1;

    if (!(xml = virDomainDefFormat(obj->def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                             VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        return -1;
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("failed to create '%s'"), path);
        return -1;
    }
    memcpy(header.magic, QEMU_SAVE_MAGIC, sizeof(header.magic));
    header.version = GUINT32_TO_LE(QEMU_SAVE_VERSION);
    header.xmlLen = GUINT32_TO_LE(strlen(xml) + 1);
    header.running = GUINT32_TO_LE(running >= 0 ? running : wasRunning);
    if (qemuSaveWriteAll(fd, &header, sizeof(header), path) < 0 ||
        qemuSaveWriteAll(fd, xml, strlen(xml) + 1, path) < 0)
        goto error;

    if (wasRunning) {
        obj->expectStop++;
        if (qemuMonitorStopCPUs(obj->mon) < 0) {
            obj->expectStop--;
            goto error;
        }
        obj->state = VIR_DOMAIN_PAUSED;
        obj->reason = VIR_DOMAIN_PAUSED_SAVE;
    }
    qemuProcessResetMigration(obj);
    if (qemuMonitorSetMigrationCapability(obj->mon, "events", true) < 0 ||
        qemuMonitorSendFd(obj->mon, "save", fd) < 0 ||
        qemuMonitorMigrate(obj->mon, "fd:save") < 0 ||
        qemuProcessWaitMigration(driver, obj, "save", QEMU_SAVE_TIMEOUT_MS) < 0)
        goto resume;
    if (fsync(fd) < 0) {
        virReportSystemError(errno, _("failed to sync '%s'"), path);
        goto resume;
    }
    close(fd);
    fd = -1;

    qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    return 0;

 resume:
    if (wasRunning && !qemuMonitorIsClosed(obj->mon)) {
        virErrorPtr saved = virSaveLastError();
        obj->expectResume++;
        if (qemuMonitorStartCPUs(obj->mon) == 0) {
            obj->state = VIR_DOMAIN_RUNNING;
            obj->reason = VIR_DOMAIN_RUNNING_SAVE_CANCELED;
        }
        virSetError(saved);
        virFreeError(saved);
    }
 error:
    if (fd >= 0)
        close(fd);
    unlink(path);
    return -1;
}

static int
qemuSaveRunningFlag(unsigned int flags)
{
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        return 1;
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        return 0;
    return -1;
}

static int
qemuSaveCheckFlags(unsigned int flags, const char *dxml)
{
    if ((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)) {
        virReportInvalidArg(flags, "%s",
                            _("Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive"));
        return -1;
    }
    if (dxml) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("changing the domain XML of a save image is not supported"));
        return -1;
    }
    return 0;
}

static int
qemuDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (qemuSaveCheckFlags(flags, dxml) < 0)
        return -1;
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0)
        ret = qemuSaveToFile(driver, obj, to, qemuSaveRunningFlag(flags));
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSave(virDomainPtr dom, const char *to)
{
    return qemuDomainSaveFlags(dom, to, NULL, 0);
}

static int
qemuDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autofree char *path = NULL;
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (qemuSaveCheckFlags(flags, NULL) < 0)
        return -1;
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot do managed save for transient domain"));
        goto cleanup;
    }
    if (qemuMakeDir(driver->saveDir) < 0)
        goto cleanup;
    path = qemuDomainManagedSavePath(driver, obj->def->name);
    if (qemuSaveToFile(driver, obj, path, qemuSaveRunningFlag(flags)) < 0)
        goto cleanup;
    obj->hasManagedSave = true;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)))
        ret = obj->hasManagedSave;
    g_mutex_unlock(&driver->lock);
    return ret;
}

int
qemuDomainManagedSaveDelete(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *path = qemuDomainManagedSavePath(driver, obj->def->name);

    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("Failed to remove managed save file '%s'"), path);
        return -1;
    }
    obj->hasManagedSave = false;
    return 0;
}

static int
qemuDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)))
        ret = qemuDomainManagedSaveDelete(driver, obj);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Restore                                                            */

/* Open the image at PATH: its definition in *RET_DEF, whether the guest
 * ran in *RET_RUNNING; the fd is positioned at the migration stream.
 * Returns the fd or -1 reported. */
static int
qemuSaveImageOpen(qemuDriver *driver, const char *path,
                  virDomainDef **ret_def, bool *ret_running)
{
    qemuSaveHeader header;
    g_autofree char *xml = NULL;
    virDomainDef *def;
    ssize_t n;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open domain image '%s'"), path);
        return -1;
    }
    n = read(fd, &header, sizeof(header));
    if (n != sizeof(header)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("failed to read qemu header"));
        goto error;
    }
    if (memcmp(header.magic, QEMU_SAVE_MAGIC, sizeof(header.magic)) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("image magic is incorrect"));
        goto error;
    }
    if (GUINT32_FROM_LE(header.version) != QEMU_SAVE_VERSION) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("image version is not supported (%u > %d)"),
                       GUINT32_FROM_LE(header.version), QEMU_SAVE_VERSION);
        goto error;
    }
    header.xmlLen = GUINT32_FROM_LE(header.xmlLen);
    if (header.xmlLen == 0 || header.xmlLen > 16 * 1024 * 1024) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("invalid XML length: %u"), header.xmlLen);
        goto error;
    }
    xml = g_malloc0(header.xmlLen + 1);
    if (read(fd, xml, header.xmlLen) != (ssize_t)header.xmlLen) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("failed to read domain XML"));
        goto error;
    }
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        goto error;
    if (qemuDomainDefAddDefaults(def, &driver->defaultsInfo) < 0) {
        virDomainDefFree(def);
        goto error;
    }
    *ret_def = def;
    *ret_running = GUINT32_FROM_LE(header.running) != 0;
    return fd;

 error:
    close(fd);
    return -1;
}

static unsigned int
qemuRestoreStartFlags(bool running, unsigned int flags)
{
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        running = true;
    else if (flags & VIR_DOMAIN_SAVE_PAUSED)
        running = false;
    return running ? 0 : QEMU_PROCESS_START_PAUSED;
}

static int
qemuDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                       unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(conn);
    virDomainDef *def = NULL;
    virDomainDef *old = NULL;
    qemuDomainObj *obj;
    bool running = false;
    bool existed;
    int ret = -1;
    int fd;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED | VIR_DOMAIN_SAVE_RESET_NVRAM, -1);
    if (qemuSaveCheckFlags(flags, dxml) < 0)
        return -1;

    g_mutex_lock(&driver->lock);
    if ((fd = qemuSaveImageOpen(driver, from, &def, &running)) < 0)
        goto cleanup;
    existed = qemuDomainObjFindByUUID(driver, def->uuid) != NULL;
    if (!(obj = qemuDomainObjListAdd(driver, def, true, &old))) {
        virDomainDefFree(def);
        goto cleanup;
    }
    virDomainDefFree(old);
    if (qemuProcessStartRestore(driver, obj, qemuRestoreStartFlags(running, flags), fd) < 0) {
        if (!existed)
            qemuDomainObjListRemove(driver, obj);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (fd >= 0)
        close(fd);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainRestore(virConnectPtr conn, const char *from)
{
    return qemuDomainRestoreFlags(conn, from, NULL, 0);
}

int
qemuDomainStartManagedSave(qemuDriver *driver, qemuDomainObj *obj, unsigned int startFlags)
{
    g_autofree char *path = qemuDomainManagedSavePath(driver, obj->def->name);
    virDomainDef *def = NULL;
    bool running = false;
    int ret = -1;
    int fd;

    if ((fd = qemuSaveImageOpen(driver, path, &def, &running)) < 0)
        return -1;
    if (memcmp(def->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("managed save image '%s' is of another domain"), path);
        virDomainDefFree(def);
        goto cleanup;
    }
    /* the saved definition runs; the persistent one waits */
    obj->newDef = obj->def;
    obj->def = def;
    if (qemuProcessStartRestore(driver, obj,
                                (startFlags & QEMU_PROCESS_START_PAUSED) ?
                                QEMU_PROCESS_START_PAUSED : (running ? 0 : QEMU_PROCESS_START_PAUSED),
                                fd) < 0)
        goto cleanup;
    qemuDomainManagedSaveDelete(driver, obj);
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Screenshots                                                        */

static char *
qemuDomainScreenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                     unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autofree char *tmp = NULL;
    g_autofree char *data = NULL;
    gsize len = 0;
    qemuDomainObj *obj;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (obj->def->nvideos == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("no screens to take screenshot from"));
        goto cleanup;
    }
    if (screen > 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("no screen with index %u"), screen);
        goto cleanup;
    }
    tmp = g_strdup_printf("%s/%s.screendump", driver->stateDir, obj->def->name);
    if (qemuMonitorScreendump(obj->mon, NULL, -1, tmp) < 0)
        goto cleanup;
    if (!g_file_get_contents(tmp, &data, &len, NULL)) {
        virReportSystemError(errno, _("unable to read screenshot '%s'"), tmp);
        goto cleanup;
    }
    if (virStreamSetBuffer(st, data, len) < 0)
        goto cleanup;
    ret = g_strdup("image/x-portable-pixmap");

 cleanup:
    if (tmp)
        unlink(tmp);
    g_mutex_unlock(&driver->lock);
    return ret;
}

void
qemuSaveRegister(virHypervisorDriver *hv)
{
    hv->domainSave = qemuDomainSave;
    hv->domainSaveFlags = qemuDomainSaveFlags;
    hv->domainRestore = qemuDomainRestore;
    hv->domainRestoreFlags = qemuDomainRestoreFlags;
    hv->domainManagedSave = qemuDomainManagedSave;
    hv->domainHasManagedSaveImage = qemuDomainHasManagedSaveImage;
    hv->domainManagedSaveRemove = qemuDomainManagedSaveRemove;
    hv->domainScreenshot = qemuDomainScreenshot;
}
