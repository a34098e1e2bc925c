/*
 * test_storage.c: the test driver's storage pools and volumes.
 *
 * Pools and volumes exist only in memory, as in libvirt's test driver:
 * a pool has the sizes the test driver makes up (100 GiB, nothing used)
 * and a volume only changes the pool's bookkeeping.  The state is built on
 * first use from the pools (and their volumes) the node file loader kept
 * as testGenericObj, and from then on lives in testStorageState behind
 * driver->storageState.  Every function runs under driver->lock.
 *
 * The pool and volume XML (parsing and formatting) is conf/storage_conf.c,
 * shared with the real storage driver.  Volume upload, download, wipe and resize are left "not
 * supported", because libvirt's test driver does not offer them either.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_driver_private.h"
#include "storage_conf.h"
#include "virxml.h"
#include "test_event.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ------------------------------------------------------------------ */
/* Definitions                                                        */

/* The sizes libvirt's test driver gives every pool. */
#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)
#define TEST_POOL_ALLOCATION 0ULL

/* a volume is its definition (key = path) */
typedef virStorageVolDef testStorageVol;

typedef virStoragePoolObj testStoragePool;

typedef struct {
    GPtrArray *pools;        /* testStoragePool * */
} testStorageState;

/* A pool of the test driver's sizes from the document XML. */
static testStoragePool *
testStoragePoolParse(const char *xml)
{
    virStoragePoolDef *def = virStoragePoolDefParse(xml);

    if (!def)
        return NULL;
    def->capacity = TEST_POOL_CAPACITY;
    def->allocation = TEST_POOL_ALLOCATION;
    def->available = def->capacity - def->allocation;
    return virStoragePoolObjNew(def);
}

static testStorageVol *
testStorageVolParse(testStoragePool *pool, const char *xml)
{
    return virStorageVolDefParse(pool->def->type, xml);
}

/* ------------------------------------------------------------------ */
/* State                                                              */

/* Give VOL its key and path in POOL and count its space. */
static void
testStoragePoolAddVol(testStoragePool *pool, testStorageVol *vol)
{
    g_free(vol->key);
    vol->key = g_strdup_printf("%s/%s", pool->def->targetPath ? pool->def->targetPath : "", vol->name);
    pool->def->allocation += vol->allocation;
    pool->def->available = pool->def->capacity > pool->def->allocation ? pool->def->capacity - pool->def->allocation : 0;
    g_ptr_array_add(pool->vols, vol);
}

static testStorageState *
testStorageStateGet(testDriver *driver)
{
    testStorageState *state = driver->storageState;
    size_t i;
    size_t j;

    if (state)
        return state;
    state = g_new0(testStorageState, 1);
    state->pools = g_ptr_array_new_with_free_func((GDestroyNotify)virStoragePoolObjFree);
    for (i = 0; i < driver->pools->len; i++) {
        testGenericObj *gen = g_ptr_array_index(driver->pools, i);
        testStoragePool *pool;

        /* the node file was checked when it was loaded; a pool libvirt
         * would have refused is left out rather than failing here */
        if (!gen->xml || !(pool = testStoragePoolParse(gen->xml))) {
            virResetLastError();
            continue;
        }
        if (gen->hasUUID)
            memcpy(pool->def->uuid, gen->uuid, VIR_UUID_BUFLEN);
        pool->active = gen->active;
        pool->persistent = gen->persistent;
        pool->autostart = gen->autostart;
        for (j = 0; gen->children && j < gen->children->len; j++) {
            testGenericObj *genvol = g_ptr_array_index(gen->children, j);
            testStorageVol *vol;

            if (!genvol->xml || !(vol = testStorageVolParse(pool, genvol->xml))) {
                virResetLastError();
                continue;
            }
            testStoragePoolAddVol(pool, vol);
        }
        g_ptr_array_add(state->pools, pool);
    }
    driver->storageState = state;
    return state;
}

static void
testStoragePoolRemove(testStorageState *state, testStoragePool *pool)
{
    g_ptr_array_remove(state->pools, pool);
}

/* Lock DRIVER of CONN and return its storage state; unlock with
 * testStorageUnlock. */
