/*
 * qemu_command.c: building the QEMU argument vector of a domain
 *
 * The vector is built in libvirt's order (machine and CPU, memory, SMP,
 * identity, monitor, clock, power management, boot, then the devices by
 * class, the sandbox last) so that it can be read side by side with the
 * argv libvirt logs.  Devices, block nodes, netdevs and objects are
 * written as JSON through json-glib; the few plain options use QEMU's
 * key=value syntax, where a comma inside a value is doubled.
 *
 * Each builder validates what it turns into arguments and reports the
 * first configuration QEMU cannot run, naming the bad value; callers only
 * pass the failure up.
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "qemu_command.h"
#include "viruuid.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

typedef struct {
    const virDomainDef *def;        /* the completed private copy */
    const qemuCommandContext *ctx;
    GPtrArray *argv;
    bool q35;
    unsigned int *diskBootIndex;    /* per disk, 0 when none */
    unsigned int *netBootIndex;     /* per interface */
} qemuCommandBuilder;

/* ================================================================== */
/* Small helpers                                                      */

static void
qemuArg(qemuCommandBuilder *cb, const char *arg)
{
    g_ptr_array_add(cb->argv, g_strdup(arg));
}

static void G_GNUC_PRINTF(2, 3)
qemuArgF(qemuCommandBuilder *cb, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(cb->argv, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

static void
qemuArgPair(qemuCommandBuilder *cb, const char *opt, const char *value)
{
    qemuArg(cb, opt);
    qemuArg(cb, value);
}

/* VALUE with every comma doubled, for QEMU's key=value syntax. */
static char *
qemuEscapeComma(const char *value)
{
    GString *str = g_string_new(NULL);

    for (; *value; value++) {
        if (*value == ',')
            g_string_append_c(str, ',');
        g_string_append_c(str, *value);
    }
    return g_string_free(str, FALSE);
}

static JsonBuilder *
qemuJSONNew(void)
{
    JsonBuilder *b = json_builder_new();

    json_builder_begin_object(b);
    return b;
}

static void
qemuJSONStr(JsonBuilder *b, const char *key, const char *value)
{
    if (!value)
        return;
    json_builder_set_member_name(b, key);
    json_builder_add_string_value(b, value);
}

static void
qemuJSONInt(JsonBuilder *b, const char *key, long long value)
{
    json_builder_set_member_name(b, key);
    json_builder_add_int_value(b, value);
}

static void
qemuJSONBool(JsonBuilder *b, const char *key, bool value)
{
    json_builder_set_member_name(b, key);
    json_builder_add_boolean_value(b, value);
}

/* Close the object of B (consumed) and add "OPT <json>" to the argv. */
static void
qemuArgJSON(qemuCommandBuilder *cb, const char *opt, JsonBuilder *b)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;

    json_builder_end_object(b);
    root = json_builder_get_root(b);
    g_object_unref(b);
    json_generator_set_root(gen, root);
    qemuArg(cb, opt);
    g_ptr_array_add(cb->argv, json_generator_to_data(gen, NULL));
}

static const char *
qemuChrTypeName(int type)
{
    const char *name = virDomainChrTypeToString(type);

    return name ? name : "?";
}

/* ================================================================== */
/* Device addresses                                                   */

static const virDomainControllerDef *
qemuFindController(const virDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type &&
            def->controllers[i]->idx == idx)
            return def->controllers[i];
    }
    return NULL;
}

/* The QEMU id of the bus of PCI controller index BUS. */
static char *
qemuPCIBusName(qemuCommandBuilder *cb, unsigned int bus)
{
    const virDomainControllerDef *cont;

    if (bus == 0)
        return g_strdup(cb->q35 ? "pcie.0" : "pci.0");
    cont = qemuFindController(cb->def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, bus);
    if (!cont) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("PCI bus %u has no controller (a <controller type='pci' index='%u'/> is needed)"),
                       bus, bus);
        return NULL;
    }
    return g_strdup(cont->info.alias);
}

/* The bus/addr (or bus/port, bus/nr) members of a device at INFO. */
static int
qemuJSONAddress(qemuCommandBuilder *cb, JsonBuilder *b,
                const virDomainDeviceInfo *info)
{
    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI: {
        g_autofree char *bus = NULL;
        g_autofree char *addr = NULL;

        if (info->domain != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("PCI domain 0x%x is not supported, only domain 0"),
                           info->domain);
            return -1;
        }
        if (!(bus = qemuPCIBusName(cb, info->bus)))
            return -1;
        qemuJSONStr(b, "bus", bus);
        if (info->multifunction == VIR_TRISTATE_SWITCH_ON)
            qemuJSONBool(b, "multifunction", true);
        else if (info->multifunction == VIR_TRISTATE_SWITCH_OFF)
            qemuJSONBool(b, "multifunction", false);
        if (info->function)
            addr = g_strdup_printf("0x%x.0x%x", info->slot, info->function);
        else
            addr = g_strdup_printf("0x%x", info->slot);
        qemuJSONStr(b, "addr", addr);
        return 0;
    }
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB: {
        const virDomainControllerDef *usb =
            qemuFindController(cb->def, VIR_DOMAIN_CONTROLLER_TYPE_USB, info->bus);
        g_autofree char *bus = NULL;

        if (!usb || (usb->model && strcmp(usb->model, "none") == 0)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("USB is disabled for this domain, but USB devices are present in the domain XML"));
            return -1;
        }
        bus = g_strdup_printf("%s.0", usb->info.alias);
        qemuJSONStr(b, "bus", bus);
        qemuJSONStr(b, "port", info->usbPort);
        return 0;
    }
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
        return 0;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("address type '%s' is not supported for this device"),
                       virDomainDeviceAddressTypeToString(info->type));
        return -1;
    }
}

/* ================================================================== */
/* Validation of the whole definition                                 */

static int
qemuValidateDomain(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;
    size_t j;

    if (def->virtType == VIR_DOMAIN_VIRT_KVM && !cb->ctx->kvmUsable) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%s' does not support virt type '%s'"),
                       def->emulator, "kvm");
        return -1;
    }
    if (def->virtType != VIR_DOMAIN_VIRT_KVM &&
        def->virtType != VIR_DOMAIN_VIRT_QEMU) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%s' does not support virt type '%s'"),
                       def->emulator, virDomainVirtTypeToString(def->virtType));
        return -1;
    }
    if (!cb->ctx->monitorPath) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("no monitor socket path was given for the QEMU command line"));
        return -1;
    }

    /* two disks at one drive address */
    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *a = def->disks[i];

        if (a->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE)
            continue;
        for (j = 0; j < i; j++) {
            const virDomainDiskDef *b = def->disks[j];

            if (b->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
                a->bus == b->bus &&
                a->info.controller == b->info.controller &&
                a->info.bus == b->info.bus &&
                a->info.target == b->info.target &&
                a->info.unit == b->info.unit) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("disks '%s' and '%s' have the same address (controller %u, bus %u, unit %u)"),
                               b->dst, a->dst, a->info.controller,
                               a->info.bus, a->info.unit);
                return -1;
            }
        }
    }

    /* two PCI devices in one slot: only controllers and devices that the
     * defaults placed can collide with explicit addresses */
    {
        g_autoptr(GPtrArray) infos = g_ptr_array_new();
        const virDomainDeviceInfo *info;

#define COLLECT(list, n) \
        for (i = 0; i < (n); i++) \
            g_ptr_array_add(infos, &(list)[i]->info)
        COLLECT(def->controllers, def->ncontrollers);
        COLLECT(def->disks, def->ndisks);
        COLLECT(def->nets, def->nnets);
        COLLECT(def->sounds, def->nsounds);
        COLLECT(def->videos, def->nvideos);
        COLLECT(def->rngs, def->nrngs);
        COLLECT(def->inputs, def->ninputs);
        COLLECT(def->hostdevs, def->nhostdevs);
#undef COLLECT
        if (def->watchdog)
            g_ptr_array_add(infos, &def->watchdog->info);
        if (def->memballoon)
            g_ptr_array_add(infos, &def->memballoon->info);
        for (i = 0; i < infos->len; i++) {
            info = g_ptr_array_index(infos, i);
            if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
                continue;
            for (j = 0; j < i; j++) {
                const virDomainDeviceInfo *other = g_ptr_array_index(infos, j);

                if (other->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
                    other->domain == info->domain && other->bus == info->bus &&
                    other->slot == info->slot &&
                    other->function == info->function) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   _("Attempted double use of PCI Address %04x:%02x:%02x.%x"),
                                   info->domain, info->bus, info->slot,
                                   info->function);
                    return -1;
                }
            }
        }
    }
    return 0;
}

/* ================================================================== */
/* Machine, CPU, memory, SMP                                          */

