/*
 * remote_migration.c: virDomainMigrate, Migrate2 and Migrate3 on a
 * remote connection (docs/migration.md).
 *
 * A managed migration is driven by the client: virMigrateRunPhases calls
 * each phase on the source's or the destination's daemon.  With
 * PEER2PEER the source daemon is asked to do it all (Perform with the
 * destination's URI).  A source daemon whose driver has no phases (the
 * test driver) gets the generated call instead, which carries the
 * destination's URI and lets that driver answer as it always did.
 */
#include "datatypes.h"
#include "migration.h"
#include "remote_glue.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static virDrvDomainMigrate remoteGenDomainMigrate;
static virDrvDomainMigrate2 remoteGenDomainMigrate2;
static virDrvDomainMigrate3 remoteGenDomainMigrate3;

/* Whether the daemon's driver behind CONN runs the phases of FLAGS.  Asked
 * through the driver table, not the entry point, so that a daemon that
 * does not know the question prints nothing here. */
static bool
remoteMigrationHasPhases(virConnectPtr conn, unsigned int flags)
{
    int rc = conn->driver->connectSupportsFeature(conn, (flags & VIR_MIGRATE_PEER2PEER) ?
                                                  VIR_DRV_FEATURE_MIGRATION_P2P :
                                                  VIR_DRV_FEATURE_MIGRATION_PARAMS);

    if (rc < 0)
        virResetLastError();
    return rc > 0;
}

static virDomainPtr
remoteDomainMigrate3(virDomainPtr dom, virConnectPtr dconn,
                     virTypedParameterPtr params, unsigned int nparams,
                     unsigned int flags)
{
    if (!dconn || !remoteMigrationHasPhases(dom->conn, flags))
        return remoteGenDomainMigrate3(dom, dconn, params, nparams, flags);
    return virMigrateWithConnection(dom, dconn, params, nparams, flags);
}

static virDomainPtr
remoteDomainMigrate2(virDomainPtr dom, virConnectPtr dconn, const char *dxml,
                     unsigned long flags, const char *dname, const char *uri,
                     unsigned long bandwidth)
{
    if (!dconn || !remoteMigrationHasPhases(dom->conn, flags))
        return remoteGenDomainMigrate2(dom, dconn, dxml, flags, dname, uri, bandwidth);
    return virMigrateWithArgs(dom, dconn, dxml, flags, dname, uri, bandwidth,
                              virMigrateWithConnection);
}

static virDomainPtr
remoteDomainMigrate(virDomainPtr dom, virConnectPtr dconn, unsigned long flags,
                    const char *dname, const char *uri, unsigned long bandwidth)
{
    if (!dconn || !remoteMigrationHasPhases(dom->conn, flags))
        return remoteGenDomainMigrate(dom, dconn, flags, dname, uri, bandwidth);
    return virMigrateWithArgs(dom, dconn, NULL, flags, dname, uri, bandwidth,
                              virMigrateWithConnection);
}

void
remoteMigrationFillTable(virHypervisorDriver *hv)
{
    remoteGenDomainMigrate = hv->domainMigrate;
    remoteGenDomainMigrate2 = hv->domainMigrate2;
    remoteGenDomainMigrate3 = hv->domainMigrate3;
    hv->domainMigrate = remoteDomainMigrate;
    hv->domainMigrate2 = remoteDomainMigrate2;
    hv->domainMigrate3 = remoteDomainMigrate3;
}
