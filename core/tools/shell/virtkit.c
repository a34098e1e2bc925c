/*
 * virtkit.c: the `virtkit` tool's main, its connection, the interactive
 * shell, and the commands about the shell itself (help, quit, echo, cd,
 * pwd, connect)
 *
 * virtkit [-c URI] [-r] [-q] [-d LEVEL] [-e ESCAPE] [COMMAND [ARGS...]]
 * runs one command line (a single word may hold several commands
 * separated by `;`) or, without one, reads commands interactively with
 * readline: history, and completion of commands, options and object
 * names.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "virtkit-cmds.h"
#include "vsh.h"

/* ------------------------------------------------------------------ */
/* Groups and tables                                                  */

/* The domain group's commands live in several files; help lists them in
 * this order, virsh's (nearly, but not quite, alphabetical). */
static const char *const virtkitDomainOrder[] = {
    "attach-device", "attach-disk", "attach-interface", "autostart",
    "blkdeviotune", "blkiotune", "blockcommit", "blockcopy", "blockjob",
    "blockpull", "blockresize", "change-media", "console", "cpu-stats",
    "create", "define", "desc", "destroy", "detach-device",
    "detach-device-alias", "detach-disk", "detach-interface", "domdisplay",
    "domfsfreeze", "domfsthaw", "domfsinfo", "domfstrim", "domhostname",
    "domid", "domif-setlink", "domiftune", "domjobabort", "domjobinfo",
    "domlaunchsecinfo", "domsetlaunchsecstate", "domname", "domrename",
    "dompmsuspend", "dompmwakeup", "domuuid", "domxml-from-native",
    "domxml-to-native", "dump", "dumpxml", "edit", "get-user-sshkeys",
    "inject-nmi", "iothreadinfo", "iothreadpin", "iothreadadd",
    "iothreadset", "iothreaddel", "send-key", "send-process-signal",
    "lxc-enter-namespace", "managedsave", "managedsave-remove",
    "managedsave-edit", "managedsave-dumpxml", "managedsave-define",
    "memtune", "perf", "metadata", "migrate", "migrate-setmaxdowntime",
    "migrate-getmaxdowntime", "migrate-compcache", "migrate-setspeed",
    "migrate-getspeed", "migrate-postcopy", "numatune", "qemu-attach",
    "qemu-monitor-command", "qemu-monitor-event", "qemu-agent-command",
    "guest-agent-timeout", "reboot", "reset", "restore", "resume", "save",
    "save-image-define", "save-image-dumpxml", "save-image-edit",
    "schedinfo", "screenshot", "set-lifecycle-action", "set-user-sshkeys",
    "set-user-password", "setmaxmem", "setmem", "setvcpus", "shutdown",
    "start", "suspend", "ttyconsole", "undefine", "update-device",
    "update-memory-device", "vcpucount", "vcpuinfo", "vcpupin",
    "emulatorpin", "vncdisplay", "guestvcpus", "setvcpu", "domblkthreshold",
    "guestinfo", "domdirtyrate-calc", "dom-fd-associate",
    NULL,
};

const vshCmdGroup vshGroups[] = {
    { "domain", "Domain Management", virtkitDomainOrder },
    { "monitor", "Domain Monitoring" },
    { "events", "Domain Events" },
    { "host", "Host and Hypervisor" },
    { "checkpoint", "Checkpoint" },
    { "interface", "Interface" },
    { "filter", "Network Filter" },
    { "network", "Networking" },
    { "nodedev", "Node Device" },
    { "secret", "Secret" },
    { "snapshot", "Snapshot" },
    { "backup", "Backup" },
    { "pool", "Storage Pool" },
    { "volume", "Storage Volume" },
    { "virsh", "Virsh itself" },
    { NULL, NULL },
};

static const vshCmdTable virtkitShellTable;

