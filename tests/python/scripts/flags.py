"""The *Flags variants and virInitialize, as a libvirt-python script: each
call prints its result or the error code it fails with."""
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def attempt(label, fn):
    try:
        print(label, fn())
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code())


print("init", libvirt.virInitialize())
conn = libvirt.open("test:///default")
XML = "<domain type='test'><name>flags</name><memory>1024</memory><os><type>hvm</type></os></domain>"
d = conn.defineXMLFlags(XML, libvirt.VIR_DOMAIN_DEFINE_VALIDATE)
print("defined", d.name(), d.isPersistent())
attempt("defineXMLFlags unknown bit", lambda: conn.defineXMLFlags(XML, 1 << 5))
attempt("create", d.create)
for flag in (0, libvirt.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN, libvirt.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT):
    attempt(f"shutdownFlags {flag}", lambda: d.shutdownFlags(flag))
    attempt("state", d.state)
for flag in (0, libvirt.VIR_DOMAIN_DESTROY_GRACEFUL, 1 << 9):
    attempt("create", d.create)
    attempt(f"destroyFlags {flag}", lambda: d.destroyFlags(flag))
    attempt("state", d.state)
attempt("reboot bad flag", lambda: conn.lookupByName("test").reboot(1 << 12))
attempt("reset bad flag", lambda: conn.lookupByName("test").reset(1))
attempt("managed save", lambda: d.create() or d.managedSave())
attempt("undefineFlags 0", lambda: d.undefineFlags(0))
attempt("undefineFlags managed save", lambda: d.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE))
attempt("lookup", lambda: conn.lookupByName("flags").name())
t = conn.lookupByName("test")
attempt("schedulerParametersFlags", lambda: t.schedulerParametersFlags(0))
attempt("setSchedulerParametersFlags", lambda: t.setSchedulerParametersFlags({"weight": 5}, 0))
attempt("XMLDesc bad flag", lambda: t.XMLDesc(1 << 20))
attempt("XMLDesc secure", lambda: len(t.XMLDesc(libvirt.VIR_DOMAIN_XML_SECURE)) > 0)
attempt("vcpusFlags live+config", lambda: t.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG))
attempt("setMemoryFlags live+config", lambda: t.setMemoryFlags(1024, libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG))
attempt("setMemoryFlags maximum live", lambda: t.setMemoryFlags(1024, libvirt.VIR_DOMAIN_MEM_MAXIMUM | libvirt.VIR_DOMAIN_AFFECT_LIVE))
attempt("createXML paused", lambda: conn.createXML(XML.replace("flags", "px"), libvirt.VIR_DOMAIN_START_PAUSED).state())
attempt("createXML autodestroy", lambda: conn.createXML(XML.replace("flags", "py"), libvirt.VIR_DOMAIN_START_AUTODESTROY).state())
attempt("isUpdated", t.isUpdated)
attempt("getVersion Test", lambda: libvirt.getVersion("Test")[0])
conn.close()
