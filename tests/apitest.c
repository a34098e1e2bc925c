/*
 * apitest.c: the public C API as a libvirt program sees it.
 *
 * Built against the public headers and libvirtkit.so only (not the internal
 * archive), so it also proves that the library exports what api.xml lists:
 * a C program written for libvirt compiles and runs against virtkit
 * unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/virterror.h>

static int passed;
static int failed;

#define CHECK(name, cond) \
    do { \
        if (cond) { \
            passed++; \
            printf("ok   %s\n", name); \
        } else { \
            failed++; \
            printf("FAIL %s (%s:%d)\n", name, __FILE__, __LINE__); \
        } \
    } while (0)

static int handler_calls;

static void
count_errors(void *data, virErrorPtr err)
{
    (void)data;
    (void)err;
    handler_calls++;
}

int
main(void)
{
    virConnectPtr conn;
    virConnectPtr ro;
    virDomainPtr dom;
    virDomainInfo info;
    virNodeInfo node;
    virErrorPtr saved;
    virError copy;
    unsigned long ver = 0;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *xml;
    int ids[16];
    int n;

    virSetErrorFunc(NULL, count_errors);

    CHECK("virGetVersion", virGetVersion(&ver, NULL, NULL) == 0 && ver == 9000000);
    CHECK("LIBVIR_CHECK_VERSION", LIBVIR_CHECK_VERSION(9, 0, 0) && !LIBVIR_CHECK_VERSION(9, 0, 1));
    CHECK("virInitialize", virInitialize() == 0);

    conn = virConnectOpen("test:///default");
    CHECK("virConnectOpen", conn != NULL);
    if (!conn)
        goto done;
    CHECK("virConnectGetType", strcmp(virConnectGetType(conn), "TEST") == 0);
    CHECK("virNodeGetInfo", virNodeGetInfo(conn, &node) == 0 && node.cpus == 16 &&
          VIR_NODEINFO_MAXCPUS(node) == 16);

    n = virConnectListDomains(conn, ids, 16);
    CHECK("virConnectListDomains", n >= 1 && ids[0] == 1);

    dom = virDomainLookupByName(conn, "test");
    CHECK("virDomainLookupByName", dom != NULL);
    if (dom) {
        CHECK("virDomainGetInfo", virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_RUNNING && info.nrVirtCpu == 2);
        CHECK("virDomainGetUUIDString", virDomainGetUUIDString(dom, uuid) == 0 &&
              strcmp(uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f") == 0);
        xml = virDomainGetXMLDesc(dom, 0);
        CHECK("virDomainGetXMLDesc", xml && strstr(xml, "<name>test</name>"));
        free(xml);
        CHECK("virDomainGetInfo NULL info", virDomainGetInfo(dom, NULL) == -1 &&
              virGetLastErrorCode() == VIR_ERR_INVALID_ARG);
        CHECK("unknown flag bits", virDomainGetXMLDesc(dom, 1u << 30) == NULL &&
              virGetLastErrorCode() == VIR_ERR_INVALID_ARG);
        CHECK("virDomainRef", virDomainRef(dom) == 0 && virDomainFree(dom) == 0);
        {
            /* entering our own UTS namespace again: a real setns() */
            int fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
            unsigned int nold = 0;
            int *old = NULL;
            unsigned int i;

            CHECK("virDomainLxcEnterNamespace",
                  fd >= 0 && virDomainLxcEnterNamespace(dom, 1, &fd, &nold, &old, 0) == 0 &&
                  nold == 6 && old != NULL);
            for (i = 0; i < nold; i++)
                close(old[i]);
            free(old);
            if (fd >= 0)
                close(fd);
            CHECK("virDomainLxcEnterNamespace bad fd",
                  virDomainLxcEnterNamespace(dom, 1, (int[]){ 9999 }, NULL, NULL, 0) == -1 &&
                  virGetLastErrorCode() == VIR_ERR_SYSTEM_ERROR);
            CHECK("virDomainLxcEnterCGroup without a container", virDomainLxcEnterCGroup(dom, 0) == 0);
        }
        virDomainFree(dom);
    }

    {
        virSecurityModel model = { .model = "none" };
        virSecurityLabel label = { .label = "" };
        virSecurityModel selinux = { .model = "selinux" };

        CHECK("virDomainLxcEnterSecurityLabel none",
              virDomainLxcEnterSecurityLabel(&model, &label, NULL, 0) == 0);
        CHECK("virDomainLxcEnterSecurityLabel selinux",
              virDomainLxcEnterSecurityLabel(&selinux, &label, NULL, 0) == -1 &&
              virGetLastErrorCode() == VIR_ERR_CONFIG_UNSUPPORTED);
    }

    CHECK("invalid handle", virDomainGetName(NULL) == NULL &&
          virGetLastErrorCode() == VIR_ERR_INVALID_DOMAIN &&
          strcmp(virGetLastErrorMessage(), "invalid domain pointer in virDomainGetName") == 0);

    handler_calls = 0;
    CHECK("missing domain", virDomainLookupByName(conn, "nope") == NULL &&
          virGetLastErrorCode() == VIR_ERR_NO_DOMAIN && handler_calls == 1);
    saved = virSaveLastError();
    CHECK("virSaveLastError", saved && saved->code == VIR_ERR_NO_DOMAIN);
    virFreeError(saved);
    memset(&copy, 0, sizeof(copy));
    CHECK("virCopyLastError", virCopyLastError(&copy) == VIR_ERR_NO_DOMAIN);
    virResetError(&copy);
    CHECK("virConnGetLastError", virConnGetLastError(conn) &&
          virConnGetLastError(conn)->code == VIR_ERR_NO_DOMAIN);
    virResetLastError();
    CHECK("virResetLastError", virGetLastError() == NULL);

    ro = virConnectOpenReadOnly("test:///default");
    CHECK("virConnectOpenReadOnly", ro != NULL);
    if (ro) {
        dom = virDomainLookupByName(ro, "test");
        CHECK("read-only refuses writes", dom && virDomainSuspend(dom) == -1 &&
              virGetLastErrorCode() == VIR_ERR_OPERATION_DENIED);
        if (dom)
            virDomainFree(dom);
        CHECK("virConnectClose ro", virConnectClose(ro) == 0);
    }
    CHECK("virConnectClose", virConnectClose(conn) == 0);

 done:
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
