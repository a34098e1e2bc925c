# virNetworkUpdate on libvirt's test driver for the sections beyond DHCP:
# DNS hosts, TXT and SRV records, port groups and forward interfaces, each
# added first and last, modified, deleted, and every refused request.
import re

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")

C = libvirt
FIRST = C.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST
LAST = C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST
MODIFY = C.VIR_NETWORK_UPDATE_COMMAND_MODIFY
DELETE = C.VIR_NETWORK_UPDATE_COMMAND_DELETE
DNS_HOST = C.VIR_NETWORK_SECTION_DNS_HOST
DNS_TXT = C.VIR_NETWORK_SECTION_DNS_TXT
DNS_SRV = C.VIR_NETWORK_SECTION_DNS_SRV
PORTGROUP = C.VIR_NETWORK_SECTION_PORTGROUP
FWD_IF = C.VIR_NETWORK_SECTION_FORWARD_INTERFACE


def show(net):
    """The network's XML; generated uuids differ from run to run."""
    print(re.sub(r"<uuid>[^<]*</uuid>", "<uuid/>", net.XMLDesc()))


def upd(label, net, cmd, section, xml, idx=-1, flags=0):
    try:
        print(label, net.update(cmd, section, idx, xml, flags))
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(),
              e.get_error_message())


net = conn.networkLookupByName("default")

# DNS hosts
upd("dns-host-add", net, LAST, DNS_HOST,
    "<host ip='192.168.122.10'><hostname>ten</hostname><hostname>ten.example</hostname></host>")
upd("dns-host-add-first", net, FIRST, DNS_HOST,
    "<host ip='192.168.122.11'><hostname>eleven</hostname></host>")
upd("dns-host-add-last", net, LAST, DNS_HOST,
    "<host ip='2001:db8::12'><hostname>twelve</hostname></host>")
upd("dns-host-dup-ip", net, LAST, DNS_HOST,
    "<host ip='192.168.122.10'><hostname>other</hostname></host>")
upd("dns-host-dup-name", net, LAST, DNS_HOST,
    "<host ip='192.168.122.13'><hostname>ten</hostname></host>")
upd("dns-host-noip", net, LAST, DNS_HOST, "<host><hostname>x</hostname></host>")
upd("dns-host-badip", net, LAST, DNS_HOST, "<host ip='nope'><hostname>x</hostname></host>")
upd("dns-host-noname", net, LAST, DNS_HOST, "<host ip='192.168.122.14'/>")
upd("dns-host-wrongelem", net, LAST, DNS_HOST, "<txt name='a' value='b'/>")
upd("dns-host-modify", net, MODIFY, DNS_HOST,
    "<host ip='192.168.122.10'><hostname>ten</hostname></host>")
show(net)
upd("dns-host-delete-byname", net, DELETE, DNS_HOST,
    "<host ip='192.168.122.99'><hostname>eleven</hostname></host>")
upd("dns-host-delete-byip", net, DELETE, DNS_HOST,
    "<host ip='2001:db8::12'><hostname>zzz</hostname></host>")
upd("dns-host-delete-missing", net, DELETE, DNS_HOST,
    "<host ip='192.168.122.98'><hostname>none</hostname></host>")
upd("dns-host-add-other", net, LAST, DNS_HOST,
    "<host ip='192.168.122.15'><hostname>fifteen</hostname></host>")
upd("dns-host-delete-multi", net, DELETE, DNS_HOST,
    "<host ip='192.168.122.15'><hostname>ten</hostname></host>")
show(net)

