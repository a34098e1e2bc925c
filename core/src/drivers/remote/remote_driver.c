/*
 * remote_driver.c: the hand-written part of the remote driver.
 *
 * Most methods are generated (remote_client_gen.c): they write their
 * arguments, call, and read the reply.  What is here is what the
 * generator cannot do: opening the connection to the daemon (choosing the
 * socket from the URI), closing it, the one function whose result is
 * borrowed (virConnectGetType), and events (remote_event.c).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remote_driver.h"
#include "remote_driver_private.h"
#include "remote_event.h"
#include "remote_glue.h"
#include "remote_stream.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"
#include "virnetclient.h"
#include "virnetsasl.h"
#include "virnetsocket.h"
#include "virnettls.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

typedef struct {
    virNetClient *client;
    virNetTLSContext *tls;       /* the TLS session's credentials, or NULL */
    GMutex lock;
    char *type;                  /* virConnectGetType's answer, kept */
    remoteEventState *events;
    virConnectPtr conn;          /* not a reference: PRIV dies with it */
    virConnectCloseFunc closeCb; /* guarded by LOCK */
    void *closeOpaque;
    virFreeCallback closeFree;
} remotePrivate;

int
remoteCall(virConnectPtr conn, unsigned int proc, virNetBuf *msg, virNetBuf *rep)
{
    remotePrivate *priv = conn->privateData;

    return virNetClientCall(priv->client, proc, msg, rep);
}

virNetClient *
remoteConnClient(virConnectPtr conn)
{
    remotePrivate *priv = conn->privateData;

    return priv->client;
}

remoteEventState *
remoteConnEvents(virConnectPtr conn)
{
    remotePrivate *priv = conn->privateData;

    return priv->events;
}

/* Whether URI is qemu:///session (local, or over unix without a host). */
static bool
remoteIsSessionURI(virURI *uri)
{
    return !uri->server && uri->driver && g_ascii_strcasecmp(uri->driver, "qemu") == 0 &&
           g_strcmp0(uri->path, "/session") == 0;
}

/* Whether URI is one the local daemon serves although it names no
 * transport: qemu:///system, qemu:///session (the QEMU driver declines
 * them outside virtkitd). */
static bool
remoteIsDaemonURI(virURI *uri)
{
    return !uri->transport && !uri->server && uri->driver &&
           g_ascii_strcasecmp(uri->driver, "qemu") == 0 &&
           (g_strcmp0(uri->path, "/system") == 0 || g_strcmp0(uri->path, "/session") == 0);
}

