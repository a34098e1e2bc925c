"""Real guests under TCG through the QEMU driver: start, the ready marker,
graceful shutdown, destroy, QEMU killed from outside, transient domains,
on_poweroff, and on one shared running guest: the console stream,
suspend/resume, CPU time, the live XML, reboot and libvirt's errors.

Each boot takes about 3 s, so the tests that leave the guest running share
one (module fixture `shared`); every QEMU is destroyed by the fixtures'
finalizers even when a test fails."""

import os
import shutil
import signal
import time

import pytest

import guest
import libvirt
from conftest import (TIMEOUT, ConsoleReader, Events, cleanup_conn,
                      make_root, process_gone)

EV = libvirt


def pid_of(root, name):
    with open(os.path.join(root, 'run/qemu/%s.pid' % name)) as f:
        return int(f.read())


def wait_state(dom, state, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while dom.state()[0] != state:
        assert time.monotonic() < deadline, 'state %r, wanted %d' % (dom.state(), state)
        time.sleep(0.05)


# ---------------------------------------------------------------------
# Guests of their own


def test_start_ready_shutdown(conn, root, events, guest_files, tmp_path):
    serial = str(tmp_path / 'serial.log')
    dom = conn.defineXML(guest.domain_xml('life', serial_log=serial))
    dom.create()
    assert dom.isActive() == 1 and dom.ID() > 0
    assert dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_BOOTED]
    pid = pid_of(root, 'life')
    for f in ('life.monitor', 'life.pid', 'life.xml'):
        assert os.path.exists(os.path.join(root, 'run/qemu', f)), f

    # the log starts with the argv as libvirt writes it
    log = open(os.path.join(root, 'log/qemu/life.log')).read()
    assert '/usr/bin/qemu-system-x86_64 \\\n-name guest=life,debug-threads=on \\\n-S \\\n' in log
    assert "-append 'console=ttyS0 quiet panic=-1' \\\n" in log

    with open(serial, 'rb') as f:
        guest.wait_for_marker(f, guest.READY_MARKER, TIMEOUT)
    info = dom.info()
    assert info[0] == EV.VIR_DOMAIN_RUNNING and info[3] == 1
    assert info[4] > 0      # real CPU time of the QEMU process

    dom.shutdown()
    events.wait_for('life', (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN))
    assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SHUTDOWN]
    # (dom.ID() is the handle's, as in libvirt: a fresh lookup has -1)
    assert conn.lookupByName('life').ID() == -1 and dom.isActive() == 0
    assert process_gone(pid)
    assert not os.path.exists(os.path.join(root, 'run/qemu/life.pid'))
    assert not os.path.exists(os.path.join(root, 'run/qemu/life.xml'))
    assert events.of('life') == [
        (EV.VIR_DOMAIN_EVENT_DEFINED, EV.VIR_DOMAIN_EVENT_DEFINED_ADDED),
        (EV.VIR_DOMAIN_EVENT_STARTED, EV.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (EV.VIR_DOMAIN_EVENT_SHUTDOWN, EV.VIR_DOMAIN_EVENT_SHUTDOWN_GUEST),
        (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN),
    ]
    assert 'shutting down, reason=shutdown' in open(os.path.join(root, 'log/qemu/life.log')).read()


def test_destroy_and_crash(conn, root, events, guest_files):
    dom = conn.defineXML(guest.domain_xml('victim'))
    dom.create()
    pid = pid_of(root, 'victim')
    dom.destroy()
    assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_DESTROYED]
    assert process_gone(pid)       # reaped by destroy itself
    events.wait_for('victim', (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_DESTROYED))

    dom.create()
    pid = pid_of(root, 'victim')
    os.kill(pid, signal.SIGKILL)
    events.wait_for('victim', (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_FAILED))
    assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_CRASHED]
    assert process_gone(pid)
    # it can start again
    dom.create()
    assert dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    dom.destroy()


