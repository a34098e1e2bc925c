/*
 * test_event.c: the test driver's events (see test_event.h).
 *
 * To be filled in: today every emitter does nothing.
 */
#include "test_driver_private.h"
#include "test_event.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testEventRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testEventStateFree(void *state)
{
}

void testEventEmitDomainLifecycle(testDriver *driver, testDomainObj *obj, int event, int detail) {}
void testEventEmitDomainReboot(testDriver *driver, testDomainObj *obj) {}
void testEventEmitDomainMetadataChange(testDriver *driver, testDomainObj *obj, int type, const char *nsuri) {}
void testEventEmitDomainTunable(testDriver *driver, testDomainObj *obj, virTypedParameterPtr params, int nparams) {}
void testEventEmitDomainDeviceAdded(testDriver *driver, testDomainObj *obj, const char *alias) {}
void testEventEmitDomainDeviceRemoved(testDriver *driver, testDomainObj *obj, const char *alias) {}
void testEventEmitDomainBalloonChange(testDriver *driver, testDomainObj *obj, unsigned long long actual) {}
void testEventEmitDomainJobCompleted(testDriver *driver, testDomainObj *obj, virTypedParameterPtr params, int nparams) {}
void testEventEmitNetworkLifecycle(testDriver *driver, const char *name, const unsigned char *uuid, int event, int detail) {}
void testEventEmitStoragePoolLifecycle(testDriver *driver, const char *name, const unsigned char *uuid, int event, int detail) {}
void testEventEmitStoragePoolRefresh(testDriver *driver, const char *name, const unsigned char *uuid) {}
void testEventEmitNodeDeviceLifecycle(testDriver *driver, const char *name, int event, int detail) {}
void testEventEmitNodeDeviceUpdate(testDriver *driver, const char *name) {}
void testEventEmitSecretLifecycle(testDriver *driver, const unsigned char *uuid, int usageType, const char *usageID, int event, int detail) {}
void testEventEmitSecretValueChanged(testDriver *driver, const unsigned char *uuid, int usageType, const char *usageID) {}
