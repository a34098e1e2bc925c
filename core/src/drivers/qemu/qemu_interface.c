/*
 * qemu_interface.c: the host side of a domain's network interfaces
 *
 * See qemu_interface.h.  Only the choices of the QEMU driver are here
 * (which interfaces get a tap, of what kind, on which bridge); the ioctls
 * are util/virnetdevtap.c's.
 */
#include <string.h>
#include <unistd.h>

#include "qemu_interface.h"
#include "virerror.h"
#include "virlog.h"
#include "virnetdevtap.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

bool
qemuInterfaceNeedsTap(const virDomainNetDef *net)
{
    return net->type == VIR_DOMAIN_NET_TYPE_NETWORK ||
           net->type == VIR_DOMAIN_NET_TYPE_BRIDGE ||
           net->type == VIR_DOMAIN_NET_TYPE_ETHERNET;
}

/* The virNetDevTapCreateFlags NET's model wants. */
static unsigned int
qemuInterfaceTapFlags(const virDomainNetDef *net)
{
    return net->model && g_str_has_prefix(net->model, "virtio") ?
        VIR_NETDEV_TAP_CREATE_VNET_HDR : 0;
}

int
qemuInterfaceBridgeConnect(virDomainNetDef *net, const char *brname)
{
    return virNetDevTapCreateInBridgePort(brname, &net->ifname, net->mac, net->mtu,
                                          qemuInterfaceTapFlags(net));
}

int
qemuInterfaceOpenTap(virDomainNetDef *net)
{
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        if (!net->sourceBridge) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           _("Missing bridge name for interface of type 'bridge'"));
            return -1;
        }
        return qemuInterfaceBridgeConnect(net, net->sourceBridge);
    case VIR_DOMAIN_NET_TYPE_ETHERNET: {
        unsigned int flags = qemuInterfaceTapFlags(net);

        if (net->managedTap == VIR_TRISTATE_BOOL_NO) {
            /* someone else's tap, used as it is */
            if (!net->ifname) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("target dev must be supplied when managed='no'"));
                return -1;
            }
            if (!virNetDevExists(net->ifname)) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                               _("target managed='no' but specified dev doesn't exist"));
                return -1;
            }
            return virNetDevTapCreate(&net->ifname, flags | VIR_NETDEV_TAP_CREATE_ALLOW_EXISTING);
        }
        return virNetDevTapCreateInBridgePort(NULL, &net->ifname, net->mac, net->mtu, flags);
    }
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        virReportErrorHelper(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK, __FILE__, __func__,
                             __LINE__, _("no network with matching name '%s'"),
                             net->sourceNetwork ? net->sourceNetwork : "");
        return -1;
    default:
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("interface type '%s' has no tap device"),
                       virDomainNetTypeToString(net->type));
        return -1;
    }
}

int
qemuInterfaceOpenTaps(virDomainDef *def, qemuCommandNetTap **ret_taps)
{
    qemuCommandNetTap *taps = g_new0(qemuCommandNetTap, MAX(def->nnets, 1));
    size_t i;

    for (i = 0; i < def->nnets; i++)
        taps[i].fd = -1;
    for (i = 0; i < def->nnets; i++) {
        if (!qemuInterfaceNeedsTap(def->nets[i]))
            continue;
        if ((taps[i].fd = qemuInterfaceOpenTap(def->nets[i])) < 0) {
            qemuInterfaceCloseTaps(taps, def->nnets);
            return -1;
        }
        VIR_DEBUG("interface %zu of %s: tap %s", i, def->name, def->nets[i]->ifname);
    }
    *ret_taps = taps;
    return 0;
}

void
qemuInterfaceCloseTaps(qemuCommandNetTap *taps, size_t ntaps)
{
    size_t i;

    if (!taps)
        return;
    for (i = 0; i < ntaps; i++) {
        if (taps[i].fd >= 0)
            close(taps[i].fd);
    }
    g_free(taps);
}
