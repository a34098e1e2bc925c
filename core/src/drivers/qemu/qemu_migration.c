/*
 * qemu_migration.c: live migration of QEMU guests (qemu_migration.h,
 * docs/migration.md).
 *
 * The source's QEMU sends the guest straight to the destination's QEMU
 * over TCP: the destination starts QEMU with -incoming defer and
 * migrate-incoming on a free port of 49152-49215, the source sends QMP
 * migrate to it and waits for QEMU's MIGRATION event.  While it waits the
 * domain is busy and driver->lock is released (qemu_domainobj.h), so the
 * calls that watch and steer the migration (job info, abort, speed,
 * downtime, post-copy) do not look the domain up: they find the running
 * migration in a table of this file, under its own lock, and talk to its
 * monitor directly (the monitor is thread-safe, and stays open while the
 * entry is in the table: stopping the domain waits until it is idle).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "migration.h"
#include "qemu_driver_private.h"
#include "qemu_migration.h"
#include "qemu_process.h"
#include "virlog.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_MIGRATION_PORT_MIN 49152
#define QEMU_MIGRATION_PORT_MAX 49215
#define QEMU_MIGRATION_TIMEOUT_MS (60 * 60 * 1000)
#define QEMU_MIGRATION_FINISH_TIMEOUT_MS (5 * 60 * 1000)
/* QEMU's max-bandwidth when nobody set it (32 MiB/s), and libvirt's
 * "unlimited" in MiB/s */
#define QEMU_MIGRATION_QEMU_DEFAULT_BANDWIDTH (32LL << 20)
#define QEMU_MIGRATION_BANDWIDTH_MAX (LLONG_MAX >> 20)

/* What the flags may hold (the others are refused as unsupported). */
#define QEMU_MIGRATION_FLAGS \
    (VIR_MIGRATE_LIVE | VIR_MIGRATE_PEER2PEER | VIR_MIGRATE_PERSIST_DEST | \
     VIR_MIGRATE_UNDEFINE_SOURCE | VIR_MIGRATE_PAUSED | \
     VIR_MIGRATE_CHANGE_PROTECTION | VIR_MIGRATE_UNSAFE | \
     VIR_MIGRATE_ABORT_ON_ERROR | VIR_MIGRATE_AUTO_CONVERGE | \
     VIR_MIGRATE_POSTCOPY | QEMU_MIGRATION_NON_SHARED)

#define QEMU_MIGRATION_NON_SHARED (VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC)

/* ------------------------------------------------------------------ */
/* Migrations in progress                                             */

typedef struct {
    qemuMonitor *mon;           /* the source QEMU's (see the top) */
    gint64 started;             /* monotonic, microseconds */
    unsigned int flags;         /* the migration's virDomainMigrateFlags */
} qemuMigrationJob;

static GMutex qemuMigrationJobsLock;
static GHashTable *qemuMigrationJobs;   /* key: qemuMigrationJobKey() */

/* Two roots in one process may each have a domain of the same UUID. */
static char *
qemuMigrationJobKey(qemuDriver *driver, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, uuidstr);
    return g_strdup_printf("%p/%s", (void *)driver, uuidstr);
}

static void
qemuMigrationJobAdd(qemuDriver *driver, qemuDomainObj *obj, unsigned int flags)
{
    qemuMigrationJob *job = g_new0(qemuMigrationJob, 1);

    job->mon = obj->mon;
    job->started = g_get_monotonic_time();
    job->flags = flags;
    g_mutex_lock(&qemuMigrationJobsLock);
    if (!qemuMigrationJobs)
        qemuMigrationJobs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_replace(qemuMigrationJobs, qemuMigrationJobKey(driver, obj->def->uuid), job);
    g_mutex_unlock(&qemuMigrationJobsLock);
}

static void
qemuMigrationJobRemove(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *key = qemuMigrationJobKey(driver, obj->def->uuid);

    g_mutex_lock(&qemuMigrationJobsLock);
    g_hash_table_remove(qemuMigrationJobs, key);
    g_mutex_unlock(&qemuMigrationJobsLock);
}

/* The running migration of DOM, with qemuMigrationJobsLock held (release
 * it with qemuMigrationJobRelease); NULL, and the lock not held, when
 * DOM is not migrating. */
static qemuMigrationJob *
qemuMigrationJobFind(virDomainPtr dom)
{
    g_autofree char *key = qemuMigrationJobKey(qemuDriverOf(dom->conn), dom->uuid);
    qemuMigrationJob *job = NULL;

    g_mutex_lock(&qemuMigrationJobsLock);
    if (qemuMigrationJobs)
        job = g_hash_table_lookup(qemuMigrationJobs, key);
    if (!job)
        g_mutex_unlock(&qemuMigrationJobsLock);
    return job;
}

