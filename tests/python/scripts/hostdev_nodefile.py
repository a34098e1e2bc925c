"""The interfaces and node devices of the node files of tests/testdriver/
(as test:///PATH.xml connections show them)."""
import pathlib

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
NODES = pathlib.Path(__file__).resolve().parent.parent.parent / "testdriver"

for path in sorted(NODES.glob("*.xml")):
    try:
        conn = libvirt.open(f"test://{path}")
    except libvirt.libvirtError:
        continue
    print(f"== {path.name}")
    for iface in sorted(conn.listAllInterfaces(), key=lambda i: i.name()):
        print(iface.name(), iface.MACString(), iface.isActive())
        print(iface.XMLDesc(), end="")
    print("devices", conn.numOfDevices(None), sorted(conn.listDevices(None)))
    for dev in sorted(conn.listAllDevices(), key=lambda d: d.name()):
        print(dev.name(), dev.parent(), dev.listCaps())
        print(dev.XMLDesc(), end="")
    conn.close()
