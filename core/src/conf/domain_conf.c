/*
 * domain_conf.c: enum tables, memory management and parsing of the
 * domain XML object model
 *
 * The parser walks the libxml2 tree directly (no XPath): every element is
 * looked up among the children of its parent, which keeps the code close
 * to the shape of the document.  Values are validated as they are read and
 * reported with libvirt's error codes and wording, so that a program that
 * matches on libvirt's messages keeps working.  After the raw parse a
 * post-parse pass fills in the defaults libvirt's generic code adds (see
 * virDomainDefPostParse).  Formatting lives in domain_format.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "domain_conf.h"
#include "virerror.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* For what libvirt reports from code outside its domain module. */
#define virReportErrorFrom(from, code, ...) \
    virReportErrorHelper(from, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* ================================================================== */
/* Enum string tables                                                 */

#define VIR_DOMAIN_CONF_ENUM_IMPL(name, lastVal, ...) \
    static const char *const name##TypeList[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(name##TypeList) == lastVal); \
    const char *name##TypeToString(int type) \
    { \
        if (type < 0 || type >= (int)(lastVal)) \
            return NULL; \
        return name##TypeList[type]; \
    } \
    int name##TypeFromString(const char *str) \
    { \
        size_t i; \
        if (!str) \
            return -1; \
        for (i = 0; i < G_N_ELEMENTS(name##TypeList); i++) { \
            if (strcmp(name##TypeList[i], str) == 0) \
                return (int)i; \
        } \
        return -1; \
    }

VIR_DOMAIN_CONF_ENUM_IMPL(virTristateBool, VIR_TRISTATE_BOOL_LAST,
                          "default", "yes", "no");
VIR_DOMAIN_CONF_ENUM_IMPL(virTristateSwitch, VIR_TRISTATE_SWITCH_LAST,
                          "default", "on", "off");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskIotune, VIR_DOMAIN_DISK_IOTUNE_LAST,
                          "total_bytes_sec", "read_bytes_sec", "write_bytes_sec",
                          "total_iops_sec", "read_iops_sec", "write_iops_sec",
                          "total_bytes_sec_max", "read_bytes_sec_max",
                          "write_bytes_sec_max", "total_iops_sec_max",
                          "read_iops_sec_max", "write_iops_sec_max",
                          "size_iops_sec",
                          "total_bytes_sec_max_length", "read_bytes_sec_max_length",
                          "write_bytes_sec_max_length", "total_iops_sec_max_length",
                          "read_iops_sec_max_length", "write_iops_sec_max_length");
VIR_DOMAIN_CONF_ENUM_IMPL(virPerfEvent, VIR_PERF_EVENT_LAST,
                          "cmt", "mbmt", "mbml", "cpu_cycles", "instructions",
                          "cache_references", "cache_misses",
                          "branch_instructions", "branch_misses", "bus_cycles",
                          "stalled_cycles_frontend", "stalled_cycles_backend",
                          "ref_cpu_cycles", "cpu_clock", "task_clock",
                          "page_faults", "context_switches", "cpu_migrations",
                          "page_faults_min", "page_faults_maj",
                          "alignment_faults", "emulation_faults");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainVirt, VIR_DOMAIN_VIRT_LAST,
                          "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml",
                          "openvz", "test", "vmware", "hyperv", "vbox", "phyp",
                          "parallels", "bhyve", "vz", "hvf");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainOS, VIR_DOMAIN_OSTYPE_LAST,
                          "hvm", "xen", "linux", "exe", "uml", "xenpvh");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainBoot, VIR_DOMAIN_BOOT_LAST,
                          "fd", "hd", "cdrom", "network");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainLoader, VIR_DOMAIN_LOADER_TYPE_LAST,
                          "none", "rom", "pflash");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainLifecycleAction,
                          VIR_DOMAIN_CONF_LIFECYCLE_ACTION_LAST,
                          "destroy", "restart", "rename-restart",
                          "preserve", "coredump-destroy", "coredump-restart");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainLockFailure, VIR_DOMAIN_LOCK_FAILURE_LAST,
                          "default", "poweroff", "restart", "pause", "ignore");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainCpuPlacementMode,
                          VIR_DOMAIN_CPU_PLACEMENT_MODE_LAST,
                          "", "static", "auto");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainFeature, VIR_DOMAIN_FEATURE_LAST,
                          "acpi", "apic", "pae", "hap", "viridian", "privnet",
                          "hyperv", "kvm", "pvspinlock", "capabilities", "pmu",
                          "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo",
                          "htm", "nested-hv", "msrs", "ccf-assist", "xen",
                          "cfpc", "sbbc", "ibs", "tcg");
VIR_DOMAIN_CONF_ENUM_IMPL(virCPUMode, VIR_CPU_MODE_LAST,
                          "custom", "host-model", "host-passthrough",
                          "maximum");
VIR_DOMAIN_CONF_ENUM_IMPL(virCPUMatch, VIR_CPU_MATCH_LAST,
                          "exact", "minimum", "strict");
VIR_DOMAIN_CONF_ENUM_IMPL(virCPUCheck, VIR_CPU_CHECK_LAST,
                          "default", "none", "partial", "full");
VIR_DOMAIN_CONF_ENUM_IMPL(virCPUFallback, VIR_CPU_FALLBACK_LAST,
                          "allow", "forbid");
VIR_DOMAIN_CONF_ENUM_IMPL(virCPUFeaturePolicy, VIR_CPU_FEATURE_LAST,
                          "force", "require", "optional", "disable", "forbid");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST,
                          "utc", "localtime", "variable", "timezone",
                          "absolute");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainClockBasis, VIR_DOMAIN_CLOCK_BASIS_LAST,
                          "utc", "localtime");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainTimerName, VIR_DOMAIN_TIMER_NAME_LAST,
                          "platform", "pit", "rtc", "hpet", "tsc", "kvmclock",
                          "hypervclock", "armvtimer");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainTimerTrack, VIR_DOMAIN_TIMER_TRACK_LAST,
                          "boot", "guest", "wall", "realtime");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainTimerTickpolicy,
                          VIR_DOMAIN_TIMER_TICKPOLICY_LAST,
                          "delay", "catchup", "merge", "discard");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainTimerMode, VIR_DOMAIN_TIMER_MODE_LAST,
                          "auto", "native", "emulate", "paravirt", "smpsafe");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDeviceAddress,
                          VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST,
                          "none", "pci", "drive", "virtio-serial", "ccid",
                          "usb", "spapr-vio", "virtio-s390", "ccw",
                          "virtio-mmio", "isa", "dimm", "unassigned");
VIR_DOMAIN_CONF_ENUM_IMPL(virStorage, VIR_STORAGE_TYPE_LAST,
                          "none", "file", "block", "dir", "network", "volume",
                          "nvme", "vhostuser");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
                          "disk", "cdrom", "floppy", "lun");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
                          "none", "ide", "fdc", "scsi", "virtio", "xen", "usb",
                          "uml", "sata", "sd");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskCache, VIR_DOMAIN_DISK_CACHE_LAST,
                          "default", "none", "writethrough", "writeback",
                          "directsync", "unsafe");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskIo, VIR_DOMAIN_DISK_IO_LAST,
                          "default", "native", "threads", "io_uring");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainDiskDiscard, VIR_DOMAIN_DISK_DISCARD_LAST,
                          "default", "unmap", "ignore");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainStartupPolicy,
                          VIR_DOMAIN_STARTUP_POLICY_LAST,
                          "default", "mandatory", "requisite", "optional");
VIR_DOMAIN_CONF_ENUM_IMPL(virStorageNetProtocol,
                          VIR_STORAGE_NET_PROTOCOL_LAST,
                          "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi",
                          "http", "https", "ftp", "ftps", "tftp", "ssh",
                          "vxhs", "nfs");
VIR_DOMAIN_CONF_ENUM_IMPL(virStorageNetHostTransport,
                          VIR_STORAGE_NET_HOST_TRANS_LAST,
                          "tcp", "unix", "rdma");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainController, VIR_DOMAIN_CONTROLLER_TYPE_LAST,
                          "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid",
                          "usb", "pci", "xenbus", "isa");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainNet, VIR_DOMAIN_NET_TYPE_LAST,
                          "user", "ethernet", "vhostuser", "server", "client",
                          "mcast", "network", "bridge", "internal", "direct",
                          "hostdev", "udp", "vdpa", "null", "vds");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChrDevice, VIR_DOMAIN_CHR_DEVICE_TYPE_LAST,
                          "parallel", "serial", "console", "channel");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChr, VIR_DOMAIN_CHR_TYPE_LAST,
                          "null", "vc", "pty", "dev", "file", "pipe", "stdio",
                          "udp", "tcp", "unix", "spicevmc", "spiceport",
                          "nmdm", "qemu-vdagent", "dbus");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChrTcpProtocol,
                          VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST,
                          "raw", "telnet", "telnets", "tls");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChrConsoleTarget,
                          VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST,
                          "none", "serial", "xen", "uml", "virtio", "lxc",
                          "openvz", "sclp", "sclplm");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChrChannelTarget,
                          VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST,
                          "none", "guestfwd", "virtio", "xen");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainChrSerialTarget,
                          VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST,
                          "none", "isa-serial", "usb-serial", "pci-serial",
                          "spapr-vio-serial", "system-serial", "sclp-serial",
                          "isa-debug");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainGraphics, VIR_DOMAIN_GRAPHICS_TYPE_LAST,
                          "sdl", "vnc", "rdp", "desktop", "spice",
                          "egl-headless", "dbus");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainGraphicsListen,
                          VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST,
                          "none", "address", "network", "socket");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainVideo, VIR_DOMAIN_VIDEO_TYPE_LAST,
                          "default", "vga", "cirrus", "vmvga", "xen", "vbox",
                          "qxl", "parallels", "virtio", "gop", "none", "bochs",
                          "ramfb");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainInput, VIR_DOMAIN_INPUT_TYPE_LAST,
                          "mouse", "tablet", "keyboard", "passthrough",
                          "evdev");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainInputBus, VIR_DOMAIN_INPUT_BUS_LAST,
                          "default", "ps2", "usb", "xen", "parallels",
                          "virtio", "none");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainSoundModel, VIR_DOMAIN_SOUND_MODEL_LAST,
                          "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9",
                          "usb", "ich7");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainHostdevSubsys,
                          VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST,
                          "usb", "pci", "scsi", "scsi_host", "mdev");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainWatchdogModel,
                          VIR_DOMAIN_WATCHDOG_MODEL_LAST,
                          "i6300esb", "ib700", "diag288");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainWatchdogAction,
                          VIR_DOMAIN_WATCHDOG_ACTION_LAST,
                          "reset", "shutdown", "poweroff", "pause", "dump",
                          "none", "inject-nmi");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainPanicModel, VIR_DOMAIN_PANIC_MODEL_LAST,
                          "default", "isa", "pseries", "hyperv", "s390");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainMemballoonModel,
                          VIR_DOMAIN_MEMBALLOON_MODEL_LAST,
                          "virtio", "xen", "none", "virtio-transitional",
                          "virtio-non-transitional");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainRNGModel, VIR_DOMAIN_RNG_MODEL_LAST,
                          "virtio", "virtio-transitional",
                          "virtio-non-transitional");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainSeclabel, VIR_DOMAIN_SECLABEL_LAST,
                          "default", "none", "dynamic", "static");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainMemoryAccess, VIR_DOMAIN_MEMORY_ACCESS_LAST,
                          "default", "shared", "private");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainMemorySource, VIR_DOMAIN_MEMORY_SOURCE_LAST,
                          "none", "file", "anonymous", "memfd");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainMemoryAllocation,
                          VIR_DOMAIN_MEMORY_ALLOCATION_LAST,
                          "none", "immediate", "ondemand");
VIR_DOMAIN_CONF_ENUM_IMPL(virProcessSchedPolicy, VIR_PROC_POLICY_LAST,
                          "none", "batch", "idle", "fifo", "rr");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainNumatuneMemMode,
                          VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE + 1,
                          "strict", "preferred", "interleave", "restrictive");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainNumatunePlacement,
                          VIR_DOMAIN_NUMATUNE_PLACEMENT_LAST,
                          "default", "static", "auto");
VIR_DOMAIN_CONF_ENUM_IMPL(virDomainRNGBackend, VIR_DOMAIN_RNG_BACKEND_LAST,
                          "random", "egd", "builtin");

/* Controller models, per controller type; index 0 of each is the first
 * real model (libvirt's "default" -1 is our NULL). */
static const char *const controllerModelsSCSI[] = {
    "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi", "ibmvscsi",
    "virtio-scsi", "lsisas1078", "virtio-transitional",
    "virtio-non-transitional", "ncr53c90", "am53c974", "dc390", NULL,
};
static const char *const controllerModelsUSB[] = {
    "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
    "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci",
    "qusb1", "qusb2", "qemu-xhci", "none", NULL,
};
static const char *const controllerModelsPCI[] = {
    "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
    "pcie-root-port", "pcie-switch-upstream-port",
    "pcie-switch-downstream-port", "pci-expander-bus", "pcie-expander-bus",
    "pcie-to-pci-bridge", NULL,
};
static const char *const controllerModelsIDE[] = {
    "piix3", "piix4", "ich6", NULL,
};
static const char *const controllerModelsVirtioSerial[] = {
    "virtio", "virtio-transitional", "virtio-non-transitional", NULL,
};
static const char *const controllerModelsNone[] = { NULL };

static const char *const *
virDomainControllerModelList(int type)
{
    switch (type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return controllerModelsSCSI;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return controllerModelsUSB;
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return controllerModelsPCI;
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return controllerModelsIDE;
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return controllerModelsVirtioSerial;
    default:
        return controllerModelsNone;
    }
}

/* Architecture names libvirt knows. */
static const char *const archNames[] = {
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64",
    "lm32", "loongarch64", "m68k", "microblaze", "microblazeel", "mips",
    "mipsel", "mips64", "mips64el", "openrisc", "parisc", "parisc64", "ppc",
    "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390",
    "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64",
    "xtensa", "xtensaeb", NULL,
};

/* ================================================================== */
/* Freeing                                                            */

void
virDomainDeviceInfoClear(virDomainDeviceInfo *info)
{
    if (!info)
        return;
    g_free(info->alias);
    g_free(info->usbPort);
    memset(info, 0, sizeof(*info));
}

void
virDomainDiskBackingStoreFree(virDomainDiskBackingStore *chain)
{
    while (chain) {
        virDomainDiskBackingStore *next = chain->next;

        g_free(chain->format);
        g_free(chain->path);
        g_free(chain);
        chain = next;
    }
}

void
virDomainDiskDefFree(virDomainDiskDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->driverName);
    g_free(def->driverFormat);
    g_free(def->src);
    g_free(def->srcName);
    for (i = 0; i < def->nhosts; i++) {
        g_free(def->hosts[i].name);
        g_free(def->hosts[i].socket);
    }
    g_free(def->hosts);
    g_free(def->srcPool);
    g_free(def->srcVolume);
    g_free(def->dst);
    g_free(def->tray);
    g_free(def->serial);
    g_free(def->wwn);
    g_free(def->iotuneGroup);
    virDomainDiskBackingStoreFree(def->backingStore);
    virDomainDeviceInfoClear(&def->info);
    for (i = 0; i < def->nseclabels; i++)
        virSecurityDeviceLabelDefFree(def->seclabels[i]);
    g_free(def->seclabels);
    g_free(def);
}

void
virDomainControllerDefFree(virDomainControllerDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->modelName);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virNetDevBandwidthFree(virNetDevBandwidth *def)
{
    if (!def)
        return;
    g_free(def->in);
    g_free(def->out);
    g_free(def);
}

