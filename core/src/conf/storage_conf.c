/*
 * storage_conf.c: storage pool and volume definitions in libvirt's XML.
 *
 * The pool document: type, name, UUID, sizes, source (hosts, devices,
 * folder, name, format: which of them a type shows is libvirt's), target
 * path and permissions.  The volume document: name, key, sizes, target
 * path, format, permissions, and for real files the size on disk, the
 * times and the backing store.  Other elements are accepted and
 * dropped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "storage_conf.h"
#include "virerror.h"
#include "virxml.h"
#include <libvirt/libvirt.h>

#define VIR_FROM_THIS VIR_FROM_STORAGE

static const char *const poolTypeNames[VIR_STORAGE_POOL_TYPE_LAST] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct",
    "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage",
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
} poolSource[VIR_STORAGE_POOL_TYPE_LAST] = {
    [VIR_STORAGE_POOL_TYPE_DIR] = { 0, NULL },
    [VIR_STORAGE_POOL_TYPE_FS] = { SRC_DEVICE | SRC_FORMAT, "auto" },
    [VIR_STORAGE_POOL_TYPE_NETFS] = { SRC_HOST | SRC_DIR | SRC_FORMAT, "auto" },
    [VIR_STORAGE_POOL_TYPE_LOGICAL] = { SRC_DEVICE | SRC_NAME | SRC_FORMAT, "lvm2" },
    [VIR_STORAGE_POOL_TYPE_DISK] = { SRC_DEVICE | SRC_FORMAT, "unknown" },
    [VIR_STORAGE_POOL_TYPE_ISCSI] = { SRC_HOST | SRC_DEVICE, NULL },
    [VIR_STORAGE_POOL_TYPE_ISCSI_DIRECT] = { SRC_HOST | SRC_DEVICE, NULL },
    [VIR_STORAGE_POOL_TYPE_SCSI] = { 0, NULL },
    [VIR_STORAGE_POOL_TYPE_MPATH] = { 0, NULL },
    [VIR_STORAGE_POOL_TYPE_RBD] = { SRC_HOST | SRC_NAME, NULL },
    [VIR_STORAGE_POOL_TYPE_SHEEPDOG] = { SRC_HOST | SRC_NAME, NULL },
    [VIR_STORAGE_POOL_TYPE_GLUSTER] = { SRC_HOST | SRC_DIR | SRC_NAME, NULL },
    [VIR_STORAGE_POOL_TYPE_ZFS] = { SRC_DEVICE | SRC_NAME, NULL },
    [VIR_STORAGE_POOL_TYPE_VSTORAGE] = { SRC_NAME, NULL },
};

/* libvirt's volume formats for file-backed pools and for disk pools */
static const char *const fileFormats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi",
    "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL,
};
static const char *const diskFormats[] = {
    "none", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL,
};

/* virStorageVolType names */
static const char *const volTypeNames[] = {
    "file", "block", "dir", "network", "netdir", "ploop",
};

static int
strIndex(const char *const *names, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n && names[i]; i++) {
        if (strcmp(names[i], s) == 0)
            return i;
    }
    return -1;
}

const char *
virStoragePoolTypeToString(int type)
{
    if (type < 0 || type >= VIR_STORAGE_POOL_TYPE_LAST)
        return NULL;
    return poolTypeNames[type];
}

int
virStoragePoolTypeFromString(const char *name)
{
    return strIndex(poolTypeNames, VIR_STORAGE_POOL_TYPE_LAST, name);
}

/* (not in virStoragePoolType order: iscsi-direct came last) */
unsigned int
virStoragePoolTypeListFlag(int type)
{
    switch (type) {
    case VIR_STORAGE_POOL_TYPE_DIR: return VIR_CONNECT_LIST_STORAGE_POOLS_DIR;
    case VIR_STORAGE_POOL_TYPE_FS: return VIR_CONNECT_LIST_STORAGE_POOLS_FS;
    case VIR_STORAGE_POOL_TYPE_NETFS: return VIR_CONNECT_LIST_STORAGE_POOLS_NETFS;
    case VIR_STORAGE_POOL_TYPE_LOGICAL: return VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL;
    case VIR_STORAGE_POOL_TYPE_DISK: return VIR_CONNECT_LIST_STORAGE_POOLS_DISK;
    case VIR_STORAGE_POOL_TYPE_ISCSI: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI;
    case VIR_STORAGE_POOL_TYPE_ISCSI_DIRECT: return VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT;
    case VIR_STORAGE_POOL_TYPE_SCSI: return VIR_CONNECT_LIST_STORAGE_POOLS_SCSI;
    case VIR_STORAGE_POOL_TYPE_MPATH: return VIR_CONNECT_LIST_STORAGE_POOLS_MPATH;
    case VIR_STORAGE_POOL_TYPE_RBD: return VIR_CONNECT_LIST_STORAGE_POOLS_RBD;
    case VIR_STORAGE_POOL_TYPE_SHEEPDOG: return VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG;
    case VIR_STORAGE_POOL_TYPE_GLUSTER: return VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER;
    case VIR_STORAGE_POOL_TYPE_ZFS: return VIR_CONNECT_LIST_STORAGE_POOLS_ZFS;
    case VIR_STORAGE_POOL_TYPE_VSTORAGE: return VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE;
    }
    return 0;
}

