"""Domain checkpoints of the test driver, through the Python binding."""
import pytest

import libvirt

DOMAIN = """<domain type='test'>
  <name>pytest-ckpt</name>
  <memory unit='KiB'>262144</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/ckpt-a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <source file='/guest/ckpt-b.img'/>
      <target dev='vdb' bus='virtio'/>
      <readonly/>
    </disk>
  </devices>
</domain>"""


@pytest.fixture
def dom(conn):
    d = conn.defineXML(DOMAIN)
    d.create()
    yield d
    for c in d.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS):
        c.delete(libvirt.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN)
    if d.isActive():
        d.destroy()
    d.undefine()


def ckpt(d, name, extra="", flags=0):
    return d.checkpointCreateXML(f"<domaincheckpoint><name>{name}</name>{extra}</domaincheckpoint>", flags)


def code(fn, *args):
    with pytest.raises(libvirt.libvirtError) as e:
        fn(*args)
    return e.value.get_error_code()


def test_create_and_xml(dom):
    c = ckpt(dom, "c1")
    assert isinstance(c, libvirt.virDomainCheckpoint)
    assert c.getName() == "c1" and c.domain().name() == "pytest-ckpt"
    xml = c.getXMLDesc()
    assert "<disk name='vda' checkpoint='bitmap' bitmap='c1'/>" in xml
    assert "<disk name='vdb' checkpoint='no'/>" in xml
    assert "<domain type='test'>" in xml
    assert "<domain type" not in c.getXMLDesc(libvirt.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN)
    assert dom.checkpointLookupByName("c1").getName() == "c1"


def test_tree(dom):
    c1 = ckpt(dom, "c1")
    ckpt(dom, "c2")
    ckpt(dom, "c3")
    assert code(c1.getParent) == libvirt.VIR_ERR_NO_DOMAIN_CHECKPOINT
    assert dom.checkpointLookupByName("c3").getParent().getName() == "c2"
    assert sorted(c.getName() for c in dom.listAllCheckpoints()) == ["c1", "c2", "c3"]
    assert [c.getName() for c in dom.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS)] == ["c1"]
    assert [c.getName() for c in dom.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES)] == ["c3"]
    assert [c.getName() for c in c1.listAllChildren()] == ["c2"]
    assert sorted(c.getName() for c in c1.listAllChildren(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) == ["c2", "c3"]
    dom.checkpointLookupByName("c2").delete()
    assert dom.checkpointLookupByName("c3").getParent().getName() == "c1"
    c1.delete(libvirt.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)
    assert [c.getName() for c in dom.listAllCheckpoints()] == ["c1"]
    # the next checkpoint hangs below the current one
    assert ckpt(dom, "c4").getParent().getName() == "c1"


def test_rules(conn, dom):
    ckpt(dom, "c1")
    assert code(dom.snapshotCreateXML, "<domainsnapshot/>") == libvirt.VIR_ERR_OPERATION_UNSUPPORTED
    assert code(ckpt, dom, "c1") == libvirt.VIR_ERR_OPERATION_FAILED
    assert code(ckpt, dom, "x", "<disks><disk name='vdb' checkpoint='bitmap'/></disks>") == \
        libvirt.VIR_ERR_CONFIG_UNSUPPORTED
    assert code(ckpt, dom, "x", "<disks><disk/></disks>") == libvirt.VIR_ERR_XML_INVALID_SCHEMA
    assert code(ckpt, dom, "x", "", libvirt.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE) == \
        libvirt.VIR_ERR_INVALID_ARG
    dom.destroy()
    assert code(ckpt, dom, "x") == libvirt.VIR_ERR_OPERATION_UNSUPPORTED


def test_redefine(dom):
    c = ckpt(dom, "c1")
    xml = c.getXMLDesc()
    c.delete()
    r = dom.checkpointCreateXML(xml, libvirt.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE)
    assert r.getXMLDesc() == xml
