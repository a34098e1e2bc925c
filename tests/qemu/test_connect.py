"""qemu:///embed?root=DIR: opening, the connection's questions, defining
and undefining domains, and libvirt's errors for them (checked against
libvirt 9.0's QEMU driver run the same way).  No guest is started here."""

import glob
import os
import xml.etree.ElementTree as ET

import pytest

import guest
import libvirt
from conftest import cleanup_conn, make_root

SMALL = """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>128</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>"""


def error_of(func, *args):
    with pytest.raises(libvirt.libvirtError) as info:
        func(*args)
    e = info.value
    return e.get_error_code(), e.get_error_domain(), e.get_error_message()


def test_open_lays_out_the_root(conn, root):
    for sub in ('etc/qemu', 'run/qemu', 'log/qemu', 'cache/qemu/capabilities'):
        assert os.path.isdir(os.path.join(root, sub)), sub
    # the probe of the emulator is cached under the root
    assert glob.glob(os.path.join(root, 'cache/qemu/capabilities/*.json'))


def test_connection_questions(conn, root):
    assert conn.getType() == 'QEMU'
    assert conn.getVersion() >= 7000000
    assert conn.getURI() == 'qemu:///embed?root=' + root
    assert conn.getHostname()
    assert conn.isAlive() == 1
    assert conn.isSecure() == 1
    assert conn.isEncrypted() == 0
    model, mem, cpus, mhz, nodes, sockets, cores, threads = conn.getInfo()
    assert model == 'x86_64' and mem > 0 and cpus == os.cpu_count()
    assert sockets * cores * threads == cpus


def test_capabilities(conn):
    caps = ET.fromstring(conn.getCapabilities())
    assert caps.find('host/cpu/arch').text == 'x86_64'
    guests = caps.findall('guest')
    assert guests and guests[0].find('arch').get('name') == 'x86_64'
    assert {d.get('type') for d in guests[0].findall('arch/domain')} >= {'qemu'}
    dcaps = ET.fromstring(conn.getDomainCapabilities(None, None, None, 'qemu'))
    assert dcaps.find('path').text == '/usr/bin/qemu-system-x86_64'
    assert dcaps.find('domain').text == 'qemu'
    assert dcaps.find('machine').text.startswith('pc-i440fx-')


def test_open_errors(event_loop):
    assert error_of(libvirt.open, 'qemu:///embed') == (
        libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_QEMU,
        "invalid argument: Missing URI parameter 'root'")
    assert error_of(libvirt.open, 'qemu:///embed?root=relative') == (
        libvirt.VIR_ERR_CONFIG_UNSUPPORTED, libvirt.VIR_FROM_QEMU,
        'unsupported configuration: root path must be absolute')


def test_define_writes_completed_config(conn, root):
    dom = conn.defineXML(SMALL % 'd1')
    path = os.path.join(root, 'etc/qemu/d1.xml')
    assert os.path.exists(path)
    assert not os.path.exists(path + '.new')
    text = open(path).read()
    # defaults applied at define: the versioned machine, the emulator
    assert "machine='pc-i440fx-" in text
    assert '<emulator>/usr/bin/qemu-system-x86_64</emulator>' in text
    xml = dom.XMLDesc(0)
    assert "machine='pc-i440fx-" in xml and "<controller type='pci'" in xml
    assert dom.isPersistent() == 1 and dom.isActive() == 0 and dom.isUpdated() == 0
    assert dom.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_UNKNOWN]
    assert dom.info() == [libvirt.VIR_DOMAIN_SHUTOFF, 131072, 131072, 1, 0]
    assert dom.OSType() == 'hvm'
    assert dom.maxMemory() == 131072
    assert dom.ID() == -1


def test_lookups_and_lists(conn):
    a = conn.defineXML(SMALL % 'la')
    conn.defineXML(SMALL % 'lb')
    assert conn.lookupByName('la').UUIDString() == a.UUIDString()
    assert conn.lookupByUUIDString(a.UUIDString()).name() == 'la'
    assert sorted(conn.listDefinedDomains()) == ['la', 'lb']
    assert conn.numOfDefinedDomains() == 2 and conn.numOfDomains() == 0
    assert conn.listDomainsID() == []
    names = lambda flags: sorted(d.name() for d in conn.listAllDomains(flags))
    assert names(0) == ['la', 'lb']
    assert names(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE) == ['la', 'lb']
    assert names(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE) == []
    assert names(libvirt.VIR_CONNECT_LIST_DOMAINS_TRANSIENT) == []
    a.setAutostart(1)
    assert a.autostart() == 1
    assert names(libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART) == ['la']
    assert names(libvirt.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) == ['lb']


