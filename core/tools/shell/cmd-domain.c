/*
 * cmd-domain.c: the virsh 'domain' group's commands of this area
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static const char *
virtkitStateString(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return "running";
    case VIR_DOMAIN_BLOCKED: return "idle";
    case VIR_DOMAIN_PAUSED: return "paused";
    case VIR_DOMAIN_SHUTDOWN: return "in shutdown";
    case VIR_DOMAIN_SHUTOFF: return "shut off";
    case VIR_DOMAIN_CRASHED: return "crashed";
    case VIR_DOMAIN_PMSUSPENDED: return "pmsuspended";
    case VIR_DOMAIN_NOSTATE:
    default: return "no state";
    }
}

static const char *
virtkitPick(const char *const *names, size_t n, int i)
{
    if (i < 0 || (size_t)i >= n)
        return "unknown";
    return names[i];
}

static const char *
virtkitReasonString(int state, int reason)
{
    static const char *const running[] = {
        "unknown", "booted", "migrated", "restored", "from snapshot",
        "unpaused", "migration canceled", "save canceled", "event wakeup",
        "crashed", "post-copy", "post-copy failed",
    };
    static const char *const paused[] = {
        "unknown", "user", "migrating", "saving", "dumping", "I/O error",
        "watchdog", "from snapshot", "shutting down", "creating snapshot",
        "crashed", "starting up", "post-copy", "post-copy failed", "api error",
    };
    static const char *const shutdown[] = { "unknown", "user" };
    static const char *const shutoff[] = {
        "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved",
        "failed", "from snapshot", "daemon",
    };
    static const char *const crashed[] = { "unknown", "panicked" };

    switch (state) {
    case VIR_DOMAIN_RUNNING:
        return virtkitPick(running, G_N_ELEMENTS(running), reason);
    case VIR_DOMAIN_PAUSED:
        return virtkitPick(paused, G_N_ELEMENTS(paused), reason);
    case VIR_DOMAIN_SHUTDOWN:
        return virtkitPick(shutdown, G_N_ELEMENTS(shutdown), reason);
    case VIR_DOMAIN_SHUTOFF:
        return virtkitPick(shutoff, G_N_ELEMENTS(shutoff), reason);
    case VIR_DOMAIN_CRASHED:
        return virtkitPick(crashed, G_N_ELEMENTS(crashed), reason);
    default:
        return "unknown";
    }
}

/* The state of DOM, -1 (reported by libvirt) on failure. */
static int
virtkitDomainState(virDomainPtr dom, int *reason)
{
    int state = 0;
    virDomainInfo info;

    if (reason)
        *reason = 0;
    if (virDomainGetState(dom, &state, reason, 0) == 0)
        return state;
    if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return -1;
    vshResetLibvirtError();
    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.state;
}

/* ------------------------------------------------------------------ */
/* list                                                               */

/* The states of DOMS fetched in one call (virDomainListGetStats): over a
 * remote connection one round trip instead of one per domain.  A map of
 * name to state + 1, or NULL where the driver cannot: list then asks each
 * domain, as virsh does. */
static GHashTable *
virtkitListStates(virDomainPtr *doms, int ndoms)
{
    g_autofree virDomainPtr *list = g_new0(virDomainPtr, ndoms + 1);
    virDomainStatsRecordPtr *records = NULL;
    GHashTable *states;
    int n;
    int i;

    if (ndoms == 0)
        return NULL;
    memcpy(list, doms, ndoms * sizeof(*doms));
    if ((n = virDomainListGetStats(list, VIR_DOMAIN_STATS_STATE, &records, 0)) < 0) {
        vshResetLibvirtError();
        return NULL;
    }
    states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (i = 0; i < n; i++) {
        int state;

        if (virTypedParamsGetInt(records[i]->params, records[i]->nparams,
                                 "state.state", &state) == 1)
            g_hash_table_insert(states, g_strdup(virDomainGetName(records[i]->dom)),
                                GINT_TO_POINTER(state + 1));
    }
    virDomainStatsRecordListFree(records);
    return states;
}

/* DOM's state from STATES when it is there, else from the domain. */
static int
virtkitListState(GHashTable *states, virDomainPtr dom)
{
    gpointer state = states ? g_hash_table_lookup(states, virDomainGetName(dom)) : NULL;

    return state ? GPOINTER_TO_INT(state) - 1 : virtkitDomainState(dom, NULL);
}

static const vshCmdOptDef opts_list[] = {
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive domains"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active domains"},
    {.name = "transient", .type = VSH_OT_BOOL, .help = "list transient domains"},
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "list persistent domains"},
    {.name = "with-snapshot", .type = VSH_OT_BOOL, .help = "list domains with existing snapshot"},
    {.name = "without-snapshot", .type = VSH_OT_BOOL, .help = "list domains without a snapshot"},
    {.name = "with-checkpoint", .type = VSH_OT_BOOL, .help = "list domains with existing checkpoint"},
    {.name = "without-checkpoint", .type = VSH_OT_BOOL, .help = "list domains without a checkpoint"},
    {.name = "state-running", .type = VSH_OT_BOOL, .help = "list domains in running state"},
    {.name = "state-paused", .type = VSH_OT_BOOL, .help = "list domains in paused state"},
    {.name = "state-shutoff", .type = VSH_OT_BOOL, .help = "list domains in shutoff state"},
    {.name = "state-other", .type = VSH_OT_BOOL, .help = "list domains in other states"},
    {.name = "autostart", .type = VSH_OT_BOOL, .help = "list domains with autostart enabled"},
    {.name = "no-autostart", .type = VSH_OT_BOOL, .help = "list domains with autostart disabled"},
    {.name = "with-managed-save", .type = VSH_OT_BOOL, .help = "list domains with managed save state"},
    {.name = "without-managed-save", .type = VSH_OT_BOOL, .help = "list domains without managed save"},
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "list uuid's only"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list domain names only"},
    {.name = "id", .type = VSH_OT_BOOL, .help = "list domain IDs only"},
    {.name = "table", .type = VSH_OT_BOOL, .help = "list table (default)"},
    {.name = "managed-save", .type = VSH_OT_BOOL, .help = "mark inactive domains with managed save state"},
    {.name = "title", .type = VSH_OT_BOOL, .help = "show domain title"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static int
virtkitDomainCompare(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr const *)a;
    virDomainPtr db = *(virDomainPtr const *)b;
    unsigned int ia = virDomainGetID(da);
    unsigned int ib = virDomainGetID(db);

    if (ia != ib)
        return ia < ib ? -1 : 1;
    return strcmp(virDomainGetName(da), virDomainGetName(db));
}

/* The first line of DOM's title, "" when it has none. */
static char *
virtkitDomainTitle(virDomainPtr dom)
{
    char *title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    char *nl;

    vshResetLibvirtError();
    if (!title)
        return g_strdup("");
    if ((nl = strchr(title, '\n')))
        *nl = '\0';
    return title;
}

