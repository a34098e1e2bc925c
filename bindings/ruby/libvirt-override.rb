# libvirt-override.rb: the hand-written half of virtkit's Ruby layer.
#
# libvirt.rb is generated from api.xml (generator/virtkit_gen/emit_ruby.py)
# and this file is pasted at its end.  It reopens the generated classes
# where ruby-libvirt departs from the naming and conversion rules: module
# functions (Libvirt::open …), explicit release (close, free), booleans,
# the info classes ruby-libvirt names its own way, and methods that call a
# different C function than the rule would pick.  Everything here goes
# through Libvirt::Virtkit, the SWIG extension, which runs each C call
# without the GVL.

module Libvirt
  # ---- module functions ----

  # A read-write connection to URI (nil: the default one).
  def self.open(uri = nil)
    Virtkit.virConnectOpen(uri)
  end

  # A read-only connection to URI (nil: the default one).
  def self.open_read_only(uri = nil)
    Virtkit.virConnectOpenReadOnly(uri)
  end

  # The library's version and, when TYPE names a driver, that driver's, as
  # two Libvirt::Version objects.
  def self.version(type = nil)
    lib, typever = Virtkit.virGetVersion(type)
    [Version.__vk_new('libvirt', lib), Version.__vk_new(type, typever)]
  end

  # A library or driver version (Libvirt::version).
  class Version
    attr_reader :type, :version

    def self.__vk_new(type, version)
      obj = allocate
      obj.instance_variable_set(:@type, type)
      obj.instance_variable_set(:@version, version)
      obj
    end
  end

  # ---- connections ----

  class Connect
    # Close the connection; every later call on it, or on the handles
    # reached through it, raises ArgumentError.
    def close
      Virtkit.release(self)
    end

    def closed?
      Virtkit.released?(self)
    end

    def libversion
      Virtkit.virConnectGetLibVersion(self)
    end

    # Host information, as a Libvirt::Connect::Nodeinfo.
    def node_info
      Nodeinfo.__vk_new(Virtkit.virNodeGetInfo(self))
    end
    alias node_get_info node_info

    # ruby-libvirt calls the flag-less function unless flags are given.
    def define_domain_xml(xml, flags = 0)
      if flags.nil? || flags.zero?
        Virtkit.virDomainDefineXML(self, xml)
      else
        Virtkit.virDomainDefineXMLFlags(self, xml, flags)
      end
    end

    # Lookups by UUID take the printable form.
    def lookup_domain_by_uuid(uuid)
      Virtkit.virDomainLookupByUUIDString(self, uuid)
    end

    def lookup_network_by_uuid(uuid)
      Virtkit.virNetworkLookupByUUIDString(self, uuid)
    end

    def lookup_storage_pool_by_uuid(uuid)
      Virtkit.virStoragePoolLookupByUUIDString(self, uuid)
    end

    def lookup_secret_by_uuid(uuid)
      Virtkit.virSecretLookupByUUIDString(self, uuid)
    end

    def lookup_nwfilter_by_uuid(uuid)
      Virtkit.virNWFilterLookupByUUIDString(self, uuid)
    end

    def interface_change_begin(flags = 0)
      Virtkit.virInterfaceChangeBegin(self, flags)
    end

    def interface_change_commit(flags = 0)
      Virtkit.virInterfaceChangeCommit(self, flags)
    end

    def interface_change_rollback(flags = 0)
      Virtkit.virInterfaceChangeRollback(self, flags)
    end

    # Host information (virNodeGetInfo), ruby-libvirt's class name.
    class Nodeinfo
      attr_reader :model, :memory, :cpus, :mhz, :nodes, :sockets, :cores, :threads

      FIELDS__ = %i[@model @memory @cpus @mhz @nodes @sockets @cores @threads].freeze
      private_constant :FIELDS__

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, FIELDS__, raw)
      end
    end
  end

  # ---- domains ----

  class Domain
    # The connection this domain was reached through.
    attr_reader :connection

    # Drop the handle now; later calls on it raise ArgumentError.
    def free
      Virtkit.release(self)
    end

    def autostart
      Virtkit.virDomainGetAutostart(self) != 0
    end
    alias autostart? autostart


    # Restore a domain saved to FROM (ruby-libvirt's class method).
    def self.restore(conn, from)
      Virtkit.virDomainRestore(conn, from)
      nil
    end

    # Actions return nil, as in ruby-libvirt.
    %i[create destroy suspend resume shutdown reboot undefine].each do |m|
      raw = instance_method(m)
      define_method(m) do |*args|
        raw.bind(self).call(*args)
        nil
      end
    end
  end

  # The other handles: release and their connection, as Domain has them.
  [Network, Interface, StoragePool, StorageVol, NodeDevice, Secret,
   NWFilter, Stream, Domain::Snapshot].each do |klass|
    klass.class_eval do
      attr_reader :connection

      def free
        Virtkit.release(self)
      end
    end
  end
end