unsigned int
virStoragePoolTypeListFlags(void)
{
    unsigned int all = 0;
    int t;

    for (t = 0; t < VIR_STORAGE_POOL_TYPE_LAST; t++)
        all |= virStoragePoolTypeListFlag(t);
    return all;
}

bool
virStoragePoolMatchFlags(unsigned int flags, int type, bool active, bool persistent,
                         bool autostart)
{
    unsigned int typeBits = virStoragePoolTypeListFlags();

#define PAIR(yes, no, cond) \
    if ((flags & (yes | no)) && (flags & (yes | no)) != (yes | no) && \
        !((flags & yes) && (cond)) && !((flags & no) && !(cond))) \
        return false
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
         active);
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
         persistent);
    PAIR(VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
         autostart);
#undef PAIR
    return !(flags & typeBits) || (flags & virStoragePoolTypeListFlag(type));
}

int
virStoragePoolDefCheckDup(const virStoragePoolDef *def, const virStoragePoolDef *byUUID,
                          const virStoragePoolDef *byName)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (byUUID && strcmp(byUUID->name, def->name) != 0) {
        virUUIDFormat(byUUID->uuid, uuid);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("pool '%s' is already defined with uuid %s"), byUUID->name, uuid);
        return -1;
    }
    if (byName && byName != byUUID) {
        virUUIDFormat(byName->uuid, uuid);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("pool '%s' already exists with uuid %s"), byName->name, uuid);
        return -1;
    }
    return 0;
}

bool
virStoragePoolTypeHasFileVolumes(int type)
{
    return type == VIR_STORAGE_POOL_TYPE_DIR || type == VIR_STORAGE_POOL_TYPE_FS ||
           type == VIR_STORAGE_POOL_TYPE_NETFS || type == VIR_STORAGE_POOL_TYPE_GLUSTER ||
           type == VIR_STORAGE_POOL_TYPE_VSTORAGE;
}

/* ------------------------------------------------------------------ */
/* Freeing                                                            */

void
virStoragePermsClear(virStoragePerms *p)
{
    g_clear_pointer(&p->mode, g_free);
    g_clear_pointer(&p->owner, g_free);
    g_clear_pointer(&p->group, g_free);
    g_clear_pointer(&p->label, g_free);
}

void
virStorageVolDefFree(virStorageVolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->key);
    g_free(def->format);
    g_free(def->backingPath);
    g_free(def->backingFormat);
    g_free(def->compat);
    virStoragePermsClear(&def->perms);
    virStoragePermsClear(&def->backingPerms);
    g_free(def);
}

void
virStorageHostFree(virStorageHost *host)
{
    g_free(host->name);
    g_free(host->port);
    g_free(host);
}

void
virStoragePoolDefFree(virStoragePoolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_ptr_array_free(def->hosts, TRUE);
    g_ptr_array_free(def->devices, TRUE);
    g_free(def->srcDir);
    g_free(def->srcName);
    g_free(def->srcFormat);
    g_free(def->targetPath);
    virStoragePermsClear(&def->perms);
    g_free(def);
}

/* ------------------------------------------------------------------ */
/* Pool objects                                                       */

virStoragePoolObj *
virStoragePoolObjNew(virStoragePoolDef *def)
{
    virStoragePoolObj *obj = g_new0(virStoragePoolObj, 1);

    obj->def = def;
    obj->vols = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageVolDefFree);
    return obj;
}

