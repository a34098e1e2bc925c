/*
 * cmd-secret.c: the virsh 'secret' group: secrets and their values
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "virtkit-cmds.h"

#define OPT_SECRET \
    {.name = "secret", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "secret UUID", .completer = VSH_COMPLETE_SECRET}

/* ---- secret-define ---- */

static const vshCmdOptDef opts_secret_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing secret attributes in XML", .completer = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    {.name = NULL},
};

static bool
cmdSecretDefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(virSecret) secret = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_SECRET_DEFINE_VALIDATE;
    if (!(xml = virtkitReadXMLFile(ctl, file)))
        return false;
    if (!(secret = virSecretDefineXML(vshConnection(ctl), xml, flags))) {
        vshError(ctl, "Failed to set attributes from %s", file);
        return false;
    }
    if (virSecretGetUUIDString(secret, uuid) < 0) {
        vshError(ctl, "%s", "Failed to get UUID of created secret");
        return false;
    }
    vshPrintExtra(ctl, "Secret %s created\n", uuid);
    return true;
}

/* ---- secret-dumpxml ---- */

static const vshCmdOptDef opts_secret_dumpxml[] = {
    OPT_SECRET,
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT | VSH_OFLAG_EMPTY_OK,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdSecretDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virSecret) secret = virtkitCommandOptSecret(ctl, cmd, NULL, NULL);
    g_autofree char *xml = NULL;

    if (!secret)
        return false;
    if (!(xml = virSecretGetXMLDesc(secret, 0)))
        return false;
    if (!virtkitPrintXMLOpts(ctl, cmd, xml))
        return false;
    return true;
}

/* ---- secret-set-value ---- */

static const vshCmdOptDef opts_secret_set_value[] = {
    OPT_SECRET,
    {.name = "file", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "read secret from file",
     .completer = VSH_COMPLETE_FILE},
    {.name = "plain", .type = VSH_OT_BOOL,
     .help = "read the secret from file without converting from base64"},
    {.name = "interactive", .type = VSH_OT_BOOL, .help = "read the secret from the terminal"},
    {.name = "base64", .type = VSH_OT_STRING, .help = "base64-encoded secret value"},
    {.name = NULL},
};

/* A line read from the terminal without echo, or NULL. */
static char *
virtkitReadPassphrase(const char *prompt)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO);
    char buf[8192];
    char *ret = NULL;

    fputs(prompt, stdout);
    fflush(stdout);
    if (tty && tcgetattr(STDIN_FILENO, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    } else {
        tty = false;
    }
    if (fgets(buf, sizeof(buf), stdin)) {
        buf[strcspn(buf, "\n")] = '\0';
        ret = g_strdup(buf);
    }
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stdout);
    }
    return ret;
}

static bool
cmdSecretSetValue(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virSecret) secret = NULL;
    const char *base64 = NULL;
    const char *file = NULL;
    bool plain = vshCommandOptBool(cmd, "plain");
    bool interactive = vshCommandOptBool(cmd, "interactive");
    g_autofree char *text = NULL;
    g_autofree guchar *value = NULL;
    gsize len = 0;

    if (!vshCommandOptExclusive(ctl, cmd, "file", "base64") ||
        !vshCommandOptExclusive(ctl, cmd, "plain", "base64") ||
        !vshCommandOptExclusive(ctl, cmd, "interactive", "base64") ||
        !vshCommandOptExclusive(ctl, cmd, "interactive", "file") ||
        !vshCommandOptExclusive(ctl, cmd, "interactive", "plain"))
        return false;
    if (!(secret = virtkitCommandOptSecret(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "base64", &base64) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!base64 && !file && !interactive) {
        vshError(ctl, "%s", "Input secret value is missing");
        return false;
    }
    if (file) {
        g_autoptr(GError) err = NULL;

        if (!g_file_get_contents(file, &text, &len, &err)) {
            vshError(ctl, "Failed to read %s: %s", file, err->message);
            return false;
        }
    } else if (interactive) {
        if (!(text = virtkitReadPassphrase("Enter new value for secret:"))) {
            vshError(ctl, "%s", "Failed to read secret");
            return false;
        }
        len = strlen(text);
    } else {
        text = g_strdup(base64);
        len = strlen(text);
    }
    if (plain || interactive) {
        value = g_memdup2(text, len);
    } else {
        g_strstrip(text);
        value = g_base64_decode(text, &len);
    }
    if (virSecretSetValue(secret, value, len, 0) < 0) {
        memset(value, 0, len);
        return false;
    }
    memset(value, 0, len);
    vshPrintExtra(ctl, "%s", "Secret value set\n");
    return true;
}

