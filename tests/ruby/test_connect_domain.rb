# Connections and domains through ruby-libvirt's API, on test:///default.
require 'test/unit'
require 'libvirt'

class TestConnectDomain < Test::Unit::TestCase
  URI = 'test:///default'

  DOMAIN_XML = <<~XML
    <domain type='test'>
      <name>rbtest</name>
      <memory unit='KiB'>131072</memory>
      <currentMemory unit='KiB'>131072</currentMemory>
      <vcpu>1</vcpu>
      <os><type arch='x86_64'>hvm</type></os>
    </domain>
  XML

  def setup
    @conn = Libvirt.open(URI)
  end

  # test:///default is shared by the whole process: leave it as found
  def teardown
    @conn = Libvirt.open(URI) if @conn.closed?
    begin
      d = @conn.lookup_domain_by_name('rbtest')
      d.destroy if d.active?
      d.undefine if d.persistent?
    rescue Libvirt::RetrieveError
      nil
    end
    @conn.close
  end

  def test_the_extension_is_virtkits
    assert_match(%r{bindings/ruby/virtkit\.so\z}, $LOADED_FEATURES.grep(/virtkit\.so/).first.to_s)
  end

  def test_open_and_close
    assert_instance_of(Libvirt::Connect, @conn)
    assert_equal(false, @conn.closed?)
    assert_equal('TEST', @conn.type)
    assert_equal(URI, @conn.uri)
    assert_kind_of(String, @conn.hostname)
    assert_kind_of(Integer, @conn.version)
    assert_kind_of(Integer, @conn.libversion)
    assert_match(/<capabilities>/, @conn.capabilities)
    assert_equal(Encoding::UTF_8, @conn.capabilities.encoding)
    assert_nil(@conn.close)
    assert_equal(true, @conn.closed?)
    e = assert_raise(ArgumentError) { @conn.type }
    assert_equal('Connect has been freed', e.message)
  end

  def test_open_read_only
    ro = Libvirt.open_read_only(URI)
    assert_equal(1, ro.num_of_domains)
    e = assert_raise(Libvirt::DefinitionError) { ro.define_domain_xml(DOMAIN_XML) }
    assert_equal('virDomainDefineXML', e.libvirt_function_name)
    assert_equal(29, e.libvirt_code) # VIR_ERR_OPERATION_DENIED
    ro.close
  end

  def test_open_failure
    e = assert_raise(Libvirt::ConnectionError) { Libvirt.open('nosuchdriver:///x') }
    assert_equal('virConnectOpen', e.libvirt_function_name)
    assert_match(/\ACall to virConnectOpen failed: /, e.message)
  end

  def test_version
    lib, drv = Libvirt.version('Test')
    assert_equal('libvirt', lib.type)
    assert_equal('Test', drv.type)
    assert_kind_of(Integer, lib.version)
  end

  def test_node_info
    ni = @conn.node_info
    assert_instance_of(Libvirt::Connect::Nodeinfo, ni)
    assert_equal('i686', ni.model)
    assert_equal(16, ni.cpus)
    assert_equal(3145728, ni.memory)
  end

  def test_lookups
    d = @conn.lookup_domain_by_name('test')
    assert_instance_of(Libvirt::Domain, d)
    assert_same(@conn, d.connection)
    assert_equal('test', d.name)
    assert_equal(1, d.id)
    assert_equal('linux', d.os_type)
    assert_equal(d.name, @conn.lookup_domain_by_id(1).name)
    assert_equal('test', @conn.lookup_domain_by_uuid(d.uuid).name)
    assert_match(/\A\h{8}-\h{4}-\h{4}-\h{4}-\h{12}\z/, d.uuid)
  end

  def test_lookup_errors
    e = assert_raise(Libvirt::RetrieveError) { @conn.lookup_domain_by_name('nope') }
    assert_equal('virDomainLookupByName', e.libvirt_function_name)
    assert_equal(42, e.libvirt_code)       # VIR_ERR_NO_DOMAIN
    assert_equal(12, e.libvirt_component)  # VIR_FROM_TEST
    assert_equal(2, e.libvirt_level)       # VIR_ERR_ERROR
    assert_equal('Domain not found', e.libvirt_message)
    assert_equal('Call to virDomainLookupByName failed: Domain not found', e.message)
    assert_kind_of(Libvirt::Error, e)
  end

  def test_argument_errors
    assert_raise(TypeError) { @conn.lookup_domain_by_name(nil) }
    assert_raise(TypeError) { @conn.lookup_domain_by_name(1) }
    assert_raise(TypeError) { @conn.lookup_domain_by_id('x') }
    assert_raise(ArgumentError) { @conn.lookup_domain_by_name }
    assert_raise(TypeError) { Libvirt::Domain.new }
    assert_raise(TypeError) { Libvirt::Virtkit.virDomainGetName(@conn) }
  end

  def test_lists
    assert_equal(1, @conn.num_of_domains)
    assert_equal([1], @conn.list_domains)
    assert_equal(0, @conn.num_of_defined_domains)
    assert_equal([], @conn.list_defined_domains)
    all = @conn.list_all_domains
    assert_equal(['test'], all.map(&:name))
    assert_same(@conn, all.first.connection)
    assert_equal([], @conn.list_all_domains(Libvirt::Connect::LIST_DOMAINS_INACTIVE))
  end

  def test_info_state_xml
    d = @conn.lookup_domain_by_name('test')
    info = d.info
    assert_instance_of(Libvirt::Domain::Info, info)
    assert_equal(Libvirt::Domain::RUNNING, info.state)
    assert_equal(8388608, info.max_mem)
    assert_equal(2, info.nr_virt_cpu)
    assert_kind_of(Integer, info.cpu_time)
    assert_equal([Libvirt::Domain::RUNNING, 0], d.state)
    assert_equal(8388608, d.max_memory)
    xml = d.xml_desc
    assert_match(%r{<name>test</name>}, xml)
    assert_equal(Encoding::UTF_8, xml.encoding)
    assert_equal(true, d.active?)
    assert_equal(true, d.persistent?)
    assert_equal(false, d.autostart)
  end

  def test_lifecycle
    d = @conn.define_domain_xml(DOMAIN_XML)
    assert_equal('rbtest', d.name)
    assert_equal(false, d.active?)
    assert_equal(['rbtest'], @conn.list_defined_domains)
    assert_nil(d.create)
    assert_equal(Libvirt::Domain::RUNNING, d.info.state)
    e = assert_raise(Libvirt::Error) { d.create }
    assert_equal('virDomainCreateWithFlags', e.libvirt_function_name)
    assert_equal(1, e.libvirt_code) # VIR_ERR_INTERNAL_ERROR, as libvirt's test driver
    assert_nil(d.suspend)
    assert_equal(Libvirt::Domain::PAUSED, d.state[0])
    assert_nil(d.resume)
    assert_equal(Libvirt::Domain::RUNNING, d.state[0])
    d.memory = 65536
    assert_equal(65536, d.info.memory)
    d.autostart = true
    assert_equal(true, d.autostart?)
    assert_nil(d.destroy)
    assert_equal(Libvirt::Domain::SHUTOFF, d.state[0])
    assert_nil(d.undefine)
    assert_raise(Libvirt::RetrieveError) { @conn.lookup_domain_by_name('rbtest') }
  end

  def test_create_transient
    d = @conn.create_domain_xml(DOMAIN_XML)
    assert_equal(true, d.active?)
    assert_equal(false, d.persistent?)
    d.destroy
    assert_raise(Libvirt::RetrieveError) { @conn.lookup_domain_by_name('rbtest') }
  end

  def test_define_error
    e = assert_raise(Libvirt::DefinitionError) { @conn.define_domain_xml('<bad') }
    assert_equal('virDomainDefineXML', e.libvirt_function_name)
  end

  def test_free
    d = @conn.lookup_domain_by_name('test')
    assert_nil(d.free)
    e = assert_raise(ArgumentError) { d.name }
    assert_equal('Domain has been freed', e.message)
  end

  def test_domain_after_close
    d = @conn.lookup_domain_by_name('test')
    @conn.close
    e = assert_raise(ArgumentError) { d.name }
    assert_equal('Connect has been freed', e.message)
  end

  def test_gc_keeps_connection
    d = Libvirt.open(URI).lookup_domain_by_name('test')
    GC.start
    assert_equal('test', d.name)
  end

  def test_constants
    assert_equal(1, Libvirt::Domain::RUNNING)
    assert_equal(5, Libvirt::Domain::SHUTOFF)
    assert_equal(1, Libvirt::Connect::LIST_DOMAINS_ACTIVE)
  end
end
