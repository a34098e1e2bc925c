/*
 * override-event.c: hand-written Python glue for api/event.xml (see
 * libvirt-override.c for the helpers).
 *
 * Three kinds of bridges between C callbacks and Python:
 *
 * - Object events: each registration keeps a vkpy_EventData (the Python
 *   connection, the user's callable and opaque) as the C opaque, released
 *   by the free callback.  There is one C trampoline per callback
 *   signature; it takes the GIL, wraps the handle it is given (with a
 *   reference of its own, owned by the Python connection) and calls
 *   cb(conn, obj, ...event values..., opaque) as libvirt-python does.  The
 *   Python half (override-event.py) keeps libvirt-python's per-connection
 *   bookkeeping of callback numbers and of the old-style callbacks.
 *
 * - Event loops written in Python (virEventRegisterImpl): six C functions
 *   forward to the six Python callables.  What libvirt hands such a loop
 *   (callback, opaque, free callback) travels as the tuple libvirt-python
 *   uses, (invoke-callback, opaque, invoke-free), whose first and last
 *   items are C functions bound to the pointers; the loop calls
 *   libvirt._eventInvokeHandleCallback / _eventInvokeTimeoutCallback and
 *   libvirt.virEventInvokeFreeCallback with it.
 *
 * - Watches and timers added from Python (virEventAddHandle/AddTimeout):
 *   a C trampoline calls the Python callable from whichever loop runs.
 *
 * Every C call is made with the GIL released, and every trampoline takes
 * it back, so callbacks may come from any thread.
 */
#include "libvirtmod.h"

#include <string.h>

/* libvirt.h spells this VIR_DOMAIN_EVENT_CALLBACK; the binding keeps its own. */
#define VKPY_DOM_CB(f) ((virConnectDomainEventGenericCallback)(void (*)(void))(f))

/* ------------------------------------------------------------------ */
/* Calling Python from C callbacks                                    */

typedef struct {
    PyObject *conn;              /* the Python connection */
    PyObject *cb;
    PyObject *opaque;
} vkpy_EventData;

static vkpy_EventData *
vkpy_event_data_new(PyObject *conn, PyObject *cb, PyObject *opaque)
{
    vkpy_EventData *d = g_new0(vkpy_EventData, 1);

    d->conn = Py_NewRef(conn);
    d->cb = Py_NewRef(cb);
    d->opaque = Py_NewRef(opaque);
    return d;
}

/* The free callback of every registration: may run on any thread. */
static void
vkpy_event_data_free(void *opaque)
{
    vkpy_EventData *d = opaque;
    PyGILState_STATE st;

    if (!d)
        return;
    st = PyGILState_Ensure();
    Py_XDECREF(d->conn);
    Py_XDECREF(d->cb);
    Py_XDECREF(d->opaque);
    PyGILState_Release(st);
    g_free(d);
}

/* Call D's callable with (conn, handle, *values built from FMT, opaque);
 * TYPE is the handle's VKPY_TYPE_*.  Runs with the GIL held.  A Python
 * exception is printed, as libvirt-python does. */
static void
vkpy_event_callv(vkpy_EventData *d, int type, void *ptr, const char *fmt, va_list ap)
{
    PyObject *values = NULL;
    PyObject *args = NULL;
    PyObject *obj = NULL;
    PyObject *ret = NULL;
    Py_ssize_t n;
    Py_ssize_t i;

    if (vkpy_ref_funcs[type](ptr) < 0)
        goto cleanup;
    if (!(obj = vkpy_wrap(type, ptr, d->conn)))
        goto cleanup;
    if (!(values = Py_VaBuildValue(fmt, ap)))
        goto cleanup;
    n = PyTuple_Size(values);
    if (!(args = PyTuple_New(n + 3)))
        goto cleanup;
    PyTuple_SET_ITEM(args, 0, Py_NewRef(d->conn));
    PyTuple_SET_ITEM(args, 1, Py_NewRef(obj));
    for (i = 0; i < n; i++)
        PyTuple_SET_ITEM(args, i + 2, Py_NewRef(PyTuple_GET_ITEM(values, i)));
    PyTuple_SET_ITEM(args, n + 2, Py_NewRef(d->opaque));
    ret = PyObject_Call(d->cb, args, NULL);

 cleanup:
    if (!ret && PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(ret);
    Py_XDECREF(args);
    Py_XDECREF(values);
    Py_XDECREF(obj);
}

static void
vkpy_event_call(void *opaque, int type, void *ptr, const char *fmt, ...)
{
    PyGILState_STATE st = PyGILState_Ensure();
    va_list ap;

    va_start(ap, fmt);
    vkpy_event_callv(opaque, type, ptr, fmt, ap);
    va_end(ap);
    PyGILState_Release(st);
}


static PyObject *
vkpy_graphics_address(const virDomainEventGraphicsAddress *a)
{
    if (!a)
        Py_RETURN_NONE;
    return Py_BuildValue("{s:i,s:N,s:N}", "family", a->family,
                         "node", vkpy_str(a->node), "service", vkpy_str(a->service));
}

static PyObject *
vkpy_graphics_subject(const virDomainEventGraphicsSubject *s)
{
    PyObject *list;
    int i;

    if (!s)
        Py_RETURN_NONE;
    if (!(list = PyList_New(s->nidentity)))
        return NULL;
    for (i = 0; i < s->nidentity; i++) {
        PyObject *t = Py_BuildValue("(NN)", vkpy_str(s->identities[i].type),
                                    vkpy_str(s->identities[i].name));
        if (!t) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, t);
    }
    return list;
}

