/*
 * test_snapshot.c: the test driver's domain snapshots and checkpoints.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testSnapshotRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testSnapshotDomainFree(void *state)
{
}
