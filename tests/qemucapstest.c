/*
 * qemucapstest.c: probing the installed QEMU binary, the capabilities
 * caches, and the capabilities XML against libvirt's for the same binary
 *
 * The cache cases count probes (qemuCapsGetProbeCount) rather than time
 * them: a lookup served from memory or disk starts no QEMU at all.  A
 * second process (this program run with "--lookup CACHEDIR") proves the
 * disk cache serves other processes.  Invalidation runs on a copy of the
 * binary in the test's temporary folder, whose mtime the test changes.
 *
 * The XML cases run libvirt's own QEMU driver in-process (`virsh -c
 * qemu:///embed?root=...`) on the same binary when virsh is installed,
 * and compare: the <guest> element of the host capabilities exactly, the
 * domain capabilities element by element (the host-model CPU apart: its
 * model and vendor must be libvirt's and its features among libvirt's; two
 * of libvirt's disabled features are not derived yet).
 *
 * "--dump" prints virtkit's XML for the installed binary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "qemu_capabilities.h"
#include "vircommand.h"
#include "virerror.h"
#include "testqemuutil.h"

#define QEMU_BIN "/usr/bin/qemu-system-x86_64"
#define VIRSH "/usr/bin/virsh"

static char *tmpdir;
static char *moduledir;

/* Run ARGV, return its standard output (NULL if it failed). */
static char *
runCapture(const char *const *argv, int *ret_status)
{
    g_autofree char *out = g_build_filename(tmpdir, "run.out", NULL);
    char *text = NULL;
    int status = -1;
    pid_t pid;
    int fd;

    if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
        return NULL;
    if (virCommandSpawn(argv, fd, -1, NULL, 0, 0, &pid) < 0) {
        close(fd);
        return NULL;
    }
    close(fd);
    if (virCommandWaitPid(pid, 120000, &status) != 1)
        virCommandKillPid(pid, 1000);
    if (ret_status)
        *ret_status = status;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return NULL;
    g_file_get_contents(out, &text, NULL, NULL);
    unlink(out);
    return text;
}


/* ------------------------------------------------------------------ */
/* Probe and caches                                                   */