/* ------------------------------------------------------------------ */
/* Domain event trampolines, one per callback signature               */

#define DOM VKPY_TYPE_virDomain

static int
vkpy_dom_lifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *op)
{
    vkpy_event_call(op, DOM, dom, "(ii)", event, detail);
    return 0;
}

static void
vkpy_dom_generic(virConnectPtr c, virDomainPtr dom, void *op)
{
    vkpy_event_call(op, DOM, dom, "()");
}

static void
vkpy_dom_rtc(virConnectPtr c, virDomainPtr dom, long long offset, void *op)
{
    vkpy_event_call(op, DOM, dom, "(L)", offset);
}

static void
vkpy_dom_int(virConnectPtr c, virDomainPtr dom, int value, void *op)
{
    vkpy_event_call(op, DOM, dom, "(i)", value);
}

/* Distinct copies of the one-int shape: libvirt refuses the same function
 * twice for one event, so each event id gets its own pointer. */
static void
vkpy_dom_pmwakeup(virConnectPtr c, virDomainPtr dom, int reason, void *op)
{
    vkpy_dom_int(c, dom, reason, op);
}

static void
vkpy_dom_pmsuspend(virConnectPtr c, virDomainPtr dom, int reason, void *op)
{
    vkpy_dom_int(c, dom, reason, op);
}

static void
vkpy_dom_pmsuspend_disk(virConnectPtr c, virDomainPtr dom, int reason, void *op)
{
    vkpy_dom_int(c, dom, reason, op);
}

static void
vkpy_dom_iteration(virConnectPtr c, virDomainPtr dom, int iteration, void *op)
{
    vkpy_dom_int(c, dom, iteration, op);
}

static void
vkpy_dom_io_error(virConnectPtr c, virDomainPtr dom, const char *src,
                  const char *alias, int action, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zzi)", src, alias, action);
}

static void
vkpy_dom_io_error_reason(virConnectPtr c, virDomainPtr dom, const char *src,
                         const char *alias, int action, const char *reason, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zziz)", src, alias, action, reason);
}

static void
vkpy_dom_graphics(virConnectPtr c, virDomainPtr dom, int phase,
                  const virDomainEventGraphicsAddress *local,
                  const virDomainEventGraphicsAddress *remote,
                  const char *authScheme,
                  const virDomainEventGraphicsSubject *subject, void *op)
{
    PyGILState_STATE st = PyGILState_Ensure();

    /* N steals the new references; a NULL stops the call with an error */
    vkpy_event_call(op, DOM, dom, "(iNNzN)", phase, vkpy_graphics_address(local),
                    vkpy_graphics_address(remote), authScheme,
                    vkpy_graphics_subject(subject));
    PyGILState_Release(st);
}

static void
vkpy_dom_block_job(virConnectPtr c, virDomainPtr dom, const char *disk,
                   int type, int status, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zii)", disk, type, status);
}

static void
vkpy_dom_block_job2(virConnectPtr c, virDomainPtr dom, const char *disk,
                    int type, int status, void *op)
{
    vkpy_dom_block_job(c, dom, disk, type, status, op);
}

static void
vkpy_dom_disk_change(virConnectPtr c, virDomainPtr dom, const char *oldSrc,
                     const char *newSrc, const char *alias, int reason, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zzzi)", oldSrc, newSrc, alias, reason);
}

