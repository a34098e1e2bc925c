/*
 * virnetsocket.h: one connection of the remote protocol, whatever carries
 * it: a unix or TCP socket, a TLS session over a TCP socket, or a socket
 * pair joined to a child process (ssh, or any command for ext://).
 * Client and daemon read and write messages through it alone
 * (virNetReadMessage, virNetSocketWriteAll), so both ends share one
 * piece of I/O code for every transport.
 *
 * One thread may read while another writes; writers serialise among
 * themselves (the callers hold a write lock).
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include <glib.h>

#include "virnettls.h"

typedef struct _virNetSocket virNetSocket;

/* Take over FD, a connected stream socket (the daemon's accepted ones). */
virNetSocket *virNetSocketNewFD(int fd);

/* Connect to the unix socket at PATH. */
virNetSocket *virNetSocketNewUnix(const char *path);

/* Connect to HOST:PORT over TCP, trying each address HOST resolves to. */
virNetSocket *virNetSocketNewTCP(const char *host, const char *port);

/* Run ARGV (no shell) with one end of a socket pair as its standard
 * input and output; its standard error is kept for error messages.
 * The child is reaped when the socket is freed. */
virNetSocket *virNetSocketNewCommand(const char *const *argv);

/* Put a TLS session made from CTX over the socket and run its handshake
 * (HOSTNAME: the server's name, on the client side).  -1 with an error. */
int virNetSocketStartTLS(virNetSocket *sock, virNetTLSContext *ctx, const char *hostname);

/* The TLS peer's distinguished name, or NULL. */
const char *virNetSocketPeerDN(virNetSocket *sock);

/* Whether a command (ssh, ext) is behind SOCK. */
bool virNetSocketIsCommand(virNetSocket *sock);

/* The descriptor, for poll(2). */
int virNetSocketFD(virNetSocket *sock);

/* Bytes read from the wire and decrypted but not yet taken: poll(2)
 * does not see them.  0 without TLS. */
size_t virNetSocketPending(virNetSocket *sock);

/* Like read(2), retried on EINTR: bytes read, 0 at the end of the stream,
 * -1 with an error reported.  At the end of a command's stream, what the
 * command said on its standard error becomes the error. */
ssize_t virNetSocketRead(virNetSocket *sock, void *buf, size_t len);

/* Write all of DATA; -1 with an error reported. */
int virNetSocketWriteAll(virNetSocket *sock, const void *data, size_t len);

/* Make reads and writes fail (EAGAIN) after SECONDS without progress;
 * 0: wait for ever. */
void virNetSocketSetTimeout(virNetSocket *sock, int seconds);

/* End both directions now (a reader blocked in it wakes up). */
void virNetSocketShutdown(virNetSocket *sock);

/* Close, end the TLS session, and reap the child (asked to stop with
 * SIGTERM when it has not ended on its own). */
void virNetSocketFree(virNetSocket *sock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetSocket, virNetSocketFree);
