/*
 * test_event.c: the test driver's events (see test_event.h): one
 * virDriverEventState per fake host (driver->eventState, made on first
 * use), the event slots of its driver tables, and the emitters its other
 * files call under driver->lock.
 */
#include <string.h>

#include "driver_event.h"
#include "test_driver_private.h"
#include "test_event.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The event state of CONN's host, made on first use. */
static virDriverEventState *
testEventStateGet(virConnectPtr conn)
{
    testDriver *driver = testDriverOf(conn);
    virDriverEventState *state;

    g_mutex_lock(&driver->lock);
    if (!(state = driver->eventState))
        state = driver->eventState = virDriverEventStateNew();
    g_mutex_unlock(&driver->lock);
    return state;
}

static int
testConnectDomainEventRegister(virConnectPtr conn,
                               virConnectDomainEventCallback cb,
                               void *opaque,
                               virFreeCallback freecb)
{
    return virDriverEventDomainRegister(testEventStateGet(conn), conn, cb, opaque, freecb);
}

static int
testConnectDomainEventDeregister(virConnectPtr conn,
                                 virConnectDomainEventCallback cb)
{
    return virDriverEventDomainDeregister(testEventStateGet(conn), conn, cb);
}

static int
testConnectDomainEventRegisterAny(virConnectPtr conn,
                                  virDomainPtr dom,
                                  int eventID,
                                  virConnectDomainEventGenericCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb)
{
    return virDriverEventDomainRegisterAny(testEventStateGet(conn), conn, dom, eventID,
                                           cb, opaque, freecb);
}

static int
testConnectNetworkEventRegisterAny(virConnectPtr conn,
                                   virNetworkPtr net,
                                   int eventID,
                                   virConnectNetworkEventGenericCallback cb,
                                   void *opaque,
                                   virFreeCallback freecb)
{
    return virDriverEventNetworkRegisterAny(testEventStateGet(conn), conn, net, eventID,
                                            cb, opaque, freecb);
}

static int
testConnectStoragePoolEventRegisterAny(virConnectPtr conn,
                                       virStoragePoolPtr pool,
                                       int eventID,
                                       virConnectStoragePoolEventGenericCallback cb,
                                       void *opaque,
                                       virFreeCallback freecb)
{
    return virDriverEventPoolRegisterAny(testEventStateGet(conn), conn, pool, eventID,
                                         cb, opaque, freecb);
}

static int
testConnectNodeDeviceEventRegisterAny(virConnectPtr conn,
                                      virNodeDevicePtr dev,
                                      int eventID,
                                      virConnectNodeDeviceEventGenericCallback cb,
                                      void *opaque,
                                      virFreeCallback freecb)
{
    return virDriverEventNodeDeviceRegisterAny(testEventStateGet(conn), conn, dev, eventID,
                                               cb, opaque, freecb);
}

static int
testConnectEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virDriverEventDeregisterAny(testEventStateGet(conn), conn, callbackID);
}

/* ------------------------------------------------------------------ */
/* Plugging in                                                        */

/* The other areas' tables, copied so the event slots can be added
 * whatever those areas declared (and whether they exist yet). */
static virNetworkDriver testEventNetworkDriver;
static virStorageDriver testEventStorageDriver;
static virNodeDeviceDriver testEventNodeDeviceDriver;

void
testEventRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
    hv->connectDomainEventRegister = testConnectDomainEventRegister;
    hv->connectDomainEventDeregister = testConnectDomainEventDeregister;
    hv->connectDomainEventRegisterAny = testConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = testConnectEventDeregisterAny;

    if (cd->networkDriver)
        testEventNetworkDriver = *cd->networkDriver;
    else
        testEventNetworkDriver.name = "Test";
    testEventNetworkDriver.connectNetworkEventRegisterAny = testConnectNetworkEventRegisterAny;
    testEventNetworkDriver.connectNetworkEventDeregisterAny = testConnectEventDeregisterAny;
    cd->networkDriver = &testEventNetworkDriver;

    if (cd->storageDriver)
        testEventStorageDriver = *cd->storageDriver;
    else
        testEventStorageDriver.name = "Test";
    testEventStorageDriver.connectStoragePoolEventRegisterAny = testConnectStoragePoolEventRegisterAny;
    testEventStorageDriver.connectStoragePoolEventDeregisterAny = testConnectEventDeregisterAny;
    cd->storageDriver = &testEventStorageDriver;

    if (cd->nodeDeviceDriver)
        testEventNodeDeviceDriver = *cd->nodeDeviceDriver;
    else
        testEventNodeDeviceDriver.name = "Test";
    testEventNodeDeviceDriver.connectNodeDeviceEventRegisterAny = testConnectNodeDeviceEventRegisterAny;
    testEventNodeDeviceDriver.connectNodeDeviceEventDeregisterAny = testConnectEventDeregisterAny;
    cd->nodeDeviceDriver = &testEventNodeDeviceDriver;

    /* libvirt's test driver has no secret events: those two slots stay
     * empty, so registering reports "not supported" as it does. */
}

/* The host is going away: no connection uses it, so every callback is
 * gone already (each held a connection reference). */
void
testEventStateFree(void *data)
{
    virDriverEventStateFree(data);
}

/* ------------------------------------------------------------------ */
/* Emitters (driver->lock held)                                       */

static virDriverEvent *
testEventNewDomain(testDomainObj *obj, int eventID)
{
    return virDriverEventNewDomain(eventID, obj->def->name, obj->def->uuid, obj->def->id);
}

