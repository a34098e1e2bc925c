/*
 * qemu_driver_snapshot.c: internal snapshots of qcow2 disks with the
 * guest's memory (virDomainSnapshot*).
 *
 * A snapshot of a running guest is QEMU's snapshot-save job: every disk
 * gets an internal snapshot named after it and the first disk also holds
 * the memory state.  Reverting runs snapshot-load (starting QEMU paused
 * first when the domain is shut off); deleting runs snapshot-delete, or
 * `qemu-img snapshot -d` on the images of a shut-off domain.  The jobs
 * end with JOB_STATUS_CHANGE, which wakes the caller: nothing polls.
 *
 * External disk-only snapshots (VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY) are
 * made and deleted (their overlays merged away) in
 * qemu_snapshot_external.c; this file keeps their metadata like that of
 * the internal ones.  As in libvirt 9.0 they cannot be reverted to.
 *
 * The metadata (libvirt's <domainsnapshot> document, with the domain
 * definition of the moment) is kept per domain in
 * ROOT/lib/qemu/snapshot/DOMAIN/NAME.xml.  Snapshots form a tree through
 * their parent, which is the current snapshot when one is taken.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver_private.h"
#include "qemu_process.h"
#include "qemu_snapshot_external.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SNAPSHOT_JOB_TIMEOUT_MS (10 * 60 * 1000)

typedef struct {
    char *name;
    char *description;
    char *parent;               /* or NULL */
    long long creationTime;
    int state;                  /* virDomainState at the snapshot, or
                                 * QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT */
    int memory;                 /* qemuSnapshotLocation of the memory */
    qemuSnapshotDisk *disks;    /* <disks> of an external snapshot; NULL
                                 * for an internal one (every disk) */
    size_t ndisks;
    char *domainXML;            /* the definition then (inactive form) */
    char *inactiveDomainXML;    /* the persistent one of a running domain,
                                 * or NULL */
} qemuSnapshot;

static void
qemuSnapshotFree(void *data)
{
    qemuSnapshot *snap = data;
    size_t i;

    g_free(snap->name);
    g_free(snap->description);
    g_free(snap->parent);
    g_free(snap->domainXML);
    g_free(snap->inactiveDomainXML);
    for (i = 0; i < snap->ndisks; i++)
        qemuSnapshotDiskClear(&snap->disks[i]);
    g_free(snap->disks);
    g_free(snap);
}

static qemuSnapshot *
qemuSnapshotFind(qemuDomainObj *obj, const char *name)
{
    guint i;

    for (i = 0; obj->snapshots && i < obj->snapshots->len; i++) {
        qemuSnapshot *snap = g_ptr_array_index(obj->snapshots, i);
        if (strcmp(snap->name, name) == 0)
            return snap;
    }
    return NULL;
}

static char *
qemuSnapshotDir(qemuDriver *driver, const char *domname)
{
    return g_strdup_printf("%s/snapshot/%s", driver->libDir, domname);
}

static bool
qemuSnapshotIsExternal(const qemuSnapshot *snap)
{
    return snap->disks != NULL;
}

/* Append DOMAINXML to BUF indented by two, its root element renamed to
 * ELEMENT ("domain" or "inactiveDomain"). */
static void
qemuSnapshotAppendDomain(GString *buf, const char *domainXML, const char *element)
{
    g_auto(GStrv) lines = g_strsplit(domainXML, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *line = lines[i];

        if (!*line)
            continue;
        if (g_str_has_prefix(line, "<domain"))
            g_string_append_printf(buf, "  <%s%s\n", element, line + strlen("<domain"));
        else if (strcmp(line, "</domain>") == 0)
            g_string_append_printf(buf, "  </%s>\n", element);
        else
            g_string_append_printf(buf, "  %s\n", line);
    }
}

static const char *
qemuSnapshotStateToString(int state)
{
    if (state == QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT)
        return "disk-snapshot";
    return qemuDomainStateToString(state);
}

/* The <domainsnapshot> document of SNAP; with <active> (whether it is the
 * current snapshot) when FORFILE, for the file that keeps it. */
