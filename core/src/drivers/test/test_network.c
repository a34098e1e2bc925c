/*
 * test_network.c: the test driver's virtual networks.
 *
 * libvirt's test driver keeps networks in memory only: defining, starting,
 * stopping, autostart flags and virNetworkUpdate, with no bridge, no DHCP
 * server and no ports behind them.  It has no network filter driver and no
 * port support at all, so those functions stay "not supported" here too
 * (their table slots are left empty).
 *
 * A network definition is kept as a libxml2 tree in libvirt's canonical
 * form: testNetDefParse() reads a <network> document through a table that
 * lists, for every element libvirt knows, its attributes and children in
 * the order libvirt formats them (so unknown items drop out and items come
 * back reordered, as they do from libvirt), then applies libvirt's
 * defaults and checks.  Formatting is then a plain walk of that tree with
 * libvirt's quoting and indentation.  virNetworkUpdate edits the tree in
 * place.  This is much smaller than a struct per element and still gives
 * back what libvirt gives back for the documents tested.
 *
 * Objects follow libvirt's virNetworkObj rules: 'def' is the live
 * definition while active (else the only one) and 'newDef' the persistent
 * one waiting for the next stop; like libvirt's test driver, stopping a
 * network does not switch back to 'newDef'.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "virxml.h"
#include "test_event.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The generated header hides every *_LAST name behind VIR_ENUM_SENTINELS,
 * this real command among them. */
#define TEST_NET_UPDATE_ADD_LAST 3

/* XML problems are reported from the network configuration's domain. */
#define testNetConfError(code, ...) \
    virReportErrorHelper(VIR_FROM_NETWORK, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* GLib cleanup for libxml2 documents, under a name of this file's own. */
typedef xmlDoc testNetXmlDoc;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testNetXmlDoc, xmlFreeDoc);
typedef xmlNode testNetXmlNode;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(testNetXmlNode, xmlFreeNode);

typedef struct {
    xmlDocPtr def;           /* live definition while active */
    xmlDocPtr newDef;        /* persistent definition while active, or NULL */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool active;
    bool persistent;
    bool autostart;
} testNetObj;

typedef struct {
    GPtrArray *nets;         /* testNetObj *, in the order they came */
} testNetState;

/* ------------------------------------------------------------------ */
/* The shape of libvirt's network XML                                 */

typedef struct testNetSpec testNetSpec;
struct testNetSpec {
    const char *name;
    const char *const *attrs;          /* in output order */
    const testNetSpec *const *children; /* in output order */
    bool single;                       /* only the first one counts */
    bool text;                         /* keeps its text content */
};

#define ATTRS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define KIDS(...) ((const testNetSpec *const[]){ __VA_ARGS__, NULL })

static const testNetSpec specLease = { "lease", ATTRS("expiry", "unit"), NULL, true, false };
static const testNetSpec specRange = { "range", ATTRS("start", "end"), KIDS(&specLease), false, false };
static const testNetSpec specDhcpHost = { "host", ATTRS("id", "mac", "name", "ip"), KIDS(&specLease), false, false };
static const testNetSpec specBootp = { "bootp", ATTRS("file", "server"), NULL, true, false };
static const testNetSpec specDhcp = { "dhcp", NULL, KIDS(&specRange, &specDhcpHost, &specBootp), true, false };
static const testNetSpec specTftp = { "tftp", ATTRS("root"), NULL, true, false };
static const testNetSpec specIP = {
    "ip", ATTRS("family", "address", "netmask", "prefix", "localPtr"),
    KIDS(&specTftp, &specDhcp), false, false
};
static const testNetSpec specRoute = {
    "route", ATTRS("family", "address", "netmask", "prefix", "gateway", "metric"),
    NULL, false, false
};
static const testNetSpec specDriver = { "driver", ATTRS("name"), NULL, true, false };
static const testNetSpec specNatAddr = { "address", ATTRS("start", "end"), NULL, true, false };
static const testNetSpec specNatPort = { "port", ATTRS("start", "end"), NULL, true, false };
static const testNetSpec specNat = { "nat", ATTRS("ipv6"), KIDS(&specNatAddr, &specNatPort), true, false };
static const testNetSpec specPF = { "pf", ATTRS("dev"), NULL, false, false };
static const testNetSpec specFwdIf = { "interface", ATTRS("dev"), NULL, false, false };
static const testNetSpec specPCIAddr = {
    "address", ATTRS("type", "domain", "bus", "slot", "function"), NULL, false, false
};
static const testNetSpec specForward = {
    "forward", ATTRS("dev", "mode", "managed"),
    KIDS(&specDriver, &specNat, &specPF, &specFwdIf, &specPCIAddr), true, false
};
static const testNetSpec specBridge = {
    "bridge", ATTRS("name", "zone", "stp", "delay", "macTableManager"), NULL, true, false
};
static const testNetSpec specMtu = { "mtu", ATTRS("size"), NULL, true, false };
static const testNetSpec specMac = { "mac", ATTRS("address"), NULL, true, false };
static const testNetSpec specDomain = { "domain", ATTRS("name", "localOnly", "register"), NULL, true, false };
static const testNetSpec specForwarder = { "forwarder", ATTRS("domain", "addr"), NULL, false, false };
static const testNetSpec specTxt = { "txt", ATTRS("name", "value"), NULL, false, false };
static const testNetSpec specSrv = {
    "srv", ATTRS("service", "protocol", "domain", "target", "port", "priority", "weight"),
    NULL, false, false
};
static const testNetSpec specHostname = { "hostname", NULL, NULL, false, true };
static const testNetSpec specDnsHost = { "host", ATTRS("ip"), KIDS(&specHostname), false, false };
static const testNetSpec specDns = {
    "dns", ATTRS("enable", "forwardPlainNames"),
    KIDS(&specForwarder, &specTxt, &specSrv, &specDnsHost), true, false
};
static const testNetSpec specTag = { "tag", ATTRS("id", "nativeMode"), NULL, false, false };
static const testNetSpec specVlan = { "vlan", ATTRS("trunk"), KIDS(&specTag), true, false };
static const testNetSpec specInbound = { "inbound", ATTRS("average", "peak", "floor", "burst"), NULL, true, false };
static const testNetSpec specOutbound = { "outbound", ATTRS("average", "peak", "floor", "burst"), NULL, true, false };
static const testNetSpec specBandwidth = { "bandwidth", NULL, KIDS(&specInbound, &specOutbound), true, false };
static const testNetSpec specPort = { "port", ATTRS("isolated"), NULL, true, false };
static const testNetSpec specVPParams = {
    "parameters", ATTRS("managerid", "typeid", "typeidversion", "instanceid",
                        "profileid", "interfaceid"),
    NULL, true, false
};
static const testNetSpec specVirtualPort = { "virtualport", ATTRS("type"), KIDS(&specVPParams), true, false };
static const testNetSpec specPortGroup = {
    "portgroup", ATTRS("name", "default", "trustGuestRxFilters"),
    KIDS(&specVlan, &specVirtualPort, &specBandwidth), false, false
};
static const testNetSpec specName = { "name", NULL, NULL, true, true };
static const testNetSpec specUUID = { "uuid", NULL, NULL, true, true };
static const testNetSpec specMetadata = { "metadata", NULL, NULL, true, false };
static const testNetSpec specNetwork = {
    "network", ATTRS("ipv6", "trustGuestRxFilters"),
    KIDS(&specName, &specUUID, &specMetadata, &specForward, &specBridge, &specMtu,
         &specMac, &specDomain, &specDns, &specVlan, &specBandwidth, &specPort,
         &specIP, &specRoute, &specVirtualPort, &specPortGroup),
    false, false
};

/* Elements libvirt always writes with an end tag, even when empty. */
static bool
testNetAlwaysOpen(const xmlNode *node)
{
    return xmlStrEqual(node->name, BAD_CAST "ip") ||
           xmlStrEqual(node->name, BAD_CAST "portgroup") ||
           xmlStrEqual(node->name, BAD_CAST "bandwidth");
}

static bool
testNetIs(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, BAD_CAST name);
}

/* The value of attribute NAME of NODE, borrowed, or NULL. */
static const char *
testNetAttr(xmlNodePtr node, const char *name)
{
    xmlAttrPtr attr = node ? xmlHasProp(node, BAD_CAST name) : NULL;

    if (!attr || !attr->children)
        return attr ? "" : NULL;
    return (const char *)attr->children->content;
}

static void
testNetSetAttr(xmlNodePtr node, const char *name, const char *value)
{
    if (value)
        xmlSetProp(node, BAD_CAST name, BAD_CAST value);
    else
        xmlUnsetProp(node, BAD_CAST name);
}

/* Copy NODE into a new element under PARENT keeping only what SPEC knows. */
static xmlNodePtr
testNetCanon(xmlNodePtr parent, xmlNodePtr node, const testNetSpec *spec)
{
    xmlNodePtr out = parent ? xmlNewChild(parent, NULL, BAD_CAST spec->name, NULL)
                            : xmlNewNode(NULL, BAD_CAST spec->name);
    size_t i;

    for (i = 0; spec->attrs && spec->attrs[i]; i++) {
        const char *v = testNetAttr(node, spec->attrs[i]);
        if (v)
            xmlSetProp(out, BAD_CAST spec->attrs[i], BAD_CAST v);
    }
    if (spec->text) {
        g_autofree xmlChar *text = xmlNodeGetContent(node);
        xmlNodeAddContent(out, text);
        return out;
    }
    if (spec == &specMetadata) {
        xmlNodePtr cur;
        for (cur = node->children; cur; cur = cur->next) {
            if (cur->type == XML_ELEMENT_NODE)
                xmlAddChild(out, xmlDocCopyNode(cur, out->doc, 1));
        }
        return out;
    }
    for (i = 0; spec->children && spec->children[i]; i++) {
        const testNetSpec *kid = spec->children[i];
        xmlNodePtr cur;

        for (cur = node->children; cur; cur = cur->next) {
            if (!testNetIs(cur, kid->name))
                continue;
            testNetCanon(out, cur, kid);
            if (kid->single)
                break;
        }
    }
    return out;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                         */

static void
testNetEscape(GString *buf, const char *s, bool attr)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '&': g_string_append(buf, "&amp;"); break;
        case '\'':
            g_string_append(buf, attr ? "&apos;" : "'");
            break;
        case '"':
            g_string_append(buf, attr ? "&quot;" : "\"");
            break;
        default: g_string_append_c(buf, *s);
        }
    }
}

