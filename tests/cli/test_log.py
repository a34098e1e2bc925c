"""`virtkit -l FILE`: the log virsh keeps, one line per message of the
-d level or above, "[YYYY.MM.DD HH:MM:SS PROGRAM PID] LEVEL text"."""
import os
import re
import shutil
import subprocess

import pytest

VIRTKIT = shutil.which("virtkit")

pytestmark = pytest.mark.skipif(VIRTKIT is None, reason="virtkit is not built on PATH")

LINE = re.compile(r"^\[\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d virtkit (\d+)\] (DEBUG|INFO|NOTICE|WARNING|ERROR) (.*)$")


def run(args, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LC_ALL="C")
    return subprocess.run([VIRTKIT, "-c", "test:///default"] + args, capture_output=True,
                          text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)


def entries(path):
    found = []
    for line in path.read_text().splitlines():
        m = LINE.match(line)
        assert m, line
        found.append((m.group(2), m.group(3)))
    return found


def test_default_level_logs_errors_only(tmp_path):
    log = tmp_path / "virtkit.log"
    r = run(["-l", str(log), "domid test; domid nope"], tmp_path)
    assert r.returncode == 1
    assert entries(log) == [("ERROR", "failed to get domain 'nope'")]


def test_debug_level_logs_the_trace_too(tmp_path):
    log = tmp_path / "virtkit.log"
    r = run(["-d", "0", "-l", str(log), "domid test"], tmp_path)
    assert r.returncode == 0
    assert entries(log) == [
        ("INFO", 'commands: "domid test"'),
        ("INFO", "domid: domain(optdata): test"),
        ("INFO", "Failed to setup keepalive on connection"),
        ("INFO", "domid: found option <domain>: test"),
        ("DEBUG", "domid: <domain> trying as domain NAME"),
    ]
    # the same trace went to stdout, before the command's output
    assert r.stdout.splitlines()[-2:] == ["1", ""]


def test_log_is_appended(tmp_path):
    log = tmp_path / "virtkit.log"
    run(["-l", str(log), "domid nope"], tmp_path)
    run(["-l", str(log), "domname nope"], tmp_path)
    assert [text for _, text in entries(log)] == [
        "failed to get domain 'nope'", "failed to get domain 'nope'"]


def test_timing(tmp_path):
    r = run(["-t", "domid test; domid nope"], tmp_path)
    assert re.fullmatch(r"1\n\n\(Time: \d+\.\d{3} ms\)\n\n\n\(Time: \d+\.\d{3} ms\)\n\n", r.stdout)
