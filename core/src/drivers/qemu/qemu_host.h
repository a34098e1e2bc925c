/*
 * qemu_host.h: the host as the QEMU driver describes it: the <host> part
 * of the capabilities XML (virConnectGetCapabilities: the host CPU, its
 * NUMA cells and the security models) and the virNodeGet* figures of CPU
 * time and memory, read from CPUID, /proc and sysfs.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "qemu_domainobj.h"

/* Append the host's <cpu> element to BUF (indented for <host>): ARCH,
 * and on x86 the CPU model and features decoded through the CPU map,
 * vendor, signature, <topology>, <maxphysaddr> and the page sizes.
 * SYSFS is the sysfs root ("/sys", or a test's fake tree). */
void qemuHostFormatCPU(GString *buf, const char *arch, const char *sysfs);

/* Append the host's NUMA <topology> (cells with memory, pages,
 * distances and CPUs) read below SYSFS; nothing when SYSFS has no node
 * folder. */
void qemuHostFormatTopology(GString *buf, const char *sysfs);

/* The whole capabilities XML of DRIVER's host and guests.  sysfs is
 * read below $VIRTKIT_SYSFS_ROOT when set (for tests), else /sys. */
char *qemuHostCapabilities(qemuDriver *driver);

/* The node calls of the driver table, from /proc and sysfs as libvirt
 * reads them on Linux (CPU times in ns, memory in KiB; cells are the
 * NUMA nodes of $VIRTKIT_SYSFS_ROOT or /sys). */
int qemuHostNodeGetCPUStats(virConnectPtr conn, int cpuNum,
                            virNodeCPUStatsPtr params, int *nparams,
                            unsigned int flags);
int qemuHostNodeGetMemoryStats(virConnectPtr conn, int cellNum,
                               virNodeMemoryStatsPtr params, int *nparams,
                               unsigned int flags);
int qemuHostNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                                   int startCell, int maxCells);
unsigned long long qemuHostNodeGetFreeMemory(virConnectPtr conn);
