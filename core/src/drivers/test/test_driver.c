/*
 * test_driver.c: the API of the "test" mock hypervisor.
 *
 * Each connection points at a testDriver (test_driver_state.h): the shared
 * built-in host for test:///default, or a private host read from a node
 * file.  Every function takes the host's lock for its whole run, finds its
 * domain by UUID (the one identity a handle cannot get wrong), and changes
 * the domain the way libvirt's own test driver does: the same states and
 * reasons, the same id numbering, the same errors.  Where libvirt raises an
 * error from its generic domain code rather than from its test driver, the
 * error is raised here with VIR_FROM_DOMAIN so callers see the same error
 * domain.
 *
 * Functions are named after their libvirt counterparts because the
 * "unsupported flags (0x..) in function NAME" messages carry the name.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "datatypes.h"
#include "driver.h"
#include "domain_conf.h"
#include "domain_list.h"
#include "test_driver.h"
#include "test_driver_private.h"
#include "test_driver_state.h"
#include "test_event.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"
#include "viruri.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* Version numbers the test hypervisor reports. */
#define TEST_HV_VERSION 2UL
#define TEST_LIB_VERSION 9000000UL
#define TEST_MAX_VCPUS 32

/* Save image layout: this magic (with its NUL), a native int holding the
 * XML length, then the live domain XML. */
#define TEST_SAVE_MAGIC "TestGuestMagic"
#define TEST_SAVE_MAX_XML 8192

/* Errors libvirt raises from its generic domain code. */

/* ------------------------------------------------------------------ */
/* The shared state of test:///default                                */

static GMutex testDefaultLock;
static testDriver *testDefaultDriver;
static int testDefaultRefs;

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */

testDriver *
testDriverOf(virConnectPtr conn)
{
    return conn->privateData;
}

bool
testDomainObjIsActive(const testDomainObj *obj)
{
    return obj->def->id >= 0;
}