static void
vkpy_dom_tray_change(virConnectPtr c, virDomainPtr dom, const char *alias,
                     int reason, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zi)", alias, reason);
}

static void
vkpy_dom_balloon(virConnectPtr c, virDomainPtr dom, unsigned long long actual, void *op)
{
    vkpy_event_call(op, DOM, dom, "(K)", actual);
}

static void
vkpy_dom_alias(virConnectPtr c, virDomainPtr dom, const char *alias, void *op)
{
    vkpy_event_call(op, DOM, dom, "(z)", alias);
}

static void
vkpy_dom_device_added(virConnectPtr c, virDomainPtr dom, const char *alias, void *op)
{
    vkpy_dom_alias(c, dom, alias, op);
}

static void
vkpy_dom_removal_failed(virConnectPtr c, virDomainPtr dom, const char *alias, void *op)
{
    vkpy_dom_alias(c, dom, alias, op);
}

static void
vkpy_dom_params(virConnectPtr c, virDomainPtr dom, virTypedParameterPtr params,
                int nparams, void *op)
{
    PyGILState_STATE st = PyGILState_Ensure();

    vkpy_event_call(op, DOM, dom, "(N)", vkpy_params_to_dict(params, nparams));
    PyGILState_Release(st);
}

static void
vkpy_dom_job_completed(virConnectPtr c, virDomainPtr dom, virTypedParameterPtr params,
                       int nparams, void *op)
{
    vkpy_dom_params(c, dom, params, nparams, op);
}

static void
vkpy_dom_agent(virConnectPtr c, virDomainPtr dom, int state, int reason, void *op)
{
    vkpy_event_call(op, DOM, dom, "(ii)", state, reason);
}

static void
vkpy_dom_metadata(virConnectPtr c, virDomainPtr dom, int type, const char *nsuri, void *op)
{
    vkpy_event_call(op, DOM, dom, "(iz)", type, nsuri);
}

static void
vkpy_dom_threshold(virConnectPtr c, virDomainPtr dom, const char *dev, const char *path,
                   unsigned long long threshold, unsigned long long excess, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zzKK)", dev, path, threshold, excess);
}

static void
vkpy_dom_memory_failure(virConnectPtr c, virDomainPtr dom, int recipient, int action,
                        unsigned int flags, void *op)
{
    vkpy_event_call(op, DOM, dom, "(iiI)", recipient, action, flags);
}

static void
vkpy_dom_memory_size(virConnectPtr c, virDomainPtr dom, const char *alias,
                     unsigned long long size, void *op)
{
    vkpy_event_call(op, DOM, dom, "(zK)", alias, size);
}

static void
vkpy_dom_control_error(virConnectPtr c, virDomainPtr dom, void *op)
{
    vkpy_dom_generic(c, dom, op);
}

/* The trampoline of each virDomainEventID, as libvirt-python knows them;
 * NULL for an id it does not (registration then fails). */
static virConnectDomainEventGenericCallback
vkpy_domain_trampoline(int eventID)
{
    switch (eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE: return VKPY_DOM_CB(vkpy_dom_lifecycle);
    case VIR_DOMAIN_EVENT_ID_REBOOT: return VKPY_DOM_CB(vkpy_dom_generic);
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE: return VKPY_DOM_CB(vkpy_dom_rtc);
    case VIR_DOMAIN_EVENT_ID_WATCHDOG: return VKPY_DOM_CB(vkpy_dom_int);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR: return VKPY_DOM_CB(vkpy_dom_io_error);
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: return VKPY_DOM_CB(vkpy_dom_graphics);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: return VKPY_DOM_CB(vkpy_dom_io_error_reason);
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR: return VKPY_DOM_CB(vkpy_dom_control_error);
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB: return VKPY_DOM_CB(vkpy_dom_block_job);
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE: return VKPY_DOM_CB(vkpy_dom_disk_change);
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE: return VKPY_DOM_CB(vkpy_dom_tray_change);
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP: return VKPY_DOM_CB(vkpy_dom_pmwakeup);
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND: return VKPY_DOM_CB(vkpy_dom_pmsuspend);
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE: return VKPY_DOM_CB(vkpy_dom_balloon);
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK: return VKPY_DOM_CB(vkpy_dom_pmsuspend_disk);
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED: return VKPY_DOM_CB(vkpy_dom_alias);
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: return VKPY_DOM_CB(vkpy_dom_block_job2);
    case VIR_DOMAIN_EVENT_ID_TUNABLE: return VKPY_DOM_CB(vkpy_dom_params);
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: return VKPY_DOM_CB(vkpy_dom_agent);
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED: return VKPY_DOM_CB(vkpy_dom_device_added);
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION: return VKPY_DOM_CB(vkpy_dom_iteration);
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: return VKPY_DOM_CB(vkpy_dom_job_completed);
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED: return VKPY_DOM_CB(vkpy_dom_removal_failed);
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE: return VKPY_DOM_CB(vkpy_dom_metadata);
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD: return VKPY_DOM_CB(vkpy_dom_threshold);
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE: return VKPY_DOM_CB(vkpy_dom_memory_failure);
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE: return VKPY_DOM_CB(vkpy_dom_memory_size);
    }
    return NULL;
}

