"""The --json output (beyond virsh) of domfsinfo in `virtkit`."""
import json
import os
import subprocess


def virtkit(tmp_path, *words, uri="test:///default"):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C", LANG="C")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    env.pop("VIRSH_DEFAULT_CONNECT_URI", None)
    r = subprocess.run(["virtkit", "-c", uri] + list(words), capture_output=True,
                       text=True, env=env, timeout=60)
    return r.returncode, r.stdout, r.stderr


def test_domfsinfo_json(tmp_path):
    rc, out, err = virtkit(tmp_path, "domfsinfo", "test", "--json")
    assert rc == 0, err
    assert json.loads(out) == [
        {"mountpoint": "/", "name": "vda1", "type": "ext4", "target": ["vda"]},
        {"mountpoint": "/boot", "name": "vda2", "type": "ext4", "target": ["vda"]},
    ]


def test_domfsinfo_json_errors(tmp_path):
    rc, out, err = virtkit(tmp_path, "domfsinfo", "nosuch", "--json")
    assert rc == 1
    assert "failed to get domain 'nosuch'" in err
    rc, out, err = virtkit(tmp_path, "destroy test; domfsinfo test --json")
    assert rc == 1
    assert "Unable to get filesystem information" in err


def test_guestinfo_launchsec_json_errors(tmp_path):
    # the test driver has no guest agent and no launch security: --json
    # changes nothing about the errors
    rc, out, err = virtkit(tmp_path, "guestinfo", "test", "--json")
    assert rc == 1 and out.strip() == ""
    assert "virDomainGetGuestInfo" in err
    rc, out, err = virtkit(tmp_path, "domlaunchsecinfo", "test", "--json")
    assert rc == 1 and out.strip() == ""
    assert "Unable to get launch security parameters" in err
    rc, out, err = virtkit(tmp_path, "guestinfo", "nosuch", "--json")
    assert rc == 1 and "failed to get domain 'nosuch'" in err
