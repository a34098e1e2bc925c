"""api.xml against libvirt's own API description (from libvirt-dev).

Every function, callback type and exported variable of libvirt 9.0 (and
of its QEMU and LXC side APIs) is either described in api.xml with the
same C signature or type, or named in api.xml's exceptions with omit="yes"
and a reason; api.xml has nothing libvirt lacks."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent.parent
LIBVIRT_API = pathlib.Path("/usr/share/libvirt/api")
FILES = ("libvirt-api.xml", "libvirt-qemu-api.xml", "libvirt-lxc-api.xml")

pytestmark = pytest.mark.skipif(not (LIBVIRT_API / FILES[0]).exists(),
                                reason="libvirt-dev is not installed")

sys.path.insert(0, str(SRC / "generator"))
from virtkit_gen import main as gen  # noqa: E402


def norm(ctype: str) -> str:
    t = re.sub(r"\s+", " ", ctype.replace("*", " * ")).strip()
    return t.replace("* *", "**").replace("long long int", "long long")


def theirs():
    out = {}
    for f in FILES:
        root = ET.parse(LIBVIRT_API / f).getroot()
        for node in list(root.iter("function")) + list(root.iter("functype")):
            ret = node.find("return")
            out[node.get("name")] = (norm(ret.get("type")) if ret is not None else "void",
                                     [norm(a.get("type")) for a in node.findall("arg")])
        for node in root.iter("variable"):
            out[node.get("name")] = (norm(node.get("type")), None)
    return out


def ours(api):
    out = {}
    for f in api.functions:
        out[f.name] = (norm(f.ret.type) if f.ret else "void", [norm(p.type) for p in f.params])
    for cb in api.callbacks:
        out[cb.name] = (norm(cb.ret.type) if cb.ret else "void", [norm(p.type) for p in cb.params])
    for v in api.variables:
        out[v.name] = (norm(v.type), None)
    return out


API = gen.load(str(SRC / "api.xml"))


def test_every_libvirt_function_is_accounted_for():
    lib = theirs()
    mine = ours(API)
    omitted = {x.symbol for x in API.exceptions if x.omit}
    assert omitted <= set(lib), "an omitted symbol libvirt does not have"
    missing = set(lib) - set(mine) - omitted
    assert not missing, f"neither described nor omitted with a reason: {sorted(missing)}"
    extra = set(mine) - set(lib)
    assert not extra, f"api.xml has functions libvirt does not: {sorted(extra)}"


def test_signatures_are_libvirts():
    lib = theirs()
    wrong = [f"{name}: libvirt {lib[name]} virtkit {sig}"
             for name, sig in ours(API).items() if name in lib and lib[name] != sig]
    assert not wrong, "\n".join(wrong)


def test_library_exports_exactly_the_api():
    import os
    import subprocess
    build = os.environ.get("VIRTKIT_BUILDDIR")
    if not build:
        pytest.skip("run through meson test (VIRTKIT_BUILDDIR)")
    lib = pathlib.Path(build) / "core" / "src" / "libvirtkit.so"
    out = subprocess.run(["nm", "-D", "--defined-only", str(lib)], capture_output=True,
                         text=True, check=True).stdout
    exported = {line.split()[-1].split("@")[0] for line in out.splitlines()
                if line.split()[1] in ("T", "W", "D", "B")}
    assert exported == {f.name for f in API.functions} | {v.name for v in API.variables}
