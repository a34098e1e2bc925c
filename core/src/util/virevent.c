/*
 * virevent.c: the default event loop (see virevent.h).
 *
 * Every watch and timer is a small reference-counted record kept in one
 * table per kind, guarded by one mutex.  Its GSource holds a reference, so
 * the record outlives a dispatch that races with its removal; removal
 * marks it dead, destroys the source and queues an idle source on the
 * default context that runs the free callback and drops the table's
 * reference.  A watch with no events, or a timer with a negative period,
 * simply has no source until it is updated.
 */
#include <glib.h>
#include <glib-unix.h>

#include "virevent.h"

typedef struct {
    gint refs;
    int id;
    int fd;                      /* watches only */
    int events;                  /* watches: virEventHandleType bits */
    int frequency;               /* timers: ms, 0 every iteration, <0 off */
    virEventHandleCallback hcb;
    virEventTimeoutCallback tcb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;             /* NULL while paused */
    gboolean dead;
} virEventDefaultItem;

static GMutex virEventDefaultLock;
static GHashTable *virEventDefaultHandles;   /* id -> item */
static GHashTable *virEventDefaultTimeouts;  /* id -> item */
static int virEventDefaultNextWatch = 1;
static int virEventDefaultNextTimer = 1;

static virEventDefaultItem *
virEventDefaultItemRef(virEventDefaultItem *item)
{
    g_atomic_int_inc(&item->refs);
    return item;
}

static void
virEventDefaultItemUnref(gpointer data)
{
    virEventDefaultItem *item = data;

    if (g_atomic_int_dec_and_test(&item->refs))
        g_free(item);
}

