/*
 * vsh.c: parsing, checking and running shell commands; output helpers
 *
 * The parser follows virsh: a line is split into words (whitespace,
 * 'single' and "double" quotes, backslash escapes, `#` comments), `;` or
 * a newline ends a command.  Words after the command name are options:
 * `--name`, `--name value`, `--name=value`; a bare word fills the next
 * option, in declaration order, that takes a value and may be given by
 * position; `--` makes every following word a bare one.  Messages are
 * virsh's, word for word.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vsh.h"

/* ------------------------------------------------------------------ */
/* Output                                                             */

/* One line of the -l log: "[2026.11.22 08:42:41 virtkit 123] INFO text". */
static void
vshLogLine(vshControl *ctl, int level, const char *text)
{
    static const char *const names[] = { "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR" };
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *stamp = g_date_time_format(now, "%Y.%m.%d %H:%M:%S");

    if (!ctl || !ctl->log || level < ctl->debug)
        return;
    fprintf(ctl->log, "[%s %s %d] %s %s\n", stamp, g_get_prgname() ? g_get_prgname() : "virtkit",
            (int)getpid(), names[CLAMP(level, VSH_ERR_DEBUG, VSH_ERR_ERROR)], text);
    fflush(ctl->log);
}

void
vshDebug(vshControl *ctl, int level, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    if (level < ctl->debug)
        return;
    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vshLogLine(ctl, level, text);
    printf("%s\n", text);
}

void
vshPrint(vshControl *ctl G_GNUC_UNUSED, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}

void
vshPrintExtra(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}

void
vshError(vshControl *ctl, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vshLogLine(ctl, VSH_ERR_ERROR, text);
    fflush(stdout);
    fprintf(stderr, "error: %s\n", text);
    fflush(stderr);
}

/* The last libvirt error, saved when it was raised: freeing a handle
 * resets libvirt's own copy before a failed command reports it. */
static virErrorPtr vshLastError;

/* An error the shell raised itself where virsh relies on a libvirt
 * helper that reports one (the scaled-integer parser); printed as the
 * libvirt error is. */
static char *vshOwnError;

void
vshSaveLibvirtError(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
    virFreeError(vshLastError);
    vshLastError = virSaveLastError();
}

void
vshResetLibvirtError(void)
{
    virFreeError(vshLastError);
    vshLastError = NULL;
    g_clear_pointer(&vshOwnError, g_free);
    virResetLastError();
}

