/*
 * cmd-domain-extra.c: more of the 'domain' group: the VNC display, link
 * states, lifecycle actions, process signals and the guest's filesystems
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

#define DX_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}

#define DX_OPT_JSON \
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the result as JSON"}

/* ------------------------------------------------------------------ */
/* vncdisplay                                                         */

static const vshCmdOptDef opts_vncdisplay[] = {
    DX_OPT_DOMAIN,
    {.name = NULL},
};

static bool
cmdVNCDisplay(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL);
    g_autofree char *xml = NULL;
    g_autofree char *portstr = NULL;
    g_autofree char *listen = NULL;
    long long port = 0;
    char *end = NULL;
    int active;

    if (!dom)
        return false;
    if ((active = virDomainIsActive(dom)) < 0)
        return false;
    if (active == 0) {
        vshError(ctl, "%s", "Domain is not running");
        return false;
    }
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return false;
    portstr = virtkitXPathString(xml, "string(/domain/devices/graphics[@type='vnc']/@port)");
    if (portstr && *portstr) {
        errno = 0;
        port = strtoll(portstr, &end, 10);
        if (errno || *end)
            port = 0;
    }
    if (port <= 0) {
        vshError(ctl, "%s", "Failed to get VNC port. Is this domain using VNC?");
        return false;
    }
    listen = virtkitXPathString(xml, "string(/domain/devices/graphics[@type='vnc']/@listen)");
    if (!listen || !*listen || g_str_equal(listen, "0.0.0.0"))
        vshPrint(ctl, ":%lld\n", port - 5900);
    else
        vshPrint(ctl, "%s:%lld\n", listen, port - 5900);
    return true;
}

/* ------------------------------------------------------------------ */
/* domif-setlink                                                      */

static const vshCmdOptDef opts_domif_setlink[] = {
    DX_OPT_DOMAIN,
    {.name = "interface", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "interface device (MAC Address)"},
    {.name = "state", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "new state of the device"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than set the interface link state"},
    {.name = NULL},
};

static xmlNodePtr
dxChild(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)name))
            return c;
    }
    return NULL;
}

static bool
dxAttrIs(xmlNodePtr node, const char *attr, const char *value, bool nocase)
{
    xmlChar *v = node ? xmlGetProp(node, (const xmlChar *)attr) : NULL;
    bool ret = false;

    if (v)
        ret = nocase ? g_ascii_strcasecmp((const char *)v, value) == 0
                     : g_str_equal((const char *)v, value);
    xmlFree(v);
    return ret;
}

static bool
cmdDomIfSetLink(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *iface = NULL;
    const char *state = NULL;
    bool config = vshCommandOptBool(cmd, "config");
    g_autofree char *xml = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr devices = NULL;
    xmlNodePtr found = NULL;
    xmlNodePtr link;
    xmlBufferPtr buf = NULL;
    unsigned int flags;
    bool ret = false;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "interface", &iface) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "state", &state) < 0)
        return false;
    if (!g_str_equal(state, "up") && !g_str_equal(state, "down")) {
        vshError(ctl, "invalid link state '%s'", state);
        return false;
    }
    if (!(xml = virDomainGetXMLDesc(dom, config ? VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        vshError(ctl, "%s", "Failed to parse domain description xml");
        return false;
    }
    if (xmlDocGetRootElement(doc))
        devices = dxChild(xmlDocGetRootElement(doc), "devices");
    for (xmlNodePtr c = devices ? devices->children : NULL; c && !found; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"interface"))
            continue;
        if (dxAttrIs(dxChild(c, "mac"), "address", iface, true) ||
            dxAttrIs(dxChild(c, "target"), "dev", iface, true))
            found = c;
    }
    if (!found) {
        vshError(ctl, "interface '%s' not found", iface);
        goto cleanup;
    }
    if ((link = dxChild(found, "link")))
        xmlSetProp(link, (const xmlChar *)"state", (const xmlChar *)state);
    else if (!(link = xmlNewChild(found, NULL, (const xmlChar *)"link", NULL)) ||
             !xmlNewProp(link, (const xmlChar *)"state", (const xmlChar *)state)) {
        vshError(ctl, "%s", "Failed to allocate memory");
        goto cleanup;
    }
    buf = xmlBufferCreate();
    if (!buf || xmlNodeDump(buf, doc, found, 0, 0) < 0) {
        vshError(ctl, "%s", "Failed to create XML");
        goto cleanup;
    }
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", (const char *)xmlBufferContent(buf));
        ret = true;
        goto cleanup;
    }
    flags = config ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
    if (virDomainIsActive(dom) == 0)
        flags = VIR_DOMAIN_AFFECT_CONFIG;
    if (virDomainUpdateDeviceFlags(dom, (const char *)xmlBufferContent(buf), flags) < 0) {
        vshError(ctl, "%s", "Failed to update interface link state");
        goto cleanup;
    }
    vshPrint(ctl, "%s", "Device updated successfully\n");
    ret = true;

 cleanup:
    if (buf)
        xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return ret;
}

/* ------------------------------------------------------------------ */
/* set-lifecycle-action                                               */

static const vshCmdOptDef opts_set_lifecycle_action[] = {
    DX_OPT_DOMAIN,
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "lifecycle type to modify"},
    {.name = "action", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "lifecycle action to set"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "affect running domain"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "affect current domain"},
    {.name = NULL},
};

static const char *const dxLifecycleTypes[] = { "poweroff", "reboot", "crash", NULL };
static const char *const dxLifecycleActions[] = {
    "destroy", "restart", "rename-restart", "preserve",
    "coredump-destroy", "coredump-restart", NULL,
};

static int
dxIndex(const char *const *names, const char *name)
{
    for (int i = 0; names[i]; i++) {
        if (g_str_equal(names[i], name))
            return i;
    }
    return -1;
}