/* Whether a daemon listens on the unix socket PATH. */
static bool
remoteSocketListens(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;
    bool ok;

    if (strlen(path) >= sizeof(addr.sun_path) ||
        (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return false;
    memcpy(addr.sun_path, path, strlen(path));
    ok = connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0;
    close(fd);
    return ok;
}

/* The daemon to start: $VIRTKITD_PATH, else the virtkitd installed with
 * this library (LIBDIR/../sbin, LIBDIR/../../sbin for multiarch, or
 * ../daemon in the build tree), else "virtkitd" from $PATH. */
static char *
remoteDaemonBinary(void)
{
    const char *env = g_getenv("VIRTKITD_PATH");
    const char *const rel[] = { "../sbin", "../../sbin", "../daemon" };
    g_autofree char *libdir = NULL;
    Dl_info info;
    size_t i;

    if (env && *env)
        return g_strdup(env);
    if (dladdr((void *)remoteDaemonBinary, &info) && info.dli_fname) {
        libdir = g_path_get_dirname(info.dli_fname);
        for (i = 0; i < G_N_ELEMENTS(rel); i++) {
            g_autofree char *path = g_build_filename(libdir, rel[i], "virtkitd", NULL);
            if (g_file_test(path, G_FILE_TEST_IS_EXECUTABLE))
                return g_steal_pointer(&path);
        }
    }
    return g_strdup("virtkitd");
}

#define REMOTE_DAEMON_TIMEOUT "30"
#define REMOTE_DAEMON_START_MS (60 * 1000)

/* The session daemon behind the socket SOCKPATH in DIR, as libvirt's
 * client starts its own: when nothing listens, run `virtkitd --session
 * --daemon --timeout 30` (it returns once its sockets listen, and exits when idle)
 * and wait for it.  Clients of the same user take turns on
 * DIR/virtkitd-start.lock, so two of them never start two daemons.
 * LIBVIRT_AUTOSTART=0 turns it off, as with libvirt.  0, or -1
 * reported. */
static int
remoteStartSessionDaemon(const char *dir, const char *sockpath)
{
    g_autofree char *lockpath = g_build_filename(dir, "virtkitd-start.lock", NULL);
    g_autofree char *binary = NULL;
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    const char *autostart = g_getenv("LIBVIRT_AUTOSTART");
    const char *argv[] = { NULL, "--session", "--daemon", "--timeout", REMOTE_DAEMON_TIMEOUT,
                           NULL };
    int lockfd = -1;
    pid_t pid;
    int status = 0;
    int rc;
    int ret = -1;

    if ((autostart && g_str_equal(autostart, "0")) || remoteSocketListens(sockpath))
        return 0;
    if (g_mkdir_with_parents(dir, 0700) < 0) {
        virReportSystemError(errno, _("cannot create directory '%s'"), dir);
        return -1;
    }
    if ((lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
        fcntl(lockfd, F_OFD_SETLKW, &lock) < 0) {
        virReportSystemError(errno, _("Failed to acquire pid file '%s'"), lockpath);
        goto cleanup;
    }
    if (remoteSocketListens(sockpath)) {
        ret = 0;                /* another client started it meanwhile */
        goto cleanup;
    }

    binary = remoteDaemonBinary();
    argv[0] = binary;
    VIR_DEBUG("starting the session daemon %s", binary);
    if (virCommandSpawn(argv, -1, STDERR_FILENO, NULL, 0, 0, &pid) < 0)
        goto cleanup;
    if ((rc = virCommandWaitPid(pid, REMOTE_DAEMON_START_MS, &status)) <= 0) {
        if (rc == 0) {
            virCommandKillPid(pid, 0);
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("the session daemon '%s' did not start in time"), binary);
        }
        goto cleanup;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autofree char *how = virCommandDescribeStatus(status);

        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("cannot start the session daemon '%s': it %s"), binary, how);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    if (lockfd >= 0)
        close(lockfd);
    return ret;
}

/* The socket a URI names: ?socket=PATH, else the user's session daemon's
 * for qemu:///session (started first: remoteStartSessionDaemon), the
 * system daemon's for qemu:///system and for root, the user's otherwise.  NULL
 * with an error reported when that daemon could not start. */
static char *
remoteSocketPath(virURI *uri, unsigned int flags)
{
    const char *sock = virURIGetParam(uri, "socket");
    const char *suffix = (flags & VIR_CONNECT_RO) ? "-ro" : "";
    g_autofree char *dir = NULL;
    g_autofree char *rwpath = NULL;
    const char *rt;

    if (sock && *sock)
        return g_strdup(sock);
    if (g_strcmp0(uri->path, "/system") == 0 ||
        (geteuid() == 0 && !remoteIsSessionURI(uri)))
        return g_strdup_printf("/run/virtkit/virtkit-sock%s", suffix);
    rt = g_getenv("XDG_RUNTIME_DIR");
    if (!rt || !*rt)
        rt = g_get_user_runtime_dir();
    dir = g_build_filename(rt, "virtkit", NULL);
    rwpath = g_build_filename(dir, "virtkit-sock", NULL);
    if (remoteIsSessionURI(uri) && remoteStartSessionDaemon(dir, rwpath) < 0)
        return NULL;
    return g_strdup_printf("%s%s", rwpath, suffix);
}

static void
remotePrivateFree(remotePrivate *priv)
{
    if (!priv)
        return;
    remoteEventStateFree(priv->events);
    virNetClientFree(priv->client);
    virNetTLSContextFree(priv->tls);
    if (priv->closeFree)
        priv->closeFree(priv->closeOpaque);
    g_free(priv->type);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

/* The daemon went away (reader thread): tell the close callback once. */
static void
remoteConnectionLost(void *opaque, bool keepalive)
{
    remotePrivate *priv = opaque;
    virConnectCloseFunc cb;
    void *data;

    g_mutex_lock(&priv->lock);
    cb = priv->closeCb;
    data = priv->closeOpaque;
    g_mutex_unlock(&priv->lock);
    if (cb)
        cb(priv->conn, keepalive ? VIR_CONNECT_CLOSE_REASON_KEEPALIVE
                                 : VIR_CONNECT_CLOSE_REASON_EOF, data);
}

/* Keepalive and liveness are the client's own business. */
static int
remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    remotePrivate *priv = conn->privateData;

    return virNetClientSetKeepAlive(priv->client, interval, count);
}

static int
remoteConnectIsAlive(virConnectPtr conn)
{
    remotePrivate *priv = conn->privateData;

    return virNetClientIsOpen(priv->client) ? 1 : 0;
}

static int
remoteConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                   void *opaque, virFreeCallback freecb)
{
    remotePrivate *priv = conn->privateData;
    void *oldOpaque;
    virFreeCallback oldFree;

    g_mutex_lock(&priv->lock);
    oldOpaque = priv->closeOpaque;
    oldFree = priv->closeFree;
    priv->closeCb = cb;
    priv->closeOpaque = opaque;
    priv->closeFree = freecb;
    g_mutex_unlock(&priv->lock);
    if (oldFree)
        oldFree(oldOpaque);
    return 0;
}

static int
remoteConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    remotePrivate *priv = conn->privateData;
    void *oldOpaque = NULL;
    virFreeCallback oldFree = NULL;

    g_mutex_lock(&priv->lock);
    if (priv->closeCb == cb) {
        oldOpaque = priv->closeOpaque;
        oldFree = priv->closeFree;
        priv->closeCb = NULL;
        priv->closeOpaque = NULL;
        priv->closeFree = NULL;
    }
    g_mutex_unlock(&priv->lock);
    if (oldFree)
        oldFree(oldOpaque);
    return 0;
}

