# Events of networks, storage pools, node devices and secrets through the
# default loop: the callback gets ($conn, $object, $event, $detail) for
# lifecycle events.  Run under both Sys-Virts by 03-compare-reference.t.
use strict;
use warnings;
use Sys::Virt;

$| = 1;
Sys::Virt::Event::register_default();
my $c = Sys::Virt->new(uri => 'test:///default');
# one turn of the loop; a 3 s timer ends it should no event come
sub run_once {
    my $guard = Sys::Virt::Event::add_timeout(3000, sub { });
    Sys::Virt::Event::run_default();
    Sys::Virt::Event::remove_timeout($guard);
}
my @seen;
my $show = sub {
    my ($conn, $obj, @rest) = @_;
    return join ' ', ($conn == $c ? 'same-conn' : ref $conn), ref($obj), $obj->get_name, @rest;
};
my $net_id = $c->network_event_register_any(undef, Sys::Virt::Network::EVENT_ID_LIFECYCLE,
                                            sub { push @seen, 'network: ' . $show->(@_) });
my $pool_id = $c->storage_pool_event_register_any(undef, Sys::Virt::StoragePool::EVENT_ID_LIFECYCLE,
                                                  sub { push @seen, 'pool: ' . $show->(@_) });
my $refresh_id = $c->storage_pool_event_register_any(undef, Sys::Virt::StoragePool::EVENT_ID_REFRESH,
                                                     sub { push @seen, 'pool refresh: ' . $show->(@_) });
my $dev_id = eval { $c->node_device_event_register_any(undef, Sys::Virt::NodeDevice::EVENT_ID_LIFECYCLE,
                                                       sub { push @seen, 'device: ' . $show->(@_) }) };
print 'ids: ', join(' ', map { defined $_ ? $_ : 'undef' } $net_id, $pool_id, $refresh_id, $dev_id), "\n";
eval { $c->node_device_event_register_any(undef, 999, sub { }) };
print 'unknown event id: ', (ref $@ ? join('/', $@->code, $@->domain, $@->message) : $@), "\n";

my $net = $c->get_network_by_name('default');
$net->destroy;
$net->create;
my $pool = $c->get_storage_pool_by_name('default-pool');
$pool->refresh;
$pool->destroy;
$pool->create;
run_once();
print "$_\n" for @seen;

@seen = ();
$c->network_event_deregister_any($net_id);
$c->storage_pool_event_deregister_any($pool_id);
$c->storage_pool_event_deregister_any($refresh_id);
$c->node_device_event_deregister_any($dev_id) if defined $dev_id;
$net->destroy;
$net->create;
run_once();
print 'after deregistering: ', scalar(@seen), " events\n";
