/*
 * domain_conf.h: the domain XML object model
 *
 * A virDomainDef is the in-memory form of a libvirt <domain> document.
 * virDomainDefParseString() reads and validates the XML, fills in the
 * defaults libvirt's generic code fills in (UUID, MAC addresses, current
 * memory, drive addresses, implicit controllers, the console that mirrors
 * the first serial port ...) and virDomainDefFormat() writes it back in
 * libvirt's exact layout, so that what is accepted is formatted back the
 * same way.  Driver-specific defaults (the guest architecture, tap device
 * names ...) are left to the drivers: fields they may fill are documented
 * as "NULL/0 when absent".
 *
 * Every struct here is plain data owned by its parent: the free functions
 * release the whole tree, virDomainDefCopy() duplicates it.  Enums carry a
 * _LAST sentinel and a ToString/FromString pair with libvirt's spellings.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <libvirt/libvirt.h>

#ifndef VIR_MAC_BUFLEN
# define VIR_MAC_BUFLEN 6
#endif
#ifndef VIR_MAC_STRING_BUFLEN
# define VIR_MAC_STRING_BUFLEN (VIR_MAC_BUFLEN * 3)
#endif

/* Declare the string conversion pair of an enum: NAMETypeToString(value)
 * returns NULL for out-of-range values, NAMETypeFromString(str) returns -1
 * for unknown strings. */
#define VIR_DOMAIN_CONF_ENUM_DECL(name) \
    const char *name##TypeToString(int type); \
    int name##TypeFromString(const char *str)

/* ------------------------------------------------------------------ */
/* Generic little enums                                               */

typedef enum {
    VIR_TRISTATE_BOOL_ABSENT = 0,
    VIR_TRISTATE_BOOL_YES,
    VIR_TRISTATE_BOOL_NO,
    VIR_TRISTATE_BOOL_LAST
} virTristateBool;                  /* "default", "yes", "no" */
VIR_DOMAIN_CONF_ENUM_DECL(virTristateBool);

typedef enum {
    VIR_TRISTATE_SWITCH_ABSENT = 0,
    VIR_TRISTATE_SWITCH_ON,
    VIR_TRISTATE_SWITCH_OFF,
    VIR_TRISTATE_SWITCH_LAST
} virTristateSwitch;                /* "default", "on", "off" */
VIR_DOMAIN_CONF_ENUM_DECL(virTristateSwitch);

/* ------------------------------------------------------------------ */
/* Domain-wide enums                                                  */

typedef enum {
    VIR_DOMAIN_VIRT_NONE = 0,
    VIR_DOMAIN_VIRT_QEMU,
    VIR_DOMAIN_VIRT_KQEMU,
    VIR_DOMAIN_VIRT_KVM,
    VIR_DOMAIN_VIRT_XEN,
    VIR_DOMAIN_VIRT_LXC,
    VIR_DOMAIN_VIRT_UML,
    VIR_DOMAIN_VIRT_OPENVZ,
    VIR_DOMAIN_VIRT_TEST,
    VIR_DOMAIN_VIRT_VMWARE,
    VIR_DOMAIN_VIRT_HYPERV,
    VIR_DOMAIN_VIRT_VBOX,
    VIR_DOMAIN_VIRT_PHYP,
    VIR_DOMAIN_VIRT_PARALLELS,
    VIR_DOMAIN_VIRT_BHYVE,
    VIR_DOMAIN_VIRT_VZ,
    VIR_DOMAIN_VIRT_HVF,
    VIR_DOMAIN_VIRT_LAST
} virDomainVirtType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainVirt);

typedef enum {
    VIR_DOMAIN_OSTYPE_HVM = 0,
    VIR_DOMAIN_OSTYPE_XEN,
    VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE,
    VIR_DOMAIN_OSTYPE_UML,
    VIR_DOMAIN_OSTYPE_XENPVH,
    VIR_DOMAIN_OSTYPE_LAST
} virDomainOSType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainOS);

typedef enum {
    VIR_DOMAIN_BOOT_FLOPPY = 0,     /* "fd" */
    VIR_DOMAIN_BOOT_DISK,           /* "hd" */
    VIR_DOMAIN_BOOT_CDROM,          /* "cdrom" */
    VIR_DOMAIN_BOOT_NET,            /* "network" */
    VIR_DOMAIN_BOOT_LAST
} virDomainBootOrder;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainBoot);

typedef enum {
    VIR_DOMAIN_LOADER_TYPE_NONE = 0,
    VIR_DOMAIN_LOADER_TYPE_ROM,
    VIR_DOMAIN_LOADER_TYPE_PFLASH,
    VIR_DOMAIN_LOADER_TYPE_LAST
} virDomainLoader;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainLoader);

/* on_poweroff/on_reboot/on_crash use the public virDomainLifecycleAction
 * (VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY = 0 ... COREDUMP_RESTART = 5). */
#define VIR_DOMAIN_CONF_LIFECYCLE_ACTION_LAST 6
VIR_DOMAIN_CONF_ENUM_DECL(virDomainLifecycleAction);

typedef enum {
    VIR_DOMAIN_LOCK_FAILURE_DEFAULT = 0,
    VIR_DOMAIN_LOCK_FAILURE_POWEROFF,
    VIR_DOMAIN_LOCK_FAILURE_RESTART,
    VIR_DOMAIN_LOCK_FAILURE_PAUSE,
    VIR_DOMAIN_LOCK_FAILURE_IGNORE,
    VIR_DOMAIN_LOCK_FAILURE_LAST
} virDomainLockFailureAction;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainLockFailure);

typedef enum {
    VIR_DOMAIN_CPU_PLACEMENT_MODE_DEFAULT = 0,
    VIR_DOMAIN_CPU_PLACEMENT_MODE_STATIC,
    VIR_DOMAIN_CPU_PLACEMENT_MODE_AUTO,
    VIR_DOMAIN_CPU_PLACEMENT_MODE_LAST
} virDomainCpuPlacementMode;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainCpuPlacementMode);

typedef enum {
    VIR_DOMAIN_FEATURE_ACPI = 0,
    VIR_DOMAIN_FEATURE_APIC,
    VIR_DOMAIN_FEATURE_PAE,
    VIR_DOMAIN_FEATURE_HAP,
    VIR_DOMAIN_FEATURE_VIRIDIAN,
    VIR_DOMAIN_FEATURE_PRIVNET,
    VIR_DOMAIN_FEATURE_HYPERV,
    VIR_DOMAIN_FEATURE_KVM,
    VIR_DOMAIN_FEATURE_PVSPINLOCK,
    VIR_DOMAIN_FEATURE_CAPABILITIES,
    VIR_DOMAIN_FEATURE_PMU,
    VIR_DOMAIN_FEATURE_VMPORT,
    VIR_DOMAIN_FEATURE_GIC,
    VIR_DOMAIN_FEATURE_SMM,
    VIR_DOMAIN_FEATURE_IOAPIC,
    VIR_DOMAIN_FEATURE_HPT,
    VIR_DOMAIN_FEATURE_VMCOREINFO,
    VIR_DOMAIN_FEATURE_HTM,
    VIR_DOMAIN_FEATURE_NESTED_HV,
    VIR_DOMAIN_FEATURE_MSRS,
    VIR_DOMAIN_FEATURE_CCF_ASSIST,
    VIR_DOMAIN_FEATURE_XEN,
    VIR_DOMAIN_FEATURE_CFPC,
    VIR_DOMAIN_FEATURE_SBBC,
    VIR_DOMAIN_FEATURE_IBS,
    VIR_DOMAIN_FEATURE_TCG,
    VIR_DOMAIN_FEATURE_LAST
} virDomainFeature;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainFeature);

typedef enum {
    VIR_CPU_MODE_CUSTOM = 0,
    VIR_CPU_MODE_HOST_MODEL,
    VIR_CPU_MODE_HOST_PASSTHROUGH,
    VIR_CPU_MODE_MAXIMUM,
    VIR_CPU_MODE_LAST
} virCPUMode;
VIR_DOMAIN_CONF_ENUM_DECL(virCPUMode);

