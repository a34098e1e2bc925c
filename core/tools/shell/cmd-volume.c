/*
 * cmd-volume.c: the virsh 'volume' group's commands of this area: storage
 * volumes, listed, described, created, cloned, resized, wiped, deleted,
 * and their contents moved to and from files
 */
#define _GNU_SOURCE  /* SEEK_DATA, SEEK_HOLE */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "virtkit-cmds.h"

/* vshError, then libvirt's own error at once: the handles a handler frees
 * on its way out reset libvirt's last error before the core could print
 * it. */
static void G_GNUC_PRINTF(2, 3)
stoError(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vshError(ctl, "%s", msg);
    vshReportError(ctl);
}

/* cmd-pool.c: a dumpxml result, whole or filtered by --xpath */



/* A size as virsh reads one: digits and an optional unit (b, k, KiB, KB,
 * M, ..., E); "Malformed size X" (and libvirt's reason for a bad unit)
 * when it is not one. */
static bool
volParseSize(vshControl *ctl, const char *str, unsigned long long *value)
{
    const char *p = str;
    char *end = NULL;
    unsigned long long v;
    unsigned long long scale = 1;

    while (g_ascii_isspace(*p))
        p++;
    if (*p == '-') {
        stoError(ctl, "Malformed size %s", str);
        return false;
    }
    errno = 0;
    v = strtoull(str, &end, 10);
    if (errno != 0 || end == str) {
        stoError(ctl, "Malformed size %s", str);
        return false;
    }
    if (*end) {
        if (g_ascii_strcasecmp(end, "b") == 0 || g_ascii_strcasecmp(end, "byte") == 0 ||
            g_ascii_strcasecmp(end, "bytes") == 0) {
            scale = 1;
        } else {
            unsigned long long base;
            int power;

            if (!end[1] || g_ascii_strcasecmp(end + 1, "iB") == 0) {
                base = 1024;
            } else if (g_ascii_tolower(end[1]) == 'b' && !end[2]) {
                base = 1000;
            } else {
                stoError(ctl, "Malformed size %s", str);
                stoError(ctl, "invalid argument: unknown suffix '%s'", end);
                return false;
            }
            switch (g_ascii_tolower(*end)) {
            case 'k': power = 1; break;
            case 'm': power = 2; break;
            case 'g': power = 3; break;
            case 't': power = 4; break;
            case 'p': power = 5; break;
            case 'e': power = 6; break;
            default:
                stoError(ctl, "Malformed size %s", str);
                stoError(ctl, "invalid argument: unknown suffix '%s'", end);
                return false;
            }
            while (power--)
                scale *= base;
        }
    }
    if (v && v > ULLONG_MAX / scale) {
        stoError(ctl, "Malformed size %s", str);
        stoError(ctl, "numerical overflow: value too large: %llu%s", v, end);
        return false;
    }
    *value = v * scale;
    return true;
}

static const char *
volTypeName(int type)
{
    switch (type) {
    case VIR_STORAGE_VOL_FILE: return "file";
    case VIR_STORAGE_VOL_BLOCK: return "block";
    case VIR_STORAGE_VOL_DIR: return "dir";
    case VIR_STORAGE_VOL_NETWORK: return "network";
    case VIR_STORAGE_VOL_NETDIR: return "netdir";
    case VIR_STORAGE_VOL_PLOOP: return "ploop";
    default: return "unknown";
    }
}

static char *
volPretty(unsigned long long bytes)
{
    const char *unit;
    double v = vshPrettyCapacity(bytes, &unit);
    return g_strdup_printf("%.2lf %s", v, unit);
}

#define OPT_VOL(h) \
    {.name = "vol", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = h, \
     .completer = VSH_COMPLETE_VOLUME}
#define OPT_POOL \
    {.name = "pool", .type = VSH_OT_STRING, .help = "pool name or uuid", \
     .completer = VSH_COMPLETE_POOL}

/* ---- vol-list ---- */

