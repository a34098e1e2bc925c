/*
 * qemu_snapshot_external.c: external disk-only snapshots
 * (virDomainSnapshotCreateXML with VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY).
 *
 * Each chosen disk gets a new qcow2 overlay whose backing file is the
 * image the disk used until then; from then on the guest writes to the
 * overlay and the old image stays as it was at the snapshot.
 *
 * On a running guest this is done as libvirt does it with -blockdev: the
 * overlay file is made by QEMU's blockdev-create jobs (a file, then the
 * qcow2 format on it, naming the old image as its backing file), opened
 * with blockdev-add (without a backing node: blockdev-snapshot attaches
 * the running disk's node as its backing), and every disk is switched in
 * one `transaction` of blockdev-snapshot actions, so the snapshot is
 * atomic across disks.  A shut-off domain's overlays are made with
 * `qemu-img create`.  Either way the definitions then name the overlay as
 * the disk's <source> with the old image as its <backingStore>, and
 * whatever was made is removed again when a later step fails.
 *
 * Which disks and where follows libvirt: a disk not named in <disks> gets
 * an overlay next to its image, the image's name with its extension
 * replaced by the snapshot's name; snapshot='no' skips a disk; read-only
 * and empty disks are skipped.  An overlay may also be an existing block
 * device (type='block'), which is formatted rather than created.
 *
 * Deleting such a snapshot merges each of its overlays into the image
 * below it, as libvirt 9.0 does: block-commit jobs in a running QEMU (an
 * active commit when the overlay is the top image), `qemu-img commit` for
 * a shut-off domain.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_driver_private.h"
#include "qemu_monitor.h"
#include "qemu_process.h"
#include "qemu_snapshot_external.h"
#include "vircommand.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SNAPSHOT_EXTERNAL_TIMEOUT_MS (5 * 60 * 1000)

static const char *const qemuSnapshotLocationNames[] = {
    "default", "no", "internal", "external", "manual",
};
G_STATIC_ASSERT(G_N_ELEMENTS(qemuSnapshotLocationNames) == QEMU_SNAPSHOT_LOCATION_LAST);

const char *
qemuSnapshotLocationToString(int location)
{
    if (location >= 0 && location < QEMU_SNAPSHOT_LOCATION_LAST)
        return qemuSnapshotLocationNames[location];
    return NULL;
}

int
qemuSnapshotLocationFromString(const char *name)
{
    size_t i;

    for (i = 0; name && i < QEMU_SNAPSHOT_LOCATION_LAST; i++) {
        if (strcmp(qemuSnapshotLocationNames[i], name) == 0)
            return i;
    }
    return -1;
}

void
qemuSnapshotDiskClear(qemuSnapshotDisk *disk)
{
    g_free(disk->name);
    g_free(disk->format);
    g_free(disk->path);
    memset(disk, 0, sizeof(*disk));
}

static void
qemuSnapshotDisksFree(qemuSnapshotDisk *disks, size_t ndisks)
{
    size_t i;

    for (i = 0; i < ndisks; i++)
        qemuSnapshotDiskClear(&disks[i]);
    g_free(disks);
}

/* ------------------------------------------------------------------ */
/* The <disks> element                                                */

static char *
qemuSnapshotProp(xmlNodePtr node, const char *name)
{
    xmlChar *val = node ? xmlGetNoNsProp(node, BAD_CAST name) : NULL;
    char *ret = val ? g_strdup((const char *)val) : NULL;

    xmlFree(val);
    return ret;
}

void
qemuSnapshotReportBadAttr(const char *attr, const char *element, const char *value)
{
    virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                         _("Invalid value for attribute '%s' in element '%s': '%s'."),
                         attr, element, value);
}

