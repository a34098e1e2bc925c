"""Events: the default event loop, callback registration (old and new
interfaces), opaque data and its release, deregistration, closing, Python
event loops and libvirtaio.

Which event loop is registered is process-wide, so the tests that register
a loop written in Python (or asyncio's) run in a child interpreter.
"""
import gc
import os
import pathlib
import subprocess
import sys
import textwrap
import threading
import time
import weakref

import pytest

import libvirt

from conftest import domain_xml

SRC = pathlib.Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def default_loop():
    libvirt.virEventRegisterDefaultImpl()


def pump(until=lambda: False, timeout=2.0):
    """Run the default loop until UNTIL() holds (or TIMEOUT seconds)."""
    tick = libvirt.virEventAddTimeout(10, lambda t, o: None, None)
    try:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            libvirt.virEventRunDefaultImpl()
            if until():
                return True
        return until()
    finally:
        libvirt.virEventRemoveTimeout(tick)
        libvirt.virEventRunDefaultImpl()


def run_child(code):
    # the build tree (PYTHONPATH from build/run) has libvirt and libvirtaio
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_register_without_event_loop_fails():
    out = run_child("""
        import libvirt
        libvirt.registerErrorHandler(lambda c, e: None, None)
        c = libvirt.open('test:///default')
        try:
            c.domainEventRegisterAny(None, 0, lambda *a: None, None)
        except libvirt.libvirtError as e:
            print(e.get_error_code())
    """)
    assert out == [str(libvirt.VIR_ERR_INTERNAL_ERROR)]


def test_lifecycle_sequence(conn, newdom):
    events = []
    cid = conn.domainEventRegisterAny(
        None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        lambda c, d, ev, det, op: events.append((c is conn, d.name(), ev, det, op)), "data")
    try:
        dom = newdom("ev-seq")
        dom.create()
        dom.suspend()
        dom.resume()
        dom.destroy()
        assert pump(lambda: len(events) >= 5)
    finally:
        conn.domainEventDeregisterAny(cid)
    E = libvirt
    assert events == [
        (True, "ev-seq", E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_ADDED, "data"),
        (True, "ev-seq", E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED, "data"),
        (True, "ev-seq", E.VIR_DOMAIN_EVENT_SUSPENDED, E.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED, "data"),
        (True, "ev-seq", E.VIR_DOMAIN_EVENT_RESUMED, E.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED, "data"),
        (True, "ev-seq", E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_DESTROYED, "data"),
    ]


def test_save_restore_managed_save_and_undefine(conn, newdom, tmp_path):
    events = []
    cid = conn.domainEventRegisterAny(None, 0, lambda c, d, ev, det, op: events.append((ev, det)), None)
    try:
        dom = newdom("ev-save")
        dom.create()
        dom.save(str(tmp_path / "img"))
        conn.restore(str(tmp_path / "img"))
        dom.managedSave()
        dom.create()
        dom.shutdown()
        dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
        assert pump(lambda: len(events) >= 8)
    finally:
        conn.domainEventDeregisterAny(cid)
    E = libvirt
    assert events == [
        (E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_ADDED),
        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SAVED),
        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_RESTORED),
        (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SAVED),
        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN),
        (E.VIR_DOMAIN_EVENT_UNDEFINED, E.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED),
    ]


def test_transient_domain_keeps_its_id_in_the_stop_event(conn):
    seen = []
    cid = conn.domainEventRegisterAny(None, 0, lambda c, d, ev, det, op: seen.append((ev, d.ID())), None)
    try:
        dom = conn.createXML(domain_xml("ev-transient"))
        running = dom.ID()
        dom.destroy()
        assert pump(lambda: len(seen) >= 2)
    finally:
        conn.domainEventDeregisterAny(cid)
    assert seen == [(libvirt.VIR_DOMAIN_EVENT_STARTED, running),
                    (libvirt.VIR_DOMAIN_EVENT_STOPPED, running)]


def test_filter_by_domain_and_other_connections(conn, newdom):
    other = libvirt.open("test:///default")
    mine, theirs = [], []
    dom = newdom("ev-filter")
    a = conn.domainEventRegisterAny(dom, 0, lambda c, d, *r: mine.append(d.name()), None)
    b = other.domainEventRegisterAny(None, 0, lambda c, d, *r: theirs.append((c is other, d.name())), None)
    assert b == a + 1       # numbers are shared by the host's connections
    try:
        conn.lookupByName("test").suspend()
        dom.create()
        assert pump(lambda: len(theirs) >= 2)
    finally:
        conn.lookupByName("test").resume()
        pump(lambda: len(theirs) >= 3)
        conn.domainEventDeregisterAny(a)
        other.domainEventDeregisterAny(b)
        other.close()
    assert mine == ["ev-filter"]
    assert theirs[:2] == [(True, "test"), (True, "ev-filter")]