static void
qemuMigrationJobRelease(void)
{
    g_mutex_unlock(&qemuMigrationJobsLock);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static const char *
qemuMigrationParamString(virTypedParameterPtr params, int nparams, const char *name)
{
    const char *value = NULL;

    if (virTypedParamsGetString(params, nparams, name, &value) < 0) {
        virResetLastError();
        return NULL;
    }
    return value;
}

static int
qemuMigrationCheckParams(virTypedParameterPtr params, int nparams)
{
    return virTypedParamsValidate(params, nparams,
                                  VIR_MIGRATE_PARAM_URI, VIR_TYPED_PARAM_STRING,
                                  VIR_MIGRATE_PARAM_DEST_NAME, VIR_TYPED_PARAM_STRING,
                                  VIR_MIGRATE_PARAM_DEST_XML, VIR_TYPED_PARAM_STRING,
                                  VIR_MIGRATE_PARAM_PERSIST_XML, VIR_TYPED_PARAM_STRING,
                                  VIR_MIGRATE_PARAM_BANDWIDTH, VIR_TYPED_PARAM_ULLONG,
                                  VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, VIR_TYPED_PARAM_ULLONG,
                                  VIR_MIGRATE_PARAM_LISTEN_ADDRESS, VIR_TYPED_PARAM_STRING,
                                  VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, VIR_TYPED_PARAM_INT,
                                  VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, VIR_TYPED_PARAM_INT,
                                  NULL);
}

/* Split a migration URI "tcp:HOST[:PORT]" or "tcp://HOST[:PORT]" (HOST
 * may be [IPv6]) into *RET_HOST (NULL when empty) and *RET_PORT (0 when
 * absent).  0, or -1 with libvirt's errors. */
static int
qemuMigrationParseURI(const char *uri, char **ret_host, int *ret_port)
{
    const char *rest;
    const char *colon;
    g_autofree char *host = NULL;
    int port = 0;

    if (g_str_has_prefix(uri, "tcp://"))
        rest = uri + strlen("tcp://");
    else if (g_str_has_prefix(uri, "tcp:"))
        rest = uri + strlen("tcp:");
    else {
        g_autofree char *scheme = strchr(uri, ':') ? g_strndup(uri, strchr(uri, ':') - uri)
                                                   : g_strdup(uri);
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       _("unsupported scheme %s in migration URI %s"), scheme, uri);
        return -1;
    }
    if (*rest == '[') {
        const char *end = strchr(rest, ']');
        if (!end) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("unable to parse URI: %s"), uri);
            return -1;
        }
        host = g_strndup(rest + 1, end - rest - 1);
        colon = *(end + 1) == ':' ? end + 1 : NULL;
    } else {
        colon = strrchr(rest, ':');
        host = colon ? g_strndup(rest, colon - rest) : g_strdup(rest);
    }
    if (colon) {
        char *end = NULL;
        long p = strtol(colon + 1, &end, 10);
        if (!end || *end != '\0' || *(colon + 1) == '\0' || p < 1 || p > 65535) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("migration URI %s has an invalid port"), uri);
            return -1;
        }
        port = p;
    }
    if (host && (*host == '\0' || strcmp(host, "/") == 0))
        g_clear_pointer(&host, g_free);
    *ret_host = g_steal_pointer(&host);
    *ret_port = port;
    return 0;
}

/* Whether nothing listens on PORT of ADDR (an IPv4 literal; any other
 * address is tried as 0.0.0.0).  QEMU may still lose the race for it:
 * then the next port is tried. */
static bool
qemuMigrationPortFree(const char *addr, int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
    int one = 1;
    bool ok;
    int fd;

    if (!addr || inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
        sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return true;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    ok = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return ok;
}

static char *
qemuMigrationFormatHostPort(const char *host, int port)
{
    if (strchr(host, ':'))
        return g_strdup_printf("tcp:[%s]:%d", host, port);
    return g_strdup_printf("tcp:%s:%d", host, port);
}

/* Whether NON_SHARED_DISK/INC copies DISK: a writable, unshared disk
 * on a file or a block device. */
static bool
qemuMigrationDiskCopied(const virDomainDiskDef *disk)
{
    return disk->device == VIR_DOMAIN_DISK_DEVICE_DISK && disk->src && disk->info.alias &&
           !disk->readonly && !disk->shareable &&
           (disk->type == VIR_STORAGE_TYPE_FILE || disk->type == VIR_STORAGE_TYPE_BLOCK);
}

/* The number after "KEY=" on a line of COOKIE, or 0. */
static int
qemuMigrationCookieInt(const char *cookie, const char *key)
{
    g_autofree char *prefix = g_strdup_printf("%s=", key);
    g_auto(GStrv) lines = g_strsplit(cookie ? cookie : "", "\n", 0);
    size_t i;

    for (i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], prefix))
            return atoi(lines[i] + strlen(prefix));
    }
    return 0;
}

typedef int (*qemuMigrationListenFunc)(qemuMonitor *mon, const char *host, int port);

static int
qemuMigrationStartIncoming(qemuMonitor *mon, const char *host, int port)
{
    g_autofree char *uri = qemuMigrationFormatHostPort(host, port);

    return qemuMonitorMigrateIncoming(mon, uri);
}

static int
qemuMigrationStartNBDServer(qemuMonitor *mon, const char *host, int port)
{
    g_autoptr(JsonObject) args = json_object_new();
    JsonObject *addr = json_object_new();
    JsonObject *data = json_object_new();

    g_autofree char *portstr = g_strdup_printf("%d", port);

    json_object_set_string_member(data, "host", host);
    json_object_set_string_member(data, "port", portstr);
    json_object_set_string_member(addr, "type", "inet");
    json_object_set_object_member(addr, "data", data);
    json_object_set_object_member(args, "addr", addr);
    return qemuMonitorCommand(mon, "nbd-server-start", args, NULL);
}

/* Have the QEMU of OBJ listen with START on the first free port of
 * libvirt's range (or on FIXEDPORT) of LISTEN (NULL: every address).
 * The port, or -1 reported. */
static int
qemuMigrationListen(qemuDomainObj *obj, const char *listen, int fixedPort,
                    qemuMigrationListenFunc start)
{
    int port;

    for (port = fixedPort ? fixedPort : QEMU_MIGRATION_PORT_MIN;
         port <= (fixedPort ? fixedPort : QEMU_MIGRATION_PORT_MAX); port++) {
        if (!fixedPort && !qemuMigrationPortFree(listen, port))
            continue;
        if (start(obj->mon, listen ? listen : "0.0.0.0", port) == 0)
            return port;
        if (fixedPort || qemuMonitorIsClosed(obj->mon))
            return -1;
        VIR_DEBUG("port %d taken meanwhile: %s", port, virGetLastErrorMessage());
        virResetLastError();
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("Unable to find an unused port in range 'migration' (%d-%d)"),
                   QEMU_MIGRATION_PORT_MIN, QEMU_MIGRATION_PORT_MAX);
    return -1;
}

/* Destination of NON_SHARED_DISK/INC: an NBD server exporting each
 * copied disk (writable, named after its alias) on *RET_PORT. */