int
qemuSnapshotDisksParse(xmlNodePtr root, qemuSnapshotDisk **ret_disks, size_t *ret_ndisks)
{
    xmlNodePtr list = virXMLChild(root, "disks");
    g_autoptr(GArray) disks = g_array_new(FALSE, TRUE, sizeof(qemuSnapshotDisk));
    xmlNodePtr cur;

    for (cur = list ? list->children : NULL; cur; cur = cur->next) {
        g_autofree char *snapshot = NULL;
        g_autofree char *type = NULL;
        qemuSnapshotDisk disk = { 0 };
        xmlNodePtr source;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "disk"))
            continue;
        if (!(disk.name = qemuSnapshotProp(cur, "name"))) {
            qemuReportSnapshotError(VIR_ERR_INTERNAL_ERROR, "%s",
                                    _("missing name from disk snapshot element"));
            goto error;
        }
        g_array_append_val(disks, disk);
        snapshot = qemuSnapshotProp(cur, "snapshot");
        type = qemuSnapshotProp(cur, "type");
        source = virXMLChild(cur, "source");
        if (snapshot) {
            int loc = qemuSnapshotLocationFromString(snapshot);
            if (loc <= QEMU_SNAPSHOT_LOCATION_DEFAULT) {
                qemuSnapshotReportBadAttr("snapshot", "disk", snapshot);
                goto error;
            }
            g_array_index(disks, qemuSnapshotDisk, disks->len - 1).snapshot = loc;
        } else if (source || type) {
            /* a target given means an external snapshot */
            g_array_index(disks, qemuSnapshotDisk, disks->len - 1).snapshot =
                QEMU_SNAPSHOT_LOCATION_EXTERNAL;
        }
        {
            qemuSnapshotDisk *d = &g_array_index(disks, qemuSnapshotDisk, disks->len - 1);

            d->type = VIR_STORAGE_TYPE_FILE;
            if (type && strcmp(type, "block") == 0) {
                d->type = VIR_STORAGE_TYPE_BLOCK;
            } else if (type && strcmp(type, "file") != 0) {
                qemuSnapshotReportBadAttr("type", "disk", type);
                goto error;
            }
            d->format = qemuSnapshotProp(virXMLChild(cur, "driver"), "type");
            d->path = qemuSnapshotProp(source, d->type == VIR_STORAGE_TYPE_BLOCK ? "dev" : "file");
        }
    }
    *ret_ndisks = disks->len;
    *ret_disks = (qemuSnapshotDisk *)g_array_free(g_steal_pointer(&disks), FALSE);
    return 0;

 error: {
        size_t len = disks->len;
        qemuSnapshotDisksFree((qemuSnapshotDisk *)g_array_free(g_steal_pointer(&disks), FALSE),
                              len);
    }
    return -1;
}

void
qemuSnapshotDisksFormat(GString *buf, const qemuSnapshotDisk *disks, size_t ndisks)
{
    size_t i;

    g_string_append(buf, "  <disks>\n");
    for (i = 0; i < ndisks; i++) {
        const qemuSnapshotDisk *d = &disks[i];
        g_autofree char *head = g_markup_printf_escaped("    <disk name='%s' snapshot='%s'",
                                                        d->name,
                                                        qemuSnapshotLocationToString(d->snapshot));

        g_string_append(buf, head);
        if (d->snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL) {
            g_string_append(buf, "/>\n");
            continue;
        }
        g_string_append_printf(buf, " type='%s'>\n",
                               d->type == VIR_STORAGE_TYPE_BLOCK ? "block" : "file");
        if (d->format) {
            g_autofree char *drv = g_markup_printf_escaped("      <driver type='%s'/>\n", d->format);
            g_string_append(buf, drv);
        }
        if (d->path) {
            g_autofree char *src = g_markup_printf_escaped("      <source %s='%s'/>\n",
                                                           d->type == VIR_STORAGE_TYPE_BLOCK ?
                                                           "dev" : "file", d->path);
            g_string_append(buf, src);
        }
        g_string_append(buf, "    </disk>\n");
    }
    g_string_append(buf, "  </disks>\n");
}

/* ------------------------------------------------------------------ */
/* Choosing the disks                                                 */

/* The overlay name libvirt makes up for DISK: its image's name with the
 * extension replaced by NAME. */
static char *
qemuSnapshotDefaultPath(virDomainDiskDef *disk, const char *name)
{
    g_autofree char *base = NULL;
    char *dot;

    if (disk->type != VIR_STORAGE_TYPE_FILE || !disk->src) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("cannot generate external snapshot name for disk '%s' on a '%s' device"),
                       disk->dst, virStorageTypeToString(disk->type));
        return NULL;
    }
    base = g_strdup(disk->src);
    if ((dot = strrchr(base, '.')) && !strchr(dot, '/'))
        *dot = '\0';
    return g_strdup_printf("%s.%s", base, name);
}

/* One entry per disk of DEF, in its order, from what the user wrote in
 * WANTED: the location of each, and the overlay's path and format for
 * the external ones.  NULL reported. */
