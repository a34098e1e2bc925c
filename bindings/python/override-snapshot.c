/*
 * override-snapshot.c: hand-written Python glue for the functions of
 * api/snapshot.xml marked override="python" (see libvirt-override.c).
 *
 * They are the calls whose libvirt-python shape is not the C signature:
 * name lists sized by asking for the count first (snapshotListNames,
 * listChildrenNames), lists of handles (listAllSnapshots, listAllChildren,
 * listAllCheckpoints), migration calls taking a destination connection or
 * a dict of typed parameters, and two getters libvirt-python lets return
 * None on failure instead of raising.  revertToSnapshot is a method of
 * virDomain in libvirt-python; its C half sits on virDomainSnapshot and
 * override-snapshot.py forwards to it.
 */
#include "libvirtmod.h"

#include <string.h>

/* The Python domain object handles listed from SELF should keep alive:
 * SELF when it is a domain, else the first domain among SELF's owners. */
static PyObject *
vkpy_snap_domain_owner(PyObject *self, int type)
{
    PyObject *cur;

    for (cur = self; cur; cur = ((vkpy_Handle *)cur)->owner) {
        if (PyObject_TypeCheck(cur, vkpy_base_types[VKPY_TYPE_virDomain]))
            return cur;
    }
    return vkpy_owner_for(self, type);
}

/* A Python list of N new handles of TYPE (the list takes them over; on
 * failure the rest are released with FREEFN). */
static PyObject *
vkpy_snap_handle_list(PyObject *self, int type, void **items, int n,
                      int (*freefn)(void *))
{
    PyObject *owner = vkpy_snap_domain_owner(self, type);
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; i < n; i++) {
        PyObject *h = list ? vkpy_wrap(type, items[i], owner) : NULL;

        if (!h) {
            freefn(items[i]);
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, h);
    }
    free(items);
    return list;
}

static int
vkpy_snap_free(void *p)
{
    return virDomainSnapshotFree(p);
}

static int
vkpy_ckpt_free(void *p)
{
    return virDomainCheckpointFree(p);
}

static int
vkpy_parse_flags(PyObject *args, PyObject *kwargs, const char *fmt,
                 unsigned int *flags)
{
    static char *kwlist[] = {"flags", NULL};

    *flags = 0;
    return PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, flags) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Snapshots and checkpoints                                          */

