/*
 * libvirt-macros.h: the function-like macros of the public API.
 *
 * They compute with the types and constants that the generated libvirt.h
 * declares, so libvirt.h includes this file at its end.  Do not include
 * it directly.
 */
#ifndef LIBVIRT_MACROS_H
# define LIBVIRT_MACROS_H

/* Host CPUs counted in a virNodeInfo. */
# define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)

/* Bytes needed for a bitmap of CPU host CPUs. */
# define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/* Set, clear and test bit CPU of the bitmap CPUMAP. */
# define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))
# define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))
# define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))

/* The bitmap of virtual CPU VCPU within the array CPUMAPS of MAPLEN-byte maps. */
# define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))
# define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)
# define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

# define VIR_KEYCODE_SET_RFB VIR_KEYCODE_SET_QNUM

/* Cast a specific event callback to the generic type the
 * virConnect*EventRegisterAny functions take. */
# define VIR_DOMAIN_EVENT_CALLBACK(cb) ((virConnectDomainEventGenericCallback)(cb))
# define VIR_NETWORK_EVENT_CALLBACK(cb) ((virConnectNetworkEventGenericCallback)(cb))
# define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) ((virConnectStoragePoolEventGenericCallback)(cb))
# define VIR_NODE_DEVICE_EVENT_CALLBACK(cb) ((virConnectNodeDeviceEventGenericCallback)(cb))
# define VIR_SECRET_EVENT_CALLBACK(cb) ((virConnectSecretEventGenericCallback)(cb))

# define _virSchedParameter _virTypedParameter
# define _virBlkioParameter _virTypedParameter
# define _virMemoryParameter _virTypedParameter

#endif /* LIBVIRT_MACROS_H */
