/*
 * test_driver_state.c: building the fake host of the test driver.
 *
 * A host comes either from the built-in description used by
 * test:///default or from a <node> file named by the URI.  Both go through
 * the same reader: the built-in host is simply a node document kept as a
 * string, so the default state and a custom file are loaded the same way
 * and behave the same way (domains in it start running, in file order,
 * with ids 1, 2, ...).
 *
 * The node format: <node> holds <cpu> (nodes, sockets, cores, threads,
 * active, mhz, model), <memory> (KiB), <auth> (<user password='...'>),
 * and any number of <domain>, <network>, <pool> (with <volume>s),
 * <interface> and <device> elements, each either inline or a reference
 * <X file='relative/or/absolute.xml'/> resolved against the node file's
 * folder.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "test_driver_state.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ------------------------------------------------------------------ */
/* The built-in host of test:///default                               */

static const char testDefaultNodeXML[] =
"<node>"
"  <domain type='test'>"
"    <name>test</name>"
"    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
"    <memory>8388608</memory>"
"    <currentMemory>2097152</currentMemory>"
"    <vcpu>2</vcpu>"
"    <os><type>hvm</type></os>"
"    <devices>"
"      <disk type='file' device='disk'>"
"        <source file='/guest/diskimage1'/>"
"        <target dev='vda' bus='virtio'/>"
"        <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
"      </disk>"
"      <interface type='network'>"
"        <mac address='aa:bb:cc:dd:ee:ff'/>"
"        <source network='default'/>"
"        <target dev='testnet0'/>"
"        <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>"
"      </interface>"
"      <memballoon model='virtio'>"
"        <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
"      </memballoon>"
"    </devices>"
"  </domain>"
"  <network>"
"    <name>default</name>"
"    <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
"    <forward mode='nat'/>"
"    <bridge name='virbr0' stp='on' delay='0'/>"
"    <ip address='192.168.122.1' netmask='255.255.255.0'>"
"      <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>"
"    </ip>"
"  </network>"
"  <interface type='ethernet' name='eth1'>"
"    <start mode='onboot'/>"
"    <mac address='aa:bb:cc:dd:ee:ff'/>"
"    <mtu size='1492'/>"
"    <protocol family='ipv4'>"
"      <ip address='192.168.0.5' prefix='24'/>"
"      <route gateway='192.168.0.1'/>"
"    </protocol>"
"  </interface>"
"  <pool type='dir'>"
"    <name>default-pool</name>"
"    <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
"    <target><path>/default-pool</path></target>"
"  </pool>"
"  <device>"
"    <name>computer</name>"
"    <capability type='system'>"
"      <hardware>"
"        <vendor>Libvirt</vendor>"
"        <version>Test driver</version>"
"        <serial>123456</serial>"
"        <uuid>11111111-2222-3333-4444-555555555555</uuid>"
"      </hardware>"
"      <firmware>"
"        <vendor>Libvirt</vendor>"
"        <version>Test Driver</version>"
"        <release_date>01/22/2007</release_date>"
"      </firmware>"
"    </capability>"
"  </device>"
"  <device>"
"    <name>scsi_host1</name>"
"    <parent>computer</parent>"
"    <capability type='scsi_host'>"
"      <host>1</host>"
"      <unique_id>0</unique_id>"
"      <capability type='fc_host'>"
"        <wwnn>2000000012341234</wwnn>"
"        <wwpn>1000000012341234</wwpn>"
"        <fabric_wwn>2000000043214321</fabric_wwn>"
"      </capability>"
"      <capability type='vport_ops'>"
"        <max_vports>0</max_vports>"
"        <vports>0</vports>"
"      </capability>"
"    </capability>"
"  </device>"
"  <device>"
"    <name>scsi_host2</name>"
"    <parent>computer</parent>"
"    <capability type='scsi_host'>"
"      <host>2</host>"
"      <unique_id>1</unique_id>"
"      <capability type='fc_host'>"
"        <wwnn>2000000056785678</wwnn>"
"        <wwpn>1000000056785678</wwpn>"
"        <fabric_wwn>2000000087658765</fabric_wwn>"
"      </capability>"
"      <capability type='vport_ops'>"
"        <max_vports>0</max_vports>"
"        <vports>0</vports>"
"      </capability>"
"    </capability>"
"  </device>"
"  <device>"
"    <name>scsi_host11</name>"
"    <parent>scsi_host1</parent>"
"    <capability type='scsi_host'>"
"      <host>11</host>"
"      <unique_id>10</unique_id>"
"      <capability type='fc_host'>"
"        <wwnn>2000000034563456</wwnn>"
"        <wwpn>1000000034563456</wwpn>"
"        <fabric_wwn>2000000043214321</fabric_wwn>"
"      </capability>"
"    </capability>"
"  </device>"
"</node>";