static int
qemuBuildFirmware(qemuCommandBuilder *cb, GString *machine)
{
    const virDomainOSDef *os = &cb->def->os;

    if (!os->loader)
        return 0;
    if (os->loaderType != VIR_DOMAIN_LOADER_TYPE_PFLASH)
        return 0;                   /* -bios, after -cpu */
    {
        const char *paths[2] = { os->loader, os->nvram };
        bool readonly[2] = { os->loaderReadonly == VIR_TRISTATE_BOOL_YES, false };
        size_t i;

        if (os->loaderSecure == VIR_TRISTATE_BOOL_YES) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Secure boot is not supported yet"));
            return -1;
        }
        for (i = 0; i < 2; i++) {
            g_autofree char *storage = g_strdup_printf("libvirt-pflash%zu-storage", i);
            g_autofree char *format = g_strdup_printf("libvirt-pflash%zu-format", i);
            JsonBuilder *b;

            if (!paths[i])
                continue;
            b = qemuJSONNew();
            qemuJSONStr(b, "driver", "file");
            qemuJSONStr(b, "filename", paths[i]);
            qemuJSONStr(b, "node-name", storage);
            qemuJSONBool(b, "auto-read-only", true);
            qemuJSONStr(b, "discard", "unmap");
            qemuArgJSON(cb, "-blockdev", b);

            b = qemuJSONNew();
            qemuJSONStr(b, "node-name", format);
            qemuJSONBool(b, "read-only", readonly[i]);
            qemuJSONStr(b, "driver", "raw");
            qemuJSONStr(b, "file", storage);
            qemuArgJSON(cb, "-blockdev", b);

            g_string_append_printf(machine, ",pflash%zu=%s", i, format);
        }
    }
    return 0;
}

static int
qemuBuildMachine(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    g_autoptr(GString) machine = g_string_new(NULL);
    g_autofree char *type = qemuEscapeComma(def->os.machine);

    g_string_append_printf(machine, "%s,usb=off", type);
    if (def->memDumpCore != VIR_TRISTATE_SWITCH_ON)
        g_string_append(machine, ",dump-guest-core=off");
    else
        g_string_append(machine, ",dump-guest-core=on");
    if (def->features[VIR_DOMAIN_FEATURE_VMPORT] == VIR_TRISTATE_SWITCH_ON)
        g_string_append(machine, ",vmport=on");
    else if (def->features[VIR_DOMAIN_FEATURE_VMPORT] == VIR_TRISTATE_SWITCH_OFF)
        g_string_append(machine, ",vmport=off");
    if (def->features[VIR_DOMAIN_FEATURE_SMM] == VIR_TRISTATE_SWITCH_ON)
        g_string_append(machine, ",smm=on");
    else if (def->features[VIR_DOMAIN_FEATURE_SMM] == VIR_TRISTATE_SWITCH_OFF)
        g_string_append(machine, ",smm=off");

    if (qemuBuildFirmware(cb, machine) < 0)
        return -1;

    qemuArgPair(cb, "-machine", machine->str);
    qemuArgPair(cb, "-accel",
                def->virtType == VIR_DOMAIN_VIRT_KVM ? "kvm" : "tcg");
    return 0;
}

/* Whether DEF has a <panic> of MODEL (virDomainPanicModel). */
static bool
qemuHasPanicModel(const virDomainDef *def, int model)
{
    size_t i;

    for (i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == model)
            return true;
    }
    return false;
}

static int
qemuBuildCPU(qemuCommandBuilder *cb)
{
    const virCPUDef *cpu = cb->def->cpu;
    g_autoptr(GString) arg = NULL;
    size_t i;

    if (!cpu)
        return 0;
    switch (cpu->mode) {
    case VIR_CPU_MODE_HOST_PASSTHROUGH:
    case VIR_CPU_MODE_HOST_MODEL:
        if (cb->def->virtType != VIR_DOMAIN_VIRT_KVM) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("CPU mode '%s' for x86_64 qemu domain on x86_64 host is not supported by hypervisor"),
                           virCPUModeTypeToString(cpu->mode));
            return -1;
        }
        arg = g_string_new("host");
        break;
    case VIR_CPU_MODE_MAXIMUM:
        arg = g_string_new("max");
        break;
    case VIR_CPU_MODE_CUSTOM:
    default:
        if (!cpu->model) {
            if (cpu->nfeatures == 0)
                return 0;
            arg = g_string_new("qemu64");
        } else {
            g_autofree char *model = qemuEscapeComma(cpu->model);
            arg = g_string_new(model);
        }
        break;
    }
    for (i = 0; i < cpu->nfeatures; i++) {
        const virCPUFeatureDef *f = &cpu->features[i];
        bool on = f->policy == VIR_CPU_FEATURE_FORCE ||
                  f->policy == VIR_CPU_FEATURE_REQUIRE ||
                  f->policy == VIR_CPU_FEATURE_OPTIONAL;

        if (strchr(f->name, ',') || strchr(f->name, '=')) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("invalid CPU feature name '%s'"), f->name);
            return -1;
        }
        g_string_append_printf(arg, ",%s=%s", f->name, on ? "on" : "off");
    }
    if (qemuHasPanicModel(cb->def, VIR_DOMAIN_PANIC_MODEL_HYPERV))
        g_string_append(arg, ",hv-crash");
    qemuArgPair(cb, "-cpu", arg->str);
    return 0;
}

static int
qemuBuildMemory(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    unsigned long long mem = def->memory;
    size_t i;

    if (def->cpu && def->cpu->ncells > 0) {
        mem = 0;
        for (i = 0; i < def->cpu->ncells; i++)
            mem += def->cpu->cells[i].memory;
    }
    if (def->maxMemory > 0 && def->maxMemorySlots > 0) {
        if (!def->cpu || def->cpu->ncells == 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("At least one numa node has to be configured when enabling memory hotplug"));
            return -1;
        }
        qemuArg(cb, "-m");
        qemuArgF(cb, "size=%lluk,slots=%u,maxmem=%lluk", mem,
                 def->maxMemorySlots, def->maxMemory);
    } else {
        /* QEMU's RAM is whole MiB: round up as libvirt does */
        qemuArg(cb, "-m");
        qemuArgF(cb, "%llu", (mem + 1023) / 1024);
    }
    qemuArgPair(cb, "-overcommit",
                def->locked ? "mem-lock=on" : "mem-lock=off");
    return 0;
}

static int
qemuBuildSMP(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    const virCPUDef *cpu = def->cpu;
    g_autoptr(GString) smp = g_string_new(NULL);

    g_string_append_printf(smp, "%u", def->vcpus);
    if (def->vcpus != def->maxvcpus)
        g_string_append_printf(smp, ",maxcpus=%u", def->maxvcpus);
    if (cpu && cpu->sockets) {
        unsigned int dies = cpu->dies ? cpu->dies : 1;

        if (cpu->sockets * dies * cpu->cores * cpu->threads != def->maxvcpus) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("CPU topology doesn't match maximum vcpu count"));
            return -1;
        }
        g_string_append_printf(smp, ",sockets=%u,dies=%u,cores=%u,threads=%u",
                               cpu->sockets, dies, cpu->cores, cpu->threads);
    } else {
        g_string_append_printf(smp, ",sockets=%u,cores=1,threads=1",
                               def->maxvcpus);
    }
    qemuArgPair(cb, "-smp", smp->str);
    return 0;
}

/* Guest NUMA nodes: one RAM backend each. */
static int
qemuBuildNuma(qemuCommandBuilder *cb)
{
    const virCPUDef *cpu = cb->def->cpu;
    size_t i;

    if (!cpu || cpu->ncells == 0)
        return 0;
    for (i = 0; i < cpu->ncells; i++) {
        const virDomainNumaCell *cell = &cpu->cells[i];
        g_autofree char *id = g_strdup_printf("ram-node%zu", i);
        g_autoptr(GString) numa = g_string_new(NULL);
        JsonBuilder *b = qemuJSONNew();

        qemuJSONStr(b, "qom-type", "memory-backend-ram");
        qemuJSONStr(b, "id", id);
        qemuJSONInt(b, "size", (long long)(cell->memory * 1024));
        qemuArgJSON(cb, "-object", b);

        g_string_append_printf(numa, "node,nodeid=%u", cell->id);
        if (cell->cpus) {
            g_auto(GStrv) ranges = g_strsplit(cell->cpus, ",", -1);
            size_t r;

            for (r = 0; ranges[r]; r++)
                g_string_append_printf(numa, ",cpus=%s", ranges[r]);
        }
        g_string_append_printf(numa, ",memdev=%s", id);
        qemuArgPair(cb, "-numa", numa->str);
    }
    return 0;
}

/* ================================================================== */
/* Identity, monitor, clock, power management, boot                   */

static void
qemuBuildMonitor(qemuCommandBuilder *cb)
{
    g_autofree char *path = qemuEscapeComma(cb->ctx->monitorPath);

    qemuArg(cb, "-chardev");
    qemuArgF(cb, "socket,id=charmonitor,path=%s,server=on,wait=off", path);
    qemuArgPair(cb, "-mon", "chardev=charmonitor,id=monitor,mode=control");
}