# ---- typed parameters ----
#
# Getters return a Hash {name => value}; setters take a Hash, or an Array
# with the Hash and the flags (the value of an attribute writer being one
# object), as ruby-libvirt does.  The types sent are those the library
# reported for the same names (ArgumentError for a name it does not know).
module Libvirt
  # CURRENT (a Hash a getter returned) and NEW as [name, type, value].
  def self.__vk_typed(current, new)
    raise TypeError, "wrong argument type #{new.class} (expected Hash)" unless new.is_a?(Hash)
    types = current.instance_variable_get(:@__vk_types) || {}
    new.map do |k, v|
      key = String.try_convert(k) or
        raise TypeError, "no implicit conversion of #{k.class} into String"
      type = types[key] or raise ArgumentError, "Unknown key #{key}"
      [key, type, v]
    end
  end

  # [hash, flags] or hash -> [hash, flags]
  def self.__vk_hash_flags(value)
    if value.is_a?(Array)
      raise ArgumentError, "wrong number of arguments (#{value.size} for 1 or 2)" unless (1..2).cover?(value.size)
      [value[0], value[1] || 0]
    else
      [value, 0]
    end
  end

  # [dev, hash, flags] or [dev, hash] -> [dev, hash, flags]
  def self.__vk_dev_hash_flags(value)
    unless value.is_a?(Array) && (2..3).cover?(value.size)
      raise ArgumentError, 'wrong number of arguments (expected [device, hash] or [device, hash, flags])'
    end
    [value[0], value[1], value[2] || 0]
  end

  class Domain
    def scheduler_parameters(flags = 0)
      _type, n = Virtkit.virDomainGetSchedulerType(self)
      return {} if n.zero?
      if flags.nil? || flags.zero?
        Virtkit.virDomainGetSchedulerParameters(self, n)
      else
        Virtkit.virDomainGetSchedulerParametersFlags(self, n, flags)
      end
    end

    def scheduler_parameters=(value)
      hash, flags = Libvirt.__vk_hash_flags(value)
      params = Libvirt.__vk_typed(scheduler_parameters(flags), hash)
      if flags.nil? || flags.zero?
        Virtkit.virDomainSetSchedulerParameters(self, params)
      else
        Virtkit.virDomainSetSchedulerParametersFlags(self, params, flags)
      end
    end

    { memory: 'Memory', blkio: 'Blkio', numa: 'Numa' }.each do |name, c|
      getter = :"virDomainGet#{c}Parameters"
      setter = :"virDomainSet#{c}Parameters"
      define_method(:"#{name}_parameters") do |flags = 0|
        Virtkit.send(getter, self, flags)
      end
      define_method(:"#{name}_parameters=") do |value|
        hash, flags = Libvirt.__vk_hash_flags(value)
        Virtkit.send(setter, self, Libvirt.__vk_typed(Virtkit.send(getter, self, flags), hash), flags)
      end
    end

    def interface_parameters(device, flags = 0)
      Virtkit.virDomainGetInterfaceParameters(self, device, flags)
    end

    def interface_parameters=(value)
      dev, hash, flags = Libvirt.__vk_dev_hash_flags(value)
      params = Libvirt.__vk_typed(interface_parameters(dev, flags), hash)
      Virtkit.virDomainSetInterfaceParameters(self, dev, params, flags)
    end

    def block_iotune(disk = nil, flags = 0)
      Virtkit.virDomainGetBlockIoTune(self, disk, flags)
    end

    def block_iotune=(value)
      disk, hash, flags = Libvirt.__vk_dev_hash_flags(value)
      params = Libvirt.__vk_typed(block_iotune(disk, flags), hash)
      Virtkit.virDomainSetBlockIoTune(self, disk, params, flags)
    end
  end

  class Connect
    def node_memory_parameters(flags = 0)
      Virtkit.virNodeGetMemoryParameters(self, flags)
    end

    def node_memory_parameters=(value)
      hash, flags = Libvirt.__vk_hash_flags(value)
      params = Libvirt.__vk_typed(node_memory_parameters(flags), hash)
      Virtkit.virNodeSetMemoryParameters(self, params, flags)
    end
  end
end

# ---- ruby-libvirt's names where the rules give another ----
module Libvirt
  class Connect
    # Security model of the host (virNodeGetSecurityModel).
    class NodeSecurityModel
      attr_reader :model, :doi

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, %i[@model @doi], raw)
      end
    end

    def node_security_model
      NodeSecurityModel.__vk_new(Virtkit.virNodeGetSecurityModel(self))
    end
    alias node_get_security_model node_security_model

    def discover_storage_pool_sources(type, src_spec = nil, flags = 0)
      Virtkit.virConnectFindStoragePoolSources(self, type, src_spec, flags)
    end

    def num_of_nodedevices(cap = nil, flags = 0)
      Virtkit.virNodeNumOfDevices(self, cap, flags)
    end

    # Names of the host devices (with CAP, those having that capability).
    def list_nodedevices(cap = nil, flags = 0)
      Virtkit.list_names(2, self, cap, flags)
    end

    def set_keepalive(interval, count)
      Virtkit.virConnectSetKeepAlive(self, interval, count)
    end

    # [interval, count]
    def keepalive=(value)
      raise TypeError, "wrong argument type #{value.class} (expected Array)" unless value.is_a?(Array)
      raise ArgumentError, "wrong number of arguments (#{value.size} for 2)" unless value.size == 2
      set_keepalive(value[0], value[1])
    end

    def sys_info(flags = 0)
      Virtkit.virConnectGetSysinfo(self, flags)
    end

    def save_image_xml_desc(file, flags = 0)
      Virtkit.virDomainSaveImageGetXMLDesc(self, file, flags)
    end

    def define_save_image_xml(file, newxml, flags = 0)
      Virtkit.virDomainSaveImageDefineXML(self, file, newxml, flags)
      nil
    end

    def stream(flags = 0)
      Virtkit.virStreamNew(self, flags)
    end

    def lookup_interface_by_mac(mac)
      Virtkit.virInterfaceLookupByMACString(self, mac)
    end
  end

  class Domain
    # Interface counters (virDomainInterfaceStats), ruby-libvirt's class.
    class InterfaceInfo
      FIELDS__ = %i[rx_bytes rx_packets rx_errs rx_drop tx_bytes tx_packets tx_errs tx_drop].freeze
      private_constant :FIELDS__
      attr_reader(*FIELDS__)

      def self.__vk_new(stats)
        Libvirt.__vk_info(self, FIELDS__.map { |f| :"@#{f}" }, FIELDS__.map { |f| stats.send(f) })
      end
    end

    def blockinfo(path, flags = 0)
      BlockInfo.__vk_new(Virtkit.virDomainGetBlockInfo(self, path, flags))
    end

    def block_stats(path)
      BlockStats.__vk_new(Virtkit.virDomainBlockStats(self, path))
    end

    def ifinfo(iface)
      InterfaceInfo.__vk_new(interface_stats(iface))
    end

    def current_snapshot(flags = 0)
      Virtkit.virDomainSnapshotCurrent(self, flags)
    end

    def num_of_snapshots(flags = 0)
      Virtkit.virDomainSnapshotNum(self, flags)
    end

    def list_snapshots(flags = 0)
      Virtkit.list_names(0, self, nil, flags)
    end

    def lookup_snapshot_by_name(name, flags = 0)
      Virtkit.virDomainSnapshotLookupByName(self, name, flags)
    end

    def has_managed_save?(flags = 0)
      Virtkit.virDomainHasManagedSaveImage(self, flags) != 0
    end

    def revert_to_snapshot(snapshot, flags = 0)
      Virtkit.virDomainRevertToSnapshot(snapshot, flags)
      nil
    end

    def num_vcpus(flags)
      Virtkit.virDomainGetVcpusFlags(self, flags)
    end

    def vcpus_flags=(value)
      n, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      Virtkit.virDomainSetVcpusFlags(self, n, flags)
    end

    def migrate_max_speed(flags = 0)
      Virtkit.virDomainMigrateGetMaxSpeed(self, flags)
    end

    def migrate_max_speed=(value)
      speed, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      Virtkit.virDomainMigrateSetMaxSpeed(self, speed, flags)
    end

    def migrate_max_downtime=(value)
      downtime, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      Virtkit.virDomainMigrateSetMaxDowntime(self, downtime, flags)
    end

    def migrate_compression_cache(flags = 0)
      Virtkit.virDomainMigrateGetCompressionCache(self, flags)
    end

    def migrate_compression_cache=(value)
      size, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      Virtkit.virDomainMigrateSetCompressionCache(self, size, flags)
    end

    def memory_stats_period=(value)
      period, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      Virtkit.virDomainSetMemoryStatsPeriod(self, period, flags)
    end

    # [user, password] or [user, password, flags]
    def user_password=(value)
      user, password, flags = value
      Virtkit.virDomainSetUserPassword(self, user, password, flags || 0)
    end

    # [disk, bandwidth] or [disk, bandwidth, flags]
    def block_job_speed=(value)
      disk, bandwidth, flags = value
      Virtkit.virDomainBlockJobSetSpeed(self, disk, bandwidth, flags || 0)
    end

    def update_device(xml, flags = 0)
      Virtkit.virDomainUpdateDeviceFlags(self, xml, flags)
      nil
    end

    def fstrim(mountpoint = nil, minimum = 0, flags = 0)
      Virtkit.virDomainFSTrim(self, mountpoint, minimum, flags)
      nil
    end

    def pmsuspend_for_duration(target, duration, flags = 0)
      Virtkit.virDomainPMSuspendForDuration(self, target, duration, flags)
      nil
    end

    def pmwakeup(flags = 0)
      Virtkit.virDomainPMWakeup(self, flags)
      nil
    end
  end

  class Domain::Snapshot
    def list_children_names(flags = 0)
      Virtkit.list_names(1, self, nil, flags)
    end
  end
