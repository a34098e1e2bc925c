/*
 * domain_format.c: writing a virDomainDef back as libvirt's domain XML
 *
 * The layout is libvirt's, byte for byte: two-space indentation, single
 * quoted attributes in libvirt's order, elements in libvirt's order, empty
 * elements self-closed.  Everything is appended to one GString through the
 * small helpers below, which carry the indentation level so that each
 * device formatter reads like the XML it produces.
 */
#include <stdio.h>
#include <string.h>

#include "domain_conf.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* ================================================================== */
/* Output helpers                                                     */

typedef struct {
    GString *str;
    int indent;
} virDomainFmt;

/* Formatting is on the hot path of virDomainGetXMLDesc, so these helpers
 * avoid a heap allocation per call: indentation is copied from a constant,
 * literal text is appended as is, and printf output goes through a stack
 * buffer (falling back to GString's own printf for long lines). */
static void
fmtIndent(virDomainFmt *f)
{
    static const char spaces[] = "                                                                ";
    size_t n = (size_t)f->indent * 2;

    while (n > 0) {
        size_t chunk = MIN(n, sizeof(spaces) - 1);
        g_string_append_len(f->str, spaces, chunk);
        n -= chunk;
    }
}

static void
fmtAppendV(virDomainFmt *f, const char *fmt, va_list ap)
{
    char buf[512];
    va_list copy;
    int n;

    if (!strchr(fmt, '%')) {
        g_string_append(f->str, fmt);
        return;
    }
    va_copy(copy, ap);
    n = vsnprintf(buf, sizeof(buf), fmt, copy);
    va_end(copy);
    if (n >= 0 && (size_t)n < sizeof(buf))
        g_string_append_len(f->str, buf, n);
    else
        g_string_append_vprintf(f->str, fmt, ap);
}

static void G_GNUC_PRINTF(2, 3)
fmtLine(virDomainFmt *f, const char *fmt, ...)
{
    va_list ap;

    fmtIndent(f);
    va_start(ap, fmt);
    fmtAppendV(f, fmt, ap);
    va_end(ap);
    g_string_append_c(f->str, '\n');
}

/* Append the start of a line ("  <tag") without a newline. */
static void G_GNUC_PRINTF(2, 3)
fmtStart(virDomainFmt *f, const char *fmt, ...)
{
    va_list ap;

    fmtIndent(f);
    va_start(ap, fmt);
    fmtAppendV(f, fmt, ap);
    va_end(ap);
}

static void G_GNUC_PRINTF(2, 3)
fmtAdd(virDomainFmt *f, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fmtAppendV(f, fmt, ap);
    va_end(ap);
}

static void
fmtEscape(GString *out, const char *str)
{
    /* the common case: nothing to escape */
    if (!str[strcspn(str, "<>&'\"")]) {
        g_string_append(out, str);
        return;
    }
    for (; *str; str++) {
        switch (*str) {
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '\'':
            g_string_append(out, "&apos;");
            break;
        case '"':
            g_string_append(out, "&quot;");
            break;
        default:
            g_string_append_c(out, *str);
            break;
        }
    }
}

/* " name='escaped value'" when VALUE is not NULL */
static void
fmtAttr(virDomainFmt *f, const char *name, const char *value)
{
    if (!value)
        return;
    g_string_append_c(f->str, ' ');
    g_string_append(f->str, name);
    g_string_append(f->str, "='");
    fmtEscape(f->str, value);
    g_string_append_c(f->str, '\'');
}

/* "<name>escaped</name>" line when VALUE is not NULL */
static void
fmtElem(virDomainFmt *f, const char *name, const char *value)
{
    if (!value)
        return;
    fmtIndent(f);
    g_string_append_c(f->str, '<');
    g_string_append(f->str, name);
    g_string_append_c(f->str, '>');
    fmtEscape(f->str, value);
    g_string_append(f->str, "</");
    g_string_append(f->str, name);
    g_string_append(f->str, ">\n");
}

/* ================================================================== */
/* Tunables: <iotune>, <bandwidth>, <perf>                            */

/* A disk's <iotune>: the limits that are set, the group where libvirt
 * puts it (an empty group name set through the API is written too). */
static void
virDomainDiskIotuneFormat(virDomainFmt *f, const virDomainDiskDef *disk)
{
    bool any = disk->iotuneGroup != NULL;
    size_t i;

    for (i = 0; i < VIR_DOMAIN_DISK_IOTUNE_LAST; i++)
        any |= disk->iotune[i] != 0;
    if (!any)
        return;
    fmtLine(f, "<iotune>");
    f->indent++;
    for (i = 0; i < VIR_DOMAIN_DISK_IOTUNE_LAST; i++) {
        const char *name = virDomainDiskIotuneTypeToString(i);

        if (i == VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH)
            fmtElem(f, "group_name", disk->iotuneGroup);
        if (disk->iotune[i])
            fmtLine(f, "<%s>%llu</%s>", name, disk->iotune[i], name);
    }
    f->indent--;
    fmtLine(f, "</iotune>");
}

static void
virNetDevBandwidthRateFormat(virDomainFmt *f, const char *elem,
                             const virNetDevBandwidthRate *rate)
{
    if (!rate || !(rate->average || rate->floor))
        return;
    fmtStart(f, "<%s", elem);
    if (rate->average)
        fmtAdd(f, " average='%llu'", rate->average);
    if (rate->peak)
        fmtAdd(f, " peak='%llu'", rate->peak);
    if (rate->floor)
        fmtAdd(f, " floor='%llu'", rate->floor);
    if (rate->burst)
        fmtAdd(f, " burst='%llu'", rate->burst);
    fmtAdd(f, "/>\n");
}

static void
virNetDevBandwidthFormat(virDomainFmt *f, const virNetDevBandwidth *bw)
{
    if (!bw)
        return;
    fmtLine(f, "<bandwidth>");
    f->indent++;
    virNetDevBandwidthRateFormat(f, "inbound", bw->in);
    virNetDevBandwidthRateFormat(f, "outbound", bw->out);
    f->indent--;
    fmtLine(f, "</bandwidth>");
}

static void
virDomainPerfFormat(virDomainFmt *f, const virDomainDef *def)
{
    bool any = false;
    size_t i;

    for (i = 0; i < VIR_PERF_EVENT_LAST; i++)
        any |= def->perf[i] != VIR_TRISTATE_BOOL_ABSENT;
    if (!any)
        return;
    fmtLine(f, "<perf>");
    f->indent++;
    for (i = 0; i < VIR_PERF_EVENT_LAST; i++) {
        if (def->perf[i] != VIR_TRISTATE_BOOL_ABSENT)
            fmtLine(f, "<event name='%s' enabled='%s'/>",
                    virPerfEventTypeToString(i),
                    virTristateBoolTypeToString(def->perf[i]));
    }
    f->indent--;
    fmtLine(f, "</perf>");
}

/* ================================================================== */
/* Security labels                                                    */

/* Device labels at indentation INDENT into a fresh string (empty when
 * nothing is to be written). */
static GString *
virSecurityDeviceLabelsFormat(virSecurityDeviceLabelDef *const *labels,
                              size_t n, int indent, unsigned int flags)
{
    virDomainFmt sub = { g_string_new(NULL), indent };
    size_t i;

    for (i = 0; i < n; i++) {
        const virSecurityDeviceLabelDef *sl = labels[i];

        /* an inactive label that relabels without a label says nothing */
        if ((flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE) && !sl->label &&
            sl->relabel)
            continue;
        fmtStart(&sub, "<seclabel");
        fmtAttr(&sub, "model", sl->model);
        if (sl->labelskip)
            fmtAdd(&sub, " labelskip='yes'");
        else
            fmtAdd(&sub, " relabel='%s'", sl->relabel ? "yes" : "no");
        if (!sl->label) {
            fmtAdd(&sub, "/>\n");
            continue;
        }
        fmtAdd(&sub, ">\n");
        sub.indent++;
        fmtElem(&sub, "label", sl->label);
        sub.indent--;
        fmtLine(&sub, "</seclabel>");
    }
    return sub.str;
}

/* Close a "<source ..." start tag: "/>" or the children then
 * "</source>". */
static void
fmtCloseWithChildren(virDomainFmt *f, const char *name, GString *children)
{
    if (!children->len) {
        fmtAdd(f, "/>\n");
    } else {
        fmtAdd(f, ">\n");
        g_string_append_len(f->str, children->str, children->len);
        fmtLine(f, "</%s>", name);
    }
    g_string_free(children, TRUE);
}

