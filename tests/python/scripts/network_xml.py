# Network XML as libvirt's test driver stores it: each document is defined
# and read back (uuids are replaced when generated, they differ per run),
# and the documents libvirt refuses print their error code.
import re

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")

DOCS = [
    "<network><name>a</name></network>",
    "<network><name>b</name><bridge name='br5'/></network>",
    "<network><name>c</name><forward/><ip address='10.0.0.1' prefix='24'/></network>",
    "<network ipv6='yes' trustGuestRxFilters='no'><name>d</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "<title>T</title><description>D</description><mac address='52:54:00:AA:bb:cc'/><mtu size='9000'/>"
    "<domain name='example.com' localOnly='yes'/><forward mode='route' dev='eth0'/>"
    "<bridge name='vbr1' stp='off' delay='5' macTableManager='libvirt' zone='trusted'/>"
    "<dns enable='yes' forwardPlainNames='no'><forwarder addr='8.8.8.8'/><txt name='x' value='y'/>"
    "<host ip='10.0.0.5'><hostname>h1</hostname><hostname>h2</hostname></host>"
    "<srv service='s' protocol='tcp' domain='d' target='t' port='1' priority='2' weight='3'/></dns>"
    "<ip address='10.0.0.1' netmask='255.255.255.0' localPtr='yes'><tftp root='/srv'/><dhcp>"
    "<range start='10.0.0.2' end='10.0.0.9'><lease expiry='1' unit='hours'/></range>"
    "<host mac='00:11:22:33:44:55' name='h' ip='10.0.0.3'><lease expiry='30'/></host>"
    "<bootp file='pxe' server='10.0.0.1'/></dhcp></ip>"
    "<ip family='ipv6' address='2001:db8::1' prefix='64'><dhcp><range start='2001:db8::10' end='2001:db8::20'/></dhcp></ip>"
    "<route address='192.168.5.0' prefix='24' gateway='10.0.0.2'/>"
    "<portgroup name='pg' default='yes'><bandwidth><inbound average='10'/></bandwidth></portgroup>"
    "<bandwidth><inbound average='1000' peak='5000' burst='1024'/><outbound average='128'/></bandwidth></network>",
    "<network><name>e</name><forward mode='nat'><nat><address start='1.2.3.4' end='1.2.3.10'/>"
    "<port start='500' end='1000'/></nat></forward><bridge name='virbr9'/>"
    "<ip address='192.168.9.1' netmask='255.255.255.0'/></network>",
    "<network><name>f</name><forward mode='bridge'/><bridge name='br0'/></network>",
    "<network><name>g</name><forward mode='hostdev' managed='yes'><pf dev='eth0'/></forward></network>",
    "<network><name>h</name><forward mode='passthrough'><interface dev='eth1'/><interface dev='eth2'/></forward></network>",
    "<network><name>i</name><forward mode='open'/><ip address='1.1.1.1' prefix='24'/></network>",
    "<network><name>j</name><foo/><bridge name='x' bar='1'/></network>",
    "<network><name>k</name><forward mode='isolated'/></network>",
    "<network><name>l</name><metadata><app:x xmlns:app='http://a/'>z</app:x></metadata></network>",
    "<network><name>n</name><virtualport type='openvswitch'/><forward mode='bridge'/><bridge name='ovsbr'/></network>",
    "<network><name>o</name><bridge name='vb' stp='no'/><vlan trunk='yes'><tag id='42'/></vlan><port isolated='yes'/></network>",
    "<network><name>z1</name><portgroup name='p'><virtualport type='802.1Qbh'/><vlan><tag id='3'/></vlan></portgroup>"
    "<virtualport type='openvswitch'/><route address='1.2.3.0' prefix='24' gateway='10.0.0.2'/>"
    "<ip address='10.0.0.1' prefix='24'/><port isolated='no'/><bandwidth><outbound average='5'/></bandwidth>"
    "<vlan><tag id='7' nativeMode='tagged'/></vlan><dns><host ip='1.1.1.1'><hostname>a</hostname></host></dns>"
    "<forward mode='bridge'/><bridge name='br1'/></network>",
    "<network><name>z2</name><forward mode='nat' dev='eth0'/><ip address='10.0.0.1' prefix='24' family='ipv4'>"
    "<dhcp><host mac='AA:BB:CC:DD:EE:FF' ip='10.0.0.5'/><range start='10.0.0.10' end='10.0.0.20'>"
    "<lease expiry='0'/></range></dhcp></ip></network>",
    "<network><name>z3</name><forward mode='nat'><nat ipv6='yes'/></forward><ip address='10.0.0.1' prefix='24'/></network>",
    "<network><name>z4</name><forward mode='route'><interface dev='e1'/></forward><dns enable='no'/>"
    "<domain name='x' register='yes'/></network>",
    "<network><name>z5</name><dns><forwarder domain='ex.com'/><forwarder addr='1.2.3.4' domain='y'/>"
    "<srv service='s' protocol='udp'/></dns></network>",
    "<network><name>z6</name><ip address='10.0.0.1'/><portgroup name='a' default='yes'/><portgroup name='b'/></network>",
    "<network><name>z7</name><ip address='10.0.0.1' prefix='24'><tftp root='/x'/></ip>"
    "<ip address='10.1.0.1' prefix='24'><dhcp><range start='10.1.0.3' end='10.1.0.4'/></dhcp></ip></network>",
    "<network><name>z8</name><uuid></uuid><bridge name='a' stp='maybe'/></network>",
    "<network><name>z9</name><forward mode='bridge'/></network>",
    "<network><name>z10</name><mac address='52:54:00:00:00:01'/><mtu size='1500'/><bridge delay='7'/></network>",
    "<network><name>z11</name><forward mode='hostdev'><pf dev='eth3'/></forward></network>",
    "<network><name>z12</name><forward mode='nat'><nat><address start='1.2.3.4'/></nat></forward></network>",
    "<network><name>z13</name><ip address='10.0.0.1' prefix='0'/></network>",
    "<network><name>z14</name><dns><txt name='a' value='b &amp; c'/></dns><bridge name='x&apos;y'/></network>",
    # refused
    "<network/>",
    "<network><name></name></network>",
    "<domain><name>x</name></domain>",
    "<network",
    "<network><name>x</name><uuid>zzz</uuid></network>",
    "<network><name>bad/x</name></network>",
    "<network><name>bad1</name><ip address='300.1.1.1' prefix='24'/></network>",
    "<network><name>bad2</name><ip address='10.0.0.1' prefix='24' netmask='255.255.255.0'/></network>",
    "<network><name>bad3</name><mac address='zz'/></network>",
    "<network><name>bad4</name><mac address='01:00:00:00:00:01'/></network>",
    "<network><name>bad5</name><bridge name='x' delay='abc'/></network>",
    "<network><name>bad6</name><forward mode='nat' dev='a'><interface dev='b'/></forward></network>",
    "<network><name>bad9</name><mtu size='x'/></network>",
    "<network><name>bad14</name><ip address='10.0.0.1' prefix='24'><dhcp><host ip='10.0.0.5'/></dhcp></ip></network>",
    "<network><name>bad15</name><ip family='ipv6' address='10.0.0.1' prefix='24'/></network>",
    "<network><name>bad15b</name><ip family='ipv4' address='::1' prefix='24'/></network>",
    "<network><name>bad16</name><ip address='10.0.0.1' prefix='40'/></network>",
    "<network><name>bad17</name><dns><host ip='1.1.1.1'/></dns></network>",
    "<network><name>bad18</name><dns><txt name='a'/></dns></network>",
    "<network><name>bad19</name><portgroup/></network>",
    "<network><name>bad23</name><forward mode='nat'><nat><port start='10'/></nat></forward></network>",
    "<network ipv6='maybe'><name>bad24</name></network>",
    "<network><name>bad25</name><domain name='x' localOnly='maybe'/></network>",
    "<network><name>bad30</name><bridge name='a' macTableManager='x'/></network>",
    "<network><name>bad31</name><forward mode='route'/></network>",
]

for i, doc in enumerate(DOCS):
    try:
        net = conn.networkDefineXML(doc)
    except libvirt.libvirtError as e:
        print(i, "error", e.get_error_code())
        continue
    xml = net.XMLDesc()
    if "11111111-" not in xml:
        xml = re.sub(r"<uuid>[0-9a-f-]+</uuid>", "<uuid>UUID</uuid>", xml)
    print(i, xml)
    for name in ("bridgeName",):
        try:
            print(i, "bridge", net.bridgeName())
        except libvirt.libvirtError as e:
            print(i, "bridge error", e.get_error_code())
    net.undefine()
