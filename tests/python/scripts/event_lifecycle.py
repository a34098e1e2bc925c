"""Events: the lifecycle events libvirt's test driver sends for a sequence
of domain operations, as seen by RegisterAny callbacks (all domains and one
domain), the old domainEventRegister interface and a second connection."""
import os
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("test:///default")
other = libvirt.open("test:///default")
seen = []


def record(tag):
    def cb(c, dom, *rest):
        seen.append((tag, c is conn, dom.name(), dom.ID()) + rest)
    return cb


def flush(label):
    tick = libvirt.virEventAddTimeout(0, lambda t, o: None, None)
    for _ in range(3):
        libvirt.virEventRunDefaultImpl()
    libvirt.virEventRemoveTimeout(tick)
    libvirt.virEventRunDefaultImpl()
    print(label, sorted(seen, key=repr))
    seen.clear()


def op(label, func):
    try:
        ret = func()
    except libvirt.libvirtError as e:
        ret = None
        print(label, "error", e.get_error_code())
    flush(label)
    return ret


UUID = "6a9a3c36-3b0a-4b47-9d6b-6c7a0e8f1a01"
XML = ("<domain type='test'><name>evdiff</name><uuid>%s</uuid><memory>8192</memory>"
       "<os><type>hvm</type></os>%s</domain>")

ids = [conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                   record("any"), "opaque-any")]
ids.append(conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                       record("reboot"), None))
other_id = other.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                        record("other"), 42)
old_cb = record("old")
conn.domainEventRegister(old_cb, ["old", 1])
print("ids", ids, other_id)

d = op("define", lambda: conn.defineXML(XML % (UUID, "")))
only = conn.domainEventRegisterAny(d, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                   record("only"), None)
op("redefine", lambda: conn.defineXML(XML % (UUID, "")))
op("create", d.create)
op("create-again", d.create)
op("redefine-running", lambda: conn.defineXML(XML % (UUID, "")))
op("suspend", d.suspend)
op("resume", d.resume)
op("reboot", lambda: d.reboot(0))
op("reset", lambda: d.reset(0))
op("shutdown", d.shutdown)
op("destroy-inactive", d.destroy)
op("create", d.create)
op("destroy", d.destroy)
op("create", d.create)
path = os.path.join(tempfile.mkdtemp(), "evdiff.save")
op("save", lambda: d.save(path))
op("restore", lambda: conn.restore(path))
op("managedsave", lambda: d.managedSave(0))
op("start-from-managedsave", d.create)
op("undefine-running", d.undefine)
op("destroy-transient", d.destroy)
d = op("createXML", lambda: conn.createXML(XML % (UUID, ""), 0))
op("save-transient", lambda: d.save(path))
op("restore-transient", lambda: conn.restore(path))
d = conn.lookupByName("evdiff")
op("define-over-transient", lambda: conn.defineXML(XML % (UUID, "")))
op("shutdown", d.shutdown)
op("undefine", d.undefine)
d = op("define-onreboot-destroy", lambda: conn.defineXML(XML % (UUID, "<on_reboot>destroy</on_reboot>")))
op("create", d.create)
op("reboot-destroys", lambda: d.reboot(0))
op("undefine", d.undefine)
os.unlink(path)

conn.domainEventDeregisterAny(only)
for i in ids:
    conn.domainEventDeregisterAny(i)
other.domainEventDeregisterAny(other_id)
t = conn.lookupByName("test")
op("after-deregister-any", t.suspend)
conn.domainEventDeregister(old_cb)
op("resume", t.resume)
