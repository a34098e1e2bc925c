/*
 * qemu_event.h: domain events of the QEMU driver, from the driver's state
 * changes to the callbacks applications register.
 *
 * One qemuEventState per driver state (per root) holds the callbacks every
 * connection to that root registered, and the queue of events not yet
 * delivered.  Emitting only queues (it may happen under the driver's lock
 * or on a monitor thread); delivery runs from the application's event
 * loop through a zero timeout, with no lock held, as libvirt does.  This
 * is the test driver's model (callback numbers shared by all connections
 * of a host, a registration holds its connection), reduced to domains:
 * the QEMU driver has no other objects yet.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "driver.h"

typedef struct _qemuEventState qemuEventState;

qemuEventState *qemuEventStateNew(void);

/* The driver state is going away: drop every callback left and the
 * state's own reference (the event loop's timer may hold another). */
void qemuEventStateFree(qemuEventState *state);

/* Queue a lifecycle event (virDomainEventType EVENT with its DETAIL) for
 * the domain NAME/UUID/ID. */
void qemuEventEmitLifecycle(qemuEventState *state,
                            const char *name,
                            const unsigned char *uuid,
                            int id,
                            int event,
                            int detail);

/* Queue a VIR_DOMAIN_EVENT_ID_REBOOT event. */
void qemuEventEmitReboot(qemuEventState *state,
                         const char *name,
                         const unsigned char *uuid,
                         int id);

/* Queue a VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE event: the guest now has
 * ACTUAL KiB. */
void qemuEventEmitBalloonChange(qemuEventState *state,
                                const char *name,
                                const unsigned char *uuid,
                                int id,
                                unsigned long long actual);

/* Queue a VIR_DOMAIN_EVENT_ID_DEVICE_ADDED or _REMOVED event (EVENTID)
 * for the device ALIAS. */
void qemuEventEmitDevice(qemuEventState *state,
                         int eventID,
                         const char *name,
                         const unsigned char *uuid,
                         int id,
                         const char *alias);

/* The event slots of the hypervisor table; STATEOF gives the event state
 * of a connection. */
void qemuEventRegister(virHypervisorDriver *hv,
                       qemuEventState *(*stateOf)(virConnectPtr conn));
