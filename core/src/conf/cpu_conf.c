/*
 * cpu_conf.c: CPU descriptions, CPU model maps and CPU baselines
 *
 * An x86 CPU is a set of features.  A description names a model and adds
 * features to it; the baseline of several descriptions is the set they
 * share, written as the model that needs the fewest extra <feature>
 * elements (required or disabled) to say it, the way libvirt's x86 driver
 * chooses.  Feature sets are bitmaps indexed by the feature's place in
 * virtkitX86Features, which is also the order results list them in.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cpu_conf.h"
#include "cpu_x86_table.h"
#include "virerror.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_CPU

/* libvirt's architecture names (virArch) */
static const char *const cpuArchNames[] = {
    "i686", "x86_64", "alpha", "armv6l", "armv7l", "armv7b", "aarch64",
    "cris", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel",
    "mips64", "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle",
    "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x",
    "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "xtensa", "xtensaeb",
    NULL,
};

static const char *const cpuPPC64Models[] = {
    "POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500",
    "POWERPC_e6500", NULL,
};

static const char *const cpuPPC64Vendors[] = { "IBM", "Freescale", NULL };
static const char *const cpuX86Vendors[] = { "Intel", "AMD", "Hygon", NULL };
static const char *const cpuNoModels[] = { NULL };

bool
virCPUArchIsKnown(const char *arch)
{
    return arch && g_strv_contains(cpuArchNames, arch);
}

virCPUFamily
virCPUFamilyOf(const char *arch)
{
    if (g_str_equal(arch, "i686") || g_str_equal(arch, "x86_64"))
        return VIR_CPU_FAMILY_X86;
    if (g_str_equal(arch, "ppc64") || g_str_equal(arch, "ppc64le"))
        return VIR_CPU_FAMILY_PPC64;
    if (g_str_has_prefix(arch, "arm") || g_str_equal(arch, "aarch64"))
        return VIR_CPU_FAMILY_ARM;
    if (g_str_has_prefix(arch, "s390"))
        return VIR_CPU_FAMILY_S390;
    return VIR_CPU_FAMILY_NONE;
}

/* ------------------------------------------------------------------ */
/* The x86 model map                                                  */

#define CPU_X86_WORDS 4

typedef struct {
    guint64 w[CPU_X86_WORDS];
} cpuX86Set;

typedef struct {
    const virtkitX86ModelDef *def;
    cpuX86Set features;     /* the model's definition */
    cpuX86Set removed;      /* ... of which CPUs described by it lack these */
    cpuX86Set present;      /* features without removed: what such CPUs have */
} cpuX86Model;

typedef struct {
    size_t nfeatures;
    size_t nmodels;
    cpuX86Model *models;
    const char **names;     /* model names, NULL-terminated */
} cpuX86Map;

static void
cpuX86SetAdd(cpuX86Set *set, size_t i)
{
    set->w[i / 64] |= G_GUINT64_CONSTANT(1) << (i % 64);
}

static bool
cpuX86SetHas(const cpuX86Set *set, size_t i)
{
    return set->w[i / 64] & (G_GUINT64_CONSTANT(1) << (i % 64));
}

static bool
cpuX86SetIsEmpty(const cpuX86Set *set)
{
    size_t i;

    for (i = 0; i < CPU_X86_WORDS; i++) {
        if (set->w[i])
            return false;
    }
    return true;
}

/* OUT = A without B */
static cpuX86Set
cpuX86SetMinus(const cpuX86Set *a, const cpuX86Set *b)
{
    cpuX86Set out;
    size_t i;

    for (i = 0; i < CPU_X86_WORDS; i++)
        out.w[i] = a->w[i] & ~b->w[i];
    return out;
}

static size_t
cpuX86SetCount(const cpuX86Set *set)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < CPU_X86_WORDS; i++)
        n += __builtin_popcountll(set->w[i]);
    return n;
}

static int
cpuX86FeatureIndex(const char *name)
{
    int i;

    for (i = 0; virtkitX86Features[i]; i++) {
        if (strcmp(virtkitX86Features[i], name) == 0)
            return i;
    }
    return -1;
}

