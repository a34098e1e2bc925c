# Details of libvirt's test driver found through virsh: memory statistics
# come from a balloon (none without one), a disk without a source has no
# block info, and a domain listed twice gets its statistics twice.
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")


def show(label, call):
    try:
        print(label, repr(call()))
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


test = conn.lookupByName("test")
show("stats listed twice", lambda: [r[0].name() for r in conn.domainListGetStats(
    [test, test], libvirt.VIR_DOMAIN_STATS_STATE)])
show("stats twice equal", lambda: len({repr(r[1]) for r in conn.domainListGetStats(
    [test, test], libvirt.VIR_DOMAIN_STATS_STATE)}))
for name, devices in [("noballoon", "<memballoon model='none'/>"), ("nodevices", ""),
                      ("virtio", "<memballoon model='virtio'/>")]:
    dom = conn.createXML("<domain type='test'><name>%s</name><memory>1024</memory>"
                         "<os><type>hvm</type></os><devices>%s"
                         "<disk type='file' device='cdrom'><target dev='hdc'/></disk>"
                         "<disk type='file' device='disk'><source file='/x.img'/><target dev='vda'/></disk>"
                         "</devices></domain>" % (name, devices))
    show(name + " memoryStats", dom.memoryStats)
    show(name + " blockInfo cdrom", lambda: dom.blockInfo("hdc"))
    show(name + " blockInfo disk", lambda: dom.blockInfo("vda"))
    show(name + " blockInfo missing", lambda: dom.blockInfo("vdz"))
