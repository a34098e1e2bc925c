/*
 * libvirt-override.c: the hand-written half of the Python extension.
 *
 * Two kinds of code live here: the small conversion helpers every
 * generated method uses (argument parsing, raising libvirtError, wrapping
 * handles), and the few functions api.xml marks override="python" because
 * their Python shape is not a mechanical translation of the C signature:
 * callbacks (openAuth, registerErrorHandler), typed parameters (scheduler
 * parameters as dicts), and return shapes libvirt-python chose by hand.
 */
#include "libvirtmod.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Helpers used by the generated code                                 */

static PyObject *libvirt_error_class;   /* libvirt.libvirtError */

PyObject *
vkpy_raise(const char *defmsg)
{
    PyObject *cls;
    PyObject *exc;

    if (PyErr_Occurred())
        return NULL;
    cls = libvirt_error_class ? libvirt_error_class : PyExc_RuntimeError;
    exc = PyObject_CallFunction(cls, "s", defmsg);
    if (exc) {
        PyErr_SetObject(cls, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *
vkpy_wrap(int type, void *ptr, PyObject *owner)
{
    PyTypeObject *cls = vkpy_classes[type];
    vkpy_Handle *h;

    if (!ptr)
        Py_RETURN_NONE;
    if (!(h = (vkpy_Handle *)cls->tp_alloc(cls, 0)))
        return NULL;
    h->ptr = ptr;
    h->owner = owner;
    Py_XINCREF(owner);
    return (PyObject *)h;
}

/* SELF or the first of its owners that is a TYPE, as a new reference;
 * NULL when there is none. */
static PyObject *
vkpy_find_owner(PyObject *self, int type)
{
    PyObject *cur = self;

    while (cur) {
        if (PyObject_TypeCheck(cur, vkpy_base_types[type]))
            return Py_NewRef(cur);
        cur = ((vkpy_Handle *)cur)->owner;
    }
    return NULL;
}

PyObject *
vkpy_owner_for(PyObject *self, int type)
{
    int parent = vkpy_parent_types[type];
    PyObject *owner;

    if (parent >= 0 && PyObject_TypeCheck(self, vkpy_base_types[parent]))
        owner = Py_NewRef(self);
    else
        owner = vkpy_find_owner(self, VKPY_TYPE_virConnect);
    /* vkpy_wrap takes its own reference */
    Py_XDECREF(owner);
    return owner;
}

PyObject *
vkpy_borrowed(PyObject *self, int type, void *ptr)
{
    PyObject *cur = self;
    int rc;

    if (!ptr)
        return vkpy_raise("the handle has no such object");
    for (; cur; cur = ((vkpy_Handle *)cur)->owner) {
        if (PyObject_TypeCheck(cur, vkpy_base_types[type]) &&
            ((vkpy_Handle *)cur)->ptr == ptr)
            return Py_NewRef(cur);
    }
    Py_BEGIN_ALLOW_THREADS
    rc = vkpy_ref_funcs[type](ptr);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("taking a reference failed");
    return vkpy_wrap(type, ptr, vkpy_owner_for(self, type));
}

PyObject *
vkpy_c_pointer(PyObject *self, PyObject *unused)
{
    return PyLong_FromVoidPtr(((vkpy_Handle *)self)->ptr);
}

PyObject *
vkpy_connect(PyObject *self, PyObject *unused)
{
    PyObject *conn = vkpy_find_owner(self, VKPY_TYPE_virConnect);

    if (!conn)
        Py_RETURN_NONE;
    return conn;
}

PyObject *
vkpy_str(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

PyObject *
vkpy_str_steal(char *s)
{
    PyObject *ret = vkpy_str(s);

    free(s);
    return ret;
}

PyObject *
vkpy_list(Py_ssize_t n, ...)
{
    PyObject *list = PyList_New(n);
    va_list ap;
    Py_ssize_t i;
    int failed = !list;

    va_start(ap, n);
    for (i = 0; i < n; i++) {
        PyObject *item = va_arg(ap, PyObject *);
        if (!item || failed) {
            failed = 1;
            Py_XDECREF(item);
            continue;
        }
        PyList_SET_ITEM(list, i, item);
    }
    va_end(ap);
    if (failed) {
        Py_XDECREF(list);
        return NULL;
    }
    return list;
}

PyObject *
vkpy_int_list(const int *v, int n)
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; list && i < n; i++) {
        PyObject *item = PyLong_FromLong(v[i]);
        if (!item) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

PyObject *
vkpy_str_list_steal(char **v, int n)
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; i < n; i++) {
        PyObject *item = list ? PyUnicode_FromString(v[i]) : NULL;
        free(v[i]);
        if (!item) {
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

int
vkpy_parse_args(const char *fname,
                PyObject *const *args,
                Py_ssize_t nargs,
                PyObject *kwnames,
                const char *const *kwlist,
                int nrequired,
                int ntotal,
                PyObject ***slots)
{
    Py_ssize_t i;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;

    if (nargs > ntotal) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d arguments (%zd given)",
                     fname, ntotal, nargs + nkw);
        return -1;
    }
    for (i = 0; i < nargs; i++)
        *slots[i] = args[i];
    for (i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        const char *k = PyUnicode_AsUTF8(key);
        int j;

        if (!k)
            return -1;
        for (j = 0; j < ntotal; j++) {
            if (strcmp(k, kwlist[j]) == 0)
                break;
        }
        if (j == ntotal) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'",
                         fname, k);
            return -1;
        }
        if (j < nargs) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'",
                         fname, k);
            return -1;
        }
        *slots[j] = args[nargs + i];
    }
    for (i = 0; i < nrequired; i++) {
        if (!*slots[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'",
                         fname, kwlist[i]);
            return -1;
        }
    }
    return 0;
}