static const vshCmdOptDef opts_vol_list[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "details", .type = VSH_OT_BOOL, .help = "display extended details for volumes"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static int
volCompare(const void *a, const void *b)
{
    virStorageVolPtr va = *(virStorageVolPtr const *)a;
    virStorageVolPtr vb = *(virStorageVolPtr const *)b;
    return g_ascii_strcasecmp(virStorageVolGetName(va), virStorageVolGetName(vb));
}

static bool
cmdVolList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    virStorageVolPtr *vols = NULL;
    bool details = vshCommandOptBool(cmd, "details");
    int nvols;
    int i;

    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if ((nvols = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        stoError(ctl, "%s", "Failed to list volumes");
        return false;
    }
    qsort(vols, nvols, sizeof(*vols), volCompare);

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (i = 0; i < nvols; i++) {
            g_autofree char *path = virStorageVolGetPath(vols[i]);
            virStorageVolInfo info;

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virStorageVolGetName(vols[i]));
            json_builder_set_member_name(b, "path");
            if (path)
                json_builder_add_string_value(b, path);
            else
                json_builder_add_null_value(b);
            if (virStorageVolGetInfo(vols[i], &info) == 0) {
                json_builder_set_member_name(b, "type");
                json_builder_add_string_value(b, volTypeName(info.type));
                json_builder_set_member_name(b, "capacity");
                json_builder_add_int_value(b, (gint64)info.capacity);
                json_builder_set_member_name(b, "allocation");
                json_builder_add_int_value(b, (gint64)info.allocation);
            }
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        static const char *const header[] = { "Name", "Path", "Type", "Capacity", "Allocation" };
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);

        for (i = 0; i < nvols; i++) {
            g_autofree char *path = virStorageVolGetPath(vols[i]);
            const char *name = virStorageVolGetName(vols[i]);

            if (!details) {
                vshRowsAppend(rows, name, path ? path : "unknown", NULL);
            } else {
                virStorageVolInfo info;

                if (virStorageVolGetInfo(vols[i], &info) == 0) {
                    g_autofree char *cap = volPretty(info.capacity);
                    g_autofree char *alloc = volPretty(info.allocation);

                    vshRowsAppend(rows, name, path ? path : "unknown",
                                      volTypeName(info.type), cap, alloc, NULL);
                } else {
                    vshRowsAppend(rows, name, path ? path : "unknown",
                                      "unknown", "unknown", "unknown", NULL);
                }
            }
        }
        vshTablePrintRows(ctl, header, details ? 5 : 2, rows);
    }

    for (i = 0; i < nvols; i++)
        virStorageVolFree(vols[i]);
    free(vols);
    vshResetLibvirtError();
    return true;
}

/* ---- vol-info ---- */

static const vshCmdOptDef opts_vol_info[] = {
    OPT_VOL("vol name, key or path"),
    OPT_POOL,
    {.name = "bytes", .type = VSH_OT_BOOL, .help = "sizes are represented in bytes rather than pretty units"},
    {.name = "physical", .type = VSH_OT_BOOL, .help = "return the physical size of the volume in allocation field"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static bool
cmdVolInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    virStorageVolInfo info;
    bool bytes = vshCommandOptBool(cmd, "bytes");
    bool physical = vshCommandOptBool(cmd, "physical");
    int rc;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        if (physical)
            rc = virStorageVolGetInfoFlags(vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL);
        else
            rc = virStorageVolGetInfo(vol, &info);
        if (rc < 0) {
            vshReportError(ctl);
            return false;
        }
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, virStorageVolGetName(vol));
        json_builder_set_member_name(b, "type");
        json_builder_add_string_value(b, volTypeName(info.type));
        json_builder_set_member_name(b, "capacity");
        json_builder_add_int_value(b, (gint64)info.capacity);
        json_builder_set_member_name(b, physical ? "physical" : "allocation");
        json_builder_add_int_value(b, (gint64)info.allocation);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }

    vshPrint(ctl, "%-15s %s\n", "Name:", virStorageVolGetName(vol));
    if (physical)
        rc = virStorageVolGetInfoFlags(vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL);
    else
        rc = virStorageVolGetInfo(vol, &info);
    if (rc < 0) {
        vshReportError(ctl);
        return false;
    }

    vshPrint(ctl, "%-15s %s\n", "Type:", volTypeName(info.type));
    if (bytes) {
        vshPrint(ctl, "%-15s %llu %s\n", "Capacity:", info.capacity, "bytes");
        vshPrint(ctl, "%-15s %llu %s\n", physical ? "Physical:" : "Allocation:",
                 info.allocation, "bytes");
    } else {
        const char *unit;
        double v;

        v = vshPrettyCapacity(info.capacity, &unit);
        vshPrint(ctl, "%-15s %2.2lf %s\n", "Capacity:", v, unit);
        v = vshPrettyCapacity(info.allocation, &unit);
        vshPrint(ctl, "%-15s %2.2lf %s\n", physical ? "Physical:" : "Allocation:", v, unit);
    }
    return true;
}

