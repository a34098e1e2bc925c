/*
 * override-domain-more.c: hand-written Python glue for the functions of
 * api/domain-more.xml marked override="python".
 *
 * Each function returns exactly the shape libvirt-python returns (tuples
 * for the statistics structs, dicts for typed parameters, lists of
 * booleans for CPU maps ...), because scripts index into them.  CPU maps
 * are as wide as the host's CPU count, which libvirt-python takes from
 * virNodeGetCPUMap; that function is looked up at run time so that this
 * file keeps working whether or not the library provides it yet (the
 * fallback is the CPU count of virNodeGetInfo).  The GIL is released
 * around every call into the library.
 */
#include "libvirtmod.h"

#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

/* PARAMS as a dict (insertion order = array order, as libvirt-python). */
static PyObject *
dm_params_to_dict(const virTypedParameter *params, int n)
{
    return vkpy_params_to_dict((virTypedParameterPtr)params, n);
}

/* The host CPU count libvirt-python sizes CPU maps with.  Called without
 * the GIL. */
static int
dm_node_cpu_count(virConnectPtr conn)
{
    return virNodeGetCPUMap(conn, NULL, NULL, 0);
}
#define DM_CPU_MAPLEN(cpus) (((cpus) + 7) / 8)
#define DM_CPU_USABLE(maps, maplen, vcpu, cpu) \
    ((maps)[(size_t)(vcpu) * (maplen) + (cpu) / 8] & (1 << ((cpu) % 8)))

/* A tuple of NCPUS booleans from the MAPLEN-byte map MAP. */
static PyObject *
dm_cpumap_tuple(const unsigned char *map, int maplen, int ncpus)
{
    PyObject *t = PyTuple_New(ncpus);
    int i;

    for (i = 0; t && i < ncpus; i++) {
        PyObject *b = PyBool_FromLong(i / 8 < maplen && (map[i / 8] & (1 << (i % 8))));
        PyTuple_SET_ITEM(t, i, b);
    }
    return t;
}

static PyObject *
dm_cpumap_list(const unsigned char *map, int maplen, int ncpus)
{
    PyObject *t = dm_cpumap_tuple(map, maplen, ncpus);
    PyObject *l;

    if (!t)
        return NULL;
    l = PySequence_List(t);
    Py_DECREF(t);
    return l;
}

/* A list of str into a NULL-terminated array of borrowed UTF-8 strings;
 * None gives NULL with *N 0. */
static int
dm_str_list(PyObject *list, const char ***out, unsigned int *n)
{
    Py_ssize_t len;
    Py_ssize_t i;

    *out = NULL;
    *n = 0;
    if (!list || list == Py_None)
        return 0;
    if (!PyList_Check(list) && !PyTuple_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "expected a list of str");
        return -1;
    }
    len = PySequence_Size(list);
    *out = g_new0(const char *, len + 1);
    for (i = 0; i < len; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(list, i);
        if (!PyUnicode_Check(item) || !((*out)[i] = PyUnicode_AsUTF8(item))) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "expected a list of str");
            g_free(*out);
            *out = NULL;
            return -1;
        }
    }
    *n = len;
    return 0;
}

/* A list of int (file descriptors) into an array. */
static int
dm_int_list(PyObject *list, int **out, unsigned int *n)
{
    Py_ssize_t len;
    Py_ssize_t i;

    *out = NULL;
    *n = 0;
    if (!PyList_Check(list) && !PyTuple_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "expected a list of int");
        return -1;
    }
    len = PySequence_Size(list);
    *out = g_new0(int, len + 1);
    for (i = 0; i < len; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(list, i);
        long v = PyLong_AsLong(item);
        if (v == -1 && PyErr_Occurred()) {
            g_free(*out);
            *out = NULL;
            return -1;
        }
        (*out)[i] = (int)v;
    }
    *n = len;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Typed-parameter getters (two-call convention) -> dict              */

typedef int (*dm_ParamsGetter)(virDomainPtr, virTypedParameterPtr, int *, unsigned int);

