"""Load on one virtkitd: 16 clients x 10,000 calls on test+unix://, while
raw sockets throw bad input at the same daemon.

Every client has its own connection and thread and makes the same mix:
a lookup, getInfo, listAllDomains, and define then undefine of a domain
of its own (five calls a round, 2,000 rounds).  No call may fail.  The
daemon's resident memory is read from /proc after a warm-up of 200
rounds per client (its worker threads, their malloc arenas and every
client's connection then exist) and again after the load, with every
client still connected: it must stay flat (see RSS_SLACK).

Meanwhile a thread opens raw sockets and sends what a broken or hostile
client would: garbage, an oversized header, a truncated message, a
header shorter than itself, reply and event messages, stream messages
of the reserved stream type, and stream calls out of order (on numbers
never opened, after finish, twice aborted, before open).  Each must be
refused or answered with an error; the daemon stays up and the clients
above see nothing of it.

A separate meson test (remote-load): it takes longer than a minute on a
shared machine.
"""
import os
import socket
import struct
import threading
import time

import libvirt

from conftest import DOMAIN_XML
from test_remote import error_of, raw_call

CLIENTS = 16
ROUNDS = 2000              # x 5 calls = 10,000 calls per client
WARMUP_ROUNDS = 200
# Flat, in bytes: a leak of even 64 bytes a call would be 10 MiB over the
# 160,000 calls.  What may legitimately move after the warm-up is malloc's
# free lists in each worker's arena and the test driver's domain list
# (one domain per client at most, defined then undefined), so a few MiB.
RSS_SLACK = 4 * 1024 * 1024

PROGRAM = 0x564B4954


def rss(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) * 1024
    raise AssertionError('no VmRSS for %d' % pid)


def header(length, proc, mtype=0, serial=1, status=0):
    return struct.pack('<7I', length, PROGRAM, 1, proc, mtype, serial, status)


def call(proc, body=b'', serial=1, mtype=0, status=0):
    return header(28 + len(body), proc, mtype, serial, status) + body


def string(s):
    return struct.pack('<I', len(s)) + s


OPEN = call(65537, string(b'test:///default') + struct.pack('<I', 0))


class Attacker:
    """Bad input from raw sockets, round after round, until stopped."""

    def __init__(self, sock_path):
        self.path = str(sock_path)
        self.stop = threading.Event()
        self.rounds = 0
        self.failure = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(30)
        s.connect(self.path)
        return s

    def dropped(self, data):
        """Send DATA and half-close: the daemon must close its end."""
        s = self.connect()
        try:
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
                while s.recv(65536):
                    pass
            except (ConnectionResetError, BrokenPipeError):
                pass
        finally:
            s.close()

    def stream_misuse(self):
        """Stream calls out of order on an open connection: each is
        answered with an error, and the connection keeps working."""
        s = self.connect()
        try:
            # a stream call before open
            status, body = raw_call(s, 1201, struct.pack('<iII', 1, 10, 0), serial=1)
            assert status == 1, body
            assert raw_call(s, 65537, OPEN[28:], serial=2) == (0, b'')
            # numbers never opened
            for serial, (proc, body) in enumerate([
                    (1201, struct.pack('<iII', 7, 4096, 0)),
                    (1200, struct.pack('<i', 7) + string(b'data')),
                    (1203, struct.pack('<iqI', 7, 4096, 0)),
                    (1204, struct.pack('<iI', 7, 0)),
                    (1208, struct.pack('<i', 7)),
                    (1209, struct.pack('<i', -1))], start=3):
                status, reply = raw_call(s, proc, body, serial=serial)
                assert status == 1, (proc, reply)
                assert error_of(reply)[0] == libvirt.VIR_ERR_INVALID_STREAM, error_of(reply)
            # a real stream (the test driver's screenshot), used after its end
            h = (b'\x01' + string(b'test') + bytes(16) + struct.pack('<i', -1) +
                 b'\x00\x00\x00')
            status, reply = raw_call(s, 2024, h + struct.pack('<II', 0, 0), serial=20)
            if status == 0:
                (sid,) = struct.unpack('<i', reply[:4])
                assert raw_call(s, 1201, struct.pack('<iII', sid, 16, 0), serial=21)[0] == 0
                # a send to a source: the driver's error
                assert raw_call(s, 1200, struct.pack('<i', sid) + string(b'x'), serial=22)[0] == 1
                assert raw_call(s, 1209, struct.pack('<i', sid), serial=23) == (0, b'')
                for serial, proc in enumerate((1201, 1209, 1208), start=24):
                    body = struct.pack('<iII', sid, 16, 0) if proc == 1201 else struct.pack('<i', sid)
                    assert raw_call(s, proc, body, serial=serial)[0] == 1
            # the connection still answers
            status, reply = raw_call(s, 65541, serial=30)
            assert status == 0
        finally:
            s.close()

    def _run(self):
        junk = bytes((i * 151 + 7) % 256 for i in range(5000))
        attacks = [
            junk,                                           # garbage
            header(0xFFFFFFF0, 1),                          # oversized
            header(100, 1) + b'ab',                         # truncated
            header(20, 1),                                  # shorter than a header
            header(28, 1, mtype=9),                         # unknown type
            OPEN + call(1201, struct.pack('<iII', 1, 8, 0), mtype=3, serial=5),
            OPEN + call(1200, struct.pack('<i', 1) + string(b'zz'), mtype=3, status=2),
            OPEN + call(13, b'', mtype=1, serial=7),        # a reply from a client
            OPEN + call(65543, b'\x00' * 8, mtype=2),       # an event from a client
            OPEN + call(1201, b'\x01\x00'),                 # a truncated body
            OPEN + header(28 + 64, 1201) + b'\x01' * 10,    # the body cut short
            OPEN + call(1201, struct.pack('<iII', 1, 0xFFFFFFFF, 0)),
        ]
        try:
            while not self.stop.is_set():
                for data in attacks:
                    self.dropped(data)
                self.stream_misuse()
                self.rounds += 1
        except BaseException as e:       # reported by the test
            self.failure = e

    def finish(self):
        self.stop.set()
        self.thread.join(120)
        assert not self.thread.is_alive()
        if self.failure:
            raise self.failure


