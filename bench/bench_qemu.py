#!/usr/bin/python3
"""Guest lifecycle latency: virtkit's QEMU driver against libvirt's and
against QEMU itself, the same tiny TCG guest, in one run.

    build/run /usr/bin/python3 bench/bench_qemu.py [--rounds N]

Three implementations, each in a child process of its own:

  virtkit  `import libvirt` from the build, qemu:///embed?root=TMP
  libvirt  Debian's python3-libvirt, qemu:///embed?root=TMP (libvirt's own
           QEMU driver in-process; skipped when libvirt-daemon-driver-qemu
           is missing)
  floor    no management at all: the argument vector virtkit built, run
           directly; QMP handshake and `cont` (create), SIGTERM and
           waitpid (destroy), `stop` + `cont` over QMP (suspend/resume)

Measured per round: create() until it returns (the guest is running),
destroy() until it returns (QEMU has exited), and one suspend() + resume()
pair (the median of 20 pairs).  The median over the rounds is printed with
each implementation's ratio to the floor.  The targets: create within
1.3x of the floor, destroy within 2x, suspend/resume within 2x.  This is a
benchmark to run by hand, not a test: the machines are shared and noisy,
so compare ratios taken in one run.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "guest"))
DEBIAN = "/usr/lib/python3/dist-packages"
PAIRS = 20
OPS = ("create", "destroy", "suspend+resume")


class Floor:
    """QEMU alone: ARGV (virtkit's) with a monitor socket of our own."""

    def __init__(self, argv, tmp, serial):
        self.mon = os.path.join(tmp, "mon.sock")
        self.serial = os.path.join(tmp, "floor-serial.log")
        self.argv = []
        for a in argv:
            a = a.replace(serial, self.serial)
            if a.startswith("socket,id=charmonitor,"):
                a = "socket,id=charmonitor,path=%s,server=on,wait=off" % self.mon
            elif self.argv and self.argv[-1] == "-pidfile":
                a = os.path.join(tmp, "qemu.pid")
            self.argv.append(a)

    def _command(self, name):
        self.f.write(json.dumps({"execute": name}).encode() + b"\n")
        self.f.flush()
        while True:                          # events may come first
            msg = json.loads(self.f.readline())
            if "return" in msg or "error" in msg:
                return msg

    def create(self):
        if os.path.exists(self.serial):
            os.unlink(self.serial)
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.sock = socket.socket(socket.AF_UNIX)
        while True:                          # until QEMU listens
            try:
                self.sock.connect(self.mon)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.0005)
        self.f = self.sock.makefile("rwb")
        json.loads(self.f.readline())        # the greeting
        self._command("qmp_capabilities")
        self._command("cont")

    def suspend_resume(self):
        self._command("stop")
        self._command("cont")

    def destroy(self):
        self.proc.terminate()
        self.proc.wait()
        self.f.close()
        self.sock.close()
        if os.path.exists(self.mon):         # QEMU usually removes it
            os.unlink(self.mon)


class Managed:
    """A libvirt-python module (virtkit's or libvirt's) on qemu:///embed."""

    def __init__(self, tmp):
        import libvirt
        import guest
        self.libvirt = libvirt
        libvirt.registerErrorHandler(lambda c, e: None, None)
        libvirt.virEventRegisterDefaultImpl()    # libvirt's driver wants one
        import threading
        threading.Thread(target=self._loop, daemon=True).start()
        # libvirt's driver: no virtlogd here, and QEMU reads the kernel
        # from root's cache as root; virtkit ignores this file
        os.makedirs(os.path.join(tmp, "etc"))
        with open(os.path.join(tmp, "etc", "qemu.conf"), "w") as f:
            f.write('stdio_handler = "file"\n')
            if os.geteuid() == 0:
                f.write('user = "root"\ngroup = "root"\n')
        self.conn = libvirt.open("qemu:///embed?root=" + tmp)
        self.serial = os.path.join(os.path.dirname(tmp), "serial.log")
        self.xml = guest.domain_xml("bench", serial_log=self.serial)
        self.create()                        # warm: capabilities probed and cached
        self.destroy()

    def _loop(self):
        while True:
            self.libvirt.virEventRunDefaultImpl()

    def create(self):
        if os.path.exists(self.serial):
            os.unlink(self.serial)
        self.dom = self.conn.createXML(self.xml, 0)

    def suspend_resume(self):
        self.dom.suspend()
        self.dom.resume()

    def destroy(self):
        self.dom.destroy()

    def argv(self, root):
        self.create()
        pid = int(open(os.path.join(root, "run", "qemu", "bench.pid")).read())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = f.read().decode().split("\0")[:-1]
        self.destroy()
        return argv


