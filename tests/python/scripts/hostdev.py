"""Host interfaces, node devices and secrets of test:///default: every
call of the area, its results, the state changes it makes and the error
code of each failure (libvirt's lists come in hash order, so they are
sorted)."""
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")


def show(label, fn):
    try:
        r = fn()
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code())
        return None
    print(label, r if isinstance(r, (str, int, bytes, list, tuple, type(None))) else type(r).__name__)
    return r


def iface_state():
    return (sorted(conn.listInterfaces()), sorted(conn.listDefinedInterfaces()),
            conn.numOfInterfaces(), conn.numOfDefinedInterfaces())


# ---- interfaces -------------------------------------------------------
print("state", iface_state())
print("all", sorted((i.name(), i.MACString(), i.isActive()) for i in conn.listAllInterfaces()))
for flags in (libvirt.VIR_CONNECT_LIST_INTERFACES_ACTIVE,
              libvirt.VIR_CONNECT_LIST_INTERFACES_INACTIVE, 3):
    print("all", flags, sorted(i.name() for i in conn.listAllInterfaces(flags)))
eth1 = conn.interfaceLookupByName("eth1")
print(eth1.name(), eth1.MACString(), eth1.isActive())
print(eth1.XMLDesc(), end="")
show("xml flags", lambda: eth1.XMLDesc(libvirt.VIR_INTERFACE_XML_INACTIVE))
show("by mac", lambda: conn.interfaceLookupByMACString("AA:BB:CC:DD:EE:FF").name())
show("by mac missing", lambda: conn.interfaceLookupByMACString("00:00:00:00:00:01"))
show("by name missing", lambda: conn.interfaceLookupByName("nope"))

DOCS = [
    "<interface type='ethernet' name='eth2'><mac address='52:54:00:aa:bb:cc'/>"
    "<start mode='hotplug'/><mtu size='9000'/><link speed='1000' state='up'/>"
    "<protocol family='ipv6'><route gateway='fe80::1'/><ip address='fe80::2' prefix='64'/>"
    "<dhcp peerdns='yes'/><autoconf/></protocol>"
    "<protocol family='ipv4'><ip address='10.0.0.2' prefix='8'/><ip address='10.0.0.3'/></protocol>"
    "</interface>",
    "<interface type='bridge' name='br0'><start mode='onboot'/>"
    "<protocol family='ipv4'><dhcp/></protocol>"
    "<bridge stp='off' delay='0.01'>"
    "<interface type='ethernet' name='eth5'><mac address='52:54:00:00:00:05'/><link state='down'/></interface>"
    "<interface type='vlan' name='eth5.7'><vlan tag='7'><interface name='eth5'/></vlan></interface>"
    "<interface type='bond' name='bond7'><bond mode='802.3ad'><interface type='ethernet' name='eth7'/></bond></interface>"
    "</bridge></interface>",
    "<interface type='bond' name='bond0'><start mode='none'/>"
    "<bond mode='active-backup'><miimon freq='100' updelay='10' downdelay='0' carrier='ioctl'/>"
    "<interface type='ethernet' name='eth3'><mac address='52:54:00:00:00:03'/><mtu size='1500'/></interface>"
    "</bond></interface>",
    "<interface type='bond' name='bond1'><bond><arpmon interval='5' target='10.0.0.1' validate='backup'/></bond></interface>",
    "<interface type=\"vlan\" name=\"eth0.42\"><mtu size='1400'/><vlan tag=\"42\"><interface name=\"eth0\"/></vlan></interface>",
    "<interface type='bridge' name='br9'><bridge stp='maybe' delay='3'><interface type='ethernet' name='x'/></bridge></interface>",
]
BAD = [
    "<interface", "", "<network/>", "<interface name='x'/>",
    "<interface type='wifi' name='x'/>", "<interface type='ethernet'/>",
    "<interface type='ethernet' name='x'><start mode='sometimes'/></interface>",
    "<interface type='ethernet' name='x'><mtu size='100001'/></interface>",
    "<interface type='ethernet' name='x'><link state='sideways'/></interface>",
    "<interface type='ethernet' name='x'><link speed='fast'/></interface>",
    "<interface type='ethernet' name='x'><protocol/></interface>",
    "<interface type='ethernet' name='x'><protocol family='ipx'/></interface>",
    "<interface type='ethernet' name='x'><protocol family='ipv4'><dhcp peerdns='maybe'/></protocol></interface>",
    "<interface type='ethernet' name='x'><protocol family='ipv4'><ip address='1.2.3.4' prefix='x'/></protocol></interface>",
    "<interface type='bridge' name='x'/>", "<interface type='bond' name='x'/>",
    "<interface type='vlan' name='x'/>",
    "<interface type='vlan' name='x'><vlan><interface name='e'/></vlan></interface>",
    "<interface type='vlan' name='x'><vlan tag='1'/></interface>",
    "<interface type='bond' name='x'><bond mode='fastest'/></interface>",
    "<interface type='bond' name='x'><bond><miimon/></bond></interface>",
    "<interface type='bond' name='x'><bond><miimon freq='1' updelay='u'/></bond></interface>",
    "<interface type='bond' name='x'><bond><miimon freq='1' carrier='x'/></bond></interface>",
    "<interface type='bond' name='x'><bond><arpmon interval='1'/></bond></interface>",
    "<interface type='bond' name='x'><bond><arpmon interval='1' target='t' validate='x'/></bond></interface>",
    "<interface type='bond' name='x'><bond><interface type='vlan' name='v'/></bond></interface>",
    "<interface type='bridge' name='x'><bridge><interface type='bridge' name='b'/></bridge></interface>",
    "<interface type='bridge' name='x'><bridge><interface name='b'/></bridge></interface>",
]
for doc in DOCS:
    i = show("define", lambda: conn.interfaceDefineXML(doc).name())
    if i:
        print(conn.interfaceLookupByName(i).XMLDesc(), end="")
