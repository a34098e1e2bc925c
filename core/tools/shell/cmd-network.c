/*
 * cmd-network.c: the virsh 'network' group: virtual networks and their ports
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virtkit-cmds.h"

#define OPT_NETWORK(helpstr) \
    {.name = "network", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = helpstr, .completer = VSH_COMPLETE_NETWORK}
#define OPT_NETWORK_NAME_UUID OPT_NETWORK("network name or uuid")
#define OPT_XPATH \
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT | VSH_OFLAG_EMPTY_OK, \
     .help = "xpath expression to filter the XML document"}, \
    {.name = "wrap", .type = VSH_OT_BOOL, \
     .help = "wrap xpath results in an common root element"}
#define OPT_FILE(helpstr) \
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = helpstr, \
     .completer = VSH_COMPLETE_FILE}
#define OPT_VALIDATE \
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"}
#define OPT_JSON \
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"}

/* ---- net-autostart ---- */

static const vshCmdOptDef opts_net_autostart[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable autostarting"},
    {.name = NULL},
};

static bool
cmdNetAutostart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virNetwork) net = virtkitCommandOptNetwork(ctl, cmd, NULL, &name);
    bool disable = vshCommandOptBool(cmd, "disable");

    if (!net)
        return false;
    if (virNetworkSetAutostart(net, !disable) < 0) {
        if (disable)
            vshError(ctl, "failed to unmark network %s as autostarted", name);
        else
            vshError(ctl, "failed to mark network %s as autostarted", name);
        return false;
    }
    if (disable)
        vshPrintExtra(ctl, "Network %s unmarked as autostarted\n", name);
    else
        vshPrintExtra(ctl, "Network %s marked as autostarted\n", name);
    return true;
}

/* ---- net-create / net-define ---- */

static const vshCmdOptDef opts_net_create[] = {
    OPT_FILE("file containing an XML network description"),
    OPT_VALIDATE,
    {.name = NULL},
};

static bool
virtkitNetFromFile(vshControl *ctl, const vshCmd *cmd, bool define)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNetwork) net = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= define ? VIR_NETWORK_DEFINE_VALIDATE : VIR_NETWORK_CREATE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (define)
        net = flags ? virNetworkDefineXMLFlags(vshConnection(ctl), xml, flags)
                    : virNetworkDefineXML(vshConnection(ctl), xml);
    else
        net = flags ? virNetworkCreateXMLFlags(vshConnection(ctl), xml, flags)
                    : virNetworkCreateXML(vshConnection(ctl), xml);
    if (!net) {
        vshError(ctl, "Failed to %s network from %s", define ? "define" : "create", file);
        return false;
    }
    vshPrintExtra(ctl, "Network %s %s from %s\n", virNetworkGetName(net),
                  define ? "defined" : "created", file);
    return true;
}

static bool
cmdNetCreate(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitNetFromFile(ctl, cmd, false);
}

static bool
cmdNetDefine(vshControl *ctl, const vshCmd *cmd)
{
    return virtkitNetFromFile(ctl, cmd, true);
}

/* ---- net-destroy / net-start / net-undefine ---- */

static const vshCmdOptDef opts_network[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = NULL},
};

static bool
cmdNetDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return VIRTKIT_OBJECT_ACTION(ctl, cmd, virtkitCommandOptNetwork, virNetworkDestroy, virNetworkFree,
                                 "Failed to destroy network %s", "Network %s destroyed\n");
}

static bool
cmdNetStart(vshControl *ctl, const vshCmd *cmd)
{
    return VIRTKIT_OBJECT_ACTION(ctl, cmd, virtkitCommandOptNetwork, virNetworkCreate, virNetworkFree,
                                 "Failed to start network %s", "Network %s started\n");
}

static bool
cmdNetUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return VIRTKIT_OBJECT_ACTION(ctl, cmd, virtkitCommandOptNetwork, virNetworkUndefine, virNetworkFree,
                                 "Failed to undefine network %s", "Network %s has been undefined\n");
}

/* ---- net-dhcp-leases ---- */

static const vshCmdOptDef opts_net_dhcp_leases[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "mac", .type = VSH_OT_STRING, .help = "MAC address"},
    {.name = NULL},
};

