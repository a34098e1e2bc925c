/*
 * virerror.c: libvirt's error model.
 *
 * Each thread owns one "last error" (a virError kept in a GPrivate, freed
 * when the thread exits).  virReportError() fills it in where a failure
 * happens; public entry points reset it on entry and, on failure, call
 * virDispatchError() which copies it onto the connection and hands it to
 * the user's callback (connection callback, else global callback, else
 * virDefaultErrorFunc printing to stderr).
 *
 * The texts are part of the interface: programs match on them, so the
 * generic wording for each error code and the layout "<generic>: <detail>"
 * follow libvirt exactly.  The table holds two texts per code: the format
 * used when there is a detail (str1 of the error), and the plain text used
 * when there is none.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* ---------------------------------------------------------------------
 * Texts
 * ------------------------------------------------------------------- */

typedef struct {
    const char *withDetail;  /* printf format with one %s for the detail */
    const char *plain;       /* used when the reporter gave no detail */
} virErrorText;

static const virErrorText virErrorTexts[] = {
    [VIR_ERR_INTERNAL_ERROR] = { "internal error: %s", "internal error" },
    [VIR_ERR_NO_MEMORY] = { "out of memory: %s", "out of memory" },
    [VIR_ERR_NO_SUPPORT] = { "this function is not supported by the connection driver: %s", "this function is not supported by the connection driver" },
    [VIR_ERR_UNKNOWN_HOST] = { "unknown host %s", "unknown host" },
    [VIR_ERR_NO_CONNECT] = { "no connection driver available for %s", "no connection driver available" },
    [VIR_ERR_INVALID_CONN] = { "invalid connection pointer in %s", "invalid connection pointer in" },
    [VIR_ERR_INVALID_DOMAIN] = { "invalid domain pointer in %s", "invalid domain pointer in" },
    [VIR_ERR_INVALID_ARG] = { "invalid argument: %s", "invalid argument" },
    [VIR_ERR_OPERATION_FAILED] = { "operation failed: %s", "operation failed" },
    [VIR_ERR_GET_FAILED] = { "GET operation failed: %s", "GET operation failed" },
    [VIR_ERR_POST_FAILED] = { "POST operation failed: %s", "POST operation failed" },
    [VIR_ERR_HTTP_ERROR] = { "got unknown HTTP error code %s", "got unknown HTTP error code" },
    [VIR_ERR_SEXPR_SERIAL] = { "failed to serialize S-Expr: %s", "failed to serialize S-Expr" },
    [VIR_ERR_NO_XEN] = { "could not use Xen hypervisor entry %s", "could not use Xen hypervisor entry" },
    [VIR_ERR_XEN_CALL] = { "failed Xen syscall %s", "failed Xen syscall" },
    [VIR_ERR_OS_TYPE] = { "unknown OS type %s", "unknown OS type" },
    [VIR_ERR_NO_KERNEL] = { "missing kernel information: %s", "missing kernel information" },
    [VIR_ERR_NO_ROOT] = { "missing root device information in %s", "missing root device information" },
    [VIR_ERR_NO_SOURCE] = { "missing source information for device %s", "missing source information for device" },
    [VIR_ERR_NO_TARGET] = { "missing target information for device %s", "missing target information for device" },
    [VIR_ERR_NO_NAME] = { "missing name information in %s", "missing name information" },
    [VIR_ERR_NO_OS] = { "missing operating system information for %s", "missing operating system information" },
    [VIR_ERR_NO_DEVICE] = { "missing devices information for %s", "missing devices information" },
    [VIR_ERR_NO_XENSTORE] = { "could not connect to Xen Store %s", "could not connect to Xen Store" },
    [VIR_ERR_DRIVER_FULL] = { "too many drivers registered in %s", "too many drivers registered" },
    [VIR_ERR_CALL_FAILED] = { "library call failed: %s", "library call failed" },
    [VIR_ERR_XML_ERROR] = { "XML error: %s", "XML description is invalid or not well formed" },
    [VIR_ERR_DOM_EXIST] = { "domain %s exists already", "this domain exists already" },
    [VIR_ERR_OPERATION_DENIED] = { "operation forbidden: %s", "operation forbidden for read only access" },
    [VIR_ERR_OPEN_FAILED] = { "failed to open configuration file %s", "failed to open configuration file" },
    [VIR_ERR_READ_FAILED] = { "failed to read configuration file %s", "failed to read configuration file" },
    [VIR_ERR_PARSE_FAILED] = { "failed to parse configuration file %s", "failed to parse configuration file" },
    [VIR_ERR_CONF_SYNTAX] = { "configuration file syntax error: %s", "configuration file syntax error" },
    [VIR_ERR_WRITE_FAILED] = { "failed to write configuration file: %s", "failed to write configuration file" },
    [VIR_ERR_XML_DETAIL] = { "%s", "parser error" },
    [VIR_ERR_INVALID_NETWORK] = { "invalid network pointer in %s", "invalid network pointer in" },
    [VIR_ERR_NETWORK_EXIST] = { "network %s exists already", "this network exists already" },
    [VIR_ERR_SYSTEM_ERROR] = { "%s", "system call error" },
    [VIR_ERR_RPC] = { "%s", "RPC error" },
    [VIR_ERR_GNUTLS_ERROR] = { "%s", "GNUTLS call error" },
    [VIR_WAR_NO_NETWORK] = { "Failed to find the network: %s", "Failed to find the network" },
    [VIR_ERR_NO_DOMAIN] = { "Domain not found: %s", "Domain not found" },
    [VIR_ERR_NO_NETWORK] = { "Network not found: %s", "Network not found" },
    [VIR_ERR_INVALID_MAC] = { "invalid MAC address: %s", "invalid MAC address" },
    [VIR_ERR_AUTH_FAILED] = { "authentication failed: %s", "authentication failed" },
    [VIR_ERR_INVALID_STORAGE_POOL] = { "invalid storage pool pointer in %s", "invalid storage pool pointer in" },
    [VIR_ERR_INVALID_STORAGE_VOL] = { "invalid storage volume pointer in %s", "invalid storage volume pointer in" },
    [VIR_WAR_NO_STORAGE] = { "Failed to find a storage driver: %s", "Failed to find a storage driver" },
    [VIR_ERR_NO_STORAGE_POOL] = { "Storage pool not found: %s", "Storage pool not found" },
    [VIR_ERR_NO_STORAGE_VOL] = { "Storage volume not found: %s", "Storage volume not found" },
    [VIR_WAR_NO_NODE] = { "Failed to find a node driver: %s", "Failed to find a node driver" },
    [VIR_ERR_INVALID_NODE_DEVICE] = { "invalid node device pointer in %s", "invalid node device pointer" },
    [VIR_ERR_NO_NODE_DEVICE] = { "Node device not found: %s", "Node device not found" },
    [VIR_ERR_NO_SECURITY_MODEL] = { "Security model not found: %s", "Security model not found" },
    [VIR_ERR_OPERATION_INVALID] = { "Requested operation is not valid: %s", "Requested operation is not valid" },
    [VIR_WAR_NO_INTERFACE] = { "Failed to find the interface: %s", "Failed to find the interface" },
    [VIR_ERR_NO_INTERFACE] = { "Interface not found: %s", "Interface not found" },
    [VIR_ERR_INVALID_INTERFACE] = { "invalid interface pointer in %s", "invalid interface pointer in" },
    [VIR_ERR_MULTIPLE_INTERFACES] = { "multiple matching interfaces found: %s", "multiple matching interfaces found" },
    [VIR_WAR_NO_NWFILTER] = { "Failed to start the nwfilter driver: %s", "Failed to start the nwfilter driver" },
    [VIR_ERR_INVALID_NWFILTER] = { "Invalid network filter: %s", "Invalid network filter" },
    [VIR_ERR_NO_NWFILTER] = { "Network filter not found: %s", "Network filter not found" },
    [VIR_ERR_BUILD_FIREWALL] = { "Error while building firewall: %s", "Error while building firewall" },
    [VIR_WAR_NO_SECRET] = { "Failed to find a secret storage driver: %s", "Failed to find a secret storage driver" },
    [VIR_ERR_INVALID_SECRET] = { "Invalid secret: %s", "Invalid secret" },
    [VIR_ERR_NO_SECRET] = { "Secret not found: %s", "Secret not found" },
    [VIR_ERR_CONFIG_UNSUPPORTED] = { "unsupported configuration: %s", "unsupported configuration" },
    [VIR_ERR_OPERATION_TIMEOUT] = { "Timed out during operation: %s", "Timed out during operation" },
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = { "Failed to make domain persistent after migration: %s", "Failed to make domain persistent after migration" },
    [VIR_ERR_HOOK_SCRIPT_FAILED] = { "Hook script execution failed: %s", "Hook script execution failed" },
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = { "Invalid domain snapshot: %s", "Invalid domain snapshot" },
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = { "Domain snapshot not found: %s", "Domain snapshot not found" },
    [VIR_ERR_INVALID_STREAM] = { "invalid stream pointer in %s", "invalid stream pointer" },
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = { "argument unsupported: %s", "argument unsupported" },
    [VIR_ERR_STORAGE_PROBE_FAILED] = { "Storage pool probe failed: %s", "Storage pool probe failed" },
    [VIR_ERR_STORAGE_POOL_BUILT] = { "Storage pool already built: %s", "Storage pool already built" },
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = { "revert requires force: %s", "revert requires force" },
    [VIR_ERR_OPERATION_ABORTED] = { "operation aborted: %s", "operation aborted" },
    [VIR_ERR_AUTH_CANCELLED] = { "authentication cancelled: %s", "authentication cancelled" },
    [VIR_ERR_NO_DOMAIN_METADATA] = { "metadata not found: %s", "metadata not found" },
    [VIR_ERR_MIGRATE_UNSAFE] = { "Unsafe migration: %s", "Unsafe migration" },
    [VIR_ERR_OVERFLOW] = { "numerical overflow: %s", "numerical overflow" },
    [VIR_ERR_BLOCK_COPY_ACTIVE] = { "block copy still active: %s", "block copy still active" },
    [VIR_ERR_OPERATION_UNSUPPORTED] = { "Operation not supported: %s", "Operation not supported" },
    [VIR_ERR_SSH] = { "SSH transport error: %s", "SSH transport error" },
    [VIR_ERR_AGENT_UNRESPONSIVE] = { "Guest agent is not responding: %s", "Guest agent is not responding" },
    [VIR_ERR_RESOURCE_BUSY] = { "resource busy: %s", "resource busy" },
    [VIR_ERR_ACCESS_DENIED] = { "access denied: %s", "access denied" },
    [VIR_ERR_DBUS_SERVICE] = { "error from service: %s", "error from service" },
    [VIR_ERR_STORAGE_VOL_EXIST] = { "storage volume %s exists already", "this storage volume exists already" },
    [VIR_ERR_CPU_INCOMPATIBLE] = { "the CPU is incompatible with host CPU: %s", "the CPU is incompatible with host CPU" },
    [VIR_ERR_XML_INVALID_SCHEMA] = { "XML document failed to validate against schema: %s", "XML document failed to validate against schema" },
    [VIR_ERR_MIGRATE_FINISH_OK] = { "migration successfully aborted: %s", "migration successfully aborted" },
    [VIR_ERR_AUTH_UNAVAILABLE] = { "authentication unavailable: %s", "authentication unavailable" },
    [VIR_ERR_NO_SERVER] = { "Server not found: %s", "Server not found" },
    [VIR_ERR_NO_CLIENT] = { "Client not found: %s", "Client not found" },
    [VIR_ERR_AGENT_UNSYNCED] = { "guest agent replied with wrong id to guest-sync command: %s", "guest agent replied with wrong id to guest-sync command" },
    [VIR_ERR_LIBSSH] = { "libssh transport error: %s", "libssh transport error" },
    [VIR_ERR_DEVICE_MISSING] = { "device not found: %s", "device not found" },
    [VIR_ERR_INVALID_NWFILTER_BINDING] = { "Invalid network filter binding: %s", "Invalid network filter binding" },
    [VIR_ERR_NO_NWFILTER_BINDING] = { "Network filter binding not found: %s", "Network filter binding not found" },
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = { "Invalid domain checkpoint: %s", "Invalid domain checkpoint" },
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = { "Domain checkpoint not found: %s", "Domain checkpoint not found" },
    [VIR_ERR_NO_DOMAIN_BACKUP] = { "Domain backup job id not found: %s", "Domain backup job id not found" },
    [VIR_ERR_INVALID_NETWORK_PORT] = { "Invalid network port pointer: %s", "Invalid network port pointer" },
    [VIR_ERR_NETWORK_PORT_EXIST] = { "network port %s exists already", "this network port exists already" },
    [VIR_ERR_NO_NETWORK_PORT] = { "network port not found: %s", "network port not found" },
    [VIR_ERR_NO_HOSTNAME] = { "no hostname found: %s", "no hostname found" },
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = { "checkpoint inconsistent: %s", "checkpoint inconsistent" },
    [VIR_ERR_MULTIPLE_DOMAINS] = { "multiple matching domains found: %s", "multiple matching domains found" },
};

