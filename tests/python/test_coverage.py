"""Every api.xml function the Python binding does not skip on purpose is
reachable from Python, under the name the generator gives it."""
import os
import sys

import libvirt
import libvirt_lxc
import libvirt_qemu

SRC = os.environ["VIRTKIT_SRCDIR"]
sys.path.insert(0, os.path.join(SRC, "generator"))

from virtkit_gen import main as gen  # noqa: E402
from virtkit_gen.emit_python import is_method, python_name  # noqa: E402

API = gen.load(os.path.join(SRC, "api.xml"))


def test_every_function_is_reachable():
    missing = []
    for f in API.functions:
        if "python" in f.skip:
            continue
        module = {"libvirt": libvirt, "libvirt-qemu": libvirt_qemu, "libvirt-lxc": libvirt_lxc}[f.module]
        owner = getattr(libvirt, f.object) if is_method(f) else module
        if not callable(getattr(owner, python_name(f), None)):
            missing.append(f"{f.name} -> {owner.__name__}.{python_name(f)}")
    assert missing == []


def test_every_skip_has_a_reason():
    for x in API.exceptions:
        assert x.reason.strip()


def test_every_constant_is_exported():
    for e in API.enums:
        if e.module != "libvirt":
            continue
        for v in e.values:
            assert getattr(libvirt, v.name) == v.resolved, v.name
    for c in API.constants:
        if c.module == "libvirt":
            assert hasattr(libvirt, c.name), c.name


def test_every_object_has_a_class():
    for ob in API.objects:
        assert isinstance(getattr(libvirt, ob.name), type)
