/*
 * virlog.h: debug logging for the library.
 *
 * Logging is off unless LIBVIRT_DEBUG (or VIRTKIT_DEBUG) is set in the
 * environment: 1 or "debug", 2 or "info", 3 or "warning", 4 or "error"
 * pick the lowest priority printed.  Lines go to stderr as
 *
 *   2024-05-01 10:00:00.123+0000: 4242: debug : virDomainSuspend:87 : dom=0x...
 *
 * Every generated API entry point logs its arguments with VIR_DEBUG, so a
 * disabled log must cost no more than one well-predicted compare against a
 * cached global; the macros below test virLogThreshold before evaluating
 * any argument.
 */
#pragma once

#include <glib.h>
#include <stddef.h>

typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO,
    VIR_LOG_WARN,
    VIR_LOG_ERROR,
    VIR_LOG_NONE,       /* threshold only: nothing is printed */
} virLogPriority;

/* Lowest priority that is printed.  0 means "environment not read yet",
 * which makes the first logging call take the slow path and settle it. */
extern int virLogThreshold;

void virLogMessage(virLogPriority priority,
                   const char *file,
                   size_t line,
                   const char *func,
                   const char *fmt,
                   ...) G_GNUC_PRINTF(5, 6);

/* Re-read LIBVIRT_DEBUG / VIRTKIT_DEBUG. */
void virLogReset(void);

/* Force the threshold (VIR_LOG_NONE disables logging); for tests and the
 * daemon's --verbose. */
void virLogSetThreshold(virLogPriority priority);
virLogPriority virLogGetThreshold(void);

#define VIR_LOG_AT(priority, ...) \
    do { \
        if (G_UNLIKELY((int)(priority) >= virLogThreshold)) \
            virLogMessage(priority, __FILE__, __LINE__, __func__, \
                          __VA_ARGS__); \
    } while (0)

#define VIR_DEBUG(...) VIR_LOG_AT(VIR_LOG_DEBUG, __VA_ARGS__)
#define VIR_INFO(...) VIR_LOG_AT(VIR_LOG_INFO, __VA_ARGS__)
#define VIR_WARN(...) VIR_LOG_AT(VIR_LOG_WARN, __VA_ARGS__)
#define VIR_ERROR(...) VIR_LOG_AT(VIR_LOG_ERROR, __VA_ARGS__)
