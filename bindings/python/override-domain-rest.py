# Hand-written Python glue for api/domain-rest.xml, pasted into libvirt.py (see
# libvirt-override.py).