def test_duplicate_and_unknown(conn):
    f = lambda *a: None  # noqa: E731
    cid = conn.domainEventRegisterAny(None, 0, f, None)
    try:
        with pytest.raises(libvirt.libvirtError) as e:
            conn.domainEventRegisterAny(None, 0, f, "other opaque")
        assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG
    finally:
        conn.domainEventDeregisterAny(cid)
    with pytest.raises(libvirt.libvirtError) as e:
        conn.domainEventDeregisterAny(cid)
    assert e.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG
    with pytest.raises(libvirt.libvirtError) as e:
        conn.secretEventRegisterAny(None, 0, f, None)
    assert e.value.get_error_code() == libvirt.VIR_ERR_NO_SUPPORT


def test_other_kinds_register(conn):
    f = lambda *a: None  # noqa: E731
    ids = [conn.networkEventRegisterAny(None, 0, f, None),
           conn.storagePoolEventRegisterAny(None, 0, f, None),
           conn.storagePoolEventRegisterAny(None, 1, f, None),
           conn.nodeDeviceEventRegisterAny(None, 0, f, None),
           conn.nodeDeviceEventRegisterAny(None, 1, f, None)]
    assert ids == list(range(ids[0], ids[0] + 5))
    conn.networkEventDeregisterAny(ids[0])
    conn.storagePoolEventDeregisterAny(ids[1])
    conn.storagePoolEventDeregisterAny(ids[2])
    conn.nodeDeviceEventDeregisterAny(ids[3])
    conn.nodeDeviceEventDeregisterAny(ids[4])


def test_old_interface(conn):
    got = []
    f = lambda c, d, ev, det, op: got.append(("f", d.name(), ev, op))  # noqa: E731
    g = lambda c, d, ev, det, op: got.append(("g", d.name(), ev, op))  # noqa: E731
    conn.domainEventRegister(f, 1)
    conn.domainEventRegister(g, 2)
    dom = conn.lookupByName("test")
    try:
        dom.suspend()
        assert pump(lambda: len(got) >= 2)
        with pytest.raises(KeyError):
            conn.domainEventDeregister(print)
        conn.domainEventDeregister(f)
        dom.resume()
        assert pump(lambda: len(got) >= 3)
    finally:
        conn.domainEventDeregister(g)
    assert got == [("f", "test", libvirt.VIR_DOMAIN_EVENT_SUSPENDED, 1),
                   ("g", "test", libvirt.VIR_DOMAIN_EVENT_SUSPENDED, 2),
                   ("g", "test", libvirt.VIR_DOMAIN_EVENT_RESUMED, 2)]


def test_opaque_released_on_deregistration(conn):
    class Data:
        pass

    data = Data()
    ref = weakref.ref(data)
    cid = conn.domainEventRegisterAny(None, 0, lambda *a: None, data)
    del data
    gc.collect()
    assert ref() is not None
    conn.domainEventDeregisterAny(cid)
    gc.collect()
    assert ref() is None


def test_deregister_from_inside_a_callback_and_exceptions(conn, capfd):
    calls = []

    def once(c, d, ev, det, op):
        calls.append(ev)
        c.domainEventDeregisterAny(op[0])

    def broken(*args):
        raise RuntimeError("callback failure is printed, not fatal")

    box = []
    # one Python callback per connection and event: libvirt-python's C
    # trampoline is the same for both, so a second one is "already tracked"
    other = libvirt.open("test:///default")
    bad = other.domainEventRegisterAny(None, 0, broken, None)
    box.append(conn.domainEventRegisterAny(None, 0, once, box))
    dom = conn.lookupByName("test")
    try:
        dom.suspend()
        dom.resume()
        pump(lambda: False, timeout=0.3)
    finally:
        other.domainEventDeregisterAny(bad)
        other.close()
    assert calls == [libvirt.VIR_DOMAIN_EVENT_SUSPENDED]
    assert "callback failure is printed" in capfd.readouterr().err


def test_close_keeps_callbacks_like_libvirt():
    # A private host (node file): the connection below is never released,
    # as in libvirt, and must not keep test:///default alive for the other
    # tests.
    c = libvirt.open("test://" + str(SRC / "tests" / "testdriver" / "node.xml"))
    name = c.listAllDomains()[0].name()
    dom = c.lookupByName(name)
    got = []
    c.domainEventRegisterAny(None, 0, lambda *a: got.append(a[2]), None)
    assert c.close() == 1           # the registration still holds it
    dom.destroy()
    dom.create()
    assert pump(lambda: len(got) >= 2)
    assert got == [libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STARTED]