/* ---- vol-dumpxml ---- */

static const vshCmdOptDef opts_vol_dumpxml[] = {
    OPT_VOL("vol name, key or path"),
    OPT_POOL,
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdVolDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    /* as virsh: an empty --xpath fails without a word */
    xpath = vshCommandOptStringQuiet(cmd, "xpath");
    if (xpath && !*xpath)
        return false;
    if (!(xml = virStorageVolGetXMLDesc(vol, 0))) {
        vshReportError(ctl);
        return false;
    }
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

/* ---- vol-create-as ---- */

static const vshCmdOptDef opts_vol_create_as[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name",
     .completer = VSH_COMPLETE_POOL},
    {.name = "name", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "name of the volume"},
    {.name = "capacity", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "size of the vol, as scaled integer (default bytes)"},
    {.name = "allocation", .type = VSH_OT_STRING,
     .help = "initial allocation size, as scaled integer (default bytes)"},
    {.name = "format", .type = VSH_OT_STRING,
     .help = "file format type raw,bochs,qcow,qcow2,qed,vmdk"},
    {.name = "backing-vol", .type = VSH_OT_STRING,
     .help = "the backing volume if taking a snapshot"},
    {.name = "backing-vol-format", .type = VSH_OT_STRING,
     .help = "format of backing volume if taking a snapshot"},
    {.name = "prealloc-metadata", .type = VSH_OT_BOOL,
     .help = "preallocate metadata (for qcow2 instead of full allocation)"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document, but don't define/create"},
    {.name = NULL},
};

static void
volXMLFormat(GString *buf, const char *indent, const char *type)
{
    /* virsh puts the values in as given, unescaped */
    g_string_append_printf(buf, "%s<format type='%s'/>\n", indent, type);
}

static bool
cmdVolCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL, *capStr = NULL, *allocStr = NULL, *format = NULL,
               *backing = NULL, *backingFormat = NULL;
    unsigned long long capacity = 0, allocation = 0;
    unsigned int flags = 0;
    g_autofree char *xml = NULL;
    GString *buf;

    if (vshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "capacity", &capStr) < 0)
        return false;
    if (!volParseSize(ctl, capStr, &capacity))
        return false;
    /* as virsh: an empty --allocation is no allocation */
    allocStr = vshCommandOptStringQuiet(cmd, "allocation");
    if (allocStr && !*allocStr)
        allocStr = NULL;
    if (allocStr && !volParseSize(ctl, allocStr, &allocation))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "backing-vol", &backing) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "backing-vol-format", &backingFormat) < 0)
        return false;

    buf = g_string_new("<volume>\n");
    g_string_append_printf(buf, "  <name>%s</name>\n", name);
    g_string_append_printf(buf, "  <capacity>%llu</capacity>\n", capacity);
    if (allocStr)
        g_string_append_printf(buf, "  <allocation>%llu</allocation>\n", allocation);
    if (format) {
        g_string_append(buf, "  <target>\n");
        volXMLFormat(buf, "    ", format);
        g_string_append(buf, "  </target>\n");
    }
    if (backing) {
        g_autoptr(virStorageVol) bvol = NULL;
        g_autofree char *bpath = NULL;

        vshDebug(ctl, VSH_ERR_DEBUG, "%s: Look up backing store volume '%s' as name",
                 cmd->def->name, backing);
        bvol = virStorageVolLookupByName(pool, backing);
        if (!bvol) {
            vshDebug(ctl, VSH_ERR_DEBUG, "%s: Look up backing store volume '%s' as key",
                     cmd->def->name, backing);
            bvol = virStorageVolLookupByKey(vshConnection(ctl), backing);
        }
        if (!bvol) {
            vshDebug(ctl, VSH_ERR_DEBUG, "%s: Look up backing store volume '%s' as path",
                     cmd->def->name, backing);
            bvol = virStorageVolLookupByPath(vshConnection(ctl), backing);
        }
        if (!bvol) {
            stoError(ctl, "failed to get vol '%s'", backing);
            g_string_free(buf, TRUE);
            return false;
        }
        if (!(bpath = virStorageVolGetPath(bvol))) {
            stoError(ctl, "failed to get vol '%s'", backing);
            g_string_free(buf, TRUE);
            return false;
        }
        g_string_append(buf, "  <backingStore>\n");
        g_string_append_printf(buf, "    <path>%s</path>\n", bpath);
        if (backingFormat)
            volXMLFormat(buf, "    ", backingFormat);
        g_string_append(buf, "  </backingStore>\n");
    }
    g_string_append(buf, "</volume>\n");
    xml = g_string_free(buf, FALSE);

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        stoError(ctl, "Failed to create vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created\n", name);
    return true;
}

