"""The storage driver inside virtkitd: qemu:///system through the daemon's
socket (the remote driver carries the calls and the volume streams), the
pools kept in the daemon's layout (ROOT/etc/virtkit/storage), the shell
against the daemon too.  The daemon is ended by the fixture."""

import os
import select
import shutil
import signal
import subprocess

import pytest

import libvirt
from conftest import TIMEOUT, dir_pool_xml

VIRTKITD = os.path.join(os.environ.get('VIRTKIT_BUILDDIR', ''), 'core', 'daemon', 'virtkitd')
VIRTKIT = shutil.which('virtkit')


@pytest.fixture
def daemon(root):
    """A `virtkitd --root ROOT --daemon` (it returns once it listens);
    yields the URI for its socket, then stops it and waits for its end."""
    if not os.access(VIRTKITD, os.X_OK):
        pytest.skip('virtkitd is not built')
    r = subprocess.run([VIRTKITD, '--root', root, '--daemon'], capture_output=True, text=True,
                       timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    rundir = os.path.join(root, 'run', 'virtkit')
    with open(os.path.join(rundir, 'virtkitd.pid')) as f:
        pid = int(f.read())
    try:
        yield 'qemu+unix:///system?socket=' + os.path.join(rundir, 'virtkit-sock')
    finally:
        try:
            fd = os.pidfd_open(pid)
            os.kill(pid, signal.SIGTERM)
            if not select.select([fd], [], [], TIMEOUT)[0]:
                os.kill(pid, signal.SIGKILL)
            os.close(fd)
        except ProcessLookupError:
            pass


def test_pools_and_volumes_through_the_daemon(daemon, root):
    target = os.path.join(root, 'images')
    c = libvirt.open(daemon)
    try:
        p = c.storagePoolDefineXML(dir_pool_xml('dp', target))
        assert os.path.exists(os.path.join(root, 'etc', 'virtkit', 'storage', 'dp.xml'))
        p.build(0)
        p.create(0)
        v = p.createXML("<volume><name>v.qcow2</name><capacity unit='MiB'>8</capacity>"
                        "<target><format type='qcow2'/></target></volume>", 0)
        assert v.path() == os.path.join(target, 'v.qcow2')
        assert v.info()[1] == 8 << 20
        raw = p.createXML("<volume><name>r.img</name><capacity>65536</capacity>"
                          "<allocation>0</allocation></volume>", 0)
        st = c.newStream(0)
        raw.upload(st, 0, 5, 0)
        st.send(b'hello')
        st.finish()
        with open(raw.path(), 'rb') as f:
            assert f.read(5) == b'hello'
        st = c.newStream(0)
        raw.download(st, 0, 5, 0)
        assert st.recv(5) == b'hello'
        st.finish()
        with pytest.raises(libvirt.libvirtError) as e:
            p.storageVolLookupByName('nope')
        assert e.value.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_VOL
        if VIRTKIT:
            out = subprocess.run([VIRTKIT, '-c', daemon, 'vol-list', 'dp'], capture_output=True,
                                 text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL).stdout
            assert 'v.qcow2' in out and 'r.img' in out
        p.destroy()
        p.undefine()
    finally:
        c.close()
