# Events: the default loop and a loop written in Perl (tests/perl/lib/
# PerlLoop.pm) deliver the lifecycle events of suspend/resume on
# test:///default with Sys-Virt's callback arguments.  Each loop runs in its
# own process (compare/events.pl), since a process registers one loop.
use strict;
use warnings;
use Test::More;
use File::Basename qw(dirname);
use File::Spec;

my $script = File::Spec->catfile(dirname(File::Spec->rel2abs(__FILE__)), 'compare', 'events.pl');

for my $env ('', 'PERLLOOP=1') {
    my $out = `env $env $^X $script 2>&1`;
    is($?, 0, "events.pl $env exits 0") or diag($out);
    like($out, qr/^any: Sys::Virt Sys::Virt::Domain 3 0 same-conn test$/m, "$env: suspended event (register_any)");
    like($out, qr/^any: Sys::Virt Sys::Virt::Domain 4 0 same-conn test$/m, "$env: resumed event (register_any)");
    like($out, qr/^old: Sys::Virt Sys::Virt::Domain 3 0$/m, "$env: suspended event (domain_event_register)");
    like($out, qr/^old: Sys::Virt Sys::Virt::Domain 4 0$/m, "$env: resumed event (domain_event_register)");
    like($out, qr/^after deregistering: 0 events$/m, "$env: nothing after deregistering");
    like($out, qr/^handle fired: its id fd ok events 1$/m, "$env: add_handle");
    like($out, qr/^done$/m, "$env: ran to the end");
}

# in this process: the constants and the errors
require Sys::Virt;
require Sys::Virt::Domain;
require Sys::Virt::Event;
is(Sys::Virt::Domain::EVENT_ID_LIFECYCLE(), 0, 'EVENT_ID_LIFECYCLE');
is(Sys::Virt::Domain::EVENT_ID_REBOOT(), 1, 'EVENT_ID_REBOOT');
is(Sys::Virt::Domain::EVENT_SUSPENDED(), 3, 'EVENT_SUSPENDED');
is(Sys::Virt::Domain::EVENT_RESUMED(), 4, 'EVENT_RESUMED');
is(Sys::Virt::Event::HANDLE_READABLE(), 1, 'HANDLE_READABLE');
is(Sys::Virt::Event::HANDLE_HANGUP(), 8, 'HANDLE_HANGUP');
eval { Sys::Virt::Event::register(bless {}, 'NotALoop') };
like($@, qr/subclass of Sys::Virt::Event/, 'register wants a Sys::Virt::Event');
my $c = Sys::Virt->new(uri => 'test:///default');
eval { $c->domain_event_register_any(undef, 0, 'not code') };
like($@, qr/code reference/, 'the callback must be code');
done_testing();
