/*
 * virtkitd_config.c: reading virtkitd.conf (see virtkitd_config.h).
 *
 * A small recursive-descent reader: a value is a string, an integer or a
 * list of values; each key of the table below says which type it wants
 * and where it goes in virtkitdConfig.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "virerror.h"
#include "virtkitd_config.h"

#define VIR_FROM_THIS VIR_FROM_CONF

static const char *const virtkitdAuthNames[VIRTKITD_AUTH_LAST] = {
    "none", "sasl", "polkit",
};

const char *
virtkitdAuthToString(int auth)
{
    return auth >= 0 && auth < VIRTKITD_AUTH_LAST ? virtkitdAuthNames[auth] : "none";
}

typedef enum {
    CONF_BOOL,
    CONF_UINT,
    CONF_INT,
    CONF_STRING,
    CONF_STRLIST,
    CONF_AUTH,
} virtkitdConfType;

typedef struct {
    const char *name;
    virtkitdConfType type;
    size_t offset;
} virtkitdConfKey;

#define KEY(name, type) { #name, type, offsetof(virtkitdConfig, name) }

static const virtkitdConfKey virtkitdConfKeys[] = {
    KEY(listen_tls, CONF_BOOL),
    KEY(listen_tcp, CONF_BOOL),
    KEY(tls_port, CONF_STRING),
    KEY(tcp_port, CONF_STRING),
    KEY(listen_addr, CONF_STRING),
    KEY(unix_sock_group, CONF_STRING),
    KEY(unix_sock_ro_perms, CONF_STRING),
    KEY(unix_sock_rw_perms, CONF_STRING),
    KEY(unix_sock_dir, CONF_STRING),
    KEY(auth_unix_ro, CONF_AUTH),
    KEY(auth_unix_rw, CONF_AUTH),
    KEY(auth_tcp, CONF_AUTH),
    KEY(auth_tls, CONF_AUTH),
    KEY(tls_no_verify_certificate, CONF_BOOL),
    KEY(tls_allowed_dn_list, CONF_STRLIST),
    KEY(tls_priority, CONF_STRING),
    KEY(key_file, CONF_STRING),
    KEY(cert_file, CONF_STRING),
    KEY(ca_file, CONF_STRING),
    KEY(crl_file, CONF_STRING),
    KEY(max_clients, CONF_UINT),
    KEY(max_workers, CONF_UINT),
    KEY(min_workers, CONF_UINT),
    KEY(max_client_requests, CONF_UINT),
    KEY(keepalive_interval, CONF_INT),
    KEY(keepalive_count, CONF_UINT),
    KEY(log_level, CONF_UINT),
    KEY(log_filters, CONF_STRING),
    KEY(log_outputs, CONF_STRING),
};

virtkitdConfig *
virtkitdConfigNew(void)
{
    virtkitdConfig *cfg = g_new0(virtkitdConfig, 1);

    cfg->listen_tls = true;
    cfg->tls_port = g_strdup("16514");
    cfg->tcp_port = g_strdup("16509");
    cfg->unix_sock_ro_perms = g_strdup("0777");
    cfg->unix_sock_rw_perms = g_strdup("0700");
    cfg->auth_unix_ro = VIRTKITD_AUTH_NONE;
    cfg->auth_unix_rw = VIRTKITD_AUTH_NONE;
    cfg->auth_tcp = VIRTKITD_AUTH_SASL;
    cfg->auth_tls = VIRTKITD_AUTH_NONE;
    cfg->max_clients = 5000;
    cfg->max_workers = 20;
    cfg->min_workers = 5;
    cfg->max_client_requests = 5;
    cfg->keepalive_interval = 5;
    cfg->keepalive_count = 5;
    return cfg;
}

void
virtkitdConfigFree(virtkitdConfig *cfg)
{
    size_t i;

    if (!cfg)
        return;
    for (i = 0; i < G_N_ELEMENTS(virtkitdConfKeys); i++) {
        void *field = (char *)cfg + virtkitdConfKeys[i].offset;

        if (virtkitdConfKeys[i].type == CONF_STRING)
            g_free(*(char **)field);
        else if (virtkitdConfKeys[i].type == CONF_STRLIST)
            g_strfreev(*(char ***)field);
    }
    g_free(cfg);
}

/* ---- the reader ---- */

