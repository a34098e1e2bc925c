"""External disk-only snapshots through the QEMU driver: a running guest
gets qcow2 overlays on its disks (QMP blockdev-create, blockdev-add and
one blockdev-snapshot transaction) and keeps running, its writes land in
the overlay while the old image stays as it was; the definitions name
the overlay with a <backingStore> chain; a shut-off domain's overlays are
made with qemu-img; the snapshot metadata, lists and errors are
libvirt's."""

import hashlib
import json
import os
import subprocess

import pytest

import guest
import libvirt
from conftest import RunningGuest

EV = libvirt
DISK_ONLY = EV.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY


def snapshot_xml(name, body=''):
    return '<domainsnapshot><name>%s</name>%s</domainsnapshot>' % (name, body)


def chain(path):
    """[(filename, format, backing-filename-format or None), ...] of the
    image at path and its backing files, as qemu-img sees them."""
    out = subprocess.run(['qemu-img', 'info', '-U', '--backing-chain', '--output=json', path],
                         check=True, capture_output=True, text=True).stdout
    return [(i['filename'], i['format'], i.get('backing-filename-format'))
            for i in json.loads(out)]


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def error_of(call):
    with pytest.raises(libvirt.libvirtError) as e:
        call()
    return (e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message())


def disks_of(xml):
    """The <devices> part of a domain XML from the first <disk> to the last
    </disk>."""
    return xml[xml.index('<disk '):xml.rindex('</disk>') + len('</disk>')]


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    def xml_of(root):
        base = guest.make_disk(os.path.join(root, 'base.qcow2'), '16M')
        data = guest.make_disk(os.path.join(root, 'data.img'), '8M', fmt='raw')
        return guest.domain_xml('extsnap', disks=[(base, 'qcow2'), (data, 'raw')])
    rg = RunningGuest('extsnap', xml_of)
    yield rg
    rg.close()


def guest_write(g, dev, text, sector):
    g.run('echo %s | dd of=/dev/%s bs=512 seek=%d conv=fsync 2>/dev/null' % (text, dev, sector))


def guest_read(g, dev, sector):
    return g.run('dd if=/dev/%s bs=512 skip=%d count=1 2>/dev/null | head -n 1' % (dev, sector))


def test_disk_only_snapshot_of_running_guest(g):
    base = os.path.join(g.root, 'base.qcow2')
    data = os.path.join(g.root, 'data.img')
    guest_write(g, 'vda', 'before-snapshot', 10)
    s1 = g.dom.snapshotCreateXML(snapshot_xml('s1', '<description>first</description>'),
                                 DISK_ONLY)
    assert s1.getName() == 's1'
    assert g.dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    # libvirt's names: the image's extension replaced by the snapshot's name
    top_a = os.path.join(g.root, 'base.s1')
    top_b = os.path.join(g.root, 'data.s1')
    assert chain(top_a) == [(top_a, 'qcow2', 'qcow2'), (base, 'qcow2', None)]
    assert chain(top_b) == [(top_b, 'qcow2', 'raw'), (data, 'raw', None)]

    before = (digest(base), digest(data))
    guest_write(g, 'vda', 'after-snapshot', 10)
    guest_write(g, 'vdb', 'data-after', 20)
    assert guest_read(g, 'vda', 10) == 'after-snapshot'
    assert guest_read(g, 'vdb', 20) == 'data-after'
    # the writes went to the overlays; the old images did not change
    assert (digest(base), digest(data)) == before
    with open(top_a, 'rb') as f:
        assert b'after-snapshot' in f.read()
    with open(base, 'rb') as f:
        content = f.read()
        assert b'before-snapshot' in content and b'after-snapshot' not in content


