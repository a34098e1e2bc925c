/*
 * cmd-host.c: the 'host' group: the connection and the host it reaches
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

static bool
cmdURI(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *uri = virConnectGetURI(vshConnection(ctl));

    if (!uri) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    vshPrint(ctl, "%s\n", uri);
    return true;
}

static bool
cmdHostname(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *hostname = virConnectGetHostname(vshConnection(ctl));

    if (!hostname) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", hostname);
    return true;
}

static const vshCmdOptDef opts_version[] = {
    {.name = "daemon", .type = VSH_OT_BOOL, .help = "report daemon version too"},
    {.name = NULL},
};

static void
virtkitPrintVersion(vshControl *ctl, const char *what, const char *name,
                    unsigned long long version)
{
    vshPrint(ctl, "%s: %s %llu.%llu.%llu\n", what, name, version / 1000000,
             version / 1000 % 1000, version % 1000);
}

static bool
cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    const char *hvType = virConnectGetType(conn);
    unsigned long libVersion = 0;
    unsigned long apiVersion = 0;
    unsigned long hvVersion = 0;
    unsigned long long daemonVersion = 0;

    if (!hvType) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }
    virtkitPrintVersion(ctl, "Compiled against library", "libvirt", LIBVIR_VERSION_NUMBER);
    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    virtkitPrintVersion(ctl, "Using library", "libvirt", libVersion);
    virtkitPrintVersion(ctl, "Using API", hvType, apiVersion);
    if (virConnectGetVersion(conn, &hvVersion) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    else
        virtkitPrintVersion(ctl, "Running hypervisor", hvType, hvVersion);
    if (vshCommandOptBool(cmd, "daemon")) {
        unsigned long lv = 0;

        if (virConnectGetLibVersion(conn, &lv) < 0) {
            vshError(ctl, "%s", "failed to get the daemon version");
            return false;
        }
        daemonVersion = lv;
        virtkitPrintVersion(ctl, "Running against daemon", "", daemonVersion);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* XML helpers                                                        */

/* The values of XPATH (attributes or text) in XML, in document order. */
static GPtrArray *
virtkitXPathStrings(const char *xml, const char *xpath)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "caps.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    int i;

    if (!doc)
        return out;
    ctxt = xmlXPathNewContext(doc);
    if (ctxt)
        obj = xmlXPathEval((const xmlChar *)xpath, ctxt);
    if (obj && obj->type == XPATH_NODESET && obj->nodesetval) {
        for (i = 0; i < obj->nodesetval->nodeNr; i++) {
            xmlChar *v = xmlNodeGetContent(obj->nodesetval->nodeTab[i]);

            g_ptr_array_add(out, g_strdup(v ? (const char *)v : ""));
            xmlFree(v);
        }
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return out;
}

/* The NUMA cell ids the host's capabilities list; NULL after an error. */
static GPtrArray *
virtkitHostCells(vshControl *ctl)
{
    g_autofree char *caps = virConnectGetCapabilities(vshConnection(ctl));

    if (!caps) {
        vshError(ctl, "%s", "unable to get node capabilities");
        return NULL;
    }
    return virtkitXPathStrings(caps, "/capabilities/host/topology/cells/cell/@id");
}

/* The <cpu> elements of FILE, which may hold bare <cpu> elements, a
 * domain, host capabilities or domain capabilities (host-model). */
