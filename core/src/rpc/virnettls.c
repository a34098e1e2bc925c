/*
 * virnettls.c: TLS contexts and sessions with gnutls (see virnettls.h).
 */
#include <errno.h>
#include <fnmatch.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "virerror.h"
#include "virlog.h"
#include "virnettls.h"

#define VIR_FROM_THIS VIR_FROM_RPC

struct _virNetTLSContext {
    gnutls_certificate_credentials_t creds;
    bool server;
    bool noverify;
    char **dnlist;               /* NULL: any client the CA vouches for */
    char *priority;
};

struct _virNetTLSSession {
    virNetTLSContext *ctx;       /* not owned: outlives its sessions */
    gnutls_session_t session;
    char *hostname;
    char *peerDN;
};

static const char *
virNetTLSSide(bool server)
{
    return server ? "server" : "client";
}

/* libvirt's words for a failed verification STATUS (gnutls'
 * GNUTLS_CERT_* bits); OTHERWISE for the rest. */
static const char *
virNetTLSStatusReason(unsigned int status, const char *otherwise)
{
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return "The certificate hasn't got a known issuer.";
    if (status & GNUTLS_CERT_REVOKED)
        return "The certificate has been revoked.";
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return "The certificate uses an insecure algorithm";
    if (status & GNUTLS_CERT_EXPIRED)
        return "The certificate has expired";
    return otherwise;
}

/* FILE must be readable; a missing optional one is fine (0, *MISSING). */
static int
virNetTLSCheckFile(const char *what, const char *file, bool optional, bool *missing)
{
    *missing = false;
    if (access(file, R_OK) == 0)
        return 0;
    if (optional && errno == ENOENT) {
        *missing = true;
        return 0;
    }
    virReportSystemError(errno, "Cannot read %s '%s'", what, file);
    return -1;
}

/* Load the certificates of a PEM file (up to MAX). */
static int
virNetTLSLoadCerts(const char *file, gnutls_x509_crt_t *certs, unsigned int *ncerts)
{
    gnutls_datum_t data = { 0 };
    int rc;

    if ((rc = gnutls_load_file(file, &data)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to read certificate file '%s': %s",
                       file, gnutls_strerror(rc));
        return -1;
    }
    rc = gnutls_x509_crt_list_import(certs, ncerts, &data, GNUTLS_X509_FMT_PEM, 0);
    gnutls_free(data.data);
    if (rc < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to import certificate file '%s': %s",
                       file, gnutls_strerror(rc));
        return -1;
    }
    *ncerts = rc;
    return 0;
}

/* The checks libvirt makes of an end's own certificate before it uses
 * it, so that a bad one is reported plainly instead of as a failed
 * handshake on the other side. */
static int
virNetTLSCheckOwnCert(bool server, const char *certFile, const char *caFile)
{
    gnutls_x509_crt_t cert[1] = { NULL };
    gnutls_x509_crt_t cas[16] = { NULL };
    unsigned int ncert = 1;
    unsigned int ncas = G_N_ELEMENTS(cas);
    unsigned int usage = 0;
    unsigned int critical = 0;
    unsigned int status = 0;
    time_t now = time(NULL);
    int ret = -1;
    unsigned int i;

    if (virNetTLSLoadCerts(certFile, cert, &ncert) < 0 ||
        virNetTLSLoadCerts(caFile, cas, &ncas) < 0)
        goto cleanup;
    if (ncert < 1) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "No certificate in '%s'", certFile);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_expiration_time(cert[0]) < now) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "The %s certificate %s has expired",
                       virNetTLSSide(server), certFile);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_activation_time(cert[0]) > now) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "The %s certificate %s is not yet active",
                       virNetTLSSide(server), certFile);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_key_usage(cert[0], &usage, &critical) >= 0 && critical) {
        if (!(usage & GNUTLS_KEY_DIGITAL_SIGNATURE)) {
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           "Certificate %s usage does not permit digital signature", certFile);
            goto cleanup;
        }
        if (!(usage & GNUTLS_KEY_KEY_ENCIPHERMENT)) {
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           "Certificate %s usage does not permit key encipherment", certFile);
            goto cleanup;
        }
    }
    if (gnutls_x509_crt_list_verify(cert, 1, cas, ncas, NULL, 0, 0, &status) < 0 || status) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Our own certificate %s failed validation against %s: %s",
                       certFile, caFile,
                       virNetTLSStatusReason(status, "The certificate is not trusted."));
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (cert[0])
        gnutls_x509_crt_deinit(cert[0]);
    for (i = 0; i < G_N_ELEMENTS(cas); i++) {
        if (cas[i])
            gnutls_x509_crt_deinit(cas[i]);
    }
    return ret;
}

