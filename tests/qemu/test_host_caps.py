"""The <host> of virConnectGetCapabilities for qemu:///embed: compared
with libvirt's (`virsh -c qemu:///embed?root=... capabilities`) on this
machine, and its NUMA part read from a fake sysfs tree with two nodes
(this machine has one), pointed to by $VIRTKIT_SYSFS_ROOT."""

import os
import shutil
import subprocess
import textwrap
import xml.etree.ElementTree as ET

import pytest

import libvirt  # virtkit's binding (PYTHONPATH of build/run)

from conftest import make_root

VIRSH = shutil.which('virsh')


def host_of(xml):
    return ET.fromstring(xml).find('host')


def canonical(elem):
    ET.indent(elem)
    elem.tail = None
    return ET.tostring(elem, encoding='unicode')


def our_caps(env=None):
    """Our capabilities XML, from a child process when ENV is given (for
    an environment of its own)."""
    root = make_root()
    try:
        if env is None:
            conn = libvirt.open('qemu:///embed?root=' + root)
            try:
                return conn.getCapabilities()
            finally:
                conn.close()
        code = ('import libvirt, sys\n'
                'c = libvirt.open("qemu:///embed?root=" + sys.argv[1])\n'
                'print(c.getCapabilities())\n'
                'c.close()\n')
        return subprocess.run(['/usr/bin/python3', '-c', code, root], env=env, check=True,
                              capture_output=True, text=True, timeout=60).stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.skipif(not VIRSH, reason='libvirt-clients is not installed')
def test_host_as_libvirt():
    root = make_root()
    try:
        theirs = subprocess.run([VIRSH, '-c', 'qemu:///embed?root=' + root, 'capabilities'],
                                check=True, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL).stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ours = our_caps()
    theirs_host = host_of(theirs)
    ours_host = host_of(ours)
    # Named difference: the host UUID.  libvirt takes the SMBIOS system
    # UUID and, on a machine without one (as here), makes a random one per
    # process; virtkit's comes from /etc/machine-id, stable across runs.
    for h in (theirs_host, ours_host):
        h.remove(h.find('uuid'))
    assert canonical(ours_host) == canonical(theirs_host)
    # the rest is really there (not two empty documents)
    cpu = ours_host.find('cpu')
    assert cpu.find('arch').text
    if cpu.find('arch').text == 'x86_64':
        assert cpu.find('model') is not None
        assert cpu.find('signature') is not None
        assert cpu.find('topology') is not None


