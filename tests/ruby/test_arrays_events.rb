# The calls with arrays, lists and callbacks the generic rules do not
# express (libvirt-override.i, "hand-written calls (3)"), against
# test:///default: what it implements, and the errors of what it does not.
require 'test/unit'
require 'libvirt'
require_relative 'test_callbacks'   # RubyLoop

module ErrorAsserts
  # The block raises KLASS for C function FUNC with libvirt code CODE.
  def assert_libvirt_error(klass, func, code, message = nil)
    e = assert_raise(klass) { yield }
    assert_instance_of(klass, e)
    assert_equal(func, e.libvirt_function_name)
    assert_equal(code, e.libvirt_code) if code
    assert_match(message, e.message) if message
    e
  end

  NO_SUPPORT = 3          # VIR_ERR_NO_SUPPORT
  INVALID_ARG = 8         # VIR_ERR_INVALID_ARG
end

class TestDomainArrays < Test::Unit::TestCase
  include ErrorAsserts

  XML = "<domain type='test'><name>arr</name><memory>131072</memory>" \
        "<vcpu>1</vcpu><os><type>hvm</type></os></domain>"

  def setup
    @conn = Libvirt.open('test:///default')
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @conn.close
  end

  def test_interface_addresses
    ifs = @dom.interface_addresses
    assert_equal([{ 'name' => 'testnet0', 'hwaddr' => 'aa:bb:cc:dd:ee:ff',
                    'addrs' => [{ 'type' => Libvirt::Connect::IP_ADDR_TYPE_IPV4,
                                  'addr' => '192.168.122.3', 'prefix' => 24 }] }], ifs)
    assert_equal(ifs, @dom.interface_addresses(Libvirt::Domain::INTERFACE_ADDRESSES_SRC_AGENT))
    assert_raise(TypeError) { @dom.interface_addresses('lease') }
  end

  def test_iothreads
    assert_equal([], @dom.iothread_info)
    assert_libvirt_error(Libvirt::Error, 'virDomainPinIOThread', INVALID_ARG, /iothreadid 1 not found/) do
      @dom.pin_iothread(1, [0])
    end
    assert_raise(TypeError) { @dom.pin_iothread(1, 0) }
    assert_raise(ArgumentError) { @dom.pin_iothread(1, [100_000]) }
  end

  def test_iothread_info_objects
    d = @conn.define_domain_xml(XML.sub('</vcpu>', '</vcpu><iothreads>2</iothreads>'))
    info = d.iothread_info
    assert_equal([1, 2], info.map(&:iothread_id))
    assert_instance_of(Libvirt::Domain::IOThreadInfo, info[0])
    assert(info[0].cpumap.all? { |b| b == true || b == false })
    d.pin_iothread(2, [0], Libvirt::Domain::AFFECT_CONFIG)
    assert_equal([true], d.iothread_info[1].cpumap.first(1))
    assert_equal([false], d.iothread_info[1].cpumap[1, 1]) if d.iothread_info[1].cpumap.size > 1
  rescue Libvirt::Error => e
    omit("the test driver keeps no IOThreads: #{e.message}")
  ensure
    d&.undefine
  end

  def test_messages_and_ssh_keys
    assert_equal([], @dom.messages)
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainAuthorizedSSHKeysGet', NO_SUPPORT) do
      @dom.authorized_ssh_keys('root')
    end
    assert_libvirt_error(Libvirt::Error, 'virDomainAuthorizedSSHKeysSet', NO_SUPPORT) do
      @dom.set_authorized_ssh_keys('root', ['ssh-ed25519 AAAA k'])
    end
    assert_raise(TypeError) { @dom.authorized_ssh_keys(nil) }
    assert_raise(TypeError) { @dom.set_authorized_ssh_keys('root', 'one key') }
    assert_raise(TypeError) { @dom.set_authorized_ssh_keys('root', [1]) }
  end

  def test_security_labels
    l = @dom.security_label
    assert_instance_of(Libvirt::Domain::SecurityLabel, l)
    assert_equal(['libvirt-test', 1], [l.label, l.enforcing])
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainGetSecurityLabelList', NO_SUPPORT) do
      @dom.security_label_list
    end
    e = assert_libvirt_error(Libvirt::Error, 'virDomainLxcEnterSecurityLabel', 67) do
      Libvirt.lxc_enter_security_label(@conn.node_security_model, l)
    end
    assert_match(/cannot be entered/, e.message)
  end

  def test_create_with_files
    d = @conn.define_domain_xml(XML)
    assert_nil(d.create_with_files([]))
    assert(d.active?)
    assert_libvirt_error(Libvirt::Error, 'virDomainCreateWithFiles', 1, /already running/) do
      d.create_with_files
    end
    d.destroy
    e = assert_raise(TypeError) { d.create_with_files(5) }
    assert_equal('wrong argument type (expected Array)', e.message)
    assert_raise(TypeError) { d.create_with_files(['x']) }
  ensure
    d&.undefine
  end

  def test_create_domain_xml_with_files
    d = @conn.create_domain_xml_with_files(XML.sub('arr', 'arrf'), nil)
    assert_equal(['arrf', true], [d.name, d.active?])
    assert_same(@conn, d.connection)
    d.destroy
    assert_libvirt_error(Libvirt::Error, 'virDomainCreateXMLWithFiles', nil) do
      @conn.create_domain_xml_with_files('<domain')
    end
  end

  def test_fd_associate_and_qemu_with_files
    assert_libvirt_error(Libvirt::Error, 'virDomainFDAssociate', NO_SUPPORT) do
      @dom.fd_associate('disk', [0])
    end
    assert_libvirt_error(Libvirt::Error, 'virDomainFDAssociate', INVALID_ARG) do
      @dom.fd_associate('disk', [])
    end
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainQemuMonitorCommandWithFiles', NO_SUPPORT) do
      @dom.qemu_monitor_command_with_files('{"execute":"query-status"}', [0])
    end
    assert_raise(TypeError) { @dom.qemu_monitor_command_with_files('x', 0) }
  end

  def test_qemu_and_lxc
    e = assert_raise(TypeError) { @dom.qemu_monitor_command('{}') }
    assert_equal('Tried to use virDomainQemuMonitor command on TEST connection', e.message)
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainQemuAgentCommand', NO_SUPPORT) do
      @dom.qemu_agent_command('{"execute":"guest-ping"}', 5)
    end
    assert_libvirt_error(Libvirt::Error, 'virDomainQemuAttach', NO_SUPPORT) { @conn.qemu_attach(1) }
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainLxcOpenNamespace', NO_SUPPORT) do
      @dom.lxc_open_namespace
    end
    e = assert_raise(TypeError) { @dom.lxc_enter_namespace(nil) }
    assert_equal('wrong argument type nil (expected Array)', e.message)
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainLxcEnterNamespace', 38) do
      @dom.lxc_enter_namespace([987_654])
    end
  end

  def test_domain_stats
    all = @conn.all_domain_stats
    assert_equal(['test'], all.map { |d, _| d.name })
    dom, stats = all[0]
    assert_instance_of(Libvirt::Domain, dom)
    assert_same(@conn, dom.connection)
    assert_equal(Libvirt::Domain::RUNNING, stats['state.state'])
    one = @conn.domain_list_stats([@dom], Libvirt::Domain::STATS_STATE)
    assert_equal([['test', { 'state.state' => 1, 'state.reason' => 0 }]],
                 one.map { |d, h| [d.name, h] })
    assert_raise(TypeError) { @conn.domain_list_stats([@conn]) }
    assert_raise(TypeError) { @conn.domain_list_stats(@dom) }
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectGetAllDomainStats', INVALID_ARG) do
      @conn.all_domain_stats(0, 1 << 20)
    end
  end

  def test_name_lists
    d = @conn.define_domain_xml(XML)
    assert_equal([], d.list_snapshots)
    d.snapshot_create_xml('<domainsnapshot><name>s1</name></domainsnapshot>')
    d.snapshot_create_xml('<domainsnapshot><name>s2</name></domainsnapshot>')
    assert_equal(%w[s1 s2], d.list_snapshots.sort)
    assert_equal(['s2'], d.lookup_snapshot_by_name('s1').list_children_names)
    assert_equal(%w[computer scsi_host1 scsi_host11 scsi_host2], @conn.list_nodedevices.sort)
    assert_equal([], @conn.list_nodedevices('pci'))
    assert_raise(TypeError) { @conn.list_nodedevices(1) }
  ensure
    d&.list_all_snapshots&.each(&:delete)
    d&.undefine
  end

  def test_host_calls
    assert_libvirt_error(Libvirt::Error, 'virNodeAllocPages', NO_SUPPORT) do
      @conn.node_alloc_pages([{ 'size' => 4, 'count' => 1 }], { 'start' => 0, 'count' => 1 })
    end
    e = assert_raise(TypeError) { @conn.node_alloc_pages([{ 'size' => 4 }]) }
    assert_equal('wrong argument type nil (expected Integer)', e.message)
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectBaselineHypervisorCPU', NO_SUPPORT) do
      @conn.baseline_hypervisor_cpu(nil, 'x86_64', nil, nil, ['<cpu/>'])
    end
    assert_raise(TypeError) { @conn.baseline_hypervisor_cpu(nil, nil, nil, nil, '<cpu/>') }
    assert_libvirt_error(Libvirt::Error, 'virNetworkGetDHCPLeases', NO_SUPPORT) do
      @conn.lookup_network_by_name('default').dhcp_leases('aa:bb:cc:dd:ee:ff')
    end
    assert_libvirt_error(Libvirt::RetrieveError, 'virNodeDeviceLookupSCSIHostByWWN', NO_SUPPORT) do
      @conn.lookup_scsi_host_by_wwn('2000000000000001', '1000000000000001')
    end
    dev = @conn.lookup_nodedevice_by_name('computer')
    assert_libvirt_error(Libvirt::RetrieveError, 'virNodeDeviceLookupSCSIHostByWWN', NO_SUPPORT) do
      dev.lookup_scsi_host_by_wwn('2000000000000001', '1000000000000001')
    end
  end

  def test_secrets_unsupported
    assert_libvirt_error(Libvirt::DefinitionError, 'virSecretDefineXML', NO_SUPPORT) do
      @conn.define_secret_xml("<secret ephemeral='no' private='no'/>")
    end
    assert(Libvirt::Secret.method_defined?(:value=))
    assert(Libvirt::Secret.method_defined?(:get_value))
    assert(Libvirt::Secret.method_defined?(:usageid))
  end

  def test_migrate_optional_arguments
    assert_libvirt_error(Libvirt::Error, 'virDomainMigrateToURI2', 74) { @dom.migrate_to_uri2 }
    assert_libvirt_error(Libvirt::Error, 'virDomainMigrateToURI', 74) { @dom.migrate_to_uri('test:///x') }
    assert_libvirt_error(Libvirt::Error, 'virDomainMigrate3', NO_SUPPORT) { @dom.migrate3(@conn) }
  end