#undef DOM

/* ------------------------------------------------------------------ */
/* Other object kinds                                                 */

static void
vkpy_net_lifecycle(virConnectPtr c, virNetworkPtr net, int event, int detail, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virNetwork, net, "(ii)", event, detail);
}

static void
vkpy_pool_lifecycle(virConnectPtr c, virStoragePoolPtr pool, int event, int detail, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virStoragePool, pool, "(ii)", event, detail);
}

static void
vkpy_pool_generic(virConnectPtr c, virStoragePoolPtr pool, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virStoragePool, pool, "()");
}

static void
vkpy_dev_lifecycle(virConnectPtr c, virNodeDevicePtr dev, int event, int detail, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virNodeDevice, dev, "(ii)", event, detail);
}

static void
vkpy_dev_generic(virConnectPtr c, virNodeDevicePtr dev, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virNodeDevice, dev, "()");
}

static void
vkpy_secret_lifecycle(virConnectPtr c, virSecretPtr secret, int event, int detail, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virSecret, secret, "(ii)", event, detail);
}

static void
vkpy_secret_generic(virConnectPtr c, virSecretPtr secret, void *op)
{
    vkpy_event_call(op, VKPY_TYPE_virSecret, secret, "()");
}

/* ------------------------------------------------------------------ */
/* Registration methods of virConnect                                 */

/* The C handle of OBJ (None: NULL) when it is a TYPE; -1 with a Python
 * exception otherwise. */
static int
vkpy_event_filter(PyObject *obj, int type, void **ptr)
{
    *ptr = NULL;
    if (obj == Py_None)
        return 0;
    if (!PyObject_TypeCheck(obj, vkpy_base_types[type])) {
        PyErr_Format(PyExc_TypeError, "expected a %s or None, got %s",
                     vkpy_base_types[type]->tp_name, Py_TYPE(obj)->tp_name);
        return -1;
    }
    *ptr = ((vkpy_Handle *)obj)->ptr;
    return 0;
}

typedef int (*vkpy_RegisterFunc)(virConnectPtr, void *, int, void (*)(void),
                                 void *, virFreeCallback);

/* conn.xxxEventRegisterAny(obj, eventID, cb, opaque) at the C level:
 * the callback number, or -1 (the Python half raises libvirtError). */
static PyObject *
vkpy_event_register(PyObject *self, PyObject *args, PyObject *kwargs,
                    const char *fname, int type, vkpy_RegisterFunc reg,
                    void (*trampoline)(void))
{
    static char *kwlist[] = {"obj", "eventID", "cb", "opaque", NULL};
    g_autofree char *format = g_strdup_printf("OiOO:%s", fname);
    PyObject *pyobj;
    PyObject *cb;
    PyObject *opaque;
    vkpy_EventData *data;
    void *ptr;
    int eventID;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, format, kwlist,
                                     &pyobj, &eventID, &cb, &opaque))
        return NULL;
    if (vkpy_event_filter(pyobj, type, &ptr) < 0)
        return NULL;
    /* an event libvirt-python does not know: -1 without a call, so the
     * error raised is whatever the thread's last one was, as there */
    if (!trampoline)
        return PyLong_FromLong(-1);
    data = vkpy_event_data_new(self, cb, opaque);
    Py_BEGIN_ALLOW_THREADS
    ret = reg(((vkpy_Handle *)self)->ptr, ptr, eventID, trampoline, data,
              vkpy_event_data_free);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        vkpy_event_data_free(data);
    return PyLong_FromLong(ret);
}

