/*
 * test_storage.c: the test driver's storage pools and volumes.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testStorageRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testStorageStateFree(void *state)
{
}