end

# ---- callbacks: authentication, the event loop, domain events, streams ----
#
# The C side (libvirt-override.i) calls these blocks and procs with the GVL
# held; an exception they raise is raised again from the call that ran them.
module Libvirt
  # ruby-libvirt has the credential and event-handle constants on the module.
  Connect.constants.grep(/\A(CRED_|EVENT_HANDLE_)/).each do |c|
    const_set(c, Connect.const_get(c))
  end

  # ... and the domain event constants on Connect, as DOMAIN_EVENT_*.
  Domain.constants.grep(/\AEVENT_/).each do |c|
    Connect.const_set(:"DOMAIN_#{c}", Domain.const_get(c)) unless Connect.const_defined?(:"DOMAIN_#{c}", false)
  end

  # A connection asking for credentials: the block gets a Hash per
  # credential ('type', 'prompt', 'challenge', 'defresult', 'result',
  # 'userdata') and returns the answer (a String, or nil for none).
  # Without a block, the prompts are asked on the terminal.
  def self.open_auth(uri = nil, credlist = nil, userdata = nil, flags = 0, &block)
    unless block
      credlist = constants.grep(/\ACRED_/).map { |c| const_get(c) }.sort
      block = method(:__vk_prompt)
    end
    Virtkit.open_auth(uri, credlist, userdata, flags, block)
  end

  def self.__vk_prompt(cred)
    $stdout.print("#{cred['prompt']}: ")
    $stdout.flush
    secret = [CRED_PASSPHRASE, CRED_NOECHOPROMPT].include?(cred['type'])
    line = if secret && $stdin.tty?
             require 'io/console'
             $stdin.noecho(&:gets).tap { $stdout.puts }
           else
             $stdin.gets
           end
    (line || "").chomp
  end
  private_class_method :__vk_prompt

  # The application's event loop: six Procs (or Symbols naming methods).
  #   add_handle(fd, events, opaque) -> watch    update_handle(watch, events)
  #   remove_handle(watch) -> opaque             add_timeout(interval, opaque) -> timer
  #   update_timeout(timer, interval)            remove_timeout(timer) -> opaque
  # The loop calls event_invoke_handle_callback / event_invoke_timeout_callback
  # with the opaque it was given.  No arguments: unregister.
  def self.event_register_impl(add_handle = nil, update_handle = nil, remove_handle = nil,
                               add_timeout = nil, update_timeout = nil, remove_timeout = nil)
    Virtkit.event_register_impl([add_handle, update_handle, remove_handle,
                                 add_timeout, update_timeout, remove_timeout])
  end

  def self.event_invoke_handle_callback(watch, fd, events, opaque)
    Virtkit.event_invoke_handle_callback(watch, fd, events, opaque)
  end

  def self.event_invoke_timeout_callback(timer, opaque)
    Virtkit.event_invoke_timeout_callback(timer, opaque)
  end

  class Connect
    # CALLBACK (a Proc or a Symbol) gets (conn, dom, …the event's values…,
    # opaque); returns the callback ID.
    def domain_event_register_any(event_id, callback, dom = nil, opaque = nil)
      raise TypeError, 'no implicit conversion from nil to integer' if event_id.nil?
      Virtkit.domain_event_register(self, event_id, callback, dom, opaque)
    end

    def domain_event_deregister_any(callback_id)
      raise TypeError, 'no implicit conversion from nil to integer' if callback_id.nil?
      Virtkit.domain_event_deregister(self, callback_id)
    end

    # The old interface: lifecycle events, (conn, dom, event, detail, opaque).
    def domain_event_register(callback, opaque = nil)
      Virtkit.domain_event_register(self, nil, callback, nil, opaque)
    end

    def domain_event_deregister
      Virtkit.domain_event_deregister(self, nil)
    end
  end

  class Stream
    # Sends DATA; the number of bytes sent (-2: a non-blocking stream is full).
    def send(data)
      Virtkit.stream_send(self, data)
    end

    # [bytes received (0: end, -2: nothing yet, -3: a hole comes first
    # with Stream::RECV_STOP_AT_HOLE), the data]
    def recv(bytes, flags = 0)
      Virtkit.stream_recv(self, bytes, flags)
    end

    # Every byte up to the end: the block gets (data, opaque) and returns
    # how many it took (negative: abort).
    def recvall(opaque = nil, &block)
      raise 'A block must be provided' unless block
      Virtkit.stream_all(self, block, opaque, false, nil, nil)
    end

    # The block gets (opaque, nbytes) and returns [0, data] (data empty at
    # the end) or [negative, nil] to abort.
    def sendall(opaque = nil, &block)
      raise 'A block must be provided' unless block
      Virtkit.stream_all(self, block, opaque, true, nil, nil)
    end

    # recvall for sparse streams: HOLE_HANDLER gets (length, opaque) for
    # each hole and returns 0 (negative: abort).  virtkit's name, after
    # libvirt-python's sparseRecvAll (ruby-libvirt has none).
    def sparse_recvall(hole_handler, opaque = nil, &block)
      raise 'A block must be provided' unless block
      Virtkit.stream_all(self, block, opaque, false, hole_handler, nil)
    end

    # sendall for sparse streams: HOLE_HANDLER gets (opaque) and returns
    # [in_data?, bytes to the next change]; SKIP_HANDLER gets (length,
    # opaque), moves the source past a hole and returns 0.
    def sparse_sendall(hole_handler, skip_handler, opaque = nil, &block)
      raise 'A block must be provided' unless block
      Virtkit.stream_all(self, block, opaque, true, hole_handler, skip_handler)
    end

    # CALLBACK (a Proc or Symbol) gets (stream, events, opaque) when one of
    # EVENTS (Stream::EVENT_*) happens.
    def event_add_callback(events, callback, opaque = nil)
      Virtkit.stream_event_add_callback(self, events, callback, opaque)
    end

    def finish
      Virtkit.virStreamFinish(self)
      nil
    end

    def abort
      Virtkit.virStreamAbort(self)
      nil
    end
  end
