"""fs pools: a loop device (a sparse file the test attaches) formatted with
mkfs by pool build, mounted by pool start on the target folder, unmounted
by pool stop; the fixture detaches it afterwards whatever happens."""

import os
import subprocess

import pytest

import libvirt
from conftest import is_mountpoint


def fs_pool_xml(name, device, target, fmt='ext4'):
    return ("<pool type='fs'><name>%s</name><source><device path='%s'/>"
            "<format type='%s'/></source><target><path>%s</path></target></pool>"
            % (name, device, fmt, target))


def test_build_start_volumes_stop(conn, loopdev):
    dev, tmp = loopdev
    target = os.path.join(tmp, 'mnt')
    p = conn.storagePoolDefineXML(fs_pool_xml('fsp', dev, target))
    assert "<device path='%s'/>" % dev in p.XMLDesc(0)
    p.build(0)
    fstype = subprocess.run(['blkid', '-o', 'value', '-s', 'TYPE', dev], capture_output=True,
                            text=True).stdout.strip()
    assert fstype == 'ext4'
    # a second build finds the filesystem and leaves it alone
    with pytest.raises(libvirt.libvirtError) as e:
        p.build(libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)
    assert e.value.get_error_code() == libvirt.VIR_ERR_STORAGE_POOL_BUILT
    p.create(0)
    try:
        assert is_mountpoint(target)
        capacity = p.info()[1]
        assert 50 << 20 < capacity <= 64 << 20
        v = p.createXML("<volume><name>d.qcow2</name><capacity unit='MiB'>16</capacity>"
                        "<target><format type='qcow2'/></target></volume>", 0)
        assert v.path() == os.path.join(target, 'd.qcow2')
        assert 'lost+found' in p.listVolumes()      # a folder is a volume, as in libvirt
    finally:
        p.destroy()
    assert not is_mountpoint(target)
    assert not os.path.exists(os.path.join(target, 'd.qcow2'))
    # started again, the filesystem still holds the volume
    p.create(0)
    try:
        assert 'd.qcow2' in p.listVolumes()
    finally:
        p.destroy()
    p.undefine()
