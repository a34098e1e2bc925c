#!/usr/bin/python3
"""The shell's speed: `virtkit` against Debian's `virsh`, the same command
lines on the same test-driver node file, in one run.

    build/run /usr/bin/python3 bench/bench_cli.py [--domains N]

A node file with N domains (10,000 by default) is written to a temporary
folder; each command line runs several times per tool, alternating, and
the best wall-clock time of each is kept and the ratio printed (>1 means
virtkit is faster).  Run by hand, not as a test: compare ratios.
(This measures the local part: start-up, listing and formatting;
bench/bench_remote.py times `list --all` over a daemon.)
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

COMMANDS = ["list --all", "list --all --name", "list --all --table", "dominfo d5000",
            "uri", "help"]


def node_file(path, n):
    with open(path, "w") as f:
        f.write("<node>\n")
        for i in range(n):
            f.write("<domain type='test'><name>d%d</name>"
                    "<uuid>00000000-0000-4000-8000-%012d</uuid>"
                    "<memory>1024</memory><os><type>hvm</type></os></domain>\n" % (i, i))
        f.write("</node>\n")




def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--domains", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    virsh = shutil.which("virsh", path="/usr/bin")
    virtkit = shutil.which("virtkit")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "node.xml")
        node_file(path, args.domains)
        uri = "test://" + path
        env_virsh = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
        print(f"{args.domains} domains, best of {args.rounds}")
        print(f"{'command':24} {'virsh':>10} {'virtkit':>10} {'ratio':>7}")
        for cmd in COMMANDS:
            t_virsh = t_ours = float("inf")
            for _ in range(args.rounds):
                start = time.perf_counter()
                subprocess.run([virsh, "-c", uri] + cmd.split(), env=env_virsh,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t_virsh = min(t_virsh, time.perf_counter() - start)
                start = time.perf_counter()
                subprocess.run([virtkit, "-c", uri] + cmd.split(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t_ours = min(t_ours, time.perf_counter() - start)
            print(f"{cmd:24} {t_virsh * 1000:9.1f}ms {t_ours * 1000:9.1f}ms {t_virsh / t_ours:6.1f}x")


if __name__ == "__main__":
    main()