static testStorageState *
testStorageLock(virConnectPtr conn, testDriver **driver)
{
    *driver = testDriverOf(conn);
    g_mutex_lock(&(*driver)->lock);
    return testStorageStateGet(*driver);
}

static void
testStorageUnlock(testDriver *driver)
{
    g_mutex_unlock(&driver->lock);
}

static testStoragePool *
testStoragePoolFromHandle(testStorageState *state, virStoragePoolPtr handle)
{
    testStoragePool *pool = virStoragePoolObjFindByName(state->pools, handle->name);

    if (!pool)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), handle->name);
    return pool;
}

static int
testStoragePoolCheckActive(testStoragePool *pool)
{
    if (!pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is not active"), pool->def->name);
        return -1;
    }
    return 0;
}

static int
testStoragePoolCheckInactive(testStoragePool *pool)
{
    if (pool->active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("storage pool '%s' is active"), pool->def->name);
        return -1;
    }
    return 0;
}

/* The active pool and the volume behind handle VOL. */
static testStorageVol *
testStorageVolFromHandle(testStorageState *state, virStorageVolPtr handle,
                         testStoragePool **poolp)
{
    testStoragePool *pool = virStoragePoolObjFindByName(state->pools, handle->pool);
    testStorageVol *vol;

    if (!pool) {
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), handle->pool);
        return NULL;
    }
    if (testStoragePoolCheckActive(pool) < 0)
        return NULL;
    if (!(vol = virStoragePoolObjFindVol(pool, handle->name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), handle->name);
        return NULL;
    }
    if (poolp)
        *poolp = pool;
    return vol;
}

static virStoragePoolPtr
testStoragePoolHandle(virConnectPtr conn, testStoragePool *pool)
{
    return virGetStoragePool(conn, pool->def->name, pool->def->uuid);
}

static virStorageVolPtr
testStorageVolHandle(virConnectPtr conn, testStoragePool *pool, testStorageVol *vol)
{
    return virGetStorageVol(conn, pool->def->name, vol->name, vol->key);
}

/* ------------------------------------------------------------------ */
/* Pools: listing and lookup                                          */

static int
testStorageCountPools(virConnectPtr conn, bool active)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    int n = virStoragePoolObjCount(state->pools, active);

    testStorageUnlock(driver);
    return n;
}

static int
testStorageListPools(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    int n = virStoragePoolObjNames(state->pools, active, names, maxnames);

    testStorageUnlock(driver);
    return n;
}

static int
testConnectNumOfStoragePools(virConnectPtr conn)
{
    return testStorageCountPools(conn, true);
}

static int
testConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return testStorageCountPools(conn, false);
}

static int
testConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return testStorageListPools(conn, true, names, maxnames);
}

static int
testConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return testStorageListPools(conn, false, names, maxnames);
}

static int
testConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                               unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    const unsigned int typeBits = virStoragePoolTypeListFlags();
    GPtrArray *found;
    int n;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                  VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                  VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                  VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART | typeBits, -1);

    found = g_ptr_array_new();
    state = testStorageLock(conn, &driver);
    for (i = 0; i < state->pools->len; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (!virStoragePoolMatchFlags(flags, pool->def->type, pool->active,
                                      pool->persistent, pool->autostart))
            continue;
        g_ptr_array_add(found, pools ? (void *)testStoragePoolHandle(conn, pool) : NULL);
    }
    testStorageUnlock(driver);

    n = found->len;
    if (pools) {
        g_ptr_array_add(found, NULL);
        *pools = (virStoragePoolPtr *)g_ptr_array_steal(found, NULL);
        g_ptr_array_unref(found);
    } else {
        g_ptr_array_free(found, TRUE);
    }
    return n;
}

static virStoragePoolPtr
testStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    testStoragePool *pool = virStoragePoolObjFindByName(state->pools, name);
    virStoragePoolPtr ret = NULL;

    if (!pool)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching name '%s'"), name);
    else
        ret = testStoragePoolHandle(conn, pool);
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    testStoragePool *pool = virStoragePoolObjFindByUUID(state->pools, uuid);
    virStoragePoolPtr ret = NULL;

    if (!pool) {
        char str[VIR_UUID_STRING_BUFLEN];
        virUUIDFormat(uuid, str);
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       _("no storage pool with matching uuid '%s'"), str);
    } else {
        ret = testStoragePoolHandle(conn, pool);
    }
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                             __LINE__, _("invalid UUID '%s'"), uuidstr);
        return NULL;
    }
    return testStoragePoolLookupByUUID(conn, uuid);
}

