/*
 * qemu_event.c: domain events of the QEMU driver (see qemu_event.h).
 */
#include "qemu_event.h"

static qemuEventState *(*qemuEventStateOf)(virConnectPtr conn);

qemuEventState *
qemuEventStateNew(void)
{
    return virDriverEventStateNew();
}

void
qemuEventStateFree(qemuEventState *state)
{
    virDriverEventStateFree(state);
}

void
qemuEventEmitLifecycle(qemuEventState *state,
                       const char *name,
                       const unsigned char *uuid,
                       int id,
                       int event,
                       int detail)
{
    virDriverEvent *ev = virDriverEventNewDomain(VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);

    ev->i1 = event;
    ev->i2 = detail;
    virDriverEventQueue(state, ev);
}

void
qemuEventEmitReboot(qemuEventState *state,
                    const char *name,
                    const unsigned char *uuid,
                    int id)
{
    virDriverEventQueue(state, virDriverEventNewDomain(VIR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id));
}

void
qemuEventEmitBalloonChange(qemuEventState *state,
                           const char *name,
                           const unsigned char *uuid,
                           int id,
                           unsigned long long actual)
{
    virDriverEvent *ev = virDriverEventNewDomain(VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE, name, uuid, id);

    ev->ull = actual;
    virDriverEventQueue(state, ev);
}

void
qemuEventEmitDevice(qemuEventState *state,
                    int eventID,
                    const char *name,
                    const unsigned char *uuid,
                    int id,
                    const char *alias)
{
    virDriverEvent *ev = virDriverEventNewDomain(eventID, name, uuid, id);

    ev->s1 = g_strdup(alias);
    virDriverEventQueue(state, ev);
}

/* ------------------------------------------------------------------ */
/* The driver's slots                                                 */

static int
qemuConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque,
                               virFreeCallback freecb)
{
    return virDriverEventDomainRegister(qemuEventStateOf(conn), conn, cb, opaque, freecb);
}

static int
qemuConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    return virDriverEventDomainDeregister(qemuEventStateOf(conn), conn, cb);
}

static int
qemuConnectDomainEventRegisterAny(virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb)
{
    return virDriverEventDomainRegisterAny(qemuEventStateOf(conn), conn, dom, eventID,
                                           cb, opaque, freecb);
}

static int
qemuConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virDriverEventDeregisterAny(qemuEventStateOf(conn), conn, callbackID);
}

void
qemuEventRegister(virHypervisorDriver *hv,
                  qemuEventState *(*stateOf)(virConnectPtr conn))
{
    qemuEventStateOf = stateOf;
    hv->connectDomainEventRegister = qemuConnectDomainEventRegister;
    hv->connectDomainEventDeregister = qemuConnectDomainEventDeregister;
    hv->connectDomainEventRegisterAny = qemuConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = qemuConnectDomainEventDeregisterAny;
}
