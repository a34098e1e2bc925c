/*
 * vircommand.h: spawning helper programs and reaping them
 *
 * Drivers run programs such as qemu-system-* from an argument vector,
 * never through a shell, and reap their children themselves: nothing in
 * the library installs a SIGCHLD handler or a GLib child watch, so a
 * child stays a zombie until virCommandWaitPid() or virCommandKillPid()
 * collects it.  Waiting uses a pidfd (Linux 5.3+) with a deadline, never a
 * fixed sleep.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <sys/types.h>

typedef enum {
    /* the child leads a new session (setsid): signals sent to the caller's
     * process group or terminal, such as Ctrl-C, do not reach it */
    VIR_COMMAND_NEW_SESSION = 1 << 0,
} virCommandFlags;

/* Start ARGV[0] (an absolute path, or a name looked up in $PATH) with the
 * NULL-terminated ARGV.  Standard input is /dev/null; standard output and
 * error go to OUT_FD and ERR_FD (-1: /dev/null).  The descriptors in
 * PASS_FDS (NPASS of them) stay open in the child under the same numbers;
 * every other descriptor is closed.  FLAGS: virCommandFlags.  Returns 0
 * with the child's pid in *RET_PID, or -1 with an error reported. */
int virCommandSpawn(const char *const *argv,
                    int out_fd,
                    int err_fd,
                    const int *pass_fds,
                    size_t npass,
                    unsigned int flags,
                    pid_t *ret_pid);

/* Wait up to TIMEOUT_MS (< 0: without limit) for the child PID to exit and
 * reap it.  Returns 1 when it was reaped (its wait status in *RET_STATUS
 * if non-NULL), 0 when it is still running at the deadline, -1 with an
 * error reported when it is not our child. */
int virCommandWaitPid(pid_t pid,
                      int timeout_ms,
                      int *ret_status);

/* End the child PID: SIGTERM, up to GRACE_MS for it to go, then SIGKILL;
 * always reaps it.  Reports nothing (for cleanup paths). */
void virCommandKillPid(pid_t pid,
                       int grace_ms);

/* Run ARGV (as virCommandSpawn) to its end, up to TIMEOUT_MS, keeping what
 * it writes: its standard output in *RET_OUT and its standard error in
 * *RET_ERR (new strings; either pointer may be NULL), its wait status in
 * *RET_STATUS.  Returns 0 when it ran to the end, whatever its status;
 * 1 when it was still running at the deadline (then killed; nothing
 * reported: the caller says what did not finish); -1 with an error
 * reported when it could not start. */
int virCommandRunCapture(const char *const *argv,
                         int timeout_ms,
                         char **ret_out,
                         char **ret_err,
                         int *ret_status);

/* Describe a wait status for messages: "exited with status 1",
 * "killed by signal 9". */
char *virCommandDescribeStatus(int status);
