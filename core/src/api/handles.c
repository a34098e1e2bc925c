/*
 * handles.c: life and identity of every handle but connections and
 * domains (those live in datatypes.c and domain.c).
 *
 * A handle records who an object is (name, UUID, key …) and the
 * connection it came from; reading that needs no driver, so the accessor
 * entry points (virNetworkGetName, virStorageVolGetKey …) are implemented
 * here.  They all have the same shape, so they are stamped out by the
 * macros below rather than written a dozen times.
 */
#include <string.h>

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ------------------------------------------------------------------ */
/* Validity                                                           */

#define HANDLE_VALID(Type, MAGIC) \
    gboolean \
    Type##IsValid(Type##Ptr h) \
    { \
        return h && h->hdr.magic == MAGIC && \
               g_atomic_int_get(&h->hdr.refs) > 0 && \
               virConnectIsValid(h->conn); \
    }

HANDLE_VALID(virNetwork, VIR_NETWORK_MAGIC)
HANDLE_VALID(virNetworkPort, VIR_NETWORK_PORT_MAGIC)
HANDLE_VALID(virInterface, VIR_INTERFACE_MAGIC)
HANDLE_VALID(virStoragePool, VIR_STORAGE_POOL_MAGIC)
HANDLE_VALID(virStorageVol, VIR_STORAGE_VOL_MAGIC)
HANDLE_VALID(virNodeDevice, VIR_NODE_DEVICE_MAGIC)
HANDLE_VALID(virSecret, VIR_SECRET_MAGIC)
HANDLE_VALID(virNWFilter, VIR_NWFILTER_MAGIC)
HANDLE_VALID(virNWFilterBinding, VIR_NWFILTER_BINDING_MAGIC)
HANDLE_VALID(virStream, VIR_STREAM_MAGIC)
HANDLE_VALID(virDomainSnapshot, VIR_DOMAIN_SNAPSHOT_MAGIC)
HANDLE_VALID(virDomainCheckpoint, VIR_DOMAIN_CHECKPOINT_MAGIC)

/* ------------------------------------------------------------------ */
/* Creation and release                                               */

#define NEW_HANDLE(Type, MAGIC, connection) \
    Type *h = g_new0(Type, 1); \
    h->hdr.magic = MAGIC; \
    h->hdr.refs = 1; \
    h->conn = virObjectRefConnect(connection)

virNetworkPtr
virGetNetwork(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    NEW_HANDLE(virNetwork, VIR_NETWORK_MAGIC, conn);
    h->name = g_strdup(name);
    memcpy(h->uuid, uuid, VIR_UUID_BUFLEN);
    return h;
}

virNetworkPortPtr
virGetNetworkPort(virNetworkPtr net, const unsigned char *uuid)
{
    NEW_HANDLE(virNetworkPort, VIR_NETWORK_PORT_MAGIC, net->conn);
    g_atomic_int_inc(&net->hdr.refs);
    h->net = net;
    memcpy(h->uuid, uuid, VIR_UUID_BUFLEN);
    return h;
}

virInterfacePtr
virGetInterface(virConnectPtr conn, const char *name, const char *mac)
{
    NEW_HANDLE(virInterface, VIR_INTERFACE_MAGIC, conn);
    h->name = g_strdup(name);
    h->mac = g_strdup(mac ? mac : "");
    return h;
}

virStoragePoolPtr
virGetStoragePool(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    NEW_HANDLE(virStoragePool, VIR_STORAGE_POOL_MAGIC, conn);
    h->name = g_strdup(name);
    memcpy(h->uuid, uuid, VIR_UUID_BUFLEN);
    return h;
}

virStorageVolPtr
virGetStorageVol(virConnectPtr conn, const char *pool, const char *name, const char *key)
{
    NEW_HANDLE(virStorageVol, VIR_STORAGE_VOL_MAGIC, conn);
    h->pool = g_strdup(pool);
    h->name = g_strdup(name);
    h->key = g_strdup(key);
    return h;
}