static virStoragePoolPtr
testStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    return testStoragePoolLookupByName(vol->conn, vol->pool);
}

/* ------------------------------------------------------------------ */
/* Pools: life cycle                                                  */

/* Refuse DEF when it clashes with another pool; else the pool it
 * redefines (NULL for a new one) in *OLD. */
static int
testStoragePoolCheckDup(testStorageState *state, testStoragePool *def,
                        testStoragePool **old)
{
    testStoragePool *byUUID = virStoragePoolObjFindByUUID(state->pools, def->def->uuid);
    testStoragePool *byName = virStoragePoolObjFindByName(state->pools, def->def->name);

    if (virStoragePoolDefCheckDup(def->def, byUUID ? byUUID->def : NULL,
                                  byName ? byName->def : NULL) < 0)
        return -1;
    *old = byUUID;
    return 0;
}

static virStoragePoolPtr
testStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    g_autoptr(virStoragePoolObj) def = NULL;
    testStoragePool *old = NULL;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(conn, &driver);
    if (!(def = testStoragePoolParse(xmlDesc)) ||
        testStoragePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    if (old) {
        /* the same pool again: only an inactive one may be started so */
        if (old->active) {
            virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_OPERATION_INVALID, __FILE__,
                                 __func__, __LINE__,
                                 _("storage pool '%s' is already active"), old->def->name);
            goto cleanup;
        }
        testStoragePoolRemove(state, old);
    }
    def->active = true;
    def->persistent = false;
    ret = testStoragePoolHandle(conn, def);
    testEventEmitStoragePoolLifecycle(driver, def->def->name, def->def->uuid,
                                      VIR_STORAGE_POOL_EVENT_STARTED, 0);
    g_ptr_array_add(state->pools, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

static virStoragePoolPtr
testStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    g_autoptr(virStoragePoolObj) def = NULL;
    testStoragePool *old = NULL;
    virStoragePoolPtr ret = NULL;

    virCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    state = testStorageLock(conn, &driver);
    if (!(def = testStoragePoolParse(xml)) ||
        testStoragePoolCheckDup(state, def, &old) < 0)
        goto cleanup;
    def->persistent = true;
    if (old && old->active) {
        /* a running pool keeps its live definition; libvirt's test driver
         * holds the new one for a restart it never applies */
        old->persistent = true;
        ret = testStoragePoolHandle(conn, old);
        testEventEmitStoragePoolLifecycle(driver, old->def->name, old->def->uuid,
                                          VIR_STORAGE_POOL_EVENT_DEFINED, 0);
        goto cleanup;
    }
    if (old) {
        /* a new definition: the pool keeps its state and its volumes */
        def->active = old->active;
        def->autostart = old->autostart;
        def->def->capacity = old->def->capacity;
        def->def->allocation = old->def->allocation;
        def->def->available = old->def->available;
        g_ptr_array_free(def->vols, TRUE);
        def->vols = g_steal_pointer(&old->vols);
        testStoragePoolRemove(state, old);
    }
    ret = testStoragePoolHandle(conn, def);
    testEventEmitStoragePoolLifecycle(driver, def->def->name, def->def->uuid,
                                      VIR_STORAGE_POOL_EVENT_DEFINED, 0);
    g_ptr_array_add(state->pools, g_steal_pointer(&def));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* Run ACTION on the pool behind HANDLE under the lock. */
#define POOL_BEGIN(handle) \
    testDriver *driver; \
    testStorageState *state = testStorageLock((handle)->conn, &driver); \
    testStoragePool *pool = testStoragePoolFromHandle(state, handle); \
    int ret = -1; \
    if (!pool) \
        goto cleanup

#define POOL_END \
 cleanup: \
    testStorageUnlock(driver); \
    return ret

static int
testStoragePoolUndefine(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckInactive(pool) < 0)
        goto cleanup;
    testEventEmitStoragePoolLifecycle(driver, pool->def->name, pool->def->uuid,
                                      VIR_STORAGE_POOL_EVENT_UNDEFINED, 0);
    testStoragePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
testStoragePoolBuild(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolLifecycle(driver, pool->def->name, pool->def->uuid,
                                          VIR_STORAGE_POOL_EVENT_CREATED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolCreate(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        pool->active = true;
        testEventEmitStoragePoolLifecycle(driver, pool->def->name, pool->def->uuid,
                                          VIR_STORAGE_POOL_EVENT_STARTED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolDestroy(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    pool->active = false;
    testEventEmitStoragePoolLifecycle(driver, pool->def->name, pool->def->uuid,
                                      VIR_STORAGE_POOL_EVENT_STOPPED, 0);
    if (!pool->persistent)
        testStoragePoolRemove(state, pool);
    ret = 0;
    POOL_END;
}

static int
testStoragePoolDelete(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckInactive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolLifecycle(driver, pool->def->name, pool->def->uuid,
                                          VIR_STORAGE_POOL_EVENT_DELETED, 0);
        ret = 0;
        POOL_END;
    }
}

static int
testStoragePoolRefresh(virStoragePoolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (testStoragePoolCheckActive(pool) < 0)
            goto cleanup;
        testEventEmitStoragePoolRefresh(driver, pool->def->name, pool->def->uuid);
        ret = 0;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Pools: properties                                                  */

static int
testStoragePoolGetInfo(virStoragePoolPtr handle, virStoragePoolInfoPtr info)
{
    POOL_BEGIN(handle);
    memset(info, 0, sizeof(*info));
    info->state = pool->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = pool->def->capacity;
    info->allocation = pool->def->allocation;
    info->available = pool->def->available;
    ret = 0;
    POOL_END;
}

static char *
testStoragePoolGetXMLDesc(virStoragePoolPtr handle, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if ((pool = testStoragePoolFromHandle(state, handle)))
        ret = virStoragePoolDefFormat(pool->def);
    testStorageUnlock(driver);
    return ret;
}

static int
testStoragePoolGetAutostart(virStoragePoolPtr handle, int *autostart)
{
    POOL_BEGIN(handle);
    *autostart = pool->autostart;
    ret = 0;
    POOL_END;
}

static int
testStoragePoolSetAutostart(virStoragePoolPtr handle, int autostart)
{
    POOL_BEGIN(handle);
    if (!pool->persistent) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("pool has no config file"));
        goto cleanup;
    }
    pool->autostart = autostart != 0;
    ret = 0;
    POOL_END;
}

static int
testStoragePoolIsActive(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->active;
    POOL_END;
}

static int
testStoragePoolIsPersistent(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    ret = pool->persistent;
    POOL_END;
}

static int
testStoragePoolNumOfVolumes(virStoragePoolPtr handle)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    ret = pool->vols->len;
    POOL_END;
}

static int
testStoragePoolListVolumes(virStoragePoolPtr handle, char **const names, int maxnames)
{
    POOL_BEGIN(handle);
    if (testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    ret = virStoragePoolObjVolNames(pool, names, maxnames);
    POOL_END;
}

static int
testStoragePoolListAllVolumes(virStoragePoolPtr handle, virStorageVolPtr **vols,
                              unsigned int flags)
{
    size_t i;

    virCheckFlags(0, -1);
    {
        POOL_BEGIN(handle);
        if (!pool->active) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("storage pool is not active"));
            goto cleanup;
        }
        if (vols) {
            *vols = g_new0(virStorageVolPtr, pool->vols->len + 1);
            for (i = 0; i < pool->vols->len; i++)
                (*vols)[i] = testStorageVolHandle(handle->conn, pool,
                                                  g_ptr_array_index(pool->vols, i));
        }
        ret = pool->vols->len;
        POOL_END;
    }
}

/* ------------------------------------------------------------------ */
/* Volumes                                                            */

static virStorageVolPtr
testStorageVolLookupByName(virStoragePoolPtr handle, const char *name)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(handle->conn, &driver);
    testStoragePool *pool = testStoragePoolFromHandle(state, handle);
    testStorageVol *vol;
    virStorageVolPtr ret = NULL;

    if (!pool || testStoragePoolCheckActive(pool) < 0)
        goto cleanup;
    if (!(vol = virStoragePoolObjFindVol(pool, name))) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), name);
        goto cleanup;
    }
    ret = testStorageVolHandle(handle->conn, pool, vol);

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* The first volume of an active pool whose key (which is also its path)
 * is KEY; WHAT names the lookup in the error. */
