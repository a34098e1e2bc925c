/*
 * test_driver_state.h: the in-memory host the test driver pretends to be.
 *
 * One testDriver holds a whole fake host: its node information, the
 * domains with their lifecycle state, and (kept for the later network,
 * storage, interface and node device APIs) the other objects a <node> file
 * may describe.  test_driver_state.c builds a testDriver, either the
 * built-in default one or one read from a node file; test_driver.c
 * implements the API on top of it.  Every field is guarded by 'lock'.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include <libvirt/libvirt.h>

#include "domain_conf.h"

/* One domain of the fake host, the test driver's equivalent of libvirt's
 * virDomainObj. */
typedef struct {
    virDomainDef *def;       /* live definition while active, else the
                              * persistent one; def->id is the running id */
    virDomainDef *newDef;    /* persistent definition while active (NULL for
                              * a transient domain) */
    int state;               /* virDomainState */
    int reason;              /* the matching vir*Reason */
    bool persistent;
    bool autostart;
    bool hasManagedSave;
    void *snapshots;         /* test_snapshot.c: snapshots and checkpoints */
    void *more;              /* test_domain_more.c */
    void *rest;              /* test_domain_rest.c */
} testDomainObj;

/* Networks, pools, interfaces and node devices: only their identity and
 * their XML for now; their APIs come later. */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool hasUUID;
    bool active;
    bool persistent;
    bool autostart;
    char *xml;               /* the element as it was read */
    GPtrArray *children;     /* pools: their volumes (testGenericObj *) */
} testGenericObj;

typedef struct {
    char *username;
    char *password;          /* NULL: no password asked */
} testAuth;

typedef struct {
    GMutex lock;

    virNodeInfo nodeInfo;
    int numCells;            /* NUMA cells reported in the capabilities */

    GPtrArray *domains;      /* testDomainObj *, in the order they came */
    int nextDomID;

    GPtrArray *networks;     /* testGenericObj * */
    GPtrArray *pools;
    GPtrArray *interfaces;
    GPtrArray *devices;

    testAuth *auths;
    size_t nauths;

    /* Each area's own state, created on first use (test_driver_private.h) */
    void *networkState;      /* test_network.c: networks, ports, nwfilters */
    void *storageState;      /* test_storage.c: pools, volumes */
    void *hostDevState;      /* test_hostdev.c: interfaces, node devices, secrets */
    void *eventState;        /* test_event.c: registered event callbacks */
} testDriver;

/* The built-in host of test:///default. */
testDriver *testDriverNewDefault(void);

/* A host read from the <node> document at PATH.  NULL with an error
 * reported when the file cannot be read or is not valid. */
testDriver *testDriverNewFromFile(const char *path);

void testDriverFree(testDriver *driver);

void testDomainObjFree(testDomainObj *obj);
void testGenericObjFree(testGenericObj *obj);

/* Give every network interface of DEF that has no target device a
 * "testnetN" name, N the lowest number not used in DEF.  Returns 0 or -1
 * with an error reported. */
int testDomainGenerateIfnames(virDomainDef *def);

/* Fill in what the test hypervisor decides: the guest architecture. */
void testDomainDefPostParse(virDomainDef *def);

/* Mark OBJ running (with the next free id) in state RUNNING/REASON. */
void testDomainStartState(testDriver *driver, testDomainObj *obj, int reason);

/* The capabilities XML of DRIVER's host. */
char *testDriverCapabilities(testDriver *driver);