static qemuSnapshotDisk *
qemuSnapshotAlignDisks(virDomainDef *def, const char *name,
                       const qemuSnapshotDisk *wanted, size_t nwanted)
{
    qemuSnapshotDisk *disks = g_new0(qemuSnapshotDisk, def->ndisks);
    size_t i;
    size_t j;

    for (j = 0; j < nwanted; j++) {
        for (i = 0; i < def->ndisks; i++) {
            if (g_strcmp0(def->disks[i]->dst, wanted[j].name) == 0)
                break;
        }
        if (i == def->ndisks) {
            qemuReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("no disk named '%s'"), wanted[j].name);
            goto error;
        }
        if (disks[i].name) {
            qemuReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("disk '%s' specified twice"), wanted[j].name);
            goto error;
        }
        disks[i].name = g_strdup(wanted[j].name);
        disks[i].snapshot = wanted[j].snapshot;
        disks[i].type = wanted[j].type;
        disks[i].format = g_strdup(wanted[j].format);
        disks[i].path = g_strdup(wanted[j].path);
    }
    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        qemuSnapshotDisk *d = &disks[i];

        if (!d->name) {
            d->name = g_strdup(disk->dst);
            d->type = VIR_STORAGE_TYPE_FILE;
            /* nothing to write to in an empty or read-only disk */
            d->snapshot = (!disk->src || disk->readonly) ? QEMU_SNAPSHOT_LOCATION_NO
                                                         : QEMU_SNAPSHOT_LOCATION_EXTERNAL;
        } else if (d->snapshot == QEMU_SNAPSHOT_LOCATION_DEFAULT) {
            d->snapshot = QEMU_SNAPSHOT_LOCATION_EXTERNAL;
        }
        if (d->snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (!d->format)
            d->format = g_strdup("qcow2");
        if (!d->path) {
            if (!(d->path = qemuSnapshotDefaultPath(disk, name)))
                goto error;
            for (j = 0; j < i; j++) {
                if (disks[j].snapshot == QEMU_SNAPSHOT_LOCATION_EXTERNAL &&
                    g_strcmp0(disks[j].path, d->path) == 0) {
                    qemuReportSnapshotError(VIR_ERR_CONFIG_UNSUPPORTED,
                                            _("cannot generate external snapshot name for disk '%s': collision with disk '%s'"),
                                            d->name, disks[j].name);
                    goto error;
                }
            }
        }
    }
    return disks;

 error:
    qemuSnapshotDisksFree(disks, def->ndisks);
    return NULL;
}

/* libvirt's checks of the aligned DISKS of the (ACTIVE or not) OBJ before
 * anything is made.  0 or -1 reported. */
static int
qemuSnapshotExternalPrepare(qemuDomainObj *obj, const qemuSnapshotDisk *disks,
                            bool active, bool reuse)
{
    bool external = false;
    bool internal = false;
    size_t i;

    for (i = 0; i < obj->def->ndisks; i++) {
        const qemuSnapshotDisk *d = &disks[i];
        struct stat st;

        switch (d->snapshot) {
        case QEMU_SNAPSHOT_LOCATION_INTERNAL:
            if (active) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("active qemu domains require external disk snapshots; disk %s requested internal"),
                               d->name);
                return -1;
            }
            internal = true;
            continue;
        case QEMU_SNAPSHOT_LOCATION_EXTERNAL:
            break;
        default:
            continue;
        }
        external = true;
        if (g_strcmp0(d->format, "qcow2") != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("external snapshot format for disk %s is unsupported: %s"),
                           d->name, d->format);
            return -1;
        }
        if (stat(d->path, &st) < 0) {
            if (errno != ENOENT) {
                virReportSystemError(errno, _("unable to stat for disk %s: %s"),
                                     d->name, d->path);
                return -1;
            }
            if (reuse) {
                virReportSystemError(errno, _("missing existing file for disk %s: %s"),
                                     d->name, d->path);
                return -1;
            }
            if (d->type == VIR_STORAGE_TYPE_BLOCK) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("block device snapshot target '%s' doesn't exist"), d->path);
                return -1;
            }
        } else if (!S_ISBLK(st.st_mode) && st.st_size > 0 && !reuse) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("external snapshot file for disk %s already exists and is not a block device: %s"),
                           d->name, d->path);
            return -1;
        }
    }
    if (!external && !internal) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", _("nothing selected for snapshot"));
        return -1;
    }
    if (internal) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("mixing internal and external targets for a snapshot is not yet supported"));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* qemu-img                                                           */

int
qemuSnapshotRunQemuImgOutput(const char *const *argv, const char *what, char **ret_output)
{
    g_autofree char *msg = NULL;
    int status = 0;
    int rc = virCommandRunCapture(argv, QEMU_SNAPSHOT_EXTERNAL_TIMEOUT_MS,
                                  ret_output, &msg, &status);

    if (rc < 0)
        return -1;
    if (rc > 0) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT, _("qemu-img did not %s in time"), what);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autofree char *how = virCommandDescribeStatus(status);

        g_strstrip(msg);
        if (ret_output)
            g_clear_pointer(ret_output, g_free);
        virReportError(VIR_ERR_OPERATION_FAILED, _("qemu-img could not %s: it %s%s%s"),
                       what, how, *msg ? ": " : "", msg);
        return -1;
    }
    return 0;
}

int
qemuSnapshotRunQemuImg(const char *const *argv, const char *what)
{
    return qemuSnapshotRunQemuImgOutput(argv, what, NULL);
}

/* ------------------------------------------------------------------ */
/* Making the overlays                                                */

/* What is made for one disk, so that it can be undone. */
typedef struct {
    virDomainDiskDef *disk;         /* of the live (or only) definition */
    qemuSnapshotDisk *snap;
    bool created;                   /* the overlay file is ours */
    char *oldNode;                  /* the disk's top node before */
    char *storageNode;              /* added with blockdev-add */
    char *formatNode;
} qemuSnapshotOverlay;

