"""The golden argv of tests/qemuxml2argv/ must start the real QEMU.

For every success case NAME.args, the argument vector is run with
/usr/bin/qemu-system-x86_64 after the host-specific parts are made real in
a temporary folder:

- the QMP monitor socket moves into the folder;
- every file a -blockdev names becomes a fresh image there (qcow2 through
  qemu-img when its format node says so, else raw); host_device and
  host_cdrom nodes read such a file through the 'file' driver;
- the NVRAM of a pflash guest is a copy of the matching OVMF_VARS template;
- -kernel/-initrd get a minimal image with a Linux boot header;
- chardev paths and TCP/UDP ports, VNC displays and websockets move to the
  folder or to free loopback ports; a unix socket the guest connects to is
  given a listener;
- tap netdevs (fd= or ifname=, both made by the start step) become user
  netdevs; KVM becomes TCG (-cpu host becomes max) where /dev/kvm is absent.

QEMU starts paused (-S): the test talks QMP on the monitor socket, checks
that the guest is in the 'prelaunch' state, sends 'quit' and waits for the
process to end.  Every QEMU is killed and every folder removed even when a
case fails.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE.parent / "qemuxml2argv"
QEMU = "/usr/bin/qemu-system-x86_64"
TIMEOUT = 60.0

CASES = sorted(p.stem for p in CASES_DIR.glob("*.args"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fake_kernel(path):
    """A file QEMU's x86 loader accepts as a bzImage (it is never run:
    the guest stays paused)."""
    data = bytearray(64 * 1024)
    data[0x1F1] = 4                              # setup sectors
    data[0x1FE:0x200] = b"\x55\xaa"
    data[0x202:0x206] = b"HdrS"
    data[0x206:0x208] = (0x020C).to_bytes(2, "little")
    data[0x211] = 0x01                           # LOADED_HIGH
    data[0x22C:0x230] = (0x37FFFFFF).to_bytes(4, "little")
    data[0x238:0x23C] = (2048).to_bytes(4, "little")
    path.write_bytes(bytes(data))


class Realizer:
    """Rewrites one golden argv so that it runs on this host."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.paths = {}
        self.listeners = []
        self.monitor = str(tmp / "monitor.sock")
        self.kvm = os.access("/dev/kvm", os.R_OK | os.W_OK)

    def local(self, original, suffix=""):
        if original not in self.paths:
            self.paths[original] = str(self.tmp / f"f{len(self.paths)}{suffix}")
        return self.paths[original]

    def blockdevs(self, args):
        """Create the files of the -blockdev storage nodes."""
        formats = {}
        for i, arg in enumerate(args[:-1]):
            if arg == "-blockdev":
                node = json.loads(args[i + 1])
                if "file" in node and isinstance(node["file"], str):
                    formats[node["file"]] = node["driver"]
        out = list(args)
        for i, arg in enumerate(args[:-1]):
            if arg != "-blockdev":
                continue
            node = json.loads(args[i + 1])
            if "filename" not in node:
                continue
            original = node["filename"]
            if original.startswith("/usr/share/") and os.path.exists(original):
                continue                          # firmware code
            path = self.local(original, ".img")
            fmt = formats.get(node["node-name"], "raw")
            if not os.path.exists(path):
                if "pflash1" in node["node-name"]:
                    code = [a for a in args if "OVMF_CODE" in a]
                    vars_ = "/usr/share/OVMF/OVMF_VARS_4M.fd" \
                        if any("_4M" in a for a in code) else \
                        "/usr/share/OVMF/OVMF_VARS.fd"
                    shutil.copyfile(vars_, path)
                elif fmt == "qcow2":
                    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2",
                                    path, "16M"], check=True)
                else:
                    with open(path, "wb") as f:
                        f.truncate(16 * 1024 * 1024)
            node["filename"] = path
            if node["driver"] in ("host_device", "host_cdrom"):
                node["driver"] = "file"
            out[i + 1] = json.dumps(node)
        return out

    def chardev(self, value):
        if value.startswith("socket,id=charmonitor,"):
            return f"socket,id=charmonitor,path={self.monitor},server=on,wait=off"
        kind = value.split(",", 1)[0]
        m = re.search(r",path=((?:[^,]|,,)*)", value)
        if m:
            original = m.group(1).replace(",,", ",")
            path = self.local(original, ".sock" if kind == "socket" else ".chr")
            value = value[:m.start(1)] + path.replace(",", ",,") + value[m.end(1):]
            if kind == "socket" and "server=on" not in value:
                listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                listener.bind(path)
                listener.listen(4)
                self.listeners.append(listener)
        for key in ("port", "localport"):
            value = re.sub(rf"(?<=,{key}=)\d+", lambda _m: str(free_port()), value)
        return value

    def netdev(self, value):
        node = json.loads(value)
        if node["type"] == "tap":
            node = {"type": "user", "id": node["id"]}
        return json.dumps(node)

    def vnc(self, value):
        opts = value.split(",")
        opts[0] = "vnc=unix:" + str(self.tmp / "vnc.sock")
        opts = [f"websocket=127.0.0.1:{free_port()}" if o.startswith("websocket=")
                else o for o in opts]
        return ",".join(opts)

    def realize(self, args):
        args = self.blockdevs(args)
        out = []
        i = 0
        while i < len(args):
            opt = args[i]
            val = args[i + 1] if i + 1 < len(args) else None
            if opt == "-chardev":
                out += [opt, self.chardev(val)]
            elif opt == "-netdev":
                out += [opt, self.netdev(val)]
            elif opt == "-vnc":
                out += [opt, self.vnc(val)]
            elif opt == "-kernel":
                path = Path(self.local(val, ".kernel"))
                fake_kernel(path)
                out += [opt, str(path)]
            elif opt in ("-initrd", "-dtb"):
                path = Path(self.local(val, ".bin"))
                path.write_bytes(b"\0" * 4096)
                out += [opt, str(path)]
            elif opt == "-accel" and val == "kvm" and not self.kvm:
                out += [opt, "tcg"]
            elif opt == "-cpu" and val.startswith("host") and not self.kvm:
                out += [opt, "max" + val[len("host"):]]
            else:
                out.append(opt)
                i += 1
                continue
            i += 2
        return out

    def close(self):
        for listener in self.listeners:
            listener.close()


