# Statistics, vCPU and emulator pinning, guest file systems, metadata,
# time, keys and the host's CPUs and memory, in ruby-libvirt's shapes, on
# test:///default (its running domain "test").
require 'test/unit'
require 'libvirt'

class TestStatsPinning < Test::Unit::TestCase
  URI = 'test:///default'

  INACTIVE_XML = <<~XML
    <domain type='test'>
      <name>rbstats</name>
      <memory unit='KiB'>131072</memory>
      <vcpu>2</vcpu>
      <os><type arch='x86_64'>hvm</type></os>
    </domain>
  XML

  def setup
    @conn = Libvirt.open(URI)
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    begin
      @conn.lookup_domain_by_name('rbstats').undefine
    rescue Libvirt::RetrieveError
      nil
    end
    all = (0...@conn.node_cpu_map.size).to_a
    @dom.pin_vcpu(0, all)
    @dom.pin_vcpu(1, all)
    @dom.pin_emulator(all)
    @conn.close
  end

  def inactive
    @inactive ||= @conn.define_domain_xml(INACTIVE_XML)
  end

  def assert_libvirt_error(klass, code, func)
    e = assert_raise(klass) { yield }
    assert_equal(klass, e.class)
    assert_equal(code, e.libvirt_code)
    assert_equal(func, e.libvirt_function_name)
    assert_match(/\ACall to #{func} failed: /, e.message)
  end

  def test_cpu_stats
    total = @dom.cpu_stats
    assert_equal(['all'], total.keys)
    assert_equal(%w[cpu_time system_time user_time], total['all'].keys.sort)
    assert(total['all'].values.all? { |v| v.is_a?(Integer) })
    assert_equal(total.keys, @dom.cpu_stats(-1, 1, 0).keys)
    per = @dom.cpu_stats(0, 1)
    assert_equal([0], per.keys)
    assert_equal(%w[cpu_time vcpu_time], per[0].keys.sort)
    assert_equal([0, 1], @dom.cpu_stats(0, 2).keys)
    assert_libvirt_error(Libvirt::RetrieveError, 55, 'virDomainGetCPUStats') { inactive.cpu_stats }
  end

  def test_memory_stats
    stats = @dom.memory_stats
    assert_operator(stats.size, :<=, 6)
    assert(stats.all? { |s| s.instance_of?(Libvirt::Domain::MemoryStats) })
    assert(stats.all? { |s| s.tag.is_a?(Integer) && s.instance_variable_get(:@val).is_a?(Integer) })
    assert_include(stats.map(&:tag), Libvirt::Domain::MemoryStats::ACTUAL_BALLOON)
    assert_libvirt_error(Libvirt::RetrieveError, 55, 'virDomainMemoryStats') { inactive.memory_stats }
  end

  def test_vcpus_and_pinning
    ncpus = @conn.node_cpu_map.size
    v = @dom.vcpus
    assert_equal([0, 1], v.map(&:number))
    assert(v.all? { |x| x.instance_of?(Libvirt::Domain::VCPUInfo) })
    assert_equal(Libvirt::Domain::VCPUInfo::RUNNING, v[0].state)
    assert_kind_of(Integer, v[0].cpu_time)
    assert_kind_of(Integer, v[0].cpu)
    assert_equal(ncpus, v[0].cpumap.size)
    assert_nil(@dom.pin_vcpu(0, [0, 2]))
    expect = Array.new(ncpus) { |i| [0, 2].include?(i) }
    assert_equal(expect, @dom.vcpus[0].cpumap)
    assert_nil(@dom.pin_vcpu(1, [1], 0))
    assert_equal(Array.new(ncpus) { |i| i == 1 }, @dom.vcpus[1].cpumap)
    assert_raise(TypeError) { @dom.pin_vcpu(0, 'x') }
    assert_raise(TypeError) { @dom.pin_vcpu(0, [true]) }
    assert_libvirt_error(Libvirt::Error, 55, 'virDomainPinVcpuFlags') { inactive.pin_vcpu(0, [0]) }
    # an inactive domain: its pinning only
    iv = inactive.vcpus
    assert_equal([0, 1], iv.map(&:number))
    assert_equal([true] * ncpus, iv[0].cpumap)
  end

  def test_emulator_pinning
    ncpus = @conn.node_cpu_map.size
    assert_equal(ncpus, @dom.emulator_pin_info.size)
    assert_nil(@dom.pin_emulator([1, 3]))
    assert_equal(Array.new(ncpus) { |i| [1, 3].include?(i) }, @dom.emulator_pin_info)
    assert_equal(@dom.emulator_pin_info, @dom.emulator_pin_info(0))
    assert_raise(TypeError) { @dom.pin_emulator([true]) }
  end

  def test_fs
    info = @dom.fs_info
    assert_kind_of(Array, info)
    info.each { |h| assert_equal(%w[aliases fstype mountpoint name], h.keys.sort) }
    assert_kind_of(Integer, @dom.fs_freeze)
    assert_kind_of(Integer, @dom.fs_thaw)
    assert_kind_of(Integer, @dom.fs_freeze(['/']))
    assert_kind_of(Integer, @dom.fs_thaw(['/'], 0))
    assert_raise(TypeError) { @dom.fs_freeze('/') }
    assert_libvirt_error(Libvirt::RetrieveError, 55, 'virDomainFSFreeze') { inactive.fs_freeze }
    assert_libvirt_error(Libvirt::Error, 55, 'virDomainGetFSInfo') { inactive.fs_info }
  end

  def test_metadata
    @dom.metadata = [Libvirt::Domain::METADATA_DESCRIPTION, 'hello', nil, nil, 0]
    assert_equal('hello', @dom.metadata(Libvirt::Domain::METADATA_DESCRIPTION))
    @dom.metadata = [Libvirt::Domain::METADATA_ELEMENT, '<foo/>', 'k', 'http://example.org/rb/']
    assert_equal('<foo/>', @dom.metadata(Libvirt::Domain::METADATA_ELEMENT, 'http://example.org/rb/'))
    assert_libvirt_error(Libvirt::Error, 80, 'virDomainGetMetadata') do
      inactive.metadata(Libvirt::Domain::METADATA_TITLE)
    end
    assert_raise(ArgumentError) { @dom.metadata = [1] }
    assert_raise(TypeError) { @dom.metadata = 'x' }
  end

  def test_time
    t = @dom.time
    assert_equal(%w[nseconds seconds], t.keys.sort)
    @dom.time = [{ 'seconds' => 5, 'nseconds' => 6 }, 0]
    assert_raise(TypeError) { @dom.time = { 'seconds' => 5 } }
    assert_libvirt_error(Libvirt::Error, 55, 'virDomainGetTime') { inactive.time }
  end

  def test_send_key
    assert_nil(@dom.send_key(Libvirt::Domain::KEYCODE_SET_LINUX, 100, [1, 2]))
    assert_raise(ArgumentError) { @dom.send_key(0, 100, [1] * 17) }
    assert_libvirt_error(Libvirt::Error, 55, 'virDomainSendKey') { inactive.send_key(0, 100, [1]) }
  end

  def test_node_stats
    cpu = @conn.node_cpu_stats
    assert_equal(%w[idle iowait kernel user], cpu.keys.sort)
    assert_equal(cpu.keys, @conn.node_cpu_stats(0).keys)
    assert_equal(cpu.keys, @conn.node_cpu_stats(-1, 0).keys)
    begin
      mem = @conn.node_memory_stats
      assert_kind_of(Hash, mem)
    rescue Libvirt::RetrieveError => e
      assert_equal('virNodeGetMemoryStats', e.libvirt_function_name)
    end
  end

  def test_cells_free_memory
    all = @conn.node_cells_free_memory
    assert_equal(@conn.node_info.nodes, all.size)
    assert(all.all? { |x| x.is_a?(Integer) })
    assert_equal(all[0, 1], @conn.node_cells_free_memory(0, 1))
    assert_equal(all[1..], @conn.node_cells_free_memory(1))
  end

  def test_cpu_model_names
    names = @conn.cpu_model_names('x86_64')
    assert_include(names, 'qemu64')
    assert_equal(names.size, @conn.cpu_model_names('x86_64', 0).size)
    assert_libvirt_error(Libvirt::RetrieveError, 8, 'virConnectGetCPUModelNames') { @conn.cpu_model_names('nope') }
  end

  def test_node_cpu_map
    map = @conn.node_cpu_map
    assert_equal((0...map.size).map(&:to_s), map.keys)
    assert(map.values.all? { |v| [true, false].include?(v) })
  end

  def test_storage_info_classes
    pool = @conn.list_all_storage_pools.first
    i = pool.info
    assert_instance_of(Libvirt::StoragePoolInfo, i)
    assert_kind_of(Integer, i.state)
    assert_kind_of(Integer, i.capacity)
    assert_kind_of(Integer, i.allocation)
    assert_kind_of(Integer, i.available)
    vol = pool.create_vol_xml("<volume><name>rbinfo.img</name><capacity>1000</capacity></volume>")
    begin
      vi = vol.info
      assert_instance_of(Libvirt::StorageVolInfo, vi)
      assert_equal(1000, vi.capacity)
      assert_kind_of(Integer, vi.type)
      assert_kind_of(Integer, vi.allocation)
    ensure
      vol.delete
    end
  end

  def test_node_free_pages
    h = @conn.node_free_pages([4, 2048], { 'startCell' => 0, 'cellCount' => 1 })
    assert_equal([4, 2048], h.keys)
    assert(h.values.all? { |v| v.is_a?(Integer) })
    assert_equal(h.keys, @conn.node_free_pages([4, 2048], { 'startCell' => 0, 'cellCount' => 2 }, 0).keys)
    assert_raise(TypeError) { @conn.node_free_pages([4], 0) }
    assert_raise(TypeError) { @conn.node_free_pages([4], { 'startCell' => 0 }) }
    assert_libvirt_error(Libvirt::Error, 8, 'virNodeGetFreePages') do
      @conn.node_free_pages([], { 'startCell' => 0, 'cellCount' => 1 })
    end
  end

  def test_pool_volume_names
    pool = @conn.list_all_storage_pools.first
    assert_include([true, false], pool.autostart?)
    vol = pool.create_vol_xml("<volume><name>rbnames.img</name><capacity>1000</capacity></volume>")
    begin
      assert_equal(vol.name, pool.lookup_volume_by_name('rbnames.img').name)
      assert_equal(vol.name, pool.lookup_volume_by_key(vol.key).name)
      assert_equal(vol.name, pool.lookup_volume_by_path(vol.path).name)
      assert_equal(pool.name, vol.pool.name)
      clone = pool.create_vol_xml_from("<volume><name>rbclone.img</name><capacity>1000</capacity></volume>", vol)
      assert_equal('rbclone.img', clone.name)
      clone.delete
    ensure
      vol.delete
    end
    assert_include([true, false], @conn.list_all_networks.first.autostart?)
  end

  def test_peek
    mem = @dom.memory_peek(0, 16)
    assert_equal(16, mem.bytesize)
    assert_equal(mem, @dom.memory_peek(0, 16, Libvirt::Domain::MEMORY_VIRTUAL))
    assert_equal(16, @dom.memory_peek(0, 16, Libvirt::Domain::MEMORY_PHYSICAL).bytesize)
    begin
      assert_equal(16, @dom.block_peek('vda', 0, 16).bytesize)
    rescue Libvirt::RetrieveError => e
      assert_equal('virDomainBlockPeek', e.libvirt_function_name)
    end
    assert_raise(TypeError) { @dom.block_peek(nil, 0, 16) }
  end

  def test_block_stats_flags
    h = @dom.block_stats_flags('vda')
    assert_kind_of(Hash, h)
  rescue Libvirt::Error => e
    assert_equal(Libvirt::RetrieveError, e.class)
    assert_equal('virDomainBlockStatsFlags', e.libvirt_function_name)
  end

  def test_baseline_cpu
    cpu = "<cpu><arch>x86_64</arch><model>Penryn</model></cpu>"
    begin
      assert_match(/Penryn/, @conn.baseline_cpu([cpu, cpu], 0))
    rescue Libvirt::RetrieveError => e
      assert_equal('virConnectBaselineCPU', e.libvirt_function_name)
    end
    assert_raise(TypeError) { @conn.baseline_cpu(cpu) }
  end
end