/* ---- transports ---- */

/* The transport a URI asks for: unix when it names none and no host, TLS
 * when it names a host, as libvirt does. */
static const char *
remoteTransportName(virURI *uri)
{
    return uri->transport ? uri->transport : uri->server ? "tls" : "unix";
}

/* Each function below makes the connection a URI's transport names, the
 * way libvirt's remote driver does; the client code above them sees a virNetSocket
 * whatever it is. */

/* The URI's boolean parameter NAME ("1" / "0"). */
static bool
remoteURIFlag(virURI *uri, const char *name)
{
    const char *v = virURIGetParam(uri, name);

    return v && strcmp(v, "0") != 0;
}

/* DRIVER+tls://HOST[:PORT]/ and DRIVER+tcp://: TCP to HOST (localhost
 * when none) at PORT (16514 for TLS, 16509 for TCP), then with TLS the
 * handshake and certificate checks with ?pkipath= or libvirt's default
 * certificate files. */
static virNetSocket *
remoteOpenTCP(virURI *uri, bool tls, virNetTLSContext **ctx)
{
    const char *host = uri->server && *uri->server ? uri->server : "localhost";
    g_autofree char *port = uri->port > 0 ? g_strdup_printf("%d", uri->port)
                                          : g_strdup(tls ? "16514" : "16509");
    g_autoptr(virNetSocket) sock = NULL;

    if (tls && !(*ctx = virNetTLSContextNewClientPath(virURIGetParam(uri, "pkipath"),
                                                      remoteURIFlag(uri, "no_verify"))))
        return NULL;
    if (!(sock = virNetSocketNewTCP(host, port)))
        return NULL;
    if (tls && virNetSocketStartTLS(sock, *ctx, host) < 0)
        return NULL;
    return g_steal_pointer(&sock);
}

/* What ssh runs on the far side: virtkit-ssh-helper URI (native), nc -U
 * SOCKET (netcat), or by default the helper when the host has it and nc
 * otherwise, as libvirt's "auto" proxy does.  This is text for the far
 * side's shell; every piece in it is quoted. */
