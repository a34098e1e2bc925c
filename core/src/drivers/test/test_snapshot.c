/*
 * test_snapshot.c: the test driver's domain snapshots and checkpoints, and
 * its answers to the migration API.
 *
 * Snapshots and checkpoints are both "moments" of a domain: a named point
 * in time with a copy of the domain definition, arranged in a tree (each
 * new moment is a child of the domain's current one).  One testMoment type
 * serves both kinds, so the tree code (lookup, reparenting, the listing
 * filters, deletion with or without children) exists once; the two kinds
 * differ only in their XML and in a few rules of creation and revert.  The
 * trees of a domain live behind testDomainObj->snapshots, created on first
 * use and freed with the domain by testSnapshotDomainFree().
 *
 * Everything here follows what libvirt's test driver does, including its
 * quirks: a revert always restarts a running domain, a revert to an
 * inactive snapshot with REVERT_RUNNING leaves the domain shut off, and the
 * memory of a snapshot taken without external memory is forced to
 * 'internal' (running or paused domain) or 'no' (shut off domain).  Errors
 * carry the error domain libvirt raises them from: the snapshot and
 * checkpoint XML code (VIR_FROM_DOMAIN_SNAPSHOT / _CHECKPOINT), the moment
 * tree (VIR_FROM_DOMAIN), the public API layer, or the test driver itself.
 *
 * libvirt's test driver supports no migration at all; its public API
 * layer refuses every request after checking the flags.  The migration
 * slots below make the same checks and give the same refusals, so that
 * programs see the errors they see with libvirt.
 */
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "datatypes.h"
#include "domain_conf.h"
#include "test_driver_private.h"
#include "test_event.h"
#include "virerror.h"
#include "virxml.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ------------------------------------------------------------------ */
/* The model                                                          */

typedef enum {
    TEST_MOMENT_SNAPSHOT,
    TEST_MOMENT_CHECKPOINT,
} testMomentKind;

/* Where a snapshot keeps memory or a disk (libvirt's snapshot='...'). */
typedef enum {
    TEST_LOC_DEFAULT = 0,
    TEST_LOC_NO,
    TEST_LOC_INTERNAL,
    TEST_LOC_EXTERNAL,
    TEST_LOC_MANUAL,
    TEST_LOC_LAST,
} testSnapLocation;

static const char *const testLocNames[TEST_LOC_LAST] = {
    "default", "no", "internal", "external", "manual",
};

/* A snapshot's <state>: the domain states, plus one for disk-only
 * snapshots. */
#define TEST_SNAP_STATE_DISK_SNAPSHOT 8
static const char *const testSnapStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
    "crashed", "pmsuspended", "disk-snapshot",
};
#define TEST_SNAP_STATE_LAST G_N_ELEMENTS(testSnapStateNames)

/* A checkpoint disk's checkpoint='...'. */
typedef enum {
    TEST_CKPT_DEFAULT = 0,
    TEST_CKPT_NO,
    TEST_CKPT_BITMAP,
} testCheckpointType;

/* Storage types a snapshot disk may name (type='...'). */
static const char *const testStorageTypeNames[] = {
    "none", "file", "block", "dir", "network", "volume", "nvme", "vhostuser",
    "vhostvdpa",
};
#define TEST_STORAGE_FILE 1
#define TEST_STORAGE_BLOCK 2
#define TEST_STORAGE_DIR 3
#define TEST_STORAGE_NETWORK 4
#define TEST_STORAGE_VOLUME 5

/* Image formats a snapshot disk's <driver type=...> may name. */
static const char *const testImageFormats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk",
};

typedef struct {
    char *name;              /* target dev once aligned */
    int location;            /* snapshots: testSnapLocation */
    int storageType;         /* snapshots: index in testStorageTypeNames */
    char *path;              /* snapshots: external file or device */
    char *netProtocol;       /* snapshots: network source */
    char *format;            /* snapshots: <driver type=> */
    int ckptType;            /* checkpoints: testCheckpointType */
    char *bitmap;            /* checkpoints */
} testMomentDisk;

typedef struct _testMoment testMoment;
struct _testMoment {
    char *name;
    char *description;
    char *parentName;
    long long creationTime;
    virDomainDef *dom;           /* the domain when the moment was taken */
    virDomainDef *inactiveDom;   /* snapshots: <inactiveDomain> */
    int state;                   /* snapshots: testSnapStateNames index */
    int memory;                  /* snapshots: testSnapLocation */
    char *memoryFile;
    testMomentDisk *disks;
    size_t ndisks;

    testMoment *parent;          /* NULL at the root */
    GPtrArray *children;         /* testMoment *, not owned */
};

typedef struct {
    GPtrArray *all;              /* testMoment *, owned, creation order */
    testMoment *current;
} testMomentList;

typedef struct {
    testMomentList snapshots;
    testMomentList checkpoints;
} testSnapshotState;

static void
testMomentDiskClear(testMomentDisk *disk)
{
    g_free(disk->name);
    g_free(disk->path);
    g_free(disk->netProtocol);
    g_free(disk->format);
    g_free(disk->bitmap);
    memset(disk, 0, sizeof(*disk));
}

static void
testMomentDisksFree(testMomentDisk *disks, size_t ndisks)
{
    size_t i;

    for (i = 0; i < ndisks; i++)
        testMomentDiskClear(&disks[i]);
    g_free(disks);
}

/* Free what the moment's definition holds (not its place in a tree). */
static void
testMomentDefClear(testMoment *m)
{
    g_clear_pointer(&m->name, g_free);
    g_clear_pointer(&m->description, g_free);
    g_clear_pointer(&m->parentName, g_free);
    g_clear_pointer(&m->dom, virDomainDefFree);
    g_clear_pointer(&m->inactiveDom, virDomainDefFree);
    g_clear_pointer(&m->memoryFile, g_free);
    testMomentDisksFree(m->disks, m->ndisks);
    m->disks = NULL;
    m->ndisks = 0;
}

static void
testMomentFree(testMoment *m)
{
    if (!m)
        return;
    testMomentDefClear(m);
    if (m->children)
        g_ptr_array_free(m->children, TRUE);
    g_free(m);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testMoment, testMomentFree);

static testMoment *
testMomentNew(void)
{
    testMoment *m = g_new0(testMoment, 1);

    m->children = g_ptr_array_new();
    return m;
}

static void
testMomentListInit(testMomentList *list)
{
    list->all = g_ptr_array_new_with_free_func((GDestroyNotify)testMomentFree);
    list->current = NULL;
}

int
testSnapshotCount(testDomainObj *obj)
{
    testSnapshotState *state = obj->snapshots;

    return state ? (int)state->snapshots.all->len : 0;
}

int
testCheckpointCount(testDomainObj *obj)
{
    testSnapshotState *state = obj->snapshots;

    return state ? (int)state->checkpoints.all->len : 0;
}

void
testSnapshotDomainFree(void *snapshots)
{
    testSnapshotState *state = snapshots;

    if (!state)
        return;
    g_ptr_array_free(state->snapshots.all, TRUE);
    g_ptr_array_free(state->checkpoints.all, TRUE);
    g_free(state);
}

/* OBJ's moments, created on first use (driver->lock held). */
static testSnapshotState *
testSnapshotStateOf(testDomainObj *obj)
{
    if (!obj->snapshots) {
        testSnapshotState *state = g_new0(testSnapshotState, 1);

        testMomentListInit(&state->snapshots);
        testMomentListInit(&state->checkpoints);
        obj->snapshots = state;
    }
    return obj->snapshots;
}

static testMomentList *
testMomentListOf(testDomainObj *obj, testMomentKind kind)
{
    testSnapshotState *state = testSnapshotStateOf(obj);

    return kind == TEST_MOMENT_SNAPSHOT ? &state->snapshots : &state->checkpoints;
}

static testMoment *
testMomentFind(testMomentList *list, const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < list->all->len; i++) {
        testMoment *m = g_ptr_array_index(list->all, i);
        if (strcmp(m->name, name) == 0)
            return m;
    }
    return NULL;
}

/* Take M out of its parent's children. */
static void
testMomentDropParent(testMoment *m)
{
    if (m->parent)
        g_ptr_array_remove(m->parent->children, m);
    m->parent = NULL;
}

static void
testMomentSetParent(testMoment *m, testMoment *parent)
{
    testMomentDropParent(m);
    if (parent) {
        m->parent = parent;
        g_ptr_array_add(parent->children, m);
    }
}

/* Remove M from LIST and free it; its children must be gone or moved. */
static void
testMomentRemove(testMomentList *list, testMoment *m)
{
    size_t i;

    testMomentDropParent(m);
    for (i = 0; i < m->children->len; i++)
        ((testMoment *)g_ptr_array_index(m->children, i))->parent = NULL;
    g_ptr_array_set_size(m->children, 0);
    if (list->current == m)
        list->current = NULL;
    g_ptr_array_remove(list->all, m);
}

/* Every moment below M, parents before children. */
static void
testMomentCollectDescendants(testMoment *m, GPtrArray *out)
{
    size_t i;

    for (i = 0; i < m->children->len; i++) {
        testMoment *child = g_ptr_array_index(m->children, i);

        g_ptr_array_add(out, child);
        testMomentCollectDescendants(child, out);
    }
}

