# Typed parameters as Hashes, and the methods ruby-libvirt names its own
# way, on test:///default (the values are the test driver's, as with
# ruby-libvirt over libvirt's).
require 'test/unit'
require 'libvirt'

class TestParamsNames < Test::Unit::TestCase
  URI = 'test:///default'

  def setup
    @conn = Libvirt.open(URI)
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @conn.close
  end

  def test_scheduler
    assert_equal(['fair', 1], @dom.scheduler_type)
    params = @dom.scheduler_parameters
    assert_equal(['weight'], params.keys)
    assert_kind_of(Integer, params['weight'])
    assert_equal(params, @dom.scheduler_parameters(0))
    assert_nothing_raised { @dom.scheduler_parameters = { 'weight' => 100 } }
    assert_nothing_raised { @dom.scheduler_parameters = [{ 'weight' => 100 }, 0] }
  end

  def test_typed_parameter_errors
    e = assert_raise(ArgumentError) { @dom.scheduler_parameters = { 'bogus' => 1 } }
    assert_equal('Unknown key bogus', e.message)
    assert_raise(TypeError) { @dom.scheduler_parameters = { 'weight' => 'x' } }
    assert_raise(TypeError) { @dom.scheduler_parameters = { weight: 3 } }
    assert_raise(TypeError) { @dom.memory_parameters = 5 }
  end

  def test_memory_parameters
    params = @dom.memory_parameters
    assert_equal(%w[hard_limit soft_limit swap_hard_limit], params.keys)
    @dom.memory_parameters = { 'hard_limit' => 1_000_000 }
    assert_equal(1_000_000, @dom.memory_parameters['hard_limit'])
    @dom.memory_parameters = [{ 'hard_limit' => params['hard_limit'] }, 0]
    assert_equal(params, @dom.memory_parameters)
  end

  def test_blkio_parameters
    params = @dom.blkio_parameters
    assert_equal('', params['device_weight'])
    @dom.blkio_parameters = { 'weight' => 500 }
    assert_equal(500, @dom.blkio_parameters['weight'])
    @dom.blkio_parameters = { 'weight' => params['weight'] }
  end

  def test_numa_interface_iotune
    assert_equal({ 'numa_mode' => 0, 'numa_nodeset' => '' }, @dom.numa_parameters)
    ifp = @dom.interface_parameters('testnet0')
    assert_equal(0, ifp['inbound.average'])
    assert_equal(7, ifp.size)
    io = @dom.block_iotune('vda')
    assert_equal(0, io['total_bytes_sec'])
    assert_equal('', io['group_name'])
    e = assert_raise(Libvirt::Error) { @dom.block_iotune = ['vda', { 'total_bytes_sec' => 10 }] }
    assert_match(/cannot be set higher than total_bytes_sec_max/, e.message)
    @dom.interface_parameters = ['testnet0', { 'inbound.average' => 0 }]
  end

  def test_node_memory_parameters_unsupported
    e = assert_raise(Libvirt::RetrieveError) { @conn.node_memory_parameters }
    assert_equal('virNodeGetMemoryParameters', e.libvirt_function_name)
  end

  def test_info_objects
    bs = @dom.block_stats('vda')
    assert_instance_of(Libvirt::Domain::BlockStats, bs)
    assert_kind_of(Integer, bs.rd_req)
    ii = @dom.ifinfo('testnet0')
    assert_instance_of(Libvirt::Domain::InterfaceInfo, ii)
    assert_kind_of(Integer, ii.rx_bytes)
    bi = @dom.blockinfo('vda')
    assert_instance_of(Libvirt::Domain::BlockInfo, bi)
    assert_equal(1_099_511_627_776, bi.physical)
    sm = @conn.node_security_model
    assert_instance_of(Libvirt::Connect::NodeSecurityModel, sm)
    assert_equal('testSecurity', sm.model)
  end

  def test_connect_names
    assert_match(/<sysinfo/, @conn.sys_info)
    assert_equal(4, @conn.num_of_nodedevices)
    assert_equal(%w[computer scsi_host1 scsi_host11 scsi_host2], @conn.list_nodedevices.sort)
    assert_instance_of(Libvirt::Stream, @conn.stream)
    assert_instance_of(Libvirt::Interface, @conn.lookup_interface_by_mac('aa:bb:cc:dd:ee:ff'))
  end

  def test_domain_names
    assert_equal([], @dom.list_snapshots)
    assert_equal(0, @dom.num_of_snapshots)
    assert_equal(false, @dom.has_managed_save?)
    assert_equal(2, @dom.num_vcpus(0))
    e = assert_raise(Libvirt::RetrieveError) { @dom.current_snapshot }
    assert_equal('virDomainSnapshotCurrent', e.libvirt_function_name)
  end

  def test_restore_from_a_missing_file
    e = assert_raise(Libvirt::Error) { Libvirt::Domain.restore(@conn, '/nonexistent/image') }
    assert_equal('virDomainRestore', e.libvirt_function_name)
  end
end
