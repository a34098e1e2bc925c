"""logical pools: an LVM volume group made by pool build on a loop device
(the fixture's), started, refreshed and deleted for real.  Logical volumes
need the kernel's device-mapper, which this machine may lack: their test
looks for it in /proc/misc and is skipped with that reason."""

import os
import shutil
import subprocess

import pytest

import libvirt

pytestmark = pytest.mark.skipif(shutil.which('vgcreate') is None, reason='lvm2 is not installed')

def has_device_mapper():
    """The kernel's device-mapper registers a misc device (the node in
    /dev/mapper may exist without it)."""
    try:
        with open('/proc/misc') as f:
            return any(line.split()[1:] == ['device-mapper'] for line in f)
    except OSError:
        return False


HAS_DM = has_device_mapper()


def logical_xml(name, device):
    return ("<pool type='logical'><name>%s</name><source><device path='%s'/>"
            "<name>%s</name></source><target><path>/dev/%s</path></target></pool>"
            % (name, device, name, name))


@pytest.fixture
def vg(conn, loopdev):
    """A logical pool on the loop device; whatever the test leaves (the
    volume group, the physical volume) is removed afterwards."""
    dev, _ = loopdev
    name = 'vkt%d' % os.getpid()
    p = conn.storagePoolDefineXML(logical_xml(name, dev))
    try:
        yield p, name, dev
    finally:
        try:
            if p.isActive():
                p.destroy()
            p.undefine()
        except libvirt.libvirtError:
            pass
        subprocess.run(['vgremove', '-f', name], capture_output=True, stdin=subprocess.DEVNULL)
        subprocess.run(['pvremove', '-f', dev], capture_output=True, stdin=subprocess.DEVNULL)


def test_build_start_refresh_delete(vg):
    p, name, dev = vg
    p.build(0)
    out = subprocess.run(['vgs', '--noheadings', '-o', 'pv_name', name], capture_output=True,
                         text=True, check=True).stdout
    assert dev in out
    with pytest.raises(libvirt.libvirtError) as e:
        p.build(0)                  # the device is an LVM member now
    assert e.value.get_error_code() == libvirt.VIR_ERR_STORAGE_POOL_BUILT
    p.create(0)
    state, capacity, allocation, available = p.info()
    assert state == libvirt.VIR_STORAGE_POOL_RUNNING
    assert 56 << 20 <= capacity <= 64 << 20 and available == capacity and allocation == 0
    assert p.listVolumes() == []
    assert "<name>%s</name>" % name in p.XMLDesc(0)
    assert "<format type='lvm2'/>" in p.XMLDesc(0)
    p.refresh(0)
    p.destroy()
    p.delete(0)
    r = subprocess.run(['vgs', name], capture_output=True)
    assert r.returncode != 0


@pytest.mark.skipif(not HAS_DM, reason='no device-mapper in this kernel '
                    '(/proc/misc): logical volumes cannot be made')
def test_logical_volumes(vg):
    p, name, dev = vg
    p.build(0)
    p.create(0)
    v = p.createXML("<volume><name>lv1</name><capacity unit='MiB'>8</capacity></volume>", 0)
    assert v.path() == '/dev/%s/lv1' % name
    assert v.info()[0] == libvirt.VIR_STORAGE_VOL_BLOCK and v.info()[1] == 8 << 20
    assert p.info()[3] == p.info()[1] - (8 << 20)
    v.delete(0)
    assert p.listVolumes() == []
