"""Consoles, channels and screenshots through virtkitd: a real TCG guest
booted by a daemon (qemu:///system with --root) and reached only through
its socket.

The guest is shared by the module; the tests that end it (guest gone)
run last on a guest of their own.  Console streams are read with the QEMU
tests' ConsoleReader (blocking streams) or through stream event callbacks
on the library's event loop (non-blocking streams, as the shell does).
Every daemon and QEMU started here ends with its fixture, whatever the
tests did.
"""
import importlib.util
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import threading
import time

import pytest

import libvirt

HERE = pathlib.Path(__file__).resolve().parent


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


qc = _load('qemu_conftest', HERE.parent / 'qemu' / 'conftest.py')
dq = _load('daemon_qemu', HERE / 'test_daemon_qemu.py')
import guest  # noqa: E402  (put on sys.path by the QEMU conftest)

event_loop = qc.event_loop
guest_files = qc.guest_files
TIMEOUT = qc.TIMEOUT
VIRTKIT = pathlib.Path(os.environ.get('VIRTKIT_BUILDDIR', '')) / 'core' / 'tools' / 'virtkit'


@pytest.fixture(scope='module')
def sysd(guest_files, event_loop):
    """One daemon for the module, under a short root of its own."""
    root = tempfile.mkdtemp(prefix='vkc-', dir='/tmp')
    d = dq.Daemon(os.path.join(root, 'run', 'virtkit'), ['--root', root])
    try:
        d.start()
        yield d
    finally:
        d.kill(signal.SIGTERM)
        dq.destroy_qemus(os.path.join(root, 'run', 'virtkit', 'qemu'))
        shutil.rmtree(root, ignore_errors=True)


def start_guest(conn, name, extra_devices=''):
    """Define NAME, start it paused, open its console (blocking stream,
    read by a ConsoleReader), resume it and wait for its prompt."""
    dom = conn.defineXML(guest.domain_xml(name, extra_devices=extra_devices))
    dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
    reader = qc.ConsoleReader(open_console(conn, dom))
    dom.resume()
    reader.wait_for(guest.READY_MARKER)
    reader.wait_for(guest.PROMPT)
    return dom, reader


def open_console(conn, dom, flags=0, stream_flags=0):
    st = conn.newStream(stream_flags)
    dom.openConsole(None, st, flags)
    return st


def run(reader, command):
    """Type COMMAND; return its output (the QEMU tests' RunningGuest.run)."""
    reader.send(command + '; echo @@done@@\n')
    reader.wait_for('@@done@@')
    out = reader.wait_for('@@done@@')
    reader.wait_for(guest.PROMPT)
    return out.replace('\r\n', '\n').strip()


@pytest.fixture(scope='module')
def tiny(sysd):
    """(connection, domain) of a guest at its prompt, console closed."""
    conn = libvirt.open(sysd.uri())
    dom, reader = start_guest(conn, 'tiny', "<video><model type='vga'/></video>")
    reader.close()
    try:
        yield conn, dom
    finally:
        try:
            dom.destroy()
        except libvirt.libvirtError:
            pass
        conn.close()


def test_console_ready_marker_and_arithmetic(sysd, guest_files, event_loop):
    conn = libvirt.open(sysd.uri())
    try:
        dom, reader = start_guest(conn, 'marker')
        try:
            assert run(reader, 'echo $((6*7))') == '42'
        finally:
            reader.close()
            dom.destroy()
            dom.undefine()
    finally:
        conn.close()