static void
testProbe(void)
{
    g_autofree char *cachedir = g_build_filename(tmpdir, "cache", NULL);
    g_autoptr(qemuCaps) caps = NULL;
    g_autoptr(qemuCaps) again = NULL;
    g_autoptr(qemuCaps) fromdisk = NULL;
    const qemuCapsMachine *m;
    unsigned int probes = qemuCapsGetProbeCount();
    size_t n = 0;

    caps = qemuCapsCacheLookup(QEMU_BIN, cachedir);
    check(caps != NULL, "probe of %s: %s", QEMU_BIN, caps ? "done" : lastMessage());
    if (!caps)
        return;
    check(qemuCapsGetProbeCount() == probes + 1, "the first lookup probes once");
    check(qemuCapsGetVersion(caps) >= 7000000 && qemuCapsGetVersion(caps) < 100000000,
          "version %llu", qemuCapsGetVersion(caps));
    check(g_str_equal(qemuCapsGetArch(caps), "x86_64") &&
          g_str_equal(qemuCapsGetVirArch(caps), "x86_64"), "arch x86_64");
    check(g_str_has_prefix(qemuCapsGetDefaultMachine(caps), "pc-i440fx-"),
          "default machine %s", qemuCapsGetDefaultMachine(caps));
    qemuCapsGetMachines(caps, &n);
    check(n > 10, "%zu machines", n);
    m = qemuCapsGetMachine(caps, "q35");
    check(m && g_str_has_prefix(m->name, "pc-q35-") && m->max_cpus == 288,
          "alias q35 -> %s, max %d", m ? m->name : "none", m ? m->max_cpus : 0);
    check(!qemuCapsGetMachine(caps, "none"), "machine 'none' is left out");
    qemuCapsGetCPUModels(caps, &n);
    check(n > 20, "%zu CPU models", n);

    check(qemuCapsHasCommand(caps, "blockdev-add") && qemuCapsHasCommand(caps, "query-cpus-fast") &&
          !qemuCapsHasCommand(caps, "no-such-command"), "commands from query-commands");
    check(qemuCapsCommandHasArg(caps, "migrate", "uri") &&
          qemuCapsCommandHasArg(caps, "getfd", "fdname") &&
          !qemuCapsCommandHasArg(caps, "migrate", "no-such-arg") &&
          !qemuCapsCommandHasArg(caps, "no-such-command", "uri"),
          "arguments from the QMP schema");
    check(qemuCapsCommandHasArg(caps, "blockdev-add", "filename") &&
          qemuCapsCommandHasArg(caps, "blockdev-add", "node-name"),
          "union variants' arguments (blockdev-add file's filename)");
    check(qemuCapsHasEvent(caps, "SHUTDOWN") && qemuCapsHasEvent(caps, "MIGRATION") &&
          !qemuCapsHasEvent(caps, "query-status"), "events from the QMP schema");
    check(qemuCapsHasDevice(caps, "virtio-blk-pci") && qemuCapsHasDevice(caps, "VGA") &&
          !qemuCapsHasDevice(caps, "iothread") && qemuCapsHasType(caps, "iothread"),
          "devices and other QOM types told apart");
    check(qemuCapsHasTPMModel(caps, "tpm-tis") && qemuCapsHasTPMType(caps, "emulator"),
          "TPM models and types");
    {
        g_auto(GStrv) displays = qemuCapsSchemaMemberEnum(caps, "query-display-options",
                                                          "ret-type", "type");

        check(displays && g_strv_contains((const char *const *)displays, "none") &&
              g_strv_contains((const char *const *)displays, "egl-headless"),
              "display types from the schema's enum");
    }

    again = qemuCapsCacheLookup(QEMU_BIN, cachedir);
    check(again == caps && qemuCapsGetProbeCount() == probes + 1,
          "a second lookup is served from memory (no probe)");

    qemuCapsCacheClear();
    fromdisk = qemuCapsCacheLookup(QEMU_BIN, cachedir);
    check(fromdisk && fromdisk != caps && qemuCapsGetProbeCount() == probes + 1,
          "after clearing memory, the disk cache serves it (no probe)");
    if (fromdisk) {
        g_autofree char *a = qemuCapsFormatDomainCaps(caps, "qemu", NULL, NULL);
        g_autofree char *b = qemuCapsFormatDomainCaps(fromdisk, "qemu", NULL, NULL);
        g_autoptr(GString) ga = g_string_new(NULL);
        g_autoptr(GString) gb = g_string_new(NULL);

        qemuCapsFormatGuest(caps, ga);
        qemuCapsFormatGuest(fromdisk, gb);
        check(g_strcmp0(a, b) == 0 && g_str_equal(ga->str, gb->str),
              "the cached entry formats the same XML as the probe");
    }

    /* another process finds the entry on disk */
    {
        const char *const argv[] = { "/proc/self/exe", "--lookup", cachedir, QEMU_BIN, NULL };
        g_autofree char *out = runCapture(argv, NULL);

        check(out && g_str_equal(g_strstrip(out), "probes=0"),
              "a second process uses the disk cache: %s", out ? out : "(failed)");
    }
}

static void
setMtime(const char *path, time_t when)
{
    struct timespec times[2] = { { when, 0 }, { when, 0 } };

    utimensat(AT_FDCWD, path, times, 0);
}

static void
testInvalidation(void)
{
    g_autofree char *cachedir = g_build_filename(tmpdir, "cache2", NULL);
    g_autofree char *copy = g_build_filename(tmpdir, "qemu-copy", NULL);
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GFile) src = g_file_new_for_path(QEMU_BIN);
    g_autoptr(GFile) dst = g_file_new_for_path(copy);
    qemuCaps *caps;
    unsigned int probes;

    if (!g_file_copy(src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &gerr)) {
        check(false, "copy the binary: %s", gerr->message);
        return;
    }
    chmod(copy, 0755);
    setMtime(copy, 1000000000);


    probes = qemuCapsGetProbeCount();
    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 1 &&
          g_str_equal(qemuCapsGetBinary(caps), copy),
          "a copy of the binary is probed on its own: %s", caps ? copy : lastMessage());
    qemuCapsUnref(caps);

    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 1, "and then served from memory");
    qemuCapsUnref(caps);

    setMtime(copy, 1100000000);
    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 2,
          "a new mtime makes the memory entry outdated: probed again");
    qemuCapsUnref(caps);

    qemuCapsCacheClear();
    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 2,
          "the disk entry written by the re-probe is current");
    qemuCapsUnref(caps);

    qemuCapsCacheClear();
    setMtime(copy, 1200000000);
    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 3,
          "a new mtime makes the disk entry outdated: probed again");
    qemuCapsUnref(caps);

    /* a change in the module folder (a module installed or removed) */
    if (moduledir) {
        g_autofree char *extra = g_build_filename(moduledir, "unrelated-file", NULL);

        qemuCapsCacheClear();
        g_file_set_contents(extra, "", 0, NULL);
        setMtime(moduledir, 1300000000);
        caps = qemuCapsCacheLookup(copy, cachedir);
        check(caps && qemuCapsGetProbeCount() == probes + 4,
              "a change in QEMU's module folder makes the entry outdated");
        qemuCapsUnref(caps);
        probes++;
    }

    /* a damaged file is probed over, not an error */
    {
        g_autoptr(GDir) dir = g_dir_open(cachedir, 0, NULL);
        const char *name;
        int files = 0;

        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *path = g_build_filename(cachedir, name, NULL);

            g_file_set_contents(path, "{ not json", -1, NULL);
            files++;
        }
        check(files == 1, "one cache file per binary (%d)", files);
    }
    qemuCapsCacheClear();
    caps = qemuCapsCacheLookup(copy, cachedir);
    check(caps && qemuCapsGetProbeCount() == probes + 4,
          "a damaged cache file is probed over");
    qemuCapsUnref(caps);
    qemuCapsCacheClear();
    unlink(copy);
}

