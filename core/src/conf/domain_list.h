/*
 * domain_list.h: the listing calls every driver answers the same way
 *
 * virConnectListAllDomains and the older list and count calls filter a
 * driver's domains by the same facts: running or not, persistent, state,
 * managed save, autostart, snapshots, checkpoints.  A driver describes
 * one of its domain objects through a virDomainListDescribe function; the
 * functions here walk its GPtrArray of objects under the lock that guards
 * it and apply libvirt's rules.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "domain_conf.h"

typedef struct {
    const virDomainDef *def;    /* def->id and def->name are read */
    bool active;
    bool persistent;
    int state;                  /* virDomainState */
    bool managedSave;
    bool autostart;
    int snapshots;
    int checkpoints;
} virDomainListEntry;

/* Fill ENTRY for the driver's domain object OBJ. */
typedef void (*virDomainListDescribe)(void *obj, virDomainListEntry *entry);

/* Whether ENTRY passes the VIR_CONNECT_LIST_DOMAINS_* filter FLAGS: each
 * group of flags (active/inactive, persistent/transient, the states,
 * managed save, autostart, snapshots, checkpoints) keeps a domain that
 * matches any flag given of it; a group with no flag given keeps all. */
bool virDomainListEntryMatches(const virDomainListEntry *entry, unsigned int flags);

/* The same for the VIR_CONNECT_GET_ALL_DOMAINS_STATS_* filter of
 * virConnectGetAllDomainStats (activity, persistence, state). */
bool virDomainListEntryMatchesStats(const virDomainListEntry *entry, unsigned int flags);

/* A driver's domains as the listing calls see them: the objects in OBJS,
 * guarded by LOCK (taken for each call), described by DESCRIBE, and a
 * handle for the caller's connection made by HANDLE (under LOCK). */
typedef struct {
    GMutex *lock;
    GPtrArray *objs;
    virDomainListDescribe describe;
    virDomainPtr (*handle)(virConnectPtr conn, void *obj);
} virDomainList;

/* virConnectListAllDomains: the number of domains that pass FLAGS, and
 * their handles in *DOMAINS (NULL-terminated) when DOMAINS is given. */
int virDomainListAll(const virDomainList *list, virConnectPtr conn,
                     virDomainPtr **domains, unsigned int flags);

/* virConnectListDomains: the ids of up to MAXIDS running domains. */
int virDomainListIDs(const virDomainList *list, int *ids, int maxids);

/* virConnectListDefinedDomains: up to MAXNAMES names (new strings) of the
 * domains that do not run. */
int virDomainListInactiveNames(const virDomainList *list, char **const names, int maxnames);

/* virConnectNumOfDomains (ACTIVE) and NumOfDefinedDomains (!ACTIVE). */
int virDomainListCount(const virDomainList *list, bool active);
