# Methods over the less common calls: typed parameters with no getter,
# string and descriptor lists, security labels, close and stream
# callbacks.  The test hypervisor supports few of them, so most lines are
# the error each gives (code/domain/message); what matters is that the
# call reaches the library the same way.
use strict;
use warnings;
use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

sub show {
    my ($name, $code) = @_;
    my @r = eval { $code->() };
    if (my $e = $@) {
        print "$name: ", (ref $e ? 'error ' . join('/', $e->code, $e->domain, $e->message) : $e), "\n";
        return;
    }
    print "$name: ", scalar(@r), ' [', join(',', map {
        ref $_ eq 'HASH' ? '{' . join(',', sort keys %$_) . '}' : ref $_ ? ref $_ : defined $_ ? $_ : 'undef'
    } @r), "]\n";
}

my $xml = "<domain type='test'><name>%s</name><memory>1024</memory><os><type>hvm</type></os></domain>";
show(get_messages => sub { $dom->get_messages() });
show(get_messages_flags => sub { $dom->get_messages(Sys::Virt::Domain::MESSAGE_DEPRECATION) });
show(get_security_label => sub { $dom->get_security_label() });
show(get_security_label_list => sub { $dom->get_security_label_list() });
show(get_node_security_model => sub { $conn->get_node_security_model() });
show(authorized_ssh_keys_get => sub { $dom->authorized_ssh_keys_get('root') });
show(authorized_ssh_keys_set => sub { $dom->authorized_ssh_keys_set('root', ['ssh-ed25519 AAAA user@host']) });
my $cpu = "<cpu><arch>x86_64</arch><model>%s</model><vendor>Intel</vendor><feature name='vmx'/></cpu>";
show(baseline_cpu => sub { $conn->baseline_cpu([sprintf($cpu, 'Haswell'), sprintf($cpu, 'SandyBridge')]) });
show(baseline_cpu_expand => sub {
    $conn->baseline_cpu([sprintf($cpu, 'Nehalem')], Sys::Virt::BASELINE_CPU_EXPAND_FEATURES)
});
show(baseline_cpu_bad => sub { $conn->baseline_cpu([sprintf($cpu, 'Bogus')]) });
show(baseline_hypervisor_cpu => sub {
    $conn->baseline_hypervisor_cpu(undef, 'x86_64', undef, undef, ['<cpu><arch>x86_64</arch><model>qemu64</model></cpu>'])
});
show(node_alloc_pages => sub { $conn->node_alloc_pages([[2048, 1]], 0, 0) });
show(set_iothread => sub { $dom->set_iothread(1, { Sys::Virt::Domain::IOTHREAD_PARAM_POLL_MAX_NS => 100 }) });
show(set_iothread_not_hash => sub { $dom->set_iothread(1, 'x') });
show(set_launch_security_state_not_hash => sub { $dom->set_launch_security_state('x') });
show(set_identity => sub { $conn->set_identity({ Sys::Virt::IDENTITY_USER_NAME => 'me' }) });
show(set_identity_not_hash => sub { $conn->set_identity('x') });
show(block_copy => sub {
    $dom->block_copy('vda', "<disk type='file'><source file='/tmp/x'/></disk>",
                     { Sys::Virt::Domain::BLOCK_COPY_BANDWIDTH => 100 })
});
show(block_copy_not_hash => sub { $dom->block_copy('vda', '<disk/>', 'x') });
show(migrate_params => sub { $dom->migrate($conn, { Sys::Virt::Domain::MIGRATE_PARAM_DEST_NAME => 'x' }, 0) });
show(migrate_positional => sub { $dom->migrate($conn, Sys::Virt::Domain::MIGRATE_LIVE, 'x', undef, 0) });
show(migrate2 => sub { $dom->migrate2($conn, undef, 0, 'x', undef, 0) });
show(migrate_to_uri_positional => sub { $dom->migrate_to_uri('test:///default', 0, 'x', 0) });
show(migrate_to_uri_params => sub {
    $dom->migrate_to_uri('test:///default', { Sys::Virt::Domain::MIGRATE_PARAM_DEST_NAME => 'x',
                                              Sys::Virt::Domain::MIGRATE_PARAM_MIGRATE_DISKS => ['vda', 'vdb'] }, 0)
});
show(create_with_files_running => sub { $dom->create_with_files([]) });
show(create_domain_with_files => sub { $conn->create_domain_with_files(sprintf($xml, 'withfiles'), []) });
show(fd_associate => sub { $dom->fd_associate('x', [0]) });
show(save_params => sub { $dom->save('/nonexistent/save.img', undef, {}) });
show(restore_params => sub { $conn->restore_domain('/nonexistent/save.img', undef, {}) });
show(register_close_callback => sub { $conn->register_close_callback(sub { }) });
show(unregister_close_callback => sub { $conn->unregister_close_callback() });
my $st = $conn->new_stream();
show(add_callback => sub { $st->add_callback(Sys::Virt::Stream::EVENT_READABLE, sub { }) });
show(update_callback => sub { $st->update_callback(Sys::Virt::Stream::EVENT_WRITABLE) });
show(remove_callback => sub { $st->remove_callback() });
my $shot = $conn->new_stream();
$dom->screenshot($shot, 0);
show(sparse_recv_all => sub { $shot->sparse_recv_all(sub { $_[2] }, sub { 0 }) });
eval { $shot->abort() };
my @calls;
my $out = $conn->new_stream();
show(sparse_send_all => sub {
    $out->sparse_send_all(sub { push @calls, 'data'; 0 }, sub { push @calls, 'hole'; (1, 0) }, sub { push @calls, 'skip'; 0 })
});
print 'sparse_send_all handlers: ', join(',', @calls), "\n";

# typed-parameter setters with and without flags (the field types are
# learnt from the getter, asked without flags)
for my $flags (0, Sys::Virt::Domain::AFFECT_LIVE, Sys::Virt::Domain::AFFECT_CONFIG) {
    show("set_scheduler_parameters($flags)" => sub { $dom->set_scheduler_parameters({ weight => 10 }, $flags) });
    show("set_blkio_parameters($flags)" => sub { $dom->set_blkio_parameters({}, $flags) });
    show("set_memory_parameters($flags)" => sub { $dom->set_memory_parameters({}, $flags) });
    show("set_node_memory_parameters($flags)" => sub { $conn->set_node_memory_parameters({}, $flags) });
}
