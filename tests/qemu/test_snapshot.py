"""Internal snapshots with the guest's memory through the QEMU driver:
a marker written into the guest before the snapshot comes back after a
revert (of the running domain and of a shut-off one), the snapshot tree
and its metadata, and deletion."""

import os

import pytest

import guest
import libvirt
from conftest import ConsoleReader, RunningGuest

EV = libvirt


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    def xml_of(root):
        disk = guest.make_disk(os.path.join(root, 'state.qcow2'), '64M')
        return guest.domain_xml('snappy', disks=[(disk, 'qcow2')])
    rg = RunningGuest('snappy', xml_of)
    yield rg
    for snap in rg.dom.listAllSnapshots(0) if rg.dom else []:
        try:
            snap.delete(EV.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)
        except libvirt.libvirtError:
            pass
    rg.close()


def snapshot_xml(name, description=''):
    return ('<domainsnapshot><name>%s</name><description>%s</description>'
            '</domainsnapshot>' % (name, description))


def reattach_console(g):
    g.console.close()
    st = g.conn.newStream(0)
    g.dom.openConsole(None, st, 0)
    g.console = ConsoleReader(st)
    g.console.send('\n')
    g.console.wait_for(guest.PROMPT)


def test_revert_brings_memory_back(g):
    g.run('MARK=at-first-snapshot')
    s1 = g.dom.snapshotCreateXML(snapshot_xml('first', 'the marker is set'), 0)
    assert g.dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    assert g.run('echo $MARK') == 'at-first-snapshot'
    g.run('MARK=changed-later')
    g.dom.revertToSnapshot(s1, 0)
    assert g.dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_FROM_SNAPSHOT]
    g.console.send('\n')
    g.console.wait_for(guest.PROMPT)
    assert g.run('echo $MARK') == 'at-first-snapshot'


def test_tree_and_metadata(g):
    g.run('MARK=at-second-snapshot')
    s2 = g.dom.snapshotCreateXML(snapshot_xml('second'), 0)
    assert sorted(g.dom.snapshotListNames(0)) == ['first', 'second']
    assert g.dom.snapshotNum(EV.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) == 1
    assert s2.getParent().getName() == 'first'
    assert g.dom.snapshotCurrent().getName() == 'second' and s2.isCurrent() == 1
    assert g.dom.hasCurrentSnapshot() == 1
    xml = s2.getXMLDesc(0)
    assert '<name>second</name>' in xml and '<state>running</state>' in xml
    assert "<disk name='vda' snapshot='internal'/>" in xml and '<domain type=' in xml
    assert os.path.exists(os.path.join(g.root, 'lib/qemu/snapshot/snappy/second.xml'))
    names = lambda f: [d.name() for d in g.conn.listAllDomains(f)]
    assert names(EV.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT) == ['snappy']
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.snapshotLookupByName('nosuch', 0)
    assert e.value.get_error_code() == EV.VIR_ERR_NO_DOMAIN_SNAPSHOT
    # the images really hold the snapshots
    out = os.popen('qemu-img snapshot -U -l %s' % os.path.join(g.root, 'state.qcow2')).read()
    assert 'first' in out and 'second' in out


def test_revert_a_shut_off_domain(g):
    g.dom.destroy()
    g.dom.revertToSnapshot(g.dom.snapshotLookupByName('first', 0), 0)
    assert g.dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_FROM_SNAPSHOT]
    reattach_console(g)
    assert g.run('echo $MARK') == 'at-first-snapshot'


def test_delete(g):
    first = g.dom.snapshotLookupByName('first', 0)
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.undefine()
    assert e.value.get_error_message() == (
        'Requested operation is not valid: cannot delete inactive domain with 2 snapshots')
    first.delete(0)
    assert g.dom.snapshotListNames(0) == ['second']
    # 'second' lost its parent and is a root now
    assert g.dom.snapshotNum(EV.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) == 1
    out = os.popen('qemu-img snapshot -U -l %s' % os.path.join(g.root, 'state.qcow2')).read()
    assert 'first' not in out and 'second' in out
    # deleting from a shut-off domain edits the image with qemu-img
    g.dom.destroy()
    g.dom.snapshotLookupByName('second', 0).delete(0)
    assert g.dom.snapshotNum(0) == 0 and g.dom.hasCurrentSnapshot() == 0
    out = os.popen('qemu-img snapshot -l %s' % os.path.join(g.root, 'state.qcow2')).read()
    assert 'second' not in out


def test_needs_qcow2(conn, guest_files):
    dom = conn.createXML(guest.domain_xml('plain'), EV.VIR_DOMAIN_START_PAUSED)
    with pytest.raises(libvirt.libvirtError) as e:
        dom.snapshotCreateXML(snapshot_xml('x'), 0)
    assert e.value.get_error_code() == EV.VIR_ERR_OPERATION_UNSUPPORTED
