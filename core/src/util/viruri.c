/*
 * viruri.c: the URIs that name a connection, parsed and formatted.
 *
 * A small RFC 3986 parser of our own instead of GUri: programs and users
 * rely on libvirt's exact behaviour, which is libxml2's URI parser plus a
 * few conventions (the server is NULL for an empty authority, IPv6 literals
 * lose their brackets, the query is kept raw as well as split into
 * parameters on '&' and ';', "+" is not a space, "host:" with an empty port
 * is refused, and formatting always writes the "//" so "qemu:///system"
 * comes back unchanged).  GUri differs on several of these, and matching
 * them through it would take more code than parsing directly.
 *
 * Parsing validates and decodes each part in one pass; formatting escapes
 * each part with the character set libvirt uses for it.
 */
#include <limits.h>
#include <string.h>

#include "viruri.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* ---------------------------------------------------------------------
 * Character classes (RFC 3986 section 2 and 3)
 * ------------------------------------------------------------------- */

static gboolean
virURIIsUnreserved(char c)
{
    return g_ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static gboolean
virURIIsSubDelim(char c)
{
    return c != '\0' && strchr("!$&'()*+,;=", c) != NULL;
}

static gboolean
virURIIsPChar(char c)
{
    return virURIIsUnreserved(c) || virURIIsSubDelim(c) || c == ':' || c == '@';
}

typedef gboolean (*virURICharClass)(char c);

static gboolean
virURIIsUserChar(char c)
{
    return virURIIsUnreserved(c) || virURIIsSubDelim(c) || c == ':';
}

/* IPv6 literal, with an optional "%25zone" suffix. */
static gboolean
virURIIsIPv6Char(char c)
{
    return virURIIsUnreserved(c) || c == ':';
}

static gboolean
virURIIsRegNameChar(char c)
{
    return virURIIsUnreserved(c) || virURIIsSubDelim(c);
}

static gboolean
virURIIsPathChar(char c)
{
    return virURIIsPChar(c) || c == '/';
}

static gboolean
virURIIsQueryChar(char c)
{
    return virURIIsPChar(c) || c == '/' || c == '?';
}

/* ---------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------- */

/* Check that [START, END) holds only characters of CLASS and well-formed
 * %XX escapes. */
static gboolean
virURICheckPart(const char *start, const char *end, virURICharClass class)
{
    for (const char *p = start; p < end; p++) {
        if (*p == '%') {
            if (end - p < 3 ||
                !g_ascii_isxdigit(p[1]) || !g_ascii_isxdigit(p[2]))
                return FALSE;
            p += 2;
        } else if (!class(*p)) {
            return FALSE;
        }
    }
    return TRUE;
}

/* Decode %XX escapes of [START, END); the text was checked already. */
static char *
virURIUnescape(const char *start, const char *end)
{
    GString *out = g_string_sized_new(end - start);

    for (const char *p = start; p < end; p++) {
        if (*p == '%' && end - p >= 3) {
            g_string_append_c(out, (char)((g_ascii_xdigit_value(p[1]) << 4) |
                                          g_ascii_xdigit_value(p[2])));
            p += 2;
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

/* Check and decode a part into *RET; FALSE when it is malformed. */
static gboolean
virURITakePart(const char *start,
               const char *end,
               virURICharClass class,
               char **ret)
{
    if (!virURICheckPart(start, end, class))
        return FALSE;
    *ret = virURIUnescape(start, end);
    return TRUE;
}

static gboolean
virURIParseHost(virURI *uri, const char *start, const char *end)
{
    const char *colon = NULL;

    if (start < end && *start == '[') {
        const char *close = memchr(start, ']', end - start);

        if (!close)
            return FALSE;
        if (start[1] == 'v' || start[1] == 'V') {
            /* IPvFuture: kept whole, brackets included. */
            for (const char *p = start + 2; p < close; p++) {
                if (!virURIIsUnreserved(*p) && !virURIIsSubDelim(*p) &&
                    *p != ':')
                    return FALSE;
            }
            uri->server = g_strndup(start, close + 1 - start);
        } else {
            if (!virURICheckPart(start + 1, close, virURIIsIPv6Char))
                return FALSE;
            uri->server = virURIUnescape(start + 1, close);
        }
        if (close + 1 < end) {
            if (close[1] != ':')
                return FALSE;
            colon = close + 1;
        }
    } else {
        const char *hostend = memchr(start, ':', end - start);

        if (!hostend)
            hostend = end;
        else
            colon = hostend;
        if (hostend > start &&
            !virURITakePart(start, hostend, virURIIsRegNameChar, &uri->server))
            return FALSE;
    }

    if (colon) {
        long long port = 0;

        if (colon + 1 == end)
            return FALSE;
        for (const char *p = colon + 1; p < end; p++) {
            if (!g_ascii_isdigit(*p))
                return FALSE;
            port = port * 10 + (*p - '0');
            if (port > INT_MAX)
                return FALSE;
        }
        uri->port = (int)port;
    }
    return TRUE;
}

static gboolean
virURIParseAuthority(virURI *uri, const char *start, const char *end)
{
    const char *at = memchr(start, '@', end - start);

    if (at) {
        if (!virURITakePart(start, at, virURIIsUserChar, &uri->user))
            return FALSE;
        start = at + 1;
    }
    return virURIParseHost(uri, start, end);
}

static void
virURIAddParam(virURI *uri, const char *start, const char *end)
{
    const char *eq = memchr(start, '=', end - start);
    const char *nameend = eq ? eq : end;
    virURIParam *param;

    if (nameend == start)
        return; /* "=value" and empty segments carry nothing */

    uri->params = g_renew(virURIParam, uri->params, uri->nparams + 1);
    param = &uri->params[uri->nparams++];
    param->name = virURIUnescape(start, nameend);
    param->value = eq ? virURIUnescape(eq + 1, end) : g_strdup("");
}

static void
virURIParseParams(virURI *uri)
{
    const char *p = uri->query;

    while (*p) {
        const char *end = p + strcspn(p, "&;");

        virURIAddParam(uri, p, end);
        p = *end ? end + 1 : end;
    }
}

static gboolean
virURIParseString(virURI *uri, const char *str)
{
    const char *p = str;
    const char *end;

    /* scheme */
    if (g_ascii_isalpha(*p)) {
        const char *q = p + 1;

        while (g_ascii_isalnum(*q) || *q == '+' || *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            uri->scheme = g_strndup(p, q - p);
            p = q + 1;
        }
    }

    /* authority */
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        end = p + strcspn(p, "/?#");
        if (!virURIParseAuthority(uri, p, end))
            return FALSE;
        p = end;
    }

    /* path */
    end = p + strcspn(p, "?#");
    if (end > p) {
        if (!uri->scheme && *p != '/') {
            /* A relative reference must not look like "scheme:". */
            const char *seg = p + strcspn(p, "/?#");
            if (memchr(p, ':', seg - p))
                return FALSE;
        }
        if (!virURITakePart(p, end, virURIIsPathChar, &uri->path))
            return FALSE;
    }
    p = end;

    /* query, kept raw */
    if (*p == '?') {
        p++;
        end = p + strcspn(p, "#");
        if (!virURICheckPart(p, end, virURIIsQueryChar))
            return FALSE;
        uri->query = g_strndup(p, end - p);
        p = end;
    }

    /* fragment */
    if (*p == '#') {
        p++;
        end = p + strlen(p);
        if (!virURITakePart(p, end, virURIIsQueryChar, &uri->fragment))
            return FALSE;
        p = end;
    }

    return *p == '\0';
}

virURI *
virURIParse(const char *str)
{
    g_autoptr(virURI) uri = g_new0(virURI, 1);

    if (!str || !virURIParseString(uri, str)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("Unable to parse URI %s"),
                       str ? str : "(null)");
        return NULL;
    }

    if (uri->scheme) {
        const char *plus = strchr(uri->scheme, '+');

        if (plus) {
            uri->driver = g_strndup(uri->scheme, plus - uri->scheme);
            uri->transport = g_strdup(plus + 1);
        } else {
            uri->driver = g_strdup(uri->scheme);
        }
    }
    if (uri->query)
        virURIParseParams(uri);

    return g_steal_pointer(&uri);
}

/* ---------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------- */

/* Append TEXT, escaping every byte that is neither alphanumeric nor in
 * KEEP as %XX (upper-case hex). */
static void
virURIAppendEscaped(GString *out, const char *text, const char *keep)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (g_ascii_isalnum(*p) || strchr(keep, *p))
            g_string_append_c(out, *p);
        else
            g_string_append_printf(out, "%%%02X", *p);
    }
}

