/*
 * test_event.h: how every area of the test driver announces what happened.
 *
 * Each function queues the event libvirt's test driver would send for a
 * state change, to be delivered to the callbacks registered with
 * virConnect*EventRegisterAny on the connections of DRIVER.  They are
 * called with driver->lock held, so they only queue: callbacks run later,
 * from the event loop, never under the driver's lock.  EVENT and DETAIL
 * are the public enums' values (virDomainEventType and its detail enums,
 * virNetworkEventLifecycleType, virStoragePoolEventLifecycleType …).
 */
#pragma once

#include "test_driver_state.h"

void testEventEmitDomainLifecycle(testDriver *driver, testDomainObj *obj,
                                  int event, int detail);
/* The same, naming the domain with ID instead of its current one (a stop
 * event keeps the running id for a domain without persistent config). */
void testEventEmitDomainLifecycleID(testDriver *driver, testDomainObj *obj,
                                    int id, int event, int detail);
void testEventEmitDomainReboot(testDriver *driver, testDomainObj *obj);
void testEventEmitDomainMetadataChange(testDriver *driver, testDomainObj *obj,
                                       int type, const char *nsuri);
void testEventEmitDomainTunable(testDriver *driver, testDomainObj *obj,
                                virTypedParameterPtr params, int nparams);
void testEventEmitDomainDeviceAdded(testDriver *driver, testDomainObj *obj,
                                    const char *alias);
void testEventEmitDomainDeviceRemoved(testDriver *driver, testDomainObj *obj,
                                      const char *alias);
void testEventEmitDomainBalloonChange(testDriver *driver, testDomainObj *obj,
                                      unsigned long long actual);
void testEventEmitDomainJobCompleted(testDriver *driver, testDomainObj *obj,
                                     virTypedParameterPtr params, int nparams);

void testEventEmitNetworkLifecycle(testDriver *driver, const char *name,
                                   const unsigned char *uuid,
                                   int event, int detail);
void testEventEmitStoragePoolLifecycle(testDriver *driver, const char *name,
                                       const unsigned char *uuid,
                                       int event, int detail);
void testEventEmitStoragePoolRefresh(testDriver *driver, const char *name,
                                     const unsigned char *uuid);
void testEventEmitNodeDeviceLifecycle(testDriver *driver, const char *name,
                                      int event, int detail);
void testEventEmitNodeDeviceUpdate(testDriver *driver, const char *name);
void testEventEmitSecretLifecycle(testDriver *driver, const unsigned char *uuid,
                                  int usageType, const char *usageID,
                                  int event, int detail);
void testEventEmitSecretValueChanged(testDriver *driver, const unsigned char *uuid,
                                     int usageType, const char *usageID);
