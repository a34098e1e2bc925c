"""`virtkit --help` is virsh's usage text, with the program's own name."""
import os
import shutil
import subprocess

import pytest

VIRTKIT = shutil.which("virtkit")
VIRSH = shutil.which("virsh", path="/usr/bin:/bin")

pytestmark = pytest.mark.skipif(VIRTKIT is None or VIRSH is None,
                                reason="needs virtkit on PATH and Debian's virsh")


def usage(program, env):
    return subprocess.run([program, "--help"], capture_output=True, text=True, env=env,
                          timeout=60).stdout


def test_usage_is_virshs():
    env = dict(os.environ, LC_ALL="C")
    ref = {k: v for k, v in env.items() if k != "LD_LIBRARY_PATH"}
    ours = usage(VIRTKIT, env).replace("virtkit [options]", "virsh [options]")
    assert ours == usage(VIRSH, ref)