static void
testProbeFailures(void)
{
    g_autofree char *missing = g_build_filename(tmpdir, "no-such-qemu", NULL);
    qemuCaps *caps;

    caps = qemuCapsCacheLookup(missing, NULL);
    check(!caps && strstr(lastMessage(), "no-such-qemu"),
          "a missing binary: %s", lastMessage());

    caps = qemuCapsProbe("/bin/false");
    check(!caps && virGetLastError() && virGetLastError()->code == VIR_ERR_OPERATION_FAILED,
          "a binary that exits at once: %s", lastMessage());
    qemuCapsUnref(caps);
}


/* ------------------------------------------------------------------ */
/* XML against libvirt                                                */

static char *libvirtCaps;
static char *libvirtRoot;

/* libvirt's capabilities XML for this host, from an embedded driver. */
static bool
loadLibvirt(void)
{
    g_autofree char *uri = NULL;

    if (libvirtCaps)
        return true;
    if (access(VIRSH, X_OK) < 0)
        return false;
    libvirtRoot = g_build_filename(tmpdir, "libvirt-root", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", libvirtRoot);
    {
        const char *const argv[] = { VIRSH, "-q", "-c", uri, "capabilities", NULL };

        libvirtCaps = runCapture(argv, NULL);
    }
    return libvirtCaps != NULL;
}

/* Whether libvirt's answers are there to compare with: virsh missing is a
 * skip (said so), virsh failing is a failed check. */
static bool
libvirtAvailable(void)
{
    if (access(VIRSH, X_OK) < 0) {
        printf("SKIP - libvirt's virsh is not installed to compare with\n");
        return false;
    }
    check(loadLibvirt(), "libvirt's embedded QEMU driver gives its capabilities");
    return libvirtCaps != NULL;
}

/* libvirt's domain capabilities for MACHINE (NULL: the default). */
static char *
libvirtDomCaps(const char *machine)
{
    g_autofree char *uri = g_strdup_printf("qemu:///embed?root=%s", libvirtRoot);
    const char *const argv[] = {
        VIRSH, "-q", "-c", uri, "domcapabilities", "--emulatorbin", QEMU_BIN,
        "--virttype", "qemu", machine ? "--machine" : NULL, machine, NULL,
    };

    return runCapture(argv, NULL);
}

/* The <guest> element of CAPSXML whose arch is ARCH, as text. */
static char *
guestSection(const char *capsxml, const char *arch)
{
    g_autofree char *needle = g_strdup_printf("<arch name='%s'>", arch);
    const char *at = strstr(capsxml, needle);
    const char *start;
    const char *end;

    if (!at)
        return NULL;
    start = g_strrstr_len(capsxml, at - capsxml, "  <guest>");
    end = strstr(at, "</guest>\n");
    if (!start || !end)
        return NULL;
    return g_strndup(start, end + strlen("</guest>\n") - start);
}

static void
testCapsXML(qemuCaps *caps)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *theirs = NULL;

    if (!libvirtAvailable())
        return;
    qemuCapsFormatGuest(caps, buf);
    theirs = guestSection(libvirtCaps, "x86_64");
    check(theirs && g_str_equal(buf->str, theirs),
          "<guest> for x86_64 is libvirt's, byte for byte");
    if (theirs && !g_str_equal(buf->str, theirs))
        printf("--- libvirt\n%s--- virtkit\n%s", theirs, buf->str);

    /* the 32-bit binary too, where it is installed */
    if (access("/usr/bin/qemu-system-i386", X_OK) == 0) {
        g_autoptr(qemuCaps) i386 = qemuCapsCacheLookup("/usr/bin/qemu-system-i386", NULL);
        g_autoptr(GString) buf32 = g_string_new(NULL);
        g_autofree char *theirs32 = guestSection(libvirtCaps, "i686");

        if (i386)
            qemuCapsFormatGuest(i386, buf32);
        check(i386 && theirs32 && g_str_equal(buf32->str, theirs32),
              "<guest> for i686 (qemu-system-i386) is libvirt's, byte for byte");
    }
}