static void
testEventQueue(testDriver *driver, virDriverEvent *ev)
{
    virDriverEventQueue(driver->eventState, ev);
}

void
testEventEmitDomainLifecycle(testDriver *driver, testDomainObj *obj,
                             int event, int detail)
{
    testEventEmitDomainLifecycleID(driver, obj, obj->def->id, event, detail);
}

void
testEventEmitDomainLifecycleID(testDriver *driver, testDomainObj *obj,
                               int id, int event, int detail)
{
    virDriverEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_LIFECYCLE);

    ev->id = id;
    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitDomainReboot(testDriver *driver, testDomainObj *obj)
{
    testEventQueue(driver, testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_REBOOT));
}

void
testEventEmitDomainMetadataChange(testDriver *driver, testDomainObj *obj,
                                  int type, const char *nsuri)
{
    virDriverEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE);

    ev->i1 = type;
    ev->s1 = g_strdup(nsuri);
    testEventQueue(driver, ev);
}

static void
testEventEmitDomainParams(testDriver *driver, testDomainObj *obj, int eventID,
                          virTypedParameterPtr params, int nparams)
{
    virDriverEvent *ev = testEventNewDomain(obj, eventID);

    if (nparams > 0)
        virTypedParamsCopy(&ev->params, params, nparams);
    ev->nparams = nparams > 0 ? nparams : 0;
    testEventQueue(driver, ev);
}

void
testEventEmitDomainTunable(testDriver *driver, testDomainObj *obj,
                           virTypedParameterPtr params, int nparams)
{
    testEventEmitDomainParams(driver, obj, VIR_DOMAIN_EVENT_ID_TUNABLE,
                              params, nparams);
}

void
testEventEmitDomainJobCompleted(testDriver *driver, testDomainObj *obj,
                                virTypedParameterPtr params, int nparams)
{
    testEventEmitDomainParams(driver, obj, VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
                              params, nparams);
}

static void
testEventEmitDomainAlias(testDriver *driver, testDomainObj *obj, int eventID,
                         const char *alias)
{
    virDriverEvent *ev = testEventNewDomain(obj, eventID);

    ev->s1 = g_strdup(alias);
    testEventQueue(driver, ev);
}

void
testEventEmitDomainDeviceAdded(testDriver *driver, testDomainObj *obj,
                               const char *alias)
{
    testEventEmitDomainAlias(driver, obj, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED, alias);
}

void
testEventEmitDomainDeviceRemoved(testDriver *driver, testDomainObj *obj,
                                 const char *alias)
{
    testEventEmitDomainAlias(driver, obj, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, alias);
}

void
testEventEmitDomainBalloonChange(testDriver *driver, testDomainObj *obj,
                                 unsigned long long actual)
{
    virDriverEvent *ev = testEventNewDomain(obj, VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE);

    ev->ull = actual;
    testEventQueue(driver, ev);
}

static void
testEventEmitLifecycle(testDriver *driver, virDriverEventKind kind, const char *name,
                       const unsigned char *uuid, int event, int detail)
{
    virDriverEvent *ev = virDriverEventNew(kind, 0, name, uuid);

    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitNetworkLifecycle(testDriver *driver, const char *name,
                              const unsigned char *uuid, int event, int detail)
{
    testEventEmitLifecycle(driver, VIR_DRIVER_EVENT_NETWORK, name, uuid, event, detail);
}

void
testEventEmitStoragePoolLifecycle(testDriver *driver, const char *name,
                                  const unsigned char *uuid, int event, int detail)
{
    testEventEmitLifecycle(driver, VIR_DRIVER_EVENT_POOL, name, uuid, event, detail);
}

void
testEventEmitStoragePoolRefresh(testDriver *driver, const char *name,
                                const unsigned char *uuid)
{
    testEventQueue(driver, virDriverEventNew(VIR_DRIVER_EVENT_POOL,
                                        VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                        name, uuid));
}

void
testEventEmitNodeDeviceLifecycle(testDriver *driver, const char *name,
                                 int event, int detail)
{
    testEventEmitLifecycle(driver, VIR_DRIVER_EVENT_NODEDEV, name, NULL, event, detail);
}

void
testEventEmitNodeDeviceUpdate(testDriver *driver, const char *name)
{
    testEventQueue(driver, virDriverEventNew(VIR_DRIVER_EVENT_NODEDEV,
                                        VIR_NODE_DEVICE_EVENT_ID_UPDATE,
                                        name, NULL));
}

static virDriverEvent *
testEventNewSecret(int eventID, const unsigned char *uuid, int usageType,
                   const char *usageID)
{
    virDriverEvent *ev = virDriverEventNew(VIR_DRIVER_EVENT_SECRET, eventID, NULL, uuid);

    ev->id = usageType;
    ev->usageID = g_strdup(usageID);
    return ev;
}

void
testEventEmitSecretLifecycle(testDriver *driver, const unsigned char *uuid,
                             int usageType, const char *usageID,
                             int event, int detail)
{
    virDriverEvent *ev = testEventNewSecret(VIR_SECRET_EVENT_ID_LIFECYCLE, uuid,
                                       usageType, usageID);

    ev->i1 = event;
    ev->i2 = detail;
    testEventQueue(driver, ev);
}

void
testEventEmitSecretValueChanged(testDriver *driver, const unsigned char *uuid,
                                int usageType, const char *usageID)
{
    testEventQueue(driver, testEventNewSecret(VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                              uuid, usageType, usageID));
}
