#!/usr/bin/python3
"""Boot a tiny virtual machine through the libvirt Python API and show it
running: its boot messages read through its serial console, then the
domain list the way `virsh list --all` prints it, then an ACPI shutdown.

    build/run /usr/bin/python3 examples/hello.py

The guest is the test guest of tests/guest/ (a Debian cloud kernel and a
busybox initramfs, built once and cached; the first run downloads the
kernel package with apt-get).  It runs under QEMU's TCG with virtkit's
QEMU driver in-process (qemu:///embed), everything under a temporary
folder.  Apart from finding the guest's files, it uses nothing but
libvirt-python's API, so it runs with libvirt's own module too.
"""
import os
import shutil
import sys
import tempfile
import time

import libvirt

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "guest"))
import guest  # noqa: E402

STATES = {
    libvirt.VIR_DOMAIN_NOSTATE: "no state",
    libvirt.VIR_DOMAIN_RUNNING: "running",
    libvirt.VIR_DOMAIN_BLOCKED: "idle",
    libvirt.VIR_DOMAIN_PAUSED: "paused",
    libvirt.VIR_DOMAIN_SHUTDOWN: "in shutdown",
    libvirt.VIR_DOMAIN_SHUTOFF: "shut off",
    libvirt.VIR_DOMAIN_CRASHED: "crashed",
    libvirt.VIR_DOMAIN_PMSUSPENDED: "pmsuspended",
}


def read_console_until(stream, marker, timeout=120):
    """Print the guest's console lines until MARKER has been seen."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in seen:
        if time.monotonic() > deadline:
            raise SystemExit("the guest did not boot in time")
        chunk = stream.recv(4096)
        if not chunk or chunk == -2:
            raise SystemExit("the console closed before the guest was ready")
        seen += chunk
    for line in seen.decode(errors="replace").splitlines():
        if line.startswith("virtkit-guest:"):
            print("  console |", line)


def main():
    guest.guest_paths()                        # build or find the guest, once
    root = tempfile.mkdtemp(prefix="virtkit-hello-", dir="/tmp")
    try:
        conn = libvirt.open("qemu:///embed?root=" + root)
        started = time.monotonic()
        dom = conn.defineXML(guest.domain_xml("hello"))
        dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
        stream = conn.newStream(0)
        dom.openConsole(None, stream, 0)       # attached before the first byte
        dom.resume()
        print(f"booting '{dom.name()}' under {conn.getType()} (TCG) ...")
        read_console_until(stream, guest.READY_MARKER)
        print(f"ready after {time.monotonic() - started:.1f} s\n")

        print(" Id   Name    State")
        print("-" * 25)
        for d in conn.listAllDomains():
            ident = str(d.ID()) if d.isActive() else "-"
            print(f" {ident:<4} {d.name():<7} {STATES[d.state()[0]]}")
        state, maxmem, mem, vcpus, cputime = dom.info()
        print(f"\n{vcpus} vCPU, {mem // 1024} MiB, {cputime / 1e9:.1f} s of CPU time so far")

        dom.shutdown()                         # the ACPI power button
        deadline = time.monotonic() + 60
        while dom.isActive() and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"after shutdown: {STATES[dom.state()[0]]}")
        if dom.isActive():
            dom.destroy()
        stream.abort()
        dom.undefine()
        conn.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
