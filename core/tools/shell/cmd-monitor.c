/*
 * cmd-monitor.c: the virsh 'monitor' group's commands of this area: what
 * a domain's disks and interfaces are and how busy they are, its memory
 * statistics, its control state and the bulk statistics of domains.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

#define MON_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}

#define MON_OPT_JSON \
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"}

/* A domain's XML description, parsed; NULL when libvirt failed (its error
 * is left for the shell to print). */
typedef struct {
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt;
} monXML;

static void
monXMLClear(monXML *x)
{
    if (x->ctxt)
        xmlXPathFreeContext(x->ctxt);
    if (x->doc)
        xmlFreeDoc(x->doc);
    x->ctxt = NULL;
    x->doc = NULL;
}

static bool
monXMLLoad(vshControl *ctl, virDomainPtr dom, unsigned int flags, monXML *x)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, flags);

    x->doc = NULL;
    x->ctxt = NULL;
    if (!xml)
        return false;
    x->doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!x->doc || !(x->ctxt = xmlXPathNewContext(x->doc))) {
        vshError(ctl, "%s", "Failed to parse domain XML");
        monXMLClear(x);
        return false;
    }
    return true;
}

/* The nodes EXPR selects (relative to the context node); unref the array. */
static GPtrArray *
monXPathNodes(monXML *x, const char *expr)
{
    GPtrArray *nodes = g_ptr_array_new();
    xmlXPathObjectPtr obj = xmlXPathEval(BAD_CAST expr, x->ctxt);
    int i;

    if (obj && obj->type == XPATH_NODESET && obj->nodesetval) {
        for (i = 0; i < obj->nodesetval->nodeNr; i++)
            g_ptr_array_add(nodes, obj->nodesetval->nodeTab[i]);
    }
    xmlXPathFreeObject(obj);
    return nodes;
}

/* The string value of EXPR from NODE, or NULL when empty; g_free it. */
static char *
monXPathString(monXML *x, xmlNodePtr node, const char *expr)
{
    xmlXPathObjectPtr obj;
    char *ret = NULL;

    x->ctxt->node = node ? node : xmlDocGetRootElement(x->doc);
    obj = xmlXPathEval(BAD_CAST expr, x->ctxt);
    if (obj && obj->type == XPATH_STRING && obj->stringval && *obj->stringval)
        ret = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return ret;
}

static bool
monXPathExists(monXML *x, xmlNodePtr node, const char *expr)
{
    xmlXPathObjectPtr obj;
    bool ret;

    x->ctxt->node = node;
    obj = xmlXPathEval(BAD_CAST expr, x->ctxt);
    ret = obj && obj->type == XPATH_NODESET && obj->nodesetval &&
          obj->nodesetval->nodeNr > 0;
    xmlXPathFreeObject(obj);
    return ret;
}

/* A table built row by row, printed by the shell (which follows -q). */
typedef struct {
    GPtrArray *rows;   /* GStrv; the first is the header */
} monTable;

static void
monTableInit(monTable *t, const char *const *header)
{
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_ptr_array_add(t->rows, g_strdupv((char **)header));
}

static void
monTableAdd(monTable *t, const char *const *cells)
{
    g_ptr_array_add(t->rows, g_strdupv((char **)cells));
}

static void
monTablePrint(vshControl *ctl, monTable *t)
{
    char **header = t->rows->pdata[0];
    g_autoptr(GPtrArray) rows = g_ptr_array_new();
    guint r;

    for (r = 1; r < t->rows->len; r++)
        g_ptr_array_add(rows, t->rows->pdata[r]);
    vshTablePrintRows(ctl, (const char *const *)header, g_strv_length(header), rows);
}

static void
monTableClear(monTable *t)
{
    g_ptr_array_unref(t->rows);
    t->rows = NULL;
}