/* The host every test connection starts from before its node file (if
 * any) says otherwise. */
static const virNodeInfo testDefaultNodeInfo = {
    .model = "i686",
    .memory = 3145728,
    .cpus = 16,
    .mhz = 1400,
    .nodes = 2,
    .sockets = 2,
    .cores = 2,
    .threads = 2,
};

/* ------------------------------------------------------------------ */
/* Objects                                                            */

void
testDomainObjFree(testDomainObj *obj)
{
    if (!obj)
        return;
    testSnapshotDomainFree(obj->snapshots);
    testDomainMoreDomainFree(obj->more);
    testDomainRestDomainFree(obj->rest);
    virDomainDefFree(obj->def);
    virDomainDefFree(obj->newDef);
    g_free(obj);
}

void
testGenericObjFree(testGenericObj *obj)
{
    if (!obj)
        return;
    g_free(obj->name);
    g_free(obj->xml);
    if (obj->children)
        g_ptr_array_free(obj->children, TRUE);
    g_free(obj);
}

static testDriver *
testDriverNew(void)
{
    testDriver *driver = g_new0(testDriver, 1);

    g_mutex_init(&driver->lock);
    driver->nodeInfo = testDefaultNodeInfo;
    driver->nextDomID = 1;
    driver->domains = g_ptr_array_new_with_free_func((GDestroyNotify)testDomainObjFree);
    driver->networks = g_ptr_array_new_with_free_func((GDestroyNotify)testGenericObjFree);
    driver->pools = g_ptr_array_new_with_free_func((GDestroyNotify)testGenericObjFree);
    driver->interfaces = g_ptr_array_new_with_free_func((GDestroyNotify)testGenericObjFree);
    driver->devices = g_ptr_array_new_with_free_func((GDestroyNotify)testGenericObjFree);
    return driver;
}

void
testDriverFree(testDriver *driver)
{
    size_t i;

    if (!driver)
        return;
    testNetworkStateFree(driver->networkState);
    testStorageStateFree(driver->storageState);
    testHostDevStateFree(driver->hostDevState);
    testEventStateFree(driver->eventState);
    g_ptr_array_free(driver->domains, TRUE);
    g_ptr_array_free(driver->networks, TRUE);
    g_ptr_array_free(driver->pools, TRUE);
    g_ptr_array_free(driver->interfaces, TRUE);
    g_ptr_array_free(driver->devices, TRUE);
    for (i = 0; i < driver->nauths; i++) {
        g_free(driver->auths[i].username);
        g_free(driver->auths[i].password);
    }
    g_free(driver->auths);
    g_mutex_clear(&driver->lock);
    g_free(driver);
}

/* ------------------------------------------------------------------ */
/* Domain helpers shared with test_driver.c                           */

int
testDomainGenerateIfnames(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        int n;

        if (def->nets[i]->ifname)
            continue;
        for (n = 0; n < 1024; n++) {
            g_autofree char *name = g_strdup_printf("testnet%d", n);
            bool used = false;
            size_t j;

            for (j = 0; j < def->nnets && !used; j++) {
                if (def->nets[j]->ifname && strcmp(def->nets[j]->ifname, name) == 0)
                    used = true;
            }
            if (!used) {
                def->nets[i]->ifname = g_steal_pointer(&name);
                break;
            }
        }
        if (!def->nets[i]->ifname) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Exceeded max iface limit %d"), 1024);
            return -1;
        }
    }
    return 0;
}

void
testDomainDefPostParse(virDomainDef *def)
{
    /* The fake host only has i686 guests; like libvirt's test driver,
     * whatever architecture the document names is kept. */
    if (!def->os.arch)
        def->os.arch = g_strdup("i686");
}

