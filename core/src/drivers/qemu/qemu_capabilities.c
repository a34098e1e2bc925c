/*
 * qemu_capabilities.c: probing a QEMU binary over QMP, caching what it
 * said, answering questions from it and formatting it as libvirt's
 * capabilities and domain capabilities XML.
 *
 * The file is in four parts: the probe (start QEMU, ask, quit, reap), the
 * model (parse the kept replies into machines, CPU models, sets of
 * commands and types, the schema index), the caches (memory and disk) and
 * the XML formatters.  See qemu_capabilities.h for the contracts.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "qemu_capabilities.h"
#include "qemu_monitor.h"
#include "cpu_conf.h"
#include "cpu_x86_table.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* Bump when the probe's questions or the file's layout change. */
#define QEMU_CAPS_CACHE_FORMAT 1

#define QEMU_CAPS_PROBE_TIMEOUT_MS 30000

struct _qemuCaps {
    gint refs;

    char *binary;
    gint64 mtime_ns;
    gint64 ctime_ns;
    gint64 size;
    gint64 moddir_ns;           /* mtime of QEMU's module folder, 0: none */

    JsonObject *replies;        /* probe key -> QEMU's "return" */

    /* derived from REPLIES */
    unsigned long long version;
    char *package;
    char *arch;
    char *virarch;
    GArray *machines;           /* qemuCapsMachine */
    char *default_machine;
    GArray *cpus;               /* qemuCapsCPUModel */
    GHashTable *commands;       /* name -> name */
    GHashTable *types;          /* all non-abstract QOM types */
    GHashTable *devices;        /* device types */
    GHashTable *schema;         /* entity name -> JsonObject (in REPLIES) */
    GHashTable *events;         /* event name -> name */
    GHashTable *tpm_models;
    GHashTable *tpm_types;
    bool kvm_present;
};

/* One probe question: the key it is kept under, the command and its
 * arguments (JSON text or NULL), and whether the probe fails without it. */
typedef struct {
    const char *key;
    const char *command;
    const char *args;
    bool required;
} qemuCapsQuestion;

/* query-commands comes before every optional question: they are asked
 * only of a QEMU that has their command. */
static const qemuCapsQuestion qemuCapsQuestions[] = {
    { "query-version", "query-version", NULL, true },
    { "query-target", "query-target", NULL, true },
    { "query-commands", "query-commands", NULL, true },
    { "query-machines", "query-machines", NULL, true },
    { "query-cpu-definitions", "query-cpu-definitions", NULL, false },
    { "query-kvm", "query-kvm", NULL, false },
    { "qom-list-types", "qom-list-types", "{\"abstract\":false}", true },
    { "qom-list-types/device", "qom-list-types",
      "{\"implements\":\"device\",\"abstract\":false}", true },
    { "query-qmp-schema", "query-qmp-schema", NULL, true },
    { "query-tpm-models", "query-tpm-models", NULL, false },
    { "query-tpm-types", "query-tpm-types", NULL, false },
    { "query-cpu-model-expansion/max", "query-cpu-model-expansion",
      "{\"type\":\"full\",\"model\":{\"name\":\"max\"}}", false },
};

static gint qemuCapsProbeCount;


/* ------------------------------------------------------------------ */
/* Lifetime                                                           */

static void
qemuCapsMachineClear(gpointer p)
{
    qemuCapsMachine *m = p;

    g_free(m->name);
    g_free(m->alias);
    g_free(m->default_cpu_type);
}

static void
qemuCapsCPUModelClear(gpointer p)
{
    qemuCapsCPUModel *c = p;

    g_free(c->name);
    g_free(c->alias_of);
}

static qemuCaps *
qemuCapsNew(const char *binary)
{
    qemuCaps *caps = g_new0(qemuCaps, 1);

    caps->refs = 1;
    caps->binary = g_strdup(binary);
    caps->machines = g_array_new(FALSE, TRUE, sizeof(qemuCapsMachine));
    g_array_set_clear_func(caps->machines, qemuCapsMachineClear);
    caps->cpus = g_array_new(FALSE, TRUE, sizeof(qemuCapsCPUModel));
    g_array_set_clear_func(caps->cpus, qemuCapsCPUModelClear);
    caps->commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    caps->types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    caps->devices = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    caps->schema = g_hash_table_new(g_str_hash, g_str_equal);
    caps->events = g_hash_table_new(g_str_hash, g_str_equal);
    caps->tpm_models = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    caps->tpm_types = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return caps;
}

qemuCaps *
qemuCapsRef(qemuCaps *caps)
{
    g_atomic_int_inc(&caps->refs);
    return caps;
}

void
qemuCapsUnref(qemuCaps *caps)
{
    if (!caps || !g_atomic_int_dec_and_test(&caps->refs))
        return;
    g_free(caps->binary);
    if (caps->replies)
        json_object_unref(caps->replies);
    g_free(caps->package);
    g_free(caps->arch);
    g_free(caps->virarch);
    g_array_unref(caps->machines);
    g_free(caps->default_machine);
    g_array_unref(caps->cpus);
    g_hash_table_unref(caps->commands);
    g_hash_table_unref(caps->types);
    g_hash_table_unref(caps->devices);
    g_hash_table_unref(caps->schema);
    g_hash_table_unref(caps->events);
    g_hash_table_unref(caps->tpm_models);
    g_hash_table_unref(caps->tpm_types);
    g_free(caps);
}


/* ------------------------------------------------------------------ */
/* JSON helpers                                                       */

static const char *
capsStr(JsonObject *obj, const char *key)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(n);
}

static long long
capsInt(JsonObject *obj, const char *key, long long def)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_INT64)
        return def;
    return json_node_get_int(n);
}

static bool
capsBool(JsonObject *obj, const char *key, bool def)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) ||
        json_node_get_value_type(n) != G_TYPE_BOOLEAN)
        return def;
    return json_node_get_boolean(n);
}

static JsonObject *
capsObj(JsonObject *obj, const char *key)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) || !JSON_NODE_HOLDS_OBJECT(n))
        return NULL;
    return json_node_get_object(n);
}

static JsonArray *
capsArr(JsonObject *obj, const char *key)
{
    JsonNode *n;

    if (!obj || !(n = json_object_get_member(obj, key)) || !JSON_NODE_HOLDS_ARRAY(n))
        return NULL;
    return json_node_get_array(n);
}