int
vkpy_as_str(PyObject *o, const char **out)
{
    if (!o)
        return 0;
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %s", Py_TYPE(o)->tp_name);
        return -1;
    }
    return (*out = PyUnicode_AsUTF8(o)) ? 0 : -1;
}

int
vkpy_as_handle(PyObject *o, int type, void **out)
{
    if (!o || !PyObject_TypeCheck(o, vkpy_base_types[type])) {
        PyErr_Format(PyExc_TypeError, "expected a %s, got %s",
                     vkpy_base_types[type]->tp_name + strlen("libvirtmod."),
                     o ? Py_TYPE(o)->tp_name : "nothing");
        return -1;
    }
    *out = ((vkpy_Handle *)o)->ptr;
    return 0;
}

int
vkpy_as_str_or_none(PyObject *o, const char **out)
{
    if (!o || o == Py_None) {
        *out = NULL;
        return 0;
    }
    return vkpy_as_str(o, out);
}

int
vkpy_as_bytes(PyObject *o, Py_ssize_t len, const unsigned char **out)
{
    char *buf;
    Py_ssize_t n;

    if (PyBytes_AsStringAndSize(o, &buf, &n) < 0)
        return -1;
    if (n != len) {
        PyErr_Format(PyExc_ValueError, "expected %zd bytes, got %zd", len, n);
        return -1;
    }
    *out = (const unsigned char *)buf;
    return 0;
}

#define INT_CONVERTER(name, ctype, pyconv, lo, hi) \
    int \
    name(PyObject *o, ctype *out) \
    { \
        if (!o) \
            return 0; \
        if (!PyLong_Check(o)) { \
            PyErr_Format(PyExc_TypeError, "an integer is required, not %s", \
                         Py_TYPE(o)->tp_name); \
            return -1; \
        } \
        { \
            __typeof__(pyconv(o)) v = pyconv(o); \
            if (PyErr_Occurred()) \
                return -1; \
            if (v < (lo) || v > (hi)) { \
                PyErr_SetString(PyExc_OverflowError, "integer out of range"); \
                return -1; \
            } \
            *out = (ctype)v; \
        } \
        return 0; \
    }

