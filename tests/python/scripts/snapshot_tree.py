"""Domain snapshots, written for libvirt-python: creation (new and
redefined), the XML libvirt formats, tree navigation with every list
filter, the current snapshot, revert with the state changes it makes, and
delete with and without children.  The differential test runs it under
Debian's python3-libvirt and under virtkit and wants the same output.
"""
import re

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)

DOMAIN = """<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>524288</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/{name}.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
  </devices>
</domain>"""


def attempt(label, fn, *args):
    try:
        ret = fn(*args)
    except libvirt.libvirtError as e:
        # the read-only refusal comes from the public API layer, whose
        # error domain is not part of what is compared
        where = "" if label.startswith("ro ") else f" domain {e.get_error_domain()}"
        print(f"{label}: error {e.get_error_code()}{where}")
        return None
    if isinstance(ret, str):
        ret = re.sub(r"<creationTime>\d+</creationTime>", "<creationTime>T</creationTime>", ret)
        ret = re.sub(r"<uuid>[^<]*</uuid>", "<uuid/>", ret)
        print(f"{label}:\n{ret}")
    elif isinstance(ret, libvirt.virDomainSnapshot):
        print(f"{label}: snapshot {ret.getName()}")
    else:
        print(f"{label}: {ret!r}")
    return ret


def snap(name, extra=""):
    return f"<domainsnapshot><name>{name}</name>{extra}</domainsnapshot>"


def tree(d):
    out = []
    for s in sorted(d.listAllSnapshots(), key=lambda s: s.getName()):
        try:
            parent = s.getParent().getName()
        except libvirt.libvirtError as e:
            parent = e.get_error_code()
        out.append((s.getName(), parent, s.isCurrent(), s.hasMetadata(), s.numChildren()))
    print("tree:", out)


conn = libvirt.open("test:///default")
d = conn.defineXML(DOMAIN.format(name="snaptree"))
d.create()

attempt("num empty", d.snapshotNum)
attempt("has current", d.hasCurrentSnapshot)
attempt("current none", d.snapshotCurrent)
a = attempt("create a", d.snapshotCreateXML, snap("a", "<description>first &amp; best</description>"))
attempt("xml a", a.getXMLDesc)
d.suspend()
b = attempt("create b paused", d.snapshotCreateXML, snap("b", "<memory snapshot='no'/>"))
attempt("xml b", b.getXMLDesc)
d.resume()
attempt("create dup", d.snapshotCreateXML, snap("a"))
c = attempt("create c ext mem", d.snapshotCreateXML,
            snap("c", "<memory file='/tmp/c.mem'/><disks><disk name='vda' snapshot='internal'/></disks>"))
attempt("xml c", c.getXMLDesc)
e = attempt("create e ext disk", d.snapshotCreateXML,
            snap("e", "<memory file='/tmp/e.mem'/><disks><disk name='/guest/snaptree.img'>"
                      "<driver type='qcow2'/><source file='/tmp/e.qcow2'/></disk></disks>"))
attempt("xml e", e.getXMLDesc)
for label, extra in [
        ("bad root", None),
        ("ext disk int mem", "<disks><disk name='vda' snapshot='external'/></disks>"),
        ("no such disk", "<disks><disk name='vdz'/></disks>"),
        ("disk twice", "<disks><disk name='vda'/><disk name='vda'/></disks>"),
        ("too many", "<disks><disk name='vda'/><disk name='hdc'/><disk name='vdb'/></disks>"),
        ("relative mem", "<memory file='rel.mem'/>"),
        ("internal mem file", "<memory snapshot='internal' file='/m'/>"),
        ("external mem no file", "<memory snapshot='external'/>"),
        ("manual mem", "<memory snapshot='manual'/>"),
        ("bad mem", "<memory snapshot='bogus'/>"),
        ("bad disk", "<disks><disk name='vda' snapshot='bogus'/></disks>"),
        ("manual disk", "<disks><disk name='vda' snapshot='manual'/></disks>"),
        ("disk no name", "<disks><disk/></disks>"),
        ("ext names", "<memory file='/m'/>")]:
    xml = "<notasnapshot/>" if extra is None else snap("x", extra)
    attempt(label, d.snapshotCreateXML, xml)
attempt("bad xml", d.snapshotCreateXML, "<domainsnapshot")
for flags in [libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA,
              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY,
              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT,
              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA,
              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT]:
    attempt(f"create flags {flags}", d.snapshotCreateXML, snap("f"), flags)

# redefinition
R = libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE
axml = a.getXMLDesc()
attempt("redefine no name", d.snapshotCreateXML, "<domainsnapshot/>", R)
attempt("redefine no time", d.snapshotCreateXML, snap("r"), R)
attempt("redefine no state", d.snapshotCreateXML, snap("r", "<creationTime>5</creationTime>"), R)
attempt("redefine bad state", d.snapshotCreateXML,
        snap("r", "<creationTime>5</creationTime><state>bogus</state>"), R)
attempt("redefine no domain", d.snapshotCreateXML,
        snap("r", "<creationTime>5</creationTime><state>running</state>"), R)
attempt("redefine no parent", d.snapshotCreateXML,
        snap("r", "<creationTime>5</creationTime><state>running</state><parent><name>zz</name></parent>"), R)
