/*
 * qemu_command.h: the QEMU command line of a domain definition
 *
 * qemuBuildCommandLine() turns a domain definition into the argument
 * vector of qemu-system-x86_64, the way libvirt's QEMU driver builds it:
 * plain options in QEMU's key=value syntax, devices, block nodes, network
 * backends and objects as JSON (commas in paths need no escaping there).
 * Everything that depends on the host at start time (the monitor socket,
 * tap devices, the VNC port picked for autoport ...) comes in through a
 * qemuCommandContext, so the same definition always gives the same argv
 * and the golden tests need no host resources.
 *
 * The vector always holds -S: QEMU starts paused and the driver sends
 * "cont" over QMP once it is attached.
 */
#pragma once

#include <stdbool.h>

#include "domain_conf.h"
#include "qemu_domain_defaults.h"

/* The host side of one <interface> that QEMU reaches through a tap
 * device (types network, bridge and ethernet).  The later start step
 * creates the tap and fills this in. */
typedef struct _qemuCommandNetTap qemuCommandNetTap;
struct _qemuCommandNetTap {
    int fd;                         /* an open tap fd QEMU inherits, or -1 */
    const char *ifname;             /* else the tap's name; QEMU opens it */
};

typedef struct _qemuCommandContext qemuCommandContext;
struct _qemuCommandContext {
    /* argv[0]; NULL means the definition's <emulator> */
    const char *emulator;
    /* the unix socket QEMU listens on for QMP (required) */
    const char *monitorPath;
    /* QEMU writes its pid here (-pidfile); NULL for none */
    const char *pidfile;
    /* per <interface>, indexed like def->nets; may be NULL (or shorter
     * than def->nnets) when no interface needs a tap */
    const qemuCommandNetTap *taps;
    size_t ntaps;
    /* the TCP port chosen for a VNC display with autoport='yes' (5900 +
     * display), -1 when none was chosen */
    int vncPort;
    /* the port chosen for websocket='-1', -1 when none */
    int vncWebsocketPort;
    /* the emulator's machine aliases and default machine, used to resolve
     * a definition that has not been completed at define time; NULL means
     * qemuDomainDefaultsQEMU72 */
    const qemuDomainDefaultsInfo *defaults;
    /* /dev/kvm is usable: <domain type='kvm'> is allowed */
    bool kvmUsable;
};

/* Build the argument vector that starts DEF (argv[0] is the emulator; a
 * NULL-terminated array to g_strfreev).  DEF is not changed: the defaults
 * and aliases are applied to a private copy, so a definition straight from
 * the parser and one completed by qemuDomainDefAddDefaults() give the same
 * result.  Returns NULL with an error reported (VIR_FROM_QEMU) when QEMU
 * cannot run the configuration: VIR_ERR_CONFIG_UNSUPPORTED for features
 * QEMU or this driver lack, VIR_ERR_XML_ERROR for inconsistent documents,
 * VIR_ERR_INTERNAL_ERROR when CTX misses something the definition needs. */
char **qemuBuildCommandLine(const virDomainDef *def,
                            const qemuCommandContext *ctx);
