"""The client end alone, against a scripted daemon written here: calls
from several threads go out on one connection before any reply comes,
and replies that come back in another order still reach the thread that
made each call (matched by serial)."""
import os
import socket
import struct
import threading

import libvirt

PROGRAM = 0x564B4954
OPEN = 65537
CLOSE = 65538
LOOKUP_BY_NAME = 20   # api.xml's proc of virDomainLookupByName


def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_message(s):
    head = read_exact(s, 28)
    length, program, version, proc, mtype, serial, status = struct.unpack("<7I", head)
    assert program == PROGRAM and mtype == 0
    return proc, serial, read_exact(s, length - 28)


def reply(s, proc, serial, body=b""):
    s.sendall(struct.pack("<7I", 28 + len(body), PROGRAM, 1, proc, 1, serial, 0) + body)


def domain_handle(name, ident):
    data = name.encode()
    return (b"\x01" + struct.pack("<I", len(data)) + data + bytes(range(16)) +
            struct.pack("<i", ident) + b"\x00\x00\x00")


def scripted_daemon(listener, ncalls, seen):
    """Answer open, then hold NCALLS lookups by name and answer them in
    reverse order, each with the domain it asked for."""
    conn, _ = listener.accept()
    with conn:
        proc, serial, _ = read_message(conn)
        assert proc == OPEN
        reply(conn, proc, serial)
        held = []
        while len(held) < ncalls:
            proc, serial, body = read_message(conn)
            assert proc == LOOKUP_BY_NAME
            (n,) = struct.unpack("<I", body[:4])
            held.append((serial, body[4:4 + n].decode()))
        seen.extend(held)
        for serial, name in reversed(held):
            reply(conn, LOOKUP_BY_NAME, serial, domain_handle(name, serial))
        try:
            proc, serial, _ = read_message(conn)
            if proc == CLOSE:
                reply(conn, proc, serial)
        except EOFError:
            pass


def test_replies_out_of_order_reach_their_callers(tmp_path):
    path = str(tmp_path / "sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    listener.settimeout(20)
    seen = []
    ncalls = 6
    server = threading.Thread(target=scripted_daemon, args=(listener, ncalls, seen), daemon=True)
    server.start()
    try:
        c = libvirt.open(f"test+unix:///default?socket={path}")
        results = {}
        start = threading.Barrier(ncalls)

        def call(i):
            start.wait()
            d = c.lookupByName(f"dom-{i}")
            results[i] = (d.name(), d.ID())

        threads = [threading.Thread(target=call, args=(i,)) for i in range(ncalls)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=20)
        # every call was in flight at once: the daemon held them all
        assert len(seen) == ncalls
        # each thread got the domain it asked for, though the answers
        # came last call first; the id is the serial its call went with
        serial_of = {name: serial for serial, name in seen}
        assert results == {i: (f"dom-{i}", serial_of[f"dom-{i}"]) for i in range(ncalls)}
        assert len({serial for serial, _ in seen}) == ncalls
        c.close()
    finally:
        listener.close()
        server.join(timeout=5)
        if os.path.exists(path):
            os.unlink(path)
