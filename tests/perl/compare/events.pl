# Events, printed the same way under Debian's Sys-Virt and virtkit's
# (tests/perl/03-compare-reference.t runs it under both): the default loop,
# then a loop written in Perl (PERLLOOP=1, in a second process since a loop
# registers once per process).
use strict;
use warnings;
use File::Basename qw(dirname);
use lib dirname(__FILE__) . '/../lib';
use Sys::Virt;
use Sys::Virt::Domain;
use Sys::Virt::Event;

$| = 1;
my $loop;
if ($ENV{PERLLOOP}) {
    require PerlLoop;
    $loop = PerlLoop->new;
    Sys::Virt::Event::register($loop);
} else {
    Sys::Virt::Event::register_default();
}
my $run = $loop ? sub { $loop->run_once(0.2) } : sub { Sys::Virt::Event::run_default() };

my $c = Sys::Virt->new(uri => 'test:///default');
my $dom = $c->get_domain_by_name('test');
my @seen;
my $show = sub { join ' ', map { ref($_) ? ref($_) : defined($_) ? $_ : 'undef' } @_ };
my $id = $c->domain_event_register_any(undef, Sys::Virt::Domain::EVENT_ID_LIFECYCLE,
                                       sub { push @seen, "any: " . $show->(@_) . ($_[0] == $c ? ' same-conn' : '') . ' ' . $_[1]->get_name });
print "lifecycle id $id\n";
my $id2 = $c->domain_event_register_any($dom, Sys::Virt::Domain::EVENT_ID_REBOOT, sub { push @seen, "reboot" });
print "reboot id $id2\n";
$c->domain_event_register(sub { push @seen, "old: " . $show->(@_) });
$dom->suspend;
$dom->resume;
$run->() for 1 .. ($loop ? 3 : 1);
print "$_\n" for @seen;
@seen = ();
$c->domain_event_deregister_any($id);
$c->domain_event_deregister();
$c->domain_event_deregister_any(999);
$dom->suspend;
$dom->resume;
$run->() for 1 .. ($loop ? 3 : 1);
print "after deregistering: ", scalar(@{[grep { !/^reboot/ } @seen]}), " events\n";
$c->domain_event_deregister_any($id2);

my $t;
$t = Sys::Virt::Event::add_timeout(10, sub { print "timeout fired: ", ($_[0] == $t ? 'its id' : "id $_[0]"), "\n";
                                             Sys::Virt::Event::remove_timeout($t) });
$run->() for 1 .. ($loop ? 2 : 1);
pipe(my $r, my $w) or die;
syswrite($w, 'x');
my $h;
$h = Sys::Virt::Event::add_handle(fileno($r), Sys::Virt::Event::HANDLE_READABLE, sub {
    print "handle fired: ", ($_[0] == $h ? 'its id' : "id $_[0]"), " fd ", ($_[1] == fileno($r) ? 'ok' : $_[1]),
          " events $_[2]\n";
    Sys::Virt::Event::remove_handle($h) });
$run->();
print "loop calls: ", ($loop ? join(',', sort keys %{{map { $_ => 1 } @{$loop->{calls}}}}) : 'default'), "\n";
print "done\n";