static void
testNetFormatNode(GString *buf, xmlNodePtr node, int indent)
{
    xmlAttrPtr attr;
    xmlNodePtr cur;
    bool haskids = false;

    g_string_append_printf(buf, "%*s<%s", indent, "", (const char *)node->name);
    for (attr = node->properties; attr; attr = attr->next) {
        g_string_append_printf(buf, " %s='", (const char *)attr->name);
        testNetEscape(buf, attr->children ? (const char *)attr->children->content : "", true);
        g_string_append_c(buf, '\'');
    }
    if (xmlStrEqual(node->name, BAD_CAST "metadata")) {
        /* foreign content is dumped as libxml2 writes it */
        g_string_append(buf, ">\n");
        for (cur = node->children; cur; cur = cur->next) {
            xmlBufferPtr xb = xmlBufferCreate();
            g_autofree char *ind = g_strdup_printf("%*s", indent + 2, "");
            g_auto(GStrv) lines = NULL;
            size_t i;

            xmlNodeDump(xb, node->doc, cur, 0, 1);
            lines = g_strsplit((const char *)xmlBufferContent(xb), "\n", -1);
            for (i = 0; lines[i]; i++)
                g_string_append_printf(buf, "%s%s\n", ind, lines[i]);
            xmlBufferFree(xb);
        }
        g_string_append_printf(buf, "%*s</metadata>\n", indent, "");
        return;
    }
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            haskids = true;
    }
    if (!haskids && node->children && node->children->type == XML_TEXT_NODE) {
        g_string_append_c(buf, '>');
        testNetEscape(buf, (const char *)node->children->content, false);
        g_string_append_printf(buf, "</%s>\n", (const char *)node->name);
        return;
    }
    if (!haskids && !testNetAlwaysOpen(node)) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            testNetFormatNode(buf, cur, indent + 2);
    }
    g_string_append_printf(buf, "%*s</%s>\n", indent, "", (const char *)node->name);
}

static char *
testNetDefFormat(xmlDocPtr def)
{
    GString *buf = g_string_new(NULL);

    testNetFormatNode(buf, xmlDocGetRootElement(def), 0);
    return g_string_free(buf, FALSE);
}

/* ------------------------------------------------------------------ */
/* Checks and defaults                                                */

static int
testNetAddrFamily(const char *s)
{
    unsigned char tmp[16];

    if (!s)
        return 0;
    if (inet_pton(AF_INET, s, tmp) == 1)
        return AF_INET;
    if (inet_pton(AF_INET6, s, tmp) == 1)
        return AF_INET6;
    return -1;
}

static bool
testNetParseULong(const char *s, unsigned long *out)
{
    char *end = NULL;

    if (!s || !*s || *s == '-')
        return false;
    *out = strtoul(s, &end, 10);
    return *end == '\0';
}

static int
testNetCheckYesNo(xmlNodePtr node, const char *attr, const char *name)
{
    const char *v = testNetAttr(node, attr);

    if (v && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                             "Invalid value for attribute '%s' in element '%s': '%s'.",
                             attr, name, v);
        return -1;
    }
    return 0;
}

static const char *const testNetForwardModes[] = {
    "nat", "route", "open", "bridge", "private", "vepa", "passthrough", "hostdev", NULL,
};

static bool
testNetInList(const char *s, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(s, *list) == 0)
            return true;
    }
    return false;
}

/* Bring the DHCP <host> element HOST of an <ip> of family FAMILY in
 * network NAME into libvirt's shape.  PARTIAL: a delete request, which
 * may name the entry by any of its attributes. */
static int
testNetCheckDhcpHost(const char *name, int family, xmlNodePtr host, bool partial)
{
    const char *mac = testNetAttr(host, "mac");
    const char *ip = testNetAttr(host, "ip");

    if (mac && !partial) {
        unsigned int b[6];
        char c;
        if (sscanf(mac, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &c) != 6) {
            testNetConfError(VIR_ERR_XML_ERROR,
                             "Cannot parse MAC address '%s' in network '%s'",
                             mac, name);
            return -1;
        }
    }
    if (ip && testNetAddrFamily(ip) < 0) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "Invalid IP address in static host definition for network '%s'",
                         name);
        return -1;
    }
    if (!partial && family != AF_INET6 && !mac && !testNetAttr(host, "name")) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "Static host definition in IPv4 network '%s' must have mac or name attribute",
                         name);
        return -1;
    }
    return 0;
}

static void
testNetFixLeases(xmlNodePtr parent)
{
    xmlNodePtr lease = virXMLChild(parent, "lease");
    const char *expiry = testNetAttr(lease, "expiry");

    if (lease && expiry && strcmp(expiry, "0") != 0 && !testNetAttr(lease, "unit"))
        xmlSetProp(lease, BAD_CAST "unit", BAD_CAST "minutes");
}

static int
testNetCheckIP(const char *name, xmlNodePtr ip)
{
    const char *family = testNetAttr(ip, "family");
    const char *address = testNetAttr(ip, "address");
    const char *netmask = testNetAttr(ip, "netmask");
    const char *prefix = testNetAttr(ip, "prefix");
    int af = testNetAddrFamily(address);
    xmlNodePtr dhcp = virXMLChild(ip, "dhcp");
    xmlNodePtr cur;
    unsigned long plen = 0;

    if (af < 0) {
        testNetConfError(VIR_ERR_XML_ERROR, "Invalid address '%s' in network '%s'",
                         address, name);
        return -1;
    }
    if (netmask && testNetAddrFamily(netmask) != AF_INET) {
        testNetConfError(VIR_ERR_XML_ERROR, "Invalid netmask '%s' in network '%s'",
                         netmask, name);
        return -1;
    }
    if (prefix && !testNetParseULong(prefix, &plen)) {
        testNetConfError(VIR_ERR_XML_ERROR, "Invalid ULong value specified for prefix in definition of network '%s'",
                         name);
        return -1;
    }
    if (netmask && prefix) {
        testNetConfError(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Network '%s' IP address cannot have both a prefix and a netmask",
                         name);
        return -1;
    }
    if (family && strcmp(family, "ipv4") == 0 && af == AF_INET6) {
        testNetConfError(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Family 'ipv4' specified for non-IPv4 address '%s' in network '%s'",
                         address, name);
        return -1;
    }
    if (family && strcmp(family, "ipv6") == 0 && af == AF_INET) {
        testNetConfError(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'",
                         address, name);
        return -1;
    }
    if (prefix && plen > (af == AF_INET6 ? 128 : 32)) {
        testNetConfError(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Invalid %s prefix '%lu' in network '%s'",
                         af == AF_INET6 ? "IPv6" : "IPv4", plen, name);
        return -1;
    }
    if (prefix && plen == 0)
        xmlUnsetProp(ip, BAD_CAST "prefix");
    for (cur = dhcp ? dhcp->children : NULL; cur; cur = cur->next) {
        if (testNetIs(cur, "host") &&
            testNetCheckDhcpHost(name, af, cur, false) < 0)
            return -1;
        testNetFixLeases(cur);
    }
    if (dhcp && !dhcp->children) {
        xmlUnlinkNode(dhcp);
        xmlFreeNode(dhcp);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* DNS records, port groups, VLANs, bandwidth: checked alike in a      */
/* definition and in virNetworkUpdate, as libvirt's parsers do.        */

#define testNetPlainError(domain, code, ...) \
    virReportErrorHelper(domain, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* An optional number attribute ATTR of NODE in [MIN, MAX]: 1 when present
 * and valid (in *OUT), 0 when absent, -1 when not such a number. */
static int
testNetNumAttr(xmlNodePtr node, const char *attr, unsigned long min,
               unsigned long max, unsigned long *out)
{
    const char *v = testNetAttr(node, attr);
    const char *p = v;

    *out = 0;
    if (!v)
        return 0;
    while (g_ascii_isspace(*p))
        p++;
    if (!testNetParseULong(p, out) || *out < min || *out > max)
        return -1;
    return 1;
}

/* Write the number attribute ATTR of NODE back as libvirt does: in
 * decimal, and not at all when zero. */
static void
testNetSetNumAttr(xmlNodePtr node, const char *attr, unsigned long long value)
{
    g_autofree char *text = value ? g_strdup_printf("%llu", value) : NULL;

    testNetSetAttr(node, attr, text);
}

/* A DNS <host>: PARTIAL (a delete request) may leave out the address or
 * the names, not both.  Empty <hostname/> elements are dropped. */
static int
testNetCheckDnsHost(const char *net, xmlNodePtr host, bool partial)
{
    const char *ip = testNetAttr(host, "ip");
    xmlNodePtr cur = host->children;
    int names = 0;

    if (!ip && !partial) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "Missing IP address in network '%s' DNS HOST record", net);
        return -1;
    }
    if (ip && testNetAddrFamily(ip) < 0) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "Invalid IP address in network '%s' DNS HOST record", net);
        return -1;
    }
    while (cur) {
        xmlNodePtr next = cur->next;
        g_autofree xmlChar *text = xmlNodeGetContent(cur);

        if (testNetIs(cur, "hostname") && (!text || !*text)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (testNetIs(cur, "hostname")) {
            names++;
        }
        cur = next;
    }
    if (!names && !partial) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "Missing hostname in network '%s' DNS HOST record", net);
        return -1;
    }
    if (!names && !ip) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "Missing ip and hostname in network '%s' DNS HOST record", net);
        return -1;
    }
    return 0;
}

/* A DNS <txt>: PARTIAL may leave out the value. */
static int
testNetCheckTxt(const char *net, xmlNodePtr txt, bool partial)
{
    const char *name = testNetAttr(txt, "name");

    if (!name) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "missing required name attribute in DNS TXT record of network %s", net);
        return -1;
    }
    if (strpbrk(name, " ,")) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "prohibited character in DNS TXT record name '%s' of network %s",
                         name, net);
        return -1;
    }
    if (!testNetAttr(txt, "value") && !partial) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "missing required value attribute in DNS TXT record named '%s' of network %s",
                         name, net);
        return -1;
    }
    return 0;
}

