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
show('cpu_stats') { [d.cpu_stats.keys, d.cpu_stats['all'].keys.sort, d.cpu_stats(0, 1).keys, d.cpu_stats(0, 1)[0].keys.sort] }
show('memory_stats') { d.memory_stats.map { |m| [m.class.name, m.tag, m.value] } }
show('vcpus') { d.vcpus.map { |v| [v.class.name, v.number, v.state, v.cpu.class, v.cpumap] } }
show('pin_vcpu') { [d.pin_vcpu(0, [0, 2]), d.vcpus[0].cpumap, d.pin_vcpu(0, (0..7).to_a, 0)] }
show('pin_emulator') { [d.pin_emulator([1, 3]), d.emulator_pin_info, d.pin_emulator((0..7).to_a)] }
show('pin bad') { d.pin_vcpu(0, 'x') }
show('fs_freeze') { [d.fs_freeze(['/']), d.fs_thaw(['/'])] }
show('metadata') { d.metadata = [Libvirt::Domain::METADATA_DESCRIPTION, 'cmp']; d.metadata(Libvirt::Domain::METADATA_DESCRIPTION) }
show('metadata missing') { d.metadata(Libvirt::Domain::METADATA_TITLE) }
show('time') { d.time.keys }
show('send_key') { d.send_key(Libvirt::Domain::KEYCODE_SET_LINUX, 100, [1, 2]) }
show('constants') do
  %w[Error::ERR_NO_DOMAIN RetrieveError::FROM_QEMU Error::LEVEL_ERROR Error::WAR_NO_STORAGE CONNECT_RO
     CONNECT_NO_ALIASES Connect::DOMAIN_DEFINE_VALIDATE Domain::DOMAIN_AFFECT_LIVE Domain::DOMAIN_MEM_MAXIMUM
     Domain::DOMAIN_XML_SECURE Domain::DOMAIN_SHUTOFF_CRASHED Domain::DOMAIN_PAUSED_SNAPSHOT Domain::MIGRATE_LIVE
     Domain::MIGRATE_RDMA_PIN_ALL Domain::DUMP_LIVE Domain::BYPASS_CACHE Domain::RESET Domain::MEMORY_ONLY
     Domain::ControlInfo::CONTROL_JOB Domain::JobInfo::BOUNDED Domain::JobInfo::CANCELLED
     Domain::QEMU_MONITOR_COMMAND_HMP Domain::QEMU_AGENT_COMMAND_BLOCK Network::NETWORK_UPDATE_COMMAND_ADD_LAST
     Network::UPDATE_COMMAND_ADD_LAST Network::NETWORK_SECTION_DNS_SRV Network::IP_ADDR_TYPE_IPV6
     StoragePool::CREATE_REFLINK StoragePool::XML_INACTIVE StorageVol::XML_INACTIVE].map do |c|
    "#{c}=#{Libvirt.const_get(c)}"
  end
end
show('stat constants') { [Libvirt::Domain::MemoryStats::ACTUAL_BALLOON, Libvirt::Domain::KEYCODE_SET_RFB] }
show('node_cpu_stats') { c.node_cpu_stats.keys }
show('node_cells_free_memory') { [c.node_cells_free_memory, c.node_cells_free_memory(1), c.node_cells_free_memory(0, 1)] }
show('cpu_model_names') { c.cpu_model_names('x86_64').first(5) }
show('cpu_model_names bad') { c.cpu_model_names('nope') }
show('node_cpu_map') { c.node_cpu_map }
show('node_free_pages') { c.node_free_pages([4, 2048], { 'startCell' => 0, 'cellCount' => 1 }) }
show('node_free_pages bad') { c.node_free_pages([4], 0) }
show('pool info') { i = c.list_all_storage_pools.first.info; [i.class.name, i.state, i.capacity] }
show('memory_peek') { d.memory_peek(0, 8).bytes }
show('security_label') { l = d.security_label; [l.class.name, l.label, l.enforcing] }
show('qemu_monitor_command') { d.qemu_monitor_command('{"execute":"query-status"}') }
show('qemu_agent_command') { d.qemu_agent_command('{"execute":"guest-ping"}') }
show('qemu_attach') { c.qemu_attach(1) }
show('lxc_open_namespace') { d.lxc_open_namespace }
show('lxc_enter_namespace bad') { [(d.lxc_enter_namespace(5) rescue $!.message), (d.lxc_enter_namespace(['a']) rescue $!.message), (d.lxc_enter_namespace([]) rescue $!.message)] }
show('create_with_files running') { d.create_with_files }
show('create_with_files bad') { [(d.create_with_files(5) rescue $!.message), (d.create_with_files(['a']) rescue $!.message)] }
show('create_domain_xml_with_files') do
  w = c.create_domain_xml_with_files(XML.sub('cmp', 'cmpf'), [], 0)
  [w.name, w.active?, w.destroy]
