"""Guests on a Linux bridge through tap devices (<interface type='bridge'>
and 'ethernet'), checked on the real network stack: the tap is made and
named as libvirt does it, the guest talks to the bridge, interface
statistics follow the traffic, a NIC plugged into the running guest shows
up in it, and no tap outlives its guest (destroy, crash, failed start,
unplug, a domain taken back by another process); a restored guest gets
a new one.

Nothing here touches the host's own interfaces: each module run creates a
network namespace with a bridge br0 (10.0.0.1/24) and removes it at the
end.  The QEMU driver runs in-process and makes its taps in the namespace
of the calling thread, so the checks run in a child process started with
`ip netns exec NS` (this file run as a script, see inner()); one child
boots one guest and runs several steps on it, whose outcomes the tests
below report one by one.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import traceback

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'guest'))

import guest            # noqa: E402
import libvirt          # noqa: E402

EV = libvirt
BRIDGE_ADDR = '10.0.0.1'
GUEST_ADDR = '10.0.0.2'
GUEST_ADDR2 = '10.0.0.3'
MAC1 = '52:54:00:7a:00:01'
MAC2 = '52:54:00:7a:00:02'


def bridge_nic(mac, bridge='br0', model='virtio', extra=''):
    return ("<interface type='bridge'><mac address='%s'/><source bridge='%s'/>"
            "<model type='%s'/>%s</interface>" % (mac, bridge, model, extra))


def ethernet_nic(mac, target=None, extra=''):
    tgt = "<target dev='%s'/>" % target if target else ''
    return ("<interface type='ethernet'><mac address='%s'/>%s<model type='virtio'/>%s"
            "</interface>" % (mac, tgt, extra))


# ---------------------------------------------------------------------------
# The host side: the namespace and the children that run in it

def _can_run():
    if os.geteuid() != 0:
        return 'network namespaces and taps need root'
    if not shutil.which('ip'):
        return 'the ip tool (iproute2) is missing'
    if not os.path.exists('/dev/net/tun'):
        return '/dev/net/tun is missing'
    return None


pytestmark = pytest.mark.skipif(_can_run() is not None, reason=str(_can_run()))


@pytest.fixture(scope='module')
def netns(guest_files):
    """A network namespace with bridge br0 at 10.0.0.1/24, removed (with
    whatever still runs in it) at the end."""
    name = 'vkt-tap-%d' % os.getpid()
    subprocess.run(['ip', 'netns', 'add', name], check=True)
    try:
        for cmd in ('ip link set lo up', 'ip link add br0 type bridge',
                    'ip addr add %s/24 dev br0' % BRIDGE_ADDR, 'ip link set br0 up'):
            subprocess.run(['ip', 'netns', 'exec', name] + cmd.split(), check=True)
        yield name
    finally:
        pids = subprocess.run(['ip', 'netns', 'pids', name], capture_output=True,
                              text=True).stdout.split()
        for pid in pids:        # a child that failed badly left a QEMU
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
        subprocess.run(['ip', 'netns', 'del', name], check=True)


def in_netns(netns, scenario):
    """Run scenario SCENARIO of this file in a child inside NETNS; return
    {step: None (passed) or the failure's text}."""
    r = subprocess.run(['ip', 'netns', 'exec', netns, sys.executable, __file__, scenario],
                       capture_output=True, text=True, timeout=600,
                       stdin=subprocess.DEVNULL)
    lines = [line for line in r.stdout.splitlines() if line.startswith('{')]
    assert r.returncode == 0 and lines, ('the %s child failed (%d):\n%s\n%s'
                                         % (scenario, r.returncode, r.stdout, r.stderr))
    return json.loads(lines[-1])


def check(results, step):
    assert step in results, 'step %s did not run: %r' % (step, results)
    if results[step] is not None:
        pytest.fail('%s failed in the namespace:\n%s' % (step, results[step]),
                    pytrace=False)


@pytest.fixture(scope='module')
def bridge_guest(netns):
    return in_netns(netns, 'bridge_guest')


@pytest.fixture(scope='module')
def start_paths(netns):
    return in_netns(netns, 'start_paths')


@pytest.fixture(scope='module')
def stop_paths(netns):
    return in_netns(netns, 'stop_paths')


def test_tap_made_like_libvirt(bridge_guest):
    check(bridge_guest, 'tap_made_like_libvirt')


def test_guest_talks_to_the_bridge(bridge_guest):
    check(bridge_guest, 'guest_talks_to_the_bridge')


def test_interface_stats_follow_traffic(bridge_guest):
    check(bridge_guest, 'interface_stats_follow_traffic')


def test_hotplug_nic(bridge_guest):
    check(bridge_guest, 'hotplug_nic')


def test_hotplug_ethernet_nic(bridge_guest):
    check(bridge_guest, 'hotplug_ethernet_nic')


def test_hotplug_to_missing_bridge(bridge_guest):
    check(bridge_guest, 'hotplug_to_missing_bridge')


def test_disk_hotplug_beside_a_tap(bridge_guest):
    check(bridge_guest, 'disk_hotplug_beside_a_tap')


def test_tap_gone_after_destroy(bridge_guest):
    check(bridge_guest, 'tap_gone_after_destroy')


def test_missing_bridge(start_paths):
    check(start_paths, 'missing_bridge')


def test_failed_start_leaves_no_tap(start_paths):
    check(start_paths, 'failed_start_leaves_no_tap')


def test_qemu_failing_leaves_no_tap(start_paths):
    check(start_paths, 'qemu_failing_leaves_no_tap')


def test_ethernet_new_tap(start_paths):
    check(start_paths, 'ethernet_new_tap')


def test_ethernet_existing_tap(start_paths):
    check(start_paths, 'ethernet_existing_tap')


def test_named_tap_in_use(start_paths):
    check(start_paths, 'named_tap_in_use')


def test_network_without_network_driver(start_paths):
    check(start_paths, 'network_without_network_driver')


def test_tap_back_after_restore(stop_paths):
    check(stop_paths, 'tap_back_after_restore')


def test_tap_gone_after_crash(stop_paths):
    check(stop_paths, 'tap_gone_after_crash')


def test_tap_gone_after_shutdown(stop_paths):
    check(stop_paths, 'tap_gone_after_shutdown')


def test_tap_gone_after_reattach_and_destroy(stop_paths):
    check(stop_paths, 'tap_gone_after_reattach_and_destroy')


# ---------------------------------------------------------------------------
# The child: runs inside the namespace

def links():
    """The namespace's interfaces: name -> `ip -j -d link` entry."""
    out = subprocess.run(['ip', '-j', '-d', 'link'], capture_output=True, text=True,
                         check=True).stdout
    return {link['ifname']: link for link in json.loads(out)}


def taps():
    return sorted(n for n, link in links().items()
                  if link.get('linkinfo', {}).get('info_kind') == 'tun')


def target_devs(dom, flags=0):
    """The <target dev> of each interface in DOM's XML, in order."""
    import xml.etree.ElementTree as ET
    doc = ET.fromstring(dom.XMLDesc(flags))
    return [t.get('dev') for t in doc.findall('./devices/interface/target')]


def expect_error(call, code, message):
    try:
        call()
    except libvirt.libvirtError as e:
        got = (e.get_error_code(), e.get_error_message())
        assert got == (code, message), got
        return
    raise AssertionError('no error; expected %r' % message)


def ping(address, count=1, timeout=5.0):
    """Send COUNT ICMP echo requests to ADDRESS from this namespace, each
    waiting up to TIMEOUT for its reply (a raw socket: no ping binary is
    needed).  Raises when one goes unanswered."""
    import select
    import socket
    import struct

    def checksum(data):
        total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
        total = (total >> 16) + (total & 0xffff)
        return ~(total + (total >> 16)) & 0xffff

    ident = os.getpid() & 0xffff
    with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP) as sock:
        for seq in range(count):
            payload = b'virtkit-tap-test'
            header = struct.pack('!BBHHH', 8, 0, 0, ident, seq)
            header = struct.pack('!BBHHH', 8, 0, checksum(header + payload), ident, seq)
            sock.sendto(header + payload, (address, 0))
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([sock], [], [], left)[0]:
                    raise AssertionError('no echo reply from %s' % address)
                packet, (src, _) = sock.recvfrom(2048)
                icmp = packet[(packet[0] & 0x0f) * 4:]
                kind, _, _, rid, rseq = struct.unpack('!BBHHH', icmp[:8])
                if src == address and kind == 0 and rid == ident and rseq == seq:
                    break


