"""Live migration of a running TCG guest between two virtkitd daemons on
this host (different --root, the stream on a loopback port), driven by the
client (virDomainMigrate*) or by the source daemon (PEER2PEER).

The guest's console is the pty its XML names on each side: after the
move the guest answers a command typed on the destination's pty.  The
daemons, their QEMUs and their folders end with the module whatever the
tests did.
"""
import contextlib
import importlib.util
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import pytest

import libvirt

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location('daemon_qemu', HERE / 'test_daemon_qemu.py')
dq = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dq)
qc = dq.qc
import guest  # noqa: E402  (put on sys.path by the QEMU conftest)

event_loop = qc.event_loop
guest_files = qc.guest_files
EV = libvirt
TIMEOUT = qc.TIMEOUT
LOOPBACK = {libvirt.VIR_MIGRATE_PARAM_URI: 'tcp://127.0.0.1',
            libvirt.VIR_MIGRATE_PARAM_LISTEN_ADDRESS: '127.0.0.1'}


class Host:
    """One daemon with a root of its own, a client connection and its
    events."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='vkm-', dir='/tmp')
        self.daemon = dq.Daemon(os.path.join(self.root, 'run', 'virtkit'),
                                ['--root', self.root]).start()
        self.uri = self.daemon.uri()
        self.conn = libvirt.open(self.uri)
        self.events = qc.Events(self.conn)

    def close(self):
        try:
            self.events.close()
            qc.cleanup_conn(self.conn)
        finally:
            self.daemon.kill(signal.SIGTERM)
            dq.destroy_qemus(os.path.join(self.root, 'run', 'virtkit', 'qemu'))
            shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def two_hosts():
    """A source and a destination, closed (guests and daemons gone) after."""
    made = []
    try:
        made.append(Host())
        made.append(Host())
        yield made
    finally:
        for h in made:
            h.close()


@pytest.fixture(scope='module')
def hosts(event_loop, guest_files):
    with two_hosts() as made:
        yield made


@pytest.fixture
def src(hosts):
    return hosts[0]


@pytest.fixture
def dst(hosts):
    return hosts[1]


@pytest.fixture
def booted(src, dst):
    """Boot a guest on the source; whatever remains of it on either side
    is destroyed and undefined afterwards."""
    names = []

    def boot(name, disks=()):
        names.append(name)
        dom, fd = dq.boot(src.conn, name, disks=disks)
        os.close(fd)
        return dom
    yield boot
    for h in (src, dst):
        for name in names:
            try:
                d = h.conn.lookupByName(name)
            except libvirt.libvirtError:
                continue
            persistent = d.isPersistent()
            if d.isActive():
                d.destroy()
            if persistent:
                d.undefine()


def console_answers(dom, tag):
    """Type a command on DOM's serial pty and read its answer."""
    fd = dq.open_pty(dom)
    try:
        os.write(fd, b'echo %s-$((40+2))\n' % tag.encode())
        guest.wait_for_marker(fd, '%s-42' % tag, TIMEOUT)
    finally:
        os.close(fd)


def migrate_in_background(dom, dconn, params, flags):
    """Start dom.migrate3 on a thread; RESULT gets 'dom' or 'error'."""
    result = {}

    def run():
        try:
            result['dom'] = dom.migrate3(dconn, params, flags)
        except libvirt.libvirtError as e:
            result['error'] = e
    t = threading.Thread(target=run)
    t.start()
    return t, result


def fails(code, call, *args):
    """CALL(*ARGS) raises libvirt's error CODE; its message."""
    with pytest.raises(libvirt.libvirtError) as e:
        call(*args)
    assert e.value.get_error_code() == code, str(e.value)
    return str(e.value)


def lookup_gone(conn, name):
    fails(EV.VIR_ERR_NO_DOMAIN, conn.lookupByName, name)


def test_managed_migrate3_moves_a_running_guest(src, dst, booted):
    dom = booted('mig1')
    assert dom.isPersistent()
    after_src, after_dst = src.events.count(), dst.events.count()
    ddom = dom.migrate3(dst.conn, LOOPBACK, EV.VIR_MIGRATE_LIVE)
    assert ddom.name() == 'mig1' and ddom.UUIDString() == dom.UUIDString()
    assert ddom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_MIGRATED]
    assert not ddom.isPersistent()
    console_answers(ddom, 'moved')
    # the source keeps the definition, shut off because it migrated
    assert dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_MIGRATED]
    assert dom.isPersistent() and not dom.isActive()
    src.events.wait_for('mig1', (EV.VIR_DOMAIN_EVENT_SUSPENDED,
                                 EV.VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED), after=after_src)
    src.events.wait_for('mig1', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                 EV.VIR_DOMAIN_EVENT_STOPPED_MIGRATED), after=after_src)
    dst.events.wait_for('mig1', (EV.VIR_DOMAIN_EVENT_STARTED,
                                 EV.VIR_DOMAIN_EVENT_STARTED_MIGRATED), after=after_dst)
    dst.events.wait_for('mig1', (EV.VIR_DOMAIN_EVENT_RESUMED,
                                 EV.VIR_DOMAIN_EVENT_RESUMED_MIGRATED), after=after_dst)


