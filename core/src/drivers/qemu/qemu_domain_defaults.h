/*
 * qemu_domain_defaults.h: what a QEMU domain gets when it is defined
 *
 * libvirt's QEMU driver completes every definition before it stores it:
 * the machine alias becomes the versioned machine type, the implicit
 * controllers, input devices, audio backend and memory balloon appear, and
 * every PCI device gets an address (on q35 behind pcie-root-ports that are
 * added as needed).  virtkit does the same here, so that `dumpxml` of a
 * defined guest reads like libvirt's.  The facts that come from probing the
 * emulator (its default machine, the alias table) are an input, since the
 * capability probe lives elsewhere; qemuDomainDefaultsQEMU72 holds the
 * values of Debian 12's QEMU 7.2 for tests and as a fallback.
 */
#pragma once

#include <stdbool.h>

#include "domain_conf.h"

/* One machine alias of the emulator: ALIAS ("pc") names MACHINE
 * ("pc-i440fx-7.2"). */
typedef struct _qemuMachineAlias qemuMachineAlias;
struct _qemuMachineAlias {
    const char *alias;
    const char *machine;
};

/* What the defaults need to know about the emulator. */
typedef struct _qemuDomainDefaultsInfo qemuDomainDefaultsInfo;
struct _qemuDomainDefaultsInfo {
    const char *emulator;           /* <emulator> for definitions without one */
    const char *arch;               /* the emulator's guest arch, "x86_64" */
    const char *defaultMachine;     /* used when <type> names no machine */
    const qemuMachineAlias *aliases;
    size_t naliases;
};

/* The values of /usr/bin/qemu-system-x86_64 from QEMU 7.2. */
extern const qemuDomainDefaultsInfo qemuDomainDefaultsQEMU72;

/* Complete DEF (a freshly parsed definition) as libvirt's QEMU driver does
 * at define time: arch, machine, emulator, CPU model, disk driver, NIC
 * model, implicit controllers and devices, serial target model, VNC listen,
 * virtio-serial ports and PCI addresses.  Returns 0, or -1 with an error
 * reported (VIR_FROM_QEMU) when DEF cannot run on this emulator (unknown
 * architecture, no PCI slot left ...).  Calling it again on its own output
 * changes nothing. */
int qemuDomainDefAddDefaults(virDomainDef *def,
                             const qemuDomainDefaultsInfo *info);

/* Give every device of DEF that has none the alias libvirt gives it at
 * start ("virtio-disk0", "net0", "pci.1", "serial0" ...); these are also
 * the QEMU ids of the devices on the command line. */
void qemuDomainAssignAliases(virDomainDef *def);

/* Machine families, from the (resolved) machine type. */
bool qemuDomainIsQ35(const virDomainDef *def);
bool qemuDomainIsI440FX(const virDomainDef *def);