static char *
remoteSSHCommand(virURI *uri, unsigned int flags)
{
    const char *sock = virURIGetParam(uri, "socket");
    const char *netcat = virURIGetParam(uri, "netcat");
    const char *proxy = virURIGetParam(uri, "proxy");
    bool ro = flags & VIR_CONNECT_RO;
    g_autofree char *inner = NULL;
    g_autofree char *qinner = NULL;
    g_autofree char *qsock = NULL;
    g_autofree char *qnc = g_shell_quote(netcat && *netcat ? netcat : "nc");
    g_autofree char *helper = NULL;
    g_autofree char *nc = NULL;
    g_autofree char *both = NULL;

    if (sock && *sock) {
        g_autofree char *esc = g_uri_escape_string(sock, "/", FALSE);

        inner = g_strdup_printf("%s://%s?socket=%s", uri->driver,
                                uri->path && *uri->path ? uri->path : "/", esc);
    } else {
        inner = g_strdup_printf("%s://%s", uri->driver,
                                uri->path && *uri->path ? uri->path : "/");
    }
    qinner = g_shell_quote(inner);
    qsock = g_shell_quote(sock && *sock ? sock :
                          ro ? "/run/virtkit/virtkit-sock-ro" : "/run/virtkit/virtkit-sock");
    helper = g_strdup_printf("virtkit-ssh-helper%s %s", ro ? " -r" : "", qinner);
    nc = g_strdup_printf("if %s -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; "
                         "then ARG=-q0; else ARG=; fi; exec %s $ARG -U %s", qnc, qnc, qsock);
    if ((proxy && strcmp(proxy, "native") == 0))
        return g_steal_pointer(&helper);
    if ((proxy && strcmp(proxy, "netcat") == 0) || (netcat && *netcat && !proxy)) {
        g_autofree char *q = g_shell_quote(nc);

        return g_strdup_printf("sh -c %s", q);
    }
    both = g_strdup_printf("if which virtkit-ssh-helper >/dev/null 2>&1; then exec %s; else %s; fi",
                           helper, nc);
    {
        g_autofree char *q = g_shell_quote(both);

        return g_strdup_printf("sh -c %s", q);
    }
}

/* DRIVER+ssh://[USER@]HOST[:PORT]/PATH: ssh (or ?command=) as libvirt
 * runs it, with ?keyfile=, ?no_tty=1 (no password prompts),
 * ?known_hosts= and ?no_verify=1, its standard input and output our
 * socket. */
static virNetSocket *
remoteOpenSSH(virConnectPtr conn, virURI *uri, unsigned int flags)
{
    const char *command = virURIGetParam(uri, "command");
    const char *keyfile = virURIGetParam(uri, "keyfile");
    const char *known = virURIGetParam(uri, "known_hosts");
    g_autofree char *port = uri->port > 0 ? g_strdup_printf("%d", uri->port) : NULL;
    g_autofree char *kh = known && *known ? g_strdup_printf("UserKnownHostsFile=%s", known) : NULL;
    g_autofree char *remote = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();

    if (!uri->server || !*uri->server) {
        virReportError(VIR_ERR_INVALID_ARG, "remote_open: %s", "for 'ssh' transport, a host name is required");
        return NULL;
    }
    remote = remoteSSHCommand(uri, flags);
    g_ptr_array_add(argv, (char *)(command && *command ? command : "ssh"));
    if (port) {
        g_ptr_array_add(argv, (char *)"-p");
        g_ptr_array_add(argv, port);
    }
    if (uri->user && *uri->user) {
        g_ptr_array_add(argv, (char *)"-l");
        g_ptr_array_add(argv, uri->user);
    }
    if (keyfile && *keyfile) {
        g_ptr_array_add(argv, (char *)"-i");
        g_ptr_array_add(argv, (char *)keyfile);
    }
    g_ptr_array_add(argv, (char *)"-T");
    g_ptr_array_add(argv, (char *)"-e");
    g_ptr_array_add(argv, (char *)"none");
    if (remoteURIFlag(uri, "no_tty")) {
        g_ptr_array_add(argv, (char *)"-o");
        g_ptr_array_add(argv, (char *)"BatchMode=yes");
    }
    if (remoteURIFlag(uri, "no_verify")) {
        g_ptr_array_add(argv, (char *)"-o");
        g_ptr_array_add(argv, (char *)"StrictHostKeyChecking=no");
    }
    if (kh) {
        g_ptr_array_add(argv, (char *)"-o");
        g_ptr_array_add(argv, kh);
    }
    g_ptr_array_add(argv, (char *)"--");
    g_ptr_array_add(argv, uri->server);
    g_ptr_array_add(argv, remote);
    g_ptr_array_add(argv, NULL);
    VIR_DEBUG("conn=%p ssh command: %s", (void *)conn, remote);
    return virNetSocketNewCommand((const char *const *)argv->pdata);
}