static virStorageVolPtr
testStorageVolLookupByKeyOrPath(virConnectPtr conn, const char *key, const char *what)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(conn, &driver);
    virStorageVolPtr ret = NULL;
    size_t i;
    size_t j;

    for (i = 0; i < state->pools->len && !ret; i++) {
        testStoragePool *pool = g_ptr_array_index(state->pools, i);
        if (!pool->active)
            continue;
        for (j = 0; j < pool->vols->len; j++) {
            testStorageVol *vol = g_ptr_array_index(pool->vols, j);
            if (strcmp(vol->key, key) == 0) {
                ret = testStorageVolHandle(conn, pool, vol);
                break;
            }
        }
    }
    if (!ret)
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching %s '%s'"), what, key);
    testStorageUnlock(driver);
    return ret;
}

static virStorageVolPtr
testStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return testStorageVolLookupByKeyOrPath(conn, key, "key");
}

static virStorageVolPtr
testStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return testStorageVolLookupByKeyOrPath(conn, path, "path");
}

/* Add DEF to POOL when its name is free and there is room for it. */
static int
testStorageVolAdd(testStoragePool *pool, testStorageVol *voldef)
{
    if (virStoragePoolObjFindVol(pool, voldef->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", _("storage vol already exists"));
        return -1;
    }
    if (pool->def->allocation + voldef->allocation > pool->def->capacity ||
        pool->def->allocation + voldef->allocation < pool->def->allocation) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("Not enough free space in pool for volume '%s'"), voldef->name);
        return -1;
    }
    testStoragePoolAddVol(pool, voldef);
    return 0;
}

