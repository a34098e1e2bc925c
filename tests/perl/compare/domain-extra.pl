# CPU maps, guest agent data, peeks, node memory and domain statistics on
# test:///default, printed one value a line (bitmaps as bit strings, the
# vCPU times left out as they follow the clock).
use strict;
use warnings;
use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

sub show {
    my ($label, $code) = @_;
    my @r = eval { $code->() };
    if ($@) {
        my $e = $@;
        print "$label: error ", (ref $e ? $e->code . ' ' . $e->message : 'usage'), "\n";
        return;
    }
    print "$label: ", join(' ', map { flat($_) } @r), "\n";
}

sub flat {
    my ($v) = @_;
    return 'undef' unless defined $v;
    if (ref $v eq 'ARRAY') {
        return '[' . join(' ', map { flat($_) } @$v) . ']';
    }
    if (ref $v eq 'HASH') {
        return '{' . join(' ', map { "$_=" . ($_ eq 'affinity' ? unpack('b*', $v->{$_}) : flat($v->{$_})) }
                           grep { $_ ne 'cpuTime' } sort keys %$v) . '}';
    }
    return ref($v) ? ref($v) . ':' . $v->get_name : $v;
}

show('vcpu_info', sub { $dom->get_vcpu_info() });
show('vcpu_info config', sub { $dom->get_vcpu_info(Sys::Virt::Domain::AFFECT_CONFIG) });
show('pin_vcpu', sub { $dom->pin_vcpu(0, pack('b*', '01')) });
show('vcpu_info pinned', sub { $dom->get_vcpu_info() });
show('pin_vcpu flags', sub { $dom->pin_vcpu(1, pack('b*', '001'), Sys::Virt::Domain::AFFECT_LIVE) });
show('vcpu_info pinned 2', sub { $dom->get_vcpu_info() });
show('emulator before', sub { unpack('b*', $dom->get_emulator_pin_info()) });
show('pin_emulator', sub { $dom->pin_emulator(pack('b*', '11')) });
show('emulator after', sub { unpack('b*', $dom->get_emulator_pin_info()) });
show('iothread_info', sub { $dom->get_iothread_info() });
show('pin_iothread', sub { $dom->pin_iothread(1, pack('b*', '1')) });
show('memory_stats', sub { $dom->memory_stats() });
show('fs_info', sub { $dom->get_fs_info() });
show('fs_freeze', sub { $dom->fs_freeze(['/']) });
show('fs_thaw', sub { $dom->fs_thaw([]) });
show('fs_thaw usage', sub { $dom->fs_thaw() });
show('interface_addresses', sub { $dom->get_interface_addresses(Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_LEASE) });
show('block_peek', sub { $dom->block_peek('/dev/null', 0, 4) });
show('memory_peek', sub { unpack('H*', $dom->memory_peek(0, 4, Sys::Virt::Domain::MEMORY_VIRTUAL)) });
show('send_key', sub { $dom->send_key(Sys::Virt::Domain::KEYCODE_SET_LINUX, 100, [1, 2]) });
show('get_time', sub { $dom->get_time() });
show('set_time', sub { $dom->set_time(1000, 5) });
show('set_metadata', sub { $dom->set_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION, 'hello', undef, undef) });
show('get_metadata', sub { $dom->get_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION) });
show('cells_free_memory', sub { $conn->get_node_cells_free_memory(0, 2) });
show('node_cpu_map', sub { my ($n, $map, $on) = $conn->get_node_cpu_map(); ($n, unpack('b*', $map), $on) });
show('node_free_pages', sub { $conn->get_node_free_pages([4, 2048], 0, 1) });
show('cpu_model_names', sub { my @m = $conn->get_cpu_model_names('x86_64'); (scalar(@m), $m[0]) });
show('all_domain_stats', sub { $conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE) });
show('domain list stats', sub { $conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE, [$dom]) });
show('dhcp_leases', sub { $conn->get_network_by_name('default')->get_dhcp_leases() });
show('secret', sub { $conn->define_secret("<secret ephemeral='no' private='no'/>") });