void
virDomainNetDefFree(virDomainNetDef *def)
{
    if (!def)
        return;
    virNetDevBandwidthFree(def->bandwidth);
    g_free(def->model);
    g_free(def->sourceNetwork);
    g_free(def->sourceBridge);
    g_free(def->sourceDev);
    g_free(def->sourceMode);
    g_free(def->sourceAddress);
    g_free(def->portgroup);
    g_free(def->ifname);
    g_free(def->script);
    g_free(def->driverName);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainChrSourceDefClear(virDomainChrSourceDef *src)
{
    if (!src)
        return;
    g_free(src->path);
    g_free(src->host);
    g_free(src->service);
    g_free(src->bindHost);
    g_free(src->bindService);
    g_free(src->channel);
    for (size_t i = 0; i < src->nseclabels; i++)
        virSecurityDeviceLabelDefFree(src->seclabels[i]);
    g_free(src->seclabels);
    memset(src, 0, sizeof(*src));
}

void
virDomainChrDefFree(virDomainChrDef *def)
{
    if (!def)
        return;
    g_free(def->targetName);
    g_free(def->targetAddr);
    g_free(def->targetModel);
    virDomainChrSourceDefClear(&def->source);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainInputDefFree(virDomainInputDef *def)
{
    if (!def)
        return;
    g_free(def->evdev);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainGraphicsDefFree(virDomainGraphicsDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->keymap);
    g_free(def->passwd);
    g_free(def->passwdValidTo);
    g_free(def->display);
    g_free(def->xauth);
    for (i = 0; i < def->nListens; i++) {
        g_free(def->listens[i].address);
        g_free(def->listens[i].network);
        g_free(def->listens[i].socket);
    }
    g_free(def->listens);
    g_free(def);
}

void
virDomainSoundDefFree(virDomainSoundDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainAudioDefFree(virDomainAudioDef *def)
{
    if (!def)
        return;
    g_free(def->type);
    g_free(def);
}

void
virDomainVideoDefFree(virDomainVideoDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainHostdevDefFree(virDomainHostdevDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainWatchdogDefFree(virDomainWatchdogDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainPanicDefFree(virDomainPanicDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainMemballoonDefFree(virDomainMemballoonDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virDomainRNGDefFree(virDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->randomPath);
    if (def->egd) {
        virDomainChrSourceDefClear(def->egd);
        g_free(def->egd);
    }
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
virSecurityLabelDefFree(virSecurityLabelDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->label);
    g_free(def->imagelabel);
    g_free(def->baselabel);
    g_free(def);
}

void
virSecurityDeviceLabelDefFree(virSecurityDeviceLabelDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->label);
    g_free(def);
}

void
virSysinfoDefFree(virSysinfoDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < VIR_SYSINFO_BIOS_LAST; i++)
        g_free(def->bios[i]);
    for (i = 0; i < VIR_SYSINFO_SYSTEM_LAST; i++)
        g_free(def->system[i]);
    for (i = 0; i < def->nbaseBoards * VIR_SYSINFO_BASEBOARD_LAST; i++)
        g_free(def->baseBoards[i]);
    g_free(def->baseBoards);
    for (i = 0; i < VIR_SYSINFO_CHASSIS_LAST; i++)
        g_free(def->chassis[i]);
    for (i = 0; i < def->noemStrings; i++)
        g_free(def->oemStrings[i]);
    g_free(def->oemStrings);
    for (i = 0; i < def->nfwcfg; i++) {
        g_free(def->fwcfg[i].name);
        g_free(def->fwcfg[i].value);
        g_free(def->fwcfg[i].file);
    }
    g_free(def->fwcfg);
    g_free(def);
}

void
virCPUDefFree(virCPUDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < def->ncells; i++) {
        g_free(def->cells[i].cpus);
        g_free(def->cells[i].distances);
        g_free(def->cells[i].distanceIds);
    }
    g_free(def->cells);
    g_free(def->model);
    g_free(def->vendor_id);
    g_free(def->vendor);
    for (i = 0; i < def->nfeatures; i++)
        g_free(def->features[i].name);
    g_free(def->features);
    g_free(def);
}

#define FREE_DEVICE_LIST(list, n, freefunc) \
    do { \
        size_t _i; \
        for (_i = 0; _i < (n); _i++) \
            freefunc((list)[_i]); \
        g_free(list); \
    } while (0)

void
virDomainDefFree(virDomainDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->metadata);
    g_free(def->genid);
    g_free(def->cpuset);

    g_free(def->os.arch);
    g_free(def->os.machine);
    g_free(def->os.init);
    for (i = 0; i < def->os.ninitargs; i++)
        g_free(def->os.initargs[i]);
    g_free(def->os.initargs);
    g_free(def->os.kernel);
    g_free(def->os.initrd);
    g_free(def->os.cmdline);
    g_free(def->os.dtb);
    g_free(def->os.root);
    g_free(def->os.loader);
    g_free(def->os.nvram);
    g_free(def->os.nvramTemplate);
    g_free(def->os.bootloader);
    g_free(def->os.bootloaderArgs);

    virCPUDefFree(def->cpu);
    g_free(def->clock.timezone);
    g_free(def->clock.adjustmentReset);
    FREE_DEVICE_LIST(def->clock.timers, def->clock.ntimers, g_free);

    g_free(def->emulator);
    FREE_DEVICE_LIST(def->disks, def->ndisks, virDomainDiskDefFree);
    FREE_DEVICE_LIST(def->controllers, def->ncontrollers,
                     virDomainControllerDefFree);
    FREE_DEVICE_LIST(def->nets, def->nnets, virDomainNetDefFree);
    FREE_DEVICE_LIST(def->serials, def->nserials, virDomainChrDefFree);
    FREE_DEVICE_LIST(def->parallels, def->nparallels, virDomainChrDefFree);
    FREE_DEVICE_LIST(def->consoles, def->nconsoles, virDomainChrDefFree);
    FREE_DEVICE_LIST(def->channels, def->nchannels, virDomainChrDefFree);
    FREE_DEVICE_LIST(def->inputs, def->ninputs, virDomainInputDefFree);
    FREE_DEVICE_LIST(def->graphics, def->ngraphics, virDomainGraphicsDefFree);
    FREE_DEVICE_LIST(def->sounds, def->nsounds, virDomainSoundDefFree);
    FREE_DEVICE_LIST(def->audios, def->naudios, virDomainAudioDefFree);
    FREE_DEVICE_LIST(def->videos, def->nvideos, virDomainVideoDefFree);
    FREE_DEVICE_LIST(def->hostdevs, def->nhostdevs, virDomainHostdevDefFree);
    virDomainWatchdogDefFree(def->watchdog);
    virDomainMemballoonDefFree(def->memballoon);
    FREE_DEVICE_LIST(def->rngs, def->nrngs, virDomainRNGDefFree);
    FREE_DEVICE_LIST(def->panics, def->npanics, virDomainPanicDefFree);

    FREE_DEVICE_LIST(def->seclabels, def->nseclabels, virSecurityLabelDefFree);
    for (i = 0; i < def->nblkioDevices; i++)
        g_free(def->blkioDevices[i].path);
    g_free(def->blkioDevices);
    for (i = 0; i < def->nhugepages; i++)
        g_free(def->hugepages[i].nodeset);
    g_free(def->hugepages);
    g_free(def->iothreadids);
    for (i = 0; i < def->nvcpupins; i++)
        g_free(def->vcpupins[i].cpuset);
    g_free(def->vcpupins);
    g_free(def->emulatorpin);
    for (i = 0; i < def->niothreadpins; i++)
        g_free(def->iothreadpins[i].cpuset);
    g_free(def->iothreadpins);
    g_free(def->vcpuSched);
    g_free(def->numatuneNodeset);
    for (i = 0; i < def->nmemnodes; i++)
        g_free(def->memnodes[i].nodeset);
    g_free(def->memnodes);
    g_free(def->resourcePartition);
    g_free(def->resourceAppid);
    FREE_DEVICE_LIST(def->sysinfos, def->nsysinfos, virSysinfoDefFree);
    g_free(def->uidmap);
    g_free(def->gidmap);
    g_free(def);
}

virDomainDef *
virDomainDefNew(void)
{
    virDomainDef *def = g_new0(virDomainDef, 1);

    def->id = -1;
    def->os.rebootTimeout = -2;
    return def;
}

/* ================================================================== */
/* Small helpers: UUID, MAC, memory units                             */

char *
virDomainMacFormat(const unsigned char *mac, char *buf)
{
    g_snprintf(buf, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
               mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    return buf;
}

void
virDomainMacGenerate(unsigned char *mac)
{
    mac[0] = 0x52;
    mac[1] = 0x54;
    mac[2] = 0x00;
    virRandomBytes(mac + 3, 3);
}

/* "aa:bb:cc:dd:ee:ff" (one or two hex digits per byte, ':' or '-'). */
static int
virDomainMacParse(const char *str, unsigned char *mac)
{
    size_t i;

    for (i = 0; i < VIR_MAC_BUFLEN; i++) {
        char *end = NULL;
        unsigned long val;

        if (!g_ascii_isxdigit(*str))
            return -1;
        errno = 0;
        val = strtoul(str, &end, 16);
        if (errno || end == str || val > 0xff || end - str > 2)
            return -1;
        mac[i] = (unsigned char)val;
        str = end;
        if (i < VIR_MAC_BUFLEN - 1) {
            if (*str != ':' && *str != '-')
                return -1;
            str++;
        }
    }
    return *str == '\0' ? 0 : -1;
}

int
virDomainScaleToKiB(const char *value, const char *unit,
                    unsigned long long *kib)
{
    unsigned long long scale = 1024;
    unsigned long long val;
    char *end = NULL;

    if (!value || !g_ascii_isdigit(*value) ||
        (errno = 0, val = g_ascii_strtoull(value, &end, 10), errno) ||
        *end != '\0') {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("invalid number '%s'"), value ? value : "");
        return -1;
    }

    if (unit && *unit) {
        size_t len = strlen(unit);
        unsigned long long base;
        int power;

        switch (g_ascii_tolower(unit[0])) {
        case 'b':
            power = 0;
            break;
        case 'k':
            power = 1;
            break;
        case 'm':
            power = 2;
            break;
        case 'g':
            power = 3;
            break;
        case 't':
            power = 4;
            break;
        case 'p':
            power = 5;
            break;
        case 'e':
            power = 6;
            break;
        default:
            power = -1;
            break;
        }
        if (power == 0) {
            if (g_ascii_strcasecmp(unit, "b") != 0 &&
                g_ascii_strcasecmp(unit, "bytes") != 0)
                power = -1;
            base = 1;
        } else if (power > 0 && len == 1) {
            base = 1024;
        } else if (power > 0 && len == 2 && g_ascii_tolower(unit[1]) == 'b') {
            base = 1000;
        } else if (power > 0 && len == 3 &&
                   g_ascii_strcasecmp(unit + 1, "ib") == 0) {
            base = 1024;
        } else {
            power = -1;
            base = 1;
        }
        if (power < 0) {
            virReportError(VIR_ERR_INVALID_ARG, _("unknown suffix '%s'"), unit);
            return -1;
        }
        scale = 1;
        while (power-- > 0)
            scale *= base;
    }

    if (val && scale > G_MAXUINT64 / val) {
        virReportError(VIR_ERR_OVERFLOW, _("value too large: %s%s"),
                       value, unit ? unit : "");
        return -1;
    }
    val *= scale;
    /* stored in KiB, rounding partial kibibytes up */
    *kib = val / 1024 + (val % 1024 ? 1 : 0);
    return 0;
}

/* ================================================================== */
/* XML reading helpers                                                */

static bool
xIs(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
        xmlStrEqual(node->name, BAD_CAST name);
}

static xmlNodePtr
xChild(xmlNodePtr parent, const char *name)
{
    xmlNodePtr cur;

    if (!parent)
        return NULL;
    for (cur = parent->children; cur; cur = cur->next) {
        if (xIs(cur, name))
            return cur;
    }
    return NULL;
}

static char *
xProp(xmlNodePtr node, const char *name)
{
    xmlChar *val;
    char *ret;

    if (!node)
        return NULL;
    val = xmlGetNoNsProp(node, BAD_CAST name);
    if (!val)
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}

static char *
xText(xmlNodePtr node)
{
    xmlChar *val;
    char *ret;

    if (!node)
        return NULL;
    val = xmlNodeGetContent(node);
    if (!val)
        return g_strdup("");
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}

/* Text of child NAME of PARENT, NULL when absent or empty. */
static char *
xChildText(xmlNodePtr parent, const char *name)
{
    xmlNodePtr node = xChild(parent, name);
    char *ret;

    if (!node)
        return NULL;
    ret = xText(node);
    if (ret && !*ret) {
        g_free(ret);
        return NULL;
    }
    return ret;
}

static void
reportInvalidAttr(xmlNodePtr node, const char *attr, const char *val,
                  const char *suffix)
{
    virReportError(VIR_ERR_XML_ERROR,
                   _("Invalid value for attribute '%s' in element '%s': '%s'.%s"),
                   attr, (const char *)node->name, val, suffix);
}

/* Parse enum attribute ATTR of NODE with FROMSTR.  Returns 1 and sets *OUT
 * when present and valid, 0 when absent (and REQUIRED is false), -1 with
 * libvirt's generic message otherwise.  With NONZERO, the value 0 (the
 * "default" spelling) is rejected too. */
static int
xEnum(xmlNodePtr node, const char *attr, int (*fromstr)(const char *),
      bool required, bool nonzero, int *out)
{
    g_autofree char *val = xProp(node, attr);
    int v;

    if (!val) {
        if (required) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing required attribute '%s' in element '%s'"),
                           attr, (const char *)node->name);
            return -1;
        }
        return 0;
    }
    v = fromstr(val);
    if (v < 0 || (nonzero && v == 0)) {
        reportInvalidAttr(node, attr, val, "");
        return -1;
    }
    *out = v;
    return 1;
}

static int
xTristateBool(xmlNodePtr node, const char *attr, int *out)
{
    return xEnum(node, attr, virTristateBoolTypeFromString, false, true, out);
}

static int
xTristateSwitch(xmlNodePtr node, const char *attr, int *out)
{
    return xEnum(node, attr, virTristateSwitchTypeFromString, false, true, out);
}

/* Unsigned attribute in BASE (0 = auto, accepts 0x).  Same return
 * convention as xEnum. */
static int
xUInt(xmlNodePtr node, const char *attr, int base, bool required,
      unsigned int *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    unsigned long long v;

    if (!val) {
        if (required) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing required attribute '%s' in element '%s'"),
                           attr, (const char *)node->name);
            return -1;
        }
        return 0;
    }
    errno = 0;
    v = g_ascii_strtoull(val, &end, base);
    if (errno || end == val || *end != '\0' || val[0] == '-' ||
        v > G_MAXUINT) {
        reportInvalidAttr(node, attr, val,
                          " Expected non-negative integer value");
        return -1;
    }
    *out = (unsigned int)v;
    return 1;
}

static int
xInt(xmlNodePtr node, const char *attr, bool required, int *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    long long v;

    if (!val) {
        if (required) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing required attribute '%s' in element '%s'"),
                           attr, (const char *)node->name);
            return -1;
        }
        return 0;
    }
    errno = 0;
    v = g_ascii_strtoll(val, &end, 10);
    if (errno || end == val || *end != '\0' || v > G_MAXINT || v < G_MININT) {
        reportInvalidAttr(node, attr, val, " Expected integer value");
        return -1;
    }
    *out = (int)v;
    return 1;
}

static int
xULongLong(xmlNodePtr node, const char *attr, unsigned long long *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    unsigned long long v;

    if (!val)
        return 0;
    errno = 0;
    v = g_ascii_strtoull(val, &end, 10);
    if (errno || end == val || *end != '\0' || val[0] == '-') {
        reportInvalidAttr(node, attr, val,
                          " Expected non-negative integer value");
        return -1;
    }
    *out = v;
    return 1;
}

#define APPEND(list, n, item) \
    do { \
        (list) = g_renew(typeof(*(list)), (list), (n) + 1); \
        (list)[(n)++] = (item); \
    } while (0)

static GArray *virDomainBitmapParseIds(const char *str);
static char *virDomainCpusetCanonical(const char *str);
static char *virDomainBitsCanonical(const char *str, bool allowEmpty);
static int virSecurityDeviceLabelsParse(xmlNodePtr source, unsigned int flags,
                                        virSecurityDeviceLabelDef ***list,
                                        size_t *n);

/* ================================================================== */
/* Device addresses                                                   */

static int
virDomainDeviceAddressParsePCIField(xmlNodePtr node, const char *attr,
                                    unsigned int max, const char *maxStr,
                                    bool quoted, unsigned int *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    unsigned long long v;

    if (!val)
        return 0;
    errno = 0;
    v = g_ascii_strtoull(val, &end, 0);
    if (errno || end == val || *end != '\0' || val[0] == '-') {
        virReportError(VIR_ERR_XML_ERROR, _("Cannot parse <address> '%s' attribute"),
                       attr);
        return -1;
    }
    if (v > max) {
        if (quoted)
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid PCI address %s='0x%llx', must be <= %s"),
                           attr, v, maxStr);
        else
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid PCI address %s=0x%llx, must be <= %s"),
                           attr, v, maxStr);
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static int
virDomainDeviceAddressParseUInt(xmlNodePtr node, const char *attr,
                                const char *what, unsigned int *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    unsigned long long v;

    if (!val)
        return 0;
    errno = 0;
    v = g_ascii_strtoull(val, &end, 0);
    if (errno || end == val || *end != '\0' || val[0] == '-' ||
        v > G_MAXUINT) {
        virReportError(VIR_ERR_XML_ERROR, _("Cannot parse <address> '%s' attribute"),
                       what ? what : attr);
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static int
virDomainDeviceInfoParse(xmlNodePtr devnode, virDomainDeviceInfo *info,
                         unsigned int flags, bool allowBoot)
{
    xmlNodePtr addr = xChild(devnode, "address");
    xmlNodePtr alias = xChild(devnode, "alias");
    xmlNodePtr boot = xChild(devnode, "boot");
    g_autofree char *type = NULL;

    if (alias) {
        g_autofree char *name = xProp(alias, "name");

        /* a definition keeps only the aliases its user chose ("ua-...") */
        if (name && (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) || g_str_has_prefix(name, "ua-")))
            info->alias = g_steal_pointer(&name);
    }

    if (boot && allowBoot) {
        g_autofree char *order = xProp(boot, "order");
        char *end = NULL;
        unsigned long v;

        if (!order) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing boot order attribute"));
            return -1;
        }
        v = strtoul(order, &end, 10);
        if (end == order || *end || v == 0 || order[0] == '-') {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("incorrect boot order '%s', expecting positive integer"),
                           order);
            return -1;
        }
        info->bootIndex = (unsigned int)v;
    }

    if (!addr)
        return 0;

    type = xProp(addr, "type");
    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("No type specified for device address"));
        return -1;
    }
    info->type = virDomainDeviceAddressTypeFromString(type);
    if (info->type <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown address type '%s'"), type);
        return -1;
    }

    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        if (virDomainDeviceAddressParsePCIField(addr, "domain", 0xFFFF,
                                                "0xFFFF", true,
                                                &info->domain) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "bus", 0xFF, "0xFF",
                                                true, &info->bus) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "slot", 0x1F, "0x1F",
                                                true, &info->slot) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "function", 7, "7",
                                                false, &info->function) < 0)
            return -1;
        if (xTristateSwitch(addr, "multifunction", &info->multifunction) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        if (virDomainDeviceAddressParseUInt(addr, "controller", NULL,
                                            &info->controller) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "bus", NULL,
                                            &info->bus) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "target", NULL,
                                            &info->target) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "unit", NULL,
                                            &info->unit) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        if (virDomainDeviceAddressParseUInt(addr, "controller", NULL,
                                            &info->controller) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "bus", NULL,
                                            &info->bus) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "port", NULL,
                                            &info->port) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID:
        if (virDomainDeviceAddressParseUInt(addr, "controller", NULL,
                                            &info->controller) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "slot", NULL,
                                            &info->slot) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        if (virDomainDeviceAddressParseUInt(addr, "bus", NULL,
                                            &info->bus) < 0)
            return -1;
        info->usbPort = xProp(addr, "port");
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW: {
        g_autofree char *cssid = xProp(addr, "cssid");
        g_autofree char *ssid = xProp(addr, "ssid");
        g_autofree char *devno = xProp(addr, "devno");

        if (cssid || ssid || devno) {
            if (!cssid || !ssid || !devno) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("Invalid specification for virtio ccw address: cssid='%s' ssid='%s' devno='%s'"));
                return -1;
            }
            if (virDomainDeviceAddressParseUInt(addr, "cssid", NULL,
                                                &info->cssid) < 0 ||
                virDomainDeviceAddressParseUInt(addr, "ssid", NULL,
                                                &info->ssid) < 0 ||
                virDomainDeviceAddressParseUInt(addr, "devno", NULL,
                                                &info->devno) < 0)
                return -1;
            info->has_reg = true;
        }
        break;
    }
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO: {
        g_autofree char *reg = xProp(addr, "reg");
        if (reg) {
            char *end = NULL;
            info->reg = g_ascii_strtoull(reg, &end, 0);
            if (end == reg || *end) {
                virReportError(VIR_ERR_INTERNAL_ERROR,
                               _("Cannot parse <address> 'reg' attribute"));
                return -1;
            }
            info->has_reg = true;
        }
        break;
    }
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA:
        if (virDomainDeviceAddressParseUInt(addr, "iobase", NULL,
                                            &info->iobase) < 0 ||
            virDomainDeviceAddressParseUInt(addr, "irq", NULL,
                                            &info->irq) < 0)
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

/* ================================================================== */
/* Disks                                                              */

/* The port libvirt fills in for a network disk host given without one. */
static unsigned int
virStorageNetDefaultPort(int protocol)
{
    switch (protocol) {
    case VIR_STORAGE_NET_PROTOCOL_NBD:
        return 10809;
    case VIR_STORAGE_NET_PROTOCOL_SHEEPDOG:
        return 7000;
    case VIR_STORAGE_NET_PROTOCOL_GLUSTER:
        return 24007;
    case VIR_STORAGE_NET_PROTOCOL_ISCSI:
        return 3260;
    case VIR_STORAGE_NET_PROTOCOL_HTTP:
        return 80;
    case VIR_STORAGE_NET_PROTOCOL_HTTPS:
        return 443;
    case VIR_STORAGE_NET_PROTOCOL_FTP:
        return 21;
    case VIR_STORAGE_NET_PROTOCOL_FTPS:
        return 990;
    case VIR_STORAGE_NET_PROTOCOL_TFTP:
        return 69;
    case VIR_STORAGE_NET_PROTOCOL_SSH:
        return 22;
    case VIR_STORAGE_NET_PROTOCOL_VXHS:
        return 9999;
    default:
        return 0;
    }
}

static int
virDomainDiskSourceParse(xmlNodePtr source, virDomainDiskDef *disk)
{
    xmlNodePtr cur;

    if (xEnum(source, "startupPolicy", virDomainStartupPolicyTypeFromString,
              false, true, &disk->startupPolicy) < 0)
        return -1;

    switch (disk->type) {
    case VIR_STORAGE_TYPE_FILE:
        disk->src = xProp(source, "file");
        break;
    case VIR_STORAGE_TYPE_BLOCK:
        disk->src = xProp(source, "dev");
        break;
    case VIR_STORAGE_TYPE_DIR:
        disk->src = xProp(source, "dir");
        break;
    case VIR_STORAGE_TYPE_NETWORK:
        if (xEnum(source, "protocol", virStorageNetProtocolTypeFromString,
                  true, true, &disk->protocol) < 0)
            return -1;
        disk->srcName = xProp(source, "name");
        for (cur = source->children; cur; cur = cur->next) {
            virStorageNetHostDef host = { 0 };
            g_autofree char *port = NULL;

            if (!xIs(cur, "host"))
                continue;
            if (xEnum(cur, "transport",
                      virStorageNetHostTransportTypeFromString, false, false,
                      &host.transport) < 0)
                return -1;
            host.name = xProp(cur, "name");
            host.socket = xProp(cur, "socket");
            port = xProp(cur, "port");
            if (port) {
                char *end = NULL;
                unsigned long v = strtoul(port, &end, 10);
                if (end == port || *end || v > 65535) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   _("failed to parse port number '%s'"), port);
                    g_free(host.name);
                    g_free(host.socket);
                    return -1;
                }
                host.port = (unsigned int)v;
            }
            if (host.transport == VIR_STORAGE_NET_HOST_TRANS_TCP &&
                host.port == 0)
                host.port = virStorageNetDefaultPort(disk->protocol);
            if (host.transport == VIR_STORAGE_NET_HOST_TRANS_TCP && !host.name) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("missing name for host"));
                g_free(host.socket);
                return -1;
            }
            APPEND(disk->hosts, disk->nhosts, host);
        }
        break;
    case VIR_STORAGE_TYPE_VOLUME:
        disk->srcPool = xProp(source, "pool");
        disk->srcVolume = xProp(source, "volume");
        if (!disk->srcPool || !disk->srcVolume) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("'pool' and 'volume' must be specified together for 'pool' type source"));
            return -1;
        }
        break;
    default:
        break;
    }
    disk->hasSource = true;
    return 0;
}

/* Turn "sdb" / "hdaa" into 1 / 26; -1 when the name has no known
 * prefix.  Only the bus types that get drive addresses need this. */
static int
virDomainDiskNameToIndex(const char *name)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd",
                                            "ubd", NULL };
    const char *ptr = NULL;
    size_t i;
    int idx = 0;

    for (i = 0; prefixes[i]; i++) {
        if (g_str_has_prefix(name, prefixes[i])) {
            ptr = name + strlen(prefixes[i]);
            break;
        }
    }
    if (!ptr || !*ptr)
        return -1;
    for (i = 0; ptr[i]; i++) {
        if (!g_ascii_islower(ptr[i]))
            break;
        idx = (idx + (i < 1 ? 0 : 1)) * 26;
        idx += ptr[i] - 'a';
    }
    if (ptr[i] != '\0' && !g_ascii_isdigit(ptr[i]))
        return -1;
    return idx;
}

/* Insert DISK keeping the disks of one bus in target-name order, as
 * libvirt does: before the first later disk of the same bus whose name
 * sorts after it, else at the end. */