static void
testMomentRoots(testMomentList *list, GPtrArray *out)
{
    size_t i;

    for (i = 0; i < list->all->len; i++) {
        testMoment *m = g_ptr_array_index(list->all, i);
        if (!m->parent)
            g_ptr_array_add(out, m);
    }
}

/* ------------------------------------------------------------------ */
/* Listing with filters                                               */

/* The filter bits both kinds share, in the snapshot enum's values (the
 * checkpoint enum uses the same ones for what it has). */
#define TEST_LIST_DESCENDANTS 1u            /* = ROOTS at the top level */
#define TEST_LIST_LEAVES 4u
#define TEST_LIST_NO_LEAVES 8u

static bool
testSnapshotIsExternal(const testMoment *m)
{
    size_t i;

    if (m->memory == TEST_LOC_EXTERNAL)
        return true;
    for (i = 0; i < m->ndisks; i++) {
        if (m->disks[i].location == TEST_LOC_EXTERNAL)
            return true;
    }
    return false;
}

static bool
testSnapshotMatches(const testMoment *m, unsigned int flags)
{
    const unsigned int status = VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE |
                                VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                                VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY;
    const unsigned int location = VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL |
                                  VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;

    /* a group with every bit set filters nothing */
    if ((flags & status) == status)
        flags &= ~status;
    if ((flags & location) == location)
        flags &= ~location;

    if (flags & status) {
        if (m->state == VIR_DOMAIN_SHUTOFF) {
            if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE))
                return false;
        } else if (m->state == TEST_SNAP_STATE_DISK_SNAPSHOT) {
            if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY))
                return false;
        } else if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE)) {
            return false;
        }
    }
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) && testSnapshotIsExternal(m))
        return false;
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) && !testSnapshotIsExternal(m))
        return false;
    return true;
}

/* The moments of LIST below FROM (or of the whole tree when FROM is NULL)
 * that FLAGS selects, parents before children. */
static GPtrArray *
testMomentSelect(testMomentList *list,
                 testMoment *from,
                 testMomentKind kind,
                 unsigned int flags)
{
    g_autoptr(GPtrArray) walk = g_ptr_array_new();
    GPtrArray *out = g_ptr_array_new();
    bool descendants = (flags & TEST_LIST_DESCENDANTS) != 0;
    size_t i;

    if (kind == TEST_MOMENT_SNAPSHOT &&
        (flags & (VIR_DOMAIN_SNAPSHOT_LIST_METADATA |
                  VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)) ==
        VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA)
        return out;   /* every moment here has metadata */

    if (!from) {
        /* at the top, the bit asks for the roots instead */
        GPtrArray *roots = g_ptr_array_new();

        testMomentRoots(list, roots);
        for (i = 0; i < roots->len; i++) {
            testMoment *m = g_ptr_array_index(roots, i);

            g_ptr_array_add(walk, m);
            if (!descendants)
                testMomentCollectDescendants(m, walk);
        }
        g_ptr_array_free(roots, TRUE);
    } else if (descendants) {
        testMomentCollectDescendants(from, walk);
    } else {
        for (i = 0; i < from->children->len; i++)
            g_ptr_array_add(walk, g_ptr_array_index(from->children, i));
    }

    for (i = 0; i < walk->len; i++) {
        testMoment *m = g_ptr_array_index(walk, i);

        if ((flags & TEST_LIST_LEAVES) && m->children->len)
            continue;
        if ((flags & TEST_LIST_NO_LEAVES) && !m->children->len)
            continue;
        if (kind == TEST_MOMENT_SNAPSHOT && !testSnapshotMatches(m, flags))
            continue;
        g_ptr_array_add(out, m);
    }
    return out;
}

/* ------------------------------------------------------------------ */
/* Error helpers                                                      */

#define testReportSnapError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN_SNAPSHOT, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)
#define testReportCkptError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN_CHECKPOINT, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)
#define testReportKindError(kind, code, ...) \
    virReportErrorHelper((kind) == TEST_MOMENT_SNAPSHOT ? \
                         VIR_FROM_DOMAIN_SNAPSHOT : VIR_FROM_DOMAIN_CHECKPOINT, \
                         code, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* libvirt's public API checks of flag combinations, from error domain
 * DOMAIN on behalf of API FUNC. */
static int
testFlagsExclusive(int domain, unsigned long flags,
                   unsigned long a, const char *aname,
                   unsigned long b, const char *bname,
                   const char *func)
{
    if ((flags & a) && (flags & b)) {
        virReportInvalidArgHelper(domain, __FILE__, func, __LINE__, "flags",
                                  _("Flags '%s' and '%s' are mutually exclusive"),
                                  aname, bname);
        return -1;
    }
    return 0;
}

static int
testFlagsRequire(int domain, unsigned long flags,
                 unsigned long need, const char *needname,
                 unsigned long by, const char *byname,
                 const char *func)
{
    if ((flags & by) && !(flags & need)) {
        virReportInvalidArgHelper(domain, __FILE__, func, __LINE__, "flags",
                                  _("Flag '%s' is required by flag '%s'"),
                                  needname, byname);
        return -1;
    }
    return 0;
}

#define TEST_EXCLUSIVE(dom, flags, a, b, func) \
    testFlagsExclusive(dom, flags, a, #a, b, #b, func)
#define TEST_REQUIRE(dom, flags, need, by, func) \
    testFlagsRequire(dom, flags, need, #need, by, #by, func)

/* The moment of OBJ a snapshot or checkpoint handle names. */
static testMoment *
testMomentFromHandle(testDomainObj *obj, testMomentKind kind, const char *name)
{
    testMoment *m = testMomentFind(testMomentListOf(obj, kind), name);

    if (!m) {
        if (kind == TEST_MOMENT_SNAPSHOT)
            virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                           _("no domain snapshot with matching name '%s'"), name);
        else
            virReportError(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                           _("no domain checkpoint with matching name '%s'"), name);
    }
    return m;
}

/* ------------------------------------------------------------------ */
/* Reading XML                                                        */

/* Parse XML whose root must be ROOTNAME. */
static xmlDocPtr
testMomentXMLParse(const char *xml, const char *rootname, const char *label,
                   int domain)
{
    return virXMLParse(NULL, xml, label, rootname, domain);
}

/* The text of NODE's first NAME child; NULL when absent or empty (as
 * libvirt's XPath string helper). */
static char *
testXMLChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = virXMLChild(node, name);
    xmlChar *content;
    char *ret = NULL;

    if (!child || !(content = xmlNodeGetContent(child)))
        return NULL;
    if (*content)
        ret = g_strdup((const char *)content);
    xmlFree(content);
    return ret;
}

static char *
testXMLProp(xmlNodePtr node, const char *name)
{
    xmlChar *val = xmlGetProp(node, BAD_CAST name);
    char *ret;

    if (!val)
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}

static int
testNameIndex(const char *const *names, size_t n, const char *value)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(names[i], value) == 0)
            return i;
    }
    return -1;
}

/* Attribute NAME of NODE as an index of NAMES, DEF when absent; 0 is not
 * a valid value.  Errors as libvirt's XML property helpers. */
static int
testXMLPropEnum(xmlNodePtr node, const char *name,
                const char *const *names, size_t n, int def, int *out)
{
    g_autofree char *val = testXMLProp(node, name);
    int idx;

    if (!val) {
        *out = def;
        return 0;
    }
    idx = testNameIndex(names, n, val);
    if (idx <= 0) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__,
                             __LINE__,
                             _("Invalid value for attribute '%s' in element '%s': '%s'."),
                             name, (const char *)node->name, val);
        return -1;
    }
    *out = idx;
    return 0;
}

/* The time now, in seconds, as a moment's creation time. */
static long long
testMomentNow(void)
{
    return g_get_real_time() / (1000 * 1000);
}

/* The embedded domain element NODE (renamed to <domain> if need be). */
static virDomainDef *
testMomentParseDomain(xmlDocPtr doc, xmlNodePtr node)
{
    if (!xmlStrEqual(node->name, BAD_CAST "domain"))
        xmlNodeSetName(node, BAD_CAST "domain");
    return virDomainDefParseNode(doc, node, VIR_DOMAIN_DEF_PARSE_INACTIVE);
}

static int
testSnapshotDiskParse(xmlNodePtr node, testMomentDisk *disk)
{
    xmlNodePtr src;
    xmlNodePtr drv;
    g_autofree char *format = NULL;

    if (!(disk->name = testXMLProp(node, "name"))) {
        testReportSnapError(VIR_ERR_INTERNAL_ERROR, "%s",
                            _("missing name from disk snapshot element"));
        return -1;
    }
    if (testXMLPropEnum(node, "snapshot", testLocNames, TEST_LOC_LAST,
                        TEST_LOC_DEFAULT, &disk->location) < 0)
        return -1;
    if (testXMLPropEnum(node, "type", testStorageTypeNames,
                        G_N_ELEMENTS(testStorageTypeNames),
                        TEST_STORAGE_FILE, &disk->storageType) < 0)
        return -1;
    if (disk->storageType == TEST_STORAGE_DIR ||
        disk->storageType == TEST_STORAGE_VOLUME) {
        testReportSnapError(VIR_ERR_XML_ERROR,
                            _("unsupported disk snapshot type '%s'"),
                            testStorageTypeNames[disk->storageType]);
        return -1;
    }
    if ((src = virXMLChild(node, "source"))) {
        if (disk->storageType == TEST_STORAGE_BLOCK) {
            disk->path = testXMLProp(src, "dev");
        } else if (disk->storageType == TEST_STORAGE_NETWORK) {
            disk->netProtocol = testXMLProp(src, "protocol");
            disk->path = testXMLProp(src, "name");
        } else {
            disk->path = testXMLProp(src, "file");
        }
    }
    if ((drv = virXMLChild(node, "driver")) && (format = testXMLProp(drv, "type"))) {
        if (testNameIndex(testImageFormats, G_N_ELEMENTS(testImageFormats), format) < 0) {
            testReportSnapError(VIR_ERR_XML_ERROR,
                                _("unknown disk snapshot driver '%s'"), format);
            return -1;
        }
        disk->format = g_steal_pointer(&format);
    }
    if (disk->location == TEST_LOC_DEFAULT && (disk->path || disk->format))
        disk->location = TEST_LOC_EXTERNAL;
    return 0;
}

