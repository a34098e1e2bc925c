/*
 * virtkit-cmds.h: the command tables of the `virtkit` tool, one per
 * cmd-*.c file, and the lookups they share (virtkit-util.c).
 */
#pragma once

#include "vsh.h"

extern const vshCmdTable virtkitDomainTable;      /* cmd-domain.c */
extern const vshCmdTable virtkitTuneTable;        /* cmd-tune.c */
extern const vshCmdTable virtkitDeviceTable;      /* cmd-device.c */
extern const vshCmdTable virtkitDomainExtraTable; /* cmd-domain-extra.c */
extern const vshCmdTable virtkitMonitorTable;     /* cmd-monitor.c */
extern const vshCmdTable virtkitEventTable;       /* cmd-event.c */
extern const vshCmdTable virtkitHostTable;        /* cmd-host.c */
extern const vshCmdTable virtkitCheckpointTable;  /* cmd-checkpoint.c */
extern const vshCmdTable virtkitInterfaceTable;   /* cmd-interface.c */
extern const vshCmdTable virtkitNWFilterTable;    /* cmd-nwfilter.c */
extern const vshCmdTable virtkitNetworkTable;     /* cmd-network.c */
extern const vshCmdTable virtkitNodedevTable;     /* cmd-nodedev.c */
extern const vshCmdTable virtkitSecretTable;      /* cmd-secret.c */
extern const vshCmdTable virtkitSnapshotTable;    /* cmd-snapshot.c */
extern const vshCmdTable virtkitPoolTable;        /* cmd-pool.c */
extern const vshCmdTable virtkitVolumeTable;      /* cmd-volume.c */
extern const vshCmdTable virtkitDomainBlockTable; /* cmd-domain-block.c */
extern const vshCmdTable virtkitBackupTable;      /* cmd-backup.c */

/* How a lookup may read a name: virsh narrows it for some commands
 * (domid takes no id, net-name only a UUID ...). */
typedef enum {
    VIRTKIT_BYID = 1 << 0,
    VIRTKIT_BYUUID = 1 << 1,
    VIRTKIT_BYNAME = 1 << 2,
} virtkitLookupFlags;

/* The domain named by option OPTNAME ("domain" when NULL): an id, a UUID
 * or a name, tried in that order as virsh does, as far as FLAGS allow.
 * *NAME (when not NULL) gets the option's text.  NULL after "error:
 * failed to get domain 'X'".  With -d, the ways tried are traced. */
virDomainPtr virtkitCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd,
                                       const char *optname, const char **name,
                                       unsigned int flags);
virDomainPtr virtkitCommandOptDomain(vshControl *ctl, const vshCmd *cmd,
                                     const char *optname, const char **name);
/* The lookup itself, of the text N (CMD may be NULL: traced as virsh's
 * "unknown" command). */
virDomainPtr virtkitLookupDomainBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                                   const char *n, unsigned int flags);
/* The same for networks (UUID or name) ... */
virNetworkPtr virtkitCommandOptNetworkBy(vshControl *ctl, const vshCmd *cmd,
                                         const char *optname, const char **name,
                                         unsigned int flags);
virNetworkPtr virtkitCommandOptNetwork(vshControl *ctl, const vshCmd *cmd,
                                       const char *optname, const char **name);
/* ... storage pools (UUID or name) ... */
virStoragePoolPtr virtkitCommandOptPoolBy(vshControl *ctl, const vshCmd *cmd,
                                          const char *optname, const char **name,
                                          unsigned int flags);
virStoragePoolPtr virtkitCommandOptPool(vshControl *ctl, const vshCmd *cmd,
                                        const char *optname, const char **name);
/* ... and volumes: by name within the pool option POOLOPT names (NULL:
 * the command has none), else by key, else by path, as far as BY allows.
 * A given pool must be active and hold the volume. */
enum {
    VIRTKIT_VOL_BYNAME = 1 << 0,
    VIRTKIT_VOL_BYKEY = 1 << 1,
    VIRTKIT_VOL_BYPATH = 1 << 2,
    VIRTKIT_VOL_BYALL = VIRTKIT_VOL_BYNAME | VIRTKIT_VOL_BYKEY | VIRTKIT_VOL_BYPATH,
};
virStorageVolPtr virtkitCommandOptVol(vshControl *ctl, const vshCmd *cmd,
                                      const char *optname, const char *poolopt,
                                      unsigned int by, const char **name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, virDomainFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetwork, virNetworkFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePool, virStoragePoolFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVol, virStorageVolFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virInterface, virInterfaceFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNodeDevice, virNodeDeviceFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecret, virSecretFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilter, virNWFilterFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshot, virDomainSnapshotFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainCheckpoint, virDomainCheckpointFree);

/* --- networks, interfaces, filters, secrets, node devices (virtkit-util.c) --- */

/* The contents of file PATH (to g_free), or NULL after virsh's
 * "error: Failed to open file 'PATH': REASON". */
char *virtkitReadXMLFile(vshControl *ctl, const char *path);
/* The same for any file, its length (which may hold NULs) in *LEN. */
char *virtkitReadFileLen(vshControl *ctl, const char *path, gsize *len);
/* Print XML as the *-dumpxml commands do: whole, or the nodes selected by
 * the command's --xpath option (wrapped in <nodes> with --wrap). */
