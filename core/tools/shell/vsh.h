/*
 * vsh.h: the command shell behind the `virtkit` tool
 *
 * A command is data: a vshCmdDef names it, lists its options (vshCmdOptDef)
 * and points at its handler.  Each command group lives in a cmd-*.c file
 * that exports one NULL-terminated table; virtkit.c lists the tables.  The
 * shell parses a line or argv the way virsh does (quotes, backslashes,
 * `;` between commands, `--opt value`, `--opt=value`, options given by
 * position in declaration order), checks the options against the
 * definition, connects when the command needs a connection, runs the
 * handler and reports a failure as virsh does: "error: ..." on stderr,
 * then libvirt's own message.
 *
 * Handlers print through vshPrint (stdout) and vshPrintExtra (stdout,
 * silenced by -q), report through vshError, and read options through the
 * vshCommandOpt* accessors, which also report malformed values.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <stdio.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef enum {
    VSH_OT_BOOL,     /* --name, takes no value */
    VSH_OT_STRING,   /* --name VALUE, --name=VALUE, or by position */
    VSH_OT_INT,      /* a number, read with the numeric accessors */
    VSH_OT_DATA,     /* a required value, usually given by position */
    VSH_OT_ARGV,     /* every remaining word */
    VSH_OT_ALIAS,    /* another spelling: .help names the real option,
                      * "name=value" for a fixed value of it */
} vshOptType;

enum {
    VSH_OFLAG_NONE = 0,
    VSH_OFLAG_REQ = 1 << 0,       /* must be given */
    VSH_OFLAG_EMPTY_OK = 1 << 1,  /* "" is a valid value */
    VSH_OFLAG_REQ_OPT = 1 << 2,   /* only as --name VALUE, never by position */
};

/* What an option's value names, for tab completion. */
typedef enum {
    VSH_COMPLETE_NONE = 0,
    VSH_COMPLETE_DOMAIN,
    VSH_COMPLETE_NETWORK,
    VSH_COMPLETE_POOL,
    VSH_COMPLETE_VOLUME,
    VSH_COMPLETE_INTERFACE,
    VSH_COMPLETE_NODEDEV,
    VSH_COMPLETE_SECRET,
    VSH_COMPLETE_NWFILTER,
    VSH_COMPLETE_SNAPSHOT,
    VSH_COMPLETE_CHECKPOINT,
    VSH_COMPLETE_COMMAND,
    VSH_COMPLETE_FILE,
} vshCompleter;

typedef struct {
    const char *name;
    vshOptType type;
    unsigned int flags;
    const char *help;
    vshCompleter completer;
} vshCmdOptDef;

typedef struct _vshControl vshControl;
typedef struct _vshCmd vshCmd;