def test_definitions_name_the_overlay(g):
    live = disks_of(g.dom.XMLDesc(0))
    assert ("<driver name='qemu' type='qcow2'/>\n"
            "      <source file='%s/base.s1'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='%s/base.qcow2'/>\n"
            "        <backingStore/>\n"
            "      </backingStore>\n"
            "      <target dev='vda' bus='virtio'/>" % (g.root, g.root)) in live
    assert ("<source file='%s/data.s1'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='raw'/>\n"
            "        <source file='%s/data.img'/>\n"
            "        <backingStore/>\n"
            "      </backingStore>" % (g.root, g.root)) in live
    # the raw disk is a qcow2 overlay now
    assert live.count("type='qcow2'/>") == 3
    inactive = disks_of(g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE))
    assert ("<source file='%s/base.s1'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='%s/base.qcow2'/>\n"
            "      </backingStore>\n" % (g.root, g.root)) in inactive
    assert '<backingStore/>' not in inactive
    with open(os.path.join(g.root, 'etc/qemu/extsnap.xml')) as f:
        assert "base.s1" in f.read()


def test_snapshot_metadata_and_lists(g):
    s1 = g.dom.snapshotLookupByName('s1', 0)
    xml = s1.getXMLDesc(0)
    head = xml[:xml.index('<domain ')]
    assert head == ("<domainsnapshot>\n"
                    "  <name>s1</name>\n"
                    "  <description>first</description>\n"
                    "  <state>disk-snapshot</state>\n"
                    "  <creationTime>%s</creationTime>\n"
                    "  <memory snapshot='no'/>\n"
                    "  <disks>\n"
                    "    <disk name='vda' snapshot='external' type='file'>\n"
                    "      <driver type='qcow2'/>\n"
                    "      <source file='%s/base.s1'/>\n"
                    "    </disk>\n"
                    "    <disk name='vdb' snapshot='external' type='file'>\n"
                    "      <driver type='qcow2'/>\n"
                    "      <source file='%s/data.s1'/>\n"
                    "    </disk>\n"
                    "  </disks>\n  " % (head.split('<creationTime>')[1].split('<')[0],
                                        g.root, g.root))
    # the definitions of the moment: the images before the snapshot
    assert "<source file='%s/base.qcow2'/>" % g.root in xml.split('<inactiveDomain')[0]
    assert '<inactiveDomain type=' in xml and xml.endswith('</inactiveDomain>\n</domainsnapshot>\n')
    assert '<active>' not in xml
    assert os.path.exists(os.path.join(g.root, 'lib/qemu/snapshot/extsnap/s1.xml'))

    L = EV
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) == ['s1']
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) == ['s1']
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) == []
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) == []
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) == []
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_METADATA) == ['s1']
    assert g.dom.snapshotListNames(L.VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) == []
    assert g.dom.snapshotCurrent(0).getName() == 's1' and s1.isCurrent(0) == 1
    assert s1.hasMetadata(0) == 1 and g.dom.hasCurrentSnapshot(0) == 1


def test_chosen_disks_and_reused_overlay(g):
    # an overlay made beforehand on top of the current image of vda
    mine = os.path.join(g.root, 'mine.qcow2')
    top_a = os.path.join(g.root, 'base.s1')
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-u', '-b', top_a, '-F', 'qcow2',
                    mine, '16M'], check=True)
    body = ("<disks><disk name='vda' snapshot='external'><source file='%s'/></disk>"
            "<disk name='vdb' snapshot='no'/></disks>" % mine)
    s2 = g.dom.snapshotCreateXML(snapshot_xml('s2', body),
                                 DISK_ONLY | EV.VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT |
                                 EV.VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC)
    assert s2.getParent(0).getName() == 's1'
    assert "<disk name='vdb' snapshot='no'/>" in s2.getXMLDesc(0)
    guest_write(g, 'vda', 'in-mine', 30)
    with open(mine, 'rb') as f:
        assert b'in-mine' in f.read()
    live = disks_of(g.dom.XMLDesc(0))
    assert ("<source file='%s'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='%s'/>\n"
            "        <backingStore type='file'>\n"
            "          <format type='qcow2'/>\n"
            "          <source file='%s/base.qcow2'/>\n"
            "          <backingStore/>\n"
            "        </backingStore>\n"
            "      </backingStore>" % (mine, top_a, g.root)) in live
    assert "<source file='%s/data.s1'/>" % g.root in live
    assert g.dom.snapshotNum(EV.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) == 1


