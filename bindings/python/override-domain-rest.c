/*
 * override-domain-rest.c: hand-written Python glue for the functions of
 * api/domain-rest.xml marked override="python" (see libvirt-override.c).
 *
 * Each function takes the arguments libvirt-python's method takes and
 * returns the shape it returns: statistics and typed parameters as dicts,
 * cpumaps as tuples of booleans, statistics records as lists of
 * (virDomain, dict) pairs.  libvirt-python learns the types of the typed
 * parameters a setter takes by calling the matching getter first; here
 * each setter carries the table of the parameters libvirt defines for it,
 * so that setters do not depend on their getters.  Argument errors that
 * libvirt-python reports without a libvirt error (a keycode count that does
 * not match the list ...) raise libvirtError with the last error cleared,
 * as it does.
 */
#include "libvirtmod.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

/* libvirtError with no libvirt error behind it. */
static PyObject *
vkpy_raise_plain(const char *msg)
{
    virResetLastError();
    return vkpy_raise(msg);
}

/* The C handle of the Python object O of TYPE, or NULL with TypeError. */
static void *
vkpy_handle_of(PyObject *o, int type, const char *what)
{
    if (!PyObject_TypeCheck(o, vkpy_base_types[type])) {
        PyErr_Format(PyExc_TypeError, "%s must be a %s", what,
                     vkpy_base_types[type]->tp_name);
        return NULL;
    }
    return ((vkpy_Handle *)o)->ptr;
}

/* ------------------------------------------------------------------ */
/* Typed parameters                                                   */

static int
vkpy_dict_to_tp(PyObject *dict, const vkpy_ParamHint *hints,
                virTypedParameterPtr *ret_params, int *ret_n)
{
    return vkpy_dict_to_params(dict, hints, false, ret_params, ret_n);
}

/* Parse (params, flags=0) of a domain or connection setter and call SET. */
typedef int (*vkpy_SetFunc)(void *obj, virTypedParameterPtr params, int n,
                            unsigned int flags);

/* EMPTYOK: an empty dictionary goes to C as no parameters (the newer
 * setters); otherwise it is refused as libvirt-python's older ones do. */