/* ---- vol-create, vol-create-from ---- */

static const vshCmdOptDef opts_vol_create[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name",
     .completer = VSH_COMPLETE_POOL},
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML vol description", .completer = VSH_COMPLETE_FILE},
    {.name = "prealloc-metadata", .type = VSH_OT_BOOL,
     .help = "preallocate metadata (for qcow2 instead of full allocation)"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdVolCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        stoError(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created from %s\n", virStorageVolGetName(vol), file);
    return true;
}

static const vshCmdOptDef opts_vol_create_from[] = {
    {.name = "pool", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "pool name or uuid",
     .completer = VSH_COMPLETE_POOL},
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML vol description", .completer = VSH_COMPLETE_FILE},
    OPT_VOL("vol name, key or path"),
    {.name = "inputpool", .type = VSH_OT_STRING,
     .help = "pool name or uuid of the input volume's pool", .completer = VSH_COMPLETE_POOL},
    {.name = "prealloc-metadata", .type = VSH_OT_BOOL,
     .help = "preallocate metadata (for qcow2 instead of full allocation)"},
    {.name = "reflink", .type = VSH_OT_BOOL, .help = "use btrfs COW lightweight copy"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdVolCreateFrom(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) input = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshCommandOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virtkitCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(input = virtkitCommandOptVol(ctl, cmd, "vol", "inputpool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(vol = virStorageVolCreateXMLFrom(pool, xml, input, flags))) {
        stoError(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created from input vol %s\n",
                  virStorageVolGetName(vol), virStorageVolGetName(input));
    return true;
}

/* ---- vol-clone ---- */

static const vshCmdOptDef opts_vol_clone[] = {
    OPT_VOL("vol name, key or path"),
    {.name = "newname", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "clone name"},
    OPT_POOL,
    {.name = "prealloc-metadata", .type = VSH_OT_BOOL,
     .help = "preallocate metadata (for qcow2 instead of full allocation)"},
    {.name = "reflink", .type = VSH_OT_BOOL, .help = "use btrfs COW lightweight copy"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than clone the volume"},
    {.name = NULL},
};

static bool
cmdVolClone(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) orig = NULL;
    g_autoptr(virStoragePool) pool = NULL;
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *origxml = NULL;
    g_autofree char *newxml = NULL;
    const char *newname = NULL;
    const char *origname;
    unsigned int flags = 0;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    xmlNodePtr n;
    xmlBufferPtr buf;

    if (vshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshCommandOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (!(orig = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(orig))) {
        stoError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (vshCommandOptStringReq(ctl, cmd, "newname", &newname) < 0)
        return false;
    if (!(origxml = virStorageVolGetXMLDesc(orig, 0))) {
        vshReportError(ctl);
        return false;
    }

    if (!(doc = xmlReadMemory(origxml, strlen(origxml), "vol.xml", NULL,
                              XML_PARSE_NOBLANKS | XML_PARSE_NONET | XML_PARSE_NOWARNING))) {
        stoError(ctl, "%s", "Failed to parse the volume's XML");
        return false;
    }
    root = xmlDocGetRootElement(doc);
    for (n = root ? root->children : NULL; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "name")) {
            xmlNodeSetContent(n, NULL);
            xmlNodeAddContent(n, BAD_CAST newname);
            break;
        }
    }
    buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, root, 0, 1);
    newxml = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    xmlFreeDoc(doc);

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", newxml);
        return true;
    }
    origname = virStorageVolGetName(orig);
    if (!(vol = virStorageVolCreateXMLFrom(pool, newxml, orig, flags))) {
        stoError(ctl, "Failed to clone vol from %s", origname);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s cloned from %s\n", newname, origname);
    return true;
}

/* ---- vol-delete, vol-wipe, vol-resize ---- */

static const vshCmdOptDef opts_vol_delete[] = {
    OPT_VOL("vol name, key or path"),
    OPT_POOL,
    {.name = "delete-snapshots", .type = VSH_OT_BOOL,
     .help = "delete snapshots associated with volume (must be supported by storage driver)"},
    {.name = NULL},
};

static bool
cmdVolDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "delete-snapshots"))
        flags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, &name)))
        return false;
    if (virStorageVolDelete(vol, flags) < 0) {
        stoError(ctl, "Failed to delete vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s deleted\n", name);
    return true;
}

