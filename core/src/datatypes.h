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

#define VIR_CONNECT_MAGIC 0x4b56434eU /* "KVCN" */
#define VIR_DOMAIN_MAGIC 0x4b56444dU  /* "KVDM" */

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

/* True when P looks like a live handle of the right kind. */
gboolean virConnectIsValid(virConnectPtr conn);
gboolean virDomainIsValid(virDomainPtr domain);

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