/* The I-th element of ARR as an object, or NULL. */
static JsonObject *
capsElemObj(JsonArray *arr, guint i)
{
    JsonNode *n = json_array_get_element(arr, i);

    return JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

/* Fill SET with the string member KEY of every object in ARR, or with
 * every string of ARR when KEY is NULL. */
static void
capsFillSet(GHashTable *set, JsonArray *arr, const char *key)
{
    if (!arr)
        return;
    for (guint i = 0; i < json_array_get_length(arr); i++) {
        JsonNode *n = json_array_get_element(arr, i);
        const char *s = NULL;

        if (key)
            s = capsStr(JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL, key);
        else if (json_node_get_value_type(n) == G_TYPE_STRING)
            s = json_node_get_string(n);
        if (s)
            g_hash_table_add(set, g_strdup(s));
    }
}


/* ------------------------------------------------------------------ */
/* The model: replies -> answers                                      */

/* libvirt's name of QEMU's target architecture. */
static const char *
qemuCapsVirArch(const char *qemuArch)
{
    static const struct { const char *qemu; const char *vir; } map[] = {
        { "i386", "i686" },
        { "arm", "armv7l" },
        { "or1k", "or32" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        if (g_str_equal(map[i].qemu, qemuArch))
            return map[i].vir;
    }
    return qemuArch;
}

static int
qemuCapsArchWordsize(const char *virarch)
{
    static const char *const bits32[] = {
        "i686", "armv6l", "armv7l", "armv7b", "ppc", "ppcle", "s390", "mips",
        "mipsel", "sparc", "riscv32", "or32", "microblaze", "microblazeel",
        "cris", "lm32", "m68k", "unicore32", "xtensa", "xtensaeb", "sh4", "sh4eb",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(bits32); i++) {
        if (g_str_equal(bits32[i], virarch))
            return 32;
    }
    return 64;
}

static JsonNode *
qemuCapsReply(qemuCaps *caps, const char *key)
{
    return caps->replies ? json_object_get_member(caps->replies, key) : NULL;
}

static JsonArray *
qemuCapsReplyArray(qemuCaps *caps, const char *key)
{
    JsonNode *n = qemuCapsReply(caps, key);

    return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

static JsonObject *
qemuCapsReplyObject(qemuCaps *caps, const char *key)
{
    JsonNode *n = qemuCapsReply(caps, key);

    return n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

/* Build everything the questions need from CAPS->replies. */
static int
qemuCapsParse(qemuCaps *caps)
{
    JsonObject *version = qemuCapsReplyObject(caps, "query-version");
    JsonObject *target = qemuCapsReplyObject(caps, "query-target");
    JsonObject *kvm = qemuCapsReplyObject(caps, "query-kvm");
    JsonObject *q;
    JsonArray *arr;

    if (!version || !(q = capsObj(version, "qemu")) || !target || !capsStr(target, "arch")) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("capabilities of '%s' lack the version or the target"),
                       caps->binary);
        return -1;
    }
    caps->version = capsInt(q, "major", 0) * 1000000 +
                    capsInt(q, "minor", 0) * 1000 +
                    capsInt(q, "micro", 0);
    caps->package = g_strdup(capsStr(version, "package") ? capsStr(version, "package") : "");
    caps->arch = g_strdup(capsStr(target, "arch"));
    caps->virarch = g_strdup(qemuCapsVirArch(caps->arch));
    caps->kvm_present = capsBool(kvm, "present", false);

    if ((arr = qemuCapsReplyArray(caps, "query-machines"))) {
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            JsonObject *m = capsElemObj(arr, i);
            qemuCapsMachine mach = { 0 };

            if (!capsStr(m, "name") || g_str_equal(capsStr(m, "name"), "none"))
                continue;
            mach.name = g_strdup(capsStr(m, "name"));
            mach.alias = g_strdup(capsStr(m, "alias"));
            mach.max_cpus = capsInt(m, "cpu-max", 1);
            mach.is_default = capsBool(m, "is-default", false);
            mach.deprecated = capsBool(m, "deprecated", false);
            mach.default_cpu_type = g_strdup(capsStr(m, "default-cpu-type"));
            if (mach.is_default && !caps->default_machine)
                caps->default_machine = g_strdup(mach.name);
            g_array_append_val(caps->machines, mach);
        }
    }

    if ((arr = qemuCapsReplyArray(caps, "query-cpu-definitions"))) {
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            JsonObject *c = capsElemObj(arr, i);
            JsonArray *unavail = capsArr(c, "unavailable-features");
            qemuCapsCPUModel model = { 0 };

            if (!capsStr(c, "name"))
                continue;
            model.name = g_strdup(capsStr(c, "name"));
            model.usable = !unavail || json_array_get_length(unavail) == 0;
            model.deprecated = capsBool(c, "deprecated", false);
            model.alias_of = g_strdup(capsStr(c, "alias-of"));
            g_array_append_val(caps->cpus, model);
        }
    }

    capsFillSet(caps->commands, qemuCapsReplyArray(caps, "query-commands"), "name");
    capsFillSet(caps->types, qemuCapsReplyArray(caps, "qom-list-types"), "name");
    capsFillSet(caps->devices, qemuCapsReplyArray(caps, "qom-list-types/device"), "name");
    capsFillSet(caps->tpm_models, qemuCapsReplyArray(caps, "query-tpm-models"), NULL);
    capsFillSet(caps->tpm_types, qemuCapsReplyArray(caps, "query-tpm-types"), NULL);

    if ((arr = qemuCapsReplyArray(caps, "query-qmp-schema"))) {
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            JsonObject *ent = capsElemObj(arr, i);
            const char *name = capsStr(ent, "name");

            if (!name)
                continue;
            /* commands and events share the namespace with types in
             * QEMU's schema, but not with each other */
            if (g_strcmp0(capsStr(ent, "meta-type"), "event") == 0)
                g_hash_table_insert(caps->events, (char *)name, (char *)name);
            else
                g_hash_table_insert(caps->schema, (char *)name, ent);
        }
    }

    if (caps->machines->len == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("QEMU binary '%s' offers no machine types"), caps->binary);
        return -1;
    }
    return 0;
}


/* ------------------------------------------------------------------ */
/* The probe                                                          */

static char *
qemuCapsReadLog(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return g_strdup("");
    return g_strdup(g_strstrip(text));
}

/* Ask QEMU every question over MON into REPLIES.  Optional questions
 * whose command QEMU lacks are skipped; one that fails is left out. */
static int
qemuCapsAsk(qemuCaps *caps, qemuMonitor *mon, JsonObject *replies)
{
    g_autoptr(GHashTable) cmds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    for (size_t i = 0; i < G_N_ELEMENTS(qemuCapsQuestions); i++) {
        const qemuCapsQuestion *q = &qemuCapsQuestions[i];
        g_autoptr(JsonNode) args = NULL;
        g_autoptr(JsonNode) value = NULL;

        if (!q->required && !g_hash_table_contains(cmds, q->command))
            continue;
        if (q->args)
            args = json_from_string(q->args, NULL);

        if (qemuMonitorCommand(mon, q->command,
                               args ? json_node_get_object(args) : NULL, &value) < 0) {
            if (q->required)
                return -1;
            VIR_DEBUG("probe of '%s': optional '%s' failed", caps->binary, q->key);
            virResetLastError();
            continue;
        }
        if (g_str_equal(q->command, "query-commands") && value && JSON_NODE_HOLDS_ARRAY(value))
            capsFillSet(cmds, json_node_get_array(value), "name");
        json_object_set_member(replies, q->key,
                               value ? g_steal_pointer(&value) : json_node_new(JSON_NODE_NULL));
    }
    return 0;
}

static gint64
qemuCapsNs(const struct timespec *ts)
{
    return (gint64)ts->tv_sec * G_GINT64_CONSTANT(1000000000) + ts->tv_nsec;
}

static bool
qemuCapsStat(const char *binary, struct stat *sb)
{
    if (stat(binary, sb) < 0) {
        virReportSystemError(errno, _("Cannot check QEMU binary %s"), binary);
        return false;
    }
    return true;
}

/* The mtime of the folder QEMU loads its modules from (TCG, display and
 * device modules: installing or removing one changes what QEMU can do),
 * or 0 when there is none. */
