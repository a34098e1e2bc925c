/*
 * virnetdevtap.c: tap devices and the Linux bridges they join
 *
 * Plain ioctls: TUNSETIFF on /dev/net/tun makes (or binds to) a tap,
 * SIOC[GS]IF* on a throwaway AF_INET socket change its link settings and
 * SIOCBRADDIF/SIOCBRDELIF its bridge.  Statistics are read from sysfs.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>

#include "virnetdevtap.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define TUN_PATH "/dev/net/tun"

/* How many "vnetN" names to try before giving up. */
#define VIR_NETDEV_TAP_NAME_TRIES 10000

/* The next N of a generated "vnetN" (see virNetDevTapCreate). */
static gint virNetDevTapNextIndex;

int
virNetDevExists(const char *ifname)
{
    return if_nametoindex(ifname) != 0 ? 1 : 0;
}

/* ioctl REQUEST with IFR (its name set here to IFNAME, its other fields
 * the caller's) on a throwaway AF_INET socket.  A failure is reported
 * with the message FMT... and the system error. */
static int G_GNUC_PRINTF(4, 5)
virNetDevIoctl(const char *ifname, unsigned long request, struct ifreq *ifr,
               const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list args;
    int saved;
    int fd;

    if (g_strlcpy(ifr->ifr_name, ifname, IFNAMSIZ) >= IFNAMSIZ) {
        virReportSystemError(ERANGE, _("Network interface name '%s' is too long"), ifname);
        return -1;
    }
    if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("Cannot open network interface control socket"));
        return -1;
    }
    if (ioctl(fd, request, ifr) == 0) {
        close(fd);
        return 0;
    }
    saved = errno;
    close(fd);
    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportSystemError(saved, "%s", what);
    return -1;
}

int
virNetDevGetMTU(const char *ifname)
{
    struct ifreq ifr = { 0 };

    if (virNetDevIoctl(ifname, SIOCGIFMTU, &ifr,
                       _("Cannot get interface MTU on '%s'"), ifname) < 0)
        return -1;
    return ifr.ifr_mtu;
}

int
virNetDevSetMTU(const char *ifname, int mtu)
{
    struct ifreq ifr = { .ifr_mtu = mtu };

    return virNetDevIoctl(ifname, SIOCSIFMTU, &ifr,
                          _("Cannot set interface MTU on '%s'"), ifname);
}

int
virNetDevSetMAC(const char *ifname, const unsigned char *mac)
{
    struct ifreq ifr = { 0 };

    /* the address family must be the device's own: read it first */
    if (virNetDevIoctl(ifname, SIOCGIFHWADDR, &ifr,
                       _("Cannot get interface MAC on '%s'"), ifname) < 0)
        return -1;
    memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
    return virNetDevIoctl(ifname, SIOCSIFHWADDR, &ifr,
                          _("Cannot set interface MAC on '%s'"), ifname);
}

int
virNetDevSetOnline(const char *ifname, bool online)
{
    struct ifreq ifr = { 0 };
    short flags;

    if (virNetDevIoctl(ifname, SIOCGIFFLAGS, &ifr,
                       _("Cannot get interface flags on '%s'"), ifname) < 0)
        return -1;
    flags = online ? ifr.ifr_flags | IFF_UP : ifr.ifr_flags & ~IFF_UP;
    if (flags == ifr.ifr_flags)
        return 0;
    ifr.ifr_flags = flags;
    return virNetDevIoctl(ifname, SIOCSIFFLAGS, &ifr,
                          _("Cannot set interface flags on '%s'"), ifname);
}