static bool
cmdSetLifecycleAction(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *typestr = NULL;
    const char *actionstr = NULL;
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    int type;
    int action;

    if (!vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    if (vshCommandOptBool(cmd, "config"))
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vshCommandOptBool(cmd, "live"))
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (vshCommandOptStringReq(ctl, cmd, "type", &typestr) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "action", &actionstr) < 0)
        return false;
    if ((type = dxIndex(dxLifecycleTypes, typestr)) < 0) {
        vshError(ctl, "Invalid lifecycle type '%s'.", typestr);
        return false;
    }
    if ((action = dxIndex(dxLifecycleActions, actionstr)) < 0) {
        vshError(ctl, "Invalid lifecycle action '%s'.", actionstr);
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainSetLifecycleAction(dom, type, action, flags) < 0) {
        vshError(ctl, "%s", "Unable to change lifecycle action.");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* send-process-signal                                                */

static const vshCmdOptDef opts_send_process_signal[] = {
    DX_OPT_DOMAIN,
    {.name = "pid", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "the process ID"},
    {.name = "signame", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "the signal number or name"},
    {.name = NULL},
};

/* virDomainProcessSignal's names, in its order. */
static const char *const dxSignalNames[] = {
    "nop", "hup", "int", "quit", "ill", "trap", "abrt", "bus", "fpe", "kill",
    "usr1", "segv", "usr2", "pipe", "alrm", "term", "stkflt", "chld", "cont",
    "stop", "tstp", "ttin", "ttou", "urg", "xcpu", "xfsz", "vtalrm", "prof",
    "winch", "poll", "pwr", "sys",
    "rt0", "rt1", "rt2", "rt3", "rt4", "rt5", "rt6", "rt7", "rt8", "rt9",
    "rt10", "rt11", "rt12", "rt13", "rt14", "rt15", "rt16", "rt17", "rt18",
    "rt19", "rt20", "rt21", "rt22", "rt23", "rt24", "rt25", "rt26", "rt27",
    "rt28", "rt29", "rt30", "rt31", "rt32", NULL,
};

static int
dxSignal(const char *str)
{
    const char *name = str;
    char *end = NULL;
    long v;

    if (*str >= '0' && *str <= '9') {
        errno = 0;
        v = strtol(str, &end, 10);
        if (errno || *end || v > G_MAXINT)
            return -1;
        return (int)v;
    }
    if (g_ascii_strncasecmp(name, "sig", 3) == 0)
        name += 3;
    for (int i = 0; dxSignalNames[i]; i++) {
        if (g_ascii_strcasecmp(dxSignalNames[i], name) == 0)
            return i;
    }
    return -1;
}

static bool
cmdSendProcessSignal(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *signame = NULL;
    long long pid = 0;
    int signum;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptLongLong(ctl, cmd, "pid", &pid) <= 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "signame", &signame) < 0)
        return false;
    if ((signum = dxSignal(signame)) < 0) {
        vshError(ctl, "malformed signal name: %s", signame);
        return false;
    }
    if (virDomainSendProcessSignal(dom, pid, signum, 0) < 0)
        return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* domfsinfo, domfsfreeze, domfsthaw, domfstrim                       */

static const vshCmdOptDef opts_domfsinfo[] = {
    DX_OPT_DOMAIN,
    DX_OPT_JSON,
    {.name = NULL},
};

static bool
cmdDomFSInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virDomainFSInfoPtr *info = NULL;
    int ninfo;
    int i;
    size_t j;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((ninfo = virDomainGetFSInfo(dom, &info, 0)) < 0) {
        vshError(ctl, "%s", "Unable to get filesystem information");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        g_autoptr(JsonBuilder) b = json_builder_new();

        json_builder_begin_array(b);
        for (i = 0; i < ninfo; i++) {
            json_builder_begin_object(b);
            json_builder_set_member_name(b, "mountpoint");
            json_builder_add_string_value(b, info[i]->mountpoint);
            json_builder_set_member_name(b, "name");
            json_builder_add_string_value(b, info[i]->name);
            json_builder_set_member_name(b, "type");
            json_builder_add_string_value(b, info[i]->fstype);
            json_builder_set_member_name(b, "target");
            json_builder_begin_array(b);
            for (j = 0; j < info[i]->ndevAlias; j++)
                json_builder_add_string_value(b, info[i]->devAlias[j]);
            json_builder_end_array(b);
            json_builder_end_object(b);
        }
        json_builder_end_array(b);
        vshPrintJSON(ctl, b);
    } else if (ninfo == 0) {
        vshPrintExtra(ctl, "%s", "No filesystems are mounted in the domain\n");
    } else {
        g_autoptr(vshTable) table = vshTableNew("Mountpoint", "Name", "Type", "Target", NULL);

        for (i = 0; i < ninfo; i++) {
            g_autoptr(GString) targets = g_string_new(NULL);

            for (j = 0; j < info[i]->ndevAlias; j++) {
                if (j)
                    g_string_append_c(targets, ',');
                g_string_append(targets, info[i]->devAlias[j]);
            }
            vshTableRowAppend(table, info[i]->mountpoint, info[i]->name,
                              info[i]->fstype, targets->str, NULL);
        }
        vshTablePrint(ctl, table);
    }
    for (i = 0; i < ninfo; i++)
        virDomainFSInfoFree(info[i]);
    free(info);
    return true;
}

static const vshCmdOptDef opts_domfsfreeze[] = {
    DX_OPT_DOMAIN,
    {.name = "mountpoint", .type = VSH_OT_ARGV, .help = "mountpoint path to be frozen"},
    {.name = NULL},
};

static const vshCmdOptDef opts_domfsthaw[] = {
    DX_OPT_DOMAIN,
    {.name = "mountpoint", .type = VSH_OT_ARGV, .help = "mountpoint path to be thawed"},
    {.name = NULL},
};

static bool
dxFreezeThaw(vshControl *ctl, const vshCmd *cmd, bool freeze)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree const char **mounts = NULL;
    unsigned int n = 0;
    int ret;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    mounts = vshCommandOptArgv(cmd, "mountpoint");
    while (mounts && mounts[n])
        n++;
    if (freeze)
        ret = virDomainFSFreeze(dom, n ? mounts : NULL, n, 0);
    else
        ret = virDomainFSThaw(dom, n ? mounts : NULL, n, 0);
    if (ret < 0) {
        vshError(ctl, "%s", freeze ? "Unable to freeze filesystems"
                                   : "Unable to thaw filesystems");
        return false;
    }
    vshPrintExtra(ctl, "%s %d filesystem(s)\n", freeze ? "Froze" : "Thawed", ret);
    return true;
}

static bool
cmdDomFSFreeze(vshControl *ctl, const vshCmd *cmd)
{
    return dxFreezeThaw(ctl, cmd, true);
}

