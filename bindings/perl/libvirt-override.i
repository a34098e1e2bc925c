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
 * perl-constants: virStoragePoolState Sys::Virt::StoragePool VIR_STORAGE_POOL_ STATE_
 * perl-constants: virStorageVolType Sys::Virt::StorageVol VIR_STORAGE_VOL_ TYPE_
 * perl-constants: virConnectDomainEventAgentLifecycleReason Sys::Virt::Domain VIR_CONNECT_DOMAIN_ EVENT_
 * perl-constants: virConnectDomainEventAgentLifecycleState Sys::Virt::Domain VIR_CONNECT_DOMAIN_ EVENT_
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
        if (p->value.ul <= (unsigned long long)IV_MAX)
            return newSViv((IV)p->value.ul);
        return newSVpvf("%llu", p->value.ul);
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

/* The fields of HVREF (a hash reference) that TEMPL (what the getter
 * reported) knows, as new typed parameters of the template's types, in
 * *RET (free with virTypedParamsFree).  Other keys are ignored, as
 * Sys-Virt does.  -1 when HVREF is not a hash reference. */
static int
vkpl_params_from_hv(SV *hvref, virTypedParameterPtr templ, int ntempl,
                    virTypedParameterPtr *ret, int *nret)
{
    dTHX;
    HV *hv;
    virTypedParameterPtr out;
    int i, n = 0;

    if (!SvROK(hvref) || SvTYPE(SvRV(hvref)) != SVt_PVHV)
        return -1;
    hv = (HV *)SvRV(hvref);
    out = g_new0(virTypedParameter, ntempl > 0 ? ntempl : 1);
    for (i = 0; i < ntempl; i++) {
        SV **val = hv_fetch(hv, templ[i].field, strlen(templ[i].field), 0);
        virTypedParameterPtr p = &out[n];

        if (!val)
            continue;
        memcpy(p->field, templ[i].field, sizeof(p->field));
        p->type = templ[i].type;
        switch (p->type) {
        case VIR_TYPED_PARAM_INT:
            p->value.i = (int)SvIV(*val);
            break;
        case VIR_TYPED_PARAM_UINT:
            p->value.ui = (unsigned int)SvUV(*val);
            break;
        case VIR_TYPED_PARAM_LLONG:
            p->value.l = vkpl_sv_llong(*val);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            p->value.ul = vkpl_sv_ullong(*val);
            break;
        case VIR_TYPED_PARAM_DOUBLE:
            p->value.d = SvNV(*val);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            p->value.b = SvTRUE(*val) ? 1 : 0;
            break;
        case VIR_TYPED_PARAM_STRING:
            p->value.s = g_strdup(SvPV_nolen(*val));
            break;
        default:
            continue;
        }
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

/* 64-bit numbers come back as strings, as Sys-Virt returns them. */
%typemap(out) long long {
    VKPL_PUSH(newSVpvf("%lld", (long long)$1));
}
%typemap(out) unsigned long long {
    VKPL_PUSH(newSVpvf("%llu", (unsigned long long)$1));
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
                       p[i].value <= (unsigned long long)IV_MAX ? newSViv((IV)p[i].value)
                                                                : newSVpvf("%llu", p[i].value), 0);
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
                       p[i].value <= (unsigned long long)IV_MAX ? newSViv((IV)p[i].value)
                                                                : newSVpvf("%llu", p[i].value), 0);
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
        # (struct _virDomainBlockStats: five long longs)
        die $err if $flags || !ref($err) || $err->{code} != Sys::Virt::Error::ERR_NO_SUPPORT;
        return virtkitperl::virDomainBlockStats($self, $path, 5 * 8);
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
%}
