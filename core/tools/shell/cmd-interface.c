/*
 * cmd-interface.c: the virsh 'interface' group: physical host interfaces
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "virtkit-cmds.h"

#define IFACE_BYNAME (1 << 0)
#define IFACE_BYMAC (1 << 1)

static bool
virtkitLooksLikeMAC(const char *s)
{
    for (int i = 0; i < 6; i++) {
        if (!g_ascii_isxdigit(s[0]) || !g_ascii_isxdigit(s[1]))
            return false;
        s += 2;
        if (i < 5 && *s++ != ':')
            return false;
    }
    return *s == '\0';
}

/* The interface option OPTNAME names, by name and/or MAC address (WHICH). */
static virInterfacePtr
virtkitIfaceLookup(vshControl *ctl, const vshCmd *cmd, const char *optname,
                   const char **name, unsigned int which)
{
    const char *n = NULL;
    virConnectPtr conn = vshConnection(ctl);
    virInterfacePtr iface = NULL;

    if (vshCommandOptStringReq(ctl, cmd, optname, &n) <= 0 || !conn)
        return NULL;
    if (name)
        *name = n;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <%s>: %s", cmd->def->name, optname, n);
    if (virtkitLooksLikeMAC(n)) {
        if (which & IFACE_BYMAC) {
            vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> trying as interface MAC",
                     cmd->def->name, optname);
            iface = virInterfaceLookupByMACString(conn, n);
        }
    } else if (which & IFACE_BYNAME) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> trying as interface NAME", cmd->def->name, optname);
        iface = virInterfaceLookupByName(conn, n);
    }
    if (!iface)
        vshError(ctl, "failed to get interface '%s'", n);
    return iface;
}

#define OPT_IFACE(helpstr) \
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = helpstr, .completer = VSH_COMPLETE_INTERFACE}

static const vshCmdOptDef opts_iface[] = {
    OPT_IFACE("interface name or MAC address"),
    {.name = NULL},
};

/* ---- iface-begin / iface-commit / iface-rollback ---- */

static bool
cmdIfaceBegin(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    if (virInterfaceChangeBegin(vshConnection(ctl), 0) < 0) {
        vshError(ctl, "%s", "Failed to begin network config change transaction");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Network config change transaction started\n");
    return true;
}

static bool
cmdIfaceCommit(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    if (virInterfaceChangeCommit(vshConnection(ctl), 0) < 0) {
        vshError(ctl, "%s", "Failed to commit network config change transaction");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Network config change transaction committed\n");
    return true;
}

static bool
cmdIfaceRollback(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    if (virInterfaceChangeRollback(vshConnection(ctl), 0) < 0) {
        vshError(ctl, "%s", "Failed to rollback network config change transaction");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Network config change transaction rolled back\n");
    return true;
}

/* ---- iface-define ---- */

static const vshCmdOptDef opts_iface_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML interface description", .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdIfaceDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virInterface) iface = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_INTERFACE_DEFINE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(iface = virInterfaceDefineXML(vshConnection(ctl), xml, flags))) {
        vshError(ctl, "Failed to define interface from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s defined from %s\n", virInterfaceGetName(iface), file);
    return true;
}

/* ---- iface-destroy / iface-start / iface-undefine ---- */

static bool
cmdIfaceDestroy(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", &name,
                                                       IFACE_BYNAME | IFACE_BYMAC);

    if (!iface)
        return false;
    if (virInterfaceDestroy(iface, 0) < 0) {
        vshError(ctl, "Failed to destroy interface %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s destroyed\n", name);
    /* virsh 9.0 reports success this way: with a failure status */
    return false;
}

static bool
cmdIfaceStart(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", &name,
                                                       IFACE_BYNAME | IFACE_BYMAC);

    if (!iface)
        return false;
    if (virInterfaceCreate(iface, 0) < 0) {
        vshError(ctl, "Failed to start interface %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s started\n", name);
    return true;
}

static bool
cmdIfaceUndefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", &name,
                                                       IFACE_BYNAME | IFACE_BYMAC);

    if (!iface)
        return false;
    if (virInterfaceUndefine(iface) < 0) {
        vshError(ctl, "Failed to undefine interface %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s undefined\n", name);
    return true;
}

/* ---- iface-dumpxml ---- */

static const vshCmdOptDef opts_iface_dumpxml[] = {
    OPT_IFACE("interface name or MAC address"),
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "show inactive defined XML"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT | VSH_OFLAG_EMPTY_OK,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdIfaceDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", NULL,
                                                       IFACE_BYNAME | IFACE_BYMAC);
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!iface)
        return false;
    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_INTERFACE_XML_INACTIVE;
    if (!(xml = virInterfaceGetXMLDesc(iface, flags)))
        return false;
    if (!virtkitPrintXMLOpts(ctl, cmd, xml))
        return false;
    return true;
}