static char *
qemuSnapshotFormat(qemuDomainObj *obj, qemuSnapshot *snap, bool forFile)
{
    g_autoptr(GString) buf = g_string_new("<domainsnapshot>\n");
    g_autofree char *head = NULL;
    size_t i;

    head = g_markup_printf_escaped("  <name>%s</name>\n", snap->name);
    g_string_append(buf, head);
    if (snap->description) {
        g_autofree char *d = g_markup_printf_escaped("  <description>%s</description>\n",
                                                     snap->description);
        g_string_append(buf, d);
    }
    g_string_append_printf(buf, "  <state>%s</state>\n", qemuSnapshotStateToString(snap->state));
    if (snap->parent) {
        g_autofree char *p = g_markup_printf_escaped("  <parent>\n    <name>%s</name>\n  </parent>\n",
                                                     snap->parent);
        g_string_append(buf, p);
    }
    g_string_append_printf(buf, "  <creationTime>%lld</creationTime>\n", snap->creationTime);
    if (qemuSnapshotIsExternal(snap)) {
        g_string_append_printf(buf, "  <memory snapshot='%s'/>\n",
                               qemuSnapshotLocationToString(snap->memory));
        qemuSnapshotDisksFormat(buf, snap->disks, snap->ndisks);
    } else {
        g_autoptr(virDomainDef) def = virDomainDefParseString(snap->domainXML,
                                                               VIR_DOMAIN_DEF_PARSE_INACTIVE);

        g_string_append(buf, "  <memory snapshot='internal'/>\n  <disks>\n");
        for (i = 0; def && i < def->ndisks; i++)
            g_string_append_printf(buf, "    <disk name='%s' snapshot='internal'/>\n",
                                   def->disks[i]->dst);
        virResetLastError();
        g_string_append(buf, "  </disks>\n");
    }
    qemuSnapshotAppendDomain(buf, snap->domainXML, "domain");
    if (snap->inactiveDomainXML)
        qemuSnapshotAppendDomain(buf, snap->inactiveDomainXML, "inactiveDomain");
    if (forFile)
        g_string_append_printf(buf, "  <active>%d</active>\n",
                               g_strcmp0(obj->currentSnapshot, snap->name) == 0);
    g_string_append(buf, "</domainsnapshot>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static int
qemuSnapshotSave(qemuDriver *driver, qemuDomainObj *obj, qemuSnapshot *snap)
{
    g_autofree char *dir = qemuSnapshotDir(driver, obj->def->name);
    g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, snap->name);
    g_autofree char *xml = qemuSnapshotFormat(obj, snap, true);

    if (qemuMakeDir(dir) < 0)
        return -1;
    return qemuFileWriteAtomic(path, xml, strlen(xml), true);
}

/* Rewrite every snapshot file of OBJ (the <active> marks follow the
 * current snapshot). */
static void
qemuSnapshotSaveAll(qemuDriver *driver, qemuDomainObj *obj)
{
    guint i;

    for (i = 0; obj->snapshots && i < obj->snapshots->len; i++) {
        if (qemuSnapshotSave(driver, obj, g_ptr_array_index(obj->snapshots, i)) < 0)
            virResetLastError();
    }
}

static char *
qemuSnapshotXMLText(xmlNodePtr node, const char *child)
{
    xmlNodePtr c = virXMLChild(node, child);
    xmlChar *text = c ? xmlNodeGetContent(c) : NULL;
    char *ret = text ? g_strdup((const char *)text) : NULL;

    xmlFree(text);
    return ret;
}

/* The text of element NODE of DOC, its name made "domain". */
static char *
qemuSnapshotDumpDomain(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr xbuf = xmlBufferCreate();
    const char *name = (const char *)node->name;
    g_autofree char *text = NULL;
    g_autofree char *close = g_strdup_printf("</%s>", name);
    GString *out;

    xmlNodeDump(xbuf, doc, node, 0, 1);
    text = g_strdup((const char *)xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    if (strcmp(name, "domain") == 0)
        return g_steal_pointer(&text);
    out = g_string_new("<domain");
    g_string_append(out, text + 1 + strlen(name));
    if (g_str_has_suffix(out->str, close)) {
        g_string_truncate(out, out->len - strlen(close));
        g_string_append(out, "</domain>");
    }
    return g_string_free(out, FALSE);
}

static void
qemuSnapshotLoadDomain(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *dir = qemuSnapshotDir(driver, obj->def->name);
    g_autoptr(GDir) gdir = g_dir_open(dir, 0, NULL);
    const char *entry;

    while (gdir && (entry = g_dir_read_name(gdir))) {
        g_autofree char *path = g_strdup_printf("%s/%s", dir, entry);
        g_autofree char *state = NULL;
        g_autofree char *active = NULL;
        g_autofree char *ctime = NULL;
        xmlDocPtr doc;
        xmlNodePtr root;
        xmlNodePtr domain;
        xmlNodePtr parent;
        xmlNodePtr memory;
        qemuSnapshot *snap;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        if (!(doc = virXMLParse(path, NULL, path, "domainsnapshot", VIR_FROM_QEMU))) {
            VIR_WARN("skipping snapshot file %s", path);
            virResetLastError();
            continue;
        }
        root = xmlDocGetRootElement(doc);
        snap = g_new0(qemuSnapshot, 1);
        snap->name = qemuSnapshotXMLText(root, "name");
        snap->description = qemuSnapshotXMLText(root, "description");
        if ((parent = virXMLChild(root, "parent")))
            snap->parent = qemuSnapshotXMLText(parent, "name");
        state = qemuSnapshotXMLText(root, "state");
        if (g_strcmp0(state, "disk-snapshot") == 0)
            snap->state = QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT;
        else
            snap->state = MAX(qemuDomainStateFromString(state), 0);
        snap->memory = QEMU_SNAPSHOT_LOCATION_INTERNAL;
        if ((memory = virXMLChild(root, "memory"))) {
            xmlChar *loc = xmlGetNoNsProp(memory, BAD_CAST "snapshot");
            snap->memory = MAX(qemuSnapshotLocationFromString((const char *)loc),
                               QEMU_SNAPSHOT_LOCATION_NO);
            xmlFree(loc);
        }
        /* an internal snapshot's <disks> are all internal: keep none */
        if (snap->memory != QEMU_SNAPSHOT_LOCATION_INTERNAL &&
            qemuSnapshotDisksParse(root, &snap->disks, &snap->ndisks) < 0) {
            VIR_WARN("ignoring the disks of snapshot file %s", path);
            virResetLastError();
        }
        ctime = qemuSnapshotXMLText(root, "creationTime");
        snap->creationTime = ctime ? g_ascii_strtoll(ctime, NULL, 10) : 0;
        if ((domain = virXMLChild(root, "domain")))
            snap->domainXML = qemuSnapshotDumpDomain(doc, domain);
        if ((domain = virXMLChild(root, "inactiveDomain")))
            snap->inactiveDomainXML = qemuSnapshotDumpDomain(doc, domain);
        active = qemuSnapshotXMLText(root, "active");
        xmlFreeDoc(doc);
        if (!snap->name || !snap->domainXML) {
            qemuSnapshotFree(snap);
            continue;
        }
        if (!obj->snapshots)
            obj->snapshots = g_ptr_array_new_with_free_func(qemuSnapshotFree);
        if (g_strcmp0(active, "1") == 0) {
            g_free(obj->currentSnapshot);
            obj->currentSnapshot = g_strdup(snap->name);
        }
        g_ptr_array_add(obj->snapshots, snap);
    }
}

void
qemuSnapshotLoadAll(qemuDriver *driver)
{
    guint i;

    for (i = 0; i < driver->domains->len; i++)
        qemuSnapshotLoadDomain(driver, g_ptr_array_index(driver->domains, i));
}

/* ------------------------------------------------------------------ */
/* Handles and lookups                                                */

/* OBJ and its snapshot SNAP of handle S (driver->lock held), or NULL
 * reported. */
static qemuSnapshot *
qemuSnapObjFromSnapshot(qemuDriver *driver, virDomainSnapshotPtr s, qemuDomainObj **ret_obj)
{
    qemuDomainObj *obj = qemuDomObjFromDomain(driver, s->domain);
    qemuSnapshot *snap;

    if (!obj)
        return NULL;
    if (!(snap = qemuSnapshotFind(obj, s->name))) {
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("no domain snapshot with matching name '%s'"), s->name);
        return NULL;
    }
    *ret_obj = obj;
    return snap;
}

static guint
qemuSnapshotCount(qemuDomainObj *obj)
{
    return obj->snapshots ? obj->snapshots->len : 0;
}

/* The block nodes of every disk of the running OBJ, in disk order; all
 * must be qcow2 images (internal snapshots live in them). */
static char **
qemuSnapshotDiskNodes(qemuDomainObj *obj)
{
    g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        char *node;

        if (!disk->src)
            continue;
        if (g_strcmp0(disk->driverFormat, "qcow2") != 0) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("internal snapshot for disk %s unsupported for storage type %s"),
                           disk->dst, disk->driverFormat ? disk->driverFormat : "raw");
            return NULL;
        }
        if (!(node = qemuDomainDiskNodeName(obj, disk->info.alias))) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("cannot find the block node of disk %s"), disk->dst);
            return NULL;
        }
        g_ptr_array_add(nodes, node);
    }
    if (nodes->len == 0) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("internal snapshots need a qcow2 disk to hold the memory state"));
        return NULL;
    }
    g_ptr_array_add(nodes, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&nodes), FALSE);
}