#define TEST_NET_ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/* One of the numbers of a DNS <srv>, which only make sense with a target;
 * written back in canonical form, and left out when zero. */
static int
testNetCheckSrvNumber(const char *net, xmlNodePtr srv, const char *attr,
                      unsigned long min, const char *invalidFmt)
{
    const char *service = testNetAttr(srv, "service");
    unsigned long value;
    int rc = testNetNumAttr(srv, attr, min, 65535, &value);

    if (rc > 0 && !testNetAttr(srv, "target")) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "DNS SRV %s attribute not permitted without target for service '%s' in network '%s'",
                         attr, service ? service : "", net);
        return -1;
    }
    if (rc < 0) {
        testNetConfError(VIR_ERR_XML_DETAIL, invalidFmt, service ? service : "", net);
        return -1;
    }
    testNetSetNumAttr(srv, attr, value);
    return 0;
}

/* A DNS <srv>: PARTIAL may leave out the service and protocol. */
static int
testNetCheckSrv(const char *net, xmlNodePtr srv, bool partial)
{
    const char *service = testNetAttr(srv, "service");
    const char *protocol = testNetAttr(srv, "protocol");

    if (!service && !partial) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "missing required service attribute in DNS SRV record of network '%s'",
                         net);
        return -1;
    }
    if (service && strspn(service, TEST_NET_ALNUM "_-+/") < strlen(service)) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "invalid character in service attribute '%s' in DNS SRV record of network '%s'",
                         service, net);
        return -1;
    }
    if (!protocol && !partial) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "missing required protocol attribute in DNS SRV record '%s' of network '%s'",
                         service, net);
        return -1;
    }
    if (protocol && strspn(protocol, TEST_NET_ALNUM "-+/") < strlen(protocol)) {
        testNetConfError(VIR_ERR_XML_DETAIL,
                         "invalid character in protocol attribute '%s' in DNS SRV record of network '%s'",
                         protocol, net);
        return -1;
    }
    if (testNetCheckSrvNumber(net, srv, "port", 1,
                              "invalid DNS SRV port attribute for service '%s' in network '%s'") < 0 ||
        testNetCheckSrvNumber(net, srv, "priority", 0,
                              "Invalid DNS SRV priority attribute for service '%s' in network '%s'") < 0 ||
        testNetCheckSrvNumber(net, srv, "weight", 0,
                              "invalid DNS SRV weight attribute for service '%s' in network '%s'") < 0)
        return -1;
    return 0;
}

/* The records of a <dns> element, hosts first, then services, then text,
 * in the order libvirt's parser reads them. */
static int
testNetCheckDns(const char *net, xmlNodePtr dns)
{
    static const struct {
        const char *elem;
        int (*check)(const char *net, xmlNodePtr rec, bool partial);
    } kinds[] = {
        { "host", testNetCheckDnsHost },
        { "srv", testNetCheckSrv },
        { "txt", testNetCheckTxt },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(kinds); i++) {
        xmlNodePtr cur;

        for (cur = dns->children; cur; cur = cur->next) {
            if (testNetIs(cur, kinds[i].elem) && kinds[i].check(net, cur, false) < 0)
                return -1;
        }
    }
    return 0;
}

/* A <vlan>: at least one tag, ids up to 4095, trunk='yes' implied by
 * several tags. */
static int
testNetCheckVlan(xmlNodePtr vlan)
{
    const char *trunk = testNetAttr(vlan, "trunk");
    xmlNodePtr cur;
    int tags = 0;

    if (trunk && strcmp(trunk, "yes") != 0 && strcmp(trunk, "no") != 0) {
        testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                          "invalid \"trunk='%s'\" in <vlan> - must be yes or no", trunk);
        return -1;
    }
    for (cur = vlan->children; cur; cur = cur->next) {
        const char *id = testNetAttr(cur, "id");
        const char *mode = testNetAttr(cur, "nativeMode");
        g_autofree char *idtext = NULL;
        unsigned long value;

        if (!testNetIs(cur, "tag"))
            continue;
        tags++;
        if (!id) {
            testNetPlainError(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                              "Missing required attribute 'id' in element 'tag'");
            return -1;
        }
        if (testNetNumAttr(cur, "id", 0, ULONG_MAX, &value) < 0) {
            testNetPlainError(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                              "Invalid value for attribute 'id' in element 'tag': '%s'. Expected non-negative integer value",
                              id);
            return -1;
        }
        if (value > 4095) {
            testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                              "vlan tag id %lu too large (maximum 4095)", value);
            return -1;
        }
        idtext = g_strdup_printf("%lu", value);
        xmlSetProp(cur, BAD_CAST "id", BAD_CAST idtext);
        if (mode && strcmp(mode, "tagged") != 0 && strcmp(mode, "untagged") != 0) {
            testNetPlainError(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                              "Invalid value for attribute 'nativeMode' in element 'tag': '%s'.",
                              mode);
            return -1;
        }
    }
    if (!tags) {
        testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                          "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        return -1;
    }
    if (tags > 1 && g_strcmp0(trunk, "no") == 0) {
        testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                          "invalid \"trunk='no'\" in <vlan> - trunk='yes' is required for more than one vlan tag");
        return -1;
    }
    if (tags > 1)
        xmlSetProp(vlan, BAD_CAST "trunk", BAD_CAST "yes");
    else if (trunk && strcmp(trunk, "yes") != 0)
        xmlUnsetProp(vlan, BAD_CAST "trunk");
    return 0;
}

/* The <inbound>/<outbound> rates of BW; a network and its port groups
 * take no floor.  Rates without an average are left out. */
static int
testNetCheckBandwidth(xmlNodePtr bw)
{
    static const char *const rates[] = { "average", "peak", "burst", "floor" };
    xmlNodePtr cur = bw->children;
    bool any = false;
    size_t i;

    while (cur) {
        xmlNodePtr next = cur->next;
        bool inbound = testNetIs(cur, "inbound");
        unsigned long long value[G_N_ELEMENTS(rates)] = { 0 };

        if (!inbound && !testNetIs(cur, "outbound")) {
            cur = next;
            continue;
        }
        any = true;
        for (i = 0; i < G_N_ELEMENTS(rates); i++) {
            const char *v = testNetAttr(cur, rates[i]);
            const char *p = v;
            char *end = NULL;

            if (!v)
                continue;
            while (g_ascii_isspace(*p))
                p++;
            value[i] = g_ascii_strtoull(p, &end, 10);
            if (!*p || *p == '-' || *end) {
                testNetPlainError(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED,
                                  "could not convert bandwidth %s value '%s'", rates[i], v);
                return -1;
            }
        }
        if (testNetAttr(cur, "floor")) {
            testNetPlainError(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                              inbound ? "floor attribute is not supported for this config"
                                      : "'floor' attribute allowed only in <inbound> element");
            return -1;
        }
        if (!testNetAttr(cur, "average")) {
            testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_DETAIL,
                              "Missing mandatory average or floor attributes");
            return -1;
        }
        if (!value[0]) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else {
            for (i = 0; i < G_N_ELEMENTS(rates); i++)
                testNetSetNumAttr(cur, rates[i], value[i]);
        }
        cur = next;
    }
    if (!any) {
        xmlUnlinkNode(bw);
        xmlFreeNode(bw);
    }
    return 0;
}

/* A <virtualport>: the network's own must name its type; a port
 * group's may leave it to the network, and is dropped when empty. */
static int
testNetCheckVirtualPort(xmlNodePtr vp, bool needType)
{
    static const char *const types[] = {
        "802.1Qbg", "802.1Qbh", "openvswitch", "midonet", NULL,
    };
    static const char *const uuids[] = { "instanceid", "interfaceid" };
    const char *type = testNetAttr(vp, "type");
    xmlNodePtr params = virXMLChild(vp, "parameters");
    unsigned char raw[VIR_UUID_BUFLEN];
    size_t i;

    if (type && !testNetInList(type, types)) {
        testNetPlainError(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED,
                          "unknown virtualport type %s", type);
        return -1;
    }
    if (!type && needType) {
        testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                          "missing required virtualport type");
        return -1;
    }
    for (i = 0; params && i < G_N_ELEMENTS(uuids); i++) {
        const char *v = testNetAttr(params, uuids[i]);

        if (v && virUUIDParse(v, raw) < 0) {
            testNetPlainError(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                              "cannot parse %s parameter as a uuid", uuids[i]);
            return -1;
        }
    }
    if (!type && (!params || !params->properties)) {
        xmlUnlinkNode(vp);
        xmlFreeNode(vp);
    }
    return 0;
}

/* The <vlan>, <bandwidth> and <virtualport> a network or a port group
 * may carry. */
static int
testNetCheckPortSettings(xmlNodePtr node)
{
    xmlNodePtr cur;

    if ((cur = virXMLChild(node, "virtualport")) &&
        testNetCheckVirtualPort(cur, testNetIs(node, "network")) < 0)
        return -1;
    if ((cur = virXMLChild(node, "bandwidth")) && testNetCheckBandwidth(cur) < 0)
        return -1;
    if ((cur = virXMLChild(node, "vlan")) && testNetCheckVlan(cur) < 0)
        return -1;
    return 0;
}

static int
testNetCheckPortGroup(const char *net G_GNUC_UNUSED, xmlNodePtr pg,
                      bool partial G_GNUC_UNUSED)
{
    if (!testNetAttr(pg, "name")) {
        testNetConfError(VIR_ERR_XML_ERROR, "Missing required name attribute in portgroup");
        return -1;
    }
    if (g_strcmp0(testNetAttr(pg, "default"), "yes") != 0)
        xmlUnsetProp(pg, BAD_CAST "default");
    if (testNetCheckYesNo(pg, "trustGuestRxFilters", "portgroup") < 0)
        return -1;
    return testNetCheckPortSettings(pg);
}