static int
virtkitLeaseCmp(const void *a, const void *b)
{
    virNetworkDHCPLeasePtr la = *(virNetworkDHCPLeasePtr const *)a;
    virNetworkDHCPLeasePtr lb = *(virNetworkDHCPLeasePtr const *)b;

    return g_strcmp0(la->mac, lb->mac);
}

static bool
cmdNetDHCPLeases(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    const char *mac = NULL;
    g_autoptr(virNetwork) net = NULL;
    virNetworkDHCPLeasePtr *leases = NULL;
    g_autoptr(vshTable) table = NULL;
    int n;

    if (vshCommandOptStringReq(ctl, cmd, "mac", &mac) < 0)
        return false;
    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;
    if ((n = virNetworkGetDHCPLeases(net, mac, &leases, 0)) < 0) {
        vshError(ctl, "Failed to get leases info for %s", name);
        return false;
    }
    qsort(leases, n, sizeof(*leases), virtkitLeaseCmp);
    table = vshTableNew("Expiry Time", "MAC address", "Protocol", "IP address",
                        "Hostname", "Client ID or DUID", NULL);
    for (int i = 0; i < n; i++) {
        virNetworkDHCPLeasePtr l = leases[i];
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local(l->expirytime);
        g_autofree char *when = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S");
        g_autofree char *ip = g_strdup_printf("%s/%d", l->ipaddr, l->prefix);

        vshTableRowAppend(table, when, l->mac,
                          l->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4", ip,
                          l->hostname ? l->hostname : "-",
                          l->clientid ? l->clientid : "-", NULL);
        virNetworkDHCPLeaseFree(l);
    }
    free(leases);
    vshTablePrint(ctl, table);
    return true;
}

/* ---- net-dumpxml ---- */

static const vshCmdOptDef opts_net_dumpxml[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "show inactive defined XML"},
    OPT_XPATH,
    {.name = NULL},
};

static bool
cmdNetDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL);
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!net)
        return false;
    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_NETWORK_XML_INACTIVE;
    if (!(xml = virNetworkGetXMLDesc(net, flags)))
        return false;
    return virtkitPrintXMLOpts(ctl, cmd, xml);
}

/* ---- net-edit ---- */

static bool
cmdNetEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL);
    g_autoptr(virNetwork) defined = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *edited = NULL;
    bool changed = false;

    if (!net)
        return false;
    /* the inactive definition, or (a driver without that flag) the XML */
    if (!(xml = virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE))) {
        virErrorPtr err = virGetLastError();

        if (!err || err->code != VIR_ERR_INVALID_ARG)
            return false;
        vshResetLibvirtError();
        if (!(xml = virNetworkGetXMLDesc(net, 0)))
            return false;
    }
    if (!(edited = virtkitEditXML(ctl, xml, &changed)))
        return false;
    if (!changed) {
        vshPrintExtra(ctl, "Network %s XML configuration not changed.\n",
                      virNetworkGetName(net));
        return true;
    }
    if (!(defined = virNetworkDefineXML(vshConnection(ctl), edited)))
        return false;
    vshPrintExtra(ctl, "Network %s XML configuration edited.\n", virNetworkGetName(defined));
    return true;
}

/* ---- net-info ---- */

static const vshCmdOptDef opts_net_info[] = {
    OPT_NETWORK_NAME_UUID,
    OPT_JSON,
    {.name = NULL},
};

