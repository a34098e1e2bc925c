/*
 * migration.h: the order of the phases of a migration, run once for
 * every driver (core/src/api/migration.c; docs/migration.md).
 *
 * Declared at this level so that the drivers reach it: the remote driver
 * runs it in the client for a managed migration, the QEMU driver in the
 * source for a peer-to-peer one.
 */
#pragma once

#include <stdbool.h>

#include <libvirt/libvirt.h>

/* What virConnectSupportsFeature asks about (libvirt's numbers). */
typedef enum {
    VIR_DRV_FEATURE_MIGRATION_P2P = 4,      /* Perform with PEER2PEER */
    VIR_DRV_FEATURE_MIGRATION_PARAMS = 13,  /* the *3Params phases */
} virDrvFeature;

/* Move DOM to the destination connection DCONN: Begin, Prepare, Perform
 * and Confirm on DOM's driver and Prepare and Finish on DCONN's, with
 * PARAMS (VIR_MIGRATE_PARAM_*) and FLAGS (without PEER2PEER, which is
 * the caller's business).  When a phase fails the others undo what they
 * did (the guest runs on at the source) and the first error stays
 * reported.  *RET_BEGAN (may be NULL) says whether Begin succeeded, so a
 * caller can tell a source without phases from a failed migration.
 * Returns the domain on DCONN, or NULL. */
virDomainPtr virMigrateRunPhases(virDomainPtr dom,
                                 virConnectPtr dconn,
                                 virTypedParameterPtr params,
                                 int nparams,
                                 unsigned int flags,
                                 bool *ret_began);

/* virDomainMigrate3 for a driver with phases: with PEER2PEER, Perform on
 * DOM's driver with DCONN's URI (the source connects to the destination
 * itself), then the domain of that name on DCONN; otherwise
 * virMigrateRunPhases. */
virDomainPtr virMigrateWithConnection(virDomainPtr dom,
                                      virConnectPtr dconn,
                                      virTypedParameterPtr params,
                                      unsigned int nparams,
                                      unsigned int flags);

/* The typed parameters equivalent to the arguments of virDomainMigrate2
 * and virDomainMigrateToURI2 (each may be NULL or 0 when not given), in
 * *RET_PARAMS / *RET_NPARAMS (virTypedParamsFree them).  0 or -1
 * reported. */
int virMigrateParamsFromArgs(const char *dxml,
                             const char *dname,
                             const char *uri,
                             unsigned long bandwidth,
                             virTypedParameterPtr *ret_params,
                             int *ret_nparams);

/* virDomainMigrate2 (and virDomainMigrate, DXML NULL) done by MIGRATE3,
 * a driver's virDomainMigrate3, with the arguments as typed parameters. */
virDomainPtr virMigrateWithArgs(virDomainPtr dom,
                                virConnectPtr dconn,
                                const char *dxml,
                                unsigned long flags,
                                const char *dname,
                                const char *uri,
                                unsigned long bandwidth,
                                virDomainPtr (*migrate3)(virDomainPtr dom,
                                                         virConnectPtr dconn,
                                                         virTypedParameterPtr params,
                                                         unsigned int nparams,
                                                         unsigned int flags));
