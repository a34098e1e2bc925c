/*
 * override-network.c: hand-written Python glue for the functions of
 * api/network.xml marked override="python" (see libvirt-override.c).
 *
 * Three shapes need a hand here, all libvirt-python's choices: arrays of
 * new handles come back as lists of objects (listAllNetworks, listAllPorts,
 * listAllNWFilters, listAllNWFilterBindings), DHCP leases as a list of
 * dicts, and a port's typed parameters as a dict.  The typed-parameter
 * helpers of libvirt-override.c are static there, so the two this file
 * needs are repeated below in a form narrowed to what ports use.
 */
#include "libvirtmod.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Lists of new handles                                               */

/* Turn the N handles of ITEMS (each reference owned) into a list of
 * TYPE objects owned by OWNER, release the array, NULL on failure. */
static PyObject *
vkpy_net_handle_list(int type, void **items, int n, PyObject *owner,
                     int (*release)(void *))
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; i < n; i++) {
        PyObject *o = list ? vkpy_wrap(type, items[i], owner) : NULL;

        if (!o) {
            release(items[i]);
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, o);
    }
    free(items);
    return list;
}

#define VKPY_LIST_ALL(cfunc, pyname, handle_t, type, freefn) \
    PyObject * \
    vkpy_##cfunc(PyObject *self, PyObject *args, PyObject *kwargs) \
    { \
        static char *kwlist[] = {"flags", NULL}; \
        unsigned int flags = 0; \
        handle_t *items = NULL; \
        int n; \
 \
        if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:" pyname, kwlist, &flags)) \
            return NULL; \
        Py_BEGIN_ALLOW_THREADS \
        n = cfunc(((vkpy_Handle *)self)->ptr, &items, flags); \
        Py_END_ALLOW_THREADS \
        if (n < 0) \
            return vkpy_raise(#cfunc "() failed"); \
        return vkpy_net_handle_list(type, (void **)items, n, \
                                    vkpy_owner_for(self, type), \
                                    (int (*)(void *))freefn); \
    }

VKPY_LIST_ALL(virConnectListAllNetworks, "listAllNetworks",
              virNetworkPtr, VKPY_TYPE_virNetwork, virNetworkFree)
VKPY_LIST_ALL(virNetworkListAllPorts, "listAllPorts",
              virNetworkPortPtr, VKPY_TYPE_virNetworkPort, virNetworkPortFree)
VKPY_LIST_ALL(virConnectListAllNWFilters, "listAllNWFilters",
              virNWFilterPtr, VKPY_TYPE_virNWFilter, virNWFilterFree)
VKPY_LIST_ALL(virConnectListAllNWFilterBindings, "listAllNWFilterBindings",
              virNWFilterBindingPtr, VKPY_TYPE_virNWFilterBinding, virNWFilterBindingFree)

/* ------------------------------------------------------------------ */
/* DHCP leases                                                        */

/* Set KEY of DICT to VALUE (stolen); -1 when VALUE is NULL or on failure. */
static int
vkpy_net_dict_steal(PyObject *dict, const char *key, PyObject *value)
{
    int rc;

    if (!value)
        return -1;
    rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *
vkpy_net_lease_dict(virNetworkDHCPLeasePtr lease)
{
    PyObject *d = PyDict_New();

    if (!d)
        return NULL;
    if (vkpy_net_dict_steal(d, "iface", vkpy_str(lease->iface)) < 0 ||
        vkpy_net_dict_steal(d, "expirytime", PyLong_FromLongLong(lease->expirytime)) < 0 ||
        vkpy_net_dict_steal(d, "type", PyLong_FromLong(lease->type)) < 0 ||
        vkpy_net_dict_steal(d, "mac", vkpy_str(lease->mac)) < 0 ||
        vkpy_net_dict_steal(d, "ipaddr", vkpy_str(lease->ipaddr)) < 0 ||
        vkpy_net_dict_steal(d, "prefix", PyLong_FromUnsignedLong(lease->prefix)) < 0 ||
        vkpy_net_dict_steal(d, "hostname", vkpy_str(lease->hostname)) < 0 ||
        vkpy_net_dict_steal(d, "clientid", vkpy_str(lease->clientid)) < 0 ||
        vkpy_net_dict_steal(d, "iaid", vkpy_str(lease->iaid)) < 0)
        Py_CLEAR(d);
    return d;
}

PyObject *
vkpy_virNetworkGetDHCPLeases(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"mac", "flags", NULL};
    const char *mac = NULL;
    unsigned int flags = 0;
    virNetworkDHCPLeasePtr *leases = NULL;
    PyObject *list;
    int n;
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|zI:DHCPLeases", kwlist, &mac, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virNetworkGetDHCPLeases(((vkpy_Handle *)self)->ptr, mac, &leases, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virNetworkGetDHCPLeases() failed");
    list = PyList_New(n);
    for (i = 0; i < n; i++) {
        PyObject *d = list ? vkpy_net_lease_dict(leases[i]) : NULL;

        virNetworkDHCPLeaseFree(leases[i]);
        if (!d) {
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, d);
    }
    free(leases);
    return list;
}