/* Add (or with MINUS take away) the space separated features WORDS. */
static void
cpuX86SetApply(cpuX86Set *set, const char *words, bool minus)
{
    g_auto(GStrv) names = g_strsplit(words, " ", -1);
    size_t i;

    for (i = 0; names[i]; i++) {
        int idx;

        if (!*names[i])
            continue;
        idx = cpuX86FeatureIndex(names[i]);
        g_assert(idx >= 0);
        if (minus)
            set->w[idx / 64] &= ~(G_GUINT64_CONSTANT(1) << (idx % 64));
        else
            cpuX86SetAdd(set, idx);
    }
}

static const cpuX86Model *
cpuX86MapFind(const cpuX86Map *map, const char *name)
{
    size_t i;

    for (i = 0; name && i < map->nmodels; i++) {
        if (strcmp(map->models[i].def->name, name) == 0)
            return &map->models[i];
    }
    return NULL;
}

static gpointer
cpuX86MapBuild(gpointer data G_GNUC_UNUSED)
{
    cpuX86Map *map = g_new0(cpuX86Map, 1);
    size_t total = 0;

    while (virtkitX86Features[map->nfeatures])
        map->nfeatures++;
    g_assert(map->nfeatures <= CPU_X86_WORDS * 64);
    while (virtkitX86Models[total].name)
        total++;
    map->models = g_new0(cpuX86Model, total);
    map->names = g_new0(const char *, total + 1);
    /* models are added one by one: a parent always comes earlier, so the
     * lookup among the first nmodels finds it */
    for (map->nmodels = 0; map->nmodels < total; map->nmodels++) {
        cpuX86Model *model = &map->models[map->nmodels];
        const cpuX86Model *parent;

        model->def = &virtkitX86Models[map->nmodels];
        map->names[map->nmodels] = model->def->name;
        if ((parent = cpuX86MapFind(map, model->def->parent)))
            model->features = parent->features;
        cpuX86SetApply(&model->features, model->def->plus, false);
        cpuX86SetApply(&model->features, model->def->minus, true);
        cpuX86SetApply(&model->removed, model->def->removed, false);
        model->present = cpuX86SetMinus(&model->features, &model->removed);
    }
    return map;
}

static const cpuX86Map *
cpuX86MapGet(void)
{
    static GOnce once = G_ONCE_INIT;

    return g_once(&once, cpuX86MapBuild, NULL);
}

const char *const *
virCPUModelNames(virCPUFamily family)
{
    switch (family) {
    case VIR_CPU_FAMILY_X86:
        return cpuX86MapGet()->names;
    case VIR_CPU_FAMILY_PPC64:
        return cpuPPC64Models;
    case VIR_CPU_FAMILY_ARM:
    case VIR_CPU_FAMILY_S390:
    case VIR_CPU_FAMILY_NONE:
        break;
    }
    return cpuNoModels;
}

/* ------------------------------------------------------------------ */
/* Host CPU descriptions                                              */

typedef struct {
    char *arch;
    char *model;
    char *vendor;           /* or NULL */
    GPtrArray *features;    /* char *, in document order */
} cpuDesc;

static void
cpuDescFree(cpuDesc *desc)
{
    if (!desc)
        return;
    g_free(desc->arch);
    g_free(desc->model);
    g_free(desc->vendor);
    if (desc->features)
        g_ptr_array_unref(desc->features);
    g_free(desc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cpuDesc, cpuDescFree);

typedef xmlDoc cpuXmlDoc;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cpuXmlDoc, xmlFreeDoc);

/* The text of NODE's child NAME, NULL when missing or empty. */
static char *
cpuChildText(xmlNodePtr node, const char *name)
{
    xmlNodePtr child = virXMLChild(node, name);
    g_autofree xmlChar *text = child ? xmlNodeGetContent(child) : NULL;

    return text && *text ? g_strdup((const char *)text) : NULL;
}