static const char *const virErrorDomainTexts[] = {
    [VIR_FROM_NONE] = "",
    [VIR_FROM_XEN] = "Xen Driver",
    [VIR_FROM_XEND] = "Xen Daemon",
    [VIR_FROM_XENSTORE] = "Xen Store",
    [VIR_FROM_SEXPR] = "S-Expression",
    [VIR_FROM_XML] = "XML Util",
    [VIR_FROM_DOM] = "Domain",
    [VIR_FROM_RPC] = "XML-RPC",
    [VIR_FROM_PROXY] = "Proxy Daemon",
    [VIR_FROM_CONF] = "Config File",
    [VIR_FROM_QEMU] = "QEMU Driver",
    [VIR_FROM_NET] = "Network",
    [VIR_FROM_TEST] = "Test Driver",
    [VIR_FROM_REMOTE] = "Remote Driver",
    [VIR_FROM_OPENVZ] = "OpenVZ Driver",
    [VIR_FROM_XENXM] = "Xen XM Driver",
    [VIR_FROM_STATS_LINUX] = "Linux Statistics",
    [VIR_FROM_LXC] = "LXC Driver",
    [VIR_FROM_STORAGE] = "Storage Driver",
    [VIR_FROM_NETWORK] = "Network Driver",
    [VIR_FROM_DOMAIN] = "Domain Config",
    [VIR_FROM_UML] = "User Mode Linux Driver",
    [VIR_FROM_NODEDEV] = "Node Device Driver",
    [VIR_FROM_XEN_INOTIFY] = "Xen Inotify Driver",
    [VIR_FROM_SECURITY] = "Security Driver",
    [VIR_FROM_VBOX] = "VirtualBox Driver",
    [VIR_FROM_INTERFACE] = "Network Interface Driver",
    [VIR_FROM_ONE] = "Open Nebula Driver",
    [VIR_FROM_ESX] = "ESX Driver",
    [VIR_FROM_PHYP] = "Power Hypervisor Driver",
    [VIR_FROM_SECRET] = "Secrets Driver",
    [VIR_FROM_CPU] = "CPU Driver",
    [VIR_FROM_XENAPI] = "XenAPI Driver",
    [VIR_FROM_NWFILTER] = "Network Filter Driver",
    [VIR_FROM_HOOK] = "Lifecycle Hook",
    [VIR_FROM_DOMAIN_SNAPSHOT] = "Domain Snapshot",
    [VIR_FROM_AUDIT] = "Audit Utils",
    [VIR_FROM_SYSINFO] = "Sysinfo Utils",
    [VIR_FROM_STREAMS] = "I/O Stream Utils",
    [VIR_FROM_VMWARE] = "VMware Driver",
    [VIR_FROM_EVENT] = "Event Loop",
    [VIR_FROM_LIBXL] = "Xen Light Driver",
    [VIR_FROM_LOCKING] = "Lock Driver",
    [VIR_FROM_HYPERV] = "Hyper-V Driver",
    [VIR_FROM_CAPABILITIES] = "Capabilities Utils",
    [VIR_FROM_URI] = "URI Utils",
    [VIR_FROM_AUTH] = "Authentication Utils",
    [VIR_FROM_DBUS] = "DBus Utils",
    [VIR_FROM_PARALLELS] = "Parallels Cloud Server",
    [VIR_FROM_DEVICE] = "Device Config",
    [VIR_FROM_SSH] = "SSH transport layer",
    [VIR_FROM_LOCKSPACE] = "Lock Space",
    [VIR_FROM_INITCTL] = "Init control",
    [VIR_FROM_IDENTITY] = "Identity",
    [VIR_FROM_CGROUP] = "Cgroup",
    [VIR_FROM_ACCESS] = "Access Manager",
    [VIR_FROM_SYSTEMD] = "Systemd",
    [VIR_FROM_BHYVE] = "Bhyve",
    [VIR_FROM_CRYPTO] = "Crypto",
    [VIR_FROM_FIREWALL] = "Firewall",
    [VIR_FROM_POLKIT] = "Polkit",
    [VIR_FROM_THREAD] = "Thread jobs",
    [VIR_FROM_ADMIN] = "Admin Interface",
    [VIR_FROM_LOGGING] = "Log Manager",
    [VIR_FROM_XENXL] = "Xen XL Config",
    [VIR_FROM_PERF] = "Perf",
    [VIR_FROM_LIBSSH] = "Libssh transport layer",
    [VIR_FROM_RESCTRL] = "Resource control",
    [VIR_FROM_FIREWALLD] = "FirewallD",
    [VIR_FROM_DOMAIN_CHECKPOINT] = "Domain Checkpoint",
    [VIR_FROM_TPM] = "TPM",
    [VIR_FROM_BPF] = "BPF",
    [VIR_FROM_CH] = "Cloud-Hypervisor Driver",
};