/* The <disks> children of ROOT into M (any element name counts). */
static int
testMomentDisksParse(xmlNodePtr root, testMoment *m, testMomentKind kind)
{
    xmlNodePtr disks = virXMLChild(root, "disks");
    xmlNodePtr cur;
    size_t n = 0;

    if (!disks)
        return 0;
    for (cur = disks->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            n++;
    }
    m->disks = g_new0(testMomentDisk, n ? n : 1);
    for (cur = disks->children; cur; cur = cur->next) {
        testMomentDisk *disk;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        disk = &m->disks[m->ndisks++];
        if (kind == TEST_MOMENT_SNAPSHOT) {
            if (testSnapshotDiskParse(cur, disk) < 0)
                return -1;
        } else {
            g_autofree char *type = testXMLProp(cur, "checkpoint");

            disk->name = testXMLProp(cur, "name");
            disk->ckptType = TEST_CKPT_BITMAP;
            if (type && strcmp(type, "no") == 0)
                disk->ckptType = TEST_CKPT_NO;
            disk->bitmap = testXMLProp(cur, "bitmap");
        }
    }
    return 0;
}

/* libvirt parses a moment document either as a new moment (creation time
 * now, a default name) or, with REDEFINE, as one recorded earlier that
 * must say everything about itself. */
static testMoment *
testSnapshotParse(const char *xml, bool redefine)
{
    g_autoptr(testMoment) m = testMomentNew();
    g_autofree char *state = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr node;
    bool offline = false;
    testMoment *ret = NULL;

    if (!(doc = testMomentXMLParse(xml, "domainsnapshot", "(domain_snapshot)",
                                   VIR_FROM_DOMAIN_SNAPSHOT)))
        return NULL;
    root = xmlDocGetRootElement(doc);

    m->name = testXMLChildText(root, "name");
    if (!m->name && redefine) {
        testReportSnapError(VIR_ERR_XML_ERROR, "%s",
                            _("a redefined snapshot must have a name"));
        goto cleanup;
    }
    m->description = testXMLChildText(root, "description");

    if (redefine) {
        g_autofree char *ctime = testXMLChildText(root, "creationTime");
        g_autofree char *domtype = NULL;
        char *end = NULL;

        if (!ctime || (m->creationTime = g_ascii_strtoll(ctime, &end, 10), *end)) {
            testReportSnapError(VIR_ERR_INTERNAL_ERROR, "%s",
                                _("missing creationTime from existing snapshot"));
            goto cleanup;
        }
        if ((node = virXMLChild(root, "parent")))
            m->parentName = testXMLChildText(node, "name");
        if (!(state = testXMLChildText(root, "state"))) {
            testReportSnapError(VIR_ERR_XML_ERROR, "%s",
                                _("missing state from existing snapshot"));
            goto cleanup;
        }
        m->state = testNameIndex(testSnapStateNames, TEST_SNAP_STATE_LAST, state);
        if (m->state <= 0) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("Invalid state '%s' in domain snapshot XML"),
                                state);
            goto cleanup;
        }
        offline = m->state == VIR_DOMAIN_SHUTOFF ||
                  m->state == TEST_SNAP_STATE_DISK_SNAPSHOT;

        /* very old snapshots kept only the domain's UUID */
        if ((node = virXMLChild(root, "domain")) &&
            (domtype = testXMLProp(node, "type")) &&
            !(m->dom = testMomentParseDomain(doc, node)))
            goto cleanup;
        if ((node = virXMLChild(root, "inactiveDomain")) &&
            !(m->inactiveDom = testMomentParseDomain(doc, node)))
            goto cleanup;
    } else {
        m->creationTime = testMomentNow();
        if (!m->name)
            m->name = g_strdup_printf("%lld", m->creationTime);
    }

    if ((node = virXMLChild(root, "memory"))) {
        m->memoryFile = testXMLProp(node, "file");
        if (testXMLPropEnum(node, "snapshot", testLocNames, TEST_LOC_LAST,
                            TEST_LOC_DEFAULT, &m->memory) < 0)
            goto cleanup;
        if (m->memory == TEST_LOC_MANUAL) {
            testReportSnapError(VIR_ERR_XML_ERROR, "%s",
                                _("'manual' memory snapshot mode not supported"));
            goto cleanup;
        }
    }
    if (m->memoryFile) {
        if (!g_path_is_absolute(m->memoryFile)) {
            testReportSnapError(VIR_ERR_XML_ERROR,
                                _("memory snapshot file path (%s) must be absolute"),
                                m->memoryFile);
            goto cleanup;
        }
        if (m->memory == TEST_LOC_DEFAULT) {
            m->memory = TEST_LOC_EXTERNAL;
        } else if (m->memory != TEST_LOC_EXTERNAL) {
            testReportSnapError(VIR_ERR_XML_ERROR,
                                _("memory filename '%s' requires external snapshot"),
                                m->memoryFile);
            goto cleanup;
        }
    } else if (m->memory == TEST_LOC_EXTERNAL) {
        testReportSnapError(VIR_ERR_XML_ERROR, "%s",
                            _("external memory snapshots require a filename"));
        goto cleanup;
    }
    if (offline && m->memory != TEST_LOC_DEFAULT && m->memory != TEST_LOC_NO) {
        testReportSnapError(VIR_ERR_XML_ERROR, "%s",
                            _("memory state cannot be saved with offline or disk-only snapshot"));
        goto cleanup;
    }

    if (testMomentDisksParse(root, m, TEST_MOMENT_SNAPSHOT) < 0)
        goto cleanup;

    ret = g_steal_pointer(&m);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

/* libvirt validates checkpoint documents against its schema; these are the
 * rules of that schema a document is likely to break. */
static int
testCheckpointValidate(xmlNodePtr root)
{
    static const char *const allowed[] = {
        "name", "description", "creationTime", "parent", "disks", "domain",
    };
    xmlNodePtr cur;
    xmlNodePtr disk;
    const char *why = NULL;

    for (cur = root->children; cur && !why; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (testNameIndex(allowed, G_N_ELEMENTS(allowed), (const char *)cur->name) < 0) {
            why = "Element domaincheckpoint has extra content";
            break;
        }
        if (!xmlStrEqual(cur->name, BAD_CAST "disks"))
            continue;
        for (disk = cur->children; disk; disk = disk->next) {
            g_autofree char *name = NULL;
            g_autofree char *type = NULL;
            g_autofree char *bitmap = NULL;

            if (disk->type != XML_ELEMENT_NODE)
                continue;
            name = testXMLProp(disk, "name");
            type = testXMLProp(disk, "checkpoint");
            bitmap = testXMLProp(disk, "bitmap");
            if (!xmlStrEqual(disk->name, BAD_CAST "disk") || !name ||
                (type && strcmp(type, "no") != 0 && strcmp(type, "bitmap") != 0) ||
                (bitmap && type && strcmp(type, "no") == 0)) {
                why = "Extra element disks in interleave\n"
                      "Element domaincheckpoint failed to validate content";
                break;
            }
        }
    }
    if (why) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA, __FILE__,
                             __func__, __LINE__,
                             _("Unable to validate doc against %s\n%s"),
                             "domaincheckpoint.rng", why);
        return -1;
    }
    return 0;
}

