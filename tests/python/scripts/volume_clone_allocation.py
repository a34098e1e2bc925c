# A cloned volume keeps the allocation its document gives, as libvirt does.
import libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
c = libvirt.open('test:///default')
p = c.storagePoolLookupByName('default-pool')
v = p.createXML("<volume><name>src.img</name><capacity unit='G'>20</capacity><allocation unit='M'>1536</allocation></volume>", 0)
print(v.info())
for xml in ["<volume><name>c1.img</name><capacity unit='G'>20</capacity></volume>",
            "<volume><name>c2.img</name><capacity unit='G'>30</capacity><allocation unit='G'>1</allocation></volume>",
            "<volume><name>c3.img</name><capacity unit='G'>10</capacity></volume>",
            "<volume><name>c4.img</name></volume>"]:
    try:
        n = p.createXMLFrom(xml, v, 0); print(n.name(), n.info())
    except libvirt.libvirtError as e: print('E', e.get_error_code(), e.get_error_message())
