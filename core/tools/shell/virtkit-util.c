/*
 * virtkit-util.c: looking up the object a command names, as virsh does
 */
#include <stdlib.h>
#include <string.h>

#include "virtkit-cmds.h"

/* The value of option OPTNAME, traced for -d as virsh does. */
static const char *
virtkitOptName(vshControl *ctl, const vshCmd *cmd, const char *optname, const char **name)
{
    const char *value = NULL;

    if (vshCommandOptStringReq(ctl, cmd, optname, &value) <= 0)
        return NULL;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <%s>: %s", cmd->def->name, optname, value);
    if (name)
        *name = value;
    return value;
}

/* -d's trace of one way a lookup tries: "<domain> trying as domain UUID"
 * (virsh names the command "unknown" where a lookup has none). */
static void
virtkitTraceTry(vshControl *ctl, const vshCmd *cmd, const char *optname, const char *how)
{
    vshDebug(ctl, VSH_ERR_DEBUG, "%s: <%s> %s", cmd ? cmd->def->name : "unknown", optname, how);
}

static bool
virtkitLooksLikeUUID(const char *s)
{
    return strlen(s) == VIR_UUID_STRING_BUFLEN - 1;
}

virDomainPtr
virtkitLookupDomainBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                      const char *n, unsigned int flags)
{
    virConnectPtr conn = vshConnection(ctl);
    virDomainPtr dom = NULL;
    char *end = NULL;
    long id;

    if (!conn)
        return NULL;
    id = strtol(n, &end, 10);
    if ((flags & VIRTKIT_BYID) && *n && !*end && id >= 0 && id <= G_MAXINT) {
        virtkitTraceTry(ctl, cmd, optname, "looks like ID");
        dom = virDomainLookupByID(conn, (int)id);
    }
    if (!dom && (flags & VIRTKIT_BYUUID) && virtkitLooksLikeUUID(n)) {
        virtkitTraceTry(ctl, cmd, optname, "trying as domain UUID");
        dom = virDomainLookupByUUIDString(conn, n);
    }
    if (!dom && (flags & VIRTKIT_BYNAME)) {
        virtkitTraceTry(ctl, cmd, optname, "trying as domain NAME");
        dom = virDomainLookupByName(conn, n);
    }
    vshResetLibvirtError();
    if (!dom)
        vshError(ctl, "failed to get domain '%s'", n);
    return dom;
}

virDomainPtr
virtkitCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                          const char **name, unsigned int flags)
{
    const char *opt = optname ? optname : "domain";
    const char *n = virtkitOptName(ctl, cmd, opt, name);

    if (!n)
        return NULL;
    return virtkitLookupDomainBy(ctl, cmd, opt, n, flags);
}

virDomainPtr
virtkitCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name)
{
    return virtkitCommandOptDomainBy(ctl, cmd, optname, name,
                                     VIRTKIT_BYID | VIRTKIT_BYUUID | VIRTKIT_BYNAME);
}

virNetworkPtr
virtkitCommandOptNetworkBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                           const char **name, unsigned int flags)
{
    const char *opt = optname ? optname : "network";
    const char *n = virtkitOptName(ctl, cmd, opt, name);
    virConnectPtr conn = vshConnection(ctl);
    virNetworkPtr net = NULL;

    if (!n || !conn)
        return NULL;
    /* virsh tries the UUID, then the name; libvirt's reason for the last
     * failure stays for the core to print */
    if ((flags & VIRTKIT_BYUUID) && virtkitLooksLikeUUID(n)) {
        virtkitTraceTry(ctl, cmd, opt, "trying as network UUID");
        net = virNetworkLookupByUUIDString(conn, n);
    }
    if (!net && (flags & VIRTKIT_BYNAME)) {
        virtkitTraceTry(ctl, cmd, opt, "trying as network NAME");
        net = virNetworkLookupByName(conn, n);
    }
    if (!net)
        vshError(ctl, "failed to get network '%s'", n);
    return net;
}

virNetworkPtr
virtkitCommandOptNetwork(vshControl *ctl, const vshCmd *cmd, const char *optname,
                         const char **name)
{
    return virtkitCommandOptNetworkBy(ctl, cmd, optname, name, VIRTKIT_BYUUID | VIRTKIT_BYNAME);
}