/* Run snapshot-save, -load or -delete (COMMAND) for TAG on the running OBJ. */
static int
qemuSnapshotJob(qemuDriver *driver, qemuDomainObj *obj, const char *command, const char *tag)
{
    g_auto(GStrv) nodes = NULL;
    g_autoptr(JsonObject) args = json_object_new();
    JsonArray *devices = json_array_new();
    g_autofree char *jobid = g_strdup_printf("virtkit-%s", command);
    bool running = obj->state == VIR_DOMAIN_RUNNING;
    size_t i;
    int ret;

    if (!(nodes = qemuSnapshotDiskNodes(obj))) {
        json_array_unref(devices);
        return -1;
    }
    for (i = 0; nodes[i]; i++)
        json_array_add_string_element(devices, nodes[i]);
    json_object_set_string_member(args, "job-id", jobid);
    json_object_set_string_member(args, "tag", tag);
    if (strcmp(command, "snapshot-delete") != 0)
        json_object_set_string_member(args, "vmstate", nodes[0]);
    json_object_set_array_member(args, "devices", devices);

    /* save and load stop a running guest and start it again: QEMU's STOP
     * and RESUME for that are not the user's */
    if (running && strcmp(command, "snapshot-delete") != 0) {
        obj->expectStop++;
        obj->expectResume++;
    }
    ret = qemuProcessRunJob(driver, obj, command, args, jobid, QEMU_SNAPSHOT_JOB_TIMEOUT_MS);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Creating                                                           */

static virDomainSnapshotPtr
qemuDomainSnapshotCreateXML(virDomainPtr dom, const char *xml, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    bool diskOnly = flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    xmlNodePtr memory;
    g_autofree char *name = NULL;
    g_autofree char *description = NULL;
    g_autofree char *memoryLoc = NULL;
    qemuSnapshotDisk *wanted = NULL;
    size_t nwanted = 0;
    int memloc = QEMU_SNAPSHOT_LOCATION_DEFAULT;
    qemuSnapshot *snap = NULL;
    qemuDomainObj *obj;
    virDomainSnapshotPtr ret = NULL;
    bool active;
    size_t i;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT | VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY |
                  VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA | VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE, NULL);
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE) && !diskOnly) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY' is required by flag 'VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE'"));
        return NULL;
    }
    if (!(doc = virXMLParse(NULL, xml, "(domain_snapshot)", "domainsnapshot", VIR_FROM_DOMAIN_SNAPSHOT)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    name = qemuSnapshotXMLText(root, "name");
    description = qemuSnapshotXMLText(root, "description");
    if ((memory = virXMLChild(root, "memory"))) {
        xmlChar *loc = xmlGetNoNsProp(memory, BAD_CAST "snapshot");
        memoryLoc = loc ? g_strdup((const char *)loc) : NULL;
        xmlFree(loc);
    }
    if (qemuSnapshotDisksParse(root, &wanted, &nwanted) < 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlFreeDoc(doc);
    if (memoryLoc && (memloc = qemuSnapshotLocationFromString(memoryLoc)) <= 0) {
        qemuSnapshotReportBadAttr("snapshot", "memory", memoryLoc);
        goto cleanup;
    }
    if (!name)
        name = g_strdup_printf("%lld", (long long)(g_get_real_time() / G_USEC_PER_SEC));
    if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA) &&
        (strchr(name, '/') || name[0] == '.')) {
        virReportError(VIR_ERR_XML_DETAIL, _("invalid snapshot name '%s': name can't %s"),
                       name, strchr(name, '/') ? "contain '/'" : "start with '.'");
        goto cleanup;
    }

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto unlock;
    active = qemuDomainObjIsActive(obj);
    if (memloc == QEMU_SNAPSHOT_LOCATION_EXTERNAL ||
        (diskOnly && memloc == QEMU_SNAPSHOT_LOCATION_INTERNAL)) {
        if (diskOnly || !active)
            qemuReportSnapshotError(VIR_ERR_XML_ERROR, "%s",
                                    _("memory state cannot be saved with offline or disk-only snapshot"));
        else
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("external memory snapshots are not supported"));
        goto unlock;
    }
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_LIVE) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("live snapshot creation is supported only during full system snapshots"));
        goto unlock;
    }
    if (!diskOnly) {
        /* a full snapshot: every disk internal, as libvirt aligns them */
        for (i = 0; i < nwanted; i++) {
            if (wanted[i].snapshot != QEMU_SNAPSHOT_LOCATION_INTERNAL &&
                wanted[i].snapshot != QEMU_SNAPSHOT_LOCATION_DEFAULT) {
                qemuReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                        _("disk '%s' must use snapshot mode 'internal'"),
                                        wanted[i].name);
                goto unlock;
            }
        }
        if (active && memloc == QEMU_SNAPSHOT_LOCATION_NO) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("internal snapshot of a running VM must include the memory state"));
            goto unlock;
        }
        if (!active) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("internal snapshots of a shut off domain are not supported yet"));
            goto unlock;
        }
    }
    if (qemuSnapshotFind(obj, name)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain snapshot '%s' already exists"), name);
        goto unlock;
    }

    snap = g_new0(qemuSnapshot, 1);
    snap->name = g_strdup(name);
    snap->description = g_steal_pointer(&description);
    snap->parent = g_strdup(obj->currentSnapshot);
    snap->creationTime = g_get_real_time() / G_USEC_PER_SEC;
    snap->state = obj->state;
    snap->memory = QEMU_SNAPSHOT_LOCATION_INTERNAL;
    if (!(snap->domainXML = virDomainDefFormat(obj->def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                                         VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        goto unlock;
    if (active && obj->persistent && obj->newDef &&
        !(snap->inactiveDomainXML = virDomainDefFormat(obj->newDef,
                                                       VIR_DOMAIN_DEF_FORMAT_SECURE |
                                                       VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        goto unlock;

    if (diskOnly) {
        snap->memory = QEMU_SNAPSHOT_LOCATION_NO;
        if (active)
            snap->state = QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT;
        if (qemuSnapshotExternalCreate(driver, obj, name, g_steal_pointer(&wanted), nwanted,
                                       flags, &snap->disks, &snap->ndisks) < 0)
            goto unlock;
    } else if (qemuSnapshotJob(driver, obj, "snapshot-save", name) < 0) {
        goto unlock;
    }

    if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)) {
        if (!obj->snapshots)
            obj->snapshots = g_ptr_array_new_with_free_func(qemuSnapshotFree);
        g_ptr_array_add(obj->snapshots, g_steal_pointer(&snap));
        g_free(obj->currentSnapshot);
        obj->currentSnapshot = g_strdup(name);
        qemuSnapshotSaveAll(driver, obj);
    }

    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && qemuDomainObjIsActive(obj)) {
        int id = obj->def->id;
        obj->beingDestroyed = true;
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
    ret = virGetDomainSnapshot(dom, name);

 unlock:
    g_mutex_unlock(&driver->lock);
 cleanup:
    if (snap)
        qemuSnapshotFree(snap);
    for (i = 0; i < nwanted && wanted; i++)
        qemuSnapshotDiskClear(&wanted[i]);
    g_free(wanted);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Questions                                                          */

static char *
qemuDomainSnapshotGetXMLDesc(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    qemuSnapshot *snap;
    char *ret = NULL;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);
    g_mutex_lock(&driver->lock);
    if ((snap = qemuSnapObjFromSnapshot(driver, s, &obj)))
        ret = qemuSnapshotFormat(obj, snap, false);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Whether SNAP is below ANCESTOR in OBJ's tree. */
static bool
qemuSnapshotIsBelow(qemuDomainObj *obj, qemuSnapshot *snap, const char *ancestor)
{
    const char *p = snap->parent;

    while (p) {
        qemuSnapshot *up;

        if (strcmp(p, ancestor) == 0)
            return true;
        up = qemuSnapshotFind(obj, p);
        p = up ? up->parent : NULL;
    }
    return false;
}

static bool
qemuSnapshotHasChildren(qemuDomainObj *obj, const char *name)
{
    guint i;

    for (i = 0; i < qemuSnapshotCount(obj); i++) {
        qemuSnapshot *snap = g_ptr_array_index(obj->snapshots, i);
        if (g_strcmp0(snap->parent, name) == 0)
            return true;
    }
    return false;
}

static bool
qemuSnapshotMatches(qemuDomainObj *obj, qemuSnapshot *snap, unsigned int flags)
{
    bool leaf = !qemuSnapshotHasChildren(obj, snap->name);

    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) && snap->parent)
        return false;
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)) &&
        !(((flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) && leaf) ||
          ((flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) && !leaf)))
        return false;
    /* every snapshot kept has metadata */
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)) &&
        !(flags & VIR_DOMAIN_SNAPSHOT_LIST_METADATA))
        return false;
    if (flags & (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)) {
        bool external = qemuSnapshotIsExternal(snap);
        if (!(((flags & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) && external) ||
              ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) && !external)))
            return false;
    }
    if (flags & (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                 VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)) {
        bool diskOnly = snap->state == QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT;
        bool inactive = snap->state == VIR_DOMAIN_SHUTOFF;
        if (!(((flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) && !inactive && !diskOnly) ||
              ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) && inactive) ||
              ((flags & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) && diskOnly)))
            return false;
    }
    return true;
}