INT_CONVERTER(vkpy_as_int, int, PyLong_AsLong, INT_MIN, INT_MAX)
INT_CONVERTER(vkpy_as_uint, unsigned int, PyLong_AsUnsignedLong, 0, UINT_MAX)
INT_CONVERTER(vkpy_as_long, long, PyLong_AsLong, LONG_MIN, LONG_MAX)
INT_CONVERTER(vkpy_as_ulong, unsigned long, PyLong_AsUnsignedLong, 0, ULONG_MAX)
INT_CONVERTER(vkpy_as_llong, long long, PyLong_AsLongLong, LLONG_MIN, LLONG_MAX)
INT_CONVERTER(vkpy_as_ullong, unsigned long long, PyLong_AsUnsignedLongLong, 0, ULLONG_MAX)

int
vkpy_as_double(PyObject *o, double *out)
{
    if (!o)
        return 0;
    *out = PyFloat_AsDouble(o);
    return PyErr_Occurred() ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Errors                                                             */

static PyObject *
vkpy_error_tuple(virErrorPtr err)
{
    if (!err)
        Py_RETURN_NONE;
    return Py_BuildValue("(iiNiNNNii)", err->code, err->domain,
                         vkpy_str(err->message), err->level,
                         vkpy_str(err->str1), vkpy_str(err->str2),
                         vkpy_str(err->str3), err->int1, err->int2);
}

PyObject *
vkpy_virGetLastError(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_error_tuple(virGetLastError());
}

PyObject *
vkpy_virConnGetLastError(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_error_tuple(virConnGetLastError(vkpy_ptr(self)));
}

static PyObject *py_error_handler;
static PyObject *py_error_ctx;

/* Called by the C library for every error, possibly from a thread that
 * released the GIL: take it back before touching Python. */
static void
vkpy_error_trampoline(void *opaque, virErrorPtr err)
{
    PyGILState_STATE st;
    PyObject *info;
    PyObject *ret;

    if (!err || err->code == VIR_ERR_OK)
        return;
    st = PyGILState_Ensure();
    if (!py_error_handler || py_error_handler == Py_None) {
        PyGILState_Release(st);
        virDefaultErrorFunc(err);
        return;
    }
    info = vkpy_error_tuple(err);
    ret = info ? PyObject_CallFunctionObjArgs(py_error_handler, py_error_ctx, info, NULL) : NULL;
    if (!ret)
        PyErr_Print();
    Py_XDECREF(ret);
    Py_XDECREF(info);
    PyGILState_Release(st);
}

PyObject *
vkpy_virSetErrorFunc(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"f", "ctx", NULL};
    PyObject *f;
    PyObject *ctx;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:registerErrorHandler", kwlist, &f, &ctx))
        return NULL;
    if (f != Py_None && !PyCallable_Check(f)) {
        PyErr_SetString(PyExc_TypeError, "registerErrorHandler: the handler must be callable");
        return NULL;
    }
    Py_XSETREF(py_error_handler, Py_NewRef(f));
    Py_XSETREF(py_error_ctx, Py_NewRef(ctx));
    return PyLong_FromLong(1);
}

/* ------------------------------------------------------------------ */
/* Connections                                                        */

PyObject *
vkpy_virGetVersion(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"name", NULL};
    const char *name = NULL;
    unsigned long libVer = 0;
    unsigned long typeVer = 0;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|z:getVersion", kwlist, &name))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = name ? virGetVersion(&libVer, name, &typeVer) : virGetVersion(&libVer, NULL, NULL);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        return vkpy_raise("virGetVersion() failed");
    if (name)
        return Py_BuildValue("(kk)", libVer, typeVer);
    return PyLong_FromUnsignedLong(libVer);
}

typedef struct {
    PyObject *callback;
    PyObject *cbdata;
} vkpy_AuthData;