end

class TestObjectEvents < Test::Unit::TestCase
  include ErrorAsserts

  def setup
    @loop = RubyLoop.new
    @loop.register
    @conn = Libvirt.open('test:///default')
  end

  def teardown
    @conn.close
    Libvirt.event_register_impl
  end

  def names(args)
    args.map { |a| a.respond_to?(:name) && !a.is_a?(Symbol) ? a.name : a }
  end

  def test_network_lifecycle
    got = []
    net = @conn.lookup_network_by_name('default')
    id = @conn.network_event_register_any(Libvirt::Network::EVENT_ID_LIFECYCLE,
                                          proc { |c, n, ev, det, op| got << [c.class, n.class, n.name, ev, det, op] },
                                          net, :op)
    net.destroy
    net.create
    @loop.run_until { got.size >= 2 }
    assert_equal([[Libvirt::Connect, Libvirt::Network, 'default', Libvirt::Network::EVENT_STOPPED, 0, :op],
                  [Libvirt::Connect, Libvirt::Network, 'default', Libvirt::Network::EVENT_STARTED, 0, :op]], got)
    assert_nil(@conn.network_event_deregister_any(id))
    assert_libvirt_error(Libvirt::Error, 'virConnectNetworkEventDeregisterAny', INVALID_ARG) do
      @conn.network_event_deregister_any(id)
    end
  end

  def test_pool_refresh_and_device_events
    got = []
    pool = @conn.lookup_storage_pool_by_name('default-pool')
    id = @conn.storage_pool_event_register_any(Libvirt::StoragePool::EVENT_ID_REFRESH,
                                               proc { |*a| got << names(a) }, nil, 'o')
    pool.refresh
    @loop.run_until { got.size >= 1 }
    assert_equal([[@conn, 'default-pool', 'o']], got)
    assert_nil(@conn.storage_pool_event_deregister_any(id))
    dev_id = @conn.nodedevice_event_register_any(Libvirt::NodeDevice::EVENT_ID_LIFECYCLE, :puts)
    assert_kind_of(Integer, dev_id)
    @conn.nodedevice_event_deregister_any(dev_id)
  end

  def test_event_errors
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectSecretEventRegisterAny', NO_SUPPORT) do
      @conn.secret_event_register_any(Libvirt::Secret::EVENT_ID_LIFECYCLE, proc {})
    end
    e = assert_raise(ArgumentError) { @conn.network_event_register_any(5, proc {}) }
    assert_equal('invalid eventID argument 5', e.message)
    e = assert_raise(TypeError) { @conn.storage_pool_event_register_any(0, 5) }
    assert_equal('wrong argument type (expected Symbol or Proc)', e.message)
    assert_raise(TypeError) do
      @conn.network_event_register_any(0, proc {}, @conn.lookup_storage_pool_by_name('default-pool'))
    end
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectDomainQemuMonitorEventRegister', NO_SUPPORT) do
      @conn.domain_qemu_monitor_event_register(proc {}, nil, 'STOP')
    end
    Libvirt.event_register_impl
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectNetworkEventRegisterAny', 1, /event timer/) do
      @conn.network_event_register_any(0, proc {})
    end
  end

  def test_callback_exception_is_raised_by_the_loop
    id = @conn.storage_pool_event_register_any(Libvirt::StoragePool::EVENT_ID_REFRESH,
                                               proc { raise IOError, 'in the callback' })
    @conn.lookup_storage_pool_by_name('default-pool').refresh
    e = assert_raise(IOError) { @loop.run_until { false } }
    assert_equal('in the callback', e.message)
  ensure
    @conn.storage_pool_event_deregister_any(id) if id
  end

  def test_close_callback
    assert_nil(@conn.register_close_callback(proc { |_c, _reason, _op| }, 1))
    assert_nil(@conn.unregister_close_callback)
    assert_raise(TypeError) { @conn.register_close_callback(5) }
  end
