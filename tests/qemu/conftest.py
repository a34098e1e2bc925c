"""Fixtures for the QEMU driver tests: real QEMU under TCG through
`import libvirt` (virtkit's binding) and qemu:///embed?root=DIR.

Every test that starts a guest does it through a `conn` fixture, whose
finalizer destroys whatever still runs under its root before the folder is
removed, so no QEMU outlives a test even when the test fails.  Roots are
short folders in /tmp (the QMP socket path must stay under 108 bytes).
"""

import os
import shutil
import sys
import tempfile
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'guest'))

import libvirt  # noqa: E402  (virtkit's binding, from PYTHONPATH)
import guest    # noqa: E402

TIMEOUT = 60.0


@pytest.fixture(scope='session')
def guest_files():
    """(kernel, initrd) of the tiny guest, built once."""
    return guest.guest_paths()


_loop_started = False


@pytest.fixture(scope='session')
def event_loop():
    """The library's default event loop, run by a daemon thread: event
    callbacks are delivered from it."""
    global _loop_started
    if not _loop_started:
        libvirt.virEventRegisterDefaultImpl()

        def run():
            while True:
                libvirt.virEventRunDefaultImpl()
        threading.Thread(target=run, daemon=True).start()
        _loop_started = True


def make_root():
    return tempfile.mkdtemp(prefix='vkq-', dir='/tmp')


def cleanup_conn(conn):
    """Destroy every running domain of conn, then close it."""
    try:
        for dom in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE):
            try:
                dom.destroy()
            except libvirt.libvirtError:
                pass
    finally:
        conn.close()


@pytest.fixture
def root():
    path = make_root()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def conn(root, event_loop):
    c = libvirt.open('qemu:///embed?root=' + root)
    yield c
    cleanup_conn(c)


class Events:
    """Records lifecycle, reboot and balloon events of one connection."""

    def __init__(self, conn):
        self.cond = threading.Condition()
        self.items = []
        self.conn = conn
        self.ids = [
            conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                        self._lifecycle, None),
            conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                        self._reboot, None),
            conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE,
                                        self._balloon, None),
        ]

    def _add(self, item):
        with self.cond:
            self.items.append(item)
            self.cond.notify_all()

    def _lifecycle(self, conn, dom, event, detail, opaque):
        self._add((dom.name(), event, detail))

    def _reboot(self, conn, dom, opaque):
        self._add((dom.name(), 'reboot'))

    def _balloon(self, conn, dom, actual, opaque):
        self._add((dom.name(), 'balloon', actual))

    def of(self, name):
        with self.cond:
            return [i[1:] for i in self.items if i[0] == name]

    def count(self):
        with self.cond:
            return len(self.items)

    def wait_for(self, name, item, timeout=TIMEOUT, after=0):
        """Wait until (name,) + item was recorded (as event number AFTER or
        later, see count())."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while (name,) + tuple(item) not in self.items[after:]:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError('no event %r for %s within %g s; got %r'
                                         % (item, name, timeout, self.items))
                self.cond.wait(left)

    def close(self):
        for i in self.ids:
            try:
                self.conn.domainEventDeregisterAny(i)
            except libvirt.libvirtError:
                pass


@pytest.fixture
def events(conn):
    ev = Events(conn)
    yield ev
    ev.close()


class ConsoleReader:
    """Reads a console stream on a thread so that waits can time out."""

    def __init__(self, stream):
        self.stream = stream
        self.cond = threading.Condition()
        self.data = b''
        self.pos = 0
        self.done = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            while True:
                chunk = self.stream.recv(4096)
                if not chunk or chunk == -2:
                    break
                with self.cond:
                    self.data += chunk
                    self.cond.notify_all()
        except libvirt.libvirtError:
            pass
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def wait_for(self, marker, timeout=TIMEOUT):
        """Wait for marker after what earlier waits consumed; return the
        text before it."""
        if isinstance(marker, str):
            marker = marker.encode()
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                i = self.data.find(marker, self.pos)
                if i >= 0:
                    text = self.data[self.pos:i]
                    self.pos = i + len(marker)
                    return text.decode('utf-8', 'replace')
                left = deadline - time.monotonic()
                if left <= 0 or self.done:
                    raise AssertionError('%r did not come within %g s; got %r'
                                         % (marker, timeout, self.data[self.pos:][-2000:]))
                self.cond.wait(left)

    def send(self, text):
        self.stream.send(text.encode())

    def close(self):
        try:
            self.stream.abort()
        except libvirt.libvirtError:
            pass
        self.thread.join(TIMEOUT)


def process_gone(pid):
    """True when pid no longer exists (or is not ours to see)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


class RunningGuest:
    """A guest started paused under its own root, its console stream
    opened, then resumed and booted to its shell prompt (module fixtures
    use it; close() destroys it and removes the root)."""

    def __init__(self, name, xml_of):
        self.root = make_root()
        self.conn = libvirt.open('qemu:///embed?root=' + self.root)
        self.events = None
        self.console = None
        try:
            self.events = Events(self.conn)
            self.dom = self.conn.defineXML(xml_of(self.root))
            self.dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
            st = self.conn.newStream(0)
            self.dom.openConsole(None, st, 0)
            self.console = ConsoleReader(st)
            self.dom.resume()
            self.console.wait_for(guest.READY_MARKER)
            self.console.wait_for(guest.PROMPT)
        except BaseException:
            self.close()
            raise

    def run(self, command):
        """Type command into the guest's shell; return its output."""
        self.console.send(command + '; echo @@done@@\n')
        self.console.wait_for('@@done@@')          # the echo of the line
        out = self.console.wait_for('@@done@@')
        self.console.wait_for(guest.PROMPT)
        return out.replace('\r\n', '\n').strip()

    def close(self):
        if self.console:
            self.console.close()
        if self.events:
            self.events.close()
        cleanup_conn(self.conn)
        shutil.rmtree(self.root, ignore_errors=True)
