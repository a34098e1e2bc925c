/*
 * test_storage.c: the test driver's storage pools and volumes.
 *
 * Pools and volumes exist only in memory, as in libvirt's test driver:
 * a pool has the sizes the test driver makes up (100 GiB, nothing used)
 * and a volume only changes the pool's bookkeeping.  The state is built on
 * first use from the pools (and their volumes) the node file loader kept
 * as testGenericObj, and from then on lives in testStorageState behind
 * driver->storageState.  Every function runs under driver->lock.
 *
 * The pool and volume XML formats are the part of libvirt's that the test
 * driver's users see: a pool's type, name, UUID, sizes, source (hosts,
 * devices, folder, name, format), target path and permissions; a volume's
 * name, sizes, format and permissions.  Other elements are accepted and
 * dropped.  Volume upload, download, wipe and resize are left "not
 * supported", because libvirt's test driver does not offer them either.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "virxml.h"
#include "test_event.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The sizes libvirt's test driver gives every pool. */
#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)
#define TEST_POOL_ALLOCATION 0ULL

/* ------------------------------------------------------------------ */
/* Definitions                                                        */

/* virStoragePoolType, in its order */
static const char *const testPoolTypeNames[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct",
    "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage",
};
enum {
    POOL_DIR, POOL_FS, POOL_NETFS, POOL_LOGICAL, POOL_DISK, POOL_ISCSI,
    POOL_ISCSI_DIRECT, POOL_SCSI, POOL_MPATH, POOL_RBD, POOL_SHEEPDOG,
    POOL_GLUSTER, POOL_ZFS, POOL_VSTORAGE, POOL_LAST,
};

/* Which <source> children a pool type shows, and its default format. */
enum {
    SRC_HOST = 1 << 0,
    SRC_DEVICE = 1 << 1,
    SRC_DIR = 1 << 2,
    SRC_NAME = 1 << 3,
    SRC_FORMAT = 1 << 4,
};
static const struct {
    unsigned int show;
    const char *defFormat;
} testPoolSource[POOL_LAST] = {
    [POOL_DIR] = { 0, NULL },
    [POOL_FS] = { SRC_DEVICE | SRC_FORMAT, "auto" },
    [POOL_NETFS] = { SRC_HOST | SRC_DIR | SRC_FORMAT, "auto" },
    [POOL_LOGICAL] = { SRC_DEVICE | SRC_NAME | SRC_FORMAT, "lvm2" },
    [POOL_DISK] = { SRC_DEVICE | SRC_FORMAT, "unknown" },
    [POOL_ISCSI] = { SRC_HOST | SRC_DEVICE, NULL },
    [POOL_ISCSI_DIRECT] = { SRC_HOST | SRC_DEVICE, NULL },
    [POOL_SCSI] = { 0, NULL },
    [POOL_MPATH] = { 0, NULL },
    [POOL_RBD] = { SRC_HOST | SRC_NAME, NULL },
    [POOL_SHEEPDOG] = { SRC_HOST | SRC_NAME, NULL },
    [POOL_GLUSTER] = { SRC_HOST | SRC_DIR | SRC_NAME, NULL },
    [POOL_ZFS] = { SRC_DEVICE | SRC_NAME, NULL },
    [POOL_VSTORAGE] = { SRC_NAME, NULL },
};

/* libvirt's volume formats for file-backed pools and for disk pools */
static const char *const testFileFormats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi",
    "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL,
};
static const char *const testDiskFormats[] = {
    "none", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL,
};

/* virStorageVolType names */
static const char *const testVolTypeNames[] = {
    "file", "block", "dir", "network", "netdir", "ploop",
};

typedef struct {
    char *mode;              /* as given, formatted as %04o */
    char *owner;
    char *group;
    char *label;
} testStoragePerms;

typedef struct {
    char *name;
    char *key;               /* also its path */
    int type;                /* virStorageVolType from the XML */
    unsigned long long capacity;
    unsigned long long allocation;
    char *format;            /* NULL for pools without volume formats */
    testStoragePerms perms;
} testStorageVol;

typedef struct {
    char *name;
    char *port;
} testStorageHost;

typedef struct {
    int type;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool active;
    bool persistent;
    bool autostart;
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long available;
    GPtrArray *hosts;        /* testStorageHost * */
    GPtrArray *devices;      /* char * paths */
    char *srcDir;
    char *srcName;
    char *srcFormat;
    char *targetPath;
    testStoragePerms perms;
    GPtrArray *vols;         /* testStorageVol * */
} testStoragePool;

typedef struct {
    GPtrArray *pools;        /* testStoragePool * */
} testStorageState;

static void
testStoragePermsClear(testStoragePerms *p)
{
    g_free(p->mode);
    g_free(p->owner);
    g_free(p->group);
    g_free(p->label);
}

static void
testStorageVolFree(testStorageVol *vol)
{
    if (!vol)
        return;
    g_free(vol->name);
    g_free(vol->key);
    g_free(vol->format);
    testStoragePermsClear(&vol->perms);
    g_free(vol);
}

static void
testStorageHostFree(testStorageHost *host)
{
    g_free(host->name);
    g_free(host->port);
    g_free(host);
}

static void
testStoragePoolFree(testStoragePool *pool)
{
    if (!pool)
        return;
    g_free(pool->name);
    g_ptr_array_free(pool->hosts, TRUE);
    g_ptr_array_free(pool->devices, TRUE);
    g_free(pool->srcDir);
    g_free(pool->srcName);
    g_free(pool->srcFormat);
    g_free(pool->targetPath);
    testStoragePermsClear(&pool->perms);
    if (pool->vols)
        g_ptr_array_free(pool->vols, TRUE);
    g_free(pool);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(testStoragePool, testStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testStorageVol, testStorageVolFree)

/* ------------------------------------------------------------------ */
/* XML reading                                                        */

#define testStorageXMLError(dom, ...) \
    virReportErrorHelper(dom, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__, __VA_ARGS__)

static char *
testXMLText(xmlNodePtr node)
{
    xmlChar *s;
    char *ret;

    if (!node)
        return NULL;
    s = xmlNodeGetContent(node);
    ret = g_strdup((const char *)s);
    xmlFree(s);
    return ret;
}

static char *
testXMLProp(xmlNodePtr node, const char *name)
{
    xmlChar *s;
    char *ret;

    if (!node || !(s = xmlGetProp(node, (const xmlChar *)name)))
        return NULL;
    ret = g_strdup((const char *)s);
    xmlFree(s);
    return ret;
}

static int
testStrIndex(const char *const *names, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n && names[i]; i++) {
        if (strcmp(names[i], s) == 0)
            return i;
    }
    return -1;
}

