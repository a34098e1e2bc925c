"""A libvirt-python script using the foundation API, written for libvirt.

The differential test runs it unchanged under Debian's python3-libvirt and
under virtkit and requires the same output, line for line.  Values that
legitimately differ between runs (CPU time, host name) are not printed.
"""
import os
import sys
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def attempt(label, fn, *args):
    try:
        ret = fn(*args)
        print(f"{label}: {ret!r}")
        return ret
    except libvirt.libvirtError as e:
        print(f"{label}: error {e.get_error_code()}")
        return None


def show(d, label):
    info = d.info()
    print(f"{label}: state={d.state()} info={info[:4]} active={d.isActive()} "
          f"persistent={d.isPersistent()} id={d.ID()}")


uri = sys.argv[1] if len(sys.argv) > 1 else "test:///default"
conn = libvirt.open(uri)
print("type", conn.getType(), "lib", conn.getLibVersion(), "ver", conn.getVersion())
print("uri", conn.getURI(), "maxvcpus", conn.getMaxVcpus(None))
print("alive", conn.isAlive(), "secure", conn.isSecure(), "encrypted", conn.isEncrypted())
print("node", conn.getInfo())
print("ids", conn.listDomainsID(), "num", conn.numOfDomains(), "defined", conn.listDefinedDomains(),
      conn.numOfDefinedDomains())

dom = conn.lookupByName("test")
show(dom, "test")
print("uuid", dom.UUIDString(), "os", dom.OSType(), "maxmem", dom.maxMemory())
print("sched", dom.schedulerType(), dom.schedulerParameters())
print(dom.XMLDesc())
print(dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
attempt("lookup missing", conn.lookupByName, "missing")
attempt("lookup id 77", conn.lookupByID, 77)
attempt("lookup bad uuid", conn.lookupByUUIDString, "zzz")
attempt("state flags", dom.state, 4)
attempt("vcpus", dom.maxVcpus)

XML = """<domain type='test'>
  <name>diff1</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <memory unit='MiB'>512</memory>
  <vcpu>4</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/images/diff1.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>"""
d = conn.defineXML(XML)
show(d, "defined")
print(d.XMLDesc())
attempt("redefine other uuid", conn.defineXML, XML.replace("11111111", "99999999"))
for step in ("suspend", "resume", "shutdown", "destroy", "create", "create", "suspend", "suspend",
             "resume", "reboot", "reset", "shutdown", "create", "destroy"):
    fn = getattr(d, step)
    attempt(step, fn, 0) if step in ("reboot", "reset") else attempt(step, fn)
    show(d, step)
attempt("createWithFlags paused", d.createWithFlags, libvirt.VIR_DOMAIN_START_PAUSED)
show(d, "paused start")
attempt("destroyFlags", d.destroyFlags, 0)
attempt("setMaxMemory", d.setMaxMemory, 1048576)
attempt("setMemory (inactive)", d.setMemory, 262144)
attempt("setMemoryFlags config", d.setMemoryFlags, 262144, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
attempt("setMemoryFlags too big", d.setMemoryFlags, 4194304, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
show(d, "memory")
attempt("vcpusFlags config", d.vcpusFlags, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
attempt("setVcpusFlags config", d.setVcpusFlags, 2, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
attempt("setVcpusFlags too many", d.setVcpusFlags, 9, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
attempt("create", d.create)
attempt("setMemory live", d.setMemory, 131072)
attempt("setVcpus live", d.setVcpus, 1)
attempt("vcpusFlags live", d.vcpusFlags, libvirt.VIR_DOMAIN_AFFECT_LIVE)
show(d, "after live changes")
attempt("autostart", d.autostart)
attempt("setAutostart", d.setAutostart, 1)
attempt("autostart", d.autostart)
for name, flag in (("active", libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE),
                   ("inactive", libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE),
                   ("persistent", libvirt.VIR_CONNECT_LIST_DOMAINS_PERSISTENT),
                   ("transient", libvirt.VIR_CONNECT_LIST_DOMAINS_TRANSIENT),
                   ("running", libvirt.VIR_CONNECT_LIST_DOMAINS_RUNNING),
                   ("paused", libvirt.VIR_CONNECT_LIST_DOMAINS_PAUSED),
                   ("shutoff", libvirt.VIR_CONNECT_LIST_DOMAINS_SHUTOFF),
                   ("autostart", libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART),
                   ("no-autostart", libvirt.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART),
                   ("managedsave", libvirt.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE)):
    print("list", name, sorted(x.name() for x in conn.listAllDomains(flag)))

with tempfile.TemporaryDirectory() as tmp:
    img = os.path.join(tmp, "diff1.save")
    attempt("save", d.save, img)
    show(d, "saved")
    attempt("restore", conn.restore, img)
    show(d, "restored")
    attempt("restore missing", conn.restore, os.path.join(tmp, "nothing"))
    attempt("managedSave", d.managedSave, 0)
    attempt("hasManagedSaveImage", d.hasManagedSaveImage, 0)
    show(d, "managed saved")
    attempt("undefine with image", d.undefine)
    attempt("create from image", d.create)
    show(d, "resumed from image")
    attempt("hasManagedSaveImage", d.hasManagedSaveImage, 0)

t = conn.createXML(XML.replace("diff1", "diff2").replace("11111111", "22222222"), 0)
show(t, "transient")
attempt("transient undefine", t.undefine)
attempt("transient destroy", t.destroy)
attempt("lookup transient", conn.lookupByName, "diff2")
attempt("destroy", d.destroy)
attempt("setAutostart off", d.setAutostart, 0)
attempt("undefine", d.undefine)
attempt("lookup undefined", conn.lookupByName, "diff1")
print("sched set", attempt("setSched", dom.setSchedulerParameters, {"weight": 10}), dom.schedulerParameters())
dom.setSchedulerParameters({"weight": 50})
print("final ids", conn.listDomainsID(), conn.listDefinedDomains())
conn.close()
