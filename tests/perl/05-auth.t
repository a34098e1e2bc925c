# Sys::Virt->new(auth => 1, credlist => [...], callback => sub {...}):
# virConnectOpenAuth with a Perl callback, against a test driver node
# file that asks who connects (tests/testdriver/auth.xml: alice needs a
# password, bob does not).
use strict;
use warnings;
use Test::More;
use File::Spec;

use Sys::Virt;

my $src = $ENV{VIRTKIT_SRCDIR} // File::Spec->catdir(File::Spec->rel2abs(__FILE__), '..', '..', '..');
my $uri = 'test://' . File::Spec->rel2abs(File::Spec->catfile($src, 'tests', 'testdriver', 'auth.xml'));

sub answer {
    my ($user, $password, $seen) = @_;
    return sub {
        my $creds = shift;
        for my $cred (@$creds) {
            push @$seen, [$cred->{type}, $cred->{prompt}];
            if ($cred->{type} == Sys::Virt::CRED_AUTHNAME) {
                $cred->{result} = $user;
            } elsif ($cred->{type} == Sys::Virt::CRED_PASSPHRASE) {
                $cred->{result} = $password;
            }
        }
        return 0;
    };
}

my @seen;
my $conn = Sys::Virt->new(uri => $uri, auth => 1,
                          credlist => [Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE],
                          callback => answer('alice', 'secret', \@seen));
isa_ok($conn, 'Sys::Virt', 'alice with her password');
is_deeply([map { $_->[0] } @seen], [Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE],
          'the callback was asked for a name, then a password');
like($seen[0][1], qr/username/i, 'a prompt comes with the question');
ok(defined $conn->get_hostname(), 'the connection works');

my $bob = Sys::Virt->new(uri => $uri, auth => 1, credlist => [Sys::Virt::CRED_AUTHNAME],
                         callback => answer('bob', undef, []));
isa_ok($bob, 'Sys::Virt', 'bob without a password');

my $bad = eval { Sys::Virt->new(uri => $uri, auth => 1,
                                credlist => [Sys::Virt::CRED_AUTHNAME, Sys::Virt::CRED_PASSPHRASE],
                                callback => answer('alice', 'wrong', [])) };
ok(!$bad, 'a wrong password fails');
isa_ok($@, 'Sys::Virt::Error');
is($@->code, Sys::Virt::Error::ERR_AUTH_FAILED, 'ERR_AUTH_FAILED');

# a callback giving up, and one dying, fail the same way
eval { Sys::Virt->new(uri => $uri, auth => 1, callback => sub { return -1 }) };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_AUTH_FAILED, 'a callback returning -1');
eval { Sys::Virt->new(uri => $uri, auth => 1, callback => sub { die "no\n" }) };
is(ref($@) && $@->code, Sys::Virt::Error::ERR_AUTH_FAILED, 'a callback that dies');

# without auth a node file asking for credentials is refused
eval { Sys::Virt->new(uri => $uri) };
isa_ok($@, 'Sys::Virt::Error', 'no callback');

done_testing();