void
testDomainStartState(testDriver *driver, testDomainObj *obj, int reason)
{
    obj->state = VIR_DOMAIN_RUNNING;
    obj->reason = reason;
    obj->def->id = driver->nextDomID++;
    /* A running persistent domain keeps its configuration apart from the
     * live definition, so live changes vanish when it stops. */
    if (obj->persistent && !obj->newDef) {
        obj->newDef = virDomainDefCopy(obj->def);
        if (obj->newDef)
            obj->newDef->id = -1;
    }
}

/* ------------------------------------------------------------------ */
/* Reading XML files                                                  */

/* Parse the XML file PATH; NULL with an error reported. */
static xmlDocPtr
testParseXMLFile(const char *path)
{
    return virXMLParse(path, NULL, path, NULL, VIR_FROM_THIS);
}

/* The attribute NAME of NODE as a string to g_free, or NULL. */
static char *
testNodeProp(xmlNodePtr node, const char *name)
{
    xmlChar *value = xmlGetProp(node, BAD_CAST name);
    char *ret;

    if (!value)
        return NULL;
    ret = g_strdup((const char *)value);
    xmlFree(value);
    return ret;
}

/* Where the document of element NODE really is: NODE itself, or the root
 * of the file its 'file' attribute names (loaded into *EXTDOC, which the
 * caller frees).  BASEDIR resolves relative names.  NULL on error. */
static xmlNodePtr
testResolveNode(xmlNodePtr node, const char *basedir, xmlDocPtr *extdoc)
{
    g_autofree char *file = testNodeProp(node, "file");
    g_autofree char *path = NULL;
    xmlNodePtr root;

    *extdoc = NULL;
    if (!file)
        return node;
    if (file[0] == '/' || !basedir)
        path = g_strdup(file);
    else
        path = g_build_filename(basedir, file, NULL);
    if (!(*extdoc = testParseXMLFile(path)))
        return NULL;
    root = xmlDocGetRootElement(*extdoc);
    if (strcmp((const char *)root->name, (const char *)node->name) != 0) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__,
                             __func__, __LINE__,
                             _("expecting root element of '%s', not '%s'"),
                             (const char *)node->name, (const char *)root->name);
        xmlFreeDoc(*extdoc);
        *extdoc = NULL;
        return NULL;
    }
    return root;
}

static char *
testNodeText(xmlNodePtr node)
{
    xmlChar *c = xmlNodeGetContent(node);
    char *ret;

    if (!c)
        return NULL;
    ret = g_strstrip(g_strdup((const char *)c));
    xmlFree(c);
    return ret;
}

/* The unsigned number in the text of PARENT's child NAME.  Returns 0
 * (stored in *value), 1 when there is no such child, -1 when its text is
 * not a number. */
static int
testChildUInt(xmlNodePtr parent, const char *name, unsigned long long *value)
{
    xmlNodePtr child = virXMLChild(parent, name);
    g_autofree char *text = NULL;
    char *end = NULL;

    if (!child)
        return 1;
    text = testNodeText(child);
    if (!text || !*text || text[0] == '-')
        return -1;
    errno = 0;
    *value = g_ascii_strtoull(text, &end, 10);
    if (errno || *end)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The node document                                                  */

static int
testParseNodeInfo(testDriver *driver, xmlNodePtr root)
{
    xmlNodePtr cpu = virXMLChild(root, "cpu");
    virNodeInfo *info = &driver->nodeInfo;
    unsigned long long v;
    int rc;

    if (cpu) {
        static const char *const names[] = { "nodes", "sockets", "cores", "threads" };
        unsigned int *fields[] = {
            &info->nodes, &info->sockets, &info->cores, &info->threads,
        };
        xmlNodePtr model;
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(names); i++) {
            rc = testChildUInt(cpu, names[i], &v);
            if (rc < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("invalid node cpu %s value"), names[i]);
                return -1;
            }
            if (rc == 0)
                *fields[i] = v;
        }
        info->cpus = info->nodes * info->sockets * info->cores * info->threads;

        rc = testChildUInt(cpu, "active", &v);
        if (rc < 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("invalid node cpu active value"));
            return -1;
        }
        if (rc == 0 && v < info->cpus)
            info->cpus = v;

        rc = testChildUInt(cpu, "mhz", &v);
        if (rc < 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("invalid node cpu mhz value"));
            return -1;
        }
        if (rc == 0)
            info->mhz = v;

        if ((model = virXMLChild(cpu, "model"))) {
            g_autofree char *text = testNodeText(model);

            if (text) {
                if (strlen(text) >= sizeof(info->model)) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("Model %s too big for destination"), text);
                    return -1;
                }
                memset(info->model, 0, sizeof(info->model));
                memcpy(info->model, text, strlen(text));
            }
        }
    }

    rc = testChildUInt(root, "memory", &v);
    if (rc < 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("invalid node memory value"));
        return -1;
    }
    if (rc == 0)
        info->memory = v;
    return 0;
}

