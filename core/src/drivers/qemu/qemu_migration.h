/*
 * qemu_migration.h: live migration of QEMU guests between two drivers
 * (docs/migration.md).
 *
 * The driver implements the five phases (Begin, Prepare, Perform,
 * Finish, Confirm) and the calls that watch and tune a migration while it
 * runs (job info and stats, abort, speed, downtime, post-copy); the order
 * of the phases is the core's (core/src/migration.h).
 */
#pragma once

#include "driver.h"

/* Fill the migration slots of the QEMU driver's table.  Called after
 * qemuStatsRegister: the job info slots it set are kept for domains that
 * are not migrating. */
void qemuMigrationRegister(virHypervisorDriver *hv);