testDomainObj *
testDomainObjFindByUUID(testDriver *driver, const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < driver->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (memcmp(obj->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

testDomainObj *
testDomainObjFindByName(testDriver *driver, const char *name)
{
    size_t i;

    for (i = 0; i < driver->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (strcmp(obj->def->name, name) == 0)
            return obj;
    }
    return NULL;
}

testDomainObj *
testDomainObjFindByID(testDriver *driver, int id)
{
    size_t i;

    for (i = 0; i < driver->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(driver->domains, i);
        if (testDomainObjIsActive(obj) && obj->def->id == id)
            return obj;
    }
    return NULL;
}

/* The object behind handle DOM; the caller holds driver->lock. */
testDomainObj *
testDomObjFromDomain(testDriver *driver, virDomainPtr dom)
{
    testDomainObj *obj = testDomainObjFindByUUID(driver, dom->uuid);

    if (!obj) {
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        virUUIDFormat(dom->uuid, uuidstr);
        virReportError(VIR_ERR_NO_DOMAIN,
                       _("no domain with matching uuid '%s' (%s)"),
                       uuidstr, dom->name);
    }
    return obj;
}

void
testDomainObjRemove(testDriver *driver, testDomainObj *obj)
{
    g_ptr_array_remove(driver->domains, obj);
}

virDomainPtr
testDomainHandle(virConnectPtr conn, testDomainObj *obj)
{
    return virGetDomain(conn, obj->def->name, obj->def->uuid, obj->def->id);
}

int
testDomainObjCheckActive(testDomainObj *obj)
{
    if (!testDomainObjIsActive(obj)) {
        testReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                              _("domain is not running"));
        return -1;
    }
    return 0;
}

/* The error libvirt's public API raises for two flags that cannot go
 * together; FUNC is that API's name. */
int
testCheckExclusiveFlags(unsigned int flags,
                        unsigned int a, const char *aname,
                        unsigned int b, const char *bname,
                        const char *func)
{
    if ((flags & a) && (flags & b)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, func, __LINE__,
                                  "flags",
                                  _("Flags '%s' and '%s' are mutually exclusive"),
                                  aname, bname);
        return -1;
    }
    return 0;
}


/* The live domain stops: back to its persistent definition, state
 * SHUTOFF/REASON. */
void
testDomainShutdownState(testDomainObj *obj, int reason)
{
    if (obj->newDef) {
        virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
    obj->def->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = reason;
}

/* After a domain stopped: a transient one disappears. */
void
testDomainRemoveIfTransient(testDriver *driver, testDomainObj *obj)
{
    if (!obj->persistent)
        testDomainObjRemove(driver, obj);
}

/* OBJ stops for REASON: its state changes, the STOPPED event with DETAIL
 * is queued, and a transient domain disappears.  The event names the
 * domain with the id libvirt's test driver leaves in it: -1 once the
 * persistent definition is back in place, the old running id for a domain
 * that never had one. */
static void
testDomainStop(testDriver *driver, testDomainObj *obj, int reason, int detail)
{
    int evid = obj->newDef ? -1 : obj->def->id;

    testDomainShutdownState(obj, reason);
    testEventEmitDomainLifecycleID(driver, obj, evid,
                                   VIR_DOMAIN_EVENT_STOPPED, detail);
    testDomainRemoveIfTransient(driver, obj);
}

/* Resolve the AFFECT_* FLAGS against OBJ as libvirt does: CURRENT means
 * LIVE for a running domain and CONFIG otherwise; LIVE needs a running
 * domain and CONFIG a persistent one.  Stores the live and persistent
 * definitions to change (either may be NULL). */
int
testDomainObjGetDefs(testDomainObj *obj,
                     unsigned int *flags,
                     virDomainDef **live,
                     virDomainDef **persistent)
{
    bool active = testDomainObjIsActive(obj);

    if (live)
        *live = NULL;
    if (persistent)
        *persistent = NULL;

    if ((*flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) == 0)
        *flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;

    if (!active && (*flags & VIR_DOMAIN_AFFECT_LIVE)) {
        testReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                              _("domain is not running"));
        return -1;
    }
    if (!obj->persistent && (*flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        testReportDomainError(VIR_ERR_OPERATION_INVALID, "%s",
                              _("transient domains do not have any persistent config"));
        return -1;
    }

    if (live && (*flags & VIR_DOMAIN_AFFECT_LIVE))
        *live = obj->def;
    if (persistent && (*flags & VIR_DOMAIN_AFFECT_CONFIG))
        *persistent = active && obj->newDef ? obj->newDef : obj->def;
    return 0;
}

/* Add DEF (consumed on success) to DRIVER the way libvirt's domain list
 * does: a known UUID must keep its name and replaces that domain's
 * definition (the live one when LIVE, refused if it already runs when
 * CHECK_LIVE); a new UUID must bring a new name. */
enum {
    TEST_ADD_LIVE = 1 << 0,
    TEST_ADD_CHECK_LIVE = 1 << 1,
};

static testDomainObj *
testDomainObjAdd(testDriver *driver,
                 virDomainDef **def,
                 unsigned int flags,
                 bool *existed)
{
    testDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    *existed = false;
    if ((obj = testDomainObjFindByUUID(driver, (*def)->uuid))) {
        if (strcmp(obj->def->name, (*def)->name) != 0) {
            virUUIDFormat(obj->def->uuid, uuidstr);
            testReportDomainError(VIR_ERR_OPERATION_FAILED,
                                  _("domain '%s' is already defined with uuid %s"),
                                  obj->def->name, uuidstr);
            return NULL;
        }
        if (flags & TEST_ADD_CHECK_LIVE) {
            if (testDomainObjIsActive(obj)) {
                testReportDomainError(VIR_ERR_OPERATION_INVALID,
                                      _("domain '%s' is already active"),
                                      obj->def->name);
                return NULL;
            }
            if (!obj->persistent) {
                testReportDomainError(VIR_ERR_OPERATION_INVALID,
                                      _("domain '%s' is already being started"),
                                      obj->def->name);
                return NULL;
            }
        }
        *existed = true;
        if (testDomainObjIsActive(obj)) {
            virDomainDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(def);
        } else if (flags & TEST_ADD_LIVE) {
            if (!obj->newDef)
                obj->newDef = obj->def;
            else
                virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(def);
        } else {
            virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(def);
        }
        return obj;
    }

    if ((obj = testDomainObjFindByName(driver, (*def)->name))) {
        virUUIDFormat(obj->def->uuid, uuidstr);
        testReportDomainError(VIR_ERR_OPERATION_FAILED,
                              _("domain '%s' already exists with uuid %s"),
                              (*def)->name, uuidstr);
        return NULL;
    }

    obj = g_new0(testDomainObj, 1);
    obj->def = g_steal_pointer(def);
    obj->def->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    g_ptr_array_add(driver->domains, obj);
    return obj;
}

/* Parse a domain document coming from a caller and give it what the test
 * hypervisor adds. */
static virDomainDef *
testDomainDefParse(const char *xml)
{
    virDomainDef *def;

    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    testDomainDefPostParse(def);
    if (testDomainGenerateIfnames(def) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    return def;
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                */

/* Ask for the user name and password through AUTH and check them against
 * the <auth> users of DRIVER. */
static int
testConnectAuthenticate(testDriver *driver, virConnectAuthPtr auth)
{
    const char *host = "localhost";
    g_autofree char *prompt = NULL;
    g_autofree char *username = NULL;
    g_autofree char *password = NULL;
    virConnectCredential cred;
    testAuth *user = NULL;
    int i;
    size_t n;

    if (driver->nauths == 0)
        return 0;

    if (!auth || !auth->cb) {
        virReportErrorHelper(VIR_FROM_AUTH, VIR_ERR_INVALID_ARG, __FILE__,
                             __func__, __LINE__, "%s",
                             _("Missing authentication credentials"));
        return -1;
    }

    for (i = 0; i < auth->ncredtype; i++) {
        if (auth->credtype[i] == VIR_CRED_AUTHNAME)
            break;
    }
    if (i == auth->ncredtype) {
        virReportErrorHelper(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, __FILE__,
                             __func__, __LINE__, "%s",
                             _("Missing VIR_CRED_AUTHNAME credential type"));
        return -1;
    }
    prompt = g_strdup_printf(_("Enter username for %s"), host);
    memset(&cred, 0, sizeof(cred));
    cred.type = VIR_CRED_AUTHNAME;
    cred.prompt = prompt;
    cred.challenge = host;
    if (auth->cb(&cred, 1, auth->cbdata) < 0) {
        g_free(cred.result);
        virReportErrorHelper(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, __FILE__,
                             __func__, __LINE__, "%s",
                             _("Username request failed"));
        return -1;
    }
    /* An empty answer fails without a message of its own, as in
     * libvirt. */
    if (!(username = cred.result))
        return -1;

    for (n = 0; n < driver->nauths; n++) {
        if (strcmp(driver->auths[n].username, username) == 0) {
            user = &driver->auths[n];
            break;
        }
    }

    /* An unknown user is asked for a password all the same, so the
     * prompts do not tell which names exist. */
    if (!user || user->password) {
        for (i = 0; i < auth->ncredtype; i++) {
            if (auth->credtype[i] == VIR_CRED_PASSPHRASE ||
                auth->credtype[i] == VIR_CRED_NOECHOPROMPT)
                break;
        }
        if (i == auth->ncredtype) {
            virReportErrorHelper(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, __FILE__,
                                 __func__, __LINE__, "%s",
                                 _("Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT credential type"));
            return -1;
        }
        g_free(prompt);
        prompt = g_strdup_printf(_("Enter %s's password for %s"), username, host);
        memset(&cred, 0, sizeof(cred));
        cred.type = auth->credtype[i];
        cred.prompt = prompt;
        cred.challenge = host;
        if (auth->cb(&cred, 1, auth->cbdata) < 0) {
            g_free(cred.result);
            virReportErrorHelper(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, __FILE__,
                                 __func__, __LINE__, "%s",
                                 _("Password request failed"));
            return -1;
        }
        if (!(password = cred.result))
            return -1;
    }

    if (!user || (password && strcmp(user->password, password) != 0)) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s",
                       _("authentication failed, see test XML for the correct username/password"));
        return -1;
    }
    return 0;
}

static virDrvOpenStatus
testConnectOpen(virConnectPtr conn,
                virURI *uri,
                virConnectAuthPtr auth,
                unsigned int flags)
{
    testDriver *driver;

    if (!uri || !uri->driver || g_ascii_strcasecmp(uri->driver, "test") != 0)
        return VIR_DRV_OPEN_DECLINED;
    /* A host name means a remote test driver, served by the daemon. */
    if (uri->server && *uri->server)
        return VIR_DRV_OPEN_DECLINED;

    if (!uri->path || !*uri->path || strcmp(uri->path, "/") == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("testOpen: supply a path or use test:///default"));
        return VIR_DRV_OPEN_ERROR;
    }

    if (strcmp(uri->path, "/default") == 0) {
        g_mutex_lock(&testDefaultLock);
        if (!testDefaultDriver && !(testDefaultDriver = testDriverNewDefault())) {
            g_mutex_unlock(&testDefaultLock);
            return VIR_DRV_OPEN_ERROR;
        }
        testDefaultRefs++;
        conn->privateData = testDefaultDriver;
        g_mutex_unlock(&testDefaultLock);
        return VIR_DRV_OPEN_SUCCESS;
    }

    if (!(driver = testDriverNewFromFile(uri->path)))
        return VIR_DRV_OPEN_ERROR;
    if (testConnectAuthenticate(driver, auth) < 0) {
        testDriverFree(driver);
        return VIR_DRV_OPEN_ERROR;
    }
    conn->privateData = driver;
    return VIR_DRV_OPEN_SUCCESS;
}

static int
testConnectClose(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);

    if (!driver)
        return 0;
    conn->privateData = NULL;

    g_mutex_lock(&testDefaultLock);
    if (driver == testDefaultDriver) {
        /* The built-in host lives as long as one connection uses it. */
        if (--testDefaultRefs == 0) {
            testDriverFree(testDefaultDriver);
            testDefaultDriver = NULL;
        }
        g_mutex_unlock(&testDefaultLock);
        return 0;
    }
    g_mutex_unlock(&testDefaultLock);
    testDriverFree(driver);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Connection and host information                                    */

static const char *
testConnectGetType(virConnectPtr conn)
{
    return "TEST";
}

static int
testConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    *hvVer = TEST_HV_VERSION;
    return 0;
}

