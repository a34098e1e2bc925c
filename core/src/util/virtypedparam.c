/*
 * virtypedparam.c: arrays of named, typed values (virTypedParameter).
 *
 * Typed parameters carry open-ended settings and statistics through the
 * API (scheduler tunables, memory limits, migration options, stats).  The
 * public half (virTypedParamsGet*, virTypedParamsAdd*, Clear, Free) is
 * called by applications directly, outside any connection, so like
 * libvirt each of those resets the thread's last error on entry and
 * dispatches it to the global error callback on failure.  The internal
 * half (Validate, Assign, Copy) is used by drivers and only reports.
 *
 * Growth policy, lookups (first match wins, duplicates allowed on Add) and
 * the parsing rules of virTypedParamsAddFromString follow libvirt, because
 * callers observe them (maxparams, accepted spellings of booleans).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "virtypedparam.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static const char *const virTypedParameterTypeNames[] = {
    [VIR_TYPED_PARAM_INT] = "int",
    [VIR_TYPED_PARAM_UINT] = "uint",
    [VIR_TYPED_PARAM_LLONG] = "llong",
    [VIR_TYPED_PARAM_ULLONG] = "ullong",
    [VIR_TYPED_PARAM_DOUBLE] = "double",
    [VIR_TYPED_PARAM_BOOLEAN] = "boolean",
    [VIR_TYPED_PARAM_STRING] = "string",
};

const char *
virTypedParameterTypeToString(int type)
{
    if (type < VIR_TYPED_PARAM_INT || type > VIR_TYPED_PARAM_STRING)
        return NULL;
    return virTypedParameterTypeNames[type];
}

static const char *
virTypedParameterTypeName(int type)
{
    const char *name = virTypedParameterTypeToString(type);

    return name ? name : "unknown";
}

/* ---------------------------------------------------------------------
 * Internal helpers
 * ------------------------------------------------------------------- */

static int
virTypedParameterSetName(virTypedParameterPtr param, const char *name)
{
    if (!name) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing typed parameter name"));
        return -1;
    }
    if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("Field name '%s' too long"),
                       name);
        return -1;
    }
    g_strlcpy(param->field, name, VIR_TYPED_PARAM_FIELD_LENGTH);
    return 0;
}

static int
virTypedParameterAssignVa(virTypedParameterPtr param,
                          const char *name,
                          int type,
                          va_list ap)
{
    virTypedParameter value = { .type = type };

    switch ((virTypedParameterType)type) {
    case VIR_TYPED_PARAM_INT:
        value.value.i = va_arg(ap, int);
        break;
    case VIR_TYPED_PARAM_UINT:
        value.value.ui = va_arg(ap, unsigned int);
        break;
    case VIR_TYPED_PARAM_LLONG:
        value.value.l = va_arg(ap, long long);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        value.value.ul = va_arg(ap, unsigned long long);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        value.value.d = va_arg(ap, double);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        value.value.b = !!va_arg(ap, int);
        break;
    case VIR_TYPED_PARAM_STRING: {
        const char *s = va_arg(ap, const char *);
        value.value.s = g_strdup(s ? s : "");
        break;
    }
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected type %d for field %s"), type,
                       name ? name : "(null)");
        return -1;
    }

    if (virTypedParameterSetName(&value, name) < 0) {
        if (type == VIR_TYPED_PARAM_STRING)
            g_free(value.value.s);
        return -1;
    }
    *param = value;
    return 0;
}

int
virTypedParameterAssign(virTypedParameterPtr param,
                        const char *name,
                        int type,
                        ...)
{
    va_list ap;
    int ret;

    va_start(ap, type);
    ret = virTypedParameterAssignVa(param, name, type, ap);
    va_end(ap);
    return ret;
}

void
virTypedParamsCopy(virTypedParameterPtr *dst,
                   virTypedParameterPtr src,
                   int nparams)
{
    *dst = NULL;
    if (!src || nparams <= 0)
        return;
    *dst = g_new0(virTypedParameter, nparams);
    for (int i = 0; i < nparams; i++) {
        (*dst)[i] = src[i];
        if (src[i].type == VIR_TYPED_PARAM_STRING)
            (*dst)[i].value.s = g_strdup(src[i].value.s);
    }
}

