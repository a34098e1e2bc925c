# Networks read from a node file (test:///PATH.xml): state and XML as
# libvirt's test driver loads them.
import os
import re
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)

NODE = """<node>
  <network>
    <name>lab</name>
    <uuid>aaaaaaaa-1111-2222-3333-444444444444</uuid>
    <forward dev='eth0'/>
    <bridge name='labbr' stp='off'/>
    <ip address='10.9.0.1' prefix='24'>
      <dhcp><range start='10.9.0.10' end='10.9.0.20'/><host mac='52:54:00:00:00:01' ip='10.9.0.11'/></dhcp>
    </ip>
  </network>
  <network>
    <name>iso</name>
    <forward mode='bridge'/>
    <bridge name='br0'/>
  </network>
</node>
"""

fd, path = tempfile.mkstemp(suffix=".xml")
with os.fdopen(fd, "w") as f:
    f.write(NODE)
try:
    conn = libvirt.open("test://" + path)
    for net in sorted(conn.listAllNetworks(), key=lambda n: n.name()):
        print(net.name(), net.isActive(), net.isPersistent(), net.autostart(), net.bridgeName())
        print(re.sub(r"<uuid>[0-9a-f-]+</uuid>", "<uuid>UUID</uuid>", net.XMLDesc())
              if net.name() == "iso" else net.XMLDesc())
    print(sorted(conn.listNetworks()), conn.listDefinedNetworks())
    conn.close()
finally:
    os.unlink(path)