class Client:
    def __init__(self, uri, index):
        self.conn = libvirt.open(uri)
        self.name = 'load-%d' % index
        self.xml = DOMAIN_XML.format(name=self.name)
        self.calls = 0
        self.errors = []

    def rounds(self, n):
        conn = self.conn
        for _ in range(n):
            try:
                dom = conn.lookupByName('test')
                assert dom.info()[0] == libvirt.VIR_DOMAIN_RUNNING
                assert len(conn.listAllDomains(0)) >= 1
                mine = conn.defineXML(self.xml)
                mine.undefine()
                self.calls += 5
            except Exception as e:      # every failure is reported at the end
                self.errors.append(repr(e))
                if len(self.errors) > 10:
                    return


def run_all(clients, n):
    threads = [threading.Thread(target=c.rounds, args=(n,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_sixteen_clients_and_bad_input(daemon):
    pid = daemon.proc.pid
    clients = [Client(daemon.uri(), i) for i in range(CLIENTS)]
    try:
        run_all(clients, WARMUP_ROUNDS)
        before = rss(pid)
        attacker = Attacker(daemon.sock)
        t0 = time.monotonic()
        run_all(clients, ROUNDS)
        elapsed = time.monotonic() - t0
        attacker.finish()
        after = rss(pid)
        errors = [e for c in clients for e in c.errors]
        assert errors == []
        assert [c.calls for c in clients] == [5 * (ROUNDS + WARMUP_ROUNDS)] * CLIENTS
        assert attacker.rounds > 0
        assert daemon.alive()
        print('\n%d calls in %.1f s (%.0f calls/s); daemon RSS %.1f MiB after warm-up, '
              '%.1f MiB after the load; %d rounds of bad input'
              % (CLIENTS * ROUNDS * 5, elapsed, CLIENTS * ROUNDS * 5 / elapsed,
                 before / 2**20, after / 2**20, attacker.rounds))
        assert after - before <= RSS_SLACK, (before, after)
    finally:
        for c in clients:
            c.conn.close()
    # and the daemon still serves a new client
    c = libvirt.open(daemon.uri())
    try:
        assert c.lookupByName('test').name() == 'test'
    finally:
        c.close()