static PyObject *
vkpy_event_deregister(PyObject *self, PyObject *args, PyObject *kwargs,
                      const char *fname, int (*dereg)(virConnectPtr, int))
{
    static char *kwlist[] = {"callbackID", NULL};
    g_autofree char *format = g_strdup_printf("i:%s", fname);
    int callbackID;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, &callbackID))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = dereg(((vkpy_Handle *)self)->ptr, callbackID);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(ret);
}

PyObject *
vkpy_virConnectDomainEventRegisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    PyObject *pyid = NULL;
    int eventID = -1;

    /* peek at the event id to pick the trampoline */
    if (args && PyTuple_Check(args) && PyTuple_Size(args) > 1)
        pyid = PyTuple_GetItem(args, 1);
    else if (kwargs)
        pyid = PyDict_GetItemString(kwargs, "eventID");
    if (pyid && PyLong_Check(pyid))
        eventID = (int)PyLong_AsLong(pyid);
    PyErr_Clear();
    return vkpy_event_register(self, args, kwargs, "domainEventRegisterAny",
                               VKPY_TYPE_virDomain,
                               (vkpy_RegisterFunc)virConnectDomainEventRegisterAny,
                               (void (*)(void))vkpy_domain_trampoline(eventID));
}

PyObject *
vkpy_virConnectDomainEventDeregisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_deregister(self, args, kwargs, "domainEventDeregisterAny",
                                 virConnectDomainEventDeregisterAny);
}

/* The two-kind (lifecycle, generic) event families. */
static void (*
vkpy_pick(PyObject *args, PyObject *kwargs, void (*lifecycle)(void),
          int genericID, void (*generic)(void)))(void)
{
    PyObject *pyid = NULL;
    long id = -1;

    if (args && PyTuple_Check(args) && PyTuple_Size(args) > 1)
        pyid = PyTuple_GetItem(args, 1);
    else if (kwargs)
        pyid = PyDict_GetItemString(kwargs, "eventID");
    if (pyid && PyLong_Check(pyid))
        id = PyLong_AsLong(pyid);
    PyErr_Clear();
    if (id == 0)
        return lifecycle;
    if (generic && id == genericID)
        return generic;
    return NULL;
}

PyObject *
vkpy_virConnectNetworkEventRegisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_register(self, args, kwargs, "networkEventRegisterAny",
                               VKPY_TYPE_virNetwork,
                               (vkpy_RegisterFunc)virConnectNetworkEventRegisterAny,
                               vkpy_pick(args, kwargs, (void (*)(void))vkpy_net_lifecycle, -1, NULL));
}

PyObject *
vkpy_virConnectNetworkEventDeregisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_deregister(self, args, kwargs, "networkEventDeregisterAny",
                                 virConnectNetworkEventDeregisterAny);
}

PyObject *
vkpy_virConnectStoragePoolEventRegisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_register(self, args, kwargs, "storagePoolEventRegisterAny",
                               VKPY_TYPE_virStoragePool,
                               (vkpy_RegisterFunc)virConnectStoragePoolEventRegisterAny,
                               vkpy_pick(args, kwargs, (void (*)(void))vkpy_pool_lifecycle,
                                         VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                         (void (*)(void))vkpy_pool_generic));
}

PyObject *
vkpy_virConnectStoragePoolEventDeregisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_deregister(self, args, kwargs, "storagePoolEventDeregisterAny",
                                 virConnectStoragePoolEventDeregisterAny);
}

PyObject *
vkpy_virConnectNodeDeviceEventRegisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_register(self, args, kwargs, "nodeDeviceEventRegisterAny",
                               VKPY_TYPE_virNodeDevice,
                               (vkpy_RegisterFunc)virConnectNodeDeviceEventRegisterAny,
                               vkpy_pick(args, kwargs, (void (*)(void))vkpy_dev_lifecycle,
                                         VIR_NODE_DEVICE_EVENT_ID_UPDATE,
                                         (void (*)(void))vkpy_dev_generic));
}

PyObject *
vkpy_virConnectNodeDeviceEventDeregisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_deregister(self, args, kwargs, "nodeDeviceEventDeregisterAny",
                                 virConnectNodeDeviceEventDeregisterAny);
}

PyObject *
vkpy_virConnectSecretEventRegisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_register(self, args, kwargs, "secretEventRegisterAny",
                               VKPY_TYPE_virSecret,
                               (vkpy_RegisterFunc)virConnectSecretEventRegisterAny,
                               vkpy_pick(args, kwargs, (void (*)(void))vkpy_secret_lifecycle,
                                         VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                         (void (*)(void))vkpy_secret_generic));
}