static PyObject *
dm_get_params(PyObject *self, PyObject *args, PyObject *kwargs, const char *pyname,
              const char *cname, dm_ParamsGetter getter)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params;
    PyObject *ret;
    int nparams = 0;
    int rc;
    char fmt[64];

    g_snprintf(fmt, sizeof(fmt), "|I:%s", pyname);
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = getter(vkpy_ptr(self), NULL, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise(cname);
    if (nparams == 0)
        return PyDict_New();
    params = g_new0(virTypedParameter, nparams);
    Py_BEGIN_ALLOW_THREADS
    rc = getter(vkpy_ptr(self), params, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(params);
        return vkpy_raise(cname);
    }
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

PyObject *
vkpy_virDomainGetBlkioParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_get_params(self, args, kwargs, "blkioParameters",
                         "virDomainGetBlkioParameters() failed", virDomainGetBlkioParameters);
}

PyObject *
vkpy_virDomainGetMemoryParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_get_params(self, args, kwargs, "memoryParameters",
                         "virDomainGetMemoryParameters() failed", virDomainGetMemoryParameters);
}

PyObject *
vkpy_virDomainGetNumaParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_get_params(self, args, kwargs, "numaParameters",
                         "virDomainGetNumaParameters() failed", virDomainGetNumaParameters);
}

typedef int (*dm_NamedParamsGetter)(virDomainPtr, const char *, virTypedParameterPtr,
                                    int *, unsigned int);

static PyObject *
dm_get_named_params(PyObject *self, PyObject *args, PyObject *kwargs, const char *fmt,
                    char **kwlist, const char *cname, dm_NamedParamsGetter getter)
{
    const char *name = NULL;
    unsigned int flags = 0;
    virTypedParameterPtr params;
    PyObject *ret;
    int nparams = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &name, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = getter(vkpy_ptr(self), name, NULL, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise(cname);
    if (nparams == 0)
        return PyDict_New();
    params = g_new0(virTypedParameter, nparams);
    Py_BEGIN_ALLOW_THREADS
    rc = getter(vkpy_ptr(self), name, params, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(params);
        return vkpy_raise(cname);
    }
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

PyObject *
vkpy_virDomainGetBlockIoTune(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"disk", "flags", NULL};

    return dm_get_named_params(self, args, kwargs, "z|I:blockIoTune", kwlist,
                               "virDomainGetBlockIoTune() failed", virDomainGetBlockIoTune);
}

PyObject *
vkpy_virDomainGetInterfaceParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"device", "flags", NULL};

    return dm_get_named_params(self, args, kwargs, "z|I:interfaceParameters", kwlist,
                               "virDomainGetInterfaceParameters() failed",
                               virDomainGetInterfaceParameters);
}

PyObject *
vkpy_virDomainBlockStatsFlags(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", "flags", NULL};

    return dm_get_named_params(self, args, kwargs, "z|I:blockStatsFlags", kwlist,
                               "virDomainBlockStatsFlags() failed", virDomainBlockStatsFlags);
}

/* Getters that allocate the array themselves. */
typedef int (*dm_AllocParamsGetter)(virDomainPtr, virTypedParameterPtr *, int *, unsigned int);

static PyObject *
dm_get_alloc_params(PyObject *self, PyObject *args, PyObject *kwargs, const char *fmt,
                    const char *cname, dm_AllocParamsGetter getter, unsigned int extra)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    PyObject *ret;
    int nparams = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = getter(vkpy_ptr(self), &params, &nparams, flags | extra);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise(cname);
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

PyObject *
vkpy_virDomainGetPerfEvents(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_get_alloc_params(self, args, kwargs, "|I:perfEvents",
                               "virDomainGetPerfEvents() failed", virDomainGetPerfEvents, 0);
}

PyObject *
vkpy_virDomainGetLaunchSecurityInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    /* libvirt-python always asks for string parameters here */
    return dm_get_alloc_params(self, args, kwargs, "|I:launchSecurityInfo",
                               "virDomainGetLaunchSecurityInfo() failed",
                               virDomainGetLaunchSecurityInfo, VIR_TYPED_PARAM_STRING_OKAY);
}