static bool
cmdList(vshControl *ctl, const vshCmd *cmd)
{
    bool optTable = vshCommandOptBool(cmd, "table");
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optName = vshCommandOptBool(cmd, "name");
    bool optID = vshCommandOptBool(cmd, "id");
    bool optTitle = vshCommandOptBool(cmd, "title");
    bool managed = vshCommandOptBool(cmd, "managed-save");
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    virDomainPtr *doms = NULL;
    g_autoptr(GHashTable) states = NULL;
    int ndoms;
    int i;
    bool ret = false;

    if (vshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_ACTIVE;

#define FILTER(NAME, FLAG) \
    if (vshCommandOptBool(cmd, NAME)) \
        flags |= (FLAG)
    FILTER("persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    FILTER("transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
    FILTER("with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    FILTER("without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE);
    FILTER("autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
    FILTER("no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART);
    FILTER("with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT);
    FILTER("without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT);
    FILTER("with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT);
    FILTER("without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT);
    FILTER("state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING);
    FILTER("state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED);
    FILTER("state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF);
    FILTER("state-other", VIR_CONNECT_LIST_DOMAINS_OTHER);
#undef FILTER

    if (!vshCommandOptExclusive(ctl, cmd, "table", "name") ||
        !vshCommandOptExclusive(ctl, cmd, "table", "uuid") ||
        !vshCommandOptExclusive(ctl, cmd, "table", "id"))
        return false;
    if (!optUUID && !optName && !optID)
        optTable = true;

    if ((ndoms = virConnectListAllDomains(vshConnection(ctl), &doms, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    qsort(doms, ndoms, sizeof(*doms), virtkitDomainCompare);
    if (json || optTable)
        states = virtkitListStates(doms, ndoms);

    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (i = 0; i < ndoms; i++) {
            virDomainPtr dom = doms[i];
            char uuid[VIR_UUID_STRING_BUFLEN];
            int state = virtkitListState(states, dom);
            unsigned int id = virDomainGetID(dom);

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "id");
            if (id == (unsigned int)-1)
                json_builder_add_null_value(b);
            else
                json_builder_add_int_value(b, id);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virDomainGetName(dom));
            json_builder_set_member_name(b, "uuid");
            if (virDomainGetUUIDString(dom, uuid) == 0)
                json_builder_add_string_value(b, uuid);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "state");
            if (managed && state == VIR_DOMAIN_SHUTOFF &&
                virDomainHasManagedSaveImage(dom, 0) > 0)
                json_builder_add_string_value(b, "saved");
            else
                json_builder_add_string_value(b, state < 0 ? "-" : virtkitStateString(state));
            if (optTitle) {
                g_autofree char *title = virtkitDomainTitle(dom);

                json_builder_set_member_name(b, "title");
                json_builder_add_string_value(b, title);
            }
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
        ret = true;
        goto cleanup;
    }

    if (optTable) {
        g_autoptr(vshTable) table = NULL;

        if (optTitle)
            table = vshTableNew("Id", "Name", "State", "Title", NULL);
        else
            table = vshTableNew("Id", "Name", "State", NULL);
        for (i = 0; i < ndoms; i++) {
            virDomainPtr dom = doms[i];
            unsigned int id = virDomainGetID(dom);
            g_autofree char *idstr = id == (unsigned int)-1 ? g_strdup("-")
                                                            : g_strdup_printf("%u", id);
            int state = virtkitListState(states, dom);
            const char *statestr;

            if (state < 0) {
                vshResetLibvirtError();
                statestr = "-";
            } else if (managed && state == VIR_DOMAIN_SHUTOFF &&
                       virDomainHasManagedSaveImage(dom, 0) > 0) {
                statestr = "saved";
            } else {
                statestr = virtkitStateString(state);
            }
            if (optTitle) {
                g_autofree char *title = virtkitDomainTitle(dom);

                vshTableRowAppend(table, idstr, virDomainGetName(dom), statestr, title, NULL);
            } else {
                vshTableRowAppend(table, idstr, virDomainGetName(dom), statestr, NULL);
            }
        }
        vshTablePrint(ctl, table);
    } else {
        for (i = 0; i < ndoms; i++) {
            virDomainPtr dom = doms[i];
            unsigned int id = virDomainGetID(dom);
            g_autoptr(GString) line = g_string_new(NULL);

            if (optID && !optUUID && !optName && id == (unsigned int)-1)
                continue;
            if (optUUID) {
                char uuid[VIR_UUID_STRING_BUFLEN];

                if (virDomainGetUUIDString(dom, uuid) < 0) {
                    vshError(ctl, "%s", "Failed to get domain's UUID");
                    goto cleanup;
                }
                g_string_append(line, uuid);
            }
            if (optID) {
                if (line->len)
                    g_string_append_c(line, ' ');
                if (id == (unsigned int)-1)
                    g_string_append(line, "-");
                else
                    g_string_append_printf(line, "%u", id);
            }
            if (optName) {
                if (line->len)
                    g_string_append_c(line, ' ');
                g_string_append(line, virDomainGetName(dom));
            }
            vshPrint(ctl, "%s\n", line->str);
        }
    }
    ret = true;

 cleanup:
    for (i = 0; i < ndoms; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    return ret;
}

/* ------------------------------------------------------------------ */
/* dominfo, domstate, domid, domname, domuuid                          */

static const vshCmdOptDef opts_domain_only[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = NULL},
};

static const vshCmdOptDef opts_dominfo[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    VSH_OPT_HUMAN,
    {.name = NULL},
};

static bool
cmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virConnectPtr conn;
    virDomainInfo info;
    virSecurityModel secmodel;
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *ostype = NULL;
    unsigned int id;
    int persistent;
    int autostart = -1;
    int hasManagedSave;
    bool json = vshCommandOptBool(cmd, "json");
    bool haveSecModel = false;
    bool haveLabel = false;
    virSecurityLabel seclabel;
    g_autoptr(JsonBuilder) b = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    conn = vshConnection(ctl);
    id = virDomainGetID(dom);

    if (json) {
        b = json_builder_new();
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "id");
        if (id == (unsigned int)-1)
            json_builder_add_null_value(b);
        else
            json_builder_add_int_value(b, id);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, virDomainGetName(dom));
    } else {
        if (id == (unsigned int)-1)
            vshPrint(ctl, "%-15s %s\n", "Id:", "-");
        else
            vshPrint(ctl, "%-15s %u\n", "Id:", id);
        vshPrint(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));
    }
    if (virDomainGetUUIDString(dom, uuid) == 0) {
        if (b) {
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
        } else {
            vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
        }
    }
    if ((ostype = virDomainGetOSType(dom))) {
        if (b) {
            json_builder_set_member_name(b, "os_type");
            json_builder_add_string_value(b, ostype);
        } else {
            vshPrint(ctl, "%-15s %s\n", "OS Type:", ostype);
        }
    }
    vshResetLibvirtError();

    if (virDomainGetInfo(dom, &info) == 0) {
        if (b) {
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, virtkitStateString(info.state));
            json_builder_set_member_name(b, "cpus");
            json_builder_add_int_value(b, info.nrVirtCpu);
            if (info.cpuTime != 0) {
                json_builder_set_member_name(b, "cpu_time");
                json_builder_add_double_value(b, info.cpuTime / 1000000000.0);
            }
            json_builder_set_member_name(b, "max_memory");
            if (info.maxMem != UINT_MAX)
                json_builder_add_int_value(b, info.maxMem);
            else
                json_builder_add_string_value(b, "no limit");
            json_builder_set_member_name(b, "used_memory");
            json_builder_add_int_value(b, info.memory);
        } else {
            vshPrint(ctl, "%-15s %s\n", "State:", virtkitStateString(info.state));
            vshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
            if (info.cpuTime != 0)
                vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info.cpuTime / 1000000000.0);
            g_autofree char *maxMem = vshFormatKiB(cmd, info.maxMem);
            g_autofree char *used = vshFormatKiB(cmd, info.memory);

            vshPrint(ctl, "%-15s %s\n", "Max memory:",
                     info.maxMem != UINT_MAX ? maxMem : "no limit");
            vshPrint(ctl, "%-15s %s\n", "Used memory:", used);
        }
    } else {
        vshResetLibvirtError();
        if (!b)
            vshPrint(ctl, "%-15s %s\n", "State:", "no state");
    }

    persistent = virDomainIsPersistent(dom);
    if (virDomainGetAutostart(dom, &autostart) < 0)
        autostart = -1;
    hasManagedSave = virDomainHasManagedSaveImage(dom, 0);
    vshResetLibvirtError();
    memset(&secmodel, 0, sizeof(secmodel));
    if (virNodeGetSecurityModel(conn, &secmodel) == 0 && secmodel.model[0]) {
        haveSecModel = true;
        memset(&seclabel, 0, sizeof(seclabel));
        if (virDomainGetSecurityLabel(dom, &seclabel) == 0 && seclabel.label[0])
            haveLabel = true;
    }
    vshResetLibvirtError();

    if (b) {
        json_builder_set_member_name(b, "persistent");
        if (persistent < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, persistent);
        json_builder_set_member_name(b, "autostart");
        if (autostart < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, autostart);
        json_builder_set_member_name(b, "managed_save");
        if (hasManagedSave < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, hasManagedSave);
        if (haveSecModel) {
            json_builder_set_member_name(b, "security_model");
            json_builder_add_string_value(b, secmodel.model);
            json_builder_set_member_name(b, "security_doi");
            json_builder_add_string_value(b, secmodel.doi);
            if (haveLabel) {
                json_builder_set_member_name(b, "security_label");
                json_builder_add_string_value(b, seclabel.label);
                json_builder_set_member_name(b, "security_enforcing");
                json_builder_add_boolean_value(b, seclabel.enforcing);
            }
        }
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }

    vshDebug(ctl, VSH_ERR_DEBUG, "Domain persistent flag value: %d", persistent);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Autostart:",
             autostart < 0 ? "no autostart" : autostart ? "enable" : "disable");
    vshPrint(ctl, "%-15s %s\n", "Managed save:",
             hasManagedSave < 0 ? "unknown" : hasManagedSave ? "yes" : "no");
    if (haveSecModel) {
        vshPrint(ctl, "%-15s %s\n", "Security model:", secmodel.model);
        vshPrint(ctl, "%-15s %s\n", "Security DOI:", secmodel.doi);
        if (haveLabel)
            vshPrint(ctl, "%-15s %s (%s)\n", "Security label:", seclabel.label,
                     seclabel.enforcing ? "enforcing" : "permissive");
    }
    return true;
}

static const vshCmdOptDef opts_domstate[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "reason", .type = VSH_OT_BOOL, .help = "also print reason for the state"},
    {.name = NULL},
};

static bool
cmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int state;
    int reason;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((state = virtkitDomainState(dom, &reason)) < 0)
        return false;
    if (vshCommandOptBool(cmd, "reason"))
        vshPrint(ctl, "%s (%s)\n", virtkitStateString(state),
                 virtkitReasonString(state, reason));
    else
        vshPrint(ctl, "%s\n", virtkitStateString(state));
    return true;
}

static const vshCmdOptDef opts_domid[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = NULL},
};

static bool
cmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virtkitCommandOptDomainBy(ctl, cmd, NULL, NULL, VIRTKIT_BYNAME | VIRTKIT_BYUUID)))
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%s\n", "-");
    else
        vshPrint(ctl, "%u\n", id);
    return true;
}

static const vshCmdOptDef opts_domname[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = NULL},
};

static bool
cmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = virtkitCommandOptDomainBy(ctl, cmd, NULL, NULL, VIRTKIT_BYID | VIRTKIT_BYUUID)))
        return false;
    vshPrint(ctl, "%s\n", virDomainGetName(dom));
    return true;
}

static const vshCmdOptDef opts_domuuid[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain id or name", .completer = VSH_COMPLETE_DOMAIN},
    {.name = NULL},
};

static bool
cmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = virtkitCommandOptDomainBy(ctl, cmd, NULL, NULL, VIRTKIT_BYID | VIRTKIT_BYNAME)))
        return false;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

/* ------------------------------------------------------------------ */
/* XML: dumpxml, define, create, edit                                 */


static const vshCmdOptDef opts_dumpxml[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "show inactive defined XML"},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "update-cpu", .type = VSH_OT_BOOL, .help = "update guest CPU according to host CPU"},
    {.name = "migratable", .type = VSH_OT_BOOL, .help = "provide XML suitable for migrations"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;
    const char *xpath = NULL;

    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshCommandOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vshCommandOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

static const vshCmdOptDef opts_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML domain description", .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_DEFINE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (flags)
        dom = virDomainDefineXMLFlags(vshConnection(ctl), xml, flags);
    else
        dom = virDomainDefineXML(vshConnection(ctl), xml);
    if (!dom) {
        vshError(ctl, "Failed to define domain from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' defined from %s\n", virDomainGetName(dom), file);
    return true;
}

static const vshCmdOptDef opts_create[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML domain description", .completer = VSH_COMPLETE_FILE},
    {.name = "console", .type = VSH_OT_BOOL, .help = "attach to console after creation"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "leave the guest paused after creation"},
    {.name = "autodestroy", .type = VSH_OT_BOOL,
     .help = "automatically destroy the guest when virsh disconnects"},
    {.name = "pass-fds", .type = VSH_OT_STRING,
     .help = "pass file descriptors N,M,... to the guest"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = "reset-nvram", .type = VSH_OT_BOOL,
     .help = "re-initialize NVRAM from its pristine template"},
    {.name = NULL},
};

/* The descriptors of --pass-fds: false after virsh's error. */
static bool
virtkitPassFds(vshControl *ctl, const vshCmd *cmd, GArray **fds)
{
    const char *text = NULL;
    g_auto(GStrv) parts = NULL;
    size_t i;

    *fds = NULL;
    if (vshCommandOptStringReq(ctl, cmd, "pass-fds", &text) < 0)
        return false;
    if (!text)
        return true;
    *fds = g_array_new(FALSE, FALSE, sizeof(int));
    parts = g_strsplit(text, ",", 0);
    for (i = 0; parts[i]; i++) {
        char *end = NULL;
        long fd = strtol(parts[i], &end, 10);

        if (!*parts[i] || *end || fd < 0 || fd > G_MAXINT) {
            vshError(ctl, "Unable to parse FD number '%s'", parts[i]);
            g_array_unref(*fds);
            *fds = NULL;
            return false;
        }
        g_array_append_val(*fds, fd);
    }
    return true;
}

static bool
cmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GArray) fds = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!virtkitPassFds(ctl, cmd, &fds))
        return false;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_START_VALIDATE;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (fds && fds->len)
        dom = virDomainCreateXMLWithFiles(vshConnection(ctl), xml, fds->len,
                                          (int *)(void *)fds->data, flags);
    else
        dom = virDomainCreateXML(vshConnection(ctl), xml, flags);
    if (!dom) {
        vshError(ctl, "Failed to create domain from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' created from %s\n", virDomainGetName(dom), file);
    if (vshCommandOptBool(cmd, "console"))
        /* as virsh: the domain is created, the command succeeds whatever
         * becomes of the console */
        virtkitRunConsole(ctl, dom, NULL, 0);
    return true;
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                         */

static const vshCmdOptDef opts_start[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "name of the inactive domain", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "console", .type = VSH_OT_BOOL, .help = "attach to console after creation"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "leave the guest paused after creation"},
    {.name = "autodestroy", .type = VSH_OT_BOOL,
     .help = "automatically destroy the guest when virsh disconnects"},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when loading"},
    {.name = "force-boot", .type = VSH_OT_BOOL,
     .help = "force fresh boot by discarding any managed save"},
    {.name = "pass-fds", .type = VSH_OT_STRING,
     .help = "pass file descriptors N,M,... to the guest"},
    {.name = "reset-nvram", .type = VSH_OT_BOOL,
     .help = "re-initialize NVRAM from its pristine template"},
    {.name = NULL},
};