static void
virSecurityLabelFormat(virDomainFmt *f, const virSecurityLabelDef *sl,
                       unsigned int flags)
{
    bool inactive = flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    bool dynamic = sl->type == VIR_DOMAIN_SECLABEL_DYNAMIC;
    const char *label = sl->label && (!inactive || !dynamic) ? sl->label : NULL;
    const char *image = sl->imagelabel && (!inactive || !dynamic) ?
        sl->imagelabel : NULL;
    const char *base = dynamic ? sl->baselabel : NULL;

    if (sl->type == VIR_DOMAIN_SECLABEL_DEFAULT)
        return;
    fmtStart(f, "<seclabel type='%s'", virDomainSeclabelTypeToString(sl->type));
    fmtAttr(f, "model", sl->model);
    if (sl->type == VIR_DOMAIN_SECLABEL_NONE) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, " relabel='%s'", sl->relabel ? "yes" : "no");
    if (!label && !image && !base) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    fmtElem(f, "label", label);
    fmtElem(f, "imagelabel", image);
    fmtElem(f, "baselabel", base);
    f->indent--;
    fmtLine(f, "</seclabel>");
}

/* ================================================================== */
/* Tuning                                                             */

static void
virDomainBlkiotuneFormat(virDomainFmt *f, const virDomainDef *def)
{
    virDomainFmt sub = { g_string_new(NULL), f->indent + 1 };
    size_t i;

    if (def->blkioWeight)
        fmtLine(&sub, "<weight>%u</weight>", def->blkioWeight);
    for (i = 0; i < def->nblkioDevices; i++) {
        const virBlkioDevice *d = &def->blkioDevices[i];

        if (!d->weight && !d->riops && !d->wiops && !d->rbps && !d->wbps)
            continue;
        fmtLine(&sub, "<device>");
        sub.indent++;
        fmtElem(&sub, "path", d->path);
        if (d->weight)
            fmtLine(&sub, "<weight>%u</weight>", d->weight);
        if (d->riops)
            fmtLine(&sub, "<read_iops_sec>%llu</read_iops_sec>", d->riops);
        if (d->wiops)
            fmtLine(&sub, "<write_iops_sec>%llu</write_iops_sec>", d->wiops);
        if (d->rbps)
            fmtLine(&sub, "<read_bytes_sec>%llu</read_bytes_sec>", d->rbps);
        if (d->wbps)
            fmtLine(&sub, "<write_bytes_sec>%llu</write_bytes_sec>", d->wbps);
        sub.indent--;
        fmtLine(&sub, "</device>");
    }
    if (sub.str->len) {
        fmtLine(f, "<blkiotune>");
        g_string_append_len(f->str, sub.str->str, sub.str->len);
        fmtLine(f, "</blkiotune>");
    }
    g_string_free(sub.str, TRUE);
}

static void
virDomainMemtuneFormat(virDomainFmt *f, const virDomainDef *def)
{
    if (!def->hasHardLimit && !def->hasSoftLimit && !def->minGuarantee &&
        !def->hasSwapHardLimit)
        return;
    fmtLine(f, "<memtune>");
    f->indent++;
    if (def->hasHardLimit)
        fmtLine(f, "<hard_limit unit='KiB'>%llu</hard_limit>", def->hardLimit);
    if (def->hasSoftLimit)
        fmtLine(f, "<soft_limit unit='KiB'>%llu</soft_limit>", def->softLimit);
    if (def->minGuarantee)
        fmtLine(f, "<min_guarantee unit='KiB'>%llu</min_guarantee>",
                def->minGuarantee);
    if (def->hasSwapHardLimit)
        fmtLine(f, "<swap_hard_limit unit='KiB'>%llu</swap_hard_limit>",
                def->swapHardLimit);
    f->indent--;
    fmtLine(f, "</memtune>");
}

static void
virDomainMemoryBackingFormat(virDomainFmt *f, const virDomainDef *def)
{
    size_t i;

    if (!def->hasHugepages && !def->nosharepages && !def->locked &&
        !def->memSource && !def->memAccess && !def->memAllocation &&
        !def->memAllocThreads && !def->memDiscard)
        return;
    fmtLine(f, "<memoryBacking>");
    f->indent++;
    if (def->hasHugepages) {
        if (def->nhugepages == 0) {
            fmtLine(f, "<hugepages/>");
        } else {
            fmtLine(f, "<hugepages>");
            f->indent++;
            for (i = 0; i < def->nhugepages; i++) {
                fmtStart(f, "<page size='%llu' unit='KiB'",
                         def->hugepages[i].size);
                fmtAttr(f, "nodeset", def->hugepages[i].nodeset);
                fmtAdd(f, "/>\n");
            }
            f->indent--;
            fmtLine(f, "</hugepages>");
        }
    }
    if (def->nosharepages)
        fmtLine(f, "<nosharepages/>");
    if (def->locked)
        fmtLine(f, "<locked/>");
    if (def->memSource)
        fmtLine(f, "<source type='%s'/>",
                virDomainMemorySourceTypeToString(def->memSource));
    if (def->memAccess)
        fmtLine(f, "<access mode='%s'/>",
                virDomainMemoryAccessTypeToString(def->memAccess));
    if (def->memAllocation || def->memAllocThreads) {
        fmtStart(f, "<allocation");
        if (def->memAllocation)
            fmtAdd(f, " mode='%s'",
                   virDomainMemoryAllocationTypeToString(def->memAllocation));
        if (def->memAllocThreads)
            fmtAdd(f, " threads='%u'", def->memAllocThreads);
        fmtAdd(f, "/>\n");
    }
    if (def->memDiscard)
        fmtLine(f, "<discard/>");
    f->indent--;
    fmtLine(f, "</memoryBacking>");
}

static void
virDomainIOThreadIDsFormat(virDomainFmt *f, const virDomainDef *def)
{
    bool explicitIds = false;
    size_t i;

    for (i = 0; i < def->niothreadids; i++)
        explicitIds |= !def->iothreadids[i].autofill;
    if (!explicitIds)
        return;
    fmtLine(f, "<iothreadids>");
    f->indent++;
    for (i = 0; i < def->niothreadids; i++) {
        const virDomainIOThreadIDDef *iot = &def->iothreadids[i];

        fmtStart(f, "<iothread id='%u'", iot->iothread_id);
        if (iot->thread_pool_min >= 0)
            fmtAdd(f, " thread_pool_min='%d'", iot->thread_pool_min);
        if (iot->thread_pool_max >= 0)
            fmtAdd(f, " thread_pool_max='%d'", iot->thread_pool_max);
        fmtAdd(f, "/>\n");
    }
    f->indent--;
    fmtLine(f, "</iothreadids>");
}

static void
virDomainThreadSchedFormat(virDomainFmt *f, const char *elem,
                           const char *attr, unsigned int id,
                           const virDomainThreadSchedParam *sched)
{
    fmtStart(f, "<%s", elem);
    if (attr)
        fmtAdd(f, " %s='%u'", attr, id);
    fmtAdd(f, " scheduler='%s'",
           virProcessSchedPolicyTypeToString(sched->policy));
    if (sched->policy == VIR_PROC_POLICY_FIFO ||
        sched->policy == VIR_PROC_POLICY_RR)
        fmtAdd(f, " priority='%d'", sched->priority);
    fmtAdd(f, "/>\n");
}

