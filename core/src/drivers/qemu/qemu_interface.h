/*
 * qemu_interface.h: the host side of a domain's network interfaces
 *
 * Interfaces of type 'bridge' and 'ethernet' reach the host through a tap
 * device that the driver opens before QEMU starts (or before a hotplug)
 * and hands to QEMU as an open descriptor; the generated name ("vnetN")
 * goes into the live definition's <target dev=.../>, as libvirt shows it.
 * The taps are not persistent: once QEMU and the driver have closed
 * their descriptors the kernel removes them (and their bridge ports), so
 * a QEMU that exits for any reason (destroy, shutdown, crash, a failed
 * start, one taken back from another process) or an unplugged backend
 * leaves none behind, and stopping has nothing to delete by name: a tap
 * of that name still there afterwards would not be the driver's.
 * The tap work itself is in util/virnetdevtap.c, shared with the network
 * driver.
 */
#pragma once

#include "domain_conf.h"
#include "qemu_command.h"

/* Whether NET reaches the host through a tap (types network, bridge and
 * ethernet). */
bool qemuInterfaceNeedsTap(const virDomainNetDef *net);

/* Open a tap for NET and make it a port of bridge BRNAME (NULL: no
 * bridge), as <interface type='bridge'> and a virtual network's
 * interfaces need: named after NET's <target dev> or, when it has none,
 * the next free "vnetN", which is then stored in NET->ifname.  Returns
 * the tap's descriptor, or -1 reported. */
int qemuInterfaceBridgeConnect(virDomainNetDef *net, const char *brname);

/* Open the host side of NET (qemuInterfaceNeedsTap must be true): a tap
 * on its bridge, or for type='ethernet' a tap of its own (the existing
 * tap named by <target dev> is used as it is, like libvirt's
 * managed='no').  Type 'network' needs the network driver: reported as
 * a missing network for now.  Returns the descriptor, or -1 reported. */
int qemuInterfaceOpenTap(virDomainNetDef *net);

/* Open the taps of every interface of DEF (a live definition) that
 * needs one.  *RET_TAPS gets an array indexed like DEF->nets, of
 * DEF->nnets entries (fd -1 where no tap is needed), for
 * qemuCommandContext.taps; free it with qemuInterfaceCloseTaps.  On
 * failure the taps opened so far are closed and -1 is reported. */
int qemuInterfaceOpenTaps(virDomainDef *def, qemuCommandNetTap **ret_taps);

/* Close the descriptors of TAPS (NTAPS entries; once QEMU has its own
 * copies, or after a failure) and free the array.  Accepts NULL. */
void qemuInterfaceCloseTaps(qemuCommandNetTap *taps, size_t ntaps);