static const vshCmdOptDef opts_vol_wipe[] = {
    OPT_VOL("vol name, key or path"),
    OPT_POOL,
    {.name = "algorithm", .type = VSH_OT_STRING,
     .help = "perform selected wiping algorithm"},
    {.name = NULL},
};

static const char *const wipeAlgorithms[] = {
    "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7",
    "pfitzner33", "random", "trim",
};

static bool
cmdVolWipe(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL;
    const char *algStr = NULL;
    int algorithm = 0;
    int rc;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "algorithm", &algStr) < 0)
        return false;
    if (algStr) {
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(wipeAlgorithms); i++) {
            if (strcmp(algStr, wipeAlgorithms[i]) == 0)
                break;
        }
        if (i == G_N_ELEMENTS(wipeAlgorithms)) {
            stoError(ctl, "Unsupported algorithm '%s'", algStr);
            return false;
        }
        algorithm = (int)i;
    }
    if (algorithm == 0)
        rc = virStorageVolWipe(vol, 0);
    else
        rc = virStorageVolWipePattern(vol, algorithm, 0);
    if (rc < 0) {
        stoError(ctl, "Failed to wipe vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s wiped\n", name);
    return true;
}

static const vshCmdOptDef opts_vol_resize[] = {
    OPT_VOL("vol name, key or path"),
    {.name = "capacity", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "new capacity for the vol, as scaled integer (default bytes)"},
    OPT_POOL,
    {.name = "allocate", .type = VSH_OT_BOOL,
     .help = "allocate the new capacity, rather than leaving it sparse"},
    {.name = "delta", .type = VSH_OT_BOOL,
     .help = "use capacity as a delta to current size, rather than the new size"},
    {.name = "shrink", .type = VSH_OT_BOOL, .help = "allow the resize to shrink the volume"},
    {.name = NULL},
};

static bool
cmdVolResize(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    const char *capStr = NULL;
    const char *volname;
    unsigned long long capacity = 0;
    unsigned int flags = 0;
    bool delta = vshCommandOptBool(cmd, "delta");

    if (vshCommandOptBool(cmd, "allocate"))
        flags |= VIR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (vshCommandOptBool(cmd, "shrink"))
        flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;
    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "capacity", &capStr) < 0)
        return false;
    while (g_ascii_isspace(*capStr))
        capStr++;
    if (*capStr == '-') {
        if (!(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
            stoError(ctl, "%s", "negative size requires --shrink");
            return false;
        }
        capStr++;
        delta = true;
    }
    if (delta)
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
    if (!volParseSize(ctl, capStr, &capacity))
        return false;
    volname = virStorageVolGetName(vol);
    if (virStorageVolResize(vol, capacity, flags) < 0) {
        stoError(ctl, "Failed to change size of volume '%s' %s %s",
                 volname, delta ? "by" : "to", capStr);
        return false;
    }
    vshPrintExtra(ctl, "Size of volume '%s' successfully changed %s %s\n",
                  volname, delta ? "by" : "to", capStr);
    return true;
}