typedef enum {
    VIR_CPU_MATCH_EXACT = 0,
    VIR_CPU_MATCH_MINIMUM,
    VIR_CPU_MATCH_STRICT,
    VIR_CPU_MATCH_LAST
} virCPUMatch;
VIR_DOMAIN_CONF_ENUM_DECL(virCPUMatch);

typedef enum {
    VIR_CPU_CHECK_DEFAULT = 0,
    VIR_CPU_CHECK_NONE,
    VIR_CPU_CHECK_PARTIAL,
    VIR_CPU_CHECK_FULL,
    VIR_CPU_CHECK_LAST
} virCPUCheck;
VIR_DOMAIN_CONF_ENUM_DECL(virCPUCheck);

typedef enum {
    VIR_CPU_FALLBACK_ALLOW = 0,
    VIR_CPU_FALLBACK_FORBID,
    VIR_CPU_FALLBACK_LAST
} virCPUFallback;
VIR_DOMAIN_CONF_ENUM_DECL(virCPUFallback);

typedef enum {
    VIR_CPU_FEATURE_FORCE = 0,
    VIR_CPU_FEATURE_REQUIRE,
    VIR_CPU_FEATURE_OPTIONAL,
    VIR_CPU_FEATURE_DISABLE,
    VIR_CPU_FEATURE_FORBID,
    VIR_CPU_FEATURE_LAST
} virCPUFeaturePolicy;
VIR_DOMAIN_CONF_ENUM_DECL(virCPUFeaturePolicy);

typedef enum {
    VIR_DOMAIN_CLOCK_OFFSET_UTC = 0,
    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME,
    VIR_DOMAIN_CLOCK_OFFSET_VARIABLE,
    VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE,
    VIR_DOMAIN_CLOCK_OFFSET_ABSOLUTE,
    VIR_DOMAIN_CLOCK_OFFSET_LAST
} virDomainClockOffsetType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainClockOffset);

typedef enum {
    VIR_DOMAIN_CLOCK_BASIS_UTC = 0,
    VIR_DOMAIN_CLOCK_BASIS_LOCALTIME,
    VIR_DOMAIN_CLOCK_BASIS_LAST
} virDomainClockBasis;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainClockBasis);

typedef enum {
    VIR_DOMAIN_TIMER_NAME_PLATFORM = 0,
    VIR_DOMAIN_TIMER_NAME_PIT,
    VIR_DOMAIN_TIMER_NAME_RTC,
    VIR_DOMAIN_TIMER_NAME_HPET,
    VIR_DOMAIN_TIMER_NAME_TSC,
    VIR_DOMAIN_TIMER_NAME_KVMCLOCK,
    VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK,
    VIR_DOMAIN_TIMER_NAME_ARMVTIMER,
    VIR_DOMAIN_TIMER_NAME_LAST
} virDomainTimerName;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainTimerName);

/* track, tickpolicy and mode are -1 when absent */
typedef enum {
    VIR_DOMAIN_TIMER_TRACK_BOOT = 0,
    VIR_DOMAIN_TIMER_TRACK_GUEST,
    VIR_DOMAIN_TIMER_TRACK_WALL,
    VIR_DOMAIN_TIMER_TRACK_REALTIME,
    VIR_DOMAIN_TIMER_TRACK_LAST
} virDomainTimerTrack;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainTimerTrack);

typedef enum {
    VIR_DOMAIN_TIMER_TICKPOLICY_DELAY = 0,
    VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP,
    VIR_DOMAIN_TIMER_TICKPOLICY_MERGE,
    VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD,
    VIR_DOMAIN_TIMER_TICKPOLICY_LAST
} virDomainTimerTickpolicy;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainTimerTickpolicy);

typedef enum {
    VIR_DOMAIN_TIMER_MODE_AUTO = 0,
    VIR_DOMAIN_TIMER_MODE_NATIVE,
    VIR_DOMAIN_TIMER_MODE_EMULATE,
    VIR_DOMAIN_TIMER_MODE_PARAVIRT,
    VIR_DOMAIN_TIMER_MODE_SMPSAFE,
    VIR_DOMAIN_TIMER_MODE_LAST
} virDomainTimerMode;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainTimerMode);

/* ------------------------------------------------------------------ */
/* Device addresses                                                   */

typedef enum {
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE = 0,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCID,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_SPAPRVIO,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_S390,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_CCW,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_MMIO,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DIMM,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_UNASSIGNED,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST
} virDomainDeviceAddressType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDeviceAddress);

typedef struct _virDomainDeviceInfo virDomainDeviceInfo;
struct _virDomainDeviceInfo {
    char *alias;                    /* <alias name=.../>, live XML only */
    int type;                       /* virDomainDeviceAddressType */
    /* pci: domain/bus/slot/function, multifunction (virTristateSwitch) */
    unsigned int domain;
    unsigned int bus;               /* also drive, virtio-serial, usb bus */
    unsigned int slot;
    unsigned int function;
    int multifunction;
    /* drive: controller/bus/target/unit; virtio-serial/ccid:
     * controller/bus/port (ccid: slot) */
    unsigned int controller;
    unsigned int target;
    unsigned int unit;
    unsigned int port;
    /* usb: bus + port string ("1.2.3") */
    char *usbPort;
    /* ccw */
    unsigned int cssid;
    unsigned int ssid;
    unsigned int devno;
    /* isa */
    unsigned int iobase;
    unsigned int irq;
    /* spapr-vio / virtio-mmio */
    unsigned long long reg;
    bool has_reg;
    /* <boot order='N'/> on the device; 0 when absent */
    unsigned int bootIndex;
};

/* ------------------------------------------------------------------ */
/* Security labels                                                    */

typedef enum {
    VIR_DOMAIN_SECLABEL_DEFAULT = 0, /* no type= given: never formatted */
    VIR_DOMAIN_SECLABEL_NONE,
    VIR_DOMAIN_SECLABEL_DYNAMIC,
    VIR_DOMAIN_SECLABEL_STATIC,
    VIR_DOMAIN_SECLABEL_LAST
} virDomainSeclabelType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainSeclabel);

/* A domain-wide <seclabel>.  label is kept for static labels (and for
 * dynamic ones in live XML), imagelabel only in live XML, baselabel only
 * for dynamic labels. */
typedef struct _virSecurityLabelDef virSecurityLabelDef;
struct _virSecurityLabelDef {
    int type;                       /* virDomainSeclabelType */
    char *model;                    /* NULL when absent */
    bool relabel;
    char *label;
    char *imagelabel;
    char *baselabel;
};

/* A <seclabel> inside a disk or character device <source>. */
typedef struct _virSecurityDeviceLabelDef virSecurityDeviceLabelDef;
struct _virSecurityDeviceLabelDef {
    char *model;                    /* NULL when absent */
    bool relabel;                   /* default yes */
    bool labelskip;                 /* live XML only */
    char *label;
};

/* ------------------------------------------------------------------ */
/* Disks                                                              */

typedef enum {
    VIR_STORAGE_TYPE_NONE = 0,
    VIR_STORAGE_TYPE_FILE,
    VIR_STORAGE_TYPE_BLOCK,
    VIR_STORAGE_TYPE_DIR,
    VIR_STORAGE_TYPE_NETWORK,
    VIR_STORAGE_TYPE_VOLUME,
    VIR_STORAGE_TYPE_NVME,
    VIR_STORAGE_TYPE_VHOST_USER,
    VIR_STORAGE_TYPE_LAST
} virStorageType;
VIR_DOMAIN_CONF_ENUM_DECL(virStorage);

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM,
    VIR_DOMAIN_DISK_DEVICE_FLOPPY,
    VIR_DOMAIN_DISK_DEVICE_LUN,
    VIR_DOMAIN_DISK_DEVICE_LAST
} virDomainDiskDevice;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskDevice);