for doc in BAD:
    show("bad " + doc[:70], lambda: conn.interfaceDefineXML(doc))
show("define flags", lambda: conn.interfaceDefineXML(DOCS[0], libvirt.VIR_INTERFACE_DEFINE_VALIDATE).name())
show("define bad flags", lambda: conn.interfaceDefineXML(DOCS[0], 2))
print("state", iface_state())
show("by mac (no-MAC interfaces match any)", lambda: conn.interfaceLookupByMACString("52:54:00:AA:BB:CC"))

br0 = conn.interfaceLookupByName("br0")
show("destroy inactive", br0.destroy)
show("create", br0.create)
show("create again", br0.create)
show("isActive", br0.isActive)
show("create flags", lambda: br0.create(1))
show("destroy flags", lambda: br0.destroy(1))
show("destroy", br0.destroy)
# redefining keeps the interface up or down
show("redefine eth1", lambda: conn.interfaceDefineXML(
    "<interface type='ethernet' name='eth1'><mac address='aa:bb:cc:dd:ee:ff'/></interface>").isActive())
print(eth1.XMLDesc(), end="")

# transactions
show("commit none", conn.changeCommit)
show("rollback none", conn.changeRollback)
show("begin flags", lambda: conn.changeBegin(1))
show("begin", conn.changeBegin)
show("begin again", conn.changeBegin)
show("undefine eth2", conn.interfaceLookupByName("eth2").undefine)
show("create br0", br0.create)
show("define new", lambda: conn.interfaceDefineXML("<interface type='ethernet' name='tx'/>").name())
print("state", iface_state())
show("rollback", conn.changeRollback)
print("state", iface_state())
show("br0 active", br0.isActive)
show("begin", conn.changeBegin)
show("undefine eth2", conn.interfaceLookupByName("eth2").undefine)
show("commit", conn.changeCommit)
show("rollback", conn.changeRollback)
print("state", iface_state())

# an undefined interface is gone for every call
gone = conn.interfaceLookupByName("bond1")
show("undefine", gone.undefine)
show("undefine again", gone.undefine)
show("xml gone", gone.XMLDesc)
show("isActive gone", gone.isActive)
show("create gone", gone.create)
show("destroy gone", gone.destroy)
show("undefine active eth1", eth1.undefine)
print("state", iface_state())

# ---- node devices ------------------------------------------------------
print("devices", conn.numOfDevices(None), sorted(conn.listDevices(None)))
for cap in ("system", "scsi_host", "fc_host", "vports", "vport_ops", "net", "bogus"):
    print("cap", cap, conn.numOfDevices(cap), sorted(conn.listDevices(cap)))
show("num flags", lambda: conn.numOfDevices(None, 1))
show("list flags", lambda: conn.listDevices(None, 1))
for dev in sorted(conn.listAllDevices(), key=lambda d: d.name()):
    print(dev.name(), dev.parent(), dev.listCaps(), dev.numOfCaps())
    print(dev.XMLDesc(), end="")
