/*
 * virnetserver.h: the daemon end: listening sockets, one reader thread per
 * client, and a pool of workers that run the calls.
 *
 * A client's reader thread reads whole messages (refusing oversized ones
 * before reading their body) and hands each call to the worker pool, so
 * one client's calls run in parallel and a slow call does not hold up the
 * others; keepalive calls are answered by the reader itself.  Replies are
 * written whole under the client's write lock, in whatever order the
 * workers finish.  A client is reference counted: it lives until its
 * socket has ended and the last of its calls has finished.
 */
#pragma once

#include <sys/types.h>

#include "virnetmessage.h"
#include "virnettls.h"

#define VIR_NET_PROC_KEEPALIVE REMOTE_PROC_KEEPALIVE

typedef struct _virNetServer virNetServer;
typedef struct _virNetServerClient virNetServerClient;

typedef struct {
    /* A new client connected; returns its private data. */
    void *(*clientNew)(virNetServerClient *client, void *opaque);
    /* The client is gone: release PRIV. */
    void (*clientFree)(void *priv);
    /* Run one message (a call or stream data) in a worker thread. */
    void (*dispatch)(virNetServerClient *client, void *priv,
                     const virNetMessageHeader *hdr, virNetBuf *body,
                     void *opaque);
} virNetServerCallbacks;

virNetServer *virNetServerNew(unsigned int workers, size_t maxMessage,
                              const virNetServerCallbacks *cbs, void *opaque);
/* Serve at most MAXCLIENTS connections at once (0: no limit); the first
 * call of one more is answered with an error saying so. */
void virNetServerSetMaxClients(virNetServer *srv, unsigned int maxClients);
/* Probe clients that use keepalive themselves (they sent one, so they
 * answer ours): after INTERVAL seconds without a message from one, send
 * it a keepalive call; after COUNT of them unanswered, close it, as
 * libvirtd does.  INTERVAL <= 0: never (the default).  Before
 * virNetServerStart. */
void virNetServerSetKeepAlive(virNetServer *srv, int interval, unsigned int count);
/* Let each client have at most MAXREQUESTS calls running at once (0: no
 * limit): its further calls wait unread until one is done. */
void virNetServerSetMaxClientRequests(virNetServer *srv, unsigned int maxRequests);
/* Listen on a unix socket at PATH (replacing a stale one) with MODE and,
 * unless GROUP is (gid_t)-1, that group. */
int virNetServerAddUnix(virNetServer *srv, const char *path, mode_t mode,
                        gid_t group, bool readonly);
/* Listen on TCP at ADDR (NULL or "": every address) and PORT (a number or
 * service name; "0" picks a free one), one socket per address it
 * resolves to.  With TLS (not owned; must outlive the server) every
 * client first goes through its handshake and checks; AUTH
 * (virNetAuthType) is what its clients must then pass.  Returns the
 * port bound (the one picked for "0"), or -1 with an error. */
int virNetServerAddTCP(virNetServer *srv, const char *addr, const char *port,
                       virNetTLSContext *tls, int auth);
/* Start accepting on every socket (one thread each). */
int virNetServerStart(virNetServer *srv);
/* Stop accepting, close the sockets and unlink their paths. */
void virNetServerStop(virNetServer *srv);

bool virNetServerClientIsReadOnly(virNetServerClient *client);
/* The authentication the client has still to pass (virNetAuthType),
 * and marking it passed. */
int virNetServerClientGetAuth(virNetServerClient *client);
void virNetServerClientSetAuthenticated(virNetServerClient *client);
/* Write a finished message (virNetMessageFinish) to the client. */
int virNetServerClientSend(virNetServerClient *client, virNetBuf *msg);
/* Send a reply to HDR: ok with BODY's values (a message begun with
 * virNetMessageBegin), or, when BODY is NULL, an error reply with the
 * thread's last error. */
int virNetServerClientReply(virNetServerClient *client,
                            const virNetMessageHeader *hdr, virNetBuf *body);
void virNetServerClientRef(virNetServerClient *client);
void virNetServerClientUnref(virNetServerClient *client);
/* Close the client's socket (its reader thread then ends). */
void virNetServerClientClose(virNetServerClient *client);
