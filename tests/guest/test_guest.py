"""The tiny test guest boots under TCG and does what tests of the QEMU driver
will rely on: the ready marker, a shell on the serial console, virtio disks,
DHCP on virtio-net, and the ACPI power button powering it off.

QEMU is started straight (no virtkit), QMP is spoken with plain json/socket
(guest.Qmp).  Every QEMU is killed and reaped by the `boot` fixture, even
when an assertion fails."""

import gzip
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import guest  # noqa: E402

BOOT_TIMEOUT = 60.0


@pytest.fixture
def scratch():
    with tempfile.TemporaryDirectory(prefix='virtkit-guest-test-') as d:
        yield d


@pytest.fixture
def boot():
    """boot(*qemu_args, machine='pc') starts a guest; all are stopped at the end."""
    guests = []

    def start(*extra, machine='pc'):
        g = guest.Guest(extra_args=extra, machine=machine)
        guests.append(g)
        g.start()
        return g

    try:
        yield start
    finally:
        for g in guests:
            g.stop()


def ready(g):
    """Wait for the ready marker; return (the boot lines, seconds since QEMU started)."""
    text = g.console.wait_for(guest.READY_MARKER, BOOT_TIMEOUT)
    return text, time.monotonic() - g.started


def boot_line(text, what):
    m = re.search(r'^virtkit-guest: %s: ?(.*?)\r?$' % what, text, re.M)
    assert m, 'no %r line in:\n%s' % (what, text)
    return m.group(1).split()


def parse_env(text):
    """The assignments build-guest.py prints, as a dict."""
    return dict((k, shlex.split(v)[0]) for k, v in
                (line.split('=', 1) for line in text.splitlines()))


def read_newc(data):
    """The entries of a newc cpio archive: name -> (mode, uid, gid, data)."""
    entries = {}
    pos = 0
    while True:
        assert data[pos:pos + 6] == b'070701'
        f = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        mode, uid, gid, size, namesize = f[1], f[2], f[3], f[6], f[11]
        pos += 110
        name = data[pos:pos + namesize - 1].decode()
        pos += namesize + (-(110 + namesize) % 4)
        if name == 'TRAILER!!!':
            return entries
        entries[name] = (mode, uid, gid, data[pos:pos + size])
        pos += size + (-size % 4)


def test_build_is_cached_keyed_by_kernel_and_script():
    kernel, initrd = guest.guest_paths()
    outdir = os.path.dirname(kernel)
    kver = guest._build.kernel_version()
    assert os.path.basename(outdir) == '%s-%s' % (kver, guest._build.script_hash())
    assert os.path.getsize(kernel) > 1 << 20
    t = time.monotonic()
    out = subprocess.run([sys.executable, os.path.join(guest.HERE, 'build-guest.py')],
                         capture_output=True, text=True, check=True)
    took = time.monotonic() - t
    env = parse_env(out.stdout)
    assert env['VIRTKIT_GUEST_KERNEL'] == kernel
    assert env['VIRTKIT_GUEST_INITRD'] == initrd
    assert env['VIRTKIT_GUEST_KVER'] == kver
    assert env['VIRTKIT_GUEST_APPEND'] == guest.APPEND
    assert out.stderr == ''         # nothing was built
    assert took < 10, 'a cached run took %.1f s' % took


def test_initramfs_holds_busybox_modules_and_init():
    kernel, initrd = guest.guest_paths()
    kver = guest._build.kernel_version()
    with open(initrd, 'rb') as f:
        entries = read_newc(gzip.decompress(f.read()))
    assert all(uid == 0 and gid == 0 for _m, uid, gid, _d in entries.values())
    mode, _u, _g, init = entries['init']
    assert stat.S_ISREG(mode) and mode & 0o111
    assert guest.READY_MARKER.encode() in init
    assert stat.S_ISCHR(entries['dev/console'][0])
    assert entries['sbin/acpid'][3] == b'/bin/busybox'
    dep = entries['lib/modules/%s/modules.dep' % kver][3].decode()
    shipped = {re.sub(r'\.ko$', '', os.path.basename(line.split(':')[0])).replace('-', '_')
               for line in dep.splitlines()}
    assert set(guest._build.MODULES) <= shipped
    # virtio_pci's dependencies come from its .modinfo.
    assert {'virtio', 'virtio_ring', 'virtio_pci_modern_dev'} <= shipped
    for line in dep.splitlines():
        name = line.split(':')[0]
        assert 'lib/modules/%s/%s' % (kver, name) in entries, name