static bool
cmdDomFSThaw(vshControl *ctl, const vshCmd *cmd)
{
    return dxFreezeThaw(ctl, cmd, false);
}

static const vshCmdOptDef opts_domfstrim[] = {
    DX_OPT_DOMAIN,
    {.name = "minimum", .type = VSH_OT_INT,
     .help = "Just a hint to ignore contiguous free ranges smaller than this (Bytes)"},
    {.name = "mountpoint", .type = VSH_OT_STRING, .help = "which mount point to trim"},
    {.name = NULL},
};

static bool
cmdDomFSTrim(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long minimum = 0;
    const char *mountpoint = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptULongLong(ctl, cmd, "minimum", &minimum) < 0)
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "mountpoint", &mountpoint) < 0)
        return false;
    if (virDomainFSTrim(dom, mountpoint, minimum, 0) < 0) {
        vshError(ctl, "%s", "Unable to invoke fstrim");
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Typed parameters as virsh prints them                               */

static char *
dxParamValue(const virTypedParameter *p)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%f", p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup(p->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(p->value.s ? p->value.s : "");
    default:
        return g_strdup("");
    }
}

static void
dxParamsJSON(vshControl *ctl, const virTypedParameter *params, int n)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    json_builder_begin_object(b);
    for (int i = 0; i < n; i++)
        vshJSONTypedParam(b, &params[i]);
    json_builder_end_object(b);
    vshPrintJSON(ctl, b);
}

/* ------------------------------------------------------------------ */
/* guestinfo                                                          */

static const vshCmdOptDef opts_guestinfo[] = {
    DX_OPT_DOMAIN,
    {.name = "user", .type = VSH_OT_BOOL, .help = "report active users"},
    {.name = "os", .type = VSH_OT_BOOL, .help = "report operating system information"},
    {.name = "timezone", .type = VSH_OT_BOOL, .help = "report timezone information"},
    {.name = "hostname", .type = VSH_OT_BOOL, .help = "report hostname"},
    {.name = "filesystem", .type = VSH_OT_BOOL, .help = "report filesystem information"},
    {.name = "disk", .type = VSH_OT_BOOL, .help = "report disk information"},
    {.name = "interface", .type = VSH_OT_BOOL, .help = "report interface information"},
    DX_OPT_JSON,
    {.name = NULL},
};

static bool
cmdGuestInfo(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int type;
    } kinds[] = {
        {"user", VIR_DOMAIN_GUEST_INFO_USERS},
        {"os", VIR_DOMAIN_GUEST_INFO_OS},
        {"timezone", VIR_DOMAIN_GUEST_INFO_TIMEZONE},
        {"hostname", VIR_DOMAIN_GUEST_INFO_HOSTNAME},
        {"filesystem", VIR_DOMAIN_GUEST_INFO_FILESYSTEM},
        {"disk", VIR_DOMAIN_GUEST_INFO_DISKS},
        {"interface", VIR_DOMAIN_GUEST_INFO_INTERFACES},
    };
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    unsigned int types = 0;
    size_t k;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    for (k = 0; k < G_N_ELEMENTS(kinds); k++) {
        if (vshCommandOptBool(cmd, kinds[k].opt))
            types |= kinds[k].type;
    }
    if (virDomainGetGuestInfo(dom, types, &params, &nparams, 0) < 0)
        return false;
    if (vshCommandOptBool(cmd, "json")) {
        dxParamsJSON(ctl, params, nparams);
    } else {
        for (int i = 0; i < nparams; i++) {
            g_autofree char *value = dxParamValue(&params[i]);

            vshPrint(ctl, "%-20s: %s\n", params[i].field, value);
        }
    }
    virTypedParamsFree(params, nparams);
    return true;
}

/* ------------------------------------------------------------------ */
/* domlaunchsecinfo, domsetlaunchsecstate                             */

static const vshCmdOptDef opts_domlaunchsecinfo[] = {
    DX_OPT_DOMAIN,
    DX_OPT_JSON,
    {.name = NULL},
};

static bool
cmdDomLaunchSecInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainGetLaunchSecurityInfo(dom, &params, &nparams, 0) < 0) {
        vshError(ctl, "%s", "Unable to get launch security parameters");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        dxParamsJSON(ctl, params, nparams);
    } else {
        for (int i = 0; i < nparams; i++) {
            g_autofree char *value = dxParamValue(&params[i]);

            vshPrint(ctl, "%-15s: %s\n", params[i].field, value);
        }
    }
    virTypedParamsFree(params, nparams);
    return true;
}

static const vshCmdOptDef opts_domsetlaunchsecstate[] = {
    DX_OPT_DOMAIN,
    {.name = "secrethdr", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "path to file containing the secret header", .completer = VSH_COMPLETE_FILE},
    {.name = "secret", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "path to file containing the secret", .completer = VSH_COMPLETE_FILE},
    {.name = "set-address", .type = VSH_OT_INT,
     .help = "physical address within the guest domain's memory to set the secret"},
    {.name = NULL},
};

/* The contents of PATH base64-encoded, or NULL after reporting. */
static char *
dxReadBase64(vshControl *ctl, const char *path)
{
    gsize len = 0;
    g_autofree char *data = virtkitReadFileLen(ctl, path, &len);

    if (!data)
        return NULL;
    return g_base64_encode((const guchar *)data, len);
}

static bool
cmdDomSetLaunchSecState(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *hdrpath = NULL;
    const char *secpath = NULL;
    g_autofree char *hdr = NULL;
    g_autofree char *sec = NULL;
    unsigned long long addr = 0;
    int hasaddr;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    bool ret = false;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "secrethdr", &hdrpath) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "secret", &secpath) < 0)
        return false;
    if (!hdrpath || !secpath) {
        vshError(ctl, "%s", "Both secret and the secret header are required");
        return false;
    }
    if (!(hdr = dxReadBase64(ctl, hdrpath)) || !(sec = dxReadBase64(ctl, secpath)))
        return false;
    if ((hasaddr = vshCommandOptULongLong(ctl, cmd, "set-address", &addr)) < 0)
        return false;
    if (virTypedParamsAddString(&params, &nparams, &maxparams,
                                VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER, hdr) < 0 ||
        virTypedParamsAddString(&params, &nparams, &maxparams,
                                VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET, sec) < 0 ||
        (hasaddr > 0 &&
         virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                 VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS, addr) < 0))
        goto cleanup;
    if (virDomainSetLaunchSecurityState(dom, params, nparams, 0) < 0) {
        vshError(ctl, "%s", "Unable to set launch security state");
        goto cleanup;
    }
    ret = true;

 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/* ------------------------------------------------------------------ */
