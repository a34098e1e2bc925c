/*
 * vircommand.c: spawning helper programs and reaping them
 *
 * A plain fork and exec: between the two the child only makes system
 * calls (the parent has threads, so nothing that may take a lock), marks
 * every descriptor but the passed ones close-on-exec, resets signal
 * dispositions and the mask, and reports a failed exec's errno through a
 * close-on-exec pipe.  Reaping is ours too, with deadlines.  See
 * vircommand.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Mark every descriptor from FIRST up close-on-exec, except the sorted
 * KEEP ones.  Runs between fork and exec: system calls only. */
static void
virCommandCloexecFrom(int first, const int *keep, size_t nkeep)
{
    int from = first;

    for (size_t i = 0; i <= nkeep; i++) {
        int to = i < nkeep ? keep[i] - 1 : INT_MAX;

        if (to >= from) {
#ifdef SYS_close_range
            if (syscall(SYS_close_range, (unsigned int)from, (unsigned int)to,
                        4 /* CLOSE_RANGE_CLOEXEC */) < 0)
#endif
            {
                for (int fd = from; fd <= to && fd < 65536; fd++)
                    fcntl(fd, F_SETFD, FD_CLOEXEC);
            }
        }
        if (i < nkeep) {
            fcntl(keep[i], F_SETFD, 0);
            from = keep[i] + 1;
        }
    }
}

/* The child between fork and exec: only async-signal-safe calls.  Never
 * returns; a failure is written to ERRFD as an errno. */
static _Noreturn void
virCommandChildExec(const char *const *argv,
                    int nullfd,
                    int out_fd,
                    int err_fd,
                    const int *keep,
                    size_t nkeep,
                    unsigned int flags,
                    int errfd)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigset_t none;
    int err;

    if (dup2(nullfd, STDIN_FILENO) >= 0 &&
        dup2(out_fd >= 0 ? out_fd : nullfd, STDOUT_FILENO) >= 0 &&
        dup2(err_fd >= 0 ? err_fd : nullfd, STDERR_FILENO) >= 0 &&
        (!(flags & VIR_COMMAND_NEW_SESSION) || setsid() >= 0)) {
        virCommandCloexecFrom(STDERR_FILENO + 1, keep, nkeep);
        for (int sig = 1; sig < NSIG; sig++)
            sigaction(sig, &dfl, NULL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);

        if (strchr(argv[0], '/'))
            execv(argv[0], (char *const *)argv);
        else
            execvp(argv[0], (char *const *)argv);
    }

    err = errno;
    if (write(errfd, &err, sizeof(err)) < 0) {
        /* nothing more to say */
    }
    _exit(127);
}

static int
virCommandCompareInt(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int
virCommandSpawn(const char *const *argv,
                int out_fd,
                int err_fd,
                const int *pass_fds,
                size_t npass,
                unsigned int flags,
                pid_t *ret_pid)
{
    g_autofree int *keep = NULL;
    int errpipe[2] = { -1, -1 };
    int nullfd = -1;
    int child_errno = 0;
    ssize_t got;
    int ret = -1;
    pid_t pid;

    if (!argv || !argv[0]) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("no program to run"));
        return -1;
    }
    if (flags & ~VIR_COMMAND_NEW_SESSION) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("unknown command flags 0x%x"), flags);
        return -1;
    }
    for (size_t i = 0; i < npass; i++) {
        if (pass_fds[i] <= STDERR_FILENO) {
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("descriptor %d cannot be passed to '%s'"), pass_fds[i], argv[0]);
            return -1;
        }
    }
    keep = g_new(int, npass + 1);
    if (npass) {
        memcpy(keep, pass_fds, sizeof(int) * npass);
        qsort(keep, npass, sizeof(int), virCommandCompareInt);
    }

    if (VIR_LOG_DEBUG >= virLogThreshold) {
        g_autofree char *line = g_strjoinv(" ", (char **)argv);

        VIR_DEBUG("spawning: %s", line);
    }

    if (pipe2(errpipe, O_CLOEXEC) < 0 ||
        (nullfd = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot prepare to run '%s'"), argv[0]);
        goto cleanup;
    }

    if ((pid = fork()) < 0) {
        virReportSystemError(errno, _("cannot fork to run '%s'"), argv[0]);
        goto cleanup;
    }

    if (pid == 0)
        virCommandChildExec(argv, nullfd, out_fd, err_fd, keep, npass, flags, errpipe[1]);

    /* The parent learns of a failed exec through the pipe; a successful
     * exec closes it with nothing written. */
    close(errpipe[1]);
    errpipe[1] = -1;
    while ((got = read(errpipe[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
        ;
    if (got == sizeof(child_errno)) {
        waitpid(pid, NULL, 0);
        virReportSystemError(child_errno, _("cannot run '%s'"), argv[0]);
        goto cleanup;
    }

    *ret_pid = pid;
    ret = 0;

 cleanup:
    if (errpipe[0] >= 0)
        close(errpipe[0]);
    if (errpipe[1] >= 0)
        close(errpipe[1]);
    if (nullfd >= 0)
        close(nullfd);
    return ret;
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

/* All of the memory file FD, as a string. */
static char *
virCommandReadMemfd(int fd)
{
    struct stat st;
    char *text;
    ssize_t n;

    if (fstat(fd, &st) < 0)
        return g_strdup("");
    text = g_malloc0(st.st_size + 1);
    n = pread(fd, text, st.st_size, 0);
    text[MAX(n, 0)] = '\0';
    return text;
}

int
virCommandRunCapture(const char *const *argv,
                     int timeout_ms,
                     char **ret_out,
                     char **ret_err,
                     int *ret_status)
{
    int outfd = memfd_create("command-stdout", MFD_CLOEXEC);
    int errfd = memfd_create("command-stderr", MFD_CLOEXEC);
    pid_t pid;
    int ret = -1;

    if (outfd < 0 || errfd < 0) {
        virReportSystemError(errno, "%s", _("cannot create a memory file"));
        goto cleanup;
    }
    if (virCommandSpawn(argv, outfd, errfd, NULL, 0, 0, &pid) < 0)
        goto cleanup;
    if (virCommandWaitPid(pid, timeout_ms, ret_status) != 1) {
        virCommandKillPid(pid, 1000);
        ret = 1;
        goto cleanup;
    }
    if (ret_out)
        *ret_out = virCommandReadMemfd(outfd);
    if (ret_err)
        *ret_err = virCommandReadMemfd(errfd);
    ret = 0;

 cleanup:
    if (outfd >= 0)
        close(outfd);
    if (errfd >= 0)
        close(errfd);
    return ret;
}