/* <topology>: every count that is given must be a positive number. */
static int
cpuCheckTopology(xmlNodePtr topology)
{
    static const char *const attrs[] = { "sockets", "dies", "cores", "threads" };
    size_t i;

    for (i = 0; topology && i < G_N_ELEMENTS(attrs); i++) {
        g_autofree xmlChar *v = xmlGetProp(topology, BAD_CAST attrs[i]);
        char *end = NULL;
        guint64 n;

        if (!v)
            continue;
        n = g_ascii_strtoull((const char *)v, &end, 10);
        if (!*v || *v == '-' || *end) {
            virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                                 "Invalid value for attribute '%s' in element 'topology': '%s'. Expected non-negative integer value",
                                 attrs[i], (const char *)v);
            return -1;
        }
        if (n == 0) {
            virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                                 "Invalid value for attribute '%s' in element 'topology': Zero is not permitted",
                                 attrs[i]);
            return -1;
        }
    }
    return 0;
}

/* Read one host CPU description; feature policies do not apply to one. */
static cpuDesc *
cpuDescParse(const char *xml)
{
    g_autoptr(cpuXmlDoc) doc = NULL;
    g_autoptr(cpuDesc) desc = g_new0(cpuDesc, 1);
    xmlNodePtr root;
    xmlNodePtr cur;

    if (!(doc = virXMLParse(NULL, xml, "(CPU_definition)", NULL, VIR_FROM_CPU)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "cpu")) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "XML does not contain expected 'cpu' element");
        return NULL;
    }
    if (xmlHasProp(root, BAD_CAST "mode")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "Attribute mode is only allowed for guest CPU");
        return NULL;
    }
    if (!(desc->arch = cpuChildText(root, "arch"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "Missing CPU architecture");
        return NULL;
    }
    if (!virCPUArchIsKnown(desc->arch)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Unknown architecture %s", desc->arch);
        return NULL;
    }
    if (!(desc->model = cpuChildText(root, "model"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "Missing CPU model name");
        return NULL;
    }
    desc->vendor = cpuChildText(root, "vendor");
    if (cpuCheckTopology(virXMLChild(root, "topology")) < 0)
        return NULL;
    desc->features = g_ptr_array_new_with_free_func(g_free);
    for (cur = root->children; cur; cur = cur->next) {
        g_autofree xmlChar *name = NULL;
        size_t i;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "feature"))
            continue;
        if (!(name = xmlGetProp(cur, BAD_CAST "name")) || !*name) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "Invalid CPU feature name");
            return NULL;
        }
        for (i = 0; i < desc->features->len; i++) {
            if (strcmp(desc->features->pdata[i], (const char *)name) == 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               "CPU feature '%s' specified more than once", (const char *)name);
                return NULL;
            }
        }
        g_ptr_array_add(desc->features, g_strdup((const char *)name));
    }
    return g_steal_pointer(&desc);
}

/* ------------------------------------------------------------------ */
/* Baselines                                                          */

typedef struct {
    char *model;
    char *vendor;           /* or NULL */
    bool forbid;            /* fallback='forbid': the model all CPUs named */
    GPtrArray *require;     /* const char *, in output order */
    GPtrArray *disable;
} cpuGuest;

static void
cpuGuestClear(cpuGuest *cpu)
{
    g_free(cpu->model);
    g_free(cpu->vendor);
    if (cpu->require)
        g_ptr_array_unref(cpu->require);
    if (cpu->disable)
        g_ptr_array_unref(cpu->disable);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(cpuGuest, cpuGuestClear);

static GPtrArray *
cpuX86SetNames(const cpuX86Map *map, const cpuX86Set *set)
{
    GPtrArray *names = g_ptr_array_new();
    size_t i;

    for (i = 0; i < map->nfeatures; i++) {
        if (cpuX86SetHas(set, i))
            g_ptr_array_add(names, (gpointer)virtkitX86Features[i]);
    }
    return names;
}

/* The features DESC (described by MODEL) has. */
static int
cpuX86DescData(const cpuDesc *desc, const cpuX86Model *model, cpuX86Set *data)
{
    size_t i;

    *data = model->present;
    for (i = 0; i < desc->features->len; i++) {
        int idx = cpuX86FeatureIndex(desc->features->pdata[i]);

        if (idx < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "Unknown CPU feature %s",
                           (const char *)desc->features->pdata[i]);
            return -1;
        }
        cpuX86SetAdd(data, idx);
    }
    return 0;
}

