"""Storage pools, volumes and streams on test:///default: results and
error codes of every storage call (UUIDs are random, so never printed
where they are made up)."""
import re

import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open('test:///default')


def t(name, f):
    try:
        r = f()
    except libvirt.libvirtError as e:
        print(name, 'ERR', e.get_error_code(), e.get_error_domain())
        return None
    if isinstance(r, str):
        r = re.sub(r'<uuid>[^<]*</uuid>', '<uuid/>', r)
    print(name, 'OK', r if not hasattr(r, 'name') else r.name())
    return r


P2 = ("<pool type='dir'><name>p2</name><target><path>/p2/</path><permissions>"
      "<mode>755</mode><owner>0</owner><group>0</group></permissions></target></pool>")
NFS = ("<pool type='netfs'><name>nfs</name><source><host name='h1' port='2049'/>"
       "<dir path='/export'/><format type='nfs'/></source><target><path>/mnt/nfs</path></target></pool>")

# the default state
t('num', c.numOfStoragePools)
t('numdef', c.numOfDefinedStoragePools)
t('list', lambda: sorted(c.listStoragePools()))
t('listdef', lambda: sorted(c.listDefinedStoragePools()))
p = t('byname', lambda: c.storagePoolLookupByName('default-pool'))
t('xml', lambda: p.XMLDesc(0))
t('xml-flags', lambda: p.XMLDesc(libvirt.VIR_STORAGE_XML_INACTIVE))
t('info', p.info)
t('uuid', p.UUIDString)
t('byuuid', lambda: c.storagePoolLookupByUUIDString('dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566'))
t('byuuidraw', lambda: c.storagePoolLookupByUUID(p.UUID()))
t('byuuid-miss', lambda: c.storagePoolLookupByUUIDString('dfe224cb-28fb-8dd0-c4b2-64eb3f0f4567'))
t('byname-miss', lambda: c.storagePoolLookupByName('nope'))
t('active', p.isActive)
t('persistent', p.isPersistent)
t('autostart', p.autostart)
t('nvols', p.numOfVolumes)
t('vols', p.listVolumes)
t('allvols', p.listAllVolumes)
t('caps', lambda: c.getStoragePoolCapabilities(0))
t('bytarget', lambda: c.storagePoolLookupByTargetPath('/default-pool'))