/* Every element and attribute of DOC as "path[@attr=value]" lines, in
 * document order, with text content. */
static void
flatten(xmlNodePtr node, const char *prefix, GPtrArray *out)
{
    for (xmlNodePtr n = node; n; n = n->next) {
        g_autoptr(GString) line = NULL;
        g_autofree char *path = NULL;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        line = g_string_new(prefix);
        g_string_append_printf(line, "/%s", n->name);
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            xmlChar *v = xmlGetProp(n, a->name);

            g_string_append_printf(line, "[@%s=%s]", a->name, v);
            xmlFree(v);
        }
        path = g_strdup(line->str);
        if (n->children && n->children->type == XML_TEXT_NODE && !n->children->next) {
            xmlChar *t = xmlNodeGetContent(n);

            g_string_append_printf(line, " = %s", g_strstrip((char *)t));
            xmlFree(t);
        }
        g_ptr_array_add(out, g_string_free(g_steal_pointer(&line), FALSE));
        flatten(n->children, path, out);
    }
}

/* Move the lines of ALL under the host-model CPU mode to a new array. */
static GPtrArray *
takeHostModel(GPtrArray *all)
{
    GPtrArray *hm = g_ptr_array_new_with_free_func(g_free);

    for (guint i = 0; i < all->len;) {
        if (strstr(all->pdata[i], "/mode[@name=host-model]")) {
            g_ptr_array_add(hm, g_ptr_array_steal_index(all, i));
        } else {
            i++;
        }
    }
    return hm;
}

static GPtrArray *
flattenXML(const char *xml)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "caps.xml", NULL, XML_PARSE_NOBLANKS);

    if (doc) {
        flatten(xmlDocGetRootElement(doc), "", out);
        xmlFreeDoc(doc);
    }
    return out;
}

static void
testDomCapsXML(qemuCaps *caps)
{
    static const char *const machines[] = { NULL, "q35", "isapc", "microvm", "pc-i440fx-2.0" };
    g_autofree char *ours = qemuCapsFormatDomainCaps(caps, "qemu", NULL, NULL);

    check(ours != NULL, "domain capabilities formatted");
    if (!ours)
        return;
    check(!qemuCapsFormatDomainCaps(caps, "qemu", "no-such-machine", NULL) &&
          strstr(lastMessage(), "the machine 'no-such-machine' is not supported by emulator"),
          "an unknown machine: %s", lastMessage());
    {
        g_autofree char *q35 = qemuCapsFormatDomainCaps(caps, "qemu", "q35", NULL);

        check(q35 && strstr(q35, "<machine>pc-q35-") && strstr(q35, "<vcpu max='288'/>"),
              "machine q35 is shown by its canonical name with its vCPU limit");
    }
    if (!qemuCapsKVMUsable(caps))
        check(!qemuCapsFormatDomainCaps(caps, "kvm", NULL, NULL) &&
              strstr(lastMessage(), "the accel 'kvm' is not supported by"),
              "kvm where it is not usable: %s", lastMessage());

    if (!libvirtAvailable())
        return;
    for (size_t k = 0; k < G_N_ELEMENTS(machines); k++) {
        g_autofree char *theirs = libvirtDomCaps(machines[k]);
        g_autofree char *mine = qemuCapsFormatDomainCaps(caps, "qemu", machines[k], NULL);
        g_autoptr(GPtrArray) a = NULL;
        g_autoptr(GPtrArray) b = NULL;
        g_autoptr(GPtrArray) ha = NULL;
        g_autoptr(GPtrArray) hb = NULL;
        const char *label = machines[k] ? machines[k] : "the default machine";
        guint found = 0;
        guint same = 0;
        guint i;

        if (!theirs || !mine) {
            check(false, "domcapabilities for %s from both", label);
            continue;
        }
        a = flattenXML(theirs);
        b = flattenXML(mine);
        ha = takeHostModel(a);
        hb = takeHostModel(b);

        for (i = 0; i < hb->len; i++)
            found += g_ptr_array_find_with_equal_func(ha, hb->pdata[i], g_str_equal, NULL);
        check(ha->len > 3 && hb->len > 3 && g_str_equal(ha->pdata[0], hb->pdata[0]) &&
              g_str_equal(ha->pdata[1], hb->pdata[1]) && g_str_equal(ha->pdata[2], hb->pdata[2]),
              "%s: host-model CPU is libvirt's model and vendor: %s", label,
              hb->len > 2 ? strrchr(hb->pdata[1], '/') : "");
        check(found == hb->len && found + 2 >= ha->len,
              "%s: host-model CPU has %u of libvirt's %u lines, none it lacks",
              label, found, ha->len);

        for (i = 0; i < a->len && i < b->len; i++) {
            if (!g_str_equal(a->pdata[i], b->pdata[i]))
                break;
            same++;
        }
        check(a->len > 50 && a->len == b->len && same == a->len,
              "%s: domcapabilities = libvirt's (host-model aside): %u of %u nodes "
              "(first difference: libvirt [%s] virtkit [%s])", label, same, a->len,
              i < a->len ? (char *)a->pdata[i] : "", i < b->len ? (char *)b->pdata[i] : "");
    }
}