static int
qemuMigrationDstStartNBD(qemuDomainObj *obj, const char *listen, int *ret_port)
{
    int port = 0;
    size_t i;

    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        g_autoptr(JsonObject) args = NULL;
        g_autofree char *node = NULL;

        if (!qemuMigrationDiskCopied(disk))
            continue;
        if (!port && (port = qemuMigrationListen(obj, listen, 0, qemuMigrationStartNBDServer)) < 0)
            return -1;
        if (!(node = qemuDomainDiskNodeName(obj, disk->info.alias))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot find the block node of disk '%s'"), disk->dst);
            return -1;
        }
        args = json_object_new();
        json_object_set_string_member(args, "device", node);
        json_object_set_string_member(args, "name", disk->info.alias);
        json_object_set_boolean_member(args, "writable", true);
        if (qemuMonitorCommand(obj->mon, "nbd-server-add", args, NULL) < 0)
            return -1;
    }
    *ret_port = port;
    return 0;
}

/* Source of NON_SHARED_DISK/INC: end the mirror of every copied disk and
 * drop its NBD client node (whatever exists of them; errors are not
 * reported, the first one stays). */
static void
qemuMigrationSrcStopMirrors(qemuDriver *driver, qemuDomainObj *obj)
{
    virErrorPtr saved = virSaveLastError();
    size_t i;

    for (i = 0; i < obj->def->ndisks && !qemuMonitorIsClosed(obj->mon); i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        g_autofree char *target = NULL;
        g_autoptr(JsonObject) cancel = NULL;
        g_autoptr(JsonObject) del = NULL;

        if (!qemuMigrationDiskCopied(disk))
            continue;
        target = g_strdup_printf("migration-%s", disk->info.alias);
        cancel = json_object_new();
        json_object_set_string_member(cancel, "device", target);
        json_object_set_boolean_member(cancel, "force", true);
        qemuProcessRunJob(driver, obj, "block-job-cancel", cancel, target,
                          QEMU_MIGRATION_FINISH_TIMEOUT_MS);
        del = json_object_new();
        json_object_set_string_member(del, "node-name", target);
        qemuMonitorCommand(obj->mon, "blockdev-del", del, NULL);
    }
    virResetLastError();
    if (saved) {
        virSetError(saved);
        virFreeError(saved);
    }
}

/* Source of NON_SHARED_DISK/INC: mirror each copied disk to the
 * destination's NBD export of it (HOST:PORT) and wait until every mirror
 * is in step ("ready"); from then on the guest's writes go to both. */
static int
qemuMigrationSrcStartMirrors(qemuDriver *driver, qemuDomainObj *obj,
                             const char *host, int port, unsigned int flags)
{
    size_t i;

    if (!port) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       _("the destination did not start an NBD server for the disks"));
        return -1;
    }
    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        g_autofree char *node = NULL;
        g_autofree char *target = NULL;
        g_autoptr(JsonObject) add = NULL;
        g_autoptr(JsonObject) mirror = NULL;
        g_autofree char *portstr = g_strdup_printf("%d", port);
        JsonObject *server;

        if (!qemuMigrationDiskCopied(disk))
            continue;
        if (!(node = qemuDomainDiskNodeName(obj, disk->info.alias))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot find the block node of disk '%s'"), disk->dst);
            goto error;
        }
        target = g_strdup_printf("migration-%s", disk->info.alias);
        add = json_object_new();
        server = json_object_new();
        json_object_set_string_member(server, "type", "inet");
        json_object_set_string_member(server, "host", host);
        json_object_set_string_member(server, "port", portstr);
        json_object_set_string_member(add, "driver", "nbd");
        json_object_set_string_member(add, "node-name", target);
        json_object_set_object_member(add, "server", server);
        json_object_set_string_member(add, "export", disk->info.alias);
        if (qemuMonitorCommand(obj->mon, "blockdev-add", add, NULL) < 0)
            goto error;
        mirror = json_object_new();
        json_object_set_string_member(mirror, "job-id", target);
        json_object_set_string_member(mirror, "device", node);
        json_object_set_string_member(mirror, "target", target);
        json_object_set_string_member(mirror, "sync",
                                      (flags & VIR_MIGRATE_NON_SHARED_INC) ? "top" : "full");
        /* it stays concluded until dismissed: its end cannot be missed */
        json_object_set_boolean_member(mirror, "auto-dismiss", false);
        if (qemuProcessStartJob(driver, obj, "blockdev-mirror", mirror, target, "ready",
                                QEMU_MIGRATION_TIMEOUT_MS) < 0)
            goto error;
    }
    return 0;

 error:
    qemuMigrationSrcStopMirrors(driver, obj);
    return -1;
}

/* The capabilities and parameters of FLAGS and PARAMS on the QEMU of
 * OBJ (both sides need the post-copy capability). */
static int
qemuMigrationSetCapabilities(qemuDomainObj *obj, unsigned int flags, bool source)
{
    if (qemuMonitorSetMigrationCapability(obj->mon, "events", true) < 0 ||
        qemuMonitorSetMigrationCapability(obj->mon, "postcopy-ram",
                                          (flags & VIR_MIGRATE_POSTCOPY) != 0) < 0)
        return -1;
    if (source &&
        (qemuMonitorSetMigrationCapability(obj->mon, "auto-converge",
                                           (flags & VIR_MIGRATE_AUTO_CONVERGE) != 0) < 0 ||
         qemuMonitorSetMigrationCapability(obj->mon, "pause-before-switchover",
                                           (flags & QEMU_MIGRATION_NON_SHARED) != 0) < 0))
        return -1;
    return 0;
}