static bool
cmdNetInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *bridge = NULL;
    int active, persistent, autostart = 0;
    bool autostartOK;

    if (!net)
        return false;
    active = virNetworkIsActive(net);
    persistent = virNetworkIsPersistent(net);
    autostartOK = virNetworkGetAutostart(net, &autostart) >= 0;
    bridge = virNetworkGetBridgeName(net);
    vshResetLibvirtError();
    if (virNetworkGetUUIDString(net, uuid) < 0)
        uuid[0] = '\0';

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_object(b);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, virNetworkGetName(net));
        json_builder_set_member_name(b, "uuid");
        json_builder_add_string_value(b, uuid);
        json_builder_set_member_name(b, "active");
        if (active < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, active);
        json_builder_set_member_name(b, "persistent");
        if (persistent < 0)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, persistent);
        json_builder_set_member_name(b, "autostart");
        if (!autostartOK)
            json_builder_add_null_value(b);
        else
            json_builder_add_boolean_value(b, autostart);
        json_builder_set_member_name(b, "bridge");
        if (bridge)
            json_builder_add_string_value(b, bridge);
        else
            json_builder_add_null_value(b);
        json_builder_end_object(b);
        vshPrintJSON(ctl, b);
        return true;
    }

    vshPrint(ctl, "%-15s %s\n", "Name:", virNetworkGetName(net));
    vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    vshPrint(ctl, "%-15s %s\n", "Active:", active < 0 ? "unknown" : active ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    vshPrint(ctl, "%-15s %s\n", "Autostart:",
             !autostartOK ? "no autostart" : autostart ? "yes" : "no");
    if (bridge)
        vshPrint(ctl, "%-15s %s\n", "Bridge:", bridge);
    return true;
}

/* ---- net-list ---- */

static const vshCmdOptDef opts_net_list[] = {
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive networks"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active networks"},
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "list persistent networks"},
    {.name = "transient", .type = VSH_OT_BOOL, .help = "list transient networks"},
    {.name = "autostart", .type = VSH_OT_BOOL, .help = "list networks with autostart enabled"},
    {.name = "no-autostart", .type = VSH_OT_BOOL, .help = "list networks with autostart disabled"},
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "list uuid's only"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list network names only"},
    {.name = "table", .type = VSH_OT_BOOL, .help = "list table (default)"},
    OPT_JSON,
    {.name = NULL},
};

static int
virtkitNetworkCmp(const void *a, const void *b)
{
    return g_strcmp0(virNetworkGetName(*(virNetworkPtr const *)a),
                     virNetworkGetName(*(virNetworkPtr const *)b));
}