static void
virDomainDiskInsert(virDomainDef *def, virDomainDiskDef *disk)
{
    ssize_t insertAt = -1;
    ssize_t i;
    int idx = virDomainDiskNameToIndex(disk->dst);

    for (i = (ssize_t)def->ndisks - 1; i >= 0; i--) {
        virDomainDiskDef *cur = def->disks[i];

        if (cur->bus != disk->bus)
            continue;
        if (virDomainDiskNameToIndex(cur->dst) > idx)
            insertAt = i;
        else
            break;
    }
    def->disks = g_renew(virDomainDiskDef *, def->disks, def->ndisks + 1);
    if (insertAt < 0) {
        def->disks[def->ndisks] = disk;
    } else {
        memmove(def->disks + insertAt + 1, def->disks + insertAt,
                (def->ndisks - insertAt) * sizeof(*def->disks));
        def->disks[insertAt] = disk;
    }
    def->ndisks++;
}

/* ================================================================== */
/* Tunables inside devices and the domain: <iotune>, <bandwidth>,     */
/* <perf>                                                             */

/* A disk's <iotune> (NODE).  Every limit is an unsigned decimal; the
 * total limits exclude the read/write ones of the same kind. */
static int
virDomainDiskIotuneParse(xmlNodePtr node, virDomainDiskDef *disk)
{
    static const struct {
        int total, read, write;
        const char *what;
    } excl[] = {
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC, VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC, "bytes_sec" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC, VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC, "iops_sec" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX, VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC_MAX,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC_MAX, "bytes_sec_max" },
        { VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC_MAX, VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC_MAX,
          VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC_MAX, "iops_sec_max" },
    };
    unsigned long long *v = disk->iotune;
    size_t i;

    for (i = 0; i < VIR_DOMAIN_DISK_IOTUNE_LAST; i++) {
        const char *name = virDomainDiskIotuneTypeToString(i);
        g_autofree char *val = xChildText(node, name);
        char *end = NULL;

        if (!val)
            continue;
        errno = 0;
        v[i] = g_ascii_strtoull(val, &end, 10);
        if (errno || end == val || *end != '\0' || strchr(val, '-')) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("disk iotune field '%s' must be an integer"), name);
            return -1;
        }
    }
    disk->iotuneGroup = xChildText(node, "group_name");

    for (i = 0; i < G_N_ELEMENTS(excl); i++) {
        if (v[excl[i].total] && (v[excl[i].read] || v[excl[i].write])) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("total and read/write %s cannot be set at the same time"),
                           excl[i].what);
            return -1;
        }
    }
    return 0;
}

/* One <inbound> or <outbound> (NODE) into *RATE (allocated here). */
static int
virNetDevBandwidthRateParse(xmlNodePtr node, virNetDevBandwidthRate **rate)
{
    g_autofree virNetDevBandwidthRate *r = g_new0(virNetDevBandwidthRate, 1);
    const char *const names[] = { "average", "peak", "burst", "floor" };
    unsigned long long *vals[] = { &r->average, &r->peak, &r->burst, &r->floor };
    g_autofree char *average = xProp(node, "average");
    g_autofree char *peak = xProp(node, "peak");
    g_autofree char *burst = xProp(node, "burst");
    g_autofree char *floor = xProp(node, "floor");
    const char *strs[] = { average, peak, burst, floor };
    size_t i;

    if (!average && !floor) {
        virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_DETAIL, "%s",
                           _("Missing mandatory average or floor attributes"));
        return -1;
    }
    if ((peak || burst) && !average) {
        virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("'peak' and 'burst' require 'average' attribute"));
        return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        char *end = NULL;

        if (!strs[i])
            continue;
        errno = 0;
        *vals[i] = g_ascii_strtoull(strs[i], &end, 10);
        if (errno || end == strs[i] || *end != '\0' || strchr(strs[i], '-')) {
            virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED,
                               _("could not convert bandwidth %s value '%s'"),
                               names[i], strs[i]);
            return -1;
        }
    }
    *rate = g_steal_pointer(&r);
    return 0;
}

/* An interface's <bandwidth> (NODE).  *BANDWIDTH stays NULL when it
 * holds no rate.  ALLOW_FLOOR: an inbound floor is allowed (interfaces
 * of type network). */
static int
virNetDevBandwidthParse(xmlNodePtr node, bool allowFloor,
                        virNetDevBandwidth **bandwidth)
{
    g_autoptr(virNetDevBandwidth) def = g_new0(virNetDevBandwidth, 1);
    xmlNodePtr in = NULL;
    xmlNodePtr out = NULL;
    g_autofree char *classid = xProp(node, "classID");
    xmlNodePtr cur;

    if (classid) {
        virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_DETAIL, "%s",
                           _("classID attribute not supported on <bandwidth> in this usage context"));
        return -1;
    }
    for (cur = node->children; cur; cur = cur->next) {
        bool isIn = xIs(cur, "inbound");

        if (!isIn && !xIs(cur, "outbound"))
            continue;
        if (isIn ? in != NULL : out != NULL) {
            virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_XML_DETAIL,
                               _("Only one child <%s> element allowed"),
                               isIn ? "inbound" : "outbound");
            return -1;
        }
        if (isIn)
            in = cur;
        else
            out = cur;
    }
    if (in) {
        if (virNetDevBandwidthRateParse(in, &def->in) < 0)
            return -1;
        if (def->in->floor && !allowFloor) {
            virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("floor attribute is not supported for this config"));
            return -1;
        }
    }
    if (out) {
        if (virNetDevBandwidthRateParse(out, &def->out) < 0)
            return -1;
        if (def->out->floor) {
            virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("'floor' attribute allowed only in <inbound> element"));
            return -1;
        }
    }
    if (def->in || def->out)
        *bandwidth = g_steal_pointer(&def);
    return 0;
}

/* Every <event name= enabled=/> of every <perf> child of ROOT. */
static int
virDomainPerfParse(xmlNodePtr root, virDomainDef *def)
{
    xmlNodePtr perf;
    xmlNodePtr ev;

    for (perf = root->children; perf; perf = perf->next) {
        if (!xIs(perf, "perf"))
            continue;
        for (ev = perf->children; ev; ev = ev->next) {
            g_autofree char *name = NULL;
            g_autofree char *enabled = NULL;
            int type;
            int state;

            if (!xIs(ev, "event"))
                continue;
            if (!(name = xProp(ev, "name"))) {
                virReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                   _("Missing required attribute '%s' in element '%s'"),
                                   "name", "event");
                return -1;
            }
            if ((type = virPerfEventTypeFromString(name)) < 0) {
                virReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                   _("Invalid value for attribute '%s' in element '%s': '%s'."),
                                   "name", "event", name);
                return -1;
            }
            if (!(enabled = xProp(ev, "enabled"))) {
                virReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                   _("Missing required attribute '%s' in element '%s'"),
                                   "enabled", "event");
                return -1;
            }
            if ((state = virTristateBoolTypeFromString(enabled)) <= 0) {
                virReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                                   _("Invalid value for attribute '%s' in element '%s': '%s'."),
                                   "enabled", "event", enabled);
                return -1;
            }
            if (def->perf[type] != VIR_TRISTATE_BOOL_ABSENT) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("perf event '%s' was already specified"), name);
                return -1;
            }
            def->perf[type] = state;
        }
    }
    return 0;
}

/* The chain below NODE's <backingStore> child, or NULL when it has
 * none.  0 or -1 reported. */
static int
virDomainDiskBackingStoreParse(xmlNodePtr node, virDomainDiskBackingStore **ret_chain)
{
    virDomainDiskBackingStore *chain = NULL;
    virDomainDiskBackingStore **tail = &chain;
    xmlNodePtr cur;

    while ((cur = xChild(node, "backingStore"))) {
        g_autofree char *type = xProp(cur, "type");
        virDomainDiskBackingStore *layer;
        xmlNodePtr source;
        int t = VIR_STORAGE_TYPE_NONE;

        if (type && (t = virStorageTypeFromString(type)) <= 0) {
            reportInvalidAttr(cur, "type", type, "");
            virDomainDiskBackingStoreFree(chain);
            return -1;
        }
        /* only local images are kept: the chain stops at any other */
        if (type && t != VIR_STORAGE_TYPE_FILE && t != VIR_STORAGE_TYPE_BLOCK)
            break;
        layer = g_new0(virDomainDiskBackingStore, 1);
        layer->type = t;
        *tail = layer;
        tail = &layer->next;
        if (!type)
            break;      /* <backingStore/>: the end of the chain */
        layer->format = xProp(xChild(cur, "format"), "type");
        if ((source = xChild(cur, "source")))
            layer->path = xProp(source, t == VIR_STORAGE_TYPE_FILE ? "file" : "dev");
        node = cur;
    }
    *ret_chain = chain;
    return 0;
}

static virDomainDiskDef *
virDomainDiskDefParse(xmlNodePtr node, unsigned int flags)
{
    g_autofree char *type = NULL;
    xmlNodePtr cur;
    xmlNodePtr source;
    xmlNodePtr target;
    xmlNodePtr driver;
    virDomainDiskDef *disk = g_new0(virDomainDiskDef, 1);

    type = xProp(node, "type");
    if (type) {
        disk->type = virStorageTypeFromString(type);
        if (disk->type <= 0) {
            reportInvalidAttr(node, "type", type, "");
            goto error;
        }
    } else {
        disk->type = VIR_STORAGE_TYPE_FILE;
    }
    if (xEnum(node, "device", virDomainDiskDeviceTypeFromString, false, false,
              &disk->device) < 0)
        goto error;

    driver = xChild(node, "driver");
    if (driver) {
        disk->driverName = xProp(driver, "name");
        disk->driverFormat = xProp(driver, "type");
        if (xEnum(driver, "cache", virDomainDiskCacheTypeFromString, false,
                  false, &disk->cachemode) < 0 ||
            xEnum(driver, "io", virDomainDiskIoTypeFromString, false, true,
                  &disk->iomode) < 0 ||
            xEnum(driver, "discard", virDomainDiskDiscardTypeFromString,
                  false, true, &disk->discard) < 0)
            goto error;
    }

    source = xChild(node, "source");
    /* libvirt keeps no labels for network sources */
    if (source && (virDomainDiskSourceParse(source, disk) < 0 ||
                   (disk->type != VIR_STORAGE_TYPE_NETWORK &&
                    virSecurityDeviceLabelsParse(source, flags,
                                                &disk->seclabels,
                                                &disk->nseclabels) < 0)))
        goto error;
    if (virDomainDiskBackingStoreParse(node, &disk->backingStore) < 0)
        goto error;

    target = xChild(node, "target");
    if (target) {
        disk->dst = xProp(target, "dev");
        if (xEnum(target, "bus", virDomainDiskBusTypeFromString, false, true,
                  &disk->bus) < 0)
            goto error;
        disk->tray = xProp(target, "tray");
        if (disk->tray && strcmp(disk->tray, "open") != 0 &&
            strcmp(disk->tray, "closed") != 0) {
            reportInvalidAttr(target, "tray", disk->tray, "");
            goto error;
        }
    }
    if (!disk->dst) {
        const char *what = disk->src ? disk->src :
            (disk->srcName ? disk->srcName : "");
        virReportError(VIR_ERR_NO_TARGET, "%s", what);
        goto error;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (xIs(cur, "readonly"))
            disk->readonly = true;
        else if (xIs(cur, "shareable"))
            disk->shareable = true;
        else if (xIs(cur, "transient"))
            disk->transient = true;
    }
    if ((cur = xChild(node, "iotune")) && virDomainDiskIotuneParse(cur, disk) < 0)
        goto error;
    disk->serial = xChildText(node, "serial");
    disk->wwn = xChildText(node, "wwn");

    if (virDomainDeviceInfoParse(node, &disk->info, flags, true) < 0)
        goto error;

    /* defaults the generic code applies */
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM)
        disk->readonly = true;
    if (disk->bus == VIR_DOMAIN_DISK_BUS_NONE) {
        if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY)
            disk->bus = VIR_DOMAIN_DISK_BUS_FDC;
        else if (g_str_has_prefix(disk->dst, "hd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_IDE;
        else if (g_str_has_prefix(disk->dst, "sd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_SCSI;
        else if (g_str_has_prefix(disk->dst, "vd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_VIRTIO;
        else if (g_str_has_prefix(disk->dst, "xvd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_XEN;
        else if (g_str_has_prefix(disk->dst, "ubd"))
            disk->bus = VIR_DOMAIN_DISK_BUS_UML;
        else
            disk->bus = VIR_DOMAIN_DISK_BUS_IDE;
    }
    return disk;

 error:
    virDomainDiskDefFree(disk);
    return NULL;
}

/* ================================================================== */
/* Controllers                                                        */

static virDomainControllerDef *
virDomainControllerDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainControllerDef *def = g_new0(virDomainControllerDef, 1);
    g_autofree char *model = NULL;
    int rc;

    def->idx = -1;
    def->ports = -1;
    def->vectors = -1;
    def->targetChassis = -1;
    def->targetPort = -1;

    if (xEnum(node, "type", virDomainControllerTypeFromString, false, false,
              &def->type) < 0)
        goto error;
    rc = xInt(node, "index", false, &def->idx);
    if (rc < 0)
        goto error;
    if (rc > 0 && def->idx < 0) {
        g_autofree char *val = xProp(node, "index");
        reportInvalidAttr(node, "index", val, " Expected integer value");
        goto error;
    }

    model = xProp(node, "model");
    if (model) {
        const char *const *models = virDomainControllerModelList(def->type);
        size_t i;
        bool found = false;

        for (i = 0; models[i]; i++) {
            if (strcmp(models[i], model) == 0)
                found = true;
        }
        if (!found) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unknown model type '%s'"), model);
            goto error;
        }
        def->model = g_steal_pointer(&model);
    }

    if (xInt(node, "ports", false, &def->ports) < 0 ||
        xInt(node, "vectors", false, &def->vectors) < 0)
        goto error;

    if (def->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI) {
        xmlNodePtr modelNode = xChild(node, "model");
        xmlNodePtr target = xChild(node, "target");
        unsigned int val;

        def->modelName = xProp(modelNode, "name");
        if (target) {
            if ((rc = xUInt(target, "chassis", 10, false, &val)) < 0)
                goto error;
            if (rc > 0)
                def->targetChassis = (int)val;
            if ((rc = xUInt(target, "port", 0, false, &val)) < 0)
                goto error;
            if (rc > 0)
                def->targetPort = (int)val;
        }
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainControllerDefFree(def);
    return NULL;
}

/* Insert CONT keeping controllers of one type grouped by index, as libvirt
 * does: right after the last controller of the same type with an index not
 * larger than its own, else before the run of same-type controllers with
 * larger indexes, else at the end. */
void
virDomainControllerInsert(virDomainDef *def, virDomainControllerDef *cont)
{
    ssize_t insertAt = -1;
    ssize_t i;

    for (i = (ssize_t)def->ncontrollers - 1; i >= 0; i--) {
        virDomainControllerDef *cur = def->controllers[i];

        if (cur->type != cont->type) {
            if (insertAt >= 0)
                break;
            continue;
        }
        if (cur->idx > cont->idx) {
            insertAt = i;
        } else {
            insertAt = i + 1;
            break;
        }
    }
    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    if (insertAt < 0) {
        def->controllers[def->ncontrollers] = cont;
    } else {
        memmove(def->controllers + insertAt + 1, def->controllers + insertAt,
                (def->ncontrollers - insertAt) * sizeof(*def->controllers));
        def->controllers[insertAt] = cont;
    }
    def->ncontrollers++;
}

static bool
virDomainHasController(const virDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type &&
            def->controllers[i]->idx == idx)
            return true;
    }
    return false;
}

virDomainControllerDef *
virDomainControllerDefNew(int type, int idx)
{
    virDomainControllerDef *cont = g_new0(virDomainControllerDef, 1);

    cont->type = type;
    cont->idx = idx;
    cont->ports = -1;
    cont->vectors = -1;
    cont->targetChassis = -1;
    cont->targetPort = -1;
    return cont;
}

static void
virDomainMaybeAddController(virDomainDef *def, int type, int idx)
{
    virDomainControllerDef *cont;

    if (virDomainHasController(def, type, idx))
        return;
    cont = virDomainControllerDefNew(type, idx);
    cont->implicit = true;
    virDomainControllerInsert(def, cont);
}

/* ================================================================== */
/* Network interfaces                                                 */

static virDomainNetDef *
virDomainNetDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainNetDef *net = g_new0(virDomainNetDef, 1);
    g_autofree char *type = xProp(node, "type");
    xmlNodePtr mac = xChild(node, "mac");
    xmlNodePtr source = xChild(node, "source");
    xmlNodePtr target = xChild(node, "target");
    xmlNodePtr cur;

    if (type) {
        net->type = virDomainNetTypeFromString(type);
        if (net->type < 0) {
            reportInvalidAttr(node, "type", type, "");
            goto error;
        }
    } else {
        net->type = VIR_DOMAIN_NET_TYPE_USER;
    }

    if (mac) {
        g_autofree char *addr = xProp(mac, "address");
        if (addr) {
            if (virDomainMacParse(addr, net->mac) < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("unable to parse mac address '%s'"), addr);
                goto error;
            }
            if (net->mac[0] & 1) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("expected unicast mac address, found multicast '%s'"),
                               addr);
                goto error;
            }
        } else {
            mac = NULL;
        }
    }
    if (!mac) {
        virDomainMacGenerate(net->mac);
        net->macGenerated = true;
    }

    if (source) {
        switch (net->type) {
        case VIR_DOMAIN_NET_TYPE_NETWORK:
            net->sourceNetwork = xProp(source, "network");
            net->portgroup = xProp(source, "portgroup");
            break;
        case VIR_DOMAIN_NET_TYPE_BRIDGE:
            net->sourceBridge = xProp(source, "bridge");
            break;
        case VIR_DOMAIN_NET_TYPE_DIRECT:
            net->sourceDev = xProp(source, "dev");
            net->sourceMode = xProp(source, "mode");
            if (net->sourceMode &&
                !g_strv_contains((const char *const[]){ "vepa", "private",
                                                        "bridge",
                                                        "passthrough",
                                                        NULL },
                                 net->sourceMode)) {
                virReportError(VIR_ERR_INTERNAL_ERROR,
                               _("Unknown mode '%s' in interface <source> element"),
                               net->sourceMode);
                goto error;
            }
            break;
        case VIR_DOMAIN_NET_TYPE_ETHERNET:
            break;
        case VIR_DOMAIN_NET_TYPE_SERVER:
        case VIR_DOMAIN_NET_TYPE_CLIENT:
        case VIR_DOMAIN_NET_TYPE_MCAST:
        case VIR_DOMAIN_NET_TYPE_UDP:
            net->sourceAddress = xProp(source, "address");
            if (xInt(source, "port", false, &net->sourcePort) < 0)
                goto error;
            break;
        default:
            break;
        }
    }

    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        if (!net->sourceNetwork) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("No <source> 'network' attribute specified with <interface type='network'/>"));
            goto error;
        }
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        if (!source) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("interface type='bridge' requires a 'source' element"));
            goto error;
        }
        if (!net->sourceBridge) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("No <source> 'bridge' attribute specified with <interface type='bridge'/>"));
            goto error;
        }
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        if (!net->sourceDev) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("No <source> 'dev' attribute specified with <interface type='direct'/>"));
            goto error;
        }
        break;
    default:
        break;
    }

    if (target) {
        if (xTristateBool(target, "managed", &net->managedTap) < 0)
            goto error;
        net->ifname = xProp(target, "dev");
        /* generated tap names do not belong in a persistent config */
        if (net->ifname && (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE) &&
            (g_str_has_prefix(net->ifname, "vnet") ||
             g_str_has_prefix(net->ifname, "macvtap") ||
             g_str_has_prefix(net->ifname, "macvlan"))) {
            g_clear_pointer(&net->ifname, g_free);
        }
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (xIs(cur, "model")) {
            g_free(net->model);
            net->model = xProp(cur, "type");
        } else if (xIs(cur, "script")) {
            g_free(net->script);
            net->script = xProp(cur, "path");
        } else if (xIs(cur, "driver")) {
            g_free(net->driverName);
            net->driverName = xProp(cur, "name");
        } else if (xIs(cur, "link")) {
            g_autofree char *state = xProp(cur, "state");
            if (state) {
                if (strcmp(state, "up") == 0) {
                    net->linkState = 1;
                } else if (strcmp(state, "down") == 0) {
                    net->linkState = 2;
                } else {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("unknown interface link state '%s'"),
                                   state);
                    goto error;
                }
            }
        } else if (xIs(cur, "mtu")) {
            if (xUInt(cur, "size", 10, false, &net->mtu) < 0)
                goto error;
        }
    }
    if ((cur = xChild(node, "bandwidth")) &&
        virNetDevBandwidthParse(cur, net->type == VIR_DOMAIN_NET_TYPE_NETWORK,
                                &net->bandwidth) < 0)
        goto error;
    if (!net->model || !g_str_has_prefix(net->model, "virtio"))
        g_clear_pointer(&net->driverName, g_free);
    if (net->model) {
        const char *p;
        for (p = net->model; *p; p++) {
            if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-') {
                virReportError(VIR_ERR_INVALID_ARG, "%s",
                               _("Model name contains invalid characters"));
                goto error;
            }
        }
    }

    if (virDomainDeviceInfoParse(node, &net->info, flags, true) < 0)
        goto error;
    return net;

 error:
    virDomainNetDefFree(net);
    return NULL;
}

