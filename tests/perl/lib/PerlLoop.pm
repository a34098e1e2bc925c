# PerlLoop: an event loop written in Perl (select), registered with
# Sys::Virt::Event::register() as an application's own loop would be.
# Used by 08-events.t and compare/events.pl.
package PerlLoop;

use strict;
use warnings;
use Time::HiRes qw(time);
use Sys::Virt::Event;

our @ISA = qw(Sys::Virt::Event);

sub new {
    my $class = shift;
    return bless { next => 1, handles => {}, timers => {}, dead => [], calls => [] }, $class;
}

sub add_handle {
    my ($self, $fd, $events, $cb, $opaque, $ff) = @_;
    my $w = $self->{next}++;
    $self->{handles}{$w} = { fd => $fd, events => $events, cb => $cb, opaque => $opaque, ff => $ff };
    push @{$self->{calls}}, "add_handle";
    return $w;
}

sub update_handle {
    my ($self, $w, $events) = @_;
    $self->{handles}{$w}{events} = $events if $self->{handles}{$w};
}

sub remove_handle {
    my ($self, $w) = @_;
    my $h = delete $self->{handles}{$w} or return -1;
    push @{$self->{dead}}, $h;
    return 0;
}

sub add_timeout {
    my ($self, $freq, $cb, $opaque, $ff) = @_;
    my $t = $self->{next}++;
    $self->{timers}{$t} = { freq => $freq, cb => $cb, opaque => $opaque, ff => $ff, due => time() + $freq / 1000 };
    push @{$self->{calls}}, "add_timeout";
    return $t;
}

sub update_timeout {
    my ($self, $t, $freq) = @_;
    my $tm = $self->{timers}{$t} or return;
    $tm->{freq} = $freq;
    $tm->{due} = time() + $freq / 1000;
}

sub remove_timeout {
    my ($self, $t) = @_;
    my $tm = delete $self->{timers}{$t} or return -1;
    push @{$self->{dead}}, $tm;
    return 0;
}

# One iteration: wait for the first due timer or a ready handle (at most
# MAX seconds), dispatch, then release what was removed meanwhile.
sub run_once {
    my ($self, $max) = @_;
    $max //= 1;
    my $wait = $max;
    for my $tm (values %{$self->{timers}}) {
        next if $tm->{freq} < 0;
        my $d = $tm->{due} - time();
        $wait = $d if $d < $wait;
    }
    $wait = 0 if $wait < 0;
    my ($rin, $win) = ('', '');
    for my $h (values %{$self->{handles}}) {
        vec($rin, $h->{fd}, 1) = 1 if $h->{events} & Sys::Virt::Event::HANDLE_READABLE;
        vec($win, $h->{fd}, 1) = 1 if $h->{events} & Sys::Virt::Event::HANDLE_WRITABLE;
    }
    my ($rout, $wout) = ($rin, $win);
    my $n = select($rout, $wout, undef, $wait);
    if ($n > 0) {
        for my $w (sort { $a <=> $b } keys %{$self->{handles}}) {
            my $h = $self->{handles}{$w} or next;
            my $ev = 0;
            $ev |= Sys::Virt::Event::HANDLE_READABLE if vec($rout, $h->{fd}, 1) && ($h->{events} & Sys::Virt::Event::HANDLE_READABLE);
            $ev |= Sys::Virt::Event::HANDLE_WRITABLE if vec($wout, $h->{fd}, 1) && ($h->{events} & Sys::Virt::Event::HANDLE_WRITABLE);
            $self->_run_handle_callback($w, $h->{fd}, $ev, $h->{cb}, $h->{opaque}) if $ev;
        }
    }
    my $now = time();
    for my $t (sort { $a <=> $b } keys %{$self->{timers}}) {
        my $tm = $self->{timers}{$t} or next;
        next if $tm->{freq} < 0 || $tm->{due} > $now;
        $tm->{due} = $now + $tm->{freq} / 1000;
        $self->_run_timeout_callback($t, $tm->{cb}, $tm->{opaque});
    }
    while (my $d = shift @{$self->{dead}}) {
        $self->_free_callback_opaque($d->{ff}, $d->{opaque}) if $d->{ff};
    }
}

1;
