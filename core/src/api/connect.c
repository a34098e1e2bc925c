/*
 * connect.c: opening and closing connections, and the library-wide calls.
 *
 * A connection is opened by parsing its URI and offering it to each
 * registered driver in turn until one claims it, as libvirt does.  Driver
 * registration happens once, in virInitialize(), which every entry point
 * that can start a connection calls first; it is also the only place the
 * API layer names a driver.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "datatypes.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"
#include "viruri.h"
#include "test_driver.h"
#include "remote_driver.h"
#include "qemu_driver.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define VIRTKIT_LIB_VERSION 9000000UL  /* libvirt 9.0.0 compatible */

/* ------------------------------------------------------------------ */
/* Driver registry                                                    */

#define MAX_DRIVERS 16

static virConnectDriver *drivers[MAX_DRIVERS];
static size_t ndrivers;
static GMutex registry_lock;

int
virRegisterConnectDriver(virConnectDriver *driver)
{
    g_mutex_lock(&registry_lock);
    if (ndrivers == MAX_DRIVERS) {
        g_mutex_unlock(&registry_lock);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "too many drivers, cannot register '%s'",
                       driver->hypervisorDriver->name);
        return -1;
    }
    drivers[ndrivers++] = driver;
    g_mutex_unlock(&registry_lock);
    return 0;
}

static void
virGlobalInit(void)
{
    testRegister();
    remoteRegister();
    qemuRegister();
}

int
virInitialize(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, (GThreadFunc)(void (*)(void))virGlobalInit, NULL);
    return 0;
}

int
virGetVersion(unsigned long *libVer,
              const char *type,
              unsigned long *typeVer)
{
    VIR_DEBUG("libVer=%p, type=%s, typeVer=%p", libVer, type ? type : "(null)", typeVer);
    virResetLastError();
    virInitialize();
    if (libVer)
        *libVer = VIRTKIT_LIB_VERSION;
    if (typeVer)
        *typeVer = VIRTKIT_LIB_VERSION;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Opening                                                            */

/* The URI to use when the caller gave none. */
static char *
virConnectDefaultURI(void)
{
    const char *env = g_getenv("LIBVIRT_DEFAULT_URI");

    if (env && *env)
        return g_strdup(env);
    return g_strdup(geteuid() == 0 ? "qemu:///system" : "qemu:///session");
}

static gboolean
virDriverServesScheme(const virHypervisorDriver *drv, const char *scheme)
{
    const char *const *s;

    if (!drv->uriSchemes || !scheme)
        return FALSE;
    for (s = drv->uriSchemes; *s; s++) {
        if (g_ascii_strcasecmp(*s, scheme) == 0)
            return TRUE;
    }
    return FALSE;
}

static virConnectPtr
virConnectOpenInternal(const char *name,
                       virConnectAuthPtr auth,
                       unsigned int flags)
{
    g_autofree char *uristr = NULL;
    virConnectPtr conn = NULL;
    size_t i;

    virInitialize();

    if (name && *name)
        uristr = g_strdup(name);
    else
        uristr = virConnectDefaultURI();

    conn = g_new0(virConnect, 1);
    conn->hdr.magic = VIR_CONNECT_MAGIC;
    conn->hdr.refs = 1;
    g_mutex_init(&conn->lock);
    if (flags & VIR_CONNECT_RO)
        conn->flags |= VIR_CONNECT_FLAG_RO;

    if (!(conn->uri = virURIParse(uristr)))
        goto error;
    conn->uristr = g_steal_pointer(&uristr);

    VIR_DEBUG("opening uri=%s driver=%s transport=%s server=%s",
              conn->uristr, conn->uri->driver ? conn->uri->driver : "(null)",
              conn->uri->transport ? conn->uri->transport : "(null)",
              conn->uri->server ? conn->uri->server : "(null)");

    /* Remote forms (a transport or a host) belong to the remote driver
     * alone; local forms to the driver serving their scheme, and when it
     * declines (qemu:///system outside the daemon) to the remote driver,
     * which takes the daemon's URIs to the daemon's socket. */
    {
        bool remote = conn->uri->transport || conn->uri->server;
        int pass;

        for (pass = 0; pass < (remote ? 1 : 2); pass++) {
            for (i = 0; i < ndrivers; i++) {
                virHypervisorDriver *hv = drivers[i]->hypervisorDriver;
                virDrvOpenStatus st;

                if (remote || pass == 1 ? strcmp(hv->name, "remote") != 0
                                        : !virDriverServesScheme(hv, conn->uri->driver))
                    continue;
                conn->driver = hv;
                st = hv->connectOpen(conn, conn->uri, auth, flags);
                if (st == VIR_DRV_OPEN_SUCCESS) {
                    conn->interfaceDriver = drivers[i]->interfaceDriver;
                    conn->networkDriver = drivers[i]->networkDriver;
                    conn->nodeDeviceDriver = drivers[i]->nodeDeviceDriver;
                    conn->nwfilterDriver = drivers[i]->nwfilterDriver;
                    conn->secretDriver = drivers[i]->secretDriver;
                    conn->storageDriver = drivers[i]->storageDriver;
                    return conn;
                }
                conn->driver = NULL;
                if (st == VIR_DRV_OPEN_ERROR)
                    goto error;
            }
        }
    }

    virReportError(VIR_ERR_NO_CONNECT, "%s", conn->uristr);

 error:
    conn->driver = NULL;
    virObjectUnrefConnect(conn);
    return NULL;
}

/* The shared body of the three public open functions. */
static virConnectPtr
virConnectOpenPublic(const char *name,
                     virConnectAuthPtr auth,
                     unsigned int flags)
{
    virConnectPtr ret;

    virResetLastError();
    if (!(ret = virConnectOpenInternal(name, auth, flags)))
        virDispatchError(NULL);
    return ret;
}

virConnectPtr
virConnectOpen(const char *name)
{
    VIR_DEBUG("name=%s", name ? name : "(null)");
    return virConnectOpenPublic(name, NULL, 0);
}

virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    VIR_DEBUG("name=%s", name ? name : "(null)");
    return virConnectOpenPublic(name, NULL, VIR_CONNECT_RO);
}