static const char *const virErrorLevelTexts[] = {
    [VIR_ERR_NONE] = "",
    [VIR_ERR_WARNING] = "warning",
    [VIR_ERR_ERROR] = "error",
};

/* Format for CODE with or without a detail; never NULL for a real code. */
static const char *
virErrorFormatFor(int code, gboolean withDetail)
{
    const virErrorText *text = NULL;

    if (code > VIR_ERR_OK && code < (int)G_N_ELEMENTS(virErrorTexts))
        text = &virErrorTexts[code];
    if (!text || !text->plain)
        return withDetail ? "unknown error: %s" : "unknown error";
    return withDetail ? text->withDetail : text->plain;
}

/* The plain generic text of CODE ("Domain not found"), NULL for VIR_ERR_OK
 * or a code this library does not know. */
const char *
virErrorMsg(int code)
{
    if (code <= VIR_ERR_OK || code >= (int)G_N_ELEMENTS(virErrorTexts))
        return NULL;
    return virErrorTexts[code].plain;
}

static const char *
virErrorDomainText(int domain)
{
    if (domain < 0 || domain >= (int)G_N_ELEMENTS(virErrorDomainTexts) ||
        !virErrorDomainTexts[domain])
        return "Unknown";
    return virErrorDomainTexts[domain];
}

