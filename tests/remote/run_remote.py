"""Run a libvirt-python script with every test:// URI it opens sent
through virtkitd instead: test:///default becomes
test+unix:///default?socket=SOCK.  Usage: run_remote.py SOCK SCRIPT."""
import runpy
import sys

import libvirt

SOCK = sys.argv[1]
SCRIPT = sys.argv[2]


def through_daemon(uri):
    if uri and uri.startswith("test://"):
        return f"test+unix://{uri[len('test://'):]}?socket={SOCK}"
    return uri


for name in ("open", "openReadOnly"):
    real = getattr(libvirt, name)
    setattr(libvirt, name, lambda uri=None, _real=real: _real(through_daemon(uri)))
_real_auth = libvirt.openAuth
libvirt.openAuth = lambda uri, auth, flags=0: _real_auth(through_daemon(uri), auth, flags)

sys.argv = [SCRIPT]
runpy.run_path(SCRIPT, run_name="__main__")