PyObject *
vkpy_virConnectSecretEventDeregisterAny(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return vkpy_event_deregister(self, args, kwargs, "secretEventDeregisterAny",
                                 virConnectSecretEventDeregisterAny);
}

/* The old interface: the Python half registers one dispatcher per
 * connection, called as dispatcher(dom, event, detail). */
static int
vkpy_legacy_lifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *op)
{
    vkpy_EventData *d = op;
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *pydom = NULL;
    PyObject *ret = NULL;

    if (vkpy_ref_funcs[VKPY_TYPE_virDomain](dom) == 0 &&
        (pydom = vkpy_wrap(VKPY_TYPE_virDomain, dom, d->conn)))
        ret = PyObject_CallFunction(d->cb, "Oii", pydom, event, detail);
    if (!ret && PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(ret);
    Py_XDECREF(pydom);
    PyGILState_Release(st);
    return 0;
}

PyObject *
vkpy_virConnectDomainEventRegister(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dispatcher", NULL};
    PyObject *dispatcher;
    vkpy_EventData *data;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:domainEventRegister", kwlist, &dispatcher))
        return NULL;
    data = vkpy_event_data_new(self, dispatcher, Py_None);
    Py_BEGIN_ALLOW_THREADS
    ret = virConnectDomainEventRegister(((vkpy_Handle *)self)->ptr, vkpy_legacy_lifecycle,
                                        data, vkpy_event_data_free);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        vkpy_event_data_free(data);
    return PyLong_FromLong(ret);
}

PyObject *
vkpy_virConnectDomainEventDeregister(PyObject *self, PyObject *args, PyObject *kwargs)
{
    int ret;

    Py_BEGIN_ALLOW_THREADS
    ret = virConnectDomainEventDeregister(((vkpy_Handle *)self)->ptr, vkpy_legacy_lifecycle);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(ret);
}

/* ------------------------------------------------------------------ */
/* Watches and timers added from Python                               */

/* DATA is (callable, opaque); freed by the loop after removal. */
static void
vkpy_pair_free(void *data)
{
    PyGILState_STATE st = PyGILState_Ensure();

    Py_XDECREF((PyObject *)data);
    PyGILState_Release(st);
}

static void
vkpy_py_handle_cb(int watch, int fd, int events, void *data)
{
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *pair = data;
    PyObject *ret = PyObject_CallFunction(PyTuple_GET_ITEM(pair, 0), "iiiO", watch, fd,
                                          events, PyTuple_GET_ITEM(pair, 1));

    if (!ret)
        PyErr_Print();
    Py_XDECREF(ret);
    PyGILState_Release(st);
}

static void
vkpy_py_timeout_cb(int timer, void *data)
{
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *pair = data;
    PyObject *ret = PyObject_CallFunction(PyTuple_GET_ITEM(pair, 0), "iO", timer,
                                          PyTuple_GET_ITEM(pair, 1));

    if (!ret)
        PyErr_Print();
    Py_XDECREF(ret);
    PyGILState_Release(st);
}

PyObject *
vkpy_virEventAddHandle(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"fd", "events", "cb", "opaque", NULL};
    PyObject *cb;
    PyObject *opaque;
    PyObject *pair;
    int fd;
    int events;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "iiOO:virEventAddHandle", kwlist,
                                     &fd, &events, &cb, &opaque))
        return NULL;
    if (!PyCallable_Check(cb)) {
        PyErr_SetString(PyExc_TypeError, "virEventAddHandle: cb must be callable");
        return NULL;
    }
    if (!(pair = PyTuple_Pack(2, cb, opaque)))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virEventAddHandle(fd, events, vkpy_py_handle_cb, pair, vkpy_pair_free);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        Py_DECREF(pair);
    return PyLong_FromLong(ret);
}

PyObject *
vkpy_virEventAddTimeout(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"timeout", "cb", "opaque", NULL};
    PyObject *cb;
    PyObject *opaque;
    PyObject *pair;
    int timeout;
    int ret;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "iOO:virEventAddTimeout", kwlist,
                                     &timeout, &cb, &opaque))
        return NULL;
    if (!PyCallable_Check(cb)) {
        PyErr_SetString(PyExc_TypeError, "virEventAddTimeout: cb must be callable");
        return NULL;
    }
    if (!(pair = PyTuple_Pack(2, cb, opaque)))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ret = virEventAddTimeout(timeout, vkpy_py_timeout_cb, pair, vkpy_pair_free);
    Py_END_ALLOW_THREADS
    if (ret < 0)
        Py_DECREF(pair);
    return PyLong_FromLong(ret);
}

