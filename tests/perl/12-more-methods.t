# The calls reached through hand-written glue: typed parameters with no
# getter (tables of field types), string and descriptor lists, security
# labels, sparse stream transfers, stream and close callbacks; with the
# errors the test hypervisor gives for what it does not support.
use strict;
use warnings;
use Test::More;

use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

# dies with a Sys::Virt::Error of CODE and DOMAIN whose message matches RE
sub fails_with {
    my ($code, $want_code, $want_domain, $re, $name) = @_;
    eval { $code->() };
    my $e = $@;
    subtest $name => sub {
        isa_ok($e, 'Sys::Virt::Error');
        return unless ref $e;
        is($e->code, $want_code, 'code');
        is($e->domain, $want_domain, 'domain');
        like($e->message, $re, 'message');
    };
}
my $NO_SUPPORT = Sys::Virt::Error::ERR_NO_SUPPORT;

# typed parameters: the field types come from the glue's tables
$dom->add_iothread(7);
is_deeply([$dom->set_iothread(7, { Sys::Virt::Domain::IOTHREAD_PARAM_POLL_MAX_NS => 32768,
                                   Sys::Virt::Domain::IOTHREAD_PARAM_POLL_GROW => 2 })], [],
          'set_iothread returns nothing');
fails_with(sub { $dom->set_iothread(99, { Sys::Virt::Domain::IOTHREAD_PARAM_POLL_GROW => 2 }) },
           Sys::Virt::Error::ERR_INVALID_ARG, Sys::Virt::Error::FROM_TEST, qr/cannot find IOThread '99'/,
           'set_iothread of an unknown IOThread');
eval { $dom->set_iothread(7, [1]) };
like($@, qr/^Sys::Virt::Domain::set_iothread: newparams is not a HASH reference at \Q${\__FILE__}\E line \d+\.$/,
     'set_iothread wants a hash, and says so at the caller\'s line');