/* Parse XML (named WHAT in libxml2's messages) and check its root is ROOT. */
static xmlDocPtr
testStorageReadXML(const char *xml, const char *what, const char *root)
{
    g_autofree char *label = g_strdup_printf("(%s)", what);

    return virXMLParse(NULL, xml, label, root, VIR_FROM_STORAGE);
}

static void
testStorageParsePerms(xmlNodePtr target, testStoragePerms *perms)
{
    xmlNodePtr p = virXMLChild(target, "permissions");

    if (!p)
        return;
    perms->mode = testXMLText(virXMLChild(p, "mode"));
    perms->owner = testXMLText(virXMLChild(p, "owner"));
    perms->group = testXMLText(virXMLChild(p, "group"));
    perms->label = testXMLText(virXMLChild(p, "label"));
}

/* A size element: its number scaled by its unit attribute. */
static int
testStorageParseSize(xmlNodePtr node, const char *what, unsigned long long *out)
{
    static const struct {
        const char *suffix;
        unsigned long long scale;
    } units[] = {
        { "", 1 }, { "b", 1 }, { "bytes", 1 },
        { "k", 1ULL << 10 }, { "kib", 1ULL << 10 }, { "kb", 1000ULL },
        { "m", 1ULL << 20 }, { "mib", 1ULL << 20 }, { "mb", 1000000ULL },
        { "g", 1ULL << 30 }, { "gib", 1ULL << 30 }, { "gb", 1000000000ULL },
        { "t", 1ULL << 40 }, { "tib", 1ULL << 40 }, { "tb", 1000000000000ULL },
        { "p", 1ULL << 50 }, { "pib", 1ULL << 50 }, { "pb", 1000000000000000ULL },
        { "e", 1ULL << 60 }, { "eib", 1ULL << 60 }, { "eb", 1000000000000000000ULL },
    };
    g_autofree char *text = testXMLText(node);
    g_autofree char *unit = testXMLProp(node, "unit");
    g_autofree char *lower = NULL;
    unsigned long long v;
    char *end = NULL;
    size_t i;

    errno = 0;
    v = g_ascii_strtoull(text ? g_strstrip(text) : "", &end, 10);
    if (!text || !*text || *end || errno || text[0] == '-') {
        testStorageXMLError(VIR_FROM_STORAGE, _("malformed %s element"), what);
        return -1;
    }
    lower = g_ascii_strdown(unit ? unit : "", -1);
    for (i = 0; i < G_N_ELEMENTS(units); i++) {
        if (strcmp(units[i].suffix, lower) == 0)
            break;
    }
    if (i == G_N_ELEMENTS(units)) {
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                             __LINE__, _("unknown suffix '%s'"), unit);
        return -1;
    }
    if (v > G_MAXUINT64 / units[i].scale) {
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_OVERFLOW, __FILE__, __func__,
                             __LINE__, "%s", _("value too large"));
        return -1;
    }
    *out = v * units[i].scale;
    return 0;
}

static testStoragePool *
testStoragePoolParse(const char *xml)
{
    g_autoptr(testStoragePool) pool = g_new0(testStoragePool, 1);
    g_autofree char *type = NULL;
    g_autofree char *uuid = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr src;
    xmlNodePtr target;
    xmlNodePtr cur;
    testStoragePool *ret = NULL;

    pool->hosts = g_ptr_array_new_with_free_func((GDestroyNotify)testStorageHostFree);
    pool->devices = g_ptr_array_new_with_free_func(g_free);
    pool->vols = g_ptr_array_new_with_free_func((GDestroyNotify)testStorageVolFree);

    if (!(doc = testStorageReadXML(xml, "storage_pool_definition", "pool")))
        return NULL;
    root = xmlDocGetRootElement(doc);

    if (!(type = testXMLProp(root, "type"))) {
        testStorageXMLError(VIR_FROM_XML, "%s",
                            _("Missing required attribute 'type' in element 'pool'"));
        goto cleanup;
    }
    if ((pool->type = testStrIndex(testPoolTypeNames, POOL_LAST, type)) < 0) {
        testStorageXMLError(VIR_FROM_XML,
                            _("Invalid value for attribute 'type' in element 'pool': '%s'."),
                            type);
        goto cleanup;
    }

    src = virXMLChild(root, "source");
    for (cur = src ? src->children : NULL; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)cur->name, "host") == 0) {
            testStorageHost *host = g_new0(testStorageHost, 1);
            host->name = testXMLProp(cur, "name");
            host->port = testXMLProp(cur, "port");
            g_ptr_array_add(pool->hosts, host);
        } else if (strcmp((const char *)cur->name, "device") == 0) {
            char *path = testXMLProp(cur, "path");
            if (path)
                g_ptr_array_add(pool->devices, path);
        }
    }
    pool->srcDir = testXMLProp(virXMLChild(src, "dir"), "path");
    pool->srcName = testXMLText(virXMLChild(src, "name"));
    pool->srcFormat = testXMLProp(virXMLChild(src, "format"), "type");

    pool->name = testXMLText(virXMLChild(root, "name"));
    if (!pool->name && pool->type == POOL_LOGICAL)
        pool->name = g_strdup(pool->srcName);
    if (!pool->name) {
        testStorageXMLError(VIR_FROM_STORAGE, "%s", _("missing pool source name element"));
        goto cleanup;
    }
    if (pool->type == POOL_LOGICAL && !pool->srcName)
        pool->srcName = g_strdup(pool->name);
    if (!pool->srcFormat && testPoolSource[pool->type].defFormat)
        pool->srcFormat = g_strdup(testPoolSource[pool->type].defFormat);

    if ((uuid = testXMLText(virXMLChild(root, "uuid")))) {
        if (virUUIDParse(g_strstrip(uuid), pool->uuid) < 0) {
            testStorageXMLError(VIR_FROM_STORAGE, "%s", _("malformed uuid element"));
            goto cleanup;
        }
    } else {
        virUUIDGenerate(pool->uuid);
    }

    if (pool->type == POOL_NETFS || pool->type == POOL_GLUSTER) {
        if (pool->hosts->len == 0 ||
            !((testStorageHost *)g_ptr_array_index(pool->hosts, 0))->name) {
            testStorageXMLError(VIR_FROM_STORAGE, "%s",
                                _("missing storage pool source host name"));
            goto cleanup;
        }
        if (!pool->srcDir) {
            testStorageXMLError(VIR_FROM_STORAGE, "%s",
                                _("missing storage pool source path"));
            goto cleanup;
        }
    }

    target = virXMLChild(root, "target");
    pool->targetPath = testXMLText(virXMLChild(target, "path"));
    if (pool->targetPath) {
        size_t len = strlen(g_strstrip(pool->targetPath));
        /* libvirt keeps paths without a trailing slash */
        while (len > 1 && pool->targetPath[len - 1] == '/')
            pool->targetPath[--len] = '\0';
    } else if (pool->type != POOL_RBD && pool->type != POOL_SHEEPDOG &&
               pool->type != POOL_GLUSTER && pool->type != POOL_ISCSI_DIRECT) {
        testStorageXMLError(VIR_FROM_STORAGE, "%s", _("missing storage pool target path"));
        goto cleanup;
    }
    testStorageParsePerms(target, &pool->perms);

    pool->capacity = TEST_POOL_CAPACITY;
    pool->allocation = TEST_POOL_ALLOCATION;
    pool->available = pool->capacity - pool->allocation;
    ret = g_steal_pointer(&pool);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

