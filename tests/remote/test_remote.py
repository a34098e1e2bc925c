"""The test driver through virtkitd: the remote driver and the daemon end
to end, compared with the same calls on a local test:///default."""
import socket
import struct
import threading
import time

import pytest

import libvirt

from conftest import DOMAIN_XML


def err_of(fn, *args):
    try:
        fn(*args)
    except libvirt.libvirtError as e:
        return (e.get_error_code(), e.get_error_domain(), e.get_error_message(),
                e.get_error_level(), e.get_str1(), e.get_str2(), e.get_str3(),
                e.get_int1(), e.get_int2())
    raise AssertionError("no error raised")


def test_open_and_identity(daemon, rconn):
    local = libvirt.open("test:///default")
    assert rconn.getType() == local.getType()
    assert rconn.getURI() == "test:///default"
    assert rconn.getHostname() == local.getHostname()
    assert rconn.getInfo() == local.getInfo()
    assert rconn.getCapabilities() == local.getCapabilities()
    assert rconn.listDomainsID() == local.listDomainsID()
    assert sorted(d.name() for d in rconn.listAllDomains()) == \
        sorted(d.name() for d in local.listAllDomains())
    d = rconn.lookupByName("test")
    ld = local.lookupByName("test")
    assert d.UUIDString() == ld.UUIDString()
    assert d.ID() == ld.ID()
    assert d.XMLDesc(0) == ld.XMLDesc(0)
    assert d.state() == ld.state()
    assert d.schedulerParameters() == ld.schedulerParameters()
    assert rconn.lookupByUUIDString(d.UUIDString()).name() == "test"
    local.close()


def test_define_start_destroy_undefine(rconn):
    d = rconn.defineXML(DOMAIN_XML.format(name="remote-one"))
    try:
        assert "remote-one" in rconn.listDefinedDomains()
        assert not d.isActive()
        d.create()
        assert d.isActive()
        assert d.ID() > 0
        assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
        d.suspend()
        assert d.state()[0] == libvirt.VIR_DOMAIN_PAUSED
        d.resume()
        d.setMemory(262144)
        assert d.info()[2] == 262144
        d.destroy()
        assert not d.isActive()
        assert d.ID() == -1
    finally:
        d.undefine()
    assert "remote-one" not in rconn.listDefinedDomains()


@pytest.mark.parametrize("case", ["no-name", "no-uuid", "bad-xml", "not-running", "bad-flags"])
def test_errors_as_local(rconn, case):
    local = libvirt.open("test:///default")

    def run(c):
        if case == "no-name":
            return err_of(c.lookupByName, "does-not-exist")
        if case == "no-uuid":
            return err_of(c.lookupByUUIDString, "11111111-2222-3333-4444-555555555555")
        if case == "bad-xml":
            return err_of(c.defineXML, "<domain><name>x")
        if case == "not-running":
            d = c.defineXML(DOMAIN_XML.format(name="err-dom"))
            try:
                return err_of(d.destroy)
            finally:
                d.undefine()
        if case == "bad-flags":
            return err_of(c.lookupByName("test").XMLDesc, 0x40000000)
    assert run(rconn) == run(local)
    local.close()


def test_read_only_socket_refuses_writes(daemon):
    ro = libvirt.open(daemon.uri(ro=True))
    local = libvirt.openReadOnly("test:///default")
    try:
        assert ro.listDomainsID() == [1]
        assert ro.lookupByName("test").info()[0] == libvirt.VIR_DOMAIN_RUNNING
        got = err_of(ro.defineXML, DOMAIN_XML.format(name="ro-dom"))
        assert got[0] == libvirt.VIR_ERR_OPERATION_DENIED
        assert got == err_of(local.defineXML, DOMAIN_XML.format(name="ro-dom"))
        got = err_of(ro.lookupByName("test").destroy)
        assert got[0] == libvirt.VIR_ERR_OPERATION_DENIED
    finally:
        ro.close()
        local.close()
    # asking for read-only on the read-write socket gives the same
    ro2 = libvirt.openReadOnly(daemon.uri())
    try:
        assert err_of(ro2.defineXML, DOMAIN_XML.format(name="ro-dom"))[0] == \
            libvirt.VIR_ERR_OPERATION_DENIED
    finally:
        ro2.close()


