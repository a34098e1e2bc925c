"""Streams through the Python binding: an unused stream refuses every
transfer as libvirt does, and the Python whole-stream helpers stop at the
first error."""
import pytest

import libvirt


@pytest.fixture
def conn():
    c = libvirt.open("test:///default")
    yield c
    c.close()


def test_new_stream(conn):
    st = conn.newStream()
    assert isinstance(st, libvirt.virStream)
    assert st.connect() is conn
    assert st.abort() == 0          # aborting an unused stream is fine


@pytest.mark.parametrize("call", [
    lambda st: st.send(b"x"),
    lambda st: st.recv(1),
    lambda st: st.recvFlags(1, 0),
    lambda st: st.sendHole(1, 0),
    lambda st: st.recvHole(0),
    lambda st: st.finish(),
    lambda st: st.eventAddCallback(1, lambda *a: None, None),
    lambda st: st.eventUpdateCallback(1),
    lambda st: st.eventRemoveCallback(),
])
def test_unused_stream_not_supported(conn, call):
    with pytest.raises(libvirt.libvirtError) as e:
        call(conn.newStream(0))
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_SUPPORT
    assert e.value.get_error_domain() == libvirt.VIR_FROM_STREAMS


def test_send_all_stops_and_aborts(conn):
    st = conn.newStream(0)
    calls = []

    def source(stream, nbytes, opaque):
        calls.append(nbytes)
        return b"data"
    with pytest.raises(libvirt.libvirtError):
        st.sendAll(source, None)
    assert calls == [libvirt.virStorageVol.streamBufSize]


def test_send_all_handler_exception_propagates(conn):
    st = conn.newStream(0)

    def source(stream, nbytes, opaque):
        raise KeyError("boom")
    with pytest.raises(KeyError):
        st.sendAll(source, None)


def test_send_wants_bytes(conn):
    with pytest.raises(TypeError):
        conn.newStream(0).send("text")