static int
qemuBuildClock(qemuCommandBuilder *cb)
{
    const virDomainClockDef *clock = &cb->def->clock;
    g_autoptr(GString) rtc = g_string_new(NULL);
    bool noHpet = false;
    bool pitDelay = false;
    bool pitDiscard = false;
    size_t i;

    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
        g_string_append(rtc, "base=utc");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        g_string_append(rtc, "base=localtime");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE: {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autoptr(GDateTime) then = NULL;
        g_autofree char *stamp = NULL;

        if (clock->offset == VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE)
            then = g_date_time_new_from_unix_utc(clock->adjustment);
        else if (clock->basis == VIR_DOMAIN_CLOCK_BASIS_LOCALTIME)
            then = g_date_time_add_seconds(now, (gdouble)clock->adjustment +
                                           g_date_time_get_utc_offset(now) / G_TIME_SPAN_SECOND);
        else
            then = g_date_time_add_seconds(now, (gdouble)clock->adjustment);
        stamp = g_date_time_format(then, "%Y-%m-%dT%H:%M:%S");
        g_string_append_printf(rtc, "base=%s", stamp);
        break;
    }
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported clock offset '%s'"),
                       virDomainClockOffsetTypeToString(clock->offset));
        return -1;
    }

    for (i = 0; i < clock->ntimers; i++) {
        const virDomainTimerDef *t = clock->timers[i];

        switch (t->name) {
        case VIR_DOMAIN_TIMER_NAME_RTC:
            if (t->track == VIR_DOMAIN_TIMER_TRACK_GUEST)
                g_string_append(rtc, ",clock=vm");
            else if (t->track == VIR_DOMAIN_TIMER_TRACK_WALL ||
                     t->track == VIR_DOMAIN_TIMER_TRACK_REALTIME)
                g_string_append(rtc, ",clock=rt");
            if (t->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP) {
                g_string_append(rtc, ",driftfix=slew");
            } else if (t->tickpolicy >= 0 &&
                       t->tickpolicy != VIR_DOMAIN_TIMER_TICKPOLICY_DELAY) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unsupported rtc timer tickpolicy '%s'"),
                               virDomainTimerTickpolicyTypeToString(t->tickpolicy));
                return -1;
            }
            break;
        case VIR_DOMAIN_TIMER_NAME_HPET:
            if (t->present == VIR_TRISTATE_BOOL_NO)
                noHpet = true;
            break;
        case VIR_DOMAIN_TIMER_NAME_PIT:
            if (t->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DELAY)
                pitDelay = true;
            else if (t->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD)
                pitDiscard = true;
            break;
        case VIR_DOMAIN_TIMER_NAME_KVMCLOCK:
        case VIR_DOMAIN_TIMER_NAME_TSC:
        case VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK:
            /* KVM-only knobs; TCG has neither */
            break;
        default:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unsupported timer type (name) '%s'"),
                           virDomainTimerNameTypeToString(t->name));
            return -1;
        }
    }
    qemuArgPair(cb, "-rtc", rtc->str);
    /* the in-kernel PIT's policy; QEMU ignores it under TCG */
    if (pitDelay)
        qemuArgPair(cb, "-global", "kvm-pit.lost_tick_policy=delay");
    else if (pitDiscard)
        qemuArgPair(cb, "-global", "kvm-pit.lost_tick_policy=discard");
    if (noHpet)
        qemuArg(cb, "-no-hpet");
    return 0;
}

/* -no-shutdown keeps QEMU alive after a guest poweroff so the driver sees
 * the SHUTDOWN event and applies on_poweroff itself; a reboot that must
 * end the domain is turned into a shutdown by QEMU directly. */
static void
qemuBuildPM(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;

    qemuArg(cb, "-no-shutdown");
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY)
        qemuArgPair(cb, "-action", "reboot=shutdown");
    if (def->features[VIR_DOMAIN_FEATURE_ACPI] != VIR_TRISTATE_SWITCH_ON)
        qemuArg(cb, "-no-acpi");
}

/* Turn <os><boot dev=.../> into per-device boot indexes, as QEMU's
 * -boot order= does not reach virtio or SCSI devices. */
static int
qemuAssignBootIndexes(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    unsigned int next = 1;
    size_t i;
    size_t d;

    cb->diskBootIndex = g_new0(unsigned int, def->ndisks + 1);
    cb->netBootIndex = g_new0(unsigned int, def->nnets + 1);
    for (i = 0; i < def->ndisks; i++)
        cb->diskBootIndex[i] = def->disks[i]->info.bootIndex;
    for (i = 0; i < def->nnets; i++)
        cb->netBootIndex[i] = def->nets[i]->info.bootIndex;

    for (i = 0; i < def->os.nBootDevs; i++) {
        int wanted = -1;

        switch (def->os.bootDevs[i]) {
        case VIR_DOMAIN_BOOT_DISK:
            wanted = VIR_DOMAIN_DISK_DEVICE_DISK;
            break;
        case VIR_DOMAIN_BOOT_CDROM:
            wanted = VIR_DOMAIN_DISK_DEVICE_CDROM;
            break;
        case VIR_DOMAIN_BOOT_FLOPPY:
            wanted = VIR_DOMAIN_DISK_DEVICE_FLOPPY;
            break;
        case VIR_DOMAIN_BOOT_NET:
            if (def->nnets > 0 && cb->netBootIndex[0] == 0)
                cb->netBootIndex[0] = next++;
            continue;
        }
        for (d = 0; d < def->ndisks; d++) {
            if ((int)def->disks[d]->device == wanted) {
                if (cb->diskBootIndex[d] == 0)
                    cb->diskBootIndex[d] = next++;
                break;
            }
        }
    }
    return 0;
}

static void
qemuBuildBoot(qemuCommandBuilder *cb)
{
    const virDomainOSDef *os = &cb->def->os;
    g_autoptr(GString) boot = g_string_new(NULL);

    if (os->bootmenu == VIR_TRISTATE_BOOL_YES)
        g_string_append(boot, "menu=on,");
    else if (os->bootmenu == VIR_TRISTATE_BOOL_NO)
        g_string_append(boot, "menu=off,");
    if (os->rebootTimeout >= -1)
        g_string_append_printf(boot, "reboot-timeout=%d,", os->rebootTimeout);
    if (os->bootmenu == VIR_TRISTATE_BOOL_YES && os->bootmenuHasTimeout)
        g_string_append_printf(boot, "splash-time=%u,", os->bootmenuTimeout);
    g_string_append(boot, "strict=on");
    qemuArgPair(cb, "-boot", boot->str);

    if (os->kernel)
        qemuArgPair(cb, "-kernel", os->kernel);
    if (os->initrd)
        qemuArgPair(cb, "-initrd", os->initrd);
    if (os->cmdline)
        qemuArgPair(cb, "-append", os->cmdline);
    if (os->dtb)
        qemuArgPair(cb, "-dtb", os->dtb);
}

/* ================================================================== */
/* Controllers                                                        */

static int
qemuBuildController(qemuCommandBuilder *cb, const virDomainControllerDef *cont)
{
    const char *model = cont->model;
    const char *driver = NULL;
    JsonBuilder *b;

    switch (cont->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        if (!model || strcmp(model, "pci-root") == 0 ||
            strcmp(model, "pcie-root") == 0) {
            if (model && cb->q35 != (strcmp(model, "pcie-root") == 0)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("The PCI controller with index='0' must be model='%s' for this machine type"),
                               cb->q35 ? "pcie-root" : "pci-root");
                return -1;
            }
            return 0;
        }
        if (strcmp(model, "pcie-root-port") == 0) {
            if (!cb->q35) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("pcie-root-port controllers need a PCI Express machine (q35)"));
                return -1;
            }
            b = qemuJSONNew();
            qemuJSONStr(b, "driver", cont->modelName ? cont->modelName : "pcie-root-port");
            if (cont->targetPort >= 0)
                qemuJSONInt(b, "port", cont->targetPort);
            if (cont->targetChassis >= 0)
                qemuJSONInt(b, "chassis", cont->targetChassis);
        } else if (strcmp(model, "pcie-to-pci-bridge") == 0) {
            b = qemuJSONNew();
            qemuJSONStr(b, "driver", "pcie-pci-bridge");
        } else if (strcmp(model, "pci-bridge") == 0) {
            b = qemuJSONNew();
            qemuJSONStr(b, "driver", "pci-bridge");
            qemuJSONInt(b, "chassis_nr", cont->targetChassis >= 0 ?
                        cont->targetChassis : cont->idx);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("PCI controller model '%s' is not supported yet"),
                           model);
            return -1;
        }
        qemuJSONStr(b, "id", cont->info.alias);
        break;

    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        if (strcmp(model, "none") == 0)
            return 0;
        if (strcmp(model, "piix3-uhci") == 0)
            driver = "piix3-usb-uhci";
        else if (strcmp(model, "piix4-uhci") == 0)
            driver = "piix4-usb-uhci";
        else if (strcmp(model, "qemu-xhci") == 0)
            driver = "qemu-xhci";
        else if (strcmp(model, "nec-xhci") == 0)
            driver = "nec-usb-xhci";
        else if (strcmp(model, "ehci") == 0)
            driver = "usb-ehci";
        else if (strcmp(model, "ich9-ehci1") == 0)
            driver = "ich9-usb-ehci1";
        if (!driver) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("USB controller model '%s' is not supported yet"),
                           model);
            return -1;
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        if (cont->ports > 0 && g_str_has_suffix(driver, "xhci")) {
            qemuJSONInt(b, "p2", cont->ports);
            qemuJSONInt(b, "p3", cont->ports);
        }
        qemuJSONStr(b, "id", cont->info.alias);
        break;

    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        if (strcmp(model, "lsilogic") == 0)
            driver = "lsi";
        else if (strcmp(model, "virtio-scsi") == 0)
            driver = "virtio-scsi-pci";
        else if (strcmp(model, "lsisas1068") == 0)
            driver = "mptsas1068";
        else if (strcmp(model, "lsisas1078") == 0)
            driver = "megasas";
        if (!driver) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unsupported controller model: %s"), model);
            return -1;
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        qemuJSONStr(b, "id", cont->info.alias);
        break;

    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        if (cb->q35) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("IDE controllers are unsupported for this QEMU binary or machine type"));
            return -1;
        }
        if (cont->idx != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Only a single IDE controller is supported for this machine type, not index %d"),
                           cont->idx);
            return -1;
        }
        return 0;                   /* the PIIX3's own */

    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        if (cb->q35 && cont->idx == 0)
            return 0;               /* the ICH9's own */
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", "ahci");
        qemuJSONStr(b, "id", cont->info.alias);
        break;

    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", "virtio-serial-pci");
        qemuJSONStr(b, "id", cont->info.alias);
        if (cont->ports > 0)
            qemuJSONInt(b, "max_ports", cont->ports);
        if (cont->vectors > 0)
            qemuJSONInt(b, "vectors", cont->vectors);
        break;

    case VIR_DOMAIN_CONTROLLER_TYPE_FDC:
        if (cb->q35 || cont->idx != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("floppy controllers are not supported on this machine"));
            return -1;
        }
        return 0;

    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("controller type '%s' is not supported yet"),
                       virDomainControllerTypeToString(cont->type));
        return -1;
    }

    if (qemuJSONAddress(cb, b, &cont->info) < 0) {
        g_object_unref(b);
        return -1;
    }
    qemuArgJSON(cb, "-device", b);
    return 0;
}

