"""A libvirt-python script over the domain API beyond the lifecycle, first
half (virDomain[A-K]...), written for libvirt.

The differential test runs it under Debian's python3-libvirt and under
virtkit and requires the same output line for line.  Counters that libvirt's
test driver derives from the clock (block and interface statistics, vCPU
times) are printed by shape only; errors are printed by code.
"""
import os
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
        print(f"{label}: error {e.get_error_code()}")
        return None


def shape(label, fn, *args):
    """Print only the type and length of what FN returns."""
    try:
        ret = fn(*args)
        print(f"{label}: {type(ret).__name__} {len(ret)} {[type(x).__name__ for x in ret]}")
    except libvirt.libvirtError as e:
        print(f"{label}: error {e.get_error_code()}")


uri = sys.argv[1] if len(sys.argv) > 1 else "test:///default"
conn = libvirt.open(uri)
dom = conn.lookupByName("test")

OFF_XML = """<domain type='test'>
  <name>more-off</name>
  <title>A title</title>
  <description>Some words</description>
  <metadata>
    <app1:foo xmlns:app1="http://app1.example/" app1:attr="1" plain="2"><app1:bar>text</app1:bar><baz/></app1:foo>
    <app2:other xmlns:app2="http://app2.example/"/>
  </metadata>
  <memory>1048576</memory>
  <vcpu cpuset='1-3'>4</vcpu>
  <iothreads>2</iothreads>
  <os><type>hvm</type></os>
  <blkiotune>
    <weight>300</weight>
    <device><path>/dev/sda</path><weight>500</weight><read_bytes_sec>10</read_bytes_sec></device>
  </blkiotune>
  <memtune><hard_limit>100000</hard_limit></memtune>
  <numatune><memory mode='interleave' nodeset='0-1'/></numatune>
  <devices>
    <disk type='file' device='cdrom'><source file='/c.iso'/><target dev='hdc' bus='ide'/></disk>
    <disk type='file' device='disk'><source file='/x.img'/><target dev='sda' bus='scsi'/></disk>
    <interface type='user'><mac address='52:54:00:11:22:33'/></interface>
    <interface type='network'><mac address='52:54:00:11:22:34'/><source network='default'/></interface>
  </devices>
</domain>"""
off = conn.defineXML(OFF_XML)

print("-- guest agent")
for d in (dom, off):
    n = d.name()
    attempt(f"{n} hostname", d.hostname)
    attempt(f"{n} hostname flags", d.hostname, libvirt.VIR_DOMAIN_GET_HOSTNAME_LEASE)
    attempt(f"{n} getTime", d.getTime)
    attempt(f"{n} getTime flags", d.getTime, 1)
    attempt(f"{n} fsInfo", d.fsInfo)
    attempt(f"{n} fsInfo flags", d.fsInfo, 1)
    attempt(f"{n} fsFreeze", d.fsFreeze)
    attempt(f"{n} fsFreeze again", d.fsFreeze)
    attempt(f"{n} fsThaw /", d.fsThaw, ["/"])
    attempt(f"{n} fsFreeze / /", d.fsFreeze, ["/", "/"])
    attempt(f"{n} fsFreeze /nope", d.fsFreeze, ["/nope"])
    attempt(f"{n} fsThaw /nope", d.fsThaw, ["/nope"])
    attempt(f"{n} fsThaw", d.fsThaw)
    attempt(f"{n} fsThaw again", d.fsThaw)
    attempt(f"{n} fsFreeze flags", d.fsFreeze, None, 1)
    attempt(f"{n} fSTrim", d.fSTrim, None, 0)
    attempt(f"{n} fSTrim /boot", d.fSTrim, "/boot", 4096)
    attempt(f"{n} fSTrim /nope", d.fSTrim, "/nope", 0)
    attempt(f"{n} fSTrim flags", d.fSTrim, None, 0, 1)
    for src in range(4):
        attempt(f"{n} interfaceAddresses {src}", d.interfaceAddresses, src)
    attempt(f"{n} interfaceAddresses flags", d.interfaceAddresses, 0, 1)
    attempt(f"{n} guestVcpus", d.guestVcpus)
    attempt(f"{n} guestInfo", d.guestInfo)
    attempt(f"{n} authorizedSSHKeysGet", d.authorizedSSHKeysGet, "root")
    attempt(f"{n} authorizedSSHKeysSet", d.authorizedSSHKeysSet, "root", ["ssh-rsa AAA"])
    attempt(f"{n} agentSetResponseTimeout", d.agentSetResponseTimeout, 5)