static int
vkpy_auth_trampoline(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    vkpy_AuthData *ad = opaque;
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *list = PyList_New(ncred);
    PyObject *ret = NULL;
    int rc = -1;
    unsigned int i;

    if (!list)
        goto cleanup;
    for (i = 0; i < ncred; i++) {
        PyObject *item = Py_BuildValue("[iNNNO]", cred[i].type, vkpy_str(cred[i].prompt),
                                       vkpy_str(cred[i].challenge), vkpy_str(cred[i].defresult),
                                       Py_None);
        if (!item)
            goto cleanup;
        PyList_SET_ITEM(list, i, item);
    }
    if (!(ret = PyObject_CallFunctionObjArgs(ad->callback, list, ad->cbdata, NULL)))
        goto cleanup;
    rc = PyLong_Check(ret) ? (int)PyLong_AsLong(ret) : -1;
    if (rc < 0)
        goto cleanup;
    for (i = 0; i < ncred; i++) {
        PyObject *item = PyList_GetItem(list, i);
        PyObject *res = item && PyList_Check(item) && PyList_Size(item) > 4 ?
                        PyList_GetItem(item, 4) : NULL;
        const char *s;

        cred[i].result = NULL;
        cred[i].resultlen = 0;
        if (res && PyUnicode_Check(res) && (s = PyUnicode_AsUTF8(res))) {
            cred[i].result = strdup(s);
            cred[i].resultlen = strlen(s);
        }
    }

 cleanup:
    if (PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(ret);
    Py_XDECREF(list);
    PyGILState_Release(st);
    return rc;
}

PyObject *
vkpy_virConnectOpenAuth(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"uri", "auth", "flags", NULL};
    const char *uri = NULL;
    PyObject *pyauth;
    unsigned int flags = 0;
    virConnectAuth auth = {0};
    vkpy_AuthData ad = {0};
    g_autofree int *credtypes = NULL;
    virConnectPtr conn;
    Py_ssize_t i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zO|I:openAuth", kwlist, &uri, &pyauth, &flags))
        return NULL;
    if (!PyList_Check(pyauth) || PyList_Size(pyauth) < 2) {
        PyErr_SetString(PyExc_TypeError, "openAuth: auth must be [credtypes, callback, cbdata]");
        return NULL;
    }
    {
        PyObject *types = PyList_GetItem(pyauth, 0);
        Py_ssize_t n = PySequence_Size(types);

        if (n < 0)
            return NULL;
        credtypes = g_new0(int, n + 1);
        for (i = 0; i < n; i++) {
            PyObject *t = PySequence_GetItem(types, i);
            credtypes[i] = t ? (int)PyLong_AsLong(t) : 0;
            Py_XDECREF(t);
            if (PyErr_Occurred())
                return NULL;
        }
        auth.credtype = credtypes;
        auth.ncredtype = n;
    }
    ad.callback = PyList_GetItem(pyauth, 1);
    ad.cbdata = PyList_Size(pyauth) > 2 ? PyList_GetItem(pyauth, 2) : Py_None;
    if (ad.callback && ad.callback != Py_None) {
        auth.cb = vkpy_auth_trampoline;
        auth.cbdata = &ad;
    }
    Py_BEGIN_ALLOW_THREADS
    conn = virConnectOpenAuth(uri, &auth, flags);
    Py_END_ALLOW_THREADS
    if (!conn)
        return vkpy_raise("virConnectOpenAuth() failed");
    return vkpy_wrap(VKPY_TYPE_virConnect, conn, NULL);
}

PyObject *
vkpy_virConnectClose(PyObject *self, PyObject *args, PyObject *kwargs)
{
    vkpy_Handle *h = (vkpy_Handle *)self;
    void *ptr = h->ptr;
    int ret;

    h->ptr = NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virConnectClose(ptr);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        return vkpy_raise("virConnectClose() failed");
    return PyLong_FromLong(ret);
}

