/*
 * qemu_domain_defaults.c: completing a QEMU domain definition at define time
 *
 * The steps follow libvirt's QEMU driver, in its order, because the order
 * is visible: controllers the driver adds come after the ones in the
 * document and before the ones implied by disks and channels, and PCI
 * slots are handed out device class by device class (network interfaces,
 * sound, controllers, virtio disks, balloon, RNG, watchdog, video, input).
 *
 * PCI addresses on i440fx are slots of bus 0 (slot 1 is the PIIX3 with the
 * IDE and USB functions, slot 2 the primary video card).  On q35 every
 * PCI Express device gets a pcie-root-port of its own and conventional PCI
 * devices share one pcie-to-pci-bridge; as libvirt does, a first pass
 * counts the ports needed, one spare port is added for hotplug, the new
 * controllers are placed (ports as functions of bus-0 slots, the bridge in
 * the first port) and only then the devices, in the same order again.
 */
#include <stdlib.h>
#include <string.h>

#include "qemu_domain_defaults.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static const qemuMachineAlias qemuMachineAliasesQEMU72[] = {
    { "pc", "pc-i440fx-7.2" },
    { "q35", "pc-q35-7.2" },
};

const qemuDomainDefaultsInfo qemuDomainDefaultsQEMU72 = {
    .emulator = "/usr/bin/qemu-system-x86_64",
    .arch = "x86_64",
    .defaultMachine = "pc-i440fx-7.2",
    .aliases = qemuMachineAliasesQEMU72,
    .naliases = G_N_ELEMENTS(qemuMachineAliasesQEMU72),
};

#define APPEND(list, n, item) \
    do { \
        (list) = g_renew(typeof(*(list)), (list), (n) + 1); \
        (list)[(n)++] = (item); \
    } while (0)

bool
qemuDomainIsQ35(const virDomainDef *def)
{
    const char *m = def->os.machine;

    return m && (strcmp(m, "q35") == 0 || g_str_has_prefix(m, "pc-q35-"));
}

bool
qemuDomainIsI440FX(const virDomainDef *def)
{
    const char *m = def->os.machine;

    return m && (strcmp(m, "pc") == 0 || g_str_has_prefix(m, "pc-i440fx-"));
}

static virDomainControllerDef *
qemuDomainFindController(const virDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type &&
            def->controllers[i]->idx == idx)
            return def->controllers[i];
    }
    return NULL;
}

static bool
qemuDomainControllerIsModel(const virDomainControllerDef *cont,
                            const char *model)
{
    return cont->model && strcmp(cont->model, model) == 0;
}

/* ================================================================== */
/* Machine, emulator, CPU and per-device defaults                     */

static int
qemuDomainResolveMachine(virDomainDef *def, const qemuDomainDefaultsInfo *info)
{
    size_t i;

    if (!def->os.arch)
        def->os.arch = g_strdup(info->arch);
    if (strcmp(def->os.arch, info->arch) != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("No emulator found for arch '%s'"), def->os.arch);
        return -1;
    }
    if (def->os.type != VIR_DOMAIN_OSTYPE_HVM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%s' does not support os type '%s'"),
                       def->emulator ? def->emulator : info->emulator,
                       virDomainOSTypeToString(def->os.type));
        return -1;
    }
    if (!def->os.machine)
        def->os.machine = g_strdup(info->defaultMachine);
    for (i = 0; i < info->naliases; i++) {
        if (strcmp(def->os.machine, info->aliases[i].alias) == 0) {
            g_free(def->os.machine);
            def->os.machine = g_strdup(info->aliases[i].machine);
            break;
        }
    }
    if (!qemuDomainIsQ35(def) && !qemuDomainIsI440FX(def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Emulator '%s' does not support machine type '%s'"),
                       def->emulator ? def->emulator : info->emulator,
                       def->os.machine);
        return -1;
    }
    if (!def->emulator)
        def->emulator = g_strdup(info->emulator);
    return 0;
}

