# Domains through Sys::Virt against test:///default: define, start, pause,
# resume, stop, undefine, and what a domain reports on the way.
use strict;
use warnings;
use Test::More;

use Sys::Virt;
use Sys::Virt::Domain;

my $conn = Sys::Virt->new(uri => 'test:///default');

# the default domain
my $dom = $conn->get_domain_by_name('test');
isa_ok($dom, 'Sys::Virt::Domain');
is($dom->get_name(), 'test', 'get_name');
is($dom->get_id(), 1, 'get_id');
is($dom->get_os_type(), 'linux', 'get_os_type');
like($dom->get_uuid_string(), qr/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'get_uuid_string');
is(length($dom->get_uuid()), 16, 'get_uuid is 16 bytes');
is(unpack('H*', $dom->get_uuid()), join('', split /-/, $dom->get_uuid_string()), 'raw and printable UUID agree');
ok($dom->is_active(), 'is_active');
ok($dom->is_persistent(), 'is_persistent');
is($dom->get_max_memory(), 8388608, 'get_max_memory');
is($dom->get_autostart(), 0, 'get_autostart');

my $info = $dom->get_info();
is_deeply([sort keys %$info], [qw(cpuTime maxMem memory nrVirtCpu state)], 'get_info keys');
is($info->{state}, Sys::Virt::Domain::STATE_RUNNING, 'info state');
is($info->{maxMem}, 8388608, 'info maxMem');
is($info->{memory}, 2097152, 'info memory');
is($info->{nrVirtCpu}, 2, 'info nrVirtCpu');
like($info->{cpuTime}, qr/^\d+$/, 'info cpuTime');

my ($state, $reason) = $dom->get_state();
is($state, Sys::Virt::Domain::STATE_RUNNING, 'get_state');
is($reason, Sys::Virt::Domain::STATE_RUNNING_UNKNOWN, 'get_state reason');

like($dom->get_xml_description(), qr{<name>test</name>}, 'get_xml_description');
like($dom->get_xml_description(Sys::Virt::Domain::XML_INACTIVE), qr{<domain type='test'}, 'get_xml_description(flags)');
is_deeply($dom->get_scheduler_parameters(), { weight => 50 }, 'get_scheduler_parameters');

$dom->set_autostart(1);
is($dom->get_autostart(), 1, 'set_autostart');
$dom->set_autostart(0);

# a new domain: define, start, pause, resume, stop, undefine
my $xml = <<'XML';
<domain type='test'>
  <name>perl-dom</name>
  <memory unit='KiB'>262144</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu>2</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>
XML
my $new = $conn->define_domain($xml);
isa_ok($new, 'Sys::Virt::Domain');
is($new->get_name(), 'perl-dom', 'defined');
ok(!$new->is_active(), 'defined, not running');
is($new->get_id(), -1, 'an inactive domain has id -1');
is_deeply([$conn->list_defined_domain_names(10)], ['perl-dom'], 'listed as defined');
is(($new->get_state())[0], Sys::Virt::Domain::STATE_SHUTOFF, 'shut off');

$new->create();
ok($new->is_active(), 'create starts it');
is(($new->get_state())[0], Sys::Virt::Domain::STATE_RUNNING, 'running');
ok($new->get_id() > 0, 'a running domain has an id');

eval { $new->create() };
isa_ok($@, 'Sys::Virt::Error', 'starting it twice');
is($@->code, Sys::Virt::Error::ERR_INTERNAL_ERROR, 'ERR_INTERNAL_ERROR, as libvirt\'s test driver says');

$new->suspend();
is(($new->get_state())[0], Sys::Virt::Domain::STATE_PAUSED, 'suspend');
$new->resume();
is(($new->get_state())[0], Sys::Virt::Domain::STATE_RUNNING, 'resume');

$new->set_memory(131072);
is($new->get_info()->{memory}, 131072, 'set_memory');
$new->set_vcpus(1, Sys::Virt::Domain::VCPU_LIVE);
is($new->get_info()->{nrVirtCpu}, 1, 'set_vcpus with flags');

$new->destroy();
ok(!$new->is_active(), 'destroy');
is(($new->get_state())[0], Sys::Virt::Domain::STATE_SHUTOFF, 'shut off again');

$new->undefine();
eval { $conn->get_domain_by_name('perl-dom') };
is($@->code, 42, 'undefine: gone');

# a transient domain: create_domain starts it; destroying it removes it
my $tr = $conn->create_domain($xml =~ s/perl-dom/perl-transient/r);
ok($tr->is_active(), 'create_domain starts it');
ok(!$tr->is_persistent(), 'and it is transient');
$tr->destroy();
eval { $conn->get_domain_by_name('perl-transient') };
is($@->code, 42, 'a destroyed transient domain is gone');

# a handle outliving its connection object still works (the domain keeps a
# reference to the connection, as in libvirt)
my $held = do { Sys::Virt->new(uri => 'test:///default')->get_domain_by_name('test') };
is($held->get_name(), 'test', 'a domain outlives its Sys::Virt object');

# bad XML
eval { $conn->define_domain('<domain') };
isa_ok($@, 'Sys::Virt::Error', 'define_domain with bad XML');
is($@->code, Sys::Virt::Error::ERR_XML_DETAIL, 'ERR_XML_DETAIL');

done_testing();