typedef enum {
    VIR_DOMAIN_DISK_BUS_NONE = 0,
    VIR_DOMAIN_DISK_BUS_IDE,
    VIR_DOMAIN_DISK_BUS_FDC,
    VIR_DOMAIN_DISK_BUS_SCSI,
    VIR_DOMAIN_DISK_BUS_VIRTIO,
    VIR_DOMAIN_DISK_BUS_XEN,
    VIR_DOMAIN_DISK_BUS_USB,
    VIR_DOMAIN_DISK_BUS_UML,
    VIR_DOMAIN_DISK_BUS_SATA,
    VIR_DOMAIN_DISK_BUS_SD,
    VIR_DOMAIN_DISK_BUS_LAST
} virDomainDiskBus;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskBus);

typedef enum {
    VIR_DOMAIN_DISK_CACHE_DEFAULT = 0,
    VIR_DOMAIN_DISK_CACHE_DISABLE,      /* "none" */
    VIR_DOMAIN_DISK_CACHE_WRITETHRU,    /* "writethrough" */
    VIR_DOMAIN_DISK_CACHE_WRITEBACK,
    VIR_DOMAIN_DISK_CACHE_DIRECTSYNC,
    VIR_DOMAIN_DISK_CACHE_UNSAFE,
    VIR_DOMAIN_DISK_CACHE_LAST
} virDomainDiskCache;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskCache);

typedef enum {
    VIR_DOMAIN_DISK_IO_DEFAULT = 0,
    VIR_DOMAIN_DISK_IO_NATIVE,
    VIR_DOMAIN_DISK_IO_THREADS,
    VIR_DOMAIN_DISK_IO_URING,
    VIR_DOMAIN_DISK_IO_LAST
} virDomainDiskIo;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskIo);

typedef enum {
    VIR_DOMAIN_DISK_DISCARD_DEFAULT = 0,
    VIR_DOMAIN_DISK_DISCARD_UNMAP,
    VIR_DOMAIN_DISK_DISCARD_IGNORE,
    VIR_DOMAIN_DISK_DISCARD_LAST
} virDomainDiskDiscard;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskDiscard);

typedef enum {
    VIR_DOMAIN_STARTUP_POLICY_DEFAULT = 0,
    VIR_DOMAIN_STARTUP_POLICY_MANDATORY,
    VIR_DOMAIN_STARTUP_POLICY_REQUISITE,
    VIR_DOMAIN_STARTUP_POLICY_OPTIONAL,
    VIR_DOMAIN_STARTUP_POLICY_LAST
} virDomainStartupPolicy;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainStartupPolicy);

typedef enum {
    VIR_STORAGE_NET_PROTOCOL_NONE = 0,
    VIR_STORAGE_NET_PROTOCOL_NBD,
    VIR_STORAGE_NET_PROTOCOL_RBD,
    VIR_STORAGE_NET_PROTOCOL_SHEEPDOG,
    VIR_STORAGE_NET_PROTOCOL_GLUSTER,
    VIR_STORAGE_NET_PROTOCOL_ISCSI,
    VIR_STORAGE_NET_PROTOCOL_HTTP,
    VIR_STORAGE_NET_PROTOCOL_HTTPS,
    VIR_STORAGE_NET_PROTOCOL_FTP,
    VIR_STORAGE_NET_PROTOCOL_FTPS,
    VIR_STORAGE_NET_PROTOCOL_TFTP,
    VIR_STORAGE_NET_PROTOCOL_SSH,
    VIR_STORAGE_NET_PROTOCOL_VXHS,
    VIR_STORAGE_NET_PROTOCOL_NFS,
    VIR_STORAGE_NET_PROTOCOL_LAST
} virStorageNetProtocol;
VIR_DOMAIN_CONF_ENUM_DECL(virStorageNetProtocol);

typedef enum {
    VIR_STORAGE_NET_HOST_TRANS_TCP = 0,
    VIR_STORAGE_NET_HOST_TRANS_UNIX,
    VIR_STORAGE_NET_HOST_TRANS_RDMA,
    VIR_STORAGE_NET_HOST_TRANS_LAST
} virStorageNetHostTransport;
VIR_DOMAIN_CONF_ENUM_DECL(virStorageNetHostTransport);

typedef struct _virStorageNetHostDef virStorageNetHostDef;
struct _virStorageNetHostDef {
    char *name;
    unsigned int port;              /* 0 when absent */
    int transport;                  /* virStorageNetHostTransport */
    char *socket;                   /* unix transport */
};

/* The limits of a disk's <iotune>, in libvirt's element order (which is
 * also the order of virDomainGetBlockIoTune's parameters, <group_name>
 * coming between SIZE_IOPS_SEC and the _MAX_LENGTH ones).  The names are
 * both the element names and the typed parameter names. */
typedef enum {
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC = 0,
    VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC,
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC,
    VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC,
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC_MAX,
    VIR_DOMAIN_DISK_IOTUNE_SIZE_IOPS_SEC,
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH,
    VIR_DOMAIN_DISK_IOTUNE_LAST
} virDomainDiskIotune;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainDiskIotune);

/* One layer of a disk's backing chain, <backingStore type=><format
 * type=/><source file=|dev=/>...</backingStore>, outermost first.  A layer
 * of type VIR_STORAGE_TYPE_NONE is the empty <backingStore/> that says the
 * chain ends there (libvirt writes it where it knows the chain). */
typedef struct _virDomainDiskBackingStore virDomainDiskBackingStore;
struct _virDomainDiskBackingStore {
    int type;                       /* virStorageType: file or block */
    char *format;                   /* <format type=>, or NULL */
    char *path;
    virDomainDiskBackingStore *next;
};

void virDomainDiskBackingStoreFree(virDomainDiskBackingStore *chain);

typedef struct _virDomainDiskDef virDomainDiskDef;
struct _virDomainDiskDef {
    int type;                       /* virStorageType */
    int device;                     /* virDomainDiskDevice */

    /* <driver name= type= cache= io= discard=/> */
    char *driverName;
    char *driverFormat;             /* "raw", "qcow2" ... */
    int cachemode;                  /* virDomainDiskCache */
    int iomode;                     /* virDomainDiskIo */
    int discard;                    /* virDomainDiskDiscard */

    /* <source>: file= (file), dev= (block), dir= (dir) all in src */
    char *src;
    int protocol;                   /* virStorageNetProtocol, network */
    char *srcName;                  /* network: name= */
    virStorageNetHostDef *hosts;
    size_t nhosts;
    char *srcPool;                  /* volume: pool= */
    char *srcVolume;                /* volume: volume= */
    int startupPolicy;              /* virDomainStartupPolicy */
    bool hasSource;                 /* a <source> element was present */
    virDomainDiskBackingStore *backingStore;   /* or NULL when unknown */

    /* <target dev= bus= tray=/> */
    char *dst;
    int bus;                        /* virDomainDiskBus */
    char *tray;                     /* "open"/"closed" as written, or NULL */

    bool readonly;
    bool shareable;
    bool transient;
    char *serial;
    char *wwn;
    virDomainDeviceInfo info;       /* address, alias, boot order */
    virSecurityDeviceLabelDef **seclabels;  /* inside <source> */
    size_t nseclabels;

    /* <iotune>: 0 means unset; the group is NULL when absent (an empty
     * name set through the API is kept and formatted) */
    unsigned long long iotune[VIR_DOMAIN_DISK_IOTUNE_LAST];
    char *iotuneGroup;
};

/* ------------------------------------------------------------------ */
/* Controllers                                                        */

typedef enum {
    VIR_DOMAIN_CONTROLLER_TYPE_IDE = 0,
    VIR_DOMAIN_CONTROLLER_TYPE_FDC,
    VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
    VIR_DOMAIN_CONTROLLER_TYPE_SATA,
    VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_CONTROLLER_TYPE_CCID,
    VIR_DOMAIN_CONTROLLER_TYPE_USB,
    VIR_DOMAIN_CONTROLLER_TYPE_PCI,
    VIR_DOMAIN_CONTROLLER_TYPE_XENBUS,
    VIR_DOMAIN_CONTROLLER_TYPE_ISA,
    VIR_DOMAIN_CONTROLLER_TYPE_LAST
} virDomainControllerType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainController);

