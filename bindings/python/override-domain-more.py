# Hand-written Python glue for api/domain-more.xml, pasted into libvirt.py (see
# libvirt-override.py).
