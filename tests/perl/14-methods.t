# Every public method of Debian's Sys-Virt exists in virtkit's Sys::Virt,
# in the same package (both list theirs with tools/dump-methods.pl), so
# that a script written for Sys-Virt finds what it calls.  Skipped when
# libsys-virt-perl is not installed.
use strict;
use warnings;
use Test::More;
use File::Basename qw(dirname);
use File::Spec;

my $dump = File::Spec->catfile(dirname(File::Spec->rel2abs(__FILE__)), 'tools', 'dump-methods.pl');
my ($ours_dir) = grep { -f File::Spec->catfile($_, 'Sys', 'Virt.pm') && -f File::Spec->catfile($_, 'virtkitperl.so') }
                 split /:/, $ENV{PERL5LIB} // '';
plan skip_all => 'virtkit\'s Sys::Virt is not on PERL5LIB' unless $ours_dir;
my @system_inc = grep { $_ ne $ours_dir } split /\n/, `env -u PERL5LIB $^X -e 'print join("\\n", \@INC)'`;
my ($ref) = grep { -f "$_/Sys/Virt.pm" && !-f "$_/virtkitperl.so" } @system_inc;
plan skip_all => 'Debian\'s libsys-virt-perl is not installed' unless $ref;

my @theirs = split /\n/, `env -u PERL5LIB $^X $dump`;
my %ours = map { $_ => 1 } split /\n/, `$^X -I$ours_dir $dump`;
cmp_ok(scalar(@theirs), '>', 300, 'the reference has its methods');
is_deeply([grep { !$ours{$_} } @theirs], [], 'every Sys-Virt method exists');
done_testing();
