"""libvirtError and the error functions, as libvirt-python has them."""
import gc
import threading

import pytest

import libvirt


def test_libvirt_error_fields(conn):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByName("nope")
    err = e.value
    assert err.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN
    assert err.get_error_domain() == libvirt.VIR_FROM_TEST
    assert err.get_error_level() == libvirt.VIR_ERR_ERROR
    assert err.get_error_message().startswith("Domain not found")
    assert str(err) == err.get_error_message()
    assert err.err[0] == libvirt.VIR_ERR_NO_DOMAIN


@pytest.fixture
def no_gc():
    """Freeing a handle is an API call that resets the calling thread's
    last error (as in libvirt); keep the garbage collector from freeing
    handles of earlier tests in the middle of a last-error check."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def test_last_error_functions(conn, no_gc):
    libvirt.virResetLastError()
    assert libvirt.virGetLastError() is None
    assert libvirt.virGetLastErrorCode() == libvirt.VIR_ERR_OK
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByName("nope")
    assert libvirt.virGetLastErrorCode() == libvirt.VIR_ERR_NO_DOMAIN
    assert libvirt.virGetLastErrorDomain() == libvirt.VIR_FROM_TEST
    assert libvirt.virGetLastErrorMessage().startswith("Domain not found")
    assert libvirt.virGetLastError()[0] == libvirt.VIR_ERR_NO_DOMAIN
    assert conn.virConnGetLastError()[0] == libvirt.VIR_ERR_NO_DOMAIN
    conn.virConnResetLastError()
    assert conn.virConnGetLastError()[0] == libvirt.VIR_ERR_OK
    libvirt.virResetLastError()
    assert libvirt.virGetLastErrorMessage() == "no error"


def test_last_error_is_per_thread(conn, no_gc):
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByName("nope")
    seen = []
    t = threading.Thread(target=lambda: seen.append(libvirt.virGetLastError()))
    t.start()
    t.join()
    assert seen == [None]
    assert libvirt.virGetLastErrorCode() == libvirt.VIR_ERR_NO_DOMAIN


def test_a_successful_call_resets_the_error(conn):
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByName("nope")
    conn.lookupByName("test")
    assert libvirt.virGetLastError() is None


def test_registered_handler_sees_errors(conn, quiet_errors):
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByName("nope")
    assert quiet_errors and quiet_errors[-1][0] == libvirt.VIR_ERR_NO_DOMAIN
    # libvirt-python accepts a non-callable and crashes on the next error;
    # virtkit refuses it at once
    with pytest.raises(TypeError):
        libvirt.registerErrorHandler(42, None)


def test_default_handler_prints(tmp_path):
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-c",
                        "import libvirt\n"
                        "c = libvirt.open('test:///default')\n"
                        "try:\n    c.lookupByName('nope')\nexcept libvirt.libvirtError:\n    pass\n"],
                       capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stderr.startswith("libvirt: ")
    assert "Domain not found" in r.stderr


def test_constants():
    assert libvirt.VIR_ERR_NO_DOMAIN == 42
    assert libvirt.VIR_DOMAIN_RUNNING == 1
    assert libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE == 1
    assert libvirt.VIR_DOMAIN_SCHEDULER_WEIGHT == "weight"
    assert libvirt.VIR_FROM_TEST == 12