virStoragePoolPtr
virtkitCommandOptPoolBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name, unsigned int flags)
{
    const char *opt = optname ? optname : "pool";
    const char *n = virtkitOptName(ctl, cmd, opt, name);
    virConnectPtr conn = vshConnection(ctl);
    virStoragePoolPtr pool = NULL;

    if (!n || !conn)
        return NULL;
    /* as virsh: by UUID when it looks like one, then by name; libvirt's
     * error of the last lookup stays for the core to print */
    if ((flags & VIRTKIT_BYUUID) && virtkitLooksLikeUUID(n)) {
        virtkitTraceTry(ctl, cmd, opt, "trying as pool UUID");
        pool = virStoragePoolLookupByUUIDString(conn, n);
    }
    if (!pool && (flags & VIRTKIT_BYNAME)) {
        virtkitTraceTry(ctl, cmd, opt, "trying as pool NAME");
        pool = virStoragePoolLookupByName(conn, n);
    }
    if (!pool) {
        vshError(ctl, "failed to get pool '%s'", n);
        /* libvirt's reason now: freeing handles on the way out resets it */
        vshReportError(ctl);
    }
    return pool;
}

virStoragePoolPtr
virtkitCommandOptPool(vshControl *ctl, const vshCmd *cmd, const char *optname,
                      const char **name)
{
    return virtkitCommandOptPoolBy(ctl, cmd, optname, name, VIRTKIT_BYUUID | VIRTKIT_BYNAME);
}

virStorageVolPtr
virtkitCommandOptVol(vshControl *ctl, const vshCmd *cmd, const char *optname,
                     const char *poolopt, unsigned int by, const char **name)
{
    const char *n = NULL;
    const char *poolname = poolopt ? vshCommandOptStringQuiet(cmd, poolopt) : NULL;
    virConnectPtr conn;
    g_autoptr(virStoragePool) pool = NULL;
    virStorageVolPtr vol = NULL;

    if (vshCommandOptStringReq(ctl, cmd, optname, &n) <= 0 || !n)
        return NULL;
    if (name)
        *name = n;
    if (!(conn = vshConnection(ctl)))
        return NULL;
    if (poolname) {
        if (!(pool = virtkitCommandOptPool(ctl, cmd, poolopt, NULL)))
            return NULL;
        if (virStoragePoolIsActive(pool) != 1) {
            vshResetLibvirtError();
            vshError(ctl, "pool '%s' is not active", poolname);
            return NULL;
        }
    }
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <%s>: %s", cmd->def->name, optname, n);
    if (pool && (by & VIRTKIT_VOL_BYNAME)) {
        virtkitTraceTry(ctl, cmd, optname, "trying as vol name");
        vol = virStorageVolLookupByName(pool, n);
    }
    if (!vol && (by & VIRTKIT_VOL_BYKEY)) {
        virtkitTraceTry(ctl, cmd, optname, "trying as vol key");
        vol = virStorageVolLookupByKey(conn, n);
    }
    if (!vol && (by & VIRTKIT_VOL_BYPATH)) {
        virtkitTraceTry(ctl, cmd, optname, "trying as vol path");
        vol = virStorageVolLookupByPath(conn, n);
    }
    if (!vol) {
        if (pool || !poolopt)
            vshError(ctl, "failed to get vol '%s'", n);
        else
            vshError(ctl, "failed to get vol '%s', specifying --%s might help", n, poolopt);
        /* libvirt's reason now: freeing the pool on the way out resets it */
        vshReportError(ctl);
        return NULL;
    }
    if (pool) {
        g_autoptr(virStoragePool) volpool = virStoragePoolLookupByVolume(vol);

        if (!volpool || strcmp(virStoragePoolGetName(volpool), virStoragePoolGetName(pool)) != 0) {
            vshResetLibvirtError();
            vshError(ctl, "Requested volume '%s' is not in pool '%s'", n, poolname);
            virStorageVolFree(vol);
            return NULL;
        }
    }
    return vol;
}

/* ------------------------------------------------------------------ */
/* Networks, interfaces, filters, secrets, node devices               */

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