/* ---- iface-edit ---- */

static bool
cmdIfaceEdit(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", NULL,
                                                       IFACE_BYNAME | IFACE_BYMAC);
    g_autoptr(virInterface) defined = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *edited = NULL;
    bool changed = false;

    if (!iface)
        return false;
    if (!(xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE)))
        return false;
    if (!(edited = virtkitEditXML(ctl, xml, &changed)))
        return false;
    if (!changed) {
        vshPrintExtra(ctl, "Interface %s XML configuration not changed.\n",
                      virInterfaceGetName(iface));
        return true;
    }
    if (!(defined = virInterfaceDefineXML(vshConnection(ctl), edited, 0)))
        return false;
    vshPrintExtra(ctl, "Interface %s XML configuration edited.\n",
                  virInterfaceGetName(defined));
    return true;
}

/* ---- iface-list ---- */

static const vshCmdOptDef opts_iface_list[] = {
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive interfaces"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active interfaces"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static int
virtkitIfaceCmp(const void *a, const void *b)
{
    return g_strcmp0(virInterfaceGetName(*(virInterfacePtr const *)a),
                     virInterfaceGetName(*(virInterfacePtr const *)b));
}

static bool
cmdIfaceList(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    virInterfacePtr *ifaces = NULL;
    int n;

    if (!vshCommandOptExclusive(ctl, cmd, "all", "inactive"))
        return false;
    if (vshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE | VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    if ((n = virConnectListAllInterfaces(vshConnection(ctl), &ifaces, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list interfaces");
        return false;
    }
    qsort(ifaces, n, sizeof(*ifaces), virtkitIfaceCmp);
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            const char *mac = virInterfaceGetMACString(ifaces[i]);

            json_builder_begin_object(b);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, virInterfaceGetName(ifaces[i]));
            json_builder_set_member_name(b, "state");
            json_builder_add_string_value(b, virInterfaceIsActive(ifaces[i]) > 0 ? "active" : "inactive");
            json_builder_set_member_name(b, "mac_address");
            if (mac)
                json_builder_add_string_value(b, mac);
            else
                json_builder_add_null_value(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        g_autoptr(vshTable) table = vshTableNew("Name", "State", "MAC Address", NULL);

        for (int i = 0; i < n; i++) {
            const char *mac = virInterfaceGetMACString(ifaces[i]);

            vshTableRowAppend(table, virInterfaceGetName(ifaces[i]),
                              virInterfaceIsActive(ifaces[i]) > 0 ? "active" : "inactive",
                              mac ? mac : "", NULL);
        }
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virInterfaceFree(ifaces[i]);
    free(ifaces);
    return true;
}

/* ---- iface-mac / iface-name ---- */

static const vshCmdOptDef opts_iface_mac[] = {
    OPT_IFACE("interface name"),
    {.name = NULL},
};

static bool
cmdIfaceMAC(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", NULL, IFACE_BYNAME);

    if (!iface)
        return false;
    vshPrint(ctl, "%s\n", virInterfaceGetMACString(iface));
    return true;
}

static const vshCmdOptDef opts_iface_name[] = {
    OPT_IFACE("interface mac"),
    {.name = NULL},
};

static bool
cmdIfaceName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virInterface) iface = virtkitIfaceLookup(ctl, cmd, "interface", NULL, IFACE_BYMAC);

    if (!iface)
        return false;
    vshPrint(ctl, "%s\n", virInterfaceGetName(iface));
    return true;
}

/* ---- iface-bridge / iface-unbridge ---- */

static const vshCmdOptDef opts_iface_bridge[] = {
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "existing interface name", .completer = VSH_COMPLETE_INTERFACE},
    {.name = "bridge", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "new bridge device name"},
    {.name = "no-stp", .type = VSH_OT_BOOL, .help = "do not enable STP for this bridge"},
    {.name = "delay", .type = VSH_OT_INT,
     .help = "number of seconds to squelch traffic on newly connected ports"},
    {.name = "no-start", .type = VSH_OT_BOOL, .help = "don't start the bridge immediately"},
    {.name = NULL},
};

static xmlNodePtr
virtkitFirstElement(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name))
            return n;
    return NULL;
}

