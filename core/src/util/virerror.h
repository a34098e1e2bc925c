/*
 * virerror.h: reporting errors the way libvirt does
 *
 * Every failure is reported once, where it happens, through
 * virReportError().  The error lands in the calling thread's "last error"
 * (virGetLastError) with the code, the error domain of the reporting file
 * (each .c file defines VIR_FROM_THIS before using the macros), and a
 * message made of the code's generic text followed by a detail naming the
 * bad value: "Domain not found: no domain with matching name 'web1'".
 * Callers only return -1 or NULL and add nothing.
 */
#pragma once

#include <glib.h>
#include <stdarg.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

void virReportErrorHelper(int domain,
                          int code,
                          const char *file,
                          const char *func,
                          size_t line,
                          const char *fmt,
                          ...) G_GNUC_PRINTF(6, 7);

void virReportSystemErrorFull(int domain,
                              int theerrno,
                              const char *file,
                              const char *func,
                              size_t line,
                              const char *fmt,
                              ...) G_GNUC_PRINTF(6, 7);

/* VIR_ERR_INVALID_ARG the way libvirt's argument checks raise it: the
 * message is the formatted text alone (no generic prefix), str1 is FUNC and
 * str2 is ARGNAME. */
void virReportInvalidArgHelper(int domain,
                               const char *file,
                               const char *func,
                               size_t line,
                               const char *argname,
                               const char *fmt,
                               ...) G_GNUC_PRINTF(6, 7);

/* Report CODE with a printf-style detail, e.g.
 * virReportError(VIR_ERR_NO_DOMAIN, _("no domain with matching name '%s'"), name); */
#define virReportError(code, ...) \
    virReportErrorHelper(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, \
                         __VA_ARGS__)

/* Report VIR_ERR_SYSTEM_ERROR: "<detail>: <strerror(errno)>". */
#define virReportSystemError(theerrno, ...) \
    virReportSystemErrorFull(VIR_FROM_THIS, theerrno, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

/* Common shapes, so the wording is the same everywhere. */
/* libvirt reports bad arguments without the "invalid argument: " prefix and
 * records the function name in str1 and the argument name in str2; the
 * helper below does the same so the messages match byte for byte. */
#define virReportInvalidArg(argname, ...) \
    virReportInvalidArgHelper(VIR_FROM_THIS, __FILE__, __func__, __LINE__, \
                              #argname, __VA_ARGS__)

#define virReportInvalidNullArg(argname) \
    virReportInvalidArg(argname, "%s in %s must be NULL", #argname, __func__)
#define virReportInvalidNonNullArg(argname) \
    virReportInvalidArg(argname, "%s in %s must not be NULL", #argname, __func__)
#define virReportInvalidPositiveArg(argname) \
    virReportInvalidArg(argname, "%s in %s must be greater than zero", \
                        #argname, __func__)
#define virReportInvalidNonNegativeArg(argname) \
    virReportInvalidArg(argname, "%s in %s must be zero or greater", \
                        #argname, __func__)
#define virReportInvalidNonZeroArg(argname) \
    virReportInvalidArg(argname, "%s in %s must not be zero", \
                        #argname, __func__)
#define virReportInvalidEmptyStringArg(argname) \
    virReportInvalidArg(argname, "string %s in %s must not be empty", \
                        #argname, __func__)

/* Report "unsupported flags (0x%x)" for bits outside SUPPORTED and return
 * RETVAL from the calling function. */
#define virCheckFlags(supported, retval) \
    do { \
        unsigned int _unknown = flags & ~((unsigned int)(supported)); \
        if (_unknown) { \
            virReportInvalidArgHelper(VIR_FROM_THIS, __FILE__, __func__, \
                                      __LINE__, "flags", \
                                      "unsupported flags (0x%x) in function %s", \
                                      _unknown, __func__); \
            return retval; \
        } \
    } while (0)

/* Translation marker; virtkit ships English messages only for now. */
#ifndef _
# define _(str) (str)
#endif

/* Raise the error held in ERR (a copy) as the thread's last error. */
void virSetError(const virError *err);

/* The generic text for CODE, e.g. "Domain not found" or NULL if the code
 * carries no prefix. */
const char *virErrorMsg(int code);

/* Dispatch the thread's last error to the registered error callbacks
 * (connection-level first, then global, else virDefaultErrorFunc).
 * Implemented in core/src/api/errors.c, which knows connections. */
void virDispatchError(virConnectPtr conn);

/* The calling thread's error, after making sure there is one (a generic
 * "cause is unknown" error is raised when there is none). */
virErrorPtr virErrorEnsureLast(void);

/* Deep copy FROM over TO (TO's old strings are not freed). */
void virErrorCopy(const virError *from, virErrorPtr to);

/* The handler set by virSetErrorFunc. */
void virErrorGetHandler(virErrorFunc *handler, void **userData);
