# The QEMU and LXC side APIs, which Sys-Virt does not offer: reachable as
# virtkitperl:: functions, descriptor arrays as Perl lists.
use strict;
use warnings;
use Test::More;
use POSIX ();

use Sys::Virt;

my $conn = Sys::Virt->new(uri => 'test:///default');
my $dom = $conn->get_domain_by_name('test');

sub no_support {
    my ($code, $func) = @_;
    eval { $code->() };
    my $e = $@;
    subtest $func => sub {
        isa_ok($e, 'Sys::Virt::Error');
        return unless ref $e;
        is($e->code, Sys::Virt::Error::ERR_NO_SUPPORT, 'code');
        is($e->domain, Sys::Virt::Error::FROM_DOMAIN, 'domain');
        like($e->message, qr/not supported by the connection driver: \Q$func\E$/, 'message');
    };
}

no_support(sub { virtkitperl::vkpl_qemu_monitor_command_with_files($dom, '{"execute":"query-status"}', []) },
           'virDomainQemuMonitorCommandWithFiles');
no_support(sub { virtkitperl::vkpl_qemu_monitor_event_register($conn, undef, undef, sub { }) },
           'virConnectDomainQemuMonitorEventRegister');
eval { virtkitperl::vkpl_qemu_monitor_event_register($conn, undef, undef, 'not code') };
like($@, qr/callback must be a code reference/, 'the monitor event callback must be code');
no_support(sub { virtkitperl::vkpl_lxc_open_namespace($dom) }, 'virDomainLxcOpenNamespace');

# entering no namespaces is refused, as libvirt does
eval { virtkitperl::vkpl_lxc_enter_namespace($dom, []) };
isa_ok($@, 'Sys::Virt::Error', 'lxc_enter_namespace of nothing');
like(ref $@ ? $@->message : '', qr/Expected at least one file descriptor/, '... says why');
# entering the network namespace the process is already in gives the
# descriptors of the ones it had (joining needs CAP_SYS_ADMIN)
SKIP: {
    my $fd = POSIX::open('/proc/self/ns/net', POSIX::O_RDONLY());
    skip('no network namespace file', 2) unless defined $fd;
    my $old = eval { virtkitperl::vkpl_lxc_enter_namespace($dom, [$fd]) };
    POSIX::close($fd);
    skip('joining a namespace is not permitted here', 2) if ref $@ && $@->message =~ /not permitted/;
    is(ref($old), 'ARRAY', 'lxc_enter_namespace gives a list');
    is_deeply([grep { !/^\d+$/ } @{$old // []}], [], '... of descriptors');
    POSIX::close($_) for @{$old // []};
}
eval { virtkitperl::vkpl_lxc_enter_namespace($dom, 'x') };
like($@, qr/fds must be an array reference/, 'lxc_enter_namespace wants a list');
eval { virtkitperl::vkpl_lxc_enter_security_label('x', {}) };
like($@, qr/model must be a hash reference/, 'lxc_enter_security_label wants hashes');
done_testing();