end

class TestLoopAndStreams < Test::Unit::TestCase
  include ErrorAsserts

  def test_default_loop_timeout
    Libvirt.event_register_default_impl
    fired = []
    t = Libvirt.event_add_timeout(0, proc { |id, op| fired << [id, op] }, :x)
    assert_kind_of(Integer, t)
    Libvirt.event_run_default_impl
    assert_equal([[t, :x]], fired)
    assert_nil(Libvirt.event_update_timeout(t, -1))
    assert_nil(Libvirt.event_remove_timeout(t))
    r, w = IO.pipe
    seen = []
    h = Libvirt.event_add_handle(r.fileno, Libvirt::EVENT_HANDLE_READABLE,
                                 proc { |watch, fd, ev, op| seen << [watch, fd, ev, op]; r.read_nonblock(10) }, 'p')
    w.write('x')
    Libvirt.event_run_default_impl
    assert_equal([[h, r.fileno, Libvirt::EVENT_HANDLE_READABLE, 'p']], seen)
    assert_nil(Libvirt.event_remove_handle(h))
    assert_raise(TypeError) { Libvirt.event_add_timeout(0, 'not callable') }
  ensure
    r&.close
    w&.close
    Libvirt.event_register_impl
  end

  # With a loop written in Ruby, event_add_timeout goes through its
  # add_timeout proc and the loop fires the callback.
  def test_timeout_through_a_ruby_loop
    loop = RubyLoop.new
    loop.register
    fired = []
    t = Libvirt.event_add_timeout(0, proc { |id, op| fired << [id, op] }, :q)
    assert_equal([t], loop.timers.keys)
    loop.run_until { fired.size >= 1 }
    assert_equal([t, :q], fired[0])
    Libvirt.event_remove_timeout(t)
    assert_equal([], loop.timers.keys)
  ensure
    Libvirt.event_register_impl
  end

  def test_stream_calls
    conn = Libvirt.open('test:///default')
    dom = conn.lookup_domain_by_name('test')
    st = conn.stream
    assert_libvirt_error(Libvirt::RetrieveError, 'virStreamEventAddCallback', NO_SUPPORT) do
      st.event_add_callback(Libvirt::Stream::EVENT_READABLE, proc {})
    end
    e = assert_raise(TypeError) { st.event_add_callback(1, 5) }
    assert_equal('wrong argument type (expected Symbol or Proc)', e.message)
    dom.screenshot(st, 0)
    assert_libvirt_error(Libvirt::Error, 'virStreamRecvFlags', NO_SUPPORT) do
      st.recv(10, Libvirt::Stream::RECV_STOP_AT_HOLE)
    end
    st.abort
    st = conn.stream
    dom.screenshot(st, 0)
    assert_libvirt_error(Libvirt::Error, 'virStreamSparseRecvAll', NO_SUPPORT) do
      st.sparse_recvall(proc { |_len, _op| 0 }) { |d, _op| d.bytesize }
    end
    st.abort
    e = assert_raise(RuntimeError) { conn.stream.sparse_recvall(proc {}) }
    assert_equal('A block must be provided', e.message)
    assert_raise(TypeError) { conn.stream.sparse_recvall(5) { 0 } }
    assert_raise(TypeError) { conn.stream.sparse_sendall(proc {}, nil) { [0, ''] } }
  ensure
    conn&.close
  end