static PyObject *
vkpy_tp_set(PyObject *self, PyObject *args, PyObject *kwargs,
            const char *fmt, const vkpy_ParamHint *hints, vkpy_SetFunc set,
            const char *cname, bool emptyOk)
{
    static char *kwlist[] = {"params", "flags", NULL};
    PyObject *dict;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &dict, &flags))
        return NULL;
    if (!emptyOk && PyDict_Check(dict) && PyDict_Size(dict) == 0) {
        PyErr_SetString(PyExc_LookupError, "Need non-empty dictionary to set attributes");
        return NULL;
    }
    if (vkpy_dict_to_tp(dict, hints, &params, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = set(vkpy_ptr(self), params, n, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, n);
    if (rc < 0)
        return vkpy_raise(cname);
    return PyLong_FromLong(rc);
}

static const vkpy_ParamHint vkpy_blkio_hints[] = {
    {VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_memory_hints[] = {
    {VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_MEMORY_MIN_GUARANTEE, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_numa_hints[] = {
    {VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT},
    {VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_perf_hints[] = {
    {VIR_PERF_PARAM_CMT, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_MBMT, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_MBML, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CPU_CYCLES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_INSTRUCTIONS, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CACHE_REFERENCES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CACHE_MISSES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_BRANCH_INSTRUCTIONS, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_BRANCH_MISSES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_BUS_CYCLES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_STALLED_CYCLES_BACKEND, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_REF_CPU_CYCLES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CPU_CLOCK, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_TASK_CLOCK, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_PAGE_FAULTS, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CONTEXT_SWITCHES, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_CPU_MIGRATIONS, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_PAGE_FAULTS_MIN, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_PAGE_FAULTS_MAJ, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_ALIGNMENT_FAULTS, VIR_TYPED_PARAM_BOOLEAN},
    {VIR_PERF_PARAM_EMULATION_FAULTS, VIR_TYPED_PARAM_BOOLEAN},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_bandwidth_hints[] = {
    {VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_OUT_PEAK, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_BANDWIDTH_OUT_BURST, VIR_TYPED_PARAM_UINT},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_iotune_hints[] = {
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, VIR_TYPED_PARAM_STRING},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_iothread_hints[] = {
    {VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG},
    {VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT},
    {VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, VIR_TYPED_PARAM_INT},
    {VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, VIR_TYPED_PARAM_INT},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_launch_hints[] = {
    {VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS, VIR_TYPED_PARAM_ULLONG},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_save_hints[] = {
    {VIR_DOMAIN_SAVE_PARAM_FILE, VIR_TYPED_PARAM_STRING},
    {VIR_DOMAIN_SAVE_PARAM_DXML, VIR_TYPED_PARAM_STRING},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_identity_hints[] = {
    {VIR_CONNECT_IDENTITY_USER_NAME, VIR_TYPED_PARAM_STRING},
    {VIR_CONNECT_IDENTITY_UNIX_USER_ID, VIR_TYPED_PARAM_ULLONG},
    {VIR_CONNECT_IDENTITY_GROUP_NAME, VIR_TYPED_PARAM_STRING},
    {VIR_CONNECT_IDENTITY_UNIX_GROUP_ID, VIR_TYPED_PARAM_ULLONG},
    {VIR_CONNECT_IDENTITY_PROCESS_ID, VIR_TYPED_PARAM_LLONG},
    {VIR_CONNECT_IDENTITY_PROCESS_TIME, VIR_TYPED_PARAM_ULLONG},
    {VIR_CONNECT_IDENTITY_SASL_USER_NAME, VIR_TYPED_PARAM_STRING},
    {VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME, VIR_TYPED_PARAM_STRING},
    {VIR_CONNECT_IDENTITY_SELINUX_CONTEXT, VIR_TYPED_PARAM_STRING},
    {NULL, 0},
};

static const vkpy_ParamHint vkpy_node_memory_hints[] = {
    {VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_TYPED_PARAM_UINT},
    {VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, VIR_TYPED_PARAM_UINT},
    {VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, VIR_TYPED_PARAM_UINT},
    {NULL, 0},
};

#define VKPY_SETTER(cfunc, pyname, hints, emptyOk) \
    static int \
    vkpy_call_##cfunc(void *obj, virTypedParameterPtr p, int n, unsigned int f) \
    { \
        return cfunc(obj, p, n, f); \
    } \
    PyObject * \
    vkpy_##cfunc(PyObject *self, PyObject *args, PyObject *kwargs) \
    { \
        return vkpy_tp_set(self, args, kwargs, "O|I:" pyname, hints, \
                           vkpy_call_##cfunc, #cfunc "() failed", emptyOk); \
    }

VKPY_SETTER(virDomainSetBlkioParameters, "setBlkioParameters", vkpy_blkio_hints, false)
VKPY_SETTER(virDomainSetMemoryParameters, "setMemoryParameters", vkpy_memory_hints, false)
VKPY_SETTER(virDomainSetNumaParameters, "setNumaParameters", vkpy_numa_hints, false)
VKPY_SETTER(virDomainSetPerfEvents, "setPerfEvents", vkpy_perf_hints, false)
VKPY_SETTER(virDomainSetLaunchSecurityState, "setLaunchSecurityState", vkpy_launch_hints, true)
VKPY_SETTER(virDomainSaveParams, "saveParams", vkpy_save_hints, true)
VKPY_SETTER(virDomainRestoreParams, "restoreParams", vkpy_save_hints, true)
VKPY_SETTER(virConnectSetIdentity, "setIdentity", vkpy_identity_hints, true)

/* libvirt-python asks the node's current parameters first (for their
 * types), so a driver without them fails on the getter. */
static int
vkpy_call_node_memory(void *conn, virTypedParameterPtr p, int n, unsigned int f)
{
    int ncur = 0;

    if (virNodeGetMemoryParameters(conn, NULL, &ncur, 0) < 0)
        return -1;
    return virNodeSetMemoryParameters(conn, p, n, f);
}

PyObject *
vkpy_virNodeSetMemoryParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_tp_set(self, args, kwargs, "O|I:setMemoryParameters", vkpy_node_memory_hints,
                       vkpy_call_node_memory, "virNodeSetMemoryParameters() failed", false);
}

/* setBlockIoTune(disk, params, flags), setInterfaceParameters(device, ...) */
typedef int (*vkpy_SetNamedFunc)(virDomainPtr dom, const char *name,
                                 virTypedParameterPtr params, int n,
                                 unsigned int flags);

static PyObject *
vkpy_tp_set_named(PyObject *self, PyObject *args, PyObject *kwargs,
                  const char *fmt, const char *argname,
                  const vkpy_ParamHint *hints, vkpy_SetNamedFunc set,
                  const char *cname)
{
    char *kwlist[] = {(char *)argname, "params", "flags", NULL};
    const char *name;
    PyObject *dict;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &name, &dict, &flags))
        return NULL;
    if (PyDict_Check(dict) && PyDict_Size(dict) == 0) {
        PyErr_SetString(PyExc_LookupError, "Need non-empty dictionary to set attributes");
        return NULL;
    }
    if (vkpy_dict_to_tp(dict, hints, &params, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = set(vkpy_ptr(self), name, params, n, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, n);
    if (rc < 0)
        return vkpy_raise(cname);
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainSetBlockIoTune(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_tp_set_named(self, args, kwargs, "sO|I:setBlockIoTune", "disk",
                             vkpy_iotune_hints, virDomainSetBlockIoTune,
                             "virDomainSetBlockIoTune() failed");
}

PyObject *
vkpy_virDomainSetInterfaceParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_tp_set_named(self, args, kwargs, "sO|I:setInterfaceParameters", "device",
                             vkpy_bandwidth_hints, virDomainSetInterfaceParameters,
                             "virDomainSetInterfaceParameters() failed");
}

PyObject *
vkpy_virDomainSetIOThreadParams(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"iothread_val", "params", "flags", NULL};
    unsigned int id;
    PyObject *dict;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "IO|I:setIOThreadParams", kwlist,
                                     &id, &dict, &flags))
        return NULL;
    if (vkpy_dict_to_params(dict, vkpy_iothread_hints, true, &params, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainSetIOThreadParams(vkpy_ptr(self), id, params, n, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, n);
    if (rc < 0)
        return vkpy_raise("virDomainSetIOThreadParams() failed");
    return PyLong_FromLong(rc);
}

/* (params, flags) getters with the usual ask-the-size-first protocol. */
PyObject *
vkpy_virNodeGetMemoryParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    PyObject *ret;
    int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:getMemoryParameters", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeGetMemoryParameters(vkpy_ptr(self), NULL, &n, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNodeGetMemoryParameters() failed");
    if (!n)
        return PyDict_New();
    params = g_new0(virTypedParameter, n);
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeGetMemoryParameters(vkpy_ptr(self), params, &n, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(params);
        return vkpy_raise("virNodeGetMemoryParameters() failed");
    }
    ret = vkpy_params_to_dict(params, n);
    virTypedParamsClear(params, n);
    g_free(params);
    return ret;
}

PyObject *
vkpy_virNodeGetSEVInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    PyObject *ret;
    int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:getSEVInfo", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeGetSEVInfo(vkpy_ptr(self), &params, &n, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNodeGetSEVInfo() failed");
    ret = vkpy_params_to_dict(params, n);
    virTypedParamsFree(params, n);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Host statistics                                                    */

PyObject *
vkpy_virNodeGetCPUStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"cpuNum", "flags", NULL};
    int cpuNum;
    unsigned int flags = 0;
    virNodeCPUStatsPtr stats = NULL;
    PyObject *dict;
    int n = 0;
    int rc;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|I:getCPUStats", kwlist, &cpuNum, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeGetCPUStats(vkpy_ptr(self), cpuNum, NULL, &n, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNodeGetCPUStats() failed");
    if (n) {
        stats = g_new0(virNodeCPUStats, n);
        Py_BEGIN_ALLOW_THREADS
        rc = virNodeGetCPUStats(vkpy_ptr(self), cpuNum, stats, &n, flags);
        Py_END_ALLOW_THREADS
        if (rc < 0) {
            g_free(stats);
            return vkpy_raise("virNodeGetCPUStats() failed");
        }
    }
    dict = PyDict_New();
    for (i = 0; dict && i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(stats[i].value);

        if (!v || PyDict_SetItemString(dict, stats[i].field, v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    g_free(stats);
    return dict;
}

PyObject *
vkpy_virNodeGetMemoryStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"cellNum", "flags", NULL};
    int cellNum;
    unsigned int flags = 0;
    virNodeMemoryStatsPtr stats = NULL;
    PyObject *dict;
    int n = 0;
    int rc;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|I:getMemoryStats", kwlist, &cellNum, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeGetMemoryStats(vkpy_ptr(self), cellNum, NULL, &n, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNodeGetMemoryStats() failed");
    if (n) {
        stats = g_new0(virNodeMemoryStats, n);
        Py_BEGIN_ALLOW_THREADS
        rc = virNodeGetMemoryStats(vkpy_ptr(self), cellNum, stats, &n, flags);
        Py_END_ALLOW_THREADS
        if (rc < 0) {
            g_free(stats);
            return vkpy_raise("virNodeGetMemoryStats() failed");
        }
    }
    dict = PyDict_New();
    for (i = 0; dict && i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(stats[i].value);

        if (!v || PyDict_SetItemString(dict, stats[i].field, v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    g_free(stats);
    return dict;
}

PyObject *
vkpy_virNodeGetCellsFreeMemory(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"startCell", "maxCells", NULL};
    int start;
    int max;
    unsigned long long *mems;
    PyObject *list;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "ii:getCellsFreeMemory", kwlist, &start, &max))
        return NULL;
    if (max == 0)
        return vkpy_raise_plain("virNodeGetCellsFreeMemory() failed");
    mems = g_new0(unsigned long long, max > 0 ? max : 1);
    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetCellsFreeMemory(vkpy_ptr(self), mems, start, max);
    Py_END_ALLOW_THREADS
    if (n < 0) {
        g_free(mems);
        return vkpy_raise("virNodeGetCellsFreeMemory() failed");
    }
    list = PyList_New(n);
    for (i = 0; list && i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(mems[i]);

        if (!v) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    g_free(mems);
    return list;
}

PyObject *
vkpy_virNodeGetFreePages(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"pages", "startCell", "maxCells", "flags", NULL};
    PyObject *pypages;
    int start;
    unsigned int cells;
    unsigned int flags = 0;
    g_autofree unsigned int *pages = NULL;
    g_autofree unsigned long long *counts = NULL;
    PyObject *dict;
    Py_ssize_t npages;
    Py_ssize_t i;
    int n;
    int c;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OiI|I:getFreePages", kwlist,
                                     &pypages, &start, &cells, &flags))
        return NULL;
    if (!PyList_Check(pypages)) {
        PyErr_SetString(PyExc_TypeError, "pages must be a list");
        return NULL;
    }
    if (cells == 0) {
        PyErr_SetString(PyExc_LookupError, "cellCount must not be zero");
        return NULL;
    }
    npages = PyList_Size(pypages);
    pages = g_new0(unsigned int, npages + 1);
    for (i = 0; i < npages; i++) {
        pages[i] = (unsigned int)PyLong_AsUnsignedLong(PyList_GetItem(pypages, i));
        if (PyErr_Occurred())
            return NULL;
    }
    counts = g_new0(unsigned long long, (npages ? npages : 1) * cells);
    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetFreePages(vkpy_ptr(self), npages, pages, start, cells, counts, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virNodeGetFreePages() failed");
    dict = PyDict_New();
    for (c = 0; dict && c < n; c++) {
        PyObject *per = PyDict_New();
        PyObject *key = PyLong_FromLong(start + c);

        for (i = 0; per && i < npages; i++) {
            PyObject *k = PyLong_FromUnsignedLong(pages[i]);
            PyObject *v = PyLong_FromUnsignedLongLong(counts[c * npages + i]);

            if (!k || !v || PyDict_SetItem(per, k, v) < 0)
                Py_CLEAR(per);
            Py_XDECREF(k);
            Py_XDECREF(v);
        }
        if (!per || !key || PyDict_SetItem(dict, key, per) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(per);
        Py_XDECREF(key);
    }
    return dict;
}

PyObject *
vkpy_virNodeAllocPages(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"pages", "startCell", "cellCount", "flags", NULL};
    PyObject *pypages;
    int start = 0;
    unsigned int cells = 0;
    unsigned int flags = 0;
    g_autofree unsigned int *sizes = NULL;
    g_autofree unsigned long long *counts = NULL;
    PyObject *key;
    PyObject *value;
    Py_ssize_t pos = 0;
    Py_ssize_t n;
    Py_ssize_t i = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iII:allocPages", kwlist,
                                     &pypages, &start, &cells, &flags))
        return NULL;
    if (!PyDict_Check(pypages)) {
        PyErr_SetString(PyExc_TypeError, "pages must be a dict");
        return NULL;
    }
    n = PyDict_Size(pypages);
    sizes = g_new0(unsigned int, n + 1);
    counts = g_new0(unsigned long long, n + 1);
    while (PyDict_Next(pypages, &pos, &key, &value)) {
        sizes[i] = (unsigned int)PyLong_AsUnsignedLong(key);
        counts[i] = PyLong_AsUnsignedLongLong(value);
        if (PyErr_Occurred())
            return NULL;
        i++;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = virNodeAllocPages(vkpy_ptr(self), n, sizes, counts, start, cells, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNodeAllocPages() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virNodeGetCPUMap(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    unsigned char *map = NULL;
    unsigned int online = 0;
    PyObject *list;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:getCPUMap", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetCPUMap(vkpy_ptr(self), &map, &online, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virNodeGetCPUMap() failed");
    list = PyList_New(n);
    for (i = 0; list && i < n; i++)
        PyList_SET_ITEM(list, i, PyBool_FromLong(map[i / 8] & (1 << (i % 8))));
    free(map);
    if (!list)
        return NULL;
    return Py_BuildValue("(iNI)", n, list, online);
}

/* ------------------------------------------------------------------ */
/* CPU models                                                         */

/* XMLCPUS (a list of str) as a NULL-terminated array borrowing the
 * strings; NULL with a Python error. */
static const char **
vkpy_str_array(PyObject *list, unsigned int *n)
{
    const char **out;
    Py_ssize_t len;
    Py_ssize_t i;

    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "expected a list of str");
        return NULL;
    }
    len = PyList_Size(list);
    out = g_new0(const char *, len + 1);
    for (i = 0; i < len; i++) {
        PyObject *item = PyList_GetItem(list, i);

        if (!PyUnicode_Check(item) || !(out[i] = PyUnicode_AsUTF8(item))) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "expected a list of str");
            g_free(out);
            return NULL;
        }
    }
    *n = len;
    return out;
}