static int
testParseAuth(testDriver *driver, xmlNodePtr root)
{
    xmlNodePtr auth = virXMLChild(root, "auth");
    xmlNodePtr cur;

    if (!auth)
        return 0;
    for (cur = auth->children; cur; cur = cur->next) {
        g_autofree char *name = NULL;
        testAuth *a;

        if (cur->type != XML_ELEMENT_NODE ||
            strcmp((const char *)cur->name, "user") != 0)
            continue;
        name = testNodeText(cur);
        if (!name || !*name) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing username in /node/auth/user field"));
            return -1;
        }
        driver->auths = g_renew(testAuth, driver->auths, driver->nauths + 1);
        a = &driver->auths[driver->nauths++];
        a->username = g_steal_pointer(&name);
        a->password = testNodeProp(cur, "password");
    }
    return 0;
}

#define TEST_DOMAIN_NS "http://libvirt.org/schemas/domain/test/1.0"

/* What a node file's domain says in the test namespace. */
typedef struct {
    int runstate;          /* virDomainState */
    bool transient;
    bool hasManagedSave;
} testDomainNamespace;

/* The <test:runstate>, <test:transient/> and <test:hasmanagedsave/>
 * children of the <domain> NODE, checked as libvirt's test driver does. */
static int
testParseDomainNamespace(xmlNodePtr node, testDomainNamespace *ns)
{
    xmlNodePtr cur;

    ns->runstate = VIR_DOMAIN_RUNNING;
    ns->transient = false;
    ns->hasManagedSave = false;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE || !cur->ns ||
            !xmlStrEqual(cur->ns->href, BAD_CAST TEST_DOMAIN_NS))
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "transient")) {
            ns->transient = true;
        } else if (xmlStrEqual(cur->name, BAD_CAST "hasmanagedsave")) {
            ns->hasManagedSave = true;
        } else if (xmlStrEqual(cur->name, BAD_CAST "runstate")) {
            g_autofree xmlChar *text = xmlNodeGetContent(cur);
            char *end = NULL;
            long v = text ? strtol((const char *)text, &end, 10) : 0;

            if (!text || !*text || *end) {
                virReportError(VIR_ERR_XML_ERROR, "%s", _("invalid runstate"));
                return -1;
            }
            if (v < 0 || v >= VIR_DOMAIN_PMSUSPENDED + 1) {
                virReportError(VIR_ERR_XML_ERROR, _("runstate '%ld' out of range'"), v);
                return -1;
            }
            ns->runstate = (int)v;
        }
    }
    if (ns->transient && ns->runstate == VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("transient domain cannot have runstate 'shutoff'"));
        return -1;
    }
    if (ns->hasManagedSave && ns->runstate != VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("domain with managedsave data can only have runstate 'shutoff'"));
        return -1;
    }
    return 0;
}