static gint64
qemuCapsModuleDirStamp(void)
{
    static const char *const dirs[] = {
#ifdef __x86_64__
        "/usr/lib/x86_64-linux-gnu/qemu",
#endif
#ifdef __aarch64__
        "/usr/lib/aarch64-linux-gnu/qemu",
#endif
        "/usr/lib64/qemu",
        "/usr/lib/qemu",
    };
    const char *env = g_getenv("QEMU_MODULE_DIR");
    struct stat sb;

    if (env && stat(env, &sb) == 0)
        return qemuCapsNs(&sb.st_mtim);
    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        if (stat(dirs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            return qemuCapsNs(&sb.st_mtim);
    }
    return 0;
}

qemuCaps *
qemuCapsProbe(const char *binary)
{
    g_autoptr(qemuCaps) caps = qemuCapsNew(binary);
    g_autoptr(GError) gerr = NULL;
    g_autoptr(JsonObject) replies = json_object_new();
    g_autofree char *tmpdir = NULL;
    g_autofree char *sock = NULL;
    g_autofree char *log = NULL;
    g_autofree char *qmparg = NULL;
    qemuMonitor *mon = NULL;
    struct stat sb;
    pid_t pid = 0;
    int logfd = -1;
    bool ok = false;

    if (!qemuCapsStat(binary, &sb))
        return NULL;
    if (!(tmpdir = g_dir_make_tmp("virtkit-qemucaps-XXXXXX", &gerr))) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot make a folder to probe '%s': %s"), binary, gerr->message);
        return NULL;
    }
    sock = g_build_filename(tmpdir, "qmp.sock", NULL);
    log = g_build_filename(tmpdir, "qemu.log", NULL);
    qmparg = g_strdup_printf("unix:%s,server=on,wait=off", sock);

    {
        const char *const argv[] = {
            binary, "-S", "-no-user-config", "-nodefaults", "-nographic",
            "-machine", "none,accel=tcg", "-qmp", qmparg, NULL,
        };

        if ((logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
            virReportSystemError(errno, _("cannot create '%s'"), log);
            goto cleanup;
        }
        if (virCommandSpawn(argv, logfd, logfd, NULL, 0, VIR_COMMAND_NEW_SESSION, &pid) < 0)
            goto cleanup;
        g_atomic_int_inc(&qemuCapsProbeCount);
    }

    if (!(mon = qemuMonitorOpenFull(sock, pid, QEMU_CAPS_PROBE_TIMEOUT_MS, NULL, NULL))) {
        g_autofree char *text = qemuCapsReadLog(log);

        if (*text)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Failed to probe capabilities for %s: %s"), binary, text);
        goto cleanup;
    }

    if (qemuCapsAsk(caps, mon, replies) < 0)
        goto cleanup;

    if (qemuMonitorQuit(mon) < 0)
        VIR_DEBUG("quit of the probe of '%s' failed; it will be killed", binary);
    qemuMonitorClose(mon);
    mon = NULL;
    if (virCommandWaitPid(pid, QEMU_CAPS_PROBE_TIMEOUT_MS, NULL) == 1)
        pid = 0;

    caps->mtime_ns = qemuCapsNs(&sb.st_mtim);
    caps->ctime_ns = qemuCapsNs(&sb.st_ctim);
    caps->size = sb.st_size;
    caps->moddir_ns = qemuCapsModuleDirStamp();
    caps->replies = json_object_ref(replies);
    if (qemuCapsParse(caps) < 0)
        goto cleanup;
    ok = true;

 cleanup:
    qemuMonitorClose(mon);
    if (pid > 0)
        virCommandKillPid(pid, 2000);
    if (logfd >= 0)
        close(logfd);
    unlink(sock);
    unlink(log);
    rmdir(tmpdir);
    return ok ? g_steal_pointer(&caps) : NULL;
}


/* ------------------------------------------------------------------ */
/* The caches                                                         */

static GMutex qemuCapsCacheLock;
static GHashTable *qemuCapsCacheTable;     /* binary -> qemuCaps (a ref) */

unsigned int
qemuCapsGetProbeCount(void)
{
    return g_atomic_int_get(&qemuCapsProbeCount);
}

void
qemuCapsCacheClear(void)
{
    g_mutex_lock(&qemuCapsCacheLock);
    g_clear_pointer(&qemuCapsCacheTable, g_hash_table_unref);
    g_mutex_unlock(&qemuCapsCacheLock);
}

static bool
qemuCapsIsCurrent(qemuCaps *caps, const struct stat *sb)
{
    return caps->moddir_ns == qemuCapsModuleDirStamp() &&
           caps->size == sb->st_size &&
           caps->mtime_ns == qemuCapsNs(&sb->st_mtim) &&
           caps->ctime_ns == qemuCapsNs(&sb->st_ctim);
}

static char *
qemuCapsCacheFile(const char *cacheDir, const char *binary)
{
    g_autofree char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, binary, -1);
    g_autofree char *name = g_strdup_printf("%s.json", hash);

    return g_build_filename(cacheDir, name, NULL);
}

/* The entry for BINARY in CACHEDIR if it is still valid for SB, else NULL
 * (without an error: a bad or old file is just probed over). */
static qemuCaps *
qemuCapsCacheLoad(const char *cacheDir, const char *binary, const struct stat *sb)
{
    g_autofree char *file = qemuCapsCacheFile(cacheDir, binary);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(qemuCaps) caps = NULL;
    JsonObject *root;
    JsonObject *replies;

    if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
        return NULL;
    if (!json_parser_load_from_file(parser, file, NULL) ||
        !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
        VIR_WARN("ignoring unreadable QEMU capabilities cache '%s'", file);
        return NULL;
    }
    root = json_node_get_object(json_parser_get_root(parser));
    if (capsInt(root, "format", 0) != QEMU_CAPS_CACHE_FORMAT ||
        capsInt(root, "libversion", 0) != LIBVIR_VERSION_NUMBER ||
        g_strcmp0(capsStr(root, "binary"), binary) != 0 ||
        !(replies = capsObj(root, "replies"))) {
        VIR_DEBUG("capabilities cache '%s' is of another format or library", file);
        return NULL;
    }

    caps = qemuCapsNew(binary);
    caps->mtime_ns = capsInt(root, "mtime-ns", -1);
    caps->ctime_ns = capsInt(root, "ctime-ns", -1);
    caps->size = capsInt(root, "size", -1);
    caps->moddir_ns = capsInt(root, "moddir-mtime-ns", -1);
    if (!qemuCapsIsCurrent(caps, sb)) {
        VIR_DEBUG("capabilities cache '%s' is outdated: '%s' changed", file, binary);
        return NULL;
    }
    caps->replies = json_object_ref(replies);
    if (qemuCapsParse(caps) < 0) {
        virResetLastError();
        return NULL;
    }
    return g_steal_pointer(&caps);
}

