/*
 * virevent.h: the default event loop behind virEventRegisterDefaultImpl,
 * and the table of event loop callbacks (default or application-provided)
 * that drivers and streams use.  To be filled in.
 */
#pragma once

#include <libvirt/libvirt.h>