typedef struct _virDomainControllerDef virDomainControllerDef;
struct _virDomainControllerDef {
    int type;                       /* virDomainControllerType */
    int idx;                        /* index= */
    char *model;                    /* model= as validated string, or NULL */
    int ports;                      /* -1 when absent (virtio-serial, usb) */
    int vectors;                    /* -1 when absent (virtio-serial) */
    /* pci controllers: <model name=.../> (the QEMU device behind the
     * model, NULL when absent) and <target chassis= port=/> (-1 when
     * absent) */
    char *modelName;
    int targetChassis;
    int targetPort;
    /* added by the parser's defaults (for a disk or channel), not written
     * in the document; never formatted */
    bool implicit;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Network interfaces                                                 */

typedef enum {
    VIR_DOMAIN_NET_TYPE_USER = 0,
    VIR_DOMAIN_NET_TYPE_ETHERNET,
    VIR_DOMAIN_NET_TYPE_VHOSTUSER,
    VIR_DOMAIN_NET_TYPE_SERVER,
    VIR_DOMAIN_NET_TYPE_CLIENT,
    VIR_DOMAIN_NET_TYPE_MCAST,
    VIR_DOMAIN_NET_TYPE_NETWORK,
    VIR_DOMAIN_NET_TYPE_BRIDGE,
    VIR_DOMAIN_NET_TYPE_INTERNAL,
    VIR_DOMAIN_NET_TYPE_DIRECT,
    VIR_DOMAIN_NET_TYPE_HOSTDEV,
    VIR_DOMAIN_NET_TYPE_UDP,
    VIR_DOMAIN_NET_TYPE_VDPA,
    VIR_DOMAIN_NET_TYPE_NULL,
    VIR_DOMAIN_NET_TYPE_VDS,
    VIR_DOMAIN_NET_TYPE_LAST
} virDomainNetType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainNet);

/* <bandwidth><inbound|outbound average= peak= floor= burst=/>, in KiB/s
 * and KiB; 0 means unset.  A <bandwidth> whose rates were all removed
 * through the API stays (and is formatted empty), as in libvirt. */
typedef struct _virNetDevBandwidthRate virNetDevBandwidthRate;
struct _virNetDevBandwidthRate {
    unsigned long long average;
    unsigned long long peak;
    unsigned long long floor;
    unsigned long long burst;
};

typedef struct _virNetDevBandwidth virNetDevBandwidth;
struct _virNetDevBandwidth {
    virNetDevBandwidthRate *in;     /* NULL when absent */
    virNetDevBandwidthRate *out;
};

void virNetDevBandwidthFree(virNetDevBandwidth *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetDevBandwidth, virNetDevBandwidthFree);

typedef struct _virDomainNetDef virDomainNetDef;
struct _virDomainNetDef {
    int type;                       /* virDomainNetType */
    unsigned char mac[VIR_MAC_BUFLEN];
    bool macGenerated;              /* no <mac> was given */
    char *model;                    /* <model type=.../> */
    /* <source>: network=, bridge=, dev= (direct/ethernet), mode= (direct),
     * address=/port= (server/client/mcast/udp) */
    char *sourceNetwork;
    char *sourceBridge;
    char *sourceDev;
    char *sourceMode;               /* direct: "vepa", "bridge" ... */
    char *sourceAddress;
    int sourcePort;                 /* 0 when absent */
    char *portgroup;
    char *ifname;                   /* <target dev=.../> */
    int managedTap;                 /* <target managed=...>: virTristateBool */
    char *script;                   /* <script path=.../> */
    char *driverName;               /* <driver name=.../> */
    int linkState;                  /* 0 absent, 1 up, 2 down */
    unsigned int mtu;               /* <mtu size=.../>, 0 when absent */
    virNetDevBandwidth *bandwidth;  /* <bandwidth>, NULL when absent */
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Character devices: serial, parallel, console, channel              */

typedef enum {
    VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL = 0,
    VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_LAST
} virDomainChrDeviceType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChrDevice);

typedef enum {
    VIR_DOMAIN_CHR_TYPE_NULL = 0,
    VIR_DOMAIN_CHR_TYPE_VC,
    VIR_DOMAIN_CHR_TYPE_PTY,
    VIR_DOMAIN_CHR_TYPE_DEV,
    VIR_DOMAIN_CHR_TYPE_FILE,
    VIR_DOMAIN_CHR_TYPE_PIPE,
    VIR_DOMAIN_CHR_TYPE_STDIO,
    VIR_DOMAIN_CHR_TYPE_UDP,
    VIR_DOMAIN_CHR_TYPE_TCP,
    VIR_DOMAIN_CHR_TYPE_UNIX,
    VIR_DOMAIN_CHR_TYPE_SPICEVMC,
    VIR_DOMAIN_CHR_TYPE_SPICEPORT,
    VIR_DOMAIN_CHR_TYPE_NMDM,
    VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT,
    VIR_DOMAIN_CHR_TYPE_DBUS,
    VIR_DOMAIN_CHR_TYPE_LAST
} virDomainChrType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChr);

typedef enum {
    VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW = 0,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TLS,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST
} virDomainChrTcpProtocol;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChrTcpProtocol);

/* target type= of <console> */
typedef enum {
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_XEN,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_UML,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LXC,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_OPENVZ,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLPLM,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST
} virDomainChrConsoleTargetType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChrConsoleTarget);

/* target type= of <channel> */
typedef enum {
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_XEN,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST
} virDomainChrChannelTargetType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChrChannelTarget);

/* target type= of <serial> */
typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST
} virDomainChrSerialTargetType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainChrSerialTarget);

typedef struct _virDomainChrSourceDef virDomainChrSourceDef;
struct _virDomainChrSourceDef {
    int type;                       /* virDomainChrType */
    char *path;                     /* pty/dev/file/pipe/unix path */
    bool listen;                    /* tcp/unix: mode='bind' */
    char *host;                     /* tcp host / udp connect host */
    char *service;                  /* tcp service / udp connect service */
    char *bindHost;                 /* udp bind host */
    char *bindService;              /* udp bind service */
    int protocol;                   /* virDomainChrTcpProtocol, tcp only */
    bool hasProtocol;               /* <protocol> given explicitly */
    int append;                     /* file: virTristateSwitch */
    char *channel;                  /* spiceport channel= */
    virSecurityDeviceLabelDef **seclabels;  /* file/dev/pipe/pty/unix */
    size_t nseclabels;
};

typedef struct _virDomainChrDef virDomainChrDef;
struct _virDomainChrDef {
    int deviceType;                 /* virDomainChrDeviceType */
    int targetType;                 /* per-device target enum above */
    bool targetTypeAttr;            /* type= was given on <target> */
    int targetPort;                 /* -1 when not set */
    char *targetName;               /* channel virtio name= */
    char *targetAddr;               /* channel guestfwd address= */
    int targetAddrPort;             /* channel guestfwd port= */
    char *targetModel;              /* serial <model name=.../> */
    virDomainChrSourceDef source;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Graphics, video, input, sound                                      */

typedef enum {
    VIR_DOMAIN_GRAPHICS_TYPE_SDL = 0,
    VIR_DOMAIN_GRAPHICS_TYPE_VNC,
    VIR_DOMAIN_GRAPHICS_TYPE_RDP,
    VIR_DOMAIN_GRAPHICS_TYPE_DESKTOP,
    VIR_DOMAIN_GRAPHICS_TYPE_SPICE,
    VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS,
    VIR_DOMAIN_GRAPHICS_TYPE_DBUS,
    VIR_DOMAIN_GRAPHICS_TYPE_LAST
} virDomainGraphicsType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainGraphics);

typedef enum {
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE = 0,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST
} virDomainGraphicsListenType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainGraphicsListen);

typedef struct _virDomainGraphicsListenDef virDomainGraphicsListenDef;
struct _virDomainGraphicsListenDef {
    int type;                       /* virDomainGraphicsListenType */
    char *address;
    char *network;
    char *socket;
};

