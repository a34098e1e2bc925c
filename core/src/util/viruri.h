/*
 * viruri.h: parsing the URIs that name a connection.
 *
 * libvirt URIs look like DRIVER[+TRANSPORT]://[USER@]HOST[:PORT]/PATH?QUERY,
 * plus the short forms "test:///default" and "qemu:///system".  The parser
 * keeps the pieces apart (scheme split into driver and transport, query
 * split into ordered name=value pairs, percent-escapes decoded) and the
 * formatter puts them back in canonical form.
 */
#pragma once

#include <glib.h>

typedef struct {
    char *name;
    char *value;
} virURIParam;

typedef struct {
    char *scheme;      /* whole scheme, e.g. "qemu+ssh" */
    char *driver;      /* part before '+', e.g. "qemu" */
    char *transport;   /* part after '+', or NULL, e.g. "ssh" */
    char *user;        /* NULL when absent */
    char *server;      /* NULL when absent (empty authority) */
    int port;          /* 0 when absent */
    char *path;        /* may be NULL or "" */
    char *query;       /* raw query string, NULL when absent */
    char *fragment;
    virURIParam *params; /* decoded query, in order */
    size_t nparams;
} virURI;

/* Parse URI; NULL with VIR_ERR_INTERNAL_ERROR from VIR_FROM_URI
 * ("internal error: Unable to parse URI ...", as libvirt reports it)
 * when it is not a URI. */
virURI *virURIParse(const char *uri);

/* The canonical text of URI. */
char *virURIFormat(const virURI *uri);

/* Value of the query parameter NAME, or NULL. */
const char *virURIGetParam(const virURI *uri, const char *name);

void virURIFree(virURI *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virURI, virURIFree);
