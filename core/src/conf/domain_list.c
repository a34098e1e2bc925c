/*
 * domain_list.c: the listing calls every driver answers the same way (see
 * domain_list.h)
 */
#include "domain_list.h"

/* A group of filter flags: no flag of it given, or one given that holds. */
static bool
virDomainListGroup(unsigned int flags, unsigned int yes, bool holds, unsigned int no)
{
    if (!(flags & (yes | no)))
        return true;
    return ((flags & yes) && holds) || ((flags & no) && !holds);
}

bool
virDomainListEntryMatches(const virDomainListEntry *e, unsigned int flags)
{
    int st = e->state;

    if (flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                 VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)) {
        bool other = st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_PAUSED &&
                     st != VIR_DOMAIN_SHUTOFF;

        if (!(((flags & VIR_CONNECT_LIST_DOMAINS_RUNNING) && st == VIR_DOMAIN_RUNNING) ||
              ((flags & VIR_CONNECT_LIST_DOMAINS_PAUSED) && st == VIR_DOMAIN_PAUSED) ||
              ((flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF) && st == VIR_DOMAIN_SHUTOFF) ||
              ((flags & VIR_CONNECT_LIST_DOMAINS_OTHER) && other)))
            return false;
    }
    return virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_ACTIVE, e->active,
                              VIR_CONNECT_LIST_DOMAINS_INACTIVE) &&
           virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_PERSISTENT, e->persistent,
                              VIR_CONNECT_LIST_DOMAINS_TRANSIENT) &&
           virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, e->managedSave,
                              VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE) &&
           virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_AUTOSTART, e->autostart,
                              VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) &&
           virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, e->snapshots > 0,
                              VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT) &&
           virDomainListGroup(flags, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, e->checkpoints > 0,
                              VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT);
}

/* The stats filter flags have the values of the listing flags. */
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE == (int)VIR_CONNECT_LIST_DOMAINS_ACTIVE);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE == (int)VIR_CONNECT_LIST_DOMAINS_INACTIVE);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT == (int)VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT == (int)VIR_CONNECT_LIST_DOMAINS_TRANSIENT);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING == (int)VIR_CONNECT_LIST_DOMAINS_RUNNING);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED == (int)VIR_CONNECT_LIST_DOMAINS_PAUSED);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF == (int)VIR_CONNECT_LIST_DOMAINS_SHUTOFF);
G_STATIC_ASSERT((int)VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER == (int)VIR_CONNECT_LIST_DOMAINS_OTHER);

bool
virDomainListEntryMatchesStats(const virDomainListEntry *entry, unsigned int flags)
{
    return virDomainListEntryMatches(entry, flags &
                                     (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER));
}

int
virDomainListAll(const virDomainList *list, virConnectPtr conn,
                 virDomainPtr **domains, unsigned int flags)
{
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    size_t i;

    g_mutex_lock(list->lock);
    for (i = 0; i < list->objs->len; i++) {
        virDomainListEntry e = { 0 };

        list->describe(g_ptr_array_index(list->objs, i), &e);
        if (virDomainListEntryMatches(&e, flags))
            g_ptr_array_add(found, g_ptr_array_index(list->objs, i));
    }
    if (domains) {
        *domains = g_new0(virDomainPtr, found->len + 1);
        for (i = 0; i < found->len; i++)
            (*domains)[i] = list->handle(conn, g_ptr_array_index(found, i));
    }
    g_mutex_unlock(list->lock);
    return found->len;
}

int
virDomainListIDs(const virDomainList *list, int *ids, int maxids)
{
    int n = 0;
    size_t i;

    g_mutex_lock(list->lock);
    for (i = 0; i < list->objs->len && n < maxids; i++) {
        virDomainListEntry e = { 0 };

        list->describe(g_ptr_array_index(list->objs, i), &e);
        if (e.active)
            ids[n++] = e.def->id;
    }
    g_mutex_unlock(list->lock);
    return n;
}

int
virDomainListInactiveNames(const virDomainList *list, char **const names, int maxnames)
{
    int n = 0;
    size_t i;

    g_mutex_lock(list->lock);
    for (i = 0; i < list->objs->len && n < maxnames; i++) {
        virDomainListEntry e = { 0 };

        list->describe(g_ptr_array_index(list->objs, i), &e);
        if (!e.active)
            names[n++] = g_strdup(e.def->name);
    }
    g_mutex_unlock(list->lock);
    return n;
}

int
virDomainListCount(const virDomainList *list, bool active)
{
    int n = 0;
    size_t i;

    g_mutex_lock(list->lock);
    for (i = 0; i < list->objs->len; i++) {
        virDomainListEntry e = { 0 };

        list->describe(g_ptr_array_index(list->objs, i), &e);
        n += e.active == active;
    }
    g_mutex_unlock(list->lock);
    return n;
}