static bool
testPoolHasFileVolumes(int type)
{
    return type == POOL_DIR || type == POOL_FS || type == POOL_NETFS ||
           type == POOL_GLUSTER || type == POOL_VSTORAGE;
}

static testStorageVol *
testStorageVolParse(testStoragePool *pool, const char *xml)
{
    g_autoptr(testStorageVol) vol = g_new0(testStorageVol, 1);
    g_autofree char *type = NULL;
    g_autofree char *format = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr node;
    xmlNodePtr target;
    testStorageVol *ret = NULL;

    if (!(doc = testStorageReadXML(xml, "storage_volume_definition", "volume")))
        return NULL;
    root = xmlDocGetRootElement(doc);

    if ((type = testXMLProp(root, "type")) &&
        (vol->type = testStrIndex(testVolTypeNames, G_N_ELEMENTS(testVolTypeNames), type)) < 0) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                             __LINE__, _("unknown volume type '%s'"), type);
        goto cleanup;
    }
    if (!(vol->name = testXMLText(virXMLChild(root, "name")))) {
        testStorageXMLError(VIR_FROM_STORAGE, "%s", _("missing volume name element"));
        goto cleanup;
    }
    if (!(node = virXMLChild(root, "capacity"))) {
        testStorageXMLError(VIR_FROM_STORAGE, "%s", _("missing capacity element"));
        goto cleanup;
    }
    if (testStorageParseSize(node, "capacity", &vol->capacity) < 0)
        goto cleanup;
    if ((node = virXMLChild(root, "allocation"))) {
        if (testStorageParseSize(node, "allocation", &vol->allocation) < 0)
            goto cleanup;
    } else {
        vol->allocation = vol->capacity;
    }

    target = virXMLChild(root, "target");
    format = testXMLProp(virXMLChild(target, "format"), "type");
    if (testPoolHasFileVolumes(pool->type) || pool->type == POOL_DISK) {
        const char *const *formats = pool->type == POOL_DISK ? testDiskFormats : testFileFormats;
        if (format && testStrIndex(formats, 32, format) < 0) {
            virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                                 __func__, __LINE__, _("unknown volume format type %s"),
                                 format);
            goto cleanup;
        }
        vol->format = format ? g_steal_pointer(&format)
                             : g_strdup(pool->type == POOL_DISK ? "none" : "raw");
    }
    testStorageParsePerms(target, &vol->perms);
    ret = g_steal_pointer(&vol);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

/* ------------------------------------------------------------------ */
/* XML writing                                                        */

static void
testStorageFormatPerms(GString *buf, const testStoragePerms *perms, const char *indent)
{
    if (!perms->mode && !perms->owner && !perms->group && !perms->label)
        return;
    g_string_append_printf(buf, "%s<permissions>\n", indent);
    if (perms->mode) {
        unsigned long mode = strtoul(perms->mode, NULL, 8);
        g_string_append_printf(buf, "%s  <mode>%04lo</mode>\n", indent, mode);
    }
    if (perms->owner)
        g_string_append_printf(buf, "%s  <owner>%s</owner>\n", indent, perms->owner);
    if (perms->group)
        g_string_append_printf(buf, "%s  <group>%s</group>\n", indent, perms->group);
    if (perms->label)
        g_string_append_printf(buf, "%s  <label>%s</label>\n", indent, perms->label);
    g_string_append_printf(buf, "%s</permissions>\n", indent);
}

/* Append S to BUF with XML's special characters escaped. */
static void
testXMLEscape(GString *buf, const char *s)
{
    g_autofree char *e = g_markup_escape_text(s, -1);

    g_string_append(buf, e);
}

