/*
 * virtkitd_server.c: from configuration to listening server (see
 * virtkitd_server.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetsasl.h"
#include "virnettls.h"
#include "virtkitd_config.h"
#include "virtkitd_server.h"

#define VIR_FROM_THIS VIR_FROM_CONF

static virNetTLSContext *virtkitdTLS;  /* lives as long as the process */

/* ROOT/REL when the daemon has a root, else ABS. */
static char *
virtkitdPath(const char *root, const char *rel, const char *abs)
{
    return root ? g_build_filename(root, rel, NULL) : g_strdup(abs);
}

static char *
virtkitdDefaultConfig(const char *root)
{
    if (root || geteuid() == 0)
        return virtkitdPath(root, "etc/virtkit/virtkitd.conf", "/etc/virtkit/virtkitd.conf");
    return g_build_filename(g_get_user_config_dir(), "virtkit", "virtkitd.conf", NULL);
}

/* A daemon's certificate files: the configured ones, else libvirtd's
 * places (under the root; ~/.pki/libvirt for a user's daemon). */
static char *
virtkitdPKIPath(const char *root, const char *configured, const char *sys,
                const char *user)
{
    if (configured)
        return g_strdup(configured);
    if (!root && geteuid() != 0)
        return g_build_filename(g_get_home_dir(), ".pki", "libvirt", user, NULL);
    return virtkitdPath(root, sys + 1, sys);
}

static int
virtkitdParseMode(const char *text, mode_t *mode)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(text, &end, 8);
    if (errno || end == text || *end || v > 07777) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Failed to parse mode '%s'", text);
        return -1;
    }
    *mode = v;
    return 0;
}

/* log_level and log_outputs: virtkit logs to one place, standard error,
 * which a "file" output sends to its file.  log_filters are accepted and
 * not applied (the library's log has no per-module filters). */
static int
virtkitdSetupLogging(const virtkitdConfig *cfg, const char *file)
{
    g_auto(GStrv) outputs = NULL;
    int level = cfg->log_level;
    size_t i;

    if (cfg->log_level > 4) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s: log_level must be between 1 and 4", file);
        return -1;
    }
    outputs = g_strsplit_set(cfg->log_outputs ? cfg->log_outputs : "", " \t", -1);
    for (i = 0; outputs[i]; i++) {
        g_auto(GStrv) part = NULL;
        char *end;
        long prio;

        if (!*outputs[i])
            continue;
        part = g_strsplit(outputs[i], ":", 3);
        prio = part[0] ? strtol(part[0], &end, 10) : 0;
        if (!part[0] || !part[1] || *end || prio < 1 || prio > 4 ||
            (strcmp(part[1], "stderr") != 0 && strcmp(part[1], "file") != 0 &&
             strcmp(part[1], "journald") != 0 && strcmp(part[1], "syslog") != 0) ||
            (strcmp(part[1], "file") == 0 && (!part[2] || !*part[2]))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s: Invalid log output '%s'",
                           file, outputs[i]);
            return -1;
        }
        if (strcmp(part[1], "file") == 0) {
            int fd = open(part[2], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

            if (fd < 0) {
                virReportSystemError(errno, "failed to open %s", part[2]);
                return -1;
            }
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        if (level == 0 || prio < level)
            level = prio;
    }
    if (level > 0)
        virLogSetThreshold(level);
    return 0;
}

static int
virtkitdAddUnixSockets(virNetServer *srv, const virtkitdOptions *opts,
                       const virtkitdConfig *cfg)
{
    const char *dir = cfg->unix_sock_dir ? cfg->unix_sock_dir : opts->rundir;
    g_autofree char *rw = g_build_filename(dir, "virtkit-sock", NULL);
    g_autofree char *ro = g_build_filename(dir, "virtkit-sock-ro", NULL);
    gid_t group = (gid_t)-1;
    mode_t rwmode;
    mode_t romode;

    if (virtkitdParseMode(cfg->unix_sock_rw_perms, &rwmode) < 0 ||
        virtkitdParseMode(cfg->unix_sock_ro_perms, &romode) < 0)
        return -1;
    if (cfg->unix_sock_group) {
        struct group *gr = getgrnam(cfg->unix_sock_group);

        if (!gr) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Failed to look up group '%s'",
                           cfg->unix_sock_group);
            return -1;
        }
        group = gr->gr_gid;
    }
    if (g_mkdir_with_parents(dir, 0755) < 0) {
        virReportSystemError(errno, "cannot create %s", dir);
        return -1;
    }
    if (opts->verbose)
        fprintf(stderr, "virtkitd: listening on %s and %s\n", rw, ro);
    if (virNetServerAddUnix(srv, rw, rwmode, group, false) < 0 ||
        virNetServerAddUnix(srv, ro, romode, group, true) < 0)
        return -1;
    return 0;
}

/* The network listeners take "none" and "sasl"; polkit is for unix
 * sockets in libvirtd, and not there in virtkitd. */
static int
virtkitdCheckNetAuth(const char *key, int auth, const char *file)
{
    if (auth == VIRTKITD_AUTH_POLKIT) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s: %s = \"polkit\" is not supported",
                       file, key);
        return -1;
    }
    return 0;
}

static int
virtkitdNetAuth(int auth)
{
    return auth == VIRTKITD_AUTH_SASL ? VIR_NET_AUTH_SASL : VIR_NET_AUTH_NONE;
}