static void
qemuSnapshotOverlayClear(qemuSnapshotOverlay *o)
{
    g_free(o->oldNode);
    g_free(o->storageNode);
    g_free(o->formatNode);
}

/* Whether DRV is a protocol driver (a node under an image's format). */
static bool
qemuSnapshotIsProtocol(const char *drv)
{
    return g_strcmp0(drv, "file") == 0 || g_strcmp0(drv, "host_device") == 0;
}

/* The node of the running OBJ named NODE (when NODE), else the one that
 * opens image PATH in its format (not the "file" protocol node under it),
 * in *RET_NODE (its name) and *RET_SIZE (its virtual size), each when not
 * NULL. */
static int
qemuSnapshotFindNode(qemuDomainObj *obj, const char *node, const char *path,
                     char **ret_node, unsigned long long *ret_size)
{
    qemuMonitorBlockNode *nodes = NULL;
    size_t nnodes = 0;
    size_t i;
    int ret = -1;

    if (qemuMonitorGetNamedBlockNodes(obj->mon, &nodes, &nnodes) < 0)
        return -1;
    for (i = 0; i < nnodes; i++) {
        qemuMonitorBlockNode *n = &nodes[i];

        if (node ? g_strcmp0(n->node_name, node) != 0
                 : (g_strcmp0(n->file, path) != 0 || qemuSnapshotIsProtocol(n->drv)))
            continue;
        if (ret_node)
            *ret_node = g_strdup(n->node_name);
        if (ret_size)
            *ret_size = n->virtual_size;
        ret = 0;
        break;
    }
    qemuMonitorBlockNodeFree(nodes, nnodes);
    if (ret < 0)
        virReportError(VIR_ERR_INTERNAL_ERROR, _("QEMU has no block node for %s '%s'"),
                       node ? "node" : "image", node ? node : path);
    return ret;
}

/* blockdev-create OPTIONS (consumed) as job JOBID, waiting for it. */
static int
qemuSnapshotBlockdevCreate(qemuDriver *driver, qemuDomainObj *obj,
                           const char *jobid, JsonObject *options)
{
    g_autoptr(JsonObject) args = qemuMonitorBlockdevCreateArgs(jobid, options);

    return qemuProcessRunJob(driver, obj, "blockdev-create", args, jobid,
                             QEMU_SNAPSHOT_EXTERNAL_TIMEOUT_MS);
}

/* blockdev-del the nodes of NAMES (N of them, NULL ones skipped), keeping
 * the error being reported. */
static void
qemuSnapshotDelNodes(qemuDomainObj *obj, const char *const *names, size_t n)
{
    virErrorPtr saved = virSaveLastError();
    size_t i;

    for (i = 0; i < n && obj->mon; i++) {
        if (names[i] && qemuMonitorBlockdevDel(obj->mon, names[i]) < 0)
            VIR_WARN("cannot remove block node %s: %s", names[i], virGetLastErrorMessage());
    }
    virSetError(saved);
    virFreeError(saved);
}

/* Make (unless REUSE) and open the overlay of O in the running OBJ, as
 * nodes "libvirt-N-storage" and "libvirt-N-format". */