/* Each forward device of FWD once. */
static int
testNetCheckForwardDups(const char *net, xmlNodePtr fwd)
{
    xmlNodePtr cur;
    xmlNodePtr prev;

    for (cur = fwd->children; cur; cur = cur->next) {
        for (prev = fwd->children; testNetIs(cur, "interface") && prev != cur; prev = prev->next) {
            if (testNetIs(prev, "interface") &&
                g_strcmp0(testNetAttr(prev, "dev"), testNetAttr(cur, "dev")) == 0) {
                testNetConfError(VIR_ERR_XML_ERROR,
                                 "interface '%s' can only be listed once in network %s",
                                 testNetAttr(cur, "dev"), net);
                return -1;
            }
        }
    }
    return 0;
}

/* How many devices forward mode MODE allows, and with which bridge. */
static int
testNetCheckForwardDevs(const char *net, xmlNodePtr fwd, const char *mode,
                        xmlNodePtr bridge)
{
    xmlNodePtr cur;
    int devs = 0;

    for (cur = fwd->children; cur; cur = cur->next) {
        if (testNetIs(cur, "interface"))
            devs++;
    }
    if (devs > 1 && (strcmp(mode, "nat") == 0 || strcmp(mode, "route") == 0)) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "multiple forwarding interfaces specified for network '%s', only one is supported",
                         net);
        return -1;
    }
    if (devs && strcmp(mode, "open") == 0) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "forward dev not allowed for network '%s' with forward mode='open'",
                         net);
        return -1;
    }
    if (devs && strcmp(mode, "bridge") == 0 && testNetAttr(bridge, "name")) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "A network with forward mode='bridge' can specify a bridge name or a forward dev, but not both (network '%s')",
                         net);
        return -1;
    }
    return 0;
}

/* Turn ROOT (a <network> element) into a new canonical definition, or
 * NULL with libvirt's error. */
static xmlDocPtr
testNetDefFromNode(xmlNodePtr root)
{
    g_autoptr(testNetXmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr net;
    xmlNodePtr name;
    xmlNodePtr uuid;
    xmlNodePtr fwd;
    xmlNodePtr br;
    xmlNodePtr node;
    g_autofree xmlChar *nametext = NULL;
    g_autofree xmlChar *uuidtext = NULL;
    const char *n;
    const char *mode = NULL;
    const char *v;
    bool stpStyle;
    bool hasIP;

    if (!testNetIs(root, "network")) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                             "expecting root element of 'network', not '%s'",
                             root ? (const char *)root->name : "");
        return NULL;
    }
    net = testNetCanon(NULL, root, &specNetwork);
    xmlDocSetRootElement(doc, net);

    /* name and uuid */
    name = virXMLChild(net, "name");
    nametext = name ? xmlNodeGetContent(name) : NULL;
    if (!nametext || !*nametext) {
        testNetConfError(VIR_ERR_NO_NAME, "missing name information");
        return NULL;
    }
    n = (const char *)nametext;
    if (strchr(n, '/')) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_DETAIL, __FILE__, __func__, __LINE__,
                             "invalid char in name: /");
        return NULL;
    }
    uuid = virXMLChild(net, "uuid");
    uuidtext = uuid ? xmlNodeGetContent(uuid) : NULL;
    if (uuidtext && *uuidtext) {
        unsigned char raw[VIR_UUID_BUFLEN];
        char str[VIR_UUID_STRING_BUFLEN];

        if (virUUIDParse((const char *)uuidtext, raw) < 0) {
            testNetConfError(VIR_ERR_INTERNAL_ERROR, "malformed uuid element");
            return NULL;
        }
        virUUIDFormat(raw, str);
        xmlNodeSetContent(uuid, BAD_CAST str);
    } else {
        unsigned char raw[VIR_UUID_BUFLEN];
        char str[VIR_UUID_STRING_BUFLEN];

        virUUIDGenerate(raw);
        virUUIDFormat(raw, str);
        if (uuid) {
            xmlNodeSetContent(uuid, BAD_CAST str);
        } else {
            uuid = xmlNewDocNode(doc, NULL, BAD_CAST "uuid", BAD_CAST str);
            xmlAddNextSibling(name, uuid);
        }
    }

    /* <network> attributes */
    if ((v = testNetAttr(net, "ipv6"))) {
        if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
            testNetConfError(VIR_ERR_XML_ERROR, "Invalid ipv6 setting '%s' in network '%s'", v, n);
            return NULL;
        }
        if (strcmp(v, "no") == 0)
            xmlUnsetProp(net, BAD_CAST "ipv6");
    }
    if ((v = testNetAttr(net, "trustGuestRxFilters")) &&
        strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "Invalid trustGuestRxFilters setting '%s' in network '%s'", v, n);
        return NULL;
    }

    /* forward */
    hasIP = virXMLChild(net, "ip") != NULL;
    if ((fwd = virXMLChild(net, "forward"))) {
        g_autofree char *dev = g_strdup(testNetAttr(fwd, "dev"));
        g_autofree char *managed = g_strdup(testNetAttr(fwd, "managed"));
        xmlNodePtr first = virXMLChild(fwd, "interface");
        bool haspf = virXMLChild(fwd, "pf") != NULL;

        mode = testNetAttr(fwd, "mode");
        if (!mode)
            mode = "nat";
        if (!testNetInList(mode, testNetForwardModes)) {
            testNetConfError(VIR_ERR_CONFIG_UNSUPPORTED,
                             "unknown forwarding type '%s'", mode);
            return NULL;
        }
        mode = g_intern_string(mode);
        if (testNetCheckForwardDups(n, fwd) < 0)
            return NULL;
        if (dev && first && g_strcmp0(testNetAttr(first, "dev"), dev) != 0) {
            testNetConfError(VIR_ERR_XML_ERROR,
                             "<forward dev='%s'> must match first <interface dev='%s'/> in network %s",
                             dev, testNetAttr(first, "dev"), n);
            return NULL;
        }
        if (dev && !first) {
            first = xmlNewDocNode(doc, NULL, BAD_CAST "interface", NULL);
            xmlSetProp(first, BAD_CAST "dev", BAD_CAST dev);
            node = virXMLChild(fwd, "address");
            if (node)
                xmlAddPrevSibling(node, first);
            else
                xmlAddChild(fwd, first);
        }
        /* rewrite the attributes in libvirt's order */
        xmlUnsetProp(fwd, BAD_CAST "dev");
        xmlUnsetProp(fwd, BAD_CAST "mode");
        xmlUnsetProp(fwd, BAD_CAST "managed");
        if (first && !haspf)
            testNetSetAttr(fwd, "dev", testNetAttr(first, "dev"));
        xmlSetProp(fwd, BAD_CAST "mode", BAD_CAST mode);
        if (strcmp(mode, "hostdev") == 0)
            xmlSetProp(fwd, BAD_CAST "managed",
                       BAD_CAST (g_strcmp0(managed, "yes") == 0 ? "yes" : "no"));
        if ((node = virXMLChild(fwd, "nat"))) {
            xmlNodePtr port = virXMLChild(node, "port");
            xmlNodePtr addr = virXMLChild(node, "address");
            unsigned long pnum;

            if (addr && (!testNetAttr(addr, "start") || !testNetAttr(addr, "end"))) {
                testNetConfError(VIR_ERR_XML_ERROR,
                                 "missing '%s' attribute in <address> element in <nat> in <forward> in network %s",
                                 testNetAttr(addr, "start") ? "end" : "start", n);
                return NULL;
            }
            if (addr && testNetAddrFamily(testNetAttr(addr, "start")) != AF_INET) {
                testNetConfError(VIR_ERR_XML_ERROR,
                                 "Bad ipv4 start address '%s' in <nat> in <forward> in network '%s'",
                                 testNetAttr(addr, "start"), n);
                return NULL;
            }
            if (addr && testNetAddrFamily(testNetAttr(addr, "end")) != AF_INET) {
                testNetConfError(VIR_ERR_XML_ERROR,
                                 "Bad ipv4 end address '%s' in <nat> in <forward> in network '%s'",
                                 testNetAttr(addr, "end"), n);
                return NULL;
            }
            if (port && !testNetParseULong(testNetAttr(port, "start"), &pnum)) {
                testNetConfError(VIR_ERR_XML_DETAIL,
                                 "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network %s",
                                 n);
                return NULL;
            }
            if (port && !testNetParseULong(testNetAttr(port, "end"), &pnum)) {
                testNetConfError(VIR_ERR_XML_DETAIL,
                                 "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network %s",
                                 n);
                return NULL;
            }
            if (strcmp(mode, "nat") != 0) {
                xmlUnlinkNode(node);
                xmlFreeNode(node);
            }
        }
        if ((strcmp(mode, "route") == 0 || strcmp(mode, "nat") == 0 ||
             strcmp(mode, "open") == 0) && !hasIP) {
            testNetConfError(VIR_ERR_XML_ERROR,
                             "%s forwarding requested, but no IP address provided for network '%s'",
                             mode, n);
            return NULL;
        }
        if (testNetCheckForwardDevs(n, fwd, mode, virXMLChild(net, "bridge")) < 0)
            return NULL;
    }

    /* bridge: libvirt writes STP settings for networks it would route */
    stpStyle = !mode || strcmp(mode, "nat") == 0 || strcmp(mode, "route") == 0 ||
               strcmp(mode, "open") == 0;
    br = virXMLChild(net, "bridge");
    if (br && (v = testNetAttr(br, "macTableManager")) &&
        strcmp(v, "kernel") != 0 && strcmp(v, "libvirt") != 0) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "Invalid macTableManager setting '%s' in network '%s'", v, n);
        return NULL;
    }
    if (stpStyle || (br && (testNetAttr(br, "name") || testNetAttr(br, "macTableManager")))) {
        g_autofree char *bname = g_strdup(testNetAttr(br, "name"));
        g_autofree char *zone = g_strdup(testNetAttr(br, "zone"));
        g_autofree char *stp = g_strdup(testNetAttr(br, "stp"));
        g_autofree char *delay = g_strdup(testNetAttr(br, "delay"));
        g_autofree char *mtm = g_strdup(testNetAttr(br, "macTableManager"));
        unsigned long d = 0;

        if (delay && !testNetParseULong(delay, &d)) {
            testNetConfError(VIR_ERR_XML_ERROR, "Invalid delay value in network '%s'", n);
            return NULL;
        }
        if (!br) {
            br = xmlNewDocNode(doc, NULL, BAD_CAST "bridge", NULL);
            xmlAddNextSibling(fwd ? fwd : (virXMLChild(net, "metadata") ?
                                           virXMLChild(net, "metadata") : uuid), br);
        }
        while (br->properties)
            xmlRemoveProp(br->properties);
        testNetSetAttr(br, "name", bname);
        testNetSetAttr(br, "zone", zone);
        if (stpStyle) {
            g_autofree char *dstr = g_strdup_printf("%lu", d);
            xmlSetProp(br, BAD_CAST "stp", BAD_CAST (g_strcmp0(stp, "off") == 0 ? "off" : "on"));
            xmlSetProp(br, BAD_CAST "delay", BAD_CAST dstr);
        }
        testNetSetAttr(br, "macTableManager", mtm);
    } else if (br) {
        xmlUnlinkNode(br);
        xmlFreeNode(br);
    }

    if ((node = virXMLChild(net, "mtu"))) {
        unsigned long size;
        if (!testNetParseULong(testNetAttr(node, "size"), &size)) {
            testNetConfError(VIR_ERR_XML_ERROR, "Invalid mtu size '%s' in network '%s'",
                             testNetAttr(node, "size") ? testNetAttr(node, "size") : "", n);
            return NULL;
        }
    }
    if ((node = virXMLChild(net, "mac"))) {
        const char *mac = testNetAttr(node, "address");
        unsigned int b[6];
        char c;

        if (!mac || sscanf(mac, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &c) != 6 ||
            b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255 || b[4] > 255 || b[5] > 255) {
            testNetConfError(VIR_ERR_XML_ERROR,
                             "Invalid bridge mac address '%s' in network '%s'",
                             mac ? mac : "", n);
            return NULL;
        }
        if (b[0] & 1) {
            testNetConfError(VIR_ERR_XML_ERROR,
                             "Invalid multicast bridge mac address '%s' in network '%s'",
                             mac, n);
            return NULL;
        } else {
            g_autofree char *lower = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                                     b[0], b[1], b[2], b[3], b[4], b[5]);
            xmlSetProp(node, BAD_CAST "address", BAD_CAST lower);
        }
    }
    if ((node = virXMLChild(net, "domain")) &&
        (testNetCheckYesNo(node, "localOnly", "domain") < 0 ||
         testNetCheckYesNo(node, "register", "domain") < 0))
        return NULL;
    if ((node = virXMLChild(net, "dns"))) {
        if (testNetCheckDns(n, node) < 0)
            return NULL;
        if (!node->children && !node->properties) {
            xmlUnlinkNode(node);
            xmlFreeNode(node);
        }
    }
    for (node = net->children; node; node = node->next) {
        if (testNetIs(node, "ip") && testNetCheckIP(n, node) < 0)
            return NULL;
        if (testNetIs(node, "portgroup") && testNetCheckPortGroup(n, node, false) < 0)
            return NULL;
    }
    if (testNetCheckPortSettings(net) < 0)
        return NULL;
    return g_steal_pointer(&doc);
}

