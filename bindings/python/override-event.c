/*
 * override-event.c: hand-written Python glue for the functions of
 * api/event.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