static void
virDomainCputuneFormat(virDomainFmt *f, const virDomainDef *def)
{
    virDomainFmt sub = { g_string_new(NULL), f->indent + 1 };
    size_t i;

    if (def->cputuneSharesSpecified)
        fmtLine(&sub, "<shares>%llu</shares>", def->cputuneShares);
    if (def->cputunePeriod)
        fmtLine(&sub, "<period>%llu</period>", def->cputunePeriod);
    if (def->cputuneQuota)
        fmtLine(&sub, "<quota>%lld</quota>", def->cputuneQuota);
    if (def->cputuneGlobalPeriod)
        fmtLine(&sub, "<global_period>%llu</global_period>",
                def->cputuneGlobalPeriod);
    if (def->cputuneGlobalQuota)
        fmtLine(&sub, "<global_quota>%lld</global_quota>",
                def->cputuneGlobalQuota);
    if (def->cputuneEmulatorPeriod)
        fmtLine(&sub, "<emulator_period>%llu</emulator_period>",
                def->cputuneEmulatorPeriod);
    if (def->cputuneEmulatorQuota)
        fmtLine(&sub, "<emulator_quota>%lld</emulator_quota>",
                def->cputuneEmulatorQuota);
    if (def->cputuneIothreadPeriod)
        fmtLine(&sub, "<iothread_period>%llu</iothread_period>",
                def->cputuneIothreadPeriod);
    if (def->cputuneIothreadQuota)
        fmtLine(&sub, "<iothread_quota>%lld</iothread_quota>",
                def->cputuneIothreadQuota);
    for (i = 0; i < def->nvcpupins; i++)
        fmtLine(&sub, "<vcpupin vcpu='%u' cpuset='%s'/>",
                def->vcpupins[i].id, def->vcpupins[i].cpuset);
    if (def->emulatorpin)
        fmtLine(&sub, "<emulatorpin cpuset='%s'/>", def->emulatorpin);
    for (i = 0; i < def->niothreadids; i++) {
        size_t j;
        for (j = 0; j < def->niothreadpins; j++) {
            if (def->iothreadpins[j].id == def->iothreadids[i].iothread_id)
                fmtLine(&sub, "<iothreadpin iothread='%u' cpuset='%s'/>",
                        def->iothreadpins[j].id, def->iothreadpins[j].cpuset);
        }
    }
    if (def->emulatorSched.policy)
        virDomainThreadSchedFormat(&sub, "emulatorsched", NULL, 0,
                                   &def->emulatorSched);
    for (i = 0; def->vcpuSched && i < def->maxvcpus; i++) {
        if (def->vcpuSched[i].policy)
            virDomainThreadSchedFormat(&sub, "vcpusched", "vcpus", i,
                                       &def->vcpuSched[i]);
    }
    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i].sched.policy)
            virDomainThreadSchedFormat(&sub, "iothreadsched", "iothreads",
                                       def->iothreadids[i].iothread_id,
                                       &def->iothreadids[i].sched);
    }
    if (sub.str->len) {
        fmtLine(f, "<cputune>");
        g_string_append_len(f->str, sub.str->str, sub.str->len);
        fmtLine(f, "</cputune>");
    }
    g_string_free(sub.str, TRUE);
}

static void
virDomainNumatuneFormat(virDomainFmt *f, const virDomainDef *def)
{
    size_t i;

    bool autoMem = !def->hasNumatuneMemory &&
        def->placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;

    if (!def->hasNumatuneMemory && !def->nmemnodes && !autoMem)
        return;
    fmtLine(f, "<numatune>");
    f->indent++;
    if (autoMem) {
        /* automatic vCPU placement implies automatic memory placement */
        fmtLine(f, "<memory mode='strict' placement='auto'/>");
    } else if (def->hasNumatuneMemory) {
        fmtStart(f, "<memory mode='%s'",
                 virDomainNumatuneMemModeTypeToString(def->numatuneMode));
        if (def->numatunePlacement == VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO)
            fmtAdd(f, " placement='auto'");
        else
            fmtAttr(f, "nodeset", def->numatuneNodeset);
        fmtAdd(f, "/>\n");
    }
    for (i = 0; i < def->nmemnodes; i++)
        fmtLine(f, "<memnode cellid='%u' mode='%s' nodeset='%s'/>",
                def->memnodes[i].cellid,
                virDomainNumatuneMemModeTypeToString(def->memnodes[i].mode),
                def->memnodes[i].nodeset);
    f->indent--;
    fmtLine(f, "</numatune>");
}

static void
virDomainResourceFormat(virDomainFmt *f, const virDomainDef *def)
{
    if (!def->resourcePartition && !def->resourceAppid)
        return;
    fmtLine(f, "<resource>");
    f->indent++;
    fmtElem(f, "partition", def->resourcePartition);
    if (def->resourceAppid) {
        fmtStart(f, "<fibrechannel");
        fmtAttr(f, "appid", def->resourceAppid);
        fmtAdd(f, "/>\n");
    }
    f->indent--;
    fmtLine(f, "</resource>");
}

static void
virSysinfoBlockFormat(virDomainFmt *f, const char *elem,
                      const char *const *names, char *const *values, size_t n)
{
    size_t i;
    bool any = false;

    for (i = 0; i < n; i++)
        any |= values[i] != NULL;
    if (!any)
        return;
    fmtLine(f, "<%s>", elem);
    f->indent++;
    for (i = 0; i < n; i++) {
        if (!values[i])
            continue;
        fmtStart(f, "<entry name='%s'>", names[i]);
        fmtEscape(f->str, values[i]);
        fmtAdd(f, "</entry>\n");
    }
    f->indent--;
    fmtLine(f, "</%s>", elem);
}

static void
virSysinfoFormat(virDomainFmt *f, const virSysinfoDef *si)
{
    const char *const *biosNames = virSysinfoBIOSNames;
    const char *const *systemNames = virSysinfoSystemNames;
    const char *const *boardNames = virSysinfoBoardNames;
    const char *const *chassisNames = virSysinfoChassisNames;
    virDomainFmt sub = { g_string_new(NULL), f->indent + 1 };
    size_t i;

    if (si->type == 1) {
        for (i = 0; i < si->nfwcfg; i++) {
            fmtStart(&sub, "<entry");
            fmtAttr(&sub, "name", si->fwcfg[i].name);
            fmtAttr(&sub, "file", si->fwcfg[i].file);
            if (si->fwcfg[i].value) {
                fmtAdd(&sub, ">");
                fmtEscape(sub.str, si->fwcfg[i].value);
                fmtAdd(&sub, "</entry>\n");
            } else {
                fmtAdd(&sub, "/>\n");
            }
        }
    } else {
        virSysinfoBlockFormat(&sub, "bios", biosNames, si->bios, 4);
        virSysinfoBlockFormat(&sub, "system", systemNames, si->system, 7);
        for (i = 0; i < si->nbaseBoards; i++)
            virSysinfoBlockFormat(&sub, "baseBoard", boardNames,
                                  si->baseBoards + i * 6, 6);
        virSysinfoBlockFormat(&sub, "chassis", chassisNames, si->chassis, 5);
        if (si->noemStrings) {
            fmtLine(&sub, "<oemStrings>");
            sub.indent++;
            for (i = 0; i < si->noemStrings; i++)
                fmtElem(&sub, "entry", si->oemStrings[i]);
            sub.indent--;
            fmtLine(&sub, "</oemStrings>");
        }
    }
    fmtStart(f, "<sysinfo type='%s'", si->type == 1 ? "fwcfg" : "smbios");
    fmtCloseWithChildren(f, "sysinfo", sub.str);
}

static void
virDomainIdmapFormat(virDomainFmt *f, const virDomainDef *def)
{
    size_t i;

    if (!def->nuidmap && !def->ngidmap)
        return;
    fmtLine(f, "<idmap>");
    f->indent++;
    for (i = 0; i < def->nuidmap; i++)
        fmtLine(f, "<uid start='%u' target='%u' count='%u'/>",
                def->uidmap[i].start, def->uidmap[i].target,
                def->uidmap[i].count);
    for (i = 0; i < def->ngidmap; i++)
        fmtLine(f, "<gid start='%u' target='%u' count='%u'/>",
                def->gidmap[i].start, def->gidmap[i].target,
                def->gidmap[i].count);
    f->indent--;
    fmtLine(f, "</idmap>");
}

/* ================================================================== */
/* Device info: boot order, alias, address                            */

/* Live XML shows every alias, inactive XML the user's own ("ua-..."). */
static bool
virDomainDeviceInfoShowsAlias(const virDomainDeviceInfo *info, unsigned int flags)
{
    return info->alias &&
           (!(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE) || g_str_has_prefix(info->alias, "ua-"));
}

static void
virDomainDeviceInfoFormat(virDomainFmt *f, const virDomainDeviceInfo *info,
                          unsigned int flags, bool allowBoot)
{
    if (allowBoot && info->bootIndex)
        fmtLine(f, "<boot order='%u'/>", info->bootIndex);
    if (virDomainDeviceInfoShowsAlias(info, flags))
        fmtLine(f, "<alias name='%s'/>", info->alias);

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return;

    fmtStart(f, "<address type='%s'",
             virDomainDeviceAddressTypeToString(info->type));
    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        fmtAdd(f, " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
               info->domain, info->bus, info->slot, info->function);
        if (info->multifunction)
            fmtAdd(f, " multifunction='%s'",
                   virTristateSwitchTypeToString(info->multifunction));
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        fmtAdd(f, " controller='%u' bus='%u' target='%u' unit='%u'",
               info->controller, info->bus, info->target, info->unit);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        fmtAdd(f, " controller='%u' bus='%u' port='%u'",
               info->controller, info->bus, info->port);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID:
        fmtAdd(f, " controller='%u' slot='%u'", info->controller, info->slot);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        fmtAdd(f, " bus='%u'", info->bus);
        fmtAttr(f, "port", info->usbPort);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO:
        if (info->has_reg)
            fmtAdd(f, " reg='0x%08llx'", info->reg);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW:
        if (info->has_reg)
            fmtAdd(f, " cssid='0x%x' ssid='0x%x' devno='0x%04x'",
                   info->cssid, info->ssid, info->devno);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA:
        if (info->iobase)
            fmtAdd(f, " iobase='0x%x'", info->iobase);
        if (info->irq)
            fmtAdd(f, " irq='0x%x'", info->irq);
        break;
    default:
        break;
    }
    fmtAdd(f, "/>\n");
}

