/*
 * cmd-event.c: the virsh 'events' group: waiting for domain events
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "virtkit-cmds.h"

#define NULLSTR_EMPTY(s) ((s) ? (s) : "")
#define NULLSTR_NONE(s) ((s) ? (s) : "(none)")

/* The domain event kinds, in their VIR_DOMAIN_EVENT_ID_* order, by the
 * names `event --event` takes. */
static const char *const eventNames[] = {
    "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics",
    "io-error-reason", "control-error", "block-job", "disk-change", "tray-change",
    "pm-wakeup", "pm-suspend", "balloon-change", "pm-suspend-disk", "device-removed",
    "block-job-2", "tunable", "agent-lifecycle", "device-added", "migration-iteration",
    "job-completed", "device-removal-failed", "metadata-change", "block-threshold",
    "memory-failure", "memory-device-size-change",
};
#define EVENT_KINDS ((int)G_N_ELEMENTS(eventNames))
G_STATIC_ASSERT(G_N_ELEMENTS(eventNames) == VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1);

static const char *
eventLifecycleType(int event)
{
    static const char *const types[] = {
        "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped",
        "Shutdown", "PMSuspended", "Crashed",
    };

    return event >= 0 && event < (int)G_N_ELEMENTS(types) ? types[event] : "unknown";
}

static const char *
eventLifecycleDetail(int event, int detail)
{
    static const char *const defined[] = { "Added", "Updated", "Renamed", "Snapshot" };
    static const char *const undefined[] = { "Removed", "Renamed" };
    static const char *const started[] = {
        "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup", "Recreated",
    };
    static const char *const suspended[] = {
        "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot",
        "API error", "Post-copy", "Post-copy Error",
    };
    static const char *const resumed[] = {
        "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error",
    };
    static const char *const stopped[] = {
        "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot",
        "Daemon",
    };
    static const char *const shutdown[] = { "Finished", "Finished after guest request",
                                             "Finished after host request" };
    static const char *const pmsuspended[] = { "Memory", "Disk" };
    static const char *const crashed[] = { "Core Dump", "Crashed" };
    const char *const *names = NULL;
    size_t n = 0;

#define EVENT_DETAILS(a) do { names = a; n = G_N_ELEMENTS(a); } while (0)
    switch (event) {
    case VIR_DOMAIN_EVENT_DEFINED: EVENT_DETAILS(defined); break;
    case VIR_DOMAIN_EVENT_UNDEFINED: EVENT_DETAILS(undefined); break;
    case VIR_DOMAIN_EVENT_STARTED: EVENT_DETAILS(started); break;
    case VIR_DOMAIN_EVENT_SUSPENDED: EVENT_DETAILS(suspended); break;
    case VIR_DOMAIN_EVENT_RESUMED: EVENT_DETAILS(resumed); break;
    case VIR_DOMAIN_EVENT_STOPPED: EVENT_DETAILS(stopped); break;
    case VIR_DOMAIN_EVENT_SHUTDOWN: EVENT_DETAILS(shutdown); break;
    case VIR_DOMAIN_EVENT_PMSUSPENDED: EVENT_DETAILS(pmsuspended); break;
    case VIR_DOMAIN_EVENT_CRASHED: EVENT_DETAILS(crashed); break;
    }
#undef EVENT_DETAILS
    return detail >= 0 && (size_t)detail < n ? names[detail] : "unknown";
}

static int
eventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
               void *opaque)
{
    g_autofree char *text = g_strdup_printf("event 'lifecycle' for domain '%s': %s %s\n",
                                            virDomainGetName(dom), eventLifecycleType(event),
                                            eventLifecycleDetail(event, detail));

    virtkitEventPrint(opaque, "%s", text);
    return 0;
}

/* One callback per kind, each with the arguments libvirt passes it. */
#define EVENT_STR(arr, i) \
    ((i) >= 0 && (size_t)(i) < G_N_ELEMENTS(arr) ? arr[(i)] : "unknown")
#define EVENT_OUT(st, ...) virtkitEventPrint(st, __VA_ARGS__)

static void
eventSimple(virtkitEventWait *st, const char *kind, virDomainPtr dom)
{
    EVENT_OUT(st, "event '%s' for domain '%s'\n", kind, virDomainGetName(dom));
}