/* Without a <cpu>, QEMU runs its default model; libvirt writes it down. */
static void
qemuDomainAddDefaultCPU(virDomainDef *def)
{
    if (def->cpu) {
        /* a <cpu> with only a topology or NUMA cells runs the default too */
        if (def->cpu->mode == VIR_CPU_MODE_CUSTOM && !def->cpu->model) {
            def->cpu->match = VIR_CPU_MATCH_EXACT;
            def->cpu->hasMatch = true;
            if (def->cpu->check == VIR_CPU_CHECK_DEFAULT)
                def->cpu->check = VIR_CPU_CHECK_NONE;
            def->cpu->fallback = VIR_CPU_FALLBACK_FORBID;
            def->cpu->model = g_strdup("qemu64");
        }
        return;
    }
    def->cpu = g_new0(virCPUDef, 1);
    def->cpu->mode = VIR_CPU_MODE_CUSTOM;
    def->cpu->match = VIR_CPU_MATCH_EXACT;
    def->cpu->hasMatch = true;
    def->cpu->check = VIR_CPU_CHECK_NONE;
    def->cpu->fallback = VIR_CPU_FALLBACK_FORBID;
    def->cpu->model = g_strdup("qemu64");
}

static void
qemuDomainDeviceDefaults(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (!disk->driverName)
            disk->driverName = g_strdup("qemu");
        if (!disk->driverFormat && disk->type != VIR_STORAGE_TYPE_VOLUME)
            disk->driverFormat = g_strdup("raw");
    }
    for (i = 0; i < def->nnets; i++) {
        if (!def->nets[i]->model && def->nets[i]->type != VIR_DOMAIN_NET_TYPE_HOSTDEV)
            def->nets[i]->model = g_strdup("rtl8139");
    }
    /* an x86 guest's panic device is the ISA one */
    for (i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == VIR_DOMAIN_PANIC_MODEL_DEFAULT)
            def->panics[i]->model = VIR_DOMAIN_PANIC_MODEL_ISA;
    }
    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];

        if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE)
            chr->targetType = VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA;
        if (!chr->targetModel) {
            switch (chr->targetType) {
            case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA:
                chr->targetModel = g_strdup("isa-serial");
                break;
            case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB:
                chr->targetModel = g_strdup("usb-serial");
                break;
            case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI:
                chr->targetModel = g_strdup("pci-serial");
                break;
            default:
                break;
            }
        }
    }
    for (i = 0; i < def->ngraphics; i++) {
        virDomainGraphicsDef *g = def->graphics[i];

        if ((g->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC ||
             g->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE) && g->nListens == 0) {
            g->listens = g_new0(virDomainGraphicsListenDef, 1);
            g->listens[0].type = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
            g->nListens = 1;
            if (g->port == 0 && g->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC) {
                g->port = -1;
                g->autoport = true;
            }
        }
    }
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI && !cont->model)
            cont->model = g_strdup("lsilogic");
    }
}

/* The controllers and devices libvirt's QEMU driver adds, in its order:
 * USB, SATA (q35), the PCI root; then the ones implied by disks and
 * channels (added by the parser) come back after them. */