const vshCmdTable *const vshTables[] = {
    &virtkitDomainTable,
    &virtkitTuneTable,
    &virtkitDeviceTable,
    &virtkitDomainExtraTable,
    &virtkitDomainBlockTable,
    &virtkitMonitorTable,
    &virtkitEventTable,
    &virtkitHostTable,
    &virtkitCheckpointTable,
    &virtkitInterfaceTable,
    &virtkitNWFilterTable,
    &virtkitNetworkTable,
    &virtkitNodedevTable,
    &virtkitSecretTable,
    &virtkitSnapshotTable,
    &virtkitBackupTable,
    &virtkitPoolTable,
    &virtkitVolumeTable,
    &virtkitShellTable,
    NULL,
};

/* ------------------------------------------------------------------ */
/* The connection                                                     */

/* Keepalive on a new connection: every 5 s, 6 misses allowed, unless -k
 * and -K say otherwise (-k 0 turns it off).  A driver without keepalive
 * is fine unless they asked for it: false then. */
static bool
virtkitKeepAlive(vshControl *ctl)
{
    int interval = ctl->keepaliveInterval >= 0 ? ctl->keepaliveInterval : 5;
    int count = ctl->keepaliveCount >= 0 ? ctl->keepaliveCount : 6;

    if (interval == 0 || virConnectSetKeepAlive(ctl->conn, interval, count) >= 0)
        return true;
    if (ctl->keepaliveInterval >= 0 || ctl->keepaliveCount >= 0)
        return false;
    vshDebug(ctl, VSH_ERR_INFO, "%s", "Failed to setup keepalive on connection");
    vshResetLibvirtError();
    return true;
}

virConnectPtr
vshConnection(vshControl *ctl)
{
    virErrorPtr err;

    if (ctl->conn)
        return ctl->conn;
    ctl->conn = virConnectOpenAuth(ctl->connname, virConnectAuthPtrDefault,
                                   ctl->readonly ? VIR_CONNECT_RO : 0);
    if (ctl->conn && virtkitKeepAlive(ctl))
        return ctl->conn;
    err = virSaveLastError();
    if (ctl->conn) {
        vshError(ctl, "%s", "Cannot setup keepalive on connection as requested, disconnecting");
        virConnectClose(ctl->conn);
        ctl->conn = NULL;
    }
    vshError(ctl, "%s", "failed to connect to the hypervisor");
    if (err) {
        vshError(ctl, "%s", err->message ? err->message : "unknown error");
        virFreeError(err);
    }
    vshResetLibvirtError();
    return NULL;
}

static void
virtkitDisconnect(vshControl *ctl)
{
    if (ctl->conn) {
        virConnectClose(ctl->conn);
        ctl->conn = NULL;
    }
}

/* ------------------------------------------------------------------ */
/* The shell's own commands                                           */

static const vshCmdOptDef opts_help[] = {
    {.name = "command", .type = VSH_OT_STRING,
     .help = "Prints global help, command specific help, or help for a group of related commands",
     .completer = VSH_COMPLETE_COMMAND},
    {.name = NULL},
};

static bool
cmdQuit(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    ctl->imode = false;
    return true;
}

static const vshCmdOptDef opts_cd[] = {
    {.name = "dir", .type = VSH_OT_STRING, .help = "directory to switch to (default: home or else root)",
     .completer = VSH_COMPLETE_FILE},
    {.name = NULL},
};

