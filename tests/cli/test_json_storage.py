"""--json (beyond virsh) on the storage listing and info commands:
pool-list, pool-info, vol-list and vol-info against test:///default and
the storage node file."""
import json
import os
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
NODE = "test://" + str(HERE / "nodes" / "storage-node.xml")


def virtkit(*words, uri="test:///default"):
    env = dict(os.environ, LC_ALL="C", LANG="C")
    r = subprocess.run(["virtkit", "-c", uri] + list(words), capture_output=True,
                       text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    return r.stdout


def load(*words, uri="test:///default"):
    return json.loads(virtkit(*words, uri=uri))


def test_pool_list():
    pools = load("pool-list", "--json")
    assert pools == [{
        "name": "default-pool", "uuid": "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566",
        "state": "running", "autostart": False, "persistent": True,
        "capacity": 107374182400, "allocation": 0, "available": 107374182400,
    }]


def test_pool_list_filters():
    assert load("pool-list", "--inactive", "--json") == []
    out = virtkit("pool-destroy default-pool; pool-list --all --json")
    pools = json.loads(out[out.index("["):])
    assert pools[0]["state"] == "inactive"
    assert "capacity" not in pools[0]
    names = [p["name"] for p in load("pool-list", "--type", "logical", "--json", uri=NODE)]
    assert names == ["vg0"]


def test_pool_info():
    info = load("pool-info", "default-pool", "--json")
    assert info["name"] == "default-pool"
    assert info["uuid"] == "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"
    assert info["state"] == "running"
    assert info["persistent"] is True
    assert info["autostart"] is False
    assert info["capacity"] == 107374182400
    assert info["allocation"] == 0
    assert info["available"] == 107374182400


def test_vol_list():
    vols = load("vol-list", "images", "--json", uri=NODE)
    assert [v["name"] for v in vols] == ["Alpha.img", "big.raw", "disk1.qcow2"]
    disk = vols[2]
    assert disk["path"] == "/var/lib/images/disk1.qcow2"
    assert disk["type"] == "file"
    assert disk["capacity"] == 20 * 1024 ** 3
    assert disk["allocation"] == 1536 * 1024 ** 2
    assert load("vol-list", "default-pool", "--json") == []


def test_vol_info():
    info = load("vol-info", "big.raw", "--pool", "images", "--json", uri=NODE)
    assert info == {"name": "big.raw", "type": "file",
                    "capacity": 3 * 1024 ** 4, "allocation": 12 * 1024}
