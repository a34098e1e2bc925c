/*
 * remote_dispatch.h: virtkitd's side of the protocol.
 *
 * The generated dispatchers (remote_dispatch_gen.c) each read one call's
 * values, call the public function on the client's connection inside the
 * daemon and write the reply's values; on failure they copy the error
 * into ERR.  remote_dispatch.c holds the hand-written procedures (open,
 * close, events, the borrowed virConnectGetType) and routes every message.
 */
#pragma once

#include <stddef.h>

#include "datatypes.h"
#include "virnetmessage.h"
#include "virnetserver.h"

typedef int (*remoteDispatchFunc)(virConnectPtr conn, virNetBuf *in, virNetBuf *out,
                                  virError *err);

typedef struct {
    unsigned int proc;
    const char *name;
    remoteDispatchFunc fn;
} remoteDispatchEntry;

/* Sorted by procedure number. */
extern const remoteDispatchEntry remoteDispatchTable[];
extern const size_t remoteDispatchTableSize;

/* Domain events: the daemon's callback of every virDomainEventID
 * (generated, remote_dispatch_gen.c); OPAQUE is the registration.  They
 * build their message with these, from remote_dispatch.c. */
extern const virConnectDomainEventGenericCallback remoteDomainEventCallbacks[];
extern const size_t remoteDomainEventCallbacksSize;
void remoteEventMessageBegin(void *opaque, virNetBuf *msg, int eventID);
void remoteEventPutDomain(virNetBuf *msg, virDomainPtr dom);
void remoteEventMessageSend(void *opaque, virNetBuf *msg);

/* The hand-written methods of remote_dispatch_glue.c: 0 or -1 when PROC
 * is one of them, 1 when it is not. */
int remoteDispatchGlue(virConnectPtr conn, unsigned int proc, virNetBuf *in,
                       virNetBuf *out);

/* The server callbacks of virtkitd. */
extern const virNetServerCallbacks remoteServerCallbacks;
