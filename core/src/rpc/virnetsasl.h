/*
 * virnetsasl.h: SASL authentication (cyrus-sasl) for the remote protocol,
 * both ends.
 *
 * The daemon offers the mechanisms its SASL configuration allows
 * (virtkit.conf in the configuration folder: mech_list, sasldb_path...);
 * the client picks one and the two exchange opaque tokens through the
 * authSasl* procedures (docs/remote-protocol.md) until the daemon says
 * the client is authenticated.  Only authentication is negotiated: no
 * SASL security layer (max_ssf 0), so the messages after it travel as
 * before (TLS, when used, protects them).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include <libvirt/libvirt.h>

typedef struct _virNetSASLSession virNetSASLSession;

/* Once per process: the daemon's SASL library, reading its configuration
 * (virtkit.conf) from CONFDIR. */
int virNetSASLServerInit(const char *confdir);
/* Once per process, before the first client session. */
int virNetSASLClientInit(void);

/* A daemon session for one client connected from REMOTEADDR
 * ("IP;PORT", may be NULL). */
virNetSASLSession *virNetSASLSessionNewServer(const char *localaddr, const char *remoteaddr);
/* A client session with the server HOSTNAME; AUTH answers the prompts
 * (VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE, ...), USERNAME (the URI's)
 * is the default answer for the user name. */
virNetSASLSession *virNetSASLSessionNewClient(const char *hostname, virConnectAuthPtr auth,
                                              const char *username);
void virNetSASLSessionFree(virNetSASLSession *sess);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetSASLSession, virNetSASLSessionFree);

/* Daemon: the mechanisms on offer, comma separated (g_free). */
char *virNetSASLSessionListMechanisms(virNetSASLSession *sess);

/* One step of the exchange.  IN/INLEN: the peer's token (NULL: none);
 * OUT/OUTLEN: ours to send (NULL: none; owned by the session, valid until
 * the next step).  MECH: on the daemon's first step, the client's choice.
 * On the client's first step, MECHLIST is the daemon's offer and *MECH
 * is set to the chosen one.  Returns 1 when this side is done, 0 when
 * more steps are needed, -1 with an error (VIR_ERR_AUTH_FAILED). */
int virNetSASLSessionServerStep(virNetSASLSession *sess, const char *mech,
                                const char *in, size_t inlen,
                                const char **out, size_t *outlen);
int virNetSASLSessionClientStep(virNetSASLSession *sess, const char *mechlist,
                                const char **mech,
                                const char *in, size_t inlen,
                                const char **out, size_t *outlen);

/* The authenticated user name (daemon side), or NULL. */
const char *virNetSASLSessionGetUser(virNetSASLSession *sess);
