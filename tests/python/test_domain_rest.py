"""The domain-rest area through the Python binding: return shapes libvirt-python
users rely on, state kept between calls, and references released by the
close-callback glue.  (tests/python/scripts/domain_rest.py and host_rest.py
compare the results with libvirt's own test driver.)"""
import sys

import libvirt
import pytest


@pytest.fixture
def dom(conn):
    return conn.lookupByName("test")


def test_memory_stats_follow_the_balloon(dom):
    dom.setMemory(1048576)
    stats = dom.memoryStats()
    assert stats["actual"] == 1048576
    assert stats["rss"] == 524288
    assert stats["disk_caches"] == 131072


def test_memory_peek_returns_bytes(dom):
    data = dom.memoryPeek(254, 4, libvirt.VIR_MEMORY_VIRTUAL)
    assert data == bytes([254, 255, 0, 1])


def test_metadata_element_round_trip(dom):
    dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<app><v>1</v></app>", "a", "http://example.org/a", 0)
    dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<other/>", "b", "http://example.org/b", 0)
    xml = dom.XMLDesc()
    assert '<a:app xmlns:a="http://example.org/a">' in xml
    assert '<b:other xmlns:b="http://example.org/b"/>' in xml
    dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, "http://example.org/a", 0)
    xml = dom.XMLDesc()
    assert "example.org/a" not in xml and "example.org/b" in xml


def test_all_domain_stats_are_pairs(conn):
    stats = conn.getAllDomainStats()
    assert len(stats) == 1
    dom, params = stats[0]
    assert isinstance(dom, libvirt.virDomain)
    assert dom.name() == "test"
    assert params == {"state.state": libvirt.VIR_DOMAIN_RUNNING, "state.reason": 0}
    (again, again_params), = conn.domainListGetStats([dom])
    assert again.UUIDString() == dom.UUIDString() and again_params == params


def test_domain_list_get_stats_keeps_handles_alive(conn):
    dom = conn.lookupByName("test")
    pairs = conn.domainListGetStats([dom], libvirt.VIR_DOMAIN_STATS_STATE)
    del dom
    assert pairs[0][0].name() == "test"


def test_close_callback_data_is_released(conn):
    opaque = object()
    before = sys.getrefcount(opaque)
    assert conn.registerCloseCallback(lambda c, reason, o: None, opaque) == 0
    assert sys.getrefcount(opaque) == before + 1
    conn.unregisterCloseCallback()
    assert sys.getrefcount(opaque) == before


def test_rename_follows_lookups(conn):
    dom = conn.lookupByName("test")
    dom.destroy()
    dom.rename("renamed", 0)
    assert conn.lookupByName("renamed").UUIDString() == dom.UUIDString()
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByName("test")
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN
    dom.rename("test", 0)
    dom.create()


def test_cells_free_memory_sums_to_a_list(conn):
    assert conn.getCellsFreeMemory(0, 2) == [2097152, 4194304]
    with pytest.raises(libvirt.libvirtError) as e:
        conn.getCellsFreeMemory(5, 1)
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG


def test_typed_parameter_setter_rejects_unknown_names(dom):
    with pytest.raises(LookupError):
        dom.setMemoryParameters({"no_such_limit": 1})
    with pytest.raises(LookupError):
        dom.setBlkioParameters({})


def _cpu(model, vendor="Intel", features=()):
    return ("<cpu><arch>x86_64</arch><model>%s</model><vendor>%s</vendor>%s</cpu>"
            % (model, vendor, "".join("<feature name='%s'/>" % f for f in features)))


def _features(xml, policy):
    import re
    return re.findall(r"<feature policy='%s' name='([^']+)'/>" % policy, xml)


def test_baseline_cpu_is_what_every_cpu_has(conn):
    # a newer and an older generation: the older model, nothing to add
    xml = conn.baselineCPU([_cpu("Haswell"), _cpu("Broadwell")])
    assert "<model fallback='allow'>Haswell</model>" in xml
    assert "<vendor>Intel</vendor>" in xml
    # a feature both have is required on top of the model
    xml = conn.baselineCPU([_cpu("Haswell", features=["vmx"]),
                            _cpu("SandyBridge", features=["vmx", "aes"])])
    assert "<model fallback='allow'>SandyBridge</model>" in xml
    assert _features(xml, "require") == ["vmx"]
    # one CPU keeps its model (fallback forbidden); a feature the model
    # lists but such CPUs lack comes out disabled
    xml = conn.baselineCPU([_cpu("Icelake-Server")])
    assert "<model fallback='forbid'>Icelake-Server</model>" in xml
    assert _features(xml, "disable") == ["intel-pt"]
    # expanded: every feature, in name order
    xml = conn.baselineCPU([_cpu("Haswell"), _cpu("Broadwell")],
                           libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES)
    names = _features(xml, "require")
    assert names == sorted(names) and {"avx2", "sse4.2", "x2apic"} <= set(names)


def test_baseline_cpu_errors(conn):
    cases = [
        ([_cpu("Haswell"), _cpu("Opteron_G1", "AMD")], libvirt.VIR_ERR_OPERATION_FAILED),
        ([_cpu("Bogus")], libvirt.VIR_ERR_INTERNAL_ERROR),
        ([_cpu("Haswell", features=["bogus"])], libvirt.VIR_ERR_INTERNAL_ERROR),
        (["<cpu><model>Haswell</model></cpu>"], libvirt.VIR_ERR_XML_ERROR),
        (["<cpu"], libvirt.VIR_ERR_XML_DETAIL),
        ([], libvirt.VIR_ERR_INVALID_ARG),
    ]
    for xmls, code in cases:
        with pytest.raises(libvirt.libvirtError) as e:
            conn.baselineCPU(xmls)
        assert e.value.get_error_code() == code, xmls
        assert e.value.get_error_domain() == libvirt.VIR_FROM_CPU