/* Write CAPS to CACHEDIR atomically (temp file, fsync, rename). */
static int
qemuCapsCacheSave(const char *cacheDir, qemuCaps *caps)
{
    g_autofree char *file = qemuCapsCacheFile(cacheDir, caps->binary);
    g_autofree char *tmp = g_strdup_printf("%s.XXXXXX", file);
    g_autoptr(JsonObject) root = json_object_new();
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autofree char *text = NULL;
    gsize len = 0;
    gsize done = 0;
    int fd;

    if (g_mkdir_with_parents(cacheDir, 0700) < 0) {
        virReportSystemError(errno, _("cannot create capabilities cache folder '%s'"), cacheDir);
        return -1;
    }

    json_object_set_int_member(root, "format", QEMU_CAPS_CACHE_FORMAT);
    json_object_set_int_member(root, "libversion", LIBVIR_VERSION_NUMBER);
    json_object_set_string_member(root, "binary", caps->binary);
    json_object_set_int_member(root, "mtime-ns", caps->mtime_ns);
    json_object_set_int_member(root, "ctime-ns", caps->ctime_ns);
    json_object_set_int_member(root, "size", caps->size);
    json_object_set_int_member(root, "moddir-mtime-ns", caps->moddir_ns);
    json_object_set_object_member(root, "replies", json_object_ref(caps->replies));
    json_node_set_object(node, root);
    json_generator_set_root(gen, node);
    text = json_generator_to_data(gen, &len);

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("cannot create '%s'"), tmp);
        return -1;
    }
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        done += n;
    }
    if (done < len || fsync(fd) < 0 || close(fd) < 0) {
        virReportSystemError(errno, _("cannot write '%s'"), tmp);
        if (done < len)
            close(fd);
        unlink(tmp);
        return -1;
    }
    if (rename(tmp, file) < 0) {
        virReportSystemError(errno, _("cannot rename '%s' to '%s'"), tmp, file);
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* Write CAPS to CACHEDIR (if any) for the next process; a failure is
 * only warned about: the probe stands, the next process probes again. */
static void
qemuCapsCacheKeep(const char *cacheDir, qemuCaps *caps)
{
    if (cacheDir && qemuCapsCacheSave(cacheDir, caps) < 0) {
        VIR_WARN("capabilities of '%s' not cached on disk", caps->binary);
        virResetLastError();
    }
}

qemuCaps *
qemuCapsCacheLookup(const char *binary,
                    const char *cacheDir)
{
    qemuCaps *caps = NULL;
    struct stat sb;

    if (!qemuCapsStat(binary, &sb))
        return NULL;

    /* One lock for lookup and probe: a second thread asking for the same
     * binary waits for the first one's probe instead of starting another. */
    g_mutex_lock(&qemuCapsCacheLock);
    if (!qemuCapsCacheTable)
        qemuCapsCacheTable = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify)qemuCapsUnref);

    if ((caps = g_hash_table_lookup(qemuCapsCacheTable, binary)) &&
        qemuCapsIsCurrent(caps, &sb)) {
        /* known to this process; a root of its own still gets the file */
        g_autofree char *file = cacheDir ? qemuCapsCacheFile(cacheDir, binary) : NULL;

        if (file && !g_file_test(file, G_FILE_TEST_EXISTS))
            qemuCapsCacheKeep(cacheDir, caps);
        qemuCapsRef(caps);
        goto cleanup;
    }
    caps = NULL;

    if (cacheDir && (caps = qemuCapsCacheLoad(cacheDir, binary, &sb))) {
        VIR_DEBUG("capabilities of '%s' loaded from '%s'", binary, cacheDir);
    } else {
        if (!(caps = qemuCapsProbe(binary)))
            goto cleanup;
        qemuCapsCacheKeep(cacheDir, caps);
    }
    g_hash_table_insert(qemuCapsCacheTable, g_strdup(binary), qemuCapsRef(caps));

 cleanup:
    g_mutex_unlock(&qemuCapsCacheLock);
    return caps;
}


/* ------------------------------------------------------------------ */
/* Questions                                                          */

const char *
qemuCapsGetBinary(qemuCaps *caps)
{
    return caps->binary;
}

const char *
qemuCapsGetArch(qemuCaps *caps)
{
    return caps->arch;
}

const char *
qemuCapsGetVirArch(qemuCaps *caps)
{
    return caps->virarch;
}

unsigned long long
qemuCapsGetVersion(qemuCaps *caps)
{
    return caps->version;
}

const char *
qemuCapsGetPackage(qemuCaps *caps)
{
    return caps->package;
}

const qemuCapsMachine *
qemuCapsGetMachines(qemuCaps *caps,
                    size_t *ret_nmachines)
{
    *ret_nmachines = caps->machines->len;
    return (const qemuCapsMachine *)caps->machines->data;
}

const char *
qemuCapsGetDefaultMachine(qemuCaps *caps)
{
    return caps->default_machine;
}

const qemuCapsMachine *
qemuCapsGetMachine(qemuCaps *caps,
                   const char *name)
{
    for (guint i = 0; i < caps->machines->len; i++) {
        const qemuCapsMachine *m = &g_array_index(caps->machines, qemuCapsMachine, i);

        if (g_strcmp0(m->name, name) == 0 || g_strcmp0(m->alias, name) == 0)
            return m;
    }
    return NULL;
}

const qemuCapsCPUModel *
qemuCapsGetCPUModels(qemuCaps *caps,
                     size_t *ret_nmodels)
{
    *ret_nmodels = caps->cpus->len;
    return (const qemuCapsCPUModel *)caps->cpus->data;
}

bool
qemuCapsHasCommand(qemuCaps *caps,
                   const char *name)
{
    return g_hash_table_contains(caps->commands, name);
}

bool
qemuCapsHasEvent(qemuCaps *caps,
                 const char *name)
{
    return g_hash_table_contains(caps->events, name);
}

bool
qemuCapsHasType(qemuCaps *caps,
                const char *name)
{
    return g_hash_table_contains(caps->types, name);
}

bool
qemuCapsHasDevice(qemuCaps *caps,
                  const char *name)
{
    return g_hash_table_contains(caps->devices, name);
}

bool
qemuCapsHasKVM(qemuCaps *caps)
{
    return caps->kvm_present || g_hash_table_contains(caps->types, "kvm-accel");
}

bool
qemuCapsKVMUsable(qemuCaps *caps)
{
    return qemuCapsHasKVM(caps) && access("/dev/kvm", R_OK | W_OK) == 0;
}

bool
qemuCapsHasTPMModel(qemuCaps *caps,
                    const char *model)
{
    return g_hash_table_contains(caps->tpm_models, model);
}

bool
qemuCapsHasTPMType(qemuCaps *caps,
                   const char *type)
{
    return g_hash_table_contains(caps->tpm_types, type);
}

JsonNode *
qemuCapsGetProbeReply(qemuCaps *caps,
                      const char *key)
{
    return qemuCapsReply(caps, key);
}

/* Whether object type TYPENAME of the schema (or one of its union
 * variants) has member ARG. */
static bool
qemuCapsSchemaObjectHas(qemuCaps *caps, const char *typename, const char *arg, int depth)
{
    JsonObject *ent = g_hash_table_lookup(caps->schema, typename);
    JsonArray *members;
    JsonArray *variants;

    if (!ent || depth > 4)
        return false;
    if ((members = capsArr(ent, "members"))) {
        for (guint i = 0; i < json_array_get_length(members); i++) {
            if (g_strcmp0(capsStr(capsElemObj(members, i), "name"), arg) == 0)
                return true;
        }
    }
    if ((variants = capsArr(ent, "variants"))) {
        for (guint i = 0; i < json_array_get_length(variants); i++) {
            const char *t = capsStr(capsElemObj(variants, i), "type");

            if (t && qemuCapsSchemaObjectHas(caps, t, arg, depth + 1))
                return true;
        }
    }
    return false;
}

bool
qemuCapsCommandHasArg(qemuCaps *caps,
                      const char *command,
                      const char *arg)
{
    JsonObject *cmd = g_hash_table_lookup(caps->schema, command);
    const char *argtype;

    if (!cmd || g_strcmp0(capsStr(cmd, "meta-type"), "command") != 0 ||
        !(argtype = capsStr(cmd, "arg-type")))
        return false;
    return qemuCapsSchemaObjectHas(caps, argtype, arg, 0);
}