static int
testConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    *libVer = TEST_LIB_VERSION;
    return 0;
}

static char *
testConnectGetHostname(virConnectPtr conn)
{
    char name[HOST_NAME_MAX + 1];
    struct addrinfo hints = { .ai_flags = AI_CANONNAME, .ai_family = AF_UNSPEC };
    struct addrinfo *info = NULL;
    char *ret;

    if (gethostname(name, sizeof(name)) < 0) {
        virReportSystemError(errno, "%s", _("failed to determine host name"));
        return NULL;
    }
    name[sizeof(name) - 1] = '\0';

    /* A short name is completed with its domain when the resolver knows
     * it, as libvirt does; a name with a dot is taken as it is. */
    if (strchr(name, '.') || getaddrinfo(name, NULL, &hints, &info) != 0)
        return g_strdup(name);
    if (info && info->ai_canonname && strcmp(info->ai_canonname, "localhost") != 0)
        ret = g_strdup(info->ai_canonname);
    else
        ret = g_strdup(name);
    freeaddrinfo(info);
    return ret;
}

static char *
testConnectGetURI(virConnectPtr conn)
{
    return g_strdup(conn->uristr);
}

static char *
testConnectGetCapabilities(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);
    char *ret;

    g_mutex_lock(&driver->lock);
    ret = testDriverCapabilities(driver);
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    return TEST_MAX_VCPUS;
}

static int
testConnectIsAlive(virConnectPtr conn)
{
    return 1;
}

static int
testConnectIsSecure(virConnectPtr conn)
{
    return 1;
}

static int
testConnectIsEncrypted(virConnectPtr conn)
{
    return 0;
}

static int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    testDriver *driver = testDriverOf(conn);

    g_mutex_lock(&driver->lock);
    *info = driver->nodeInfo;
    g_mutex_unlock(&driver->lock);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Listing domains                                                    */

void
testDomainListDescribe(void *opaque, virDomainListEntry *e)
{
    testDomainObj *obj = opaque;

    e->def = obj->def;
    e->active = testDomainObjIsActive(obj);
    e->persistent = obj->persistent;
    e->state = obj->state;
    e->managedSave = obj->hasManagedSave;
    e->autostart = obj->autostart;
    e->snapshots = testSnapshotCount(obj);
    e->checkpoints = testCheckpointCount(obj);
}

