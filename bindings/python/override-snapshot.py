# Hand-written Python glue for api/snapshot.xml, pasted into libvirt.py (see
# libvirt-override.py).


class _virDomainGlueSnapshot:
    __slots__ = ()

    def revertToSnapshot(self, snap, flags=0):
        """Bring this domain back to the snapshot snap.  libvirt-python has
        this on the domain; the C call takes only the snapshot, whose
        private _revertToSnapshot method makes it."""
        if snap is None:
            raise TypeError("revertToSnapshot() needs a virDomainSnapshot")
        return snap._revertToSnapshot(flags)


class _virDomainSnapshotGlueSnapshot:
    __slots__ = ()

    def domain(self):
        """The domain this snapshot belongs to."""
        return self.getDomain()


class _virDomainCheckpointGlueSnapshot:
    __slots__ = ()

    def domain(self):
        """The domain this checkpoint belongs to."""
        return self.getDomain()