/* ------------------------------------------------------------------ */
/* Credentials asked on the terminal (virConnectAuthPtrDefault)       */

/* One line from standard input without its newline; echo off when ECHO
 * is false and the input is a terminal.  End of input counts as "". */
static char *
virConnectAuthReadLine(bool echo)
{
    char buf[1024];
    struct termios old;
    struct termios quiet;
    bool restore = false;
    size_t len;

    if (!echo && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~ECHO;
        restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    if (!fgets(buf, sizeof(buf), stdin))
        buf[0] = '\0';
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stdout);
    }
    len = strlen(buf);
    if (len && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return strdup(buf);
}

static int
virConnectAuthCallbackDefault(virConnectCredentialPtr cred, unsigned int ncred,
                              void *cbdata G_GNUC_UNUSED)
{
    unsigned int i;

    for (i = 0; i < ncred; i++) {
        char *answer;

        switch (cred[i].type) {
        case VIR_CRED_EXTERNAL:
            /* only a PolicyKit agent's own prompt is waited for */
            if (!cred[i].challenge || strcmp(cred[i].challenge, "PolicyKit") != 0)
                return -1;
            cred[i].result = NULL;
            cred[i].resultlen = 0;
            continue;
        case VIR_CRED_AUTHNAME:
        case VIR_CRED_ECHOPROMPT:
        case VIR_CRED_REALM:
        case VIR_CRED_PASSPHRASE:
        case VIR_CRED_NOECHOPROMPT:
            if (printf("%s: ", cred[i].prompt ? cred[i].prompt : "") < 0 || fflush(stdout) != 0)
                return -1;
            answer = virConnectAuthReadLine(cred[i].type != VIR_CRED_PASSPHRASE &&
                                            cred[i].type != VIR_CRED_NOECHOPROMPT);
            break;
        default:
            return -1;
        }
        if (!answer)
            return -1;
        if (!*answer && cred[i].defresult) {
            free(answer);
            answer = strdup(cred[i].defresult);
        }
        cred[i].result = answer;
        cred[i].resultlen = answer ? strlen(answer) : 0;
    }
    return 0;
}

static int virConnectCredTypeDefault[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_NOECHOPROMPT,
    VIR_CRED_EXTERNAL,
};

static virConnectAuth virConnectAuthDefault = {
    virConnectCredTypeDefault,
    G_N_ELEMENTS(virConnectCredTypeDefault),
    virConnectAuthCallbackDefault,
    NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &virConnectAuthDefault;

virConnectPtr
virConnectOpenAuth(const char *name,
                   virConnectAuthPtr auth,
                   unsigned int flags)
{
    VIR_DEBUG("name=%s, auth=%p, flags=0x%x", name ? name : "(null)", auth, flags);
    if (flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES)) {
        virResetLastError();
        virReportInvalidArg(flags, "unsupported flags (0x%x) in function %s",
                            flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES), __func__);
        virDispatchError(NULL);
        return NULL;
    }
    return virConnectOpenPublic(name, auth, flags);
}

int
virConnectClose(virConnectPtr conn)
{
    int left;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (!virConnectIsValid(conn)) {
        virReportError(VIR_ERR_INVALID_CONN, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    /* like libvirt: 1 while other references keep it open, 0 once closed */
    left = g_atomic_int_get(&conn->hdr.refs) - 1;
    virObjectUnrefConnect(conn);
    return left > 0 ? 1 : 0;
}

int
virConnectRef(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (!virConnectIsValid(conn)) {
        virReportError(VIR_ERR_INVALID_CONN, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    virObjectRefConnect(conn);
    return 0;
}
