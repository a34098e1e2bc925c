/*
 * virevent.c: see virevent.h.  To be filled in.
 */
#include "virevent.h"