static int
testParseDomain(testDriver *driver, xmlDocPtr doc, xmlNodePtr node)
{
    g_autoptr(virDomainDef) def = NULL;
    testDomainNamespace ns;
    testDomainObj *obj;
    size_t i;

    if (!(def = virDomainDefParseNode(doc, node, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    testDomainDefPostParse(def);
    if (testDomainGenerateIfnames(def) < 0)
        return -1;

    for (i = 0; i < driver->domains->len; i++) {
        testDomainObj *other = g_ptr_array_index(driver->domains, i);
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        if (memcmp(other->def->uuid, def->uuid, VIR_UUID_BUFLEN) == 0) {
            virUUIDFormat(def->uuid, uuidstr);
            virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                                 __FILE__, __func__, __LINE__,
                                 _("domain '%s' is already defined with uuid %s"),
                                 other->def->name, uuidstr);
            return -1;
        }
        if (strcmp(other->def->name, def->name) == 0) {
            virUUIDFormat(other->def->uuid, uuidstr);
            virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                                 __FILE__, __func__, __LINE__,
                                 _("domain '%s' already exists with uuid %s"),
                                 def->name, uuidstr);
            return -1;
        }
    }

    if (testParseDomainNamespace(node, &ns) < 0)
        return -1;
    obj = g_new0(testDomainObj, 1);
    obj->def = g_steal_pointer(&def);
    obj->persistent = !ns.transient;
    obj->hasManagedSave = ns.hasManagedSave;
    obj->state = VIR_DOMAIN_SHUTOFF;
    g_ptr_array_add(driver->domains, obj);
    /* Domains of a node file come up in their <test:runstate> (running by
     * default); libvirt gives them no particular reason. */
    if (ns.runstate != VIR_DOMAIN_SHUTOFF)
        testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_UNKNOWN);
    obj->state = ns.runstate;
    obj->reason = 0;
    return 0;
}

/* Keep NODE as a generic object: its <name> (or name attribute, for
 * interfaces), its <uuid> and its XML. */
