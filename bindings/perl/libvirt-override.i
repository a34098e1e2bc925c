/*
 * libvirt-override.i: the hand-written half of virtkit's Perl binding.
 *
 * virtkit.i (generated from api.xml by generator/virtkit_gen/emit_perl.py)
 * includes this file before its functions.  It holds what the generic
 * rules build on: how a handle becomes a blessed Sys::Virt object and back,
 * how an error becomes a Sys::Virt::Error, the string and number typemaps;
 * then the C glue of the functions the rules cannot express, and, in the
 * %perlcode block at the end, the Perl glue that the generator pastes into
 * Sys/Virt.pm (Sys-Virt's constructors and the methods whose names or
 * shapes depart from the rules).
 *
 * A type given an in-typemap here ("%typemap(in) TYPE") counts as
 * supported by the generator's rules.
 */

/*
 * Where Sys-Virt puts the constants of these enums, when its rule (strip
 * VIR_ and the object's name, e.g. VIR_DOMAIN_AFFECT_LIVE ->
 * Sys::Virt::Domain::AFFECT_LIVE) does not say.  Read by the generator:
 * one line per enum, "perl-constants: ENUM PACKAGE STRIP ADD", meaning
 * value name minus STRIP, plus ADD, in PACKAGE.
 *
 * perl-constants: virDomainState Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainNostateReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainRunningReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainBlockedReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainPausedReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainShutdownReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainShutoffReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainCrashedReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainPMSuspendedReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virDomainPMSuspendedDiskReason Sys::Virt::Domain VIR_DOMAIN_ STATE_
 * perl-constants: virConnectListAllDomainsFlags Sys::Virt::Domain VIR_CONNECT_LIST_DOMAINS_ LIST_
 * perl-constants: virConnectListAllNetworksFlags Sys::Virt::Network VIR_CONNECT_LIST_NETWORKS_ LIST_
 * perl-constants: virConnectListAllStoragePoolsFlags Sys::Virt::StoragePool VIR_CONNECT_LIST_STORAGE_POOLS_ LIST_
 * perl-constants: virConnectListAllNodeDeviceFlags Sys::Virt::NodeDevice VIR_CONNECT_LIST_NODE_DEVICES_ LIST_
 * perl-constants: virConnectListAllSecretsFlags Sys::Virt::Secret VIR_CONNECT_LIST_SECRETS_ LIST_
 * perl-constants: virConnectListAllInterfacesFlags Sys::Virt::Interface VIR_CONNECT_LIST_INTERFACES_ LIST_
 * perl-constants: virConnectGetAllDomainStatsFlags Sys::Virt::Domain VIR_CONNECT_GET_ALL_DOMAINS_STATS_ GET_ALL_STATS_
 * perl-constants: virConnectCloseReason Sys::Virt VIR_CONNECT_ 
 * perl-constants: virConnectBaselineCPUFlags Sys::Virt VIR_CONNECT_ 
 * perl-constants: virConnectCompareCPUFlags Sys::Virt VIR_CONNECT_ 
 * perl-constants: virDomainCoreDumpFlags Sys::Virt::Domain VIR_ 
 * perl-constants: virKeycodeSet Sys::Virt::Domain VIR_ 
 * perl-constants: virDomainMemoryFlags Sys::Virt::Domain VIR_ 
 * perl-constants: virStoragePoolState Sys::Virt::StoragePool VIR_STORAGE_POOL_ STATE_
 * perl-constants: virStorageVolType Sys::Virt::StorageVol VIR_STORAGE_VOL_ TYPE_
 * perl-constants: virConnectDomainEventAgentLifecycleReason Sys::Virt::Domain VIR_CONNECT_DOMAIN_
 * perl-constants: virConnectDomainEventAgentLifecycleState Sys::Virt::Domain VIR_CONNECT_DOMAIN_
 * perl-constants: virDomainMigrateFlags Sys::Virt::Domain VIR_
 * perl-constants: virDomainChannelFlags Sys::Virt::Domain VIR_DOMAIN_ OPEN_
 * perl-constants: virDomainConsoleFlags Sys::Virt::Domain VIR_DOMAIN_ OPEN_
 * perl-constants: virVcpuState Sys::Virt::Domain VIR_
 * perl-constants: virStorageXMLFlags Sys::Virt::StoragePool VIR_STORAGE_
 * perl-constants: virStorageVolDownloadFlags Sys::Virt::StorageVol VIR_STORAGE_
 * perl-constants: virStorageVolUploadFlags Sys::Virt::StorageVol VIR_STORAGE_
 * perl-constants: virErrorLevel Sys::Virt::Error VIR_ERR_ LEVEL_
 *
 * The same by name prefix, for constants (and values of enums the rule
 * above already places otherwise):
 *
 * perl-constants: VIR_CONNECT_IDENTITY_ Sys::Virt VIR_CONNECT_
 * perl-constants: VIR_NODE_SEV_ Sys::Virt VIR_NODE_
 * perl-constants: VIR_MIGRATE_PARAM_ Sys::Virt::Domain VIR_
 * perl-constants: VIR_PERF_PARAM_ Sys::Virt::Domain VIR_
 * perl-constants: VIR_VCPU_INFO_ Sys::Virt::Domain VIR_
 * perl-constants: VIR_DOMAIN_IOTHREAD_ Sys::Virt::Domain VIR_DOMAIN_IOTHREAD_ IOTHREAD_PARAM_
 * perl-constants: VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN Sys::Virt::Domain VIR_DOMAIN_TUNABLE_CPU_ TUNABLE_
 * perl-constants: VIR_DOMAIN_ABORT_JOB_ Sys::Virt::Domain VIR_
 */