static bool
virDomainDeviceInfoNeedsFormat(const virDomainDeviceInfo *info,
                               unsigned int flags, bool allowBoot)
{
    return info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE ||
        (allowBoot && info->bootIndex) ||
        virDomainDeviceInfoShowsAlias(info, flags);
}

/* ================================================================== */
/* Devices                                                            */

/* <backingStore> layers, each inside the one above it. */
static void
virDomainDiskBackingStoreFormat(virDomainFmt *f, const virDomainDiskBackingStore *chain)
{
    const virDomainDiskBackingStore *layer;
    int depth = 0;

    for (layer = chain; layer; layer = layer->next) {
        if (layer->type == VIR_STORAGE_TYPE_NONE) {
            fmtLine(f, "<backingStore/>");
            break;
        }
        fmtLine(f, "<backingStore type='%s'>", virStorageTypeToString(layer->type));
        f->indent++;
        depth++;
        if (layer->format) {
            fmtStart(f, "<format");
            fmtAttr(f, "type", layer->format);
            fmtAdd(f, "/>\n");
        }
        fmtStart(f, "<source");
        fmtAttr(f, layer->type == VIR_STORAGE_TYPE_FILE ? "file" : "dev", layer->path);
        fmtAdd(f, "/>\n");
    }
    for (; depth > 0; depth--) {
        f->indent--;
        fmtLine(f, "</backingStore>");
    }
}

static void
virDomainDiskDefFormat(virDomainFmt *f, const virDomainDiskDef *disk,
                       unsigned int flags)
{
    size_t i;

    fmtLine(f, "<disk type='%s' device='%s'>",
            virStorageTypeToString(disk->type),
            virDomainDiskDeviceTypeToString(disk->device));
    f->indent++;

    if (disk->driverName || disk->driverFormat || disk->cachemode ||
        disk->iomode || disk->discard) {
        fmtStart(f, "<driver");
        fmtAttr(f, "name", disk->driverName);
        fmtAttr(f, "type", disk->driverFormat);
        if (disk->cachemode)
            fmtAdd(f, " cache='%s'",
                   virDomainDiskCacheTypeToString(disk->cachemode));
        if (disk->iomode)
            fmtAdd(f, " io='%s'", virDomainDiskIoTypeToString(disk->iomode));
        if (disk->discard)
            fmtAdd(f, " discard='%s'",
                   virDomainDiskDiscardTypeToString(disk->discard));
        fmtAdd(f, "/>\n");
    }

    if (disk->hasSource || disk->startupPolicy) {
        const char *policy = disk->startupPolicy ?
            virDomainStartupPolicyTypeToString(disk->startupPolicy) : NULL;

        switch (disk->type) {
        case VIR_STORAGE_TYPE_FILE:
        case VIR_STORAGE_TYPE_BLOCK:
        case VIR_STORAGE_TYPE_DIR: {
            const char *attr = disk->type == VIR_STORAGE_TYPE_FILE ? "file" :
                disk->type == VIR_STORAGE_TYPE_BLOCK ? "dev" : "dir";
            if (disk->src || policy) {
                fmtStart(f, "<source");
                fmtAttr(f, attr, disk->src);
                fmtAttr(f, "startupPolicy", policy);
                fmtCloseWithChildren(f, "source",
                                     virSecurityDeviceLabelsFormat(disk->seclabels,
                                                                   disk->nseclabels,
                                                                   f->indent + 1,
                                                                   flags));
            }
            break;
        }
        case VIR_STORAGE_TYPE_NETWORK:
            fmtStart(f, "<source protocol='%s'",
                     virStorageNetProtocolTypeToString(disk->protocol));
            fmtAttr(f, "name", disk->srcName);
            if (disk->nhosts == 0) {
                fmtAdd(f, "/>\n");
                break;
            }
            fmtAdd(f, ">\n");
            f->indent++;
            for (i = 0; i < disk->nhosts; i++) {
                const virStorageNetHostDef *h = &disk->hosts[i];
                fmtStart(f, "<host");
                if (h->transport)
                    fmtAdd(f, " transport='%s'",
                           virStorageNetHostTransportTypeToString(h->transport));
                fmtAttr(f, "name", h->name);
                if (h->port)
                    fmtAdd(f, " port='%u'", h->port);
                fmtAttr(f, "socket", h->socket);
                fmtAdd(f, "/>\n");
            }
            f->indent--;
            fmtLine(f, "</source>");
            break;
        case VIR_STORAGE_TYPE_VOLUME:
            fmtStart(f, "<source");
            fmtAttr(f, "pool", disk->srcPool);
            fmtAttr(f, "volume", disk->srcVolume);
            fmtAttr(f, "startupPolicy", policy);
            fmtCloseWithChildren(f, "source",
                                 virSecurityDeviceLabelsFormat(disk->seclabels,
                                                               disk->nseclabels,
                                                               f->indent + 1,
                                                               flags));
            break;
        default:
            break;
        }
    }

    virDomainDiskBackingStoreFormat(f, disk->backingStore);

    fmtStart(f, "<target");
    fmtAttr(f, "dev", disk->dst);
    fmtAdd(f, " bus='%s'", virDomainDiskBusTypeToString(disk->bus));
    fmtAttr(f, "tray", disk->tray);
    fmtAdd(f, "/>\n");

    virDomainDiskIotuneFormat(f, disk);
    if (disk->readonly)
        fmtLine(f, "<readonly/>");
    if (disk->shareable)
        fmtLine(f, "<shareable/>");
    if (disk->transient)
        fmtLine(f, "<transient/>");
    fmtElem(f, "serial", disk->serial);
    fmtElem(f, "wwn", disk->wwn);
    virDomainDeviceInfoFormat(f, &disk->info, flags, true);

    f->indent--;
    fmtLine(f, "</disk>");
}

static void
virDomainControllerDefFormat(virDomainFmt *f,
                             const virDomainControllerDef *cont,
                             unsigned int flags)
{
    fmtStart(f, "<controller type='%s' index='%d'",
             virDomainControllerTypeToString(cont->type), cont->idx);
    fmtAttr(f, "model", cont->model);
    if (cont->ports >= 0)
        fmtAdd(f, " ports='%d'", cont->ports);
    if (cont->vectors >= 0)
        fmtAdd(f, " vectors='%d'", cont->vectors);
    if (!cont->modelName && cont->targetChassis < 0 && cont->targetPort < 0 &&
        !virDomainDeviceInfoNeedsFormat(&cont->info, flags, false)) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    if (cont->modelName) {
        fmtStart(f, "<model");
        fmtAttr(f, "name", cont->modelName);
        fmtAdd(f, "/>\n");
    }
    if (cont->targetChassis >= 0 || cont->targetPort >= 0) {
        fmtStart(f, "<target");
        if (cont->targetChassis >= 0)
            fmtAdd(f, " chassis='%d'", cont->targetChassis);
        if (cont->targetPort >= 0)
            fmtAdd(f, " port='0x%x'", cont->targetPort);
        fmtAdd(f, "/>\n");
    }
    virDomainDeviceInfoFormat(f, &cont->info, flags, false);
    f->indent--;
    fmtLine(f, "</controller>");
}

