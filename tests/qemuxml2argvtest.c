/*
 * qemuxml2argvtest.c: golden-file tests of the QEMU driver's definition
 * defaults and command line
 *
 * tests/qemuxml2argv/NAME.xml: parse, build the argv with a fixed context
 * (see testContext) and compare it, one argument per line, with
 * NAME.args.  fail-NAME.xml must fail (in the parser or the builder) with
 * the error in fail-NAME.err ("VIR_ERR_CODE: message").
 *
 * tests/qemudefaults/NAME.xml: parse, apply qemuDomainDefAddDefaults()
 * with the QEMU 7.2 facts and compare the inactive XML with NAME.out.xml
 * (recorded from libvirt's embedded QEMU driver, see the README there).
 *
 * VIRTKIT_TEST_REGENERATE=1 rewrites the expected files instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "domain_conf.h"
#include "qemu_command.h"
#include "qemu_domain_defaults.h"

static const struct {
    int code;
    const char *name;
} errorNames[] = {
    { VIR_ERR_INTERNAL_ERROR, "VIR_ERR_INTERNAL_ERROR" },
    { VIR_ERR_INVALID_ARG, "VIR_ERR_INVALID_ARG" },
    { VIR_ERR_XML_ERROR, "VIR_ERR_XML_ERROR" },
    { VIR_ERR_XML_DETAIL, "VIR_ERR_XML_DETAIL" },
    { VIR_ERR_CONFIG_UNSUPPORTED, "VIR_ERR_CONFIG_UNSUPPORTED" },
    { VIR_ERR_OPERATION_INVALID, "VIR_ERR_OPERATION_INVALID" },
};

static char *
errorString(void)
{
    virErrorPtr err = virGetLastError();
    const char *name = NULL;
    size_t i;

    if (!err)
        return g_strdup("(no error reported)\n");
    for (i = 0; i < G_N_ELEMENTS(errorNames); i++) {
        if (errorNames[i].code == err->code)
            name = errorNames[i].name;
    }
    if (name)
        return g_strdup_printf("%s: %s\n", name, err->message ? err->message : "");
    return g_strdup_printf("VIR_ERR_%d: %s\n", err->code,
                           err->message ? err->message : "");
}

/* Print the first line where A and B differ. */
static void
printFirstDifference(const char *a, const char *b)
{
    g_auto(GStrv) la = g_strsplit(a, "\n", -1);
    g_auto(GStrv) lb = g_strsplit(b, "\n", -1);
    size_t i;

    for (i = 0; la[i] && lb[i]; i++) {
        if (strcmp(la[i], lb[i]) != 0)
            break;
    }
    fprintf(stderr, "  line %zu:\n  - %s\n  + %s\n", i + 1,
            la[i] ? la[i] : "(end)", lb[i] ? lb[i] : "(end)");
}

static bool
checkOutput(const char *expectedPath, const char *actual, bool regenerate)
{
    g_autofree char *expected = NULL;

    if (regenerate)
        return g_file_set_contents(expectedPath, actual, -1, NULL);
    if (!g_file_get_contents(expectedPath, &expected, NULL, NULL)) {
        fprintf(stderr, "  cannot read %s\n", expectedPath);
        return false;
    }
    if (strcmp(expected, actual) != 0) {
        fprintf(stderr, "  %s differs:\n", expectedPath);
        printFirstDifference(expected, actual);
        return false;
    }
    return true;
}

/* The context every case is built with.  Interfaces that reach QEMU
 * through a tap get the inherited fd 40+i, except an ethernet interface
 * with a <target dev=> (QEMU opens that tap by name).  Cases named kvm-*
 * may use KVM. */
typedef struct {
    qemuCommandNetTap taps[16];
    qemuCommandContext ctx;
    char *monitor;
} testContext;

static void
testContextInit(testContext *t, const char *name, const virDomainDef *def)
{
    size_t i;

    memset(t, 0, sizeof(*t));
    t->monitor = g_strdup_printf("/var/lib/virtkit/qemu/domain-%s/monitor.sock",
                                 def->name);
    for (i = 0; i < def->nnets && i < G_N_ELEMENTS(t->taps); i++) {
        const virDomainNetDef *net = def->nets[i];

        t->taps[i].fd = 40 + (int)i;
        if (net->type == VIR_DOMAIN_NET_TYPE_ETHERNET && net->ifname)
            t->taps[i].fd = -1;
    }
    t->ctx.emulator = "/usr/bin/qemu-system-x86_64";
    t->ctx.monitorPath = t->monitor;
    t->ctx.taps = t->taps;
    t->ctx.ntaps = MIN(def->nnets, G_N_ELEMENTS(t->taps));
    t->ctx.vncPort = 5901;
    t->ctx.vncWebsocketPort = 5701;
    t->ctx.kvmUsable = g_str_has_prefix(name, "kvm-");
}

