/*
 * test_hostdev.c: the test driver's host interfaces, node devices and secrets.
 *
 * libvirt's test driver keeps host interfaces (with a one-level
 * transaction: begin, commit, rollback) and node devices (where only the
 * creation and removal of a vHBA is mocked); it has no secret driver, so
 * every secret call ends in the entry point's "not supported" error and
 * nothing here registers a secret table.  Each object is kept parsed, in a
 * compact model of just the interface and node device XML the test driver
 * round-trips; documents are always written back from the model, so what
 * a caller reads is libvirt's canonical form (element order, indentation,
 * dropped unknown elements).  A node device whose capabilities are not
 * modelled here keeps its document as read.  The state is built from the
 * node file's objects on first use, under driver->lock like everything
 * else.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "test_event.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define testIfaceXMLError(...) \
    virReportErrorHelper(VIR_FROM_INTERFACE, VIR_ERR_XML_ERROR, __FILE__, \
                         __func__, __LINE__, __VA_ARGS__)
#define testXMLPropError(...) \
    virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, \
                         __func__, __LINE__, __VA_ARGS__)
#define testNodeDevError(code, ...) \
    virReportErrorHelper(VIR_FROM_NODEDEV, code, __FILE__, \
                         __func__, __LINE__, __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Small XML helpers                                                  */

static bool
testIsElement(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           (!name || strcmp((const char *)node->name, name) == 0);
}

static char *
testProp(xmlNodePtr node, const char *name)
{
    xmlChar *v;
    char *ret;

    if (!node || !(v = xmlGetProp(node, BAD_CAST name)))
        return NULL;
    ret = g_strdup((const char *)v);
    xmlFree(v);
    return ret;
}

/* The text of NODE (NULL for no node), as libvirt's string(...) XPath. */
static char *
testText(xmlNodePtr node)
{
    xmlChar *v;
    char *ret;

    if (!node || !(v = xmlNodeGetContent(node)))
        return NULL;
    ret = g_strdup((const char *)v);
    xmlFree(v);
    return ret;
}

static char *
testChildText(xmlNodePtr parent, const char *name)
{
    return testText(virXMLChild(parent, name));
}

/* Parse a whole integer of TEXT into *VALUE within [MIN, MAX]. */
static bool
testParseLL(const char *text, long long min, long long max, long long *value)
{
    char *end = NULL;
    long long v;

    if (!text || !*text)
        return false;
    errno = 0;
    v = strtoll(text, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *value = v;
    return true;
}

/* Parse XML whose root must be ROOT; NULL with an error in DOMAIN. */
static xmlDocPtr
testXMLRead(const char *xml, const char *root, const char *label, int domain)
{
    return virXMLParse(NULL, xml, label, root, domain);
}

/* Append S escaped for XML text or attribute values, as libvirt does. */
static void
testEscape(GString *buf, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '&': g_string_append(buf, "&amp;"); break;
        case '\'': g_string_append(buf, "&apos;"); break;
        case '"': g_string_append(buf, "&quot;"); break;
        default: g_string_append_c(buf, *s); break;
        }
    }
}

static void
testIndent(GString *buf, int indent)
{
    g_string_append_printf(buf, "%*s", indent, "");
}

/* "<ind><NAME>TEXT</NAME>\n" when TEXT is set. */
static void
testTextElem(GString *buf, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    testIndent(buf, indent);
    g_string_append_printf(buf, "<%s>", name);
    testEscape(buf, text);
    g_string_append_printf(buf, "</%s>\n", name);
}

/* ------------------------------------------------------------------ */
/* Interface XML                                                      */

enum {
    TEST_IFACE_ETHERNET,
    TEST_IFACE_BRIDGE,
    TEST_IFACE_BOND,
    TEST_IFACE_VLAN,
    TEST_IFACE_LAST,
};
static const char *const testIfaceTypes[] = { "ethernet", "bridge", "bond", "vlan" };
static const char *const testIfaceStartModes[] = { "", "none", "onboot", "hotplug" };
static const char *const testLinkStates[] = {
    "", "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up",
};
static const char *const testBondModes[] = {
    "", "balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad",
    "balance-tlb", "balance-alb",
};
static const char *const testBondCarriers[] = { "", "ioctl", "netif" };
static const char *const testBondValidates[] = { "none", "active", "backup", "all" };

typedef struct {
    char *address;
    int prefix;
} testIfaceIP;

typedef struct {
    bool ipv6;
    bool dhcp;
    int peerdns;            /* -1 unset, 0 no, 1 yes */
    bool autoconf;
    GPtrArray *ips;         /* testIfaceIP * */
    char *gateway;
} testIfaceProto;

typedef struct _testIfaceDef testIfaceDef;
struct _testIfaceDef {
    int type;
    char *name;
    int startmode;          /* index in testIfaceStartModes, 0 unset */
    unsigned long mtu;
    char *mac;
    unsigned int linkSpeed;
    int linkState;          /* index in testLinkStates, 0 unset */
    GPtrArray *protos;      /* testIfaceProto * */
    int stp;                /* bridge: -1 unset */
    char *delay;
    int bondMode;           /* index in testBondModes, 0 unset */
    int monitor;            /* bond: 0 none, 1 miimon, 2 arpmon */
    int freq;
    int downdelay;
    int updelay;
    int carrier;            /* index in testBondCarriers */
    int interval;
    char *target;
    int validate;           /* index in testBondValidates */
    char *tag;              /* vlan */
    char *devname;
    GPtrArray *members;     /* bridge and bond: testIfaceDef * */
};

static void
testIfaceIPFree(testIfaceIP *ip)
{
    g_free(ip->address);
    g_free(ip);
}

static void
testIfaceProtoFree(testIfaceProto *p)
{
    g_ptr_array_free(p->ips, TRUE);
    g_free(p->gateway);
    g_free(p);
}

static void
testIfaceDefFree(testIfaceDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->mac);
    g_ptr_array_free(def->protos, TRUE);
    g_free(def->delay);
    g_free(def->target);
    g_free(def->tag);
    g_free(def->devname);
    g_ptr_array_free(def->members, TRUE);
    g_free(def);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(testIfaceDef, testIfaceDefFree)

/* The index of VALUE in NAMES[0..N), or -1. */
static int
testLookupName(const char *const *names, size_t n, const char *value)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(names[i], value) == 0)
            return i;
    }
    return -1;
}

static int
testIfaceParseProto(testIfaceDef *def, xmlNodePtr node)
{
    g_autofree char *family = testProp(node, "family");
    testIfaceProto *p;
    xmlNodePtr cur;
    xmlNodePtr dhcp;

    if (!family) {
        testIfaceXMLError("%s", _("protocol misses the family attribute"));
        return -1;
    }
    if (strcmp(family, "ipv4") != 0 && strcmp(family, "ipv6") != 0) {
        testIfaceXMLError(_("unsupported protocol family '%s'"), family);
        return -1;
    }
    p = g_new0(testIfaceProto, 1);
    p->ipv6 = family[3] == '6';
    p->peerdns = -1;
    p->ips = g_ptr_array_new_with_free_func((GDestroyNotify)testIfaceIPFree);
    g_ptr_array_add(def->protos, p);

    p->autoconf = p->ipv6 && virXMLChild(node, "autoconf");
    if ((dhcp = virXMLChild(node, "dhcp"))) {
        g_autofree char *peerdns = testProp(dhcp, "peerdns");

        p->dhcp = true;
        if (peerdns) {
            if (strcmp(peerdns, "yes") == 0) {
                p->peerdns = 1;
            } else if (strcmp(peerdns, "no") == 0) {
                p->peerdns = 0;
            } else {
                testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'."),
                                 "peerdns", "dhcp", peerdns);
                return -1;
            }
        }
    }
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *prefix = NULL;
        testIfaceIP *ip;
        long long v = 0;

        if (!testIsElement(cur, "ip"))
            continue;
        prefix = testProp(cur, "prefix");
        if (prefix && !testParseLL(prefix, G_MININT, G_MAXINT, &v)) {
            testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'. Expected integer value"),
                             "prefix", "ip", prefix);
            return -1;
        }
        ip = g_new0(testIfaceIP, 1);
        ip->address = testProp(cur, "address");
        ip->prefix = v;
        g_ptr_array_add(p->ips, ip);
    }
    p->gateway = testProp(virXMLChild(node, "route"), "gateway");
    return 0;
}

