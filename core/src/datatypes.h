/*
 * datatypes.h: the public handles (virConnectPtr, virDomainPtr …) as the
 * library sees them.
 *
 * A handle is a small reference-counted record naming an object that lives
 * in a driver: the driver keeps the real state, the handle only carries
 * identity (name, UUID, ID) and the connection it came from.  Every handle
 * starts with virObjectHeader so entry points can validate a pointer a
 * caller hands in (magic number) before trusting anything else in it.
 */
#pragma once

#include <glib.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "driver.h"
#include "viruri.h"

#define VIR_CONNECT_MAGIC 0x4b56434eU         /* "KVCN" */
#define VIR_DOMAIN_MAGIC 0x4b56444dU          /* "KVDM" */
#define VIR_NETWORK_MAGIC 0x4b564e57U         /* "KVNW" */
#define VIR_NETWORK_PORT_MAGIC 0x4b564e50U    /* "KVNP" */
#define VIR_INTERFACE_MAGIC 0x4b564946U       /* "KVIF" */
#define VIR_STORAGE_POOL_MAGIC 0x4b565350U    /* "KVSP" */
#define VIR_STORAGE_VOL_MAGIC 0x4b565356U     /* "KVSV" */
#define VIR_NODE_DEVICE_MAGIC 0x4b564e44U     /* "KVND" */
#define VIR_SECRET_MAGIC 0x4b565343U          /* "KVSC" */
#define VIR_NWFILTER_MAGIC 0x4b564e46U        /* "KVNF" */
#define VIR_NWFILTER_BINDING_MAGIC 0x4b564e42U /* "KVNB" */
#define VIR_STREAM_MAGIC 0x4b565354U          /* "KVST" */
#define VIR_DOMAIN_SNAPSHOT_MAGIC 0x4b56534eU /* "KVSN" */
#define VIR_DOMAIN_CHECKPOINT_MAGIC 0x4b564350U /* "KVCP" */

typedef struct {
    unsigned int magic;
    gint refs;
} virObjectHeader;

/* Bits of virConnect.flags. */
typedef enum {
    VIR_CONNECT_FLAG_RO = 1 << 0,
} virConnectFlagBits;

struct _virConnect {
    virObjectHeader hdr;
    unsigned int flags;          /* virConnectFlagBits */
    virURI *uri;                 /* as parsed from the name given to open */
    char *uristr;                /* canonical URI, virConnectGetURI */
    virHypervisorDriver *driver; /* never NULL once open succeeded */
    /* The other object kinds' tables, from the same virConnectDriver;
     * NULL where the driver does not manage them. */
    virInterfaceDriver *interfaceDriver;
    virNetworkDriver *networkDriver;
    virNodeDeviceDriver *nodeDeviceDriver;
    virNWFilterDriver *nwfilterDriver;
    virSecretDriver *secretDriver;
    virStorageDriver *storageDriver;
    void *privateData;           /* the driver's per-connection state */

    /* Errors: guarded by lock because any thread may raise them. */
    GMutex lock;
    virError err;                /* last error raised on this connection */
    virErrorFunc handler;        /* virConnSetErrorFunc */
    void *userData;
};

struct _virDomain {
    virObjectHeader hdr;
    virConnectPtr conn;          /* holds a reference */
    char *name;
    int id;                      /* -1 when inactive */
    unsigned char uuid[VIR_UUID_BUFLEN];
};

/* Every other handle also holds a counted reference to its connection in
 * CONN, so the generated entry points reach the driver the same way for
 * all of them; handles below another object (a port, a snapshot …) also
 * hold a reference to that object. */

