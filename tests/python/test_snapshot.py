"""Domain snapshots and the migration API of the test driver, through the
Python binding: shapes of the results, the snapshot tree, revert and
delete.  (tests/python/scripts/snapshot*.py compare the same calls with
libvirt itself.)"""
import re

import pytest

import libvirt

DOMAIN = """<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>262144</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/{name}.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>"""


@pytest.fixture
def dom(conn):
    """A running persistent domain with one disk, removed afterwards."""
    d = conn.defineXML(DOMAIN.format(name="pytest-snap"))
    d.create()
    yield d
    if d.isActive():
        d.destroy()
    d.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)


def snap(d, name, flags=0, extra=""):
    return d.snapshotCreateXML(f"<domainsnapshot><name>{name}</name>{extra}</domainsnapshot>", flags)


def code(fn, *args):
    with pytest.raises(libvirt.libvirtError) as e:
        fn(*args)
    return e.value.get_error_code()


def test_create_and_describe(dom):
    s = snap(dom, "one", extra="<description>first</description>")
    assert isinstance(s, libvirt.virDomainSnapshot)
    assert s.getName() == "one"
    assert s.getDomain().name() == dom.name() == s.domain().name()
    assert s.getConnect().getURI() == "test:///default"
    xml = s.getXMLDesc()
    assert "<description>first</description>" in xml
    assert "<state>running</state>" in xml
    assert "<memory snapshot='internal'/>" in xml
    assert "<disk name='vda' snapshot='internal'/>" in xml
    assert re.search(r"<creationTime>\d+</creationTime>", xml)
    assert f"<uuid>{dom.UUIDString()}</uuid>" in xml
    assert s.isCurrent() == 1 and s.hasMetadata() == 1
    assert dom.hasCurrentSnapshot() == 1
    assert dom.snapshotCurrent().getName() == "one"
    assert dom.snapshotLookupByName("one").getName() == "one"


def test_default_name_is_creation_time(dom):
    s = dom.snapshotCreateXML("<domainsnapshot/>")
    assert s.getName().isdigit()
    assert f"<creationTime>{s.getName()}</creationTime>" in s.getXMLDesc()


def test_tree_and_filters(dom):
    a = snap(dom, "a")
    snap(dom, "b")
    snap(dom, "c")
    dom.revertToSnapshot(a)
    snap(dom, "d")
    assert sorted(dom.snapshotListNames()) == ["a", "b", "c", "d"]
    assert dom.snapshotNum() == 4
    assert dom.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) == ["a"]
    assert sorted(dom.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)) == ["c", "d"]
    assert sorted(a.listChildrenNames()) == ["b", "d"]
    assert sorted(a.listChildrenNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) == ["b", "c", "d"]
    assert a.numChildren() == 2
    assert all(isinstance(s, libvirt.virDomainSnapshot) for s in a.listAllChildren())
    # topological order puts every parent before its children
    order = dom.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)
    assert order.index("a") < order.index("b") < order.index("c")
    assert dom.snapshotNum(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) == 0
    assert dom.snapshotNum(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) == 0
    assert dom.snapshotLookupByName("c").getParent().getName() == "b"
    assert code(a.getParent) == libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT


def test_errors(dom):
    assert code(dom.snapshotCurrent) == libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT
    assert code(dom.snapshotLookupByName, "nope") == libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT
    snap(dom, "x")
    assert code(snap, dom, "x") == libvirt.VIR_ERR_OPERATION_FAILED
    assert code(dom.snapshotCreateXML, "<bogus/>") == libvirt.VIR_ERR_XML_ERROR
    assert code(dom.snapshotCreateXML, "<domainsnapshot") == libvirt.VIR_ERR_XML_DETAIL
    assert code(snap, dom, "y", libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) == libvirt.VIR_ERR_INVALID_ARG
    assert code(snap, dom, "y", libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY) == libvirt.VIR_ERR_INVALID_ARG
    assert code(snap, dom, "y", 0, "<disks><disk name='vdz'/></disks>") == libvirt.VIR_ERR_CONFIG_UNSUPPORTED
    assert code(snap, dom, "y", 0, "<memory snapshot='external'/>") == libvirt.VIR_ERR_XML_ERROR