/* ================================================================== */
/* Character devices                                                  */

static int
virDomainChrSourceParse(xmlNodePtr devnode, virDomainChrSourceDef *src,
                        bool allowNoPath)
{
    xmlNodePtr cur;

    for (cur = devnode->children; cur; cur = cur->next) {
        if (xIs(cur, "source")) {
            g_autofree char *mode = xProp(cur, "mode");
            bool bind = mode && strcmp(mode, "bind") == 0;

            switch (src->type) {
            case VIR_DOMAIN_CHR_TYPE_PTY:
            case VIR_DOMAIN_CHR_TYPE_DEV:
            case VIR_DOMAIN_CHR_TYPE_FILE:
            case VIR_DOMAIN_CHR_TYPE_PIPE:
            case VIR_DOMAIN_CHR_TYPE_UNIX:
                if (!src->path)
                    src->path = xProp(cur, "path");
                if (src->type == VIR_DOMAIN_CHR_TYPE_UNIX && mode)
                    src->listen = bind;
                if (src->type == VIR_DOMAIN_CHR_TYPE_FILE &&
                    xTristateSwitch(cur, "append", &src->append) < 0)
                    return -1;
                break;
            case VIR_DOMAIN_CHR_TYPE_TCP:
                if (!src->host) {
                    src->host = xProp(cur, "host");
                    src->service = xProp(cur, "service");
                    src->listen = bind;
                }
                break;
            case VIR_DOMAIN_CHR_TYPE_UDP:
                if (bind) {
                    if (!src->bindHost && !src->bindService) {
                        src->bindHost = xProp(cur, "host");
                        src->bindService = xProp(cur, "service");
                    }
                } else if (!src->host && !src->service) {
                    src->host = xProp(cur, "host");
                    src->service = xProp(cur, "service");
                }
                break;
            case VIR_DOMAIN_CHR_TYPE_SPICEPORT:
                if (!src->channel)
                    src->channel = xProp(cur, "channel");
                break;
            default:
                break;
            }
        } else if (xIs(cur, "protocol")) {
            g_autofree char *proto = xProp(cur, "type");
            if (proto) {
                int p = virDomainChrTcpProtocolTypeFromString(proto);
                if (p < 0) {
                    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                   _("Unknown protocol '%s'"), proto);
                    return -1;
                }
                src->protocol = p;
                src->hasProtocol = true;
            }
        }
    }

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_TCP:
        if (!src->host && !src->listen) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Missing source host attribute for char device"));
            return -1;
        }
        if (!src->service) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Missing source service attribute for char device"));
            return -1;
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (!src->service) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Missing source service attribute for char device"));
            return -1;
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_FILE:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        if (!src->path) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Missing source path attribute for char device"));
            return -1;
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (!src->path && !allowNoPath) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Missing source path attribute for char device"));
            return -1;
        }
        break;
    default:
        break;
    }
    return 0;
}

static virDomainChrDef *
virDomainChrDefParse(xmlNodePtr node, int deviceType, unsigned int flags)
{
    virDomainChrDef *chr = g_new0(virDomainChrDef, 1);
    g_autofree char *type = xProp(node, "type");
    xmlNodePtr target = xChild(node, "target");

    chr->deviceType = deviceType;
    chr->targetPort = -1;

    if (type) {
        chr->source.type = virDomainChrTypeFromString(type);
        if (chr->source.type < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown type presented to host for character device: %s"),
                           type);
            goto error;
        }
    } else {
        chr->source.type = VIR_DOMAIN_CHR_TYPE_PTY;
    }

    {
        /* qemu picks the socket path of a virtio channel itself */
        g_autofree char *peek = target ? xProp(target, "type") : NULL;
        bool allowNoPath = deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
            g_strcmp0(peek, "virtio") == 0;

        if (virDomainChrSourceParse(node, &chr->source, allowNoPath) < 0)
            goto error;
        switch (chr->source.type) {
        case VIR_DOMAIN_CHR_TYPE_PTY:
        case VIR_DOMAIN_CHR_TYPE_DEV:
        case VIR_DOMAIN_CHR_TYPE_FILE:
        case VIR_DOMAIN_CHR_TYPE_PIPE:
        case VIR_DOMAIN_CHR_TYPE_UNIX:
            if (virSecurityDeviceLabelsParse(xChild(node, "source"), flags,
                                             &chr->source.seclabels,
                                             &chr->source.nseclabels) < 0)
                goto error;
            break;
        default:
            break;
        }
    }

    if (target) {
        g_autofree char *ttype = xProp(target, "type");
        g_autofree char *port = NULL;
        int t = 0;

        if (ttype) {
            switch (deviceType) {
            case VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
                t = virDomainChrSerialTargetTypeFromString(ttype);
                break;
            case VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
                t = virDomainChrConsoleTargetTypeFromString(ttype);
                break;
            case VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
                t = virDomainChrChannelTargetTypeFromString(ttype);
                break;
            default:
                t = strcmp(ttype, "parallel") == 0 ? 0 : -1;
                break;
            }
            if (t < 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unknown target type '%s' specified for character device"),
                               ttype);
                goto error;
            }
            chr->targetType = t;
            chr->targetTypeAttr = true;
        }

        if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
            if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
                g_autofree char *addrport = NULL;
                char *end = NULL;
                unsigned long v;

                chr->targetAddr = xProp(target, "address");
                addrport = xProp(target, "port");
                if (!chr->targetAddr) {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("guestfwd channel does not define a target address"));
                    goto error;
                }
                if (!addrport) {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("guestfwd channel does not define a target port"));
                    goto error;
                }
                v = strtoul(addrport, &end, 10);
                if (end == addrport || *end || v > 65535) {
                    virReportError(VIR_ERR_XML_ERROR,
                                   _("Invalid port number: %s"), addrport);
                    goto error;
                }
                chr->targetAddrPort = (int)v;
            } else {
                chr->targetName = xProp(target, "name");
            }
        } else {
            port = xProp(target, "port");
            if (port) {
                char *end = NULL;
                long v = strtol(port, &end, 10);
                if (end == port || *end || v < 0) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("Invalid port number: %s"), port);
                    goto error;
                }
                chr->targetPort = (int)v;
            }
            if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL) {
                xmlNodePtr model = xChild(target, "model");
                if (model)
                    chr->targetModel = xProp(model, "name");
            }
        }
    } else if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing target element for channel"));
        goto error;
    }

    if (deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
        !chr->targetTypeAttr) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("target type must be specified for channel device"));
        goto error;
    }

    if (virDomainDeviceInfoParse(node, &chr->info, flags, false) < 0)
        goto error;
    return chr;

 error:
    virDomainChrDefFree(chr);
    return NULL;
}

/* ================================================================== */
/* Graphics                                                           */

static int
virDomainGraphicsPortParse(xmlNodePtr node, const char *attr, int *out)
{
    g_autofree char *val = xProp(node, attr);
    char *end = NULL;
    long v;

    if (!val)
        return 0;
    v = strtol(val, &end, 10);
    if (end == val || *end) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot parse %s port %s"),
                       strcmp(attr, "tlsPort") == 0 ? "spice tlsPort" :
                       strcmp(attr, "websocket") == 0 ? "vnc websocket" :
                       "vnc", val);
        return -1;
    }
    *out = (int)v;
    return 1;
}

static virDomainGraphicsDef *
virDomainGraphicsDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainGraphicsDef *def = g_new0(virDomainGraphicsDef, 1);
    g_autofree char *listenAttr = NULL;
    g_autofree char *socketAttr = NULL;
    xmlNodePtr cur;
    bool autoportGiven = false;

    if (xEnum(node, "type", virDomainGraphicsTypeFromString, true, false,
              &def->type) < 0)
        goto error;

    switch (def->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP: {
        g_autofree char *autoport = xProp(node, "autoport");

        if (virDomainGraphicsPortParse(node, "port", &def->port) < 0)
            goto error;
        if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE &&
            virDomainGraphicsPortParse(node, "tlsPort", &def->tlsPort) < 0)
            goto error;
        if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC &&
            virDomainGraphicsPortParse(node, "websocket", &def->websocket) < 0)
            goto error;
        if (autoport && strcmp(autoport, "yes") == 0) {
            def->autoport = true;
            autoportGiven = true;
        } else if (autoport && strcmp(autoport, "no") == 0) {
            autoportGiven = true;
        }
        if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC) {
            /* an absent or -1 port means "pick one" */
            if (def->port == -1 || def->port == 0)
                def->autoport = true;
            if (def->autoport)
                def->port = 0;
        } else if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE) {
            if (def->port == -1 || def->tlsPort == -1)
                def->autoport = true;
            if (def->autoport) {
                def->port = 0;
                def->tlsPort = 0;
            }
        } else {
            if (def->port == -1)
                def->autoport = true;
            if (def->autoport)
                def->port = 0;
        }
        def->keymap = xProp(node, "keymap");
        def->passwd = xProp(node, "passwd");
        def->passwdValidTo = xProp(node, "passwdValidTo");
        listenAttr = xProp(node, "listen");
        if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC)
            socketAttr = xProp(node, "socket");
        break;
    }
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        def->display = xProp(node, "display");
        def->xauth = xProp(node, "xauth");
        {
            g_autofree char *fs = xProp(node, "fullscreen");
            if (fs) {
                if (strcmp(fs, "yes") == 0) {
                    def->fullscreen = true;
                } else if (strcmp(fs, "no") != 0) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("unknown fullscreen value '%s'"), fs);
                    goto error;
                }
            }
        }
        break;
    default:
        break;
    }
    (void)autoportGiven;

    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC ||
        def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE ||
        def->type == VIR_DOMAIN_GRAPHICS_TYPE_RDP) {
        for (cur = node->children; cur; cur = cur->next) {
            virDomainGraphicsListenDef l = { 0 };
            g_autofree char *ltype = NULL;

            if (!xIs(cur, "listen"))
                continue;
            ltype = xProp(cur, "type");
            if (!ltype) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("graphics listen type must be specified"));
                goto error;
            }
            l.type = virDomainGraphicsListenTypeFromString(ltype);
            if (l.type < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("unknown graphics listen type '%s'"), ltype);
                goto error;
            }
            if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
                l.address = xProp(cur, "address");
            else if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK)
                l.network = xProp(cur, "network");
            else if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET)
                l.socket = xProp(cur, "socket");
            if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK &&
                !l.network) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("'network' attribute is required for listen type 'network'"));
                goto error;
            }
            /* a listen address that came from a network is live data */
            if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK &&
                (flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)) {
                l.address = NULL;
            } else if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK) {
                l.address = xProp(cur, "address");
            }
            APPEND(def->listens, def->nListens, l);
            if (l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS &&
                def->nListens == 1 && listenAttr && l.address &&
                strcmp(listenAttr, l.address) != 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')"),
                               listenAttr, l.address);
                goto error;
            }
            if (def->nListens == 1 && listenAttr && !l.address &&
                l.type == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS)
                def->listens[0].address = g_strdup(listenAttr);
        }

        if (def->nListens == 0) {
            virDomainGraphicsListenDef l = { 0 };

            if (socketAttr) {
                l.type = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET;
                l.socket = g_steal_pointer(&socketAttr);
            } else if (listenAttr) {
                l.type = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
                l.address = g_steal_pointer(&listenAttr);
            } else if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE &&
                       !def->autoport && def->port == 0 &&
                       def->tlsPort == 0) {
                l.type = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE;
            } else {
                l.type = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
            }
            APPEND(def->listens, def->nListens, l);
        }
    }
    return def;

 error:
    virDomainGraphicsDefFree(def);
    return NULL;
}

/* ================================================================== */
/* Video, input, sound, hostdev, watchdog, memballoon, rng            */

static virDomainVideoDef *
virDomainVideoDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainVideoDef *def = g_new0(virDomainVideoDef, 1);
    xmlNodePtr model = xChild(node, "model");

    def->type = VIR_DOMAIN_VIDEO_TYPE_DEFAULT;
    if (model) {
        g_autofree char *type = xProp(model, "type");
        g_autofree char *primary = xProp(model, "primary");
        xmlNodePtr accel = xChild(model, "acceleration");

        if (type) {
            def->type = virDomainVideoTypeFromString(type);
            if (def->type < 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unknown video model '%s'"), type);
                goto error;
            }
        }
        if (xUInt(model, "ram", 10, false, &def->ram) < 0 ||
            xUInt(model, "vram", 10, false, &def->vram) < 0 ||
            xUInt(model, "vram64", 10, false, &def->vram64) < 0 ||
            xUInt(model, "vgamem", 10, false, &def->vgamem) < 0 ||
            xUInt(model, "heads", 10, false, &def->heads) < 0)
            goto error;
        if (primary && strcmp(primary, "yes") == 0)
            def->primary = true;
        if (accel) {
            if (xTristateBool(accel, "accel3d", &def->accel3d) < 0 ||
                xTristateBool(accel, "accel2d", &def->accel2d) < 0)
                goto error;
        }
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainVideoDefFree(def);
    return NULL;
}

static virDomainInputDef *
virDomainInputDefParse(xmlNodePtr node, const virDomainDef *dom,
                       unsigned int flags)
{
    virDomainInputDef *def = g_new0(virDomainInputDef, 1);
    g_autofree char *type = xProp(node, "type");
    g_autofree char *bus = xProp(node, "bus");
    xmlNodePtr source = xChild(node, "source");

    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing input device type"));
        goto error;
    }
    def->type = virDomainInputTypeFromString(type);
    if (def->type < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown input device type '%s'"), type);
        goto error;
    }
    if (bus) {
        def->bus = virDomainInputBusTypeFromString(bus);
        if (def->bus <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown input bus type '%s'"), bus);
            goto error;
        }
    } else if (dom->os.type == VIR_DOMAIN_OSTYPE_HVM) {
        if (def->type == VIR_DOMAIN_INPUT_TYPE_MOUSE ||
            def->type == VIR_DOMAIN_INPUT_TYPE_KBD)
            def->bus = VIR_DOMAIN_INPUT_BUS_PS2;
        else if (def->type == VIR_DOMAIN_INPUT_TYPE_TABLET)
            def->bus = VIR_DOMAIN_INPUT_BUS_USB;
        else if (def->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH)
            def->bus = VIR_DOMAIN_INPUT_BUS_VIRTIO;
    } else if (dom->os.type == VIR_DOMAIN_OSTYPE_XEN ||
               dom->os.type == VIR_DOMAIN_OSTYPE_XENPVH) {
        def->bus = VIR_DOMAIN_INPUT_BUS_XEN;
    }
    if (source) {
        if (def->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH)
            def->evdev = xProp(source, "evdev");
        else if (def->type == VIR_DOMAIN_INPUT_TYPE_EVDEV)
            def->evdev = xProp(source, "dev");
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainInputDefFree(def);
    return NULL;
}

static virDomainSoundDef *
virDomainSoundDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainSoundDef *def = g_new0(virDomainSoundDef, 1);

    if (xEnum(node, "model", virDomainSoundModelTypeFromString, true, false,
              &def->model) < 0 ||
        virDomainDeviceInfoParse(node, &def->info, flags, false) < 0) {
        virDomainSoundDefFree(def);
        return NULL;
    }
    return def;
}

static virDomainAudioDef *
virDomainAudioDefParse(xmlNodePtr node, size_t naudios)
{
    g_autofree virDomainAudioDef *def = g_new0(virDomainAudioDef, 1);
    int rc;

    if ((rc = xUInt(node, "id", 10, false, &def->id)) < 0)
        return NULL;
    if (rc == 0)
        def->id = naudios + 1;
    if (def->id == 0) {
        reportInvalidAttr(node, "id", "0", " Expected positive integer value");
        return NULL;
    }
    if (!(def->type = xProp(node, "type"))) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Missing required attribute '%s' in element '%s'"),
                       "type", "audio");
        return NULL;
    }
    return g_steal_pointer(&def);
}

static int
virDomainHostdevHexID(xmlNodePtr node, const char *what, unsigned int *out)
{
    g_autofree char *id = xProp(node, "id");
    char *end = NULL;
    unsigned long v;

    if (!id) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("usb %s needs id"), what);
        return -1;
    }
    v = strtoul(id, &end, 0);
    if (end == id || *end || v > 0xffff) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot parse %s %s"), what, id);
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static virDomainHostdevDef *
virDomainHostdevDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainHostdevDef *def = g_new0(virDomainHostdevDef, 1);
    g_autofree char *mode = xProp(node, "mode");
    g_autofree char *type = xProp(node, "type");
    g_autofree char *managed = xProp(node, "managed");
    xmlNodePtr source = xChild(node, "source");

    if (mode && strcmp(mode, "subsystem") != 0) {
        if (strcmp(mode, "capabilities") == 0)
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unsupported hostdev mode '%s'"), mode);
        else
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("unknown hostdev mode '%s'"), mode);
        goto error;
    }
    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing source address type"));
        goto error;
    }
    def->subsysType = virDomainHostdevSubsysTypeFromString(type);
    if (def->subsysType < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown host device source address type '%s'"),
                       type);
        goto error;
    }
    if (def->subsysType != VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI &&
        def->subsysType != VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unsupported host device source address type '%s'"),
                       type);
        goto error;
    }
    if (managed && strcmp(managed, "yes") == 0)
        def->managed = true;

    if (!source) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Missing <source> element in hostdev device"));
        goto error;
    }

    if (def->subsysType == VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI) {
        xmlNodePtr addr = xChild(source, "address");
        if (!addr) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("PCI host devices must use 'pci' or 'unassigned' address type"));
            goto error;
        }
        if (virDomainDeviceAddressParsePCIField(addr, "domain", 0xFFFF,
                                                "0xFFFF", true,
                                                &def->pciDomain) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "bus", 0xFF, "0xFF",
                                                true, &def->pciBus) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "slot", 0x1F, "0x1F",
                                                true, &def->pciSlot) < 0 ||
            virDomainDeviceAddressParsePCIField(addr, "function", 7, "7",
                                                false, &def->pciFunction) < 0)
            goto error;
    } else {
        xmlNodePtr vendor = xChild(source, "vendor");
        xmlNodePtr product = xChild(source, "product");
        xmlNodePtr addr = xChild(source, "address");

        if (vendor && virDomainHostdevHexID(vendor, "vendor",
                                            &def->usbVendor) < 0)
            goto error;
        if (product && virDomainHostdevHexID(product, "product",
                                             &def->usbProduct) < 0)
            goto error;
        if (vendor && !product) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing product"));
            goto error;
        }
        if (product && !vendor) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing vendor"));
            goto error;
        }
        if (addr) {
            if (virDomainDeviceAddressParseUInt(addr, "bus", NULL,
                                                &def->usbBus) < 0 ||
                virDomainDeviceAddressParseUInt(addr, "device", NULL,
                                                &def->usbDevice) < 0)
                goto error;
            def->usbHasAddress = true;
        }
        if (!vendor && !addr) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("usb hostdev must specify vendor/product or bus/device"));
            goto error;
        }
    }

    if (virDomainDeviceInfoParse(node, &def->info, flags, true) < 0)
        goto error;
    return def;

 error:
    virDomainHostdevDefFree(def);
    return NULL;
}

static virDomainWatchdogDef *
virDomainWatchdogDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainWatchdogDef *def = g_new0(virDomainWatchdogDef, 1);
    g_autofree char *model = xProp(node, "model");
    g_autofree char *action = xProp(node, "action");

    if (!model) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("watchdog must contain model name"));
        goto error;
    }
    def->model = virDomainWatchdogModelTypeFromString(model);
    if (def->model < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown watchdog model '%s'"), model);
        goto error;
    }
    if (action) {
        def->action = virDomainWatchdogActionTypeFromString(action);
        if (def->action < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown watchdog action '%s'"), action);
            goto error;
        }
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainWatchdogDefFree(def);
    return NULL;
}

static virDomainPanicDef *
virDomainPanicDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainPanicDef *def = g_new0(virDomainPanicDef, 1);
    g_autofree char *model = xProp(node, "model");

    if (model) {
        def->model = virDomainPanicModelTypeFromString(model);
        if (def->model < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown panic model '%s'"), model);
            goto error;
        }
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainPanicDefFree(def);
    return NULL;
}

static virDomainMemballoonDef *
virDomainMemballoonDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainMemballoonDef *def = g_new0(virDomainMemballoonDef, 1);
    xmlNodePtr stats = xChild(node, "stats");

    if (xEnum(node, "model", virDomainMemballoonModelTypeFromString, true,
              false, &def->model) < 0 ||
        xTristateSwitch(node, "autodeflate", &def->autodeflate) < 0 ||
        xTristateSwitch(node, "freePageReporting",
                        &def->free_page_reporting) < 0)
        goto error;
    if (stats) {
        g_autofree char *period = xProp(stats, "period");
        if (period) {
            char *end = NULL;
            long v = strtol(period, &end, 10);
            if (end == period || *end || v < 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("invalid statistics collection period '%s'"),
                               period);
                goto error;
            }
            def->period = (int)v;
        }
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainMemballoonDefFree(def);
    return NULL;
}