static int
testIfaceParseLink(testIfaceDef *def, xmlNodePtr node)
{
    g_autofree char *speed = testProp(node, "speed");
    g_autofree char *state = testProp(node, "state");
    long long v;

    if (speed) {
        if (!testParseLL(speed, 0, G_MAXUINT, &v)) {
            testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative integer value"),
                             "speed", "link", speed);
            return -1;
        }
        def->linkSpeed = v;
    }
    if (state) {
        int i = testLookupName(testLinkStates, G_N_ELEMENTS(testLinkStates), state);

        if (i < 0) {
            testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'."),
                             "state", "link", state);
            return -1;
        }
        def->linkState = i;
    }
    return 0;
}

static testIfaceDef *testIfaceParseNode(xmlNodePtr node, int parentType);

static int
testIfaceParseMembers(testIfaceDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        testIfaceDef *member;

        if (!testIsElement(cur, "interface"))
            continue;
        if (!(member = testIfaceParseNode(cur, def->type)))
            return -1;
        g_ptr_array_add(def->members, member);
    }
    return 0;
}

static int
testIfaceParseBridge(testIfaceDef *def, xmlNodePtr node)
{
    g_autofree char *stp = testProp(node, "stp");

    if (stp) {
        if (strcmp(stp, "on") == 0) {
            def->stp = 1;
        } else if (strcmp(stp, "off") == 0) {
            def->stp = 0;
        } else {
            /* libvirt gives up on the rest of the element (its delay and
             * members) without failing; so does this. */
            return 0;
        }
    }
    def->delay = testProp(node, "delay");
    return testIfaceParseMembers(def, node);
}

static int
testIfaceParseBond(testIfaceDef *def, xmlNodePtr node)
{
    g_autofree char *mode = testProp(node, "mode");
    xmlNodePtr mon;

    if (mode) {
        int i = testLookupName(testBondModes, G_N_ELEMENTS(testBondModes), mode);

        if (i <= 0) {
            testIfaceXMLError(_("unknown bonding mode %s"), mode);
            return -1;
        }
        def->bondMode = i;
    }
    if ((mon = virXMLChild(node, "miimon"))) {
        g_autofree char *freq = testProp(mon, "freq");
        g_autofree char *down = testProp(mon, "downdelay");
        g_autofree char *up = testProp(mon, "updelay");
        g_autofree char *carrier = testProp(mon, "carrier");
        long long v;

        def->monitor = 1;
        if (!testParseLL(freq, G_MININT, G_MAXINT, &v)) {
            testIfaceXMLError("%s", _("bond interface miimon freq missing or invalid"));
            return -1;
        }
        def->freq = v;
        if (down) {
            if (!testParseLL(down, G_MININT, G_MAXINT, &v)) {
                testIfaceXMLError("%s", _("bond interface miimon downdelay invalid"));
                return -1;
            }
            def->downdelay = v;
        }
        if (up) {
            if (!testParseLL(up, G_MININT, G_MAXINT, &v)) {
                testIfaceXMLError("%s", _("bond interface miimon updelay invalid"));
                return -1;
            }
            def->updelay = v;
        }
        if (carrier) {
            int i = testLookupName(testBondCarriers, G_N_ELEMENTS(testBondCarriers), carrier);

            if (i <= 0) {
                testIfaceXMLError(_("unknown mii bonding carrier %s"), carrier);
                return -1;
            }
            def->carrier = i;
        }
    } else if ((mon = virXMLChild(node, "arpmon"))) {
        g_autofree char *interval = testProp(mon, "interval");
        g_autofree char *validate = testProp(mon, "validate");
        long long v;

        def->monitor = 2;
        if (!testParseLL(interval, G_MININT, G_MAXINT, &v)) {
            testIfaceXMLError("%s", _("bond interface arpmon interval missing or invalid"));
            return -1;
        }
        def->interval = v;
        def->target = testProp(mon, "target");
        if (!def->target || !*def->target) {
            testIfaceXMLError("%s", _("bond interface arpmon target missing"));
            return -1;
        }
        if (validate) {
            int i = testLookupName(testBondValidates, G_N_ELEMENTS(testBondValidates), validate);

            if (i < 0) {
                testIfaceXMLError(_("unknown arp bonding validate %s"), validate);
                return -1;
            }
            def->validate = i;
        }
    }
    return testIfaceParseMembers(def, node);
}

static int
testIfaceParseVlan(testIfaceDef *def, xmlNodePtr node)
{
    if (!(def->tag = testProp(node, "tag"))) {
        testIfaceXMLError("%s", _("vlan interface misses the tag attribute"));
        return -1;
    }
    if (!(def->devname = testProp(virXMLChild(node, "interface"), "name"))) {
        testIfaceXMLError("%s", _("vlan interface misses name attribute"));
        return -1;
    }
    return 0;
}

/* One <interface> element; PARENTTYPE is the type of the bridge or bond
 * it is a member of, or TEST_IFACE_LAST at the top. */