char **
qemuCapsSchemaMemberEnum(qemuCaps *caps,
                         const char *command,
                         const char *which,
                         const char *member)
{
    JsonObject *cmd;
    JsonObject *obj;
    JsonObject *en;
    JsonArray *members;
    JsonArray *values;
    const char *type = NULL;
    GPtrArray *out;

    if (!(cmd = g_hash_table_lookup(caps->schema, command)) ||
        !capsStr(cmd, which) ||
        !(obj = g_hash_table_lookup(caps->schema, capsStr(cmd, which))) ||
        !(members = capsArr(obj, "members")))
        return NULL;
    for (guint i = 0; i < json_array_get_length(members); i++) {
        JsonObject *m = capsElemObj(members, i);

        if (g_strcmp0(capsStr(m, "name"), member) == 0)
            type = capsStr(m, "type");
    }
    if (!type || !(en = g_hash_table_lookup(caps->schema, type)) ||
        !(values = capsArr(en, "values")))
        return NULL;

    out = g_ptr_array_new();
    for (guint i = 0; i < json_array_get_length(values); i++) {
        JsonNode *v = json_array_get_element(values, i);

        if (json_node_get_value_type(v) == G_TYPE_STRING)
            g_ptr_array_add(out, g_strdup(json_node_get_string(v)));
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}


/* ------------------------------------------------------------------ */
/* Host capabilities XML: the <guest> element                         */

static void
qemuCapsFormatMachine(GString *buf, const qemuCapsMachine *m)
{
    g_autofree char *name = g_markup_escape_text(m->name, -1);

    g_string_append_printf(buf, "      <machine maxCpus='%d'%s>%s</machine>\n",
                           m->max_cpus, m->deprecated ? " deprecated='yes'" : "", name);
    if (m->alias) {
        g_autofree char *alias = g_markup_escape_text(m->alias, -1);

        g_string_append_printf(buf,
                               "      <machine canonical='%s' maxCpus='%d'%s>%s</machine>\n",
                               name, m->max_cpus,
                               m->deprecated ? " deprecated='yes'" : "", alias);
    }
}

static bool
qemuCapsArchIsX86(const char *virarch)
{
    return g_str_equal(virarch, "x86_64") || g_str_equal(virarch, "i686");
}

void
qemuCapsFormatGuest(qemuCaps *caps,
                    GString *buf)
{
    g_autofree char *emulator = g_markup_escape_text(caps->binary, -1);
    const qemuCapsMachine *def = NULL;

    g_string_append(buf, "  <guest>\n");
    g_string_append(buf, "    <os_type>hvm</os_type>\n");
    g_string_append_printf(buf, "    <arch name='%s'>\n", caps->virarch);
    g_string_append_printf(buf, "      <wordsize>%d</wordsize>\n",
                           qemuCapsArchWordsize(caps->virarch));
    g_string_append_printf(buf, "      <emulator>%s</emulator>\n", emulator);

    /* the default machine first, then QEMU's order */
    if (caps->default_machine && (def = qemuCapsGetMachine(caps, caps->default_machine)))
        qemuCapsFormatMachine(buf, def);
    for (guint i = 0; i < caps->machines->len; i++) {
        const qemuCapsMachine *m = &g_array_index(caps->machines, qemuCapsMachine, i);

        if (m != def)
            qemuCapsFormatMachine(buf, m);
    }

    g_string_append(buf, "      <domain type='qemu'/>\n");
    if (qemuCapsKVMUsable(caps))
        g_string_append(buf, "      <domain type='kvm'/>\n");
    g_string_append(buf, "    </arch>\n");

    g_string_append(buf, "    <features>\n");
    if (g_str_equal(caps->virarch, "i686")) {
        g_string_append(buf, "      <pae/>\n");
        g_string_append(buf, "      <nonpae/>\n");
    }
    if (qemuCapsArchIsX86(caps->virarch) || g_str_equal(caps->virarch, "aarch64"))
        g_string_append(buf, "      <acpi default='on' toggle='yes'/>\n");
    if (qemuCapsArchIsX86(caps->virarch))
        g_string_append(buf, "      <apic default='on' toggle='no'/>\n");
    g_string_append(buf, "      <cpuselection/>\n");
    g_string_append(buf, "      <deviceboot/>\n");
    g_string_append(buf, "      <disksnapshot default='on' toggle='no'/>\n");
    g_string_append(buf, "    </features>\n");
    g_string_append(buf, "  </guest>\n");
}


/* ------------------------------------------------------------------ */
/* Domain capabilities XML                                            */

/* Firmware descriptors (the QEMU firmware.json format): the files of the
 * system and local folders, a local file hiding a system one of the same
 * name, read in name order (the names carry the priority). */
static GPtrArray *
qemuCapsFirmwareDescriptors(void)
{
    static const char *const dirs[] = {
        "/usr/share/qemu/firmware",
        "/etc/qemu/firmware",
    };
    g_autoptr(GHashTable) byname = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                         g_free, g_free);
    g_autoptr(GList) names = NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)json_node_unref);

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autoptr(GDir) dir = g_dir_open(dirs[i], 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            if (g_str_has_suffix(name, ".json"))
                g_hash_table_insert(byname, g_strdup(name),
                                    g_build_filename(dirs[i], name, NULL));
        }
    }

    names = g_list_sort(g_hash_table_get_keys(byname), (GCompareFunc)strcmp);
    for (GList *l = names; l; l = l->next) {
        g_autoptr(JsonParser) parser = json_parser_new();
        const char *path = g_hash_table_lookup(byname, l->data);
        JsonNode *root;

        if (!json_parser_load_from_file(parser, path, NULL) ||
            !(root = json_parser_get_root(parser)) || !JSON_NODE_HOLDS_OBJECT(root)) {
            VIR_WARN("ignoring unreadable firmware descriptor '%s'", path);
            continue;
        }
        g_ptr_array_add(out, json_node_ref(root));
    }
    return out;
}

static bool
qemuCapsStrvHas(JsonArray *arr, const char *value)
{
    for (guint i = 0; arr && i < json_array_get_length(arr); i++) {
        JsonNode *n = json_array_get_element(arr, i);

        if (json_node_get_value_type(n) == G_TYPE_STRING &&
            g_str_equal(json_node_get_string(n), value))
            return true;
    }
    return false;
}

/* Whether descriptor FW is UEFI flash firmware for ARCH and MACHINE. */
static bool
qemuCapsFirmwareMatches(JsonObject *fw, const char *arch, const char *machine)
{
    JsonArray *targets = capsArr(fw, "targets");
    JsonObject *mapping = capsObj(fw, "mapping");

    if (!qemuCapsStrvHas(capsArr(fw, "interface-types"), "uefi") ||
        g_strcmp0(capsStr(mapping, "device"), "flash") != 0 ||
        !capsStr(capsObj(mapping, "executable"), "filename"))
        return false;
    for (guint i = 0; targets && i < json_array_get_length(targets); i++) {
        JsonObject *t = capsElemObj(targets, i);
        JsonArray *machines = capsArr(t, "machines");

        if (g_strcmp0(capsStr(t, "architecture"), arch) != 0)
            continue;
        for (guint j = 0; machines && j < json_array_get_length(machines); j++) {
            JsonNode *n = json_array_get_element(machines, j);

            if (json_node_get_value_type(n) == G_TYPE_STRING &&
                fnmatch(json_node_get_string(n), machine, 0) == 0)
                return true;
        }
    }
    return false;
}