static bool
cmdCd(vshControl *ctl, const vshCmd *cmd)
{
    const char *dir = vshCommandOptStringQuiet(cmd, "dir");

    if (!ctl->imode) {
        vshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }
    if (!dir)
        dir = g_get_home_dir() ? g_get_home_dir() : "/";
    if (chdir(dir) < 0) {
        vshError(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}

static bool
cmdPwd(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *cwd = g_get_current_dir();

    vshPrint(ctl, "%s\n", cwd);
    return true;
}

static const vshCmdOptDef opts_echo[] = {
    {.name = "shell", .type = VSH_OT_BOOL, .help = "escape for shell use"},
    {.name = "xml", .type = VSH_OT_BOOL, .help = "escape for XML use"},
    {.name = "split", .type = VSH_OT_BOOL, .help = "split each argument on ','; ',,' is an escape sequence"},
    {.name = "err", .type = VSH_OT_BOOL, .help = "output to stderr"},
    {.name = "str", .type = VSH_OT_ALIAS, .help = "string"},
    {.name = "hi", .type = VSH_OT_ALIAS, .help = "string=hello"},
    {.name = "string", .type = VSH_OT_ARGV, .help = "arguments to echo"},
    {.name = NULL},
};

/* ARG quoted for a POSIX shell when it needs it. */
static char *
virtkitShellQuote(const char *arg)
{
    GString *out;
    const char *p;

    if (*arg && !arg[strcspn(arg, " \t\n\\'\"`$|&;<>()*?[]#~=%!{}")])
        return g_strdup(arg);
    out = g_string_new("'");
    for (p = arg; *p; p++) {
        if (*p == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
    return g_string_free(out, FALSE);
}

static bool
cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree const char **args = vshCommandOptArgv(cmd, "string");
    bool shell = vshCommandOptBool(cmd, "shell");
    bool xml = vshCommandOptBool(cmd, "xml");
    bool split = vshCommandOptBool(cmd, "split");
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; args[i]; i++) {
        g_auto(GStrv) pieces = NULL;
        size_t j;

        if (split) {
            /* ',,' stands for a comma inside a piece */
            g_autofree char *marked = NULL;
            GString *m = g_string_new(NULL);
            const char *p;

            for (p = args[i]; *p; p++) {
                if (p[0] == ',' && p[1] == ',') {
                    g_string_append_c(m, '\001');
                    p++;
                } else {
                    g_string_append_c(m, *p);
                }
            }
            marked = g_string_free(m, FALSE);
            pieces = g_strsplit(marked, ",", -1);
            for (j = 0; pieces[j]; j++)
                g_strdelimit(pieces[j], "\001", ',');
        } else {
            pieces = g_new0(char *, 2);
            pieces[0] = g_strdup(args[i]);
        }
        for (j = 0; pieces[j]; j++) {
            g_autofree char *text = NULL;

            if (xml)
                text = g_markup_escape_text(pieces[j], -1);
            else
                text = g_strdup(pieces[j]);
            if (shell) {
                char *q = virtkitShellQuote(text);

                g_free(text);
                text = q;
            }
            /* words are joined by spaces; split pieces each end a line */
            if (out->len && !split)
                g_string_append_c(out, ' ');
            g_string_append(out, text);
            if (split)
                g_string_append_c(out, '\n');
        }
    }
    /* the shell's closing newline ends the line */
    if (vshCommandOptBool(cmd, "err"))
        vshError(ctl, "%s", out->str);
    else
        vshPrint(ctl, "%s", out->str);
    g_string_free(out, TRUE);
    return true;
}

static const vshCmdOptDef opts_connect[] = {
    {.name = "name", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "hypervisor connection URI"},
    {.name = "readonly", .type = VSH_OT_BOOL, .help = "read-only connection"},
    {.name = NULL},
};

static bool
cmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshCommandOptStringQuiet(cmd, "name");

    virtkitDisconnect(ctl);
    if (name) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(name);
    }
    ctl->readonly = vshCommandOptBool(cmd, "readonly");
    return vshConnection(ctl) != NULL;
}