def test_transient_vanishes_after_stop(conn, root, events, guest_files):
    dom = conn.createXML(guest.domain_xml('passing'), 0)
    assert dom.isPersistent() == 0 and dom.isActive() == 1
    assert [d.name() for d in conn.listAllDomains(EV.VIR_CONNECT_LIST_DOMAINS_TRANSIENT)] == ['passing']
    assert not os.path.exists(os.path.join(root, 'etc/qemu/passing.xml'))
    dom.destroy()
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByName('passing')
    assert e.value.get_error_code() == EV.VIR_ERR_NO_DOMAIN
    assert conn.listAllDomains(0) == []
    events.wait_for('passing', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                EV.VIR_DOMAIN_EVENT_STOPPED_DESTROYED))
    assert events.of('passing') == [
        (EV.VIR_DOMAIN_EVENT_STARTED, EV.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
    ]


def test_on_poweroff_restart(conn, events, guest_files, tmp_path):
    serial = str(tmp_path / 'serial.log')
    xml = guest.domain_xml('phoenix', serial_log=serial).replace(
        '<devices>', '<on_poweroff>restart</on_poweroff>\n  <devices>')
    dom = conn.createXML(xml, 0)
    with open(serial, 'rb') as f:
        data = guest.wait_for_marker(f, guest.READY_MARKER, TIMEOUT)
        dom.shutdown()
        # the guest powers off and boots again in the same QEMU
        data = data.split(guest.READY_MARKER.encode(), 1)[1]
        data += guest.wait_for_marker(f, guest.READY_MARKER, TIMEOUT)
    assert b'powering off' in data
    assert dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    events.wait_for('phoenix', (EV.VIR_DOMAIN_EVENT_SHUTDOWN, EV.VIR_DOMAIN_EVENT_SHUTDOWN_GUEST))
    assert (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN) not in events.of('phoenix')


def test_start_failure_reports_qemu(conn, root):
    xml = guest.domain_xml('broken').replace(guest.guest_paths()[0], '/nonexistent/vmlinuz')
    dom = conn.defineXML(xml)
    with pytest.raises(libvirt.libvirtError) as e:
        dom.create()
    assert e.value.get_error_code() == EV.VIR_ERR_INTERNAL_ERROR
    assert 'process exited while connecting to monitor' in e.value.get_error_message()
    assert '/nonexistent/vmlinuz' in e.value.get_error_message()
    assert dom.isActive() == 0
    assert not os.path.exists(os.path.join(root, 'run/qemu/broken.pid'))


# ---------------------------------------------------------------------
# One shared running guest


class Shared:
    pass


@pytest.fixture(scope='module')
def shared(guest_files, event_loop):
    s = Shared()
    s.root = make_root()
    s.conn = libvirt.open('qemu:///embed?root=' + s.root)
    s.events = Events(s.conn)
    s.console = None
    try:
        s.dom = s.conn.defineXML(guest.domain_xml('shared'))
        # paused until the console is open, so no output is lost
        s.dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
        assert s.dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
        st = s.conn.newStream(0)
        s.dom.openConsole(None, st, 0)
        s.console = ConsoleReader(st)
        s.dom.resume()
        s.console.wait_for(guest.READY_MARKER)
        s.console.wait_for(guest.PROMPT)
        yield s
    finally:
        if s.console:
            s.console.close()
        s.events.close()
        cleanup_conn(s.conn)
        shutil.rmtree(s.root, ignore_errors=True)


def test_console_round_trip(shared):
    shared.console.send('echo $((6*7))\n')
    shared.console.wait_for('echo $((6*7))\r\n')
    assert shared.console.wait_for('\r\n').strip() == '42'
    shared.console.wait_for(guest.PROMPT)


def test_started_paused_events(shared):
    shared.events.wait_for('shared', (EV.VIR_DOMAIN_EVENT_RESUMED, EV.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED))
    assert shared.events.of('shared')[:4] == [
        (EV.VIR_DOMAIN_EVENT_DEFINED, EV.VIR_DOMAIN_EVENT_DEFINED_ADDED),
        (EV.VIR_DOMAIN_EVENT_STARTED, EV.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (EV.VIR_DOMAIN_EVENT_SUSPENDED, EV.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
        (EV.VIR_DOMAIN_EVENT_RESUMED, EV.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
    ]


def test_suspend_resume(shared):
    dom = shared.dom
    before = len(shared.events.of('shared'))
    dom.suspend()
    assert dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
    dom.resume()
    assert dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_UNPAUSED]
    shared.events.wait_for('shared', (EV.VIR_DOMAIN_EVENT_RESUMED, EV.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED))
    # the guest answers; by then QEMU's own STOP and RESUME events for our
    # commands have been applied, and they added no second pair
    shared.console.send('echo alive\n')
    shared.console.wait_for('alive\r\n')
    shared.console.wait_for('alive\r\n')
    shared.console.wait_for(guest.PROMPT)
    assert shared.dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_UNPAUSED]
    assert shared.events.of('shared')[before:] == [
        (EV.VIR_DOMAIN_EVENT_SUSPENDED, EV.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
        (EV.VIR_DOMAIN_EVENT_RESUMED, EV.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
    ]


def test_cpu_time_grows(shared):
    first = shared.dom.info()[4]
    shared.console.send('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo spun\n')
    shared.console.wait_for('spun\r\n')
    shared.console.wait_for('spun\r\n')
    shared.console.wait_for(guest.PROMPT)
    assert shared.dom.info()[4] > first > 0


def test_live_xml(shared):
    live = shared.dom.XMLDesc(0)
    assert "<domain type='qemu' id='%d'>" % shared.dom.ID() in live
    assert "<source path='/dev/pts/" in live
    assert "<alias name='serial0'/>" in live
    inactive = shared.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
    assert ' id=' not in inactive.split('\n')[0] and '/dev/pts/' not in inactive


def test_errors_on_a_running_guest(shared):
    with pytest.raises(libvirt.libvirtError) as e:
        shared.dom.create()
    assert (e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message()) == (
        EV.VIR_ERR_OPERATION_INVALID, EV.VIR_FROM_QEMU,
        'Requested operation is not valid: domain is already running')
    with pytest.raises(libvirt.libvirtError) as e:
        shared.conn.createXML(shared.dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE), 0)
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_OPERATION_INVALID,
        "Requested operation is not valid: domain 'shared' is already active")


def test_lists_with_a_running_guest(shared):
    assert shared.conn.listDomainsID() == [shared.dom.ID()]
    assert shared.conn.lookupByID(shared.dom.ID()).name() == 'shared'
    names = lambda f: [d.name() for d in shared.conn.listAllDomains(f)]
    assert names(EV.VIR_CONNECT_LIST_DOMAINS_ACTIVE | EV.VIR_CONNECT_LIST_DOMAINS_RUNNING) == ['shared']
    assert names(EV.VIR_CONNECT_LIST_DOMAINS_SHUTOFF) == []


def test_reboot(shared):
    before = shared.events.count()
    shared.dom.reboot(0)
    shared.events.wait_for('shared', ('reboot',), after=before)
    shared.console.wait_for(guest.READY_MARKER)
    shared.console.wait_for(guest.PROMPT)
    assert shared.dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    # the guest still answers after the reboot
    shared.console.send('echo $((6*7))\n')
    shared.console.wait_for('echo $((6*7))\r\n')
    assert shared.console.wait_for('\r\n').strip() == '42'
    shared.console.wait_for(guest.PROMPT)


# ---------------------------------------------------------------------
# Definitions and connections around running guests


def test_running_domain_outlives_its_connection(root, event_loop, guest_files):
    uri = 'qemu:///embed?root=' + root
    c = libvirt.open(uri)
    try:
        dom = c.defineXML(guest.domain_xml('lasting'))
        dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
        pid = pid_of(root, 'lasting')
    finally:
        c.close()
    # QEMU still runs, and a new connection in this process finds it
    assert not process_gone(pid)
    c = libvirt.open(uri)
    try:
        dom = c.lookupByName('lasting')
        assert dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
        dom.destroy()
        assert process_gone(pid)
    finally:
        cleanup_conn(c)


def test_undefine_and_redefine_while_running(conn, root, guest_files):
    dom = conn.defineXML(guest.domain_xml('moving'))
    dom.createWithFlags(EV.VIR_DOMAIN_START_PAUSED)
    # a new persistent definition waits for the next start
    xml = dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE).replace(
        "<memory unit='KiB'>262144</memory>", "<memory unit='KiB'>131072</memory>")
    conn.defineXML(xml)
    assert dom.isUpdated() == 1
    assert dom.info()[1] == 262144
    assert "<memory unit='KiB'>131072</memory>" in dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
    # undefined while running: it runs on as a transient domain
    dom.undefine()
    assert dom.isActive() == 1 and dom.isPersistent() == 0
    assert not os.path.exists(os.path.join(root, 'etc/qemu/moving.xml'))
    dom.destroy()
    assert conn.listAllDomains(0) == []


def test_vcpu_job_and_security_questions(shared):
    dom = shared.dom
    info, maps = dom.vcpus()
    assert len(info) == 1 and info[0][0] == 0 and info[0][1] == EV.VIR_VCPU_RUNNING
    assert info[0][2] > 0                       # the vCPU thread's CPU time
    assert any(maps[0])                         # its host CPU affinity
    assert dom.vcpusFlags(EV.VIR_DOMAIN_AFFECT_LIVE) == 1
    assert dom.vcpusFlags(EV.VIR_DOMAIN_AFFECT_CONFIG | EV.VIR_DOMAIN_VCPU_MAXIMUM) == 1
    assert len(dom.vcpuPinInfo(EV.VIR_DOMAIN_AFFECT_CONFIG)) == 1
    assert dom.jobInfo()[0] == EV.VIR_DOMAIN_JOB_NONE
    assert dom.controlInfo()[0] == EV.VIR_DOMAIN_CONTROL_OK
    assert shared.conn.getSecurityModel() == ['none', '0']


def test_autodestroy_with_its_connection(conn, root, guest_files):
    other = libvirt.open('qemu:///embed?root=' + root)
    try:
        other.createXML(guest.domain_xml('ephemeral'),
                        EV.VIR_DOMAIN_START_PAUSED | EV.VIR_DOMAIN_START_AUTODESTROY)
        pid = pid_of(root, 'ephemeral')
        assert [d.name() for d in conn.listAllDomains(0)] == ['ephemeral']
    finally:
        other.close()
    assert process_gone(pid)
    assert conn.listAllDomains(0) == []


def test_qemu_monitor_passthrough(shared):
    import json
    import libvirt_qemu
    reply = json.loads(libvirt_qemu.qemuMonitorCommand(shared.dom, '{"execute":"query-status"}', 0))
    assert reply['return']['status'] == 'running'
    out = libvirt_qemu.qemuMonitorCommand(shared.dom, 'info status',
                                          libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP)
    assert out.strip() == 'VM status: running'
    # a stop behind the driver's back is seen through QEMU's STOP event
    before = shared.events.count()
    libvirt_qemu.qemuMonitorCommand(shared.dom, '{"execute":"stop"}', 0)
    shared.events.wait_for('shared', (EV.VIR_DOMAIN_EVENT_SUSPENDED,
                                      EV.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED), after=before)
    assert shared.dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_UNKNOWN]
    shared.dom.resume()
    assert shared.dom.state()[0] == EV.VIR_DOMAIN_RUNNING


def test_on_reboot_destroy(guest_files, event_loop):
    """A guest that reboots itself with on_reboot=destroy ends shut off."""
    from conftest import RunningGuest
    g = RunningGuest('once', lambda root: guest.domain_xml('once').replace(
        '<devices>', '<on_reboot>destroy</on_reboot>\n  <devices>'))
    try:
        before = g.events.count()
        g.console.send('reboot -f\n')
        g.events.wait_for('once', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                   EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN), after=before)
        assert g.dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SHUTDOWN]
    finally:
        g.close()