static bool
cmdStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GArray) fds = NULL;
    const char *name = NULL;
    const char *domname;
    unsigned int flags = 0;
    int rc;

    if (!(dom = virtkitCommandOptDomainBy(ctl, cmd, NULL, &name, VIRTKIT_BYNAME | VIRTKIT_BYUUID)))
        return false;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is already active");
        return false;
    }
    if (!virtkitPassFds(ctl, cmd, &fds))
        return false;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_START_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "force-boot"))
        flags |= VIR_DOMAIN_START_FORCE_BOOT;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;

    domname = virDomainGetName(dom);
    if (fds && fds->len)
        rc = virDomainCreateWithFiles(dom, fds->len, (int *)(void *)fds->data, flags);
    else if (flags)
        rc = virDomainCreateWithFlags(dom, flags);
    else
        rc = virDomainCreate(dom);
    if (rc < 0 && flags == VIR_DOMAIN_START_FORCE_BOOT &&
        (virGetLastErrorCode() == VIR_ERR_NO_SUPPORT ||
         virGetLastErrorCode() == VIR_ERR_INVALID_ARG)) {
        /* as virsh: drop the managed save, then a plain start */
        vshResetLibvirtError();
        if (virDomainHasManagedSaveImage(dom, 0) > 0 &&
            virDomainManagedSaveRemove(dom, 0) < 0) {
            vshError(ctl, "Failed to start domain '%s'", domname);
            return false;
        }
        rc = virDomainCreate(dom);
    }
    if (rc < 0) {
        vshError(ctl, "Failed to start domain '%s'", domname);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    if (vshCommandOptBool(cmd, "console"))
        return virtkitRunConsole(ctl, dom, NULL, 0);
    return true;
}

static const vshCmdOptDef opts_destroy[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "graceful", .type = VSH_OT_BOOL, .help = "terminate gracefully"},
    {.name = "remove-logs", .type = VSH_OT_BOOL, .help = "remove domain logs"},
    {.name = NULL},
};

static bool
cmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    int rc;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptBool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (vshCommandOptBool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;
    rc = flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to destroy domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' destroyed\n", name);
    return true;
}

static const vshCmdOptDef opts_shutdown[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "mode", .type = VSH_OT_STRING,
     .help = "shutdown mode: acpi|agent|initctl|signal|paravirt"},
    {.name = NULL},
};

/* The flags --mode names (shutdown and reboot share their values). */
static bool
virtkitShutdownMode(vshControl *ctl, const vshCmd *cmd, unsigned int *flags, bool reboot)
{
    const char *mode = NULL;
    g_auto(GStrv) modes = NULL;
    size_t i;

    *flags = 0;
    if (vshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (!mode)
        return true;
    modes = g_strsplit(mode, ",", 0);
    for (i = 0; modes[i]; i++) {
        const char *m = modes[i];

        if (strcmp(m, "acpi") == 0) {
            *flags |= VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN;
        } else if (strcmp(m, "agent") == 0) {
            *flags |= VIR_DOMAIN_SHUTDOWN_GUEST_AGENT;
        } else if (strcmp(m, "initctl") == 0) {
            *flags |= VIR_DOMAIN_SHUTDOWN_INITCTL;
        } else if (strcmp(m, "signal") == 0) {
            *flags |= VIR_DOMAIN_SHUTDOWN_SIGNAL;
        } else if (strcmp(m, "paravirt") == 0) {
            *flags |= VIR_DOMAIN_SHUTDOWN_PARAVIRT;
        } else {
            vshError(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', 'signal'%s or 'paravirt'",
                     m, reboot ? "" : ",");
            return false;
        }
    }
    return true;
}

static bool
cmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    int rc;

    if (!virtkitShutdownMode(ctl, cmd, &flags, false))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    rc = flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to shutdown domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being shutdown\n", name);
    return true;
}

static bool
cmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!virtkitShutdownMode(ctl, cmd, &flags, true))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (virDomainReboot(dom, flags) < 0) {
        vshError(ctl, "Failed to reboot domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being rebooted\n", name);
    return true;
}

/* A command that names a domain, calls ACT on it and says how it went. */
static bool
virtkitDomainAction(vshControl *ctl, const vshCmd *cmd, int (*act)(virDomainPtr),
                    const char *failfmt, const char *okfmt)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (act(dom) < 0) {
        vshError(ctl, failfmt, name);
        return false;
    }
    vshPrintExtra(ctl, okfmt, name);
    return true;
}

static int
virDomainResetNoFlags(virDomainPtr dom)
{
    return virDomainReset(dom, 0);
}

static bool
cmdReset(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitDomainAction(ctl, cmd, virDomainResetNoFlags, "Failed to reset domain '%s'", "Domain '%s' was reset\n");
}

static bool
cmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitDomainAction(ctl, cmd, virDomainSuspend, "Failed to suspend domain '%s'", "Domain '%s' suspended\n");
}

static bool
cmdResume(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitDomainAction(ctl, cmd, virDomainResume, "Failed to resume domain '%s'", "Domain '%s' resumed\n");
}

/* ------------------------------------------------------------------ */
/* Saved states                                                       */

static const vshCmdOptDef opts_save[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "where to save the data", .completer = VSH_COMPLETE_FILE},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when saving"},
    {.name = "xml", .type = VSH_OT_STRING,
     .help = "filename containing updated XML for the target", .completer = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on restore"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on restore"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "display the progress of save"},
    {.name = NULL},
};

/* --bypass-cache, --running and --paused as save flags (the restore and
 * managed save flags have the same values). */
static bool
virtkitSaveFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    *flags = 0;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        *flags |= VIR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "running"))
        *flags |= VIR_DOMAIN_SAVE_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        *flags |= VIR_DOMAIN_SAVE_PAUSED;
    return true;
}

static bool
cmdSave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *file = NULL;
    const char *xmlfile = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags;
    int rc;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (!virtkitSaveFlags(ctl, cmd, &flags))
        return false;
    if (xmlfile && !(xml = virtkitReadXMLFile(ctl, xmlfile)))
        return false;
    virtkitTraceJobStart(ctl, cmd);
    rc = (flags || xml) ? virDomainSaveFlags(dom, file, xml, flags) : virDomainSave(dom, file);
    if (rc < 0) {
        vshError(ctl, "Failed to save domain '%s' to %s", name, file);
        virtkitTraceJobDone(ctl, -1);
        return false;
    }
    virtkitTraceJobDone(ctl, 0);
    if (vshCommandOptBool(cmd, "verbose"))
        fprintf(stderr, "\nSave: [100 %%]");
    vshPrintExtra(ctl, "\n");
    vshPrintExtra(ctl, "Domain '%s' saved to %s\n", name, file);
    return true;
}

static const vshCmdOptDef opts_restore[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "the state to restore", .completer = VSH_COMPLETE_FILE},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when restoring"},
    {.name = "xml", .type = VSH_OT_STRING,
     .help = "filename containing updated XML for the target", .completer = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "restore domain into running state"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "restore domain into paused state"},
    {.name = "reset-nvram", .type = VSH_OT_BOOL,
     .help = "re-initialize NVRAM from its pristine template"},
    {.name = NULL},
};

static bool
cmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    const char *xmlfile = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags;
    int rc;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (!virtkitSaveFlags(ctl, cmd, &flags))
        return false;
    if (vshCommandOptBool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SAVE_RESET_NVRAM;
    if (xmlfile && !(xml = virtkitReadXMLFile(ctl, xmlfile)))
        return false;
    if (flags || xml)
        rc = virDomainRestoreFlags(vshConnection(ctl), file, xml, flags);
    else
        rc = virDomainRestore(vshConnection(ctl), file);
    if (rc < 0) {
        vshError(ctl, "Failed to restore domain from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Domain restored from %s\n", file);
    return true;
}

static const vshCmdOptDef opts_managedsave[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when saving"},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on next start"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on next start"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "display the progress of save"},
    {.name = NULL},
};

static bool
cmdManagedSave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (!virtkitSaveFlags(ctl, cmd, &flags))
        return false;
    virtkitTraceJobStart(ctl, cmd);
    if (virDomainManagedSave(dom, flags) < 0) {
        vshError(ctl, "Failed to save domain '%s' state", name);
        virtkitTraceJobDone(ctl, -1);
        return false;
    }
    virtkitTraceJobDone(ctl, 0);
    if (vshCommandOptBool(cmd, "verbose"))
        fprintf(stderr, "\nManagedsave: [100 %%]");
    vshPrintExtra(ctl, "\n");
    vshPrintExtra(ctl, "Domain '%s' state saved by libvirt\n", name);
    return true;
}

static bool
cmdManagedSaveRemove(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    int has;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if ((has = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        vshError(ctl, "%s", "Failed to check for domain managed save image");
        return false;
    }
    if (has == 0) {
        vshPrintExtra(ctl, "Domain '%s' has no manage save image; removal skipped", name);
        return true;
    }
    if (virDomainManagedSaveRemove(dom, 0) < 0) {
        vshError(ctl, "Failed to remove managed save image for domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Removed managedsave image for domain '%s'", name);
    return true;
}

static const vshCmdOptDef opts_managedsave_dumpxml[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdManagedSaveDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;
    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virDomainManagedSaveGetXMLDesc(dom, flags)))
        return false;
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

static const vshCmdOptDef opts_managedsave_define[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "xml", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "filename containing updated XML for the target", .completer = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on start"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on start"},
    {.name = NULL},
};

static bool
cmdManagedSaveDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *xmlfile = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "running"))
        flags |= VIR_DOMAIN_SAVE_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_SAVE_PAUSED;
    if (!vshCommandOptExclusive(ctl, cmd, "running", "paused"))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    /* as virsh: the file is read before the domain is looked up */
    if (!(xml = virtkitReadXMLFile(ctl, xmlfile)))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (virDomainManagedSaveDefineXML(dom, xml, flags) < 0) {
        vshError(ctl, "Failed to update %s XML configuration", name);
        return false;
    }
    vshPrintExtra(ctl, "Managed save state file of domain '%s' updated.\n", name);
    return true;
}

/* ------------------------------------------------------------------ */
/* undefine                                                           */