static const vshCmdDef virtkitShellCmds[] = {
    {.name = "cd", .handler = cmdCd, .opts = opts_cd,
     .help = "change the current directory", .desc = "Change the current directory.",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "echo", .handler = cmdEcho, .opts = opts_echo,
     .help = "echo arguments. Used for internal testing.",
     .desc = "Echo back arguments, possibly with quoting. Used for internal testing.",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "exit", .handler = cmdQuit,
     .help = "quit this interactive terminal", .desc = "", .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "help", .handler = vshCmdHelp, .opts = opts_help,
     .help = "print help", .desc = "Prints global help, command specific help, or help for a\n    group of related commands",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "pwd", .handler = cmdPwd,
     .help = "print the current directory", .desc = "Print the current directory.",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "quit", .handler = cmdQuit,
     .help = "quit this interactive terminal", .desc = "", .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "connect", .handler = cmdConnect, .opts = opts_connect,
     .help = "(re)connect to hypervisor",
     .desc = "Connect to local hypervisor. This is built-in command after shell start up.",
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = NULL},
};

static const vshCmdTable virtkitShellTable = { "virsh", virtkitShellCmds };

/* ------------------------------------------------------------------ */
/* Interactive mode                                                   */

static char *
virtkitCompleteCommand(const char *text, int state)
{
    static size_t table;
    static size_t index;
    size_t len = strlen(text);

    if (!state) {
        table = 0;
        index = 0;
    }
    for (; vshTables[table]; table++, index = 0) {
        while (vshTables[table]->cmds[index].name) {
            const vshCmdDef *def = &vshTables[table]->cmds[index++];

            if (!(def->flags & VSH_CMD_FLAG_ALIAS) && strncmp(def->name, text, len) == 0)
                return strdup(def->name);
        }
    }
    return NULL;
}

/* Options of the command the line starts with. */
static const vshCmdDef *virtkitCompletingDef;

static char *
virtkitCompleteOption(const char *text, int state)
{
    static const vshCmdOptDef *opt;
    size_t len = strlen(text);

    if (!state)
        opt = virtkitCompletingDef ? virtkitCompletingDef->opts : NULL;
    for (; opt && opt->name; opt++) {
        g_autofree char *full = g_strdup_printf("--%s", opt->name);

        if (opt->type != VSH_OT_ALIAS && strncmp(full, text, len) == 0) {
            opt++;
            return strdup(full);
        }
    }
    return NULL;
}

/* Names of the objects an option's value may be. */
static char **virtkitCompletionNames;

static char *
virtkitCompleteName(const char *text, int state)
{
    static size_t i;
    size_t len = strlen(text);

    if (!state)
        i = 0;
    while (virtkitCompletionNames && virtkitCompletionNames[i]) {
        const char *name = virtkitCompletionNames[i++];

        if (strncmp(name, text, len) == 0)
            return strdup(name);
    }
    return NULL;
}

static vshControl *virtkitCtl;

static char **
virtkitObjectNames(vshControl *ctl, vshCompleter kind)
{
    virConnectPtr conn = ctl->conn;
    GPtrArray *names = g_ptr_array_new();
    size_t i;

    if (!conn)
        conn = vshConnection(ctl);
    if (!conn) {
        g_ptr_array_add(names, NULL);
        return (char **)g_ptr_array_free(names, FALSE);
    }
#define VIRTKIT_NAMES(listfn, type, namefn, freefn) \
    do { \
        type *objs = NULL; \
        int n = listfn(conn, &objs, 0); \
        for (i = 0; n > 0 && i < (size_t)n; i++) { \
            g_ptr_array_add(names, g_strdup(namefn(objs[i]))); \
            freefn(objs[i]); \
        } \
        free(objs); \
    } while (0)
    switch (kind) {
    case VSH_COMPLETE_DOMAIN:
        VIRTKIT_NAMES(virConnectListAllDomains, virDomainPtr, virDomainGetName, virDomainFree);
        break;
    case VSH_COMPLETE_NETWORK:
        VIRTKIT_NAMES(virConnectListAllNetworks, virNetworkPtr, virNetworkGetName, virNetworkFree);
        break;
    case VSH_COMPLETE_POOL:
        VIRTKIT_NAMES(virConnectListAllStoragePools, virStoragePoolPtr, virStoragePoolGetName,
                      virStoragePoolFree);
        break;
    case VSH_COMPLETE_INTERFACE:
        VIRTKIT_NAMES(virConnectListAllInterfaces, virInterfacePtr, virInterfaceGetName,
                      virInterfaceFree);
        break;
    case VSH_COMPLETE_NODEDEV:
        VIRTKIT_NAMES(virConnectListAllNodeDevices, virNodeDevicePtr, virNodeDeviceGetName,
                      virNodeDeviceFree);
        break;
    case VSH_COMPLETE_SECRET:
        VIRTKIT_NAMES(virConnectListAllSecrets, virSecretPtr, virSecretGetUsageID, virSecretFree);
        break;
    case VSH_COMPLETE_NWFILTER:
        VIRTKIT_NAMES(virConnectListAllNWFilters, virNWFilterPtr, virNWFilterGetName,
                      virNWFilterFree);
        break;
    case VSH_COMPLETE_COMMAND:
        for (size_t t = 0; vshTables[t]; t++) {
            for (i = 0; vshTables[t]->cmds[i].name; i++)
                g_ptr_array_add(names, g_strdup(vshTables[t]->cmds[i].name));
        }
        break;
    default:
        break;
    }
#undef VIRTKIT_NAMES
    vshResetLibvirtError();
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(names, FALSE);
}

