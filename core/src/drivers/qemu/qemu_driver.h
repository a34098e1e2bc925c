/*
 * qemu_driver.h: the QEMU/KVM hypervisor driver.
 *
 * It serves qemu:///embed?root=DIR in-process: every file lives under DIR
 * (see qemu_domainobj.h), and every connection to the same DIR shares one
 * driver state.  qemu:///system and qemu:///session belong to the daemon
 * and are declined here.
 */
#pragma once

/* Register the QEMU driver with the connection core (from virInitialize). */
void qemuRegister(void);