virNodeDevicePtr
virGetNodeDevice(virConnectPtr conn, const char *name, const char *parentName)
{
    NEW_HANDLE(virNodeDevice, VIR_NODE_DEVICE_MAGIC, conn);
    h->name = g_strdup(name);
    h->parentName = g_strdup(parentName);
    return h;
}

virSecretPtr
virGetSecret(virConnectPtr conn, const unsigned char *uuid, int usageType, const char *usageID)
{
    NEW_HANDLE(virSecret, VIR_SECRET_MAGIC, conn);
    memcpy(h->uuid, uuid, VIR_UUID_BUFLEN);
    h->usageType = usageType;
    h->usageID = g_strdup(usageID ? usageID : "");
    return h;
}

virNWFilterPtr
virGetNWFilter(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    NEW_HANDLE(virNWFilter, VIR_NWFILTER_MAGIC, conn);
    h->name = g_strdup(name);
    memcpy(h->uuid, uuid, VIR_UUID_BUFLEN);
    return h;
}

virNWFilterBindingPtr
virGetNWFilterBinding(virConnectPtr conn, const char *portdev, const char *filtername)
{
    NEW_HANDLE(virNWFilterBinding, VIR_NWFILTER_BINDING_MAGIC, conn);
    h->portdev = g_strdup(portdev);
    h->filtername = g_strdup(filtername);
    return h;
}

virDomainSnapshotPtr
virGetDomainSnapshot(virDomainPtr domain, const char *name)
{
    NEW_HANDLE(virDomainSnapshot, VIR_DOMAIN_SNAPSHOT_MAGIC, domain->conn);
    g_atomic_int_inc(&domain->hdr.refs);
    h->domain = domain;
    h->name = g_strdup(name);
    return h;
}

virDomainCheckpointPtr
virGetDomainCheckpoint(virDomainPtr domain, const char *name)
{
    NEW_HANDLE(virDomainCheckpoint, VIR_DOMAIN_CHECKPOINT_MAGIC, domain->conn);
    g_atomic_int_inc(&domain->hdr.refs);
    h->domain = domain;
    h->name = g_strdup(name);
    return h;
}

void
virStreamSetDriver(virStreamPtr stream,
                   const virStreamDriver *driver,
                   void *privateData,
                   void (*privateFree)(void *))
{
    stream->driver = driver;
    stream->privateData = privateData;
    stream->privateFree = privateFree;
}