/* With --listen: TLS (listen_tls) and plain TCP (listen_tcp). */
static int
virtkitdAddNetwork(virNetServer *srv, const virtkitdOptions *opts,
                   const virtkitdConfig *cfg, const char *file)
{
    int port;

    if (virtkitdCheckNetAuth("auth_tcp", cfg->listen_tcp ? cfg->auth_tcp : VIRTKITD_AUTH_NONE,
                             file) < 0 ||
        virtkitdCheckNetAuth("auth_tls", cfg->listen_tls ? cfg->auth_tls : VIRTKITD_AUTH_NONE,
                             file) < 0)
        return -1;
    if ((cfg->listen_tcp && cfg->auth_tcp == VIRTKITD_AUTH_SASL) ||
        (cfg->listen_tls && cfg->auth_tls == VIRTKITD_AUTH_SASL)) {
        g_autofree char *confdir = virtkitdPath(opts->root, "etc/sasl2", "/etc/sasl2");

        if (virNetSASLServerInit(confdir) < 0)
            return -1;
    }
    if (cfg->listen_tcp) {
        /* libvirtd serves plain TCP with auth_tcp = "none" too (meant
         * for tests) */
        if ((port = virNetServerAddTCP(srv, cfg->listen_addr, cfg->tcp_port, NULL,
                                       virtkitdNetAuth(cfg->auth_tcp))) < 0)
            return -1;
        if (opts->verbose)
            fprintf(stderr, "virtkitd: listening for TCP on %s:%d\n",
                    cfg->listen_addr ? cfg->listen_addr : "*", port);
    }
    if (cfg->listen_tls) {
        g_autofree char *ca = virtkitdPKIPath(opts->root, cfg->ca_file,
                                              "/etc/pki/CA/cacert.pem", "cacert.pem");
        g_autofree char *crl = virtkitdPKIPath(opts->root, cfg->crl_file,
                                               "/etc/pki/CA/cacrl.pem", "cacrl.pem");
        g_autofree char *cert = virtkitdPKIPath(opts->root, cfg->cert_file,
                                                "/etc/pki/libvirt/servercert.pem",
                                                "servercert.pem");
        g_autofree char *key = virtkitdPKIPath(opts->root, cfg->key_file,
                                               "/etc/pki/libvirt/private/serverkey.pem",
                                               "serverkey.pem");
        if (!(virtkitdTLS = virNetTLSContextNewServer(ca, crl, cert, key,
                                                      (const char *const *)cfg->tls_allowed_dn_list,
                                                      cfg->tls_priority,
                                                      cfg->tls_no_verify_certificate)))
            return -1;
        if ((port = virNetServerAddTCP(srv, cfg->listen_addr, cfg->tls_port, virtkitdTLS,
                                       virtkitdNetAuth(cfg->auth_tls))) < 0)
            return -1;
        if (opts->verbose)
            fprintf(stderr, "virtkitd: listening for TLS on %s:%d\n",
                    cfg->listen_addr ? cfg->listen_addr : "*", port);
    }
    return 0;
}

static int
virtkitdCheckConfig(const virtkitdConfig *cfg, const char *file)
{
    if (cfg->auth_unix_rw != VIRTKITD_AUTH_NONE || cfg->auth_unix_ro != VIRTKITD_AUTH_NONE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "%s: auth_unix_rw and auth_unix_ro must be \"none\" (the socket "
                       "modes and group control access)", file);
        return -1;
    }
    if (cfg->max_workers < 1 || cfg->min_workers > cfg->max_workers) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "%s: max_workers must be at least 1 and at least min_workers", file);
        return -1;
    }
    if (cfg->max_clients < 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s: max_clients must be at least 1", file);
        return -1;
    }
    return 0;
}

virNetServer *
virtkitdServerStart(const virtkitdOptions *opts, const virNetServerCallbacks *cbs)
{
    g_autoptr(virtkitdConfig) cfg = virtkitdConfigNew();
    g_autofree char *file = opts->config ? g_strdup(opts->config)
                                         : virtkitdDefaultConfig(opts->root);
    virNetServer *srv = NULL;
    unsigned int workers;

    if (virtkitdConfigLoad(cfg, file, !opts->config) < 0 ||
        virtkitdCheckConfig(cfg, file) < 0 ||
        virtkitdSetupLogging(cfg, file) < 0) {
        fprintf(stderr, "virtkitd: Can't load config file: %s: %s\n",
                virErrorEnsureLast()->message, file);
        return NULL;
    }
    /* the command line wins over the file */
    workers = opts->workers > 0 ? (unsigned int)opts->workers : cfg->max_workers;
    if (!(srv = virNetServerNew(workers, opts->maxMessage, cbs, NULL)))
        goto error;
    virNetServerSetMaxClients(srv, opts->maxClients > 0 ? (unsigned int)opts->maxClients
                                                        : cfg->max_clients);
    virNetServerSetMaxClientRequests(srv, cfg->max_client_requests);
    virNetServerSetKeepAlive(srv, cfg->keepalive_interval, cfg->keepalive_count);
    if (virtkitdAddUnixSockets(srv, opts, cfg) < 0 ||
        (opts->listen && virtkitdAddNetwork(srv, opts, cfg, file) < 0) ||
        virNetServerStart(srv) < 0)
        goto error;
    return srv;

 error:
    fprintf(stderr, "virtkitd: %s\n", virErrorEnsureLast()->message);
    if (srv)
        virNetServerStop(srv);
    return NULL;
}

void
virtkitdServerStop(virNetServer *srv)
{
    virNetServerStop(srv);
}