class QMP:
    def __init__(self, path, proc, deadline):
        self.sock = None
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                self.sock = s
                break
            except (FileNotFoundError, ConnectionRefusedError):
                s.close()
                if time.monotonic() > deadline:
                    raise TimeoutError("QMP socket never appeared")
                try:
                    proc.wait(timeout=0.05)      # also notices QEMU exiting
                except subprocess.TimeoutExpired:
                    continue
                raise RuntimeError(f"QEMU exited with {proc.returncode} "
                                   "before its monitor was up")
        self.sock.settimeout(max(deadline - time.monotonic(), 1))
        self.file = self.sock.makefile("rwb")
        greeting = json.loads(self.file.readline())
        assert "QMP" in greeting

    def command(self, name):
        self.file.write(json.dumps({"execute": name}).encode() + b"\n")
        self.file.flush()
        while True:
            reply = json.loads(self.file.readline())
            if "event" in reply:
                continue
            assert "return" in reply, reply
            return reply["return"]

    def close(self):
        self.file.close()
        self.sock.close()


@pytest.mark.parametrize("name", CASES)
def test_argv_runs(name):
    args = (CASES_DIR / f"{name}.args").read_text().splitlines()
    assert args[0] == QEMU
    tmp = Path(tempfile.mkdtemp(prefix="virtkit-argv-"))
    realizer = Realizer(tmp)
    proc = None
    try:
        argv = [QEMU] + realizer.realize(args[1:])
        assert "-S" in argv
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=tmp)
        deadline = time.monotonic() + TIMEOUT
        try:
            qmp = QMP(realizer.monitor, proc, deadline)
        except RuntimeError:
            _, err = proc.communicate()
            pytest.fail(f"QEMU refused the argv of {name}:\n{err.decode()}\n"
                        + "\n".join(argv))
        try:
            qmp.command("qmp_capabilities")
            status = qmp.command("query-status")
            assert status["status"] == "prelaunch" and not status["running"]
            qmp.command("quit")
        finally:
            qmp.close()
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc:
            proc.stdout.close()
            proc.stderr.close()
        realizer.close()
        shutil.rmtree(tmp, ignore_errors=True)
