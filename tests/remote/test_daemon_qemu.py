"""virtkitd hosts the QEMU driver: qemu:///system through the daemon's
socket, guests that outlive the daemon (kill -9 included) and are taken
back by the next one, autostart, the session daemon the client starts on
demand and its idle exit, and a definition write that fails half-way.

Real daemons (`virtkitd --daemon`, so they are not our children, as after
a restart) and real TCG guests (tests/guest).  The guest helpers come from
tests/qemu/conftest.py.  Every daemon and QEMU started here is ended by
the fixtures, whatever the tests did.
"""
import importlib.util
import os
import pathlib
import re
import select
import shutil
import signal
import subprocess
import tempfile
import tty

import pytest

import libvirt

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location('qemu_conftest', HERE.parent / 'qemu' / 'conftest.py')
qc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(qc)
import guest  # noqa: E402  (put on sys.path by the QEMU conftest)

# the QEMU tests' fixtures, used here under the same names
event_loop = qc.event_loop
guest_files = qc.guest_files
root = qc.root

VIRTKITD = pathlib.Path(os.environ.get('VIRTKIT_BUILDDIR', '')) / 'core' / 'daemon' / 'virtkitd'
EV = libvirt
TIMEOUT = qc.TIMEOUT


def wait_gone(pid, timeout=TIMEOUT):
    """Wait on a pidfd until PID (not necessarily our child) has exited."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def ppid_of(pid):
    with open('/proc/%d/stat' % pid) as f:
        return int(f.read().rsplit(')', 1)[1].split()[1])


class Daemon:
    """A `virtkitd --daemon` with its paths; PREFIX (a command and its
    arguments) runs it, e.g. inside `unshare`."""

    def __init__(self, rundir, args, env=None, prefix=()):
        self.rundir = pathlib.Path(rundir)
        self.sock = self.rundir / 'virtkit-sock'
        self.pid = None
        self.args, self.env, self.prefix = args, env, list(prefix)

    def start(self):
        r = subprocess.run(self.prefix + [str(VIRTKITD), *self.args, '--daemon'],
                           env=self.env, capture_output=True, text=True, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
        self.pid = self.read_pid()
        return self

    def read_pid(self):
        with open(self.rundir / 'virtkitd.pid') as f:
            return int(f.read())

    def uri(self, path='/system'):
        return 'qemu+unix://%s?socket=%s' % (path, self.sock)

    def kill(self, sig=signal.SIGKILL):
        if self.pid and not qc.process_gone(self.pid):
            os.kill(self.pid, sig)
            assert wait_gone(self.pid), 'virtkitd %d did not exit' % self.pid
        self.pid = None


def destroy_qemus(statedir):
    """End every QEMU whose pid file is in STATEDIR (cleanup)."""
    for p in pathlib.Path(statedir).glob('*.pid'):
        try:
            pid = int(p.read_text())
        except (OSError, ValueError):
            continue
        if pid > 0 and not qc.process_gone(pid):
            os.kill(pid, signal.SIGKILL)
            wait_gone(pid)


@pytest.fixture
def sysroot():
    """A --root folder (short: the QMP socket path must stay under 108
    bytes) and its daemons; everything ends with the test."""
    root = tempfile.mkdtemp(prefix='vkd-', dir='/tmp')
    daemons = []

    def make(*extra, prefix=()):
        d = Daemon(os.path.join(root, 'run', 'virtkit'), ['--root', root, *extra],
                   prefix=prefix)
        daemons.append(d)
        return d
    make.root = root
    try:
        yield make
    finally:
        for d in daemons:
            d.kill(signal.SIGTERM)
        destroy_qemus(os.path.join(root, 'run', 'virtkit', 'qemu'))
        shutil.rmtree(root, ignore_errors=True)


def open_pty(dom):
    """The guest's serial console, opened from the pty its XML names (the
    remote driver has no console streams yet), in raw mode."""
    m = re.search(r"<serial type='pty'>\s*<source path='([^']+)'", dom.XMLDesc(0))
    assert m, dom.XMLDesc(0)
    fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    return fd


def boot(conn, name, **xml_args):
    """Define and start NAME (guest.domain_xml with XML_ARGS), its console
    opened while it is paused; return (domain, console fd at the shell
    prompt)."""
    dom = conn.defineXML(guest.domain_xml(name, **xml_args))
    dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
    fd = open_pty(dom)
    dom.resume()
    data = guest.wait_for_marker(fd, guest.READY_MARKER, TIMEOUT)
    if guest.PROMPT.encode() not in data.split(guest.READY_MARKER.encode(), 1)[1]:
        guest.wait_for_marker(fd, guest.PROMPT, TIMEOUT)
    return dom, fd


def qemu_pid(root, name):
    with open(os.path.join(root, 'run', 'virtkit', 'qemu', name + '.pid')) as f:
        return int(f.read())


def test_restart_loses_nothing(sysroot, event_loop):
    root = sysroot.root
    daemon = sysroot().start()
    conn = libvirt.open(daemon.uri())
    dom, fd = boot(conn, 'keeper')
    pid = qemu_pid(root, 'keeper')
    conn.defineXML(guest.domain_xml('sleeper')).createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
    sleeper_pid = qemu_pid(root, 'sleeper')
    assert ppid_of(pid) == daemon.pid            # the daemon is QEMU's parent
    assert os.path.exists(os.path.join(root, 'etc/virtkit/qemu/keeper.xml'))
    assert os.path.exists(os.path.join(root, 'log/virtkit/qemu/keeper.log'))
    os.close(fd)
    conn.close()

    daemon.kill()                                # kill -9
    assert not qc.process_gone(pid)
    daemon.start()
    conn = libvirt.open(daemon.uri())
    events = qc.Events(conn)                     # a client of the new daemon
    try:
        dom = conn.lookupByName('keeper')
        assert dom.isActive() == 1 and dom.ID() == 1
        assert dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_UNPAUSED]
        assert sorted(d.name() for d in conn.listAllDomains(EV.VIR_CONNECT_LIST_DOMAINS_ACTIVE)) \
            == ['keeper', 'sleeper']
        sleeper = conn.lookupByName('sleeper')
        assert sleeper.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
        assert sleeper.ID() == 2
        sleeper.destroy()                        # not our child: ended all the same
        assert wait_gone(sleeper_pid)
        assert sleeper.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_DESTROYED]
        assert dom.info()[4] > 0                 # CPU time, from the reattached QEMU
        fd = open_pty(dom)
        os.write(fd, b'echo back-$((40+2))\n')
        guest.wait_for_marker(fd, 'back-42', TIMEOUT)
        os.close(fd)
        dom.suspend()
        events.wait_for('keeper', (EV.VIR_DOMAIN_EVENT_SUSPENDED,
                                   EV.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED))
        assert dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
        dom.resume()
        events.wait_for('keeper', (EV.VIR_DOMAIN_EVENT_RESUMED,
                                   EV.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED))
        dom.shutdown()                           # ACPI: the guest powers off
        events.wait_for('keeper', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                   EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN))
        assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SHUTDOWN]
        assert wait_gone(pid)
    finally:
        events.close()
        qc.cleanup_conn(conn)


def test_guest_dies_while_daemon_is_down(sysroot, event_loop):
    root = sysroot.root
    daemon = sysroot().start()
    conn = libvirt.open(daemon.uri())
    try:
        conn.defineXML(guest.domain_xml('orphan')).create()
    finally:
        conn.close()
    pid = qemu_pid(root, 'orphan')
    daemon.kill(signal.SIGTERM)                  # a clean exit leaves it running
    assert not qc.process_gone(pid)
    os.kill(pid, signal.SIGKILL)
    assert wait_gone(pid)
    daemon.start()
    conn = libvirt.open(daemon.uri())
    try:
        dom = conn.lookupByName('orphan')
        assert dom.isActive() == 0
        assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_CRASHED]
        assert not os.path.exists(os.path.join(root, 'run/virtkit/qemu/orphan.xml'))
    finally:
        conn.close()


def test_autostart(sysroot, event_loop):
    root = sysroot.root
    daemon = sysroot().start()
    conn = libvirt.open(daemon.uri())
    try:
        conn.defineXML(guest.domain_xml('auto')).setAutostart(1)
        conn.defineXML(guest.domain_xml('manual'))
    finally:
        conn.close()
    daemon.kill(signal.SIGTERM)
    daemon.start()
    conn = libvirt.open(daemon.uri())
    try:
        assert conn.lookupByName('auto').state()[0] == EV.VIR_DOMAIN_RUNNING
        assert conn.lookupByName('auto').autostart() == 1
        assert conn.lookupByName('manual').isActive() == 0
        assert ppid_of(qemu_pid(root, 'auto')) == daemon.pid
    finally:
        qc.cleanup_conn(conn)


def test_autostart_not_for_embed(root, event_loop):
    conn = libvirt.open('qemu:///embed?root=' + root)
    try:
        conn.defineXML(guest.domain_xml('auto')).setAutostart(1)
    finally:
        conn.close()
    conn = libvirt.open('qemu:///embed?root=' + root)
    try:
        assert conn.lookupByName('auto').isActive() == 0
    finally:
        qc.cleanup_conn(conn)


def test_one_daemon_per_root_and_wrong_path(sysroot):
    daemon = sysroot().start()
    r = subprocess.run([str(VIRTKITD), '--root', sysroot.root], capture_output=True,
                       text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert r.returncode == 1
    assert 'virtkitd.pid is locked' in r.stderr
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(daemon.uri('/nowhere'))
    assert e.value.get_error_code() == libvirt.VIR_ERR_INTERNAL_ERROR
    assert "unexpected QEMU URI path '/nowhere', try qemu:///system" in str(e.value)
    # the read-only socket: the same state, reading only
    rw = libvirt.open(daemon.uri())
    ro = libvirt.open('qemu+unix:///system?socket=%s-ro' % daemon.sock)
    try:
        rw.defineXML(guest.domain_xml('shared'))
        assert [d.name() for d in ro.listAllDomains()] == ['shared']
        with pytest.raises(libvirt.libvirtError) as e:
            ro.lookupByName('shared').undefine()
        assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED
    finally:
        ro.close()
        rw.close()


def test_failed_definition_write_keeps_old_config(sysroot):
    """The definitions live on a 64 KiB tmpfs (in the daemon's own mount
    namespace, gone with it), filled up so that a new definition stops
    half-way: the old one is still there, whole."""
    root = sysroot.root
    confdir = os.path.join(root, 'etc', 'virtkit', 'qemu')
    os.makedirs(confdir)
    daemon = sysroot(prefix=['unshare', '-m', '--propagation', 'private', 'sh', '-c',
                             'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"',
                             confdir]).start()
    seen = os.path.join('/proc', str(daemon.pid), 'root', confdir.lstrip('/'))
    conn = libvirt.open(daemon.uri())
    try:
        conn.defineXML(guest.domain_xml('cfg'))
        with open(os.path.join(seen, 'cfg.xml')) as f:
            old = f.read()
        st = os.statvfs(seen)
        with open(os.path.join(seen, 'filler'), 'wb') as f:
            f.write(b'x' * (st.f_bavail * st.f_frsize - 4096))
        big = conn.lookupByName('cfg').XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).replace(
            '</name>', '</name>\n  <description>%s</description>' % ('d' * 16384), 1)
        with pytest.raises(libvirt.libvirtError) as e:
            conn.defineXML(big)
        assert 'No space left on device' in str(e.value)
        with open(os.path.join(seen, 'cfg.xml')) as f:
            assert f.read() == old
        assert sorted(os.listdir(seen)) == ['cfg.xml', 'filler']
        assert 'dddd' not in conn.lookupByName('cfg').XMLDesc(0)
    finally:
        conn.close()


@pytest.fixture
def session_env():
    """XDG folders of a throwaway user session; the session daemon started
    in them is ended afterwards."""
    base = tempfile.mkdtemp(prefix='vks-', dir='/tmp')
    env = dict(os.environ)
    for var, sub in (('XDG_RUNTIME_DIR', 'rt'), ('XDG_CONFIG_HOME', 'config'),
                     ('XDG_CACHE_HOME', 'cache')):
        env[var] = os.path.join(base, sub)
        os.makedirs(env[var], mode=0o700)
    env['VIRTKITD_PATH'] = str(VIRTKITD)
    env.pop('LIBVIRT_AUTOSTART', None)
    rundir = os.path.join(env['XDG_RUNTIME_DIR'], 'virtkit')
    try:
        yield env, Daemon(rundir, ['--session'], env=env)
    finally:
        try:
            pid = int(open(os.path.join(rundir, 'virtkitd.pid')).read())
            if not qc.process_gone(pid):
                os.kill(pid, signal.SIGKILL)
                wait_gone(pid)
        except (OSError, ValueError):
            pass
        destroy_qemus(os.path.join(rundir, 'qemu', 'run'))
        shutil.rmtree(base, ignore_errors=True)


def run_client(env, code):
    return subprocess.run(['/usr/bin/python3', '-c', code], env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def test_session_daemon_started_on_demand(session_env):
    env, daemon = session_env
    r = run_client(env, '''
import libvirt, threading
errs = []
def one():
    try:
        c = libvirt.open('qemu:///session')
        assert c.getURI() == 'qemu:///session' and c.getType() == 'QEMU'
        c.close()
    except Exception as e:
        errs.append(e)
ts = [threading.Thread(target=one) for _ in range(3)]
[t.start() for t in ts]
[t.join() for t in ts]
assert not errs, errs
''')
    assert r.returncode == 0, r.stderr
    pid = daemon.read_pid()
    assert not qc.process_gone(pid)
    with open('/proc/%d/cmdline' % pid) as f:
        assert f.read().split('\0')[1:5] == ['--session', '--daemon', '--timeout', '30']
    assert os.path.isdir(os.path.join(env['XDG_CONFIG_HOME'], 'virtkit', 'qemu'))
    # the next client finds it running
    r = run_client(env, 'import libvirt; libvirt.open("qemu:///session").close()')
    assert r.returncode == 0, r.stderr
    assert daemon.read_pid() == pid
    # without autostart and without a daemon: a plain connection error
    os.kill(pid, signal.SIGTERM)
    assert wait_gone(pid)
    env = dict(env, LIBVIRT_AUTOSTART='0')
    r = run_client(env, 'import libvirt; libvirt.open("qemu:///session")')
    assert r.returncode != 0 and 'virtkit-sock' in r.stderr


def test_idle_timeout(session_env, guest_files):
    env, daemon = session_env
    daemon.args += ['--timeout', '1']
    daemon.start()
    # (no domain handle is kept: it would keep its connection open)
    conn = libvirt.open(daemon.uri('/session'))
    try:
        conn.createXML(guest.domain_xml('idle'))
        pid = int(open(os.path.join(daemon.rundir, 'qemu', 'run', 'idle.pid')).read())
    finally:
        conn.close()
    # a guest runs: the daemon stays (well past three timeouts)
    assert not wait_gone(daemon.pid, 3.5)
    conn = libvirt.open(daemon.uri('/session'))
    conn.lookupByName('idle').destroy()
    assert wait_gone(pid)
    # a client is connected: it stays
    assert not wait_gone(daemon.pid, 2.5)
    conn.close()
    # no client, no guest: it goes
    assert wait_gone(daemon.pid, TIMEOUT)
    assert not os.path.exists(daemon.sock)
