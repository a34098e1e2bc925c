"""examples/hello.py, the README's main job, boots the tiny guest through
the Python API and shows it running."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "hello.py")


def test_hello_boots_a_guest(guest_files):
    r = subprocess.run([sys.executable, EXAMPLE], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "  console | virtkit-guest: ready" in lines
    assert " 1    hello   running" in lines
    assert lines[-1] == "after shutdown: shut off"
