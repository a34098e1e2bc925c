/*
 * override-hostdev.c: hand-written Python glue for the functions of
 * api/hostdev.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
