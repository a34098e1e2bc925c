/*
 * cmd-tune.c: the virsh 'domain' group's tuning commands (memory, vCPUs,
 * scheduler, blkio, NUMA, IOThreads)
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "virtkit-cmds.h"

/* ------------------------------------------------------------------ */
/* Shared helpers                                                     */

#define TUNE_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}
#define TUNE_OPT_CONFIG {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"}
#define TUNE_OPT_LIVE {.name = "live", .type = VSH_OT_BOOL, .help = "affect running domain"}
#define TUNE_OPT_CURRENT {.name = "current", .type = VSH_OT_BOOL, .help = "affect current domain"}
#define TUNE_OPT_JSON {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"}

/* --current excludes --live and --config; the flags they select. */
static bool
tuneAffectFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    if (!vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (vshCommandOptBool(cmd, "config"))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vshCommandOptBool(cmd, "live"))
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    return true;
}

static bool
tuneAnyAffect(const vshCmd *cmd)
{
    return vshCommandOptBool(cmd, "current") || vshCommandOptBool(cmd, "live") ||
           vshCommandOptBool(cmd, "config");
}

/* "Option --NEED is required by option --BY" when BY is given alone. */
static bool
tuneRequire(vshControl *ctl, const vshCmd *cmd, const char *by, const char *need)
{
    if (vshCommandOptBool(cmd, by) && !vshCommandOptBool(cmd, need)) {
        vshError(ctl, "Option --%s is required by option --%s", need, by);
        return false;
    }
    return true;
}

static char *
tuneParamValue(const virTypedParameter *p)
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
        return g_strdup(p->value.s ? p->value.s : "");
    default:
        return g_strdup("unimplemented parameter type");
    }
}

/* Print parameters as virsh does ("%-15s: %s"), or as one JSON object. */
static void
tunePrintParams(vshControl *ctl, const vshCmd *cmd, virTypedParameterPtr params, int n)
{
    int i;

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        for (i = 0; i < n; i++)
            vshJSONTypedParam(b, &params[i]);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return;
    }
    for (i = 0; i < n; i++) {
        g_autofree char *s = tuneParamValue(&params[i]);

        vshPrint(ctl, "%-15s: %s\n", params[i].field, s);
    }
}

static int
tuneNodeCPUCount(vshControl *ctl)
{
    int n = virNodeGetCPUMap(vshConnection(ctl), NULL, NULL, 0);

    if (n < 0) {
        virNodeInfo info;

        vshResetLibvirtError();
        if (virNodeGetInfo(vshConnection(ctl), &info) < 0)
            return -1;
        n = VIR_NODEINFO_MAXCPUS(info);
    }
    return n;
}

/* A CPU map as ranges: "0-3,6". */
static char *
tuneCpumapFormat(const unsigned char *map, int maplen)
{
    GString *s = g_string_new(NULL);
    int nbits = maplen * 8;
    int i = 0;

    while (i < nbits) {
        int start;

        if (!VIR_CPU_USED(map, i)) {
            i++;
            continue;
        }
        start = i;
        while (i + 1 < nbits && VIR_CPU_USED(map, i + 1))
            i++;
        if (s->len)
            g_string_append_c(s, ',');
        if (start == i)
            g_string_append_printf(s, "%d", start);
        else
            g_string_append_printf(s, "%d-%d", start, i);
        i++;
    }
    return g_string_free(s, FALSE);
}

/* libvirt's bitmap syntax: "N", "N-M", "^N" (clearing N), separated by
 * commas and read in order. */
static bool
tuneBitmapParse(const char *text, GArray *bits)
{
    g_auto(GStrv) items = g_strsplit(text, ",", -1);
    bool set[1024] = { false };
    size_t i;

    if (!*text)
        return false;
    for (i = 0; items[i]; i++) {
        const char *p = items[i];
        bool neg = false;
        char *end;
        long a;
        long b;

        while (g_ascii_isspace(*p))
            p++;
        if (*p == '^') {
            neg = true;
            p++;
        }
        if (!g_ascii_isdigit(*p))
            return false;
        a = strtol(p, &end, 10);
        b = a;
        while (g_ascii_isspace(*end))
            end++;
        if (*end == '-' && !neg) {
            p = end + 1;
            while (g_ascii_isspace(*p))
                p++;
            if (!g_ascii_isdigit(*p))
                return false;
            b = strtol(p, &end, 10);
            while (g_ascii_isspace(*end))
                end++;
        }
        if (*end || a > 1023 || b > 1023 || b < a)
            return false;
        for (long c = a; c <= b; c++)
            set[c] = !neg;
    }
    for (int c = 0; c < 1024; c++) {
        if (set[c])
            g_array_append_val(bits, c);
    }
    return true;
}

/* virsh's cpulist: "r" for every host CPU, else a bitmap within MAXCPU. */
static unsigned char *
tuneParseCPUList(vshControl *ctl, int *maplen, const char *cpulist, int maxcpu)
{
    g_autoptr(GArray) bits = g_array_new(FALSE, FALSE, sizeof(int));
    unsigned char *map;
    int last = -1;
    guint i;

    if (cpulist[0] == 'r') {
        for (int c = 0; c < maxcpu; c++)
            g_array_append_val(bits, c);
    } else {
        if (!tuneBitmapParse(cpulist, bits) || bits->len == 0) {
            vshError(ctl, "Invalid cpulist '%s'", cpulist);
            return NULL;
        }
    }
    for (i = 0; i < bits->len; i++)
        last = MAX(last, g_array_index(bits, int, i));
    if (last >= maxcpu) {
        vshError(ctl, "CPU %d in cpulist '%s' exceed the maxcpu %d", last, cpulist, maxcpu);
        return NULL;
    }
    *maplen = last < 0 ? 1 : last / 8 + 1;
    map = g_new0(unsigned char, *maplen);
    for (i = 0; i < bits->len; i++)
        VIR_USE_CPU(map, g_array_index(bits, int, i));
    return map;
}

/* A two-column table as virsh prints it: ROWS holds the cells, two per row. */
static void
tuneTablePrint(vshControl *ctl, const char *h1, const char *h2, GPtrArray *rows)
{
    g_autoptr(vshTable) table = vshTableNew(h1, h2, NULL);
    guint i;

    for (i = 0; i + 1 < rows->len; i += 2)
        vshTableRowAppend(table, rows->pdata[i], rows->pdata[i + 1], NULL);
    vshTablePrint(ctl, table);
}

/* ------------------------------------------------------------------ */
/* setmem, setmaxmem                                                  */

