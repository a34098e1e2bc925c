#!/usr/bin/python3
"""Build the tiny test guest: a Debian cloud kernel and a busybox initramfs.

Usage: build-guest.py [--quiet]

Builds (once) into ${VIRTKIT_GUEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/virtkit/guest}
a folder named after the kernel version and a hash of this script, holding
vmlinuz, initrd.img and guest.env (the kernel's .deb is kept in debs/ there
too), and prints guest.env: shell assignments (`. guest.env` works) of
VIRTKIT_GUEST_KERNEL, VIRTKIT_GUEST_INITRD, VIRTKIT_GUEST_KVER and
VIRTKIT_GUEST_APPEND (the kernel command line the guest is made for).
A second run finds the folder and only prints.

Needs, from Debian 12: apt (apt-cache, apt-get download), dpkg (dpkg -x)
and busybox-static (/bin/busybox, copied into the initramfs).  The kernel
package is downloaded with `apt-get download`; when apt does not know it,
the script runs `apt-get update` once (as root, or through sudo).

Written in Python rather than sh because it reads the modules' .modinfo
ELF sections itself to follow 'depends=', and writes the newc cpio archive
itself: the archive then says root:root and fixed times whoever builds it,
without cpio or fakeroot, and tests/guest/guest.py can import it.
"""

import fcntl
import gzip
import hashlib
import io
import lzma
import os
import re
import shlex
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

METAPACKAGE = 'linux-image-cloud-amd64'
BUSYBOX = '/bin/busybox'

# Modules /init loads, in this order; what they depend on is found from
# their .modinfo and shipped too (busybox modprobe loads it from modules.dep).
MODULES = [
    'virtio_pci',
    'virtio_blk',
    'virtio_scsi',
    'sd_mod',
    'virtio_net',
    'virtio_console',
    'virtio_balloon',
    'virtio_rng',
    'button',
    'evdev',
    'pvpanic_mmio',     # <panic model='isa'/>: QEMU's pvpanic, ACPI QEMU0001
    'pvpanic_pci',
]

READY_MARKER = 'virtkit-guest: ready'

# The kernel command line the guest is made for: the console on the first
# serial port, few kernel messages, and a panic ends the VM at once
# (QEMU exits with -no-reboot, else the guest reboots).
APPEND = 'console=ttyS0 quiet panic=-1'

INIT = r'''#!/bin/sh
# /init of the virtkit test guest: PID 1, never exits.
export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
say() { echo "virtkit-guest: $*"; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /run /tmp /var/log
mount -t devpts devpts /dev/pts
ln -s /run /var/run
hostname guest

failed=
for m in @MODULES@; do
    modprobe "$m" 2>/dev/null || failed="$failed $m"
done
[ -z "$failed" ] || say "modules that failed to load:$failed"

# The ACPI power button (button + evdev make it an input device) runs
# /etc/acpi/PWRF/00000080, which powers off.
acpid -c /etc/acpi -l /var/log/acpid.log

ip link set lo up
if [ -e /sys/class/net/eth0 ]; then
    ip link set eth0 up
    # In the background: no DHCP server must never delay the ready marker.
    udhcpc -f -i eth0 -s /etc/udhcpc.script -t 20 -T 1 -A 3 >/dev/null 2>&1 &
fi

disks=
for d in /sys/block/*; do
    n=${d##*/}
    case $n in loop*|ram*|\*) ;; *) disks="$disks $n" ;; esac
done
say "block devices:${disks:- none}"
nics=
for d in /sys/class/net/*; do
    n=${d##*/}
    [ "$n" = lo ] || nics="$nics $n"
done
say "network interfaces:${nics:- none}"
say "kernel $(uname -r), booted in $(cut -d' ' -f1 /proc/uptime) s"
echo "@READY@"

# A shell on the console (ttyS0 with console=ttyS0) for tests to type into;
# a new one when it exits.
while :; do
    setsid cttyhack sh -l
done
'''

ACPI_POWER = r'''#!/bin/sh
echo "virtkit-guest: power button pressed, powering off" > /dev/console
poweroff -f
'''

UDHCPC_SCRIPT = r'''#!/bin/sh
# Called by udhcpc: configure $interface from the lease.
case "$1" in
deconfig)
    ifconfig "$interface" 0.0.0.0
    ;;
bound|renew)
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}"
    if [ -n "$router" ]; then
        while route del default gw 0.0.0.0 dev "$interface" 2>/dev/null; do :; done
        for r in $router; do route add default gw "$r" dev "$interface"; done
    fi
    : > /etc/resolv.conf
    for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done
    [ "$1" = renew ] || echo "virtkit-guest: $interface has address $ip" > /dev/console
    ;;
esac
exit 0
'''