static const cpuX86Model *
cpuX86ModelOf(const cpuX86Map *map, const cpuDesc *desc)
{
    const cpuX86Model *model = cpuX86MapFind(map, desc->model);

    if (!model)
        virReportError(VIR_ERR_INTERNAL_ERROR, "Unknown CPU model %s", desc->model);
    return model;
}

static int
cpuX86CheckVendor(const char *vendor)
{
    if (!g_strv_contains(cpuX86Vendors, vendor)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "Unknown CPU vendor %s", vendor);
        return -1;
    }
    return 0;
}

/* Whether a CPU of VENDOR (or NULL) may be described by MODEL. */
static bool
cpuX86ModelDecodes(const cpuX86Model *model, const char *vendor)
{
    return model->def->decode &&
           !(vendor && model->def->vendor && strcmp(vendor, model->def->vendor) != 0);
}

/* Write DATA as a decodable model and the features it needs required or
 * disabled: PREFERRED when allowed, else the model needing the fewest,
 * the fewest disabled among equals, the newest among those; models of
 * another vendor than VENDOR do not count.  (libvirt also weighs the
 * CPUID signatures of its models, which virtkit's table does not carry:
 * for some CPUs of different generations the two pick different, equally
 * valid models.) */
static int
cpuX86Decode(const cpuX86Map *map, const cpuX86Set *data, const char *vendor,
             const char *preferred, cpuGuest *out)
{
    const cpuX86Model *best = NULL;
    cpuX86Set bestRequire = { { 0 } };
    cpuX86Set bestDisable = { { 0 } };
    size_t bestCount = 0;
    size_t bestDisabled = 0;
    size_t i;

    for (i = map->nmodels; i-- > 0;) {
        const cpuX86Model *model = &map->models[i];
        cpuX86Set require;
        cpuX86Set disable;
        size_t disabled;
        size_t count;

        if (!cpuX86ModelDecodes(model, vendor))
            continue;
        require = cpuX86SetMinus(data, &model->present);
        disable = cpuX86SetMinus(&model->present, data);
        disabled = cpuX86SetCount(&disable);
        count = cpuX86SetCount(&require) + disabled;
        if (!best || bestCount > count ||
            (bestCount == count && bestDisabled > disabled) ||
            (preferred && strcmp(model->def->name, preferred) == 0)) {
            best = model;
            bestCount = count;
            bestDisabled = disabled;
            bestRequire = require;
            bestDisable = disable;
        }
        if (preferred && strcmp(model->def->name, preferred) == 0)
            break;
    }
    if (!best) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "Cannot find suitable CPU model for given data");
        return -1;
    }
    out->model = g_strdup(best->def->name);
    out->forbid = preferred && strcmp(best->def->name, preferred) == 0;
    out->require = cpuX86SetNames(map, &bestRequire);
    out->disable = cpuX86SetNames(map, &bestDisable);
    /* the model's removed features follow, disabled, unless required */
    bestDisable = cpuX86SetMinus(&best->removed, &bestRequire);
    {
        g_autoptr(GPtrArray) removed = cpuX86SetNames(map, &bestDisable);

        g_ptr_array_extend(out->disable, removed, NULL, NULL);
    }
    return 0;
}

int
virCPUx86DecodeHost(const char *vendor, const char *features,
                    char **ret_model, char ***ret_features)
{
    const cpuX86Map *map = cpuX86MapGet();
    const cpuX86Model *best = NULL;
    cpuX86Set data = { { 0 } };
    cpuX86Set bestRequire = { { 0 } };
    size_t bestCount = 0;
    GPtrArray *names;
    size_t i;

    cpuX86SetApply(&data, features, false);
    /* from the newest model: among equals the newest stays */
    for (i = map->nmodels; i-- > 0;) {
        const cpuX86Model *model = &map->models[i];
        cpuX86Set missing;
        cpuX86Set require;
        size_t count;

        if (!cpuX86ModelDecodes(model, vendor))
            continue;
        missing = cpuX86SetMinus(&model->present, &data);
        if (cpuX86SetCount(&missing) > 0)
            continue;
        require = cpuX86SetMinus(&data, &model->present);
        count = cpuX86SetCount(&require);
        if (!best || bestCount > count) {
            best = model;
            bestCount = count;
            bestRequire = require;
        }
    }
    if (!best) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "Cannot find suitable CPU model for given data");
        return -1;
    }
    names = cpuX86SetNames(map, &bestRequire);
    g_ptr_array_add(names, NULL);
    *ret_model = g_strdup(best->def->name);
    *ret_features = g_strdupv((char **)names->pdata);
    g_ptr_array_free(names, TRUE);
    return 0;
}

