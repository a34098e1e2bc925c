# Hand-written Python glue for api/event.xml, pasted into libvirt.py (see
# libvirt-override.py).