PROFILE = r'''# Long command lines do not wrap in the line editor.
stty cols 1000 2>/dev/null
PS1='guest# '
'''


def log(msg):
    print('build-guest: ' + msg, file=sys.stderr)


def script_hash():
    with open(os.path.abspath(__file__), 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def cache_root():
    d = os.environ.get('VIRTKIT_GUEST_DIR')
    if d:
        return d
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'virtkit', 'guest')


def as_root(argv):
    if os.geteuid() == 0:
        return argv
    if shutil.which('sudo'):
        return ['sudo', '-n'] + argv
    return argv


def apt_update():
    log('running apt-get update')
    subprocess.run(as_root(['apt-get', 'update', '-q']), check=True, stdout=subprocess.DEVNULL)


APT_LISTS = '/var/lib/apt/lists'


def kernel_version():
    """The version the cloud kernel metapackage points at, e.g. 6.1.0-56-cloud-amd64.

    apt-cache takes a second here (Debian's container images keep no
    pkgcache.bin), so the answer is remembered in the cache folder until
    apt's lists change."""
    memo = os.path.join(cache_root(), '.kernel-version')
    try:
        stamp = str(os.stat(APT_LISTS).st_mtime_ns)
    except OSError:
        stamp = None
    try:
        with open(memo) as f:
            old_stamp, kver = f.read().split()
        if stamp and old_stamp == stamp:
            return kver
    except (OSError, ValueError):
        pass
    kver = query_kernel_version()
    if stamp:
        stamp = str(os.stat(APT_LISTS).st_mtime_ns)     # apt-get update may have run
        tmp = '%s.%d' % (memo, os.getpid())
        with open(tmp, 'w') as f:
            f.write('%s %s\n' % (stamp, kver))
        os.replace(tmp, memo)
    return kver


def query_kernel_version(updated=False):
    r = subprocess.run(['apt-cache', 'depends', METAPACKAGE],
                       capture_output=True, text=True)
    for line in r.stdout.splitlines():
        m = re.match(r'\s*Depends:\s*linux-image-(\d\S*?)(-unsigned)?$', line)
        if m:
            return m.group(1)
    if not updated:
        apt_update()
        return query_kernel_version(updated=True)
    raise SystemExit('build-guest: apt does not know %s even after apt-get update' % METAPACKAGE)


def kernel_deb(kver, root, workdir, quiet):
    """The kernel package's .deb, kept in ROOT/debs so that a changed script
    rebuilds without downloading again; other versions' .debs are removed."""
    debdir = os.path.join(root, 'debs')
    prefix = 'linux-image-%s-unsigned_' % kver
    os.makedirs(debdir, exist_ok=True)
    kept = [f for f in os.listdir(debdir) if f.startswith(prefix) and f.endswith('.deb')]
    if kept:
        return os.path.join(debdir, kept[0])
    if not quiet:
        log('downloading linux-image-%s-unsigned' % kver)
    deb = download_kernel(kver, workdir)
    for old in os.listdir(debdir):
        os.unlink(os.path.join(debdir, old))
    dest = os.path.join(debdir, os.path.basename(deb))
    os.rename(deb, dest)
    return dest


def download_kernel(kver, workdir):
    pkg = 'linux-image-%s-unsigned' % kver
    argv = ['apt-get', 'download', '-q', pkg]
    if os.geteuid() == 0:
        # apt's sandbox user cannot write into a private temporary folder.
        argv[1:1] = ['-o', 'APT::Sandbox::User=root']
    for attempt in range(2):
        r = subprocess.run(argv, cwd=workdir, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        debs = [f for f in os.listdir(workdir) if f.endswith('.deb')]
        if r.returncode == 0 and debs:
            return os.path.join(workdir, debs[0])
        if attempt == 0:
            apt_update()
    raise SystemExit('build-guest: apt-get download %s failed: %s' % (pkg, r.stderr.strip()))


def read_module(path):
    """The bytes of a kernel module, decompressed if it is .ko.xz or .ko.gz."""
    with open(path, 'rb') as f:
        data = f.read()
    if path.endswith('.xz'):
        return lzma.decompress(data)
    if path.endswith('.gz'):
        return gzip.decompress(data)
    if path.endswith('.zst'):
        raise SystemExit('build-guest: %s is zstd-compressed; Python cannot read it' % path)
    return data


def modinfo(data):
    """The key=value pairs of a module's .modinfo ELF section, as a dict of lists."""
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        raise ValueError('not a little-endian ELF64 module')
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
    sections = [struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize)
                for i in range(shnum)]
    strtab = sections[shstrndx][4]
    for name_off, _type, _flags, _addr, offset, size in sections:
        end = data.index(b'\0', strtab + name_off)
        if data[strtab + name_off:end] == b'.modinfo':
            info = {}
            for item in data[offset:offset + size].split(b'\0'):
                if b'=' in item:
                    k, v = item.decode('utf-8', 'replace').split('=', 1)
                    info.setdefault(k, []).append(v)
            return info
    raise ValueError('no .modinfo section')


