"""Domains through libvirt-python's virDomain: lookups, lifecycle, memory,
vCPUs, scheduler, save/restore, and the errors of each."""
import uuid

import pytest

import libvirt
from conftest import domain_xml

TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"


def code(excinfo):
    return excinfo.value.get_error_code()


# ---- the default domain -------------------------------------------------

def test_default_domain(conn):
    d = conn.lookupByName("test")
    assert d.name() == "test"
    assert d.ID() == 1
    assert d.UUIDString() == TEST_UUID
    assert d.UUID() == uuid.UUID(TEST_UUID).bytes
    assert d.OSType() == "linux"
    assert d.maxMemory() == 8388608
    assert d.isActive() == 1
    assert d.isPersistent() == 1
    assert d.isUpdated() == 0
    state, maxmem, mem, vcpus, cputime = d.info()
    assert (state, maxmem, mem, vcpus) == (libvirt.VIR_DOMAIN_RUNNING, 8388608, 2097152, 2)
    assert cputime > 0
    assert d.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN]
    assert d.connect() is conn


def test_lookups(conn):
    d = conn.lookupByName("test")
    assert conn.lookupByID(1).name() == "test"
    assert conn.lookupByUUIDString(TEST_UUID).name() == "test"
    assert conn.lookupByUUID(d.UUID()).name() == "test"
    assert 1 in conn.listDomainsID()
    assert conn.numOfDomains() == len(conn.listDomainsID())
    assert "test" in [x.name() for x in conn.listAllDomains()]
    assert "test" in [x.name() for x in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)]
    assert "test" not in [x.name() for x in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)]


def test_lookup_errors(conn):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByName("no-such-domain")
    assert code(e) == libvirt.VIR_ERR_NO_DOMAIN
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByID(4242)
    assert code(e) == libvirt.VIR_ERR_NO_DOMAIN
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByUUIDString("not-a-uuid")
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByUUIDString(str(uuid.uuid4()))
    assert code(e) == libvirt.VIR_ERR_NO_DOMAIN
    # libvirt-python reads past the end of a short UUID; virtkit refuses it
    with pytest.raises(ValueError):
        conn.lookupByUUID(b"short")


def test_xml_roundtrip(conn, newdom):
    d = newdom("xml-dom")
    xml = d.XMLDesc()
    assert "<name>xml-dom</name>" in xml
    assert "id=" not in xml.splitlines()[0]
    d.create()
    assert f"id='{d.ID()}'" in d.XMLDesc()
    assert "id=" not in d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).splitlines()[0]


def test_define_bad_xml(conn):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.defineXML("<domain type='test'><name>x</name>")
    assert code(e) == libvirt.VIR_ERR_XML_DETAIL or code(e) == libvirt.VIR_ERR_XML_ERROR
    with pytest.raises(libvirt.libvirtError):
        conn.defineXML("<domain type='test'><memory>1</memory></domain>")


# ---- lifecycle -------------------------------------------------------------

def test_lifecycle(conn, newdom):
    d = newdom("life")
    assert d.isActive() == 0
    assert d.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_UNKNOWN]
    assert "life" in conn.listDefinedDomains()
    n_defined = conn.numOfDefinedDomains()
    assert d.create() == 0
    assert d.isActive() == 1
    assert d.ID() > 0
    assert conn.numOfDefinedDomains() == n_defined - 1
    assert d.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED]
    d.suspend()
    assert d.state() == [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER]
    d.resume()
    assert d.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNPAUSED]
    d.reboot(0)
    d.reset(0)
    assert d.isActive() == 1
    d.shutdown()
    assert d.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF
    d.createWithFlags(0)
    d.destroy()
    assert d.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED]
    assert d.ID() == -1