static testMoment *
testCheckpointParse(const char *xml, bool redefine)
{
    g_autoptr(testMoment) m = testMomentNew();
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr node;
    testMoment *ret = NULL;

    if (!(doc = testMomentXMLParse(xml, "domaincheckpoint", "(domain_checkpoint)",
                                   VIR_FROM_DOMAIN_CHECKPOINT)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (testCheckpointValidate(root) < 0)
        goto cleanup;

    m->name = testXMLChildText(root, "name");
    if (!m->name && redefine) {
        testReportCkptError(VIR_ERR_XML_ERROR, "%s",
                            _("a redefined checkpoint must have a name"));
        goto cleanup;
    }
    m->description = testXMLChildText(root, "description");
    if (redefine) {
        g_autofree char *ctime = testXMLChildText(root, "creationTime");
        char *end = NULL;

        if (!ctime || (m->creationTime = g_ascii_strtoll(ctime, &end, 10), *end)) {
            testReportCkptError(VIR_ERR_INTERNAL_ERROR, "%s",
                                _("missing creationTime from existing checkpoint"));
            goto cleanup;
        }
        if ((node = virXMLChild(root, "parent")))
            m->parentName = testXMLChildText(node, "name");
        if ((node = virXMLChild(root, "domain")) &&
            !(m->dom = testMomentParseDomain(doc, node)))
            goto cleanup;
    } else {
        m->creationTime = testMomentNow();
        if (!m->name)
            m->name = g_strdup_printf("%lld", m->creationTime);
    }
    if (testMomentDisksParse(root, m, TEST_MOMENT_CHECKPOINT) < 0)
        goto cleanup;

    ret = g_steal_pointer(&m);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Writing XML                                                        */

/* Append TEXT to BUF with every line indented by two more spaces. */
static void
testAppendIndented(GString *buf, const char *text)
{
    const char *line = text;

    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);

        g_string_append(buf, "  ");
        g_string_append_len(buf, line, len);
        g_string_append_c(buf, '\n');
        line += len + (nl ? 1 : 0);
    }
}

static void
testAppendEscaped(GString *buf, const char *fmt, const char *value)
{
    g_autofree char *esc = g_markup_escape_text(value, -1);

    g_string_append_printf(buf, fmt, esc);
}

/* DEF formatted with FLAGS, its root element renamed ROOTNAME. */
static int
testAppendDomain(GString *buf, const virDomainDef *def, unsigned int flags,
                 const char *rootname)
{
    g_autofree char *xml = virDomainDefFormat(def, flags);
    g_autoptr(GString) renamed = NULL;
    const char *close;

    if (!xml)
        return -1;
    if (strcmp(rootname, "domain") == 0) {
        testAppendIndented(buf, xml);
        return 0;
    }
    renamed = g_string_new("<");
    g_string_append(renamed, rootname);
    g_string_append(renamed, xml + strlen("<domain"));
    if ((close = g_strrstr(renamed->str, "</domain>"))) {
        size_t at = close - renamed->str;

        g_string_erase(renamed, at, strlen("</domain>"));
        g_string_insert(renamed, at, "</inactiveDomain>");
    }
    testAppendIndented(buf, renamed->str);
    return 0;
}

static void
testAppendMomentHead(GString *buf, const testMoment *m, bool snapshot)
{
    testAppendEscaped(buf, "  <name>%s</name>\n", m->name);
    if (m->description)
        testAppendEscaped(buf, "  <description>%s</description>\n", m->description);
    if (snapshot && m->state > 0 && (size_t)m->state < TEST_SNAP_STATE_LAST)
        g_string_append_printf(buf, "  <state>%s</state>\n",
                               testSnapStateNames[m->state]);
    if (m->parentName) {
        g_string_append(buf, "  <parent>\n");
        testAppendEscaped(buf, "    <name>%s</name>\n", m->parentName);
        g_string_append(buf, "  </parent>\n");
    }
    if (m->creationTime)
        g_string_append_printf(buf, "  <creationTime>%lld</creationTime>\n",
                               m->creationTime);
}

static char *
testSnapshotFormat(const testMoment *m, const unsigned char *uuid, bool secure)
{
    g_autoptr(GString) buf = g_string_new("<domainsnapshot>\n");
    unsigned int domflags = VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    size_t i;

    if (secure)
        domflags |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    testAppendMomentHead(buf, m, true);
    if (m->memory) {
        g_string_append_printf(buf, "  <memory snapshot='%s'",
                               testLocNames[m->memory]);
        if (m->memoryFile)
            testAppendEscaped(buf, " file='%s'", m->memoryFile);
        g_string_append(buf, "/>\n");
    }
    if (m->ndisks) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; i < m->ndisks; i++) {
            const testMomentDisk *disk = &m->disks[i];

            if (!disk->name)
                continue;
            testAppendEscaped(buf, "    <disk name='%s'", disk->name);
            if (disk->location)
                g_string_append_printf(buf, " snapshot='%s'",
                                       testLocNames[disk->location]);
            if (!disk->path && !disk->format) {
                g_string_append(buf, "/>\n");
                continue;
            }
            g_string_append_printf(buf, " type='%s'>\n",
                                   testStorageTypeNames[disk->storageType]);
            if (disk->format)
                testAppendEscaped(buf, "      <driver type='%s'/>\n", disk->format);
            if (disk->path) {
                if (disk->storageType == TEST_STORAGE_BLOCK) {
                    testAppendEscaped(buf, "      <source dev='%s'/>\n", disk->path);
                } else if (disk->storageType == TEST_STORAGE_NETWORK) {
                    g_string_append(buf, "      <source");
                    if (disk->netProtocol)
                        testAppendEscaped(buf, " protocol='%s'", disk->netProtocol);
                    testAppendEscaped(buf, " name='%s'/>\n", disk->path);
                } else {
                    testAppendEscaped(buf, "      <source file='%s'/>\n", disk->path);
                }
            }
            g_string_append(buf, "    </disk>\n");
        }
        g_string_append(buf, "  </disks>\n");
    }
    if (m->dom) {
        if (testAppendDomain(buf, m->dom, domflags, "domain") < 0)
            return NULL;
    } else {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        virUUIDFormat(uuid, uuidstr);
        g_string_append_printf(buf, "  <domain>\n    <uuid>%s</uuid>\n  </domain>\n",
                               uuidstr);
    }
    if (m->inactiveDom &&
        testAppendDomain(buf, m->inactiveDom, domflags, "inactiveDomain") < 0)
        return NULL;
    g_string_append(buf, "</domainsnapshot>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static char *
testCheckpointFormat(const testMoment *m, unsigned int flags)
{
    g_autoptr(GString) buf = g_string_new("<domaincheckpoint>\n");
    size_t i;

    testAppendMomentHead(buf, m, false);
    if (m->ndisks) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; i < m->ndisks; i++) {
            const testMomentDisk *disk = &m->disks[i];

            if (!disk->name)
                continue;
            testAppendEscaped(buf, "    <disk name='%s'", disk->name);
            if (disk->ckptType)
                g_string_append(buf, disk->ckptType == TEST_CKPT_NO ?
                                " checkpoint='no'" : " checkpoint='bitmap'");
            if (disk->bitmap)
                testAppendEscaped(buf, " bitmap='%s'", disk->bitmap);
            g_string_append(buf, "/>\n");
        }
        g_string_append(buf, "  </disks>\n");
    }
    if (!(flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN) && m->dom &&
        testAppendDomain(buf, m->dom,
                         (flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE) ?
                         VIR_DOMAIN_DEF_FORMAT_SECURE : 0, "domain") < 0)
        return NULL;
    g_string_append(buf, "</domaincheckpoint>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

/* ------------------------------------------------------------------ */
/* Disk alignment                                                     */

/* The disk of DEF a moment disk names: by target, else by source. */
static ssize_t
testDomainDiskIndex(const virDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->dst && strcmp(def->disks[i]->dst, name) == 0)
            return i;
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->src && strcmp(def->disks[i]->src, name) == 0)
            return i;
    }
    return -1;
}

static bool
testDomainDiskIsEmpty(const virDomainDiskDef *disk)
{
    return !disk->src && disk->type != VIR_STORAGE_TYPE_NETWORK;
}

/* Invent the file of every external disk snapshot that names none: the
 * disk's image with its suffix replaced by the snapshot's name. */
static int
testSnapshotExternalNames(testMoment *m)
{
    size_t i;
    size_t j;

    for (i = 0; i < m->ndisks; i++) {
        testMomentDisk *disk = &m->disks[i];
        const char *orig;
        struct stat sb;
        g_autofree char *base = NULL;
        char *dot;

        if (disk->location != TEST_LOC_EXTERNAL || disk->path)
            continue;
        if (disk->storageType != TEST_STORAGE_FILE) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("cannot generate external snapshot name for disk '%s' on a '%s' device"),
                                disk->name, testStorageTypeNames[disk->storageType]);
            return -1;
        }
        if (!(orig = m->dom->disks[i]->src)) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("cannot generate external snapshot name for disk '%s' without source"),
                                disk->name);
            return -1;
        }
        if (stat(orig, &sb) < 0 || !S_ISREG(sb.st_mode)) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("source for disk '%s' is not a regular file; refusing to generate external snapshot name"),
                                disk->name);
            return -1;
        }
        base = g_strdup(orig);
        if ((dot = strrchr(base, '.')) && !strchr(dot, '/'))
            *dot = '\0';
        disk->path = g_strdup_printf("%s.%s", base, m->name);
        for (j = 0; j < i; j++) {
            if (m->disks[j].path && strcmp(m->disks[j].path, disk->path) == 0) {
                testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                    _("cannot generate external snapshot name for disk '%s': collision with disk '%s'"),
                                    disk->name, m->disks[j].name);
                return -1;
            }
        }
    }
    return 0;
}

/* One snapshot disk per disk of the domain, in the domain's order: the
 * ones the document asked for (checked), DEFLOC for the others.  With
 * MATCH, every requested disk must use DEFLOC. */