def test_halt_and_revert_states(dom):
    run = snap(dom, "run")
    dom.suspend()
    paused = snap(dom, "paused")
    dom.resume()
    snap(dom, "halt", libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
    assert dom.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT]
    off = snap(dom, "off")
    assert "<state>shutoff</state>" in off.getXMLDesc()
    assert "<memory snapshot='no'/>" in off.getXMLDesc()

    assert dom.revertToSnapshot(run) == 0
    assert dom.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_FROM_SNAPSHOT]
    assert run.isCurrent() == 1
    dom.revertToSnapshot(paused)
    assert dom.state() == [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_FROM_SNAPSHOT]
    dom.revertToSnapshot(paused, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING)
    assert dom.state()[0] == libvirt.VIR_DOMAIN_RUNNING
    dom.revertToSnapshot(run, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
    assert dom.state()[0] == libvirt.VIR_DOMAIN_PAUSED
    dom.revertToSnapshot(off)
    assert dom.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT]
    assert code(dom.revertToSnapshot, run, 3) == libvirt.VIR_ERR_INVALID_ARG


def test_revert_restores_definition(conn, dom):
    s = snap(dom, "before")
    dom.destroy()
    dom.setMaxMemory(131072)
    assert dom.maxMemory() == 131072
    dom.revertToSnapshot(s)
    assert dom.maxMemory() == 262144
    assert dom.isActive() == 1


def test_delete(dom):
    a = snap(dom, "a")
    b = snap(dom, "b")
    snap(dom, "c")
    b.delete()
    assert dom.snapshotLookupByName("c").getParent().getName() == "a"
    assert code(b.getXMLDesc) == libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT
    snap(dom, "d")
    a.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
    assert dom.snapshotListNames() == ["a"]
    assert a.isCurrent() == 1
    assert code(a.delete, libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) == libvirt.VIR_ERR_INVALID_ARG
    a.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)
    assert dom.snapshotNum() == 0
    assert dom.hasCurrentSnapshot() == 0


def test_redefine(dom):
    a = snap(dom, "a")
    xml = a.getXMLDesc()
    a.delete()
    r = dom.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
    assert r.getXMLDesc() == xml
    assert r.isCurrent() == 0
    dom.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                          libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
    assert r.isCurrent() == 1


def test_read_only(dom):
    snap(dom, "a")
    ro = libvirt.openReadOnly("test:///default")
    rd = ro.lookupByName(dom.name())
    assert rd.snapshotListNames() == ["a"]
    rs = rd.snapshotLookupByName("a")
    assert rs.getXMLDesc().startswith("<domainsnapshot>")
    assert code(rs.getXMLDesc, libvirt.VIR_DOMAIN_SNAPSHOT_XML_SECURE) == libvirt.VIR_ERR_OPERATION_DENIED
    assert code(rs.delete) == libvirt.VIR_ERR_OPERATION_DENIED
    assert code(rd.revertToSnapshot, rs) == libvirt.VIR_ERR_OPERATION_DENIED
    ro.close()


def test_migration_refused(conn, dom):
    dest = libvirt.open("test:///default")
    assert code(dom.migrate, dest) == libvirt.VIR_ERR_NO_SUPPORT
    assert code(dom.migrate, None) == libvirt.VIR_ERR_INVALID_CONN
    assert code(dom.migrate2, dest, None, libvirt.VIR_MIGRATE_TUNNELLED) == libvirt.VIR_ERR_OPERATION_INVALID
    assert code(dom.migrate3, dest, {"bandwidth": 1}, libvirt.VIR_MIGRATE_PEER2PEER) == libvirt.VIR_ERR_INVALID_ARG
    assert code(dom.migrateToURI, "test:///default") == libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED
    assert code(dom.migrateToURI2) == libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED
    assert code(dom.migrateToURI3, "x", {}, libvirt.VIR_MIGRATE_OFFLINE) == libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED
    assert dom.migrateGetCompressionCache() is None
    assert dom.migrateGetMaxDowntime() is None
    assert code(dom.migrateGetMaxSpeed) == libvirt.VIR_ERR_NO_SUPPORT
    assert code(dom.migrateSetMaxSpeed, 10) == libvirt.VIR_ERR_NO_SUPPORT
    assert code(dom.migrateStartPostCopy) == libvirt.VIR_ERR_NO_SUPPORT
    dest.close()