# DNS TXT records
upd("txt-add", net, LAST, DNS_TXT, "<txt name='example' value='some text'/>")
upd("txt-add-first", net, FIRST, DNS_TXT, "<txt name='first' value='one'/>")
upd("txt-dup", net, LAST, DNS_TXT, "<txt name='example' value='other'/>")
upd("txt-noname", net, LAST, DNS_TXT, "<txt value='v'/>")
upd("txt-novalue", net, LAST, DNS_TXT, "<txt name='novalue'/>")
upd("txt-space", net, LAST, DNS_TXT, "<txt name='has space' value='v'/>")
upd("txt-modify", net, MODIFY, DNS_TXT, "<txt name='example' value='x'/>")
show(net)
upd("txt-delete", net, DELETE, DNS_TXT, "<txt name='example' value='whatever'/>")
upd("txt-delete-missing", net, DELETE, DNS_TXT, "<txt name='example'/>")
show(net)

# DNS SRV records
upd("srv-add", net, LAST, DNS_SRV,
    "<srv service='name' protocol='tcp' domain='test-domain-name' target='.' "
    "port='1024' priority='10' weight='10'/>")
upd("srv-add-first", net, FIRST, DNS_SRV, "<srv service='ldap' protocol='udp'/>")
upd("srv-dup", net, LAST, DNS_SRV, "<srv service='ldap' protocol='udp'/>")
upd("srv-noservice", net, LAST, DNS_SRV, "<srv protocol='tcp'/>")
upd("srv-noproto", net, LAST, DNS_SRV, "<srv service='x'/>")
upd("srv-badproto", net, LAST, DNS_SRV, "<srv service='x' protocol='sctp!'/>")
upd("srv-badport", net, LAST, DNS_SRV, "<srv service='x' protocol='tcp' target='t' port='99999'/>")
upd("srv-port-notarget", net, LAST, DNS_SRV, "<srv service='x' protocol='tcp' port='22'/>")
upd("srv-modify", net, MODIFY, DNS_SRV, "<srv service='ldap' protocol='udp'/>")
show(net)
upd("srv-delete", net, DELETE, DNS_SRV, "<srv service='ldap' protocol='udp'/>")
upd("srv-delete-missing", net, DELETE, DNS_SRV, "<srv service='ldap' protocol='udp'/>")
upd("srv-delete-partial", net, DELETE, DNS_SRV, "<srv service='name' protocol='tcp'/>")
show(net)

# port groups
upd("pg-add", net, LAST, PORTGROUP, "<portgroup name='engineering' default='yes'/>")
upd("pg-add-first", net, FIRST, PORTGROUP,
    "<portgroup name='sales'><bandwidth><inbound average='1000'/></bandwidth></portgroup>")
upd("pg-dup", net, LAST, PORTGROUP, "<portgroup name='sales'/>")
upd("pg-second-default", net, LAST, PORTGROUP, "<portgroup name='other' default='yes'/>")
upd("pg-noname", net, LAST, PORTGROUP, "<portgroup/>")
upd("pg-modify", net, MODIFY, PORTGROUP,
    "<portgroup name='sales' trustGuestRxFilters='yes'><vlan><tag id='42'/></vlan></portgroup>")
upd("pg-modify-missing", net, MODIFY, PORTGROUP, "<portgroup name='nobody'/>")
upd("pg-modify-default", net, MODIFY, PORTGROUP, "<portgroup name='sales' default='yes'/>")
show(net)
upd("pg-delete", net, DELETE, PORTGROUP, "<portgroup name='engineering'/>")
upd("pg-delete-missing", net, DELETE, PORTGROUP, "<portgroup name='engineering'/>")
upd("pg-add-default-now", net, LAST, PORTGROUP, "<portgroup name='other' default='yes'/>")
show(net)

# forward interfaces
upd("fwd-add", net, LAST, FWD_IF, "<interface dev='eth1'/>")
upd("fwd-add-first", net, FIRST, FWD_IF, "<interface dev='eth0'/>")
upd("fwd-dup", net, LAST, FWD_IF, "<interface dev='eth1'/>")
upd("fwd-nodev", net, LAST, FWD_IF, "<interface/>")
upd("fwd-modify", net, MODIFY, FWD_IF, "<interface dev='eth1'/>")
show(net)
upd("fwd-delete", net, DELETE, FWD_IF, "<interface dev='eth0'/>")
upd("fwd-delete-missing", net, DELETE, FWD_IF, "<interface dev='eth0'/>")
show(net)
upd("fwd-delete-last", net, DELETE, FWD_IF, "<interface dev='eth1'/>")
show(net)
upd("fwd-add-again", net, FIRST, FWD_IF, "<interface dev='eth2'/>")