typedef bool (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

enum {
    VSH_CMD_FLAG_NOCONNECT = 1 << 0,  /* runs without a connection */
    VSH_CMD_FLAG_ALIAS = 1 << 1,      /* an old name, hidden from help */
};

typedef struct {
    const char *name;
    vshCmdHandler handler;
    const vshCmdOptDef *opts;  /* terminated by an entry with a NULL name */
    const char *help;          /* the one-line summary */
    const char *desc;          /* the DESCRIPTION paragraph */
    unsigned int flags;
    const char *alias;         /* VSH_CMD_FLAG_ALIAS: the command it runs */
    const char *group;         /* the help group, when not its table's */
} vshCmdDef;

/* A table of commands and the help group they are listed under. */
typedef struct {
    const char *group;         /* "domain", "monitor", "network" ... */
    const vshCmdDef *cmds;     /* terminated by an entry with a NULL name */
} vshCmdTable;

/* The help groups, in `help`'s order, and the tables (virtkit.c). */
typedef struct {
    const char *keyword;
    const char *title;
    /* for a group spread over several tables: the names in help's order
     * (NULL-terminated); commands missing from it follow by name */
    const char *const *order;
} vshCmdGroup;

extern const vshCmdGroup vshGroups[];
extern const vshCmdTable *const vshTables[];

/* One parsed command: its definition and the options given. */
typedef struct {
    const vshCmdOptDef *def;
    char *data;                /* NULL for BOOL */
} vshCmdOpt;

struct _vshCmd {
    const vshCmdDef *def;
    GPtrArray *opts;           /* vshCmdOpt *, in the order given */
    vshCmd *next;
};

struct _vshControl {
    char *connname;            /* the URI to connect to, or NULL */
    virConnectPtr conn;
    bool readonly;
    bool quiet;
    bool imode;                /* interactive */
    int debug;                 /* -d: the least level vshDebug shows */
    bool timing;               /* -t: each command's time after it */
    FILE *log;                 /* -l: messages are logged there too */
    int keepaliveInterval;     /* -k, -K: -1 when not given */
    int keepaliveCount;
    bool connectFirst;         /* -c: connect before the first command */
    char *escapeChar;
    bool json;                 /* --json given to the current command */
    int exitStatus;
};

/* The levels of -d, virsh's: the default shows errors only. */
typedef enum {
    VSH_ERR_DEBUG = 0,
    VSH_ERR_INFO,
    VSH_ERR_NOTICE,
    VSH_ERR_WARNING,
    VSH_ERR_ERROR,
} vshErrorLevel;

/* A diagnostic line of LEVEL: on stdout when -d lets it through, and in
 * the -l log file. */
void vshDebug(vshControl *ctl, int level, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* Output.  vshPrintExtra is silenced by -q; vshError prefixes "error: ". */
void vshPrint(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshPrintExtra(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshError(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Print libvirt's last error as "error: MESSAGE" (if there is one).  The
 * error is the one saved when it was raised (vshSaveLibvirtError is the
 * library's error handler), so freeing handles does not lose it; a lookup
 * that tries several ways and reports its own failure drops it with
 * vshResetLibvirtError. */
void vshReportError(vshControl *ctl);
void vshSaveLibvirtError(void *opaque, virErrorPtr err);
void vshResetLibvirtError(void);

/* Option accessors.  The int ones return 1 when the option was given and
 * valid, 0 when absent, -1 (after reporting) when its value is bad. */
bool vshCommandOptBool(const vshCmd *cmd, const char *name);
int vshCommandOptStringReq(vshControl *ctl, const vshCmd *cmd,
                           const char *name, const char **value);
/* The value, or NULL: for options whose absence needs no special care. */
const char *vshCommandOptStringQuiet(const vshCmd *cmd, const char *name);
int vshCommandOptInt(vshControl *ctl, const vshCmd *cmd,
                     const char *name, int *value);
int vshCommandOptUInt(vshControl *ctl, const vshCmd *cmd,
                      const char *name, unsigned int *value);
int vshCommandOptLongLong(vshControl *ctl, const vshCmd *cmd,
                          const char *name, long long *value);
int vshCommandOptULongLong(vshControl *ctl, const vshCmd *cmd,
                           const char *name, unsigned long long *value);
/* A size with an optional unit suffix (k, KiB, M, MB, G, GiB ...);
 * SCALE is the unit of a bare number, MAX the largest accepted result. */
int vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd,
                           const char *name, unsigned long long *value,
                           int scale, unsigned long long max);
/* The words of an ARGV option, in order: a NULL-terminated array to
 * g_free (the words stay CMD's). */
const char **vshCommandOptArgv(const vshCmd *cmd, const char *name);

/* Mutually exclusive options: report and return false when both given. */
bool vshCommandOptExclusive(vshControl *ctl, const vshCmd *cmd,
                            const char *a, const char *b);

/* The connection, made on first use. */
virConnectPtr vshConnection(vshControl *ctl);

/* Tables as virsh prints them: a header row, a line of dashes, then the
 * rows, columns padded to their widest cell. */
typedef struct _vshTable vshTable;
vshTable *vshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
void vshTableRowAppend(vshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
void vshTablePrint(vshControl *ctl, vshTable *table);
void vshTableFree(vshTable *table);
/* Rows built first (each a NULL-terminated array of cells, added with
 * vshRowsAppend; ROWS frees them with g_strfreev), then printed under the
 * first NCOLS names of HEADER. */
void vshTableRowAppendArray(vshTable *table, char *const *cells);
void vshTablePrintRows(vshControl *ctl, const char *const *header, size_t ncols,
                       GPtrArray *rows);
void vshRowsAppend(GPtrArray *rows, const char *first, ...) G_GNUC_NULL_TERMINATED;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTable, vshTableFree);

/* --json (beyond virsh): listing and info commands offer a `json` BOOL
 * option and, when it is given, build the same data with a JsonBuilder
 * and print it with vshPrintJSON: listings as an array of objects whose
 * keys are the columns in snake_case ("id", "name", "state"), info
 * commands as one object whose keys are the labels in snake_case
 * ("max_memory"), numbers as JSON numbers in the command's base unit. */
void vshPrintJSON(vshControl *ctl, JsonBuilder *builder);
/* One typed parameter as a member of the object being built: numbers as
 * numbers, booleans as booleans. */
void vshJSONTypedParam(JsonBuilder *b, const virTypedParameter *p);

/* virsh's human sizes: BYTES as a value and a unit ("1.00 GiB" is
 * printed as "%.2lf %s"). */
double vshPrettyCapacity(unsigned long long bytes, const char **unit);

/* Beyond virsh: `--human` on the commands that print sizes in KiB. */
#define VSH_OPT_HUMAN \
    {.name = "human", .type = VSH_OT_BOOL, \
     .help = "print sizes in the largest fitting unit (KiB, MiB, GiB ...)"}

/* A size in KiB as the shell prints it: "N KiB", or when CMD has --human
 * the largest unit that keeps it at least 1, as "2.000 GiB" (domblkinfo
 * --human's form).  Free the result. */
char *vshFormatKiB(const vshCmd *cmd, unsigned long long kib);

/* Running commands: parse LINE (or ARGV) into commands and run them in
 * order; false as soon as one fails. */
bool vshCommandRunString(vshControl *ctl, const char *line);
bool vshCommandRunArgv(vshControl *ctl, int argc, char **argv);

/* Lookups shared by the command groups. */
const vshCmdDef *vshCmddefSearch(const char *name);

/* The commands help lists under group GRP (vshCmdDef *; unref). */
GPtrArray *vshGroupCommands(const vshCmdGroup *grp);

/* The `help` command (vsh.c knows the definitions). */
bool vshCmdHelp(vshControl *ctl, const vshCmd *cmd);