static int
qemuBuildControllers(qemuCommandBuilder *cb)
{
    static const int order[] = {
        VIR_DOMAIN_CONTROLLER_TYPE_PCI,
        VIR_DOMAIN_CONTROLLER_TYPE_USB,
        VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
        VIR_DOMAIN_CONTROLLER_TYPE_IDE,
        VIR_DOMAIN_CONTROLLER_TYPE_SATA,
        VIR_DOMAIN_CONTROLLER_TYPE_FDC,
        VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    };
    const virDomainDef *def = cb->def;
    size_t o;
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        bool known = false;

        for (o = 0; o < G_N_ELEMENTS(order); o++)
            known |= def->controllers[i]->type == order[o];
        if (!known) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("controller type '%s' is not supported yet"),
                           virDomainControllerTypeToString(def->controllers[i]->type));
            return -1;
        }
    }
    for (o = 0; o < G_N_ELEMENTS(order); o++) {
        for (i = 0; i < def->ncontrollers; i++) {
            if (def->controllers[i]->type == order[o] &&
                qemuBuildController(cb, def->controllers[i]) < 0)
                return -1;
        }
    }
    return 0;
}

/* ================================================================== */
/* Disks                                                              */

static void
qemuDiskCacheFlags(int mode, bool *direct, bool *noFlush, bool *writeCache)
{
    *direct = mode == VIR_DOMAIN_DISK_CACHE_DISABLE ||
              mode == VIR_DOMAIN_DISK_CACHE_DIRECTSYNC;
    *noFlush = mode == VIR_DOMAIN_DISK_CACHE_UNSAFE;
    *writeCache = !(mode == VIR_DOMAIN_DISK_CACHE_WRITETHRU ||
                    mode == VIR_DOMAIN_DISK_CACHE_DIRECTSYNC);
}

static void
qemuJSONCache(JsonBuilder *b, const virDomainDiskDef *disk)
{
    bool direct;
    bool noFlush;
    bool writeCache;

    if (disk->cachemode == VIR_DOMAIN_DISK_CACHE_DEFAULT)
        return;
    qemuDiskCacheFlags(disk->cachemode, &direct, &noFlush, &writeCache);
    json_builder_set_member_name(b, "cache");
    json_builder_begin_object(b);
    qemuJSONBool(b, "direct", direct);
    qemuJSONBool(b, "no-flush", noFlush);
    json_builder_end_object(b);
}

static int
qemuValidateDisk(qemuCommandBuilder *cb, const virDomainDiskDef *disk)
{
    const char *fmt = disk->driverFormat;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
    case VIR_DOMAIN_DISK_BUS_IDE:
    case VIR_DOMAIN_DISK_BUS_SATA:
    case VIR_DOMAIN_DISK_BUS_SCSI:
        break;
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("unsupported disk bus '%s' with device setup"),
                       virDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->bus == VIR_DOMAIN_DISK_BUS_IDE && cb->q35) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("IDE controllers are unsupported for this QEMU binary or machine type"));
        return -1;
    }
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY ||
        disk->device == VIR_DOMAIN_DISK_DEVICE_LUN) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("disk device '%s' is not supported yet"),
                       virDomainDiskDeviceTypeToString(disk->device));
        return -1;
    }
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM &&
        disk->bus == VIR_DOMAIN_DISK_BUS_VIRTIO) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("disk type of '%s' does not support ejectable media"), disk->dst);
        return -1;
    }
    if (disk->readonly && disk->device == VIR_DOMAIN_DISK_DEVICE_DISK &&
        (disk->bus == VIR_DOMAIN_DISK_BUS_IDE ||
         disk->bus == VIR_DOMAIN_DISK_BUS_SATA)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("readonly ide disks are not supported"));
        return -1;
    }
    if (disk->hasSource || disk->src) {
        /* a volume was resolved to its path when the domain started */
        if (disk->type != VIR_STORAGE_TYPE_FILE &&
            disk->type != VIR_STORAGE_TYPE_BLOCK &&
            !(disk->type == VIR_STORAGE_TYPE_VOLUME && disk->src)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("disk source type '%s' of disk '%s' is not supported yet"),
                           virStorageTypeToString(disk->type), disk->dst);
            return -1;
        }
    }
    if (fmt && strcmp(fmt, "raw") != 0 && strcmp(fmt, "qcow2") != 0 &&
        strcmp(fmt, "qcow") != 0 && strcmp(fmt, "qed") != 0 &&
        strcmp(fmt, "vmdk") != 0 && strcmp(fmt, "vpc") != 0 &&
        strcmp(fmt, "vdi") != 0 && strcmp(fmt, "luks") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown driver format value '%s'"), fmt);
        return -1;
    }
    if (disk->driverName && strcmp(disk->driverName, "qemu") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported driver name '%s' for disk '%s'"),
                       disk->driverName, disk->dst);
        return -1;
    }
    if (disk->iomode != VIR_DOMAIN_DISK_IO_DEFAULT &&
        disk->iomode == VIR_DOMAIN_DISK_IO_NATIVE &&
        disk->cachemode != VIR_DOMAIN_DISK_CACHE_DISABLE &&
        disk->cachemode != VIR_DOMAIN_DISK_CACHE_DIRECTSYNC) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("native I/O needs either no disk cache or directsync cache mode, QEMU will fallback to aio=threads"));
        return -1;
    }
    return 0;
}