def test_events_from_a_loop_thread(conn):
    got = []
    stop = threading.Event()
    cid = conn.domainEventRegisterAny(None, 0, lambda c, d, ev, det, op: got.append(ev), None)
    tick = libvirt.virEventAddTimeout(20, lambda t, o: None, None)

    def loop():
        while not stop.is_set():
            libvirt.virEventRunDefaultImpl()

    t = threading.Thread(target=loop)
    t.start()
    try:
        dom = conn.lookupByName("test")
        for _ in range(5):
            dom.suspend()
            dom.resume()
        end = time.monotonic() + 5
        while len(got) < 10 and time.monotonic() < end:
            time.sleep(0.01)
    finally:
        stop.set()
        t.join()
        libvirt.virEventRemoveTimeout(tick)
        conn.domainEventDeregisterAny(cid)
    assert got == [libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_RESUMED] * 5


def test_handles_and_timeouts_from_python():
    r, w = os.pipe()
    got = []
    watch = libvirt.virEventAddHandle(r, libvirt.VIR_EVENT_HANDLE_READABLE,
                                      lambda *a: got.append(("fd",) + a), "op")
    timer = libvirt.virEventAddTimeout(0, lambda *a: got.append(("timer",) + a), "top")
    try:
        assert pump(lambda: any(g[0] == "timer" for g in got))
        libvirt.virEventUpdateTimeout(timer, -1)
        os.write(w, b"x")
        assert pump(lambda: any(g[0] == "fd" for g in got))
        fd_events = [g for g in got if g[0] == "fd"]
        assert fd_events[0] == ("fd", watch, r, libvirt.VIR_EVENT_HANDLE_READABLE, "op")
        assert ("timer", timer, "top") in got
        libvirt.virEventUpdateHandle(watch, 0)
        got.clear()
        pump(timeout=0.1)
        assert got == []
    finally:
        assert libvirt.virEventRemoveHandle(watch) == 0
        assert libvirt.virEventRemoveTimeout(timer) == 0
        os.close(r)
        os.close(w)
    with pytest.raises(libvirt.libvirtError):
        libvirt.virEventRemoveHandle(watch)


def test_python_event_loop():
    out = run_child("""
        import select, libvirt
        handles, timers, freed = {}, {}, []
        def add_handle(fd, ev, cb, op):
            n = len(handles) + 1; handles[n] = [fd, ev, cb, op]; return n
        def update_handle(n, ev): handles[n][1] = ev
        def remove_handle(n):
            freed.append(handles.pop(n)[3]); return 0
        def add_timeout(ms, cb, op):
            n = len(timers) + 100; timers[n] = [ms, cb, op]; return n
        def update_timeout(n, ms): timers[n][0] = ms
        def remove_timeout(n):
            freed.append(timers.pop(n)[2]); return 0
        libvirt.virEventRegisterImpl(add_handle, update_handle, remove_handle,
                                     add_timeout, update_timeout, remove_timeout)
        c = libvirt.open('test:///default')
        got = []
        cid = c.domainEventRegisterAny(None, 0, lambda c, d, ev, det, op: got.append(ev), None)
        print('timers', len(timers), [t[0] for t in timers.values()])
        d = c.lookupByName('test'); d.suspend(); d.resume()
        print('armed', [t[0] for t in timers.values()])
        for n, (ms, cb, op) in list(timers.items()):
            if ms >= 0:
                cb(n, op)
        print('events', got)
        print('disarmed', [t[0] for t in timers.values()])
        c.domainEventDeregisterAny(cid)
        print('left', len(timers), len(freed))
        for op in freed:
            libvirt.virEventInvokeFreeCallback(op)
        del d
        print('closed', c.close())
    """)
    assert out == ["timers", "1", "[-1]", "armed", "[0]", "events", "[3,", "4]",
                   "disarmed", "[-1]", "left", "0", "1", "closed", "0"]


def test_libvirtaio():
    out = run_child("""
        import asyncio, libvirt, libvirtaio
        async def main():
            impl = libvirtaio.virEventRegisterAsyncIOImpl()
            assert libvirtaio.getCurrentImpl() is impl
            c = libvirt.open('test:///default')
            got = []
            done = asyncio.Event()
            def cb(conn, dom, ev, det, op):
                got.append((dom.name(), ev, op))
                if len(got) == 2:
                    done.set()
            cid = c.domainEventRegisterAny(None, 0, cb, 'aio')
            d = c.lookupByName('test')
            d.suspend(); d.resume()
            await asyncio.wait_for(done.wait(), 5)
            c.domainEventDeregisterAny(cid)
            await impl.drain()
            seen = list(got)
            del d, got[:]
            print(seen == [('test', 3, 'aio'), ('test', 4, 'aio')], impl.is_idle(), c.close())
        asyncio.run(main())
    """)
    assert out == ["True", "True", "0"]
