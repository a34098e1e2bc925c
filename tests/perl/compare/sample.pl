# A small Sys::Virt script whose output must be the same under Debian's
# Sys-Virt (over libvirt) and virtkit's (tests/perl/03-compare-reference.t).
# Values that change from run to run (CPU time) are masked.
use strict;
use warnings;
use Sys::Virt;
use Data::Dumper;

$Data::Dumper::Sortkeys = 1;
$Data::Dumper::Indent = 1;

my $conn = Sys::Virt->new(uri => 'test:///default');
print join(' ', ref($conn), $conn->get_uri, $conn->get_type, $conn->get_max_vcpus('test')), "\n";
print Dumper($conn->get_node_info);
print 'domains: ', join(',', map { $_->get_name } $conn->list_all_domains), "\n";
print 'ids: ', join(',', $conn->list_domain_ids($conn->num_of_domains)), "\n";

my $dom = $conn->get_domain_by_name('test');
my $info = $dom->get_info;
$info->{cpuTime} = 'X';
print Dumper($info, [$dom->get_state], $dom->get_id, $dom->get_os_type,
             $dom->get_max_memory, $dom->get_autostart, $dom->is_active,
             $dom->is_persistent, $dom->get_scheduler_parameters,
             $dom->get_uuid_string, unpack('H*', $dom->get_uuid));

my $xml = "<domain type='test'><name>cmp</name><memory>262144</memory>"
        . "<os><type>hvm</type></os></domain>";
my $new = $conn->define_domain($xml);
print 'defined: ', $new->get_name, ' ', $new->get_id, ' ', $new->is_active, "\n";
$new->create;
print 'started: ', join(',', $new->get_state), "\n";
$new->suspend;
print 'suspended: ', join(',', $new->get_state), "\n";
$new->resume;
print 'resumed: ', join(',', $new->get_state), "\n";
$new->destroy;
print 'destroyed: ', join(',', $new->get_state), "\n";
$new->undefine;

for my $bad (sub { $conn->get_domain_by_name('nope') },
             sub { $dom->create },
             sub { Sys::Virt->new(uri => 'test:///default', readonly => 1)
                       ->get_domain_by_name('test')->destroy }) {
    eval { $bad->() };
    print ref($@), ' ', $@->code, ' ', $@->domain, ' ', $@->level, ' ', $@;
}
print Sys::Virt::Domain::STATE_RUNNING, ' ', Sys::Virt::Domain::STATE_SHUTOFF, ' ',
      Sys::Virt::CONNECT_RO, ' ', Sys::Virt::Error::ERR_NO_DOMAIN, "\n";