static char *
virtkitDocToString(xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    int size = 0;
    char *ret;

    xmlDocDumpFormatMemory(doc, &mem, &size, 1);
    ret = g_strndup((const char *)mem, size);
    xmlFree(mem);
    return ret;
}

static bool
cmdIfaceBridge(vshControl *ctl, const vshCmd *cmd)
{
    const char *ifname = NULL;
    const char *brname = NULL;
    bool stp = !vshCommandOptBool(cmd, "no-stp");
    bool nostart = vshCommandOptBool(cmd, "no-start");
    unsigned int delay = 0;
    g_autoptr(virInterface) iface = NULL;
    g_autoptr(virInterface) brIface = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *newxml = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root, bridge, ifcopy;
    xmlChar *type = NULL;
    bool ret = false;

    if (!(iface = virtkitIfaceLookup(ctl, cmd, "interface", &ifname,
                                     IFACE_BYNAME | IFACE_BYMAC)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "bridge", &brname) < 0)
        return false;
    if ((brIface = virInterfaceLookupByName(vshConnection(ctl), brname))) {
        vshError(ctl, "Network device %s already exists", brname);
        return false;
    }
    /* virsh reads --delay only now, the failed lookup's reason pending */
    if (vshCommandOptUInt(ctl, cmd, "delay", &delay) < 0)
        return false;
    vshResetLibvirtError();
    if (!(xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE)))
        return false;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "interface.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        vshError(ctl, "Failed to parse configuration of %s", ifname);
        return false;
    }
    root = xmlDocGetRootElement(doc);
    type = xmlGetProp(root, BAD_CAST "type");
    if (!type || !(xmlStrEqual(type, BAD_CAST "ethernet") ||
                   xmlStrEqual(type, BAD_CAST "vlan") ||
                   xmlStrEqual(type, BAD_CAST "bond"))) {
        vshError(ctl, "interface %s is of type %s, but must be ethernet, vlan or bond",
                 ifname, type ? (const char *)type : "(none)");
        goto cleanup;
    }
    /* the bridge takes the device's addressing and start mode; the device
     * keeps its name and MAC and goes inside the bridge */
    ifcopy = xmlCopyNode(root, 1);
    xmlSetProp(root, BAD_CAST "type", BAD_CAST "bridge");
    xmlSetProp(root, BAD_CAST "name", BAD_CAST brname);
    for (xmlNodePtr n = root->children, next; n; n = next) {
        next = n->next;
        if (n->type == XML_ELEMENT_NODE &&
            (xmlStrEqual(n->name, BAD_CAST "mac") || xmlStrEqual(n->name, BAD_CAST "bond") ||
             xmlStrEqual(n->name, BAD_CAST "vlan"))) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
    }
    for (xmlNodePtr n = ifcopy->children, next; n; n = next) {
        next = n->next;
        if (n->type == XML_ELEMENT_NODE &&
            (xmlStrEqual(n->name, BAD_CAST "start") || xmlStrEqual(n->name, BAD_CAST "protocol") ||
             xmlStrEqual(n->name, BAD_CAST "mtu"))) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
    }
    bridge = xmlNewChild(root, NULL, BAD_CAST "bridge", NULL);
    xmlSetProp(bridge, BAD_CAST "stp", BAD_CAST (stp ? "on" : "off"));
    if (delay || stp) {
        g_autofree char *d = g_strdup_printf("%u", delay);

        xmlSetProp(bridge, BAD_CAST "delay", BAD_CAST d);
    }
    xmlAddChild(bridge, ifcopy);
    if (!virtkitFirstElement(root, "start"))
        xmlSetProp(xmlNewChild(root, NULL, BAD_CAST "start", NULL), BAD_CAST "mode",
                   BAD_CAST "onboot");
    newxml = virtkitDocToString(doc);

    if (virInterfaceIsActive(iface) > 0 && virInterfaceDestroy(iface, 0) < 0) {
        vshError(ctl, "Failed to stop interface %s", ifname);
        goto cleanup;
    }
    if (!(brIface = virInterfaceDefineXML(vshConnection(ctl), newxml, 0))) {
        vshError(ctl, "Failed to define new bridge interface %s", brname);
        goto cleanup;
    }
    vshPrintExtra(ctl, "Created bridge %s with attached device %s\n", brname, ifname);
    if (!nostart) {
        if (virInterfaceCreate(brIface, 0) < 0) {
            vshError(ctl, "Failed to start bridge interface %s", brname);
            goto cleanup;
        }
        vshPrintExtra(ctl, "Bridge interface %s started\n", brname);
    }
    ret = true;

 cleanup:
    if (!ret)
        vshReportError(ctl);
    xmlFree(type);
    xmlFreeDoc(doc);
    return ret;
}