typedef struct {
    const char *name;
    unsigned int type;   /* may carry VIR_TYPED_PARAM_MULTIPLE */
} virTypedParamKey;

static int
virTypedParamKeyCompare(const void *a, const void *b)
{
    return strcmp(((const virTypedParamKey *)a)->name,
                  ((const virTypedParamKey *)b)->name);
}

static int
virTypedParamPtrCompare(const void *a, const void *b)
{
    const virTypedParameter *pa = *(virTypedParameterPtr const *)a;
    const virTypedParameter *pb = *(virTypedParameterPtr const *)b;

    return strcmp(pa->field, pb->field);
}

int
virTypedParamsValidate(virTypedParameterPtr params, int nparams, ...)
{
    g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(virTypedParamKey));
    g_autofree virTypedParameterPtr *sorted = NULL;
    const char *name;
    va_list ap;

    va_start(ap, nparams);
    while ((name = va_arg(ap, const char *))) {
        virTypedParamKey key = { .name = name, .type = va_arg(ap, int) };
        g_array_append_val(keys, key);
    }
    va_end(ap);

    if (!params || nparams <= 0)
        return 0;

    g_array_sort(keys, virTypedParamKeyCompare);

    /* Check in name order so the parameter reported is the same one
     * libvirt reports when several are wrong. */
    sorted = g_new(virTypedParameterPtr, nparams);
    for (int i = 0; i < nparams; i++)
        sorted[i] = &params[i];
    qsort(sorted, nparams, sizeof(*sorted), virTypedParamPtrCompare);

    for (int i = 0; i < nparams; i++) {
        virTypedParamKey want = { .name = sorted[i]->field };
        const virTypedParamKey *key = bsearch(&want, keys->data, keys->len,
                                              sizeof(virTypedParamKey),
                                              virTypedParamKeyCompare);
        unsigned int type;

        if (!key) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("parameter '%s' not supported"),
                           sorted[i]->field);
            return -1;
        }
        type = key->type & ~VIR_TYPED_PARAM_MULTIPLE;

        if (i > 0 && strcmp(sorted[i - 1]->field, sorted[i]->field) == 0 &&
            !(key->type & VIR_TYPED_PARAM_MULTIPLE)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("parameter '%s' occurs multiple times"),
                           sorted[i]->field);
            return -1;
        }
        if ((unsigned int)sorted[i]->type != type) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("invalid type '%s' for parameter '%s', expected '%s'"),
                           virTypedParameterTypeName(sorted[i]->type),
                           sorted[i]->field,
                           virTypedParameterTypeName(type));
            return -1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Public: lookups
 * ------------------------------------------------------------------- */

virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params,
                  int nparams,
                  const char *name)
{
    virResetLastError();

    if (!params || !name)
        return NULL;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, name) == 0)
            return &params[i];
    }
    return NULL;
}

/* Find NAME and check it has type TYPE.  1 found, 0 absent, -1 wrong type
 * (reported and dispatched). */
static int
virTypedParamsFind(virTypedParameterPtr params,
                   int nparams,
                   const char *name,
                   int type,
                   virTypedParameterPtr *ret)
{
    virTypedParameterPtr param = virTypedParamsGet(params, nparams, name);

    if (!param)
        return 0;
    if (param->type != type) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Invalid type '%s' requested for parameter '%s', actual type is '%s'"),
                       virTypedParameterTypeName(type), name,
                       virTypedParameterTypeName(param->type));
        virDispatchError(NULL);
        return -1;
    }
    *ret = param;
    return 1;
}

#define VIR_TYPED_PARAMS_GETTER(suffix, ctype, typecode, member) \
    int \
    virTypedParamsGet ## suffix(virTypedParameterPtr params, \
                                int nparams, \
                                const char *name, \
                                ctype *value) \
    { \
        virTypedParameterPtr param = NULL; \
        int rc = virTypedParamsFind(params, nparams, name, typecode, &param); \
        if (rc <= 0) \
            return rc; \
        if (value) \
            *value = param->value.member; \
        return 1; \
    }