end

class TestRubyLibvirtShapes < Test::Unit::TestCase
  include ErrorAsserts

  def setup
    @conn = Libvirt.open('test:///default')
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @conn.close
  end

  UUID = /\A\h{8}-\h{4}-\h{4}-\h{4}-\h{12}\z/

  def test_uuids_are_printable
    [@dom, @conn.lookup_network_by_name('default'), @conn.lookup_storage_pool_by_name('default-pool')].each do |o|
      assert_match(UUID, o.uuid)
      assert_equal(16, o.raw_uuid.bytesize)
      assert_equal(o.uuid.delete('-'), o.raw_uuid.unpack1('H*'))
    end
  end

  def test_autostart_is_boolean
    net = @conn.lookup_network_by_name('default')
    assert_equal(false, net.autostart)
    net.autostart = true
    assert_equal([true, true], [net.autostart, net.autostart?])
    net.autostart = false
    assert_equal(false, @conn.lookup_storage_pool_by_name('default-pool').autostart)
  end

  def test_disk_errors_and_control_info
    assert_equal({ 'vda' => Libvirt::Domain::DISK_ERROR_UNSPEC }, @dom.disk_errors)
    assert_raise(TypeError) { @dom.disk_errors('x') }
    assert_equal(0, @dom.control_info.stateTime)
  end

  def test_list_errors_name_the_count_function
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectNumOfSecrets', NO_SUPPORT) { @conn.list_secrets }
  end