int
virNetDevSetRootQDisc(const char *ifname, const char *kind)
{
    struct {
        struct nlmsghdr nh;
        struct tcmsg tc;
        char attrs[RTA_SPACE(IFNAMSIZ)];
    } req = { 0 };
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    union {
        struct nlmsghdr nh;
        char buf[1024];
    } reply;
    struct rtattr *rta;
    size_t kindlen = strlen(kind) + 1;
    int err = 0;
    ssize_t n;
    int fd;

    if (kindlen > IFNAMSIZ) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unknown qdisc '%s'"), kind);
        return -1;
    }
    if (!(req.tc.tcm_ifindex = if_nametoindex(ifname))) {
        virReportSystemError(ENODEV, _("Unable to get index for interface %s"), ifname);
        return -1;
    }
    req.nh.nlmsg_type = RTM_NEWQDISC;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
    req.nh.nlmsg_seq = 1;
    req.tc.tcm_family = AF_UNSPEC;
    req.tc.tcm_parent = TC_H_ROOT;
    rta = (struct rtattr *)((char *)&req + NLMSG_ALIGN(NLMSG_LENGTH(sizeof(req.tc))));
    rta->rta_type = TCA_KIND;
    rta->rta_len = RTA_LENGTH(kindlen);
    memcpy(RTA_DATA(rta), kind, kindlen);
    req.nh.nlmsg_len = NLMSG_ALIGN(NLMSG_LENGTH(sizeof(req.tc))) + RTA_ALIGN(rta->rta_len);

    if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) < 0) {
        virReportSystemError(errno, "%s", _("cannot open a netlink socket"));
        return -1;
    }
    if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0 ||
        (n = recv(fd, &reply, sizeof(reply), 0)) < 0) {
        err = errno;
    } else if (!NLMSG_OK(&reply.nh, (size_t)n) || reply.nh.nlmsg_type != NLMSG_ERROR) {
        err = EPROTO;
    } else {
        err = -((struct nlmsgerr *)NLMSG_DATA(&reply.nh))->error;
    }
    close(fd);
    if (err) {
        virReportSystemError(err, _("Cannot set root qdisc %s on '%s'"), kind, ifname);
        return -1;
    }
    return 0;
}

/* SIOCBRADDIF or SIOCBRDELIF of IFNAME on BRNAME. */
static int
virNetDevBridgePort(const char *brname, const char *ifname, bool add)
{
    struct ifreq ifr = { 0 };

    if (!(ifr.ifr_ifindex = if_nametoindex(ifname))) {
        virReportSystemError(ENODEV, _("Unable to get index for interface %s"), ifname);
        return -1;
    }
    if (add)
        return virNetDevIoctl(brname, SIOCBRADDIF, &ifr,
                              _("Unable to add bridge %s port %s"), brname, ifname);
    return virNetDevIoctl(brname, SIOCBRDELIF, &ifr,
                          _("Unable to remove bridge %s port %s"), brname, ifname);
}

int
virNetDevBridgeAddPort(const char *brname, const char *ifname)
{
    return virNetDevBridgePort(brname, ifname, true);
}

int
virNetDevBridgeRemovePort(const char *brname, const char *ifname)
{
    return virNetDevBridgePort(brname, ifname, false);
}

/* TUNSETIFF on a new /dev/net/tun descriptor for the tap NAME with the
 * IFF_* bits FLAGS (IFF_VNET_HDR only when the kernel offers it).
 * Returns the descriptor, or -1 with errno set (EBUSY: with IFF_TUN_EXCL,
 * NAME exists). */