/* ------------------------------------------------------------------ */
/* Port parameters                                                    */


PyObject *
vkpy_virNetworkPortGetParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    PyObject *ret;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:parameters", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNetworkPortGetParameters(((vkpy_Handle *)self)->ptr, &params, &nparams, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNetworkPortGetParameters() failed");
    ret = vkpy_params_to_dict(params, nparams);
    virTypedParamsFree(params, nparams);
    return ret;
}

/* Build in *RET_PARAMS the values of DICT typed as the port's current
 * parameters CUR say; a name the port does not have is a LookupError. */
static int
vkpy_net_dict_to_params(PyObject *dict, virTypedParameterPtr cur, int ncur,
                        virTypedParameterPtr *ret_params, int *ret_n)
{
    virTypedParameterPtr out = g_new0(virTypedParameter, PyDict_Size(dict) + 1);
    PyObject *key;
    PyObject *value;
    Py_ssize_t pos = 0;
    int n = 0;

    while (PyDict_Next(dict, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        virTypedParameterPtr p = &out[n];
        int i;

        if (!name) {
            PyErr_SetString(PyExc_TypeError, "parameter names must be str");
            goto error;
        }
        for (i = 0; i < ncur && strcmp(cur[i].field, name) != 0; i++)
            ;
        if (i == ncur) {
            PyErr_Format(PyExc_LookupError,
                         "Attribute name \"%s\" could not be recognized", name);
            goto error;
        }
        g_strlcpy(p->field, name, VIR_TYPED_PARAM_FIELD_LENGTH);
        p->type = cur[i].type;
        n++;
        switch (p->type) {
        case VIR_TYPED_PARAM_INT:
            p->value.i = (int)PyLong_AsLong(value);
            break;
        case VIR_TYPED_PARAM_UINT:
            p->value.ui = (unsigned int)PyLong_AsUnsignedLong(value);
            break;
        case VIR_TYPED_PARAM_LLONG:
            p->value.l = PyLong_AsLongLong(value);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            p->value.ul = PyLong_AsUnsignedLongLong(value);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            p->value.d = PyFloat_AsDouble(value);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            p->value.b = PyObject_IsTrue(value) ? 1 : 0;
            break;
        case VIR_TYPED_PARAM_STRING: {
            const char *s = PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : NULL;

            if (!s) {
                PyErr_Format(PyExc_TypeError, "parameter '%s' must be str", name);
                goto error;
            }
            p->value.s = g_strdup(s);
            break;
        }
        default:
            PyErr_Format(PyExc_TypeError, "parameter '%s' has an unknown type", name);
            goto error;
        }
        if (PyErr_Occurred())
            goto error;
    }
    *ret_params = out;
    *ret_n = n;
    return 0;

 error:
    virTypedParamsFree(out, n);
    return -1;
}

PyObject *
vkpy_virNetworkPortSetParameters(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"params", "flags", NULL};
    virNetworkPortPtr port = ((vkpy_Handle *)self)->ptr;
    PyObject *dict = NULL;
    unsigned int flags = 0;
    virTypedParameterPtr cur = NULL;
    int ncur = 0;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|I:setParameters", kwlist,
                                     &PyDict_Type, &dict, &flags))
        return NULL;
    if (PyDict_Size(dict) == 0) {
        PyErr_SetString(PyExc_LookupError, "Need non-empty dictionary to set attributes");
        return NULL;
    }
    /* the current parameters say which type each value must have */
    Py_BEGIN_ALLOW_THREADS
    rc = virNetworkPortGetParameters(port, &cur, &ncur, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virNetworkPortGetParameters() failed");
    if (ncur == 0) {
        virTypedParamsFree(cur, ncur);
        PyErr_SetString(PyExc_LookupError, "Port has no settable attributes");
        return NULL;
    }
    rc = vkpy_net_dict_to_params(dict, cur, ncur, &params, &nparams);
    virTypedParamsFree(cur, ncur);
    if (rc < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virNetworkPortSetParameters(port, params, nparams, flags);
    Py_END_ALLOW_THREADS
    virTypedParamsFree(params, nparams);
    if (rc < 0)
        return vkpy_raise("virNetworkPortSetParameters() failed");
    return PyLong_FromLong(rc);
}
