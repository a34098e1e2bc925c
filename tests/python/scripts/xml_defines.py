"""Define every domain of tests/xml2xml/ on a test:/// connection and print
the inactive XML back, or the error code when the definition is refused.

Run by the differential test under both libvirt and virtkit: the same
documents must be accepted or refused alike and come back identical.
"""
import pathlib

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
CASES = pathlib.Path(__file__).resolve().parent.parent.parent / "xml2xml"

conn = libvirt.open("test:///default")
for path in sorted(CASES.glob("*.xml")):
    if path.name.endswith(".out.xml"):
        continue
    print(f"== {path.name}")
    try:
        dom = conn.defineXML(path.read_text())
    except libvirt.libvirtError as e:
        print(f"refused: {e.get_error_code()}")
        continue
    print(dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE), end="")
    dom.undefine()
conn.close()