/* <enum name='NAME'> with the non-NULL VALUES. */
static void
qemuCapsFormatEnum(GString *buf, int indent, const char *name,
                   const char *const *values, size_t nvalues)
{
    size_t present = 0;

    for (size_t i = 0; i < nvalues; i++)
        present += values[i] != NULL;
    if (present == 0) {
        g_string_append_printf(buf, "%*s<enum name='%s'/>\n", indent, "", name);
        return;
    }
    g_string_append_printf(buf, "%*s<enum name='%s'>\n", indent, "", name);
    for (size_t i = 0; i < nvalues; i++) {
        g_autofree char *v = NULL;

        if (!values[i])
            continue;
        v = g_markup_escape_text(values[i], -1);
        g_string_append_printf(buf, "%*s  <value>%s</value>\n", indent, "", v);
    }
    g_string_append_printf(buf, "%*s</enum>\n", indent, "");
}

#define ENUM(buf, indent, name, ...) \
    do { \
        const char *const enum_values_[] = { __VA_ARGS__ }; \
        qemuCapsFormatEnum(buf, indent, name, enum_values_, G_N_ELEMENTS(enum_values_)); \
    } while (0)

/* VALUE when COND, else NULL (an absent enum value). */
#define IF(cond, value) ((cond) ? (value) : NULL)

static void
qemuCapsFormatDomainOS(GString *buf, qemuCaps *caps, const char *machine)
{
    g_autoptr(GPtrArray) fws = qemuCapsFirmwareDescriptors();
    g_autoptr(GPtrArray) loaders = g_ptr_array_new();
    bool secure_yes = false;
    bool secure_no = false;

    for (guint i = 0; i < fws->len; i++) {
        JsonObject *fw = json_node_get_object(fws->pdata[i]);
        const char *file;
        bool secure;

        if (!qemuCapsFirmwareMatches(fw, caps->arch, machine))
            continue;
        file = capsStr(capsObj(capsObj(fw, "mapping"), "executable"), "filename");
        secure = qemuCapsStrvHas(capsArr(fw, "features"), "secure-boot");
        /* Secure Boot firmware needs SMM, which only q35 offers */
        if (qemuCapsStrvHas(capsArr(fw, "features"), "requires-smm") &&
            !strstr(machine, "q35"))
            continue;
        if (secure)
            secure_yes = true;
        else
            secure_no = true;
        if (!g_ptr_array_find_with_equal_func(loaders, file, g_str_equal, NULL))
            g_ptr_array_add(loaders, (char *)file);
    }

    g_string_append(buf, "  <os supported='yes'>\n");
    ENUM(buf, 4, "firmware", IF(loaders->len > 0, "efi"));
    /* Without a descriptor for this machine libvirt offers its built-in
     * list of the usual UEFI builds for the architecture. */
    if (loaders->len == 0) {
        if (qemuCapsArchIsX86(caps->virarch)) {
            g_ptr_array_add(loaders, (char *)"/usr/share/OVMF/OVMF_CODE.fd");
            g_ptr_array_add(loaders, (char *)"/usr/share/OVMF/OVMF_CODE.secboot.fd");
        } else if (g_str_equal(caps->virarch, "aarch64")) {
            g_ptr_array_add(loaders, (char *)"/usr/share/AAVMF/AAVMF_CODE.fd");
        } else if (g_str_equal(caps->virarch, "armv7l")) {
            g_ptr_array_add(loaders, (char *)"/usr/share/AAVMF/AAVMF32_CODE.fd");
        }
    }
    g_string_append(buf, "    <loader supported='yes'>\n");
    for (guint i = 0; i < loaders->len; i++) {
        g_autofree char *v = g_markup_escape_text(loaders->pdata[i], -1);

        g_string_append_printf(buf, "      <value>%s</value>\n", v);
    }
    ENUM(buf, 6, "type", "rom", "pflash");
    ENUM(buf, 6, "readonly", "yes", "no");
    ENUM(buf, 6, "secure", IF(secure_yes, "yes"), IF(secure_no || !secure_yes, "no"));
    g_string_append(buf, "    </loader>\n");
    g_string_append(buf, "  </os>\n");
}

/* libvirt's vendor name of x86 model NAME, or NULL if libvirt does not
 * know the model. */
static const char *
qemuCapsX86ModelVendor(const char *name, bool *ret_known)
{
    for (size_t i = 0; virtkitX86Models[i].name; i++) {
        if (g_str_equal(virtkitX86Models[i].name, name)) {
            *ret_known = true;
            return virtkitX86Models[i].vendor ? virtkitX86Models[i].vendor : "unknown";
        }
    }
    *ret_known = false;
    return NULL;
}

/* A feature name as a key that QEMU's spellings share: "sse4.1",
 * "sse4_1" and "sse4-1" are one feature. */
static char *
qemuCapsFeatureKey(const char *name)
{
    char *key = g_ascii_strdown(name, -1);

    g_strdelimit(key, "._", '-');
    return key;
}

/* libvirt's vendor name of a CPUID vendor string. */
static const char *
qemuCapsCPUIDVendor(const char *cpuid)
{
    if (g_strcmp0(cpuid, "GenuineIntel") == 0)
        return "Intel";
    if (g_strcmp0(cpuid, "AuthenticAMD") == 0)
        return "AMD";
    if (g_strcmp0(cpuid, "HygonGenuine") == 0)
        return "Hygon";
    return NULL;
}

/* The host-model CPU mode: what QEMU's "max" CPU under TCG is, written as
 * the libvirt model needing the fewest changes plus those changes.  The
 * decoding is the CPU map's (virCPUBaselineXML of one CPU): the features
 * are given on top of cpu64-rhel5, a model that is never picked and
 * whose features every x86-64 CPU has, so they alone decide.  Under KVM
 * the host CPU would be asked for instead: not probed yet, so no mode. */
static bool
qemuCapsFormatHostModel(GString *buf, qemuCaps *caps, bool kvm)
{
    JsonObject *exp = qemuCapsReplyObject(caps, "query-cpu-model-expansion/max");
    JsonObject *props = capsObj(capsObj(exp, "model"), "props");
    g_autoptr(GHashTable) have = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GString) desc = g_string_new(NULL);
    g_autoptr(GList) names = NULL;
    g_autofree char *baseline = NULL;
    const char *vendor;
    xmlDocPtr doc;
    xmlNodePtr root;

    if (kvm || !props || !g_str_equal(caps->virarch, "x86_64") ||
        !(vendor = qemuCapsCPUIDVendor(capsStr(props, "vendor"))))
        return false;

    names = json_object_get_members(props);
    for (GList *l = names; l; l = l->next) {
        if (capsBool(props, l->data, false))
            g_hash_table_add(have, qemuCapsFeatureKey(l->data));
    }

    g_string_append_printf(desc, "<cpu><arch>x86_64</arch><model>cpu64-rhel5</model>"
                                 "<vendor>%s</vendor>", vendor);
    for (size_t i = 0; virtkitX86Features[i]; i++) {
        g_autofree char *key = qemuCapsFeatureKey(virtkitX86Features[i]);

        if (g_hash_table_contains(have, key))
            g_string_append_printf(desc, "<feature name='%s'/>", virtkitX86Features[i]);
    }
    g_string_append(desc, "</cpu>");

    {
        const char *descs[] = { desc->str };

        if (!(baseline = virCPUBaselineXML(descs, 1, false))) {
            VIR_WARN("no host-model CPU for '%s': %s", caps->binary,
                     virGetLastError() ? virGetLastError()->message : "");
            virResetLastError();
            return false;
        }
    }
    if (!(doc = xmlReadMemory(baseline, strlen(baseline), "baseline.xml", NULL, 0)))
        return false;
    root = xmlDocGetRootElement(doc);

    g_string_append(buf, "    <mode name='host-model' supported='yes'>\n");
    for (xmlNodePtr n = root->children; n; n = n->next) {
        g_autofree xmlChar *text = NULL;
        g_autofree xmlChar *policy = NULL;
        g_autofree xmlChar *name = NULL;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "model")) {
            text = xmlNodeGetContent(n);
            g_string_append_printf(buf, "      <model fallback='forbid'>%s</model>\n", text);
            g_string_append_printf(buf, "      <vendor>%s</vendor>\n", vendor);
        } else if (xmlStrEqual(n->name, BAD_CAST "feature")) {
            policy = xmlGetProp(n, BAD_CAST "policy");
            name = xmlGetProp(n, BAD_CAST "name");
            g_string_append_printf(buf, "      <feature policy='%s' name='%s'/>\n",
                                   policy ? (char *)policy : "require", name);
        }
    }
    g_string_append(buf, "    </mode>\n");
    xmlFreeDoc(doc);
    return true;
}