PyObject *
vkpy_virDomainGetGuestVcpus(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    unsigned int nparams = 0;
    PyObject *ret;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:guestVcpus", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetGuestVcpus(vkpy_ptr(self), &params, &nparams, flags);
    Py_END_ALLOW_THREADS
    /* libvirt-python returns None on failure here, without raising */
    if (rc < 0)
        Py_RETURN_NONE;
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

PyObject *
vkpy_virDomainGetGuestInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"types", "flags", NULL};
    unsigned int types = 0;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    PyObject *ret;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|II:guestInfo", kwlist, &types, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetGuestInfo(vkpy_ptr(self), types, &params, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetGuestInfo() failed");
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

PyObject *
vkpy_virDomainGetJobStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int type = 0;
    PyObject *ret;
    PyObject *t;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:jobStats", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetJobStats(vkpy_ptr(self), &type, &params, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetJobStats() failed");
    ret = dm_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    if (ret) {
        t = PyLong_FromLong(type);
        if (!t || PyDict_SetItemString(ret, "type", t) < 0)
            Py_CLEAR(ret);
        Py_XDECREF(t);
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                         */

PyObject *
vkpy_virDomainBlockStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", NULL};
    const char *path = NULL;
    virDomainBlockStatsStruct st;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z:blockStats", kwlist, &path))
        return NULL;
    memset(&st, 0, sizeof(st));
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainBlockStats(vkpy_ptr(self), path, &st, sizeof(st));
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainBlockStats() failed");
    return Py_BuildValue("(LLLLL)", st.rd_req, st.rd_bytes, st.wr_req, st.wr_bytes, st.errs);
}

PyObject *
vkpy_virDomainInterfaceStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", NULL};
    const char *path = NULL;
    virDomainInterfaceStatsStruct st;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z:interfaceStats", kwlist, &path))
        return NULL;
    memset(&st, 0, sizeof(st));
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainInterfaceStats(vkpy_ptr(self), path, &st, sizeof(st));
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainInterfaceStats() failed");
    return Py_BuildValue("(LLLLLLLL)", st.rx_bytes, st.rx_packets, st.rx_errs, st.rx_drop,
                         st.tx_bytes, st.tx_packets, st.tx_errs, st.tx_drop);
}

PyObject *
vkpy_virDomainGetCPUStats(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"total", "flags", NULL};
    virDomainPtr dom = vkpy_ptr(self);
    PyObject *pytotal;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    PyObject *ret = NULL;
    int total;
    int ncpus = 0;
    int nparams = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:getCPUStats", kwlist, &pytotal, &flags))
        return NULL;
    if ((total = PyObject_IsTrue(pytotal)) < 0)
        return NULL;
    if (!(ret = PyList_New(0)))
        return NULL;

    if (total) {
        Py_BEGIN_ALLOW_THREADS
        nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, flags);
        Py_END_ALLOW_THREADS
        if (nparams < 0)
            goto error;
        if (nparams > 0) {
            params = g_new0(virTypedParameter, nparams);
            Py_BEGIN_ALLOW_THREADS
            rc = virDomainGetCPUStats(dom, params, nparams, -1, 1, flags);
            Py_END_ALLOW_THREADS
            if (rc < 0)
                goto error;
            nparams = rc;
        }
        {
            PyObject *d = dm_params_to_dict(params, nparams);
            if (!d || PyList_Append(ret, d) < 0) {
                Py_XDECREF(d);
                goto pyerror;
            }
            Py_DECREF(d);
        }
    } else {
        int start;

        Py_BEGIN_ALLOW_THREADS
        ncpus = virDomainGetCPUStats(dom, NULL, 0, 0, 0, flags);
        Py_END_ALLOW_THREADS
        if (ncpus < 0)
            goto error;
        Py_BEGIN_ALLOW_THREADS
        nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, flags);
        Py_END_ALLOW_THREADS
        if (nparams < 0)
            goto error;
        /* at most 128 CPUs per call, as libvirt-python */
        for (start = 0; start < ncpus; start += 128) {
            int count = ncpus - start < 128 ? ncpus - start : 128;
            int i;

            if (nparams > 0) {
                params = g_new0(virTypedParameter, (size_t)nparams * count);
                Py_BEGIN_ALLOW_THREADS
                rc = virDomainGetCPUStats(dom, params, nparams, start, count, flags);
                Py_END_ALLOW_THREADS
                if (rc < 0)
                    goto error;
            } else {
                rc = 0;
            }
            for (i = 0; i < count; i++) {
                PyObject *d = dm_params_to_dict(params ? params + (size_t)i * nparams : NULL, rc);
                if (!d || PyList_Append(ret, d) < 0) {
                    Py_XDECREF(d);
                    goto pyerror;
                }
                Py_DECREF(d);
            }
            if (params) {
                virTypedParamsFree(params, nparams * count);
                params = NULL;
            }
        }
    }
    if (params)
        virTypedParamsFree(params, nparams);
    return ret;

 error:
    g_free(params);
    Py_DECREF(ret);
    return vkpy_raise("virDomainGetCPUStats() failed");

 pyerror:
    g_free(params);
    Py_DECREF(ret);
    return NULL;
}

