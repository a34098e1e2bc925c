/*
 * qemu_host.c: the host's capabilities and node figures (see qemu_host.h).
 *
 * The host CPU comes from the CPUID instruction, as libvirt reads it, and
 * is decoded into a model plus features by the CPU map's baseline
 * (cpu_conf.c).  Everything else is read from sysfs through small
 * functions that take the sysfs root as a parameter, so that a test can
 * point them at a fake tree (two NUMA nodes on a one-node machine).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
# include <cpuid.h>
#endif

#include "cpu_conf.h"
#include "cpu_x86_table.h"
#include "qemu_capabilities.h"
#include "qemu_host.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* ------------------------------------------------------------------ */
/* sysfs                                                              */

static gint
qemuHostCompareUInt(gconstpointer a, gconstpointer b)
{
    unsigned int x = *(const unsigned int *)a;
    unsigned int y = *(const unsigned int *)b;

    return x < y ? -1 : x > y;
}

/* The sysfs root: $VIRTKIT_SYSFS_ROOT (tests) or /sys. */
static const char *
qemuHostSysfsRoot(void)
{
    const char *sysfs = g_getenv("VIRTKIT_SYSFS_ROOT");

    return sysfs && *sysfs ? sysfs : "/sys";
}

/* The trimmed text of SYSFS/PATH, or NULL when it cannot be read. */
static char *
qemuHostReadSysfs(const char *sysfs, const char *path)
{
    g_autofree char *full = g_build_filename(sysfs, path, NULL);
    char *text = NULL;

    if (!g_file_get_contents(full, &text, NULL, NULL))
        return NULL;
    return g_strstrip(text);
}

/* SYSFS/PATH as an unsigned number; FALLBACK when missing or not one. */
static unsigned long long
qemuHostReadSysfsNumber(const char *sysfs, const char *path,
                        unsigned long long fallback)
{
    g_autofree char *text = qemuHostReadSysfs(sysfs, path);
    unsigned long long value;
    char *end = NULL;

    if (!text || !*text)
        return fallback;
    value = g_ascii_strtoull(text, &end, 10);
    return end && *end == '\0' ? value : fallback;
}

/* The numbers of a kernel list ("0-3,8,10-11"), ascending, in a new
 * array (empty for NULL or bad text). */
static GArray *
qemuHostParseList(const char *text)
{
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_auto(GStrv) parts = NULL;

    if (!text || !*text)
        return ids;
    parts = g_strsplit(text, ",", -1);
    for (size_t i = 0; parts[i]; i++) {
        char *end = NULL;
        unsigned int first = g_ascii_strtoull(parts[i], &end, 10);
        unsigned int last = first;

        if (end == parts[i])
            continue;
        if (*end == '-')
            last = g_ascii_strtoull(end + 1, NULL, 10);
        for (unsigned int n = first; n <= last; n++)
            g_array_append_val(ids, n);
    }
    return ids;
}

/* The list file SYSFS/PATH as numbers (see qemuHostParseList). */
static GArray *
qemuHostReadList(const char *sysfs, const char *path)
{
    g_autofree char *text = qemuHostReadSysfs(sysfs, path);

    return qemuHostParseList(text);
}

/* The huge page sizes in KiB below SYSFS/DIR ("hugepages-2048kB"),
 * ascending. */
static GArray *
qemuHostHugePageSizes(const char *sysfs, const char *dir)
{
    g_autofree char *path = g_build_filename(sysfs, dir, NULL);
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        unsigned int kib;

        if (sscanf(name, "hugepages-%ukB", &kib) == 1)
            g_array_append_val(sizes, kib);
    }
    g_array_sort(sizes, (GCompareFunc)qemuHostCompareUInt);
    return sizes;
}

/* One host CPU's place, from SYSFS/devices/system/cpu/cpuN/topology. */
typedef struct {
    unsigned int id;
    unsigned int socket;
    unsigned int die;
    unsigned int core;
    char *siblings;                 /* thread_siblings_list */
} qemuHostCPU;

static void
qemuHostCPUClear(qemuHostCPU *cpu)
{
    g_free(cpu->siblings);
}

static void
qemuHostCPURead(const char *sysfs, unsigned int id, qemuHostCPU *cpu)
{
    g_autofree char *dir = g_strdup_printf("devices/system/cpu/cpu%u/topology", id);
    g_autofree char *pkg = g_build_filename(dir, "physical_package_id", NULL);
    g_autofree char *die = g_build_filename(dir, "die_id", NULL);
    g_autofree char *core = g_build_filename(dir, "core_id", NULL);
    g_autofree char *sib = g_build_filename(dir, "thread_siblings_list", NULL);

    cpu->id = id;
    cpu->socket = qemuHostReadSysfsNumber(sysfs, pkg, 0);
    cpu->die = qemuHostReadSysfsNumber(sysfs, die, 0);
    cpu->core = qemuHostReadSysfsNumber(sysfs, core, 0);
    cpu->siblings = qemuHostReadSysfs(sysfs, sib);
    if (!cpu->siblings)
        cpu->siblings = g_strdup_printf("%u", id);
}

