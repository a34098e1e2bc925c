# Connections through Sys::Virt against test:///default: opening (read-write
# and read-only), what a connection reports, lookups and listings, and the
# errors they raise.
use strict;
use warnings;
use Test::More;

use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
isa_ok($conn, 'Sys::Virt');

is($conn->get_uri(), 'test:///default', 'get_uri');
is($conn->get_type(), 'TEST', 'get_type');
is($conn->get_hostname(), do { require Sys::Hostname; Sys::Hostname::hostname() }, 'get_hostname');
like($conn->get_version(), qr/^\d+$/, 'get_version is a number');
like($conn->get_library_version(), qr/^\d+$/, 'get_library_version is a number');
is($conn->get_major_version() * 1000000 + $conn->get_minor_version() * 1000
   + $conn->get_micro_version(), $conn->get_version(), 'major/minor/micro');
is($conn->get_max_vcpus('test'), 32, 'get_max_vcpus');
like($conn->get_capabilities(), qr/<capabilities>/, 'get_capabilities');
ok($conn->is_alive(), 'is_alive');

my $info = $conn->get_node_info();
is(ref($info), 'HASH', 'get_node_info gives a hash');
is_deeply([sort keys %$info],
          [qw(cores cpus memory mhz model nodes sockets threads)], 'node info keys');
is($info->{model}, 'i686', 'node model');
is($info->{cpus}, 16, 'node cpus');

is($conn->num_of_domains(), 1, 'num_of_domains');
is_deeply([$conn->list_domain_ids(10)], [1], 'list_domain_ids');
is($conn->num_of_defined_domains(), 0, 'num_of_defined_domains');
is_deeply([$conn->list_defined_domain_names(10)], [], 'list_defined_domain_names');

my @all = $conn->list_all_domains();
is(scalar(@all), 1, 'list_all_domains');
isa_ok($all[0], 'Sys::Virt::Domain');
is($all[0]->get_name(), 'test', 'the default domain');
my @running = $conn->list_domains();
is_deeply([map { $_->get_name() } @running], ['test'], 'list_domains gives objects');
is_deeply([$conn->list_all_domains(Sys::Virt::Domain::LIST_INACTIVE)], [], 'list_all_domains(LIST_INACTIVE)');

my $dom = $conn->get_domain_by_name('test');
is($dom->get_id(), 1, 'get_domain_by_name');
is($conn->get_domain_by_id(1)->get_name(), 'test', 'get_domain_by_id');
my $uuid = $dom->get_uuid_string();
is($conn->get_domain_by_uuid($uuid)->get_name(), 'test', 'get_domain_by_uuid (string)');
is($conn->get_domain_by_uuid($dom->get_uuid())->get_name(), 'test', 'get_domain_by_uuid (raw)');
is($conn->get_domain_by_uuid_string($uuid)->get_name(), 'test', 'get_domain_by_uuid_string');

# errors: Sys::Virt::Error objects with code, domain, message
eval { $conn->get_domain_by_name('no-such-domain') };
my $err = $@;
isa_ok($err, 'Sys::Virt::Error');
is($err->code, Sys::Virt::Error::ERR_NO_DOMAIN, 'code is ERR_NO_DOMAIN');
is($err->code, 42, 'ERR_NO_DOMAIN is 42');
is($err->domain, Sys::Virt::Error::FROM_TEST, 'domain is FROM_TEST');
is($err->{level}, 2, 'the level is VIR_ERR_ERROR');
is($err->level, $err->code, 'level() gives the code, as in Sys-Virt');
like($err->message, qr/not found/i, 'message');
is("$err", 'libvirt error code: 42, message: ' . $err->message . "\n", 'stringified as Sys-Virt does');

eval { $conn->get_domain_by_id(99) };
is($@->code, 42, 'get_domain_by_id on a missing id');

# read-only connections refuse changes
my $ro = Sys::Virt->new(uri => 'test:///default', readonly => 1);
is($ro->get_domain_by_name('test')->get_name(), 'test', 'read-only lookups work');
eval { $ro->get_domain_by_name('test')->suspend() };
isa_ok($@, 'Sys::Virt::Error');
is($@->code, Sys::Virt::Error::ERR_OPERATION_DENIED, 'read-only: ERR_OPERATION_DENIED');
is($@->code, 29, 'ERR_OPERATION_DENIED is 29');

# opening a bad URI dies with an error too
eval { Sys::Virt->new(uri => 'nosuchdriver:///') };
isa_ok($@, 'Sys::Virt::Error', 'a bad URI');

# constants
is(Sys::Virt::CONNECT_RO, 1, 'CONNECT_RO');
is(Sys::Virt::Domain::STATE_RUNNING, 1, 'STATE_RUNNING');
is(Sys::Virt::Domain::STATE_PAUSED, 3, 'STATE_PAUSED');
is(Sys::Virt::Domain::STATE_SHUTOFF, 5, 'STATE_SHUTOFF');
is(Sys::Virt::Domain::LIST_ACTIVE, 1, 'Domain::LIST_ACTIVE');
is(Sys::Virt::Domain::XML_INACTIVE, 2, 'Domain::XML_INACTIVE');

done_testing();