PyObject *
vkpy_virNodeGetInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virNodeInfo info;
    int ret;

    memset(&info, 0, sizeof(info));
    Py_BEGIN_ALLOW_THREADS
    ret = virNodeGetInfo(vkpy_ptr(self), &info);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        return vkpy_raise("virNodeGetInfo() failed");
    /* libvirt-python reports the memory in MiB */
    return Py_BuildValue("[skIIIIII]", info.model, info.memory >> 10, info.cpus,
                         info.mhz, info.nodes, info.sockets, info.cores, info.threads);
}

PyObject *
vkpy_virConnectListAllDomains(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virDomainPtr *doms = NULL;
    PyObject *list;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:listAllDomains", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectListAllDomains(vkpy_ptr(self), &doms, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectListAllDomains() failed");
    list = PyList_New(n);
    for (i = 0; i < n; i++) {
        PyObject *d = list ? vkpy_wrap(VKPY_TYPE_virDomain, doms[i], self) : NULL;
        if (!d) {
            virDomainFree(doms[i]);
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, d);
    }
    free(doms);
    return list;
}

/* ------------------------------------------------------------------ */
/* Domains                                                            */

/* libvirt-python returns -1 (not 2**32-1) for an inactive domain, and
 * never raises. */
PyObject *
vkpy_virDomainGetID(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int id;

    Py_BEGIN_ALLOW_THREADS
    id = virDomainGetID(vkpy_ptr(self));
    Py_END_ALLOW_THREADS
    return PyLong_FromLong((int)id);
}

PyObject *
vkpy_virDomainGetSchedulerType(PyObject *self, PyObject *args, PyObject *kwargs)
{
    int nparams = 0;
    char *type;

    Py_BEGIN_ALLOW_THREADS
    type = virDomainGetSchedulerType(vkpy_ptr(self), &nparams);
    Py_END_ALLOW_THREADS
    if (!type)
        return vkpy_raise("virDomainGetSchedulerType() failed");
    return Py_BuildValue("(Ni)", vkpy_str_steal(type), nparams);
}

