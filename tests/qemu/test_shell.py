"""The `virtkit` shell against the QEMU driver: a real guest defined,
started, watched, typed into through `console` on a pseudo-terminal,
paused, shut down through ACPI and removed, each step a separate
`virtkit` process on the same qemu:///embed root (every process finds the
running guest again from the root's status files, and one that finds it
powered off while no process watched ends it as on_poweroff says)."""

import glob
import os
import pty
import select
import shutil
import signal
import subprocess
import time

import pytest

import guest
from conftest import TIMEOUT, make_root

VIRTKIT = shutil.which('virtkit')

pytestmark = pytest.mark.skipif(VIRTKIT is None, reason='virtkit is not built on PATH')


@pytest.fixture
def shell(guest_files):
    root = make_root()
    uri = 'qemu:///embed?root=' + root

    def run(*words, ok=True):
        r = subprocess.run([VIRTKIT, '-c', uri] + list(words), capture_output=True, text=True,
                           timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        if ok:
            assert r.returncode == 0, r.stderr
        return r

    run.uri = uri
    run.root = root
    yield run
    # whatever still runs under the root goes, even when the test failed
    for pidfile in glob.glob(os.path.join(root, 'run', 'qemu', '*.pid')):
        try:
            with open(pidfile) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
    shutil.rmtree(root, ignore_errors=True)


def console_session(uri, name, lines):
    """Run `virtkit console NAME` on a pseudo-terminal: wait for the
    guest's prompt, type each line, return what came back, leave with ^]."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(VIRTKIT, [VIRTKIT, '-c', uri, 'console', name])
    seen = b''

    def expect(text):
        nonlocal seen
        deadline = time.monotonic() + TIMEOUT
        while text not in seen:
            left = deadline - time.monotonic()
            assert left > 0, 'no %r in %r' % (text, seen[-400:])
            if select.select([fd], [], [], left)[0]:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    break
        assert text in seen, 'no %r in %r' % (text, seen[-400:])

    try:
        expect(b'Escape character is ^] (Ctrl + ])')
        os.write(fd, b'\r')
        expect(guest.PROMPT.encode())
        for line, answer in lines:
            os.write(fd, line.encode() + b'\r')
            expect(answer.encode())
        os.write(fd, b'\x1d')
        _, status = os.waitpid(pid, 0)
        pid = 0
        return seen.decode(errors='replace'), os.waitstatus_to_exitcode(status)
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


def test_guest_through_the_shell(shell, tmp_path):
    xml = tmp_path / 'tiny.xml'
    xml.write_text(guest.domain_xml('tiny'))

    assert shell('define', str(xml)).stdout == 'Domain \'tiny\' defined from %s\n\n' % xml
    assert shell('list', '--all').stdout == (
        ' Id   Name   State\n'
        '-----------------------\n'
        ' -    tiny   shut off\n\n')
    assert shell('start', 'tiny').stdout == "Domain 'tiny' started\n\n"
    assert shell('domstate', '--reason', 'tiny').stdout == 'running (booted)\n\n'
    info = dict(line.split(':', 1) for line in shell('dominfo', 'tiny').stdout.splitlines() if ':' in line)
    assert info['State'].strip() == 'running'
    assert info['Max memory'].strip() == '262144 KiB'
    assert shell('domid', 'tiny').stdout.strip().isdigit()

    # the console: the guest's own shell answers what is typed
    seen, status = console_session(shell.uri, 'tiny', [('echo $((6*7))', '42')])
    assert status == 0
    assert "Connected to domain 'tiny'" in seen

    assert shell('suspend', 'tiny').stdout == "Domain 'tiny' suspended\n\n"
    assert shell('domstate', '--reason', 'tiny').stdout == 'paused (user)\n\n'
    assert shell('resume', 'tiny').stdout == "Domain 'tiny' resumed\n\n"

    # ACPI: the guest powers itself off
    assert shell('shutdown', 'tiny').stdout == "Domain 'tiny' is being shutdown\n\n"
    # (the process that first finds it powered off ends QEMU and says why;
    # a later process knows only that it is off, as with libvirt's embedded
    # driver)
    deadline = time.monotonic() + TIMEOUT
    while (state := shell('domstate', '--reason', 'tiny').stdout).startswith('running'):
        assert time.monotonic() < deadline, 'the guest did not power off'
        time.sleep(0.2)
    assert state == 'shut off (shutdown)\n\n'

    assert shell('undefine', 'tiny').stdout == "Domain 'tiny' has been undefined\n\n"
    r = shell('dominfo', 'tiny', ok=False)
    assert r.returncode == 1
    # (as virsh says it with libvirt's QEMU driver: no second line)
    assert r.stderr == "error: failed to get domain 'tiny'\n"


def test_console_needs_a_running_guest(shell, tmp_path):
    xml = tmp_path / 'tiny.xml'
    xml.write_text(guest.domain_xml('tiny'))
    shell('define', str(xml))
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(VIRTKIT, [VIRTKIT, '-c', shell.uri, 'console', 'tiny'])
    out = b''
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 1
    assert b'error: The domain is not running' in out