%{
#include <glib.h>

/* Push SV (a new reference) onto the list an XS wrapper returns. */
#define VKPL_PUSH(sv) \
    do { \
        if (argvi >= items) \
            EXTEND(sp, argvi + 1); \
        ST(argvi) = sv_2mortal(sv); \
        argvi++; \
    } while (0)

/* 64-bit numbers as Perl numbers, as Sys-Virt gives them where Perl's
 * integers hold 64 bits; as decimal strings where they do not. */
#if IVSIZE >= 8
# define VKPL_NEW_LL(v) newSViv((IV)(v))
# define VKPL_NEW_ULL(v) newSVuv((UV)(v))
#else
# define VKPL_NEW_LL(v) newSVpvf("%lld", (long long)(v))
# define VKPL_NEW_ULL(v) newSVpvf("%llu", (unsigned long long)(v))
#endif

/* A handle as a blessed scalar reference holding its address, as
 * Sys-Virt's objects are; the object owns one reference to the handle. */
static SV *
vkpl_wrap(void *ptr, const char *klass)
{
    dTHX;
    SV *sv = newSV(0);

    if (!ptr)
        return sv;
    sv_setref_pv(sv, klass, ptr);
    return sv;
}

/* The handle inside OBJ, an instance of KLASS (or undef: NULL). */
static void *
vkpl_unwrap(SV *obj, const char *klass)
{
    dTHX;
    void *ptr;

    if (!SvOK(obj))
        return NULL;
    if (!sv_isobject(obj) || !sv_derived_from(obj, klass))
        croak("expected an object of class %s", klass);
    ptr = INT2PTR(void *, SvIV(SvRV(obj)));
    if (!ptr)
        croak("the %s object has already been released", klass);
    return ptr;
}

/* Take the handle out of OBJ (its DESTROY): the object no longer holds it. */
static void *
vkpl_take(SV *obj)
{
    dTHX;
    void *ptr;

    if (!sv_isobject(obj))
        return NULL;
    ptr = INT2PTR(void *, SvIV(SvRV(obj)));
    sv_setiv(SvRV(obj), 0);
    return ptr;
}

/* Set $@ to a Sys::Virt::Error built from the thread's last error; the
 * wrapper then dies with it (SWIG_fail). */
static void
vkpl_raise(void)
{
    dTHX;
    virErrorPtr err = virGetLastError();
    HV *hv = newHV();
    SV *rv;
    const char *msg = err && err->message ? err->message : "an error occurred, but the cause is unknown";

    (void)hv_store(hv, "level", 5, newSViv(err ? err->level : VIR_ERR_ERROR), 0);
    (void)hv_store(hv, "code", 4, newSViv(err ? err->code : VIR_ERR_INTERNAL_ERROR), 0);
    (void)hv_store(hv, "domain", 6, newSViv(err ? err->domain : VIR_FROM_NONE), 0);
    (void)hv_store(hv, "message", 7, newSVpv(msg, 0), 0);
    rv = newRV_noinc((SV *)hv);
    sv_bless(rv, gv_stashpv("Sys::Virt::Error", GV_ADD));
    sv_setsv(ERRSV, sv_2mortal(rv));
}

/* A typed parameter's value as an SV (a string when it does not fit a
 * Perl integer). */
static SV *
vkpl_param_value(virTypedParameterPtr p)
{
    dTHX;

    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        return newSViv(p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return newSVuv(p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return newSViv((IV)p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return VKPL_NEW_ULL(p->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return newSVnv(p->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return newSViv(p->value.b);
    case VIR_TYPED_PARAM_STRING:
        return newSVpv(p->value.s ? p->value.s : "", 0);
    }
    return newSV(0);
}

/* A number given as a Perl value (a string for 64-bit ones). */
static long long
vkpl_sv_llong(SV *sv)
{
    dTHX;
    if (SvIOK(sv) && !SvIsUV(sv))
        return (long long)SvIV(sv);
    return strtoll(SvPV_nolen(sv), NULL, 10);
}

static unsigned long long
vkpl_sv_ullong(SV *sv)
{
    dTHX;
    if (SvIOK(sv))
        return (unsigned long long)SvUV(sv);
    return strtoull(SvPV_nolen(sv), NULL, 10);
}

/* One typed parameter FIELD of TYPE from the Perl value VAL, into *P
 * (0; -1 for a type it cannot hold). */
static int
vkpl_param_set(virTypedParameterPtr p, const char *field, int type, SV *val)
{
    dTHX;

    memset(p, 0, sizeof(*p));
    g_strlcpy(p->field, field, sizeof(p->field));
    p->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        p->value.i = (int)SvIV(val);
        break;
    case VIR_TYPED_PARAM_UINT:
        p->value.ui = (unsigned int)SvUV(val);
        break;
    case VIR_TYPED_PARAM_LLONG:
        p->value.l = vkpl_sv_llong(val);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        p->value.ul = vkpl_sv_ullong(val);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        p->value.d = SvNV(val);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        p->value.b = SvTRUE(val) ? 1 : 0;
        break;
    case VIR_TYPED_PARAM_STRING:
        p->value.s = g_strdup(SvPV_nolen(val));
        break;
    default:
        return -1;
    }
    return 0;
}

/* The fields of HVREF (a hash reference) that TEMPL (what the getter
 * reported, or a table of the fields a function takes) knows, as new
 * typed parameters of the template's types, in *RET (free with
 * virTypedParamsFree).  A string field given an array reference is
 * repeated, once per element (VIR_MIGRATE_PARAM_MIGRATE_DISKS).  Other
 * keys are ignored, as Sys-Virt does.  -1 when HVREF is not a hash
 * reference. */
static int
vkpl_params_from_hv(SV *hvref, virTypedParameterPtr templ, int ntempl,
                    virTypedParameterPtr *ret, int *nret)
{
    dTHX;
    HV *hv;
    virTypedParameterPtr out;
    int i, n = 0, room = 0;

    if (!SvROK(hvref) || SvTYPE(SvRV(hvref)) != SVt_PVHV)
        return -1;
    hv = (HV *)SvRV(hvref);
    for (i = 0; i < ntempl; i++) {
        SV **val = hv_fetch(hv, templ[i].field, strlen(templ[i].field), 0);
        if (val && SvROK(*val) && SvTYPE(SvRV(*val)) == SVt_PVAV)
            room += (int)av_len((AV *)SvRV(*val)) + 1;
        else if (val)
            room++;
    }
    out = g_new0(virTypedParameter, room > 0 ? room : 1);
    for (i = 0; i < ntempl; i++) {
        SV **val = hv_fetch(hv, templ[i].field, strlen(templ[i].field), 0);

        if (!val)
            continue;
        if (SvROK(*val) && SvTYPE(SvRV(*val)) == SVt_PVAV && templ[i].type == VIR_TYPED_PARAM_STRING) {
            AV *av = (AV *)SvRV(*val);
            SSize_t j;
            for (j = 0; j <= av_len(av); j++) {
                SV **e = av_fetch(av, j, 0);
                if (e && vkpl_param_set(&out[n], templ[i].field, templ[i].type, *e) == 0)
                    n++;
            }
            continue;
        }
        if (vkpl_param_set(&out[n], templ[i].field, templ[i].type, *val) == 0)
            n++;
    }
    *ret = out;
    *nret = n;
    return 0;
}

/* N typed parameters as a reference to a hash {field => value}. */
static SV *
vkpl_params_to_hv(virTypedParameterPtr params, int n)
{
    dTHX;
    HV *hv = newHV();
    int i;

    for (i = 0; i < n; i++)
        (void)hv_store(hv, params[i].field, strlen(params[i].field),
                       vkpl_param_value(&params[i]), 0);
    return newRV_noinc((SV *)hv);
}
%}

/* Errors reach Perl code as exceptions; the library must not also print
 * them on stderr (its default handler), so the module installs a silent
 * one when it loads. */
%{
static void
vkpl_ignore_error(void *opaque, virErrorPtr err)
{
}
%}
%init %{
    virInitialize();
    virSetErrorFunc(NULL, vkpl_ignore_error);
%}

/* A handle type: in, a blessed object of KLASS (undef is NULL); out, a new
 * blessed object owning the reference the function returned. */
%define VKPL_HANDLE(TYPE, KLASS)
%typemap(in) TYPE {
    $1 = (TYPE)vkpl_unwrap($input, KLASS);
}
%typemap(out) TYPE {
    VKPL_PUSH(vkpl_wrap(result, KLASS));
}
%enddef

/* Strings: undef is NULL both ways. */
%typemap(in) const char *, char * {
    $1 = SvOK($input) ? ($1_ltype)SvPV_nolen($input) : NULL;
}
%typemap(freearg) const char *, char * "";
%typemap(out) const char *, char * {
    VKPL_PUSH($1 ? newSVpv($1, 0) : newSV(0));
}
%typemap(newfree) char * "free($1);";

/* Numbers in: converted as an XS function converts them, wrapping
 * rather than refusing, so that Sys-Virt's unsigned constants for -1
 * (NODE_CPU_STATS_ALL_CPUS …) reach an int parameter as -1. */
%typemap(in) int, short, long, signed char "$1 = ($1_ltype)SvIV($input);";
%typemap(in) unsigned int, unsigned short, unsigned long, unsigned char, size_t "$1 = ($1_ltype)SvUV($input);";

/* 64-bit results: numbers (strings where Perl's integers are 32-bit). */
%typemap(out) long long {
    VKPL_PUSH(VKPL_NEW_LL($1));
}
%typemap(out) unsigned long long {
    VKPL_PUSH(VKPL_NEW_ULL($1));
}

/* virConnectOpenAuth's auth: undef is NULL (the default credentials);
 * Sys::Virt->new(auth => 1, …) goes through vkpl_open_auth below. */
%typemap(in) virConnectAuthPtr {
    if (SvOK($input))
        SWIG_croak("use Sys::Virt->new(auth => 1, credlist => [...], callback => sub {...})");
    $1 = NULL;
}

/* ---- glue for functions the rules cannot express ---- */

/* A C function returning SV * gives a new reference (NULL: an error,
 * which its %exception turns into a die); SV * in is the Perl value. */
%typemap(out) SV * {
    VKPL_PUSH($1);
}
%typemap(in) SV * {
    $1 = $input;
}

%{
/* The scheduler's parameters: virDomainGetSchedulerType says how many
 * there are (the generated wrappers vkpl_virDomainGet/SetScheduler… call
 * these to fetch them). */
static int
vkpl_sched_fetch(virDomainPtr dom, int with_flags, unsigned int flags,
                 virTypedParameterPtr *ret, int *nret)
{
    int n = 0, rc;
    char *type;
    virTypedParameterPtr p;

    if (!(type = virDomainGetSchedulerType(dom, &n)))
        return -1;
    free(type);
    p = g_new0(virTypedParameter, n > 0 ? n : 1);
    if (with_flags)
        rc = virDomainGetSchedulerParametersFlags(dom, p, &n, flags);
    else
        rc = virDomainGetSchedulerParameters(dom, p, &n);
    if (rc < 0) {
        g_free(p);
        return -1;
    }
    *ret = p;
    *nret = n;
    return 0;
}

static int
vkpl_fetch_virDomainGetSchedulerParameters(virDomainPtr dom, virTypedParameterPtr *ret, int *nret)
{
    return vkpl_sched_fetch(dom, 0, 0, ret, nret);
}

static int
vkpl_fetch_virDomainGetSchedulerParametersFlags(virDomainPtr dom, unsigned int flags,
                                                virTypedParameterPtr *ret, int *nret)
{
    return vkpl_sched_fetch(dom, 1, flags, ret, nret);
}
%}

/* (virtkit.i declares every handle type after this file; the glue below
 * needs these ones already.) */
VKPL_HANDLE(virDomainPtr, "Sys::Virt::Domain")
VKPL_HANDLE(virConnectPtr, "Sys::Virt")

/* ---- authentication: a Perl callback answering the credentials ---- */

%{
/* virConnectAuthCallbackPtr: the callback (CBDATA, a code ref) gets an
 * array ref of hashes {type, prompt, challenge, defresult, result} and
 * fills in result; it returns 0, or -1 to give up. */
static int
vkpl_auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    dTHX;
    dSP;
    AV *creds = newAV();
    SV *list;
    unsigned int i;
    int count, ret = -1;

    for (i = 0; i < ncred; i++) {
        HV *hv = newHV();
        (void)hv_store(hv, "type", 4, newSViv(cred[i].type), 0);
        (void)hv_store(hv, "prompt", 6, cred[i].prompt ? newSVpv(cred[i].prompt, 0) : newSV(0), 0);
        (void)hv_store(hv, "challenge", 9, cred[i].challenge ? newSVpv(cred[i].challenge, 0) : newSV(0), 0);
        (void)hv_store(hv, "defresult", 9, cred[i].defresult ? newSVpv(cred[i].defresult, 0) : newSV(0), 0);
        (void)hv_store(hv, "result", 6, newSV(0), 0);
        av_push(creds, newRV_noinc((SV *)hv));
    }
    list = newRV_noinc((SV *)creds);

    ENTER;
    SAVETMPS;
    PUSHMARK(SP);
    XPUSHs(sv_2mortal(list));
    PUTBACK;
    count = call_sv((SV *)cbdata, G_SCALAR | G_EVAL);
    SPAGAIN;
    if (count == 1) {
        SV *r = POPs;
        ret = SvOK(r) ? (int)SvIV(r) : -1;
    }
    PUTBACK;
    if (SvTRUE(ERRSV))
        ret = -1;
    if (ret == 0) {
        for (i = 0; i < ncred; i++) {
            SV **item = av_fetch(creds, i, 0);
            SV **res = item ? hv_fetch((HV *)SvRV(*item), "result", 6, 0) : NULL;
            STRLEN len;
            const char *str;

            if (!res || !SvOK(*res)) {
                cred[i].result = NULL;
                cred[i].resultlen = 0;
                continue;
            }
            str = SvPV(*res, len);
            cred[i].result = malloc(len + 1);
            memcpy(cred[i].result, str, len);
            cred[i].result[len] = '\0';
            cred[i].resultlen = (unsigned int)len;
        }
    }
    FREETMPS;
    LEAVE;
    return ret;
}

/* Sys::Virt->new(auth => 1, credlist => [CRED_…], callback => sub {…}) */
static virConnectPtr
vkpl_open_auth(const char *uri, SV *credlist, SV *callback, unsigned int flags)
{
    dTHX;
    virConnectAuth auth;
    AV *av;
    int *types;
    int i, n;
    virConnectPtr conn;

    if (!SvROK(credlist) || SvTYPE(SvRV(credlist)) != SVt_PVAV)
        croak("credlist must be an array reference");
    av = (AV *)SvRV(credlist);
    n = av_len(av) + 1;
    types = g_new0(int, n > 0 ? n : 1);
    for (i = 0; i < n; i++) {
        SV **t = av_fetch(av, i, 0);
        types[i] = t ? (int)SvIV(*t) : 0;
    }
    memset(&auth, 0, sizeof(auth));
    auth.credtype = types;
    auth.ncredtype = (unsigned int)n;
    if (SvOK(callback)) {
        auth.cb = vkpl_auth_cb;
        auth.cbdata = callback;
    }
    conn = virConnectOpenAuth(uri, &auth, flags);
    g_free(types);
    return conn;
}
%}

%exception vkpl_open_auth {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}
virConnectPtr vkpl_open_auth(const char *uri, SV *credlist, SV *callback, unsigned int flags);

/* ---- statistics given as arrays of {field, value} or per CPU ---- */

%exception vkpl_node_cpu_stats {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}
%exception vkpl_node_memory_stats {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}
%exception vkpl_domain_cpu_stats {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}

SV *vkpl_node_cpu_stats(virConnectPtr conn, int cpu = -1, unsigned int flags = 0);
SV *vkpl_node_memory_stats(virConnectPtr conn, int cell = -1, unsigned int flags = 0);
SV *vkpl_domain_cpu_stats(virDomainPtr dom, int start, unsigned int count, unsigned int flags = 0);

%{
/* $conn->get_node_cpu_stats($cpu=-1, $flags=0): {field => value}. */
SV *
vkpl_node_cpu_stats(virConnectPtr conn, int cpu, unsigned int flags)
{
    dTHX;
    int n = 0, i;
    virNodeCPUStatsPtr p;
    HV *hv;

    if (virNodeGetCPUStats(conn, cpu, NULL, &n, flags) < 0)
        return NULL;
    p = g_new0(virNodeCPUStats, n > 0 ? n : 1);
    if (virNodeGetCPUStats(conn, cpu, p, &n, flags) < 0) {
        g_free(p);
        return NULL;
    }
    hv = newHV();
    for (i = 0; i < n; i++)
        (void)hv_store(hv, p[i].field, strlen(p[i].field),
                       VKPL_NEW_ULL(p[i].value), 0);
    g_free(p);
    return newRV_noinc((SV *)hv);
}

/* $conn->get_node_memory_stats($cell=-1, $flags=0): {field => value}. */
SV *
vkpl_node_memory_stats(virConnectPtr conn, int cell, unsigned int flags)
{
    dTHX;
    int n = 0, i;
    virNodeMemoryStatsPtr p;
    HV *hv;

    if (virNodeGetMemoryStats(conn, cell, NULL, &n, flags) < 0)
        return NULL;
    p = g_new0(virNodeMemoryStats, n > 0 ? n : 1);
    if (virNodeGetMemoryStats(conn, cell, p, &n, flags) < 0) {
        g_free(p);
        return NULL;
    }
    hv = newHV();
    for (i = 0; i < n; i++)
        (void)hv_store(hv, p[i].field, strlen(p[i].field),
                       VKPL_NEW_ULL(p[i].value), 0);
    g_free(p);
    return newRV_noinc((SV *)hv);
}

/* $dom->get_cpu_stats($start, $count, $flags): a list of hashes, one per
 * CPU from START (START -1: one hash, the totals), as an array ref. */
SV *
vkpl_domain_cpu_stats(virDomainPtr dom, int start, unsigned int count, unsigned int flags)
{
    dTHX;
    AV *av;
    virTypedParameterPtr p;
    int per, got, i;
    unsigned int ncpus = start < 0 ? 1 : count;

    if (start >= 0 && count == 0) {
        int all = virDomainGetCPUStats(dom, NULL, 0, 0, 0, flags);
        if (all < 0)
            return NULL;
        ncpus = all > start ? (unsigned int)(all - start) : 0;
    }
    if ((per = virDomainGetCPUStats(dom, NULL, 0, start < 0 ? -1 : start, 1, flags)) < 0)
        return NULL;
    p = g_new0(virTypedParameter, (size_t)(per > 0 ? per : 1) * (ncpus ? ncpus : 1));
    got = virDomainGetCPUStats(dom, p, per, start < 0 ? -1 : start, ncpus, flags);
    if (got < 0) {
        g_free(p);
        return NULL;
    }
    av = newAV();
    if (start < 0)
        av_push(av, vkpl_params_to_hv(p, got));
    else
        for (i = 0; i < (int)ncpus; i++)
            av_push(av, vkpl_params_to_hv(p + (size_t)i * per, got));
    virTypedParamsClear(p, per * (int)ncpus);
    g_free(p);
    return newRV_noinc((SV *)av);
}
%}

/* ---- events: the default loop, a loop written in Perl, callbacks ---- */

VKPL_HANDLE(virNetworkPtr, "Sys::Virt::Network")
VKPL_HANDLE(virStoragePoolPtr, "Sys::Virt::StoragePool")
VKPL_HANDLE(virNodeDevicePtr, "Sys::Virt::NodeDevice")
VKPL_HANDLE(virSecretPtr, "Sys::Virt::Secret")

%{
/* Call CODE (a code ref) with the N mortal values ARGV; an exception in
 * it is reported as a warning (it cannot unwind through the library). */
static void
vkpl_call_perl(SV *code, SV **argv, int n)
{
    dTHX;
    dSP;
    int i;

    ENTER;
    SAVETMPS;
    PUSHMARK(SP);
    EXTEND(SP, n);
    for (i = 0; i < n; i++)
        PUSHs(argv[i]);
    PUTBACK;
    call_sv(code, G_DISCARD | G_EVAL);
    if (SvTRUE(ERRSV))
        warn("%" SVf, SVfARG(ERRSV));
    FREETMPS;
    LEAVE;
}

/* A Perl callback given to the library: the code ref, and the connection
 * object passed first to it (undef for the event loop's own callbacks). */
typedef struct {
    SV *conn;
    SV *code;
} vkpl_callback;

static vkpl_callback *
vkpl_callback_new(SV *conn, SV *code)
{
    dTHX;
    vkpl_callback *c = g_new0(vkpl_callback, 1);

    if (!SvROK(code) || SvTYPE(SvRV(code)) != SVt_PVCV)
        croak("callback must be a code reference");
    c->conn = conn ? newSVsv(conn) : NULL;
    c->code = newSVsv(code);
    return c;
}

static void
vkpl_callback_free(void *opaque)
{
    dTHX;
    vkpl_callback *c = opaque;

    if (c->conn)
        SvREFCNT_dec(c->conn);
    SvREFCNT_dec(c->code);
    g_free(c);
}

/* ---- Sys::Virt::Event::add_handle / add_timeout: Perl code refs run by
 * whichever loop is registered ---- */

static void
vkpl_handle_cb(int watch, int fd, int events, void *opaque)
{
    dTHX;
    SV *argv[3];

    argv[0] = sv_2mortal(newSViv(watch));
    argv[1] = sv_2mortal(newSViv(fd));
    argv[2] = sv_2mortal(newSViv(events));
    vkpl_call_perl(((vkpl_callback *)opaque)->code, argv, 3);
}

static void
vkpl_timeout_cb(int timer, void *opaque)
{
    dTHX;
    SV *argv[1];

    argv[0] = sv_2mortal(newSViv(timer));
    vkpl_call_perl(((vkpl_callback *)opaque)->code, argv, 1);
}

int
vkpl_event_add_handle(int fd, int events, SV *code)
{
    vkpl_callback *c = vkpl_callback_new(NULL, code);
    int watch = virEventAddHandle(fd, events, vkpl_handle_cb, c, vkpl_callback_free);

    if (watch < 0)
        vkpl_callback_free(c);
    return watch;
}

int
vkpl_event_add_timeout(int frequency, SV *code)
{
    vkpl_callback *c = vkpl_callback_new(NULL, code);
    int timer = virEventAddTimeout(frequency, vkpl_timeout_cb, c, vkpl_callback_free);

    if (timer < 0)
        vkpl_callback_free(c);
    return timer;
}

/* ---- Sys::Virt::Event::register($impl): the library calls the Perl
 * functions Sys::Virt::Event::_add_handle … (which call the methods of
 * $impl) with the C callback, its opaque data and its free function as
 * numbers; the loop gives them back to _run_handle_callback_helper … ---- */

static int
vkpl_impl_call(const char *func, SV **argv, int n)
{
    dTHX;
    dSP;
    int i, count, ret = -1;

    ENTER;
    SAVETMPS;
    PUSHMARK(SP);
    EXTEND(SP, n);
    for (i = 0; i < n; i++)
        PUSHs(argv[i]);
    PUTBACK;
    count = call_pv(func, G_SCALAR | G_EVAL);
    SPAGAIN;
    if (count == 1) {
        SV *r = POPs;
        ret = SvOK(r) ? (int)SvIV(r) : 0;
    }
    PUTBACK;
    if (SvTRUE(ERRSV)) {
        warn("%" SVf, SVfARG(ERRSV));
        ret = -1;
    }
    FREETMPS;
    LEAVE;
    return ret;
}

static int
vkpl_impl_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    dTHX;
    SV *argv[5];

    argv[0] = sv_2mortal(newSViv(fd));
    argv[1] = sv_2mortal(newSViv(events));
    argv[2] = sv_2mortal(newSViv(PTR2IV(cb)));
    argv[3] = sv_2mortal(newSViv(PTR2IV(opaque)));
    argv[4] = sv_2mortal(newSViv(PTR2IV(ff)));
    return vkpl_impl_call("Sys::Virt::Event::_add_handle", argv, 5);
}

static void
vkpl_impl_update_handle(int watch, int events)
{
    dTHX;
    SV *argv[2];

    argv[0] = sv_2mortal(newSViv(watch));
    argv[1] = sv_2mortal(newSViv(events));
    vkpl_impl_call("Sys::Virt::Event::_update_handle", argv, 2);
}

static int
vkpl_impl_remove_handle(int watch)
{
    dTHX;
    SV *argv[1];

    argv[0] = sv_2mortal(newSViv(watch));
    return vkpl_impl_call("Sys::Virt::Event::_remove_handle", argv, 1);
}

static int
vkpl_impl_add_timeout(int frequency, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    dTHX;
    SV *argv[4];

    argv[0] = sv_2mortal(newSViv(frequency));
    argv[1] = sv_2mortal(newSViv(PTR2IV(cb)));
    argv[2] = sv_2mortal(newSViv(PTR2IV(opaque)));
    argv[3] = sv_2mortal(newSViv(PTR2IV(ff)));
    return vkpl_impl_call("Sys::Virt::Event::_add_timeout", argv, 4);
}

static void
vkpl_impl_update_timeout(int timer, int frequency)
{
    dTHX;
    SV *argv[2];

    argv[0] = sv_2mortal(newSViv(timer));
    argv[1] = sv_2mortal(newSViv(frequency));
    vkpl_impl_call("Sys::Virt::Event::_update_timeout", argv, 2);
}

static int
vkpl_impl_remove_timeout(int timer)
{
    dTHX;
    SV *argv[1];

    argv[0] = sv_2mortal(newSViv(timer));
    return vkpl_impl_call("Sys::Virt::Event::_remove_timeout", argv, 1);
}

void
vkpl_event_register_impl(void)
{
    virEventRegisterImpl(vkpl_impl_add_handle, vkpl_impl_update_handle, vkpl_impl_remove_handle,
                         vkpl_impl_add_timeout, vkpl_impl_update_timeout, vkpl_impl_remove_timeout);
}

/* The numbers given to the Perl loop, back to pointers. */
static void *
vkpl_sv_ptr(SV *sv)
{
    dTHX;
    return SvOK(sv) ? INT2PTR(void *, SvIV(sv)) : NULL;
}

void
vkpl_run_handle_callback(int watch, int fd, int events, SV *cb, SV *opaque)
{
    virEventHandleCallback f = (virEventHandleCallback)vkpl_sv_ptr(cb);

    if (f)
        f(watch, fd, events, vkpl_sv_ptr(opaque));
}

void
vkpl_run_timeout_callback(int timer, SV *cb, SV *opaque)
{
    virEventTimeoutCallback f = (virEventTimeoutCallback)vkpl_sv_ptr(cb);

    if (f)
        f(timer, vkpl_sv_ptr(opaque));
}

void
vkpl_free_callback_opaque(SV *ff, SV *opaque)
{
    virFreeCallback f = (virFreeCallback)vkpl_sv_ptr(ff);

    if (f)
        f(vkpl_sv_ptr(opaque));
}

/* ---- object events: the callback gets the connection, the object, then
 * the event's own values, as Sys-Virt passes them ---- */

#define VKPL_EV_BEGIN(TYPE, obj, KLASS, REF, N) \
    dTHX; \
    vkpl_callback *c_ = opaque; \
    SV *argv[2 + (N)]; \
    int n_ = 2; \
    (void)conn; \
    REF(obj); \
    argv[0] = sv_2mortal(newSVsv(c_->conn)); \
    argv[1] = sv_2mortal(vkpl_wrap(obj, KLASS));
#define VKPL_EV_ARG(sv) argv[n_++] = sv_2mortal(sv)
#define VKPL_EV_END vkpl_call_perl(c_->code, argv, n_)
#define VKPL_STR(s) ((s) ? newSVpv((s), 0) : newSV(0))
#define VKPL_ULL(v) VKPL_NEW_ULL(v)

/* (libvirt's VIR_DOMAIN_EVENT_CALLBACK and the like, spelled out) */
#define VKPL_CB(TYPE, f) ((TYPE)(void (*)(void))(f))

#define VKPL_DOM(N) VKPL_EV_BEGIN(virDomainPtr, dom, "Sys::Virt::Domain", virDomainRef, N)

static int
vkpl_dom_lifecycle_cb(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    VKPL_DOM(2);
    VKPL_EV_ARG(newSViv(event));
    VKPL_EV_ARG(newSViv(detail));
    VKPL_EV_END;
    return 0;
}

static void
vkpl_dom_generic_cb(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    VKPL_DOM(0);
    VKPL_EV_END;
}

static void
vkpl_dom_rtc_cb(virConnectPtr conn, virDomainPtr dom, long long utcoffset, void *opaque)
{
    VKPL_DOM(1);
    VKPL_EV_ARG(VKPL_NEW_LL(utcoffset));
    VKPL_EV_END;
}

/* events carrying one int (watchdog, pm wakeup/suspend, migration …) */
static void
vkpl_dom_int_cb(virConnectPtr conn, virDomainPtr dom, int value, void *opaque)
{
    VKPL_DOM(1);
    VKPL_EV_ARG(newSViv(value));
    VKPL_EV_END;
}

/* events carrying two ints (agent lifecycle, memory failure + flags) */
static void
vkpl_dom_int2_cb(virConnectPtr conn, virDomainPtr dom, int a, int b, void *opaque)
{
    VKPL_DOM(2);
    VKPL_EV_ARG(newSViv(a));
    VKPL_EV_ARG(newSViv(b));
    VKPL_EV_END;
}

static void
vkpl_dom_memory_failure_cb(virConnectPtr conn, virDomainPtr dom, int recipient, int action,
                           unsigned int flags, void *opaque)
{
    VKPL_DOM(3);
    VKPL_EV_ARG(newSViv(recipient));
    VKPL_EV_ARG(newSViv(action));
    VKPL_EV_ARG(newSVuv(flags));
    VKPL_EV_END;
}

static void
vkpl_dom_io_error_cb(virConnectPtr conn, virDomainPtr dom, const char *src, const char *alias,
                     int action, void *opaque)
{
    VKPL_DOM(3);
    VKPL_EV_ARG(VKPL_STR(src));
    VKPL_EV_ARG(VKPL_STR(alias));
    VKPL_EV_ARG(newSViv(action));
    VKPL_EV_END;
}

static void
vkpl_dom_io_error_reason_cb(virConnectPtr conn, virDomainPtr dom, const char *src, const char *alias,
                            int action, const char *reason, void *opaque)
{
    VKPL_DOM(4);
    VKPL_EV_ARG(VKPL_STR(src));
    VKPL_EV_ARG(VKPL_STR(alias));
    VKPL_EV_ARG(newSViv(action));
    VKPL_EV_ARG(VKPL_STR(reason));
    VKPL_EV_END;
}

static SV *
vkpl_graphics_address(const virDomainEventGraphicsAddress *a)
{
    dTHX;
    HV *hv = newHV();

    (void)hv_store(hv, "family", 6, newSViv(a->family), 0);
    (void)hv_store(hv, "node", 4, VKPL_STR(a->node), 0);
    (void)hv_store(hv, "service", 7, VKPL_STR(a->service), 0);
    return newRV_noinc((SV *)hv);
}

static void
vkpl_dom_graphics_cb(virConnectPtr conn, virDomainPtr dom, int phase,
                     const virDomainEventGraphicsAddress *local,
                     const virDomainEventGraphicsAddress *remote, const char *authScheme,
                     const virDomainEventGraphicsSubject *subject, void *opaque)
{
    AV *ids;
    int i;
    VKPL_DOM(5);
    ids = newAV();
    for (i = 0; subject && i < subject->nidentity; i++) {
        HV *hv = newHV();
        (void)hv_store(hv, "type", 4, VKPL_STR(subject->identities[i].type), 0);
        (void)hv_store(hv, "name", 4, VKPL_STR(subject->identities[i].name), 0);
        av_push(ids, newRV_noinc((SV *)hv));
    }
    VKPL_EV_ARG(newSViv(phase));
    VKPL_EV_ARG(vkpl_graphics_address(local));
    VKPL_EV_ARG(vkpl_graphics_address(remote));
    VKPL_EV_ARG(VKPL_STR(authScheme));
    VKPL_EV_ARG(newRV_noinc((SV *)ids));
    VKPL_EV_END;
}

static void
vkpl_dom_block_job_cb(virConnectPtr conn, virDomainPtr dom, const char *disk, int type,
                      int status, void *opaque)
{
    VKPL_DOM(3);
    VKPL_EV_ARG(VKPL_STR(disk));
    VKPL_EV_ARG(newSViv(type));
    VKPL_EV_ARG(newSViv(status));
    VKPL_EV_END;
}

static void
vkpl_dom_disk_change_cb(virConnectPtr conn, virDomainPtr dom, const char *oldsrc,
                        const char *newsrc, const char *alias, int reason, void *opaque)
{
    VKPL_DOM(4);
    VKPL_EV_ARG(VKPL_STR(oldsrc));
    VKPL_EV_ARG(VKPL_STR(newsrc));
    VKPL_EV_ARG(VKPL_STR(alias));
    VKPL_EV_ARG(newSViv(reason));
    VKPL_EV_END;
}

static void
vkpl_dom_tray_change_cb(virConnectPtr conn, virDomainPtr dom, const char *alias, int reason, void *opaque)
{
    VKPL_DOM(2);
    VKPL_EV_ARG(VKPL_STR(alias));
    VKPL_EV_ARG(newSViv(reason));
    VKPL_EV_END;
}

static void
vkpl_dom_balloon_cb(virConnectPtr conn, virDomainPtr dom, unsigned long long actual, void *opaque)
{
    VKPL_DOM(1);
    VKPL_EV_ARG(VKPL_ULL(actual));
    VKPL_EV_END;
}

/* events carrying one string (device added / removed / removal failed) */
static void
vkpl_dom_str_cb(virConnectPtr conn, virDomainPtr dom, const char *s, void *opaque)
{
    VKPL_DOM(1);
    VKPL_EV_ARG(VKPL_STR(s));
    VKPL_EV_END;
}

static void
vkpl_dom_params_cb(virConnectPtr conn, virDomainPtr dom, virTypedParameterPtr params,
                   int nparams, void *opaque)
{
    VKPL_DOM(1);
    VKPL_EV_ARG(vkpl_params_to_hv(params, nparams));
    VKPL_EV_END;
}

static void
vkpl_dom_metadata_cb(virConnectPtr conn, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    VKPL_DOM(2);
    VKPL_EV_ARG(newSViv(type));
    VKPL_EV_ARG(VKPL_STR(nsuri));
    VKPL_EV_END;
}

static void
vkpl_dom_block_threshold_cb(virConnectPtr conn, virDomainPtr dom, const char *dev, const char *path,
                            unsigned long long threshold, unsigned long long excess, void *opaque)
{
    VKPL_DOM(4);
    VKPL_EV_ARG(VKPL_STR(dev));
    VKPL_EV_ARG(VKPL_STR(path));
    VKPL_EV_ARG(VKPL_ULL(threshold));
    VKPL_EV_ARG(VKPL_ULL(excess));
    VKPL_EV_END;
}

static void
vkpl_dom_memory_size_cb(virConnectPtr conn, virDomainPtr dom, const char *alias,
                        unsigned long long size, void *opaque)
{
    VKPL_DOM(2);
    VKPL_EV_ARG(VKPL_STR(alias));
    VKPL_EV_ARG(VKPL_ULL(size));
    VKPL_EV_END;
}

static virConnectDomainEventGenericCallback
vkpl_dom_event_cb(int id)
{
    switch (id) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_lifecycle_cb);
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_rtc_cb);
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
    case VIR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
    case VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_int_cb);
    case VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_int2_cb);
    case VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_memory_failure_cb);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_io_error_cb);
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_io_error_reason_cb);
    case VIR_DOMAIN_EVENT_ID_GRAPHICS:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_graphics_cb);
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_block_job_cb);
    case VIR_DOMAIN_EVENT_ID_DISK_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_disk_change_cb);
    case VIR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_tray_change_cb);
    case VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_balloon_cb);
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_str_cb);
    case VIR_DOMAIN_EVENT_ID_TUNABLE:
    case VIR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_params_cb);
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_metadata_cb);
    case VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_block_threshold_cb);
    case VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_memory_size_cb);
    default:
        /* reboot, control error, and those this binding does not know:
         * the connection and the domain only */
        return VKPL_CB(virConnectDomainEventGenericCallback, vkpl_dom_generic_cb);
    }
}