static virDomainPtr
testDomainListHandle(virConnectPtr conn, void *obj)
{
    return testDomainHandle(conn, obj);
}

/* The driver's domains for the listing calls (conf/domain_list.h). */
static virDomainList
testDomainListOf(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);
    virDomainList list = {
        &driver->lock, driver->domains, testDomainListDescribe,
        testDomainListHandle,
    };

    return list;
}

static int
testConnectListAllDomains(virConnectPtr conn,
                          virDomainPtr **domains,
                          unsigned int flags)
{
    virDomainList list = testDomainListOf(conn);

    return virDomainListAll(&list, conn, domains, flags);
}

static int
testConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    virDomainList list = testDomainListOf(conn);

    return virDomainListIDs(&list, ids, maxids);
}

static int
testConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    virDomainList list = testDomainListOf(conn);

    return virDomainListInactiveNames(&list, names, maxnames);
}

static int
testConnectNumOfDomains(virConnectPtr conn)
{
    virDomainList list = testDomainListOf(conn);

    return virDomainListCount(&list, true);
}

static int
testConnectNumOfDefinedDomains(virConnectPtr conn)
{
    virDomainList list = testDomainListOf(conn);

    return virDomainListCount(&list, false);
}

/* ------------------------------------------------------------------ */
/* Lookups                                                            */

static virDomainPtr
testDomainLookupFound(virConnectPtr conn, testDomainObj *obj)
{
    if (!obj) {
        virReportError(VIR_ERR_NO_DOMAIN, NULL);
        return NULL;
    }
    return testDomainHandle(conn, obj);
}

static virDomainPtr
testDomainLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver = testDriverOf(conn);
    virDomainPtr ret;

    g_mutex_lock(&driver->lock);
    ret = testDomainLookupFound(conn, testDomainObjFindByName(driver, name));
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
testDomainLookupByID(virConnectPtr conn, int id)
{
    testDriver *driver = testDriverOf(conn);
    virDomainPtr ret;

    g_mutex_lock(&driver->lock);
    ret = testDomainLookupFound(conn, testDomainObjFindByID(driver, id));
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testDriver *driver = testDriverOf(conn);
    virDomainPtr ret;

    g_mutex_lock(&driver->lock);
    ret = testDomainLookupFound(conn, testDomainObjFindByUUID(driver, uuid));
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
testDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    /* libvirt's public API checks the text; report as it does. */
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__,
                                  "virDomainLookupByUUIDString", __LINE__,
                                  "uuidstr", "%s", _("Invalid UUID"));
        return NULL;
    }
    return testDomainLookupByUUID(conn, uuid);
}

/* ------------------------------------------------------------------ */
/* Defining, creating, undefining                                     */

static virDomainPtr
testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    g_autoptr(virDomainDef) def = NULL;
    testDomainObj *obj;
    virDomainPtr ret = NULL;
    bool existed;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);

    if (!(def = testDomainDefParse(xml)))
        return NULL;
    if (strchr(def->name, '\n')) {
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_DETAIL, __FILE__,
                             __func__, __LINE__,
                             _("invalid char in %s: %c"), "name", '\n');
        return NULL;
    }

    g_mutex_lock(&driver->lock);
    if ((obj = testDomainObjAdd(driver, &def, 0, &existed))) {
        /* a running transient domain gains its first definition */
        int detail = existed && obj->persistent ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                                : VIR_DOMAIN_EVENT_DEFINED_ADDED;

        obj->persistent = true;
        testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_DEFINED, detail);
        ret = testDomainHandle(conn, obj);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static virDomainPtr
testDomainDefineXML(virConnectPtr conn, const char *xml)
{
    return testDomainDefineXMLFlags(conn, xml, 0);
}

static virDomainPtr
testDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    g_autoptr(virDomainDef) def = NULL;
    testDomainObj *obj;
    virDomainPtr ret = NULL;
    bool existed;

    virCheckFlags(VIR_DOMAIN_START_VALIDATE, NULL);

    if (!(def = testDomainDefParse(xmlDesc)))
        return NULL;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomainObjAdd(driver, &def,
                                TEST_ADD_LIVE | TEST_ADD_CHECK_LIVE, &existed))) {
        testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_BOOTED);
        testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                                     VIR_DOMAIN_EVENT_STARTED_BOOTED);
        ret = testDomainHandle(conn, obj);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;

    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("Refusing to undefine while domain managed save image exists"));
        goto cleanup;
    }
    if (!testDomainObjIsActive(obj) && testSnapshotCount(obj) > 0 &&
        !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot delete inactive domain with %d snapshots"),
                       testSnapshotCount(obj));
        goto cleanup;
    }
    obj->hasManagedSave = false;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                 VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);

    /* A running domain only loses its persistence; it goes away when it
     * stops. */
    if (testDomainObjIsActive(obj))
        obj->persistent = false;
    else
        testDomainObjRemove(driver, obj);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainUndefine(virDomainPtr domain)
{
    return testDomainUndefineFlags(domain, 0);
}

/* ------------------------------------------------------------------ */
/* Lifecycle                                                          */

static int
testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (obj->state != VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Domain '%s' is already running"), domain->name);
        goto cleanup;
    }
    testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_BOOTED);
    obj->hasManagedSave = false;
    domain->id = obj->def->id;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                                 VIR_DOMAIN_EVENT_STARTED_BOOTED);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainCreate(virDomainPtr domain)
{
    return testDomainCreateWithFlags(domain, 0);
}