static void
virDomainNetDefFormat(virDomainFmt *f, const virDomainNetDef *net,
                      unsigned int flags)
{
    char mac[VIR_MAC_STRING_BUFLEN];

    fmtLine(f, "<interface type='%s'>", virDomainNetTypeToString(net->type));
    f->indent++;
    fmtLine(f, "<mac address='%s'/>", virDomainMacFormat(net->mac, mac));

    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        fmtStart(f, "<source");
        fmtAttr(f, "network", net->sourceNetwork);
        fmtAttr(f, "portgroup", net->portgroup);
        fmtAdd(f, "/>\n");
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        fmtStart(f, "<source");
        fmtAttr(f, "bridge", net->sourceBridge);
        fmtAdd(f, "/>\n");
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        fmtStart(f, "<source");
        fmtAttr(f, "dev", net->sourceDev);
        fmtAdd(f, " mode='%s'", net->sourceMode ? net->sourceMode : "vepa");
        fmtAdd(f, "/>\n");
        break;
    case VIR_DOMAIN_NET_TYPE_SERVER:
    case VIR_DOMAIN_NET_TYPE_CLIENT:
    case VIR_DOMAIN_NET_TYPE_MCAST:
    case VIR_DOMAIN_NET_TYPE_UDP:
        if (net->sourceAddress || net->sourcePort) {
            fmtStart(f, "<source");
            fmtAttr(f, "address", net->sourceAddress);
            if (net->sourcePort)
                fmtAdd(f, " port='%d'", net->sourcePort);
            fmtAdd(f, "/>\n");
        }
        break;
    default:
        break;
    }

    virNetDevBandwidthFormat(f, net->bandwidth);
    if (net->script)
        fmtLine(f, "<script path='%s'/>", net->script);
    if (net->ifname || net->managedTap) {
        bool generated = net->ifname &&
            (g_str_has_prefix(net->ifname, "vnet") ||
             g_str_has_prefix(net->ifname, "macvtap") ||
             g_str_has_prefix(net->ifname, "macvlan"));
        bool dev = net->ifname && !(generated && (flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE));

        if (dev || net->managedTap) {
            fmtStart(f, "<target");
            if (dev)
                fmtAttr(f, "dev", net->ifname);
            if (net->managedTap)
                fmtAdd(f, " managed='%s'", virTristateBoolTypeToString(net->managedTap));
            fmtAdd(f, "/>\n");
        }
    }
    if (net->model) {
        fmtStart(f, "<model");
        fmtAttr(f, "type", net->model);
        fmtAdd(f, "/>\n");
    }
    if (net->driverName) {
        fmtStart(f, "<driver");
        fmtAttr(f, "name", net->driverName);
        fmtAdd(f, "/>\n");
    }
    if (net->linkState)
        fmtLine(f, "<link state='%s'/>", net->linkState == 1 ? "up" : "down");
    if (net->mtu)
        fmtLine(f, "<mtu size='%u'/>", net->mtu);
    virDomainDeviceInfoFormat(f, &net->info, flags, true);

    f->indent--;
    fmtLine(f, "</interface>");
}

static void
virDomainChrSourceFormat(virDomainFmt *f, const virDomainChrSourceDef *src,
                         unsigned int flags)
{
    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_FILE:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        if (src->type != VIR_DOMAIN_CHR_TYPE_PTY ||
            (src->path && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))) {
            fmtStart(f, "<source");
            fmtAttr(f, "path", src->path);
            if (src->append)
                fmtAdd(f, " append='%s'",
                       virTristateSwitchTypeToString(src->append));
            fmtCloseWithChildren(f, "source",
                                 virSecurityDeviceLabelsFormat(src->seclabels,
                                                               src->nseclabels,
                                                               f->indent + 1,
                                                               flags));
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (src->bindService) {
            fmtStart(f, "<source mode='bind'");
            fmtAttr(f, "host", src->bindHost);
            fmtAttr(f, "service", src->bindService);
            fmtAdd(f, "/>\n");
        }
        if (src->service) {
            fmtStart(f, "<source mode='connect'");
            fmtAttr(f, "host", src->host);
            fmtAttr(f, "service", src->service);
            fmtAdd(f, "/>\n");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        fmtStart(f, "<source mode='%s'", src->listen ? "bind" : "connect");
        fmtAttr(f, "host", src->host);
        fmtAttr(f, "service", src->service);
        fmtAdd(f, "/>\n");
        fmtLine(f, "<protocol type='%s'/>",
                virDomainChrTcpProtocolTypeToString(src->protocol));
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (src->path) {
            fmtStart(f, "<source mode='%s'", src->listen ? "bind" : "connect");
            fmtAttr(f, "path", src->path);
            fmtCloseWithChildren(f, "source",
                                 virSecurityDeviceLabelsFormat(src->seclabels,
                                                               src->nseclabels,
                                                               f->indent + 1,
                                                               flags));
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
        fmtStart(f, "<source");
        fmtAttr(f, "channel", src->channel);
        fmtAdd(f, "/>\n");
        break;
    default:
        break;
    }
}

static void
virDomainChrDefFormat(virDomainFmt *f, const virDomainChrDef *chr,
                      const virDomainChrDef *srcFrom, unsigned int flags)
{
    const char *elem = virDomainChrDeviceTypeToString(chr->deviceType);

    fmtLine(f, "<%s type='%s'>", elem,
            virDomainChrTypeToString(srcFrom->source.type));
    f->indent++;
    virDomainChrSourceFormat(f, &srcFrom->source, flags);

    switch (chr->deviceType) {
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
            fmtStart(f, "<target type='guestfwd'");
            fmtAttr(f, "address", chr->targetAddr);
            fmtAdd(f, " port='%d'/>\n", chr->targetAddrPort);
        } else {
            fmtStart(f, "<target type='%s'",
                     virDomainChrChannelTargetTypeToString(chr->targetType));
            fmtAttr(f, "name", chr->targetName);
            fmtAdd(f, "/>\n");
        }
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        fmtLine(f, "<target type='%s' port='%d'/>",
                virDomainChrConsoleTargetTypeToString(chr->targetType),
                chr->targetPort);
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        fmtStart(f, "<target");
        if (chr->targetType)
            fmtAdd(f, " type='%s'",
                   virDomainChrSerialTargetTypeToString(chr->targetType));
        fmtAdd(f, " port='%d'", chr->targetPort);
        if (chr->targetModel) {
            fmtAdd(f, ">\n");
            f->indent++;
            fmtStart(f, "<model");
            fmtAttr(f, "name", chr->targetModel);
            fmtAdd(f, "/>\n");
            f->indent--;
            fmtLine(f, "</target>");
        } else {
            fmtAdd(f, "/>\n");
        }
        break;
    default:
        fmtLine(f, "<target port='%d'/>", chr->targetPort);
        break;
    }
    {
        /* a console mirroring a serial port shows the port's alias too */
        virDomainDeviceInfo info = chr->info;

        if (!info.alias)
            info.alias = srcFrom->info.alias;
        virDomainDeviceInfoFormat(f, &info, flags, false);
    }
    f->indent--;
    fmtLine(f, "</%s>", elem);
}

static void
virDomainInputDefFormat(virDomainFmt *f, const virDomainInputDef *in,
                        unsigned int flags)
{
    fmtStart(f, "<input type='%s'", virDomainInputTypeToString(in->type));
    if (in->bus)
        fmtAdd(f, " bus='%s'", virDomainInputBusTypeToString(in->bus));
    if (!in->evdev && !virDomainDeviceInfoNeedsFormat(&in->info, flags, false)) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    if (in->evdev) {
        fmtStart(f, "<source");
        fmtAttr(f, in->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH ? "evdev" : "dev",
                in->evdev);
        fmtAdd(f, "/>\n");
    }
    virDomainDeviceInfoFormat(f, &in->info, flags, false);
    f->indent--;
    fmtLine(f, "</input>");
}

