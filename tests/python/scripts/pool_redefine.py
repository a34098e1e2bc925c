# Redefining a running pool leaves its live definition alone, as libvirt does.
import libvirt, re
libvirt.registerErrorHandler(lambda c, e: None, None)
c = libvirt.open('test:///default')
p = c.storagePoolLookupByName('default-pool')
x = p.XMLDesc(0)
x2 = x.replace("<path>/default-pool</path>", "<path>/other-path</path>")
c.storagePoolDefineXML(x2, 0)
def t(label, f):
    try: print(label, repr(f()))
    except libvirt.libvirtError as e: print(label, 'E', e.get_error_code(), e.get_error_domain(), e.get_error_message())
t('live', lambda: re.findall('<path>.*</path>', p.XMLDesc(0)))
t('inactive', lambda: re.findall('<path>.*</path>', p.XMLDesc(libvirt.VIR_STORAGE_XML_INACTIVE)))
p.destroy(); t('after-destroy', lambda: re.findall('<path>.*</path>', p.XMLDesc(0)))
p.create(); t('after-start', lambda: re.findall('<path>.*</path>', p.XMLDesc(0)))
v = p.storageVolLookupByName('default-vol') if 'default-vol' in p.listVolumes() else None
print(p.listVolumes())