def test_wrong_state_errors(conn, newdom):
    # codes and messages as libvirt's test driver reports them
    d = newdom("wrong-state")
    expect = {
        d.suspend: (libvirt.VIR_ERR_INTERNAL_ERROR, "internal error: domain 'wrong-state' not running"),
        d.resume: (libvirt.VIR_ERR_INTERNAL_ERROR, "internal error: domain 'wrong-state' not paused"),
        d.shutdown: (libvirt.VIR_ERR_INTERNAL_ERROR, "internal error: domain 'wrong-state' not running"),
        d.destroy: (libvirt.VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: domain is not running"),
        d.managedSave: (libvirt.VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: domain is not running"),
    }
    for call, (want_code, want_msg) in expect.items():
        with pytest.raises(libvirt.libvirtError) as e:
            call()
        assert (code(e), e.value.get_error_message()) == (want_code, want_msg)
    d.create()
    with pytest.raises(libvirt.libvirtError) as e:
        d.create()
    assert e.value.get_error_message() == "internal error: Domain 'wrong-state' is already running"
    with pytest.raises(libvirt.libvirtError) as e:
        d.resume()
    assert code(e) == libvirt.VIR_ERR_INTERNAL_ERROR


def test_transient_domain(conn):
    d = conn.createXML(domain_xml("transient"), 0)
    assert d.isActive() == 1
    assert d.isPersistent() == 0
    d.destroy()
    with pytest.raises(libvirt.libvirtError) as e:
        conn.lookupByName("transient")
    assert code(e) == libvirt.VIR_ERR_NO_DOMAIN


def test_undefine_running_makes_transient(conn, newdom):
    d = newdom("undef-running")
    d.create()
    d.undefine()
    assert d.isPersistent() == 0
    assert d.isActive() == 1
    d.destroy()
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByName("undef-running")


def test_invalid_flags(conn):
    d = conn.lookupByName("test")
    with pytest.raises(libvirt.libvirtError) as e:
        d.state(1 << 20)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG
    assert "0x100000" in e.value.get_error_message()


# ---- save / restore ----------------------------------------------------------

def test_save_restore(conn, newdom, tmp_path):
    d = newdom("saver")
    d.create()
    img = str(tmp_path / "saver.img")
    assert d.save(img) == 0
    assert d.isActive() == 0
    assert conn.restore(img) == 0
    d = conn.lookupByName("saver")
    assert d.isActive() == 1
    d.destroy()


def test_restore_missing_file(conn, tmp_path):
    with pytest.raises(libvirt.libvirtError) as e:
        conn.restore(str(tmp_path / "missing.img"))
    assert code(e) == libvirt.VIR_ERR_SYSTEM_ERROR


def test_save_flags_and_restore_flags(conn, newdom, tmp_path):
    d = newdom("saver2")
    d.create()
    img = str(tmp_path / "s2.img")
    d.saveFlags(img, None, 0)
    conn.restoreFlags(img, None, 0)
    assert conn.lookupByName("saver2").isActive() == 1


def test_managed_save(conn, newdom):
    d = newdom("managed")
    d.create()
    assert d.hasManagedSaveImage() == 0
    d.managedSave()
    assert d.isActive() == 0
    assert d.hasManagedSaveImage() == 1
    assert d.state() == [libvirt.VIR_DOMAIN_SHUTOFF, libvirt.VIR_DOMAIN_SHUTOFF_SAVED]
    assert "managed" in [x.name() for x in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE)]
    d.create()
    assert d.hasManagedSaveImage() == 0
    d.managedSave()
    d.managedSaveRemove()
    assert d.hasManagedSaveImage() == 0


# ---- memory, vcpus, autostart, scheduler ----------------------------------------

def test_memory(conn, newdom):
    d = newdom("mem", memory=1048576)
    d.setMaxMemory(2097152)
    assert d.maxMemory() == 2097152
    d.setMemoryFlags(524288, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    assert d.info()[2] == 524288
    with pytest.raises(libvirt.libvirtError) as e:
        d.setMemory(4194304)
    d.create()
    d.setMemory(262144)
    assert d.info()[2] == 262144
    with pytest.raises(libvirt.libvirtError) as e:
        d.setMemoryFlags(99999999, libvirt.VIR_DOMAIN_AFFECT_LIVE)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_vcpus(conn, newdom):
    d = newdom("cpus", vcpus=4)
    assert d.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG) == 4
    assert d.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_VCPU_MAXIMUM) == 4
    d.setVcpusFlags(2, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
    assert d.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG) == 2
    d.create()
    assert d.maxVcpus() == 4
    d.setVcpus(3)
    assert d.info()[3] == 3
    with pytest.raises(libvirt.libvirtError) as e:
        d.setVcpus(64)
    assert code(e) == libvirt.VIR_ERR_INVALID_ARG


def test_autostart(conn, newdom):
    d = newdom("auto")
    assert d.autostart() == 0
    d.setAutostart(1)
    assert d.autostart() == 1
    assert "auto" in [x.name() for x in conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART)]
    d.setAutostart(0)
    assert d.autostart() == 0


def test_scheduler(conn):
    d = conn.lookupByName("test")
    assert d.schedulerType() == ("fair", 1)
    params = d.schedulerParameters()
    assert params == {"weight": 50}
    # libvirt's test driver accepts a new weight but keeps reporting 50
    assert d.setSchedulerParameters({"weight": 70}) == 0
    assert d.schedulerParameters() == {"weight": 50}
    with pytest.raises(LookupError):
        d.setSchedulerParameters({"bogus": 1})
