/*
 * migration.c: the order of the phases of a migration (migration.h,
 * docs/migration.md).
 *
 * Every phase is an internal entry point of libvirt-api.c, so it goes to
 * whatever driver is behind the handle: the QEMU driver in this process,
 * or the remote driver and then a daemon.  This file only decides which
 * phase runs next and which clean-up a failure needs.
 */
#include <string.h>

#include "datatypes.h"
#include "driver.h"
#include "migration.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

int
virMigrateParamsFromArgs(const char *dxml,
                         const char *dname,
                         const char *uri,
                         unsigned long bandwidth,
                         virTypedParameterPtr *ret_params,
                         int *ret_nparams)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;

    if ((dxml && virTypedParamsAddString(&params, &nparams, &maxparams,
                                         VIR_MIGRATE_PARAM_DEST_XML, dxml) < 0) ||
        (dname && virTypedParamsAddString(&params, &nparams, &maxparams,
                                          VIR_MIGRATE_PARAM_DEST_NAME, dname) < 0) ||
        (uri && virTypedParamsAddString(&params, &nparams, &maxparams,
                                        VIR_MIGRATE_PARAM_URI, uri) < 0) ||
        (bandwidth && virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                              VIR_MIGRATE_PARAM_BANDWIDTH, bandwidth) < 0)) {
        virTypedParamsFree(params, nparams);
        return -1;
    }
    *ret_params = params;
    *ret_nparams = nparams;
    return 0;
}

virDomainPtr
virMigrateWithArgs(virDomainPtr dom,
                   virConnectPtr dconn,
                   const char *dxml,
                   unsigned long flags,
                   const char *dname,
                   const char *uri,
                   unsigned long bandwidth,
                   virDomainPtr (*migrate3)(virDomainPtr dom,
                                            virConnectPtr dconn,
                                            virTypedParameterPtr params,
                                            unsigned int nparams,
                                            unsigned int flags))
{
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    virDomainPtr ret;

    if (virMigrateParamsFromArgs(dxml, dname, uri, bandwidth, &params, &nparams) < 0)
        return NULL;
    ret = migrate3(dom, dconn, params, nparams, flags);
    virTypedParamsFree(params, nparams);
    return ret;
}

/* PARAMS with NAME set to VALUE (replaced when present). */
static int
virMigrateParamsSetString(virTypedParameterPtr *params,
                          int *nparams,
                          const char *name,
                          const char *value)
{
    int maxparams = *nparams;
    int i;

    for (i = 0; i < *nparams; i++) {
        if (strcmp((*params)[i].field, name) == 0 &&
            (*params)[i].type == VIR_TYPED_PARAM_STRING) {
            g_free((*params)[i].value.s);
            (*params)[i].value.s = g_strdup(value);
            return 0;
        }
    }
    return virTypedParamsAddString(params, nparams, &maxparams, name, value);
}

/* Keep the first error across the clean-up phases. */
static virErrorPtr
virMigrateSaveError(virErrorPtr saved)
{
    if (saved)
        return saved;
    return virSaveLastError();
}

virDomainPtr
virMigrateRunPhases(virDomainPtr dom,
                    virConnectPtr dconn,
                    virTypedParameterPtr params,
                    int nparams,
                    unsigned int flags,
                    bool *ret_began)
{
    virTypedParameterPtr p = NULL;
    int np = 0;
    g_autofree char *xml = NULL;
    g_autofree char *cookieBegin = NULL;
    g_autofree char *cookiePrepare = NULL;
    g_autofree char *cookiePerform = NULL;
    g_autofree char *cookieFinish = NULL;
    g_autofree char *uri = NULL;
    virErrorPtr saved = NULL;
    virDomainPtr ddom = NULL;
    int cancelled;

    flags &= ~VIR_MIGRATE_PEER2PEER;
    if (ret_began)
        *ret_began = false;
    VIR_DEBUG("dom=%s dconn=%p flags=0x%x", dom->name, (void *)dconn, flags);

    xml = virDomainMigrateBegin3Params(dom, params, nparams, &cookieBegin, flags);
    if (!xml)
        return NULL;
    if (ret_began)
        *ret_began = true;

    /* the later phases see the XML Begin chose */
    virTypedParamsCopy(&p, params, nparams);
    np = p ? nparams : 0;
    if (virMigrateParamsSetString(&p, &np, VIR_MIGRATE_PARAM_DEST_XML, xml) < 0)
        goto confirm_cancel;

    if (virDomainMigratePrepare3Params(dconn, p, np, cookieBegin, &cookiePrepare,
                                       &uri, flags) < 0)
        goto confirm_cancel;
    if (uri && virMigrateParamsSetString(&p, &np, VIR_MIGRATE_PARAM_URI, uri) < 0) {
        saved = virMigrateSaveError(saved);
        cancelled = 1;
        goto finish;
    }

    cancelled = virDomainMigratePerform3Params(dom, NULL, p, np, cookiePrepare,
                                               &cookiePerform, flags) < 0;
    if (cancelled)
        saved = virMigrateSaveError(saved);

 finish:
    ddom = virDomainMigrateFinish3Params(dconn, p, np, cookiePerform, &cookieFinish,
                                         flags, cancelled);
    if (!ddom && !cancelled) {
        /* the guest did not come up there: it goes on here */
        saved = virMigrateSaveError(saved);
        cancelled = 1;
    }
    if (virDomainMigrateConfirm3Params(dom, p, np, cookieFinish, flags, cancelled) < 0 &&
        !cancelled) {
        /* the guest runs on the destination: a source that failed to
         * clean up is not a failed migration, only worth a warning */
        VIR_WARN("migration of '%s' succeeded but the source could not finish: %s",
                 dom->name, virGetLastErrorMessage());
    }
    goto cleanup;

 confirm_cancel:
    saved = virMigrateSaveError(saved);
    virDomainMigrateConfirm3Params(dom, p, np, cookiePrepare, flags, 1);

 cleanup:
    virTypedParamsFree(p, np);
    if (saved) {
        if (ddom) {
            virObjectUnrefHandle(ddom);
            ddom = NULL;
        }
        virSetError(saved);
        virFreeError(saved);
    } else if (!ddom) {
        /* (Finish reported it) */
    } else {
        virResetLastError();
    }
    return ddom;
}

virDomainPtr
virMigrateWithConnection(virDomainPtr dom,
                         virConnectPtr dconn,
                         virTypedParameterPtr params,
                         unsigned int nparams,
                         unsigned int flags)
{
    g_autofree char *cookie = NULL;
    const char *dname = NULL;

    if (!(flags & VIR_MIGRATE_PEER2PEER))
        return virMigrateRunPhases(dom, dconn, params, nparams, flags, NULL);
    if (virDomainMigratePerform3Params(dom, dconn->uristr, params, nparams,
                                       NULL, &cookie, flags) < 0)
        return NULL;
    if (virTypedParamsGetString(params, nparams, VIR_MIGRATE_PARAM_DEST_NAME, &dname) < 0)
        virResetLastError();
    return virDomainLookupByName(dconn, dname ? dname : dom->name);
}