static int
virNetDevTapOpen(const char *name, short flags)
{
    struct ifreq ifr = { 0 };
    unsigned int features = 0;
    int fd = open(TUN_PATH, O_RDWR | O_CLOEXEC);
    int saved;

    if (fd < 0)
        return -1;
    if ((flags & IFF_VNET_HDR) &&
        (ioctl(fd, TUNGETFEATURES, &features) < 0 || !(features & IFF_VNET_HDR)))
        flags &= ~IFF_VNET_HDR;
    g_strlcpy(ifr.ifr_name, name, IFNAMSIZ);
    ifr.ifr_flags = flags;
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* A new tap named "vnetN" for the next N not in use.  Returns the
 * descriptor with the name in *RET_NAME, or -1 reported. */
static int
virNetDevTapOpenGenerated(short flags, char **ret_name)
{
    size_t i;

    for (i = 0; i < VIR_NETDEV_TAP_NAME_TRIES; i++) {
        int n = g_atomic_int_add(&virNetDevTapNextIndex, 1);
        g_autofree char *name = NULL;
        int fd;

        if (n < 0) {        /* wrapped around: start again */
            g_atomic_int_set(&virNetDevTapNextIndex, 0);
            continue;
        }
        name = g_strdup_printf(VIR_NETDEV_TAP_GENERATED_PREFIX "%d", n);
        if (virNetDevExists(name))
            continue;
        /* IFF_TUN_EXCL: another process may have taken it meanwhile */
        if ((fd = virNetDevTapOpen(name, flags | IFF_TUN_EXCL)) >= 0) {
            *ret_name = g_steal_pointer(&name);
            return fd;
        }
        if (errno != EBUSY) {
            virReportSystemError(errno, _("Unable to create tap device %s"), name);
            return -1;
        }
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("no free name for a tap device"));
    return -1;
}

int
virNetDevTapCreate(char **ifname, unsigned int flags)
{
    g_autofree char *generated = NULL;
    const char *name = *ifname;
    short tunflags = IFF_TAP | IFF_NO_PI;
    int fd;

    if (access(TUN_PATH, F_OK) < 0) {
        virReportSystemError(errno, "%s",
                             _("Unable to open /dev/net/tun, is tun module loaded?"));
        return -1;
    }
    if (flags & VIR_NETDEV_TAP_CREATE_VNET_HDR)
        tunflags |= IFF_VNET_HDR;

    if (!name) {
        if ((fd = virNetDevTapOpenGenerated(tunflags, &generated)) < 0)
            return -1;
        name = generated;
    } else {
        if (strlen(name) >= IFNAMSIZ) {
            virReportSystemError(ERANGE, _("Network interface name '%s' is too long"), name);
            return -1;
        }
        /* IFF_TUN_EXCL: TUNSETIFF would otherwise bind to a tap of that name */
        if (!(flags & VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING))
            tunflags |= IFF_TUN_EXCL;
        if ((fd = virNetDevTapOpen(name, tunflags)) < 0) {
            if (errno == EBUSY && (tunflags & IFF_TUN_EXCL))
                virReportError(VIR_ERR_OPERATION_INVALID,
                               _("The %s interface already exists"), name);
            else
                virReportSystemError(errno, _("Unable to create tap device %s"), name);
            return -1;
        }
    }
    VIR_DEBUG("opened tap %s (fd %d)", name, fd);
    if (generated)
        *ifname = g_steal_pointer(&generated);
    return fd;
}

int
virNetDevTapCreateInBridgePort(const char *brname,
                               char **ifname,
                               const unsigned char *mac,
                               unsigned int mtu,
                               unsigned int flags)
{
    g_autofree char *name = g_strdup(*ifname);
    unsigned char tapmac[6];
    bool existing;
    int fd;

    existing = name && (flags & VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING) &&
        virNetDevExists(name);
    if ((fd = virNetDevTapCreate(&name, flags)) < 0)
        return -1;
    if (!existing) {
        int mtuWanted = mtu;

        /* the bridge's MTU first: this is where a missing bridge shows */
        if (!mtuWanted && brname && (mtuWanted = virNetDevGetMTU(brname)) < 0)
            goto error;
        memcpy(tapmac, mac, sizeof(tapmac));
        tapmac[0] = 0xFE;
        /* noqueue: a guest's tap needs no queue of its own, and its
         * transmit then takes no qdisc lock (libvirt sets it too) */
        if (virNetDevSetMAC(name, tapmac) < 0 ||
            (mtuWanted > 0 && virNetDevSetMTU(name, mtuWanted) < 0) ||
            virNetDevSetRootQDisc(name, "noqueue") < 0)
            goto error;
    }
    if (brname && virNetDevBridgeAddPort(brname, name) < 0)
        goto error;
    if (!existing && virNetDevSetOnline(name, true) < 0)
        goto error;

    g_free(*ifname);
    *ifname = g_steal_pointer(&name);
    return fd;

 error:
    /* our descriptor was the only one: closing it removes a new tap */
    close(fd);
    return -1;
}

/* /sys/class/net/IFNAME/statistics/DIR_NAME into *RET. */
static int
virNetDevReadCounter(const char *ifname, const char *dir, const char *name, long long *ret)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/statistics/%s_%s",
                                            ifname, dir, name);
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    *ret = g_ascii_strtoll(text, NULL, 10);
    return 0;
}

int
virNetDevTapInterfaceStats(const char *ifname,
                           bool swapped,
                           virDomainInterfaceStatsPtr ret_stats)
{
    static const char *const names[] = { "bytes", "packets", "errors", "dropped" };
    virDomainInterfaceStatsStruct st = { 0 };
    long long *rx[] = { &st.rx_bytes, &st.rx_packets, &st.rx_errs, &st.rx_drop };
    long long *tx[] = { &st.tx_bytes, &st.tx_packets, &st.tx_errs, &st.tx_drop };
    size_t i;

    if (!ifname) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("Interface name not provided"));
        return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (virNetDevReadCounter(ifname, swapped ? "tx" : "rx", names[i], rx[i]) < 0 ||
            virNetDevReadCounter(ifname, swapped ? "rx" : "tx", names[i], tx[i]) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("/sys/class/net/%s/statistics: Interface not found"),
                           ifname);
            return -1;
        }
    }
    *ret_stats = st;
    return 0;
}
