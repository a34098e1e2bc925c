/*
 * driver_event.h: the events of a driver's objects, from the driver's
 * state changes to the callbacks applications register (every driver
 * that runs in-process uses it: test, QEMU).
 *
 * One virDriverEventState per driver state (a test host, a QEMU root)
 * holds every callback registered by any connection to it, and the queue
 * of events not yet delivered.  This is libvirt's model, and it shows
 * through the API: callback numbers are shared by all connections of the
 * state and by all object kinds, a registration holds a reference to its
 * connection (so virConnectClose reports 1, and the connection with its
 * callbacks lives on until they are deregistered), and deregistering by
 * number finds a callback whatever kind of event it is for.
 *
 * Emitting only queues (it may happen under the driver's lock or on a
 * monitor thread): an event is a copy of what happened (names, UUIDs,
 * values), dropped at once when nobody listens.  The first callback arms
 * a timeout in the registered event loop; from the loop each queued event
 * goes to every matching callback with no lock held, with handles made
 * for the receiving connection.  Callbacks removed during a delivery are
 * only marked, and released (free callback, then the connection
 * reference) once it is over.  The state is reference counted because
 * the loop's timer keeps it alive until its free callback runs, possibly
 * after the driver state is gone.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "datatypes.h"

typedef enum {
    VIR_DRIVER_EVENT_DOMAIN,
    VIR_DRIVER_EVENT_NETWORK,
    VIR_DRIVER_EVENT_POOL,
    VIR_DRIVER_EVENT_NODEDEV,
    VIR_DRIVER_EVENT_SECRET,
} virDriverEventKind;

/* One event; what the fields mean depends on KIND and EVENTID. */
typedef struct {
    virDriverEventKind kind;
    int eventID;
    char *name;                  /* not for secrets */
    unsigned char uuid[VIR_UUID_BUFLEN];   /* not for node devices */
    int id;                      /* domains: the id; secrets: usage type */
    char *usageID;               /* secrets */
    int i1;                      /* lifecycle: event; metadata: type */
    int i2;                      /* lifecycle: detail */
    char *s1;                    /* device alias, metadata namespace */
    unsigned long long ull;      /* balloon: KiB */
    virTypedParameterPtr params; /* tunable, job completed */
    int nparams;
} virDriverEvent;

typedef struct _virDriverEventState virDriverEventState;

virDriverEventState *virDriverEventStateNew(void);

/* The driver state is going away: release every callback left and drop
 * the state's own reference (the loop's timer may hold another). */
void virDriverEventStateFree(virDriverEventState *state);

/* A new event of KIND/EVENTID about NAME/UUID (either may be NULL). */
virDriverEvent *virDriverEventNew(virDriverEventKind kind, int eventID,
                                  const char *name, const unsigned char *uuid);
/* A new domain event about NAME/UUID/ID. */
virDriverEvent *virDriverEventNewDomain(int eventID, const char *name,
                                        const unsigned char *uuid, int id);
void virDriverEventFree(virDriverEvent *ev);

/* Queue EV (consumed) for delivery from the event loop; STATE may be
 * NULL (then nobody listens). */
void virDriverEventQueue(virDriverEventState *state, virDriverEvent *ev);

/* The event slots of a driver table, given the state of CONN; each checks
 * its arguments as libvirt's public API does and reports as it does. */
int virDriverEventDomainRegister(virDriverEventState *state, virConnectPtr conn,
                                 virConnectDomainEventCallback cb,
                                 void *opaque, virFreeCallback freecb);
int virDriverEventDomainDeregister(virDriverEventState *state, virConnectPtr conn,
                                   virConnectDomainEventCallback cb);
int virDriverEventDomainRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                    virDomainPtr dom, int eventID,
                                    virConnectDomainEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb);
int virDriverEventNetworkRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                     virNetworkPtr net, int eventID,
                                     virConnectNetworkEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
int virDriverEventPoolRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                  virStoragePoolPtr pool, int eventID,
                                  virConnectStoragePoolEventGenericCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virDriverEventNodeDeviceRegisterAny(virDriverEventState *state, virConnectPtr conn,
                                        virNodeDevicePtr dev, int eventID,
                                        virConnectNodeDeviceEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb);
/* Remove CONN's callback CALLBACKID, of any kind. */
int virDriverEventDeregisterAny(virDriverEventState *state, virConnectPtr conn,
                                int callbackID);