static const vshCmdOptDef opts_setmem[] = {
    TUNE_OPT_DOMAIN,
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "new memory size, as scaled integer (default KiB)"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static const vshCmdOptDef opts_setmaxmem[] = {
    TUNE_OPT_DOMAIN,
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "new maximum memory size, as scaled integer (default KiB)"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
tuneSetMemory(vshControl *ctl, const vshCmd *cmd, bool maximum)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long bytes = 0;
    unsigned long kib;
    unsigned int flags;
    int rc;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptScaledInt(ctl, cmd, "size", &bytes, 1024, ULONG_MAX) < 0)
        return false;
    kib = (bytes + 1023) / 1024;
    rc = virDomainSetMemoryFlags(dom, kib, flags | (maximum ? VIR_DOMAIN_MEM_MAXIMUM : 0));
    if (rc != 0) {
        if (maximum)
            vshError(ctl, "%s", "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}

static bool
cmdSetmem(vshControl *ctl, const vshCmd *cmd)
{
    return tuneSetMemory(ctl, cmd, false);
}

static bool
cmdSetmaxmem(vshControl *ctl, const vshCmd *cmd)
{
    return tuneSetMemory(ctl, cmd, true);
}

/* ------------------------------------------------------------------ */
/* memtune                                                            */

static const vshCmdOptDef opts_memtune[] = {
    TUNE_OPT_DOMAIN,
    {.name = "hard-limit", .type = VSH_OT_INT, .help = "Max memory, as scaled integer (default KiB)"},
    {.name = "soft-limit", .type = VSH_OT_INT, .help = "Memory during contention, as scaled integer (default KiB)"},
    {.name = "swap-hard-limit", .type = VSH_OT_INT, .help = "Max memory plus swap, as scaled integer (default KiB)"},
    {.name = "min-guarantee", .type = VSH_OT_INT, .help = "Min guaranteed memory, as scaled integer (default KiB)"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    TUNE_OPT_JSON,
    VSH_OPT_HUMAN,
    {.name = NULL},
};

/* A memtune size: negative for unlimited, else scaled (default KiB). */
static int
tuneMemtuneSize(const vshCmd *cmd, const char *name, unsigned long long *value)
{
    const char *str = vshCommandOptStringQuiet(cmd, name);
    unsigned long long factor = 1024;
    char *end = NULL;
    long long v;

    if (!str)
        return 0;
    errno = 0;
    v = strtoll(str, &end, 10);
    if (errno || end == str)
        return -1;
    if (v < 0) {
        *value = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        return 1;
    }
    if (*end) {
        static const struct { const char *s; unsigned long long f; } units[] = {
            {"b", 1}, {"bytes", 1},
            {"k", 1ULL << 10}, {"kib", 1ULL << 10}, {"kb", 1000ULL},
            {"m", 1ULL << 20}, {"mib", 1ULL << 20}, {"mb", 1000000ULL},
            {"g", 1ULL << 30}, {"gib", 1ULL << 30}, {"gb", 1000000000ULL},
            {"t", 1ULL << 40}, {"tib", 1ULL << 40}, {"tb", 1000000000000ULL},
            {"p", 1ULL << 50}, {"pib", 1ULL << 50}, {"pb", 1000000000000000ULL},
            {"e", 1ULL << 60}, {"eib", 1ULL << 60}, {"eb", 1000000000000000000ULL},
        };
        size_t i;

        factor = 0;
        for (i = 0; i < G_N_ELEMENTS(units); i++) {
            if (g_ascii_strcasecmp(end, units[i].s) == 0)
                factor = units[i].f;
        }
        if (!factor)
            return -1;
    }
    if (v && factor > (unsigned long long)LLONG_MAX / (unsigned long long)v)
        return -1;
    *value = ((unsigned long long)v * factor + 1023) / 1024;
    return 1;
}

static bool
cmdMemtune(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; const char *field; } fields[] = {
        {"hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT},
        {"soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT},
        {"swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT},
        {"min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE},
    };
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    bool ret = false;
    size_t i;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        unsigned long long v;
        int rc = tuneMemtuneSize(cmd, fields[i].opt, &v);

        if (rc < 0) {
            vshError(ctl, "Unable to parse integer parameter %s", fields[i].opt);
            goto cleanup;
        }
        if (rc > 0 && virTypedParamsAddULLong(&params, &nparams, &maxparams, fields[i].field, v) < 0)
            goto cleanup;
    }
    if (nparams == 0) {
        if (virDomainGetMemoryParameters(dom, NULL, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get number of memory parameters");
            goto cleanup;
        }
        if (nparams == 0) {
            ret = true;
            goto cleanup;
        }
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetMemoryParameters(dom, params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get memory parameters");
            goto cleanup;
        }
        if (vshCommandOptBool(cmd, "json")) {
            g_autoptr(JsonBuilder) b = json_builder_new();

            json_builder_begin_object(b);
            for (i = 0; i < (size_t)nparams; i++) {
                if (params[i].type == VIR_TYPED_PARAM_ULLONG &&
                    params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED) {
                    /* unlimited */
                    json_builder_set_member_name(b, params[i].field);
                    json_builder_add_null_value(b);
                } else {
                    vshJSONTypedParam(b, &params[i]);
                }
            }
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
        } else {
            for (i = 0; i < (size_t)nparams; i++) {
                if (params[i].type == VIR_TYPED_PARAM_ULLONG &&
                    params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED) {
                    vshPrint(ctl, "%-15s: %s\n", params[i].field, "unlimited");
                } else {
                    g_autofree char *s = NULL;

                    if (params[i].type == VIR_TYPED_PARAM_ULLONG &&
                        vshCommandOptBool(cmd, "human"))
                        s = vshFormatKiB(cmd, params[i].value.ul);
                    else
                        s = tuneParamValue(&params[i]);
                    vshPrint(ctl, "%-15s: %s\n", params[i].field, s);
                }
            }
        }
    } else if (virDomainSetMemoryParameters(dom, params, nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to change memory parameters");
        goto cleanup;
    }
    ret = true;

 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/* ------------------------------------------------------------------ */
/* setvcpus, vcpucount, vcpuinfo, vcpupin, emulatorpin, guestvcpus,   */
/* setvcpu                                                            */

static const vshCmdOptDef opts_setvcpus[] = {
    TUNE_OPT_DOMAIN,
    {.name = "count", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "number of virtual CPUs"},
    {.name = "maximum", .type = VSH_OT_BOOL, .help = "set maximum limit on next boot"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = "guest", .type = VSH_OT_BOOL, .help = "modify cpu state in the guest"},
    {.name = "hotpluggable", .type = VSH_OT_BOOL, .help = "make added vcpus hot(un)pluggable"},
    {.name = NULL},
};

static bool
cmdSetvcpus(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int count = 0;
    unsigned int flags;
    int rc;

    if (!tuneAffectFlags(ctl, cmd, &flags) ||
        !vshCommandOptExclusive(ctl, cmd, "guest", "config") ||
        !tuneRequire(ctl, cmd, "maximum", "config"))
        return false;
    if (vshCommandOptBool(cmd, "guest"))
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (vshCommandOptBool(cmd, "maximum"))
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (vshCommandOptBool(cmd, "hotpluggable"))
        flags |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptUInt(ctl, cmd, "count", &count) < 0)
        return false;
    if (count == 0) {
        vshError(ctl, "%s", "Can't set 0 processors for a VM");
        return false;
    }
    if (flags || vshCommandOptBool(cmd, "current"))
        rc = virDomainSetVcpusFlags(dom, count, flags);
    else
        rc = virDomainSetVcpus(dom, count);
    return rc >= 0;
}

static const vshCmdOptDef opts_vcpucount[] = {
    TUNE_OPT_DOMAIN,
    {.name = "maximum", .type = VSH_OT_BOOL, .help = "get maximum count of vcpus"},
    {.name = "active", .type = VSH_OT_BOOL, .help = "get number of currently active vcpus"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "get value from running domain"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "get value to be used on next boot"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "get value according to current domain state"},
    {.name = "guest", .type = VSH_OT_BOOL,
     .help = "retrieve vcpu count from the guest instead of the hypervisor"},
    TUNE_OPT_JSON,
    {.name = NULL},
};

/* The vCPU count FLAGS select; -1 when the domain's state does not have
 * it (CHECKSTATE), -2 on an error. */
static int
tuneVcpuCount(virDomainPtr dom, unsigned int flags, bool checkState)
{
    int count;

    if (checkState &&
        (((flags & VIR_DOMAIN_AFFECT_LIVE) && virDomainIsActive(dom) < 1) ||
         ((flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsPersistent(dom) < 1)))
        return -1;
    if ((count = virDomainGetVcpusFlags(dom, flags)) < 0)
        return -2;
    return count;
}

static bool
cmdVcpucount(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool maximum = vshCommandOptBool(cmd, "maximum");
    bool active = vshCommandOptBool(cmd, "active");
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    bool current = vshCommandOptBool(cmd, "current");
    bool guest = vshCommandOptBool(cmd, "guest");
    bool json = vshCommandOptBool(cmd, "json");
    bool all = !maximum && !active && !current && !live && !config && !guest;
    unsigned int flags = 0;

    if (!vshCommandOptExclusive(ctl, cmd, "active", "maximum") ||
        !vshCommandOptExclusive(ctl, cmd, "guest", "config"))
        return false;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (maximum)
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (guest)
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;

    if (all) {
        static const struct { const char *which; const char *state; unsigned int flags; } rows[] = {
            {"maximum", "config", VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM},
            {"maximum", "live", VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM},
            {"current", "config", VIR_DOMAIN_AFFECT_CONFIG},
            {"current", "live", VIR_DOMAIN_AFFECT_LIVE},
        };
        int counts[G_N_ELEMENTS(rows)];
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(rows); i++) {
            if ((counts[i] = tuneVcpuCount(dom, rows[i].flags, true)) == -2)
                return false;
        }
        if (json) {
            g_autoptr(JsonBuilder) b = json_builder_new();

            json_builder_begin_object(b);
            for (i = 0; i < G_N_ELEMENTS(rows); i++) {
                g_autofree char *key = NULL;

                if (counts[i] <= 0)
                    continue;
                key = g_strdup_printf("%s_%s", rows[i].which, rows[i].state);
                json_builder_set_member_name(b, key);
                json_builder_add_int_value(b, counts[i]);
            }
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        for (i = 0; i < G_N_ELEMENTS(rows); i++) {
            if (counts[i] > 0)
                vshPrint(ctl, "%-12s %-12s %3d\n", rows[i].which, rows[i].state, counts[i]);
        }
    } else {
        int count = tuneVcpuCount(dom, flags, false);

        if (count < 0) {
            if (guest)
                vshError(ctl, "%s", "Failed to retrieve vCPU count from the guest");
            return false;
        }
        if (json) {
            g_autoptr(JsonBuilder) b = json_builder_new();

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "count");
            json_builder_add_int_value(b, count);
            json_builder_end_object(b);
            vshPrintJSON(ctl, b);
            return true;
        }
        vshPrint(ctl, "%d\n", count);
    }
    return true;
}

static const vshCmdOptDef opts_vcpuinfo[] = {
    TUNE_OPT_DOMAIN,
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "return human readable output"},
    TUNE_OPT_JSON,
    {.name = NULL},
};

static const char *
tuneVcpuState(int state)
{
    switch (state) {
    case VIR_VCPU_OFFLINE:
        return "offline";
    case VIR_VCPU_BLOCKED:
        return "idle";
    case VIR_VCPU_RUNNING:
        return "running";
    default:
        return "no state";
    }
}

static bool
cmdVcpuinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree virVcpuInfoPtr cpuinfo = NULL;
    g_autofree unsigned char *cpumaps = NULL;
    g_autoptr(JsonBuilder) b = NULL;
    bool pretty = vshCommandOptBool(cmd, "pretty");
    bool json = vshCommandOptBool(cmd, "json");
    virDomainInfo info;
    int maxcpu;
    int maplen;
    int ncpus;
    int n;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainGetInfo(dom, &info) != 0)
        return false;
    if ((maxcpu = tuneNodeCPUCount(ctl)) < 0)
        return false;
    maplen = VIR_CPU_MAPLEN(maxcpu);
    cpuinfo = g_new0(virVcpuInfo, MAX(info.nrVirtCpu, 1));
    cpumaps = g_new0(unsigned char, MAX(info.nrVirtCpu, 1) * maplen);
    if ((ncpus = virDomainGetVcpus(dom, cpuinfo, info.nrVirtCpu, cpumaps, maplen)) < 0) {
        if (info.state != VIR_DOMAIN_SHUTOFF)
            return false;
        vshResetLibvirtError();
        g_clear_pointer(&cpuinfo, g_free);
        if ((ncpus = virDomainGetVcpuPinInfo(dom, info.nrVirtCpu, cpumaps, maplen,
                                             VIR_DOMAIN_AFFECT_CONFIG)) < 0)
            return false;
    }
    if (json) {
        b = json_builder_new();
        json_builder_begin_array(b);
    }
    for (n = 0; n < ncpus; n++) {
        unsigned char *map = VIR_GET_CPUMAP(cpumaps, maplen, n);
        g_autofree char *affinity = NULL;

        if (json) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "vcpu");
            json_builder_add_int_value(b, cpuinfo ? (gint64)cpuinfo[n].number : n);
            json_builder_set_member_name(b, "cpu");
            if (cpuinfo)
                json_builder_add_int_value(b, cpuinfo[n].cpu);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "state");
            if (cpuinfo)
                json_builder_add_string_value(b, tuneVcpuState(cpuinfo[n].state));
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "cpu_time");
            if (cpuinfo)
                json_builder_add_int_value(b, (gint64)cpuinfo[n].cpuTime);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "cpu_affinity");
            affinity = tuneCpumapFormat(map, maplen);
            json_builder_add_string_value(b, affinity);
            json_builder_end_object(b);
            continue;
        }
        vshPrint(ctl, "%-15s %d\n", "VCPU:", cpuinfo ? (int)cpuinfo[n].number : n);
        if (cpuinfo) {
            vshPrint(ctl, "%-15s %d\n", "CPU:", cpuinfo[n].cpu);
            vshPrint(ctl, "%-15s %s\n", "State:", tuneVcpuState(cpuinfo[n].state));
            if (cpuinfo[n].cpuTime != 0)
                vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", cpuinfo[n].cpuTime / 1000000000.0);
        } else {
            vshPrint(ctl, "%-15s %s\n", "CPU:", "N/A");
            vshPrint(ctl, "%-15s %s\n", "State:", "N/A");
            vshPrint(ctl, "%-15s %s\n", "CPU time", "N/A");
        }
        if (pretty) {
            affinity = tuneCpumapFormat(map, maplen);
            vshPrint(ctl, "%-15s %s (out of %d)\n", "CPU Affinity:", affinity, maxcpu);
        } else {
            vshPrint(ctl, "%-15s ", "CPU Affinity:");
            for (int c = 0; c < maxcpu; c++)
                vshPrint(ctl, "%c", VIR_CPU_USED(map, c) ? 'y' : '-');
            vshPrint(ctl, "\n");
        }
        if (n < ncpus - 1)
            vshPrint(ctl, "\n");
    }
    if (json) {
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    }
    return true;
}

