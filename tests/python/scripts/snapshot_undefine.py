"""Undefining a domain that has snapshots, as libvirt's test driver allows it."""
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
XML = "<domain type='test'><name>u%d</name><memory>1024</memory><os><type>hvm</type></os></domain>"
SNAP = "<domainsnapshot><name>s1</name></domainsnapshot>"


def attempt(label, fn):
    try:
        print(label, fn())
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


d = conn.defineXML(XML % 1)
d.snapshotCreateXML(SNAP, 0)
attempt("undefine", d.undefine)
attempt("undefineFlags 0", lambda: d.undefineFlags(0))
attempt("undefineFlags metadata", lambda: d.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA))
d = conn.defineXML(XML % 1)
attempt("snapshots after redefine", lambda: d.snapshotNum(0))
d.undefine()
d = conn.defineXML(XML % 2)
d.create()
d.snapshotCreateXML(SNAP, 0)
attempt("undefine running", d.undefine)
attempt("state", lambda: (d.isActive(), d.isPersistent(), d.snapshotNum(0)))
d.destroy()
attempt("gone", lambda: conn.lookupByName("u2").name())
conn.close()
