# Hand-written Python glue for api/hostdev.xml, pasted into libvirt.py (see
# libvirt-override.py).