static char *
testStoragePoolFormat(const testStoragePool *pool)
{
    GString *buf = g_string_new(NULL);
    unsigned int show = testPoolSource[pool->type].show;
    char uuid[VIR_UUID_STRING_BUFLEN];
    size_t i;

    virUUIDFormat(pool->uuid, uuid);
    g_string_append_printf(buf, "<pool type='%s'>\n", testPoolTypeNames[pool->type]);
    g_string_append(buf, "  <name>");
    testXMLEscape(buf, pool->name);
    g_string_append(buf, "</name>\n");
    g_string_append_printf(buf, "  <uuid>%s</uuid>\n", uuid);
    g_string_append_printf(buf, "  <capacity unit='bytes'>%llu</capacity>\n", pool->capacity);
    g_string_append_printf(buf, "  <allocation unit='bytes'>%llu</allocation>\n", pool->allocation);
    g_string_append_printf(buf, "  <available unit='bytes'>%llu</available>\n", pool->available);
    g_string_append(buf, "  <source>\n");
    for (i = 0; (show & SRC_HOST) && i < pool->hosts->len; i++) {
        testStorageHost *host = g_ptr_array_index(pool->hosts, i);
        g_string_append(buf, "    <host name='");
        testXMLEscape(buf, host->name ? host->name : "");
        g_string_append(buf, "'");
        if (host->port)
            g_string_append_printf(buf, " port='%d'", atoi(host->port));
        g_string_append(buf, "/>\n");
    }
    for (i = 0; (show & SRC_DEVICE) && i < pool->devices->len; i++) {
        g_string_append(buf, "    <device path='");
        testXMLEscape(buf, g_ptr_array_index(pool->devices, i));
        g_string_append(buf, "'/>\n");
    }
    if ((show & SRC_DIR) && pool->srcDir) {
        g_string_append(buf, "    <dir path='");
        testXMLEscape(buf, pool->srcDir);
        g_string_append(buf, "'/>\n");
    }
    if ((show & SRC_NAME) && pool->srcName) {
        g_string_append(buf, "    <name>");
        testXMLEscape(buf, pool->srcName);
        g_string_append(buf, "</name>\n");
    }
    if ((show & SRC_FORMAT) && pool->srcFormat)
        g_string_append_printf(buf, "    <format type='%s'/>\n", pool->srcFormat);
    g_string_append(buf, "  </source>\n");
    if (pool->targetPath || pool->perms.mode || pool->perms.owner) {
        g_string_append(buf, "  <target>\n");
        if (pool->targetPath) {
            g_string_append(buf, "    <path>");
            testXMLEscape(buf, pool->targetPath);
            g_string_append(buf, "</path>\n");
        }
        testStorageFormatPerms(buf, &pool->perms, "    ");
        g_string_append(buf, "  </target>\n");
    }
    g_string_append(buf, "</pool>\n");
    return g_string_free(buf, FALSE);
}

static char *
testStorageVolFormat(const testStorageVol *vol)
{
    GString *buf = g_string_new(NULL);

    g_string_append_printf(buf, "<volume type='%s'>\n", testVolTypeNames[vol->type]);
    g_string_append(buf, "  <name>");
    testXMLEscape(buf, vol->name);
    g_string_append(buf, "</name>\n  <key>");
    testXMLEscape(buf, vol->key);
    g_string_append(buf, "</key>\n");
    g_string_append_printf(buf, "  <capacity unit='bytes'>%llu</capacity>\n", vol->capacity);
    g_string_append_printf(buf, "  <allocation unit='bytes'>%llu</allocation>\n", vol->allocation);
    g_string_append(buf, "  <target>\n    <path>");
    testXMLEscape(buf, vol->key);
    g_string_append(buf, "</path>\n");
    if (vol->format)
        g_string_append_printf(buf, "    <format type='%s'/>\n", vol->format);
    testStorageFormatPerms(buf, &vol->perms, "    ");
    g_string_append(buf, "  </target>\n</volume>\n");
    return g_string_free(buf, FALSE);
}

/* ------------------------------------------------------------------ */
/* State                                                              */

/* Give VOL its key and path in POOL and count its space. */
static void
testStoragePoolAddVol(testStoragePool *pool, testStorageVol *vol)
{
    g_free(vol->key);
    vol->key = g_strdup_printf("%s/%s", pool->targetPath ? pool->targetPath : "", vol->name);
    pool->allocation += vol->allocation;
    pool->available = pool->capacity > pool->allocation ? pool->capacity - pool->allocation : 0;
    g_ptr_array_add(pool->vols, vol);
}

static testStorageState *
testStorageStateGet(testDriver *driver)
{
    testStorageState *state = driver->storageState;
    size_t i;
    size_t j;

    if (state)
        return state;
    state = g_new0(testStorageState, 1);
    state->pools = g_ptr_array_new_with_free_func((GDestroyNotify)testStoragePoolFree);
    for (i = 0; i < driver->pools->len; i++) {
        testGenericObj *gen = g_ptr_array_index(driver->pools, i);
        testStoragePool *pool;

        /* the node file was checked when it was loaded; a pool libvirt
         * would have refused is left out rather than failing here */
        if (!gen->xml || !(pool = testStoragePoolParse(gen->xml))) {
            virResetLastError();
            continue;
        }
        if (gen->hasUUID)
            memcpy(pool->uuid, gen->uuid, VIR_UUID_BUFLEN);
        pool->active = gen->active;
        pool->persistent = gen->persistent;
        pool->autostart = gen->autostart;
        for (j = 0; gen->children && j < gen->children->len; j++) {
            testGenericObj *genvol = g_ptr_array_index(gen->children, j);
            testStorageVol *vol;

            if (!genvol->xml || !(vol = testStorageVolParse(pool, genvol->xml))) {
                virResetLastError();
                continue;
            }
            testStoragePoolAddVol(pool, vol);
        }
        g_ptr_array_add(state->pools, pool);
    }
    driver->storageState = state;
    return state;
}

static testStoragePool *
testStoragePoolFindByName(testStorageState *state, const char *name)
{
    size_t i;

    for (i = 0; i < state->pools->len; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (strcmp(pool->name, name) == 0)
            return pool;
    }
    return NULL;
}

static testStoragePool *
testStoragePoolFindByUUID(testStorageState *state, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < state->pools->len; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (memcmp(pool->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return pool;
    }
    return NULL;
}

static testStorageVol *
testStorageVolFind(testStoragePool *pool, const char *name)
{
    size_t i;

    for (i = 0; i < pool->vols->len; i++) {
        testStorageVol *vol = g_ptr_array_index(pool->vols, i);
        if (strcmp(vol->name, name) == 0)
            return vol;
    }
    return NULL;
}

static void
testStoragePoolRemove(testStorageState *state, testStoragePool *pool)
{
    g_ptr_array_remove(state->pools, pool);
}

/* Lock DRIVER of CONN and return its storage state; unlock with
 * testStorageUnlock. */
static testStorageState *
testStorageLock(virConnectPtr conn, testDriver **driver)
{
    *driver = testDriverOf(conn);
    g_mutex_lock(&(*driver)->lock);
    return testStorageStateGet(*driver);
}

static void
testStorageUnlock(testDriver *driver)
{
    g_mutex_unlock(&driver->lock);
}

static testStoragePool *
testStoragePoolFromHandle(testStorageState *state, virStoragePoolPtr handle)
{
    testStoragePool *pool = testStoragePoolFindByName(state, handle->name);

    if (!pool)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), handle->name);
    return pool;
}

static int
testStoragePoolCheckActive(testStoragePool *pool)
{
    if (!pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is not active"), pool->name);
        return -1;
    }
    return 0;
}