static const vshCmdOptDef opts_undefine[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "managed-save", .type = VSH_OT_BOOL, .help = "remove domain managed state file"},
    {.name = "storage", .type = VSH_OT_STRING,
     .help = "remove associated storage volumes (comma separated list of targets or source paths) (see domblklist)"},
    {.name = "remove-all-storage", .type = VSH_OT_BOOL,
     .help = "remove all associated storage volumes (use with caution)"},
    {.name = "delete-storage-volume-snapshots", .type = VSH_OT_BOOL,
     .help = "delete snapshots associated with volume(s), requires --remove-all-storage (must be supported by storage driver)"},
    {.name = "wipe-storage", .type = VSH_OT_BOOL, .help = "wipe data on the removed volumes"},
    {.name = "snapshots-metadata", .type = VSH_OT_BOOL,
     .help = "remove all domain snapshot metadata (vm must be inactive)"},
    {.name = "checkpoints-metadata", .type = VSH_OT_BOOL,
     .help = "remove all domain checkpoint metadata (vm must be inactive)"},
    {.name = "nvram", .type = VSH_OT_BOOL, .help = "remove nvram file"},
    {.name = "keep-nvram", .type = VSH_OT_BOOL, .help = "keep nvram file"},
    {.name = "tpm", .type = VSH_OT_BOOL, .help = "remove TPM state"},
    {.name = "keep-tpm", .type = VSH_OT_BOOL, .help = "keep TPM state"},
    {.name = NULL},
};

/* One disk of a domain that undefine may remove. */
typedef struct {
    char *target;
    char *source;
    virStorageVolPtr vol;
} virtkitUndefineVol;

static void
virtkitUndefineVolFree(gpointer p)
{
    virtkitUndefineVol *v = p;

    g_free(v->target);
    g_free(v->source);
    if (v->vol)
        virStorageVolFree(v->vol);
    g_free(v);
}

/* The disks of DOM that --storage LIST (comma separated targets or
 * sources) or --remove-all-storage (LIST NULL) name, with the volumes
 * behind them; NULL after virsh's error. */
static GPtrArray *
virtkitUndefineVolumes(vshControl *ctl, virDomainPtr dom, const char *list)
{
    g_autoptr(GPtrArray) vols = g_ptr_array_new_with_free_func(virtkitUndefineVolFree);
    g_auto(GStrv) wanted = list ? g_strsplit(list, ",", 0) : NULL;
    g_autofree bool *found = NULL;
    g_autofree char *xml = NULL;
    xmlDocPtr doc;
    xmlXPathContextPtr xpctx;
    xmlXPathObjectPtr disks;
    size_t nwanted = wanted ? g_strv_length(wanted) : 0;
    size_t i;
    int d;

    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return NULL;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL, XML_PARSE_NONET)))
        return NULL;
    found = g_new0(bool, nwanted + 1);
    xpctx = xmlXPathNewContext(doc);
    disks = xmlXPathEval(BAD_CAST "/domain/devices/disk", xpctx);
    for (d = 0; disks && disks->nodesetval && d < disks->nodesetval->nodeNr; d++) {
        xmlXPathObjectPtr o;
        g_autofree char *target = NULL;
        g_autofree char *source = NULL;
        g_autofree char *pool = NULL;
        bool take = !wanted;
        virtkitUndefineVol *v;

        xpctx->node = disks->nodesetval->nodeTab[d];
        o = xmlXPathEval(BAD_CAST "string(./target/@dev)", xpctx);
        target = g_strdup(o && o->stringval ? (const char *)o->stringval : "");
        xmlXPathFreeObject(o);
        o = xmlXPathEval(BAD_CAST "string(./source/@file|./source/@dir|./source/@name|"
                         "./source/@dev|./source/@volume)", xpctx);
        source = g_strdup(o && o->stringval ? (const char *)o->stringval : "");
        xmlXPathFreeObject(o);
        o = xmlXPathEval(BAD_CAST "string(./source/@pool)", xpctx);
        pool = g_strdup(o && o->stringval ? (const char *)o->stringval : "");
        xmlXPathFreeObject(o);
        if (!*source)
            continue;
        for (i = 0; i < nwanted; i++) {
            if (strcmp(wanted[i], target) == 0 || strcmp(wanted[i], source) == 0) {
                found[i] = true;
                take = true;
            }
        }
        if (!take)
            continue;
        v = g_new0(virtkitUndefineVol, 1);
        v->target = g_steal_pointer(&target);
        v->source = g_steal_pointer(&source);
        if (*pool) {
            virStoragePoolPtr p = virStoragePoolLookupByName(virDomainGetConnect(dom), pool);

            if (p) {
                v->vol = virStorageVolLookupByName(p, v->source);
                virStoragePoolFree(p);
            }
        } else {
            v->vol = virStorageVolLookupByPath(virDomainGetConnect(dom), v->source);
        }
        vshResetLibvirtError();
        if (!v->vol) {
            vshError(ctl, "Storage volume '%s'(%s) is not managed by libvirt. Remove it manually.\n",
                     v->target, v->source);
            virtkitUndefineVolFree(v);
            continue;
        }
        g_ptr_array_add(vols, v);
    }
    if (disks)
        xmlXPathFreeObject(disks);
    xmlXPathFreeContext(xpctx);
    xmlFreeDoc(doc);
    for (i = 0; i < nwanted; i++) {
        if (!found[i]) {
            vshError(ctl, "Volume '%s' was not found in domain's definition.\n", wanted[i]);
            return NULL;
        }
    }
    return g_steal_pointer(&vols);
}

static bool
cmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *storage = NULL;
    g_autoptr(GPtrArray) vols = NULL;
    unsigned int flags = 0;
    bool ok = true;
    size_t i;
    int rc;

    if (vshCommandOptBool(cmd, "managed-save"))
        flags |= VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
    if (vshCommandOptBool(cmd, "snapshots-metadata"))
        flags |= VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    if (vshCommandOptBool(cmd, "checkpoints-metadata"))
        flags |= VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
    if (vshCommandOptBool(cmd, "nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_NVRAM;
    if (vshCommandOptBool(cmd, "keep-nvram"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_NVRAM;
    if (vshCommandOptBool(cmd, "tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_TPM;
    if (vshCommandOptBool(cmd, "keep-tpm"))
        flags |= VIR_DOMAIN_UNDEFINE_KEEP_TPM;
    if (!vshCommandOptExclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !vshCommandOptExclusive(ctl, cmd, "tpm", "keep-tpm"))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "storage", &storage) < 0)
        return false;
    if (vshCommandOptBool(cmd, "delete-storage-volume-snapshots") &&
        !vshCommandOptBool(cmd, "remove-all-storage")) {
        vshError(ctl, "%s", "Option --remove-all-storage is required by option --delete-storage-volume-snapshots");
        return false;
    }
    if (storage && vshCommandOptBool(cmd, "remove-all-storage")) {
        vshError(ctl, "%s", "Specified both --storage and --remove-all-storage");
        return false;
    }
    if (vshCommandOptBool(cmd, "wipe-storage") && !storage &&
        !vshCommandOptBool(cmd, "remove-all-storage")) {
        vshError(ctl, "%s", "'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if ((storage || vshCommandOptBool(cmd, "remove-all-storage")) &&
        !(vols = virtkitUndefineVolumes(ctl, dom, storage)))
        return false;

    if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) &&
        virDomainHasManagedSaveImage(dom, 0) > 0) {
        vshError(ctl, "%s", "Refusing to undefine while domain managed save image exists");
        return false;
    }
    vshResetLibvirtError();
    rc = virDomainUndefineFlags(dom, flags);
    if (rc < 0 && !(flags & (VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_TPM)) &&
        (virGetLastErrorCode() == VIR_ERR_NO_SUPPORT ||
         virGetLastErrorCode() == VIR_ERR_INVALID_ARG)) {
        /* as virsh: the plain call when the flags are not understood */
        vshResetLibvirtError();
        rc = virDomainUndefine(dom);
    }
    if (rc < 0) {
        vshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);
    for (i = 0; vols && i < vols->len; i++) {
        virtkitUndefineVol *v = vols->pdata[i];
        unsigned int delFlags = 0;

        if (vshCommandOptBool(cmd, "delete-storage-volume-snapshots"))
            delFlags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
        if (vshCommandOptBool(cmd, "wipe-storage")) {
            vshPrintExtra(ctl, "Wiping volume '%s'(%s) ... ", v->target, v->source);
            fflush(stdout);
            if (virStorageVolWipe(v->vol, 0) < 0) {
                vshError(ctl, "%s", "failed");
                vshReportError(ctl);
                ok = false;
                continue;
            }
            vshPrintExtra(ctl, "done.\n");
        }
        if (virStorageVolDelete(v->vol, delFlags) < 0) {
            vshError(ctl, "Failed to remove storage volume '%s'(%s)", v->target, v->source);
            vshReportError(ctl);
            ok = false;
            continue;
        }
        vshPrintExtra(ctl, "Volume '%s'(%s) removed.\n", v->target, v->source);
    }
    return ok;
}

/* ------------------------------------------------------------------ */
/* autostart, desc, metadata                                          */

static const vshCmdOptDef opts_autostart[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable autostarting"},
    {.name = NULL},
};

static bool
cmdAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    bool disable = vshCommandOptBool(cmd, "disable");

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (virDomainSetAutostart(dom, !disable) < 0) {
        if (disable)
            vshError(ctl, "Failed to unmark domain '%s' as autostarted", name);
        else
            vshError(ctl, "Failed to mark domain '%s' as autostarted", name);
        return false;
    }
    if (disable)
        vshPrintExtra(ctl, "Domain '%s' unmarked as autostarted\n", name);
    else
        vshPrintExtra(ctl, "Domain '%s' marked as autostarted\n", name);
    return true;
}

/* --live, --config, --current as modification flags. */
static bool
virtkitModifyFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    bool live = vshCommandOptBool(cmd, "live");
    bool config = vshCommandOptBool(cmd, "config");

    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (!vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    if (live)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (config)
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    return true;
}

static const vshCmdOptDef opts_desc[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "live", .type = VSH_OT_BOOL, .help = "modify/get running state"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "modify/get persistent configuration"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "modify/get current state configuration"},
    {.name = "title", .type = VSH_OT_BOOL, .help = "modify/get the title instead of description"},
    {.name = "edit", .type = VSH_OT_BOOL, .help = "open an editor to modify the description"},
    {.name = "new-desc", .type = VSH_OT_ARGV, .help = "message"},
    {.name = NULL},
};

static bool
cmdDesc(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    bool title = vshCommandOptBool(cmd, "title");
    int type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
    g_autofree const char **words = NULL;
    g_autofree char *text = NULL;
    unsigned int flags;

    if (!virtkitModifyFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    words = vshCommandOptArgv(cmd, "new-desc");
    if (words && words[0]) {
        g_autofree char *joined = g_strjoinv(" ", (char **)words);

        if (virDomainSetMetadata(dom, type, joined, NULL, NULL, flags) < 0) {
            vshError(ctl, "Failed to set new domain %s", title ? "title" : "description");
            return false;
        }
        vshPrintExtra(ctl, "%s", title ? "Domain title updated successfully"
                                       : "Domain description updated successfully");
        return true;
    }
    text = virDomainGetMetadata(dom, type, NULL, flags);
    vshResetLibvirtError();
    if (vshCommandOptBool(cmd, "edit")) {
        g_autofree char *edited = NULL;
        bool changed;

        if (!(edited = virtkitEditXML(ctl, text ? text : "", &changed)))
            return false;
        if (title)
            g_strchomp(edited);
        if (strcmp(edited, text ? text : "") == 0) {
            vshPrintExtra(ctl, "%s\n", title ? "Domain title not changed"
                                            : "Domain description not changed");
            return true;
        }
        if (virDomainSetMetadata(dom, type, edited, NULL, NULL, flags) < 0) {
            vshError(ctl, "Failed to set new domain %s", title ? "title" : "description");
            return false;
        }
        vshPrintExtra(ctl, "%s", title ? "Domain title updated successfully"
                                       : "Domain description updated successfully");
        return true;
    }
    if (!text) {
        if (title)
            vshPrintExtra(ctl, "No title for domain: %s", name);
        else
            vshPrintExtra(ctl, "No description for domain: %s", name);
    } else {
        vshPrint(ctl, "%s", text);
    }
    return true;
}

static const vshCmdOptDef opts_metadata[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "uri", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "URI of the namespace"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "modify/get running state"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "modify/get persistent configuration"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "modify/get current state configuration"},
    {.name = "edit", .type = VSH_OT_BOOL, .help = "use an editor to change the metadata"},
    {.name = "key", .type = VSH_OT_STRING,
     .help = "key to be used as a namespace identifier"},
    {.name = "set", .type = VSH_OT_STRING,
     .help = "new metadata to set"},
    {.name = "remove", .type = VSH_OT_BOOL, .help = "remove the metadata corresponding to an uri"},
    {.name = NULL},
};

