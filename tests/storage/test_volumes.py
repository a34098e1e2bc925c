"""Volumes of dir pools: real files made, copied, wiped, resized and
transferred through streams, with the sizes the filesystem reports."""

import json
import os
import shutil
import subprocess

import pytest

import libvirt
from conftest import dir_pool_xml


def vol_xml(name, capacity, fmt=None, allocation=None, backing=None, unit='bytes'):
    parts = ["<volume><name>%s</name><capacity unit='%s'>%d</capacity>" % (name, unit, capacity)]
    if allocation is not None:
        parts.append("<allocation unit='%s'>%d</allocation>" % (unit, allocation))
    if fmt:
        parts.append("<target><format type='%s'/></target>" % fmt)
    if backing:
        parts.append("<backingStore><path>%s</path><format type='%s'/></backingStore>" % backing)
    parts.append('</volume>')
    return ''.join(parts)


def img_info(path):
    out = subprocess.run(['qemu-img', 'info', '-U', '--output=json', path], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def blocks(path):
    return os.stat(path).st_blocks * 512


def test_raw_sparse_and_allocated(pool, root):
    sparse = pool.createXML(vol_xml('sparse.img', 16, allocation=0, unit='MiB'), 0)
    path = os.path.join(root, 'pool', 'sparse.img')
    assert sparse.path() == path == sparse.key()
    assert os.path.getsize(path) == 16 << 20 and blocks(path) == 0
    assert sparse.info() == [libvirt.VIR_STORAGE_VOL_FILE, 16 << 20, 0]
    full = pool.createXML(vol_xml('full.img', 4, unit='MiB'), 0)
    assert blocks(full.path()) >= 4 << 20
    assert full.info()[2] == blocks(full.path())
    xml = full.XMLDesc(0)
    assert "<physical unit='bytes'>%d</physical>" % (4 << 20) in xml
    assert "<format type='raw'/>" in xml and '<mode>0600</mode>' in xml
    with pytest.raises(libvirt.libvirtError) as e:
        pool.createXML(vol_xml('full.img', 1), 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_STORAGE_VOL_EXIST
    assert "storage volume 'full.img' exists already" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        pool.createXML(vol_xml('a/b', 1), 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_INVALID
    assert "volume name 'a/b' cannot contain '/'" in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        pool.createXML(vol_xml('x', 1, 'bogus'), 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_CONFIG_UNSUPPORTED
    assert 'unknown volume format type bogus' in str(e.value)


def test_qcow2_backing_and_preallocation(pool, root):
    base = pool.createXML(vol_xml('base.qcow2', 32, 'qcow2', unit='MiB'), 0)
    info = img_info(base.path())
    assert info['format'] == 'qcow2' and info['virtual-size'] == 32 << 20
    top = pool.createXML(vol_xml('top.qcow2', 0, 'qcow2', backing=(base.path(), 'qcow2')), 0)
    info = img_info(top.path())
    assert info['backing-filename'] == base.path() and info['virtual-size'] == 32 << 20
    assert top.info()[1] == 32 << 20
    meta = pool.createXML(vol_xml('meta.qcow2', 8, 'qcow2', allocation=0, unit='MiB'),
                          libvirt.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA)
    falloc = pool.createXML(vol_xml('falloc.qcow2', 8, 'qcow2', unit='MiB'),
                            libvirt.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA)
    plain = pool.createXML(vol_xml('plain.qcow2', 8, 'qcow2', allocation=0, unit='MiB'), 0)
    assert blocks(falloc.path()) >= 8 << 20
    assert os.path.getsize(meta.path()) > 8 << 20 > os.path.getsize(plain.path())
    assert blocks(meta.path()) < 8 << 20


def test_clone_across_pools_and_formats(conn, pool, root):
    other = os.path.join(root, 'other')
    p2 = conn.storagePoolCreateXML(dir_pool_xml('p2', other),
                                   libvirt.VIR_STORAGE_POOL_CREATE_WITH_BUILD)
    src = pool.createXML(vol_xml('src.img', 1, allocation=0, unit='MiB'), 0)
    st = conn.newStream(0)
    src.upload(st, 0, 6, 0)
    st.send(b'hello!')
    st.finish()
    copy = p2.createXMLFrom(vol_xml('copy.qcow2', 2, 'qcow2', unit='MiB'), src, 0)
    assert copy.path() == os.path.join(other, 'copy.qcow2')
    info = img_info(copy.path())
    assert info['format'] == 'qcow2' and info['virtual-size'] == 2 << 20
    back = pool.createXMLFrom(vol_xml('back.img', 0, 'raw'), copy, 0)
    assert os.path.getsize(back.path()) == 2 << 20
    with open(back.path(), 'rb') as f:
        assert f.read(6) == b'hello!'
    assert p2.listVolumes() == ['copy.qcow2']
    p2.destroy()
    with pytest.raises(libvirt.libvirtError) as e:
        copy.info()
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_POOL   # transient: gone
    shutil.rmtree(other)


def test_delete_and_lookups(conn, pool, root):
    v = pool.createXML(vol_xml('gone.img', 4096, allocation=0), 0)
    path = v.path()
    assert conn.storageVolLookupByKey(path).name() == 'gone.img'
    assert conn.storageVolLookupByPath(os.path.join(root, 'pool', '.', 'gone.img')).name() \
        == 'gone.img'
    assert v.storagePoolLookupByVolume().name() == 'p'
    v.delete(0)
    assert not os.path.exists(path)
    with pytest.raises(libvirt.libvirtError) as e:
        conn.storageVolLookupByPath(path)
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_VOL
    assert "no storage vol with matching path '%s'" % path in str(e.value)
    with pytest.raises(libvirt.libvirtError) as e:
        pool.storageVolLookupByName('gone.img')
    assert "no storage vol with matching name 'gone.img'" in str(e.value)


def test_wipe(pool):
    raw = pool.createXML(vol_xml('w.img', 1 << 20), 0)
    with open(raw.path(), 'r+b') as f:
        f.write(b'\xff' * 4096)
    raw.wipe(0)
    with open(raw.path(), 'rb') as f:
        assert f.read() == b'\0' * (1 << 20)
    for alg in (libvirt.VIR_STORAGE_VOL_WIPE_ALG_NNSA, libvirt.VIR_STORAGE_VOL_WIPE_ALG_RANDOM):
        if not shutil.which('scrub'):
            pytest.skip('scrub is not installed')
        raw.wipePattern(alg, 0)
        with open(raw.path(), 'rb') as f:
            data = f.read()
        assert len(data) == 1 << 20 and data != b'\0' * (1 << 20)
    # as libvirt: the header goes with the data, a raw file of the same length
    q = pool.createXML(vol_xml('w.qcow2', 8 << 20, 'qcow2'), 0)
    length = os.path.getsize(q.path())
    q.wipe(0)
    assert img_info(q.path())['format'] == 'raw'
    assert q.info()[1] == length == os.path.getsize(q.path())
    with pytest.raises(libvirt.libvirtError) as e:
        raw.wipePattern(libvirt.VIR_STORAGE_VOL_WIPE_ALG_TRIM, 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED


def test_resize(pool):
    raw = pool.createXML(vol_xml('r.img', 1 << 20, allocation=0), 0)
    raw.resize(2 << 20, 0)
    assert raw.info()[1:] == [2 << 20, 0]
    with pytest.raises(libvirt.libvirtError) as e:
        raw.resize(1 << 20, 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG
    assert "Can't shrink capacity below current capacity unless shrink flag" in str(e.value)
    raw.resize(1 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK)
    assert os.path.getsize(raw.path()) == 1 << 20
    # ALLOCATE reserves the whole new length, as libvirt does
    raw.resize(2 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_DELTA |
               libvirt.VIR_STORAGE_VOL_RESIZE_ALLOCATE)
    assert raw.info()[1] == 3 << 20 and raw.info()[2] >= 3 << 20
    with pytest.raises(libvirt.libvirtError) as e:
        raw.resize(1 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK)
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG
    assert "can't shrink capacity below existing allocation" in str(e.value)
    q = pool.createXML(vol_xml('r.qcow2', 8 << 20, 'qcow2'), 0)
    q.resize(16 << 20, 0)
    assert img_info(q.path())['virtual-size'] == 16 << 20
    q.resize(4 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_SHRINK)
    assert img_info(q.path())['virtual-size'] == 4 << 20
    with pytest.raises(libvirt.libvirtError) as e:
        q.resize(32 << 20, libvirt.VIR_STORAGE_VOL_RESIZE_ALLOCATE)
    assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_UNSUPPORTED


def test_upload_download_sparse(conn, pool):
    v = pool.createXML(vol_xml('s.img', 1 << 20, allocation=0), 0)
    data = b'A' * 4096 + b'\0' * (512 << 10) + b'B' * 4096
    st = conn.newStream(0)
    v.upload(st, 0, len(data), libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
    st.send(data)
    st.finish()
    assert blocks(v.path()) < 64 << 10       # the zeros stayed a hole
    st = conn.newStream(0)
    v.download(st, 0, len(data), 0)
    got = b''
    while True:
        chunk = st.recv(1 << 16)
        if not chunk:
            break
        got += chunk
    st.finish()
    assert got == data
    # as libvirt: past the end there is nothing to read, and no error
    st = conn.newStream(0)
    v.download(st, 2 << 20, 0, 0)
    assert st.recv(4096) == b''
    st.finish()