static int
testDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    testDomainStop(driver, obj, VIR_DOMAIN_SHUTOFF_DESTROYED,
                   VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    domain->id = -1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainDestroy(virDomainPtr domain)
{
    return testDomainDestroyFlags(domain, 0);
}

static int
testDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (obj->state == VIR_DOMAIN_SHUTOFF) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain '%s' not running"), domain->name);
        goto cleanup;
    }
    testDomainStop(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                   VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    domain->id = -1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainShutdown(virDomainPtr domain)
{
    return testDomainShutdownFlags(domain, 0);
}

static int
testDomainReboot(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_REBOOT_ACPI_POWER_BTN |
                  VIR_DOMAIN_REBOOT_GUEST_AGENT |
                  VIR_DOMAIN_REBOOT_INITCTL |
                  VIR_DOMAIN_REBOOT_SIGNAL |
                  VIR_DOMAIN_REBOOT_PARAVIRT, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;

    /* The guest goes down, then the on_reboot action decides whether it
     * comes back. */
    switch (obj->def->onReboot) {
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART:
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME:
        obj->state = VIR_DOMAIN_RUNNING;
        obj->reason = VIR_DOMAIN_RUNNING_BOOTED;
        break;
    default:
        testDomainStop(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN,
                       VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
        domain->id = -1;
        break;
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainReset(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain)) &&
        testDomainObjCheckActive(obj) == 0)
        ret = 0;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSuspend(virDomainPtr domain)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (obj->state == VIR_DOMAIN_SHUTOFF || obj->state == VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain '%s' not running"), domain->name);
        goto cleanup;
    }
    obj->state = VIR_DOMAIN_PAUSED;
    obj->reason = VIR_DOMAIN_PAUSED_USER;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                 VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainResume(virDomainPtr domain)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (obj->state != VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain '%s' not paused"), domain->name);
        goto cleanup;
    }
    obj->state = VIR_DOMAIN_RUNNING;
    obj->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_RESUMED,
                                 VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Save, restore, managed save                                        */

static int
testWriteAll(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}

/* Read exactly LEN bytes; returns what was read (short at end of file) or
 * -1 on error. */
static ssize_t
testReadAll(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        got += n;
    }
    return got;
}

int
testSaveImageWrite(const virDomainDef *def, const char *path)
{
    g_autofree char *xml = NULL;
    int len;
    int fd;

    if (!(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE)))
        return -1;
    len = strlen(xml);

    if ((fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("saving domain '%s' to '%s': open failed"),
                             def->name, path);
        return -1;
    }
    if (testWriteAll(fd, TEST_SAVE_MAGIC, sizeof(TEST_SAVE_MAGIC)) < 0 ||
        testWriteAll(fd, &len, sizeof(len)) < 0 ||
        testWriteAll(fd, xml, len) < 0) {
        virReportSystemError(errno, _("saving domain '%s' to '%s': write failed"),
                             def->name, path);
        close(fd);
        unlink(path);
        return -1;
    }
    if (fsync(fd) < 0 && errno != EINVAL) {
        virReportSystemError(errno, _("saving domain '%s' to '%s': write failed"),
                             def->name, path);
        close(fd);
        unlink(path);
        return -1;
    }
    if (close(fd) < 0) {
        virReportSystemError(errno, _("saving domain '%s' to '%s': write failed"),
                             def->name, path);
        unlink(path);
        return -1;
    }
    return 0;
}

char *
testSaveImageRead(const char *path)
{
    char magic[sizeof(TEST_SAVE_MAGIC)];
    g_autofree char *xml = NULL;
    int len;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot read domain image '%s'"), path);
        return NULL;
    }
    errno = 0;
    if (testReadAll(fd, magic, sizeof(magic)) != sizeof(magic)) {
        virReportSystemError(errno, _("incomplete save header in '%s'"), path);
        goto error;
    }
    if (memcmp(magic, TEST_SAVE_MAGIC, sizeof(magic)) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("mismatched header magic"));
        goto error;
    }
    errno = 0;
    if (testReadAll(fd, &len, sizeof(len)) != sizeof(len)) {
        virReportSystemError(errno, _("failed to read metadata length in '%s'"), path);
        goto error;
    }
    if (len < 1 || len > TEST_SAVE_MAX_XML) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("length of metadata out of range"));
        goto error;
    }
    xml = g_new0(char, len + 1);
    errno = 0;
    if (testReadAll(fd, xml, len) != len) {
        virReportSystemError(errno, _("incomplete metadata in '%s'"), path);
        goto error;
    }
    close(fd);
    return g_steal_pointer(&xml);

 error:
    close(fd);
    return NULL;
}

static int
testDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                    unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_SAVE_RUNNING,
                             VIR_DOMAIN_SAVE_PAUSED, "virDomainSaveFlags") < 0)
        return -1;
    virCheckFlags(0, -1);
    if (dxml) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("xml modification unsupported"));
        return -1;
    }

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (testSaveImageWrite(obj->def, to) < 0)
        goto cleanup;
    testDomainStop(driver, obj, VIR_DOMAIN_SHUTOFF_SAVED,
                   VIR_DOMAIN_EVENT_STOPPED_SAVED);
    domain->id = -1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSave(virDomainPtr domain, const char *to)
{
    return testDomainSaveFlags(domain, to, NULL, 0);
}

