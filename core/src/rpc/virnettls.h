/*
 * virnettls.h: TLS for the remote protocol (gnutls), client and daemon.
 *
 * A context holds the credentials of one end: its CA (and CRL), its own
 * certificate and key, the priority string, whether the peer's
 * certificate must be valid and, for the daemon, the allow-list of client
 * distinguished names.  A session is one TLS connection over a connected
 * socket; its handshake and reads and writes block.  One thread may read
 * while another writes (gnutls allows one of each at a time).
 *
 * Checks and their errors follow libvirt's (virnettlscontext.c): a
 * context checks its own certificate against its CA when it is made
 * (expired, not yet active, unknown issuer, key usage), and after the
 * handshake each end checks the peer's: the client the server's
 * certificate and host name, the daemon the client's certificate and
 * its DN against tls_allowed_dn_list.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

typedef struct _virNetTLSContext virNetTLSContext;
typedef struct _virNetTLSSession virNetTLSSession;

/* The daemon's credentials.  CACRL may be NULL or name a missing file
 * (no CRL then).  DNLIST: NULL-terminated globs, or NULL for anyone
 * the CA vouches for.  PRIORITY: gnutls priority string, NULL for
 * "NORMAL".  With NOVERIFY a client without a valid certificate is
 * served all the same. */
virNetTLSContext *virNetTLSContextNewServer(const char *cacert, const char *cacrl,
                                            const char *cert, const char *key,
                                            const char *const *dnlist,
                                            const char *priority, bool noverify);

/* The client's credentials from PKIPATH (cacert.pem, clientcert.pem,
 * clientkey.pem, cacrl.pem), or when PKIPATH is NULL from libvirt's
 * default places: ~/.pki/libvirt/ for a user when its files are there,
 * else /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem and
 * /etc/pki/libvirt/private/clientkey.pem.  NOVERIFY skips the checks of
 * the server's certificate. */
virNetTLSContext *virNetTLSContextNewClientPath(const char *pkipath, bool noverify);

void virNetTLSContextFree(virNetTLSContext *ctx);

/* A session over the connected socket FD (not owned); HOSTNAME is the
 * name the client connected to (NULL on the daemon's side). */
virNetTLSSession *virNetTLSSessionNew(virNetTLSContext *ctx, int fd,
                                      const char *hostname);

/* Run the handshake, then check the peer as the context says.  The daemon
 * then tells the client the outcome with one byte (1: accepted; a
 * refused client is closed on) and the client waits for it, as libvirt
 * does.  -1 with an error on any failure. */
int virNetTLSSessionHandshake(virNetTLSSession *sess);

/* Like read(2)/write(2): bytes moved, 0 at the end of the stream, -1 with
 * errno set. */
ssize_t virNetTLSSessionRead(virNetTLSSession *sess, void *buf, size_t len);
ssize_t virNetTLSSessionWrite(virNetTLSSession *sess, const void *buf, size_t len);

/* Bytes already decrypted and waiting: poll(2) on the socket does not see
 * them. */
size_t virNetTLSSessionPending(virNetTLSSession *sess);

/* The peer's distinguished name (after the handshake), or NULL. */
const char *virNetTLSSessionPeerDN(virNetTLSSession *sess);

void virNetTLSSessionFree(virNetTLSSession *sess);