static bool
cmdNetList(vshControl *ctl, const vshCmd *cmd)
{
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optName = vshCommandOptBool(cmd, "name");
    bool optTable = vshCommandOptBool(cmd, "table");
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int flags = 0;
    virNetworkPtr *nets = NULL;
    int n;

    if (optUUID + optName + optTable > 1) {
        vshError(ctl, "%s", "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    if (vshCommandOptBool(cmd, "all"))
        flags |= VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    else if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    else
        flags |= VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    if (vshCommandOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_NETWORKS_PERSISTENT;
    if (vshCommandOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_NETWORKS_TRANSIENT;
    if (vshCommandOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_AUTOSTART;
    if (vshCommandOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;

    if ((n = virConnectListAllNetworks(vshConnection(ctl), &nets, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list networks");
        return false;
    }
    qsort(nets, n, sizeof(*nets), virtkitNetworkCmp);

    if (json) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            int autostart = 0;
            int active = virNetworkIsActive(nets[i]);
            int persistent = virNetworkIsPersistent(nets[i]);
            bool autoOK = virNetworkGetAutostart(nets[i], &autostart) >= 0;

            virNetworkGetUUIDString(nets[i], uuid);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virNetworkGetName(nets[i]));
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, active > 0 ? "active" : "inactive");
            json_builder_set_member_name(b, "autostart");
            if (autoOK)
                json_builder_add_boolean_value(b, autostart);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "persistent");
            json_builder_add_boolean_value(b, persistent > 0);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshResetLibvirtError();
        vshPrintJSON(ctl, b);
    } else if (optUUID || optName) {
        for (int i = 0; i < n; i++) {
            if (optUUID) {
                char uuid[VIR_UUID_STRING_BUFLEN];

                if (virNetworkGetUUIDString(nets[i], uuid) == 0)
                    vshPrint(ctl, "%s\n", uuid);
            } else {
                vshPrint(ctl, "%s\n", virNetworkGetName(nets[i]));
            }
        }
    } else {
        g_autoptr(vshTable) table = vshTableNew("Name", "State", "Autostart", "Persistent", NULL);

        for (int i = 0; i < n; i++) {
            int autostart = 0;
            const char *autostartStr;

            if (virNetworkGetAutostart(nets[i], &autostart) < 0)
                autostartStr = "no autostart";
            else
                autostartStr = autostart ? "yes" : "no";
            vshTableRowAppend(table, virNetworkGetName(nets[i]),
                              virNetworkIsActive(nets[i]) > 0 ? "active" : "inactive",
                              autostartStr,
                              virNetworkIsPersistent(nets[i]) > 0 ? "yes" : "no", NULL);
        }
        vshResetLibvirtError();
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return true;
}

/* ---- net-name / net-uuid ---- */

static const vshCmdOptDef opts_net_name[] = {
    OPT_NETWORK("network uuid"),
    {.name = NULL},
};

static bool
cmdNetName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;

    if (!(net = virtkitCommandOptNetworkBy(ctl, cmd, NULL, NULL, VIRTKIT_BYUUID)))
        return false;
    vshPrint(ctl, "%s\n", virNetworkGetName(net));
    return true;
}

static const vshCmdOptDef opts_net_uuid[] = {
    OPT_NETWORK("network name"),
    {.name = NULL},
};

static bool
cmdNetUUID(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(net = virtkitCommandOptNetworkBy(ctl, cmd, NULL, NULL, VIRTKIT_BYNAME)))
        return false;
    if (virNetworkGetUUIDString(net, uuid) < 0) {
        vshError(ctl, "%s", "failed to get network UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

/* ---- net-update ---- */

static const vshCmdOptDef opts_net_update[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "command", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "type of update (add-first, add-last (add), delete, or modify)"},
    {.name = "section", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "which section of network configuration to update"},
    {.name = "xml", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "name of file containing xml (or, if it starts with '<', the complete xml element itself) to add/modify, or to be matched for search"},
    {.name = "parent-index", .type = VSH_OT_INT, .help = "which parent object to search through"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "affect next network startup"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "affect running network"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "affect current state of network"},
    {.name = NULL},
};

static const char *const virtkitNetUpdateCommands[] = {
    [VIR_NETWORK_UPDATE_COMMAND_NONE] = "none",
    [VIR_NETWORK_UPDATE_COMMAND_MODIFY] = "modify",
    [VIR_NETWORK_UPDATE_COMMAND_DELETE] = "delete",
    [VIR_NETWORK_UPDATE_COMMAND_ADD_LAST] = "add-last",
    [VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST] = "add-first",
};

static const char *const virtkitNetUpdateSections[] = {
    [VIR_NETWORK_SECTION_NONE] = "none",
    [VIR_NETWORK_SECTION_BRIDGE] = "bridge",
    [VIR_NETWORK_SECTION_DOMAIN] = "domain",
    [VIR_NETWORK_SECTION_IP] = "ip",
    [VIR_NETWORK_SECTION_IP_DHCP_HOST] = "ip-dhcp-host",
    [VIR_NETWORK_SECTION_IP_DHCP_RANGE] = "ip-dhcp-range",
    [VIR_NETWORK_SECTION_FORWARD] = "forward",
    [VIR_NETWORK_SECTION_FORWARD_INTERFACE] = "forward-interface",
    [VIR_NETWORK_SECTION_FORWARD_PF] = "forward-pf",
    [VIR_NETWORK_SECTION_PORTGROUP] = "portgroup",
    [VIR_NETWORK_SECTION_DNS_HOST] = "dns-host",
    [VIR_NETWORK_SECTION_DNS_TXT] = "dns-txt",
    [VIR_NETWORK_SECTION_DNS_SRV] = "dns-srv",
};

static bool
cmdNetUpdate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    const char *name = NULL;
    const char *command = NULL;
    const char *section = NULL;
    const char *xmlArg = NULL;
    g_autofree char *xmlFromFile = NULL;
    const char *xml;
    int parentIndex = -1;
    int cmdVal = -1;
    int sectionVal = -1;
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    bool current = vshCommandOptBool(cmd, "current");
    unsigned int flags = VIR_NETWORK_UPDATE_AFFECT_CURRENT;

    if (current && live) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "current", "live");
        return false;
    }
    if (current && config) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "current", "config");
        return false;
    }
    if (config)
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;

    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "command", &command) < 0)
        return false;
    if (g_str_equal(command, "add"))
        cmdVal = VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
    for (size_t i = 1; cmdVal < 0 && i < G_N_ELEMENTS(virtkitNetUpdateCommands); i++)
        if (g_str_equal(command, virtkitNetUpdateCommands[i]))
            cmdVal = i;
    if (cmdVal < 0) {
        vshError(ctl, "unrecognized command name '%s'", command);
        return false;
    }
    if (vshCommandOptStringReq(ctl, cmd, "section", &section) < 0)
        return false;
    for (size_t i = 1; sectionVal < 0 && i < G_N_ELEMENTS(virtkitNetUpdateSections); i++)
        if (g_str_equal(section, virtkitNetUpdateSections[i]))
            sectionVal = i;
    if (sectionVal < 0) {
        vshError(ctl, "unrecognized section name '%s'", section);
        return false;
    }
    if (vshCommandOptInt(ctl, cmd, "parent-index", &parentIndex) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "xml", &xmlArg) < 0)
        return false;
    if (*xmlArg == '<') {
        xml = xmlArg;
    } else {
        if (!(xmlFromFile = virtkitReadXMLFile(ctl, xmlArg)))
            return false;
        g_strchomp(xmlFromFile);
        xml = xmlFromFile;
    }

    if (virNetworkUpdate(net, cmdVal, sectionVal, parentIndex, xml, flags) < 0) {
        vshError(ctl, "Failed to update network %s", name);
        return false;
    }

    if (config) {
        if (live)
            vshPrintExtra(ctl, "Updated network %s persistent config and live state", name);
        else
            vshPrintExtra(ctl, "Updated network %s persistent config", name);
    } else if (live) {
        vshPrintExtra(ctl, "Updated network %s live state", name);
    } else if (virNetworkIsActive(net) > 0) {
        vshPrintExtra(ctl, "Updated network %s live state", name);
    } else {
        vshPrintExtra(ctl, "Updated network %s persistent config", name);
    }
    /* no newline: the blank line after the command ends it, as in virsh */
    return true;
}