static const vshCmdOptDef opts_iface_unbridge[] = {
    {.name = "bridge", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "current bridge device name", .completer = VSH_COMPLETE_INTERFACE},
    {.name = "no-start", .type = VSH_OT_BOOL,
     .help = "don't start the detached interface immediately (not recommended)"},
    {.name = NULL},
};

static bool
cmdIfaceUnbridge(vshControl *ctl, const vshCmd *cmd)
{
    const char *brname = NULL;
    bool nostart = vshCommandOptBool(cmd, "no-start");
    g_autoptr(virInterface) brIface = NULL;
    g_autoptr(virInterface) iface = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *newxml = NULL;
    xmlDocPtr doc = NULL;
    xmlDocPtr out = NULL;
    xmlNodePtr root, bridge, child = NULL;
    xmlChar *type = NULL;
    xmlChar *ifname = NULL;
    int nchildren = 0;
    bool ret = false;

    if (!(brIface = virtkitIfaceLookup(ctl, cmd, "bridge", &brname, IFACE_BYNAME)))
        return false;
    if (!(xml = virInterfaceGetXMLDesc(brIface, VIR_INTERFACE_XML_INACTIVE)))
        return false;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "interface.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        vshError(ctl, "Failed to parse configuration of %s", brname);
        return false;
    }
    root = xmlDocGetRootElement(doc);
    type = xmlGetProp(root, BAD_CAST "type");
    if (!type || !xmlStrEqual(type, BAD_CAST "bridge")) {
        vshError(ctl, "interface %s is not a bridge", brname);
        goto cleanup;
    }
    bridge = virtkitFirstElement(root, "bridge");
    for (xmlNodePtr n = bridge ? bridge->children : NULL; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "interface")) {
            if (!child)
                child = n;
            nchildren++;
        }
    }
    if (nchildren == 0) {
        vshError(ctl, "No interface attached to bridge %s", brname);
        goto cleanup;
    }
    if (nchildren > 1) {
        vshError(ctl, "Multiple interfaces attached to bridge %s", brname);
        goto cleanup;
    }
    ifname = xmlGetProp(child, BAD_CAST "name");
    /* the device gets back the bridge's addressing and start mode */
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            (xmlStrEqual(n->name, BAD_CAST "start") || xmlStrEqual(n->name, BAD_CAST "protocol") ||
             xmlStrEqual(n->name, BAD_CAST "mtu")))
            xmlAddChild(child, xmlCopyNode(n, 1));
    }
    out = xmlNewDoc(BAD_CAST "1.0");
    xmlUnlinkNode(child);
    xmlDocSetRootElement(out, child);
    newxml = virtkitDocToString(out);

    if (virInterfaceIsActive(brIface) > 0 && virInterfaceDestroy(brIface, 0) < 0) {
        vshError(ctl, "Failed to stop bridge %s", brname);
        goto cleanup;
    }
    if (virInterfaceUndefine(brIface) < 0) {
        vshError(ctl, "Failed to undefine bridge %s", brname);
        goto cleanup;
    }
    if (!(iface = virInterfaceDefineXML(vshConnection(ctl), newxml, 0))) {
        vshError(ctl, "Failed to define new interface %s", (const char *)ifname);
        goto cleanup;
    }
    vshPrintExtra(ctl, "Device %s un-attached from bridge %s\n", (const char *)ifname, brname);
    if (!nostart) {
        if (virInterfaceCreate(iface, 0) < 0) {
            vshError(ctl, "Failed to start interface %s", (const char *)ifname);
            goto cleanup;
        }
        vshPrintExtra(ctl, "Interface %s started\n", (const char *)ifname);
    }
    ret = true;

 cleanup:
    if (!ret)
        vshReportError(ctl);
    xmlFree(type);
    xmlFree(ifname);
    xmlFreeDoc(out);
    xmlFreeDoc(doc);
    return ret;
}

