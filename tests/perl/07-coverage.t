# Every api.xml function is reachable from Perl, or listed with a reason:
# the table comes from the generator's own rules and names
# (python3 -m virtkit_gen.emit_perl api.xml), and is checked against the
# loaded module.  Only api.xml's exceptions leave a function out.
use strict;
use warnings;
use Test::More;
use File::Spec;

use Sys::Virt;

my $src = $ENV{VIRTKIT_SRCDIR} // File::Spec->catdir(File::Spec->rel2abs(__FILE__), '..', '..', '..');
my $python = -x '/usr/bin/python3' ? '/usr/bin/python3' : 'python3';
my $gen = File::Spec->catdir($src, 'generator');
my $api = File::Spec->catfile($src, 'api.xml');
local $ENV{PYTHONDONTWRITEBYTECODE} = 1;
my @rows = map { [split /\t/, $_, -1] } split /\n/, `cd '$gen' && '$python' -m virtkit_gen.emit_perl '$api'`;
is($?, 0, 'the generator gave the coverage table');
cmp_ok(scalar(@rows), '>', 500, 'one row per api.xml function');

my %kinds;
my @unreached;
no strict 'refs';
for my $row (@rows) {
    my ($func, $kind, $detail, $method) = @$row;
    $kinds{$kind}++;
    if ($kind eq 'xs') {
        push @unreached, "$func: no virtkitperl::$detail" unless defined &{"virtkitperl::$detail"};
    } elsif ($kind eq 'glue') {
        # hand-written: the glue calls it (checked when virtkit.i compiled)
    } elsif ($kind eq 'skip') {
        # only api.xml's exceptions (each with its reason) may leave a
        # function out; a reason printed by the generator's rules is a gap
        push @unreached, "$func: not reachable ($detail)" unless $detail eq 'api.xml: not offered to Perl';
    } else {
        push @unreached, "$func: unknown kind $kind";
    }
}
is_deeply(\@unreached, [], 'every function is wrapped, glued, or skipped with a reason');

# the methods the generator names exist in their packages
my @missing;
for my $row (grep { $_->[1] eq 'xs' && $_->[3] } @rows) {
    my ($func, undef, undef, $method) = @$row;
    my @pkgs = grep { $_->can($method) } map { "Sys::Virt$_" }
        ('', map { "::$_" } qw(Domain Network NetworkPort StoragePool StorageVol NodeDevice Interface
                               Secret NWFilter NWFilterBinding DomainSnapshot DomainCheckpoint Stream));
    push @missing, "$func -> $method" unless @pkgs;
}
is_deeply(\@missing, [], 'every generated method is reachable by its Sys-Virt name');

note(sprintf('%d wrapped, %d through hand-written glue, %d left out by api.xml\'s exceptions',
             $kinds{xs} // 0, $kinds{glue} // 0, $kinds{skip} // 0));
done_testing();