def test_errors(g):
    L = EV
    body_vda = lambda extra='': ("<disks><disk name='vda'%s/><disk name='vdb' snapshot='no'/>"
                                 "</disks>" % extra)
    create = lambda name, body='', flags=DISK_ONLY: (
        lambda: g.dom.snapshotCreateXML(snapshot_xml(name, body), flags))
    files = sorted(os.listdir(g.root))

    assert error_of(create('q', flags=DISK_ONLY | L.VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE)) == (
        L.VIR_ERR_ARGUMENT_UNSUPPORTED, L.VIR_FROM_QEMU,
        'argument unsupported: QEMU guest agent is not configured')
    assert error_of(create('q', flags=L.VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE))[:2] == (
        L.VIR_ERR_INVALID_ARG, L.VIR_FROM_QEMU)
    busy = os.path.join(g.root, 'busy.qcow2')
    with open(busy, 'w') as f:
        f.write('not empty')
    files = sorted(files + ['busy.qcow2'])
    assert error_of(create('e', "<disks><disk name='vda'><source file='%s'/></disk></disks>"
                           % busy)) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: external snapshot file for disk vda already exists '
        'and is not a block device: %s' % busy)
    missing = os.path.join(g.root, 'missing.qcow2')
    assert error_of(create('r', "<disks><disk name='vda'><source file='%s'/></disk>"
                                "<disk name='vdb' snapshot='no'/></disks>" % missing,
                           DISK_ONLY | L.VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT)) == (
        L.VIR_ERR_SYSTEM_ERROR, L.VIR_FROM_QEMU,
        'missing existing file for disk vda: %s: No such file or directory' % missing)
    assert error_of(create('i', body_vda(" snapshot='internal'"))) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: active qemu domains require external disk snapshots; '
        'disk vda requested internal')
    assert error_of(create('x', body_vda(" snapshot='external'"), 0)) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_DOMAIN_SNAPSHOT,
        "unsupported configuration: disk 'vda' must use snapshot mode 'internal'")
    assert error_of(create('m', "<memory snapshot='no'/>", 0)) == (
        L.VIR_ERR_OPERATION_UNSUPPORTED, L.VIR_FROM_QEMU,
        'Operation not supported: internal snapshot of a running VM must include '
        'the memory state')
    assert error_of(create('n', "<disks><disk name='vdz'/></disks>")) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_DOMAIN_SNAPSHOT,
        "unsupported configuration: no disk named 'vdz'")
    assert error_of(create('z', "<disks><disk name='vda' snapshot='no'/>"
                                "<disk name='vdb' snapshot='no'/></disks>")) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: nothing selected for snapshot')
    assert error_of(create('f', "<disks><disk name='vda'><driver type='raw'/></disk>"
                                "<disk name='vdb' snapshot='no'/></disks>")) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: external snapshot format for disk vda is unsupported: raw')
    assert error_of(create('l', flags=DISK_ONLY | L.VIR_DOMAIN_SNAPSHOT_CREATE_LIVE)) == (
        L.VIR_ERR_OPERATION_UNSUPPORTED, L.VIR_FROM_QEMU,
        'Operation not supported: live snapshot creation is supported only during full '
        'system snapshots')
    assert error_of(create('a/b'))[:2] == (L.VIR_ERR_XML_DETAIL, L.VIR_FROM_QEMU)
    s1 = g.dom.snapshotLookupByName('s1', 0)
    assert error_of(lambda: g.dom.revertToSnapshot(s1, 0)) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: revert to external snapshot not supported yet')
    assert error_of(lambda: s1.delete(L.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)) == (
        L.VIR_ERR_CONFIG_UNSUPPORTED, L.VIR_FROM_QEMU,
        'unsupported configuration: deletion of external children disk snapshots not supported')
    assert error_of(lambda: s1.delete(L.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))[0] == \
        L.VIR_ERR_CONFIG_UNSUPPORTED
    # the second overlay cannot be made: the first one is removed again
    nodes = lambda: sorted(n['node-name'] for n in json.loads(libvirt_qemu_command(
        g.dom, '{"execute": "query-named-block-nodes"}'))['return'])
    before = nodes()
    code, domain, msg = error_of(create('half', "<disks><disk name='vdb'><source file='%s'/>"
                                                "</disk></disks>" % '/nonexistent/x.qcow2',
                                        DISK_ONLY | L.VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC))
    assert (code, domain) == (L.VIR_ERR_OPERATION_FAILED, L.VIR_FROM_QEMU)
    assert "'blockdev-create' job failed" in msg and 'No such file or directory' in msg
    assert nodes() == before
    # nothing was made and nothing changed
    assert sorted(os.listdir(g.root)) == files
    assert sorted(g.dom.snapshotListNames(0)) == ['s1', 's2']
    assert guest_read(g, 'vda', 30) == 'in-mine'