static int
qemuMigrationSetParams(qemuDomainObj *obj, virTypedParameterPtr params, int nparams)
{
    unsigned long long bw = 0;
    int value = 0;

    long long current = 0;

    if (virTypedParamsGetULLong(params, nparams, VIR_MIGRATE_PARAM_BANDWIDTH, &bw) == 1) {
        if (qemuMonitorSetMigrationParam(obj->mon, "max-bandwidth", bw << 20) < 0)
            return -1;
    } else if (qemuMonitorGetMigrationParam(obj->mon, "max-bandwidth", &current) < 0) {
        return -1;
    } else if (current == QEMU_MIGRATION_QEMU_DEFAULT_BANDWIDTH &&
               qemuMonitorSetMigrationParam(obj->mon, "max-bandwidth",
                                            QEMU_MIGRATION_BANDWIDTH_MAX << 20) < 0) {
        /* QEMU's own limit is slow; libvirt lifts it unless asked for one
         * (virDomainMigrateSetMaxSpeed before the migration stays) */
        return -1;
    }
    if (virTypedParamsGetULLong(params, nparams, VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, &bw) == 1 &&
        qemuMonitorSetMigrationParam(obj->mon, "max-postcopy-bandwidth", bw << 20) < 0)
        return -1;
    if (virTypedParamsGetInt(params, nparams, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, &value) == 1 &&
        qemuMonitorSetMigrationParam(obj->mon, "cpu-throttle-initial", value) < 0)
        return -1;
    if (virTypedParamsGetInt(params, nparams, VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, &value) == 1 &&
        qemuMonitorSetMigrationParam(obj->mon, "cpu-throttle-increment", value) < 0)
        return -1;
    return 0;
}

static void
qemuMigrationEmit(qemuDriver *driver, qemuDomainObj *obj, int event, int detail)
{
    qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid,
                           obj->def->id, event, detail);
}

/* The domain of the migration on the destination: found by the UUID of
 * the XML the source sent.  Borrowed, or NULL reported. */
static qemuDomainObj *
qemuMigrationDstFind(qemuDriver *driver, virTypedParameterPtr params, int nparams)
{
    const char *xml = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_DEST_XML);
    g_autoptr(virDomainDef) def = NULL;
    qemuDomainObj *obj;

    if (!xml) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("no domain XML passed"));
        return NULL;
    }
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!(obj = qemuDomainObjFindByUUID(driver, def->uuid)) ||
        !qemuDomainObjWaitIdle(driver, obj) || !qemuDomainObjIsActive(obj)) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(def->uuid, uuidstr);
        qemuReportDomainError(VIR_ERR_NO_DOMAIN,
                              _("no domain with matching uuid '%s' (%s)"), uuidstr, def->name);
        return NULL;
    }
    return obj;
}

/* Stop the incoming OBJ that did not arrive (it goes if transient). */
static void
qemuMigrationDstAbandon(qemuDriver *driver, qemuDomainObj *obj)
{
    virErrorPtr saved = virSaveLastError();
    int id = obj->def->id;

    qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_FAILED);
    qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_FAILED);
    if (saved) {
        virSetError(saved);
        virFreeError(saved);
    }
}

/* ------------------------------------------------------------------ */
/* The phases                                                         */

static char *
qemuDomainMigrateBegin3Params(virDomainPtr dom,
                              virTypedParameterPtr params,
                              int nparams,
                              char **cookieout,
                              unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    const char *dxml;
    qemuDomainObj *obj;
    char *xml = NULL;

    virCheckFlags(QEMU_MIGRATION_FLAGS, NULL);
    if (qemuMigrationCheckParams(params, nparams) < 0)
        return NULL;
    dxml = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_DEST_XML);

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)) ||
        qemuDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if ((flags & VIR_MIGRATE_UNDEFINE_SOURCE) && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot undefine transient domain"));
        goto cleanup;
    }
    if (dxml) {
        g_autoptr(virDomainDef) def = virDomainDefParseString(dxml, VIR_DOMAIN_DEF_PARSE_INACTIVE);
        if (!def)
            goto cleanup;
        if (memcmp(def->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("the destination XML describes another domain (its UUID differs)"));
            goto cleanup;
        }
        xml = g_strdup(dxml);
    } else {
        xml = virDomainDefFormat(obj->def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                           VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                           VIR_DOMAIN_DEF_FORMAT_MIGRATABLE);
    }
    if (xml)
        *cookieout = g_strdup_printf("hostname=%s\n", g_get_host_name());

 cleanup:
    g_mutex_unlock(&driver->lock);
    return xml;
}

