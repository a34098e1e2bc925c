"""pytest setup: every test runs against the build tree's libvirt module.

Run through `build/run /usr/bin/python3 -m pytest tests/python` (meson test
does this), so `import libvirt` is virtkit's module, not Debian's.
"""
import os
import pathlib

import pytest

import libvirt

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / "testdriver"


def pytest_configure(config):
    build = os.environ.get("VIRTKIT_BUILDDIR")
    assert build, "run the tests through build/run"
    assert libvirt.__file__.startswith(build), libvirt.__file__


@pytest.fixture(autouse=True)
def quiet_errors():
    """Collect errors instead of printing them on stderr."""
    seen = []
    libvirt.registerErrorHandler(lambda ctx, err: seen.append(err), None)
    yield seen
    libvirt.registerErrorHandler(None, None)


@pytest.fixture
def conn():
    c = libvirt.open("test:///default")
    yield c
    c.close()


DOMAIN_XML = """<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>{memory}</memory>
  <currentMemory unit='KiB'>{memory}</currentMemory>
  <vcpu placement='static'>{vcpus}</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
</domain>
"""


def domain_xml(name, memory=524288, vcpus=2):
    return DOMAIN_XML.format(name=name, memory=memory, vcpus=vcpus)


@pytest.fixture
def newdom(conn):
    """A persistent, inactive domain defined for one test and removed after."""
    made = []

    def make(name="pytest-dom", **kw):
        d = conn.defineXML(domain_xml(name, **kw))
        made.append(d)
        return d

    yield make
    for d in made:
        try:
            if d.isActive():
                d.destroy()
        except libvirt.libvirtError:
            pass
        try:
            if d.hasManagedSaveImage():
                d.managedSaveRemove()
            d.undefine()
        except libvirt.libvirtError:
            pass