PyObject *
vkpy_virConnectBaselineCPU(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"xmlCPUs", "flags", NULL};
    PyObject *list;
    unsigned int flags = 0;
    g_autofree const char **cpus = NULL;
    unsigned int n = 0;
    char *ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:baselineCPU", kwlist, &list, &flags))
        return NULL;
    if (!(cpus = vkpy_str_array(list, &n)))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virConnectBaselineCPU(vkpy_ptr(self), cpus, n, flags);
    Py_END_ALLOW_THREADS
    if (!ret)
        return vkpy_raise("virConnectBaselineCPU() failed");
    return vkpy_str_steal(ret);
}

PyObject *
vkpy_virConnectBaselineHypervisorCPU(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"emulator", "arch", "machine", "virttype", "xmlCPUs", "flags", NULL};
    const char *emulator;
    const char *arch;
    const char *machine;
    const char *virttype;
    PyObject *list;
    unsigned int flags = 0;
    g_autofree const char **cpus = NULL;
    unsigned int n = 0;
    char *ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zzzzO|I:baselineHypervisorCPU", kwlist,
                                     &emulator, &arch, &machine, &virttype, &list, &flags))
        return NULL;
    if (!(cpus = vkpy_str_array(list, &n)))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virConnectBaselineHypervisorCPU(vkpy_ptr(self), emulator, arch, machine,
                                          virttype, cpus, n, flags);
    Py_END_ALLOW_THREADS
    if (!ret)
        return vkpy_raise("virConnectBaselineHypervisorCPU() failed");
    return vkpy_str_steal(ret);
}