end

# ---- statistics, pinning, guest file systems, host CPUs ----
#
# Libvirt::Virtkit's hand-written calls (libvirt-override.i) return plain
# Arrays and Hashes; the classes ruby-libvirt returns are made here.
module Libvirt
  # E raised again as KLASS (same message and libvirt details), where
  # ruby-libvirt raises another class than the generator's rule.
  def self.__vk_recast(e, klass)
    n = klass.new(e.message)
    e.instance_variables.each { |v| n.instance_variable_set(v, e.instance_variable_get(v)) }
    n.set_backtrace(e.backtrace)
    n
  end

  # Storage pool information (StoragePool#info), ruby-libvirt's class name.
  class StoragePoolInfo
    attr_reader :state, :capacity, :allocation, :available

    def self.__vk_new(raw)
      Libvirt.__vk_info(self, %i[@state @capacity @allocation @available], raw)
    end
  end

  # Storage volume information (StorageVol#info).
  class StorageVolInfo
    attr_reader :type, :capacity, :allocation

    def self.__vk_new(raw)
      Libvirt.__vk_info(self, %i[@type @capacity @allocation], raw)
    end
  end

  class StoragePool
    def info
      StoragePoolInfo.__vk_new(Virtkit.virStoragePoolGetInfo(self))
    end
  end

  class StorageVol
    def info(flags = 0)
      raw = if flags.nil? || flags.zero?
              Virtkit.virStorageVolGetInfo(self)
            else
              Virtkit.virStorageVolGetInfoFlags(self, flags)
            end
      StorageVolInfo.__vk_new(raw)
    end
  end

  class Domain
    # One memory statistic (Domain#memory_stats).  As in ruby-libvirt, the
    # value is kept in @val while the reader is named value.
    class MemoryStats
      attr_reader :tag, :value

      %i[SWAP_IN SWAP_OUT MAJOR_FAULT MINOR_FAULT UNUSED AVAILABLE ACTUAL_BALLOON].each do |c|
        const_set(c, Domain.const_get(:"MEMORY_STAT_#{c}"))
      end

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, %i[@tag @val], raw)
      end
    end

    # One virtual CPU (Domain#vcpus); cpumap: an Array of true/false, one
    # per host CPU.
    class VCPUInfo
      attr_reader :number, :state, :cpu_time, :cpu, :cpumap

      # libvirt's values (ruby-libvirt's own constants are mis-converted:
      # false, 0 and 2.0), so that they compare with #state
      OFFLINE = Connect::VCPU_OFFLINE
      RUNNING = Connect::VCPU_RUNNING
      BLOCKED = Connect::VCPU_BLOCKED

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, %i[@number @state @cpu_time @cpu @cpumap], raw)
      end
    end

    # start_cpu -1: the totals, as {"all" => {name => value}}; otherwise
    # {cpu number => {name => value}} for NUMCPUS CPUs.
    def cpu_stats(start_cpu = -1, numcpus = 1, flags = 0)
      Virtkit.domain_cpu_stats(self, start_cpu, numcpus, flags)
    end

    def memory_stats(flags = 0)
      Virtkit.domain_memory_stats(self, flags).map { |raw| MemoryStats.__vk_new(raw) }
    end

    def vcpus
      Virtkit.domain_vcpus(self).map { |raw| VCPUInfo.__vk_new(raw) }
    end
    alias get_vcpus vcpus

    # CPULIST: the host CPU numbers VCPU may run on.
    def pin_vcpu(vcpu, cpulist, flags = 0)
      raise TypeError, 'no implicit conversion from nil to integer' if vcpu.nil?
      Virtkit.domain_pin(self, vcpu, cpulist, flags)
    end

    def pin_emulator(cpulist, flags = 0)
      Virtkit.domain_pin(self, nil, cpulist, flags)
    end

    def emulator_pin_info(flags = 0)
      Virtkit.domain_emulator_pin_info(self, flags)
    end

    # [{"mountpoint", "name", "fstype", "aliases" => [...]} …]
    def fs_info(flags = 0)
      Virtkit.domain_fs_info(self, flags)
    end

    # The number of file systems frozen (thawed); nil: all of them.
    def fs_freeze(mountpoints = nil, flags = 0)
      Virtkit.domain_fs_freeze(self, mountpoints, flags, false)
    end

    def fs_thaw(mountpoints = nil, flags = 0)
      Virtkit.domain_fs_freeze(self, mountpoints, flags, true)
    end

    def metadata(type, uri = nil, flags = 0)
      Virtkit.virDomainGetMetadata(self, type, uri, flags)
    rescue RetrieveError => e
      raise Libvirt.__vk_recast(e, Error)
    end

    # [type, metadata, key, uri, flags]: the last three optional.
    def metadata=(value)
      raise TypeError, "wrong argument type #{value.class} (expected Array)" unless value.is_a?(Array)
      unless (2..5).cover?(value.size)
        raise ArgumentError, "wrong number of arguments (#{value.size} for 2, 3, 4, or 5)"
      end
      type, meta, key, uri, flags = value
      Virtkit.virDomainSetMetadata(self, type, meta, key, uri, flags || 0)
    end

    # {"seconds" => …, "nseconds" => …}
    def time(flags = 0)
      seconds, nseconds = Virtkit.virDomainGetTime(self, flags)
      { 'seconds' => seconds, 'nseconds' => nseconds }
    rescue RetrieveError => e
      raise Libvirt.__vk_recast(e, Error)
    end

    # [{"seconds" => …, "nseconds" => …}, flags]
    def time=(value)
      hash, flags = value
      raise TypeError, 'no implicit conversion from nil to integer' if flags.nil?
      raise TypeError, "wrong argument type #{hash.class} (expected Hash)" unless hash.is_a?(Hash)
      Virtkit.virDomainSetTime(self, hash['seconds'] || 0, hash['nseconds'] || 0, flags)
    end

    # KEYCODES: an Array of key codes of CODESET, held HOLDTIME ms.
    def send_key(codeset, holdtime, keycodes)
      Virtkit.domain_send_key(self, codeset, holdtime, keycodes)
    end
  end

  class Connect
    # {field => value}; CPU -1: all of them.
    def node_cpu_stats(cpu = -1, flags = 0)
      Virtkit.node_stats(self, cpu, flags, false)
    end

    # {field => value}; CELL -1: all of them.
    def node_memory_stats(cell = -1, flags = 0)
      Virtkit.node_stats(self, cell, flags, true)
    end

    # Free memory of the cells from START (MAX of them; nil: every cell).
    def node_cells_free_memory(start = 0, max = nil)
      Virtkit.node_cells_free_memory(self, start, max)
    end

    def cpu_model_names(arch, flags = 0)
      Virtkit.cpu_model_names(self, arch, flags)
    end

    # {"0" => online?, …}
    def node_cpu_map(flags = 0)
      Virtkit.node_cpu_map(self, flags)
    end
    alias node_get_cpu_map node_cpu_map
  end
