"""Networks, ports and network filters through the Python binding: the
shapes libvirt-python gives (lists of objects, dicts, names), the test
driver's state rules, and the functions libvirt's test driver leaves
unsupported.  Behaviour is compared with libvirt itself line by line in
scripts/network_*.py; these tests pin the Python-side shapes and the
cases a differential script cannot express (private node files, threads).
"""
import threading

import pytest

import libvirt

NODE = """<node>
  <network>
    <name>lab</name>
    <uuid>aaaaaaaa-1111-2222-3333-444444444444</uuid>
    <bridge name='labbr'/>
    <ip address='10.9.0.1' prefix='24'>
      <dhcp><range start='10.9.0.10' end='10.9.0.20'/></dhcp>
    </ip>
  </network>
  <network>
    <name>iso</name>
    <forward mode='bridge'/>
  </network>
</node>
"""


@pytest.fixture
def node(tmp_path):
    """A connection of its own (a node file), so tests may change anything."""
    path = tmp_path / "node.xml"
    path.write_text(NODE)
    c = libvirt.open(f"test://{path}")
    yield c
    c.close()


def code(excinfo):
    return excinfo.value.get_error_code()


def test_node_file_networks_are_active_and_persistent(node):
    nets = node.listAllNetworks()
    assert sorted(n.name() for n in nets) == ["iso", "lab"]
    assert all(isinstance(n, libvirt.virNetwork) for n in nets)
    for n in nets:
        assert n.isActive() == 1 and n.isPersistent() == 1 and n.autostart() == 0
    lab = node.networkLookupByName("lab")
    assert lab.UUIDString() == "aaaaaaaa-1111-2222-3333-444444444444"
    assert lab.bridgeName() == "labbr"
    assert "<bridge name='labbr' stp='on' delay='0'/>" in lab.XMLDesc()
    assert "<range start='10.9.0.10' end='10.9.0.20'/>" in lab.XMLDesc()
    iso = node.networkLookupByName("iso")
    with pytest.raises(libvirt.libvirtError) as e:
        iso.bridgeName()
    assert code(e) == libvirt.VIR_ERR_INTERNAL_ERROR


def test_list_shapes(node):
    assert sorted(node.listNetworks()) == ["iso", "lab"]
    assert node.listDefinedNetworks() == []
    assert node.numOfNetworks() == 2 and node.numOfDefinedNetworks() == 0
    node.networkLookupByName("iso").destroy()
    assert node.listNetworks() == ["lab"]
    assert node.listDefinedNetworks() == ["iso"]
    assert [n.name() for n in node.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_INACTIVE)] == ["iso"]
    net = node.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_ACTIVE)[0]
    assert net.connect() is node
    assert node.networkLookupByUUID(net.UUID()).name() == "lab"


def test_lifecycle_and_transient(node):
    t = node.networkCreateXML("<network><name>tmp</name></network>")
    assert (t.isActive(), t.isPersistent()) == (1, 0)
    with pytest.raises(libvirt.libvirtError) as e:
        t.undefine()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    t.destroy()
    with pytest.raises(libvirt.libvirtError) as e:
        node.networkLookupByName("tmp")
    assert code(e) == libvirt.VIR_ERR_NO_NETWORK
    assert e.value.get_error_domain() == libvirt.VIR_FROM_TEST

    p = node.networkDefineXMLFlags("<network><name>p</name></network>",
                                   libvirt.VIR_NETWORK_DEFINE_VALIDATE)
    assert (p.isActive(), p.isPersistent()) == (0, 1)
    p.setAutostart(True)
    assert p.autostart() == 1
    assert [n.name() for n in node.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_AUTOSTART)] == ["p"]
    p.create()
    with pytest.raises(libvirt.libvirtError) as e:
        p.create()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    p.destroy()
    p.undefine()
    assert sorted(node.listNetworks() + node.listDefinedNetworks()) == ["iso", "lab"]


