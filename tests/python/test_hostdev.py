"""Host interfaces, node devices and secrets on test:///default: the
Python shapes libvirt-python gives them, the state changes, and the error
codes (tests/python/scripts/hostdev*.py compare the full output with
libvirt itself)."""
import threading

import pytest

import libvirt

ETH1_XML = """<interface type='ethernet' name='eth1'>
  <start mode='onboot'/>
  <mtu size='1492'/>
  <protocol family='ipv4'>
    <ip address='192.168.0.5' prefix='24'/>
    <route gateway='192.168.0.1'/>
  </protocol>
  <mac address='aa:bb:cc:dd:ee:ff'/>
</interface>
"""

VHBA_XML = """<device>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <capability type='fc_host'>
      <wwnn>2000000012345678</wwnn>
      <wwpn>1000000012345678</wwpn>
    </capability>
  </capability>
</device>"""


# A private host with what test:///default has in this area: every
# test:///PATH connection gets its own state, while test:///default is
# shared by every connection of the process (other tests may hold one).
NODE_XML = """<node>
  <interface type='ethernet' name='eth1'>
    <start mode='onboot'/>
    <mac address='aa:bb:cc:dd:ee:ff'/>
    <mtu size='1492'/>
    <protocol family='ipv4'>
      <ip address='192.168.0.5' prefix='24'/>
      <route gateway='192.168.0.1'/>
    </protocol>
  </interface>
  <device>
    <name>computer</name>
    <capability type='system'>
      <hardware>
        <vendor>Libvirt</vendor>
        <version>Test driver</version>
        <serial>123456</serial>
        <uuid>11111111-2222-3333-4444-555555555555</uuid>
      </hardware>
      <firmware>
        <vendor>Libvirt</vendor>
        <version>Test Driver</version>
        <release_date>01/22/2007</release_date>
      </firmware>
    </capability>
  </device>
%s
</node>
"""
SCSI_HOST = """  <device>
    <name>scsi_host%(n)d</name>
    <parent>%(parent)s</parent>
    <capability type='scsi_host'>
      <host>%(n)d</host>
      <unique_id>%(uid)d</unique_id>
      <capability type='fc_host'>
        <wwnn>20000000%(w)s</wwnn>
        <wwpn>10000000%(w)s</wwpn>
        <fabric_wwn>20000000%(f)s</fabric_wwn>
      </capability>%(vport)s
    </capability>
  </device>"""
VPORT = """
      <capability type='vport_ops'>
        <max_vports>0</max_vports>
        <vports>0</vports>
      </capability>"""


@pytest.fixture
def conn(tmp_path):
    hosts = [dict(n=1, parent="computer", uid=0, w="12341234", f="43214321", vport=VPORT),
             dict(n=2, parent="computer", uid=1, w="56785678", f="87658765", vport=VPORT),
             dict(n=11, parent="scsi_host1", uid=10, w="34563456", f="43214321", vport="")]
    path = tmp_path / "host.xml"
    path.write_text(NODE_XML % "\n".join(SCSI_HOST % h for h in hosts))
    c = libvirt.open(f"test://{path}")
    yield c
    c.close()


@pytest.fixture
def default():
    c = libvirt.open("test:///default")
    yield c
    c.close()


def test_default_host_matches(conn, default):
    """The private host is test:///default's, as far as this area goes."""
    assert conn.interfaceLookupByName("eth1").XMLDesc() == default.interfaceLookupByName("eth1").XMLDesc()
    for name in default.listDevices(None):
        assert conn.nodeDeviceLookupByName(name).XMLDesc() == \
            default.nodeDeviceLookupByName(name).XMLDesc()
    assert sorted(conn.listDevices(None)) == sorted(default.listDevices(None))


def code(excinfo):
    return excinfo.value.get_error_code()


# ---- interfaces -------------------------------------------------------------

def test_default_interface(conn):
    assert conn.numOfInterfaces() == 1
    assert conn.listInterfaces() == ["eth1"]
    assert conn.numOfDefinedInterfaces() == 0
    assert conn.listDefinedInterfaces() == []
    ifaces = conn.listAllInterfaces()
    assert [type(i) for i in ifaces] == [libvirt.virInterface]
    eth1 = ifaces[0]
    assert (eth1.name(), eth1.MACString(), eth1.isActive()) == ("eth1", "aa:bb:cc:dd:ee:ff", 1)
    assert eth1.XMLDesc() == ETH1_XML
    assert eth1.connect() is conn
    assert conn.interfaceLookupByMACString("AA:BB:CC:DD:EE:FF").name() == "eth1"