PyObject *
vkpy_params_to_dict(virTypedParameterPtr params, int n)
{
    PyObject *dict = PyDict_New();
    int i;

    for (i = 0; dict && i < n; i++) {
        PyObject *v;

        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT:
            v = PyLong_FromLong(params[i].value.i);
            break;
        case VIR_TYPED_PARAM_UINT:
            v = PyLong_FromUnsignedLong(params[i].value.ui);
            break;
        case VIR_TYPED_PARAM_LLONG:
            v = PyLong_FromLongLong(params[i].value.l);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            v = PyLong_FromUnsignedLongLong(params[i].value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            v = PyFloat_FromDouble(params[i].value.d);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            v = PyBool_FromLong(params[i].value.b);
            break;
        case VIR_TYPED_PARAM_STRING:
            v = vkpy_str(params[i].value.s);
            break;
        default:
            continue;
        }
        if (!v || PyDict_SetItemString(dict, params[i].field, v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    return dict;
}

static PyObject *
vkpy_get_sched_params(PyObject *self, int use_flags, unsigned int flags)
{
    virDomainPtr dom = vkpy_ptr(self);
    virTypedParameterPtr params;
    PyObject *ret;
    char *type;
    int nparams = 0;
    int rc;

    Py_BEGIN_ALLOW_THREADS
    type = virDomainGetSchedulerType(dom, &nparams);
    Py_END_ALLOW_THREADS
    if (!type)
        return vkpy_raise("virDomainGetSchedulerType() failed");
    free(type);
    params = g_new0(virTypedParameter, nparams ? nparams : 1);
    Py_BEGIN_ALLOW_THREADS
    /* like libvirt-python, accept string parameters when asking with flags */
    rc = use_flags ? virDomainGetSchedulerParametersFlags(dom, params, &nparams,
                                                          flags | VIR_TYPED_PARAM_STRING_OKAY)
                   : virDomainGetSchedulerParameters(dom, params, &nparams);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(params);
        return vkpy_raise(use_flags ? "virDomainGetSchedulerParametersFlags() failed"
                                    : "virDomainGetSchedulerParameters() failed");
    }
    ret = vkpy_params_to_dict(params, nparams);
    virTypedParamsClear(params, nparams);
    g_free(params);
    return ret;
}

PyObject *
vkpy_virDomainGetSchedulerParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_get_sched_params(self, 0, 0);
}

PyObject *
vkpy_virDomainGetSchedulerParametersFlags(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:schedulerParametersFlags", kwlist, &flags))
        return NULL;
    return vkpy_get_sched_params(self, 1, flags);
}

/* PARAMS from DICT, each value converted to the type HINTS gives its name.
 * A name HINTS does not know raises LookupError (as libvirt-python does
 * for a name the getter did not return), or with GUESS gets the type of
 * its Python value (as libvirt-python's hint-based conversion does: str,
 * bool, int as unsigned long long unless negative, float). */
int
vkpy_dict_to_params(PyObject *dict, const vkpy_ParamHint *hints, bool guess,
                     virTypedParameterPtr *ret_params, int *ret_n)
{
    virTypedParameterPtr params = NULL;
    int n = 0;
    PyObject *key;
    PyObject *value;
    Py_ssize_t pos = 0;

    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "parameters must be a dict");
        return -1;
    }
    while (PyDict_Next(dict, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        const vkpy_ParamHint *h;
        int type;
        int rc = -1;

        if (!name) {
            PyErr_SetString(PyExc_TypeError, "parameter names must be str");
            goto error;
        }
        for (h = hints; h->name; h++) {
            if (strcmp(h->name, name) == 0)
                break;
        }
        type = h->type;
        if (!h->name && guess) {
            type = -1;
            if (PyUnicode_Check(value)) {
                type = VIR_TYPED_PARAM_STRING;
            } else if (PyBool_Check(value)) {
                type = VIR_TYPED_PARAM_BOOLEAN;
            } else if (PyLong_Check(value)) {
                type = VIR_TYPED_PARAM_ULLONG;
                if (PyLong_AsUnsignedLongLong(value) == (unsigned long long)-1 &&
                    PyErr_Occurred()) {
                    PyErr_Clear();
                    type = VIR_TYPED_PARAM_LLONG;
                }
            } else if (PyFloat_Check(value)) {
                type = VIR_TYPED_PARAM_DOUBLE;
            }
            if (type < 0) {
                PyErr_Format(PyExc_TypeError, "Unknown type of \"%s\" field", name);
                goto error;
            }
        } else if (!h->name) {
            PyErr_Format(PyExc_LookupError,
                         "Attribute name \"%s\" could not be recognized", name);
            goto error;
        }
        switch (type) {
        case VIR_TYPED_PARAM_INT:
            rc = virTypedParamsAddInt(&params, &n, &(int){0}, name, (int)PyLong_AsLong(value));
            break;
        case VIR_TYPED_PARAM_UINT: {
            unsigned long v = PyLong_AsUnsignedLong(value);

            if (!PyErr_Occurred() && v > UINT_MAX)
                PyErr_SetString(PyExc_OverflowError,
                                "Python int too large to convert to C unsigned int");
            rc = virTypedParamsAddUInt(&params, &n, &(int){0}, name, (unsigned int)v);
            break;
        }
        case VIR_TYPED_PARAM_LLONG:
            rc = virTypedParamsAddLLong(&params, &n, &(int){0}, name, PyLong_AsLongLong(value));
            break;
        case VIR_TYPED_PARAM_ULLONG:
            rc = virTypedParamsAddULLong(&params, &n, &(int){0}, name,
                                         PyLong_AsUnsignedLongLong(value));
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            rc = virTypedParamsAddDouble(&params, &n, &(int){0}, name, PyFloat_AsDouble(value));
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            rc = virTypedParamsAddBoolean(&params, &n, &(int){0}, name, PyObject_IsTrue(value));
            break;
        case VIR_TYPED_PARAM_STRING: {
            const char *s = PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : NULL;

            if (!s) {
                PyErr_Format(PyExc_TypeError, "parameter '%s' must be str", name);
                goto error;
            }
            rc = virTypedParamsAddString(&params, &n, &(int){0}, name, s);
            break;
        }
        }
        if (PyErr_Occurred())
            goto error;
        if (rc < 0) {
            vkpy_raise("cannot build the typed parameters");
            goto error;
        }
    }
    /* virTypedParamsAdd* grow the array by one each time, so the size
     * bookkeeping above is only a scratch variable */
    *ret_params = params;
    *ret_n = n;
    return 0;

 error:
    virTypedParamsFree(params, n);
    return -1;
}

