#!/usr/bin/python3
"""Python API throughput: virtkit's libvirt module against Debian's
python3-libvirt, the same workload in one run.

    build/run /usr/bin/python3 bench/bench_python.py [--quick]

Each workload runs in a fresh child process per implementation (so the two
never share a process or a test:///default state), alternating
implementations over several rounds; the best round of each is kept and
the ratio printed (>1 means virtkit is faster).  This is a benchmark to run
by hand, not a test: the machines are shared, so compare ratios.
"""
import json
import os
import subprocess
import sys
import time

DEBIAN = "/usr/lib/python3/dist-packages"

WORKLOADS = {
    "open+close": """
for _ in range(N):
    libvirt.open('test:///default').close()
""",
    "lookupByName+info": """
c = libvirt.open('test:///default')
for _ in range(N):
    c.lookupByName('test').info()
""",
    "defineXML+undefine": """
c = libvirt.open('test:///default')
xml = "<domain type='test'><name>b%d</name><memory>1024</memory><os><type>hvm</type></os></domain>"
for i in range(N):
    c.defineXML(xml % i).undefine()
""",
    "XMLDesc": """
c = libvirt.open('test:///default')
d = c.lookupByName('test')
for _ in range(N):
    d.XMLDesc()
""",
    "listAllDomains (10,000 defined)": """
c = libvirt.open('test:///default')
if not SETUP_DONE:
    xml = "<domain type='test'><name>l%d</name><memory>1024</memory><os><type>hvm</type></os></domain>"
    for i in range(10000):
        c.defineXML(xml % i)
for _ in range(N):
    assert len(c.listAllDomains()) == 10001
""",
    "dom.name()": """
c = libvirt.open('test:///default')
d = c.lookupByName('test')
for _ in range(N):
    d.name()
""",
}

COUNTS = {
    "open+close": 2000,
    "lookupByName+info": 20000,
    "defineXML+undefine": 5000,
    "XMLDesc": 20000,
    "listAllDomains (10,000 defined)": 20,
    "dom.name()": 1000000,
}

CHILD = r"""
import json, sys, time
import libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
N = int(sys.argv[1])
body = sys.stdin.read()
g = {'libvirt': libvirt, 'N': N, 'SETUP_DONE': False}
if 'SETUP_DONE' in body:
    # untimed setup in the same globals, so its connection stays open
    exec(body.replace('for _ in range(N):', 'for _ in range(0):'), g)
    g['SETUP_DONE'] = True
t = time.perf_counter()
exec(body, g)
print(json.dumps({'seconds': time.perf_counter() - t, 'module': libvirt.__file__}))
"""


def run(impl, body, n):
    env = dict(os.environ)
    if impl == "libvirt":
        env.pop("PYTHONPATH", None)
        env.pop("LD_LIBRARY_PATH", None)
    r = subprocess.run(["/usr/bin/python3", "-c", CHILD, str(n)], input=body, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{impl} failed:\n{r.stderr}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    if impl == "libvirt":
        assert out["module"].startswith(DEBIAN), out
    else:
        assert not out["module"].startswith(DEBIAN), "run through build/run"
    return out["seconds"]


def main():
    quick = "--quick" in sys.argv
    rounds = 1 if quick else 3
    print(f"{'workload':34} {'calls':>8} {'virtkit/s':>12} {'libvirt/s':>12} {'ratio':>7}")
    for name, body in WORKLOADS.items():
        n = COUNTS[name] // (10 if quick else 1) or 1
        best = {"virtkit": float("inf"), "libvirt": float("inf")}
        for _ in range(rounds):
            for impl in ("virtkit", "libvirt"):
                best[impl] = min(best[impl], run(impl, body, n))
        vk = n / best["virtkit"]
        lv = n / best["libvirt"]
        print(f"{name:34} {n:>8} {vk:>12,.0f} {lv:>12,.0f} {vk / lv:>6.1f}x")


if __name__ == "__main__":
    main()
