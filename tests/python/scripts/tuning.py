"""A libvirt-python script over the tuning calls of the domain API: vCPU,
emulator and I/O thread pinning, the typed-parameter setters (block I/O,
memory, NUMA, interface bandwidth, disk throttling, I/O thread polling,
perf events), save image XML and screenshots -- written for libvirt.

The differential test runs it under Debian's python3-libvirt and under
virtkit and requires the same output line for line.  Each change is shown
through its getter and through the part of virDomainGetXMLDesc it edits;
errors are printed by code and domain.  The screenshot's bytes are libvirt's
own picture, so only its format is printed.
"""
import os
import struct
import sys
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def attempt(label, fn, *args):
    try:
        ret = fn(*args)
        print(f"{label}: {ret!r}")
        return ret
    except libvirt.libvirtError as e:
        print(f"{label}: error {e.get_error_code()} {e.get_error_domain()}")
    except (TypeError, LookupError, OverflowError, ValueError) as e:
        print(f"{label}: {type(e).__name__}")
    return None


def section(dom, tag, flags=0, end=None):
    """The <TAG>...</END or TAG> part of DOM's XML (or 'no TAG')."""
    xml = dom.XMLDesc(flags)
    end = end or tag
    s = xml.find("<" + tag)
    e = xml.find("</" + end + ">")
    if s < 0 or e < 0:
        return f"no {tag}"
    return xml[s:e + len(end) + 3]


def show(label, dom, tag, flags=0, end=None):
    print(f"{label}:")
    print(section(dom, tag, flags, end))


conn = libvirt.open("test:///default")
dom = conn.lookupByName("test")

# ---- vCPU pinning ----
print("cpumap", conn.getCPUMap())
for fl in (0, 1, 2, 3):
    attempt(f"pinVcpuFlags {fl}", dom.pinVcpuFlags, 0, (False, True), fl)
