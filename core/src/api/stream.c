/*
 * stream.c: the public stream functions that need no driver (virStreamNew
 * and the helpers built on send/recv).  To be filled in.
 */
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS
