/*
 * virlog.c: the slow half of logging.
 *
 * The macros in virlog.h only compare a priority with virLogThreshold; this
 * file owns that threshold (read once from the environment, at load time
 * and again lazily in case a constructor ordering issue left it unset) and
 * formats the lines that do get printed.  A whole line is written with a
 * single stdio call so lines from different threads do not interleave.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "virlog.h"

int virLogThreshold;

static const char *const virLogPriorityNames[] = {
    [VIR_LOG_DEBUG] = "debug",
    [VIR_LOG_INFO] = "info",
    [VIR_LOG_WARN] = "warning",
    [VIR_LOG_ERROR] = "error",
};

static virLogPriority
virLogParseLevel(const char *text)
{
    if (!text || !*text)
        return VIR_LOG_NONE;
    if (g_ascii_isdigit(text[0]) && text[1] == '\0') {
        int n = text[0] - '0';
        if (n >= VIR_LOG_DEBUG && n <= VIR_LOG_ERROR)
            return n;
        return VIR_LOG_NONE;
    }
    for (int i = VIR_LOG_DEBUG; i <= VIR_LOG_ERROR; i++) {
        if (g_ascii_strcasecmp(text, virLogPriorityNames[i]) == 0)
            return i;
    }
    if (g_ascii_strcasecmp(text, "warn") == 0)
        return VIR_LOG_WARN;
    return VIR_LOG_NONE;
}

void
virLogReset(void)
{
    const char *env = g_getenv("VIRTKIT_DEBUG");

    if (!env || !*env)
        env = g_getenv("LIBVIRT_DEBUG");
    g_atomic_int_set(&virLogThreshold, virLogParseLevel(env));
}

void
virLogSetThreshold(virLogPriority priority)
{
    if (priority < VIR_LOG_DEBUG || priority > VIR_LOG_NONE)
        priority = VIR_LOG_NONE;
    g_atomic_int_set(&virLogThreshold, priority);
}

virLogPriority
virLogGetThreshold(void)
{
    if (g_atomic_int_get(&virLogThreshold) == 0)
        virLogReset();
    return g_atomic_int_get(&virLogThreshold);
}

__attribute__((constructor))
static void
virLogInitialize(void)
{
    virLogReset();
}

static pid_t
virLogThreadId(void)
{
    static __thread pid_t tid;

    if (tid == 0)
        tid = (pid_t)syscall(SYS_gettid);
    return tid;
}

void
virLogMessage(virLogPriority priority,
              const char *file,
              size_t line,
              const char *func,
              const char *fmt,
              ...)
{
    int saved_errno = errno;
    va_list ap;
    g_autofree char *msg = NULL;
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;

    (void)file;
    if (priority < VIR_LOG_DEBUG || priority > VIR_LOG_ERROR)
        goto cleanup;
    if ((int)priority < (int)virLogGetThreshold())
        goto cleanup;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    now = g_date_time_new_now_utc();
    stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
    fprintf(stderr, "%s.%03d+0000: %d: %s : %s:%zu : %s\n",
            stamp, g_date_time_get_microsecond(now) / 1000,
            (int)virLogThreadId(), virLogPriorityNames[priority],
            func ? func : "?", line, msg);

 cleanup:
    errno = saved_errno;
}
