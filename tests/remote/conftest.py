"""pytest setup for the remote tests: a virtkitd of our own, per module.

Every test here talks to a daemon started with --root in a temporary
folder (under $VIRTKITD_WRAPPER when set, e.g. "valgrind -q
--error-exitcode=99" to check the daemon's memory use by hand), so nothing outside it is touched and several runs can go side by
side.  The daemon is stopped with SIGTERM when the module is done, and
killed if it does not stop in time, whatever happened in the tests.
"""
import os
import pathlib
import shlex
import signal
import subprocess
import time

import pytest

import libvirt

BUILD = pathlib.Path(os.environ.get("VIRTKIT_BUILDDIR", ""))
VIRTKITD = BUILD / "core" / "daemon" / "virtkitd"


def pytest_configure(config):
    assert os.environ.get("VIRTKIT_BUILDDIR"), "run the tests through build/run"
    assert libvirt.__file__.startswith(str(BUILD)), libvirt.__file__


class Daemon:
    def __init__(self, root: pathlib.Path, *args: str):
        self.root = root
        self.rundir = root / "run" / "virtkit"
        self.sock = self.rundir / "virtkit-sock"
        self.sock_ro = self.rundir / "virtkit-sock-ro"
        self.pidfile = root / "virtkitd.pid"
        self.log = open(root / "virtkitd.log", "w+")
        wrapper = shlex.split(os.environ.get("VIRTKITD_WRAPPER", ""))
        self.proc = subprocess.Popen(
            wrapper + [str(VIRTKITD), "--root", str(root), "--pidfile", str(self.pidfile),
                       "--verbose", *args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + (60 if wrapper else 10)
        while not (self.sock.exists() and self.sock_ro.exists() and self.pidfile.exists()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("virtkitd did not start: " + self.output())
            time.sleep(0.02)

    def uri(self, driver="test", path="/default", ro=False):
        sock = self.sock_ro if ro else self.sock
        return f"{driver}+unix://{path}?socket={sock}"

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    d = Daemon(tmp_path_factory.mktemp("virtkitd"))
    try:
        yield d
    finally:
        d.stop()


@pytest.fixture(autouse=True)
def quiet_errors():
    seen = []
    libvirt.registerErrorHandler(lambda ctx, err: seen.append(err), None)
    yield seen
    libvirt.registerErrorHandler(None, None)


@pytest.fixture
def rconn(daemon):
    c = libvirt.open(daemon.uri())
    yield c
    try:
        c.close()
    except libvirt.libvirtError:
        pass


DOMAIN_XML = """<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>524288</memory>
  <currentMemory unit='KiB'>524288</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
</domain>
"""