void
virStoragePoolObjFree(virStoragePoolObj *obj)
{
    if (!obj)
        return;
    virStoragePoolDefFree(obj->def);
    virStoragePoolDefFree(obj->newDef);
    if (obj->vols)
        g_ptr_array_free(obj->vols, TRUE);
    g_free(obj);
}

virStoragePoolObj *
virStoragePoolObjFindByName(GPtrArray *pools, const char *name)
{
    size_t i;

    for (i = 0; i < pools->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(pools, i);
        if (strcmp(obj->def->name, name) == 0)
            return obj;
    }
    return NULL;
}

virStoragePoolObj *
virStoragePoolObjFindByUUID(GPtrArray *pools, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < pools->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(pools, i);
        if (memcmp(obj->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

virStorageVolDef *
virStoragePoolObjFindVol(virStoragePoolObj *obj, const char *name)
{
    size_t i;

    for (i = 0; i < obj->vols->len; i++) {
        virStorageVolDef *vol = g_ptr_array_index(obj->vols, i);
        if (strcmp(vol->name, name) == 0)
            return vol;
    }
    return NULL;
}

int
virStoragePoolObjCount(GPtrArray *pools, bool active)
{
    int n = 0;
    size_t i;

    for (i = 0; i < pools->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(pools, i);
        if (obj->active == active)
            n++;
    }
    return n;
}

int
virStoragePoolObjNames(GPtrArray *pools, bool active, char **const names, int maxnames)
{
    int n = 0;
    size_t i;

    for (i = 0; i < pools->len && n < maxnames; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(pools, i);
        if (obj->active == active)
            names[n++] = strdup(obj->def->name);
    }
    return n;
}

int
virStoragePoolObjVolNames(virStoragePoolObj *obj, char **const names, int maxnames)
{
    size_t i;

    for (i = 0; i < obj->vols->len && (int)i < maxnames; i++)
        names[i] = strdup(((virStorageVolDef *)g_ptr_array_index(obj->vols, i))->name);
    return i;
}

/* ------------------------------------------------------------------ */
/* XML reading                                                        */

#define storageXMLError(dom, ...) \
    virReportErrorHelper(dom, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__, __VA_ARGS__)

static char *
xmlText(xmlNodePtr node)
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
xmlProp(xmlNodePtr node, const char *name)
{
    xmlChar *s;
    char *ret;

    if (!node || !(s = xmlGetProp(node, (const xmlChar *)name)))
        return NULL;
    ret = g_strdup((const char *)s);
    xmlFree(s);
    return ret;
}

/* Parse XML (named WHAT in libxml2's messages) and check its root is ROOT. */
static xmlDocPtr
storageReadXML(const char *xml, const char *what, const char *root)
{
    g_autofree char *label = g_strdup_printf("(%s)", what);

    return virXMLParse(NULL, xml, label, root, VIR_FROM_STORAGE);
}

static void
parsePerms(xmlNodePtr target, virStoragePerms *perms)
{
    xmlNodePtr p = virXMLChild(target, "permissions");

    if (!p)
        return;
    perms->mode = xmlText(virXMLChild(p, "mode"));
    perms->owner = xmlText(virXMLChild(p, "owner"));
    perms->group = xmlText(virXMLChild(p, "group"));
    perms->label = xmlText(virXMLChild(p, "label"));
}

int
virStorageParseSize(void *opaque, const char *what, unsigned long long *out)
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
    xmlNodePtr node = opaque;
    g_autofree char *text = xmlText(node);
    g_autofree char *unit = xmlProp(node, "unit");
    g_autofree char *lower = NULL;
    unsigned long long v;
    char *end = NULL;
    size_t i;

    errno = 0;
    v = g_ascii_strtoull(text ? g_strstrip(text) : "", &end, 10);
    if (!text || !*text || *end || errno || text[0] == '-') {
        storageXMLError(VIR_FROM_STORAGE, _("malformed %s element"), what);
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

static virStoragePoolDef *
poolDefNew(void)
{
    virStoragePoolDef *def = g_new0(virStoragePoolDef, 1);

    def->hosts = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageHostFree);
    def->devices = g_ptr_array_new_with_free_func(g_free);
    return def;
}

/* Add the <host> children of SRC to HOSTS. */
static void
parseHosts(xmlNodePtr src, GPtrArray *hosts)
{
    xmlNodePtr cur;

    for (cur = src ? src->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && strcmp((const char *)cur->name, "host") == 0) {
            virStorageHost *host = g_new0(virStorageHost, 1);
            host->name = xmlProp(cur, "name");
            host->port = xmlProp(cur, "port");
            g_ptr_array_add(hosts, host);
        }
    }
}

virStoragePoolDef *
virStoragePoolDefParse(const char *xml)
{
    g_autoptr(virStoragePoolDef) def = poolDefNew();
    g_autofree char *type = NULL;
    g_autofree char *uuid = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr src;
    xmlNodePtr target;
    xmlNodePtr cur;
    virStoragePoolDef *ret = NULL;

    if (!(doc = storageReadXML(xml, "storage_pool_definition", "pool")))
        return NULL;
    root = xmlDocGetRootElement(doc);

    if (!(type = xmlProp(root, "type"))) {
        storageXMLError(VIR_FROM_XML, "%s",
                        _("Missing required attribute 'type' in element 'pool'"));
        goto cleanup;
    }
    if ((def->type = virStoragePoolTypeFromString(type)) < 0) {
        storageXMLError(VIR_FROM_XML,
                        _("Invalid value for attribute 'type' in element 'pool': '%s'."),
                        type);
        goto cleanup;
    }

    src = virXMLChild(root, "source");
    parseHosts(src, def->hosts);
    for (cur = src ? src->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && strcmp((const char *)cur->name, "device") == 0) {
            char *path = xmlProp(cur, "path");
            if (path)
                g_ptr_array_add(def->devices, path);
        }
    }
    def->srcDir = xmlProp(virXMLChild(src, "dir"), "path");
    def->srcName = xmlText(virXMLChild(src, "name"));
    def->srcFormat = xmlProp(virXMLChild(src, "format"), "type");

    def->name = xmlText(virXMLChild(root, "name"));
    if (!def->name && def->type == VIR_STORAGE_POOL_TYPE_LOGICAL)
        def->name = g_strdup(def->srcName);
    if (!def->name) {
        storageXMLError(VIR_FROM_STORAGE, "%s", _("missing pool source name element"));
        goto cleanup;
    }
    if (def->type == VIR_STORAGE_POOL_TYPE_LOGICAL && !def->srcName)
        def->srcName = g_strdup(def->name);
    if (!def->srcFormat && poolSource[def->type].defFormat)
        def->srcFormat = g_strdup(poolSource[def->type].defFormat);

    if ((uuid = xmlText(virXMLChild(root, "uuid")))) {
        if (virUUIDParse(g_strstrip(uuid), def->uuid) < 0) {
            storageXMLError(VIR_FROM_STORAGE, "%s", _("malformed uuid element"));
            goto cleanup;
        }
    } else {
        virUUIDGenerate(def->uuid);
    }

    if (def->type == VIR_STORAGE_POOL_TYPE_NETFS || def->type == VIR_STORAGE_POOL_TYPE_GLUSTER) {
        if (def->hosts->len == 0 ||
            !((virStorageHost *)g_ptr_array_index(def->hosts, 0))->name) {
            storageXMLError(VIR_FROM_STORAGE, "%s",
                            _("missing storage pool source host name"));
            goto cleanup;
        }
        if (!def->srcDir) {
            storageXMLError(VIR_FROM_STORAGE, "%s",
                            _("missing storage pool source path"));
            goto cleanup;
        }
    }

    target = virXMLChild(root, "target");
    def->targetPath = xmlText(virXMLChild(target, "path"));
    if (def->targetPath) {
        size_t len = strlen(g_strstrip(def->targetPath));
        /* libvirt keeps paths without a trailing slash */
        while (len > 1 && def->targetPath[len - 1] == '/')
            def->targetPath[--len] = '\0';
    } else if (def->type != VIR_STORAGE_POOL_TYPE_RBD &&
               def->type != VIR_STORAGE_POOL_TYPE_SHEEPDOG &&
               def->type != VIR_STORAGE_POOL_TYPE_GLUSTER &&
               def->type != VIR_STORAGE_POOL_TYPE_ISCSI_DIRECT) {
        storageXMLError(VIR_FROM_STORAGE, "%s", _("missing storage pool target path"));
        goto cleanup;
    }
    parsePerms(target, &def->perms);
    ret = g_steal_pointer(&def);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

/* Check FORMAT (may be NULL) for a volume of a pool of type POOLTYPE and
 * return it or the type's default (NULL for pools without formats). */
static int
volFormat(int poolType, char **format)
{
    const char *const *formats;

    if (!virStoragePoolTypeHasFileVolumes(poolType) && poolType != VIR_STORAGE_POOL_TYPE_DISK) {
        g_clear_pointer(format, g_free);
        return 0;
    }
    formats = poolType == VIR_STORAGE_POOL_TYPE_DISK ? diskFormats : fileFormats;
    if (*format && strIndex(formats, 32, *format) < 0) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_CONFIG_UNSUPPORTED, __FILE__,
                             __func__, __LINE__, _("unknown volume format type %s"),
                             *format);
        return -1;
    }
    if (!*format)
        *format = g_strdup(poolType == VIR_STORAGE_POOL_TYPE_DISK ? "none" : "raw");
    return 0;
}