@pytest.mark.parametrize('machine', ['pc', 'q35'])
def test_boots_to_ready_marker(boot, machine, capsys):
    g = boot(machine=machine)
    text, seconds = ready(g)
    assert boot_line(text, 'block devices') == ['none']
    assert boot_line(text, 'network interfaces') == ['none']
    assert 'modules that failed' not in text
    assert g.qmp.command('query-status')['status'] == 'running'
    kernel = re.search(r'^virtkit-guest: kernel (\S+), booted in (\S+) s', text, re.M)
    assert kernel and kernel.group(1) == guest._build.kernel_version()
    with capsys.disabled():
        print('\n[guest] %s: ready marker %.2f s after QEMU started (guest uptime %s s)'
              % (machine, seconds, kernel.group(2)))


def test_serial_shell_runs_commands(boot):
    g = boot()
    ready(g)
    assert g.console.run('echo $((6*7))') == '42'
    assert g.console.run('uname -r') == guest._build.kernel_version()
    loaded = g.console.run("cut -d' ' -f1 /proc/modules").split()
    assert set(guest._build.MODULES) <= set(loaded)
    assert g.console.run('pidof acpid') != ''


def test_virtio_disks_appear_as_vda_and_vdb(boot, scratch):
    qcow2 = guest.make_disk(os.path.join(scratch, 'a.qcow2'))
    raw = guest.make_disk(os.path.join(scratch, 'b.img'), size='16M', fmt='raw')
    info = subprocess.run(['qemu-img', 'info', qcow2], capture_output=True, text=True,
                          check=True).stdout
    assert 'file format: qcow2' in info and 'virtual size: 64 MiB' in info
    assert os.path.getsize(raw) == 16 << 20
    g = boot('-blockdev', 'driver=file,filename=%s,node-name=f0' % qcow2,
             '-blockdev', 'driver=qcow2,file=f0,node-name=d0',
             '-device', 'virtio-blk-pci,drive=d0',
             '-blockdev', 'driver=file,filename=%s,node-name=f1' % raw,
             '-blockdev', 'driver=raw,file=f1,node-name=d1',
             '-device', 'virtio-blk-pci,drive=d1')
    text, _ = ready(g)
    assert boot_line(text, 'block devices') == ['vda', 'vdb']
    assert g.console.run('cat /sys/block/vda/size /sys/block/vdb/size').split() == \
        [str((64 << 20) // 512), str((16 << 20) // 512)]
    assert g.console.run('test -b /dev/vda && echo yes') == 'yes'
    # Writes reach the image file.
    g.console.run('echo virtkit-disk-ok | dd of=/dev/vdb conv=fsync 2>/dev/null')
    with open(raw, 'rb') as f:
        assert f.read(15) == b'virtkit-disk-ok'


def test_user_network_gets_address_by_dhcp(boot):
    g = boot('-netdev', 'user,id=net0,restrict=on',
             '-device', 'virtio-net-pci,netdev=net0,mac=52:54:00:12:34:56')
    text, _ = ready(g)
    assert boot_line(text, 'network interfaces') == ['eth0']
    assert g.console.line_with('virtkit-guest: eth0 has address ', BOOT_TIMEOUT) == '10.0.2.15'
    assert 'inet 10.0.2.15/24' in g.console.run('ip -4 addr show dev eth0')
    # restrict=on keeps the guest off the host's network; QEMU's DHCP server
    # then offers no router.
    assert 'default' not in g.console.run('ip route')
    assert '52:54:00:12:34:56' in g.console.run('cat /sys/class/net/eth0/address')


def test_no_dhcp_server_does_not_delay_ready(boot):
    # A NIC with no backend: DHCP discovers go nowhere.
    g = boot('-device', 'virtio-net-pci')
    text, _ = ready(g)
    assert boot_line(text, 'network interfaces') == ['eth0']
    # udhcpc is still trying in the background, and eth0 has no address.
    assert g.console.run('pidof udhcpc') != ''
    assert 'inet ' not in g.console.run('ip -4 addr show dev eth0')


@pytest.mark.parametrize('machine', ['pc', 'q35'])
def test_acpi_powerdown_powers_guest_off(boot, machine):
    g = boot(machine=machine)
    ready(g)
    g.qmp.command('system_powerdown')
    g.qmp.wait_event('POWERDOWN', 10)
    g.console.wait_for('virtkit-guest: power button pressed, powering off', BOOT_TIMEOUT)
    # QEMU exits on its own: the guest turned the machine off through ACPI.
    assert g.wait_exit(BOOT_TIMEOUT) == 0
    ev = g.qmp.wait_event('SHUTDOWN', 10)
    assert ev['data'] == {'guest': True, 'reason': 'guest-shutdown'}


def test_guest_reboot_resets_and_boots_again():
    with guest.Guest(no_reboot=False) as g:
        ready(g)
        g.console.send('reboot -f\n')
        g.qmp.wait_event('RESET', BOOT_TIMEOUT)
        ready(g)
        assert g.console.run('echo $((6*7))') == '42'
    with guest.Guest() as g:       # -no-reboot: QEMU exits instead
        ready(g)
        g.console.send('reboot -f\n')
        assert g.wait_exit(BOOT_TIMEOUT) == 0
        assert g.qmp.wait_event('SHUTDOWN', 10)['data'] == {'guest': True,
                                                           'reason': 'guest-reset'}


def test_qemu_is_killed_and_reaped_when_the_test_fails():
    g = guest.Guest()
    with pytest.raises(RuntimeError, match='boom'):
        with g:
            pid = g.proc.pid
            workdir = g.workdir
            raise RuntimeError('boom')
    assert g.proc.returncode is not None            # reaped
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not os.path.exists(workdir)


def test_wait_for_marker_on_pipe_and_growing_file(scratch):
    r, w = os.pipe()
    try:
        os.write(w, b'kernel noise\nvirtkit-guest: ready\nmore')
        assert b'virtkit-guest: ready' in guest.wait_for_marker(r, guest.READY_MARKER, 5)
        os.write(w, b'no marker here')
        with pytest.raises(guest.MarkerTimeout) as e:
            guest.wait_for_marker(r, 'never', 0.2)
        assert b'no marker here' in e.value.data
    finally:
        os.close(r)
        os.close(w)
    log = os.path.join(scratch, 'console.log')
    with open(log, 'wb') as out, open(log, 'rb') as inp:
        # A process appends the marker later: the reader waits for it.
        writer = subprocess.Popen(['sh', '-c', 'read x; printf "%s\\n" "$x" >> ' + log],
                                  stdin=subprocess.PIPE)
        try:
            out.write(b'booting\n')
            out.flush()
            writer.stdin.write(guest.READY_MARKER.encode() + b'\n')
            writer.stdin.close()
            assert guest.READY_MARKER.encode() in guest.wait_for_marker(inp, guest.READY_MARKER, 30)
        finally:
            writer.kill()
            writer.wait()


@pytest.fixture(scope='module')
def libvirt_events():
    """libvirt's default event loop, run by a thread (libvirt's embedded QEMU
    driver needs one); the thread ends with the test process."""
    libvirt = pytest.importorskip('libvirt')
    if not hasattr(libvirt, 'virEventRegisterDefaultImpl') or \
            not libvirt.__file__.startswith('/usr/lib/python3/'):
        pytest.skip('libvirt here is %s, not Debian\'s binding' % libvirt.__file__)
    import threading
    libvirt.virEventRegisterDefaultImpl()

    def run():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=run, daemon=True).start()
    return libvirt


def test_libvirt_qemu_driver_boots_guest_from_domain_xml(libvirt_events, scratch):
    """The reference: Debian's libvirt runs domain_xml() in-process
    (qemu:///embed), the guest boots with its disk, and virDomainShutdown
    (the ACPI power button) turns it off.  The domain is transient: it is
    gone once stopped."""
    import threading
    libvirt = libvirt_events
    root = os.path.join(scratch, 'root')
    os.makedirs(os.path.join(root, 'etc'))
    with open(os.path.join(root, 'etc', 'qemu.conf'), 'w') as f:
        f.write('stdio_handler = "file"\n')       # no virtlogd
        if os.geteuid() == 0:
            # QEMU reads the kernel from the cache in root's home as root.
            f.write('user = "root"\ngroup = "root"\n')
    disk = guest.make_disk(os.path.join(scratch, 'vda.qcow2'))
    log = os.path.join(scratch, 'serial.log')
    open(log, 'w').close()
    conn = libvirt.open('qemu:///embed?root=' + root)
    dom = None
    stopped = threading.Event()
    details = []

    def lifecycle(_conn, _dom, event, detail, _opaque):
        if event == libvirt.VIR_DOMAIN_EVENT_STOPPED:
            details.append(detail)
            stopped.set()
    cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                     lifecycle, None)
    try:
        dom = conn.createXML(guest.domain_xml('tiny', serial_log=log,
                                              disks=[(disk, 'qcow2')]))
        with open(log, 'rb') as f:
            text = guest.wait_for_marker(f, guest.READY_MARKER, BOOT_TIMEOUT).decode()
        assert boot_line(text, 'block devices') == ['vda']
        dom.shutdown()
        assert stopped.wait(BOOT_TIMEOUT), 'the guest did not power off'
        with open(log, 'rb') as f:
            assert b'power button pressed' in f.read()
        # libvirt saw the guest shut itself down (not a crash, not a kill).
        assert details == [libvirt.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN]
    finally:
        try:
            if dom is not None and not stopped.is_set():
                dom.destroy()
        finally:
            conn.domainEventDeregisterAny(cb)
            conn.close()


