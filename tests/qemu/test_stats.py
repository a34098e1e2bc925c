"""Statistics of a running guest through the QEMU driver: the groups of
virConnectGetAllDomainStats, block statistics that follow what the guest
reads and writes, memory statistics from the virtio balloon and a new
balloon target the guest follows."""

import os

import pytest

import guest
import libvirt
from conftest import RunningGuest

MIB = 1024


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    def xml_of(root):
        disk = guest.make_disk(os.path.join(root, 'data.qcow2'), '64M')
        return guest.domain_xml('stats', disks=[(disk, 'qcow2')]).replace(
            "<memballoon model='none'/>",
            "<memballoon model='virtio'><stats period='1'/></memballoon>")
    rg = RunningGuest('stats', xml_of)
    yield rg
    rg.close()


def stats_of(g, groups=0, flags=0):
    recs = g.conn.getAllDomainStats(groups, flags)
    assert [d.name() for d, _ in recs] == ['stats']
    return recs[0][1]


def test_all_groups(g):
    s = stats_of(g)
    assert (s['state.state'], s['state.reason']) == (libvirt.VIR_DOMAIN_RUNNING,
                                                    libvirt.VIR_DOMAIN_RUNNING_UNPAUSED)
    assert s['cpu.time'] > 0 and s['cpu.time'] == s['cpu.user'] + s['cpu.system']
    assert s['balloon.maximum'] == 256 * MIB and s['balloon.current'] == 256 * MIB
    assert s['balloon.rss'] > 0
    assert (s['vcpu.current'], s['vcpu.maximum'], s['vcpu.0.state']) == (1, 1, 1)
    assert 0 < s['vcpu.0.time'] <= s['cpu.time']
    assert s['net.count'] == 0
    assert s['block.count'] == 1 and s['block.0.name'] == 'vda'
    assert s['block.0.path'].endswith('/data.qcow2')
    assert s['block.0.capacity'] == 64 * 1024 * 1024     # virtual size
    assert s['block.0.physical'] < s['block.0.capacity']  # a fresh qcow2


def test_group_selection_and_filters(g):
    s = stats_of(g, libvirt.VIR_DOMAIN_STATS_STATE)
    assert sorted(s) == ['state.reason', 'state.state']
    recs = g.conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE,
                                    libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF)
    assert recs == []


def test_cpu_time_grows(g):
    before = stats_of(g, libvirt.VIR_DOMAIN_STATS_VCPU)['vcpu.0.time']
    g.run('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done')
    assert stats_of(g, libvirt.VIR_DOMAIN_STATS_VCPU)['vcpu.0.time'] > before


def test_block_stats_follow_the_guest(g):
    rd_req, rd_bytes, wr_req, wr_bytes, errs = g.dom.blockStats('vda')
    g.run('dd if=/dev/vda of=/dev/null bs=64k count=16 iflag=direct 2>/dev/null || '
          'dd if=/dev/vda of=/dev/null bs=64k count=16')
    g.run('dd if=/dev/zero of=/dev/vda bs=64k count=8 seek=100 2>/dev/null; sync')
    after = g.dom.blockStats('vda')
    assert after[1] >= rd_bytes + 1024 * 1024
    assert after[3] >= wr_bytes + 512 * 1024
    assert after[4] == -1
    s = stats_of(g, libvirt.VIR_DOMAIN_STATS_BLOCK)
    assert s['block.0.rd.bytes'] >= after[1] and s['block.0.wr.reqs'] >= after[2]
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.blockStats('vdz')
    assert e.value.get_error_message() == 'invalid argument: invalid path: vdz'


def test_memory_stats_and_balloon(g):
    mem = g.dom.memoryStats()
    assert mem['actual'] == 256 * MIB and mem['rss'] > 0
    # the guest reports through the balloon once per period
    assert 'unused' in mem and 'available' in mem and mem['last_update'] > 0
    total = lambda: int(g.run("sed -n 's/MemTotal: *\\([0-9]*\\).*/\\1/p' /proc/meminfo"))
    before = total()
    g.dom.setMemory(200 * MIB)
    # the guest's balloon driver gives the memory back; QEMU says so
    g.events.wait_for('stats', ('balloon', 200 * MIB))
    assert g.dom.info()[2] == 200 * MIB
    assert before - total() >= 50 * MIB
    assert g.dom.memoryStats()['actual'] == 200 * MIB
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.setMemory(1024 * MIB)
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        libvirt.VIR_ERR_INVALID_ARG, 'invalid argument: cannot set memory higher than max memory')
    g.dom.setMemory(256 * MIB)