static int
cpuX86Baseline(cpuDesc **descs, size_t n, cpuGuest *out)
{
    const cpuX86Map *map = cpuX86MapGet();
    const cpuX86Model *model;
    const char *vendor = NULL;
    const char *preferred = descs[0]->model;
    bool outputVendor = true;
    cpuX86Set data;
    size_t i;

    if (descs[0]->vendor) {
        if (cpuX86CheckVendor(descs[0]->vendor) < 0)
            return -1;
        vendor = descs[0]->vendor;
    } else {
        outputVendor = false;
    }
    if (!(model = cpuX86ModelOf(map, descs[0])) || cpuX86DescData(descs[0], model, &data) < 0)
        return -1;

    for (i = 1; i < n; i++) {
        const cpuDesc *desc = descs[i];
        const char *cpuVendor;
        cpuX86Set other;
        size_t w;

        if (!(model = cpuX86ModelOf(map, desc)))
            return -1;
        if (desc->vendor && model->def->vendor &&
            strcmp(desc->vendor, model->def->vendor) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "CPU vendor %s of model %s differs from vendor %s",
                           model->def->vendor, model->def->name, desc->vendor);
            return -1;
        }
        if (cpuX86DescData(desc, model, &other) < 0)
            return -1;
        /* past the first CPU, a model's own vendor counts as given */
        if (!desc->vendor)
            outputVendor = false;
        if (!(cpuVendor = desc->vendor ? desc->vendor : model->def->vendor)) {
            /* nothing to match */
        } else if (!vendor) {
            if (cpuX86CheckVendor(cpuVendor) < 0)
                return -1;
            vendor = cpuVendor;
        } else if (strcmp(vendor, cpuVendor) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s", "CPU vendors do not match");
            return -1;
        }
        if (g_strcmp0(preferred, desc->model) != 0)
            preferred = NULL;
        for (w = 0; w < CPU_X86_WORDS; w++)
            data.w[w] &= other.w[w];
    }
    if (cpuX86SetIsEmpty(&data)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "CPUs are incompatible");
        return -1;
    }
    if (cpuX86Decode(map, &data, vendor, preferred, out) < 0)
        return -1;
    if (outputVendor)
        out->vendor = g_strdup(vendor);
    return 0;
}

/* EXPAND_FEATURES: every feature of the model, in name order. */
static void
cpuX86Expand(cpuGuest *cpu)
{
    const cpuX86Map *map = cpuX86MapGet();
    const cpuX86Model *model = cpuX86MapFind(map, cpu->model);
    cpuX86Set require = model->features;
    size_t i;

    for (i = 0; i < cpu->require->len; i++)
        cpuX86SetAdd(&require, cpuX86FeatureIndex(cpu->require->pdata[i]));
    for (i = 0; i < cpu->disable->len; i++) {
        int idx = cpuX86FeatureIndex(cpu->disable->pdata[i]);

        require.w[idx / 64] &= ~(G_GUINT64_CONSTANT(1) << (idx % 64));
    }
    g_ptr_array_unref(cpu->require);
    cpu->require = cpuX86SetNames(map, &require);
}

static int
cpuPPC64Baseline(cpuDesc **descs, size_t n, cpuGuest *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (descs[i]->vendor && !g_strv_contains(cpuPPC64Vendors, descs[i]->vendor)) {
            virReportError(VIR_ERR_OPERATION_FAILED, "Unknown CPU vendor %s",
                           descs[i]->vendor);
            return -1;
        }
        if (!g_strv_contains(cpuPPC64Models, descs[i]->model)) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "Unknown CPU model %s", descs[i]->model);
            return -1;
        }
        if (strcmp(descs[i]->model, descs[0]->model) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s", "CPUs are incompatible");
            return -1;
        }
    }
    out->model = g_strdup(descs[0]->model);
    out->forbid = true;
    return 0;
}

