/*
 * cmd-device.c: the virsh 'domain' group's device commands: attaching,
 * detaching and updating devices, disks, interfaces and removable media
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "virtkit-cmds.h"

/* The largest XML file read for a device. */
#define DEV_MAX_XML_FILE (10 * 1024 * 1024)

#define DEV_OPT_DOMAIN \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = "domain name, id or uuid", .completer = VSH_COMPLETE_DOMAIN}
#define DEV_OPT_PERSISTENT {.name = "persistent", .type = VSH_OT_BOOL, .help = "make live change persistent"}
#define DEV_OPT_CONFIG {.name = "config", .type = VSH_OT_BOOL, .help = "affect next boot"}
#define DEV_OPT_LIVE {.name = "live", .type = VSH_OT_BOOL, .help = "affect running domain"}
#define DEV_OPT_CURRENT {.name = "current", .type = VSH_OT_BOOL, .help = "affect current domain"}

/* --current excludes --live, --config (and --persistent when the command
 * has it); the flags they select.  *ANY tells whether one was given. */
static bool
devAffectFlags(vshControl *ctl, const vshCmd *cmd, bool persistent, unsigned int *flags,
               bool *any)
{
    if ((persistent && !vshCommandOptExclusive(ctl, cmd, "persistent", "current")) ||
        !vshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !vshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (vshCommandOptBool(cmd, "config") || (persistent && vshCommandOptBool(cmd, "persistent")))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vshCommandOptBool(cmd, "live"))
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    *any = *flags || vshCommandOptBool(cmd, "current");
    return true;
}

/* --persistent on a running domain changes it live too. */
static void
devPersistentLive(const vshCmd *cmd, virDomainPtr dom, unsigned int *flags)
{
    if (vshCommandOptBool(cmd, "persistent") && virDomainIsActive(dom) == 1)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
}

/* ------------------------------------------------------------------ */
/* attach-device, detach-device, update-device, detach-device-alias   */

static const vshCmdOptDef opts_device_file[] = {
    DEV_OPT_DOMAIN,
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "XML file",
     .completer = VSH_COMPLETE_FILE},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = NULL},
};

static const vshCmdOptDef opts_update_device[] = {
    DEV_OPT_DOMAIN,
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "XML file",
     .completer = VSH_COMPLETE_FILE},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = "force", .type = VSH_OT_BOOL, .help = "force device update"},
    {.name = NULL},
};

typedef enum { DEV_ATTACH, DEV_DETACH, DEV_UPDATE } devAction;

static bool
devFromFile(vshControl *ctl, const vshCmd *cmd, devAction action)
{
    static const char *const failed[] = {
        "Failed to attach device from %s", "Failed to detach device from %s",
        "Failed to update device from %s",
    };
    static const char *const done[] = {
        "Device attached successfully\n", "Device detached successfully\n",
        "Device updated successfully\n",
    };
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *buffer = NULL;
    g_autoptr(GError) err = NULL;
    const char *from = NULL;
    unsigned int flags;
    bool any;
    gsize len = 0;
    int rc;

    if (!devAffectFlags(ctl, cmd, true, &flags, &any))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    devPersistentLive(cmd, dom, &flags);
    if (!g_file_get_contents(from, &buffer, &len, &err)) {
        vshError(ctl, "Failed to open file '%s': %s", from,
                 g_strerror(err->code == G_FILE_ERROR_NOENT ? ENOENT :
                            err->code == G_FILE_ERROR_ACCES ? EACCES :
                            err->code == G_FILE_ERROR_ISDIR ? EISDIR : EIO));
        return false;
    }
    if (len > DEV_MAX_XML_FILE) {
        vshError(ctl, "File '%s' is too large", from);
        return false;
    }
    switch (action) {
    case DEV_ATTACH:
        rc = any ? virDomainAttachDeviceFlags(dom, buffer, flags) : virDomainAttachDevice(dom, buffer);
        break;
    case DEV_DETACH:
        rc = any ? virDomainDetachDeviceFlags(dom, buffer, flags) : virDomainDetachDevice(dom, buffer);
        break;
    case DEV_UPDATE:
    default:
        if (vshCommandOptBool(cmd, "force"))
            flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
        rc = virDomainUpdateDeviceFlags(dom, buffer, flags);
        break;
    }
    if (rc < 0) {
        vshError(ctl, failed[action], from);
        return false;
    }
    vshPrintExtra(ctl, "%s", done[action]);
    return true;
}

static bool
cmdAttachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return devFromFile(ctl, cmd, DEV_ATTACH);
}

static bool
cmdDetachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return devFromFile(ctl, cmd, DEV_DETACH);
}

static bool
cmdUpdateDevice(vshControl *ctl, const vshCmd *cmd)
{
    return devFromFile(ctl, cmd, DEV_UPDATE);
}

static const vshCmdOptDef opts_detach_device_alias[] = {
    DEV_OPT_DOMAIN,
    {.name = "alias", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "device alias"},
    DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = NULL},
};