char *
virtkitReadXMLFile(vshControl *ctl, const char *file)
{
    return virtkitReadFileLen(ctl, file, NULL);
}

char *
virtkitReadFileLen(vshControl *ctl, const char *file, gsize *len)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    char chunk[4096];
    ssize_t n;
    int fd;

    if ((fd = open(file, O_RDONLY)) < 0) {
        vshError(ctl, "Failed to open file '%s': %s", file, g_strerror(errno));
        return NULL;
    }
    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            vshError(ctl, "Failed to read file '%s': %s", file, g_strerror(errno));
            close(fd);
            return NULL;
        }
        g_string_append_len(buf, chunk, n);
    }
    close(fd);
    if (len)
        *len = buf->len;
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

bool
virtkitPrintXML(vshControl *ctl, const char *xml, const char *xpath, bool wrap)
{
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr xctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    bool ret = false;

    if (!xpath) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!*xpath)
        return false;  /* virsh fails on an empty expression, silently */
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS))) {
        vshError(ctl, "%s", "Failed to parse XML");
        return false;
    }
    xctxt = xmlXPathNewContext(doc);
    xctxt->node = xmlDocGetRootElement(doc);
    obj = xmlXPathEval(BAD_CAST xpath, xctxt);
    if (!obj) {
        /* libxml2 has told its reason on stderr; virsh goes on */
        ret = true;
        goto cleanup;
    }
    if (obj->type != XPATH_NODESET) {
        vshError(ctl, "internal error: Incorrect xpath '%s'", xpath);
        goto cleanup;
    }
    if (wrap) {
        xmlDocPtr out = xmlNewDoc(BAD_CAST "1.0");
        xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "nodes");
        xmlBufferPtr buf = xmlBufferCreate();

        xmlDocSetRootElement(out, root);
        for (int i = 0; obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
            xmlNodePtr copy = xmlDocCopyNode(obj->nodesetval->nodeTab[i], out, 1);

            if (copy && copy->type == XML_ATTRIBUTE_NODE)
                xmlAddChild(root, copy);
            else if (copy)
                xmlAddChild(root, copy);
        }
        xmlNodeDump(buf, out, root, 0, 1);
        vshPrint(ctl, "%s\n", (const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
        xmlFreeDoc(out);
    } else {
        for (int i = 0; obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
            xmlBufferPtr buf = xmlBufferCreate();

            xmlNodeDump(buf, doc, obj->nodesetval->nodeTab[i], 0, 1);
            vshPrint(ctl, "%s\n", (const char *)xmlBufferContent(buf));
            xmlBufferFree(buf);
        }
    }
    ret = true;

 cleanup:
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xctxt);
    xmlFreeDoc(doc);
    return ret;
}

char *
virtkitXPathString(const char *xml, const char *xpath)
{
    xmlDocPtr doc = xmlReadMemory(xml, strlen(xml), "xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlXPathContextPtr xc;
    xmlXPathObjectPtr obj = NULL;
    char *ret = NULL;

    if (!doc)
        return NULL;
    if ((xc = xmlXPathNewContext(doc)))
        obj = xmlXPathEval((const xmlChar *)xpath, xc);
    if (obj && obj->type == XPATH_STRING && obj->stringval && *obj->stringval)
        ret = g_strdup((const char *)obj->stringval);
    else if (obj && obj->type == XPATH_NUMBER)
        ret = g_strdup_printf("%.0f", obj->floatval);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xc);
    xmlFreeDoc(doc);
    return ret;
}