/* ---------------------------------------------------------------------
 * The per-thread last error
 * ------------------------------------------------------------------- */

static void virErrorFreeNotify(gpointer data);
static GPrivate virLastErrorKey = G_PRIVATE_INIT(virErrorFreeNotify);

static void virErrorRaise(int domain, int code, const char *file,
                          const char *func, size_t line,
                          char *message, char *str1, char *str2,
                          int int1, int int2);

static GMutex virErrorHandlerLock;
static virErrorFunc virErrorHandler;
static void *virErrorUserData;

static void
virErrorFreeNotify(gpointer data)
{
    virFreeError(data);
}

/* The calling thread's error record, created on first use. */
static virErrorPtr
virLastErrorObject(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    if (!err) {
        err = g_new0(virError, 1);
        g_private_set(&virLastErrorKey, err);
    }
    return err;
}

/* Deep copy FROM over TO; TO's previous strings are not freed (callers
 * reset it first when it may hold some). */
static void
virErrorCopyInto(const virError *from, virErrorPtr to)
{
    *to = (virError) {
        .code = from->code,
        .domain = from->domain,
        .message = g_strdup(from->message),
        .level = from->level,
        .str1 = g_strdup(from->str1),
        .str2 = g_strdup(from->str2),
        .str3 = g_strdup(from->str3),
        .int1 = from->int1,
        .int2 = from->int2,
    };
}