static virStorageVolPtr
testStorageVolCreateXML(virStoragePoolPtr handle, const char *xmlDesc, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    g_autoptr(virStorageVolDef) voldef = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if (!(pool = testStoragePoolFromHandle(state, handle)) ||
        testStoragePoolCheckActive(pool) < 0 ||
        !(voldef = testStorageVolParse(pool, xmlDesc)) ||
        testStorageVolAdd(pool, voldef) < 0)
        goto cleanup;
    ret = testStorageVolHandle(handle->conn, pool, g_steal_pointer(&voldef));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

static virStorageVolPtr
testStorageVolCreateXMLFrom(virStoragePoolPtr handle, const char *xmlDesc,
                            virStorageVolPtr clonevol, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStoragePool *pool;
    g_autoptr(virStorageVolDef) voldef = NULL;
    virStorageVolPtr ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if (!(pool = testStoragePoolFromHandle(state, handle)) ||
        testStoragePoolCheckActive(pool) < 0 ||
        !(voldef = testStorageVolParse(pool, xmlDesc)))
        goto cleanup;
    /* as libvirt's test driver, the source is looked up in this pool */
    if (!virStoragePoolObjFindVol(pool, clonevol->name)) {
        virReportError(VIR_ERR_NO_STORAGE_VOL,
                       _("no storage vol with matching name '%s'"), clonevol->name);
        goto cleanup;
    }
    /* the new volume's allocation is the document's (its capacity when
     * the document gives none) */
    if (testStorageVolAdd(pool, voldef) < 0)
        goto cleanup;
    ret = testStorageVolHandle(handle->conn, pool, g_steal_pointer(&voldef));

 cleanup:
    testStorageUnlock(driver);
    return ret;
}

/* Run the body on the volume behind HANDLE and its pool, under the lock. */
#define VOL_BEGIN(handle) \
    testDriver *driver; \
    testStorageState *state = testStorageLock((handle)->conn, &driver); \
    testStoragePool *pool = NULL; \
    testStorageVol *vol = testStorageVolFromHandle(state, handle, &pool); \
    int ret = -1; \
    if (!vol) \
        goto cleanup

static int
testStorageVolDelete(virStorageVolPtr handle, unsigned int flags)
{
    virCheckFlags(0, -1);
    {
        VOL_BEGIN(handle);
        pool->def->allocation = pool->def->allocation > vol->allocation ? pool->def->allocation - vol->allocation : 0;
        pool->def->available = pool->def->capacity - pool->def->allocation;
        g_ptr_array_remove(pool->vols, vol);
        ret = 0;
        POOL_END;
    }
}

static int
testStorageVolGetInfo(virStorageVolPtr handle, virStorageVolInfoPtr info)
{
    VOL_BEGIN(handle);
    memset(info, 0, sizeof(*info));
    info->type = virStoragePoolTypeHasFileVolumes(pool->def->type) ? VIR_STORAGE_VOL_FILE : VIR_STORAGE_VOL_BLOCK;
    info->capacity = vol->capacity;
    info->allocation = vol->allocation;
    ret = 0;
    POOL_END;
}

static char *
testStorageVolGetXMLDesc(virStorageVolPtr handle, unsigned int flags)
{
    testDriver *driver;
    testStorageState *state;
    testStorageVol *vol;
    char *ret = NULL;

    virCheckFlags(0, NULL);
    state = testStorageLock(handle->conn, &driver);
    if ((vol = testStorageVolFromHandle(state, handle, NULL)))
        ret = virStorageVolDefFormat(vol);
    testStorageUnlock(driver);
    return ret;
}

static char *
testStorageVolGetPath(virStorageVolPtr handle)
{
    testDriver *driver;
    testStorageState *state = testStorageLock(handle->conn, &driver);
    testStorageVol *vol;
    char *ret = NULL;

    if ((vol = testStorageVolFromHandle(state, handle, NULL)))
        ret = strdup(vol->key);
    testStorageUnlock(driver);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Source discovery                                                   */

static char *
testConnectFindStoragePoolSources(virConnectPtr conn G_GNUC_UNUSED, const char *type,
                                  const char *srcSpec, unsigned int flags)
{
    g_autoptr(GPtrArray) hosts = NULL;
    virStorageHost *host;
    GString *buf;
    int pooltype;

    virCheckFlags(0, NULL);
    pooltype = virStoragePoolTypeFromString(type);
    /* libvirt's test driver takes "dir" (type 0) for an unknown name */
    if (pooltype == VIR_STORAGE_POOL_TYPE_DIR) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unknown storage pool type %s"), type);
        return NULL;
    }
    if (pooltype == VIR_STORAGE_POOL_TYPE_LOGICAL) {
        return strdup("<sources>\n"
                      "  <source>\n"
                      "    <device path='/dev/sda20'/>\n"
                      "    <name>testvg1</name>\n"
                      "    <format type='lvm2'/>\n"
                      "  </source>\n"
                      "  <source>\n"
                      "    <device path='/dev/sda21'/>\n"
                      "    <name>testvg2</name>\n"
                      "    <format type='lvm2'/>\n"
                      "  </source>\n"
                      "</sources>\n");
    }
    if (pooltype != VIR_STORAGE_POOL_TYPE_NETFS) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("pool type '%s' does not support source discovery"), type);
        return NULL;
    }
    if (!srcSpec) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("hostname must be specified for netfs sources"));
        return NULL;
    }
    /* only the hosts of the <source> specification matter */
    if (!(hosts = virStorageSourceSpecHosts(srcSpec)))
        return NULL;
    /* libvirt's test driver crashes without a host; refuse instead */
    if (hosts->len == 0 || !(host = g_ptr_array_index(hosts, 0))->name) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("hostname must be specified for netfs sources"));
        return NULL;
    }
    buf = g_string_new("<sources>\n  <source>\n    <host name='");
    virStorageXMLEscape(buf, host->name);
    g_string_append(buf, "'/>\n    <dir path='/testshare'/>\n"
                         "    <format type='nfs'/>\n  </source>\n</sources>\n");
    return g_string_free(buf, FALSE);
}