virStorageVolDef *
virStorageVolDefParse(int poolType, const char *xml)
{
    g_autoptr(virStorageVolDef) def = g_new0(virStorageVolDef, 1);
    g_autofree char *type = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr node;
    xmlNodePtr target;
    virStorageVolDef *ret = NULL;

    if (!(doc = storageReadXML(xml, "storage_volume_definition", "volume")))
        return NULL;
    root = xmlDocGetRootElement(doc);

    if ((type = xmlProp(root, "type")) &&
        (def->type = strIndex(volTypeNames, G_N_ELEMENTS(volTypeNames), type)) < 0) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                             __LINE__, _("unknown volume type '%s'"), type);
        goto cleanup;
    }
    if (!(def->name = xmlText(virXMLChild(root, "name")))) {
        storageXMLError(VIR_FROM_STORAGE, "%s", _("missing volume name element"));
        goto cleanup;
    }
    if (!(node = virXMLChild(root, "capacity"))) {
        storageXMLError(VIR_FROM_STORAGE, "%s", _("missing capacity element"));
        goto cleanup;
    }
    if (virStorageParseSize(node, "capacity", &def->capacity) < 0)
        goto cleanup;
    if ((node = virXMLChild(root, "allocation"))) {
        if (virStorageParseSize(node, "allocation", &def->allocation) < 0)
            goto cleanup;
        def->hasAllocation = true;
    } else {
        def->allocation = def->capacity;
    }

    target = virXMLChild(root, "target");
    def->format = xmlProp(virXMLChild(target, "format"), "type");
    if (volFormat(poolType, &def->format) < 0)
        goto cleanup;
    def->compat = xmlText(virXMLChild(target, "compat"));
    parsePerms(target, &def->perms);
    if ((node = virXMLChild(root, "backingStore"))) {
        def->backingPath = xmlText(virXMLChild(node, "path"));
        def->backingFormat = xmlProp(virXMLChild(node, "format"), "type");
    }
    ret = g_steal_pointer(&def);

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}