static virNetTLSContext *
virNetTLSContextNew(bool server, const char *cacert, const char *cacrl,
                    const char *cert, const char *key, const char *const *dnlist,
                    const char *priority, bool noverify)
{
    g_autofree virNetTLSContext *ctx = g_new0(virNetTLSContext, 1);
    gnutls_priority_t prio;
    bool nocrl;
    bool nocert;
    bool nokey;
    int rc;

    /* the daemon must have its certificate; a client may go without */
    if (virNetTLSCheckFile("CA certificate", cacert, false, &nocrl) < 0 ||
        virNetTLSCheckFile("CA revocation list", cacrl, true, &nocrl) < 0 ||
        virNetTLSCheckFile("certificate", cert, !server, &nocert) < 0 ||
        virNetTLSCheckFile("private key", key, !server, &nokey) < 0)
        return NULL;
    if (!nocert && virNetTLSCheckOwnCert(server, cert, cacert) < 0)
        return NULL;

    if ((rc = gnutls_certificate_allocate_credentials(&ctx->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to allocate x509 credentials: %s",
                       gnutls_strerror(rc));
        return NULL;
    }
    if ((rc = gnutls_certificate_set_x509_trust_file(ctx->creds, cacert,
                                                      GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to set x509 CA certificate: %s: %s",
                       cacert, gnutls_strerror(rc));
        goto error;
    }
    if (!nocrl &&
        (rc = gnutls_certificate_set_x509_crl_file(ctx->creds, cacrl,
                                                   GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to set x509 certificate revocation list: %s: %s",
                       cacrl, gnutls_strerror(rc));
        goto error;
    }
    if (!nocert && !nokey &&
        (rc = gnutls_certificate_set_x509_key_file(ctx->creds, cert, key,
                                                   GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to set x509 key and certificate: %s, %s: %s",
                       key, cert, gnutls_strerror(rc));
        goto error;
    }
    ctx->priority = g_strdup(priority && *priority ? priority : "NORMAL");
    /* a bad priority string is found now, not at the first client */
    if ((rc = gnutls_priority_init(&prio, ctx->priority, NULL)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "Failed to set TLS session priority to %s: %s",
                       ctx->priority, gnutls_strerror(rc));
        g_free(ctx->priority);
        goto error;
    }
    gnutls_priority_deinit(prio);
    ctx->server = server;
    ctx->noverify = noverify;
    ctx->dnlist = dnlist ? g_strdupv((char **)dnlist) : NULL;
    return g_steal_pointer(&ctx);

 error:
    gnutls_certificate_free_credentials(ctx->creds);
    return NULL;
}

virNetTLSContext *
virNetTLSContextNewServer(const char *cacert, const char *cacrl, const char *cert,
                          const char *key, const char *const *dnlist,
                          const char *priority, bool noverify)
{
    return virNetTLSContextNew(true, cacert, cacrl, cert, key, dnlist, priority, noverify);
}

virNetTLSContext *
virNetTLSContextNewClientPath(const char *pkipath, bool noverify)
{
    g_autofree char *cacert = NULL;
    g_autofree char *cacrl = NULL;
    g_autofree char *cert = NULL;
    g_autofree char *key = NULL;

    if (pkipath) {
        cacert = g_build_filename(pkipath, "cacert.pem", NULL);
        cacrl = g_build_filename(pkipath, "cacrl.pem", NULL);
        cert = g_build_filename(pkipath, "clientcert.pem", NULL);
        key = g_build_filename(pkipath, "clientkey.pem", NULL);
    } else {
        g_autofree char *user = geteuid() != 0 ?
            g_build_filename(g_get_home_dir(), ".pki", "libvirt", NULL) : NULL;

        /* a user's own files when they are all there, as libvirt does */
        if (user) {
            cacert = g_build_filename(user, "cacert.pem", NULL);
            cert = g_build_filename(user, "clientcert.pem", NULL);
            key = g_build_filename(user, "clientkey.pem", NULL);
            if (access(cacert, R_OK) < 0 || access(cert, R_OK) < 0 || access(key, R_OK) < 0) {
                g_clear_pointer(&cacert, g_free);
                g_clear_pointer(&cert, g_free);
                g_clear_pointer(&key, g_free);
            }
        }
        if (!cacert) {
            cacert = g_strdup("/etc/pki/CA/cacert.pem");
            cert = g_strdup("/etc/pki/libvirt/clientcert.pem");
            key = g_strdup("/etc/pki/libvirt/private/clientkey.pem");
        }
        cacrl = g_strdup("/etc/pki/CA/cacrl.pem");
    }
    return virNetTLSContextNew(false, cacert, cacrl, cert, key, NULL, NULL, noverify);
}

void
virNetTLSContextFree(virNetTLSContext *ctx)
{
    if (!ctx)
        return;
    gnutls_certificate_free_credentials(ctx->creds);
    g_strfreev(ctx->dnlist);
    g_free(ctx->priority);
    g_free(ctx);
}

virNetTLSSession *
virNetTLSSessionNew(virNetTLSContext *ctx, int fd, const char *hostname)
{
    g_autofree virNetTLSSession *sess = g_new0(virNetTLSSession, 1);
    const char *errpos = NULL;
    int rc;

    if ((rc = gnutls_init(&sess->session, ctx->server ? GNUTLS_SERVER : GNUTLS_CLIENT)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Failed to initialize TLS session: %s",
                       gnutls_strerror(rc));
        return NULL;
    }
    if ((rc = gnutls_priority_set_direct(sess->session, ctx->priority, &errpos)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "Failed to set TLS session priority to %s: %s",
                       ctx->priority, gnutls_strerror(rc));
        gnutls_deinit(sess->session);
        return NULL;
    }
    if ((rc = gnutls_credentials_set(sess->session, GNUTLS_CRD_CERTIFICATE, ctx->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Failed set TLS x509 credentials: %s",
                       gnutls_strerror(rc));
        gnutls_deinit(sess->session);
        return NULL;
    }
    /* asked for, not demanded: a missing one is refused by our own
     * check after the handshake, with libvirt's errors */
    if (ctx->server)
        gnutls_certificate_server_set_request(sess->session, GNUTLS_CERT_REQUEST);
    gnutls_transport_set_int(sess->session, fd);
    sess->ctx = ctx;
    sess->hostname = g_strdup(hostname);
    return g_steal_pointer(&sess);
}

/* Check the peer's certificate: valid against our CA, in date, and then
 * the client's DN or the server's host name.  Reports why not. */
static int
virNetTLSSessionCheckPeer(virNetTLSSession *sess)
{
    virNetTLSContext *ctx = sess->ctx;
    const char *peer = virNetTLSSide(!ctx->server);
    const gnutls_datum_t *certs;
    unsigned int ncerts = 0;
    unsigned int status = 0;
    gnutls_x509_crt_t cert = NULL;
    time_t now = time(NULL);
    char dn[1024];
    size_t dnlen = sizeof(dn);
    int ret = -1;
    int rc;

    if ((rc = gnutls_certificate_verify_peers2(sess->session, &status)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to verify TLS peer: %s",
                       gnutls_strerror(rc));
        return -1;
    }
    if (status) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Certificate failed validation: %s",
                       virNetTLSStatusReason(status, ctx->server
                                             ? "The client certificate is not trusted."
                                             : "The server certificate is not trusted."));
        return -1;
    }
    if (gnutls_certificate_type_get(sess->session) != GNUTLS_CRT_X509) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", "Only x509 certificates are supported");
        return -1;
    }
    if (!(certs = gnutls_certificate_get_peers(sess->session, &ncerts)) || ncerts == 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", "The certificate has no peers");
        return -1;
    }
    if (gnutls_x509_crt_init(&cert) < 0 ||
        gnutls_x509_crt_import(cert, &certs[0], GNUTLS_X509_FMT_DER) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to load the %s certificate", peer);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_expiration_time(cert) < now) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "The %s certificate has expired", peer);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_activation_time(cert) > now) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "The %s certificate is not yet active", peer);
        goto cleanup;
    }
    if (gnutls_x509_crt_get_dn(cert, dn, &dnlen) == 0) {
        g_free(sess->peerDN);
        sess->peerDN = g_strdup(dn);
    }
    if (ctx->server && ctx->dnlist) {
        char **p;

        for (p = ctx->dnlist; *p; p++) {
            if (sess->peerDN && fnmatch(*p, sess->peerDN, 0) == 0)
                break;
        }
        if (!*p) {
            VIR_WARN("client's DN '%s' is not allowed", sess->peerDN ? sess->peerDN : "(none)");
            virReportError(VIR_ERR_SYSTEM_ERROR, "%s",
                           "Client's Distinguished Name is not on the list of allowed "
                           "clients (tls_allowed_dn_list).  Use 'certtool -i --infile "
                           "clientcert.pem' to view the Distinguished Name field in the "
                           "client certificate, or run this daemon in verbose mode.");
            goto cleanup;
        }
    }
    if (!ctx->server && sess->hostname &&
        !gnutls_x509_crt_check_hostname(cert, sess->hostname)) {
        virReportError(VIR_ERR_RPC, "Certificate %s owner does not match the hostname %s",
                       "[session]", sess->hostname);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (cert)
        gnutls_x509_crt_deinit(cert);
    return ret;
}

int
virNetTLSSessionHandshake(virNetTLSSession *sess)
{
    virNetTLSContext *ctx = sess->ctx;
    int rc;

    do {
        rc = gnutls_handshake(sess->session);
    } while (rc == GNUTLS_E_INTERRUPTED);   /* AGAIN: the socket's timeout */
    if (rc < 0) {
        virReportError(VIR_ERR_AUTH_FAILED, "TLS handshake failed %s", gnutls_strerror(rc));
        return -1;
    }

    if (virNetTLSSessionCheckPeer(sess) < 0) {
        virErrorPtr why = virGetLastError();

        if (!ctx->noverify) {
            VIR_WARN("Certificate check failed %s", why ? why->message : "");
            if (ctx->server)
                return -1;   /* the client is closed on, told nothing more */
            virReportError(VIR_ERR_AUTH_FAILED, "%s", "Failed to verify peer's certificate");
            return -1;
        }
        VIR_WARN("Ignoring bad certificate at user request: %s", why ? why->message : "");
        virResetLastError();
    }

    /* the daemon's verdict travels as one byte; a refused client sees the
     * connection end instead */
    if (ctx->server) {
        if (virNetTLSSessionWrite(sess, "\1", 1) != 1) {
            virReportSystemError(errno, "%s", "Unable to send TLS confirmation");
            return -1;
        }
    } else {
        char byte = 0;

        if (virNetTLSSessionRead(sess, &byte, 1) != 1 || byte != 1) {
            virReportSystemError(EIO, "%s", "Unable to read TLS confirmation");
            return -1;
        }
    }
    return 0;
}

/* One record read or written, retried when interrupted; gnutls' errors
 * become EIO (EAGAIN for a timeout), a peer gone without a TLS goodbye the end of the stream. */
static ssize_t
virNetTLSSessionIO(virNetTLSSession *sess, bool send, void *buf, size_t len)
{
    for (;;) {
        ssize_t n = send ? gnutls_record_send(sess->session, buf, len)
                         : gnutls_record_recv(sess->session, buf, len);

        if (n >= 0)
            return n;
        if (n == GNUTLS_E_INTERRUPTED)
            continue;
        if (!send && n == GNUTLS_E_PREMATURE_TERMINATION)
            return 0;
        VIR_DEBUG("TLS %s failed: %s", send ? "write" : "read", gnutls_strerror(n));
        /* the sockets block: AGAIN is their timeout running out */
        errno = n == GNUTLS_E_AGAIN ? EAGAIN : EIO;
        return -1;
    }
}

ssize_t
virNetTLSSessionRead(virNetTLSSession *sess, void *buf, size_t len)
{
    return virNetTLSSessionIO(sess, false, buf, len);
}

ssize_t
virNetTLSSessionWrite(virNetTLSSession *sess, const void *buf, size_t len)
{
    return virNetTLSSessionIO(sess, true, (void *)buf, len);
}

size_t
virNetTLSSessionPending(virNetTLSSession *sess)
{
    return gnutls_record_check_pending(sess->session);
}

const char *
virNetTLSSessionPeerDN(virNetTLSSession *sess)
{
    return sess->peerDN;
}

void
virNetTLSSessionFree(virNetTLSSession *sess)
{
    if (!sess)
        return;
    gnutls_deinit(sess->session);
    g_free(sess->hostname);
    g_free(sess->peerDN);
    g_free(sess);
}
