"""virtkitd --listen with TLS (and plain TCP) against the remote driver's
tls:// and tcp:// transports, with certificates made by certtool at test
time (pki.py).  A good client works end to end; the bad cases are refused
with the codes and messages Debian's libvirt 9.0 gives for them (observed
with virsh -c 'test+tls://127.0.0.1:PORT/default?pkipath=...' against a
libvirtd with the same certificates and configuration)."""
import re
import socket
import ssl
import time

import pytest

import libvirt

from conftest import Daemon
from pki import make_pki
from test_config import run_bad
from transport_checks import exercise


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def listening_daemon(root, conf, what: str):
    """A daemon on CONF with --listen, and the port it says it listens on
    for WHAT ("TLS" or "TCP"); stopped again if it does not say so."""
    d = Daemon(root, "--config", str(conf), "--listen")
    try:
        deadline = time.monotonic() + 60
        while True:
            m = re.search(rf"listening for {what} on [^ ]*:(\d+)", d.output())
            if m:
                return d, int(m.group(1))
            assert d.alive() and time.monotonic() < deadline, d.output()
            time.sleep(0.02)
    except BaseException:
        d.stop()
        raise


def tls_daemon(root, pki, addr="127.0.0.1", extra=""):
    root.mkdir(parents=True, exist_ok=True)
    conf = root / "virtkitd.conf"
    conf.write_text(f"""listen_tls = 1
listen_addr = "{addr}"
tls_port = "0"
ca_file = "{pki.ca}"
cert_file = "{pki.server / 'servercert.pem'}"
key_file = "{pki.server / 'serverkey.pem'}"
tls_allowed_dn_list = [ "C=GB,O=virtkit tests,CN=good-*" ]
{extra}""")
    return listening_daemon(root, conf, "TLS")


@pytest.fixture(scope="module")
def tlsd(tmp_path_factory, pki):
    d, port = tls_daemon(tmp_path_factory.mktemp("tlsd"), pki)
    try:
        yield d, port
    finally:
        assert d.stop() == 0


def uri(port, pkipath, host="127.0.0.1", extra=""):
    return f"test+tls://{host}:{port}/default?pkipath={pkipath}{extra}"


def open_error(u):
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(u)
    return e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message()


def test_good_client_calls_events_stream(tlsd, pki):
    d, port = tlsd
    exercise(uri(port, pki.client("good")), "tls-dom")
    exercise(uri(port, pki.client("good"), host="localhost"), "tls-dom2")


@pytest.mark.parametrize("client", ["none", "other"])
def test_refused_by_the_daemon(tlsd, pki, client):
    """No client certificate, or a DN not in tls_allowed_dn_list: the
    daemon closes on the client after the handshake."""
    _, port = tlsd
    assert open_error(uri(port, pki.client(client))) == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        "Unable to read TLS confirmation: Input/output error")


def test_own_certificate_checked_first(tlsd, pki):
    """An expired client certificate, or one from a CA the client's own
    cacert.pem does not know, is refused before connecting, as libvirt
    does."""
    _, port = tlsd
    exp = pki.client("expired")
    assert open_error(uri(port, exp)) == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        f"The client certificate {exp}/clientcert.pem has expired")
    rogue = pki.client("rogue")
    assert open_error(uri(port, rogue)) == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        f"Our own certificate {rogue}/clientcert.pem failed validation against "
        f"{rogue}/cacert.pem: The certificate hasn't got a known issuer.")
    missing = pki.root / "nowhere"
    assert open_error(uri(port, missing)) == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        f"Cannot read CA certificate '{missing}/cacert.pem': No such file or directory")