static int
testStoragePoolCheckInactive(testStoragePool *pool)
{
    if (pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is active"), pool->name);
        return -1;
    }
    return 0;
}

/* The active pool and the volume behind handle VOL. */
static testStorageVol *
testStorageVolFromHandle(testStorageState *state, virStorageVolPtr handle,
                         testStoragePool **poolp)
{
    testStoragePool *pool = testStoragePoolFindByName(state, handle->pool);
    testStorageVol *vol;

    if (!pool) {
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), handle->pool);
        return NULL;
    }
    if (testStoragePoolCheckActive(pool) < 0)
        return NULL;
    if (!(vol = testStorageVolFind(pool, handle->name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), handle->name);
        return NULL;
    }
    if (poolp)
        *poolp = pool;
    return vol;
}

static virStoragePoolPtr
testStoragePoolHandle(virConnectPtr conn, testStoragePool *pool)
{
    return virGetStoragePool(conn, pool->name, pool->uuid);
}

static virStorageVolPtr
testStorageVolHandle(virConnectPtr conn, testStoragePool *pool, testStorageVol *vol)
{
    return virGetStorageVol(conn, pool->name, vol->name, vol->key);
}

/* ------------------------------------------------------------------ */
/* Pools: listing and lookup                                          */

static int
testStorageCountPools(virConnectPtr conn, bool active)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    int n = 0;
    size_t i;

    for (i = 0; i < state->pools->len; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (pool->active == active)
            n++;
    }
    testStorageUnlock(driver);
    return n;
}

static int
testStorageListPools(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    int n = 0;
    size_t i;

    for (i = 0; i < state->pools->len && n < maxnames; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (pool->active == active)
            names[n++] = strdup(pool->name);
    }
    testStorageUnlock(driver);
    return n;
}

static int
testConnectNumOfStoragePools(virConnectPtr conn)
{
    return testStorageCountPools(conn, true);
}

static int
testConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return testStorageCountPools(conn, false);
}

static int
testConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return testStorageListPools(conn, true, names, maxnames);
}

static int
testConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return testStorageListPools(conn, false, names, maxnames);
}

static bool
testStoragePoolMatch(testStoragePool *pool, unsigned int flags)
{
    /* each pair of opposite filters: neither or both bits mean "any" */
#define PAIR(yes, no, cond) \
    if ((flags & (yes | no)) && (flags & (yes | no)) != (yes | no) && \
        !((flags & yes) && (cond)) && !((flags & no) && !(cond))) \
        return false
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
         pool->active);
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
         pool->persistent);
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
         pool->autostart);
#undef PAIR
    return true;
}

/* The bit of each pool type in virConnectListAllStoragePoolsFlags (not
 * in virStoragePoolType order: iscsi-direct came last). */
static unsigned int
testStoragePoolTypeFlag(int type)
{
    switch (type) {
    case POOL_DIR: return VIR_CONNECT_LIST_STORAGE_POOLS_DIR;
    case POOL_FS: return VIR_CONNECT_LIST_STORAGE_POOLS_FS;
    case POOL_NETFS: return VIR_CONNECT_LIST_STORAGE_POOLS_NETFS;
    case POOL_LOGICAL: return VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL;
    case POOL_DISK: return VIR_CONNECT_LIST_STORAGE_POOLS_DISK;
    case POOL_ISCSI: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI;
    case POOL_ISCSI_DIRECT: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT;
    case POOL_SCSI: return VIR_CONNECT_LIST_STORAGE_POOLS_SCSI;
    case POOL_MPATH: return VIR_CONNECT_LIST_STORAGE_POOLS_MPATH;
    case POOL_RBD: return VIR_CONNECT_LIST_STORAGE_POOLS_RBD;
    case POOL_SHEEPDOG: return VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG;
    case POOL_GLUSTER: return VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER;
    case POOL_ZFS: return VIR_CONNECT_LIST_STORAGE_POOLS_ZFS;
    case POOL_VSTORAGE: return VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE;
    }
    return 0;
}

static int
testConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                               unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    const unsigned int typeBits =
        VIR_CONNECT_LIST_STORAGE_POOLS_DIR | VIR_CONNECT_LIST_STORAGE_POOLS_FS |
        VIR_CONNECT_LIST_STORAGE_POOLS_NETFS | VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL |
        VIR_CONNECT_LIST_STORAGE_POOLS_DISK | VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI |
        VIR_CONNECT_LIST_STORAGE_POOLS_SCSI | VIR_CONNECT_LIST_STORAGE_POOLS_MPATH |
        VIR_CONNECT_LIST_STORAGE_POOLS_RBD | VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG |
        VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER | VIR_CONNECT_LIST_STORAGE_POOLS_ZFS |
        VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE | VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT;
    GPtrArray *found;
    int n;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART | typeBits, -1);

    found = g_ptr_array_new();
    state = testStorageLock(conn, &driver);
    for (i = 0; i < state->pools->len; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (!testStoragePoolMatch(pool, flags & ~typeBits))
            continue;
        if ((flags & typeBits) && !(flags & testStoragePoolTypeFlag(pool->type)))
            continue;
        g_ptr_array_add(found, pools ? (void *)testStoragePoolHandle(conn, pool) : NULL);
    }
    testStorageUnlock(driver);

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
testStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    testStoragePool *pool = testStoragePoolFindByName(state, name);
    virStoragePoolPtr ret = NULL;

    if (!pool)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), name);
    else
        ret = testStoragePoolHandle(conn, pool);
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    testStoragePool *pool = testStoragePoolFindByUUID(state, uuid);
    virStoragePoolPtr ret = NULL;

    if (!pool) {
        char str[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(uuid, str);
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching uuid '%s'"), str);
    } else {
        ret = testStoragePoolHandle(conn, pool);
    }
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                             __LINE__, _("invalid UUID '%s'"), uuidstr);
        return NULL;
    }
    return testStoragePoolLookupByUUID(conn, uuid);
}

static virStoragePoolPtr
testStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    return testStoragePoolLookupByName(vol->conn, vol->pool);
}

/* ------------------------------------------------------------------ */
/* Pools: life cycle                                                  */

/* Refuse DEF when it clashes with another pool; else the pool it
 * redefines (NULL for a new one) in *OLD. */