/* get-user-sshkeys, set-user-sshkeys, set-user-password              */

static const vshCmdOptDef opts_get_user_sshkeys[] = {
    DX_OPT_DOMAIN,
    {.name = "user", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "user to list authorized keys for"},
    {.name = NULL},
};

static bool
cmdGetUserSSHKeys(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *user = NULL;
    char **keys = NULL;
    int nkeys;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "user", &user) < 0)
        return false;
    if ((nkeys = virDomainAuthorizedSSHKeysGet(dom, user, &keys, 0)) < 0)
        return false;
    for (int i = 0; i < nkeys; i++) {
        vshPrint(ctl, "%s", keys[i]);
        free(keys[i]);
    }
    free(keys);
    return true;
}

static const vshCmdOptDef opts_set_user_sshkeys[] = {
    DX_OPT_DOMAIN,
    {.name = "user", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "user to set authorized keys for"},
    {.name = "file", .type = VSH_OT_STRING,
     .help = "optional file to read keys from", .completer = VSH_COMPLETE_FILE},
    {.name = "reset", .type = VSH_OT_BOOL,
     .help = "clear out authorized keys file before adding new keys"},
    {.name = "remove", .type = VSH_OT_BOOL,
     .help = "remove keys from the authorized keys file"},
    {.name = NULL},
};

static bool
cmdSetUserSSHKeys(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *user = NULL;
    const char *file = NULL;
    bool reset = vshCommandOptBool(cmd, "reset");
    bool remove = vshCommandOptBool(cmd, "remove");
    g_autofree char *content = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    unsigned int flags = 0;

    /* as virsh: how the options go together, the domain, then their values */
    if (remove && !vshCommandOptBool(cmd, "file")) {
        vshError(ctl, "%s", "Option --file is required by option --remove");
        return false;
    }
    if (!vshCommandOptExclusive(ctl, cmd, "reset", "remove"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "user", &user) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!reset && !file) {
        vshError(ctl, "%s", "Option --file is required");
        return false;
    }
    if (remove)
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE;
    else if (!reset)
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND;
    if (file) {
        gsize len = 0;

        if (!(content = virtkitReadFileLen(ctl, file, &len)))
            return false;
        lines = g_strsplit(content, "\n", -1);
        for (size_t i = 0; lines[i]; i++) {
            if (*lines[i])
                g_ptr_array_add(keys, lines[i]);
        }
    }
    if (virDomainAuthorizedSSHKeysSet(dom, user, (const char **)keys->pdata,
                                      keys->len, flags) < 0)
        return false;
    return true;
}

static const vshCmdOptDef opts_set_user_password[] = {
    DX_OPT_DOMAIN,
    {.name = "user", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "the username"},
    {.name = "password", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "the new password"},
    {.name = "encrypted", .type = VSH_OT_BOOL, .help = "the password is already encrypted"},
    {.name = NULL},
};

static bool
cmdSetUserPassword(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *user = NULL;
    const char *password = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "user", &user) < 0 ||
        vshCommandOptStringReq(ctl, cmd, "password", &password) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptBool(cmd, "encrypted"))
        flags |= VIR_DOMAIN_PASSWORD_ENCRYPTED;
    if (virDomainSetUserPassword(dom, user, password, flags) < 0)
        return false;
    vshPrintExtra(ctl, "Password set successfully for %s in %s", user, name);
    return true;
}

/* ------------------------------------------------------------------ */
/* guest-agent-timeout                                                */

static const vshCmdOptDef opts_guest_agent_timeout[] = {
    DX_OPT_DOMAIN,
    {.name = "timeout", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "timeout seconds."},
    {.name = NULL},
};

static bool
cmdGuestAgentTimeout(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    int timeout = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptInt(ctl, cmd, "timeout", &timeout) < 0)
        return false;
    if (virDomainAgentSetResponseTimeout(dom, timeout, 0) < 0)
        return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* blockresize                                                        */

static const vshCmdOptDef opts_blockresize[] = {
    DX_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "Fully-qualified path of block device"},
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "New size of the block device, as scaled integer (default KiB)"},
    {.name = NULL},
};

static bool
cmdBlockResize(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *path = NULL;
    unsigned long long size = 0;
    unsigned int flags = 0;

    /* as virsh: the options first, then the domain */
    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    if (vshCommandOptScaledInt(ctl, cmd, "size", &size, 1024, G_MAXUINT64) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    /* kibibytes when that is exact, else bytes */
    if (size % 1024 == 0)
        size /= 1024;
    else
        flags |= VIR_DOMAIN_BLOCK_RESIZE_BYTES;
    if (virDomainBlockResize(dom, path, size, flags) < 0) {
        vshError(ctl, "Failed to resize block device '%s'", path);
        return false;
    }
    vshPrintExtra(ctl, "Block device '%s' is resized\n", path);
    return true;
}

/* ------------------------------------------------------------------ */
/* migrate-setmaxdowntime, migrate-getmaxdowntime, migrate-setspeed,  */
/* migrate-getspeed, migrate-compcache, migrate-postcopy              */

static const vshCmdOptDef opts_migrate_setmaxdowntime[] = {
    DX_OPT_DOMAIN,
    {.name = "downtime", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "maximum tolerable downtime (in milliseconds) for migration"},
    {.name = NULL},
};

static bool
cmdMigrateSetMaxDowntime(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long downtime = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptULongLong(ctl, cmd, "downtime", &downtime) < 0)
        return false;
    if (downtime < 1) {
        vshError(ctl, "%s", "migrate: Invalid downtime");
        return false;
    }
    return virDomainMigrateSetMaxDowntime(dom, downtime, 0) == 0;
}

static const vshCmdOptDef opts_migrate_getmaxdowntime[] = {
    DX_OPT_DOMAIN,
    {.name = NULL},
};