PyObject *
vkpy_virConnectGetCPUModelNames(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"arch", "flags", NULL};
    const char *arch;
    unsigned int flags = 0;
    char **models = NULL;
    PyObject *list;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|I:getCPUModelNames", kwlist, &arch, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectGetCPUModelNames(vkpy_ptr(self), arch, &models, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectGetCPUModelNames() failed");
    list = vkpy_str_list_steal(models, n);
    free(models);
    return list;
}

/* ------------------------------------------------------------------ */
/* Close callbacks                                                    */

typedef struct {
    PyObject *conn;
    PyObject *cb;
    PyObject *opaque;
} vkpy_CloseData;

static void
vkpy_close_trampoline(virConnectPtr conn, int reason, void *opaque)
{
    vkpy_CloseData *cd = opaque;
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *ret = PyObject_CallFunction(cd->cb, "OiO", cd->conn, reason, cd->opaque);

    if (!ret)
        PyErr_Print();
    Py_XDECREF(ret);
    PyGILState_Release(st);
}

static void
vkpy_close_free(void *opaque)
{
    vkpy_CloseData *cd = opaque;
    PyGILState_STATE st = PyGILState_Ensure();

    Py_XDECREF(cd->conn);
    Py_XDECREF(cd->cb);
    Py_XDECREF(cd->opaque);
    PyGILState_Release(st);
    g_free(cd);
}

