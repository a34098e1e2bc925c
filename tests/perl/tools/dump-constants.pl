# Prints every constant of every Sys::Virt package, "Package::NAME\tvalue",
# one a line, sorted: whichever Sys::Virt is first on @INC.
# 11-constants.t runs it under Debian's Sys-Virt and under virtkit's.
use strict;
use warnings;
use Sys::Virt;

my @packages = ('Sys::Virt', map { "Sys::Virt::$_" }
                qw(Domain DomainSnapshot DomainCheckpoint Network NetworkPort StoragePool StorageVol
                   NodeDevice Interface Secret NWFilter NWFilterBinding Stream Event Error));
no strict 'refs';
for my $pkg (@packages) {
    for my $name (sort keys %{"${pkg}::"}) {
        next unless $name =~ /^[A-Z][A-Z0-9_]*$/;
        next if $name =~ /^(BEGIN|END|INIT|CHECK|UNITCHECK|DESTROY|AUTOLOAD|CLONE|ISA|EXPORT(_OK)?|VERSION)$/;
        my $code = $pkg->can($name) or next;
        my @value = eval { $code->() };
        next if $@ || @value != 1 || !defined $value[0];
        print "${pkg}::$name\t$value[0]\n";
    }
}