static bool
cmdDetachDeviceAlias(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *alias = NULL;
    unsigned int flags;
    bool any;

    if (!devAffectFlags(ctl, cmd, false, &flags, &any))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "alias", &alias) < 0)
        return false;
    if (virDomainDetachDeviceAlias(dom, alias, flags) < 0) {
        vshError(ctl, "Failed to detach device with alias %s", alias);
        return false;
    }
    vshPrintExtra(ctl, "%s", "Device detach request sent successfully\n");
    return true;
}

/* ------------------------------------------------------------------ */
/* attach-disk                                                        */

static const vshCmdOptDef opts_attach_disk[] = {
    DEV_OPT_DOMAIN,
    {.name = "source", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ | VSH_OFLAG_EMPTY_OK,
     .help = "source of disk device or name of network disk"},
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "target of disk device"},
    {.name = "targetbus", .type = VSH_OT_STRING, .help = "target bus of disk device"},
    {.name = "driver", .type = VSH_OT_STRING, .help = "driver of disk device"},
    {.name = "subdriver", .type = VSH_OT_STRING, .help = "subdriver of disk device"},
    {.name = "iothread", .type = VSH_OT_STRING, .help = "IOThread to be used by supported device"},
    {.name = "cache", .type = VSH_OT_STRING, .help = "cache mode of disk device"},
    {.name = "io", .type = VSH_OT_STRING, .help = "io policy of disk device"},
    {.name = "type", .type = VSH_OT_STRING, .help = "target device type"},
    {.name = "shareable", .type = VSH_OT_ALIAS, .help = "mode=shareable"},
    {.name = "mode", .type = VSH_OT_STRING, .help = "mode of device reading and writing"},
    {.name = "sourcetype", .type = VSH_OT_STRING, .help = "type of source (block|file|network)"},
    {.name = "serial", .type = VSH_OT_STRING, .help = "serial of disk device"},
    {.name = "wwn", .type = VSH_OT_STRING, .help = "wwn of disk device"},
    {.name = "alias", .type = VSH_OT_STRING, .help = "custom alias name of disk device"},
    {.name = "rawio", .type = VSH_OT_BOOL, .help = "needs rawio capability"},
    {.name = "address", .type = VSH_OT_STRING, .help = "address of disk device"},
    {.name = "multifunction", .type = VSH_OT_BOOL,
     .help = "use multifunction pci under specified address"},
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document rather than attach the disk"},
    {.name = "source-protocol", .type = VSH_OT_STRING, .help = "protocol used by disk device source"},
    {.name = "source-host-name", .type = VSH_OT_STRING, .help = "host name for source of disk device"},
    {.name = "source-host-transport", .type = VSH_OT_STRING,
     .help = "host transport for source of disk device"},
    {.name = "source-host-socket", .type = VSH_OT_STRING, .help = "host socket for source of disk device"},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = NULL},
};

/* Numbers separated by dots, each read in BASE: "0000.00.05.0". */
static bool
devParseNumbers(const char *text, int base, unsigned int *out, size_t n)
{
    const char *p = text;

    for (size_t i = 0; i < n; i++) {
        char *end = NULL;
        unsigned long v;

        if (!g_ascii_isxdigit(*p))
            return false;
        errno = 0;
        v = strtoul(p, &end, base);
        if (errno || end == p || v > UINT_MAX)
            return false;
        out[i] = v;
        if (i + 1 < n) {
            if (*end != '.')
                return false;
            p = end + 1;
        }
    }
    return true;
}