def test_delete_merges_the_overlays(g):
    root = g.root
    s3 = g.dom.snapshotCreateXML(snapshot_xml('s3'), DISK_ONLY)
    assert s3.getParent(0).getName() == 's2'
    s1 = g.dom.snapshotLookupByName('s1', 0)
    assert s1.numChildren(0) == 1 and s1.listChildrenNames(0) == ['s2']
    assert [c.getName() for c in s1.listAllChildren(EV.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)] \
        == ['s2', 's3']
    assert s1.numChildren(EV.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS |
                          EV.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) == 1
    guest_write(g, 'vda', 'after-s3', 40)
    mine = os.path.join(root, 'mine.qcow2')
    top_a = os.path.join(root, 'mine.s3')
    assert chain(top_a)[1][0] == mine

    # s2 is not a leaf: its overlay (mine.qcow2) is merged into base.s1 by
    # a block-commit below the active image; s3 now hangs from s1
    g.dom.snapshotLookupByName('s2', 0).delete(0)
    assert not os.path.exists(mine)
    assert [c[0] for c in chain(top_a)] == [top_a, os.path.join(root, 'base.s1'),
                                            os.path.join(root, 'base.qcow2')]
    with open(os.path.join(root, 'base.s1'), 'rb') as f:
        assert b'in-mine' in f.read()
    assert s3.getParent(0).getName() == 's1'
    assert sorted(g.dom.snapshotListNames(0)) == ['s1', 's3']
    live = disks_of(g.dom.XMLDesc(0))
    assert mine not in live and ("<source file='%s'/>\n"
                                 "      <backingStore type='file'>\n"
                                 "        <format type='qcow2'/>\n"
                                 "        <source file='%s/base.s1'/>" % (top_a, root)) in live
    assert mine not in g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)

    # s3 is the leaf: an active commit of both disks' overlays
    s3.delete(0)
    assert not os.path.exists(top_a) and not os.path.exists(os.path.join(root, 'data.s3'))
    assert g.dom.snapshotListNames(0) == ['s1'] and g.dom.snapshotCurrent(0).getName() == 's1'
    live = disks_of(g.dom.XMLDesc(0))
    assert "<source file='%s/base.s1'/>" % root in live
    assert "<source file='%s/data.s1'/>" % root in live
    inactive = disks_of(g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE))
    assert "<source file='%s/base.s1'/>" % root in inactive and 's3' not in inactive
    assert guest_read(g, 'vda', 30) == 'in-mine'
    assert guest_read(g, 'vda', 40) == 'after-s3'
    assert guest_read(g, 'vda', 10) == 'after-snapshot'
    with open(os.path.join(root, 'base.s1'), 'rb') as f:
        assert b'after-s3' in f.read()