static const vshCmdDef cmds[] = {
    {.name = "iface-begin", .handler = cmdIfaceBegin,
     .help = "create a snapshot of current interfaces settings, which can be later committed (iface-commit) or restored (iface-rollback)",
     .desc = "Create a restore point for interfaces settings"},
    {.name = "iface-bridge", .handler = cmdIfaceBridge, .opts = opts_iface_bridge,
     .help = "create a bridge device and attach an existing network device to it",
     .desc = "bridge an existing network device"},
    {.name = "iface-commit", .handler = cmdIfaceCommit,
     .help = "commit changes made since iface-begin and free restore point",
     .desc = "commit changes and free restore point"},
    {.name = "iface-define", .handler = cmdIfaceDefine, .opts = opts_iface_define,
     .help = "define an inactive persistent physical host interface or modify an existing persistent one from an XML file",
     .desc = "Define or modify a persistent physical host interface."},
    {.name = "iface-destroy", .handler = cmdIfaceDestroy, .opts = opts_iface,
     .help = "destroy a physical host interface (disable it / \"if-down\")",
     .desc = "forcefully stop a physical host interface."},
    {.name = "iface-dumpxml", .handler = cmdIfaceDumpXML, .opts = opts_iface_dumpxml,
     .help = "interface information in XML",
     .desc = "Output the physical host interface information as an XML dump to stdout."},
    {.name = "iface-edit", .handler = cmdIfaceEdit, .opts = opts_iface,
     .help = "edit XML configuration for a physical host interface",
     .desc = "Edit the XML configuration for a physical host interface."},
    {.name = "iface-list", .handler = cmdIfaceList, .opts = opts_iface_list,
     .help = "list physical host interfaces",
     .desc = "Returns list of physical host interfaces."},
    {.name = "iface-mac", .handler = cmdIfaceMAC, .opts = opts_iface_mac,
     .help = "convert an interface name to interface MAC address", .desc = ""},
    {.name = "iface-name", .handler = cmdIfaceName, .opts = opts_iface_name,
     .help = "convert an interface MAC address to interface name", .desc = ""},
    {.name = "iface-rollback", .handler = cmdIfaceRollback,
     .help = "rollback to previous saved configuration created via iface-begin",
     .desc = "rollback to previous restore point"},
    {.name = "iface-start", .handler = cmdIfaceStart, .opts = opts_iface,
     .help = "start a physical host interface (enable it / \"if-up\")",
     .desc = "start a physical host interface."},
    {.name = "iface-unbridge", .handler = cmdIfaceUnbridge, .opts = opts_iface_unbridge,
     .help = "undefine a bridge device after detaching its device(s)",
     .desc = "unbridge a network device"},
    {.name = "iface-undefine", .handler = cmdIfaceUndefine, .opts = opts_iface,
     .help = "undefine a physical host interface (remove it from configuration)",
     .desc = "undefine an interface."},
    {.name = NULL},
};

const vshCmdTable virtkitInterfaceTable = { "interface", cmds };
