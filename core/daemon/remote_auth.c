/*
 * remote_auth.c: the authentication procedures (see remote_auth.h).
 *
 * The SASL exchange carries opaque tokens: call and reply bodies hold a
 * flag (is there a token) and the token as bytes; replies start with
 * "complete" (1 once the daemon is satisfied).  Failures answer with
 * libvirt's VIR_ERR_AUTH_FAILED "authentication failed" and end the
 * exchange; the client may start again with authSaslInit.
 */
#include "remote_auth.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* Largest SASL token accepted. */
#define REMOTE_AUTH_SASL_DATA_MAX 65536

bool
remoteAuthIsAuthProc(unsigned int proc)
{
    return proc == REMOTE_PROC_AUTH_LIST || proc == REMOTE_PROC_AUTH_SASL_INIT ||
           proc == REMOTE_PROC_AUTH_SASL_START || proc == REMOTE_PROC_AUTH_SASL_STEP;
}

static int
remoteAuthFailed(void)
{
    virReportError(VIR_ERR_AUTH_FAILED, "%s", "authentication failed");
    return -1;
}

/* authSaslStart and authSaslStep: one step with the client's token. */
static int
remoteDispatchAuthSaslStep(virNetServerClient *client, virNetSASLSession **sasl,
                           bool start, virNetBuf *in, virNetBuf *out)
{
    g_autofree char *mech = NULL;
    g_autofree uint8_t *data = NULL;
    size_t len = 0;
    bool has = false;
    const char *reply = NULL;
    size_t replylen = 0;
    int done;

    if ((start && virNetGetString(in, &mech) < 0) ||
        virNetGetBool(in, &has) < 0 ||
        (has && virNetGetBytes(in, REMOTE_AUTH_SASL_DATA_MAX, &data, &len) < 0) ||
        virNetBufCheckEnd(in) < 0)
        return -1;
    if (!*sasl || virNetServerClientGetAuth(client) != VIR_NET_AUTH_SASL)
        return remoteAuthFailed();
    if ((done = virNetSASLSessionServerStep(*sasl, mech, has ? (char *)data : NULL, len,
                                            &reply, &replylen)) < 0) {
        g_clear_pointer(sasl, virNetSASLSessionFree);
        return -1;
    }
    virNetPutU32(out, done);
    virNetPutU8(out, reply != NULL);
    if (reply)
        virNetPutBytes(out, reply, replylen);
    if (done) {
        VIR_INFO("client authenticated by SASL as '%s'",
                 virNetSASLSessionGetUser(*sasl) ? virNetSASLSessionGetUser(*sasl) : "");
        virNetServerClientSetAuthenticated(client);
        g_clear_pointer(sasl, virNetSASLSessionFree);
    }
    return 0;
}

int
remoteDispatchAuth(virNetServerClient *client, virNetSASLSession **sasl,
                   unsigned int proc, virNetBuf *in, virNetBuf *out)
{
    g_autofree char *mechs = NULL;

    switch (proc) {
    case REMOTE_PROC_AUTH_LIST:
        if (virNetBufCheckEnd(in) < 0)
            return -1;
        virNetPutU32(out, 1);
        virNetPutU32(out, virNetServerClientGetAuth(client));
        return 0;
    case REMOTE_PROC_AUTH_SASL_INIT:
        if (virNetBufCheckEnd(in) < 0)
            return -1;
        if (virNetServerClientGetAuth(client) != VIR_NET_AUTH_SASL)
            return remoteAuthFailed();
        g_clear_pointer(sasl, virNetSASLSessionFree);
        if (!(*sasl = virNetSASLSessionNewServer(NULL, NULL)) ||
            !(mechs = virNetSASLSessionListMechanisms(*sasl))) {
            g_clear_pointer(sasl, virNetSASLSessionFree);
            return -1;
        }
        virNetPutString(out, mechs);
        return 0;
    case REMOTE_PROC_AUTH_SASL_START:
    case REMOTE_PROC_AUTH_SASL_STEP:
        return remoteDispatchAuthSaslStep(client, sasl, proc == REMOTE_PROC_AUTH_SASL_START,
                                          in, out);
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "procedure %u is not an auth procedure", proc);
    return -1;
}
