/*
 * virtkit-util.c: looking up the object a command names, as virsh does
 */
#include <stdlib.h>
#include <string.h>

#include "virtkit-cmds.h"

static const char *
virtkitOptName(vshControl *ctl, const vshCmd *cmd, const char *optname, const char **name)
{
    const char *value = NULL;

    if (vshCommandOptStringReq(ctl, cmd, optname, &value) <= 0)
        return NULL;
    if (name)
        *name = value;
    return value;
}

static bool
virtkitLooksLikeUUID(const char *s)
{
    return strlen(s) == VIR_UUID_STRING_BUFLEN - 1;
}

virDomainPtr
virtkitCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name)
{
    const char *n = virtkitOptName(ctl, cmd, optname ? optname : "domain", name);
    virConnectPtr conn = vshConnection(ctl);
    virDomainPtr dom = NULL;
    char *end = NULL;
    long id;

    if (!n || !conn)
        return NULL;
    id = strtol(n, &end, 10);
    if (*n && !*end && id >= 0 && id <= G_MAXINT)
        dom = virDomainLookupByID(conn, (int)id);
    if (!dom && virtkitLooksLikeUUID(n))
        dom = virDomainLookupByUUIDString(conn, n);
    if (!dom)
        dom = virDomainLookupByName(conn, n);
    vshResetLibvirtError();
    if (!dom)
        vshError(ctl, "failed to get domain '%s'", n);
    return dom;
}

/* The object an option names by UUID or name, looked up with BYUUID and
 * BYNAME; NULL after "error: failed to get WHAT 'X'". */
static void *
virtkitLookupUUIDOrName(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name, void *(*byUUID)(virConnectPtr, const char *),
                        void *(*byName)(virConnectPtr, const char *), const char *what)
{
    const char *n = virtkitOptName(ctl, cmd, optname, name);
    virConnectPtr conn = vshConnection(ctl);
    void *obj = NULL;

    if (!n || !conn)
        return NULL;
    if (virtkitLooksLikeUUID(n))
        obj = byUUID(conn, n);
    if (!obj)
        obj = byName(conn, n);
    vshResetLibvirtError();
    if (!obj)
        vshError(ctl, "failed to get %s '%s'", what, n);
    return obj;
}

virNetworkPtr
virtkitCommandOptNetwork(vshControl *ctl, const vshCmd *cmd, const char *optname,
                         const char **name)
{
    return virtkitLookupUUIDOrName(ctl, cmd, optname ? optname : "network", name,
                                   (void *(*)(virConnectPtr, const char *))virNetworkLookupByUUIDString,
                                   (void *(*)(virConnectPtr, const char *))virNetworkLookupByName,
                                   "network");
}

virStoragePoolPtr
virtkitCommandOptPool(vshControl *ctl, const vshCmd *cmd, const char *optname,
                      const char **name)
{
    const char *n = virtkitOptName(ctl, cmd, optname ? optname : "pool", name);
    virConnectPtr conn = vshConnection(ctl);
    virStoragePoolPtr pool = NULL;

    if (!n || !conn)
        return NULL;
    /* as virsh: by UUID when it looks like one, then by name; libvirt's
     * error of the last lookup stays for the core to print */
    if (virtkitLooksLikeUUID(n))
        pool = virStoragePoolLookupByUUIDString(conn, n);
    if (!pool)
        pool = virStoragePoolLookupByName(conn, n);
    if (!pool) {
        vshError(ctl, "failed to get pool '%s'", n);
        /* libvirt's reason now: freeing handles on the way out resets it */
        vshReportError(ctl);
    }
    return pool;
}

virStorageVolPtr
virtkitCommandOptVol(vshControl *ctl, const vshCmd *cmd, const char *optname,
                     const char *pooloptname, const char **name)
{
    const char *poolopt = pooloptname ? pooloptname : "pool";
    const char *n = virtkitOptName(ctl, cmd, optname ? optname : "vol", name);
    const char *poolname = vshCommandOptStringQuiet(cmd, poolopt);
    virConnectPtr conn = vshConnection(ctl);
    g_autoptr(virStoragePool) pool = NULL;
    virStorageVolPtr vol = NULL;

    if (!n || !conn)
        return NULL;
    if (poolname) {
        if (!(pool = virtkitCommandOptPool(ctl, cmd, poolopt, NULL)))
            return NULL;
        if (virStoragePoolIsActive(pool) != 1) {
            vshResetLibvirtError();
            vshError(ctl, "pool '%s' is not active", poolname);
            return NULL;
        }
        vol = virStorageVolLookupByName(pool, n);
    }
    if (!vol)
        vol = virStorageVolLookupByKey(conn, n);
    if (!vol)
        vol = virStorageVolLookupByPath(conn, n);
    if (!vol) {
        if (pool)
            vshError(ctl, "failed to get vol '%s'", n);
        else
            vshError(ctl, "failed to get vol '%s', specifying --%s might help", n, poolopt);
        vshReportError(ctl);
        return NULL;
    }
    if (pool) {
        g_autoptr(virStoragePool) volpool = virStoragePoolLookupByVolume(vol);

        if (!volpool || strcmp(virStoragePoolGetName(volpool), virStoragePoolGetName(pool)) != 0) {
            vshResetLibvirtError();
            vshError(ctl, "Requested volume '%s' is not in pool '%s'", n, poolname);
            virStorageVolFree(vol);
            return NULL;
        }
    }
    return vol;
}