static void G_GNUC_PRINTF(1, 2)
vshSaveOwnError(const char *fmt, ...)
{
    va_list ap;

    g_free(vshOwnError);
    va_start(ap, fmt);
    vshOwnError = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

void
vshReportError(vshControl *ctl)
{
    virErrorPtr err = vshLastError ? vshLastError : virGetLastError();

    if (vshOwnError) {
        vshError(ctl, "%s", vshOwnError);
        vshResetLibvirtError();
        return;
    }
    if (!err || err->code == VIR_ERR_OK)
        return;
    vshError(ctl, "%s", err->message ? err->message : "unknown error");
    vshResetLibvirtError();
}

/* ------------------------------------------------------------------ */
/* Definitions                                                        */

const vshCmdDef *
vshCmddefSearch(const char *name)
{
    size_t t;
    size_t i;

    for (t = 0; vshTables[t]; t++) {
        for (i = 0; vshTables[t]->cmds[i].name; i++) {
            const vshCmdDef *def = &vshTables[t]->cmds[i];

            if (strcmp(def->name, name) == 0) {
                if (def->flags & VSH_CMD_FLAG_ALIAS)
                    return vshCmddefSearch(def->alias);
                return def;
            }
        }
    }
    return NULL;
}

static const vshCmdOptDef *
vshCmddefGetOption(const vshCmdDef *def, const char *name, const char **value)
{
    const vshCmdOptDef *opt;

    for (opt = def->opts; opt && opt->name; opt++) {
        if (strcmp(opt->name, name) != 0)
            continue;
        if (opt->type == VSH_OT_ALIAS) {
            const char *eq = strchr(opt->help, '=');
            g_autofree char *real = eq ? g_strndup(opt->help, eq - opt->help)
                                       : g_strdup(opt->help);

            if (eq)
                *value = eq + 1;
            return vshCmddefGetOption(def, real, value);
        }
        return opt;
    }
    return NULL;
}

static bool
vshOptTakesPosition(const vshCmdOptDef *opt)
{
    return opt->type != VSH_OT_BOOL && opt->type != VSH_OT_ALIAS &&
           !(opt->flags & VSH_OFLAG_REQ_OPT);
}

/* ------------------------------------------------------------------ */
/* Parsed commands                                                    */

static void
vshCmdOptFree(gpointer p)
{
    vshCmdOpt *opt = p;

    g_free(opt->data);
    g_free(opt);
}

static void
vshCommandFree(vshCmd *cmd)
{
    while (cmd) {
        vshCmd *next = cmd->next;

        g_ptr_array_unref(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}

static vshCmdOpt *
vshCommandOpt(const vshCmd *cmd, const char *name)
{
    size_t i;

    for (i = 0; i < cmd->opts->len; i++) {
        vshCmdOpt *opt = cmd->opts->pdata[i];

        if (strcmp(opt->def->name, name) == 0)
            return opt;
    }
    return NULL;
}

static bool
vshCommandAddOpt(vshControl *ctl, vshCmd *cmd, const vshCmdOptDef *def,
                 const char *value)
{
    vshCmdOpt *opt;

    if (def->type != VSH_OT_ARGV && vshCommandOpt(cmd, def->name)) {
        vshError(ctl, "option --%s already seen", def->name);
        return false;
    }
    opt = g_new0(vshCmdOpt, 1);
    opt->def = def;
    opt->data = g_strdup(value);
    g_ptr_array_add(cmd->opts, opt);
    vshDebug(ctl, VSH_ERR_INFO, "%s: %s(%s): %s", cmd->def->name, def->name,
             def->type == VSH_OT_BOOL ? "bool" : "optdata", value ? value : "(none)");
    return true;
}

/* The next option a bare word fills, or NULL. */
static const vshCmdOptDef *
vshCommandNextPositional(const vshCmd *cmd)
{
    const vshCmdOptDef *opt;

    for (opt = cmd->def->opts; opt && opt->name; opt++) {
        if (!vshOptTakesPosition(opt))
            continue;
        if (opt->type == VSH_OT_ARGV || !vshCommandOpt(cmd, opt->name))
            return opt;
    }
    return NULL;
}

static void vshCmddefHelp(const vshCmdDef *def);

/* Turn the words of one command into a vshCmd; NULL after reporting.
 * *HELP is set when --help asked for the command's description. */
static vshCmd *
vshCommandFromWords(vshControl *ctl, char **words, size_t n, bool *help)
{
    const vshCmdDef *def;
    vshCmd *cmd;
    bool dataOnly = false;
    size_t i;

    *help = false;
    if (!(def = vshCmddefSearch(words[0]))) {
        vshError(ctl, "unknown command: '%s'", words[0]);
        return NULL;
    }
    cmd = g_new0(vshCmd, 1);
    cmd->def = def;
    cmd->opts = g_ptr_array_new_with_free_func(vshCmdOptFree);

    for (i = 1; i < n; i++) {
        const char *word = words[i];
        const vshCmdOptDef *opt;

        if (!dataOnly && word[0] == '-' && word[1] == '-') {
            g_autofree char *name = NULL;
            const char *value = NULL;
            const char *eq;

            if (word[2] == '\0') {
                dataOnly = true;
                continue;
            }
            if (strcmp(word, "--help") == 0) {
                vshDebug(ctl, VSH_ERR_INFO, "%s: help(bool): (none)", def->name);
                *help = true;
                return cmd;
            }
            eq = strchr(word + 2, '=');
            name = eq ? g_strndup(word + 2, eq - word - 2) : g_strdup(word + 2);
            if (!(opt = vshCmddefGetOption(def, name, &value))) {
                vshError(ctl, "command '%s' doesn't support option --%s", def->name, name);
                goto error;
            }
            if (opt->type == VSH_OT_BOOL) {
                if (eq) {
                    vshError(ctl, "invalid '=' after option --%s", opt->name);
                    goto error;
                }
            } else if (eq) {
                value = eq + 1;
            } else if (!value) {
                if (i + 1 >= n) {
                    vshError(ctl, "expected syntax: --%s <%s>", opt->name,
                             opt->type == VSH_OT_INT ? "number" : "string");
                    goto error;
                }
                value = words[++i];
            }
            if (!vshCommandAddOpt(ctl, cmd, opt, value))
                goto error;
            continue;
        }
        if (!(opt = vshCommandNextPositional(cmd))) {
            vshError(ctl, "unexpected data '%s'", word);
            goto error;
        }
        if (!vshCommandAddOpt(ctl, cmd, opt, word))
            goto error;
    }

    /* required options: every missing one is named */
    {
        bool missing = false;

        for (const vshCmdOptDef *opt = def->opts; opt && opt->name; opt++) {
            if (!(opt->flags & VSH_OFLAG_REQ) || vshCommandOpt(cmd, opt->name))
                continue;
            if (opt->type == VSH_OT_DATA || opt->type == VSH_OT_ARGV)
                vshError(ctl, "command '%s' requires <%s> option", def->name, opt->name);
            else
                vshError(ctl, "command '%s' requires --%s option", def->name, opt->name);
            missing = true;
        }
        if (missing)
            goto error;
    }
    return cmd;

 error:
    vshCommandFree(cmd);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Splitting lines into words                                         */

/* The next word of *LINE, or NULL at the end of a command (with
 * *ENDOFCOMMAND set).  A `;` or newline outside quotes ends a command. */
static char *
vshNextWord(vshControl *ctl, const char **line, bool *endOfCommand, bool *error)
{
    const char *p = *line;
    GString *word;
    char quote = 0;

    *endOfCommand = false;
    *error = false;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
    }
    if (*p == '\0' || *p == ';' || *p == '\n') {
        *endOfCommand = true;
        *line = *p ? p + 1 : p;
        return NULL;
    }
    word = g_string_new(NULL);
    for (; *p; p++) {
        if (!quote && (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;
        if (*p == '\\' && quote != '\'') {
            if (!p[1]) {
                vshError(ctl, "%s", "dangling \\");
                *error = true;
                g_string_free(word, TRUE);
                return NULL;
            }
            g_string_append_c(word, *++p);
            continue;
        }
        if (!quote && (*p == '"' || *p == '\'')) {
            quote = *p;
            continue;
        }
        if (quote && *p == quote) {
            quote = 0;
            continue;
        }
        g_string_append_c(word, *p);
    }
    if (quote) {
        vshError(ctl, "%s", "missing \"");
        *error = true;
        g_string_free(word, TRUE);
        return NULL;
    }
    *line = p;
    return g_string_free(word, FALSE);
}

/* ------------------------------------------------------------------ */
/* Running                                                            */

static bool
vshCommandRunOne(vshControl *ctl, const vshCmd *cmd)
{
    bool ret;

    if (!(cmd->def->flags & VSH_CMD_FLAG_NOCONNECT) && !vshConnection(ctl))
        return false;
    vshResetLibvirtError();
    ret = cmd->def->handler(ctl, cmd);
    if (!ret)
        vshReportError(ctl);
    vshResetLibvirtError();
    fflush(stdout);
    return ret;
}

/* A parsed command, or a request for a command's help. */
typedef struct {
    vshCmd *cmd;
    bool help;
} vshParsed;

static void
vshParsedClear(gpointer p)
{
    vshCommandFree(((vshParsed *)p)->cmd);
}

/* Run the parsed commands in order, stopping at quit/exit; the status is
 * the last command's, as virsh gives it. */
static bool
vshRunParsed(vshControl *ctl, GArray *cmds)
{
    bool ret = true;
    size_t i;

    /* -c connects once the commands parsed, before any runs (even one
     * that needs no connection), as virsh does */
    if (ctl->connectFirst) {
        ctl->connectFirst = false;
        if (!vshConnection(ctl))
            return false;
    }
    for (i = 0; i < cmds->len; i++) {
        vshParsed *p = &g_array_index(cmds, vshParsed, i);
        const vshCmdDef *def = p->cmd->def;
        gint64 start = g_get_monotonic_time();

        if (p->help) {
            vshCmddefHelp(def);
            ret = true;
        } else {
            ret = vshCommandRunOne(ctl, p->cmd);
            if (strcmp(def->name, "quit") == 0 || strcmp(def->name, "exit") == 0)
                break;
        }
        /* a newline closes every command's output, as in virsh (and -q
         * leaves it out: echo's text then ends without one); -t puts the
         * time there, even with -q */
        if (ctl->timing)
            vshPrint(ctl, "\n(Time: %.3f ms)\n\n", (g_get_monotonic_time() - start) / 1000.0);
        else
            vshPrintExtra(ctl, "\n");
    }
    return ret;
}

static bool
vshParseWords(vshControl *ctl, GArray *cmds, char **words, size_t n)
{
    vshParsed p = { 0 };

    if (n == 0)
        return true;
    if (!(p.cmd = vshCommandFromWords(ctl, words, n, &p.help)))
        return false;
    g_array_append_val(cmds, p);
    return true;
}

static GArray *
vshParsedNew(void)
{
    GArray *cmds = g_array_new(FALSE, TRUE, sizeof(vshParsed));

    g_array_set_clear_func(cmds, vshParsedClear);
    return cmds;
}

bool
vshCommandRunString(vshControl *ctl, const char *line)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) cmds = vshParsedNew();
    const char *p = line;

    /* the whole line is parsed before anything runs */
    for (;;) {
        bool end;
        bool error;
        char *word = vshNextWord(ctl, &p, &end, &error);

        if (error)
            return false;
        if (word) {
            g_ptr_array_add(words, word);
            continue;
        }
        if (!vshParseWords(ctl, cmds, (char **)words->pdata, words->len))
            return false;
        g_ptr_array_set_size(words, 0);
        if (!*p)
            break;
    }
    return vshRunParsed(ctl, cmds);
}

bool
vshCommandRunArgv(vshControl *ctl, int argc, char **argv)
{
    g_autoptr(GArray) cmds = vshParsedNew();

    /* a single word is a line of its own: it may hold several commands */
    if (argc == 1) {
        vshDebug(ctl, VSH_ERR_INFO, "commands: \"%s\"", argv[0]);
        return vshCommandRunString(ctl, argv[0]);
    }
    if (!vshParseWords(ctl, cmds, argv, argc))
        return false;
    return vshRunParsed(ctl, cmds);
}

/* ------------------------------------------------------------------ */
/* Option accessors                                                   */

bool
vshCommandOptBool(const vshCmd *cmd, const char *name)
{
    return vshCommandOpt(cmd, name) != NULL;
}

const char *
vshCommandOptStringQuiet(const vshCmd *cmd, const char *name)
{
    vshCmdOpt *opt = vshCommandOpt(cmd, name);

    return opt ? opt->data : NULL;
}

int
vshCommandOptStringReq(vshControl *ctl, const vshCmd *cmd,
                       const char *name, const char **value)
{
    vshCmdOpt *opt = vshCommandOpt(cmd, name);

    *value = NULL;
    if (!opt)
        return 0;
    if (!*opt->data && !(opt->def->flags & VSH_OFLAG_EMPTY_OK)) {
        vshError(ctl, "Failed to get option '%s': Option argument is empty", name);
        return -1;
    }
    *value = opt->data;
    return 1;
}

/* Parse TEXT as a number in [MIN, MAX] (signed when MIN < 0). */
static bool
vshParseNumber(const char *text, long long min, unsigned long long max,
               unsigned long long *out)
{
    char *end = NULL;

    if (!text || !*text)
        return false;
    errno = 0;
    if (min < 0) {
        long long v = strtoll(text, &end, 10);

        if (errno || *end || v < min || (v > 0 && (unsigned long long)v > max))
            return false;
        *out = (unsigned long long)v;
        return true;
    }
    if (text[strspn(text, " \t")] == '-')
        return false;
    *out = strtoull(text, &end, 10);
    return !errno && !*end && *out <= max;
}

static int
vshCommandOptNumber(vshControl *ctl, const vshCmd *cmd, const char *name,
                    long long min, unsigned long long max, unsigned long long *out)
{
    vshCmdOpt *opt = vshCommandOpt(cmd, name);

    if (!opt)
        return 0;
    if (!vshParseNumber(opt->data, min, max, out)) {
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 opt->data, name);
        return -1;
    }
    return 1;
}

int
vshCommandOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value)
{
    unsigned long long v;
    int rc = vshCommandOptNumber(ctl, cmd, name, G_MININT, G_MAXINT, &v);

    if (rc > 0)
        *value = (int)(long long)v;
    return rc;
}

int
vshCommandOptUInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                  unsigned int *value)
{
    unsigned long long v;
    int rc = vshCommandOptNumber(ctl, cmd, name, 0, G_MAXUINT, &v);

    if (rc > 0)
        *value = (unsigned int)v;
    return rc;
}