/* A JSON member that is null for virsh's "-". */
static void
monJSONString(JsonBuilder *b, const char *key, const char *value)
{
    json_builder_set_member_name(b, key);
    if (value && strcmp(value, "-") != 0)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

static bool
monIsMAC(const char *s)
{
    int i;

    if (strlen(s) != 17)
        return false;
    for (i = 0; i < 17; i++) {
        if (i % 3 == 2) {
            if (s[i] != ':')
                return false;
        } else if (!g_ascii_isxdigit(s[i])) {
            return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domblkerror                                                        */

static const vshCmdOptDef opts_domblkerror[] = {
    MON_OPT_DOMAIN,
    {.name = NULL},
};

static const char *
monDiskErrorString(int code)
{
    switch (code) {
    case VIR_DOMAIN_DISK_ERROR_NONE:
        return "no error";
    case VIR_DOMAIN_DISK_ERROR_UNSPEC:
        return "unspecified error";
    case VIR_DOMAIN_DISK_ERROR_NO_SPACE:
        return "no space";
    default:
        return "unknown error";
    }
}

static bool
cmdDomblkerror(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
    g_autofree virDomainDiskErrorPtr errors = NULL;
    int count;
    int i;

    if (!dom)
        return false;
    if ((count = virDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        return false;
    if (count > 0) {
        errors = g_new0(virDomainDiskError, count);
        if ((count = virDomainGetDiskErrors(dom, errors, count, 0)) < 0)
            return false;
    }
    if (count == 0)
        vshPrint(ctl, "No errors found\n");
    for (i = 0; i < count; i++) {
        vshPrint(ctl, "%s: %s\n", errors[i].disk, monDiskErrorString(errors[i].error));
        free(errors[i].disk);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domblkinfo                                                         */

static const vshCmdOptDef opts_domblkinfo[] = {
    MON_OPT_DOMAIN,
    {.name = "device", .type = VSH_OT_STRING, .help = "block device"},
    {.name = "human", .type = VSH_OT_BOOL, .help = "Human readable output"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "display all block devices info"},
    MON_OPT_JSON,
    {.name = NULL},
};

static char *
monSize(unsigned long long value, bool human)
{
    const char *unit;
    double v;

    if (!human)
        return g_strdup_printf("%llu", value);
    v = vshPrettyCapacity(value, &unit);
    return g_strdup_printf("%.3lf %s", v, unit);
}

static void
monJSONBlockInfo(JsonBuilder *b, const virDomainBlockInfo *info)
{
    json_builder_set_member_name(b, "capacity");
    if (info)
        json_builder_add_int_value(b, info->capacity);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "allocation");
    if (info)
        json_builder_add_int_value(b, info->allocation);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "physical");
    if (info)
        json_builder_add_int_value(b, info->physical);
    else
        json_builder_add_null_value(b);
}

static bool
cmdDomblkinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool human = vshCommandOptBool(cmd, "human");
    bool all = vshCommandOptBool(cmd, "all");
    bool json = vshCommandOptBool(cmd, "json");
    const char *device = NULL;
    virDomainBlockInfo info;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "device"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;

    if (all) {
        g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
        static const char *const header[] = {"Target", "Capacity", "Allocation", "Physical", NULL};
        monXML x;
        monTable t;
        bool active = virDomainIsActive(dom) == 1;
        bool ok = true;
        g_autoptr(GPtrArray) disks = NULL;
        guint i;

        if (!monXMLLoad(ctl, dom, 0, &x))
            return false;
        disks = monXPathNodes(&x, "/domain/devices/disk");
        monTableInit(&t, header);
        if (b)
            json_builder_begin_array(b);
        for (i = 0; i < disks->len && ok; i++) {
            xmlNodePtr disk = disks->pdata[i];
            g_autofree char *target = monXPathString(&x, disk, "string(./target/@dev)");
            g_autofree char *type = monXPathString(&x, disk, "string(./@type)");
            bool have = false;

            if (!target)
                continue;
            if (monXPathExists(&x, disk, "./source")) {
                if (virDomainGetBlockInfo(dom, target, &info, 0) == 0) {
                    have = true;
                } else if (!active && type &&
                           (strcmp(type, "network") == 0 || strcmp(type, "volume") == 0)) {
                    vshResetLibvirtError();
                } else {
                    ok = false;
                    break;
                }
            }
            if (b) {
                json_builder_begin_object(b);
                monJSONString(b, "target", target);
                monJSONBlockInfo(b, have ? &info : NULL);
                json_builder_end_object(b);
            } else if (have) {
                g_autofree char *cap = monSize(info.capacity, human);
                g_autofree char *alloc = monSize(info.allocation, human);
                g_autofree char *phys = monSize(info.physical, human);
                const char *cells[] = {target, cap, alloc, phys, NULL};

                monTableAdd(&t, cells);
            } else {
                const char *cells[] = {target, "-", "-", "-", NULL};

                monTableAdd(&t, cells);
            }
        }
        if (ok) {
            if (b) {
                json_builder_end_array(b);
                vshPrintJSON(ctl, b);
            } else {
                monTablePrint(ctl, &t);
            }
        }
        monTableClear(&t);
        monXMLClear(&x);
        return ok;
    }

    device = vshCommandOptStringQuiet(cmd, "device");
    if (!device || !*device) {
        vshError(ctl, "command '%s' requires <%s> option", "domblkinfo", "device");
        return false;
    }
    if (virDomainGetBlockInfo(dom, device, &info, 0) < 0)
        return false;
    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        monJSONBlockInfo(b, &info);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
    } else {
        g_autofree char *cap = monSize(info.capacity, human);
        g_autofree char *alloc = monSize(info.allocation, human);
        g_autofree char *phys = monSize(info.physical, human);

        vshPrint(ctl, "%-15s %s\n", "Capacity:", cap);
        vshPrint(ctl, "%-15s %s\n", "Allocation:", alloc);
        vshPrint(ctl, "%-15s %s\n", "Physical:", phys);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domblklist                                                         */

static const vshCmdOptDef opts_domblklist[] = {
    MON_OPT_DOMAIN,
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "get inactive rather than running configuration"},
    {.name = "details", .type = VSH_OT_BOOL,
     .help = "additionally display the type and device value"},
    MON_OPT_JSON,
    {.name = NULL},
};

/* What virsh shows as a disk's source: a path, a device, a directory, a
 * network export's name or a pool's volume; NULL when it has none. */
static char *
monDiskSource(monXML *x, xmlNodePtr disk)
{
    return monXPathString(x, disk, "string(./source/@file|./source/@dev|"
                          "./source/@dir|./source/@name|./source/@volume)");
}

static bool
cmdDomblklist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
    bool details = vshCommandOptBool(cmd, "details");
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int flags = vshCommandOptBool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0;
    g_autoptr(JsonBuilder) b = NULL;
    g_autoptr(GPtrArray) disks = NULL;
    monXML x;
    monTable t;
    guint i;

    if (!dom)
        return false;
    if (!monXMLLoad(ctl, dom, flags, &x))
        return false;
    disks = monXPathNodes(&x, "/domain/devices/disk");
    if (details) {
        static const char *const header[] = {"Type", "Device", "Target", "Source", NULL};

        monTableInit(&t, header);
    } else {
        static const char *const header[] = {"Target", "Source", NULL};

        monTableInit(&t, header);
    }
    if (json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    }
    for (i = 0; i < disks->len; i++) {
        xmlNodePtr disk = disks->pdata[i];
        g_autofree char *type = monXPathString(&x, disk, "string(./@type)");
        g_autofree char *device = monXPathString(&x, disk, "string(./@device)");
        g_autofree char *target = monXPathString(&x, disk, "string(./target/@dev)");
        g_autofree char *source = monDiskSource(&x, disk);

        if (!target) {
            vshError(ctl, "%s", "unable to query block list");
            monTableClear(&t);
            monXMLClear(&x);
            return false;
        }
        if (b) {
            json_builder_begin_object(b);
            monJSONString(b, "type", type);
            monJSONString(b, "device", device ? device : "disk");
            monJSONString(b, "target", target);
            monJSONString(b, "source", source);
            json_builder_end_object(b);
        } else if (details) {
            const char *cells[] = {type ? type : "-", device ? device : "disk", target,
                                   source ? source : "-", NULL};

            monTableAdd(&t, cells);
        } else {
            const char *cells[] = {target, source ? source : "-", NULL};

            monTableAdd(&t, cells);
        }
    }
    if (b) {
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        monTablePrint(ctl, &t);
    }
    monTableClear(&t);
    monXMLClear(&x);
    return true;
}

/* ------------------------------------------------------------------ */
/* domblkstat                                                         */

static const vshCmdOptDef opts_domblkstat[] = {
    MON_OPT_DOMAIN,
    {.name = "device", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "block device"},
    {.name = "human", .type = VSH_OT_BOOL, .help = "print a more human readable output"},
    MON_OPT_JSON,
    {.name = NULL},
};

static char *
monTypedParamString(const virTypedParameter *p, bool raw)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return raw ? g_strdup_printf("%g", p->value.d) : g_strdup_printf("%f", p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        if (raw)
            return g_strdup_printf("%d", p->value.b ? 1 : 0);
        return g_strdup(p->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(p->value.s);
    default:
        return g_strdup("");
    }
}

/* The block statistics: the typed parameters' names, the struct's
 * (legacy) names virsh prints for them, and --human's labels. */
static const struct {
    const char *field;
    const char *legacy;
    const char *human;
} monBlkstatNames[] = {
    {VIR_DOMAIN_BLOCK_STATS_READ_REQ, "rd_req", "number of read operations:"},
    {VIR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd_bytes", "number of bytes read:"},
    {VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr_req", "number of write operations:"},
    {VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr_bytes", "number of bytes written:"},
    {VIR_DOMAIN_BLOCK_STATS_ERRS, "errs", "error count:"},
    {VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ, "flush_operations", "number of flush operations:"},
    {VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, "rd_total_times", "total duration of reads (ns):"},
    {VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, "wr_total_times", "total duration of writes (ns):"},
    {VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, "flush_total_times", "total duration of flushes (ns):"},
};

static void
monBlkstatPrint(vshControl *ctl, JsonBuilder *b, const char *device, bool human,
                const char *field, const virTypedParameter *param, long long value)
{
    const char *label = field;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(monBlkstatNames); i++) {
        if (strcmp(field, monBlkstatNames[i].field) == 0 ||
            strcmp(field, monBlkstatNames[i].legacy) == 0) {
            label = human ? monBlkstatNames[i].human : monBlkstatNames[i].legacy;
            if (b)
                label = monBlkstatNames[i].legacy;
            break;
        }
    }
    if (b) {
        if (param) {
            virTypedParameter p = *param;

            p.field[0] = '\0';
            g_strlcpy(p.field, label, sizeof(p.field));
            vshJSONTypedParam(b, &p);
        } else {
            json_builder_set_member_name(b, label);
            json_builder_add_int_value(b, value);
        }
        return;
    }
    if (param) {
        g_autofree char *text = monTypedParamString(param, false);

        vshPrint(ctl, "%s %-*s %s\n", device, human ? 31 : 0, label, text);
    } else {
        vshPrint(ctl, "%s %-*s %lld\n", device, human ? 31 : 0, label, value);
    }
}

static bool
cmdDomblkstat(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name);
    const char *device = vshCommandOptStringQuiet(cmd, "device");
    const char *shown;
    bool human = vshCommandOptBool(cmd, "human");
    g_autoptr(JsonBuilder) b = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int i;

    if (!dom)
        return false;
    if (!device)
        device = "";

    /* the typed parameters first; the old struct where they are missing */
    if (virDomainBlockStatsFlags(dom, device, NULL, &nparams, 0) < 0) {
        virErrorPtr err = virGetLastError();
        virDomainBlockStatsStruct st;

        if (!err || (err->code != VIR_ERR_NO_SUPPORT &&
                     err->code != VIR_ERR_ARGUMENT_UNSUPPORTED)) {
            vshError(ctl, "Failed to get block stats %s %s", name, device);
            return false;
        }
        vshResetLibvirtError();
        if (virDomainBlockStats(dom, device, &st, sizeof(st)) < 0) {
            vshError(ctl, "Failed to get block stats %s %s", name, device);
            return false;
        }
        if (vshCommandOptBool(cmd, "json")) {
            b = json_builder_new();
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "device");
            json_builder_add_string_value(b, device);
        } else if (human) {
            vshPrint(ctl, "Device: %s\n", device);
        }
        shown = human ? "" : device;
        if (st.rd_req >= 0)
            monBlkstatPrint(ctl, b, shown, human, "rd_req", NULL, st.rd_req);
        if (st.rd_bytes >= 0)
            monBlkstatPrint(ctl, b, shown, human, "rd_bytes", NULL, st.rd_bytes);
        if (st.wr_req >= 0)
            monBlkstatPrint(ctl, b, shown, human, "wr_req", NULL, st.wr_req);
        if (st.wr_bytes >= 0)
            monBlkstatPrint(ctl, b, shown, human, "wr_bytes", NULL, st.wr_bytes);
        if (st.errs >= 0)
            monBlkstatPrint(ctl, b, shown, human, "errs", NULL, st.errs);
    } else {
        if (nparams > 0) {
            params = g_new0(virTypedParameter, nparams);
            if (virDomainBlockStatsFlags(dom, device, params, &nparams, 0) < 0) {
                vshError(ctl, "Failed to get block stats for domain '%s' device '%s'",
                         name, device);
                g_free(params);
                return false;
            }
        }
        if (vshCommandOptBool(cmd, "json")) {
            b = json_builder_new();
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "device");
            json_builder_add_string_value(b, device);
        } else if (human) {
            vshPrint(ctl, "Device: %s\n", device);
        }
        shown = human ? "" : device;
        for (i = 0; i < nparams; i++)
            monBlkstatPrint(ctl, b, shown, human, params[i].field, &params[i], 0);
        virTypedParamsClear(params, nparams);
        g_free(params);
    }
    if (b) {
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domcontrol                                                         */

static const vshCmdOptDef opts_domcontrol[] = {
    MON_OPT_DOMAIN,
    {.name = NULL},
};

static const char *
monControlStateString(int state)
{
    switch (state) {
    case VIR_DOMAIN_CONTROL_OK:
        return "ok";
    case VIR_DOMAIN_CONTROL_JOB:
        return "background job";
    case VIR_DOMAIN_CONTROL_OCCUPIED:
        return "occupied";
    case VIR_DOMAIN_CONTROL_ERROR:
        return "error";
    default:
        return "unknown";
    }
}

static const char *
monControlErrorReasonString(int reason)
{
    switch (reason) {
    case VIR_DOMAIN_CONTROL_ERROR_REASON_NONE:
        return "none";
    case VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN:
        return "unknown";
    case VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR:
        return "monitor failure";
    case VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL:
        return "internal (locking) error";
    default:
        return "unknown";
    }
}

static bool
cmdDomcontrol(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
    virDomainControlInfo info;

    if (!dom)
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0)
        return false;
    if (info.state != VIR_DOMAIN_CONTROL_OK && info.state != VIR_DOMAIN_CONTROL_ERROR)
        vshPrint(ctl, "%s (%0.3fs)\n", monControlStateString(info.state),
                 info.stateTime / 1000.0);
    else if (info.state == VIR_DOMAIN_CONTROL_ERROR && info.details > 0)
        vshPrint(ctl, "%s: %s\n", monControlStateString(info.state),
                 monControlErrorReasonString(info.details));
    else
        vshPrint(ctl, "%s\n", monControlStateString(info.state));
    return true;
}

/* ------------------------------------------------------------------ */
/* domif-getlink                                                      */

static const vshCmdOptDef opts_domif_getlink[] = {
    MON_OPT_DOMAIN,
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "interface device (MAC Address)"},
    {.name = "persistent", .type = VSH_OT_ALIAS, .help = "config"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "Get persistent interface state"},
    {.name = NULL},
};

static bool
cmdDomIfGetLink(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *iface = NULL;
    unsigned int flags = vshCommandOptBool(cmd, "config") ? VIR_DOMAIN_XML_INACTIVE : 0;
    bool byMAC;
    g_autoptr(GPtrArray) ifaces = NULL;
    xmlNodePtr found = NULL;
    g_autofree char *state = NULL;
    monXML x;
    guint i;

    /* the interface is read before the domain is looked up, as virsh */
    if (vshCommandOptStringReq(ctl, cmd, "interface", &iface) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!monXMLLoad(ctl, dom, flags, &x))
        return false;
    byMAC = monIsMAC(iface);
    ifaces = monXPathNodes(&x, "/domain/devices/interface");
    for (i = 0; i < ifaces->len && !found; i++) {
        xmlNodePtr node = ifaces->pdata[i];
        g_autofree char *value = NULL;

        if (byMAC) {
            value = monXPathString(&x, node, "string(./mac/@address)");
            if (value && g_ascii_strcasecmp(value, iface) == 0)
                found = node;
        } else {
            value = monXPathString(&x, node, "string(./target/@dev)");
            if (value && strcmp(value, iface) == 0)
                found = node;
        }
    }
    if (!found) {
        vshError(ctl, "Interface (%s: %s) not found.", byMAC ? "mac" : "dev", iface);
        monXMLClear(&x);
        return false;
    }
    state = monXPathString(&x, found, "string(./link/@state)");
    /* no newline: virsh leaves it to the blank line after the command */
    vshPrint(ctl, "%s %s", iface, state ? state : "up");
    monXMLClear(&x);
    return true;
}

/* ------------------------------------------------------------------ */
/* domifaddr                                                          */

static const vshCmdOptDef opts_domifaddr[] = {
    MON_OPT_DOMAIN,
    {.name = "interface", .type = VSH_OT_STRING, .help = "network interface name"},
    {.name = "full", .type = VSH_OT_BOOL, .help = "always display names and MACs of interfaces"},
    {.name = "source", .type = VSH_OT_STRING,
     .help = "address source: 'lease', 'agent', or 'arp'"},
    MON_OPT_JSON,
    {.name = NULL},
};

static bool
cmdDomIfAddr(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *ifname = NULL;
    const char *sourcestr = NULL;
    bool full = vshCommandOptBool(cmd, "full");
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    virDomainInterfacePtr *ifaces = NULL;
    g_autoptr(JsonBuilder) b = NULL;
    int count;
    int i;
    unsigned int j;

    if (vshCommandOptStringReq(ctl, cmd, "interface", &ifname) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "source", &sourcestr) < 0)
        return false;
    if (sourcestr) {
        if (strcmp(sourcestr, "lease") == 0) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
        } else if (strcmp(sourcestr, "agent") == 0) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT;
        } else if (strcmp(sourcestr, "arp") == 0) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP;
        } else {
            vshError(ctl, "Unknown data source '%s'", sourcestr);
            return false;
        }
    }
    /* the source is checked before the domain is looked up, as virsh */
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((count = virDomainInterfaceAddresses(dom, &ifaces, source, 0)) < 0) {
        vshError(ctl, "%s", "Failed to query for interfaces addresses");
        return false;
    }

    if (json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    } else {
        vshPrintExtra(ctl, " %-10s %-20s %-12s %s\n%s\n", "Name", "MAC address",
                      "Protocol", "Address",
                      "-------------------------------------------------------------------------------");
    }
    for (i = 0; i < count; i++) {
        virDomainInterfacePtr iface = ifaces[i];
        const char *hwaddr = iface->hwaddr ? iface->hwaddr : "N/A";

        if (ifname && strcmp(ifname, iface->name) != 0)
            continue;
        if (b) {
            for (j = 0; j < iface->naddrs || (j == 0 && iface->naddrs == 0); j++) {
                json_builder_begin_object(b);
                monJSONString(b, "name", iface->name);
                monJSONString(b, "mac_address", iface->hwaddr);
                if (iface->naddrs == 0) {
                    monJSONString(b, "protocol", NULL);
                    monJSONString(b, "address", NULL);
                    json_builder_set_member_name(b, "prefix");
                    json_builder_add_null_value(b);
                } else {
                    virDomainIPAddressPtr a = &iface->addrs[j];

                    monJSONString(b, "protocol", a->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4");
                    monJSONString(b, "address", a->addr);
                    json_builder_set_member_name(b, "prefix");
                    json_builder_add_int_value(b, a->prefix);
                }
                json_builder_end_object(b);
            }
            continue;
        }
        if (iface->naddrs == 0) {
            vshPrint(ctl, " %-10s %-17s    %-12s %s\n", iface->name, hwaddr, "N/A", "N/A");
            continue;
        }
        for (j = 0; j < iface->naddrs; j++) {
            virDomainIPAddressPtr a = &iface->addrs[j];
            const char *type = a->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4";
            g_autofree char *addr = g_strdup_printf("%-12s %s/%d", type,
                                                    a->addr ? a->addr : "", a->prefix);

            if (full || j == 0)
                vshPrint(ctl, " %-10s %-17s    %s\n", iface->name, hwaddr, addr);
            else
                vshPrint(ctl, " %-10s %-17s    %s\n", "-", "-", addr);
        }
    }
    if (b) {
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    }
    for (i = 0; i < count; i++)
        virDomainInterfaceFree(ifaces[i]);
    free(ifaces);
    return true;
}

