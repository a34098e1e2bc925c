"""Events: registering and deregistering callbacks -- callback numbers,
duplicates, unknown numbers and event ids, the other object kinds,
read-only connections, and libvirt-python's bookkeeping quirks (KeyError
when a number from another method is deregistered)."""
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def show(label, func):
    try:
        print(label, func())
    except libvirt.libvirtError as e:
        print(label, "libvirtError", e.get_error_code())
    except (KeyError, TypeError) as e:
        print(label, type(e).__name__)


libvirt.virEventRegisterDefaultImpl()
c = libvirt.open("test:///default")
f = lambda *a: None  # noqa: E731
g = lambda *a: None  # noqa: E731
show("dom-any", lambda: c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, f, 1))
show("dom-dup", lambda: c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, g, 2))
show("dom-filter", lambda: c.domainEventRegisterAny(c.lookupByName("test"), 0, f, 1))
for eid in range(libvirt.VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1):
    if eid:
        show("dom-id-%d" % eid, lambda: c.domainEventRegisterAny(None, eid, f, None))
show("net", lambda: c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, f, 1))
show("net-filter", lambda: c.networkEventRegisterAny(c.networkLookupByName("default"), 0, f, 1)
     if hasattr(c, "networkLookupByName") else 31)
show("pool", lambda: c.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, f, 1))
show("pool-refresh", lambda: c.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH, f, 1))
show("dev", lambda: c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, f, 1))
show("dev-update", lambda: c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_UPDATE, f, 1))
show("secret", lambda: c.secretEventRegisterAny(None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE, f, 1))
show("secret-dereg", lambda: c.secretEventDeregisterAny(0))
show("dereg-99", lambda: c.domainEventDeregisterAny(99))
show("dereg-other-kind", lambda: c.domainEventDeregisterAny(32))
show("dereg-other-kind-again", lambda: c.domainEventDeregisterAny(32))
show("net-dereg", lambda: c.networkEventDeregisterAny(30))
show("net-dereg-again", lambda: c.networkEventDeregisterAny(30))
show("dom-dereg", lambda: c.domainEventDeregisterAny(0))
show("dom-dereg-again", lambda: c.domainEventDeregisterAny(0))
show("old-register", lambda: c.domainEventRegister(f, 1))
show("old-register-dup", lambda: c.domainEventRegister(f, 2))
show("old-register-2", lambda: c.domainEventRegister(g, 2))
show("old-deregister-unknown", lambda: c.domainEventDeregister(print))
show("old-deregister", lambda: c.domainEventDeregister(f))
show("old-deregister-2", lambda: c.domainEventDeregister(g))
show("old-deregister-none-left", lambda: c.domainEventDeregister(g))
show("next-id", lambda: c.domainEventRegisterAny(None, 0, f, None))

r = libvirt.openReadOnly("test:///default")
show("ro-register", lambda: r.domainEventRegisterAny(None, 0, f, None))
show("ro-dereg-foreign", lambda: r.domainEventDeregisterAny(1))
show("foreign-filter", lambda: r.domainEventRegisterAny(c.lookupByName("test"), 1, f, None))

show("timer", lambda: libvirt.virEventAddTimeout(-1, f, None) > 0)
show("handle", lambda: libvirt.virEventAddHandle(0, libvirt.VIR_EVENT_HANDLE_READABLE, f, None) > 0)
show("update-unknown-handle", lambda: libvirt.virEventUpdateHandle(9999, 0))
show("update-unknown-timer", lambda: libvirt.virEventUpdateTimeout(9999, 0))
show("remove-unknown-handle", lambda: libvirt.virEventRemoveHandle(9999))
show("remove-unknown-timer", lambda: libvirt.virEventRemoveTimeout(9999))
