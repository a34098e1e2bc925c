/*
 * override-snapshot.c: hand-written Python glue for the functions of
 * api/snapshot.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