def module_closure(moddir):
    """Map module name -> (relative path, bytes) for MODULES and all they depend on."""
    files = {}
    for dirpath, _dirs, names in os.walk(os.path.join(moddir, 'kernel')):
        for n in names:
            m = re.match(r'(.*)\.ko(\.xz|\.gz|\.zst)?$', n)
            if m:
                files[m.group(1).replace('-', '_')] = os.path.join(dirpath, n)
    builtin = set()
    bpath = os.path.join(moddir, 'modules.builtin')
    if os.path.exists(bpath):
        with open(bpath) as f:
            builtin = {os.path.basename(l.strip()).split('.ko')[0].replace('-', '_')
                       for l in f if l.strip()}
    found = {}
    todo = list(MODULES)
    while todo:
        name = todo.pop()
        if name in found or name in builtin:
            continue
        if name not in files:
            raise SystemExit('build-guest: the kernel has no module %s' % name)
        data = read_module(files[name])
        info = modinfo(data)
        rel = os.path.relpath(files[name], moddir)
        rel = re.sub(r'\.(xz|gz|zst)$', '', rel)
        found[name] = (rel, data)
        for dep in info.get('depends', []):
            todo.extend(d for d in dep.split(',') if d)
    return found


class Cpio:
    """A newc cpio archive in memory: root-owned entries with a fixed time."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1
        self.dirs = set()

    def _entry(self, name, mode, data=b'', rdev=(0, 0)):
        name_b = name.encode() + b'\0'
        fields = [self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0,
                  len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
        self.ino += 1
        self.buf.write(b'070701' + b''.join(b'%08X' % v for v in fields))
        self.buf.write(name_b)
        self.buf.write(b'\0' * (-(110 + len(name_b)) % 4))
        self.buf.write(data)
        self.buf.write(b'\0' * (-len(data) % 4))

    def dir(self, path):
        parts = path.strip('/').split('/')
        for i in range(1, len(parts) + 1):
            p = '/'.join(parts[:i])
            if p and p not in self.dirs:
                self.dirs.add(p)
                self._entry(p, stat.S_IFDIR | 0o755)

    def file(self, path, data, perm=0o644):
        path = path.strip('/')
        self.dir(os.path.dirname(path))
        self._entry(path, stat.S_IFREG | perm, data)

    def symlink(self, path, target):
        path = path.strip('/')
        self.dir(os.path.dirname(path))
        self._entry(path, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, path, major, minor, perm=0o600):
        path = path.strip('/')
        self.dir(os.path.dirname(path))
        self._entry(path, stat.S_IFCHR | perm, rdev=(major, minor))

    def finish(self):
        self._entry('TRAILER!!!', 0)
        return self.buf.getvalue()


def busybox_applets():
    r = subprocess.run([BUSYBOX, '--list-full'], capture_output=True, text=True, check=True)
    return [l.strip() for l in r.stdout.splitlines() if l.strip()]


def make_initramfs(kver, moddir, depmod_dir):
    modules = module_closure(moddir)
    # busybox depmod writes the modules.dep busybox modprobe reads.
    stage = os.path.join(depmod_dir, 'lib', 'modules', kver)
    for rel, data in modules.values():
        os.makedirs(os.path.join(stage, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(stage, rel), 'wb') as f:
            f.write(data)
    subprocess.run([BUSYBOX, 'depmod', '-b', depmod_dir, kver], check=True)

    a = Cpio()
    for d in ('dev', 'proc', 'sys', 'run', 'tmp', 'root', 'etc', 'var',
              'bin', 'sbin', 'usr/bin', 'usr/sbin'):
        a.dir(d)
    a.chardev('dev/console', 5, 1)
    with open(BUSYBOX, 'rb') as f:
        a.file('bin/busybox', f.read(), 0o755)
    for applet in busybox_applets():
        if applet.strip('/') != 'bin/busybox':
            a.symlink(applet, '/bin/busybox')
    init = INIT.replace('@MODULES@', ' '.join(MODULES)).replace('@READY@', READY_MARKER)
    a.file('init', init.encode(), 0o755)
    a.file('etc/acpi/PWRF/00000080', ACPI_POWER.encode(), 0o755)
    a.file('etc/udhcpc.script', UDHCPC_SCRIPT.encode(), 0o755)
    a.file('etc/profile', PROFILE.encode())
    a.file('etc/passwd', b'root:x:0:0:root:/root:/bin/sh\n')
    a.file('etc/group', b'root:x:0:\n')
    for name in sorted(os.listdir(stage)):
        p = os.path.join(stage, name)
        if os.path.isfile(p):
            with open(p, 'rb') as f:
                a.file('lib/modules/%s/%s' % (kver, name), f.read())
    for name in sorted(modules):
        rel, data = modules[name]
        a.file('lib/modules/%s/%s' % (kver, rel), data)
    return gzip.compress(a.finish(), compresslevel=9, mtime=0), sorted(modules)


def env_text(outdir, kver):
    return ''.join('%s=%s\n' % (k, shlex.quote(v)) for k, v in [
        ('VIRTKIT_GUEST_KERNEL', os.path.join(outdir, 'vmlinuz')),
        ('VIRTKIT_GUEST_INITRD', os.path.join(outdir, 'initrd.img')),
        ('VIRTKIT_GUEST_KVER', kver),
        ('VIRTKIT_GUEST_APPEND', APPEND),
    ])


KEEP_BUILDS = 4


def prune(root, keep):
    """Remove all but the KEEP_BUILDS most recently used builds (other
    script versions, other kernels) from the cache."""
    builds = [os.path.join(root, d) for d in os.listdir(root)
              if not d.startswith('.') and d != 'debs'
              and os.path.exists(os.path.join(root, d, 'guest.env'))]
    builds.sort(key=lambda d: (d == keep, os.stat(d).st_mtime), reverse=True)
    for d in builds[KEEP_BUILDS:]:
        shutil.rmtree(d, ignore_errors=True)


def build(quiet=False):
    """Build the guest if needed; return the folder holding vmlinuz, initrd.img, guest.env."""
    root = cache_root()
    os.makedirs(root, exist_ok=True)
    kver = kernel_version()
    outdir = os.path.join(root, '%s-%s' % (kver, script_hash()))
    if os.path.exists(os.path.join(outdir, 'guest.env')):
        os.utime(outdir)                # used: prune() keeps it
        return outdir
    with open(os.path.join(root, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(os.path.join(outdir, 'guest.env')):
            return outdir
        if not os.path.exists(BUSYBOX):
            raise SystemExit('build-guest: %s is missing: install busybox-static' % BUSYBOX)
        with tempfile.TemporaryDirectory(dir=root, prefix='.build-') as work:
            deb = kernel_deb(kver, root, work, quiet)
            tree = os.path.join(work, 'tree')
            subprocess.run(['dpkg', '-x', deb, tree], check=True)
            moddir = os.path.join(tree, 'lib', 'modules', kver)
            initrd, mods = make_initramfs(kver, moddir, os.path.join(work, 'depmod'))
            new = os.path.join(work, 'out')
            os.mkdir(new)
            shutil.copyfile(os.path.join(tree, 'boot', 'vmlinuz-' + kver),
                            os.path.join(new, 'vmlinuz'))
            with open(os.path.join(new, 'initrd.img'), 'wb') as f:
                f.write(initrd)
            with open(os.path.join(new, 'guest.env'), 'w') as f:
                f.write(env_text(outdir, kver))
            if os.path.exists(outdir):
                shutil.rmtree(outdir)       # a build cut short
            os.rename(new, outdir)
            prune(root, keep=outdir)
            if not quiet:
                log('built %s (%d KiB initramfs; modules: %s)'
                    % (outdir, len(initrd) // 1024, ' '.join(mods)))
    return outdir


def main(argv):
    quiet = '--quiet' in argv
    outdir = build(quiet=quiet)
    with open(os.path.join(outdir, 'guest.env')) as f:
        sys.stdout.write(f.read())
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