PyObject *
vkpy_virDomainGetDiskErrors(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virDomainDiskErrorPtr errors = NULL;
    PyObject *ret;
    int count;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:diskErrors", kwlist, &flags))
        return NULL;
    /* libvirt-python asks with flags 0 whatever it is given */
    Py_BEGIN_ALLOW_THREADS
    count = virDomainGetDiskErrors(vkpy_ptr(self), NULL, 0, 0);
    Py_END_ALLOW_THREADS
    if (count < 0)
        return vkpy_raise("virDomainGetDiskErrors() failed");
    if (count > 0) {
        unsigned int ndisks = count;

        errors = g_new0(virDomainDiskError, ndisks);
        Py_BEGIN_ALLOW_THREADS
        count = virDomainGetDiskErrors(vkpy_ptr(self), errors, ndisks, 0);
        Py_END_ALLOW_THREADS
        if (count < 0) {
            g_free(errors);
            return vkpy_raise("virDomainGetDiskErrors() failed");
        }
    }
    ret = PyDict_New();
    for (i = 0; i < count; i++) {
        PyObject *v = PyLong_FromLong(errors[i].error);
        if (ret && (!v || PyDict_SetItemString(ret, errors[i].disk, v) < 0))
            Py_CLEAR(ret);
        Py_XDECREF(v);
        free(errors[i].disk);
    }
    g_free(errors);
    return ret;
}

/* ------------------------------------------------------------------ */
/* CPU maps                                                           */

PyObject *
vkpy_virDomainGetVcpus(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virDomainPtr dom = vkpy_ptr(self);
    virDomainInfo dominfo;
    virVcpuInfoPtr info = NULL;
    unsigned char *maps = NULL;
    PyObject *pyinfo = NULL;
    PyObject *pymaps = NULL;
    int cpunum;
    int maplen;
    int rc;
    int i;

    Py_BEGIN_ALLOW_THREADS
    cpunum = dm_node_cpu_count(virDomainGetConnect(dom));
    Py_END_ALLOW_THREADS
    if (cpunum < 0)
        return vkpy_raise("virNodeGetCPUMap() failed");
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetInfo(dom, &dominfo);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetInfo() failed");
    maplen = DM_CPU_MAPLEN(cpunum);
    info = g_new0(virVcpuInfo, dominfo.nrVirtCpu ? dominfo.nrVirtCpu : 1);
    maps = g_new0(unsigned char, (size_t)(dominfo.nrVirtCpu ? dominfo.nrVirtCpu : 1) * maplen);
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetVcpus(dom, info, dominfo.nrVirtCpu, maps, maplen);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(info);
        g_free(maps);
        return vkpy_raise("virDomainGetVcpus() failed");
    }
    if (!(pyinfo = PyList_New(dominfo.nrVirtCpu)) || !(pymaps = PyList_New(dominfo.nrVirtCpu)))
        goto error;
    for (i = 0; i < dominfo.nrVirtCpu; i++) {
        PyObject *t = Py_BuildValue("(iiKi)", (int)info[i].number, info[i].state,
                                    (unsigned long long)info[i].cpuTime, info[i].cpu);
        PyObject *m = dm_cpumap_tuple(maps + (size_t)i * maplen, maplen, cpunum);
        if (!t || !m) {
            Py_XDECREF(t);
            Py_XDECREF(m);
            goto error;
        }
        PyList_SET_ITEM(pyinfo, i, t);
        PyList_SET_ITEM(pymaps, i, m);
    }
    g_free(info);
    g_free(maps);
    return Py_BuildValue("(NN)", pyinfo, pymaps);

 error:
    Py_XDECREF(pyinfo);
    Py_XDECREF(pymaps);
    g_free(info);
    g_free(maps);
    return NULL;
}