int
vshCommandOptLongLong(vshControl *ctl, const vshCmd *cmd, const char *name,
                      long long *value)
{
    unsigned long long v;
    int rc = vshCommandOptNumber(ctl, cmd, name, G_MININT64, G_MAXINT64, &v);

    if (rc > 0)
        *value = (long long)v;
    return rc;
}

int
vshCommandOptULongLong(vshControl *ctl, const vshCmd *cmd, const char *name,
                       unsigned long long *value)
{
    return vshCommandOptNumber(ctl, cmd, name, 0, G_MAXUINT64, value);
}

/* libvirt's scaled integers: b, k/KiB (1024), KB (1000), M/MiB, MB, G/GiB,
 * GB, T/TiB, TB, P/PiB, PB, E/EiB, EB. */
static bool
vshScale(const char *suffix, unsigned long long *scale)
{
    static const char units[] = "bkmgtpe";
    const char *u;
    int power;
    unsigned long long base = 1024;

    if (!*suffix)
        return true;
    if (!(u = strchr(units, g_ascii_tolower(suffix[0]))) || !suffix[0])
        return false;
    power = u - units;
    if (power == 0) {
        if (g_ascii_strcasecmp(suffix, "b") != 0 && g_ascii_strcasecmp(suffix, "bytes") != 0)
            return false;
        *scale = 1;
        return true;
    }
    if (suffix[1] == '\0' || g_ascii_strcasecmp(suffix + 1, "ib") == 0) {
        base = 1024;
    } else if (g_ascii_strcasecmp(suffix + 1, "b") == 0) {
        base = 1000;
    } else {
        return false;
    }
    *scale = 1;
    while (power--)
        *scale *= base;
    return true;
}