typedef enum {
    VAL_INT,
    VAL_STRING,
    VAL_LIST,
} virtkitdValType;

typedef struct {
    virtkitdValType type;
    long long num;
    char *str;
    GPtrArray *list;             /* of char *: lists hold strings (others refused later) */
    bool listOfStrings;
} virtkitdVal;

typedef struct {
    const char *name;
    const char *p;
    int line;
} virtkitdReader;

static void
virtkitdValClear(virtkitdVal *v)
{
    g_free(v->str);
    if (v->list)
        g_ptr_array_unref(v->list);
    memset(v, 0, sizeof(*v));
}

static int
virtkitdSyntax(virtkitdReader *r, const char *what)
{
    virReportError(VIR_ERR_CONF_SYNTAX, "%s:%d: %s", r->name, r->line, what);
    return -1;
}

/* Skip blanks and comments; with NEWLINES, line ends too. */
static void
virtkitdSkip(virtkitdReader *r, bool newlines)
{
    for (;;) {
        if (*r->p == ' ' || *r->p == '\t' || *r->p == '\r') {
            r->p++;
        } else if (*r->p == '#') {
            while (*r->p && *r->p != '\n')
                r->p++;
        } else if (newlines && *r->p == '\n') {
            r->p++;
            r->line++;
        } else {
            return;
        }
    }
}

static int
virtkitdReadString(virtkitdReader *r, char **out)
{
    char quote = *r->p++;
    const char *start = r->p;

    while (*r->p && *r->p != quote && *r->p != '\n')
        r->p++;
    if (*r->p != quote)
        return virtkitdSyntax(r, "unterminated string");
    *out = g_strndup(start, r->p - start);
    r->p++;
    return 0;
}

static int
virtkitdReadValue(virtkitdReader *r, virtkitdVal *v, bool inList)
{
    memset(v, 0, sizeof(*v));
    if (*r->p == '"' || *r->p == '\'') {
        v->type = VAL_STRING;
        return virtkitdReadString(r, &v->str);
    }
    if (*r->p == '-' || *r->p == '+' || g_ascii_isdigit(*r->p)) {
        char *end;

        errno = 0;
        v->num = strtoll(r->p, &end, 10);
        if (errno || end == r->p || !(end == r->p + 1 || g_ascii_isdigit(end[-1])))
            return virtkitdSyntax(r, "invalid number");
        v->type = VAL_INT;
        r->p = end;
        return 0;
    }
    if (*r->p == '[' && !inList) {
        r->p++;
        v->type = VAL_LIST;
        v->list = g_ptr_array_new_with_free_func(g_free);
        v->listOfStrings = true;
        for (;;) {
            virtkitdVal item;

            virtkitdSkip(r, true);
            if (*r->p == ']') {
                r->p++;
                return 0;
            }
            if (virtkitdReadValue(r, &item, true) < 0) {
                virtkitdValClear(v);
                return -1;
            }
            if (item.type == VAL_STRING)
                g_ptr_array_add(v->list, g_steal_pointer(&item.str));
            else
                v->listOfStrings = false;
            virtkitdValClear(&item);
            virtkitdSkip(r, true);
            if (*r->p == ',') {
                r->p++;
            } else if (*r->p != ']') {
                virtkitdValClear(v);
                return virtkitdSyntax(r, "expecting a separator in list");
            }
        }
    }
    return virtkitdSyntax(r, "expecting a value");
}

static const virtkitdConfKey *
virtkitdFindKey(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virtkitdConfKeys); i++) {
        if (strcmp(virtkitdConfKeys[i].name, name) == 0)
            return &virtkitdConfKeys[i];
    }
    return NULL;
}