/* ------------------------------------------------------------------ */
/* Not supported                                                      */

/* libvirt's test driver has no slot for these; libvirt then reports "not
 * supported" from the storage error domain, while virtkit's generated
 * entry points of virConnect methods use no domain.  Reporting it here
 * gives the application libvirt's exact error. */
#define TEST_STORAGE_NO_SUPPORT(func) \
    virReportErrorHelper(VIR_FROM_STORAGE, VIR_ERR_NO_SUPPORT, __FILE__, __func__, \
                         __LINE__, "%s", func)

static char *
testConnectGetStoragePoolCapabilities(virConnectPtr conn G_GNUC_UNUSED,
                                      unsigned int flags G_GNUC_UNUSED)
{
    TEST_STORAGE_NO_SUPPORT("virConnectGetStoragePoolCapabilities");
    return NULL;
}

static virStoragePoolPtr
testStoragePoolLookupByTargetPath(virConnectPtr conn G_GNUC_UNUSED,
                                  const char *path G_GNUC_UNUSED)
{
    TEST_STORAGE_NO_SUPPORT("virStoragePoolLookupByTargetPath");
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Registration                                                       */

static virStorageDriver testStorageDriver = {
    .name = "Test",
    .connectNumOfStoragePools = testConnectNumOfStoragePools,
    .connectListStoragePools = testConnectListStoragePools,
    .connectNumOfDefinedStoragePools = testConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = testConnectListDefinedStoragePools,
    .connectListAllStoragePools = testConnectListAllStoragePools,
    .connectFindStoragePoolSources = testConnectFindStoragePoolSources,
    .storagePoolLookupByName = testStoragePoolLookupByName,
    .storagePoolLookupByUUID = testStoragePoolLookupByUUID,
    .storagePoolLookupByUUIDString = testStoragePoolLookupByUUIDString,
    .storagePoolLookupByVolume = testStoragePoolLookupByVolume,
    .storagePoolCreateXML = testStoragePoolCreateXML,
    .storagePoolDefineXML = testStoragePoolDefineXML,
    .storagePoolBuild = testStoragePoolBuild,
    .storagePoolUndefine = testStoragePoolUndefine,
    .storagePoolCreate = testStoragePoolCreate,
    .storagePoolDestroy = testStoragePoolDestroy,
    .storagePoolDelete = testStoragePoolDelete,
    .storagePoolRefresh = testStoragePoolRefresh,
    .storagePoolGetInfo = testStoragePoolGetInfo,
    .storagePoolGetXMLDesc = testStoragePoolGetXMLDesc,
    .storagePoolGetAutostart = testStoragePoolGetAutostart,
    .storagePoolSetAutostart = testStoragePoolSetAutostart,
    .storagePoolIsActive = testStoragePoolIsActive,
    .storagePoolIsPersistent = testStoragePoolIsPersistent,
    .storagePoolNumOfVolumes = testStoragePoolNumOfVolumes,
    .storagePoolListVolumes = testStoragePoolListVolumes,
    .storagePoolListAllVolumes = testStoragePoolListAllVolumes,
    .storageVolLookupByName = testStorageVolLookupByName,
    .storageVolLookupByKey = testStorageVolLookupByKey,
    .storageVolLookupByPath = testStorageVolLookupByPath,
    .storageVolCreateXML = testStorageVolCreateXML,
    .storageVolCreateXMLFrom = testStorageVolCreateXMLFrom,
    .storageVolDelete = testStorageVolDelete,
    .storageVolGetInfo = testStorageVolGetInfo,
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc,
    .storageVolGetPath = testStorageVolGetPath,
    .connectGetStoragePoolCapabilities = testConnectGetStoragePoolCapabilities,
    .storagePoolLookupByTargetPath = testStoragePoolLookupByTargetPath,
};

void
testStorageRegister(virConnectDriver *cd, virHypervisorDriver *hv G_GNUC_UNUSED)
{
    cd->storageDriver = &testStorageDriver;
}

void
testStorageStateFree(void *opaque)
{
    testStorageState *state = opaque;

    if (!state)
        return;
    g_ptr_array_free(state->pools, TRUE);
    g_free(state);
}
