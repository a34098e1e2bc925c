/*
 * test_event.c: the test driver's events.
 *
 * (To be filled in: see test_driver_private.h for how an area plugs into
 * the test driver.)
 */
#include "test_driver_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST

void
testEventRegister(virConnectDriver *cd, virHypervisorDriver *hv)
{
}

void
testEventStateFree(void *state)
{
}