static int
cpuNameCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
cpuFormatFeatures(GString *buf, GPtrArray *names, const char *policy)
{
    size_t i;

    for (i = 0; names && i < names->len; i++)
        g_string_append_printf(buf, "  <feature policy='%s' name='%s'/>\n",
                               policy, (const char *)names->pdata[i]);
}

static char *
cpuGuestFormat(const cpuGuest *cpu, bool sorted)
{
    GString *buf = g_string_new("<cpu mode='custom' match='exact'>\n");
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    size_t i;

    g_string_append_printf(buf, "  <model fallback='%s'>%s</model>\n",
                           cpu->forbid ? "forbid" : "allow", cpu->model);
    if (cpu->vendor)
        g_string_append_printf(buf, "  <vendor>%s</vendor>\n", cpu->vendor);
    if (!sorted) {
        cpuFormatFeatures(buf, cpu->require, "require");
        cpuFormatFeatures(buf, cpu->disable, "disable");
    } else {
        /* one list in name order, each name with its policy */
        for (i = 0; cpu->require && i < cpu->require->len; i++)
            g_ptr_array_add(all, g_strconcat(cpu->require->pdata[i], "\trequire", NULL));
        for (i = 0; cpu->disable && i < cpu->disable->len; i++)
            g_ptr_array_add(all, g_strconcat(cpu->disable->pdata[i], "\tdisable", NULL));
        g_ptr_array_sort(all, cpuNameCompare);
        for (i = 0; i < all->len; i++) {
            char *tab = strchr(all->pdata[i], '\t');

            *tab = '\0';
            g_string_append_printf(buf, "  <feature policy='%s' name='%s'/>\n",
                                   tab + 1, (const char *)all->pdata[i]);
            g_free(all->pdata[i]);
        }
    }
    g_string_append(buf, "</cpu>\n");
    return g_string_free(buf, FALSE);
}

char *
virCPUBaselineXML(const char **xmlCPUs, unsigned int ncpus, bool expand)
{
    g_autoptr(GPtrArray) descs = g_ptr_array_new_with_free_func((GDestroyNotify)cpuDescFree);
    g_auto(cpuGuest) out = { 0 };
    const char *arch;
    size_t i;
    int rc = -1;

    if (!xmlCPUs || ncpus == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "no CPUs given");
        return NULL;
    }
    for (i = 0; i < ncpus; i++) {
        cpuDesc *desc;

        if (!xmlCPUs[i]) {
            virReportError(VIR_ERR_INVALID_ARG, "invalid CPU definition at index %zu", i);
            return NULL;
        }
        if (!(desc = cpuDescParse(xmlCPUs[i])))
            return NULL;
        g_ptr_array_add(descs, desc);
    }

    /* the first CPU's architecture decides */
    arch = ((cpuDesc *)descs->pdata[0])->arch;
    switch (virCPUFamilyOf(arch)) {
    case VIR_CPU_FAMILY_X86:
        rc = cpuX86Baseline((cpuDesc **)descs->pdata, ncpus, &out);
        if (rc == 0 && expand)
            cpuX86Expand(&out);
        break;
    case VIR_CPU_FAMILY_PPC64:
        rc = cpuPPC64Baseline((cpuDesc **)descs->pdata, ncpus, &out);
        break;
    case VIR_CPU_FAMILY_ARM:
        out.model = g_strdup(((cpuDesc *)descs->pdata[0])->model);
        rc = 0;
        break;
    case VIR_CPU_FAMILY_S390:
        virReportError(VIR_ERR_NO_SUPPORT,
                       "cannot compute baseline CPU of %s architecture", arch);
        break;
    case VIR_CPU_FAMILY_NONE:
        virReportError(VIR_ERR_NO_SUPPORT,
                       "'%s' architecture is not supported by CPU driver", arch);
        break;
    }
    if (rc < 0)
        return NULL;
    return cpuGuestFormat(&out, expand);
}
