/*
 * cmd-event.c: the virsh 'events' group: waiting for domain events
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "virtkit-cmds.h"

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

typedef struct {
    vshControl *ctl;
    bool loop;
    bool timestamp;
    int count;
    bool done;
    bool timedOut;
} eventState;

static volatile sig_atomic_t eventInterrupted;

static void
eventSigint(int sig G_GNUC_UNUSED)
{
    eventInterrupted = 1;
}

static void
eventTimeout(int timer G_GNUC_UNUSED, void *opaque)
{
    eventState *st = opaque;

    st->timedOut = true;
    st->done = true;
}

/* Print one event line, timestamped with --timestamp; one-shot waits end. */
static void
eventPrint(eventState *st, const char *text)
{
    if (st->timestamp) {
        gint64 now = g_get_real_time();
        time_t secs = now / G_USEC_PER_SEC;
        struct tm tm;
        char when[64];

        gmtime_r(&secs, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        vshPrint(st->ctl, "%s.%03d+0000: %s", when, (int)(now / 1000 % 1000), text);
    } else {
        vshPrint(st->ctl, "%s", text);
    }
    fflush(stdout);
    st->count++;
    if (!st->loop)
        st->done = true;
}

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

    eventPrint(opaque, text);
    return 0;
}

/* The kinds without a handler of their own say which kind and domain. */
typedef struct {
    eventState *st;
    int id;
} eventGeneric;

static void
eventGenericCb(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, void *opaque)
{
    eventGeneric *g = opaque;
    g_autofree char *text = g_strdup_printf("event '%s' for domain '%s'\n",
                                            eventNames[g->id], virDomainGetName(dom));

    eventPrint(g->st, text);
}

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
    eventState st = { .ctl = ctl };
    eventGeneric generic[EVENT_KINDS];
    int ids[EVENT_KINDS];
    g_autoptr(virDomain) dom = NULL;
    const char *eventName = NULL;
    bool all = vshCommandOptBool(cmd, "all");
    struct sigaction sa, oldsa;
    virConnectPtr conn;
    int timeout = 0, rc, first = 0, last = 0, timer = -1, i;
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
        generic[i].st = &st;
        generic[i].id = i;
        if (i == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
            ids[i] = virConnectDomainEventRegisterAny(conn, dom, i,
                                                      (virConnectDomainEventGenericCallback)(void (*)(void))eventLifecycle,
                                                      &st, NULL);
        else
            ids[i] = virConnectDomainEventRegisterAny(conn, dom, i,
                                                      eventGenericCb,
                                                      &generic[i], NULL);
        if (ids[i] < 0) {
            /* a kind the driver cannot report is skipped with --all */
            if (!all) {
                last = i;
                ok = false;
                goto cleanup;
            }
            virResetLastError();
        }
    }
    if (timeout > 0 && (timer = virEventAddTimeout(timeout * 1000, eventTimeout, &st, NULL)) < 0) {
        vshError(ctl, "%s", "failed to add timeout");
        ok = false;
        goto cleanup;
    }
    eventInterrupted = 0;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = eventSigint;
    sigaction(SIGINT, &sa, &oldsa);
    while (!st.done && !eventInterrupted) {
        if (virEventRunDefaultImpl() < 0) {
            vshReportError(ctl);
            break;
        }
    }
    sigaction(SIGINT, &oldsa, NULL);
    if (st.timedOut)
        vshPrint(ctl, "%s\n", "event loop timed out");
    else if (eventInterrupted)
        vshPrint(ctl, "%s\n", "event loop interrupted");
    vshPrint(ctl, "events received: %d\n", st.count);
    /* as virsh: a wait that saw no event fails (without a message) */
    ok = st.count > 0;

 cleanup:
    if (timer >= 0)
        virEventRemoveTimeout(timer);
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