/* Store V under KEY, checking its type as libvirtd does. */
static int
virtkitdStore(virtkitdConfig *cfg, const char *file, const virtkitdConfKey *key,
              virtkitdVal *v)
{
    void *field = (char *)cfg + key->offset;
    int auth;

    switch (key->type) {
    case CONF_BOOL:
        if (v->type != VAL_INT) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s: expected a bool for '%s' parameter",
                           file, key->name);
            return -1;
        }
        if (v->num != 0 && v->num != 1) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s: value for '%s' parameter must be 0 or 1",
                           file, key->name);
            return -1;
        }
        *(bool *)field = v->num == 1;
        return 0;
    case CONF_UINT:
        if (v->type != VAL_INT || v->num < 0 || v->num > G_MAXUINT) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "%s: expected an unsigned integer for '%s' parameter",
                           file, key->name);
            return -1;
        }
        *(unsigned int *)field = v->num;
        return 0;
    case CONF_INT:
        if (v->type != VAL_INT || v->num < G_MININT || v->num > G_MAXINT) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "%s: expected a signed integer for '%s' parameter",
                           file, key->name);
            return -1;
        }
        *(int *)field = v->num;
        return 0;
    case CONF_STRING:
        if (v->type != VAL_STRING) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s: expected a string for '%s' parameter",
                           file, key->name);
            return -1;
        }
        g_free(*(char **)field);
        *(char **)field = g_steal_pointer(&v->str);
        return 0;
    case CONF_STRLIST:
        if (v->type != VAL_LIST || !v->listOfStrings) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "%s: expected a string list for '%s' parameter",
                           file, key->name);
            return -1;
        }
        g_strfreev(*(char ***)field);
        g_ptr_array_add(v->list, NULL);
        *(char ***)field = (char **)g_ptr_array_steal(v->list, NULL);
        return 0;
    case CONF_AUTH:
        if (v->type != VAL_STRING) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s: expected a string for '%s' parameter",
                           file, key->name);
            return -1;
        }
        for (auth = 0; auth < VIRTKITD_AUTH_LAST; auth++) {
            if (strcmp(v->str, virtkitdAuthNames[auth]) == 0)
                break;
        }
        if (auth == VIRTKITD_AUTH_LAST) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s: %s: unsupported auth %s",
                           file, key->name, v->str);
            return -1;
        }
        *(int *)field = auth;
        return 0;
    }
    return -1;
}

int
virtkitdConfigParse(virtkitdConfig *cfg, const char *name, const char *text)
{
    virtkitdReader r = { .name = name, .p = text, .line = 1 };

    for (;;) {
        g_autofree char *key = NULL;
        const virtkitdConfKey *known;
        virtkitdVal v;
        const char *start;
        int rc;

        virtkitdSkip(&r, true);
        if (*r.p == ';') {
            r.p++;
            continue;
        }
        if (!*r.p)
            return 0;
        start = r.p;
        if (!g_ascii_isalpha(*r.p) && *r.p != '_')
            return virtkitdSyntax(&r, "expecting a name");
        while (g_ascii_isalnum(*r.p) || *r.p == '_' || *r.p == '.')
            r.p++;
        key = g_strndup(start, r.p - start);
        virtkitdSkip(&r, false);
        if (*r.p != '=')
            return virtkitdSyntax(&r, "expecting an assignment");
        r.p++;
        virtkitdSkip(&r, false);
        if (virtkitdReadValue(&r, &v, false) < 0)
            return -1;
        virtkitdSkip(&r, false);
        if (*r.p && *r.p != '\n' && *r.p != ';') {
            virtkitdValClear(&v);
            return virtkitdSyntax(&r, "expecting a separator");
        }
        if ((known = virtkitdFindKey(key))) {
            rc = virtkitdStore(cfg, name, known, &v);
        } else {
            /* libvirtd ignores keys it does not know; say so at least */
            g_printerr("virtkitd: warning: %s:%d: unknown key '%s' ignored\n",
                       name, r.line, key);
            rc = 0;
        }
        virtkitdValClear(&v);
        if (rc < 0)
            return -1;
    }
}

int
virtkitdConfigLoad(virtkitdConfig *cfg, const char *path, bool optional)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) gerr = NULL;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        if (optional && errno == ENOENT)
            return 0;
        virReportSystemError(errno, "Failed to open file '%s'", path);
        return -1;
    }
    close(fd);
    if (!g_file_get_contents(path, &text, NULL, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Failed to read file '%s': %s", path,
                       gerr->message);
        return -1;
    }
    return virtkitdConfigParse(cfg, path, text);
}
