/*
 * test_domain_rest.c: the domain API of the test driver beyond the lifecycle, second half (virDomain[L-Z]...), and host-wide calls.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testDomainRestRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testDomainRestDomainFree(void *state)
{
}