def raw_tls(port, certdir, ca):
    """Connect with Python's TLS, bypassing the client's own checks, and
    return what the daemon sends after the handshake: b'\\x01' when it
    accepted the certificate, b'' when it closed on us."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(str(ca))
    ctx.check_hostname = False
    if certdir:
        ctx.load_cert_chain(str(certdir / "clientcert.pem"), str(certdir / "clientkey.pem"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        with ctx.wrap_socket(s) as t:
            try:
                return t.recv(1)
            except (ssl.SSLError, ConnectionResetError):
                return b""


def test_daemon_refuses_bad_certificates_itself(tlsd, pki):
    """The daemon's own checks, seen from a client that does not check
    its certificate first: unknown CA, expired, wrong DN, none."""
    _, port = tlsd
    assert raw_tls(port, pki.client("good"), pki.ca) == b"\x01"
    for bad in ("rogue", "expired", "other", None):
        assert raw_tls(port, pki.client(bad) if bad else None, pki.ca) == b"", bad
    # the daemon is still serving
    c = libvirt.open(uri(port, pki.client("good")))
    assert c.listDomainsID() == [1]
    c.close()


def test_server_certificate_checked(tmp_path, pki):
    """The daemon on 127.0.0.2, whose certificate is for 127.0.0.1 and
    localhost: refused as libvirt refuses it, accepted with no_verify=1;
    a client whose CA did not sign the server's certificate is refused
    the same way."""
    d, port = tls_daemon(tmp_path / "d", pki, addr="127.0.0.2")
    try:
        assert open_error(uri(port, pki.client("good"), host="127.0.0.2")) == (
            libvirt.VIR_ERR_AUTH_FAILED, libvirt.VIR_FROM_RPC,
            "authentication failed: Failed to verify peer's certificate")
        c = libvirt.open(uri(port, pki.client("good"), host="127.0.0.2", extra="&no_verify=1"))
        assert c.listDomainsID() == [1]
        c.close()
        # a client that trusts only the other CA, with a certificate of it
        other = tmp_path / "other-ca-client"
        other.mkdir()
        (other / "cacert.pem").write_bytes((pki.root / "rogue-ca" / "cacert.pem").read_bytes())
        for f in ("clientcert.pem", "clientkey.pem"):
            (other / f).write_bytes((pki.client("rogue") / f).read_bytes())
        assert open_error(uri(port, other, host="127.0.0.2")) == (
            libvirt.VIR_ERR_AUTH_FAILED, libvirt.VIR_FROM_RPC,
            "authentication failed: Failed to verify peer's certificate")
    finally:
        assert d.stop() == 0


def test_no_verify_certificate_on_the_daemon(tmp_path, pki):
    """tls_no_verify_certificate = 1: a client without a certificate is
    served."""
    d, port = tls_daemon(tmp_path / "d", pki, extra="tls_no_verify_certificate = 1\n")
    try:
        c = libvirt.open(uri(port, pki.client("none")))
        assert c.listDomainsID() == [1]
        c.close()
    finally:
        assert d.stop() == 0


def test_revoked_client_refused(tmp_path, pki):
    """crl_file: a client whose certificate the CA revoked is refused by
    the daemon; without the list it is served."""
    u = uri(0, pki.client("revoked"))
    d, port = tls_daemon(tmp_path / "crl", pki, extra=f'crl_file = "{pki.ca.parent / "cacrl.pem"}"\n')
    try:
        assert open_error(u.replace(":0/", f":{port}/")) == (
            libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
            "Unable to read TLS confirmation: Input/output error")
        assert raw_tls(port, pki.client("revoked"), pki.ca) == b""
    finally:
        assert d.stop() == 0
    d, port = tls_daemon(tmp_path / "nocrl", pki)
    try:
        c = libvirt.open(u.replace(":0/", f":{port}/"))
        assert c.listDomainsID() == [1]
        c.close()
    finally:
        assert d.stop() == 0


def test_bad_server_setup_refused(tmp_path, pki):
    """A daemon whose certificate file is missing, or whose priority
    string is bad, does not start."""
    files = (f'listen_addr = "127.0.0.1"\ntls_port = "0"\nca_file = "{pki.ca}"\n'
             f'key_file = "{pki.server / "serverkey.pem"}"\n')
    err, _ = run_bad(tmp_path, files + f'cert_file = "{tmp_path}/none.pem"\n', "--listen")
    assert err == f"virtkitd: Cannot read certificate '{tmp_path}/none.pem': No such file or directory"
    err, _ = run_bad(tmp_path, files + f'cert_file = "{pki.server / "servercert.pem"}"\n'
                     'tls_priority = "BOGUS"\n', "--listen")
    assert err.startswith("virtkitd: internal error: Failed to set TLS session priority to BOGUS: ")


def test_plain_tcp(tmp_path):
    conf = tmp_path / "v.conf"
    conf.write_text('listen_tls = 0\nlisten_tcp = 1\nauth_tcp = "none"\n'
                    'listen_addr = "127.0.0.1"\ntcp_port = "0"\n')
    (tmp_path / "d").mkdir()
    d, port = listening_daemon(tmp_path / "d", conf, "TCP")
    try:
        exercise(f"test+tcp://127.0.0.1:{port}/default", "tcp-dom")
    finally:
        assert d.stop() == 0
    assert open_error(f"test+tcp://127.0.0.1:{port}/default") == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        f"unable to connect to server at '127.0.0.1:{port}': Connection refused")