int
vkpl_domain_event_register_any(SV *self, virDomainPtr dom, int id, SV *code)
{
    virConnectPtr conn = vkpl_unwrap(self, "Sys::Virt");
    vkpl_callback *c = vkpl_callback_new(self, code);
    int ret = virConnectDomainEventRegisterAny(conn, dom, id, vkpl_dom_event_cb(id), c,
                                               vkpl_callback_free);

    if (ret < 0)
        vkpl_callback_free(c);
    return ret;
}

int
vkpl_domain_event_register(SV *self, SV *code)
{
    virConnectPtr conn = vkpl_unwrap(self, "Sys::Virt");
    vkpl_callback *c = vkpl_callback_new(self, code);
    int ret = virConnectDomainEventRegister(conn, vkpl_dom_lifecycle_cb, c, vkpl_callback_free);

    if (ret < 0)
        vkpl_callback_free(c);
    return ret;
}

int
vkpl_domain_event_deregister(virConnectPtr conn)
{
    return virConnectDomainEventDeregister(conn, vkpl_dom_lifecycle_cb);
}

/* The other objects' events: lifecycle (event, detail) or nothing more. */
#define VKPL_OBJ_EVENTS(NAME, PTR, KLASS, REF, FUNC, CAST, LIFECYCLE_ID) \
static void \
vkpl_##NAME##_lifecycle_cb(virConnectPtr conn, PTR obj, int event, int detail, void *opaque) \
{ \
    VKPL_EV_BEGIN(PTR, obj, KLASS, REF, 2); \
    VKPL_EV_ARG(newSViv(event)); \
    VKPL_EV_ARG(newSViv(detail)); \
    VKPL_EV_END; \
} \
static void \
vkpl_##NAME##_generic_cb(virConnectPtr conn, PTR obj, void *opaque) \
{ \
    VKPL_EV_BEGIN(PTR, obj, KLASS, REF, 0); \
    VKPL_EV_END; \
} \
int \
vkpl_##NAME##_event_register_any(SV *self, PTR obj, int id, SV *code) \
{ \
    virConnectPtr conn = vkpl_unwrap(self, "Sys::Virt"); \
    vkpl_callback *c = vkpl_callback_new(self, code); \
    int ret = FUNC(conn, obj, id, id == LIFECYCLE_ID ? CAST(vkpl_##NAME##_lifecycle_cb) \
                                                     : CAST(vkpl_##NAME##_generic_cb), \
                   c, vkpl_callback_free); \
    if (ret < 0) \
        vkpl_callback_free(c); \
    return ret; \
}

VKPL_OBJ_EVENTS(network, virNetworkPtr, "Sys::Virt::Network", virNetworkRef,
                virConnectNetworkEventRegisterAny, (virConnectNetworkEventGenericCallback),
                VIR_NETWORK_EVENT_ID_LIFECYCLE)
VKPL_OBJ_EVENTS(storage_pool, virStoragePoolPtr, "Sys::Virt::StoragePool", virStoragePoolRef,
                virConnectStoragePoolEventRegisterAny, (virConnectStoragePoolEventGenericCallback),
                VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE)
VKPL_OBJ_EVENTS(node_device, virNodeDevicePtr, "Sys::Virt::NodeDevice", virNodeDeviceRef,
                virConnectNodeDeviceEventRegisterAny, (virConnectNodeDeviceEventGenericCallback),
                VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE)
VKPL_OBJ_EVENTS(secret, virSecretPtr, "Sys::Virt::Secret", virSecretRef,
                virConnectSecretEventRegisterAny, (virConnectSecretEventGenericCallback),
                VIR_SECRET_EVENT_ID_LIFECYCLE)
%}

%define VKPL_RAISE_NEG(NAME)
%exception NAME {
    $action
    if (result < 0) {
        vkpl_raise();
        SWIG_fail;
    }
}
%enddef
VKPL_RAISE_NEG(vkpl_event_add_handle)
VKPL_RAISE_NEG(vkpl_event_add_timeout)
VKPL_RAISE_NEG(vkpl_domain_event_register_any)
VKPL_RAISE_NEG(vkpl_domain_event_register)
VKPL_RAISE_NEG(vkpl_domain_event_deregister)
VKPL_RAISE_NEG(vkpl_network_event_register_any)
VKPL_RAISE_NEG(vkpl_storage_pool_event_register_any)
VKPL_RAISE_NEG(vkpl_node_device_event_register_any)
VKPL_RAISE_NEG(vkpl_secret_event_register_any)

int vkpl_event_add_handle(int fd, int events, SV *code);
int vkpl_event_add_timeout(int frequency, SV *code);
void vkpl_event_register_impl(void);
void vkpl_run_handle_callback(int watch, int fd, int events, SV *cb, SV *opaque);
void vkpl_run_timeout_callback(int timer, SV *cb, SV *opaque);
void vkpl_free_callback_opaque(SV *ff, SV *opaque);
int vkpl_domain_event_register_any(SV *self, virDomainPtr dom, int id, SV *code);
int vkpl_domain_event_register(SV *self, SV *code);
int vkpl_domain_event_deregister(virConnectPtr conn);
int vkpl_network_event_register_any(SV *self, virNetworkPtr obj, int id, SV *code);
int vkpl_storage_pool_event_register_any(SV *self, virStoragePoolPtr obj, int id, SV *code);
int vkpl_node_device_event_register_any(SV *self, virNodeDevicePtr obj, int id, SV *code);
int vkpl_secret_event_register_any(SV *self, virSecretPtr obj, int id, SV *code);



/* ---- streams: data as Perl strings, handlers as code refs ---- */

VKPL_HANDLE(virStreamPtr, "Sys::Virt::Stream")

%{
/* $st->recv($data, $nbytes, $flags=0): DATA (the caller's variable) gets
 * what arrived; the count, 0 at the end, -2 when it would block. */
int
vkpl_stream_recv(virStreamPtr st, SV *data, size_t nbytes, unsigned int flags)
{
    dTHX;
    char *buf = g_malloc(nbytes ? nbytes : 1);
    int rc = flags ? virStreamRecvFlags(st, buf, nbytes, flags) : virStreamRecv(st, buf, nbytes);

    if (rc >= 0)
        sv_setpvn(data, buf, rc);
    g_free(buf);
    return rc;
}

/* $st->send($data, $nbytes): at most NBYTES of DATA; the count sent. */
int
vkpl_stream_send(virStreamPtr st, SV *data, size_t nbytes)
{
    dTHX;
    STRLEN len;
    const char *buf = SvPV(data, len);

    return virStreamSend(st, buf, nbytes < len ? nbytes : len);
}

typedef struct {
    SV *stream;
    SV *code;
} vkpl_stream_handler;

/* Call the handler with ($st, $data, $nbytes); its number back (-1 when
 * it dies).  DATA stays the SV the handler may have assigned to. */
static int
vkpl_stream_call(vkpl_stream_handler *h, SV *data, size_t nbytes)
{
    dTHX;
    dSP;
    int count, ret = -1;

    PUSHMARK(SP);
    EXTEND(SP, 3);
    PUSHs(h->stream);
    PUSHs(data);
    PUSHs(sv_2mortal(newSVuv(nbytes)));
    PUTBACK;
    count = call_sv(h->code, G_SCALAR | G_EVAL);
    SPAGAIN;
    if (count == 1) {
        SV *r = POPs;
        ret = SvOK(r) ? (int)SvIV(r) : -1;
    }
    PUTBACK;
    if (SvTRUE(ERRSV))
        ret = -1;
    return ret;
}

static int
vkpl_stream_sink(virStreamPtr st, const char *bytes, size_t nbytes, void *opaque)
{
    dTHX;
    int ret;

    ENTER;
    SAVETMPS;
    ret = vkpl_stream_call(opaque, sv_2mortal(newSVpvn(bytes, nbytes)), nbytes);
    FREETMPS;
    LEAVE;
    return ret;
}

static int
vkpl_stream_source(virStreamPtr st, char *bytes, size_t nbytes, void *opaque)
{
    dTHX;
    SV *data;
    int ret;

    ENTER;
    SAVETMPS;
    data = sv_2mortal(newSVpvn("", 0));
    ret = vkpl_stream_call(opaque, data, nbytes);
    if (ret > 0) {
        STRLEN len;
        const char *s = SvPV(data, len);
        if ((size_t)ret > len)
            ret = (int)len;
        if ((size_t)ret > nbytes)
            ret = (int)nbytes;
        memcpy(bytes, s, ret);
    }
    FREETMPS;
    LEAVE;
    return ret;
}

/* $st->recv_all($handler): $handler->($st, $data, $nbytes) for each piece
 * until the end, returning how much it took (< 0 gives up). */
int
vkpl_stream_recv_all(SV *self, SV *code)
{
    vkpl_stream_handler h = { self, code };

    return virStreamRecvAll(vkpl_unwrap(self, "Sys::Virt::Stream"), vkpl_stream_sink, &h);
}

/* $st->send_all($handler): $handler->($st, $data, $nbytes) fills $data
 * (its second argument) and returns its length, 0 at the end. */
int
vkpl_stream_send_all(SV *self, SV *code)
{
    vkpl_stream_handler h = { self, code };

    return virStreamSendAll(vkpl_unwrap(self, "Sys::Virt::Stream"), vkpl_stream_source, &h);
}
%}

%exception vkpl_stream_recv {
    $action
    if (result == -1) {
        vkpl_raise();
        SWIG_fail;
    }
}
%exception vkpl_stream_send {
    $action
    if (result == -1) {
        vkpl_raise();
        SWIG_fail;
    }
}
VKPL_RAISE_NEG(vkpl_stream_recv_all)
VKPL_RAISE_NEG(vkpl_stream_send_all)

int vkpl_stream_recv(virStreamPtr st, SV *data, size_t nbytes, unsigned int flags = 0);
int vkpl_stream_send(virStreamPtr st, SV *data, size_t nbytes);
int vkpl_stream_recv_all(SV *self, SV *code);
int vkpl_stream_send_all(SV *self, SV *code);

/* ---- CPU maps, guest agent data, peeks, node memory, domain stats ---- */

%define VKPL_RAISE_NULL(NAME)
%exception NAME {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}
%enddef

VKPL_RAISE_NULL(vkpl_domain_vcpu_info)
VKPL_RAISE_NULL(vkpl_domain_emulator_pin_info)
VKPL_RAISE_NULL(vkpl_domain_iothread_info)
VKPL_RAISE_NULL(vkpl_domain_memory_stats)
VKPL_RAISE_NULL(vkpl_domain_fs_info)
VKPL_RAISE_NULL(vkpl_domain_interface_addresses)
VKPL_RAISE_NULL(vkpl_domain_block_peek)
VKPL_RAISE_NULL(vkpl_domain_memory_peek)
VKPL_RAISE_NULL(vkpl_domain_get_time)
VKPL_RAISE_NULL(vkpl_node_cells_free_memory)
VKPL_RAISE_NULL(vkpl_node_cpu_map)
VKPL_RAISE_NULL(vkpl_node_free_pages)
VKPL_RAISE_NULL(vkpl_cpu_model_names)
VKPL_RAISE_NULL(vkpl_all_domain_stats)
VKPL_RAISE_NULL(vkpl_secret_get_value)
VKPL_RAISE_NULL(vkpl_network_dhcp_leases)
VKPL_RAISE_NEG(vkpl_domain_pin)
VKPL_RAISE_NEG(vkpl_domain_fs_freeze_thaw)
VKPL_RAISE_NEG(vkpl_domain_send_key)
VKPL_RAISE_NEG(vkpl_secret_set_value)

SV *vkpl_domain_vcpu_info(virDomainPtr dom, unsigned int flags);
int vkpl_domain_pin(virDomainPtr dom, int what, unsigned int id, SV *mask, unsigned int flags);
SV *vkpl_domain_emulator_pin_info(virDomainPtr dom, unsigned int flags);
SV *vkpl_domain_iothread_info(virDomainPtr dom, unsigned int flags);
SV *vkpl_domain_memory_stats(virDomainPtr dom, unsigned int flags);
SV *vkpl_domain_fs_info(virDomainPtr dom, unsigned int flags);
int vkpl_domain_fs_freeze_thaw(virDomainPtr dom, int thaw, SV *mounts, unsigned int flags);
SV *vkpl_domain_interface_addresses(virDomainPtr dom, unsigned int source, unsigned int flags);
SV *vkpl_domain_block_peek(virDomainPtr dom, const char *disk, unsigned long long offset, size_t size, unsigned int flags);
SV *vkpl_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size, unsigned int flags);
int vkpl_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime, SV *keys, unsigned int flags);
SV *vkpl_domain_get_time(virDomainPtr dom, unsigned int flags);
SV *vkpl_node_cells_free_memory(virConnectPtr conn, int start, int max);
SV *vkpl_node_cpu_map(virConnectPtr conn, unsigned int flags);
SV *vkpl_node_free_pages(virConnectPtr conn, SV *pages, int start, unsigned int count, unsigned int flags);
SV *vkpl_cpu_model_names(virConnectPtr conn, const char *arch, unsigned int flags);
SV *vkpl_all_domain_stats(virConnectPtr conn, unsigned int stats, SV *doms, unsigned int flags);
SV *vkpl_secret_get_value(virSecretPtr sec, unsigned int flags);
int vkpl_secret_set_value(virSecretPtr sec, SV *value, unsigned int flags);
SV *vkpl_network_dhcp_leases(virNetworkPtr net, const char *mac, unsigned int flags);

