/*
 * qemu_capabilities.h: what a QEMU binary can do, probed once over QMP
 *
 * A probe starts the binary with no machine (-machine none,accel=tcg -S),
 * asks it a fixed set of QMP questions (version, target, machines, CPU
 * models, commands, QOM types, the QMP schema, KVM, TPM), lets it quit
 * and reaps it.  The answers are kept as QEMU gave them: the same parser
 * reads them after a probe and after loading them from the disk cache, so
 * a cached entry cannot drift from a fresh one.
 *
 * Caching: in memory per binary path for the life of the process, and on
 * disk as one JSON file per binary under a folder the caller chooses
 * (ROOT/cache/qemu/capabilities/).  An entry is valid while the binary's
 * path, size, mtime and ctime and this library's version are those it
 * recorded, and so is the mtime of QEMU's module folder (modules add
 * accelerators and devices); anything else is probed again.
 *
 * qemuCaps objects are immutable once built and reference counted, so any
 * thread may read one without locks.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>

typedef struct _qemuCaps qemuCaps;

typedef struct {
    char *name;             /* canonical name, "pc-i440fx-7.2" */
    char *alias;            /* "pc", or NULL */
    int max_cpus;
    bool is_default;
    bool deprecated;
    char *default_cpu_type; /* QOM type, or NULL */
} qemuCapsMachine;

typedef struct {
    char *name;
    bool usable;            /* no unavailable features under this accel */
    bool deprecated;
    char *alias_of;         /* "qemu64-v1" for "qemu64", or NULL */
} qemuCapsCPUModel;


/* ------------------------------------------------------------------ */
/* Getting capabilities                                               */

/* The capabilities of BINARY: from memory, else from CACHEDIR (may be NULL
 * for no disk cache) when still valid, else by probing (and then written
 * to both).  Returns a new reference, or NULL with an error reported. */
qemuCaps *qemuCapsCacheLookup(const char *binary,
                              const char *cacheDir);

/* Probe BINARY now, bypassing every cache. */
qemuCaps *qemuCapsProbe(const char *binary);

/* Forget the in-memory cache (the disk cache stays). */
void qemuCapsCacheClear(void);

/* How many times this process started QEMU to probe it. */
unsigned int qemuCapsGetProbeCount(void);

qemuCaps *qemuCapsRef(qemuCaps *caps);
void qemuCapsUnref(qemuCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuCaps, qemuCapsUnref);


/* ------------------------------------------------------------------ */
/* Questions                                                          */

const char *qemuCapsGetBinary(qemuCaps *caps);

/* "x86_64", "i386" (QEMU's name), and libvirt's name of it ("i686"). */
const char *qemuCapsGetArch(qemuCaps *caps);
const char *qemuCapsGetVirArch(qemuCaps *caps);

/* major*1000000 + minor*1000 + micro, and the package string. */
unsigned long long qemuCapsGetVersion(qemuCaps *caps);
const char *qemuCapsGetPackage(qemuCaps *caps);

/* The machines in QEMU's order ("none" left out). */
const qemuCapsMachine *qemuCapsGetMachines(qemuCaps *caps,
                                           size_t *ret_nmachines);

/* The default machine's canonical name, or NULL if QEMU has none. */
const char *qemuCapsGetDefaultMachine(qemuCaps *caps);

/* The machine named NAME (canonical name or alias), or NULL. */
const qemuCapsMachine *qemuCapsGetMachine(qemuCaps *caps,
                                          const char *name);

/* The CPU models in QEMU's order (query-cpu-definitions under TCG). */
const qemuCapsCPUModel *qemuCapsGetCPUModels(qemuCaps *caps,
                                             size_t *ret_nmodels);

/* Whether QMP has command NAME (query-commands). */
bool qemuCapsHasCommand(qemuCaps *caps,
                        const char *name);

/* Whether command COMMAND takes argument ARG, per query-qmp-schema (the
 * members of its argument type, including those of a union's variants). */
bool qemuCapsCommandHasArg(qemuCaps *caps,
                           const char *command,
                           const char *arg);

/* Whether event NAME exists in the QMP schema. */
bool qemuCapsHasEvent(qemuCaps *caps,
                      const char *name);

/* Whether QOM type NAME exists (any non-abstract type: devices, objects,
 * accelerators). */
bool qemuCapsHasType(qemuCaps *caps,
                     const char *name);

/* Whether NAME is a device type (qom-list-types implements=device). */
bool qemuCapsHasDevice(qemuCaps *caps,
                       const char *name);

/* The binary has KVM built in, and this host can use it now
 * (/dev/kvm readable and writable). */
bool qemuCapsHasKVM(qemuCaps *caps);
bool qemuCapsKVMUsable(qemuCaps *caps);

/* TPM models ("tpm-tis", "tpm-crb") and backends ("passthrough",
 * "emulator") QEMU lists. */
bool qemuCapsHasTPMModel(qemuCaps *caps,
                         const char *model);
bool qemuCapsHasTPMType(qemuCaps *caps,
                        const char *type);

/* The values of the enum that is the type of member MEMBER of the
 * argument type (WHICH = "arg-type") or return type ("ret-type") of
 * COMMAND, e.g. ("query-display-options", "ret-type", "type") gives the
 * display types.  A new NULL-terminated list (g_strfreev), or NULL when
 * the schema does not say. */
char **qemuCapsSchemaMemberEnum(qemuCaps *caps,
                                            const char *command,
                                            const char *which,
                                            const char *member);

/* The reply QEMU gave to probe command KEY ("query-machines", ...) as
 * kept in the cache; owned by CAPS.  For the driver's less common
 * questions. */
JsonNode *qemuCapsGetProbeReply(qemuCaps *caps,
                                const char *key);


/* ------------------------------------------------------------------ */
/* XML                                                                */

/* Append the <guest> element of the host capabilities XML for CAPS to
 * BUF, indented for its place under <capabilities> (libvirt's layout). */
void qemuCapsFormatGuest(qemuCaps *caps,
                         GString *buf);

/* The domain capabilities XML (virConnectGetDomainCapabilities) of CAPS
 * for VIRTTYPE ("qemu" or "kvm", NULL: kvm when usable, else qemu),
 * MACHINE (NULL: the default) and ARCH (NULL: the binary's).  Returns NULL
 * with an error reported when CAPS cannot run that combination. */
char *qemuCapsFormatDomainCaps(qemuCaps *caps,
                               const char *virttype,
                               const char *machine,
                               const char *arch);