/* Parse the <network> document XML (as libvirt's virNetworkDefParseString). */
static xmlDocPtr
testNetDefParse(const char *xml)
{
    g_autoptr(testNetXmlDoc) doc = NULL;

    if (!(doc = virXMLParse(NULL, xml, "(network_definition)", NULL, VIR_FROM_NETWORK)))
        return NULL;
    return testNetDefFromNode(xmlDocGetRootElement(doc));
}

static const char *
testNetDefName(xmlDocPtr def, char **store)
{
    g_free(*store);
    *store = (char *)xmlNodeGetContent(virXMLChild(xmlDocGetRootElement(def), "name"));
    return *store;
}

static void
testNetDefUUID(xmlDocPtr def, unsigned char *uuid)
{
    g_autofree xmlChar *s = xmlNodeGetContent(virXMLChild(xmlDocGetRootElement(def), "uuid"));

    virUUIDParse((const char *)s, uuid);
}

/* ------------------------------------------------------------------ */
/* Objects                                                            */

static void
testNetObjFree(testNetObj *obj)
{
    if (!obj)
        return;
    xmlFreeDoc(obj->def);
    if (obj->newDef)
        xmlFreeDoc(obj->newDef);
    g_free(obj->name);
    g_free(obj);
}

void
testNetworkStateFree(void *state)
{
    testNetState *st = state;

    if (!st)
        return;
    g_ptr_array_free(st->nets, TRUE);
    g_free(st);
}

/* The networks of DRIVER, built from the node file's on first use. */
static testNetState *
testNetStateGet(testDriver *driver)
{
    testNetState *st = driver->networkState;
    size_t i;

    if (st)
        return st;
    st = g_new0(testNetState, 1);
    st->nets = g_ptr_array_new_with_free_func((GDestroyNotify)testNetObjFree);
    for (i = 0; i < driver->networks->len; i++) {
        testGenericObj *gen = g_ptr_array_index(driver->networks, i);
        xmlDocPtr def = gen->xml ? testNetDefParse(gen->xml) : NULL;
        testNetObj *obj;

        if (!def)
            continue;
        obj = g_new0(testNetObj, 1);
        obj->def = def;
        testNetDefName(def, &obj->name);
        testNetDefUUID(def, obj->uuid);
        obj->active = gen->active;
        obj->persistent = gen->persistent;
        obj->autostart = gen->autostart;
        g_ptr_array_add(st->nets, obj);
    }
    driver->networkState = st;
    return st;
}

static testNetObj *
testNetFindByName(testNetState *st, const char *name)
{
    size_t i;

    for (i = 0; i < st->nets->len; i++) {
        testNetObj *obj = g_ptr_array_index(st->nets, i);
        if (strcmp(obj->name, name) == 0)
            return obj;
    }
    return NULL;
}

static testNetObj *
testNetFindByUUID(testNetState *st, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < st->nets->len; i++) {
        testNetObj *obj = g_ptr_array_index(st->nets, i);
        if (memcmp(obj->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

/* NET's object, or NULL with libvirt's "no network with matching name". */
static testNetObj *
testNetFromName(testDriver *driver, virNetworkPtr net)
{
    testNetObj *obj = testNetFindByName(testNetStateGet(driver), net->name);

    if (!obj)
        virReportError(VIR_ERR_NO_NETWORK,
                       _("no network with matching name '%s'"), net->name);
    return obj;
}

static testNetObj *
testNetFromUUID(testDriver *driver, const unsigned char *uuid)
{
    testNetObj *obj = testNetFindByUUID(testNetStateGet(driver), uuid);

    if (!obj) {
        char str[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(uuid, str);
        virReportError(VIR_ERR_NO_NETWORK,
                       _("no network with matching uuid '%s'"), str);
    }
    return obj;
}

static void
testNetRemove(testNetState *st, testNetObj *obj)
{
    g_ptr_array_remove(st->nets, obj);
}

static virNetworkPtr
testNetHandle(virConnectPtr conn, testNetObj *obj)
{
    return virGetNetwork(conn, obj->name, obj->uuid);
}

/* libvirt's virNetworkObjAssignDef: find or add the object for DEF
 * (consumed on success), LIVE for a network being started. */
static testNetObj *
testNetAssignDef(testNetState *st, xmlDocPtr def, bool live)
{
    g_autofree char *name = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    testNetObj *obj;

    testNetDefName(def, &name);
    testNetDefUUID(def, uuid);
    if ((obj = testNetFindByUUID(st, uuid))) {
        if (strcmp(obj->name, name) != 0) {
            virUUIDFormat(obj->uuid, uuidstr);
            testNetConfError(VIR_ERR_OPERATION_FAILED,
                             _("network '%s' is already defined with uuid %s"),
                             obj->name, uuidstr);
            return NULL;
        }
        if (live) {
            if (obj->active) {
                testNetConfError(VIR_ERR_OPERATION_INVALID,
                                 _("network is already active as '%s'"),
                                 obj->name);
                return NULL;
            }
            if (obj->persistent && !obj->newDef)
                obj->newDef = obj->def;
            else
                xmlFreeDoc(obj->def);
            obj->def = def;
        } else {
            if (obj->newDef)
                xmlFreeDoc(obj->newDef);
            obj->newDef = NULL;
            if (obj->active) {
                obj->newDef = def;
            } else {
                xmlFreeDoc(obj->def);
                obj->def = def;
            }
            obj->persistent = true;
        }
        return obj;
    }
    if ((obj = testNetFindByName(st, name))) {
        virUUIDFormat(obj->uuid, uuidstr);
        testNetConfError(VIR_ERR_OPERATION_FAILED,
                         _("network '%s' already exists with uuid %s"),
                         name, uuidstr);
        return NULL;
    }
    obj = g_new0(testNetObj, 1);
    obj->def = def;
    obj->name = g_steal_pointer(&name);
    memcpy(obj->uuid, uuid, VIR_UUID_BUFLEN);
    obj->persistent = !live;
    g_ptr_array_add(st->nets, obj);
    return obj;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                 */

static int
testConnectNumOfNetworksMatching(virConnectPtr conn, bool active)
{
    testDriver *driver = testDriverOf(conn);
    testNetState *st;
    int n = 0;
    size_t i;

    g_mutex_lock(&driver->lock);
    st = testNetStateGet(driver);
    for (i = 0; i < st->nets->len; i++) {
        testNetObj *obj = g_ptr_array_index(st->nets, i);
        if (obj->active == active)
            n++;
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
testConnectListNetworksMatching(virConnectPtr conn, char **const names,
                                int maxnames, bool active)
{
    testDriver *driver = testDriverOf(conn);
    testNetState *st;
    int n = 0;
    size_t i;

    g_mutex_lock(&driver->lock);
    st = testNetStateGet(driver);
    for (i = 0; i < st->nets->len && n < maxnames; i++) {
        testNetObj *obj = g_ptr_array_index(st->nets, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->name);
    }
    g_mutex_unlock(&driver->lock);
    return n;
}

static int
testConnectNumOfNetworks(virConnectPtr conn)
{
    return testConnectNumOfNetworksMatching(conn, true);
}

static int
testConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    return testConnectNumOfNetworksMatching(conn, false);
}

static int
testConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return testConnectListNetworksMatching(conn, names, maxnames, true);
}

static int
testConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return testConnectListNetworksMatching(conn, names, maxnames, false);
}

/* Does OBJ pass the virConnectListAllNetworksFlags filter FLAGS?  Each
 * pair of flags filters only when exactly one of the two is given. */
static bool
testNetMatches(testNetObj *obj, unsigned int flags)
{
#define PAIR(a, b, cond) \
    if ((flags & (a)) && !(flags & (b)) && !(cond)) \
        return false; \
    if ((flags & (b)) && !(flags & (a)) && (cond)) \
        return false;
    PAIR(VIR_CONNECT_LIST_NETWORKS_ACTIVE, VIR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active)
    PAIR(VIR_CONNECT_LIST_NETWORKS_PERSISTENT, VIR_CONNECT_LIST_NETWORKS_TRANSIENT, obj->persistent)
    PAIR(VIR_CONNECT_LIST_NETWORKS_AUTOSTART, VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, obj->autostart)
#undef PAIR
    return true;
}

static int
testConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    testNetState *st;
    int ret;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_INACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_PERSISTENT |
                  VIR_CONNECT_LIST_NETWORKS_TRANSIENT |
                  VIR_CONNECT_LIST_NETWORKS_AUTOSTART |
                  VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, -1);

    g_mutex_lock(&driver->lock);
    st = testNetStateGet(driver);
    for (i = 0; i < st->nets->len; i++) {
        testNetObj *obj = g_ptr_array_index(st->nets, i);
        if (testNetMatches(obj, flags))
            g_ptr_array_add(found, obj);
    }
    ret = found->len;
    if (nets) {
        virNetworkPtr *list = g_new0(virNetworkPtr, found->len + 1);

        for (i = 0; i < found->len; i++)
            list[i] = testNetHandle(conn, g_ptr_array_index(found, i));
        *nets = list;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNetworkPtr
testNetworkLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver = testDriverOf(conn);
    virNetworkPtr ret = NULL;
    testNetObj *obj;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFindByName(testNetStateGet(driver), name)))
        ret = testNetHandle(conn, obj);
    else
        virReportError(VIR_ERR_NO_NETWORK,
                       _("no network with matching name '%s'"), name);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNetworkPtr
testNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testDriver *driver = testDriverOf(conn);
    virNetworkPtr ret = NULL;
    testNetObj *obj;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromUUID(driver, uuid)))
        ret = testNetHandle(conn, obj);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNetworkPtr
testNetworkLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportErrorHelper(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                             "uuidstr in virNetworkLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    return testNetworkLookupByUUID(conn, uuid);
}

/* ------------------------------------------------------------------ */
/* Lifecycle                                                          */

static virNetworkPtr
testNetworkCreateXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    virNetworkPtr ret = NULL;
    xmlDocPtr def;
    testNetObj *obj;

    virCheckFlags(VIR_NETWORK_CREATE_VALIDATE, NULL);

    g_mutex_lock(&driver->lock);
    if ((def = testNetDefParse(xml))) {
        if (!(obj = testNetAssignDef(testNetStateGet(driver), def, true))) {
            xmlFreeDoc(def);
        } else {
            obj->active = true;
            testEventEmitNetworkLifecycle(driver, obj->name, obj->uuid,
                                          VIR_NETWORK_EVENT_STARTED, 0);
            ret = testNetHandle(conn, obj);
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNetworkPtr
testNetworkCreateXML(virConnectPtr conn, const char *xml)
{
    return testNetworkCreateXMLFlags(conn, xml, 0);
}

static virNetworkPtr
testNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    virNetworkPtr ret = NULL;
    xmlDocPtr def;
    testNetObj *obj;

    virCheckFlags(VIR_NETWORK_DEFINE_VALIDATE, NULL);

    g_mutex_lock(&driver->lock);
    if ((def = testNetDefParse(xml))) {
        if (!(obj = testNetAssignDef(testNetStateGet(driver), def, false))) {
            xmlFreeDoc(def);
        } else {
            testEventEmitNetworkLifecycle(driver, obj->name, obj->uuid,
                                          VIR_NETWORK_EVENT_DEFINED, 0);
            ret = testNetHandle(conn, obj);
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virNetworkPtr
testNetworkDefineXML(virConnectPtr conn, const char *xml)
{
    return testNetworkDefineXMLFlags(conn, xml, 0);
}

static int
testNetworkUndefine(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        if (obj->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("Network '%s' is still running"),
                           net->name);
        } else {
            testEventEmitNetworkLifecycle(driver, obj->name, obj->uuid,
                                          VIR_NETWORK_EVENT_UNDEFINED, 0);
            testNetRemove(testNetStateGet(driver), obj);
            ret = 0;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNetworkCreate(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        if (obj->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("Network '%s' is already running"),
                           net->name);
        } else {
            obj->active = true;
            testEventEmitNetworkLifecycle(driver, obj->name, obj->uuid,
                                          VIR_NETWORK_EVENT_STARTED, 0);
            ret = 0;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* As libvirt's test driver: no check that the network runs, and the live
 * definition stays the current one. */
static int
testNetworkDestroy(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        obj->active = false;
        testEventEmitNetworkLifecycle(driver, obj->name, obj->uuid,
                                      VIR_NETWORK_EVENT_STOPPED, 0);
        if (!obj->persistent)
            testNetRemove(testNetStateGet(driver), obj);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Properties                                                         */

static char *
testNetworkGetXMLDesc(virNetworkPtr net, unsigned int flags)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    char *ret = NULL;

    virCheckFlags(0, NULL);

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net)))
        ret = testNetDefFormat(obj->def);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testNetworkGetBridgeName(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    char *ret = NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        const char *name = testNetAttr(virXMLChild(xmlDocGetRootElement(obj->def), "bridge"), "name");

        if (!name)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("network '%s' does not have a bridge name."),
                           obj->name);
        else
            ret = g_strdup(name);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNetworkGetAutostart(virNetworkPtr net, int *autostart)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        *autostart = obj->autostart;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNetworkSetAutostart(virNetworkPtr net, int autostart)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromName(driver, net))) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNetworkIsActive(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromUUID(driver, net->uuid)))
        ret = obj->active;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testNetworkIsPersistent(virNetworkPtr net)
{
    testDriver *driver = testDriverOf(net->conn);
    testNetObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testNetFromUUID(driver, net->uuid)))
        ret = obj->persistent;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* virNetworkUpdate                                                   */

static const char *const testNetSectionNames[] = {
    [VIR_NETWORK_SECTION_BRIDGE] = "bridge",
    [VIR_NETWORK_SECTION_DOMAIN] = "domain",
    [VIR_NETWORK_SECTION_IP] = "ip",
    [VIR_NETWORK_SECTION_FORWARD] = "forward",
    [VIR_NETWORK_SECTION_FORWARD_PF] = "forward pf",
};

/* The <ip> of DEF whose DHCP section PARENTINDEX designates (-1: the one
 * with DHCP settings, else the first IPv4, else the first IPv6). */
static xmlNodePtr
testNetUpdateIP(xmlNodePtr net, const char *name, int parentIndex, const char *what)
{
    xmlNodePtr cur;
    int i = 0;

    for (cur = net->children; cur; cur = cur->next) {
        if (!testNetIs(cur, "ip"))
            continue;
        if (parentIndex >= 0 ? i++ == parentIndex : virXMLChild(cur, "dhcp") != NULL)
            return cur;
    }
    if (parentIndex < 0) {
        int want;
        for (want = AF_INET; ; want = AF_INET6) {
            for (cur = net->children; cur; cur = cur->next) {
                if (testNetIs(cur, "ip") &&
                    testNetAddrFamily(testNetAttr(cur, "address")) == want)
                    return cur;
            }
            if (want == AF_INET6)
                break;
        }
        testNetConfError(VIR_ERR_OPERATION_INVALID,
                         "couldn't update %s - no <ip> element found in network '%s'",
                         what, name);
    } else {
        testNetConfError(VIR_ERR_OPERATION_INVALID,
                         "couldn't update %s - no <ip> element found at index %d in network '%s'",
                         what, parentIndex, name);
    }
    return NULL;
}

static bool
testNetSameAddr(const char *a, const char *b)
{
    unsigned char ra[16] = { 0 };
    unsigned char rb[16] = { 0 };
    int fa = testNetAddrFamily(a);

    if (fa <= 0 || fa != testNetAddrFamily(b))
        return false;
    inet_pton(fa, a, ra);
    inet_pton(fa, b, rb);
    return memcmp(ra, rb, sizeof(ra)) == 0;
}