typedef struct _virDomainGraphicsDef virDomainGraphicsDef;
struct _virDomainGraphicsDef {
    int type;                       /* virDomainGraphicsType */
    /* vnc, spice, rdp */
    int port;                       /* -1 = autoport placeholder, 0 absent */
    int tlsPort;                    /* spice, 0 when absent */
    int websocket;                  /* vnc, 0 when absent */
    bool autoport;
    char *keymap;
    char *passwd;                   /* formatted only with FORMAT_SECURE */
    char *passwdValidTo;
    /* sdl */
    char *display;
    char *xauth;
    bool fullscreen;
    virDomainGraphicsListenDef *listens;
    size_t nListens;
};

typedef enum {
    VIR_DOMAIN_VIDEO_TYPE_DEFAULT = 0,
    VIR_DOMAIN_VIDEO_TYPE_VGA,
    VIR_DOMAIN_VIDEO_TYPE_CIRRUS,
    VIR_DOMAIN_VIDEO_TYPE_VMVGA,
    VIR_DOMAIN_VIDEO_TYPE_XEN,
    VIR_DOMAIN_VIDEO_TYPE_VBOX,
    VIR_DOMAIN_VIDEO_TYPE_QXL,
    VIR_DOMAIN_VIDEO_TYPE_PARALLELS,
    VIR_DOMAIN_VIDEO_TYPE_VIRTIO,
    VIR_DOMAIN_VIDEO_TYPE_GOP,
    VIR_DOMAIN_VIDEO_TYPE_NONE,
    VIR_DOMAIN_VIDEO_TYPE_BOCHS,
    VIR_DOMAIN_VIDEO_TYPE_RAMFB,
    VIR_DOMAIN_VIDEO_TYPE_LAST
} virDomainVideoType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainVideo);

typedef struct _virDomainVideoDef virDomainVideoDef;
struct _virDomainVideoDef {
    int type;                       /* virDomainVideoType */
    unsigned int ram;               /* KiB, qxl, 0 when absent */
    unsigned int vram;              /* KiB, 0 when absent */
    unsigned int vram64;            /* KiB, qxl */
    unsigned int vgamem;            /* KiB, qxl */
    unsigned int heads;             /* 0 when absent */
    bool primary;
    int accel3d;                    /* virTristateBool, <acceleration accel3d=/> */
    int accel2d;                    /* virTristateBool */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_INPUT_TYPE_MOUSE = 0,
    VIR_DOMAIN_INPUT_TYPE_TABLET,
    VIR_DOMAIN_INPUT_TYPE_KBD,
    VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH,
    VIR_DOMAIN_INPUT_TYPE_EVDEV,
    VIR_DOMAIN_INPUT_TYPE_LAST
} virDomainInputType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainInput);

typedef enum {
    VIR_DOMAIN_INPUT_BUS_DEFAULT = 0,
    VIR_DOMAIN_INPUT_BUS_PS2,
    VIR_DOMAIN_INPUT_BUS_USB,
    VIR_DOMAIN_INPUT_BUS_XEN,
    VIR_DOMAIN_INPUT_BUS_PARALLELS,
    VIR_DOMAIN_INPUT_BUS_VIRTIO,
    VIR_DOMAIN_INPUT_BUS_NONE,
    VIR_DOMAIN_INPUT_BUS_LAST
} virDomainInputBus;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainInputBus);

typedef struct _virDomainInputDef virDomainInputDef;
struct _virDomainInputDef {
    int type;                       /* virDomainInputType */
    int bus;                        /* virDomainInputBus */
    char *evdev;                    /* passthrough/evdev <source evdev/dev=> */
    virDomainDeviceInfo info;
};

/* <audio id= type=/>: an audio backend (only its identity is kept). */
typedef struct _virDomainAudioDef virDomainAudioDef;
struct _virDomainAudioDef {
    unsigned int id;                /* 1-based */
    char *type;                     /* "none", "pulseaudio" ... */
};

typedef enum {
    VIR_DOMAIN_SOUND_MODEL_SB16 = 0,
    VIR_DOMAIN_SOUND_MODEL_ES1370,
    VIR_DOMAIN_SOUND_MODEL_PCSPK,
    VIR_DOMAIN_SOUND_MODEL_AC97,
    VIR_DOMAIN_SOUND_MODEL_ICH6,
    VIR_DOMAIN_SOUND_MODEL_ICH9,
    VIR_DOMAIN_SOUND_MODEL_USB,
    VIR_DOMAIN_SOUND_MODEL_ICH7,
    VIR_DOMAIN_SOUND_MODEL_LAST
} virDomainSoundModel;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainSoundModel);

typedef struct _virDomainSoundDef virDomainSoundDef;
struct _virDomainSoundDef {
    int model;                      /* virDomainSoundModel */
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* Hostdev, watchdog, memballoon, rng                                 */

typedef enum {
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB = 0,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST
} virDomainHostdevSubsysType;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainHostdevSubsys);

typedef struct _virDomainHostdevDef virDomainHostdevDef;
struct _virDomainHostdevDef {
    int subsysType;                 /* virDomainHostdevSubsysType; mode is
                                     * always 'subsystem' */
    bool managed;
    /* pci: <source><address domain= bus= slot= function=/></source> */
    unsigned int pciDomain;
    unsigned int pciBus;
    unsigned int pciSlot;
    unsigned int pciFunction;
    /* usb: <vendor id=/><product id=/> and/or <address bus= device=/> */
    unsigned int usbVendor;         /* 0 when absent */
    unsigned int usbProduct;
    bool usbHasAddress;
    unsigned int usbBus;
    unsigned int usbDevice;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB = 0,
    VIR_DOMAIN_WATCHDOG_MODEL_IB700,
    VIR_DOMAIN_WATCHDOG_MODEL_DIAG288,
    VIR_DOMAIN_WATCHDOG_MODEL_LAST
} virDomainWatchdogModel;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainWatchdogModel);

typedef enum {
    VIR_DOMAIN_WATCHDOG_ACTION_RESET = 0,
    VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN,
    VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF,
    VIR_DOMAIN_WATCHDOG_ACTION_PAUSE,
    VIR_DOMAIN_WATCHDOG_ACTION_DUMP,
    VIR_DOMAIN_WATCHDOG_ACTION_NONE,
    VIR_DOMAIN_WATCHDOG_ACTION_INJECTNMI,
    VIR_DOMAIN_WATCHDOG_ACTION_LAST
} virDomainWatchdogAction;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainWatchdogAction);

typedef struct _virDomainWatchdogDef virDomainWatchdogDef;
struct _virDomainWatchdogDef {
    int model;                      /* virDomainWatchdogModel */
    int action;                     /* virDomainWatchdogAction */
    virDomainDeviceInfo info;
};

/* <panic model=...>: how the guest tells the host it panicked. */
typedef enum {
    VIR_DOMAIN_PANIC_MODEL_DEFAULT = 0,
    VIR_DOMAIN_PANIC_MODEL_ISA,
    VIR_DOMAIN_PANIC_MODEL_PSERIES,
    VIR_DOMAIN_PANIC_MODEL_HYPERV,
    VIR_DOMAIN_PANIC_MODEL_S390,
    VIR_DOMAIN_PANIC_MODEL_LAST
} virDomainPanicModel;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainPanicModel);

typedef struct _virDomainPanicDef virDomainPanicDef;
struct _virDomainPanicDef {
    int model;                      /* virDomainPanicModel */
    virDomainDeviceInfo info;       /* isa: the I/O port (iobase) */
};

typedef enum {
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO = 0,
    VIR_DOMAIN_MEMBALLOON_MODEL_XEN,
    VIR_DOMAIN_MEMBALLOON_MODEL_NONE,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_MEMBALLOON_MODEL_LAST
} virDomainMemballoonModel;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainMemballoonModel);

typedef struct _virDomainMemballoonDef virDomainMemballoonDef;
struct _virDomainMemballoonDef {
    int model;                      /* virDomainMemballoonModel */
    int period;                     /* <stats period=/>, 0 when absent */
    int autodeflate;                /* virTristateSwitch */
    int free_page_reporting;        /* virTristateSwitch */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_RNG_MODEL_VIRTIO = 0,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_RNG_MODEL_LAST
} virDomainRNGModel;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainRNGModel);