fails_with(sub { $conn->set_identity({ Sys::Virt::IDENTITY_USER_NAME => 'me', Sys::Virt::IDENTITY_PROCESS_ID => 42 }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virConnectSetIdentity/, 'set_identity reaches the driver');
fails_with(sub { $dom->block_copy('vda', '<disk/>', { Sys::Virt::Domain::BLOCK_COPY_GRANULARITY => 512 }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virDomainBlockCopy/, 'block_copy reaches the driver');
fails_with(sub { $dom->set_launch_security_state({ Sys::Virt::Domain::LAUNCH_SECURITY_SEV_SECRET => 's' }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virDomainSetLaunchSecurityState/, 'set_launch_security_state');
fails_with(sub { $dom->migrate($conn, { Sys::Virt::Domain::MIGRATE_PARAM_BANDWIDTH => 10 }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virDomainMigrate3/, 'migrate with a hash: virDomainMigrate3');
fails_with(sub { $dom->migrate_to_uri('test:///default', { Sys::Virt::Domain::MIGRATE_PARAM_MIGRATE_DISKS => ['vda', 'vdb'] }) },
           Sys::Virt::Error::ERR_ARGUMENT_UNSUPPORTED, Sys::Virt::Error::FROM_DOMAIN, qr/direct migration/,
           'migrate_to_uri with a hash (a list for migrate_disks)');
fails_with(sub { $dom->save('/nonexistent/x.img', undef, { }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virDomainSaveParams/, 'save with params: virDomainSaveParams');
fails_with(sub { $conn->restore_domain('/nonexistent/x.img', undef, { }) },
           $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN, qr/virDomainRestoreParams/, 'restore_domain with params');

# lists of strings
is_deeply([$dom->get_messages()], [], 'get_messages: nothing on the test hypervisor');
fails_with(sub { $dom->get_messages(1 << 20) }, Sys::Virt::Error::ERR_INVALID_ARG, Sys::Virt::Error::FROM_DOMAIN,
           qr/unsupported flags/, 'get_messages with an unknown flag');
fails_with(sub { $dom->authorized_ssh_keys_get('root') }, $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN,
           qr/virDomainAuthorizedSSHKeysGet/, 'authorized_ssh_keys_get');
fails_with(sub { $dom->authorized_ssh_keys_set('root', ['ssh-ed25519 AAAA u@h']) }, $NO_SUPPORT,
           Sys::Virt::Error::FROM_DOMAIN, qr/virDomainAuthorizedSSHKeysSet/, 'authorized_ssh_keys_set');
eval { $dom->authorized_ssh_keys_set('root', 'not a list') };
like($@, qr/keys must be an array reference/, 'authorized_ssh_keys_set wants a list');
my $haswell = '<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor></cpu>';
my $broadwell = '<cpu><arch>x86_64</arch><model>Broadwell</model><vendor>Intel</vendor></cpu>';
like($conn->baseline_cpu([$haswell, $broadwell]), qr{<model fallback='allow'>Haswell</model>},
     'baseline_cpu of two generations is the older one');
like($conn->baseline_cpu([$haswell], Sys::Virt::BASELINE_CPU_EXPAND_FEATURES),
     qr{<feature policy='require' name='avx2'/>}, 'baseline_cpu expands the features');
fails_with(sub { $conn->baseline_cpu(['<cpu/>']) }, Sys::Virt::Error::ERR_XML_ERROR, Sys::Virt::Error::FROM_CPU,
           qr/Missing CPU architecture/, 'baseline_cpu of a CPU without architecture');
fails_with(sub { $conn->baseline_hypervisor_cpu(undef, 'x86_64', undef, undef, ['<cpu/>']) }, $NO_SUPPORT,
           Sys::Virt::Error::FROM_DOMAIN, qr/virConnectBaselineHypervisorCPU/, 'baseline_hypervisor_cpu');

# security labels
my $label = $dom->get_security_label();
is_deeply([sort keys %$label], [qw(enforcing label)], 'get_security_label: a hash');
fails_with(sub { $dom->get_security_label_list() }, $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN,
           qr/virDomainGetSecurityLabelList/, 'get_security_label_list');
is_deeply([sort keys %{$conn->get_node_security_model()}], [qw(doi model)], 'get_node_security_model: a hash');

# file descriptors
my $new = $conn->create_domain_with_files(
    "<domain type='test'><name>withfiles</name><memory>1024</memory><os><type>hvm</type></os></domain>", []);
isa_ok($new, 'Sys::Virt::Domain', 'create_domain_with_files');
is($new->get_name(), 'withfiles', '... the domain asked for');
is($new->is_active(), 1, '... running');
my $def = $conn->define_domain(
    "<domain type='test'><name>later</name><memory>1024</memory><os><type>hvm</type></os></domain>");
is_deeply([$def->create_with_files([])], [], 'create_with_files returns nothing');
is($def->is_active(), 1, '... and starts the domain');
fails_with(sub { $def->create_with_files([]) }, Sys::Virt::Error::ERR_INTERNAL_ERROR, Sys::Virt::Error::FROM_TEST,
           qr/already running/, 'create_with_files of a running domain');
eval { $def->create_with_files(3) };
like($@, qr/fds must be an array reference/, 'create_with_files wants a list');
fails_with(sub { $dom->fd_associate('fds', [0]) }, $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN,
           qr/virDomainFDAssociate/, 'fd_associate');

# huge pages
fails_with(sub { $conn->node_alloc_pages([[2048, 4]], 0, 0) }, $NO_SUPPORT, Sys::Virt::Error::FROM_DOMAIN,
           qr/virNodeAllocPages/, 'node_alloc_pages');
eval { $conn->node_alloc_pages([2048], 0, 0) };
like($@, qr/\[size, count\]/, 'node_alloc_pages wants [size, count] pairs');

# names Sys-Virt gives beside the generator's rules
my $iface = $conn->create_interface("<interface type='ethernet' name='eth9'><start mode='onboot'/>"
                                    . "<mac address='aa:bb:cc:dd:ee:09'/></interface>");
isa_ok($iface, 'Sys::Virt::Interface', 'create_interface');
is($conn->get_interface_by_name('eth9')->get_mac(), 'aa:bb:cc:dd:ee:09', '... defines the interface');
is($dom->get_vcpus(), 2, 'get_vcpus: the live count');
fails_with(sub { $dom->migrate_to_uri2('test:///default', undef, undef, 0, undef, 0) },
           Sys::Virt::Error::ERR_ARGUMENT_UNSUPPORTED, Sys::Virt::Error::FROM_DOMAIN, qr/direct migration/,
           'migrate_to_uri2');

# callbacks
is_deeply([$conn->register_close_callback(sub { })], [], 'register_close_callback returns nothing');
is_deeply([$conn->unregister_close_callback()], [], 'unregister_close_callback returns nothing');
eval { $conn->register_close_callback('not code') };
like($@, qr/callback must be a code reference/, 'register_close_callback wants code');

my $st = $conn->new_stream();
fails_with(sub { $st->add_callback(Sys::Virt::Stream::EVENT_READABLE, sub { }) }, $NO_SUPPORT,
           Sys::Virt::Error::FROM_STREAMS, qr/virStreamEventAddCallback/, 'stream add_callback');
fails_with(sub { $st->update_callback(Sys::Virt::Stream::EVENT_WRITABLE) }, $NO_SUPPORT,
           Sys::Virt::Error::FROM_STREAMS, qr/virStreamEventUpdateCallback/, 'stream update_callback');
fails_with(sub { $st->remove_callback() }, $NO_SUPPORT, Sys::Virt::Error::FROM_STREAMS,
           qr/virStreamEventRemoveCallback/, 'stream remove_callback');

# sparse transfers: the handlers are called in libvirt's order
my @calls;
my $out = $conn->new_stream();
is_deeply([$out->sparse_send_all(sub { push @calls, "data $_[2]"; 0 },
                                 sub { push @calls, 'hole ' . ref($_[0]); (1, 0) },
                                 sub { push @calls, 'skip'; 0 })], [],
          'sparse_send_all returns nothing');
like(join(',', @calls), qr/^hole Sys::Virt::Stream,data \d+$/, 'sparse_send_all asks for a hole, then data');
my $shot = $conn->new_stream();
$dom->screenshot($shot, 0);
fails_with(sub { $shot->sparse_recv_all(sub { $_[2] }, sub { 0 }) }, $NO_SUPPORT, Sys::Virt::Error::FROM_STREAMS,
           qr/virStreamRecvFlags/, 'sparse_recv_all needs virStreamRecvFlags');
eval { $shot->abort() };
done_testing();