static int
qemuDomainMigratePrepare3Params(virConnectPtr dconn,
                                virTypedParameterPtr params,
                                int nparams,
                                const char *cookiein G_GNUC_UNUSED,
                                char **cookieout,
                                char **uriout,
                                unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dconn);
    const char *xml;
    const char *dname;
    const char *listen;
    const char *uri;
    g_autofree char *uriHost = NULL;
    virDomainDef *def = NULL;
    virDomainDef *old = NULL;
    qemuDomainObj *obj;
    bool existed;
    int uriPort = 0;
    int nbdPort = 0;
    int port;
    int ret = -1;

    virCheckFlags(QEMU_MIGRATION_FLAGS, -1);
    if (qemuMigrationCheckParams(params, nparams) < 0)
        return -1;
    xml = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_DEST_XML);
    dname = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_DEST_NAME);
    listen = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_LISTEN_ADDRESS);
    uri = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_URI);
    if (!xml) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("no domain XML passed"));
        return -1;
    }
    if (uri && qemuMigrationParseURI(uri, &uriHost, &uriPort) < 0)
        return -1;
    if (!(def = qemuDomainDefParse(driver, xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    if (dname) {
        g_free(def->name);
        def->name = g_strdup(dname);
    }

    g_mutex_lock(&driver->lock);
    existed = qemuDomainObjFindByUUID(driver, def->uuid) != NULL;
    if (!(obj = qemuDomainObjListAdd(driver, def, true, &old))) {
        virDomainDefFree(def);
        goto cleanup;
    }
    virDomainDefFree(old);
    if (qemuProcessStart(driver, obj, QEMU_PROCESS_START_INCOMING) < 0) {
        if (!existed)
            qemuDomainObjListRemove(driver, obj);
        goto cleanup;
    }
    if (qemuMigrationSetCapabilities(obj, flags, false) < 0)
        goto abandon;
    qemuProcessResetMigration(obj);

    if ((port = qemuMigrationListen(obj, listen, uriPort, qemuMigrationStartIncoming)) < 0)
        goto abandon;
    if ((flags & QEMU_MIGRATION_NON_SHARED) &&
        qemuMigrationDstStartNBD(obj, listen, &nbdPort) < 0)
        goto abandon;
    if (!uriHost) {
        if (listen && strcmp(listen, "0.0.0.0") != 0 && strcmp(listen, "::") != 0)
            uriHost = g_strdup(listen);
        else
            uriHost = g_strdup(g_get_host_name());
    }
    *uriout = qemuMigrationFormatHostPort(uriHost, port);
    *cookieout = g_strdup_printf("hostname=%s\nport=%d\nnbd-port=%d\n",
                                 g_get_host_name(), port, nbdPort);
    ret = 0;
    goto cleanup;

 abandon:
    qemuMigrationDstAbandon(driver, obj);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Send OBJ to URI and wait for it to arrive (driver->lock held, released
 * while waiting).  On success the source QEMU is paused (SUSPENDED/
 * MIGRATED); on failure the guest runs on as before. */
static int
qemuMigrationSrcRun(qemuDriver *driver,
                    qemuDomainObj *obj,
                    const char *uri,
                    const char *cookie,
                    virTypedParameterPtr params,
                    int nparams,
                    unsigned int flags)
{
    g_autofree char *host = NULL;
    g_autofree char *target = NULL;
    qemuMonitorMigrationStats stats = { 0 };
    bool wasRunning = obj->state == VIR_DOMAIN_RUNNING;
    int port;
    int rc = 0;

    if (qemuMigrationParseURI(uri, &host, &port) < 0)
        return -1;
    if (!host || !port) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("migration URI %s needs a host and a port"), uri);
        return -1;
    }
    target = qemuMigrationFormatHostPort(host, port);
    if (qemuMigrationSetCapabilities(obj, flags, true) < 0 ||
        qemuMigrationSetParams(obj, params, nparams) < 0)
        return -1;

    if ((flags & QEMU_MIGRATION_NON_SHARED) &&
        qemuMigrationSrcStartMirrors(driver, obj, host,
                                     qemuMigrationCookieInt(cookie, "nbd-port"), flags) < 0)
        return -1;

    qemuProcessResetMigration(obj);
    /* QEMU stops the guest when the last pages go: that STOP is ours */
    if (wasRunning)
        obj->expectStop++;
    if (qemuMonitorMigrate(obj->mon, target) < 0) {
        if (wasRunning)
            obj->expectStop--;
        if (flags & QEMU_MIGRATION_NON_SHARED)
            qemuMigrationSrcStopMirrors(driver, obj);
        return -1;
    }
    qemuMigrationJobAdd(driver, obj, flags);
    if (flags & QEMU_MIGRATION_NON_SHARED) {
        /* QEMU pauses the guest before it lets go of the disks: the
         * mirrors, in step, end there without switching to their copies */
        rc = qemuProcessWaitMigrationStatus(driver, obj, "migration out", "pre-switchover",
                                            QEMU_MIGRATION_TIMEOUT_MS);
        qemuMigrationSrcStopMirrors(driver, obj);
        if (rc == 0) {
            g_autoptr(JsonObject) args = json_object_new();
            json_object_set_string_member(args, "state", "pre-switchover");
            rc = qemuMonitorCommand(obj->mon, "migrate-continue", args, NULL);
        }
    }
    if (rc == 0)
        rc = qemuProcessWaitMigration(driver, obj, "migration out", QEMU_MIGRATION_TIMEOUT_MS);
    qemuMigrationJobRemove(driver, obj);

    if (rc == 0) {
        obj->state = VIR_DOMAIN_PAUSED;
        obj->reason = VIR_DOMAIN_PAUSED_MIGRATION;
        qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                          VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED);
        qemuDomainStatusSave(driver, obj);
        return 0;
    }

    /* tell why as libvirt does, and forget the STOP that did not come */
    if (!qemuMonitorIsClosed(obj->mon)) {
        virErrorPtr saved = virSaveLastError();
        bool running = false;
        char *reason = NULL;

        if (qemuMonitorGetMigrationStats(obj->mon, &stats) == 0 &&
            g_strcmp0(stats.status, "cancelled") == 0) {
            virFreeError(saved);
            saved = NULL;
            virReportError(VIR_ERR_OPERATION_ABORTED, "%s",
                           _("migration out job: canceled by client"));
        } else if (stats.error_desc) {
            virFreeError(saved);
            saved = NULL;
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("job 'migration out' failed: %s"), stats.error_desc);
        }
        if (wasRunning && qemuMonitorGetStatus(obj->mon, &running, &reason) == 0 &&
            running && obj->expectStop > 0)
            obj->expectStop--;
        g_free(reason);
        if (saved) {
            virSetError(saved);
            virFreeError(saved);
        }
    }
    qemuMonitorMigrationStatsClear(&stats);
    return -1;
}

/* PEER2PEER: this driver runs the phases itself, talking to the
 * destination at DCONNURI. */
static int
qemuMigrationSrcPeer2Peer(virDomainPtr dom,
                          const char *dconnuri,
                          virTypedParameterPtr params,
                          int nparams,
                          unsigned int flags)
{
    virConnectPtr dconn;
    virDomainPtr ddom;

    if (!dconnuri) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("a destination URI is needed for peer-to-peer migration"));
        return -1;
    }
    if (!(dconn = virConnectOpen(dconnuri))) {
        virErrorPtr err = virSaveLastError();
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("Failed to connect to remote libvirt URI %s: %s"),
                       dconnuri, err && err->message ? err->message : _("unknown error"));
        virFreeError(err);
        return -1;
    }
    ddom = virMigrateRunPhases(dom, dconn, params, nparams, flags, NULL);
    if (ddom)
        virObjectUnrefHandle(ddom);
    {
        virErrorPtr saved = virSaveLastError();
        virConnectClose(dconn);
        if (saved) {
            virSetError(saved);
            virFreeError(saved);
        }
    }
    return ddom ? 0 : -1;
}