/* ---- secret-get-value ---- */

static const vshCmdOptDef opts_secret_get_value[] = {
    OPT_SECRET,
    {.name = "plain", .type = VSH_OT_BOOL, .help = "get value without converting to base64"},
    {.name = NULL},
};

static bool
cmdSecretGetValue(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virSecret) secret = virtkitCommandOptSecret(ctl, cmd, NULL, NULL);
    unsigned char *value;
    size_t len = 0;

    if (!secret)
        return false;
    if (!(value = virSecretGetValue(secret, &len, 0)))
        return false;
    if (vshCommandOptBool(cmd, "plain")) {
        fflush(stdout);
        if (fwrite(value, 1, len, stdout) != len) {
            memset(value, 0, len);
            free(value);
            vshError(ctl, "%s", "failed to write secret");
            return false;
        }
        fflush(stdout);
    } else {
        g_autofree char *b64 = g_base64_encode(value, len);

        vshPrint(ctl, "%s\n", b64);
    }
    memset(value, 0, len);
    free(value);
    return true;
}

/* ---- secret-undefine ---- */

static const vshCmdOptDef opts_secret_undefine[] = {
    OPT_SECRET,
    {.name = NULL},
};

static bool
cmdSecretUndefine(vshControl *ctl, const vshCmd *cmd)
{
    const char *uuid = NULL;
    g_autoptr(virSecret) secret = virtkitCommandOptSecret(ctl, cmd, NULL, &uuid);

    if (!secret)
        return false;
    if (virSecretUndefine(secret) < 0) {
        vshError(ctl, "Failed to delete secret %s", uuid);
        return false;
    }
    vshPrintExtra(ctl, "Secret %s deleted\n", uuid);
    return true;
}

/* ---- secret-list ---- */