static bool
cmdMetadata(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *uri = NULL;
    const char *key = NULL;
    const char *set = NULL;
    bool rem = vshCommandOptBool(cmd, "remove");
    bool edit = vshCommandOptBool(cmd, "edit");
    unsigned int flags;

    if (!virtkitModifyFlags(ctl, cmd, &flags))
        return false;
    if (!vshCommandOptExclusive(ctl, cmd, "edit", "set") ||
        !vshCommandOptExclusive(ctl, cmd, "remove", "set") ||
        !vshCommandOptExclusive(ctl, cmd, "remove", "edit"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "uri", &uri) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "key", &key) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "set", &set) < 0)
        return false;
    if ((set || edit) && !key) {
        vshError(ctl, "%s", "namespace key is required when modifying metadata");
        return false;
    }
    if (set || rem) {
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, key, uri, flags) < 0)
            return false;
        if (rem)
            vshPrintExtra(ctl, "%s\n", "Metadata removed");
        else
            vshPrintExtra(ctl, "%s\n", "Metadata modified");
    } else if (edit) {
        g_autofree char *data = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);
        g_autofree char *edited = NULL;
        bool changed;

        vshResetLibvirtError();
        if (!(edited = virtkitEditXML(ctl, data ? data : "", &changed)))
            return false;
        if (strcmp(edited, data ? data : "") == 0) {
            vshPrintExtra(ctl, "%s", "Metadata not changed");
            return true;
        }
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, edited, key, uri, flags) < 0)
            return false;
        vshPrintExtra(ctl, "%s\n", "Metadata modified");
    } else {
        g_autofree char *data = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);

        if (!data)
            return false;
        vshPrint(ctl, "%s\n", data);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Guest queries and actions                                           */

static const vshCmdOptDef opts_domhostname[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "source", .type = VSH_OT_STRING,
     .help = "address source: 'lease' or 'agent'"},
    {.name = NULL},
};

static bool
cmdDomHostname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *hostname = NULL;
    const char *source = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    if (source) {
        if (strcmp(source, "lease") == 0) {
            flags |= VIR_DOMAIN_GET_HOSTNAME_LEASE;
        } else if (strcmp(source, "agent") == 0) {
            flags |= VIR_DOMAIN_GET_HOSTNAME_AGENT;
        } else {
            vshError(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(hostname = virDomainGetHostname(dom, flags))) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", hostname);
    return true;
}

static const vshCmdOptDef opts_domtime[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "now", .type = VSH_OT_BOOL, .help = "set to the time of the host running virsh"},
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "print domain's time in human readable form"},
    {.name = "sync", .type = VSH_OT_BOOL,
     .help = "instead of setting given time, synchronize from domain's RTC"},
    {.name = "time", .type = VSH_OT_INT, .help = "time to set"},
    {.name = NULL},
};

static bool
cmdDomTime(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool now = vshCommandOptBool(cmd, "now");
    bool pretty = vshCommandOptBool(cmd, "pretty");
    bool rtcSync = vshCommandOptBool(cmd, "sync");
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rv;

    if (!vshCommandOptExclusive(ctl, cmd, "time", "now") ||
        !vshCommandOptExclusive(ctl, cmd, "time", "sync") ||
        !vshCommandOptExclusive(ctl, cmd, "now", "sync"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((rv = vshCommandOptLongLong(ctl, cmd, "time", &seconds)) < 0)
        return false;
    if (rv > 0 || now || rtcSync) {
        if (pretty) {
            vshError(ctl, "%s", "Options --pretty and --now are mutually exclusive");
            return false;
        }
        if (now)
            seconds = time(NULL);
        if (virDomainSetTime(dom, seconds, nseconds,
                             rtcSync ? VIR_DOMAIN_TIME_SYNC : 0) < 0)
            return false;
        return true;
    }
    if (virDomainGetTime(dom, &seconds, &nseconds, 0) < 0)
        return false;
    if (pretty) {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(seconds);
        g_autofree char *s = dt ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S") : NULL;

        vshPrint(ctl, "Time: %s", s ? s : "");
    } else {
        vshPrint(ctl, "Time: %lld", seconds);
    }
    return true;
}

static const vshCmdOptDef opts_domjobinfo[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "completed", .type = VSH_OT_BOOL, .help = "return statistics of a recently completed job"},
    {.name = "keep-completed", .type = VSH_OT_BOOL,
     .help = "don't destroy statistics of a recently completed job when reading"},
    {.name = "anystats", .type = VSH_OT_BOOL,
     .help = "print statistics for any kind of job (even failed ones)"},
    {.name = "rawstats", .type = VSH_OT_BOOL, .help = "print the raw data returned by libvirt"},
    {.name = NULL},
};

static const char *
virtkitJobTypeString(int type)
{
    static const char *const names[] = {
        "None", "Bounded", "Unbounded", "Completed", "Failed", "Cancelled",
    };

    if (type < 0 || (size_t)type >= G_N_ELEMENTS(names))
        return "Unknown";
    return names[type];
}

static bool
cmdDomjobinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virDomainJobInfo info;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int type = 0;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "completed"))
        flags |= VIR_DOMAIN_JOB_STATS_COMPLETED;
    if (vshCommandOptBool(cmd, "keep-completed"))
        flags |= VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED;
    if (vshCommandOptBool(cmd, "keep-completed") && !vshCommandOptBool(cmd, "completed")) {
        vshError(ctl, "%s", "Option --completed is required by option --keep-completed");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainGetJobStats(dom, &type, &params, &nparams, flags) == 0) {
        vshPrint(ctl, "%-17s %-12s\n", "Job type:", virtkitJobTypeString(type));
        virTypedParamsFree(params, nparams);
        return true;
    }
    if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return false;
    if (flags || vshCommandOptBool(cmd, "rawstats")) {
        vshError(ctl, "%s", "Optional flags or --rawstats are not supported by the daemon");
        return false;
    }
    vshDebug(ctl, VSH_ERR_DEBUG, "%s", "detailed statistics not supported");
    vshResetLibvirtError();
    if (virDomainGetJobInfo(dom, &info) < 0)
        return false;
    vshPrint(ctl, "%-17s %-12s\n", "Job type:", virtkitJobTypeString(info.type));
    return true;
}

static const vshCmdOptDef opts_domjobabort[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "postcopy", .type = VSH_OT_BOOL, .help = "interrupt post-copy migration"},
    {.name = NULL},
};

static bool
cmdDomjobabort(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int rc;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptBool(cmd, "postcopy"))
        rc = virDomainAbortJobFlags(dom, VIR_DOMAIN_ABORT_JOB_POSTCOPY);
    else
        rc = virDomainAbortJob(dom);
    return rc == 0;
}

static const vshCmdOptDef opts_console[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "devname", .type = VSH_OT_STRING,
     .help = "character device name"},
    {.name = "force", .type = VSH_OT_BOOL,
     .help = "force console connection (disconnect already connected sessions)"},
    {.name = "safe", .type = VSH_OT_BOOL,
     .help = "only connect if safe console handling is supported"},
    {.name = NULL},
};

static bool
cmdConsole(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *devname = NULL;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (!isatty(STDIN_FILENO)) {
        vshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }
    if (virDomainGetID(dom) == (unsigned int)-1) {
        vshError(ctl, "%s", "The domain is not running");
        return false;
    }
    if (vshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_CONSOLE_FORCE;
    if (vshCommandOptBool(cmd, "safe"))
        flags |= VIR_DOMAIN_CONSOLE_SAFE;
    return virtkitRunConsole(ctl, dom, devname, flags);
}

static const vshCmdOptDef opts_domrename[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "new-name", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "new domain name"},
    {.name = NULL},
};

static bool
cmdDomrename(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *newname = NULL;

    if (!(dom = virtkitCommandOptDomainBy(ctl, cmd, NULL, NULL, VIRTKIT_BYNAME | VIRTKIT_BYUUID)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "new-name", &newname) < 0)
        return false;
    if (virDomainRename(dom, newname, 0) < 0)
        return false;
    vshPrintExtra(ctl, "Domain successfully renamed\n");
    return true;
}

static const vshCmdOptDef opts_dompmsuspend[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)"},
    {.name = "duration", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "duration in seconds"},
    {.name = NULL},
};

static bool
cmdDomPMSuspend(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *target = NULL;
    unsigned long long duration = 0;
    unsigned int suspendTarget;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptULongLong(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "target", &target) < 0)
        return false;
    if (strcmp(target, "mem") == 0) {
        suspendTarget = VIR_NODE_SUSPEND_TARGET_MEM;
    } else if (strcmp(target, "disk") == 0) {
        suspendTarget = VIR_NODE_SUSPEND_TARGET_DISK;
    } else if (strcmp(target, "hybrid") == 0) {
        suspendTarget = VIR_NODE_SUSPEND_TARGET_HYBRID;
    } else {
        vshError(ctl, "%s", "Invalid target");
        return false;
    }
    if (virDomainPMSuspendForDuration(dom, suspendTarget, duration, 0) < 0) {
        vshError(ctl, "Domain '%s' could not be suspended", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' successfully suspended\n", name);
    return true;
}

static int
virDomainPMWakeupNoFlags(virDomainPtr dom)
{
    return virDomainPMWakeup(dom, 0);
}

static bool
cmdDomPMWakeup(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitDomainAction(ctl, cmd, virDomainPMWakeupNoFlags, "Domain '%s' could not be woken up", "Domain '%s' successfully woken up\n");
}

static bool
cmdInjectNMI(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    return virDomainInjectNMI(dom, 0) == 0;
}

static const vshCmdOptDef opts_send_key[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "codeset", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "the codeset of keycodes, default:linux"},
    {.name = "holdtime", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "the time (in milliseconds) how long the keys will be held"},
    {.name = "keycode", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "the key code"},
    {.name = NULL},
};

/* Linux key names (input-event-codes.h) send-key accepts for the linux
 * codeset. */