static int
testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                       unsigned int flags)
{
    testDriver *driver = testDriverOf(conn);
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;
    testDomainObj *obj;
    bool existed;
    int ret = -1;

    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_SAVE_RUNNING,
                             VIR_DOMAIN_SAVE_PAUSED, "virDomainRestoreFlags") < 0)
        return -1;
    virCheckFlags(0, -1);
    if (dxml) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("xml modification unsupported"));
        return -1;
    }

    if (!(xml = testSaveImageRead(from)))
        return -1;
    if (!(def = testDomainDefParse(xml)))
        return -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomainObjAdd(driver, &def,
                                TEST_ADD_LIVE | TEST_ADD_CHECK_LIVE, &existed))) {
        testDomainStartState(driver, obj, VIR_DOMAIN_RUNNING_RESTORED);
        testEventEmitDomainLifecycle(driver, obj, VIR_DOMAIN_EVENT_STARTED,
                                     VIR_DOMAIN_EVENT_STARTED_RESTORED);
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainRestore(virConnectPtr conn, const char *from)
{
    return testDomainRestoreFlags(conn, from, NULL, 0);
}

static int
testDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_SAVE_RUNNING,
                             VIR_DOMAIN_SAVE_PAUSED, "virDomainManagedSave") < 0)
        return -1;
    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE |
                  VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, dom)))
        goto cleanup;
    if (testDomainObjCheckActive(obj) < 0)
        goto cleanup;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("cannot do managed save for transient domain"));
        goto cleanup;
    }
    /* The image is only a mark: the test hypervisor keeps nothing else. */
    testDomainStop(driver, obj, VIR_DOMAIN_SHUTOFF_SAVED,
                   VIR_DOMAIN_EVENT_STOPPED_SAVED);
    obj->hasManagedSave = true;
    dom->id = -1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, dom)))
        ret = obj->hasManagedSave ? 1 : 0;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, dom))) {
        obj->hasManagedSave = false;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Information                                                        */

static int
testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain))) {
        info->state = obj->state;
        info->maxMem = obj->def->memory;
        info->memory = obj->def->currentMemory;
        info->nrVirtCpu = obj->def->vcpus;
        /* The test hypervisor's CPU clock is the wall clock, in ns. */
        info->cpuTime = (unsigned long long)g_get_real_time() * 1000ULL;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetState(virDomainPtr domain, int *state, int *reason,
                   unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain))) {
        *state = obj->state;
        if (reason)
            *reason = obj->reason;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testDomainGetOSType(virDomainPtr domain)
{
    testDriver *driver = testDriverOf(domain->conn);
    char *ret = NULL;

    g_mutex_lock(&driver->lock);
    /* libvirt's test driver answers "linux" whatever the guest is. */
    if (testDomObjFromDomain(driver, domain))
        ret = g_strdup("linux");
    g_mutex_unlock(&driver->lock);
    return ret;
}

static char *
testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *def;
    unsigned int fmt = 0;
    char *ret = NULL;

    virCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_MIGRATABLE, NULL);

    if (flags & VIR_DOMAIN_XML_SECURE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    if (flags & VIR_DOMAIN_XML_INACTIVE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    if (flags & VIR_DOMAIN_XML_MIGRATABLE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_MIGRATABLE;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain))) {
        def = (flags & VIR_DOMAIN_XML_INACTIVE) && obj->newDef ? obj->newDef : obj->def;
        ret = virDomainDefFormat(def, fmt);
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* IsActive, IsPersistent and IsUpdated share this shape. */
typedef enum {
    TEST_DOMAIN_IS_ACTIVE,
    TEST_DOMAIN_IS_PERSISTENT,
    TEST_DOMAIN_IS_UPDATED,
} testDomainIsWhat;

static int
testDomainIs(virDomainPtr dom, testDomainIsWhat what)
{
    testDriver *driver = testDriverOf(dom->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, dom))) {
        switch (what) {
        case TEST_DOMAIN_IS_ACTIVE:
            ret = testDomainObjIsActive(obj);
            break;
        case TEST_DOMAIN_IS_PERSISTENT:
            ret = obj->persistent;
            break;
        case TEST_DOMAIN_IS_UPDATED:
            /* Nothing in the test hypervisor marks a domain updated. */
            ret = 0;
            break;
        }
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainIsActive(virDomainPtr dom)
{
    return testDomainIs(dom, TEST_DOMAIN_IS_ACTIVE);
}

static int
testDomainIsPersistent(virDomainPtr dom)
{
    return testDomainIs(dom, TEST_DOMAIN_IS_PERSISTENT);
}

static int
testDomainIsUpdated(virDomainPtr dom)
{
    return testDomainIs(dom, TEST_DOMAIN_IS_UPDATED);
}

static int
testDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain))) {
        *autostart = obj->autostart;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetAutostart(virDomainPtr domain, int autostart)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    int ret = -1;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain))) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Memory                                                             */

static int
testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                         unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_AFFECT_LIVE,
                             VIR_DOMAIN_AFFECT_CONFIG, "virDomainSetMemoryFlags") < 0)
        return -1;
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_MEM_MAXIMUM, -1);

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;

    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("cannot resize the maximum memory on an active domain"));
            goto cleanup;
        }
        persistent->memory = memory;
        if (persistent->currentMemory > memory)
            persistent->currentMemory = memory;
        ret = 0;
        goto cleanup;
    }

    if ((live && memory > live->memory) ||
        (persistent && memory > persistent->memory)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("cannot set memory higher than max memory"));
        goto cleanup;
    }
    if (live)
        live->currentMemory = memory;
    if (persistent)
        persistent->currentMemory = memory;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    return testDomainSetMemoryFlags(domain, memory, VIR_DOMAIN_AFFECT_LIVE);
}

