"""Connections and the host: libvirt-python's virConnect over test:///."""
import os
import socket
import threading

import pytest

import libvirt


def test_open_and_identity(conn):
    assert conn.getType() == "TEST"
    assert conn.getURI() == "test:///default"
    assert conn.getLibVersion() == 9000000
    assert conn.getVersion() == 2
    assert conn.getHostname() == socket.gethostname()
    assert conn.isAlive() == 1
    assert conn.isSecure() == 1
    assert conn.isEncrypted() == 0
    assert conn.getMaxVcpus(None) == 32


def test_version():
    assert libvirt.getVersion() == 9000000
    assert isinstance(libvirt.getVersion("Test"), tuple)


def test_node_info_is_in_mib(conn):
    info = conn.getInfo()
    assert info == ["i686", 3072, 16, 1400, 2, 2, 2, 2]


def test_capabilities_is_xml(conn):
    caps = conn.getCapabilities()
    assert caps.startswith("<capabilities>")
    assert "<arch>i686</arch>" in caps


def test_context_manager_closes():
    with libvirt.open("test:///default") as c:
        assert c.isAlive() == 1
    with pytest.raises(libvirt.libvirtError) as e:
        c.getType()
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_CONN


def test_close_returns_remaining_references():
    c = libvirt.open("test:///default")
    d = c.lookupByName("test")
    assert c.close() >= 0
    # the domain still holds the connection open, as in libvirt
    assert d.name() == "test"
    del d


def test_default_uri_from_environment(monkeypatch):
    monkeypatch.setenv("LIBVIRT_DEFAULT_URI", "test:///default")
    c = libvirt.open()
    assert c.getURI() == "test:///default"
    c.close()
    c = libvirt.open(None)
    assert c.getType() == "TEST"


def test_unknown_scheme_is_refused():
    # libvirt hands unknown schemes to its remote driver, which fails to
    # reach a daemon; virtkit has no remote driver yet and says so plainly
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open("frob:///nothing")
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_CONNECT
    assert "frob:///nothing" in e.value.get_error_message()


def test_unparsable_uri():
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open("::bad")
    assert e.value.get_error_message().endswith("::bad")


def test_test_uri_needs_a_path():
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open("test:///")
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG


def test_missing_node_file():
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open("test:///nonexistent/node.xml")
    assert e.value.get_error_code() == libvirt.VIR_ERR_XML_ERROR
    assert "/nonexistent/node.xml" in e.value.get_error_message()


def test_read_only_refuses_writes():
    c = libvirt.openReadOnly("test:///default")
    d = c.lookupByName("test")
    assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
    with pytest.raises(libvirt.libvirtError) as e:
        d.destroy()
    err = e.value
    assert err.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED
    assert err.get_error_domain() == libvirt.VIR_FROM_DOMAIN
    assert err.get_error_message() == "operation forbidden: read only access prevents virDomainDestroy"
    with pytest.raises(libvirt.libvirtError):
        c.defineXML("<domain/>")
    c.close()


def test_open_auth_without_credentials():
    c = libvirt.openAuth("test:///default", [[libvirt.VIR_CRED_AUTHNAME], None, None], 0)
    assert c.getType() == "TEST"
    c.close()
    c = libvirt.openAuth("test:///default", [[], None, None], libvirt.VIR_CONNECT_RO)
    with pytest.raises(libvirt.libvirtError):
        c.lookupByName("test").suspend()


def test_open_auth_asks_the_callback(tmp_path):
    node = tmp_path / "node.xml"
    node.write_text("<node><auth><user password='s3cret'>alice</user></auth></node>")
    asked = []

    def answer(creds, data):
        for cred in creds:
            asked.append(cred[0])
            if cred[0] == libvirt.VIR_CRED_AUTHNAME:
                cred[4] = "alice"
            elif cred[0] == libvirt.VIR_CRED_PASSPHRASE:
                cred[4] = data
        return 0

    auth = [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE], answer, "s3cret"]
    c = libvirt.openAuth(f"test://{node}", auth, 0)
    assert libvirt.VIR_CRED_AUTHNAME in asked and libvirt.VIR_CRED_PASSPHRASE in asked
    c.close()
    auth[2] = "wrong"
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.openAuth(f"test://{node}", auth, 0)
    assert e.value.get_error_code() == libvirt.VIR_ERR_AUTH_FAILED


def test_connections_share_default_state():
    a = libvirt.open("test:///default")
    b = libvirt.open("test:///default")
    d = a.defineXML("<domain type='test'><name>shared-state</name><memory>1024</memory>"
                    "<os><type>hvm</type></os></domain>")
    try:
        assert b.lookupByName("shared-state").UUIDString() == d.UUIDString()
    finally:
        d.undefine()
    a.close()
    b.close()


def test_calls_from_many_threads(conn):
    errors = []

    def work():
        try:
            for _ in range(200):
                d = conn.lookupByName("test")
                assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