PyObject *
vkpy_virConnectRegisterCloseCallback(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"cb", "opaque", NULL};
    PyObject *cb;
    PyObject *opaque;
    vkpy_CloseData *cd;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:registerCloseCallback", kwlist, &cb, &opaque))
        return NULL;
    if (!PyCallable_Check(cb)) {
        PyErr_SetString(PyExc_TypeError, "registerCloseCallback: cb must be callable");
        return NULL;
    }
    cd = g_new0(vkpy_CloseData, 1);
    cd->conn = Py_NewRef(self);
    cd->cb = Py_NewRef(cb);
    cd->opaque = Py_NewRef(opaque);
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectRegisterCloseCallback(vkpy_ptr(self), vkpy_close_trampoline,
                                         cd, vkpy_close_free);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        Py_DECREF(cd->conn);
        Py_DECREF(cd->cb);
        Py_DECREF(cd->opaque);
        g_free(cd);
        return vkpy_raise("virConnectRegisterCloseCallback() failed");
    }
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virConnectUnregisterCloseCallback(PyObject *self, PyObject *args, PyObject *kwargs)
{
    int rc;

    Py_BEGIN_ALLOW_THREADS
    rc = virConnectUnregisterCloseCallback(vkpy_ptr(self), vkpy_close_trampoline);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virConnectUnregisterCloseCallback() failed");
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ */
/* Domain statistics                                                  */

static const char *const vkpy_memstat_names[] = {
    "swap_in", "swap_out", "major_fault", "minor_fault", "unused",
    "available", "actual", "rss", "usable", "last_update", "disk_caches",
    "hugetlb_pgalloc", "hugetlb_pgfail",
};

PyObject *
vkpy_virDomainMemoryStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    PyObject *dict;
    int n;
    int i;

    Py_BEGIN_ALLOW_THREADS
    n = virDomainMemoryStats(vkpy_ptr(self), stats, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainMemoryStats() failed");
    dict = PyDict_New();
    for (i = 0; dict && i < n; i++) {
        PyObject *v;

        if (stats[i].tag < 0 || stats[i].tag >= (int)G_N_ELEMENTS(vkpy_memstat_names))
            continue;
        v = PyLong_FromUnsignedLongLong(stats[i].val);
        if (!v || PyDict_SetItemString(dict, vkpy_memstat_names[stats[i].tag], v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    return dict;
}

PyObject *
vkpy_virDomainMemoryPeek(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"start", "size", "flags", NULL};
    unsigned long long start;
    Py_ssize_t size;
    unsigned int flags = 0;
    g_autofree char *buf = NULL;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "Kn|I:memoryPeek", kwlist, &start, &size, &flags))
        return NULL;
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "size must not be negative");
        return NULL;
    }
    buf = g_malloc0(size ? size : 1);
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainMemoryPeek(vkpy_ptr(self), start, size, buf, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainMemoryPeek() failed");
    return PyBytes_FromStringAndSize(buf, size);
}

