/*
 * virxml.h: reading XML documents the way libvirt reports problems in them.
 *
 * Every object model (domains, networks, pools, node devices, snapshots …)
 * parses user-supplied XML; a malformed document must fail with libvirt's
 * exact error: VIR_ERR_XML_DETAIL "LABEL:LINE: MESSAGE", then the offending
 * line and a "----^" caret under the column.  This is the one place that
 * wording lives.
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* Parse XMLSTR, or the file PATH when XMLSTR is NULL.  LABEL names the
 * document in error messages (libvirt uses "(domain_definition)",
 * "network.xml", the file's path …).  When ROOTNAME is not NULL the root
 * element must have that name.  Errors are reported from error domain
 * ERRDOMAIN (the root name check from VIR_FROM_XML, as libvirt does).
 * Returns the document (free with xmlFreeDoc) or NULL. */
xmlDocPtr virXMLParse(const char *path,
                      const char *xmlStr,
                      const char *label,
                      const char *rootname,
                      int errdomain);

/* The first child element of NODE called NAME, or NULL (also when NODE is
 * NULL). */
xmlNodePtr virXMLChild(xmlNodePtr node, const char *name);