class CallbackConsole:
    """A non-blocking console stream read and written only from stream
    event callbacks on the library's event loop, as the shell does."""

    def __init__(self, conn, dom, flags=0):
        self.st = open_console(conn, dom, flags, libvirt.VIR_STREAM_NONBLOCK)
        self.cond = threading.Condition()
        self.data = b''
        self.pending = b''
        self.events = []
        self.ended = None
        self.st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE |
                                 libvirt.VIR_STREAM_EVENT_HANGUP |
                                 libvirt.VIR_STREAM_EVENT_ERROR, self._cb, None)

    def _cb(self, st, events, opaque):
        with self.cond:
            self.events.append(events)
            if events & libvirt.VIR_STREAM_EVENT_READABLE:
                while True:
                    try:
                        got = st.recv(4096)
                    except libvirt.libvirtError as e:
                        self._end(e)
                        return
                    if got == -2:
                        break
                    if not got:
                        self._end('eof')
                        return
                    self.data += got
            if events & libvirt.VIR_STREAM_EVENT_WRITABLE and self.pending:
                sent = st.send(self.pending)
                if sent > 0:
                    self.pending = self.pending[sent:]
                if not self.pending:
                    st.eventUpdateCallback(libvirt.VIR_STREAM_EVENT_READABLE |
                                           libvirt.VIR_STREAM_EVENT_HANGUP |
                                           libvirt.VIR_STREAM_EVENT_ERROR)
            if events & (libvirt.VIR_STREAM_EVENT_HANGUP | libvirt.VIR_STREAM_EVENT_ERROR):
                self._end('hangup' if events & libvirt.VIR_STREAM_EVENT_HANGUP else 'error')
                return
            self.cond.notify_all()

    def _end(self, why):
        """Lock held: stop listening."""
        if self.ended is None:
            self.ended = why
            self.st.eventRemoveCallback()
        self.cond.notify_all()

    def type(self, text):
        """Queue TEXT; the WRITABLE callback sends it."""
        with self.cond:
            self.pending += text.encode()
            self.st.eventUpdateCallback(libvirt.VIR_STREAM_EVENT_READABLE |
                                        libvirt.VIR_STREAM_EVENT_WRITABLE |
                                        libvirt.VIR_STREAM_EVENT_HANGUP |
                                        libvirt.VIR_STREAM_EVENT_ERROR)

    def wait(self, pred, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not pred():
                left = deadline - time.monotonic()
                assert left > 0, '%s did not happen; got %r' % (what, self.data[-500:].replace(b'x' * 50, b'X'))
                self.cond.wait(left)

    def wait_for(self, text, timeout=TIMEOUT):
        self.wait(lambda: text.encode() in self.data, repr(text), timeout)

    def close(self):
        with self.cond:
            if self.ended is None:
                self.ended = 'closed'
                self.st.eventRemoveCallback()
        try:
            self.st.abort()
        except libvirt.libvirtError:
            pass


def test_console_event_callbacks_both_ways(tiny):
    conn, dom = tiny
    con = CallbackConsole(conn, dom)
    try:
        con.type('echo cb-$((6*7))\n')
        con.wait_for('cb-42')
        # far more than one chunk each way, in order and complete: every
        # message of the stream waits for the one before (flow control)
        con.type('seq 1 30000 | tail -n 2; echo ' + 'x' * 800 + ' | wc -c\n')
        con.wait_for('29999\r\n30000\r\n801')
        con.type('seq 100000 100000 3000000 | wc -l\n')
        con.wait_for('\r\n30\r\n')
        assert con.ended is None
        assert all(e & libvirt.VIR_STREAM_EVENT_READABLE or e & libvirt.VIR_STREAM_EVENT_WRITABLE
                   for e in con.events)
    finally:
        con.close()


def test_console_big_output_arrives_whole(tiny):
    """Output bigger than many stream chunks, read by a slow blocking
    reader: every byte arrives, in order."""
    conn, dom = tiny
    reader = qc.ConsoleReader(open_console(conn, dom))
    try:
        reader.send('\n')
        reader.wait_for(guest.PROMPT)
        out = run(reader, 'seq 1 40000')
        assert out.split('\n') == [str(i) for i in range(1, 40001)]
    finally:
        reader.close()


def test_console_input_bigger_than_the_pty_takes(tiny):
    """50,000 bytes typed in one go, far more than the pty buffers: the
    daemon's sends wait for the device to drain (the client's wait for
    those answers), and the guest counts every byte."""
    conn, dom = tiny
    reader = qc.ConsoleReader(open_console(conn, dom))
    try:
        reader.send('\n')
        reader.wait_for(guest.PROMPT)
        reader.send('stty -echo; head -c 50000 | wc -c; stty echo\n')
        reader.wait_for('\n')
        line = 'y' * 99 + '\n'
        reader.stream.send((line * 500).encode())
        # (the first bytes may be echoed before stty turns echo off)
        assert re.search(r'(\d+)\s*$', reader.wait_for(guest.PROMPT)).group(1) == '50000'
    finally:
        reader.close()


def test_console_force_takes_over(tiny, sysd):
    conn, dom = tiny
    other = libvirt.open(sysd.uri())
    first = qc.ConsoleReader(open_console(conn, dom))
    try:
        first.send('\n')
        first.wait_for(guest.PROMPT)
        odom = other.lookupByName('tiny')
        with pytest.raises(libvirt.libvirtError) as e:
            open_console(other, odom)
        assert e.value.get_error_code() == libvirt.VIR_ERR_OPERATION_FAILED
        assert e.value.get_error_domain() == libvirt.VIR_FROM_QEMU
        assert 'Active console session exists for this domain' in str(e.value)

        second = qc.ConsoleReader(open_console(other, odom, libvirt.VIR_DOMAIN_CONSOLE_FORCE))
        try:
            # the first client's stream is closed: its reader ends, and a
            # send fails as libvirt's does after a forced open
            first.thread.join(TIMEOUT)
            assert not first.thread.is_alive()
            with pytest.raises(libvirt.libvirtError) as e:
                first.stream.send(b'x')
            assert e.value.get_error_code() == libvirt.VIR_ERR_INTERNAL_ERROR
            assert e.value.get_error_domain() == libvirt.VIR_FROM_STREAMS
            assert 'stream is not open' in str(e.value)
            assert run(second, 'echo forced-$((40+2))') == 'forced-42'
        finally:
            second.close()
    finally:
        first.close()
        other.close()


CLIENT = '''
import sys, libvirt
conn = libvirt.open(sys.argv[1])
st = conn.newStream(0)
conn.lookupByName('tiny').openConsole(None, st, 0)
print('open', flush=True)
sys.stdin.read()
'''


def test_console_released_when_client_dies(tiny, sysd):
    """A client killed with its console open: the daemon drops its
    stream, so the next client opens the console without forcing."""
    conn, dom = tiny
    p = subprocess.Popen([sys.executable, '-c', CLIENT, sysd.uri()],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert p.stdout.readline() == b'open\n'
        with pytest.raises(libvirt.libvirtError):
            open_console(conn, dom).abort()
    finally:
        p.kill()
        p.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            st = open_console(conn, dom)
            break
        except libvirt.libvirtError:
            # the daemon sees the socket close a moment after the kill
            assert time.monotonic() < deadline
            time.sleep(0.05)
    reader = qc.ConsoleReader(st)
    try:
        assert run(reader, 'echo again') == 'again'
    finally:
        reader.close()


def test_console_abort_wakes_blocked_reader(tiny):
    conn, dom = tiny
    reader = qc.ConsoleReader(open_console(conn, dom))
    assert reader.thread.is_alive()          # blocked in recv: nothing typed
    reader.close()                           # abort from another thread
    assert not reader.thread.is_alive()
    assert reader.done
    # the console is free again at once
    st = open_console(conn, dom)
    st.abort()


class RawModeFirst:
    """os, whose write() to a pseudo-terminal waits until the program on
    its other side made it raw."""

    def __getattr__(self, name):
        return getattr(os, name)

    def write(self, fd, data):
        deadline = time.monotonic() + TIMEOUT
        while termios.tcgetattr(fd)[3] & termios.ICANON:
            assert time.monotonic() < deadline, 'the terminal never became raw'
            time.sleep(0.01)
        return os.write(fd, data)


def test_shell_console_through_daemon(tiny, sysd):
    """`virtkit -c qemu+unix://… console tiny` on a pseudo-terminal."""
    # test_shell imports the QEMU tests' conftest by that name
    saved = sys.modules.get('conftest')
    sys.modules['conftest'] = qc
    try:
        shell = _load('qemu_test_shell', HERE.parent / 'qemu' / 'test_shell.py')
    finally:
        sys.modules['conftest'] = saved
    # the shell prints its banner before it puts the terminal in raw mode
    # (and flushes what was typed by then), as virsh does; a remote
    # console opens slower than a local one, so wait for raw mode first
    shell.os = RawModeFirst()
    seen, status = shell.console_session(sysd.uri(), 'tiny', [('echo $((6*7))', '42')])
    assert "Connected to domain 'tiny'" in seen and '42' in seen
    assert status == 0


def ppm_size(data):
    """(width, height) of a binary PPM, checking its length."""
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P6' and fields[3] == b'255', fields
    width, height = int(fields[1]), int(fields[2])
    assert len(data) == pos + 1 + width * height * 3
    return width, height


def test_screenshot_is_a_ppm(tiny):
    conn, dom = tiny
    st = conn.newStream(0)
    mime = dom.screenshot(st, 0, 0)
    data = bytearray()
    st.recvAll(lambda s, buf, opaque: opaque.extend(buf) or len(buf), data)
    st.finish()
    assert mime == 'image/x-portable-pixmap'
    # the VGA text console the guest's kernel leaves: 80x25 cells of 9x16
    assert ppm_size(bytes(data)) == (720, 400)


def test_open_channel_through_daemon(tiny):
    """The tiny guest has no channel: the driver's own error comes back."""
    conn, dom = tiny
    st = conn.newStream(0)
    with pytest.raises(libvirt.libvirtError) as e:
        dom.openChannel('org.example.none', st, 0)
    assert e.value.get_error_code() in (libvirt.VIR_ERR_NO_SUPPORT,
                                        libvirt.VIR_ERR_INTERNAL_ERROR,
                                        libvirt.VIR_ERR_OPERATION_FAILED)


def test_console_hangs_up_when_guest_goes(tiny, sysd):
    """Last: the guest is destroyed under two open consoles; the blocking
    reader gets the end of the stream, the callback stream HANGUP."""
    conn, dom = tiny
    reader = qc.ConsoleReader(open_console(conn, dom))
    reader.close()
    con = CallbackConsole(conn, dom)
    try:
        con.type('echo before-end\n')
        con.wait_for('before-end\r\n')
        dom.destroy()
        con.wait(lambda: con.ended is not None, 'the end of the stream')
        assert con.ended in ('eof', 'hangup')
        assert any(e & libvirt.VIR_STREAM_EVENT_HANGUP for e in con.events) or con.ended == 'eof'
    finally:
        con.close()


def hole_errors(conn):
    """What the test driver's screenshot stream (a source) answers to a
    hole sent and a hole asked for."""
    def err(fn, *args):
        with pytest.raises(libvirt.libvirtError) as e:
            fn(*args)
        return e.value.get_error_code(), e.value.get_error_domain(), str(e.value)
    st = conn.newStream(0)
    conn.lookupByName('test').screenshot(st, 0, 0)
    try:
        return err(st.sendHole, 4096, 0), err(st.recvHole, 0), err(st.sendHole, -1, 0)
    finally:
        st.abort()


def test_stream_holes_cross_the_wire(daemon):
    """virStreamSendHole and virStreamRecvHole reach the driver's stream
    in the daemon: its answers are those of a local connection (the test
    driver has no sparse volume transfer to carry real holes)."""
    rconn = libvirt.open(daemon.uri())
    local = libvirt.open('test:///default')
    try:
        assert hole_errors(rconn) == hole_errors(local)
    finally:
        rconn.close()
        local.close()
