# Hand-written Python glue for api/event.xml, pasted into libvirt.py (see
# libvirt-override.py).
#
# The event loop functions with callbacks, and libvirt-python's event
# registration methods of virConnect.  libvirt-python keeps, per
# connection, the numbers of the callbacks registered through each method
# (so deregistering a number another method returned raises KeyError after
# the C call succeeded) and a dict of the old-style domainEventRegister
# callbacks behind one C registration; virtkit's handle classes have no
# __dict__, so that bookkeeping lives in module dicts keyed by connection,
# dropped as soon as a connection has nothing registered.


def _eventInvokeHandleCallback(watch, fd, event, opaque, opaquecompat=None):
    """Run the C callback of a watch: what a Python event loop registered
    with virEventRegisterImpl calls when FD is ready."""
    if opaquecompat:
        # very old loops passed the callback and its opaque apart
        opaque(watch, fd, event, opaquecompat)
        return
    opaque[0](watch, fd, event, opaque[1])


def _eventInvokeTimeoutCallback(timer, opaque, opaquecompat=None):
    """Run the C callback of a timer for a Python event loop."""
    if opaquecompat:
        opaque(timer, opaquecompat)
        return
    opaque[0](timer, opaque[1])


def virEventInvokeFreeCallback(opaque):
    """Release the data of a removed watch or timer, given the opaque
    tuple the loop got from addHandle/addTimeout.  Call it from the loop
    after removeHandle/removeTimeout returned, never from inside them."""
    if opaque[2] is not None:
        opaque[2](opaque[1])


def virEventRegisterImpl(addHandle, updateHandle, removeHandle, addTimeout,
                         updateTimeout, removeTimeout):
    """Make six Python callables the event loop libvirt uses.  addHandle
    and addTimeout receive (…, cb, opaque); the loop later calls
    cb(watch, fd, events, opaque) or cb(timer, opaque), and
    virEventInvokeFreeCallback(opaque) once a removed item is done."""
    libvirtmod.virEventRegisterImpl(addHandle, updateHandle, removeHandle,
                                    addTimeout, updateTimeout, removeTimeout)


def virEventAddHandle(fd, events, cb, opaque):
    """Watch FD for EVENTS in the registered loop; cb(watch, fd, events,
    opaque) runs when it is ready.  Returns the watch number."""
    ret = libvirtmod.virEventAddHandle(fd, events, cb, opaque)
    if ret == -1:
        raise libvirtError('virEventAddHandle() failed')
    return ret


def virEventAddTimeout(timeout, cb, opaque):
    """Call cb(timer, opaque) every TIMEOUT ms (0: every iteration, -1:
    disabled) from the registered loop.  Returns the timer number."""
    ret = libvirtmod.virEventAddTimeout(timeout, cb, opaque)
    if ret == -1:
        raise libvirtError('virEventAddTimeout() failed')
    return ret


# (connection, kind) -> {callbackID: opaque}
_event_callback_ids = {}
# connection -> {callback: opaque}, for domainEventRegister
_domain_event_legacy = {}


def _event_register(conn, kind, cmethod, obj, eventID, cb, opaque):
    ret = cmethod(conn, obj, eventID, cb, opaque)
    if ret == -1:
        raise libvirtError('virConnect%sEventRegisterAny() failed' % kind)
    _event_callback_ids.setdefault((conn, kind), {})[ret] = opaque
    return ret


def _event_deregister(conn, kind, cmethod, callbackID):
    ret = cmethod(conn, callbackID)
    if ret == -1:
        raise libvirtError('virConnect%sEventDeregisterAny() failed' % kind)
    ids = _event_callback_ids.get((conn, kind))
    if ids is None:
        return
    del ids[callbackID]
    if not ids:
        del _event_callback_ids[(conn, kind)]


