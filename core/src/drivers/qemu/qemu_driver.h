/*
 * qemu_driver.h: the QEMU/KVM hypervisor driver.
 *
 * It serves qemu:///embed?root=DIR in-process: every file lives under DIR
 * (see qemu_domainobj.h), and every connection to the same DIR shares one
 * driver state.  qemu:///system and qemu:///session belong to the daemon:
 * inside virtkitd (after qemuDaemonInit) they share the daemon's one
 * state, anywhere else they are declined (the remote driver takes them).
 */
#pragma once

#include <stdbool.h>

/* Register the QEMU driver with the connection core (from virInitialize). */
void qemuRegister(void);

/* Make this process the daemon serving qemu:///system and qemu:///session
 * (PRIVILEGED, the system layout below ROOT, or below / when ROOT is
 * NULL) or qemu:///session alone (the user's folders; ROOT unused): see
 * docs/daemon-paths.md.  The state is made now when there is work at
 * start (running domains to reattach to, domains to autostart, which are
 * then started), else at the first connection.  0, or -1 reported. */
int qemuDaemonInit(const char *root, bool privileged);

/* Whether a domain of the daemon's state runs. */
bool qemuDaemonHasActive(void);