end

# ---- more of ruby-libvirt's names on pools, volumes, networks, devices ----
module Libvirt
  class StoragePool
    def create_vol_xml(xml, flags = 0)
      Virtkit.virStorageVolCreateXML(self, xml, flags)
    end
    alias create_volume_xml create_vol_xml

    def create_vol_xml_from(xml, clonevol, flags = 0)
      Virtkit.virStorageVolCreateXMLFrom(self, xml, clonevol, flags)
    end
    alias create_volume_xml_from create_vol_xml_from

    def lookup_volume_by_name(name)
      Virtkit.virStorageVolLookupByName(self, name)
    end

    # By key or path: the pool's connection looks them up.
    def lookup_volume_by_key(key)
      Virtkit.virStorageVolLookupByKey(connection, key)
    end

    def lookup_volume_by_path(path)
      Virtkit.virStorageVolLookupByPath(connection, path)
    end

    def autostart
      Virtkit.virStoragePoolGetAutostart(self) != 0
    end
    alias autostart? autostart
  end

  class StorageVol
    def pool
      Virtkit.virStoragePoolLookupByVolume(self)
    end
  end

  class Network
    def autostart
      Virtkit.virNetworkGetAutostart(self) != 0
    end
    alias autostart? autostart
  end

  class Interface
    def mac
      Virtkit.virInterfaceGetMACString(self)
    end
  end

  class NodeDevice
    def detach(driver = nil, flags = 0)
      if driver.nil? && (flags.nil? || flags.zero?)
        Virtkit.virNodeDeviceDettach(self)
      else
        Virtkit.virNodeDeviceDetachFlags(self, driver, flags)
      end
      nil
    end

    def reattach
      Virtkit.virNodeDeviceReAttach(self)
      nil
    end
  end
end

module Libvirt
  class Connect
    # PAGES: page sizes (KiB); CELLS: {"startCell" => …, "cellCount" => …}.
    # {page size => free pages}
    def node_free_pages(pages, cells, flags = 0)
      Virtkit.node_free_pages(self, pages, cells, flags)
    end
  end
end

module Libvirt
  class Domain
    # virDomainMemoryFlags and virKeycodeSet live on Domain in ruby-libvirt.
    MEMORY_VIRTUAL = Connect::MEMORY_VIRTUAL
    MEMORY_PHYSICAL = Connect::MEMORY_PHYSICAL
    Connect.constants.grep(/\AKEYCODE_SET_/).each { |c| const_set(c, Connect.const_get(c)) }
    KEYCODE_SET_RFB = KEYCODE_SET_QNUM unless const_defined?(:KEYCODE_SET_RFB, false)   # QNUM's old name

    # SIZE bytes of the domain's memory at START, as a String.
    def memory_peek(start, size, flags = Libvirt::Domain::MEMORY_VIRTUAL)
      Virtkit.domain_peek(self, nil, start, size, flags)
    end

    # SIZE bytes of the disk PATH at OFFSET, as a String.
    def block_peek(path, offset, size, flags = 0)
      raise TypeError, 'wrong argument type nil (expected String)' if path.nil?
      Virtkit.domain_peek(self, path, offset, size, flags)
    end

    # {statistic => value} of DISK.
    def block_stats_flags(disk, flags = 0)
      Virtkit.virDomainBlockStatsFlags(self, disk, flags)
    rescue Libvirt::Error => e
      raise e if e.instance_of?(RetrieveError) || !e.instance_of?(Error)
      raise Libvirt.__vk_recast(e, RetrieveError)
    end
  end

  class Connect
    # The CPU model (XML) every one of XML_CPUS (Strings) can run.
    def baseline_cpu(xml_cpus, flags = 0)
      Virtkit.baseline_cpu(self, xml_cpus, flags)
    end
  end
end

