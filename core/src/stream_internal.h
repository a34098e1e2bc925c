/*
 * stream_internal.h: streams whose bytes live in memory, for drivers that
 * have nothing real behind a stream (the test driver's screenshots,
 * volume transfers, consoles …).
 *
 * A driver that is handed an unused stream (from virStreamNew) turns it
 * into one of two kinds:
 *
 *   - a source: the application reads (virStreamRecv) bytes the driver
 *     queued with virStreamSetBuffer, then end of file;
 *   - a sink: the application writes (virStreamSend, virStreamSendHole)
 *     and, when it calls virStreamFinish, the driver's DONE callback gets
 *     everything written, holes as zeros.
 *
 * Both behave as libvirt's local file streams do towards the application
 * (the test driver in libvirt streams files): sending to a source or
 * reading from a sink fails with a system error, any transfer after
 * Finish or Abort fails with "stream is not open", and Finish or Abort of
 * a closed stream succeed.  The streams never block, so a non-blocking
 * stream never returns -2.  They are safe to use from several threads.
 */
#pragma once

#include <stddef.h>

#include "datatypes.h"

/* Make ST, an unused stream, a source yielding the LEN bytes at DATA
 * (copied; DATA may be NULL when LEN is 0) and then end of file.
 * Returns 0, or -1 with an error reported when ST is already in use. */
int virStreamSetBuffer(virStreamPtr st, const char *data, size_t len);

/* Called once, from virStreamFinish of a sink, with the LEN bytes the
 * application sent (holes filled with zeros).  Its result is Finish's:
 * 0, or -1 with an error reported.  The data belongs to the stream. */
typedef int (*virStreamSinkDoneFunc)(virStreamPtr st, const char *data,
                                     size_t len, void *opaque);

/* Make ST, an unused stream, a sink collecting what the application sends,
 * at most MAXLEN bytes (0: no limit; sending more fails with
 * VIR_ERR_OPERATION_FAILED).  DONE (may be NULL) runs at Finish; FREEFUNC
 * (may be NULL) releases OPAQUE when the stream is freed.  Returns 0, or
 * -1 with an error reported when ST is already in use. */
int virStreamSetCollector(virStreamPtr st, size_t maxlen,
                          virStreamSinkDoneFunc done, void *opaque,
                          void (*freefunc)(void *opaque));

/* For a sink: a copy of what was collected so far in *DATA (free with
 * g_free) and its length in *LEN.  Returns 0, or -1 when ST is no sink. */
int virStreamGetCollected(virStreamPtr st, char **data, size_t *len);