bool
virtkitPrintXMLOpts(vshControl *ctl, const vshCmd *cmd, const char *xml)
{
    const char *xpath = NULL;

    if (vshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    return virtkitPrintXML(ctl, xml, xpath, vshCommandOptBool(cmd, "wrap"));
}

/* Parse a UUID as libvirt reads them: 32 hex digits, dashes anywhere
 * between byte pairs, blanks around. */
static bool
virtkitParseUUID(const char *s, unsigned char *raw)
{
    int i = 0;

    while (g_ascii_isspace(*s))
        s++;
    while (i < VIR_UUID_BUFLEN) {
        if (*s == '-') {
            s++;
            continue;
        }
        if (!g_ascii_isxdigit(s[0]) || !g_ascii_isxdigit(s[1]))
            return false;
        raw[i++] = g_ascii_xdigit_value(s[0]) << 4 | g_ascii_xdigit_value(s[1]);
        s += 2;
    }
    while (g_ascii_isspace(*s))
        s++;
    return *s == '\0';
}

virSecretPtr
virtkitCommandOptSecret(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name)
{
    const char *n = virtkitOptName(ctl, cmd, optname ? optname : "secret", name);
    virConnectPtr conn = vshConnection(ctl);
    virSecretPtr secret = NULL;
    unsigned char raw[VIR_UUID_BUFLEN];

    if (!n || !conn)
        return NULL;
    /* by the raw UUID when it parses, as libvirt's string lookup does
     * (its failure then names virSecretLookupByUUID) */
    if (!virtkitParseUUID(n, raw)) {
        /* libvirt's argument check, which comes first there */
        vshError(ctl, "failed to get secret '%s'", n);
        vshError(ctl, "%s", "uuidstr in virSecretLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    if (!(secret = virSecretLookupByUUID(conn, raw)))
        vshError(ctl, "failed to get secret '%s'", n);
    return secret;
}

virNWFilterPtr
virtkitCommandOptNWFilter(vshControl *ctl, const vshCmd *cmd, const char *optname,
                          const char **name)
{
    const char *n = virtkitOptName(ctl, cmd, optname ? optname : "nwfilter", name);
    virConnectPtr conn = vshConnection(ctl);
    virNWFilterPtr filter = NULL;

    if (!n || !conn)
        return NULL;
    if (virtkitLooksLikeUUID(n)) {
        virtkitTraceTry(ctl, cmd, optname ? optname : "nwfilter", "trying as nwfilter UUID");
        filter = virNWFilterLookupByUUIDString(conn, n);
    }
    if (!filter) {
        virtkitTraceTry(ctl, cmd, optname ? optname : "nwfilter", "trying as nwfilter NAME");
        filter = virNWFilterLookupByName(conn, n);
    }
    if (!filter)
        vshError(ctl, "failed to get nwfilter '%s'", n);
    return filter;
}

/* A world wide name: 16 hex digits, maybe after "0x". */
static bool
virtkitValidWWN(const char *wwn)
{
    if (g_str_has_prefix(wwn, "0x"))
        wwn += 2;
    if (strlen(wwn) != 16)
        return false;
    for (; *wwn; wwn++)
        if (!g_ascii_isxdigit(*wwn))
            return false;
    return true;
}

virNodeDevicePtr
virtkitCommandOptNodeDevice(vshControl *ctl, const vshCmd *cmd, const char *optname,
                            const char **name)
{
    const char *n = NULL;
    virConnectPtr conn;
    virNodeDevicePtr dev = NULL;
    g_auto(GStrv) wwn = NULL;

    /* (virsh traces nothing of this lookup) */
    if (vshCommandOptStringReq(ctl, cmd, optname ? optname : "device", &n) <= 0)
        return NULL;
    if (name)
        *name = n;
    if (!(conn = vshConnection(ctl)))
        return NULL;
    wwn = g_strsplit(n, ",", 0);
    if (g_strv_length(wwn) > 2) {
        vshError(ctl, "Malformed device value '%s'", n);
        return NULL;
    }
    if (g_strv_length(wwn) == 2) {
        for (int i = 0; i < 2; i++) {
            if (!virtkitValidWWN(wwn[i])) {
                vshError(ctl, "internal error: Malformed wwn: %s", wwn[i]);
                return NULL;
            }
        }
        dev = virNodeDeviceLookupSCSIHostByWWN(conn, wwn[0], wwn[1], 0);
    } else {
        dev = virNodeDeviceLookupByName(conn, n);
    }
    if (!dev)
        vshError(ctl, "Could not find matching device '%s'", n);
    return dev;
}

/* The characters an editor command may hold to be run directly; any
 * other makes virsh run it through sh -c. */
#define VIRTKIT_EDITOR_PLAIN_CHARS \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:@/"

/* ARG quoted for sh between single quotes. */
static void
virtkitAppendShellQuoted(GString *buf, const char *arg)
{
    g_string_append_c(buf, '\'');
    for (; *arg; arg++) {
        if (*arg == '\'')
            g_string_append(buf, "'\\''");
        else
            g_string_append_c(buf, *arg);
    }
    g_string_append_c(buf, '\'');
}

bool
virtkitRunEditor(vshControl *ctl, const char *path)
{
    const char *editor = g_getenv("VISUAL");
    g_autofree char *shown = NULL;
    g_autofree char *line = NULL;
    const char *argv[4] = { NULL };
    g_autoptr(GError) err = NULL;
    int status = 0;

    if (!editor)
        editor = g_getenv("EDITOR");
    if (!editor)
        editor = "sensible-editor";     /* Debian's virsh */
    if (strspn(editor, VIRTKIT_EDITOR_PLAIN_CHARS) == strlen(editor)) {
        g_autofree char *program = g_find_program_in_path(editor);

        if (!program) {
            vshError(ctl, "Cannot find '%s' in path: No such file or directory", editor);
            return false;
        }
        argv[0] = editor;
        argv[1] = path;
        shown = g_strdup_printf("%s %s", editor, path);
    } else {
        GString *buf = g_string_new("sh -c ");

        if (strspn(path, VIRTKIT_EDITOR_PLAIN_CHARS) != strlen(path)) {
            vshError(ctl, "%s: temporary filename contains shell meta or other "
                     "unacceptable characters (is $TMPDIR wrong?)", path);
            g_string_free(buf, TRUE);
            return false;
        }
        line = g_strdup_printf("%s %s", editor, path);
        argv[0] = "sh";
        argv[1] = "-c";
        argv[2] = line;
        virtkitAppendShellQuoted(buf, line);
        shown = g_string_free(buf, FALSE);
    }
    fflush(stdout);
    fflush(stderr);
    if (!g_spawn_sync(NULL, (char **)argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                      NULL, NULL, NULL, NULL, &status, &err)) {
        vshError(ctl, "internal error: Child process (%s) unexpected exit status 127", shown);
        return false;
    }
    if (WIFSIGNALED(status)) {
        vshError(ctl, "internal error: Child process (%s) unexpected fatal signal %d",
                 shown, WTERMSIG(status));
        return false;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        vshError(ctl, "internal error: Child process (%s) unexpected exit status %d",
                 shown, WIFEXITED(status) ? WEXITSTATUS(status) : 1);
        return false;
    }
    return true;
}

char *
virtkitEditXML(vshControl *ctl, const char *orig, bool *changed)
{
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    char *edited = NULL;
    int fd;

    if ((fd = g_file_open_tmp("virshXXXXXX.xml", &path, &err)) < 0) {
        vshError(ctl, "%s", err->message);
        return NULL;
    }
    close(fd);
    if (!g_file_set_contents(path, orig, -1, &err)) {
        vshError(ctl, "%s", err->message);
        unlink(path);
        return NULL;
    }
    if (virtkitRunEditor(ctl, path) && !g_file_get_contents(path, &edited, NULL, &err))
        vshError(ctl, "%s", err->message);
    unlink(path);
    if (edited)
        *changed = strcmp(orig, edited) != 0;
    return edited;
}


/* ------------------------------------------------------------------ */
/* Waiting for network, secret and node device events                 */

#include <limits.h>
#include <signal.h>
#include <time.h>

static volatile sig_atomic_t virtkitEventInterrupted;

static void
virtkitEventSigint(int sig G_GNUC_UNUSED)
{
    virtkitEventInterrupted = 1;
}

static void
virtkitEventTimeout(int timer G_GNUC_UNUSED, void *opaque)
{
    virtkitEventWait *wait = opaque;

    wait->timedOut = true;
    wait->done = true;
}

void
virtkitEventPrint(virtkitEventWait *wait, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (wait->timestamp) {
        gint64 now = g_get_real_time();
        time_t secs = now / G_USEC_PER_SEC;
        struct tm tm;
        char when[64];

        gmtime_r(&secs, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        vshPrint(wait->ctl, "%s.%03d+0000: %s", when, (int)(now / 1000 % 1000), text);
    } else {
        vshPrint(wait->ctl, "%s", text);
    }
    fflush(stdout);
    wait->count++;
    if (!wait->loop)
        wait->done = true;
}

int
virtkitEventOptions(vshControl *ctl, const vshCmd *cmd, const char *const *names,
                    virtkitEventWait *wait)
{
    const char *eventName = NULL;
    int timeout = 0;
    int rc;
    int i;

    if (vshCommandOptBool(cmd, "list")) {
        for (i = 0; names[i]; i++)
            vshPrint(ctl, "%s\n", names[i]);
        return -2;
    }
    if (vshCommandOptStringReq(ctl, cmd, "event", &eventName) < 0)
        return -1;
    if (!eventName) {
        vshError(ctl, "%s", "either --list or --event <type> is required");
        return -1;
    }
    for (i = 0; names[i]; i++)
        if (g_str_equal(eventName, names[i]))
            break;
    if (!names[i]) {
        vshError(ctl, "unknown event type %s", eventName);
        return -1;
    }
    if ((rc = vshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return -1;
    if (rc > 0 && (timeout <= 0 || timeout > INT_MAX / 1000)) {
        vshError(ctl, "Numeric value '%s' for <timeout> option is malformed or out of range",
                 vshCommandOptStringQuiet(cmd, "timeout"));
        return -1;
    }
    wait->ctl = ctl;
    wait->loop = vshCommandOptBool(cmd, "loop");
    wait->timestamp = vshCommandOptBool(cmd, "timestamp");
    wait->timeout = timeout;
    return i;
}

bool
virtkitEventRun(vshControl *ctl, virtkitEventWait *wait)
{
    struct sigaction sa, oldsa;
    int timer = -1;

    if (wait->timeout > 0 &&
        (timer = virEventAddTimeout(wait->timeout * 1000, virtkitEventTimeout, wait, NULL)) < 0) {
        vshError(ctl, "%s", "failed to add timeout");
        return false;
    }
    virtkitEventInterrupted = 0;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = virtkitEventSigint;
    sigaction(SIGINT, &sa, &oldsa);
    while (!wait->done && !virtkitEventInterrupted) {
        if (virEventRunDefaultImpl() < 0) {
            vshReportError(ctl);
            break;
        }
    }
    sigaction(SIGINT, &oldsa, NULL);
    if (timer >= 0)
        virEventRemoveTimeout(timer);
    if (wait->timedOut)
        vshPrint(ctl, "%s\n", "event loop timed out");
    else if (virtkitEventInterrupted)
        vshPrint(ctl, "%s\n", "event loop interrupted");
    vshPrint(ctl, "events received: %d\n", wait->count);
    /* as virsh: a wait that saw no event fails, without a message */
    return wait->count > 0;
}

bool
virtkitObjectAction(vshControl *ctl, const vshCmd *cmd, virtkitLookupFunc lookup,
                    int (*act)(void *obj), void (*release)(void *obj),
                    const char *failfmt, const char *okfmt)
{
    const char *name = NULL;
    void *obj = lookup(ctl, cmd, NULL, &name);
    bool ok;

    if (!obj)
        return false;
    if ((ok = act(obj) >= 0))
        vshPrintExtra(ctl, okfmt, name);
    else
        vshError(ctl, failfmt, name);
    release(obj);
    return ok;
}

/* Split SPEC at single commas; ",," stands for a comma. */
GPtrArray *
virtkitSplitSpec(const char *spec)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    const char *p;

    for (p = spec; *p; p++) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(cur, ',');
                p++;
                continue;
            }
            g_ptr_array_add(out, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
            continue;
        }
        g_string_append_c(cur, *p);
    }
    g_ptr_array_add(out, g_string_free(cur, FALSE));
    return out;
}

bool
virtkitParseDiskspec(vshControl *ctl, GString *buf, const char *spec, const char *what)
{
    g_autoptr(GPtrArray) parts = virtkitSplitSpec(spec);
    const char *name = g_ptr_array_index(parts, 0);
    const char *mode = NULL, *driver = NULL, *stype = NULL, *file = NULL;
    const char *bitmap = NULL;
    bool block = false;
    g_autofree char *ename = g_markup_escape_text(name, -1);
    guint i;

    for (i = 1; i < parts->len; i++) {
        const char *p = g_ptr_array_index(parts, i);

        if (g_str_has_prefix(p, what) && p[strlen(what)] == '=')
            mode = p + strlen(what) + 1;
        else if (g_str_equal(what, "snapshot") && g_str_has_prefix(p, "driver="))
            driver = p + 7;
        else if (g_str_equal(what, "snapshot") && g_str_has_prefix(p, "stype="))
            stype = p + 6;
        else if (g_str_equal(what, "snapshot") && g_str_has_prefix(p, "file="))
            file = p + 5;
        else if (g_str_equal(what, "checkpoint") && g_str_has_prefix(p, "bitmap="))
            bitmap = p + 7;
        else
            goto error;
    }
    if (stype) {
        if (g_str_equal(stype, "block")) {
            block = true;
        } else if (!g_str_equal(stype, "file")) {
            vshError(ctl, "Unknown storage type: '%s'", stype);
            goto error;
        }
    }
    g_string_append_printf(buf, "    <disk name='%s'", ename);
    if (mode) {
        g_autofree char *e = g_markup_escape_text(mode, -1);

        g_string_append_printf(buf, " %s='%s'", what, e);
    }
    if (bitmap) {
        g_autofree char *e = g_markup_escape_text(bitmap, -1);

        g_string_append_printf(buf, " bitmap='%s'", e);
    }
    if (stype)
        g_string_append_printf(buf, " type='%s'", stype);
    if (driver || file) {
        g_string_append(buf, ">\n");
        if (driver) {
            g_autofree char *e = g_markup_escape_text(driver, -1);

            g_string_append_printf(buf, "      <driver type='%s'/>\n", e);
        }
        if (file) {
            g_autofree char *e = g_markup_escape_text(file, -1);

            g_string_append_printf(buf, "      <source %s='%s'/>\n", block ? "dev" : "file", e);
        }
        g_string_append(buf, "    </disk>\n");
    } else {
        g_string_append(buf, "/>\n");
    }
    return true;
 error:
    vshError(ctl, "unable to parse diskspec: %s", spec);
    return false;
}

void
virtkitTraceJobStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (ctl->debug <= VSH_ERR_INFO)
        dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
}

void
virtkitTraceJobDone(vshControl *ctl, int status)
{
    vshDebug(ctl, VSH_ERR_DEBUG, "watchJob: job done, status %d", status);
}

void
virtkitListItemFree(gpointer p)
{
    virtkitListItem *it = p;

    g_free(it->name);
    g_free(it->parent);
    g_free(it->state);
    g_free(it);
}

gint
virtkitListItemCmp(gconstpointer a, gconstpointer b)
{
    const virtkitListItem *x = *(virtkitListItem *const *)a;
    const virtkitListItem *y = *(virtkitListItem *const *)b;

    return strcmp(x->name, y->name);
}

void
virtkitTreePrint(vshControl *ctl, GPtrArray *items, guint idx, bool root, bool last,
                 GString *indent)
{
    virtkitListItem *it = g_ptr_array_index(items, idx);
    gint lastchild = -1;
    guint i;

    vshPrint(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", it->name);
    if (!root)
        g_string_append(indent, last ? "  " : "| ");
    for (i = 0; i < items->len; i++) {
        virtkitListItem *c = g_ptr_array_index(items, i);

        if (c->parent && g_str_equal(c->parent, it->name))
            lastchild = i;
    }
    if (lastchild >= 0)
        vshPrint(ctl, "%s  |\n", indent->str);
    g_string_append(indent, "  ");
    for (i = 0; i < items->len; i++) {
        virtkitListItem *c = g_ptr_array_index(items, i);

        if (c->parent && g_str_equal(c->parent, it->name))
            virtkitTreePrint(ctl, items, i, false, (gint)i == lastchild, indent);
    }
    g_string_truncate(indent, indent->len - 2);
    if (lastchild < 0 && last)
        vshPrint(ctl, "%s\n", indent->str);
    if (!root)
        g_string_truncate(indent, indent->len - 2);
}