# ---- arrays, lists and the remaining callbacks ----
#
# Descriptor, string and struct arrays, sparse streams and the events of
# networks, pools, devices, secrets, QEMU monitors and closing connections
# (libvirt-override.i, "hand-written calls (3)").  Where ruby-libvirt has
# the method, the name and result are its own; the others are virtkit's,
# named as ruby-libvirt names its methods (api.xml's ruby= says which).
module Libvirt
  def self.__vk_type_name(v)
    v.nil? || v == true || v == false ? v.inspect : v.class.name
  end

  # The calling process takes LABEL (a Domain::SecurityLabel) under MODEL
  # (a Connect::NodeSecurityModel); the label it had.
  def self.lxc_enter_security_label(model, label, flags = 0)
    raw = Virtkit.lxc_enter_security_label(model.model, model.doi, label.label, label.enforcing, flags)
    Domain::SecurityLabel.__vk_new(raw)
  end

  # The default event loop (event_register_default_impl,
  # event_run_default_impl): CALLBACK gets (watch, fd, events, opaque).
  def self.event_add_handle(fd, events, callback, opaque = nil)
    Virtkit.event_add(fd, events, callback, opaque)
  end

  # CALLBACK gets (timer, opaque) every INTERVAL ms (-1: disabled).
  def self.event_add_timeout(interval, callback, opaque = nil)
    Virtkit.event_add(nil, interval, callback, opaque)
  end

  def self.event_update_handle(watch, events)
    Virtkit.virEventUpdateHandle(watch, events)
    nil
  end

  def self.event_remove_handle(watch)
    Virtkit.virEventRemoveHandle(watch)
    nil
  end

  def self.event_update_timeout(timer, interval)
    Virtkit.virEventUpdateTimeout(timer, interval)
    nil
  end

  def self.event_remove_timeout(timer)
    Virtkit.virEventRemoveTimeout(timer)
    nil
  end

  def self.event_register_default_impl
    Virtkit.virEventRegisterDefaultImpl
    nil
  end

  # Wait for and dispatch one round of events of the default loop.
  def self.event_run_default_impl
    Virtkit.virEventRunDefaultImpl
    nil
  end

  class Connect
    # PAGE_ARR: [{"size" => KiB, "count" => pages} …]; CELLS: {"start" =>
    # first cell, "count" => cells}, nil for every cell.  The number of
    # pages allocated.
    def node_alloc_pages(page_arr, cells = nil, flags = 0)
      Virtkit.node_alloc_pages(self, page_arr, cells, flags)
    end

    # Start a domain of XML, passing it the descriptors FDS.
    def create_domain_xml_with_files(xml, fds = nil, flags = 0)
      Virtkit.with_files(1, self, xml, fds, flags)
    end

    # CALLBACK gets (conn, network, event, detail, opaque); the callback ID.
    def network_event_register_any(event_id, callback, net = nil, opaque = nil)
      Virtkit.object_event_register(self, 0, event_id, callback, net, opaque)
    end

    # CALLBACK gets (conn, pool, event, detail, opaque) for
    # STORAGE_POOL_EVENT_ID_LIFECYCLE, (conn, pool, opaque) for _REFRESH.
    def storage_pool_event_register_any(event_id, callback, pool = nil, opaque = nil)
      Virtkit.object_event_register(self, 1, event_id, callback, pool, opaque)
    end

    # CALLBACK gets (conn, dev, event, detail, opaque) for
    # NODE_DEVICE_EVENT_ID_LIFECYCLE, (conn, dev, opaque) for _UPDATE.
    def nodedevice_event_register_any(event_id, callback, dev = nil, opaque = nil)
      Virtkit.object_event_register(self, 2, event_id, callback, dev, opaque)
    end

    # CALLBACK gets (conn, secret, event, detail, opaque) for
    # SECRET_EVENT_ID_LIFECYCLE, (conn, secret, opaque) for _VALUE_CHANGED.
    def secret_event_register_any(event_id, callback, secret = nil, opaque = nil)
      Virtkit.object_event_register(self, 3, event_id, callback, secret, opaque)
    end

    # QEMU monitor events (of DOM, named EVENT; nil: all): CALLBACK gets
    # (conn, dom, event, seconds, micros, details, opaque); the callback ID.
    def domain_qemu_monitor_event_register(callback, dom = nil, event = nil, opaque = nil, flags = 0)
      Virtkit.qemu_monitor_event_register(self, callback, dom, event, opaque, flags)
    end

    # CALLBACK gets (conn, reason, opaque) when the connection closes
    # (reason: Connect::CLOSE_REASON_*).
    def register_close_callback(callback, opaque = nil)
      Virtkit.close_callback(self, callback, opaque)
    end

    def unregister_close_callback
      Virtkit.close_callback(self, nil, nil)
    end

    # Statistics of every domain: [[domain, {name => value}] …].  STATS:
    # Domain::STATS_* bits (0: all kinds).
    def all_domain_stats(stats = 0, flags = 0)
      Virtkit.domain_stats(self, nil, stats, flags)
    end

    # all_domain_stats for the Domains in DOMAINS.
    def domain_list_stats(domains, stats = 0, flags = 0)
      Virtkit.domain_stats(self, domains, stats, flags)
    end

    # The CPU model (XML) every one of XML_CPUS runs, for a hypervisor.
    def baseline_hypervisor_cpu(emulator, arch, machine, virttype, xml_cpus, flags = 0)
      Virtkit.baseline_hypervisor_cpu(self, emulator, arch, machine, virttype, xml_cpus, flags)
    end
  end

  class Domain
    # A security label (Domain#security_label, #security_label_list).
    class SecurityLabel
      attr_reader :label, :enforcing

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, %i[@label @enforcing], raw)
      end
    end

    # An IOThread (Domain#iothread_info): its ID and, per host CPU, whether
    # it may run there.
    class IOThreadInfo
      attr_reader :iothread_id, :cpumap

      def self.__vk_new(raw)
        Libvirt.__vk_info(self, %i[@iothread_id @cpumap], raw)
      end
    end

    def security_label
      SecurityLabel.__vk_new(Virtkit.virDomainGetSecurityLabel(self))
    end

    def security_label_list
      Virtkit.security_label_list(self).map { |raw| SecurityLabel.__vk_new(raw) }
    end

    def create_with_files(fds = nil, flags = 0)
      Virtkit.with_files(0, self, nil, fds, flags)
    end

    # Hand FDS to the domain under NAME.
    def fd_associate(name, fds, flags = 0)
      Virtkit.with_files(2, self, name, fds, flags)
    end

    # Descriptors of the container's namespaces.
    def lxc_open_namespace(flags = 0)
      Virtkit.lxc_namespace(self, nil, flags)
    end

    # The calling process enters the namespaces FDS; the descriptors of the
    # ones it left.
    def lxc_enter_namespace(fds, flags = 0)
      unless fds.is_a?(Array)
        raise TypeError, "wrong argument type #{Libvirt.__vk_type_name(fds)} (expected Array)"
      end
      Virtkit.lxc_namespace(self, fds, flags)
    end

    # As ruby-libvirt: only on a QEMU connection.
    def qemu_monitor_command(cmd, flags = 0)
      type = connection.type
      raise TypeError, "Tried to use virDomainQemuMonitor command on #{type} connection" unless type == 'QEMU'
      Virtkit.virDomainQemuMonitorCommand(self, cmd, flags)
    rescue Libvirt::Error => e
      raise e unless e.instance_of?(Error)
      raise Libvirt.__vk_recast(e, RetrieveError)
    end

    def qemu_agent_command(cmd, timeout = 0, flags = 0)
      Virtkit.virDomainQemuAgentCommand(self, cmd, timeout, flags)
    rescue Libvirt::Error => e
      raise e unless e.instance_of?(Error)
      raise Libvirt.__vk_recast(e, RetrieveError)
    end

    # [reply, [descriptors QEMU sent back]]
    def qemu_monitor_command_with_files(cmd, fds = [], flags = 0)
      Virtkit.qemu_monitor_command_with_files(self, cmd, fds, flags)
    end

    # The domain's messages (tainting, deprecations …) as Strings.
    def messages(flags = 0)
      Virtkit.domain_strlist(self, nil, flags)
    end

    def authorized_ssh_keys(user, flags = 0)
      raise TypeError, 'wrong argument type nil (expected String)' if user.nil?
      Virtkit.domain_strlist(self, user, flags)
    end

    # KEYS: Strings (with Domain::AUTHORIZED_SSH_KEYS_SET_REMOVE, those to
    # remove).
    def set_authorized_ssh_keys(user, keys, flags = 0)
      Virtkit.set_authorized_ssh_keys(self, user, keys, flags)
    end

    def iothread_info(flags = 0)
      Virtkit.iothread_info(self, flags).map { |raw| IOThreadInfo.__vk_new(raw) }
    end

    # CPULIST: the host CPU numbers the IOThread may run on.
    def pin_iothread(iothread_id, cpulist, flags = 0)
      Virtkit.pin_iothread(self, iothread_id, cpulist, flags)
    end

    # [{"name", "hwaddr", "addrs" => [{"type", "addr", "prefix"} …]} …];
    # SOURCE: Domain::INTERFACE_ADDRESSES_SRC_*.
    def interface_addresses(source = 0, flags = 0)
      Virtkit.interface_addresses(self, source, flags)
    end
  end

  class Network
    # [{"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix",
    # "hostname", "clientid"} …], of MAC only when given.
    def dhcp_leases(mac = nil, flags = 0)
      raise TypeError, 'wrong argument type (expected String or nil)' unless mac.nil? || mac.is_a?(String)
      Virtkit.dhcp_leases(self, mac, flags)
    end
  end

  class Secret
    # The secret's bytes (a binary String).
    def value(flags = 0)
      Virtkit.secret_value(self, flags)
    end
    alias get_value value

    def set_value(value, flags = 0)
      Virtkit.secret_set_value(self, value, flags)
    end

    # VALUE: a String, or [String, flags].
    def value=(value)
      v, flags = value.is_a?(Array) ? [value[0], value[1] || 0] : [value, 0]
      set_value(v, flags)
    end
  end

  class NodeDevice
    # ruby-libvirt has this lookup on NodeDevice: the device's connection
    # looks it up.
    def lookup_scsi_host_by_wwn(wwnn, wwpn, flags = 0)
      Virtkit.virNodeDeviceLookupSCSIHostByWWN(connection, wwnn, wwpn, flags)
    end
  end

  class Connect
    alias lookup_scsi_host_by_wwn lookup_nodedevice_scsi_host_by_wwn
  end
