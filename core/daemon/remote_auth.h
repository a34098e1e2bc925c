/*
 * remote_auth.h: the authentication procedures of the remote protocol
 * (authList, authSaslInit, authSaslStart, authSaslStep;
 * docs/remote-protocol.md), which a client of a listener with auth_tcp or
 * auth_tls = "sasl" must pass before any other call.
 */
#pragma once

#include <stdbool.h>

#include "virnetmessage.h"
#include "virnetsasl.h"
#include "virnetserver.h"

/* Whether PROC is one of them. */
bool remoteAuthIsAuthProc(unsigned int proc);

/* Run auth procedure PROC for CLIENT, reading IN and writing the reply's
 * values to OUT.  *SASL is the client's SASL session: made by
 * authSaslInit, freed here when an exchange ends.  -1 with an error. */
int remoteDispatchAuth(virNetServerClient *client, virNetSASLSession **sasl,
                       unsigned int proc, virNetBuf *in, virNetBuf *out);