def start_event_loop():
    import threading
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                     daemon=True).start()


class Steps:
    """Runs steps in order and records each outcome; a step whose
    prerequisite failed fails too."""

    def __init__(self):
        self.results = {}

    def run(self, name, func, needs=()):
        for n in needs:
            if self.results.get(n, 'not run') is not None:
                self.results[name] = 'skipped: %s failed' % n
                return
        try:
            func()
            self.results[name] = None
        except BaseException:
            self.results[name] = traceback.format_exc()

    def report(self):
        print(json.dumps(self.results))


def scenario_bridge_guest(steps):
    from conftest import RunningGuest

    g = RunningGuest('tapguest', lambda root: guest.domain_xml(
        'tapguest', extra_devices=bridge_nic(MAC1)))
    try:
        state = {}

        def tap_made_like_libvirt():
            tap = target_devs(g.dom)[0]
            assert tap.startswith('vnet'), tap
            assert target_devs(g.dom, EV.VIR_DOMAIN_XML_INACTIVE) == []
            link = links()[tap]
            assert link['address'] == 'fe' + MAC1[2:], link['address']
            assert link.get('master') == 'br0', link
            assert 'UP' in link['flags'], link['flags']
            assert link['mtu'] == links()['br0']['mtu']
            assert link['qdisc'] == 'noqueue', link['qdisc']
            info = link['linkinfo']['info_data']
            assert info['type'] == 'tap' and info['pi'] is False and info['vnet_hdr'] is True, info
            assert info['persist'] is False, info
            state['tap'] = tap

        def guest_talks_to_the_bridge():
            g.run('killall udhcpc; ip addr add %s/24 dev eth0; ip link set eth0 up'
                  % GUEST_ADDR)
            out = g.run('ping -c1 -W5 %s >/dev/null && echo pong' % BRIDGE_ADDR)
            assert out == 'pong', out
            ping(GUEST_ADDR)

        def interface_stats_follow_traffic():
            tap = state['tap']
            sysfs = '/sys/class/net/%s/statistics/' % tap

            def counter(name):
                with open(sysfs + name) as f:
                    return int(f.read())
            before = g.dom.interfaceStats(tap)
            sent_before = counter('tx_packets')
            ping(GUEST_ADDR, count=3)
            after = g.dom.interfaceStats(tap)
            sent_after = counter('tx_packets')
            # (rx_bytes, rx_packets, rx_errs, rx_drop, tx_bytes, tx_packets, ...)
            assert after[1] >= before[1] + 3 and after[5] >= before[5] + 3, (before, after)
            assert after[0] > before[0] and after[4] > before[4]
            # the guest receives what the tap sends
            assert sent_before <= after[1] <= sent_after, (sent_before, after, sent_after)
            by_mac = g.dom.interfaceStats(MAC1.upper())
            assert by_mac[1] >= after[1] and by_mac[5] >= after[5]
            expect_error(lambda: g.dom.interfaceStats('nope0'), EV.VIR_ERR_INVALID_ARG,
                         "invalid argument: 'nope0' is not a known interface")
            stats = g.conn.getAllDomainStats(EV.VIR_DOMAIN_STATS_INTERFACE)[0][1]
            assert stats['net.count'] == 1 and stats['net.0.name'] == tap, stats
            assert stats['net.0.rx.pkts'] >= after[1] and stats['net.0.tx.pkts'] >= after[5]

        def hotplug_nic():
            g.dom.attachDevice(bridge_nic(MAC2))
            devs = target_devs(g.dom)
            assert len(devs) == 2 and devs[1].startswith('vnet') and devs[1] != state['tap'], devs
            tap2 = devs[1]
            link = links()[tap2]
            assert link['address'] == 'fe' + MAC2[2:] and link.get('master') == 'br0', link
            g.run('i=0; while [ ! -e /sys/class/net/eth1 ] && [ $i -lt 300 ]; do '
                  'sleep 0.1; i=$((i+1)); done')
            assert g.run('cat /sys/class/net/eth1/address') == MAC2
            # it carries traffic: the guest's second address answers
            g.run('ip addr add %s/24 dev eth1; ip link set eth1 up' % GUEST_ADDR2)
            ping(GUEST_ADDR2)
            assert g.dom.interfaceStats(tap2)[1] > 0
            g.dom.detachDevice(bridge_nic(MAC2))
            assert target_devs(g.dom) == [state['tap']]
            assert tap2 not in links(), 'tap %s outlived the unplug' % tap2
            g.run('i=0; while [ -e /sys/class/net/eth1 ] && [ $i -lt 300 ]; do '
                  'sleep 0.1; i=$((i+1)); done')
            assert g.run('ls /sys/class/net').split() == ['eth0', 'lo']

        def hotplug_ethernet_nic():
            nic = ethernet_nic(MAC2, 'vkhot0')
            g.dom.attachDevice(nic)
            assert target_devs(g.dom) == [state['tap'], 'vkhot0']
            link = links()['vkhot0']
            assert 'master' not in link and link['address'] == 'fe' + MAC2[2:], link
            g.run('i=0; while [ ! -e /sys/class/net/eth1 ] && [ $i -lt 300 ]; do '
                  'sleep 0.1; i=$((i+1)); done')
            assert g.run('cat /sys/class/net/eth1/address') == MAC2
            g.dom.detachDevice(nic)
            assert 'vkhot0' not in links()
            expect_error(lambda: g.dom.interfaceStats('vkhot0'), EV.VIR_ERR_INVALID_ARG,
                         "invalid argument: 'vkhot0' is not a known interface")

        def hotplug_to_missing_bridge():
            before = taps()
            expect_error(lambda: g.dom.attachDevice(bridge_nic(MAC2, bridge='nobr0')),
                         EV.VIR_ERR_SYSTEM_ERROR,
                         "Cannot get interface MTU on 'nobr0': No such device")
            assert taps() == before
            assert len(target_devs(g.dom)) == 1

        def disk_hotplug_beside_a_tap():
            # the new disk's arguments come from a command line that names
            # the running guest's tap
            path = guest.make_disk(os.path.join(g.root, 'extra.qcow2'), '16M')
            disk = ("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                    "<source file='%s'/><target dev='vdb' bus='virtio'/></disk>" % path)
            g.dom.attachDevice(disk)
            g.dom.detachDevice(disk)
            assert target_devs(g.dom) == [state['tap']]

        def tap_gone_after_destroy():
            g.dom.destroy()
            assert taps() == [], taps()

        steps.run('tap_made_like_libvirt', tap_made_like_libvirt)
        steps.run('guest_talks_to_the_bridge', guest_talks_to_the_bridge,
                  needs=['tap_made_like_libvirt'])
        steps.run('interface_stats_follow_traffic', interface_stats_follow_traffic,
                  needs=['guest_talks_to_the_bridge'])
        steps.run('hotplug_nic', hotplug_nic, needs=['tap_made_like_libvirt'])
        steps.run('hotplug_ethernet_nic', hotplug_ethernet_nic, needs=['hotplug_nic'])
        steps.run('hotplug_to_missing_bridge', hotplug_to_missing_bridge)
        steps.run('disk_hotplug_beside_a_tap', disk_hotplug_beside_a_tap,
                  needs=['tap_made_like_libvirt'])
        steps.run('tap_gone_after_destroy', tap_gone_after_destroy)
    finally:
        g.close()


def scenario_start_paths(steps):
    """Starts that need no booted guest: the domains start paused."""
    from conftest import cleanup_conn, make_root

    root = make_root()
    conn = libvirt.open('qemu:///embed?root=' + root)

    def create(name, devices):
        return conn.createXML(guest.domain_xml(name, extra_devices=devices),
                              EV.VIR_DOMAIN_START_PAUSED)

    def missing_bridge():
        expect_error(lambda: create('nobr', bridge_nic(MAC1, bridge='nobr0')),
                     EV.VIR_ERR_SYSTEM_ERROR,
                     "Cannot get interface MTU on 'nobr0': No such device")
        assert taps() == []
        # with an MTU given the bridge port is what fails
        expect_error(lambda: create('nobr', bridge_nic(MAC1, bridge='nobr0',
                                                       extra="<mtu size='1400'/>")),
                     EV.VIR_ERR_SYSTEM_ERROR,
                     'Unable to add bridge nobr0 port vnet1: No such device')
        assert taps() == []

    def failed_start_leaves_no_tap():
        expect_error(lambda: create('half', bridge_nic(MAC1) + bridge_nic(MAC2, bridge='nobr0')),
                     EV.VIR_ERR_SYSTEM_ERROR,
                     "Cannot get interface MTU on 'nobr0': No such device")
        assert taps() == []
        assert conn.listAllDomains() == []

    def qemu_failing_leaves_no_tap():
        disk = "<disk type='file' device='disk'><source file='/nonexistent/vk.img'/>" \
               "<target dev='vda' bus='virtio'/></disk>"
        try:
            create('qemufails', bridge_nic(MAC1) + disk)
        except libvirt.libvirtError as e:
            assert 'nonexistent' in e.get_error_message(), e.get_error_message()
        else:
            raise AssertionError('QEMU started without its disk')
        assert taps() == []

    def ethernet_new_tap():
        dom = create('eth', ethernet_nic(MAC1, 'vktap0', "<mtu size='1400'/>") +
                     ethernet_nic(MAC2))
        devs = target_devs(dom)
        assert devs[0] == 'vktap0' and devs[1].startswith('vnet'), devs
        link = links()['vktap0']
        assert link['mtu'] == 1400 and 'master' not in link, link
        assert link['address'] == 'fe' + MAC1[2:] and 'UP' in link['flags'], link
        # a name the user gave stays in the persistent form
        assert "<target dev='vktap0'/>" in dom.XMLDesc(EV.VIR_DOMAIN_XML_INACTIVE)
        dom.destroy()
        assert taps() == []

    def ethernet_existing_tap():
        subprocess.run(['ip', 'tuntap', 'add', 'dev', 'vkmine', 'mode', 'tap'], check=True)
        subprocess.run(['ip', 'link', 'set', 'vkmine', 'mtu', '1300'], check=True)
        try:
            address = links()['vkmine']['address']
            # a tap of that name is not taken over unless managed='no' says so
            expect_error(lambda: create('mine', ethernet_nic(MAC1, 'vkmine')),
                         EV.VIR_ERR_OPERATION_INVALID,
                         'Requested operation is not valid: The vkmine interface already exists')
            dom = create('mine', ethernet_nic(MAC1, "vkmine' managed='no"))
            assert target_devs(dom) == ['vkmine']
            assert "<target dev='vkmine' managed='no'/>" in dom.XMLDesc()
            link = links()['vkmine']
            # someone else's tap is used as it is
            assert link['address'] == address and link['mtu'] == 1300, link
            dom.destroy()
            assert taps() == ['vkmine']
        finally:
            subprocess.run(['ip', 'tuntap', 'del', 'dev', 'vkmine', 'mode', 'tap'])
        expect_error(lambda: create('mine', ethernet_nic(MAC1, "vkmine' managed='no")),
                     EV.VIR_ERR_INTERNAL_ERROR,
                     "internal error: target managed='no' but specified dev doesn't exist")
        nic = ("<interface type='ethernet'><mac address='%s'/><target managed='no'/>"
               "</interface>" % MAC1)
        expect_error(lambda: create('mine', nic), EV.VIR_ERR_INTERNAL_ERROR,
                     "internal error: target dev must be supplied when managed='no'")

    def named_tap_in_use():
        dom = create('first', bridge_nic(MAC1, extra="<target dev='vktap1'/>"))
        try:
            expect_error(lambda: create('second', bridge_nic(MAC2, extra="<target dev='vktap1'/>")),
                         EV.VIR_ERR_OPERATION_INVALID,
                         'Requested operation is not valid: The vktap1 interface already exists')
            assert links()['vktap1']['address'] == 'fe' + MAC1[2:]
        finally:
            dom.destroy()
        assert taps() == []

    def network_without_network_driver():
        nic = ("<interface type='network'><mac address='%s'/><source network='default'/>"
               "<model type='virtio'/></interface>" % MAC1)
        expect_error(lambda: create('net', nic), EV.VIR_ERR_NO_NETWORK,
                     "Network not found: no network with matching name 'default'")

    try:
        for step in (missing_bridge, failed_start_leaves_no_tap, qemu_failing_leaves_no_tap,
                     ethernet_new_tap, ethernet_existing_tap, named_tap_in_use,
                     network_without_network_driver):
            steps.run(step.__name__, step)
    finally:
        cleanup_conn(conn)
        shutil.rmtree(root, ignore_errors=True)


def scenario_stop_paths(steps):
    from conftest import TIMEOUT, Events, cleanup_conn, make_root

    root = make_root()
    xml = guest.domain_xml('stopper', extra_devices=bridge_nic(MAC1))

    def tap_gone_after_crash():
        conn = libvirt.open('qemu:///embed?root=' + root)
        events = Events(conn)
        try:
            dom = conn.createXML(xml, EV.VIR_DOMAIN_START_PAUSED)
            tap = target_devs(dom)[0]
            assert tap in taps()
            with open(os.path.join(root, 'run/qemu/stopper.pid')) as f:
                os.kill(int(f.read()), signal.SIGKILL)
            events.wait_for('stopper', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                        EV.VIR_DOMAIN_EVENT_STOPPED_FAILED))
            assert taps() == []
        finally:
            events.close()
            cleanup_conn(conn)

    def tap_gone_after_shutdown():
        conn = libvirt.open('qemu:///embed?root=' + root)
        events = Events(conn)
        try:
            dom = conn.createXML(xml, 0)
            assert len(taps()) == 1
            # the ACPI power button only works once the guest listens to it
            st = conn.newStream(0)
            dom.openConsole(None, st, 0)
            from conftest import ConsoleReader
            console = ConsoleReader(st)
            try:
                console.wait_for(guest.READY_MARKER)
            finally:
                console.close()
            dom.shutdown()
            events.wait_for('stopper', (EV.VIR_DOMAIN_EVENT_STOPPED,
                                        EV.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN), TIMEOUT)
            assert taps() == []
        finally:
            events.close()
            cleanup_conn(conn)

    def tap_gone_after_reattach_and_destroy():
        # another process starts the domain and goes away
        code = textwrap.dedent('''
            import sys, libvirt
            c = libvirt.open('qemu:///embed?root=' + sys.argv[1])
            c.createXML(sys.stdin.read(), libvirt.VIR_DOMAIN_START_PAUSED)
            ''')
        subprocess.run([sys.executable, '-c', code, root], input=xml, text=True,
                       check=True, timeout=TIMEOUT)
        tap = taps()
        assert len(tap) == 1, tap
        conn = libvirt.open('qemu:///embed?root=' + root)
        try:
            dom = conn.lookupByName('stopper')
            assert target_devs(dom) == tap
            assert dom.interfaceStats(tap[0])[4] >= 0
            dom.destroy()
            assert taps() == []
        finally:
            cleanup_conn(conn)

    def tap_back_after_restore():
        conn = libvirt.open('qemu:///embed?root=' + root)
        try:
            dom = conn.createXML(xml, EV.VIR_DOMAIN_START_PAUSED)
            image = os.path.join(root, 'stopper.save')
            dom.save(image)
            assert taps() == []
            conn.restore(image)
            dom = conn.lookupByName('stopper')
            tap = target_devs(dom)
            assert len(tap) == 1 and tap == taps(), (tap, taps())
            assert links()[tap[0]].get('master') == 'br0'
            dom.destroy()
            assert taps() == []
        finally:
            cleanup_conn(conn)

    try:
        steps.run('tap_back_after_restore', tap_back_after_restore)
        steps.run('tap_gone_after_crash', tap_gone_after_crash)
        steps.run('tap_gone_after_shutdown', tap_gone_after_shutdown)
        steps.run('tap_gone_after_reattach_and_destroy', tap_gone_after_reattach_and_destroy)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def inner(scenario):
    start_event_loop()
    steps = Steps()
    try:
        globals()['scenario_' + scenario](steps)
    except BaseException:
        steps.results['(setup)'] = traceback.format_exc()
    steps.report()


if __name__ == '__main__':
    inner(sys.argv[1])
