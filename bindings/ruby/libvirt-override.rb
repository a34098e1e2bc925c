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

    def uuid
      Virtkit.virDomainGetUUIDString(self)
    end

    def autostart
      Virtkit.virDomainGetAutostart(self) != 0
    end
    alias autostart? autostart

    def autostart=(value)
      Virtkit.virDomainSetAutostart(self, value ? 1 : 0)
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
