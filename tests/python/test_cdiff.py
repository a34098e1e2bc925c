"""C programs written for libvirt (tests/cdiff/*.c) are compiled twice,
against Debian's libvirt (libvirt-dev) and against virtkit's headers and
libvirtkit.so, and must print the same thing: the C-level twin of
test_differential.py.  Skipped when libvirt-dev is not installed."""
import os
import pathlib
import shutil
import subprocess

import pytest

CDIFF = pathlib.Path(__file__).resolve().parent.parent / "cdiff"
BUILD = pathlib.Path(os.environ.get("VIRTKIT_BUILDDIR", "build"))
SRC = pathlib.Path(os.environ.get("VIRTKIT_SRCDIR", "."))

have_libvirt_dev = subprocess.run(["pkg-config", "--exists", "libvirt"]).returncode == 0
pytestmark = pytest.mark.skipif(not have_libvirt_dev or not shutil.which("cc"),
                                reason="libvirt-dev or a C compiler is missing")


def build_and_run(source, out, reference):
    if reference:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libvirt"],
                               capture_output=True, text=True, check=True).stdout.split()
        env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    else:
        flags = ["-I", str(BUILD / "core" / "include"), "-I", str(SRC / "core" / "include"),
                 "-L", str(BUILD / "core" / "src"), "-lvirtkit"]
        env = dict(os.environ, LD_LIBRARY_PATH=str(BUILD / "core" / "src"))
    subprocess.run(["cc", "-o", str(out), str(source)] + flags, check=True)
    r = subprocess.run([str(out)], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


@pytest.mark.parametrize("source", sorted(CDIFF.glob("*.c")), ids=lambda p: p.stem)
def test_same_output_as_libvirt(source, tmp_path):
    theirs = build_and_run(source, tmp_path / "ref", reference=True)
    ours = build_and_run(source, tmp_path / "ours", reference=False)
    assert ours == theirs