%{
/* The bytes of a CPU bitmap covering the host's CPUs, counted as Sys-Virt
 * does (nodes x sockets x cores x threads; -1: an error). */
static int
vkpl_host_maplen(virConnectPtr conn)
{
    virNodeInfo ni;

    if (virNodeGetInfo(conn, &ni) < 0)
        return -1;
    return VIR_CPU_MAPLEN(VIR_NODEINFO_MAXCPUS(ni));
}

static SV *
vkpl_u64(unsigned long long v)
{
    dTHX;
    return VKPL_NEW_ULL(v);
}

#define VKPL_HSTORE(hv, key, sv) (void)hv_store((hv), (key), strlen(key), (sv), 0)

/* $dom->get_vcpu_info($flags=0): [{number, state, cpuTime, cpu, affinity}]
 * from virDomainGetVcpus; with flags, or an inactive domain, from the pin
 * information only (state, cpuTime and cpu 0). */
SV *
vkpl_domain_vcpu_info(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    virDomainInfo di;
    virVcpuInfoPtr info = NULL;
    unsigned char *maps;
    int maplen, n = -1, i;
    AV *av;

    if (virDomainGetInfo(dom, &di) < 0 ||
        (maplen = vkpl_host_maplen(virDomainGetConnect(dom))) < 0)
        return NULL;
    maps = g_new0(unsigned char, (size_t)maplen * (di.nrVirtCpu ? di.nrVirtCpu : 1));
    if (!flags) {
        info = g_new0(virVcpuInfo, di.nrVirtCpu ? di.nrVirtCpu : 1);
        n = virDomainGetVcpus(dom, info, di.nrVirtCpu, maps, maplen);
        if (n < 0) {
            virErrorPtr err = virGetLastError();
            g_free(info);
            info = NULL;
            if (!err || err->code != VIR_ERR_OPERATION_INVALID) {
                g_free(maps);
                return NULL;
            }
        }
    }
    if (!info) {
        n = virDomainGetVcpuPinInfo(dom, di.nrVirtCpu, maps, maplen, flags);
        if (n < 0) {
            g_free(maps);
            return NULL;
        }
    }
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        VKPL_HSTORE(hv, "number", newSViv(info ? info[i].number : i));
        VKPL_HSTORE(hv, "state", newSViv(info ? info[i].state : 0));
        VKPL_HSTORE(hv, "cpuTime", vkpl_u64(info ? info[i].cpuTime : 0));
        VKPL_HSTORE(hv, "cpu", newSViv(info ? info[i].cpu : 0));
        VKPL_HSTORE(hv, "affinity", newSVpvn((char *)maps + (size_t)i * maplen, maplen));
        av_push(av, newRV_noinc((SV *)hv));
    }
    g_free(info);
    g_free(maps);
    return newRV_noinc((SV *)av);
}

/* pin_vcpu (WHAT 0), pin_emulator (1), pin_iothread (2): MASK a byte string. */
int
vkpl_domain_pin(virDomainPtr dom, int what, unsigned int id, SV *mask, unsigned int flags)
{
    dTHX;
    STRLEN len;
    unsigned char *map = (unsigned char *)SvPV(mask, len);

    switch (what) {
    case 0:
        return flags ? virDomainPinVcpuFlags(dom, id, map, (int)len, flags)
                     : virDomainPinVcpu(dom, id, map, (int)len);
    case 1:
        return virDomainPinEmulator(dom, map, (int)len, flags);
    default:
        return virDomainPinIOThread(dom, id, map, (int)len, flags);
    }
}

SV *
vkpl_domain_emulator_pin_info(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    int maplen = vkpl_host_maplen(virDomainGetConnect(dom));
    unsigned char *map;
    SV *sv;

    if (maplen < 0)
        return NULL;
    map = g_new0(unsigned char, maplen ? maplen : 1);
    if (virDomainGetEmulatorPinInfo(dom, map, maplen, flags) < 0) {
        g_free(map);
        return NULL;
    }
    sv = newSVpvn((char *)map, maplen);
    g_free(map);
    return sv;
}

SV *
vkpl_domain_iothread_info(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    virDomainIOThreadInfoPtr *info = NULL;
    int n = virDomainGetIOThreadInfo(dom, &info, flags), i;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        VKPL_HSTORE(hv, "number", newSVuv(info[i]->iothread_id));
        VKPL_HSTORE(hv, "affinity", newSVpvn((char *)info[i]->cpumap, info[i]->cpumaplen));
        av_push(av, newRV_noinc((SV *)hv));
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
    return newRV_noinc((SV *)av);
}