/* The CPUs of NODE (all online CPUs when NODE is -1). */
static GArray *
qemuHostNodeCPUs(const char *sysfs, int node)
{
    g_autofree char *path = NULL;
    g_autoptr(GArray) ids = NULL;
    GArray *cpus = g_array_new(FALSE, TRUE, sizeof(qemuHostCPU));

    g_array_set_clear_func(cpus, (GDestroyNotify)qemuHostCPUClear);
    if (node >= 0)
        path = g_strdup_printf("devices/system/node/node%d/cpulist", node);
    else
        path = g_strdup("devices/system/cpu/online");
    ids = qemuHostReadList(sysfs, path);
    g_array_set_size(cpus, ids->len);
    for (guint i = 0; i < ids->len; i++)
        qemuHostCPURead(sysfs, g_array_index(ids, unsigned int, i),
                        &g_array_index(cpus, qemuHostCPU, i));
    return cpus;
}

/* The number of distinct values KEY gives over CPUS. */
static unsigned int
qemuHostCountDistinct(GArray *cpus, char *(*key)(const qemuHostCPU *))
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < cpus->len; i++)
        g_hash_table_add(seen, key(&g_array_index(cpus, qemuHostCPU, i)));
    return g_hash_table_size(seen);
}

static char *
qemuHostSocketKey(const qemuHostCPU *c)
{
    return g_strdup_printf("%u", c->socket);
}

static char *
qemuHostDieKey(const qemuHostCPU *c)
{
    return g_strdup_printf("%u/%u", c->socket, c->die);
}

static char *
qemuHostCoreKey(const qemuHostCPU *c)
{
    return g_strdup_printf("%u/%u/%u", c->socket, c->die, c->core);
}

/* The host CPU's <topology> as libvirt gives it: sockets per NUMA node,
 * dies per socket, cores per die, threads per core (all CPUs as cores
 * of one socket when the counts do not multiply up to the CPUs). */
static void
qemuHostTopology(const char *sysfs, unsigned int *sockets, unsigned int *dies,
                 unsigned int *cores, unsigned int *threads)
{
    g_autoptr(GArray) nodes = qemuHostReadList(sysfs, "devices/system/node/online");
    g_autoptr(GArray) all = qemuHostNodeCPUs(sysfs, -1);
    g_autoptr(GArray) cpus = NULL;
    unsigned int nnodes = nodes->len ? nodes->len : 1;
    unsigned int s, d, c, t;

    cpus = nodes->len ? qemuHostNodeCPUs(sysfs, g_array_index(nodes, unsigned int, 0))
                      : qemuHostNodeCPUs(sysfs, -1);
    s = MAX(1, qemuHostCountDistinct(cpus, qemuHostSocketKey));
    d = MAX(1, qemuHostCountDistinct(cpus, qemuHostDieKey) / s);
    c = MAX(1, qemuHostCountDistinct(cpus, qemuHostCoreKey) / (s * d));
    t = MAX(1, cpus->len / (s * d * c));
    if (nnodes * s * d * c * t != all->len) {
        s = d = t = 1;
        c = MAX(1, all->len);
    }
    *sockets = s;
    *dies = d;
    *cores = c;
    *threads = t;
}

/* ------------------------------------------------------------------ */
/* The host CPU                                                       */

#if defined(__x86_64__) || defined(__i386__)
typedef enum { EAX, EBX, ECX, EDX } qemuHostReg;

/* Where CPUID reports each feature of the CPU map (the ones read from
 * MSRs, and SGX's details, are not read). */
