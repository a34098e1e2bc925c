/*
 * stats.c: per-CPU statistics and file system information of the test
 * domain, with more CPUs asked for than the host has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *opaque, virErrorPtr err) { (void)opaque; (void)err; }

int
main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    virTypedParameterPtr params;
    virDomainFSInfoPtr *fs = NULL;
    int nparams;
    int n;
    int i;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    dom = virDomainLookupByName(conn, "test");

    nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0);
    printf("params per cpu %d\n", nparams);
    params = calloc((size_t)nparams * 8, sizeof(*params));
    n = virDomainGetCPUStats(dom, params, nparams, 0, 8, 0);
    printf("cpus filled %d (code %d)\n", n, n < 0 ? virGetLastErrorCode() : 0);
    for (i = 0; i < nparams * 8; i++)
        printf("  [%d] %s type %d\n", i, params[i].field[0] ? params[i].field : "-",
               params[i].type);
    virTypedParamsClear(params, nparams * 8);
    free(params);
    printf("total %d\n", virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0));

    n = virDomainGetFSInfo(dom, &fs, 0);
    printf("fs %d\n", n);
    for (i = 0; i < n; i++) {
        printf("  %s %s %s %zu\n", fs[i]->mountpoint, fs[i]->name, fs[i]->fstype, fs[i]->ndevAlias);
        virDomainFSInfoFree(fs[i]);
    }
    free(fs);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