static int
qemuBuildDisk(qemuCommandBuilder *cb, size_t idx, unsigned int nodeIndex)
{
    const virDomainDiskDef *disk = cb->def->disks[idx];
    g_autofree char *storage = NULL;
    g_autofree char *format = NULL;
    bool hasMedia = disk->src != NULL;
    bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    bool readonly = disk->readonly || cdrom;
    JsonBuilder *b;

    if (qemuValidateDisk(cb, disk) < 0)
        return -1;

    if (hasMedia) {
        const char *protocol = "file";
        const char *aio = NULL;

        storage = g_strdup_printf("libvirt-%u-storage", nodeIndex);
        format = g_strdup_printf("libvirt-%u-format", nodeIndex);
        if (disk->type == VIR_STORAGE_TYPE_BLOCK)
            protocol = cdrom ? "host_cdrom" : "host_device";
        if (disk->iomode == VIR_DOMAIN_DISK_IO_NATIVE)
            aio = "native";
        else if (disk->iomode == VIR_DOMAIN_DISK_IO_THREADS)
            aio = "threads";
        else if (disk->iomode == VIR_DOMAIN_DISK_IO_URING)
            aio = "io_uring";

        b = qemuJSONNew();
        qemuJSONStr(b, "driver", protocol);
        qemuJSONStr(b, "filename", disk->src);
        qemuJSONStr(b, "aio", aio);
        qemuJSONStr(b, "node-name", storage);
        qemuJSONCache(b, disk);
        qemuJSONBool(b, "auto-read-only", true);
        qemuJSONStr(b, "discard", "unmap");
        qemuArgJSON(cb, "-blockdev", b);

        b = qemuJSONNew();
        qemuJSONStr(b, "node-name", format);
        qemuJSONBool(b, "read-only", readonly);
        if (disk->discard == VIR_DOMAIN_DISK_DISCARD_UNMAP)
            qemuJSONStr(b, "discard", "unmap");
        else if (disk->discard == VIR_DOMAIN_DISK_DISCARD_IGNORE)
            qemuJSONStr(b, "discard", "ignore");
        qemuJSONCache(b, disk);
        qemuJSONStr(b, "driver", disk->driverFormat ? disk->driverFormat : "raw");
        qemuJSONStr(b, "file", storage);
        qemuArgJSON(cb, "-blockdev", b);
    }

    b = qemuJSONNew();
    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        qemuJSONStr(b, "driver", "virtio-blk-pci");
        if (qemuJSONAddress(cb, b, &disk->info) < 0) {
            g_object_unref(b);
            return -1;
        }
        break;
    case VIR_DOMAIN_DISK_BUS_IDE: {
        g_autofree char *bus = g_strdup_printf("ide.%u", disk->info.bus);

        qemuJSONStr(b, "driver", cdrom ? "ide-cd" : "ide-hd");
        qemuJSONStr(b, "bus", bus);
        qemuJSONInt(b, "unit", disk->info.unit);
        break;
    }
    case VIR_DOMAIN_DISK_BUS_SATA: {
        const virDomainControllerDef *cont =
            qemuFindController(cb->def, VIR_DOMAIN_CONTROLLER_TYPE_SATA,
                               disk->info.controller);
        g_autofree char *bus = NULL;

        if (!cont) {
            g_object_unref(b);
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("no SATA controller %u for disk '%s'"),
                           disk->info.controller, disk->dst);
            return -1;
        }
        bus = g_strdup_printf("%s.%u", cont->info.alias, disk->info.unit);
        qemuJSONStr(b, "driver", cdrom ? "ide-cd" : "ide-hd");
        qemuJSONStr(b, "bus", bus);
        break;
    }
    case VIR_DOMAIN_DISK_BUS_SCSI: {
        const virDomainControllerDef *cont =
            qemuFindController(cb->def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
                               disk->info.controller);
        g_autofree char *bus = NULL;
        g_autofree char *devid = NULL;

        if (!cont) {
            g_object_unref(b);
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("no SCSI controller %u for disk '%s'"),
                           disk->info.controller, disk->dst);
            return -1;
        }
        qemuJSONStr(b, "driver", cdrom ? "scsi-cd" : "scsi-hd");
        if (cont->model && strcmp(cont->model, "virtio-scsi") == 0) {
            bus = g_strdup_printf("%s.0", cont->info.alias);
            qemuJSONStr(b, "bus", bus);
            qemuJSONInt(b, "channel", disk->info.bus);
            qemuJSONInt(b, "scsi-id", disk->info.target);
            qemuJSONInt(b, "lun", disk->info.unit);
        } else {
            if (disk->info.target != 0 || disk->info.bus != 0) {
                g_object_unref(b);
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("SCSI controller model '%s' supports only bus 0 and target 0 (disk '%s')"),
                               cont->model, disk->dst);
                return -1;
            }
            bus = g_strdup_printf("%s.%u", cont->info.alias, disk->info.bus);
            qemuJSONStr(b, "bus", bus);
            qemuJSONInt(b, "scsi-id", disk->info.unit);
        }
        devid = g_strdup_printf("drive-%s", disk->info.alias);
        qemuJSONStr(b, "device_id", devid);
        break;
    }
    }
    if (hasMedia)
        qemuJSONStr(b, "drive", format);
    qemuJSONStr(b, "id", disk->info.alias);
    if (cb->diskBootIndex[idx])
        qemuJSONInt(b, "bootindex", cb->diskBootIndex[idx]);
    if (disk->serial)
        qemuJSONStr(b, "serial", disk->serial);
    if (disk->cachemode != VIR_DOMAIN_DISK_CACHE_DEFAULT && !cdrom) {
        bool direct;
        bool noFlush;
        bool writeCache;

        qemuDiskCacheFlags(disk->cachemode, &direct, &noFlush, &writeCache);
        qemuJSONStr(b, "write-cache", writeCache ? "on" : "off");
    }
    qemuArgJSON(cb, "-device", b);
    return 0;
}

static int
qemuBuildDisks(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    /* block nodes are numbered down to 1, the first disk the highest (an
     * empty drive keeps its number for the medium inserted later) */
    for (i = 0; i < def->ndisks; i++) {
        if (qemuBuildDisk(cb, i, (unsigned int)(def->ndisks - i)) < 0)
            return -1;
    }
    return 0;
}

/* ================================================================== */
/* Network interfaces                                                 */

static const char *
qemuNetModelDriver(const char *model)
{
    static const struct {
        const char *model;
        const char *driver;
    } models[] = {
        { "virtio", "virtio-net-pci" },
        { "e1000", "e1000" },
        { "e1000e", "e1000e" },
        { "rtl8139", "rtl8139" },
        { "ne2k_pci", "ne2k_pci" },
        { "pcnet", "pcnet" },
        { "vmxnet3", "vmxnet3" },
        { "i82559er", "i82559er" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(models); i++) {
        if (strcmp(models[i].model, model) == 0)
            return models[i].driver;
    }
    return NULL;
}

static int
qemuBuildNet(qemuCommandBuilder *cb, size_t idx)
{
    const virDomainNetDef *net = cb->def->nets[idx];
    g_autofree char *netdev = g_strdup_printf("host%s", net->info.alias);
    char mac[VIR_MAC_STRING_BUFLEN];
    const char *driver = NULL;
    JsonBuilder *b;

    if (!(driver = qemuNetModelDriver(net->model))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("interface model '%s' is not supported"), net->model);
        return -1;
    }

    b = qemuJSONNew();
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_USER:
        qemuJSONStr(b, "type", "user");
        break;
    case VIR_DOMAIN_NET_TYPE_NETWORK:
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
    case VIR_DOMAIN_NET_TYPE_ETHERNET: {
        const qemuCommandNetTap *tap = idx < cb->ctx->ntaps ?
            &cb->ctx->taps[idx] : NULL;
        const char *ifname = tap ? tap->ifname : NULL;

        if (!ifname && (!tap || tap->fd < 0) &&
            net->type == VIR_DOMAIN_NET_TYPE_ETHERNET)
            ifname = net->ifname;
        qemuJSONStr(b, "type", "tap");
        if (tap && tap->fd >= 0) {
            g_autofree char *fd = g_strdup_printf("%d", tap->fd);
            qemuJSONStr(b, "fd", fd);
        } else if (ifname) {
            qemuJSONStr(b, "ifname", ifname);
            qemuJSONStr(b, "script", "no");
            qemuJSONStr(b, "downscript", "no");
        } else {
            g_object_unref(b);
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("no tap device was prepared for interface '%s'"),
                           virDomainMacFormat(net->mac, mac));
            return -1;
        }
        break;
    }
    default:
        g_object_unref(b);
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("interface type '%s' is not supported yet"),
                       virDomainNetTypeToString(net->type));
        return -1;
    }
    qemuJSONStr(b, "id", netdev);
    qemuArgJSON(cb, "-netdev", b);

    b = qemuJSONNew();
    qemuJSONStr(b, "driver", driver);
    qemuJSONStr(b, "netdev", netdev);
    qemuJSONStr(b, "id", net->info.alias);
    qemuJSONStr(b, "mac", virDomainMacFormat(net->mac, mac));
    if (net->mtu)
        qemuJSONInt(b, "host_mtu", net->mtu);
    if (cb->netBootIndex[idx])
        qemuJSONInt(b, "bootindex", cb->netBootIndex[idx]);
    if (qemuJSONAddress(cb, b, &net->info) < 0) {
        g_object_unref(b);
        return -1;
    }
    qemuArgJSON(cb, "-device", b);
    return 0;
}

/* ================================================================== */
/* Character devices                                                  */

/* -chardev for SRC with id ID. */
static int
qemuBuildChardev(qemuCommandBuilder *cb, const virDomainChrSourceDef *src,
                 const char *id, const char *what)
{
    g_autoptr(GString) arg = g_string_new(NULL);
    g_autofree char *path = src->path ? qemuEscapeComma(src->path) : NULL;

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_NULL:
        g_string_append_printf(arg, "null,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_VC:
        g_string_append_printf(arg, "vc,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_PTY:
        g_string_append_printf(arg, "pty,id=%s", id);
        break;
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_FILE:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (!path) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing source path attribute for char device of %s"),
                           what);
            return -1;
        }
        if (src->type == VIR_DOMAIN_CHR_TYPE_DEV)
            g_string_append_printf(arg, "tty,id=%s,path=%s", id, path);
        else if (src->type == VIR_DOMAIN_CHR_TYPE_FILE)
            g_string_append_printf(arg, "file,id=%s,path=%s", id, path);
        else if (src->type == VIR_DOMAIN_CHR_TYPE_PIPE)
            g_string_append_printf(arg, "pipe,id=%s,path=%s", id, path);
        else
            g_string_append_printf(arg, "socket,id=%s,path=%s", id, path);
        if (src->type == VIR_DOMAIN_CHR_TYPE_FILE &&
            src->append != VIR_TRISTATE_SWITCH_ABSENT)
            g_string_append_printf(arg, ",append=%s",
                                   src->append == VIR_TRISTATE_SWITCH_ON ? "on" : "off");
        if (src->type == VIR_DOMAIN_CHR_TYPE_UNIX && src->listen)
            g_string_append(arg, ",server=on,wait=off");
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP: {
        g_autofree char *host = qemuEscapeComma(src->host ? src->host : "");

        if (!src->service) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing source service attribute for char device of %s"),
                           what);
            return -1;
        }
        g_string_append_printf(arg, "socket,id=%s,host=%s,port=%s", id, host,
                               src->service);
        if (src->protocol == VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET)
            g_string_append(arg, ",telnet=on");
        else if (src->protocol != VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("TCP protocol '%s' is not supported yet"),
                           virDomainChrTcpProtocolTypeToString(src->protocol));
            return -1;
        }
        if (src->listen)
            g_string_append(arg, ",server=on,wait=off");
        break;
    }
    case VIR_DOMAIN_CHR_TYPE_UDP:
        g_string_append_printf(arg, "udp,id=%s,host=%s,port=%s", id,
                               src->host ? src->host : "",
                               src->service ? src->service : "0");
        if (src->bindHost || src->bindService)
            g_string_append_printf(arg, ",localaddr=%s,localport=%s",
                                   src->bindHost ? src->bindHost : "",
                                   src->bindService ? src->bindService : "0");
        break;
    case VIR_DOMAIN_CHR_TYPE_STDIO:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("character device type 'stdio' of %s is not allowed: QEMU runs without a terminal"),
                       what);
        return -1;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Unsupported char device type '%s' of %s"),
                       qemuChrTypeName(src->type), what);
        return -1;
    }
    qemuArgPair(cb, "-chardev", arg->str);
    return 0;
}

