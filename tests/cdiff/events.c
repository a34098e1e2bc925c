/*
 * events.c: the default event loop and domain lifecycle events through
 * the C API, in the order a C program receives them.
 */
#include <stdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *opaque, virErrorPtr err) { (void)opaque; (void)err; }

static int received;

static int
lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    printf("%s: %s event=%d detail=%d\n", (const char *)opaque, virDomainGetName(dom),
           event, detail);
    received++;
    return 0;
}

static void
freed(void *opaque)
{
    printf("freed %s\n", (const char *)opaque);
}

static void
tick(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

/* Run the loop until WANT events arrived, at most 50 iterations; the
 * ticking timer keeps an iteration from waiting forever. */
static void
pump(int want)
{
    int timer = virEventAddTimeout(10, tick, NULL, NULL);
    int i;

    for (i = 0; i < 50 && received < want; i++)
        virEventRunDefaultImpl();
    virEventRemoveTimeout(timer);
    virEventRunDefaultImpl();
}

int
main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int id;
    int old;

    virSetErrorFunc(NULL, quiet);
    printf("register loop %d\n", virEventRegisterDefaultImpl());
    conn = virConnectOpen("test:///default");
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lifecycle), "any", freed);
    old = virConnectDomainEventRegister(conn, lifecycle, "old", NULL);
    printf("ids %d %d\n", id >= 0, old);

    dom = virDomainDefineXML(conn, "<domain type='test'><name>ev</name><memory>1024</memory>"
                             "<os><type>hvm</type></os></domain>");
    pump(2);
    virDomainCreate(dom);
    pump(4);
    virDomainSuspend(dom);
    virDomainResume(dom);
    pump(8);
    virDomainDestroy(dom);
    virDomainUndefine(dom);
    pump(12);
    printf("deregister %d %d\n", virConnectDomainEventDeregisterAny(conn, id),
           virConnectDomainEventDeregister(conn, lifecycle));
    old = virConnectDomainEventDeregisterAny(conn, id);
    printf("deregister again %d code %d\n", old, virGetLastErrorCode());
    pump(13);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