end
PAGES = [{ 'size' => 4, 'count' => 1 }].freeze
show('node_alloc_pages bad') do
  [[[{}]], [[[4, 1]]], [5], [PAGES, 0], [PAGES, {}]].map do |args|
    c.node_alloc_pages(*args)
  rescue TypeError => e
    e.message
  end
end
show('dhcp_leases') { c.lookup_network_by_name('default').dhcp_leases }
show('dhcp_leases bad') { c.lookup_network_by_name('default').dhcp_leases(1) }
show('define_secret_xml') { c.define_secret_xml("<secret ephemeral='no' private='no'/>") }
show('lookup_secret_by_usage') { c.lookup_secret_by_usage(Libvirt::Secret::USAGE_TYPE_VOLUME, '/x') }
st = c.stream
show('stream event_add_callback') { st.event_add_callback(Libvirt::Stream::EVENT_READABLE, proc {}) }
show('stream event_add_callback bad') { [(st.event_add_callback(1, 5) rescue $!.message), (st.event_add_callback(nil, proc {}) rescue $!.message)] }
show('stream recvall without block') { st.recvall }
show('migrate_to_uri2') { d.migrate_to_uri2 }
show('migrate_to_uri3') { d.migrate_to_uri3('test:///x', {}) }
show('disk_errors') { d.disk_errors }
show('control_info') { i = d.control_info; [i.state, i.details, i.stateTime] }
show('network uuid/autostart') { n = c.lookup_network_by_name('default'); [n.uuid, n.autostart, n.autostart?] }
show('pool uuid/autostart') { p = c.lookup_storage_pool_by_name('default-pool'); [p.uuid, p.autostart, p.autostart?] }
show('list_secrets') { c.list_secrets }
show('list_nwfilters') { c.list_nwfilters }
show('version') { v = Libvirt.version('Test')[0]; [v.major, v.minor, v.release, v.to_s] }
show('compare_cpu') { c.compare_cpu('<cpu/>') }
show('set_keepalive') { c.set_keepalive(1, 1) }
show('define_network_xml bad') { c.define_network_xml('<network') }
show('create_network_xml bad') { c.create_network_xml('<network') }
show('define_nwfilter_xml') { c.define_nwfilter_xml('<filter') }
show('lookup_snapshot_by_name missing') { d.lookup_snapshot_by_name('nope') }
show('memory= too big') { d.memory = 999_999_999 }
show('max_memory= running') { d.max_memory = 1 }
show('actions return nil') { [d.inject_nmi, d.reset, d.send_process_signal(1, 0), d.block_resize('vda', 1)] }
show('block jobs') { [(d.block_pull('vda') rescue $!.message), (d.block_rebase('vda') rescue $!.message), (d.block_commit('vda') rescue $!.message), (d.abort_job rescue $!.message)] }
show('snapshot without parent') do
  s = d.snapshot_create_xml('<domainsnapshot><name>cmps</name></domainsnapshot>')
  [s.name, s.parent, s.delete]
end
show('network actions') { n = c.lookup_network_by_name('default'); [n.destroy, n.create] }
show('pool actions') { p = c.lookup_storage_pool_by_name('default-pool'); [p.refresh, p.destroy, p.create] }
show('xml_desc errors') { [c.lookup_network_by_name('default'), c.lookup_storage_pool_by_name('default-pool'), c.lookup_nodedevice_by_name('computer')].map { |o| (o.xml_desc(1 << 20) rescue $!.class.name) } }
show('retrieve errors') do
  [[:block_stats, 'nope'], [:ifinfo, 'nope'], [:migrate_max_speed], [:migrate_compression_cache],
   [:xml_desc, 1 << 20]].map do |m, *args|
    d.send(m, *args)
  rescue Libvirt::Error => e
    [m, e.class.name, e.libvirt_function_name, e.libvirt_code]
  end
end
show('interface actions') { [c.interface_change_begin, c.interface_change_rollback] }
show('autostart=') { n = c.lookup_network_by_name('default'); [(n.autostart = 1 rescue $!.message), (d.autostart = nil rescue $!.message)] }
cpu = "<cpu><arch>x86_64</arch><model>%s</model><vendor>Intel</vendor><feature name='vmx'/></cpu>"
show('baseline_cpu') { c.baseline_cpu([cpu % 'Haswell', cpu % 'SandyBridge']) }
show('baseline_cpu expanded') { c.baseline_cpu([cpu % 'Nehalem'], Libvirt::Connect::BASELINE_CPU_EXPAND_FEATURES) }
show('baseline_cpu error') { c.baseline_cpu([cpu % 'Bogus']) }
d.free
show('freed') { d.name }
c.close
show('closed') { [c.closed?, (c.type rescue $!.message)] }