static PyObject *
vkpy_set_sched_params(PyObject *self, PyObject *dict, int use_flags, unsigned int flags)
{
    virDomainPtr dom = vkpy_ptr(self);
    virTypedParameterPtr cur;
    virTypedParameterPtr params = NULL;
    char *type;
    int ncur = 0;
    int n = 0;
    int rc;

    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "scheduler parameters must be a dict");
        return NULL;
    }
    if (PyDict_Size(dict) == 0) {
        PyErr_SetString(PyExc_LookupError, "Need non-empty dictionary to set attributes");
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    type = virDomainGetSchedulerType(dom, &ncur);
    Py_END_ALLOW_THREADS
    if (!type)
        return vkpy_raise("virDomainGetSchedulerType() failed");
    free(type);
    cur = g_new0(virTypedParameter, ncur ? ncur : 1);
    Py_BEGIN_ALLOW_THREADS
    rc = use_flags ? virDomainGetSchedulerParametersFlags(dom, cur, &ncur, flags)
                   : virDomainGetSchedulerParameters(dom, cur, &ncur);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(cur);
        return vkpy_raise("virDomainGetSchedulerParameters() failed");
    }
    {
        /* the current parameters give the types, as in libvirt-python */
        g_autofree vkpy_ParamHint *hints = g_new0(vkpy_ParamHint, ncur + 1);
        int i;

        for (i = 0; i < ncur; i++) {
            hints[i].name = cur[i].field;
            hints[i].type = cur[i].type;
        }
        rc = vkpy_dict_to_params(dict, hints, false, &params, &n);
    }
    virTypedParamsClear(cur, ncur);
    g_free(cur);
    if (rc < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = use_flags ? virDomainSetSchedulerParametersFlags(dom, params, n, flags)
                   : virDomainSetSchedulerParameters(dom, params, n);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, n);
    if (rc < 0)
        return vkpy_raise(use_flags ? "virDomainSetSchedulerParametersFlags() failed"
                                    : "virDomainSetSchedulerParameters() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainSetSchedulerParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"params", NULL};
    PyObject *dict;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:setSchedulerParameters", kwlist, &dict))
        return NULL;
    return vkpy_set_sched_params(self, dict, 0, 0);
}

PyObject *
vkpy_virDomainSetSchedulerParametersFlags(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"params", "flags", NULL};
    PyObject *dict;
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:setSchedulerParametersFlags", kwlist,
                                     &dict, &flags))
        return NULL;
    return vkpy_set_sched_params(self, dict, 1, flags);
}

/* ------------------------------------------------------------------ */
/* Module setup                                                       */

static PyObject *
vkpy_set_error_class(PyObject *self, PyObject *cls)
{
    Py_XSETREF(libvirt_error_class, Py_NewRef(cls));
    Py_RETURN_NONE;
}

static PyMethodDef vkpy_override_methods[] = {
    {"_set_error_class", vkpy_set_error_class, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

int
vkpy_override_init(PyObject *module)
{
    PyObject *f = PyCFunction_New(&vkpy_override_methods[0], NULL);

    if (!f || PyModule_AddObject(module, "_set_error_class", f) < 0)
        return -1;
    /* Route library errors through Python's handler, as libvirt-python does;
     * without one registered they are printed by virDefaultErrorFunc. */
    virSetErrorFunc(NULL, vkpy_error_trampoline);
    return 0;
}