def test_changed_script_rebuilds(scratch):
    """The cache key has the script's hash: a copy that differs builds anew
    (from the kept .deb), then is instant."""
    kernel, _initrd = guest.guest_paths()
    root = os.path.dirname(os.path.dirname(kernel))
    copy = os.path.join(scratch, 'build-guest.py')
    with open(os.path.join(guest.HERE, 'build-guest.py')) as f:
        text = f.read()
    with open(copy, 'w') as f:
        f.write(text + '\n# changed\n')
    env = dict(os.environ, VIRTKIT_GUEST_DIR=root)
    run = lambda: subprocess.run([sys.executable, copy], capture_output=True, text=True,
                                 env=env, check=True)
    first = run()
    outdir = os.path.dirname(parse_env(first.stdout)['VIRTKIT_GUEST_KERNEL'])
    try:
        assert outdir != os.path.dirname(kernel)
        assert 'build-guest: built ' in first.stderr
        assert 'downloading' not in first.stderr       # the .deb was kept
        with open(os.path.join(outdir, 'initrd.img'), 'rb') as f:
            assert b'virtkit-guest: ready' in gzip.decompress(f.read())
        second = run()
        assert second.stdout == first.stdout and second.stderr == ''
    finally:
        import shutil
        shutil.rmtree(outdir, ignore_errors=True)


def test_prune_keeps_the_most_recently_used_builds(scratch):
    names = ['k-%d' % i for i in range(6)]
    for i, n in enumerate(names):
        os.mkdir(os.path.join(scratch, n))
        open(os.path.join(scratch, n, 'guest.env'), 'w').close()
        os.utime(os.path.join(scratch, n), (1000 + i, 1000 + i))
    os.mkdir(os.path.join(scratch, 'debs'))
    guest._build.prune(scratch, keep=os.path.join(scratch, 'k-0'))
    assert sorted(os.listdir(scratch)) == ['debs', 'k-0', 'k-3', 'k-4', 'k-5']
