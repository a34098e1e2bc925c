"""Storage pools and volumes of the test driver through the Python
binding: libvirt-python's method names and return shapes, and the state
changes libvirt's test driver makes (tests/python/scripts/storage_pools.py
compares the details with libvirt itself)."""
import pytest

import libvirt

VOL = "<volume><name>{}</name><capacity unit='M'>10</capacity><allocation>0</allocation></volume>"


@pytest.fixture
def conn():
    c = libvirt.open("test:///default")
    yield c
    c.close()


@pytest.fixture
def pool(conn):
    return conn.storagePoolLookupByName("default-pool")


def code(excinfo):
    return excinfo.value.get_error_code()


def test_default_pool(conn, pool):
    assert conn.listStoragePools() == ["default-pool"]
    assert conn.numOfStoragePools() == 1
    assert pool.UUIDString() == "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"
    assert pool.info() == [libvirt.VIR_STORAGE_POOL_RUNNING, 100 << 30, 0, 100 << 30]
    assert "<path>/default-pool</path>" in pool.XMLDesc(0)
    assert pool.listAllVolumes() == []


def test_list_all_pools_returns_handles(conn):
    pools = conn.listAllStoragePools()
    assert [type(p) for p in pools] == [libvirt.virStoragePool]
    assert pools[0].name() == "default-pool"
    assert conn.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) == []


def test_volume_life(conn, pool):
    vol = pool.createXML(VOL.format("disk1"), 0)
    assert isinstance(vol, libvirt.virStorageVol)
    assert vol.path() == vol.key() == "/default-pool/disk1"
    assert vol.info() == [libvirt.VIR_STORAGE_VOL_FILE, 10 << 20, 0]
    assert [v.name() for v in pool.listAllVolumes()] == ["disk1"]
    assert conn.storageVolLookupByPath("/default-pool/disk1").name() == "disk1"
    assert vol.storagePoolLookupByVolume().name() == "default-pool"
    clone = pool.createXMLFrom(VOL.format("disk2"), vol, 0)
    assert clone.info()[2] == 0                 # the allocation its document gives
    assert pool.info()[2] == 0
    clone.delete(0)
    vol.delete(0)
    assert pool.numOfVolumes() == 0
    with pytest.raises(libvirt.libvirtError) as e:
        vol.info()
    assert code(e) == libvirt.VIR_ERR_NO_STORAGE_VOL


def test_pool_lifecycle(conn):
    xml = "<pool type='dir'><name>scratch</name><target><path>/scratch</path></target></pool>"
    p = conn.storagePoolDefineXML(xml, 0)
    assert conn.listDefinedStoragePools() == ["scratch"]
    assert p.isActive() == 0 and p.isPersistent() == 1
    p.build(0)
    p.create(0)
    with pytest.raises(libvirt.libvirtError) as e:
        p.undefine()
    assert code(e) == libvirt.VIR_ERR_OPERATION_INVALID
    p.setAutostart(1)
    assert p.autostart() == 1
    p.refresh(0)
    p.destroy()
    p.delete(0)
    p.undefine()
    with pytest.raises(libvirt.libvirtError) as e:
        conn.storagePoolLookupByName("scratch")
    assert code(e) == libvirt.VIR_ERR_NO_STORAGE_POOL


def test_transient_pool_goes_away(conn):
    p = conn.storagePoolCreateXML(
        "<pool type='dir'><name>tmp</name><target><path>/tmp/x</path></target></pool>", 0)
    assert p.isPersistent() == 0
    with pytest.raises(libvirt.libvirtError) as e:
        p.setAutostart(1)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    p.destroy()
    assert "tmp" not in conn.listStoragePools() + conn.listDefinedStoragePools()


def test_state_is_per_host(conn, pool):
    pool.createXML(VOL.format("shared"), 0)
    other = libvirt.open("test:///default")
    try:
        # test:///default connections share one host, as in libvirt
        assert "shared" in other.storagePoolLookupByName("default-pool").listVolumes()
    finally:
        pool.storageVolLookupByName("shared").delete(0)
        other.close()


def test_unsupported_volume_calls(conn, pool):
    vol = pool.createXML(VOL.format("u"), 0)
    try:
        st = conn.newStream(0)
        for call in (lambda: vol.upload(st, 0, 0, 0), lambda: vol.download(st, 0, 0, 0),
                     lambda: vol.wipe(0), lambda: vol.resize(1, 0), lambda: vol.infoFlags(0)):
            with pytest.raises(libvirt.libvirtError) as e:
                call()
            assert code(e) == libvirt.VIR_ERR_NO_SUPPORT
        with pytest.raises(TypeError):
            vol.upload("not a stream", 0, 0, 0)
        with pytest.raises(TypeError):
            pool.createXMLFrom(VOL.format("w"), "not a volume", 0)
    finally:
        vol.delete(0)


def test_node_file_pools(tmp_path):
    node = tmp_path / "node.xml"
    node.write_text(
        "<node><pool type='dir'><name>np</name><target><path>/np</path></target>"
        "<volume><name>nv</name><capacity>1000</capacity><allocation>500</allocation></volume>"
        "</pool></node>")
    c = libvirt.open("test://" + str(node))
    try:
        p = c.storagePoolLookupByName("np")
        assert p.listVolumes() == ["nv"]
        assert p.info()[2] == 500
        assert p.storageVolLookupByName("nv").path() == "/np/nv"
    finally:
        c.close()