PyObject *
vkpy_virDomainGetVcpuPinInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    virDomainPtr dom = vkpy_ptr(self);
    unsigned int flags = 0;
    virDomainInfo dominfo;
    unsigned char *maps;
    PyObject *ret;
    int cpunum;
    int maplen;
    int rc;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:vcpuPinInfo", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cpunum = dm_node_cpu_count(virDomainGetConnect(dom));
    Py_END_ALLOW_THREADS
    if (cpunum < 0)
        return vkpy_raise("virNodeGetCPUMap() failed");
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetInfo(dom, &dominfo);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetInfo() failed");
    maplen = DM_CPU_MAPLEN(cpunum);
    maps = g_new0(unsigned char, (size_t)(dominfo.nrVirtCpu ? dominfo.nrVirtCpu : 1) * maplen);
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetVcpuPinInfo(dom, dominfo.nrVirtCpu, maps, maplen, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(maps);
        return vkpy_raise("virDomainGetVcpuPinInfo() failed");
    }
    ret = PyList_New(dominfo.nrVirtCpu);
    for (i = 0; ret && i < dominfo.nrVirtCpu; i++) {
        PyObject *m = dm_cpumap_tuple(maps + (size_t)i * maplen, maplen, cpunum);
        if (!m) {
            Py_CLEAR(ret);
            break;
        }
        PyList_SET_ITEM(ret, i, m);
    }
    g_free(maps);
    return ret;
}

PyObject *
vkpy_virDomainGetEmulatorPinInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    virDomainPtr dom = vkpy_ptr(self);
    unsigned int flags = 0;
    unsigned char *map;
    PyObject *ret;
    int cpunum;
    int maplen;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:emulatorPinInfo", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cpunum = dm_node_cpu_count(virDomainGetConnect(dom));
    Py_END_ALLOW_THREADS
    if (cpunum < 0)
        return vkpy_raise("virNodeGetCPUMap() failed");
    maplen = DM_CPU_MAPLEN(cpunum);
    map = g_new0(unsigned char, maplen);
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetEmulatorPinInfo(dom, map, maplen, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(map);
        return vkpy_raise("virDomainGetEmulatorPinInfo() failed");
    }
    ret = dm_cpumap_tuple(map, maplen, cpunum);
    g_free(map);
    return ret;
}

