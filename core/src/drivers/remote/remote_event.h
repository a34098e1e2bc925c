/*
 * remote_event.h: events through the remote driver.
 *
 * A registration is made in the daemon (which registers on its own
 * connection for this client and answers with its callback number) and
 * recorded here with the caller's callback.  The daemon pushes each event
 * as a message; the connection's reader thread only queues it, and a zero
 * timeout in the application's event loop delivers the queue, as local
 * drivers deliver theirs: callbacks run from the loop, never from the
 * reader thread.
 */
#pragma once

#include "datatypes.h"
#include "driver.h"
#include "virnetclient.h"

typedef struct _remoteEventState remoteEventState;

remoteEventState *remoteEventStateNew(virConnectPtr conn, virNetClient *client);
void remoteEventStateFree(remoteEventState *state);
/* The remote driver's event methods. */
void remoteEventFillTable(virHypervisorDriver *hv);
void remoteEventFillOtherTables(virNetworkDriver *net, virStorageDriver *storage,
                                virNodeDeviceDriver *nodedev, virSecretDriver *secret);

/* Defined in remote_driver.c: a connection's pieces. */
virNetClient *remoteConnClient(virConnectPtr conn);
remoteEventState *remoteConnEvents(virConnectPtr conn);