typedef enum {
    VIR_DOMAIN_RNG_BACKEND_RANDOM = 0,
    VIR_DOMAIN_RNG_BACKEND_EGD,
    VIR_DOMAIN_RNG_BACKEND_BUILTIN,
    VIR_DOMAIN_RNG_BACKEND_LAST
} virDomainRNGBackend;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainRNGBackend);

typedef struct _virDomainRNGDef virDomainRNGDef;
struct _virDomainRNGDef {
    int model;                      /* virDomainRNGModel */
    int backend;                    /* virDomainRNGBackend */
    char *randomPath;               /* random backend device, may be NULL */
    virDomainChrSourceDef *egd;     /* egd backend source */
    unsigned int rateBytes;         /* <rate bytes= period=/>, 0 absent */
    unsigned int ratePeriod;
    virDomainDeviceInfo info;
};

/* ------------------------------------------------------------------ */
/* CPU                                                                */

typedef struct _virCPUFeatureDef virCPUFeatureDef;
struct _virCPUFeatureDef {
    char *name;
    int policy;                     /* virCPUFeaturePolicy */
};

typedef enum {
    VIR_DOMAIN_MEMORY_ACCESS_DEFAULT = 0,
    VIR_DOMAIN_MEMORY_ACCESS_SHARED,
    VIR_DOMAIN_MEMORY_ACCESS_PRIVATE,
    VIR_DOMAIN_MEMORY_ACCESS_LAST
} virDomainMemoryAccess;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainMemoryAccess);

/* A guest NUMA node, <cpu><numa><cell .../></numa>. */
typedef struct _virDomainNumaCell virDomainNumaCell;
struct _virDomainNumaCell {
    unsigned int id;
    char *cpus;                     /* canonical cpuset, NULL when absent */
    unsigned long long memory;      /* KiB */
    int memAccess;                  /* virDomainMemoryAccess */
    int discard;                    /* virTristateBool */
    unsigned int *distances;        /* <distances><sibling value=/>, by */
    unsigned int *distanceIds;      /* sibling id= */
    size_t ndistances;
};

typedef struct _virCPUDef virCPUDef;
struct _virCPUDef {
    int mode;                       /* virCPUMode */
    int match;                      /* virCPUMatch, custom only */
    bool hasMatch;
    int check;                      /* virCPUCheck */
    int migratable;                 /* virTristateSwitch */
    char *model;
    int fallback;                   /* virCPUFallback */
    char *vendor_id;                /* <model vendor_id=/> */
    char *vendor;                   /* <vendor> */
    unsigned int sockets;           /* 0 when no <topology> */
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    virCPUFeatureDef *features;
    size_t nfeatures;
    virDomainNumaCell *cells;       /* <numa>, ids 0..ncells-1 in order */
    size_t ncells;
};

/* ------------------------------------------------------------------ */
/* Clock                                                              */

typedef struct _virDomainTimerDef virDomainTimerDef;
struct _virDomainTimerDef {
    int name;                       /* virDomainTimerName */
    int present;                    /* virTristateBool */
    int tickpolicy;                 /* virDomainTimerTickpolicy, -1 absent */
    int track;                      /* virDomainTimerTrack, -1 absent */
    unsigned long long frequency;   /* tsc, 0 when absent */
    int mode;                       /* virDomainTimerMode, -1 absent */
};

typedef struct _virDomainClockDef virDomainClockDef;
struct _virDomainClockDef {
    int offset;                     /* virDomainClockOffsetType */
    long long adjustment;           /* variable/absolute */
    bool hasAdjustment;
    int basis;                      /* virDomainClockBasis, variable */
    char *timezone;                 /* offset='timezone' */
    char *adjustmentReset;          /* localtime/utc adjustment='reset' */
    virDomainTimerDef **timers;
    size_t ntimers;
};

/* ------------------------------------------------------------------ */
/* OS                                                                 */

typedef struct _virDomainOSDef virDomainOSDef;
struct _virDomainOSDef {
    int type;                       /* virDomainOSType */
    char *arch;                     /* NULL when absent (drivers fill in) */
    char *machine;                  /* NULL when absent */
    int bootDevs[VIR_DOMAIN_BOOT_LAST];
    size_t nBootDevs;
    int bootmenu;                   /* virTristateBool */
    unsigned int bootmenuTimeout;
    bool bootmenuHasTimeout;
    int useserial;                  /* <bios useserial=/>, virTristateBool */
    int rebootTimeout;              /* <bios rebootTimeout=/>, -2 absent */
    char *init;                     /* exe */
    char **initargs;
    size_t ninitargs;
    char *kernel;
    char *initrd;
    char *cmdline;
    char *dtb;
    char *root;
    char *loader;                   /* <loader> path */
    int loaderReadonly;             /* virTristateBool */
    int loaderType;                 /* virDomainLoader */
    int loaderSecure;               /* virTristateBool */
    char *nvram;                    /* <nvram> path */
    char *nvramTemplate;
    char *bootloader;               /* xen <bootloader> */
    char *bootloaderArgs;
    int smbiosMode;                 /* 0 absent, 1 emulate, 2 host, 3 sysinfo */
    bool hasLoader;                 /* <loader> or <nvram> was given */
};

/* ------------------------------------------------------------------ */
/* Tuning: blkiotune, memtune, memoryBacking, cputune, numatune ...    */

typedef struct _virBlkioDevice virBlkioDevice;
struct _virBlkioDevice {
    char *path;
    unsigned int weight;            /* 0 when absent */
    unsigned long long riops;       /* read_iops_sec, 0 when absent */
    unsigned long long wiops;
    unsigned long long rbps;
    unsigned long long wbps;
};

/* <memoryBacking><hugepages><page size= nodeset=/> */
typedef struct _virDomainHugePage virDomainHugePage;
struct _virDomainHugePage {
    unsigned long long size;        /* KiB, 0 for a bare <hugepages/> */
    char *nodeset;                  /* canonical, NULL when absent */
};

typedef enum {
    VIR_DOMAIN_MEMORY_SOURCE_NONE = 0,
    VIR_DOMAIN_MEMORY_SOURCE_FILE,
    VIR_DOMAIN_MEMORY_SOURCE_ANONYMOUS,
    VIR_DOMAIN_MEMORY_SOURCE_MEMFD,
    VIR_DOMAIN_MEMORY_SOURCE_LAST
} virDomainMemorySource;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainMemorySource);

typedef enum {
    VIR_DOMAIN_MEMORY_ALLOCATION_NONE = 0,
    VIR_DOMAIN_MEMORY_ALLOCATION_IMMEDIATE,
    VIR_DOMAIN_MEMORY_ALLOCATION_ONDEMAND,
    VIR_DOMAIN_MEMORY_ALLOCATION_LAST
} virDomainMemoryAllocation;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainMemoryAllocation);

/* Process scheduler of <vcpusched>/<iothreadsched>/<emulatorsched>. */
typedef enum {
    VIR_PROC_POLICY_NONE = 0,
    VIR_PROC_POLICY_BATCH,
    VIR_PROC_POLICY_IDLE,
    VIR_PROC_POLICY_FIFO,
    VIR_PROC_POLICY_RR,
    VIR_PROC_POLICY_LAST
} virProcessSchedPolicy;
VIR_DOMAIN_CONF_ENUM_DECL(virProcessSchedPolicy);

typedef struct _virDomainThreadSchedParam virDomainThreadSchedParam;
struct _virDomainThreadSchedParam {
    int policy;                     /* virProcessSchedPolicy, NONE absent */
    int priority;                   /* fifo/rr only */
};

/* <vcpupin vcpu= cpuset=/> or <iothreadpin iothread= cpuset=/> */
typedef struct _virDomainPinDef virDomainPinDef;
struct _virDomainPinDef {
    unsigned int id;
    char *cpuset;                   /* canonical */
};