def test_interface_lifecycle(conn):
    iface = conn.interfaceDefineXML("<interface type='ethernet' name='eth7'>"
                                    "<mac address='52:54:00:00:00:07'/></interface>")
    assert isinstance(iface, libvirt.virInterface)
    assert iface.isActive() == 0
    assert conn.listDefinedInterfaces() == ["eth7"]
    assert [i.name() for i in conn.listAllInterfaces(libvirt.VIR_CONNECT_LIST_INTERFACES_INACTIVE)] == ["eth7"]
    with pytest.raises(libvirt.libvirtError) as e:
        iface.destroy()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    assert iface.create() == 0
    assert iface.isActive() == 1
    with pytest.raises(libvirt.libvirtError) as e:
        iface.create()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    assert sorted(conn.listInterfaces()) == ["eth1", "eth7"]
    assert iface.destroy() == 0
    assert iface.undefine() == 0
    with pytest.raises(libvirt.libvirtError) as e:
        iface.XMLDesc()
    assert code(e) == libvirt.VIR_ERR_NO_INTERFACE


def test_interface_xml_round_trip(conn):
    doc = """<interface type='bridge' name='br0'>
  <start mode='onboot'/>
  <protocol family='ipv4'>
    <dhcp peerdns='no'/>
  </protocol>
  <protocol family='ipv6'>
    <autoconf/>
    <ip address='fe80::1' prefix='64'/>
  </protocol>
  <bridge stp='off' delay='0.01'>
    <interface type='ethernet' name='eth0'>
      <mac address='ab:bb:cc:dd:ee:ff'/>
    </interface>
    <interface type='bond' name='bond0'>
      <bond mode='active-backup'>
        <miimon freq='100' updelay='10' carrier='ioctl'/>
        <interface type='ethernet' name='eth2'>
        </interface>
      </bond>
    </interface>
    <interface type='vlan' name='eth0.42'>
      <vlan tag='42'>
        <interface name='eth0'/>
      </vlan>
    </interface>
  </bridge>
</interface>
"""
    assert conn.interfaceDefineXML(doc).XMLDesc() == doc
    # elements the format does not know are dropped, the order is libvirt's
    out = conn.interfaceDefineXML("<interface type='ethernet' name='e'><bogus/>"
                                  "<mac address='1'/><mtu size='9'/></interface>").XMLDesc()
    assert out == "<interface type='ethernet' name='e'>\n  <mtu size='9'/>\n  <mac address='1'/>\n</interface>\n"


@pytest.mark.parametrize("doc, err", [
    ("<interface", libvirt.VIR_ERR_XML_DETAIL),
    ("<net/>", libvirt.VIR_ERR_XML_ERROR),
    ("<interface type='wifi' name='w'/>", libvirt.VIR_ERR_XML_ERROR),
    ("<interface type='ethernet'/>", libvirt.VIR_ERR_XML_ERROR),
    ("<interface type='bridge' name='b'/>", libvirt.VIR_ERR_XML_ERROR),
    ("<interface type='vlan' name='v'><vlan tag='1'/></interface>", libvirt.VIR_ERR_XML_ERROR),
])
def test_interface_bad_xml(conn, doc, err):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.interfaceDefineXML(doc)
    assert code(e) == err


def test_interface_flags(conn):
    eth1 = conn.interfaceLookupByName("eth1")
    for call in (lambda: eth1.XMLDesc(libvirt.VIR_INTERFACE_XML_INACTIVE),
                 lambda: eth1.create(1), lambda: eth1.destroy(1),
                 lambda: conn.changeBegin(1),
                 lambda: conn.interfaceDefineXML(ETH1_XML, 2),
                 lambda: conn.listAllInterfaces(4)):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_lookup_errors(conn):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.interfaceLookupByName("nope")
    assert code(e) == libvirt.VIR_ERR_NO_INTERFACE
    with pytest.raises(libvirt.libvirtError) as e:
        conn.interfaceLookupByMACString("00:00:00:00:00:01")
    assert code(e) == libvirt.VIR_ERR_NO_INTERFACE
    # as in libvirt, an interface without a MAC address matches any
    conn.interfaceDefineXML("<interface type='ethernet' name='nomac'/>")
    assert conn.interfaceLookupByMACString("00:00:00:00:00:01").name() == "nomac"
    with pytest.raises(libvirt.libvirtError) as e:
        conn.interfaceLookupByMACString("aa:bb:cc:dd:ee:ff")
    assert code(e) == libvirt.VIR_ERR_MULTIPLE_INTERFACES


def test_transactions(conn):
    for call in (conn.changeCommit, conn.changeRollback):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    assert conn.changeBegin() == 0
    with pytest.raises(libvirt.libvirtError):
        conn.changeBegin()
    conn.interfaceLookupByName("eth1").undefine()
    conn.interfaceDefineXML("<interface type='ethernet' name='tmp'/>")
    assert conn.changeRollback() == 0
    # back to the restore point, where libvirt brings every interface down
    assert conn.listDefinedInterfaces() == ["eth1"]
    assert conn.listInterfaces() == []
    assert conn.changeBegin() == 0
    conn.interfaceLookupByName("eth1").undefine()
    assert conn.changeCommit() == 0
    assert conn.numOfDefinedInterfaces() == 0