def test_no_metadata_then_delete_metadata(g):
    body = "<disks><disk name='vda' snapshot='no'/></disks>"
    snap = g.dom.snapshotCreateXML(snapshot_xml('hidden', body),
                                   DISK_ONLY | EV.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)
    assert snap.getName() == 'hidden'
    assert g.dom.snapshotListNames(0) == ['s1']
    assert g.dom.snapshotCurrent(0).getName() == 's1'
    data_top = os.path.join(g.root, 'data.hidden')
    assert chain(data_top)[1][0] == os.path.join(g.root, 'data.s1')
    assert "<source file='%s'/>" % data_top in g.dom.XMLDesc(0)

    # deleting the metadata keeps the overlays
    g.dom.snapshotLookupByName('s1', 0).delete(EV.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)
    assert g.dom.snapshotNum(0) == 0 and g.dom.hasCurrentSnapshot(0) == 0
    assert os.path.exists(os.path.join(g.root, 'base.s1'))
    assert not os.path.exists(os.path.join(g.root, 'lib/qemu/snapshot/extsnap/s1.xml'))


def test_shut_off_domain(conn, root, guest_files):
    base = guest.make_disk(os.path.join(root, 'off.qcow2'), '16M')
    data = guest.make_disk(os.path.join(root, 'off-data'), '8M', fmt='raw')
    dom = conn.defineXML(guest.domain_xml('offsnap', disks=[(base, 'qcow2'), (data, 'raw')]))
    before = digest(base)
    snap = dom.snapshotCreateXML(snapshot_xml('cold'), DISK_ONLY)
    top_a = os.path.join(root, 'off.cold')
    top_b = os.path.join(root, 'off-data.cold')
    assert chain(top_a) == [(top_a, 'qcow2', 'qcow2'), (base, 'qcow2', None)]
    assert chain(top_b) == [(top_b, 'qcow2', 'raw'), (data, 'raw', None)]
    xml = snap.getXMLDesc(0)
    assert '<state>shutoff</state>' in xml and "<memory snapshot='no'/>" in xml
    assert "<source file='%s'/>" % top_b in xml and '<inactiveDomain' not in xml
    # libvirt switches the source of a shut-off domain without a chain
    disks = disks_of(dom.XMLDesc(0))
    assert ("<driver name='qemu' type='qcow2'/>\n      <source file='%s'/>\n"
            "      <target dev='vdb'" % top_b) in disks
    assert '<backingStore' not in disks
    assert dom.snapshotListNames(EV.VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) == ['cold']
    assert dom.snapshotListNames(EV.VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) == []
    assert dom.snapshotListNames(EV.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) == ['cold']
    # QUIESCE means nothing without a guest; an existing empty file is reused
    open(os.path.join(root, 'off.warm'), 'w').close()
    dom.snapshotCreateXML(snapshot_xml('warm'), DISK_ONLY | EV.VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE)
    assert chain(os.path.join(root, 'off.warm'))[1][0] == top_a
    assert error_of(lambda: dom.revertToSnapshot(snap, 0))[0] == EV.VIR_ERR_CONFIG_UNSUPPORTED
    assert error_of(lambda: dom.snapshotCreateXML(snapshot_xml('mem', "<memory snapshot='external' file='/tmp/m'/>"), 0)) == (
        EV.VIR_ERR_XML_ERROR, EV.VIR_FROM_DOMAIN_SNAPSHOT,
        'XML error: memory state cannot be saved with offline or disk-only snapshot')

    # the metadata is read back by a new connection
    again = libvirt.open('qemu:///embed?root=' + root)
    try:
        other = again.lookupByName('offsnap')
        assert other.snapshotLookupByName('cold', 0).getXMLDesc(0) == xml
        assert other.snapshotCurrent(0).getName() == 'warm'
        # the files are read in no particular order
        assert sorted(other.snapshotListNames(EV.VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)) == \
            ['cold', 'warm']
    finally:
        again.close()

    # QEMU opens the overlay with its backing chain
    dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
    assert dom.state()[0] == EV.VIR_DOMAIN_PAUSED
    blocks = json.loads(libvirt_qemu_command(dom, '{"execute": "query-block"}'))['return']
    vda = [b for b in blocks if b.get('qdev', '').endswith('virtio-disk0/virtio-backend')][0]
    assert vda['inserted']['file'] == os.path.join(root, 'off.warm')
    assert vda['inserted']['image']['backing-image']['filename'] == top_a
    dom.destroy()
    assert digest(base) == before

    # deleting from a shut-off domain merges with qemu-img: 'cold' is in
    # the middle (off.warm is rebased onto the image below it) ...
    warm_a = os.path.join(root, 'off.warm')
    warm_b = os.path.join(root, 'off-data.warm')
    snap.delete(0)
    assert not os.path.exists(top_a) and not os.path.exists(top_b)
    assert chain(warm_a) == [(warm_a, 'qcow2', 'qcow2'), (base, 'qcow2', None)]
    assert chain(warm_b) == [(warm_b, 'qcow2', 'raw'), (data, 'raw', None)]
    assert dom.snapshotListNames(0) == ['warm']
    # ... and 'warm' is the top: the definition goes back to the images
    dom.snapshotLookupByName('warm', 0).delete(0)
    assert not os.path.exists(warm_a) and not os.path.exists(warm_b)
    disks = disks_of(dom.XMLDesc(0))
    assert ("<driver name='qemu' type='qcow2'/>\n      <source file='%s'/>" % base) in disks
    assert ("<driver name='qemu' type='raw'/>\n      <source file='%s'/>" % data) in disks
    assert dom.snapshotNum(0) == 0


