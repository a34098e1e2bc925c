# Everyday work over test:///default, with Sys-Virt's methods: snapshots,
# volumes, networks, secrets, domain changes.  Each line: how many values
# came back and what (numbers marked with #), or the error.
use strict;
use warnings;
use Sys::Virt;
use B;
use Data::Dumper;
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
    return (B::svref_2object(\$v)->FLAGS & B::SVf_POK ? '' : '#') . "$v";
}

sub t {
    my ($name, $code) = @_;
    my @r = eval { $code->() };
    my $e = $@;
    my $what = !$e ? scalar(@r) . ' ' . Dumper(plain(\@r))
             : ref $e ? 'ERR ' . $e->code . '/' . $e->domain . ' ' . $e->message
             : 'ERR ' . ($e =~ s/ at .*//sr);
    $what =~ s/\d{9,}/N/g;
    print "$name: $what\n";
}

my $c = Sys::Virt->new(uri => 'test:///default');
my $d = $c->get_domain_by_name('test');
# snapshots
t(create_snapshot => sub { ref $d->create_snapshot("<domainsnapshot><name>s1</name></domainsnapshot>") });
t(create_snapshot2 => sub { ref $d->create_snapshot("<domainsnapshot><name>s2</name></domainsnapshot>", 0) });
t(num_of_snapshots => sub { $d->num_of_snapshots() });
t(list_snapshot_names => sub { sort $d->list_snapshot_names($d->num_of_snapshots()) });
t(list_snapshots => sub { sort map { $_->get_name } $d->list_snapshots() });
t(list_all_snapshots => sub { sort map { $_->get_name } $d->list_all_snapshots() });
t(has_current_snapshot => sub { $d->has_current_snapshot() });
t(current_snapshot => sub { $d->current_snapshot()->get_name });
my $s1 = $d->get_snapshot_by_name('s1');
t(snap_name => sub { $s1->get_name });
t(snap_is_current => sub { $s1->is_current });
t(snap_has_metadata => sub { $s1->has_metadata });
t(snap_parent => sub { $d->get_snapshot_by_name('s2')->get_parent->get_name });
t(snap_num_children => sub { $s1->num_of_child_snapshots });
t(snap_list_children => sub { $s1->list_child_snapshot_names($s1->num_of_child_snapshots) });
t(snap_list_all_children => sub { map { $_->get_name } $s1->list_all_children });
t(snap_revert => sub { $s1->revert_to() });
t(snap_delete => sub { $d->get_snapshot_by_name('s2')->delete() });
t(snap_missing => sub { $d->get_snapshot_by_name('nope') });
# storage
my $p = $c->get_storage_pool_by_name('default-pool');
t(create_volume => sub { $p->create_volume("<volume><name>v1.img</name><capacity>1048576</capacity></volume>")->get_name });
my $v = $p->get_volume_by_name('v1.img');
t(vol_info => sub { $v->get_info });
t(vol_path => sub { $v->get_path });
t(vol_by_path => sub { $c->get_storage_volume_by_path($v->get_path)->get_name });
t(vol_by_key => sub { $c->get_storage_volume_by_key($v->get_key)->get_name });
t(vol_resize => sub { $v->resize(2097152) });
t(vol_info2 => sub { $v->get_info });
t(vol_wipe => sub { $v->wipe() });
t(clone => sub { $p->clone_volume("<volume><name>v2.img</name><capacity>1048576</capacity></volume>", $v)->get_name });
t(pool_vols => sub { sort map { $_->get_name } $p->list_all_volumes });
t(pool_by_volume => sub { $c->get_storage_pool_by_volume($v)->get_name });
t(vol_delete => sub { $v->delete() });
t(vol_missing => sub { $p->get_volume_by_name('v1.img') });
# networks
my $net = $c->define_network("<network><name>n2</name><bridge name='virbr9'/><ip address='10.9.9.1' netmask='255.255.255.0'/></network>");
t(net_name => sub { $net->get_name });
t(net_active => sub { $net->is_active });
t(net_create => sub { $net->create });
t(net_bridge => sub { $net->get_bridge_name });
t(net_list => sub { sort map { $_->get_name } $c->list_all_networks });
t(net_destroy => sub { $net->destroy });
t(net_undefine => sub { $net->undefine });
t(net_missing => sub { $c->get_network_by_name('n2') });
# secrets
my $sec;
t(define_secret => sub {
    $sec = $c->define_secret("<secret ephemeral='no' private='no'><usage type='volume'><volume>/tmp/s</volume></usage></secret>");
    ref $sec;
});
if ($sec) {
    t(sec_usage => sub { $sec->get_usage_type, $sec->get_usage_id });
    t(sec_set => sub { $sec->set_value("hunter2") });
    t(sec_get => sub { $sec->get_value });
    t(sec_by_usage => sub { ref $c->get_secret_by_usage(Sys::Virt::Secret::USAGE_TYPE_VOLUME, '/tmp/s') });
    t(sec_undefine => sub { $sec->undefine });
}
# domain misc
t(set_max_memory => sub { $d->set_max_memory(4194304) });
t(set_memory => sub { $d->set_memory(1048576) });
t(info => sub { my $i = $d->get_info; delete $i->{cpuTime}; $i });
t(set_metadata => sub { $d->set_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION, "hello", undef, undef) });
t(get_metadata => sub { $d->get_metadata(Sys::Virt::Domain::METADATA_DESCRIPTION) });
t(attach => sub { $d->attach_device("<interface type='network'><source network='default'/><mac address='52:54:00:00:00:09'/></interface>") });
t(detach => sub { $d->detach_device("<interface type='network'><source network='default'/><mac address='52:54:00:00:00:09'/></interface>") });
t(send_key => sub { $d->send_key(Sys::Virt::Domain::KEYCODE_SET_LINUX, 100, [28]) });
t(shutdown => sub { $d->shutdown });
t(state => sub { $d->get_state });
t(managed_save => sub { $d->create; $d->managed_save; $d->has_managed_save_image });
t(undefine_bad => sub { $d->undefine });
