"""`virtkit --json` on the network, interface, filter, secret and node
device listings and info commands."""
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

HERE = pathlib.Path(__file__).resolve().parent
NODES = HERE / "nodes"
VIRSH = shutil.which("virsh", path="/usr/bin:/bin")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DEFAULT_NET_UUID = "dd8fe884-6c02-601e-7551-cca97df1c5df"




def env_for(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C", LANG="C")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    env.pop("VIRSH_DEFAULT_CONNECT_URI", None)
    return env


def run(program, words, env, uri="test:///default"):
    r = subprocess.run(program + ["-c", uri] + words, capture_output=True, text=True,
                       env=env, timeout=60, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr


def virtkit_json(tmp_path, *words):
    code, out, err = run(["virtkit"], list(words), env_for(tmp_path))
    assert code == 0, err
    return json.loads(out)


def test_net_list_json(tmp_path):
    nets = virtkit_json(tmp_path, "net-list", "--all", "--json")
    assert nets == [{"name": "default", "uuid": DEFAULT_NET_UUID, "state": "active",
                     "autostart": False, "persistent": True}]


def test_net_list_json_filters(tmp_path):
    assert virtkit_json(tmp_path, "net-list", "--inactive", "--json") == []
    assert virtkit_json(tmp_path, "net-list", "--transient", "--json") == []
    assert [n["name"] for n in virtkit_json(tmp_path, "net-list", "--json")] == ["default"]


def test_net_list_json_after_destroy(tmp_path):
    code, out, err = run(["virtkit"], ["net-destroy default; net-list --all --json"],
                         env_for(tmp_path))
    assert code == 0, err
    text = out.split("\n\n", 1)[1]
    nets = json.loads(text)
    assert nets[0]["state"] == "inactive"


def test_net_info_json(tmp_path):
    info = virtkit_json(tmp_path, "net-info", "default", "--json")
    assert info == {"name": "default", "uuid": DEFAULT_NET_UUID, "active": True,
                    "persistent": True, "autostart": False, "bridge": "virbr0"}


def test_iface_list_json(tmp_path):
    assert virtkit_json(tmp_path, "iface-list", "--all", "--json") == [
        {"name": "eth1", "state": "active", "mac_address": "aa:bb:cc:dd:ee:ff"}]
    assert virtkit_json(tmp_path, "iface-list", "--inactive", "--json") == []


def test_nodedev_info_json(tmp_path):
    info = virtkit_json(tmp_path, "nodedev-info", "scsi_host1", "--json")
    assert info["name"] == "scsi_host1"
    assert info["parent"] == "computer"
    root = virtkit_json(tmp_path, "nodedev-info", "computer", "--json")
    assert root["parent"] is None


@pytest.mark.parametrize("command", ["secret-list", "nwfilter-list", "nwfilter-binding-list",
                                     "nodedev-list", "net-port-list default"])
def test_json_listing_errors_as_plain(command, tmp_path):
    """Listings the test driver refuses fail the same way with --json."""
    env = env_for(tmp_path)
    plain = run(["virtkit"], command.split(), env)
    as_json = run(["virtkit"], command.split() + ["--json"], env)
    assert plain[0] != 0
    assert as_json == plain
