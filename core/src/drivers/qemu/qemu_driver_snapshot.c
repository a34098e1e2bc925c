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
 * The metadata (libvirt's <domainsnapshot> document, with the domain
 * definition of the moment) is kept per domain in
 * ROOT/lib/qemu/snapshot/DOMAIN/NAME.xml.  Snapshots form a tree through
 * their parent, which is the current snapshot when one is taken.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_driver_private.h"
#include "qemu_process.h"
#include "vircommand.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SNAPSHOT_JOB_TIMEOUT_MS (10 * 60 * 1000)

typedef struct {
    char *name;
    char *description;
    char *parent;               /* or NULL */
    long long creationTime;
    int state;                  /* virDomainState at the snapshot */
    char *domainXML;            /* the definition then (inactive form) */
} qemuSnapshot;

static void
qemuSnapshotFree(void *data)
{
    qemuSnapshot *snap = data;

    g_free(snap->name);
    g_free(snap->description);
    g_free(snap->parent);
    g_free(snap->domainXML);
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
    return g_strdup_printf("%s/lib/qemu/snapshot/%s", driver->root, domname);
}

/* The <domainsnapshot> document of SNAP. */
static char *
qemuSnapshotFormat(qemuDomainObj *obj, qemuSnapshot *snap)
{
    g_autoptr(GString) buf = g_string_new("<domainsnapshot>\n");
    g_auto(GStrv) lines = NULL;
    g_autofree char *head = NULL;
    size_t i;

    head = g_markup_printf_escaped("  <name>%s</name>\n", snap->name);
    g_string_append(buf, head);
    if (snap->description) {
        g_autofree char *d = g_markup_printf_escaped("  <description>%s</description>\n",
                                                     snap->description);
        g_string_append(buf, d);
    }
    g_string_append_printf(buf, "  <state>%s</state>\n", qemuDomainStateToString(snap->state));
    if (snap->parent) {
        g_autofree char *p = g_markup_printf_escaped("  <parent>\n    <name>%s</name>\n  </parent>\n",
                                                     snap->parent);
        g_string_append(buf, p);
    }
    g_string_append_printf(buf, "  <creationTime>%lld</creationTime>\n", snap->creationTime);
    g_string_append(buf, "  <memory snapshot='internal'/>\n  <disks>\n");
    {
        g_autoptr(virDomainDef) def = virDomainDefParseString(snap->domainXML,
                                                               VIR_DOMAIN_DEF_PARSE_INACTIVE);
        for (i = 0; def && i < def->ndisks; i++)
            g_string_append_printf(buf, "    <disk name='%s' snapshot='internal'/>\n",
                                   def->disks[i]->dst);
        virResetLastError();
    }
    g_string_append(buf, "  </disks>\n");
    lines = g_strsplit(snap->domainXML, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (*lines[i])
            g_string_append_printf(buf, "  %s\n", lines[i]);
    }
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
    g_autofree char *xml = qemuSnapshotFormat(obj, snap);

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
        qemuSnapshot *snap;
        xmlBufferPtr xbuf;

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
        snap->state = MAX(qemuDomainStateFromString(state), 0);
        ctime = qemuSnapshotXMLText(root, "creationTime");
        snap->creationTime = ctime ? g_ascii_strtoll(ctime, NULL, 10) : 0;
        if ((domain = virXMLChild(root, "domain"))) {
            xbuf = xmlBufferCreate();
            xmlNodeDump(xbuf, doc, domain, 0, 1);
            snap->domainXML = g_strdup((const char *)xmlBufferContent(xbuf));
            xmlBufferFree(xbuf);
        }
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
    xmlDocPtr doc = NULL;
    g_autofree char *name = NULL;
    g_autofree char *description = NULL;
    qemuSnapshot *snap = NULL;
    qemuDomainObj *obj;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT, NULL);
    if (!(doc = virXMLParse(NULL, xml, "(domain_snapshot)", "domainsnapshot", VIR_FROM_DOMAIN_SNAPSHOT)))
        return NULL;
    name = qemuSnapshotXMLText(xmlDocGetRootElement(doc), "name");
    description = qemuSnapshotXMLText(xmlDocGetRootElement(doc), "description");
    xmlFreeDoc(doc);
    if (!name)
        name = g_strdup_printf("%lld", (long long)(g_get_real_time() / G_USEC_PER_SEC));

    g_mutex_lock(&driver->lock);
    if (!(obj = qemuDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (!qemuDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("internal snapshots of a shut off domain are not supported yet"));
        goto cleanup;
    }
    if (qemuSnapshotFind(obj, name)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain snapshot '%s' already exists"), name);
        goto cleanup;
    }

    snap = g_new0(qemuSnapshot, 1);
    snap->name = g_strdup(name);
    snap->description = g_steal_pointer(&description);
    snap->parent = g_strdup(obj->currentSnapshot);
    snap->creationTime = g_get_real_time() / G_USEC_PER_SEC;
    snap->state = obj->state;
    if (!(snap->domainXML = virDomainDefFormat(obj->def, VIR_DOMAIN_DEF_FORMAT_SECURE |
                                                         VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        goto cleanup;
    if (qemuSnapshotJob(driver, obj, "snapshot-save", name) < 0)
        goto cleanup;

    if (!obj->snapshots)
        obj->snapshots = g_ptr_array_new_with_free_func(qemuSnapshotFree);
    g_ptr_array_add(obj->snapshots, snap);
    g_free(obj->currentSnapshot);
    obj->currentSnapshot = g_strdup(name);
    snap = NULL;
    qemuSnapshotSaveAll(driver, obj);

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) {
        int id = obj->def->id;
        obj->beingDestroyed = true;
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuProcessStopped(driver, obj, id, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
    ret = virGetDomainSnapshot(dom, name);

 cleanup:
    if (snap)
        qemuSnapshotFree(snap);
    g_mutex_unlock(&driver->lock);
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
        ret = qemuSnapshotFormat(obj, snap);
    g_mutex_unlock(&driver->lock);
    return ret;
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
    /* every snapshot has metadata, is internal and holds memory */
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA | VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)) &&
        !(flags & VIR_DOMAIN_SNAPSHOT_LIST_METADATA))
        return false;
    if ((flags & (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)) &&
        !(flags & VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL))
        return false;
    if (flags & (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                 VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)) {
        bool active = snap->state != VIR_DOMAIN_SHUTOFF;
        if (!(((flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) && active) ||
              ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) && !active)))
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

/* The names of OBJ's snapshots matching FLAGS, creation order. */
static GPtrArray *
qemuSnapshotList(qemuDomainObj *obj, unsigned int flags)
{
    GPtrArray *names = g_ptr_array_new();
    guint i;

    for (i = 0; i < qemuSnapshotCount(obj); i++) {
        qemuSnapshot *snap = g_ptr_array_index(obj->snapshots, i);
        if (qemuSnapshotMatches(obj, snap, flags))
            g_ptr_array_add(names, snap->name);
    }
    return names;
}

static int
qemuDomainSnapshotNum(virDomainPtr dom, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        g_autoptr(GPtrArray) names = qemuSnapshotList(obj, flags);
        ret = names->len;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainSnapshotListNames(virDomainPtr dom, char **names, int nameslen, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        g_autoptr(GPtrArray) list = qemuSnapshotList(obj, flags);
        for (ret = 0; ret < nameslen && ret < (int)list->len; ret++)
            names[ret] = g_strdup(g_ptr_array_index(list, ret));
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
qemuDomainListAllSnapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps, unsigned int flags)
{
    qemuDriver *driver = qemuDriverOf(dom->conn);
    qemuDomainObj *obj;
    int ret = -1;

    virCheckFlags(QEMU_SNAPSHOT_LIST_FLAGS, -1);
    g_mutex_lock(&driver->lock);
    if ((obj = qemuDomObjFromDomain(driver, dom))) {
        g_autoptr(GPtrArray) list = qemuSnapshotList(obj, flags);
        ret = list->len;
        if (snaps) {
            virDomainSnapshotPtr *out = g_new0(virDomainSnapshotPtr, list->len + 1);
            guint i;

            for (i = 0; i < list->len; i++)
                out[i] = virGetDomainSnapshot(dom, g_ptr_array_index(list, i));
            *snaps = out;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
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
        int status = 0;
        pid_t pid;

        if (!disk->src || g_strcmp0(disk->driverFormat, "qcow2") != 0)
            continue;
        if (virCommandSpawn(argv, -1, -1, NULL, 0, 0, &pid) < 0)
            return -1;
        if (virCommandWaitPid(pid, QEMU_SNAPSHOT_JOB_TIMEOUT_MS, &status) != 1) {
            virCommandKillPid(pid, 1000);
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("qemu-img did not delete snapshot '%s' of %s in time"),
                           tag, disk->src);
            return -1;
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            g_autofree char *what = virCommandDescribeStatus(status);
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("qemu-img could not delete snapshot '%s' of %s: it %s"),
                           tag, disk->src, what);
            return -1;
        }
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

    if (!metadataOnly) {
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
    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)) {
        /* depth first: a child's children go before it */
        bool again = true;
        while (again) {
            guint i;
            again = false;
            for (i = 0; i < qemuSnapshotCount(obj); i++) {
                qemuSnapshot *other = g_ptr_array_index(obj->snapshots, i);
                bool below = false;
                const char *p = other->parent;

                while (p && !below) {
                    qemuSnapshot *up = qemuSnapshotFind(obj, p);
                    below = strcmp(p, snap->name) == 0;
                    p = up ? up->parent : NULL;
                }
                if (below && !qemuSnapshotHasChildren(obj, other->name)) {
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
    hv->domainSnapshotLookupByName = qemuDomainSnapshotLookupByName;
    hv->domainHasCurrentSnapshot = qemuDomainHasCurrentSnapshot;
    hv->domainSnapshotCurrent = qemuDomainSnapshotCurrent;
    hv->domainSnapshotGetParent = qemuDomainSnapshotGetParent;
    hv->domainSnapshotIsCurrent = qemuDomainSnapshotIsCurrent;
    hv->domainSnapshotHasMetadata = qemuDomainSnapshotHasMetadata;
    hv->domainRevertToSnapshot = qemuDomainRevertToSnapshot;
    hv->domainSnapshotDelete = qemuDomainSnapshotDelete;
}
