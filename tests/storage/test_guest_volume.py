"""A guest of the tiny kind booting with a disk <disk type='volume'>: the
QEMU driver asks the storage driver for the volume's path and format when
the domain starts, and the guest sees a disk of the volume's size."""

import os

import pytest

import guest
import libvirt
from conftest import RunningGuest, dir_pool_xml

VOLUME_DISK = ("<disk type='volume' device='disk'><source pool='gp' volume='boot.qcow2'/>"
               "<target dev='vda' bus='virtio'/></disk>")


def make_pool(root):
    """In the guest's root (before the domain is defined): a pool with a
    48 MiB qcow2 volume."""
    c = libvirt.open('qemu:///embed?root=' + root)
    try:
        p = c.storagePoolCreateXML(dir_pool_xml('gp', os.path.join(root, 'pool')),
                                   libvirt.VIR_STORAGE_POOL_CREATE_WITH_BUILD)
        p.createXML("<volume><name>boot.qcow2</name><capacity unit='MiB'>48</capacity>"
                    "<target><format type='qcow2'/></target></volume>", 0)
        del p
    finally:
        c.close()
    return guest.domain_xml('volguest', extra_devices=VOLUME_DISK)


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    rg = RunningGuest('volguest', make_pool)
    yield rg
    rg.close()


def test_guest_sees_the_volume(g):
    out = g.run('cat /sys/block/vda/size')
    assert out.splitlines()[-1].strip() == str((48 << 20) // 512)
    live = g.dom.XMLDesc(0)
    assert "<source pool='gp' volume='boot.qcow2'/>" in live
    assert "type='qcow2'" in live


def test_missing_volume_refuses_to_start(g):
    xml = guest.domain_xml('novol', extra_devices=VOLUME_DISK.replace('boot.qcow2', 'nope'))
    dom = g.conn.defineXML(xml)
    try:
        with pytest.raises(libvirt.libvirtError) as e:
            dom.create()
        assert e.value.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_VOL
        assert "no storage vol with matching name 'nope'" in str(e.value)
    finally:
        dom.undefine()