int
vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                       unsigned long long *value, int scale,
                       unsigned long long max)
{
    vshCmdOpt *opt = vshCommandOpt(cmd, name);
    unsigned long long n;
    unsigned long long factor = scale;
    char *end = NULL;

    if (!opt)
        return 0;
    errno = 0;
    if (!*opt->data || opt->data[strspn(opt->data, " \t")] == '-')
        goto error;
    n = strtoull(opt->data, &end, 10);
    if (errno || end == opt->data)
        goto error;
    if (!vshScale(end, &factor)) {
        vshSaveOwnError("invalid argument: unknown suffix '%s'", end);
        goto error;
    }
    if ((n && factor > max / n) || n * factor > max) {
        vshSaveOwnError("numerical overflow: value too large: %llu%s", n, end);
        goto error;
    }
    *value = n * factor;
    return 1;

 error:
    vshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
             opt->data, name);
    return -1;
}

const char **
vshCommandOptArgv(const vshCmd *cmd, const char *name)
{
    GPtrArray *list = g_ptr_array_new();
    size_t i;

    for (i = 0; i < cmd->opts->len; i++) {
        vshCmdOpt *opt = cmd->opts->pdata[i];

        if (strcmp(opt->def->name, name) == 0)
            g_ptr_array_add(list, opt->data);
    }
    g_ptr_array_add(list, NULL);
    return (const char **)g_ptr_array_free(list, FALSE);
}