static int
testSnapshotAlignDisks(testMoment *m, int defloc, bool match)
{
    testMomentDisk *old = m->disks;
    size_t nold = m->ndisks;
    g_autofree ssize_t *where = NULL;
    size_t ndom;
    size_t i;
    int ret = -1;

    if (!m->dom) {
        testReportSnapError(VIR_ERR_INTERNAL_ERROR, "%s",
                            _("missing domain in snapshot"));
        return -1;
    }
    ndom = m->dom->ndisks;
    if (nold > ndom) {
        testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                            _("too many disk snapshot requests for domain"));
        return -1;
    }
    if (!ndom)
        return 0;

    where = g_new0(ssize_t, ndom);
    for (i = 0; i < ndom; i++)
        where[i] = -1;
    for (i = 0; i < nold; i++) {
        testMomentDisk *disk = &old[i];
        ssize_t idx = testDomainDiskIndex(m->dom, disk->name);

        if (idx < 0) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("no disk named '%s'"), disk->name);
            return -1;
        }
        if (where[idx] >= 0) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("disk '%s' specified twice"), disk->name);
            return -1;
        }
        where[idx] = i;
        if (testDomainDiskIsEmpty(m->dom->disks[idx]) &&
            (disk->location == TEST_LOC_DEFAULT || disk->location == TEST_LOC_NO)) {
            /* nothing to take from an empty drive */
            disk->location = TEST_LOC_NO;
        } else if (disk->location == TEST_LOC_DEFAULT) {
            disk->location = defloc;
        } else if (match && disk->location != defloc) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("disk '%s' must use snapshot mode '%s'"),
                                disk->name, testLocNames[defloc]);
            return -1;
        }
        if (disk->path && disk->location != TEST_LOC_EXTERNAL) {
            testReportSnapError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("file '%s' for disk '%s' requires use of external snapshot mode"),
                                disk->path, disk->name);
            return -1;
        }
        g_free(disk->name);
        disk->name = g_strdup(m->dom->disks[idx]->dst);
    }

    m->disks = g_new0(testMomentDisk, ndom);
    m->ndisks = ndom;
    for (i = 0; i < ndom; i++) {
        testMomentDisk *disk = &m->disks[i];

        if (where[i] >= 0) {
            *disk = old[where[i]];
            memset(&old[where[i]], 0, sizeof(old[where[i]]));
            continue;
        }
        disk->name = g_strdup(m->dom->disks[i]->dst);
        disk->storageType = TEST_STORAGE_FILE;
        disk->location = testDomainDiskIsEmpty(m->dom->disks[i]) ? TEST_LOC_NO : defloc;
    }
    testMomentDisksFree(old, nold);
    old = NULL;
    ret = testSnapshotExternalNames(m);
    return ret;
}

/* What libvirt's test driver decides for a new snapshot of OBJ: its state
 * is the domain's, its memory follows that state unless stored
 * externally, and its disks must all be internal unless it is. */
static int
testSnapshotAlignNew(testDomainObj *obj, testMoment *m)
{
    size_t i;

    for (i = 0; i < m->ndisks; i++) {
        if (m->disks[i].location == TEST_LOC_MANUAL) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("'manual' snapshot mode is not supported by the test driver"));
            return -1;
        }
    }
    m->state = obj->state;
    if (m->memory == TEST_LOC_EXTERNAL)
        return testSnapshotAlignDisks(m, TEST_LOC_EXTERNAL, false);
    m->memory = obj->state == VIR_DOMAIN_SHUTOFF ? TEST_LOC_NO : TEST_LOC_INTERNAL;
    return testSnapshotAlignDisks(m, TEST_LOC_INTERNAL, true);
}

/* A bitmap for every writable disk of the domain when the document names
 * none, else only for those it names. */
static int
testCheckpointAlignDisks(testMoment *m)
{
    testMomentDisk *old = m->disks;
    size_t nold = m->ndisks;
    g_autofree ssize_t *where = NULL;
    int deftype = nold ? TEST_CKPT_NO : TEST_CKPT_BITMAP;
    size_t ndom = m->dom->ndisks;
    size_t i;

    if (!ndom) {
        testReportCkptError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                            _("domain must have at least one disk to perform checkpoints"));
        return -1;
    }
    if (nold > ndom) {
        testReportCkptError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                            _("too many disk checkpoint requests for domain"));
        return -1;
    }
    where = g_new0(ssize_t, ndom);
    for (i = 0; i < ndom; i++)
        where[i] = -1;
    for (i = 0; i < nold; i++) {
        testMomentDisk *disk = &old[i];
        ssize_t idx = testDomainDiskIndex(m->dom, disk->name);
        virDomainDiskDef *domdisk;

        if (idx < 0) {
            testReportCkptError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("no disk named '%s'"), disk->name);
            return -1;
        }
        if (where[idx] >= 0) {
            testReportCkptError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("disk '%s' specified twice"), disk->name);
            return -1;
        }
        domdisk = m->dom->disks[idx];
        if ((testDomainDiskIsEmpty(domdisk) || domdisk->readonly) &&
            disk->ckptType != TEST_CKPT_NO) {
            testReportCkptError(VIR_ERR_CONFIG_UNSUPPORTED,
                                _("disk '%s' is empty or readonly"), disk->name);
            return -1;
        }
        where[idx] = i;
        g_free(disk->name);
        disk->name = g_strdup(domdisk->dst);
    }

    m->disks = g_new0(testMomentDisk, ndom);
    m->ndisks = ndom;
    for (i = 0; i < ndom; i++) {
        testMomentDisk *disk = &m->disks[i];
        virDomainDiskDef *domdisk = m->dom->disks[i];

        if (where[i] >= 0) {
            *disk = old[where[i]];
            memset(&old[where[i]], 0, sizeof(old[where[i]]));
        } else {
            disk->name = g_strdup(domdisk->dst);
            disk->ckptType = (testDomainDiskIsEmpty(domdisk) || domdisk->readonly) ?
                             TEST_CKPT_NO : deftype;
        }
        if (disk->ckptType == TEST_CKPT_BITMAP && !disk->bitmap)
            disk->bitmap = g_strdup(m->name);
    }
    testMomentDisksFree(old, nold);
    return 0;
}

/* A redefined moment may only name an existing parent, and no cycle. */
static int
testMomentCheckCycles(testMomentList *list, const testMoment *m)
{
    testMoment *other;

    if (!m->parentName)
        return 0;
    if (strcmp(m->name, m->parentName) == 0) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("cannot set moment %s as its own parent"), m->name);
        return -1;
    }
    if (!(other = testMomentFind(list, m->parentName))) {
        testReportDomainError(VIR_ERR_INVALID_ARG,
                              _("parent %s for moment %s not found"),
                              m->parentName, m->name);
        return -1;
    }
    for (; other; other = other->parent) {
        if (other->parentName && strcmp(other->parentName, m->name) == 0) {
            testReportDomainError(VIR_ERR_INVALID_ARG,
                                  _("parent %s would create cycle to %s"),
                                  other->name, m->name);
            return -1;
        }
    }
    return 0;
}

/* Replace the definition of EXISTING by that of M (consumed), keeping
 * EXISTING's children. */
static testMoment *
testMomentReplace(testMoment *existing, testMoment *m)
{
    testMomentDropParent(existing);
    testMomentDefClear(existing);
    existing->name = g_steal_pointer(&m->name);
    existing->description = g_steal_pointer(&m->description);
    existing->parentName = g_steal_pointer(&m->parentName);
    existing->creationTime = m->creationTime;
    existing->dom = g_steal_pointer(&m->dom);
    existing->inactiveDom = g_steal_pointer(&m->inactiveDom);
    existing->state = m->state;
    existing->memory = m->memory;
    existing->memoryFile = g_steal_pointer(&m->memoryFile);
    existing->disks = g_steal_pointer(&m->disks);
    existing->ndisks = m->ndisks;
    m->ndisks = 0;
    testMomentFree(m);
    return existing;
}

/* Add M (consumed) to LIST; a name in use is an error. */
static testMoment *
testMomentAdd(testMomentList *list, testMoment *m)
{
    if (testMomentFind(list, m->name)) {
        testReportDomainError(VIR_ERR_OPERATION_FAILED,
                              _("domain moment %s already exists"), m->name);
        testMomentFree(m);
        return NULL;
    }
    g_ptr_array_add(list->all, m);
    return m;
}

/* A copy of the domain's definition for a new moment: the persistent
 * view, without the running id. */
static virDomainDef *
testMomentDomainCopy(testDomainObj *obj)
{
    virDomainDef *def = virDomainDefCopy(obj->def);

    if (def)
        def->id = -1;
    return def;
}

/* ------------------------------------------------------------------ */
/* Snapshot API                                                       */

