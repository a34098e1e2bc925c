/*
 * override-domain-rest.c: hand-written Python glue for the functions of
 * api/domain-rest.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