static int
qemuBuildSerial(qemuCommandBuilder *cb, const virDomainChrDef *chr)
{
    g_autofree char *charid = g_strdup_printf("char%s", chr->info.alias);
    const char *model = chr->targetModel ? chr->targetModel : "isa-serial";
    JsonBuilder *b;

    if (chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA &&
        chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB &&
        chr->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI) {
        /* the device models of the other targets: s390, pSeries, ARM */
        static const char *const otherModels[VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST] = {
            [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO] = "spapr-vty",
            [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM] = "pl011",
            [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP] = "sclpconsole",
            [VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG] = "isa-debugcon",
        };
        const char *other = chr->targetModel;

        if (!other && chr->targetType >= 0 &&
            chr->targetType < VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST)
            other = otherModels[chr->targetType];
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Serial device with target type '%s' and target model '%s' not compatible with guest architecture or machine type"),
                       virDomainChrSerialTargetTypeToString(chr->targetType),
                       other ? other : "none");
        return -1;
    }
    if (strcmp(model, "isa-serial") != 0 && strcmp(model, "usb-serial") != 0 &&
        strcmp(model, "pci-serial") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Serial device model '%s' is not supported on this machine"),
                       model);
        return -1;
    }
    if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA &&
        chr->targetPort > 3) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("ISA serial port %d is out of range: the machine has 4 (0-3)"),
                       chr->targetPort);
        return -1;
    }
    if (qemuBuildChardev(cb, &chr->source, charid, chr->info.alias) < 0)
        return -1;
    b = qemuJSONNew();
    qemuJSONStr(b, "driver", model);
    qemuJSONStr(b, "chardev", charid);
    qemuJSONStr(b, "id", chr->info.alias);
    if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA)
        qemuJSONInt(b, "index", chr->targetPort);
    if (qemuJSONAddress(cb, b, &chr->info) < 0) {
        g_object_unref(b);
        return -1;
    }
    qemuArgJSON(cb, "-device", b);
    return 0;
}

static int
qemuBuildVirtioSerialPort(qemuCommandBuilder *cb, const virDomainChrDef *chr,
                          const char *driver)
{
    g_autofree char *charid = g_strdup_printf("char%s", chr->info.alias);
    JsonBuilder *b;

    if (qemuBuildChardev(cb, &chr->source, charid, chr->info.alias) < 0)
        return -1;
    b = qemuJSONNew();
    qemuJSONStr(b, "driver", driver);
    if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL) {
        const virDomainControllerDef *cont =
            qemuFindController(cb->def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                               chr->info.controller);
        g_autofree char *bus = NULL;

        if (!cont) {
            g_object_unref(b);
            virReportError(VIR_ERR_XML_ERROR,
                           _("virtio-serial controller %u of %s is missing"),
                           chr->info.controller, chr->info.alias);
            return -1;
        }
        bus = g_strdup_printf("%s.%u", cont->info.alias, chr->info.bus);
        qemuJSONStr(b, "bus", bus);
        qemuJSONInt(b, "nr", chr->info.port);
    }
    qemuJSONStr(b, "chardev", charid);
    qemuJSONStr(b, "id", chr->info.alias);
    if (chr->targetName)
        qemuJSONStr(b, "name", chr->targetName);
    qemuArgJSON(cb, "-device", b);
    return 0;
}

static int
qemuBuildChrDevices(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        if (qemuBuildSerial(cb, def->serials[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->nparallels; i++) {
        const virDomainChrDef *chr = def->parallels[i];
        g_autofree char *charid = g_strdup_printf("char%s", chr->info.alias);
        JsonBuilder *b;

        if (qemuBuildChardev(cb, &chr->source, charid, chr->info.alias) < 0)
            return -1;
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", "isa-parallel");
        qemuJSONStr(b, "chardev", charid);
        qemuJSONStr(b, "id", chr->info.alias);
        qemuArgJSON(cb, "-device", b);
    }
    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("channel target type '%s' is not supported yet"),
                           virDomainChrChannelTargetTypeToString(chr->targetType));
            return -1;
        }
        if (qemuBuildVirtioSerialPort(cb, chr, "virtserialport") < 0)
            return -1;
    }
    for (i = 0; i < def->nconsoles; i++) {
        const virDomainChrDef *chr = def->consoles[i];

        switch (chr->targetType) {
        case VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL:
            /* the serial port itself */
            if (i == 0 && def->nserials > 0)
                break;
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Only the first console can be a serial port"));
            return -1;
        case VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO:
            if (qemuBuildVirtioSerialPort(cb, chr, "virtconsole") < 0)
                return -1;
            break;
        default:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unsupported console target type %s"),
                           virDomainChrConsoleTargetTypeToString(chr->targetType));
            return -1;
        }
    }
    return 0;
}

/* ================================================================== */
/* Input, audio, graphics, video, sound                               */

static int
qemuBuildInputs(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *in = def->inputs[i];
        const char *driver = NULL;
        JsonBuilder *b;

        if (in->bus == VIR_DOMAIN_INPUT_BUS_PS2) {
            if (in->type == VIR_DOMAIN_INPUT_TYPE_MOUSE ||
                in->type == VIR_DOMAIN_INPUT_TYPE_KBD)
                continue;           /* the i8042 of the PC */
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("%s is not supported by bus '%s'"),
                           virDomainInputTypeToString(in->type), "ps2");
            return -1;
        }
        if (in->bus == VIR_DOMAIN_INPUT_BUS_USB) {
            if (in->type == VIR_DOMAIN_INPUT_TYPE_MOUSE)
                driver = "usb-mouse";
            else if (in->type == VIR_DOMAIN_INPUT_TYPE_TABLET)
                driver = "usb-tablet";
            else if (in->type == VIR_DOMAIN_INPUT_TYPE_KBD)
                driver = "usb-kbd";
        } else if (in->bus == VIR_DOMAIN_INPUT_BUS_VIRTIO) {
            if (in->type == VIR_DOMAIN_INPUT_TYPE_MOUSE)
                driver = "virtio-mouse-pci";
            else if (in->type == VIR_DOMAIN_INPUT_TYPE_TABLET)
                driver = "virtio-tablet-pci";
            else if (in->type == VIR_DOMAIN_INPUT_TYPE_KBD)
                driver = "virtio-keyboard-pci";
        }
        if (!driver) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("input device '%s' on bus '%s' is not supported"),
                           virDomainInputTypeToString(in->type),
                           virDomainInputBusTypeToString(in->bus));
            return -1;
        }
        if (in->bus == VIR_DOMAIN_INPUT_BUS_USB) {
            const virDomainControllerDef *usb =
                qemuFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 0);

            if (!usb || (usb->model && strcmp(usb->model, "none") == 0)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("Can't add USB input device. USB bus is disabled"));
                return -1;
            }
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        qemuJSONStr(b, "id", in->info.alias);
        if (qemuJSONAddress(cb, b, &in->info) < 0) {
            g_object_unref(b);
            return -1;
        }
        qemuArgJSON(cb, "-device", b);
    }
    return 0;
}

static int
qemuBuildAudio(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->naudios; i++) {
        const virDomainAudioDef *audio = def->audios[i];
        g_autofree char *id = g_strdup_printf("audio%u", audio->id);
        const char *driver = NULL;
        JsonBuilder *b;

        if (strcmp(audio->type, "none") == 0)
            driver = "none";
        else if (strcmp(audio->type, "file") == 0)
            driver = "wav";
        else if (strcmp(audio->type, "spice") == 0)
            driver = "spice";
        if (!driver) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("audio type '%s' is not supported yet"),
                           audio->type);
            return -1;
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "id", id);
        qemuJSONStr(b, "driver", driver);
        qemuArgJSON(cb, "-audiodev", b);
    }
    return 0;
}