#define QEMU_SNAPSHOT_LIST_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | VIR_DOMAIN_SNAPSHOT_LIST_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | \
     VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)

/* The names of OBJ's snapshots matching FLAGS, creation order; with
 * BELOW, of the children of that snapshot only (of all snapshots under
 * it with VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS, the bit that means ROOTS
 * for a domain's list). */
static GPtrArray *
qemuSnapshotList(qemuDomainObj *obj, const char *below, unsigned int flags)
{
    GPtrArray *names = g_ptr_array_new();
    bool descendants = below && (flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
    guint i;

    if (below)
        flags &= ~VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
    for (i = 0; i < qemuSnapshotCount(obj); i++) {
        qemuSnapshot *snap = g_ptr_array_index(obj->snapshots, i);

        if (below && !(descendants ? qemuSnapshotIsBelow(obj, snap, below)
                                   : g_strcmp0(snap->parent, below) == 0))
            continue;
        if (qemuSnapshotMatches(obj, snap, flags))
            g_ptr_array_add(names, snap->name);
    }
    return names;
}

/* The snapshots of DOM (or the children of S) matching FLAGS: how many,
 * up to NAMESLEN of their names in NAMES, or their handles in *SNAPS,
 * for whichever of NAMES and SNAPS is not NULL.  The count, or -1
 * reported. */
static int
qemuSnapshotListOut(virDomainPtr dom, virDomainSnapshotPtr s, unsigned int flags,
                    char **names, int nameslen, virDomainSnapshotPtr **snaps)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj = NULL;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if (s ? qemuSnapObjFromSnapshot(driver, s, &obj) != NULL
          : (obj = qemuDomObjFromDomain(driver, dom)) != NULL) {
        g_autoptr(GPtrArray) list = qemuSnapshotList(obj, s ? s->name : NULL, flags);
        guint i;

        ret = list->len;
        if (names) {
            for (ret = 0; ret < nameslen && ret < (int)list->len; ret++)
                names[ret] = g_strdup(g_ptr_array_index(list, ret));
        }
        if (snaps) {
            *snaps = g_new0(virDomainSnapshotPtr, list->len + 1);
            for (i = 0; i < list->len; i++)
                (*snaps)[i] = virGetDomainSnapshot(dom, g_ptr_array_index(list, i));
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSnapshotNum(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(dom, NULL, flags, NULL, 0, NULL);
}

static int
qemuDomainSnapshotListNames(virDomainPtr dom, char **names, int nameslen, unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(dom, NULL, flags, names, nameslen, NULL);
}

static int
qemuDomainListAllSnapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps, unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(dom, NULL, flags, NULL, 0, snaps);
}

static int
qemuDomainSnapshotNumChildren(virDomainSnapshotPtr s, unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(s->domain, s, flags, NULL, 0, NULL);
}

static int
qemuDomainSnapshotListChildrenNames(virDomainSnapshotPtr s, char **names, int nameslen,
                                    unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(s->domain, s, flags, names, nameslen, NULL);
}

static int
qemuDomainSnapshotListAllChildren(virDomainSnapshotPtr s, virDomainSnapshotPtr **snaps,
                                  unsigned int flags)
{
    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    return qemuSnapshotListOut(s->domain, s, flags, NULL, 0, snaps);
}

static virDomainSnapshotPtr
qemuDomainSnapshotLookupByName(virDomainPtr dom, const char *name, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        if (qemuSnapshotFind(obj, name))
            ret = virGetDomainSnapshot(dom, name);
        else
            virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                           _("no domain snapshot with matching name '%s'"), name);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainHasCurrentSnapshot(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom)))
        ret = obj->currentSnapshot != NULL;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainSnapshotPtr
qemuDomainSnapshotCurrent(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        if (obj->currentSnapshot)
            ret = virGetDomainSnapshot(dom, obj->currentSnapshot);
        else
            virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                           _("the domain does not have a current snapshot"));
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainSnapshotPtr
qemuDomainSnapshotGetParent(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    qemuSnapshot *snap;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);
    g_mutex_lock(&driver->lock);
    if ((snap = qemuSnapObjFromSnapshot(driver, s, &obj))) {
        if (snap->parent)
            ret = virGetDomainSnapshot(s->domain, snap->parent);
        else
            virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                           _("snapshot '%s' does not have a parent"), snap->name);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSnapshotIsCurrent(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if (qemuSnapObjFromSnapshot(driver, s, &obj))
        ret = g_strcmp0(obj->currentSnapshot, s->name) == 0;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSnapshotHasMetadata(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    int ret = -1;

    virCheckFlags(0, -1);
    g_mutex_lock(&driver->lock);
    if (qemuSnapObjFromSnapshot(driver, s, &obj))
        ret = 1;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Reverting and deleting                                             */

static int
qemuDomainRevertToSnapshot(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    qemuSnapshot *snap;
    bool wasActive;
    bool run;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                  VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1);
    g_mutex_lock(&driver->lock);
    if (!(snap = qemuSnapObjFromSnapshot(driver, s, &obj)))
        goto cleanup;
    if (qemuSnapshotIsExternal(snap)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("revert to external snapshot not supported yet"));
        goto cleanup;
    }
    run = snap->state == VIR_DOMAIN_RUNNING;
    if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING)
        run = true;
    if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
        run = false;

    wasActive = qemuDomainObjIsActive(obj);
    if (!wasActive && qemuProcessStart(driver, obj, QEMU_PROCESS_START_PAUSED) < 0)
        goto cleanup;
    if (qemuSnapshotJob(driver, obj, "snapshot-load", snap->name) < 0)
        goto cleanup;

    /* the job leaves the vCPUs as they were; make them what is asked */
    if (run && obj->state != VIR_DOMAIN_RUNNING) {
        obj->expectResume++;
        if (qemuMonitorStartCPUs(obj->mon) < 0)
            goto cleanup;
    } else if (!run && obj->state == VIR_DOMAIN_RUNNING) {
        obj->expectStop++;
        if (qemuMonitorStopCPUs(obj->mon) < 0)
            goto cleanup;
    }
    obj->state = run ? VIR_DOMAIN_RUNNING : VIR_DOMAIN_PAUSED;
    obj->reason = run ? VIR_DOMAIN_RUNNING_FROM_SNAPSHOT : VIR_DOMAIN_PAUSED_FROM_SNAPSHOT;
    qemuDomainStatusSave(driver, obj);
    if (!wasActive || run)
        qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid, obj->def->id,
                               wasActive ? VIR_DOMAIN_EVENT_RESUMED : VIR_DOMAIN_EVENT_STARTED,
                               wasActive ? VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT
                                         : VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (!run)
        qemuEventEmitLifecycle(driver->events, obj->def->name, obj->def->uuid, obj->def->id,
                               VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    g_free(obj->currentSnapshot);
    obj->currentSnapshot = g_strdup(snap->name);
    qemuSnapshotSaveAll(driver, obj);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Delete internal snapshot TAG from the qcow2 images of the shut-off OBJ. */
static int
qemuSnapshotDeleteOffline(qemuDomainObj *obj, const char *tag)
{
    size_t i;

    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        const char *argv[] = { "qemu-img", "snapshot", "-d", tag, disk->src, NULL };
        g_autofree char *what = NULL;

        if (!disk->src || g_strcmp0(disk->driverFormat, "qcow2") != 0)
            continue;
        what = g_strdup_printf("delete snapshot '%s' of %s", tag, disk->src);
        if (qemuSnapshotRunQemuImg(argv, what) < 0)
            return -1;
    }
    return 0;
}

