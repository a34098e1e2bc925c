/*
 * test_hostdev.c: the test driver's host interfaces, node devices and secrets.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testHostDevRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testHostDevStateFree(void *state)
{
}