static int
testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    return testDomainSetMemoryFlags(domain, memory, VIR_DOMAIN_MEM_MAXIMUM);
}

static unsigned long
testDomainGetMaxMemory(virDomainPtr domain)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    unsigned long ret = 0;

    g_mutex_lock(&driver->lock);
    if ((obj = testDomObjFromDomain(driver, domain)))
        ret = obj->def->memory;
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Virtual CPUs                                                       */

static int
testDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    virDomainDef *def;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM, -1);
    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_AFFECT_LIVE,
                             VIR_DOMAIN_AFFECT_CONFIG, "virDomainGetVcpusFlags") < 0)
        return -1;

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;
    def = live ? live : persistent;
    ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->maxvcpus : def->vcpus;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetMaxVcpus(virDomainPtr domain)
{
    return testDomainGetVcpusFlags(domain, VIR_DOMAIN_AFFECT_LIVE |
                                           VIR_DOMAIN_VCPU_MAXIMUM);
}

static int
testDomainSetVcpusFlags(virDomainPtr domain, unsigned int nrCpus,
                        unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    testDomainObj *obj;
    virDomainDef *live;
    virDomainDef *persistent;
    int ret = -1;

    /* What libvirt's public API checks before the driver sees the call. */
    if (nrCpus == 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__,
                                  "virDomainSetVcpusFlags", __LINE__, "nvcpus",
                                  _("%s in %s must not be zero"), "nvcpus",
                                  "virDomainSetVcpusFlags");
        return -1;
    }
    if ((flags & VIR_DOMAIN_VCPU_MAXIMUM) && !(flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__,
                                  "virDomainSetVcpusFlags", __LINE__, "flags",
                                  _("Flag '%s' is required by flag '%s'"),
                                  "VIR_DOMAIN_AFFECT_CONFIG",
                                  "VIR_DOMAIN_VCPU_MAXIMUM");
        return -1;
    }

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_VCPU_MAXIMUM, -1);

    if (nrCpus > TEST_MAX_VCPUS) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("requested cpu amount exceeds maximum supported amount (%d > %d)"),
                       nrCpus, TEST_MAX_VCPUS);
        return -1;
    }

    g_mutex_lock(&driver->lock);
    if (!(obj = testDomObjFromDomain(driver, domain)))
        goto cleanup;
    if (testDomainObjGetDefs(obj, &flags, &live, &persistent) < 0)
        goto cleanup;

    if (live && nrCpus > live->maxvcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("requested cpu amount exceeds maximum (%d > %d)"),
                       nrCpus, live->maxvcpus);
        goto cleanup;
    }
    if (persistent && !(flags & VIR_DOMAIN_VCPU_MAXIMUM) &&
        nrCpus > persistent->maxvcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("requested cpu amount exceeds maximum (%d > %d)"),
                       nrCpus, persistent->maxvcpus);
        goto cleanup;
    }

    if (live)
        live->vcpus = nrCpus;
    if (persistent) {
        if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
            persistent->maxvcpus = nrCpus;
            if (persistent->vcpus > nrCpus)
                persistent->vcpus = nrCpus;
        } else {
            persistent->vcpus = nrCpus;
        }
    }
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetVcpus(virDomainPtr domain, unsigned int nrCpus)
{
    return testDomainSetVcpusFlags(domain, nrCpus, VIR_DOMAIN_AFFECT_LIVE);
}

/* ------------------------------------------------------------------ */
/* Scheduler                                                          */

static char *
testDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    testDriver *driver = testDriverOf(domain->conn);
    char *ret = NULL;

    g_mutex_lock(&driver->lock);
    if (testDomObjFromDomain(driver, domain)) {
        if (nparams)
            *nparams = 1;
        ret = g_strdup("fair");
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

/* Shared by both getters; FLAGS already checked. */
static int
testDomainGetSchedulerParamsInternal(virDomainPtr domain,
                                     virTypedParameterPtr params,
                                     int *nparams,
                                     const char *apiname)
{
    testDriver *driver = testDriverOf(domain->conn);
    int ret = -1;

    if (*nparams <= 0) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, apiname, __LINE__,
                                  "*nparams",
                                  _("%s in %s must be greater than zero"),
                                  "*nparams", apiname);
        return -1;
    }

    g_mutex_lock(&driver->lock);
    if (!testDomObjFromDomain(driver, domain))
        goto cleanup;
    /* The weight is fixed: libvirt's test driver ignores changes too. */
    if (virTypedParameterAssign(&params[0], VIR_DOMAIN_SCHEDULER_WEIGHT,
                                VIR_TYPED_PARAM_UINT, 50U) < 0)
        goto cleanup;
    *nparams = 1;
    ret = 0;

 cleanup:
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainGetSchedulerParameters(virDomainPtr domain,
                                 virTypedParameterPtr params,
                                 int *nparams)
{
    return testDomainGetSchedulerParamsInternal(domain, params, nparams,
                                                "virDomainGetSchedulerParameters");
}

static int
testDomainGetSchedulerParametersFlags(virDomainPtr domain,
                                      virTypedParameterPtr params,
                                      int *nparams,
                                      unsigned int flags)
{
    if (TEST_CHECK_EXCLUSIVE(flags, VIR_DOMAIN_AFFECT_LIVE,
                             VIR_DOMAIN_AFFECT_CONFIG,
                             "virDomainGetSchedulerParametersFlags") < 0)
        return -1;
    /* libvirt's public API adds STRING_OKAY for drivers that can return
     * strings, and its test driver then refuses every flag. */
    flags |= VIR_TYPED_PARAM_STRING_OKAY;
    virCheckFlags(0, -1);
    return testDomainGetSchedulerParamsInternal(domain, params, nparams,
                                                "virDomainGetSchedulerParametersFlags");
}