static int
qemuSnapshotOverlayOpen(qemuDriver *driver, qemuDomainObj *obj,
                        qemuSnapshotOverlay *o, bool reuse)
{
    g_autoptr(JsonObject) storage = json_object_new();
    g_autoptr(JsonObject) format = json_object_new();
    g_autofree char *jobid = g_strdup_printf("virtkit-create-%s", o->snap->name);
    unsigned long long size = 0;
    int index;

    if (!(o->oldNode = qemuDomainDiskNodeName(obj, o->disk->info.alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot find the block node of disk %s"), o->disk->dst);
        return -1;
    }
    if ((index = qemuHotplugNextNodeIndex(obj)) < 0)
        return -1;
    if (!reuse && qemuSnapshotFindNode(obj, o->oldNode, NULL, NULL, &size) < 0)
        return -1;
    if (!reuse && o->snap->type == VIR_STORAGE_TYPE_FILE) {
        /* a block device is there already: only a file is made */
        JsonObject *file = json_object_new();

        json_object_set_string_member(file, "driver", "file");
        json_object_set_string_member(file, "filename", o->snap->path);
        json_object_set_int_member(file, "size", 0);
        o->created = true;
        if (qemuSnapshotBlockdevCreate(driver, obj, jobid, file) < 0)
            return -1;
    }

    json_object_set_string_member(storage, "driver",
                                  o->snap->type == VIR_STORAGE_TYPE_BLOCK ? "host_device" : "file");
    json_object_set_string_member(storage, "filename", o->snap->path);
    o->storageNode = g_strdup_printf("libvirt-%d-storage", index);
    json_object_set_string_member(storage, "node-name", o->storageNode);
    json_object_set_boolean_member(storage, "auto-read-only", TRUE);
    json_object_set_string_member(storage, "discard", "unmap");
    if (qemuMonitorBlockdevAdd(obj->mon, storage) < 0) {
        g_clear_pointer(&o->storageNode, g_free);
        return -1;
    }

    if (!reuse) {
        JsonObject *qcow2 = json_object_new();

        json_object_set_string_member(qcow2, "driver", "qcow2");
        json_object_set_string_member(qcow2, "file", o->storageNode);
        json_object_set_int_member(qcow2, "size", size);
        json_object_set_string_member(qcow2, "backing-file", o->disk->src);
        json_object_set_string_member(qcow2, "backing-fmt",
                                      o->disk->driverFormat ? o->disk->driverFormat : "raw");
        if (qemuSnapshotBlockdevCreate(driver, obj, jobid, qcow2) < 0)
            return -1;
    }

    o->formatNode = g_strdup_printf("libvirt-%d-format", index);
    json_object_set_string_member(format, "node-name", o->formatNode);
    json_object_set_boolean_member(format, "read-only", FALSE);
    json_object_set_string_member(format, "driver", "qcow2");
    json_object_set_string_member(format, "file", o->storageNode);
    json_object_set_null_member(format, "backing");
    if (qemuMonitorBlockdevAdd(obj->mon, format) < 0) {
        g_clear_pointer(&o->formatNode, g_free);
        return -1;
    }
    return 0;
}

/* Remove what was made for O (keeping the error being reported). */
static void
qemuSnapshotOverlayUndo(qemuDomainObj *obj, qemuSnapshotOverlay *o)
{
    const char *nodes[] = { o->formatNode, o->storageNode };

    qemuSnapshotDelNodes(obj, nodes, G_N_ELEMENTS(nodes));
    if (o->created && unlink(o->snap->path) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove %s: %s", o->snap->path, g_strerror(errno));
}

/* Switch every disk of OVERLAYS (N of them) to its overlay at once. */
static int
qemuSnapshotTransaction(qemuDomainObj *obj, qemuSnapshotOverlay *overlays, size_t n)
{
    g_autofree const char **nodes = g_new0(const char *, n);
    g_autofree const char **tops = g_new0(const char *, n);
    size_t i;

    for (i = 0; i < n; i++) {
        nodes[i] = overlays[i].oldNode;
        tops[i] = overlays[i].formatNode;
    }
    return qemuMonitorBlockdevSnapshots(obj->mon, nodes, tops, n);
}

/* ------------------------------------------------------------------ */
/* The definitions                                                    */

/* A copy of CHAIN (without its end mark when DROP_END). */
static virDomainDiskBackingStore *
qemuSnapshotChainCopy(const virDomainDiskBackingStore *chain, bool dropEnd)
{
    virDomainDiskBackingStore *copy = NULL;
    virDomainDiskBackingStore **tail = &copy;

    for (; chain; chain = chain->next) {
        if (dropEnd && chain->type == VIR_STORAGE_TYPE_NONE)
            break;
        *tail = g_new0(virDomainDiskBackingStore, 1);
        (*tail)->type = chain->type;
        (*tail)->format = g_strdup(chain->format);
        (*tail)->path = g_strdup(chain->path);
        tail = &(*tail)->next;
    }
    return copy;
}

/* Make DISK name the overlay of SNAP, its old image becoming the top of
 * its backing chain (when CHAIN; with the end mark when LIVE and the old
 * chain was not known, as libvirt shows a probed chain). */
static void
qemuSnapshotDiskSwitch(virDomainDiskDef *disk, const qemuSnapshotDisk *snap,
                       bool chain, bool live)
{
    virDomainDiskBackingStore *top = NULL;

    if (chain) {
        top = g_new0(virDomainDiskBackingStore, 1);
        top->type = disk->type;
        top->format = g_strdup(disk->driverFormat ? disk->driverFormat : "raw");
        top->path = g_strdup(disk->src);
        top->next = qemuSnapshotChainCopy(disk->backingStore, !live);
        if (live && !top->next)
            top->next = g_new0(virDomainDiskBackingStore, 1);
    }
    virDomainDiskBackingStoreFree(disk->backingStore);
    disk->backingStore = top;
    g_free(disk->src);
    disk->src = g_strdup(snap->path);
    disk->type = snap->type;
    g_free(disk->driverFormat);
    disk->driverFormat = g_strdup(snap->format);
}

/* Whether image PATH is a block device or a file. */
static int
qemuSnapshotStorageType(const char *path)
{
    struct stat st;

    if (stat(path, &st) == 0 && S_ISBLK(st.st_mode))
        return VIR_STORAGE_TYPE_BLOCK;
    return VIR_STORAGE_TYPE_FILE;
}

/* The chain below image PATH as the running OBJ has it open, ending with
 * the end mark (libvirt shows what it probed), or NULL when QEMU does not
 * have PATH open. */
static virDomainDiskBackingStore *
qemuSnapshotLiveChain(qemuDomainObj *obj, const char *path)
{
    qemuMonitorBlockNode *nodes = NULL;
    size_t nnodes = 0;
    virDomainDiskBackingStore *chain = NULL;
    virDomainDiskBackingStore **tail = &chain;
    const char *cur = path;
    size_t depth;
    size_t i;

    if (qemuMonitorGetNamedBlockNodes(obj->mon, &nodes, &nnodes) < 0) {
        virResetLastError();
        return NULL;
    }
    for (depth = 0; cur && depth < nnodes; depth++) {
        qemuMonitorBlockNode *node = NULL;

        for (i = 0; i < nnodes && !node; i++) {
            if (g_strcmp0(nodes[i].file, cur) == 0 && !qemuSnapshotIsProtocol(nodes[i].drv))
                node = &nodes[i];
        }
        if (!node) {
            g_clear_pointer(&chain, virDomainDiskBackingStoreFree);
            break;
        }
        *tail = g_new0(virDomainDiskBackingStore, 1);
        if ((cur = node->backing_file)) {
            (*tail)->type = qemuSnapshotStorageType(cur);
            (*tail)->path = g_strdup(cur);
            (*tail)->format = g_strdup(node->backing_format);
        }
        tail = &(*tail)->next;
    }
    qemuMonitorBlockNodeFree(nodes, nnodes);
    return chain;
}

static virDomainDiskDef *
qemuSnapshotFindDisk(virDomainDef *def, const char *dst)
{
    size_t i;

    for (i = 0; def && i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, dst) == 0)
            return def->disks[i];
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Entry                                                              */

static int
qemuSnapshotExternalOffline(qemuDomainObj *obj, qemuSnapshotDisk *disks, bool reuse)
{
    g_autofree bool *created = g_new0(bool, obj->def->ndisks);
    size_t i;

    for (i = 0; i < obj->def->ndisks; i++) {
        virDomainDiskDef *disk = obj->def->disks[i];
        const char *fmt = disk->driverFormat ? disk->driverFormat : "raw";
        const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", "-b", disk->src,
                               "-F", fmt, disks[i].path, NULL };
        g_autofree char *what = NULL;

        if (disks[i].snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL || reuse)
            continue;
        what = g_strdup_printf("create the overlay %s of disk %s", disks[i].path, disk->dst);
        if (qemuSnapshotRunQemuImg(argv, what) < 0)
            goto error;
        created[i] = disks[i].type == VIR_STORAGE_TYPE_FILE;
    }
    return 0;

 error:
    while (i-- > 0) {
        if (created[i])
            unlink(disks[i].path);
    }
    return -1;
}

int
qemuSnapshotExternalCreate(qemuDriver *driver, qemuDomainObj *obj, const char *name,
                           qemuSnapshotDisk *wanted, size_t nwanted, unsigned int flags,
                           qemuSnapshotDisk **ret_disks, size_t *ret_ndisks)
{
    bool active = qemuDomainObjIsActive(obj);
    bool reuse = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT;
    qemuSnapshotDisk *disks = NULL;
    qemuSnapshotOverlay *overlays = NULL;
    virDomainDef *persistent = NULL;
    size_t ndisks = obj->def->ndisks;
    size_t n = 0;
    size_t i;
    int ret = -1;

    if (!(disks = qemuSnapshotAlignDisks(obj->def, name, wanted, nwanted)))
        goto cleanup;
    if (qemuSnapshotExternalPrepare(obj, disks, active, reuse) < 0)
        goto cleanup;

    if (!active) {
        if (qemuSnapshotExternalOffline(obj, disks, reuse) < 0)
            goto cleanup;
        for (i = 0; i < ndisks; i++) {
            if (disks[i].snapshot == QEMU_SNAPSHOT_LOCATION_EXTERNAL)
                qemuSnapshotDiskSwitch(obj->def->disks[i], &disks[i], false, false);
        }
        if (obj->persistent && qemuDomainConfigSave(driver, obj->def) < 0)
            goto cleanup;
        ret = 0;
        goto cleanup;
    }

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("QEMU guest agent is not configured"));
        goto cleanup;
    }

    overlays = g_new0(qemuSnapshotOverlay, ndisks);
    for (i = 0; i < ndisks; i++) {
        if (disks[i].snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        overlays[n].disk = obj->def->disks[i];
        overlays[n].snap = &disks[i];
        n++;
        if (qemuSnapshotOverlayOpen(driver, obj, &overlays[n - 1], reuse) < 0)
            goto undo;
        if (!qemuDomainObjIsActive(obj)) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           _("domain is not running"));
            goto undo;
        }
    }
    if (qemuSnapshotTransaction(obj, overlays, n) < 0)
        goto undo;

    persistent = obj->persistent ? obj->newDef : NULL;
    for (i = 0; i < n; i++) {
        virDomainDiskDef *pdisk = qemuSnapshotFindDisk(persistent, overlays[i].disk->dst);

        virDomainDiskBackingStore *probed = qemuSnapshotLiveChain(obj, overlays[i].snap->path);

        if (pdisk && g_strcmp0(pdisk->src, overlays[i].disk->src) == 0)
            qemuSnapshotDiskSwitch(pdisk, overlays[i].snap, true, false);
        qemuSnapshotDiskSwitch(overlays[i].disk, overlays[i].snap, true, true);
        if (probed) {
            virDomainDiskBackingStoreFree(overlays[i].disk->backingStore);
            overlays[i].disk->backingStore = probed;
        }
    }
    if (persistent && qemuDomainConfigSave(driver, persistent) < 0)
        VIR_WARN("cannot save the configuration of %s: %s", obj->def->name,
                 virGetLastErrorMessage());
    qemuDomainStatusSave(driver, obj);
    ret = 0;
    goto cleanup;

 undo:
    while (n-- > 0)
        qemuSnapshotOverlayUndo(obj, &overlays[n]);
    n = 0;

 cleanup:
    for (i = 0; overlays && i < ndisks; i++)
        qemuSnapshotOverlayClear(&overlays[i]);
    g_free(overlays);
    qemuSnapshotDisksFree(wanted, nwanted);
    if (ret == 0) {
        *ret_disks = disks;
        *ret_ndisks = ndisks;
    } else if (disks) {
        qemuSnapshotDisksFree(disks, ndisks);
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* Deleting: merging an overlay into the image below it               */

/* Where PATH is in DISK's chain: 0 for its source, N for the Nth
 * <backingStore> layer; -1 when it is not there. */
static int
qemuSnapshotChainIndex(const virDomainDiskDef *disk, const char *path)
{
    const virDomainDiskBackingStore *layer;
    int i = 1;

    if (g_strcmp0(disk->src, path) == 0)
        return 0;
    for (layer = disk->backingStore; layer && layer->path; layer = layer->next, i++) {
        if (strcmp(layer->path, path) == 0)
            return i;
    }
    return -1;
}

/* Drop layer INDEX (qemuSnapshotChainIndex) from DISK's chain: the layer
 * below takes its place.  A source whose chain is not known gets BASE
 * (the image below, in FORMAT) instead. */
static void
qemuSnapshotChainDrop(virDomainDiskDef *disk, int index, const char *base, const char *format)
{
    virDomainDiskBackingStore **link = &disk->backingStore;
    virDomainDiskBackingStore *gone;

    if (index == 0) {
        g_free(disk->src);
        g_free(disk->driverFormat);
        if (!(gone = disk->backingStore) || !gone->path) {
            disk->src = g_strdup(base);
            disk->driverFormat = g_strdup(format);
            disk->type = qemuSnapshotStorageType(base);
            return;
        }
        disk->src = g_steal_pointer(&gone->path);
        disk->driverFormat = g_steal_pointer(&gone->format);
        disk->type = gone->type;
        disk->backingStore = gone->next;
        gone->next = NULL;
        virDomainDiskBackingStoreFree(gone);
        return;
    }
    while (--index > 0 && *link)
        link = &(*link)->next;
    if (!(gone = *link))
        return;
    *link = gone->next;
    gone->next = NULL;
    virDomainDiskBackingStoreFree(gone);
}

/* The image below PATH and its format, from the image itself. */
static int
qemuSnapshotImageBacking(const char *path, char **ret_base, char **ret_format)
{
    const char *argv[] = { "qemu-img", "info", "-U", "--output=json", path, NULL };
    g_autofree char *what = g_strdup_printf("read the image %s", path);
    g_autofree char *out = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *info;

    if (qemuSnapshotRunQemuImgOutput(argv, what, &out) < 0)
        return -1;
    if (!json_parser_load_from_data(parser, out, -1, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)) ||
        !(info = json_node_get_object(json_parser_get_root(parser))) ||
        !json_object_has_member(info, "full-backing-filename")) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("image '%s' has no backing image to merge it into"), path);
        return -1;
    }
    *ret_base = g_strdup(json_object_get_string_member(info, "full-backing-filename"));
    *ret_format = g_strdup(json_object_get_string_member_with_default(info, "backing-filename-format",
                                                                      "raw"));
    return 0;
}

