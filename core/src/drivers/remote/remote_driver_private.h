/*
 * remote_driver_private.h: what the generated methods of the remote driver
 * (remote_client_gen.c) and its hand-written glue (remote_driver.c) share.
 */
#pragma once

#include "datatypes.h"
#include "driver.h"
#include "virnetmessage.h"

#include "remote_protocol.h"

/* Send the call PROC with the values written in MSG (after
 * virNetMessageBegin) on CONN's daemon connection, and wait for its
 * reply: 0 with the reply's values in REP, or -1 with the daemon's error
 * (or a transport error) as the thread's last error. */
int remoteCall(virConnectPtr conn, unsigned int proc, virNetBuf *msg, virNetBuf *rep);

/* Put the generated methods in the remote driver's tables. */
void remoteFillTables(virHypervisorDriver *hv, virNetworkDriver *net,
                      virStorageDriver *storage, virInterfaceDriver *iface,
                      virNodeDeviceDriver *nodedev, virSecretDriver *secret,
                      virNWFilterDriver *nwfilter);

/* Read the values of one domain event from BODY and call CBFN (the
 * callback registered for it, of the event's own type) with them. */
typedef int (*remoteEventDeliverFunc)(virConnectPtr conn, virDomainPtr dom,
                                      virNetBuf *body, void (*cbfn)(void),
                                      void *opaque);

/* Generated (remote_client_gen.c): indexed by virDomainEventID. */
extern const remoteEventDeliverFunc remoteDomainEventDeliver[];
extern const size_t remoteDomainEventDeliverSize;
