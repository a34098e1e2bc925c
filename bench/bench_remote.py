#!/usr/bin/python3
"""`list --all` over a remote connection: virtkit's shell against virtkitd
beside Debian's virsh against Debian's libvirtd, each daemon holding the
same N domains in its test:///default, in one run.

    build/run /usr/bin/python3 bench/bench_remote.py [--domains N] [--rounds R]

Both daemons run as this user in a temporary folder, unix sockets only;
the domains are defined through each side's own Python binding, whose
connection stays open (test:///default lives while a connection holds
it, in libvirtd as in virtkitd).  Each
command runs R times per side, alternating; the best wall-clock time is
kept and the ratio printed (>1 means virtkit is faster).  Run by hand,
not as a test.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

DEFINE = r"""
import sys, libvirt
conn = libvirt.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    conn.defineXML("<domain type='test'><name>d%d</name>"
                   "<uuid>00000000-0000-4000-8000-%012d</uuid><memory>1024</memory>"
                   "<os><type>hvm</type></os></domain>" % (i, i))
print(len(conn.listAllDomains(0)), flush=True)
sys.stdin.read()       # test:///default lives while a connection holds it
"""


def wait_for(path, proc, what):
    deadline = time.monotonic() + 30
    while not os.path.exists(path):
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"{what} did not start")
        time.sleep(0.05)


def best(argv, env, rounds):
    """The best time of ARGV over ROUNDS runs, None when it fails."""
    t = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t = min(t, time.perf_counter() - start)
        if r.returncode:
            return None
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--domains", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    build = os.environ.get("VIRTKIT_BUILDDIR")
    if not build:
        sys.exit("run through build/run")
    debian_env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH")}
    daemons = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            # virtkitd
            root = os.path.join(tmp, "virtkit")
            vk = subprocess.Popen([os.path.join(build, "core", "daemon", "virtkitd"), "--root", root],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            daemons.append(vk)
            vk_sock = os.path.join(root, "run", "virtkit", "virtkit-sock")
            wait_for(vk_sock, vk, "virtkitd")
            vk_uri = f"test+unix:///default?socket={vk_sock}"
            # libvirtd
            lv_dir = os.path.join(tmp, "libvirt")
            os.makedirs(lv_dir)
            conf = os.path.join(lv_dir, "libvirtd.conf")
            with open(conf, "w") as f:
                f.write(f'unix_sock_dir = "{lv_dir}"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n')
            lv = subprocess.Popen(["/usr/sbin/libvirtd", "--config", conf],
                                  env=debian_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            daemons.append(lv)
            lv_sock = os.path.join(lv_dir, "libvirt-sock")
            wait_for(lv_sock, lv, "libvirtd")
            lv_uri = f"test+unix:///default?socket={lv_sock}"

            holders = [
                subprocess.Popen([sys.executable, "-c", DEFINE, vk_uri, str(args.domains)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True),
                subprocess.Popen(["/usr/bin/python3", "-c", DEFINE, lv_uri, str(args.domains)],
                                 env=debian_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True),
            ]
            daemons[:0] = holders
            counts = [h.stdout.readline().strip() for h in holders]
            if counts != [str(args.domains + 1)] * 2:
                sys.exit(f"domains defined: {counts}")

            virsh = shutil.which("virsh", path="/usr/bin")
            virtkit = shutil.which("virtkit")
            print(f"{args.domains + 1} domains in the daemon, best of {args.rounds}")
            print(f"{'command':24} {'virsh+libvirtd':>15} {'virtkit+virtkitd':>17} {'ratio':>7}")
            for cmd in ("list --all", "list --all --name", "dominfo d50", "list --name --all --title"):
                t_lv = best([virsh, "-c", lv_uri] + cmd.split(), debian_env, args.rounds)
                t_vk = best([virtkit, "-c", vk_uri] + cmd.split(), os.environ, args.rounds)
                if t_lv is None or t_vk is None:
                    print(f"{cmd:24} {'failed' if t_lv is None else '':>15} {'failed' if t_vk is None else '':>17}")
                    continue
                print(f"{cmd:24} {t_lv * 1000:13.1f}ms {t_vk * 1000:15.1f}ms {t_lv / t_vk:6.1f}x")
        finally:
            for d in daemons:
                if d.stdin:
                    d.stdin.close()
                d.terminate()
                try:
                    d.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    d.kill()
                    d.wait()


if __name__ == "__main__":
    main()