static void
qemuCapsFormatDomainCPU(GString *buf, qemuCaps *caps, bool kvm)
{
    bool x86 = qemuCapsArchIsX86(caps->virarch);
    bool has_max = false;

    for (guint i = 0; i < caps->cpus->len; i++)
        has_max |= g_str_equal(g_array_index(caps->cpus, qemuCapsCPUModel, i).name, "max");

    g_string_append(buf, "  <cpu>\n");
    g_string_append_printf(buf, "    <mode name='host-passthrough' supported='%s'",
                           kvm ? "yes" : "no");
    if (kvm) {
        g_string_append(buf, ">\n");
        ENUM(buf, 6, "hostPassthroughMigratable", "on", "off");
        g_string_append(buf, "    </mode>\n");
    } else {
        g_string_append(buf, "/>\n");
    }
    if (has_max) {
        g_string_append(buf, "    <mode name='maximum' supported='yes'>\n");
        ENUM(buf, 6, "maximumMigratable", "on", "off");
        g_string_append(buf, "    </mode>\n");
    } else {
        g_string_append(buf, "    <mode name='maximum' supported='no'/>\n");
    }
    if (!qemuCapsFormatHostModel(buf, caps, kvm))
        g_string_append(buf, "    <mode name='host-model' supported='no'/>\n");

    g_string_append(buf, "    <mode name='custom' supported='yes'>\n");
    for (guint i = 0; i < caps->cpus->len; i++) {
        const qemuCapsCPUModel *c = &g_array_index(caps->cpus, qemuCapsCPUModel, i);
        g_autofree char *name = g_markup_escape_text(c->name, -1);
        const char *vendor = NULL;
        bool known = !x86;

        /* libvirt lists only the models of its CPU map (not QEMU's
         * versioned names, "max", "host" or "base") */
        if (x86 && !(vendor = qemuCapsX86ModelVendor(c->name, &known)))
            continue;
        if (!known)
            continue;
        if (vendor)
            g_string_append_printf(buf, "      <model usable='%s' vendor='%s'>%s</model>\n",
                                   c->usable ? "yes" : "no", vendor, name);
        else
            g_string_append_printf(buf, "      <model usable='%s'>%s</model>\n",
                                   c->usable ? "yes" : "no", name);
    }
    g_string_append(buf, "    </mode>\n");
    g_string_append(buf, "  </cpu>\n");
}

static bool
qemuCapsStrvContains(char **strv, const char *value)
{
    return strv && g_strv_contains((const char *const *)strv, value);
}

/* Whether the host can give PCI devices to guests through VFIO. */
static bool
qemuCapsHostVFIO(void)
{
    g_autoptr(GDir) dir = g_dir_open("/sys/kernel/iommu_groups", 0, NULL);

    return dir && g_dir_read_name(dir) != NULL && g_file_test("/dev/vfio/vfio", G_FILE_TEST_EXISTS);
}

/* Whether MACHINE comes with an IDE controller of its own (libvirt
 * offers the ide bus only then). */
static bool
qemuCapsMachineHasBuiltinIDE(qemuCaps *caps, const char *machine)
{
    if (qemuCapsArchIsX86(caps->virarch))
        return g_str_has_prefix(machine, "pc-i440fx-") || g_str_equal(machine, "pc");
    return g_str_equal(machine, "malta") || g_str_equal(machine, "sun4u") ||
           g_str_equal(machine, "g3beige") || g_str_equal(machine, "mac99") ||
           g_str_equal(machine, "prep");
}

