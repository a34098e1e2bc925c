/*
 * override-storage.c: hand-written Python glue for the functions of
 * api/storage.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
