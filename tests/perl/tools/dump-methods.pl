# Prints every public sub of every Sys::Virt package, "Package::name", one
# a line, sorted: whichever Sys::Virt is first on @INC.  14-methods.t runs
# it under Debian's Sys-Virt and under virtkit's.
use strict;
use warnings;
use Sys::Virt;

my @packages = ('Sys::Virt', map { "Sys::Virt::$_" }
                qw(Domain DomainSnapshot DomainCheckpoint Network NetworkPort StoragePool StorageVol
                   NodeDevice Interface Secret NWFilter NWFilterBinding Stream Event Error));
no strict 'refs';
for my $pkg (@packages) {
    for my $name (sort keys %{"${pkg}::"}) {
        # constants, private helpers and Perl's own hooks are not methods
        next if $name =~ /^[A-Z0-9_]+$/ || $name =~ /^_/ || $name =~ /::$/;
        next if $name =~ /^(import|isa|can|bootstrap|dl_load_flags)$/;
        print "${pkg}::$name\n" if defined &{"${pkg}::$name"};
    }
}