/* The <address/> of --address for a disk whose target is TARGET. */
static bool
devDiskAddress(vshControl *ctl, const char *address, const char *target, bool multifunction,
               GString *xml)
{
    unsigned int v[4];
    const char *colon = strchr(address, ':');
    g_autofree char *kind = NULL;
    const char *rest;

    if (!colon) {
        vshError(ctl, "%s", "Invalid address.");
        return false;
    }
    kind = g_strndup(address, colon - address);
    rest = colon + 1;
    if (g_str_has_prefix(target, "vd")) {
        if (strcmp(kind, "pci") == 0) {
            if (!devParseNumbers(rest, 16, v, 4))
                goto invalid;
            g_string_append_printf(xml, "  <address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%0x'",
                                   v[0], v[1], v[2], v[3]);
            if (multifunction)
                g_string_append(xml, " multifunction='on'");
            g_string_append(xml, "/>\n");
            return true;
        }
        if (strcmp(kind, "ccw") == 0) {
            if (!devParseNumbers(rest, 16, v, 3))
                goto invalid;
            g_string_append_printf(xml, "  <address type='ccw' cssid='0x%02x' ssid='0x%01x' devno='0x%04x'/>\n",
                                   v[0], v[1], v[2]);
            return true;
        }
        if (strcmp(kind, "scsi") == 0 || strcmp(kind, "ide") == 0 ||
            strcmp(kind, "usb") == 0 || strcmp(kind, "sata") == 0) {
            vshError(ctl, "%s", "expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
            return false;
        }
        goto invalid;
    }
    if (g_str_has_prefix(target, "sd")) {
        if (strcmp(kind, "scsi") == 0 || strcmp(kind, "sata") == 0) {
            if (!devParseNumbers(rest, 10, v, 3))
                goto invalid;
            g_string_append_printf(xml, "  <address type='drive' controller='%u' bus='%u' unit='%u'/>\n",
                                   v[0], v[1], v[2]);
            return true;
        }
        if (strcmp(kind, "usb") == 0) {
            if (!devParseNumbers(rest, 10, v, 2))
                goto invalid;
            g_string_append_printf(xml, "  <address type='usb' bus='%u' port='%u'/>\n", v[0], v[1]);
            return true;
        }
        if (strcmp(kind, "pci") == 0 || strcmp(kind, "ccw") == 0 || strcmp(kind, "ide") == 0) {
            vshError(ctl, "%s", "expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
            return false;
        }
        goto invalid;
    }
    if (g_str_has_prefix(target, "hd")) {
        if (strcmp(kind, "ide") == 0) {
            if (!devParseNumbers(rest, 10, v, 3))
                goto invalid;
            g_string_append_printf(xml, "  <address type='drive' controller='%u' bus='%u' unit='%u'/>\n",
                                   v[0], v[1], v[2]);
            return true;
        }
        if (strcmp(kind, "pci") == 0 || strcmp(kind, "ccw") == 0 || strcmp(kind, "scsi") == 0 ||
            strcmp(kind, "usb") == 0 || strcmp(kind, "sata") == 0) {
            vshError(ctl, "%s", "expecting an ide:00.00.00 address.");
            return false;
        }
        goto invalid;
    }
    if (strcmp(kind, "pci") == 0) {
        if (!devParseNumbers(rest, 16, v, 4))
            goto invalid;
        g_string_append_printf(xml, "  <address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%0x'",
                               v[0], v[1], v[2], v[3]);
        if (multifunction)
            g_string_append(xml, " multifunction='on'");
        g_string_append(xml, "/>\n");
        return true;
    }
    if (strcmp(kind, "ccw") == 0) {
        if (!devParseNumbers(rest, 16, v, 3))
            goto invalid;
        g_string_append_printf(xml, "  <address type='ccw' cssid='0x%02x' ssid='0x%01x' devno='0x%04x'/>\n",
                               v[0], v[1], v[2]);
        return true;
    }
    if (strcmp(kind, "scsi") == 0 || strcmp(kind, "sata") == 0 || strcmp(kind, "ide") == 0) {
        if (!devParseNumbers(rest, 10, v, 3))
            goto invalid;
        g_string_append_printf(xml, "  <address type='drive' controller='%u' bus='%u' unit='%u'/>\n",
                               v[0], v[1], v[2]);
        return true;
    }
    if (strcmp(kind, "usb") == 0) {
        if (!devParseNumbers(rest, 10, v, 2))
            goto invalid;
        g_string_append_printf(xml, "  <address type='usb' bus='%u' port='%u'/>\n", v[0], v[1]);
        return true;
    }

 invalid:
    vshError(ctl, "%s", "Invalid address.");
    return false;
}

/* "Option --NEED is required by option --BY" when BY is given alone. */
static bool
devRequire(vshControl *ctl, const vshCmd *cmd, const char *by, const char *need)
{
    if (vshCommandOptBool(cmd, by) && !vshCommandOptBool(cmd, need)) {
        vshError(ctl, "Option --%s is required by option --%s", need, by);
        return false;
    }
    return true;
}

static char *
devEscape(const char *s)
{
    return g_markup_escape_text(s, -1);
}

static bool
cmdAttachDisk(vshControl *ctl, const vshCmd *cmd)
{
    const char *source = vshCommandOptStringQuiet(cmd, "source");
    const char *target = vshCommandOptStringQuiet(cmd, "target");
    const char *targetbus = vshCommandOptStringQuiet(cmd, "targetbus");
    const char *driver = vshCommandOptStringQuiet(cmd, "driver");
    const char *subdriver = vshCommandOptStringQuiet(cmd, "subdriver");
    const char *iothread = vshCommandOptStringQuiet(cmd, "iothread");
    const char *cache = vshCommandOptStringQuiet(cmd, "cache");
    const char *io = vshCommandOptStringQuiet(cmd, "io");
    const char *type = vshCommandOptStringQuiet(cmd, "type");
    const char *mode = vshCommandOptStringQuiet(cmd, "mode");
    const char *stype = vshCommandOptStringQuiet(cmd, "sourcetype");
    const char *serial = vshCommandOptStringQuiet(cmd, "serial");
    const char *wwn = vshCommandOptStringQuiet(cmd, "wwn");
    const char *alias = vshCommandOptStringQuiet(cmd, "alias");
    const char *address = vshCommandOptStringQuiet(cmd, "address");
    const char *protocol = vshCommandOptStringQuiet(cmd, "source-protocol");
    const char *hostName = vshCommandOptStringQuiet(cmd, "source-host-name");
    const char *hostTransport = vshCommandOptStringQuiet(cmd, "source-host-transport");
    const char *hostSocket = vshCommandOptStringQuiet(cmd, "source-host-socket");
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags;
    bool any;
    int rc;

    if (!devAffectFlags(ctl, cmd, true, &flags, &any))
        return false;
    if (mode && strcmp(mode, "readonly") != 0 && strcmp(mode, "shareable") != 0) {
        vshError(ctl, "No support for %s in command 'attach-disk'", mode);
        return false;
    }
    if (!devRequire(ctl, cmd, "source-host-name", "source-protocol") ||
        !devRequire(ctl, cmd, "source-host-transport", "source-protocol") ||
        !devRequire(ctl, cmd, "source-host-socket", "source-protocol") ||
        !devRequire(ctl, cmd, "source-host-socket", "source-host-transport"))
        return false;
    if (wwn) {
        const char *w = g_str_has_prefix(wwn, "0x") ? wwn + 2 : wwn;
        size_t i;

        for (i = 0; w[i] && g_ascii_isxdigit(w[i]); i++)
            ;
        if (i != 16 || w[i]) {
            vshError(ctl, "internal error: Malformed wwn: %s", wwn);
            return false;
        }
    }
    if (protocol && stype && strcmp(stype, "network") != 0) {
        vshError(ctl, "%s", "--source-protocol option requires --sourcetype network");
        return false;
    }
    if (!stype)
        stype = protocol ? "network" : "file";
    if (strcmp(stype, "file") != 0 && strcmp(stype, "block") != 0 && strcmp(stype, "network") != 0) {
        vshError(ctl, "Unknown source type: '%s'", stype);
        return false;
    }

    g_string_append_printf(xml, "<disk type='%s'", stype);
    if (type)
        g_string_append_printf(xml, " device='%s'", type);
    if (vshCommandOptBool(cmd, "rawio"))
        g_string_append(xml, " rawio='yes'");
    g_string_append(xml, ">\n");
    if (driver || subdriver || iothread || cache || io) {
        g_string_append(xml, "  <driver");
        if (driver)
            g_string_append_printf(xml, " name='%s'", driver);
        if (subdriver)
            g_string_append_printf(xml, " type='%s'", subdriver);
        if (iothread)
            g_string_append_printf(xml, " iothread='%s'", iothread);
        if (cache)
            g_string_append_printf(xml, " cache='%s'", cache);
        if (io)
            g_string_append_printf(xml, " io='%s'", io);
        g_string_append(xml, "/>\n");
    }
    if (source) {
        g_autofree char *esc = devEscape(source);

        if (strcmp(stype, "file") == 0) {
            g_string_append_printf(xml, "  <source file='%s'/>\n", esc);
        } else if (strcmp(stype, "block") == 0) {
            g_string_append_printf(xml, "  <source dev='%s'/>\n", esc);
        } else {
            g_string_append(xml, "  <source");
            if (protocol)
                g_string_append_printf(xml, " protocol='%s'", protocol);
            g_string_append_printf(xml, " name='%s'", esc);
            if (hostName || hostTransport || hostSocket) {
                g_string_append(xml, ">\n    <host");
                if (hostName) {
                    g_autofree char *h = g_strdup(hostName);
                    char *port = strrchr(h, ':');

                    if (port)
                        *port++ = '\0';
                    g_string_append_printf(xml, " name='%s'", h);
                    if (port)
                        g_string_append_printf(xml, " port='%s'", port);
                }
                if (hostTransport)
                    g_string_append_printf(xml, " transport='%s'", hostTransport);
                if (hostSocket)
                    g_string_append_printf(xml, " socket='%s'", hostSocket);
                g_string_append(xml, "/>\n  </source>\n");
            } else {
                g_string_append(xml, "/>\n");
            }
        }
    }
    g_string_append_printf(xml, "  <target dev='%s'", target);
    if (targetbus)
        g_string_append_printf(xml, " bus='%s'", targetbus);
    g_string_append(xml, "/>\n");
    if (mode)
        g_string_append_printf(xml, "  <%s/>\n", mode);
    if (serial)
        g_string_append_printf(xml, "  <serial>%s</serial>\n", serial);
    if (alias)
        g_string_append_printf(xml, "  <alias name='%s'/>\n", alias);
    if (wwn)
        g_string_append_printf(xml, "  <wwn>%s</wwn>\n", wwn);
    if (address && !devDiskAddress(ctl, address, target, vshCommandOptBool(cmd, "multifunction"), xml))
        return false;
    g_string_append(xml, "</disk>\n");

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    devPersistentLive(cmd, dom, &flags);
    if (any)
        rc = virDomainAttachDeviceFlags(dom, xml->str, flags);
    else
        rc = virDomainAttachDevice(dom, xml->str);
    if (rc < 0) {
        vshError(ctl, "%s", "Failed to attach disk");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Disk attached successfully\n");
    return true;
}

/* ------------------------------------------------------------------ */
/* attach-interface                                                   */

static const vshCmdOptDef opts_attach_interface[] = {
    DEV_OPT_DOMAIN,
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "network interface type"},
    {.name = "source", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "source of network interface"},
    {.name = "target", .type = VSH_OT_STRING, .help = "target network name"},
    {.name = "mac", .type = VSH_OT_STRING, .help = "MAC address"},
    {.name = "script", .type = VSH_OT_STRING, .help = "script used to bridge network interface"},
    {.name = "model", .type = VSH_OT_STRING, .help = "model type"},
    {.name = "alias", .type = VSH_OT_STRING, .help = "custom alias name of interface device"},
    {.name = "inbound", .type = VSH_OT_STRING, .help = "control domain's incoming traffics"},
    {.name = "outbound", .type = VSH_OT_STRING, .help = "control domain's outgoing traffics"},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than attach the interface"},
    {.name = "managed", .type = VSH_OT_BOOL,
     .help = "libvirt will automatically detach/attach the device from/to host"},
    {.name = "source-mode", .type = VSH_OT_STRING, .help = "mode attribute of <source/> element"},
    {.name = NULL},
};

typedef struct {
    unsigned long long average, peak, burst, floor;
} devRate;

static bool
devParseRate(vshControl *ctl, const char *str, devRate *rate)
{
    g_auto(GStrv) tok = g_strsplit(str, ",", 0);
    unsigned long long *fields[] = { &rate->average, &rate->peak, &rate->burst, &rate->floor };
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    guint n = g_strv_length(tok);

    if (n > 4) {
        vshError(ctl, "Rate string '%s' has too many fields", str);
        return false;
    }
    for (guint i = 0; i < n; i++) {
        char *end = NULL;

        if (!*tok[i])
            continue;
        errno = 0;
        if (tok[i][strspn(tok[i], " \t")] == '-')
            goto bad;
        *fields[i] = strtoull(tok[i], &end, 10);
        if (errno || end == tok[i] || *end)
            goto bad;
        continue;
 bad:
        vshError(ctl, "field '%s' is malformed", names[i]);
        return false;
    }
    return true;
}

static void
devRateXML(GString *xml, const char *name, const devRate *r)
{
    g_string_append_printf(xml, "    <%s", name);
    if (r->average)
        g_string_append_printf(xml, " average='%llu'", r->average);
    if (r->peak)
        g_string_append_printf(xml, " peak='%llu'", r->peak);
    if (r->burst)
        g_string_append_printf(xml, " burst='%llu'", r->burst);
    if (r->floor)
        g_string_append_printf(xml, " floor='%llu'", r->floor);
    g_string_append(xml, "/>\n");
}

static bool
cmdAttachInterface(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = vshCommandOptStringQuiet(cmd, "type");
    const char *source = vshCommandOptStringQuiet(cmd, "source");
    const char *target = vshCommandOptStringQuiet(cmd, "target");
    const char *mac = vshCommandOptStringQuiet(cmd, "mac");
    const char *script = vshCommandOptStringQuiet(cmd, "script");
    const char *model = vshCommandOptStringQuiet(cmd, "model");
    const char *alias = vshCommandOptStringQuiet(cmd, "alias");
    const char *inbound = vshCommandOptStringQuiet(cmd, "inbound");
    const char *outbound = vshCommandOptStringQuiet(cmd, "outbound");
    const char *sourceMode = vshCommandOptStringQuiet(cmd, "source-mode");
    g_autoptr(GString) xml = g_string_new(NULL);
    devRate in = {0};
    devRate out = {0};
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags;
    bool any;
    int rc;

    if (!devAffectFlags(ctl, cmd, true, &flags, &any))
        return false;
    if (strcmp(type, "network") != 0 && strcmp(type, "bridge") != 0 &&
        strcmp(type, "direct") != 0 && strcmp(type, "hostdev") != 0 &&
        strcmp(type, "vhostuser") != 0) {
        vshError(ctl, "No support for %s in command 'attach-interface'", type);
        return false;
    }
    if (sourceMode && strcmp(sourceMode, "server") != 0 && strcmp(sourceMode, "client") != 0) {
        vshError(ctl, "Invalid source mode: %s", sourceMode);
        return false;
    }
    if (inbound) {
        if (!devParseRate(ctl, inbound, &in))
            return false;
        if (!in.average && !in.floor) {
            vshError(ctl, "%s", "either inbound average or floor is mandatory");
            return false;
        }
    }
    if (outbound) {
        if (!devParseRate(ctl, outbound, &out))
            return false;
        if (out.average == 0) {
            vshError(ctl, "%s", "outbound average is mandatory");
            return false;
        }
        if (out.floor) {
            vshError(ctl, "%s", "outbound floor is unsupported yet");
            return false;
        }
    }

    g_string_append_printf(xml, "<interface type='%s'", type);
    if (vshCommandOptBool(cmd, "managed"))
        g_string_append(xml, " managed='yes'");
    g_string_append(xml, ">\n");
    if (strcmp(type, "network") == 0) {
        g_string_append_printf(xml, "  <source network='%s'/>\n", source);
    } else if (strcmp(type, "bridge") == 0) {
        g_string_append_printf(xml, "  <source bridge='%s'/>\n", source);
    } else if (strcmp(type, "direct") == 0) {
        g_string_append_printf(xml, "  <source dev='%s'/>\n", source);
    } else if (strcmp(type, "hostdev") == 0) {
        unsigned int d, b, s, f;
        char tail;

        if (sscanf(source, "%x:%x:%x.%x%c", &d, &b, &s, &f, &tail) != 4) {
            vshError(ctl, "cannot parse pci address '%s' for network interface", source);
            return false;
        }
        g_string_append_printf(xml, "  <source>\n    <address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n  </source>\n",
                               d, b, s, f);
    } else {
        if (!sourceMode) {
            vshError(ctl, "%s", "source-mode is mandatory");
            return false;
        }
        g_string_append_printf(xml, "  <source type='unix' path='%s' mode='%s'/>\n", source, sourceMode);
    }
    if (target)
        g_string_append_printf(xml, "  <target dev='%s'/>\n", target);
    if (mac)
        g_string_append_printf(xml, "  <mac address='%s'/>\n", mac);
    if (script)
        g_string_append_printf(xml, "  <script path='%s'/>\n", script);
    if (model)
        g_string_append_printf(xml, "  <model type='%s'/>\n", model);
    if (alias)
        g_string_append_printf(xml, "  <alias name='%s'/>\n", alias);
    if (inbound || outbound) {
        g_string_append(xml, "  <bandwidth>\n");
        if (inbound)
            devRateXML(xml, "inbound", &in);
        if (outbound)
            devRateXML(xml, "outbound", &out);
        g_string_append(xml, "  </bandwidth>\n");
    }
    g_string_append(xml, "</interface>\n");

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    devPersistentLive(cmd, dom, &flags);
    if (any)
        rc = virDomainAttachDeviceFlags(dom, xml->str, flags);
    else
        rc = virDomainAttachDevice(dom, xml->str);
    if (rc != 0) {
        vshError(ctl, "%s", "Failed to attach interface");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Interface attached successfully\n");
    return true;
}

/* ------------------------------------------------------------------ */
/* Finding a device in the domain's XML                               */

typedef struct {
    xmlDocPtr doc;
} devXML;

static void
devXMLClear(devXML *x)
{
    if (x->doc)
        xmlFreeDoc(x->doc);
    x->doc = NULL;
}

/* The domain's XML (inactive when FLAGS asks for the config only). */
static bool
devGetXML(virDomainPtr dom, unsigned int flags, devXML *x)
{
    g_autofree char *desc = NULL;
    unsigned int xmlflags = 0;

    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) ||
        (!(flags & VIR_DOMAIN_AFFECT_LIVE) && virDomainIsActive(dom) != 1))
        xmlflags |= VIR_DOMAIN_XML_INACTIVE;
    if (!(desc = virDomainGetXMLDesc(dom, xmlflags)))
        return false;
    x->doc = xmlReadMemory(desc, strlen(desc), "domain.xml", NULL, XML_PARSE_NONET);
    return x->doc != NULL;
}

static xmlNodePtr
devChild(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    }
    return NULL;
}