static testIfaceDef *
testIfaceParseNode(xmlNodePtr node, int parentType)
{
    g_autoptr(testIfaceDef) def = g_new0(testIfaceDef, 1);
    g_autofree char *type = testProp(node, "type");
    xmlNodePtr cur;
    static const char *const elems[] = { NULL, "bridge", "bond", "vlan" };

    def->stp = -1;
    def->protos = g_ptr_array_new_with_free_func((GDestroyNotify)testIfaceProtoFree);
    def->members = g_ptr_array_new_with_free_func((GDestroyNotify)testIfaceDefFree);
    if (!type) {
        testXMLPropError(_("Missing required attribute '%s' in element '%s'"),
                         "type", "interface");
        return NULL;
    }
    if ((def->type = testLookupName(testIfaceTypes, TEST_IFACE_LAST, type)) < 0) {
        testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'."),
                         "type", "interface", type);
        return NULL;
    }
    if ((parentType == TEST_IFACE_BRIDGE && def->type == TEST_IFACE_BRIDGE) ||
        (parentType == TEST_IFACE_BOND && def->type != TEST_IFACE_ETHERNET)) {
        testIfaceXMLError(_("interface has unsupported type '%s'"), type);
        return NULL;
    }
    if (!(def->name = testProp(node, "name"))) {
        testIfaceXMLError("%s", _("interface has no name"));
        return NULL;
    }
    if (def->type == TEST_IFACE_ETHERNET)
        def->mac = testProp(virXMLChild(node, "mac"), "address");

    if (parentType == TEST_IFACE_LAST) {
        g_autofree char *mode = testProp(virXMLChild(node, "start"), "mode");
        g_autofree char *mtu = testProp(virXMLChild(node, "mtu"), "size");

        if (mode && *mode) {
            int i = testLookupName(testIfaceStartModes, G_N_ELEMENTS(testIfaceStartModes), mode);

            if (i <= 0) {
                testIfaceXMLError(_("unknown interface startmode %s"), mode);
                return NULL;
            }
            def->startmode = i;
        }
        if (mtu) {
            long long v;

            if (!testParseLL(mtu, 0, G_MAXLONG, &v)) {
                /* libvirt fails here without saying why */
                virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__,
                                     __func__, __LINE__, "%s",
                                     _("An error occurred, but the cause is unknown"));
                return NULL;
            }
            if (v > 100000) {
                testIfaceXMLError("%s", _("value of the 'size' attribute of 'mtu' element must be at most 100000"));
                return NULL;
            }
            def->mtu = v;
        }
        for (cur = node->children; cur; cur = cur->next) {
            if (testIsElement(cur, "protocol") && testIfaceParseProto(def, cur) < 0)
                return NULL;
        }
    }
    if (def->type != TEST_IFACE_BRIDGE) {
        xmlNodePtr link = virXMLChild(node, "link");

        if (link && testIfaceParseLink(def, link) < 0)
            return NULL;
    }
    if (def->type != TEST_IFACE_ETHERNET) {
        xmlNodePtr sub = virXMLChild(node, elems[def->type]);
        int rc;

        if (!sub) {
            testIfaceXMLError(_("%s interface misses the %s element"),
                              type, elems[def->type]);
            return NULL;
        }
        if (def->type == TEST_IFACE_BRIDGE)
            rc = testIfaceParseBridge(def, sub);
        else if (def->type == TEST_IFACE_BOND)
            rc = testIfaceParseBond(def, sub);
        else
            rc = testIfaceParseVlan(def, sub);
        if (rc < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}

static testIfaceDef *
testIfaceDefParse(const char *xml)
{
    xmlDocPtr doc;
    testIfaceDef *def;

    if (!(doc = testXMLRead(xml, "interface", "(interface_definition)",
                            VIR_FROM_INTERFACE)))
        return NULL;
    def = testIfaceParseNode(xmlDocGetRootElement(doc), TEST_IFACE_LAST);
    xmlFreeDoc(doc);
    return def;
}

static void
testIfaceFormatProto(GString *buf, const testIfaceProto *p, int ind)
{
    size_t i;

    testIndent(buf, ind);
    g_string_append_printf(buf, "<protocol family='%s'>\n", p->ipv6 ? "ipv6" : "ipv4");
    if (p->autoconf) {
        testIndent(buf, ind + 2);
        g_string_append(buf, "<autoconf/>\n");
    }
    if (p->dhcp) {
        testIndent(buf, ind + 2);
        g_string_append(buf, "<dhcp");
        if (p->peerdns >= 0)
            g_string_append_printf(buf, " peerdns='%s'", p->peerdns ? "yes" : "no");
        g_string_append(buf, "/>\n");
    }
    for (i = 0; i < p->ips->len; i++) {
        const testIfaceIP *ip = g_ptr_array_index(p->ips, i);

        if (!ip->address)
            continue;
        testIndent(buf, ind + 2);
        /* libvirt writes addresses unescaped (see the MAC below) */
        g_string_append_printf(buf, "<ip address='%s'", ip->address);
        if (ip->prefix != 0)
            g_string_append_printf(buf, " prefix='%d'", ip->prefix);
        g_string_append(buf, "/>\n");
    }
    if (p->gateway) {
        testIndent(buf, ind + 2);
        g_string_append_printf(buf, "<route gateway='%s'/>\n", p->gateway);
    }
    testIndent(buf, ind);
    g_string_append(buf, "</protocol>\n");
}

static void
testIfaceFormat(GString *buf, const testIfaceDef *def, int ind)
{
    size_t i;

    testIndent(buf, ind);
    g_string_append_printf(buf, "<interface type='%s' name='", testIfaceTypes[def->type]);
    testEscape(buf, def->name);
    g_string_append(buf, "'>\n");
    ind += 2;
    if (def->startmode) {
        testIndent(buf, ind);
        g_string_append_printf(buf, "<start mode='%s'/>\n", testIfaceStartModes[def->startmode]);
    }
    if (def->mtu) {
        testIndent(buf, ind);
        g_string_append_printf(buf, "<mtu size='%lu'/>\n", def->mtu);
    }
    for (i = 0; i < def->protos->len; i++)
        testIfaceFormatProto(buf, g_ptr_array_index(def->protos, i), ind);
    if (def->type != TEST_IFACE_BRIDGE && (def->linkSpeed || def->linkState)) {
        testIndent(buf, ind);
        g_string_append(buf, "<link");
        if (def->linkSpeed)
            g_string_append_printf(buf, " speed='%u'", def->linkSpeed);
        if (def->linkState)
            g_string_append_printf(buf, " state='%s'", testLinkStates[def->linkState]);
        g_string_append(buf, "/>\n");
    }
    switch (def->type) {
    case TEST_IFACE_ETHERNET:
        /* libvirt writes the address as it came, unescaped */
        if (def->mac) {
            testIndent(buf, ind);
            g_string_append_printf(buf, "<mac address='%s'/>\n", def->mac);
        }
        break;
    case TEST_IFACE_BRIDGE:
        testIndent(buf, ind);
        g_string_append(buf, "<bridge");
        if (def->stp >= 0)
            g_string_append_printf(buf, " stp='%s'", def->stp ? "on" : "off");
        if (def->delay) {
            g_string_append(buf, " delay='");
            testEscape(buf, def->delay);
            g_string_append(buf, "'");
        }
        g_string_append(buf, ">\n");
        for (i = 0; i < def->members->len; i++)
            testIfaceFormat(buf, g_ptr_array_index(def->members, i), ind + 2);
        testIndent(buf, ind);
        g_string_append(buf, "</bridge>\n");
        break;
    case TEST_IFACE_BOND:
        testIndent(buf, ind);
        g_string_append(buf, "<bond");
        if (def->bondMode)
            g_string_append_printf(buf, " mode='%s'", testBondModes[def->bondMode]);
        g_string_append(buf, ">\n");
        if (def->monitor == 1) {
            testIndent(buf, ind + 2);
            g_string_append_printf(buf, "<miimon freq='%d'", def->freq);
            if (def->downdelay > 0)
                g_string_append_printf(buf, " downdelay='%d'", def->downdelay);
            if (def->updelay > 0)
                g_string_append_printf(buf, " updelay='%d'", def->updelay);
            if (def->carrier)
                g_string_append_printf(buf, " carrier='%s'", testBondCarriers[def->carrier]);
            g_string_append(buf, "/>\n");
        } else if (def->monitor == 2) {
            testIndent(buf, ind + 2);
            g_string_append_printf(buf, "<arpmon interval='%d' target='", def->interval);
            testEscape(buf, def->target);
            g_string_append(buf, "'");
            if (def->validate)
                g_string_append_printf(buf, " validate='%s'", testBondValidates[def->validate]);
            g_string_append(buf, "/>\n");
        }
        for (i = 0; i < def->members->len; i++)
            testIfaceFormat(buf, g_ptr_array_index(def->members, i), ind + 2);
        testIndent(buf, ind);
        g_string_append(buf, "</bond>\n");
        break;
    case TEST_IFACE_VLAN:
        testIndent(buf, ind);
        g_string_append(buf, "<vlan tag='");
        testEscape(buf, def->tag);
        g_string_append(buf, "'>\n");
        testIndent(buf, ind + 2);
        g_string_append(buf, "<interface name='");
        testEscape(buf, def->devname);
        g_string_append(buf, "'/>\n");
        testIndent(buf, ind);
        g_string_append(buf, "</vlan>\n");
        break;
    }
    testIndent(buf, ind - 2);
    g_string_append(buf, "</interface>\n");
}

static char *
testIfaceDefFormat(const testIfaceDef *def)
{
    GString *buf = g_string_new(NULL);

    testIfaceFormat(buf, def, 0);
    return g_string_free(buf, FALSE);
}

/* ------------------------------------------------------------------ */
/* Node device XML                                                    */

/* libvirt's capability names, in the order of the
 * VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits. */
static const char *const testNodeCapTypes[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target",
    "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm",
    "mdev_types", "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue",
    "ap_matrix", "vpd",
};
enum {
    TEST_CAP_SYSTEM = 0,
    TEST_CAP_SCSI_HOST = 5,
    TEST_CAP_FC_HOST = 9,
    TEST_CAP_VPORTS = 10,
};

typedef struct {
    int type;                /* index in testNodeCapTypes */
    /* system */
    char *product;
    char *hwVendor;
    char *hwVersion;
    char *hwSerial;
    unsigned char hwUUID[VIR_UUID_BUFLEN];
    char *fwVendor;
    char *fwVersion;
    char *fwDate;
    /* scsi_host */
    long long host;
    long long uniqueID;      /* -1: none */
    bool fc;
    char *wwnn;
    char *wwpn;
    char *fabric;
    bool vport;
    long long maxVports;
    long long vports;
} testNodeCap;

typedef struct {
    char *name;
    char *path;
    char *parent;
    char *parentWWNN;
    char *parentWWPN;
    char *parentFabric;
    GPtrArray *caps;         /* testNodeCap * */
    char *raw;               /* the document as read, when a capability is
                              * not modelled here (then caps only has types) */
} testNodeDev;

static void
testNodeCapFree(testNodeCap *cap)
{
    g_free(cap->product);
    g_free(cap->hwVendor);
    g_free(cap->hwVersion);
    g_free(cap->hwSerial);
    g_free(cap->fwVendor);
    g_free(cap->fwVersion);
    g_free(cap->fwDate);
    g_free(cap->wwnn);
    g_free(cap->wwpn);
    g_free(cap->fabric);
    g_free(cap);
}

static void
testNodeDevFree(testNodeDev *dev)
{
    if (!dev)
        return;
    g_free(dev->name);
    g_free(dev->path);
    g_free(dev->parent);
    g_free(dev->parentWWNN);
    g_free(dev->parentWWPN);
    g_free(dev->parentFabric);
    g_ptr_array_free(dev->caps, TRUE);
    g_free(dev->raw);
    g_free(dev);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(testNodeDev, testNodeDevFree)

static int
testNodeParseSystem(testNodeDev *dev, testNodeCap *cap, xmlNodePtr node)
{
    xmlNodePtr hw = virXMLChild(node, "hardware");
    xmlNodePtr fw = virXMLChild(node, "firmware");
    g_autofree char *uuid = testChildText(hw, "uuid");

    cap->product = testChildText(node, "product");
    cap->hwVendor = testChildText(hw, "vendor");
    cap->hwVersion = testChildText(hw, "version");
    cap->hwSerial = testChildText(hw, "serial");
    cap->fwVendor = testChildText(fw, "vendor");
    cap->fwVersion = testChildText(fw, "version");
    cap->fwDate = testChildText(fw, "release_date");
    if (!uuid) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("no system UUID supplied for '%s'"),
                         dev->name);
        return -1;
    }
    if (virUUIDParse(uuid, cap->hwUUID) < 0) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("malformed uuid element for '%s'"),
                         dev->name);
        return -1;
    }
    return 0;
}