# bad commands on every section, and the config-only path
SAMPLES = {
    DNS_HOST: "<host ip='192.168.122.30'><hostname>thirty</hostname></host>",
    DNS_TXT: "<txt name='a' value='b'/>",
    DNS_SRV: "<srv service='a' protocol='tcp'/>",
    PORTGROUP: "<portgroup name='pg'/>",
    FWD_IF: "<interface dev='eth9'/>",
}
for section, xml in SAMPLES.items():
    upd("cmd0-%d" % section, net, 0, section, xml)
    upd("cmd9-%d" % section, net, 9, section, xml)
    upd("wrong-%d" % section, net, LAST, section, "<bridge name='x'/>")
upd("txt-config", net, LAST, DNS_TXT, "<txt name='cfg' value='only'/>",
    flags=C.VIR_NETWORK_UPDATE_AFFECT_CONFIG)
show(net)
net.destroy()
show(net)
upd("txt-inactive", net, LAST, DNS_TXT, "<txt name='off' value='line'/>")
upd("pg-inactive-live", net, LAST, PORTGROUP, "<portgroup name='x'/>",
    flags=C.VIR_NETWORK_UPDATE_AFFECT_LIVE)
net.create()
show(net)

iso = conn.networkCreateXML("<network><name>iso</name></network>")
upd("iso-config", iso, LAST, DNS_TXT, "<txt name='t' value='v'/>",
    flags=C.VIR_NETWORK_UPDATE_AFFECT_CONFIG)
upd("iso-fwd", iso, LAST, FWD_IF, "<interface dev='eth5'/>")
upd("iso-pg", iso, LAST, PORTGROUP, "<portgroup name='p'/>")
upd("iso-dns", iso, LAST, DNS_HOST, "<host ip='10.1.1.1'><hostname>h</hostname></host>")
upd("iso-txt", iso, LAST, DNS_TXT, "<txt name='t' value='v'/>")
show(iso)
upd("iso-dns-delete", iso, DELETE, DNS_HOST, "<host ip='10.1.1.1'><hostname>h</hostname></host>")
upd("iso-txt-delete", iso, DELETE, DNS_TXT, "<txt name='t' value='v'/>")
upd("iso-pg-delete", iso, DELETE, PORTGROUP, "<portgroup name='p'/>")
upd("iso-fwd-delete", iso, DELETE, FWD_IF, "<interface dev='eth5'/>")
show(iso)

route = conn.networkCreateXML("<network><name>rt</name><forward mode='route'/>"
                              "<ip address='10.2.0.1' prefix='24'/></network>")
upd("route-fwd", route, LAST, FWD_IF, "<interface dev='eth3'/>")
show(route)
br = conn.networkCreateXML("<network><name>br</name><forward mode='bridge'/>"
                           "<bridge name='br7'/></network>")
upd("bridge-fwd", br, LAST, FWD_IF, "<interface dev='eth4'/>")
show(br)
pt = conn.networkCreateXML("<network><name>pt</name><forward mode='passthrough'>"
                           "<interface dev='eth5'/></forward></network>")
upd("pt-fwd-add", pt, LAST, FWD_IF, "<interface dev='eth6'/>")
upd("pt-fwd-add-first", pt, FIRST, FWD_IF, "<interface dev='eth4'/>")
show(pt)
upd("pt-fwd-delete", pt, DELETE, FWD_IF, "<interface dev='eth5'/>")
show(pt)
upd("pt-fwd-delete-all", pt, DELETE, FWD_IF, "<interface dev='eth4'/>")
upd("pt-fwd-delete-all2", pt, DELETE, FWD_IF, "<interface dev='eth6'/>")
show(pt)
