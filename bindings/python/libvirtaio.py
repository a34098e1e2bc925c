"""libvirtaio: libvirt's events delivered by an asyncio event loop.

    import asyncio, libvirt, libvirtaio

    async def main():
        libvirtaio.virEventRegisterAsyncIOImpl()
        conn = libvirt.open("test:///default")
        conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                    lambda *args: print(args), None)
        ...

virEventRegisterAsyncIOImpl() registers, with libvirt.virEventRegisterImpl,
six functions that turn libvirt's watches into loop.add_reader/add_writer
and its timers into loop.call_soon/call_later, so events arrive in the
asyncio program with no extra thread.  The module offers the public names
of libvirt-python's libvirtaio: virEventRegisterAsyncIOImpl, getCurrentImpl
and the class virEventAsyncIOImpl (register(), drain(), is_idle()).

libvirt may call the six functions from any thread (a blocking libvirt call
run in an executor can queue an event); changes to the loop are then
handed to it with call_soon_threadsafe.  Free callbacks of removed watches
and timers always run later from the loop, never from inside the remove
call, as libvirt requires.
"""

import asyncio
import itertools
import logging
import threading

import libvirt

__all__ = [
    'getCurrentImpl',
    'virEventAsyncIOImpl',
    'virEventRegisterAsyncIOImpl',
]


class _Item:
    """A watch or a timer: libvirt's callback and its opaque tuple."""

    _numbers = itertools.count(1)

    def __init__(self, impl, cb, opaque):
        self.iden = next(self._numbers)
        self.impl = impl
        self.cb = cb
        self.opaque = opaque
        self.closed = False

    def __repr__(self):
        return '<%s iden=%d>' % (type(self).__name__, self.iden)

    def close(self):
        """Stop for good; the free callback runs later from the loop."""
        self.closed = True
        self.impl._schedule_free(self.iden, self.opaque)


class _Watch(_Item):
    """A file descriptor watch."""

    def __init__(self, impl, cb, opaque, fd, events):
        super().__init__(impl, cb, opaque)
        self.fd = fd
        self.events = events

    def fire(self, events):
        if not self.closed and self.events & events:
            self.cb(self.iden, self.fd, self.events & events, self.opaque)


class _Timer(_Item):
    """A repeating timer: TIMEOUT ms, 0 for every iteration, <0 off."""

    def __init__(self, impl, cb, opaque, timeout):
        super().__init__(impl, cb, opaque)
        self.timeout = timeout
        self.handle = None

    def arm(self):
        self.disarm()
        if self.closed or self.timeout < 0:
            return
        loop = self.impl.loop
        if self.timeout == 0:
            self.handle = loop.call_soon(self.fire)
        else:
            self.handle = loop.call_later(self.timeout / 1000.0, self.fire)

    def disarm(self):
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None

    def fire(self):
        self.handle = None
        if self.closed:
            return
        self.cb(self.iden, self.opaque)
        # the callback may have changed or removed the timer already
        if self.handle is None and not self.closed:
            self.arm()