/* ------------------------------------------------------------------ */
/* domiflist                                                          */

static const vshCmdOptDef opts_domiflist[] = {
    MON_OPT_DOMAIN,
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "get inactive rather than running configuration"},
    MON_OPT_JSON,
    {.name = NULL},
};

static bool
cmdDomiflist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
    unsigned int flags = vshCommandOptBool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0;
    static const char *const header[] = {"Interface", "Type", "Source", "Model", "MAC", NULL};
    g_autoptr(JsonBuilder) b = NULL;
    g_autoptr(GPtrArray) ifaces = NULL;
    monXML x;
    monTable t;
    guint i;

    if (!dom)
        return false;
    if (!monXMLLoad(ctl, dom, flags, &x))
        return false;
    ifaces = monXPathNodes(&x, "/domain/devices/interface");
    monTableInit(&t, header);
    if (vshCommandOptBool(cmd, "json")) {
        b = json_builder_new();
        json_builder_begin_array(b);
    }
    for (i = 0; i < ifaces->len; i++) {
        xmlNodePtr node = ifaces->pdata[i];
        g_autofree char *type = monXPathString(&x, node, "string(./@type)");
        g_autofree char *source = monXPathString(&x, node, "string(./source/@bridge|"
                                                 "./source/@dev|./source/@network|"
                                                 "./source/@name|./source/@path)");
        g_autofree char *target = monXPathString(&x, node, "string(./target/@dev)");
        g_autofree char *model = monXPathString(&x, node, "string(./model/@type)");
        g_autofree char *mac = monXPathString(&x, node, "string(./mac/@address)");

        if (b) {
            json_builder_begin_object(b);
            monJSONString(b, "interface", target);
            monJSONString(b, "type", type);
            monJSONString(b, "source", source);
            monJSONString(b, "model", model);
            monJSONString(b, "mac", mac);
            json_builder_end_object(b);
        } else {
            const char *cells[] = {target ? target : "-", type ? type : "-",
                                   source ? source : "-", model ? model : "-",
                                   mac ? mac : "-", NULL};

            monTableAdd(&t, cells);
        }
    }
    if (b) {
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        monTablePrint(ctl, &t);
    }
    monTableClear(&t);
    monXMLClear(&x);
    return true;
}

