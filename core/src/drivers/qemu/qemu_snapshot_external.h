/*
 * qemu_snapshot_external.h: external disk-only snapshots, the part of
 * virDomainSnapshotCreateXML that puts a new qcow2 overlay on top of
 * each chosen disk (qemu_snapshot_external.c).
 */
#pragma once

#include <libxml/tree.h>

#include "qemu_domainobj.h"
#include "virerror.h"

/* Errors libvirt raises from its shared snapshot code
 * (VIR_FROM_DOMAIN_SNAPSHOT). */
#define qemuReportSnapshotError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN_SNAPSHOT, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* libvirt's snapshot state for a disk-only snapshot of a running guest
 * ("disk-snapshot"), after the domain states. */
#define QEMU_SNAPSHOT_STATE_DISK_SNAPSHOT 8

typedef enum {
    QEMU_SNAPSHOT_LOCATION_DEFAULT = 0,
    QEMU_SNAPSHOT_LOCATION_NO,
    QEMU_SNAPSHOT_LOCATION_INTERNAL,
    QEMU_SNAPSHOT_LOCATION_EXTERNAL,
    QEMU_SNAPSHOT_LOCATION_MANUAL,
    QEMU_SNAPSHOT_LOCATION_LAST
} qemuSnapshotLocation;

const char *qemuSnapshotLocationToString(int location);
int qemuSnapshotLocationFromString(const char *name);

/* One <disk> of a <domainsnapshot>'s <disks>. */
typedef struct {
    char *name;             /* the disk's target dev */
    int snapshot;           /* qemuSnapshotLocation */
    int type;               /* virStorageType of the overlay (external) */
    char *format;           /* the overlay's <driver type=> (external) */
    char *path;             /* the overlay's <source file=|dev=> */
} qemuSnapshotDisk;

void qemuSnapshotDiskClear(qemuSnapshotDisk *disk);

/* libvirt's XML error for VALUE of attribute ATTR of ELEMENT. */
void qemuSnapshotReportBadAttr(const char *attr, const char *element, const char *value);

/* The <disks> of the snapshot document under ROOT (its <domainsnapshot>
 * element) into *RET_DISKS / *RET_NDISKS (nothing when there is no
 * <disks>).  0 or -1 reported. */
int qemuSnapshotDisksParse(xmlNodePtr root,
                           qemuSnapshotDisk **ret_disks,
                           size_t *ret_ndisks);

/* Append the <disks> element of DISKS to BUF, indented by two. */
void qemuSnapshotDisksFormat(GString *buf,
                             const qemuSnapshotDisk *disks,
                             size_t ndisks);

/* Run qemu-img with ARGV and wait for it; WHAT ("create the overlay
 * ...") names the action in the error, which carries qemu-img's own
 * message.  0 or -1 reported. */
int qemuSnapshotRunQemuImg(const char *const *argv, const char *what);

/* The same, with what qemu-img printed in *RET_OUTPUT. */
int qemuSnapshotRunQemuImgOutput(const char *const *argv,
                                 const char *what,
                                 char **ret_output);

/* Delete the external snapshot whose <disks> are DISKS from the images of
 * OBJ (driver->lock held): each overlay is merged into the image below it
 * and removed, and the definitions drop it from their chains, as libvirt
 * 9.0 does.  A running guest does it with block-commit jobs (an active
 * commit for the top image); the images of a shut-off domain are merged
 * with qemu-img commit (and the image above rebased onto the one below).
 * 0 or -1 reported. */
int qemuSnapshotExternalDelete(qemuDriver *driver,
                               qemuDomainObj *obj,
                               const qemuSnapshotDisk *disks,
                               size_t ndisks);

/* Take the external disk-only snapshot NAME of OBJ (driver->lock held):
 * DISKS (as the user wrote them, consumed: on success *RET_DISKS gets
 * the whole aligned list, one entry per domain disk in domain order) say
 * which disks get an overlay and where; FLAGS are those of
 * virDomainSnapshotCreateXML.  A running guest switches to the new
 * overlays in one QMP transaction; the overlays of a shut-off domain are
 * made with qemu-img.  The live and persistent definitions then name the
 * overlays.  On failure every file and block node made is removed again.
 * 0 or -1 reported. */
int qemuSnapshotExternalCreate(qemuDriver *driver,
                               qemuDomainObj *obj,
                               const char *name,
                               qemuSnapshotDisk *disks,
                               size_t ndisks,
                               unsigned int flags,
                               qemuSnapshotDisk **ret_disks,
                               size_t *ret_ndisks);