/* [(virDomain, dict), ...] from RECORDS, whose domains are handed over. */
static PyObject *
vkpy_stats_records(PyObject *conn, virDomainStatsRecordPtr *records, int n)
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; list && i < n; i++) {
        PyObject *dict = vkpy_params_to_dict(records[i]->params, records[i]->nparams);
        PyObject *dom = dict ? vkpy_wrap(VKPY_TYPE_virDomain, records[i]->dom, conn) : NULL;
        PyObject *pair;

        if (dom)
            records[i]->dom = NULL;   /* now owned by the Python object */
        pair = dom ? PyTuple_Pack(2, dom, dict) : NULL;
        Py_XDECREF(dom);
        Py_XDECREF(dict);
        if (!pair) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, pair);
    }
    Py_BEGIN_ALLOW_THREADS
    virDomainStatsRecordListFree(records);
    Py_END_ALLOW_THREADS
    return list;
}

PyObject *
vkpy_virConnectGetAllDomainStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"stats", "flags", NULL};
    unsigned int stats = 0;
    unsigned int flags = 0;
    virDomainStatsRecordPtr *records = NULL;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|II:getAllDomainStats", kwlist, &stats, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectGetAllDomainStats(vkpy_ptr(self), stats, &records, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectGetAllDomainStats() failed");
    return vkpy_stats_records(self, records, n);
}

/* libvirtmod.virDomainListGetStats(conn, doms, stats, flags): the glue of
 * virConnect.domainListGetStats. */
