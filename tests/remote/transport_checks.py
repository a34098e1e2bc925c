"""What every transport test checks on a connection it opened: calls
(list, define, undefine), events (a lifecycle callback sees a define and
an undefine) and a stream (a screenshot, the test driver's download),
so TLS, TCP, ssh and ext are held to the same standard as unix."""
import threading
import time

import libvirt

from conftest import DOMAIN_XML


def screenshot(conn):
    st = conn.newStream(0)
    mime = conn.lookupByName("test").screenshot(st, 0, 0)
    data = bytearray()
    st.recvAll(lambda s, buf, opaque: opaque.extend(buf) or len(buf), data)
    st.finish()
    return mime, bytes(data)


def exercise(uri: str, name: str, opener=libvirt.open):
    libvirt.virEventRegisterDefaultImpl()
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            libvirt.virEventRunDefaultImpl()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    # a timer keeps the loop turning so that STOP is noticed
    timer = libvirt.virEventAddTimeout(50, lambda *a: None, None)
    c = opener(uri)
    seen = []
    cbid = None
    try:
        assert c.getType() == libvirt.open("test:///default").getType()
        assert c.listDomainsID() == [1]
        cbid = c.domainEventRegisterAny(
            None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            lambda conn, dom, event, detail, opaque: seen.append((dom.name(), event)), None)
        d = c.defineXML(DOMAIN_XML.format(name=name))
        assert name in [x.name() for x in c.listAllDomains()]
        d.undefine()
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert seen == [(name, libvirt.VIR_DOMAIN_EVENT_DEFINED),
                        (name, libvirt.VIR_DOMAIN_EVENT_UNDEFINED)]
        local = libvirt.open("test:///default")
        try:
            mime, data = screenshot(c)
            assert len(data) > 1000 and (mime, data) == screenshot(local)
        finally:
            local.close()
    finally:
        if cbid is not None:
            c.domainEventDeregisterAny(cbid)
        c.close()
        stop.set()
        t.join(timeout=5)
        libvirt.virEventRemoveTimeout(timer)


def children(name: str):
    """Our own child processes whose command is NAME (not yet reaped
    ones included)."""
    import os
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if ppid == os.getpid() and comm == name:
            found.append(int(entry))
    return found