static virDomainRNGDef *
virDomainRNGDefParse(xmlNodePtr node, unsigned int flags)
{
    virDomainRNGDef *def = g_new0(virDomainRNGDef, 1);
    g_autofree char *model = xProp(node, "model");
    xmlNodePtr backend = xChild(node, "backend");
    xmlNodePtr rate = xChild(node, "rate");
    g_autofree char *bmodel = NULL;

    if (!model) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing RNG device model"));
        goto error;
    }
    def->model = virDomainRNGModelTypeFromString(model);
    if (def->model < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown RNG model '%s'"), model);
        goto error;
    }
    if (!backend) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing RNG device backend"));
        goto error;
    }
    bmodel = xProp(backend, "model");
    if (!bmodel) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("missing RNG device backend model"));
        goto error;
    }
    def->backend = virDomainRNGBackendTypeFromString(bmodel);
    if (def->backend < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown RNG backend model '%s'"), bmodel);
        goto error;
    }
    if (rate) {
        if (xUInt(rate, "bytes", 10, true, &def->rateBytes) < 0 ||
            xUInt(rate, "period", 10, false, &def->ratePeriod) < 0)
            goto error;
    }
    switch (def->backend) {
    case VIR_DOMAIN_RNG_BACKEND_RANDOM:
        def->randomPath = xText(backend);
        if (def->randomPath && !*def->randomPath)
            g_clear_pointer(&def->randomPath, g_free);
        if (!def->randomPath)
            def->randomPath = g_strdup("/dev/urandom");
        break;
    case VIR_DOMAIN_RNG_BACKEND_EGD: {
        g_autofree char *type = xProp(backend, "type");
        def->egd = g_new0(virDomainChrSourceDef, 1);
        if (!type) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing EGD backend type"));
            goto error;
        }
        def->egd->type = virDomainChrTypeFromString(type);
        if (def->egd->type < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unknown backend type '%s' for egd"), type);
            goto error;
        }
        if (virDomainChrSourceParse(backend, def->egd, true) < 0)
            goto error;
        break;
    }
    default:
        break;
    }
    if (virDomainDeviceInfoParse(node, &def->info, flags, false) < 0)
        goto error;
    return def;

 error:
    virDomainRNGDefFree(def);
    return NULL;
}

/* ================================================================== */
/* Domain-level pieces: memory, vcpus, os, features, cpu, clock       */

static int
virDomainMemoryParse(xmlNodePtr node, const char *xpathName,
                     unsigned long long *kib)
{
    g_autofree char *unit = xProp(node, "unit");
    g_autofree char *text = xText(node);
    g_autofree char *trimmed = g_strstrip(g_strdup(text));
    char *end = NULL;

    if (!*trimmed || !g_ascii_isdigit(*trimmed) ||
        (g_ascii_strtoull(trimmed, &end, 10), *end != '\0')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Invalid value '%s' for element or attribute './%s[1]'"),
                       text, xpathName);
        return -1;
    }
    return virDomainScaleToKiB(trimmed, unit, kib);
}

/* cpuset syntax: "0-3,^2,8" -> canonical "0-1,3,8" */
static char *
virDomainCpusetCanonical(const char *str)
{
    return virDomainBitsCanonical(str, false);
}

/* The canonical form of bitmap STR, NULL when it is malformed or (unless
 * ALLOW_EMPTY, which gives "") has no bit set. */
static char *
virDomainBitsCanonical(const char *str, bool allowEmpty)
{
    const size_t max = 4096;
    g_autofree bool *bits = g_new0(bool, max);
    g_auto(GStrv) parts = g_strsplit(str, ",", -1);
    GString *out;
    size_t i;
    bool any = false;

    for (i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        bool neg = false;
        char *end = NULL;
        unsigned long a;
        unsigned long b;
        unsigned long j;

        if (*p == '^') {
            neg = true;
            p++;
        }
        if (!g_ascii_isdigit(*p))
            return NULL;
        a = strtoul(p, &end, 10);
        b = a;
        if (*end == '-' && !neg) {
            p = end + 1;
            if (!g_ascii_isdigit(*p))
                return NULL;
            b = strtoul(p, &end, 10);
        }
        if (*end || b < a || b >= max)
            return NULL;
        for (j = a; j <= b; j++)
            bits[j] = !neg;
    }

    out = g_string_new(NULL);
    for (i = 0; i < max; i++) {
        size_t j;

        if (!bits[i])
            continue;
        for (j = i; j + 1 < max && bits[j + 1]; j++)
            ;
        if (any)
            g_string_append_c(out, ',');
        if (j == i)
            g_string_append_printf(out, "%zu", i);
        else
            g_string_append_printf(out, "%zu-%zu", i, j);
        any = true;
        i = j;
    }
    if (!any && !allowEmpty) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

int
virBitmapParseCanonical(const char *str, char **canonical)
{
    if (!(*canonical = virDomainBitsCanonical(str, true))) {
        virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                           _("Failed to parse bitmap '%s'"), str);
        return -1;
    }
    return 0;
}

static int
virDomainVcpuParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr vcpu = xChild(dom, "vcpu");
    g_autofree char *text = NULL;
    g_autofree char *current = NULL;
    g_autofree char *cpuset = NULL;
    char *end = NULL;
    unsigned long v;

    def->maxvcpus = 1;
    def->vcpus = 1;
    def->placement = VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC;
    if (!vcpu)
        return 0;

    text = xText(vcpu);
    g_strstrip(text);
    v = strtoul(text, &end, 10);
    if (end == text || *end || text[0] == '-' || v > G_MAXUINT) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("maximum vcpus count must be an integer"));
        return -1;
    }
    def->maxvcpus = (unsigned int)v;
    def->vcpus = def->maxvcpus;

    current = xProp(vcpu, "current");
    if (current) {
        v = strtoul(current, &end, 10);
        if (end == current || *end || current[0] == '-' || v > G_MAXUINT) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("current vcpus count must be an integer"));
            return -1;
        }
        if (v != 0)
            def->vcpus = (unsigned int)v;
    }
    if (def->maxvcpus < def->vcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       _("maximum vCPU count must not be less than current vCPU count"));
        return -1;
    }
    if (def->maxvcpus == 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("CPU IDs in <numa> exceed the <vcpu> count"));
        return -1;
    }

    if (xEnum(vcpu, "placement", virDomainCpuPlacementModeTypeFromString,
              false, true, &def->placement) < 0)
        return -1;

    cpuset = xProp(vcpu, "cpuset");
    if (cpuset) {
        def->cpuset = virDomainCpusetCanonical(cpuset);
        if (!def->cpuset) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Failed to parse bitmap '%s'"), cpuset);
            return -1;
        }
        if (def->placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO)
            g_clear_pointer(&def->cpuset, g_free);
    }
    return 0;
}

static int
virDomainOSParse(xmlNodePtr dom, virDomainDef *def, bool *hasBoot)
{
    xmlNodePtr os = xChild(dom, "os");
    xmlNodePtr type = xChild(os, "type");
    xmlNodePtr cur;
    g_autofree char *typeStr = NULL;

    if (!type || !(typeStr = xText(type)) || !*g_strstrip(typeStr)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("an os <type> must be specified"));
        return -1;
    }
    def->os.type = virDomainOSTypeFromString(typeStr);
    if (def->os.type < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown OS type '%s'"), typeStr);
        return -1;
    }
    def->os.arch = xProp(type, "arch");
    if (def->os.arch && !g_strv_contains(archNames, def->os.arch)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Unknown architecture %s"), def->os.arch);
        return -1;
    }
    def->os.machine = xProp(type, "machine");

    def->os.init = xChildText(os, "init");
    def->os.kernel = xChildText(os, "kernel");
    def->os.initrd = xChildText(os, "initrd");
    def->os.cmdline = xChildText(os, "cmdline");
    def->os.dtb = xChildText(os, "dtb");
    def->os.root = xChildText(os, "root");
    def->os.bootloader = xChildText(dom, "bootloader");
    def->os.bootloaderArgs = xChildText(dom, "bootloader_args");

    for (cur = os->children; cur; cur = cur->next) {
        if (xIs(cur, "initarg")) {
            APPEND(def->os.initargs, def->os.ninitargs, xText(cur));
        } else if (xIs(cur, "boot")) {
            int dev = 0;
            *hasBoot = true;
            if (xEnum(cur, "dev", virDomainBootTypeFromString, true, false,
                      &dev) < 0)
                return -1;
            if (def->os.nBootDevs < VIR_DOMAIN_BOOT_LAST)
                def->os.bootDevs[def->os.nBootDevs++] = dev;
        } else if (xIs(cur, "loader")) {
            g_autofree char *path = xText(cur);
            if (xTristateBool(cur, "readonly", &def->os.loaderReadonly) < 0 ||
                xTristateBool(cur, "secure", &def->os.loaderSecure) < 0 ||
                xEnum(cur, "type", virDomainLoaderTypeFromString, false, true,
                      &def->os.loaderType) < 0)
                return -1;
            g_free(def->os.loader);
            def->os.loader = *g_strstrip(path) ? g_steal_pointer(&path) :
                NULL;
            def->os.hasLoader = true;
        } else if (xIs(cur, "nvram")) {
            g_autofree char *path = xText(cur);
            g_free(def->os.nvram);
            def->os.nvram = *g_strstrip(path) ? g_steal_pointer(&path) : NULL;
            g_free(def->os.nvramTemplate);
            def->os.nvramTemplate = xProp(cur, "template");
            def->os.hasLoader = true;
        } else if (xIs(cur, "bootmenu")) {
            g_autofree char *timeout = NULL;
            if (xTristateBool(cur, "enable", &def->os.bootmenu) < 0)
                return -1;
            timeout = xProp(cur, "timeout");
            if (timeout && def->os.bootmenu == VIR_TRISTATE_BOOL_YES) {
                char *end = NULL;
                unsigned long v = strtoul(timeout, &end, 10);
                if (end == timeout || *end || v > 65535 || timeout[0] == '-') {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("invalid value for boot menu timeout, must be in range [0,65535]"));
                    return -1;
                }
                def->os.bootmenuTimeout = (unsigned int)v;
                def->os.bootmenuHasTimeout = true;
            }
        } else if (xIs(cur, "bios")) {
            g_autofree char *rt = xProp(cur, "rebootTimeout");
            if (xTristateBool(cur, "useserial", &def->os.useserial) < 0)
                return -1;
            if (rt) {
                char *end = NULL;
                long v = strtol(rt, &end, 10);
                if (end == rt || *end || v < -1 || v > 65535) {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("invalid value for rebootTimeout, must be in range [-1,65535]"));
                    return -1;
                }
                def->os.rebootTimeout = (int)v;
            }
        } else if (xIs(cur, "smbios")) {
            g_autofree char *mode = xProp(cur, "mode");
            if (!mode || (strcmp(mode, "emulate") != 0 &&
                          strcmp(mode, "host") != 0 &&
                          strcmp(mode, "sysinfo") != 0)) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Invalid value for attribute 'mode' in element 'smbios': '%s'."),
                               mode ? mode : "");
                return -1;
            }
            def->os.smbiosMode = strcmp(mode, "emulate") == 0 ? 1 :
                strcmp(mode, "host") == 0 ? 2 : 3;
        }
    }
    return 0;
}

static int
virDomainFeaturesParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr features = xChild(dom, "features");
    xmlNodePtr cur;

    if (!features)
        return 0;

    for (cur = features->children; cur; cur = cur->next) {
        int f;
        int state = VIR_TRISTATE_SWITCH_ON;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        f = virDomainFeatureTypeFromString((const char *)cur->name);
        if (f < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("unexpected feature '%s'"),
                           (const char *)cur->name);
            return -1;
        }

        switch (f) {
        case VIR_DOMAIN_FEATURE_ACPI:
        case VIR_DOMAIN_FEATURE_PAE:
        case VIR_DOMAIN_FEATURE_VIRIDIAN:
        case VIR_DOMAIN_FEATURE_PRIVNET:
            def->features[f] = VIR_TRISTATE_SWITCH_ON;
            break;
        case VIR_DOMAIN_FEATURE_APIC: {
            int eoi = 0;
            if (xTristateSwitch(cur, "eoi", &eoi) < 0)
                return -1;
            def->features[f] = VIR_TRISTATE_SWITCH_ON;
            def->apicEoi = eoi;
            break;
        }
        case VIR_DOMAIN_FEATURE_HAP:
        case VIR_DOMAIN_FEATURE_PMU:
        case VIR_DOMAIN_FEATURE_PVSPINLOCK:
        case VIR_DOMAIN_FEATURE_VMPORT:
        case VIR_DOMAIN_FEATURE_SMM:
        case VIR_DOMAIN_FEATURE_VMCOREINFO:
            if (xTristateSwitch(cur, "state", &state) < 0)
                return -1;
            def->features[f] = state;
            break;
        case VIR_DOMAIN_FEATURE_HTM:
        case VIR_DOMAIN_FEATURE_NESTED_HV:
        case VIR_DOMAIN_FEATURE_CCF_ASSIST:
            if (xEnum(cur, "state", virTristateSwitchTypeFromString, true,
                      true, &state) < 0)
                return -1;
            def->features[f] = state;
            break;
        case VIR_DOMAIN_FEATURE_GIC: {
            unsigned int version = 0;
            g_autofree char *v = xProp(cur, "version");
            if (v) {
                if (strcmp(v, "host") == 0) {
                    version = 1;
                } else if (strcmp(v, "2") == 0) {
                    version = 2;
                } else if (strcmp(v, "3") == 0) {
                    version = 3;
                } else {
                    reportInvalidAttr(cur, "version", v, "");
                    return -1;
                }
            }
            def->features[f] = VIR_TRISTATE_SWITCH_ON;
            def->gicVersion = version;
            break;
        }
        case VIR_DOMAIN_FEATURE_IOAPIC: {
            g_autofree char *driver = xProp(cur, "driver");
            if (!driver) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Missing required attribute '%s' in element '%s'"),
                               "driver", "ioapic");
                return -1;
            }
            if (strcmp(driver, "kvm") != 0 && strcmp(driver, "qemu") != 0) {
                reportInvalidAttr(cur, "driver", driver, "");
                return -1;
            }
            def->features[f] = VIR_TRISTATE_SWITCH_ON;
            def->ioapicDriver = strcmp(driver, "kvm") == 0 ? 1 : 2;
            break;
        }
        default:
            /* hyperv, kvm, xen, capabilities, hpt, msrs, cfpc, sbbc, ibs,
             * tcg carry sub-elements this model does not keep */
            break;
        }
    }
    return 0;
}

/* <cpu><numa><cell .../></numa>: guest NUMA nodes. */
static int
virDomainNumaCellsParse(xmlNodePtr numa, virDomainDef *def)
{
    virCPUDef *cpu = def->cpu;
    xmlNodePtr cur;
    unsigned long long total = 0;
    size_t ncpus = 0;
    size_t i;

    for (cur = numa ? numa->children : NULL; cur; cur = cur->next) {
        virDomainNumaCell cell = { 0 };
        g_autofree char *cpus = NULL;
        g_autofree char *mem = NULL;
        g_autofree char *unit = NULL;

        if (!xIs(cur, "cell"))
            continue;
        cell.id = cpu->ncells;
        if (xUInt(cur, "id", 10, false, &cell.id) < 0)
            return -1;
        if (cell.id != cpu->ncells) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed"));
            return -1;
        }
        if ((cpus = xProp(cur, "cpus"))) {
            g_autoptr(GArray) ids = virDomainBitmapParseIds(cpus);
            if (!ids) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("Failed to parse bitmap '%s'"), cpus);
                return -1;
            }
            cell.cpus = virDomainCpusetCanonical(cpus);
            ncpus += ids->len;
        }
        APPEND(cpu->cells, cpu->ncells, cell);
        if (ncpus > def->maxvcpus) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("Number of CPUs in <numa> exceeds the <vcpu> count"));
            return -1;
        }
        if (!(mem = xProp(cur, "memory"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing element or attribute './@memory'"));
            return -1;
        }
        unit = xProp(cur, "unit");
        if (virDomainScaleToKiB(mem, unit, &cpu->cells[cpu->ncells - 1].memory) < 0)
            return -1;
        if (xEnum(cur, "memAccess", virDomainMemoryAccessTypeFromString,
                  false, true, &cpu->cells[cpu->ncells - 1].memAccess) < 0 ||
            xTristateBool(cur, "discard",
                          &cpu->cells[cpu->ncells - 1].discard) < 0)
            return -1;
        total += cpu->cells[cpu->ncells - 1].memory;
    }

    /* no vCPU may sit in two cells */
    for (i = 0; i < cpu->ncells; i++) {
        g_autoptr(GArray) a = NULL;
        size_t j;

        if (!cpu->cells[i].cpus)
            continue;
        a = virDomainBitmapParseIds(cpu->cells[i].cpus);
        for (j = 0; j < i; j++) {
            g_autoptr(GArray) b = NULL;
            size_t x;
            size_t y;

            if (!cpu->cells[j].cpus)
                continue;
            b = virDomainBitmapParseIds(cpu->cells[j].cpus);
            for (x = 0; x < a->len; x++) {
                for (y = 0; y < b->len; y++) {
                    if (g_array_index(a, unsigned int, x) ==
                        g_array_index(b, unsigned int, y)) {
                        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                       _("NUMA cells %zu and %zu have overlapping vCPU ids"),
                                       i, j);
                        return -1;
                    }
                }
            }
        }
    }
    (void)total;    /* <memory> keeps the value written, as in libvirt */
    return 0;
}

static int
virDomainCPUParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "cpu");
    xmlNodePtr model;
    xmlNodePtr topo;
    xmlNodePtr cur;
    g_autofree char *mode = NULL;
    g_autoptr(GString) unused = NULL;
    virCPUDef *cpu;

    if (!node)
        return 0;
    cpu = def->cpu = g_new0(virCPUDef, 1);

    mode = xProp(node, "mode");
    if (mode) {
        cpu->mode = virCPUModeTypeFromString(mode);
        if (cpu->mode < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid mode attribute '%s'"), mode);
            return -1;
        }
    }
    if (cpu->mode == VIR_CPU_MODE_CUSTOM) {
        int rc = xEnum(node, "match", virCPUMatchTypeFromString, false, false,
                       &cpu->match);
        if (rc < 0)
            return -1;
        cpu->hasMatch = rc > 0;
    }
    if (xEnum(node, "check", virCPUCheckTypeFromString, false, true,
              &cpu->check) < 0)
        return -1;
    if (cpu->mode == VIR_CPU_MODE_HOST_PASSTHROUGH ||
        cpu->mode == VIR_CPU_MODE_MAXIMUM) {
        if (xTristateSwitch(node, "migratable", &cpu->migratable) < 0)
            return -1;
    }

    model = xChild(node, "model");
    if (model) {
        g_autofree char *text = xText(model);
        g_autofree char *fallback = xProp(model, "fallback");

        if (*text)
            cpu->model = g_steal_pointer(&text);
        if (fallback) {
            cpu->fallback = virCPUFallbackTypeFromString(fallback);
            if (cpu->fallback < 0) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("Invalid fallback attribute"));
                return -1;
            }
        }
        cpu->vendor_id = xProp(model, "vendor_id");
        if (cpu->vendor_id && strlen(cpu->vendor_id) != 12) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("vendor_id must be exactly %d characters long"),
                           12);
            return -1;
        }
    }
    cpu->vendor = xChildText(node, "vendor");
    if (cpu->vendor && !cpu->model) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("CPU vendor specified without CPU model"));
        return -1;
    }

    topo = xChild(node, "topology");
    if (topo) {
        const char *names[] = { "sockets", "dies", "cores", "threads" };
        unsigned int *vals[] = { &cpu->sockets, &cpu->dies, &cpu->cores,
                                 &cpu->threads };
        size_t i;

        for (i = 0; i < 4; i++) {
            g_autofree char *v = xProp(topo, names[i]);
            char *end = NULL;
            unsigned long n;

            if (!v) {
                if (i == 1) {
                    *vals[i] = 1;
                    continue;
                }
                virReportError(VIR_ERR_XML_ERROR,
                               _("Missing '%s' attribute in CPU topology"),
                               names[i]);
                return -1;
            }
            n = strtoul(v, &end, 10);
            if (end == v || *end || v[0] == '-' || n == 0 || n > G_MAXUINT) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Invalid '%s' value in CPU topology"),
                               names[i]);
                return -1;
            }
            *vals[i] = (unsigned int)n;
        }
    }

    for (cur = node->children; cur; cur = cur->next) {
        virCPUFeatureDef f = { 0 };
        g_autofree char *policy = NULL;

        if (!xIs(cur, "feature"))
            continue;
        f.policy = VIR_CPU_FEATURE_REQUIRE;
        policy = xProp(cur, "policy");
        if (policy) {
            f.policy = virCPUFeaturePolicyTypeFromString(policy);
            if (f.policy < 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               _("Invalid CPU feature policy"));
                return -1;
            }
        }
        f.name = xProp(cur, "name");
        if (!f.name) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Invalid CPU feature name"));
            return -1;
        }
        APPEND(cpu->features, cpu->nfeatures, f);
    }
    (void)unused;
    return virDomainNumaCellsParse(xChild(node, "numa"), def);
}

