/*
 * objects.c: networks, storage pools and volumes, interfaces, node devices
 * and snapshots through the C API: lists, lookups, XML, lifecycle and the
 * full errors of failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *opaque, virErrorPtr err) { (void)opaque; (void)err; }

static void
result(const char *what, int failed)
{
    virErrorPtr e = virGetLastError();

    if (!failed || !e)
        printf("%s: ok\n", what);
    else
        printf("%s: code=%d domain=%d message=%s\n", what, e->code, e->domain, e->message);
}

static void
print_xml(const char *what, char *xml)
{
    printf("%s:\n%s", what, xml ? xml : "(none)\n");
    free(xml);
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
print_names(const char *what, char **names, int n)
{
    int i;

    if (n < 0) {
        result(what, 1);
        return;
    }
    qsort(names, n, sizeof(char *), compare_names);
    printf("%s:", what);
    for (i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int
main(void)
{
    virConnectPtr conn;
    virNetworkPtr net;
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStoragePoolInfo pinfo;
    virStorageVolInfo vinfo;
    virDomainPtr dom;
    virDomainSnapshotPtr snap;
    char *names[32];
    int n;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");

    n = virConnectListNetworks(conn, names, 32);
    print_names("networks", names, n);
    net = virNetworkLookupByName(conn, "default");
    print_xml("network xml", virNetworkGetXMLDesc(net, 0));
    printf("bridge: %s\n", virNetworkGetBridgeName(net));
    result("network lookup missing", virNetworkLookupByName(conn, "nope") == NULL);
    result("network create active", virNetworkCreate(net) < 0);
    result("network define bad", virNetworkDefineXML(conn, "<network>") == NULL);
    virNetworkFree(net);

    n = virConnectListStoragePools(conn, names, 32);
    print_names("pools", names, n);
    pool = virStoragePoolLookupByName(conn, "default-pool");
    print_xml("pool xml", virStoragePoolGetXMLDesc(pool, 0));
    result("pool info", virStoragePoolGetInfo(pool, &pinfo) < 0);
    printf("pool state %d\n", pinfo.state);
    vol = virStorageVolCreateXML(pool, "<volume><name>cdiff.img</name>"
                                 "<capacity unit='KiB'>64</capacity></volume>", 0);
    result("volume create", vol == NULL);
    print_xml("volume xml", virStorageVolGetXMLDesc(vol, 0));
    result("volume info", virStorageVolGetInfo(vol, &vinfo) < 0);
    printf("volume type %d capacity %llu\n", vinfo.type, vinfo.capacity);
    result("volume create again", virStorageVolCreateXML(pool, "<volume><name>cdiff.img</name>"
                                  "<capacity>1</capacity></volume>", 0) == NULL);
    n = virStoragePoolListVolumes(pool, names, 32);
    print_names("volumes", names, n);
    result("volume delete", virStorageVolDelete(vol, 0) < 0);
    result("volume upload", virStorageVolUpload(vol, virStreamNew(conn, 0), 0, 0, 0) < 0);
    virStorageVolFree(vol);
    result("pool lookup missing", virStoragePoolLookupByName(conn, "nope") == NULL);
    result("pool define bad", virStoragePoolDefineXML(conn, "<pool type='dir'><name>x", 0) == NULL);
    result("pool define wrong root", virStoragePoolDefineXML(conn, "<volume/>", 0) == NULL);
    result("network update bad", virNetworkUpdate(virNetworkLookupByName(conn, "default"),
                                                  VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                                  VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                                                  "<host mac='", 0) < 0);
    result("node device create bad", virNodeDeviceCreateXML(conn, "<device><name>", 0) == NULL);
    result("interface define bad", virInterfaceDefineXML(conn, "<interface", 0) == NULL);
    virStoragePoolFree(pool);

    n = virConnectListInterfaces(conn, names, 32);
    print_names("interfaces", names, n);
    n = virNodeListDevices(conn, NULL, names, 32, 0);
    print_names("node devices", names, n);
    result("node device missing", virNodeDeviceLookupByName(conn, "nope") == NULL);
    result("secret define", virSecretDefineXML(conn, "<secret/>", 0) == NULL);

    dom = virDomainLookupByName(conn, "test");
    snap = virDomainSnapshotCreateXML(dom, "<domainsnapshot><name>s1</name>"
                                      "<description>cdiff</description></domainsnapshot>", 0);
    result("snapshot create", snap == NULL);
    printf("snapshots %d current %d\n", virDomainSnapshotNum(dom, 0),
           virDomainHasCurrentSnapshot(dom, 0));
    result("snapshot lookup missing", virDomainSnapshotLookupByName(dom, "nope", 0) == NULL);
    result("snapshot revert", virDomainRevertToSnapshot(snap, 0) < 0);
    result("snapshot delete", virDomainSnapshotDelete(snap, 0) < 0);
    virDomainSnapshotFree(snap);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
