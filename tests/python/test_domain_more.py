"""The domain API beyond the lifecycle, first half (virDomain[A-K]...),
through libvirt-python: return shapes, the state the test driver keeps
(IOThreads, frozen file systems), and the errors of each call.  The
differential script scripts/domain_more.py compares the same calls with
libvirt itself."""
import os
import time

import pytest

import libvirt
from conftest import domain_xml


def code(excinfo):
    return excinfo.value.get_error_code()


@pytest.fixture
def dom(conn):
    return conn.lookupByName("test")


@pytest.fixture
def ondom(conn):
    """A persistent running domain of its own, for calls that change state."""
    d = conn.defineXML(domain_xml("more-on"))
    d.create()
    yield d
    if d.isActive():
        d.destroy()
    d.undefine()


@pytest.fixture
def offdom(conn):
    d = conn.defineXML(domain_xml("more-off", vcpus=3))
    yield d
    try:
        d.undefine()
    except libvirt.libvirtError:
        pass


def test_block_and_interface_counters_grow(dom):
    first = dom.blockStats("vda")
    assert len(first) == 5 and all(isinstance(v, int) for v in first)
    time.sleep(0.01)
    second = dom.blockStats("/guest/diskimage1")
    assert second[0] > first[0] and second[1] >= first[1]
    stats = dom.interfaceStats("testnet0")
    assert len(stats) == 8
    assert dom.interfaceStats("aa:bb:cc:dd:ee:ff")[2] >= stats[2]


def test_statistics_errors(dom, offdom):
    with pytest.raises(libvirt.libvirtError) as e:
        dom.blockStats("")
    assert code(e) == libvirt.VIR_ERR_OPERATION_UNSUPPORTED
    with pytest.raises(libvirt.libvirtError) as e:
        dom.blockStats("sdz")
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        dom.interfaceStats("52:54:00:00:00:99")
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    for call in (lambda: offdom.blockStats("vda"), lambda: offdom.interfaceStats("x"),
                 offdom.controlInfo, offdom.diskErrors, offdom.fsInfo, offdom.hostname,
                 offdom.injectNMI, lambda: offdom.getCPUStats(True)):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID


def test_fixed_answers(dom):
    assert dom.hostname() == "testhost"
    assert dom.getTime() == {"seconds": 627319920, "nseconds": 0}
    assert dom.controlInfo() == [0, 0, 0]
    assert dom.diskErrors() == {"vda": libvirt.VIR_DOMAIN_DISK_ERROR_UNSPEC}
    assert dom.blockInfo("vda") == [1099506450432, 1099511627776, 1099511627776]
    assert dom.securityLabel() == ["libvirt-test", True]
    assert dom.messages() == []
    assert dom.injectNMI() == 0
    assert dom.fsInfo() == [("/", "vda1", "ext4", ["vda"]), ("/boot", "vda2", "ext4", ["vda"])]
    addrs = dom.interfaceAddresses(libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE)
    assert addrs == {"testnet0": {"addrs": [{"addr": "192.168.122.3", "prefix": 24, "type": 0}],
                                  "hwaddr": "aa:bb:cc:dd:ee:ff"}}
    total = dom.getCPUStats(True)
    assert len(total) == 1 and set(total[0]) == {"cpu_time", "user_time", "system_time"}
    percpu = dom.getCPUStats(False)
    assert all(set(c) == {"cpu_time", "vcpu_time"} for c in percpu)
    assert total[0]["cpu_time"] == sum(c["cpu_time"] for c in percpu)


def test_fs_freeze_state(ondom):
    dom = ondom
    assert dom.fsFreeze() == 2
    assert dom.fsFreeze(["/"]) == 0
    assert dom.fsThaw(["/boot"]) == 1
    assert dom.fsThaw() == 1
    assert dom.fsThaw() == 0
    with pytest.raises(libvirt.libvirtError) as e:
        dom.fsFreeze(["/srv"])
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    assert dom.fSTrim("/", 0) == 0