static void
qemuDomainAddImplicitDevices(virDomainDef *def)
{
    g_autofree virDomainControllerDef **implicit = NULL;
    size_t nimplicit = 0;
    size_t kept = 0;
    size_t i;
    bool q35 = qemuDomainIsQ35(def);

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (q35 && cont->implicit &&
            cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA && cont->idx == 0) {
            /* the ICH9's own, added below in libvirt's place */
            virDomainControllerDefFree(cont);
        } else if (cont->implicit) {
            APPEND(implicit, nimplicit, cont);
        } else {
            def->controllers[kept++] = cont;
        }
    }
    def->ncontrollers = kept;

    if (!qemuDomainFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 0))
        virDomainControllerInsert(def,
            virDomainControllerDefNew(VIR_DOMAIN_CONTROLLER_TYPE_USB, 0));
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB && !cont->model)
            cont->model = g_strdup(q35 ? "qemu-xhci" : "piix3-uhci");
    }
    if (q35 && !qemuDomainFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_SATA, 0)) {
        virDomainControllerInsert(def,
            virDomainControllerDefNew(VIR_DOMAIN_CONTROLLER_TYPE_SATA, 0));
    }
    if (!qemuDomainFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0)) {
        virDomainControllerDef *root =
            virDomainControllerDefNew(VIR_DOMAIN_CONTROLLER_TYPE_PCI, 0);
        root->model = g_strdup(q35 ? "pcie-root" : "pci-root");
        virDomainControllerInsert(def, root);
    }

    for (i = 0; i < nimplicit; i++) {
        implicit[i]->implicit = false;
        virDomainControllerInsert(def, implicit[i]);
    }

    /* every x86 PC has a PS/2 mouse and keyboard */
    {
        bool haveMouse = false;
        bool haveKbd = false;

        for (i = 0; i < def->ninputs; i++) {
            if (def->inputs[i]->bus != VIR_DOMAIN_INPUT_BUS_PS2)
                continue;
            haveMouse |= def->inputs[i]->type == VIR_DOMAIN_INPUT_TYPE_MOUSE;
            haveKbd |= def->inputs[i]->type == VIR_DOMAIN_INPUT_TYPE_KBD;
        }
        if (!haveMouse) {
            virDomainInputDef *in = g_new0(virDomainInputDef, 1);
            in->type = VIR_DOMAIN_INPUT_TYPE_MOUSE;
            in->bus = VIR_DOMAIN_INPUT_BUS_PS2;
            APPEND(def->inputs, def->ninputs, in);
        }
        if (!haveKbd) {
            virDomainInputDef *in = g_new0(virDomainInputDef, 1);
            in->type = VIR_DOMAIN_INPUT_TYPE_KBD;
            in->bus = VIR_DOMAIN_INPUT_BUS_PS2;
            APPEND(def->inputs, def->ninputs, in);
        }
    }

    if (def->naudios == 0) {
        virDomainAudioDef *audio = g_new0(virDomainAudioDef, 1);
        audio->id = 1;
        audio->type = g_strdup("none");
        APPEND(def->audios, def->naudios, audio);
    }

    if (!def->memballoon) {
        def->memballoon = g_new0(virDomainMemballoonDef, 1);
        def->memballoon->model = VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
    }
}

/* Virtio channels without an address get the next ports of virtio-serial
 * controller 0, from 1: port 0 is left to a virtio console, which QEMU's
 * virtconsole takes by itself. */
static void
qemuDomainAssignVirtioSerialPorts(virDomainDef *def)
{
    unsigned int next = 1;
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            continue;
        if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
            chr->info.port >= next)
            next = chr->info.port + 1;
    }
    for (i = 0; i < def->nchannels; i++) {
        virDomainChrDef *chr = def->channels[i];

        if (chr->targetType != VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO ||
            chr->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            continue;
        chr->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL;
        chr->info.controller = 0;
        chr->info.bus = 0;
        chr->info.port = next++;
    }
}

/* USB devices without an address take the next ports of bus 0. */
static void
qemuDomainAssignUSBPorts(virDomainDef *def)
{
    unsigned int next = 1;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        const virDomainDeviceInfo *info = &def->inputs[i]->info;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB && info->usbPort &&
            (unsigned int)atoi(info->usbPort) >= next)
            next = (unsigned int)atoi(info->usbPort) + 1;
    }
    for (i = 0; i < def->nserials; i++) {
        const virDomainDeviceInfo *info = &def->serials[i]->info;

        if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB && info->usbPort &&
            (unsigned int)atoi(info->usbPort) >= next)
            next = (unsigned int)atoi(info->usbPort) + 1;
    }
    for (i = 0; i < def->ninputs; i++) {
        virDomainDeviceInfo *info = &def->inputs[i]->info;

        if (def->inputs[i]->bus != VIR_DOMAIN_INPUT_BUS_USB ||
            info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            continue;
        info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB;
        info->bus = 0;
        info->usbPort = g_strdup_printf("%u", next++);
    }
    for (i = 0; i < def->nserials; i++) {
        virDomainDeviceInfo *info = &def->serials[i]->info;

        if (def->serials[i]->targetType != VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB ||
            info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            continue;
        info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB;
        info->bus = 0;
        info->usbPort = g_strdup_printf("%u", next++);
    }
}

/* With serial ports, the first console is always the first serial port:
 * libvirt puts such a console in front of a virtio one. */
static void
qemuDomainConsoleCompat(virDomainDef *def)
{
    virDomainChrDef *con;
    size_t i;

    if (def->nserials == 0 || def->nconsoles == 0 ||
        def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL)
        return;
    con = g_new0(virDomainChrDef, 1);
    con->deviceType = VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
    con->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
    con->targetPort = def->serials[0]->targetPort;
    con->source.type = def->serials[0]->source.type;
    con->source.path = g_strdup(def->serials[0]->source.path);
    def->consoles = g_renew(virDomainChrDef *, def->consoles, def->nconsoles + 1);
    memmove(def->consoles + 1, def->consoles,
            def->nconsoles * sizeof(*def->consoles));
    def->consoles[0] = con;
    def->nconsoles++;
    /* the other consoles were numbered by position */
    for (i = 1; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetPort == (int)i - 1)
            def->consoles[i]->targetPort = (int)i;
    }
}