static bool
cmdMigrateGetMaxDowntime(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long downtime = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (virDomainMigrateGetMaxDowntime(dom, &downtime, 0) < 0)
        return false;
    vshPrint(ctl, "%llu\n", downtime);
    return true;
}

static const vshCmdOptDef opts_migrate_setspeed[] = {
    DX_OPT_DOMAIN,
    {.name = "bandwidth", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "migration bandwidth limit in MiB/s"},
    {.name = "postcopy", .type = VSH_OT_BOOL, .help = "set post-copy migration bandwidth"},
    {.name = NULL},
};

/* An unsigned number where, as virsh allows here, a negative one wraps
 * around (-1 is the largest value). */
static bool
dxOptULongWrap(vshControl *ctl, const vshCmd *cmd, const char *name,
               unsigned long long *value)
{
    const char *str = vshCommandOptStringQuiet(cmd, name);
    char *end = NULL;

    if (!str)
        return true;
    errno = 0;
    *value = strtoull(str, &end, 10);
    if (errno || end == str || *end || *value > G_MAXULONG) {
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 str, name);
        return false;
    }
    return true;
}

static bool
cmdMigrateSetSpeed(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long bandwidth = 0;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!dxOptULongWrap(ctl, cmd, "bandwidth", &bandwidth))
        return false;
    if (vshCommandOptBool(cmd, "postcopy"))
        flags |= VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY;
    return virDomainMigrateSetMaxSpeed(dom, (unsigned long)bandwidth, flags) == 0;
}

static const vshCmdOptDef opts_migrate_getspeed[] = {
    DX_OPT_DOMAIN,
    {.name = "postcopy", .type = VSH_OT_BOOL, .help = "get post-copy migration bandwidth"},
    {.name = NULL},
};

static bool
cmdMigrateGetSpeed(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long bandwidth = 0;
    unsigned int flags = 0;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptBool(cmd, "postcopy"))
        flags |= VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY;
    if (virDomainMigrateGetMaxSpeed(dom, &bandwidth, flags) < 0)
        return false;
    vshPrint(ctl, "%lu\n", bandwidth);
    return true;
}

static const vshCmdOptDef opts_migrate_compcache[] = {
    DX_OPT_DOMAIN,
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "requested size of the cache (in bytes) used for compression"},
    {.name = NULL},
};

static bool
cmdMigrateCompCache(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned long long size = 0;
    const char *unit = NULL;
    double value;
    int given;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if ((given = vshCommandOptULongLong(ctl, cmd, "size", &size)) < 0)
        return false;
    if (given > 0 && virDomainMigrateSetCompressionCache(dom, size, 0) < 0)
        return false;
    if (virDomainMigrateGetCompressionCache(dom, &size, 0) < 0)
        return false;
    value = vshPrettyCapacity(size, &unit);
    vshPrint(ctl, "Compression cache: %.3lf %s", value, unit);
    return true;
}

static const vshCmdOptDef opts_migrate_postcopy[] = {
    DX_OPT_DOMAIN,
    {.name = NULL},
};

static bool
cmdMigratePostCopy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    return virDomainMigrateStartPostCopy(dom, 0) == 0;
}

/* ------------------------------------------------------------------ */
/* blockjob                                                           */

static const vshCmdOptDef opts_blockjob[] = {
    DX_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "fully-qualified path of disk"},
    {.name = "abort", .type = VSH_OT_BOOL,
     .help = "abort the active job on the specified disk"},
    {.name = "async", .type = VSH_OT_BOOL,
     .help = "implies --abort; request but don't wait for job end"},
    {.name = "pivot", .type = VSH_OT_BOOL,
     .help = "implies --abort; conclude and pivot a copy or commit job"},
    {.name = "info", .type = VSH_OT_BOOL,
     .help = "get active job information for the specified disk"},
    {.name = "bytes", .type = VSH_OT_BOOL,
     .help = "get/set bandwidth in bytes rather than MiB/s"},
    {.name = "raw", .type = VSH_OT_BOOL,
     .help = "implies --info; output details rather than human summary"},
    {.name = "bandwidth", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "set the bandwidth limit in MiB/s"},
    {.name = NULL},
};

static const char *
dxBlockJobType(int type)
{
    switch (type) {
    case VIR_DOMAIN_BLOCK_JOB_TYPE_PULL:
        return "Block Pull";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COPY:
        return "Block Copy";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT:
        return "Block Commit";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT:
        return "Active Block Commit";
    case VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP:
        return "Backup";
    default:
        return "Unknown job";
    }
}

/* --bandwidth: a number (negative ones wrap), scaled by a unit suffix;
 * bare numbers are MiB/s, or bytes/s with --bytes. */
static bool
dxBlockJobBandwidth(vshControl *ctl, const char *str, bool bytes, unsigned long *out)
{
    static const struct {
        const char *suffix;
        unsigned long long scale;
    } units[] = {
        {"b", 1}, {"B", 1}, {"byte", 1}, {"bytes", 1},
        {"k", 1ULL << 10}, {"K", 1ULL << 10}, {"KiB", 1ULL << 10}, {"KB", 1000},
        {"m", 1ULL << 20}, {"M", 1ULL << 20}, {"MiB", 1ULL << 20}, {"MB", 1000000},
        {"g", 1ULL << 30}, {"G", 1ULL << 30}, {"GiB", 1ULL << 30}, {"GB", 1000000000},
        {"t", 1ULL << 40}, {"T", 1ULL << 40}, {"TiB", 1ULL << 40}, {"TB", 1000000000000ULL},
    };
    unsigned long long value;
    char *end = NULL;
    size_t i;

    errno = 0;
    value = strtoull(str, &end, 10);
    if (errno || end == str)
        goto bad;
    if (*end) {
        for (i = 0; i < G_N_ELEMENTS(units); i++) {
            if (g_str_equal(end, units[i].suffix))
                break;
        }
        if (i == G_N_ELEMENTS(units))
            goto bad;
        if (value && units[i].scale > G_MAXUINT64 / value)
            goto bad;
        value *= units[i].scale;
        if (!bytes)
            value >>= 20;
    }
    if (value > G_MAXULONG)
        goto bad;
    *out = value;
    return true;

 bad:
    vshError(ctl, "Scaled numeric value '%s' for <--bandwidth> option is malformed "
             "or out of range", str);
    return false;
}