static const vshCmdOptDef opts_secret_list[] = {
    {.name = "ephemeral", .type = VSH_OT_BOOL, .help = "list ephemeral secrets"},
    {.name = "no-ephemeral", .type = VSH_OT_BOOL, .help = "list non-ephemeral secrets"},
    {.name = "private", .type = VSH_OT_BOOL, .help = "list private secrets"},
    {.name = "no-private", .type = VSH_OT_BOOL, .help = "list non-private secrets"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"},
    {.name = NULL},
};

static const char *
virtkitSecretUsageName(int type)
{
    switch (type) {
    case VIR_SECRET_USAGE_TYPE_NONE: return "none";
    case VIR_SECRET_USAGE_TYPE_VOLUME: return "volume";
    case VIR_SECRET_USAGE_TYPE_CEPH: return "ceph";
    case VIR_SECRET_USAGE_TYPE_ISCSI: return "iscsi";
    case VIR_SECRET_USAGE_TYPE_TLS: return "tls";
    case VIR_SECRET_USAGE_TYPE_VTPM: return "vtpm";
    }
    return NULL;
}

static int
virtkitSecretCmp(const void *a, const void *b)
{
    char ua[VIR_UUID_STRING_BUFLEN] = "";
    char ub[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(*(virSecretPtr const *)a, ua);
    virSecretGetUUIDString(*(virSecretPtr const *)b, ub);
    return strcmp(ua, ub);
}

/* Every secret FLAGS select, as virsh gathers them: the listing call,
 * else (no filter asked) the older count-and-list calls.  -1 after
 * reporting. */
static int
virtkitListSecrets(vshControl *ctl, unsigned int flags, virSecretPtr **out)
{
    virConnectPtr conn = vshConnection(ctl);
    virErrorPtr err;
    g_autofree char **uuids = NULL;
    int n;
    int got;

    if ((n = virConnectListAllSecrets(conn, out, flags)) >= 0)
        return n;
    err = virGetLastError();
    if (!err || err->code != VIR_ERR_NO_SUPPORT) {
        vshError(ctl, "%s", "Failed to list node secrets");
        return -1;
    }
    if (flags) {
        vshResetLibvirtError();
        vshError(ctl, "%s", "Filtering is not supported by this libvirt");
        return -1;
    }
    vshResetLibvirtError();
    if ((n = virConnectNumOfSecrets(conn)) < 0) {
        vshError(ctl, "%s", "Failed to count secrets");
        return -1;
    }
    uuids = g_new0(char *, n + 1);
    if ((got = virConnectListSecrets(conn, uuids, n)) < 0) {
        vshError(ctl, "%s", "Failed to list secrets");
        return -1;
    }
    *out = calloc(got + 1, sizeof(virSecretPtr));
    n = 0;
    for (int i = 0; i < got; i++) {
        virSecretPtr s = virSecretLookupByUUIDString(conn, uuids[i]);

        if (s)
            (*out)[n++] = s;
        free(uuids[i]);
    }
    vshResetLibvirtError();
    return n;
}

static bool
cmdSecretList(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags = 0;
    virSecretPtr *secrets = NULL;
    int n;

    if (vshCommandOptBool(cmd, "ephemeral"))
        flags |= VIR_CONNECT_LIST_SECRETS_EPHEMERAL;
    if (vshCommandOptBool(cmd, "no-ephemeral"))
        flags |= VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL;
    if (vshCommandOptBool(cmd, "private"))
        flags |= VIR_CONNECT_LIST_SECRETS_PRIVATE;
    if (vshCommandOptBool(cmd, "no-private"))
        flags |= VIR_CONNECT_LIST_SECRETS_NO_PRIVATE;
    if ((n = virtkitListSecrets(ctl, flags, &secrets)) < 0)
        return false;
    qsort(secrets, n, sizeof(*secrets), virtkitSecretCmp);

    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            const char *usage = virtkitSecretUsageName(virSecretGetUsageType(secrets[i]));
            const char *usageID = virSecretGetUsageID(secrets[i]);

            virSecretGetUUIDString(secrets[i], uuid);
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "uuid");
            json_builder_add_string_value(b, uuid);
            json_builder_set_member_name(b, "usage");
            if (usage)
                json_builder_add_string_value(b, usage);
            else
                json_builder_add_null_value(b);
            json_builder_set_member_name(b, "usage_id");
            if (usageID)
                json_builder_add_string_value(b, usageID);
            else
                json_builder_add_null_value(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else {
        g_autoptr(vshTable) table = vshTableNew("UUID", "Usage", NULL);

        for (int i = 0; i < n; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";
            const char *usage = virtkitSecretUsageName(virSecretGetUsageType(secrets[i]));
            g_autofree char *usageStr = NULL;

            virSecretGetUUIDString(secrets[i], uuid);
            if (usage && virSecretGetUsageType(secrets[i]) != VIR_SECRET_USAGE_TYPE_NONE)
                usageStr = g_strdup_printf("%s %s", usage, virSecretGetUsageID(secrets[i]));
            else
                usageStr = g_strdup("Unused");
            vshTableRowAppend(table, uuid, usageStr, NULL);
        }
        vshTablePrint(ctl, table);
    }
    for (int i = 0; i < n; i++)
        virSecretFree(secrets[i]);
    free(secrets);
    return true;
}


/* ---- secret-event ---- */

static const vshCmdOptDef opts_secret_event[] = {
    {.name = "secret", .type = VSH_OT_STRING,
     .help = "filter by secret name or uuid"},
    {.name = "event", .type = VSH_OT_STRING,
     .help = "which event type to wait for"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

static const char *const virtkitSecretEventNames[] = { "lifecycle", "value-changed", NULL };

static void
virtkitSecretEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virSecretPtr secret,
                            int event, int detail G_GNUC_UNUSED, void *opaque)
{
    static const char *const kinds[] = { "Defined", "Undefined" };
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(secret, uuid);
    virtkitEventPrint(opaque, "event 'lifecycle' for secret %s: %s\n", uuid,
                      event >= 0 && event < (int)G_N_ELEMENTS(kinds) ? kinds[event] : "unknown");
}

static void
virtkitSecretEventValueChanged(virConnectPtr conn G_GNUC_UNUSED, virSecretPtr secret,
                               void *opaque)
{
    char uuid[VIR_UUID_STRING_BUFLEN] = "";

    virSecretGetUUIDString(secret, uuid);
    virtkitEventPrint(opaque, "event 'value-changed' for secret %s\n", uuid);
}

static bool
cmdSecretEvent(vshControl *ctl, const vshCmd *cmd)
{
    virtkitEventWait wait = { 0 };
    g_autoptr(virSecret) secret = NULL;
    virConnectPtr conn;
    int kind;
    int id;
    bool ok;

    if ((kind = virtkitEventOptions(ctl, cmd, virtkitSecretEventNames, &wait)) == -2)
        return true;
    if (kind < 0)
        return false;
    if (virEventRegisterDefaultImpl() < 0 || !(conn = vshConnection(ctl)))
        return false;
    if (vshCommandOptStringQuiet(cmd, "secret")) {
        /* virsh says so and waits for every secret's events */
        const char *n = vshCommandOptStringQuiet(cmd, "secret");

        vshDebug(ctl, VSH_ERR_INFO, "%s: found option <secret>: %s", cmd->def->name, n);
        if (!(secret = virSecretLookupByUUIDString(conn, n)))
            vshError(ctl, "failed to get secret '%s'", n);
        vshResetLibvirtError();
    }
    id = virConnectSecretEventRegisterAny(conn, secret, kind,
                                          kind == VIR_SECRET_EVENT_ID_LIFECYCLE
                                          ? (virConnectSecretEventGenericCallback)(void (*)(void))virtkitSecretEventLifecycle
                                          : (virConnectSecretEventGenericCallback)(void (*)(void))virtkitSecretEventValueChanged,
                                          &wait, NULL);
    if (id < 0)
        return false;
    ok = virtkitEventRun(ctl, &wait);
    virConnectSecretEventDeregisterAny(conn, id);
    return ok;
}

static const vshCmdDef cmds[] = {
    {.name = "secret-define", .handler = cmdSecretDefine, .opts = opts_secret_define,
     .help = "define or modify a secret from an XML file",
     .desc = "Define or modify a secret."},
    {.name = "secret-dumpxml", .handler = cmdSecretDumpXML, .opts = opts_secret_dumpxml,
     .help = "secret attributes in XML",
     .desc = "Output attributes of a secret as an XML dump to stdout."},
    {.name = "secret-event", .handler = cmdSecretEvent, .opts = opts_secret_event,
     .help = "Secret Events",
     .desc = "List event types, or wait for secret events to occur"},
    {.name = "secret-get-value", .handler = cmdSecretGetValue, .opts = opts_secret_get_value,
     .help = "Output a secret value", .desc = "Output a secret value to stdout."},
    {.name = "secret-list", .handler = cmdSecretList, .opts = opts_secret_list,
     .help = "list secrets", .desc = "Returns a list of secrets"},
    {.name = "secret-set-value", .handler = cmdSecretSetValue, .opts = opts_secret_set_value,
     .help = "set a secret value", .desc = "Set a secret value."},
    {.name = "secret-undefine", .handler = cmdSecretUndefine, .opts = opts_secret_undefine,
     .help = "undefine a secret", .desc = "Undefine a secret."},
    {.name = NULL},
};

const vshCmdTable virtkitSecretTable = { "secret", cmds };
