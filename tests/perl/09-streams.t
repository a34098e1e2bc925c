# Streams: $dom->screenshot on test:///default sends a PNG, read with
# recv and with recv_all; abort, then an error.
use strict;
use warnings;
use Test::More;
use Sys::Virt;

my $c = Sys::Virt->new(uri => 'test:///default');
my $dom = $c->get_domain_by_name('test');

my $st = $c->new_stream();
isa_ok($st, 'Sys::Virt::Stream');
is($dom->screenshot($st, 0), 'image/png', 'screenshot gives the MIME type');
my $png = '';
while (1) {
    my $data;
    my $rv = $st->recv($data, 1024);
    last if $rv <= 0;
    is(length($data), $rv, 'recv fills $data') if $png eq '';
    $png .= $data;
}
$st->finish;
is(substr($png, 0, 8), "\x89PNG\r\n\x1a\n", 'a PNG came');

my $st2 = Sys::Virt::Stream->new($c, 0);
$dom->screenshot($st2, 0);
my ($all, @args) = ('');
$st2->recv_all(sub { my ($s, $d, $n) = @_; @args = (ref($s), $n == length($d)) unless @args; $all .= $d; return $n });
$st2->finish;
is_deeply(\@args, ['Sys::Virt::Stream', 1], 'recv_all handler gets ($st, $data, $nbytes)');
is($all, $png, 'recv_all gets the same bytes');

my $st3 = $c->new_stream();
$dom->screenshot($st3, 0);
$st3->abort;
eval { my $d; $st3->recv($d, 10) };
isa_ok($@, 'Sys::Virt::Error', 'recv after abort');

my $st4 = $c->new_stream();
$dom->screenshot($st4, 0);
eval { $st4->recv_all(sub { die "no thanks\n" }) };
isa_ok($@, 'Sys::Virt::Error', 'a handler that dies stops recv_all');
eval { $st4->abort };
done_testing();
