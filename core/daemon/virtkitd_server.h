/*
 * virtkitd_server.h: the daemon's server as its configuration file and
 * command line describe it: unix sockets (folder, modes, group), with
 * --listen the TLS and TCP listeners, the worker pool, client limits and
 * logging (docs/daemon.md).
 */
#pragma once

#include <stdbool.h>

#include <glib.h>

#include "virnetserver.h"

typedef struct {
    const char *root;            /* --root DIR, or NULL */
    const char *rundir;          /* the sockets' folder unless unix_sock_dir names one */
    const char *config;          /* --config FILE, or NULL for the default */
    bool listen;                 /* --listen: TLS / TCP as configured */
    bool verbose;
    int workers;                 /* --workers; 0: max_workers */
    int maxClients;              /* --max-clients; 0: max_clients */
    gint64 maxMessage;
} virtkitdOptions;

/* Read the configuration, set up logging, and start a server for CBS
 * with every socket it asks for.  On failure, say why on standard error
 * (as libvirtd does: "Can't load config file: ...") and return NULL. */
virNetServer *virtkitdServerStart(const virtkitdOptions *opts,
                                  const virNetServerCallbacks *cbs);

/* Stop accepting and remove the sockets. */
void virtkitdServerStop(virNetServer *srv);
