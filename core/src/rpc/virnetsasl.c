/*
 * virnetsasl.c: SASL sessions with cyrus-sasl (see virnetsasl.h).
 */
#include <string.h>

#include <glib.h>
#include <sasl/sasl.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetsasl.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* The service name: the daemon reads CONFDIR/virtkit.conf. */
#define VIR_NET_SASL_SERVICE "virtkit"

struct _virNetSASLSession {
    sasl_conn_t *conn;
    bool server;
    bool started;
    virConnectAuthPtr auth;      /* client: answers the prompts */
    char *username;              /* client: the URI's user */
    GPtrArray *answers;          /* client: strings handed to SASL, kept alive */
    sasl_callback_t *callbacks;  /* client: the prompts it can answer */
};

static char *virNetSASLConfDir;

static int
virNetSASLGetConfPath(void *context, const char **path)
{
    *path = virNetSASLConfDir;
    return SASL_OK;
}

static const sasl_callback_t virNetSASLServerCallbacks[] = {
    { SASL_CB_GETCONFPATH, (int (*)(void))(void (*)(void))virNetSASLGetConfPath, NULL },
    { SASL_CB_LIST_END, NULL, NULL },
};

int
virNetSASLServerInit(const char *confdir)
{
    int rc;

    g_free(virNetSASLConfDir);
    virNetSASLConfDir = g_strdup(confdir);
    if ((rc = sasl_server_init(virNetSASLServerCallbacks, VIR_NET_SASL_SERVICE)) != SASL_OK) {
        virReportError(VIR_ERR_AUTH_FAILED, "failed to initialize SASL library: %d (%s)",
                       rc, sasl_errstring(rc, NULL, NULL));
        return -1;
    }
    return 0;
}

int
virNetSASLClientInit(void)
{
    static gsize done;
    static int result;

    if (g_once_init_enter(&done)) {
        int rc = sasl_client_init(NULL);

        result = rc == SASL_OK ? 0 : rc;
        g_once_init_leave(&done, 1);
    }
    if (result) {
        virReportError(VIR_ERR_AUTH_FAILED, "failed to initialize SASL library: %d (%s)",
                       result, sasl_errstring(result, NULL, NULL));
        return -1;
    }
    return 0;
}

/* No security layer: authentication only. */
static int
virNetSASLSessionSecProps(virNetSASLSession *sess)
{
    sasl_security_properties_t props = {
        .min_ssf = 0,
        .max_ssf = 0,
        .maxbufsize = 65536,
        .security_flags = SASL_SEC_NOANONYMOUS | SASL_SEC_NOPLAINTEXT,
    };
    int rc;

    if ((rc = sasl_setprop(sess->conn, SASL_SEC_PROPS, &props)) != SASL_OK) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot set SASL security props %d (%s)",
                       rc, sasl_errdetail(sess->conn));
        return -1;
    }
    return 0;
}

virNetSASLSession *
virNetSASLSessionNewServer(const char *localaddr, const char *remoteaddr)
{
    virNetSASLSession *sess = g_new0(virNetSASLSession, 1);
    int rc;

    sess->server = true;
    if ((rc = sasl_server_new(VIR_NET_SASL_SERVICE, NULL, NULL, localaddr, remoteaddr,
                              NULL, SASL_SUCCESS_DATA, &sess->conn)) != SASL_OK) {
        virReportError(VIR_ERR_AUTH_FAILED, "Failed to create SASL server context: %d (%s)",
                       rc, sasl_errstring(rc, NULL, NULL));
        g_free(sess);
        return NULL;
    }
    if (virNetSASLSessionSecProps(sess) < 0) {
        virNetSASLSessionFree(sess);
        return NULL;
    }
    return sess;
}

/* SASL's prompt IDs as the credential types of virConnectAuth. */
static int
virNetSASLCredType(unsigned long id)
{
    switch (id) {
    case SASL_CB_USER:
        return VIR_CRED_USERNAME;
    case SASL_CB_AUTHNAME:
        return VIR_CRED_AUTHNAME;
    case SASL_CB_LANGUAGE:
        return VIR_CRED_LANGUAGE;
    case SASL_CB_CNONCE:
        return VIR_CRED_CNONCE;
    case SASL_CB_PASS:
        return VIR_CRED_PASSPHRASE;
    case SASL_CB_ECHOPROMPT:
        return VIR_CRED_ECHOPROMPT;
    case SASL_CB_NOECHOPROMPT:
        return VIR_CRED_NOECHOPROMPT;
    case SASL_CB_GETREALM:
        return VIR_CRED_REALM;
    }
    return -1;
}

