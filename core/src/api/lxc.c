/*
 * lxc.c: the LXC side API that runs in the calling process.
 *
 * Entering a container's namespaces, security label or control group
 * changes the caller itself, so these need no driver call: they work on
 * descriptors from virDomainLxcOpenNamespace and on the host's cgroup
 * tree, as libvirt's own do.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt-lxc.h>

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LXC

/* The namespaces a container has, in the order they are saved and entered. */
static const char *const lxcNamespaces[] = { "user", "ipc", "uts", "net", "pid", "mnt" };

int
virDomainLxcEnterNamespace(virDomainPtr domain,
                           unsigned int nfdlist,
                           int *fdlist,
                           unsigned int *noldfdlist,
                           int **oldfdlist,
                           unsigned int flags)
{
    g_autofree int *saved = NULL;
    size_t nsaved = 0;
    size_t i;

    VIR_DEBUG("domain=%p, nfdlist=%u, fdlist=%p, flags=0x%x", domain, nfdlist, fdlist, flags);
    virResetLastError();
    if (!virDomainIsValid(domain)) {
        virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__, __func__,
                             __LINE__, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    virCheckFlags(0, -1);
    if (nfdlist > 0 && !fdlist) {
        virReportInvalidNonNullArg(fdlist);
        goto error;
    }

    if (noldfdlist && oldfdlist) {
        saved = g_new0(int, G_N_ELEMENTS(lxcNamespaces));
        for (i = 0; i < G_N_ELEMENTS(lxcNamespaces); i++) {
            g_autofree char *path = g_strdup_printf("/proc/self/ns/%s", lxcNamespaces[i]);
            int fd = open(path, O_RDONLY | O_CLOEXEC);

            if (fd < 0) {
                virReportSystemError(errno, "Kernel does not provide the namespace '%s'", path);
                goto error_close;
            }
            saved[nsaved++] = fd;
        }
    }

    if (nfdlist == 0) {
        /* reported by the process helper, from no particular domain */
        virReportInvalidArgHelper(VIR_FROM_NONE, __FILE__, __func__, __LINE__, "nfdlist",
                                  "%s", "Expected at least one file descriptor");
        goto error_close;
    }
    for (i = 0; i < nfdlist; i++) {
        if (setns(fdlist[i], 0) < 0) {
            virReportSystemError(errno, "%s", "Unable to join domain namespace");
            goto error_close;
        }
    }

    if (noldfdlist && oldfdlist) {
        *noldfdlist = nsaved;
        *oldfdlist = g_steal_pointer(&saved);
    }
    return 0;

 error_close:
    for (i = 0; i < nsaved; i++)
        close(saved[i]);
 error:
    virDispatchError(domain->conn);
    return -1;
}

int
virDomainLxcEnterSecurityLabel(virSecurityModelPtr model,
                               virSecurityLabelPtr label,
                               virSecurityLabelPtr oldlabel,
                               unsigned int flags)
{
    VIR_DEBUG("model=%p, label=%p, oldlabel=%p, flags=0x%x", model, label, oldlabel, flags);
    virResetLastError();
    virCheckFlags(0, -1);
    if (!model || !label) {
        if (!model)
            virReportInvalidNonNullArg(model);
        else
            virReportInvalidNonNullArg(label);
        goto error;
    }

    /* virtkit is built without SELinux and AppArmor support; the model
     * "none" has no label to enter. */
    if (strcmp(model->model, "none") == 0) {
        if (oldlabel)
            memset(oldlabel, 0, sizeof(*oldlabel));
        return 0;
    }
    if (strcmp(model->model, "selinux") == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "Support for SELinux is not enabled");
        goto error;
    }
    if (strcmp(model->model, "apparmor") == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "Support for AppArmor is not enabled");
        goto error;
    }
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   "Security model %s cannot be entered", model->model);

 error:
    virDispatchError(NULL);
    return -1;
}

int
virDomainLxcEnterCGroup(virDomainPtr domain,
                        unsigned int flags)
{
    g_autofree char *procs = NULL;
    g_autofree char *pid = NULL;
    g_autoptr(GError) gerr = NULL;

    VIR_DEBUG("domain=%p, flags=0x%x", domain, flags);
    virResetLastError();
    if (!virDomainIsValid(domain)) {
        virReportErrorHelper(VIR_FROM_DOM, VIR_ERR_INVALID_DOMAIN, __FILE__, __func__,
                             __LINE__, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    virCheckFlags(0, -1);

    /* A running container lives in the systemd machine scope named after
     * its id and name; a domain without one (not running, or not a
     * container) has no control group to enter, which is not an error. */
    if (domain->id < 0)
        return 0;
    procs = g_strdup_printf("/sys/fs/cgroup/machine.slice/machine-lxc\\x2d%d\\x2d%s.scope/cgroup.procs",
                            domain->id, domain->name);
    if (!g_file_test(procs, G_FILE_TEST_EXISTS))
        return 0;
    pid = g_strdup_printf("%d\n", (int)getpid());
    if (!g_file_set_contents(procs, pid, -1, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to add the process to '%s': %s",
                       procs, gerr->message);
        virDispatchError(domain->conn);
        return -1;
    }
    return 0;
}