static const struct {
    unsigned int leaf;
    unsigned int subleaf;
    qemuHostReg reg;
    unsigned int bit;
    const char *name;
} qemuHostCPUIDBits[] = {
    { 1, 0, EDX, 0, "fpu" }, { 1, 0, EDX, 1, "vme" }, { 1, 0, EDX, 2, "de" },
    { 1, 0, EDX, 3, "pse" }, { 1, 0, EDX, 4, "tsc" }, { 1, 0, EDX, 5, "msr" },
    { 1, 0, EDX, 6, "pae" }, { 1, 0, EDX, 7, "mce" }, { 1, 0, EDX, 8, "cx8" },
    { 1, 0, EDX, 9, "apic" }, { 1, 0, EDX, 11, "sep" }, { 1, 0, EDX, 12, "mtrr" },
    { 1, 0, EDX, 13, "pge" }, { 1, 0, EDX, 14, "mca" }, { 1, 0, EDX, 15, "cmov" },
    { 1, 0, EDX, 16, "pat" }, { 1, 0, EDX, 17, "pse36" }, { 1, 0, EDX, 18, "pn" },
    { 1, 0, EDX, 19, "clflush" }, { 1, 0, EDX, 21, "ds" }, { 1, 0, EDX, 22, "acpi" },
    { 1, 0, EDX, 23, "mmx" }, { 1, 0, EDX, 24, "fxsr" }, { 1, 0, EDX, 25, "sse" },
    { 1, 0, EDX, 26, "sse2" }, { 1, 0, EDX, 27, "ss" }, { 1, 0, EDX, 28, "ht" },
    { 1, 0, EDX, 29, "tm" }, { 1, 0, EDX, 30, "ia64" }, { 1, 0, EDX, 31, "pbe" },
    { 1, 0, ECX, 0, "pni" }, { 1, 0, ECX, 1, "pclmuldq" }, { 1, 0, ECX, 2, "dtes64" },
    { 1, 0, ECX, 3, "monitor" }, { 1, 0, ECX, 4, "ds_cpl" }, { 1, 0, ECX, 5, "vmx" },
    { 1, 0, ECX, 6, "smx" }, { 1, 0, ECX, 7, "est" }, { 1, 0, ECX, 8, "tm2" },
    { 1, 0, ECX, 9, "ssse3" }, { 1, 0, ECX, 10, "cid" }, { 1, 0, ECX, 12, "fma" },
    { 1, 0, ECX, 13, "cx16" }, { 1, 0, ECX, 14, "xtpr" }, { 1, 0, ECX, 15, "pdcm" },
    { 1, 0, ECX, 17, "pcid" }, { 1, 0, ECX, 18, "dca" }, { 1, 0, ECX, 19, "sse4.1" },
    { 1, 0, ECX, 20, "sse4.2" }, { 1, 0, ECX, 21, "x2apic" }, { 1, 0, ECX, 22, "movbe" },
    { 1, 0, ECX, 23, "popcnt" }, { 1, 0, ECX, 24, "tsc-deadline" }, { 1, 0, ECX, 25, "aes" },
    { 1, 0, ECX, 26, "xsave" }, { 1, 0, ECX, 27, "osxsave" }, { 1, 0, ECX, 28, "avx" },
    { 1, 0, ECX, 29, "f16c" }, { 1, 0, ECX, 30, "rdrand" }, { 1, 0, ECX, 31, "hypervisor" },
    { 6, 0, EAX, 2, "arat" },
    { 7, 0, EBX, 0, "fsgsbase" }, { 7, 0, EBX, 1, "tsc_adjust" }, { 7, 0, EBX, 2, "sgx" },
    { 7, 0, EBX, 3, "bmi1" }, { 7, 0, EBX, 4, "hle" }, { 7, 0, EBX, 5, "avx2" },
    { 7, 0, EBX, 7, "smep" }, { 7, 0, EBX, 8, "bmi2" }, { 7, 0, EBX, 9, "erms" },
    { 7, 0, EBX, 10, "invpcid" }, { 7, 0, EBX, 11, "rtm" }, { 7, 0, EBX, 12, "cmt" },
    { 7, 0, EBX, 14, "mpx" }, { 7, 0, EBX, 16, "avx512f" }, { 7, 0, EBX, 17, "avx512dq" },
    { 7, 0, EBX, 18, "rdseed" }, { 7, 0, EBX, 19, "adx" }, { 7, 0, EBX, 20, "smap" },
    { 7, 0, EBX, 21, "avx512ifma" }, { 7, 0, EBX, 22, "pcommit" },
    { 7, 0, EBX, 23, "clflushopt" }, { 7, 0, EBX, 24, "clwb" }, { 7, 0, EBX, 25, "intel-pt" },
    { 7, 0, EBX, 26, "avx512pf" }, { 7, 0, EBX, 27, "avx512er" }, { 7, 0, EBX, 28, "avx512cd" },
    { 7, 0, EBX, 29, "sha-ni" }, { 7, 0, EBX, 30, "avx512bw" }, { 7, 0, EBX, 31, "avx512vl" },
    { 7, 0, ECX, 1, "avx512vbmi" }, { 7, 0, ECX, 2, "umip" }, { 7, 0, ECX, 3, "pku" },
    { 7, 0, ECX, 4, "ospke" }, { 7, 0, ECX, 5, "waitpkg" }, { 7, 0, ECX, 6, "avx512vbmi2" },
    { 7, 0, ECX, 8, "gfni" }, { 7, 0, ECX, 9, "vaes" }, { 7, 0, ECX, 10, "vpclmulqdq" },
    { 7, 0, ECX, 11, "avx512vnni" }, { 7, 0, ECX, 12, "avx512bitalg" },
    { 7, 0, ECX, 14, "avx512-vpopcntdq" }, { 7, 0, ECX, 16, "la57" },
    { 7, 0, ECX, 22, "rdpid" }, { 7, 0, ECX, 24, "bus-lock-detect" },
    { 7, 0, ECX, 25, "cldemote" }, { 7, 0, ECX, 27, "movdiri" },
    { 7, 0, ECX, 28, "movdir64b" }, { 7, 0, ECX, 30, "sgxlc" }, { 7, 0, ECX, 31, "pks" },
    { 7, 0, EDX, 2, "avx512-4vnniw" }, { 7, 0, EDX, 3, "avx512-4fmaps" },
    { 7, 0, EDX, 4, "fsrm" }, { 7, 0, EDX, 8, "avx512-vp2intersect" },
    { 7, 0, EDX, 10, "md-clear" }, { 7, 0, EDX, 14, "serialize" },
    { 7, 0, EDX, 16, "tsx-ldtrk" }, { 7, 0, EDX, 18, "pconfig" },
    { 7, 0, EDX, 19, "arch-lbr" }, { 7, 0, EDX, 22, "amx-bf16" },
    { 7, 0, EDX, 23, "avx512-fp16" }, { 7, 0, EDX, 24, "amx-tile" },
    { 7, 0, EDX, 25, "amx-int8" }, { 7, 0, EDX, 26, "spec-ctrl" },
    { 7, 0, EDX, 27, "stibp" }, { 7, 0, EDX, 29, "arch-capabilities" },
    { 7, 0, EDX, 30, "core-capability" }, { 7, 0, EDX, 31, "ssbd" },
    { 7, 1, EAX, 4, "avx-vnni" }, { 7, 1, EAX, 5, "avx512-bf16" },
    { 0xd, 1, EAX, 0, "xsaveopt" }, { 0xd, 1, EAX, 1, "xsavec" },
    { 0xd, 1, EAX, 2, "xgetbv1" }, { 0xd, 1, EAX, 3, "xsaves" }, { 0xd, 1, EAX, 4, "xfd" },
    { 0x80000001, 0, EDX, 11, "syscall" }, { 0x80000001, 0, EDX, 20, "nx" },
    { 0x80000001, 0, EDX, 22, "mmxext" }, { 0x80000001, 0, EDX, 25, "fxsr_opt" },
    { 0x80000001, 0, EDX, 26, "pdpe1gb" }, { 0x80000001, 0, EDX, 27, "rdtscp" },
    { 0x80000001, 0, EDX, 29, "lm" }, { 0x80000001, 0, EDX, 30, "3dnowext" },
    { 0x80000001, 0, EDX, 31, "3dnow" },
    { 0x80000001, 0, ECX, 0, "lahf_lm" }, { 0x80000001, 0, ECX, 1, "cmp_legacy" },
    { 0x80000001, 0, ECX, 2, "svm" }, { 0x80000001, 0, ECX, 3, "extapic" },
    { 0x80000001, 0, ECX, 4, "cr8legacy" }, { 0x80000001, 0, ECX, 5, "abm" },
    { 0x80000001, 0, ECX, 6, "sse4a" }, { 0x80000001, 0, ECX, 7, "misalignsse" },
    { 0x80000001, 0, ECX, 8, "3dnowprefetch" }, { 0x80000001, 0, ECX, 9, "osvw" },
    { 0x80000001, 0, ECX, 10, "ibs" }, { 0x80000001, 0, ECX, 11, "xop" },
    { 0x80000001, 0, ECX, 12, "skinit" }, { 0x80000001, 0, ECX, 13, "wdt" },
    { 0x80000001, 0, ECX, 15, "lwp" }, { 0x80000001, 0, ECX, 16, "fma4" },
    { 0x80000001, 0, ECX, 17, "tce" }, { 0x80000001, 0, ECX, 19, "nodeid_msr" },
    { 0x80000001, 0, ECX, 21, "tbm" }, { 0x80000001, 0, ECX, 22, "topoext" },
    { 0x80000001, 0, ECX, 23, "perfctr_core" }, { 0x80000001, 0, ECX, 24, "perfctr_nb" },
    { 0x80000007, 0, EDX, 8, "invtsc" },
    { 0x80000008, 0, EBX, 0, "clzero" }, { 0x80000008, 0, EBX, 2, "xsaveerptr" },
    { 0x80000008, 0, EBX, 9, "wbnoinvd" }, { 0x80000008, 0, EBX, 12, "ibpb" },
    { 0x80000008, 0, EBX, 14, "ibrs" }, { 0x80000008, 0, EBX, 15, "amd-stibp" },
    { 0x80000008, 0, EBX, 24, "amd-ssbd" }, { 0x80000008, 0, EBX, 25, "virt-ssbd" },
    { 0x80000008, 0, EBX, 26, "amd-no-ssb" },
    { 0x8000000a, 0, EDX, 0, "npt" }, { 0x8000000a, 0, EDX, 1, "lbrv" },
    { 0x8000000a, 0, EDX, 2, "svm-lock" }, { 0x8000000a, 0, EDX, 3, "nrip-save" },
    { 0x8000000a, 0, EDX, 4, "tsc-scale" }, { 0x8000000a, 0, EDX, 5, "vmcb-clean" },
    { 0x8000000a, 0, EDX, 6, "flushbyasid" }, { 0x8000000a, 0, EDX, 7, "decodeassists" },
    { 0x8000000a, 0, EDX, 10, "pause-filter" }, { 0x8000000a, 0, EDX, 12, "pfthreshold" },
    { 0x8000000a, 0, EDX, 13, "avic" }, { 0x8000000a, 0, EDX, 15, "v-vmsave-vmload" },
    { 0x8000000a, 0, EDX, 16, "vgif" }, { 0x8000000a, 0, EDX, 28, "svme-addr-chk" },
};