print("-- statistics")
for d in (dom, off):
    n = d.name()
    for path in ("vda", "/guest/diskimage1", "sda", "/x.img", "nope", ""):
        shape(f"{n} blockStats {path!r}", d.blockStats, path)
        attempt(f"{n} blockInfo {path!r}", d.blockInfo, path)
    attempt(f"{n} blockInfo flags", d.blockInfo, "vda", 1)
    attempt(f"{n} blockStatsFlags", d.blockStatsFlags, "vda")
    for dev in ("testnet0", "aa:bb:cc:dd:ee:ff", "52:54:00:11:22:33", "nope"):
        shape(f"{n} interfaceStats {dev}", d.interfaceStats, dev)
    attempt(f"{n} controlInfo", d.controlInfo)
    attempt(f"{n} controlInfo flags", d.controlInfo, 1)
    attempt(f"{n} diskErrors", d.diskErrors)
    attempt(f"{n} getCPUStats total", d.getCPUStats, True)
    attempt(f"{n} getCPUStats flags", d.getCPUStats, True, 1)
    attempt(f"{n} securityLabel", d.securityLabel)
    attempt(f"{n} securityLabelList", d.securityLabelList)
    attempt(f"{n} injectNMI", d.injectNMI)
    attempt(f"{n} injectNMI flags", d.injectNMI, 1)
    attempt(f"{n} messages", d.messages)
    attempt(f"{n} messages tainting", d.messages, libvirt.VIR_DOMAIN_MESSAGE_TAINTING)
    attempt(f"{n} jobInfo", d.jobInfo)
    attempt(f"{n} jobStats", d.jobStats)
    attempt(f"{n} abortJob", d.abortJob)
    attempt(f"{n} abortJobFlags", d.abortJobFlags)

print("-- tuning parameters")
for d in (dom, off):
    n = d.name()
    for flags in (0, libvirt.VIR_DOMAIN_AFFECT_LIVE, libvirt.VIR_DOMAIN_AFFECT_CONFIG,
                  libvirt.VIR_DOMAIN_AFFECT_LIVE | libvirt.VIR_DOMAIN_AFFECT_CONFIG):
        attempt(f"{n} blkioParameters {flags}", d.blkioParameters, flags)
        attempt(f"{n} memoryParameters {flags}", d.memoryParameters, flags)
        attempt(f"{n} numaParameters {flags}", d.numaParameters, flags)
        attempt(f"{n} perfEvents {flags}", d.perfEvents, flags)
        attempt(f"{n} blockIoTune vda {flags}", d.blockIoTune, "vda", flags)
        attempt(f"{n} blockIoTune sda {flags}", d.blockIoTune, "sda", flags)
        attempt(f"{n} interfaceParameters {flags}", d.interfaceParameters, "52:54:00:11:22:33", flags)
        attempt(f"{n} interfaceParameters testnet0 {flags}", d.interfaceParameters, "testnet0", flags)
    attempt(f"{n} launchSecurityInfo", d.launchSecurityInfo)