/* Parse and build; NULL with the error left in place on failure. */
static char *
buildArgs(const char *name, const char *input)
{
    g_autoptr(virDomainDef) def = NULL;
    g_auto(GStrv) argv = NULL;
    testContext t;
    GString *out;
    size_t i;

    if (!(def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    testContextInit(&t, name, def);
    argv = qemuBuildCommandLine(def, &t.ctx);
    g_free(t.monitor);
    if (!argv)
        return NULL;
    out = g_string_new(NULL);
    for (i = 0; argv[i]; i++)
        g_string_append_printf(out, "%s\n", argv[i]);
    return g_string_free(out, FALSE);
}

static bool
runArgvCase(const char *dir, const char *name, bool regenerate)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outPath = g_strdup_printf("%s/%s.args", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *again = NULL;

    if (!g_file_get_contents(inPath, &input, NULL, NULL))
        return false;
    if (!(actual = buildArgs(name, input))) {
        g_autofree char *err = errorString();
        fprintf(stderr, "  unexpected failure: %s", err);
        return false;
    }

    /* a definition completed at define time gives the same argv */
    {
        g_autoptr(virDomainDef) def =
            virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE);
        g_autofree char *xml = NULL;

        if (!def ||
            qemuDomainDefAddDefaults(def, &qemuDomainDefaultsQEMU72) < 0 ||
            !(xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                       VIR_DOMAIN_DEF_FORMAT_SECURE)) ||
            !(again = buildArgs(name, xml))) {
            g_autofree char *err = errorString();
            fprintf(stderr, "  defaults then argv failed: %s", err);
            return false;
        }
        if (strcmp(again, actual) != 0) {
            fprintf(stderr, "  argv differs after the defaults:\n");
            printFirstDifference(actual, again);
            return false;
        }
    }
    return checkOutput(outPath, actual, regenerate);
}

static bool
runArgvFailCase(const char *dir, const char *name, bool regenerate)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *args = NULL;

    if (!g_file_get_contents(inPath, &input, NULL, NULL))
        return false;
    if ((args = buildArgs(name + strlen("fail-"), input))) {
        fprintf(stderr, "  building succeeded but should have failed\n");
        return false;
    }
    actual = errorString();
    return checkOutput(errPath, actual, regenerate);
}

static bool
runDefaultsCase(const char *dir, const char *name, bool regenerate)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *twice = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) redo = NULL;

    if (!g_file_get_contents(inPath, &input, NULL, NULL))
        return false;
    if (!(def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        qemuDomainDefAddDefaults(def, &qemuDomainDefaultsQEMU72) < 0 ||
        !(actual = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE))) {
        g_autofree char *err = errorString();
        fprintf(stderr, "  unexpected failure: %s", err);
        return false;
    }
    /* the defaults of a completed definition change nothing */
    if (!(redo = virDomainDefParseString(actual, VIR_DOMAIN_DEF_PARSE_INACTIVE)) ||
        qemuDomainDefAddDefaults(redo, &qemuDomainDefaultsQEMU72) < 0 ||
        !(twice = virDomainDefFormat(redo, VIR_DOMAIN_DEF_FORMAT_INACTIVE)) ||
        strcmp(twice, actual) != 0) {
        fprintf(stderr, "  defaults are not stable:\n%s", twice ? twice : "");
        return false;
    }
    return checkOutput(outPath, actual, regenerate);
}

/* Aliases are what the argv uses as ids; check a few by hand. */
static bool
runAliasCase(void)
{
    static const char *doc =
        "<domain type='qemu'><name>al</name><memory>131072</memory>"
        "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices>"
        "<disk type='file' device='disk'><source file='/a'/><target dev='vdb' bus='virtio'/></disk>"
        "<disk type='file' device='cdrom'><target dev='sdc' bus='sata'/></disk>"
        "<interface type='user'/><serial type='pty'/>"
        "</devices></domain>";
    g_autoptr(virDomainDef) def = virDomainDefParseString(doc, VIR_DOMAIN_DEF_PARSE_INACTIVE);

    if (!def || qemuDomainDefAddDefaults(def, &qemuDomainDefaultsQEMU72) < 0)
        return false;
    qemuDomainAssignAliases(def);
    return g_strcmp0(def->disks[0]->info.alias, "virtio-disk1") == 0 &&
        g_strcmp0(def->disks[1]->info.alias, "sata0-0-2") == 0 &&
        g_strcmp0(def->nets[0]->info.alias, "net0") == 0 &&
        g_strcmp0(def->serials[0]->info.alias, "serial0") == 0 &&
        g_strcmp0(def->consoles[0]->info.alias, "serial0") == 0 &&
        g_strcmp0(def->memballoon->info.alias, "balloon0") == 0;
}