attempt("redefine own parent", d.snapshotCreateXML,
        snap("r", "<creationTime>5</creationTime><state>running</state><parent><name>r</name></parent>"), R)
attempt("redefine offline memory", d.snapshotCreateXML,
        snap("r", "<creationTime>5</creationTime><state>shutoff</state><memory snapshot='internal'/>"), R)
attempt("redefine same", d.snapshotCreateXML, axml, R)
attempt("redefine to offline", d.snapshotCreateXML, axml.replace("<state>running</state>", "<state>shutoff</state>")
        .replace("<memory snapshot='internal'/>", ""), R)
attempt("redefine other uuid", d.snapshotCreateXML,
        axml.replace("<name>a</name>", "<name>r2</name>", 1).replace(d.UUIDString(), "11111111-2222-3333-4444-555555555555"), R)
attempt("redefine new current", d.snapshotCreateXML,
        axml.replace("<name>a</name>", "<name>r3</name>", 1).replace("</description>", "</description><parent><name>b</name></parent>"),
        R | libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
attempt("xml r3", d.snapshotLookupByName("r3").getXMLDesc)
attempt("current", d.snapshotCurrent)
tree(d)

# listing with every filter
for flags in [0, 1, 2, 4, 8, 12, 16, 18, 32, 64, 96, 128, 224, 256, 512, 768, 1024, 1025, 1028]:
    attempt(f"num {flags}", d.snapshotNum, flags)
    print(f"names {flags}:", sorted(d.snapshotListNames(flags)))
    print(f"all {flags}:", sorted(s.getName() for s in d.listAllSnapshots(flags)))
for flags in [0, 1, 4, 8, 1024, 1025, 32, 512]:
    attempt(f"children {flags}", a.numChildren, flags)
    print(f"children names {flags}:", sorted(a.listChildrenNames(flags)))
    print(f"children all {flags}:", sorted(s.getName() for s in a.listAllChildren(flags)))
attempt("lookup missing", d.snapshotLookupByName, "zz")
attempt("lookup flags", d.snapshotLookupByName, "a", 1)
attempt("parent of root", a.getParent)
for fn in ["snapshotCurrent", "hasCurrentSnapshot"]:
    attempt(f"{fn} flags", getattr(d, fn), 1)
for fn in ["getParent", "isCurrent", "hasMetadata"]:
    attempt(f"{fn} flags", getattr(b, fn), 1)
attempt("xml secure", len, a.getXMLDesc(libvirt.VIR_DOMAIN_SNAPSHOT_XML_SECURE))

# revert: the domain's state follows the snapshot, or the flags
def state(label):
    print(f"{label}: state={d.state()} active={d.isActive()}")

for name, flags in [("b", 0), ("a", libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED),
                    ("b", libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING), ("a", 0)]:
    attempt(f"revert {name} {flags}", d.revertToSnapshot, d.snapshotLookupByName(name), flags)
    state(f"after {name}")
attempt("revert both flags", d.revertToSnapshot, a, 3)
d.destroy()
off = attempt("create off", d.snapshotCreateXML, snap("off"))
attempt("xml off", off.getXMLDesc)
attempt("revert a from off", d.revertToSnapshot, a)
state("after a")
attempt("revert off", d.revertToSnapshot, off)
state("after off")
attempt("revert off running", d.revertToSnapshot, off, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING)
state("after off running")
attempt("revert off paused", d.revertToSnapshot, off, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
state("after off paused")
attempt("create halt", d.snapshotCreateXML, snap("h1"), libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
d.create()
attempt("create halt running", d.snapshotCreateXML, snap("h2"), libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
state("after halt")
attempt("xml h2", d.snapshotLookupByName("h2").getXMLDesc)
attempt("xml after revert", d.XMLDesc)
tree(d)

# delete
attempt("delete both flags", b.delete, 5)
attempt("delete children only a", d.snapshotLookupByName("c").delete,
        libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
tree(d)
attempt("delete b (reparent)", b.delete)
tree(d)
attempt("delete current h2", d.snapshotLookupByName("h2").delete)
attempt("current after", lambda: d.snapshotCurrent().getName())
attempt("delete metadata only", d.snapshotLookupByName("h1").delete,
        libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)
tree(d)
attempt("delete a with children", a.delete, libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN)
attempt("delete again", a.delete)
attempt("xml deleted", a.getXMLDesc)
tree(d)
attempt("num left", d.snapshotNum)
attempt("has current left", d.hasCurrentSnapshot)

# transient domains
t = conn.createXML("<domain type='test'><name>snaptrans</name><memory>1024</memory>"
                   "<os><type>hvm</type></os></domain>")
attempt("transient halt", t.snapshotCreateXML, snap("t1"), libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_HALT)
t1 = attempt("transient snap", t.snapshotCreateXML, snap("t1"))
attempt("transient xml", t1.getXMLDesc)
attempt("transient revert", t.revertToSnapshot, t1)
print("transient state:", t.state())
t.destroy()

# read-only connections
ro = libvirt.openReadOnly("test:///default")
rd = ro.lookupByName("snaptree")
attempt("ro create", rd.snapshotCreateXML, snap("ro"))
attempt("ro num", rd.snapshotNum)
for s in d.listAllSnapshots():
    s.delete()
attempt("undefine", d.undefineFlags, libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