VIR_TYPED_PARAMS_GETTER(Int, int, VIR_TYPED_PARAM_INT, i)
VIR_TYPED_PARAMS_GETTER(UInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
VIR_TYPED_PARAMS_GETTER(LLong, long long, VIR_TYPED_PARAM_LLONG, l)
VIR_TYPED_PARAMS_GETTER(ULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)
VIR_TYPED_PARAMS_GETTER(Double, double, VIR_TYPED_PARAM_DOUBLE, d)
VIR_TYPED_PARAMS_GETTER(String, const char *, VIR_TYPED_PARAM_STRING, s)

int
virTypedParamsGetBoolean(virTypedParameterPtr params,
                         int nparams,
                         const char *name,
                         int *value)
{
    virTypedParameterPtr param = NULL;
    int rc = virTypedParamsFind(params, nparams, name,
                                VIR_TYPED_PARAM_BOOLEAN, &param);

    if (rc <= 0)
        return rc;
    if (value)
        *value = !!param->value.b;
    return 1;
}

/* ---------------------------------------------------------------------
 * Public: building arrays
 * ------------------------------------------------------------------- */

/* Make room for one more entry and return it (not yet counted).  The
 * allocation grows to exactly the size needed, as libvirt's does, so
 * *maxparams reads the same to callers. */
static virTypedParameterPtr
virTypedParamsGrow(virTypedParameterPtr *params, int *nparams, int *maxparams)
{
    if (*nparams >= *maxparams || !*params) {
        int newmax = MAX(*maxparams, *nparams + 1);
        *params = g_renew(virTypedParameter, *params, newmax);
        memset(*params + *nparams, 0,
               sizeof(virTypedParameter) * (newmax - *nparams));
        *maxparams = newmax;
    }
    return *params + *nparams;
}

static int
virTypedParamsCheckAddArgs(virTypedParameterPtr *params,
                           int *nparams,
                           int *maxparams,
                           const char *name,
                           const char *func)
{
    if (!params || !nparams || !maxparams || !name) {
        const char *argname = !params ? "params" : !nparams ? "nparams" :
                              !maxparams ? "maxparams" : "name";
        virReportInvalidArgHelper(VIR_FROM_THIS, __FILE__, func, __LINE__,
                                  argname, _("%s in %s must not be NULL"),
                                  argname, func);
        return -1;
    }
    return 0;
}

static int
virTypedParamsAddVa(virTypedParameterPtr *params,
                    int *nparams,
                    int *maxparams,
                    const char *func,
                    const char *name,
                    int type,
                    ...)
{
    virTypedParameterPtr slot;
    va_list ap;
    int rc;

    virResetLastError();
    if (virTypedParamsCheckAddArgs(params, nparams, maxparams, name, func) < 0)
        goto error;

    slot = virTypedParamsGrow(params, nparams, maxparams);
    va_start(ap, type);
    rc = virTypedParameterAssignVa(slot, name, type, ap);
    va_end(ap);
    if (rc < 0)
        goto error;
    (*nparams)++;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}

int
virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams,
                     int *maxparams, const char *name, int value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_INT, value);
}

int
virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams,
                      int *maxparams, const char *name, unsigned int value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_UINT, value);
}

int
virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams,
                       int *maxparams, const char *name, long long value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_LLONG, value);
}

int
virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name,
                        unsigned long long value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_ULLONG, value);
}

int
virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, double value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_DOUBLE, value);
}

int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value)
{
    return virTypedParamsAddVa(params, nparams, maxparams, __func__, name,
                               VIR_TYPED_PARAM_BOOLEAN, value);
}

int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, const char *value)
{
    virTypedParameterPtr slot;

    /* Not through virTypedParameterAssign: a NULL value stays NULL here,
     * as it does in libvirt. */
    virResetLastError();
    if (virTypedParamsCheckAddArgs(params, nparams, maxparams, name,
                                   __func__) < 0)
        goto error;
    slot = virTypedParamsGrow(params, nparams, maxparams);
    if (virTypedParameterSetName(slot, name) < 0)
        goto error;
    slot->type = VIR_TYPED_PARAM_STRING;
    slot->value.s = g_strdup(value);
    (*nparams)++;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}