/* $dom->memory_stats($flags=0): {swap_in => …} under Sys-Virt's names. */
SV *
vkpl_domain_memory_stats(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    static const char *const names[] = {
        [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
        [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
        [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
        [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
        [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
        [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
        [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual_balloon",
        [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
        [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
        [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
        [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
        [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
    };
    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    int n = virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, flags), i;
    HV *hv;

    if (n < 0)
        return NULL;
    hv = newHV();
    for (i = 0; i < n; i++)
        if (st[i].tag >= 0 && st[i].tag < (int)G_N_ELEMENTS(names) && names[st[i].tag])
            VKPL_HSTORE(hv, names[st[i].tag], vkpl_u64(st[i].val));
    return newRV_noinc((SV *)hv);
}

SV *
vkpl_domain_fs_info(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    virDomainFSInfoPtr *info = NULL;
    int n = virDomainGetFSInfo(dom, &info, flags), i;
    size_t j;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        AV *aliases = newAV();
        for (j = 0; j < info[i]->ndevAlias; j++)
            av_push(aliases, newSVpv(info[i]->devAlias[j], 0));
        VKPL_HSTORE(hv, "mountpoint", newSVpv(info[i]->mountpoint, 0));
        VKPL_HSTORE(hv, "name", newSVpv(info[i]->name, 0));
        VKPL_HSTORE(hv, "fstype", newSVpv(info[i]->fstype, 0));
        VKPL_HSTORE(hv, "devalias", newRV_noinc((SV *)aliases));
        av_push(av, newRV_noinc((SV *)hv));
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    return newRV_noinc((SV *)av);
}

/* The strings of an array reference (NULL-terminated; *N their count). */
static char **
vkpl_strv(SV *ref, unsigned int *n)
{
    dTHX;
    AV *av;
    char **v;
    SSize_t i, len;

    *n = 0;
    if (!SvOK(ref))
        return g_new0(char *, 1);
    if (!SvROK(ref) || SvTYPE(SvRV(ref)) != SVt_PVAV)
        croak("expected an array reference");
    av = (AV *)SvRV(ref);
    len = av_len(av) + 1;
    v = g_new0(char *, len + 1);
    for (i = 0; i < len; i++) {
        SV **e = av_fetch(av, i, 0);
        v[i] = g_strdup(e && SvOK(*e) ? SvPV_nolen(*e) : "");
    }
    *n = (unsigned int)len;
    return v;
}

int
vkpl_domain_fs_freeze_thaw(virDomainPtr dom, int thaw, SV *mounts, unsigned int flags)
{
    unsigned int n;
    char **v = vkpl_strv(mounts, &n);
    int rc = thaw ? virDomainFSThaw(dom, n ? (const char **)v : NULL, n, flags)
                  : virDomainFSFreeze(dom, n ? (const char **)v : NULL, n, flags);
    g_strfreev(v);
    return rc;
}

SV *
vkpl_domain_interface_addresses(virDomainPtr dom, unsigned int source, unsigned int flags)
{
    dTHX;
    virDomainInterfacePtr *ifaces = NULL;
    int n = virDomainInterfaceAddresses(dom, &ifaces, source, flags), i;
    size_t j;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        AV *addrs = newAV();
        for (j = 0; j < ifaces[i]->naddrs; j++) {
            HV *a = newHV();
            VKPL_HSTORE(a, "type", newSViv(ifaces[i]->addrs[j].type));
            VKPL_HSTORE(a, "addr", newSVpv(ifaces[i]->addrs[j].addr, 0));
            VKPL_HSTORE(a, "prefix", newSVuv(ifaces[i]->addrs[j].prefix));
            av_push(addrs, newRV_noinc((SV *)a));
        }
        VKPL_HSTORE(hv, "name", newSVpv(ifaces[i]->name, 0));
        VKPL_HSTORE(hv, "hwaddr", ifaces[i]->hwaddr ? newSVpv(ifaces[i]->hwaddr, 0) : newSV(0));
        VKPL_HSTORE(hv, "addrs", newRV_noinc((SV *)addrs));
        av_push(av, newRV_noinc((SV *)hv));
        virDomainInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    return newRV_noinc((SV *)av);
}

SV *
vkpl_domain_block_peek(virDomainPtr dom, const char *disk, unsigned long long offset, size_t size, unsigned int flags)
{
    dTHX;
    char *buf = g_malloc0(size ? size : 1);
    SV *sv = NULL;

    if (virDomainBlockPeek(dom, disk, offset, size, buf, flags) >= 0)
        sv = newSVpvn(buf, size);
    g_free(buf);
    return sv;
}

SV *
vkpl_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size, unsigned int flags)
{
    dTHX;
    char *buf = g_malloc0(size ? size : 1);
    SV *sv = NULL;

    if (virDomainMemoryPeek(dom, start, size, buf, flags) >= 0)
        sv = newSVpvn(buf, size);
    g_free(buf);
    return sv;
}

int
vkpl_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime, SV *keys, unsigned int flags)
{
    dTHX;
    unsigned int codes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    AV *av;
    SSize_t i, n;

    if (!SvROK(keys) || SvTYPE(SvRV(keys)) != SVt_PVAV)
        croak("keycodes must be an array reference");
    av = (AV *)SvRV(keys);
    n = av_len(av) + 1;
    if (n > VIR_DOMAIN_SEND_KEY_MAX_KEYS)
        n = VIR_DOMAIN_SEND_KEY_MAX_KEYS + 1;   /* the library reports it */
    for (i = 0; i < n && i < VIR_DOMAIN_SEND_KEY_MAX_KEYS; i++) {
        SV **e = av_fetch(av, i, 0);
        codes[i] = e ? (unsigned int)SvUV(*e) : 0;
    }
    return virDomainSendKey(dom, codeset, holdtime, codes, (int)n, flags);
}

/* $dom->get_time($flags=0): [seconds, nanoseconds]. */
SV *
vkpl_domain_get_time(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    long long secs = 0;
    unsigned int nsecs = 0;
    AV *av;

    if (virDomainGetTime(dom, &secs, &nsecs, flags) < 0)
        return NULL;
    av = newAV();
    av_push(av, newSViv((IV)secs));
    av_push(av, newSVuv(nsecs));
    return newRV_noinc((SV *)av);
}

SV *
vkpl_node_cells_free_memory(virConnectPtr conn, int start, int max)
{
    dTHX;
    unsigned long long *mem = g_new0(unsigned long long, max > 0 ? max : 1);
    int n = virNodeGetCellsFreeMemory(conn, mem, start, max), i;
    AV *av;

    if (n < 0) {
        g_free(mem);
        return NULL;
    }
    av = newAV();
    for (i = 0; i < n; i++)
        av_push(av, vkpl_u64(mem[i]));
    g_free(mem);
    return newRV_noinc((SV *)av);
}

/* $conn->get_node_cpu_map($flags=0): (total, online bitmap, online count). */
SV *
vkpl_node_cpu_map(virConnectPtr conn, unsigned int flags)
{
    dTHX;
    unsigned char *map = NULL;
    unsigned int online = 0;
    int n = virNodeGetCPUMap(conn, &map, &online, flags);
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    av_push(av, newSViv(n));
    av_push(av, newSVpvn((char *)map, VIR_CPU_MAPLEN(n)));
    av_push(av, newSVuv(online));
    free(map);
    return newRV_noinc((SV *)av);
}

/* $conn->get_node_free_pages(\@pagesizes, $start, $count, $flags=0):
 * [{cell => N, pages => {size => free}}]. */
SV *
vkpl_node_free_pages(virConnectPtr conn, SV *pages, int start, unsigned int count, unsigned int flags)
{
    dTHX;
    AV *in, *av;
    unsigned int *sizes, i, j, npages;
    unsigned long long *counts;
    int rc;

    if (!SvROK(pages) || SvTYPE(SvRV(pages)) != SVt_PVAV)
        croak("pagesizes must be an array reference");
    in = (AV *)SvRV(pages);
    npages = (unsigned int)(av_len(in) + 1);
    sizes = g_new0(unsigned int, npages ? npages : 1);
    for (i = 0; i < npages; i++) {
        SV **e = av_fetch(in, i, 0);
        sizes[i] = e ? (unsigned int)SvUV(*e) : 0;
    }
    counts = g_new0(unsigned long long, (size_t)(npages ? npages : 1) * (count ? count : 1));
    rc = virNodeGetFreePages(conn, npages, sizes, start, count, counts, flags);
    if (rc < 0) {
        g_free(sizes);
        g_free(counts);
        return NULL;
    }
    av = newAV();
    for (i = 0; i < count; i++) {
        HV *cell = newHV(), *ph = newHV();
        for (j = 0; j < npages; j++) {
            char key[32];
            g_snprintf(key, sizeof(key), "%u", sizes[j]);
            VKPL_HSTORE(ph, key, vkpl_u64(counts[(size_t)i * npages + j]));
        }
        VKPL_HSTORE(cell, "cell", newSViv(start + (int)i));
        VKPL_HSTORE(cell, "pages", newRV_noinc((SV *)ph));
        av_push(av, newRV_noinc((SV *)cell));
    }
    g_free(sizes);
    g_free(counts);
    return newRV_noinc((SV *)av);
}

SV *
vkpl_cpu_model_names(virConnectPtr conn, const char *arch, unsigned int flags)
{
    dTHX;
    char **models = NULL;
    int n = virConnectGetCPUModelNames(conn, arch, &models, flags), i;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        av_push(av, newSVpv(models[i], 0));
        free(models[i]);
    }
    free(models);
    return newRV_noinc((SV *)av);
}

/* $conn->get_all_domain_stats($stats, \@doms=undef, $flags=0):
 * [{dom => Sys::Virt::Domain, data => {field => value}}]. */
SV *
vkpl_all_domain_stats(virConnectPtr conn, unsigned int stats, SV *doms, unsigned int flags)
{
    dTHX;
    virDomainStatsRecordPtr *recs = NULL;
    int n, i;
    AV *av;

    if (SvOK(doms)) {
        AV *in;
        virDomainPtr *list;
        SSize_t k, len;
        if (!SvROK(doms) || SvTYPE(SvRV(doms)) != SVt_PVAV)
            croak("doms must be an array reference");
        in = (AV *)SvRV(doms);
        len = av_len(in) + 1;
        list = g_new0(virDomainPtr, len + 1);
        for (k = 0; k < len; k++) {
            SV **e = av_fetch(in, k, 0);
            list[k] = e ? (virDomainPtr)vkpl_unwrap(*e, "Sys::Virt::Domain") : NULL;
        }
        n = virDomainListGetStats(list, stats, &recs, flags);
        g_free(list);
    } else {
        n = virConnectGetAllDomainStats(conn, stats, &recs, flags);
    }
    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        virDomainRef(recs[i]->dom);
        VKPL_HSTORE(hv, "dom", vkpl_wrap(recs[i]->dom, "Sys::Virt::Domain"));
        VKPL_HSTORE(hv, "data", vkpl_params_to_hv(recs[i]->params, recs[i]->nparams));
        av_push(av, newRV_noinc((SV *)hv));
    }
    virDomainStatsRecordListFree(recs);
    return newRV_noinc((SV *)av);
}

SV *
vkpl_secret_get_value(virSecretPtr sec, unsigned int flags)
{
    dTHX;
    size_t size = 0;
    unsigned char *v = virSecretGetValue(sec, &size, flags);
    SV *sv;

    if (!v)
        return NULL;
    sv = newSVpvn((char *)v, size);
    free(v);
    return sv;
}

int
vkpl_secret_set_value(virSecretPtr sec, SV *value, unsigned int flags)
{
    dTHX;
    STRLEN len;
    const char *v = SvPV(value, len);

    return virSecretSetValue(sec, (const unsigned char *)v, len, flags);
}

SV *
vkpl_network_dhcp_leases(virNetworkPtr net, const char *mac, unsigned int flags)
{
    dTHX;
    virNetworkDHCPLeasePtr *leases = NULL;
    int n = virNetworkGetDHCPLeases(net, mac, &leases, flags), i;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        virNetworkDHCPLeasePtr l = leases[i];
        HV *hv = newHV();
        VKPL_HSTORE(hv, "iface", newSVpv(l->iface, 0));
        VKPL_HSTORE(hv, "expirytime", newSViv((IV)l->expirytime));
        VKPL_HSTORE(hv, "type", newSViv(l->type));
        VKPL_HSTORE(hv, "mac", l->mac ? newSVpv(l->mac, 0) : newSV(0));
        VKPL_HSTORE(hv, "iaid", l->iaid ? newSVpv(l->iaid, 0) : newSV(0));
        VKPL_HSTORE(hv, "ipaddr", newSVpv(l->ipaddr, 0));
        VKPL_HSTORE(hv, "prefix", newSVuv(l->prefix));
        VKPL_HSTORE(hv, "hostname", l->hostname ? newSVpv(l->hostname, 0) : newSV(0));
        VKPL_HSTORE(hv, "clientid", l->clientid ? newSVpv(l->clientid, 0) : newSV(0));
        av_push(av, newRV_noinc((SV *)hv));
        virNetworkDHCPLeaseFree(l);
    }
    free(leases);
    return newRV_noinc((SV *)av);
}
%}

/* ---- typed parameters with no getter: the fields each function takes,
 * with their types, as libvirt documents them ---- */


%{
typedef struct {
    const char *field;
    int type;
} vkpl_field;

#define VKPL_S VIR_TYPED_PARAM_STRING
#define VKPL_I VIR_TYPED_PARAM_INT
#define VKPL_U VIR_TYPED_PARAM_UINT
#define VKPL_L VIR_TYPED_PARAM_LLONG
#define VKPL_UL VIR_TYPED_PARAM_ULLONG

static const vkpl_field vkpl_migrate_fields[] = {
    { VIR_MIGRATE_PARAM_URI, VKPL_S },
    { VIR_MIGRATE_PARAM_DEST_NAME, VKPL_S },
    { VIR_MIGRATE_PARAM_DEST_XML, VKPL_S },
    { VIR_MIGRATE_PARAM_PERSIST_XML, VKPL_S },
    { VIR_MIGRATE_PARAM_BANDWIDTH, VKPL_UL },
    { VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY, VKPL_UL },
    { VIR_MIGRATE_PARAM_GRAPHICS_URI, VKPL_S },
    { VIR_MIGRATE_PARAM_LISTEN_ADDRESS, VKPL_S },
    { VIR_MIGRATE_PARAM_MIGRATE_DISKS, VKPL_S },
    { VIR_MIGRATE_PARAM_DISKS_PORT, VKPL_I },
    { VIR_MIGRATE_PARAM_DISKS_URI, VKPL_S },
    { VIR_MIGRATE_PARAM_COMPRESSION, VKPL_S },
    { VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL, VKPL_I },
    { VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS, VKPL_I },
    { VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS, VKPL_I },
    { VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE, VKPL_UL },
    { VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL, VKPL_I },
    { VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT, VKPL_I },
    { VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS, VKPL_I },
    { VIR_MIGRATE_PARAM_TLS_DESTINATION, VKPL_S },
    { NULL, 0 },
};

static const vkpl_field vkpl_block_copy_fields[] = {
    { VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, VKPL_UL },
    { VIR_DOMAIN_BLOCK_COPY_GRANULARITY, VKPL_U },
    { VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, VKPL_UL },
    { NULL, 0 },
};

static const vkpl_field vkpl_save_fields[] = {
    { VIR_DOMAIN_SAVE_PARAM_FILE, VKPL_S },
    { VIR_DOMAIN_SAVE_PARAM_DXML, VKPL_S },
    { NULL, 0 },
};

static const vkpl_field vkpl_iothread_fields[] = {
    { VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VKPL_UL },
    { VIR_DOMAIN_IOTHREAD_POLL_GROW, VKPL_U },
    { VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VKPL_U },
    { VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, VKPL_I },
    { VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, VKPL_I },
    { NULL, 0 },
};

static const vkpl_field vkpl_launch_security_fields[] = {
    { VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET, VKPL_S },
    { VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER, VKPL_S },
    { VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS, VKPL_UL },
    { NULL, 0 },
};

static const vkpl_field vkpl_identity_fields[] = {
    { VIR_CONNECT_IDENTITY_USER_NAME, VKPL_S },
    { VIR_CONNECT_IDENTITY_UNIX_USER_ID, VKPL_UL },
    { VIR_CONNECT_IDENTITY_GROUP_NAME, VKPL_S },
    { VIR_CONNECT_IDENTITY_UNIX_GROUP_ID, VKPL_UL },
    { VIR_CONNECT_IDENTITY_PROCESS_ID, VKPL_L },
    { VIR_CONNECT_IDENTITY_PROCESS_TIME, VKPL_UL },
    { VIR_CONNECT_IDENTITY_SASL_USER_NAME, VKPL_S },
    { VIR_CONNECT_IDENTITY_X509_DISTINGUISHED_NAME, VKPL_S },
    { VIR_CONNECT_IDENTITY_SELINUX_CONTEXT, VKPL_S },
    { NULL, 0 },
};

/* The fields of HVREF that TABLE names, as typed parameters (croaks when
 * HVREF is not a hash reference; undef is no parameters). */
static void
vkpl_params_of(SV *hvref, const vkpl_field *table, virTypedParameterPtr *ret, int *nret)
{
    dTHX;
    virTypedParameter templ[32];
    int n = 0;

    *ret = NULL;
    *nret = 0;
    if (!SvOK(hvref))
        return;
    memset(templ, 0, sizeof(templ));
    for (; table[n].field && n < (int)G_N_ELEMENTS(templ); n++) {
        g_strlcpy(templ[n].field, table[n].field, sizeof(templ[n].field));
        templ[n].type = table[n].type;
    }
    if (vkpl_params_from_hv(hvref, templ, n, ret, nret) < 0)
        croak("params must be a hash reference");
}

virDomainPtr
vkpl_domain_migrate3(virDomainPtr dom, virConnectPtr dconn, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n;
    virDomainPtr ret;

    vkpl_params_of(params, vkpl_migrate_fields, &p, &n);
    ret = virDomainMigrate3(dom, dconn, p, n, flags);
    virTypedParamsFree(p, n);
    return ret;
}

int
vkpl_domain_migrate_to_uri3(virDomainPtr dom, const char *dconnuri, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_migrate_fields, &p, &n);
    rc = virDomainMigrateToURI3(dom, dconnuri, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_domain_block_copy(virDomainPtr dom, const char *disk, const char *destxml, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_block_copy_fields, &p, &n);
    rc = virDomainBlockCopy(dom, disk, destxml, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_domain_save_params(virDomainPtr dom, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_save_fields, &p, &n);
    rc = virDomainSaveParams(dom, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_restore_params(virConnectPtr conn, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_save_fields, &p, &n);
    rc = virDomainRestoreParams(conn, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_domain_set_iothread(virDomainPtr dom, unsigned int id, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_iothread_fields, &p, &n);
    rc = virDomainSetIOThreadParams(dom, id, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_domain_set_launch_security_state(virDomainPtr dom, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_launch_security_fields, &p, &n);
    rc = virDomainSetLaunchSecurityState(dom, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

int
vkpl_set_identity(virConnectPtr conn, SV *params, unsigned int flags)
{
    virTypedParameterPtr p;
    int n, rc;

    vkpl_params_of(params, vkpl_identity_fields, &p, &n);
    rc = virConnectSetIdentity(conn, p, n, flags);
    virTypedParamsFree(p, n);
    return rc;
}

/* ---- lists of strings and of file descriptors ---- */

static SV *
vkpl_av_of_strv(char **v, int n)
{
    dTHX;
    AV *av = newAV();
    int i;

    for (i = 0; i < n; i++) {
        av_push(av, newSVpv(v[i], 0));
        free(v[i]);
    }
    free(v);
    return newRV_noinc((SV *)av);
}

/* The numbers of an array reference (file descriptors); *N their count. */
static int *
vkpl_intv(SV *ref, unsigned int *n)
{
    dTHX;
    AV *av;
    int *v;
    SSize_t i, len;

    if (!SvROK(ref) || SvTYPE(SvRV(ref)) != SVt_PVAV)
        croak("fds must be an array reference");
    av = (AV *)SvRV(ref);
    len = av_len(av) + 1;
    v = g_new0(int, len > 0 ? len : 1);
    for (i = 0; i < len; i++) {
        SV **e = av_fetch(av, i, 0);
        v[i] = e ? (int)SvIV(*e) : -1;
    }
    *n = (unsigned int)len;
    return v;
}

SV *
vkpl_baseline_cpu(virConnectPtr conn, const char *emulator, const char *arch, const char *machine,
                  const char *virttype, int hypervisor, SV *xmls, unsigned int flags)
{
    dTHX;
    unsigned int n;
    char **v;
    char *cpu;
    SV *sv;

    if (!SvROK(xmls) || SvTYPE(SvRV(xmls)) != SVt_PVAV)
        croak("xml must be an array reference");
    v = vkpl_strv(xmls, &n);
    if (hypervisor)
        cpu = virConnectBaselineHypervisorCPU(conn, emulator, arch, machine, virttype,
                                              (const char **)v, n, flags);
    else
        cpu = virConnectBaselineCPU(conn, (const char **)v, n, flags);
    g_strfreev(v);
    if (!cpu)
        return NULL;
    sv = newSVpv(cpu, 0);
    free(cpu);
    return sv;
}

SV *
vkpl_domain_ssh_keys_get(virDomainPtr dom, const char *user, unsigned int flags)
{
    char **keys = NULL;
    int n = virDomainAuthorizedSSHKeysGet(dom, user, &keys, flags);

    return n < 0 ? NULL : vkpl_av_of_strv(keys, n);
}

int
vkpl_domain_ssh_keys_set(virDomainPtr dom, const char *user, SV *keys, unsigned int flags)
{
    dTHX;
    unsigned int n;
    char **v;
    int rc;

    if (!SvROK(keys) || SvTYPE(SvRV(keys)) != SVt_PVAV)
        croak("keys must be an array reference");
    v = vkpl_strv(keys, &n);
    rc = virDomainAuthorizedSSHKeysSet(dom, user, (const char **)v, n, flags);
    g_strfreev(v);
    return rc;
}

SV *
vkpl_domain_get_messages(virDomainPtr dom, unsigned int flags)
{
    char **msgs = NULL;
    int n = virDomainGetMessages(dom, &msgs, flags);

    return n < 0 ? NULL : vkpl_av_of_strv(msgs, n);
}

/* $dom->get_security_label_list(): [{label, enforcing}], one per driver. */
SV *
vkpl_domain_security_label_list(virDomainPtr dom)
{
    dTHX;
    virSecurityLabelPtr labels = NULL;
    int n = virDomainGetSecurityLabelList(dom, &labels), i;
    AV *av;

    if (n < 0)
        return NULL;
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        VKPL_HSTORE(hv, "label", newSVpv(labels[i].label, 0));
        VKPL_HSTORE(hv, "enforcing", newSViv(labels[i].enforcing));
        av_push(av, newRV_noinc((SV *)hv));
    }
    free(labels);
    return newRV_noinc((SV *)av);
}

virDomainPtr
vkpl_create_xml_with_files(virConnectPtr conn, const char *xml, SV *fds, unsigned int flags)
{
    unsigned int n;
    int *v = vkpl_intv(fds, &n);
    virDomainPtr dom = virDomainCreateXMLWithFiles(conn, xml, n, v, flags);

    g_free(v);
    return dom;
}

int
vkpl_domain_create_with_files(virDomainPtr dom, SV *fds, unsigned int flags)
{
    unsigned int n;
    int *v = vkpl_intv(fds, &n);
    int rc = virDomainCreateWithFiles(dom, n, v, flags);

    g_free(v);
    return rc;
}

int
vkpl_domain_fd_associate(virDomainPtr dom, const char *name, SV *fds, unsigned int flags)
{
    unsigned int n;
    int *v = vkpl_intv(fds, &n);
    int rc = virDomainFDAssociate(dom, name, n, v, flags);

    g_free(v);
    return rc;
}

/* $conn->node_alloc_pages([[size, count], …], $start, $end, $flags) */
int
vkpl_node_alloc_pages(virConnectPtr conn, SV *pages, int start, unsigned int count, unsigned int flags)
{
    dTHX;
    AV *av;
    unsigned int *sizes, n, i;
    unsigned long long *counts;
    int rc;

    if (!SvROK(pages) || SvTYPE(SvRV(pages)) != SVt_PVAV)
        croak("pages must be an array reference");
    av = (AV *)SvRV(pages);
    n = (unsigned int)(av_len(av) + 1);
    sizes = g_new0(unsigned int, n ? n : 1);
    counts = g_new0(unsigned long long, n ? n : 1);
    for (i = 0; i < n; i++) {
        SV **e = av_fetch(av, i, 0);
        SV **size, **num;
        if (!e || !SvROK(*e) || SvTYPE(SvRV(*e)) != SVt_PVAV ||
            !(size = av_fetch((AV *)SvRV(*e), 0, 0)) || !(num = av_fetch((AV *)SvRV(*e), 1, 0))) {
            g_free(sizes);
            g_free(counts);
            croak("each page entry must be an array reference [size, count]");
        }
        sizes[i] = (unsigned int)SvUV(*size);
        counts[i] = vkpl_sv_ullong(*num);
    }
    rc = virNodeAllocPages(conn, n, sizes, counts, start, count, flags);
    g_free(sizes);
    g_free(counts);
    return rc;
}
%}

%{
/* $dom->get_disk_errors($flags=0): [{path, error}] */
SV *
vkpl_domain_disk_errors(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    virDomainDiskErrorPtr errs;
    int n = virDomainGetDiskErrors(dom, NULL, 0, flags), i;
    AV *av;

    if (n < 0)
        return NULL;
    errs = g_new0(virDomainDiskError, n > 0 ? n : 1);
    if ((n = virDomainGetDiskErrors(dom, errs, n, flags)) < 0) {
        g_free(errs);
        return NULL;
    }
    av = newAV();
    for (i = 0; i < n; i++) {
        HV *hv = newHV();
        VKPL_HSTORE(hv, "path", newSVpv(errs[i].disk, 0));
        VKPL_HSTORE(hv, "error", newSViv(errs[i].error));
        av_push(av, newRV_noinc((SV *)hv));
        free(errs[i].disk);
    }
    g_free(errs);
    return newRV_noinc((SV *)av);
}
%}
VKPL_RAISE_NULL(vkpl_domain_disk_errors)
SV *vkpl_domain_disk_errors(virDomainPtr dom, unsigned int flags = 0);

VKPL_RAISE_NULL(vkpl_domain_migrate3)
VKPL_RAISE_NEG(vkpl_domain_migrate_to_uri3)
VKPL_RAISE_NEG(vkpl_domain_block_copy)
VKPL_RAISE_NEG(vkpl_domain_save_params)
VKPL_RAISE_NEG(vkpl_restore_params)
VKPL_RAISE_NEG(vkpl_domain_set_iothread)
VKPL_RAISE_NEG(vkpl_domain_set_launch_security_state)
VKPL_RAISE_NEG(vkpl_set_identity)
VKPL_RAISE_NULL(vkpl_baseline_cpu)
VKPL_RAISE_NULL(vkpl_domain_ssh_keys_get)
VKPL_RAISE_NEG(vkpl_domain_ssh_keys_set)
VKPL_RAISE_NULL(vkpl_domain_get_messages)
VKPL_RAISE_NULL(vkpl_domain_security_label_list)
VKPL_RAISE_NULL(vkpl_create_xml_with_files)
VKPL_RAISE_NEG(vkpl_domain_create_with_files)
VKPL_RAISE_NEG(vkpl_domain_fd_associate)
VKPL_RAISE_NEG(vkpl_node_alloc_pages)

virDomainPtr vkpl_domain_migrate3(virDomainPtr dom, virConnectPtr dconn, SV *params, unsigned int flags = 0);
int vkpl_domain_migrate_to_uri3(virDomainPtr dom, const char *dconnuri, SV *params, unsigned int flags = 0);
int vkpl_domain_block_copy(virDomainPtr dom, const char *disk, const char *destxml, SV *params, unsigned int flags = 0);
int vkpl_domain_save_params(virDomainPtr dom, SV *params, unsigned int flags = 0);
int vkpl_restore_params(virConnectPtr conn, SV *params, unsigned int flags = 0);
int vkpl_domain_set_iothread(virDomainPtr dom, unsigned int id, SV *params, unsigned int flags = 0);
int vkpl_domain_set_launch_security_state(virDomainPtr dom, SV *params, unsigned int flags = 0);
int vkpl_set_identity(virConnectPtr conn, SV *params, unsigned int flags = 0);
SV *vkpl_baseline_cpu(virConnectPtr conn, const char *emulator, const char *arch, const char *machine,
                      const char *virttype, int hypervisor, SV *xmls, unsigned int flags = 0);
SV *vkpl_domain_ssh_keys_get(virDomainPtr dom, const char *user, unsigned int flags = 0);
int vkpl_domain_ssh_keys_set(virDomainPtr dom, const char *user, SV *keys, unsigned int flags = 0);
SV *vkpl_domain_get_messages(virDomainPtr dom, unsigned int flags = 0);
SV *vkpl_domain_security_label_list(virDomainPtr dom);
virDomainPtr vkpl_create_xml_with_files(virConnectPtr conn, const char *xml, SV *fds, unsigned int flags = 0);
int vkpl_domain_create_with_files(virDomainPtr dom, SV *fds, unsigned int flags = 0);
int vkpl_domain_fd_associate(virDomainPtr dom, const char *name, SV *fds, unsigned int flags = 0);
int vkpl_node_alloc_pages(virConnectPtr conn, SV *pages, int start, unsigned int count, unsigned int flags = 0);

/* ---- stream handlers: sparse transfers and event callbacks ---- */

%{
typedef struct {
    SV *stream;
    SV *code;
    SV *hole;
    SV *skip;
} vkpl_sparse_handlers;

/* Call CODE with ($st, ARGS…) in list context; the values it returns in
 * OUT (up to NOUT); their count, or -1 when it died. */
static int
vkpl_stream_call_list(SV *stream, SV *code, SV **args, int nargs, SV **out, int nout)
{
    dTHX;
    dSP;
    int count, i;

    PUSHMARK(SP);
    EXTEND(SP, 1 + nargs);
    PUSHs(stream);
    for (i = 0; i < nargs; i++)
        PUSHs(args[i]);
    PUTBACK;
    count = call_sv(code, G_ARRAY | G_EVAL);
    SPAGAIN;
    if (SvTRUE(ERRSV)) {
        SP -= count;
        PUTBACK;
        return -1;
    }
    for (i = count - 1; i >= 0; i--) {
        SV *v = POPs;
        if (i < nout)
            out[i] = sv_mortalcopy(v);
    }
    PUTBACK;
    return count;
}

/* $hole_handler->($st, $length) while receiving */
static int
vkpl_stream_hole_sink(virStreamPtr st, long long length, void *opaque)
{
    dTHX;
    vkpl_sparse_handlers *h = opaque;
    SV *args[1];
    SV *out[1] = { NULL };
    int ret = -1;

    ENTER;
    SAVETMPS;
    args[0] = sv_2mortal(VKPL_NEW_LL(length));
    if (vkpl_stream_call_list(h->stream, h->hole, args, 1, out, 1) >= 1 && out[0] && SvOK(out[0]))
        ret = (int)SvIV(out[0]);
    FREETMPS;
    LEAVE;
    return ret;
}

/* $hole_handler->($st) while sending: ($in_data, $section_length) */
static int
vkpl_stream_hole_source(virStreamPtr st, int *inData, long long *length, void *opaque)
{
    dTHX;
    vkpl_sparse_handlers *h = opaque;
    SV *out[2] = { NULL, NULL };
    int ret = -1;

    ENTER;
    SAVETMPS;
    if (vkpl_stream_call_list(h->stream, h->hole, NULL, 0, out, 2) >= 2 && out[0] && out[1]) {
        *inData = SvTRUE(out[0]) ? 1 : 0;
        *length = vkpl_sv_llong(out[1]);
        ret = 0;
    }
    FREETMPS;
    LEAVE;
    return ret;
}

/* $skip_handler->($st, $length) while sending */
static int
vkpl_stream_skip(virStreamPtr st, long long length, void *opaque)
{
    dTHX;
    vkpl_sparse_handlers *h = opaque;
    SV *args[1];
    SV *out[1] = { NULL };
    int ret = -1;

    ENTER;
    SAVETMPS;
    args[0] = sv_2mortal(VKPL_NEW_LL(length));
    if (vkpl_stream_call_list(h->stream, h->skip, args, 1, out, 1) >= 1 && out[0] && SvOK(out[0]))
        ret = (int)SvIV(out[0]);
    FREETMPS;
    LEAVE;
    return ret;
}

static int
vkpl_sparse_sink(virStreamPtr st, const char *bytes, size_t nbytes, void *opaque)
{
    vkpl_sparse_handlers *h = opaque;
    vkpl_stream_handler plain = { h->stream, h->code };

    return vkpl_stream_sink(st, bytes, nbytes, &plain);
}

static int
vkpl_sparse_source(virStreamPtr st, char *bytes, size_t nbytes, void *opaque)
{
    vkpl_sparse_handlers *h = opaque;
    vkpl_stream_handler plain = { h->stream, h->code };

    return vkpl_stream_source(st, bytes, nbytes, &plain);
}

static void
vkpl_check_code(SV *code, const char *what)
{
    dTHX;
    if (!SvROK(code) || SvTYPE(SvRV(code)) != SVt_PVCV)
        croak("%s must be a code reference", what);
}

/* $st->sparse_recv_all($handler, $hole_handler) */
int
vkpl_stream_sparse_recv_all(SV *self, SV *code, SV *hole)
{
    vkpl_sparse_handlers h = { self, code, hole, NULL };

    vkpl_check_code(code, "handler");
    vkpl_check_code(hole, "hole_handler");
    return virStreamSparseRecvAll(vkpl_unwrap(self, "Sys::Virt::Stream"),
                                  vkpl_sparse_sink, vkpl_stream_hole_sink, &h);
}

/* $st->sparse_send_all($handler, $hole_handler, $skip_handler) */
int
vkpl_stream_sparse_send_all(SV *self, SV *code, SV *hole, SV *skip)
{
    vkpl_sparse_handlers h = { self, code, hole, skip };

    vkpl_check_code(code, "handler");
    vkpl_check_code(hole, "hole_handler");
    vkpl_check_code(skip, "skip_handler");
    return virStreamSparseSendAll(vkpl_unwrap(self, "Sys::Virt::Stream"), vkpl_sparse_source,
                                  vkpl_stream_hole_source, vkpl_stream_skip, &h);
}

/* $st->add_callback($events, $coderef): $coderef->($st, $events) */
static void
vkpl_stream_event_cb(virStreamPtr st, int events, void *opaque)
{
    dTHX;
    vkpl_callback *c = opaque;
    SV *argv[2];

    argv[0] = sv_2mortal(newSVsv(c->conn));
    argv[1] = sv_2mortal(newSViv(events));
    vkpl_call_perl(c->code, argv, 2);
}

int
vkpl_stream_add_callback(SV *self, int events, SV *code)
{
    virStreamPtr st = vkpl_unwrap(self, "Sys::Virt::Stream");
    vkpl_callback *c = vkpl_callback_new(self, code);
    int rc = virStreamEventAddCallback(st, events, vkpl_stream_event_cb, c, vkpl_callback_free);

    if (rc < 0)
        vkpl_callback_free(c);
    return rc;
}

/* ---- the connection's close callback: $coderef->($conn, $reason) ---- */

static void
vkpl_close_cb(virConnectPtr conn, int reason, void *opaque)
{
    dTHX;
    vkpl_callback *c = opaque;
    SV *argv[2];

    argv[0] = sv_2mortal(newSVsv(c->conn));
    argv[1] = sv_2mortal(newSViv(reason));
    vkpl_call_perl(c->code, argv, 2);
}

int
vkpl_register_close_callback(SV *self, SV *code)
{
    virConnectPtr conn = vkpl_unwrap(self, "Sys::Virt");
    vkpl_callback *c = vkpl_callback_new(self, code);
    int rc = virConnectRegisterCloseCallback(conn, vkpl_close_cb, c, vkpl_callback_free);

    if (rc < 0)
        vkpl_callback_free(c);
    return rc;
}

int
vkpl_unregister_close_callback(virConnectPtr conn)
{
    return virConnectUnregisterCloseCallback(conn, vkpl_close_cb);
}
%}

VKPL_RAISE_NEG(vkpl_stream_sparse_recv_all)
VKPL_RAISE_NEG(vkpl_stream_sparse_send_all)
VKPL_RAISE_NEG(vkpl_stream_add_callback)
VKPL_RAISE_NEG(vkpl_register_close_callback)
VKPL_RAISE_NEG(vkpl_unregister_close_callback)

int vkpl_stream_sparse_recv_all(SV *self, SV *code, SV *hole);
int vkpl_stream_sparse_send_all(SV *self, SV *code, SV *hole, SV *skip);
int vkpl_stream_add_callback(SV *self, int events, SV *code);
int vkpl_register_close_callback(SV *self, SV *code);
int vkpl_unregister_close_callback(virConnectPtr conn);

/* ---- the QEMU and LXC side APIs.  Sys-Virt does not offer them; like
 * the other libvirt-qemu / libvirt-lxc functions they are reachable as
 * virtkitperl:: functions, handle first, with Perl lists for the
 * descriptor arrays ---- */

%{
static SV *
vkpl_av_of_intv(int *v, unsigned int n)
{
    dTHX;
    AV *av = newAV();
    unsigned int i;

    for (i = 0; i < n; i++)
        av_push(av, newSViv(v[i]));
    free(v);
    return newRV_noinc((SV *)av);
}

/* virtkitperl::vkpl_qemu_monitor_command_with_files($dom, $cmd, \@fds, $flags):
 * [$result, [@fds QEMU sent back]] */
SV *
vkpl_qemu_monitor_command_with_files(virDomainPtr dom, const char *cmd, SV *fds, unsigned int flags)
{
    dTHX;
    unsigned int nin = 0, nout = 0;
    int *in = SvOK(fds) ? vkpl_intv(fds, &nin) : NULL;
    int *out = NULL;
    char *result = NULL;
    AV *av;
    int rc = virDomainQemuMonitorCommandWithFiles(dom, cmd, nin, in, &nout, &out, &result, flags);

    g_free(in);
    if (rc < 0)
        return NULL;
    av = newAV();
    av_push(av, result ? newSVpv(result, 0) : newSV(0));
    av_push(av, vkpl_av_of_intv(out, nout));
    free(result);
    return newRV_noinc((SV *)av);
}

/* $cb->($conn, $dom, $event, $seconds, $micros, $details) */
static void
vkpl_qemu_monitor_event_cb(virConnectPtr conn, virDomainPtr dom, const char *event, long long seconds,
                           unsigned int micros, const char *details, void *opaque)
{
    VKPL_DOM(4);
    VKPL_EV_ARG(VKPL_STR(event));
    VKPL_EV_ARG(VKPL_NEW_LL(seconds));
    VKPL_EV_ARG(newSVuv(micros));
    VKPL_EV_ARG(VKPL_STR(details));
    VKPL_EV_END;
}

/* virtkitperl::vkpl_qemu_monitor_event_register($conn, $dom|undef, $event|undef, $cb, $flags): the id */
int
vkpl_qemu_monitor_event_register(SV *self, virDomainPtr dom, const char *event, SV *code, unsigned int flags)
{
    virConnectPtr conn = vkpl_unwrap(self, "Sys::Virt");
    vkpl_callback *c = vkpl_callback_new(self, code);
    int ret = virConnectDomainQemuMonitorEventRegister(conn, dom, event, vkpl_qemu_monitor_event_cb, c,
                                                       vkpl_callback_free, flags);

    if (ret < 0)
        vkpl_callback_free(c);
    return ret;
}

/* virtkitperl::vkpl_lxc_open_namespace($dom, $flags): [@fds] */
SV *
vkpl_lxc_open_namespace(virDomainPtr dom, unsigned int flags)
{
    int *fds = NULL;
    int n = virDomainLxcOpenNamespace(dom, &fds, flags);

    return n < 0 ? NULL : vkpl_av_of_intv(fds, (unsigned int)n);
}

/* virtkitperl::vkpl_lxc_enter_namespace($dom, \@fds, $flags): [@previous namespaces' fds] */
SV *
vkpl_lxc_enter_namespace(virDomainPtr dom, SV *fds, unsigned int flags)
{
    unsigned int n, nold = 0;
    int *v = vkpl_intv(fds, &n);
    int *old = NULL;
    int rc = virDomainLxcEnterNamespace(dom, n, v, &nold, &old, flags);

    g_free(v);
    return rc < 0 ? NULL : vkpl_av_of_intv(old, nold);
}

/* virtkitperl::vkpl_lxc_enter_security_label({model, doi}, {label, enforcing}, $flags):
 * the previous label, {label, enforcing} */
SV *
vkpl_lxc_enter_security_label(SV *model, SV *label, unsigned int flags)
{
    dTHX;
    virSecurityModel m;
    virSecurityLabel l;
    virSecurityLabel old;
    HV *hv;
    SV **v;
    HV *out;

    memset(&m, 0, sizeof(m));
    memset(&l, 0, sizeof(l));
    memset(&old, 0, sizeof(old));
    if (!SvROK(model) || SvTYPE(SvRV(model)) != SVt_PVHV)
        croak("model must be a hash reference {model, doi}");
    if (!SvROK(label) || SvTYPE(SvRV(label)) != SVt_PVHV)
        croak("label must be a hash reference {label, enforcing}");
    hv = (HV *)SvRV(model);
    if ((v = hv_fetch(hv, "model", 5, 0)) && SvOK(*v))
        g_strlcpy(m.model, SvPV_nolen(*v), sizeof(m.model));
    if ((v = hv_fetch(hv, "doi", 3, 0)) && SvOK(*v))
        g_strlcpy(m.doi, SvPV_nolen(*v), sizeof(m.doi));
    hv = (HV *)SvRV(label);
    if ((v = hv_fetch(hv, "label", 5, 0)) && SvOK(*v))
        g_strlcpy(l.label, SvPV_nolen(*v), sizeof(l.label));
    if ((v = hv_fetch(hv, "enforcing", 9, 0)))
        l.enforcing = (int)SvIV(*v);
    if (virDomainLxcEnterSecurityLabel(&m, &l, &old, flags) < 0)
        return NULL;
    out = newHV();
    VKPL_HSTORE(out, "label", newSVpv(old.label, 0));
    VKPL_HSTORE(out, "enforcing", newSViv(old.enforcing));
    return newRV_noinc((SV *)out);
}
%}

VKPL_RAISE_NULL(vkpl_qemu_monitor_command_with_files)
VKPL_RAISE_NEG(vkpl_qemu_monitor_event_register)
VKPL_RAISE_NULL(vkpl_lxc_open_namespace)
VKPL_RAISE_NULL(vkpl_lxc_enter_namespace)
VKPL_RAISE_NULL(vkpl_lxc_enter_security_label)

SV *vkpl_qemu_monitor_command_with_files(virDomainPtr dom, const char *cmd, SV *fds, unsigned int flags = 0);
int vkpl_qemu_monitor_event_register(SV *self, virDomainPtr dom, const char *event, SV *code, unsigned int flags = 0);
SV *vkpl_lxc_open_namespace(virDomainPtr dom, unsigned int flags = 0);
SV *vkpl_lxc_enter_namespace(virDomainPtr dom, SV *fds, unsigned int flags = 0);
SV *vkpl_lxc_enter_security_label(SV *model, SV *label, unsigned int flags = 0);

%perlcode %{
# ---- Sys::Virt::Error: how errors reach Perl code ----
package Sys::Virt::Error;

use overload ('""' => 'stringify');

sub stringify {
    my $self = shift;
    my $msg = $self->{message};
    return "libvirt error code: $self->{code}, message: $msg" . ($msg =~ /\n\z/ ? '' : "\n");
}

# Sys-Virt's level() gives the error code (the level itself is in
# $err->{level}); kept so, since scripts may depend on it.
sub level { $_[0]->{code} }

# Sys-Virt's own spellings of two error codes, kept by scripts
use constant {
    ERR_INVALID_SCHEMA => ERR_XML_INVALID_SCHEMA,
    ERR_OPERATIONED_DENIED => ERR_OPERATION_DENIED,
};
sub code { $_[0]->{code} }
sub domain { $_[0]->{domain} }
sub message { $_[0]->{message} }

# ---- Sys::Virt: opening connections and what is reached from them ----
package Sys::Virt;

no warnings 'redefine';

# Sys::Virt->new(uri => URI, readonly => 0|1, flags => FLAGS, auth => …)
sub new {
    my ($proto, %params) = @_;
    my $class = ref($proto) || $proto;
    my $uri = exists $params{address} ? $params{address} : $params{uri};
    my $flags = $params{flags} || 0;
    $flags |= CONNECT_RO if $params{readonly};
    my $self;
    if ($params{auth}) {
        my $credlist = $params{credlist} || [CRED_AUTHNAME, CRED_PASSPHRASE];
        $self = virtkitperl::vkpl_open_auth($uri, $credlist, $params{callback}, $flags);
    } else {
        $self = virtkitperl::virConnectOpenAuth($uri, undef, $flags);
    }
    return bless $self, $class;
}

sub _lookup_uuid {
    my ($raw, $str, @args) = @_;
    my $uuid = pop @args;
    return length($uuid) == 16 ? $raw->(@args, $uuid) : $str->(@args, $uuid);
}

*list_domain_ids = \&virtkitperl::virConnectListDomains;
*list_defined_domain_names = \&virtkitperl::virConnectListDefinedDomains;
*get_library_version = \&virtkitperl::virConnectGetLibVersion;

# The running domains, as objects (those gone meanwhile are left out).
sub list_domains {
    my $self = shift;
    my @ids = $self->list_domain_ids($self->num_of_domains());
    return grep { defined } map { my $id = $_; eval { $self->get_domain_by_id($id) } } @ids;
}

# The defined but inactive domains, as objects.
sub list_defined_domains {
    my $self = shift;
    my @names = $self->list_defined_domain_names($self->num_of_defined_domains());
    return grep { defined } map { my $n = $_; eval { $self->get_domain_by_name($n) } } @names;
}

sub get_domain_by_uuid {
    my ($self, $uuid) = @_;
    return length($uuid) == 16 ? virtkitperl::virDomainLookupByUUID($self, $uuid)
                               : virtkitperl::virDomainLookupByUUIDString($self, $uuid);
}

*get_node_cpu_stats = \&virtkitperl::vkpl_node_cpu_stats;
*get_node_memory_stats = \&virtkitperl::vkpl_node_memory_stats;

# The other objects' lists, as Sys-Virt names them: list_X_names($max)
# (names), list_X() (objects: those gone meanwhile are left out).
{
    no strict 'refs';
    my @lists = (
        # method stem, C list function, count method, lookup function
        ['network', 'virConnectListNetworks', 'num_of_networks', 'virNetworkLookupByName'],
        ['defined_network', 'virConnectListDefinedNetworks', 'num_of_defined_networks', 'virNetworkLookupByName'],
        ['storage_pool', 'virConnectListStoragePools', 'num_of_storage_pools', 'virStoragePoolLookupByName'],
        ['defined_storage_pool', 'virConnectListDefinedStoragePools', 'num_of_defined_storage_pools', 'virStoragePoolLookupByName'],
        ['interface', 'virConnectListInterfaces', 'num_of_interfaces', 'virInterfaceLookupByName'],
        ['defined_interface', 'virConnectListDefinedInterfaces', 'num_of_defined_interfaces', 'virInterfaceLookupByName'],
        ['nwfilter', 'virConnectListNWFilters', 'num_of_nwfilters', 'virNWFilterLookupByName'],
    );
    for my $l (@lists) {
        my ($stem, $list, $num, $lookup) = @$l;
        my $names = \&{"virtkitperl::$list"};
        my $get = \&{"virtkitperl::$lookup"};
        *{"list_${stem}_names"} = sub {
            my $self = shift;
            return $names->($self, @_ ? $_[0] : $self->$num());
        };
        *{"list_${stem}s"} = sub {
            my $self = shift;
            return grep { defined } map { my $n = $_; eval { $get->($self, $n) } }
                $names->($self, $self->$num());
        };
    }
}

sub list_secret_uuids {
    my $self = shift;
    return virtkitperl::virConnectListSecrets($self, @_ ? $_[0] : $self->num_of_secrets());
}

sub list_secrets {
    my $self = shift;
    return grep { defined } map { my $u = $_; eval { virtkitperl::virSecretLookupByUUIDString($self, $u) } }
        $self->list_secret_uuids();
}

sub num_of_node_devices {
    my ($self, $cap, $flags) = @_;
    return virtkitperl::virNodeNumOfDevices($self, $cap, $flags || 0);
}

sub list_node_device_names {
    my ($self, $cap, $max, $flags) = @_;
    $max //= $self->num_of_node_devices($cap, $flags);
    return virtkitperl::virNodeListDevices($self, $cap, $max, $flags || 0);
}

sub list_node_devices {
    my ($self, $cap, $flags) = @_;
    return grep { defined } map { my $n = $_; eval { virtkitperl::virNodeDeviceLookupByName($self, $n) } }
        $self->list_node_device_names($cap, undef, $flags);
}

sub get_network_by_uuid { _lookup_uuid(\&virtkitperl::virNetworkLookupByUUID, \&virtkitperl::virNetworkLookupByUUIDString, @_) }
sub get_storage_pool_by_uuid { _lookup_uuid(\&virtkitperl::virStoragePoolLookupByUUID, \&virtkitperl::virStoragePoolLookupByUUIDString, @_) }
sub get_secret_by_uuid { _lookup_uuid(\&virtkitperl::virSecretLookupByUUID, \&virtkitperl::virSecretLookupByUUIDString, @_) }
sub get_nwfilter_by_uuid { _lookup_uuid(\&virtkitperl::virNWFilterLookupByUUID, \&virtkitperl::virNWFilterLookupByUUIDString, @_) }

*get_interface_by_mac = \&virtkitperl::virInterfaceLookupByMACString;
# Sys-Virt's create_interface defines the interface (there is no
# transient interface in libvirt)
sub create_interface { virtkitperl::virInterfaceDefineXML($_[0], $_[1], 0) }
sub get_storage_pool_by_volume { virtkitperl::virStoragePoolLookupByVolume($_[1]) }
*get_node_device_scsihost_by_wwn = \&virtkitperl::virNodeDeviceLookupSCSIHostByWWN;
*get_save_image_xml_description = \&virtkitperl::virDomainSaveImageGetXMLDesc;
*define_save_image_xml = \&virtkitperl::virDomainSaveImageDefineXML;

sub get_major_version { int($_[0]->get_version() / 1000000) }
sub get_minor_version { int(($_[0]->get_version() % 1000000) / 1000) }
sub get_micro_version { $_[0]->get_version() % 1000 }

# ---- Sys::Virt::Domain ----
package Sys::Virt::Domain;

no warnings 'redefine';

*get_xml_description = \&virtkitperl::virDomainGetXMLDesc;

# names Sys-Virt keeps for values libvirt renamed
use constant {
    KEYCODE_SET_RFB => KEYCODE_SET_QNUM,
    MIGRATE_PARAM_DISK_PORT => MIGRATE_PARAM_DISKS_PORT,
};

# snapshots and checkpoints, as Sys-Virt names them
sub num_of_snapshots { virtkitperl::virDomainSnapshotNum($_[0], $_[1] || 0) }

sub list_snapshot_names {
    my ($self, $max, $flags) = @_;
    $max //= $self->num_of_snapshots($flags);
    return virtkitperl::virDomainSnapshotListNames($self, $max, $flags || 0);
}

sub list_snapshots {
    my ($self, $flags) = @_;
    return grep { defined } map { my $n = $_; eval { virtkitperl::virDomainSnapshotLookupByName($self, $n, 0) } }
        $self->list_snapshot_names(undef, $flags);
}

*get_snapshot_by_name = \&virtkitperl::virDomainSnapshotLookupByName;
*current_snapshot = \&virtkitperl::virDomainSnapshotCurrent;
*create_snapshot = \&virtkitperl::virDomainSnapshotCreateXML;
*get_checkpoint_by_name = \&virtkitperl::virDomainCheckpointLookupByName;
*create_checkpoint = \&virtkitperl::virDomainCheckpointCreateXML;
*abort_block_job = \&virtkitperl::virDomainBlockJobAbort;
*set_block_job_speed = \&virtkitperl::virDomainBlockJobSetSpeed;
*set_agent_response_timeout = \&virtkitperl::virDomainAgentSetResponseTimeout;
*core_dump_format = \&virtkitperl::virDomainCoreDumpWithFormat;

sub update_device {
    my ($self, $xml, $flags) = @_;
    return virtkitperl::virDomainUpdateDeviceFlags($self, $xml, $flags || 0);
}

sub get_cpu_stats {
    my ($self, $start, $count, $flags) = @_;
    return @{virtkitperl::vkpl_domain_cpu_stats($self, $start, $count, $flags || 0)};
}

# block_stats($path, $flags=0): every counter the driver has, the classic
# ones under their old names (rd_req, wr_req …).
my %block_stat_names = (rd_operations => 'rd_req', wr_operations => 'wr_req',
                        flush_operations => 'flush_reqs');
sub block_stats {
    my ($self, $path, $flags) = @_;
    my $st = eval { virtkitperl::vkpl_virDomainBlockStatsFlags($self, $path, $flags || 0) };
    if (!$st) {
        my $err = $@;
        # a driver without the typed version: the five classic counters
        die $err if $flags || !ref($err) || $err->{code} != Sys::Virt::Error::ERR_NO_SUPPORT;
        return virtkitperl::virDomainBlockStats($self, $path);
    }
    return { map { ($block_stat_names{$_} // $_) => $st->{$_} } keys %$st };
}

# ---- snapshots ----
package Sys::Virt::DomainSnapshot;

no warnings 'redefine';

sub num_of_child_snapshots { virtkitperl::virDomainSnapshotNumChildren($_[0], $_[1] || 0) }

sub list_child_snapshot_names {
    my ($self, $max, $flags) = @_;
    $max //= $self->num_of_child_snapshots($flags);
    return virtkitperl::virDomainSnapshotListChildrenNames($self, $max, $flags || 0);
}

sub list_child_snapshots {
    my ($self, $flags) = @_;
    my $dom = virtkitperl::virDomainSnapshotGetDomain($self);
    return grep { defined } map { my $n = $_; eval { virtkitperl::virDomainSnapshotLookupByName($dom, $n, 0) } }
        $self->list_child_snapshot_names(undef, $flags);
}

*revert_to = \&virtkitperl::virDomainRevertToSnapshot;

# ---- networks ----
package Sys::Virt::Network;

no warnings 'redefine';

*create_port = \&virtkitperl::virNetworkPortCreateXML;

sub get_port_by_uuid {
    my ($self, $uuid) = @_;
    return length($uuid) == 16 ? virtkitperl::virNetworkPortLookupByUUID($self, $uuid)
                               : virtkitperl::virNetworkPortLookupByUUIDString($self, $uuid);
}

# ---- storage ----
package Sys::Virt::StoragePool;

no warnings 'redefine';

*num_of_storage_volumes = \&virtkitperl::virStoragePoolNumOfVolumes;

sub list_storage_vol_names {
    my $self = shift;
    return virtkitperl::virStoragePoolListVolumes($self, @_ ? $_[0] : $self->num_of_storage_volumes());
}

sub list_volumes {
    my $self = shift;
    return grep { defined } map { my $n = $_; eval { virtkitperl::virStorageVolLookupByName($self, $n) } }
        $self->list_storage_vol_names();
}

*get_volume_by_name = \&virtkitperl::virStorageVolLookupByName;
*create_volume = \&virtkitperl::virStorageVolCreateXML;

sub clone_volume {
    my ($self, $xml, $vol, $flags) = @_;
    return virtkitperl::virStorageVolCreateXMLFrom($self, $xml, $vol, $flags || 0);
}

# ---- interfaces, node devices ----
package Sys::Virt::Interface;

no warnings 'redefine';

*get_mac = \&virtkitperl::virInterfaceGetMACString;

package Sys::Virt::NodeDevice;

no warnings 'redefine';

sub list_capabilities {
    my $self = shift;
    return virtkitperl::virNodeDeviceListCaps($self, virtkitperl::virNodeDeviceNumOfCaps($self));
}

*reattach = \&virtkitperl::virNodeDeviceReAttach;

# ---- events ----
package Sys::Virt::Event;

no warnings 'redefine';

# The loop implementation registered by register() (a Sys::Virt::Event).
our $eventimpl;

sub register_default { virtkitperl::virEventRegisterDefaultImpl() }
sub run_default { virtkitperl::virEventRunDefaultImpl() }

# register($impl): an event loop written in Perl, an object of a subclass
# of Sys::Virt::Event with the methods add_handle($fd, $events, $cb,
# $opaque, $ff) -> $watch, update_handle($watch, $events),
# remove_handle($watch), add_timeout($frequency, $cb, $opaque, $ff) ->
# $timer, update_timeout($timer, $frequency), remove_timeout($timer).  It
# dispatches through _run_handle_callback / _run_timeout_callback and
# releases through _free_callback_opaque once a watch or timer is removed.
sub register {
    my $impl = shift;
    die "event implementation must be a subclass of Sys::Virt::Event"
        unless ref($impl) && $impl->isa("Sys::Virt::Event");
    $eventimpl = $impl;
    virtkitperl::vkpl_event_register_impl();
}

# what the library calls (through the C glue) on the registered loop
sub _add_handle { $eventimpl->add_handle(@_) }
sub _update_handle { $eventimpl->update_handle(@_) }
sub _remove_handle { $eventimpl->remove_handle(@_) }
sub _add_timeout { $eventimpl->add_timeout(@_) }
sub _update_timeout { $eventimpl->update_timeout(@_) }
sub _remove_timeout { $eventimpl->remove_timeout(@_) }

*_run_handle_callback_helper = \&virtkitperl::vkpl_run_handle_callback;
*_run_timeout_callback_helper = \&virtkitperl::vkpl_run_timeout_callback;
*_free_callback_opaque_helper = \&virtkitperl::vkpl_free_callback_opaque;

sub _run_handle_callback { shift; _run_handle_callback_helper(@_) }
sub _run_timeout_callback { shift; _run_timeout_callback_helper(@_) }
sub _free_callback_opaque { shift; _free_callback_opaque_helper(@_) }

# watches and timers of the registered loop calling Perl code:
# $cb->($watch, $fd, $events), $cb->($timer)
*add_handle = \&virtkitperl::vkpl_event_add_handle;
*update_handle = \&virtkitperl::virEventUpdateHandle;
*remove_handle = \&virtkitperl::virEventRemoveHandle;
*add_timeout = \&virtkitperl::vkpl_event_add_timeout;
*update_timeout = \&virtkitperl::virEventUpdateTimeout;
*remove_timeout = \&virtkitperl::virEventRemoveTimeout;

package Sys::Virt;

no warnings 'redefine';

# $conn->X_event_register_any($obj or undef, $eventID, $cb): $cb gets
# ($conn, $obj, the event's values …); the id for X_event_deregister_any.
sub domain_event_register_any { virtkitperl::vkpl_domain_event_register_any(@_) }
sub network_event_register_any { virtkitperl::vkpl_network_event_register_any(@_) }
sub storage_pool_event_register_any { virtkitperl::vkpl_storage_pool_event_register_any(@_) }
sub node_device_event_register_any { virtkitperl::vkpl_node_device_event_register_any(@_) }
sub secret_event_register_any { virtkitperl::vkpl_secret_event_register_any(@_) }

# Sys-Virt does not report a failure to deregister (an unknown id).
sub domain_event_deregister_any { eval { virtkitperl::virConnectDomainEventDeregisterAny($_[0], $_[1]) }; return }
sub network_event_deregister_any { eval { virtkitperl::virConnectNetworkEventDeregisterAny($_[0], $_[1]) }; return }
sub storage_pool_event_deregister_any { eval { virtkitperl::virConnectStoragePoolEventDeregisterAny($_[0], $_[1]) }; return }
sub node_device_event_deregister_any { eval { virtkitperl::virConnectNodeDeviceEventDeregisterAny($_[0], $_[1]) }; return }
sub secret_event_deregister_any { eval { virtkitperl::virConnectSecretEventDeregisterAny($_[0], $_[1]) }; return }

# the old interface: one lifecycle callback per connection,
# $cb->($conn, $dom, $event, $detail)
sub domain_event_register { virtkitperl::vkpl_domain_event_register($_[0], $_[1]) }
sub domain_event_deregister { eval { virtkitperl::vkpl_domain_event_deregister($_[0]) }; return }

# ---- streams ----
package Sys::Virt::Stream;

no warnings 'redefine';

# Sys::Virt::Stream->new($conn, $flags=0), as $conn->new_stream($flags)
sub new {
    my ($class, $conn, $flags) = @_;
    return virtkitperl::virStreamNew($conn, $flags || 0);
}

*recv = \&virtkitperl::vkpl_stream_recv;
*send = \&virtkitperl::vkpl_stream_send;
*recv_all = \&virtkitperl::vkpl_stream_recv_all;
*send_all = \&virtkitperl::vkpl_stream_send_all;

# ---- CPU maps, guest agent data, peeks, node memory, domain stats ----
package Sys::Virt::Domain;

no warnings 'redefine';

sub get_vcpu_info { @{virtkitperl::vkpl_domain_vcpu_info($_[0], $_[1] || 0)} }
sub pin_vcpu { virtkitperl::vkpl_domain_pin($_[0], 0, $_[1], $_[2], $_[3] || 0); return }
sub pin_emulator { virtkitperl::vkpl_domain_pin($_[0], 1, 0, $_[1], $_[2] || 0); return }
sub pin_iothread { virtkitperl::vkpl_domain_pin($_[0], 2, $_[1], $_[2], $_[3] || 0); return }
sub get_emulator_pin_info { virtkitperl::vkpl_domain_emulator_pin_info($_[0], $_[1] || 0) }
sub get_iothread_info { @{virtkitperl::vkpl_domain_iothread_info($_[0], $_[1] || 0)} }
sub memory_stats { virtkitperl::vkpl_domain_memory_stats($_[0], $_[1] || 0) }
sub get_fs_info { @{virtkitperl::vkpl_domain_fs_info($_[0], $_[1] || 0)} }
sub fs_freeze {
    die "Usage: Sys::Virt::Domain::fs_freeze(dom, mountPointsSV, flags=0)\n" if @_ < 2;
    virtkitperl::vkpl_domain_fs_freeze_thaw($_[0], 0, $_[1], $_[2] || 0);
    return;
}
sub fs_thaw {
    die "Usage: Sys::Virt::Domain::fs_thaw(dom, mountPointsSV, flags=0)\n" if @_ < 2;
    virtkitperl::vkpl_domain_fs_freeze_thaw($_[0], 1, $_[1], $_[2] || 0);
    return;
}
sub get_interface_addresses { @{virtkitperl::vkpl_domain_interface_addresses($_[0], $_[1] || 0, $_[2] || 0)} }
sub block_peek { virtkitperl::vkpl_domain_block_peek($_[0], $_[1], $_[2], $_[3], $_[4] || 0) }
sub memory_peek { virtkitperl::vkpl_domain_memory_peek($_[0], $_[1], $_[2], $_[3] || 0) }
sub send_key { virtkitperl::vkpl_domain_send_key($_[0], $_[1], $_[2], $_[3], $_[4] || 0); return }
sub get_time { virtkitperl::vkpl_domain_get_time($_[0], $_[1] || 0) }
sub set_metadata { virtkitperl::virDomainSetMetadata($_[0], $_[1], $_[2], $_[3], $_[4], $_[5] || 0); return }
sub set_time { virtkitperl::virDomainSetTime($_[0], $_[1], $_[2], $_[3] || 0); return }
# the type alone, as Sys-Virt gives it (not the parameter count)
sub get_scheduler_type { (virtkitperl::virDomainGetSchedulerType($_[0]))[0] }
sub get_guest_info { virtkitperl::virDomainGetGuestInfo($_[0], $_[1] || 0, $_[2] || 0) }
sub get_disk_errors { @{virtkitperl::vkpl_domain_disk_errors($_[0], $_[1] || 0)} }

package Sys::Virt;

no warnings 'redefine';

# ($start, $end): cells START to END inclusive
sub get_node_cells_free_memory { @{virtkitperl::vkpl_node_cells_free_memory($_[0], $_[1], $_[2] - $_[1] + 1)} }
sub get_node_cpu_map { @{virtkitperl::vkpl_node_cpu_map($_[0], $_[1] || 0)} }
# (\@pagesizes, $start, $end): cells START to END inclusive
sub get_node_free_pages { @{virtkitperl::vkpl_node_free_pages($_[0], $_[1], $_[2], $_[3] - $_[2] + 1, $_[4] || 0)} }
sub get_cpu_model_names { @{virtkitperl::vkpl_cpu_model_names($_[0], $_[1], $_[2] || 0)} }
sub get_all_domain_stats { @{virtkitperl::vkpl_all_domain_stats($_[0], $_[1], $_[2], $_[3] || 0)} }

package Sys::Virt::Secret;

no warnings 'redefine';

sub get_value { virtkitperl::vkpl_secret_get_value($_[0], $_[1] || 0) }
sub set_value { virtkitperl::vkpl_secret_set_value($_[0], $_[1], $_[2] || 0); return }

package Sys::Virt::Network;

no warnings 'redefine';

sub get_dhcp_leases { @{virtkitperl::vkpl_network_dhcp_leases($_[0], $_[1], $_[2] || 0)} }

# ---- typed parameters with no getter, string and descriptor lists ----
package Sys::Virt;

no warnings 'redefine';

# dies as Sys-Virt does when a hash reference is not one, at the line of
# the method's caller: "Sys::Virt::Domain::set_iothread: newparams is not
# a HASH reference at script.pl line 5."
sub _need_hash {
    my ($value, $method, $what) = @_;
    return if ref($value) eq 'HASH';
    my (undef, $file, $line) = caller(1);
    die "$method: $what is not a HASH reference at $file line $line.\n";
}

sub set_identity {
    _need_hash($_[1], 'Sys::Virt::set_identity', 'newident');
    virtkitperl::vkpl_set_identity($_[0], $_[1], $_[2] || 0);
    return;
}

# restore_domain($file, $dxml=undef, \%params=undef, $flags=0)
sub restore_domain {
    my ($self, $file, $dxml, $params, $flags) = @_;
    $flags ||= 0;
    if ($params) {
        _need_hash($params, 'Sys::Virt::restore_domain', 'params');
        my %p = %$params;
        $p{Sys::Virt::Domain::SAVE_PARAM_FILE()} = $file if defined $file;
        $p{Sys::Virt::Domain::SAVE_PARAM_DXML()} = $dxml if defined $dxml;
        virtkitperl::vkpl_restore_params($self, \%p, $flags);
    } elsif (defined $dxml || $flags) {
        virtkitperl::virDomainRestoreFlags($self, $file, $dxml, $flags);
    } else {
        virtkitperl::virDomainRestore($self, $file);
    }
    return;
}

sub create_domain_with_files { virtkitperl::vkpl_create_xml_with_files($_[0], $_[1], $_[2], $_[3] || 0) }
sub baseline_cpu { virtkitperl::vkpl_baseline_cpu($_[0], undef, undef, undef, undef, 0, $_[1], $_[2] || 0) }
sub baseline_hypervisor_cpu { virtkitperl::vkpl_baseline_cpu($_[0], @_[1 .. 4], 1, $_[5], $_[6] || 0) }
# (\@pages, $start, $end): cells START to END inclusive
sub node_alloc_pages { virtkitperl::vkpl_node_alloc_pages($_[0], $_[1], $_[2], $_[3] - $_[2] + 1, $_[4] || 0); return }

# $conn->register_close_callback(sub { my ($conn, $reason) = @_; … })
sub register_close_callback { virtkitperl::vkpl_register_close_callback($_[0], $_[1]); return }
sub unregister_close_callback { virtkitperl::vkpl_unregister_close_callback($_[0]); return }

package Sys::Virt::Domain;

no warnings 'redefine';

# the positional arguments of the older forms as migration parameters
sub _migrate_params {
    my ($dxml, $dname, $uri, $bandwidth) = @_;
    my %p;
    $p{MIGRATE_PARAM_DEST_XML()} = $dxml if defined $dxml;
    $p{MIGRATE_PARAM_DEST_NAME()} = $dname if defined $dname;
    $p{MIGRATE_PARAM_URI()} = $uri if defined $uri;
    $p{MIGRATE_PARAM_BANDWIDTH()} = $bandwidth if $bandwidth;
    return \%p;
}

# migrate($dcon, \%params, $flags=0), or the older
# migrate($dcon, $flags=0, $dname=undef, $uri=undef, $bandwidth=0); both
# through virDomainMigrate3, as Sys-Virt's
sub migrate {
    my ($self, $dcon, @args) = @_;
    return virtkitperl::vkpl_domain_migrate3($self, $dcon, $args[0], $args[1] || 0)
        if ref($args[0]) eq 'HASH';
    my ($flags, $dname, $uri, $bandwidth) = @args;
    return virtkitperl::vkpl_domain_migrate3($self, $dcon, _migrate_params(undef, $dname, $uri, $bandwidth),
                                             $flags || 0);
}

# migrate2($dcon, $dxml, $flags, $dname, $uri, $bandwidth)
sub migrate2 {
    my ($self, $dcon, $dxml, $flags, $dname, $uri, $bandwidth) = @_;
    return virtkitperl::vkpl_domain_migrate3($self, $dcon, _migrate_params($dxml, $dname, $uri, $bandwidth),
                                             $flags || 0);
}

# migrate_to_uri($desturi, \%params, $flags=0), or the older
# migrate_to_uri($desturi, $flags=0, $dname=undef, $bandwidth=0)
sub migrate_to_uri {
    my ($self, $uri, @args) = @_;
    if (ref($args[0]) eq 'HASH') {
        virtkitperl::vkpl_domain_migrate_to_uri3($self, $uri, $args[0], $args[1] || 0);
    } else {
        my ($flags, $dname, $bandwidth) = @args;
        virtkitperl::virDomainMigrateToURI($self, $uri, $flags || 0, $dname, $bandwidth || 0);
    }
    return;
}

# save($file, $dxml=undef, \%params=undef, $flags=0)
sub save {
    my ($self, $file, $dxml, $params, $flags) = @_;
    $flags ||= 0;
    if ($params) {
        Sys::Virt::_need_hash($params, 'Sys::Virt::Domain::save', 'params');
        my %p = %$params;
        $p{SAVE_PARAM_FILE()} = $file if defined $file;
        $p{SAVE_PARAM_DXML()} = $dxml if defined $dxml;
        virtkitperl::vkpl_domain_save_params($self, \%p, $flags);
    } elsif (defined $dxml || $flags) {
        virtkitperl::virDomainSaveFlags($self, $file, $dxml, $flags);
    } else {
        virtkitperl::virDomainSave($self, $file);
    }
    return;
}

sub block_copy {
    Sys::Virt::_need_hash($_[3], 'Sys::Virt::Domain::block_copy', 'newparams');
    virtkitperl::vkpl_domain_block_copy($_[0], $_[1], $_[2], $_[3], $_[4] || 0);
    return;
}
sub set_iothread {
    Sys::Virt::_need_hash($_[2], 'Sys::Virt::Domain::set_iothread', 'newparams');
    virtkitperl::vkpl_domain_set_iothread($_[0], $_[1], $_[2], $_[3] || 0);
    return;
}
sub set_launch_security_state {
    Sys::Virt::_need_hash($_[1], 'Sys::Virt::Domain::set_launch_security_state', 'newparams');
    virtkitperl::vkpl_domain_set_launch_security_state($_[0], $_[1], $_[2] || 0);
    return;
}
sub authorized_ssh_keys_get { @{virtkitperl::vkpl_domain_ssh_keys_get($_[0], $_[1], $_[2] || 0)} }
sub authorized_ssh_keys_set { virtkitperl::vkpl_domain_ssh_keys_set($_[0], $_[1], $_[2], $_[3] || 0); return }
sub get_messages { @{virtkitperl::vkpl_domain_get_messages($_[0], $_[1] || 0)} }
sub get_security_label_list { @{virtkitperl::vkpl_domain_security_label_list($_[0])} }
sub create_with_files { virtkitperl::vkpl_domain_create_with_files($_[0], $_[1], $_[2] || 0); return }
sub fd_associate { virtkitperl::vkpl_domain_fd_associate($_[0], $_[1], $_[2], $_[3] || 0); return }

package Sys::Virt::Stream;

no warnings 'redefine';

sub sparse_recv_all { virtkitperl::vkpl_stream_sparse_recv_all($_[0], $_[1], $_[2]); return }
sub sparse_send_all { virtkitperl::vkpl_stream_sparse_send_all($_[0], $_[1], $_[2], $_[3]); return }
# $st->add_callback($events, sub { my ($st, $events) = @_; … })
sub add_callback { virtkitperl::vkpl_stream_add_callback($_[0], $_[1], $_[2]); return }
%}
