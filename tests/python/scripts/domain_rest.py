"""Domain calls of the domain-rest area on test:///default: statistics,
memory peeks, keys, signals, time, metadata, lifecycle actions, renames,
domain stats records; results and error codes."""
import libvirt

M = libvirt


def t(name, f):
    try:
        r = f()
        print(name, "OK", repr(r))
    except libvirt.libvirtError as e:
        print(name, "ERR %s" % e.get_error_code())
    except Exception as e:
        print(name, "EXC", type(e).__name__)


c = libvirt.open("test:///default")
d = c.lookupByName("test")
xml = d.XMLDesc()
t("memoryStats", lambda: sorted(d.memoryStats().items()))
t("setMemory", lambda: d.setMemory(1000000))
t("memoryStats after setMemory", lambda: sorted(d.memoryStats().items()))
t("memoryPeek virtual", lambda: d.memoryPeek(0, 10, M.VIR_MEMORY_VIRTUAL))
t("memoryPeek physical", lambda: d.memoryPeek(300, 20, M.VIR_MEMORY_PHYSICAL))
t("memoryPeek both", lambda: d.memoryPeek(0, 10, 3))
t("memoryPeek none", lambda: d.memoryPeek(0, 10, 0))
t("memoryPeek empty", lambda: d.memoryPeek(0, 0, 1))
t("sendKey", lambda: d.sendKey(0, 0, [1, 2], 2, 0))
t("sendKey none", lambda: d.sendKey(0, 0, [], 0, 0))
t("sendKey too many", lambda: d.sendKey(0, 0, list(range(1, 18)), 17, 0))
t("sendKey bad keycode", lambda: d.sendKey(0, 0, [100000], 1, 0))
t("sendKey bad codeset", lambda: d.sendKey(99, 0, [1], 1, 0))
t("sendKey flags", lambda: d.sendKey(0, 0, [1], 1, 1))
t("sendKey usb 1", lambda: d.sendKey(M.VIR_KEYCODE_SET_USB, 0, [1], 1, 0))
t("sendKey usb 4", lambda: d.sendKey(M.VIR_KEYCODE_SET_USB, 0, [4], 1, 0))
t("sendKey count mismatch", lambda: d.sendKey(0, 0, [1, 2], 1, 0))
t("sendProcessSignal", lambda: d.sendProcessSignal(1, 9, 0))
t("sendProcessSignal pid 0", lambda: d.sendProcessSignal(0, 9, 0))
t("sendProcessSignal pid 2", lambda: d.sendProcessSignal(2, 9, 0))
t("sendProcessSignal signum", lambda: d.sendProcessSignal(1, 65, 0))
t("sendProcessSignal flags", lambda: d.sendProcessSignal(1, 9, 1))
t("setTime", lambda: d.setTime({"seconds": 5, "nseconds": 3}, 0))
t("setTime sync", lambda: d.setTime({"seconds": 7}, M.VIR_DOMAIN_TIME_SYNC))
t("setTime no seconds", lambda: d.setTime({}, 1))
t("setTime None", lambda: d.setTime(None, 0))
t("setTime flags", lambda: d.setTime({"seconds": 1}, 2))
t("setUserPassword", lambda: d.setUserPassword("root", "x", 0))
t("setUserPassword encrypted", lambda: d.setUserPassword("root", "x", 1))
t("setUserPassword flags", lambda: d.setUserPassword("root", "x", 2))
t("title", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, "T1", None, None, 0))
t("title newline", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, "T\n1", None, None, 0))
t("title key", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, "T", "k", None, 0))
t("description config", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_DESCRIPTION, "D1", None, None,
                                              M.VIR_DOMAIN_AFFECT_CONFIG))
t("element", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_ELEMENT, '<foo a="1"><bar/></foo>', "k", "http://x/", 0))
t("element no key", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_ELEMENT, "<foo/>", None, "http://x/", 0))
t("element no uri", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_ELEMENT, "<foo/>", "k", None, 0))
t("element bad xml", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_ELEMENT, "<foo", "k", "http://x/", 0))
t("metadata bad type", lambda: d.setMetadata(7, "T", None, None, 0))
t("metadata flags", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, "T", None, None, 4))
print(d.XMLDesc(0))
print(d.XMLDesc(M.VIR_DOMAIN_XML_INACTIVE))
t("title remove", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, None, None, None, 0))
t("element remove", lambda: d.setMetadata(M.VIR_DOMAIN_METADATA_ELEMENT, None, "k", "http://x/", 0))
t("lifecycle", lambda: d.setLifecycleAction(M.VIR_DOMAIN_LIFECYCLE_POWEROFF, M.VIR_DOMAIN_LIFECYCLE_ACTION_RESTART, 0))
t("lifecycle crash coredump", lambda: d.setLifecycleAction(M.VIR_DOMAIN_LIFECYCLE_CRASH,
                                                           M.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY, 0))