static int
virDomainClockParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr clock = xChild(dom, "clock");
    xmlNodePtr cur;
    g_autofree char *offset = NULL;

    def->clock.offset = VIR_DOMAIN_CLOCK_OFFSET_UTC;
    if (!clock)
        return 0;

    offset = xProp(clock, "offset");
    if (offset) {
        def->clock.offset = virDomainClockOffsetTypeFromString(offset);
        if (def->clock.offset < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("unknown clock offset '%s'"), offset);
            return -1;
        }
    }

    switch (def->clock.offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
    case VIR_DOMAIN_CLOCK_OFFSET_UTC: {
        g_autofree char *adj = xProp(clock, "adjustment");
        if (adj) {
            if (strcmp(adj, "reset") == 0) {
                def->clock.adjustmentReset = g_steal_pointer(&adj);
            } else {
                char *end = NULL;
                long long v = g_ascii_strtoll(adj, &end, 10);
                if (end == adj || *end) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("unknown clock adjustment '%s'"), adj);
                    return -1;
                }
                def->clock.adjustment = v;
                def->clock.hasAdjustment = true;
                def->clock.offset = VIR_DOMAIN_CLOCK_OFFSET_VARIABLE;
                def->clock.basis = def->clock.offset ==
                    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME ?
                    VIR_DOMAIN_CLOCK_BASIS_LOCALTIME :
                    VIR_DOMAIN_CLOCK_BASIS_UTC;
            }
        }
        break;
    }
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE:
    case VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE: {
        g_autofree char *adj = xProp(clock, "adjustment");
        if (adj) {
            char *end = NULL;
            long long v = g_ascii_strtoll(adj, &end, 10);
            if (end == adj || *end) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Invalid value for attribute 'adjustment' in element 'clock': '%s'. Expected integer value"),
                               adj);
                return -1;
            }
            def->clock.adjustment = v;
        }
        def->clock.hasAdjustment = true;
        if (def->clock.offset == VIR_DOMAIN_CLOCK_OFFSET_VARIABLE &&
            xEnum(clock, "basis", virDomainClockBasisTypeFromString, false,
                  false, &def->clock.basis) < 0)
            return -1;
        break;
    }
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        def->clock.timezone = xProp(clock, "timezone");
        if (!def->clock.timezone) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing 'timezone' attribute for clock with offset='timezone'"));
            return -1;
        }
        break;
    }

    for (cur = clock->children; cur; cur = cur->next) {
        virDomainTimerDef *t;
        g_autofree char *freq = NULL;

        if (!xIs(cur, "timer"))
            continue;
        t = g_new0(virDomainTimerDef, 1);
        APPEND(def->clock.timers, def->clock.ntimers, t);
        t->tickpolicy = -1;
        t->track = -1;
        t->mode = -1;
        if (xEnum(cur, "name", virDomainTimerNameTypeFromString, true, false,
                  &t->name) < 0 ||
            xTristateBool(cur, "present", &t->present) < 0 ||
            xEnum(cur, "tickpolicy", virDomainTimerTickpolicyTypeFromString,
                  false, false, &t->tickpolicy) < 0 ||
            xEnum(cur, "track", virDomainTimerTrackTypeFromString, false,
                  false, &t->track) < 0 ||
            xEnum(cur, "mode", virDomainTimerModeTypeFromString, false, false,
                  &t->mode) < 0 ||
            xULongLong(cur, "frequency", &t->frequency) < 0)
            return -1;
        (void)freq;
    }
    return 0;
}

static int
virDomainLifecycleParse(xmlNodePtr dom, const char *name, const char *event,
                        int *out, int def, bool allowCoredump)
{
    g_autofree char *val = xChildText(dom, name);
    int v;

    *out = def;
    if (!val)
        return 0;
    v = virDomainLifecycleActionTypeFromString(val);
    if (v < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown %s action: %s"), name, val);
        return -1;
    }
    if (!allowCoredump &&
        (v == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
         v == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Lifecycle event '%s' doesn't support '%s' action"),
                       event, val);
        return -1;
    }
    *out = v;
    return 0;
}

/* ================================================================== */
/* Metadata                                                           */

/* Drop blank text nodes so the subtree can be re-indented on output. */
static void
virDomainStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur = node->children;

    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_TEXT_NODE && xmlIsBlankNode(cur) &&
            (cur->prev || cur->next)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (cur->type == XML_ELEMENT_NODE) {
            virDomainStripBlanks(cur);
        }
        cur = next;
    }
}

/* Keep <metadata> as a standalone XML string whose children are the
 * namespaced elements (one per namespace, as libvirt does). */
static int
virDomainMetadataParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr meta = xChild(dom, "metadata");
    xmlNodePtr copy;
    xmlNodePtr cur;
    g_autoptr(GPtrArray) seen = g_ptr_array_new();
    xmlBufferPtr buf;

    if (!meta)
        return 0;
    copy = xmlCopyNode(meta, 1);
    if (!copy)
        return 0;
    cur = copy->children;
    while (cur) {
        xmlNodePtr next = cur->next;
        bool drop = false;

        if (cur->type != XML_ELEMENT_NODE) {
            drop = true;
        } else if (!cur->ns || !cur->ns->href) {
            drop = true;
        } else {
            size_t i;
            for (i = 0; i < seen->len; i++) {
                if (xmlStrEqual(seen->pdata[i], cur->ns->href))
                    drop = true;
            }
            if (!drop)
                g_ptr_array_add(seen, (gpointer)cur->ns->href);
        }
        if (drop) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else {
            virDomainStripBlanks(cur);
            xmlReconciliateNs(dom->doc, cur);
        }
        cur = next;
    }
    buf = xmlBufferCreate();
    xmlNodeDump(buf, dom->doc, copy, 0, 1);
    def->metadata = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    xmlFreeNode(copy);
    return 0;
}

/* ================================================================== */
/* Post-parse: defaults libvirt's generic code fills in                */

static void
virDomainDiskAssignAddress(virDomainDiskDef *disk)
{
    int idx;

    if (disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return;
    idx = virDomainDiskNameToIndex(disk->dst);
    if (idx < 0)
        return;

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_SCSI:
        disk->info.controller = idx / 7;
        disk->info.bus = 0;
        disk->info.target = 0;
        disk->info.unit = idx % 7;
        break;
    case VIR_DOMAIN_DISK_BUS_IDE:
        disk->info.controller = idx / 4;
        disk->info.bus = (idx % 4) / 2;
        disk->info.target = 0;
        disk->info.unit = idx % 2;
        break;
    case VIR_DOMAIN_DISK_BUS_FDC:
        disk->info.controller = idx / 2;
        disk->info.bus = 0;
        disk->info.target = 0;
        disk->info.unit = idx % 2;
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        disk->info.controller = idx / 6;
        disk->info.bus = 0;
        disk->info.target = 0;
        disk->info.unit = idx % 6;
        break;
    default:
        return;
    }
    disk->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE;
}

static void
virDomainAddDiskControllers(virDomainDef *def, int bus, int ctype)
{
    int max = -1;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        if (disk->bus == bus &&
            disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE &&
            (int)disk->info.controller > max)
            max = (int)disk->info.controller;
    }
    for (i = 0; (int)i <= max; i++)
        virDomainMaybeAddController(def, ctype, (int)i);
}

static virDomainChrDef *
virDomainChrDefCopyFrom(const virDomainChrDef *src, int deviceType)
{
    virDomainChrDef *chr = g_new0(virDomainChrDef, 1);

    chr->deviceType = deviceType;
    chr->targetPort = src->targetPort;
    chr->source.type = src->source.type;
    chr->source.path = g_strdup(src->source.path);
    chr->source.listen = src->source.listen;
    chr->source.host = g_strdup(src->source.host);
    chr->source.service = g_strdup(src->source.service);
    chr->source.bindHost = g_strdup(src->source.bindHost);
    chr->source.bindService = g_strdup(src->source.bindService);
    chr->source.protocol = src->source.protocol;
    chr->source.hasProtocol = src->source.hasProtocol;
    chr->source.append = src->source.append;
    chr->source.channel = g_strdup(src->source.channel);
    return chr;
}

static int
virDomainDefPostParse(virDomainDef *def, bool hasBoot, unsigned int flags)
{
    size_t i;
    size_t j;
    bool deviceBoot = false;

    /* memory */
    if (def->memory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Memory size must be specified via <memory> or in the <numa> configuration"));
        return -1;
    }
    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;

    /* boot order: per-device <boot order> excludes <os><boot> */
    for (i = 0; i < def->ndisks; i++)
        deviceBoot |= def->disks[i]->info.bootIndex > 0;
    for (i = 0; i < def->nnets; i++)
        deviceBoot |= def->nets[i]->info.bootIndex > 0;
    for (i = 0; i < def->nhostdevs; i++)
        deviceBoot |= def->hostdevs[i]->info.bootIndex > 0;
    if (deviceBoot && hasBoot) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("per-device boot elements cannot be used together with os/boot elements"));
        return -1;
    }
    if (def->os.type == VIR_DOMAIN_OSTYPE_HVM && !deviceBoot &&
        def->os.nBootDevs == 0) {
        def->os.bootDevs[0] = VIR_DOMAIN_BOOT_DISK;
        def->os.nBootDevs = 1;
    }

    /* disks: unique targets, drive addresses, implicit controllers */
    for (i = 0; i < def->ndisks; i++) {
        for (j = 0; j < i; j++) {
            if (strcmp(def->disks[i]->dst, def->disks[j]->dst) == 0) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("target '%s' duplicated for disk sources '%s' and '%s'"),
                               def->disks[i]->dst,
                               def->disks[j]->src ? def->disks[j]->src : "",
                               def->disks[i]->src ? def->disks[i]->src : "");
                return -1;
            }
        }
        virDomainDiskAssignAddress(def->disks[i]);
    }
    virDomainAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_SCSI,
                                VIR_DOMAIN_CONTROLLER_TYPE_SCSI);
    virDomainAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_FDC,
                                VIR_DOMAIN_CONTROLLER_TYPE_FDC);
    virDomainAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_IDE,
                                VIR_DOMAIN_CONTROLLER_TYPE_IDE);
    virDomainAddDiskControllers(def, VIR_DOMAIN_DISK_BUS_SATA,
                                VIR_DOMAIN_CONTROLLER_TYPE_SATA);

    /* virtio-serial ports for virtio channels and consoles */
    {
        bool needVirtioSerial = false;
        for (i = 0; i < def->nchannels; i++) {
            virDomainChrDef *chr = def->channels[i];
            if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
                needVirtioSerial = true;
            }
        }
        for (i = 0; i < def->nconsoles; i++) {
            if (def->consoles[i]->targetType ==
                VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO)
                needVirtioSerial = true;
        }
        if (needVirtioSerial) {
            int max = 0;
            for (i = 0; i < def->nchannels; i++) {
                if (def->channels[i]->info.type ==
                    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
                    (int)def->channels[i]->info.controller > max)
                    max = (int)def->channels[i]->info.controller;
            }
            for (i = 0; (int)i <= max; i++)
                virDomainMaybeAddController(def,
                                            VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                                            (int)i);
        }
    }

    /* controllers without an index get the next free one of their type */
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *c = def->controllers[i];
        if (c->idx < 0) {
            int next = 0;
            for (j = 0; j < def->ncontrollers; j++) {
                if (def->controllers[j]->type == c->type &&
                    def->controllers[j]->idx >= next)
                    next = def->controllers[j]->idx + 1;
            }
            c->idx = next;
        }
    }

    /* serial / console compatibility, as libvirt does for HVM guests */
    if (def->os.type == VIR_DOMAIN_OSTYPE_HVM) {
        if (def->nconsoles > 0 &&
            def->consoles[0]->targetType ==
            VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE)
            def->consoles[0]->targetType =
                VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        if (def->nconsoles > 0 &&
            def->consoles[0]->targetType ==
            VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
            def->nserials == 0) {
            virDomainChrDef *serial =
                virDomainChrDefCopyFrom(def->consoles[0],
                                        VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL);
            serial->targetPort = -1;
            APPEND(def->serials, def->nserials, serial);
        }
        if (def->nserials > 0 && def->nconsoles == 0) {
            virDomainChrDef *console =
                virDomainChrDefCopyFrom(def->serials[0],
                                        VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE);
            console->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
            console->targetPort = -1;
            APPEND(def->consoles, def->nconsoles, console);
        }
    }

    /* target ports */
    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];
        if (chr->targetPort < 0) {
            int port = 0;
            for (j = 0; j < def->nserials; j++) {
                if (def->serials[j]->targetPort >= port)
                    port = def->serials[j]->targetPort + 1;
            }
            chr->targetPort = port;
        }
    }
    for (i = 0; i < def->nparallels; i++) {
        virDomainChrDef *chr = def->parallels[i];
        if (chr->targetPort < 0) {
            int port = 0;
            for (j = 0; j < def->nparallels; j++) {
                if (def->parallels[j]->targetPort >= port)
                    port = def->parallels[j]->targetPort + 1;
            }
            chr->targetPort = port;
        }
    }
    for (i = 0; i < def->nconsoles; i++) {
        virDomainChrDef *chr = def->consoles[i];
        if (i == 0 && chr->targetType ==
            VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL && def->nserials > 0)
            chr->targetPort = def->serials[0]->targetPort;
        else if (chr->targetPort < 0)
            chr->targetPort = (int)i;
    }

    /* video: a graphical console gets a video card */
    if (def->ngraphics > 0 && def->nvideos == 0) {
        bool needVideo = false;
        for (i = 0; i < def->ngraphics; i++) {
            if (def->graphics[i]->type != VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS)
                needVideo = true;
        }
        if (needVideo) {
            virDomainVideoDef *video = g_new0(virDomainVideoDef, 1);
            APPEND(def->videos, def->nvideos, video);
        }
    }
    for (i = 0; i < def->nvideos; i++) {
        virDomainVideoDef *video = def->videos[i];

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_DEFAULT) {
            switch (def->virtType) {
            case VIR_DOMAIN_VIRT_TEST:
            case VIR_DOMAIN_VIRT_QEMU:
            case VIR_DOMAIN_VIRT_KQEMU:
            case VIR_DOMAIN_VIRT_KVM:
            case VIR_DOMAIN_VIRT_HVF:
                video->type = VIR_DOMAIN_VIDEO_TYPE_CIRRUS;
                break;
            case VIR_DOMAIN_VIRT_XEN:
                video->type = def->os.type == VIR_DOMAIN_OSTYPE_HVM ?
                    VIR_DOMAIN_VIDEO_TYPE_CIRRUS : VIR_DOMAIN_VIDEO_TYPE_XEN;
                break;
            case VIR_DOMAIN_VIRT_VBOX:
                video->type = VIR_DOMAIN_VIDEO_TYPE_VBOX;
                break;
            case VIR_DOMAIN_VIRT_VMWARE:
                video->type = VIR_DOMAIN_VIDEO_TYPE_VMVGA;
                break;
            case VIR_DOMAIN_VIRT_VZ:
            case VIR_DOMAIN_VIRT_PARALLELS:
                video->type = def->os.type == VIR_DOMAIN_OSTYPE_HVM ?
                    VIR_DOMAIN_VIDEO_TYPE_VGA :
                    VIR_DOMAIN_VIDEO_TYPE_PARALLELS;
                break;
            case VIR_DOMAIN_VIRT_BHYVE:
                video->type = VIR_DOMAIN_VIDEO_TYPE_GOP;
                break;
            default:
                break;
            }
        }
        if (video->vram == 0 && video->type != VIR_DOMAIN_VIDEO_TYPE_NONE) {
            switch (video->type) {
            case VIR_DOMAIN_VIDEO_TYPE_VGA:
            case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
            case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
                if (def->virtType == VIR_DOMAIN_VIRT_VBOX)
                    video->vram = 8 * 1024;
                else if (def->virtType == VIR_DOMAIN_VIRT_VMWARE)
                    video->vram = 4 * 1024;
                else
                    video->vram = 16 * 1024;
                break;
            case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
                video->vram = 16 * 1024;
                break;
            case VIR_DOMAIN_VIDEO_TYPE_XEN:
                video->vram = 4 * 1024;
                break;
            case VIR_DOMAIN_VIDEO_TYPE_QXL:
                video->vram = 64 * 1024;
                break;
            default:
                break;
            }
        }
        if (video->type == VIR_DOMAIN_VIDEO_TYPE_QXL && video->ram == 0)
            video->ram = 64 * 1024;
        if (video->heads == 0 && video->type != VIR_DOMAIN_VIDEO_TYPE_NONE)
            video->heads = 1;
    }
    if (def->nvideos > 0) {
        bool havePrimary = false;
        for (i = 0; i < def->nvideos; i++) {
            if (def->videos[i]->primary) {
                if (havePrimary) {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("Only one primary video device is supported"));
                    return -1;
                }
                havePrimary = true;
                /* the primary card goes first */
                if (i != 0) {
                    virDomainVideoDef *v = def->videos[i];
                    memmove(def->videos + 1, def->videos,
                            i * sizeof(*def->videos));
                    def->videos[0] = v;
                }
            }
        }
        if (def->videos[0]->type != VIR_DOMAIN_VIDEO_TYPE_NONE)
            def->videos[0]->primary = true;
    }

    /* generated identifiers */
    if (!(flags & VIR_DOMAIN_DEF_PARSE_SKIP_DEFAULTS) && !def->hasUUID)
        virUUIDGenerate(def->uuid);

    return 0;
}

/* ================================================================== */
/* Bitmaps and security labels                                        */

/* Parse libvirt's bitmap syntax ("0-3,^2,8") into a sorted array of the
 * set ids.  Returns NULL (no error reported) when STR is malformed. */
static GArray *
virDomainBitmapParseIds(const char *str)
{
    const size_t max = 4096;
    g_autofree char *canon = virDomainCpusetCanonical(str);
    g_auto(GStrv) parts = NULL;
    GArray *ids;
    size_t i;

    if (!canon)
        return NULL;
    ids = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    parts = g_strsplit(canon, ",", -1);
    for (i = 0; parts[i]; i++) {
        char *end = NULL;
        unsigned int a = (unsigned int)strtoul(parts[i], &end, 10);
        unsigned int b = a;
        unsigned int j;

        if (*end == '-')
            b = (unsigned int)strtoul(end + 1, NULL, 10);
        for (j = a; j <= b && j < max; j++)
            g_array_append_val(ids, j);
    }
    return ids;
}

/* Canonical form of a cpuset/nodeset attribute, or NULL with libvirt's
 * bitmap error reported. */
static char *
virDomainBitmapCanonical(const char *str)
{
    char *ret = virDomainCpusetCanonical(str);

    if (!ret)
        virReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                           _("Failed to parse bitmap '%s'"), str);
    return ret;
}

/* <seclabel> children of a disk or character device <source>. */
static int
virSecurityDeviceLabelsParse(xmlNodePtr source, unsigned int flags,
                             virSecurityDeviceLabelDef ***list, size_t *n)
{
    xmlNodePtr cur;
    size_t i;

    for (cur = source ? source->children : NULL; cur; cur = cur->next) {
        g_autoptr(virSecurityDeviceLabelDef) sl = NULL;
        int relabel = VIR_TRISTATE_BOOL_ABSENT;

        if (!xIs(cur, "seclabel"))
            continue;
        sl = g_new0(virSecurityDeviceLabelDef, 1);
        sl->model = xProp(cur, "model");
        if (xTristateBool(cur, "relabel", &relabel) < 0)
            return -1;
        sl->relabel = relabel != VIR_TRISTATE_BOOL_NO;
        if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)) {
            int skip = VIR_TRISTATE_BOOL_ABSENT;
            if (xTristateBool(cur, "labelskip", &skip) < 0)
                return -1;
            sl->labelskip = skip == VIR_TRISTATE_BOOL_YES;
        }
        sl->label = xChildText(cur, "label");
        if (sl->label && !sl->relabel) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Cannot specify a label if relabelling is turned off. model=%s"),
                           sl->model ? sl->model : "<null>");
            return -1;
        }
        for (i = 0; sl->model && i < *n; i++) {
            if (g_strcmp0((*list)[i]->model, sl->model) == 0) {
                virReportError(VIR_ERR_XML_DETAIL,
                               _("seclabel for model %s is already provided"),
                               sl->model);
                return -1;
            }
        }
        APPEND(*list, *n, g_steal_pointer(&sl));
    }
    return 0;
}