/* ================================================================== */
/* PCI addresses                                                      */

typedef enum {
    QEMU_PCI_BUS_NONE = 0,          /* no such bus (a hole in the indexes) */
    QEMU_PCI_BUS_ROOT,              /* pci-root or pcie-root */
    QEMU_PCI_BUS_ROOT_PORT,         /* one slot (0) for a PCIe device */
    QEMU_PCI_BUS_BRIDGE,            /* slots 1-31 for conventional devices */
} qemuPCIBusKind;

typedef struct {
    int kind;                       /* qemuPCIBusKind */
    unsigned char used[32];         /* functions taken, a bit each */
} qemuPCIBus;

typedef struct {
    qemuPCIBus *buses;
    size_t nbuses;
} qemuPCIAddressSet;

typedef struct {
    virDomainDeviceInfo *info;
    bool pcie;                      /* PCI Express capable */
} qemuPCIDevice;

static void
qemuPCIAddressSetEnsure(qemuPCIAddressSet *set, size_t idx)
{
    if (idx < set->nbuses)
        return;
    set->buses = g_renew(qemuPCIBus, set->buses, idx + 1);
    memset(set->buses + set->nbuses, 0,
           (idx + 1 - set->nbuses) * sizeof(qemuPCIBus));
    set->nbuses = idx + 1;
}

static int
qemuPCIBusKindOf(const virDomainControllerDef *cont)
{
    if (!cont->model)
        return QEMU_PCI_BUS_NONE;
    if (strcmp(cont->model, "pci-root") == 0 ||
        strcmp(cont->model, "pcie-root") == 0)
        return QEMU_PCI_BUS_ROOT;
    if (strcmp(cont->model, "pcie-root-port") == 0 ||
        strcmp(cont->model, "pcie-switch-downstream-port") == 0)
        return QEMU_PCI_BUS_ROOT_PORT;
    return QEMU_PCI_BUS_BRIDGE;
}

static void
qemuPCIMark(qemuPCIAddressSet *set, const virDomainDeviceInfo *info)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI || info->slot > 31 ||
        info->function > 7)
        return;
    qemuPCIAddressSetEnsure(set, info->bus);
    set->buses[info->bus].used[info->slot] |= 1 << info->function;
}

static void
qemuPCISetAddress(virDomainDeviceInfo *info, unsigned int bus,
                  unsigned int slot, unsigned int function)
{
    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    info->domain = 0;
    info->bus = bus;
    info->slot = slot;
    info->function = function;
}

static bool
qemuNetModelIsPCIe(const char *model)
{
    return model && (strcmp(model, "virtio") == 0 ||
                     strcmp(model, "e1000e") == 0);
}

/* The devices that need a PCI address, in the order libvirt hands slots
 * out.  The PIIX3 functions, the q35 SATA controller and the primary video
 * card are placed before and are not listed. */