static void
virEventDefaultInitTables(void)
{
    if (!virEventDefaultHandles) {
        virEventDefaultHandles = g_hash_table_new(g_direct_hash, g_direct_equal);
        virEventDefaultTimeouts = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
}

static GIOCondition
virEventDefaultCondition(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    /* Errors and hang-ups are always reported to a live watch. */
    if (events)
        cond |= G_IO_ERR | G_IO_HUP;
    return cond;
}

static int
virEventDefaultEvents(GIOCondition cond)
{
    int events = 0;

    if (cond & (G_IO_IN | G_IO_PRI))
        events |= VIR_EVENT_HANDLE_READABLE;
    if (cond & G_IO_OUT)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    if (cond & (G_IO_ERR | G_IO_NVAL))
        events |= VIR_EVENT_HANDLE_ERROR;
    if (cond & G_IO_HUP)
        events |= VIR_EVENT_HANDLE_HANGUP;
    return events;
}

/* Stop and forget ITEM's source; the lock is held. */
static void
virEventDefaultDropSource(virEventDefaultItem *item)
{
    if (item->source) {
        g_source_destroy(item->source);
        g_source_unref(item->source);
        item->source = NULL;
    }
}

static gboolean
virEventDefaultHandleDispatch(gint fd, GIOCondition cond, gpointer data)
{
    virEventDefaultItem *item = data;
    virEventHandleCallback cb;
    void *opaque;
    int watch;

    g_mutex_lock(&virEventDefaultLock);
    if (item->dead) {
        g_mutex_unlock(&virEventDefaultLock);
        return G_SOURCE_CONTINUE;
    }
    cb = item->hcb;
    opaque = item->opaque;
    watch = item->id;
    g_mutex_unlock(&virEventDefaultLock);

    cb(watch, fd, virEventDefaultEvents(cond), opaque);
    return G_SOURCE_CONTINUE;
}

static gboolean
virEventDefaultTimeoutDispatch(gpointer data)
{
    virEventDefaultItem *item = data;
    virEventTimeoutCallback cb;
    void *opaque;
    int timer;

    g_mutex_lock(&virEventDefaultLock);
    if (item->dead) {
        g_mutex_unlock(&virEventDefaultLock);
        return G_SOURCE_CONTINUE;
    }
    cb = item->tcb;
    opaque = item->opaque;
    timer = item->id;
    g_mutex_unlock(&virEventDefaultLock);

    cb(timer, opaque);
    return G_SOURCE_CONTINUE;
}

/* Give ITEM a source for its current events or period; the lock is held. */
static void
virEventDefaultArm(virEventDefaultItem *item, gboolean isTimer)
{
    GSource *src;

    virEventDefaultDropSource(item);
    if (isTimer) {
        if (item->frequency < 0)
            return;
        src = g_timeout_source_new(item->frequency);
        g_source_set_callback(src, virEventDefaultTimeoutDispatch,
                              virEventDefaultItemRef(item),
                              virEventDefaultItemUnref);
    } else {
        if (item->events == 0)
            return;
        src = g_unix_fd_source_new(item->fd, virEventDefaultCondition(item->events));
        g_source_set_callback(src, (GSourceFunc)(void (*)(void))virEventDefaultHandleDispatch,
                              virEventDefaultItemRef(item),
                              virEventDefaultItemUnref);
    }
    g_source_attach(src, NULL);
    item->source = src;
}

/* Runs from the loop after a removal: the free callback, then the last
 * reference of the table. */
static gboolean
virEventDefaultRelease(gpointer data)
{
    virEventDefaultItem *item = data;

    if (item->ff)
        item->ff(item->opaque);
    return G_SOURCE_REMOVE;
}

static int
virEventDefaultRemove(GHashTable **table, int id)
{
    virEventDefaultItem *item;
    GSource *idle;

    g_mutex_lock(&virEventDefaultLock);
    virEventDefaultInitTables();
    item = g_hash_table_lookup(*table, GINT_TO_POINTER(id));
    if (!item || id <= 0) {
        g_mutex_unlock(&virEventDefaultLock);
        return -1;
    }
    g_hash_table_remove(*table, GINT_TO_POINTER(id));
    item->dead = TRUE;
    virEventDefaultDropSource(item);
    g_mutex_unlock(&virEventDefaultLock);

    idle = g_idle_source_new();
    g_source_set_callback(idle, virEventDefaultRelease, item, virEventDefaultItemUnref);
    g_source_attach(idle, NULL);
    g_source_unref(idle);
    return 0;
}

int
virEventDefaultAddHandle(int fd, int events,
                         virEventHandleCallback cb,
                         void *opaque,
                         virFreeCallback ff)
{
    virEventDefaultItem *item;
    int ret;

    if (fd < 0 || !cb)
        return -1;
    item = g_new0(virEventDefaultItem, 1);
    item->refs = 1;
    item->fd = fd;
    item->events = events;
    item->hcb = cb;
    item->opaque = opaque;
    item->ff = ff;

    g_mutex_lock(&virEventDefaultLock);
    virEventDefaultInitTables();
    ret = item->id = virEventDefaultNextWatch++;
    g_hash_table_insert(virEventDefaultHandles, GINT_TO_POINTER(item->id), item);
    virEventDefaultArm(item, FALSE);
    g_mutex_unlock(&virEventDefaultLock);
    return ret;
}

void
virEventDefaultUpdateHandle(int watch, int events)
{
    virEventDefaultItem *item;

    g_mutex_lock(&virEventDefaultLock);
    virEventDefaultInitTables();
    if ((item = g_hash_table_lookup(virEventDefaultHandles, GINT_TO_POINTER(watch))) &&
        item->events != events) {
        item->events = events;
        virEventDefaultArm(item, FALSE);
    }
    g_mutex_unlock(&virEventDefaultLock);
}

int
virEventDefaultRemoveHandle(int watch)
{
    return virEventDefaultRemove(&virEventDefaultHandles, watch);
}

int
virEventDefaultAddTimeout(int frequency,
                          virEventTimeoutCallback cb,
                          void *opaque,
                          virFreeCallback ff)
{
    virEventDefaultItem *item;
    int ret;

    if (!cb)
        return -1;
    item = g_new0(virEventDefaultItem, 1);
    item->refs = 1;
    item->frequency = frequency;
    item->tcb = cb;
    item->opaque = opaque;
    item->ff = ff;

    g_mutex_lock(&virEventDefaultLock);
    virEventDefaultInitTables();
    ret = item->id = virEventDefaultNextTimer++;
    g_hash_table_insert(virEventDefaultTimeouts, GINT_TO_POINTER(item->id), item);
    virEventDefaultArm(item, TRUE);
    g_mutex_unlock(&virEventDefaultLock);
    return ret;
}

void
virEventDefaultUpdateTimeout(int timer, int frequency)
{
    virEventDefaultItem *item;

    g_mutex_lock(&virEventDefaultLock);
    virEventDefaultInitTables();
    if ((item = g_hash_table_lookup(virEventDefaultTimeouts, GINT_TO_POINTER(timer)))) {
        /* Re-arming restarts the period, so only a real change does it. */
        if (item->frequency != frequency || (frequency >= 0 && !item->source)) {
            item->frequency = frequency;
            virEventDefaultArm(item, TRUE);
        }
    }
    g_mutex_unlock(&virEventDefaultLock);
}

int
virEventDefaultRemoveTimeout(int timer)
{
    return virEventDefaultRemove(&virEventDefaultTimeouts, timer);
}

int
virEventDefaultRunOnce(void)
{
    g_main_context_iteration(NULL, TRUE);
    return 0;
}