/* ---- net-port-* ---- */

static const vshCmdOptDef opts_net_port_list[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "list uuid's only"},
    {.name = "table", .type = VSH_OT_BOOL, .help = "list table (default)"},
    OPT_JSON,
    {.name = NULL},
};

static int
virtkitPortCmp(const void *a, const void *b)
{
    char ua[VIR_UUID_STRING_BUFLEN] = "";
    char ub[VIR_UUID_STRING_BUFLEN] = "";

    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *)a, ua);
    virNetworkPortGetUUIDString(*(virNetworkPortPtr const *)b, ub);
    return strcmp(ua, ub);
}

static bool
cmdNetPortList(vshControl *ctl, const vshCmd *cmd)
{
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optTable = vshCommandOptBool(cmd, "table");
    g_autoptr(virNetwork) net = NULL;
    virNetworkPortPtr *ports = NULL;
    int n;

    if (optUUID && optTable) {
        vshError(ctl, "%s", "Only one argument from --table and --uuid may be specified.");
        return false;
    }
    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if ((n = virNetworkListAllPorts(net, &ports, 0)) < 0)
        return false;
    qsort(ports, n, sizeof(*ports), virtkitPortCmp);
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            virNetworkPortGetUUIDString(ports[i], uuid);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else if (optUUID) {
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            virNetworkPortGetUUIDString(ports[i], uuid);
            vshPrint(ctl, "%s\n", uuid);
        }
    } else {
        g_autoptr(vshTable) table = vshTableNew("UUID", NULL);

        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            virNetworkPortGetUUIDString(ports[i], uuid);
            vshTableRowAppend(table, uuid, NULL);
        }
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virNetworkPortFree(ports[i]);
    free(ports);
    return true;
}

static const vshCmdOptDef opts_net_port_create[] = {
    OPT_NETWORK_NAME_UUID,
    OPT_FILE("file containing an XML network port description"),
    OPT_VALIDATE,
    {.name = NULL},
};

