/*
 * override-network.c: hand-written Python glue for the functions of
 * api/network.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