/* ---- vol-upload, vol-download ---- */

static const vshCmdOptDef opts_vol_upload[] = {
    OPT_VOL("vol name, key or path"),
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "file",
     .completer = VSH_COMPLETE_FILE},
    OPT_POOL,
    {.name = "offset", .type = VSH_OT_INT, .help = "volume offset to upload to"},
    {.name = "length", .type = VSH_OT_INT, .help = "amount of data to upload"},
    {.name = "sparse", .type = VSH_OT_BOOL, .help = "preserve sparseness of volume"},
    {.name = NULL},
};

static const vshCmdOptDef opts_vol_download[] = {
    OPT_VOL("vol name, key or path"),
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "file",
     .completer = VSH_COMPLETE_FILE},
    OPT_POOL,
    {.name = "offset", .type = VSH_OT_INT, .help = "volume offset to download from"},
    {.name = "length", .type = VSH_OT_INT, .help = "amount of data to download"},
    {.name = "sparse", .type = VSH_OT_BOOL, .help = "preserve sparseness of volume"},
    {.name = NULL},
};

static int
volStreamSource(virStreamPtr st G_GNUC_UNUSED, char *bytes, size_t nbytes, void *opaque)
{
    int fd = *(int *)opaque;
    return read(fd, bytes, nbytes);
}