def test_migrate_transient_with_legacy_call_and_back(src, dst, booted):
    dom = booted('mig2')
    dom.undefine()                               # transient: gone from the source
    ddom = dom.migrate(dst.conn, EV.VIR_MIGRATE_LIVE, None, 'tcp:127.0.0.1', 0)
    assert ddom.isActive() and ddom.name() == 'mig2'
    lookup_gone(src.conn, 'mig2')
    console_answers(ddom, 'there')
    # and back home, the source now the destination
    back = ddom.migrate(src.conn, EV.VIR_MIGRATE_LIVE, None, 'tcp:127.0.0.1', 0)
    assert back.state()[0] == EV.VIR_DOMAIN_RUNNING
    lookup_gone(dst.conn, 'mig2')
    console_answers(back, 'back')


def test_peer2peer_migrate_to_uri3(src, dst, booted):
    dom = booted('mig3')
    after_dst = dst.events.count()
    params = dict(LOOPBACK)
    params[EV.VIR_MIGRATE_PARAM_DEST_NAME] = 'mig3-moved'
    dom.migrateToURI3(dst.uri, params,
                      EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_PEER2PEER |
                      EV.VIR_MIGRATE_PERSIST_DEST | EV.VIR_MIGRATE_UNDEFINE_SOURCE)
    lookup_gone(src.conn, 'mig3')                # UNDEFINE_SOURCE
    ddom = dst.conn.lookupByName('mig3-moved')
    assert ddom.isActive() and ddom.isPersistent()    # PERSIST_DEST
    assert os.path.exists(os.path.join(dst.root, 'etc/virtkit/qemu/mig3-moved.xml'))
    dst.events.wait_for('mig3-moved', (EV.VIR_DOMAIN_EVENT_DEFINED,
                                       EV.VIR_DOMAIN_EVENT_DEFINED_ADDED), after=after_dst)
    console_answers(ddom, 'p2p')


def test_paused_flag_and_p2p_through_migrate3(src, dst, booted):
    dom = booted('mig4')
    ddom = dom.migrate3(dst.conn, LOOPBACK,
                        EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_PEER2PEER | EV.VIR_MIGRATE_PAUSED)
    assert ddom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
    ddom.resume()
    console_answers(ddom, 'woke')


@pytest.fixture
def isolated(event_loop, guest_files):
    """A source and a destination daemon of this test's own, so that an
    aborted migration cannot leave anything behind for the tests after it."""
    with two_hosts() as made:
        yield made


def test_progress_then_abort_keeps_the_guest_on_the_source(isolated):
    src, dst = isolated
    dom, fd = dq.boot(src.conn, 'mig5')
    os.close(fd)
    params = dict(LOOPBACK)
    params[EV.VIR_MIGRATE_PARAM_BANDWIDTH] = 1          # MiB/s: it lasts
    t, result = migrate_in_background(dom, dst.conn, params,
                                      EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_AUTO_CONVERGE)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            jtype, stats = src.conn.lookupByName('mig5').jobStats(), None
            if jtype.get('type') == EV.VIR_DOMAIN_JOB_UNBOUNDED and \
                    jtype.get(EV.VIR_DOMAIN_JOB_DATA_PROCESSED, 0) > 0:
                stats = jtype
                break
            assert time.monotonic() < deadline, jtype
            t.join(0.05)
        assert stats[EV.VIR_DOMAIN_JOB_OPERATION] == EV.VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT
        assert stats[EV.VIR_DOMAIN_JOB_DATA_REMAINING] > 0
        info = dom.jobInfo()
        assert info[0] == EV.VIR_DOMAIN_JOB_UNBOUNDED and info[3] > 0   # dataTotal
        assert dom.migrateGetMaxSpeed() == 1
        dom.migrateSetMaxDowntime(123)
        assert dom.migrateGetMaxDowntime() == 123
        fails(EV.VIR_ERR_OPERATION_INVALID, dom.migrateStartPostCopy)   # no POSTCOPY
        dom.abortJob()
    finally:
        t.join(TIMEOUT)
    assert 'error' in result, result
    assert result['error'].get_error_code() == EV.VIR_ERR_OPERATION_ABORTED
    assert dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    lookup_gone(dst.conn, 'mig5')
    console_answers(dom, 'stayed')
    assert 'no job is active' in fails(EV.VIR_ERR_OPERATION_INVALID, dom.abortJob)


@pytest.mark.skip(reason="known bug: run after the other tests of this module on the same "
                         "daemons, the POSTCOPY migration finishes its transfer before a job "
                         "is seen and its phases then do not end; it passes alone "
                         "(pytest -k postcopy). Not yet understood: issue 7's note")