static int
qemuDomainMigratePerform3Params(virDomainPtr dom,
                                const char *dconnuri,
                                virTypedParameterPtr params,
                                int nparams,
                                const char *cookiein,
                                char **cookieout,
                                unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    const char *uri;
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(QEMU_MIGRATION_FLAGS, -1);
    if (qemuMigrationCheckParams(params, nparams) < 0)
        return -1;
    if (flags & VIR_MIGRATE_PEER2PEER)
        return qemuMigrationSrcPeer2Peer(dom, dconnuri, params, nparams, flags);
    if (!(uri = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_URI))) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("no migration URI: the destination gives it in its Prepare phase"));
        return -1;
    }

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0 &&
        qemuMigrationSrcRun(driver, obj, uri, cookiein, params, nparams, flags) == 0) {
        *cookieout = g_strdup("");
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Make the arrived OBJ persistent (PERSIST_DEST), from PERSIST_XML when
 * given, else from what it runs. */
static int
qemuMigrationDstPersist(qemuDriver *driver, qemuDomainObj *obj,
                        virTypedParameterPtr params, int nparams)
{
    const char *pxml = qemuMigrationParamString(params, nparams, VIR_MIGRATE_PARAM_PERSIST_XML);
    bool existed = obj->persistent;
    virDomainDef *def;

    if (pxml)
        def = qemuDomainDefParse(driver, pxml, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    else
        def = virDomainDefCopy(obj->def);
    if (!def)
        return -1;
    def->id = -1;
    if (qemuDomainConfigSave(driver, def) < 0) {
        virDomainDefFree(def);
        return -1;
    }
    virDomainDefFree(obj->newDef);
    obj->newDef = def;
    obj->persistent = true;
    qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_DEFINED,
                      existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED : VIR_DOMAIN_EVENT_DEFINED_ADDED);
    return 0;
}

static virDomainPtr
qemuDomainMigrateFinish3Params(virConnectPtr dconn,
                               virTypedParameterPtr params,
                               int nparams,
                               const char *cookiein G_GNUC_UNUSED,
                               char **cookieout,
                               unsigned int flags,
                               int cancelled)
{
    qemuDriver *driver = qemuDriverOf(dconn);
    qemuDomainObj *obj;
    virDomainPtr ret = NULL;

    virCheckFlags(QEMU_MIGRATION_FLAGS, NULL);
    g_mutex_lock(&driver->lock);
    if (!(obj = qemuMigrationDstFind(driver, params, nparams)))
        goto cleanup;
    if (cancelled) {
        qemuMigrationDstAbandon(driver, obj);
        goto cleanup;
    }
    if (qemuProcessWaitMigration(driver, obj, "migration in",
                                 QEMU_MIGRATION_FINISH_TIMEOUT_MS) < 0)
        goto abandon;
    if (flags & QEMU_MIGRATION_NON_SHARED) {
        /* the disks came in over NBD: its server goes before the guest runs */
        if (qemuMonitorCommand(obj->mon, "nbd-server-stop", NULL, NULL) < 0)
            goto abandon;
    }
    if (flags & VIR_MIGRATE_PAUSED) {
        obj->state = VIR_DOMAIN_PAUSED;
        obj->reason = VIR_DOMAIN_PAUSED_USER;
        qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                          VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    } else {
        obj->expectResume++;
        if (qemuMonitorStartCPUs(obj->mon) < 0) {
            obj->expectResume--;
            goto abandon;
        }
        obj->state = VIR_DOMAIN_RUNNING;
        obj->reason = VIR_DOMAIN_RUNNING_MIGRATED;
        qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_RESUMED,
                          VIR_DOMAIN_EVENT_RESUMED_MIGRATED);
    }
    if ((flags & VIR_MIGRATE_PERSIST_DEST) &&
        qemuMigrationDstPersist(driver, obj, params, nparams) < 0)
        goto abandon;
    if (qemuDomainStatusSave(driver, obj) < 0)
        goto abandon;
    *cookieout = g_strdup("");
    ret = qemuDomainHandle(dconn, obj);
    goto cleanup;

 abandon:
    qemuMigrationDstAbandon(driver, obj);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainMigrateConfirm3Params(virDomainPtr dom,
                                virTypedParameterPtr params G_GNUC_UNUSED,
                                int nparams G_GNUC_UNUSED,
                                const char *cookiein G_GNUC_UNUSED,
                                unsigned int flags,
                                int cancelled)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    g_autoptr(qemuDomainObj) obj = NULL;
    qemuDomainObj *found;
    int ret = -1;
    int id;

    virCheckFlags(QEMU_MIGRATION_FLAGS, -1);
    g_mutex_lock(&driver->lock);
    if (!(found = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    obj = qemuDomainObjRef(found);

    if (cancelled) {
        /* the guest stays here: run it again if the migration paused it */
        if (qemuDomainObjIsActive(obj) && obj->state == VIR_DOMAIN_PAUSED &&
            obj->reason == VIR_DOMAIN_PAUSED_MIGRATION) {
            obj->expectResume++;
            if (qemuMonitorStartCPUs(obj->mon) < 0) {
                obj->expectResume--;
                goto cleanup;
            }
            obj->state = VIR_DOMAIN_RUNNING;
            obj->reason = VIR_DOMAIN_RUNNING_MIGRATION_CANCELED;
            qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_RESUMED,
                              VIR_DOMAIN_EVENT_RESUMED_MIGRATED);
            qemuDomainStatusSave(driver, obj);
        }
        ret = 0;
        goto cleanup;
    }

    if (qemuDomainObjIsActive(obj)) {
        id = obj->def->id;
        obj->beingDestroyed = true;
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_MIGRATED);
        qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_MIGRATED);
        dom->id = -1;
    }
    if ((flags & VIR_MIGRATE_UNDEFINE_SOURCE) && obj->persistent &&
        !qemuDomainObjIsActive(obj)) {
        if (qemuDomainConfigDelete(driver, obj->def->name) < 0)
            goto cleanup;
        qemuMigrationEmit(driver, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                          VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
        obj->persistent = false;
        qemuDomainObjListRemove(driver, obj);
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* The public calls                                                   */

static virDomainPtr
qemuDomainMigrate3(virDomainPtr dom, virConnectPtr dconn,
                   virTypedParameterPtr params, unsigned int nparams,
                   unsigned int flags)
{
    virCheckFlags(QEMU_MIGRATION_FLAGS, NULL);
    if (!dconn) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("a destination connection is needed for this migration"));
        return NULL;
    }
    return virMigrateWithConnection(dom, dconn, params, nparams, flags);
}