static char **
virtkitExtractCPUs(vshControl *ctl, const char *file)
{
    g_autofree char *buf = virtkitReadXMLFile(ctl, file);
    g_autofree char *wrapped = NULL;
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    GPtrArray *out = NULL;
    int i;

    if (!buf)
        return NULL;
    wrapped = g_strdup_printf("<container>%s</container>",
                              g_str_has_prefix(buf, "<?xml") && strstr(buf, "?>") ?
                              strstr(buf, "?>") + 2 : buf);
    doc = xmlReadMemory(wrapped, strlen(wrapped), file, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc && (ctxt = xmlXPathNewContext(doc)))
        obj = xmlXPathEval((const xmlChar *)
                           "/container/cpu|/container/domain/cpu|"
                           "/container/capabilities/host/cpu|"
                           "/container/domainCapabilities/cpu/mode[@name='host-model']",
                           ctxt);
    if (obj && obj->type == XPATH_NODESET && obj->nodesetval && obj->nodesetval->nodeNr > 0) {
        out = g_ptr_array_new();
        for (i = 0; i < obj->nodesetval->nodeNr; i++) {
            xmlNodePtr node = obj->nodesetval->nodeTab[i];
            xmlBufferPtr xb = xmlBufferCreate();

            if (xmlStrEqual(node->name, (const xmlChar *)"mode")) {
                /* a host-model mode becomes a custom CPU of its model */
                xmlNodeSetName(node, (const xmlChar *)"cpu");
                xmlUnsetProp(node, (const xmlChar *)"name");
                xmlUnsetProp(node, (const xmlChar *)"supported");
                xmlSetProp(node, (const xmlChar *)"mode", (const xmlChar *)"custom");
                xmlSetProp(node, (const xmlChar *)"match", (const xmlChar *)"exact");
            }
            xmlNodeDump(xb, doc, node, 0, 0);
            g_ptr_array_add(out, g_strdup((const char *)xmlBufferContent(xb)));
            xmlBufferFree(xb);
        }
        g_ptr_array_add(out, NULL);
    } else {
        vshError(ctl, "File '%s' does not contain any <cpu> element or valid domain XML, "
                 "host capabilities XML, or domain capabilities XML", file);
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return out ? (char **)g_ptr_array_free(out, FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* capabilities, domcapabilities, sysinfo, maxvcpus                   */

static bool
cmdCapabilities(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = virConnectGetCapabilities(vshConnection(ctl));

    if (!caps) {
        vshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static const vshCmdOptDef opts_domcapabilities[] = {
    {.name = "virttype", .type = VSH_OT_STRING, .help = "virtualization type (/domain/@type)"},
    {.name = "emulatorbin", .type = VSH_OT_STRING,
     .help = "path to emulator binary (/domain/devices/emulator)", .completer = VSH_COMPLETE_FILE},
    {.name = "arch", .type = VSH_OT_STRING, .help = "domain architecture (/domain/os/type/@arch)"},
    {.name = "machine", .type = VSH_OT_STRING, .help = "machine type (/domain/os/type/@machine)"},
    {.name = NULL},
};

static bool
cmdDomCapabilities(vshControl *ctl, const vshCmd *cmd)
{
    const char *virttype = NULL, *emulatorbin = NULL, *arch = NULL, *machine = NULL;
    g_autofree char *caps = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "virttype", &virttype) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "emulatorbin", &emulatorbin) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "machine", &machine) < 0)
        return false;
    caps = virConnectGetDomainCapabilities(vshConnection(ctl), emulatorbin, arch,
                                           machine, virttype, 0);
    if (!caps) {
        vshError(ctl, "%s", "failed to get emulator capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static bool
cmdSysinfo(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *sysinfo = virConnectGetSysinfo(vshConnection(ctl), 0);

    if (!sysinfo) {
        vshError(ctl, "%s", "failed to get sysinfo");
        return false;
    }
    vshPrint(ctl, "%s", sysinfo);
    return true;
}

static const vshCmdOptDef opts_maxvcpus[] = {
    {.name = "type", .type = VSH_OT_STRING, .help = "domain type"},
    {.name = NULL},
};

static bool
cmdMaxvcpus(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    const char *type = NULL;
    g_autofree char *caps = NULL;
    int vcpus = -1;

    if (vshCommandOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    /* the domain capabilities know best; older drivers only the count */
    caps = virConnectGetDomainCapabilities(conn, NULL, NULL, NULL, type, 0);
    if (caps) {
        g_autoptr(GPtrArray) max = virtkitXPathStrings(caps, "/domainCapabilities/vcpu/@max");

        if (max->len > 0)
            vcpus = atoi(g_ptr_array_index(max, 0));
    } else {
        virErrorPtr err = virGetLastError();

        if (err && err->code != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLibvirtError();
    }
    if (vcpus < 0 && (vcpus = virConnectGetMaxVcpus(conn, type)) < 0)
        return false;
    vshPrint(ctl, "%d\n", vcpus);
    return true;
}

/* ------------------------------------------------------------------ */
/* nodeinfo, nodecpumap, nodecpustats, nodememstats, nodesevinfo      */

static const vshCmdOptDef opts_json_human[] = {
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    VSH_OPT_HUMAN,
    {.name = NULL},
};

static bool
cmdNodeinfo(vshControl *ctl, const vshCmd *cmd)
{
    virNodeInfo info;
    g_autofree char *size = NULL;

    if (virNodeGetInfo(vshConnection(ctl), &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "cpu_model");
        json_builder_add_string_value(b, info.model);
        json_builder_set_member_name(b, "cpus");
        json_builder_add_int_value(b, info.cpus);
        json_builder_set_member_name(b, "cpu_frequency");
        json_builder_add_int_value(b, info.mhz);
        json_builder_set_member_name(b, "cpu_sockets");
        json_builder_add_int_value(b, info.sockets);
        json_builder_set_member_name(b, "cores_per_socket");
        json_builder_add_int_value(b, info.cores);
        json_builder_set_member_name(b, "threads_per_core");
        json_builder_add_int_value(b, info.threads);
        json_builder_set_member_name(b, "numa_cells");
        json_builder_add_int_value(b, info.nodes);
        json_builder_set_member_name(b, "memory_size");
        json_builder_add_int_value(b, info.memory);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    vshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    vshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    if (info.mhz)
        vshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    vshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    vshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    vshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    vshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    size = vshFormatKiB(cmd, info.memory);
    vshPrint(ctl, "%-20s %s\n", "Memory size:", size);
    return true;
}

static const vshCmdOptDef opts_nodecpumap[] = {
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "return human readable output"},
    {.name = NULL},
};

static bool
cmdNodeCpuMap(vshControl *ctl, const vshCmd *cmd)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    int cpus, i;

    cpus = virNodeGetCPUMap(vshConnection(ctl), &map, &online, 0);
    if (cpus < 0) {
        vshError(ctl, "%s", "Unable to get cpu map");
        return false;
    }
    vshPrint(ctl, "%-15s %d\n", "CPUs present:", cpus);
    vshPrint(ctl, "%-15s %u\n", "CPUs online:", online);
    vshPrint(ctl, "%-15s ", "CPU map:");
    if (vshCommandOptBool(cmd, "pretty")) {
        g_autoptr(GString) s = g_string_new(NULL);

        for (i = 0; i < cpus; i++) {
            int j = i;

            if (!VIR_CPU_USED(map, i))
                continue;
            while (j + 1 < cpus && VIR_CPU_USED(map, j + 1))
                j++;
            if (s->len)
                g_string_append_c(s, ',');
            if (j == i)
                g_string_append_printf(s, "%d", i);
            else
                g_string_append_printf(s, "%d-%d", i, j);
            i = j;
        }
        vshPrint(ctl, "%s", s->str);
    } else {
        for (i = 0; i < cpus; i++)
            vshPrint(ctl, "%c", VIR_CPU_USED(map, i) ? 'y' : '-');
    }
    vshPrint(ctl, "\n");
    free(map);
    return true;
}

static const vshCmdOptDef opts_nodecpustats[] = {
    {.name = "cpu", .type = VSH_OT_INT, .help = "prints specified cpu statistics only."},
    {.name = "percent", .type = VSH_OT_BOOL, .help = "prints by percentage during 1 second."},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

enum { CPU_USER, CPU_SYSTEM, CPU_IDLE, CPU_IOWAIT, CPU_INTR, CPU_USAGE, CPU_LAST };

static bool
virtkitNodeCPUStats(vshControl *ctl, int cpu, unsigned long long *vals, bool *present)
{
    virConnectPtr conn = vshConnection(ctl);
    g_autofree virNodeCPUStatsPtr params = NULL;
    int nparams = 0, i;

    if (virNodeGetCPUStats(conn, cpu, NULL, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get number of cpu stats");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virNodeCPUStats, nparams);
    if (virNodeGetCPUStats(conn, cpu, params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get node cpu stats");
        return false;
    }
    for (i = 0; i < nparams; i++) {
        static const char *const names[CPU_LAST] = {
            VIR_NODE_CPU_STATS_USER, VIR_NODE_CPU_STATS_KERNEL, VIR_NODE_CPU_STATS_IDLE,
            VIR_NODE_CPU_STATS_IOWAIT, VIR_NODE_CPU_STATS_INTR, VIR_NODE_CPU_STATS_UTILIZATION,
        };
        int k;

        for (k = 0; k < CPU_LAST; k++) {
            if (g_str_equal(params[i].field, names[k])) {
                vals[k] = params[i].value;
                present[k] = true;
            }
        }
    }
    return true;
}

static bool
cmdNodeCpuStats(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const labels[CPU_LAST] = {
        "user:", "system:", "idle:", "iowait:", "intr:", "usage:",
    };
    static const char *const keys[CPU_LAST] = {
        "user", "system", "idle", "iowait", "intr", "usage",
    };
    unsigned long long vals[2][CPU_LAST] = { { 0 } };
    bool present[CPU_LAST] = { false };
    bool percent = vshCommandOptBool(cmd, "percent");
    bool json = vshCommandOptBool(cmd, "json");
    int cpu = VIR_NODE_CPU_STATS_ALL_CPUS;
    int k, rc;

    if ((rc = vshCommandOptInt(ctl, cmd, "cpu", &cpu)) < 0)
        return false;
    if (rc > 0 && cpu < 0) {
        /* a negative number means all of them, as virsh takes it */
        cpu = VIR_NODE_CPU_STATS_ALL_CPUS;
    }
    if (!virtkitNodeCPUStats(ctl, cpu, vals[0], present))
        return false;
    if (!percent) {
        g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;

        if (b)
            json_builder_begin_object(b);
        for (k = 0; k < CPU_LAST; k++) {
            if (!present[k] || k == CPU_INTR || k == CPU_USAGE)
                continue;
            if (b) {
                json_builder_set_member_name(b, keys[k]);
                json_builder_add_int_value(b, vals[0][k]);
            } else {
                vshPrint(ctl, "%-15s %20llu\n", labels[k], vals[0][k]);
            }
        }
        if (b) {
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
        }
        return true;
    }
    if (present[CPU_USAGE]) {
        if (json) {
            g_autoptr(JsonBuilder) b = json_builder_new();

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "usage");
            json_builder_add_double_value(b, (double)vals[0][CPU_USAGE]);
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
        } else {
            vshPrint(ctl, "%-15s %5.1lf%%\n", labels[CPU_USAGE], (double)vals[0][CPU_USAGE]);
        }
        return true;
    }
    sleep(1);
    memset(present, 0, sizeof(present));
    if (!virtkitNodeCPUStats(ctl, cpu, vals[1], present))
        return false;
    {
        double d[CPU_LAST];
        volatile double total;
        double usage;

        for (k = 0; k < CPU_LAST; k++)
            d[k] = (double)(vals[1][k] - vals[0][k]);
        total = d[CPU_USER] + d[CPU_SYSTEM] + d[CPU_IDLE] + d[CPU_IOWAIT];
        usage = (d[CPU_USER] + d[CPU_SYSTEM]) / total * 100;
        if (json) {
            g_autoptr(JsonBuilder) b = json_builder_new();

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "usage");
            json_builder_add_double_value(b, total ? usage : 0);
            for (k = 0; k < CPU_INTR; k++) {
                json_builder_set_member_name(b, keys[k]);
                json_builder_add_double_value(b, total ? d[k] / total * 100 : 0);
            }
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        vshPrint(ctl, "%-15s %5.1lf%%\n", labels[CPU_USAGE], usage);
        for (k = 0; k < CPU_INTR; k++)
            vshPrint(ctl, "%-15s %5.1lf%%\n", labels[k], d[k] / total * 100);
    }
    return true;
}

static const vshCmdOptDef opts_nodememstats[] = {
    {.name = "cell", .type = VSH_OT_INT, .help = "prints specified cell statistics only."},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    VSH_OPT_HUMAN,
    {.name = NULL},
};

static bool
cmdNodeMemStats(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    g_autofree virNodeMemoryStatsPtr params = NULL;
    int cell = VIR_NODE_MEMORY_STATS_ALL_CELLS;
    int nparams = 0, i;

    if (vshCommandOptInt(ctl, cmd, "cell", &cell) < 0)
        return false;
    if (virNodeGetMemoryStats(conn, cell, NULL, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get number of memory stats");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virNodeMemoryStats, nparams);
    if (virNodeGetMemoryStats(conn, cell, params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get memory stats");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        for (i = 0; i < nparams; i++) {
            json_builder_set_member_name(b, params[i].field);
            json_builder_add_int_value(b, params[i].value);
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *size = vshFormatKiB(cmd, params[i].value);

        vshPrint(ctl, "%-7s: %24s\n", params[i].field, size);
    }
    return true;
}

static char *
virtkitTypedParamValue(virTypedParameterPtr p)
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
        return g_strdup_printf("%f", p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup(p->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(p->value.s);
    }
    return g_strdup("unimplemented parameter type");
}

static bool
cmdNodeSEVInfo(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, i;

    if (virNodeGetSEVInfo(vshConnection(ctl), &params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get host SEV information");
        return false;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *v = virtkitTypedParamValue(&params[i]);

        vshPrint(ctl, "%-18s: %s\n", params[i].field, v);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

/* ------------------------------------------------------------------ */
/* node-memory-tune, nodesuspend                                      */

static const vshCmdOptDef opts_node_memory_tune[] = {
    {.name = "shm-pages-to-scan", .type = VSH_OT_INT,
     .help = "number of pages to scan before the shared memory service goes to sleep"},
    {.name = "shm-sleep-millisecs", .type = VSH_OT_INT,
     .help = "number of millisecs the shared memory service should sleep before next scan"},
    {.name = "shm-merge-across-nodes", .type = VSH_OT_INT,
     .help = "Specifies if pages from different numa nodes can be merged"},
    {.name = NULL},
};

static bool
cmdNodeMemoryTune(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const opts[] = {
        "shm-pages-to-scan", "shm-sleep-millisecs", "shm-merge-across-nodes",
    };
    static const char *const fields[] = {
        VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS,
        VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES,
    };
    virConnectPtr conn = vshConnection(ctl);
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0;
    size_t i;
    int rc;

    for (i = 0; i < G_N_ELEMENTS(opts); i++) {
        unsigned int v = 0;

        if ((rc = vshCommandOptUInt(ctl, cmd, opts[i], &v)) < 0) {
            virTypedParamsFree(params, nparams);
            return false;
        }
        if (rc > 0)
            virTypedParamsAddUInt(&params, &nparams, &maxparams, fields[i], v);
    }
    if (nparams > 0) {
        rc = virNodeSetMemoryParameters(conn, params, nparams, 0);
        virTypedParamsFree(params, nparams);
        if (rc != 0) {
            vshError(ctl, "%s", "Unable to change memory parameters");
            return false;
        }
        return true;
    }
    if (virNodeGetMemoryParameters(conn, NULL, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virTypedParameter, nparams);
    if (virNodeGetMemoryParameters(conn, params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get memory parameters");
        g_free(params);
        return false;
    }
    vshPrint(ctl, "%s\n", "Shared memory:");
    for (i = 0; i < (size_t)nparams; i++) {
        g_autofree char *v = virtkitTypedParamValue(&params[i]);

        vshPrint(ctl, "\t%-15s %s\n", params[i].field, v);
    }
    virTypedParamsClear(params, nparams);
    g_free(params);
    return true;
}

static const vshCmdOptDef opts_nodesuspend[] = {
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)"},
    {.name = "duration", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "Suspend duration in seconds, at least 60"},
    {.name = NULL},
};

static bool
cmdNodeSuspend(vshControl *ctl, const vshCmd *cmd)
{
    const char *target = NULL;
    long long duration = 0;
    int t;

    if (vshCommandOptStringReq(ctl, cmd, "target", &target) < 0 ||
        vshCommandOptLongLong(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (g_str_equal(target, "mem")) {
        t = VIR_NODE_SUSPEND_TARGET_MEM;
    } else if (g_str_equal(target, "disk")) {
        t = VIR_NODE_SUSPEND_TARGET_DISK;
    } else if (g_str_equal(target, "hybrid")) {
        t = VIR_NODE_SUSPEND_TARGET_HYBRID;
    } else {
        vshError(ctl, "%s", "Invalid target");
        return false;
    }
    if (duration < 0) {
        vshError(ctl, "%s", "Invalid duration");
        return false;
    }
    if (virNodeSuspendForDuration(vshConnection(ctl), t, duration, 0) < 0) {
        vshError(ctl, "%s", "The host was not suspended");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* freecell, freepages, allocpages                                    */

static const vshCmdOptDef opts_freecell[] = {
    {.name = "cellno", .type = VSH_OT_INT, .help = "NUMA cell number"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "show free memory for all NUMA cells"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    VSH_OPT_HUMAN,
    {.name = NULL},
};

static bool
cmdFreecell(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    bool all = vshCommandOptBool(cmd, "all");
    bool json = vshCommandOptBool(cmd, "json");
    g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
    g_autofree char *size = NULL;
    int cell = 0, rc;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "cellno"))
        return false;
    if ((rc = vshCommandOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (all) {
        g_autoptr(GPtrArray) cells = virtkitHostCells(ctl);
        g_autofree unsigned long long *mem = NULL;
        unsigned long long total = 0;
        guint i;

        if (!cells)
            return false;
        mem = g_new0(unsigned long long, cells->len ? cells->len : 1);
        for (i = 0; i < cells->len; i++) {
            int id = atoi(g_ptr_array_index(cells, i));

            if (virNodeGetCellsFreeMemory(conn, &mem[i], id, 1) != 1) {
                vshError(ctl, "failed to get free memory for NUMA node number: %d", id);
                return false;
            }
            total += mem[i];
        }
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "cells");
            json_builder_begin_array(b);
            for (i = 0; i < cells->len; i++) {
                json_builder_begin_object(b);
                json_builder_set_member_name(b, "cell");
                json_builder_add_int_value(b, atoi(g_ptr_array_index(cells, i)));
                json_builder_set_member_name(b, "free_memory");
                json_builder_add_int_value(b, mem[i] / 1024);
                json_builder_end_object(b);
            }
            json_builder_end_array(b);
            json_builder_set_member_name(b, "total");
            json_builder_add_int_value(b, total / 1024);
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        for (i = 0; i < cells->len; i++) {
            g_autofree char *size = vshFormatKiB(cmd, mem[i] / 1024);

            vshPrint(ctl, "%5d: %14s\n", atoi(g_ptr_array_index(cells, i)), size);
        }
        vshPrint(ctl, "--------------------\n");
        size = vshFormatKiB(cmd, total / 1024);
        vshPrint(ctl, "%5s: %14s\n", "Total", size);
        return true;
    }
    if (rc > 0) {
        unsigned long long mem = 0;

        if (virNodeGetCellsFreeMemory(conn, &mem, cell, 1) != 1)
            return false;
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "cell");
            json_builder_add_int_value(b, cell);
            json_builder_set_member_name(b, "free_memory");
            json_builder_add_int_value(b, mem / 1024);
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        size = vshFormatKiB(cmd, mem / 1024);
        vshPrint(ctl, "%d: %s\n", cell, size);
        return true;
    } else {
        unsigned long long mem = virNodeGetFreeMemory(conn);

        if (mem == 0)
            return false;
        if (b) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "total");
            json_builder_add_int_value(b, mem / 1024);
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        size = vshFormatKiB(cmd, mem / 1024);
        vshPrint(ctl, "%s: %s\n", "Total", size);
    }
    return true;
}

static const vshCmdOptDef opts_freepages[] = {
    {.name = "cellno", .type = VSH_OT_INT, .help = "NUMA cell number"},
    {.name = "pagesize", .type = VSH_OT_INT, .help = "page size (in kibibytes)"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "show free pages for all NUMA cells"},
    {.name = NULL},
};

static bool
cmdFreepages(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    bool all = vshCommandOptBool(cmd, "all");
    unsigned long long bytes = 0;
    unsigned int pagesize = 0;
    int cell = -1;
    int rcCell, rcSize;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "cellno"))
        return false;
    if ((rcSize = vshCommandOptScaledInt(ctl, cmd, "pagesize", &bytes, 1024,
                                         (unsigned long long)G_MAXUINT * 1024)) < 0)
        return false;
    pagesize = bytes / 1024;
    if ((rcCell = vshCommandOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;

    if (all) {
        g_autofree char *caps = virConnectGetCapabilities(conn);
        g_autoptr(GPtrArray) cells = NULL;
        g_autoptr(GPtrArray) sizes = NULL;
        g_autofree unsigned int *psizes = NULL;
        g_autofree unsigned long long *counts = NULL;
        guint i, j, nsizes;

        if (!caps) {
            vshError(ctl, "%s", "unable to get node capabilities");
            return false;
        }
        cells = virtkitXPathStrings(caps, "/capabilities/host/topology/cells/cell/@id");
        if (rcSize > 0) {
            nsizes = 1;
            psizes = g_new0(unsigned int, 1);
            psizes[0] = pagesize;
        } else {
            sizes = virtkitXPathStrings(caps, "/capabilities/host/cpu/pages/@size");
            if (sizes->len == 0) {
                vshError(ctl, "%s", "could not get information about supported page sizes");
                return false;
            }
            nsizes = sizes->len;
            psizes = g_new0(unsigned int, nsizes);
            for (j = 0; j < nsizes; j++)
                psizes[j] = strtoul(g_ptr_array_index(sizes, j), NULL, 10);
        }
        counts = g_new0(unsigned long long, nsizes);
        for (i = 0; i < cells->len; i++) {
            int id = atoi(g_ptr_array_index(cells, i));

            if (virNodeGetFreePages(conn, nsizes, psizes, id, 1, counts, 0) < 0)
                return false;
            vshPrint(ctl, "Node %d:\n", id);
            for (j = 0; j < nsizes; j++)
                vshPrint(ctl, "%uKiB: %llu\n", psizes[j], counts[j]);
            vshPrint(ctl, "\n");
        }
        return true;
    }
    if (rcCell == 0) {
        vshError(ctl, "%s", "missing cellno argument");
        return false;
    }
    if (rcSize == 0) {
        vshError(ctl, "%s", "missing pagesize argument");
        return false;
    }
    {
        unsigned long long count = 0;

        if (virNodeGetFreePages(conn, 1, &pagesize, cell, 1, &count, 0) < 0)
            return false;
        vshPrint(ctl, "%uKiB: %llu\n", pagesize, count);
    }
    return true;
}

static const vshCmdOptDef opts_allocpages[] = {
    {.name = "pagesize", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "page size (in kibibytes)"},
    {.name = "pagecount", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "page count"},
    {.name = "cellno", .type = VSH_OT_INT, .help = "NUMA cell number"},
    {.name = "add", .type = VSH_OT_BOOL,
     .help = "instead of setting new pool size add pages to it"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "set on all NUMA cells"},
    {.name = NULL},
};

static bool
cmdAllocpages(vshControl *ctl, const vshCmd *cmd)
{
    virConnectPtr conn = vshConnection(ctl);
    unsigned int flags = vshCommandOptBool(cmd, "add") ? VIR_NODE_ALLOC_PAGES_ADD : 0;
    unsigned long long bytes = 0, count = 0;
    unsigned int pagesize;
    int cell = -1;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "cellno"))
        return false;
    if (vshCommandOptScaledInt(ctl, cmd, "pagesize", &bytes, 1024,
                               (unsigned long long)G_MAXUINT * 1024) < 0)
        return false;
    pagesize = bytes / 1024;
    if (vshCommandOptULongLong(ctl, cmd, "pagecount", &count) < 0 ||
        vshCommandOptInt(ctl, cmd, "cellno", &cell) < 0)
        return false;
    if (vshCommandOptBool(cmd, "all")) {
        g_autoptr(GPtrArray) cells = virtkitHostCells(ctl);
        guint i;

        if (!cells)
            return false;
        for (i = 0; i < cells->len; i++) {
            if (virNodeAllocPages(conn, 1, &pagesize, &count,
                                  atoi(g_ptr_array_index(cells, i)), 1, flags) < 0)
                return false;
        }
        return true;
    }
    return virNodeAllocPages(conn, 1, &pagesize, &count, cell, 1, flags) >= 0;
}

/* ------------------------------------------------------------------ */
/* CPU models, comparisons and baselines                              */

static const vshCmdOptDef opts_cpu_models[] = {
    {.name = "arch", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "architecture"},
    {.name = NULL},
};

static bool
cmdCPUModelNames(vshControl *ctl, const vshCmd *cmd)
{
    const char *arch = NULL;
    char **models = NULL;
    int n, i;

    if (vshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0)
        return false;
    n = virConnectGetCPUModelNames(vshConnection(ctl), arch, &models, 0);
    if (n < 0) {
        vshError(ctl, "%s", "failed to get CPU model names");
        return false;
    }
    if (n == 0)
        vshPrintExtra(ctl, "%s\n", "all CPU models are accepted");
    for (i = 0; i < n; i++) {
        vshPrint(ctl, "%s\n", models[i]);
        free(models[i]);
    }
    free(models);
    return true;
}

static const vshCmdOptDef opts_cpu_compare[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML CPU description", .completer = VSH_COMPLETE_FILE},
    {.name = "error", .type = VSH_OT_BOOL, .help = "report error if CPUs are incompatible"},
    {.name = "validate", .type = VSH_OT_BOOL,
     .help = "validate the XML document against schema"},
    {.name = NULL},
};

static bool
virtkitReportCompare(vshControl *ctl, int result, const char *file, bool hypervisor)
{
    const char *what = hypervisor ? "hypervisor CPU" : "host CPU";

    switch (result) {
    case VIR_CPU_COMPARE_INCOMPATIBLE:
        vshPrint(ctl, "CPU described in %s is incompatible with %s\n", file, what);
        return false;
    case VIR_CPU_COMPARE_IDENTICAL:
        vshPrint(ctl, "CPU described in %s is identical to %s\n", file, what);
        return true;
    case VIR_CPU_COMPARE_SUPERSET:
        vshPrint(ctl, "%s is a superset of CPU described in %s\n",
                 hypervisor ? "The hypervisor CPU" : "Host CPU", file);
        return true;
    default:
        vshError(ctl, "Failed to compare %s with %s", what, file);
        return false;
    }
}

static unsigned int
virtkitCompareFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "error"))
        flags |= VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_CONNECT_COMPARE_CPU_VALIDATE_XML;
    return flags;
}

static bool
cmdCPUCompare(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_auto(GStrv) cpus = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(cpus = virtkitExtractCPUs(ctl, file)))
        return false;
    return virtkitReportCompare(ctl, virConnectCompareCPU(vshConnection(ctl), cpus[0],
                                                          virtkitCompareFlags(cmd)),
                                file, false);
}

static const vshCmdOptDef opts_hypervisor_cpu_compare[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML CPU description", .completer = VSH_COMPLETE_FILE},
    {.name = "virttype", .type = VSH_OT_STRING, .help = "virtualization type (/domain/@type)"},
    {.name = "emulator", .type = VSH_OT_STRING,
     .help = "path to emulator binary (/domain/devices/emulator)"},
    {.name = "arch", .type = VSH_OT_STRING, .help = "CPU architecture (/domain/os/type/@arch)"},
    {.name = "machine", .type = VSH_OT_STRING, .help = "machine type (/domain/os/type/@machine)"},
    {.name = "error", .type = VSH_OT_BOOL, .help = "report error if CPUs are incompatible"},
    {.name = "validate", .type = VSH_OT_BOOL,
     .help = "validate the XML document against schema"},
    {.name = NULL},
};

static bool
cmdHypervisorCPUCompare(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL, *virttype = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
    g_auto(GStrv) cpus = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "virttype", &virttype) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "emulator", &emulator) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "machine", &machine) < 0)
        return false;
    if (!(cpus = virtkitExtractCPUs(ctl, file)))
        return false;
    return virtkitReportCompare(ctl,
                                virConnectCompareHypervisorCPU(vshConnection(ctl), emulator,
                                                               arch, machine, virttype, cpus[0],
                                                               virtkitCompareFlags(cmd)),
                                file, true);
}

static const vshCmdOptDef opts_cpu_baseline[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing XML CPU descriptions", .completer = VSH_COMPLETE_FILE},
    {.name = "features", .type = VSH_OT_BOOL,
     .help = "Show features that are part of the CPU model type"},
    {.name = "migratable", .type = VSH_OT_BOOL,
     .help = "Do not include features that block migration"},
    {.name = NULL},
};

static unsigned int
virtkitBaselineFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "features"))
        flags |= VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES;
    if (vshCommandOptBool(cmd, "migratable"))
        flags |= VIR_CONNECT_BASELINE_CPU_MIGRATABLE;
    return flags;
}

static bool
cmdCPUBaseline(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_auto(GStrv) cpus = NULL;
    g_autofree char *result = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(cpus = virtkitExtractCPUs(ctl, file)))
        return false;
    result = virConnectBaselineCPU(vshConnection(ctl), (const char **)cpus,
                                   g_strv_length(cpus), virtkitBaselineFlags(cmd));
    if (!result)
        return false;
    vshPrint(ctl, "%s", result);
    return true;
}

static const vshCmdOptDef opts_hypervisor_cpu_baseline[] = {
    {.name = "file", .type = VSH_OT_STRING,
     .help = "file containing XML CPU descriptions", .completer = VSH_COMPLETE_FILE},
    {.name = "virttype", .type = VSH_OT_STRING, .help = "virtualization type (/domain/@type)"},
    {.name = "emulator", .type = VSH_OT_STRING,
     .help = "path to emulator binary (/domain/devices/emulator)"},
    {.name = "arch", .type = VSH_OT_STRING, .help = "CPU architecture (/domain/os/type/@arch)"},
    {.name = "machine", .type = VSH_OT_STRING, .help = "machine type (/domain/os/type/@machine)"},
    {.name = "features", .type = VSH_OT_BOOL,
     .help = "Show features that are part of the CPU model type"},
    {.name = "migratable", .type = VSH_OT_BOOL,
     .help = "Do not include features that block migration"},
    {.name = "model", .type = VSH_OT_STRING,
     .help = "Shortcut for calling the command with a single CPU model and no additional features"},
    {.name = NULL},
};

static bool
cmdHypervisorCPUBaseline(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL, *virttype = NULL, *emulator = NULL, *arch = NULL;
    const char *machine = NULL, *model = NULL;
    g_auto(GStrv) cpus = NULL;
    g_autofree char *result = NULL;

    if (!vshCommandOptExclusive(ctl, cmd, "file", "model"))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "virttype", &virttype) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "emulator", &emulator) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "machine", &machine) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "model", &model) < 0)
        return false;
    if (!file && !model) {
        vshError(ctl, "%s", "Either --file or --model must be provided");
        return false;
    }
    if (file) {
        if (!(cpus = virtkitExtractCPUs(ctl, file)))
            return false;
    } else {
        cpus = g_new0(char *, 2);
        cpus[0] = g_markup_printf_escaped("<cpu>\n  <model>%s</model>\n</cpu>", model);
    }
    result = virConnectBaselineHypervisorCPU(vshConnection(ctl), emulator, arch, machine,
                                             virttype, (const char **)cpus,
                                             g_strv_length(cpus), virtkitBaselineFlags(cmd));
    if (!result)
        return false;
    vshPrint(ctl, "%s", result);
    return true;
}