static GArray *
qemuPCICollectDevices(virDomainDef *def, bool q35)
{
    GArray *devs = g_array_new(FALSE, FALSE, sizeof(qemuPCIDevice));
    size_t i;

#define ADD(infoptr, isPCIe) \
    do { \
        qemuPCIDevice _d = { .info = (infoptr), .pcie = (isPCIe) }; \
        if (_d.info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) \
            g_array_append_val(devs, _d); \
    } while (0)

    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->type == VIR_DOMAIN_NET_TYPE_HOSTDEV)
            continue;
        ADD(&def->nets[i]->info, qemuNetModelIsPCIe(def->nets[i]->model));
    }
    for (i = 0; i < def->nsounds; i++) {
        int model = def->sounds[i]->model;

        if (model == VIR_DOMAIN_SOUND_MODEL_SB16 ||
            model == VIR_DOMAIN_SOUND_MODEL_PCSPK ||
            model == VIR_DOMAIN_SOUND_MODEL_USB)
            continue;
        ADD(&def->sounds[i]->info, false);
    }
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        switch (cont->type) {
        case VIR_DOMAIN_CONTROLLER_TYPE_USB:
            if (qemuDomainControllerIsModel(cont, "none"))
                break;
            ADD(&cont->info, qemuDomainControllerIsModel(cont, "qemu-xhci") ||
                qemuDomainControllerIsModel(cont, "nec-xhci"));
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
            ADD(&cont->info, qemuDomainControllerIsModel(cont, "virtio-scsi"));
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
            ADD(&cont->info, true);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
            ADD(&cont->info, true);
            break;
        case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
            if (!q35)
                ADD(&cont->info, false);
            break;
        default:
            break;
        }
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
            ADD(&def->disks[i]->info, true);
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (def->hostdevs[i]->subsysType == VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI)
            ADD(&def->hostdevs[i]->info, true);
    }
    if (def->memballoon &&
        def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE &&
        def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_XEN)
        ADD(&def->memballoon->info,
            def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL);
    for (i = 0; i < def->nrngs; i++)
        ADD(&def->rngs[i]->info,
            def->rngs[i]->model != VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL);
    if (def->watchdog && def->watchdog->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
        ADD(&def->watchdog->info, false);
    for (i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE ||
            video->type == VIR_DOMAIN_VIDEO_TYPE_RAMFB)
            continue;
        ADD(&video->info, video->type == VIR_DOMAIN_VIDEO_TYPE_VIRTIO);
    }
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VIR_DOMAIN_INPUT_BUS_VIRTIO)
            ADD(&def->inputs[i]->info, true);
    }
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI)
            ADD(&def->serials[i]->info, false);
    }
#undef ADD
    return devs;
}

static int
qemuPCINoSlot(void)
{
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("No more available PCI slots"));
    return -1;
}

/* The slots of the machine itself and the ones the document fixed. */
static void
qemuPCIReserve(virDomainDef *def, bool q35, qemuPCIAddressSet *set)
{
    size_t i;

    qemuPCIAddressSetEnsure(set, 0);
    set->buses[0].kind = QEMU_PCI_BUS_ROOT;
    set->buses[0].used[0] = 0xff;
    if (q35)
        set->buses[0].used[0x1f] = 0xff;
    else
        set->buses[0].used[1] = 0xff;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI) {
            qemuPCIAddressSetEnsure(set, cont->idx);
            set->buses[cont->idx].kind = qemuPCIBusKindOf(cont);
        }
        qemuPCIMark(set, &cont->info);
    }
#define MARK_LIST(list, n) \
    for (i = 0; i < (n); i++) \
        qemuPCIMark(set, &(list)[i]->info)
    MARK_LIST(def->disks, def->ndisks);
    MARK_LIST(def->nets, def->nnets);
    MARK_LIST(def->sounds, def->nsounds);
    MARK_LIST(def->videos, def->nvideos);
    MARK_LIST(def->hostdevs, def->nhostdevs);
    MARK_LIST(def->rngs, def->nrngs);
    MARK_LIST(def->inputs, def->ninputs);
    MARK_LIST(def->serials, def->nserials);
#undef MARK_LIST
    if (def->watchdog)
        qemuPCIMark(set, &def->watchdog->info);
    if (def->memballoon)
        qemuPCIMark(set, &def->memballoon->info);
}

/* The PIIX3 functions (i440fx), the q35 SATA controller and the primary
 * video card at their fixed places. */
static void
qemuPCIAssignFixed(virDomainDef *def, bool q35, qemuPCIAddressSet *set)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE || cont->idx != 0)
            continue;
        if (!q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_IDE)
            qemuPCISetAddress(&cont->info, 0, 1, 1);
        else if (!q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                 qemuDomainControllerIsModel(cont, "piix3-uhci"))
            qemuPCISetAddress(&cont->info, 0, 1, 2);
        else if (q35 && cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA)
            qemuPCISetAddress(&cont->info, 0, 0x1f, 2);
    }
    for (i = 0; q35 && i < def->nsounds; i++) {
        virDomainSoundDef *sound = def->sounds[i];

        if (sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 &&
            sound->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
            set->buses[0].used[0x1b] == 0) {
            qemuPCISetAddress(&sound->info, 0, 0x1b, 0);
            qemuPCIMark(set, &sound->info);
        }
    }
    if (def->nvideos > 0 && def->videos[0]->primary &&
        def->videos[0]->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
        def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_RAMFB) {
        unsigned int slot = q35 ? 1 : 2;

        if (set->buses[0].used[slot] == 0) {
            qemuPCISetAddress(&def->videos[0]->info, 0, slot, 0);
            qemuPCIMark(set, &def->videos[0]->info);
        }
    }
}