/* The prompts the client can answer, announced to SASL (which offers
 * only the mechanisms whose prompts are answerable); each is answered by
 * interaction (virNetSASLSessionInteract): those the application's
 * callback takes, and the user name when the URI has one. */
static sasl_callback_t *
virNetSASLClientCallbacks(virConnectAuthPtr auth, const char *username)
{
    static const unsigned long ids[] = {
        SASL_CB_USER, SASL_CB_AUTHNAME, SASL_CB_PASS, SASL_CB_LANGUAGE, SASL_CB_CNONCE,
        SASL_CB_ECHOPROMPT, SASL_CB_NOECHOPROMPT, SASL_CB_GETREALM,
    };
    sasl_callback_t *cbs = g_new0(sasl_callback_t, G_N_ELEMENTS(ids) + 1);
    size_t n = 0;
    size_t i;
    size_t j;

    for (i = 0; i < G_N_ELEMENTS(ids); i++) {
        int type = virNetSASLCredType(ids[i]);
        bool answerable = ids[i] == SASL_CB_AUTHNAME && username;

        for (j = 0; auth && auth->cb && j < auth->ncredtype; j++) {
            if (auth->credtype[j] == type)
                answerable = true;
        }
        if (answerable)
            cbs[n++].id = ids[i];
    }
    cbs[n].id = SASL_CB_LIST_END;
    return cbs;
}

virNetSASLSession *
virNetSASLSessionNewClient(const char *hostname, virConnectAuthPtr auth, const char *username)
{
    virNetSASLSession *sess;
    int rc;

    if (virNetSASLClientInit() < 0)
        return NULL;
    sess = g_new0(virNetSASLSession, 1);
    sess->auth = auth;
    sess->username = g_strdup(username);
    sess->answers = g_ptr_array_new_with_free_func(g_free);
    sess->callbacks = virNetSASLClientCallbacks(auth, username);
    if ((rc = sasl_client_new(VIR_NET_SASL_SERVICE, hostname, NULL, NULL, sess->callbacks,
                              SASL_SUCCESS_DATA, &sess->conn)) != SASL_OK) {
        virReportError(VIR_ERR_AUTH_FAILED, "Failed to create SASL client context: %d (%s)",
                       rc, sasl_errstring(rc, NULL, NULL));
        virNetSASLSessionFree(sess);
        return NULL;
    }
    if (virNetSASLSessionSecProps(sess) < 0) {
        virNetSASLSessionFree(sess);
        return NULL;
    }
    return sess;
}

void
virNetSASLSessionFree(virNetSASLSession *sess)
{
    if (!sess)
        return;
    if (sess->conn)
        sasl_dispose(&sess->conn);
    if (sess->answers)
        g_ptr_array_unref(sess->answers);
    g_free(sess->callbacks);
    g_free(sess->username);
    g_free(sess);
}

char *
virNetSASLSessionListMechanisms(virNetSASLSession *sess)
{
    const char *list = NULL;
    int rc;

    if ((rc = sasl_listmech(sess->conn, NULL, "", ",", "", &list, NULL, NULL)) != SASL_OK) {
        virReportError(VIR_ERR_AUTH_FAILED, "cannot list SASL mechanisms %d (%s)",
                       rc, sasl_errdetail(sess->conn));
        return NULL;
    }
    return g_strdup(list);
}

const char *
virNetSASLSessionGetUser(virNetSASLSession *sess)
{
    const void *user = NULL;

    if (sasl_getprop(sess->conn, SASL_USERNAME, &user) != SASL_OK)
        return NULL;
    return user;
}

