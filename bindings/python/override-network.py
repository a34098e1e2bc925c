# Hand-written Python glue for api/network.xml, pasted into libvirt.py (see
# libvirt-override.py).