static int
qemuPCIAssignI440FX(virDomainDef *def, qemuPCIAddressSet *set)
{
    g_autoptr(GArray) devs = qemuPCICollectDevices(def, false);
    unsigned int slot = 1;
    size_t i;

    for (i = 0; i < devs->len; i++) {
        qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);

        while (slot < 32 && set->buses[0].used[slot])
            slot++;
        if (slot >= 32)
            return qemuPCINoSlot();
        qemuPCISetAddress(dev->info, 0, slot, 0);
        qemuPCIMark(set, dev->info);
    }
    return 0;
}

/* The first bus of KIND with a free slot for a device: slot 0 of a root
 * port, slots 1-31 of a bridge.  Returns the bus index or -1. */
static int
qemuPCIFindFree(qemuPCIAddressSet *set, int kind, unsigned int *slot)
{
    size_t b;
    unsigned int s;

    for (b = 0; b < set->nbuses; b++) {
        if (set->buses[b].kind != kind)
            continue;
        if (kind == QEMU_PCI_BUS_ROOT_PORT) {
            if (!set->buses[b].used[0]) {
                *slot = 0;
                return b;
            }
            continue;
        }
        for (s = 1; s < 32; s++) {
            if (!set->buses[b].used[s]) {
                *slot = s;
                return b;
            }
        }
    }
    return -1;
}

static virDomainControllerDef *
qemuPCIAddController(virDomainDef *def, qemuPCIAddressSet *set, int idx,
                     bool rootPort)
{
    virDomainControllerDef *cont =
        virDomainControllerDefNew(VIR_DOMAIN_CONTROLLER_TYPE_PCI, idx);

    if (rootPort) {
        cont->model = g_strdup("pcie-root-port");
        cont->modelName = g_strdup("pcie-root-port");
        cont->targetChassis = idx;
    } else {
        cont->model = g_strdup("pcie-to-pci-bridge");
        cont->modelName = g_strdup("pcie-pci-bridge");
    }
    virDomainControllerInsert(def, cont);
    qemuPCIAddressSetEnsure(set, idx);
    set->buses[idx].kind = rootPort ? QEMU_PCI_BUS_ROOT_PORT : QEMU_PCI_BUS_BRIDGE;
    return cont;
}