# defining, starting, stopping
p2 = t('define', lambda: c.storagePoolDefineXML(P2, 0))
t('define-xml', lambda: p2.XMLDesc(0))
t('define-dup', lambda: c.storagePoolDefineXML(P2, 0))
t('define-uuid-clash', lambda: c.storagePoolDefineXML(
    "<pool type='dir'><name>other</name><uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "<target><path>/x</path></target></pool>", 0))
for bad in ["<pool/>", "<pool type='dir'><name>x</name></pool>", "<pool type='foo'><name>x</name></pool>",
            "garbage", "<volume/>", "<pool type='dir'><target><path>/x</path></target></pool>",
            "<pool type='dir'><name>q</name><uuid>zz</uuid><target><path>/x</path></target></pool>",
            "<pool type='netfs'><name>q</name><source><dir path='/e'/></source><target><path>/x</path></target></pool>",
            "<pool type='netfs'><name>q</name><source><host name='h'/></source><target><path>/x</path></target></pool>"]:
    t('define-bad ' + bad[:30], lambda: c.storagePoolDefineXML(bad, 0))
t('define-flag-validate', lambda: c.storagePoolDefineXML(P2.replace('p2', 'p5'), 1))
t('p2-info', p2.info)
t('p2-vols-inactive', p2.listVolumes)
t('p2-nvols-inactive', p2.numOfVolumes)
t('p2-allvols-inactive', p2.listAllVolumes)
t('p2-refresh-inactive', lambda: p2.refresh(0))
t('p2-destroy-inactive', p2.destroy)
t('p2-build', lambda: p2.build(0))
t('p2-build-flags', lambda: p2.build(1))
t('p2-delete', lambda: p2.delete(0))
t('p2-create', lambda: p2.create(0))
t('p2-create-again', lambda: p2.create(0))
t('p2-build-active', lambda: p2.build(0))
t('p2-delete-active', lambda: p2.delete(0))
t('p2-undefine-active', p2.undefine)
t('p2-setautostart', lambda: p2.setAutostart(1))
t('p2-autostart', p2.autostart)
t('p2-refresh', lambda: p2.refresh(0))
t('p2-refresh-flags', lambda: p2.refresh(1))
t('p2-create-flags', lambda: p2.create(1))
t('numdef', c.numOfDefinedStoragePools)
for fl in [0, 1, 2, 4, 8, 16, 32, 64, 128, 2 | 16, 1 | 2, 64 | 128]:
    t('listall %d' % fl, lambda: sorted(x.name() for x in c.listAllStoragePools(fl)))
n = t('createxml', lambda: c.storagePoolCreateXML(NFS, 0))
t('createxml-flags', lambda: c.storagePoolCreateXML(NFS.replace('nfs<', 'n2<'), 1))
t('createxml-dup', lambda: c.storagePoolCreateXML(NFS, 0))
t('nfs-xml', lambda: n.XMLDesc(0))
t('nfs-persistent', n.isPersistent)
t('nfs-setautostart', lambda: n.setAutostart(1))
t('listall transient', lambda: sorted(x.name() for x in c.listAllStoragePools(8)))
t('listall netfs', lambda: sorted(x.name() for x in c.listAllStoragePools(256)))
t('nfs-destroy', n.destroy)
t('nfs-gone', n.info)
for typ, xml in [('logical', "<pool type='logical'><name>vg</name><source><device path='/dev/sda1'/></source><target><path>/dev/vg</path></target></pool>"),
                 ('disk', "<pool type='disk'><name>dk</name><source><device path='/dev/sdb'/></source><target><path>/dev</path></target></pool>"),
                 ('iscsi', "<pool type='iscsi'><name>is</name><source><host name='h'/><device path='iqn.x'/></source><target><path>/dev/disk/by-path</path></target></pool>"),
                 ('fs', "<pool type='fs'><name>fs</name><source><device path='/dev/sdc'/><format type='ext4'/></source><target><path>/mnt</path></target></pool>")]:
    q = t('define ' + typ, lambda: c.storagePoolDefineXML(xml, 0))
    t('xml ' + typ, lambda: q.XMLDesc(0))
    t('undefine ' + typ, q.undefine)

# volumes
V = "<volume><name>v1.img</name><capacity unit='M'>10</capacity><allocation>0</allocation></volume>"
v = t('vol-create', lambda: p.createXML(V, 0))
t('vol-xml', lambda: v.XMLDesc(0))
t('vol-xml-flags', lambda: v.XMLDesc(1))
t('vol-info', v.info)
t('vol-path', v.path)
t('vol-key', v.key)
t('vol-name', v.name)
t('vol-dup', lambda: p.createXML(V, 0))
t('vol-flags', lambda: p.createXML(V.replace('v1', 'v9'), 1))
t('vol-full', lambda: p.createXML("<volume><name>full</name><capacity unit='T'>200</capacity>"
                                  "<allocation unit='G'>200</allocation></volume>", 0))
t('vol-noalloc', lambda: p.createXML("<volume type='block'><name>c</name><capacity>1</capacity></volume>", 0).XMLDesc(0))
t('vol-more', lambda: p.createXML("<volume><name>a</name><capacity unit='G'>2</capacity><allocation unit='G'>1</allocation>"
                                  "<target><format type='qcow2'/><permissions><mode>0600</mode></permissions></target></volume>", 0).XMLDesc(0))
t('vol-units', lambda: p.createXML("<volume><name>y</name><capacity unit='KB'>1</capacity><allocation unit='KiB'>1</allocation></volume>", 0).XMLDesc(0))
for bad in ["<volume><name>b</name></volume>", "<volume><capacity>1</capacity></volume>",
            "<volume><name>y2</name><capacity unit='QB'>1</capacity></volume>",
            "<volume><name>y3</name><capacity>abc</capacity></volume>",
            "<volume><name>y4</name><capacity>1</capacity><target><format type='bogus'/></target></volume>",
            "<pool/>"]:
    t('vol-bad ' + bad[8:30], lambda: p.createXML(bad, 0))
t('pool-info-after', p.info)
t('vols', lambda: sorted(p.listVolumes()))
t('allvols', lambda: sorted(x.name() for x in p.listAllVolumes()))
t('allvols-flags', lambda: p.listAllVolumes(1))
t('bykey', lambda: c.storageVolLookupByKey('/default-pool/v1.img'))
t('bypath', lambda: c.storageVolLookupByPath('/default-pool/a'))
t('bykey-miss', lambda: c.storageVolLookupByKey('nope'))
t('bypath-miss', lambda: c.storageVolLookupByPath('nope'))
t('byname-miss', lambda: p.storageVolLookupByName('nope'))
t('byvolume', v.storagePoolLookupByVolume)
t('clone', lambda: p.createXMLFrom("<volume><name>v2.img</name><capacity>100</capacity></volume>", v, 0).XMLDesc(0))
t('clone-flags', lambda: p.createXMLFrom("<volume><name>v3.img</name><capacity>100</capacity></volume>", v, 1))
t('clone-other-pool', lambda: p2.createXMLFrom("<volume><name>z</name><capacity>5</capacity></volume>", v, 0))
t('p2-vol', lambda: p2.createXML("<volume><name>v1.img</name><capacity>1</capacity></volume>", 0).path())
t('clone-other-pool-samename', lambda: p2.createXMLFrom("<volume><name>z</name><capacity>5</capacity></volume>", v, 0).path())
t('infoflags', lambda: v.infoFlags(0))
t('wipe', lambda: v.wipe(0))
t('wipepattern', lambda: v.wipePattern(0, 0))
t('resize', lambda: v.resize(1000, 0))
st = c.newStream(0)
t('upload', lambda: v.upload(st, 0, 0, 0))
t('download', lambda: v.download(st, 0, 0, 0))
t('vol-delete-flags', lambda: v.delete(1))
t('vol-delete', lambda: v.delete(0))
t('vol-delete-again', lambda: v.delete(0))
t('vol-info-deleted', v.info)
t('pool-info-final', p.info)
a = p.storageVolLookupByName('a')
t('destroy', p.destroy)
t('vol-info-inactive', a.info)
t('vol-lookup-inactive', lambda: p.storageVolLookupByName('a'))
t('bykey-inactive', lambda: c.storageVolLookupByKey('/default-pool/a'))
t('create', lambda: p.create(0))
t('vols-kept', lambda: sorted(p.listVolumes()))

# source discovery
t('find-logical', lambda: c.findStoragePoolSources('logical', None, 0))
t('find-netfs', lambda: c.findStoragePoolSources('netfs', "<source><host name='x'/></source>", 0))
t('find-netfs-2', lambda: c.findStoragePoolSources('netfs', "<source><host name='a'/><host name='b'/></source>", 0))
t('find-netfs-nospec', lambda: c.findStoragePoolSources('netfs', None, 0))
t('find-dir', lambda: c.findStoragePoolSources('dir', None, 0))
t('find-bogus', lambda: c.findStoragePoolSources('bogus', None, 0))
t('find-iscsi', lambda: c.findStoragePoolSources('iscsi', None, 0))
t('find-flags', lambda: c.findStoragePoolSources('logical', None, 1))

# undefine
t('p2-destroy', p2.destroy)
t('p2-undefine', p2.undefine)
t('p2-gone', p2.info)
t('list-final', lambda: sorted(c.listStoragePools() + c.listDefinedStoragePools()))

# read-only connections (error codes only: virtkit reports the refusal of
# virConnect methods from no error domain, libvirt from the storage one)
def t(name, f):
    try:
        r = f()
    except libvirt.libvirtError as e:
        print(name, 'ERR', e.get_error_code())
        return None
    print(name, 'OK', r)


ro = libvirt.openReadOnly('test:///default')
rp = ro.storagePoolLookupByName('default-pool')
t('ro-info', rp.info)
t('ro-define', lambda: ro.storagePoolDefineXML(P2, 0))
t('ro-destroy', rp.destroy)
t('ro-volcreate', lambda: rp.createXML(V, 0))
t('ro-find', lambda: ro.findStoragePoolSources('logical', None, 0))
