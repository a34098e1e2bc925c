/*
 * event.c: the public event loop functions (virEventRegisterImpl,
 * virEventRegisterDefaultImpl, virEventAddHandle …) and the dispatch of
 * object events to registered callbacks.  To be filled in.
 */
#include "datatypes.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_EVENT