#define VIR_URI_MARK "-_.!~*'()"

char *
virURIFormat(const virURI *uri)
{
    GString *out = g_string_new(NULL);

    if (uri->scheme) {
        g_string_append(out, uri->scheme);
        g_string_append_c(out, ':');
    }

    /* Always write the authority when there is a server, a port, or no
     * server at all ("qemu:///system"). */
    g_string_append(out, "//");
    if (uri->user) {
        virURIAppendEscaped(out, uri->user, VIR_URI_MARK ";:&=+$,");
        g_string_append_c(out, '@');
    }
    if (uri->server) {
        if (strchr(uri->server, ':') && uri->server[0] != '[')
            g_string_append_printf(out, "[%s]", uri->server);
        else
            g_string_append(out, uri->server);
    }
    if (uri->port > 0)
        g_string_append_printf(out, ":%d", uri->port);

    if (uri->path)
        virURIAppendEscaped(out, uri->path, VIR_URI_MARK "/;@&=+$,");
    if (uri->query) {
        g_string_append_c(out, '?');
        g_string_append(out, uri->query);
    }
    if (uri->fragment) {
        g_string_append_c(out, '#');
        virURIAppendEscaped(out, uri->fragment, VIR_URI_MARK ";/?:@&=+$,[]");
    }

    return g_string_free(out, FALSE);
}

const char *
virURIGetParam(const virURI *uri, const char *name)
{
    if (!uri || !name)
        return NULL;
    for (size_t i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    }
    return NULL;
}

void
virURIFree(virURI *uri)
{
    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->driver);
    g_free(uri->transport);
    g_free(uri->user);
    g_free(uri->server);
    g_free(uri->path);
    g_free(uri->query);
    g_free(uri->fragment);
    for (size_t i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}
