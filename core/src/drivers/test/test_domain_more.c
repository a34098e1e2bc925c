/*
 * test_domain_more.c: the domain API of the test driver beyond the lifecycle, first half (virDomain[A-K]...).
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testDomainMoreRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testDomainMoreDomainFree(void *state)
{
}