static void
virDomainGraphicsListenFormat(virDomainFmt *f,
                              const virDomainGraphicsListenDef *l,
                              unsigned int flags)
{
    fmtStart(f, "<listen type='%s'",
             virDomainGraphicsListenTypeToString(l->type));
    if (l->address && (l->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS ||
                       !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        fmtAttr(f, "address", l->address);
    fmtAttr(f, "network", l->network);
    fmtAttr(f, "socket", l->socket);
    fmtAdd(f, "/>\n");
}

static void
virDomainGraphicsDefFormat(virDomainFmt *f, const virDomainGraphicsDef *g,
                           unsigned int flags)
{
    const virDomainGraphicsListenDef *first = g->nListens ? &g->listens[0] :
        NULL;
    size_t i;
    bool children = false;

    fmtStart(f, "<graphics type='%s'", virDomainGraphicsTypeToString(g->type));

    switch (g->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
        if (first && first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
            fmtAttr(f, "socket", first->socket);
        } else if (first && first->type != VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE) {
            if (g->port > 0 &&
                (!g->autoport || !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
                fmtAdd(f, " port='%d'", g->port);
            else if (g->autoport)
                fmtAdd(f, " port='-1'");
            fmtAdd(f, " autoport='%s'", g->autoport ? "yes" : "no");
            if (g->websocket)
                fmtAdd(f, " websocket='%d'", g->websocket);
            if (first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
                fmtAttr(f, "listen", first->address);
        }
        fmtAttr(f, "keymap", g->keymap);
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        if (first && (first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS ||
                      first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK)) {
            if (g->port > 0)
                fmtAdd(f, " port='%d'", g->port);
            if (g->tlsPort > 0)
                fmtAdd(f, " tlsPort='%d'", g->tlsPort);
            if (g->port > 0 || g->tlsPort > 0 || g->autoport)
                fmtAdd(f, " autoport='%s'", g->autoport ? "yes" : "no");
            if (first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
                fmtAttr(f, "listen", first->address);
        }
        fmtAttr(f, "keymap", g->keymap);
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP:
        if (g->port > 0)
            fmtAdd(f, " port='%d'", g->port);
        else if (g->autoport)
            fmtAdd(f, " port='0'");
        if (g->autoport)
            fmtAdd(f, " autoport='yes'");
        if (first && first->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
            fmtAttr(f, "listen", first->address);
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        fmtAttr(f, "display", g->display);
        fmtAttr(f, "xauth", g->xauth);
        if (g->fullscreen)
            fmtAdd(f, " fullscreen='yes'");
        break;
    default:
        break;
    }

    if (g->passwd && (flags & VIR_DOMAIN_DEF_FORMAT_SECURE))
        fmtAttr(f, "passwd", g->passwd);
    fmtAttr(f, "passwdValidTo", g->passwdValidTo);

    for (i = 0; i < g->nListens; i++) {
        if (!children) {
            fmtAdd(f, ">\n");
            f->indent++;
            children = true;
        }
        virDomainGraphicsListenFormat(f, &g->listens[i], flags);
    }
    if (children) {
        f->indent--;
        fmtLine(f, "</graphics>");
    } else {
        fmtAdd(f, "/>\n");
    }
}

static void
virDomainSoundDefFormat(virDomainFmt *f, const virDomainSoundDef *s,
                        unsigned int flags)
{
    fmtStart(f, "<sound model='%s'", virDomainSoundModelTypeToString(s->model));
    if (!virDomainDeviceInfoNeedsFormat(&s->info, flags, false)) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    virDomainDeviceInfoFormat(f, &s->info, flags, false);
    f->indent--;
    fmtLine(f, "</sound>");
}

static void
virDomainVideoDefFormat(virDomainFmt *f, const virDomainVideoDef *v,
                        unsigned int flags)
{
    fmtLine(f, "<video>");
    f->indent++;
    fmtStart(f, "<model type='%s'", virDomainVideoTypeToString(v->type));
    if (v->ram)
        fmtAdd(f, " ram='%u'", v->ram);
    if (v->vram)
        fmtAdd(f, " vram='%u'", v->vram);
    if (v->vram64)
        fmtAdd(f, " vram64='%u'", v->vram64);
    if (v->vgamem)
        fmtAdd(f, " vgamem='%u'", v->vgamem);
    if (v->heads)
        fmtAdd(f, " heads='%u'", v->heads);
    if (v->primary)
        fmtAdd(f, " primary='yes'");
    if (v->accel3d || v->accel2d) {
        fmtAdd(f, ">\n");
        f->indent++;
        fmtStart(f, "<acceleration");
        if (v->accel3d)
            fmtAdd(f, " accel3d='%s'", virTristateBoolTypeToString(v->accel3d));
        if (v->accel2d)
            fmtAdd(f, " accel2d='%s'", virTristateBoolTypeToString(v->accel2d));
        fmtAdd(f, "/>\n");
        f->indent--;
        fmtLine(f, "</model>");
    } else {
        fmtAdd(f, "/>\n");
    }
    virDomainDeviceInfoFormat(f, &v->info, flags, false);
    f->indent--;
    fmtLine(f, "</video>");
}

static void
virDomainHostdevDefFormat(virDomainFmt *f, const virDomainHostdevDef *h,
                          unsigned int flags)
{
    fmtLine(f, "<hostdev mode='subsystem' type='%s' managed='%s'>",
            virDomainHostdevSubsysTypeToString(h->subsysType),
            h->managed ? "yes" : "no");
    f->indent++;
    fmtLine(f, "<source>");
    f->indent++;
    if (h->subsysType == VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI) {
        fmtLine(f, "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>",
                h->pciDomain, h->pciBus, h->pciSlot, h->pciFunction);
    } else {
        if (h->usbVendor || h->usbProduct) {
            fmtLine(f, "<vendor id='0x%04x'/>", h->usbVendor);
            fmtLine(f, "<product id='0x%04x'/>", h->usbProduct);
        }
        if (h->usbHasAddress)
            fmtLine(f, "<address bus='%u' device='%u'/>", h->usbBus,
                    h->usbDevice);
    }
    f->indent--;
    fmtLine(f, "</source>");
    virDomainDeviceInfoFormat(f, &h->info, flags, true);
    f->indent--;
    fmtLine(f, "</hostdev>");
}

static void
virDomainWatchdogDefFormat(virDomainFmt *f, const virDomainWatchdogDef *w,
                           unsigned int flags)
{
    fmtStart(f, "<watchdog model='%s' action='%s'",
             virDomainWatchdogModelTypeToString(w->model),
             virDomainWatchdogActionTypeToString(w->action));
    if (!virDomainDeviceInfoNeedsFormat(&w->info, flags, false)) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    virDomainDeviceInfoFormat(f, &w->info, flags, false);
    f->indent--;
    fmtLine(f, "</watchdog>");
}

static void
virDomainPanicDefFormat(virDomainFmt *f, const virDomainPanicDef *p,
                        unsigned int flags)
{
    bool children = virDomainDeviceInfoNeedsFormat(&p->info, flags, false);

    /* libvirt writes nothing for a panic with neither a model nor an
     * address (an empty element is left out); a copy keeps it */
    if (p->model == VIR_DOMAIN_PANIC_MODEL_DEFAULT && !children &&
        !(flags & VIR_DOMAIN_DEF_FORMAT_COPY))
        return;
    fmtStart(f, "<panic");
    if (p->model != VIR_DOMAIN_PANIC_MODEL_DEFAULT)
        fmtAttr(f, "model", virDomainPanicModelTypeToString(p->model));
    if (!children) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    virDomainDeviceInfoFormat(f, &p->info, flags, false);
    f->indent--;
    fmtLine(f, "</panic>");
}

static void
virDomainMemballoonDefFormat(virDomainFmt *f, const virDomainMemballoonDef *m,
                             unsigned int flags)
{
    fmtStart(f, "<memballoon model='%s'",
             virDomainMemballoonModelTypeToString(m->model));
    if (m->autodeflate)
        fmtAdd(f, " autodeflate='%s'",
               virTristateSwitchTypeToString(m->autodeflate));
    if (m->free_page_reporting)
        fmtAdd(f, " freePageReporting='%s'",
               virTristateSwitchTypeToString(m->free_page_reporting));
    if (!m->period && !virDomainDeviceInfoNeedsFormat(&m->info, flags, false)) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    if (m->period)
        fmtLine(f, "<stats period='%d'/>", m->period);
    virDomainDeviceInfoFormat(f, &m->info, flags, false);
    f->indent--;
    fmtLine(f, "</memballoon>");
}

static void
virDomainRNGDefFormat(virDomainFmt *f, const virDomainRNGDef *r,
                      unsigned int flags)
{
    fmtLine(f, "<rng model='%s'>", virDomainRNGModelTypeToString(r->model));
    f->indent++;
    if (r->rateBytes) {
        fmtStart(f, "<rate bytes='%u'", r->rateBytes);
        if (r->ratePeriod)
            fmtAdd(f, " period='%u'", r->ratePeriod);
        fmtAdd(f, "/>\n");
    }
    switch (r->backend) {
    case VIR_DOMAIN_RNG_BACKEND_RANDOM:
        fmtStart(f, "<backend model='random'>");
        fmtEscape(f->str, r->randomPath ? r->randomPath : "");
        fmtAdd(f, "</backend>\n");
        break;
    case VIR_DOMAIN_RNG_BACKEND_EGD:
        fmtLine(f, "<backend model='egd' type='%s'>",
                virDomainChrTypeToString(r->egd->type));
        f->indent++;
        virDomainChrSourceFormat(f, r->egd, flags);
        f->indent--;
        fmtLine(f, "</backend>");
        break;
    case VIR_DOMAIN_RNG_BACKEND_BUILTIN:
        fmtLine(f, "<backend model='builtin'/>");
        break;
    default:
        break;
    }
    virDomainDeviceInfoFormat(f, &r->info, flags, false);
    f->indent--;
    fmtLine(f, "</rng>");
}

/* ================================================================== */
/* Domain-level sections                                              */

static void
virDomainOSFormat(virDomainFmt *f, const virDomainDef *def)
{
    size_t i;
    static const char *const smbios[] = { NULL, "emulate", "host", "sysinfo" };

    fmtElem(f, "bootloader", def->os.bootloader);
    fmtElem(f, "bootloader_args", def->os.bootloaderArgs);

    fmtLine(f, "<os>");
    f->indent++;
    fmtStart(f, "<type");
    fmtAttr(f, "arch", def->os.arch);
    fmtAttr(f, "machine", def->os.machine);
    fmtAdd(f, ">%s</type>\n", virDomainOSTypeToString(def->os.type));

    fmtElem(f, "init", def->os.init);
    for (i = 0; i < def->os.ninitargs; i++)
        fmtElem(f, "initarg", def->os.initargs[i]);

    if (def->os.hasLoader &&
        (def->os.loader || def->os.loaderReadonly || def->os.loaderSecure ||
         def->os.loaderType)) {
        fmtStart(f, "<loader");
        if (def->os.loaderReadonly)
            fmtAdd(f, " readonly='%s'",
                   virTristateBoolTypeToString(def->os.loaderReadonly));
        if (def->os.loaderSecure)
            fmtAdd(f, " secure='%s'",
                   virTristateBoolTypeToString(def->os.loaderSecure));
        if (def->os.loaderType)
            fmtAdd(f, " type='%s'",
                   virDomainLoaderTypeToString(def->os.loaderType));
        if (def->os.loader) {
            fmtAdd(f, ">");
            fmtEscape(f->str, def->os.loader);
            fmtAdd(f, "</loader>\n");
        } else {
            fmtAdd(f, "/>\n");
        }
    }
    if (def->os.nvram || def->os.nvramTemplate) {
        fmtStart(f, "<nvram");
        fmtAttr(f, "template", def->os.nvramTemplate);
        if (def->os.nvram) {
            fmtAdd(f, ">");
            fmtEscape(f->str, def->os.nvram);
            fmtAdd(f, "</nvram>\n");
        } else {
            fmtAdd(f, "/>\n");
        }
    }

    fmtElem(f, "kernel", def->os.kernel);
    fmtElem(f, "initrd", def->os.initrd);
    fmtElem(f, "cmdline", def->os.cmdline);
    fmtElem(f, "dtb", def->os.dtb);
    fmtElem(f, "root", def->os.root);

    if (!def->os.bootloader) {
        for (i = 0; i < def->os.nBootDevs; i++)
            fmtLine(f, "<boot dev='%s'/>",
                    virDomainBootTypeToString(def->os.bootDevs[i]));
        if (def->os.bootmenu) {
            fmtStart(f, "<bootmenu enable='%s'",
                     virTristateBoolTypeToString(def->os.bootmenu));
            if (def->os.bootmenuHasTimeout)
                fmtAdd(f, " timeout='%u'", def->os.bootmenuTimeout);
            fmtAdd(f, "/>\n");
        }
        if (def->os.useserial || def->os.rebootTimeout != -2) {
            fmtStart(f, "<bios");
            if (def->os.useserial)
                fmtAdd(f, " useserial='%s'",
                       virTristateBoolTypeToString(def->os.useserial));
            if (def->os.rebootTimeout != -2)
                fmtAdd(f, " rebootTimeout='%d'", def->os.rebootTimeout);
            fmtAdd(f, "/>\n");
        }
    }
    if (def->os.smbiosMode > 0 && def->os.smbiosMode < 4)
        fmtLine(f, "<smbios mode='%s'/>", smbios[def->os.smbiosMode]);

    f->indent--;
    fmtLine(f, "</os>");
}

static void
virDomainFeaturesFormat(virDomainFmt *f, const virDomainDef *def)
{
    size_t i;
    bool any = false;

    for (i = 0; i < VIR_DOMAIN_FEATURE_LAST; i++) {
        if (def->features[i])
            any = true;
    }
    if (!any)
        return;

    fmtLine(f, "<features>");
    f->indent++;
    for (i = 0; i < VIR_DOMAIN_FEATURE_LAST; i++) {
        const char *name = virDomainFeatureTypeToString(i);
        int state = def->features[i];

        if (!state)
            continue;
        switch (i) {
        case VIR_DOMAIN_FEATURE_ACPI:
        case VIR_DOMAIN_FEATURE_PAE:
        case VIR_DOMAIN_FEATURE_VIRIDIAN:
        case VIR_DOMAIN_FEATURE_PRIVNET:
            if (state == VIR_TRISTATE_SWITCH_ON)
                fmtLine(f, "<%s/>", name);
            break;
        case VIR_DOMAIN_FEATURE_APIC:
            if (def->apicEoi)
                fmtLine(f, "<apic eoi='%s'/>",
                        virTristateSwitchTypeToString(def->apicEoi));
            else
                fmtLine(f, "<apic/>");
            break;
        case VIR_DOMAIN_FEATURE_GIC:
            if (def->gicVersion == 1)
                fmtLine(f, "<gic version='host'/>");
            else if (def->gicVersion)
                fmtLine(f, "<gic version='%u'/>", def->gicVersion);
            else
                fmtLine(f, "<gic/>");
            break;
        case VIR_DOMAIN_FEATURE_IOAPIC:
            fmtLine(f, "<ioapic driver='%s'/>",
                    def->ioapicDriver == 1 ? "kvm" : "qemu");
            break;
        default:
            fmtLine(f, "<%s state='%s'/>", name,
                    virTristateSwitchTypeToString(state));
            break;
        }
    }
    f->indent--;
    fmtLine(f, "</features>");
}

static void
virDomainCPUFormat(virDomainFmt *f, const virCPUDef *cpu)
{
    size_t i;
    bool children;

    fmtStart(f, "<cpu");
    if (cpu->mode != VIR_CPU_MODE_CUSTOM || cpu->model)
        fmtAdd(f, " mode='%s'", virCPUModeTypeToString(cpu->mode));
    if (cpu->mode == VIR_CPU_MODE_CUSTOM && cpu->model)
        fmtAdd(f, " match='%s'", virCPUMatchTypeToString(cpu->match));
    if (cpu->check)
        fmtAdd(f, " check='%s'", virCPUCheckTypeToString(cpu->check));
    if (cpu->migratable)
        fmtAdd(f, " migratable='%s'",
               virTristateSwitchTypeToString(cpu->migratable));

    children = cpu->model || cpu->vendor || cpu->sockets || cpu->nfeatures ||
        cpu->ncells;
    if (!children) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    if (cpu->model) {
        fmtStart(f, "<model");
        if (cpu->mode == VIR_CPU_MODE_CUSTOM)
            fmtAdd(f, " fallback='%s'", virCPUFallbackTypeToString(cpu->fallback));
        fmtAttr(f, "vendor_id", cpu->vendor_id);
        fmtAdd(f, ">");
        fmtEscape(f->str, cpu->model);
        fmtAdd(f, "</model>\n");
    }
    fmtElem(f, "vendor", cpu->vendor);
    if (cpu->sockets)
        fmtLine(f, "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>",
                cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    for (i = 0; i < cpu->nfeatures; i++) {
        fmtStart(f, "<feature policy='%s'",
                 virCPUFeaturePolicyTypeToString(cpu->features[i].policy));
        fmtAttr(f, "name", cpu->features[i].name);
        fmtAdd(f, "/>\n");
    }
    if (cpu->ncells) {
        fmtLine(f, "<numa>");
        f->indent++;
        for (i = 0; i < cpu->ncells; i++) {
            const virDomainNumaCell *c = &cpu->cells[i];

            fmtStart(f, "<cell id='%u'", c->id);
            fmtAttr(f, "cpus", c->cpus);
            fmtAdd(f, " memory='%llu' unit='KiB'", c->memory);
            if (c->memAccess)
                fmtAdd(f, " memAccess='%s'",
                       virDomainMemoryAccessTypeToString(c->memAccess));
            if (c->discard)
                fmtAdd(f, " discard='%s'",
                       virTristateBoolTypeToString(c->discard));
            fmtAdd(f, "/>\n");
        }
        f->indent--;
        fmtLine(f, "</numa>");
    }
    f->indent--;
    fmtLine(f, "</cpu>");
}

static void
virDomainClockFormat(virDomainFmt *f, const virDomainClockDef *clock)
{
    size_t i;

    fmtStart(f, "<clock offset='%s'",
             virDomainClockOffsetTypeToString(clock->offset));
    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        if (clock->adjustmentReset)
            fmtAdd(f, " adjustment='reset'");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
        fmtAdd(f, " adjustment='%lld' basis='%s'", clock->adjustment,
               virDomainClockBasisTypeToString(clock->basis));
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE:
        fmtAdd(f, " start='%llu'", (unsigned long long)clock->adjustment);
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        fmtAttr(f, "timezone", clock->timezone);
        break;
    }
    if (clock->ntimers == 0) {
        fmtAdd(f, "/>\n");
        return;
    }
    fmtAdd(f, ">\n");
    f->indent++;
    for (i = 0; i < clock->ntimers; i++) {
        const virDomainTimerDef *t = clock->timers[i];

        fmtStart(f, "<timer name='%s'", virDomainTimerNameTypeToString(t->name));
        if (t->present)
            fmtAdd(f, " present='%s'", virTristateBoolTypeToString(t->present));
        if (t->tickpolicy >= 0)
            fmtAdd(f, " tickpolicy='%s'",
                   virDomainTimerTickpolicyTypeToString(t->tickpolicy));
        if (t->track >= 0)
            fmtAdd(f, " track='%s'", virDomainTimerTrackTypeToString(t->track));
        if (t->frequency)
            fmtAdd(f, " frequency='%llu'", t->frequency);
        if (t->mode >= 0)
            fmtAdd(f, " mode='%s'", virDomainTimerModeTypeToString(t->mode));
        fmtAdd(f, "/>\n");
    }
    f->indent--;
    fmtLine(f, "</clock>");
}

/* Re-indent the stored <metadata> subtree by the current level. */
static void
virDomainMetadataFormat(virDomainFmt *f, const char *metadata)
{
    g_auto(GStrv) lines = g_strsplit(metadata, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        if (!*lines[i])
            continue;
        fmtLine(f, "%s", lines[i]);
    }
}

/* ================================================================== */
/* The domain                                                         */

char *
virDomainDefFormat(const virDomainDef *def, unsigned int flags)
{
    virDomainFmt fmt = { g_string_sized_new(2048), 0 };
    virDomainFmt *f = &fmt;
    char uuid[VIR_UUID_STRING_BUFLEN];
    size_t i;

    if (!def) {
        g_string_free(fmt.str, TRUE);
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("def must not be NULL"));
        return NULL;
    }

    fmtStart(f, "<domain type='%s'", virDomainVirtTypeToString(def->virtType));
    if (def->id >= 0 && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        fmtAdd(f, " id='%d'", def->id);
    fmtAdd(f, ">\n");
    f->indent++;

    fmtElem(f, "name", def->name);
    virUUIDFormat(def->uuid, uuid);
    fmtLine(f, "<uuid>%s</uuid>", uuid);
    fmtElem(f, "genid", def->genid);
    fmtElem(f, "title", def->title);
    fmtElem(f, "description", def->description);
    if (def->metadata)
        virDomainMetadataFormat(f, def->metadata);

    if (def->maxMemory)
        fmtLine(f, "<maxMemory slots='%u' unit='KiB'>%llu</maxMemory>",
                def->maxMemorySlots, def->maxMemory);
    fmtStart(f, "<memory");
    if (def->memDumpCore)
        fmtAdd(f, " dumpCore='%s'",
               virTristateSwitchTypeToString(def->memDumpCore));
    fmtAdd(f, " unit='KiB'>%llu</memory>\n", def->memory);
    fmtLine(f, "<currentMemory unit='KiB'>%llu</currentMemory>",
            def->currentMemory);
    virDomainBlkiotuneFormat(f, def);
    virDomainMemtuneFormat(f, def);
    virDomainMemoryBackingFormat(f, def);

    fmtStart(f, "<vcpu placement='%s'",
             virDomainCpuPlacementModeTypeToString(def->placement ?
                                                   def->placement :
                                                   VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC));
    fmtAttr(f, "cpuset", def->cpuset);
    if (def->vcpus != def->maxvcpus)
        fmtAdd(f, " current='%u'", def->vcpus);
    fmtAdd(f, ">%u</vcpu>\n", def->maxvcpus);
    if (def->iothreads)
        fmtLine(f, "<iothreads>%u</iothreads>", def->iothreads);
    virDomainIOThreadIDsFormat(f, def);
    virDomainCputuneFormat(f, def);
    virDomainNumatuneFormat(f, def);
    virDomainResourceFormat(f, def);
    for (i = 0; i < def->nsysinfos; i++)
        virSysinfoFormat(f, def->sysinfos[i]);

    virDomainOSFormat(f, def);
    virDomainIdmapFormat(f, def);
    virDomainFeaturesFormat(f, def);
    if (def->cpu)
        virDomainCPUFormat(f, def->cpu);
    virDomainClockFormat(f, &def->clock);

    fmtLine(f, "<on_poweroff>%s</on_poweroff>",
            virDomainLifecycleActionTypeToString(def->onPoweroff));
    fmtLine(f, "<on_reboot>%s</on_reboot>",
            virDomainLifecycleActionTypeToString(def->onReboot));
    fmtLine(f, "<on_crash>%s</on_crash>",
            virDomainLifecycleActionTypeToString(def->onCrash));
    if (def->onLockfailure)
        fmtLine(f, "<on_lockfailure>%s</on_lockfailure>",
                virDomainLockFailureTypeToString(def->onLockfailure));

    if (def->pmSuspendToMem || def->pmSuspendToDisk) {
        fmtLine(f, "<pm>");
        f->indent++;
        if (def->pmSuspendToMem)
            fmtLine(f, "<suspend-to-mem enabled='%s'/>",
                    virTristateBoolTypeToString(def->pmSuspendToMem));
        if (def->pmSuspendToDisk)
            fmtLine(f, "<suspend-to-disk enabled='%s'/>",
                    virTristateBoolTypeToString(def->pmSuspendToDisk));
        f->indent--;
        fmtLine(f, "</pm>");
    }

    virDomainPerfFormat(f, def);

    fmtLine(f, "<devices>");
    f->indent++;
    fmtElem(f, "emulator", def->emulator);
    for (i = 0; i < def->ndisks; i++)
        virDomainDiskDefFormat(f, def->disks[i], flags);
    for (i = 0; i < def->ncontrollers; i++)
        virDomainControllerDefFormat(f, def->controllers[i], flags);
    for (i = 0; i < def->nnets; i++)
        virDomainNetDefFormat(f, def->nets[i], flags);
    for (i = 0; i < def->nserials; i++)
        virDomainChrDefFormat(f, def->serials[i], def->serials[i], flags);
    for (i = 0; i < def->nparallels; i++)
        virDomainChrDefFormat(f, def->parallels[i], def->parallels[i], flags);
    for (i = 0; i < def->nconsoles; i++) {
        const virDomainChrDef *src = def->consoles[i];

        /* the first console of a serial port shows that port's source */
        if (i == 0 && def->nserials > 0 &&
            src->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL)
            src = def->serials[0];
        virDomainChrDefFormat(f, def->consoles[i], src, flags);
    }
    for (i = 0; i < def->nchannels; i++)
        virDomainChrDefFormat(f, def->channels[i], def->channels[i], flags);
    for (i = 0; i < def->ninputs; i++)
        virDomainInputDefFormat(f, def->inputs[i], flags);
    for (i = 0; i < def->ngraphics; i++)
        virDomainGraphicsDefFormat(f, def->graphics[i], flags);
    for (i = 0; i < def->nsounds; i++)
        virDomainSoundDefFormat(f, def->sounds[i], flags);
    for (i = 0; i < def->naudios; i++)
    {
        fmtStart(f, "<audio id='%u'", def->audios[i]->id);
        fmtAttr(f, "type", def->audios[i]->type);
        fmtAdd(f, "/>\n");
    }
    for (i = 0; i < def->nvideos; i++)
        virDomainVideoDefFormat(f, def->videos[i], flags);
    for (i = 0; i < def->nhostdevs; i++)
        virDomainHostdevDefFormat(f, def->hostdevs[i], flags);
    if (def->watchdog)
        virDomainWatchdogDefFormat(f, def->watchdog, flags);
    if (def->memballoon)
        virDomainMemballoonDefFormat(f, def->memballoon, flags);
    for (i = 0; i < def->nrngs; i++)
        virDomainRNGDefFormat(f, def->rngs[i], flags);
    for (i = 0; i < def->npanics; i++)
        virDomainPanicDefFormat(f, def->panics[i], flags);
    f->indent--;
    fmtLine(f, "</devices>");
    for (i = 0; i < def->nseclabels; i++)
        virSecurityLabelFormat(f, def->seclabels[i], flags);

    f->indent--;
    fmtLine(f, "</domain>");
    return g_string_free(fmt.str, FALSE);
}
