"""The tuning calls of the test driver: pinning, the typed-parameter
setters and what they leave in the domain definition, save image XML and
screenshots.  tests/python/scripts/tuning.py compares the same calls with
libvirt's own test driver; these tests pin down the shapes and the state
changes on domains of their own."""
import os
import struct
import zlib

import libvirt
import pytest


@pytest.fixture
def running(newdom):
    """A running persistent domain with one disk, one interface and an
    I/O thread."""
    d = newdom("pytest-tuning")
    xml = d.XMLDesc(0).replace(
        "</devices>",
        "<disk type='file' device='disk'><source file='/tmp/pytest-tuning.img'/>"
        "<target dev='vda' bus='virtio'/></disk>"
        "<interface type='network'><mac address='52:54:00:aa:bb:01'/>"
        "<source network='default'/><target dev='tun7'/></interface></devices>")
    d = d.connect().defineXML(xml)
    d.addIOThread(4, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    d.create()
    return d


def code(excinfo):
    return excinfo.value.get_error_code()


def test_pin_vcpu_shows_everywhere(running):
    assert running.pinVcpu(1, (False, True, True)) == 0
    assert running.vcpuPinInfo(0)[1][:4] == (False, True, True, False)
    assert "<vcpupin vcpu='1' cpuset='1-2'/>" in running.XMLDesc(0)
    # only the running definition changes
    assert "vcpupin" not in running.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    with pytest.raises(libvirt.libvirtError) as e:
        running.pinVcpuFlags(0, (True,), libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        running.pinVcpu(2, (True,))
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(TypeError):
        running.pinVcpu(0, [True])


def test_pin_emulator_and_iothread(running):
    cfg = libvirt.VIR_DOMAIN_AFFECT_CONFIG
    assert running.pinEmulator((True, False, True), cfg) == 0
    assert running.emulatorPinInfo(cfg)[:3] == (True, False, True)
    assert "<emulatorpin cpuset='0,2'/>" in running.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    assert running.pinIOThread(4, (False, True), cfg) == 0
    assert running.ioThreadInfo(cfg)[0][1][:2] == [False, True]
    inactive = running.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    assert "<iothreadpin iothread='4' cpuset='1'/>" in inactive
    assert "<iothread id='4'/>" in inactive
    for call in (lambda: running.pinEmulator((False,), 0),
                 lambda: running.pinIOThread(4, (False,), 0),
                 lambda: running.pinIOThread(99, (True,), 0)):
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_blkio_memory_numa(running):
    assert running.setBlkioParameters({"weight": 321, "device_read_bytes_sec": "/dev/sdz,1000"}, 0) == 0
    params = running.blkioParameters(0)
    assert params["weight"] == 321 and params["device_read_bytes_sec"] == "/dev/sdz,1000"
    with pytest.raises(libvirt.libvirtError) as e:
        running.setBlkioParameters({"device_weight": "/dev/sdz"}, 0)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG

    assert running.setMemoryParameters({"hard_limit": 4096, "swap_hard_limit": 8192}, 0) == 0
    assert running.memoryParameters(0)["hard_limit"] == 4096
    assert "<swap_hard_limit unit='KiB'>8192</swap_hard_limit>" in running.XMLDesc(0)
    with pytest.raises(libvirt.libvirtError) as e:
        running.setMemoryParameters({"hard_limit": 9000}, 0)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG

    assert running.setNumaParameters({"numa_nodeset": "0-1"}, 0) == 0
    assert running.numaParameters(0) == {"numa_mode": 0, "numa_nodeset": "0-1"}
    with pytest.raises(libvirt.libvirtError) as e:
        running.setNumaParameters({"numa_mode": libvirt.VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE}, 0)
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID


def test_interface_bandwidth(running):
    assert running.setInterfaceParameters("tun7", {"inbound.average": 100, "inbound.burst": 5,
                                                   "outbound.average": 9}, 0) == 0
    got = running.interfaceParameters("52:54:00:aa:bb:01", 0)
    assert got["inbound.average"] == 100 and got["inbound.burst"] == 5
    assert got["outbound.average"] == 9 and got["inbound.peak"] == 0
    xml = running.XMLDesc(0)
    assert "<inbound average='100' burst='5'/>" in xml
    assert running.setInterfaceParameters("tun7", {"outbound.average": 0}, 0) == 0
    assert "outbound" not in running.XMLDesc(0)
    with pytest.raises(libvirt.libvirtError) as e:
        running.setInterfaceParameters("nope", {"inbound.average": 1}, 0)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_block_iotune(running):
    assert running.setBlockIoTune("vda", {"total_iops_sec": 50, "total_iops_sec_max": 80,
                                          "group_name": "g1"}, 0) == 0
    got = running.blockIoTune("vda", 0)
    assert list(got)[13] == "group_name" and len(got) == 20
    assert got["total_iops_sec"] == 50 and got["group_name"] == "g1"
    assert "<total_iops_sec_max>80</total_iops_sec_max>" in running.XMLDesc(0)
    for bad, err in (({"read_iops_sec": 1, "read_iops_sec_max": 1}, libvirt.VIR_ERR_INVALID_ARG),
                     ({"total_iops_sec": 90}, libvirt.VIR_ERR_INVALID_ARG),
                     ({"read_bytes_sec": 10 ** 16}, libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED)):
        with pytest.raises(libvirt.libvirtError) as e:
            running.setBlockIoTune("vda", bad, 0)
        assert code(e) == err
    # a failed call changes nothing
    assert running.blockIoTune("vda", 0)["total_iops_sec"] == 50


def test_iothread_params_and_perf(running):
    assert running.setIOThreadParams(4, {"poll_max_ns": 100, "poll_grow": 2}, 0) == 0
    with pytest.raises(OverflowError):
        running.setIOThreadParams(4, {"poll_grow": 2 ** 40}, 0)
    with pytest.raises(libvirt.libvirtError) as e:
        running.setIOThreadParams(4, {"unknown": 1}, 0)
    assert code(e) == libvirt.VIR_ERR_ARGUMENT_UNSUPPORTED

    assert running.setPerfEvents({"cmt": True, "mbml": False}, 0) == 0
    events = running.perfEvents(0)
    assert len(events) == 22 and events["cmt"] is True and events["mbml"] is False
    xml = running.XMLDesc(0)
    assert "<event name='cmt' enabled='yes'/>" in xml
    assert "<event name='mbml' enabled='no'/>" in xml


def test_save_image_xml(running, tmp_path):
    img = str(tmp_path / "img")
    running.save(img)
    xml = running.connect().saveImageGetXMLDesc(img, 0)
    assert "<name>pytest-tuning</name>" in xml and "<domain type='test'>" in xml
    changed = xml.replace("<on_crash>destroy", "<on_crash>restart")
    assert running.connect().saveImageDefineXML(img, changed, 0) == 0
    assert "<on_crash>restart</on_crash>" in running.connect().saveImageGetXMLDesc(img, 0)
    assert os.stat(img).st_mode & 0o777 == 0o600
    running.connect().restore(img)
    assert "<on_crash>restart</on_crash>" in running.XMLDesc(0)
    with pytest.raises(libvirt.libvirtError) as e:
        running.connect().saveImageGetXMLDesc(str(tmp_path / "none"), 0)
    assert code(e) == libvirt.VIR_ERR_SYSTEM_ERROR


def test_screenshot_is_a_png(running):
    st = running.connect().newStream(0)
    assert running.screenshot(st, 0, 0) == "image/png"
    data = b""
    while True:
        chunk = st.recv(1 << 16)
        if not chunk:
            break
        data += chunk
    st.finish()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (width, height, depth, colour) == (1120, 832, 8, 0)
    # every chunk's CRC holds and the pixels inflate to the right size
    pos = 8
    idat = b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert zlib.crc32(kind + body) == crc
        if kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert len(zlib.decompress(idat)) == (1120 + 1) * 832