static bool
devAttrEqual(xmlNodePtr node, const char *attr, const char *value)
{
    xmlChar *v;
    bool eq;

    if (!node || !(v = xmlGetProp(node, BAD_CAST attr)))
        return false;
    eq = strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return eq;
}

/* The <disk> whose target or source is PATH; CHANGEABLE only CD-ROMs
 * and floppies. */
static xmlNodePtr
devFindDisk(vshControl *ctl, xmlDocPtr doc, const char *path, bool changeable)
{
    xmlNodePtr devices = devChild(xmlDocGetRootElement(doc), "devices");

    for (xmlNodePtr d = devices ? devices->children : NULL; d; d = d->next) {
        xmlNodePtr source;

        if (d->type != XML_ELEMENT_NODE || !xmlStrEqual(d->name, BAD_CAST "disk"))
            continue;
        if (changeable && !devAttrEqual(d, "device", "cdrom") && !devAttrEqual(d, "device", "floppy"))
            continue;
        if (devAttrEqual(devChild(d, "target"), "dev", path))
            return d;
        source = devChild(d, "source");
        if (devAttrEqual(source, "file", path) || devAttrEqual(source, "dev", path) ||
            devAttrEqual(source, "dir", path) || devAttrEqual(source, "name", path) ||
            devAttrEqual(source, "volume", path))
            return d;
    }
    vshError(ctl, "No disk found whose source path or target is %s", path);
    return NULL;
}

