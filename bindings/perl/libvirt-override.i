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

/* A typed parameter's value as an SV (long long values as strings, as
 * Sys-Virt gives them). */
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
        return newSVpvf("%lld", p->value.l);
    case VIR_TYPED_PARAM_ULLONG:
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

/* Authentication callbacks are not offered yet: only undef (the default
 * credentials) is accepted, which is what Sys::Virt->new without auth
 * passes. */
%typemap(in) virConnectAuthPtr {
    if (SvOK($input))
        SWIG_croak("authentication callbacks are not supported yet");
    $1 = NULL;
}

/* ---- glue for functions the rules cannot express ---- */

/* (virtkit.i declares every handle type after this file; the glue below
 * needs these ones already.) */
VKPL_HANDLE(virDomainPtr, "Sys::Virt::Domain")

%exception vkpl_domain_scheduler_parameters {
    $action
    if (!result) {
        vkpl_raise();
        SWIG_fail;
    }
}
%typemap(out) SV *vkpl_domain_scheduler_parameters {
    VKPL_PUSH($1);
}
%inline %{
/* $dom->get_scheduler_parameters($flags=0): the scheduler's tunables as a
 * hash reference (virDomainGetSchedulerType says how many there are). */
SV *
vkpl_domain_scheduler_parameters(virDomainPtr dom, unsigned int flags)
{
    dTHX;
    int nparams = 0;
    char *type;
    virTypedParameterPtr params;
    SV *ret = NULL;
    int rc;

    if (!(type = virDomainGetSchedulerType(dom, &nparams)))
        return NULL;
    free(type);
    params = g_new0(virTypedParameter, nparams > 0 ? nparams : 1);
    if (flags)
        rc = virDomainGetSchedulerParametersFlags(dom, params, &nparams, flags);
    else
        rc = virDomainGetSchedulerParameters(dom, params, &nparams);
    if (rc == 0)
        ret = vkpl_params_to_hv(params, nparams);
    virTypedParamsClear(params, nparams);
    g_free(params);
    return ret;
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
    my $self = virtkitperl::virConnectOpenAuth($uri, undef, $flags);
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

sub get_major_version { int($_[0]->get_version() / 1000000) }
sub get_minor_version { int(($_[0]->get_version() % 1000000) / 1000) }
sub get_micro_version { $_[0]->get_version() % 1000 }

# ---- Sys::Virt::Domain ----
package Sys::Virt::Domain;

no warnings 'redefine';

*get_xml_description = \&virtkitperl::virDomainGetXMLDesc;

sub get_scheduler_parameters {
    my ($self, $flags) = @_;
    return virtkitperl::vkpl_domain_scheduler_parameters($self, $flags || 0);
}
%}