def write(base, path, text):
    full = os.path.join(base, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w') as f:
        f.write(text + '\n')


@pytest.fixture
def fake_sysfs(tmp_path):
    """Two NUMA nodes of one socket each, two cores of two threads per
    socket; 2 MiB and 1 GiB huge pages, some reserved on node 0."""
    base = str(tmp_path)
    write(base, 'devices/system/node/online', '0-1')
    write(base, 'devices/system/cpu/online', '0-7')
    for node, cpus, dist, mem in ((0, '0-3', '10 21', 8388608), (1, '4-7', '21 10', 4194304)):
        d = 'devices/system/node/node%d/' % node
        write(base, d + 'cpulist', cpus)
        write(base, d + 'distance', dist)
        write(base, d + 'meminfo', 'Node %d MemTotal:       %d kB\nNode %d MemFree:   1000 kB'
              % (node, mem, node))
        write(base, d + 'hugepages/hugepages-2048kB/nr_hugepages', '4' if node == 0 else '0')
        write(base, d + 'hugepages/hugepages-1048576kB/nr_hugepages', '1' if node == 0 else '0')
    for cpu in range(8):
        t = 'devices/system/cpu/cpu%d/topology/' % cpu
        first = cpu - cpu % 2
        write(base, t + 'physical_package_id', str(cpu // 4))
        write(base, t + 'die_id', '0')
        write(base, t + 'core_id', str((cpu % 4) // 2))
        write(base, t + 'thread_siblings_list', '%d-%d' % (first, first + 1))
    os.makedirs(os.path.join(base, 'kernel/mm/hugepages/hugepages-2048kB'))
    os.makedirs(os.path.join(base, 'kernel/mm/hugepages/hugepages-1048576kB'))
    return base


def test_numa_cells_from_fake_sysfs(fake_sysfs):
    env = dict(os.environ, VIRTKIT_SYSFS_ROOT=fake_sysfs)
    host = host_of(our_caps(env))
    # node 0: (8388608 KiB - 4 * 2 MiB - 1 GiB) / 4 KiB small pages
    expected = textwrap.dedent("""\
        <topology>
          <cells num="2">
            <cell id="0">
              <memory unit="KiB">8388608</memory>
              <pages unit="KiB" size="4">1832960</pages>
              <pages unit="KiB" size="2048">4</pages>
              <pages unit="KiB" size="1048576">1</pages>
              <distances>
                <sibling id="0" value="10" />
                <sibling id="1" value="21" />
              </distances>
              <cpus num="4">
                <cpu id="0" socket_id="0" die_id="0" core_id="0" siblings="0-1" />
                <cpu id="1" socket_id="0" die_id="0" core_id="0" siblings="0-1" />
                <cpu id="2" socket_id="0" die_id="0" core_id="1" siblings="2-3" />
                <cpu id="3" socket_id="0" die_id="0" core_id="1" siblings="2-3" />
              </cpus>
            </cell>
            <cell id="1">
              <memory unit="KiB">4194304</memory>
              <pages unit="KiB" size="4">1048576</pages>
              <pages unit="KiB" size="2048">0</pages>
              <pages unit="KiB" size="1048576">0</pages>
              <distances>
                <sibling id="0" value="21" />
                <sibling id="1" value="10" />
              </distances>
              <cpus num="4">
                <cpu id="4" socket_id="1" die_id="0" core_id="0" siblings="4-5" />
                <cpu id="5" socket_id="1" die_id="0" core_id="0" siblings="4-5" />
                <cpu id="6" socket_id="1" die_id="0" core_id="1" siblings="6-7" />
                <cpu id="7" socket_id="1" die_id="0" core_id="1" siblings="6-7" />
              </cpus>
            </cell>
          </cells>
        </topology>""")
    assert canonical(host.find('topology')) == expected
    cpu = host.find('cpu')
    if cpu.find('topology') is not None:
        # per NUMA node: one socket, one die, two cores of two threads
        assert cpu.find('topology').attrib == {
            'sockets': '1', 'dies': '1', 'cores': '2', 'threads': '2'}
    assert [p.get('size') for p in cpu.findall('pages')] == ['4', '2048', '1048576']


def test_topology_falls_back_when_counts_do_not_add_up(fake_sysfs):
    # a CPU of node 1 offline: 2 nodes x 1 x 1 x 2 x 2 != 7 CPUs, so, as
    # libvirt does, all CPUs become cores of one socket
    write(fake_sysfs, 'devices/system/cpu/online', '0-6')
    env = dict(os.environ, VIRTKIT_SYSFS_ROOT=fake_sysfs)
    cpu = host_of(our_caps(env)).find('cpu')
    if cpu.find('topology') is None:
        pytest.skip('no CPU topology on this architecture')
    assert cpu.find('topology').attrib == {
        'sockets': '1', 'dies': '1', 'cores': '7', 'threads': '1'}


# ------------------------------------------------------------------ #
# virNodeGetCPUStats, GetMemoryStats, GetCellsFreeMemory,             #
# GetFreeMemory (and GetCPUMap): the same calls under libvirt (a      #
# child process with Debian's binding) and virtkit; figures that move #
# are compared for order or closeness, the rest for equality.         #

NODE_SCRIPT = '''
import json, shutil, sys, tempfile
import libvirt
libvirt.virEventRegisterDefaultImpl()
root = tempfile.mkdtemp(prefix='vkhost-', dir='/tmp')
c = libvirt.open('qemu:///embed?root=' + root)
out = {'cpumap': c.getCPUMap(), 'free': c.getFreeMemory(), 'cells': c.getCellsFreeMemory(0, 64),
       'cpustats': c.getCPUStats(-1), 'cpu0': c.getCPUStats(0),
       'mem': c.getMemoryStats(-1), 'mem0': c.getMemoryStats(0)}
ncpus = out['cpumap'][0]
ncells = len(out['cells'])
for name, f, a in [('cells', c.getCellsFreeMemory, (ncells, 1)),
                   ('cpustat', c.getCPUStats, (ncpus,)),
                   ('memstat', c.getMemoryStats, (ncells,)),
                   ('cpuneg', c.getCPUStats, (-2,)),
                   ('memneg', c.getMemoryStats, (-2,))]:
    try:
        f(*a)
        out['err-' + name] = None
    except libvirt.libvirtError as e:
        out['err-' + name] = [e.get_error_code(), e.get_error_domain(), e.get_error_message()]
c.close()
shutil.rmtree(root, ignore_errors=True)
print(json.dumps(out))
'''


def node_calls(reference):
    env = dict(os.environ)
    if reference:
        for var in ('PYTHONPATH', 'LD_LIBRARY_PATH'):
            env.pop(var, None)
    r = subprocess.run(['/usr/bin/python3', '-c', NODE_SCRIPT], env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    import json
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not os.path.exists('/usr/lib/python3/dist-packages/libvirt.py'),
                    reason='python3-libvirt is not installed')
def test_node_calls_as_libvirt():
    theirs = node_calls(True)
    ours = node_calls(False)
    for key in ('cpumap', 'err-cells', 'err-cpustat', 'err-memstat', 'err-cpuneg', 'err-memneg'):
        assert ours[key] == theirs[key], key
    # CPU times only grow: ours were read later
    for key in ('cpustats', 'cpu0'):
        assert sorted(ours[key]) == sorted(theirs[key]) == ['idle', 'iowait', 'kernel', 'user']
        for field, value in theirs[key].items():
            assert value <= ours[key][field], (key, field)
    for key in ('mem', 'mem0'):
        assert sorted(ours[key]) == sorted(theirs[key])
        assert ours[key]['total'] == theirs[key]['total']
    # free memory moves with everything else on the machine: within 10 %
    assert len(ours['cells']) == len(theirs['cells'])
    for a, b in zip(ours['cells'] + [ours['free']], theirs['cells'] + [theirs['free']]):
        assert abs(a - b) <= b / 10


def test_node_calls_on_fake_sysfs(fake_sysfs):
    script = '''
import json, shutil, sys, tempfile
import libvirt
root = tempfile.mkdtemp(prefix='vkhost-', dir='/tmp')
c = libvirt.open('qemu:///embed?root=' + root)
print(json.dumps([c.getCellsFreeMemory(0, 8), c.getCellsFreeMemory(1, 1),
                  c.getFreeMemory(), c.getMemoryStats(1)]))
c.close()
shutil.rmtree(root, ignore_errors=True)
'''
    env = dict(os.environ, VIRTKIT_SYSFS_ROOT=fake_sysfs)
    r = subprocess.run(['/usr/bin/python3', '-c', script], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    import json
    cells, cell1, free, mem1 = json.loads(r.stdout)
    # the fake meminfo files have MemFree 1000 kB on each node
    assert cells == [1024000, 1024000]
    assert cell1 == [1024000]
    assert free == 2048000
    assert mem1 == {'total': 4194304, 'free': 1000}