GPtrArray *
virStorageSourceSpecHosts(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "srcSpec", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    GPtrArray *hosts;

    if (!root || strcmp((const char *)root->name, "source") != 0) {
        if (doc)
            xmlFreeDoc(doc);
        storageXMLError(VIR_FROM_STORAGE, "%s", _("(source_specification): malformed source"));
        return NULL;
    }
    hosts = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageHostFree);
    parseHosts(root, hosts);
    xmlFreeDoc(doc);
    return hosts;
}

/* ------------------------------------------------------------------ */
/* XML writing                                                        */

void
virStorageXMLEscape(GString *buf, const char *s)
{
    g_autofree char *e = g_markup_escape_text(s, -1);

    g_string_append(buf, e);
}

static void
formatPerms(GString *buf, const virStoragePerms *perms, const char *indent)
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

static void
formatTimestamps(GString *buf, const virStorageTimestamps *ts, const char *indent)
{
    if (!ts->set)
        return;
    g_string_append_printf(buf, "%s<timestamps>\n", indent);
    g_string_append_printf(buf, "%s  <atime>%lld.%09ld</atime>\n", indent,
                           ts->atime_sec, ts->atime_nsec);
    g_string_append_printf(buf, "%s  <mtime>%lld.%09ld</mtime>\n", indent,
                           ts->mtime_sec, ts->mtime_nsec);
    g_string_append_printf(buf, "%s  <ctime>%lld.%09ld</ctime>\n", indent,
                           ts->ctime_sec, ts->ctime_nsec);
    g_string_append_printf(buf, "%s  <btime>0</btime>\n", indent);
    g_string_append_printf(buf, "%s</timestamps>\n", indent);
}

