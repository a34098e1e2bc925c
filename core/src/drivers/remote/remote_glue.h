/*
 * remote_glue.h: hand-written remote driver methods (remote_glue.c).
 */
#pragma once

#include "driver.h"

void remoteGlueFillTables(virHypervisorDriver *hv);
void remoteGlueFillSecretTable(virSecretDriver *secret);

/* virDomainMigrate, Migrate2 and Migrate3 (remote_migration.c), over the
 * generated methods already in HV. */
void remoteMigrationFillTable(virHypervisorDriver *hv);
