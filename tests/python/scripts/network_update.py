# virNetworkUpdate on libvirt's test driver: DHCP hosts and ranges added,
# changed and removed in the live and persistent definitions, and the
# error code of every refused request.
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")

C = libvirt
HOST = C.VIR_NETWORK_SECTION_IP_DHCP_HOST
RANGE = C.VIR_NETWORK_SECTION_IP_DHCP_RANGE
LIVE = C.VIR_NETWORK_UPDATE_AFFECT_LIVE
CONFIG = C.VIR_NETWORK_UPDATE_AFFECT_CONFIG


def upd(label, net, cmd, section, idx, xml, flags=0, message=True):
    try:
        print(label, net.update(cmd, section, idx, xml, flags))
    except libvirt.libvirtError as e:
        # unknown flags: virtkit's entry point names itself, not the driver
        print(label, "error", e.get_error_code(), e.get_error_message() if message else "")


net = conn.networkLookupByName("default")
upd("add-host", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:55' name='one' ip='192.168.122.5'/>")
upd("add-host-first", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, HOST, -1,
    "<host mac='00:11:22:33:44:56' ip='192.168.122.6'><lease expiry='5'/></host>")
upd("add-host-dup-mac", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:55' ip='192.168.122.7'/>")
upd("add-host-dup-ip", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, 0,
    "<host mac='00:11:22:33:44:57' ip='192.168.122.5'/>")
upd("add-host-noid", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host ip='192.168.122.8'/>")
upd("add-host-badidx", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, 3,
    "<host mac='00:11:22:33:44:58' ip='192.168.122.8'/>")
upd("add-host-wrongelem", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<range start='192.168.122.2' end='192.168.122.3'/>")
upd("add-host-badxml", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1, "<host")
print(net.XMLDesc())
upd("modify-host", net, C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, HOST, -1,
    "<host mac='00:11:22:33:44:55' name='uno' ip='192.168.122.9'/>")
upd("modify-host-missing", net, C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, HOST, -1,
    "<host mac='00:11:22:33:44:99' ip='192.168.122.99'/>")
upd("delete-host", net, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, HOST, -1,
    "<host mac='00:11:22:33:44:56'/>")
upd("delete-host-missing", net, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, HOST, -1,
    "<host mac='00:11:22:33:44:56'/>")
upd("bad-command", net, 0, HOST, -1, "<host mac='00:11:22:33:44:56' ip='192.168.122.6'/>")
upd("bad-command-7", net, 7, HOST, -1, "<host mac='00:11:22:33:44:56' ip='192.168.122.6'/>")
print(net.XMLDesc())

upd("add-range", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST, RANGE, -1,
    "<range start='192.168.122.100' end='192.168.122.110'/>")
upd("add-range-dup", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, RANGE, -1,
    "<range start='192.168.122.100' end='192.168.122.110'/>")
upd("modify-range", net, C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, RANGE, -1,
    "<range start='192.168.122.100' end='192.168.122.110'/>")
upd("delete-range", net, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, RANGE, -1,
    "<range start='192.168.122.2' end='192.168.122.254'/>")
upd("delete-range-missing", net, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, RANGE, -1,
    "<range start='192.168.122.2' end='192.168.122.254'/>")
print(net.XMLDesc())

for section in (C.VIR_NETWORK_SECTION_BRIDGE, C.VIR_NETWORK_SECTION_DOMAIN,
                C.VIR_NETWORK_SECTION_IP, C.VIR_NETWORK_SECTION_FORWARD,
                C.VIR_NETWORK_SECTION_FORWARD_PF, C.VIR_NETWORK_SECTION_NONE, 13, 99):
    upd("section-%d" % section, net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, section, -1,
        "<bridge name='x'/>")

# live versus config
upd("config", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:60' ip='192.168.122.60'/>", CONFIG)
print(net.XMLDesc())
upd("live", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:61' ip='192.168.122.61'/>", LIVE)
upd("both", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:62' ip='192.168.122.62'/>", LIVE | CONFIG)
upd("badflags", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:63' ip='192.168.122.63'/>", 4, message=False)
print(net.XMLDesc())
net.destroy()
print(net.XMLDesc())
upd("inactive-live", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:64' ip='192.168.122.64'/>", LIVE)
upd("inactive-current", net, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:64' ip='192.168.122.64'/>")
print(net.XMLDesc())
net.create()
print(net.XMLDesc())

t = conn.networkCreateXML("<network><name>t</name><uuid>22222222-2222-3333-4444-555555555555</uuid><ip address='10.0.0.1' prefix='24'/>"
                          "<ip family='ipv6' address='2001:db8::1' prefix='64'/></network>")
upd("transient-config", t, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:65' ip='10.0.0.65'/>", CONFIG)
upd("transient-live", t, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:65' ip='10.0.0.65'/>")
upd("transient-v6", t, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, RANGE, 1,
    "<range start='2001:db8::10' end='2001:db8::20'/>")
upd("transient-v6-host", t, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, 1,
    "<host id='0:1:2' ip='2001:db8::5'/>")
print(t.XMLDesc())
upd("delete-last-host", t, C.VIR_NETWORK_UPDATE_COMMAND_DELETE, HOST, 0,
    "<host mac='00:11:22:33:44:65'/>")
print(t.XMLDesc())
e = conn.networkCreateXML("<network><name>noip</name></network>")
upd("no-ip", e, C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, HOST, -1,
    "<host mac='00:11:22:33:44:66' ip='10.0.0.66'/>")
