"""The generated type stubs let mypy check programs against the binding's
real signatures."""
import os
import shutil
import subprocess
import textwrap

import pytest

pytestmark = pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy is not installed")

GOOD = """
import libvirt
import libvirt_qemu

conn: libvirt.virConnect = libvirt.open("test:///default")
dom = conn.lookupByName("test")
name: str = dom.name()
state: int = dom.info()[0]
xml: str = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
ids: list = conn.listDomainsID()
try:
    libvirt_qemu.qemuMonitorCommand(dom, "{}", 0)
except libvirt.libvirtError as e:
    code = e.get_error_code()
conn.close()
"""

BAD = """
import libvirt

conn = libvirt.open("test:///default")
dom = conn.lookupByName(42)
count: str = conn.numOfDomains()
dom.suspend("now")
"""


def mypy(tmp_path, source):
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent(source))
    env = dict(os.environ, MYPYPATH=os.path.join(os.environ["VIRTKIT_BUILDDIR"], "bindings", "python"))
    return subprocess.run(["mypy", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(prog)],
                          capture_output=True, text=True, env=env)


def test_correct_program_passes(tmp_path):
    r = mypy(tmp_path, GOOD)
    assert r.returncode == 0, r.stdout


def test_wrong_calls_are_caught(tmp_path):
    r = mypy(tmp_path, BAD)
    assert r.returncode == 1
    assert 'Argument 1 to "lookupByName" of "virConnect" has incompatible type "int"' in r.stdout
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in r.stdout
    assert 'Too many arguments for "suspend" of "virDomain"' in r.stdout