static int
qemuSnapshotDeleteOne(qemuDriver *driver, qemuDomainObj *obj, qemuSnapshot *snap,
                      bool metadataOnly)
{
    g_autofree char *dir = qemuSnapshotDir(driver, obj->def->name);
    g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, snap->name);
    g_autofree char *parent = g_strdup(snap->parent);
    guint i;

    if (!metadataOnly && qemuSnapshotIsExternal(snap)) {
        if (qemuSnapshotExternalDelete(driver, obj, snap->disks, snap->ndisks) < 0)
            return -1;
    } else if (!metadataOnly) {
        if (qemuDomainObjIsActive(obj)) {
            if (qemuSnapshotJob(driver, obj, "snapshot-delete", snap->name) < 0)
                return -1;
        } else if (qemuSnapshotDeleteOffline(obj, snap->name) < 0) {
            return -1;
        }
    }
    /* its children now hang from its parent */
    for (i = 0; i < qemuSnapshotCount(obj); i++) {
        qemuSnapshot *other = g_ptr_array_index(obj->snapshots, i);
        if (g_strcmp0(other->parent, snap->name) == 0) {
            g_free(other->parent);
            other->parent = g_strdup(parent);
        }
    }
    if (g_strcmp0(obj->currentSnapshot, snap->name) == 0) {
        g_free(obj->currentSnapshot);
        obj->currentSnapshot = g_strdup(parent);
    }
    unlink(path);
    g_ptr_array_remove(obj->snapshots, snap);
    qemuSnapshotSaveAll(driver, obj);
    return 0;
}