static int
qemuPCIAssignQ35(virDomainDef *def, qemuPCIAddressSet *set)
{
    g_autoptr(GArray) devs = qemuPCICollectDevices(def, true);
    qemuPCIAddressSet dry = { 0 };
    size_t nadded = 0;
    size_t i;
    int nextIdx = (int)set->nbuses;
    unsigned int slot;
    int bus;
    int ret = -1;

    /* pass 1: count the ports and bridge the devices need */
    dry.buses = g_memdup2(set->buses, set->nbuses * sizeof(qemuPCIBus));
    dry.nbuses = set->nbuses;
    for (i = 0; i < devs->len; i++) {
        qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);
        int kind = dev->pcie ? QEMU_PCI_BUS_ROOT_PORT : QEMU_PCI_BUS_BRIDGE;

        if ((bus = qemuPCIFindFree(&dry, kind, &slot)) < 0) {
            if (!dev->pcie) {
                qemuPCIAddController(def, &dry, nextIdx, true);
                dry.buses[nextIdx].used[0] = 1;
                nextIdx++;
            }
            qemuPCIAddController(def, &dry, nextIdx, dev->pcie);
            bus = nextIdx++;
            slot = dev->pcie ? 0 : 1;
            nadded++;
        }
        dry.buses[bus].used[slot] = 1;
    }
    if (nadded > 0) {
        qemuPCIAddController(def, &dry, nextIdx, true);
        nextIdx++;
    }

    /* the new controllers get their bus kinds in the real set */
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI)
            continue;
        qemuPCIAddressSetEnsure(set, cont->idx);
        set->buses[cont->idx].kind = qemuPCIBusKindOf(cont);
    }

    /* pass 2: the controllers, by index: ports as functions of bus-0 slots,
     * bridges into the first free port */
    {
        unsigned int rslot = 0;
        unsigned int rfunc = 8;

        for (i = 0; i < def->ncontrollers; i++) {
            virDomainControllerDef *cont = def->controllers[i];
            int kind;

            if (cont->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI ||
                cont->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
                continue;
            kind = qemuPCIBusKindOf(cont);
            if (kind == QEMU_PCI_BUS_ROOT)
                continue;
            if (kind == QEMU_PCI_BUS_ROOT_PORT) {
                /* ports fill the functions of a bus-0 slot nothing else uses */
                if (rfunc > 7) {
                    do {
                        rslot++;
                    } while (rslot < 32 && set->buses[0].used[rslot]);
                    rfunc = 0;
                    if (rslot >= 32)
                        goto noslot;
                }
                qemuPCISetAddress(&cont->info, 0, rslot, rfunc);
                qemuPCIMark(set, &cont->info);
                if (cont->targetPort < 0)
                    cont->targetPort = (int)((rslot << 3) | rfunc);
                if (cont->targetChassis < 0)
                    cont->targetChassis = cont->idx;
                rfunc++;
            } else {
                if ((bus = qemuPCIFindFree(set, QEMU_PCI_BUS_ROOT_PORT, &slot)) < 0)
                    goto noslot;
                qemuPCISetAddress(&cont->info, bus, slot, 0);
                qemuPCIMark(set, &cont->info);
            }
        }
    }

    /* pass 2: the devices, in the same order as pass 1 */
    for (i = 0; i < devs->len; i++) {
        qemuPCIDevice *dev = &g_array_index(devs, qemuPCIDevice, i);
        int kind = dev->pcie ? QEMU_PCI_BUS_ROOT_PORT : QEMU_PCI_BUS_BRIDGE;

        if ((bus = qemuPCIFindFree(set, kind, &slot)) < 0)
            goto noslot;
        qemuPCISetAddress(dev->info, bus, slot, 0);
        qemuPCIMark(set, dev->info);
    }

    /* ports sharing a bus-0 slot make it multifunction */
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
            cont->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI &&
            cont->info.bus == 0 && cont->info.function == 0 &&
            !cont->info.multifunction &&
            qemuPCIBusKindOf(cont) == QEMU_PCI_BUS_ROOT_PORT &&
            (set->buses[0].used[cont->info.slot] & 0xfe))
            cont->info.multifunction = VIR_TRISTATE_SWITCH_ON;
    }
    ret = 0;
    goto cleanup;

 noslot:
    qemuPCINoSlot();
 cleanup:
    g_free(dry.buses);
    return ret;
}

static int
qemuDomainAssignPCIAddresses(virDomainDef *def)
{
    qemuPCIAddressSet set = { 0 };
    bool q35 = qemuDomainIsQ35(def);
    int ret;

    qemuPCIReserve(def, q35, &set);
    qemuPCIAssignFixed(def, q35, &set);
    if (q35)
        ret = qemuPCIAssignQ35(def, &set);
    else
        ret = qemuPCIAssignI440FX(def, &set);
    g_free(set.buses);
    return ret;
}

/* ================================================================== */
/* Entry points                                                       */

int
qemuDomainDefAddDefaults(virDomainDef *def, const qemuDomainDefaultsInfo *info)
{
    if (qemuDomainResolveMachine(def, info) < 0)
        return -1;
    qemuDomainAddDefaultCPU(def);
    qemuDomainAddImplicitDevices(def);
    qemuDomainDeviceDefaults(def);
    qemuDomainConsoleCompat(def);
    qemuDomainAssignVirtioSerialPorts(def);
    qemuDomainAssignUSBPorts(def);
    return qemuDomainAssignPCIAddresses(def);
}

static void
qemuSetAlias(virDomainDeviceInfo *info, char *alias)
{
    if (info->alias)
        g_free(alias);
    else
        info->alias = alias;
}