def libvirt_qemu_command(dom, cmd):
    import libvirt_qemu
    return libvirt_qemu.qemuMonitorCommand(dom, cmd, 0)


def test_running_after_offline_snapshots(conn, root, guest_files):
    """QEMU opens the chain the offline snapshots left; its images can be
    merged while it runs, and a live snapshot shows the chain QEMU has."""
    base = guest.make_disk(os.path.join(root, 'img.qcow2'), '16M')
    dom = conn.defineXML(guest.domain_xml('mixed', disks=[(base, 'qcow2')]))
    dom.snapshotCreateXML(snapshot_xml('cold'), DISK_ONLY)
    dom.snapshotCreateXML(snapshot_xml('warm'), DISK_ONLY)
    cold = os.path.join(root, 'img.cold')
    warm = os.path.join(root, 'img.warm')
    dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)

    # 'cold' is below the top; the definition does not know the chain,
    # QEMU does
    dom.snapshotLookupByName('cold', 0).delete(0)
    assert not os.path.exists(cold)
    assert chain(warm) == [(warm, 'qcow2', 'qcow2'), (base, 'qcow2', None)]

    hot = os.path.join(root, 'img.hot')
    dom.snapshotCreateXML(snapshot_xml('hot'), DISK_ONLY | EV.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
    assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT]
    assert chain(hot) == [(hot, 'qcow2', 'qcow2'), (warm, 'qcow2', 'qcow2'),
                          (base, 'qcow2', None)]
    disks = disks_of(dom.XMLDesc(0))
    assert ("<source file='%s'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='%s'/>\n"
            "      </backingStore>" % (hot, warm)) in disks
    assert dom.snapshotLookupByName('hot', 0).getParent(0).getName() == 'warm'

    # started again, a live snapshot shows the whole chain QEMU opened
    dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
    dom.snapshotCreateXML(snapshot_xml('last'), DISK_ONLY)
    last = os.path.join(root, 'img.last')
    live = disks_of(dom.XMLDesc(0))
    expected = "<source file='%s'/>\n" % last
    for depth, (path, fmt) in enumerate([(hot, 'qcow2'), (warm, 'qcow2'), (base, 'qcow2')]):
        pad = '  ' * depth
        expected += ("%s      <backingStore type='file'>\n"
                     "%s        <format type='%s'/>\n"
                     "%s        <source file='%s'/>\n" % (pad, pad, fmt, pad, path))
    expected += "      " + '  ' * 3 + "<backingStore/>\n"
    assert expected in live
    xml = dom.snapshotLookupByName('last', 0).getXMLDesc(0)
    assert '<state>disk-snapshot</state>' in xml and '<inactiveDomain type=' in xml
    dom.destroy()
    # read back from its file by a new connection, the same document
    again = libvirt.open('qemu:///embed?root=' + root)
    try:
        assert again.lookupByName('mixed').snapshotLookupByName('last', 0).getXMLDesc(0) == xml
    finally:
        again.close()