def test_tuning_parameters(dom, offdom):
    assert dom.memoryParameters() == {
        "hard_limit": libvirt.VIR_DOMAIN_MEMORY_PARAM_UNLIMITED,
        "soft_limit": libvirt.VIR_DOMAIN_MEMORY_PARAM_UNLIMITED,
        "swap_hard_limit": libvirt.VIR_DOMAIN_MEMORY_PARAM_UNLIMITED,
    }
    assert dom.blkioParameters()["weight"] == 0
    assert dom.numaParameters() == {"numa_mode": 0, "numa_nodeset": ""}
    perf = dom.perfEvents()
    assert len(perf) == 22 and not any(perf.values())
    assert len(dom.blockIoTune("vda")) == 20
    assert dom.interfaceParameters("testnet0")["inbound.average"] == 0
    with pytest.raises(libvirt.libvirtError) as e:
        offdom.memoryParameters(libvirt.VIR_DOMAIN_AFFECT_LIVE)
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    with pytest.raises(libvirt.libvirtError) as e:
        dom.numaParameters(libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        dom.blockIoTune("sdq")
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        dom.launchSecurityInfo()
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_iothreads(ondom, offdom):
    dom = ondom
    assert dom.addIOThread(4) == 0
    assert dom.addIOThread(8, libvirt.VIR_DOMAIN_AFFECT_CONFIG) == 0
    assert [t[0] for t in dom.ioThreadInfo()] == [4]
    assert [t[0] for t in dom.ioThreadInfo(libvirt.VIR_DOMAIN_AFFECT_CONFIG)] == [8]
    assert "<iothread id='4'/>" in dom.XMLDesc()
    with pytest.raises(libvirt.libvirtError) as e:
        dom.addIOThread(4)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    assert dom.delIOThread(4) == 0
    assert dom.ioThreadInfo() == []
    with pytest.raises(libvirt.libvirtError) as e:
        offdom.addIOThread(1, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    assert offdom.addIOThread(1) == 0
    assert "<iothreads>1</iothreads>" in offdom.XMLDesc()


def test_pinning(dom, offdom):
    info, maps = dom.vcpus()
    assert [i[0] for i in info] == [0, 1] and all(i[1] == libvirt.VIR_VCPU_RUNNING for i in info)
    assert len(maps) == 2 and all(all(m) for m in maps)
    assert len(offdom.vcpuPinInfo()) == 3
    assert all(offdom.emulatorPinInfo())
    with pytest.raises(libvirt.libvirtError) as e:
        offdom.vcpus()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID


def test_metadata(conn):
    d = conn.defineXML("""<domain type='test'><name>more-meta</name>
      <title>T</title><metadata><a:x xmlns:a="urn:a"><a:y/></a:x></metadata>
      <memory>1024</memory><os><type>hvm</type></os></domain>""")
    try:
        assert d.metadata(libvirt.VIR_DOMAIN_METADATA_TITLE, None) == "T"
        assert d.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "urn:a") == "<x>\n  <y/>\n</x>"
        for t, uri, err in ((libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, None,
                             libvirt.VIR_ERR_NO_DOMAIN_METADATA),
                            (libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, libvirt.VIR_ERR_INVALID_ARG),
                            (libvirt.VIR_DOMAIN_METADATA_TITLE, "urn:a", libvirt.VIR_ERR_INVALID_ARG),
                            (libvirt.VIR_DOMAIN_METADATA_ELEMENT, "urn:b",
                             libvirt.VIR_ERR_NO_DOMAIN_METADATA)):
            with pytest.raises(libvirt.libvirtError) as e:
                d.metadata(t, uri)
            assert code(e) == err
    finally:
        d.undefine()


def test_core_dump(ondom, tmp_path):
    dom = ondom
    path = str(tmp_path / "dump")
    assert dom.coreDump(path) == 0
    assert open(path, "rb").read() == b"TestGuestMagic\0"
    with pytest.raises(libvirt.libvirtError) as e:
        dom.coreDumpWithFormat(path, libvirt.VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB)
    assert code(e) == libvirt.VIR_ERR_OPERATION_UNSUPPORTED
    assert dom.coreDump(path, libvirt.VIR_DUMP_CRASH) == 0
    assert dom.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_CRASHED]
    assert dom.createWithFiles([]) == 0
    assert dom.isActive()


def test_create_variants(conn):
    d = conn.createLinux(domain_xml("more-linux"))
    assert d.isActive() and not d.isPersistent()
    d.destroy()
    d = conn.createXMLWithFiles(domain_xml("more-files"), [])
    assert d.name() == "more-files"
    d.destroy()


def test_not_supported(dom):
    for call in (lambda: dom.attachDevice("<disk/>"), lambda: dom.detachDeviceAlias("a"),
                 lambda: dom.blockJobAbort("vda"), lambda: dom.blockPeek("vda", 0, 8),
                 lambda: dom.blockCopy("vda", "<disk/>"), dom.jobInfo, dom.jobStats,
                 dom.abortJob, dom.securityLabelList, lambda: dom.guestInfo(),
                 lambda: dom.authorizedSSHKeysGet("root")):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_NO_SUPPORT
    assert dom.guestVcpus() is None   # libvirt-python does not raise here
