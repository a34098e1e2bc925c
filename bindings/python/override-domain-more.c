/*
 * override-domain-more.c: hand-written Python glue for the functions of
 * api/domain-more.xml marked override="python" (see libvirt-override.c).
 */
#include "libvirtmod.h"