static int
qemuBuildGraphics(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        const virDomainGraphicsDef *g = def->graphics[i];
        const virDomainGraphicsListenDef *listen = g->nListens ? &g->listens[0] : NULL;
        g_autoptr(GString) vnc = g_string_new(NULL);

        if (g->type != VIR_DOMAIN_GRAPHICS_TYPE_VNC) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("graphics type '%s' is not supported yet, only 'vnc'"),
                           virDomainGraphicsTypeToString(g->type));
            return -1;
        }
        if (i > 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("only 1 graphics device of each type (sdl, vnc, spice, dbus) is supported"));
            return -1;
        }
        if (listen && listen->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
            g_autofree char *path = NULL;

            if (!listen->socket) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("a VNC socket listen needs a socket path"));
                return -1;
            }
            path = qemuEscapeComma(listen->socket);
            g_string_append_printf(vnc, "vnc=unix:%s", path);
        } else if (listen && listen->type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("VNC listen type 'network' is not supported yet"));
            return -1;
        } else {
            const char *addr = listen && listen->address ? listen->address :
                "127.0.0.1";
            int port = g->port;

            if (g->autoport || port <= 0) {
                port = cb->ctx->vncPort;
                if (port < 0) {
                    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                                   _("no port was chosen for the VNC display with autoport"));
                    return -1;
                }
            }
            if (port < 5900 || port > 65535) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("VNC port %d is out of range: QEMU takes 5900-65535"),
                               port);
                return -1;
            }
            if (strchr(addr, ':'))
                g_string_append_printf(vnc, "[%s]:%d", addr, port - 5900);
            else
                g_string_append_printf(vnc, "%s:%d", addr, port - 5900);
            if (g->websocket > 0) {
                g_string_append_printf(vnc, ",websocket=%d", g->websocket);
            } else if (g->websocket == -1) {
                if (cb->ctx->vncWebsocketPort < 0) {
                    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                                   _("no port was chosen for the VNC websocket"));
                    return -1;
                }
                g_string_append_printf(vnc, ",websocket=%d",
                                       cb->ctx->vncWebsocketPort);
            }
        }
        if (g->passwd)
            g_string_append(vnc, ",password=on");
        if (def->naudios > 0)
            g_string_append_printf(vnc, ",audiodev=audio%u", def->audios[0]->id);
        qemuArgPair(cb, "-vnc", vnc->str);
        if (g->keymap)
            qemuArgPair(cb, "-k", g->keymap);
    }
    return 0;
}

static int
qemuBuildVideos(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->nvideos; i++) {
        const virDomainVideoDef *video = def->videos[i];
        bool primary = i == 0 && video->primary;
        const char *driver = NULL;
        JsonBuilder *b;

        switch (video->type) {
        case VIR_DOMAIN_VIDEO_TYPE_NONE:
            continue;
        case VIR_DOMAIN_VIDEO_TYPE_VGA:
            driver = primary ? "VGA" : "secondary-vga";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
            driver = "cirrus-vga";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
            driver = "vmware-svga";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_QXL:
            driver = primary ? "qxl-vga" : "qxl";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
            driver = primary ? "virtio-vga" : "virtio-gpu-pci";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
            driver = "bochs-display";
            break;
        case VIR_DOMAIN_VIDEO_TYPE_RAMFB:
            driver = "ramfb";
            break;
        default:
            break;
        }
        if (!driver) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("domain configuration does not support video model '%s'"),
                           virDomainVideoTypeToString(video->type));
            return -1;
        }
        if (!primary && (video->type == VIR_DOMAIN_VIDEO_TYPE_CIRRUS ||
                         video->type == VIR_DOMAIN_VIDEO_TYPE_VMVGA)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("video type '%s' is only valid as primary video device"),
                           virDomainVideoTypeToString(video->type));
            return -1;
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        qemuJSONStr(b, "id", video->info.alias);
        switch (video->type) {
        case VIR_DOMAIN_VIDEO_TYPE_VGA:
        case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
            if (video->vram)
                qemuJSONInt(b, "vgamem_mb", video->vram / 1024);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_QXL:
            if (video->heads)
                qemuJSONInt(b, "max_outputs", video->heads);
            qemuJSONInt(b, "ram_size", (long long)video->ram * 1024);
            qemuJSONInt(b, "vram_size", (long long)video->vram * 1024);
            qemuJSONInt(b, "vram64_size_mb", video->vram64 / 1024);
            qemuJSONInt(b, "vgamem_mb", video->vgamem ? video->vgamem / 1024 : 16);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
            if (video->vram)
                qemuJSONInt(b, "vgamem", (long long)video->vram * 1024);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
            if (video->heads)
                qemuJSONInt(b, "max_outputs", video->heads);
            break;
        default:
            break;
        }
        if (qemuJSONAddress(cb, b, &video->info) < 0) {
            g_object_unref(b);
            return -1;
        }
        qemuArgJSON(cb, "-device", b);
    }
    return 0;
}

static int
qemuBuildSounds(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    g_autofree char *audiodev = NULL;
    size_t i;

    if (def->naudios > 0)
        audiodev = g_strdup_printf("audio%u", def->audios[0]->id);
    for (i = 0; i < def->nsounds; i++) {
        const virDomainSoundDef *sound = def->sounds[i];
        const char *driver = NULL;
        bool hda = false;
        JsonBuilder *b;

        switch (sound->model) {
        case VIR_DOMAIN_SOUND_MODEL_AC97:
            driver = "AC97";
            break;
        case VIR_DOMAIN_SOUND_MODEL_ES1370:
            driver = "ES1370";
            break;
        case VIR_DOMAIN_SOUND_MODEL_ICH6:
            driver = "intel-hda";
            hda = true;
            break;
        case VIR_DOMAIN_SOUND_MODEL_ICH9:
            driver = "ich9-intel-hda";
            hda = true;
            break;
        default:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("sound card model '%s' is not supported by qemu"),
                           virDomainSoundModelTypeToString(sound->model));
            return -1;
        }
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        qemuJSONStr(b, "id", sound->info.alias);
        if (!hda)
            qemuJSONStr(b, "audiodev", audiodev);
        if (qemuJSONAddress(cb, b, &sound->info) < 0) {
            g_object_unref(b);
            return -1;
        }
        qemuArgJSON(cb, "-device", b);
        if (hda) {
            g_autofree char *codec = g_strdup_printf("%s-codec0", sound->info.alias);
            g_autofree char *bus = g_strdup_printf("%s.0", sound->info.alias);

            b = qemuJSONNew();
            qemuJSONStr(b, "driver", "hda-duplex");
            qemuJSONStr(b, "id", codec);
            qemuJSONStr(b, "bus", bus);
            qemuJSONInt(b, "cad", 0);
            qemuJSONStr(b, "audiodev", audiodev);
            qemuArgJSON(cb, "-device", b);
        }
    }
    return 0;
}

/* ================================================================== */
/* Watchdog, balloon, RNG                                             */

static int
qemuBuildWatchdog(qemuCommandBuilder *cb)
{
    const virDomainWatchdogDef *wd = cb->def->watchdog;
    const char *action = NULL;
    JsonBuilder *b;

    if (!wd)
        return 0;
    if (wd->model == VIR_DOMAIN_WATCHDOG_MODEL_DIAG288) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("diag288 model of watchdog is allowed for s390 and s390x only"));
        return -1;
    }
    if (wd->model != VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB &&
        wd->model != VIR_DOMAIN_WATCHDOG_MODEL_IB700) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("watchdog model '%s' is not supported on this machine"),
                       virDomainWatchdogModelTypeToString(wd->model));
        return -1;
    }
    switch (wd->action) {
    case VIR_DOMAIN_WATCHDOG_ACTION_RESET:
        action = "reset";
        break;
    case VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN:
        action = "shutdown";
        break;
    case VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF:
        action = "poweroff";
        break;
    case VIR_DOMAIN_WATCHDOG_ACTION_PAUSE:
        action = "pause";
        break;
    case VIR_DOMAIN_WATCHDOG_ACTION_NONE:
        action = "none";
        break;
    case VIR_DOMAIN_WATCHDOG_ACTION_INJECTNMI:
        action = "inject-nmi";
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("watchdog action '%s' is not supported yet"),
                       virDomainWatchdogActionTypeToString(wd->action));
        return -1;
    }
    b = qemuJSONNew();
    qemuJSONStr(b, "driver",
                wd->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB ? "i6300esb" : "ib700");
    qemuJSONStr(b, "id", wd->info.alias);
    if (qemuJSONAddress(cb, b, &wd->info) < 0) {
        g_object_unref(b);
        return -1;
    }
    qemuArgJSON(cb, "-device", b);
    qemuArg(cb, "-action");
    qemuArgF(cb, "watchdog=%s", action);
    return 0;
}