/* INDENT<NAME>TEXT</NAME> with TEXT escaped */
static void
formatText(GString *buf, const char *indent, const char *name, const char *text)
{
    g_string_append_printf(buf, "%s<%s>", indent, name);
    virStorageXMLEscape(buf, text);
    g_string_append_printf(buf, "</%s>\n", name);
}

/* INDENT<NAME ATTR='VALUE'/> with VALUE escaped */
static void
formatEmpty(GString *buf, const char *indent, const char *name, const char *attr,
            const char *value)
{
    g_string_append_printf(buf, "%s<%s %s='", indent, name, attr);
    virStorageXMLEscape(buf, value);
    g_string_append(buf, "'/>\n");
}

char *
virStoragePoolDefFormat(const virStoragePoolDef *def)
{
    GString *buf = g_string_new(NULL);
    unsigned int show = poolSource[def->type].show;
    char uuid[VIR_UUID_STRING_BUFLEN];
    size_t i;

    virUUIDFormat(def->uuid, uuid);
    g_string_append_printf(buf, "<pool type='%s'>\n", poolTypeNames[def->type]);
    formatText(buf, "  ", "name", def->name);
    g_string_append_printf(buf, "  <uuid>%s</uuid>\n", uuid);
    g_string_append_printf(buf, "  <capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    g_string_append_printf(buf, "  <allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    g_string_append_printf(buf, "  <available unit='bytes'>%llu</available>\n", def->available);
    g_string_append(buf, "  <source>\n");
    for (i = 0; (show & SRC_HOST) && i < def->hosts->len; i++) {
        virStorageHost *host = g_ptr_array_index(def->hosts, i);
        g_string_append(buf, "    <host name='");
        virStorageXMLEscape(buf, host->name ? host->name : "");
        g_string_append(buf, "'");
        if (host->port)
            g_string_append_printf(buf, " port='%d'", atoi(host->port));
        g_string_append(buf, "/>\n");
    }
    for (i = 0; (show & SRC_DEVICE) && i < def->devices->len; i++)
        formatEmpty(buf, "    ", "device", "path", g_ptr_array_index(def->devices, i));
    if ((show & SRC_DIR) && def->srcDir)
        formatEmpty(buf, "    ", "dir", "path", def->srcDir);
    if ((show & SRC_NAME) && def->srcName)
        formatText(buf, "    ", "name", def->srcName);
    if ((show & SRC_FORMAT) && def->srcFormat)
        g_string_append_printf(buf, "    <format type='%s'/>\n", def->srcFormat);
    g_string_append(buf, "  </source>\n");
    if (def->targetPath || def->perms.mode || def->perms.owner) {
        g_string_append(buf, "  <target>\n");
        if (def->targetPath)
            formatText(buf, "    ", "path", def->targetPath);
        formatPerms(buf, &def->perms, "    ");
        g_string_append(buf, "  </target>\n");
    }
    g_string_append(buf, "</pool>\n");
    return g_string_free(buf, FALSE);
}

char *
virStorageVolDefFormat(const virStorageVolDef *def)
{
    GString *buf = g_string_new(NULL);

    g_string_append_printf(buf, "<volume type='%s'>\n", volTypeNames[def->type]);
    formatText(buf, "  ", "name", def->name);
    formatText(buf, "  ", "key", def->key);
    g_string_append_printf(buf, "  <capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    g_string_append_printf(buf, "  <allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    if (def->hasPhysical)
        g_string_append_printf(buf, "  <physical unit='bytes'>%llu</physical>\n", def->physical);
    g_string_append(buf, "  <target>\n");
    formatText(buf, "    ", "path", def->key);
    if (def->format)
        g_string_append_printf(buf, "    <format type='%s'/>\n", def->format);
    formatPerms(buf, &def->perms, "    ");
    formatTimestamps(buf, &def->timestamps, "    ");
    g_string_append(buf, "  </target>\n");
    if (def->backingPath) {
        g_string_append(buf, "  <backingStore>\n");
        formatText(buf, "    ", "path", def->backingPath);
        if (def->backingFormat)
            g_string_append_printf(buf, "    <format type='%s'/>\n", def->backingFormat);
        formatPerms(buf, &def->backingPerms, "    ");
        formatTimestamps(buf, &def->backingTimestamps, "    ");
        g_string_append(buf, "  </backingStore>\n");
    }
    g_string_append(buf, "</volume>\n");
    return g_string_free(buf, FALSE);
}
