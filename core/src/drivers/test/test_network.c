/*
 * test_network.c: the test driver's networks, network ports and network filters.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testNetworkRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testNetworkStateFree(void *state)
{
}
