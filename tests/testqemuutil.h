/*
 * testqemuutil.h: shared by the tests that run real QEMU processes
 *
 * testQemuRunGuarded() runs the cases in a child process and cleans up
 * after it from the parent, so no QEMU and no temporary folder survives
 * a failing, crashing or timed-out test.
 */
#pragma once

#include <stdbool.h>

#include <glib.h>

/* One check's line, "ok   - NAME" or "FAIL - NAME", counted for
 * testQemuReport(). */
void checkResult(bool ok, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* COND is evaluated before the message's arguments (which may show what
 * COND computed): a function's arguments have no order. */
#define check(cond, ...) \
    do { \
        bool check_ok_ = (cond); \
        checkResult(check_ok_, __VA_ARGS__); \
    } while (0)

/* The message of the thread's last libvirt error, or "". */
const char *lastMessage(void);

/* Print "N passed, M failed"; the exit status: 1 when a check failed. */
int testQemuReport(void);

/* Make a temporary folder (its path in *TMPDIR, named after PREFIX), then
 * fork: the child calls FN(FILTER) and exits with its result; the parent,
 * a child subreaper, waits for it (killing it on SIGTERM/SIGINT or after
 * 15 minutes), then kills and reaps every process left below it
 * (orphaned QEMUs come back to a subreaper) and removes the folder.
 * Returns the child's exit status (1 if it crashed). */
int testQemuRunGuarded(char **tmpdir,
                       const char *prefix,
                       int (*fn)(const char *filter),
                       const char *filter);

/* Remove PATH and everything below it. */
void testQemuRemoveTree(const char *path);