int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            const char **values)
{
    virResetLastError();
    if (!values)
        return 0;
    for (size_t i = 0; values[i]; i++) {
        if (virTypedParamsAddString(params, nparams, maxparams, name,
                                    values[i]) < 0)
            return -1;
    }
    return 0;
}

/* Whole-string numeric parsing with libvirt's acceptance rules: base 10,
 * leading blanks allowed, nothing after the number. */
static gboolean
virTypedParamParseLLong(const char *s, long long *ret)
{
    char *end = NULL;
    long long val;

    errno = 0;
    val = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return FALSE;
    *ret = val;
    return TRUE;
}

static gboolean
virTypedParamParseULLong(const char *s, unsigned long long *ret)
{
    char *end = NULL;
    unsigned long long val;

    errno = 0;
    val = strtoull(s, &end, 10);
    if (errno || end == s || *end)
        return FALSE;
    *ret = val;
    return TRUE;
}

/* "-N" is accepted and wraps, so "-1" means UINT_MAX (libvirt does this
 * for unsigned int on every word size). */
static gboolean
virTypedParamParseUInt(const char *s, unsigned int *ret)
{
    unsigned long long val;

    if (!virTypedParamParseULLong(s, &val))
        return FALSE;
    if (strchr(s, '-')) {
        if (-val > UINT_MAX)
            return FALSE;
        val &= UINT_MAX;
    } else if (val > UINT_MAX) {
        return FALSE;
    }
    *ret = (unsigned int)val;
    return TRUE;
}

int
virTypedParamsAddFromString(virTypedParameterPtr *params,
                            int *nparams,
                            int *maxparams,
                            const char *name,
                            int type,
                            const char *value)
{
    virTypedParameter param = { .type = type };
    long long ll;
    unsigned long long ull;
    virTypedParameterPtr slot;

    virResetLastError();
    if (virTypedParamsCheckAddArgs(params, nparams, maxparams, name,
                                   __func__) < 0)
        goto error;
    if (!value) {
        virReportError(VIR_ERR_INVALID_ARG, _("NULL value for field '%s'"),
                       name);
        goto error;
    }

    switch ((virTypedParameterType)type) {
    case VIR_TYPED_PARAM_INT:
        if (!virTypedParamParseLLong(value, &ll) || ll < INT_MIN ||
            ll > INT_MAX) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid value for field '%s': expected int"),
                           name);
            goto error;
        }
        param.value.i = (int)ll;
        break;
    case VIR_TYPED_PARAM_UINT:
        if (!virTypedParamParseUInt(value, &param.value.ui)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid value for field '%s': expected unsigned int"),
                           name);
            goto error;
        }
        break;
    case VIR_TYPED_PARAM_LLONG:
        if (!virTypedParamParseLLong(value, &param.value.l)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid value for field '%s': expected long long"),
                           name);
            goto error;
        }
        break;
    case VIR_TYPED_PARAM_ULLONG:
        if (!virTypedParamParseULLong(value, &ull)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid value for field '%s': expected unsigned long long"),
                           name);
            goto error;
        }
        param.value.ul = ull;
        break;
    case VIR_TYPED_PARAM_DOUBLE: {
        char *end = NULL;
        errno = 0;
        param.value.d = g_ascii_strtod(value, &end);
        if (errno || end == value || *end) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid value for field '%s': expected double"),
                           name);
            goto error;
        }
        break;
    }
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(value, "true") == 0 ||
            strcmp(value, "1") == 0) {
            param.value.b = 1;
        } else if (g_ascii_strcasecmp(value, "false") == 0 ||
                   strcmp(value, "0") == 0) {
            param.value.b = 0;
        } else {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("Invalid boolean value for field '%s'"), name);
            goto error;
        }
        break;
    case VIR_TYPED_PARAM_STRING:
        break;
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unexpected type %d for field %s"), type, name);
        goto error;
    }

    if (virTypedParameterSetName(&param, name) < 0)
        goto error;
    if (type == VIR_TYPED_PARAM_STRING)
        param.value.s = g_strdup(value);

    slot = virTypedParamsGrow(params, nparams, maxparams);
    *slot = param;
    (*nparams)++;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}

/* ---------------------------------------------------------------------
 * Public: releasing
 * ------------------------------------------------------------------- */

void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;
    for (int i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}

void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    g_free(params);
}