def wait_ready(path, timeout=120):
    """Until the guest's serial log shows the ready marker: suspend and
    resume are measured on a booted, idle guest."""
    import guest
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, "rb") as f:
                if guest.READY_MARKER.encode() in f.read():
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the guest did not boot within %d s" % timeout)


def timed(func):
    t = time.perf_counter()
    func()
    return time.perf_counter() - t


def child(rounds, argv_file):
    """Run in a child process: the module on sys.path against the floor,
    interleaved so that both see the same load."""
    import libvirt
    out = {"module": libvirt.__file__}
    tmp = tempfile.mkdtemp(prefix="vkbq-", dir="/tmp")
    try:
        managed = Managed(os.path.join(tmp, "m"))
        if not os.path.exists(argv_file):
            with open(argv_file, "w") as f:
                json.dump({"argv": managed.argv(os.path.join(tmp, "m")),
                           "serial": managed.serial}, f)
        with open(argv_file) as f:
            recorded = json.load(f)
        floor = Floor(recorded["argv"], tmp, recorded["serial"])
        impls = {"managed": managed, "floor": floor}
        times = {i: {op: [] for op in OPS} for i in impls}
        for _ in range(rounds):
            for i, impl in impls.items():
                times[i]["create"].append(timed(impl.create))
            for impl in impls.values():
                wait_ready(impl.serial)
            laps = {i: [] for i in impls}
            for _ in range(PAIRS):
                for i, impl in impls.items():
                    laps[i].append(timed(impl.suspend_resume))
            for i, impl in impls.items():
                times[i]["suspend+resume"].append(statistics.median(laps[i]))
                times[i]["destroy"].append(timed(impl.destroy))
        out.update(times)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(out))


def run(impl, rounds, argv_file):
    env = dict(os.environ)
    if impl == "libvirt":
        env.pop("PYTHONPATH", None)
        env.pop("LD_LIBRARY_PATH", None)
    r = subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--child", str(rounds),
                        argv_file], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{impl} failed:\n{r.stderr[-3000:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    if impl == "libvirt":
        assert out["module"].startswith(DEBIAN), out["module"]
    else:
        assert not out["module"].startswith(DEBIAN), "run it through build/run"
    return out


def main():
    if sys.argv[1:2] == ["--child"]:
        return child(int(sys.argv[2]), sys.argv[3])
    rounds = 10
    if "--rounds" in sys.argv:
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
    import guest
    guest.guest_paths()                      # built once, before any timing

    with tempfile.TemporaryDirectory(prefix="vkbq-") as tmp:
        argv_file = os.path.join(tmp, "argv.json")
        results = {"virtkit": run("virtkit", rounds, argv_file)}
        try:
            results["libvirt"] = run("libvirt", rounds, argv_file)
        except RuntimeError as e:
            print("libvirt skipped:", str(e).splitlines()[-1], file=sys.stderr)

    print(f"{rounds} rounds, median ms; each against QEMU alone, interleaved in the same process")
    print(f"{'':16}" + "".join(f"{i:>14}{'floor':>9}{'ratio':>7}" for i in results))
    for op in OPS:
        row = f"{op:16}"
        for out in results.values():
            ms = statistics.median(out["managed"][op]) * 1000
            floor = statistics.median(out["floor"][op]) * 1000
            row += f"{ms:>14.2f}{floor:>9.2f}{ms / floor:>6.2f}x"
        print(row)


if __name__ == "__main__":
    main()
