#!/usr/bin/python3
"""Define and start a domain through the libvirt Python API, then list the
domains the way `virsh list --all` does.

    build/run /usr/bin/python3 examples/hello.py [URI]

It uses nothing but libvirt-python's API, so it runs unchanged with
libvirt's own module too.
"""
import sys

import libvirt

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

GUEST = """<domain type='test'>
  <name>hello</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>"""


def main():
    uri = sys.argv[1] if len(sys.argv) > 1 else "test:///default"
    conn = libvirt.open(uri)
    conn.defineXML(GUEST).create()
    conn.defineXML(GUEST.replace("hello", "idle-guest"))
    print(" Id   Name         State")
    print("-" * 32)
    for dom in sorted(conn.listAllDomains(), key=lambda d: (not d.isActive(), d.ID(), d.name())):
        ident = str(dom.ID()) if dom.isActive() else "-"
        print(f" {ident:<4} {dom.name():<12} {STATES[dom.state()[0]]}")
    print()
    conn.close()


if __name__ == "__main__":
    main()
