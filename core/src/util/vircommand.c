/*
 * vircommand.c: spawning helper programs and reaping them
 *
 * GLib's g_spawn does the fork/exec work (descriptor mapping, closing the
 * rest, errors from exec reported back to the parent); this file adds the
 * reaping side with deadlines.  See vircommand.h.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
virCommandSpawn(const char *const *argv,
                int out_fd,
                int err_fd,
                const int *pass_fds,
                size_t npass,
                pid_t *ret_pid)
{
    g_autoptr(GError) gerr = NULL;
    GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL;
    GPid pid;

    if (!argv || !argv[0]) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("no program to run"));
        return -1;
    }
    if (!g_path_is_absolute(argv[0]))
        flags |= G_SPAWN_SEARCH_PATH;
    if (out_fd < 0)
        flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
    if (err_fd < 0)
        flags |= G_SPAWN_STDERR_TO_DEV_NULL;

    if (VIR_LOG_DEBUG >= virLogThreshold) {
        g_autofree char *line = g_strjoinv(" ", (char **)argv);

        VIR_DEBUG("spawning: %s", line);
    }

    if (!g_spawn_async_with_pipes_and_fds(NULL, argv, NULL, flags, NULL, NULL,
                                          -1, out_fd, err_fd,
                                          pass_fds, pass_fds, npass,
                                          &pid, NULL, NULL, NULL, &gerr)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot run '%s': %s"), argv[0], gerr->message);
        return -1;
    }
    *ret_pid = pid;
    return 0;
}

static int
virCommandPidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int
virCommandWaitPid(pid_t pid,
                  int timeout_ms,
                  int *ret_status)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    int pidfd = virCommandPidfd(pid);
    int backoff_ms = 1;
    int ret = -1;

    for (;;) {
        int status;
        pid_t got = waitpid(pid, &status, WNOHANG);
        int wait_ms;

        if (got == pid) {
            if (ret_status)
                *ret_status = status;
            ret = 1;
            break;
        }
        if (got < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, _("cannot wait for process %lld"), (long long)pid);
            break;
        }

        if (timeout_ms < 0) {
            wait_ms = -1;
        } else {
            gint64 left = (deadline - g_get_monotonic_time()) / 1000;

            if (left <= 0) {
                ret = 0;
                break;
            }
            wait_ms = left;
        }

        if (pidfd >= 0) {
            struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

            poll(&pfd, 1, wait_ms);
        } else {
            /* No pidfd: poll on a growing interval, still bounded. */
            int step = backoff_ms;

            backoff_ms = MIN(backoff_ms * 2, 100);
            if (wait_ms >= 0)
                step = MIN(step, wait_ms);
            poll(NULL, 0, step);
        }
    }

    if (pidfd >= 0)
        close(pidfd);
    return ret;
}

void
virCommandKillPid(pid_t pid,
                  int grace_ms)
{
    int rc;

    if (pid <= 0)
        return;
    if (kill(pid, SIGTERM) < 0 && errno == ESRCH) {
        /* gone or a zombie: reap whatever is there */
        waitpid(pid, NULL, WNOHANG);
        return;
    }
    rc = virCommandWaitPid(pid, grace_ms, NULL);
    if (rc == 0) {
        kill(pid, SIGKILL);
        virCommandWaitPid(pid, -1, NULL);
    }
    /* rc < 0: not our child; nothing to reap (the error is dropped) */
    if (rc < 0)
        virResetLastError();
}

char *
virCommandDescribeStatus(int status)
{
    if (WIFEXITED(status))
        return g_strdup_printf(_("exited with status %d"), WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return g_strdup_printf(_("killed by signal %d"), WTERMSIG(status));
    return g_strdup_printf(_("ended with wait status 0x%x"), status);
}