def test_eight_threads_at_once(rconn):
    errors = []
    counts = []

    def work(i):
        try:
            name = f"thread-{i}"
            d = rconn.defineXML(DOMAIN_XML.format(name=name))
            for _ in range(50):
                assert rconn.lookupByName(name).UUIDString() == d.UUIDString()
                assert rconn.lookupByName("test").info()[0] == libvirt.VIR_DOMAIN_RUNNING
                assert len(d.XMLDesc(0)) > 100
            d.undefine()
            counts.append(i)
        except Exception as e:   # reported below, with the thread's number
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(counts) == list(range(8))


def test_events_arrive(daemon):
    libvirt.virEventRegisterDefaultImpl()
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            libvirt.virEventRunDefaultImpl()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    # a timer keeps the loop turning so that STOP is noticed
    timer = libvirt.virEventAddTimeout(50, lambda *a: None, None)
    c = libvirt.open(daemon.uri())
    seen = []
    legacy = []
    cbid = c.domainEventRegisterAny(
        None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        lambda conn, dom, event, detail, opaque: seen.append((dom.name(), event, detail)), None)
    c.domainEventRegister(lambda conn, dom, event, detail, opaque:
                          legacy.append((dom.name(), event)), None)
    try:
        d = c.defineXML(DOMAIN_XML.format(name="event-dom"))
        d.create()
        d.destroy()
        d.undefine()
        deadline = time.monotonic() + 10
        while len(seen) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen == [
            ("event-dom", libvirt.VIR_DOMAIN_EVENT_DEFINED, libvirt.VIR_DOMAIN_EVENT_DEFINED_ADDED),
            ("event-dom", libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED),
            ("event-dom", libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
            ("event-dom", libvirt.VIR_DOMAIN_EVENT_UNDEFINED, libvirt.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED),
        ]
        while len(legacy) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [e for _, e in legacy] == [s[1] for s in seen]
    finally:
        c.domainEventDeregisterAny(cbid)
        c.close()
        stop.set()
        t.join(timeout=5)
        libvirt.virEventRemoveTimeout(timer)


def test_bad_input_does_not_hurt(daemon, rconn):
    """Garbage, an oversized header and a truncated message from raw
    sockets: the daemon drops those clients and keeps serving others."""
    def raw(data):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        s.connect(str(daemon.sock))
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        try:
            while s.recv(4096):
                pass
        except OSError:
            pass
        s.close()

    raw(b"\xff" * 1000)
    raw(struct.pack("<7I", 0xFFFFFFF0, 0x564B4954, 1, 1, 0, 1, 0))
    raw(struct.pack("<7I", 100, 0x564B4954, 1, 1, 0, 1, 0) + b"ab")
    raw(struct.pack("<7I", 32, 0x564B4954, 1, 3, 0, 1, 0) + b"\xff\xff\xff\xff")
    assert daemon.alive()
    assert rconn.lookupByName("test").name() == "test"


def test_connection_refused_without_daemon(tmp_path):
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(f"test+unix:///default?socket={tmp_path}/nothing-here")
    assert e.value.get_error_code() == libvirt.VIR_ERR_SYSTEM_ERROR


def test_daemon_stops_cleanly(tmp_path):
    from conftest import Daemon
    d = Daemon(tmp_path)
    c = libvirt.open(d.uri())
    assert c.listDomainsID() == [1]
    closed = []
    c.registerCloseCallback(lambda conn, reason, opaque: closed.append(reason), None)
    assert d.stop() == 0
    deadline = time.monotonic() + 5
    while not closed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert closed == [libvirt.VIR_CONNECT_CLOSE_REASON_EOF]
    assert not d.sock.exists() and not d.pidfile.exists()
    with pytest.raises(libvirt.libvirtError):
        c.listDomainsID()


def screenshot(conn):
    st = conn.newStream(0)
    mime = conn.lookupByName("test").screenshot(st, 0, 0)
    data = bytearray()
    st.recvAll(lambda s, buf, opaque: opaque.extend(buf) or len(buf), data)
    st.finish()
    return mime, bytes(data)


def test_stream_download_same_bytes(rconn):
    """A screenshot is the test driver's download stream: the bytes that
    arrive through the daemon are the bytes a local connection reads."""
    local = libvirt.open("test:///default")
    try:
        mime, data = screenshot(rconn)
        assert len(data) > 1000
        assert (mime, data) == screenshot(local)
    finally:
        local.close()


def test_stream_abort_and_unsupported_upload(rconn):
    st = rconn.newStream(0)
    rconn.lookupByName("test").screenshot(st, 0, 0)
    assert len(st.recv(10)) == 10
    assert st.abort() == 0
    # the test driver has no volume transfer: the same error as locally
    local = libvirt.open("test:///default")
    try:
        def upload(c):
            pool = c.storagePoolLookupByName("default-pool")
            vol = pool.createXML("<volume><name>up</name><capacity>1024</capacity></volume>", 0)
            try:
                return err_of(vol.upload, c.newStream(0), 0, 0, 0)
            finally:
                vol.delete(0)
        assert upload(rconn) == upload(local)
    finally:
        local.close()


def test_keepalive_gives_up_on_a_silent_daemon(tmp_path):
    """A daemon that stops answering (SIGSTOP) is noticed by keepalive:
    the connection closes with VIR_CONNECT_CLOSE_REASON_KEEPALIVE."""
    import signal
    from conftest import Daemon
    d = Daemon(tmp_path)
    try:
        c = libvirt.open(d.uri())
        closed = []
        c.registerCloseCallback(lambda conn, reason, opaque: closed.append(reason), None)
        assert c.isAlive() == 1
        assert c.setKeepAlive(1, 1) == 0
        time.sleep(1.5)
        assert c.isAlive() == 1          # answered while the daemon runs
        d.proc.send_signal(signal.SIGSTOP)
        deadline = time.monotonic() + 10
        while not closed and time.monotonic() < deadline:
            time.sleep(0.05)
        assert closed == [libvirt.VIR_CONNECT_CLOSE_REASON_KEEPALIVE]
        assert c.isAlive() == 0
        with pytest.raises(libvirt.libvirtError):
            c.listDomainsID()
    finally:
        d.proc.send_signal(signal.SIGCONT)
        d.stop()


def raw_call(sock, proc, body=b"", serial=1):
    """One call on a raw socket, and its reply's (status, body)."""
    sock.sendall(struct.pack("<7I", 28 + len(body), 0x564B4954, 1, proc, 0, serial, 0) + body)
    head = b""
    while len(head) < 28:
        chunk = sock.recv(28 - len(head))
        assert chunk, "the daemon closed the connection"
        head += chunk
    length, program, version, rproc, rtype, rserial, status = struct.unpack("<7I", head)
    assert (program, rproc, rtype, rserial) == (0x564B4954, proc, 1, serial)
    rest = b""
    while len(rest) < length - 28:
        rest += sock.recv(length - 28 - len(rest))
    return status, rest


def error_of(body):
    code, domain = struct.unpack("<ii", body[:8])
    has = body[8]
    msg = ""
    if has:
        (n,) = struct.unpack("<I", body[9:13])
        msg = body[13:13 + n].decode()
    return code, domain, msg


def test_protocol_misuse_is_refused(daemon):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(str(daemon.sock))
    try:
        # a call before open
        status, body = raw_call(s, 13, struct.pack("<i", 10))
        assert status == 1
        assert error_of(body)[2] == "internal error: connection not open"
        # keepalive is answered whatever the state
        assert raw_call(s, 65541, serial=2) == (0, b"")
        # open, then a second open
        uri = b"test:///default"
        openbody = struct.pack("<I", len(uri)) + uri + struct.pack("<I", 0)
        assert raw_call(s, 65537, openbody, serial=3) == (0, b"")
        status, body = raw_call(s, 65537, openbody, serial=4)
        assert status == 1 and "already open" in error_of(body)[2]
        # an unknown procedure, and a call whose values are cut short
        status, body = raw_call(s, 4242, serial=5)
        assert status == 1 and error_of(body)[0] == libvirt.VIR_ERR_NO_SUPPORT
        status, body = raw_call(s, 13, b"\x01", serial=6)
        assert status == 1 and error_of(body)[:2] == (libvirt.VIR_ERR_RPC, libvirt.VIR_FROM_RPC)
        # the daemon opens only local URIs for a client
        s2 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s2.settimeout(5)
        s2.connect(str(daemon.sock))
        uri = b"test+unix:///default"
        status, body = raw_call(s2, 65537, struct.pack("<I", len(uri)) + uri + struct.pack("<I", 0))
        assert status == 1 and error_of(body)[0] == libvirt.VIR_ERR_INVALID_ARG
        s2.close()
    finally:
        s.close()
    assert daemon.alive()


def test_many_clients_many_calls(daemon):
    """8 connections × 300 calls from their own threads, then the
    daemon's memory is checked not to have grown much more."""
    def rss():
        for line in open(f"/proc/{daemon.proc.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def work(errors):
        try:
            c = libvirt.open(daemon.uri())
            for _ in range(300):
                c.lookupByName("test").info()
            c.close()
        except Exception as e:   # reported below
            errors.append(repr(e))

    errors = []
    for round_ in range(3):
        threads = [threading.Thread(target=work, args=(errors,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        if round_ == 0:
            after_first = rss()
    assert not errors
    assert rss() < after_first + 4096, (after_first, rss())


def test_glue_results_as_local(rconn):
    """Hand-written methods give what the local driver gives."""
    local = libvirt.open("test:///default")

    def results(c):
        d = c.lookupByName("test")
        out = []
        for call in (lambda: d.blockPeek("vda", 0, 16, 0), d.securityLabelList,
                     lambda: [[(n, st, cpu) for n, st, _time, cpu in d.vcpus()[0]],
                              d.vcpus()[1]],
                     lambda: d.vcpuPinInfo(0), lambda: d.emulatorPinInfo(0),
                     lambda: d.diskErrors(0), lambda: d.getCPUStats(True, 0),
                     lambda: c.getCPUMap(0)):
            try:
                out.append(call())
            except libvirt.libvirtError as e:
                out.append(("error", e.get_error_code(), e.get_error_domain(), e.get_error_message()))
        return out
    try:
        assert results(rconn) == results(local)
    finally:
        local.close()


def test_secret_value_as_local(rconn):
    """The test driver keeps no secrets: the same refusal through the daemon."""
    local = libvirt.open("test:///default")
    xml = ("<secret ephemeral='no' private='no'><uuid>11111111-2222-3333-4444-555555555555"
           "</uuid><usage type='volume'><volume>/tmp/remote-test</volume></usage></secret>")
    try:
        assert err_of(rconn.secretDefineXML, xml) == err_of(local.secretDefineXML, xml)
    finally:
        local.close()


def test_oversized_message_refused(tmp_path):
    """With --max-message 4096, a call longer than that is refused by the
    daemon from its header alone: the connection is dropped, the daemon
    goes on serving others."""
    from conftest import Daemon
    d = Daemon(tmp_path, "--max-message", "4096")
    try:
        c = libvirt.open(d.uri())
        big = DOMAIN_XML.format(name="big").replace(
            "</domain>", "<description>" + "x" * 8192 + "</description></domain>")
        with pytest.raises(libvirt.libvirtError) as e:
            c.defineXML(big)
        assert e.value.get_error_code() == libvirt.VIR_ERR_RPC
        assert d.alive()
        other = libvirt.open(d.uri())
        assert other.listDomainsID() == [1]
        other.close()
        # a message exactly too big for the header's length word
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(str(d.sock))
        s.sendall(struct.pack("<7I", 4097, 0x564B4954, 1, 13, 0, 1, 0))
        s.settimeout(5)
        assert s.recv(100) == b""      # dropped without a body being read
        s.close()
        assert d.alive()
    finally:
        assert d.stop() == 0


def test_max_clients(tmp_path):
    """--max-clients 2: a third connection is refused with an error that
    says why; once one closes, a new one is served."""
    from conftest import Daemon
    d = Daemon(tmp_path, "--max-clients", "2")
    try:
        a = libvirt.open(d.uri())
        b = libvirt.open(d.uri())
        with pytest.raises(libvirt.libvirtError) as e:
            libvirt.open(d.uri())
        assert e.value.get_error_code() == libvirt.VIR_ERR_RPC
        assert "too many clients" in e.value.get_error_message()
        assert "at most 2" in e.value.get_error_message()
        a.close()
        deadline = time.monotonic() + 5
        while True:
            try:
                c = libvirt.open(d.uri())
                break
            except libvirt.libvirtError:
                # the daemon notices the closed client a moment later
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert c.listDomainsID() == [1]
        c.close()
        b.close()
    finally:
        assert d.stop() == 0