end

# ---- migration: ruby-libvirt's optional arguments ----
module Libvirt
  class Domain
    def migrate(dconn, flags = 0, dname = nil, uri = nil, bandwidth = 0)
      Virtkit.virDomainMigrate(self, dconn, flags || 0, dname, uri, bandwidth || 0)
    end

    def migrate2(dconn, dxml = nil, flags = 0, dname = nil, uri = nil, bandwidth = 0)
      Virtkit.virDomainMigrate2(self, dconn, dxml, flags || 0, dname, uri, bandwidth || 0)
    end

    def migrate3(dconn, params = {}, flags = 0)
      Virtkit.virDomainMigrate3(self, dconn, params, flags || 0)
    end

    def migrate_to_uri(duri, flags = 0, dname = nil, bandwidth = 0)
      Virtkit.virDomainMigrateToURI(self, duri, flags || 0, dname, bandwidth || 0)
      nil
    end

    def migrate_to_uri2(duri = nil, migrate_uri = nil, dxml = nil, flags = 0, dname = nil, bandwidth = 0)
      Virtkit.virDomainMigrateToURI2(self, duri, migrate_uri, dxml, flags || 0, dname, bandwidth || 0)
      nil
    end

    def migrate_to_uri3(duri = nil, params = {}, flags = 0)
      Virtkit.virDomainMigrateToURI3(self, duri, params, flags || 0)
      nil
    end
  end
end

module Libvirt
  class Domain
    # ruby-libvirt spells this reader in camel case.
    class ControlInfo
      alias stateTime state_time
    end

    # {disk => Domain::DISK_ERROR_*} for every disk that met an error.
    def disk_errors(flags = 0)
      Virtkit.disk_errors(self, flags)
    end
  end
end

module Libvirt
  # autostart= takes true or false only, as in ruby-libvirt.
  { Domain => :virDomainSetAutostart, Network => :virNetworkSetAutostart,
    StoragePool => :virStoragePoolSetAutostart }.each do |klass, setter|
    klass.send(:define_method, :autostart=) do |value|
      unless value == true || value == false
        raise TypeError, 'wrong argument type (expected TrueClass or FalseClass)'
      end
      Virtkit.send(setter, self, value ? 1 : 0)
    end
  end
end