static testGenericObj *
testParseGeneric(xmlNodePtr node)
{
    testGenericObj *obj = g_new0(testGenericObj, 1);
    xmlNodePtr child;
    xmlBufferPtr buf;

    if ((child = virXMLChild(node, "name"))) {
        obj->name = testNodeText(child);
    } else {
        obj->name = testNodeProp(node, "name");
    }
    if ((child = virXMLChild(node, "uuid"))) {
        g_autofree char *text = testNodeText(child);
        if (text && virUUIDParse(text, obj->uuid) == 0)
            obj->hasUUID = true;
    }
    if (!obj->hasUUID) {
        virUUIDGenerate(obj->uuid);
        obj->hasUUID = true;
    }
    obj->active = true;
    obj->persistent = true;

    buf = xmlBufferCreate();
    if (buf) {
        xmlNodeDump(buf, node->doc, node, 0, 0);
        obj->xml = g_strdup((const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    return obj;
}

static int
testParseObjects(testDriver *driver, xmlNodePtr root, const char *basedir)
{
    xmlNodePtr cur;

    for (cur = root->children; cur; cur = cur->next) {
        const char *tag = (const char *)cur->name;
        xmlDocPtr extdoc = NULL;
        xmlNodePtr node;
        GPtrArray *list = NULL;
        int rc = 0;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp(tag, "domain") == 0) {
        } else if (strcmp(tag, "network") == 0) {
            list = driver->networks;
        } else if (strcmp(tag, "pool") == 0) {
            list = driver->pools;
        } else if (strcmp(tag, "interface") == 0) {
            list = driver->interfaces;
        } else if (strcmp(tag, "device") == 0) {
            list = driver->devices;
        } else {
            continue;
        }

        if (!(node = testResolveNode(cur, basedir, &extdoc)))
            return -1;

        if (!list) {
            rc = testParseDomain(driver, node->doc, node);
        } else {
            testGenericObj *obj = testParseGeneric(node);

            if (list == driver->pools) {
                xmlNodePtr vol;

                /* Volumes sit in the <pool> element of the node file,
                 * even when the pool itself comes from another file. */
                obj->children = g_ptr_array_new_with_free_func((GDestroyNotify)testGenericObjFree);
                for (vol = cur->children; vol && rc == 0; vol = vol->next) {
                    xmlDocPtr voldoc = NULL;
                    xmlNodePtr volnode;

                    if (vol->type != XML_ELEMENT_NODE ||
                        strcmp((const char *)vol->name, "volume") != 0)
                        continue;
                    if (!(volnode = testResolveNode(vol, basedir, &voldoc))) {
                        rc = -1;
                        break;
                    }
                    g_ptr_array_add(obj->children, testParseGeneric(volnode));
                    if (voldoc)
                        xmlFreeDoc(voldoc);
                }
            }
            g_ptr_array_add(list, obj);
        }
        if (extdoc)
            xmlFreeDoc(extdoc);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static testDriver *
testDriverLoad(xmlDocPtr doc, const char *basedir)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    testDriver *driver;

    if (!root || strcmp((const char *)root->name, "node") != 0) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__,
                             __func__, __LINE__,
                             _("expecting root element of 'node', not '%s'"),
                             root ? (const char *)root->name : "");
        return NULL;
    }

    driver = testDriverNew();
    if (testParseNodeInfo(driver, root) < 0 ||
        testParseAuth(driver, root) < 0 ||
        testParseObjects(driver, root, basedir) < 0) {
        testDriverFree(driver);
        return NULL;
    }
    return driver;
}

testDriver *
testDriverNewDefault(void)
{
    xmlDocPtr doc;
    testDriver *driver;

    doc = xmlReadMemory(testDefaultNodeXML, sizeof(testDefaultNodeXML) - 1,
                        "default.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    if (!doc) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("cannot parse the built-in test host"));
        return NULL;
    }
    driver = testDriverLoad(doc, NULL);
    xmlFreeDoc(doc);
    if (driver)
        driver->numCells = 2;
    return driver;
}

testDriver *
testDriverNewFromFile(const char *path)
{
    g_autofree char *basedir = g_path_get_dirname(path);
    xmlDocPtr doc;
    testDriver *driver;

    if (!(doc = testParseXMLFile(path)))
        return NULL;
    driver = testDriverLoad(doc, basedir);
    xmlFreeDoc(doc);
    return driver;
}

/* ------------------------------------------------------------------ */
/* Capabilities                                                       */

char *
testDriverCapabilities(testDriver *driver)
{
    GString *s = g_string_new(NULL);
    static const char *const guestTypes[] = { "hvm", "xen" };
    int cell;
    size_t i;

    g_string_append(s, "<capabilities>\n\n  <host>\n    <cpu>\n");
    g_string_append(s, "      <arch>i686</arch>\n");
    g_string_append(s, "      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n");
    g_string_append(s, "      <pages unit='KiB' size='4'/>\n"
                       "      <pages unit='KiB' size='8'/>\n"
                       "      <pages unit='KiB' size='2048'/>\n"
                       "      <pages unit='KiB' size='1048576'/>\n");
    g_string_append(s, "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n");
    g_string_append(s, "    <topology>\n");
    g_string_append_printf(s, "      <cells num='%d'>\n", driver->numCells);
    /* The built-in host: cell N has (N+1) * 2 GiB and 8 CPUs, one socket
     * per cell; its base pages are 4 KiB in cell 0 and 8 KiB in cell 1. */
    for (cell = 0; cell < driver->numCells; cell++) {
        unsigned long long mem = 2097152ULL * (cell + 1);
        int cpu;

        g_string_append_printf(s, "        <cell id='%d'>\n", cell);
        g_string_append_printf(s, "          <memory unit='KiB'>%llu</memory>\n", mem);
        g_string_append_printf(s, "          <pages unit='KiB' size='%d'>%d</pages>\n",
                               cell % 2 ? 8 : 4, 524288);
        g_string_append(s, "          <pages unit='KiB' size='2048'>0</pages>\n"
                           "          <pages unit='KiB' size='1048576'>0</pages>\n");
        g_string_append(s, "          <cpus num='8'>\n");
        for (cpu = 0; cpu < 8; cpu++) {
            int id = cell * 8 + cpu;
            g_string_append_printf(s,
                                   "            <cpu id='%d' socket_id='%d' die_id='0' core_id='%d' siblings='%d'/>\n",
                                   id, cell, cpu, id);
        }
        g_string_append(s, "          </cpus>\n        </cell>\n");
    }
    g_string_append(s, "      </cells>\n    </topology>\n");
    g_string_append(s, "    <secmodel>\n      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n");
    g_string_append(s, "  </host>\n\n");
    for (i = 0; i < G_N_ELEMENTS(guestTypes); i++) {
        g_string_append_printf(s, "  <guest>\n    <os_type>%s</os_type>\n", guestTypes[i]);
        g_string_append(s, "    <arch name='i686'>\n      <wordsize>32</wordsize>\n"
                           "      <emulator>/usr/bin/test-hv</emulator>\n"
                           "      <domain type='test'/>\n    </arch>\n");
        g_string_append(s, "    <features>\n      <pae/>\n      <nonpae/>\n    </features>\n");
        g_string_append(s, "  </guest>\n\n");
    }
    g_string_append(s, "</capabilities>\n");
    return g_string_free(s, FALSE);
}