int
virNetSASLSessionServerStep(virNetSASLSession *sess, const char *mech,
                            const char *in, size_t inlen, const char **out, size_t *outlen)
{
    unsigned int olen = 0;
    int rc;

    *out = NULL;
    if (!sess->started) {
        sess->started = true;
        rc = sasl_server_start(sess->conn, mech, in, inlen, out, &olen);
    } else {
        rc = sasl_server_step(sess->conn, in, inlen, out, &olen);
    }
    *outlen = olen;
    if (rc == SASL_OK)
        return 1;
    if (rc == SASL_CONTINUE)
        return 0;
    VIR_WARN("SASL authentication failed: %d (%s)", rc, sasl_errdetail(sess->conn));
    virReportError(VIR_ERR_AUTH_FAILED, "%s", "authentication failed");
    return -1;
}

/* Answer SASL's prompts with the application's auth callback, as
 * libvirt's remote driver does; the URI's user name answers the user
 * prompts when the callback cannot. */
static int
virNetSASLSessionInteract(virNetSASLSession *sess, sasl_interact_t *prompts)
{
    g_autofree virConnectCredential *creds = NULL;
    size_t n = 0;
    size_t i;
    size_t j;

    for (n = 0; prompts[n].id != SASL_CB_LIST_END; n++)
        ;
    creds = g_new0(virConnectCredential, n);
    for (i = 0; i < n; i++) {
        int type = virNetSASLCredType(prompts[i].id);

        if (type < 0) {
            virReportError(VIR_ERR_AUTH_FAILED, "unsupported SASL prompt %lu", prompts[i].id);
            return -1;
        }
        creds[i].type = type;
        creds[i].prompt = prompts[i].prompt;
        creds[i].challenge = prompts[i].challenge;
        creds[i].defresult = prompts[i].defresult;
        if ((type == VIR_CRED_AUTHNAME || type == VIR_CRED_USERNAME) && sess->username)
            creds[i].defresult = sess->username;
    }
    if (sess->auth && sess->auth->cb) {
        for (i = 0; i < n; i++) {
            for (j = 0; j < sess->auth->ncredtype; j++) {
                if (sess->auth->credtype[j] == creds[i].type)
                    break;
            }
            if (j == sess->auth->ncredtype && !creds[i].defresult) {
                virReportError(VIR_ERR_AUTH_FAILED, "%s",
                               "Failed to make auth credentials");
                return -1;
            }
        }
        if (sess->auth->cb(creds, n, sess->auth->cbdata) < 0) {
            virReportError(VIR_ERR_AUTH_FAILED, "%s", "Failed to collect auth credentials");
            for (i = 0; i < n; i++)
                g_free(creds[i].result);
            return -1;
        }
    }
    for (i = 0; i < n; i++) {
        char *answer = creds[i].result;

        if (!answer && creds[i].defresult)
            answer = g_strdup(creds[i].defresult);
        if (!answer) {
            virReportError(VIR_ERR_AUTH_FAILED, "%s", "No authentication callback available");
            for (j = i + 1; j < n; j++)
                g_free(creds[j].result);
            return -1;
        }
        g_ptr_array_add(sess->answers, answer);
        prompts[i].result = answer;
        prompts[i].len = strlen(answer);
    }
    return 0;
}

int
virNetSASLSessionClientStep(virNetSASLSession *sess, const char *mechlist, const char **mech,
                            const char *in, size_t inlen, const char **out, size_t *outlen)
{
    sasl_interact_t *prompts = NULL;     /* answered prompts go back in */
    unsigned int olen = 0;
    int rc;

    *out = NULL;
    for (;;) {
        if (!sess->started)
            rc = sasl_client_start(sess->conn, mechlist, &prompts, out, &olen, mech);
        else
            rc = sasl_client_step(sess->conn, in, inlen, &prompts, out, &olen);
        if (rc != SASL_INTERACT)
            break;
        if (virNetSASLSessionInteract(sess, prompts) < 0)
            return -1;
    }
    if (!sess->started && (rc == SASL_OK || rc == SASL_CONTINUE))
        sess->started = true;
    *outlen = olen;
    if (rc == SASL_OK)
        return 1;
    if (rc == SASL_CONTINUE)
        return 0;
    virReportError(VIR_ERR_AUTH_FAILED, "Failed to %s SASL negotiation: %d (%s)",
                   sess->started ? "step" : "start", rc, sasl_errdetail(sess->conn));
    return -1;
}
