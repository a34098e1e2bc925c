# The records of network XML that libvirt checks alike in a definition
# and in virNetworkUpdate: DNS hosts, TXT and SRV records, port groups,
# VLAN tags, bandwidth and virtual ports, and forward devices per mode.
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
C = libvirt
net = conn.networkLookupByName("default")
L = C.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST
D = C.VIR_NETWORK_UPDATE_COMMAND_DELETE
S = C.VIR_NETWORK_SECTION_DNS_SRV
T = C.VIR_NETWORK_SECTION_DNS_TXT
H = C.VIR_NETWORK_SECTION_DNS_HOST
P = C.VIR_NETWORK_SECTION_PORTGROUP


def upd(label, cmd, section, xml):
    try:
        print(label, net.update(cmd, section, -1, xml, 0))
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


def define(xml):
    """Define XML, print what follows the (generated) uuid, undefine."""
    try:
        n = conn.networkDefineXML(xml)
        s = n.XMLDesc()
        print("ok", s[s.index("</uuid>") + 8:])
        n.undefine()
    except libvirt.libvirtError as e:
        print("error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


for ch in "abzAZ09-+/_.:!@ ":
    upd("svc%r" % ch, L, S, "<srv service='s%sx' protocol='p%sq'/>" % (ch, ch))
    upd("del%r" % ch, D, S, "<srv service='s%sx' protocol='p%sq'/>" % (ch, ch))
upd("long", L, S, "<srv service='%s' protocol='tcp'/>" % ('a' * 200))
upd("long189", L, S, "<srv service='%s' protocol='tcp'/>" % ('a' * 189))
upd("long190", L, S, "<srv service='%s' protocol='tcp'/>" % ('a' * 190))
upd("plong", L, S, "<srv service='x' protocol='%s'/>" % ('a' * 200))
upd("prio-notarget", L, S, "<srv service='y' protocol='tcp' priority='3'/>")
upd("prio-bad", L, S, "<srv service='y' protocol='tcp' target='t' priority='70000'/>")
upd("weight-notarget", L, S, "<srv service='y' protocol='tcp' weight='3'/>")
upd("weight-bad", L, S, "<srv service='y' protocol='tcp' target='t' weight='-1'/>")
upd("port-neg", L, S, "<srv service='y' protocol='tcp' target='t' port='-1'/>")
upd("port-0", L, S, "<srv service='y' protocol='tcp' target='t' port='0'/>")
upd("port-x", L, S, "<srv service='y' protocol='tcp' target='t' port='x'/>")
upd("full", L, S, "<srv service='z' protocol='tcp' domain='d' target='t' port='5' priority='6' weight='7'/>")
upd("full2", L, S, "<srv service='z' protocol='tcp' domain='e' target='t' port='5' priority='6' weight='7'/>")
upd("part-add", L, S, "<srv service='z' protocol='tcp'/>")
upd("part-add-dom", L, S, "<srv service='z' protocol='tcp' domain='d'/>")
upd("part-add-tgt", L, S, "<srv service='z' protocol='tcp' target='t2'/>")
upd("part-add-port", L, S, "<srv service='z' protocol='tcp' target='t' port='9'/>")
upd("del-multi", D, S, "<srv service='z' protocol='tcp'/>")
upd("del-dom", D, S, "<srv service='z' protocol='tcp' domain='e'/>")
upd("del-port-mismatch", D, S, "<srv service='z' protocol='tcp' target='t' port='8'/>")
upd("del-port-0", D, S, "<srv service='z' protocol='tcp' target='t' port='0'/>")
upd("del-noproto", D, S, "<srv service='z'/>")
upd("del-noservice", D, S, "<srv protocol='tcp'/>")
print(net.XMLDesc())
upd("txt-comma", L, T, "<txt name='a,b' value='v'/>")
upd("txt-empty", L, T, "<txt name='' value='v'/>")
upd("txt-emptyval", L, T, "<txt name='e' value=''/>")
upd("txt-del-noname", D, T, "<txt value='v'/>")
upd("txt-tab", L, T, "<txt name='a\tb' value='v'/>")
upd("txt-quote", L, T, "<txt name='a&quot;b' value='v'/>")
upd("h-del-ip-only", D, H, "<host ip='192.168.122.40'/>")
upd("h-add", L, H, "<host ip='192.168.122.40'><hostname>forty</hostname></host>")
upd("h-del-name-only", D, H, "<host><hostname>forty</hostname></host>")
upd("h-add2", L, H, "<host ip='192.168.122.40'><hostname>forty</hostname></host>")
upd("h-del-ip-only2", D, H, "<host ip='192.168.122.40'/>")
upd("h-add-emptyname", L, H, "<host ip='192.168.122.41'><hostname></hostname></host>")
upd("h-add-emptyname2", L, H, "<host ip='192.168.122.42'><hostname>a</hostname><hostname/></host>")
upd("h-add-other-child", L, H, "<host ip='192.168.122.43'><foo/><hostname>b</hostname></host>")
upd("pg-trust", L, P, "<portgroup name='t' trustGuestRxFilters='maybe'/>")
upd("pg-default", L, P, "<portgroup name='t' default='maybe'/>")
upd("pg-default-no", L, P, "<portgroup name='t2' default='no'/>")
upd("pg-vlan", L, P, "<portgroup name='t3'><vlan trunk='yes'><tag id='5'/><tag id='6' nativeMode='untagged'/></vlan><virtualport type='openvswitch'/></portgroup>")
upd("pg-badvlan", L, P, "<portgroup name='t4'><vlan><tag id='5000'/></vlan></portgroup>")
upd("pg-badbw", L, P, "<portgroup name='t5'><bandwidth><inbound average='x'/></bandwidth></portgroup>")
upd("pg-badvp", L, P, "<portgroup name='t6'><virtualport type='bogus'/></portgroup>")
print(net.XMLDesc())

upd("h-del-nothing", D, H, "<host/>")
upd("h-del-badip", D, H, "<host ip='x'/>")
upd("h-add-nothing", L, H, "<host/>")
upd("p0", L, S, "<srv service='a' protocol='tcp' target='t' priority='0' weight='0' port='65535'/>")
upd("p65536", L, S, "<srv service='b' protocol='tcp' target='t' port='65536'/>")
upd("prio65535", L, S, "<srv service='c' protocol='tcp' target='t' priority='65535' weight='65535'/>")
upd("prio65536", L, S, "<srv service='c' protocol='tcp' target='t' priority='65536'/>")
upd("w65536", L, S, "<srv service='c' protocol='tcp' target='t' weight='65536'/>")
upd("w-x", L, S, "<srv service='c' protocol='tcp' target='t' weight='x'/>")
upd("prio-x", L, S, "<srv service='c' protocol='tcp' target='t' priority=' 5'/>")
upd("srv-empty-svc", L, S, "<srv service='' protocol='tcp'/>")
upd("srv-empty-proto", L, S, "<srv service='q' protocol=''/>")
upd("srv-all", L, S, "<srv service='q' protocol='tcp' port='4' target='t' priority='1' weight='2' domain='dd'/>")
upd("srv-del-port-notarget", D, S, "<srv service='q' protocol='tcp' port='4'/>")
upd("pg-vlan-x", L, P, "<portgroup name='v'><vlan><tag id='x'/></vlan></portgroup>")
upd("pg-vlan-notag", L, P, "<portgroup name='v'><vlan/></portgroup>")
upd("pg-vlan-2tags", L, P, "<portgroup name='v'><vlan><tag id='1'/><tag id='2'/></vlan></portgroup>")
upd("pg-vlan-trunk-no", L, P, "<portgroup name='v'><vlan trunk='no'><tag id='1'/><tag id='2'/></vlan></portgroup>")
upd("pg-vlan-native", L, P, "<portgroup name='v2'><vlan><tag id='1' nativeMode='bogus'/></vlan></portgroup>")
upd("pg-bw-peak", L, P, "<portgroup name='v3'><bandwidth><outbound average='10' peak='x'/></bandwidth></portgroup>")
upd("pg-bw-noavg", L, P, "<portgroup name='v4'><bandwidth><inbound peak='10'/></bandwidth></portgroup>")
upd("pg-bw-floor", L, P, "<portgroup name='v5'><bandwidth><outbound average='1' floor='10'/></bandwidth></portgroup>")
upd("pg-vp-params", L, P, "<portgroup name='v6'><virtualport type='802.1Qbh'><parameters profileid='p'/></virtualport></portgroup>")
print(net.XMLDesc())

for x in ["<network><name>d1</name><forward mode='nat'><interface dev='a'/><interface dev='b'/></forward><ip address='10.3.0.1' prefix='24'/></network>",
          "<network><name>d2</name><forward mode='bridge' dev='eth0'/><bridge name='br0'/></network>",
          "<network><name>d3</name><dns><txt name='a b' value='v'/></dns></network>",
          "<network><name>d4</name><dns><srv service='a!' protocol='tcp'/></dns></network>",
          "<network><name>d5</name><dns><host ip='bad'><hostname>x</hostname></host></dns></network>",
          "<network><name>d6</name><dns><host><hostname>x</hostname></host></dns></network>",
          "<network><name>d7</name><portgroup name='a' default='yes'/><portgroup name='b' default='yes'/></network>",
          "<network><name>d8</name><portgroup name='a'/><portgroup name='a'/></network>",
          "<network><name>d9</name><dns><srv service='a' protocol='tcp' port='3'/></dns></network>",
          "<network><name>d10</name><forward mode='route'><interface dev='a'/><interface dev='b'/></forward><ip address='10.3.0.1' prefix='24'/></network>",
          "<network><name>d11</name><forward mode='open'><interface dev='a'/></forward><ip address='10.3.0.1' prefix='24'/></network>",
          "<network><name>d12</name><forward mode='bridge'><interface dev='a'/><interface dev='b'/></forward></network>",
          "<network><name>d13</name><portgroup name='a' trustGuestRxFilters='x'/></network>",
          "<network><name>d14</name><dns><txt name='a' value='v'/><txt name='a' value='w'/><host ip='1.2.3.4'><hostname>a</hostname></host><host ip='1.2.3.4'><hostname>a</hostname></host></dns></network>",
          "<network><name>e1</name><dns><txt name='a b' value='v'/><host ip='x'><hostname>a</hostname></host><srv service='!' protocol='t'/></dns></network>",
          "<network><name>e2</name><dns><srv service='!' protocol='t'/><txt name='a b' value='v'/></dns></network>",
          "<network><name>e3</name><vlan><tag id='5000'/></vlan></network>",
          "<network><name>e4</name><bandwidth><inbound average='x'/></bandwidth></network>",
          "<network><name>e5</name><virtualport type='bogus'/></network>",
          "<network><name>e6</name><portgroup name='a'><vlan><tag id='5000'/></vlan></portgroup></network>",
          "<network><name>e7</name><dns><host ip='1.1.1.1'><hostname></hostname><hostname>z</hostname></host></dns></network>",
          ]:
    define(x)

for body in ["<vlan><tag/></vlan>", "<vlan trunk='maybe'><tag id='3'/></vlan>",
             "<vlan trunk='yes'><tag id='3'/></vlan>", "<vlan trunk='no'><tag id='3'/></vlan>",
             "<vlan><tag id='3' nativeMode='tagged'/></vlan>", "<vlan><tag id=' 7'/></vlan>",
             "<vlan><tag id='-1'/></vlan>", "<vlan><tag id='4095'/></vlan>",
             "<bandwidth><outbound average='x' floor='3'/></bandwidth>",
             "<bandwidth><outbound floor='3'/></bandwidth>",
             "<bandwidth><inbound average='0'/></bandwidth>",
             "<bandwidth><inbound average='0' floor='5'/></bandwidth>",
             "<bandwidth><inbound average='5' peak='-2'/></bandwidth>",
             "<bandwidth><inbound average='5' burst='1x'/></bandwidth>",
             "<bandwidth><inbound average=' 5'/></bandwidth>",
             "<bandwidth/>", "<virtualport/>", "<virtualport type='midonet'/>",
             "<portgroup name='a' default='maybe'/>", "<portgroup name='a' trustGuestRxFilters='no'/>",
             "<dns><srv service='a' protocol='tcp' target='t' port='3' priority='0' weight='00'/></dns>",
             "<dns><txt name='a,b'/></dns>", "<dns><host ip='1.2.3.4'/></dns>",
             "<forward mode='nat' dev='eth0'/>", "<forward mode='open' dev='eth0'/>",
             "<forward mode='bridge'><interface dev='a'/></forward><bridge name='b'/>",
             "<forward mode='bridge'/><bridge name='b'/>",
             "<forward mode='nat'/>", "<forward/>", "<forward mode='open'/>", "<forward mode='nat' dev='eth0'/><ip address='10.0.0.1' prefix='24'/>",
             "<forward mode='open'/><ip address='10.0.0.1' prefix='24'/>",
             "<portgroup name='p'><bandwidth><inbound average='1' floor='5'/></bandwidth></portgroup>",
             "<portgroup name='p'><bandwidth><inbound average='0'/></bandwidth></portgroup>",
             "<portgroup name='p'><virtualport/></portgroup>",
             "<bandwidth><inbound average='x' floor='5'/></bandwidth>",
             "<bandwidth><inbound floor='5'/></bandwidth>",
             "<bandwidth><inbound average='3'/><outbound average='0'/></bandwidth>",
             "<bandwidth><inbound average='3' peak='0' burst='0'/></bandwidth>",
             "<vlan trunk='yes'><tag id='3'/><tag id='4'/></vlan>",
             "<vlan trunk='no'><tag id='3'/></vlan>",
             "<vlan><tag id='3'/></vlan><portgroup name='p'><vlan trunk='x'><tag id='1'/></vlan></portgroup>",
             "<virtualport type='openvswitch'><parameters interfaceid='x'/></virtualport>",
             ]:
    define("<network><name>n</name>%s</network>" % body)

# duplicates a definition may hold: which one a delete or modify takes
m = conn.networkCreateXML(
    "<network><name>m</name><dns><txt name='a' value='v'/><txt name='a' value='w'/>"
    "<host ip='1.2.3.4'><hostname>a</hostname></host><host ip='1.2.3.4'><hostname>b</hostname></host></dns>"
    "<portgroup name='p' default='yes'/><portgroup name='p'><vlan><tag id='3'/></vlan></portgroup>"
    "<portgroup name='q' default='yes'/>"
    "<forward mode='bridge'><interface dev='e'/><interface dev='f'/></forward></network>")
net = m
upd("dup-txt", D, T, "<txt name='a'/>")
upd("dup-host", D, H, "<host ip='1.2.3.4'/>")
upd("dup-pg-default", C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, P, "<portgroup name='p' default='yes'/>")
upd("dup-pg-modify", C.VIR_NETWORK_UPDATE_COMMAND_MODIFY, P, "<portgroup name='p'/>")
upd("dup-pg-delete", D, P, "<portgroup name='p'/>")
upd("fwd-delete", D, C.VIR_NETWORK_SECTION_FORWARD_INTERFACE, "<interface dev='e'/>")
s = m.XMLDesc()
print(s[s.index("</uuid>") + 8:])
for body in ["<forward mode='bridge'><interface dev='e'/><interface dev='e'/></forward>",
             "<forward mode='nat'><interface dev='e'/><interface dev='e'/></forward>"
             "<ip address='10.0.0.1' prefix='24'/>",
             "<forward mode='nat'><interface dev='e'/><interface dev='e'/></forward>"]:
    define("<network><name>n</name>%s</network>" % body)