static virDomainPtr
qemuDomainMigrate2(virDomainPtr dom, virConnectPtr dconn, const char *dxml,
                   unsigned long flags, const char *dname, const char *uri,
                   unsigned long bandwidth)
{
    return virMigrateWithArgs(dom, dconn, dxml, flags, dname, uri, bandwidth,
                              qemuDomainMigrate3);
}

static virDomainPtr
qemuDomainMigrate(virDomainPtr dom, virConnectPtr dconn, unsigned long flags,
                  const char *dname, const char *uri, unsigned long bandwidth)
{
    return qemuDomainMigrate2(dom, dconn, NULL, flags, dname, uri, bandwidth);
}

static int
qemuDomainMigrateToURI3(virDomainPtr dom, const char *dconnuri,
                        virTypedParameterPtr params, unsigned int nparams,
                        unsigned int flags)
{
    g_autofree char *cookie = NULL;

    virCheckFlags(QEMU_MIGRATION_FLAGS, -1);
    if (!(flags & VIR_MIGRATE_PEER2PEER)) {
        /* direct migration: QEMU would need a destination nobody prepared */
        qemuReportDomainError(VIR_ERR_NO_SUPPORT, "%s", "virDomainMigrateToURI3");
        return -1;
    }
    return virDomainMigratePerform3Params(dom, dconnuri, params, nparams, NULL,
                                          &cookie, flags);
}

static int
qemuDomainMigrateToURI2(virDomainPtr dom, const char *dconnuri, const char *miguri,
                        const char *dxml, unsigned long flags, const char *dname,
                        unsigned long bandwidth)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int ret;

    if (virMigrateParamsFromArgs(dxml, dname, miguri, bandwidth, &params, &nparams) < 0)
        return -1;
    ret = qemuDomainMigrateToURI3(dom, dconnuri, params, nparams, flags);
    virTypedParamsFree(params, nparams);
    return ret;
}

static int
qemuDomainMigrateToURI(virDomainPtr dom, const char *duri, unsigned long flags,
                       const char *dname, unsigned long bandwidth)
{
    return qemuDomainMigrateToURI2(dom, duri, NULL, NULL, flags, dname, bandwidth);
}

/* ------------------------------------------------------------------ */
/* Watching and steering a running migration                          */

static virDrvDomainGetJobInfo qemuMigrationNextGetJobInfo;
static virDrvDomainGetJobStats qemuMigrationNextGetJobStats;

/* query-migrate of the migration of DOM: 1 with *RET_STATS and the time
 * it has run, 0 when DOM is not migrating, -1 reported. */
static int
qemuMigrationJobStats(virDomainPtr dom, qemuMonitorMigrationStats *ret_stats,
                      unsigned long long *ret_elapsed_ms)
{
    qemuMigrationJob *job = qemuMigrationJobFind(dom);
    int rc;

    if (!job)
        return 0;
    rc = qemuMonitorGetMigrationStats(job->mon, ret_stats);
    *ret_elapsed_ms = (g_get_monotonic_time() - job->started) / 1000;
    qemuMigrationJobRelease();
    return rc < 0 ? -1 : 1;
}

static int
qemuMigrationGetJobInfo(virDomainPtr dom, virDomainJobInfoPtr info)
{
    qemuMonitorMigrationStats stats = { 0 };
    unsigned long long elapsed = 0;
    int rc = qemuMigrationJobStats(dom, &stats, &elapsed);

    if (rc == 0)
        return qemuMigrationNextGetJobInfo(dom, info);
    if (rc < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = VIR_DOMAIN_JOB_UNBOUNDED;
    info->timeElapsed = elapsed;
    info->dataTotal = info->memTotal = stats.ram_total;
    info->dataProcessed = info->memProcessed = stats.ram_transferred;
    info->dataRemaining = info->memRemaining = stats.ram_remaining;
    qemuMonitorMigrationStatsClear(&stats);
    return 0;
}

static int
qemuMigrationGetJobStats(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                         int *nparams, unsigned int flags)
{
    qemuMonitorMigrationStats stats = { 0 };
    unsigned long long elapsed = 0;
    virTypedParameterPtr p = NULL;
    int np = 0;
    int maxp = 0;
    int rc;

    if (flags & VIR_DOMAIN_JOB_STATS_COMPLETED)
        return qemuMigrationNextGetJobStats(dom, type, params, nparams, flags);
    if ((rc = qemuMigrationJobStats(dom, &stats, &elapsed)) == 0)
        return qemuMigrationNextGetJobStats(dom, type, params, nparams, flags);
    if (rc < 0)
        return -1;
    if (virTypedParamsAddInt(&p, &np, &maxp, VIR_DOMAIN_JOB_OPERATION,
                             VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_TIME_ELAPSED, elapsed) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_DATA_TOTAL, stats.ram_total) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_DATA_PROCESSED,
                                stats.ram_transferred) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_DATA_REMAINING,
                                stats.ram_remaining) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_MEMORY_TOTAL, stats.ram_total) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_MEMORY_PROCESSED,
                                stats.ram_transferred) < 0 ||
        virTypedParamsAddULLong(&p, &np, &maxp, VIR_DOMAIN_JOB_MEMORY_REMAINING,
                                stats.ram_remaining) < 0) {
        virTypedParamsFree(p, np);
        qemuMonitorMigrationStatsClear(&stats);
        return -1;
    }
    qemuMonitorMigrationStatsClear(&stats);
    *type = VIR_DOMAIN_JOB_UNBOUNDED;
    *params = p;
    *nparams = np;
    return 0;
}

/* Not migrating: the error libvirt gives, after checking DOM exists and
 * runs. */
static int
qemuMigrationNoJob(virDomainPtr dom, const char *message)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;

    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0)
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", message);
    g_mutex_unlock(&driver->lock);
    return -1;
}