class virEventAsyncIOImpl:
    """libvirt's event loop functions over an asyncio loop.

    LOOP defaults to the running loop (or the current one).  callbacks
    maps watch and timer numbers to their records.
    """

    def __init__(self, loop=None):
        if loop is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = asyncio.get_event_loop_policy().get_event_loop()
        self.loop = loop
        self.callbacks = {}
        self.log = logging.getLogger(type(self).__name__)
        self._lock = threading.RLock()
        self._fds = {}          # fd -> set of watch numbers
        self._pending = 0       # free callbacks not yet run
        self._finished = None   # asyncio.Event while drain() waits

    def __repr__(self):
        return '<%s callbacks=%r>' % (type(self).__name__, self.callbacks)

    def register(self):
        """Make this the event loop libvirt uses; returns self."""
        libvirt.virEventRegisterImpl(
            self._add_handle, self._update_handle, self._remove_handle,
            self._add_timeout, self._update_timeout, self._remove_timeout)
        return self

    # -- running things on the loop ----------------------------------

    def _on_loop(self):
        try:
            return asyncio.get_running_loop() is self.loop
        except RuntimeError:
            # the loop is not running in this thread: either nothing runs
            # it yet (setting up is safe) or another thread does
            return not self.loop.is_running()

    def _run(self, func, *args):
        if self._on_loop():
            func(*args)
        else:
            self.loop.call_soon_threadsafe(func, *args)

    def _schedule_free(self, iden, opaque):
        with self._lock:
            self._pending += 1
            if self._finished is not None:
                self._finished.clear()
        self._run(self._later_free, iden, opaque)

    def _later_free(self, iden, opaque):
        # one more turn of the loop, so the free never runs inside the
        # remove call that asked for it
        self.loop.call_soon(self._free, iden, opaque)

    def _free(self, iden, opaque):
        self.log.debug('free callback of %d', iden)
        try:
            libvirt.virEventInvokeFreeCallback(opaque)
        finally:
            with self._lock:
                self._pending -= 1
                if self._pending == 0 and self._finished is not None:
                    self._finished.set()

    async def drain(self):
        """Wait until every pending free callback has run."""
        with self._lock:
            if self._pending == 0:
                return
            self._finished = asyncio.Event()
        await self._finished.wait()
        self._finished = None

    def is_idle(self):
        """True when no watch, timer or free callback is left (a program
        that closed its connections properly ends idle)."""
        return not self.callbacks and not self._pending

    # -- watches -----------------------------------------------------

    def _sync_fd(self, fd):
        """Point the loop's reader and writer of FD at the watches that
        want them."""
        watches = [self.callbacks[i] for i in self._fds.get(fd, ())]
        want_read = any(w.events & (libvirt.VIR_EVENT_HANDLE_READABLE |
                                    libvirt.VIR_EVENT_HANDLE_ERROR |
                                    libvirt.VIR_EVENT_HANDLE_HANGUP)
                        for w in watches)
        want_write = any(w.events & libvirt.VIR_EVENT_HANDLE_WRITABLE for w in watches)
        self.loop.remove_reader(fd)
        self.loop.remove_writer(fd)
        if want_read:
            self.loop.add_reader(fd, self._fd_ready, fd, libvirt.VIR_EVENT_HANDLE_READABLE)
        if want_write:
            self.loop.add_writer(fd, self._fd_ready, fd, libvirt.VIR_EVENT_HANDLE_WRITABLE)

    def _fd_ready(self, fd, events):
        for iden in list(self._fds.get(fd, ())):
            watch = self.callbacks.get(iden)
            if watch is not None:
                watch.fire(events)

    def _add_handle(self, fd, event, cb, opaque):
        with self._lock:
            watch = _Watch(self, cb, opaque, fd, event)
            self.callbacks[watch.iden] = watch
            self._fds.setdefault(fd, set()).add(watch.iden)
        self.log.debug('add_handle(fd=%d, event=%d) -> %d', fd, event, watch.iden)
        self._run(self._sync_fd, fd)
        return watch.iden

    def _update_handle(self, watch, event):
        with self._lock:
            item = self.callbacks.get(watch)
            if not isinstance(item, _Watch):
                self.log.warning('update_handle(): no watch %d', watch)
                return
            item.events = event
        self._run(self._sync_fd, item.fd)

    def _remove_handle(self, watch):
        with self._lock:
            item = self.callbacks.get(watch)
            if not isinstance(item, _Watch):
                self.log.warning('remove_handle(): no watch %d', watch)
                return -1
            del self.callbacks[watch]
            self._fds[item.fd].discard(watch)
            if not self._fds[item.fd]:
                del self._fds[item.fd]
        self._run(self._sync_fd, item.fd)
        item.close()
        return 0

    # -- timers ------------------------------------------------------

    def _add_timeout(self, timeout, cb, opaque):
        with self._lock:
            timer = _Timer(self, cb, opaque, timeout)
            self.callbacks[timer.iden] = timer
        self.log.debug('add_timeout(timeout=%d) -> %d', timeout, timer.iden)
        self._run(timer.arm)
        return timer.iden

    def _update_timeout(self, timer, timeout):
        with self._lock:
            item = self.callbacks.get(timer)
            if not isinstance(item, _Timer):
                self.log.warning('update_timeout(): no timer %d', timer)
                return
            item.timeout = timeout
        self._run(item.arm)

    def _remove_timeout(self, timer):
        with self._lock:
            item = self.callbacks.get(timer)
            if not isinstance(item, _Timer):
                self.log.warning('remove_timeout(): no timer %d', timer)
                return -1
            del self.callbacks[timer]
            item.closed = True
        self._run(item.disarm)
        item.close()
        return 0


_current_impl = None


def getCurrentImpl():
    """The implementation registered by virEventRegisterAsyncIOImpl, or None."""
    return _current_impl


def virEventRegisterAsyncIOImpl(loop=None):
    """Deliver libvirt's events through LOOP (default: the running or
    current asyncio loop); returns the implementation object."""
    global _current_impl
    _current_impl = virEventAsyncIOImpl(loop=loop).register()
    return _current_impl