static const vshCmdOptDef opts_vcpupin[] = {
    TUNE_OPT_DOMAIN,
    {.name = "vcpu", .type = VSH_OT_INT, .help = "vcpu number"},
    {.name = "cpulist", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "host cpu number(s) to set, or omit option to query"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdVcpupin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    unsigned int vcpu = 0;
    unsigned int flags;
    int got_vcpu;
    int maxcpu;
    int ncpus;
    int maplen;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if ((got_vcpu = vshCommandOptUInt(ctl, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (cpulist && !got_vcpu) {
        vshError(ctl, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((maxcpu = tuneNodeCPUCount(ctl)) < 0)
        return false;
    {
        unsigned int countFlags = flags;

        if (!countFlags)
            countFlags = virDomainIsActive(dom) == 1 ? VIR_DOMAIN_AFFECT_LIVE
                                                     : VIR_DOMAIN_AFFECT_CONFIG;
        if ((ncpus = tuneVcpuCount(dom, countFlags | VIR_DOMAIN_VCPU_MAXIMUM, true)) < 0) {
            if (ncpus == -1) {
                if (flags & VIR_DOMAIN_AFFECT_LIVE)
                    vshError(ctl, "%s", "cannot get vcpupin for offline domain");
                else
                    vshError(ctl, "%s", "cannot get vcpupin for transient domain");
            }
            return false;
        }
    }
    if (got_vcpu && vcpu >= (unsigned int)ncpus) {
        if ((flags & VIR_DOMAIN_AFFECT_LIVE) ||
            (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsActive(dom) == 1))
            vshError(ctl, "vcpu %u is out of range of live cpu count %d", vcpu, ncpus);
        else
            vshError(ctl, "vcpu %u is out of range of persistent cpu count %d", vcpu, ncpus);
        return false;
    }
    if (!cpulist) {
        g_autofree unsigned char *maps = NULL;
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
        int n;

        maplen = VIR_CPU_MAPLEN(maxcpu);
        maps = g_new0(unsigned char, ncpus * maplen);
        if ((n = virDomainGetVcpuPinInfo(dom, ncpus, maps, maplen, flags)) < 0)
            return false;
        for (int i = 0; i < n; i++) {
            if (got_vcpu && (unsigned int)i != vcpu)
                continue;
            g_ptr_array_add(rows, g_strdup_printf("%d", i));
            g_ptr_array_add(rows, tuneCpumapFormat(VIR_GET_CPUMAP(maps, maplen, i), maplen));
        }
        tuneTablePrint(ctl, "VCPU", "CPU Affinity", rows);
        return true;
    }
    if (!(cpumap = tuneParseCPUList(ctl, &maplen, cpulist, maxcpu)))
        return false;
    if (!tuneAnyAffect(cmd))
        return virDomainPinVcpu(dom, vcpu, cpumap, maplen) == 0;
    return virDomainPinVcpuFlags(dom, vcpu, cpumap, maplen, flags) == 0;
}

static const vshCmdOptDef opts_emulatorpin[] = {
    TUNE_OPT_DOMAIN,
    {.name = "cpulist", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "host cpu number(s) to set, or omit option to query"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdEmulatorpin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    unsigned int flags;
    int maxcpu;
    int maplen;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if ((maxcpu = tuneNodeCPUCount(ctl)) < 0)
        return false;
    if (!cpulist) {
        g_autofree char *str = NULL;

        maplen = VIR_CPU_MAPLEN(maxcpu);
        cpumap = g_new0(unsigned char, maplen);
        if (virDomainGetEmulatorPinInfo(dom, cpumap, maplen, flags) < 0)
            return false;
        str = tuneCpumapFormat(cpumap, maplen);
        vshPrintExtra(ctl, "%s %s\n", "emulator:", "CPU Affinity");
        vshPrintExtra(ctl, "----------------------------------\n");
        vshPrintExtra(ctl, "       *: ");
        vshPrint(ctl, "%s\n", str);
        return true;
    }
    if (!(cpumap = tuneParseCPUList(ctl, &maplen, cpulist, maxcpu)))
        return false;
    return virDomainPinEmulator(dom, cpumap, maplen, flags) == 0;
}

static const vshCmdOptDef opts_guestvcpus[] = {
    TUNE_OPT_DOMAIN,
    {.name = "cpulist", .type = VSH_OT_STRING, .help = "list of cpus to enable or disable"},
    {.name = "enable", .type = VSH_OT_BOOL, .help = "enable cpus specified by cpulist"},
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable cpus specified by cpulist"},
    {.name = NULL},
};

static bool
cmdGuestvcpus(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool enable = vshCommandOptBool(cmd, "enable");
    bool disable = vshCommandOptBool(cmd, "disable");
    virTypedParameterPtr params = NULL;
    unsigned int nparams = 0;
    const char *cpulist = NULL;

    if (!vshCommandOptExclusive(ctl, cmd, "enable", "disable") ||
        !tuneRequire(ctl, cmd, "enable", "cpulist") ||
        !tuneRequire(ctl, cmd, "disable", "cpulist"))
        return false;
    if (vshCommandOptBool(cmd, "cpulist") && !enable && !disable) {
        vshError(ctl, "%s", "One of options --enable or --disable is required by option --cpulist");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (enable || disable)
        return virDomainSetGuestVcpus(dom, cpulist, enable, 0) >= 0;
    if (virDomainGetGuestVcpus(dom, &params, &nparams, 0) < 0)
        return false;
    tunePrintParams(ctl, cmd, params, nparams);
    virTypedParamsFree(params, nparams);
    return true;
}

static const vshCmdOptDef opts_setvcpu[] = {
    TUNE_OPT_DOMAIN,
    {.name = "vcpulist", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "ids of vcpus to manipulate"},
    {.name = "enable", .type = VSH_OT_BOOL, .help = "enable cpus specified by cpumap"},
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable cpus specified by cpumap"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdSetvcpu(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool enable = vshCommandOptBool(cmd, "enable");
    bool disable = vshCommandOptBool(cmd, "disable");
    const char *vcpulist = NULL;
    unsigned int flags;

    if (!vshCommandOptExclusive(ctl, cmd, "enable", "disable") ||
        !tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!enable && !disable) {
        vshError(ctl, "%s", "one of --enable, --disable is required");
        return false;
    }
    if (vshCommandOptStringReq(ctl, cmd, "vcpulist", &vcpulist) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    return virDomainSetVcpu(dom, vcpulist, enable, flags) >= 0;
}

/* ------------------------------------------------------------------ */
/* schedinfo                                                          */

static const vshCmdOptDef opts_schedinfo[] = {
    TUNE_OPT_DOMAIN,
    {.name = "weight", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT, .help = "weight for XEN_CREDIT"},
    {.name = "cap", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT, .help = "cap for XEN_CREDIT"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "get/set current scheduler info"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "get/set value to be used on next boot"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "get/set value from running domain"},
    {.name = "set", .type = VSH_OT_ARGV, .help = "parameter=value"},
    TUNE_OPT_JSON,
    {.name = NULL},
};

/* Add FIELD=VALUE to the updates, typed as the domain's parameter. */
static int
tuneSchedUpdateOne(vshControl *ctl, virTypedParameterPtr src, int nsrc,
                   virTypedParameterPtr *params, int *nparams, int *maxparams,
                   const char *field, const char *value)
{
    int i;

    for (i = 0; i < nsrc; i++) {
        if (strcmp(src[i].field, field) != 0)
            continue;
        if (virTypedParamsAddFromString(params, nparams, maxparams, field, src[i].type, value) < 0) {
            vshReportError(ctl);
            return -1;
        }
        return 0;
    }
    vshError(ctl, "invalid scheduler option: %s", field);
    return -1;
}

static int
tuneSchedUpdate(vshControl *ctl, const vshCmd *cmd, virTypedParameterPtr src, int nsrc,
                virTypedParameterPtr *params, int *nparams)
{
    g_autofree const char **sets = vshCommandOptArgv(cmd, "set");
    int maxparams = 0;
    const char *val = NULL;
    size_t i;

    for (i = 0; sets[i]; i++) {
        g_autofree char *field = g_strdup(sets[i]);
        char *eq = strchr(field, '=');

        if (!eq) {
            vshError(ctl, "%s", "Invalid syntax for --set, expecting name=value");
            return -1;
        }
        *eq = '\0';
        if (tuneSchedUpdateOne(ctl, src, nsrc, params, nparams, &maxparams, field, eq + 1) < 0)
            return -1;
    }
    if (vshCommandOptStringReq(ctl, cmd, "cap", &val) < 0 ||
        (val && tuneSchedUpdateOne(ctl, src, nsrc, params, nparams, &maxparams, "cap", val) < 0))
        return -1;
    val = NULL;
    if (vshCommandOptStringReq(ctl, cmd, "weight", &val) < 0 ||
        (val && tuneSchedUpdateOne(ctl, src, nsrc, params, nparams, &maxparams, "weight", val) < 0))
        return -1;
    return 0;
}

static bool
cmdSchedinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *type = NULL;
    virTypedParameterPtr params = NULL;
    virTypedParameterPtr updates = NULL;
    bool current = vshCommandOptBool(cmd, "current");
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    bool json = vshCommandOptBool(cmd, "json");
    bool useFlags;
    unsigned int flags;
    int nparams = 0;
    int nupdates = 0;
    int rc;
    bool ret = false;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    useFlags = flags || current;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    type = virDomainGetSchedulerType(dom, &nparams);
    if (!json)
        vshPrint(ctl, "%-15s: %s\n", "Scheduler", type ? type : "Unknown");
    if (!type)
        return false;
    if (nparams) {
        params = g_new0(virTypedParameter, nparams);
        if (useFlags)
            rc = virDomainGetSchedulerParametersFlags(dom, params, &nparams, (live && config) ? 0 : flags);
        else
            rc = virDomainGetSchedulerParameters(dom, params, &nparams);
        if (rc == -1)
            goto cleanup;
        if (tuneSchedUpdate(ctl, cmd, params, nparams, &updates, &nupdates) < 0)
            goto cleanup;
        if (nupdates > 0) {
            if (useFlags)
                rc = virDomainSetSchedulerParametersFlags(dom, updates, nupdates, flags);
            else
                rc = virDomainSetSchedulerParameters(dom, updates, nupdates);
            if (rc == -1)
                goto cleanup;
            virTypedParamsClear(params, nparams);
            if (useFlags)
                rc = virDomainGetSchedulerParametersFlags(dom, params, &nparams, (live && config) ? 0 : flags);
            else
                rc = virDomainGetSchedulerParameters(dom, params, &nparams);
            if (rc == -1)
                goto cleanup;
        } else if (live && config) {
            vshError(ctl, "%s", "cannot query both live and config at once");
            goto cleanup;
        }
    }
    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "scheduler");
        json_builder_add_string_value(b, type);
        for (int i = 0; i < nparams; i++)
            vshJSONTypedParam(b, &params[i]);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
    } else {
        for (int i = 0; i < nparams; i++) {
            g_autofree char *s = tuneParamValue(&params[i]);

            vshPrint(ctl, "%-15s: %s\n", params[i].field, s);
        }
    }
    ret = true;

 cleanup:
    if (params)
        virTypedParamsFree(params, nparams);
    if (updates)
        virTypedParamsFree(updates, nupdates);
    return ret;
}

/* ------------------------------------------------------------------ */
/* blkiotune, numatune, perf                                          */

static const vshCmdOptDef opts_blkiotune[] = {
    TUNE_OPT_DOMAIN,
    {.name = "weight", .type = VSH_OT_INT, .help = "IO Weight"},
    {.name = "device-weights", .type = VSH_OT_STRING,
     .help = "per-device IO Weights, in the form of /path/to/device,weight,..."},
    {.name = "device-read-iops-sec", .type = VSH_OT_STRING,
     .help = "per-device read I/O limit per second, in the form of /path/to/device,read_iops_sec,..."},
    {.name = "device-write-iops-sec", .type = VSH_OT_STRING,
     .help = "per-device write I/O limit per second, in the form of /path/to/device,write_iops_sec,..."},
    {.name = "device-read-bytes-sec", .type = VSH_OT_STRING,
     .help = "per-device bytes read per second, in the form of /path/to/device,read_bytes_sec,..."},
    {.name = "device-write-bytes-sec", .type = VSH_OT_STRING,
     .help = "per-device bytes wrote per second, in the form of /path/to/device,write_bytes_sec,..."},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    TUNE_OPT_JSON,
    {.name = NULL},
};

static bool
cmdBlkiotune(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; const char *field; } strs[] = {
        {"device-weights", VIR_DOMAIN_BLKIO_DEVICE_WEIGHT},
        {"device-read-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS},
        {"device-write-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS},
        {"device-read-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_BPS},
        {"device-write-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS},
    };
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    int weight = 0;
    int rc;
    bool ret = false;
    size_t i;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((rc = vshCommandOptInt(ctl, cmd, "weight", &weight)) < 0)
        goto cleanup;
    if (rc > 0) {
        if (weight <= 0) {
            vshError(ctl, "Invalid value of %d for I/O weight", weight);
            goto cleanup;
        }
        if (virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BLKIO_WEIGHT, weight) < 0)
            goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(strs); i++) {
        const char *val = vshCommandOptStringQuiet(cmd, strs[i].opt);

        if (val && !*val) {
            vshError(ctl, "%s", "Unable to parse string parameter");
            goto cleanup;
        }
        if (val && virTypedParamsAddString(&params, &nparams, &maxparams, strs[i].field, val) < 0)
            goto error;
    }
    if (nparams == 0) {
        if (virDomainGetBlkioParameters(dom, NULL, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get number of blkio parameters");
            goto cleanup;
        }
        if (nparams == 0) {
            ret = true;
            goto cleanup;
        }
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetBlkioParameters(dom, params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get blkio parameters");
            goto cleanup;
        }
        tunePrintParams(ctl, cmd, params, nparams);
        ret = true;
        goto cleanup;
    }
    if (virDomainSetBlkioParameters(dom, params, nparams, flags) < 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to change blkio parameters");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

static const vshCmdOptDef opts_numatune[] = {
    TUNE_OPT_DOMAIN,
    {.name = "mode", .type = VSH_OT_STRING,
     .help = "NUMA mode, one of strict, preferred and interleave \n"
             "or a number from the virDomainNumatuneMemMode enum"},
    {.name = "nodeset", .type = VSH_OT_STRING, .help = "NUMA node selections to set"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static const char *const numaModes[] = { "strict", "preferred", "interleave", "restrictive" };

static bool
cmdNumatune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *nodeset = NULL;
    const char *mode = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    bool ret = false;
    int i;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "nodeset", &nodeset) < 0)
        goto cleanup;
    if (nodeset && virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_NUMA_NODESET, nodeset) < 0)
        goto error;
    if (vshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        goto cleanup;
    if (mode) {
        int m = -1;
        char *end = NULL;

        for (i = 0; i < (int)G_N_ELEMENTS(numaModes); i++) {
            if (strcmp(mode, numaModes[i]) == 0)
                m = i;
        }
        if (m < 0) {
            long v;

            errno = 0;
            v = strtol(mode, &end, 0);
            if (errno || end == mode || *end || v < INT_MIN || v > INT_MAX) {
                vshError(ctl, "Invalid mode: %s", mode);
                goto cleanup;
            }
            m = (int)v;
        }
        if (virTypedParamsAddInt(&params, &nparams, &maxparams, VIR_DOMAIN_NUMA_MODE, m) < 0)
            goto error;
    }
    if (nparams == 0) {
        if (virDomainGetNumaParameters(dom, NULL, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get number of memory parameters");
            goto cleanup;
        }
        if (nparams == 0) {
            ret = true;
            goto cleanup;
        }
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetNumaParameters(dom, params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get memory parameters");
            goto cleanup;
        }
        for (i = 0; i < nparams; i++) {
            if (params[i].type == VIR_TYPED_PARAM_INT &&
                strcmp(params[i].field, VIR_DOMAIN_NUMA_MODE) == 0) {
                int m = params[i].value.i;

                vshPrint(ctl, "%-15s: %s\n", params[i].field,
                         m >= 0 && m < (int)G_N_ELEMENTS(numaModes) ? numaModes[m] : "(null)");
            } else {
                g_autofree char *s = tuneParamValue(&params[i]);

                vshPrint(ctl, "%-15s: %s\n", params[i].field, s);
            }
        }
        ret = true;
        goto cleanup;
    }
    if (virDomainSetNumaParameters(dom, params, nparams, flags) != 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to change numa parameters");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

static const vshCmdOptDef opts_perf[] = {
    TUNE_OPT_DOMAIN,
    {.name = "enable", .type = VSH_OT_STRING, .help = "perf events which will be enabled"},
    {.name = "disable", .type = VSH_OT_STRING, .help = "perf events which will be disabled"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
tunePerfEvents(const char *list, bool state, virTypedParameterPtr *params, int *nparams,
               int *maxparams)
{
    g_auto(GStrv) tok = g_strsplit(list, ",", -1);

    for (size_t i = 0; tok[i]; i++) {
        if (virTypedParamsAddBoolean(params, nparams, maxparams, tok[i], state) < 0)
            return false;
    }
    return true;
}

static bool
cmdPerf(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *enable = NULL;
    const char *disable = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    bool ret = false;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "enable", &enable) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "disable", &disable) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((enable && !tunePerfEvents(enable, true, &params, &nparams, &maxparams)) ||
        (disable && !tunePerfEvents(disable, false, &params, &nparams, &maxparams)))
        goto cleanup;
    if (nparams == 0) {
        if (virDomainGetPerfEvents(dom, &params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get perf events");
            goto cleanup;
        }
        for (int i = 0; i < nparams; i++) {
            vshPrint(ctl, "%-15s: %s\n", params[i].field,
                     params[i].type == VIR_TYPED_PARAM_BOOLEAN && params[i].value.b ? "enabled" : "disabled");
        }
    } else if (virDomainSetPerfEvents(dom, params, nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to enable/disable perf events");
        goto cleanup;
    } else {
        for (int i = 0; i < nparams; i++)
            vshPrintExtra(ctl, "%-15s: %s\n", params[i].field, params[i].value.b ? "enabled" : "disabled");
    }
    ret = true;

 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/* ------------------------------------------------------------------ */
/* IOThreads                                                          */

static const vshCmdOptDef opts_iothreadinfo[] = {
    TUNE_OPT_DOMAIN,
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    TUNE_OPT_JSON,
    {.name = NULL},
};

static bool
cmdIothreadinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virDomainIOThreadInfoPtr *info = NULL;
    unsigned int flags;
    int n;
    int i;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((n = virDomainGetIOThreadInfo(dom, &info, flags)) < 0) {
        vshError(ctl, "%s", "Unable to get domain IOThreads information");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (i = 0; i < n; i++) {
            g_autofree char *aff = tuneCpumapFormat(info[i]->cpumap, info[i]->cpumaplen);

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "iothread_id");
            json_builder_add_int_value(b, info[i]->iothread_id);
            json_builder_set_member_name(b, "cpu_affinity");
            json_builder_add_string_value(b, aff);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else if (n == 0) {
        vshPrintExtra(ctl, "%s", "No IOThreads found for the domain");
    } else {
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);

        for (i = 0; i < n; i++) {
            g_ptr_array_add(rows, g_strdup_printf("%u", info[i]->iothread_id));
            g_ptr_array_add(rows, tuneCpumapFormat(info[i]->cpumap, info[i]->cpumaplen));
        }
        tuneTablePrint(ctl, "IOThread ID", "CPU Affinity", rows);
    }
    for (i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    return true;
}

static const vshCmdOptDef opts_iothreadpin[] = {
    TUNE_OPT_DOMAIN,
    {.name = "iothread", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "IOThread ID number"},
    {.name = "cpulist", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "host cpu number(s) to set"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdIothreadpin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    unsigned int id = 0;
    unsigned int flags;
    int maxcpu;
    int maplen;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptUInt(ctl, cmd, "iothread", &id) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if ((maxcpu = tuneNodeCPUCount(ctl)) < 0)
        return false;
    if (!(cpumap = tuneParseCPUList(ctl, &maplen, cpulist, maxcpu)))
        return false;
    return virDomainPinIOThread(dom, id, cpumap, maplen, flags) == 0;
}

static const vshCmdOptDef opts_iothreadadd[] = {
    TUNE_OPT_DOMAIN,
    {.name = "id", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "iothread for the new IOThread"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static const vshCmdOptDef opts_iothreaddel[] = {
    TUNE_OPT_DOMAIN,
    {.name = "id", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "iothread_id for the IOThread to delete"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
tuneIOThreadAddDel(vshControl *ctl, const vshCmd *cmd, bool add)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags;
    int id = 0;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptInt(ctl, cmd, "id", &id) < 0)
        return false;
    if (id <= 0) {
        vshError(ctl, "Invalid IOThread id value: '%d'", id);
        return false;
    }
    if (add)
        return virDomainAddIOThread(dom, id, flags) >= 0;
    return virDomainDelIOThread(dom, id, flags) >= 0;
}

static bool
cmdIothreadadd(vshControl *ctl, const vshCmd *cmd)
{
    return tuneIOThreadAddDel(ctl, cmd, true);
}

static bool
cmdIothreaddel(vshControl *ctl, const vshCmd *cmd)
{
    return tuneIOThreadAddDel(ctl, cmd, false);
}

static const vshCmdOptDef opts_iothreadset[] = {
    TUNE_OPT_DOMAIN,
    {.name = "id", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "iothread id of existing IOThread"},
    {.name = "poll-max-ns", .type = VSH_OT_INT, .help = "set the maximum IOThread polling time in ns"},
    {.name = "poll-grow", .type = VSH_OT_INT, .help = "set the value to increase the IOThread polling time"},
    {.name = "poll-shrink", .type = VSH_OT_INT,
     .help = "set the value for reduction of the IOThread polling time"},
    {.name = "thread-pool-min", .type = VSH_OT_INT, .help = "lower boundary for worker thread pool"},
    {.name = "thread-pool-max", .type = VSH_OT_INT, .help = "upper boundary for worker thread pool"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdIothreadset(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned long long ull;
    unsigned int ui;
    int id = 0;
    int i;
    unsigned int flags;
    bool ret = false;
    int rc;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptInt(ctl, cmd, "id", &id) < 0)
        goto cleanup;
    if ((rc = vshCommandOptULongLong(ctl, cmd, "poll-max-ns", &ull)) < 0)
        goto cleanup;
    if (rc > 0 && virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                          VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, ull) < 0)
        goto cleanup;
    if ((rc = vshCommandOptUInt(ctl, cmd, "poll-grow", &ui)) < 0)
        goto cleanup;
    if (rc > 0 && virTypedParamsAddUInt(&params, &nparams, &maxparams,
                                        VIR_DOMAIN_IOTHREAD_POLL_GROW, ui) < 0)
        goto cleanup;
    if ((rc = vshCommandOptUInt(ctl, cmd, "poll-shrink", &ui)) < 0)
        goto cleanup;
    if (rc > 0 && virTypedParamsAddUInt(&params, &nparams, &maxparams,
                                        VIR_DOMAIN_IOTHREAD_POLL_SHRINK, ui) < 0)
        goto cleanup;
    if ((rc = vshCommandOptInt(ctl, cmd, "thread-pool-min", &i)) < 0)
        goto cleanup;
    if (rc > 0 && virTypedParamsAddInt(&params, &nparams, &maxparams,
                                       VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, i) < 0)
        goto cleanup;
    if ((rc = vshCommandOptInt(ctl, cmd, "thread-pool-max", &i)) < 0)
        goto cleanup;
    if (rc > 0 && virTypedParamsAddInt(&params, &nparams, &maxparams,
                                       VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, i) < 0)
        goto cleanup;
    if (nparams == 0) {
        vshError(ctl, "%s", "Not enough arguments passed, nothing to set");
        goto cleanup;
    }
    if (virDomainSetIOThreadParams(dom, id, params, nparams, flags) < 0)
        goto cleanup;
    ret = true;

 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/* ------------------------------------------------------------------ */
/* domiftune, blkdeviotune                                            */

static const vshCmdOptDef opts_domiftune[] = {
    TUNE_OPT_DOMAIN,
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "interface device (MAC Address)"},
    {.name = "inbound", .type = VSH_OT_STRING, .help = "control domain's incoming traffics"},
    {.name = "outbound", .type = VSH_OT_STRING, .help = "control domain's outgoing traffics"},
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

typedef struct {
    unsigned long long average, peak, burst, floor;
} tuneRate;

static bool
tuneParseRate(vshControl *ctl, const char *str, tuneRate *rate)
{
    g_auto(GStrv) tok = g_strsplit(str, ",", 0);
    unsigned long long *fields[] = { &rate->average, &rate->peak, &rate->burst, &rate->floor };
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    guint n = g_strv_length(tok);

    if (n > 4) {
        vshError(ctl, "Rate string '%s' has too many fields", str);
        return false;
    }
    for (guint i = 0; i < n; i++) {
        char *end = NULL;

        if (!*tok[i])
            continue;
        errno = 0;
        if (tok[i][strspn(tok[i], " \t")] == '-')
            goto bad;
        *fields[i] = strtoull(tok[i], &end, 10);
        if (errno || end == tok[i] || *end)
            goto bad;
        continue;
 bad:
        vshError(ctl, "field '%s' is malformed", names[i]);
        return false;
    }
    return true;
}

static bool
cmdDomiftune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *device = NULL;
    const char *in = NULL;
    const char *out = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    bool ret = false;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "interface", &device) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "inbound", &in) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "outbound", &out) < 0)
        goto cleanup;
    if (in) {
        tuneRate r = {0};

        if (!tuneParseRate(ctl, in, &r))
            goto cleanup;
        if (r.average > UINT_MAX || r.peak > UINT_MAX || r.burst > UINT_MAX || r.floor > UINT_MAX) {
            vshError(ctl, "inbound rate larger than maximum %u", UINT_MAX);
            goto cleanup;
        }
        if (!r.average && (r.peak || r.burst) && !r.floor) {
            vshError(ctl, "%s", "either inbound average or floor is mandatory");
            goto cleanup;
        }
        if (virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, r.average) < 0 ||
            (r.peak && virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_IN_PEAK, r.peak) < 0) ||
            (r.burst && virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_IN_BURST, r.burst) < 0) ||
            (r.floor && virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_IN_FLOOR, r.floor) < 0))
            goto error;
    }
    if (out) {
        tuneRate r = {0};

        if (!tuneParseRate(ctl, out, &r))
            goto cleanup;
        if (r.average > UINT_MAX || r.peak > UINT_MAX || r.burst > UINT_MAX) {
            vshError(ctl, "outbound rate larger than maximum %u", UINT_MAX);
            goto cleanup;
        }
        if (r.average == 0 && (r.peak || r.burst)) {
            vshError(ctl, "%s", "outbound average is mandatory");
            goto cleanup;
        }
        if (r.floor) {
            vshError(ctl, "%s", "outbound floor is unsupported yet");
            goto cleanup;
        }
        if (virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, r.average) < 0 ||
            (r.peak && virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_OUT_PEAK, r.peak) < 0) ||
            (r.burst && virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BANDWIDTH_OUT_BURST, r.burst) < 0))
            goto error;
    }
    if (nparams == 0) {
        if (virDomainGetInterfaceParameters(dom, device, NULL, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get interface parameters");
            goto cleanup;
        }
        if (nparams == 0) {
            ret = true;
            goto cleanup;
        }
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetInterfaceParameters(dom, device, params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get interface parameters");
            goto cleanup;
        }
        tunePrintParams(ctl, cmd, params, nparams);
        ret = true;
        goto cleanup;
    }
    if (virDomainSetInterfaceParameters(dom, device, params, nparams, flags) != 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to set interface parameters");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

#define IOTUNE_SCALED(n, h) {.name = n, .type = VSH_OT_INT, .help = h}

static const vshCmdOptDef opts_blkdeviotune[] = {
    TUNE_OPT_DOMAIN,
    {.name = "device", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "block device"},
    {.name = "total_bytes_sec", .type = VSH_OT_ALIAS, .help = "total-bytes-sec"},
    IOTUNE_SCALED("total-bytes-sec", "total throughput limit, as scaled integer (default bytes)"),
    {.name = "read_bytes_sec", .type = VSH_OT_ALIAS, .help = "read-bytes-sec"},
    IOTUNE_SCALED("read-bytes-sec", "read throughput limit, as scaled integer (default bytes)"),
    {.name = "write_bytes_sec", .type = VSH_OT_ALIAS, .help = "write-bytes-sec"},
    IOTUNE_SCALED("write-bytes-sec", "write throughput limit, as scaled integer (default bytes)"),
    {.name = "total_iops_sec", .type = VSH_OT_ALIAS, .help = "total-iops-sec"},
    IOTUNE_SCALED("total-iops-sec", "total I/O operations limit per second"),
    {.name = "read_iops_sec", .type = VSH_OT_ALIAS, .help = "read-iops-sec"},
    IOTUNE_SCALED("read-iops-sec", "read I/O operations limit per second"),
    {.name = "write_iops_sec", .type = VSH_OT_ALIAS, .help = "write-iops-sec"},
    IOTUNE_SCALED("write-iops-sec", "write I/O operations limit per second"),
    {.name = "total_bytes_sec_max", .type = VSH_OT_ALIAS, .help = "total-bytes-sec-max"},
    IOTUNE_SCALED("total-bytes-sec-max", "total max, as scaled integer (default bytes)"),
    {.name = "read_bytes_sec_max", .type = VSH_OT_ALIAS, .help = "read-bytes-sec-max"},
    IOTUNE_SCALED("read-bytes-sec-max", "read max, as scaled integer (default bytes)"),
    {.name = "write_bytes_sec_max", .type = VSH_OT_ALIAS, .help = "write-bytes-sec-max"},
    IOTUNE_SCALED("write-bytes-sec-max", "write max, as scaled integer (default bytes)"),
    {.name = "total_iops_sec_max", .type = VSH_OT_ALIAS, .help = "total-iops-sec-max"},
    IOTUNE_SCALED("total-iops-sec-max", "total I/O operations max"),
    {.name = "read_iops_sec_max", .type = VSH_OT_ALIAS, .help = "read-iops-sec-max"},
    IOTUNE_SCALED("read-iops-sec-max", "read I/O operations max"),
    {.name = "write_iops_sec_max", .type = VSH_OT_ALIAS, .help = "write-iops-sec-max"},
    IOTUNE_SCALED("write-iops-sec-max", "write I/O operations max"),
    {.name = "size_iops_sec", .type = VSH_OT_ALIAS, .help = "size-iops-sec"},
    IOTUNE_SCALED("size-iops-sec", "I/O size in bytes"),
    {.name = "group_name", .type = VSH_OT_ALIAS, .help = "group-name"},
    {.name = "group-name", .type = VSH_OT_STRING, .help = "group name to share I/O quota between multiple drives"},
    {.name = "total_bytes_sec_max_length", .type = VSH_OT_ALIAS, .help = "total-bytes-sec-max-length"},
    IOTUNE_SCALED("total-bytes-sec-max-length", "duration in seconds to allow total max bytes"),
    {.name = "read_bytes_sec_max_length", .type = VSH_OT_ALIAS, .help = "read-bytes-sec-max-length"},
    IOTUNE_SCALED("read-bytes-sec-max-length", "duration in seconds to allow read max bytes"),
    {.name = "write_bytes_sec_max_length", .type = VSH_OT_ALIAS, .help = "write-bytes-sec-max-length"},
    IOTUNE_SCALED("write-bytes-sec-max-length", "duration in seconds to allow write max bytes"),
    {.name = "total_iops_sec_max_length", .type = VSH_OT_ALIAS, .help = "total-iops-sec-max-length"},
    IOTUNE_SCALED("total-iops-sec-max-length", "duration in seconds to allow total I/O operations max"),
    {.name = "read_iops_sec_max_length", .type = VSH_OT_ALIAS, .help = "read-iops-sec-max-length"},
    IOTUNE_SCALED("read-iops-sec-max-length", "duration in seconds to allow read I/O operations max"),
    {.name = "write_iops_sec_max_length", .type = VSH_OT_ALIAS, .help = "write-iops-sec-max-length"},
    IOTUNE_SCALED("write-iops-sec-max-length", "duration in seconds to allow write I/O operations max"),
    TUNE_OPT_CONFIG, TUNE_OPT_LIVE, TUNE_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdBlkdeviotune(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; const char *field; bool scaled; } nums[] = {
        {"total-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, true},
        {"read-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, true},
        {"write-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, true},
        {"total-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, false},
        {"read-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, false},
        {"write-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, false},
        {"total-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, true},
        {"read-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, true},
        {"write-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, true},
        {"total-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, false},
        {"read-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, false},
        {"write-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, false},
        {"size-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, false},
        {"group-name", NULL, false},
        {"total-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, false},
        {"read-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, false},
        {"write-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, false},
        {"total-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, false},
        {"read-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, false},
        {"write-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, false},
    };
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *disk = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    bool ret = false;
    size_t i;

    if (!tuneAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "device", &disk) < 0)
        goto cleanup;
    for (i = 0; i < G_N_ELEMENTS(nums); i++) {
        unsigned long long v = 0;
        int rc;

        if (!nums[i].field) {
            const char *group = NULL;

            if (vshCommandOptStringReq(ctl, cmd, "group-name", &group) < 0) {
                vshError(ctl, "%s", "Unable to parse group parameter");
                goto cleanup;
            }
            if (group && virTypedParamsAddString(&params, &nparams, &maxparams,
                                                 VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, group) < 0)
                goto error;
            continue;
        }
        if (nums[i].scaled)
            rc = vshCommandOptScaledInt(ctl, cmd, nums[i].opt, &v, 1, ULLONG_MAX);
        else
            rc = vshCommandOptULongLong(ctl, cmd, nums[i].opt, &v);
        if (rc < 0) {
            vshError(ctl, "%s", "Unable to parse integer parameter");
            goto cleanup;
        }
        if (rc > 0 && virTypedParamsAddULLong(&params, &nparams, &maxparams, nums[i].field, v) < 0)
            goto error;
    }
    if (nparams == 0) {
        if (virDomainGetBlockIoTune(dom, disk, NULL, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get block I/O throttle parameters");
            goto cleanup;
        }
        if (nparams == 0) {
            ret = true;
            goto cleanup;
        }
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetBlockIoTune(dom, disk, params, &nparams, flags) != 0) {
            vshError(ctl, "%s", "Unable to get block I/O throttle parameters");
            goto cleanup;
        }
        tunePrintParams(ctl, cmd, params, nparams);
        ret = true;
        goto cleanup;
    }
    if (virDomainSetBlockIoTune(dom, disk, params, nparams, flags) < 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to change block I/O throttle");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/* ------------------------------------------------------------------ */
/* cpu-stats                                                          */

static const vshCmdOptDef opts_cpu_stats[] = {
    TUNE_OPT_DOMAIN,
    {.name = "total", .type = VSH_OT_BOOL, .help = "Show total statistics only"},
    {.name = "start", .type = VSH_OT_INT, .help = "Show statistics from this CPU"},
    {.name = "count", .type = VSH_OT_INT, .help = "Number of shown CPUs at most"},
    {.name = NULL},
};

static void
tunePrintCPUStat(vshControl *ctl, const virTypedParameter *p, bool seconds)
{
    if (seconds) {
        vshPrint(ctl, "\t%-12s %19.9lf seconds\n", p->field, p->value.ul / 1000000000.0);
    } else {
        g_autofree char *s = tuneParamValue(p);

        vshPrint(ctl, "\t%-12s %s\n", p->field, s);
    }
}

static bool
cmdCPUStats(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    bool showTotal = vshCommandOptBool(cmd, "total");
    bool showPerCPU = false;
    int cpu = 0;
    int count = -1;
    int maxId;
    int nparams;
    int rc;
    bool ret = false;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((rc = vshCommandOptInt(ctl, cmd, "start", &cpu)) < 0)
        return false;
    if (rc > 0) {
        if (cpu < 0) {
            vshError(ctl, "%s", "Invalid value for start CPU");
            return false;
        }
        showPerCPU = true;
    }
    if ((rc = vshCommandOptInt(ctl, cmd, "count", &count)) < 0)
        return false;
    if (rc > 0) {
        if (count < 0) {
            vshError(ctl, "%s", "Invalid value for number of CPUs to show");
            return false;
        }
        showPerCPU = true;
    }
    if (!showTotal && !showPerCPU)
        showTotal = showPerCPU = true;

    if (showPerCPU) {
        if ((maxId = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)) < 0)
            goto failed;
        if (cpu >= maxId) {
            vshError(ctl, "Start CPU %d is out of range (min: 0, max: %d)", cpu, maxId - 1);
            return false;
        }
        if (count < 0 || count > maxId) {
            if (count > maxId)
                vshPrint(ctl, "Only %d CPUs available to show\n", maxId);
            count = maxId - cpu;
        }
        if ((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)) < 0)
            goto failed;
        if (!nparams) {
            vshPrint(ctl, "%s", "No per-CPU stats available");
            if (!showTotal)
                return false;
        } else {
            params = g_new0(virTypedParameter, nparams * MIN(count, 128));
            while (count) {
                int ncpus = MIN(count, 128);

                if (virDomainGetCPUStats(dom, params, nparams, cpu, ncpus, 0) < 0)
                    goto failed;
                for (int i = 0; i < ncpus; i++) {
                    if (params[i * nparams].type == 0)
                        continue;
                    vshPrint(ctl, "CPU%d:\n", cpu + i);
                    for (int j = 0; j < nparams; j++) {
                        virTypedParameterPtr p = &params[i * nparams + j];

                        tunePrintCPUStat(ctl, p, strcmp(p->field, VIR_DOMAIN_CPU_STATS_CPUTIME) == 0 ||
                                                 strcmp(p->field, VIR_DOMAIN_CPU_STATS_VCPUTIME) == 0);
                    }
                }
                cpu += ncpus;
                count -= ncpus;
                virTypedParamsClear(params, nparams * ncpus);
            }
            g_clear_pointer(&params, g_free);
        }
        if (!showTotal)
            return true;
    }

    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)) < 0)
        goto failed;
    if (!nparams) {
        vshPrint(ctl, "%s", "No total stats available");
        return false;
    }
    params = g_new0(virTypedParameter, nparams);
    if ((rc = virDomainGetCPUStats(dom, params, nparams, -1, 1, 0)) < 0)
        goto failed;
    vshPrint(ctl, "Total:\n");
    for (int i = 0; i < rc; i++) {
        tunePrintCPUStat(ctl, &params[i], strcmp(params[i].field, VIR_DOMAIN_CPU_STATS_CPUTIME) == 0 ||
                                          strcmp(params[i].field, VIR_DOMAIN_CPU_STATS_USERTIME) == 0 ||
                                          strcmp(params[i].field, VIR_DOMAIN_CPU_STATS_SYSTEMTIME) == 0);
    }
    virTypedParamsFree(params, nparams);
    return true;

 failed:
    if (params)
        g_free(params);
    vshError(ctl, "Failed to retrieve CPU statistics for domain '%s'", virDomainGetName(dom));
    return ret;
}

/* ------------------------------------------------------------------ */

#define AFFECT_DESC_GET(what) \
    "Get or set the current " what " parameters for a guest domain.\n" \
    "    To get the " what " parameters use following command: \n\n" \
    "    virsh # "


static const vshCmdDef cmds[] = {
    {.name = "blkdeviotune", .handler = cmdBlkdeviotune, .opts = opts_blkdeviotune,
     .help = "Set or query a block device I/O tuning parameters.",
     .desc = "Set or query disk I/O parameters such as block throttling."},
    {.name = "blkiotune", .handler = cmdBlkiotune, .opts = opts_blkiotune,
     .help = "Get or set blkio parameters",
     .desc = AFFECT_DESC_GET("blkio") "blkiotune <domain>"},
    {.name = "cpu-stats", .handler = cmdCPUStats, .opts = opts_cpu_stats,
     .help = "show domain cpu statistics",
     .desc = "Display per-CPU and total statistics about the domain's CPUs"},
    {.name = "domiftune", .handler = cmdDomiftune, .opts = opts_domiftune,
     .help = "get/set parameters of a virtual interface",
     .desc = "Get/set parameters of a domain's virtual interface."},
    {.name = "emulatorpin", .handler = cmdEmulatorpin, .opts = opts_emulatorpin,
     .help = "control or query domain emulator affinity",
     .desc = "Pin domain emulator threads to host physical CPUs."},
    {.name = "guestvcpus", .handler = cmdGuestvcpus, .opts = opts_guestvcpus,
     .help = "query or modify state of vcpu in the guest (via agent)",
     .desc = "Use the guest agent to query or set cpu state from guest's point of view"},
    {.name = "iothreadadd", .handler = cmdIothreadadd, .opts = opts_iothreadadd,
     .help = "add an IOThread to the guest domain",
     .desc = "Add an IOThread to the guest domain."},
    {.name = "iothreaddel", .handler = cmdIothreaddel, .opts = opts_iothreaddel,
     .help = "delete an IOThread from the guest domain",
     .desc = "Delete an IOThread from the guest domain."},
    {.name = "iothreadinfo", .handler = cmdIothreadinfo, .opts = opts_iothreadinfo,
     .help = "view domain IOThreads",
     .desc = "Returns basic information about the domain IOThreads."},
    {.name = "iothreadpin", .handler = cmdIothreadpin, .opts = opts_iothreadpin,
     .help = "control domain IOThread affinity",
     .desc = "Pin domain IOThreads to host physical CPUs."},
    {.name = "iothreadset", .handler = cmdIothreadset, .opts = opts_iothreadset,
     .help = "modifies an existing IOThread of the guest domain",
     .desc = "Modifies an existing IOThread of the guest domain."},
    {.name = "memtune", .handler = cmdMemtune, .opts = opts_memtune,
     .help = "Get or set memory parameters",
     .desc = AFFECT_DESC_GET("memory") "memtune <domain>"},
    {.name = "numatune", .handler = cmdNumatune, .opts = opts_numatune,
     .help = "Get or set numa parameters",
     .desc = AFFECT_DESC_GET("numa") "numatune <domain>"},
    {.name = "perf", .handler = cmdPerf, .opts = opts_perf,
     .help = "Get or set perf event",
     .desc = "Get or set the current perf events for a guest domain.\n"
             "    To get the perf events list use following command: \n\n"
             "    virsh # perf <domain>"},
    {.name = "schedinfo", .handler = cmdSchedinfo, .opts = opts_schedinfo,
     .help = "show/set scheduler parameters",
     .desc = "Show/Set scheduler parameters."},
    {.name = "setmaxmem", .handler = cmdSetmaxmem, .opts = opts_setmaxmem,
     .help = "change maximum memory limit",
     .desc = "Change the maximum memory allocation limit in the guest domain."},
    {.name = "setmem", .handler = cmdSetmem, .opts = opts_setmem,
     .help = "change memory allocation",
     .desc = "Change the current memory allocation in the guest domain."},
    {.name = "setvcpu", .handler = cmdSetvcpu, .opts = opts_setvcpu,
     .help = "attach/detach vcpu or groups of threads",
     .desc = "Add or remove vcpus"},
    {.name = "setvcpus", .handler = cmdSetvcpus, .opts = opts_setvcpus,
     .help = "change number of virtual CPUs",
     .desc = "Change the number of virtual CPUs in the guest domain."},
    {.name = "vcpucount", .handler = cmdVcpucount, .opts = opts_vcpucount,
     .help = "domain vcpu counts",
     .desc = "Returns the number of virtual CPUs used by the domain."},
    {.name = "vcpuinfo", .handler = cmdVcpuinfo, .opts = opts_vcpuinfo,
     .help = "detailed domain vcpu information",
     .desc = "Returns basic information about the domain virtual CPUs."},
    {.name = "vcpupin", .handler = cmdVcpupin, .opts = opts_vcpupin,
     .help = "control or query domain vcpu affinity",
     .desc = "Pin domain VCPUs to host physical CPUs."},
    {.name = NULL},
};

const vshCmdTable virtkitTuneTable = { "domain", cmds };