/* A number child NAME of NODE into *VALUE (untouched when absent). */
static int
testNodeParseNum(testNodeDev *dev, xmlNodePtr node, const char *name,
                 long long *value, const char *what)
{
    g_autofree char *text = testChildText(node, name);

    if (!text)
        return 1;
    if (!testParseLL(text, G_MININT, G_MAXINT, value)) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("invalid %s supplied for '%s'"),
                         what, dev->name);
        return -1;
    }
    return 0;
}

static int
testNodeParseSCSIHost(testNodeDev *dev, testNodeCap *cap, xmlNodePtr node,
                      bool create)
{
    xmlNodePtr cur;
    int rc;

    cap->uniqueID = -1;
    if (!create) {
        if ((rc = testNodeParseNum(dev, node, "host", &cap->host, "scsi_host capability")) < 0)
            return -1;
        if (rc > 0) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("no SCSI host ID supplied for '%s'"),
                             dev->name);
            return -1;
        }
        if (testNodeParseNum(dev, node, "unique_id", &cap->uniqueID, "unique_id") < 0)
            return -1;
    }
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *type = NULL;

        if (!testIsElement(cur, "capability"))
            continue;
        if (!(type = testProp(cur, "type"))) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("missing SCSI host capability type for '%s'"),
                             dev->name);
            return -1;
        }
        if (strcmp(type, "fc_host") == 0) {
            const char *suffix = create ? _(", and auto-generation failed") : "";

            cap->fc = true;
            g_free(cap->wwnn);
            g_free(cap->wwpn);
            g_free(cap->fabric);
            cap->wwnn = testChildText(cur, "wwnn");
            cap->wwpn = testChildText(cur, "wwpn");
            cap->fabric = testChildText(cur, "fabric_wwn");
            if (!cap->wwnn) {
                testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("no WWNN supplied for '%s'%s"),
                                 dev->name, suffix);
                return -1;
            }
            if (!cap->wwpn) {
                testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("no WWPN supplied for '%s'%s"),
                                 dev->name, suffix);
                return -1;
            }
        } else if (strcmp(type, "vport_ops") == 0) {
            cap->vport = true;
            if (!create &&
                (testNodeParseNum(dev, cur, "max_vports", &cap->maxVports, "max_vports") < 0 ||
                 testNodeParseNum(dev, cur, "vports", &cap->vports, "vports") < 0))
                return -1;
        } else {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("unknown SCSI host capability type '%s' for '%s'"),
                             type, dev->name);
            return -1;
        }
    }
    return 0;
}

/* The <device> element NODE; CREATE for a document given to
 * virNodeDeviceCreateXML (no name, no host numbers). */