static const struct { const char *name; unsigned int code; } virtkitLinuxKeys[] = {
    {"KEY_RESERVED", 0}, {"KEY_ESC", 1}, {"KEY_1", 2}, {"KEY_2", 3}, {"KEY_3", 4},
    {"KEY_4", 5}, {"KEY_5", 6}, {"KEY_6", 7}, {"KEY_7", 8}, {"KEY_8", 9},
    {"KEY_9", 10}, {"KEY_0", 11}, {"KEY_MINUS", 12}, {"KEY_EQUAL", 13},
    {"KEY_BACKSPACE", 14}, {"KEY_TAB", 15}, {"KEY_Q", 16}, {"KEY_W", 17},
    {"KEY_E", 18}, {"KEY_R", 19}, {"KEY_T", 20}, {"KEY_Y", 21}, {"KEY_U", 22},
    {"KEY_I", 23}, {"KEY_O", 24}, {"KEY_P", 25}, {"KEY_LEFTBRACE", 26},
    {"KEY_RIGHTBRACE", 27}, {"KEY_ENTER", 28}, {"KEY_LEFTCTRL", 29}, {"KEY_A", 30},
    {"KEY_S", 31}, {"KEY_D", 32}, {"KEY_F", 33}, {"KEY_G", 34}, {"KEY_H", 35},
    {"KEY_J", 36}, {"KEY_K", 37}, {"KEY_L", 38}, {"KEY_SEMICOLON", 39},
    {"KEY_APOSTROPHE", 40}, {"KEY_GRAVE", 41}, {"KEY_LEFTSHIFT", 42},
    {"KEY_BACKSLASH", 43}, {"KEY_Z", 44}, {"KEY_X", 45}, {"KEY_C", 46},
    {"KEY_V", 47}, {"KEY_B", 48}, {"KEY_N", 49}, {"KEY_M", 50}, {"KEY_COMMA", 51},
    {"KEY_DOT", 52}, {"KEY_SLASH", 53}, {"KEY_RIGHTSHIFT", 54}, {"KEY_KPASTERISK", 55},
    {"KEY_LEFTALT", 56}, {"KEY_SPACE", 57}, {"KEY_CAPSLOCK", 58}, {"KEY_F1", 59},
    {"KEY_F2", 60}, {"KEY_F3", 61}, {"KEY_F4", 62}, {"KEY_F5", 63}, {"KEY_F6", 64},
    {"KEY_F7", 65}, {"KEY_F8", 66}, {"KEY_F9", 67}, {"KEY_F10", 68},
    {"KEY_NUMLOCK", 69}, {"KEY_SCROLLLOCK", 70}, {"KEY_KP7", 71}, {"KEY_KP8", 72},
    {"KEY_KP9", 73}, {"KEY_KPMINUS", 74}, {"KEY_KP4", 75}, {"KEY_KP5", 76},
    {"KEY_KP6", 77}, {"KEY_KPPLUS", 78}, {"KEY_KP1", 79}, {"KEY_KP2", 80},
    {"KEY_KP3", 81}, {"KEY_KP0", 82}, {"KEY_KPDOT", 83}, {"KEY_102ND", 86},
    {"KEY_F11", 87}, {"KEY_F12", 88}, {"KEY_KPENTER", 96}, {"KEY_RIGHTCTRL", 97},
    {"KEY_KPSLASH", 98}, {"KEY_SYSRQ", 99}, {"KEY_RIGHTALT", 100}, {"KEY_HOME", 102},
    {"KEY_UP", 103}, {"KEY_PAGEUP", 104}, {"KEY_LEFT", 105}, {"KEY_RIGHT", 106},
    {"KEY_END", 107}, {"KEY_DOWN", 108}, {"KEY_PAGEDOWN", 109}, {"KEY_INSERT", 110},
    {"KEY_DELETE", 111}, {"KEY_MUTE", 113}, {"KEY_VOLUMEDOWN", 114},
    {"KEY_VOLUMEUP", 115}, {"KEY_POWER", 116}, {"KEY_KPEQUAL", 117}, {"KEY_PAUSE", 119},
    {"KEY_LEFTMETA", 125}, {"KEY_RIGHTMETA", 126}, {"KEY_COMPOSE", 127},
    {"KEY_STOP", 128}, {"KEY_SLEEP", 142}, {"KEY_WAKEUP", 143}, {"KEY_PRINT", 210},
};

static bool
cmdSendKey(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const codesets[] = {
        "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd",
        "win32", "usb", "rfb", "qnum",
    };
    g_autoptr(virDomain) dom = NULL;
    const char *codeset = NULL;
    g_autofree const char **words = NULL;
    unsigned int keys[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    unsigned int holdtime = 0;
    int set = -1;
    int count = 0;
    size_t i;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "codeset", &codeset) < 0)
        return false;
    if (!codeset)
        codeset = "linux";
    if (vshCommandOptUInt(ctl, cmd, "holdtime", &holdtime) < 0)
        return false;
    for (i = 0; i < G_N_ELEMENTS(codesets); i++) {
        if (strcmp(codeset, codesets[i]) == 0)
            set = i;
    }
    if (set < 0) {
        vshError(ctl, "unknown codeset: '%s'", codeset);
        return false;
    }
    words = vshCommandOptArgv(cmd, "keycode");
    for (i = 0; words && words[i]; i++) {
        char *end = NULL;
        unsigned long code;

        if (count == VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
            vshError(ctl, "%s", "too many keycodes");
            return false;
        }
        code = strtoul(words[i], &end, 0);
        if (!*words[i] || *end || code > 0xffff || words[i][0] == '-') {
            size_t k;

            code = G_MAXULONG;
            for (k = 0; set == 0 && k < G_N_ELEMENTS(virtkitLinuxKeys); k++) {
                if (strcmp(words[i], virtkitLinuxKeys[k].name) == 0)
                    code = virtkitLinuxKeys[k].code;
            }
            if (code == G_MAXULONG) {
                vshError(ctl, "invalid keycode: '%s'", words[i]);
                return false;
            }
        }
        keys[count++] = code;
    }
    if (virDomainSendKey(dom, set, holdtime, keys, count, 0) < 0)
        return false;
    return true;
}

static const vshCmdOptDef opts_domdisplay[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "include-password", .type = VSH_OT_BOOL,
     .help = "includes the password into the connection URI if available"},
    {.name = "type", .type = VSH_OT_STRING,
     .help = "select particular graphical display (e.g. \"vnc\", \"spice\", \"rdp\", \"dbus\")"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "show all possible graphical displays"},
    {.name = NULL},
};

static bool
cmdDomDisplay(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *type = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNodePtr dev;
    bool all = vshCommandOptBool(cmd, "all");
    bool found = false;

    if (vshCommandOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainGetID(dom) == (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is not running");
        return false;
    }
    if (!(xml = virDomainGetXMLDesc(dom, vshCommandOptBool(cmd, "include-password") ?
                                    VIR_DOMAIN_XML_SECURE : 0)))
        return false;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL, XML_PARSE_NONET)))
        return false;
    root = xmlDocGetRootElement(doc);
    for (dev = root ? root->children : NULL; dev; dev = dev->next) {
        xmlNodePtr g;

        if (dev->type != XML_ELEMENT_NODE || strcmp((const char *)dev->name, "devices") != 0)
            continue;
        for (g = dev->children; g; g = g->next) {
            g_autofree char *gtype = NULL;
            g_autofree char *port = NULL;
            g_autofree char *listen = NULL;
            g_autofree char *passwd = NULL;

            if (g->type != XML_ELEMENT_NODE || strcmp((const char *)g->name, "graphics") != 0)
                continue;
            gtype = (char *)xmlGetProp(g, BAD_CAST "type");
            if (!gtype || (type && strcmp(type, gtype) != 0))
                continue;
            port = (char *)xmlGetProp(g, BAD_CAST "port");
            if (!port || strcmp(port, "-1") == 0)
                continue;
            listen = (char *)xmlGetProp(g, BAD_CAST "listen");
            if (vshCommandOptBool(cmd, "include-password"))
                passwd = (char *)xmlGetProp(g, BAD_CAST "passwd");
            if (!listen || strcmp(listen, "0.0.0.0") == 0 || strcmp(listen, "::") == 0) {
                g_free(listen);
                listen = g_strdup("localhost");
            }
            if (strcmp(gtype, "vnc") == 0) {
                long p = strtol(port, NULL, 10);

                vshPrint(ctl, "vnc://%s%s%s%s:%ld%s", passwd ? ":" : "", passwd ? passwd : "",
                         passwd ? "@" : "", listen, p - 5900, all ? "\n" : "");
            } else {
                vshPrint(ctl, "%s://%s%s%s%s:%s%s", gtype, passwd ? ":" : "",
                         passwd ? passwd : "", passwd ? "@" : "", listen, port, all ? "\n" : "");
            }
            found = true;
            if (!all)
                break;
        }
    }
    xmlFreeDoc(doc);
    if (!found) {
        if (type)
            vshError(ctl, "No graphical display with type '%s' found", type);
        else
            vshError(ctl, "%s", "No graphical display found");
        return false;
    }
    return true;
}

static const vshCmdOptDef opts_screenshot[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "file", .type = VSH_OT_STRING, .help = "where to store the screenshot",
     .completer = VSH_COMPLETE_FILE},
    {.name = "screen", .type = VSH_OT_INT, .help = "ID of a screen to take screenshot of"},
    {.name = NULL},
};

static int
virtkitStreamSink(virStreamPtr st G_GNUC_UNUSED, const char *bytes, size_t nbytes, void *opaque)
{
    int fd = *(int *)opaque;
    size_t done = 0;

    while (done < nbytes) {
        ssize_t n = write(fd, bytes + done, nbytes - done);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += n;
    }
    return nbytes;
}

static bool
cmdScreenshot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *file = NULL;
    g_autofree char *path = NULL;
    g_autofree char *mime = NULL;
    unsigned int screen = 0;
    const char *domname;
    virStreamPtr st;
    int fd;
    bool ok;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptUInt(ctl, cmd, "screen", &screen) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(st = virStreamNew(vshConnection(ctl), 0)))
        return false;
    domname = virDomainGetName(dom);
    if (!(mime = virDomainScreenshot(dom, st, screen, 0))) {
        vshError(ctl, "could not take a screenshot of %s", domname);
        virStreamFree(st);
        return false;
    }
    if (file) {
        path = g_strdup(file);
    } else {
        g_autoptr(GDateTime) now = g_date_time_new_now_local();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
        const char *ext = NULL;

        if (strcmp(mime, "image/x-portable-pixmap") == 0)
            ext = ".ppm";
        else if (strcmp(mime, "image/png") == 0)
            ext = ".png";
        path = g_strdup_printf("%s-%s%s", virDomainGetName(dom), stamp, ext ? ext : "");
    }
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0) {
        vshError(ctl, "cannot create file %s", path);
        virStreamAbort(st);
        virStreamFree(st);
        return false;
    }
    ok = virStreamRecvAll(st, virtkitStreamSink, &fd) == 0 && virStreamFinish(st) == 0;
    close(fd);
    virStreamFree(st);
    if (!ok) {
        vshError(ctl, "could not receive data from domain '%s'", domname);
        unlink(path);
        return false;
    }
    vshPrint(ctl, "Screenshot saved to %s, with type of %s", path, mime);
    return true;
}

/* ------------------------------------------------------------------ */
/* migrate, domxml-from-native, domxml-to-native                      */