static char *
devNodeString(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(buf, doc, node, 0, 0);
    ret = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

/* ------------------------------------------------------------------ */
/* detach-disk, detach-interface                                      */

static const vshCmdOptDef opts_detach_disk[] = {
    DEV_OPT_DOMAIN,
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "target of disk device"},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document rather than detach the disk"},
    {.name = NULL},
};

static bool
cmdDetachDisk(vshControl *ctl, const vshCmd *cmd)
{
    g_auto(GStrv) none = NULL;
    devXML x = { NULL };
    g_autofree char *xml = NULL;
    const char *target = NULL;
    g_autoptr(virDomain) dom = NULL;
    xmlNodePtr disk;
    unsigned int flags;
    bool any;
    bool ret = false;
    int rc;

    if (!devAffectFlags(ctl, cmd, true, &flags, &any))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "target", &target) < 0)
        return false;
    devPersistentLive(cmd, dom, &flags);
    if (!devGetXML(dom, flags, &x))
        goto cleanup;
    if (!(disk = devFindDisk(ctl, x.doc, target, false)))
        goto cleanup;
    xml = devNodeString(x.doc, disk);
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        ret = true;
        goto cleanup;
    }
    if (any)
        rc = virDomainDetachDeviceFlags(dom, xml, flags);
    else
        rc = virDomainDetachDevice(dom, xml);
    if (rc != 0) {
        vshError(ctl, "%s", "Failed to detach disk");
        goto cleanup;
    }
    vshPrintExtra(ctl, "%s", "Disk detached successfully\n");
    ret = true;

 cleanup:
    devXMLClear(&x);
    return ret;
}

