"""`virtkit ... --json` on the host, snapshot and checkpoint listing and
info commands: the values the test driver gives, as JSON."""
import json
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


def last_json(out):
    """The last JSON document of OUT (after any other command's lines)."""
    start = max(out.rfind("\n{"), out.rfind("\n["))
    return json.loads(out[start + 1:] if start >= 0 else out)


def test_nodeinfo(tmp_path):
    info = json.loads(run("nodeinfo --json", tmp_path))
    assert info == {
        "cpu_model": "i686", "cpus": 16, "cpu_frequency": 1400, "cpu_sockets": 2,
        "cores_per_socket": 2, "threads_per_core": 2, "numa_cells": 2,
        "memory_size": 3145728,
    }


def test_freecell(tmp_path):
    assert json.loads(run("freecell --json", tmp_path)) == {"total": 3072}
    assert json.loads(run("freecell 1 --json", tmp_path)) == {"cell": 1, "free_memory": 4096}
    cells = json.loads(run("freecell --all --json", tmp_path))
    assert cells["cells"] == [{"cell": 0, "free_memory": 2048}, {"cell": 1, "free_memory": 4096}]
    assert cells["total"] == 6144


def test_nodecpustats(tmp_path):
    stats = json.loads(run("nodecpustats --json", tmp_path))
    assert set(stats) == {"user", "system", "idle", "iowait"}
    assert stats["user"] == 9797400000
    assert stats["system"] == 34678723400000


def test_nodememstats_unsupported(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C")
    r = subprocess.run([VIRTKIT, "-c", "test:///default", "nodememstats --json"],
                       capture_output=True, text=True, env=env, timeout=60)
    # the test driver has no memory statistics: no JSON, virsh's error
    assert r.returncode == 1
    assert "Unable to get number of memory stats" in r.stderr


def test_snapshot_list_and_info(tmp_path):
    assert json.loads(run("snapshot-list test --json", tmp_path)) == []
    out = run("snapshot-create-as test s1; snapshot-create-as test s2; "
              "snapshot-list test --json", tmp_path)
    snaps = last_json(out)
    assert [s["name"] for s in snaps] == ["s1", "s2"]
    assert snaps[0]["parent"] is None and snaps[1]["parent"] == "s1"
    assert all(s["state"] == "running" and s["creation_time"] > 0 for s in snaps)
    info = last_json(run("snapshot-create-as test s1; snapshot-create-as test s2; "
                         "snapshot-info test s1 --json", tmp_path))
    assert info["name"] == "s1" and info["domain"] == "test"
    assert info["current"] is False and info["parent"] is None
    assert info["children"] == 1 and info["descendants"] == 1
    assert info["location"] == "internal"


def test_checkpoint_list(tmp_path):
    assert json.loads(run("checkpoint-list test --json", tmp_path)) == []
    ckpts = last_json(run("checkpoint-create-as test c1; checkpoint-create-as test c2; "
                          "checkpoint-list test --json", tmp_path))
    assert [c["name"] for c in ckpts] == ["c1", "c2"]
    assert ckpts[1]["parent"] == "c1"
