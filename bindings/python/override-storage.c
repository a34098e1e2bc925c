/*
 * override-storage.c: hand-written Python glue for the functions of
 * api/storage.xml marked override="python" (see libvirt-override.c).
 *
 * Streams move bytes, which the generic rules (strings and integers) do
 * not express: send() takes bytes, recv() returns bytes or libvirt-python's
 * integer codes (-2: a non-blocking stream would block, -3: at a hole),
 * and eventAddCallback() calls a Python function.  Storage adds the calls
 * taking another handle as argument and the list-of-handles results.
 */
#include "libvirtmod.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Streams                                                            */

PyObject *
vkpy_virStreamSend(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"data", NULL};
    Py_buffer data;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*:send", kwlist, &data))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virStreamSend(vkpy_ptr(self), data.buf, data.len);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&data);
    if (ret == -1)
        return vkpy_raise("virStreamSend() failed");
    return PyLong_FromLong(ret);
}

/* recv() and recvFlags(): the bytes read, or the negative codes -2/-3 as
 * integers.  A negative NBYTES reaches the driver as a huge size_t, which
 * it refuses, as with libvirt-python. */
static PyObject *
vkpy_stream_recv(PyObject *self, int nbytes, int use_flags, unsigned int flags)
{
    size_t want = (size_t)(long)nbytes;
    char *buf = g_malloc(nbytes > 0 ? (size_t)nbytes : 1);
    PyObject *res;
    int ret;

    Py_BEGIN_ALLOW_THREADS
    if (use_flags)
        ret = virStreamRecvFlags(vkpy_ptr(self), buf, want, flags);
    else
        ret = virStreamRecv(vkpy_ptr(self), buf, want);
    Py_END_ALLOW_THREADS
    if (ret == -1) {
        g_free(buf);
        return vkpy_raise(use_flags ? "virStreamRecvFlags() failed" : "virStreamRecv() failed");
    }
    if (ret < 0)
        res = PyLong_FromLong(ret);
    else
        res = PyBytes_FromStringAndSize(buf, ret);
    g_free(buf);
    return res;
}

PyObject *
vkpy_virStreamRecv(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"nbytes", NULL};
    int nbytes;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i:recv", kwlist, &nbytes))
        return NULL;
    return vkpy_stream_recv(self, nbytes, 0, 0);
}

PyObject *
vkpy_virStreamRecvFlags(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"nbytes", "flags", NULL};
    int nbytes;
    unsigned int flags = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|I:recvFlags", kwlist, &nbytes, &flags))
        return NULL;
    return vkpy_stream_recv(self, nbytes, 1, flags);
}

/* What an event callback of a stream needs: the Python stream object
 * (passed back to the callback), the callback and its opaque value. */
typedef struct {
    PyObject *stream;
    PyObject *cb;
    PyObject *opaque;
} vkpy_StreamEventData;

static void
vkpy_stream_event_free(void *opaque)
{
    vkpy_StreamEventData *data = opaque;
    PyGILState_STATE gil = PyGILState_Ensure();

    Py_XDECREF(data->stream);
    Py_XDECREF(data->cb);
    Py_XDECREF(data->opaque);
    PyGILState_Release(gil);
    g_free(data);
}

static void
vkpy_stream_event_trampoline(virStreamPtr st G_GNUC_UNUSED, int events, void *opaque)
{
    vkpy_StreamEventData *data = opaque;
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *res;

    res = PyObject_CallFunction(data->cb, "OiO", data->stream, events, data->opaque);
    if (!res)
        PyErr_Print();
    Py_XDECREF(res);
    PyGILState_Release(gil);
}

PyObject *
vkpy_virStreamEventAddCallback(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"events", "cb", "opaque", NULL};
    vkpy_StreamEventData *data;
    PyObject *cb;
    PyObject *opaque = Py_None;
    int events;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "iO|O:eventAddCallback", kwlist,
                                     &events, &cb, &opaque))
        return NULL;
    if (!PyCallable_Check(cb)) {
        PyErr_SetString(PyExc_TypeError, "cb must be callable");
        return NULL;
    }
    data = g_new0(vkpy_StreamEventData, 1);
    data->stream = Py_NewRef(self);
    data->cb = Py_NewRef(cb);
    data->opaque = Py_NewRef(opaque);
    Py_BEGIN_ALLOW_THREADS
    ret = virStreamEventAddCallback(vkpy_ptr(self), events,
                                    vkpy_stream_event_trampoline, data,
                                    vkpy_stream_event_free);
    Py_END_ALLOW_THREADS
    if (ret < 0) {
        Py_DECREF(data->stream);
        Py_DECREF(data->cb);
        Py_DECREF(data->opaque);
        g_free(data);
        return vkpy_raise("virStreamEventAddCallback() failed");
    }
    /* libvirt-python's eventAddCallback returns nothing */
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ */
/* Storage                                                            */