def test_read_only(conn):
    ro = libvirt.openReadOnly("test:///default")
    try:
        assert ro.listInterfaces() == conn.listInterfaces()
        with pytest.raises(libvirt.libvirtError) as e:
            ro.interfaceDefineXML(ETH1_XML)
        assert code(e) == libvirt.VIR_ERR_OPERATION_DENIED
        with pytest.raises(libvirt.libvirtError) as e:
            ro.nodeDeviceCreateXML(VHBA_XML)
        assert code(e) == libvirt.VIR_ERR_OPERATION_DENIED
    finally:
        ro.close()


def test_threads(conn):
    errors = []

    def work(n):
        try:
            for k in range(30):
                name = f"t{n}-{k}"
                i = conn.interfaceDefineXML(f"<interface type='ethernet' name='{name}'/>")
                i.create()
                assert name in conn.listInterfaces()
                i.destroy()
                i.undefine()
                conn.listDevices(None)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert conn.listDefinedInterfaces() == []


# ---- node devices -----------------------------------------------------------

def test_default_devices(conn):
    assert conn.numOfDevices(None) == 4
    assert sorted(conn.listDevices(None)) == ["computer", "scsi_host1", "scsi_host11", "scsi_host2"]
    assert sorted(conn.listDevices("fc_host")) == ["scsi_host1", "scsi_host11", "scsi_host2"]
    assert sorted(conn.listDevices("vports")) == ["scsi_host1", "scsi_host2"]
    assert conn.listDevices("system") == ["computer"]
    assert conn.numOfDevices("no-such-cap") == 0
    devs = {d.name(): d for d in conn.listAllDevices()}
    assert all(type(d) is libvirt.virNodeDevice for d in devs.values())
    assert devs["computer"].parent() is None
    assert devs["scsi_host11"].parent() == "scsi_host1"
    assert devs["scsi_host1"].listCaps() == ["scsi_host"]
    assert devs["computer"].numOfCaps() == 1
    flags = libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS
    assert sorted(d.name() for d in conn.listAllDevices(flags)) == ["scsi_host1", "scsi_host2"]
    assert "<uuid>11111111-2222-3333-4444-555555555555</uuid>" in devs["computer"].XMLDesc()


def test_vhba(conn):
    dev = conn.nodeDeviceCreateXML(VHBA_XML)
    assert (dev.name(), dev.parent()) == ("scsi_host12", "scsi_host1")
    xml = dev.XMLDesc()
    assert "<wwnn>2000000012345678</wwnn>" in xml and "<host>11</host>" in xml
    assert "scsi_host12" in conn.listDevices("fc_host")
    assert dev.destroy() == 0
    with pytest.raises(libvirt.libvirtError) as e:
        dev.XMLDesc()
    assert code(e) == libvirt.VIR_ERR_NO_NODE_DEVICE
    # not a vHBA: libvirt's test driver says it did it, and does nothing
    assert conn.nodeDeviceLookupByName("computer").destroy() == 0
    assert conn.numOfDevices(None) == 4
    with pytest.raises(libvirt.libvirtError) as e:
        conn.nodeDeviceCreateXML(VHBA_XML.replace("scsi_host1<", "scsi_host11<"))
    assert code(e) == libvirt.VIR_ERR_INTERNAL_ERROR


def test_unsupported_device_calls(conn):
    dev = conn.nodeDeviceLookupByName("scsi_host1")
    for call in (dev.isActive, dev.isPersistent, dev.autostart, lambda: dev.setAutostart(1),
                 dev.create, dev.undefine, dev.dettach, lambda: dev.detachFlags(None, 0),
                 dev.reAttach, dev.reset,
                 lambda: conn.nodeDeviceDefineXML(VHBA_XML),
                 lambda: conn.nodeDeviceLookupSCSIHostByWWN("2000000012341234", "1000000012341234")):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_NO_SUPPORT


# ---- secrets ----------------------------------------------------------------

def test_secrets_not_supported(conn):
    for call in (conn.numOfSecrets, conn.listSecrets, conn.listAllSecrets,
                 lambda: conn.secretDefineXML("<secret/>"),
                 lambda: conn.secretLookupByUUID(bytes(16)),
                 lambda: conn.secretLookupByUUIDString("11111111-2222-3333-4444-555555555555"),
                 lambda: conn.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_VOLUME, "/x")):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_NO_SUPPORT


def test_secret_python_shapes():
    # value() and setValue() exist with libvirt-python's signatures
    assert callable(libvirt.virSecret.value)
    assert callable(libvirt.virSecret.setValue)
    for name in ("XMLDesc", "undefine", "UUID", "UUIDString", "usageID", "usageType"):
        assert hasattr(libvirt.virSecret, name)
