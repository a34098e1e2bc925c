"""The differential cases of tests/cli/cases/ again, with virtkit talking to
a virtkitd over its unix socket (`test+unix://...?socket=`) while virsh
keeps its local test driver: the shell's output must not change with the
connection.  Every fourth case, so the run stays short; the cases of the
shell's own options are left out (keepalive, which a remote connection
has and the test driver lacks, rightly changes what they print)."""
import os
import pathlib
import signal
import subprocess
import tempfile
import time

import pytest

import test_cli

BUILD = pathlib.Path(os.environ.get("VIRTKIT_BUILDDIR", ""))
VIRTKITD = BUILD / "core" / "daemon" / "virtkitd"

CASES = [c for i, c in enumerate(test_cli.load_cases())
         if i % 4 == 0 and not c.id.startswith("global-options:")]

pytestmark = pytest.mark.skipif(test_cli.VIRSH is None or not VIRTKITD.exists(),
                                reason="needs Debian's virsh and a built virtkitd")


@pytest.fixture(scope="module")
def socket_path():
    with tempfile.TemporaryDirectory() as root:
        proc = subprocess.Popen([str(VIRTKITD), "--root", root],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sock = os.path.join(root, "run", "virtkit", "virtkit-sock")
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(sock):
                assert proc.poll() is None and time.monotonic() < deadline, "virtkitd did not start"
                time.sleep(0.05)
            yield sock
            assert proc.poll() is None, "virtkitd died during the cases"
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.mark.parametrize("uri,words,mask", CASES)
def test_same_through_virtkitd(uri, words, mask, tmp_path, socket_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C", LANG="C")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    env.pop("VIRSH_DEFAULT_CONNECT_URI", None)
    ref_env = {k: v for k, v in env.items() if k != "LD_LIBRARY_PATH"}
    remote = uri.replace("test://", "test+unix://", 1) + "?socket=" + socket_path
    theirs = test_cli.run_reference(uri, words, ref_env, tmp_path)
    ours = test_cli.run(["virtkit"], remote, words, env, tmp_path)
    if mask:
        theirs = tuple(test_cli.mask_times(x) if isinstance(x, str) else x for x in theirs)
        ours = tuple(test_cli.mask_times(x) if isinstance(x, str) else x for x in ours)
    assert ours[1] == theirs[1], "stdout differs"
    assert ours[2] == theirs[2], "stderr differs"
    assert ours[0] == theirs[0], "exit status differs"
