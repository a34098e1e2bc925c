# Every constant Debian's Sys-Virt defines exists in virtkit's Sys::Virt,
# in the same package, with the same value (printed the same way: Sys-Virt
# gives -1 as 18446744073709551615).  Both dump their constants with
# tools/dump-constants.pl.  Skipped when libsys-virt-perl is not installed.
use strict;
use warnings;
use Test::More;
use File::Basename qw(dirname);
use File::Spec;
use Sys::Virt;

my $dump = File::Spec->catfile(dirname(File::Spec->rel2abs(__FILE__)), 'tools', 'dump-constants.pl');
my ($ours_dir) = grep { -f File::Spec->catfile($_, 'Sys', 'Virt.pm') && -f File::Spec->catfile($_, 'virtkitperl.so') }
                 split /:/, $ENV{PERL5LIB} // '';
plan skip_all => 'virtkit\'s Sys::Virt is not on PERL5LIB' unless $ours_dir;
my @system_inc = grep { $_ ne $ours_dir } split /\n/, `env -u PERL5LIB $^X -e 'print join("\\n", \@INC)'`;
my ($ref) = grep { -f "$_/Sys/Virt.pm" && !-f "$_/virtkitperl.so" } @system_inc;
plan skip_all => 'Debian\'s libsys-virt-perl is not installed' unless $ref;

sub constants {
    my ($cmd) = @_;
    my %c = map { split /\t/, $_, 2 } split /\n/, `$cmd`;
    return \%c;
}
my $theirs = constants("env -u PERL5LIB $^X $dump");
my $ours = constants("$^X -I$ours_dir $dump");
cmp_ok(scalar(keys %$theirs), '>', 1000, 'the reference has its constants');

my (@missing, @different);
for my $name (sort keys %$theirs) {
    if (!exists $ours->{$name}) {
        push @missing, $name;
    } elsif ($ours->{$name} ne $theirs->{$name}) {
        push @different, "$name: $ours->{$name}, Sys-Virt $theirs->{$name}";
    }
}
is_deeply(\@missing, [], 'every Sys-Virt constant exists');
is_deeply(\@different, [], 'with the same value');

# the unsigned spelling of -1 still reaches an int parameter as -1

my $conn = Sys::Virt->new(uri => 'test:///default');
my $stats = $conn->get_node_cpu_stats(Sys::Virt::NODE_CPU_STATS_ALL_CPUS);
ok(exists $stats->{user}, 'get_node_cpu_stats(NODE_CPU_STATS_ALL_CPUS): all CPUs');
done_testing();