void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    g_free(err);
}

virErrorPtr
virGetLastError(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    if (!err || err->code == VIR_ERR_OK)
        return NULL;
    return err;
}

int
virGetLastErrorCode(void)
{
    virErrorPtr err = virGetLastError();

    return err ? err->code : VIR_ERR_OK;
}

int
virGetLastErrorDomain(void)
{
    virErrorPtr err = virGetLastError();

    return err ? err->domain : VIR_FROM_NONE;
}

const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return "no error";
    if (!err->message)
        return "unknown error";
    return err->message;
}

void
virResetLastError(void)
{
    virErrorPtr err = g_private_get(&virLastErrorKey);

    /* Called on entry to every API: keep it to one load when clean. */
    if (err && err->code != VIR_ERR_OK)
        virResetError(err);
}

int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = virLastErrorObject();

    if (!to)
        return -1;
    virErrorCopyInto(err, to);
    return to->code;
}

virErrorPtr
virSaveLastError(void)
{
    virErrorPtr copy = g_new0(virError, 1);

    virErrorCopyInto(virLastErrorObject(), copy);
    return copy;
}

void
virSetError(const virError *newerr)
{
    virErrorPtr err;
    int saved_errno = errno;

    if (!newerr)
        return;
    err = virLastErrorObject();
    if (err == newerr)
        return;
    virResetError(err);
    virErrorCopyInto(newerr, err);
    errno = saved_errno;
}