attempt("pinVcpu 1", dom.pinVcpu, 1, (True,))
attempt("pinVcpu absent", dom.pinVcpu, 5, (True,))
attempt("pinVcpu huge", dom.pinVcpu, 70000, (True,))
attempt("pinVcpu wide", dom.pinVcpu, 1, (True,) * 20)
attempt("pinVcpu list", dom.pinVcpu, 0, [True, False, True])
attempt("pinVcpu bad type", dom.pinVcpu, 0, 5)
attempt("vcpuPinInfo live", dom.vcpuPinInfo, 0)
attempt("vcpuPinInfo config", dom.vcpuPinInfo, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
print("vcpus maps", dom.vcpus()[1])
show("cputune live", dom, "cputune")
attempt("pinVcpu none", dom.pinVcpu, 1, (False,))
show("cputune empty pin", dom, "cputune")
attempt("vcpuPinInfo", dom.vcpuPinInfo, 0)

# ---- emulator and I/O thread pinning ----
for fl in (0, 1, 2, 3):
    attempt(f"pinEmulator {fl}", dom.pinEmulator, (True, False, True), fl)
attempt("pinEmulator empty", dom.pinEmulator, (False,), 0)
attempt("emulatorPinInfo", dom.emulatorPinInfo, 0)
attempt("emulatorPinInfo config", dom.emulatorPinInfo, 2)
attempt("addIOThread live", dom.addIOThread, 3, 0)
attempt("addIOThread config", dom.addIOThread, 3, 2)
for fl in (0, 1, 2, 3):
    attempt(f"pinIOThread {fl}", dom.pinIOThread, 3, (False, False, True), fl)
attempt("pinIOThread empty", dom.pinIOThread, 3, (False,), 0)
attempt("pinIOThread absent", dom.pinIOThread, 9, (True,), 0)
attempt("pinIOThread absent empty", dom.pinIOThread, 9, (False,), 0)
attempt("ioThreadInfo", dom.ioThreadInfo, 0)
attempt("ioThreadInfo config", dom.ioThreadInfo, 2)
show("vcpu..os live", dom, "vcpu", 0, "cputune")
show("vcpu..os config", dom, "vcpu", 2, "cputune")

# ---- I/O thread polling ----
attempt("setIOThreadParams", dom.setIOThreadParams, 3,
        {"poll_max_ns": 10, "poll_grow": 2, "poll_shrink": 3}, 0)
attempt("setIOThreadParams pool", dom.setIOThreadParams, 3, {"thread_pool_max": 4}, 0)
attempt("setIOThreadParams unknown", dom.setIOThreadParams, 3, {"foo": 1}, 0)
attempt("setIOThreadParams too big", dom.setIOThreadParams, 3, {"poll_grow": 2 ** 40}, 0)
attempt("setIOThreadParams id 0", dom.setIOThreadParams, 0, {"foo": 1}, 0)
attempt("setIOThreadParams absent", dom.setIOThreadParams, 5, {"poll_max_ns": 1}, 0)
attempt("setIOThreadParams config", dom.setIOThreadParams, 3, {"poll_max_ns": 1}, 2)

# ---- block I/O ----
attempt("setBlkio", dom.setBlkioParameters,
        {"weight": 500, "device_weight": "/dev/sda,100,/dev/sdb,0",
         "device_read_iops_sec": "/dev/sda,5"}, 0)
attempt("blkio", dom.blkioParameters, 0)
attempt("setBlkio merge", dom.setBlkioParameters,
        {"device_weight": "/dev/sda,0,/dev/sdc,7",
         "device_write_bytes_sec": "/dev/sdc,99999999999"}, 0)
attempt("blkio", dom.blkioParameters, 0)
show("blkiotune", dom, "blkiotune")
for label, value in (("no value", "/dev/sda"), ("not a number", "/dev/sda,x"),
                     ("odd", "/dev/sda,1,/dev/sdb"), ("trailing", "/dev/sda,1x"),
                     ("negative", "/dev/sda,-1")):
    attempt(f"setBlkio {label}", dom.setBlkioParameters, {"device_weight": value}, 0)
attempt("setBlkio iops overflow", dom.setBlkioParameters,
        {"device_read_iops_sec": "/dev/sda,99999999999"}, 0)
attempt("setBlkio unknown", dom.setBlkioParameters, {"foo": 1}, 0)
attempt("setBlkio both", dom.setBlkioParameters, {"weight": 1}, 3)
attempt("setBlkio config", dom.setBlkioParameters, {"weight": 300}, 2)
attempt("blkio config", dom.blkioParameters, 2)
attempt("setBlkio weight 0", dom.setBlkioParameters, {"weight": 0}, 0)
attempt("setBlkio empty string", dom.setBlkioParameters, {"device_weight": ""}, 0)
attempt("setBlkio partial", dom.setBlkioParameters, {"weight": 77, "device_weight": "bad"}, 0)
show("blkiotune after", dom, "blkiotune")

# ---- memory ----
attempt("setMemory", dom.setMemoryParameters, {"hard_limit": 1000000, "soft_limit": 500}, 0)
attempt("memory", dom.memoryParameters, 0)
show("memtune", dom, "memtune")
attempt("setMemory swap below hard", dom.setMemoryParameters, {"swap_hard_limit": 100}, 0)
attempt("setMemory swap", dom.setMemoryParameters, {"swap_hard_limit": 2000000}, 0)
attempt("setMemory hard unlimited", dom.setMemoryParameters, {"hard_limit": 9007199254740991}, 0)
attempt("setMemory soft 0", dom.setMemoryParameters, {"soft_limit": 0}, 0)
show("memtune", dom, "memtune")
attempt("memory", dom.memoryParameters, 0)
attempt("setMemory config", dom.setMemoryParameters, {"hard_limit": 100}, 2)
show("memtune config", dom, "memtune", 2)
attempt("setMemory config swap", dom.setMemoryParameters, {"swap_hard_limit": 50}, 2)
attempt("setMemory config swap ok", dom.setMemoryParameters, {"swap_hard_limit": 5000000}, 2)
attempt("setMemory both", dom.setMemoryParameters, {"hard_limit": 1}, 3)

# ---- NUMA ----
attempt("numa", dom.numaParameters, 0)
attempt("setNuma mode only", dom.setNumaParameters, {"numa_mode": 0}, 0)
show("numatune after mode", dom, "numatune")
attempt("setNuma nodeset", dom.setNumaParameters, {"numa_nodeset": "0"}, 0)
show("numatune", dom, "numatune")
attempt("numa", dom.numaParameters, 0)
attempt("setNuma change mode live", dom.setNumaParameters, {"numa_mode": 1}, 0)
attempt("setNuma same mode live", dom.setNumaParameters, {"numa_mode": 0}, 0)
attempt("setNuma bad mode", dom.setNumaParameters, {"numa_mode": 7}, 2)
attempt("setNuma bad nodeset", dom.setNumaParameters, {"numa_nodeset": "x"}, 2)
attempt("setNuma empty nodeset", dom.setNumaParameters, {"numa_nodeset": ""}, 2)
attempt("setNuma cleared nodeset", dom.setNumaParameters, {"numa_nodeset": "0,^0"}, 2)
attempt("setNuma config mode", dom.setNumaParameters, {"numa_mode": 2}, 2)
show("numatune config", dom, "numatune", 2)
attempt("numa config", dom.numaParameters, 2)
attempt("setNuma config both", dom.setNumaParameters,
        {"numa_mode": 2, "numa_nodeset": "1-3,5"}, 2)
show("numatune config", dom, "numatune", 2)
attempt("setNuma config mode again", dom.setNumaParameters, {"numa_mode": 1}, 2)
attempt("numa config", dom.numaParameters, 2)

# ---- interface bandwidth ----
attempt("interface", dom.interfaceParameters, "testnet0", 0)
attempt("setInterface all", dom.setInterfaceParameters, "testnet0",
        {"inbound.average": 100, "inbound.peak": 200, "inbound.burst": 300,
         "inbound.floor": 50, "outbound.average": 10, "outbound.peak": 20,
         "outbound.burst": 30}, 0)
show("interface", dom, "interface")
attempt("interface", dom.interfaceParameters, "testnet0", 0)
attempt("setInterface clear in", dom.setInterfaceParameters, "testnet0", {"inbound.average": 0}, 0)
show("interface", dom, "interface")
attempt("setInterface peak only", dom.setInterfaceParameters, "testnet0", {"inbound.peak": 5}, 0)
attempt("setInterface clear out", dom.setInterfaceParameters, "testnet0",
        {"outbound.average": 0}, 0)
show("interface emptied", dom, "interface")
attempt("interface", dom.interfaceParameters, "testnet0", 0)
attempt("setInterface unknown device", dom.setInterfaceParameters, "nope",
        {"inbound.average": 1}, 0)
attempt("setInterface unknown mac", dom.setInterfaceParameters, "00:11:22:33:44:55",
        {"inbound.average": 1}, 0)
attempt("setInterface by mac config", dom.setInterfaceParameters, "aa:bb:cc:dd:ee:ff",
        {"inbound.average": 1}, 2)
show("interface config", dom, "interface", 2)
attempt("interface config", dom.interfaceParameters, "aa:bb:cc:dd:ee:ff", 2)
attempt("setInterface floor only", dom.setInterfaceParameters, "testnet0",
        {"inbound.floor": 7}, 0)
show("interface floor", dom, "interface")
attempt("setInterface both", dom.setInterfaceParameters, "testnet0", {"inbound.floor": 7}, 3)

# ---- disk throttling ----
names = ["total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec",
         "read_iops_sec", "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max",
         "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max",
         "write_iops_sec_max", "size_iops_sec", "total_bytes_sec_max_length",
         "read_bytes_sec_max_length", "write_bytes_sec_max_length",
         "total_iops_sec_max_length", "read_iops_sec_max_length",
         "write_iops_sec_max_length"]
attempt("setBlockIoTune", dom.setBlockIoTune, "vda",
        {"read_bytes_sec": 10, "read_bytes_sec_max": 20, "write_iops_sec": 3,
         "write_iops_sec_max": 4, "size_iops_sec": 5, "group_name": "grp",
         "read_bytes_sec_max_length": 6, "total_iops_sec_max_length": 7}, 0)
show("disk", dom, "disk")
attempt("blockIoTune", dom.blockIoTune, "vda", 0)
attempt("blockIoTune by path", dom.blockIoTune, "/guest/diskimage1", 0)
attempt("setBlockIoTune no disk", dom.setBlockIoTune, "vdz", {"read_bytes_sec": 1}, 0)
for kind in ("bytes_sec", "iops_sec"):
    attempt(f"setBlockIoTune total+read {kind}", dom.setBlockIoTune, "vda",
            {"total_" + kind: 1, "total_" + kind + "_max": 5}, 0)
    attempt(f"setBlockIoTune total+read {kind}_max", dom.setBlockIoTune, "vda",
            {"total_" + kind + "_max": 1}, 0)
attempt("setBlockIoTune too big", dom.setBlockIoTune, "vda", {"read_bytes_sec": 10 ** 16}, 0)
attempt("setBlockIoTune above max", dom.setBlockIoTune, "vda", {"read_iops_sec": 5}, 0)
attempt("setBlockIoTune unknown", dom.setBlockIoTune, "vda", {"foo": 5}, 0)
attempt("setBlockIoTune all", dom.setBlockIoTune, "vda",
        {n: (i + 1) * 10 for i, n in enumerate(names) if not n.startswith("total")}, 0)
show("disk all", dom, "disk")
attempt("setBlockIoTune clear", dom.setBlockIoTune, "vda", {n: 0 for n in names}, 0)
show("disk cleared", dom, "disk")
attempt("setBlockIoTune empty group", dom.setBlockIoTune, "vda", {"group_name": ""}, 0)
show("disk empty group", dom, "disk")
attempt("setBlockIoTune config", dom.setBlockIoTune, "vda",
        {"total_bytes_sec": 1, "total_bytes_sec_max": 2}, 2)
show("disk config", dom, "disk", 2)
attempt("blockIoTune config", dom.blockIoTune, "vda", 2)
attempt("setBlockIoTune both", dom.setBlockIoTune, "vda", {"total_bytes_sec": 1}, 3)

# ---- perf events ----
attempt("setPerfEvents", dom.setPerfEvents,
        {"cmt": True, "cpu_cycles": False, "emulation_faults": True}, 0)
attempt("perfEvents", dom.perfEvents, 0)
show("perf", dom, "perf")
attempt("setPerfEvents int", dom.setPerfEvents, {"cmt": 0}, 0)
attempt("setPerfEvents unknown", dom.setPerfEvents, {"foo": True}, 0)
attempt("setPerfEvents config", dom.setPerfEvents, {"mbmt": True}, 2)
show("perf config", dom, "perf", 2)
attempt("perfEvents config", dom.perfEvents, 2)
attempt("setPerfEvents both", dom.setPerfEvents, {"mbmt": True}, 3)

# ---- the same calls on an inactive domain ----
dom.destroy()
attempt("pinVcpu inactive", dom.pinVcpu, 0, (True,))
attempt("pinEmulator inactive", dom.pinEmulator, (True,), 0)
attempt("pinEmulator inactive live", dom.pinEmulator, (True,), 1)
attempt("pinIOThread inactive", dom.pinIOThread, 3, (True, True), 0)
attempt("setIOThreadParams inactive", dom.setIOThreadParams, 3, {"poll_max_ns": 1}, 0)
attempt("setIOThreadParams inactive live", dom.setIOThreadParams, 3, {"poll_max_ns": 1}, 1)
attempt("setMemory inactive", dom.setMemoryParameters, {"soft_limit": 64}, 0)
attempt("setNuma inactive", dom.setNumaParameters, {"numa_mode": 1}, 0)
attempt("setPerfEvents inactive live", dom.setPerfEvents, {"cmt": True}, 1)
print(dom.XMLDesc(0))
dom.create()
print(dom.XMLDesc(0))

# ---- save images ----
tmp = tempfile.mkdtemp()
img = os.path.join(tmp, "saved.img")
dom.save(img)
xml = attempt("saveImageGetXMLDesc", conn.saveImageGetXMLDesc, img, 0)
attempt("saveImageGetXMLDesc secure", conn.saveImageGetXMLDesc, img,
        libvirt.VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)
attempt("saveImageDefineXML", conn.saveImageDefineXML, img,
        xml.replace("<on_crash>destroy", "<on_crash>restart"), 0)
attempt("saveImageGetXMLDesc after", conn.saveImageGetXMLDesc, img, 0)
attempt("saveImageDefineXML running", conn.saveImageDefineXML, img, xml,
        libvirt.VIR_DOMAIN_SAVE_RUNNING)
attempt("saveImageDefineXML paused", conn.saveImageDefineXML, img, xml,
        libvirt.VIR_DOMAIN_SAVE_PAUSED)
attempt("saveImageDefineXML bypass", conn.saveImageDefineXML, img, xml,
        libvirt.VIR_DOMAIN_SAVE_BYPASS_CACHE)
attempt("saveImageDefineXML bad xml", conn.saveImageDefineXML, img, "<domain", 0)
attempt("saveImageDefineXML renamed", conn.saveImageDefineXML, img,
        xml.replace("<name>test<", "<name>other<").replace("6695eb01", "6695eb02"), 0)
attempt("saveImageGetXMLDesc renamed", conn.saveImageGetXMLDesc, img, 0)
attempt("restore renamed", conn.restore, img)
attempt("state of renamed", lambda: conn.lookupByName("other").state())
missing = os.path.join(tmp, "missing.img")
attempt("saveImageGetXMLDesc missing", conn.saveImageGetXMLDesc, missing, 0)
attempt("saveImageDefineXML missing", conn.saveImageDefineXML, missing, xml, 0)
junk = os.path.join(tmp, "junk.img")
with open(junk, "w") as f:
    f.write("hello world, this is no save image")
attempt("saveImageGetXMLDesc junk", conn.saveImageGetXMLDesc, junk, 0)
attempt("saveImageDefineXML junk", conn.saveImageDefineXML, junk, xml, 0)
short = os.path.join(tmp, "short.img")
with open(short, "w") as f:
    f.write("hi")
attempt("saveImageGetXMLDesc short", conn.saveImageGetXMLDesc, short, 0)
ro = libvirt.openReadOnly("test:///default")
try:
    ro.saveImageGetXMLDesc(img, 0)
except libvirt.libvirtError as e:
    print("read-only saveImageGetXMLDesc: error", e.get_error_code())
for p in (img, junk, short):
    os.unlink(p)
os.rmdir(tmp)


# ---- screenshots ----
def screenshot(d, screen):
    st = conn.newStream(0)
    mime = d.screenshot(st, screen, 0)
    data = b""
    while True:
        chunk = st.recv(65536)
        if not chunk:
            break
        data += chunk
    st.finish()
    return mime, data[:8] == b"\x89PNG\r\n\x1a\n", data[12:16], struct.unpack(">II5B", data[16:29])


other = conn.lookupByName("other")
attempt("screenshot", screenshot, other, 0)
attempt("screenshot screen 5", screenshot, other, 5)
other.destroy()
attempt("screenshot inactive", screenshot, other, 0)
attempt("screenshot flags", lambda: other.screenshot(conn.newStream(0), 0, 1))
sys.stdout.flush()
