# Hand-written Python glue for api/snapshot.xml, pasted into libvirt.py (see
# libvirt-override.py).