static char **
virtkitCompletion(const char *text, int start, int end G_GNUC_UNUSED)
{
    g_autofree char *before = g_strndup(rl_line_buffer, start);
    g_auto(GStrv) words = NULL;
    const char *cmdstart = strrchr(before, ';');
    size_t n;

    rl_attempted_completion_over = 1;
    words = g_strsplit_set(cmdstart ? cmdstart + 1 : before, " \t", -1);
    /* drop the empty pieces */
    n = 0;
    for (size_t i = 0; words[i]; i++) {
        if (*words[i])
            words[n++] = words[i];
        else
            g_free(words[i]);
    }
    words[n] = NULL;
    if (n == 0)
        return rl_completion_matches(text, virtkitCompleteCommand);
    if (!(virtkitCompletingDef = vshCmddefSearch(words[0])))
        return NULL;
    if (text[0] == '-')
        return rl_completion_matches(text, virtkitCompleteOption);
    {
        /* the value of the option before, or the next positional one */
        const vshCmdOptDef *opt = NULL;
        const char *last = words[n - 1];

        if (g_str_has_prefix(last, "--")) {
            for (opt = virtkitCompletingDef->opts; opt && opt->name; opt++) {
                if (strcmp(opt->name, last + 2) == 0)
                    break;
            }
            if (opt && !opt->name)
                opt = NULL;
        } else {
            /* the first option a bare word may fill */
            for (opt = virtkitCompletingDef->opts; opt && opt->name; opt++) {
                if (opt->type != VSH_OT_BOOL && opt->type != VSH_OT_ALIAS &&
                    !(opt->flags & VSH_OFLAG_REQ_OPT))
                    break;
            }
            if (opt && !opt->name)
                opt = NULL;
        }
        if (!opt || opt->completer == VSH_COMPLETE_NONE)
            return rl_completion_matches(text, virtkitCompleteOption);
        if (opt->completer == VSH_COMPLETE_FILE) {
            rl_attempted_completion_over = 0;
            return NULL;
        }
        g_strfreev(virtkitCompletionNames);
        virtkitCompletionNames = virtkitObjectNames(virtkitCtl, opt->completer);
        return rl_completion_matches(text, virtkitCompleteName);
    }
}

static char *
virtkitHistoryFile(void)
{
    const char *home = g_get_user_cache_dir();
    g_autofree char *dir = g_build_filename(home, "virtkit", NULL);

    g_mkdir_with_parents(dir, 0700);
    return g_build_filename(dir, "history", NULL);
}

