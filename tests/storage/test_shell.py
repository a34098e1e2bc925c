"""The virtkit shell's pool-* and vol-* commands on qemu:///embed: each a
separate process on the same root, finding the pools again from the
root's files."""

import os
import shutil
import subprocess

import pytest

from conftest import TIMEOUT

VIRTKIT = shutil.which('virtkit')

pytestmark = pytest.mark.skipif(VIRTKIT is None, reason='virtkit is not built on PATH')


def test_pool_and_volume_commands(root):
    uri = 'qemu:///embed?root=' + root
    target = os.path.join(root, 'imgs')

    def run(*words, ok=True):
        r = subprocess.run([VIRTKIT, '-c', uri] + list(words), capture_output=True,
                           text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        if ok:
            assert r.returncode == 0, r.stderr
        return r

    assert 'Pool imgs defined' in run('pool-define-as', 'imgs', 'dir', '--target', target).stdout
    assert 'Pool imgs built' in run('pool-build', 'imgs').stdout
    assert 'Pool imgs started' in run('pool-start', 'imgs').stdout
    run('pool-autostart', 'imgs')
    out = run('pool-list', '--all').stdout
    assert 'imgs' in out and 'active' in out and 'yes' in out
    assert 'Vol disk.qcow2 created' in run('vol-create-as', 'imgs', 'disk.qcow2', '64M',
                                           '--format', 'qcow2').stdout
    assert os.path.exists(os.path.join(target, 'disk.qcow2'))
    run('vol-create-as', 'imgs', 'raw.img', '1M', '--allocation', '0')
    out = run('vol-list', 'imgs').stdout
    assert 'disk.qcow2' in out and os.path.join(target, 'raw.img') in out
    out = run('vol-info', 'disk.qcow2', '--pool', 'imgs').stdout
    assert '64.00 MiB' in out
    assert run('vol-path', 'raw.img', '--pool', 'imgs').stdout.strip() == \
        os.path.join(target, 'raw.img')
    run('vol-resize', 'raw.img', '2M', '--pool', 'imgs')
    assert os.path.getsize(os.path.join(target, 'raw.img')) == 2 << 20
    run('vol-wipe', 'raw.img', '--pool', 'imgs')
    run('vol-clone', 'disk.qcow2', 'copy.qcow2', '--pool', 'imgs')
    assert os.path.exists(os.path.join(target, 'copy.qcow2'))
    assert "<format type='qcow2'/>" in run('vol-dumpxml', 'copy.qcow2', '--pool', 'imgs').stdout
    run('vol-delete', 'copy.qcow2', '--pool', 'imgs')
    assert not os.path.exists(os.path.join(target, 'copy.qcow2'))
    r = run('vol-info', 'nope', '--pool', 'imgs', ok=False)
    # as virsh: the name, then the key, then the path was tried
    assert r.returncode != 0 and "error: failed to get vol 'nope'" in r.stderr
    run('pool-destroy', 'imgs')
    run('pool-undefine', 'imgs')
    assert 'imgs' not in run('pool-list', '--all').stdout