static char *
eventParams(virTypedParameterPtr params, int nparams)
{
    GString *out = g_string_new(NULL);
    int i;

    for (i = 0; i < nparams; i++) {
        virTypedParameterPtr p = &params[i];

        g_string_append_printf(out, "\t%s: ", p->field);
        switch (p->type) {
        case VIR_TYPED_PARAM_INT: g_string_append_printf(out, "%d", p->value.i); break;
        case VIR_TYPED_PARAM_UINT: g_string_append_printf(out, "%u", p->value.ui); break;
        case VIR_TYPED_PARAM_LLONG: g_string_append_printf(out, "%lld", p->value.l); break;
        case VIR_TYPED_PARAM_ULLONG: g_string_append_printf(out, "%llu", p->value.ul); break;
        case VIR_TYPED_PARAM_DOUBLE: g_string_append_printf(out, "%f", p->value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: g_string_append(out, p->value.b ? "yes" : "no"); break;
        case VIR_TYPED_PARAM_STRING: g_string_append(out, p->value.s); break;
        }
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

static void
evReboot(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, void *st)
{
    eventSimple(st, "reboot", dom);
}

static void
evRTC(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, long long offset, void *st)
{
    EVENT_OUT(st, "event 'rtc-change' for domain '%s': %lld\n", virDomainGetName(dom), offset);
}

static const char *const watchdogActions[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};
static const char *const ioErrorActions[] = { "none", "pause", "report" };

static void
evWatchdog(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int action, void *st)
{
    EVENT_OUT(st, "event 'watchdog' for domain '%s': %s\n", virDomainGetName(dom),
              EVENT_STR(watchdogActions, action));
}

static void
evIOError(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *path,
          const char *alias, int action, void *st)
{
    EVENT_OUT(st, "event 'io-error' for domain '%s': %s (%s) %s\n", virDomainGetName(dom),
              path, alias, EVENT_STR(ioErrorActions, action));
}

static void
evGraphics(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int phase,
           const virDomainEventGraphicsAddress *local,
           const virDomainEventGraphicsAddress *remote, const char *scheme,
           const virDomainEventGraphicsSubject *subject, void *st)
{
    static const char *const phases[] = { "connect", "initialize", "disconnect" };
    static const char *const families[] = { "ipv4", "ipv6", "unix" };
    g_autoptr(GString) text = g_string_new(NULL);
    int i;

    g_string_append_printf(text, "event 'graphics' for domain '%s': %s local[%s %s %s] "
                           "remote[%s %s %s] %s", virDomainGetName(dom),
                           EVENT_STR(phases, phase), EVENT_STR(families, local->family),
                           local->node, local->service, EVENT_STR(families, remote->family),
                           remote->node, remote->service, scheme);
    for (i = 0; subject && i < subject->nidentity; i++)
        g_string_append_printf(text, " %s=%s", subject->identities[i].type,
                               subject->identities[i].name);
    g_string_append_c(text, '\n');
    virtkitEventPrint(st, "%s", text->str);
}

static void
evIOErrorReason(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *path,
                const char *alias, int action, const char *reason, void *st)
{
    EVENT_OUT(st, "event 'io-error-reason' for domain '%s': %s (%s) %s due to %s\n",
              virDomainGetName(dom), path, alias, EVENT_STR(ioErrorActions, action), reason);
}

static void
evControlError(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, void *st)
{
    eventSimple(st, "control-error", dom);
}

static void
eventBlockJob(virtkitEventWait *st, const char *kind, virDomainPtr dom, const char *disk,
              int type, int status)
{
    static const char *const types[] = {
        "unknown", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit",
        "Backup",
    };
    static const char *const statuses[] = { "completed", "failed", "canceled", "ready" };

    EVENT_OUT(st, "event '%s' for domain '%s': %s for %s %s\n", kind, virDomainGetName(dom),
              EVENT_STR(types, type), disk, EVENT_STR(statuses, status));
}

static void
evBlockJob(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *disk, int type,
           int status, void *st)
{
    eventBlockJob(st, "block-job", dom, disk, type, status);
}

static void
evBlockJob2(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *disk, int type,
            int status, void *st)
{
    eventBlockJob(st, "block-job-2", dom, disk, type, status);
}

static void
evDiskChange(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *oldPath,
             const char *newPath, const char *alias, int reason, void *st)
{
    static const char *const reasons[] = { "missing on start", "dropped" };

    EVENT_OUT(st, "event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n",
              virDomainGetName(dom), alias, NULLSTR_EMPTY(oldPath), NULLSTR_EMPTY(newPath),
              EVENT_STR(reasons, reason));
}

static void
evTrayChange(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
             int reason, void *st)
{
    static const char *const reasons[] = { "opened", "closed" };

    EVENT_OUT(st, "event 'tray-change' for domain '%s' disk %s: %s\n", virDomainGetName(dom),
              alias, EVENT_STR(reasons, reason));
}

static void
evPMWakeup(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int reason G_GNUC_UNUSED, void *st)
{
    eventSimple(st, "pm-wakeup", dom);
}

static void
evPMSuspend(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int reason G_GNUC_UNUSED, void *st)
{
    eventSimple(st, "pm-suspend", dom);
}

static void
evPMSuspendDisk(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int reason G_GNUC_UNUSED,
                void *st)
{
    eventSimple(st, "pm-suspend-disk", dom);
}

static void
evBalloon(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, unsigned long long actual, void *st)
{
    EVENT_OUT(st, "event 'balloon-change' for domain '%s': %lluKiB\n", virDomainGetName(dom),
              actual);
}

static void
evDeviceRemoved(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *alias, void *st)
{
    EVENT_OUT(st, "event 'device-removed' for domain '%s': %s\n", virDomainGetName(dom), alias);
}

static void
evDeviceAdded(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *alias, void *st)
{
    EVENT_OUT(st, "event 'device-added' for domain '%s' %s\n", virDomainGetName(dom), alias);
}

static void
evDeviceRemovalFailed(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
                      void *st)
{
    EVENT_OUT(st, "event 'device-removal-failed' for domain '%s': %s\n",
              virDomainGetName(dom), alias);
}

static void
evTunable(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, virTypedParameterPtr params,
          int nparams, void *st)
{
    g_autofree char *list = eventParams(params, nparams);

    EVENT_OUT(st, "event 'tunable' for domain '%s':\n%s", virDomainGetName(dom), list);
}

static void
evJobCompleted(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, virTypedParameterPtr params,
               int nparams, void *st)
{
    g_autofree char *list = eventParams(params, nparams);

    EVENT_OUT(st, "event 'job-completed' for domain '%s':\n%s", virDomainGetName(dom), list);
}

static void
evAgentLifecycle(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int state, int reason,
                 void *st)
{
    static const char *const states[] = { "unknown", "connected", "disconnected" };
    static const char *const reasons[] = { "unknown", "domain started", "channel event" };

    EVENT_OUT(st, "event 'agent-lifecycle' for domain '%s': state: '%s' reason: '%s'\n",
              virDomainGetName(dom), EVENT_STR(states, state), EVENT_STR(reasons, reason));
}

static void
evMigrationIteration(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int iteration, void *st)
{
    EVENT_OUT(st, "event 'migration-iteration' for domain '%s': iteration: '%d'\n",
              virDomainGetName(dom), iteration);
}

static void
evMetadataChange(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int type,
                 const char *nsuri, void *st)
{
    static const char *const types[] = { "description", "title", "element" };

    EVENT_OUT(st, "event 'metadata-change' for domain '%s': type %s, uri %s\n",
              virDomainGetName(dom), EVENT_STR(types, type), NULLSTR_NONE(nsuri));
}

static void
evBlockThreshold(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *dev,
                 const char *path, unsigned long long threshold, unsigned long long excess,
                 void *st)
{
    EVENT_OUT(st, "event 'block-threshold' for domain '%s': dev: %s(%s) %llu %llu\n",
              virDomainGetName(dom), dev, NULLSTR_EMPTY(path), threshold, excess);
}

static void
evMemoryFailure(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, int recipient, int action,
                unsigned int flags, void *st)
{
    static const char *const recipients[] = { "hypervisor", "guest" };
    static const char *const actions[] = { "ignore", "inject", "fatal", "reset" };

    EVENT_OUT(st, "event 'memory-failure' for domain '%s':\nrecipient: %s\naction: %s\n"
              "flags:\n\taction required: %d\n\trecursive: %d\n", virDomainGetName(dom),
              EVENT_STR(recipients, recipient), EVENT_STR(actions, action),
              !!(flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED),
              !!(flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
}

static void
evMemoryDeviceSize(virConnectPtr c G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
                   unsigned long long size, void *st)
{
    EVENT_OUT(st, "event 'memory-device-size-change' for domain '%s':\nalias: %s\nsize: %llu\n",
              virDomainGetName(dom), alias, size);
}

#define EVENT_CB(f) ((virConnectDomainEventGenericCallback)(void (*)(void))(f))

/* The callbacks, in the order of eventNames. */
static const virConnectDomainEventGenericCallback eventCallbacks[] = {
    EVENT_CB(eventLifecycle), EVENT_CB(evReboot), EVENT_CB(evRTC), EVENT_CB(evWatchdog),
    EVENT_CB(evIOError), EVENT_CB(evGraphics), EVENT_CB(evIOErrorReason),
    EVENT_CB(evControlError), EVENT_CB(evBlockJob), EVENT_CB(evDiskChange),
    EVENT_CB(evTrayChange), EVENT_CB(evPMWakeup), EVENT_CB(evPMSuspend), EVENT_CB(evBalloon),
    EVENT_CB(evPMSuspendDisk), EVENT_CB(evDeviceRemoved), EVENT_CB(evBlockJob2),
    EVENT_CB(evTunable), EVENT_CB(evAgentLifecycle), EVENT_CB(evDeviceAdded),
    EVENT_CB(evMigrationIteration), EVENT_CB(evJobCompleted), EVENT_CB(evDeviceRemovalFailed),
    EVENT_CB(evMetadataChange), EVENT_CB(evBlockThreshold), EVENT_CB(evMemoryFailure),
    EVENT_CB(evMemoryDeviceSize),
};
G_STATIC_ASSERT(G_N_ELEMENTS(eventCallbacks) == G_N_ELEMENTS(eventNames));

static const vshCmdOptDef opts_event[] = {
    {.name = "domain", .type = VSH_OT_STRING, .help = "filter by domain name, id or uuid",
     .completer = VSH_COMPLETE_DOMAIN},
    {.name = "event", .type = VSH_OT_STRING, .help = "which event type to wait for"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "wait for all events instead of just one type"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    {.name = NULL},
};

static bool
cmdEvent(vshControl *ctl, const vshCmd *cmd)
{
    virtkitEventWait st = { .ctl = ctl };
    int ids[EVENT_KINDS];
    g_autoptr(virDomain) dom = NULL;
    const char *eventName = NULL;
    bool all = vshCommandOptBool(cmd, "all");
    virConnectPtr conn;
    int timeout = 0, rc, first = 0, last = 0, i;
    bool ok = true;

    if (!vshCommandOptExclusive(ctl, cmd, "list", "all") ||
        !vshCommandOptExclusive(ctl, cmd, "list", "event") ||
        !vshCommandOptExclusive(ctl, cmd, "all", "event"))
        return false;
    if (vshCommandOptBool(cmd, "list")) {
        for (i = 0; i < EVENT_KINDS; i++)
            vshPrint(ctl, "%s\n", eventNames[i]);
        return true;
    }
    if (vshCommandOptStringReq(ctl, cmd, "event", &eventName) < 0)
        return false;
    if (eventName) {
        for (i = 0; i < EVENT_KINDS; i++) {
            if (g_str_equal(eventName, eventNames[i]))
                break;
        }
        if (i == EVENT_KINDS) {
            vshError(ctl, "unknown event type %s", eventName);
            return false;
        }
        first = i;
        last = i + 1;
    } else if (all) {
        first = 0;
        last = EVENT_KINDS;
    } else {
        vshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return false;
    }
    st.loop = vshCommandOptBool(cmd, "loop");
    st.timestamp = vshCommandOptBool(cmd, "timestamp");
    if ((rc = vshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0 && (timeout <= 0 || timeout > INT_MAX / 1000)) {
        vshError(ctl, "Numeric value '%s' for <timeout> option is malformed or out of range",
                 vshCommandOptStringQuiet(cmd, "timeout"));
        return false;
    }
    if (vshCommandOptStringQuiet(cmd, "domain") &&
        !(dom = virtkitCommandOptDomain(ctl, cmd, "domain", NULL)))
        return false;
    if (virEventRegisterDefaultImpl() < 0)
        return false;
    if (!(conn = vshConnection(ctl)))
        return false;

    for (i = first; i < last; i++) {
        ids[i] = virConnectDomainEventRegisterAny(conn, dom, i, eventCallbacks[i], &st, NULL);
        if (ids[i] < 0) {
            /* a kind the driver cannot report is skipped with --all */
            if (!all) {
                last = i;
                ok = false;
                goto cleanup;
            }
            vshResetLibvirtError();
        }
    }
    st.timeout = timeout;
    ok = virtkitEventRun(ctl, &st);

 cleanup:
    for (i = first; i < last; i++) {
        if (ids[i] >= 0)
            virConnectDomainEventDeregisterAny(conn, ids[i]);
    }
    return ok;
}

static const vshCmdDef cmds[] = {
    {.name = "event", .handler = cmdEvent, .opts = opts_event,
     .help = "Domain Events", .desc = "List event types, or wait for domain events to occur"},
    {.name = NULL},
};

const vshCmdTable virtkitEventTable = { "events", cmds };