PyObject *
vkpy_virDomainListGetStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"conn", "doms", "stats", "flags", NULL};
    PyObject *pyconn;
    PyObject *pydoms;
    unsigned int stats = 0;
    unsigned int flags = 0;
    g_autofree virDomainPtr *doms = NULL;
    virDomainStatsRecordPtr *records = NULL;
    Py_ssize_t len;
    Py_ssize_t i;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|II:virDomainListGetStats", kwlist,
                                     &pyconn, &pydoms, &stats, &flags))
        return NULL;
    if (!vkpy_handle_of(pyconn, VKPY_TYPE_virConnect, "conn"))
        return NULL;
    if (!PyList_Check(pydoms)) {
        PyErr_SetString(PyExc_TypeError, "doms must be a list");
        return NULL;
    }
    len = PyList_Size(pydoms);
    doms = g_new0(virDomainPtr, len + 1);
    for (i = 0; i < len; i++) {
        PyObject *d = PyList_GetItem(pydoms, i);

        if (!PyObject_TypeCheck(d, vkpy_base_types[VKPY_TYPE_virDomain]))
            return vkpy_raise_plain("domain list contains non-domain elements");
        doms[i] = ((vkpy_Handle *)d)->ptr;
    }
    Py_BEGIN_ALLOW_THREADS
    n = virDomainListGetStats(doms, stats, &records, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainListGetStats() failed");
    return vkpy_stats_records(pyconn, records, n);
}

/* ------------------------------------------------------------------ */
/* Keys and time                                                      */

PyObject *
vkpy_virDomainSendKey(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"codeset", "holdtime", "keycodes", "nkeycodes", "flags", NULL};
    unsigned int codeset;
    unsigned int holdtime;
    PyObject *pykeys;
    int nkeys;
    unsigned int flags = 0;
    unsigned int keys[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    Py_ssize_t len;
    Py_ssize_t i;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "IIOi|I:sendKey", kwlist,
                                     &codeset, &holdtime, &pykeys, &nkeys, &flags))
        return NULL;
    if (!PyList_Check(pykeys)) {
        PyErr_SetString(PyExc_TypeError, "keycodes must be a list");
        return NULL;
    }
    len = PyList_Size(pykeys);
    if (len != nkeys)
        return vkpy_raise_plain("virDomainSendKey() failed");
    if (len > VIR_DOMAIN_SEND_KEY_MAX_KEYS)
        len = VIR_DOMAIN_SEND_KEY_MAX_KEYS;   /* the library refuses the count */
    for (i = 0; i < len; i++) {
        keys[i] = (unsigned int)PyLong_AsUnsignedLong(PyList_GetItem(pykeys, i));
        if (PyErr_Occurred())
            return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainSendKey(vkpy_ptr(self), codeset, holdtime, keys, nkeys, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainSendKey() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainSetTime(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"time", "flags", NULL};
    PyObject *time = Py_None;
    unsigned int flags = 0;
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OI:setTime", kwlist, &time, &flags))
        return NULL;
    if (time == Py_None) {
        if (!flags) {
            PyErr_SetString(PyExc_TypeError, "time must be a dictionary or None with flags set");
            return NULL;
        }
    } else if (PyDict_Check(time)) {
        PyObject *s = PyDict_GetItemString(time, "seconds");
        PyObject *ns = PyDict_GetItemString(time, "nseconds");

        if (!s) {
            PyErr_SetString(PyExc_LookupError, "Dictionary must contains 'seconds'");
            return NULL;
        }
        seconds = PyLong_AsLongLong(s);
        if (ns)
            nseconds = (unsigned int)PyLong_AsUnsignedLong(ns);
        if (PyErr_Occurred())
            return NULL;
    } else {
        PyErr_SetString(PyExc_TypeError, "time must be a dictionary or None with flags set");
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainSetTime(vkpy_ptr(self), seconds, nseconds, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainSetTime() failed");
    return PyLong_FromLong(rc);
}

/* ------------------------------------------------------------------ */
/* Pinning                                                            */

/* The host's CPU count, as libvirt-python finds it. */
static int
vkpy_host_cpus(virConnectPtr conn)
{
    int n;

    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetCPUMap(conn, NULL, NULL, 0);
    Py_END_ALLOW_THREADS
    if (n < 0) {
        virNodeInfo info;
        int rc;

        Py_BEGIN_ALLOW_THREADS
        rc = virNodeGetInfo(conn, &info);
        Py_END_ALLOW_THREADS
        if (rc < 0)
            return -1;
        n = info.nodes * info.sockets * info.cores * info.threads;
    }
    return n;
}

/* A cpumap of the host's CPUs from the tuple of booleans PYMAP (libvirt-
 * python 9.0 takes tuples only; entries past the host's CPUs are ignored). */
static unsigned char *
vkpy_cpumap(virDomainPtr dom, PyObject *pymap, int *maplen)
{
    int cpus = vkpy_host_cpus(virDomainGetConnect(dom));
    unsigned char *map;
    Py_ssize_t len;
    Py_ssize_t i;

    if (cpus < 0) {
        vkpy_raise("cannot count the host's CPUs");
        return NULL;
    }
    if (!PyTuple_Check(pymap)) {
        PyErr_SetString(PyExc_TypeError, "Unexpected type, tuple is required");
        return NULL;
    }
    len = PySequence_Size(pymap);
    *maplen = (cpus + 7) / 8;
    map = g_new0(unsigned char, *maplen ? *maplen : 1);
    for (i = 0; i < len && i < cpus; i++) {
        PyObject *b = PySequence_GetItem(pymap, i);
        int v = b ? PyObject_IsTrue(b) : -1;

        Py_XDECREF(b);
        if (v < 0) {
            g_free(map);
            return NULL;
        }
        if (v)
            map[i / 8] |= 1 << (i % 8);
    }
    return map;
}

static PyObject *
vkpy_pin(PyObject *self, int kind, unsigned int id, PyObject *pymap,
         unsigned int flags, const char *cname)
{
    virDomainPtr dom = vkpy_ptr(self);
    g_autofree unsigned char *map = NULL;
    int maplen = 0;
    int rc;

    if (!(map = vkpy_cpumap(dom, pymap, &maplen)))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    switch (kind) {
    case 0:
        rc = virDomainPinVcpu(dom, id, map, maplen);
        break;
    case 1:
        rc = virDomainPinVcpuFlags(dom, id, map, maplen, flags);
        break;
    case 2:
        rc = virDomainPinEmulator(dom, map, maplen, flags);
        break;
    default:
        rc = virDomainPinIOThread(dom, id, map, maplen, flags);
        break;
    }
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise(cname);
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainPinVcpu(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"vcpu", "cpumap", NULL};
    unsigned int vcpu;
    PyObject *map;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "IO:pinVcpu", kwlist, &vcpu, &map))
        return NULL;
    return vkpy_pin(self, 0, vcpu, map, 0, "virDomainPinVcpu() failed");
}

PyObject *
vkpy_virDomainPinVcpuFlags(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"vcpu", "cpumap", "flags", NULL};
    unsigned int vcpu;
    PyObject *map;
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "IO|I:pinVcpuFlags", kwlist, &vcpu, &map, &flags))
        return NULL;
    return vkpy_pin(self, 1, vcpu, map, flags, "virDomainPinVcpuFlags() failed");
}

