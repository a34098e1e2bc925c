/*
 * testdrivertest.c: the test driver, through the public API.
 *
 * Every expectation here was taken from libvirt's own test driver (the
 * oracle installed on the development machines): states and reasons after
 * each operation, id numbering, error codes, error domains and messages.
 * The program prints one line per case and ends with "N passed, M failed".
 *
 * Usage: testdrivertest DATADIR   (DATADIR holds the node files, normally
 * tests/testdriver/)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static const char *datadir;
static char *tmpdir;
static char *failure;

/* ------------------------------------------------------------------ */
/* A very small harness                                               */

static void
failf(const char *file, int line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
failf(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    if (failure)
        return;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    failure = g_strdup_printf("%s:%d: %s", file, line, msg);
}

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            const virError *_e = virGetLastError(); \
            failf(__FILE__, __LINE__, "%s (last error: %s)", #cond, \
                  _e && _e->message ? _e->message : "none"); \
            return -1; \
        } \
    } while (0)

#define CHECK_INT(expr, want) \
    do { \
        long long _got = (expr); \
        long long _want = (want); \
        if (_got != _want) { \
            const virError *_e = virGetLastError(); \
            failf(__FILE__, __LINE__, "%s: got %lld, want %lld (last error: %s)", \
                  #expr, _got, _want, _e && _e->message ? _e->message : "none"); \
            return -1; \
        } \
    } while (0)

#define CHECK_STR(expr, want) \
    do { \
        const char *_got = (expr); \
        const char *_want = (want); \
        if (!_got || strcmp(_got, _want) != 0) { \
            failf(__FILE__, __LINE__, "%s: got '%s', want '%s'", #expr, \
                  _got ? _got : "(null)", _want); \
            return -1; \
        } \
    } while (0)

/* The last error must be CODE from DOMAIN (any domain when -1), with
 * message MSG (when not NULL). */
#define CHECK_ERR(code, domain, msg) \
    do { \
        if (checkError(__FILE__, __LINE__, code, domain, msg) < 0) \
            return -1; \
    } while (0)

static int
checkError(const char *file, int line, int code, int domain, const char *msg)
{
    const virError *e = virGetLastError();

    if (!e) {
        failf(file, line, "expected error %d, got none", code);
        return -1;
    }
    if (e->code != code || (domain >= 0 && e->domain != domain) ||
        (msg && (!e->message || strcmp(e->message, msg) != 0))) {
        failf(file, line, "expected error %d/%d '%s', got %d/%d '%s'",
              code, domain, msg ? msg : "*", e->code, e->domain,
              e->message ? e->message : "(null)");
        return -1;
    }
    return 0;
}

static int npassed;
static int nfailed;

static void
runCase(const char *name, int (*fn)(void))
{
    int rc;

    g_clear_pointer(&failure, g_free);
    virResetLastError();
    rc = fn();
    if (rc == 0 && !failure) {
        printf("ok - %s\n", name);
        npassed++;
    } else {
        printf("FAIL - %s: %s\n", name, failure ? failure : "failed");
        nfailed++;
    }
    fflush(stdout);
}

static void
quietErrors(void *userdata, virErrorPtr err)
{
}

static char *
dataPath(const char *name)
{
    return g_build_filename(datadir, name, NULL);
}

static char *
nodeURI(const char *name)
{
    g_autofree char *abs = NULL;
    g_autofree char *path = dataPath(name);

    if (g_path_is_absolute(path))
        abs = g_strdup(path);
    else
        abs = g_build_filename(g_get_current_dir(), path, NULL);
    return g_strdup_printf("test://%s", abs);
}

static int
domState(virDomainPtr dom, int *reason)
{
    int state = -1;

    if (virDomainGetState(dom, &state, reason, 0) < 0)
        return -1;
    return state;
}

/* state * 100 + reason, so a single comparison checks both. */
static int
stateReason(virDomainPtr dom)
{
    int reason = -1;
    int state = domState(dom, &reason);

    if (state < 0)
        return -1;
    return state * 100 + reason;
}

#define SR(state, reason) ((state) * 100 + (reason))

static const char minimalXML[] =
    "<domain type='test'><name>%s</name>%s<memory>1024</memory>"
    "<os><type>hvm</type></os>%s</domain>";

static char *
domXML(const char *name, const char *uuid, const char *extra)
{
    g_autofree char *uuidElem = uuid ? g_strdup_printf("<uuid>%s</uuid>", uuid)
                                     : g_strdup("");
    return g_strdup_printf(minimalXML, name, uuidElem, extra ? extra : "");
}

/* ------------------------------------------------------------------ */
/* Connections and the host                                           */

static int
testConnectInfo(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    unsigned long ver = 0;
    g_autofree char *host = NULL;
    g_autofree char *uri = NULL;

    CHECK(conn);
    CHECK_STR(virConnectGetType(conn), "TEST");
    CHECK_INT(virConnectGetVersion(conn, &ver), 0);
    CHECK_INT(ver, 2);
    CHECK_INT(virConnectGetLibVersion(conn, &ver), 0);
    CHECK_INT(ver, 9000000);
    CHECK((host = virConnectGetHostname(conn)) && *host);
    CHECK((uri = virConnectGetURI(conn)));
    CHECK_STR(uri, "test:///default");
    CHECK_INT(virConnectGetMaxVcpus(conn, NULL), 32);
    CHECK_INT(virConnectGetMaxVcpus(conn, "kvm"), 32);
    CHECK_INT(virConnectIsAlive(conn), 1);
    CHECK_INT(virConnectIsSecure(conn), 1);
    CHECK_INT(virConnectIsEncrypted(conn), 0);
    CHECK_INT(virConnectClose(conn), 0);
    return 0;
}

static int
testNodeInfoDefault(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virNodeInfo info;

    CHECK(conn);
    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_STR(info.model, "i686");
    CHECK_INT(info.memory, 3145728);
    CHECK_INT(info.cpus, 16);
    CHECK_INT(info.mhz, 1400);
    CHECK_INT(info.nodes, 2);
    CHECK_INT(info.sockets, 2);
    CHECK_INT(info.cores, 2);
    CHECK_INT(info.threads, 2);
    virConnectClose(conn);
    return 0;
}

static int
testCapabilities(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *caps = NULL;

    CHECK(conn);
    CHECK((caps = virConnectGetCapabilities(conn)));
    CHECK(g_str_has_prefix(caps, "<capabilities>\n\n  <host>\n"));
    CHECK(strstr(caps, "<arch>i686</arch>"));
    CHECK(strstr(caps, "<cells num='2'>"));
    CHECK(strstr(caps, "<cpu id='15' socket_id='1' die_id='0' core_id='7' siblings='15'/>"));
    CHECK(strstr(caps, "<memory unit='KiB'>4194304</memory>"));
    CHECK(strstr(caps, "<os_type>hvm</os_type>"));
    CHECK(strstr(caps, "<os_type>xen</os_type>"));
    CHECK(strstr(caps, "<domain type='test'/>"));
    CHECK(strstr(caps, "<model>testSecurity</model>"));
    CHECK(g_str_has_suffix(caps, "</capabilities>\n"));
    virConnectClose(conn);
    return 0;
}

static int
testOpenErrors(void)
{
    g_autofree char *missing = nodeURI("no-such-node.xml");
    g_autofree char *missingPath = dataPath("no-such-node.xml");
    g_autofree char *wrongRoot = nodeURI("wrong-root.xml");
    g_autofree char *broken = nodeURI("broken.xml");
    g_autofree char *badRef = nodeURI("bad-ref.xml");
    g_autofree char *msg = NULL;

    CHECK(!virConnectOpen("test:///"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: testOpen: supply a path or use test:///default");

    CHECK(!virConnectOpen(missing));
    msg = g_strdup_printf("XML error: failed to parse xml document '%s'",
                          missing + strlen("test://"));
    CHECK_ERR(VIR_ERR_XML_ERROR, VIR_FROM_TEST, msg);
    (void)missingPath;

    CHECK(!virConnectOpen(wrongRoot));
    CHECK_ERR(VIR_ERR_XML_ERROR, VIR_FROM_XML,
              "XML error: expecting root element of 'node', not 'notnode'");

    CHECK(!virConnectOpen(broken));
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_TEST, NULL);
    CHECK(g_str_has_prefix(virGetLastError()->message, broken + strlen("test://")));
    CHECK(strstr(virGetLastError()->message, "broken.xml:3: "));
    CHECK(g_str_has_suffix(virGetLastError()->message, "\n(null)\n^"));

    CHECK(!virConnectOpen(badRef));
    CHECK_ERR(VIR_ERR_XML_ERROR, VIR_FROM_TEST, NULL);
    CHECK(strstr(virGetLastError()->message, "no-such-domain.xml"));
    return 0;
}

static int
testSharedDefaultState(void)
{
    virConnectPtr a = virConnectOpen("test:///default");
    virConnectPtr b = virConnectOpen("test:///default");
    g_autofree char *xml = domXML("shared", NULL, NULL);
    virDomainPtr dom;

    CHECK(a && b);
    CHECK((dom = virDomainDefineXML(a, xml)));
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(b, "shared")));
    virDomainFree(dom);
    virConnectClose(a);
    CHECK((dom = virDomainLookupByName(b, "shared")));
    virDomainFree(dom);
    virConnectClose(b);

    /* Once the last connection is gone, the built-in host starts over. */
    CHECK((a = virConnectOpen("test:///default")));
    CHECK(!virDomainLookupByName(a, "shared"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    virConnectClose(a);
    return 0;
}

static int
testURIQuery(void)
{
    virConnectPtr conn = virConnectOpen("test:///default?foo=bar");
    g_autofree char *uri = NULL;

    CHECK(conn);
    CHECK((uri = virConnectGetURI(conn)));
    CHECK_STR(uri, "test:///default?foo=bar");
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The default domain                                                 */

static int
testDefaultDomain(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *ostype = NULL;
    int autostart = -1;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT((int)virDomainGetID(dom), 1);
    CHECK_INT(virDomainGetUUIDString(dom, uuid), 0);
    CHECK_STR(uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.state, VIR_DOMAIN_RUNNING);
    CHECK_INT(info.maxMem, 8388608);
    CHECK_INT(info.memory, 2097152);
    CHECK_INT(info.nrVirtCpu, 2);
    CHECK(info.cpuTime > 1000000000ULL * 1000000000ULL);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN));
    CHECK((ostype = virDomainGetOSType(dom)));
    CHECK_STR(ostype, "linux");
    CHECK_INT(virDomainGetMaxMemory(dom), 8388608);
    CHECK_INT(virDomainGetMaxVcpus(dom), 2);
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK_INT(virDomainIsUpdated(dom), 0);
    CHECK_INT(virDomainGetAutostart(dom, &autostart), 0);
    CHECK_INT(autostart, 0);

    CHECK((xml = virDomainGetXMLDesc(dom, 0)));
    CHECK(g_str_has_prefix(xml, "<domain type='test' id='1'>\n  <name>test</name>\n"));
    CHECK(strstr(xml, "<memory unit='KiB'>8388608</memory>"));
    CHECK(strstr(xml, "<currentMemory unit='KiB'>2097152</currentMemory>"));
    CHECK(strstr(xml, "<type arch='i686'>hvm</type>"));
    CHECK(strstr(xml, "<source file='/guest/diskimage1'/>"));
    CHECK(strstr(xml, "<mac address='aa:bb:cc:dd:ee:ff'/>"));
    CHECK(strstr(xml, "<target dev='testnet0'/>"));
    CHECK(strstr(xml, "<address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"));
    CHECK(strstr(xml, "<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"));
    CHECK(strstr(xml, "<memballoon model='virtio'>"));
    CHECK((inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(g_str_has_prefix(inactive, "<domain type='test'>\n"));

    CHECK(!virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_UPDATE_CPU));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x4) in function testDomainGetXMLDesc");
    g_clear_pointer(&xml, g_free);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_MIGRATABLE)));

    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testLookups(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = virDomainLookupByID(conn, 1)));
    CHECK_STR(virDomainGetName(dom), "test");
    CHECK_INT(virDomainGetUUID(dom, uuid), 0);
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByUUID(conn, uuid)));
    CHECK_STR(virDomainGetName(dom), "test");
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByUUIDString(conn, "6695eb01-f6a4-8304-79aa-97f2502e193f")));
    CHECK_INT((int)virDomainGetID(dom), 1);
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByUUIDString(conn, "6695eb01f6a4830479aa97f2502e193f")));
    virDomainFree(dom);

    CHECK(!virDomainLookupByName(conn, "nope"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    CHECK(!virDomainLookupByID(conn, 42));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    memset(uuid, 1, sizeof(uuid));
    CHECK(!virDomainLookupByUUID(conn, uuid));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    CHECK(!virDomainLookupByUUIDString(conn, "6695eb01-f6a4-8304-79aa-97f2502e1930"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    CHECK(!virDomainLookupByUUIDString(conn, "xyz"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID");
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Lifecycle                                                          */

static int
testLifecycle(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    virDomainPtr again;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));

    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER));
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: domain 'test' not running");
    CHECK_INT(virDomainResume(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED));
    CHECK_INT(virDomainResume(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: domain 'test' not paused");
    CHECK_INT(virDomainCreate(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: Domain 'test' is already running");

    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN));
    CHECK_INT((int)virDomainGetID(dom), -1);
    CHECK_INT(virDomainIsActive(dom), 0);
    CHECK(!virDomainLookupByID(conn, 1));

    /* Everything that needs a running domain. */
    CHECK_INT(virDomainShutdown(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: domain 'test' not running");
    CHECK_INT(virDomainDestroy(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: domain 'test' not running");
    CHECK_INT(virDomainResume(dom), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: domain 'test' not paused");
    CHECK_INT(virDomainReboot(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainReset(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(virDomainManagedSave(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain is not running");

    /* Starting gives the next id; ids are never reused. */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT((int)virDomainGetID(dom), 2);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK((again = virDomainLookupByID(conn, 2)));
    virDomainFree(again);

    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_INT(virDomainReboot(dom, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN), 0);
    CHECK_INT((int)virDomainGetID(dom), 2);

    /* A paused domain: reset leaves it paused, reboot runs it again,
     * shutdown stops it. */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainReset(dom, 0), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER));
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN));

    CHECK_INT(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x1) in function testDomainCreateWithFlags");
    CHECK_INT(virDomainCreateWithFlags(dom, 0), 0);
    CHECK_INT((int)virDomainGetID(dom), 3);

    CHECK_INT(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x1) in function testDomainShutdownFlags");
    CHECK_INT(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED));
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT((int)virDomainGetID(dom), 4);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT((int)virDomainGetID(dom), -1);

    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testRebootActions(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *xml1 = domXML("rbdestroy", NULL, "<on_reboot>destroy</on_reboot>");
    g_autofree char *xml2 = domXML("rbtrans", NULL, "<on_reboot>preserve</on_reboot>");
    g_autofree char *xml3 = domXML("rbrename", NULL, "<on_reboot>rename-restart</on_reboot>");
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = virDomainDefineXML(conn, xml1)));
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN));
    CHECK_INT((int)virDomainGetID(dom), -1);
    virDomainFree(dom);

    /* A transient domain that does not come back is gone. */
    CHECK((dom = virDomainCreateXML(conn, xml2, 0)));
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK(!virDomainLookupByName(conn, "rbtrans"));
    virDomainFree(dom);

    CHECK((dom = virDomainCreateXML(conn, xml3, 0)));
    CHECK_INT(virDomainReboot(dom, 0), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testTransient(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *xml = domXML("tr", NULL, NULL);
    g_autofree char *dupUUID = domXML("zz", "6695eb01-f6a4-8304-79aa-97f2502e193f", NULL);
    g_autofree char *dupName = domXML("test", NULL, NULL);
    g_autofree char *desc = NULL;
    g_autofree char *msg = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom;
    virDomainPtr other;

    CHECK(conn);
    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    CHECK_INT((int)virDomainGetID(dom), 2);
    CHECK_INT(virDomainIsPersistent(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK((desc = virDomainGetXMLDesc(dom, 0)));
    CHECK(g_str_has_prefix(desc, "<domain type='test' id='2'>"));
    CHECK(strstr(desc, "<type arch='i686'>hvm</type>"));
    CHECK(strstr(desc, "<currentMemory unit='KiB'>1024</currentMemory>"));
    g_clear_pointer(&desc, g_free);
    CHECK((desc = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(g_str_has_prefix(desc, "<domain type='test'>"));
    CHECK_INT(virDomainGetUUIDString(dom, uuid), 0);

    /* Same name again, a fresh UUID. */
    CHECK(!virDomainCreateXML(conn, xml, 0));
    msg = g_strdup_printf("operation failed: domain 'tr' already exists with uuid %s", uuid);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg);
    CHECK(!virDomainDefineXML(conn, xml));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, msg);
    CHECK(!virDomainCreateXML(conn, dupName, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
              "operation failed: domain 'test' already exists with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f");
    CHECK(!virDomainCreateXML(conn, dupUUID, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
              "operation failed: domain 'test' is already defined with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f");

    CHECK_INT(virDomainManagedSave(dom, 0), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
              "Requested operation is not valid: cannot do managed save for transient domain");
    CHECK_INT(virDomainUndefine(dom), 0);
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: transient domains do not have any persistent config");
    CHECK_INT(virDomainSetAutostart(dom, 1), 0);

    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK(!virDomainLookupByName(conn, "tr"));
    CHECK_INT(domState(dom, NULL), -1);
    g_clear_pointer(&msg, g_free);
    msg = g_strdup_printf("Domain not found: no domain with matching uuid '%s' (tr)", uuid);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, msg);
    virDomainFree(dom);

    /* Shutdown removes it as well; START_PAUSED is refused. */
    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    CHECK_INT((int)virDomainGetID(dom), 3);
    CHECK_INT(virDomainShutdown(dom), 0);
    CHECK(!virDomainLookupByName(conn, "tr"));
    virDomainFree(dom);
    CHECK(!virDomainCreateXML(conn, xml, VIR_DOMAIN_START_PAUSED));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x1) in function testDomainCreateXML");
    CHECK(!virDomainCreateXML(conn, xml, VIR_DOMAIN_START_AUTODESTROY));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x2) in function testDomainCreateXML");
    CHECK((dom = virDomainCreateXML(conn, xml, VIR_DOMAIN_START_VALIDATE)));
    CHECK_INT((int)virDomainGetID(dom), 4);

    /* Two interfaces without a target: testnet0 and testnet1, skipping
     * the name a third already uses. */
    {
        g_autofree char *nets = domXML("nets", NULL,
            "<devices><interface type='user'/>"
            "<interface type='network'><source network='default'/><target dev='testnet0'/></interface>"
            "<interface type='user'/></devices>");
        g_autofree char *nxml = NULL;

        CHECK((other = virDomainCreateXML(conn, nets, 0)));
        CHECK((nxml = virDomainGetXMLDesc(other, 0)));
        CHECK(strstr(nxml, "<target dev='testnet1'/>"));
        CHECK(strstr(nxml, "<target dev='testnet2'/>"));
        CHECK_INT(virDomainDestroy(other), 0);
        virDomainFree(other);
    }

    CHECK(!virDomainCreateXML(conn, "<domain", 0));
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, NULL);

    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Define and undefine                                                */

static int
testDefineUndefine(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    const char *uuid = "11111111-2222-3333-4444-555555555555";
    g_autofree char *xml = domXML("vv", uuid, NULL);
    g_autofree char *renamed = domXML("ww", uuid, NULL);
    g_autofree char *bigger = NULL;
    g_autofree char *desc = NULL;
    g_autofree char *nl = domXML("a\nb", NULL, NULL);
    char *names[4] = { NULL };
    virDomainPtr dom;
    virDomainPtr test;

    CHECK(conn);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 0);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK_INT((int)virDomainGetID(dom), -1);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN));
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 1);
    CHECK_INT(virConnectListDefinedDomains(conn, names, 4), 1);
    CHECK_STR(names[0], "vv");
    free(names[0]);

    CHECK(!virDomainDefineXML(conn, renamed));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
              "operation failed: domain 'vv' is already defined with uuid 11111111-2222-3333-4444-555555555555");
    CHECK(!virDomainDefineXML(conn, nl));
    CHECK_ERR(VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: \n");
    CHECK(!virDomainDefineXMLFlags(conn, xml, 2));
    CHECK_ERR(VIR_ERR_INVALID_ARG, -1, NULL);

    /* Redefining a running domain changes only its next boot. */
    CHECK_INT(virDomainCreate(dom), 0);
    bigger = domXML("vv", uuid, NULL);
    {
        char *p = strstr(bigger, "1024");
        memcpy(p, "2048", 4);
    }
    virDomainFree(dom);
    CHECK((dom = virDomainDefineXMLFlags(conn, bigger, VIR_DOMAIN_DEFINE_VALIDATE)));
    CHECK_INT(virDomainIsActive(dom), 1);
    CHECK_INT(virDomainGetMaxMemory(dom), 1024);
    CHECK((desc = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(desc, "<memory unit='KiB'>2048</memory>"));
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainGetMaxMemory(dom), 2048);

    /* createXML on a defined, inactive domain runs the new definition
     * and keeps the old one as its configuration. */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK(!virDomainCreateXML(conn, xml, 0));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain 'vv' is already active");
    CHECK_INT(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK_INT(virDomainGetMaxMemory(dom), 1024);
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainGetMaxMemory(dom), 2048);

    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_NVRAM), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x4) in function testDomainUndefineFlags");
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), 0);
    CHECK_INT(virDomainIsActive(dom), -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
              "Domain not found: no domain with matching uuid '11111111-2222-3333-4444-555555555555' (vv)");
    virDomainFree(dom);

    /* Undefining a running domain leaves it running, transient. */
    CHECK((test = virDomainLookupByName(conn, "test")));
    CHECK_INT(virDomainUndefine(test), 0);
    CHECK_INT(virDomainIsPersistent(test), 0);
    CHECK_INT(virDomainIsActive(test), 1);
    CHECK_INT(virDomainUndefine(test), 0);
    CHECK_INT(virDomainDestroy(test), 0);
    CHECK(!virDomainLookupByName(conn, "test"));
    CHECK_INT(virDomainCreate(test), -1);
    CHECK_ERR(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
              "Domain not found: no domain with matching uuid '6695eb01-f6a4-8304-79aa-97f2502e193f' (test)");
    virDomainFree(test);
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Save and restore                                                   */

static int
writeFile(const char *path, const void *data, size_t len)
{
    return g_file_set_contents(path, data, len, NULL) ? 0 : -1;
}

static int
testSaveRestore(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *path = g_build_filename(tmpdir, "test.sav", NULL);
    g_autofree char *bad = g_build_filename(tmpdir, "bad.sav", NULL);
    g_autofree char *missing = g_build_filename(tmpdir, "missing.sav", NULL);
    g_autofree char *nodir = g_build_filename(tmpdir, "no", "such", "dir.sav", NULL);
    g_autofree char *contents = NULL;
    g_autofree char *msg = NULL;
    gsize len = 0;
    int xmllen;
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));

    CHECK_INT(virDomainSaveFlags(dom, path, "<domain/>", 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST,
              "argument unsupported: xml modification unsupported");
    CHECK_INT(virDomainSaveFlags(dom, path, NULL,
                                 VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
    CHECK_INT(virDomainSaveFlags(dom, path, NULL, VIR_DOMAIN_SAVE_PAUSED), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x4) in function testDomainSaveFlags");
    CHECK_INT(virDomainSave(dom, nodir), -1);
    msg = g_strdup_printf("saving domain 'test' to '%s': open failed: No such file or directory", nodir);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, msg);

    /* A paused domain saves too, and comes back running. */
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainSave(dom, path), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED));
    CHECK_INT((int)virDomainGetID(dom), -1);

    /* The image: magic, length, live XML. */
    CHECK(g_file_get_contents(path, &contents, &len, NULL));
    CHECK(len > 20);
    CHECK(memcmp(contents, "TestGuestMagic\0", 15) == 0);
    memcpy(&xmllen, contents + 15, sizeof(xmllen));
    CHECK_INT(xmllen, (long long)len - 15 - (long long)sizeof(int));
    CHECK(g_str_has_prefix(contents + 15 + sizeof(int), "<domain type='test' id='1'>"));

    CHECK_INT(virDomainRestore(conn, path), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED));
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT((int)virDomainGetID(dom), 2);
    CHECK_INT(virDomainIsPersistent(dom), 1);

    CHECK_INT(virDomainRestore(conn, path), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain 'test' is already active");
    CHECK_INT(virDomainRestoreFlags(conn, path, "<domain/>", 0), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_TEST, NULL);
    CHECK_INT(virDomainRestoreFlags(conn, path, NULL, VIR_DOMAIN_SAVE_RUNNING), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x2) in function testDomainRestoreFlags");

    /* Broken images. */
    g_clear_pointer(&msg, g_free);
    msg = g_strdup_printf("cannot read domain image '%s': No such file or directory", missing);
    CHECK_INT(virDomainRestore(conn, missing), -1);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, msg);
    CHECK_INT(writeFile(bad, "garbage", 7), 0);
    CHECK_INT(virDomainRestore(conn, bad), -1);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, NULL);
    CHECK(g_str_has_prefix(virGetLastError()->message, "incomplete save header in '"));
    CHECK_INT(writeFile(bad, "garbagegarbagegarbagegarbage", 28), 0);
    CHECK_INT(virDomainRestore(conn, bad), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST, "internal error: mismatched header magic");
    CHECK_INT(writeFile(bad, "TestGuestMagic\0", 15), 0);
    CHECK_INT(virDomainRestore(conn, bad), -1);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, NULL);
    CHECK(g_str_has_prefix(virGetLastError()->message, "failed to read metadata length in '"));
    CHECK_INT(writeFile(bad, "TestGuestMagic\0\0\0\0\0", 19), 0);
    CHECK_INT(virDomainRestore(conn, bad), -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
              "internal error: length of metadata out of range");
    {
        char buf[15 + sizeof(int) + 3];
        int big = 16;

        memcpy(buf, "TestGuestMagic\0", 15);
        memcpy(buf + 15, &big, sizeof(int));
        memcpy(buf + 15 + sizeof(int), "abc", 3);
        CHECK_INT(writeFile(bad, buf, sizeof(buf)), 0);
        CHECK_INT(virDomainRestore(conn, bad), -1);
        CHECK_ERR(VIR_ERR_SYSTEM_ERROR, VIR_FROM_TEST, NULL);
        CHECK(g_str_has_prefix(virGetLastError()->message, "incomplete metadata in '"));
    }

    /* A transient domain disappears when saved and comes back transient. */
    {
        g_autofree char *xml = domXML("trsave", NULL, NULL);
        g_autofree char *trpath = g_build_filename(tmpdir, "tr.sav", NULL);
        virDomainPtr tr;

        CHECK((tr = virDomainCreateXML(conn, xml, 0)));
        CHECK_INT(virDomainSave(tr, trpath), 0);
        CHECK(!virDomainLookupByName(conn, "trsave"));
        virDomainFree(tr);
        CHECK_INT(virDomainRestore(conn, trpath), 0);
        CHECK((tr = virDomainLookupByName(conn, "trsave")));
        CHECK_INT(virDomainIsPersistent(tr), 0);
        CHECK_INT(stateReason(tr), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED));
        CHECK_INT(virDomainDestroy(tr), 0);
        virDomainFree(tr);
    }

    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testManagedSave(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr *list = NULL;
    virDomainPtr dom;
    int n;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);
    CHECK_INT(virDomainManagedSave(dom, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flags 'VIR_DOMAIN_SAVE_RUNNING' and 'VIR_DOMAIN_SAVE_PAUSED' are mutually exclusive");
    CHECK_INT(virDomainManagedSave(dom, VIR_DOMAIN_SAVE_BYPASS_CACHE), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED));
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 1);

    n = virConnectListAllDomains(conn, &list, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    CHECK_INT(n, 1);
    CHECK_STR(virDomainGetName(list[0]), "test");
    virDomainFree(list[0]);
    free(list);
    CHECK_INT(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE), 0);

    CHECK_INT(virDomainUndefine(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
              "Requested operation is not valid: Refusing to undefine while domain managed save image exists");

    /* Starting consumes the image (and boots, as libvirt's test driver
     * reports it). */
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);

    CHECK_INT(virDomainManagedSave(dom, 0), 0);
    CHECK_INT(virDomainManagedSaveRemove(dom, 0), 0);
    CHECK_INT(virDomainHasManagedSaveImage(dom, 0), 0);
    CHECK_INT(virDomainManagedSaveRemove(dom, 0), 0);

    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT(virDomainSuspend(dom), 0);
    CHECK_INT(virDomainManagedSave(dom, 0), 0);
    CHECK_INT(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE), 0);
    CHECK(!virDomainLookupByName(conn, "test"));
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Memory and vCPUs                                                   */

