/*
 * override-qemu.c: hand-written Python glue of the side modules
 * libvirt_qemu and libvirt_lxc (api/qemu.xml, api/lxc.xml): file
 * descriptor lists and the QEMU monitor event callback.
 */
#include "libvirtmod.h"

#include <string.h>

/* A list of Python ints from N descriptors, or NULL with an exception. */
static PyObject *
vkpy_fd_list(const int *fds, unsigned int n)
{
    PyObject *list = PyList_New(n);
    unsigned int i;

    for (i = 0; list && i < n; i++) {
        PyObject *item = PyLong_FromLong(fds[i]);
        if (!item) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

/* libvirt_qemu.qemuMonitorCommandWithFiles(domain, cmd, files=[], flags=0)
 * -> (result, [outfiles]) */
PyObject *
vkpy_virDomainQemuMonitorCommandWithFiles(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"domain", "cmd", "files", "flags", NULL};
    PyObject *pydom;
    PyObject *pyfiles = NULL;
    const char *cmd;
    unsigned int flags = 0;
    virDomainPtr dom;
    g_autofree int *infiles = NULL;
    Py_ssize_t ninfiles = 0;
    unsigned int noutfiles = 0;
    int *outfiles = NULL;
    char *result = NULL;
    PyObject *ret;
    Py_ssize_t i;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "Os|OI:qemuMonitorCommandWithFiles",
                                     kwlist, &pydom, &cmd, &pyfiles, &flags))
        return NULL;
    if (vkpy_as_handle(pydom, VKPY_TYPE_virDomain, (void **)&dom) < 0)
        return NULL;
    if (pyfiles && pyfiles != Py_None) {
        if ((ninfiles = PySequence_Size(pyfiles)) < 0)
            return NULL;
        infiles = g_new0(int, ninfiles + 1);
        for (i = 0; i < ninfiles; i++) {
            PyObject *item = PySequence_GetItem(pyfiles, i);
            int fd = item ? PyObject_AsFileDescriptor(item) : -1;

            Py_XDECREF(item);
            if (fd < 0)
                return NULL;
            infiles[i] = fd;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    rc = virDomainQemuMonitorCommandWithFiles(dom, cmd, ninfiles, infiles,
                                              &noutfiles, &outfiles, &result, flags);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virDomainQemuMonitorCommandWithFiles() failed");
    ret = Py_BuildValue("(NN)", vkpy_str_steal(result), vkpy_fd_list(outfiles, noutfiles));
    free(outfiles);
    return ret;
}

/* libvirt_lxc.lxcOpenNamespace(domain, flags=0) -> [fd, ...] */
PyObject *
vkpy_virDomainLxcOpenNamespace(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"domain", "flags", NULL};
    PyObject *pydom;
    unsigned int flags = 0;
    virDomainPtr dom;
    int *fds = NULL;
    PyObject *ret;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|I:lxcOpenNamespace", kwlist,
                                     &pydom, &flags))
        return NULL;
    if (vkpy_as_handle(pydom, VKPY_TYPE_virDomain, (void **)&dom) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virDomainLxcOpenNamespace(dom, &fds, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virDomainLxcOpenNamespace() failed");
    ret = vkpy_fd_list(fds, n);
    free(fds);
    return ret;
}

/* ------------------------------------------------------------------ */
/* QEMU monitor events                                                */

typedef struct {
    PyObject *conn;      /* the Python connection the callback was registered on */
    PyObject *callback;
    PyObject *opaque;
} vkpy_QemuEventData;

static void
vkpy_qemu_event_free(void *opaque)
{
    vkpy_QemuEventData *data = opaque;
    PyGILState_STATE st = PyGILState_Ensure();

    Py_XDECREF(data->conn);
    Py_XDECREF(data->callback);
    Py_XDECREF(data->opaque);
    g_free(data);
    PyGILState_Release(st);
}

/* Runs from the event loop: call callback(conn, dom, event, seconds,
 * micros, details, opaque) with the GIL held. */
static void
vkpy_qemu_event_trampoline(virConnectPtr conn,
                           virDomainPtr dom,
                           const char *event,
                           long long seconds,
                           unsigned int micros,
                           const char *details,
                           void *opaque)
{
    vkpy_QemuEventData *data = opaque;
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *pydom = vkpy_borrowed(data->conn, VKPY_TYPE_virDomain, dom);
    PyObject *ret = NULL;

    if (pydom)
        ret = PyObject_CallFunction(data->callback, "OOsLIzO", data->conn, pydom, event,
                                    seconds, micros, details, data->opaque);
    if (!ret)
        PyErr_Print();
    Py_XDECREF(ret);
    Py_XDECREF(pydom);
    PyGILState_Release(st);
}

/* libvirt_qemu.qemuMonitorEventRegister(conn, dom, event, cb, opaque, flags=0) -> id */
PyObject *
vkpy_virConnectDomainQemuMonitorEventRegister(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"conn", "dom", "event", "cb", "opaque", "flags", NULL};
    PyObject *pyconn;
    PyObject *pydom;
    PyObject *cb;
    PyObject *opaque;
    const char *event = NULL;
    unsigned int flags = 0;
    virConnectPtr conn;
    virDomainPtr dom = NULL;
    vkpy_QemuEventData *data;
    int id;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOzOO|I:qemuMonitorEventRegister", kwlist,
                                     &pyconn, &pydom, &event, &cb, &opaque, &flags))
        return NULL;
    if (vkpy_as_handle(pyconn, VKPY_TYPE_virConnect, (void **)&conn) < 0)
        return NULL;
    if (pydom != Py_None && vkpy_as_handle(pydom, VKPY_TYPE_virDomain, (void **)&dom) < 0)
        return NULL;
    if (!PyCallable_Check(cb)) {
        PyErr_SetString(PyExc_TypeError, "qemuMonitorEventRegister: cb must be callable");
        return NULL;
    }
    data = g_new0(vkpy_QemuEventData, 1);
    data->conn = Py_NewRef(pyconn);
    data->callback = Py_NewRef(cb);
    data->opaque = Py_NewRef(opaque);
    Py_BEGIN_ALLOW_THREADS
    id = virConnectDomainQemuMonitorEventRegister(conn, dom, event, vkpy_qemu_event_trampoline,
                                                  data, vkpy_qemu_event_free, flags);
    Py_END_ALLOW_THREADS
    if (id < 0) {
        Py_DECREF(data->conn);
        Py_DECREF(data->callback);
        Py_DECREF(data->opaque);
        g_free(data);
        return vkpy_raise("virConnectDomainQemuMonitorEventRegister() failed");
    }
    return PyLong_FromLong(id);
}

/* libvirt_qemu.qemuMonitorEventDeregister(conn, callbackID) */
PyObject *
vkpy_virConnectDomainQemuMonitorEventDeregister(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"conn", "callbackID", NULL};
    PyObject *pyconn;
    virConnectPtr conn;
    int id;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "Oi:qemuMonitorEventDeregister", kwlist,
                                     &pyconn, &id))
        return NULL;
    if (vkpy_as_handle(pyconn, VKPY_TYPE_virConnect, (void **)&conn) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectDomainQemuMonitorEventDeregister(conn, id);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        return vkpy_raise("virConnectDomainQemuMonitorEventDeregister() failed");
    return PyLong_FromLong(rc);
}