static testNodeDev *
testNodeDevParseNode(xmlNodePtr node, bool create)
{
    g_autoptr(testNodeDev) dev = g_new0(testNodeDev, 1);
    xmlNodePtr parent;
    xmlNodePtr cur;
    bool modelled = true;

    dev->caps = g_ptr_array_new_with_free_func((GDestroyNotify)testNodeCapFree);
    if (create) {
        dev->name = g_strdup("new device");
    } else if (!(dev->name = testChildText(node, "name"))) {
        testNodeDevError(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    dev->path = create ? NULL : testChildText(node, "path");
    if ((parent = virXMLChild(node, "parent"))) {
        dev->parentWWNN = testProp(parent, "wwnn");
        dev->parentWWPN = testProp(parent, "wwpn");
        dev->parentFabric = testProp(parent, "fabric_wwn");
        if (dev->parentWWNN && !dev->parentWWPN) {
            testNodeDevError(VIR_ERR_XML_ERROR,
                             _("when providing parent wwnn='%s', the wwpn must also be provided"),
                             dev->parentWWNN);
            return NULL;
        }
        if (dev->parentWWPN && !dev->parentWWNN) {
            testNodeDevError(VIR_ERR_XML_ERROR,
                             _("when providing parent wwpn='%s', the wwnn must also be provided"),
                             dev->parentWWPN);
            return NULL;
        }
        dev->parent = testText(parent);
        if (dev->parent && !*dev->parent)
            g_clear_pointer(&dev->parent, g_free);
    }
    for (cur = node->children; cur; cur = cur->next) {
        if (!testIsElement(cur, NULL))
            continue;
        if (!testIsElement(cur, "name") && !testIsElement(cur, "parent") &&
            !testIsElement(cur, "capability") && !testIsElement(cur, "path"))
            modelled = false;
    }
    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *type = NULL;
        testNodeCap *cap;
        int t;

        if (!testIsElement(cur, "capability"))
            continue;
        if (!(type = testProp(cur, "type"))) {
            testXMLPropError(_("Missing required attribute '%s' in element '%s'"),
                             "type", "capability");
            return NULL;
        }
        if ((t = testLookupName(testNodeCapTypes, G_N_ELEMENTS(testNodeCapTypes), type)) < 0) {
            testXMLPropError(_("Invalid value for attribute '%s' in element '%s': '%s'."),
                             "type", "capability", type);
            return NULL;
        }
        cap = g_new0(testNodeCap, 1);
        cap->type = t;
        g_ptr_array_add(dev->caps, cap);
        if (t == TEST_CAP_SYSTEM) {
            if (testNodeParseSystem(dev, cap, cur) < 0)
                return NULL;
        } else if (t == TEST_CAP_SCSI_HOST) {
            if (testNodeParseSCSIHost(dev, cap, cur, create) < 0)
                return NULL;
        } else {
            modelled = false;
        }
    }
    if (dev->caps->len == 0) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("no device capabilities for '%s'"),
                         dev->name);
        return NULL;
    }
    if (!modelled) {
        /* keep the document, indented as libvirt writes it */
        xmlBufferPtr buf = xmlBufferCreate();
        xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);

        xmlDocSetRootElement(doc, copy);
        xmlNodeDump(buf, doc, copy, 0, 1);
        dev->raw = g_strdup_printf("%s\n", (const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
        xmlFreeDoc(doc);
    }
    return g_steal_pointer(&dev);
}

static testNodeDev *
testNodeDevParseString(const char *xml, bool create)
{
    xmlDocPtr doc;
    testNodeDev *dev;
    int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS;

    if (create) {
        if (!(doc = testXMLRead(xml, "device", "(node_device_definition)",
                                VIR_FROM_NODEDEV)))
            return NULL;
    } else if (!(doc = xmlReadMemory(xml, strlen(xml), "device.xml", NULL, opts))) {
        testNodeDevError(VIR_ERR_XML_ERROR, "%s", _("failed to parse the node device"));
        return NULL;
    }
    dev = testNodeDevParseNode(xmlDocGetRootElement(doc), create);
    xmlFreeDoc(doc);
    return dev;
}

static char *
testNodeDevFormat(const testNodeDev *dev)
{
    GString *buf;
    size_t i;

    if (dev->raw)
        return g_strdup(dev->raw);
    buf = g_string_new("<device>\n");
    testTextElem(buf, 2, "name", dev->name);
    testTextElem(buf, 2, "path", dev->path);
    testTextElem(buf, 2, "parent", dev->parent);
    for (i = 0; i < dev->caps->len; i++) {
        const testNodeCap *cap = g_ptr_array_index(dev->caps, i);

        g_string_append_printf(buf, "  <capability type='%s'>\n", testNodeCapTypes[cap->type]);
        if (cap->type == TEST_CAP_SYSTEM) {
            char uuid[VIR_UUID_STRING_BUFLEN];

            virUUIDFormat(cap->hwUUID, uuid);
            testTextElem(buf, 4, "product", cap->product);
            g_string_append(buf, "    <hardware>\n");
            testTextElem(buf, 6, "vendor", cap->hwVendor);
            testTextElem(buf, 6, "version", cap->hwVersion);
            testTextElem(buf, 6, "serial", cap->hwSerial);
            testTextElem(buf, 6, "uuid", uuid);
            g_string_append(buf, "    </hardware>\n    <firmware>\n");
            testTextElem(buf, 6, "vendor", cap->fwVendor);
            testTextElem(buf, 6, "version", cap->fwVersion);
            testTextElem(buf, 6, "release_date", cap->fwDate);
            g_string_append(buf, "    </firmware>\n");
        } else if (cap->type == TEST_CAP_SCSI_HOST) {
            g_string_append_printf(buf, "    <host>%lld</host>\n", cap->host);
            if (cap->uniqueID != -1)
                g_string_append_printf(buf, "    <unique_id>%lld</unique_id>\n", cap->uniqueID);
            if (cap->fc) {
                g_string_append(buf, "    <capability type='fc_host'>\n");
                testTextElem(buf, 6, "wwnn", cap->wwnn);
                testTextElem(buf, 6, "wwpn", cap->wwpn);
                testTextElem(buf, 6, "fabric_wwn", cap->fabric);
                g_string_append(buf, "    </capability>\n");
            }
            if (cap->vport) {
                g_string_append_printf(buf,
                                       "    <capability type='vport_ops'>\n"
                                       "      <max_vports>%lld</max_vports>\n"
                                       "      <vports>%lld</vports>\n"
                                       "    </capability>\n",
                                       cap->maxVports, cap->vports);
            }
        }
        g_string_append(buf, "  </capability>\n");
    }
    g_string_append(buf, "</device>\n");
    return g_string_free(buf, FALSE);
}

/* The scsi_host capability of DEV that is a Fibre Channel HBA, or NULL. */
static testNodeCap *
testNodeDevFCHost(const testNodeDev *dev)
{
    size_t i;

    if (dev->raw)
        return NULL;
    for (i = 0; i < dev->caps->len; i++) {
        testNodeCap *cap = g_ptr_array_index(dev->caps, i);

        if (cap->type == TEST_CAP_SCSI_HOST && cap->fc)
            return cap;
    }
    return NULL;
}

/* Whether DEV has capability TYPE (an index in testNodeCapTypes); a SCSI
 * host also has fc_host and vports when it says so. */
static bool
testNodeDevHasCap(const testNodeDev *dev, int type)
{
    size_t i;

    for (i = 0; i < dev->caps->len; i++) {
        const testNodeCap *cap = g_ptr_array_index(dev->caps, i);

        if (cap->type == type)
            return true;
        if (cap->type == TEST_CAP_SCSI_HOST &&
            ((type == TEST_CAP_FC_HOST && cap->fc) ||
             (type == TEST_CAP_VPORTS && cap->vport)))
            return true;
    }
    return false;
}

static bool
testNodeDevHasCapName(const testNodeDev *dev, const char *name)
{
    int type;

    if (!name)
        return true;
    type = testLookupName(testNodeCapTypes, G_N_ELEMENTS(testNodeCapTypes), name);
    return type >= 0 && testNodeDevHasCap(dev, type);
}

/* ------------------------------------------------------------------ */
/* State                                                              */

typedef struct {
    testIfaceDef *def;
    bool active;
} testIfaceObj;

typedef struct {
    GPtrArray *ifaces;       /* testIfaceObj *, in definition order */
    GPtrArray *backup;       /* the restore point of a transaction, or NULL */
    GPtrArray *devs;         /* testNodeDev * */
} testHostDevState;

static void
testIfaceObjFree(testIfaceObj *obj)
{
    testIfaceDefFree(obj->def);
    g_free(obj);
}

static GPtrArray *
testIfaceListNew(void)
{
    return g_ptr_array_new_with_free_func((GDestroyNotify)testIfaceObjFree);
}