static int
qemuBuildMemballoon(qemuCommandBuilder *cb)
{
    const virDomainMemballoonDef *mb = cb->def->memballoon;
    JsonBuilder *b;
    const char *driver;

    if (!mb || mb->model == VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        return 0;
    switch (mb->model) {
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO:
        driver = "virtio-balloon-pci";
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL:
        driver = "virtio-balloon-pci-transitional";
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL:
        driver = "virtio-balloon-pci-non-transitional";
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Memory balloon device type '%s' is not supported by this version of qemu"),
                       virDomainMemballoonModelTypeToString(mb->model));
        return -1;
    }
    b = qemuJSONNew();
    qemuJSONStr(b, "driver", driver);
    qemuJSONStr(b, "id", mb->info.alias);
    if (mb->autodeflate != VIR_TRISTATE_SWITCH_ABSENT)
        qemuJSONBool(b, "deflate-on-oom", mb->autodeflate == VIR_TRISTATE_SWITCH_ON);
    if (mb->free_page_reporting != VIR_TRISTATE_SWITCH_ABSENT)
        qemuJSONBool(b, "free-page-reporting",
                     mb->free_page_reporting == VIR_TRISTATE_SWITCH_ON);
    if (qemuJSONAddress(cb, b, &mb->info) < 0) {
        g_object_unref(b);
        return -1;
    }
    qemuArgJSON(cb, "-device", b);
    return 0;
}

static int
qemuBuildRNGs(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;
    size_t i;

    for (i = 0; i < def->nrngs; i++) {
        const virDomainRNGDef *rng = def->rngs[i];
        g_autofree char *objid = g_strdup_printf("obj%s", rng->info.alias);
        const char *driver = "virtio-rng-pci";
        JsonBuilder *b;

        b = qemuJSONNew();
        switch (rng->backend) {
        case VIR_DOMAIN_RNG_BACKEND_RANDOM:
            qemuJSONStr(b, "qom-type", "rng-random");
            qemuJSONStr(b, "id", objid);
            qemuJSONStr(b, "filename", rng->randomPath ? rng->randomPath : "/dev/urandom");
            break;
        case VIR_DOMAIN_RNG_BACKEND_BUILTIN:
            qemuJSONStr(b, "qom-type", "rng-builtin");
            qemuJSONStr(b, "id", objid);
            break;
        case VIR_DOMAIN_RNG_BACKEND_EGD: {
            g_autofree char *charid = g_strdup_printf("char%s", rng->info.alias);

            if (!rng->egd) {
                g_object_unref(b);
                virReportError(VIR_ERR_XML_ERROR,
                               _("the egd backend of %s has no source"),
                               rng->info.alias);
                return -1;
            }
            if (qemuBuildChardev(cb, rng->egd, charid, rng->info.alias) < 0) {
                g_object_unref(b);
                return -1;
            }
            qemuJSONStr(b, "qom-type", "rng-egd");
            qemuJSONStr(b, "id", objid);
            qemuJSONStr(b, "chardev", charid);
            break;
        }
        default:
            g_object_unref(b);
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("rng backend '%s' is not supported yet"),
                           virDomainRNGBackendTypeToString(rng->backend));
            return -1;
        }
        qemuArgJSON(cb, "-object", b);

        if (rng->model == VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL)
            driver = "virtio-rng-pci-transitional";
        else if (rng->model == VIR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL)
            driver = "virtio-rng-pci-non-transitional";
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", driver);
        qemuJSONStr(b, "rng", objid);
        qemuJSONStr(b, "id", rng->info.alias);
        if (rng->rateBytes) {
            qemuJSONInt(b, "max-bytes", rng->rateBytes);
            qemuJSONInt(b, "period", rng->ratePeriod ? rng->ratePeriod : 1000);
        }
        if (qemuJSONAddress(cb, b, &rng->info) < 0) {
            g_object_unref(b);
            return -1;
        }
        qemuArgJSON(cb, "-device", b);
    }
    return 0;
}

/* ================================================================== */
/* Panic devices                                                      */

/* x86 guests only: the other models belong to s390 and pSeries machines,
 * and a model's address must be one it can have (libvirt's checks). */
static int
qemuValidatePanics(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->npanics; i++) {
        const virDomainPanicDef *p = def->panics[i];

        switch (p->model) {
        case VIR_DOMAIN_PANIC_MODEL_S390:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("only S390 guests support panic device of model 's390'"));
            return -1;
        case VIR_DOMAIN_PANIC_MODEL_PSERIES:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("only pSeries guests support panic device of model 'pseries'"));
            return -1;
        case VIR_DOMAIN_PANIC_MODEL_HYPERV:
            if (p->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("setting the panic device address is not supported for model 'hyperv'"));
                return -1;
            }
            break;
        case VIR_DOMAIN_PANIC_MODEL_DEFAULT:
        case VIR_DOMAIN_PANIC_MODEL_ISA:
        default:
            if (p->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
                p->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("panic is supported only with ISA address type"));
                return -1;
            }
            break;
        }
    }
    return 0;
}

/* The ISA pvpanic device (an x86 guest's default model); the hyperv
 * model is the CPU's hv-crash flag instead (qemuBuildCPU). */
static void
qemuBuildPanics(qemuCommandBuilder *cb)
{
    size_t i;

    for (i = 0; i < cb->def->npanics; i++) {
        const virDomainPanicDef *p = cb->def->panics[i];
        JsonBuilder *b;

        if (p->model != VIR_DOMAIN_PANIC_MODEL_DEFAULT &&
            p->model != VIR_DOMAIN_PANIC_MODEL_ISA)
            continue;
        b = qemuJSONNew();
        qemuJSONStr(b, "driver", "pvpanic");
        if (p->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA && p->info.iobase)
            qemuJSONInt(b, "ioport", p->info.iobase);
        qemuArgJSON(cb, "-device", b);
    }
}

static int
qemuValidateUnsupportedDevices(qemuCommandBuilder *cb)
{
    const virDomainDef *def = cb->def;

    if (def->nhostdevs > 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("host device assignment is not supported yet"));
        return -1;
    }
    return 0;
}

/* ================================================================== */
/* Entry point                                                        */

char **
qemuBuildCommandLine(const virDomainDef *def, const qemuCommandContext *ctx)
{
    g_autoptr(virDomainDef) copy = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    qemuCommandBuilder cb = { .ctx = ctx, .argv = argv };
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *name = NULL;
    char **ret = NULL;

    if (!(copy = virDomainDefCopy(def)))
        return NULL;
    if (qemuDomainDefAddDefaults(copy, ctx->defaults ? ctx->defaults :
                                 &qemuDomainDefaultsQEMU72) < 0)
        return NULL;
    qemuDomainAssignAliases(copy);
    cb.def = copy;
    cb.q35 = qemuDomainIsQ35(copy);

    if (qemuValidateDomain(&cb) < 0 ||
        qemuValidatePanics(copy) < 0 ||
        qemuValidateUnsupportedDevices(&cb) < 0 ||
        qemuAssignBootIndexes(&cb) < 0)
        goto cleanup;

    qemuArg(&cb, ctx->emulator ? ctx->emulator : copy->emulator);
    name = qemuEscapeComma(copy->name);
    qemuArg(&cb, "-name");
    qemuArgF(&cb, "guest=%s,debug-threads=on", name);
    qemuArg(&cb, "-S");
    if (qemuBuildMachine(&cb) < 0 ||
        qemuBuildCPU(&cb) < 0)
        goto cleanup;
    if (copy->os.loader && copy->os.loaderType != VIR_DOMAIN_LOADER_TYPE_PFLASH)
        qemuArgPair(&cb, "-bios", copy->os.loader);
    if (
        qemuBuildMemory(&cb) < 0 ||
        qemuBuildSMP(&cb) < 0 ||
        qemuBuildNuma(&cb) < 0)
        goto cleanup;
    virUUIDFormat(copy->uuid, uuid);
    qemuArgPair(&cb, "-uuid", uuid);
    if (copy->ngraphics == 0)
        qemuArgPair(&cb, "-display", "none");
    qemuArg(&cb, "-no-user-config");
    qemuArg(&cb, "-nodefaults");
    qemuBuildMonitor(&cb);
    if (ctx->pidfile)
        qemuArgPair(&cb, "-pidfile", ctx->pidfile);
    if (qemuBuildClock(&cb) < 0)
        goto cleanup;
    qemuBuildPM(&cb);
    qemuBuildBoot(&cb);

    if (qemuBuildControllers(&cb) < 0 ||
        qemuBuildDisks(&cb) < 0)
        goto cleanup;
    {
        size_t i;

        for (i = 0; i < copy->nnets; i++) {
            if (qemuBuildNet(&cb, i) < 0)
                goto cleanup;
        }
    }
    if (qemuBuildChrDevices(&cb) < 0 ||
        qemuBuildInputs(&cb) < 0 ||
        qemuBuildAudio(&cb) < 0 ||
        qemuBuildGraphics(&cb) < 0 ||
        qemuBuildVideos(&cb) < 0 ||
        qemuBuildSounds(&cb) < 0 ||
        qemuBuildWatchdog(&cb) < 0 ||
        qemuBuildMemballoon(&cb) < 0 ||
        qemuBuildRNGs(&cb) < 0)
        goto cleanup;

    qemuArgPair(&cb, "-sandbox",
                "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
    qemuBuildPanics(&cb);
    qemuArgPair(&cb, "-msg", "timestamp=on");

    g_ptr_array_add(argv, NULL);
    ret = (char **)g_ptr_array_steal(argv, NULL);

 cleanup:
    g_free(cb.diskBootIndex);
    g_free(cb.netBootIndex);
    return ret;
}