static const vshCmdOptDef opts_detach_interface[] = {
    DEV_OPT_DOMAIN,
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "network interface type"},
    {.name = "mac", .type = VSH_OT_STRING, .help = "MAC address"},
    DEV_OPT_PERSISTENT, DEV_OPT_CONFIG, DEV_OPT_LIVE, DEV_OPT_CURRENT,
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than detach the interface"},
    {.name = NULL},
};

static bool
devMacEqual(const char *a, const char *b)
{
    return g_ascii_strcasecmp(a, b) == 0;
}

static bool
devDetachInterface(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom, unsigned int flags,
                   bool any)
{
    const char *type = vshCommandOptStringQuiet(cmd, "type");
    const char *mac = vshCommandOptStringQuiet(cmd, "mac");
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    g_autofree char *xml = NULL;
    devXML x = { NULL };
    xmlNodePtr devices;
    xmlNodePtr match = NULL;
    bool ret = false;
    int rc;

    if (!devGetXML(dom, flags, &x))
        goto cleanup;
    devices = devChild(xmlDocGetRootElement(x.doc), "devices");
    for (xmlNodePtr n = devices ? devices->children : NULL; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "interface") &&
            devAttrEqual(n, "type", type))
            g_ptr_array_add(found, n);
    }
    if (found->len == 0) {
        if (mac)
            vshError(ctl, "No interface with MAC address %s was found", mac);
        else
            vshError(ctl, "No interface found whose type is %s", type);
        goto cleanup;
    }
    if (!mac) {
        if (found->len > 1) {
            vshError(ctl, "Domain has %u interfaces. Please specify which one to detach using --mac",
                     found->len);
            goto cleanup;
        }
        match = found->pdata[0];
    } else {
        for (guint i = 0; i < found->len && !match; i++) {
            xmlNodePtr m = devChild(found->pdata[i], "mac");
            xmlChar *addr = m ? xmlGetProp(m, BAD_CAST "address") : NULL;

            if (addr && devMacEqual((const char *)addr, mac))
                match = found->pdata[i];
            if (addr)
                xmlFree(addr);
        }
        if (!match) {
            vshError(ctl, "No interface with MAC address %s was found", mac);
            goto cleanup;
        }
    }
    xml = devNodeString(x.doc, match);
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        ret = true;
        goto cleanup;
    }
    if (any)
        rc = virDomainDetachDeviceFlags(dom, xml, flags);
    else
        rc = virDomainDetachDevice(dom, xml);
    ret = rc == 0;

 cleanup:
    devXMLClear(&x);
    return ret;
}