void
qemuDomainAssignAliases(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        const virDomainDeviceInfo *a = &disk->info;
        char *alias;

        switch (disk->bus) {
        case VIR_DOMAIN_DISK_BUS_IDE:
            alias = g_strdup_printf("ide%u-%u-%u", a->controller, a->bus, a->unit);
            break;
        case VIR_DOMAIN_DISK_BUS_SATA:
            alias = g_strdup_printf("sata%u-%u-%u", a->controller, a->bus, a->unit);
            break;
        case VIR_DOMAIN_DISK_BUS_FDC:
            alias = g_strdup_printf("fdc%u-%u-%u", a->controller, a->bus, a->unit);
            break;
        case VIR_DOMAIN_DISK_BUS_SCSI: {
            virDomainControllerDef *cont =
                qemuDomainFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
                                         (int)a->controller);

            /* the LSI adapter has no targets, only units */
            if (cont && qemuDomainControllerIsModel(cont, "lsilogic"))
                alias = g_strdup_printf("scsi%u-%u-%u", a->controller, a->bus,
                                        a->unit);
            else
                alias = g_strdup_printf("scsi%u-%u-%u-%u", a->controller,
                                        a->bus, a->target, a->unit);
            break;
        }
        case VIR_DOMAIN_DISK_BUS_VIRTIO: {
            /* named after the target: vdb is virtio-disk1 */
            unsigned int idx = 0;
            const char *p = disk->dst + 2;

            for (; *p >= 'a' && *p <= 'z'; p++)
                idx = idx * 26 + (unsigned int)(*p - 'a') + 1;
            alias = g_strdup_printf("virtio-disk%u", idx ? idx - 1 : 0);
            break;
        }
        default:
            alias = g_strdup_printf("%s-disk%zu",
                                    virDomainDiskBusTypeToString(disk->bus), i);
            break;
        }
        qemuSetAlias(&disk->info, alias);
    }
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *cont = def->controllers[i];
        const char *prefix = virDomainControllerTypeToString(cont->type);
        char *alias;

        if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI)
            alias = g_strdup_printf("pci.%d", cont->idx);
        else if (cont->type == VIR_DOMAIN_CONTROLLER_TYPE_SATA &&
                 cont->idx == 0 && qemuDomainIsQ35(def))
            alias = g_strdup("ide");    /* the ICH9's AHCI is named so */
        else if ((cont->type == VIR_DOMAIN_CONTROLLER_TYPE_IDE ||
                  cont->type == VIR_DOMAIN_CONTROLLER_TYPE_USB) && cont->idx == 0)
            alias = g_strdup(prefix);
        else
            alias = g_strdup_printf("%s%d", prefix, cont->idx);
        qemuSetAlias(&cont->info, alias);
    }
    for (i = 0; i < def->nnets; i++)
        qemuSetAlias(&def->nets[i]->info, g_strdup_printf("net%zu", i));
    for (i = 0; i < def->nserials; i++)
        qemuSetAlias(&def->serials[i]->info, g_strdup_printf("serial%zu", i));
    for (i = 0; i < def->nparallels; i++)
        qemuSetAlias(&def->parallels[i]->info, g_strdup_printf("parallel%zu", i));
    for (i = 0; i < def->nconsoles; i++) {
        virDomainChrDef *con = def->consoles[i];

        if (i == 0 && con->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
            def->nserials > 0)
            qemuSetAlias(&con->info, g_strdup("serial0"));
        else
            qemuSetAlias(&con->info, g_strdup_printf("console%zu", i));
    }
    for (i = 0; i < def->nchannels; i++)
        qemuSetAlias(&def->channels[i]->info, g_strdup_printf("channel%zu", i));
    for (i = 0; i < def->ninputs; i++)
        qemuSetAlias(&def->inputs[i]->info, g_strdup_printf("input%zu", i));
    for (i = 0; i < def->nsounds; i++)
        qemuSetAlias(&def->sounds[i]->info, g_strdup_printf("sound%zu", i));
    for (i = 0; i < def->nvideos; i++)
        qemuSetAlias(&def->videos[i]->info, g_strdup_printf("video%zu", i));
    for (i = 0; i < def->nhostdevs; i++)
        qemuSetAlias(&def->hostdevs[i]->info, g_strdup_printf("hostdev%zu", i));
    for (i = 0; i < def->nrngs; i++)
        qemuSetAlias(&def->rngs[i]->info, g_strdup_printf("rng%zu", i));
    if (def->watchdog)
        qemuSetAlias(&def->watchdog->info, g_strdup("watchdog0"));
    if (def->memballoon)
        qemuSetAlias(&def->memballoon->info, g_strdup("balloon0"));
}