bool
vshCommandOptExclusive(vshControl *ctl, const vshCmd *cmd, const char *a, const char *b)
{
    if (vshCommandOptBool(cmd, a) && vshCommandOptBool(cmd, b)) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Help                                                               */

static const char *
vshOptTypeName(const vshCmdOptDef *opt)
{
    return opt->type == VSH_OT_INT ? "number" : "string";
}

static void
vshCmddefHelp(const vshCmdDef *def)
{
    const vshCmdOptDef *opt;
    bool shortopt = false;

    printf("  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s", def->name, def->help, def->name);
    for (opt = def->opts; opt && opt->name; opt++) {
        bool positional = vshOptTakesPosition(opt);
        bool req = opt->flags & VSH_OFLAG_REQ;

        switch (opt->type) {
        case VSH_OT_BOOL:
            printf(" [--%s]", opt->name);
            break;
        case VSH_OT_INT:
        case VSH_OT_STRING:
        case VSH_OT_DATA:
            if (req && positional)
                printf(" <%s>", opt->name);
            else if (req)
                printf(" --%s <%s>", opt->name, vshOptTypeName(opt));
            else
                printf(" [--%s <%s>]", opt->name, vshOptTypeName(opt));
            shortopt |= positional;
            break;
        case VSH_OT_ARGV:
            if (shortopt)
                printf(req ? " {[--%s] <string>}..." : " [[--%s] <string>]...", opt->name);
            else
                printf(req ? " <%s>..." : " [<%s>]...", opt->name);
            break;
        case VSH_OT_ALIAS:
            break;
        }
    }
    printf("\n\n");
    if (def->desc && *def->desc)
        printf("  DESCRIPTION\n    %s\n\n", def->desc);
    if (def->opts && def->opts->name) {
        bool any = false;

        shortopt = false;
        for (opt = def->opts; opt->name; opt++) {
            g_autofree char *left = NULL;
            bool positional = vshOptTakesPosition(opt);

            switch (opt->type) {
            case VSH_OT_BOOL:
                left = g_strdup_printf("--%s", opt->name);
                break;
            case VSH_OT_INT:
            case VSH_OT_STRING:
            case VSH_OT_DATA:
                if ((opt->flags & VSH_OFLAG_REQ) && positional)
                    left = g_strdup_printf("[--%s] <%s>", opt->name, vshOptTypeName(opt));
                else
                    left = g_strdup_printf("--%s <%s>", opt->name, vshOptTypeName(opt));
                shortopt |= positional;
                break;
            case VSH_OT_ARGV:
                left = shortopt ? g_strdup_printf("[--%s] <string>", opt->name)
                                : g_strdup_printf("<%s>", opt->name);
                break;
            case VSH_OT_ALIAS:
                continue;
            }
            if (!any)
                printf("  OPTIONS\n");
            any = true;
            printf("    %-15s  %s\n", left, opt->help);
        }
        if (any)
            printf("\n");
    }
}

static const vshCmdGroup *
vshGroupSearch(const char *keyword)
{
    size_t i;

    for (i = 0; vshGroups[i].keyword; i++) {
        if (strcmp(vshGroups[i].keyword, keyword) == 0)
            return &vshGroups[i];
    }
    return NULL;
}

static gint
vshCmddefCompare(gconstpointer a, gconstpointer b)
{
    const vshCmdDef *x = *(const vshCmdDef *const *)a;
    const vshCmdDef *y = *(const vshCmdDef *const *)b;

    return strcmp(x->name, y->name);
}

/* NAME's place in ORDER, or past its end when it is not listed. */
static size_t
vshGroupRank(const char *const *order, const char *name)
{
    size_t i;

    for (i = 0; order[i]; i++) {
        if (strcmp(order[i], name) == 0)
            return i;
    }
    return i;
}

static gint
vshCmddefCompareRanked(gconstpointer a, gconstpointer b, gpointer opaque)
{
    const char *const *order = opaque;
    const vshCmdDef *x = *(const vshCmdDef *const *)a;
    const vshCmdDef *y = *(const vshCmdDef *const *)b;
    size_t rx = vshGroupRank(order, x->name);
    size_t ry = vshGroupRank(order, y->name);

    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The commands of group GRP shown by help: a group kept in one table is
 * listed in its order (virsh's, e.g. pool-event last); one spread over
 * several files in the group's own order when it has one, else by name. */
GPtrArray *
vshGroupCommands(const vshCmdGroup *grp)
{
    GPtrArray *defs = g_ptr_array_new();
    size_t tables = 0;
    size_t t;
    size_t i;

    for (t = 0; vshTables[t]; t++) {
        bool used = false;

        for (i = 0; vshTables[t]->cmds[i].name; i++) {
            const vshCmdDef *def = &vshTables[t]->cmds[i];
            const char *group = def->group ? def->group : vshTables[t]->group;

            if (!(def->flags & VSH_CMD_FLAG_ALIAS) && strcmp(group, grp->keyword) == 0) {
                g_ptr_array_add(defs, (gpointer)def);
                used = true;
            }
        }
        tables += used;
    }
    if (tables > 1 && grp->order)
        g_ptr_array_sort_with_data(defs, vshCmddefCompareRanked, (gpointer)grp->order);
    else if (tables > 1)
        g_ptr_array_sort(defs, vshCmddefCompare);
    return defs;
}

static void
vshGroupHelp(const vshCmdGroup *grp)
{
    g_autoptr(GPtrArray) defs = vshGroupCommands(grp);
    size_t i;

    printf(" %s (help keyword '%s'):\n", grp->title, grp->keyword);
    for (i = 0; i < defs->len; i++) {
        const vshCmdDef *def = defs->pdata[i];

        printf("    %-30s %s\n", def->name, def->help);
    }
}

/* `help [COMMAND|GROUP]` */
bool
vshCmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshCommandOptStringQuiet(cmd, "command");
    const vshCmdDef *def;
    const vshCmdGroup *grp;
    size_t i;

    if (!name) {
        printf("Grouped commands:\n\n");
        for (i = 0; vshGroups[i].keyword; i++) {
            vshGroupHelp(&vshGroups[i]);
            printf("\n");
        }
        return true;
    }
    if ((def = vshCmddefSearch(name))) {
        vshCmddefHelp(def);
        return true;
    }
    if ((grp = vshGroupSearch(name))) {
        vshGroupHelp(grp);
        return true;
    }
    vshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}

/* ------------------------------------------------------------------ */
/* Tables                                                             */

struct _vshTable {
    GPtrArray *rows;   /* GPtrArray of char * each */
};

static GPtrArray *
vshTableRowFromVa(const char *first, va_list ap)
{
    GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
    const char *cell;

    for (cell = first; cell; cell = va_arg(ap, const char *))
        g_ptr_array_add(row, g_strdup(cell));
    return row;
}

vshTable *
vshTableNew(const char *first, ...)
{
    vshTable *table = g_new0(vshTable, 1);
    va_list ap;

    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    va_start(ap, first);
    g_ptr_array_add(table->rows, vshTableRowFromVa(first, ap));
    va_end(ap);
    return table;
}

void
vshTableRowAppend(vshTable *table, const char *first, ...)
{
    va_list ap;

    va_start(ap, first);
    g_ptr_array_add(table->rows, vshTableRowFromVa(first, ap));
    va_end(ap);
}

/* Display width of a UTF-8 string. */
static size_t
vshWidth(const char *s)
{
    return g_utf8_validate(s, -1, NULL) ? g_utf8_strlen(s, -1) : strlen(s);
}

void
vshTablePrint(vshControl *ctl, vshTable *table)
{
    GPtrArray *header = table->rows->pdata[0];
    g_autofree size_t *width = g_new0(size_t, header->len);
    /* -q leaves out the header and its dashes, and sizes the columns on
     * the rows alone */
    size_t first = ctl && ctl->quiet ? 1 : 0;
    size_t total = 0;
    size_t r;
    size_t c;

    for (r = first; r < table->rows->len; r++) {
        GPtrArray *row = table->rows->pdata[r];

        for (c = 0; c < row->len && c < header->len; c++)
            width[c] = MAX(width[c], vshWidth(row->pdata[c]));
    }
    for (r = first; r < table->rows->len; r++) {
        GPtrArray *row = table->rows->pdata[r];
        GString *line = g_string_new(NULL);

        for (c = 0; c < header->len; c++) {
            const char *cell = c < row->len ? row->pdata[c] : "";

            g_string_append_c(line, ' ');
            g_string_append(line, cell);
            if (c + 1 < header->len) {
                size_t pad = width[c] - vshWidth(cell) + 2;

                while (pad--)
                    g_string_append_c(line, ' ');
            }
        }
        vshPrint(ctl, "%s\n", line->str);
        if (r == 0) {
            g_autofree char *dashes = NULL;

            /* the dashes run under every column and its gap */
            for (c = 0, total = 0; c < header->len; c++)
                total += width[c] + 3;
            dashes = g_strnfill(total, '-');
            vshPrint(ctl, "%s\n", dashes);
        }
        g_string_free(line, TRUE);
    }
}

void
vshTableFree(vshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}

/* ------------------------------------------------------------------ */
/* JSON and sizes                                                     */

void
vshPrintJSON(vshControl *ctl, JsonBuilder *builder)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(builder);
    g_autofree char *text = NULL;

    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    json_generator_set_root(gen, root);
    text = json_generator_to_data(gen, NULL);
    vshPrint(ctl, "%s\n", text);
}

void
vshJSONTypedParam(JsonBuilder *b, const virTypedParameter *p)
{
    json_builder_set_member_name(b, p->field);
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        json_builder_add_int_value(b, p->value.i);
        break;
    case VIR_TYPED_PARAM_UINT:
        json_builder_add_int_value(b, p->value.ui);
        break;
    case VIR_TYPED_PARAM_LLONG:
        json_builder_add_int_value(b, p->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        json_builder_add_int_value(b, (gint64)p->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        json_builder_add_double_value(b, p->value.d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        json_builder_add_boolean_value(b, p->value.b);
        break;
    case VIR_TYPED_PARAM_STRING:
        json_builder_add_string_value(b, p->value.s ? p->value.s : "");
        break;
    default:
        json_builder_add_null_value(b);
        break;
    }
}

double
vshPrettyCapacity(unsigned long long bytes, const char **unit)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    size_t i = 0;
    double value = bytes;

    /* as virsh: the largest unit with a value of at least 1 */
    while (i + 1 < G_N_ELEMENTS(units) && bytes >= (1ULL << (10 * (i + 1))))
        i++;
    value = (double)bytes / (double)(1ULL << (10 * i));
    *unit = units[i];
    return value;
}

char *
vshFormatKiB(const vshCmd *cmd, unsigned long long kib)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double value = kib;
    size_t i = 0;

    if (!vshCommandOptBool(cmd, "human"))
        return g_strdup_printf("%llu KiB", kib);
    while (i + 1 < G_N_ELEMENTS(units) && value >= 1024) {
        value /= 1024;
        i++;
    }
    return g_strdup_printf("%.3lf %s", value, units[i]);
}

void
vshTableRowAppendArray(vshTable *table, char *const *cells)
{
    GPtrArray *row = g_ptr_array_new_with_free_func(g_free);

    for (; *cells; cells++)
        g_ptr_array_add(row, g_strdup(*cells));
    g_ptr_array_add(table->rows, row);
}

void
vshTablePrintRows(vshControl *ctl, const char *const *header, size_t ncols, GPtrArray *rows)
{
    g_autoptr(vshTable) table = g_new0(vshTable, 1);
    GPtrArray *head = g_ptr_array_new_with_free_func(g_free);
    size_t r;

    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    for (r = 0; r < ncols; r++)
        g_ptr_array_add(head, g_strdup(header[r]));
    g_ptr_array_add(table->rows, head);
    for (r = 0; r < rows->len; r++)
        vshTableRowAppendArray(table, rows->pdata[r]);
    vshTablePrint(ctl, table);
}

void
vshRowsAppend(GPtrArray *rows, const char *first, ...)
{
    GPtrArray *cells = g_ptr_array_new();
    const char *cell;
    va_list ap;

    va_start(ap, first);
    for (cell = first; cell; cell = va_arg(ap, const char *))
        g_ptr_array_add(cells, g_strdup(cell));
    va_end(ap);
    g_ptr_array_add(cells, NULL);
    g_ptr_array_add(rows, g_ptr_array_free(cells, FALSE));
}