static bool
testNetSameMac(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

/* The <dhcp> of IP, created when missing. */
static xmlNodePtr
testNetDhcpOf(xmlNodePtr ip)
{
    xmlNodePtr dhcp = virXMLChild(ip, "dhcp");

    if (!dhcp)
        dhcp = xmlNewChild(ip, NULL, BAD_CAST "dhcp", NULL);
    return dhcp;
}

/* Put ITEM among the KIND children of DHCP, first or last of them. */
static void
testNetDhcpInsert(xmlNodePtr dhcp, xmlNodePtr item, const char *kind, bool first)
{
    xmlNodePtr cur;
    xmlNodePtr firstOf = NULL;
    xmlNodePtr lastOf = NULL;

    for (cur = dhcp->children; cur; cur = cur->next) {
        if (testNetIs(cur, kind)) {
            if (!firstOf)
                firstOf = cur;
            lastOf = cur;
        }
    }
    if (first && firstOf) {
        xmlAddPrevSibling(firstOf, item);
    } else if (lastOf) {
        xmlAddNextSibling(lastOf, item);
    } else if (strcmp(kind, "range") == 0 && dhcp->children) {
        xmlAddPrevSibling(dhcp->children, item);
    } else if (strcmp(kind, "host") == 0 && (cur = virXMLChild(dhcp, "bootp"))) {
        xmlAddPrevSibling(cur, item);
    } else {
        xmlAddChild(dhcp, item);
    }
}

static void
testNetDrop(xmlNodePtr node)
{
    xmlNodePtr parent = node->parent;

    xmlUnlinkNode(node);
    xmlFreeNode(node);
    if (parent && testNetIs(parent, "dhcp") && !parent->children) {
        xmlUnlinkNode(parent);
        xmlFreeNode(parent);
    }
}

static int
testNetUpdateDhcpHost(xmlNodePtr net, const char *name, unsigned int command,
                      int parentIndex, xmlNodePtr input)
{
    xmlNodePtr ip = testNetUpdateIP(net, name, parentIndex, "dhcp host entry");
    xmlNodePtr dhcp;
    xmlNodePtr host;
    xmlNodePtr cur;
    const char *mac;
    const char *hname;
    const char *addr;
    int family;

    if (!ip)
        return -1;
    family = testNetAddrFamily(testNetAttr(ip, "address"));
    host = testNetCanon(NULL, input, &specDhcpHost);
    if (testNetCheckDhcpHost(name, family, host,
                             command == VIR_NETWORK_UPDATE_COMMAND_DELETE) < 0)
        goto error;
    testNetFixLeases(host);
    mac = testNetAttr(host, "mac");
    hname = testNetAttr(host, "name");
    addr = testNetAttr(host, "ip");
    dhcp = virXMLChild(ip, "dhcp");

    for (cur = dhcp ? dhcp->children : NULL; cur; cur = cur->next) {
        bool match;

        if (!testNetIs(cur, "host"))
            continue;
        if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            match = (!mac || !testNetAttr(cur, "mac") || testNetSameMac(mac, testNetAttr(cur, "mac"))) &&
                    (!hname || g_strcmp0(hname, testNetAttr(cur, "name")) == 0) &&
                    (!addr || testNetSameAddr(addr, testNetAttr(cur, "ip")));
        } else {
            match = testNetSameMac(mac, testNetAttr(cur, "mac")) ||
                    (hname && g_strcmp0(hname, testNetAttr(cur, "name")) == 0) ||
                    (addr && testNetSameAddr(addr, testNetAttr(cur, "ip")));
        }
        if (match)
            break;
    }

    switch (command) {
    case VIR_NETWORK_UPDATE_COMMAND_MODIFY:
        if (!cur) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate an existing dhcp host entry with \"mac='%s'\" \"name='%s'\" \"ip='%s'\" in network '%s'",
                             mac ? mac : "(null)", hname ? hname : "(null)",
                             addr ? addr : "(null)", name);
            goto error;
        }
        xmlAddNextSibling(cur, host);
        testNetDrop(cur);
        return 0;
    case VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST:
    case TEST_NET_UPDATE_ADD_LAST:
        if (cur) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "there is an existing dhcp host entry in network '%s' that matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                             name, mac ? mac : "(null)", hname ? hname : "(null)",
                             addr ? addr : "(null)");
            goto error;
        }
        testNetDhcpInsert(testNetDhcpOf(ip), host, "host",
                          command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
        return 0;
    case VIR_NETWORK_UPDATE_COMMAND_DELETE:
        if (!cur) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching dhcp host entry in network '%s'",
                             name);
            goto error;
        }
        testNetDrop(cur);
        xmlFreeNode(host);
        return 0;
    default:
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "unrecognized network update command code %d",
                         (int)command);
        goto error;
    }

 error:
    xmlFreeNode(host);
    return -1;
}

static int
testNetUpdateDhcpRange(xmlNodePtr net, const char *name, unsigned int command,
                       int parentIndex, xmlNodePtr input)
{
    xmlNodePtr ip = testNetUpdateIP(net, name, parentIndex, "dhcp range");
    xmlNodePtr range;
    xmlNodePtr dhcp;
    xmlNodePtr cur;
    const char *start;
    const char *end;

    if (!ip)
        return -1;
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    range = testNetCanon(NULL, input, &specRange);
    testNetFixLeases(range);
    start = testNetAttr(range, "start");
    end = testNetAttr(range, "end");
    if (!start || testNetAddrFamily(start) <= 0 || !end || testNetAddrFamily(end) <= 0) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "Missing or invalid 'start' or 'end' attribute in dhcp range for network '%s'",
                         name);
        goto error;
    }
    dhcp = virXMLChild(ip, "dhcp");
    for (cur = dhcp ? dhcp->children : NULL; cur; cur = cur->next) {
        if (testNetIs(cur, "range") &&
            testNetSameAddr(start, testNetAttr(cur, "start")) &&
            testNetSameAddr(end, testNetAttr(cur, "end")))
            break;
    }
    switch (command) {
    case VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST:
    case TEST_NET_UPDATE_ADD_LAST:
        if (cur) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "there is an existing dhcp range entry in network '%s' that matches \"<range start='%s' end='%s'/>\"",
                             name, start, end);
            goto error;
        }
        testNetDhcpInsert(testNetDhcpOf(ip), range, "range",
                          command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
        return 0;
    case VIR_NETWORK_UPDATE_COMMAND_DELETE:
        if (!cur) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching dhcp range entry in network '%s'",
                             name);
            goto error;
        }
        testNetDrop(cur);
        xmlFreeNode(range);
        return 0;
    default:
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "unrecognized network update command code %d",
                         (int)command);
        goto error;
    }

 error:
    xmlFreeNode(range);
    return -1;
}

/* ------------------------------------------------------------------ */
/* virNetworkUpdate of DNS records, port groups and forward devices   */

typedef enum {
    TEST_NET_REC_EXISTS,     /* an add found a matching record */
    TEST_NET_REC_MISSING,    /* a delete or modify found none */
    TEST_NET_REC_MULTIPLE,   /* a delete found several */
    TEST_NET_REC_PROBLEMS
} testNetRecProblem;

/* One kind of record a network holds in a list: where the list lives,
 * how a request is checked and matched, and how libvirt words each
 * refusal. */
typedef struct {
    const testNetSpec *spec;
    const char *container;   /* "dns", "forward", or NULL: the <network> */
    const char *key;         /* the attribute naming a record, or NULL */
    bool (*match)(xmlNodePtr want, xmlNodePtr have, bool adding); /* without a key */
    int (*check)(const char *net, xmlNodePtr rec, bool partial);
    const char *nomodify;    /* why MODIFY is refused, or NULL if allowed */
    /* refusals, as formats of the network's name (%1$s) and the record's
     * key (%2$s); no MULTIPLE one: a delete or modify takes one match */
    const char *problems[TEST_NET_REC_PROBLEMS];
    bool lastMatch;          /* ... the last one rather than the first */
} testNetRecKind;

/* Adding checks only the address: one name may have several addresses. */
static bool
testNetMatchDnsHost(xmlNodePtr want, xmlNodePtr have, bool adding)
{
    xmlNodePtr a;
    xmlNodePtr b;

    if (testNetSameAddr(testNetAttr(want, "ip"), testNetAttr(have, "ip")))
        return true;
    if (adding)
        return false;
    for (a = want->children; a; a = a->next) {
        g_autofree xmlChar *an = xmlNodeGetContent(a);

        for (b = have->children; b; b = b->next) {
            g_autofree xmlChar *bn = xmlNodeGetContent(b);

            if (testNetIs(a, "hostname") && testNetIs(b, "hostname") &&
                xmlStrEqual(an, bn))
                return true;
        }
    }
    return false;
}

/* Every text field the request names must be equal; numbers do not count. */
static bool
testNetMatchSrv(xmlNodePtr want, xmlNodePtr have, bool adding G_GNUC_UNUSED)
{
    static const char *const fields[] = { "domain", "service", "protocol", "target" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        const char *v = testNetAttr(want, fields[i]);

        if (v && g_strcmp0(v, testNetAttr(have, fields[i])) != 0)
            return false;
    }
    return true;
}

static int
testNetCheckForwardIf(const char *net G_GNUC_UNUSED, xmlNodePtr iface,
                      bool partial G_GNUC_UNUSED)
{
    if (!testNetAttr(iface, "dev")) {
        testNetConfError(VIR_ERR_XML_ERROR, "missing dev attribute in <interface> element");
        return -1;
    }
    return 0;
}

static const testNetRecKind testNetRecDnsHost = {
    &specDnsHost, "dns", NULL, testNetMatchDnsHost, testNetCheckDnsHost,
    "DNS HOST records cannot be modified, only added or deleted",
    {
        "there is already at least one DNS HOST record with a matching field in network %1$s",
        "couldn't locate a matching DNS HOST record in network %1$s",
        "multiple matching DNS HOST records were found in network %1$s",
    },
};
static const testNetRecKind testNetRecTxt = {
    &specTxt, "dns", "name", NULL, testNetCheckTxt,
    "DNS TXT records cannot be modified, only added or deleted",
    {
        "there is already a DNS TXT record with name '%2$s' in network %1$s",
        "couldn't locate a matching DNS TXT record in network %1$s",
        NULL,
    },
};
static const testNetRecKind testNetRecSrv = {
    &specSrv, "dns", NULL, testNetMatchSrv, testNetCheckSrv,
    "DNS SRV records cannot be modified, only added or deleted",
    {
        "there is already at least one DNS SRV record matching all specified fields in network %1$s",
        "couldn't locate a matching DNS SRV record in network %1$s",
        "multiple DNS SRV records matching all specified fields were found in network %1$s",
    },
};
static const testNetRecKind testNetRecPortGroup = {
    &specPortGroup, NULL, "name", NULL, testNetCheckPortGroup, NULL,
    {
        "there is an existing portgroup entry in network '%1$s' that matches \"<portgroup name='%2$s'>\"",
        "couldn't find a portgroup entry in network '%1$s' matching <portgroup name='%2$s'>",
        NULL,
    },
    true,
};
static const testNetRecKind testNetRecForwardIf = {
    &specFwdIf, "forward", "dev", NULL, testNetCheckForwardIf,
    "forward interface entries cannot be modified, only added or deleted",
    {
        "there is an existing interface entry in network '%1$s' that matches \"<interface dev='%2$s'>\"",
        "couldn't find an interface entry in network '%1$s' matching <interface dev='%2$s'>",
        NULL,
    },
};

static bool
testNetRecMatches(const testNetRecKind *kind, xmlNodePtr want, xmlNodePtr have, bool adding)
{
    if (!testNetIs(have, kind->spec->name))
        return false;
    if (kind->key)
        return g_strcmp0(testNetAttr(want, kind->key), testNetAttr(have, kind->key)) == 0;
    return kind->match(want, have, adding);
}

