"""`virtkit --json` on the network, interface, filter, secret and node
device listings and info commands; and the differential cases of those
areas that read XML files from nodes/ (cases/*.txt substitutes {nodes}
only in [uri] lines, so command lines naming files live here)."""
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

FILE_CASES = r"""
net-define {nodes}/net-n2.xml
"net-define {nodes}/net-n2.xml; net-list --all; net-info n2; net-start n2; net-list"
"net-define {nodes}/net-n2.xml; net-dumpxml n2; net-undefine n2; net-list --all"
"net-define {nodes}/net-n2.xml --validate; net-list --inactive --name"
"net-define {nodes}/net-n2.xml; net-define {nodes}/net-n2.xml; net-list --all"
net-define {nodes}/net-bad.xml
net-define --file {nodes}/net-n2.xml
net-create {nodes}/net-n2.xml
"net-create {nodes}/net-n2.xml; net-list --transient; net-info n2; net-autostart n2; net-undefine n2"
"net-create {nodes}/net-n2.xml; net-destroy n2; net-info n2"
net-create {nodes}/net-bad.xml
net-update default add ip-dhcp-host {nodes}/net-host.xml
"net-update default add ip-dhcp-host {nodes}/net-host.xml; net-dumpxml default"
"net-update default add ip-dhcp-host {nodes}/net-host.xml --live --config; net-update default delete ip-dhcp-host {nodes}/net-host.xml; net-dumpxml default"
"net-update default add ip-dhcp-host {nodes}/net-host.xml; net-update default modify ip-dhcp-host \"<host mac='52:54:00:00:00:01' name='h9' ip='192.168.122.59'/>\"; net-dumpxml default"
net-port-create default {nodes}/net-n2.xml
-r net-define {nodes}/net-n2.xml
-r net-create {nodes}/net-n2.xml
-q net-define {nodes}/net-n2.xml
iface-define {nodes}/net-iface-eth2.xml
"iface-define {nodes}/net-iface-eth2.xml; iface-list --all; iface-list --inactive; iface-start eth2; iface-list; iface-dumpxml eth2"
"iface-define {nodes}/net-iface-eth2.xml; iface-undefine eth2; iface-list --all"
"iface-begin; iface-define {nodes}/net-iface-eth2.xml; iface-rollback; iface-list --all"
"iface-define {nodes}/net-iface-eth2.xml --validate; iface-name aa:bb:cc:dd:ee:00; iface-mac eth2"
iface-define {nodes}/net-bad.xml
-r iface-define {nodes}/net-iface-eth2.xml
secret-define {nodes}/net-secret.xml
secret-define {nodes}/net-secret.xml --validate
secret-set-value 6dd3e4a5-1d76-44ce-961f-f119f5aad935 --file {nodes}/net-secret.xml
secret-set-value 6dd3e4a5-1d76-44ce-961f-f119f5aad935 {nodes}/net-secret.xml --plain
nwfilter-define {nodes}/net-filter.xml
nwfilter-define {nodes}/net-filter.xml --validate
nwfilter-binding-create {nodes}/net-binding.xml
nodedev-create {nodes}/net-nodedev-vport.xml
"nodedev-create {nodes}/net-nodedev-vport.xml; nodedev-dumpxml 2000000012345678,1000000012345678"
nodedev-create {nodes}/net-bad.xml
nodedev-create {nodes}/net-n2.xml
nodedev-define {nodes}/net-nodedev-vport.xml
-r nodedev-create {nodes}/net-nodedev-vport.xml
"""


def env_for(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C", LANG="C")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    env.pop("VIRSH_DEFAULT_CONNECT_URI", None)
    return env


def run(program, words, env, uri="test:///default"):
    r = subprocess.run(program + ["-c", uri] + words, capture_output=True, text=True,
                       env=env, timeout=60, stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr


def file_cases():
    cases = []
    for line in FILE_CASES.strip().splitlines():
        words = shlex.split(line.replace("{nodes}", str(NODES)))
        cases.append(pytest.param(words, id=line[:60]))
    return cases


@pytest.mark.skipif(VIRSH is None, reason="virsh (libvirt-clients) is not installed")
@pytest.mark.parametrize("words", file_cases())
def test_file_cases_same_as_virsh(words, tmp_path):
    env = env_for(tmp_path)
    ref_env = {k: v for k, v in env.items() if k != "LD_LIBRARY_PATH"}
    theirs = run([VIRSH], words, ref_env)
    ours = run(["virtkit"], words, env)
    theirs = tuple(UUID.sub("UUID", x) if isinstance(x, str) else x for x in theirs)
    ours = tuple(UUID.sub("UUID", x) if isinstance(x, str) else x for x in ours)
    assert ours[1] == theirs[1], "stdout differs"
    assert ours[2] == theirs[2], "stderr differs"
    assert ours[0] == theirs[0], "exit status differs"


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