def test_backing_store_xml(conn, root, guest_files):
    """A <backingStore> chain written in the domain XML is kept as libvirt
    keeps it; the chain stops at a layer that is not a local image."""
    chain_xml = ("<backingStore type='file'><format type='qcow2'/><source file='/i/mid.qcow2'/>"
                 "<backingStore type='block'><format type='raw'/><source dev='/dev/nonexistent'/>"
                 "<backingStore type='network'><format type='raw'/>"
                 "<source protocol='nbd' name='x'><host name='h'/></source></backingStore>"
                 "</backingStore></backingStore>")
    xml = guest.domain_xml('chained', disks=[('/i/top.qcow2', 'qcow2')])
    xml = xml.replace('<source file="/i/top.qcow2"/>', '<source file="/i/top.qcow2"/>' + chain_xml)
    assert chain_xml in xml
    dom = conn.defineXML(xml)
    assert ("      <source file='/i/top.qcow2'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='/i/mid.qcow2'/>\n"
            "        <backingStore type='block'>\n"
            "          <format type='raw'/>\n"
            "          <source dev='/dev/nonexistent'/>\n"
            "        </backingStore>\n"
            "      </backingStore>\n"
            "      <target dev='vda' bus='virtio'/>") in dom.XMLDesc(0)
    bad = xml.replace("<backingStore type='file'>", "<backingStore type='bogus'>")
    with pytest.raises(libvirt.libvirtError) as e:
        conn.defineXML(bad.replace('chained', 'bad'))
    assert e.value.get_error_code() == EV.VIR_ERR_XML_ERROR


def test_names_and_xml_errors(conn, root, guest_files):
    a = guest.make_disk(os.path.join(root, 'c.qcow2'), '1M')
    b = guest.make_disk(os.path.join(root, 'c.img'), '1M', fmt='raw')
    dom = conn.defineXML(guest.domain_xml('names', disks=[(a, 'qcow2'), (b, 'raw')]))
    create = lambda body, name='s': (
        lambda: dom.snapshotCreateXML(snapshot_xml(name, body), DISK_ONLY))
    assert error_of(create('')) == (
        EV.VIR_ERR_CONFIG_UNSUPPORTED, EV.VIR_FROM_DOMAIN_SNAPSHOT,
        "unsupported configuration: cannot generate external snapshot name for disk 'vdb': "
        "collision with disk 'vda'")
    assert error_of(create("<disks><disk name='vda'/><disk name='vda'/></disks>")) == (
        EV.VIR_ERR_CONFIG_UNSUPPORTED, EV.VIR_FROM_DOMAIN_SNAPSHOT,
        "unsupported configuration: disk 'vda' specified twice")
    assert error_of(create("<disks><disk name='vda' snapshot='bogus'/></disks>")) == (
        EV.VIR_ERR_XML_ERROR, EV.VIR_FROM_XML,
        "XML error: Invalid value for attribute 'snapshot' in element 'disk': 'bogus'.")
    assert error_of(create("<memory snapshot='bogus'/>")) == (
        EV.VIR_ERR_XML_ERROR, EV.VIR_FROM_XML,
        "XML error: Invalid value for attribute 'snapshot' in element 'memory': 'bogus'.")
    assert error_of(create("<disks><disk snapshot='no'/></disks>")) == (
        EV.VIR_ERR_INTERNAL_ERROR, EV.VIR_FROM_DOMAIN_SNAPSHOT,
        'internal error: missing name from disk snapshot element')
    assert error_of(create("<disks><disk name='vda' snapshot='manual'/>"
                           "<disk name='vdb' snapshot='no'/></disks>")) == (
        EV.VIR_ERR_CONFIG_UNSUPPORTED, EV.VIR_FROM_QEMU,
        'unsupported configuration: nothing selected for snapshot')
    assert error_of(create('', '.s')) == (
        EV.VIR_ERR_XML_DETAIL, EV.VIR_FROM_QEMU, "invalid snapshot name '.s': name can't start with '.'")
    # one disk named, the other where libvirt would put it: no collision
    dom.snapshotCreateXML(snapshot_xml('s', "<disks><disk name='vdb'><source file='%s'/></disk>"
                                            "</disks>" % os.path.join(root, 'other')), DISK_ONLY)
    assert chain(os.path.join(root, 'c.s'))[1][0] == a
    assert chain(os.path.join(root, 'other'))[1][0] == b