/* ------------------------------------------------------------------ */
/* Event loops written in Python                                      */

enum {
    VKPY_ADD_HANDLE,
    VKPY_UPDATE_HANDLE,
    VKPY_REMOVE_HANDLE,
    VKPY_ADD_TIMEOUT,
    VKPY_UPDATE_TIMEOUT,
    VKPY_REMOVE_TIMEOUT,
    VKPY_IMPL_LAST,
};

static PyObject *vkpy_impl[VKPY_IMPL_LAST];

/* C functions handed to a Python loop, bound to the pointer they call
 * (a Python int holding it). */
static PyObject *
vkpy_invoke_handle(PyObject *bound, PyObject *args)
{
    virEventHandleCallback cb = (virEventHandleCallback)PyLong_AsVoidPtr(bound);
    PyObject *pyopaque;
    void *opaque;
    int watch;
    int fd;
    int events;

    if (!PyArg_ParseTuple(args, "iiiO", &watch, &fd, &events, &pyopaque))
        return NULL;
    opaque = PyLong_AsVoidPtr(pyopaque);
    if (PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cb(watch, fd, events, opaque);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
vkpy_invoke_timeout(PyObject *bound, PyObject *args)
{
    virEventTimeoutCallback cb = (virEventTimeoutCallback)PyLong_AsVoidPtr(bound);
    PyObject *pyopaque;
    void *opaque;
    int timer;

    if (!PyArg_ParseTuple(args, "iO", &timer, &pyopaque))
        return NULL;
    opaque = PyLong_AsVoidPtr(pyopaque);
    if (PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cb(timer, opaque);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyObject *
vkpy_invoke_free(PyObject *bound, PyObject *pyopaque)
{
    virFreeCallback ff = (virFreeCallback)PyLong_AsVoidPtr(bound);
    void *opaque = PyLong_AsVoidPtr(pyopaque);

    if (PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    ff(opaque);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyMethodDef vkpy_invoke_handle_def = {
    "invokeHandleCallback", vkpy_invoke_handle, METH_VARARGS,
    "invokeHandleCallback(watch, fd, events, opaque): run libvirt's watch callback.",
};
static PyMethodDef vkpy_invoke_timeout_def = {
    "invokeTimeoutCallback", vkpy_invoke_timeout, METH_VARARGS,
    "invokeTimeoutCallback(timer, opaque): run libvirt's timer callback.",
};
static PyMethodDef vkpy_invoke_free_def = {
    "invokeFreeCallback", vkpy_invoke_free, METH_O,
    "invokeFreeCallback(opaque): release libvirt's opaque data.",
};

static PyObject *
vkpy_bind(PyMethodDef *def, void (*fn)(void))
{
    PyObject *ptr;
    PyObject *f;

    if (!fn)
        Py_RETURN_NONE;
    if (!(ptr = PyLong_FromVoidPtr((void *)fn)))
        return NULL;
    f = PyCFunction_New(def, ptr);
    Py_DECREF(ptr);
    return f;
}

/* (invoke-callback, opaque, invoke-free) for a Python loop. */
static PyObject *
vkpy_loop_opaque(PyMethodDef *def, void (*cb)(void), void *opaque, virFreeCallback ff)
{
    return Py_BuildValue("(NNN)", vkpy_bind(def, cb), PyLong_FromVoidPtr(opaque),
                         vkpy_bind(&vkpy_invoke_free_def, (void (*)(void))ff));
}

/* libvirt.NAME, the module the Python loop is written against. */
static PyObject *
vkpy_libvirt_attr(const char *name)
{
    PyObject *mod = PyImport_ImportModule("libvirt");
    PyObject *attr;

    if (!mod)
        return NULL;
    attr = PyObject_GetAttrString(mod, name);
    Py_DECREF(mod);
    return attr;
}

/* Call the loop's function WHICH with ARGS (stolen); its int result, or
 * -1 after printing an exception. */
static int
vkpy_loop_call(int which, PyObject *args)
{
    PyObject *fn = vkpy_impl[which];
    PyObject *ret;
    int rc = 0;

    if (!args || !fn || fn == Py_None) {
        Py_XDECREF(args);
        if (PyErr_Occurred())
            PyErr_Print();
        return -1;
    }
    ret = PyObject_Call(fn, args, NULL);
    Py_DECREF(args);
    if (!ret) {
        PyErr_Print();
        return -1;
    }
    if (PyLong_Check(ret))
        rc = (int)PyLong_AsLong(ret);
    Py_DECREF(ret);
    if (PyErr_Occurred()) {
        PyErr_Print();
        rc = -1;
    }
    return rc;
}

static int
vkpy_loop_add_handle(int fd, int event, virEventHandleCallback cb, void *opaque,
                     virFreeCallback ff)
{
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *invoke = vkpy_libvirt_attr("_eventInvokeHandleCallback");
    PyObject *tuple = invoke ? vkpy_loop_opaque(&vkpy_invoke_handle_def,
                                                (void (*)(void))cb, opaque, ff) : NULL;
    int ret = -1;

    if (invoke && tuple)
        ret = vkpy_loop_call(VKPY_ADD_HANDLE, Py_BuildValue("(iiOO)", fd, event, invoke, tuple));
    else if (PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(invoke);
    Py_XDECREF(tuple);
    PyGILState_Release(st);
    return ret;
}

static void
vkpy_loop_update_handle(int watch, int event)
{
    PyGILState_STATE st = PyGILState_Ensure();

    vkpy_loop_call(VKPY_UPDATE_HANDLE, Py_BuildValue("(ii)", watch, event));
    PyGILState_Release(st);
}

static int
vkpy_loop_remove_handle(int watch)
{
    PyGILState_STATE st = PyGILState_Ensure();
    int ret = vkpy_loop_call(VKPY_REMOVE_HANDLE, Py_BuildValue("(i)", watch));

    PyGILState_Release(st);
    return ret;
}

static int
vkpy_loop_add_timeout(int timeout, virEventTimeoutCallback cb, void *opaque,
                      virFreeCallback ff)
{
    PyGILState_STATE st = PyGILState_Ensure();
    PyObject *invoke = vkpy_libvirt_attr("_eventInvokeTimeoutCallback");
    PyObject *tuple = invoke ? vkpy_loop_opaque(&vkpy_invoke_timeout_def,
                                                (void (*)(void))cb, opaque, ff) : NULL;
    int ret = -1;

    if (invoke && tuple)
        ret = vkpy_loop_call(VKPY_ADD_TIMEOUT, Py_BuildValue("(iOO)", timeout, invoke, tuple));
    else if (PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(invoke);
    Py_XDECREF(tuple);
    PyGILState_Release(st);
    return ret;
}

static void
vkpy_loop_update_timeout(int timer, int timeout)
{
    PyGILState_STATE st = PyGILState_Ensure();

    vkpy_loop_call(VKPY_UPDATE_TIMEOUT, Py_BuildValue("(ii)", timer, timeout));
    PyGILState_Release(st);
}

static int
vkpy_loop_remove_timeout(int timer)
{
    PyGILState_STATE st = PyGILState_Ensure();
    int ret = vkpy_loop_call(VKPY_REMOVE_TIMEOUT, Py_BuildValue("(i)", timer));

    PyGILState_Release(st);
    return ret;
}

PyObject *
vkpy_virEventRegisterImpl(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"addHandle", "updateHandle", "removeHandle",
                             "addTimeout", "updateTimeout", "removeTimeout", NULL};
    PyObject *fns[VKPY_IMPL_LAST];
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOOO:virEventRegisterImpl", kwlist,
                                     &fns[0], &fns[1], &fns[2], &fns[3], &fns[4], &fns[5]))
        return NULL;
    for (i = 0; i < VKPY_IMPL_LAST; i++) {
        if (!PyCallable_Check(fns[i])) {
            PyErr_SetString(PyExc_TypeError, "virEventRegisterImpl: every argument must be callable");
            return NULL;
        }
    }
    for (i = 0; i < VKPY_IMPL_LAST; i++)
        Py_XSETREF(vkpy_impl[i], Py_NewRef(fns[i]));
    Py_BEGIN_ALLOW_THREADS
    virEventRegisterImpl(vkpy_loop_add_handle, vkpy_loop_update_handle,
                         vkpy_loop_remove_handle, vkpy_loop_add_timeout,
                         vkpy_loop_update_timeout, vkpy_loop_remove_timeout);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}