static void
virtkitInteractive(vshControl *ctl)
{
    g_autofree char *history = virtkitHistoryFile();

    virtkitCtl = ctl;
    rl_readline_name = "virtkit";
    rl_attempted_completion_function = virtkitCompletion;
    using_history();
    read_history(history);
    stifle_history(500);

    if (!ctl->quiet) {
        vshPrint(ctl, "Welcome to virtkit, the virtualization interactive terminal.\n\n");
        vshPrint(ctl, "Type:  'help' for help with commands\n       'quit' to quit\n\n");
    }
    ctl->imode = true;
    while (ctl->imode) {
        char *line = readline(ctl->readonly ? "virtkit > " : "virtkit # ");

        if (!line) {
            vshPrint(ctl, "\n");
            break;
        }
        if (*line) {
            add_history(line);
            vshCommandRunString(ctl, line);
        }
        free(line);
    }
    write_history(history);
    g_strfreev(virtkitCompletionNames);
}

/* ------------------------------------------------------------------ */
/* main                                                               */

static void
virtkitUsage(void)
{
    size_t g;
    size_t i;

    printf("\n"
           "virtkit [options]... [<command_string>]\n"
           "virtkit [options]... <command> [args...]\n"
           "\n"
           "  options:\n"
           "    -c | --connect=URI      hypervisor connection URI\n"
           "    -d | --debug=NUM        debug level [0-4]\n"
           "    -e | --escape <char>    set escape sequence for console\n"
           "    -h | --help             this help\n"
           "    -k | --keepalive-interval=NUM\n"
           "                            keepalive interval in seconds, 0 for disable\n"
           "    -K | --keepalive-count=NUM\n"
           "                            number of possible missed keepalive messages\n"
           "    -l | --log=FILE         output logging to file\n"
           "    -q | --quiet            quiet mode\n"
           "    -r | --readonly         connect readonly\n"
           "    -t | --timing           print timing information\n"
           "    -v                      short version\n"
           "    -V                      long version\n"
           "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
           "  commands (non interactive mode):\n\n");
    for (g = 0; vshGroups[g].keyword; g++) {
        g_autoptr(GPtrArray) defs = vshGroupCommands(&vshGroups[g]);

        printf(" %s (help keyword '%s')\n", vshGroups[g].title, vshGroups[g].keyword);
        for (i = 0; i < defs->len; i++) {
            const vshCmdDef *def = defs->pdata[i];

            printf("    %-30s %s\n", def->name, def->help);
        }
        printf("\n");
    }
    printf("\n  (specify help <group> for details about the commands in the group)\n\n"
           "  (specify help <command> for details about the command)\n\n");
}

static void
virtkitVersion(bool full)
{
    unsigned long version = 0;

    virGetVersion(&version, NULL, NULL);
    if (!full) {
        printf("%lu.%lu.%lu\n", version / 1000000, version / 1000 % 1000, version % 1000);
        return;
    }
    printf("Virsh command line tool of libvirt %lu.%lu.%lu\n",
           version / 1000000, version / 1000 % 1000, version % 1000);
    printf("See web site at https://libvirt.org/\n\n");
}

/* A whole int in BASE (0: C's prefixes), leading blanks allowed. */
static bool
virtkitParseInt(const char *s, int base, int *value)
{
    char *end = NULL;
    long n;

    errno = 0;
    n = strtol(s, &end, base);
    if (errno || end == s || *end || n < INT_MIN || n > INT_MAX)
        return false;
    *value = (int)n;
    return true;
}

/* -e: one character, or ^ and a letter or one of @[\]^_ (a control key). */
static bool
virtkitValidEscape(const char *s)
{
    if (strlen(s) == 1)
        return s[0] != '^';
    return strlen(s) == 2 && s[0] == '^' &&
           (g_ascii_isalpha(s[1]) || strchr("@[\\]^_", s[1]));
}

