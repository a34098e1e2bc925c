"""Host-wide calls of the domain-rest area: node CPU and memory figures,
CPU models, sysinfo, security model, close callbacks; results and error
codes."""
import libvirt


def err(e):
    return "ERR %s" % e.get_error_code()


def t(name, f):
    try:
        r = f()
        print(name, "OK", repr(r))
    except libvirt.libvirtError as e:
        print(name, err(e))
    except Exception as e:
        print(name, "EXC", type(e).__name__)


c = libvirt.open("test:///default")
t("getCPUMap", lambda: c.getCPUMap(0))
t("getCPUMap flags", lambda: c.getCPUMap(1))
for n in (-1, 0, 1, 7, 100, -2):
    t("getCPUStats %d" % n, lambda: sorted(c.getCPUStats(n, 0).items()))
t("getCPUStats flags", lambda: c.getCPUStats(0, 1))
for a, b in ((0, 8), (1, 1), (0, 0), (2, 1), (-1, 1), (0, -1), (1, 5)):
    t("getCellsFreeMemory %d %d" % (a, b), lambda: c.getCellsFreeMemory(a, b))
t("getFreeMemory", c.getFreeMemory)
for args in (([4], 0, 2, 0), ([4, 2048], 0, 1, 0), ([4], 0, 0, 0), ([], 0, 1, 0), ([4], 0, 1, 1)):
    t("getFreePages %r" % (args,), lambda: c.getFreePages(*args))
t("getSecurityModel", c.getSecurityModel)
t("getSysinfo", lambda: c.getSysinfo(0))
t("getSysinfo flags", lambda: c.getSysinfo(1))
for arch in ("x86_64", "i686", "ppc64", "ppc64le", "aarch64", "s390x", "ppc", "sparc", "foo"):
    t("getCPUModelNames %s" % arch, lambda: c.getCPUModelNames(arch, 0))
t("getCPUModelNames flags", lambda: c.getCPUModelNames("x86_64", 1))
t("registerCloseCallback", lambda: c.registerCloseCallback(lambda *a: None, None))
t("registerCloseCallback again", lambda: c.registerCloseCallback(lambda *a: None, 5))
t("unregisterCloseCallback", c.unregisterCloseCallback)
t("unregisterCloseCallback again", c.unregisterCloseCallback)
# not supported by the test driver
t("getMemoryStats", lambda: c.getMemoryStats(-1, 0))
t("getMemoryParameters", lambda: c.getMemoryParameters(0))
t("setMemoryParameters", lambda: c.setMemoryParameters({"shm_pages_to_scan": 5}, 0))
t("setMemoryParameters empty", lambda: c.setMemoryParameters({}, 0))
t("getSEVInfo", lambda: c.getSEVInfo(0))
t("allocPages", lambda: c.allocPages({4: 10}, 0, 1, 0))
t("suspendForDuration", lambda: c.suspendForDuration(0, 0, 0))
t("setIdentity", lambda: c.setIdentity({"user-name": "x"}, 0))
t("setKeepAlive", lambda: c.setKeepAlive(5, 3))
t("compareCPU", lambda: c.compareCPU("<cpu/>", 0))
t("compareHypervisorCPU", lambda: c.compareHypervisorCPU(None, None, None, None, "<cpu/>", 0))
t("baselineHypervisorCPU", lambda: c.baselineHypervisorCPU(None, None, None, None, ["<cpu/>"], 0))
t("domainXMLFromNative", lambda: c.domainXMLFromNative("qemu-argv", "x", 0))
t("domainXMLToNative", lambda: c.domainXMLToNative("qemu-argv", "<domain/>", 0))
t("getDomainCapabilities", lambda: c.getDomainCapabilities(None, None, None, None, 0))

r = libvirt.openReadOnly("test:///default")
for name, f in (("ro allocPages", lambda: r.allocPages({4: 10}, 0, 1, 0)),
                ("ro suspendForDuration", lambda: r.suspendForDuration(0, 0, 0)),
                ("ro getDomainCapabilities", lambda: r.getDomainCapabilities(None, None, None, None, 0)),
                ("ro getSEVInfo", lambda: r.getSEVInfo(0)),
                ("ro getCPUMap", lambda: r.getCPUMap(0)),
                ("ro getSysinfo", lambda: r.getSysinfo(0)),
                ("ro setKeepAlive", lambda: r.setKeepAlive(5, 3))):
    t(name, f)