struct _virNetwork {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNetworkPort {
    virObjectHeader hdr;
    virConnectPtr conn;
    virNetworkPtr net;           /* holds a reference */
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virInterface {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *name;
    char *mac;
};

struct _virStoragePool {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStorageVol {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *pool;                  /* name of the pool holding it */
    char *name;
    char *key;                   /* unique across pools, e.g. its path */
};

struct _virNodeDevice {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *name;
    char *parentName;            /* NULL for the root device */
};

struct _virSecret {
    virObjectHeader hdr;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;               /* virSecretUsageType */
    char *usageID;
};

struct _virNWFilter {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNWFilterBinding {
    virObjectHeader hdr;
    virConnectPtr conn;
    char *portdev;
    char *filtername;
};

struct _virDomainSnapshot {
    virObjectHeader hdr;
    virConnectPtr conn;
    virDomainPtr domain;         /* holds a reference */
    char *name;
};

struct _virDomainCheckpoint {
    virObjectHeader hdr;
    virConnectPtr conn;
    virDomainPtr domain;         /* holds a reference */
    char *name;
};

/* A stream's data moves through the callbacks of the driver that opened
 * it (virDomainOpenConsole, virStorageVolUpload …), set with
 * virStreamSetDriver. */
typedef struct _virStreamDriver virStreamDriver;

struct _virStream {
    virObjectHeader hdr;
    virConnectPtr conn;
    unsigned int flags;          /* virStreamFlags */
    const virStreamDriver *driver;
    void *privateData;
    void (*privateFree)(void *privateData);
};

/* True when P looks like a live handle of the right kind. */
gboolean virConnectIsValid(virConnectPtr conn);
gboolean virDomainIsValid(virDomainPtr domain);
gboolean virNetworkIsValid(virNetworkPtr net);
gboolean virNetworkPortIsValid(virNetworkPortPtr port);
gboolean virInterfaceIsValid(virInterfacePtr iface);
gboolean virStoragePoolIsValid(virStoragePoolPtr pool);
gboolean virStorageVolIsValid(virStorageVolPtr vol);
gboolean virNodeDeviceIsValid(virNodeDevicePtr dev);
gboolean virSecretIsValid(virSecretPtr secret);
gboolean virNWFilterIsValid(virNWFilterPtr nwfilter);
gboolean virNWFilterBindingIsValid(virNWFilterBindingPtr binding);
gboolean virStreamIsValid(virStreamPtr stream);
gboolean virDomainSnapshotIsValid(virDomainSnapshotPtr snapshot);
gboolean virDomainCheckpointIsValid(virDomainCheckpointPtr checkpoint);

/* New handles (reference count 1) for driver objects; drivers call these
 * to hand an object to the caller. */
virNetworkPtr virGetNetwork(virConnectPtr conn, const char *name,
                            const unsigned char *uuid);
virNetworkPortPtr virGetNetworkPort(virNetworkPtr net, const unsigned char *uuid);
virInterfacePtr virGetInterface(virConnectPtr conn, const char *name,
                                const char *mac);
virStoragePoolPtr virGetStoragePool(virConnectPtr conn, const char *name,
                                    const unsigned char *uuid);
virStorageVolPtr virGetStorageVol(virConnectPtr conn, const char *pool,
                                  const char *name, const char *key);
virNodeDevicePtr virGetNodeDevice(virConnectPtr conn, const char *name,
                                  const char *parentName);
virSecretPtr virGetSecret(virConnectPtr conn, const unsigned char *uuid,
                          int usageType, const char *usageID);
virNWFilterPtr virGetNWFilter(virConnectPtr conn, const char *name,
                              const unsigned char *uuid);
virNWFilterBindingPtr virGetNWFilterBinding(virConnectPtr conn,
                                            const char *portdev,
                                            const char *filtername);
virDomainSnapshotPtr virGetDomainSnapshot(virDomainPtr domain, const char *name);
virDomainCheckpointPtr virGetDomainCheckpoint(virDomainPtr domain, const char *name);

/* Give STREAM to DRIVER's callbacks with its private data; PRIVATEFREE
 * (may be NULL) releases the data when the stream is freed. */
void virStreamSetDriver(virStreamPtr stream, const virStreamDriver *driver,
                        void *privateData, void (*privateFree)(void *));

/* Drop one reference to any handle (NULL is fine). */
void virObjectUnrefHandle(void *handle);

/* A new domain handle (reference count 1) for a driver object.  Drivers
 * call this to hand a domain to the caller. */
virDomainPtr virGetDomain(virConnectPtr conn,
                          const char *name,
                          const unsigned char *uuid,
                          int id);

/* Internal reference helpers, used by the core and drivers. */
virConnectPtr virObjectRefConnect(virConnectPtr conn);
void virObjectUnrefConnect(virConnectPtr conn);
void virObjectUnrefDomain(virDomainPtr domain);
