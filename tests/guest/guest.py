"""The tiny test guest, for tests that boot a real VM.

    from guest import guest_paths, make_disk, Guest, READY_MARKER

    kernel, initrd = guest_paths()          # builds once, then cached
    with Guest(extra_args=['-device', ...]) as g:
        g.console.wait_for(READY_MARKER)
        assert g.console.run('echo $((6*7))') == '42'
        g.qmp.command('system_powerdown')
        g.wait_exit()

guest_paths() runs build-guest.py (see there for the cache folder).  The
guest's /init prints, on its console, in this order:
    virtkit-guest: block devices: vda vdb      (or: none)
    virtkit-guest: network interfaces: eth0    (or: none)
    virtkit-guest: kernel VERSION, booted in SECONDS s
    virtkit-guest: ready                       (READY_MARKER)
then runs a shell (prompt 'guest# ') on the console.  Later, and in any
order: 'virtkit-guest: eth0 has address A.B.C.D' when DHCP answers, and
'virtkit-guest: power button pressed, powering off' on an ACPI power button
press, after which the guest powers off.

Only the Python standard library is used; QEMU is started with an argument
vector and dies with the test process (PR_SET_PDEATHSIG).
"""

import ctypes
import importlib.util
import json
import os
import select
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QEMU = os.environ.get('VIRTKIT_QEMU', 'qemu-system-x86_64')