def test_postcopy_with_speed_raised_while_it_runs(src, dst, booted):
    dom = booted('mig6')
    params = dict(LOOPBACK)
    params[EV.VIR_MIGRATE_PARAM_BANDWIDTH] = 1
    t, result = migrate_in_background(dom, dst.conn, params,
                                      EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_POSTCOPY)
    try:
        deadline = time.monotonic() + TIMEOUT
        while dom.jobInfo()[0] != EV.VIR_DOMAIN_JOB_UNBOUNDED:
            assert t.is_alive(), result             # it ended before it was seen
            assert time.monotonic() < deadline
            t.join(0.05)
        dom.migrateStartPostCopy()
        dom.migrateSetMaxSpeed(1000, EV.VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY)
        dom.migrateSetMaxSpeed(1000)
    finally:
        t.join(TIMEOUT)
    assert 'dom' in result, result
    console_answers(result['dom'], 'postcopy')


def test_errors(src, dst, booted):
    dom = booted('mig7')
    # a domain of that name already runs on the destination
    other = dst.conn.createXML(guest.domain_xml('mig7'), EV.VIR_DOMAIN_START_PAUSED)
    try:
        msg = fails(EV.VIR_ERR_OPERATION_FAILED, dom.migrate3, dst.conn, LOOPBACK,
                    EV.VIR_MIGRATE_LIVE)
        assert "domain 'mig7' already exists with uuid" in msg
    finally:
        other.destroy()
    assert dom.state()[0] == EV.VIR_DOMAIN_RUNNING
    # flags the driver does not do
    assert 'unsupported flags' in fails(EV.VIR_ERR_INVALID_ARG, dom.migrate3, dst.conn, LOOPBACK,
                                        EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_TUNNELLED)
    # direct migration (no PEER2PEER) by URI
    fails(EV.VIR_ERR_NO_SUPPORT, dom.migrateToURI3, 'tcp://127.0.0.1', {}, EV.VIR_MIGRATE_LIVE)
    # a destination nobody listens on
    msg = fails(EV.VIR_ERR_OPERATION_FAILED, dom.migrateToURI3,
                'qemu+unix:///system?socket=/nonexistent/sock', {},
                EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_PEER2PEER)
    assert 'Failed to connect to remote libvirt URI' in msg
    # an inactive domain
    dom.destroy()
    assert 'domain is not running' in fails(EV.VIR_ERR_OPERATION_INVALID, dom.migrate3,
                                            dst.conn, LOOPBACK, EV.VIR_MIGRATE_LIVE)


def test_non_shared_disk_copied_over_nbd(src, dst, booted, tmp_path):
    """NON_SHARED_DISK: the destination exports its own (empty) image over
    NBD, the source mirrors the disk into it, then migrates."""
    src_img = guest.make_disk(str(tmp_path / 'src.qcow2'), size='16M')
    dst_img = guest.make_disk(str(tmp_path / 'dst.qcow2'), size='16M')
    dom = booted('mig8', disks=[(src_img, 'qcow2')])
    fd = dq.open_pty(dom)
    try:
        os.write(fd, b'echo vkmark-$((6*7)) > /dev/vda; sync; echo wrote-$((1+1))\n')
        guest.wait_for_marker(fd, 'wrote-2', TIMEOUT)
    finally:
        os.close(fd)
    xml = dom.XMLDesc(EV.VIR_DOMAIN_XML_MIGRATABLE).replace(src_img, dst_img)
    params = dict(LOOPBACK)
    params[EV.VIR_MIGRATE_PARAM_DEST_XML] = xml
    ddom = dom.migrate3(dst.conn, params, EV.VIR_MIGRATE_LIVE | EV.VIR_MIGRATE_NON_SHARED_DISK)
    assert dst_img in ddom.XMLDesc(0)
    # the guest reads it back from the copy, past its own page cache
    fd = dq.open_pty(ddom)
    try:
        os.write(fd, b'echo 3 > /proc/sys/vm/drop_caches; head -c 9 /dev/vda; echo\n')
        guest.wait_for_marker(fd, 'vkmark-42', TIMEOUT)
    finally:
        os.close(fd)
    # and the images are the same (the source's QEMU is gone)
    r = subprocess.run(['qemu-img', 'compare', '-U', src_img, dst_img],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_in_process_between_two_embedded_roots(event_loop, guest_files):
    """The QEMU driver without daemons: qemu:///embed to qemu:///embed in
    one process runs the same phases."""
    roots = [qc.make_root(), qc.make_root()]
    conns = []
    try:
        conns = [libvirt.open('qemu:///embed?root=' + r) for r in roots]
        dom = conns[0].createXML(guest.domain_xml('emb'), 0)
        ddom = dom.migrate3(conns[1], LOOPBACK, EV.VIR_MIGRATE_LIVE)
        assert ddom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_MIGRATED]
        assert conns[0].listAllDomains() == []
    finally:
        for c in conns:
            qc.cleanup_conn(c)
        for r in roots:
            shutil.rmtree(r, ignore_errors=True)
