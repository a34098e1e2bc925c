# Networks, storage pools and volumes, snapshots (and the other objects'
# lists) through Sys::Virt against test:///default, under Sys-Virt's names.
use strict;
use warnings;
use Test::More;

use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');

# ---- networks ----
is_deeply([$conn->list_network_names($conn->num_of_networks())], ['default'], 'list_network_names');
is_deeply([map { $_->get_name() } $conn->list_networks()], ['default'], 'list_networks');
is_deeply([$conn->list_defined_network_names($conn->num_of_defined_networks())], [], 'list_defined_network_names');
my $net = $conn->get_network_by_name('default');
isa_ok($net, 'Sys::Virt::Network');
ok($net->is_active(), 'network is_active');
is($conn->get_network_by_uuid($net->get_uuid_string())->get_name(), 'default', 'get_network_by_uuid (string)');
is($conn->get_network_by_uuid($net->get_uuid())->get_name(), 'default', 'get_network_by_uuid (raw)');
like($net->get_xml_description(), qr{<name>default</name>}, 'network get_xml_description');
is($net->get_bridge_name(), 'virbr0', 'get_bridge_name');

my $netxml = "<network><name>perlnet</name><bridge name='perlbr0'/>"
           . "<ip address='192.168.150.1' netmask='255.255.255.0'/></network>";
my $pn = $conn->define_network($netxml);
is_deeply([$conn->list_defined_network_names($conn->num_of_defined_networks())], ['perlnet'], 'define_network');
$pn->create();
ok($pn->is_active(), 'network create');
is($conn->num_of_networks(), 2, 'num_of_networks');
$pn->destroy();
$pn->undefine();
eval { $conn->get_network_by_name('perlnet') };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_NO_NETWORK, 'undefined network is gone');

# ---- storage ----
is_deeply([$conn->list_storage_pool_names($conn->num_of_storage_pools())], ['default-pool'], 'list_storage_pool_names');
my ($pool) = $conn->list_storage_pools();
isa_ok($pool, 'Sys::Virt::StoragePool');
is($pool->get_name(), 'default-pool', 'pool get_name');
my $pinfo = $pool->get_info();
is($pinfo->{state}, Sys::Virt::StoragePool::STATE_RUNNING, 'pool info state');
is_deeply([$pool->list_storage_vol_names($pool->num_of_storage_volumes())], [], 'no volumes yet');
my $vol = $pool->create_volume("<volume><name>perl.img</name><capacity unit='M'>8</capacity></volume>");
isa_ok($vol, 'Sys::Virt::StorageVol');
is_deeply([$pool->list_storage_vol_names($pool->num_of_storage_volumes())], ['perl.img'], 'create_volume');
is($pool->num_of_storage_volumes(), 1, 'num_of_storage_volumes');
is_deeply([map { $_->get_name() } $pool->list_volumes()], ['perl.img'], 'list_volumes');
is($pool->get_volume_by_name('perl.img')->get_path(), $vol->get_path(), 'get_volume_by_name');
is($conn->get_storage_pool_by_volume($vol)->get_name(), 'default-pool', 'get_storage_pool_by_volume');
is($vol->get_info()->{capacity}, 8 * 1024 * 1024, 'volume capacity');
my $clone = $pool->clone_volume("<volume><name>perl2.img</name><capacity unit='M'>8</capacity></volume>", $vol);
is($clone->get_name(), 'perl2.img', 'clone_volume');
$clone->delete();
$vol->delete();
is($pool->num_of_storage_volumes(), 0, 'volumes deleted');

# ---- snapshots ----
my $dom = $conn->get_domain_by_name('test');
is($dom->num_of_snapshots(), 0, 'num_of_snapshots');
my $s1 = $dom->create_snapshot('<domainsnapshot><name>s1</name></domainsnapshot>');
isa_ok($s1, 'Sys::Virt::DomainSnapshot');
my $s2 = $dom->create_snapshot('<domainsnapshot><name>s2</name></domainsnapshot>');
is_deeply([sort $dom->list_snapshot_names($dom->num_of_snapshots())], [qw(s1 s2)], 'list_snapshot_names');
is_deeply([sort map { $_->get_name() } $dom->list_snapshots()], [qw(s1 s2)], 'list_snapshots');
is($dom->current_snapshot()->get_name(), 's2', 'current_snapshot');
ok($dom->has_current_snapshot(), 'has_current_snapshot');
is($dom->get_snapshot_by_name('s1')->get_name(), 's1', 'get_snapshot_by_name');
is($s1->num_of_child_snapshots(), 1, 'num_of_child_snapshots');
is_deeply([$s1->list_child_snapshot_names($s1->num_of_child_snapshots())], ['s2'], 'list_child_snapshot_names');
is_deeply([map { $_->get_name() } $s1->list_child_snapshots()], ['s2'], 'list_child_snapshots');
is($s2->get_parent()->get_name(), 's1', 'get_parent');
like($s1->get_xml_description(), qr{<name>s1</name>}, 'snapshot get_xml_description');
$s1->revert_to();
is($dom->current_snapshot()->get_name(), 's1', 'revert_to');
$s2->delete();
$s1->delete();
is($dom->num_of_snapshots(), 0, 'snapshots deleted');
eval { $dom->get_snapshot_by_name('s1') };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_NO_DOMAIN_SNAPSHOT, 'deleted snapshot is gone');

# ---- the other objects' lists ----
is_deeply([sort $conn->list_interface_names($conn->num_of_interfaces())], [sort map { $_->get_name() } $conn->list_interfaces()],
          'list_interface_names and list_interfaces agree');
my ($iface) = $conn->list_interfaces();
is($conn->get_interface_by_mac($iface->get_mac())->get_name(), $iface->get_name(), 'get_interface_by_mac');
is(scalar(my @devs = $conn->list_node_device_names(undef, $conn->num_of_node_devices(undef))), $conn->num_of_node_devices(undef), 'list_node_device_names');
my ($dev) = $conn->list_node_devices();
ok(scalar(my @caps = $dev->list_capabilities()) >= 1, 'list_capabilities');
# the test driver has no secrets driver, as libvirt's
eval { $conn->list_secret_uuids($conn->num_of_secrets()) };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'list_secret_uuids: no secrets driver');
eval { $conn->list_nwfilter_names($conn->num_of_nwfilters()) };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'list_nwfilter_names: no nwfilter driver');

done_testing();