static void
testNetRecRefuse(const testNetRecKind *kind, testNetRecProblem problem,
                 const char *net, xmlNodePtr rec)
{
    const char *key = kind->key ? testNetAttr(rec, kind->key) : NULL;

    testNetConfError(VIR_ERR_OPERATION_INVALID, kind->problems[problem],
                     net, key ? key : "");
}

/* Only one port group may be the default. */
static int
testNetCheckOneDefault(xmlNodePtr net, const char *name, xmlNodePtr pg, xmlNodePtr replaced)
{
    xmlNodePtr cur;

    if (g_strcmp0(testNetAttr(pg, "default"), "yes") != 0)
        return 0;
    for (cur = net->children; cur; cur = cur->next) {
        if (cur != replaced && testNetIs(cur, "portgroup") &&
            g_strcmp0(testNetAttr(cur, "default"), "yes") == 0) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "a different portgroup entry in network '%s' is already set as the default. Only one default is allowed.",
                             name);
            return -1;
        }
    }
    return 0;
}

/* Put ITEM first or last among the records like it in CONTAINER. */
static void
testNetInsertRecord(xmlNodePtr container, xmlNodePtr item, bool first)
{
    xmlNodePtr cur;
    xmlNodePtr firstOf = NULL;
    xmlNodePtr lastOf = NULL;

    for (cur = container->children; cur; cur = cur->next) {
        if (xmlStrEqual(cur->name, item->name)) {
            if (!firstOf)
                firstOf = cur;
            lastOf = cur;
        }
    }
    if (first && firstOf)
        xmlAddPrevSibling(firstOf, item);
    else if (lastOf)
        xmlAddNextSibling(lastOf, item);
    else
        xmlAddChild(container, item);
}

/* Apply COMMAND with the record INPUT of KIND to the network NET (named
 * NAME); the caller checks the result as a whole definition. */
static int
testNetUpdateRecord(xmlNodePtr net, const char *name, const testNetRecKind *kind,
                    unsigned int command, xmlNodePtr input)
{
    g_autoptr(testNetXmlNode) rec = testNetCanon(NULL, input, kind->spec);
    bool adding = command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
                  command == TEST_NET_UPDATE_ADD_LAST;
    xmlNodePtr container = net;
    xmlNodePtr found = NULL;
    xmlNodePtr cur;
    int matches = 0;

    if (kind->check(name, rec, command == VIR_NETWORK_UPDATE_COMMAND_DELETE) < 0)
        return -1;
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY && kind->nomodify) {
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED, "%s", kind->nomodify);
        return -1;
    }
    if (kind->container && !(container = virXMLChild(net, kind->container))) {
        /* no <dns> yet: made for an add; no <forward>: an isolated
         * network, where forward devices are accepted and dropped, as
         * libvirt's copy of the definition drops them */
        if (adding && strcmp(kind->container, "dns") == 0)
            container = xmlNewChild(net, NULL, BAD_CAST "dns", NULL);
        else if (adding)
            return 0;
    }
    for (cur = container ? container->children : NULL; cur; cur = cur->next) {
        if (testNetRecMatches(kind, rec, cur, adding)) {
            if (!found || kind->lastMatch)
                found = cur;
            matches++;
        }
    }

    if (adding) {
        if (found) {
            testNetRecRefuse(kind, TEST_NET_REC_EXISTS, name, rec);
            return -1;
        }
        if (kind == &testNetRecPortGroup && testNetCheckOneDefault(net, name, rec, NULL) < 0)
            return -1;
        testNetInsertRecord(container, g_steal_pointer(&rec),
                            command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
        return 0;
    }
    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE &&
        command != VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "unrecognized network update command code %d", (int)command);
        return -1;
    }
    if (!found) {
        testNetRecRefuse(kind, TEST_NET_REC_MISSING, name, rec);
        return -1;
    }
    if (matches > 1 && kind->problems[TEST_NET_REC_MULTIPLE]) {
        testNetRecRefuse(kind, TEST_NET_REC_MULTIPLE, name, rec);
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        if (testNetCheckOneDefault(net, name, rec, found) < 0)
            return -1;
        xmlAddNextSibling(found, g_steal_pointer(&rec));
    }
    xmlUnlinkNode(found);
    xmlFreeNode(found);
    return 0;
}

/* Apply one update to a copy of DEF; the new definition, checked as a
 * whole the way libvirt re-reads its updated copy, or NULL. */
static xmlDocPtr
testNetUpdateDef(xmlDocPtr def, unsigned int command, unsigned int section,
                 int parentIndex, const char *xml)
{
    g_autoptr(testNetXmlDoc) copy = xmlCopyDoc(def, 1);
    g_autoptr(testNetXmlDoc) input = NULL;
    xmlNodePtr net = xmlDocGetRootElement(copy);
    g_autofree char *name = (char *)xmlNodeGetContent(virXMLChild(net, "name"));
    const testNetRecKind *kind = NULL;
    const char *expect = NULL;
    xmlNodePtr node;
    int rc;

    if (!(input = virXMLParse(NULL, xml, "network_update_xml", NULL, VIR_FROM_NETWORK)))
        return NULL;
    node = xmlDocGetRootElement(input);

    switch (section) {
    case VIR_NETWORK_SECTION_BRIDGE:
    case VIR_NETWORK_SECTION_DOMAIN:
    case VIR_NETWORK_SECTION_IP:
    case VIR_NETWORK_SECTION_FORWARD:
    case VIR_NETWORK_SECTION_FORWARD_PF:
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "can't update '%s' section of network '%s'",
                         testNetSectionNames[section], name);
        return NULL;
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        expect = section == VIR_NETWORK_SECTION_IP_DHCP_HOST ? "host" : "range";
        break;
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        kind = &testNetRecForwardIf;
        break;
    case VIR_NETWORK_SECTION_PORTGROUP:
        kind = &testNetRecPortGroup;
        break;
    case VIR_NETWORK_SECTION_DNS_HOST:
        kind = &testNetRecDnsHost;
        break;
    case VIR_NETWORK_SECTION_DNS_TXT:
        kind = &testNetRecTxt;
        break;
    case VIR_NETWORK_SECTION_DNS_SRV:
        kind = &testNetRecSrv;
        break;
    default:
        testNetConfError(VIR_ERR_OPERATION_UNSUPPORTED,
                         "can't update unrecognized section of network");
        return NULL;
    }
    if (kind)
        expect = kind->spec->name;
    if (!testNetIs(node, expect)) {
        testNetConfError(VIR_ERR_XML_ERROR,
                         "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                         (const char *)node->name, expect, name);
        return NULL;
    }
    if (kind)
        rc = testNetUpdateRecord(net, name, kind, command, node);
    else if (section == VIR_NETWORK_SECTION_IP_DHCP_HOST)
        rc = testNetUpdateDhcpHost(net, name, command, parentIndex, node);
    else
        rc = testNetUpdateDhcpRange(net, name, command, parentIndex, node);
    if (rc < 0)
        return NULL;
    /* the forward dev attribute follows the first interface */
    if (kind == &testNetRecForwardIf && (node = virXMLChild(net, "forward")))
        xmlUnsetProp(node, BAD_CAST "dev");
    return testNetDefFromNode(net);
}

static int
testNetworkUpdate(virNetworkPtr net, unsigned int command, unsigned int section,
                  int parentIndex, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverOf(net->conn);
    xmlDocPtr livedef = NULL;
    xmlDocPtr configdef = NULL;
    testNetObj *obj;
    int ret = -1;

    virCheckFlags(VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testNetFromUUID(driver, net->uuid)))
        goto cleanup;
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!obj->active && (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        testNetConfError(VIR_ERR_OPERATION_INVALID,
                         "network is not running");
        goto cleanup;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        if (!obj->persistent) {
            testNetConfError(VIR_ERR_OPERATION_INVALID,
                             "cannot change persistent config of a transient network");
            goto cleanup;
        }
        if (obj->active && !obj->newDef)
            obj->newDef = xmlCopyDoc(obj->def, 1);
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) &&
        !(livedef = testNetUpdateDef(obj->def, command, section, parentIndex, xml)))
        goto cleanup;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) &&
        !(configdef = testNetUpdateDef(obj->newDef ? obj->newDef : obj->def,
                                       command, section, parentIndex, xml)))
        goto cleanup;
    if (configdef) {
        if (obj->active) {
            xmlFreeDoc(obj->newDef);
            obj->newDef = g_steal_pointer(&configdef);
        } else {
            xmlFreeDoc(obj->def);
            obj->def = g_steal_pointer(&configdef);
        }
    }
    if (livedef) {
        xmlFreeDoc(obj->def);
        obj->def = g_steal_pointer(&livedef);
    }
    ret = 0;

 cleanup:
    if (livedef)
        xmlFreeDoc(livedef);
    if (configdef)
        xmlFreeDoc(configdef);
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static virNetworkDriver testNetworkDriver = {
    .name = "Test",
    .connectNumOfNetworks = testConnectNumOfNetworks,
    .connectListNetworks = testConnectListNetworks,
    .connectNumOfDefinedNetworks = testConnectNumOfDefinedNetworks,
    .connectListDefinedNetworks = testConnectListDefinedNetworks,
    .connectListAllNetworks = testConnectListAllNetworks,
    .networkLookupByName = testNetworkLookupByName,
    .networkLookupByUUID = testNetworkLookupByUUID,
    .networkLookupByUUIDString = testNetworkLookupByUUIDString,
    .networkCreateXML = testNetworkCreateXML,
    .networkCreateXMLFlags = testNetworkCreateXMLFlags,
    .networkDefineXML = testNetworkDefineXML,
    .networkDefineXMLFlags = testNetworkDefineXMLFlags,
    .networkUndefine = testNetworkUndefine,
    .networkUpdate = testNetworkUpdate,
    .networkCreate = testNetworkCreate,
    .networkDestroy = testNetworkDestroy,
    .networkGetXMLDesc = testNetworkGetXMLDesc,
    .networkGetBridgeName = testNetworkGetBridgeName,
    .networkGetAutostart = testNetworkGetAutostart,
    .networkSetAutostart = testNetworkSetAutostart,
    .networkIsActive = testNetworkIsActive,
    .networkIsPersistent = testNetworkIsPersistent,
};

void
testNetworkRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    cd->networkDriver = &testNetworkDriver;
}