static bool
cmdNetPortCreate(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virNetwork) net = NULL;
    g_autoptr(virNetworkPort) port = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int flags = 0;

    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_NETWORK_PORT_CREATE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(port = virNetworkPortCreateXML(net, xml, flags))) {
        vshError(ctl, "Failed to create network from %s", file);
        return false;
    }
    if (virNetworkPortGetUUIDString(port, uuid) < 0) {
        vshError(ctl, "%s", "Failed to get network port UUID");
        return false;
    }
    vshPrintExtra(ctl, "Network port %s created from %s\n", uuid, file);
    return true;
}

static virNetworkPortPtr
virtkitCommandOptPort(vshControl *ctl, const vshCmd *cmd, virNetworkPtr net,
                      const char **uuid)
{
    virNetworkPortPtr port;

    if (vshCommandOptStringReq(ctl, cmd, "port", uuid) <= 0)
        return NULL;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <port>: %s", cmd->def->name, *uuid);
    vshDebug(ctl, VSH_ERR_DEBUG, "%s: <port> trying as network UUID", cmd->def->name);
    if (!(port = virNetworkPortLookupByUUIDString(net, *uuid)))
        vshError(ctl, "failed to get network port '%s'", *uuid);
    return port;
}

static const vshCmdOptDef opts_net_port_dumpxml[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "port", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "port UUID"},
    OPT_XPATH,
    {.name = NULL},
};

static bool
cmdNetPortDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    g_autoptr(virNetworkPort) port = NULL;
    g_autofree char *xml = NULL;
    const char *uuid = NULL;

    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL))) {
        /* virsh 9.0 says so and still succeeds, libvirt's reason untold */
        vshResetLibvirtError();
        return true;
    }
    if (!(port = virtkitCommandOptPort(ctl, cmd, net, &uuid))) {
        /* virsh 9.0 says so and still succeeds, libvirt's reason untold */
        vshResetLibvirtError();
        return true;
    }
    if (!(xml = virNetworkPortGetXMLDesc(port, 0)))
        return false;
    return virtkitPrintXMLOpts(ctl, cmd, xml);
}

static const vshCmdOptDef opts_net_port_delete[] = {
    OPT_NETWORK_NAME_UUID,
    {.name = "port", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "port UUID"},
    {.name = NULL},
};

static bool
cmdNetPortDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virNetwork) net = NULL;
    g_autoptr(virNetworkPort) port = NULL;
    const char *uuid = NULL;

    if (!(net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL))) {
        /* virsh 9.0 says so and still succeeds, libvirt's reason untold */
        vshResetLibvirtError();
        return true;
    }
    if (!(port = virtkitCommandOptPort(ctl, cmd, net, &uuid))) {
        /* virsh 9.0 says so and still succeeds, libvirt's reason untold */
        vshResetLibvirtError();
        return true;
    }
    if (virNetworkPortDelete(port, 0) < 0) {
        vshError(ctl, "Failed to delete network port %s", uuid);
        return false;
    }
    vshPrintExtra(ctl, "Network port %s deleted\n", uuid);
    return true;
}


/* ---- net-event ---- */