static bool
cmdDetachInterface(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    unsigned int flags;
    bool any;

    if (!devAffectFlags(ctl, cmd, true, &flags, &any))
        return false;
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    devPersistentLive(cmd, dom, &flags);
    if (!devDetachInterface(ctl, cmd, dom, flags, any)) {
        vshError(ctl, "%s", "Failed to detach interface");
        return false;
    }
    if (!vshCommandOptBool(cmd, "print-xml"))
        vshPrintExtra(ctl, "%s", "Interface detached successfully\n");
    return true;
}

/* ------------------------------------------------------------------ */
/* change-media                                                       */

static const vshCmdOptDef opts_change_media[] = {
    DEV_OPT_DOMAIN,
    {.name = "path", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "Fully-qualified path or target of disk device"},
    {.name = "source", .type = VSH_OT_STRING, .help = "source of the media"},
    {.name = "eject", .type = VSH_OT_BOOL, .help = "Eject the media"},
    {.name = "insert", .type = VSH_OT_BOOL, .help = "Insert the media"},
    {.name = "update", .type = VSH_OT_BOOL, .help = "Update the media"},
    {.name = "current", .type = VSH_OT_BOOL,
     .help = "can be either or both of --live and --config, depends on implementation hypervisor driver"},
    {.name = "live", .type = VSH_OT_BOOL, .help = "alter live configuration of running domain"},
    {.name = "config", .type = VSH_OT_BOOL, .help = "alter persistent configuration, effect observed on next boot"},
    {.name = "force", .type = VSH_OT_BOOL, .help = "force media changing"},
    {.name = "print-xml", .type = VSH_OT_BOOL, .help = "print XML document rather than change media"},
    {.name = "block", .type = VSH_OT_BOOL, .help = "source media is a block device"},
    {.name = NULL},
};

