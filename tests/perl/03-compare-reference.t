# Runs compare/*.pl under Debian's Sys-Virt (libsys-virt-perl, over
# libvirt's own test driver) and under virtkit's, and compares the output
# line by line.  Skipped when libsys-virt-perl is not installed.
use strict;
use warnings;
use Test::More;
use File::Basename qw(dirname);
use File::Spec;

my $sample = File::Spec->catfile(dirname(File::Spec->rel2abs(__FILE__)), 'compare', 'sample.pl');
my ($ours_dir) = grep { -f File::Spec->catfile($_, 'Sys', 'Virt.pm') && -f File::Spec->catfile($_, 'virtkitperl.so') }
                 split /:/, $ENV{PERL5LIB} // '';
plan skip_all => 'virtkit\'s Sys::Virt is not on PERL5LIB' unless $ours_dir;

# the reference: the system perl's @INC only, without our build tree
my @system_inc = grep { $_ ne $ours_dir } split /\n/, `env -u PERL5LIB $^X -e 'print join("\\n", \@INC)'`;
my ($ref) = grep { -f "$_/Sys/Virt.pm" && !-f "$_/virtkitperl.so" } @system_inc;
plan skip_all => 'Debian\'s libsys-virt-perl is not installed' unless $ref;

# the samples: compare/*.pl, events.pl also with its loop written in Perl
my @runs = (map({ [$_, ''] } qw(sample.pl domain-extra.pl returns.pl more-methods.pl shapes.pl workflow.pl
                                  events-objects.pl events.pl)),
            ['events.pl', 'PERLLOOP=1']);
for my $run (@runs) {
    my ($file, $env) = @$run;
    my $script = File::Spec->catfile(dirname($sample), $file);
    my $theirs = `env -u PERL5LIB $env $^X $script 2>&1`;
    my $ours = `env $env $^X -I$ours_dir $script 2>&1`;
    my @theirs = split /\n/, $theirs;
    my @ours = split /\n/, $ours;
    ok(scalar(@theirs) > 5, "$file $env: the reference produced output") or diag($theirs);
    for my $i (0 .. $#theirs) {
        is($ours[$i], $theirs[$i], "$file $env: line " . ($i + 1));
    }
    is(scalar(@ours), scalar(@theirs), "$file $env: as many lines");
}
done_testing();
