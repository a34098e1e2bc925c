# Hand-written Python glue for api/domain-rest.xml, pasted into libvirt.py (see
# libvirt-override.py).  virDomainListGetStats takes a list of domains rather
# than a handle, so the generated extension offers it as a module function;
# libvirt-python users call it as virConnect.domainListGetStats.

virDomainListGetStats = libvirtmod.virDomainListGetStats


class _virConnectGlueDomainRest:
    __slots__ = ()

    def domainListGetStats(self, doms, stats=0, flags=0):
        """The statistics STATS of the domains DOMS, as (virDomain, dict) pairs."""
        for dom in doms:
            if not isinstance(dom, virDomain):
                raise libvirtError("domain list contains non-domain elements")
        return libvirtmod.virDomainListGetStats(self, list(doms), stats, flags)
