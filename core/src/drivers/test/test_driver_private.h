/*
 * test_driver_private.h: what the files of the test driver share.
 *
 * test_driver.c holds connections and the domain lifecycle; each other area
 * of the API (networks, storage, host devices and secrets, snapshots and
 * checkpoints, the rest of the domain API, events) lives in a file of its
 * own, fills its slots of the driver tables from a testXxxRegister()
 * function and keeps its state behind an opaque pointer of testDriver (or
 * of testDomainObj) that it creates on first use and frees in its
 * testXxxStateFree().  Every function here expects driver->lock held
 * unless it says otherwise.
 */
#pragma once

#include <stdbool.h>

#include "domain_list.h"
#include "datatypes.h"
#include "driver.h"
#include "test_driver_state.h"
#include "virerror.h"

/* Errors libvirt raises from its public API layer (VIR_FROM_DOMAIN). */
#define testReportDomainError(code, ...) \
    virReportErrorHelper(VIR_FROM_DOMAIN, code, __FILE__, __func__, \
                         __LINE__, __VA_ARGS__)

/* The fake host behind CONN (no lock needed: it never changes). */
testDriver *testDriverOf(virConnectPtr conn);

bool testDomainObjIsActive(const testDomainObj *obj);
testDomainObj *testDomainObjFindByUUID(testDriver *driver, const unsigned char *uuid);
testDomainObj *testDomainObjFindByName(testDriver *driver, const char *name);
testDomainObj *testDomainObjFindByID(testDriver *driver, int id);

/* The object behind handle DOM, or NULL with VIR_ERR_NO_DOMAIN reported. */
testDomainObj *testDomObjFromDomain(testDriver *driver, virDomainPtr dom);
void testDomainObjRemove(testDriver *driver, testDomainObj *obj);

/* A new handle for OBJ. */
virDomainPtr testDomainHandle(virConnectPtr conn, testDomainObj *obj);

/* -1 with "domain is not running" reported when OBJ is inactive. */
int testDomainObjCheckActive(testDomainObj *obj);

/* libvirt's "Flags 'A' and 'B' are mutually exclusive" for FUNC. */
int testCheckExclusiveFlags(unsigned int flags,
                            unsigned int a, const char *aname,
                            unsigned int b, const char *bname,
                            const char *func);
#define TEST_CHECK_EXCLUSIVE(flags, a, b, func) \
    testCheckExclusiveFlags(flags, a, #a, b, #b, func)

/* OBJ stops: back to its persistent definition, SHUTOFF/REASON. */
void testDomainShutdownState(testDomainObj *obj, int reason);
/* After OBJ stopped: a transient domain disappears (OBJ is freed). */
void testDomainRemoveIfTransient(testDriver *driver, testDomainObj *obj);

/* Resolve AFFECT_LIVE/CONFIG/CURRENT in *FLAGS against OBJ as libvirt
 * does and store the definitions to read or change (either may be NULL). */
int testDomainObjGetDefs(testDomainObj *obj,
                         unsigned int *flags,
                         virDomainDef **live,
                         virDomainDef **persistent);

/* Save images: the magic "TestGuestMagic" with its NUL, the XML length as a
 * native int, then the domain XML, as libvirt's test driver writes them.
 * Write DEF's image to PATH (0 or -1 reported); read back the XML of the
 * image at PATH (NULL reported). */
int testSaveImageWrite(const virDomainDef *def, const char *path);
char *testSaveImageRead(const char *path);

/* ------------------------------------------------------------------ */
/* Areas: each fills its slots and frees its state.                   */

void testNetworkRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testNetworkStateFree(void *state);

void testStorageRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testStorageStateFree(void *state);

void testHostDevRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testHostDevStateFree(void *state);

void testSnapshotRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testSnapshotDomainFree(void *snapshots);
/* How many snapshots OBJ has (driver->lock held). */
int testSnapshotCount(testDomainObj *obj);
/* How many checkpoints OBJ has (driver->lock held). */
int testCheckpointCount(testDomainObj *obj);

/* What the listing and stats filters need to know of OBJ (a testDomainObj;
 * driver->lock held): conf/domain_list.h. */
void testDomainListDescribe(void *obj, virDomainListEntry *entry);

void testDomainMoreRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testDomainMoreDomainFree(void *extra);

void testDomainRestRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testDomainRestDomainFree(void *extra);
/* The guest clock of OBJ as virDomainGetTime reports it: the time set
 * with virDomainSetTime, or libvirt's test driver's fixed time. */
void testDomainRestGetTime(testDomainObj *obj, long long *seconds, unsigned int *nseconds);

void testEventRegister(virConnectDriver *cd, virHypervisorDriver *hv);
void testEventStateFree(void *state);