static const char *
virtkitLongName(const struct option *opts, int c)
{
    for (; opts->name; opts++) {
        if (opts->val == c)
            return opts->name;
    }
    return "";
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "escape", required_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },
        { "keepalive-interval", required_argument, NULL, 'k' },
        { "keepalive-count", required_argument, NULL, 'K' },
        { "log", required_argument, NULL, 'l' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, 'V' + 256 },
        { NULL, 0, NULL, 0 },
    };
    vshControl ctl = {
        .debug = VSH_ERR_ERROR,
        .keepaliveInterval = -1,
        .keepaliveCount = -1,
    };
    const char *uri;
    bool ok = true;
    int c;
    int n;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (virInitialize() < 0) {
        fprintf(stderr, "error: Failed to initialize libvirt\n");
        return EXIT_FAILURE;
    }
    virSetErrorFunc(NULL, vshSaveLibvirtError);

    if ((uri = getenv("VIRSH_DEFAULT_CONNECT_URI")) && *uri)
        ctl.connname = g_strdup(uri);

    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            g_free(ctl.connname);
            ctl.connname = g_strdup(optarg);
            ctl.connectFirst = true;
            break;
        case 'd':
            if (!virtkitParseInt(optarg, 10, &n)) {
                fprintf(stderr, "error: option -d takes a numeric argument\n");
                return EXIT_FAILURE;
            }
            if (n < VSH_ERR_DEBUG || n > VSH_ERR_ERROR)
                vshError(&ctl, "ignoring debug level %d out of range [%d-%d]",
                         n, VSH_ERR_DEBUG, VSH_ERR_ERROR);
            else
                ctl.debug = n;
            break;
        case 'e':
            if (!virtkitValidEscape(optarg)) {
                vshError(&ctl, "Invalid string '%s' for escape sequence", optarg);
                return EXIT_FAILURE;
            }
            g_free(ctl.escapeChar);
            ctl.escapeChar = g_strdup(optarg);
            break;
        case 'k':
        case 'K':
            if (!virtkitParseInt(optarg, 0, &n)) {
                vshError(&ctl, "Invalid value for option -%c", c);
                return EXIT_FAILURE;
            }
            if (n < 0) {
                vshError(&ctl, "option -%c requires a positive integer argument", c);
                return EXIT_FAILURE;
            }
            *(c == 'k' ? &ctl.keepaliveInterval : &ctl.keepaliveCount) = n;
            break;
        case 'l':
            if (ctl.log)
                fclose(ctl.log);
            if (!(ctl.log = fopen(optarg, "a"))) {
                vshError(&ctl, "%s", "failed to open the log file. check the log file path");
                return EXIT_FAILURE;
            }
            break;
        case 't':
            ctl.timing = true;
            break;
        case 'h':
            virtkitUsage();
            return EXIT_SUCCESS;
        case 'q':
            ctl.quiet = true;
            break;
        case 'r':
            ctl.readonly = true;
            break;
        case 'v':
            virtkitVersion(false);
            return EXIT_SUCCESS;
        case 'V':
            virtkitVersion(true);
            return EXIT_SUCCESS;
        case 'V' + 256:
            virtkitVersion(optarg && strcmp(optarg, "long") == 0);
            return EXIT_SUCCESS;
        case ':':
            fprintf(stderr, "error: option '-%c'/'--%s' requires an argument\n", optopt,
                    virtkitLongName(longopts, optopt));
            return EXIT_FAILURE;
        default:
            if (optopt)
                fprintf(stderr, "error: unsupported option '-%c'. See --help.\n", optopt);
            else
                fprintf(stderr, "error: unsupported option '%s'. See --help.\n", argv[optind - 1]);
            return EXIT_FAILURE;
        }
    }

    if (optind < argc) {
        ok = vshCommandRunArgv(&ctl, argc - optind, argv + optind);
    } else {
        ctl.connectFirst = false;
        if (ctl.connname && !vshConnection(&ctl))
            ok = false;
        else
            virtkitInteractive(&ctl);
    }

    virtkitDisconnect(&ctl);
    g_free(ctl.connname);
    g_free(ctl.escapeChar);
    if (ctl.log)
        fclose(ctl.log);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