static int
testMemory(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainInfo info;
    g_autofree char *xml = NULL;
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));

    CHECK_INT(virDomainSetMemory(dom, 4000000), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.memory, 4000000);
    CHECK_INT(virDomainSetMemory(dom, 9000000), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: cannot set memory higher than max memory");
    CHECK_INT(virDomainSetMaxMemory(dom, 9000000), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
              "Requested operation is not valid: cannot resize the maximum memory on an active domain");
    CHECK_INT(virDomainSetMemoryFlags(dom, 3000000, VIR_DOMAIN_AFFECT_LIVE), 0);
    CHECK_INT(virDomainSetMemoryFlags(dom, 3500000, VIR_DOMAIN_AFFECT_CONFIG), 0);
    CHECK_INT(virDomainSetMemoryFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    CHECK_INT(virDomainSetMemoryFlags(dom, 9000000, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_MEM_MAXIMUM), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, NULL);
    CHECK_INT(virDomainSetMemoryFlags(dom, 9000000, VIR_DOMAIN_MEM_MAXIMUM), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST, NULL);
    CHECK_INT(virDomainSetMemoryFlags(dom, 9000000, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM), 0);

    CHECK((xml = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(xml, "<memory unit='KiB'>8388608</memory>"));
    CHECK(strstr(xml, "<currentMemory unit='KiB'>3000000</currentMemory>"));
    g_clear_pointer(&xml, g_free);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<memory unit='KiB'>9000000</memory>"));
    CHECK(strstr(xml, "<currentMemory unit='KiB'>3500000</currentMemory>"));
    g_clear_pointer(&xml, g_free);
    CHECK_INT(virDomainGetMaxMemory(dom), 8388608);
    CHECK_INT(virDomainIsUpdated(dom), 0);

    /* A smaller maximum pulls the current size down with it. */
    CHECK_INT(virDomainSetMemoryFlags(dom, 1000, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM), 0);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<memory unit='KiB'>1000</memory>"));
    CHECK(strstr(xml, "<currentMemory unit='KiB'>1000</currentMemory>"));
    g_clear_pointer(&xml, g_free);

    CHECK_INT(virDomainSetMemory(dom, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, NULL);

    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainGetMaxMemory(dom), 1000);
    CHECK_INT(virDomainSetMemory(dom, 500), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainSetMemoryFlags(dom, 500, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(virDomainSetMaxMemory(dom, 500), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.maxMem, 500);
    CHECK_INT(info.memory, 500);
    CHECK_INT(virDomainSetMaxMemory(dom, 10000000), 0);
    CHECK_INT(virDomainSetMemoryFlags(dom, 20000000, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST, NULL);
    CHECK_INT(virDomainSetMemoryFlags(dom, 600, 0), 0);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.maxMem, 10000000);
    CHECK_INT(info.memory, 600);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testVcpus(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    const unsigned int L = VIR_DOMAIN_AFFECT_LIVE;
    const unsigned int C = VIR_DOMAIN_AFFECT_CONFIG;
    const unsigned int M = VIR_DOMAIN_VCPU_MAXIMUM;
    g_autofree char *xml = NULL;
    virDomainInfo info;
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT(virDomainGetVcpusFlags(dom, 0), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, L), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, C | M), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, M), 2);
    CHECK_INT(virDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_GUEST), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x8) in function testDomainGetVcpusFlags");
    CHECK_INT(virDomainGetVcpusFlags(dom, L | C), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");

    CHECK_INT(virDomainSetVcpus(dom, 1), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, 0), 1);
    CHECK_INT(virDomainGetVcpusFlags(dom, C), 2);
    CHECK_INT(virDomainSetVcpus(dom, 3), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: requested cpu amount exceeds maximum (3 > 2)");
    CHECK_INT(virDomainSetVcpus(dom, 40), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: requested cpu amount exceeds maximum supported amount (40 > 32)");
    CHECK_INT(virDomainSetVcpus(dom, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "nvcpus in virDomainSetVcpus must not be zero");
    CHECK_INT(virDomainSetVcpusFlags(dom, 0, C), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "nvcpus in virDomainSetVcpusFlags must not be zero");
    CHECK_INT(virDomainSetVcpusFlags(dom, 4, L | M), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'");
    CHECK_INT(virDomainSetVcpusFlags(dom, 4, L | C | M), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: requested cpu amount exceeds maximum (4 > 2)");
    CHECK_INT(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_VCPU_GUEST), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x8) in function testDomainSetVcpusFlags");

    CHECK_INT(virDomainSetVcpusFlags(dom, 4, C | M), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, C | M), 4);
    CHECK_INT(virDomainGetVcpusFlags(dom, C), 2);
    CHECK_INT(virDomainSetVcpusFlags(dom, 3, C), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, C), 3);
    CHECK_INT(virDomainSetVcpusFlags(dom, 5, C), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: requested cpu amount exceeds maximum (5 > 4)");
    CHECK_INT(virDomainSetVcpusFlags(dom, 2, C | M), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, C), 2);
    CHECK_INT(virDomainSetVcpusFlags(dom, 33, C | M), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "invalid argument: requested cpu amount exceeds maximum supported amount (33 > 32)");
    CHECK_INT(virDomainSetVcpusFlags(dom, 32, C | M), 0);
    CHECK_INT(virDomainSetVcpusFlags(dom, 2, L | C), 0);

    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<vcpu placement='static' current='2'>32</vcpu>"));
    g_clear_pointer(&xml, g_free);
    CHECK((xml = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(xml, "<vcpu placement='static'>2</vcpu>"));
    g_clear_pointer(&xml, g_free);

    /* LIVE|CONFIG|MAXIMUM: live count and configured maximum. */
    CHECK_INT(virDomainSetVcpusFlags(dom, 1, L | C | M), 0);
    CHECK((xml = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(xml, "<vcpu placement='static' current='1'>2</vcpu>"));
    g_clear_pointer(&xml, g_free);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<vcpu placement='static'>1</vcpu>"));
    g_clear_pointer(&xml, g_free);
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(info.nrVirtCpu, 1);
    CHECK_INT(virDomainGetMaxVcpus(dom), 2);

    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK_INT(virDomainGetMaxVcpus(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
              "Requested operation is not valid: domain is not running");
    CHECK_INT(virDomainGetVcpusFlags(dom, L), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(virDomainSetVcpus(dom, 1), -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(virDomainSetVcpusFlags(dom, 4, M), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(virDomainSetVcpusFlags(dom, 1, 0), 0);
    CHECK_INT(virDomainGetVcpusFlags(dom, 0), 1);
    CHECK_INT(virDomainGetVcpusFlags(dom, M), 1);
    virDomainFree(dom);

    /* A domain with current < maximum. */
    {
        g_autofree char *def = g_strdup("<domain type='test'><name>vc</name><memory>1024</memory>"
                                        "<vcpu current='2'>4</vcpu><os><type>hvm</type></os></domain>");

        CHECK((dom = virDomainDefineXML(conn, def)));
        CHECK_INT(virDomainGetInfo(dom, &info), 0);
        CHECK_INT(info.nrVirtCpu, 2);
        CHECK_INT(virDomainGetVcpusFlags(dom, M), 4);
        CHECK_INT(virDomainCreate(dom), 0);
        CHECK_INT(virDomainGetMaxVcpus(dom), 4);
        CHECK_INT(virDomainSetVcpusFlags(dom, 3, L), 0);
        CHECK_INT(virDomainGetInfo(dom, &info), 0);
        CHECK_INT(info.nrVirtCpu, 3);
        CHECK((xml = virDomainGetXMLDesc(dom, 0)));
        CHECK(strstr(xml, "<vcpu placement='static' current='3'>4</vcpu>"));
        CHECK_INT(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Scheduler and autostart                                            */

static int
testScheduler(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virTypedParameter params[2];
    g_autofree char *type = NULL;
    virDomainPtr dom;
    int nparams = 0;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK((type = virDomainGetSchedulerType(dom, &nparams)));
    CHECK_STR(type, "fair");
    CHECK_INT(nparams, 1);
    g_clear_pointer(&type, g_free);
    CHECK((type = virDomainGetSchedulerType(dom, NULL)));

    memset(params, 0, sizeof(params));
    nparams = 2;
    CHECK_INT(virDomainGetSchedulerParameters(dom, params, &nparams), 0);
    CHECK_INT(nparams, 1);
    CHECK_STR(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT);
    CHECK_INT(params[0].type, VIR_TYPED_PARAM_UINT);
    CHECK_INT(params[0].value.ui, 50);

    nparams = 1;
    CHECK_INT(virDomainGetSchedulerParametersFlags(dom, params, &nparams, 0), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x4) in function testDomainGetSchedulerParametersFlags");
    CHECK_INT(virDomainGetSchedulerParametersFlags(dom, params, &nparams, VIR_DOMAIN_AFFECT_LIVE), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x5) in function testDomainGetSchedulerParametersFlags");
    CHECK_INT(virDomainGetSchedulerParametersFlags(dom, params, &nparams,
                                                   VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
              "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");

    /* Setting is accepted and has no effect. */
    memset(params, 0, sizeof(params));
    g_strlcpy(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT, sizeof(params[0].field));
    params[0].type = VIR_TYPED_PARAM_UINT;
    params[0].value.ui = 100;
    CHECK_INT(virDomainSetSchedulerParameters(dom, params, 1), 0);
    nparams = 1;
    CHECK_INT(virDomainGetSchedulerParameters(dom, params, &nparams), 0);
    CHECK_INT(params[0].value.ui, 50);
    CHECK_INT(virDomainSetSchedulerParametersFlags(dom, params, 1, 0), 0);
    CHECK_INT(virDomainSetSchedulerParametersFlags(dom, params, 1, VIR_DOMAIN_AFFECT_CONFIG), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
              "unsupported flags (0x2) in function testDomainSetSchedulerParametersFlags");

    g_strlcpy(params[0].field, "cap", sizeof(params[0].field));
    CHECK_INT(virDomainSetSchedulerParameters(dom, params, 1), -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_NONE, NULL);
    g_strlcpy(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT, sizeof(params[0].field));
    params[0].type = VIR_TYPED_PARAM_INT;
    CHECK_INT(virDomainSetSchedulerParameters(dom, params, 1), -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_NONE, NULL);

    /* Works on a stopped domain too. */
    CHECK_INT(virDomainDestroy(dom), 0);
    nparams = 1;
    CHECK_INT(virDomainGetSchedulerParameters(dom, params, &nparams), 0);
    CHECK_INT(params[0].value.ui, 50);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

static int
testAutostart(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    int autostart = -1;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT(virDomainSetAutostart(dom, 5), 0);
    CHECK_INT(virDomainGetAutostart(dom, &autostart), 0);
    CHECK_INT(autostart, 1);
    CHECK_INT(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_AUTOSTART), 1);
    CHECK_INT(virDomainSetAutostart(dom, 0), 0);
    CHECK_INT(virDomainGetAutostart(dom, &autostart), 0);
    CHECK_INT(autostart, 0);
    CHECK_INT(virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_AUTOSTART), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Listing                                                            */

static int
compareStrings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the domains FLAGS selects, sorted, comma-separated. */
static char *
listNamesSorted(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *list = NULL;
    GString *s = g_string_new(NULL);
    const char **names;
    int n;
    int i;

    if ((n = virConnectListAllDomains(conn, &list, flags)) < 0) {
        g_string_free(s, TRUE);
        return g_strdup("(error)");
    }
    names = g_new0(const char *, n + 1);
    for (i = 0; i < n; i++)
        names[i] = virDomainGetName(list[i]);
    qsort(names, n, sizeof(*names), compareStrings);
    for (i = 0; i < n; i++)
        g_string_append_printf(s, "%s%s", i ? "," : "", names[i]);
    g_free(names);
    if (list && list[n] != NULL) {
        g_string_free(s, TRUE);
        s = g_string_new("(list not NULL-terminated)");
    }
    for (i = 0; i < n; i++)
        virDomainFree(list[i]);
    free(list);
    return g_string_free(s, FALSE);
}

#define CHECK_LIST(conn, flags, want) \
    do { \
        g_autofree char *_names = listNamesSorted(conn, flags); \
        CHECK_STR(_names, want); \
    } while (0)

static int
testListing(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    int ids[8];
    char *names[8];
    virDomainPtr dom;
    int n;
    int i;

    CHECK(conn);
    for (i = 0; i < 3; i++) {
        g_autofree char *name = g_strdup_printf("def%d", i);
        g_autofree char *xml = domXML(name, NULL, NULL);
        CHECK((dom = virDomainDefineXML(conn, xml)));
        virDomainFree(dom);
    }
    {
        g_autofree char *xml = domXML("a0", NULL, NULL);
        CHECK((dom = virDomainCreateXML(conn, xml, 0)));
        CHECK_INT(virDomainSuspend(dom), 0);
        virDomainFree(dom);
    }
    {
        g_autofree char *xml = domXML("tr", NULL, NULL);
        CHECK((dom = virDomainCreateXML(conn, xml, 0)));
        CHECK_INT(virDomainSetAutostart(dom, 1), 0);
        virDomainFree(dom);
    }

    CHECK_INT(virConnectNumOfDomains(conn), 3);
    CHECK_INT(virConnectNumOfDefinedDomains(conn), 3);
    n = virConnectListDomains(conn, ids, 8);
    CHECK_INT(n, 3);
    CHECK_INT(ids[0] + ids[1] + ids[2], 1 + 2 + 3);
    CHECK_INT(virConnectListDomains(conn, ids, 1), 1);
    CHECK_INT(virConnectListDomains(conn, ids, 0), 0);
    n = virConnectListDefinedDomains(conn, names, 8);
    CHECK_INT(n, 3);
    for (i = 0; i < n; i++)
        free(names[i]);
    CHECK_INT(virConnectListDefinedDomains(conn, names, 2), 2);
    free(names[0]);
    free(names[1]);

    CHECK_LIST(conn, 0, "a0,def0,def1,def2,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE, "a0,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE, "def0,def1,def2");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE,
               "a0,def0,def1,def2,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "def0,def1,def2,test");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "a0,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING, "test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED, "a0");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "def0,def1,def2");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_OTHER, "");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED,
               "a0,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, "a0,def0,def1,def2,test");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, "");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "a0,def0,def1,def2,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, "");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, "a0,def0,def1,def2,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, "");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, "a0,def0,def1,def2,test,tr");
    CHECK_LIST(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_ACTIVE, "test");
    CHECK_INT(virConnectListAllDomains(conn, NULL, 0), 6);

    /* Handles carry the ids. */
    {
        virDomainPtr *list = NULL;

        n = virConnectListAllDomains(conn, &list, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
        CHECK_INT(n, 3);
        for (i = 0; i < n; i++) {
            CHECK_INT((int)virDomainGetID(list[i]), -1);
            virDomainFree(list[i]);
        }
        free(list);
    }
    virConnectClose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Custom node files and authentication                               */

static int
testCustomNode(void)
{
    g_autofree char *uri = nodeURI("node.xml");
    g_autofree char *got = NULL;
    g_autofree char *xml = NULL;
    virConnectPtr conn;
    virConnectPtr other;
    virNodeInfo info;
    virDomainPtr dom;
    virDomainPtr dom2;
    g_autofree char *caps = NULL;

    CHECK((conn = virConnectOpen(uri)));
    CHECK((got = virConnectGetURI(conn)));
    CHECK_STR(got, uri);
    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_STR(info.model, "i986");
    CHECK_INT(info.memory, 8192000);
    CHECK_INT(info.cpus, 50);
    CHECK_INT(info.mhz, 6000);
    CHECK_INT(info.nodes, 4);
    CHECK_INT(info.sockets, 4);
    CHECK_INT(info.cores, 4);
    CHECK_INT(info.threads, 2);
    CHECK((caps = virConnectGetCapabilities(conn)));
    CHECK(strstr(caps, "<cells num='0'>"));

    CHECK_INT(virConnectNumOfDomains(conn), 2);
    CHECK((dom = virDomainLookupByName(conn, "inline")));
    CHECK_INT((int)virDomainGetID(dom), 1);
    CHECK_INT(stateReason(dom), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN));
    CHECK_INT(virDomainIsPersistent(dom), 1);
    CHECK((dom2 = virDomainLookupByName(conn, "fromfile")));
    CHECK_INT((int)virDomainGetID(dom2), 2);
    CHECK((xml = virDomainGetXMLDesc(dom2, 0)));
    CHECK(strstr(xml, "<target dev='testnet0'/>"));
    CHECK(strstr(xml, "<source bridge='br0'/>"));
    virDomainFree(dom2);

    /* Each connection to a node file has its own host. */
    CHECK((other = virConnectOpen(uri)));
    CHECK_INT(virDomainDestroy(dom), 0);
    CHECK((dom2 = virDomainLookupByName(other, "inline")));
    CHECK_INT(stateReason(dom2), SR(VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN));
    CHECK_INT(virDomainCreate(dom), 0);
    CHECK_INT((int)virDomainGetID(dom), 3);
    virDomainFree(dom2);
    virDomainFree(dom);
    virConnectClose(other);
    virConnectClose(conn);

    /* An empty node: the built-in host's figures, no domains. */
    g_clear_pointer(&uri, g_free);
    uri = nodeURI("minimal.xml");
    CHECK((conn = virConnectOpen(uri)));
    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_STR(info.model, "i686");
    CHECK_INT(info.memory, 3145728);
    CHECK_INT(info.cpus, 16);
    CHECK_INT(virConnectListAllDomains(conn, NULL, 0), 0);
    virConnectClose(conn);

    /* A partial <cpu>: the CPU count follows the topology. */
    g_clear_pointer(&uri, g_free);
    uri = nodeURI("cpu-partial.xml");
    CHECK((conn = virConnectOpen(uri)));
    CHECK_INT(virNodeGetInfo(conn, &info), 0);
    CHECK_INT(info.sockets, 1);
    CHECK_INT(info.cpus, 8);
    CHECK_INT(info.mhz, 2000);
    virConnectClose(conn);
    return 0;
}

typedef struct {
    const char *user;
    const char *password;
    int calls;
    bool failUser;
    bool failPassword;
    char *prompts;
} authData;

static int
authCallback(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    authData *data = opaque;
    unsigned int i;

    for (i = 0; i < ncred; i++) {
        g_autofree char *old = data->prompts;

        data->calls++;
        data->prompts = g_strdup_printf("%s[%d:%s:%s]", old ? old : "", cred[i].type,
                                        cred[i].prompt, cred[i].challenge);
        if (cred[i].type == VIR_CRED_AUTHNAME) {
            if (data->failUser)
                return -1;
            cred[i].result = g_strdup(data->user);
        } else {
            if (data->failPassword)
                return -1;
            cred[i].result = g_strdup(data->password);
        }
        cred[i].resultlen = strlen(cred[i].result);
    }
    return 0;
}

static int
tryAuth(const char *uri, authData *data, int *credtypes, int ncredtypes)
{
    virConnectAuth auth = {
        .credtype = credtypes,
        .ncredtype = ncredtypes,
        .cb = authCallback,
        .cbdata = data,
    };
    virConnectPtr conn = virConnectOpenAuth(uri, &auth, 0);

    if (!conn)
        return -1;
    virConnectClose(conn);
    return 0;
}

static int
testAuth(void)
{
    g_autofree char *uri = nodeURI("auth.xml");
    int both[] = { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE };
    int nameOnly[] = { VIR_CRED_AUTHNAME };
    int noecho[] = { VIR_CRED_NOECHOPROMPT, VIR_CRED_AUTHNAME };
    authData d;

    memset(&d, 0, sizeof(d));
    d.user = "alice";
    d.password = "secret";
    CHECK_INT(tryAuth(uri, &d, both, 2), 0);
    CHECK_INT(d.calls, 2);
    CHECK_STR(d.prompts, "[2:Enter username for localhost:localhost]"
                         "[5:Enter alice's password for localhost:localhost]");
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    d.user = "alice";
    d.password = "wrong";
    CHECK_INT(tryAuth(uri, &d, both, 2), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_TEST,
              "authentication failed: authentication failed, see test XML for the correct username/password");
    g_clear_pointer(&d.prompts, g_free);

    /* No password for bob: one question only. */
    memset(&d, 0, sizeof(d));
    d.user = "bob";
    CHECK_INT(tryAuth(uri, &d, nameOnly, 1), 0);
    CHECK_INT(d.calls, 1);
    g_clear_pointer(&d.prompts, g_free);

    /* An unknown user is still asked for a password. */
    memset(&d, 0, sizeof(d));
    d.user = "carol";
    d.password = "secret";
    CHECK_INT(tryAuth(uri, &d, both, 2), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_TEST, NULL);
    CHECK_INT(d.calls, 2);
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    d.user = "alice";
    d.password = "secret";
    CHECK_INT(tryAuth(uri, &d, noecho, 2), 0);
    CHECK_STR(d.prompts, "[2:Enter username for localhost:localhost]"
                         "[7:Enter alice's password for localhost:localhost]");
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    d.failUser = true;
    CHECK_INT(tryAuth(uri, &d, both, 2), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH,
              "authentication failed: Username request failed");
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    d.user = "alice";
    d.failPassword = true;
    CHECK_INT(tryAuth(uri, &d, both, 2), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH,
              "authentication failed: Password request failed");
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    d.user = "alice";
    CHECK_INT(tryAuth(uri, &d, nameOnly, 1), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH,
              "authentication failed: Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT credential type");
    g_clear_pointer(&d.prompts, g_free);

    memset(&d, 0, sizeof(d));
    CHECK_INT(tryAuth(uri, &d, both + 1, 1), -1);
    CHECK_ERR(VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH,
              "authentication failed: Missing VIR_CRED_AUTHNAME credential type");

    CHECK(!virConnectOpen(uri));
    CHECK_ERR(VIR_ERR_INVALID_ARG, VIR_FROM_AUTH,
              "invalid argument: Missing authentication credentials");

    /* The built-in host asks nothing. */
    memset(&d, 0, sizeof(d));
    CHECK_INT(tryAuth("test:///default", &d, both, 2), 0);
    CHECK_INT(d.calls, 0);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Read-only connections and threads                                  */

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    virDomainPtr dom;
    virDomainInfo info;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "test")));
    CHECK_INT(virDomainGetInfo(dom, &info), 0);
    CHECK_INT(virDomainSuspend(dom), -1);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, NULL);
    CHECK_INT(stateReason(dom) / 100, VIR_DOMAIN_RUNNING);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

typedef struct {
    int index;
    int failures;
} threadData;

static gpointer
threadWorker(gpointer opaque)
{
    threadData *td = opaque;
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *name = g_strdup_printf("thr%d", td->index);
    g_autofree char *xml = domXML(name, NULL, NULL);
    int i;

    if (!conn) {
        td->failures++;
        return NULL;
    }
    for (i = 0; i < 50; i++) {
        virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
        virDomainPtr test;
        virDomainInfo info;

        if (!dom) {
            td->failures++;
            continue;
        }
        if (virDomainSuspend(dom) < 0 || virDomainResume(dom) < 0 ||
            virDomainGetInfo(dom, &info) < 0 || virDomainDestroy(dom) < 0)
            td->failures++;
        virDomainFree(dom);
        if ((test = virDomainLookupByName(conn, "test"))) {
            virDomainGetInfo(test, &info);
            virDomainFree(test);
        } else {
            td->failures++;
        }
        virConnectListAllDomains(conn, NULL, 0);
    }
    virConnectClose(conn);
    return NULL;
}

static int
testThreads(void)
{
    virConnectPtr keep = virConnectOpen("test:///default");
    GThread *threads[8];
    threadData data[8];
    int ids[4];
    int i;

    CHECK(keep);
    for (i = 0; i < 8; i++) {
        data[i].index = i;
        data[i].failures = 0;
        threads[i] = g_thread_new("worker", threadWorker, &data[i]);
    }
    for (i = 0; i < 8; i++)
        g_thread_join(threads[i]);
    for (i = 0; i < 8; i++)
        CHECK_INT(data[i].failures, 0);
    /* 8 threads x 50 starts, all with distinct ids. */
    CHECK_INT(virConnectNumOfDomains(keep), 1);
    CHECK_INT(virConnectListDomains(keep, ids, 4), 1);
    CHECK_INT(ids[0], 1);
    {
        g_autofree char *xml = domXML("last", NULL, NULL);
        virDomainPtr dom = virDomainCreateXML(keep, xml, 0);

        CHECK(dom);
        CHECK_INT((int)virDomainGetID(dom), 2 + 8 * 50);
        virDomainDestroy(dom);
        virDomainFree(dom);
    }
    virConnectClose(keep);
    return 0;
}

/* ------------------------------------------------------------------ */

static void
removeTree(const char *path)
{
    GDir *dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            removeTree(child);
        }
        g_dir_close(dir);
    }
    g_remove(path);
}

int
main(int argc, char **argv)
{
    g_autoptr(GError) err = NULL;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATADIR\n", argv[0]);
        return 2;
    }
    datadir = argv[1];
    if (!(tmpdir = g_dir_make_tmp("testdriver-XXXXXX", &err))) {
        fprintf(stderr, "cannot make a temporary folder: %s\n", err->message);
        return 2;
    }
    virSetErrorFunc(NULL, quietErrors);

    runCase("connect-info", testConnectInfo);
    runCase("node-info-default", testNodeInfoDefault);
    runCase("capabilities", testCapabilities);
    runCase("open-errors", testOpenErrors);
    runCase("shared-default-state", testSharedDefaultState);
    runCase("uri-query", testURIQuery);
    runCase("default-domain", testDefaultDomain);
    runCase("lookups", testLookups);
    runCase("lifecycle", testLifecycle);
    runCase("reboot-actions", testRebootActions);
    runCase("transient", testTransient);
    runCase("define-undefine", testDefineUndefine);
    runCase("save-restore", testSaveRestore);
    runCase("managed-save", testManagedSave);
    runCase("memory", testMemory);
    runCase("vcpus", testVcpus);
    runCase("scheduler", testScheduler);
    runCase("autostart", testAutostart);
    runCase("listing", testListing);
    runCase("custom-node", testCustomNode);
    runCase("auth", testAuth);
    runCase("read-only", testReadOnly);
    runCase("threads", testThreads);

    removeTree(tmpdir);
    printf("%d passed, %d failed\n", npassed, nfailed);
    return nfailed ? 1 : 0;
}
