/*
 * cmd-domain-extra.c: more of the 'domain' group: the VNC display, link
 * states, lifecycle actions, process signals and the guest's filesystems
 */
#include <errno.h>
#include <stdlib.h>
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

static const vshCmdDef cmds[] = {
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
    {.name = "domif-setlink", .handler = cmdDomIfSetLink, .opts = opts_domif_setlink,
     .help = "set link state of a virtual interface",
     .desc = "Set link state of a domain's virtual interface. This command wraps "
             "usage of update-device command."},
    {.name = "send-process-signal", .handler = cmdSendProcessSignal,
     .opts = opts_send_process_signal,
     .help = "Send signals to processes",
     .desc = "Send signals to processes in the guest"},
    {.name = "set-lifecycle-action", .handler = cmdSetLifecycleAction,
     .opts = opts_set_lifecycle_action,
     .help = "change lifecycle actions",
     .desc = "Change lifecycle actions for the guest domain."},
    {.name = "vncdisplay", .handler = cmdVNCDisplay, .opts = opts_vncdisplay,
     .help = "vnc display",
     .desc = "Output the IP address and port number for the VNC display."},
    {.name = NULL},
};

const vshCmdTable virtkitDomainExtraTable = { "domain", cmds };