t("lifecycle poweroff coredump", lambda: d.setLifecycleAction(M.VIR_DOMAIN_LIFECYCLE_POWEROFF,
                                                              M.VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY, 0))
t("lifecycle bad type", lambda: d.setLifecycleAction(5, 0, 0))
t("lifecycle bad action", lambda: d.setLifecycleAction(0, 9, 0))
t("lifecycle config", lambda: d.setLifecycleAction(1, 2, M.VIR_DOMAIN_AFFECT_CONFIG))
t("period", lambda: d.setMemoryStatsPeriod(10, 0))
t("period negative", lambda: d.setMemoryStatsPeriod(-1, 0))
t("period config", lambda: d.setMemoryStatsPeriod(7, M.VIR_DOMAIN_AFFECT_CONFIG))
print(d.XMLDesc(0))
print(d.XMLDesc(M.VIR_DOMAIN_XML_INACTIVE))
t("getAllDomainStats", lambda: sorted((x.name(), s) for x, s in c.getAllDomainStats(0, 0)))
t("getAllDomainStats state", lambda: sorted((x.name(), s) for x, s in c.getAllDomainStats(M.VIR_DOMAIN_STATS_STATE, 0)))
t("getAllDomainStats cpu", lambda: sorted((x.name(), s) for x, s in c.getAllDomainStats(M.VIR_DOMAIN_STATS_CPU_TOTAL, 0)))
t("getAllDomainStats enforce", lambda: c.getAllDomainStats(M.VIR_DOMAIN_STATS_CPU_TOTAL,
                                                           M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS))
i = c.defineXML(xml.replace("<name>test<", "<name>inact<").replace("6695eb01", "6695eb02"))
for fl in (M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE, M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE,
           M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF, M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT):
    t("getAllDomainStats filter %d" % fl, lambda: sorted((x.name(), s) for x, s in c.getAllDomainStats(0, fl)))
t("domainListGetStats", lambda: [(x.name(), s) for x, s in c.domainListGetStats([i, d], 0, 0)])
t("domainListGetStats active", lambda: [(x.name(), s) for x, s in c.domainListGetStats([i], 0,
                                        M.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE)])
t("domainListGetStats not a domain", lambda: c.domainListGetStats([c], 0, 0))
for name, f in (("memoryStats", i.memoryStats), ("memoryPeek", lambda: i.memoryPeek(0, 4, 1)),
                ("sendKey", lambda: i.sendKey(0, 0, [1], 1, 0)),
                ("sendProcessSignal", lambda: i.sendProcessSignal(1, 9, 0)),
                ("setTime", lambda: i.setTime({"seconds": 1}, 0)),
                ("setUserPassword", lambda: i.setUserPassword("a", "b", 0)),
                ("setMetadata live", lambda: i.setMetadata(M.VIR_DOMAIN_METADATA_TITLE, "x", None, None,
                                                           M.VIR_DOMAIN_AFFECT_LIVE)),
                ("setLifecycleAction live", lambda: i.setLifecycleAction(0, 1, M.VIR_DOMAIN_AFFECT_LIVE))):
    t("inactive " + name, f)
t("rename active", lambda: d.rename("foo", 0))
t("rename to itself", lambda: i.rename("inact", 0))
t("rename empty", lambda: i.rename("", 0))
t("rename flags", lambda: i.rename("x", 1))
t("rename taken", lambda: i.rename("test", 0))
t("rename", lambda: i.rename("newname", 0))
t("rename lookup old", lambda: c.lookupByName("inact"))
t("rename lookup new", lambda: c.lookupByName("newname").name())
# not supported by the test driver
for name, f in (("managedSaveDefineXML", lambda: d.managedSaveDefineXML(None, 0)),
                ("managedSaveGetXMLDesc", lambda: d.managedSaveGetXMLDesc(0)),
                ("openConsole", lambda: d.openConsole(None, c.newStream(0), 0)),
                ("openChannel", lambda: d.openChannel(None, c.newStream(0), 0)),
                ("openGraphicsFD", lambda: d.openGraphicsFD(0, 0)),
                ("pMSuspendForDuration", lambda: d.pMSuspendForDuration(0, 0, 0)),
                ("pMWakeup", lambda: d.pMWakeup(0)),
                ("setBlockThreshold", lambda: d.setBlockThreshold("vda", 100, 0)),
                ("setGuestVcpus", lambda: d.setGuestVcpus("0", 1, 0)),
                ("setVcpu", lambda: d.setVcpu("0", 1, 0)),
                ("startDirtyRateCalc", lambda: d.startDirtyRateCalc(1, 0)),
                ("updateDeviceFlags", lambda: d.updateDeviceFlags("<disk/>", 0)),
                ("saveParams", lambda: d.saveParams({"file": "/nonexistent"}, 0)),
                ("restoreParams", lambda: c.restoreParams({"file": "/nonexistent"}, 0))):
    t(name, f)
