/*
 * cpu_x86_table.h: the data of libvirt's x86 CPU models (cpu_x86_table.c,
 * written by scripts/cpu-x86-table.py).  cpu_conf.c turns it into feature
 * sets; nothing else reads it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *name;
    const char *vendor;     /* "Intel", "AMD", "Hygon" or NULL */
    bool decode;            /* a baseline may answer with this model */
    const char *parent;     /* the model this one is written against, or NULL */
    const char *plus;       /* features beyond the parent's, space separated */
    const char *minus;      /* the parent's features this one lacks */
    const char *removed;    /* listed by the model, absent from CPUs it describes */
} virtkitX86ModelDef;

/* NULL-terminated, in CPUID order */
extern const char *const virtkitX86Features[];
/* terminated by an entry with a NULL name, in libvirt's model order */
extern const virtkitX86ModelDef virtkitX86Models[];