static const vshCmdOptDef opts_migrate[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "desturi", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "connection URI of the destination host as seen from the client(normal migration) or source(p2p migration)"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "live migration"},
    {.name = "offline", .type = VSH_OT_BOOL, .help = "offline migration"},
    {.name = "p2p", .type = VSH_OT_BOOL, .help = "peer-2-peer migration"},
    {.name = "direct", .type = VSH_OT_BOOL, .help = "direct migration"},
    {.name = "tunneled", .type = VSH_OT_ALIAS, .help = "tunnelled"},
    {.name = "tunnelled", .type = VSH_OT_BOOL, .help = "tunnelled migration"},
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "persist VM on destination"},
    {.name = "undefinesource", .type = VSH_OT_BOOL, .help = "undefine VM on source"},
    {.name = "suspend", .type = VSH_OT_BOOL, .help = "do not restart the domain on the destination host"},
    {.name = "copy-storage-all", .type = VSH_OT_BOOL,
     .help = "migration with non-shared storage with full disk copy"},
    {.name = "copy-storage-inc", .type = VSH_OT_BOOL,
     .help = "migration with non-shared storage with incremental copy (same base image shared between source and destination)"},
    {.name = "copy-storage-synchronous-writes", .type = VSH_OT_BOOL,
     .help = "force guest disk writes to be synchronously written to the destination to improve storage migration convergence"},
    {.name = "change-protection", .type = VSH_OT_BOOL,
     .help = "prevent any configuration changes to domain until migration ends"},
    {.name = "unsafe", .type = VSH_OT_BOOL, .help = "force migration even if it may be unsafe"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "display the progress of migration"},
    {.name = "compressed", .type = VSH_OT_BOOL, .help = "compress repeated pages during live migration"},
    {.name = "auto-converge", .type = VSH_OT_BOOL, .help = "force convergence during live migration"},
    {.name = "rdma-pin-all", .type = VSH_OT_BOOL,
     .help = "pin all memory before starting RDMA live migration"},
    {.name = "abort-on-error", .type = VSH_OT_BOOL, .help = "abort on soft errors during migration"},
    {.name = "postcopy", .type = VSH_OT_BOOL,
     .help = "enable post-copy migration; switch to it using migrate-postcopy command"},
    {.name = "postcopy-after-precopy", .type = VSH_OT_BOOL,
     .help = "automatically switch to post-copy migration after one pass of pre-copy"},
    {.name = "postcopy-resume", .type = VSH_OT_BOOL, .help = "resume failed post-copy migration"},
    {.name = "zerocopy", .type = VSH_OT_BOOL,
     .help = "use zero-copy mechanism for migrating memory pages"},
    {.name = "migrateuri", .type = VSH_OT_STRING,
     .help = "migration URI, usually can be omitted"},
    {.name = "graphicsuri", .type = VSH_OT_STRING,
     .help = "graphics URI to be used for seamless graphics migration"},
    {.name = "listen-address", .type = VSH_OT_STRING,
     .help = "listen address that destination should bind to for incoming migration"},
    {.name = "dname", .type = VSH_OT_STRING,
     .help = "rename to new name during migration (if supported)"},
    {.name = "timeout", .type = VSH_OT_INT,
     .help = "run action specified by --timeout-* option (suspend by default) if live migration exceeds timeout (in seconds)"},
    {.name = "timeout-suspend", .type = VSH_OT_BOOL, .help = "suspend the guest after timeout"},
    {.name = "timeout-postcopy", .type = VSH_OT_BOOL, .help = "switch to post-copy after timeout"},
    {.name = "xml", .type = VSH_OT_STRING,
     .help = "filename containing updated XML for the target", .completer = VSH_COMPLETE_FILE},
    {.name = "migrate-disks", .type = VSH_OT_STRING,
     .help = "comma separated list of disks to be migrated"},
    {.name = "disks-port", .type = VSH_OT_INT,
     .help = "port to use by target server for incoming disks migration"},
    {.name = "disks-uri", .type = VSH_OT_STRING,
     .help = "URI to use for disks migration (overrides --disks-port)"},
    {.name = "comp-methods", .type = VSH_OT_STRING,
     .help = "comma separated list of compression methods to be used"},
    {.name = "comp-mt-level", .type = VSH_OT_INT,
     .help = "compress level for multithread compression"},
    {.name = "comp-mt-threads", .type = VSH_OT_INT,
     .help = "number of compression threads for multithread compression"},
    {.name = "comp-mt-dthreads", .type = VSH_OT_INT,
     .help = "number of decompression threads for multithread compression"},
    {.name = "comp-xbzrle-cache", .type = VSH_OT_INT,
     .help = "page cache size for xbzrle compression"},
    {.name = "auto-converge-initial", .type = VSH_OT_INT,
     .help = "initial CPU throttling rate for auto-convergence"},
    {.name = "auto-converge-increment", .type = VSH_OT_INT,
     .help = "CPU throttling rate increment for auto-convergence"},
    {.name = "persistent-xml", .type = VSH_OT_STRING,
     .help = "filename containing updated persistent XML for the target",
     .completer = VSH_COMPLETE_FILE},
    {.name = "tls", .type = VSH_OT_BOOL, .help = "use TLS for migration"},
    {.name = "postcopy-bandwidth", .type = VSH_OT_INT,
     .help = "post-copy migration bandwidth limit in MiB/s"},
    {.name = "parallel", .type = VSH_OT_BOOL, .help = "enable parallel migration"},
    {.name = "parallel-connections", .type = VSH_OT_INT,
     .help = "number of connections for parallel migration"},
    {.name = "bandwidth", .type = VSH_OT_INT,
     .help = "migration bandwidth limit in MiB/s"},
    {.name = "tls-destination", .type = VSH_OT_STRING,
     .help = "override the destination host name used for TLS verification"},
    {.name = NULL},
};

static bool
cmdMigrate(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } bools[] = {
        {"live", VIR_MIGRATE_LIVE},
        {"offline", VIR_MIGRATE_OFFLINE},
        {"p2p", VIR_MIGRATE_PEER2PEER},
        {"tunnelled", VIR_MIGRATE_TUNNELLED},
        {"persistent", VIR_MIGRATE_PERSIST_DEST},
        {"undefinesource", VIR_MIGRATE_UNDEFINE_SOURCE},
        {"suspend", VIR_MIGRATE_PAUSED},
        {"copy-storage-all", VIR_MIGRATE_NON_SHARED_DISK},
        {"copy-storage-inc", VIR_MIGRATE_NON_SHARED_INC},
        {"change-protection", VIR_MIGRATE_CHANGE_PROTECTION},
        {"unsafe", VIR_MIGRATE_UNSAFE},
        {"compressed", VIR_MIGRATE_COMPRESSED},
        {"auto-converge", VIR_MIGRATE_AUTO_CONVERGE},
        {"rdma-pin-all", VIR_MIGRATE_RDMA_PIN_ALL},
        {"abort-on-error", VIR_MIGRATE_ABORT_ON_ERROR},
        {"postcopy", VIR_MIGRATE_POSTCOPY},
        {"tls", VIR_MIGRATE_TLS},
        {"parallel", VIR_MIGRATE_PARALLEL},
    };
    g_autoptr(virDomain) dom = NULL;
    const char *desturi = NULL;
    const char *dname = NULL;
    virConnectPtr dconn = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags = 0;
    size_t i;
    bool ret = false;

    if (vshCommandOptStringQuiet(cmd, "persistent-xml") && !vshCommandOptBool(cmd, "persistent")) {
        vshError(ctl, "%s", "Option --persistent is required by option --persistent-xml");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "desturi", &desturi) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "dname", &dname) < 0)
        return false;
    for (i = 0; i < G_N_ELEMENTS(bools); i++) {
        if (vshCommandOptBool(cmd, bools[i].opt))
            flags |= bools[i].flag;
    }
    {
        static const char *const ints[] = {
            "timeout", "disks-port", "comp-mt-level", "comp-mt-threads",
            "comp-mt-dthreads", "auto-converge-initial", "auto-converge-increment",
            "parallel-connections",
        };
        static const char *const ulls[] = {
            "comp-xbzrle-cache", "postcopy-bandwidth", "bandwidth",
        };
        int iv;
        unsigned long long uv;

        for (i = 0; i < G_N_ELEMENTS(ints); i++) {
            if (vshCommandOptInt(ctl, cmd, ints[i], &iv) < 0)
                return false;
        }
        for (i = 0; i < G_N_ELEMENTS(ulls); i++) {
            if (vshCommandOptULongLong(ctl, cmd, ulls[i], &uv) < 0)
                return false;
        }
    }
    if (dname &&
        virTypedParamsAddString(&params, &nparams, &maxparams,
                                VIR_MIGRATE_PARAM_DEST_NAME, dname) < 0)
        goto cleanup;

    if (vshCommandOptBool(cmd, "p2p") || vshCommandOptBool(cmd, "direct")) {
        if (virDomainMigrateToURI3(dom, desturi, params, nparams, flags) == 0)
            ret = true;
    } else {
        virDomainPtr ddom;

        if (!(dconn = virConnectOpenAuth(desturi, virConnectAuthPtrDefault, 0)))
            goto cleanup;
        if ((ddom = virDomainMigrate3(dom, dconn, params, nparams, flags))) {
            virDomainFree(ddom);
            ret = true;
        }
    }
    if (ret && vshCommandOptBool(cmd, "verbose"))
        vshPrintExtra(ctl, "\rMigration: [100 %%]\n");

 cleanup:
    /* both calls would clear the error the shell reports */
    if (ret) {
        if (dconn)
            virConnectClose(dconn);
        virTypedParamsFree(params, nparams);
    }
    return ret;
}

static const vshCmdOptDef opts_domxml_from_native[] = {
    {.name = "format", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "source config data format"},
    {.name = "config", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "config data file to import from", .completer = VSH_COMPLETE_FILE},
    {.name = NULL},
};

static bool
cmdDomXMLFromNative(vshControl *ctl, const vshCmd *cmd)
{
    const char *format = NULL;
    const char *file = NULL;
    g_autofree char *config = NULL;
    g_autofree char *xml = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "config", &file) < 0)
        return false;
    if (!(config = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(xml = virConnectDomainXMLFromNative(vshConnection(ctl), format, config, 0)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}

static const vshCmdOptDef opts_domxml_to_native[] = {
    {.name = "format", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "target config data type format"},
    {.name = "domain", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "xml", .type = VSH_OT_STRING, .help = "xml data file to export from",
     .completer = VSH_COMPLETE_FILE},
    {.name = NULL},
};

static bool
cmdDomXMLToNative(vshControl *ctl, const vshCmd *cmd)
{
    const char *format = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *config = NULL;
    bool hasDomain = vshCommandOptStringQuiet(cmd, "domain") != NULL;

    if (vshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "xml", &file) < 0)
        return false;
    if (hasDomain && file) {
        vshError(ctl, "%s", "Options --domain and --xml are mutually exclusive");
        return false;
    }
    if (hasDomain) {
        g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);

        if (!dom)
            return false;
        if (!(xml = virDomainGetXMLDesc(dom, 0)))
            return false;
    } else if (file) {
        if (!(xml = virtkitReadXMLFile(ctl, file)))
            return false;
    } else {
        vshError(ctl, "%s", "need either domain or domain XML");
        return false;
    }
    if (!(config = virConnectDomainXMLToNative(vshConnection(ctl), format, xml, 0)))
        return false;
    vshPrint(ctl, "%s", config);
    return true;
}

