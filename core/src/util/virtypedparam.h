/*
 * virtypedparam.h: internal helpers around virTypedParameter arrays.
 *
 * The public virTypedParams* functions are declared by <libvirt/libvirt.h>;
 * this header adds what drivers need to check the arrays callers send and
 * to fill the arrays they return.
 */
#pragma once

#include <glib.h>
#include <stdarg.h>

#include <libvirt/libvirt.h>

/* OR'ed into a type given to virTypedParamsValidate: the name may occur
 * more than once (libvirt's internal value). */
#define VIR_TYPED_PARAM_MULTIPLE (1U << 31)

/* "int", "uint", "llong", "ullong", "double", "boolean", "string", or NULL
 * for an unknown type. */
const char *virTypedParameterTypeToString(int type);

/* Check PARAMS against the allowed (name, type) pairs that follow,
 * terminated by NULL:
 *
 *   virTypedParamsValidate(params, nparams,
 *                          VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT,
 *                          NULL);
 *
 * Reports, for the first offending parameter in name order,
 * VIR_ERR_ARGUMENT_UNSUPPORTED "parameter '%s' not supported", or
 * VIR_ERR_INVALID_ARG "invalid type '%s' for parameter '%s', expected '%s'"
 * or "parameter '%s' occurs multiple times" (unless the type carries
 * VIR_TYPED_PARAM_MULTIPLE).  Returns 0 or -1. */
int virTypedParamsValidate(virTypedParameterPtr params, int nparams, ...)
    G_GNUC_NULL_TERMINATED;

/* Set PARAM to NAME, TYPE and the value that follows (int, unsigned int,
 * long long, unsigned long long, double, int (boolean) or const char *).
 * A STRING value is copied (NULL becomes ""), unlike libvirt's internal
 * helper which takes ownership.  Returns 0, or -1 with
 * VIR_ERR_INTERNAL_ERROR for a name that does not fit or a bad type. */
int virTypedParameterAssign(virTypedParameterPtr param,
                            const char *name,
                            int type,
                            ...);

/* A deep copy of SRC (NPARAMS entries) into *DST; always succeeds. */
void virTypedParamsCopy(virTypedParameterPtr *dst,
                        virTypedParameterPtr src,
                        int nparams);