bool virtkitPrintXML(vshControl *ctl, const char *xml, const char *xpath, bool wrap);
/* The same with XPATH and WRAP from the command's --xpath and --wrap. */
bool virtkitPrintXMLOpts(vshControl *ctl, const vshCmd *cmd, const char *xml);
/* The text XPATH gives in XML (a number printed whole), or NULL. */
char *virtkitXPathString(const char *xml, const char *xpath);
/* Secrets by UUID, network filters by UUID or name, node devices by name
 * or "wwnn,wwpn"; NULL after "error: failed to get ... 'X'" (libvirt's
 * reason follows). */
virSecretPtr virtkitCommandOptSecret(vshControl *ctl, const vshCmd *cmd,
                                     const char *optname, const char **name);
virNWFilterPtr virtkitCommandOptNWFilter(vshControl *ctl, const vshCmd *cmd,
                                         const char *optname, const char **name);
virNodeDevicePtr virtkitCommandOptNodeDevice(vshControl *ctl, const vshCmd *cmd,
                                             const char *optname, const char **name);
/* Run $VISUAL, $EDITOR or sensible-editor on PATH as virsh does: directly
 * when the command is a plain program name, else as "sh -c 'EDITOR
 * PATH'"; false after virsh's message. */
bool virtkitRunEditor(vshControl *ctl, const char *path);
/* Let the user edit ORIG in a temporary file with virtkitRunEditor: the
 * new text (*CHANGED tells whether it differs), NULL after reporting. */
char *virtkitEditXML(vshControl *ctl, const char *orig, bool *changed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNWFilterBinding, virNWFilterBindingFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkPort, virNetworkPortFree);

/* The *-event commands of networks, secrets and node devices: options
 * "event", "loop", "timeout", "list", "timestamp". */
typedef struct {
    vshControl *ctl;
    bool loop;
    bool timestamp;
    int timeout;
    int count;
    bool done;
    bool timedOut;
} virtkitEventWait;
/* Read the options: the index in NAMES (NULL-terminated) of the event
 * asked for, -2 after printing NAMES for --list, -1 after reporting. */
int virtkitEventOptions(vshControl *ctl, const vshCmd *cmd, const char *const *names,
                        virtkitEventWait *wait);
/* One event seen: its line, timestamped with --timestamp. */
void virtkitEventPrint(virtkitEventWait *wait, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Run libvirt's event loop until the event (or, with --loop, the timeout
 * or ^C); print the summary; false when nothing came, as virsh. */
bool virtkitEventRun(vshControl *ctl, virtkitEventWait *wait);

/* A command that names an object (found with LOOKUP, one of the
 * virtkitCommandOpt* functions), calls ACT on it and says how it went:
 * OKFMT or FAILFMT with the object's name (libvirt's reason follows). */
typedef void *(*virtkitLookupFunc)(vshControl *ctl, const vshCmd *cmd,
                                   const char *optname, const char **name);
bool virtkitObjectAction(vshControl *ctl, const vshCmd *cmd, virtkitLookupFunc lookup,
                         int (*act)(void *obj), void (*release)(void *obj),
                         const char *failfmt, const char *okfmt);
#define VIRTKIT_OBJECT_ACTION(ctl, cmd, lookup, act, release, failfmt, okfmt) \
    virtkitObjectAction(ctl, cmd, (virtkitLookupFunc)(void (*)(void))(lookup), \
                        (int (*)(void *))(void (*)(void))(act), \
                        (void (*)(void *))(void (*)(void))(release), failfmt, okfmt)

/* Split SPEC at single commas; ",," stands for a comma (GPtrArray of
 * strings, freeing them). */
GPtrArray *virtkitSplitSpec(const char *spec);
/* Append the <disk> element of a --diskspec "NAME[,WHAT=MODE,...]" to
 * BUF, WHAT being "snapshot" or "checkpoint"; false after virsh's error. */
bool virtkitParseDiskspec(vshControl *ctl, GString *buf, const char *spec, const char *what);

/* An interactive session on DOM's console DEVNAME (NULL: the first one),
 * flags of virDomainOpenConsole; false when it could not start or the
 * stream failed (virtkit-console.c). */
bool virtkitRunConsole(vshControl *ctl, virDomainPtr dom, const char *devname,
                       unsigned int flags);

/* -d's view of the commands virsh runs as a watched job (save,
 * managedsave, dump): its worker looks the domain up again before the
 * call, and the end of the job is traced with its status (0 or -1). */
void virtkitTraceJobStart(vshControl *ctl, const vshCmd *cmd);
void virtkitTraceJobDone(vshControl *ctl, int status);

/* One row of snapshot-list / checkpoint-list. */
typedef struct {
    char *name;
    char *parent;      /* NULL for a root (or the --from one) */
    char *state;
    long long created;
} virtkitListItem;
void virtkitListItemFree(gpointer item);
gint virtkitListItemCmp(gconstpointer a, gconstpointer b);   /* by name */
/* virsh's --tree: ITEMS[IDX] and its descendants, roots at the left, each
 * child under its parent after a "|" line, "+- " before it, and an
 * indented empty line closing the last leaf of a branch. */
void virtkitTreePrint(vshControl *ctl, GPtrArray *items, guint idx, bool root, bool last,
                      GString *indent);