end

class TestRubyLibvirtResults < Test::Unit::TestCase
  include ErrorAsserts

  XML = "<domain type='test'><name>res</name><memory>131072</memory>" \
        "<vcpu>1</vcpu><os><type>hvm</type></os></domain>"

  def setup
    @conn = Libvirt.open('test:///default')
    @dom = @conn.define_domain_xml(XML)
    @dom.create
  end

  def teardown
    @dom.destroy if @dom.active?
    @dom.list_all_snapshots.each(&:delete)
    @dom.undefine
    @conn.close
  end

  def test_version_parts
    v = Libvirt.version[0]
    assert_equal(v.version, v.major * 1_000_000 + v.minor * 1000 + v.release)
    assert_equal("#{v.major}.#{v.minor}.#{v.release}", v.to_s)
  end

  def test_actions_return_nil
    assert_nil(@dom.inject_nmi)
    assert_nil(@dom.reset)
    assert_nil(@dom.send_process_signal(1, 0))
    assert_nil(@dom.managed_save)
    assert_nil(@dom.managed_save_remove)
    s = @dom.snapshot_create_xml('<domainsnapshot><name>r1</name></domainsnapshot>')
    assert_nil(s.parent)
    child = @dom.snapshot_create_xml('<domainsnapshot><name>r2</name></domainsnapshot>')
    assert_equal('r1', child.parent.name)
    assert_nil(child.delete)
    net = @conn.lookup_network_by_name('default')
    assert_equal([nil, nil], [net.destroy, net.create])
    pool = @conn.lookup_storage_pool_by_name('default-pool')
    assert_nil(pool.refresh)
  end

  def test_error_classes
    assert_libvirt_error(Libvirt::DefinitionError, 'virDomainSetMemory', INVALID_ARG) do
      @dom.memory = 999_999_999
    end
    assert_libvirt_error(Libvirt::DefinitionError, 'virDomainSetMaxMemory', 55) { @dom.max_memory = 1 }
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainSnapshotLookupByName', 72) do
      @dom.lookup_snapshot_by_name('nope')
    end
    assert_libvirt_error(Libvirt::RetrieveError, 'virConnectCompareCPU', NO_SUPPORT) { @conn.compare_cpu('<cpu/>') }
    assert_libvirt_error(Libvirt::DefinitionError, 'virNetworkDefineXML', nil) { @conn.define_network_xml('<n') }
    assert_libvirt_error(Libvirt::Error, 'virNetworkCreateXML', nil) { @conn.create_network_xml('<n') }
    assert_libvirt_error(Libvirt::Error, 'virDomainAbortJob', NO_SUPPORT) { @dom.abort_job }
    assert_libvirt_error(Libvirt::Error, 'virDomainBlockPull', NO_SUPPORT) { @dom.block_pull('vda') }
  end
end

class TestRubyLibvirtErrorClasses < Test::Unit::TestCase
  include ErrorAsserts

  def setup
    @conn = Libvirt.open('test:///default')
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @conn.close
  end

  def test_statistics_raise_retrieve_error
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainBlockStats', INVALID_ARG) { @dom.block_stats('nope') }
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainInterfaceStats', INVALID_ARG) { @dom.ifinfo('nope') }
    assert_libvirt_error(Libvirt::RetrieveError, 'virDomainMigrateGetMaxSpeed', NO_SUPPORT) { @dom.migrate_max_speed }
  end

  def test_xml_desc_raises_plain_error
    [@dom, @conn.lookup_network_by_name('default'), @conn.lookup_nodedevice_by_name('computer')].each do |o|
      e = assert_raise(Libvirt::Error) { o.xml_desc(1 << 20) }
      assert_instance_of(Libvirt::Error, e)
      assert_equal(INVALID_ARG, e.libvirt_code)
    end
  end
end
