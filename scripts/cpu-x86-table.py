#!/usr/bin/python3
"""Write virtkit's x86 CPU model table (core/src/conf/cpu_x86_table.c).

virtkit's CPU models must mean what they mean to libvirt: a domain with
<model>Haswell</model> gets the same features under both, and
virConnectBaselineCPU gives the same answer.  This script observes a
libvirt installation (python3-libvirt, test:///default) through its public
API only and writes the table in virtkit's own form:

  * the feature names libvirt accepts, in the order its results list them
    (CPUID order), found by asking about every CPUID property name the
    installed QEMU knows and a few Linux /proc/cpuinfo names;
  * each model's features (virConnectBaselineCPU with EXPAND_FEATURES),
    written as a difference from the closest earlier model;
  * the features a model lists but baseline treats as absent, whether
    baseline may answer with the model, and the model's vendor.

Run it again when the reference gains models:
    /usr/bin/python3 scripts/cpu-x86-table.py > core/src/conf/cpu_x86_table.c
"""
import json
import re
import subprocess
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")


def cpu(model, extra=""):
    return "<cpu><arch>x86_64</arch><model>%s</model>%s</cpu>" % (model, extra)


def baseline(xmls, flags=0):
    out = conn.baselineCPU(xmls, flags)
    model = re.search(r">([^<]+)</model>", out).group(1)
    feats = re.findall(r"<feature policy='(\w+)' name='([^']+)'/>", out)
    return model, [n for p, n in feats if p == "require"], [n for p, n in feats if p == "disable"]


def model_features(model):
    """All the features of MODEL, the ones baseline disables included."""
    _, req, dis = baseline([cpu(model)], libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES)
    return set(req) | set(dis)


def qemu_feature_names():
    qemu = subprocess.Popen(["qemu-system-x86_64", "-machine", "none", "-nodefaults",
                             "-display", "none", "-qmp", "stdio"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def call(cmd, **args):
        msg = {"execute": cmd}
        if args:
            msg["arguments"] = args
        qemu.stdin.write(json.dumps(msg) + "\n")
        qemu.stdin.flush()
        while True:
            reply = json.loads(qemu.stdout.readline())
            if "event" not in reply:
                return reply

    qemu.stdout.readline()  # the greeting
    call("qmp_capabilities")
    props = call("qom-list-properties", typename="max-x86_64-cpu")["return"]
    qemu.kill()
    return [p["name"] for p in props]


# Names libvirt knows that are no QEMU property (host-only CPUID bits and
# resource monitoring), found by trying the Linux /proc/cpuinfo spellings.
EXTRA_NAMES = ["cmt", "mbm_local", "mbm_total", "ospke", "osxsave", "pconfig"]


def known_features():
    names = set(EXTRA_NAMES)
    for n in qemu_feature_names():
        names.update({n, n.replace("-", "_"), n.replace("_", "-")})
    known = []
    for n in sorted(names):
        try:
            conn.baselineCPU([cpu("486", "<feature name='%s'/>" % n)])
            known.append(n)
        except libvirt.libvirtError:
            pass
    return known


def main():
    known = known_features()
    base = baseline([cpu("486")], libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES)[1]
    _, extra, _ = baseline([cpu("486", "".join("<feature name='%s'/>" % n
                                               for n in known if n not in base))])
    # 486's own three come first in CPUID order (leaf 1, EDX bits 0, 1, 3)
    order = ["fpu", "vme", "de", "pse"] + [n for n in extra if n != "de"]
    assert sorted(order) == sorted(set(known) | set(base)), "feature order incomplete"

    models = conn.getCPUModelNames("x86_64")
    table = []
    for m in models:
        # what baseline sees of a CPU described by the model; only a model
        # baseline may answer with shows its whole definition
        chosen, req, dis = baseline([cpu(m)])
        data = (model_features(chosen) - set(dis)) | set(req)
        feats = model_features(m) if chosen == m else data
        assert data <= feats, m
        vendor = None
        for v in ("Intel", "AMD", "Hygon"):
            try:
                conn.baselineCPU([cpu(m, "<vendor>%s</vendor>" % v)] * 2)
            except libvirt.libvirtError as e:
                found = re.search(r"CPU vendor (\w+) of model", e.get_error_message())
                if found:
                    vendor = found.group(1)
        table.append(dict(name=m, vendor=vendor, decode=(chosen == m),
                          features=feats, removed=feats - data))

    pos = {n: i for i, n in enumerate(order)}
    w = sys.stdout.write
    w("/*\n * x86 CPU models and features, as libvirt defines them (written by\n"
      " * scripts/cpu-x86-table.py; see there how they are observed).\n"
      " */\n#include \"cpu_x86_table.h\"\n\n")
    w("/* Every feature name, in CPUID order: the order results list them in. */\n")
    w("const char *const virtkitX86Features[] = {\n")
    line = "   "
    for n in order:
        item = ' "%s",' % n
        if len(line) + len(item) > 78:
            w(line + "\n")
            line = "   "
        line += item
    w(line + "\n    NULL,\n};\n\n")

    def words(names):
        return " ".join(sorted(names, key=pos.get))

    w("/* Each model as the closest earlier one (parent) plus and minus some\n"
      " * features; 'removed' ones are part of the model but treated as absent\n"
      " * when a CPU is described by it; 'decode': a baseline may answer with it. */\n")
    w("const virtkitX86ModelDef virtkitX86Models[] = {\n")
    for i, mod in enumerate(table):
        parent = None
        best = len(mod["features"])
        for prev in table[:i]:
            cost = len(mod["features"] ^ prev["features"])
            if cost < best:
                parent, best = prev, cost
        plus = mod["features"] - (parent["features"] if parent else set())
        minus = (parent["features"] - mod["features"]) if parent else set()
        w("    { \"%s\", %s, %s, %s,\n" % (
            mod["name"], '"%s"' % mod["vendor"] if mod["vendor"] else "NULL",
            "true" if mod["decode"] else "false",
            '"%s"' % parent["name"] if parent else "NULL"))
        w("      \"%s\",\n      \"%s\",\n      \"%s\" },\n" % (
            words(plus), words(minus), words(mod["removed"])))
    w("    { NULL, NULL, false, NULL, NULL, NULL, NULL },\n};\n")


main()
