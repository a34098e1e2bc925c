# virConnectBaselineCPU on libvirt's test driver: every x86 model alone
# and expanded, models with their vendors, CPUs of one vendor and of
# several generations, ppc64 and ARM, and the errors of bad descriptions.
# (libvirt also weighs its models' CPUID signatures; the CPU pairs here
# are ones where that does not change the answer.)
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
EXPAND = libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES


def baseline(label, xmls, flags=0):
    try:
        print(label, " ".join(conn.baselineCPU(xmls, flags).split()))
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


def cpu(model, vendor=None, features=(), arch="x86_64"):
    return "<cpu><arch>%s</arch><model>%s</model>%s%s</cpu>" % (
        arch, model, "<vendor>%s</vendor>" % vendor if vendor else "",
        "".join("<feature name='%s'/>" % f for f in features))


for model in conn.getCPUModelNames("x86_64"):
    baseline(model, [cpu(model)])
    baseline(model + " expanded", [cpu(model)], EXPAND)
    for vendor in ("Intel", "AMD", "Hygon"):
        baseline("%s %s twice" % (model, vendor), [cpu(model, vendor)] * 2)

pairs = [
    ("same", [cpu("Haswell", "Intel"), cpu("Haswell", "Intel")]),
    ("older-newer", [cpu("Haswell", "Intel"), cpu("Broadwell", "Intel")]),
    ("features", [cpu("Haswell", "Intel", ["vmx"]), cpu("SandyBridge", "Intel", ["vmx", "aes"])]),
    ("no-vendor", [cpu("Haswell"), cpu("Broadwell")]),
    ("one-vendor", [cpu("Haswell"), cpu("Broadwell", "Intel")]),
    ("other-vendor", [cpu("Haswell", "Intel"), cpu("Broadwell")]),
    ("amd", [cpu("Opteron_G3", "AMD"), cpu("Opteron_G4", "AMD")]),
    ("486", [cpu("486"), cpu("Haswell")]),
    ("qemu64", [cpu("qemu64"), cpu("Haswell")]),
    ("nehalem-westmere", [cpu("Nehalem", "Intel", ["aes", "vmx"]), cpu("Westmere", "Intel", ["vmx"])]),
    ("g1-conroe", [cpu("Opteron_G1"), cpu("Conroe")]),
    ("conroe-g1", [cpu("Conroe"), cpu("Opteron_G1")]),
    ("conroe-athlon", [cpu("Conroe"), cpu("athlon")]),
    ("epyc-dhyana", [cpu("EPYC"), cpu("Dhyana")]),
    ("three", [cpu("Skylake-Client-IBRS", "Intel", ["vmx"]), cpu("Cascadelake-Server", "Intel"),
               cpu("Icelake-Server", "Intel", ["vmx", "pdpe1gb"])]),
    ("hsw-dhyana", [cpu("Haswell"), cpu("Dhyana")]),
    ("i686", [cpu("Haswell", arch="i686"), cpu("SandyBridge")]),
    ("host-only features", [cpu("Skylake-Server-IBRS", "Intel", ["osxsave", "ospke", "cmt", "mbm_total"]),
                            cpu("Skylake-Server-IBRS", "Intel", ["osxsave", "cmt", "mbm_local", "pconfig"])]),
    ("second-arch", [cpu("Haswell"), cpu("Haswell", arch="ppc64")]),
]
for label, xmls in pairs:
    baseline(label, xmls)
    baseline(label + " expanded", xmls, EXPAND)

more = [
    ("unknown-model", [cpu("Bogus")]),
    ("unknown-feature", [cpu("Haswell", "Intel", ["bogus"])]),
    ("unknown-vendor", [cpu("Haswell", "Foo")]),
    ("unknown-vendor-second", [cpu("Haswell", "Intel"), cpu("Haswell", "Foo")]),
    ("vendors-differ", [cpu("Haswell", "Intel"), cpu("Opteron_G1", "AMD")]),
    ("model-vendor-differs", [cpu("Haswell", "Intel"), cpu("Opteron_G3")]),
    ("no-cpus", []),
    ("not-xml", ["garbage"]),
    ("empty", [""]),
    ("not-cpu", ["<foo/>"]),
    ("no-arch", ["<cpu><model>Haswell</model></cpu>"]),
    ("no-model", ["<cpu><arch>x86_64</arch></cpu>"]),
    ("empty-model", [cpu("")]),
    ("unknown-arch", [cpu("x", arch="foo")]),
    ("mode", ["<cpu mode='host-model'><arch>x86_64</arch><model>Haswell</model></cpu>"]),
    ("feature-no-name", ["<cpu><arch>x86_64</arch><model>486</model><feature/></cpu>"]),
    ("feature-twice", [cpu("486", features=["vmx", "vmx"])]),
    ("topology-zero", ["<cpu><arch>x86_64</arch><model>Haswell</model>"
                       "<topology sockets='0' cores='2' threads='1'/></cpu>"]),
    ("ppc-same", [cpu("POWER8", arch="ppc64"), cpu("POWER8", arch="ppc64")]),
    ("ppc-differ", [cpu("POWER8", arch="ppc64"), cpu("POWER9", arch="ppc64")]),
    ("ppc-unknown", [cpu("POWER99", arch="ppc64")]),
    ("ppc-vendor", [cpu("POWER8", "IBM", arch="ppc64")]),
    ("ppc-bad-vendor", [cpu("POWER8", "Intel", arch="ppc64")]),
    ("ppc64le-features", [cpu("POWER9", features=["x"], arch="ppc64le")], ),
    ("arm", [cpu("cortex-a57", arch="aarch64"), cpu("cortex-a53", arch="aarch64")]),
    ("armv7", [cpu("cortex-a15", "ARM", ["x"], arch="armv7l")]),
    ("s390", [cpu("z13", arch="s390x")]),
    ("mips", [cpu("x", arch="mips")]),
]
for label, xmls in more:
    baseline(label, xmls)
    baseline(label + " expanded", xmls, EXPAND)

# MIGRATABLE is not for the test driver; unknown flags are refused
for flags in (libvirt.VIR_CONNECT_BASELINE_CPU_MIGRATABLE, 4):
    try:
        conn.baselineCPU([cpu("Haswell")], flags)
    except libvirt.libvirtError as e:
        print("flags", flags, "error", e.get_error_code())

# the functions libvirt's test driver leaves out
for call in (lambda: conn.compareCPU(cpu("Haswell")),
             lambda: conn.compareHypervisorCPU(None, None, None, None, cpu("Haswell")),
             lambda: conn.baselineHypervisorCPU(None, None, None, None, [cpu("Haswell")])):
    try:
        call()
    except libvirt.libvirtError as e:
        print("unsupported", e.get_error_code(), e.get_error_domain())
