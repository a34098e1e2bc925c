/*
 * cpu_conf.h: CPU descriptions, CPU model maps and CPU baselines
 *
 * virConnectBaselineCPU takes host CPU descriptions (<cpu> with <arch>,
 * <model>, <vendor> and <feature> elements, as in capabilities XML) and
 * answers with the guest CPU all of them can run.  For x86 that needs the
 * features of every named model (cpu_x86_table.c); for ppc64 only the
 * model names, for ARM nothing.  The same model names answer
 * virConnectGetCPUModelNames.
 */
#pragma once

#include <stdbool.h>

typedef enum {
    VIR_CPU_FAMILY_NONE = 0,   /* an architecture no CPU driver handles */
    VIR_CPU_FAMILY_X86,
    VIR_CPU_FAMILY_PPC64,
    VIR_CPU_FAMILY_ARM,
    VIR_CPU_FAMILY_S390,
} virCPUFamily;

/* Whether ARCH is one of libvirt's architecture names (virArch). */
bool virCPUArchIsKnown(const char *arch);

/* The CPU driver family of the architecture ARCH (a known name). */
virCPUFamily virCPUFamilyOf(const char *arch);

/* The model names of FAMILY in libvirt's order, NULL-terminated (empty
 * for families without named models). */
const char *const *virCPUModelNames(virCPUFamily family);

/* The baseline of the NCPUS host CPU descriptions XMLCPUS as a guest <cpu>
 * document (EXPAND: every feature of the model listed), or NULL with
 * libvirt's error from VIR_FROM_CPU. */
char *virCPUBaselineXML(const char **xmlCPUs, unsigned int ncpus, bool expand);

/* An x86 host CPU of VENDOR ("Intel", "AMD", "Hygon" or NULL) with the
 * CPU map's FEATURES (space separated, all known names) described as
 * libvirt describes a host: the newest model among those needing the
 * fewest extra features whose every feature the host has, in
 * *RET_MODEL, and the extra features in CPUID order in *RET_FEATURES
 * (NULL-terminated).  0, or -1 reported (VIR_FROM_CPU). */
int virCPUx86DecodeHost(const char *vendor, const char *features,
                        char **ret_model, char ***ret_features);