static virDomainSnapshotPtr
testDomainSnapshotCreateXML(virDomainPtr domain,
                            const char *xmlDesc,
                            unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    testMomentList *list;
    g_autoptr(testMoment) def = NULL;
    testMoment *snap = NULL;
    testMoment *other;
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    bool update_current = !redefine || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    virDomainSnapshotPtr ret = NULL;
    const char *api = "virDomainSnapshotCreateXML";

    if (TEST_REQUIRE(VIR_FROM_DOMAIN_SNAPSHOT, flags,
                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT, api) < 0 ||
        TEST_EXCLUSIVE(VIR_FROM_DOMAIN_SNAPSHOT, flags,
                       VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                       VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, api) < 0 ||
        TEST_EXCLUSIVE(VIR_FROM_DOMAIN_SNAPSHOT, flags,
                       VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                       VIR_DOMAIN_SNAPSHOT_CREATE_HALT, api) < 0)
        return NULL;

    /* DISK_ONLY, REUSE_EXT and NO_METADATA are not implemented by libvirt's
     * test driver; QUIESCE, ATOMIC and LIVE need nothing here. */
    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC |
                  VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    list = testMomentListOf(obj, TEST_MOMENT_SNAPSHOT);

    if (testMomentListOf(obj, TEST_MOMENT_CHECKPOINT)->all->len > 0) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("cannot create snapshot while checkpoint exists"));
        goto cleanup;
    }
    if (!obj->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot halt after transient domain snapshot"));
        goto cleanup;
    }

    if (!(def = testSnapshotParse(xmlDesc, redefine)))
        goto cleanup;

    if (redefine) {
        bool external = def->state == TEST_SNAP_STATE_DISK_SNAPSHOT ||
                        testSnapshotIsExternal(def);

        if (testMomentCheckCycles(list, def) < 0)
            goto cleanup;
        if (def->dom && memcmp(def->dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            char uuidstr[VIR_UUID_STRING_BUFLEN];

            virUUIDFormat(obj->def->uuid, uuidstr);
            testReportSnapError(VIR_ERR_INVALID_ARG,
                                _("definition for snapshot %s must use uuid %s"),
                                def->name, uuidstr);
            goto cleanup;
        }
        if ((other = testMomentFind(list, def->name))) {
            bool wasOnline = other->state == VIR_DOMAIN_RUNNING ||
                             other->state == VIR_DOMAIN_PAUSED;
            bool isOnline = def->state == VIR_DOMAIN_RUNNING ||
                            def->state == VIR_DOMAIN_PAUSED;

            if (wasOnline != isOnline) {
                testReportSnapError(VIR_ERR_INVALID_ARG,
                                    _("cannot change between online and offline snapshot state in snapshot %s"),
                                    def->name);
                goto cleanup;
            }
            if ((other->state == TEST_SNAP_STATE_DISK_SNAPSHOT) !=
                (def->state == TEST_SNAP_STATE_DISK_SNAPSHOT)) {
                testReportSnapError(VIR_ERR_INVALID_ARG,
                                    _("cannot change between disk only and full system in snapshot %s"),
                                    def->name);
                goto cleanup;
            }
            if (other->dom && !def->dom)
                def->dom = g_steal_pointer(&other->dom);
        }
        if (testSnapshotAlignDisks(def, external ? TEST_LOC_EXTERNAL : TEST_LOC_INTERNAL,
                                   !external) < 0)
            goto cleanup;
        if (other)
            snap = testMomentReplace(other, g_steal_pointer(&def));
        else if (!(snap = testMomentAdd(list, g_steal_pointer(&def))))
            goto cleanup;
    } else {
        if (!(def->dom = testMomentDomainCopy(obj)))
            goto cleanup;
        if (testSnapshotAlignNew(obj, def) < 0)
            goto cleanup;
        if (!(snap = testMomentAdd(list, g_steal_pointer(&def))))
            goto cleanup;
        if (list->current)
            snap->parentName = g_strdup(list->current->name);

        if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && testDomainObjIsActive(obj)) {
            testDomainShutdownState(obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
            domain->id = -1;
            testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STOPPED,
                                         VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        }
    }

    if (!(ret = virGetDomainSnapshot(domain, snap->name)))
        goto cleanup;
    if (update_current)
        list->current = snap;
    testMomentSetParent(snap, testMomentFind(list, snap->parentName));

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* The domain of a snapshot or checkpoint handle and its moment. */
static testDomainObj *
testMomentLookup(testDriver *driver, virDomainPtr domain, testMomentKind kind,
                 const char *name, testMoment **m)
{
    testDomainObj *obj = testDomObjFromDomain(driver, domain);

    if (!obj)
        return NULL;
    if (!(*m = testMomentFromHandle(obj, kind, name)))
        return NULL;
    return obj;
}

/* Count, name or wrap the moments of DOMAIN (below FROMNAME when it is
 * not NULL) that FLAGS selects: NAMES gets up to MAXNAMES names when not
 * NULL, HANDLES a new array when not NULL. */
static int
testMomentList_(virDomainPtr domain, testMomentKind kind, const char *fromname,
                unsigned int flags, char **names, int maxnames, void ***handles)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    testMoment *from = NULL;
    g_autoptr(GPtrArray) found = NULL;
    int ret = -1;
    size_t i;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (fromname && !(from = testMomentFromHandle(obj, kind, fromname)))
        goto cleanup;
    found = testMomentSelect(testMomentListOf(obj, kind), from, kind, flags);
    ret = found->len;
    if (names) {
        if (ret > maxnames)
            ret = maxnames;
        for (i = 0; i < (size_t)ret; i++)
            names[i] = g_strdup(((testMoment *)g_ptr_array_index(found, i))->name);
    }
    if (handles) {
        void **list = g_new0(void *, found->len + 1);

        for (i = 0; i < found->len; i++) {
            const char *name = ((testMoment *)g_ptr_array_index(found, i))->name;

            if (kind == TEST_MOMENT_SNAPSHOT)
                list[i] = virGetDomainSnapshot(domain, name);
            else
                list[i] = virGetDomainCheckpoint(domain, name);
        }
        *handles = list;
    }

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

#define TEST_SNAPSHOT_LIST_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_ROOTS | \
     VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VIR_DOMAIN_SNAPSHOT_LIST_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | \
     VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | \
     VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | \
     VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)

static int
testDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(domain, TEST_MOMENT_SNAPSHOT, NULL, flags, NULL, 0, NULL);
}

static int
testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                            unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(domain, TEST_MOMENT_SNAPSHOT, NULL, flags,
                           names, nameslen, NULL);
}

static int
testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                           unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(domain, TEST_MOMENT_SNAPSHOT, NULL, flags, NULL, 0,
                           (void ***)snaps);
}

static int
testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(snapshot->domain, TEST_MOMENT_SNAPSHOT, snapshot->name,
                           flags, NULL, 0, NULL);
}

static int
testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names,
                                    int nameslen, unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(snapshot->domain, TEST_MOMENT_SNAPSHOT, snapshot->name,
                           flags, names, nameslen, NULL);
}

static int
testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                  virDomainSnapshotPtr **snaps,
                                  unsigned int flags)
{
    virCheckFlags(TEST_SNAPSHOT_LIST_FLAGS, -1);
    return testMomentList_(snapshot->domain, TEST_MOMENT_SNAPSHOT, snapshot->name,
                           flags, NULL, 0, (void ***)snaps);
}

static virDomainSnapshotPtr
testDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
                               unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testMoment *m;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if (testMomentLookup(driver, domain, TEST_MOMENT_SNAPSHOT, name, &m))
        ret = virGetDomainSnapshot(domain, m->name);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain)))
        ret = testMomentListOf(obj, TEST_MOMENT_SNAPSHOT)->current != NULL;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainSnapshotPtr
testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    testMoment *current;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (!(current = testMomentListOf(obj, TEST_MOMENT_SNAPSHOT)->current)) {
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                       _("the domain does not have a current snapshot"));
        goto cleanup;
    }
    ret = virGetDomainSnapshot(domain, current->name);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainSnapshotPtr
testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testMoment *m;
    virDomainSnapshotPtr ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if (!testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                          snapshot->name, &m))
        goto cleanup;
    if (!m->parentName) {
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       _("snapshot '%s' does not have a parent"), m->name);
        goto cleanup;
    }
    ret = virGetDomainSnapshot(snapshot->domain, m->parentName);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testMoment *m;
    char *ret = NULL;

    if ((snapshot->domain->conn->flags & VIR_CONNECT_FLAG_RO) &&
        (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE)) {
        testReportSnapError(VIR_ERR_OPERATION_DENIED, "%s",
                            _("virDomainSnapshotGetXMLDesc with secure flag"));
        return NULL;
    }
    virCheckFlags(VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);

    g_mutex_lock(&driver->lock);
    if (testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                         snapshot->name, &m))
        ret = testSnapshotFormat(m, snapshot->domain->uuid,
                                 flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testDomainObj *obj;
    testMoment *m;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                                snapshot->name, &m)))
        ret = testMomentListOf(obj, TEST_MOMENT_SNAPSHOT)->current == m;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testMoment *m;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if (testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                         snapshot->name, &m))
        ret = 1;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Delete moment M of LIST as CHILDREN / CHILDREN_ONLY say (the two kinds'
 * delete flags have the same values). */
static void
testMomentDelete(testMomentList *list, testMoment *m, unsigned int flags)
{
    const unsigned int children = VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    const unsigned int childrenOnly = VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    size_t i;

    if (flags & (children | childrenOnly)) {
        g_autoptr(GPtrArray) below = g_ptr_array_new();
        bool hadCurrent = false;

        testMomentCollectDescendants(m, below);
        /* deepest first, so every removal finds a leaf */
        for (i = below->len; i > 0; i--) {
            testMoment *d = g_ptr_array_index(below, i - 1);

            if (list->current == d)
                hadCurrent = true;
            testMomentRemove(list, d);
        }
        if (hadCurrent && (flags & childrenOnly))
            list->current = m;
    } else if (m->children->len) {
        g_autoptr(GPtrArray) kids = g_ptr_array_copy(m->children, NULL, NULL);

        for (i = 0; i < kids->len; i++) {
            testMoment *child = g_ptr_array_index(kids, i);

            g_free(child->parentName);
            child->parentName = g_strdup(m->parentName);
            testMomentSetParent(child, m->parent);
        }
    }

    if (flags & childrenOnly)
        return;
    if (list->current == m)
        list->current = testMomentFind(list, m->parentName);
    testMomentRemove(list, m);
}

