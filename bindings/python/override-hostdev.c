/*
 * override-hostdev.c: hand-written Python glue for the functions of
 * api/hostdev.xml marked override="python" (see libvirt-override.c).
 *
 * Three shapes the generator's rules cannot express live here: the
 * ListAll functions (a list of handles, each keeping the connection
 * alive), virNodeListDevices (sized by virNodeNumOfDevices, which needs
 * the same CAP and FLAGS arguments), and a secret's value, which is a
 * byte string with a separate length in both directions.  Every call into
 * the library runs with the GIL released.
 */
#include "libvirtmod.h"

#include <string.h>

/* A Python list of N handles of TYPE, owned by SELF (the connection);
 * consumes the handles and the array in every case. */
static PyObject *
hostdev_handle_list(PyObject *self, int type, void **items, int n,
                    int (*freefn)(void *))
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; i < n; i++) {
        PyObject *o = list ? vkpy_wrap(type, items[i], self) : NULL;

        if (!o) {
            Py_BEGIN_ALLOW_THREADS
            freefn(items[i]);
            Py_END_ALLOW_THREADS
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, o);
    }
    free(items);
    return list;
}

static int
hostdev_parse_flags(PyObject *args, PyObject *kwargs, const char *fmt,
                    unsigned int *flags)
{
    static char *kwlist[] = {"flags", NULL};

    return PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, flags) ? 0 : -1;
}

static int
hostdev_iface_free(void *p)
{
    return virInterfaceFree(p);
}

static int
hostdev_nodedev_free(void *p)
{
    return virNodeDeviceFree(p);
}

static int
hostdev_secret_free(void *p)
{
    return virSecretFree(p);
}

PyObject *
vkpy_virConnectListAllInterfaces(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags = 0;
    virInterfacePtr *ifaces = NULL;
    int n;

    if (hostdev_parse_flags(args, kwargs, "|I:listAllInterfaces", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectListAllInterfaces(vkpy_ptr(self), &ifaces, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectListAllInterfaces() failed");
    return hostdev_handle_list(self, VKPY_TYPE_virInterface, (void **)ifaces, n,
                               hostdev_iface_free);
}

PyObject *
vkpy_virConnectListAllNodeDevices(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags = 0;
    virNodeDevicePtr *devs = NULL;
    int n;

    if (hostdev_parse_flags(args, kwargs, "|I:listAllDevices", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectListAllNodeDevices(vkpy_ptr(self), &devs, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectListAllNodeDevices() failed");
    return hostdev_handle_list(self, VKPY_TYPE_virNodeDevice, (void **)devs, n,
                               hostdev_nodedev_free);
}

PyObject *
vkpy_virConnectListAllSecrets(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags = 0;
    virSecretPtr *secrets = NULL;
    int n;

    if (hostdev_parse_flags(args, kwargs, "|I:listAllSecrets", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectListAllSecrets(vkpy_ptr(self), &secrets, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectListAllSecrets() failed");
    return hostdev_handle_list(self, VKPY_TYPE_virSecret, (void **)secrets, n,
                               hostdev_secret_free);
}

/* listDevices(cap, flags=0): libvirt-python counts first, with the same
 * CAP and FLAGS, then fetches that many names. */
PyObject *
vkpy_virNodeListDevices(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"cap", "flags", NULL};
    const char *cap = NULL;
    unsigned int flags = 0;
    virConnectPtr conn = vkpy_ptr(self);
    char **names = NULL;
    PyObject *list;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z|I:listDevices", kwlist,
                                     &cap, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virNodeNumOfDevices(conn, cap, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virNodeNumOfDevices() failed");
    names = g_new0(char *, n + 1);
    if (n > 0) {
        Py_BEGIN_ALLOW_THREADS
        n = virNodeListDevices(conn, cap, names, n, flags);
        Py_END_ALLOW_THREADS
        if (n < 0) {
            g_free(names);
            return vkpy_raise("virNodeListDevices() failed");
        }
    }
    list = vkpy_str_list_steal(names, n);
    g_free(names);
    return list;
}

/* value(flags=0): the secret's value as bytes. */
PyObject *
vkpy_virSecretGetValue(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned int flags = 0;
    unsigned char *value;
    size_t size = 0;
    PyObject *ret;

    if (hostdev_parse_flags(args, kwargs, "|I:value", &flags) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    value = virSecretGetValue(vkpy_ptr(self), &size, flags);
    Py_END_ALLOW_THREADS
    if (!value)
        return vkpy_raise("virSecretGetValue() failed");
    ret = PyBytes_FromStringAndSize((const char *)value, size);
    memset(value, 0, size);
    free(value);
    return ret;
}

/* setValue(value, flags=0): VALUE is bytes, any other buffer, or str
 * (its UTF-8 bytes), as libvirt-python accepts. */
PyObject *
vkpy_virSecretSetValue(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"value", "flags", NULL};
    const char *value = NULL;
    Py_ssize_t size = 0;
    unsigned int flags = 0;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "z#|I:setValue", kwlist,
                                     &value, &size, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virSecretSetValue(vkpy_ptr(self), (const unsigned char *)value,
                            size, flags);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        return vkpy_raise("virSecretSetValue() failed");
    return PyLong_FromLong(ret);
}