void
testHostDevStateFree(void *opaque)
{
    testHostDevState *state = opaque;

    if (!state)
        return;
    g_ptr_array_free(state->ifaces, TRUE);
    if (state->backup)
        g_ptr_array_free(state->backup, TRUE);
    g_ptr_array_free(state->devs, TRUE);
    g_free(state);
}

/* DRIVER's interfaces and devices, built from its node objects on first
 * use.  NULL with an error reported when one of them is not valid. */
static testHostDevState *
testHostDevStateGet(testDriver *driver)
{
    testHostDevState *state;
    size_t i;

    if (driver->hostDevState)
        return driver->hostDevState;
    state = g_new0(testHostDevState, 1);
    state->ifaces = testIfaceListNew();
    state->devs = g_ptr_array_new_with_free_func((GDestroyNotify)testNodeDevFree);
    for (i = 0; i < driver->interfaces->len; i++) {
        testGenericObj *gen = g_ptr_array_index(driver->interfaces, i);
        testIfaceObj *obj;
        testIfaceDef *def;

        if (!gen->xml || !(def = testIfaceDefParse(gen->xml))) {
            testHostDevStateFree(state);
            return NULL;
        }
        obj = g_new0(testIfaceObj, 1);
        obj->def = def;
        obj->active = gen->active;
        g_ptr_array_add(state->ifaces, obj);
    }
    for (i = 0; i < driver->devices->len; i++) {
        testGenericObj *gen = g_ptr_array_index(driver->devices, i);
        testNodeDev *dev;

        if (!gen->xml || !(dev = testNodeDevParseString(gen->xml, false))) {
            testHostDevStateFree(state);
            return NULL;
        }
        g_ptr_array_add(state->devs, dev);
    }
    driver->hostDevState = state;
    return state;
}

/* Lock DRIVER and return its state, or NULL (unlocked) on error. */
static testHostDevState *
testHostDevLock(testDriver *driver)
{
    testHostDevState *state;

    g_mutex_lock(&driver->lock);
    if (!(state = testHostDevStateGet(driver)))
        g_mutex_unlock(&driver->lock);
    return state;
}

/* ------------------------------------------------------------------ */
/* Interfaces                                                         */

static testIfaceObj *
testIfaceFind(testHostDevState *state, const char *name)
{
    size_t i;

    for (i = 0; i < state->ifaces->len; i++) {
        testIfaceObj *obj = g_ptr_array_index(state->ifaces, i);

        if (strcmp(obj->def->name, name) == 0)
            return obj;
    }
    return NULL;
}

static testIfaceObj *
testIfaceFindOrReport(testHostDevState *state, const char *name)
{
    testIfaceObj *obj = testIfaceFind(state, name);

    if (!obj)
        virReportError(VIR_ERR_NO_INTERFACE,
                       _("no interface with matching name '%s'"), name);
    return obj;
}

static int
testConnectNumOfIfaces(virConnectPtr conn, bool active)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int n = 0;
    size_t i;

    if (!(state = testHostDevLock(driver)))
        return -1;
    for (i = 0; i < state->ifaces->len; i++) {
        testIfaceObj *obj = g_ptr_array_index(state->ifaces, i);

        if (obj->active == active)
            n++;
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
testConnectListIfaces(virConnectPtr conn, bool active, char **const names,
                      int maxnames)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int n = 0;
    size_t i;

    if (!(state = testHostDevLock(driver)))
        return -1;
    for (i = 0; i < state->ifaces->len && n < maxnames; i++) {
        testIfaceObj *obj = g_ptr_array_index(state->ifaces, i);

        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
testConnectNumOfInterfaces(virConnectPtr conn)
{
    return testConnectNumOfIfaces(conn, true);
}

static int
testConnectListInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return testConnectListIfaces(conn, true, names, maxnames);
}

static int
testConnectNumOfDefinedInterfaces(virConnectPtr conn)
{
    return testConnectNumOfIfaces(conn, false);
}

static int
testConnectListDefinedInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return testConnectListIfaces(conn, false, names, maxnames);
}

static int
testConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                             unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    GPtrArray *list;
    int n;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_INTERFACES_ACTIVE |
                  VIR_CONNECT_LIST_INTERFACES_INACTIVE, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    list = g_ptr_array_new();
    for (i = 0; i < state->ifaces->len; i++) {
        testIfaceObj *obj = g_ptr_array_index(state->ifaces, i);

        if ((flags & (VIR_CONNECT_LIST_INTERFACES_ACTIVE |
                      VIR_CONNECT_LIST_INTERFACES_INACTIVE)) &&
            !((flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) && obj->active) &&
            !((flags & VIR_CONNECT_LIST_INTERFACES_INACTIVE) && !obj->active))
            continue;
        if (ifaces)
            g_ptr_array_add(list, virGetInterface(conn, obj->def->name, obj->def->mac));
        else
            g_ptr_array_add(list, NULL);
    }
    g_mutex_unlock(&driver->lock);
    n = list->len;
    if (ifaces) {
        g_ptr_array_add(list, NULL);
        *ifaces = (virInterfacePtr *)g_ptr_array_free(list, FALSE);
    } else {
        g_ptr_array_free(list, TRUE);
    }
    return n;
}

static virInterfacePtr
testInterfaceLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    testIfaceObj *obj;
    virInterfacePtr ret = NULL;

    if (!(state = testHostDevLock(driver)))
        return NULL;
    if ((obj = testIfaceFindOrReport(state, name)))
        ret = virGetInterface(conn, obj->def->name, obj->def->mac);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virInterfacePtr