/* The connection the URI's transport asks for. */
static virNetSocket *
remoteOpenTransport(virConnectPtr conn, virURI *uri, unsigned int flags,
                    virNetTLSContext **tls)
{
    const char *transport = remoteTransportName(uri);

    if (strcmp(transport, "unix") == 0) {
        g_autofree char *path = remoteSocketPath(uri, flags);

        return path ? virNetSocketNewUnix(path) : NULL;
    }
    if (strcmp(transport, "tls") == 0)
        return remoteOpenTCP(uri, true, tls);
    if (strcmp(transport, "tcp") == 0)
        return remoteOpenTCP(uri, false, tls);
    if (strcmp(transport, "ssh") == 0)
        return remoteOpenSSH(conn, uri, flags);
    if (strcmp(transport, "ext") == 0) {
        const char *command = virURIGetParam(uri, "command");
        const char *argv[] = { command, NULL };

        if (!command || !*command) {
            virReportError(VIR_ERR_INVALID_ARG, "remote_open: %s",
                           "for 'ext' transport, command is required");
            return NULL;
        }
        return virNetSocketNewCommand(argv);
    }
    virReportError(VIR_ERR_INVALID_ARG, "remote_open: %s",
                   "transport in URL not recognised (should be tls|unix|ssh|ext|tcp)");
    return NULL;
}

/* ---- authentication ----
 * Before open, as libvirt's remote driver does (for TCP and TLS): ask the daemon what this
 * connection must pass (authList) and, for SASL, run the exchange, the
 * application's virConnectOpenAuth callback answering the prompts. */

/* A SASL token in a call: a flag, then the bytes. */
static void
remotePutToken(virNetBuf *msg, const char *data, size_t len)
{
    virNetPutU8(msg, data != NULL);
    if (data)
        virNetPutBytes(msg, data, len);
}

/* The daemon's reply to authSaslStart/Step: complete, and its token. */
static int
remoteGetToken(virNetBuf *rep, uint32_t *complete, uint8_t **data, size_t *len)
{
    bool has;

    g_clear_pointer(data, g_free);
    *len = 0;
    if (virNetGetU32(rep, complete) < 0 || virNetGetBool(rep, &has) < 0 ||
        (has && virNetGetBytes(rep, 65536, data, len) < 0) ||
        virNetBufCheckEnd(rep) < 0)
        return -1;
    return 0;
}

static int
remoteAuthSASL(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth)
{
    const char *host = uri->server && *uri->server ? uri->server : "localhost";
    g_autoptr(virNetSASLSession) sasl = NULL;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    g_autofree char *mechlist = NULL;
    g_autofree uint8_t *in = NULL;
    size_t inlen = 0;
    const char *mech = NULL;
    const char *out = NULL;
    size_t outlen = 0;
    uint32_t complete = 0;
    int done;

    if (!(sasl = virNetSASLSessionNewClient(host, auth, uri->user)))
        return -1;
    virNetMessageBegin(&msg);
    if (remoteCall(conn, REMOTE_PROC_AUTH_SASL_INIT, &msg, &rep) < 0 ||
        virNetGetString(&rep, &mechlist) < 0)
        return -1;
    VIR_DEBUG("conn=%p the daemon offers SASL %s", (void *)conn, mechlist);
    if ((done = virNetSASLSessionClientStep(sasl, mechlist, &mech, NULL, 0, &out, &outlen)) < 0)
        return -1;
    virNetMessageBegin(&msg);
    virNetPutString(&msg, mech);
    remotePutToken(&msg, out, outlen);
    if (remoteCall(conn, REMOTE_PROC_AUTH_SASL_START, &msg, &rep) < 0 ||
        remoteGetToken(&rep, &complete, &in, &inlen) < 0)
        return -1;
    /* step until both ends are done: the daemon's last token (it proves
     * the daemon knew the password) is still ours to check */
    while (!complete || done == 0) {
        if ((done = virNetSASLSessionClientStep(sasl, NULL, &mech, (char *)in, inlen,
                                                &out, &outlen)) < 0)
            return -1;
        if (complete) {
            if (done == 1)
                break;
            virReportError(VIR_ERR_AUTH_FAILED, "%s",
                           "the daemon ended SASL negotiation early");
            return -1;
        }
        virNetMessageBegin(&msg);
        remotePutToken(&msg, out, outlen);
        if (remoteCall(conn, REMOTE_PROC_AUTH_SASL_STEP, &msg, &rep) < 0 ||
            remoteGetToken(&rep, &complete, &in, &inlen) < 0)
            return -1;
    }
    VIR_DEBUG("conn=%p authenticated with SASL %s", (void *)conn, mech);
    return 0;
}