PyObject *
vkpy_virDomainPinEmulator(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"cpumap", "flags", NULL};
    PyObject *map;
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:pinEmulator", kwlist, &map, &flags))
        return NULL;
    return vkpy_pin(self, 2, 0, map, flags, "virDomainPinEmulator() failed");
}

PyObject *
vkpy_virDomainPinIOThread(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"iothread_val", "cpumap", "flags", NULL};
    unsigned int id;
    PyObject *map;
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "IO|I:pinIOThread", kwlist, &id, &map, &flags))
        return NULL;
    return vkpy_pin(self, 3, id, map, flags, "virDomainPinIOThread() failed");
}

/* ------------------------------------------------------------------ */
/* Streams                                                            */

PyObject *
vkpy_virDomainOpenConsole(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dev_name", "st", "flags", NULL};
    const char *dev;
    PyObject *pyst;
    unsigned int flags = 0;
    virStreamPtr st;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zO|I:openConsole", kwlist, &dev, &pyst, &flags))
        return NULL;
    if (!(st = vkpy_handle_of(pyst, VKPY_TYPE_virStream, "st")))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainOpenConsole(vkpy_ptr(self), dev, st, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainOpenConsole() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainOpenChannel(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"name", "st", "flags", NULL};
    const char *name;
    PyObject *pyst;
    unsigned int flags = 0;
    virStreamPtr st;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zO|I:openChannel", kwlist, &name, &pyst, &flags))
        return NULL;
    if (!(st = vkpy_handle_of(pyst, VKPY_TYPE_virStream, "st")))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainOpenChannel(vkpy_ptr(self), name, st, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainOpenChannel() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainScreenshot(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"stream", "screen", "flags", NULL};
    PyObject *pyst;
    unsigned int screen;
    unsigned int flags = 0;
    virStreamPtr st;
    char *mime;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OI|I:screenshot", kwlist, &pyst, &screen, &flags))
        return NULL;
    if (!(st = vkpy_handle_of(pyst, VKPY_TYPE_virStream, "stream")))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    mime = virDomainScreenshot(vkpy_ptr(self), st, screen, flags);
    Py_END_ALLOW_THREADS
    if (!mime)
        return vkpy_raise("virDomainScreenshot() failed");
    return vkpy_str_steal(mime);
}