/* ------------------------------------------------------------------ */
/* edit                                                               */

static const vshCmdOptDef opts_edit[] = {
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN},
    {.name = "skip-validate", .type = VSH_OT_BOOL,
     .help = "skip validation of the XML against the schema"},
    {.name = NULL},
};

static bool
cmdEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(virDomain) newdom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *edited = NULL;
    g_autofree char *tmpname = NULL;
    g_autoptr(GError) err = NULL;
    unsigned int defineFlags = VIR_DOMAIN_DEFINE_VALIDATE;
    int fd;
    bool ret = false;

    if (vshCommandOptBool(cmd, "skip-validate"))
        defineFlags &= ~VIR_DOMAIN_DEFINE_VALIDATE;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE)))
        return false;
    if ((fd = g_file_open_tmp("virshXXXXXX.xml", &tmpname, &err)) < 0) {
        vshError(ctl, "failed to create temporary file: %s", err->message);
        return false;
    }
    close(fd);
    if (!g_file_set_contents(tmpname, xml, -1, NULL)) {
        vshError(ctl, "failed to write to temporary file '%s'", tmpname);
        goto cleanup;
    }
    if (!virtkitRunEditor(ctl, tmpname))
        goto cleanup;
    if (!g_file_get_contents(tmpname, &edited, NULL, NULL)) {
        vshError(ctl, "failed to read the temporary file '%s'", tmpname);
        goto cleanup;
    }
    if (strcmp(xml, edited) == 0) {
        vshPrintExtra(ctl, "Domain '%s' XML configuration not changed.\n",
                      virDomainGetName(dom));
        ret = true;
        goto cleanup;
    }
    while (!(newdom = virDomainDefineXMLFlags(vshConnection(ctl), edited, defineFlags))) {
        char answer[16] = "";

        if (!isatty(STDIN_FILENO)) {
            /* as virsh: without a terminal to ask on, the failure is
             * reported and the command still ends as an edit */
            vshResetLibvirtError();
            vshError(ctl, "%s", "Failed.");
            vshPrintExtra(ctl, "Domain '(null)' XML configuration edited.\n");
            ret = true;
            goto cleanup;
        }
        vshReportError(ctl);
        vshPrint(ctl, "%s", "Failed. Try again? [y,n,i,f,?]: ");
        fflush(stdout);
        if (!fgets(answer, sizeof(answer), stdin) || answer[0] == 'n')
            goto cleanup;
        if (answer[0] == 'i' || answer[0] == 'f') {
            defineFlags &= ~VIR_DOMAIN_DEFINE_VALIDATE;
            continue;
        }
        g_clear_pointer(&edited, g_free);
        if (!virtkitRunEditor(ctl, tmpname) ||
            !g_file_get_contents(tmpname, &edited, NULL, NULL))
            goto cleanup;
    }
    vshPrintExtra(ctl, "Domain '%s' XML configuration edited.\n", virDomainGetName(newdom));
    ret = true;
 cleanup:
    unlink(tmpname);
    return ret;
}

/* ------------------------------------------------------------------ */

static const vshCmdDef cmds[] = {
    {.name = "autostart", .handler = cmdAutostart, .opts = opts_autostart,
     .help = "autostart a domain",
     .desc = "Configure a domain to be automatically started at boot."},
    {.name = "console", .handler = cmdConsole, .opts = opts_console,
     .help = "connect to the guest console",
     .desc = "Connect the virtual serial console for the guest"},
    {.name = "create", .handler = cmdCreate, .opts = opts_create,
     .help = "create a domain from an XML file", .desc = "Create a domain."},
    {.name = "define", .handler = cmdDefine, .opts = opts_define,
     .help = "define (but don't start) a domain from an XML file", .desc = "Define a domain."},
    {.name = "desc", .handler = cmdDesc, .opts = opts_desc,
     .help = "show or set domain's description or title",
     .desc = "Allows setting or modifying the description or title of a domain."},
    {.name = "destroy", .handler = cmdDestroy, .opts = opts_destroy,
     .help = "destroy (stop) a domain",
     .desc = "Forcefully stop a given domain, but leave its resources intact."},
    {.name = "domdisplay", .handler = cmdDomDisplay, .opts = opts_domdisplay,
     .help = "domain display connection URI",
     .desc = "Output the IP address and port number for the graphical display."},
    {.name = "domhostname", .handler = cmdDomHostname, .opts = opts_domhostname,
     .help = "print the domain's hostname", .desc = ""},
    {.name = "domid", .handler = cmdDomid, .opts = opts_domid,
     .help = "convert a domain name or UUID to domain id", .desc = ""},
    {.name = "dominfo", .handler = cmdDominfo, .opts = opts_dominfo,
     .help = "domain information", .desc = "Returns basic information about the domain.",
     .group = "monitor"},
    {.name = "domjobabort", .handler = cmdDomjobabort, .opts = opts_domjobabort,
     .help = "abort active domain job", .desc = "Aborts the currently running domain job"},
    {.name = "domjobinfo", .handler = cmdDomjobinfo, .opts = opts_domjobinfo,
     .help = "domain job information",
     .desc = "Returns information about jobs running on a domain."},
    {.name = "domname", .handler = cmdDomname, .opts = opts_domname,
     .help = "convert a domain id or UUID to domain name", .desc = ""},
    {.name = "dompmsuspend", .handler = cmdDomPMSuspend, .opts = opts_dompmsuspend,
     .help = "suspend a domain gracefully using power management functions",
     .desc = "Suspends a running domain using guest OS's power management. (Note: This requires a guest agent configured and running in the guest OS)."},
    {.name = "dompmwakeup", .handler = cmdDomPMWakeup, .opts = opts_domain_only,
     .help = "wakeup a domain from pmsuspended state",
     .desc = "Wakeup a domain that was previously suspended by power management."},
    {.name = "domrename", .handler = cmdDomrename, .opts = opts_domrename,
     .help = "rename a domain", .desc = "Rename an inactive domain."},
    {.name = "domstate", .handler = cmdDomstate, .opts = opts_domstate,
     .help = "domain state", .desc = "Returns state about a domain.",
     .group = "monitor"},
    {.name = "domtime", .handler = cmdDomTime, .opts = opts_domtime,
     .help = "domain time", .desc = "Gets or sets the domain's system time",
     .group = "monitor"},
    {.name = "domuuid", .handler = cmdDomuuid, .opts = opts_domuuid,
     .help = "convert a domain name or id to domain UUID", .desc = ""},
    {.name = "domxml-from-native", .handler = cmdDomXMLFromNative, .opts = opts_domxml_from_native,
     .help = "Convert native config to domain XML",
     .desc = "Convert native guest configuration format to domain XML format."},
    {.name = "domxml-to-native", .handler = cmdDomXMLToNative, .opts = opts_domxml_to_native,
     .help = "Convert domain XML to native config",
     .desc = "Convert domain XML config to a native guest configuration format."},
    {.name = "dumpxml", .handler = cmdDumpXML, .opts = opts_dumpxml,
     .help = "domain information in XML",
     .desc = "Output the domain information as an XML dump to stdout."},
    {.name = "edit", .handler = cmdEdit, .opts = opts_edit,
     .help = "edit XML configuration for a domain",
     .desc = "Edit the XML configuration for a domain."},
    {.name = "inject-nmi", .handler = cmdInjectNMI, .opts = opts_domain_only,
     .help = "Inject NMI to the guest", .desc = "Inject NMI to the guest domain."},
    {.name = "list", .handler = cmdList, .opts = opts_list,
     .help = "list domains", .desc = "Returns list of domains.",
     .group = "monitor"},
    {.name = "managedsave", .handler = cmdManagedSave, .opts = opts_managedsave,
     .help = "managed save of a domain state",
     .desc = "Save and destroy a running domain, so it can be restarted from\n"
             "    the same state at a later time.  When the virsh 'start'\n"
             "    command is next run for the domain, it will automatically\n"
             "    be started from this saved state."},
    {.name = "managedsave-define", .handler = cmdManagedSaveDefine, .opts = opts_managedsave_define,
     .help = "redefine the XML for a domain's managed save state file",
     .desc = "Replace the domain XML associated with a managed save state file"},
    {.name = "managedsave-dumpxml", .handler = cmdManagedSaveDumpXML,
     .opts = opts_managedsave_dumpxml,
     .help = "Domain information of managed save state file in XML",
     .desc = "Dump XML of domain information for a managed save state file to stdout."},
    {.name = "managedsave-remove", .handler = cmdManagedSaveRemove, .opts = opts_domain_only,
     .help = "Remove managed save of a domain",
     .desc = "Remove an existing managed save state file from a domain"},
    {.name = "metadata", .handler = cmdMetadata, .opts = opts_metadata,
     .help = "show or set domain's custom XML metadata",
     .desc = "Shows or modifies the XML metadata of a domain."},
    {.name = "migrate", .handler = cmdMigrate, .opts = opts_migrate,
     .help = "migrate domain to another host",
     .desc = "Migrate domain to another host.  Add --live for live migration."},
    {.name = "reboot", .handler = cmdReboot, .opts = opts_shutdown,
     .help = "reboot a domain", .desc = "Run a reboot command in the target domain."},
    {.name = "reset", .handler = cmdReset, .opts = opts_domain_only,
     .help = "reset a domain", .desc = "Reset the target domain as if by power button"},
    {.name = "restore", .handler = cmdRestore, .opts = opts_restore,
     .help = "restore a domain from a saved state in a file", .desc = "Restore a domain."},
    {.name = "resume", .handler = cmdResume, .opts = opts_domain_only,
     .help = "resume a domain", .desc = "Resume a previously suspended domain."},
    {.name = "save", .handler = cmdSave, .opts = opts_save,
     .help = "save a domain state to a file", .desc = "Save the RAM state of a running domain."},
    {.name = "screenshot", .handler = cmdScreenshot, .opts = opts_screenshot,
     .help = "take a screenshot of a current domain console and store it into a file",
     .desc = "screenshot of a current domain console"},
    {.name = "send-key", .handler = cmdSendKey, .opts = opts_send_key,
     .help = "Send keycodes to the guest",
     .desc = "Send keycodes (integers or symbolic names) to the guest"},
    {.name = "shutdown", .handler = cmdShutdown, .opts = opts_shutdown,
     .help = "gracefully shutdown a domain", .desc = "Run shutdown in the target domain."},
    {.name = "start", .handler = cmdStart, .opts = opts_start,
     .help = "start a (previously defined) inactive domain",
     .desc = "Start a domain, either from the last managedsave\n"
             "    state, or via a fresh boot if no managedsave state\n"
             "    is present."},
    {.name = "suspend", .handler = cmdSuspend, .opts = opts_domain_only,
     .help = "suspend a domain", .desc = "Suspend a running domain."},
    {.name = "undefine", .handler = cmdUndefine, .opts = opts_undefine,
     .help = "undefine a domain",
     .desc = "Undefine an inactive domain, or convert persistent to transient."},
    {.name = NULL},
};

const vshCmdTable virtkitDomainTable = { "domain", cmds };
