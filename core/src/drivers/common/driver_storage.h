/*
 * driver_storage.h: the storage driver (core/src/drivers/storage) as the
 * hypervisor drivers that host it reach it.
 *
 * A hypervisor driver state (a QEMU root, the daemon's QEMU state) opens
 * one storage state with its own folders and event state, under the
 * driver state's pointer as OWNER, and puts virStorageDriverTable in its
 * virConnectDriver: the storage slots find their state through the
 * connection's privateData, which must be that OWNER.  Nothing here
 * includes another driver's headers.
 */
#pragma once

#include "driver.h"
#include "driver_event.h"

extern virStorageDriver virStorageDriverTable;

typedef struct _virStorageState virStorageState;

/* Open the pools kept in CONFIGDIR (definitions, autostart/ links) and
 * STATEDIR (the running pools), for connections whose privateData is
 * OWNER; pool events go to EVENTS (kept, not owned).  Pools that were
 * running are taken up again, autostart pools are started.  NULL with the
 * error reported. */
virStorageState *virStorageStateOpen(const void *owner, const char *configDir,
                                     const char *stateDir, virDriverEventState *events);

/* Forget STATE (its pools stay as they are on the host). */
void virStorageStateClose(virStorageState *state);

/* The path and format (NULL when the pool type has none) of volume VOL
 * of the active pool POOL of the storage state of OWNER, for a domain
 * disk <source pool= volume=>; -1 with libvirt's error reported. */
int virStorageTranslateVolume(const void *owner, const char *pool, const char *vol,
                              char **ret_path, char **ret_format);