class _virConnectGlueEvent:
    __slots__ = ()

    def domainEventRegister(self, cb, opaque):
        """Call cb(conn, dom, event, detail, opaque) for every lifecycle
        event (the old interface)."""
        cbs = _domain_event_legacy.get(self)
        if cbs is not None:
            cbs[cb] = opaque
            return
        cbs = {cb: opaque}

        def dispatch(dom, event, detail):
            for f, data in list(cbs.items()):
                f(self, dom, event, detail, data)

        _domain_event_legacy[self] = cbs
        ret = libvirtmod.virConnect.domainEventRegister(self, dispatch)
        if ret == -1:
            raise libvirtError('virConnectDomainEventRegister() failed')

    def domainEventDeregister(self, cb):
        """Stop calling CB, registered with domainEventRegister."""
        cbs = _domain_event_legacy.get(self)
        if cbs is None:
            return
        del cbs[cb]
        if not cbs:
            del _domain_event_legacy[self]
            ret = libvirtmod.virConnect.domainEventDeregister(self)
            if ret == -1:
                raise libvirtError('virConnectDomainEventDeregister() failed')

    def domainEventRegisterAny(self, dom, eventID, cb, opaque):
        """Call cb(conn, dom, …event values…, opaque) for event EVENTID
        of DOM (None: every domain); returns the callback number."""
        return _event_register(self, 'Domain', libvirtmod.virConnect.domainEventRegisterAny,
                               dom, eventID, cb, opaque)

    def domainEventDeregisterAny(self, callbackID):
        """Remove the domain event callback CALLBACKID."""
        _event_deregister(self, 'Domain', libvirtmod.virConnect.domainEventDeregisterAny,
                          callbackID)

    def networkEventRegisterAny(self, net, eventID, cb, opaque):
        """Call cb(conn, net, …event values…, opaque) for event EVENTID
        of NET (None: every network); returns the callback number."""
        return _event_register(self, 'Network', libvirtmod.virConnect.networkEventRegisterAny,
                               net, eventID, cb, opaque)

    def networkEventDeregisterAny(self, callbackID):
        """Remove the network event callback CALLBACKID."""
        _event_deregister(self, 'Network', libvirtmod.virConnect.networkEventDeregisterAny,
                          callbackID)

    def storagePoolEventRegisterAny(self, pool, eventID, cb, opaque):
        """Call cb(conn, pool, …event values…, opaque) for event EVENTID
        of POOL (None: every pool); returns the callback number."""
        return _event_register(self, 'StoragePool',
                               libvirtmod.virConnect.storagePoolEventRegisterAny,
                               pool, eventID, cb, opaque)

    def storagePoolEventDeregisterAny(self, callbackID):
        """Remove the storage pool event callback CALLBACKID."""
        _event_deregister(self, 'StoragePool',
                          libvirtmod.virConnect.storagePoolEventDeregisterAny, callbackID)

    def nodeDeviceEventRegisterAny(self, dev, eventID, cb, opaque):
        """Call cb(conn, dev, …event values…, opaque) for event EVENTID
        of DEV (None: every node device); returns the callback number."""
        return _event_register(self, 'NodeDevice',
                               libvirtmod.virConnect.nodeDeviceEventRegisterAny,
                               dev, eventID, cb, opaque)

    def nodeDeviceEventDeregisterAny(self, callbackID):
        """Remove the node device event callback CALLBACKID."""
        _event_deregister(self, 'NodeDevice',
                          libvirtmod.virConnect.nodeDeviceEventDeregisterAny, callbackID)

    def secretEventRegisterAny(self, secret, eventID, cb, opaque):
        """Call cb(conn, secret, …event values…, opaque) for event EVENTID
        of SECRET (None: every secret); returns the callback number."""
        return _event_register(self, 'Secret', libvirtmod.virConnect.secretEventRegisterAny,
                               secret, eventID, cb, opaque)

    def secretEventDeregisterAny(self, callbackID):
        """Remove the secret event callback CALLBACKID."""
        _event_deregister(self, 'Secret', libvirtmod.virConnect.secretEventDeregisterAny,
                          callbackID)
