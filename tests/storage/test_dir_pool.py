"""dir pools of the storage driver on qemu:///embed: real folders, the
definitions kept under ROOT/etc/storage, sizes from the filesystem."""

import os
import stat
import subprocess
import threading

import pytest

import libvirt
from conftest import dir_pool_xml, TIMEOUT


def test_define_build_start_stop_delete(conn, root):
    path = os.path.join(root, 'images')
    p = conn.storagePoolDefineXML(dir_pool_xml('imgs', path, mode='0750'))
    assert os.path.exists(os.path.join(root, 'etc', 'storage', 'imgs.xml'))
    assert not p.isActive() and p.isPersistent()
    p.build(0)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o750
    p.create(0)
    assert os.path.exists(os.path.join(root, 'run', 'storage', 'imgs.xml'))
    state, capacity, allocation, available = p.info()
    st = os.statvfs(path)
    assert state == libvirt.VIR_STORAGE_POOL_RUNNING
    assert capacity == st.f_frsize * st.f_blocks
    assert abs(available - st.f_frsize * st.f_bavail) < 64 << 20
    xml = p.XMLDesc(0)
    assert "<capacity unit='bytes'>%d</capacity>" % capacity in xml
    assert '<path>%s</path>' % path in xml
    assert '<mode>0750</mode>' in xml
    assert conn.storagePoolLookupByTargetPath(path + '/').name() == 'imgs'
    p.destroy()
    assert not os.path.exists(os.path.join(root, 'run', 'storage', 'imgs.xml'))
    p.delete(0)
    assert not os.path.exists(path)
    with pytest.raises(libvirt.libvirtError) as e:
        p.delete(0)
    assert "failed to remove pool '%s': No such file or directory" % path in str(e.value)
    p.undefine()
    assert not os.path.exists(os.path.join(root, 'etc', 'storage', 'imgs.xml'))
    assert conn.listAllStoragePools(0) == []


def test_errors_as_libvirt(conn, root):
    path = os.path.join(root, 'missing')
    p = conn.storagePoolDefineXML(dir_pool_xml('m', path))
    with pytest.raises(libvirt.libvirtError) as e:
        p.create(0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_SYSTEM_ERROR
    assert "cannot open directory '%s': No such file or directory" % path in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        p.destroy()
    assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_INVALID
    assert "storage pool 'm' is not active" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        conn.storagePoolDefineXML(dir_pool_xml('other', path))
    assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_FAILED
    assert "Storage source conflict with pool: 'm'" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        conn.storagePoolLookupByName('nope')
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_POOL
    p.build(0)
    p.create(0)
    with pytest.raises(libvirt.libvirtError) as e:
        p.create(0)
    assert "storage pool 'm' is already active" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        p.delete(0)
    assert "storage pool 'm' is still active" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        p.undefine()
    assert "storage pool 'm' is still active" in str(e.value)
    t = conn.storagePoolCreateXML(dir_pool_xml('t', root), 0)
    with pytest.raises(libvirt.libvirtError) as e:
        t.setAutostart(1)
    assert e.value.get_error_code() == libvirt.VIR_ERR_INTERNAL_ERROR
    assert 'pool has no config file' in str(e.value)
    t.destroy()
    with pytest.raises(libvirt.libvirtError):
        conn.storagePoolLookupByName('t')


def test_state_and_autostart_survive_the_connection(root, event_loop):
    uri = 'qemu:///embed?root=' + root
    a = os.path.join(root, 'a')
    b = os.path.join(root, 'b')
    os.mkdir(a)
    os.mkdir(b)
    c = libvirt.open(uri)
    pa = c.storagePoolDefineXML(dir_pool_xml('a', a))
    pa.create(0)
    pb = c.storagePoolDefineXML(dir_pool_xml('b', b))
    pb.setAutostart(1)
    assert os.path.islink(os.path.join(root, 'etc', 'storage', 'autostart', 'b.xml'))
    del pa, pb            # handles hold the connection
    c.close()
    # as after a reboot of the host: autostart is done once per boot
    os.unlink(os.path.join(root, 'run', 'storage', 'autostarted'))
    # the last connection gone, the state is made again from the files
    c = libvirt.open(uri)
    try:
        assert c.storagePoolLookupByName('a').isActive()
        pb = c.storagePoolLookupByName('b')
        assert pb.isActive() and pb.autostart()
        assert sorted(p.name() for p in c.listAllStoragePools(
            libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART)) == ['b']
        pb.destroy()
        del pb
        c.close()
        c = libvirt.open(uri)     # the same boot: b stays stopped
        pb = c.storagePoolLookupByName('b')
        assert not pb.isActive() and pb.autostart()
        pb.setAutostart(0)
        assert not os.path.lexists(os.path.join(root, 'etc', 'storage', 'autostart', 'b.xml'))
    finally:
        pb = None
        c.close()


def test_refresh_finds_files_and_formats(conn, pool, root):
    path = os.path.join(root, 'pool')
    with open(os.path.join(path, 'plain.img'), 'wb') as f:
        f.truncate(1 << 20)
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', path + '/disk.qcow2', '32M'],
                   check=True)
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-b', path + '/disk.qcow2',
                    '-F', 'qcow2', path + '/top.qcow2'], check=True)
    assert pool.listVolumes() == []
    pool.refresh(0)
    assert sorted(pool.listVolumes()) == ['disk.qcow2', 'plain.img', 'top.qcow2']
    top = pool.storageVolLookupByName('top.qcow2')
    xml = top.XMLDesc(0)
    assert "<format type='qcow2'/>" in xml
    assert "<capacity unit='bytes'>%d</capacity>" % (32 << 20) in xml
    assert '<backingStore>\n    <path>%s/disk.qcow2</path>' % path in xml
    # libvirt's layout: times in the target and in the backing store
    assert xml.count('<timestamps>') == 2 and '<btime>0</btime>' in xml
    assert '<compat>' not in xml
    assert "<owner>%d</owner>" % os.getuid() in pool.XMLDesc(0)
    plain = pool.storageVolLookupByName('plain.img')
    assert plain.info() == [libvirt.VIR_STORAGE_VOL_FILE, 1 << 20, 0]
    assert "<format type='raw'/>" in plain.XMLDesc(0)


def test_events(conn, pool, root, event_loop):
    got = []
    cond = threading.Condition()

    def add(item):
        with cond:
            got.append(item)
            cond.notify_all()

    ids = [
        conn.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                         lambda c, p, ev, det, o: add((p.name(), ev)), None),
        conn.storagePoolEventRegisterAny(None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                         lambda c, p, o: add((p.name(), 'refresh')), None),
    ]
    try:
        pool.refresh(0)
        pool.destroy()
        pool.create(0)
        want = [('p', 'refresh'), ('p', libvirt.VIR_STORAGE_POOL_EVENT_STOPPED),
                ('p', libvirt.VIR_STORAGE_POOL_EVENT_STARTED)]
        with cond:
            cond.wait_for(lambda: len(got) >= len(want), TIMEOUT)
        assert got == want
    finally:
        for i in ids:
            conn.storagePoolEventDeregisterAny(i)