PyObject *
vkpy_virDomainGetIOThreadInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    virDomainPtr dom = vkpy_ptr(self);
    unsigned int flags = 0;
    virDomainIOThreadInfoPtr *info = NULL;
    PyObject *ret;
    int cpunum;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:ioThreadInfo", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cpunum = dm_node_cpu_count(virDomainGetConnect(dom));
    Py_END_ALLOW_THREADS
    if (cpunum < 0)
        return vkpy_raise("virNodeGetCPUMap() failed");
    Py_BEGIN_ALLOW_THREADS
    n = virDomainGetIOThreadInfo(dom, &info, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainGetIOThreadInfo() failed");
    ret = PyList_New(n);
    for (i = 0; i < n; i++) {
        PyObject *t = NULL;

        if (ret) {
            PyObject *m = dm_cpumap_list(info[i]->cpumap, info[i]->cpumaplen, cpunum);
            t = m ? Py_BuildValue("(IN)", info[i]->iothread_id, m) : NULL;
            if (!t)
                Py_CLEAR(ret);
            else
                PyList_SET_ITEM(ret, i, t);
        }
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Guest agent                                                        */

PyObject *
vkpy_virDomainGetFSInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virDomainFSInfoPtr *info = NULL;
    PyObject *ret;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:fsInfo", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainGetFSInfo(vkpy_ptr(self), &info, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainGetFSInfo() failed");
    ret = PyList_New(n);
    for (i = 0; i < n; i++) {
        if (ret) {
            PyObject *aliases = PyList_New(info[i]->ndevAlias);
            PyObject *t = NULL;
            size_t j;

            for (j = 0; aliases && j < info[i]->ndevAlias; j++)
                PyList_SET_ITEM(aliases, j, vkpy_str(info[i]->devAlias[j]));
            if (aliases)
                t = Py_BuildValue("(NNNN)", vkpy_str(info[i]->mountpoint),
                                  vkpy_str(info[i]->name), vkpy_str(info[i]->fstype),
                                  aliases);
            if (!t)
                Py_CLEAR(ret);
            else
                PyList_SET_ITEM(ret, i, t);
        }
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    return ret;
}

static PyObject *
dm_fs_change(PyObject *self, PyObject *args, PyObject *kwargs, bool freeze)
{
    static char *kwlist[] = {"mountpoints", "flags", NULL};
    PyObject *pylist = Py_None;
    unsigned int flags = 0;
    const char **mps = NULL;
    unsigned int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, freeze ? "|OI:fsFreeze" : "|OI:fsThaw",
                                     kwlist, &pylist, &flags))
        return NULL;
    if (dm_str_list(pylist, &mps, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = freeze ? virDomainFSFreeze(vkpy_ptr(self), mps, n, flags)
                : virDomainFSThaw(vkpy_ptr(self), mps, n, flags);
    Py_END_ALLOW_THREADS
    g_free(mps);
    if (rc < 0)
        return vkpy_raise(freeze ? "virDomainFSFreeze() failed" : "virDomainFSThaw() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainFSFreeze(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_fs_change(self, args, kwargs, true);
}

PyObject *
vkpy_virDomainFSThaw(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return dm_fs_change(self, args, kwargs, false);
}

PyObject *
vkpy_virDomainGetTime(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:getTime", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetTime(vkpy_ptr(self), &seconds, &nseconds, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetTime() failed");
    return Py_BuildValue("{s:L,s:I}", "seconds", seconds, "nseconds", nseconds);
}

PyObject *
vkpy_virDomainInterfaceAddresses(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"source", "flags", NULL};
    unsigned int source = 0;
    unsigned int flags = 0;
    virDomainInterfacePtr *ifaces = NULL;
    PyObject *ret;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "I|I:interfaceAddresses", kwlist,
                                     &source, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainInterfaceAddresses(vkpy_ptr(self), &ifaces, source, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainInterfaceAddresses() failed");
    ret = PyDict_New();
    for (i = 0; i < n; i++) {
        virDomainInterfacePtr iface = ifaces[i];

        if (ret) {
            PyObject *addrs = PyList_New(iface->naddrs);
            PyObject *entry = NULL;
            unsigned int j;

            for (j = 0; addrs && j < iface->naddrs; j++) {
                PyObject *a = Py_BuildValue("{s:N,s:I,s:i}",
                                            "addr", vkpy_str(iface->addrs[j].addr),
                                            "prefix", iface->addrs[j].prefix,
                                            "type", iface->addrs[j].type);
                if (!a) {
                    Py_CLEAR(addrs);
                    break;
                }
                PyList_SET_ITEM(addrs, j, a);
            }
            if (addrs)
                entry = Py_BuildValue("{s:N,s:N}", "addrs", addrs,
                                      "hwaddr", vkpy_str(iface->hwaddr));
            if (!entry || PyDict_SetItemString(ret, iface->name ? iface->name : "", entry) < 0)
                Py_CLEAR(ret);
            Py_XDECREF(entry);
        }
        virDomainInterfaceFree(iface);
    }
    free(ifaces);
    return ret;
}

PyObject *
vkpy_virDomainAuthorizedSSHKeysGet(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"user", "flags", NULL};
    const char *user = NULL;
    unsigned int flags = 0;
    char **keys = NULL;
    PyObject *ret;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|I:authorizedSSHKeysGet", kwlist,
                                     &user, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainAuthorizedSSHKeysGet(vkpy_ptr(self), user, &keys, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainAuthorizedSSHKeysGet() failed");
    ret = vkpy_str_list_steal(keys, n);
    free(keys);
    return ret;
}

PyObject *
vkpy_virDomainAuthorizedSSHKeysSet(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"user", "keys", "flags", NULL};
    const char *user = NULL;
    PyObject *pykeys = Py_None;
    unsigned int flags = 0;
    const char **keys = NULL;
    unsigned int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|OI:authorizedSSHKeysSet", kwlist,
                                     &user, &pykeys, &flags))
        return NULL;
    if (dm_str_list(pykeys, &keys, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainAuthorizedSSHKeysSet(vkpy_ptr(self), user, keys, n, flags);
    Py_END_ALLOW_THREADS
    g_free(keys);
    if (rc < 0)
        return vkpy_raise("virDomainAuthorizedSSHKeysSet() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainGetMessages(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    char **msgs = NULL;
    PyObject *ret;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:messages", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainGetMessages(vkpy_ptr(self), &msgs, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainGetMessages() failed");
    ret = vkpy_str_list_steal(msgs, n);
    free(msgs);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Security labels                                                    */

PyObject *
vkpy_virDomainGetSecurityLabel(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virSecurityLabel label;
    int rc;

    memset(&label, 0, sizeof(label));
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetSecurityLabel(vkpy_ptr(self), &label);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetSecurityLabel() failed");
    return Py_BuildValue("[sN]", label.label, PyBool_FromLong(label.enforcing));
}

PyObject *
vkpy_virDomainGetSecurityLabelList(PyObject *self, PyObject *args, PyObject *kwargs)
{
    virSecurityLabelPtr labels = NULL;
    PyObject *ret;
    int n;
    int i;

    Py_BEGIN_ALLOW_THREADS
    n = virDomainGetSecurityLabelList(vkpy_ptr(self), &labels);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainGetSecurityLabelList() failed");
    ret = PyList_New(n);
    for (i = 0; ret && i < n; i++) {
        PyObject *l = Py_BuildValue("[sN]", labels[i].label,
                                    PyBool_FromLong(labels[i].enforcing));
        if (!l)
            Py_CLEAR(ret);
        else
            PyList_SET_ITEM(ret, i, l);
    }
    free(labels);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Block jobs                                                         */

PyObject *
vkpy_virDomainGetBlockJobInfo(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", "flags", NULL};
    const char *path = NULL;
    unsigned int flags = 0;
    virDomainBlockJobInfo info;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z|I:blockJobInfo", kwlist, &path, &flags))
        return NULL;
    memset(&info, 0, sizeof(info));
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainGetBlockJobInfo(vkpy_ptr(self), path, &info, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainGetBlockJobInfo() failed");
    if (rc == 0)
        return PyDict_New();
    return Py_BuildValue("{s:i,s:k,s:K,s:K}", "type", info.type, "bandwidth", info.bandwidth,
                         "cur", (unsigned long long)info.cur, "end", (unsigned long long)info.end);
}

PyObject *
vkpy_virDomainBlockPeek(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"disk", "offset", "size", "flags", NULL};
    const char *disk = NULL;
    unsigned long long offset = 0;
    Py_ssize_t size = 0;
    unsigned int flags = 0;
    char *buf;
    PyObject *ret;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zKn|I:blockPeek", kwlist,
                                     &disk, &offset, &size, &flags))
        return NULL;
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "size must not be negative");
        return NULL;
    }
    buf = g_malloc0(size ? size : 1);
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainBlockPeek(vkpy_ptr(self), disk, offset, size, buf, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        g_free(buf);
        return vkpy_raise("virDomainBlockPeek() failed");
    }
    ret = PyBytes_FromStringAndSize(buf, size);
    g_free(buf);
    return ret;
}

