"""Guest panics with a <panic model='isa'/> device (QEMU's pvpanic): the
tiny guest is made to panic from its console (`echo c >
/proc/sysrq-trigger`) under each <on_crash> action, and what the driver
does (lifecycle events, the state after, the automatic core dump, a fresh
boot) is compared with libvirt's own QEMU driver (Debian's python3-libvirt
on qemu:///embed) running the same script on the same XML.

The script below runs in a child process twice at the same time: once
with virtkit's binding (the environment of build/run) and once with
Debian's (that environment removed).  It prints one JSON object; the two
must be equal.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'guest'))

import guest  # noqa: E402

DEBIAN_LIBVIRT = '/usr/lib/python3/dist-packages/libvirt.py'
TIMEOUT = float(os.environ.get('VIRTKIT_CRASH_TIMEOUT', '90'))
ACTIONS = ['destroy', 'preserve', 'restart', 'coredump-destroy', 'coredump-restart']


def domain_xml(name, action, console_sock):
    """The test guest (128 MiB keeps core dumps small) with an ISA panic
    device, ON_CRASH, and its serial console on a unix socket QEMU
    listens on (a socket works the same with both drivers, unlike a
    blocking virStream read and written from two threads)."""
    from xml.sax.saxutils import quoteattr
    xml = guest.domain_xml(name, memory_mib=128, extra_devices="\n    <panic model='isa'/>")
    serial = ("<serial type='unix'><source mode='bind' path=%s/><target port='0'/></serial>"
              % quoteattr(console_sock))
    xml = xml.replace("<serial type='pty'><target port='0'/></serial>", serial, 1)
    return xml.replace('  <devices>', '  <on_crash>%s</on_crash>\n  <devices>' % action, 1)


# ------------------------------------------------------------------ #
# The scenario (child process)                                        #

def scenario(action, root):
    import faulthandler
    import signal
    import socket
    import libvirt

    faulthandler.register(signal.SIGUSR1)
    libvirt.virEventRegisterDefaultImpl()

    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=loop, daemon=True).start()

    cond = threading.Condition()
    events = []

    def lifecycle(_conn, _dom, event, detail, _opaque):
        with cond:
            events.append([event, detail])
            cond.notify_all()

    def wait_event(pred, what):
        deadline = time.monotonic() + TIMEOUT
        with cond:
            while not pred():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit('no %s within %g s: events %r' % (what, TIMEOUT, events))
                cond.wait(left)

    sock_path = os.path.join(root, 'console.sock')
    conn = libvirt.open('qemu:///embed?root=' + root)
    dom = None
    sock = None
    out = {}
    try:
        conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                    lifecycle, None)
        dom = conn.defineXML(domain_xml('crash', action, sock_path))
        dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(sock_path)
        console = guest.Console(sock)
        dom.resume()
        console.wait_for(guest.READY_MARKER, TIMEOUT)
        console.wait_for(guest.PROMPT, TIMEOUT)
        # the guest's pvpanic driver has the device (else no panic reaches QEMU)
        out['pvpanic'] = 'QEMU0001' in console.run('ls /sys/bus/platform/drivers/pvpanic-mmio/')
        with cond:
            base = len(events)
        # The console is read all along from here: a guest printing its
        # panic to a serial port nobody reads can stall before it tells
        # QEMU.  A restart's fresh boot is seen by this reader.
        rebooted = threading.Event()

        def drain():
            marker = guest.READY_MARKER if action.endswith('restart') else '@@never@@'
            try:
                console.wait_for(marker, TIMEOUT)
                rebooted.set()
            except (guest.MarkerTimeout, OSError):
                pass            # QEMU went away (end of file) or time ran out
        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        console.send('echo c > /proc/sysrq-trigger\n')
        crashed = [libvirt.VIR_DOMAIN_EVENT_CRASHED, libvirt.VIR_DOMAIN_EVENT_CRASHED_PANICKED]
        wait_event(lambda: crashed in events[base:], 'CRASHED event')
        if action in ('destroy', 'coredump-destroy'):
            wait_event(lambda: events[-1][0] == libvirt.VIR_DOMAIN_EVENT_STOPPED, 'STOPPED event')
        elif action in ('restart', 'coredump-restart'):
            reader.join(TIMEOUT)
            assert rebooted.is_set(), console.data[-1500:]
            console.wait_for(guest.PROMPT, TIMEOUT)
            out['runs_again'] = console.run('echo $((6*7))') == '42'
        else:
            deadline = time.monotonic() + TIMEOUT
            while dom.state()[0] != libvirt.VIR_DOMAIN_CRASHED:
                assert time.monotonic() < deadline, dom.state()
                time.sleep(0.05)    # polls the state, no event marks the end
        with cond:
            out['events'] = events[base:]
        out['state'] = dom.state()
        out['active'] = dom.isActive()
        dumpdir = os.path.join(root, 'lib', 'qemu', 'dump')
        out['dumps'] = []
        for name in sorted(os.listdir(dumpdir)) if os.path.isdir(dumpdir) else []:
            with open(os.path.join(dumpdir, name), 'rb') as f:
                head = f.read(4)
            mode = os.stat(os.path.join(dumpdir, name)).st_mode & 0o777
            out['dumps'].append([re.sub(r'\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d$', 'TIME', name),
                                 head == b'\x7fELF', oct(mode)])
        if action == 'preserve':
            dom.destroy()
            out['after_destroy'] = dom.state()
        reader.join(TIMEOUT)    # ends at QEMU's end
    finally:
        if sock is not None:
            sock.close()
        if dom is not None:
            try:
                dom.destroy()
            except libvirt.libvirtError:
                pass
        conn.close()
    print(json.dumps(out, sort_keys=True))


# ------------------------------------------------------------------ #
# The tests                                                          #

def run_both(action):
    """Run the scenario under libvirt and under virtkit at once; return
    (libvirt's JSON, virtkit's JSON)."""
    procs = {}
    roots = {}
    try:
        for who in ('libvirt', 'virtkit'):
            roots[who] = tempfile.mkdtemp(prefix='vkcrash-', dir='/tmp')
            env = dict(os.environ)
            if who == 'libvirt':
                for var in ('PYTHONPATH', 'LD_LIBRARY_PATH'):
                    env.pop(var, None)
                os.makedirs(os.path.join(roots[who], 'etc'))
                with open(os.path.join(roots[who], 'etc', 'qemu.conf'), 'w') as f:
                    f.write('stdio_handler = "file"\n')     # no virtlogd
                    if os.geteuid() == 0:
                        f.write('user = "root"\ngroup = "root"\n')
            procs[who] = subprocess.Popen(
                ['/usr/bin/python3', os.path.abspath(__file__), action, roots[who]],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        results = {}
        for who, p in procs.items():
            stdout, stderr = p.communicate(timeout=4 * TIMEOUT)
            assert p.returncode == 0, '%s: %s' % (who, stderr[-3000:])
            results[who] = json.loads(stdout.strip().splitlines()[-1])
        return results['libvirt'], results['virtkit']
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        for r in roots.values():
            shutil.rmtree(r, ignore_errors=True)


@pytest.fixture(scope='module')
def reference():
    if not os.path.exists(DEBIAN_LIBVIRT):
        pytest.skip('python3-libvirt is not installed')
    guest.guest_paths()


@pytest.mark.parametrize('action', ACTIONS)
def test_panic_action_as_libvirt(reference, action):
    import libvirt
    theirs, ours = run_both(action)
    # Named difference: libvirt applies QEMU's STOP (which follows
    # GUEST_PANICKED when the guest is paused on panic) in its monitor
    # thread but the panic in a worker, so whether a SUSPENDED/PAUSED
    # event comes before CRASHED is a race there.  virtkit applies
    # events in QEMU's order and knows that STOP belongs to the panic.
    suspended = [libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED]
    if theirs['events'][:1] == [suspended]:
        theirs['events'] = theirs['events'][1:]
    assert ours == theirs
    assert ours['pvpanic']
    crashed = [libvirt.VIR_DOMAIN_EVENT_CRASHED, libvirt.VIR_DOMAIN_EVENT_CRASHED_PANICKED]
    assert ours['events'][0] == crashed
    if action.endswith('destroy'):
        assert ours['events'] == [crashed, [libvirt.VIR_DOMAIN_EVENT_STOPPED,
                                            libvirt.VIR_DOMAIN_EVENT_STOPPED_CRASHED]]
        assert ours['state'] == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_CRASHED]
    elif action.endswith('restart'):
        assert ours['runs_again']
        assert ours['events'] == [crashed, [libvirt.VIR_DOMAIN_EVENT_RESUMED,
                                            libvirt.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED]]
        assert ours['state'] == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_CRASHED]
    else:
        assert ours['state'] == [libvirt.VIR_DOMAIN_CRASHED, libvirt.VIR_DOMAIN_CRASHED_PANICKED]
        assert ours['after_destroy'][0] == libvirt.VIR_DOMAIN_SHUTOFF
    if action.startswith('coredump'):
        assert ours['dumps'] == [['1-crash-TIME', True, '0o600']]
    else:
        assert ours['dumps'] == []


if __name__ == '__main__':
    scenario(sys.argv[1], sys.argv[2])