static bool
cmdChangeMedia(vshControl *ctl, const vshCmd *cmd)
{
    bool eject = vshCommandOptBool(cmd, "eject");
    bool insert = vshCommandOptBool(cmd, "insert");
    bool update = vshCommandOptBool(cmd, "update");
    bool block = vshCommandOptBool(cmd, "block");
    const char *path = NULL;
    const char *source = NULL;
    const char *action;
    const char *done;
    g_autofree char *xml = NULL;
    devXML x = { NULL };
    g_autoptr(virDomain) dom = NULL;
    xmlNodePtr disk;
    xmlNodePtr old;
    xmlNodePtr target;
    unsigned int flags;
    bool any;
    bool ret = false;

    if (!vshCommandOptExclusive(ctl, cmd, "eject", "insert") ||
        !vshCommandOptExclusive(ctl, cmd, "eject", "update") ||
        !vshCommandOptExclusive(ctl, cmd, "insert", "update") ||
        !vshCommandOptExclusive(ctl, cmd, "eject", "block") ||
        !devAffectFlags(ctl, cmd, false, &flags, &any))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    /* a source given alone means --update */
    if (!eject && !insert && !update)
        update = true;
    /* ejecting ignores a source; updating to no source ejects */
    if (eject)
        source = NULL;
    if (update && !source) {
        update = false;
        eject = true;
    }
    if (insert && !source) {
        vshError(ctl, "%s", "New disk media source was not specified");
        return false;
    }
    if (!(dom = virtkitCommandOptDomain(ctl, cmd, NULL, NULL)))
        return false;
    if (vshCommandOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    if (eject) {
        action = "eject";
        done = "Successfully ejected media.";
    } else if (insert) {
        action = "insert";
        done = "Successfully inserted media.";
    } else {
        action = "update";
        done = "Successfully updated media.";
    }
    if (vshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (!devGetXML(dom, flags, &x))
        goto cleanup;
    if (!(disk = devFindDisk(ctl, x.doc, path, true)))
        goto cleanup;
    old = devChild(disk, "source");
    if (eject && !old) {
        vshError(ctl, "The disk device '%s' doesn't have media", path);
        goto cleanup;
    }
    if (insert && old) {
        vshError(ctl, "The disk device '%s' already has media", path);
        goto cleanup;
    }
    if (old) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (source) {
        xmlNodePtr node = xmlNewNode(NULL, BAD_CAST "source");

        xmlSetProp(disk, BAD_CAST "type", BAD_CAST (block ? "block" : "file"));
        xmlNewProp(node, BAD_CAST (block ? "dev" : "file"), BAD_CAST source);
        if ((target = devChild(disk, "target"))) {
            xmlNodePtr prev = target->prev;

            xmlAddPrevSibling(target, node);
            if (prev && prev->type == XML_TEXT_NODE)
                xmlAddPrevSibling(target, xmlNewText(prev->content));
        } else {
            xmlAddChild(disk, node);
        }
    }
    xml = devNodeString(x.doc, disk);
    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        ret = true;
        goto cleanup;
    }
    if (virDomainUpdateDeviceFlags(dom, xml, flags) != 0) {
        vshError(ctl, "Failed to complete action %s on media", action);
        goto cleanup;
    }
    vshPrint(ctl, "%s\n", done);
    ret = true;

 cleanup:
    devXMLClear(&x);
    return ret;
}

/* ------------------------------------------------------------------ */


static const vshCmdDef cmds[] = {
    {.name = "attach-device", .handler = cmdAttachDevice, .opts = opts_device_file,
     .help = "attach device from an XML file", .desc = "Attach device from an XML <file>."},
    {.name = "attach-disk", .handler = cmdAttachDisk, .opts = opts_attach_disk,
     .help = "attach disk device", .desc = "Attach new disk device."},
    {.name = "attach-interface", .handler = cmdAttachInterface, .opts = opts_attach_interface,
     .help = "attach network interface", .desc = "Attach new network interface."},
    {.name = "change-media", .handler = cmdChangeMedia, .opts = opts_change_media,
     .help = "Change media of CD or floppy drive", .desc = "Change media of CD or floppy drive."},
    {.name = "detach-device", .handler = cmdDetachDevice, .opts = opts_device_file,
     .help = "detach device from an XML file", .desc = "Detach device from an XML <file>"},
    {.name = "detach-device-alias", .handler = cmdDetachDeviceAlias, .opts = opts_detach_device_alias,
     .help = "detach device from an alias",
     .desc = "Detach device identified by the given alias from a domain"},
    {.name = "detach-disk", .handler = cmdDetachDisk, .opts = opts_detach_disk,
     .help = "detach disk device", .desc = "Detach disk device."},
    {.name = "detach-interface", .handler = cmdDetachInterface, .opts = opts_detach_interface,
     .help = "detach network interface", .desc = "Detach network interface."},
    {.name = "update-device", .handler = cmdUpdateDevice, .opts = opts_update_device,
     .help = "update device from an XML file", .desc = "Update device from an XML <file>."},
    {.name = NULL},
};

const vshCmdTable virtkitDeviceTable = { "domain", cmds };