# ---- ruby-libvirt's results and error classes for the remaining calls ----
module Libvirt
  class Version
    def major
      version / 1_000_000
    end

    def minor
      version % 1_000_000 / 1000
    end

    def release
      version % 1000
    end

    def to_s
      "#{major}.#{minor}.#{release}"
    end
  end

  # KLASS#NAME (already defined) raising RECAST where it raised FROM (a
  # plain Libvirt::Error by default).
  def self.__vk_raises(klass, recast, *names, from: Error)
    names.each do |m|
      raw = klass.instance_method(m)
      klass.send(:define_method, m) do |*args, &blk|
        raw.bind(self).call(*args, &blk)
      rescue Libvirt::Error => e
        raise e unless e.instance_of?(from)
        raise Libvirt.__vk_recast(e, recast)
      end
    end
  end

  # Actions whose result is nil in ruby-libvirt (the status is the absence
  # of an exception).
  def self.__vk_returns_nil(klass, *names)
    names.each do |m|
      raw = klass.instance_method(m)
      klass.send(:define_method, m) do |*args, &blk|
        raw.bind(self).call(*args, &blk)
        nil
      end
    end
  end

  class Connect
    # The flag-less functions unless flags are given, as ruby-libvirt.
    def define_network_xml(xml, flags = 0)
      return Virtkit.virNetworkDefineXML(self, xml) if flags.nil? || flags.zero?
      Virtkit.virNetworkDefineXMLFlags(self, xml, flags)
    end

    def create_network_xml(xml, flags = 0)
      return Virtkit.virNetworkCreateXML(self, xml) if flags.nil? || flags.zero?
      Virtkit.virNetworkCreateXMLFlags(self, xml, flags)
    end

    def define_nwfilter_xml(xml, flags = 0)
      return Virtkit.virNWFilterDefineXML(self, xml) if flags.nil? || flags.zero?
      Virtkit.virNWFilterDefineXMLFlags(self, xml, flags)
    end
  end

  class Domain
    def abort_job(flags = 0)
      if flags.nil? || flags.zero?
        Virtkit.virDomainAbortJob(self)
      else
        Virtkit.virDomainAbortJobFlags(self, flags)
      end
      nil
    end

    def block_pull(disk, bandwidth = 0, flags = 0)
      Virtkit.virDomainBlockPull(self, disk, bandwidth, flags)
      nil
    end

    def block_rebase(disk, base = nil, bandwidth = 0, flags = 0)
      Virtkit.virDomainBlockRebase(self, disk, base, bandwidth, flags)
      nil
    end

    def block_commit(disk, base = nil, top = nil, bandwidth = 0, flags = 0)
      Virtkit.virDomainBlockCommit(self, disk, base, top, bandwidth, flags)
      nil
    end
  end

  class Domain::Snapshot
    # nil for a snapshot without a parent.
    def parent(flags = 0)
      Virtkit.virDomainSnapshotGetParent(self, flags)
    rescue RetrieveError => e
      return nil if e.libvirt_code == Connect::ERR_NO_DOMAIN_SNAPSHOT
      raise
    end
  end

  __vk_raises(Connect, RetrieveError, :compare_cpu, :set_keepalive)
  __vk_raises(Domain, RetrieveError, :lookup_snapshot_by_name, :block_stats, :ifinfo,
              :migrate_max_speed, :migrate_compression_cache)
  # ruby-libvirt's xml_desc raises a plain Error
  [Domain, Network, StoragePool, StorageVol, Interface, NodeDevice, Secret, NWFilter,
   Domain::Snapshot].each do |klass|
    __vk_raises(klass, Error, :xml_desc, from: RetrieveError) if klass.method_defined?(:xml_desc)
  end
  __vk_raises(Domain, DefinitionError, :memory=, :max_memory=)

  __vk_returns_nil(Domain, :inject_nmi, :reset, :send_process_signal, :managed_save,
                   :managed_save_remove, :save, :core_dump, :core_dump_with_format,
                   :block_resize, :block_job_abort, :attach_device, :detach_device)
  __vk_returns_nil(Domain::Snapshot, :delete)
  __vk_returns_nil(Network, :create, :destroy, :undefine)
  __vk_returns_nil(StoragePool, :create, :destroy, :undefine, :build, :refresh, :delete)
  __vk_returns_nil(StorageVol, :delete, :wipe, :wipe_pattern, :resize)
  __vk_returns_nil(NodeDevice, :destroy)
  __vk_returns_nil(Interface, :create, :destroy, :undefine)
  __vk_returns_nil(Secret, :undefine)
  __vk_returns_nil(NWFilter, :undefine)
  __vk_returns_nil(Connect, :interface_change_begin, :interface_change_commit,
                   :interface_change_rollback, :node_suspend_for_duration,
                   :network_event_deregister_any, :storage_pool_event_deregister_any,
                   :nodedevice_event_deregister_any, :secret_event_deregister_any,
                   :domain_qemu_monitor_event_deregister)
  __vk_returns_nil(Stream, :event_update_callback, :event_remove_callback)
end

# ---- constants where ruby-libvirt keeps them ----
module Libvirt
  # Copy FROM's constants matching PATTERN into TO, renamed by the block.
  def self.__vk_consts(from, to, pattern)
    from.constants.grep(pattern).each do |c|
      name = block_given? ? yield(c.to_s) : c
      to.const_set(name, from.const_get(c)) unless to.const_defined?(name, false)
    end
  end

  CONNECT_RO = Connect::RO
  CONNECT_NO_ALIASES = Connect::NO_ALIASES

  # Error numbers, sources and levels: on Libvirt::Error (and so on every
  # error class).
  __vk_consts(Connect, Error, /\A(ERR|WAR|FROM)_/)
  Error::LEVEL_NONE = Connect::ERR_NONE
  Error::LEVEL_WARNING = Connect::ERR_WARNING
  Error::LEVEL_ERROR = Connect::ERR_ERROR

  __vk_consts(Domain, Connect, /\ADEFINE_/) { |c| "DOMAIN_#{c}" }
  __vk_consts(Connect, Domain, /\A(MIGRATE|DUMP)_/)
  Domain::BYPASS_CACHE = Connect::DUMP_BYPASS_CACHE
  Domain::RESET = Connect::DUMP_RESET
  Domain::MEMORY_ONLY = Connect::DUMP_MEMORY_ONLY
  __vk_consts(Domain, Domain, /\A(AFFECT|MEM|XML|RUNNING|BLOCKED|PAUSED|SHUTDOWN|SHUTOFF|CRASHED|PMSUSPENDED)_/) do |c|
    "DOMAIN_#{c}"
  end
  __vk_consts(Domain, Domain::ControlInfo, /\ACONTROL_/)
  __vk_consts(Domain, Domain::JobInfo, /\AJOB_/) { |c| c.delete_prefix('JOB_') } if Domain.const_defined?(:JobInfo)

  __vk_consts(Connect, Network, /\AIP_ADDR_TYPE_/)
  __vk_consts(Network, Network, /\A(SECTION|UPDATE)_/) { |c| "NETWORK_#{c}" }
  __vk_consts(StorageVol, StoragePool, /\ACREATE_/)
  StoragePool::XML_INACTIVE = Connect::STORAGE_XML_INACTIVE
  StorageVol::XML_INACTIVE = Connect::STORAGE_XML_INACTIVE unless StorageVol.const_defined?(:XML_INACTIVE, false)

  # The events of networks, pools, devices and secrets on Connect too, as
  # DOMAIN_EVENT_* are.
  { Network => 'NETWORK', StoragePool => 'STORAGE_POOL', NodeDevice => 'NODE_DEVICE',
    Secret => 'SECRET' }.each do |klass, prefix|
    __vk_consts(klass, Connect, /\AEVENT_/) { |c| "#{prefix}_#{c}" }
  end
end