/* libvirt-python's blockCopy accepts these typed parameters. */
PyObject *
vkpy_virDomainBlockCopy(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"disk", "destxml", "params", "flags", NULL};
    const char *disk = NULL;
    const char *destxml = NULL;
    PyObject *dict = Py_None;
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "zz|OI:blockCopy", kwlist,
                                     &disk, &destxml, &dict, &flags))
        return NULL;
    if (dict != Py_None) {
        PyObject *key;
        PyObject *value;
        Py_ssize_t pos = 0;

        if (!PyDict_Check(dict)) {
            PyErr_SetString(PyExc_TypeError, "params must be a dict");
            return NULL;
        }
        params = g_new0(virTypedParameter, PyDict_Size(dict) + 1);
        while (PyDict_Next(dict, &pos, &key, &value)) {
            const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
            virTypedParameterPtr p = &params[nparams];

            if (!name) {
                PyErr_SetString(PyExc_TypeError, "parameter names must be str");
                goto pyerror;
            }
            g_strlcpy(p->field, name, VIR_TYPED_PARAM_FIELD_LENGTH);
            if (strcmp(name, VIR_DOMAIN_BLOCK_COPY_GRANULARITY) == 0) {
                p->type = VIR_TYPED_PARAM_UINT;
                p->value.ui = PyLong_AsUnsignedLong(value);
            } else if (strcmp(name, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH) == 0 ||
                       strcmp(name, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE) == 0) {
                p->type = VIR_TYPED_PARAM_ULLONG;
                p->value.ul = PyLong_AsUnsignedLongLong(value);
            } else {
                PyErr_Format(PyExc_LookupError,
                             "Attribute name \"%s\" could not be recognized", name);
                goto pyerror;
            }
            if (PyErr_Occurred())
                goto pyerror;
            nparams++;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainBlockCopy(vkpy_ptr(self), disk, destxml, params, nparams, flags);
    Py_END_ALLOW_THREADS
    g_free(params);
    if (rc < 0)
        return vkpy_raise("virDomainBlockCopy() failed");
    return PyLong_FromLong(rc);

 pyerror:
    g_free(params);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* File descriptors                                                   */

PyObject *
vkpy_virDomainFDAssociate(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"name", "files", "flags", NULL};
    const char *name = NULL;
    PyObject *pyfiles;
    unsigned int flags = 0;
    int *fds = NULL;
    unsigned int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO|I:FDAssociate", kwlist,
                                     &name, &pyfiles, &flags))
        return NULL;
    if (dm_int_list(pyfiles, &fds, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainFDAssociate(vkpy_ptr(self), name, n, fds, flags);
    Py_END_ALLOW_THREADS
    g_free(fds);
    if (rc < 0)
        return vkpy_raise("virDomainFDAssociate() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainCreateWithFiles(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"files", "flags", NULL};
    PyObject *pyfiles;
    unsigned int flags = 0;
    int *fds = NULL;
    unsigned int n = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:createWithFiles", kwlist,
                                     &pyfiles, &flags))
        return NULL;
    if (dm_int_list(pyfiles, &fds, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainCreateWithFiles(vkpy_ptr(self), n, fds, flags);
    Py_END_ALLOW_THREADS
    g_free(fds);
    if (rc < 0)
        return vkpy_raise("virDomainCreateWithFiles() failed");
    return PyLong_FromLong(rc);
}

PyObject *
vkpy_virDomainCreateXMLWithFiles(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"xmlDesc", "files", "flags", NULL};
    const char *xml = NULL;
    PyObject *pyfiles;
    unsigned int flags = 0;
    int *fds = NULL;
    unsigned int n = 0;
    virDomainPtr dom;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO|I:createXMLWithFiles", kwlist,
                                     &xml, &pyfiles, &flags))
        return NULL;
    if (dm_int_list(pyfiles, &fds, &n) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    dom = virDomainCreateXMLWithFiles(vkpy_ptr(self), xml, n, fds, flags);
    Py_END_ALLOW_THREADS
    g_free(fds);
    if (!dom)
        return vkpy_raise("virDomainCreateXMLWithFiles() failed");
    return vkpy_wrap(VKPY_TYPE_virDomain, dom, vkpy_owner_for(self, VKPY_TYPE_virDomain));
}