static bool
cmdBlockJob(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *path = NULL;
    const char *bwstr = vshCommandOptStringQuiet(cmd, "bandwidth");
    bool async = vshCommandOptBool(cmd, "async");
    bool pivot = vshCommandOptBool(cmd, "pivot");
    bool abort = vshCommandOptBool(cmd, "abort") || async || pivot;
    bool raw = vshCommandOptBool(cmd, "raw");
    bool bytes = vshCommandOptBool(cmd, "bytes");
    unsigned long bandwidth = 0;
    virDomainBlockJobInfo job;
    int rc;

    if (!vshCommandOptExclusive(ctl, cmd, "raw", "abort") ||
        !vshCommandOptExclusive(ctl, cmd, "raw", "async") ||
        !vshCommandOptExclusive(ctl, cmd, "raw", "pivot") ||
        !vshCommandOptExclusive(ctl, cmd, "raw", "bandwidth") ||
        !vshCommandOptExclusive(ctl, cmd, "info", "abort") ||
        !vshCommandOptExclusive(ctl, cmd, "info", "async") ||
        !vshCommandOptExclusive(ctl, cmd, "info", "pivot") ||
        !vshCommandOptExclusive(ctl, cmd, "info", "bandwidth"))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    if (bwstr && !dxBlockJobBandwidth(ctl, bwstr, bytes, &bandwidth))
        return false;
    if (bwstr) {
        if (virDomainBlockJobSetSpeed(dom, path, bandwidth,
                                      bytes ? VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES : 0) < 0)
            return false;
    }
    if (abort) {
        unsigned int flags = 0;

        if (async)
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC;
        if (pivot)
            flags |= VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT;
        return virDomainBlockJobAbort(dom, path, flags) == 0;
    }
    if (bwstr)
        return true;
    if ((rc = virDomainGetBlockJobInfo(dom, path, &job,
                                       bytes ? VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES : 0)) < 0)
        return false;
    if (raw) {
        vshPrint(ctl, " type=%d\n bandwidth=%lu\n cur=%llu\n end=%llu\n",
                 rc ? job.type : 0, rc ? job.bandwidth : 0UL,
                 rc ? job.cur : 0ULL, rc ? job.end : 0ULL);
        return true;
    }
    if (rc == 0) {
        vshPrint(ctl, "No current block job for %s\n", path);
        return true;
    }
    vshPrint(ctl, "%s: [%3d %%]\n", dxBlockJobType(job.type),
             job.end ? (int)(100.0 * job.cur / job.end) : 100);
    if (job.bandwidth) {
        if (bytes)
            vshPrint(ctl, "    Bandwidth limit: %lu bytes/s\n", job.bandwidth);
        else
            vshPrint(ctl, "    Bandwidth limit: %lu MiB/s\n", job.bandwidth);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* domblkthreshold, ttyconsole                                        */

static const vshCmdOptDef opts_domblkthreshold[] = {
    DX_OPT_DOMAIN,
    {.name = "dev", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "device to set threshold for"},
    {.name = "threshold", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "threshold as a scaled number (by default bytes)"},
    {.name = NULL},
};

static bool
cmdDomBlkThreshold(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *dev = NULL;
    unsigned long long threshold = 0;

    /* as virsh: the options first, then the domain */
    if (vshCommandOptStringReq(ctl, cmd, "dev", &dev) < 0)
        return false;
    if (vshCommandOptScaledInt(ctl, cmd, "threshold", &threshold, 1, G_MAXUINT64) < 0)
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    return virDomainSetBlockThreshold(dom, dev, threshold, 0) == 0;
}

static const vshCmdOptDef opts_ttyconsole[] = {
    DX_OPT_DOMAIN,
    {.name = NULL},
};

static bool
cmdTTYConsole(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *tty = NULL;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return false;
    tty = virtkitXPathString(xml, "string(/domain/devices/console/@tty)");
    if (!tty || !*tty)
        return false;
    vshPrint(ctl, "%s\n", tty);
    return true;
}

/* ------------------------------------------------------------------ */
/* dump                                                               */

static const vshCmdOptDef opts_dump[] = {
    DX_OPT_DOMAIN,
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "where to dump the core", .completer = VSH_COMPLETE_FILE},
    {.name = "live", .type = VSH_OT_BOOL, .help = "perform a live core dump if supported"},
    {.name = "crash", .type = VSH_OT_BOOL, .help = "crash the domain after core dump"},
    {.name = "bypass-cache", .type = VSH_OT_BOOL,
     .help = "avoid file system cache when dumping"},
    {.name = "reset", .type = VSH_OT_BOOL, .help = "reset the domain after core dump"},
    {.name = "verbose", .type = VSH_OT_BOOL, .help = "display the progress of dump"},
    {.name = "memory-only", .type = VSH_OT_BOOL, .help = "dump domain's memory only"},
    {.name = "format", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "specify the format of memory-only dump"},
    {.name = NULL},
};

static bool
cmdDump(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *name;
        int format;
    } formats[] = {
        {"kdump-zlib", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB},
        {"kdump-lzo", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO},
        {"kdump-snappy", VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY},
        {"win-dmp", VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP},
        {"elf", VIR_DOMAIN_CORE_DUMP_FORMAT_RAW},
    };
    g_autoptr(virDomain) dom = NULL;
    const char *name = NULL;
    const char *to = NULL;
    const char *fmtstr = NULL;
    unsigned int flags = 0;
    int format = VIR_DOMAIN_CORE_DUMP_FORMAT_RAW;
    int rc;

    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, &name)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &to) < 0)
        return false;
    if (vshCommandOptBool(cmd, "live"))
        flags |= VIR_DUMP_LIVE;
    if (vshCommandOptBool(cmd, "crash"))
        flags |= VIR_DUMP_CRASH;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DUMP_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "reset"))
        flags |= VIR_DUMP_RESET;
    if (vshCommandOptBool(cmd, "memory-only"))
        flags |= VIR_DUMP_MEMORY_ONLY;
    if (vshCommandOptStringReq(ctl, cmd, "format", &fmtstr) < 0)
        return false;
    if (fmtstr) {
        size_t i;

        if (!(flags & VIR_DUMP_MEMORY_ONLY)) {
            vshError(ctl, "%s", "--format only works with --memory-only");
            return false;
        }
        for (i = 0; i < G_N_ELEMENTS(formats); i++) {
            if (g_str_equal(fmtstr, formats[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(formats)) {
            vshError(ctl, "format '%s' is not supported, expecting 'kdump-zlib', "
                     "'kdump-lzo', 'kdump-snappy', 'win-dmp' or 'elf'", fmtstr);
            return false;
        }
        format = formats[i].format;
        virtkitTraceJobStart(ctl, cmd);
        rc = virDomainCoreDumpWithFormat(dom, to, format, flags);
    } else {
        virtkitTraceJobStart(ctl, cmd);
        rc = virDomainCoreDump(dom, to, flags);
    }
    if (rc < 0) {
        vshError(ctl, "Failed to core dump domain '%s' to %s", name, to);
        virtkitTraceJobDone(ctl, -1);
        return false;
    }
    virtkitTraceJobDone(ctl, 0);
    if (vshCommandOptBool(cmd, "verbose")) {
        fprintf(stderr, "\rDump: [100 %%]");
        fflush(stderr);
    }
    vshPrintExtra(ctl, "\nDomain '%s' dumped to %s\n", name, to);
    return true;
}

/* ------------------------------------------------------------------ */
/* save-image-dumpxml                                                 */

static const vshCmdOptDef opts_save_image_dumpxml[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "saved state file to read", .completer = VSH_COMPLETE_FILE},
    {.name = "security-info", .type = VSH_OT_BOOL,
     .help = "include security sensitive information in XML dump"},
    {.name = "xpath", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "xpath expression to filter the XML document"},
    {.name = "wrap", .type = VSH_OT_BOOL, .help = "wrap xpath results in an common root element"},
    {.name = NULL},
};

static bool
cmdSaveImageDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;
    if (!(xml = virDomainSaveImageGetXMLDesc(vshConnection(ctl), file, flags)))
        return false;
    return virtkitPrintXMLOpts(ctl, cmd, xml);
}

