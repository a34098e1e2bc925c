#!/bin/sh
# Install what virtkit needs from Debian 12, then configure and build it in
# build/.  Safe to run again: it only does what is missing.  (The test
# guest's kernel is not a package to install: tests/guest/build-guest.py
# downloads it with apt-get download when a test first needs it.)
set -eu
cd "$(dirname "$0")/.."

PACKAGES="gcc meson ninja-build pkg-config libglib2.0-dev libxml2-dev
python3-dev python3-pytest python3-libvirt libvirt-dev mypy
swig ruby ruby-dev ruby-test-unit ruby-libvirt libperl-dev libsys-virt-perl
libreadline-dev libjson-glib-dev libvirt-clients
qemu-system-x86 qemu-utils busybox-static libvirt-daemon-driver-qemu
iproute2 libgnutls28-dev gnutls-bin openssh-server openssh-client netcat-openbsd
libsasl2-dev libsasl2-modules libsasl2-modules-db sasl2-bin
scrub e2fsprogs util-linux lvm2 clang libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
fi

# libvirt's own QEMU driver (qemu:///embed), which the QEMU tests compare
# with, refuses to start as root without its account; Debian's
# libvirt-daemon-system would create it, along with services the tests do
# not want.
if ! getent passwd libvirt-qemu >/dev/null; then
    $SUDO useradd --system --user-group --no-create-home --home-dir /var/lib/libvirt \
        --shell /usr/sbin/nologin libvirt-qemu
fi

[ -f build/build.ninja ] || meson setup build
meson compile -C build