print("-- pinning and IOThreads")
for d in (dom, off):
    n = d.name()
    attempt(f"{n} vcpuPinInfo", d.vcpuPinInfo)
    attempt(f"{n} vcpuPinInfo config", d.vcpuPinInfo, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    attempt(f"{n} vcpuPinInfo live", d.vcpuPinInfo, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    attempt(f"{n} emulatorPinInfo", d.emulatorPinInfo)
    attempt(f"{n} emulatorPinInfo live", d.emulatorPinInfo, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    try:
        info, maps = d.vcpus()
        print(f"{n} vcpus: {[(i[0], i[1], i[3]) for i in info]} {maps}")
    except libvirt.libvirtError as e:
        print(f"{n} vcpus: error {e.get_error_code()}")
    attempt(f"{n} ioThreadInfo", d.ioThreadInfo)
    attempt(f"{n} addIOThread 0", d.addIOThread, 0)
    attempt(f"{n} addIOThread 5", d.addIOThread, 5)
    attempt(f"{n} addIOThread 5 again", d.addIOThread, 5)
    attempt(f"{n} addIOThread 6 config", d.addIOThread, 6, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    attempt(f"{n} addIOThread 7 live", d.addIOThread, 7, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    attempt(f"{n} delIOThread 0", d.delIOThread, 0)
    attempt(f"{n} delIOThread 9", d.delIOThread, 9)
    attempt(f"{n} delIOThread 5", d.delIOThread, 5)
    attempt(f"{n} ioThreadInfo", d.ioThreadInfo)
    attempt(f"{n} ioThreadInfo config", d.ioThreadInfo, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    for flags in (0, libvirt.VIR_DOMAIN_XML_INACTIVE):
        print(f"{n} xml {flags}:", [ln.strip() for ln in d.XMLDesc(flags).splitlines() if "iothread" in ln])

print("-- metadata")
for d in (dom, off):
    n = d.name()
    for t in range(4):
        for u in (None, "http://app1.example/", "http://app2.example/", "http://none/"):
            attempt(f"{n} metadata {t} {u}", d.metadata, t, u)
    attempt(f"{n} metadata live", d.metadata, 1, None, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    attempt(f"{n} metadata both", d.metadata, 1, None, 3)

print("-- unsupported by the test driver")
for label, fn, args in [
    ("attachDevice", dom.attachDevice, ("<disk/>",)),
    ("attachDeviceFlags", dom.attachDeviceFlags, ("<disk/>", 0)),
    ("detachDevice", dom.detachDevice, ("<disk/>",)),
    ("detachDeviceFlags", dom.detachDeviceFlags, ("<disk/>", 0)),
    ("detachDeviceAlias", dom.detachDeviceAlias, ("ua-x", 0)),
    ("backupBegin", dom.backupBegin, ("<domainbackup/>", None, 0)),
    ("backupGetXMLDesc", dom.backupGetXMLDesc, (0,)),
    ("blockCommit", dom.blockCommit, ("vda", None, None, 0, 0)),
    ("blockCopy", dom.blockCopy, ("vda", "<disk/>", None, 0)),
    ("blockJobAbort", dom.blockJobAbort, ("vda", 0)),
    ("blockJobSetSpeed", dom.blockJobSetSpeed, ("vda", 1, 0)),
    ("blockJobInfo", dom.blockJobInfo, ("vda", 0)),
    ("blockPeek", dom.blockPeek, ("vda", 0, 16, 0)),
    ("blockPull", dom.blockPull, ("vda", 0, 0)),
    ("blockRebase", dom.blockRebase, ("vda", None, 0, 0)),
    ("blockResize", dom.blockResize, ("vda", 1024, 0)),
    ("FDAssociate", dom.FDAssociate, ("fds", [0], 0)),
]:
    attempt(label, fn, *args)

print("-- core dumps and starting with files")
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "core")
    attempt("coreDump inactive", off.coreDump, path)
    attempt("coreDump bad dir", dom.coreDump, os.path.join(tmp, "no", "core"))
    attempt("coreDump", dom.coreDump, path)
    with open(path, "rb") as f:
        print("dump file", f.read(), oct(os.stat(path).st_mode & 0o777))
    attempt("coreDump live", dom.coreDump, path, libvirt.VIR_DUMP_LIVE)
    attempt("coreDump crash+live", dom.coreDump, path, libvirt.VIR_DUMP_CRASH | libvirt.VIR_DUMP_LIVE)
    attempt("coreDump live+reset", dom.coreDump, path, libvirt.VIR_DUMP_LIVE | libvirt.VIR_DUMP_RESET)
    attempt("coreDumpWithFormat kdump", dom.coreDumpWithFormat, path, 1)
    attempt("coreDumpWithFormat 9", dom.coreDumpWithFormat, path, 9)
    attempt("coreDump crash", dom.coreDump, path, libvirt.VIR_DUMP_CRASH)
    print("after crash", dom.state(), dom.isActive())
    attempt("createWithFiles", dom.createWithFiles, [])
    print("after createWithFiles", dom.state(), dom.isActive())
    attempt("createWithFiles running", dom.createWithFiles, [])
    tr = attempt("createXMLWithFiles", lambda: conn.createXMLWithFiles(
        "<domain type='test'><name>more-tr</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", [], 0).name())
    lx = attempt("createLinux", lambda: conn.createLinux(
        "<domain type='test'><name>more-lx</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", 0).name())
    attempt("coreDump transient crash", conn.lookupByName("more-lx").coreDump, path, libvirt.VIR_DUMP_CRASH)
    print("domains", sorted(conn.listDefinedDomains()), len(conn.listDomainsID()))

print("-- read-only connection")
ro = libvirt.openReadOnly(uri)
rodom = ro.lookupByName("test")
for label, fn, args in [
    ("hostname", rodom.hostname, ()),
    ("getTime", rodom.getTime, ()),
    ("fsInfo", rodom.fsInfo, ()),
    ("fsFreeze", rodom.fsFreeze, ()),
    ("addIOThread", rodom.addIOThread, (3,)),
    ("ioThreadInfo", rodom.ioThreadInfo, ()),
    ("interfaceAddresses lease", rodom.interfaceAddresses, (0,)),
    ("interfaceAddresses agent", rodom.interfaceAddresses, (1,)),
    ("memoryParameters", rodom.memoryParameters, ()),
    ("blockInfo", rodom.blockInfo, ("vda",)),
    ("injectNMI", rodom.injectNMI, ()),
    ("launchSecurityInfo", rodom.launchSecurityInfo, ()),
    ("coreDump", rodom.coreDump, ("/nonexistent/core",)),
    ("metadata", rodom.metadata, (0, None)),
]:
    attempt(f"ro {label}", fn, *args)