/* CPUID LEAF.SUBLEAF as {eax, ebx, ecx, edx}; zeros beyond the highest
 * leaf of its range. */
static void
qemuHostCPUID(unsigned int leaf, unsigned int subleaf, unsigned int regs[4])
{
    unsigned int max = __get_cpuid_max(leaf & 0x80000000, NULL);

    regs[0] = regs[1] = regs[2] = regs[3] = 0;
    if (leaf > max)
        return;
    __cpuid_count(leaf, subleaf, regs[0], regs[1], regs[2], regs[3]);
}

/* The features CPUID reports, as a set of CPU map names. */
static GHashTable *
qemuHostCPUFeatures(void)
{
    GHashTable *have = g_hash_table_new(g_str_hash, g_str_equal);
    bool svm = false;

    for (size_t i = 0; i < G_N_ELEMENTS(qemuHostCPUIDBits); i++) {
        unsigned int regs[4];

        if (qemuHostCPUIDBits[i].leaf == 0x8000000a && !svm)
            continue;
        qemuHostCPUID(qemuHostCPUIDBits[i].leaf, qemuHostCPUIDBits[i].subleaf, regs);
        if (regs[qemuHostCPUIDBits[i].reg] & (1u << qemuHostCPUIDBits[i].bit)) {
            g_hash_table_add(have, (gpointer)qemuHostCPUIDBits[i].name);
            if (g_str_equal(qemuHostCPUIDBits[i].name, "svm"))
                svm = true;
        }
    }
    return have;
}

