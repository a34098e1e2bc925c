"""The same libvirt-python scripts under Debian's python3-libvirt and under
virtkit must print the same thing.  Skipped only when python3-libvirt is
not installed (CI installs it)."""
import os
import pathlib
import subprocess

import pytest

SCRIPTS = pathlib.Path(__file__).resolve().parent / "scripts"
DEBIAN_LIBVIRT = pathlib.Path("/usr/lib/python3/dist-packages/libvirt.py")

pytestmark = pytest.mark.skipif(not DEBIAN_LIBVIRT.exists(),
                                reason="python3-libvirt is not installed")


def run(script, reference):
    env = dict(os.environ)
    if reference:
        for var in ("PYTHONPATH", "LD_LIBRARY_PATH"):
            env.pop(var, None)
    r = subprocess.run(["/usr/bin/python3", str(SCRIPTS / script)], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.py")))
def test_same_output_as_libvirt(script):
    theirs = run(script, reference=True)
    ours = run(script, reference=False)
    diffs = [(i, t, o) for i, (t, o) in enumerate(zip(theirs, ours)) if t != o]
    assert not diffs, "\n".join(f"line {i}:\n  libvirt: {t}\n  virtkit: {o}" for i, t, o in diffs[:20])
    assert len(theirs) == len(ours)
