"""DRIVER+ssh:// through a real sshd: started on a free loopback port as
the test user, with a temporary host key, an authorized key and its own
config file in a temporary folder (the system's sshd is not touched).
The remote driver spawns ssh, which runs virtkit-ssh-helper (or nc) on
the "far" side to reach the daemon's socket."""
import os
import pathlib
import pwd
import socket
import subprocess
import time

import pytest

import libvirt

from conftest import BUILD
from transport_checks import children, exercise

SSHD = "/usr/sbin/sshd"
PRIVSEP = pathlib.Path("/run/sshd")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sshd:
    def __init__(self, d: pathlib.Path):
        self.dir = d
        self.key = d / "userkey"
        self.known = d / "known_hosts"
        for key in ("hostkey", "userkey"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / key)],
                           check=True)
        # the helper is found on the far side's PATH, as when installed;
        # HOME here keeps the account's shell start-up files (which
        # sshd's bash reads) out of the test
        helper_dir = BUILD / "core" / "daemon"
        (d / "authorized_keys").write_text(
            f'environment="PATH={helper_dir}:/usr/bin:/bin",environment="HOME={d}" '
            + (d / "userkey.pub").read_text())
        # as root sshd wants its privilege separation folder, which its
        # service would make: make it when missing, remove it after
        self.made_privsep = os.geteuid() == 0 and not PRIVSEP.exists()
        if self.made_privsep:
            PRIVSEP.mkdir(mode=0o755)
        self.log = open(d / "sshd.log", "w+")
        self.proc = None
        try:
            self.start(d)
        except BaseException:
            self.stop()
            raise

    def start(self, d):
        for attempt in range(5):
            self.port = free_port()
            (d / "sshd_config").write_text(f"""Port {self.port}
ListenAddress 127.0.0.1
HostKey {d}/hostkey
AuthorizedKeysFile {d}/authorized_keys
PidFile none
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
PermitUserEnvironment yes
""")
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(d / "sshd_config")],
                                         stdout=self.log, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + 10
            while "Server listening" not in self.output() and self.proc.poll() is None:
                assert time.monotonic() < deadline, self.output()
                time.sleep(0.02)
            if self.proc.poll() is None:
                break
        assert self.proc.poll() is None, self.output()
        host = (d / "hostkey.pub").read_text().split()
        self.known.write_text(f"[127.0.0.1]:{self.port} {host[0]} {host[1]}\n")

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def uri(self, daemon, extra=""):
        user = pwd.getpwuid(os.geteuid()).pw_name
        return (f"test+ssh://{user}@127.0.0.1:{self.port}/default?keyfile={self.key}"
                f"&known_hosts={self.known}&no_tty=1&socket={daemon.sock}{extra}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        if self.made_privsep:
            PRIVSEP.rmdir()


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    s = Sshd(tmp_path_factory.mktemp("sshd"))
    try:
        yield s
    finally:
        s.stop()


@pytest.mark.parametrize("proxy", ["", "&proxy=native", "&proxy=netcat"])
def test_calls_events_stream_over_ssh(daemon, sshd, proxy):
    """The default proxy (the helper, found on the far side), the helper
    forced, and nc -U forced."""
    exercise(sshd.uri(daemon, proxy), "ssh-dom")


def test_ssh_child_reaped_on_close(daemon, sshd):
    c = libvirt.open(sshd.uri(daemon))
    assert len(children("ssh")) == 1
    assert c.listDomainsID() == [1]
    c.close()
    assert children("ssh") == []


def open_error(u):
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(u)
    assert children("ssh") == []
    return e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message()


def test_ssh_failures_as_libvirt(daemon, sshd, tmp_path):
    """What ssh says on its standard error is the error, with libvirt's
    code and wording."""
    port = free_port()
    assert open_error(f"test+ssh://root@127.0.0.1:{port}/default?no_tty=1") == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        f"Cannot recv data: ssh: connect to host 127.0.0.1 port {port}: Connection refused: "
        "Connection reset by peer")
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    u = sshd.uri(daemon).replace(str(sshd.known), str(empty))
    assert open_error(u) == (
        libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC,
        "Cannot recv data: Host key verification failed.: Connection reset by peer")
    # a socket nobody listens on: the helper says so
    u = sshd.uri(daemon, "&proxy=native").replace(str(daemon.sock), str(tmp_path / "nosock"))
    code, dom, msg = open_error(u)
    assert (code, dom) == (libvirt.VIR_ERR_SYSTEM_ERROR, libvirt.VIR_FROM_RPC)
    assert msg == (f"Cannot recv data: virtkit-ssh-helper: failed to connect to the socket "
                   f"'{tmp_path}/nosock': No such file or directory: Connection reset by peer")