static int
qemuMigrationAbortJob(virDomainPtr dom)
{
    qemuMigrationJob *job = qemuMigrationJobFind(dom);
    int rc;

    if (!job)
        return qemuMigrationNoJob(dom, _("no job is active on the domain"));
    rc = qemuMonitorMigrateCancel(job->mon);
    qemuMigrationJobRelease();
    return rc;
}

static int
qemuMigrationAbortJobFlags(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(0, -1);
    return qemuMigrationAbortJob(dom);
}

static int
qemuMigrationStartPostCopy(virDomainPtr dom, unsigned int flags)
{
    qemuMigrationJob *job;
    int rc;

    virCheckFlags(0, -1);
    if (!(job = qemuMigrationJobFind(dom)))
        return qemuMigrationNoJob(dom, _("post-copy can only be started while outgoing migration is in progress"));
    if (!(job->flags & VIR_MIGRATE_POSTCOPY)) {
        qemuMigrationJobRelease();
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("switching to post-copy requires migration to be started with VIR_MIGRATE_POSTCOPY flag"));
        return -1;
    }
    rc = qemuMonitorMigrateStartPostcopy(job->mon);
    qemuMigrationJobRelease();
    return rc;
}

/* Set (SET) or read the migration parameter NAME of DOM's QEMU, during a
 * migration or not. */
static int
qemuMigrationParam(virDomainPtr dom, const char *name, bool set, long long *value)
{
    qemuMigrationJob *job = qemuMigrationJobFind(dom);
    qemuDriver *driver;
    qemuDomainObj *obj;
    int rc = -1;

    if (job) {
        rc = set ? qemuMonitorSetMigrationParam(job->mon, name, *value)
                 : qemuMonitorGetMigrationParam(job->mon, name, value);
        qemuMigrationJobRelease();
        return rc;
    }
    driver = qemuDriverOf(dom->conn);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)) &&
        qemuDomainObjCheckActive(obj) == 0)
        rc = set ? qemuMonitorSetMigrationParam(obj->mon, name, *value)
                 : qemuMonitorGetMigrationParam(obj->mon, name, value);
    g_mutex_unlock(&driver->lock);
    return rc;
}

static int
qemuMigrationSetMaxSpeed(virDomainPtr dom, unsigned long bandwidth, unsigned int flags)
{
    long long value;

    virCheckFlags(VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY, -1);
    if (bandwidth > LLONG_MAX >> 20) {
        virReportError(VIR_ERR_OVERFLOW,
                       _("bandwidth must be less than %llu"), (unsigned long long)(LLONG_MAX >> 20) + 1);
        return -1;
    }
    value = (long long)bandwidth << 20;
    return qemuMigrationParam(dom, (flags & VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY) ?
                              "max-postcopy-bandwidth" : "max-bandwidth", true, &value);
}

static int
qemuMigrationGetMaxSpeed(virDomainPtr dom, unsigned long *bandwidth, unsigned int flags)
{
    long long value = 0;

    virCheckFlags(VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY, -1);
    if (qemuMigrationParam(dom, (flags & VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY) ?
                           "max-postcopy-bandwidth" : "max-bandwidth", false, &value) < 0)
        return -1;
    *bandwidth = value >> 20;
    return 0;
}

static int
qemuMigrationSetMaxDowntime(virDomainPtr dom, unsigned long long downtime, unsigned int flags)
{
    long long value = downtime;

    virCheckFlags(0, -1);
    if (downtime > 2000000) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Invalid downtime value %llu: must be at most 2000000 ms"), downtime);
        return -1;
    }
    return qemuMigrationParam(dom, "downtime-limit", true, &value);
}

static int
qemuMigrationGetMaxDowntime(virDomainPtr dom, unsigned long long *downtime, unsigned int flags)
{
    long long value = 0;

    virCheckFlags(0, -1);
    if (qemuMigrationParam(dom, "downtime-limit", false, &value) < 0)
        return -1;
    *downtime = value;
    return 0;
}

static int
qemuConnectSupportsFeature(virConnectPtr conn G_GNUC_UNUSED, int feature)
{
    return feature == VIR_DRV_FEATURE_MIGRATION_PARAMS ||
           feature == VIR_DRV_FEATURE_MIGRATION_P2P;
}

void
qemuMigrationRegister(virHypervisorDriver *hv)
{
    hv->connectSupportsFeature = qemuConnectSupportsFeature;
    hv->domainMigrateBegin3Params = qemuDomainMigrateBegin3Params;
    hv->domainMigratePrepare3Params = qemuDomainMigratePrepare3Params;
    hv->domainMigratePerform3Params = qemuDomainMigratePerform3Params;
    hv->domainMigrateFinish3Params = qemuDomainMigrateFinish3Params;
    hv->domainMigrateConfirm3Params = qemuDomainMigrateConfirm3Params;
    hv->domainMigrate = qemuDomainMigrate;
    hv->domainMigrate2 = qemuDomainMigrate2;
    hv->domainMigrate3 = qemuDomainMigrate3;
    hv->domainMigrateToURI = qemuDomainMigrateToURI;
    hv->domainMigrateToURI2 = qemuDomainMigrateToURI2;
    hv->domainMigrateToURI3 = qemuDomainMigrateToURI3;

    qemuMigrationNextGetJobInfo = hv->domainGetJobInfo;
    qemuMigrationNextGetJobStats = hv->domainGetJobStats;
    hv->domainGetJobInfo = qemuMigrationGetJobInfo;
    hv->domainGetJobStats = qemuMigrationGetJobStats;
    hv->domainAbortJob = qemuMigrationAbortJob;
    hv->domainAbortJobFlags = qemuMigrationAbortJobFlags;
    hv->domainMigrateStartPostCopy = qemuMigrationStartPostCopy;
    hv->domainMigrateSetMaxSpeed = qemuMigrationSetMaxSpeed;
    hv->domainMigrateGetMaxSpeed = qemuMigrationGetMaxSpeed;
    hv->domainMigrateSetMaxDowntime = qemuMigrationSetMaxDowntime;
    hv->domainMigrateGetMaxDowntime = qemuMigrationGetMaxDowntime;
}