def test_xml_errors(node):
    cases = [
        ("<network/>", libvirt.VIR_ERR_NO_NAME, libvirt.VIR_FROM_NETWORK),
        ("<network><name>x</name><uuid>nope</uuid></network>", libvirt.VIR_ERR_INTERNAL_ERROR,
         libvirt.VIR_FROM_NETWORK),
        ("<network><name>x</name><forward mode='isolated'/></network>",
         libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_NETWORK),
        ("<pool/>", libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_XML),
        ("<network", libvirt.VIR_ERR_XML_DETAIL, libvirt.VIR_FROM_NETWORK),
        ("<network><name>lab</name></network>", libvirt.VIR_ERR_OPERATION_FAILED,
         libvirt.VIR_FROM_NETWORK),
    ]
    for xml, want, dom in cases:
        with pytest.raises(libvirt.libvirtError) as e:
            node.networkDefineXML(xml)
        assert (code(e), e.value.get_error_domain()) == (want, dom), xml


def test_update_keeps_config_apart_from_live(node):
    lab = node.networkLookupByName("lab")
    host = "<host mac='52:54:00:00:00:05' name='vm5' ip='10.9.0.5'/>"
    assert lab.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                      libvirt.VIR_NETWORK_SECTION_IP_DHCP_HOST, -1, host,
                      libvirt.VIR_NETWORK_UPDATE_AFFECT_CONFIG) == 0
    assert "vm5" not in lab.XMLDesc()        # the live definition is unchanged
    lab.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST,
               libvirt.VIR_NETWORK_SECTION_IP_DHCP_HOST, 0, host)
    assert host in lab.XMLDesc()
    lab.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_DELETE,
               libvirt.VIR_NETWORK_SECTION_IP_DHCP_HOST, 0, "<host name='vm5'/>")
    assert "vm5" not in lab.XMLDesc()
    with pytest.raises(libvirt.libvirtError) as e:
        lab.update(libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                   libvirt.VIR_NETWORK_SECTION_BRIDGE, -1, "<bridge name='x'/>")
    assert code(e) == libvirt.VIR_ERR_OPERATION_UNSUPPORTED


def test_update_dns_records_port_groups_and_forward_devices(node):
    lab = node.networkLookupByName("lab")
    iso = node.networkLookupByName("iso")
    C = libvirt

    def update(net, command, section, xml):
        return net.update(command, section, -1, xml, 0)

    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_DNS_HOST,
           "<host ip='10.9.0.7'><hostname>seven</hostname><hostname></hostname></host>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, C.VIR_NETWORK_SECTION_DNS_TXT,
           "<txt name='lab' value='hello'/>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_DNS_SRV,
           "<srv service='ldap' protocol='tcp' target='srv' port='389' priority='0'/>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_PORTGROUP,
           "<portgroup name='eng' default='yes'><vlan><tag id='7'/><tag id='8'/></vlan></portgroup>")
    xml = lab.XMLDesc()
    assert ("<txt name='lab' value='hello'/>\n"
            "    <srv service='ldap' protocol='tcp' target='srv' port='389'/>\n"
            "    <host ip='10.9.0.7'>\n      <hostname>seven</hostname>\n    </host>") in xml
    assert "<vlan trunk='yes'>" in xml

    # a second default port group, a duplicate and a changed record are refused
    refused = [
        (C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_PORTGROUP,
         "<portgroup name='ops' default='yes'/>", C.VIR_ERR_OPERATION_INVALID),
        (C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_DNS_HOST,
         "<host ip='10.9.0.7'><hostname>other</hostname></host>", C.VIR_ERR_OPERATION_INVALID),
        (C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, C.VIR_NETWORK_SECTION_DNS_TXT,
         "<txt name='lab' value='bye'/>", C.VIR_ERR_OPERATION_UNSUPPORTED),
        (C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_DNS_SRV,
         "<srv service='x' protocol='tcp' port='22'/>", C.VIR_ERR_XML_DETAIL),
        (C.VIR_NETWORK_UPDATE_COMMAND_DELETE, C.VIR_NETWORK_SECTION_PORTGROUP,
         "<portgroup name='nobody'/>", C.VIR_ERR_OPERATION_INVALID),
    ]
    for command, section, record, err in refused:
        with pytest.raises(libvirt.libvirtError) as e:
            update(lab, command, section, record)
        assert code(e) == err, record
    assert lab.XMLDesc() == xml                  # nothing was half-applied

    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, C.VIR_NETWORK_SECTION_DNS_HOST,
           "<host><hostname>seven</hostname></host>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, C.VIR_NETWORK_SECTION_DNS_TXT,
           "<txt name='lab'/>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, C.VIR_NETWORK_SECTION_DNS_SRV,
           "<srv service='ldap'/>")
    update(lab, C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, C.VIR_NETWORK_SECTION_PORTGROUP,
           "<portgroup name='eng'/>")
    xml = lab.XMLDesc()
    assert "<dns>" not in xml and "<portgroup name='eng'>\n  </portgroup>" in xml

    # forward devices: a bridge-mode network takes several, and the first
    # one is also the forward element's dev
    update(iso, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_FORWARD_INTERFACE,
           "<interface dev='eth1'/>")
    update(iso, C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, C.VIR_NETWORK_SECTION_FORWARD_INTERFACE,
           "<interface dev='eth0'/>")
    assert "<forward dev='eth0' mode='bridge'>" in iso.XMLDesc()
    update(iso, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, C.VIR_NETWORK_SECTION_FORWARD_INTERFACE,
           "<interface dev='eth0'/>")
    assert "<forward dev='eth1' mode='bridge'>" in iso.XMLDesc()
    with pytest.raises(libvirt.libvirtError) as e:
        update(lab, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, C.VIR_NETWORK_SECTION_FORWARD_INTERFACE,
               "<interface/>")
    assert code(e) == C.VIR_ERR_XML_ERROR