static int
testStoragePoolCheckDup(testStorageState *state, testStoragePool *def,
                        testStoragePool **old)
{
    testStoragePool *byUUID = testStoragePoolFindByUUID(state, def->uuid);
    testStoragePool *byName = testStoragePoolFindByName(state, def->name);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (byUUID && strcmp(byUUID->name, def->name) != 0) {
        virUUIDFormat(byUUID->uuid, uuid);
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED, __FILE__,
                             __func__, __LINE__,
                             _("pool '%s' is already defined with uuid %s"),
                             byUUID->name, uuid);
        return -1;
    }
    if (byName && byName != byUUID) {
        virUUIDFormat(byName->uuid, uuid);
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED, __FILE__,
                             __func__, __LINE__,
                             _("pool '%s' already exists with uuid %s"),
                             byName->name, uuid);
        return -1;
    }
    *old = byUUID;
    return 0;
}

static virStoragePoolPtr
testStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    g_autoptr(testStoragePool) def = NULL;
    testStoragePool *old = NULL;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(conn, &driver);
    if (!(def = testStoragePoolParse(xmlDesc)) ||
        testStoragePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    if (old) {
        /* the same pool again: only an inactive one may be started so */
        if (old->active) {
            virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_OPERATION_INVALID, __FILE__,
                                 __func__, __LINE__,
                                 _("storage pool '%s' is already active"), old->name);
            goto cleanup;
        }
        testStoragePoolRemove(state, old);
    }
    def->active = true;
    def->persistent = false;
    ret = testStoragePoolHandle(conn, def);
    testEventEmitStoragePoolLifecycle(driver, def->name, def->uuid,
                                      VIR_STORAGE_POOL_EVENT_STARTED, 0);
    g_ptr_array_add(state->pools, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    g_autoptr(testStoragePool) def = NULL;
    testStoragePool *old = NULL;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    state = testStorageLock(conn, &driver);
    if (!(def = testStoragePoolParse(xml)) ||
        testStoragePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    def->persistent = true;
    if (old && old->active) {
        /* a running pool keeps its live definition; libvirt's test driver
         * holds the new one for a restart it never applies */
        old->persistent = true;
        ret = testStoragePoolHandle(conn, old);
        testEventEmitStoragePoolLifecycle(driver, old->name, old->uuid,
                                          VIR_STORAGE_POOL_EVENT_DEFINED, 0);
        goto cleanup;
    }
    if (old) {
        /* a new definition: the pool keeps its state and its volumes */
        def->active = old->active;
        def->autostart = old->autostart;
        def->capacity = old->capacity;
        def->allocation = old->allocation;
        def->available = old->available;
        g_ptr_array_free(def->vols, TRUE);
        def->vols = g_steal_pointer(&old->vols);
        testStoragePoolRemove(state, old);
    }
    ret = testStoragePoolHandle(conn, def);
    testEventEmitStoragePoolLifecycle(driver, def->name, def->uuid,
                                      VIR_STORAGE_POOL_EVENT_DEFINED, 0);
    g_ptr_array_add(state->pools, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* Run ACTION on the pool behind HANDLE under the lock. */
#define POOL_BEGIN(handle) \
    testDriver *driver; \
    testStorageState *state = testStorageLock((handle)->conn, &driver); \
    testStoragePool *pool = testStoragePoolFromHandle(state, handle); \
    int ret = -1; \
    if (!pool) \
        goto cleanup

#define POOL_END \
 cleanup: \
    testStorageUnlock(driver); \
    return ret

static int
testStoragePoolUndefine(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckInactive(pool) < 0)
        goto cleanup;
    testEventEmitStoragePoolLifecycle(driver, pool->name, pool->uuid,
                                      VIR_STORAGE_POOL_EVENT_UNDEFINED, 0);
    testStoragePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
testStoragePoolBuild(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolLifecycle(driver, pool->name, pool->uuid,
                                          VIR_STORAGE_POOL_EVENT_CREATED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolCreate(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        pool->active = true;
        testEventEmitStoragePoolLifecycle(driver, pool->name, pool->uuid,
                                          VIR_STORAGE_POOL_EVENT_STARTED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolDestroy(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    pool->active = false;
    testEventEmitStoragePoolLifecycle(driver, pool->name, pool->uuid,
                                      VIR_STORAGE_POOL_EVENT_STOPPED, 0);
    if (!pool->persistent)
        testStoragePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
testStoragePoolDelete(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolLifecycle(driver, pool->name, pool->uuid,
                                          VIR_STORAGE_POOL_EVENT_DELETED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolRefresh(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckActive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolRefresh(driver, pool->name, pool->uuid);
        ret = 0;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Pools: properties                                                  */

static int
testStoragePoolGetInfo(virStoragePoolPtr handle, virStoragePoolInfoPtr info)
{
    POOL_BEGIN(handle);
    memset(info, 0, sizeof(*info));
    info->state = pool->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = pool->capacity;
    info->allocation = pool->allocation;
    info->available = pool->available;
    ret = 0;
    POOL_END;
}

static char *
testStoragePoolGetXMLDesc(virStoragePoolPtr handle, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if ((pool = testStoragePoolFromHandle(state, handle)))
        ret = testStoragePoolFormat(pool);
    testStorageUnlock(driver);
    return ret;
}

static int
testStoragePoolGetAutostart(virStoragePoolPtr handle, int *autostart)
{
    POOL_BEGIN(handle);
    *autostart = pool->autostart;
    ret = 0;
    POOL_END;
}

static int
testStoragePoolSetAutostart(virStoragePoolPtr handle, int autostart)
{
    POOL_BEGIN(handle);
    if (!pool->persistent) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("pool has no config file"));
        goto cleanup;
    }
    pool->autostart = autostart != 0;
    ret = 0;
    POOL_END;
}

static int
testStoragePoolIsActive(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->active;
    POOL_END;
}

static int
testStoragePoolIsPersistent(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->persistent;
    POOL_END;
}

static int
testStoragePoolNumOfVolumes(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    ret = pool->vols->len;
    POOL_END;
}

static int
testStoragePoolListVolumes(virStoragePoolPtr handle, char **const names, int maxnames)
{
    size_t i;
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    for (i = 0; i < pool->vols->len && (int)i < maxnames; i++)
        names[i] = strdup(((testStorageVol *)g_ptr_array_index(pool->vols, i))->name);
    ret = i;
    POOL_END;
}

static int
testStoragePoolListAllVolumes(virStoragePoolPtr handle, virStorageVolPtr **vols,
                              unsigned int flags)
{
    size_t i;

    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (!pool->active) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("storage pool is not active"));
            goto cleanup;
        }
        if (vols) {
            *vols = g_new0(virStorageVolPtr, pool->vols->len + 1);
            for (i = 0; i < pool->vols->len; i++)
                (*vols)[i] = testStorageVolHandle(handle->conn, pool,
                                                  g_ptr_array_index(pool->vols, i));
        }
        ret = pool->vols->len;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Volumes                                                            */

static virStorageVolPtr
testStorageVolLookupByName(virStoragePoolPtr handle, const char *name)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(handle->conn, &driver);
    testStoragePool *pool = testStoragePoolFromHandle(state, handle);
    testStorageVol *vol;
    virStorageVolPtr ret = NULL;

    if (!pool || testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    if (!(vol = testStorageVolFind(pool, name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), name);
        goto cleanup;
    }
    ret = testStorageVolHandle(handle->conn, pool, vol);

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* The first volume of an active pool whose key (which is also its path)
 * is KEY; WHAT names the lookup in the error. */
static virStorageVolPtr
testStorageVolLookupByKeyOrPath(virConnectPtr conn, const char *key, const char *what)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    virStorageVolPtr ret = NULL;
    size_t i;
    size_t j;

    for (i = 0; i < state->pools->len && !ret; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (!pool->active)
            continue;
        for (j = 0; j < pool->vols->len; j++) {
            testStorageVol *vol = g_ptr_array_index(pool->vols, j);
            if (strcmp(vol->key, key) == 0) {
                ret = testStorageVolHandle(conn, pool, vol);
                break;
            }
        }
    }
    if (!ret)
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching %s '%s'"), what, key);
    testStorageUnlock(driver);
    return ret;
}

static virStorageVolPtr
testStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return testStorageVolLookupByKeyOrPath(conn, key, "key");
}

static virStorageVolPtr
testStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return testStorageVolLookupByKeyOrPath(conn, path, "path");
}

/* Add DEF to POOL when its name is free and there is room for it. */
static int
testStorageVolAdd(testStoragePool *pool, testStorageVol *def)
{
    if (testStorageVolFind(pool, def->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", _("storage vol already exists"));
        return -1;
    }
    if (pool->allocation + def->allocation > pool->capacity ||
        pool->allocation + def->allocation < pool->allocation) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Not enough free space in pool for volume '%s'"), def->name);
        return -1;
    }
    testStoragePoolAddVol(pool, def);
    return 0;
}

static virStorageVolPtr
testStorageVolCreateXML(virStoragePoolPtr handle, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    g_autoptr(testStorageVol) def = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if (!(pool = testStoragePoolFromHandle(state, handle)) ||
        testStoragePoolCheckActive(pool) < 0 ||
        !(def = testStorageVolParse(pool, xmlDesc)) ||
        testStorageVolAdd(pool, def) < 0)
        goto cleanup;
    ret = testStorageVolHandle(handle->conn, pool, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

static virStorageVolPtr
testStorageVolCreateXMLFrom(virStoragePoolPtr handle, const char *xmlDesc,
                            virStorageVolPtr clonevol, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    g_autoptr(testStorageVol) def = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if (!(pool = testStoragePoolFromHandle(state, handle)) ||
        testStoragePoolCheckActive(pool) < 0 ||
        !(def = testStorageVolParse(pool, xmlDesc)))
        goto cleanup;
    /* as libvirt's test driver, the source is looked up in this pool */
    if (!testStorageVolFind(pool, clonevol->name)) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), clonevol->name);
        goto cleanup;
    }
    /* the new volume's allocation is the document's (its capacity when
     * the document gives none) */
    if (testStorageVolAdd(pool, def) < 0)
        goto cleanup;
    ret = testStorageVolHandle(handle->conn, pool, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* Run the body on the volume behind HANDLE and its pool, under the lock. */
#define VOL_BEGIN(handle) \
    testDriver *driver; \
    testStorageState *state = testStorageLock((handle)->conn, &driver); \
    testStoragePool *pool = NULL; \
    testStorageVol *vol = testStorageVolFromHandle(state, handle, &pool); \
    int ret = -1; \
    if (!vol) \
        goto cleanup

static int
testStorageVolDelete(virStorageVolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        VOL_BEGIN(handle);
        pool->allocation = pool->allocation > vol->allocation ? pool->allocation - vol->allocation : 0;
        pool->available = pool->capacity - pool->allocation;
        g_ptr_array_remove(pool->vols, vol);
        ret = 0;
        POOL_END;
    }
}

static int
testStorageVolGetInfo(virStorageVolPtr handle, virStorageVolInfoPtr info)
{
    VOL_BEGIN(handle);
    memset(info, 0, sizeof(*info));
    info->type = testPoolHasFileVolumes(pool->type) ? VIR_STORAGE_VOL_FILE : VIR_STORAGE_VOL_BLOCK;
    info->capacity = vol->capacity;
    info->allocation = vol->allocation;
    ret = 0;
    POOL_END;
}

static char *
testStorageVolGetXMLDesc(virStorageVolPtr handle, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStorageVol *vol;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if ((vol = testStorageVolFromHandle(state, handle, NULL)))
        ret = testStorageVolFormat(vol);
    testStorageUnlock(driver);
    return ret;
}

static char *
testStorageVolGetPath(virStorageVolPtr handle)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(handle->conn, &driver);
    testStorageVol *vol;
    char *ret = NULL;

    if ((vol = testStorageVolFromHandle(state, handle, NULL)))
        ret = strdup(vol->key);
    testStorageUnlock(driver);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Source discovery                                                   */

static char *
testConnectFindStoragePoolSources(virConnectPtr conn G_GNUC_UNUSED, const char *type,
                                  const char *srcSpec, unsigned int flags)
{
    g_autoptr(testStoragePool) spec = NULL;
    int pooltype;
    testStorageHost *host;

    virCheckFlags(0, NULL);
    pooltype = testStrIndex(testPoolTypeNames, POOL_LAST, type);
    /* libvirt's test driver takes "dir" (type 0) for an unknown name */
    if (pooltype == POOL_DIR) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unknown storage pool type %s"), type);
        return NULL;
    }
    if (pooltype == POOL_LOGICAL) {
        return strdup("<sources>\n"
                      "  <source>\n"
                      "    <device path='/dev/sda20'/>\n"
                      "    <name>testvg1</name>\n"
                      "    <format type='lvm2'/>\n"
                      "  </source>\n"
                      "  <source>\n"
                      "    <device path='/dev/sda21'/>\n"
                      "    <name>testvg2</name>\n"
                      "    <format type='lvm2'/>\n"
                      "  </source>\n"
                      "</sources>\n");
    }
    if (pooltype != POOL_NETFS) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("pool type '%s' does not support source discovery"), type);
        return NULL;
    }
    if (!srcSpec) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("hostname must be specified for netfs sources"));
        return NULL;
    }
    /* only the hosts of the <source> specification matter */
    {
        xmlDocPtr doc = xmlReadMemory(srcSpec, strlen(srcSpec), "srcSpec", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
        xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
        xmlNodePtr cur;
        GPtrArray *hosts = g_ptr_array_new_with_free_func((GDestroyNotify)testStorageHostFree);

        if (!root || strcmp((const char *)root->name, "source") != 0) {
            if (doc)
                xmlFreeDoc(doc);
            g_ptr_array_free(hosts, TRUE);
            virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_XML_ERROR, __FILE__, __func__,
                                 __LINE__, "%s", _("(source_specification): malformed source"));
            return NULL;
        }
        for (cur = root->children; cur; cur = cur->next) {
            if (cur->type == XML_ELEMENT_NODE && strcmp((const char *)cur->name, "host") == 0) {
                testStorageHost *h = g_new0(testStorageHost, 1);
                h->name = testXMLProp(cur, "name");
                g_ptr_array_add(hosts, h);
            }
        }
        xmlFreeDoc(doc);
        spec = g_new0(testStoragePool, 1);
        spec->hosts = hosts;
        spec->devices = g_ptr_array_new_with_free_func(g_free);
    }
    /* libvirt's test driver crashes without a host; refuse instead */
    if (spec->hosts->len == 0 ||
        !(host = g_ptr_array_index(spec->hosts, 0))->name) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("hostname must be specified for netfs sources"));
        return NULL;
    }
    {
        GString *buf = g_string_new("<sources>\n  <source>\n    <host name='");
        testXMLEscape(buf, host->name);
        g_string_append(buf, "'/>\n    <dir path='/testshare'/>\n"
                             "    <format type='nfs'/>\n  </source>\n</sources>\n");
        return g_string_free(buf, FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* Not supported                                                      */

/* libvirt's test driver has no slot for these; libvirt then reports "not
 * supported" from the storage error domain, while virtkit's generated
 * entry points of virConnect methods use no domain.  Reporting it here
 * gives the application libvirt's exact error. */
#define TEST_STORAGE_NO_SUPPORT(func) \
    virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_NO_SUPPORT, __FILE__, __func__, \
                         __LINE__, "%s", func)

static char *
testConnectGetStoragePoolCapabilities(virConnectPtr conn G_GNUC_UNUSED,
                                      unsigned int flags G_GNUC_UNUSED)
{
    TEST_STORAGE_NO_SUPPORT("virConnectGetStoragePoolCapabilities");
    return NULL;
}

static virStoragePoolPtr
testStoragePoolLookupByTargetPath(virConnectPtr conn G_GNUC_UNUSED,
                                  const char *path G_GNUC_UNUSED)
{
    TEST_STORAGE_NO_SUPPORT("virStoragePoolLookupByTargetPath");
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static virStorageDriver testStorageDriver = {
    .name = "Test",
    .connectNumOfStoragePools = testConnectNumOfStoragePools,
    .connectListStoragePools = testConnectListStoragePools,
    .connectNumOfDefinedStoragePools = testConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = testConnectListDefinedStoragePools,
    .connectListAllStoragePools = testConnectListAllStoragePools,
    .connectFindStoragePoolSources = testConnectFindStoragePoolSources,
    .storagePoolLookupByName = testStoragePoolLookupByName,
    .storagePoolLookupByUUID = testStoragePoolLookupByUUID,
    .storagePoolLookupByUUIDString = testStoragePoolLookupByUUIDString,
    .storagePoolLookupByVolume = testStoragePoolLookupByVolume,
    .storagePoolCreateXML = testStoragePoolCreateXML,
    .storagePoolDefineXML = testStoragePoolDefineXML,
    .storagePoolBuild = testStoragePoolBuild,
    .storagePoolUndefine = testStoragePoolUndefine,
    .storagePoolCreate = testStoragePoolCreate,
    .storagePoolDestroy = testStoragePoolDestroy,
    .storagePoolDelete = testStoragePoolDelete,
    .storagePoolRefresh = testStoragePoolRefresh,
    .storagePoolGetInfo = testStoragePoolGetInfo,
    .storagePoolGetXMLDesc = testStoragePoolGetXMLDesc,
    .storagePoolGetAutostart = testStoragePoolGetAutostart,
    .storagePoolSetAutostart = testStoragePoolSetAutostart,
    .storagePoolIsActive = testStoragePoolIsActive,
    .storagePoolIsPersistent = testStoragePoolIsPersistent,
    .storagePoolNumOfVolumes = testStoragePoolNumOfVolumes,
    .storagePoolListVolumes = testStoragePoolListVolumes,
    .storagePoolListAllVolumes = testStoragePoolListAllVolumes,
    .storageVolLookupByName = testStorageVolLookupByName,
    .storageVolLookupByKey = testStorageVolLookupByKey,
    .storageVolLookupByPath = testStorageVolLookupByPath,
    .storageVolCreateXML = testStorageVolCreateXML,
    .storageVolCreateXMLFrom = testStorageVolCreateXMLFrom,
    .storageVolDelete = testStorageVolDelete,
    .storageVolGetInfo = testStorageVolGetInfo,
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc,
    .storageVolGetPath = testStorageVolGetPath,
    .connectGetStoragePoolCapabilities = testConnectGetStoragePoolCapabilities,
    .storagePoolLookupByTargetPath = testStoragePoolLookupByTargetPath,
};

void
testStorageRegister(virConnectDriver *cd, virHypervisorDriver *hv G_GNUC_UNUSED)
{
    cd->storageDriver = &testStorageDriver;
}

void
testStorageStateFree(void *opaque)
{
    testStorageState *state = opaque;

    if (!state)
        return;
    g_ptr_array_free(state->pools, TRUE);
    g_free(state);
}