/* Merge image PATH of DISK into the image below it in the running OBJ. */
static int
qemuSnapshotCommitLive(qemuDriver *driver, qemuDomainObj *obj, virDomainDiskDef *disk,
                       const char *path, const char *base)
{
    g_autoptr(JsonObject) args = NULL;
    g_autofree char *jobid = g_strdup_printf("virtkit-commit-%s", disk->dst);
    g_autofree char *top = NULL;
    g_autofree char *node = NULL;
    g_autofree char *baseNode = NULL;
    unsigned int n;

    if (!(top = qemuDomainDiskNodeName(obj, disk->info.alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot find the block node of disk %s"), disk->dst);
        return -1;
    }
    if (qemuSnapshotFindNode(obj, NULL, path, &node, NULL) < 0 ||
        qemuSnapshotFindNode(obj, NULL, base, &baseNode, NULL) < 0)
        return -1;
    args = qemuMonitorBlockCommitArgs(jobid, top, node, baseNode);
    if (qemuProcessRunJob(driver, obj, "block-commit", args, jobid,
                          QEMU_SNAPSHOT_EXTERNAL_TIMEOUT_MS) < 0)
        return -1;

    /* the nodes blockdev-add made stay until they are deleted */
    if (sscanf(node, "libvirt-%u-format", &n) == 1) {
        g_autofree char *storage = g_strdup_printf("libvirt-%u-storage", n);
        const char *nodes[] = { node, storage };

        qemuSnapshotDelNodes(obj, nodes, G_N_ELEMENTS(nodes));
    }
    return 0;
}

/* Merge image PATH of the shut-off DISK into BASE (FORMAT) with qemu-img;
 * the image above it in the chain, if any, then names BASE. */
static int
qemuSnapshotCommitOffline(virDomainDiskDef *disk, const char *path,
                          const char *base, const char *format)
{
    const char *commit[] = { "qemu-img", "commit", "-q", path, NULL };
    g_autofree char *what = g_strdup_printf("merge %s into %s", path, base);
    g_autofree char *above = NULL;

    /* the image above PATH: walk down from the disk's source */
    if (g_strcmp0(disk->src, path) != 0) {
        g_autofree char *cur = g_strdup(disk->src);

        while (cur) {
            g_autofree char *below = NULL;
            g_autofree char *fmt = NULL;

            if (qemuSnapshotImageBacking(cur, &below, &fmt) < 0)
                return -1;
            if (strcmp(below, path) == 0) {
                above = g_steal_pointer(&cur);
                break;
            }
            g_free(cur);
            cur = g_steal_pointer(&below);
        }
    }
    if (qemuSnapshotRunQemuImg(commit, what) < 0)
        return -1;
    if (above) {
        const char *rebase[] = { "qemu-img", "rebase", "-q", "-u", "-b", base, "-F", format,
                                 above, NULL };
        g_autofree char *rwhat = g_strdup_printf("make %s name %s as its backing image",
                                                 above, base);
        if (qemuSnapshotRunQemuImg(rebase, rwhat) < 0)
            return -1;
    }
    return 0;
}

int
qemuSnapshotExternalDelete(qemuDriver *driver, qemuDomainObj *obj,
                           const qemuSnapshotDisk *disks, size_t ndisks)
{
    bool active = qemuDomainObjIsActive(obj);
    virDomainDef *persistent = active ? (obj->persistent ? obj->newDef : NULL) : obj->def;
    size_t i;

    /* every overlay must still be in its disk's chain */
    for (i = 0; i < ndisks; i++) {
        virDomainDiskDef *disk = qemuSnapshotFindDisk(obj->def, disks[i].name);

        if (disks[i].snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (!disk || (active && qemuSnapshotChainIndex(disk, disks[i].path) < 0 &&
                      qemuSnapshotFindNode(obj, NULL, disks[i].path, NULL, NULL) < 0)) {
            virResetLastError();
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("snapshot image '%s' of disk '%s' is no longer used by the domain"),
                           disks[i].path, disks[i].name);
            return -1;
        }
    }

    for (i = 0; i < ndisks; i++) {
        const qemuSnapshotDisk *d = &disks[i];
        virDomainDiskDef *disk = qemuSnapshotFindDisk(obj->def, d->name);
        virDomainDiskDef *pdisk = qemuSnapshotFindDisk(persistent, d->name);
        g_autofree char *base = NULL;
        g_autofree char *format = NULL;
        int index;

        if (d->snapshot != QEMU_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (qemuSnapshotImageBacking(d->path, &base, &format) < 0)
            return -1;
        if (active) {
            if (qemuSnapshotCommitLive(driver, obj, disk, d->path, base) < 0)
                return -1;
            if ((index = qemuSnapshotChainIndex(disk, d->path)) >= 0)
                qemuSnapshotChainDrop(disk, index, base, format);
        } else if (qemuSnapshotCommitOffline(disk, d->path, base, format) < 0) {
            return -1;
        }
        if (pdisk && (pdisk != disk || !active) &&
            (index = qemuSnapshotChainIndex(pdisk, d->path)) >= 0)
            qemuSnapshotChainDrop(pdisk, index, base, format);
        /* a block device stays; libvirt leaves it too */
        if (d->type == VIR_STORAGE_TYPE_FILE && unlink(d->path) < 0 && errno != ENOENT)
            VIR_WARN("cannot remove %s: %s", d->path, g_strerror(errno));
    }
    if (persistent && qemuDomainConfigSave(driver, persistent) < 0)
        return -1;
    if (active)
        qemuDomainStatusSave(driver, obj);
    return 0;
}