static const vshCmdDef cmds[] = {
    {.name = "allocpages", .handler = cmdAllocpages, .opts = opts_allocpages,
     .help = "Manipulate pages pool size",
     .desc = "Allocate or free some pages in the pool for NUMA cell."},
    {.name = "capabilities", .handler = cmdCapabilities,
     .help = "capabilities", .desc = "Returns capabilities of hypervisor/driver."},
    {.name = "cpu-baseline", .handler = cmdCPUBaseline, .opts = opts_cpu_baseline,
     .help = "compute baseline CPU",
     .desc = "Compute baseline CPU for a set of given CPUs."},
    {.name = "cpu-compare", .handler = cmdCPUCompare, .opts = opts_cpu_compare,
     .help = "compare host CPU with a CPU described by an XML file",
     .desc = "compare CPU with host CPU"},
    {.name = "cpu-models", .handler = cmdCPUModelNames, .opts = opts_cpu_models,
     .help = "CPU models", .desc = "Get the CPU models for an arch."},
    {.name = "domcapabilities", .handler = cmdDomCapabilities, .opts = opts_domcapabilities,
     .help = "domain capabilities",
     .desc = "Returns capabilities of emulator with respect to host and libvirt."},
    {.name = "freecell", .handler = cmdFreecell, .opts = opts_freecell,
     .help = "NUMA free memory", .desc = "display available free memory for the NUMA cell."},
    {.name = "freepages", .handler = cmdFreepages, .opts = opts_freepages,
     .help = "NUMA free pages", .desc = "display available free pages for the NUMA cell."},
    {.name = "hostname", .handler = cmdHostname,
     .help = "print the hypervisor hostname", .desc = ""},
    {.name = "hypervisor-cpu-baseline", .handler = cmdHypervisorCPUBaseline,
     .opts = opts_hypervisor_cpu_baseline,
     .help = "compute baseline CPU usable by a specific hypervisor",
     .desc = "Compute baseline CPU for a set of given CPUs. The result will be tailored "
             "to the specified hypervisor."},
    {.name = "hypervisor-cpu-compare", .handler = cmdHypervisorCPUCompare,
     .opts = opts_hypervisor_cpu_compare,
     .help = "compare a CPU with the CPU created by a hypervisor on the host",
     .desc = "compare CPU with hypervisor CPU"},
    {.name = "maxvcpus", .handler = cmdMaxvcpus, .opts = opts_maxvcpus,
     .help = "connection vcpu maximum",
     .desc = "Show maximum number of virtual CPUs for guests on this connection."},
    {.name = "node-memory-tune", .handler = cmdNodeMemoryTune, .opts = opts_node_memory_tune,
     .help = "Get or set node memory parameters",
     .desc = "Get or set node memory parameters\n    To get the memory parameters, "
             "use following command: \n\n    virsh # node-memory-tune"},
    {.name = "nodecpumap", .handler = cmdNodeCpuMap, .opts = opts_nodecpumap,
     .help = "node cpu map",
     .desc = "Displays the node's total number of CPUs, the number of online CPUs and "
             "the list of online CPUs."},
    {.name = "nodecpustats", .handler = cmdNodeCpuStats, .opts = opts_nodecpustats,
     .help = "Prints cpu stats of the node.",
     .desc = "Returns cpu stats of the node, in nanoseconds."},
    {.name = "nodeinfo", .handler = cmdNodeinfo, .opts = opts_json_human,
     .help = "node information", .desc = "Returns basic information about the node."},
    {.name = "nodememstats", .handler = cmdNodeMemStats, .opts = opts_nodememstats,
     .help = "Prints memory stats of the node.",
     .desc = "Returns memory stats of the node, in kilobytes."},
    {.name = "nodesevinfo", .handler = cmdNodeSEVInfo,
     .help = "node SEV information", .desc = "Returns basic SEV information about the node."},
    {.name = "nodesuspend", .handler = cmdNodeSuspend, .opts = opts_nodesuspend,
     .help = "suspend the host node for a given time duration",
     .desc = "Suspend the host node for a given time duration and attempt to resume "
             "thereafter."},
    {.name = "sysinfo", .handler = cmdSysinfo,
     .help = "print the hypervisor sysinfo",
     .desc = "output an XML string for the hypervisor sysinfo, if available"},
    {.name = "uri", .handler = cmdURI,
     .help = "print the hypervisor canonical URI", .desc = ""},
    {.name = "version", .handler = cmdVersion, .opts = opts_version,
     .help = "show version", .desc = "Display the system version information."},
    {.name = NULL},
};

const vshCmdTable virtkitHostTable = { "host", cmds };
