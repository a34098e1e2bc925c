# Hand-written Python glue for api/storage.xml, pasted into libvirt.py (see
# libvirt-override.py).
