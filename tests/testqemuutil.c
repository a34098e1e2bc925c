/*
 * testqemuutil.c: the guard around tests that run real QEMU processes.
 * See testqemuutil.h.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libvirt/virterror.h>

#include "testqemuutil.h"

static int passed;
static int failed;

void
checkResult(bool ok, const char *fmt, ...)
{
    g_autofree char *name = NULL;
    va_list ap;

    va_start(ap, fmt);
    name = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    printf("%s - %s\n", ok ? "ok  " : "FAIL", name);
    fflush(stdout);
    if (ok)
        passed++;
    else
        failed++;
}

const char *
lastMessage(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->message ? err->message : "";
}

int
testQemuReport(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

static volatile sig_atomic_t guardSignal;

static void
guardHandler(int sig)
{
    guardSignal = sig;
}

static int
removeOne(const char *path,
          const struct stat *sb G_GNUC_UNUSED,
          int flag G_GNUC_UNUSED,
          struct FTW *ftw G_GNUC_UNUSED)
{
    remove(path);
    return 0;
}

void
testQemuRemoveTree(const char *path)
{
    if (path)
        nftw(path, removeOne, 16, FTW_DEPTH | FTW_PHYS);
}

/* Kill every process whose parent is this one (any thread of it). */
static int
killChildren(void)
{
    g_autoptr(GDir) dir = g_dir_open("/proc/self/task", 0, NULL);
    const char *tid;
    int n = 0;

    while (dir && (tid = g_dir_read_name(dir))) {
        g_autofree char *path = g_strdup_printf("/proc/self/task/%s/children", tid);
        g_autofree char *text = NULL;
        g_auto(GStrv) pids = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL))
            continue;
        pids = g_strsplit_set(g_strstrip(text), " ", -1);
        for (size_t i = 0; pids[i]; i++) {
            if (*pids[i]) {
                kill(atoi(pids[i]), SIGKILL);
                n++;
            }
        }
    }
    return n;
}

int
testQemuRunGuarded(char **tmpdir,
                   const char *prefix,
                   int (*fn)(const char *filter),
                   const char *filter)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *templ = g_strdup_printf("%s-XXXXXX", prefix);
    struct sigaction sa = { .sa_handler = guardHandler };
    int status = 0;
    int ret = 1;
    pid_t child;

    if (!(*tmpdir = g_dir_make_tmp(templ, &gerr))) {
        fprintf(stderr, "cannot make a temporary folder: %s\n", gerr->message);
        return 1;
    }

    prctl(PR_SET_CHILD_SUBREAPER, 1);
    fflush(stdout);
    fflush(stderr);

    if ((child = fork()) < 0) {
        perror("fork");
        testQemuRemoveTree(*tmpdir);
        return 1;
    }
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        exit(fn(filter));
    }

    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    alarm(15 * 60);

    /* Reap orphans as they come (programs such as libvirt wait for the
     * daemonized processes they kill to vanish, and a zombie never does),
     * until the test process itself ends. */
    for (;;) {
        int st;
        pid_t got = waitpid(-1, &st, 0);

        if (got == child) {
            status = st;
            break;
        }
        if (got < 0 && errno != EINTR)
            break;
        if (got < 0 && guardSignal) {
            fprintf(stderr, "test interrupted by signal %d; cleaning up\n", guardSignal);
            kill(child, SIGKILL);
        }
    }
    if (WIFEXITED(status))
        ret = WEXITSTATUS(status);
    else
        printf("FAIL - the test process died (wait status 0x%x)\n", status);

    /* Whatever the child left behind is ours now. */
    while (killChildren() > 0 || waitpid(-1, NULL, WNOHANG) > 0) {
        while (waitpid(-1, NULL, 0) > 0)
            ;
    }
    testQemuRemoveTree(*tmpdir);
    g_clear_pointer(tmpdir, g_free);
    return guardSignal ? 1 : ret;
}