/* ------------------------------------------------------------------ */
/* update-memory-device                                               */

static const vshCmdOptDef opts_update_memory_device[] = {
    DX_OPT_DOMAIN,
    {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "affect running domain"},
    {.name = "current", .type = VSH_OT_BOOL, .help = "affect current domain"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print updated memory device XML instead of executing the change"},
    {.name = "alias", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "memory device alias"},
    {.name = "node", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "memory device target node"},
    {.name = "requested-size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "new value of <requested/> size, as scaled integer (default KiB)"},
    {.name = NULL},
};

static bool
cmdUpdateMemoryDevice(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *alias = NULL;
    int node = 0;
    int hasnode;
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    bool config = vshCommandOptBool(cmd, "config");
    g_autofree char *xml = NULL;
    g_autoptr(GString) xpath = g_string_new("/domain/devices/memory");
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr xctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    xmlNodePtr mem;
    xmlBufferPtr buf = NULL;
    bool ret = false;

    if (!vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config") ||
        !vshCommandOptExclusive(ctl, cmd, "node", "alias"))
        return false;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vshCommandOptBool(cmd, "live"))
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "alias", &alias) < 0 ||
        (hasnode = vshCommandOptInt(ctl, cmd, "node", &node)) < 0)
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, config ? VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    if (alias) {
        g_autofree char *quoted = NULL;

        /* an XPath literal: quoted with whichever quote it lacks */
        if (strchr(alias, '\''))
            quoted = g_strdup_printf("\"%s\"", alias);
        else
            quoted = g_strdup_printf("'%s'", alias);
        g_string_append_printf(xpath, "[alias/@name=%s]", quoted);
    }
    if (hasnode > 0)
        g_string_append_printf(xpath, "[target/node='%d']", node);
    doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !(xctxt = xmlXPathNewContext(doc)) ||
        !(obj = xmlXPathEval((const xmlChar *)xpath->str, xctxt)) ||
        obj->type != XPATH_NODESET) {
        vshError(ctl, "%s", "Failed to parse domain description xml");
        goto cleanup;
    }
    if (!obj->nodesetval || obj->nodesetval->nodeNr == 0) {
        vshError(ctl, "%s", "no memory device found");
        goto cleanup;
    }
    if (obj->nodesetval->nodeNr > 1) {
        vshError(ctl, "%s", "multiple memory devices found, use --alias or --node to select one");
        goto cleanup;
    }
    mem = obj->nodesetval->nodeTab[0];
    if (vshCommandOptStringQuiet(cmd, "requested-size")) {
        unsigned long long bytes = 0;
        xmlNodePtr target = dxChild(mem, "target");
        xmlNodePtr requested = target ? dxChild(target, "requested") : NULL;
        g_autofree char *kib = NULL;

        if (vshCommandOptScaledInt(ctl, cmd, "requested-size", &bytes, 1024, G_MAXUINT64) < 0)
            goto cleanup;
        if (!requested) {
            vshError(ctl, "%s", "virtio-mem device is missing <requested/>");
            goto cleanup;
        }
        kib = g_strdup_printf("%llu", bytes / 1024 + (bytes % 1024 ? 1 : 0));
        xmlNodeSetContent(requested, (const xmlChar *)kib);
    }
    buf = xmlBufferCreate();
    if (!buf || xmlNodeDump(buf, doc, mem, 0, 0) < 0) {
        vshError(ctl, "%s", "Failed to create XML");
        goto cleanup;
    }
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", (const char *)xmlBufferContent(buf));
    } else if (virDomainUpdateDeviceFlags(dom, (const char *)xmlBufferContent(buf), flags) < 0) {
        goto cleanup;
    }
    ret = true;

 cleanup:
    if (buf)
        xmlBufferFree(buf);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xctxt);
    xmlFreeDoc(doc);
    return ret;
}