static int
testDomainSetSchedulerParametersFlags(virDomainPtr domain,
                                      virTypedParameterPtr params,
                                      int nparams,
                                      unsigned int flags)
{
    testDriver *driver = testDriverOf(domain->conn);
    int ret = -1;

    virCheckFlags(0, -1);
    if (virTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT,
                               NULL) < 0)
        return -1;

    g_mutex_lock(&driver->lock);
    /* Accepted and forgotten, as libvirt's test driver does. */
    if (testDomObjFromDomain(driver, domain))
        ret = 0;
    g_mutex_unlock(&driver->lock);
    return ret;
}

static int
testDomainSetSchedulerParameters(virDomainPtr domain,
                                 virTypedParameterPtr params,
                                 int nparams)
{
    return testDomainSetSchedulerParametersFlags(domain, params, nparams, 0);
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static const char *const testURISchemes[] = { "test", NULL };

static virHypervisorDriver testHypervisorDriver = {
    .name = "Test",
    .uriSchemes = testURISchemes,
    .connectOpen = testConnectOpen,
    .connectClose = testConnectClose,
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .connectGetLibVersion = testConnectGetLibVersion,
    .connectGetHostname = testConnectGetHostname,
    .connectGetURI = testConnectGetURI,
    .connectGetCapabilities = testConnectGetCapabilities,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .connectIsAlive = testConnectIsAlive,
    .connectIsSecure = testConnectIsSecure,
    .connectIsEncrypted = testConnectIsEncrypted,
    .nodeGetInfo = testNodeGetInfo,
    .connectListAllDomains = testConnectListAllDomains,
    .connectListDomains = testConnectListDomains,
    .connectListDefinedDomains = testConnectListDefinedDomains,
    .connectNumOfDomains = testConnectNumOfDomains,
    .connectNumOfDefinedDomains = testConnectNumOfDefinedDomains,
    .domainLookupByName = testDomainLookupByName,
    .domainLookupByID = testDomainLookupByID,
    .domainLookupByUUID = testDomainLookupByUUID,
    .domainLookupByUUIDString = testDomainLookupByUUIDString,
    .domainDefineXML = testDomainDefineXML,
    .domainDefineXMLFlags = testDomainDefineXMLFlags,
    .domainCreateXML = testDomainCreateXML,
    .domainRestore = testDomainRestore,
    .domainRestoreFlags = testDomainRestoreFlags,
    .domainUndefine = testDomainUndefine,
    .domainUndefineFlags = testDomainUndefineFlags,
    .domainCreate = testDomainCreate,
    .domainCreateWithFlags = testDomainCreateWithFlags,
    .domainDestroy = testDomainDestroy,
    .domainDestroyFlags = testDomainDestroyFlags,
    .domainShutdown = testDomainShutdown,
    .domainShutdownFlags = testDomainShutdownFlags,
    .domainReboot = testDomainReboot,
    .domainReset = testDomainReset,
    .domainSuspend = testDomainSuspend,
    .domainResume = testDomainResume,
    .domainSave = testDomainSave,
    .domainSaveFlags = testDomainSaveFlags,
    .domainManagedSave = testDomainManagedSave,
    .domainHasManagedSaveImage = testDomainHasManagedSaveImage,
    .domainManagedSaveRemove = testDomainManagedSaveRemove,
    .domainGetInfo = testDomainGetInfo,
    .domainGetState = testDomainGetState,
    .domainGetOSType = testDomainGetOSType,
    .domainGetMaxMemory = testDomainGetMaxMemory,
    .domainSetMaxMemory = testDomainSetMaxMemory,
    .domainSetMemory = testDomainSetMemory,
    .domainSetMemoryFlags = testDomainSetMemoryFlags,
    .domainGetMaxVcpus = testDomainGetMaxVcpus,
    .domainSetVcpus = testDomainSetVcpus,
    .domainSetVcpusFlags = testDomainSetVcpusFlags,
    .domainGetVcpusFlags = testDomainGetVcpusFlags,
    .domainGetXMLDesc = testDomainGetXMLDesc,
    .domainIsActive = testDomainIsActive,
    .domainIsPersistent = testDomainIsPersistent,
    .domainIsUpdated = testDomainIsUpdated,
    .domainGetAutostart = testDomainGetAutostart,
    .domainSetAutostart = testDomainSetAutostart,
    .domainGetSchedulerType = testDomainGetSchedulerType,
    .domainGetSchedulerParameters = testDomainGetSchedulerParameters,
    .domainGetSchedulerParametersFlags = testDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParameters = testDomainSetSchedulerParameters,
    .domainSetSchedulerParametersFlags = testDomainSetSchedulerParametersFlags,
};

static virConnectDriver testConnectDriver = {
    .hypervisorDriver = &testHypervisorDriver,
};

void
testRegister(void)
{
    /* each area fills its slots of the tables (test_driver_private.h) */
    testNetworkRegister(&testConnectDriver, &testHypervisorDriver);
    testStorageRegister(&testConnectDriver, &testHypervisorDriver);
    testHostDevRegister(&testConnectDriver, &testHypervisorDriver);
    testSnapshotRegister(&testConnectDriver, &testHypervisorDriver);
    testDomainMoreRegister(&testConnectDriver, &testHypervisorDriver);
    testDomainRestRegister(&testConnectDriver, &testHypervisorDriver);
    testEventRegister(&testConnectDriver, &testHypervisorDriver);
    virRegisterConnectDriver(&testConnectDriver);
}
