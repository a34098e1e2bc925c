# The shapes of what the getters return, object by object: lists, hash
# keys, values, and whether each value is a number or a string (JSON
# encoders and Data::Dumper show the difference); handles by class.
use strict;
use warnings;
use Sys::Virt;
use Data::Dumper;
use B;
$Data::Dumper::Sortkeys = 1;
$Data::Dumper::Indent = 0;
$Data::Dumper::Terse = 1;
$Data::Dumper::Useqq = 1;
sub plain {
    my ($v) = @_;
    return [map { plain($_) } @$v] if ref $v eq 'ARRAY';
    return { map { ($_ => plain($v->{$_})) } keys %$v } if ref $v eq 'HASH';
    return '<' . ref($v) . '>' if ref $v;
    return undef unless defined $v;
    my $flags = B::svref_2object(\$v)->FLAGS;
    return ($flags & B::SVf_POK ? '' : $flags & (B::SVf_IOK | B::SVf_NOK) ? '#' : '') . "$v";
}
sub norm {
    my $s = Dumper(plain(@_));
    $s =~ s/\d{9,}/N/g;    # times, sizes and counters that move
    return $s;
}

# call $obj->$method(@args); print how many values and what, or the error
sub t {
    my ($obj, $method, @args) = @_;
    my @r = eval { $obj->$method(@args) };
    my $e = $@;
    my $what = !$e ? scalar(@r) . ' ' . norm(\@r)
             : ref $e ? 'ERR ' . $e->code . ' ' . $e->message
             : 'ERR ' . ($e =~ s/ at .*//sr);
    print ref($obj) || $obj, "->$method: $what\n";
}

my $c = Sys::Virt->new(uri => 'test:///default');
t($c, $_) for qw(get_hostname get_node_info get_node_free_memory get_capabilities get_sysinfo
                 get_version get_library_version is_secure is_encrypted is_alive get_uri get_type
                 list_all_domains list_all_networks list_all_storage_pools list_all_interfaces
                 list_all_node_devices list_all_secrets list_all_nwfilters list_all_nwfilter_bindings
                 num_of_domains num_of_defined_domains num_of_networks num_of_storage_pools list_networks
                 list_storage_pools list_defined_domains get_node_security_model
                 get_storage_pool_capabilities get_node_cpu_map get_node_cpu_stats get_node_memory_parameters);
t($c, 'get_max_vcpus', 'test');
t($c, 'get_node_cells_free_memory', 0, 1);
t($c, 'get_cpu_model_names', 'x86_64');
t($c, 'get_domain_capabilities', undef, 'x86_64', undef, undef);
t($c, 'get_all_domain_stats', Sys::Virt::Domain::STATS_STATE);

my $d = $c->get_domain_by_name('test');
t($d, $_) for qw(get_name get_id get_uuid_string get_os_type get_info get_state get_control_info get_max_memory
                 get_max_vcpus get_vcpus get_autostart is_active is_persistent is_updated get_scheduler_type
                 get_scheduler_parameters get_memory_parameters get_blkio_parameters get_numa_parameters
                 get_perf_events get_security_label get_job_info get_job_stats get_vcpu_info
                 get_emulator_pin_info get_iothread_info memory_stats get_disk_errors get_hostname get_time
                 has_managed_save_image has_current_snapshot num_of_snapshots list_all_snapshots
                 list_all_checkpoints get_launch_security_info get_guest_info get_fs_info get_guest_vcpus
                 get_xml_description);
t($d, 'get_block_info', '/guest/diskimage');
t($d, 'block_stats', 'vda');
t($d, 'get_block_iotune', 'vda');
t($d, 'interface_stats', 'vnet0');
t($d, 'get_cpu_stats', 0, 2);
t($d, 'get_metadata', Sys::Virt::Domain::METADATA_DESCRIPTION);

my $n = $c->get_network_by_name('default');
t($n, $_) for qw(get_name get_uuid_string get_bridge_name is_active is_persistent get_autostart
                 get_xml_description list_all_ports get_dhcp_leases);
my $p = $c->get_storage_pool_by_name('default-pool');
t($p, $_) for qw(get_name get_uuid_string get_info is_active is_persistent get_autostart
                 num_of_storage_volumes list_all_volumes get_xml_description);
my ($v) = $p->list_all_volumes;
t($v, $_) for $v ? qw(get_name get_key get_path get_info get_xml_description) : ();
my ($i) = $c->list_all_interfaces;
t($i, $_) for qw(get_name get_mac is_active get_xml_description);
my $nd = $c->get_node_device_by_name('computer');
t($nd, $_) for qw(get_name list_capabilities get_xml_description is_active is_persistent get_autostart);
