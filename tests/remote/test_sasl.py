"""SASL on virtkitd's network listeners (auth_tcp / auth_tls = "sasl"):
a password database made with saslpasswd2 at test time, SCRAM-SHA-256 and
DIGEST-MD5, the client's virConnectOpenAuth callback answering the user
name and password prompts."""
import socket
import struct
import subprocess

import pytest

import libvirt

from pki import make_pki
from test_tls import listening_daemon
from transport_checks import exercise

USER = "alice"
PASSWORD = "s3cret pass"


def sasl_daemon(root, mechs, tls_pki=None):
    sasl = root / "etc" / "sasl2"
    sasl.mkdir(parents=True)
    db = sasl / "passwd.db"
    subprocess.run(["saslpasswd2", "-f", str(db), "-a", "virtkit", "-c", "-p", USER],
                   input=PASSWORD.encode(), check=True)
    (sasl / "virtkit.conf").write_text(f"mech_list: {mechs}\nsasldb_path: {db}\n")
    conf = root / "virtkitd.conf"
    if tls_pki:
        conf.write_text(f'listen_tls = 1\nauth_tls = "sasl"\nlisten_addr = "127.0.0.1"\n'
                        f'tls_port = "0"\nca_file = "{tls_pki.ca}"\n'
                        f'cert_file = "{tls_pki.server / "servercert.pem"}"\n'
                        f'key_file = "{tls_pki.server / "serverkey.pem"}"\n')
    else:
        conf.write_text('listen_tls = 0\nlisten_tcp = 1\nauth_tcp = "sasl"\n'
                        'listen_addr = "127.0.0.1"\ntcp_port = "0"\n')
    return listening_daemon(root, conf, "TLS" if tls_pki else "TCP")


def opener(user, password, asked=None):
    def cb(creds, opaque):
        for cred in creds:
            if asked is not None:
                asked.append(cred[0])
            if cred[0] == libvirt.VIR_CRED_AUTHNAME:
                cred[4] = user
            elif cred[0] == libvirt.VIR_CRED_PASSPHRASE:
                cred[4] = password
        return 0
    return lambda uri: libvirt.openAuth(
        uri, [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], cb, None], 0)


@pytest.fixture(scope="module")
def scram(tmp_path_factory):
    d, port = sasl_daemon(tmp_path_factory.mktemp("sasl"), "scram-sha-256")
    try:
        yield d, port
    finally:
        assert d.stop() == 0


def test_scram_over_tcp(scram):
    _, port = scram
    asked = []
    exercise(f"test+tcp://127.0.0.1:{port}/default", "sasl-dom", opener(USER, PASSWORD, asked))
    assert set(asked) == {libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE}


def test_wrong_password_and_no_callback(scram):
    _, port = scram
    uri = f"test+tcp://127.0.0.1:{port}/default"
    with pytest.raises(libvirt.libvirtError) as e:
        opener(USER, "wrong")(uri)
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        libvirt.VIR_ERR_AUTH_FAILED, "authentication failed: authentication failed")
    with pytest.raises(libvirt.libvirtError) as e:
        opener("mallory", PASSWORD)(uri)
    assert e.value.get_error_code() == libvirt.VIR_ERR_AUTH_FAILED
    # no callback for the password
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(uri)
    assert e.value.get_error_code() == libvirt.VIR_ERR_AUTH_FAILED
    # the daemon still serves a good client
    c = opener(USER, PASSWORD)(uri)
    assert c.listDomainsID() == [1]
    c.close()


def test_calls_before_authentication_refused(scram):
    """A client that skips SASL and opens at once is answered with
    libvirt's "authentication required"."""
    _, port = scram
    uri = b"test:///default"
    body = struct.pack("<I", len(uri)) + uri + struct.pack("<I", 0)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(struct.pack("<7I", 28 + len(body), 0x564B4954, 1, 65537, 0, 1, 0) + body)
        head = b""
        while len(head) < 28:
            head += s.recv(28 - len(head))
        length, _, _, proc, mtype, serial, status = struct.unpack("<7I", head)
        rest = b""
        while len(rest) < length - 28:
            rest += s.recv(length - 28 - len(rest))
    assert (proc, mtype, serial, status) == (65537, 1, 1, 1)
    assert b"authentication required" in rest


def test_digest_md5_over_tls(tmp_path):
    """auth_tls = "sasl": the certificate checks, then DIGEST-MD5."""
    pki = make_pki(tmp_path / "pki")
    d, port = sasl_daemon(tmp_path / "d", "digest-md5", tls_pki=pki)
    try:
        exercise(f"test+tls://127.0.0.1:{port}/default?pkipath={pki.client('good')}",
                 "sasl-tls-dom", opener(USER, PASSWORD))
    finally:
        assert d.stop() == 0