testInterfaceLookupByMACString(virConnectPtr conn, const char *macstr)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    testIfaceObj *found = NULL;
    int matches = 0;
    virInterfacePtr ret = NULL;
    size_t i;

    if (!(state = testHostDevLock(driver)))
        return NULL;
    /* As in libvirt, an interface without a MAC address matches any. */
    for (i = 0; i < state->ifaces->len; i++) {
        testIfaceObj *obj = g_ptr_array_index(state->ifaces, i);

        if (!obj->def->mac || g_ascii_strcasecmp(obj->def->mac, macstr) == 0) {
            if (!found)
                found = obj;
            matches++;
        }
    }
    if (matches == 0)
        virReportError(VIR_ERR_NO_INTERFACE,
                       _("no interface with matching mac '%s'"), macstr);
    else if (matches > 1)
        virReportError(VIR_ERR_MULTIPLE_INTERFACES, NULL);
    else
        ret = virGetInterface(conn, found->def->name, macstr);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags)
{
    testDriver *driver = testDriverOf(iface->conn);
    testHostDevState *state;
    testIfaceObj *obj;
    char *ret = NULL;

    virCheckFlags(0, NULL);

    if (!(state = testHostDevLock(driver)))
        return NULL;
    if ((obj = testIfaceFindOrReport(state, iface->name)))
        ret = testIfaceDefFormat(obj->def);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virInterfacePtr
testInterfaceDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    testIfaceDef *def;
    testIfaceObj *obj;
    virInterfacePtr ret;

    virCheckFlags(VIR_INTERFACE_DEFINE_VALIDATE, NULL);

    if (!(def = testIfaceDefParse(xml)))
        return NULL;
    if (!(state = testHostDevLock(driver))) {
        testIfaceDefFree(def);
        return NULL;
    }
    if ((obj = testIfaceFind(state, def->name))) {
        /* a new definition for a known interface; it stays up or down */
        testIfaceDefFree(obj->def);
        obj->def = def;
    } else {
        obj = g_new0(testIfaceObj, 1);
        obj->def = def;
        g_ptr_array_add(state->ifaces, obj);
    }
    ret = virGetInterface(conn, obj->def->name, obj->def->mac);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testInterfaceUndefine(virInterfacePtr iface)
{
    testDriver *driver = testDriverOf(iface->conn);
    testHostDevState *state;
    testIfaceObj *obj;
    int ret = -1;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if ((obj = testIfaceFindOrReport(state, iface->name))) {
        g_ptr_array_remove(state->ifaces, obj);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Bring IFACE up (ACTIVE) or down; it must be in the other state. */
static int
testInterfaceSetActive(virInterfacePtr iface, bool active)
{
    testDriver *driver = testDriverOf(iface->conn);
    testHostDevState *state;
    testIfaceObj *obj;
    int ret = -1;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if ((obj = testIfaceFindOrReport(state, iface->name))) {
        if (obj->active == active) {
            virReportError(VIR_ERR_OPERATION_INVALID, NULL);
        } else {
            obj->active = active;
            ret = 0;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testInterfaceCreate(virInterfacePtr iface, unsigned int flags)
{
    virCheckFlags(0, -1);
    return testInterfaceSetActive(iface, true);
}

static int
testInterfaceDestroy(virInterfacePtr iface, unsigned int flags)
{
    virCheckFlags(0, -1);
    return testInterfaceSetActive(iface, false);
}

static int
testInterfaceIsActive(virInterfacePtr iface)
{
    testDriver *driver = testDriverOf(iface->conn);
    testHostDevState *state;
    testIfaceObj *obj;
    int ret = -1;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if ((obj = testIfaceFindOrReport(state, iface->name)))
        ret = obj->active ? 1 : 0;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* A deep copy of the interface list LIST (through the XML form, which
 * holds everything the model keeps).  As in libvirt, the copies are all
 * inactive: a rollback leaves every interface down. */
static GPtrArray *
testIfaceListCopy(GPtrArray *list)
{
    GPtrArray *copy = testIfaceListNew();
    size_t i;

    for (i = 0; i < list->len; i++) {
        testIfaceObj *obj = g_ptr_array_index(list, i);
        g_autofree char *xml = testIfaceDefFormat(obj->def);
        testIfaceObj *dup = g_new0(testIfaceObj, 1);

        dup->def = testIfaceDefParse(xml);
        if (!dup->def) {
            g_free(dup);
            g_ptr_array_free(copy, TRUE);
            return NULL;
        }
        g_ptr_array_add(copy, dup);
    }
    return copy;
}

static int
testInterfaceChangeBegin(virConnectPtr conn, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    if (state->backup) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("there is another transaction running."));
    } else if ((state->backup = testIfaceListCopy(state->ifaces))) {
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testInterfaceChangeCommit(virConnectPtr conn, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    if (!state->backup) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("no transaction running, nothing to be committed."));
    } else {
        g_ptr_array_free(g_steal_pointer(&state->backup), TRUE);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testInterfaceChangeRollback(virConnectPtr conn, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int ret = -1;

    virCheckFlags(0, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    if (!state->backup) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("no transaction running, nothing to rollback."));
    } else {
        g_ptr_array_free(state->ifaces, TRUE);
        state->ifaces = g_steal_pointer(&state->backup);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virInterfaceDriver testInterfaceDriver = {
    .name = "Test",
    .connectNumOfInterfaces = testConnectNumOfInterfaces,
    .connectListInterfaces = testConnectListInterfaces,
    .connectNumOfDefinedInterfaces = testConnectNumOfDefinedInterfaces,
    .connectListDefinedInterfaces = testConnectListDefinedInterfaces,
    .connectListAllInterfaces = testConnectListAllInterfaces,
    .interfaceLookupByName = testInterfaceLookupByName,
    .interfaceLookupByMACString = testInterfaceLookupByMACString,
    .interfaceGetXMLDesc = testInterfaceGetXMLDesc,
    .interfaceDefineXML = testInterfaceDefineXML,
    .interfaceUndefine = testInterfaceUndefine,
    .interfaceCreate = testInterfaceCreate,
    .interfaceDestroy = testInterfaceDestroy,
    .interfaceIsActive = testInterfaceIsActive,
    .interfaceChangeBegin = testInterfaceChangeBegin,
    .interfaceChangeCommit = testInterfaceChangeCommit,
    .interfaceChangeRollback = testInterfaceChangeRollback,
};

/* ------------------------------------------------------------------ */
/* Node devices                                                       */

static testNodeDev *
testNodeDevFind(testHostDevState *state, const char *name)
{
    size_t i;

    for (i = 0; i < state->devs->len; i++) {
        testNodeDev *dev = g_ptr_array_index(state->devs, i);

        if (strcmp(dev->name, name) == 0)
            return dev;
    }
    return NULL;
}

static testNodeDev *
testNodeDevFindOrReport(testHostDevState *state, const char *name)
{
    testNodeDev *dev = testNodeDevFind(state, name);

    if (!dev)
        virReportError(VIR_ERR_NO_NODE_DEVICE,
                       _("no node device with matching name '%s'"), name);
    return dev;
}

static int
testNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int n = 0;
    size_t i;

    virCheckFlags(0, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    for (i = 0; i < state->devs->len; i++) {
        if (testNodeDevHasCapName(g_ptr_array_index(state->devs, i), cap))
            n++;
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
testNodeListDevices(virConnectPtr conn, const char *cap, char **const names,
                    int maxnames, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    int n = 0;
    size_t i;

    virCheckFlags(0, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    for (i = 0; i < state->devs->len && n < maxnames; i++) {
        testNodeDev *dev = g_ptr_array_index(state->devs, i);

        if (testNodeDevHasCapName(dev, cap))
            names[n++] = g_strdup(dev->name);
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

#define TEST_NODE_DEV_CAP_FLAGS ((1U << G_N_ELEMENTS(testNodeCapTypes)) - 1)

static int
testConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
                              unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    GPtrArray *list;
    int n;
    size_t i;

    virCheckFlags(TEST_NODE_DEV_CAP_FLAGS, -1);

    if (!(state = testHostDevLock(driver)))
        return -1;
    list = g_ptr_array_new();
    for (i = 0; i < state->devs->len; i++) {
        testNodeDev *dev = g_ptr_array_index(state->devs, i);

        if (flags) {
            bool match = false;
            size_t t;

            for (t = 0; t < G_N_ELEMENTS(testNodeCapTypes) && !match; t++)
                match = (flags & (1U << t)) && testNodeDevHasCap(dev, t);
            if (!match)
                continue;
        }
        g_ptr_array_add(list, devices ? virGetNodeDevice(conn, dev->name, dev->parent) : NULL);
    }
    g_mutex_unlock(&driver->lock);
    n = list->len;
    if (devices) {
        g_ptr_array_add(list, NULL);
        *devices = (virNodeDevicePtr *)g_ptr_array_free(list, FALSE);
    } else {
        g_ptr_array_free(list, TRUE);
    }
    return n;
}

static virNodeDevicePtr
testNodeDeviceLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    testNodeDev *dev;
    virNodeDevicePtr ret = NULL;

    if (!(state = testHostDevLock(driver)))
        return NULL;
    if ((dev = testNodeDevFindOrReport(state, name)))
        ret = virGetNodeDevice(conn, dev->name, dev->parent);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testNodeDeviceGetXMLDesc(virNodeDevicePtr device, unsigned int flags)
{
    testDriver *driver = testDriverOf(device->conn);
    testHostDevState *state;
    testNodeDev *dev;
    char *ret = NULL;

    virCheckFlags(0, NULL);

    if (!(state = testHostDevLock(driver)))
        return NULL;
    if ((dev = testNodeDevFindOrReport(state, device->name)))
        ret = testNodeDevFormat(dev);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNodeDeviceNumOfCaps(virNodeDevicePtr device)
{
    testDriver *driver = testDriverOf(device->conn);
    testHostDevState *state;
    testNodeDev *dev;
    int ret = -1;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if ((dev = testNodeDevFindOrReport(state, device->name)))
        ret = dev->caps->len;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNodeDeviceListCaps(virNodeDevicePtr device, char **const names, int maxnames)
{
    testDriver *driver = testDriverOf(device->conn);
    testHostDevState *state;
    testNodeDev *dev;
    int ret = -1;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if ((dev = testNodeDevFindOrReport(state, device->name))) {
        for (ret = 0; ret < (int)dev->caps->len && ret < maxnames; ret++) {
            const testNodeCap *cap = g_ptr_array_index(dev->caps, ret);

            names[ret] = g_strdup(testNodeCapTypes[cap->type]);
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* The vport-capable SCSI host whose Fibre Channel names match: WWNN and
 * WWPN when both are given, else FABRIC, else the first one. */
static testNodeDev *
testNodeDevFindVportHost(testHostDevState *state, const char *wwnn,
                         const char *wwpn, const char *fabric)
{
    size_t i;

    for (i = 0; i < state->devs->len; i++) {
        testNodeDev *dev = g_ptr_array_index(state->devs, i);
        testNodeCap *fc = testNodeDevFCHost(dev);

        if (!testNodeDevHasCap(dev, TEST_CAP_VPORTS))
            continue;
        if (wwnn && (!fc || g_strcmp0(fc->wwnn, wwnn) != 0 ||
                     g_strcmp0(fc->wwpn, wwpn) != 0))
            continue;
        if (!wwnn && fabric && (!fc || g_strcmp0(fc->fabric, fabric) != 0))
            continue;
        return dev;
    }
    return NULL;
}

/* libvirt's checks that the parent of a new vHBA exists and can create
 * virtual ports. */
static int
testNodeDevCheckParent(testHostDevState *state, const testNodeDev *def)
{
    testNodeDev *parent;

    if (def->parent) {
        if (!(parent = testNodeDevFind(state, def->parent))) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR,
                             _("Could not find parent device for '%s'"), def->name);
            return -1;
        }
        if (!testNodeDevHasCap(parent, TEST_CAP_VPORTS)) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR,
                             _("Parent device %s is not capable of vport operations"),
                             parent->name);
            return -1;
        }
        return 0;
    }
    if (def->parentWWNN || def->parentFabric) {
        if (!testNodeDevFindVportHost(state, def->parentWWNN, def->parentWWPN,
                                      def->parentFabric)) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR,
                             _("Could not find parent device for '%s'"), def->name);
            return -1;
        }
        return 0;
    }
    if (!testNodeDevFindVportHost(state, NULL, NULL, NULL)) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, "%s",
                         _("Could not find any vport capable device"));
        return -1;
    }
    return 0;
}

/* Like libvirt's test driver, make the new vHBA "scsi_host12" a copy of
 * scsi_host11 carrying the names of DEF. */
static testNodeDev *
testNodeDevMockVport(testHostDevState *state, const testNodeCap *fc)
{
    testNodeDev *model = testNodeDevFind(state, "scsi_host11");
    g_autofree char *xml = NULL;
    testNodeDev *dev;
    testNodeDev *old;
    size_t i;

    if (!model || !(xml = testNodeDevFormat(model)))
        return NULL;
    if (!(dev = testNodeDevParseString(xml, false)))
        return NULL;
    g_free(dev->name);
    dev->name = g_strdup("scsi_host12");
    for (i = 0; i < dev->caps->len; i++) {
        testNodeCap *cap = g_ptr_array_index(dev->caps, i);

        if (cap->type != TEST_CAP_SCSI_HOST)
            continue;
        if (cap->fc) {
            g_free(cap->wwnn);
            g_free(cap->wwpn);
            cap->wwnn = g_strdup(fc->wwnn);
            cap->wwpn = g_strdup(fc->wwpn);
        } else {
            cap->host++;
            cap->uniqueID++;
        }
    }
    if ((old = testNodeDevFind(state, dev->name)))
        g_ptr_array_remove(state->devs, old);
    g_ptr_array_add(state->devs, dev);
    return dev;
}

static virNodeDevicePtr
testNodeDeviceCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    testHostDevState *state;
    g_autoptr(testNodeDev) def = NULL;
    testNodeCap *fc;
    testNodeDev *dev;
    virNodeDevicePtr ret = NULL;

    /* VALIDATE is accepted; there is no schema check (see the report). */
    virCheckFlags(VIR_NODE_DEVICE_CREATE_XML_VALIDATE, NULL);

    if (!(def = testNodeDevParseString(xmlDesc, true)))
        return NULL;
    if (!(fc = testNodeDevFCHost(def))) {
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, "%s",
                         _("Device is not a fibre channel HBA"));
        return NULL;
    }
    if (!(state = testHostDevLock(driver)))
        return NULL;
    if (testNodeDevCheckParent(state, def) == 0) {
        if (!(dev = testNodeDevMockVport(state, fc))) {
            testNodeDevError(VIR_ERR_INTERNAL_ERROR, "%s",
                             _("An error occurred, but the cause is unknown"));
        } else {
            testEventEmitNodeDeviceLifecycle(driver, dev->name,
                                             VIR_NODE_DEVICE_EVENT_CREATED, 0);
            ret = virGetNodeDevice(conn, dev->name,
                                   def->parent ? def->parent : dev->parent);
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNodeDeviceDestroy(virNodeDevicePtr device)
{
    testDriver *driver = testDriverOf(device->conn);
    testHostDevState *state;
    testNodeDev *dev;
    int ret = 0;

    if (!(state = testHostDevLock(driver)))
        return -1;
    if (!(dev = testNodeDevFindOrReport(state, device->name))) {
        ret = -1;
    } else if (!testNodeDevFCHost(dev)) {
        /* libvirt's test driver quietly does nothing for a device that
         * is not a vHBA, and says it succeeded */
    } else if (!dev->parent || !testNodeDevFind(state, dev->parent)) {
        /* likewise (with an error left behind) when its parent is gone */
        testNodeDevError(VIR_ERR_INTERNAL_ERROR, _("cannot find parent '%s' definition"),
                         dev->parent ? dev->parent : "(null)");
    } else {
        testEventEmitNodeDeviceLifecycle(driver, dev->name,
                                         VIR_NODE_DEVICE_EVENT_DELETED, 0);
        g_ptr_array_remove(state->devs, dev);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNodeDeviceDriver testNodeDeviceDriver = {
    .name = "Test",
    .nodeNumOfDevices = testNodeNumOfDevices,
    .nodeListDevices = testNodeListDevices,
    .connectListAllNodeDevices = testConnectListAllNodeDevices,
    .nodeDeviceLookupByName = testNodeDeviceLookupByName,
    .nodeDeviceGetXMLDesc = testNodeDeviceGetXMLDesc,
    .nodeDeviceNumOfCaps = testNodeDeviceNumOfCaps,
    .nodeDeviceListCaps = testNodeDeviceListCaps,
    .nodeDeviceCreateXML = testNodeDeviceCreateXML,
    .nodeDeviceDestroy = testNodeDeviceDestroy,
};

/* ------------------------------------------------------------------ */

void
testHostDevRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    (void)hv;
    cd->interfaceDriver = &testInterfaceDriver;
    cd->nodeDeviceDriver = &testNodeDeviceDriver;
    /* libvirt's test driver has no secret driver: cd->secretDriver stays
     * NULL and every virSecret call is "not supported". */
}