static void
qemuCapsFormatDomainDevices(GString *buf, qemuCaps *caps, const char *machine)
{
    g_auto(GStrv) displays = qemuCapsSchemaMemberEnum(caps, "query-display-options",
                                                      "ret-type", "type");
    bool spice = qemuCapsHasCommand(caps, "query-spice");
    bool transitional = qemuCapsHasDevice(caps, "virtio-blk-pci-transitional");
    bool vfio = qemuCapsHasDevice(caps, "vfio-pci") && qemuCapsHostVFIO();

    g_string_append(buf, "  <devices>\n");

    g_string_append(buf, "    <disk supported='yes'>\n");
    ENUM(buf, 6, "diskDevice", "disk", "cdrom",
         IF(qemuCapsHasDevice(caps, "isa-fdc"), "floppy"),
         IF(qemuCapsHasDevice(caps, "scsi-block"), "lun"));
    ENUM(buf, 6, "bus",
         IF(qemuCapsHasDevice(caps, "ide-hd") && qemuCapsMachineHasBuiltinIDE(caps, machine),
            "ide"),
         IF(qemuCapsHasDevice(caps, "isa-fdc"), "fdc"),
         IF(qemuCapsHasDevice(caps, "scsi-hd"), "scsi"),
         IF(qemuCapsHasDevice(caps, "virtio-blk-pci"), "virtio"),
         IF(qemuCapsHasDevice(caps, "usb-storage"), "usb"),
         IF(qemuCapsHasDevice(caps, "ich9-ahci"), "sata"));
    ENUM(buf, 6, "model", "virtio",
         IF(transitional, "virtio-transitional"),
         IF(transitional, "virtio-non-transitional"));
    g_string_append(buf, "    </disk>\n");

    g_string_append(buf, "    <graphics supported='yes'>\n");
    ENUM(buf, 6, "type",
         IF(qemuCapsStrvContains(displays, "sdl"), "sdl"),
         IF(qemuCapsHasCommand(caps, "query-vnc"), "vnc"),
         IF(spice, "spice"),
         IF(qemuCapsStrvContains(displays, "egl-headless"), "egl-headless"),
         IF(qemuCapsStrvContains(displays, "dbus"), "dbus"));
    g_string_append(buf, "    </graphics>\n");

    g_string_append(buf, "    <video supported='yes'>\n");
    ENUM(buf, 6, "modelType",
         IF(qemuCapsHasDevice(caps, "VGA"), "vga"),
         IF(qemuCapsHasDevice(caps, "cirrus-vga"), "cirrus"),
         IF(qemuCapsHasDevice(caps, "vmware-svga"), "vmvga"),
         IF(qemuCapsHasDevice(caps, "qxl-vga"), "qxl"),
         IF(qemuCapsHasDevice(caps, "virtio-gpu-pci") || qemuCapsHasDevice(caps, "virtio-vga"),
            "virtio"),
         "none",
         IF(qemuCapsHasDevice(caps, "bochs-display"), "bochs"),
         IF(qemuCapsHasDevice(caps, "ramfb"), "ramfb"));
    g_string_append(buf, "    </video>\n");

    g_string_append(buf, "    <hostdev supported='yes'>\n");
    ENUM(buf, 6, "mode", "subsystem");
    ENUM(buf, 6, "startupPolicy", "default", "mandatory", "requisite", "optional");
    ENUM(buf, 6, "subsysType", "usb", "pci", "scsi");
    ENUM(buf, 6, "capsType", NULL);
    ENUM(buf, 6, "pciBackend", IF(vfio, "vfio"));
    g_string_append(buf, "    </hostdev>\n");

    g_string_append(buf, "    <rng supported='yes'>\n");
    ENUM(buf, 6, "model", "virtio",
         IF(qemuCapsHasDevice(caps, "virtio-rng-pci-transitional"), "virtio-transitional"),
         IF(qemuCapsHasDevice(caps, "virtio-rng-pci-non-transitional"), "virtio-non-transitional"));
    ENUM(buf, 6, "backendModel",
         IF(qemuCapsHasType(caps, "rng-random"), "random"),
         IF(qemuCapsHasType(caps, "rng-egd"), "egd"),
         IF(qemuCapsHasType(caps, "rng-builtin"), "builtin"));
    g_string_append(buf, "    </rng>\n");

    g_string_append(buf, "    <filesystem supported='yes'>\n");
    ENUM(buf, 6, "driverType", "path", "handle",
         IF(qemuCapsHasDevice(caps, "vhost-user-fs-pci"), "virtiofs"));
    g_string_append(buf, "    </filesystem>\n");

    if (qemuCapsHasCommand(caps, "query-tpm-models")) {
        bool emulator = qemuCapsHasTPMType(caps, "emulator");

        g_string_append(buf, "    <tpm supported='yes'>\n");
        ENUM(buf, 6, "model",
             IF(qemuCapsHasTPMModel(caps, "tpm-tis"), "tpm-tis"),
             IF(qemuCapsHasTPMModel(caps, "tpm-crb"), "tpm-crb"),
             IF(qemuCapsHasTPMModel(caps, "tpm-spapr"), "tpm-spapr"));
        ENUM(buf, 6, "backendModel",
             IF(qemuCapsHasTPMType(caps, "passthrough"), "passthrough"),
             IF(emulator, "emulator"),
             IF(emulator, "external"));
        ENUM(buf, 6, "backendVersion", "1.2", "2.0");
        g_string_append(buf, "    </tpm>\n");
    } else {
        g_string_append(buf, "    <tpm supported='no'/>\n");
    }

    if (qemuCapsHasDevice(caps, "usb-redir")) {
        g_string_append(buf, "    <redirdev supported='yes'>\n");
        ENUM(buf, 6, "bus", "usb");
        g_string_append(buf, "    </redirdev>\n");
    } else {
        g_string_append(buf, "    <redirdev supported='no'/>\n");
    }

    g_string_append(buf, "    <channel supported='yes'>\n");
    ENUM(buf, 6, "type", "pty", "unix", IF(spice, "spicevmc"));
    g_string_append(buf, "    </channel>\n");

    g_string_append(buf, "  </devices>\n");
}

static void
qemuCapsFormatDomainFeatures(GString *buf, qemuCaps *caps)
{
    bool x86 = qemuCapsArchIsX86(caps->virarch);

    g_string_append(buf, "  <features>\n");
    g_string_append(buf, "    <gic supported='no'/>\n");
    g_string_append_printf(buf, "    <vmcoreinfo supported='%s'/>\n",
                           qemuCapsHasDevice(caps, "vmcoreinfo") ? "yes" : "no");
    g_string_append_printf(buf, "    <genid supported='%s'/>\n",
                           qemuCapsHasDevice(caps, "vmgenid") ? "yes" : "no");
    g_string_append_printf(buf, "    <backingStoreInput supported='%s'/>\n",
                           qemuCapsHasCommand(caps, "blockdev-add") ? "yes" : "no");
    g_string_append_printf(buf, "    <backup supported='%s'/>\n",
                           qemuCapsHasCommand(caps, "blockdev-backup") &&
                           qemuCapsCommandHasArg(caps, "block-dirty-bitmap-add", "persistent") ?
                           "yes" : "no");
    /* SEV and SGX need the host's firmware and KVM: never under TCG,
     * and not probed under KVM yet. */
    g_string_append(buf, "    <sev supported='no'/>\n");
    g_string_append(buf, "    <sgx supported='no'/>\n");
    if (x86) {
        g_string_append(buf, "    <hyperv supported='yes'>\n");
        ENUM(buf, 6, "features", "spinlocks", "vendor_id");
        g_string_append(buf, "    </hyperv>\n");
    } else {
        g_string_append(buf, "    <hyperv supported='no'/>\n");
    }
    g_string_append(buf, "  </features>\n");
}

char *
qemuCapsFormatDomainCaps(qemuCaps *caps,
                         const char *virttype,
                         const char *machine,
                         const char *arch)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *path = g_markup_escape_text(caps->binary, -1);
    const qemuCapsMachine *m;
    bool kvm;

    if (!virttype)
        virttype = qemuCapsKVMUsable(caps) ? "kvm" : "qemu";
    if (g_str_equal(virttype, "kvm")) {
        if (!qemuCapsKVMUsable(caps)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("the accel '%s' is not supported by '%s' on this host"),
                           virttype, caps->binary);
            return NULL;
        }
        kvm = true;
    } else if (g_str_equal(virttype, "qemu")) {
        kvm = false;
    } else {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unknown virttype: %s"), virttype);
        return NULL;
    }
    if (arch && !g_str_equal(arch, caps->virarch)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("architecture from emulator '%s' doesn't match given architecture '%s'"),
                       caps->virarch, arch);
        return NULL;
    }
    if (!machine)
        machine = caps->default_machine;
    if (!machine || !(m = qemuCapsGetMachine(caps, machine))) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("the machine '%s' is not supported by emulator '%s'"),
                       machine ? machine : "(null)", caps->binary);
        return NULL;
    }

    g_string_append(buf, "<domainCapabilities>\n");
    g_string_append_printf(buf, "  <path>%s</path>\n", path);
    g_string_append_printf(buf, "  <domain>%s</domain>\n", virttype);
    g_string_append_printf(buf, "  <machine>%s</machine>\n", m->name);
    g_string_append_printf(buf, "  <arch>%s</arch>\n", caps->virarch);
    g_string_append_printf(buf, "  <vcpu max='%d'/>\n", m->max_cpus);
    g_string_append_printf(buf, "  <iothreads supported='%s'/>\n",
                           qemuCapsHasType(caps, "iothread") ? "yes" : "no");
    qemuCapsFormatDomainOS(buf, caps, m->name);
    qemuCapsFormatDomainCPU(buf, caps, kvm);

    g_string_append(buf, "  <memoryBacking supported='yes'>\n");
    ENUM(buf, 4, "sourceType",
         IF(qemuCapsHasType(caps, "memory-backend-file"), "file"),
         "anonymous",
         IF(qemuCapsHasType(caps, "memory-backend-memfd"), "memfd"));
    g_string_append(buf, "  </memoryBacking>\n");

    qemuCapsFormatDomainDevices(buf, caps, m->name);
    qemuCapsFormatDomainFeatures(buf, caps);
    g_string_append(buf, "</domainCapabilities>\n");

    return g_string_free(g_steal_pointer(&buf), FALSE);
}
