"""Every class, method and module function of libvirt-python exists in
virtkit's modules with the same parameter names and defaults, so calls
with keyword arguments and introspection behave the same.  Compared live
with Debian's python3-libvirt (skipped when it is not installed)."""
import json
import os
import pathlib
import subprocess

import pytest

DEBIAN_LIBVIRT = pathlib.Path("/usr/lib/python3/dist-packages/libvirt.py")
pytestmark = pytest.mark.skipif(not DEBIAN_LIBVIRT.exists(),
                                reason="python3-libvirt is not installed")

DUMP = r"""
import inspect, json, sys
import libvirt, libvirt_lxc, libvirt_qemu

def sig(f):
    try:
        s = inspect.signature(f)
    except (ValueError, TypeError):
        return None
    return [(p.name, None if p.default is inspect.Parameter.empty else repr(p.default))
            for p in s.parameters.values() if p.name != "self"]

out = {}
for cname in dir(libvirt):
    cls = getattr(libvirt, cname)
    if isinstance(cls, type) and cname.startswith("vir"):
        for m in dir(cls):
            if not m.startswith("_"):
                out[cname + "." + m] = sig(getattr(cls, m))
for mod in (libvirt, libvirt_qemu, libvirt_lxc):
    for n in dir(mod):
        o = getattr(mod, n)
        if callable(o) and not isinstance(o, type) and not n.startswith("_"):
            if getattr(o, "__module__", "").startswith("typing"):
                continue
            out[mod.__name__ + "." + n] = sig(o)
json.dump(out, sys.stdout)
"""


def dump(reference):
    env = dict(os.environ)
    if reference:
        env.pop("PYTHONPATH", None)
        env.pop("LD_LIBRARY_PATH", None)
    r = subprocess.run(["/usr/bin/python3", "-c", DUMP], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_same_names_and_signatures():
    theirs = dump(reference=True)
    ours = dump(reference=False)
    missing = sorted(k for k in theirs if k not in ours)
    assert missing == []
    different = [f"{k}: libvirt {theirs[k]} virtkit {ours[k]}" for k in theirs
                 if theirs[k] is not None and ours[k] is not None and theirs[k] != ours[k]]
    assert different == [], "\n".join(different)
