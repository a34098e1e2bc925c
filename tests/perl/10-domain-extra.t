# CPU maps and pinning, guest agent data, peeks, node memory, domain
# statistics, secrets' values and DHCP leases, with Sys-Virt's shapes.
use strict;
use warnings;
use Test::More;

use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

# vCPUs: one hash per vCPU, the affinity a bitmap of the host's 16 CPUs
my @vcpus = $dom->get_vcpu_info();
is(scalar(@vcpus), 2, 'get_vcpu_info: one entry per vCPU');
is_deeply([sort keys %{$vcpus[0]}], [qw(affinity cpu cpuTime number state)], 'get_vcpu_info: keys');
is(length($vcpus[0]{affinity}), 2, 'affinity covers the host CPUs');
is($vcpus[1]{number}, 1, 'vCPU numbers');
my @cfg = $dom->get_vcpu_info(Sys::Virt::Domain::AFFECT_CONFIG);
is_deeply([map { [$_->{state}, $_->{cpu}, $_->{cpuTime}] } @cfg], [[0, 0, 0], [0, 0, 0]],
          'with flags: the pin information only');
is_deeply([$dom->pin_vcpu(0, pack('b*', '01'))], [], 'pin_vcpu returns nothing');
@vcpus = $dom->get_vcpu_info();
is(unpack('b*', $vcpus[0]{affinity}), '0100000000000000', 'pin_vcpu changed the affinity');
is($vcpus[0]{cpu}, 1, '... and the CPU the vCPU runs on');

is(unpack('b*', $dom->get_emulator_pin_info()), '1111111111111111', 'get_emulator_pin_info: a bitmap');
$dom->pin_emulator(pack('b*', '11'));
is(unpack('b*', $dom->get_emulator_pin_info()), '1100000000000000', 'pin_emulator');

is_deeply([$dom->get_iothread_info()], [], 'get_iothread_info: no IOThreads');
eval { $dom->pin_iothread(1, pack('b*', '1')) };
isa_ok($@, 'Sys::Virt::Error', 'pin_iothread of a missing IOThread');
is($@->code, Sys::Virt::Error::ERR_INVALID_ARG, '... invalid argument');

my $mem = $dom->memory_stats();
is(ref $mem, 'HASH', 'memory_stats: a hash');
is($mem->{actual_balloon}, 2097152, 'memory_stats: actual_balloon');
is($mem->{rss}, 1048576, 'memory_stats: rss');

my @fs = $dom->get_fs_info();
is_deeply($fs[0], {mountpoint => '/', name => 'vda1', fstype => 'ext4', devalias => ['vda']}, 'get_fs_info');
is_deeply([$dom->fs_freeze(['/'])], [], 'fs_freeze');
is_deeply([$dom->fs_thaw([])], [], 'fs_thaw');
eval { $dom->fs_thaw() };
like($@, qr/^Usage: /, 'fs_thaw needs its mount points');

my @ifaces = $dom->get_interface_addresses(Sys::Virt::Domain::INTERFACE_ADDRESSES_SRC_LEASE);
is_deeply(\@ifaces, [{name => 'testnet0', hwaddr => 'aa:bb:cc:dd:ee:ff',
                      addrs => [{type => 0, addr => '192.168.122.3', prefix => 24}]}],
          'get_interface_addresses');

is(unpack('H*', $dom->memory_peek(0, 4, Sys::Virt::Domain::MEMORY_VIRTUAL)), '00010203', 'memory_peek: bytes');
eval { $dom->block_peek('/dev/null', 0, 4) };
is($@->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'block_peek: not supported by the test driver');
is_deeply([$dom->send_key(Sys::Virt::Domain::KEYCODE_SET_LINUX, 100, [1, 2])], [], 'send_key');

my $t = $dom->get_time();
is(ref $t, 'ARRAY', 'get_time: an array ref');
is(scalar(@$t), 2, '... seconds and nanoseconds');
is_deeply([$dom->set_time(1000, 5)], [], 'set_time returns nothing');
$dom->set_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION, 'hello', undef, undef);
is($dom->get_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION), 'hello', 'set_metadata / get_metadata');

# the node
is_deeply([$conn->get_node_cells_free_memory(0, 2)], [2097152, 4194304], 'get_node_cells_free_memory');
my ($ncpus, $map, $online) = $conn->get_node_cpu_map();
is_deeply([$ncpus, unpack('b*', $map), $online], [8, '10101000', 3], 'get_node_cpu_map');
my @pages = $conn->get_node_free_pages([4, 2048], 0, 1);
is_deeply([map { $_->{cell} } @pages], [0, 1], 'get_node_free_pages: cells start to end');
is(join(',', sort keys %{$pages[0]{pages}}), '2048,4', '... keyed by page size');
my @models = $conn->get_cpu_model_names('x86_64');
cmp_ok(scalar(@models), '>', 10, 'get_cpu_model_names');

my @stats = $conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE);
is(scalar(@stats), 1, 'get_all_domain_stats: one record per domain');
isa_ok($stats[0]{dom}, 'Sys::Virt::Domain');
is($stats[0]{dom}->get_name, 'test', '... its domain');
is($stats[0]{data}{'state.state'}, Sys::Virt::Domain::STATE_RUNNING, '... its data');
@stats = $conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE, [$dom]);
is($stats[0]{dom}->get_uuid_string, $dom->get_uuid_string, 'get_all_domain_stats of a list of domains');

# the test driver has neither DHCP leases nor secrets: the errors
eval { $conn->get_network_by_name('default')->get_dhcp_leases() };
is($@->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'get_dhcp_leases: not supported');
ok(Sys::Virt::Secret->can('get_value') && Sys::Virt::Secret->can('set_value'), 'secret get_value / set_value');

done_testing();