typedef struct _virDomainIOThreadIDDef virDomainIOThreadIDDef;
struct _virDomainIOThreadIDDef {
    unsigned int iothread_id;
    bool autofill;                  /* added to reach the <iothreads> count */
    int thread_pool_min;            /* -1 when absent */
    int thread_pool_max;            /* -1 when absent */
    virDomainThreadSchedParam sched;
};

/* <numatune> modes use the public virDomainNumatuneMemMode. */
VIR_DOMAIN_CONF_ENUM_DECL(virDomainNumatuneMemMode);

typedef enum {
    VIR_DOMAIN_NUMATUNE_PLACEMENT_DEFAULT = 0,
    VIR_DOMAIN_NUMATUNE_PLACEMENT_STATIC,
    VIR_DOMAIN_NUMATUNE_PLACEMENT_AUTO,
    VIR_DOMAIN_NUMATUNE_PLACEMENT_LAST
} virDomainNumatunePlacement;
VIR_DOMAIN_CONF_ENUM_DECL(virDomainNumatunePlacement);

typedef struct _virDomainNumatuneMemNode virDomainNumatuneMemNode;
struct _virDomainNumatuneMemNode {
    unsigned int cellid;
    int mode;                       /* virDomainNumatuneMemMode */
    char *nodeset;                  /* canonical */
};

/* fwcfg <entry name= [file=]>value</entry> */
typedef struct _virSysinfoEntry virSysinfoEntry;
struct _virSysinfoEntry {
    char *name;
    char *value;                    /* NULL when empty */
    char *file;
};

#define VIR_SYSINFO_BIOS_LAST 4         /* vendor version date release */
#define VIR_SYSINFO_SYSTEM_LAST 7       /* manufacturer product version
                                         * serial uuid sku family */
#define VIR_SYSINFO_BASEBOARD_LAST 6    /* manufacturer product version
                                         * serial asset location */
#define VIR_SYSINFO_CHASSIS_LAST 5      /* manufacturer version serial
                                         * asset sku */

/* One <sysinfo>.  smbios values are stored by field, in libvirt's
 * output order, NULL when absent or empty. */
typedef struct _virSysinfoDef virSysinfoDef;
struct _virSysinfoDef {
    int type;                       /* 0 smbios, 1 fwcfg */
    char *bios[VIR_SYSINFO_BIOS_LAST];
    char *system[VIR_SYSINFO_SYSTEM_LAST];
    char **baseBoards;              /* nbaseBoards * BASEBOARD_LAST */
    size_t nbaseBoards;
    char *chassis[VIR_SYSINFO_CHASSIS_LAST];
    char **oemStrings;
    size_t noemStrings;
    virSysinfoEntry *fwcfg;
    size_t nfwcfg;
};

typedef struct _virDomainIdMapEntry virDomainIdMapEntry;
struct _virDomainIdMapEntry {
    unsigned int start;
    unsigned int target;
    unsigned int count;
};

/* The <perf> events, named as libvirt's VIR_PERF_PARAM_* values and in
 * that order. */
typedef enum {
    VIR_PERF_EVENT_CMT = 0,
    VIR_PERF_EVENT_MBMT,
    VIR_PERF_EVENT_MBML,
    VIR_PERF_EVENT_CPU_CYCLES,
    VIR_PERF_EVENT_INSTRUCTIONS,
    VIR_PERF_EVENT_CACHE_REFERENCES,
    VIR_PERF_EVENT_CACHE_MISSES,
    VIR_PERF_EVENT_BRANCH_INSTRUCTIONS,
    VIR_PERF_EVENT_BRANCH_MISSES,
    VIR_PERF_EVENT_BUS_CYCLES,
    VIR_PERF_EVENT_STALLED_CYCLES_FRONTEND,
    VIR_PERF_EVENT_STALLED_CYCLES_BACKEND,
    VIR_PERF_EVENT_REF_CPU_CYCLES,
    VIR_PERF_EVENT_CPU_CLOCK,
    VIR_PERF_EVENT_TASK_CLOCK,
    VIR_PERF_EVENT_PAGE_FAULTS,
    VIR_PERF_EVENT_CONTEXT_SWITCHES,
    VIR_PERF_EVENT_CPU_MIGRATIONS,
    VIR_PERF_EVENT_PAGE_FAULTS_MIN,
    VIR_PERF_EVENT_PAGE_FAULTS_MAJ,
    VIR_PERF_EVENT_ALIGNMENT_FAULTS,
    VIR_PERF_EVENT_EMULATION_FAULTS,
    VIR_PERF_EVENT_LAST
} virPerfEvent;
VIR_DOMAIN_CONF_ENUM_DECL(virPerfEvent);

/* ------------------------------------------------------------------ */
/* The domain                                                         */

typedef struct _virDomainDef virDomainDef;
struct _virDomainDef {
    int virtType;                   /* virDomainVirtType */
    int id;                         /* -1 when inactive */
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool hasUUID;                   /* false only with PARSE_SKIP_DEFAULTS */
    char *name;
    char *title;
    char *description;
    char *metadata;                 /* raw <metadata>...</metadata> XML */
    char *genid;                    /* NULL when absent */

    /* memory, all in KiB */
    unsigned long long maxMemory;   /* <maxMemory>, 0 when absent */
    unsigned int maxMemorySlots;
    unsigned long long memory;      /* <memory> (total) */
    unsigned long long currentMemory; /* <currentMemory>, the balloon */
    int memDumpCore;                /* <memory dumpCore=>, virTristateSwitch */

    /* vcpus */
    unsigned int maxvcpus;
    unsigned int vcpus;             /* current, == maxvcpus unless given */
    int placement;                  /* virDomainCpuPlacementMode */
    char *cpuset;                   /* canonical "0-3,6" form, or NULL */

    unsigned int iothreads;         /* <iothreads>, 0 when absent */

    virDomainOSDef os;

    int features[VIR_DOMAIN_FEATURE_LAST];  /* virTristateSwitch;
                                             * ON also for <acpi/>-style */
    int apicEoi;                    /* <apic eoi=>, virTristateSwitch */
    unsigned int gicVersion;        /* 0 absent, 1 "host", 2, 3 */
    int ioapicDriver;               /* 1 "kvm", 2 "qemu" */
    int pmSuspendToMem;             /* <pm>, virTristateBool */
    int pmSuspendToDisk;

    int perf[VIR_PERF_EVENT_LAST];  /* <perf> events, virTristateBool */

    virCPUDef *cpu;                 /* NULL when no <cpu> */
    virDomainClockDef clock;

    int onPoweroff;                 /* virDomainLifecycleAction */
    int onReboot;
    int onCrash;
    int onLockfailure;              /* virDomainLockFailureAction */

    /* devices */
    char *emulator;
    virDomainDiskDef **disks;
    size_t ndisks;
    virDomainControllerDef **controllers;
    size_t ncontrollers;
    virDomainNetDef **nets;
    size_t nnets;
    virDomainChrDef **serials;
    size_t nserials;
    virDomainChrDef **parallels;
    size_t nparallels;
    virDomainChrDef **consoles;
    size_t nconsoles;
    virDomainChrDef **channels;
    size_t nchannels;
    virDomainInputDef **inputs;
    size_t ninputs;
    virDomainGraphicsDef **graphics;
    size_t ngraphics;
    virDomainSoundDef **sounds;
    size_t nsounds;
    virDomainAudioDef **audios;
    size_t naudios;
    virDomainVideoDef **videos;
    size_t nvideos;
    virDomainHostdevDef **hostdevs;
    size_t nhostdevs;
    virDomainWatchdogDef *watchdog; /* NULL when absent */
    virDomainMemballoonDef *memballoon; /* NULL when absent */
    virDomainRNGDef **rngs;
    size_t nrngs;
    virDomainPanicDef **panics;
    size_t npanics;

    /* security labels, in document order */
    virSecurityLabelDef **seclabels;
    size_t nseclabels;

    /* <blkiotune> */
    unsigned int blkioWeight;       /* 0 when absent */
    virBlkioDevice *blkioDevices;
    size_t nblkioDevices;

    /* <memtune>, KiB; the has* flags say the element was given */
    unsigned long long hardLimit;
    bool hasHardLimit;
    unsigned long long softLimit;
    bool hasSoftLimit;
    unsigned long long swapHardLimit;
    bool hasSwapHardLimit;
    unsigned long long minGuarantee; /* 0 when absent */