/* Ask COUNT how many names there are, then LIST for them. */
static PyObject *
vkpy_snap_names(void *ptr, unsigned int flags,
                int (*count)(void *, unsigned int),
                int (*list)(void *, char **, int, unsigned int),
                const char *countname, const char *listname)
{
    char **names;
    PyObject *ret;
    int n;

    Py_BEGIN_ALLOW_THREADS
    n = count(ptr, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise(countname);
    names = g_new0(char *, n + 1);
    Py_BEGIN_ALLOW_THREADS
    n = list(ptr, names, n, flags);
    Py_END_ALLOW_THREADS
    if (n < 0) {
        g_free(names);
        return vkpy_raise(listname);
    }
    ret = vkpy_str_list_steal(names, n);
    g_free(names);
    return ret;
}

static int
vkpy_snap_num(void *p, unsigned int flags)
{
    return virDomainSnapshotNum(p, flags);
}

static int
vkpy_snap_list_names(void *p, char **names, int n, unsigned int flags)
{
    return virDomainSnapshotListNames(p, names, n, flags);
}

static int
vkpy_snap_num_children(void *p, unsigned int flags)
{
    return virDomainSnapshotNumChildren(p, flags);
}

static int
vkpy_snap_list_children(void *p, char **names, int n, unsigned int flags)
{
    return virDomainSnapshotListChildrenNames(p, names, n, flags);
}

PyObject *
vkpy_virDomainSnapshotListNames(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags;

    if (vkpy_parse_flags(args, kwargs, "|I:snapshotListNames", &flags) < 0)
        return NULL;
    return vkpy_snap_names(vkpy_ptr(self), flags, vkpy_snap_num,
                           vkpy_snap_list_names, "virDomainSnapshotNum() failed",
                           "virDomainSnapshotListNames() failed");
}

PyObject *
vkpy_virDomainSnapshotListChildrenNames(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags;

    if (vkpy_parse_flags(args, kwargs, "|I:listChildrenNames", &flags) < 0)
        return NULL;
    return vkpy_snap_names(vkpy_ptr(self), flags, vkpy_snap_num_children,
                           vkpy_snap_list_children,
                           "virDomainSnapshotNumChildren() failed",
                           "virDomainSnapshotListChildrenNames() failed");
}

PyObject *
vkpy_virDomainListAllSnapshots(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainSnapshotPtr *snaps = NULL;
    unsigned int flags;
    int n;

    if (vkpy_parse_flags(args, kwargs, "|I:listAllSnapshots", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainListAllSnapshots(vkpy_ptr(self), &snaps, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainListAllSnapshots() failed");
    return vkpy_snap_handle_list(self, VKPY_TYPE_virDomainSnapshot, (void **)snaps,
                                 n, vkpy_snap_free);
}

PyObject *
vkpy_virDomainSnapshotListAllChildren(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainSnapshotPtr *snaps = NULL;
    unsigned int flags;
    int n;

    if (vkpy_parse_flags(args, kwargs, "|I:listAllChildren", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainSnapshotListAllChildren(vkpy_ptr(self), &snaps, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainSnapshotListAllChildren() failed");
    return vkpy_snap_handle_list(self, VKPY_TYPE_virDomainSnapshot, (void **)snaps,
                                 n, vkpy_snap_free);
}

PyObject *
vkpy_virDomainListAllCheckpoints(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainCheckpointPtr *list = NULL;
    unsigned int flags;
    int n;

    if (vkpy_parse_flags(args, kwargs, "|I:listAllCheckpoints", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainListAllCheckpoints(vkpy_ptr(self), &list, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainListAllCheckpoints() failed");
    return vkpy_snap_handle_list(self, VKPY_TYPE_virDomainCheckpoint, (void **)list,
                                 n, vkpy_ckpt_free);
}

PyObject *
vkpy_virDomainCheckpointListAllChildren(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainCheckpointPtr *list = NULL;
    unsigned int flags;
    int n;

    if (vkpy_parse_flags(args, kwargs, "|I:listAllChildren", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainCheckpointListAllChildren(vkpy_ptr(self), &list, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainCheckpointListAllChildren() failed");
    return vkpy_snap_handle_list(self, VKPY_TYPE_virDomainCheckpoint, (void **)list,
                                 n, vkpy_ckpt_free);
}

/* The C half of virDomain.revertToSnapshot(snap, flags): a method of the
 * snapshot, called by the Python glue. */
PyObject *
vkpy_virDomainRevertToSnapshot(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags;
    int rc;

    if (vkpy_parse_flags(args, kwargs, "|I:revertToSnapshot", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainRevertToSnapshot(vkpy_ptr(self), flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainRevertToSnapshot() failed");
    return PyLong_FromLong(rc);
}

/* ------------------------------------------------------------------ */
/* Migration                                                          */

/* The C connection behind DCONN (None gives NULL). */
static int
vkpy_dest_conn(PyObject *dconn, virConnectPtr *out)
{
    *out = NULL;
    if (!dconn || dconn == Py_None)
        return 0;
    if (!PyObject_TypeCheck(dconn, vkpy_base_types[VKPY_TYPE_virConnect])) {
        PyErr_SetString(PyExc_TypeError, "dconn must be a virConnect");
        return -1;
    }
    *out = vkpy_ptr(dconn);
    return 0;
}

/* The type libvirt-python gives each known migration parameter. */
static const struct {
    const char *name;
    int type;
} vkpy_migrate_param_types[] = {
    { "migrate_uri", VIR_TYPED_PARAM_STRING },
    { "destination_name", VIR_TYPED_PARAM_STRING },
    { "destination_xml", VIR_TYPED_PARAM_STRING },
    { "persistent_xml", VIR_TYPED_PARAM_STRING },
    { "bandwidth", VIR_TYPED_PARAM_ULLONG },
    { "bandwidth.postcopy", VIR_TYPED_PARAM_ULLONG },
    { "graphics_uri", VIR_TYPED_PARAM_STRING },
    { "listen_address", VIR_TYPED_PARAM_STRING },
    { "migrate_disks", VIR_TYPED_PARAM_STRING },
    { "disks_port", VIR_TYPED_PARAM_INT },
    { "disks_uri", VIR_TYPED_PARAM_STRING },
    { "compression", VIR_TYPED_PARAM_STRING },
    { "compression.mt.level", VIR_TYPED_PARAM_INT },
    { "compression.mt.threads", VIR_TYPED_PARAM_INT },
    { "compression.mt.dthreads", VIR_TYPED_PARAM_INT },
    { "compression.xbzrle.cache", VIR_TYPED_PARAM_ULLONG },
    { "compression.zlib.level", VIR_TYPED_PARAM_INT },
    { "compression.zstd.level", VIR_TYPED_PARAM_INT },
    { "auto_converge.initial", VIR_TYPED_PARAM_INT },
    { "auto_converge.increment", VIR_TYPED_PARAM_INT },
    { "parallel.connections", VIR_TYPED_PARAM_INT },
    { "tls.destination", VIR_TYPED_PARAM_STRING },
};

static int
vkpy_add_param(virTypedParameterPtr *params, int *n, int *max,
               const char *name, int type, PyObject *value)
{
    int rc = -1;

    if (type == VIR_TYPED_PARAM_STRING) {
        const char *s = PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : NULL;

        if (!s) {
            PyErr_Format(PyExc_TypeError, "parameter '%s' must be str", name);
            return -1;
        }
        rc = virTypedParamsAddString(params, n, max, name, s);
    } else if (type == VIR_TYPED_PARAM_INT) {
        long v = PyLong_AsLong(value);

        if (PyErr_Occurred())
            return -1;
        rc = virTypedParamsAddInt(params, n, max, name, (int)v);
    } else if (type == VIR_TYPED_PARAM_BOOLEAN) {
        rc = virTypedParamsAddBoolean(params, n, max, name, PyObject_IsTrue(value));
    } else if (type == VIR_TYPED_PARAM_DOUBLE) {
        double v = PyFloat_AsDouble(value);

        if (PyErr_Occurred())
            return -1;
        rc = virTypedParamsAddDouble(params, n, max, name, v);
    } else {
        unsigned long long v = PyLong_AsUnsignedLongLong(value);

        if (PyErr_Occurred())
            return -1;
        rc = virTypedParamsAddULLong(params, n, max, name, v);
    }
    if (rc < 0) {
        vkpy_raise("adding a typed parameter failed");
        return -1;
    }
    return 0;
}

/* DICT as migration parameters; a list value of a string parameter
 * becomes one entry per item, as libvirt-python does. */
static int
vkpy_migrate_params(PyObject *dict, virTypedParameterPtr *params, int *n)
{
    PyObject *key;
    PyObject *value;
    Py_ssize_t pos = 0;
    int max = 0;

    *params = NULL;
    *n = 0;
    if (!dict || dict == Py_None)
        return 0;
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "migration parameters must be a dict");
        return -1;
    }
    while (PyDict_Next(dict, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int type = -1;
        size_t i;

        if (!name) {
            PyErr_SetString(PyExc_TypeError, "parameter names must be str");
            goto error;
        }
        for (i = 0; i < G_N_ELEMENTS(vkpy_migrate_param_types); i++) {
            if (strcmp(vkpy_migrate_param_types[i].name, name) == 0)
                type = vkpy_migrate_param_types[i].type;
        }
        if (type < 0) {
            /* unknown to libvirt-python too: the value's own type */
            if (PyBool_Check(value))
                type = VIR_TYPED_PARAM_BOOLEAN;
            else if (PyUnicode_Check(value))
                type = VIR_TYPED_PARAM_STRING;
            else if (PyFloat_Check(value))
                type = VIR_TYPED_PARAM_DOUBLE;
            else
                type = VIR_TYPED_PARAM_ULLONG;
        }
        if (type == VIR_TYPED_PARAM_STRING && (PyList_Check(value) || PyTuple_Check(value))) {
            Py_ssize_t j;
            Py_ssize_t len = PySequence_Size(value);

            for (j = 0; j < len; j++) {
                PyObject *item = PySequence_GetItem(value, j);
                int rc = item ? vkpy_add_param(params, n, &max, name, type, item) : -1;

                Py_XDECREF(item);
                if (rc < 0)
                    goto error;
            }
            continue;
        }
        if (vkpy_add_param(params, n, &max, name, type, value) < 0)
            goto error;
    }
    return 0;

 error:
    virTypedParamsFree(*params, *n);
    *params = NULL;
    *n = 0;
    return -1;
}

static PyObject *
vkpy_migrated(virDomainPtr dom, PyObject *dconn, const char *what)
{
    if (!dom)
        return vkpy_raise(what);
    return vkpy_wrap(VKPY_TYPE_virDomain, dom, dconn);
}

PyObject *
vkpy_virDomainMigrate(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dconn", "flags", "dname", "uri", "bandwidth", NULL};
    PyObject *py_dconn = NULL;
    virConnectPtr dconn;
    unsigned long flags = 0;
    const char *dname = NULL;
    const char *uri = NULL;
    unsigned long bandwidth = 0;
    virDomainPtr ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|kzzk:migrate", kwlist,
                                     &py_dconn, &flags, &dname, &uri, &bandwidth) ||
        vkpy_dest_conn(py_dconn, &dconn) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virDomainMigrate(vkpy_ptr(self), dconn, flags, dname, uri, bandwidth);
    Py_END_ALLOW_THREADS
    return vkpy_migrated(ret, py_dconn, "virDomainMigrate() failed");
}

PyObject *
vkpy_virDomainMigrate2(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dconn", "dxml", "flags", "dname", "uri", "bandwidth", NULL};
    PyObject *py_dconn = NULL;
    virConnectPtr dconn;
    const char *dxml = NULL;
    unsigned long flags = 0;
    const char *dname = NULL;
    const char *uri = NULL;
    unsigned long bandwidth = 0;
    virDomainPtr ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|zkzzk:migrate2", kwlist,
                                     &py_dconn, &dxml, &flags, &dname, &uri,
                                     &bandwidth) ||
        vkpy_dest_conn(py_dconn, &dconn) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virDomainMigrate2(vkpy_ptr(self), dconn, dxml, flags, dname, uri,
                            bandwidth);
    Py_END_ALLOW_THREADS
    return vkpy_migrated(ret, py_dconn, "virDomainMigrate2() failed");
}

PyObject *
vkpy_virDomainMigrate3(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dconn", "params", "flags", NULL};
    PyObject *py_dconn = NULL;
    PyObject *py_params = NULL;
    virConnectPtr dconn;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    unsigned int flags = 0;
    virDomainPtr ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|I:migrate3", kwlist,
                                     &py_dconn, &py_params, &flags) ||
        vkpy_dest_conn(py_dconn, &dconn) < 0 ||
        vkpy_migrate_params(py_params, &params, &nparams) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virDomainMigrate3(vkpy_ptr(self), dconn, params, nparams, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, nparams);
    return vkpy_migrated(ret, py_dconn, "virDomainMigrate3() failed");
}

PyObject *
vkpy_virDomainMigrateToURI(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"duri", "flags", "dname", "bandwidth", NULL};
    const char *duri = NULL;
    unsigned long flags = 0;
    const char *dname = NULL;
    unsigned long bandwidth = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z|kzk:migrateToURI", kwlist,
                                     &duri, &flags, &dname, &bandwidth))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMigrateToURI(vkpy_ptr(self), duri, flags, dname, bandwidth);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainMigrateToURI() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainMigrateToURI2(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dconnuri", "miguri", "dxml", "flags", "dname",
                             "bandwidth", NULL};
    const char *dconnuri = NULL;
    const char *miguri = NULL;
    const char *dxml = NULL;
    unsigned long flags = 0;
    const char *dname = NULL;
    unsigned long bandwidth = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|zzzkzk:migrateToURI2", kwlist,
                                     &dconnuri, &miguri, &dxml, &flags, &dname,
                                     &bandwidth))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMigrateToURI2(vkpy_ptr(self), dconnuri, miguri, dxml, flags,
                                dname, bandwidth);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainMigrateToURI2() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainMigrateToURI3(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dconnuri", "params", "flags", NULL};
    const char *dconnuri = NULL;
    PyObject *py_params = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    unsigned int flags = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zO|I:migrateToURI3", kwlist,
                                     &dconnuri, &py_params, &flags) ||
        vkpy_migrate_params(py_params, &params, &nparams) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMigrateToURI3(vkpy_ptr(self), dconnuri, params, nparams, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, nparams);
    if (rc < 0)
        return vkpy_raise("virDomainMigrateToURI3() failed");
    return PyLong_FromLong(rc);
}

/* libvirt-python returns None from these two when the call fails (the
 * error is still recorded) rather than raising. */
PyObject *
vkpy_virDomainMigrateGetCompressionCache(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned long long size = 0;
    unsigned int flags;
    int rc;

    if (vkpy_parse_flags(args, kwargs, "|I:migrateGetCompressionCache", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMigrateGetCompressionCache(vkpy_ptr(self), &size, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_RETURN_NONE;
    return PyLong_FromUnsignedLongLong(size);
}

PyObject *
vkpy_virDomainMigrateGetMaxDowntime(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned long long downtime = 0;
    unsigned int flags;
    int rc;

    if (vkpy_parse_flags(args, kwargs, "|I:migrateGetMaxDowntime", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMigrateGetMaxDowntime(vkpy_ptr(self), &downtime, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_RETURN_NONE;
    return PyLong_FromUnsignedLongLong(downtime);
}
