"""Open test:///PATH.xml connections on the node files of tests/testdriver/
and print what each describes, or the error it is refused with."""
import pathlib

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
NODES = pathlib.Path(__file__).resolve().parent.parent.parent / "testdriver"

for path in sorted(NODES.glob("*.xml")):
    if path.name == "domain-file.xml":
        continue
    print(f"== {path.name}")
    try:
        conn = libvirt.open(f"test://{path}")
    except libvirt.libvirtError as e:
        print(f"refused: {e.get_error_code()} {e.get_error_domain()}")
        continue
    print("node", conn.getInfo(), "uri", conn.getURI() == f"test://{path}")
    print(conn.getCapabilities(), end="")
    for dom in sorted(conn.listAllDomains(), key=lambda d: d.name()):
        print(dom.name(), dom.ID(), dom.state(), dom.info()[:4], dom.isPersistent(),
              dom.hasManagedSaveImage())
        print(dom.XMLDesc(), end="")
    print("ids", sorted(conn.listDomainsID()), "defined", sorted(conn.listDefinedDomains()))
    conn.close()
