# Networks of test:///default: listing, lookup, define/create/destroy/
# undefine, autostart and the error codes of each, printed line by line
# for comparison with libvirt.
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
ro = libvirt.openReadOnly("test:///default")
rn = ro.networkLookupByName("default")


def show(label, fn):
    try:
        r = fn()
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code())
        return None
    if isinstance(r, libvirt.virNetwork):
        print(label, "network", r.name())
    elif isinstance(r, list):
        print(label, sorted(x.name() if isinstance(x, libvirt.virNetwork) else x for x in r))
    else:
        print(label, r)
    return r


UUID = "11111111-2222-3333-4444-555555555555"

show("num", conn.numOfNetworks)
show("numdef", conn.numOfDefinedNetworks)
show("list", conn.listNetworks)
show("listdef", conn.listDefinedNetworks)
show("all", conn.listAllNetworks)
net = show("lookup", lambda: conn.networkLookupByName("default"))
print(net.XMLDesc())
show("uuid", net.UUIDString)
show("byuuidstr", lambda: conn.networkLookupByUUIDString(net.UUIDString()))
show("byuuid", lambda: conn.networkLookupByUUID(net.UUID()))
show("lookup-missing", lambda: conn.networkLookupByName("nope"))
show("byuuid-missing", lambda: conn.networkLookupByUUIDString(UUID))
show("byuuid-bad", lambda: conn.networkLookupByUUIDString("xyz"))
show("bridge", net.bridgeName)
show("autostart", net.autostart)
show("active", net.isActive)
show("persistent", net.isPersistent)
show("xml-inactive-flag", lambda: net.XMLDesc(libvirt.VIR_NETWORK_XML_INACTIVE))
show("create-running", net.create)
show("undefine-running", net.undefine)
show("setautostart", lambda: net.setAutostart(1))
show("autostart", net.autostart)
show("destroy", net.destroy)
show("destroy-again", net.destroy)
show("active", net.isActive)
show("num", conn.numOfNetworks)
show("numdef", conn.numOfDefinedNetworks)
show("listdef", conn.listDefinedNetworks)
show("create", net.create)
show("destroy", net.destroy)
show("undefine", net.undefine)
show("lookup-gone", lambda: conn.networkLookupByName("default"))
show("active-gone", net.isActive)
show("persistent-gone", net.isPersistent)
show("xml-gone", net.XMLDesc)
show("create-gone", net.create)
show("destroy-gone", net.destroy)
show("undefine-gone", net.undefine)
show("autostart-gone", net.autostart)
show("setautostart-gone", lambda: net.setAutostart(0))
show("bridge-gone", net.bridgeName)

# transient networks
t = show("createxml", lambda: conn.networkCreateXML(
    "<network><name>t1</name><uuid>%s</uuid><bridge name='tb'/></network>" % UUID))
show("t-persistent", t.isPersistent)
show("t-active", t.isActive)
show("t-setautostart", lambda: t.setAutostart(1))
show("t-autostart", t.autostart)
show("t-undefine", t.undefine)
print(t.XMLDesc())
show("t-create-again", lambda: conn.networkCreateXML(
    "<network><name>t1</name><uuid>%s</uuid></network>" % UUID))
show("t-define", lambda: conn.networkDefineXML(
    "<network><name>t1</name><uuid>%s</uuid><bridge name='tb2'/></network>" % UUID))
show("t-persistent", t.isPersistent)
print(t.XMLDesc())
show("t-destroy", t.destroy)
show("t-active", t.isActive)
print(t.XMLDesc())
show("t-undefine", t.undefine)
show("t-lookup", lambda: conn.networkLookupByName("t1"))
t = show("createxml2", lambda: conn.networkCreateXMLFlags(
    "<network><name>t2</name></network>", 0))
show("t2-bridge", t.bridgeName)
show("t2-destroy", t.destroy)
show("t2-lookup", lambda: conn.networkLookupByName("t2"))
show("createxml-flags", lambda: conn.networkCreateXMLFlags("<network><name>t3</name></network>", 4))

# persistent networks: name/uuid clashes and redefinition
p = show("define", lambda: conn.networkDefineXML(
    "<network><name>p1</name><uuid>%s</uuid><bridge name='b1'/></network>" % UUID))
show("p-active", p.isActive)
show("p-persistent", p.isPersistent)
show("define-same-name", lambda: conn.networkDefineXML(
    "<network><name>p1</name><uuid>11111111-2222-3333-4444-555555555556</uuid></network>"))
show("define-same-uuid", lambda: conn.networkDefineXML(
    "<network><name>p2</name><uuid>%s</uuid></network>" % UUID))
show("create-same-name", lambda: conn.networkCreateXML("<network><name>p1</name></network>"))
show("create-over-inactive", lambda: conn.networkCreateXML(
    "<network><name>p1</name><uuid>%s</uuid><bridge name='b2'/></network>" % UUID))
print(p.XMLDesc())
show("redefine-active", lambda: conn.networkDefineXML(
    "<network><name>p1</name><uuid>%s</uuid><bridge name='b3'/></network>" % UUID))
print(p.XMLDesc())
show("p-destroy", p.destroy)
print(p.XMLDesc())
show("p-create", p.create)
print(p.XMLDesc())
show("p-destroy", p.destroy)
show("redefine-inactive", lambda: conn.networkDefineXML(
    "<network><name>p1</name><uuid>%s</uuid><bridge name='b4'/></network>" % UUID))
print(p.XMLDesc())
show("defineflags", lambda: conn.networkDefineXMLFlags("<network><name>q</name></network>",
                                                      libvirt.VIR_NETWORK_DEFINE_VALIDATE))
show("defineflags-bad", lambda: conn.networkDefineXMLFlags("<network><name>q9</name></network>", 8))
show("q-bridge", lambda: conn.networkLookupByName("q").bridgeName())
show("q-setautostart", lambda: conn.networkLookupByName("q").setAutostart(1))
conn.networkCreateXML("<network><name>tr</name></network>")

for f in [0, 1, 2, 4, 8, 16, 32, 3, 12, 48, 5, 6, 9, 17, 34]:
    show("listall-%d" % f, lambda: conn.listAllNetworks(f))
show("listall-bad", lambda: conn.listAllNetworks(1 << 10))
show("num", conn.numOfNetworks)
show("numdef", conn.numOfDefinedNetworks)
show("list", conn.listNetworks)
show("listdef", conn.listDefinedNetworks)

# read-only connections refuse changes
show("ro-xml", lambda: len(ro.networkLookupByName("q").XMLDesc()) > 0)
show("ro-destroy", rn.destroy)
show("ro-define", lambda: ro.networkDefineXML("<network><name>ro</name></network>"))
show("ro-autostart", lambda: rn.setAutostart(1))
show("ro-update", lambda: rn.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_DELETE,
                                    libvirt.VIR_NETWORK_SECTION_IP_DHCP_RANGE, -1,
                                    "<range start='192.168.122.2' end='192.168.122.254'/>"))

# what libvirt's test driver does not offer
show("leases", net.DHCPLeases)
show("ports", lambda: conn.networkLookupByName("q").listAllPorts())
show("port-create", lambda: conn.networkLookupByName("q").portCreateXML("<networkport/>"))
show("port-lookup", lambda: conn.networkLookupByName("q").portLookupByUUIDString(UUID))
show("port-lookup-raw", lambda: conn.networkLookupByName("q").portLookupByUUID(b"1" * 16))