/* What the context carries: a pidfile, a missing tap, a missing VNC port,
 * a missing monitor path. */
static bool
runContextCase(void)
{
    static const char *doc =
        "<domain type='qemu'><name>ctx</name><memory>131072</memory>"
        "<os><type arch='x86_64'>hvm</type></os><devices>"
        "<interface type='bridge'><source bridge='br0'/></interface>"
        "<graphics type='vnc'/></devices></domain>";
    g_autoptr(virDomainDef) def = virDomainDefParseString(doc, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    qemuCommandNetTap tap = { .fd = -1, .ifname = "vnet7" };
    qemuCommandContext ctx = {
        .monitorPath = "/tmp/m.sock",
        .pidfile = "/tmp/ctx.pid",
        .taps = &tap,
        .ntaps = 1,
        .vncPort = 5999,
        .vncWebsocketPort = -1,
    };
    g_auto(GStrv) argv = NULL;
    g_autofree char *joined = NULL;
    virErrorPtr err;

    if (!def || !(argv = qemuBuildCommandLine(def, &ctx)))
        return false;
    joined = g_strjoinv(" ", argv);
    if (strcmp(argv[0], "/usr/bin/qemu-system-x86_64") != 0 ||
        !strstr(joined, " -pidfile /tmp/ctx.pid ") ||
        !strstr(joined, "\"ifname\":\"vnet7\"") ||
        !strstr(joined, " -vnc 127.0.0.1:99,")) {
        fprintf(stderr, "  unexpected argv: %s\n", joined);
        return false;
    }

    ctx.ntaps = 0;
    if (qemuBuildCommandLine(def, &ctx) ||
        !(err = virGetLastError()) || err->code != VIR_ERR_INTERNAL_ERROR ||
        err->domain != VIR_FROM_QEMU)
        return false;
    ctx.ntaps = 1;
    ctx.vncPort = -1;
    if (qemuBuildCommandLine(def, &ctx) ||
        !(err = virGetLastError()) || err->code != VIR_ERR_INTERNAL_ERROR)
        return false;
    ctx.vncPort = 5999;
    ctx.monitorPath = NULL;
    if (qemuBuildCommandLine(def, &ctx) ||
        !(err = virGetLastError()) || err->code != VIR_ERR_INTERNAL_ERROR)
        return false;
    return true;
}

static gint
compareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *
listCases(const char *dir)
{
    g_autoptr(GDir) d = NULL;
    g_autoptr(GError) error = NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *entry;

    if (!(d = g_dir_open(dir, 0, &error))) {
        fprintf(stderr, "cannot open %s: %s\n", dir, error->message);
        return names;
    }
    while ((entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".xml") && !g_str_has_suffix(entry, ".out.xml"))
            g_ptr_array_add(names, g_strndup(entry, strlen(entry) - 4));
    }
    g_ptr_array_sort(names, compareNames);
    return names;
}

int
main(int argc, char **argv)
{
    const char *argvDir = argc > 1 ? argv[1] : "qemuxml2argv";
    const char *defaultsDir = argc > 2 ? argv[2] : "qemudefaults";
    bool regenerate = g_strcmp0(g_getenv("VIRTKIT_TEST_REGENERATE"), "1") == 0;
    g_autoptr(GPtrArray) argvCases = listCases(argvDir);
    g_autoptr(GPtrArray) defaultsCases = listCases(defaultsDir);
    size_t passed = 0;
    size_t failed = 0;
    size_t i;

#define REPORT(ok, kind, name) \
    do { \
        printf("%s %s %s\n", (ok) ? "PASS" : "FAIL", kind, name); \
        if (ok) \
            passed++; \
        else \
            failed++; \
    } while (0)

    if (argvCases->len == 0 || defaultsCases->len == 0)
        failed++;
    for (i = 0; i < argvCases->len; i++) {
        const char *name = argvCases->pdata[i];
        bool ok = g_str_has_prefix(name, "fail-") ?
            runArgvFailCase(argvDir, name, regenerate) :
            runArgvCase(argvDir, name, regenerate);
        REPORT(ok, "argv", name);
    }
    for (i = 0; i < defaultsCases->len; i++) {
        const char *name = defaultsCases->pdata[i];
        REPORT(runDefaultsCase(defaultsDir, name, regenerate), "defaults", name);
    }
    REPORT(runAliasCase(), "unit", "aliases");
    REPORT(runContextCase(), "unit", "context");

    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
