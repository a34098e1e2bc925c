"""`--human` (beyond virsh) on the commands that print sizes in KiB: the
same values in the largest fitting unit, and virsh's layout without it."""
import os
import shutil
import subprocess

import pytest

VIRTKIT = shutil.which("virtkit")

pytestmark = pytest.mark.skipif(VIRTKIT is None, reason="virtkit is not built on PATH")


def run(line, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C")
    r = subprocess.run([VIRTKIT, "-c", "test:///default", line], capture_output=True,
                       text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    return r.stdout


def fields(out):
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in out.splitlines() if ":" in line)}


def test_dominfo(tmp_path):
    plain = fields(run("dominfo test", tmp_path))
    human = fields(run("dominfo test --human", tmp_path))
    assert plain["Max memory"] == "8388608 KiB"
    assert human["Max memory"] == "8.000 GiB"
    assert human["Used memory"] == "2.000 GiB"
    assert human["Name"] == plain["Name"]


def test_nodeinfo(tmp_path):
    assert fields(run("nodeinfo --human", tmp_path))["Memory size"] == "3.000 GiB"


def test_freecell_keeps_columns(tmp_path):
    out = run("freecell --all --human", tmp_path)
    assert out.splitlines()[:2] == ["    0:      2.000 MiB", "    1:      4.000 MiB"]
    assert "Total:      6.000 MiB" in out
    assert run("freecell 1 --human", tmp_path) == "1: 4.000 MiB\n\n"
    assert run("freecell --all", tmp_path).splitlines()[0] == "    0:       2048 KiB"


def test_memtune_set_then_read(tmp_path):
    out = run("memtune test --hard-limit 1536M; memtune test --human", tmp_path)
    assert "hard_limit     : 1.500 GiB" in out
    assert "soft_limit     : unlimited" in out


def test_dommemstat_sizes_only(tmp_path):
    stats = dict(line.split(" ", 1) for line in run("dommemstat test --human", tmp_path).splitlines() if line)
    assert stats["actual"] == "2.000 GiB"
    assert stats["disk_caches"] == "256.000 MiB"
    assert stats["major_fault"] == "0"          # a count, not a size
    assert stats["last_update"].isdigit()       # a time