static int
testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testDomainObj *obj;
    testMoment *m;
    int ret = -1;

    if (TEST_EXCLUSIVE(VIR_FROM_DOMAIN_SNAPSHOT, flags,
                       VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                       VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
                       "virDomainSnapshotDelete") < 0)
        return -1;
    /* libvirt's test driver refuses METADATA_ONLY for snapshots (but not
     * for checkpoints) */
    virCheckFlags(VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                                snapshot->name, &m))) {
        testMomentDelete(testMomentListOf(obj, TEST_MOMENT_SNAPSHOT), m, flags);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* OBJ starts again from a snapshot: running, reason FROM_SNAPSHOT. */
static void
testSnapshotStart(testDriver *driver, testDomainObj *obj)
{
    testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    obj->hasManagedSave = false;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                                 VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
}

/* OBJ stops for a snapshot; a transient domain stays listed, as in
 * libvirt's test driver. */
static void
testSnapshotStop(testDriver *driver, testDomainObj *obj, virDomainPtr handle)
{
    testDomainShutdownState(obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    handle->id = -1;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STOPPED,
                                 VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
}

/* Make CONFIG (consumed) OBJ's persistent definition: the one it runs
 * with next when it is running, its only one otherwise. */
static void
testSnapshotAssignDef(testDomainObj *obj, virDomainDef *config)
{
    if (testDomainObjIsActive(obj)) {
        virDomainDefFree(obj->newDef);
        obj->newDef = config;
    } else {
        virDomainDefFree(obj->def);
        obj->def = config;
    }
}

static int
testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    testDriver *driver = testDriverOf(snapshot->domain->conn);
    testDomainObj *obj;
    testMomentList *list;
    testMoment *snap;
    virDomainDef *config;
    bool online;
    int ret = -1;

    if (TEST_EXCLUSIVE(VIR_FROM_DOMAIN_SNAPSHOT, flags,
                       VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING,
                       VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED,
                       "virDomainRevertToSnapshot") < 0)
        return -1;
    virCheckFlags(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                  VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                  VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testMomentLookup(driver, snapshot->domain, TEST_MOMENT_SNAPSHOT,
                                 snapshot->name, &snap)))
        goto cleanup;
    list = testMomentListOf(obj, TEST_MOMENT_SNAPSHOT);
    online = snap->state == VIR_DOMAIN_RUNNING || snap->state == VIR_DOMAIN_PAUSED;

    if (!obj->persistent && !online &&
        !(flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                   VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("transient domain needs to request run or pause to revert to inactive snapshot"));
        goto cleanup;
    }
    if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_FORCE) && !snap->dom) {
        virReportError(VIR_ERR_SNAPSHOT_REVERT_RISKY,
                       _("snapshot '%s' lacks domain '%s' rollback info"),
                       snap->name, obj->def->name);
        goto cleanup;
    }

    list->current = NULL;
    if (!snap->dom || !(config = virDomainDefCopy(snap->dom)))
        goto cleanup;
    config->id = -1;

    if (online) {
        /* a running domain goes down and comes back up from the snapshot */
        if (testDomainObjIsActive(obj))
            testSnapshotStop(driver, obj, snapshot->domain);
        testSnapshotAssignDef(obj, config);
        testSnapshotStart(driver, obj);
        if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
            (snap->state == VIR_DOMAIN_PAUSED ||
             (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
            obj->state = VIR_DOMAIN_PAUSED;
            obj->reason = VIR_DOMAIN_PAUSED_FROM_SNAPSHOT;
            testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                         VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        }
    } else {
        testSnapshotAssignDef(obj, config);
        if (testDomainObjIsActive(obj))
            testSnapshotStop(driver, obj, snapshot->domain);
        /* libvirt's test driver announces the start it was asked for but
         * leaves the domain shut off */
        if (flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                     VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
            testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                                         VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
            if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
                testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                             VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        }
    }
    list->current = snap;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Checkpoint API                                                     */

static virDomainCheckpointPtr
testDomainCheckpointCreateXML(virDomainPtr domain,
                              const char *xmlDesc,
                              unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    testMomentList *list;
    g_autoptr(testMoment) def = NULL;
    testMoment *chk = NULL;
    testMoment *other;
    bool redefine = flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    bool update_current = !redefine;
    virDomainCheckpointPtr ret = NULL;
    const char *api = "virDomainCheckpointCreateXML";

    if (TEST_REQUIRE(VIR_FROM_DOMAIN_CHECKPOINT, flags,
                     VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
                     VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE, api) < 0 ||
        TEST_EXCLUSIVE(VIR_FROM_DOMAIN_CHECKPOINT, flags,
                       VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
                       VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, api) < 0)
        return NULL;
    virCheckFlags(VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                  VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, NULL);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    list = testMomentListOf(obj, TEST_MOMENT_CHECKPOINT);

    if (!testDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("cannot create checkpoint for inactive domain"));
        goto cleanup;
    }
    if (testMomentListOf(obj, TEST_MOMENT_SNAPSHOT)->all->len > 0) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("cannot create checkpoint while snapshot exists"));
        goto cleanup;
    }

    if (!(def = testCheckpointParse(xmlDesc, redefine)))
        goto cleanup;

    if (redefine) {
        testMoment *parent;

        if (testMomentCheckCycles(list, def) < 0)
            goto cleanup;
        if (def->dom && memcmp(def->dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            char uuidstr[VIR_UUID_STRING_BUFLEN];

            virUUIDFormat(obj->def->uuid, uuidstr);
            testReportCkptError(VIR_ERR_INVALID_ARG,
                                _("definition for checkpoint %s must use uuid %s"),
                                def->name, uuidstr);
            goto cleanup;
        }
        if (def->dom && testCheckpointAlignDisks(def) < 0)
            goto cleanup;
        if ((parent = testMomentFind(list, def->parentName)) && parent == list->current)
            update_current = true;
        if ((other = testMomentFind(list, def->name)))
            chk = testMomentReplace(other, g_steal_pointer(&def));
        else if (!(chk = testMomentAdd(list, g_steal_pointer(&def))))
            goto cleanup;
    } else {
        if (!(def->dom = testMomentDomainCopy(obj)))
            goto cleanup;
        if (testCheckpointAlignDisks(def) < 0)
            goto cleanup;
        if (!(chk = testMomentAdd(list, g_steal_pointer(&def))))
            goto cleanup;
        if (list->current)
            chk->parentName = g_strdup(list->current->name);
    }

    if (!(ret = virGetDomainCheckpoint(domain, chk->name)))
        goto cleanup;
    if (update_current)
        list->current = chk;
    testMomentSetParent(chk, testMomentFind(list, chk->parentName));

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

#define TEST_CHECKPOINT_LIST_FLAGS \
    (VIR_DOMAIN_CHECKPOINT_LIST_ROOTS | \
     VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL | \
     VIR_DOMAIN_CHECKPOINT_LIST_LEAVES | \
     VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES)

static int
testDomainListAllCheckpoints(virDomainPtr domain,
                             virDomainCheckpointPtr **checkpoints,
                             unsigned int flags)
{
    virCheckFlags(TEST_CHECKPOINT_LIST_FLAGS, -1);
    return testMomentList_(domain, TEST_MOMENT_CHECKPOINT, NULL, flags, NULL, 0,
                           (void ***)checkpoints);
}

static int
testDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                    virDomainCheckpointPtr **children,
                                    unsigned int flags)
{
    virCheckFlags(TEST_CHECKPOINT_LIST_FLAGS, -1);
    return testMomentList_(checkpoint->domain, TEST_MOMENT_CHECKPOINT,
                           checkpoint->name, flags, NULL, 0, (void ***)children);
}

static virDomainCheckpointPtr
testDomainCheckpointLookupByName(virDomainPtr domain, const char *name,
                                 unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testMoment *m;
    virDomainCheckpointPtr ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if (testMomentLookup(driver, domain, TEST_MOMENT_CHECKPOINT, name, &m))
        ret = virGetDomainCheckpoint(domain, m->name);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainCheckpointPtr
testDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint,
                              unsigned int flags)
{
    testDriver *driver = testDriverOf(checkpoint->domain->conn);
    testMoment *m;
    virDomainCheckpointPtr ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if (!testMomentLookup(driver, checkpoint->domain, TEST_MOMENT_CHECKPOINT,
                          checkpoint->name, &m))
        goto cleanup;
    if (!m->parentName) {
        virReportError(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                       _("checkpoint '%s' does not have a parent"), m->name);
        goto cleanup;
    }
    ret = virGetDomainCheckpoint(checkpoint->domain, m->parentName);

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint,
                               unsigned int flags)
{
    testDriver *driver = testDriverOf(checkpoint->domain->conn);
    testMoment *m;
    char *ret = NULL;

    if ((checkpoint->domain->conn->flags & VIR_CONNECT_FLAG_RO) &&
        (flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE)) {
        testReportCkptError(VIR_ERR_OPERATION_DENIED, "%s",
                            _("virDomainCheckpointGetXMLDesc with secure flag"));
        return NULL;
    }
    virCheckFlags(VIR_DOMAIN_CHECKPOINT_XML_SECURE |
                  VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN |
                  VIR_DOMAIN_CHECKPOINT_XML_SIZE, NULL);

    g_mutex_lock(&driver->lock);
    if (testMomentLookup(driver, checkpoint->domain, TEST_MOMENT_CHECKPOINT,
                         checkpoint->name, &m))
        ret = testCheckpointFormat(m, flags);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    testDriver *driver = testDriverOf(checkpoint->domain->conn);
    testDomainObj *obj;
    testMoment *m;
    int ret = -1;

    if (TEST_EXCLUSIVE(VIR_FROM_DOMAIN_CHECKPOINT, flags,
                       VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
                       VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY,
                       "virDomainCheckpointDelete") < 0)
        return -1;
    virCheckFlags(VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                  VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY |
                  VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testMomentLookup(driver, checkpoint->domain, TEST_MOMENT_CHECKPOINT,
                                checkpoint->name, &m))) {
        testMomentDelete(testMomentListOf(obj, TEST_MOMENT_CHECKPOINT), m, flags);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Migration: libvirt's public API checks, then its refusals           */

/* The test hypervisor has none of the migration features libvirt's
 * public API looks for, so every request ends in one of these errors. */
static int
testMigrateCommonFlags(unsigned long flags, const char *api)
{
    if (TEST_EXCLUSIVE(VIR_FROM_DOMAIN, flags, VIR_MIGRATE_NON_SHARED_DISK,
                       VIR_MIGRATE_NON_SHARED_INC, api) < 0)
        return -1;
    if ((flags & VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES) &&
        !(flags & (VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC))) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, api, __LINE__, "flags",
                                  _("Flag '%s' is required by flag '%s'"),
                                  "VIR_MIGRATE_NON_SHARED_DISK | VIR_MIGRATE_NON_SHARED_INC",
                                  "VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES");
        return -1;
    }
    return 0;
}