/* Domain-wide <seclabel> elements. */
static int
virSecurityLabelsParse(xmlNodePtr dom, virDomainDef *def, unsigned int flags)
{
    xmlNodePtr cur;
    size_t count = 0;
    size_t i;

    for (cur = dom->children; cur; cur = cur->next)
        count += xIs(cur, "seclabel");

    for (cur = dom->children; cur; cur = cur->next) {
        g_autoptr(virSecurityLabelDef) sl = NULL;
        int relabel = VIR_TRISTATE_BOOL_ABSENT;

        if (!xIs(cur, "seclabel"))
            continue;
        sl = g_new0(virSecurityLabelDef, 1);
        if (xEnum(cur, "type", virDomainSeclabelTypeFromString, false, true,
                  &sl->type) < 0)
            return -1;
        sl->model = xProp(cur, "model");
        if (sl->type != VIR_DOMAIN_SECLABEL_DEFAULT &&
            g_strcmp0(sl->model, "none") == 0)
            sl->type = VIR_DOMAIN_SECLABEL_NONE;
        if (xTristateBool(cur, "relabel", &relabel) < 0)
            return -1;
        if (relabel == VIR_TRISTATE_BOOL_NO &&
            sl->type == VIR_DOMAIN_SECLABEL_DYNAMIC) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("dynamic label type must use resource relabeling"));
            return -1;
        }
        if (relabel == VIR_TRISTATE_BOOL_YES &&
            sl->type == VIR_DOMAIN_SECLABEL_NONE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("resource relabeling is not compatible with 'none' label type"));
            return -1;
        }
        if (relabel)
            sl->relabel = relabel == VIR_TRISTATE_BOOL_YES;
        else
            sl->relabel = sl->type == VIR_DOMAIN_SECLABEL_DYNAMIC;

        if (sl->type == VIR_DOMAIN_SECLABEL_STATIC) {
            xmlNodePtr label = xChild(cur, "label");
            if (!label) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("security label is missing"));
                return -1;
            }
            sl->label = xText(label);
        } else if (sl->type == VIR_DOMAIN_SECLABEL_DYNAMIC &&
                   !(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)) {
            sl->label = xChildText(cur, "label");
        }
        if (sl->relabel && sl->type != VIR_DOMAIN_SECLABEL_NONE &&
            !(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE))
            sl->imagelabel = xChildText(cur, "imagelabel");
        if (sl->type == VIR_DOMAIN_SECLABEL_DYNAMIC)
            sl->baselabel = xChildText(cur, "baselabel");

        if (count > 1 && !sl->model) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("missing security model when using multiple labels"));
            return -1;
        }
        for (i = 0; sl->model && i < def->nseclabels; i++) {
            if (g_strcmp0(def->seclabels[i]->model, sl->model) == 0) {
                virReportError(VIR_ERR_XML_DETAIL,
                               _("seclabel for model %s is already provided"),
                               sl->model);
                return -1;
            }
        }
        APPEND(def->seclabels, def->nseclabels, g_steal_pointer(&sl));
    }
    return 0;
}

/* ================================================================== */
/* Tuning                                                             */

/* Text of element NODE as an unsigned 64-bit number. */
static int
xTextULL(xmlNodePtr node, unsigned long long *out)
{
    g_autofree char *text = xText(node);
    char *end = NULL;

    g_strstrip(text);
    errno = 0;
    *out = g_ascii_strtoull(text, &end, 10);
    return (errno || end == text || *end || text[0] == '-') ? -1 : 0;
}

static int
xTextLL(xmlNodePtr node, long long *out)
{
    g_autofree char *text = xText(node);
    char *end = NULL;

    g_strstrip(text);
    errno = 0;
    *out = g_ascii_strtoll(text, &end, 10);
    return (errno || end == text || *end) ? -1 : 0;
}

/* The largest memory limit libvirt accepts, in KiB; itself "unlimited". */
#ifndef VIR_DOMAIN_MEMORY_PARAM_UNLIMITED
# define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL
#endif

static int
virDomainMemtuneLimitParse(xmlNodePtr memtune, const char *name,
                           unsigned long long *out, bool *has)
{
    xmlNodePtr node = xChild(memtune, name);
    g_autofree char *xpath = NULL;
    g_autofree char *unit = NULL;
    g_autofree char *text = NULL;

    if (!node)
        return 0;
    xpath = g_strdup_printf("memtune/%s", name);
    if (virDomainMemoryParse(node, xpath, out) < 0)
        return -1;
    if (*out > (unsigned long long)VIR_DOMAIN_MEMORY_PARAM_UNLIMITED) {
        unit = xProp(node, "unit");
        text = xText(node);
        virReportError(VIR_ERR_OVERFLOW, _("value too large: %s%s"),
                       g_strstrip(text), unit ? unit : "");
        return -1;
    }
    *has = *out < (unsigned long long)VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    return 0;
}

static int
virDomainMemtuneParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "memtune");
    bool dummy = false;

    if (!node)
        return 0;
    if (virDomainMemtuneLimitParse(node, "hard_limit", &def->hardLimit,
                                   &def->hasHardLimit) < 0 ||
        virDomainMemtuneLimitParse(node, "soft_limit", &def->softLimit,
                                   &def->hasSoftLimit) < 0 ||
        virDomainMemtuneLimitParse(node, "min_guarantee", &def->minGuarantee,
                                   &dummy) < 0 ||
        virDomainMemtuneLimitParse(node, "swap_hard_limit",
                                   &def->swapHardLimit,
                                   &def->hasSwapHardLimit) < 0)
        return -1;
    if (!dummy)
        def->minGuarantee = 0;
    return 0;
}

static int
virDomainBlkiotuneParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "blkiotune");
    xmlNodePtr cur;
    xmlNodePtr w;
    size_t i;

    if (!node)
        return 0;
    if ((w = xChild(node, "weight"))) {
        unsigned long long v;
        /* libvirt ignores a weight it cannot read */
        if (xTextULL(w, &v) == 0 && v <= G_MAXUINT)
            def->blkioWeight = (unsigned int)v;
    }
    for (cur = node->children; cur; cur = cur->next) {
        static const char *const names[] = {
            "weight", "read_iops_sec", "write_iops_sec",
            "read_bytes_sec", "write_bytes_sec",
        };
        virBlkioDevice dev = { 0 };
        xmlNodePtr c;

        if (!xIs(cur, "device"))
            continue;
        for (c = cur->children; c; c = c->next) {
            unsigned long long v;
            unsigned long long *fields[] = {
                NULL, &dev.riops, &dev.wiops, &dev.rbps, &dev.wbps,
            };
            size_t k;

            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (xIs(c, "path")) {
                if (!dev.path)
                    dev.path = xText(c);
                continue;
            }
            for (k = 0; k < G_N_ELEMENTS(names); k++) {
                if (!xIs(c, names[k]))
                    continue;
                if (xTextULL(c, &v) < 0 || (k == 0 && v > G_MAXUINT)) {
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("could not parse %s %s"),
                                   k == 0 ? "weight" : "device value",
                                   k == 0 ? "" : names[k]);
                    g_free(dev.path);
                    return -1;
                }
                if (k == 0)
                    dev.weight = (unsigned int)v;
                else
                    *fields[k] = v;
            }
        }
        if (!dev.path) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("missing per-device path"));
            return -1;
        }
        for (i = 0; i < def->nblkioDevices; i++) {
            if (strcmp(def->blkioDevices[i].path, dev.path) == 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("duplicate blkio device path '%s'"),
                               dev.path);
                g_free(dev.path);
                return -1;
            }
        }
        APPEND(def->blkioDevices, def->nblkioDevices, dev);
    }
    return 0;
}

static int
virDomainMemoryBackingEnum(xmlNodePtr backing, const char *elem,
                           const char *attr, int (*fromstr)(const char *),
                           int *out)
{
    xmlNodePtr node = xChild(backing, elem);
    g_autofree char *val = xProp(node, attr);

    if (!val)
        return 0;
    if ((*out = fromstr(val)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("unknown memoryBacking/%s/%s '%s'"), elem, attr, val);
        return -1;
    }
    return 0;
}

static int
virDomainMemoryBackingParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "memoryBacking");
    xmlNodePtr hp;
    xmlNodePtr c;
    size_t i;

    if (!node)
        return 0;
    if ((hp = xChild(node, "hugepages"))) {
        def->hasHugepages = true;
        for (c = hp->children; c; c = c->next) {
            virDomainHugePage page = { 0 };
            g_autofree char *size = NULL;
            g_autofree char *unit = NULL;
            g_autofree char *nodeset = NULL;

            if (!xIs(c, "page"))
                continue;
            if (!(size = xProp(c, "size"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("hugepage size can't be zero"));
                return -1;
            }
            unit = xProp(c, "unit");
            if (virDomainScaleToKiB(size, unit, &page.size) < 0)
                return -1;
            if (page.size == 0) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("hugepage size can't be zero"));
                return -1;
            }
            if ((nodeset = xProp(c, "nodeset")) &&
                !(page.nodeset = virDomainBitmapCanonical(nodeset)))
                return -1;
            APPEND(def->hugepages, def->nhugepages, page);
        }
    }
    def->nosharepages = xChild(node, "nosharepages") != NULL;
    def->locked = xChild(node, "locked") != NULL;
    def->memDiscard = xChild(node, "discard") != NULL;
    if (virDomainMemoryBackingEnum(node, "source", "type",
                                   virDomainMemorySourceTypeFromString,
                                   &def->memSource) < 0 ||
        virDomainMemoryBackingEnum(node, "access", "mode",
                                   virDomainMemoryAccessTypeFromString,
                                   &def->memAccess) < 0 ||
        virDomainMemoryBackingEnum(node, "allocation", "mode",
                                   virDomainMemoryAllocationTypeFromString,
                                   &def->memAllocation) < 0)
        return -1;
    if ((c = xChild(node, "allocation")) &&
        xUInt(c, "threads", 10, false, &def->memAllocThreads) < 0)
        return -1;
    for (i = 0; i < def->nhugepages; i++) {
        size_t j;
        if (def->hugepages[i].nodeset)
            continue;
        for (j = 0; j < i; j++) {
            if (def->hugepages[j].nodeset)
                continue;
            virReportError(VIR_ERR_XML_DETAIL,
                           _("two master hugepages detected: %llu and %llu"),
                           def->hugepages[i].size, def->hugepages[j].size);
            return -1;
        }
    }
    return 0;
}

static int
virDomainIOThreadIDsParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "iothreadids");
    xmlNodePtr cur;
    unsigned int id;
    size_t i;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        virDomainIOThreadIDDef iot = { 0 };
        g_autofree char *idStr = NULL;

        if (!xIs(cur, "iothread"))
            continue;
        iot.thread_pool_min = -1;
        iot.thread_pool_max = -1;
        idStr = xProp(cur, "id");
        if (!idStr) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Missing required attribute '%s' in element '%s'"),
                           "id", "iothread");
            return -1;
        }
        if (xUInt(cur, "id", 10, true, &iot.iothread_id) < 0)
            return -1;
        if (iot.iothread_id == 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value for attribute '%s' in element '%s': Zero is not permitted"),
                           "id", "iothread");
            return -1;
        }
        if (xInt(cur, "thread_pool_min", false, &iot.thread_pool_min) < 0 ||
            xInt(cur, "thread_pool_max", false, &iot.thread_pool_max) < 0)
            return -1;
        for (i = 0; i < def->niothreadids; i++) {
            if (def->iothreadids[i].iothread_id == iot.iothread_id) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("duplicate iothread id '%u' found"),
                               iot.iothread_id);
                return -1;
            }
        }
        APPEND(def->iothreadids, def->niothreadids, iot);
    }

    if (def->iothreads < def->niothreadids)
        def->iothreads = def->niothreadids;
    /* fill the gaps with the lowest unused ids */
    for (id = 1; def->niothreadids < def->iothreads; id++) {
        virDomainIOThreadIDDef iot = { 0 };
        bool used = false;

        for (i = 0; i < def->niothreadids; i++)
            used |= def->iothreadids[i].iothread_id == id;
        if (used)
            continue;
        iot.iothread_id = id;
        iot.autofill = true;
        iot.thread_pool_min = -1;
        iot.thread_pool_max = -1;
        APPEND(def->iothreadids, def->niothreadids, iot);
    }
    return 0;
}

static virDomainIOThreadIDDef *
virDomainIOThreadIDFind(virDomainDef *def, unsigned int id)
{
    size_t i;

    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i].iothread_id == id)
            return &def->iothreadids[i];
    }
    return NULL;
}

/* scheduler=/priority= of a *sched element into SCHED. */
static int
virDomainThreadSchedParse(xmlNodePtr node, virDomainThreadSchedParam *sched)
{
    if (xEnum(node, "scheduler", virProcessSchedPolicyTypeFromString, true,
              true, &sched->policy) < 0)
        return -1;
    if (sched->policy == VIR_PROC_POLICY_FIFO ||
        sched->policy == VIR_PROC_POLICY_RR) {
        if (xInt(node, "priority", true, &sched->priority) < 0)
            return -1;
    }
    return 0;
}

static int
virDomainCputuneValue(xmlNodePtr cputune, const char *name, bool isSigned,
                      void *out)
{
    xmlNodePtr node = xChild(cputune, name);
    int rc;

    if (!node)
        return 0;
    rc = isSigned ? xTextLL(node, out) : xTextULL(node, out);
    if (rc < 0) {
        virReportError(VIR_ERR_XML_ERROR, _("can't parse cputune %s value"),
                       name);
        return -1;
    }
    return 0;
}

static int
virDomainCputuneParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "cputune");
    xmlNodePtr cur;
    size_t i;

    if (!node)
        return 0;
    if (xChild(node, "shares")) {
        if (virDomainCputuneValue(node, "shares", false,
                                  &def->cputuneShares) < 0)
            return -1;
        def->cputuneSharesSpecified = true;
    }
    if (virDomainCputuneValue(node, "period", false, &def->cputunePeriod) < 0 ||
        virDomainCputuneValue(node, "quota", true, &def->cputuneQuota) < 0 ||
        virDomainCputuneValue(node, "global_period", false,
                              &def->cputuneGlobalPeriod) < 0 ||
        virDomainCputuneValue(node, "global_quota", true,
                              &def->cputuneGlobalQuota) < 0 ||
        virDomainCputuneValue(node, "emulator_period", false,
                              &def->cputuneEmulatorPeriod) < 0 ||
        virDomainCputuneValue(node, "emulator_quota", true,
                              &def->cputuneEmulatorQuota) < 0 ||
        virDomainCputuneValue(node, "iothread_period", false,
                              &def->cputuneIothreadPeriod) < 0 ||
        virDomainCputuneValue(node, "iothread_quota", true,
                              &def->cputuneIothreadQuota) < 0)
        return -1;

    for (cur = node->children; cur; cur = cur->next) {
        g_autofree char *cpuset = NULL;

        if (xIs(cur, "vcpupin") || xIs(cur, "iothreadpin")) {
            bool vcpu = xIs(cur, "vcpupin");
            const char *attr = vcpu ? "vcpu" : "iothread";
            virDomainPinDef pin = { 0 };
            virDomainPinDef **list = vcpu ? &def->vcpupins : &def->iothreadpins;
            size_t *n = vcpu ? &def->nvcpupins : &def->niothreadpins;

            if (xUInt(cur, attr, 10, true, &pin.id) < 0)
                return -1;
            if (!(cpuset = xProp(cur, "cpuset"))) {
                virReportError(VIR_ERR_INTERNAL_ERROR,
                               _("missing cpuset for %s"),
                               (const char *)cur->name);
                return -1;
            }
            if (vcpu && pin.id >= def->maxvcpus)
                continue;   /* libvirt ignores pins of missing vCPUs */
            if (!vcpu && !virDomainIOThreadIDFind(def, pin.id)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("Cannot find 'iothread' : %u"), pin.id);
                return -1;
            }
            for (i = 0; i < *n; i++) {
                if ((*list)[i].id != pin.id)
                    continue;
                if (vcpu)
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("duplicate vcpupin for vcpu '%u'"),
                                   pin.id);
                else
                    virReportError(VIR_ERR_INTERNAL_ERROR,
                                   _("Duplicate iothreadpin for same iothread '%u'"),
                                   pin.id);
                return -1;
            }
            if (!(pin.cpuset = virDomainBitmapCanonical(cpuset)))
                return -1;
            APPEND(*list, *n, pin);
        } else if (xIs(cur, "emulatorpin")) {
            if (def->emulatorpin) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("only one emulatorpin is supported"));
                return -1;
            }
            if (!(cpuset = xProp(cur, "cpuset"))) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("missing cpuset for emulatorpin"));
                return -1;
            }
            if (!(def->emulatorpin = virDomainBitmapCanonical(cpuset)))
                return -1;
        } else if (xIs(cur, "emulatorsched")) {
            if (virDomainThreadSchedParse(cur, &def->emulatorSched) < 0)
                return -1;
        } else if (xIs(cur, "vcpusched") || xIs(cur, "iothreadsched")) {
            bool vcpu = xIs(cur, "vcpusched");
            const char *attr = vcpu ? "vcpus" : "iothreads";
            virDomainThreadSchedParam sched = { 0 };
            g_autofree char *idsStr = xProp(cur, attr);
            g_autoptr(GArray) ids = NULL;

            if (!idsStr) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Missing attribute '%s' in element '%s'"),
                               attr, (const char *)cur->name);
                return -1;
            }
            if (!(ids = virDomainBitmapParseIds(idsStr))) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("Failed to parse bitmap '%s'"), idsStr);
                return -1;
            }
            if (virDomainThreadSchedParse(cur, &sched) < 0)
                return -1;
            if (vcpu && !def->vcpuSched)
                def->vcpuSched = g_new0(virDomainThreadSchedParam,
                                        def->maxvcpus);
            for (i = 0; i < ids->len; i++) {
                unsigned int id = g_array_index(ids, unsigned int, i);
                virDomainThreadSchedParam *target;

                if (vcpu) {
                    if (id >= def->maxvcpus) {
                        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                       _("vCPU '%u' is not present in domain definition"),
                                       id);
                        return -1;
                    }
                    target = &def->vcpuSched[id];
                } else {
                    virDomainIOThreadIDDef *iot =
                        virDomainIOThreadIDFind(def, id);
                    if (!iot) {
                        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                                       _("Cannot find 'iothread' : %u"), id);
                        return -1;
                    }
                    target = &iot->sched;
                }
                if (target->policy != VIR_PROC_POLICY_NONE) {
                    virReportError(VIR_ERR_XML_DETAIL,
                                   _("'%s' attributes '%s' must not overlap"),
                                   (const char *)cur->name, attr);
                    return -1;
                }
                *target = sched;
            }
        }
    }

    /* vcpupins are kept in vCPU order */
    for (i = 1; i < def->nvcpupins; i++) {
        size_t j = i;
        while (j > 0 && def->vcpupins[j - 1].id > def->vcpupins[j].id) {
            virDomainPinDef tmp = def->vcpupins[j];
            def->vcpupins[j] = def->vcpupins[j - 1];
            def->vcpupins[j - 1] = tmp;
            j--;
        }
    }
    return 0;
}

/* Checks libvirt runs after the parse on the cputune numbers. */
static int
virDomainCputuneValidate(const virDomainDef *def)
{
    const struct {
        const char *name;
        unsigned long long value;
        bool quota;
    } checks[] = {
        { "period", def->cputunePeriod, false },
        { "quota", (unsigned long long)def->cputuneQuota, true },
        { "global_period", def->cputuneGlobalPeriod, false },
        { "global_quota", (unsigned long long)def->cputuneGlobalQuota, true },
        { "emulator_period", def->cputuneEmulatorPeriod, false },
        { "emulator_quota", (unsigned long long)def->cputuneEmulatorQuota, true },
        { "iothread_period", def->cputuneIothreadPeriod, false },
        { "iothread_quota", (unsigned long long)def->cputuneIothreadQuota, true },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(checks); i++) {
        if (checks[i].quota) {
            long long v = (long long)checks[i].value;
            if (v > 0 && (v < 1000 || v > 17592186044415LL)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("Value of cputune '%s' must be in range [1000, 17592186044415]"),
                               checks[i].name);
                return -1;
            }
        } else if (checks[i].value > 0 &&
                   (checks[i].value < 1000 || checks[i].value > 1000000)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Value of cputune '%s' must be in range [1000, 1000000]"),
                           checks[i].name);
            return -1;
        }
    }
    return 0;
}

