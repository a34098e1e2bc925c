/*
 * params.c: argument checks of the typed-parameter setters and a call
 * libvirt's test driver always refuses, as a C program sees them.
 */
#include <stdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
static void q(void *a, virErrorPtr e) {}
int main(void) {
    virSetErrorFunc(NULL, q);
    virConnectPtr c = virConnectOpen("test:///default");
    virDomainPtr d = virDomainLookupByName(c, "test");
    virTypedParameter p[1];
    int r;
#define T(call) r = call; printf("%-40s %d %d %s\n", #call, r, r < 0 ? virGetLastErrorCode() : 0, r < 0 ? virGetLastErrorMessage() : "");
    T(virDomainSetMemoryParameters(d, p, 0, 0));
    T(virDomainSetBlkioParameters(d, p, 0, 0));
    T(virDomainSetNumaParameters(d, p, 0, 0));
    T(virDomainSetInterfaceParameters(d, "vnet0", p, 0, 0));
    T(virDomainSetBlockIoTune(d, "vda", p, 0, 0));
    T(virDomainSetSchedulerParameters(d, p, 0));
    T(virDomainSetSchedulerParametersFlags(d, p, 0, 0));
    T(virDomainSetPerfEvents(d, p, 0, 0));
    T(virDomainSetIOThreadParams(d, 1, p, 0, 0));
    T(virNodeSetMemoryParameters(c, p, 0, 0));
    int n = 0; virTypedParameterPtr lp = NULL;
    T(virDomainGetLaunchSecurityInfo(d, &lp, &n, 4));
    T(virDomainGetLaunchSecurityInfo(d, &lp, &n, 0));
    return 0;
}
