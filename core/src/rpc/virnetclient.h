/*
 * virnetclient.h: the client end of a virtkit connection.
 *
 * One socket, one reader thread.  Any number of threads may call at once:
 * each call gets a serial, is written whole under the write lock, and its
 * caller sleeps until the reader thread hands it the reply with that
 * serial, so calls are pipelined and answered in any order.  Messages
 * that are not replies (events, stream data) go to a handler, called in
 * the reader thread.
 */
#pragma once

#include "virnetmessage.h"

typedef struct _virNetClient virNetClient;

/* Called in the reader thread for every event or stream message; BODY is
 * positioned after the header and is the handler's to read. */
typedef void (*virNetClientMessageFunc)(virNetClient *client,
                                        const virNetMessageHeader *hdr,
                                        virNetBuf *body,
                                        void *opaque);

typedef struct _virNetSocket virNetSocket;

/* A client over SOCK (virnetsocket.h: unix, TCP, TLS, a command), which
 * it takes over and frees; its reader thread starts at once. */
virNetClient *virNetClientNew(virNetSocket *sock);

void virNetClientSetHandler(virNetClient *client, virNetClientMessageFunc func,
                            void *opaque);

/* Send a call of PROC whose body was written into MSG after
 * virNetMessageBegin, and wait for the reply.  On an ok reply, REPLY holds
 * its body (positioned at the start) and 0 is returned.  On an error
 * reply the daemon's virError becomes the thread's last error; on a lost
 * connection a VIR_ERR_RPC error is reported; both return -1. */
int virNetClientCall(virNetClient *client, unsigned int proc, virNetBuf *msg,
                     virNetBuf *reply);

/* Send one message that expects no reply (stream data); MSG must have
 * been finished with virNetMessageFinish. */
int virNetClientSend(virNetClient *client, virNetBuf *msg);

/* A new serial, for messages sent with virNetClientSend. */
unsigned int virNetClientNextSerial(virNetClient *client);

/* Whether the reader still has a connection. */
bool virNetClientIsOpen(virNetClient *client);

/* Call ONCLOSE (in the reader thread) when the daemon's end goes away,
 * but not when virNetClientFree closes the connection; KEEPALIVE tells
 * that the keepalive gave it up. */
void virNetClientSetCloseHandler(virNetClient *client,
                                 void (*onClose)(void *opaque, bool keepalive),
                                 void *opaque);

/* Check the daemon is there every INTERVAL seconds of silence; after
 * COUNT unanswered checks, close the connection.  INTERVAL <= 0 stops. */
int virNetClientSetKeepAlive(virNetClient *client, int interval, unsigned int count);

/* Whether CLIENT has event callbacks: once a call's reply is in, the
 * other listening clients of the process are given the time to take the
 * events already on their sockets (virnetclient.c says why). */
void virNetClientSetListening(virNetClient *client, bool listening);

/* Shut the socket down, wait for the reader thread and free CLIENT;
 * calls still waiting fail. */
void virNetClientFree(virNetClient *client);