static const vshCmdDef cmds[] = {
    {.name = "blockjob", .handler = cmdBlockJob, .opts = opts_blockjob,
     .help = "Manage active block operations",
     .desc = "Query, adjust speed, or cancel active block operations."},
    {.name = "blockresize", .handler = cmdBlockResize, .opts = opts_blockresize,
     .help = "Resize block device of domain.",
     .desc = "Resize block device of domain."},
    {.name = "domblkthreshold", .handler = cmdDomBlkThreshold, .opts = opts_domblkthreshold,
     .help = "set the threshold for block-threshold event for a given block device or "
             "it's backing chain element",
     .desc = "set threshold for block-threshold event for a block device"},
    {.name = "domfsfreeze", .handler = cmdDomFSFreeze, .opts = opts_domfsfreeze,
     .help = "Freeze domain's mounted filesystems.",
     .desc = "Freeze domain's mounted filesystems."},
    {.name = "domfsinfo", .handler = cmdDomFSInfo, .opts = opts_domfsinfo,
     .help = "Get information of domain's mounted filesystems.",
     .desc = "Get information of domain's mounted filesystems."},
    {.name = "domfsthaw", .handler = cmdDomFSThaw, .opts = opts_domfsthaw,
     .help = "Thaw domain's mounted filesystems.",
     .desc = "Thaw domain's mounted filesystems."},
    {.name = "domfstrim", .handler = cmdDomFSTrim, .opts = opts_domfstrim,
     .help = "Invoke fstrim on domain's mounted filesystems.",
     .desc = "Invoke fstrim on domain's mounted filesystems."},
    {.name = "domlaunchsecinfo", .handler = cmdDomLaunchSecInfo, .opts = opts_domlaunchsecinfo,
     .help = "Get domain launch security info",
     .desc = "Get the launch security parameters for a guest domain"},
    {.name = "domsetlaunchsecstate", .handler = cmdDomSetLaunchSecState,
     .opts = opts_domsetlaunchsecstate,
     .help = "Set domain launch security state",
     .desc = "Set a secret in the guest domain's memory"},
    {.name = "dump", .handler = cmdDump, .opts = opts_dump,
     .help = "dump the core of a domain to a file for analysis",
     .desc = "Core dump a domain."},
    {.name = "get-user-sshkeys", .handler = cmdGetUserSSHKeys, .opts = opts_get_user_sshkeys,
     .help = "list authorized SSH keys for given user (via agent)",
     .desc = "Use the guest agent to query authorized SSH keys for given user"},
    {.name = "guest-agent-timeout", .handler = cmdGuestAgentTimeout,
     .opts = opts_guest_agent_timeout,
     .help = "Set the guest agent timeout",
     .desc = "Set the number of seconds to wait for a response from the guest agent."},
    {.name = "guestinfo", .handler = cmdGuestInfo, .opts = opts_guestinfo,
     .help = "query information about the guest (via agent)",
     .desc = "Use the guest agent to query various information from guest's point of view"},
    {.name = "domif-setlink", .handler = cmdDomIfSetLink, .opts = opts_domif_setlink,
     .help = "set link state of a virtual interface",
     .desc = "Set link state of a domain's virtual interface. This command wraps "
             "usage of update-device command."},
    {.name = "migrate-compcache", .handler = cmdMigrateCompCache, .opts = opts_migrate_compcache,
     .help = "get/set compression cache size",
     .desc = "Get/set size of the cache (in bytes) used for compressing repeatedly "
             "transferred memory pages during live migration."},
    {.name = "migrate-getmaxdowntime", .handler = cmdMigrateGetMaxDowntime,
     .opts = opts_migrate_getmaxdowntime,
     .help = "get maximum tolerable downtime",
     .desc = "Get maximum tolerable downtime of a domain which is being live-migrated "
             "to another host."},
    {.name = "migrate-getspeed", .handler = cmdMigrateGetSpeed, .opts = opts_migrate_getspeed,
     .help = "Get the maximum migration bandwidth",
     .desc = "Get the maximum migration bandwidth (in MiB/s) for a domain."},
    {.name = "migrate-postcopy", .handler = cmdMigratePostCopy, .opts = opts_migrate_postcopy,
     .help = "Switch running migration from pre-copy to post-copy",
     .desc = "Switch running migration from pre-copy to post-copy. The migration must "
             "have been started with --postcopy option."},
    {.name = "migrate-setmaxdowntime", .handler = cmdMigrateSetMaxDowntime,
     .opts = opts_migrate_setmaxdowntime,
     .help = "set maximum tolerable downtime",
     .desc = "Set maximum tolerable downtime of a domain which is being live-migrated "
             "to another host."},
    {.name = "migrate-setspeed", .handler = cmdMigrateSetSpeed, .opts = opts_migrate_setspeed,
     .help = "Set the maximum migration bandwidth",
     .desc = "Set the maximum migration bandwidth (in MiB/s) for a domain which is being "
             "migrated to another host."},
    {.name = "save-image-dumpxml", .handler = cmdSaveImageDumpXML,
     .opts = opts_save_image_dumpxml,
     .help = "saved state domain information in XML",
     .desc = "Dump XML of domain information for a saved state file to stdout."},
    {.name = "send-process-signal", .handler = cmdSendProcessSignal,
     .opts = opts_send_process_signal,
     .help = "Send signals to processes",
     .desc = "Send signals to processes in the guest"},
    {.name = "set-lifecycle-action", .handler = cmdSetLifecycleAction,
     .opts = opts_set_lifecycle_action,
     .help = "change lifecycle actions",
     .desc = "Change lifecycle actions for the guest domain."},
    {.name = "set-user-password", .handler = cmdSetUserPassword, .opts = opts_set_user_password,
     .help = "set the user password inside the domain",
     .desc = "changes the password of the specified user inside the domain"},
    {.name = "set-user-sshkeys", .handler = cmdSetUserSSHKeys, .opts = opts_set_user_sshkeys,
     .help = "manipulate authorized SSH keys file for given user (via agent)",
     .desc = "Append, reset or remove specified key from the authorized keys file for given user"},
    {.name = "ttyconsole", .handler = cmdTTYConsole, .opts = opts_ttyconsole,
     .help = "tty console", .desc = "Output the device for the TTY console."},
    {.name = "update-memory-device", .handler = cmdUpdateMemoryDevice,
     .opts = opts_update_memory_device,
     .help = "update memory device of a domain",
     .desc = "Update values of a memory device of a domain"},
    {.name = "vncdisplay", .handler = cmdVNCDisplay, .opts = opts_vncdisplay,
     .help = "vnc display",
     .desc = "Output the IP address and port number for the VNC display."},
    {.name = NULL},
};

const vshCmdTable virtkitDomainExtraTable = { "domain", cmds };