for flags in (libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM | libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE,
              libvirt.VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE):
    show("all %#x" % flags, lambda: sorted(d.name() for d in conn.listAllDevices(flags)))
show("lookup missing", lambda: conn.nodeDeviceLookupByName("nope"))
computer = conn.nodeDeviceLookupByName("computer")
show("xml flags", lambda: computer.XMLDesc(1))
for name, fn in [("isActive", computer.isActive), ("isPersistent", computer.isPersistent),
                 ("autostart", computer.autostart), ("setAutostart", lambda: computer.setAutostart(1)),
                 ("create", computer.create), ("undefine", computer.undefine),
                 ("dettach", computer.dettach), ("detachFlags", lambda: computer.detachFlags(None)),
                 ("reAttach", computer.reAttach), ("reset", computer.reset),
                 ("by wwn", lambda: conn.nodeDeviceLookupSCSIHostByWWN("2000000012341234", "1000000012341234")),
                 ("defineXML", lambda: conn.nodeDeviceDefineXML("<device/>"))]:
    show(name, fn)

VHBA = ("<device><name>ignored</name>%s<capability type='scsi_host'>"
        "<capability type='fc_host'><wwnn>20000000abcd0001</wwnn><wwpn>10000000abcd0001</wwpn></capability>"
        "</capability></device>")
for parent in ("<parent>scsi_host1</parent>", "<parent>scsi_host2</parent>", "",
               "<parent wwnn='2000000056785678' wwpn='1000000056785678'/>",
               "<parent fabric_wwn='2000000043214321'/>"):
    d = show("create " + parent, lambda: conn.nodeDeviceCreateXML(VHBA % parent))
    if d:
        print(d.name(), d.parent(), d.listCaps())
        print(d.XMLDesc(), end="")
print("devices", sorted(conn.listDevices(None)))
vhba = conn.nodeDeviceLookupByName("scsi_host12")
print("lookup", vhba.name(), vhba.parent())
show("destroy", vhba.destroy)
show("destroy again", vhba.destroy)
show("xml gone", vhba.XMLDesc)
show("caps gone", vhba.listCaps)
show("numOfCaps gone", vhba.numOfCaps)
show("destroy not a vHBA", computer.destroy)
print("devices", sorted(conn.listDevices(None)))
for doc in ("<parent>scsi_host11</parent>", "<parent>computer</parent>", "<parent>nope</parent>",
            "<parent wwnn='1' wwpn='2'/>", "<parent wwnn='1'/>", "<parent wwpn='2'/>",
            "<parent fabric_wwn='1'/>"):
    show("create " + doc, lambda: conn.nodeDeviceCreateXML(VHBA % doc))
for doc in ("<devic", "", "<node/>", "<device/>", "<device><capability/></device>",
            "<device><capability type='bogus'/></device>",
            "<device><capability type='system'><hardware><uuid>11111111-2222-3333-4444-555555555555</uuid></hardware></capability></device>",
            "<device><capability type='system'><hardware><uuid>zzz</uuid></hardware></capability></device>",
            "<device><capability type='system'/></device>",
            "<device><capability type='scsi_host'><capability type='mystery'/></capability></device>",
            "<device><capability type='scsi_host'><capability type='fc_host'/></capability></device>",
            "<device><capability type='scsi_host'><capability type='fc_host'><wwnn>1</wwnn></capability></capability></device>",
            "<device><capability type='net'><interface>eth0</interface></capability></device>"):
    show("create bad " + doc[:60], lambda: conn.nodeDeviceCreateXML(doc))
show("create flags", lambda: conn.nodeDeviceCreateXML(VHBA % "", 2))
# destroying a vHBA of the default host
show("destroy scsi_host2", conn.nodeDeviceLookupByName("scsi_host2").destroy)
print("devices", sorted(conn.listDevices(None)))

# ---- secrets: libvirt's test driver has none ---------------------------
for name, fn in [("numOfSecrets", conn.numOfSecrets), ("listSecrets", conn.listSecrets),
                 ("listAllSecrets", conn.listAllSecrets),
                 ("define", lambda: conn.secretDefineXML("<secret ephemeral='no' private='no'/>")),
                 ("by uuid", lambda: conn.secretLookupByUUID(bytes(range(16)))),
                 ("by uuid string", lambda: conn.secretLookupByUUIDString("11111111-2222-3333-4444-555555555555")),
                 ("by usage", lambda: conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, "/x"))]:
    show(name, fn)
conn.close()