/* libvirt 9.0 deletes external snapshots one at a time only: refuse
 * DELETE_CHILDREN and DELETE_CHILDREN_ONLY when they would remove one
 * (deleting the metadata alone is fine). */
static int
qemuSnapshotDeleteCheckExternal(qemuDomainObj *obj, qemuSnapshot *snap, unsigned int flags)
{
    guint i;

    if (!(flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)))
        return 0;
    for (i = 0; i < qemuSnapshotCount(obj); i++) {
        qemuSnapshot *other = g_ptr_array_index(obj->snapshots, i);

        if (qemuSnapshotIsExternal(other) &&
            (qemuSnapshotIsBelow(obj, other, snap->name) ||
             (other == snap && (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("deletion of external children disk snapshots not supported"));
            return -1;
        }
    }
    return 0;
}

static int
qemuDomainSnapshotDelete(virDomainSnapshotPtr s, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(s->domain->conn);
    qemuDomainObj *obj = NULL;
    qemuSnapshot *snap;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);
    g_mutex_lock(&driver->lock);
    if (!(snap = qemuSnapObjFromSnapshot(driver, s, &obj)))
        goto cleanup;
    if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) &&
        qemuSnapshotDeleteCheckExternal(obj, snap, flags) < 0)
        goto cleanup;
    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)) {
        /* depth first: a child's children go before it */
        bool again = true;
        while (again) {
            guint i;
            again = false;
            for (i = 0; i < qemuSnapshotCount(obj); i++) {
                qemuSnapshot *other = g_ptr_array_index(obj->snapshots, i);

                if (qemuSnapshotIsBelow(obj, other, snap->name) &&
                    !qemuSnapshotHasChildren(obj, other->name)) {
                    if (qemuSnapshotDeleteOne(driver, obj, other,
                                              flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0)
                        goto cleanup;
                    again = true;
                    break;
                }
            }
        }
        if (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY) {
            ret = 0;
            goto cleanup;
        }
    }
    ret = qemuSnapshotDeleteOne(driver, obj, snap,
                                flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

int
qemuSnapshotCountOf(qemuDomainObj *obj)
{
    return qemuSnapshotCount(obj);
}

/* Drop every snapshot's metadata of OBJ (undefine with
 * VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA). */
void
qemuSnapshotDropMetadata(qemuDriver *driver, qemuDomainObj *obj)
{
    g_autofree char *dir = qemuSnapshotDir(driver, obj->def->name);

    while (qemuSnapshotCount(obj) > 0) {
        qemuSnapshot *snap = g_ptr_array_index(obj->snapshots, 0);
        g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, snap->name);
        unlink(path);
        g_ptr_array_remove_index(obj->snapshots, 0);
    }
    g_clear_pointer(&obj->currentSnapshot, g_free);
    rmdir(dir);
}

void
qemuSnapshotRegister(virHypervisorDriver *hv)
{
    hv->domainSnapshotCreateXML = qemuDomainSnapshotCreateXML;
    hv->domainSnapshotGetXMLDesc = qemuDomainSnapshotGetXMLDesc;
    hv->domainSnapshotNum = qemuDomainSnapshotNum;
    hv->domainSnapshotListNames = qemuDomainSnapshotListNames;
    hv->domainListAllSnapshots = qemuDomainListAllSnapshots;
    hv->domainSnapshotNumChildren = qemuDomainSnapshotNumChildren;
    hv->domainSnapshotListChildrenNames = qemuDomainSnapshotListChildrenNames;
    hv->domainSnapshotListAllChildren = qemuDomainSnapshotListAllChildren;
    hv->domainSnapshotLookupByName = qemuDomainSnapshotLookupByName;
    hv->domainHasCurrentSnapshot = qemuDomainHasCurrentSnapshot;
    hv->domainSnapshotCurrent = qemuDomainSnapshotCurrent;
    hv->domainSnapshotGetParent = qemuDomainSnapshotGetParent;
    hv->domainSnapshotIsCurrent = qemuDomainSnapshotIsCurrent;
    hv->domainSnapshotHasMetadata = qemuDomainSnapshotHasMetadata;
    hv->domainRevertToSnapshot = qemuDomainRevertToSnapshot;
    hv->domainSnapshotDelete = qemuDomainSnapshotDelete;
}