static int
testMigrateCheckDest(virConnectPtr dconn, const char *api)
{
    if (!dconn || !virConnectIsValid(dconn)) {
        virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_INVALID_CONN, __FILE__, api,
                             __LINE__, "%s", api);
        return -1;
    }
    if (dconn->flags & VIR_CONNECT_FLAG_RO) {
        virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, __FILE__,
                             api, __LINE__, _("read only access prevents %s"), api);
        return -1;
    }
    return 0;
}

static int
testMigrateOffline(unsigned long flags)
{
    if (flags & VIR_MIGRATE_OFFLINE) {
        testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                              _("offline migration is not supported by the source host"));
        return -1;
    }
    return 0;
}

/* virDomainMigrate and virDomainMigrate2 */
static virDomainPtr
testMigrateVersion12(virConnectPtr dconn, unsigned long flags, const char *api)
{
    if (testMigrateCheckDest(dconn, api) < 0 ||
        testMigrateCommonFlags(flags, api) < 0 ||
        testMigrateOffline(flags) < 0)
        return NULL;
    if (!(flags & VIR_MIGRATE_PEER2PEER)) {
        if (flags & VIR_MIGRATE_CHANGE_PROTECTION) {
            testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                                  _("cannot enforce change protection"));
            return NULL;
        }
        if (flags & VIR_MIGRATE_TUNNELLED) {
            testReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                                  _("cannot perform tunnelled migration without using peer2peer flag"));
            return NULL;
        }
    }
    testReportDomainError(VIR_ERR_NO_SUPPORT, "%s", api);
    return NULL;
}

static virDomainPtr
testDomainMigrate(virDomainPtr domain, virConnectPtr dconn, unsigned long flags,
                  const char *dname, const char *uri, unsigned long bandwidth)
{
    (void)domain; (void)dname; (void)uri; (void)bandwidth;
    return testMigrateVersion12(dconn, flags, "virDomainMigrate");
}

static virDomainPtr
testDomainMigrate2(virDomainPtr domain, virConnectPtr dconn, const char *dxml,
                   unsigned long flags, const char *dname, const char *uri,
                   unsigned long bandwidth)
{
    (void)domain; (void)dxml; (void)dname; (void)uri; (void)bandwidth;
    return testMigrateVersion12(dconn, flags, "virDomainMigrate2");
}

static virDomainPtr
testDomainMigrate3(virDomainPtr domain, virConnectPtr dconn,
                   virTypedParameterPtr params, unsigned int nparams,
                   unsigned int flags)
{
    static const char *const compat[] = {
        VIR_MIGRATE_PARAM_URI, VIR_MIGRATE_PARAM_DEST_NAME,
        VIR_MIGRATE_PARAM_DEST_XML, VIR_MIGRATE_PARAM_BANDWIDTH,
    };
    const char *api = "virDomainMigrate3";
    size_t i;

    (void)domain;
    if (testMigrateCheckDest(dconn, api) < 0 ||
        testMigrateCommonFlags(flags, api) < 0)
        return NULL;
    if (flags & VIR_MIGRATE_PEER2PEER) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, api, __LINE__, "flags",
                                  "%s", _("use virDomainMigrateToURI3 for peer-to-peer migration"));
        return NULL;
    }
    if (flags & VIR_MIGRATE_TUNNELLED) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, api, __LINE__, "flags",
                                  "%s", _("cannot perform tunnelled migration without using peer2peer flag"));
        return NULL;
    }
    if (testMigrateOffline(flags) < 0)
        return NULL;
    if (flags & VIR_MIGRATE_CHANGE_PROTECTION) {
        testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                              _("cannot enforce change protection"));
        return NULL;
    }
    for (i = 0; params && i < nparams; i++) {
        if (testNameIndex(compat, G_N_ELEMENTS(compat), params[i].field) < 0) {
            testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                                  _("Migration APIs with extensible parameters are not supported but extended parameters were passed"));
            return NULL;
        }
    }
    testReportDomainError(VIR_ERR_NO_SUPPORT, "%s", api);
    return NULL;
}

/* virDomainMigrateToURI, ToURI2 and ToURI3 */
static int
testMigrateUnmanaged(unsigned long flags, const char *api)
{
    if (testMigrateCommonFlags(flags, api) < 0 ||
        testMigrateOffline(flags) < 0)
        return -1;
    if (flags & VIR_MIGRATE_PEER2PEER)
        testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                              _("p2p migration is not supported by the source host"));
    else
        testReportDomainError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                              _("direct migration is not supported by the source host"));
    return -1;
}

static int
testDomainMigrateToURI(virDomainPtr domain, const char *duri, unsigned long flags,
                       const char *dname, unsigned long bandwidth)
{
    (void)domain; (void)duri; (void)dname; (void)bandwidth;
    return testMigrateUnmanaged(flags, "virDomainMigrateToURI");
}

static int
testDomainMigrateToURI2(virDomainPtr domain, const char *dconnuri,
                        const char *miguri, const char *dxml, unsigned long flags,
                        const char *dname, unsigned long bandwidth)
{
    (void)domain; (void)dconnuri; (void)miguri; (void)dxml; (void)dname;
    (void)bandwidth;
    return testMigrateUnmanaged(flags, "virDomainMigrateToURI2");
}

static int
testDomainMigrateToURI3(virDomainPtr domain, const char *dconnuri,
                        virTypedParameterPtr params, unsigned int nparams,
                        unsigned int flags)
{
    (void)domain; (void)dconnuri; (void)params; (void)nparams;
    return testMigrateUnmanaged(flags, "virDomainMigrateToURI3");
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

void
testSnapshotRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    (void)cd;
    hv->domainSnapshotCreateXML = testDomainSnapshotCreateXML;
    hv->domainSnapshotGetXMLDesc = testDomainSnapshotGetXMLDesc;
    hv->domainSnapshotNum = testDomainSnapshotNum;
    hv->domainSnapshotListNames = testDomainSnapshotListNames;
    hv->domainListAllSnapshots = testDomainListAllSnapshots;
    hv->domainSnapshotNumChildren = testDomainSnapshotNumChildren;
    hv->domainSnapshotListChildrenNames = testDomainSnapshotListChildrenNames;
    hv->domainSnapshotListAllChildren = testDomainSnapshotListAllChildren;
    hv->domainSnapshotLookupByName = testDomainSnapshotLookupByName;
    hv->domainHasCurrentSnapshot = testDomainHasCurrentSnapshot;
    hv->domainSnapshotCurrent = testDomainSnapshotCurrent;
    hv->domainSnapshotGetParent = testDomainSnapshotGetParent;
    hv->domainSnapshotIsCurrent = testDomainSnapshotIsCurrent;
    hv->domainSnapshotHasMetadata = testDomainSnapshotHasMetadata;
    hv->domainRevertToSnapshot = testDomainRevertToSnapshot;
    hv->domainSnapshotDelete = testDomainSnapshotDelete;

    hv->domainCheckpointCreateXML = testDomainCheckpointCreateXML;
    hv->domainCheckpointGetXMLDesc = testDomainCheckpointGetXMLDesc;
    hv->domainListAllCheckpoints = testDomainListAllCheckpoints;
    hv->domainCheckpointListAllChildren = testDomainCheckpointListAllChildren;
    hv->domainCheckpointLookupByName = testDomainCheckpointLookupByName;
    hv->domainCheckpointGetParent = testDomainCheckpointGetParent;
    hv->domainCheckpointDelete = testDomainCheckpointDelete;

    hv->domainMigrate = testDomainMigrate;
    hv->domainMigrate2 = testDomainMigrate2;
    hv->domainMigrate3 = testDomainMigrate3;
    hv->domainMigrateToURI = testDomainMigrateToURI;
    hv->domainMigrateToURI2 = testDomainMigrateToURI2;
    hv->domainMigrateToURI3 = testDomainMigrateToURI3;
}