def test_unsupported_in_the_test_driver(node):
    lab = node.networkLookupByName("lab")
    calls = [
        (lab.DHCPLeases, libvirt.VIR_FROM_NETWORK),
        (lambda: lab.DHCPLeases("52:54:00:00:00:01", 0), libvirt.VIR_FROM_NETWORK),
        (lab.listAllPorts, libvirt.VIR_FROM_NETWORK),
        (lambda: lab.portCreateXML("<networkport/>"), libvirt.VIR_FROM_NETWORK),
        (lambda: lab.portLookupByUUIDString("aaaaaaaa-1111-2222-3333-444444444444"),
         libvirt.VIR_FROM_NETWORK),
        (node.listNWFilters, None),
        (node.listAllNWFilters, None),
        (node.numOfNWFilters, None),
        (node.listAllNWFilterBindings, None),
        (lambda: node.nwfilterLookupByName("clean-traffic"), None),
        (lambda: node.nwfilterDefineXML("<filter name='f'/>"), None),
        (lambda: node.nwfilterBindingLookupByPortDev("vnet0"), None),
        (lambda: node.nwfilterBindingCreateXML("<filterbinding/>"), None),
    ]
    for call, dom in calls:
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_NO_SUPPORT
        if dom is not None:
            assert e.value.get_error_domain() == dom


def test_python_method_names_match_libvirt_python():
    expected = {
        libvirt.virNetwork: ["DHCPLeases", "XMLDesc", "autostart", "bridgeName", "create",
                             "destroy", "isActive", "isPersistent", "listAllPorts",
                             "portCreateXML", "portLookupByUUID", "portLookupByUUIDString",
                             "setAutostart", "undefine", "update"],
        libvirt.virNetworkPort: ["XMLDesc", "delete", "network", "parameters", "setParameters"],
        libvirt.virNWFilter: ["XMLDesc", "name", "undefine", "UUID", "UUIDString"],
        libvirt.virNWFilterBinding: ["XMLDesc", "delete", "filterName", "portDev"],
        libvirt.virConnect: ["listAllNWFilterBindings", "listAllNWFilters", "listAllNetworks",
                             "listDefinedNetworks", "listNWFilters", "listNetworks",
                             "networkCreateXML", "networkCreateXMLFlags", "networkDefineXML",
                             "networkDefineXMLFlags", "networkLookupByName",
                             "networkLookupByUUID", "networkLookupByUUIDString",
                             "numOfDefinedNetworks", "numOfNWFilters", "numOfNetworks",
                             "nwfilterBindingCreateXML", "nwfilterBindingLookupByPortDev",
                             "nwfilterDefineXML", "nwfilterDefineXMLFlags",
                             "nwfilterLookupByName", "nwfilterLookupByUUID",
                             "nwfilterLookupByUUIDString"],
    }
    for cls, names in expected.items():
        missing = [n for n in names if not hasattr(cls, n)]
        assert not missing, (cls.__name__, missing)


def test_threads_define_and_undefine(node):
    errors = []

    def work(i):
        try:
            for j in range(20):
                n = node.networkDefineXML(f"<network><name>th{i}-{j}</name></network>")
                n.create()
                n.XMLDesc()
                node.listAllNetworks()
                n.destroy()
                n.undefine()
        except libvirt.libvirtError as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(node.listNetworks()) == ["iso", "lab"]
