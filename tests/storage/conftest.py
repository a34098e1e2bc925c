"""Fixtures for the storage driver tests: qemu:///embed?root=DIR through
`import libvirt` (virtkit's binding), with pools in temporary folders and
on loop devices made by the tests.

The QEMU tests' fixtures (roots, connections, the event loop, booted
guests) are tests/qemu/conftest.py's, loaded from there.  Every fixture
here undoes what it made (mounts, loop devices, folders) even when its
test fails.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    'qemu_conftest', os.path.join(HERE, '..', 'qemu', 'conftest.py'))
qemu_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qemu_conftest)
sys.modules['qemu_conftest'] = qemu_conftest

import libvirt  # noqa: E402  (virtkit's binding, from PYTHONPATH)

# the QEMU tests' fixtures, shared rather than copied
guest_files = qemu_conftest.guest_files
event_loop = qemu_conftest.event_loop
root = qemu_conftest.root
conn = qemu_conftest.conn
Events = qemu_conftest.Events
RunningGuest = qemu_conftest.RunningGuest
TIMEOUT = qemu_conftest.TIMEOUT


def dir_pool_xml(name, path, mode=None):
    perms = "<permissions><mode>%s</mode></permissions>" % mode if mode else ''
    return ("<pool type='dir'><name>%s</name><target><path>%s</path>%s</target></pool>"
            % (name, path, perms))


@pytest.fixture
def pool(conn, root):
    """A running persistent dir pool 'p' in ROOT/pool."""
    p = conn.storagePoolDefineXML(dir_pool_xml('p', os.path.join(root, 'pool')))
    p.build(0)
    p.create(0)
    yield p


def _run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL).stdout.strip()


def _is_mountpoint(path):
    with open('/proc/self/mounts') as f:
        return any(line.split()[1] == path for line in f if line.strip())


@pytest.fixture
def loopdev():
    """A loop device on a sparse 64 MiB file; yields (device, folder for
    mount points).  Unmounts whatever is mounted below the folder and
    detaches the device afterwards."""
    if os.geteuid() != 0 or not shutil.which('losetup'):
        pytest.skip('loop devices need root and losetup')
    tmp = tempfile.mkdtemp(prefix='vks-', dir='/tmp')
    backing = os.path.join(tmp, 'disk.img')
    with open(backing, 'wb') as f:
        f.truncate(64 << 20)
    try:
        dev = _run('losetup', '-f', '--show', backing)
    except subprocess.CalledProcessError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.skip('no loop device: %s' % e.stderr.strip())
    try:
        yield dev, tmp
    finally:
        for dirpath, dirnames, _ in os.walk(tmp):
            for d in dirnames:
                path = os.path.join(dirpath, d)
                if _is_mountpoint(path):
                    subprocess.run(['umount', path], stdin=subprocess.DEVNULL)
        subprocess.run(['losetup', '-d', dev], stdin=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


is_mountpoint = _is_mountpoint