static void
testXML(void)
{
    g_autoptr(qemuCaps) caps = qemuCapsCacheLookup(QEMU_BIN, NULL);

    if (!caps) {
        check(false, "probe: %s", lastMessage());
        return;
    }
    testCapsXML(caps);
    testDomCapsXML(caps);
}


/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    void (*fn)(void);
} TestCase;

static const TestCase cases[] = {
    { "probe", testProbe },
    { "invalidation", testInvalidation },
    { "failures", testProbeFailures },
    { "xml", testXML },
};

/* QEMU loads its modules (TCG among them) from a folder named in
 * QEMU_MODULE_DIR: point it at a folder of links to the installed ones,
 * so that a copy of the binary finds them and the test may change the
 * folder. */
static void
makeModuleDir(void)
{
    const char *sys = "/usr/lib/x86_64-linux-gnu/qemu";
    g_autoptr(GDir) dir = g_dir_open(sys, 0, NULL);
    const char *name;

    if (!dir)
        return;
    moduledir = g_build_filename(tmpdir, "modules", NULL);
    mkdir(moduledir, 0755);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *target = g_build_filename(sys, name, NULL);
        g_autofree char *link = g_build_filename(moduledir, name, NULL);

        if (symlink(target, link) < 0)
            check(false, "link %s: %s", link, g_strerror(errno));
    }
    g_setenv("QEMU_MODULE_DIR", moduledir, TRUE);
}

static int
runCases(const char *filter)
{
    makeModuleDir();

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (filter && !strstr(cases[i].name, filter))
            continue;
        printf("# %s\n", cases[i].name);
        cases[i].fn();
    }
    g_free(libvirtCaps);
    if (libvirtRoot)
        testQemuRemoveTree(libvirtRoot);
    g_free(libvirtRoot);
    qemuCapsCacheClear();
    return testQemuReport();
}

int
main(int argc, char **argv)
{
    if (argc == 4 && g_str_equal(argv[1], "--lookup")) {
        g_autoptr(qemuCaps) caps = qemuCapsCacheLookup(argv[3], argv[2]);

        printf("probes=%u\n", caps ? qemuCapsGetProbeCount() : 999);
        return caps ? 0 : 1;
    }
    if (argc == 2 && g_str_equal(argv[1], "--dump")) {
        g_autoptr(qemuCaps) caps = qemuCapsProbe(QEMU_BIN);
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *dom = NULL;

        if (!caps) {
            fprintf(stderr, "%s\n", lastMessage());
            return 1;
        }
        qemuCapsFormatGuest(caps, buf);
        dom = qemuCapsFormatDomainCaps(caps, NULL, NULL, NULL);
        printf("%s\n%s", buf->str, dom ? dom : lastMessage());
        return 0;
    }
    if (access(QEMU_BIN, X_OK) < 0) {
        printf("SKIP: %s is not installed\n", QEMU_BIN);
        return 77;
    }
    return testQemuRunGuarded(&tmpdir, "qemucapstest", runCases,
                              argc > 1 ? argv[1] : NULL);
}