/* A list of N handles of TYPE owned by SELF's connection; the handles
 * are consumed either way, and ARRAY is freed. */
static PyObject *
vkpy_storage_handle_list(PyObject *self, int type, void **array, int n,
                         int (*freefn)(void *))
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; i < n; i++) {
        PyObject *item = list ? vkpy_wrap(type, array[i], vkpy_owner_for(self, type)) : NULL;
        if (!item) {
            Py_BEGIN_ALLOW_THREADS
            freefn(array[i]);
            Py_END_ALLOW_THREADS
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, item);
    }
    free(array);
    return list;
}

PyObject *
vkpy_virConnectListAllStoragePools(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virStoragePoolPtr *pools = NULL;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:listAllStoragePools", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virConnectListAllStoragePools(vkpy_ptr(self), &pools, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virConnectListAllStoragePools() failed");
    return vkpy_storage_handle_list(self, VKPY_TYPE_virStoragePool, (void **)pools, n,
                                    (int (*)(void *))virStoragePoolFree);
}

PyObject *
vkpy_virStoragePoolListAllVolumes(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"flags", NULL};
    unsigned int flags = 0;
    virStorageVolPtr *vols = NULL;
    int n;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|I:listAllVolumes", kwlist, &flags))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    n = virStoragePoolListAllVolumes(vkpy_ptr(self), &vols, flags);
    Py_END_ALLOW_THREADS
    if (n < 0)
        return vkpy_raise("virStoragePoolListAllVolumes() failed");
    return vkpy_storage_handle_list(self, VKPY_TYPE_virStorageVol, (void **)vols, n,
                                    (int (*)(void *))virStorageVolFree);
}

PyObject *
vkpy_virStorageVolCreateXMLFrom(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"xmlDesc", "clonevol", "flags", NULL};
    const char *xml;
    PyObject *pyclone;
    void *clone;
    unsigned int flags = 0;
    virStorageVolPtr vol;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO|I:createXMLFrom", kwlist,
                                     &xml, &pyclone, &flags))
        return NULL;
    if (vkpy_as_handle(pyclone, VKPY_TYPE_virStorageVol, &clone) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    vol = virStorageVolCreateXMLFrom(vkpy_ptr(self), xml, clone, flags);
    Py_END_ALLOW_THREADS
    if (!vol)
        return vkpy_raise("virStorageVolCreateXMLFrom() failed");
    return vkpy_wrap(VKPY_TYPE_virStorageVol, vol, vkpy_owner_for(self, VKPY_TYPE_virStorageVol));
}

/* upload() and download(): (stream, offset, length, flags=0) -> 0 */
static PyObject *
vkpy_storage_transfer(PyObject *self, PyObject *args, PyObject *kwargs, int upload)
{
    static char *kwlist[] = {"stream", "offset", "length", "flags", NULL};
    PyObject *pystream;
    void *stream;
    unsigned long long offset;
    unsigned long long length;
    unsigned int flags = 0;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs,
                                     upload ? "OKK|I:upload" : "OKK|I:download", kwlist,
                                     &pystream, &offset, &length, &flags))
        return NULL;
    if (vkpy_as_handle(pystream, VKPY_TYPE_virStream, &stream) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    if (upload)
        ret = virStorageVolUpload(vkpy_ptr(self), stream, offset, length, flags);
    else
        ret = virStorageVolDownload(vkpy_ptr(self), stream, offset, length, flags);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        return vkpy_raise(upload ? "virStorageVolUpload() failed" : "virStorageVolDownload() failed");
    return PyLong_FromLong(ret);
}

PyObject *
vkpy_virStorageVolUpload(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_storage_transfer(self, args, kwargs, 1);
}

PyObject *
vkpy_virStorageVolDownload(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_storage_transfer(self, args, kwargs, 0);
}