/* Only the daemon's network listeners ask for authentication (its unix
 * sockets, which ssh and ext reach too, are guarded by their modes):
 * the other transports save the round trip. */
static bool
remoteNeedsAuth(virURI *uri)
{
    const char *transport = remoteTransportName(uri);

    return strcmp(transport, "tls") == 0 || strcmp(transport, "tcp") == 0;
}

static int
remoteAuthenticate(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    uint32_t n;
    uint32_t type = VIR_NET_AUTH_NONE;

    virNetMessageBegin(&msg);
    if (remoteCall(conn, REMOTE_PROC_AUTH_LIST, &msg, &rep) < 0 ||
        virNetGetCount(&rep, 16, &n) < 0 ||
        (n > 0 && virNetGetU32(&rep, &type) < 0))
        return -1;
    switch (type) {
    case VIR_NET_AUTH_NONE:
        return 0;
    case VIR_NET_AUTH_SASL:
        return remoteAuthSASL(conn, uri, auth);
    }
    virReportError(VIR_ERR_AUTH_FAILED, "unsupported authentication type %u", type);
    return -1;
}

static virDrvOpenStatus
remoteConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth,
                  unsigned int flags)
{
    g_autofree char *inner = NULL;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    remotePrivate *priv;
    virNetSocket *sock;

    if (!uri->transport && !uri->server && !remoteIsDaemonURI(uri))
        return VIR_DRV_OPEN_DECLINED;
    if (!uri->driver || !*uri->driver) {
        virReportError(VIR_ERR_INVALID_ARG, "URI '%s' names no driver", conn->uristr);
        return VIR_DRV_OPEN_ERROR;
    }

    priv = g_new0(remotePrivate, 1);
    g_mutex_init(&priv->lock);
    if (!(sock = remoteOpenTransport(conn, uri, flags, &priv->tls))) {
        remotePrivateFree(priv);
        return VIR_DRV_OPEN_ERROR;
    }
    priv->client = virNetClientNew(sock);
    priv->events = remoteEventStateNew(conn, priv->client);
    priv->conn = conn;
    virNetClientSetCloseHandler(priv->client, remoteConnectionLost, priv);
    conn->privateData = priv;

    /* what the daemon opens for us: the same URI without transport or
     * our own parameters (test+unix:///default -> test:///default) */
    inner = g_strdup_printf("%s://%s", uri->driver,
                            uri->path && *uri->path ? uri->path : "/");
    if (remoteNeedsAuth(uri) && remoteAuthenticate(conn, uri, auth) < 0) {
        conn->privateData = NULL;
        remotePrivateFree(priv);
        return VIR_DRV_OPEN_ERROR;
    }
    virNetMessageBegin(&msg);
    virNetPutString(&msg, inner);
    virNetPutU32(&msg, flags);
    if (remoteCall(conn, REMOTE_PROC_OPEN, &msg, &rep) < 0) {
        conn->privateData = NULL;
        remotePrivateFree(priv);
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}

static int
remoteConnectClose(virConnectPtr conn)
{
    remotePrivate *priv = conn->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    int ret = 0;

    if (!priv)
        return 0;
    virNetMessageBegin(&msg);
    if (virNetClientIsOpen(priv->client) &&
        remoteCall(conn, REMOTE_PROC_CLOSE, &msg, &rep) < 0)
        ret = -1;
    conn->privateData = NULL;
    remotePrivateFree(priv);
    return ret;
}

/* The daemon's driver type, asked once and kept: the public function
 * returns a string the caller does not free. */
static const char *
remoteConnectGetType(virConnectPtr conn)
{
    remotePrivate *priv = conn->privateData;
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    char *type = NULL;
    const char *ret;

    g_mutex_lock(&priv->lock);
    ret = priv->type;
    g_mutex_unlock(&priv->lock);
    if (ret)
        return ret;
    virNetMessageBegin(&msg);
    if (remoteCall(conn, REMOTE_PROC_CONNECT_GET_TYPE, &msg, &rep) < 0)
        return NULL;
    if (virNetGetString(&rep, &type) < 0)
        return NULL;
    g_mutex_lock(&priv->lock);
    if (!priv->type)
        priv->type = type;
    else
        g_free(type);
    ret = priv->type;
    g_mutex_unlock(&priv->lock);
    return ret;
}

/* ---- domain ids ----
 * A local driver updates the caller's handle when a domain starts or
 * stops; across the wire the daemon only sees its own copy.  So, as
 * libvirt's remote driver does, starting (and a shutdown, which may not
 * be immediate) refreshes the handle's id with a lookup, and destroying
 * or a managed save clears it.  The calls themselves are generated;
 * these wrap them. */

static void
remoteDomainRefreshID(virDomainPtr dom)
{
    virDomainPtr fresh;

    if (!dom->conn->driver->domainLookupByUUID)
        return;
    if ((fresh = dom->conn->driver->domainLookupByUUID(dom->conn, dom->uuid))) {
        dom->id = fresh->id;
        virObjectUnrefHandle(fresh);
    }
}

/* A wrapper around the generated method SLOT: on success, AFTER runs on
 * the domain handle. */
#define REMOTE_DOMAIN_WRAP(Name, after, params, args) \
    static virDrv##Name remoteGen##Name; \
    static int \
    remote##Name params \
    { \
        if (remoteGen##Name args < 0) \
            return -1; \
        after; \
        return 0; \
    }

REMOTE_DOMAIN_WRAP(DomainCreate, remoteDomainRefreshID(dom),
                   (virDomainPtr dom), (dom))
REMOTE_DOMAIN_WRAP(DomainCreateWithFlags, remoteDomainRefreshID(dom),
                   (virDomainPtr dom, unsigned int flags), (dom, flags))
REMOTE_DOMAIN_WRAP(DomainDestroy, dom->id = -1,
                   (virDomainPtr dom), (dom))
REMOTE_DOMAIN_WRAP(DomainDestroyFlags, dom->id = -1,
                   (virDomainPtr dom, unsigned int flags), (dom, flags))
REMOTE_DOMAIN_WRAP(DomainShutdown, remoteDomainRefreshID(dom),
                   (virDomainPtr dom), (dom))
REMOTE_DOMAIN_WRAP(DomainShutdownFlags, remoteDomainRefreshID(dom),
                   (virDomainPtr dom, unsigned int flags), (dom, flags))
REMOTE_DOMAIN_WRAP(DomainSave, dom->id = -1,
                   (virDomainPtr dom, const char *to), (dom, to))
REMOTE_DOMAIN_WRAP(DomainSaveFlags, dom->id = -1,
                   (virDomainPtr dom, const char *to, const char *dxml, unsigned int flags),
                   (dom, to, dxml, flags))
REMOTE_DOMAIN_WRAP(DomainManagedSave, dom->id = -1,
                   (virDomainPtr dom, unsigned int flags), (dom, flags))

#define REMOTE_DOMAIN_HOOK(Name, slot) \
    do { \
        remoteGen##Name = remoteHypervisorDriver.slot; \
        remoteHypervisorDriver.slot = remote##Name; \
    } while (0)

/* ---- the host's CPU map ----
 * Its length follows from the return value (the number of CPUs), which
 * no api.xml attribute can say. */
static int
remoteNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    g_auto(virNetBuf) msg = { 0 };
    g_auto(virNetBuf) rep = { 0 };
    int32_t ret;
    uint32_t on;
    bool has_map;
    uint8_t *map = NULL;
    size_t len;

    virNetMessageBegin(&msg);
    virNetPutU8(&msg, cpumap != NULL);
    virNetPutU8(&msg, online != NULL);
    virNetPutU32(&msg, flags);
    if (remoteCall(conn, REMOTE_PROC_NODE_GET_CPU_MAP, &msg, &rep) < 0)
        return -1;
    if (virNetGetI32(&rep, &ret) < 0 || virNetGetU32(&rep, &on) < 0 ||
        virNetGetBool(&rep, &has_map) < 0)
        return -1;
    if (has_map && virNetGetBytes(&rep, VIR_NET_STRING_MAX, &map, &len) < 0)
        return -1;
    if (virNetBufCheckEnd(&rep) < 0) {
        g_free(map);
        return -1;
    }
    if (online)
        *online = on;
    if (cpumap)
        *cpumap = map;
    else
        g_free(map);
    return ret;
}

static const char *const remoteURISchemes[] = { NULL };

static virHypervisorDriver remoteHypervisorDriver = {
    .name = "remote",
    .uriSchemes = remoteURISchemes,
    .connectOpen = remoteConnectOpen,
    .connectClose = remoteConnectClose,
    .connectGetType = remoteConnectGetType,
    .nodeGetCPUMap = remoteNodeGetCPUMap,
    .connectSetKeepAlive = remoteConnectSetKeepAlive,
    .connectIsAlive = remoteConnectIsAlive,
    .connectRegisterCloseCallback = remoteConnectRegisterCloseCallback,
    .connectUnregisterCloseCallback = remoteConnectUnregisterCloseCallback,
};
static virNetworkDriver remoteNetworkDriver = { .name = "remote" };
static virStorageDriver remoteStorageDriver = { .name = "remote" };
static virInterfaceDriver remoteInterfaceDriver = { .name = "remote" };
static virNodeDeviceDriver remoteNodeDeviceDriver = { .name = "remote" };
static virSecretDriver remoteSecretDriver = { .name = "remote" };
static virNWFilterDriver remoteNWFilterDriver = { .name = "remote" };

static virConnectDriver remoteConnectDriver = {
    .hypervisorDriver = &remoteHypervisorDriver,
    .networkDriver = &remoteNetworkDriver,
    .storageDriver = &remoteStorageDriver,
    .interfaceDriver = &remoteInterfaceDriver,
    .nodeDeviceDriver = &remoteNodeDeviceDriver,
    .secretDriver = &remoteSecretDriver,
    .nwfilterDriver = &remoteNWFilterDriver,
};

int
remoteRegister(void)
{
    remoteFillTables(&remoteHypervisorDriver, &remoteNetworkDriver,
                     &remoteStorageDriver, &remoteInterfaceDriver,
                     &remoteNodeDeviceDriver, &remoteSecretDriver,
                     &remoteNWFilterDriver);
    REMOTE_DOMAIN_HOOK(DomainCreate, domainCreate);
    REMOTE_DOMAIN_HOOK(DomainCreateWithFlags, domainCreateWithFlags);
    REMOTE_DOMAIN_HOOK(DomainDestroy, domainDestroy);
    REMOTE_DOMAIN_HOOK(DomainDestroyFlags, domainDestroyFlags);
    REMOTE_DOMAIN_HOOK(DomainShutdown, domainShutdown);
    REMOTE_DOMAIN_HOOK(DomainShutdownFlags, domainShutdownFlags);
    REMOTE_DOMAIN_HOOK(DomainSave, domainSave);
    REMOTE_DOMAIN_HOOK(DomainSaveFlags, domainSaveFlags);
    REMOTE_DOMAIN_HOOK(DomainManagedSave, domainManagedSave);
    remoteEventFillTable(&remoteHypervisorDriver);
    remoteGlueFillTables(&remoteHypervisorDriver);
    remoteMigrationFillTable(&remoteHypervisorDriver);
    remoteGlueFillSecretTable(&remoteSecretDriver);
    remoteStreamFillTables(&remoteHypervisorDriver, &remoteStorageDriver);
    remoteEventFillOtherTables(&remoteNetworkDriver, &remoteStorageDriver,
                               &remoteNodeDeviceDriver, &remoteSecretDriver);
    return virRegisterConnectDriver(&remoteConnectDriver);
}