static int
volStreamSink(virStreamPtr st G_GNUC_UNUSED, const char *bytes, size_t nbytes, void *opaque)
{
    int fd = *(int *)opaque;
    size_t done = 0;

    while (done < nbytes) {
        ssize_t w = write(fd, bytes + done, nbytes - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += w;
    }
    return (int)nbytes;
}

/* --sparse: where the file's data and holes are (SEEK_DATA/SEEK_HOLE) */
static int
volStreamSourceHole(virStreamPtr st G_GNUC_UNUSED, int *inData, long long *length, void *opaque)
{
    int fd = *(int *)opaque;
    off_t cur = lseek(fd, 0, SEEK_CUR);
    off_t data;
    off_t hole;
    off_t end;

    if (cur < 0)
        return -1;
    data = lseek(fd, cur, SEEK_DATA);
    if (data < 0) {
        if (errno != ENXIO)
            return -1;
        /* no more data: a hole to the end of the file */
        end = lseek(fd, 0, SEEK_END);
        if (end < 0 || lseek(fd, cur, SEEK_SET) < 0)
            return -1;
        *inData = 0;
        *length = end - cur;
        return 0;
    }
    if (data > cur) {
        *inData = 0;
        *length = data - cur;
    } else {
        hole = lseek(fd, cur, SEEK_HOLE);
        if (hole < 0)
            return -1;
        *inData = 1;
        *length = hole - cur;
    }
    if (lseek(fd, cur, SEEK_SET) < 0)
        return -1;
    return 0;
}

static int
volStreamSourceSkip(virStreamPtr st G_GNUC_UNUSED, long long length, void *opaque)
{
    int fd = *(int *)opaque;
    return lseek(fd, length, SEEK_CUR) < 0 ? -1 : 0;
}

static int
volStreamSinkHole(virStreamPtr st G_GNUC_UNUSED, long long length, void *opaque)
{
    int fd = *(int *)opaque;
    off_t cur = lseek(fd, length, SEEK_CUR);

    if (cur < 0)
        return -1;
    /* the file reaches the end of the hole even when nothing follows */
    return ftruncate(fd, cur) < 0 && errno != EINVAL ? -1 : 0;
}

static bool
volTransferOpts(vshControl *ctl, const vshCmd *cmd, unsigned long long *offset,
                unsigned long long *length)
{
    const char *lenStr = vshCommandOptStringQuiet(cmd, "length");
    char *end = NULL;

    *offset = 0;
    *length = 0;
    if (vshCommandOptULongLong(ctl, cmd, "offset", offset) < 0)
        return false;
    /* as virsh, a negative length wraps around (-1: all of it) */
    if (lenStr) {
        errno = 0;
        *length = strtoull(lenStr, &end, 10);
        if (errno != 0 || end == lenStr || *end) {
            stoError(ctl, "Numeric value '%s' for <length> option is malformed or out of range",
                     lenStr);
            return false;
        }
    }
    return true;
}

static bool
cmdVolUpload(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL;
    const char *file = NULL;
    unsigned long long offset, length;
    unsigned int flags = 0;
    virStreamPtr st = NULL;
    bool ret = false;
    int fd;

    if (!volTransferOpts(ctl, cmd, &offset, &length))
        return false;
    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM;
    if ((fd = open(file, O_RDONLY)) < 0) {
        stoError(ctl, "cannot read %s", file);
        return false;
    }
    st = virStreamNew(vshConnection(ctl), 0);
    if (virStorageVolUpload(vol, st, offset, length, flags) < 0) {
        stoError(ctl, "cannot upload to volume %s", name);
        goto cleanup;
    }
    if ((flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
        ? virStreamSparseSendAll(st, volStreamSource, volStreamSourceHole,
                                 volStreamSourceSkip, &fd) < 0
        : virStreamSendAll(st, volStreamSource, &fd) < 0) {
        stoError(ctl, "cannot send data to volume %s", name);
        goto cleanup;
    }
    if (virStreamFinish(st) < 0) {
        stoError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    if (st)
        virStreamFree(st);
    close(fd);
    return ret;
}

static bool
cmdVolDownload(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    const char *name = NULL;
    const char *file = NULL;
    unsigned long long offset, length;
    unsigned int flags = 0;
    virStreamPtr st = NULL;
    bool created = false;
    bool ret = false;
    int fd;

    if (!volTransferOpts(ctl, cmd, &offset, &length))
        return false;
    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM;
    if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0) {
        if (errno != EEXIST || (fd = open(file, O_WRONLY | O_TRUNC, 0666)) < 0) {
            stoError(ctl, "cannot create %s", file);
            return false;
        }
    } else {
        created = true;
    }
    st = virStreamNew(vshConnection(ctl), 0);
    if (virStorageVolDownload(vol, st, offset, length, flags) < 0) {
        stoError(ctl, "cannot download from volume %s", name);
        goto cleanup;
    }
    if ((flags & VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
        ? virStreamSparseRecvAll(st, volStreamSink, volStreamSinkHole, &fd) < 0
        : virStreamRecvAll(st, volStreamSink, &fd) < 0) {
        stoError(ctl, "cannot receive data from volume %s", name);
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        stoError(ctl, "Unable to close %s", file);
        goto cleanup;
    }
    fd = -1;
    if (virStreamFinish(st) < 0) {
        stoError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    if (fd >= 0)
        close(fd);
    if (!ret && created)
        unlink(file);
    if (st)
        virStreamFree(st);
    return ret;
}

/* ---- vol-key, vol-name, vol-path, vol-pool ---- */

static const vshCmdOptDef opts_vol_key[] = {
    OPT_VOL("volume name or path"),
    OPT_POOL,
    {.name = NULL},
};

static const vshCmdOptDef opts_vol_name[] = {
    OPT_VOL("volume key or path"),
    {.name = NULL},
};

static const vshCmdOptDef opts_vol_path[] = {
    OPT_VOL("volume name or key"),
    OPT_POOL,
    {.name = NULL},
};

static const vshCmdOptDef opts_vol_pool[] = {
    OPT_VOL("volume key or path"),
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "return the pool uuid rather than pool name"},
    {.name = NULL},
};

static bool
cmdVolKey(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    vshPrint(ctl, "%s\n", virStorageVolGetKey(vol));
    return true;
}

static bool
cmdVolName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", NULL, VIRTKIT_VOL_BYKEY | VIRTKIT_VOL_BYPATH, NULL)))
        return false;
    vshPrint(ctl, "%s\n", virStorageVolGetName(vol));
    return true;
}

static bool
cmdVolPath(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    g_autofree char *path = NULL;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", "pool", VIRTKIT_VOL_BYALL, NULL)))
        return false;
    if (!(path = virStorageVolGetPath(vol))) {
        vshReportError(ctl);
        return false;
    }
    vshPrint(ctl, "%s\n", path);
    return true;
}

static bool
cmdVolPool(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virStorageVol) vol = NULL;
    g_autoptr(virStoragePool) pool = NULL;

    if (!(vol = virtkitCommandOptVol(ctl, cmd, "vol", NULL, VIRTKIT_VOL_BYKEY | VIRTKIT_VOL_BYPATH, NULL)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol))) {
        stoError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (vshCommandOptBool(cmd, "uuid")) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virStoragePoolGetUUIDString(pool, uuid) == 0)
            vshPrint(ctl, "%s\n", uuid);
    } else {
        vshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    }
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "vol-clone", .handler = cmdVolClone, .opts = opts_vol_clone,
     .help = "clone a volume.", .desc = "Clone an existing volume within the parent pool."},
    {.name = "vol-create-as", .handler = cmdVolCreateAs, .opts = opts_vol_create_as,
     .help = "create a volume from a set of args", .desc = "Create a vol."},
    {.name = "vol-create", .handler = cmdVolCreate, .opts = opts_vol_create,
     .help = "create a vol from an XML file", .desc = "Create a vol."},
    {.name = "vol-create-from", .handler = cmdVolCreateFrom, .opts = opts_vol_create_from,
     .help = "create a vol, using another volume as input",
     .desc = "Create a vol from an existing volume."},
    {.name = "vol-delete", .handler = cmdVolDelete, .opts = opts_vol_delete,
     .help = "delete a vol", .desc = "Delete a given vol."},
    {.name = "vol-download", .handler = cmdVolDownload, .opts = opts_vol_download,
     .help = "download volume contents to a file", .desc = "Download volume contents to a file"},
    {.name = "vol-dumpxml", .handler = cmdVolDumpXML, .opts = opts_vol_dumpxml,
     .help = "vol information in XML", .desc = "Output the vol information as an XML dump to stdout."},
    {.name = "vol-info", .handler = cmdVolInfo, .opts = opts_vol_info,
     .help = "storage vol information", .desc = "Returns basic information about the storage vol."},
    {.name = "vol-key", .handler = cmdVolKey, .opts = opts_vol_key,
     .help = "returns the volume key for a given volume name or path", .desc = ""},
    {.name = "vol-list", .handler = cmdVolList, .opts = opts_vol_list,
     .help = "list vols", .desc = "Returns list of vols by pool."},
    {.name = "vol-name", .handler = cmdVolName, .opts = opts_vol_name,
     .help = "returns the volume name for a given volume key or path", .desc = ""},
    {.name = "vol-path", .handler = cmdVolPath, .opts = opts_vol_path,
     .help = "returns the volume path for a given volume name or key", .desc = ""},
    {.name = "vol-pool", .handler = cmdVolPool, .opts = opts_vol_pool,
     .help = "returns the storage pool for a given volume key or path", .desc = ""},
    {.name = "vol-resize", .handler = cmdVolResize, .opts = opts_vol_resize,
     .help = "resize a vol",
     .desc = "Resizes a storage volume. This is safe only for storage volumes not in use by an active guest.\n"
             "See blockresize for live resizing."},
    {.name = "vol-upload", .handler = cmdVolUpload, .opts = opts_vol_upload,
     .help = "upload file contents to a volume", .desc = "Upload file contents to a volume"},
    {.name = "vol-wipe", .handler = cmdVolWipe, .opts = opts_vol_wipe,
     .help = "wipe a vol",
     .desc = "Ensure data previously on a volume is not accessible to future reads"},
    {.name = NULL},
};

const vshCmdTable virtkitVolumeTable = { "volume", cmds };