static int
virDomainNumatuneParse(xmlNodePtr dom, virDomainDef *def, bool vcpuPlacementGiven)
{
    xmlNodePtr node = xChild(dom, "numatune");
    xmlNodePtr mem = xChild(node, "memory");
    xmlNodePtr cur;
    size_t ncells = def->cpu ? def->cpu->ncells : 0;
    size_t i;

    if (mem) {
        g_autofree char *mode = xProp(mem, "mode");
        g_autofree char *placement = xProp(mem, "placement");
        g_autofree char *nodeset = xProp(mem, "nodeset");
        int pl = VIR_DOMAIN_NUMATUNE_PLACEMENT_DEFAULT;

        def->hasNumatuneMemory = true;
        if (mode &&
            (def->numatuneMode = virDomainNumatuneMemModeTypeFromString(mode)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unsupported NUMA memory tuning mode '%s'"), mode);
            return -1;
        }
        if (placement &&
            (pl = virDomainNumatunePlacementTypeFromString(placement)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Unsupported numatune placement '%s'"), placement);
            return -1;
        }
        if (nodeset &&
            !(def->numatuneNodeset = virDomainBitmapCanonical(nodeset)))
            return -1;
        if (pl == VIR_DOMAIN_NUMATUNE_PLACEMENT_DEFAULT) {
            if (!def->numatuneNodeset)
                pl = VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO;
            else
                pl = VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC;
        }
        if (pl == VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC &&
            !def->numatuneNodeset) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("nodeset for NUMA memory tuning must be set if 'placement' is 'static'"));
            return -1;
        }
        if (pl == VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO)
            g_clear_pointer(&def->numatuneNodeset, g_free);
        def->numatunePlacement = pl;
        if (pl == VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO && !vcpuPlacementGiven) {
            def->placement = VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO;
            g_clear_pointer(&def->cpuset, g_free);
        }
    } else if (def->placement == VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO) {
        /* automatic vCPU placement implies automatic memory placement */
        def->hasNumatuneMemory = true;
        def->numatuneMode = VIR_DOMAIN_NUMATUNE_MEM_STRICT;
        def->numatunePlacement = VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO;
    }

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        virDomainNumatuneMemNode mn = { 0 };
        g_autofree char *mode = NULL;
        g_autofree char *nodeset = NULL;

        if (!xIs(cur, "memnode"))
            continue;
        if (ncells == 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Element 'memnode' is invalid without any guest NUMA cells"));
            return -1;
        }
        if (xUInt(cur, "cellid", 10, true, &mn.cellid) < 0)
            return -1;
        if (mn.cellid >= ncells) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell"));
            return -1;
        }
        for (i = 0; i < def->nmemnodes; i++) {
            if (def->memnodes[i].cellid == mn.cellid) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("Multiple memnode elements with cellid %u"),
                               mn.cellid);
                return -1;
            }
        }
        mode = xProp(cur, "mode");
        if (mode &&
            (mn.mode = virDomainNumatuneMemModeTypeFromString(mode)) < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("Invalid mode attribute in memnode element"));
            return -1;
        }
        if (!(nodeset = xProp(cur, "nodeset"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("Missing required nodeset attribute in memnode element"));
            return -1;
        }
        if (!(mn.nodeset = virDomainBitmapCanonical(nodeset)))
            return -1;
        APPEND(def->memnodes, def->nmemnodes, mn);
    }
    return 0;
}

static int
virDomainResourceParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "resource");
    xmlNodePtr fc;

    if (!node)
        return 0;
    def->resourcePartition = xChildText(node, "partition");
    if (def->resourcePartition && def->resourcePartition[0] != '/') {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("resource partition '%s' must start with '/'"),
                       def->resourcePartition);
        return -1;
    }
    if ((fc = xChild(node, "fibrechannel")))
        def->resourceAppid = xProp(fc, "appid");
    return 0;
}

static int
virSysinfoSmbiosBlockParse(xmlNodePtr block, const char *const *names,
                           size_t nnames, char **values)
{
    xmlNodePtr cur;
    size_t i;

    for (cur = block ? block->children : NULL; cur; cur = cur->next) {
        g_autofree char *name = NULL;

        if (!xIs(cur, "entry"))
            continue;
        name = xProp(cur, "name");
        for (i = 0; name && i < nnames; i++) {
            if (strcmp(name, names[i]) == 0 && !values[i]) {
                values[i] = xText(cur);
                if (!*values[i])
                    g_clear_pointer(&values[i], g_free);
            }
        }
    }
    return 0;
}

/* The <entry name=...> names of each SMBIOS block, in libvirt's order. */
const char *const virSysinfoBIOSNames[VIR_SYSINFO_BIOS_LAST] = {
    "vendor", "version", "date", "release",
};
const char *const virSysinfoSystemNames[VIR_SYSINFO_SYSTEM_LAST] = {
    "manufacturer", "product", "version", "serial", "uuid", "sku", "family",
};
const char *const virSysinfoBoardNames[VIR_SYSINFO_BASEBOARD_LAST] = {
    "manufacturer", "product", "version", "serial", "asset", "location",
};
const char *const virSysinfoChassisNames[VIR_SYSINFO_CHASSIS_LAST] = {
    "manufacturer", "version", "serial", "asset", "sku",
};

static int
virSysinfoParse(xmlNodePtr node, virDomainDef *def)
{
    const char *const *biosNames = virSysinfoBIOSNames;
    const char *const *systemNames = virSysinfoSystemNames;
    const char *const *boardNames = virSysinfoBoardNames;
    const char *const *chassisNames = virSysinfoChassisNames;
    g_autoptr(virSysinfoDef) si = g_new0(virSysinfoDef, 1);
    g_autofree char *type = xProp(node, "type");
    xmlNodePtr cur;

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("Missing required attribute '%s' in element '%s'"),
                       "type", "sysinfo");
        return -1;
    }
    if (strcmp(type, "smbios") == 0) {
        si->type = 0;
    } else if (strcmp(type, "fwcfg") == 0) {
        si->type = 1;
    } else {
        reportInvalidAttr(node, "type", type, "");
        return -1;
    }

    if (si->type == 1) {
        for (cur = node->children; cur; cur = cur->next) {
            virSysinfoEntry e = { 0 };

            if (!xIs(cur, "entry"))
                continue;
            if (!(e.name = xProp(cur, "name"))) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("Firmware entry is missing 'name' attribute"));
                return -1;
            }
            e.value = xText(cur);
            if (!*e.value)
                g_clear_pointer(&e.value, g_free);
            e.file = xProp(cur, "file");
            APPEND(si->fwcfg, si->nfwcfg, e);
        }
        APPEND(def->sysinfos, def->nsysinfos, g_steal_pointer(&si));
        return 0;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (xIs(cur, "bios") && !si->bios[0] && !si->bios[1] &&
            !si->bios[2] && !si->bios[3]) {
            virSysinfoSmbiosBlockParse(cur, biosNames, 4, si->bios);
        } else if (xIs(cur, "system")) {
            virSysinfoSmbiosBlockParse(cur, systemNames, 7, si->system);
        } else if (xIs(cur, "baseBoard")) {
            char *vals[VIR_SYSINFO_BASEBOARD_LAST] = { NULL };
            size_t k;
            bool any = false;

            virSysinfoSmbiosBlockParse(cur, boardNames, 6, vals);
            for (k = 0; k < 6; k++)
                any |= vals[k] != NULL;
            if (!any)
                continue;
            si->baseBoards = g_renew(char *, si->baseBoards,
                                     (si->nbaseBoards + 1) * 6);
            memcpy(si->baseBoards + si->nbaseBoards * 6, vals, sizeof(vals));
            si->nbaseBoards++;
        } else if (xIs(cur, "chassis")) {
            virSysinfoSmbiosBlockParse(cur, chassisNames, 5, si->chassis);
        } else if (xIs(cur, "oemStrings")) {
            xmlNodePtr e;
            for (e = cur->children; e; e = e->next) {
                if (xIs(e, "entry"))
                    APPEND(si->oemStrings, si->noemStrings, xText(e));
            }
        }
    }

    if (si->bios[2]) {
        /* mm/dd/yy or mm/dd/yyyy */
        const char *d = si->bios[2];
        size_t len = strlen(d);
        bool ok = (len == 8 || len == 10) && d[2] == '/' && d[5] == '/';
        size_t k;

        for (k = 0; ok && k < len; k++) {
            if (k != 2 && k != 5 && !g_ascii_isdigit(d[k]))
                ok = false;
        }
        if (!ok) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("Invalid BIOS 'date' format"));
            return -1;
        }
    }
    if (si->system[4]) {
        unsigned char uuid[VIR_UUID_BUFLEN];
        char buf[VIR_UUID_STRING_BUFLEN];

        if (virUUIDParse(si->system[4], uuid) < 0) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("malformed <sysinfo> uuid element"));
            return -1;
        }
        if (def->hasUUID && memcmp(uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
            virReportError(VIR_ERR_XML_DETAIL, "%s",
                           _("UUID mismatch between <uuid> and <sysinfo>"));
            return -1;
        }
        if (!def->hasUUID) {
            memcpy(def->uuid, uuid, VIR_UUID_BUFLEN);
            def->hasUUID = true;
        }
        g_free(si->system[4]);
        virUUIDFormat(uuid, buf);
        si->system[4] = g_strdup(buf);
    }
    APPEND(def->sysinfos, def->nsysinfos, g_steal_pointer(&si));
    return 0;
}

static int
virDomainIdmapParse(xmlNodePtr dom, virDomainDef *def)
{
    xmlNodePtr node = xChild(dom, "idmap");
    xmlNodePtr cur;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        virDomainIdMapEntry e = { 0 };
        bool uid = xIs(cur, "uid");

        if (!uid && !xIs(cur, "gid"))
            continue;
        if (xUInt(cur, "start", 10, true, &e.start) < 0 ||
            xUInt(cur, "target", 10, true, &e.target) < 0 ||
            xUInt(cur, "count", 10, true, &e.count) < 0)
            return -1;
        if (uid)
            APPEND(def->uidmap, def->nuidmap, e);
        else
            APPEND(def->gidmap, def->ngidmap, e);
    }
    return 0;
}

/* ================================================================== */
/* The domain                                                         */

static virDomainDef *
virDomainDefParseXML(xmlDocPtr xml, xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virDomainDef) def = virDomainDefNew();
    g_autofree char *type = NULL;
    g_autofree char *uuid = NULL;
    xmlNodePtr devices;
    xmlNodePtr cur;
    xmlNodePtr node;
    bool hasBoot = false;

    (void)xml;

    if (!xmlStrEqual(root->name, BAD_CAST "domain")) {
        /* libvirt checks the root name while reading, from the XML domain */
        virReportErrorHelper(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                             _("expecting root element of 'domain', not '%s'"),
                             (const char *)root->name);
        return NULL;
    }

    type = xProp(root, "type");
    if (!type) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("missing domain type attribute"));
        return NULL;
    }
    def->virtType = virDomainVirtTypeFromString(type);
    if (def->virtType < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("invalid domain type %s"), type);
        return NULL;
    }

    if (!(flags & VIR_DOMAIN_DEF_PARSE_INACTIVE)) {
        g_autofree char *id = xProp(root, "id");
        if (id) {
            char *end = NULL;
            long v = strtol(id, &end, 10);
            if (end != id && !*end && v >= 0)
                def->id = (int)v;
        }
    }

    def->name = xChildText(root, "name");
    if (!def->name) {
        virReportError(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("name %s cannot contain '/'"), def->name);
        return NULL;
    }

    uuid = xChildText(root, "uuid");
    if (uuid) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           _("malformed uuid element"));
            return NULL;
        }
        def->hasUUID = true;
    }
    def->genid = xChildText(root, "genid");

    def->title = xChildText(root, "title");
    if (def->title && strchr(def->title, '\n')) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("Domain title can't contain newlines"));
        return NULL;
    }
    def->description = xChildText(root, "description");
    if (virDomainMetadataParse(root, def) < 0)
        return NULL;

    /* memory */
    node = xChild(root, "maxMemory");
    if (node) {
        g_autofree char *slots = xProp(node, "slots");
        if (virDomainMemoryParse(node, "maxMemory", &def->maxMemory) < 0)
            return NULL;
        if (slots) {
            char *end = NULL;
            unsigned long v = strtoul(slots, &end, 10);
            if (end == slots || *end || slots[0] == '-') {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               _("Failed to parse memory slot count"));
                return NULL;
            }
            def->maxMemorySlots = (unsigned int)v;
        }
        if (def->maxMemory == 0 || def->maxMemorySlots == 0) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           _("both maximum memory size and memory slot count must be specified"));
            return NULL;
        }
    }
    node = xChild(root, "memory");
    if (node) {
        if (virDomainMemoryParse(node, "memory", &def->memory) < 0)
            return NULL;
        if (xTristateSwitch(node, "dumpCore", &def->memDumpCore) < 0)
            return NULL;
    }
    node = xChild(root, "currentMemory");
    if (node && virDomainMemoryParse(node, "currentMemory",
                                     &def->currentMemory) < 0)
        return NULL;

    if (virDomainVcpuParse(root, def) < 0)
        return NULL;

    node = xChild(root, "iothreads");
    if (node) {
        g_autofree char *text = xText(node);
        char *end = NULL;
        unsigned long v = strtoul(text, &end, 10);
        if (end == text || *end || text[0] == '-') {
            virReportError(VIR_ERR_XML_ERROR,
                           _("Invalid value '%s' for element or attribute './iothreads[1]'"),
                           text);
            return NULL;
        }
        def->iothreads = (unsigned int)v;
    }

    if (virDomainMemtuneParse(root, def) < 0 ||
        virDomainBlkiotuneParse(root, def) < 0 ||
        virDomainMemoryBackingParse(root, def) < 0 ||
        virDomainIOThreadIDsParse(root, def) < 0 ||
        virDomainCputuneParse(root, def) < 0 ||
        virDomainResourceParse(root, def) < 0)
        return NULL;
    for (cur = root->children; cur; cur = cur->next) {
        if (xIs(cur, "sysinfo") && virSysinfoParse(cur, def) < 0)
            return NULL;
    }

    if (virDomainOSParse(root, def, &hasBoot) < 0)
        return NULL;
    if (virDomainIdmapParse(root, def) < 0)
        return NULL;
    if (virDomainFeaturesParse(root, def) < 0)
        return NULL;
    if (virDomainCPUParse(root, def) < 0)
        return NULL;
    {
        g_autofree char *placement = xProp(xChild(root, "vcpu"), "placement");
        if (virDomainNumatuneParse(root, def, placement != NULL) < 0)
            return NULL;
    }
    if (virDomainClockParse(root, def) < 0)
        return NULL;

    if (virDomainLifecycleParse(root, "on_reboot", "reboot", &def->onReboot,
                                VIR_DOMAIN_LIFECYCLE_ACTION_RESTART,
                                false) < 0 ||
        virDomainLifecycleParse(root, "on_poweroff", "poweroff",
                                &def->onPoweroff,
                                VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY,
                                false) < 0 ||
        virDomainLifecycleParse(root, "on_crash", "crash", &def->onCrash,
                                VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY,
                                true) < 0)
        return NULL;
    {
        g_autofree char *lf = xChildText(root, "on_lockfailure");
        if (lf) {
            def->onLockfailure = virDomainLockFailureTypeFromString(lf);
            if (def->onLockfailure <= 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               _("unknown lock failure action: %s"), lf);
                return NULL;
            }
        }
    }

    node = xChild(root, "pm");
    if (node) {
        xmlNodePtr mem = xChild(node, "suspend-to-mem");
        xmlNodePtr disk = xChild(node, "suspend-to-disk");
        if ((mem && xTristateBool(mem, "enabled", &def->pmSuspendToMem) < 0) ||
            (disk && xTristateBool(disk, "enabled",
                                   &def->pmSuspendToDisk) < 0))
            return NULL;
    }

    if (virDomainPerfParse(root, def) < 0)
        return NULL;

    devices = xChild(root, "devices");
    if (devices) {
        def->emulator = xChildText(devices, "emulator");
        for (cur = devices->children; cur; cur = cur->next) {
            if (cur->type != XML_ELEMENT_NODE)
                continue;
            if (xIs(cur, "disk")) {
                virDomainDiskDef *disk = virDomainDiskDefParse(cur, flags);
                if (!disk)
                    return NULL;
                virDomainDiskInsert(def, disk);
            } else if (xIs(cur, "controller")) {
                virDomainControllerDef *c =
                    virDomainControllerDefParse(cur, flags);
                if (!c)
                    return NULL;
                virDomainControllerInsert(def, c);
            } else if (xIs(cur, "interface")) {
                virDomainNetDef *net = virDomainNetDefParse(cur, flags);
                if (!net)
                    return NULL;
                APPEND(def->nets, def->nnets, net);
            } else if (xIs(cur, "serial") || xIs(cur, "parallel") ||
                       xIs(cur, "console") || xIs(cur, "channel")) {
                int dt = virDomainChrDeviceTypeFromString((const char *)cur->name);
                virDomainChrDef *chr = virDomainChrDefParse(cur, dt, flags);
                if (!chr)
                    return NULL;
                if (dt == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL)
                    APPEND(def->serials, def->nserials, chr);
                else if (dt == VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL)
                    APPEND(def->parallels, def->nparallels, chr);
                else if (dt == VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE)
                    APPEND(def->consoles, def->nconsoles, chr);
                else
                    APPEND(def->channels, def->nchannels, chr);
            } else if (xIs(cur, "input")) {
                virDomainInputDef *in = virDomainInputDefParse(cur, def, flags);
                if (!in)
                    return NULL;
                APPEND(def->inputs, def->ninputs, in);
            } else if (xIs(cur, "graphics")) {
                virDomainGraphicsDef *g = virDomainGraphicsDefParse(cur, flags);
                if (!g)
                    return NULL;
                APPEND(def->graphics, def->ngraphics, g);
            } else if (xIs(cur, "sound")) {
                virDomainSoundDef *s = virDomainSoundDefParse(cur, flags);
                if (!s)
                    return NULL;
                APPEND(def->sounds, def->nsounds, s);
            } else if (xIs(cur, "audio")) {
                virDomainAudioDef *a = virDomainAudioDefParse(cur,
                                                              def->naudios);
                if (!a)
                    return NULL;
                APPEND(def->audios, def->naudios, a);
            } else if (xIs(cur, "video")) {
                virDomainVideoDef *v = virDomainVideoDefParse(cur, flags);
                if (!v)
                    return NULL;
                APPEND(def->videos, def->nvideos, v);
            } else if (xIs(cur, "hostdev")) {
                virDomainHostdevDef *h = virDomainHostdevDefParse(cur, flags);
                if (!h)
                    return NULL;
                APPEND(def->hostdevs, def->nhostdevs, h);
            } else if (xIs(cur, "watchdog")) {
                virDomainWatchdogDef *w;
                if (def->watchdog)
                    continue;
                if (!(w = virDomainWatchdogDefParse(cur, flags)))
                    return NULL;
                def->watchdog = w;
            } else if (xIs(cur, "memballoon")) {
                virDomainMemballoonDef *m;
                if (def->memballoon) {
                    virReportError(VIR_ERR_XML_ERROR, "%s",
                                   _("only a single memory balloon device is supported"));
                    return NULL;
                }
                if (!(m = virDomainMemballoonDefParse(cur, flags)))
                    return NULL;
                def->memballoon = m;
            } else if (xIs(cur, "rng")) {
                virDomainRNGDef *r = virDomainRNGDefParse(cur, flags);
                if (!r)
                    return NULL;
                APPEND(def->rngs, def->nrngs, r);
            } else if (xIs(cur, "panic")) {
                virDomainPanicDef *p = virDomainPanicDefParse(cur, flags);
                size_t j;
                if (!p)
                    return NULL;
                for (j = 0; j < def->npanics; j++) {
                    if (def->panics[j]->model == p->model) {
                        virReportError(VIR_ERR_XML_ERROR,
                                       _("Multiple panic devices with model '%s'"),
                                       virDomainPanicModelTypeToString(p->model));
                        virDomainPanicDefFree(p);
                        return NULL;
                    }
                }
                APPEND(def->panics, def->npanics, p);
            }
        }
    }

    if (virSecurityLabelsParse(root, def, flags) < 0)
        return NULL;

    if (virDomainDefPostParse(def, hasBoot, flags) < 0)
        return NULL;
    if (virDomainCputuneValidate(def) < 0)
        return NULL;

    return g_steal_pointer(&def);
}

virDomainDef *
virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root, unsigned int flags)
{
    if (!root) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("missing root element"));
        return NULL;
    }
    return virDomainDefParseXML(xml, root, flags);
}

virDomainDef *
virDomainDefParseString(const char *xmlStr, unsigned int flags)
{
    xmlDocPtr doc;
    virDomainDef *def;

    if (!xmlStr) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("xml must not be NULL"));
        return NULL;
    }
    if (!(doc = virXMLParse(NULL, xmlStr, "(domain_definition)", NULL, VIR_FROM_THIS)))
        return NULL;
    def = virDomainDefParseXML(doc, xmlDocGetRootElement(doc), flags);
    xmlFreeDoc(doc);
    return def;
}

virDomainDef *
virDomainDefCopy(const virDomainDef *def)
{
    g_autofree char *xml = NULL;
    virDomainDef *copy;
    size_t i;

    if (!def) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("def must not be NULL"));
        return NULL;
    }
    xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_SECURE | VIR_DOMAIN_DEF_FORMAT_COPY);
    if (!xml)
        return NULL;
    copy = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_STATUS);
    if (!copy)
        return NULL;
    copy->id = def->id;
    for (i = 0; i < copy->nnets && i < def->nnets; i++)
        copy->nets[i]->macGenerated = def->nets[i]->macGenerated;
    if (copy->ncontrollers == def->ncontrollers) {
        for (i = 0; i < copy->ncontrollers; i++)
            copy->controllers[i]->implicit = def->controllers[i]->implicit;
    }
    /* a volume's path, found when the domain started, is not in the XML */
    for (i = 0; i < copy->ndisks && i < def->ndisks; i++) {
        if (def->disks[i]->type == VIR_STORAGE_TYPE_VOLUME && !copy->disks[i]->src)
            copy->disks[i]->src = g_strdup(def->disks[i]->src);
    }
    return copy;
}

virDomainDiskDef *
virDomainDiskByTarget(const virDomainDef *def, const char *dst)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (strcmp(def->disks[i]->dst, dst) == 0)
            return def->disks[i];
    }
    return NULL;
}

virDomainNetDef *
virDomainNetByMac(const virDomainDef *def, const unsigned char *mac)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (memcmp(def->nets[i]->mac, mac, VIR_MAC_BUFLEN) == 0)
            return def->nets[i];
    }
    return NULL;
}
