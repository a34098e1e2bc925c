# A small ruby-libvirt script whose output must be the same under Debian's
# ruby-libvirt and under virtkit (tests/ruby/compare.sh runs it both ways).
require 'libvirt'

XML = "<domain type='test'><name>cmp</name><memory>131072</memory>" \
      "<vcpu>1</vcpu><os><type>hvm</type></os></domain>"

def show(label)
  v = yield
  puts "#{label}: #{v.inspect}"
rescue => e
  extra = e.is_a?(Libvirt::Error) ? " [#{e.libvirt_function_name} #{e.libvirt_code}]" : ''
  puts "#{label}: #{e.class}: #{e.message}#{extra}"
end

c = Libvirt.open('test:///default')
show('type') { c.type }
show('uri') { c.uri }
show('num_of_domains') { c.num_of_domains }
show('list_domains') { c.list_domains }
show('list_all_domains') { c.list_all_domains.map(&:name) }
d = c.lookup_domain_by_name('test')
i = d.info
show('info') { [i.class.name, i.state, i.max_mem, i.memory, i.nr_virt_cpu] }
show('state') { d.state }
show('name/id/uuid/os') { [d.name, d.id, d.uuid, d.os_type] }
show('max_memory') { d.max_memory }
show('active/persistent/autostart') { [d.active?, d.persistent?, d.autostart] }
show('by id') { c.lookup_domain_by_id(1).name }
show('by uuid') { c.lookup_domain_by_uuid(d.uuid).name }
show('missing') { c.lookup_domain_by_name('missing') }
show('create running') { d.create }
show('bad xml') { c.define_domain_xml('<domain') .name }
n = c.define_domain_xml(XML)
show('defined') { [n.name, n.active?, c.list_defined_domains] }
show('create') { n.create }
show('suspend') { [n.suspend, n.state] }
show('resume') { [n.resume, n.state] }
show('destroy') { [n.destroy, n.state[0]] }
show('undefine') { n.undefine }
show('gone') { c.lookup_domain_by_name('cmp') }
ni = c.node_info
show('node_info') { [ni.class.name, ni.model, ni.cpus, ni.memory] }
show('type error') { c.lookup_domain_by_name(nil) }
show('memory_parameters') { d.memory_parameters }
show('blkio_parameters') { d.blkio_parameters }
show('numa_parameters') { d.numa_parameters }
show('interface_parameters') { d.interface_parameters('testnet0') }
show('block_iotune') { d.block_iotune('vda') }
show('set memory_parameters') { d.memory_parameters = { 'hard_limit' => 1_000_000 }; d.memory_parameters['hard_limit'] }
show('unknown key') { d.memory_parameters = { 'bogus' => 1 } }
show('symbol key') { d.memory_parameters = { hard_limit: 1 } }
show('info classes') { [d.block_stats('vda').class, d.ifinfo('testnet0').class, d.blockinfo('vda').physical] }
show('names') { [c.num_of_nodedevices, c.list_nodedevices.sort, d.list_snapshots, d.num_of_snapshots, d.has_managed_save?, d.num_vcpus(0)] }
show('current_snapshot') { d.current_snapshot }
show('security model') { m = c.node_security_model; [m.class, m.model, m.doi] }
d.free
show('freed') { d.name }
c.close
show('closed') { [c.closed?, (c.type rescue $!.message)] }
