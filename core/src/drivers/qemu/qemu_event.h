/*
 * qemu_event.h: domain events of the QEMU driver, from the driver's state
 * changes to the callbacks applications register.
 *
 * One event state per driver state (per root) holds the callbacks every
 * connection to that root registered; the machinery is the one every
 * in-process driver shares (drivers/common/driver_event.h).  These are
 * the QEMU driver's emitters and its event slots.
 */
#pragma once

#include <libvirt/libvirt.h>

#include "driver.h"
#include "driver_event.h"

typedef virDriverEventState qemuEventState;

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
