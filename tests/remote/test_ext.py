"""DRIVER+ext:///PATH?command=CMD: the remote driver runs CMD (no
arguments, no shell) with a socket pair as its standard input and output.
Commands here are small scripts joining that to the daemon's socket with
nc -U or with virtkit-ssh-helper."""
import pytest

import libvirt

from conftest import BUILD
from transport_checks import children, exercise

HELPER = BUILD / "core" / "daemon" / "virtkit-ssh-helper"


def script(path, body):
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("joiner", ["nc", "helper"])
def test_calls_events_stream_over_ext(daemon, tmp_path, joiner):
    body = (f"exec nc -U '{daemon.sock}'" if joiner == "nc"
            else f"exec '{HELPER}' 'test:///default?socket={daemon.sock}'")
    cmd = script(tmp_path / "join", body)
    exercise(f"test+ext:///default?command={cmd}", "ext-dom")
    assert children("join") == []


def test_read_only_through_the_helper(daemon, tmp_path):
    """The helper's --readonly picks the read-only socket: writes are
    refused by the daemon as on that socket."""
    cmd = script(tmp_path / "join-ro", f"exec '{HELPER}' --readonly "
                 f"'test:///default?socket={daemon.sock_ro}'")
    c = libvirt.open(f"test+ext:///default?command={cmd}")
    try:
        assert c.listDomainsID() == [1]
        with pytest.raises(libvirt.libvirtError) as e:
            c.lookupByName("test").suspend()
        assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED
    finally:
        c.close()


def open_error(u):
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(u)
    return e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message()


def test_ext_errors_as_libvirt(tmp_path):
    assert open_error("test+ext:///default") == (
        libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_REMOTE,
        "invalid argument: remote_open: for 'ext' transport, command is required")
    assert open_error("test+ext:///default?command=/bin/false") == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        "Cannot recv data: : Connection reset by peer")
    said = script(tmp_path / "says", "echo 'no daemon here' >&2; exit 3")
    assert open_error(f"test+ext:///default?command={said}") == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        "Cannot recv data: no daemon here: Connection reset by peer")
    assert children("says") == [] and children("false") == []
    assert open_error("test+bogus:///default") == (
        libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_REMOTE,
        "invalid argument: remote_open: transport in URL not recognised "
        "(should be tls|unix|ssh|ext|tcp)")