def test_autostart_link(conn, root):
    dom = conn.defineXML(SMALL % 'auto')
    link = os.path.join(root, 'etc/qemu/autostart/auto.xml')
    dom.setAutostart(1)
    assert os.path.islink(link)
    assert os.readlink(link) == os.path.join(root, 'etc/qemu/auto.xml')
    dom.setAutostart(0)
    assert not os.path.lexists(link)


def test_redefine_updates_and_keeps_uuid(conn, events):
    dom = conn.defineXML(SMALL % 'rd')
    xml = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).replace(
        "<memory unit='KiB'>131072</memory>", "<memory unit='KiB'>262144</memory>")
    again = conn.defineXML(xml)
    assert again.UUIDString() == dom.UUIDString()
    assert again.maxMemory() == 262144
    events.wait_for('rd', (libvirt.VIR_DOMAIN_EVENT_DEFINED,
                           libvirt.VIR_DOMAIN_EVENT_DEFINED_ADDED))
    events.wait_for('rd', (libvirt.VIR_DOMAIN_EVENT_DEFINED,
                           libvirt.VIR_DOMAIN_EVENT_DEFINED_UPDATED))


def test_undefine(conn, root, events):
    dom = conn.defineXML(SMALL % 'gone')
    dom.setAutostart(1)
    dom.undefine()
    assert not os.path.exists(os.path.join(root, 'etc/qemu/gone.xml'))
    assert not os.path.lexists(os.path.join(root, 'etc/qemu/autostart/gone.xml'))
    assert conn.listAllDomains(0) == []
    events.wait_for('gone', (libvirt.VIR_DOMAIN_EVENT_UNDEFINED,
                             libvirt.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED))
    # a second undefine through the same handle: libvirt's message
    code, dom_, msg = error_of(dom.undefine)
    assert (code, dom_) == (libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_QEMU)
    assert msg == ("Domain not found: no domain with matching uuid '%s' (gone)"
                   % dom.UUIDString())


def test_errors_match_libvirt(conn):
    assert error_of(conn.lookupByName, 'nosuch') == (
        libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_QEMU,
        "Domain not found: no domain with matching name 'nosuch'")
    assert error_of(conn.lookupByID, 42) == (
        libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_QEMU,
        'Domain not found: no domain with matching id 42')
    assert error_of(conn.lookupByUUIDString, '11111111-1111-1111-1111-111111111111') == (
        libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_QEMU,
        "Domain not found: no domain with matching uuid '11111111-1111-1111-1111-111111111111'")
    assert error_of(conn.defineXML, '<domain') == (
        libvirt.VIR_ERR_XML_DETAIL, libvirt.VIR_FROM_DOMAIN,
        "(domain_definition):1: Couldn't find end of Start Tag domain line 1\n<domain\n-------^")
    assert error_of(conn.defineXML, "<domain type='qemu'><name>x</name></domain>") == (
        libvirt.VIR_ERR_XML_ERROR, libvirt.VIR_FROM_DOMAIN,
        'XML error: an os <type> must be specified')
    dom = conn.defineXML(SMALL % 'idle')
    not_running = (libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN,
                   'Requested operation is not valid: domain is not running')
    for op in (dom.destroy, dom.suspend, dom.resume, dom.shutdown):
        assert error_of(op) == not_running
    assert error_of(dom.reboot, 0) == not_running
    assert error_of(dom.reset, 0) == not_running
    # the same name with another UUID
    other = (SMALL % 'idle').replace('<name>', '<uuid>11111111-2222-3333-4444-555555555555</uuid><name>')
    code, edom, msg = error_of(conn.defineXML, other)
    assert (code, edom) == (libvirt.VIR_ERR_OPERATION_FAILED, libvirt.VIR_FROM_DOMAIN)
    assert msg == ("operation failed: domain 'idle' already exists with uuid %s"
                   % dom.UUIDString())


def test_connections_share_a_root_and_roots_are_independent(root, event_loop):
    uri = 'qemu:///embed?root=' + root
    c1 = libvirt.open(uri)
    c2 = libvirt.open(uri)
    other_root = make_root()
    c3 = libvirt.open('qemu:///embed?root=' + other_root)
    try:
        c1.defineXML(SMALL % 'shared')
        assert [d.name() for d in c2.listAllDomains(0)] == ['shared']
        assert c3.listAllDomains(0) == []
        c3.defineXML(SMALL % 'mine')
        assert [d.name() for d in c1.listAllDomains(0)] == ['shared']
    finally:
        cleanup_conn(c1)
        cleanup_conn(c2)
        cleanup_conn(c3)
        import shutil
        shutil.rmtree(other_root, ignore_errors=True)
    # the state is read back from the files by a new connection
    c4 = libvirt.open(uri)
    try:
        assert [d.name() for d in c4.listAllDomains(0)] == ['shared']
    finally:
        cleanup_conn(c4)
