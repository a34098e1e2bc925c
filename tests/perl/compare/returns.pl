# What methods give back: Sys-Virt's actions and setters return an empty
# list (not 0); queries return their value.  A failure prints its code.
use strict;
use warnings;
use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

sub show {
    my ($name, $code) = @_;
    my @r = eval { $code->() };
    if ($@) {
        print "$name: error ", (ref($@) ? $@->code : $@), "\n";
        return;
    }
    print "$name: ", scalar(@r), ' [', join(',', map { defined $_ ? $_ : 'undef' } @r), "]\n";
}

show(suspend => sub { $dom->suspend() });
show(resume => sub { $dom->resume() });
show(is_active => sub { $dom->is_active() });
show(set_memory => sub { $dom->set_memory(1024 * 1024) });
show(set_autostart => sub { $dom->set_autostart(1) });
show(get_autostart => sub { $dom->get_autostart() });
show(set_vcpus => sub { $dom->set_vcpus(1) });
show(get_max_vcpus => sub { $dom->get_max_vcpus() });
show(get_vcpus => sub { $dom->get_vcpus() });
show(get_vcpus_config => sub { $dom->get_vcpus(Sys::Virt::Domain::VCPU_CONFIG | Sys::Virt::Domain::VCPU_MAXIMUM) });
show(migrate2 => sub { $dom->migrate2($conn, undef, 0, undef, undef, 0) });
show(set_scheduler_parameters => sub { $dom->set_scheduler_parameters({ weight => 10 }) });
show(set_memory_parameters => sub { $dom->set_memory_parameters({}) });
show(set_blkio_parameters => sub { $dom->set_blkio_parameters({}) });
show(reset => sub { $dom->reset() });
show(reboot => sub { $dom->reboot() });
show(shutdown => sub { $dom->shutdown() });
show(create => sub { $dom->create() });
show(managed_save => sub { $dom->managed_save() });
show(has_managed_save_image => sub { $dom->has_managed_save_image() });
show(managed_save_remove => sub { $dom->managed_save_remove() });
show(destroy => sub { $dom->destroy() });
show(undefine => sub { $dom->undefine() });
show(num_of_domains => sub { $conn->num_of_domains() });
show(is_alive => sub { $conn->is_alive() });
my $net = $conn->get_network_by_name('default');
show('network destroy' => sub { $net->destroy() });
show('network create' => sub { $net->create() });
show('network set_autostart' => sub { $net->set_autostart(0) });
my $pool = $conn->get_storage_pool_by_name('default-pool');
show('pool refresh' => sub { $pool->refresh() });
show('pool set_autostart' => sub { $pool->set_autostart(0) });
show('pool num_of_storage_volumes' => sub { $pool->num_of_storage_volumes() });
my $st = $conn->new_stream();
show('stream abort' => sub { $st->abort() });