static const vshCmdOptDef opts_net_event[] = {
    {.name = "network", .type = VSH_OT_STRING,
     .help = "filter by network name or uuid"},
    {.name = "event", .type = VSH_OT_STRING,
     .help = "which event type to wait for"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

static const char *const virtkitNetEventNames[] = { "lifecycle", NULL };

static void
virtkitNetEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virNetworkPtr net,
                         int event, int detail G_GNUC_UNUSED, void *opaque)
{
    static const char *const kinds[] = { "Defined", "Undefined", "Started", "Stopped" };

    virtkitEventPrint(opaque, "event 'lifecycle' for network %s: %s\n",
                      virNetworkGetName(net),
                      event >= 0 && event < (int)G_N_ELEMENTS(kinds) ? kinds[event] : "unknown");
}

static bool
cmdNetEvent(vshControl *ctl, const vshCmd *cmd)
{
    virtkitEventWait wait = { 0 };
    g_autoptr(virNetwork) net = NULL;
    virConnectPtr conn;
    int kind;
    int id;
    bool ok;

    if ((kind = virtkitEventOptions(ctl, cmd, virtkitNetEventNames, &wait)) == -2)
        return true;
    if (kind < 0)
        return false;
    if (virEventRegisterDefaultImpl() < 0 || !(conn = vshConnection(ctl)))
        return false;
    if (vshCommandOptStringQuiet(cmd, "network")) {
        /* virsh says so and waits for every network's events */
        net = virtkitCommandOptNetwork(ctl, cmd, NULL, NULL);
        vshResetLibvirtError();
    }
    if ((id = virConnectNetworkEventRegisterAny(conn, net, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                (virConnectNetworkEventGenericCallback)(void (*)(void))virtkitNetEventLifecycle,
                                                &wait, NULL)) < 0)
        return false;
    ok = virtkitEventRun(ctl, &wait);
    virConnectNetworkEventDeregisterAny(conn, id);
    return ok;
}

static const vshCmdDef cmds[] = {
    {.name = "net-autostart", .handler = cmdNetAutostart, .opts = opts_net_autostart,
     .help = "autostart a network",
     .desc = "Configure a network to be automatically started at boot."},
    {.name = "net-create", .handler = cmdNetCreate, .opts = opts_net_create,
     .help = "create a network from an XML file", .desc = "Create a network."},
    {.name = "net-define", .handler = cmdNetDefine, .opts = opts_net_create,
     .help = "define an inactive persistent virtual network or modify an existing persistent one from an XML file",
     .desc = "Define or modify a persistent virtual network."},
    {.name = "net-destroy", .handler = cmdNetDestroy, .opts = opts_network,
     .help = "destroy (stop) a network", .desc = "Forcefully stop a given network."},
    {.name = "net-dhcp-leases", .handler = cmdNetDHCPLeases, .opts = opts_net_dhcp_leases,
     .help = "print lease info for a given network",
     .desc = "Print lease info for a given network"},
    {.name = "net-dumpxml", .handler = cmdNetDumpXML, .opts = opts_net_dumpxml,
     .help = "network information in XML",
     .desc = "Output the network information as an XML dump to stdout."},
    {.name = "net-edit", .handler = cmdNetEdit, .opts = opts_network,
     .help = "edit XML configuration for a network",
     .desc = "Edit the XML configuration for a network."},
    {.name = "net-event", .handler = cmdNetEvent, .opts = opts_net_event,
     .help = "Network Events",
     .desc = "List event types, or wait for network events to occur"},
    {.name = "net-info", .handler = cmdNetInfo, .opts = opts_net_info,
     .help = "network information", .desc = "Returns basic information about the network"},
    {.name = "net-list", .handler = cmdNetList, .opts = opts_net_list,
     .help = "list networks", .desc = "Returns list of networks."},
    {.name = "net-name", .handler = cmdNetName, .opts = opts_net_name,
     .help = "convert a network UUID to network name", .desc = ""},
    {.name = "net-start", .handler = cmdNetStart, .opts = opts_network,
     .help = "start a (previously defined) inactive network", .desc = "Start a network."},
    {.name = "net-undefine", .handler = cmdNetUndefine, .opts = opts_network,
     .help = "undefine a persistent network",
     .desc = "Undefine the configuration for a persistent network."},
    {.name = "net-update", .handler = cmdNetUpdate, .opts = opts_net_update,
     .help = "update parts of an existing network's configuration", .desc = ""},
    {.name = "net-uuid", .handler = cmdNetUUID, .opts = opts_net_uuid,
     .help = "convert a network name to network UUID", .desc = ""},
    {.name = "net-port-list", .handler = cmdNetPortList, .opts = opts_net_port_list,
     .help = "list network ports", .desc = "Returns list of network ports."},
    {.name = "net-port-create", .handler = cmdNetPortCreate, .opts = opts_net_port_create,
     .help = "create a network port from an XML file", .desc = "Create a network port."},
    {.name = "net-port-dumpxml", .handler = cmdNetPortDumpXML, .opts = opts_net_port_dumpxml,
     .help = "network port information in XML",
     .desc = "Output the network port information as an XML dump to stdout."},
    {.name = "net-port-delete", .handler = cmdNetPortDelete, .opts = opts_net_port_delete,
     .help = "delete the specified network port",
     .desc = "Delete the specified network port."},
    {.name = NULL},
};

const vshCmdTable virtkitNetworkTable = { "network", cmds };