/* Release what a handle of kind MAGIC owns, not the handle itself. */
static void
virHandleDispose(virObjectHeader *hdr)
{
    switch (hdr->magic) {
    case VIR_DOMAIN_MAGIC: {
        virDomainPtr h = (virDomainPtr)hdr;
        g_free(h->name);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_NETWORK_MAGIC: {
        virNetworkPtr h = (virNetworkPtr)hdr;
        g_free(h->name);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_NETWORK_PORT_MAGIC: {
        virNetworkPortPtr h = (virNetworkPortPtr)hdr;
        virObjectUnrefHandle(h->net);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_INTERFACE_MAGIC: {
        virInterfacePtr h = (virInterfacePtr)hdr;
        g_free(h->name);
        g_free(h->mac);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_STORAGE_POOL_MAGIC: {
        virStoragePoolPtr h = (virStoragePoolPtr)hdr;
        g_free(h->name);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_STORAGE_VOL_MAGIC: {
        virStorageVolPtr h = (virStorageVolPtr)hdr;
        g_free(h->pool);
        g_free(h->name);
        g_free(h->key);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_NODE_DEVICE_MAGIC: {
        virNodeDevicePtr h = (virNodeDevicePtr)hdr;
        g_free(h->name);
        g_free(h->parentName);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_SECRET_MAGIC: {
        virSecretPtr h = (virSecretPtr)hdr;
        g_free(h->usageID);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_NWFILTER_MAGIC: {
        virNWFilterPtr h = (virNWFilterPtr)hdr;
        g_free(h->name);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_NWFILTER_BINDING_MAGIC: {
        virNWFilterBindingPtr h = (virNWFilterBindingPtr)hdr;
        g_free(h->portdev);
        g_free(h->filtername);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_STREAM_MAGIC: {
        virStreamPtr h = (virStreamPtr)hdr;
        if (h->privateFree)
            h->privateFree(h->privateData);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_DOMAIN_SNAPSHOT_MAGIC: {
        virDomainSnapshotPtr h = (virDomainSnapshotPtr)hdr;
        g_free(h->name);
        virObjectUnrefHandle(h->domain);
        virObjectUnrefConnect(h->conn);
        break;
    }
    case VIR_DOMAIN_CHECKPOINT_MAGIC: {
        virDomainCheckpointPtr h = (virDomainCheckpointPtr)hdr;
        g_free(h->name);
        virObjectUnrefHandle(h->domain);
        virObjectUnrefConnect(h->conn);
        break;
    }
    default:
        g_assert_not_reached();
    }
}

void
virObjectUnrefHandle(void *handle)
{
    virObjectHeader *hdr = handle;

    if (!hdr || !g_atomic_int_dec_and_test(&hdr->refs))
        return;
    virHandleDispose(hdr);
    hdr->magic = 0;
    g_free(hdr);
}

/* ------------------------------------------------------------------ */
/* Public accessors                                                   */

/* Validate handle H of Type in a public accessor, reporting CODE from
 * error domain DOM and returning RETVAL when it is not valid. */
#define CHECK_HANDLE(...) CHECK_HANDLE_(__VA_ARGS__)
#define CHECK_HANDLE_(Type, h, DOM, CODE, retval) \
    do { \
        VIR_DEBUG(#h "=%p", (void *)(h)); \
        virResetLastError(); \
        if (!Type##IsValid(h)) { \
            virReportErrorHelper(DOM, CODE, __FILE__, __func__, __LINE__, "%s", __func__); \
            virDispatchError(NULL); \
            return retval; \
        } \
    } while (0)

/* Ref and Free of Type. */
#define REF_FREE(...) REF_FREE_(__VA_ARGS__)
#define REF_FREE_(Type, DOM, CODE) \
    int \
    Type##Ref(Type##Ptr h) \
    { \
        CHECK_HANDLE(Type, h, DOM, CODE, -1); \
        g_atomic_int_inc(&h->hdr.refs); \
        return 0; \
    } \
    int \
    Type##Free(Type##Ptr h) \
    { \
        CHECK_HANDLE(Type, h, DOM, CODE, -1); \
        virObjectUnrefHandle(h); \
        return 0; \
    }

/* A getter returning FIELD of Type (a string or a pointer) as is. */
#define GETTER(...) GETTER_(__VA_ARGS__)
#define GETTER_(Type, Name, RetType, expr, DOM, CODE) \
    RetType \
    Type##Get##Name(Type##Ptr h) \
    { \
        CHECK_HANDLE(Type, h, DOM, CODE, NULL); \
        return expr; \
    }

/* GetUUID and GetUUIDString of Type. */
#define UUID_GETTERS(...) UUID_GETTERS_(__VA_ARGS__)
#define UUID_GETTERS_(Type, DOM, CODE) \
    int \
    Type##GetUUID(Type##Ptr h, unsigned char *uuid) \
    { \
        CHECK_HANDLE(Type, h, DOM, CODE, -1); \
        if (!uuid) { \
            virReportErrorHelper(DOM, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__, \
                                 "%s in %s must not be NULL", "uuid", __func__); \
            virDispatchError(h->conn); \
            return -1; \
        } \
        memcpy(uuid, h->uuid, VIR_UUID_BUFLEN); \
        return 0; \
    } \
    int \
    Type##GetUUIDString(Type##Ptr h, char *buf) \
    { \
        CHECK_HANDLE(Type, h, DOM, CODE, -1); \
        if (!buf) { \
            virReportErrorHelper(DOM, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__, \
                                 "%s in %s must not be NULL", "buf", __func__); \
            virDispatchError(h->conn); \
            return -1; \
        } \
        virUUIDFormat(h->uuid, buf); \
        return 0; \
    }

#define NET VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK
REF_FREE(virNetwork, NET)
GETTER(virNetwork, Name, const char *, h->name, NET)
GETTER(virNetwork, Connect, virConnectPtr, h->conn, NET)
UUID_GETTERS(virNetwork, NET)

#define PORT VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT
REF_FREE(virNetworkPort, PORT)
GETTER(virNetworkPort, Network, virNetworkPtr, h->net, PORT)
UUID_GETTERS(virNetworkPort, PORT)

#define IFACE VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE
REF_FREE(virInterface, IFACE)
GETTER(virInterface, Name, const char *, h->name, IFACE)
GETTER(virInterface, MACString, const char *, h->mac, IFACE)
GETTER(virInterface, Connect, virConnectPtr, h->conn, IFACE)

#define POOL VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL
REF_FREE(virStoragePool, POOL)
GETTER(virStoragePool, Name, const char *, h->name, POOL)
GETTER(virStoragePool, Connect, virConnectPtr, h->conn, POOL)
UUID_GETTERS(virStoragePool, POOL)

#define VOL VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL
REF_FREE(virStorageVol, VOL)
GETTER(virStorageVol, Name, const char *, h->name, VOL)
GETTER(virStorageVol, Key, const char *, h->key, VOL)
GETTER(virStorageVol, Connect, virConnectPtr, h->conn, VOL)

#define NODEDEV VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE
REF_FREE(virNodeDevice, NODEDEV)
GETTER(virNodeDevice, Name, const char *, h->name, NODEDEV)
GETTER(virNodeDevice, Parent, const char *, h->parentName, NODEDEV)

#define SECRET VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET
REF_FREE(virSecret, SECRET)
GETTER(virSecret, UsageID, const char *, h->usageID, SECRET)
GETTER(virSecret, Connect, virConnectPtr, h->conn, SECRET)
UUID_GETTERS(virSecret, SECRET)

int
virSecretGetUsageType(virSecretPtr h)
{
    CHECK_HANDLE(virSecret, h, SECRET, -1);
    return h->usageType;
}

#define NWFILTER VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER
REF_FREE(virNWFilter, NWFILTER)
GETTER(virNWFilter, Name, const char *, h->name, NWFILTER)
UUID_GETTERS(virNWFilter, NWFILTER)

#define BINDING VIR_FROM_NWFILTER, VIR_ERR_INVALID_NWFILTER_BINDING
REF_FREE(virNWFilterBinding, BINDING)
GETTER(virNWFilterBinding, PortDev, const char *, h->portdev, BINDING)
GETTER(virNWFilterBinding, FilterName, const char *, h->filtername, BINDING)

#define STREAM VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM
REF_FREE(virStream, STREAM)

#define SNAPSHOT VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_DOMAIN_SNAPSHOT
REF_FREE(virDomainSnapshot, SNAPSHOT)
GETTER(virDomainSnapshot, Name, const char *, h->name, SNAPSHOT)
GETTER(virDomainSnapshot, Domain, virDomainPtr, h->domain, SNAPSHOT)
GETTER(virDomainSnapshot, Connect, virConnectPtr, h->conn, SNAPSHOT)

#define CHECKPOINT VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_DOMAIN_CHECKPOINT
REF_FREE(virDomainCheckpoint, CHECKPOINT)
GETTER(virDomainCheckpoint, Name, const char *, h->name, CHECKPOINT)
GETTER(virDomainCheckpoint, Domain, virDomainPtr, h->domain, CHECKPOINT)
GETTER(virDomainCheckpoint, Connect, virConnectPtr, h->conn, CHECKPOINT)
