"""Disks and network interfaces attached to and detached from a running
guest through the QEMU driver (the guest sees them come and go), and the
persistent variants."""

import os

import pytest

import guest
import libvirt
from conftest import RunningGuest

EV = libvirt


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    rg = RunningGuest('plug', lambda root: guest.domain_xml('plug'))
    yield rg
    rg.close()


def disk_xml(path, dev='vdb'):
    return ("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
            "<source file='%s'/><target dev='%s' bus='virtio'/></disk>" % (path, dev))


def guest_disks(g):
    """The guest's block devices with their sizes in 512-byte sectors."""
    out = g.run('for d in /sys/block/*; do [ -e $d/size ] && echo ${d##*/} $(cat $d/size); done')
    return dict(line.split() for line in out.splitlines() if line.strip())


def wait_guest_disks(g, count):
    """Let the guest's kernel catch up (it probes a new PCI device on its
    own time): the shell waits, bounded, for COUNT block devices."""
    g.run('i=0; while [ $(ls /sys/block | wc -w) -ne %d ] && [ $i -lt 300 ]; do '
          'sleep 0.1; i=$((i+1)); done' % count)
    return guest_disks(g)


def test_attach_and_detach_live(g):
    assert guest_disks(g) == {}
    path = guest.make_disk(os.path.join(g.root, 'extra.qcow2'), '32M')
    g.dom.attachDevice(disk_xml(path))
    live = g.dom.XMLDesc(0)
    assert "<target dev='vdb' bus='virtio'/>" in live
    assert "<alias name='virtio-disk1'/>" in live
    assert "vdb" not in g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
    # the guest sees a 32 MiB disk
    assert list(wait_guest_disks(g, 1).values()) == ['65536']
    assert g.dom.blockStats('vdb')[4] == -1

    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.attachDevice(disk_xml(path))
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_OPERATION_FAILED, 'operation failed: target vdb already exists')

    g.dom.detachDevice(disk_xml(path))
    assert "vdb" not in g.dom.XMLDesc(0)
    assert wait_guest_disks(g, 0) == {}

    # the same target can be plugged again (new block node names)
    g.dom.attachDevice(disk_xml(path))
    assert len(wait_guest_disks(g, 1)) == 1
    g.dom.detachDevice(disk_xml(path))
    assert wait_guest_disks(g, 0) == {}


def test_detach_unknown_disk(g):
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.detachDevice(disk_xml('/nonexistent', 'vdz'))
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_DEVICE_MISSING, 'device not found: disk vdz not found')


NIC = ("<interface type='user'><mac address='52:54:00:aa:bb:01'/>"
       "<model type='virtio'/></interface>")


def guest_nics(g):
    return g.run('ls /sys/class/net').split()


def test_attach_and_detach_interface(g):
    assert 'eth0' not in guest_nics(g)
    g.dom.attachDevice(NIC)
    live = g.dom.XMLDesc(0)
    assert "<mac address='52:54:00:aa:bb:01'/>" in live and "<alias name='net0'/>" in live
    g.run('i=0; while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done')
    assert 'eth0' in guest_nics(g)
    assert g.run('cat /sys/class/net/eth0/address') == '52:54:00:aa:bb:01'
    g.dom.detachDevice(NIC)
    assert '52:54:00:aa:bb:01' not in g.dom.XMLDesc(0)
    g.run('i=0; while [ -e /sys/class/net/eth0 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done')
    assert 'eth0' not in guest_nics(g)
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.detachDevice(NIC)
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_DEVICE_MISSING,
        'device not found: no device matching MAC address 52:54:00:aa:bb:01 found')


def test_other_devices_are_refused(g):
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.attachDevice("<sound model='ich6'/>")
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_OPERATION_UNSUPPORTED,
        "Operation not supported: attach of device 'sound' is not supported")


def test_attach_config_waits_for_next_start(g):
    path = guest.make_disk(os.path.join(g.root, 'later.qcow2'), '16M')
    g.dom.attachDeviceFlags(disk_xml(path, 'vdc'), EV.VIR_DOMAIN_AFFECT_CONFIG)
    assert "dev='vdc'" in g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
    assert "dev='vdc'" not in g.dom.XMLDesc(0)
    assert "dev='vdc'" in open(os.path.join(g.root, 'etc/qemu/plug.xml')).read()
    g.dom.detachDeviceFlags(disk_xml(path, 'vdc'), EV.VIR_DOMAIN_AFFECT_CONFIG)
    assert "dev='vdc'" not in g.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
