"""A guest's state to a file and back through the QEMU driver: save and
restore, managed save and the start that restores it, and screenshots.
The guest's memory really comes back: a shell variable set before the
save is read after the restore."""

import os

import pytest

import guest
import libvirt
from conftest import ConsoleReader, RunningGuest

EV = libvirt


@pytest.fixture(scope='module')
def g(guest_files, event_loop):
    rg = RunningGuest('saved', lambda root: guest.domain_xml(
        'saved', extra_devices="<video><model type='vga'/></video>"))
    yield rg
    rg.close()


def reattach_console(g):
    """The console of the new QEMU process after a restore."""
    g.console.close()
    st = g.conn.newStream(0)
    g.dom.openConsole(None, st, 0)
    g.console = ConsoleReader(st)


def test_screenshot(g):
    st = g.conn.newStream(0)
    assert g.dom.screenshot(st, 0) == 'image/x-portable-pixmap'
    data = b''
    while True:
        chunk = st.recv(1 << 16)
        if not chunk:
            break
        data += chunk
    st.finish()
    magic, size, depth, pixels = data.split(b'\n', 3)
    width, height = (int(x) for x in size.split())
    assert magic == b'P6' and depth == b'255'
    assert len(pixels) == width * height * 3


def test_save_and_restore(g):
    g.run('MARK=kept-across-save')
    path = os.path.join(g.root, 'guest.save')
    g.dom.save(path)
    assert g.dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SAVED]
    assert os.path.getsize(path) > 1024 * 1024
    with open(path, 'rb') as f:
        assert f.read(16) == b'VirtkitQemuSave\n'
    g.events.wait_for('saved', (EV.VIR_DOMAIN_EVENT_STOPPED, EV.VIR_DOMAIN_EVENT_STOPPED_SAVED))

    g.conn.restore(path)
    assert g.dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_RESTORED]
    g.events.wait_for('saved', (EV.VIR_DOMAIN_EVENT_STARTED, EV.VIR_DOMAIN_EVENT_STARTED_RESTORED))
    reattach_console(g)
    g.console.send('\n')
    g.console.wait_for(guest.PROMPT)
    assert g.run('echo $MARK') == 'kept-across-save'


def test_restore_paused(g):
    path = os.path.join(g.root, 'paused.save')
    g.dom.saveFlags(path, None, EV.VIR_DOMAIN_SAVE_PAUSED)
    g.conn.restore(path)
    assert g.dom.state() == [EV.VIR_DOMAIN_PAUSED, EV.VIR_DOMAIN_PAUSED_USER]
    g.events.wait_for('saved', (EV.VIR_DOMAIN_EVENT_SUSPENDED,
                                EV.VIR_DOMAIN_EVENT_SUSPENDED_RESTORED))
    g.dom.resume()
    reattach_console(g)
    g.console.send('\n')
    g.console.wait_for(guest.PROMPT)
    assert g.run('echo $MARK') == 'kept-across-save'


def test_bad_image(g):
    path = os.path.join(g.root, 'not-an-image')
    with open(path, 'wb') as f:
        f.write(b'x' * 100)
    with pytest.raises(libvirt.libvirtError) as e:
        g.conn.restore(path)
    assert (e.value.get_error_code(), e.value.get_error_message()) == (
        EV.VIR_ERR_OPERATION_FAILED, 'operation failed: image magic is incorrect')


def test_managed_save(g):
    g.run('MARK=kept-across-managed-save')
    g.dom.managedSave(0)
    assert g.dom.state() == [EV.VIR_DOMAIN_SHUTOFF, EV.VIR_DOMAIN_SHUTOFF_SAVED]
    assert g.dom.hasManagedSaveImage(0) == 1
    assert os.path.exists(os.path.join(g.root, 'lib/qemu/save/saved.save'))
    names = lambda f: [d.name() for d in g.conn.listAllDomains(f)]
    assert names(EV.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE) == ['saved']
    assert names(EV.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE) == []
    with pytest.raises(libvirt.libvirtError) as e:
        g.dom.undefine()
    assert e.value.get_error_message() == (
        'Requested operation is not valid: '
        'Refusing to undefine while domain managed save image exists')

    # start restores the image and removes it
    g.dom.create()
    assert g.dom.state() == [EV.VIR_DOMAIN_RUNNING, EV.VIR_DOMAIN_RUNNING_RESTORED]
    assert g.dom.hasManagedSaveImage(0) == 0
    assert not os.path.exists(os.path.join(g.root, 'lib/qemu/save/saved.save'))
    reattach_console(g)
    g.console.send('\n')
    g.console.wait_for(guest.PROMPT)
    assert g.run('echo $MARK') == 'kept-across-managed-save'


def test_screenshot_needs_a_screen(conn, guest_files):
    dom = conn.createXML(guest.domain_xml('blind'), EV.VIR_DOMAIN_START_PAUSED)
    with pytest.raises(libvirt.libvirtError) as e:
        dom.screenshot(conn.newStream(0), 0)
    assert e.value.get_error_message() == (
        'Requested operation is not valid: no screens to take screenshot from')


def test_other_domains_go_on_during_a_save(conn, root, guest_files, tmp_path):
    """A save waits on QEMU without the driver's lock: another domain of
    the same root is suspended, resumed and asked about meanwhile."""
    import threading
    serial = str(tmp_path / 'serial.log')
    busy = conn.createXML(guest.domain_xml('busy', serial_log=serial), 0)
    other = conn.createXML(guest.domain_xml('other'), EV.VIR_DOMAIN_START_PAUSED)
    with open(serial, 'rb') as f:
        guest.wait_for_marker(f, guest.READY_MARKER)
    errors = []

    def save():
        try:
            busy.save(os.path.join(root, 'busy.save'))
        except libvirt.libvirtError as e:
            errors.append(e)
    saver = threading.Thread(target=save)
    saver.start()
    try:
        # (the save of a booted guest takes far longer than these calls)
        other.resume()
        other.suspend()
        assert other.info()[0] == EV.VIR_DOMAIN_PAUSED
        assert len(conn.listAllDomains(0)) == 2
        assert saver.is_alive()
    finally:
        saver.join(60)
    assert not errors
    # a transient domain is gone once saved; its image is there
    assert [d.name() for d in conn.listAllDomains(0)] == ['other']
    assert os.path.getsize(os.path.join(root, 'busy.save')) > 1024 * 1024
