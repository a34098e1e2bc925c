/*
 * virnetdevtap.h: tap devices and the Linux bridges they join
 *
 * The host side of a guest's network interface is a tap device: QEMU
 * gets an open /dev/net/tun descriptor bound to it and exchanges the
 * guest's frames through it.  Taps made here are not persistent: the
 * kernel removes one when the last descriptor bound to it is closed, so a
 * QEMU that exits (killed, crashed, or never started because the caller
 * closed its copy) takes its taps with it and leaves nothing to sweep up.
 *
 * Everything goes through ioctls on /dev/net/tun and an AF_INET socket
 * (SIOCBRADDIF for bridges), and rtnetlink for the qdisc: no `ip`,
 * `brctl` or `tc` is run.  The functions act in the caller's network
 * namespace and need CAP_NET_ADMIN.  Errors use libvirt's wording (its
 * virnetdev*.c report them without an error domain, and so do these).
 *
 * Both the QEMU driver (<interface type='bridge'> and 'ethernet') and the
 * network driver (a network's bridge) use virNetDevTapCreateInBridgePort.
 */
#pragma once

#include <stdbool.h>

#include <libvirt/libvirt.h>

/* What a tap is made with. */
typedef enum {
    /* the tap carries a virtio-net header before each frame (IFF_VNET_HDR,
     * when the kernel offers it): for virtio models */
    VIR_NETDEV_TAP_CREATE_VNET_HDR = 1 << 0,
    /* a tap of the given name that exists already is opened rather than
     * refused, and left as it is (no MAC, MTU or link changes): an
     * interface managed by someone else */
    VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING = 1 << 1,
} virNetDevTapCreateFlags;

/* The prefix of generated tap names: "vnet0", "vnet1" ... */
#define VIR_NETDEV_TAP_GENERATED_PREFIX "vnet"

/* Whether the network interface IFNAME exists: 1 yes, 0 no. */
int virNetDevExists(const char *ifname);

/* The MTU of IFNAME, or -1 reported. */
int virNetDevGetMTU(const char *ifname);

/* Set the MTU of IFNAME.  0, or -1 reported. */
int virNetDevSetMTU(const char *ifname, int mtu);

/* Set the hardware address of IFNAME to the 6 bytes of MAC.  0, or -1
 * reported. */
int virNetDevSetMAC(const char *ifname, const unsigned char *mac);

/* Bring IFNAME up (ONLINE) or down.  0, or -1 reported. */
int virNetDevSetOnline(const char *ifname, bool online);

/* Give IFNAME the root queueing discipline KIND ("noqueue" ...) over
 * rtnetlink, as `tc qdisc replace dev IFNAME root KIND` would.  0, or -1
 * reported. */
int virNetDevSetRootQDisc(const char *ifname, const char *kind);

/* Make IFNAME a port of bridge BRNAME, or remove it from it.  0, or -1
 * reported ("Unable to add bridge br0 port vnet0: No such device"). */
int virNetDevBridgeAddPort(const char *brname, const char *ifname);
int virNetDevBridgeRemovePort(const char *brname, const char *ifname);

/* Open a tap.  *IFNAME is the name wanted, or NULL for the next free
 * "vnetN" of this process (N counts up from 0 and skips names in use, as
 * libvirt picks them, so a name just given up is not handed out again at
 * once); on success *IFNAME holds the name (a new string when it was
 * NULL).  A name in use is refused ("The vnet3 interface already exists")
 * unless FLAGS has VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING.  FLAGS:
 * virNetDevTapCreateFlags.  Returns the tap's descriptor (O_CLOEXEC), or
 * -1 reported with *IFNAME untouched. */
int virNetDevTapCreate(char **ifname, unsigned int flags);

/* A tap made ready for a guest whose interface has the MAC address MAC:
 * opened as virNetDevTapCreate does, given MAC with its first byte
 * replaced by 0xFE (so the bridge, which takes the lowest MAC of its
 * ports, never takes the guest's own), its MTU set to MTU (0: the
 * bridge's MTU, else left alone), the "noqueue" root qdisc, brought up
 * and, when BRNAME is not
 * NULL, made a port of bridge BRNAME (which must exist: "Cannot get
 * interface MTU on 'br0': No such device" otherwise, as libvirt says).
 * An existing tap opened with VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING is
 * only joined to BRNAME.  On failure the tap is gone again.  Returns the
 * descriptor, or -1 reported with *IFNAME untouched. */
int virNetDevTapCreateInBridgePort(const char *brname,
                                   char **ifname,
                                   const unsigned char *mac,
                                   unsigned int mtu,
                                   unsigned int flags);

/* The traffic counters of IFNAME from /sys/class/net/IFNAME/statistics.
 * SWAPPED: give them as the other end of the link sees them (a tap's
 * transmitted frames are what its guest receives), as libvirt does for
 * the taps of guests.  0, or -1 reported when IFNAME is NULL ("Interface
 * name not provided", as libvirt says for a user-mode interface) or does
 * not exist. */
int virNetDevTapInterfaceStats(const char *ifname,
                               bool swapped,
                               virDomainInterfaceStatsPtr ret_stats);
