"""Running domains survive the process that started them: a new process
opening the same root reattaches to their QMP sockets (from the status
files in ROOT/run/qemu) and controls them; and one process at a time
manages a root."""

import os
import select
import signal
import subprocess
import sys
import textwrap

import pytest

import guest
import libvirt
from conftest import TIMEOUT, Events, cleanup_conn, process_gone

EV = libvirt


def run_python(code):
    return subprocess.run([sys.executable, '-c', textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=TIMEOUT,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def started_elsewhere(root, guest_files):
    """A domain started by another process, which then exited."""
    serial = os.path.join(root, 'serial.log')
    xml = guest.domain_xml('elsewhere', serial_log=serial)
    with open(os.path.join(root, 'domain.xml'), 'w') as f:
        f.write(xml)
    r = run_python('''
        import libvirt
        c = libvirt.open('qemu:///embed?root=%s')
        c.defineXML(open('%s/domain.xml').read()).create()
        ''' % (root, root))
    assert r.returncode == 0, r.stderr
    with open(os.path.join(root, 'run/qemu/elsewhere.pid')) as f:
        pid = int(f.read())
    yield pid, serial
    if not process_gone(pid):       # the test failed before it stopped it
        os.kill(pid, signal.SIGKILL)


def test_reattach_and_control(started_elsewhere, root, event_loop):
    pid, serial = started_elsewhere
    assert not process_gone(pid)
    conn = libvirt.open('qemu:///embed?root=' + root)
    events = Events(conn)
    try:
        dom = conn.lookupByName('elsewhere')
        assert dom.isActive() == 1 and dom.ID() == 1
        assert dom.state()[0] == EV.VIR_DOMAIN_RUNNING
        with open(serial, 'rb') as f:
            guest.wait_for_marker(f, guest.READY_MARKER, TIMEOUT)
        dom.suspend()
        assert dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
        dom.resume()
        assert dom.info()[4] > 0
        # a graceful shutdown ends it as usual, without a child to reap
        dom.shutdown()
        events.wait_for('elsewhere', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                      EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN))
        assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SHUTDOWN]
        assert not os.path.exists(os.path.join(root, 'run/qemu/elsewhere.xml'))
    finally:
        events.close()
        cleanup_conn(conn)


def test_pause_and_resume_seen_by_the_next_process(started_elsewhere, root):
    """Pausing and resuming do not rewrite the status file; the process
    that takes the guest back asks QEMU and gets the state right."""
    pid, _ = started_elsewhere
    state = """
        import libvirt
        d = libvirt.open('qemu:///embed?root=%s').lookupByName('elsewhere')
        %%s
        print(*d.state())
        """ % root
    r = run_python(state % 'd.suspend()')
    assert r.returncode == 0, r.stderr
    paused = '%d %d' % (EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER)
    assert r.stdout.split('\n')[0] == paused
    r = run_python(state % 'pass')
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == paused
    r = run_python(state % 'd.resume()')
    assert r.returncode == 0, r.stderr
    r = run_python(state % 'd.destroy() if d.state()[0] != libvirt.VIR_DOMAIN_RUNNING else None')
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == '%d %d' % (EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_UNPAUSED)
    assert not process_gone(pid)


def test_reattach_then_crash_and_destroy(started_elsewhere, root, event_loop):
    pid, _ = started_elsewhere
    conn = libvirt.open('qemu:///embed?root=' + root)
    events = Events(conn)
    try:
        dom = conn.lookupByName('elsewhere')
        os.kill(pid, signal.SIGKILL)
        events.wait_for('elsewhere', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                      EV.VIR_DOMAIN_EVENT_STOPPED_FAILED))
        assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_CRASHED]
        # started again by this process, it is our child once more
        dom.create()
        new_pid = int(open(os.path.join(root, 'run/qemu/elsewhere.pid')).read())
        dom.destroy()
        assert process_gone(new_pid)
    finally:
        events.close()
        cleanup_conn(conn)


def test_gone_domain_is_cleaned_up(started_elsewhere, root, event_loop):
    pid, _ = started_elsewhere
    # kill it and wait for its end on a pidfd (init reaps it)
    pidfd = os.pidfd_open(pid)
    try:
        os.kill(pid, signal.SIGKILL)
        assert select.select([pidfd], [], [], TIMEOUT)[0]
    finally:
        os.close(pidfd)
    conn = libvirt.open('qemu:///embed?root=' + root)
    try:
        dom = conn.lookupByName('elsewhere')
        assert dom.isActive() == 0
        assert not os.path.exists(os.path.join(root, 'run/qemu/elsewhere.xml'))
    finally:
        cleanup_conn(conn)


def test_one_process_per_root(conn, root):
    r = run_python('''
        import libvirt
        libvirt.open('qemu:///embed?root=%s')
        ''' % root)
    assert r.returncode != 0
    assert ("Failed to acquire pid file '%s/run/qemu/driver.pid'" % root) in r.stderr
