/*
 * virtkitd_config.h: virtkitd's configuration file (docs/daemon.md).
 *
 * The file has libvirtd.conf's syntax and keys: `key = value` lines
 * (or separated by ';'), values being "strings" (or 'strings'), integers
 * and [ "lists", "of strings" ] that may span lines, '#' comments.  Every
 * key has libvirtd's default.  A value of the wrong type, an unknown
 * auth scheme or a syntax error is an error naming the file (and the key
 * or line), as libvirtd reports it; an unknown key is ignored, as
 * libvirtd ignores it, with a warning.
 */
#pragma once

#include <stdbool.h>

#include <glib.h>

typedef enum {
    VIRTKITD_AUTH_NONE,
    VIRTKITD_AUTH_SASL,
    VIRTKITD_AUTH_POLKIT,
    VIRTKITD_AUTH_LAST,
} virtkitdAuth;

typedef struct {
    /* network */
    bool listen_tls;             /* 1 */
    bool listen_tcp;             /* 0 */
    char *tls_port;              /* "16514" */
    char *tcp_port;              /* "16509" */
    char *listen_addr;           /* NULL: every address */
    /* unix sockets */
    char *unix_sock_group;       /* NULL: the daemon's */
    char *unix_sock_ro_perms;    /* "0777" */
    char *unix_sock_rw_perms;    /* "0700" */
    char *unix_sock_dir;         /* NULL: the run folder */
    /* authentication */
    int auth_unix_ro;            /* virtkitdAuth */
    int auth_unix_rw;
    int auth_tcp;                /* sasl */
    int auth_tls;                /* none */
    /* TLS */
    bool tls_no_verify_certificate;
    char **tls_allowed_dn_list;  /* NULL: any certificate the CA signed */
    char *tls_priority;          /* NULL: "NORMAL" */
    char *key_file;              /* NULL: libvirt's default paths */
    char *cert_file;
    char *ca_file;
    char *crl_file;
    /* limits */
    unsigned int max_clients;    /* 5000 */
    unsigned int max_workers;    /* 20 */
    unsigned int min_workers;    /* 5 */
    unsigned int max_client_requests;  /* 5 */
    int keepalive_interval;      /* 5 */
    unsigned int keepalive_count;      /* 5 */
    /* logging */
    unsigned int log_level;      /* 0: unchanged */
    char *log_filters;
    char *log_outputs;
} virtkitdConfig;

/* A configuration with every key at libvirtd's default. */
virtkitdConfig *virtkitdConfigNew(void);
void virtkitdConfigFree(virtkitdConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtkitdConfig, virtkitdConfigFree);

/* Read PATH into CFG.  When OPTIONAL and PATH does not exist, CFG keeps
 * its defaults.  -1 with an error (VIR_FROM_CONF) naming PATH. */
int virtkitdConfigLoad(virtkitdConfig *cfg, const char *path, bool optional);

/* Parse the text TEXT as if read from NAME (for tests and the above). */
int virtkitdConfigParse(virtkitdConfig *cfg, const char *name, const char *text);

/* "none", "sasl", "polkit". */
const char *virtkitdAuthToString(int auth);
