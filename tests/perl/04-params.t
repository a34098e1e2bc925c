# Typed parameters as hashes, both ways, against test:///default: the
# Get/Set*Parameters methods, block I/O tuning, CPU and node statistics.
use strict;
use warnings;
use Test::More;

use Sys::Virt;
use Sys::Virt::Domain;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

is_deeply($dom->get_scheduler_parameters(), { weight => 50 }, 'get_scheduler_parameters');
is_deeply($dom->get_scheduler_parameters(Sys::Virt::Domain::AFFECT_CURRENT), { weight => 50 },
          'get_scheduler_parameters(flags)');

my $mem = $dom->get_memory_parameters();
is_deeply([sort keys %$mem], [qw(hard_limit soft_limit swap_hard_limit)], 'get_memory_parameters keys');
$dom->set_memory_parameters({ hard_limit => 123456, not_a_field => 1 });
is($dom->get_memory_parameters()->{hard_limit}, 123456, 'set_memory_parameters');
$dom->set_memory_parameters({ soft_limit => '65536' }, Sys::Virt::Domain::AFFECT_LIVE);
is($dom->get_memory_parameters(Sys::Virt::Domain::AFFECT_LIVE)->{soft_limit}, 65536,
   'set_memory_parameters(flags), a number as a string');

my $blkio = $dom->get_blkio_parameters();
ok(exists $blkio->{weight}, 'get_blkio_parameters has weight');
is($blkio->{device_weight}, '', 'get_blkio_parameters: string values');

my $numa = $dom->get_numa_parameters();
is_deeply([sort keys %$numa], [qw(numa_mode numa_nodeset)], 'get_numa_parameters keys');

my $iotune = $dom->get_block_iotune('vda');
is($iotune->{total_bytes_sec}, 0, 'get_block_iotune');
ok(exists $iotune->{group_name}, 'get_block_iotune: group_name');

my $perf = $dom->get_perf_events();
is(ref($perf), 'HASH', 'get_perf_events');
ok(exists $perf->{cmt}, 'get_perf_events: cmt');

my $bs = $dom->block_stats('vda');
is_deeply([sort keys %$bs], [qw(errs rd_bytes rd_req wr_bytes wr_req)], 'block_stats keys');

my @per_cpu = $dom->get_cpu_stats(0, 2);
is(scalar(@per_cpu), 2, 'get_cpu_stats: one hash per CPU');
ok(exists $per_cpu[0]{cpu_time}, 'get_cpu_stats: cpu_time');
my ($total) = $dom->get_cpu_stats(-1, 1);
ok(exists $total->{cpu_time}, 'get_cpu_stats(-1): the totals');

my $cpu = $conn->get_node_cpu_stats();
is_deeply([sort keys %$cpu], [qw(idle iowait kernel user)], 'get_node_cpu_stats');

# errors: not a hash, an unknown interface
eval { $dom->set_memory_parameters(3) };
like($@, qr/newparams is not a HASH reference/, 'set_memory_parameters wants a hash');
eval { $dom->get_interface_parameters('nosuch0') };
isa_ok($@, 'Sys::Virt::Error', 'get_interface_parameters of an unknown interface');
is($@->code, Sys::Virt::Error::ERR_INVALID_ARG, 'error code');

done_testing();