/* The CPU map's vendor name of the CPUID vendor, or NULL. */
static const char *
qemuHostCPUVendor(void)
{
    unsigned int regs[4];
    char id[13];

    qemuHostCPUID(0, 0, regs);
    memcpy(id, &regs[1], 4);
    memcpy(id + 4, &regs[3], 4);
    memcpy(id + 8, &regs[2], 4);
    id[12] = '\0';
    if (g_str_equal(id, "GenuineIntel"))
        return "Intel";
    if (g_str_equal(id, "AuthenticAMD"))
        return "AMD";
    if (g_str_equal(id, "HygonGenuine"))
        return "Hygon";
    return NULL;
}

/* <model>, <vendor>, <signature> ... up to <feature>s of the x86 host. */
static void
qemuHostFormatX86(GString *buf, const char *sysfs)
{
    g_autoptr(GHashTable) have = qemuHostCPUFeatures();
    g_autoptr(GString) names = g_string_new(NULL);
    g_autofree char *model = NULL;
    g_auto(GStrv) extra = NULL;
    const char *vendor = qemuHostCPUVendor();
    unsigned int regs[4];
    unsigned int family;
    unsigned int number;
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;

    for (size_t i = 0; virtkitX86Features[i]; i++) {
        if (g_hash_table_contains(have, virtkitX86Features[i]))
            g_string_append_printf(names, "%s ", virtkitX86Features[i]);
    }
    if (virCPUx86DecodeHost(vendor, names->str, &model, &extra) < 0) {
        VIR_WARN("cannot decode the host CPU: %s", virGetLastErrorMessage());
        virResetLastError();
    }
    if (model)
        g_string_append_printf(buf, "      <model>%s</model>\n", model);
    if (vendor)
        g_string_append_printf(buf, "      <vendor>%s</vendor>\n", vendor);

    qemuHostCPUID(1, 0, regs);
    family = (regs[0] >> 8) & 0xf;
    number = (regs[0] >> 4) & 0xf;
    if (family == 0xf)
        family += (regs[0] >> 20) & 0xff;
    if (family == 6 || family >= 0xf)
        number |= ((regs[0] >> 16) & 0xf) << 4;
    g_string_append_printf(buf, "      <signature family='%u' model='%u' stepping='%u'/>\n",
                           family, number, regs[0] & 0xf);
    qemuHostTopology(sysfs, &sockets, &dies, &cores, &threads);
    g_string_append_printf(buf, "      <topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                           sockets, dies, cores, threads);
    qemuHostCPUID(0x80000008, 0, regs);
    if (regs[0] & 0xff)
        g_string_append_printf(buf, "      <maxphysaddr mode='emulate' bits='%u'/>\n",
                               regs[0] & 0xff);
    for (size_t i = 0; extra && extra[i]; i++)
        g_string_append_printf(buf, "      <feature name='%s'/>\n", extra[i]);
}
#endif

void
qemuHostFormatCPU(GString *buf, const char *arch, const char *sysfs)
{
    g_autoptr(GArray) huge = qemuHostHugePageSizes(sysfs, "kernel/mm/hugepages");

    g_string_append(buf, "    <cpu>\n");
    g_string_append_printf(buf, "      <arch>%s</arch>\n", arch);
#if defined(__x86_64__) || defined(__i386__)
    if (g_str_equal(arch, "x86_64") || g_str_equal(arch, "i686"))
        qemuHostFormatX86(buf, sysfs);
#endif
    g_string_append_printf(buf, "      <pages unit='KiB' size='%ld'/>\n",
                           sysconf(_SC_PAGESIZE) / 1024);
    for (guint i = 0; i < huge->len; i++)
        g_string_append_printf(buf, "      <pages unit='KiB' size='%u'/>\n",
                               g_array_index(huge, unsigned int, i));
    g_string_append(buf, "    </cpu>\n");
}

/* ------------------------------------------------------------------ */
/* NUMA cells                                                         */

/* A "Name: N kB" value of a meminfo text, 0 when absent. */
static unsigned long long
qemuHostMeminfoValue(const char *text, const char *name)
{
    g_auto(GStrv) lines = text ? g_strsplit(text, "\n", -1) : NULL;
    size_t len = strlen(name);

    for (size_t i = 0; lines && lines[i]; i++) {
        const char *p = lines[i];

        /* per-node files start with "Node N " */
        if (g_str_has_prefix(p, "Node ")) {
            p = strchr(p + 5, ' ');
            if (!p)
                continue;
            p++;
        }
        if (strncmp(p, name, len) == 0 && p[len] == ':')
            return g_ascii_strtoull(p + len + 1, NULL, 10);
    }
    return 0;
}

static char *
qemuHostNodeMeminfo(const char *sysfs, int cell)
{
    g_autofree char *path = g_strdup_printf("devices/system/node/node%d/meminfo", cell);

    return qemuHostReadSysfs(sysfs, path);
}

static void
qemuHostFormatCell(GString *buf, const char *sysfs, unsigned int node,
                   GArray *nodes)
{
    g_autofree char *hugedir = g_strdup_printf("devices/system/node/node%u/hugepages", node);
    g_autofree char *distpath = g_strdup_printf("devices/system/node/node%u/distance", node);
    g_autoptr(GArray) huge = qemuHostHugePageSizes(sysfs, hugedir);
    g_autoptr(GArray) cpus = qemuHostNodeCPUs(sysfs, node);
    g_autofree char *distances = qemuHostReadSysfs(sysfs, distpath);
    g_auto(GStrv) dist = distances ? g_strsplit_set(distances, " \t", -1) : NULL;
    g_autofree char *meminfo = qemuHostNodeMeminfo(sysfs, node);
    unsigned long long memory = qemuHostMeminfoValue(meminfo, "MemTotal");
    unsigned long long hugeKiB = 0;
    long pageKiB = sysconf(_SC_PAGESIZE) / 1024;
    g_autoptr(GString) hugeXML = g_string_new(NULL);
    size_t d = 0;

    for (guint i = 0; i < huge->len; i++) {
        unsigned int size = g_array_index(huge, unsigned int, i);
        g_autofree char *nr = g_strdup_printf("%s/hugepages-%ukB/nr_hugepages", hugedir, size);
        unsigned long long count = qemuHostReadSysfsNumber(sysfs, nr, 0);

        hugeKiB += count * size;
        g_string_append_printf(hugeXML, "          <pages unit='KiB' size='%u'>%llu</pages>\n",
                               size, count);
    }
    g_string_append_printf(buf, "        <cell id='%u'>\n", node);
    g_string_append_printf(buf, "          <memory unit='KiB'>%llu</memory>\n", memory);
    g_string_append_printf(buf, "          <pages unit='KiB' size='%ld'>%llu</pages>\n",
                           pageKiB, memory > hugeKiB ? (memory - hugeKiB) / pageKiB : 0);
    g_string_append(buf, hugeXML->str);
    if (dist && dist[0] && *dist[0]) {
        g_string_append(buf, "          <distances>\n");
        for (guint i = 0; i < nodes->len; i++) {
            while (dist[d] && !*dist[d])
                d++;
            if (!dist[d])
                break;
            g_string_append_printf(buf, "            <sibling id='%u' value='%s'/>\n",
                                   g_array_index(nodes, unsigned int, i), dist[d++]);
        }
        g_string_append(buf, "          </distances>\n");
    }
    g_string_append_printf(buf, "          <cpus num='%u'>\n", cpus->len);
    for (guint i = 0; i < cpus->len; i++) {
        const qemuHostCPU *c = &g_array_index(cpus, qemuHostCPU, i);

        g_string_append_printf(buf, "            <cpu id='%u' socket_id='%u' die_id='%u' "
                                    "core_id='%u' siblings='%s'/>\n",
                               c->id, c->socket, c->die, c->core, c->siblings);
    }
    g_string_append(buf, "          </cpus>\n");
    g_string_append(buf, "        </cell>\n");
}

void
qemuHostFormatTopology(GString *buf, const char *sysfs)
{
    g_autoptr(GArray) nodes = qemuHostReadList(sysfs, "devices/system/node/online");

    if (nodes->len == 0)
        return;
    g_string_append(buf, "    <topology>\n");
    g_string_append_printf(buf, "      <cells num='%u'>\n", nodes->len);
    for (guint i = 0; i < nodes->len; i++)
        qemuHostFormatCell(buf, sysfs, g_array_index(nodes, unsigned int, i), nodes);
    g_string_append(buf, "      </cells>\n");
    g_string_append(buf, "    </topology>\n");
}

/* ------------------------------------------------------------------ */
/* The whole document                                                 */

/* The host's UUID: from /etc/machine-id (the SMBIOS one needs root),
 * else a fixed one made from the host name. */
static void
qemuHostUUID(char uuidstr[VIR_UUID_STRING_BUFLEN])
{
    g_autofree char *id = NULL;
    g_autofree char *sum = NULL;
    const char *hex;

    if (g_file_get_contents("/etc/machine-id", &id, NULL, NULL) &&
        strlen(g_strstrip(id)) == 32) {
        hex = id;
    } else {
        sum = g_compute_checksum_for_string(G_CHECKSUM_MD5, g_get_host_name(), -1);
        hex = sum;
    }
    g_snprintf(uuidstr, VIR_UUID_STRING_BUFLEN, "%.8s-%.4s-%.4s-%.4s-%.12s",
               hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* The DAC model with the label QEMU processes get: libvirt's default
 * QEMU user and group (libvirt-qemu) when they exist, else the caller. */
static void
qemuHostFormatDAC(GString *buf)
{
    struct passwd *pw = getpwnam("libvirt-qemu");
    struct group *gr = getgrnam("libvirt-qemu");
    unsigned long uid = pw ? pw->pw_uid : getuid();
    unsigned long gid = gr ? gr->gr_gid : (pw ? pw->pw_gid : getgid());

    g_string_append_printf(buf,
                           "    <secmodel>\n"
                           "      <model>dac</model>\n"
                           "      <doi>0</doi>\n"
                           "      <baselabel type='kvm'>+%lu:+%lu</baselabel>\n"
                           "      <baselabel type='qemu'>+%lu:+%lu</baselabel>\n"
                           "    </secmodel>\n",
                           uid, gid, uid, gid);
}

char *
qemuHostCapabilities(qemuDriver *driver)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    const char *sysfs = qemuHostSysfsRoot();

    qemuHostUUID(uuidstr);
    g_string_append_printf(buf, "<capabilities>\n\n  <host>\n    <uuid>%s</uuid>\n", uuidstr);
    qemuHostFormatCPU(buf, qemuCapsGetVirArch(driver->caps), sysfs);
    g_string_append(buf,
                    "    <power_management/>\n"
                    "    <iommu support='no'/>\n"
                    "    <migration_features>\n"
                    "      <live/>\n"
                    "      <uri_transports>\n"
                    "        <uri_transport>tcp</uri_transport>\n"
                    "        <uri_transport>rdma</uri_transport>\n"
                    "      </uri_transports>\n"
                    "    </migration_features>\n");
    qemuHostFormatTopology(buf, sysfs);
    g_string_append(buf,
                    "    <secmodel>\n"
                    "      <model>none</model>\n"
                    "      <doi>0</doi>\n"
                    "    </secmodel>\n");
    qemuHostFormatDAC(buf);
    g_string_append(buf, "  </host>\n\n");
    qemuCapsFormatGuest(driver->caps, buf);
    g_string_append(buf, "\n</capabilities>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

/* ------------------------------------------------------------------ */
/* Node CPUs and memory (virNodeGet*)                                 */

/* The highest NUMA cell number below SYSFS (0 without NUMA). */
static int
qemuHostMaxCell(const char *sysfs)
{
    g_autoptr(GArray) nodes = qemuHostReadList(sysfs, "devices/system/node/online");

    return nodes->len ? (int)g_array_index(nodes, unsigned int, nodes->len - 1) : 0;
}

int
qemuHostNodeGetCPUStats(virConnectPtr conn G_GNUC_UNUSED,
                        int cpuNum,
                        virNodeCPUStatsPtr params,
                        int *nparams,
                        unsigned int flags)
{
    static const char *const names[] = {
        VIR_NODE_CPU_STATS_KERNEL, VIR_NODE_CPU_STATS_USER,
        VIR_NODE_CPU_STATS_IDLE, VIR_NODE_CPU_STATS_IOWAIT,
    };
    g_autofree char *stat = NULL;
    g_auto(GStrv) lines = NULL;
    g_autofree char *want = cpuNum < 0 ? g_strdup("cpu") : g_strdup_printf("cpu%d", cpuNum);
    unsigned long long tick = 1000000000ULL / sysconf(_SC_CLK_TCK);

    virCheckFlags(0, -1);
    if (cpuNum < VIR_NODE_CPU_STATS_ALL_CPUS) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virNodeGetCPUStats", __LINE__,
                                  "cpuNum", "cpuNum in %s only accepts %d as a negative value",
                                  "virNodeGetCPUStats", VIR_NODE_CPU_STATS_ALL_CPUS);
        return -1;
    }
    if (!g_file_get_contents("/proc/stat", &stat, NULL, NULL)) {
        virReportSystemError(errno, "%s", _("cannot read /proc/stat"));
        return -1;
    }
    lines = g_strsplit(stat, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        unsigned long long user, nice, sys, idle, iowait, irq, softirq;
        unsigned long long values[4];
        char name[32];

        if (sscanf(lines[i], "%31s %llu %llu %llu %llu %llu %llu %llu", name, &user,
                   &nice, &sys, &idle, &iowait, &irq, &softirq) != 8 ||
            strcmp(name, want) != 0)
            continue;
        /* libvirt's sums: kernel with interrupts, user with nice */
        values[0] = (sys + irq + softirq) * tick;
        values[1] = (user + nice) * tick;
        values[2] = idle * tick;
        values[3] = iowait * tick;
        if (*nparams == 0) {
            *nparams = G_N_ELEMENTS(names);
            return 0;
        }
        *nparams = MIN(*nparams, (int)G_N_ELEMENTS(names));
        for (int j = 0; j < *nparams; j++) {
            g_strlcpy(params[j].field, names[j], VIR_NODE_CPU_STATS_FIELD_LENGTH);
            params[j].value = values[j];
        }
        return 0;
    }
    virReportInvalidArgHelper(VIR_FROM_NONE, __FILE__, __func__, __LINE__, "cpuNum",
                              "Invalid cpuNum in %s", "virHostCPUGetStatsLinux");
    return -1;
}

int
qemuHostNodeGetMemoryStats(virConnectPtr conn G_GNUC_UNUSED,
                           int cellNum,
                           virNodeMemoryStatsPtr params,
                           int *nparams,
                           unsigned int flags)
{
    static const char *const names[] = {
        VIR_NODE_MEMORY_STATS_TOTAL, VIR_NODE_MEMORY_STATS_FREE,
        VIR_NODE_MEMORY_STATS_BUFFERS, VIR_NODE_MEMORY_STATS_CACHED,
    };
    const char *sysfs = qemuHostSysfsRoot();
    int maxCell = qemuHostMaxCell(sysfs);
    g_autofree char *text = NULL;
    unsigned long long values[4];
    int count;

    virCheckFlags(0, -1);
    if (cellNum < VIR_NODE_MEMORY_STATS_ALL_CELLS) {
        virReportInvalidArgHelper(VIR_FROM_DOMAIN, __FILE__, "virNodeGetMemoryStats", __LINE__,
                                  "cellNum", "cellNum in %s only accepts %d as a negative value",
                                  "virNodeGetMemoryStats", VIR_NODE_MEMORY_STATS_ALL_CELLS);
        return -1;
    }
    if (cellNum > maxCell) {
        virReportInvalidArgHelper(VIR_FROM_NONE, __FILE__, __func__, __LINE__, "cellNum",
                                  "cellNum in %s must be less than or equal to %d",
                                  "virHostMemGetStats", maxCell);
        return -1;
    }
    if (cellNum < 0 ? !g_file_get_contents("/proc/meminfo", &text, NULL, NULL)
                    : !(text = qemuHostNodeMeminfo(sysfs, cellNum))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("cannot read the memory figures of the host"));
        return -1;
    }
    values[0] = qemuHostMeminfoValue(text, "MemTotal");
    values[1] = qemuHostMeminfoValue(text, "MemFree");
    values[2] = qemuHostMeminfoValue(text, "Buffers");
    values[3] = qemuHostMeminfoValue(text, "Cached");
    /* a NUMA cell has only total and free */
    count = cellNum < 0 ? G_N_ELEMENTS(names) : 2;
    if (*nparams == 0) {
        *nparams = count;
        return 0;
    }
    *nparams = MIN(*nparams, count);
    for (int j = 0; j < *nparams; j++) {
        g_strlcpy(params[j].field, names[j], VIR_NODE_MEMORY_STATS_FIELD_LENGTH);
        params[j].value = values[j];
    }
    return 0;
}

int
qemuHostNodeGetCellsFreeMemory(virConnectPtr conn G_GNUC_UNUSED,
                               unsigned long long *freeMems,
                               int startCell,
                               int maxCells)
{
    const char *sysfs = qemuHostSysfsRoot();
    int maxCell = qemuHostMaxCell(sysfs);
    int n = 0;

    if (startCell < 0 || startCell > maxCell) {
        virReportErrorHelper(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                             __LINE__, _("start cell %d out of range (0-%d)"),
                             startCell, maxCell);
        return -1;
    }
    for (int cell = startCell; cell <= maxCell && n < maxCells; cell++) {
        g_autofree char *text = qemuHostNodeMeminfo(sysfs, cell);

        freeMems[n++] = qemuHostMeminfoValue(text, "MemFree") * 1024;
    }
    return n;
}

unsigned long long
qemuHostNodeGetFreeMemory(virConnectPtr conn G_GNUC_UNUSED)
{
    const char *sysfs = qemuHostSysfsRoot();
    g_autoptr(GArray) nodes = qemuHostReadList(sysfs, "devices/system/node/online");
    unsigned long long sum = 0;

    for (guint i = 0; i < nodes->len; i++) {
        g_autofree char *text = qemuHostNodeMeminfo(sysfs, g_array_index(nodes, unsigned int, i));

        sum += qemuHostMeminfoValue(text, "MemFree") * 1024;
    }
    if (nodes->len == 0) {
        g_autofree char *text = NULL;

        if (g_file_get_contents("/proc/meminfo", &text, NULL, NULL))
            sum = qemuHostMeminfoValue(text, "MemFree") * 1024;
    }
    return sum;
}
