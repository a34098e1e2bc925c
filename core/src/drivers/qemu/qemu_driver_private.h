/*
 * qemu_driver_private.h: what the files of the QEMU driver's API share.
 *
 * qemu_driver.c holds connections, domains and their lifecycle, and fills
 * the hypervisor table; each other area of the API (statistics, save and
 * restore) lives in a file of its own and adds its slots from a
 * qemuXxxRegister() function.
 */
#pragma once

#include "domain_list.h"
#include "datatypes.h"
#include "driver.h"
#include "qemu_domainobj.h"
#include "virerror.h"

/* Errors libvirt raises from its shared domain code (VIR_FROM_DOMAIN). */
#define qemuReportDomainError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* The driver state of CONN (no lock needed to get it). */
qemuDriver *qemuDriverOf(virConnectPtr conn);

/* The object behind DOM (driver->lock held), or NULL with libvirt's
 * "no domain with matching uuid" reported. */
qemuDomainObj *qemuDomObjFromDomain(qemuDriver *driver, virDomainPtr dom);

/* -1 with "domain is not running" reported when OBJ is inactive. */
int qemuDomainObjCheckActive(qemuDomainObj *obj);

/* A new handle for OBJ. */
virDomainPtr qemuDomainHandle(virConnectPtr conn, qemuDomainObj *obj);

/* Start the persistent OBJ from its managed save image (then removed);
 * STARTFLAGS: qemuProcessStartFlags.  0 or -1 reported. */
int qemuDomainStartManagedSave(qemuDriver *driver,
                               qemuDomainObj *obj,
                               unsigned int startFlags);

/* Remove the managed save image of OBJ.  0 or -1 reported. */
int qemuDomainManagedSaveDelete(qemuDriver *driver, qemuDomainObj *obj);

/* The top block node of the disk with ALIAS in the running QEMU of OBJ
 * (from query-block), or NULL. */
char *qemuDomainDiskNodeName(qemuDomainObj *obj, const char *alias);

/* The next free N of the running QEMU's "libvirt-N-..." block nodes of
 * OBJ, or -1 reported. */
int qemuHotplugNextNodeIndex(qemuDomainObj *obj);

/* Read the snapshot metadata of every domain (at driver creation). */
void qemuSnapshotLoadAll(qemuDriver *driver);

/* How many snapshots OBJ has; drop all their metadata. */
int qemuSnapshotCountOf(qemuDomainObj *obj);

/* What the listing and stats filters need to know of OBJ (a qemuDomainObj;
 * driver->lock held): conf/domain_list.h. */
void qemuDomainListDescribe(void *obj, virDomainListEntry *entry);
void qemuSnapshotDropMetadata(qemuDriver *driver, qemuDomainObj *obj);

/* Parse XML and complete it for this emulator.  NULL reported. */
virDomainDef *qemuDomainDefParse(qemuDriver *driver, const char *xml,
                                 unsigned int parseFlags);

void qemuStatsRegister(virHypervisorDriver *hv);
void qemuSaveRegister(virHypervisorDriver *hv);
void qemuHotplugRegister(virHypervisorDriver *hv);
void qemuSnapshotRegister(virHypervisorDriver *hv);