def _builder():
    spec = importlib.util.spec_from_file_location(
        'virtkit_build_guest', os.path.join(HERE, 'build-guest.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_build = _builder()
READY_MARKER = _build.READY_MARKER
APPEND = _build.APPEND
PROMPT = 'guest# '

_paths = None


def guest_paths():
    """Build the guest if needed and return (kernel, initrd) as absolute paths."""
    global _paths
    if _paths is None:
        outdir = _build.build(quiet=True)
        _paths = (os.path.join(outdir, 'vmlinuz'), os.path.join(outdir, 'initrd.img'))
    return _paths


def make_disk(path, size='64M', fmt='qcow2'):
    """Create an empty disk image with qemu-img; return its path."""
    subprocess.run(['qemu-img', 'create', '-q', '-f', fmt, path, size],
                   check=True, stdin=subprocess.DEVNULL)
    return path


def domain_xml(name, serial_log=None, disks=(), machine='pc', memory_mib=256,
               append=APPEND, extra_devices=''):
    """Domain XML (libvirt's format) that boots the test guest under TCG.

    serial_log: a file the serial console is written to (else a pty);
    disks: (path, format) pairs, attached as virtio vda, vdb, ...;
    extra_devices: XML text put inside <devices>.  <features><acpi/> is
    there: without it the power button (virDomainShutdown) does nothing."""
    from xml.sax.saxutils import escape, quoteattr
    kernel, initrd = guest_paths()
    if serial_log:
        serial = ("<serial type='file'><source path=%s/><target port='0'/></serial>"
                  % quoteattr(serial_log))
    else:
        serial = "<serial type='pty'><target port='0'/></serial>"
    disk_xml = ''.join(
        "\n    <disk type='file' device='disk'><driver name='qemu' type=%s/>"
        "<source file=%s/><target dev='vd%s' bus='virtio'/></disk>"
        % (quoteattr(fmt), quoteattr(path), chr(ord('a') + i))
        for i, (path, fmt) in enumerate(disks))
    return """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>%d</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine=%s>hvm</type>
    <kernel>%s</kernel>
    <initrd>%s</initrd>
    <cmdline>%s</cmdline>
  </os>
  <features><acpi/></features>
  <devices>%s
    %s
    <memballoon model='none'/>%s
  </devices>
</domain>
""" % (escape(name), memory_mib, quoteattr(machine), escape(kernel), escape(initrd),
       escape(append), disk_xml, serial, extra_devices)


class MarkerTimeout(AssertionError):
    """A marker did not come in time; .data holds what did."""

    def __init__(self, marker, timeout, data):
        tail = data[-2000:].decode('utf-8', 'replace')
        super().__init__('%r did not appear within %g s; the last output was:\n%s'
                         % (marker, timeout, tail))
        self.data = data


def _read_some(fd, deadline, regular):
    """Read what fd has, waiting until deadline; b'' at timeout, None at EOF."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b''
        if regular:
            data = os.read(fd, 65536)
            if data:
                return data
            time.sleep(min(0.02, left))     # a growing file: poll it
            continue
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:                 # a pty whose other side closed
                return None
            return data if data else None


def wait_for_marker(stream, marker, timeout=60.0):
    """Read from stream until marker (str or bytes) appears; return all bytes read.

    stream is a socket, a file object, or a file descriptor: a pipe, a pty,
    a socket, or a regular file that another process appends to (a log).
    Raises MarkerTimeout (an AssertionError) after timeout seconds, or when
    the stream ends without the marker."""
    if isinstance(marker, str):
        marker = marker.encode()
    fd = stream if isinstance(stream, int) else stream.fileno()
    regular = stat.S_ISREG(os.fstat(fd).st_mode)
    deadline = time.monotonic() + timeout
    data = b''
    while marker not in data:
        chunk = _read_some(fd, deadline, regular)
        if not chunk:
            raise MarkerTimeout(marker, timeout, data)
        data += chunk
    return data


class Console:
    """The guest's serial console on a connected socket: expect and type."""

    def __init__(self, sock):
        self.sock = sock
        self.data = b''     # everything read so far
        self.pos = 0        # where the next wait_for starts looking
        self._seq = 0

    def _fill(self, deadline):
        chunk = _read_some(self.sock.fileno(), deadline, False)
        if not chunk:
            return False
        self.data += chunk
        return True

    def wait_for(self, marker, timeout=60.0):
        """Wait for marker after what earlier waits consumed; return the text
        from there up to the marker, and consume it."""
        if isinstance(marker, str):
            marker = marker.encode()
        deadline = time.monotonic() + timeout
        while True:
            i = self.data.find(marker, self.pos)
            if i >= 0:
                text = self.data[self.pos:i]
                self.pos = i + len(marker)
                return text.decode('utf-8', 'replace')
            if not self._fill(deadline):
                raise MarkerTimeout(marker, timeout, self.data[self.pos:])

    def line_with(self, prefix, timeout=60.0):
        """Wait for a line starting with prefix; return the rest of that line."""
        self.wait_for(prefix, timeout)
        return self.wait_for('\n', timeout).rstrip('\r')

    def send(self, text):
        self.sock.sendall(text.encode())

    def run(self, command, timeout=60.0):
        """Type command into the guest's shell; return its output, stripped.

        The output is framed by two lines the shell prints; the typed line,
        which the terminal echoes, does not contain them as such."""
        self._seq += 1
        begin = '@@virtkit-begin-%d@@' % self._seq
        end = '@@virtkit-end-%d@@' % self._seq
        # 'x''y' prints as xy: the echo of the typed line never matches.
        quote = lambda m: "'%s''%s'" % (m[:9], m[9:])
        self.send('echo %s; %s; echo %s\n' % (quote(begin), command, quote(end)))
        self.wait_for(begin + '\r\n', timeout)
        out = self.wait_for(end, timeout)
        return out.replace('\r\n', '\n').strip()


class QmpError(Exception):
    def __init__(self, command, error):
        super().__init__('%s: %s: %s' % (command, error.get('class'), error.get('desc')))
        self.error = error


class Qmp:
    """A QMP client over a connected unix socket: plain JSON lines."""

    def __init__(self, sock, timeout=60.0):
        self.sock = sock
        self.timeout = timeout
        self.buf = b''
        self.events = []
        self.greeting = self._read()
        self.command('qmp_capabilities')

    def _read(self, deadline=None):
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        while b'\n' not in self.buf:
            chunk = _read_some(self.sock.fileno(), deadline, False)
            if chunk is None:
                raise EOFError('QMP socket closed')
            if not chunk:
                raise TimeoutError('no QMP message within %g s' % self.timeout)
            self.buf += chunk
        line, self.buf = self.buf.split(b'\n', 1)
        return json.loads(line)

    def command(self, name, **arguments):
        """Run a command; return its 'return' value or raise QmpError."""
        msg = {'execute': name}
        if arguments:
            msg['arguments'] = arguments
        self.sock.sendall(json.dumps(msg).encode() + b'\n')
        while True:
            reply = self._read()
            if 'event' in reply:
                self.events.append(reply)
            elif 'error' in reply:
                raise QmpError(name, reply['error'])
            elif 'return' in reply:
                return reply['return']

    def wait_event(self, name, timeout=60.0):
        """Return the first event called name not yet taken, waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev['event'] == name:
                    return self.events.pop(i)
            try:
                msg = self._read(deadline)
            except TimeoutError:
                raise TimeoutError('no QMP event %s within %g s' % (name, timeout))
            if 'event' in msg:
                self.events.append(msg)


def _die_with_parent():
    # PR_SET_PDEATHSIG: QEMU is killed if the test process dies first.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


class Guest:
    """A QEMU process booting the test guest under TCG.

    The serial console and QMP are unix sockets the test creates and hands
    to QEMU as file descriptors (QEMU listens on them), so nothing races:
    .console (Console) and .qmp (Qmp) are connected once start() returns.
    Use as a context manager: leaving it kills and reaps QEMU and removes
    the temporary folder, whatever happened.  With no_reboot (the default)
    a guest reboot or panic makes QEMU exit; without, the guest boots again."""

    def __init__(self, extra_args=(), machine='pc', memory=256, append=APPEND,
                 workdir=None, no_reboot=True):
        self.extra_args = list(extra_args)
        self.no_reboot = no_reboot
        self.machine = machine
        self.memory = memory
        self.append = append
        self.workdir = workdir
        self.proc = None
        self.console = None
        self.qmp = None
        self.started = None
        self._tmp = None
        self._socks = []

    def _listener(self, name):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(os.path.join(self.workdir, name))
        s.listen(1)
        self._socks.append(s)
        return s

    def _connect(self, name):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(os.path.join(self.workdir, name))
        self._socks.append(s)
        return s

    def argv(self, serial_fd, qmp_fd):
        kernel, initrd = guest_paths()
        return [QEMU,
                '-accel', 'tcg',
                '-machine', self.machine,
                '-m', str(self.memory),
                '-nodefaults', '-no-user-config', '-display', 'none',
                ] + (['-no-reboot'] if self.no_reboot else []) + [
                '-kernel', kernel, '-initrd', initrd, '-append', self.append,
                '-chardev', 'socket,id=serial0,fd=%d,server=on,wait=on' % serial_fd,
                '-serial', 'chardev:serial0',
                '-chardev', 'socket,id=qmp,fd=%d,server=on,wait=off' % qmp_fd,
                '-mon', 'chardev=qmp,mode=control',
                ] + self.extra_args

    def start(self):
        if self.workdir is None:
            self._tmp = tempfile.mkdtemp(prefix='virtkit-guest-')
            self.workdir = self._tmp
        serial = self._listener('serial.sock')
        qmp = self._listener('qmp.sock')
        argv = self.argv(serial.fileno(), qmp.fileno())
        self.stderr = open(os.path.join(self.workdir, 'qemu.stderr'), 'w+b')
        self.started = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=self.stderr, stderr=self.stderr,
                                     pass_fds=(serial.fileno(), qmp.fileno()),
                                     preexec_fn=_die_with_parent)
        # The listening sockets are QEMU's alone now: connecting never waits,
        # and a QEMU that died leaves a closed connection, not a silent one.
        for s in (serial, qmp):
            self._socks.remove(s)
            s.close()
        try:
            self.console = Console(self._connect('serial.sock'))
            self.qmp = Qmp(self._connect('qmp.sock'))
        except (OSError, EOFError, TimeoutError) as e:
            raise RuntimeError('QEMU did not come up (%s); its output:\n%s'
                               % (e, self.qemu_stderr())) from e
        return self

    def wait_exit(self, timeout=60.0):
        """Wait for QEMU to exit on its own; return its exit status."""
        return self.proc.wait(timeout)

    def qemu_stderr(self):
        self.stderr.seek(0)
        return self.stderr.read().decode('utf-8', 'replace')

    def stop(self):
        """Kill and reap QEMU (if running), close sockets, remove the temporary folder."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
        for s in self._socks:
            s.close()
        self._socks = []
        if getattr(self, 'stderr', None):
            self.stderr.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False