@pytest.fixture
def loopdev(root):
    """A 32 MiB loop device over a file in root, detached afterwards."""
    backing = os.path.join(root, 'loop.img')
    with open(backing, 'wb') as f:
        f.truncate(32 << 20)
    try:
        dev = subprocess.run(['losetup', '-f', '--show', backing], check=True,
                             capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip('no loop device: %s' % e)
    yield dev
    subprocess.run(['losetup', '-d', dev], check=False)


def test_overlay_on_a_block_device(conn, root, guest_files, loopdev):
    base = guest.make_disk(os.path.join(root, 'blk.qcow2'), '16M')
    dom = conn.defineXML(guest.domain_xml('blockdisk', disks=[(base, 'qcow2')]))
    body = ("<disks><disk name='vda' type='block'><source dev='%s'/></disk></disks>" % loopdev)
    dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
    snap = dom.snapshotCreateXML(snapshot_xml('onblock', body), DISK_ONLY)
    # QEMU formatted the device as a qcow2 overlay of the image
    assert chain(loopdev) == [(loopdev, 'qcow2', 'qcow2'), (base, 'qcow2', None)]
    assert ("<disk name='vda' snapshot='external' type='block'>\n"
            "      <driver type='qcow2'/>\n"
            "      <source dev='%s'/>\n" % loopdev) in snap.getXMLDesc(0)
    live = dom.XMLDesc(0)
    assert ("<disk type='block' device='disk'>\n"
            "      <driver name='qemu' type='qcow2'/>\n"
            "      <source dev='%s'/>\n"
            "      <backingStore type='file'>\n"
            "        <format type='qcow2'/>\n"
            "        <source file='%s'/>\n"
            "        <backingStore/>\n"
            "      </backingStore>" % (loopdev, base)) in live
    # merged back: the disk is the file again and the device stays
    snap.delete(0)
    live = dom.XMLDesc(0)
    assert "<disk type='file' device='disk'>" in live and "<source file='%s'/>" % base in live
    assert os.path.exists(loopdev)
    dom.destroy()

    # the same on the shut-off domain, with qemu-img
    subprocess.run(['dd', 'if=/dev/zero', 'of=' + loopdev, 'bs=64k', 'count=1', 'conv=fsync'],
                   check=True, capture_output=True)
    snap = dom.snapshotCreateXML(snapshot_xml('cold', body), DISK_ONLY)
    assert chain(loopdev) == [(loopdev, 'qcow2', 'qcow2'), (base, 'qcow2', None)]
    assert "<disk type='block' device='disk'>" in dom.XMLDesc(0)
    snap.delete(0)
    assert "<source file='%s'/>" % base in dom.XMLDesc(0) and os.path.exists(loopdev)
