/*
 * storage_conf.h: storage pool and volume definitions in libvirt's XML.
 *
 * What every storage driver shares (the test driver's in-memory pools and
 * the real storage driver's directories and filesystems): the pool types
 * and volume formats by libvirt's names, parsing a pool or volume document
 * with libvirt's error codes and messages, and formatting one in libvirt's
 * layout.  A definition holds only what the XML says plus the sizes a
 * driver fills in; a driver keeps its runtime state (active, autostart,
 * volume lists) beside it.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "viruuid.h"

/* libvirt's virStoragePoolType, in its order (its names are in the XML) */
typedef enum {
    VIR_STORAGE_POOL_TYPE_DIR,
    VIR_STORAGE_POOL_TYPE_FS,
    VIR_STORAGE_POOL_TYPE_NETFS,
    VIR_STORAGE_POOL_TYPE_LOGICAL,
    VIR_STORAGE_POOL_TYPE_DISK,
    VIR_STORAGE_POOL_TYPE_ISCSI,
    VIR_STORAGE_POOL_TYPE_ISCSI_DIRECT,
    VIR_STORAGE_POOL_TYPE_SCSI,
    VIR_STORAGE_POOL_TYPE_MPATH,
    VIR_STORAGE_POOL_TYPE_RBD,
    VIR_STORAGE_POOL_TYPE_SHEEPDOG,
    VIR_STORAGE_POOL_TYPE_GLUSTER,
    VIR_STORAGE_POOL_TYPE_ZFS,
    VIR_STORAGE_POOL_TYPE_VSTORAGE,
    VIR_STORAGE_POOL_TYPE_LAST,
} virStoragePoolTypeKind;

/* The type's XML name; -1 for an unknown name. */
const char *virStoragePoolTypeToString(int type);
int virStoragePoolTypeFromString(const char *name);

/* The type's bit in virConnectListAllStoragePoolsFlags, and all of them. */
unsigned int virStoragePoolTypeListFlag(int type);
unsigned int virStoragePoolTypeListFlags(void);

/* Whether a pool of TYPE in the given state passes FLAGS, the filter of
 * virConnectListAllStoragePools (each pair of opposite bits: neither or
 * both mean "any"; type bits: any of them). */
bool virStoragePoolMatchFlags(unsigned int flags, int type, bool active, bool persistent,
                              bool autostart);

/* Whether the type's volumes are files (formats raw, qcow2 …). */
bool virStoragePoolTypeHasFileVolumes(int type);

typedef struct {
    char *mode;              /* as given, formatted as %04o */
    char *owner;
    char *group;
    char *label;
} virStoragePerms;

void virStoragePermsClear(virStoragePerms *perms);

/* A real file's times, shown as libvirt shows them (<btime> is 0). */
typedef struct {
    bool set;
    long long atime_sec, mtime_sec, ctime_sec;
    long atime_nsec, mtime_nsec, ctime_nsec;
} virStorageTimestamps;

typedef struct {
    char *name;
    char *key;               /* also its path */
    int type;                /* virStorageVolType from the XML */
    unsigned long long capacity;
    unsigned long long allocation;
    bool hasAllocation;      /* the document gave <allocation> */
    bool hasPhysical;        /* a real driver's size on disk */
    unsigned long long physical;
    char *format;            /* NULL for pools without volume formats */
    virStoragePerms perms;
    virStorageTimestamps timestamps;
    char *backingPath;       /* <backingStore><path> */
    char *backingFormat;     /* <backingStore><format type> */
    virStoragePerms backingPerms;
    virStorageTimestamps backingTimestamps;
    char *compat;            /* qcow2's <compat> (read, used at creation) */
} virStorageVolDef;

typedef struct {
    char *name;
    char *port;
} virStorageHost;

typedef struct {
    int type;                /* virStoragePoolTypeKind */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long available;
    GPtrArray *hosts;        /* virStorageHost * */
    GPtrArray *devices;      /* char * paths */
    char *srcDir;
    char *srcName;
    char *srcFormat;
    char *targetPath;        /* without a trailing slash */
    virStoragePerms perms;
} virStoragePoolDef;

void virStorageVolDefFree(virStorageVolDef *def);
void virStoragePoolDefFree(virStoragePoolDef *def);
void virStorageHostFree(virStorageHost *host);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVolDef, virStorageVolDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolDef, virStoragePoolDefFree)

/* A pool as a driver keeps it: its definition (and the one waiting for
 * the next start), its state and its volumes. */
typedef struct {
    virStoragePoolDef *def;
    virStoragePoolDef *newDef;
    bool active;
    bool persistent;
    bool autostart;
    GPtrArray *vols;             /* virStorageVolDef *, key = path */
} virStoragePoolObj;

/* A pool object holding DEF (taken), inactive, without volumes. */
virStoragePoolObj *virStoragePoolObjNew(virStoragePoolDef *def);
void virStoragePoolObjFree(virStoragePoolObj *obj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolObj, virStoragePoolObjFree)

/* Lookups in POOLS (virStoragePoolObj *) and in a pool's volumes: NULL
 * when there is none, nothing reported. */
virStoragePoolObj *virStoragePoolObjFindByName(GPtrArray *pools, const char *name);
virStoragePoolObj *virStoragePoolObjFindByUUID(GPtrArray *pools, const unsigned char *uuid);
virStorageVolDef *virStoragePoolObjFindVol(virStoragePoolObj *obj, const char *name);

/* How many of POOLS are (not) active, and the first MAXNAMES of their
 * names (malloc'ed, as the public API frees them); returns the count. */
int virStoragePoolObjCount(GPtrArray *pools, bool active);
int virStoragePoolObjNames(GPtrArray *pools, bool active, char **const names, int maxnames);

/* The first MAXNAMES names of OBJ's volumes; returns the count. */
int virStoragePoolObjVolNames(virStoragePoolObj *obj, char **const names, int maxnames);

/* Parse a <pool> document as libvirt does (a UUID is generated when it has
 * none; the sizes are left 0).  NULL with the error reported. */
virStoragePoolDef *virStoragePoolDefParse(const char *xml);

/* Parse a <volume> document for a pool of type POOLTYPE (which decides the
 * formats allowed and the default one).  The key is left NULL.  NULL with
 * the error reported. */
virStorageVolDef *virStorageVolDefParse(int poolType, const char *xml);

/* Parse a size element (its text scaled by its unit attribute) named WHAT
 * in the error messages. */
int virStorageParseSize(void *node, const char *what, unsigned long long *out);

/* libvirt's refusal of DEF when another pool has its UUID under another
 * name (BYUUID) or its name under another UUID (BYNAME); either may be
 * NULL.  0 when DEF may be defined. */
int virStoragePoolDefCheckDup(const virStoragePoolDef *def, const virStoragePoolDef *byUUID,
                              const virStoragePoolDef *byName);

/* The documents virStoragePoolGetXMLDesc and virStorageVolGetXMLDesc give. */
char *virStoragePoolDefFormat(const virStoragePoolDef *def);
char *virStorageVolDefFormat(const virStorageVolDef *def);

/* Append S to BUF with XML's special characters escaped. */
void virStorageXMLEscape(GString *buf, const char *s);

/* The hosts of a <source> document (virConnectFindStoragePoolSources'
 * specification), as virStorageHost *; NULL with the error reported. */
GPtrArray *virStorageSourceSpecHosts(const char *xml);
