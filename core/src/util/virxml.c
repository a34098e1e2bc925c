/*
 * virxml.c: see virxml.h.
 *
 * libxml2 reports every problem through the parser context's error
 * callback; only the first one is turned into the library's error, with
 * the text of the input line around the failure, since that is what
 * libvirt shows and what users' scripts may print.
 */
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_XML

typedef struct {
    bool reported;
    const char *label;
    int domain;
} virXMLParseState;

/* The input line holding the parser's position and a caret under it.
 * When that line is empty (an empty document, or the end of the input
 * after a newline) libvirt shows "(null)", so this does too. */
static void
virXMLErrorContext(xmlParserCtxtPtr ctxt, char **line, char **pointer)
{
    const xmlChar *cur = ctxt->input ? ctxt->input->cur : NULL;
    const xmlChar *base = ctxt->input ? ctxt->input->base : NULL;
    const xmlChar *start;
    const xmlChar *end;
    size_t col;

    if (!cur || !base) {
        *line = g_strdup("(null)");
        *pointer = g_strdup("^");
        return;
    }
    start = cur;
    while (start > base && (*start == '\n' || *start == '\r'))
        start--;
    while (start > base && *start != '\n' && *start != '\r')
        start--;
    if (*start == '\n' || *start == '\r')
        start++;
    col = cur > start ? (size_t)(cur - start) : 0;
    for (end = start; *end && *end != '\n' && *end != '\r'; end++)
        ;
    *line = end > start ? g_strndup((const char *)start, end - start) : g_strdup("(null)");
    *pointer = g_strnfill(col + 1, '-');
    (*pointer)[col] = '^';
}

static void
virXMLErrorHandler(void *userData, const char *fmt, ...)
{
    xmlParserCtxtPtr ctxt = userData;
    virXMLParseState *state;
    const xmlError *err;
    g_autofree char *msg = NULL;
    g_autofree char *line = NULL;
    g_autofree char *pointer = NULL;

    (void)fmt;
    if (!ctxt || !(state = ctxt->_private) || state->reported)
        return;
    if (!(err = xmlCtxtGetLastError(ctxt)) || !err->message)
        return;
    state->reported = true;
    msg = g_strdup(err->message);
    g_strchomp(msg);
    virXMLErrorContext(ctxt, &line, &pointer);
    virReportErrorHelper(state->domain, VIR_ERR_XML_DETAIL, __FILE__, __func__, __LINE__,
                         "%s:%d: %s\n%s\n%s", state->label, err->line, msg, line, pointer);
}

xmlDocPtr
virXMLParse(const char *path,
            const char *xmlStr,
            const char *label,
            const char *rootname,
            int errdomain)
{
    virXMLParseState state = { false, label, errdomain };
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;

    if (!xmlStr && access(path, R_OK) < 0) {
        virReportErrorHelper(errdomain, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                             "failed to parse xml document '%s'", path);
        return NULL;
    }
    if (!(ctxt = xmlNewParserCtxt())) {
        virReportErrorHelper(errdomain, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                             "%s", "failed to allocate parser context");
        return NULL;
    }
    ctxt->_private = &state;
    ctxt->sax->error = virXMLErrorHandler;
    ctxt->vctxt.error = NULL;
    if (xmlStr)
        doc = xmlCtxtReadDoc(ctxt, BAD_CAST xmlStr, label, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOWARNING);
    else
        doc = xmlCtxtReadFile(ctxt, path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    xmlFreeParserCtxt(ctxt);

    if (!doc || !(root = xmlDocGetRootElement(doc))) {
        if (!state.reported)
            virReportErrorHelper(errdomain, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                                 "failed to parse xml document '%s'", path ? path : label);
        if (doc)
            xmlFreeDoc(doc);
        return NULL;
    }
    if (rootname && !xmlStrEqual(root->name, BAD_CAST rootname)) {
        virReportError(VIR_ERR_XML_ERROR, "expecting root element of '%s', not '%s'",
                       rootname, (const char *)root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlNodePtr
virXMLChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}
