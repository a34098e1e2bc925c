"""One libvirt-python program across the API: events, streams, snapshots,
pools, volumes and networks on test:///default.  The differential test
runs it under libvirt and virtkit and requires the same output."""
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("test:///default")
events = []


def lifecycle(conn, dom, event, detail, opaque):
    events.append((opaque, dom.name(), event, detail))


def pump():
    for _ in range(5):
        libvirt.virEventAddTimeout(0, lambda timer, opaque: libvirt.virEventRemoveTimeout(timer), None)
        libvirt.virEventRunDefaultImpl()


cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, "tour")

# networks
net = conn.networkLookupByName("default")
print("network", net.name(), net.isActive(), net.bridgeName())
print(sorted(n.name() for n in conn.listAllNetworks()))

# pools and volumes
pool = conn.storagePoolLookupByName("default-pool")
print("pool", pool.name(), pool.isActive(), pool.info()[0])
vol = pool.createXML("<volume><name>tour.img</name><capacity unit='KiB'>64</capacity></volume>", 0)
print("volume", vol.name(), vol.info()[0], vol.key() == vol.path())
print(sorted(pool.listVolumes()))
vol.delete(0)

# snapshots
dom = conn.lookupByName("test")
snap = dom.snapshotCreateXML("<domainsnapshot><name>tour-snap</name></domainsnapshot>", 0)
print("snapshot", snap.getName(), dom.snapshotNum(0), dom.hasCurrentSnapshot(0), snap.isCurrent(0))
dom.revertToSnapshot(snap, 0)
snap.delete(0)
print("snapshots left", dom.snapshotNum(0))

# streams: a screenshot of the test domain
st = conn.newStream(0)
mime = dom.screenshot(st, 0, 0)
data = bytearray()
st.recvAll(lambda s, buf, opaque: opaque.extend(buf) or len(buf), data)
st.finish()
print("screenshot", mime, len(data) > 0)

# lifecycle events
dom.suspend()
dom.resume()
pump()
conn.domainEventDeregisterAny(cb)
print("events", events)
conn.close()
