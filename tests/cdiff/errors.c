/*
 * errors.c: the complete error (code, domain, level, message) of common
 * failures, as a C program written for libvirt sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *opaque, virErrorPtr err) { (void)opaque; (void)err; }

static void
show(const char *what, int failed)
{
    virErrorPtr e = virGetLastError();

    if (!failed || !e) {
        printf("%s: ok\n", what);
        return;
    }
    printf("%s: code=%d domain=%d level=%d message=%s\n", what, e->code, e->domain,
           e->level, e->message);
}

int
main(void)
{
    virConnectPtr conn;
    virConnectPtr ro;
    virDomainPtr dom;
    virDomainPtr fresh;
    virDomainInfo info;
    unsigned long ver;
    const char *xml = "<domain type='test'><name>cdiff</name><memory>1024</memory>"
                      "<os><type>hvm</type></os></domain>";

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    ro = virConnectOpenReadOnly("test:///default");
    dom = virDomainLookupByName(conn, "test");

    show("lookup missing", virDomainLookupByName(conn, "nope") == NULL);
    show("lookup id", virDomainLookupByID(conn, 99) == NULL);
    show("lookup bad uuid string", virDomainLookupByUUIDString(conn, "zzz") == NULL);
    show("NULL name", virDomainLookupByName(conn, NULL) == NULL);
    show("NULL info", virDomainGetInfo(dom, NULL) < 0);
    show("NULL domain", virDomainGetInfo(NULL, &info) < 0);
    show("NULL connection", virConnectGetVersion(NULL, &ver) < 0);
    show("read-only destroy", virDomainDestroy(virDomainLookupByName(ro, "test")) < 0);
    show("read-only define", virDomainDefineXML(ro, xml) == NULL);
    show("bad xml", virDomainDefineXML(conn, "<domain") == NULL);
    show("empty xml", virDomainDefineXML(conn, "") == NULL);
    show("missing name", virDomainDefineXML(conn, "<domain type='test'><memory>1</memory></domain>") == NULL);
    fresh = virDomainDefineXML(conn, xml);
    show("define", fresh == NULL);
    show("suspend inactive", virDomainSuspend(fresh) < 0);
    show("destroy inactive", virDomainDestroy(fresh) < 0);
    show("create", virDomainCreate(fresh) < 0);
    show("create again", virDomainCreate(fresh) < 0);
    show("resume running", virDomainResume(fresh) < 0);
    show("set memory too high", virDomainSetMemory(fresh, 1u << 30) < 0);
    show("set vcpus zero", virDomainSetVcpus(fresh, 0) < 0);
    show("destroy", virDomainDestroy(fresh) < 0);
    show("restore missing", virDomainRestore(conn, "/nonexistent/image") < 0);
    show("undefine", virDomainUndefine(fresh) < 0);
    show("unknown uri", virConnectOpen("test:///nonexistent.xml") == NULL);
    virDomainFree(fresh);
    virDomainFree(dom);
    virConnectClose(ro);
    virConnectClose(conn);
    return 0;
}