/* ------------------------------------------------------------------ */
/* domifstat                                                          */

static const vshCmdOptDef opts_domifstat[] = {
    MON_OPT_DOMAIN,
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "interface device specified by name or MAC Address"},
    MON_OPT_JSON,
    {.name = NULL},
};

static bool
cmdDomIfstat(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name);
    const char *device = NULL;
    virDomainInterfaceStatsStruct st;
    struct {
        const char *field;
        long long value;
    } fields[8];
    size_t i;

    if (!dom)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "interface", &device) < 0)
        return false;
    if (virDomainInterfaceStats(dom, device, &st, sizeof(st)) < 0) {
        vshError(ctl, "Failed to get interface stats %s %s", name, device);
        return false;
    }
    fields[0].field = "rx_bytes";
    fields[0].value = st.rx_bytes;
    fields[1].field = "rx_packets";
    fields[1].value = st.rx_packets;
    fields[2].field = "rx_errs";
    fields[2].value = st.rx_errs;
    fields[3].field = "rx_drop";
    fields[3].value = st.rx_drop;
    fields[4].field = "tx_bytes";
    fields[4].value = st.tx_bytes;
    fields[5].field = "tx_packets";
    fields[5].value = st.tx_packets;
    fields[6].field = "tx_errs";
    fields[6].value = st.tx_errs;
    fields[7].field = "tx_drop";
    fields[7].value = st.tx_drop;

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "interface");
        json_builder_add_string_value(b, device);
        for (i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (fields[i].value < 0)
                continue;
            json_builder_set_member_name(b, fields[i].field);
            json_builder_add_int_value(b, fields[i].value);
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        if (fields[i].value >= 0)
            vshPrint(ctl, "%s %s %lld\n", device, fields[i].field, fields[i].value);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* dommemstat                                                         */

static const vshCmdOptDef opts_dommemstat[] = {
    MON_OPT_DOMAIN,
    {.name = "period", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "period in seconds to set collection"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "affect running domain"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "affect current domain"},
    MON_OPT_JSON,
    VSH_OPT_HUMAN,
    {.name = NULL},
};

/* Whether memory statistic TAG is a size in KiB (the others count events
 * or give a time). */
static bool
monMemoryStatIsSize(int tag)
{
    switch (tag) {
    case VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT:
    case VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT:
    case VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE:
    case VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC:
    case VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL:
        return false;
    default:
        return true;
    }
}

static const char *
monMemoryStatName(int tag)
{
    static const char *const names[] = {
        [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
        [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
        [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
        [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
        [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
        [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
        [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
        [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
        [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
        [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
        [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
    };

    if (tag >= 0 && (size_t)tag < G_N_ELEMENTS(names))
        return names[tag];
    return NULL;
}

static bool
cmdDommemstat(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    int period = 0;
    int rv;
    int n;
    int i;

    if (!vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if ((rv = vshCommandOptInt(ctl, cmd, "period", &period)) < 0)
        return false;
    if (rv > 0) {
        if (period < 0) {
            vshError(ctl, "Invalid collection period value '%d'", period);
            return false;
        }
        if (virDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
            vshError(ctl, "%s", "Unable to change balloon collection period.");
            return false;
        }
        return true;
    }

    if ((n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        vshError(ctl, "Failed to get memory statistics for domain %s", name);
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        for (i = 0; i < n; i++) {
            const char *name = monMemoryStatName(stats[i].tag);
            g_autofree char *other = NULL;

            if (!name)
                name = other = g_strdup_printf("unknown_%d", stats[i].tag);
            json_builder_set_member_name(b, name);
            json_builder_add_int_value(b, (gint64)stats[i].val);
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    for (i = 0; i < n; i++) {
        const char *name = monMemoryStatName(stats[i].tag);

        if (name && monMemoryStatIsSize(stats[i].tag) && vshCommandOptBool(cmd, "human")) {
            g_autofree char *size = vshFormatKiB(cmd, stats[i].val);

            vshPrint(ctl, "%s %s\n", name, size);
        } else if (name) {
            vshPrint(ctl, "%s %llu\n", name, stats[i].val);
        }
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domstats                                                           */

static const vshCmdOptDef opts_domstats[] = {
    {.name = "state", .type = VSH_OT_BOOL, .help = "report domain state"},
    {.name = "cpu-total", .type = VSH_OT_BOOL, .help = "report domain physical cpu usage"},
    {.name = "balloon", .type = VSH_OT_BOOL, .help = "report domain balloon statistics"},
    {.name = "vcpu", .type = VSH_OT_BOOL, .help = "report domain virtual cpu information"},
    {.name = "interface", .type = VSH_OT_BOOL,
     .help = "report domain network interface information"},
    {.name = "block", .type = VSH_OT_BOOL, .help = "report domain block device statistics"},
    {.name = "perf", .type = VSH_OT_BOOL, .help = "report domain perf event statistics"},
    {.name = "iothread", .type = VSH_OT_BOOL, .help = "report domain IOThread information"},
    {.name = "memory", .type = VSH_OT_BOOL, .help = "report domain memory usage"},
    {.name = "dirtyrate", .type = VSH_OT_BOOL, .help = "report domain dirty rate information"},
    {.name = "vm", .type = VSH_OT_BOOL, .help = "report hypervisor-specific statistics"},
    {.name = "list-active", .type = VSH_OT_BOOL, .help = "list only active domains"},
    {.name = "list-inactive", .type = VSH_OT_BOOL, .help = "list only inactive domains"},
    {.name = "list-persistent", .type = VSH_OT_BOOL, .help = "list only persistent domains"},
    {.name = "list-transient", .type = VSH_OT_BOOL, .help = "list only transient domains"},
    {.name = "list-running", .type = VSH_OT_BOOL, .help = "list only running domains"},
    {.name = "list-paused", .type = VSH_OT_BOOL, .help = "list only paused domains"},
    {.name = "list-shutoff", .type = VSH_OT_BOOL, .help = "list only shutoff domains"},
    {.name = "list-other", .type = VSH_OT_BOOL, .help = "list only domains in other states"},
    {.name = "raw", .type = VSH_OT_BOOL, .help = "do not pretty-print the fields"},
    {.name = "enforce", .type = VSH_OT_BOOL, .help = "enforce requested stats parameters"},
    {.name = "backing", .type = VSH_OT_BOOL,
     .help = "add backing chain information to block stats"},
    {.name = "nowait", .type = VSH_OT_BOOL,
     .help = "report only stats that are accessible instantly"},
    {.name = "domain", .type = VSH_OT_ARGV, .help = "list of domains to get stats for",
     .completer = VSH_COMPLETE_DOMAIN},
    MON_OPT_JSON,
    {.name = NULL},
};

static const struct {
    const char *opt;
    unsigned int bit;
} monStatGroups[] = {
    {"state", VIR_DOMAIN_STATS_STATE},
    {"cpu-total", VIR_DOMAIN_STATS_CPU_TOTAL},
    {"balloon", VIR_DOMAIN_STATS_BALLOON},
    {"vcpu", VIR_DOMAIN_STATS_VCPU},
    {"interface", VIR_DOMAIN_STATS_INTERFACE},
    {"block", VIR_DOMAIN_STATS_BLOCK},
    {"perf", VIR_DOMAIN_STATS_PERF},
    {"iothread", VIR_DOMAIN_STATS_IOTHREAD},
    {"memory", VIR_DOMAIN_STATS_MEMORY},
    {"dirtyrate", VIR_DOMAIN_STATS_DIRTYRATE},
    {"vm", 1 << 10 /* VIR_DOMAIN_STATS_VM */},
}, monStatFlags[] = {
    {"list-active", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE},
    {"list-inactive", VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE},
    {"list-persistent", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT},
    {"list-transient", VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT},
    {"list-running", VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING},
    {"list-paused", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED},
    {"list-shutoff", VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF},
    {"list-other", VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER},
    {"nowait", VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT},
    {"backing", VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING},
    {"enforce", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS},
};

static void
monDomainUnref(gpointer dom)
{
    if (dom)
        virDomainFree(dom);
}

static bool
cmdDomstats(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int stats = 0;
    unsigned int flags = 0;
    bool raw = vshCommandOptBool(cmd, "raw");
    bool json = vshCommandOptBool(cmd, "json");
    g_autofree const char **names = vshCommandOptArgv(cmd, "domain");
    virDomainStatsRecordPtr *records = NULL;
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func(monDomainUnref);
    virConnectPtr conn;
    size_t i;
    int n;
    int r;

    for (i = 0; i < G_N_ELEMENTS(monStatGroups); i++) {
        if (vshCommandOptBool(cmd, monStatGroups[i].opt))
            stats |= monStatGroups[i].bit;
    }
    for (i = 0; i < G_N_ELEMENTS(monStatFlags); i++) {
        if (vshCommandOptBool(cmd, monStatFlags[i].opt))
            flags |= monStatFlags[i].bit;
    }
    if (!(conn = vshConnection(ctl)))
        return false;

    if (names && names[0]) {
        for (i = 0; names[i]; i++) {
            virDomainPtr dom = virtkitLookupDomainBy(ctl, NULL, "domain", names[i],
                                                      VIRTKIT_BYID | VIRTKIT_BYUUID | VIRTKIT_BYNAME);

            if (!dom)
                return false;
            g_ptr_array_add(doms, dom);
        }
        g_ptr_array_add(doms, NULL);
        n = virDomainListGetStats((virDomainPtr *)doms->pdata, stats, &records, flags);
    } else {
        n = virConnectGetAllDomainStats(conn, stats, &records, flags);
    }
    if (n < 0)
        return false;

    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (r = 0; r < n; r++) {
            virDomainStatsRecordPtr rec = records[r];
            int p;

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "domain");
            json_builder_add_string_value(b, virDomainGetName(rec->dom));
            json_builder_set_member_name(b, "stats");
            json_builder_begin_object(b);
            for (p = 0; p < rec->nparams; p++)
                vshJSONTypedParam(b, &rec->params[p]);
            json_builder_end_object(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        for (r = 0; r < n; r++) {
            virDomainStatsRecordPtr rec = records[r];
            int p;

            if (r > 0)
                vshPrint(ctl, "\n");
            vshPrint(ctl, "Domain: '%s'\n", virDomainGetName(rec->dom));
            for (p = 0; p < rec->nparams; p++) {
                g_autofree char *value = monTypedParamString(&rec->params[p], raw);

                vshPrint(ctl, "  %s=%s\n", rec->params[p].field, value);
            }
        }
    }
    virDomainStatsRecordListFree(records);
    return true;
}

/* ------------------------------------------------------------------ */

static const vshCmdDef cmds[] = {
    {.name = "domblkerror", .handler = cmdDomblkerror, .opts = opts_domblkerror,
     .help = "Show errors on block devices", .desc = "Show block device errors"},
    {.name = "domblkinfo", .handler = cmdDomblkinfo, .opts = opts_domblkinfo,
     .help = "domain block device size information",
     .desc = "Get block device size info for a domain."},
    {.name = "domblklist", .handler = cmdDomblklist, .opts = opts_domblklist,
     .help = "list all domain blocks",
     .desc = "Get the summary of block devices for a domain."},
    {.name = "domblkstat", .handler = cmdDomblkstat, .opts = opts_domblkstat,
     .help = "get device block stats for a domain",
     .desc = "Get device block stats for a running domain. See man page or use "
             "--human for explanation of fields"},
    {.name = "domcontrol", .handler = cmdDomcontrol, .opts = opts_domcontrol,
     .help = "domain control interface state",
     .desc = "Returns state of a control interface to the domain."},
    {.name = "domif-getlink", .handler = cmdDomIfGetLink, .opts = opts_domif_getlink,
     .help = "get link state of a virtual interface",
     .desc = "Get link state of a domain's virtual interface."},
    {.name = "domifaddr", .handler = cmdDomIfAddr, .opts = opts_domifaddr,
     .help = "Get network interfaces' addresses for a running domain",
     .desc = "Get network interfaces' addresses for a running domain"},
    {.name = "domiflist", .handler = cmdDomiflist, .opts = opts_domiflist,
     .help = "list all domain virtual interfaces",
     .desc = "Get the summary of virtual interfaces for a domain."},
    {.name = "domifstat", .handler = cmdDomIfstat, .opts = opts_domifstat,
     .help = "get network interface stats for a domain",
     .desc = "Get network interface stats for a running domain."},
    {.name = "dommemstat", .handler = cmdDommemstat, .opts = opts_dommemstat,
     .help = "get memory statistics for a domain",
     .desc = "Get memory statistics for a running domain."},
    {.name = "domstats", .handler = cmdDomstats, .opts = opts_domstats,
     .help = "get statistics about one or multiple domains",
     .desc = "Gets statistics about one or more (or all) domains"},
    {.name = NULL},
};

const vshCmdTable virtkitMonitorTable = { "monitor", cmds };
