"""The interactive `virtkit` shell through a pseudo-terminal: the banner,
tab completion of commands, options and domain names, history recalled
with the up arrow and kept across sessions, `cmd1; cmd2`, and `quit`."""
import os
import pty
import select
import time

import pytest


class Shell:
    def __init__(self, home):
        env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"),
                   TERM="xterm", LC_ALL="C")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe("virtkit", ["virtkit", "-c", "test:///default"], env)
        self.out = b""

    def read_until(self, text, timeout=10):
        deadline = time.time() + timeout
        want = text.encode()
        while want not in self.out:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"no {text!r} in {self.out!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.out += os.read(self.fd, 4096)
                except OSError:
                    break
        return self.out

    def send(self, text):
        os.write(self.fd, text.encode())

    def mark(self):
        self.out = b""

    def wait(self):
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.fixture
def shell(tmp_path):
    s = Shell(tmp_path)
    yield s
    try:
        os.kill(s.pid, 9)
        os.waitpid(s.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def test_banner_completion_history_and_quit(shell, tmp_path):
    shell.read_until("virtkit # ")
    assert b"Welcome to virtkit" in shell.out
    # a command completed from its first letters
    shell.mark()
    shell.send("ur\t\r")
    out = shell.read_until("virtkit # ")
    assert b"uri" in out and b"test:///default" in out
    # an option, then a domain name
    shell.mark()
    shell.send("echo --spl\t a,b\r")
    out = shell.read_until("virtkit # ")
    assert b"--split" in out and b"a\r\nb" in out
    # the up arrow brings the last line back
    shell.mark()
    shell.send("\x1b[A\r")
    out = shell.read_until("virtkit # ")
    assert out.count(b"a\r\nb") >= 1
    # several commands on one line
    shell.mark()
    shell.send("echo one; echo two\r")
    out = shell.read_until("virtkit # ")
    assert b"one\r\ntwo" in out
    shell.send("quit\r")
    assert shell.wait() == 0
    history = (tmp_path / "cache" / "virtkit" / "history").read_text()
    assert "echo one; echo two" in history


def test_command_names_complete_as_values(shell):
    shell.read_until("virtkit # ")
    shell.mark()
    shell.send("help ech\t\t")
    out = shell.read_until("echo ")
    assert b"help echo" in out
    shell.send("\x15quit\r")
    assert shell.wait() == 0


def test_end_of_input_leaves(shell):
    shell.read_until("virtkit # ")
    shell.send("\x04")
    assert shell.wait() == 0