/* ---------------------------------------------------------------------
 * Handlers
 * ------------------------------------------------------------------- */

void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&virErrorHandlerLock);
    virErrorHandler = handler;
    virErrorUserData = userData;
    g_mutex_unlock(&virErrorHandlerLock);
}

void
virErrorGetHandler(virErrorFunc *handler, void **userData)
{
    g_mutex_lock(&virErrorHandlerLock);
    *handler = virErrorHandler;
    *userData = virErrorUserData;
    g_mutex_unlock(&virErrorHandlerLock);
}

/* ---------------------------------------------------------------------
 * Printing and dispatching
 * ------------------------------------------------------------------- */

void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *level = "";
    const char *message;

    if (!err)
        return;
    if (err->level >= 0 && err->level <= VIR_ERR_ERROR)
        level = virErrorLevelTexts[err->level];
    message = err->message ? err->message : virErrorFormatFor(err->code, FALSE);

    /* libvirt also prints the name of err->dom when a caller filled in
     * that deprecated field; the library itself never does. */
    fprintf(stderr, "libvirt: %s %s : %s\n",
            virErrorDomainText(err->domain), level, message);
}

virErrorPtr
virErrorEnsureLast(void)
{
    virErrorPtr err = virLastErrorObject();

    if (err->code == VIR_ERR_OK) {
        virErrorRaise(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                      __LINE__,
                      g_strdup("An error occurred, but the cause is unknown"),
                      NULL, NULL, 0, 0);
    }
    return err;
}

void
virErrorCopy(const virError *from, virErrorPtr to)
{
    virErrorCopyInto(from, to);
}

/* ---------------------------------------------------------------------
 * Raising
 * ------------------------------------------------------------------- */

/* Replace the thread's error; takes ownership of the strings. */
static void
virErrorRaise(int domain,
              int code,
              const char *file,
              const char *func,
              size_t line,
              char *message,
              char *str1,
              char *str2,
              int int1,
              int int2)
{
    virErrorPtr err = virLastErrorObject();

    virResetError(err);
    *err = (virError) {
        .code = code,
        .domain = domain,
        .message = message,
        .level = VIR_ERR_ERROR,
        .str1 = str1,
        .str2 = str2,
        .int1 = int1,
        .int2 = int2,
    };
    /* Logged where it was raised, like any other log line. */
    if (G_UNLIKELY(VIR_LOG_ERROR >= virLogThreshold))
        virLogMessage(VIR_LOG_ERROR, file, line, func, "%s",
                      message ? message : "");
}

void
virReportErrorHelper(int domain,
                     int code,
                     const char *file,
                     const char *func,
                     size_t line,
                     const char *fmt,
                     ...)
{
    int saved_errno = errno;
    g_autofree char *detail = NULL;
    const char *format;
    char *message;

    if (code == VIR_ERR_OK)
        return;

    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }

    format = virErrorFormatFor(code, detail != NULL);
    if (detail) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        message = g_strdup_printf(format, detail);
#pragma GCC diagnostic pop
    } else {
        message = g_strdup(format);
    }

    virErrorRaise(domain, code, file, func, line, message, g_strdup(format),
                  g_steal_pointer(&detail), -1, -1);
    errno = saved_errno;
}

void
virReportSystemErrorFull(int domain,
                         int theerrno,
                         const char *file,
                         const char *func,
                         size_t line,
                         const char *fmt,
                         ...)
{
    int saved_errno = errno;
    const char *syserr = g_strerror(theerrno);
    char *message;

    if (fmt) {
        g_autofree char *detail = NULL;
        va_list ap;
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        message = g_strdup_printf("%s: %s", detail, syserr);
    } else {
        message = g_strdup(syserr);
    }

    virErrorRaise(domain, VIR_ERR_SYSTEM_ERROR, file, func, line, message,
                  g_strdup("%s"), g_strdup(message), theerrno, -1);
    errno = saved_errno;
}

void
virReportInvalidArgHelper(int domain,
                          const char *file,
                          const char *func,
                          size_t line,
                          const char *argname,
                          const char *fmt,
                          ...)
{
    int saved_errno = errno;
    char *message;
    va_list ap;

    va_start(ap, fmt);
    message = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    virErrorRaise(domain, VIR_ERR_INVALID_ARG, file, func, line, message,
                  g_strdup(func), g_strdup(argname), 0, 0);
    errno = saved_errno;
}
