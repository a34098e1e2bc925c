"""`virtkit --json` on the tuning commands: vcpucount, vcpuinfo, schedinfo,
memtune, blkiotune and iothreadinfo print JSON that carries the values
their text output shows."""
import json
import os
import pathlib
import subprocess

import pytest

NODES = pathlib.Path(__file__).resolve().parent / "nodes"


def virtkit(line, uri="test:///default"):
    env = dict(os.environ, LC_ALL="C", LANG="C")
    r = subprocess.run(["virtkit", "-c", uri, line], capture_output=True, text=True,
                       env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    return r.stdout


def last_json(out):
    """The JSON document a command printed last (earlier commands of the
    line print blank lines only)."""
    text = out.strip()
    start = min(i for i in (text.find("{"), text.find("[")) if i >= 0)
    return json.loads(text[start:])


def test_vcpucount():
    data = last_json(virtkit("vcpucount test --json"))
    assert data == {"maximum_config": 2, "maximum_live": 2,
                    "current_config": 2, "current_live": 2}
    data = last_json(virtkit("setvcpus test 1; vcpucount test --live --json"))
    assert data == {"count": 1}


def test_vcpuinfo():
    data = last_json(virtkit("vcpupin test 1 2-3; vcpuinfo test --json"))
    assert [v["vcpu"] for v in data] == [0, 1]
    assert data[0]["state"] == "running"
    assert data[0]["cpu_affinity"] == "0-7"
    assert data[1]["cpu_affinity"] == "2-3"
    assert isinstance(data[0]["cpu_time"], int) and data[0]["cpu_time"] > 0


def test_schedinfo():
    data = last_json(virtkit("schedinfo test --json"))
    assert data == {"scheduler": "fair", "weight": 50}


def test_memtune():
    data = last_json(virtkit("memtune test --hard-limit 1G; memtune test --json"))
    assert data["hard_limit"] == 1048576
    assert data["soft_limit"] is None
    assert data["swap_hard_limit"] is None


def test_blkiotune():
    data = last_json(virtkit("blkiotune test --weight 300; blkiotune test --json"))
    assert data["weight"] == 300
    assert data["device_weight"] == ""


def test_iothreadinfo():
    assert last_json(virtkit("iothreadinfo test --json")) == []
    data = last_json(virtkit("iothreadinfo tuned --json",
                             uri=f"test://{NODES}/tune-node.xml"))
    assert [t["iothread_id"] for t in data] == [1, 3]
    assert all(isinstance(t["cpu_affinity"], str) for t in data)


@pytest.mark.parametrize("line", ["vcpucount test", "schedinfo test", "memtune test"])
def test_text_without_json(line):
    out = virtkit(line)
    with pytest.raises(ValueError):
        json.loads(out)