    /* <memoryBacking> */
    bool hasHugepages;
    virDomainHugePage *hugepages;
    size_t nhugepages;
    bool nosharepages;
    bool locked;
    int memSource;                  /* virDomainMemorySource */
    int memAccess;                  /* virDomainMemoryAccess */
    int memAllocation;              /* virDomainMemoryAllocation */
    unsigned int memAllocThreads;   /* 0 when absent */
    bool memDiscard;

    /* <iothreadids>, in document order then the autofilled ones */
    virDomainIOThreadIDDef *iothreadids;
    size_t niothreadids;

    /* <cputune>; periods/quotas are 0 when absent */
    unsigned long long cputuneShares;
    bool cputuneSharesSpecified;
    unsigned long long cputunePeriod;
    long long cputuneQuota;
    unsigned long long cputuneGlobalPeriod;
    long long cputuneGlobalQuota;
    unsigned long long cputuneEmulatorPeriod;
    long long cputuneEmulatorQuota;
    unsigned long long cputuneIothreadPeriod;
    long long cputuneIothreadQuota;
    virDomainPinDef *vcpupins;      /* sorted by vcpu id */
    size_t nvcpupins;
    char *emulatorpin;              /* canonical cpuset or NULL */
    virDomainPinDef *iothreadpins;  /* iothreadids order */
    size_t niothreadpins;
    virDomainThreadSchedParam emulatorSched;
    virDomainThreadSchedParam *vcpuSched;   /* maxvcpus entries, or NULL */

    /* <numatune> */
    bool hasNumatuneMemory;         /* <memory> child given (or implied) */
    int numatuneMode;               /* virDomainNumatuneMemMode */
    int numatunePlacement;          /* virDomainNumatunePlacement */
    char *numatuneNodeset;          /* canonical, static placement */
    virDomainNumatuneMemNode *memnodes;
    size_t nmemnodes;

    /* <resource> */
    char *resourcePartition;
    char *resourceAppid;            /* <fibrechannel appid=/> */

    /* <sysinfo>, in document order */
    virSysinfoDef **sysinfos;
    size_t nsysinfos;

    /* <idmap> */
    virDomainIdMapEntry *uidmap;
    size_t nuidmap;
    virDomainIdMapEntry *gidmap;
    size_t ngidmap;
};

/* ------------------------------------------------------------------ */
/* API                                                                */

typedef enum {
    /* The document describes a persistent config: drop live-only data
     * (id, aliases, generated tap names). */
    VIR_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* Keep the <id> given in the document (live state files). */
    VIR_DOMAIN_DEF_PARSE_STATUS = 1 << 1,
    /* Skip the generation of missing UUID / MAC addresses (callers that
     * only inspect a document). */
    VIR_DOMAIN_DEF_PARSE_SKIP_DEFAULTS = 1 << 2,
} virDomainDefParseFlags;

typedef enum {
    VIR_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 0,   /* persistent view */
    VIR_DOMAIN_DEF_FORMAT_SECURE = 1 << 1,     /* include passwords */
    VIR_DOMAIN_DEF_FORMAT_MIGRATABLE = 1 << 2, /* accepted, no effect yet */
    VIR_DOMAIN_DEF_FORMAT_COPY = 1 << 3,       /* for virDomainDefCopy: keep what
                                                * libvirt leaves out as empty */
} virDomainDefFormatFlags;

/* Parse a <domain> document.  Returns NULL with an error reported
 * (VIR_FROM_DOMAIN) on failure. */
virDomainDef *virDomainDefParseString(const char *xml, unsigned int flags);

/* Parse the <domain> element ROOT of document XML (for example a domain
 * embedded in a test driver node file). */
virDomainDef *virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root,
                                    unsigned int flags);

/* Format DEF as libvirt does.  Returns a string to g_free, or NULL with
 * an error reported. */
char *virDomainDefFormat(const virDomainDef *def, unsigned int flags);

/* A deep copy (done through format + parse, so it is exact). NULL with
 * an error reported on failure. */
virDomainDef *virDomainDefCopy(const virDomainDef *def);

/* A new, empty definition (id -1, everything else zero). */
virDomainDef *virDomainDefNew(void);

void virDomainDefFree(virDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDef, virDomainDefFree);

/* Device free functions, NULL accepted. */
void virDomainDiskDefFree(virDomainDiskDef *def);
void virDomainControllerDefFree(virDomainControllerDef *def);
void virDomainNetDefFree(virDomainNetDef *def);
void virDomainChrDefFree(virDomainChrDef *def);
void virDomainChrSourceDefClear(virDomainChrSourceDef *src);
void virDomainInputDefFree(virDomainInputDef *def);
void virDomainGraphicsDefFree(virDomainGraphicsDef *def);
void virDomainSoundDefFree(virDomainSoundDef *def);
void virDomainAudioDefFree(virDomainAudioDef *def);
void virDomainVideoDefFree(virDomainVideoDef *def);
void virDomainHostdevDefFree(virDomainHostdevDef *def);
void virDomainWatchdogDefFree(virDomainWatchdogDef *def);
void virDomainMemballoonDefFree(virDomainMemballoonDef *def);
void virDomainRNGDefFree(virDomainRNGDef *def);
void virDomainPanicDefFree(virDomainPanicDef *def);
void virCPUDefFree(virCPUDef *def);
void virSecurityLabelDefFree(virSecurityLabelDef *def);
void virSecurityDeviceLabelDefFree(virSecurityDeviceLabelDef *def);
void virSysinfoDefFree(virSysinfoDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecurityLabelDef, virSecurityLabelDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecurityDeviceLabelDef,
                              virSecurityDeviceLabelDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSysinfoDef, virSysinfoDefFree);

/* The entry names of each SMBIOS block, indexed like virSysinfoDef's arrays. */
extern const char *const virSysinfoBIOSNames[VIR_SYSINFO_BIOS_LAST];
extern const char *const virSysinfoSystemNames[VIR_SYSINFO_SYSTEM_LAST];
extern const char *const virSysinfoBoardNames[VIR_SYSINFO_BASEBOARD_LAST];
extern const char *const virSysinfoChassisNames[VIR_SYSINFO_CHASSIS_LAST];
void virDomainDeviceInfoClear(virDomainDeviceInfo *info);

/* Small helpers drivers need too. */

/* UUIDs: see util/viruuid.h. */

/* "aa:bb:cc:dd:ee:ff" into BUF (at least VIR_MAC_STRING_BUFLEN bytes). */
char *virDomainMacFormat(const unsigned char *mac, char *buf);
/* 52:54:00 followed by three random bytes. */
void virDomainMacGenerate(unsigned char *mac);

/* Parse "1024" with UNIT ("KiB" when NULL) into KiB, rounding bytes up.
 * Returns 0, or -1 with VIR_ERR_INVALID_ARG "unknown suffix '...'" style
 * error reported. */
int virDomainScaleToKiB(const char *value, const char *unit,
                        unsigned long long *kib);

/* Parse a libvirt bitmap string ("0-3,^2,8") into its canonical form in
 * *CANONICAL (to g_free; "" when no bit is set).  Returns 0, or -1 with
 * libvirt's "Failed to parse bitmap" error (VIR_FROM_NONE). */
int virBitmapParseCanonical(const char *str, char **canonical);

/* A new controller of TYPE and index IDX with every optional field
 * absent (ports, vectors, target -1). */
virDomainControllerDef *virDomainControllerDefNew(int type, int idx);

/* Insert CONT (consumed) into DEF's controllers keeping controllers of one
 * type grouped by index, as libvirt does. */
void virDomainControllerInsert(virDomainDef *def,
                               virDomainControllerDef *cont);

/* Look a device up by its target name; NULL when absent. */
virDomainDiskDef *virDomainDiskByTarget(const virDomainDef *def,
                                        const char *dst);
virDomainNetDef *virDomainNetByMac(const virDomainDef *def,
                                   const unsigned char *mac);
