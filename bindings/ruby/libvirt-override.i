/*
 * libvirt-override.i: the hand-written half of virtkit's Ruby extension.
 *
 * The generated interface (build/bindings/ruby/virtkit.i, from
 * generator/virtkit_gen/emit_ruby.py) includes this file.  It holds what
 * every generated wrapper shares: the handle classes (Libvirt::Connect,
 * Libvirt::Domain …, one TypedData type for all of them), the exception
 * classes and how a libvirt error becomes one, the small conversion helpers,
 * and the typemaps SWIG applies to the wrappers' parameters.  The
 * typemaps are chosen by type names the generator writes (vkrb_cstr,
 * vkrb_flags, T *OUT …), so that api.xml's meaning, not the C type alone,
 * picks the conversion.
 */

/* ------------------------------------------------------------------ C side */
%{
#include <ruby/thread.h>
#include <stdlib.h>
#include <string.h>

typedef const char *vkrb_cstr;          /* a String, never nil */
typedef const char *vkrb_cstr_or_nil;   /* a String or nil (NULL) */
typedef unsigned int vkrb_flags;        /* an Integer or nil (0) */
typedef unsigned long vkrb_ulflags;
typedef int vkrb_status;                /* 0 on success: the outputs are the result */
typedef char *vkrb_str_owned;           /* a string result the caller frees */
typedef const char *vkrb_str_borrowed;  /* a string result that stays the library's */

/* One row per api.xml object, indexed by VKRB_T_*; generated. */
typedef struct {
    const char *path;          /* the class under Libvirt: "Domain::Snapshot" */
    const char *name;          /* for messages: "Domain" */
    int (*free)(void *);       /* drops the handle's reference */
    int (*ref)(void *);        /* takes one more */
} vkrb_type;
extern const vkrb_type vkrb_types[VKRB_NTYPES];
extern const int vkrb_conn_type;

/* Error classes: which one a failing function raises is decided by the
 * generator (see error_kind in emit_ruby.py). */
enum {
    VKRB_E_ERROR,
    VKRB_E_CONNECTION,
    VKRB_E_DEFINITION,
    VKRB_E_RETRIEVE,
    VKRB_E_NOSUPPORT,
    VKRB_E_LAST,
};
static VALUE vkrb_errors[VKRB_E_LAST];
static VALUE vkrb_classes[VKRB_NTYPES];

/* A handle: the C pointer (NULL once freed or closed) and, for everything
 * but connections, the Libvirt::Connect it was reached through, which it
 * keeps alive and checks before every call (as ruby-libvirt does). */
typedef struct {
    void *ptr;
    int type;
    VALUE conn;
} vkrb_handle;

static void
vkrb_handle_mark(void *p)
{
    rb_gc_mark(((vkrb_handle *)p)->conn);
}

static void
vkrb_handle_free(void *p)
{
    vkrb_handle *h = p;

    /* a connection collected before its handles: libvirt's own reference
     * counting keeps the C connection alive until the last one goes */
    if (h->ptr && vkrb_types[h->type].free)
        vkrb_types[h->type].free(h->ptr);
    xfree(h);
}

static size_t
vkrb_handle_size(const void *p)
{
    return sizeof(vkrb_handle);
}

static const rb_data_type_t vkrb_handle_type = {
    "virtkit handle",
    { vkrb_handle_mark, vkrb_handle_free, vkrb_handle_size, },
    NULL, NULL, RUBY_TYPED_FREE_IMMEDIATELY,
};

static vkrb_handle *
vkrb_get(VALUE v, int type)
{
    vkrb_handle *h;

    if (!rb_typeddata_is_kind_of(v, &vkrb_handle_type) ||
        (type >= 0 && ((vkrb_handle *)RTYPEDDATA_DATA(v))->type != type))
        rb_raise(rb_eTypeError, "wrong argument type %s (expected Libvirt::%s)",
                 rb_obj_classname(v), type >= 0 ? vkrb_types[type].path : "handle");
    h = RTYPEDDATA_DATA(v);
    return h;
}

/* The C pointer inside V, a live handle of TYPE whose connection is open. */
static void *
vkrb_unwrap(VALUE v, int type)
{
    vkrb_handle *h = vkrb_get(v, type);

    if (!h->ptr)
        rb_raise(rb_eArgError, "%s has been freed", vkrb_types[h->type].name);
    if (!NIL_P(h->conn) && !((vkrb_handle *)RTYPEDDATA_DATA(h->conn))->ptr)
        rb_raise(rb_eArgError, "Connect has been freed");
    return h->ptr;
}

static void *
vkrb_unwrap_or_null(VALUE v, int type)
{
    return NIL_P(v) ? NULL : vkrb_unwrap(v, type);
}

/* A new Ruby object for PTR, a handle of TYPE returned by a call whose
 * first argument was PARENT (nil for none).  BORROWED: the call gave no
 * reference of its own, so take one. */
static VALUE
vkrb_wrap(int type, void *ptr, VALUE parent, int borrowed)
{
    vkrb_handle *h;
    VALUE obj;

    if (!ptr)
        return Qnil;
    if (borrowed && vkrb_types[type].ref)
        vkrb_types[type].ref(ptr);
    obj = TypedData_Make_Struct(vkrb_classes[type], vkrb_handle, &vkrb_handle_type, h);
    h->ptr = ptr;
    h->type = type;
    h->conn = Qnil;
    if (type != vkrb_conn_type && !NIL_P(parent) &&
        rb_typeddata_is_kind_of(parent, &vkrb_handle_type)) {
        vkrb_handle *ph = RTYPEDDATA_DATA(parent);
        h->conn = ph->type == vkrb_conn_type ? parent : ph->conn;
        rb_ivar_set(obj, rb_intern("@connection"), h->conn);
    }
    return obj;
}

/* N handles of TYPE in PTRS (whose references the Array takes over). */
static VALUE
vkrb_handle_array(int type, void **ptrs, int n, VALUE parent)
{
    VALUE ary = rb_ary_new_capa(n > 0 ? n : 0);
    int i;

    for (i = 0; ptrs && i < n; i++)
        rb_ary_push(ary, vkrb_wrap(type, ptrs[i], parent, 0));
    return ary;
}

static VALUE
vkrb_int_array(const int *v, int n)
{
    VALUE ary = rb_ary_new_capa(n > 0 ? n : 0);
    int i;

    for (i = 0; i < n; i++)
        rb_ary_push(ary, INT2NUM(v[i]));
    return ary;
}

static VALUE
vkrb_str(const char *s)
{
    return s ? rb_utf8_str_new_cstr(s) : Qnil;
}

/* S as a String, freeing S. */
static VALUE
vkrb_str_steal(char *s)
{
    VALUE v = vkrb_str(s);

    free(s);
    return v;
}

/* N strings (each freed) as an Array; V itself stays the caller's. */
static VALUE
vkrb_str_array_steal(char **v, int n)
{
    VALUE ary = rb_ary_new_capa(n > 0 ? n : 0);
    int i;

    for (i = 0; i < n; i++) {
        rb_ary_push(ary, vkrb_str(v[i]));
        free(v[i]);
    }
    return ary;
}

/* The bytes of V, a String of exactly LEN bytes. */
static const unsigned char *
vkrb_bytes(VALUE v, long len)
{
    StringValue(v);
    if (RSTRING_LEN(v) != len)
        rb_raise(rb_eArgError, "expected %ld bytes, got %ld", len, (long)RSTRING_LEN(v));
    return (const unsigned char *)RSTRING_PTR(v);
}

/* ---- typed parameters: Ruby Hashes ---- */

/* N typed parameters as a Hash {name => value}. */
static VALUE
vkrb_tparams_hash(const virTypedParameter *p, int n)
{
    VALUE h = rb_hash_new();
    VALUE types = rb_hash_new();
    int i;

    for (i = 0; p && i < n; i++) {
        VALUE v;

        switch (p[i].type) {
        case VIR_TYPED_PARAM_INT: v = INT2NUM(p[i].value.i); break;
        case VIR_TYPED_PARAM_UINT: v = UINT2NUM(p[i].value.ui); break;
        case VIR_TYPED_PARAM_LLONG: v = LL2NUM(p[i].value.l); break;
        case VIR_TYPED_PARAM_ULLONG: v = ULL2NUM(p[i].value.ul); break;
        case VIR_TYPED_PARAM_DOUBLE: v = DBL2NUM(p[i].value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: v = p[i].value.b ? Qtrue : Qfalse; break;
        case VIR_TYPED_PARAM_STRING: v = vkrb_str(p[i].value.s); break;
        default: v = Qnil; break;
        }
        rb_hash_aset(h, rb_utf8_str_new_cstr(p[i].field), v);
        rb_hash_aset(types, rb_utf8_str_new_cstr(p[i].field), INT2NUM(p[i].type));
    }
    /* the types, for the Ruby layer's setters (hidden from inspect) */
    rb_ivar_set(h, rb_intern("@__vk_types"), types);
    return h;
}

/* Set P (named NAME) to V, of TYPE (-1: from V's class: true/false
 * boolean, Float double, String string, Integer unsigned long long, or
 * long long when negative).  Strings point into V. */
static void
vkrb_tparam_set(virTypedParameterPtr p, VALUE name, int type, VALUE v)
{
    const char *field = StringValueCStr(name);

    if (strlen(field) >= VIR_TYPED_PARAM_FIELD_LENGTH)
        rb_raise(rb_eArgError, "parameter name too long: %s", field);
    strcpy(p->field, field);
    if (type < 0) {
        if (v == Qtrue || v == Qfalse)
            type = VIR_TYPED_PARAM_BOOLEAN;
        else if (RB_FLOAT_TYPE_P(v))
            type = VIR_TYPED_PARAM_DOUBLE;
        else if (RB_TYPE_P(v, T_STRING))
            type = VIR_TYPED_PARAM_STRING;
        else if (RB_INTEGER_TYPE_P(v) && RTEST(rb_funcall(v, rb_intern("negative?"), 0)))
            type = VIR_TYPED_PARAM_LLONG;
        else
            type = VIR_TYPED_PARAM_ULLONG;
    }
    p->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT: p->value.i = NUM2INT(v); break;
    case VIR_TYPED_PARAM_UINT: p->value.ui = NUM2UINT(v); break;
    case VIR_TYPED_PARAM_LLONG: p->value.l = NUM2LL(v); break;
    case VIR_TYPED_PARAM_ULLONG: p->value.ul = NUM2ULL(v); break;
    case VIR_TYPED_PARAM_DOUBLE: p->value.d = NUM2DBL(v); break;
    case VIR_TYPED_PARAM_BOOLEAN: p->value.b = RTEST(v) ? 1 : 0; break;
    case VIR_TYPED_PARAM_STRING: p->value.s = StringValueCStr(v); break;
    default: rb_raise(rb_eArgError, "unknown typed parameter type %d", type);
    }
}

/* V as typed parameters: a Hash {name => value} (types from the values'
 * classes) or an Array of [name, type, value] (what the Ruby layer passes
 * once it knows the types the library expects).  The array lives in *BUF,
 * a temporary buffer the caller frees; strings point into V's, which the
 * caller keeps alive for the call. */
static virTypedParameterPtr
vkrb_tparams_in(VALUE v, int *n, volatile VALUE *buf)
{
    virTypedParameterPtr p;
    long i, len;
    VALUE ary;

    if (RB_TYPE_P(v, T_HASH))
        ary = rb_funcall(v, rb_intern("to_a"), 0);
    else
        ary = rb_check_array_type(v);
    if (NIL_P(ary))
        rb_raise(rb_eTypeError, "wrong argument type %s (expected Hash)", rb_obj_classname(v));
    len = RARRAY_LEN(ary);
    p = rb_alloc_tmp_buffer(buf, (len ? len : 1) * sizeof(*p));
    memset(p, 0, (len ? len : 1) * sizeof(*p));
    for (i = 0; i < len; i++) {
        VALUE e = rb_check_array_type(RARRAY_AREF(ary, i));

        if (RB_TYPE_P(v, T_HASH))
            vkrb_tparam_set(&p[i], RARRAY_AREF(e, 0), -1, RARRAY_AREF(e, 1));
        else if (NIL_P(e) || RARRAY_LEN(e) != 3)
            rb_raise(rb_eArgError, "expected [name, type, value]");
        else
            vkrb_tparam_set(&p[i], RARRAY_AREF(e, 0), NUM2INT(RARRAY_AREF(e, 1)), RARRAY_AREF(e, 2));
    }
    RB_GC_GUARD(ary);
    *n = (int)len;
    return p;
}

/* Raise the error FUNC just left in this thread, as an exception of KIND
 * with ruby-libvirt's message and libvirt_* attributes. */
static void
vkrb_raise(const char *func, int kind)
{
    virErrorPtr err = virGetLastError();
    VALUE exc;

    if (err && err->message)
        exc = rb_exc_new_str(vkrb_errors[kind],
                             rb_sprintf("Call to %s failed: %s", func, err->message));
    else
        exc = rb_exc_new_str(vkrb_errors[kind], rb_sprintf("Call to %s failed", func));
    rb_ivar_set(exc, rb_intern("@libvirt_function_name"), rb_str_new_cstr(func));
    if (err) {
        rb_ivar_set(exc, rb_intern("@libvirt_message"), vkrb_str(err->message));
        rb_ivar_set(exc, rb_intern("@libvirt_code"), INT2NUM(err->code));
        rb_ivar_set(exc, rb_intern("@libvirt_component"), INT2NUM(err->domain));
        rb_ivar_set(exc, rb_intern("@libvirt_level"), INT2NUM(err->level));
    }
    rb_exc_raise(exc);
}

/* ---- explicit release: Connect#close, Domain#free … ---- */

struct vkrb_free_args {
    vkrb_handle *h;
    int ret;
};

static void *
vkrb_nogvl_free(void *opaque)
{
    struct vkrb_free_args *a = opaque;

    a->ret = vkrb_types[a->h->type].free(a->h->ptr);
    return NULL;
}

/* Drop OBJ's reference now (the object then refuses every call). */
static VALUE
vkrb_release(VALUE obj)
{
    struct vkrb_free_args a = { vkrb_get(obj, -1), 0 };

    if (!a.h->ptr || !vkrb_types[a.h->type].free)
        return Qnil;
    rb_thread_call_without_gvl(vkrb_nogvl_free, &a, NULL, NULL);
    a.h->ptr = NULL;
    return Qnil;
}

/* Whether OBJ was released (Connect#closed?). */
static VALUE
vkrb_released_p(VALUE obj)
{
    return vkrb_get(obj, -1)->ptr ? Qfalse : Qtrue;
}

/* Errors reach Ruby as exceptions only: the library's default handler
 * would also print them on stderr. */
static void
vkrb_quiet(void *opaque, virErrorPtr err)
{
}

static void vkrb_init_callbacks(void);

static void
vkrb_init(void)
{
    VALUE mLibvirt = rb_define_module("Libvirt");
    VALUE eError;
    int i;

    virSetErrorFunc(NULL, vkrb_quiet);
    eError = rb_define_class_under(mLibvirt, "Error", rb_eStandardError);
    rb_define_attr(eError, "libvirt_function_name", 1, 0);
    rb_define_attr(eError, "libvirt_message", 1, 0);
    rb_define_attr(eError, "libvirt_code", 1, 0);
    rb_define_attr(eError, "libvirt_component", 1, 0);
    rb_define_attr(eError, "libvirt_level", 1, 0);
    vkrb_errors[VKRB_E_ERROR] = eError;
    vkrb_errors[VKRB_E_CONNECTION] = rb_define_class_under(mLibvirt, "ConnectionError", eError);
    vkrb_errors[VKRB_E_DEFINITION] = rb_define_class_under(mLibvirt, "DefinitionError", eError);
    vkrb_errors[VKRB_E_RETRIEVE] = rb_define_class_under(mLibvirt, "RetrieveError", eError);
    vkrb_errors[VKRB_E_NOSUPPORT] = rb_define_class_under(mLibvirt, "NoSupportError", eError);
    for (i = 0; i < VKRB_E_LAST; i++)
        rb_gc_register_address(&vkrb_errors[i]);

    /* parents come before their children in api.xml's order */
    for (i = 0; i < VKRB_NTYPES; i++) {
        const char *path = vkrb_types[i].path;
        const char *sep = strrchr(path, ':');
        VALUE outer = mLibvirt;

        if (sep) {
            VALUE full = rb_sprintf("Libvirt::%.*s", (int)(sep - 1 - path), path);
            outer = rb_path2class(StringValueCStr(full));
            path = sep + 1;
        }
        vkrb_classes[i] = rb_define_class_under(outer, path, rb_cObject);
        rb_undef_alloc_func(vkrb_classes[i]);
        rb_gc_register_address(&vkrb_classes[i]);
    }
    vkrb_init_callbacks();
}
%}

/* ------------------------------------------------------------ SWIG side */

typedef const char *vkrb_cstr;
typedef const char *vkrb_cstr_or_nil;
typedef unsigned int vkrb_flags;
typedef unsigned long vkrb_ulflags;
typedef int vkrb_status;
typedef char *vkrb_str_owned;
typedef const char *vkrb_str_borrowed;

/* Strings: ruby-libvirt's TypeError for anything that is not one. */
%typemap(in) vkrb_cstr "$1 = StringValueCStr($input);"
%typemap(in) vkrb_cstr_or_nil "$1 = NIL_P($input) ? NULL : StringValueCStr($input);"

/* Integers: Ruby's own conversions (TypeError, RangeError); flags may be nil. */
%typemap(in) int "$1 = NUM2INT($input);"
%typemap(in) unsigned int "$1 = NUM2UINT($input);"
%typemap(in) long "$1 = NUM2LONG($input);"
%typemap(in) unsigned long "$1 = NUM2ULONG($input);"
%typemap(in) long long "$1 = NUM2LL($input);"
%typemap(in) unsigned long long "$1 = NUM2ULL($input);"
%typemap(in) double "$1 = NUM2DBL($input);"
%typemap(in) vkrb_flags "$1 = NIL_P($input) ? 0 : NUM2UINT($input);"
%typemap(in) vkrb_ulflags "$1 = NIL_P($input) ? 0 : NUM2ULONG($input);"

/* Handles and other VALUEs pass through; the wrappers convert them. */
%typemap(in) VALUE "$1 = $input;"
%typemap(out) VALUE "$result = $1;"

/* String results that come with outputs ([string, out, …]). */
%typemap(out) vkrb_str_owned "$result = vkrb_str_steal($1);"
%typemap(out) vkrb_str_borrowed "$result = vkrb_str($1);"

/* A status whose outputs are the result. */
%typemap(out) vkrb_status "$result = Qnil;"

/* Scalar outputs: T *OUT is not a Ruby argument; its value is (part of) the result. */
%define VKRB_OUT(T, TO_RUBY)
%typemap(in, numinputs=0) T *OUT (T tmp) {
    tmp = 0;
    $1 = &tmp;
}
%typemap(argout) T *OUT {
    $result = SWIG_Ruby_AppendOutput($result, TO_RUBY(*$1));
}
%enddef
VKRB_OUT(int, INT2NUM)
VKRB_OUT(unsigned int, UINT2NUM)
VKRB_OUT(long, LONG2NUM)
VKRB_OUT(unsigned long, ULONG2NUM)
VKRB_OUT(long long, LL2NUM)
VKRB_OUT(unsigned long long, ULL2NUM)
VKRB_OUT(double, DBL2NUM)

/* A string the callee allocates. */
%typemap(in, numinputs=0) char **OUTSTR (char *tmp) {
    tmp = NULL;
    $1 = &tmp;
}
%typemap(argout) char **OUTSTR {
    $result = SWIG_Ruby_AppendOutput($result, vkrb_str_steal(*$1));
}

/* Typed parameters in: a Hash, or [name, type, value] triples. */
%typemap(in) (virTypedParameterPtr TPIN, int NTPIN) (VALUE buf = 0, VALUE keep = Qnil) {
    keep = $input;
    $1 = vkrb_tparams_in($input, &$2, &buf);
}
%typemap(freearg) (virTypedParameterPtr TPIN, int NTPIN) {
    RB_GC_GUARD(keep$argnum);
    if (buf$argnum)
        rb_free_tmp_buffer(&buf$argnum);
}

/* Typed parameters out: a Hash {name => value}. */
%typemap(in, numinputs=0) (virTypedParameterPtr *TPOUT, int *NTPOUT) (virTypedParameterPtr tp = NULL, int n = 0) {
    $1 = &tp;
    $2 = &n;
}
%typemap(argout) (virTypedParameterPtr *TPOUT, int *NTPOUT) {
    $result = SWIG_Ruby_AppendOutput($result, vkrb_tparams_hash(*$1, *$2));
}
%typemap(freearg) (virTypedParameterPtr *TPOUT, int *NTPOUT) {
    virTypedParamsFree(*$1, *$2);
}

/* Explicit release, for the Ruby layer's close/free. */
%rename("release") vkrb_release;
VALUE vkrb_release(VALUE obj);
%rename("released?") vkrb_released_p;
VALUE vkrb_released_p(VALUE obj);

/* ================================================================
 * Callbacks into Ruby: authentication, the event loop, domain events,
 * streams.
 *
 * The library calls back from inside a call the binding made without
 * the GVL (or, for a loop written in Ruby, from inside
 * Libvirt::event_invoke_*_callback, which also releases it).  Every C
 * trampoline below takes the GVL back (rb_thread_call_with_gvl), runs the
 * Ruby code under rb_protect -- an exception must not unwind through the
 * library's frames -- and leaves the exception pending on the thread; the
 * binding raises it as soon as the C call returns to Ruby.  A call from a
 * thread Ruby does not know cannot run Ruby code: it fails (-1).
 * ================================================================ */
%{
#include <ruby/debug.h>

extern int ruby_thread_has_gvl_p(void);   /* exported by libruby, not declared */

static int vkrb_npending;                 /* exceptions waiting on some thread */
static VALUE vkrb_keep;                   /* Ruby data the library holds: {obj => true} */
static VALUE vkrb_event_fns[6];           /* Libvirt::event_register_impl's callables */
static VALUE vkrb_cptr_class;

/* ---- running Ruby code from a callback ---- */

static void
vkrb_set_pending(VALUE exc)
{
    rb_thread_local_aset(rb_thread_current(), rb_intern("__vk_pending_exception"), exc);
    vkrb_npending++;
}

/* Raise the exception a callback left on this thread, if any. */
static void
vkrb_raise_pending(void)
{
    VALUE th, exc;
    ID key;

    if (!vkrb_npending)
        return;
    th = rb_thread_current();
    key = rb_intern("__vk_pending_exception");
    exc = rb_thread_local_aref(th, key);
    if (NIL_P(exc))
        return;
    rb_thread_local_aset(th, key, Qnil);
    vkrb_npending--;
    rb_exc_raise(exc);
}

struct vkrb_prot {
    VALUE (*body)(VALUE);
    void *arg;
    int failed;
};

static void *
vkrb_prot_gvl(void *p)
{
    struct vkrb_prot *pr = p;
    int state = 0;

    rb_protect(pr->body, (VALUE)pr->arg, &state);
    if (state) {
        VALUE exc = rb_errinfo();

        rb_set_errinfo(Qnil);
        pr->failed = 1;
        if (!NIL_P(exc))
            vkrb_set_pending(exc);
    }
    return NULL;
}

/* Run BODY(ARG) with the GVL; 0, or -1 when it raised (the exception is
 * then pending) or Ruby cannot run on this thread. */
static int
vkrb_run(VALUE (*body)(VALUE), void *arg)
{
    struct vkrb_prot pr = { body, arg, 0 };

    if (!ruby_native_thread_p())
        return -1;
    if (ruby_thread_has_gvl_p())
        vkrb_prot_gvl(&pr);
    else
        rb_thread_call_with_gvl(vkrb_prot_gvl, &pr);
    return pr.failed ? -1 : 0;
}

/* FN (a Proc or anything with #call; a Symbol names a method, called as
 * ruby-libvirt does) with ARGC arguments. */
static VALUE
vkrb_callv(VALUE fn, int argc, const VALUE *argv)
{
    if (SYMBOL_P(fn))
        return rb_funcallv(rb_class_of(fn), rb_to_id(fn), argc, argv);
    return rb_funcallv(fn, rb_intern("call"), argc, argv);
}

static int
vkrb_callable_p(VALUE fn)
{
    return SYMBOL_P(fn) || rb_obj_is_proc(fn) || rb_respond_to(fn, rb_intern("call"));
}

/* ---- C pointers inside Ruby values (the event loop's opaque Hash) ---- */

static const rb_data_type_t vkrb_cptr_type = {
    "virtkit C pointer", { NULL, NULL, NULL, }, NULL, NULL, RUBY_TYPED_FREE_IMMEDIATELY,
};

static VALUE
vkrb_cptr_new(void *p)
{
    return TypedData_Wrap_Struct(vkrb_cptr_class, &vkrb_cptr_type, p);
}

static void *
vkrb_cptr_get(VALUE hash, const char *key)
{
    VALUE v = rb_hash_aref(hash, rb_str_new_cstr(key));

    if (NIL_P(v))
        return NULL;
    return rb_check_typeddata(v, &vkrb_cptr_type);
}

/* ---- free callbacks the loop hands back: run later, outside the
 * library's locks (a postponed job of the thread that removed them) ---- */

struct vkrb_free_item {
    virFreeCallback ff;
    void *opaque;
    struct vkrb_free_item *next;
};
static struct vkrb_free_item *vkrb_frees;   /* changed only with the GVL */

static void
vkrb_drain_frees(void *unused)
{
    while (vkrb_frees) {
        struct vkrb_free_item *it = vkrb_frees;

        vkrb_frees = it->next;
        it->ff(it->opaque);
        free(it);
    }
}

static void
vkrb_defer_free(virFreeCallback ff, void *opaque)
{
    struct vkrb_free_item *it;

    if (!ff || !(it = malloc(sizeof(*it))))
        return;
    it->ff = ff;
    it->opaque = opaque;
    it->next = vkrb_frees;
    vkrb_frees = it;
    rb_postponed_job_register_one(0, vkrb_drain_frees, NULL);
}

/* After a hand-written call that may have called back. */
static void
vkrb_after_callbacks(void)
{
    vkrb_drain_frees(NULL);
    vkrb_raise_pending();
}

/* Ruby data the library keeps (callback, opaque …): alive until it frees it. */
static void *
vkrb_unkeep_gvl(void *p)
{
    rb_hash_delete(vkrb_keep, (VALUE)p);
    return NULL;
}

static void
vkrb_unkeep(void *p)
{
    if (!ruby_native_thread_p())
        return;                          /* leaked rather than touched unlocked */
    if (ruby_thread_has_gvl_p())
        vkrb_unkeep_gvl(p);
    else
        rb_thread_call_with_gvl(vkrb_unkeep_gvl, p);
}

/* ---- authentication (Libvirt::open_auth) ---- */

struct vkrb_auth {
    VALUE block;
    VALUE userdata;
};

struct vkrb_authcb {
    virConnectCredentialPtr cred;
    unsigned int ncred;
    struct vkrb_auth *auth;
};

static VALUE
vkrb_auth_body(VALUE p)
{
    struct vkrb_authcb *c = (struct vkrb_authcb *)p;
    unsigned int i;

    for (i = 0; i < c->ncred; i++) {
        virConnectCredentialPtr cr = &c->cred[i];
        VALUE h = rb_hash_new();
        VALUE r;

        rb_hash_aset(h, rb_str_new_cstr("type"), INT2NUM(cr->type));
        rb_hash_aset(h, rb_str_new_cstr("prompt"), vkrb_str(cr->prompt));
        rb_hash_aset(h, rb_str_new_cstr("challenge"), vkrb_str(cr->challenge));
        rb_hash_aset(h, rb_str_new_cstr("defresult"), vkrb_str(cr->defresult));
        rb_hash_aset(h, rb_str_new_cstr("result"), Qnil);
        rb_hash_aset(h, rb_str_new_cstr("userdata"), c->auth->userdata);
        r = vkrb_callv(c->auth->block, 1, &h);
        if (NIL_P(r)) {
            cr->result = NULL;
            cr->resultlen = 0;
        } else {
            const char *s = StringValueCStr(r);

            free(cr->result);
            cr->result = strdup(s);
            cr->resultlen = cr->result ? strlen(cr->result) : 0;
        }
    }
    return Qnil;
}

static int
vkrb_auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    struct vkrb_authcb c = { cred, ncred, cbdata };

    return vkrb_run(vkrb_auth_body, &c);
}

struct vkrb_open_auth_args {
    const char *uri;
    virConnectAuth auth;
    unsigned int flags;
    virConnectPtr ret;
};

static void *
vkrb_nogvl_open_auth(void *p)
{
    struct vkrb_open_auth_args *a = p;

    a->ret = virConnectOpenAuth(a->uri, &a->auth, a->flags);
    return NULL;
}

static void *
vkrb_nogvl_close(void *p)
{
    virConnectClose(p);
    return NULL;
}

/* Libvirt::open_auth(uri, credlist, userdata, flags) { |cred| … }: BLOCK
 * answers each credential asked for (a Hash), as ruby-libvirt's does. */
static VALUE
vkrb_open_auth(VALUE uri, VALUE credlist, VALUE userdata, VALUE flags, VALUE block)
{
    struct vkrb_open_auth_args a;
    struct vkrb_auth auth = { block, userdata };
    volatile VALUE buf = 0;
    int *types = NULL;
    long i, n = 0;

    if (!NIL_P(credlist) && !RB_TYPE_P(credlist, T_ARRAY))
        rb_raise(rb_eTypeError, "wrong argument type (expected Array or nil)");
    if (!vkrb_callable_p(block))
        rb_raise(rb_eTypeError, "wrong argument type (expected Proc)");
    memset(&a, 0, sizeof(a));
    a.uri = NIL_P(uri) ? NULL : StringValueCStr(uri);
    a.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    if (!NIL_P(credlist)) {
        n = RARRAY_LEN(credlist);
        types = rb_alloc_tmp_buffer(&buf, (n ? n : 1) * sizeof(int));
        for (i = 0; i < n; i++)
            types[i] = NUM2INT(RARRAY_AREF(credlist, i));
    }
    a.auth.credtype = types;
    a.auth.ncredtype = (unsigned int)n;
    a.auth.cb = vkrb_auth_cb;
    a.auth.cbdata = &auth;
    rb_thread_call_without_gvl(vkrb_nogvl_open_auth, &a, NULL, NULL);
    if (buf)
        rb_free_tmp_buffer(&buf);
    RB_GC_GUARD(block);
    RB_GC_GUARD(userdata);
    if (a.ret && vkrb_npending) {
        /* the block raised for a credential the library did not need */
        rb_thread_call_without_gvl(vkrb_nogvl_close, a.ret, NULL, NULL);
        a.ret = NULL;
    }
    vkrb_after_callbacks();
    if (!a.ret)
        vkrb_raise("virConnectOpenAuth", VKRB_E_CONNECTION);
    return vkrb_wrap(vkrb_conn_type, a.ret, Qnil, 0);
}

/* ---- the event loop: Libvirt::event_register_impl ---- */

enum {
    VKRB_EV_ADD_HANDLE, VKRB_EV_UPDATE_HANDLE, VKRB_EV_REMOVE_HANDLE,
    VKRB_EV_ADD_TIMEOUT, VKRB_EV_UPDATE_TIMEOUT, VKRB_EV_REMOVE_TIMEOUT,
};

struct vkrb_ev {
    int which;
    int a, b;
    void *cb, *opaque;
    virFreeCallback ff;
    int ret;
};

/* The Hash a loop keeps for a handle or timeout and gives back to
 * event_invoke_*_callback (and returns from remove_*). */
static VALUE
vkrb_ev_opaque(void *cb, void *opaque, virFreeCallback ff)
{
    VALUE h = rb_hash_new();

    rb_hash_aset(h, rb_str_new_cstr("libvirt_cb"), vkrb_cptr_new(cb));
    rb_hash_aset(h, rb_str_new_cstr("opaque"), vkrb_cptr_new(opaque));
    rb_hash_aset(h, rb_str_new_cstr("free_func"), vkrb_cptr_new((void *)ff));
    return h;
}

static VALUE
vkrb_ev_body(VALUE p)
{
    struct vkrb_ev *e = (struct vkrb_ev *)p;
    VALUE fn = vkrb_event_fns[e->which];
    VALUE argv[3], r;

    switch (e->which) {
    case VKRB_EV_ADD_HANDLE:
        argv[0] = INT2NUM(e->a);
        argv[1] = INT2NUM(e->b);
        argv[2] = vkrb_ev_opaque(e->cb, e->opaque, e->ff);
        e->ret = NUM2INT(vkrb_callv(fn, 3, argv));
        break;
    case VKRB_EV_ADD_TIMEOUT:
        argv[0] = INT2NUM(e->a);
        argv[1] = vkrb_ev_opaque(e->cb, e->opaque, e->ff);
        e->ret = NUM2INT(vkrb_callv(fn, 2, argv));
        break;
    case VKRB_EV_UPDATE_HANDLE:
    case VKRB_EV_UPDATE_TIMEOUT:
        argv[0] = INT2NUM(e->a);
        argv[1] = INT2NUM(e->b);
        vkrb_callv(fn, 2, argv);
        e->ret = 0;
        break;
    default:
        argv[0] = INT2NUM(e->a);
        r = vkrb_callv(fn, 1, argv);
        if (!RB_TYPE_P(r, T_HASH))
            rb_raise(rb_eTypeError, "expected opaque hash returned from %s callback",
                     e->which == VKRB_EV_REMOVE_HANDLE ? "remove_handle" : "remove_timeout");
        vkrb_defer_free((virFreeCallback)vkrb_cptr_get(r, "free_func"),
                        vkrb_cptr_get(r, "opaque"));
        e->ret = 0;
        break;
    }
    return Qnil;
}

static int
vkrb_ev_call(struct vkrb_ev *e)
{
    if (vkrb_run(vkrb_ev_body, e) < 0)
        return -1;
    return e->ret;
}

static int
vkrb_ev_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    struct vkrb_ev e = { VKRB_EV_ADD_HANDLE, fd, events, (void *)cb, opaque, ff, -1 };
    return vkrb_ev_call(&e);
}

static void
vkrb_ev_update_handle(int watch, int events)
{
    struct vkrb_ev e = { VKRB_EV_UPDATE_HANDLE, watch, events, NULL, NULL, NULL, -1 };
    vkrb_ev_call(&e);
}

static int
vkrb_ev_remove_handle(int watch)
{
    struct vkrb_ev e = { VKRB_EV_REMOVE_HANDLE, watch, 0, NULL, NULL, NULL, -1 };
    return vkrb_ev_call(&e);
}

static int
vkrb_ev_add_timeout(int interval, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    struct vkrb_ev e = { VKRB_EV_ADD_TIMEOUT, interval, 0, (void *)cb, opaque, ff, -1 };
    return vkrb_ev_call(&e);
}

static void
vkrb_ev_update_timeout(int timer, int interval)
{
    struct vkrb_ev e = { VKRB_EV_UPDATE_TIMEOUT, timer, interval, NULL, NULL, NULL, -1 };
    vkrb_ev_call(&e);
}

static int
vkrb_ev_remove_timeout(int timer)
{
    struct vkrb_ev e = { VKRB_EV_REMOVE_TIMEOUT, timer, 0, NULL, NULL, NULL, -1 };
    return vkrb_ev_call(&e);
}

/* FNS: the six callables (nil: that function unregistered). */
static VALUE
vkrb_event_register_impl(VALUE fns)
{
    int i;

    Check_Type(fns, T_ARRAY);
    if (RARRAY_LEN(fns) != 6)
        rb_raise(rb_eArgError, "expected 6 callbacks");
    for (i = 0; i < 6; i++) {
        VALUE fn = RARRAY_AREF(fns, i);

        if (!NIL_P(fn) && !vkrb_callable_p(fn))
            rb_raise(rb_eTypeError, "wrong argument type (expected Symbol, Proc, or nil)");
    }
    for (i = 0; i < 6; i++)
        vkrb_event_fns[i] = RARRAY_AREF(fns, i);
#define VKRB_EV_FN(i, f) (NIL_P(vkrb_event_fns[i]) ? NULL : (f))
    virEventRegisterImpl(VKRB_EV_FN(VKRB_EV_ADD_HANDLE, vkrb_ev_add_handle),
                         VKRB_EV_FN(VKRB_EV_UPDATE_HANDLE, vkrb_ev_update_handle),
                         VKRB_EV_FN(VKRB_EV_REMOVE_HANDLE, vkrb_ev_remove_handle),
                         VKRB_EV_FN(VKRB_EV_ADD_TIMEOUT, vkrb_ev_add_timeout),
                         VKRB_EV_FN(VKRB_EV_UPDATE_TIMEOUT, vkrb_ev_update_timeout),
                         VKRB_EV_FN(VKRB_EV_REMOVE_TIMEOUT, vkrb_ev_remove_timeout));
#undef VKRB_EV_FN
    return Qnil;
}

struct vkrb_invoke {
    void *cb, *opaque;
    int a, b, c;
    int timer;
};

static void *
vkrb_nogvl_invoke(void *p)
{
    struct vkrb_invoke *v = p;

    if (v->timer)
        ((virEventTimeoutCallback)v->cb)(v->a, v->opaque);
    else
        ((virEventHandleCallback)v->cb)(v->a, v->b, v->c, v->opaque);
    return NULL;
}

static VALUE
vkrb_invoke(struct vkrb_invoke *v, VALUE opaque)
{
    Check_Type(opaque, T_HASH);
    v->cb = vkrb_cptr_get(opaque, "libvirt_cb");
    v->opaque = vkrb_cptr_get(opaque, "opaque");
    if (v->cb) {
        rb_thread_call_without_gvl(vkrb_nogvl_invoke, v, NULL, NULL);
        vkrb_after_callbacks();
    }
    RB_GC_GUARD(opaque);
    return Qnil;
}

static VALUE
vkrb_event_invoke_handle_callback(VALUE watch, VALUE fd, VALUE events, VALUE opaque)
{
    struct vkrb_invoke v = { NULL, NULL, NUM2INT(watch), NUM2INT(fd), NUM2INT(events), 0 };
    return vkrb_invoke(&v, opaque);
}

static VALUE
vkrb_event_invoke_timeout_callback(VALUE timer, VALUE opaque)
{
    struct vkrb_invoke v = { NULL, NULL, NUM2INT(timer), 0, 0, 1 };
    return vkrb_invoke(&v, opaque);
}

/* ---- domain events ---- */

/* What the library passes, kept raw until the GVL is back. */
struct vkrb_dev {
    int id;                       /* event ID; -1: the legacy callback */
    virDomainPtr dom;
    VALUE pass;                   /* [connection, callback, opaque] */
    int i1, i2;
    long long ll;
    const char *s1, *s2, *s3;
    virDomainEventGraphicsAddressPtr local, remote;
    virDomainEventGraphicsSubjectPtr subject;
};

static VALUE
vkrb_graphics_address(virDomainEventGraphicsAddressPtr a)
{
    VALUE h = rb_hash_new();

    if (!a)
        return h;
    rb_hash_aset(h, rb_str_new_cstr("family"), INT2NUM(a->family));
    rb_hash_aset(h, rb_str_new_cstr("node"), vkrb_str(a->node));
    rb_hash_aset(h, rb_str_new_cstr("service"), vkrb_str(a->service));
    return h;
}

static VALUE
vkrb_dev_body(VALUE p)
{
    struct vkrb_dev *e = (struct vkrb_dev *)p;
    VALUE conn = rb_ary_entry(e->pass, 0);
    VALUE argv[8];
    int n = 0, i;

    argv[n++] = conn;
    argv[n++] = vkrb_wrap(VKRB_T_virDomain, e->dom, conn, 1);
    switch (e->id) {
    case -1:
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        argv[n++] = INT2NUM(e->i1);
        argv[n++] = INT2NUM(e->i2);
        break;
    case VIR_DOMAIN_EVENT_ID_RTC_CHANGE:
        argv[n++] = LL2NUM(e->ll);
        break;
    case VIR_DOMAIN_EVENT_ID_WATCHDOG:
        argv[n++] = INT2NUM(e->i1);
        break;
    case VIR_DOMAIN_EVENT_ID_IO_ERROR:
    case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        argv[n++] = vkrb_str(e->s1);
        argv[n++] = vkrb_str(e->s2);
        argv[n++] = INT2NUM(e->i1);
        if (e->id == VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON)
            argv[n++] = vkrb_str(e->s3);
        break;
    case VIR_DOMAIN_EVENT_ID_GRAPHICS: {
        VALUE subj = rb_ary_new();

        for (i = 0; e->subject && i < e->subject->nidentity; i++) {
            VALUE h = rb_hash_new();

            rb_hash_aset(h, rb_str_new_cstr("type"), vkrb_str(e->subject->identities[i].type));
            rb_hash_aset(h, rb_str_new_cstr("name"), vkrb_str(e->subject->identities[i].name));
            rb_ary_push(subj, h);
        }
        argv[n++] = INT2NUM(e->i1);
        argv[n++] = vkrb_graphics_address(e->local);
        argv[n++] = vkrb_graphics_address(e->remote);
        argv[n++] = vkrb_str(e->s1);
        argv[n++] = subj;
        break;
    }
    default:                      /* REBOOT, CONTROL_ERROR: nothing more */
        break;
    }
    argv[n++] = rb_ary_entry(e->pass, 2);
    vkrb_callv(rb_ary_entry(e->pass, 1), n, argv);
    return Qnil;
}

static int
vkrb_dev_run(struct vkrb_dev *e, virDomainPtr dom, void *opaque)
{
    e->dom = dom;
    e->pass = (VALUE)opaque;
    vkrb_run(vkrb_dev_body, e);
    return 0;
}

static int
vkrb_dev_legacy(virConnectPtr c, virDomainPtr d, int event, int detail, void *opaque)
{
    struct vkrb_dev e = { -1 };
    e.i1 = event;
    e.i2 = detail;
    return vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_lifecycle(virConnectPtr c, virDomainPtr d, int event, int detail, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_LIFECYCLE };
    e.i1 = event;
    e.i2 = detail;
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_plain(int id, virDomainPtr d, void *opaque)
{
    struct vkrb_dev e = { id };
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_reboot(virConnectPtr c, virDomainPtr d, void *opaque)
{
    vkrb_dev_plain(VIR_DOMAIN_EVENT_ID_REBOOT, d, opaque);
}

static void
vkrb_dev_control_error(virConnectPtr c, virDomainPtr d, void *opaque)
{
    vkrb_dev_plain(VIR_DOMAIN_EVENT_ID_CONTROL_ERROR, d, opaque);
}

static void
vkrb_dev_rtc(virConnectPtr c, virDomainPtr d, long long offset, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_RTC_CHANGE };
    e.ll = offset;
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_watchdog(virConnectPtr c, virDomainPtr d, int action, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_WATCHDOG };
    e.i1 = action;
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_io_error(virConnectPtr c, virDomainPtr d, const char *path, const char *alias,
                  int action, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_IO_ERROR };
    e.s1 = path;
    e.s2 = alias;
    e.i1 = action;
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_io_error_reason(virConnectPtr c, virDomainPtr d, const char *path, const char *alias,
                         int action, const char *reason, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON };
    e.s1 = path;
    e.s2 = alias;
    e.i1 = action;
    e.s3 = reason;
    vkrb_dev_run(&e, d, opaque);
}

static void
vkrb_dev_graphics(virConnectPtr c, virDomainPtr d, int phase,
                  virDomainEventGraphicsAddressPtr local, virDomainEventGraphicsAddressPtr remote,
                  const char *scheme, virDomainEventGraphicsSubjectPtr subject, void *opaque)
{
    struct vkrb_dev e = { VIR_DOMAIN_EVENT_ID_GRAPHICS };
    e.i1 = phase;
    e.local = local;
    e.remote = remote;
    e.s1 = scheme;
    e.subject = subject;
    vkrb_dev_run(&e, d, opaque);
}

struct vkrb_reg_args {
    virConnectPtr conn;
    virDomainPtr dom;
    int id;
    virConnectDomainEventGenericCallback cb;
    void *opaque;
    int ret;
};

static void *
vkrb_nogvl_register_any(void *p)
{
    struct vkrb_reg_args *a = p;

    a->ret = virConnectDomainEventRegisterAny(a->conn, a->dom, a->id, a->cb, a->opaque, vkrb_unkeep);
    return NULL;
}

static void *
vkrb_nogvl_register(void *p)
{
    struct vkrb_reg_args *a = p;

    a->ret = virConnectDomainEventRegister(a->conn, vkrb_dev_legacy, a->opaque, vkrb_unkeep);
    return NULL;
}

static void *
vkrb_nogvl_deregister_any(void *p)
{
    struct vkrb_reg_args *a = p;

    a->ret = virConnectDomainEventDeregisterAny(a->conn, a->id);
    return NULL;
}

static void *
vkrb_nogvl_deregister(void *p)
{
    struct vkrb_reg_args *a = p;

    a->ret = virConnectDomainEventDeregister(a->conn, vkrb_dev_legacy);
    return NULL;
}

/* Connect#domain_event_register_any(id, callback, dom, opaque) ->
 * callback ID; Connect#domain_event_register(callback, opaque) (ID -1). */
static VALUE
vkrb_domain_event_register(VALUE conn_v, VALUE id_v, VALUE cb, VALUE dom_v, VALUE opaque)
{
    struct vkrb_reg_args a;
    int legacy = NIL_P(id_v);
    VALUE pass;

    memset(&a, 0, sizeof(a));
    a.conn = vkrb_unwrap(conn_v, vkrb_conn_type);
    if (!legacy) {
        a.id = NUM2INT(id_v);
        switch (a.id) {
        case VIR_DOMAIN_EVENT_ID_LIFECYCLE: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_lifecycle); break;
        case VIR_DOMAIN_EVENT_ID_REBOOT: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_reboot); break;
        case VIR_DOMAIN_EVENT_ID_RTC_CHANGE: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_rtc); break;
        case VIR_DOMAIN_EVENT_ID_WATCHDOG: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_watchdog); break;
        case VIR_DOMAIN_EVENT_ID_IO_ERROR: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_io_error); break;
        case VIR_DOMAIN_EVENT_ID_GRAPHICS: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_graphics); break;
        case VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_io_error_reason); break;
        case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR: a.cb = VIR_DOMAIN_EVENT_CALLBACK(vkrb_dev_control_error); break;
        default:
            rb_raise(rb_eArgError, "invalid eventID argument %d", a.id);
        }
        a.dom = vkrb_unwrap_or_null(dom_v, VKRB_T_virDomain);
    }
    if (!vkrb_callable_p(cb))
        rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
    pass = rb_ary_new_from_args(3, conn_v, cb, opaque);
    rb_hash_aset(vkrb_keep, pass, Qtrue);
    a.opaque = (void *)pass;
    rb_thread_call_without_gvl(legacy ? vkrb_nogvl_register : vkrb_nogvl_register_any,
                               &a, NULL, NULL);
    if (a.ret < 0)
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    vkrb_after_callbacks();
    if (a.ret < 0)
        vkrb_raise(legacy ? "virConnectDomainEventRegister" : "virConnectDomainEventRegisterAny",
                   legacy ? VKRB_E_ERROR : VKRB_E_RETRIEVE);
    return legacy ? Qnil : INT2NUM(a.ret);
}

/* Connect#domain_event_deregister_any(id); ID nil: the legacy one. */
static VALUE
vkrb_domain_event_deregister(VALUE conn_v, VALUE id_v)
{
    struct vkrb_reg_args a;
    int legacy = NIL_P(id_v);

    memset(&a, 0, sizeof(a));
    a.conn = vkrb_unwrap(conn_v, vkrb_conn_type);
    if (!legacy)
        a.id = NUM2INT(id_v);
    rb_thread_call_without_gvl(legacy ? vkrb_nogvl_deregister : vkrb_nogvl_deregister_any,
                               &a, NULL, NULL);
    vkrb_after_callbacks();
    if (a.ret < 0)
        vkrb_raise(legacy ? "virConnectDomainEventDeregister" : "virConnectDomainEventDeregisterAny",
                   VKRB_E_ERROR);
    return Qnil;
}

/* ---- streams ---- */

struct vkrb_st_args {
    virStreamPtr st;
    char *data;
    size_t len;
    VALUE block, opaque;
    VALUE hole, skip;             /* sparse streams' handlers (nil: not sparse) */
    unsigned int flags;
    int ret;
};

static void *
vkrb_nogvl_stream_send(void *p)
{
    struct vkrb_st_args *a = p;

    a->ret = virStreamSend(a->st, a->data, a->len);
    return NULL;
}

static void *
vkrb_nogvl_stream_recv(void *p)
{
    struct vkrb_st_args *a = p;

    if (a->flags)
        a->ret = virStreamRecvFlags(a->st, a->data, a->len, a->flags);
    else
        a->ret = virStreamRecv(a->st, a->data, a->len);
    return NULL;
}

/* Stream#send(data) -> bytes sent (-2: it would block) */
static VALUE
vkrb_stream_send(VALUE st_v, VALUE data)
{
    struct vkrb_st_args a;
    VALUE copy;

    memset(&a, 0, sizeof(a));
    a.st = vkrb_unwrap(st_v, VKRB_T_virStream);
    StringValue(data);
    copy = rb_str_new_frozen(data);
    a.data = RSTRING_PTR(copy);
    a.len = RSTRING_LEN(copy);
    rb_thread_call_without_gvl(vkrb_nogvl_stream_send, &a, NULL, NULL);
    RB_GC_GUARD(copy);
    vkrb_after_callbacks();
    if (a.ret == -1)
        vkrb_raise("virStreamSend", VKRB_E_ERROR);
    return INT2NUM(a.ret);
}

/* Stream#recv(bytes, flags) -> [ret, data]; FLAGS 0 or nil: virStreamRecv
 * (-3 with VIR_STREAM_RECV_STOP_AT_HOLE: a hole comes first) */
static VALUE
vkrb_stream_recv(VALUE st_v, VALUE bytes, VALUE flags)
{
    struct vkrb_st_args a;
    VALUE str;

    memset(&a, 0, sizeof(a));
    a.st = vkrb_unwrap(st_v, VKRB_T_virStream);
    a.len = NUM2SIZET(bytes);
    a.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    a.data = xmalloc(a.len ? a.len : 1);
    rb_thread_call_without_gvl(vkrb_nogvl_stream_recv, &a, NULL, NULL);
    if (a.ret == -1) {
        xfree(a.data);
        vkrb_raise(a.flags ? "virStreamRecvFlags" : "virStreamRecv", VKRB_E_ERROR);
    }
    str = a.ret >= 0 ? rb_str_new(a.data, a.ret) : Qnil;
    xfree(a.data);
    return rb_ary_new_from_args(2, INT2NUM(a.ret), str);
}

struct vkrb_chunk {
    struct vkrb_st_args *a;
    char *data;
    size_t n;
    int ret;
};

static VALUE
vkrb_sink_body(VALUE p)
{
    struct vkrb_chunk *c = (struct vkrb_chunk *)p;
    VALUE r = rb_funcall(c->a->block, rb_intern("call"), 2,
                         rb_str_new(c->data, c->n), c->a->opaque);

    c->ret = NUM2INT(r);
    return Qnil;
}

static int
vkrb_sink(virStreamPtr st, const char *data, size_t n, void *opaque)
{
    struct vkrb_chunk c = { opaque, (char *)data, n, -1 };

    if (vkrb_run(vkrb_sink_body, &c) < 0)
        return -1;
    return c.ret;
}

static VALUE
vkrb_source_body(VALUE p)
{
    struct vkrb_chunk *c = (struct vkrb_chunk *)p;
    VALUE r = rb_funcall(c->a->block, rb_intern("call"), 2, c->a->opaque, SIZET2NUM(c->n));
    VALUE buf;
    int code;

    if (!RB_TYPE_P(r, T_ARRAY))
        rb_raise(rb_eTypeError, "wrong type (expected Array)");
    if (RARRAY_LEN(r) != 2)
        rb_raise(rb_eArgError, "wrong number of arguments (%ld for 2)", (long)RARRAY_LEN(r));
    code = NUM2INT(RARRAY_AREF(r, 0));
    if (code < 0) {
        c->ret = code;
        return Qnil;
    }
    buf = RARRAY_AREF(r, 1);
    StringValue(buf);
    if ((size_t)RSTRING_LEN(buf) > c->n)
        rb_raise(rb_eArgError, "asked for %zu bytes, block returned %ld", c->n, (long)RSTRING_LEN(buf));
    memcpy(c->data, RSTRING_PTR(buf), RSTRING_LEN(buf));
    c->ret = (int)RSTRING_LEN(buf);
    return Qnil;
}

static int
vkrb_source(virStreamPtr st, char *data, size_t n, void *opaque)
{
    struct vkrb_chunk c = { opaque, data, n, -1 };

    if (vkrb_run(vkrb_source_body, &c) < 0)
        return -1;
    return c.ret;
}

/* ---- sparse streams: holes ---- */

struct vkrb_holecb {
    struct vkrb_st_args *a;
    long long length;
    int in_data;
    int ret;
};

/* receiving: hole.call(length, opaque) -> 0 (negative: abort) */
static VALUE
vkrb_sink_hole_body(VALUE p)
{
    struct vkrb_holecb *h = (struct vkrb_holecb *)p;

    h->ret = NUM2INT(rb_funcall(h->a->hole, rb_intern("call"), 2, LL2NUM(h->length), h->a->opaque));
    return Qnil;
}

static int
vkrb_sink_hole(virStreamPtr st, long long length, void *opaque)
{
    struct vkrb_holecb h = { opaque, length, 0, -1 };

    if (vkrb_run(vkrb_sink_hole_body, &h) < 0)
        return -1;
    return h.ret;
}

/* sending: hole.call(opaque) -> [in_data?, length of the section] */
static VALUE
vkrb_source_hole_body(VALUE p)
{
    struct vkrb_holecb *h = (struct vkrb_holecb *)p;
    VALUE r = rb_funcall(h->a->hole, rb_intern("call"), 1, h->a->opaque);

    if (!RB_TYPE_P(r, T_ARRAY) || RARRAY_LEN(r) != 2)
        rb_raise(rb_eTypeError, "wrong type (expected an Array [in_data, length])");
    h->in_data = RTEST(RARRAY_AREF(r, 0));
    h->length = NUM2LL(RARRAY_AREF(r, 1));
    h->ret = 0;
    return Qnil;
}

static int
vkrb_source_hole(virStreamPtr st, int *in_data, long long *length, void *opaque)
{
    struct vkrb_holecb h = { opaque, 0, 0, -1 };

    if (vkrb_run(vkrb_source_hole_body, &h) < 0)
        return -1;
    *in_data = h.in_data;
    *length = h.length;
    return h.ret;
}

/* sending: skip.call(length, opaque) -> 0 (the source moved past the hole) */
static VALUE
vkrb_source_skip_body(VALUE p)
{
    struct vkrb_holecb *h = (struct vkrb_holecb *)p;

    h->ret = NUM2INT(rb_funcall(h->a->skip, rb_intern("call"), 2, LL2NUM(h->length), h->a->opaque));
    return Qnil;
}

static int
vkrb_source_skip(virStreamPtr st, long long length, void *opaque)
{
    struct vkrb_holecb h = { opaque, length, 0, -1 };

    if (vkrb_run(vkrb_source_skip_body, &h) < 0)
        return -1;
    return h.ret;
}

static void *
vkrb_nogvl_recvall(void *p)
{
    struct vkrb_st_args *a = p;

    if (NIL_P(a->hole))
        a->ret = virStreamRecvAll(a->st, vkrb_sink, a);
    else
        a->ret = virStreamSparseRecvAll(a->st, vkrb_sink, vkrb_sink_hole, a);
    return NULL;
}

static void *
vkrb_nogvl_sendall(void *p)
{
    struct vkrb_st_args *a = p;

    if (NIL_P(a->hole))
        a->ret = virStreamSendAll(a->st, vkrb_source, a);
    else
        a->ret = virStreamSparseSendAll(a->st, vkrb_source, vkrb_source_hole, vkrb_source_skip, a);
    return NULL;
}

/* Stream#recvall(opaque) { |data, opaque| consumed } / sendall(opaque)
 * { |opaque, nbytes| [code, data] }; with HOLE (and, sending, SKIP) not
 * nil: their sparse forms. */
static VALUE
vkrb_stream_all(VALUE st_v, VALUE block, VALUE opaque, VALUE send, VALUE hole, VALUE skip)
{
    struct vkrb_st_args a;
    const char *fname;

    memset(&a, 0, sizeof(a));
    a.st = vkrb_unwrap(st_v, VKRB_T_virStream);
    a.block = block;
    a.opaque = opaque;
    a.hole = hole;
    a.skip = skip;
    if (!NIL_P(hole) && !vkrb_callable_p(hole))
        rb_raise(rb_eTypeError, "wrong argument type (expected Proc)");
    if (RTEST(send) && !NIL_P(hole) && !vkrb_callable_p(skip))
        rb_raise(rb_eTypeError, "wrong argument type (expected Proc)");
    rb_thread_call_without_gvl(RTEST(send) ? vkrb_nogvl_sendall : vkrb_nogvl_recvall, &a, NULL, NULL);
    RB_GC_GUARD(block);
    RB_GC_GUARD(opaque);
    RB_GC_GUARD(hole);
    RB_GC_GUARD(skip);
    vkrb_after_callbacks();
    if (RTEST(send))
        fname = NIL_P(hole) ? "virStreamSendAll" : "virStreamSparseSendAll";
    else
        fname = NIL_P(hole) ? "virStreamRecvAll" : "virStreamSparseRecvAll";
    if (a.ret < 0)
        vkrb_raise(fname, VKRB_E_ERROR);
    return Qnil;
}

static void
vkrb_init_callbacks(void)
{
    VALUE mLibvirt = rb_define_module("Libvirt");
    int i;

    vkrb_keep = rb_hash_new();
    rb_funcall(vkrb_keep, rb_intern("compare_by_identity"), 0);
    rb_gc_register_address(&vkrb_keep);
    for (i = 0; i < 6; i++) {
        vkrb_event_fns[i] = Qnil;
        rb_gc_register_address(&vkrb_event_fns[i]);
    }
    vkrb_cptr_class = rb_define_class_under(mLibvirt, "VirtkitPointer__", rb_cObject);
    rb_undef_alloc_func(vkrb_cptr_class);
    rb_gc_register_address(&vkrb_cptr_class);
}
%}

/* ------------------------------------------------ hand-written calls (2) */
/* Calls whose arrays, bitmaps or lists the generic rules do not express:
 * CPU and memory statistics, vCPU pinning, guest file systems, host CPU
 * maps.  Each fills a vkrb_q without the GVL (vkrb_q_run), then builds the
 * Ruby value with it; FNAME names the C function that failed. */
%{
struct vkrb_q {
    void (*fn)(struct vkrb_q *);
    virDomainPtr dom;
    virConnectPtr conn;
    int i1, i2, i3;
    unsigned int flags;
    const char *s1;
    void *buf, *buf2;
    int n, maplen, maxcpus, extra;
    int ret;
    const char *fname;
    void *obj;                    /* another handle, or a returned one */
    const char *s2, *s3, *s4;
    unsigned long long ull;
};

static void *
vkrb_q_nogvl(void *p)
{
    struct vkrb_q *q = p;

    q->fn(q);
    return NULL;
}

/* Runs Q; on failure frees its buffers and raises KIND. */
static void
vkrb_q_run(struct vkrb_q *q, int kind)
{
    rb_thread_call_without_gvl(vkrb_q_nogvl, q, NULL, NULL);
    if (q->ret == -2) {
        free(q->buf);
        free(q->buf2);
        rb_memerror();
    }
    if (q->ret < 0) {
        free(q->buf);
        free(q->buf2);
        vkrb_raise(q->fname, kind);
    }
}

/* The host's CPU count, as the bitmaps size it (0 after an error). */
static int
vkrb_q_maxcpus(struct vkrb_q *q, virConnectPtr conn)
{
    virNodeInfo ni;

    /* the CPUs the host has (as ruby-libvirt counts them), or, from a
     * driver without virNodeGetCPUMap, those its node information gives */
    q->maxcpus = virNodeGetCPUMap(conn, NULL, NULL, 0);
    if (q->maxcpus < 0) {
        if (virNodeGetInfo(conn, &ni) < 0) {
            q->fname = "virNodeGetInfo";
            q->ret = -1;
            return 0;
        }
        q->maxcpus = VIR_NODEINFO_MAXCPUS(ni);
    }
    q->maplen = VIR_CPU_MAPLEN(q->maxcpus);
    return q->maxcpus;
}

/* An Array of true/false for the MAXCPUS bits of MAP. */
static VALUE
vkrb_cpumap_bools(const unsigned char *map, int maxcpus)
{
    VALUE ary = rb_ary_new_capa(maxcpus);
    int i;

    for (i = 0; i < maxcpus; i++)
        rb_ary_push(ary, VIR_CPU_USABLE(map, 0, 0, i) ? Qtrue : Qfalse);
    return ary;
}

/* An Array of CPU numbers as a bitmap of MAPLEN bytes, in a Ruby String
 * (kept by the caller while the call runs). */
static VALUE
vkrb_cpumap_from(VALUE cpus, int maplen)
{
    VALUE s;
    long i;

    Check_Type(cpus, T_ARRAY);
    s = rb_str_new(NULL, maplen);
    memset(RSTRING_PTR(s), 0, maplen);
    for (i = 0; i < RARRAY_LEN(cpus); i++) {
        int c = NUM2INT(rb_ary_entry(cpus, i));

        if (c < 0 || c / 8 >= maplen)
            rb_raise(rb_eArgError, "cpu %d is not on this host", c);
        VIR_USE_CPU((unsigned char *)RSTRING_PTR(s), c);
    }
    return s;
}

/* ---- Domain#cpu_stats ---- */
static void
vkrb_q_cpu_stats(struct vkrb_q *q)
{
    int ncpus = q->i1 < 0 ? 1 : q->i2;

    q->fname = "virDomainGetCPUStats";
    q->n = virDomainGetCPUStats(q->dom, NULL, 0, q->i1 < 0 ? -1 : 0, 1, q->flags);
    if (q->n < 0) { q->ret = -1; return; }
    if (ncpus < 1 || q->n == 0) { q->ret = 0; return; }
    q->buf = calloc((size_t)q->n * ncpus, sizeof(virTypedParameter));
    if (!q->buf) { q->ret = -2; return; }
    q->ret = virDomainGetCPUStats(q->dom, q->buf, q->n, q->i1, ncpus, q->flags);
}

static VALUE
vkrb_domain_cpu_stats(VALUE dom_v, VALUE start, VALUE ncpus, VALUE flags)
{
    struct vkrb_q q;
    VALUE h = rb_hash_new();
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_cpu_stats;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.i1 = NIL_P(start) ? -1 : NUM2INT(start);
    q.i2 = NIL_P(ncpus) ? 1 : NUM2INT(ncpus);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    if (q.i1 < 0) {
        if (q.buf)
            rb_hash_aset(h, rb_str_new_cstr("all"), vkrb_tparams_hash(q.buf, q.ret));
    } else if (q.buf) {
        /* the result is the number of statistics filled per CPU */
        for (i = 0; i < q.i2; i++) {
            virTypedParameterPtr p = (virTypedParameterPtr)q.buf + (size_t)i * q.n;
            int k = 0;

            while (k < q.ret && k < q.n && p[k].type)
                k++;
            rb_hash_aset(h, INT2NUM(q.i1 + i), vkrb_tparams_hash(p, k));
        }
    }
    if (q.buf) {
        virTypedParamsClear(q.buf, q.i1 < 0 ? q.n : q.n * q.i2);
        free(q.buf);
    }
    return h;
}

/* ---- Domain#memory_stats: [[tag, val] …]; ruby-libvirt asks for the
 * first six statistics the domain reports, as the oldest libvirt knew. ---- */
#define VKRB_MEMORY_STATS 6

static void
vkrb_q_memory_stats(struct vkrb_q *q)
{
    q->fname = "virDomainMemoryStats";
    q->buf = calloc(VKRB_MEMORY_STATS, sizeof(virDomainMemoryStatStruct));
    if (!q->buf) { q->ret = -2; return; }
    q->ret = virDomainMemoryStats(q->dom, q->buf, VKRB_MEMORY_STATS, q->flags);
}

static VALUE
vkrb_domain_memory_stats(VALUE dom_v, VALUE flags)
{
    struct vkrb_q q;
    VALUE ary;
    virDomainMemoryStatPtr s;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_memory_stats;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    s = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++)
        rb_ary_push(ary, rb_ary_new_from_args(2, INT2NUM(s[i].tag), ULL2NUM(s[i].val)));
    free(q.buf);
    return ary;
}

/* ---- Domain#vcpus: [[number, state, cpu_time, cpu, [bool …]] …];
 * an inactive domain has only its pinning (the rest 0). ---- */
static void
vkrb_q_vcpus(struct vkrb_q *q)
{
    virDomainInfo di;
    virErrorPtr err;

    if (!vkrb_q_maxcpus(q, virDomainGetConnect(q->dom)))
        return;
    q->fname = "virDomainGetInfo";
    if ((q->ret = virDomainGetInfo(q->dom, &di)) < 0)
        return;
    q->n = di.nrVirtCpu;
    q->buf = calloc(q->n ? q->n : 1, sizeof(virVcpuInfo));
    q->buf2 = calloc((size_t)(q->n ? q->n : 1) * q->maplen, 1);
    if (!q->buf || !q->buf2) { q->ret = -2; return; }
    q->fname = "virDomainGetVcpus";
    q->ret = virDomainGetVcpus(q->dom, q->buf, q->n, q->buf2, q->maplen);
    if (q->ret >= 0)
        return;
    err = virGetLastError();
    if (!err || err->code != VIR_ERR_OPERATION_INVALID)
        return;
    q->fname = "virDomainGetVcpuPinInfo";
    q->extra = 1;
    q->ret = virDomainGetVcpuPinInfo(q->dom, q->n, q->buf2, q->maplen, VIR_DOMAIN_AFFECT_CONFIG);
}

static VALUE
vkrb_domain_vcpus(VALUE dom_v)
{
    struct vkrb_q q;
    VALUE ary;
    virVcpuInfoPtr v;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_vcpus;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    v = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++) {
        VALUE map = vkrb_cpumap_bools((unsigned char *)q.buf2 + (size_t)i * q.maplen, q.maxcpus);

        if (q.extra)
            rb_ary_push(ary, rb_ary_new_from_args(5, INT2NUM(i), INT2NUM(0), ULL2NUM(0), INT2NUM(0), map));
        else
            rb_ary_push(ary, rb_ary_new_from_args(5, UINT2NUM(v[i].number), INT2NUM(v[i].state),
                                                  ULL2NUM(v[i].cpuTime), INT2NUM(v[i].cpu), map));
    }
    free(q.buf);
    free(q.buf2);
    return ary;
}

/* ---- pinning: Domain#pin_vcpu, #pin_emulator, #emulator_pin_info ---- */
static void
vkrb_q_maplen(struct vkrb_q *q)
{
    q->ret = vkrb_q_maxcpus(q, virDomainGetConnect(q->dom)) ? 0 : -1;
}

static void
vkrb_q_pin(struct vkrb_q *q)
{
    if (q->i2) {
        q->fname = "virDomainPinEmulator";
        q->ret = virDomainPinEmulator(q->dom, (unsigned char *)q->s1, q->maplen, q->flags);
    } else {
        q->fname = "virDomainPinVcpuFlags";
        q->ret = virDomainPinVcpuFlags(q->dom, q->i1, (unsigned char *)q->s1, q->maplen, q->flags);
    }
}

/* VCPU < 0: the emulator threads. */
static VALUE
vkrb_domain_pin(VALUE dom_v, VALUE vcpu, VALUE cpus, VALUE flags)
{
    struct vkrb_q q;
    VALUE map;

    memset(&q, 0, sizeof(q));
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.i2 = NIL_P(vcpu);
    q.i1 = q.i2 ? 0 : NUM2INT(vcpu);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    Check_Type(cpus, T_ARRAY);
    q.fn = vkrb_q_maplen;
    vkrb_q_run(&q, VKRB_E_ERROR);
    map = vkrb_cpumap_from(cpus, q.maplen);
    q.s1 = RSTRING_PTR(map);
    q.fn = vkrb_q_pin;
    vkrb_q_run(&q, VKRB_E_ERROR);
    RB_GC_GUARD(map);
    return Qnil;
}

static void
vkrb_q_emulator_pin_info(struct vkrb_q *q)
{
    if (!vkrb_q_maxcpus(q, virDomainGetConnect(q->dom)))
        return;
    q->buf = calloc(q->maplen, 1);
    if (!q->buf) { q->ret = -2; return; }
    q->fname = "virDomainGetEmulatorPinInfo";
    q->ret = virDomainGetEmulatorPinInfo(q->dom, q->buf, q->maplen, q->flags);
}

static VALUE
vkrb_domain_emulator_pin_info(VALUE dom_v, VALUE flags)
{
    struct vkrb_q q;
    VALUE ary;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_emulator_pin_info;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    ary = vkrb_cpumap_bools(q.buf, q.maxcpus);
    free(q.buf);
    return ary;
}

/* ---- guest file systems ---- */
static void
vkrb_q_fs_info(struct vkrb_q *q)
{
    virDomainFSInfoPtr *info = NULL;

    q->fname = "virDomainGetFSInfo";
    q->ret = virDomainGetFSInfo(q->dom, &info, q->flags);
    q->buf = info;
}

static VALUE
vkrb_domain_fs_info(VALUE dom_v, VALUE flags)
{
    struct vkrb_q q;
    virDomainFSInfoPtr *info;
    VALUE ary;
    int i;
    size_t k;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_fs_info;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_ERROR);
    info = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++) {
        VALUE h = rb_hash_new();
        VALUE aliases = rb_ary_new();

        rb_hash_aset(h, rb_str_new_cstr("mountpoint"), vkrb_str(info[i]->mountpoint));
        rb_hash_aset(h, rb_str_new_cstr("name"), vkrb_str(info[i]->name));
        rb_hash_aset(h, rb_str_new_cstr("fstype"), vkrb_str(info[i]->fstype));
        for (k = 0; k < info[i]->ndevAlias; k++)
            rb_ary_push(aliases, vkrb_str(info[i]->devAlias[k]));
        rb_hash_aset(h, rb_str_new_cstr("aliases"), aliases);
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    return ary;
}

static void
vkrb_q_fs_freeze(struct vkrb_q *q)
{
    q->fname = q->i1 ? "virDomainFSThaw" : "virDomainFSFreeze";
    q->ret = (q->i1 ? virDomainFSThaw : virDomainFSFreeze)(q->dom, q->buf, q->n, q->flags);
}

/* THAW false: virDomainFSFreeze.  MOUNTPOINTS: an Array of Strings or nil. */
static VALUE
vkrb_domain_fs_freeze(VALUE dom_v, VALUE mountpoints, VALUE flags, VALUE thaw)
{
    struct vkrb_q q;
    VALUE keep = rb_ary_new();
    long i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_fs_freeze;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    q.i1 = RTEST(thaw);
    if (!NIL_P(mountpoints)) {
        Check_Type(mountpoints, T_ARRAY);
        for (i = 0; i < RARRAY_LEN(mountpoints); i++) {
            VALUE s = rb_ary_entry(mountpoints, i);

            StringValueCStr(s);
            rb_ary_push(keep, rb_str_new_frozen(s));
        }
        q.n = (int)RARRAY_LEN(keep);
        q.buf = calloc(q.n ? q.n : 1, sizeof(char *));
        if (!q.buf)
            rb_memerror();
        for (i = 0; i < q.n; i++)
            ((const char **)q.buf)[i] = RSTRING_PTR(rb_ary_entry(keep, i));
    }
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    free(q.buf);
    RB_GC_GUARD(keep);
    return INT2NUM(q.ret);
}

/* ---- Domain#send_key ---- */
static void
vkrb_q_send_key(struct vkrb_q *q)
{
    q->fname = "virDomainSendKey";
    q->ret = virDomainSendKey(q->dom, q->i1, q->i2, q->buf, q->n, q->flags);
}

static VALUE
vkrb_domain_send_key(VALUE dom_v, VALUE codeset, VALUE holdtime, VALUE keys)
{
    struct vkrb_q q;
    unsigned int codes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    long i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_send_key;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.i1 = NUM2UINT(codeset);
    q.i2 = NUM2UINT(holdtime);
    Check_Type(keys, T_ARRAY);
    if (RARRAY_LEN(keys) > VIR_DOMAIN_SEND_KEY_MAX_KEYS)
        rb_raise(rb_eArgError, "too many keys (at most %d)", VIR_DOMAIN_SEND_KEY_MAX_KEYS);
    for (i = 0; i < RARRAY_LEN(keys); i++)
        codes[i] = NUM2UINT(rb_ary_entry(keys, i));
    q.n = (int)RARRAY_LEN(keys);
    q.buf = codes;      /* on this frame: not freed */
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_ERROR);
    return Qnil;
}

/* ---- host: Connect#node_cpu_stats, #node_memory_stats,
 * #node_cells_free_memory, #cpu_model_names, #node_cpu_map ---- */
static void
vkrb_q_node_stats(struct vkrb_q *q)
{
    int n = 0;
    size_t sz = q->i2 ? sizeof(virNodeMemoryStats) : sizeof(virNodeCPUStats);

    q->fname = q->i2 ? "virNodeGetMemoryStats" : "virNodeGetCPUStats";
    q->ret = q->i2 ? virNodeGetMemoryStats(q->conn, q->i1, NULL, &n, q->flags)
                   : virNodeGetCPUStats(q->conn, q->i1, NULL, &n, q->flags);
    if (q->ret < 0 || n == 0)
        return;
    q->buf = calloc(n, sz);
    if (!q->buf) { q->ret = -2; return; }
    q->ret = q->i2 ? virNodeGetMemoryStats(q->conn, q->i1, q->buf, &n, q->flags)
                   : virNodeGetCPUStats(q->conn, q->i1, q->buf, &n, q->flags);
    q->n = n;
}

/* MEMORY false: CPU statistics.  {field => value} */
static VALUE
vkrb_node_stats(VALUE conn_v, VALUE num, VALUE flags, VALUE memory)
{
    struct vkrb_q q;
    VALUE h = rb_hash_new();
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_node_stats;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    q.i1 = NIL_P(num) ? -1 : NUM2INT(num);
    q.i2 = RTEST(memory);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    for (i = 0; i < q.n; i++) {
        if (q.i2) {
            virNodeMemoryStatsPtr s = q.buf;
            rb_hash_aset(h, rb_str_new_cstr(s[i].field), ULL2NUM(s[i].value));
        } else {
            virNodeCPUStatsPtr s = q.buf;
            rb_hash_aset(h, rb_str_new_cstr(s[i].field), ULL2NUM(s[i].value));
        }
    }
    free(q.buf);
    return h;
}

static void
vkrb_q_cells_free(struct vkrb_q *q)
{
    if (q->i2 < 0) {
        virNodeInfo ni;

        q->fname = "virNodeGetInfo";
        if ((q->ret = virNodeGetInfo(q->conn, &ni)) < 0)
            return;
        q->i2 = ni.nodes;
    }
    q->buf = calloc(q->i2 > 0 ? q->i2 : 1, sizeof(unsigned long long));
    if (!q->buf) { q->ret = -2; return; }
    q->fname = "virNodeGetCellsFreeMemory";
    q->ret = virNodeGetCellsFreeMemory(q->conn, q->buf, q->i1, q->i2);
}

static VALUE
vkrb_node_cells_free_memory(VALUE conn_v, VALUE start, VALUE max)
{
    struct vkrb_q q;
    VALUE ary;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_cells_free;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    q.i1 = NIL_P(start) ? 0 : NUM2INT(start);
    q.i2 = NIL_P(max) ? -1 : NUM2INT(max);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++)
        rb_ary_push(ary, ULL2NUM(((unsigned long long *)q.buf)[i]));
    free(q.buf);
    return ary;
}

static void
vkrb_q_cpu_models(struct vkrb_q *q)
{
    char **models = NULL;

    q->fname = "virConnectGetCPUModelNames";
    q->ret = virConnectGetCPUModelNames(q->conn, q->s1, &models, q->flags);
    q->buf = models;
}

static VALUE
vkrb_cpu_model_names(VALUE conn_v, VALUE arch, VALUE flags)
{
    struct vkrb_q q;
    VALUE ary;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_cpu_models;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    q.s1 = StringValueCStr(arch);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(arch);
    ary = vkrb_str_array_steal(q.buf, q.ret);
    free(q.buf);
    return ary;
}

static void
vkrb_q_cpu_map(struct vkrb_q *q)
{
    unsigned char *map = NULL;

    q->fname = "virNodeGetCPUMap";
    q->ret = virNodeGetCPUMap(q->conn, &map, NULL, q->flags);
    q->buf = map;
}

/* {"0" => true, …} */
static VALUE
vkrb_node_cpu_map(VALUE conn_v, VALUE flags)
{
    struct vkrb_q q;
    VALUE h = rb_hash_new();
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_cpu_map;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    for (i = 0; i < q.ret; i++)
        rb_hash_aset(h, rb_sprintf("%d", i), VIR_CPU_USED((unsigned char *)q.buf, i) ? Qtrue : Qfalse);
    free(q.buf);
    return h;
}
/* ---- Connect#node_free_pages(pages, {"startCell", "cellCount"}, flags):
 * {page size => free pages of the first cell} (ruby-libvirt's shape) ---- */
static void
vkrb_q_free_pages(struct vkrb_q *q)
{
    q->fname = "virNodeGetFreePages";
    q->buf2 = calloc((size_t)(q->n ? q->n : 1) * (q->i2 ? q->i2 : 1), sizeof(unsigned long long));
    if (!q->buf2) { q->ret = -2; return; }
    q->ret = virNodeGetFreePages(q->conn, q->n, q->buf, q->i1, q->i2, q->buf2, q->flags);
}

static VALUE
vkrb_node_free_pages(VALUE conn_v, VALUE pages, VALUE cells, VALUE flags)
{
    struct vkrb_q q;
    VALUE h = rb_hash_new();
    VALUE keep;
    unsigned int *sizes;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_free_pages;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    Check_Type(pages, T_ARRAY);
    Check_Type(cells, T_HASH);
    q.i1 = NUM2INT(rb_hash_aref(cells, rb_str_new_cstr("startCell")));
    q.i2 = (int)NUM2UINT(rb_hash_aref(cells, rb_str_new_cstr("cellCount")));
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    q.n = (int)RARRAY_LEN(pages);
    keep = rb_str_new(NULL, (q.n ? q.n : 1) * sizeof(unsigned int));
    sizes = (unsigned int *)RSTRING_PTR(keep);
    for (i = 0; i < q.n; i++)
        sizes[i] = NUM2UINT(rb_ary_entry(pages, i));
    q.buf = sizes;
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret == -2)
        rb_memerror();
    if (q.ret < 0) {
        free(q.buf2);
        vkrb_raise(q.fname, VKRB_E_ERROR);
    }
    /* the first cell's counts, whatever the call reports as filled */
    for (i = 0; i < q.n; i++)
        rb_hash_aset(h, UINT2NUM(sizes[i]), ULL2NUM(((unsigned long long *)q.buf2)[i]));
    free(q.buf2);
    RB_GC_GUARD(keep);
    return h;
}
/* ---- Domain#memory_peek, #block_peek: a String of SIZE bytes ---- */
static void
vkrb_q_peek(struct vkrb_q *q)
{
    q->buf = malloc(q->n ? q->n : 1);
    if (!q->buf) { q->ret = -2; return; }
    if (q->s1) {
        q->fname = "virDomainBlockPeek";
        q->ret = virDomainBlockPeek(q->dom, q->s1, *(unsigned long long *)q->buf2, q->n, q->buf, q->flags);
    } else {
        q->fname = "virDomainMemoryPeek";
        q->ret = virDomainMemoryPeek(q->dom, *(unsigned long long *)q->buf2, q->n, q->buf, q->flags);
    }
}

/* PATH nil: the domain's memory. */
static VALUE
vkrb_domain_peek(VALUE dom_v, VALUE path, VALUE start, VALUE size, VALUE flags)
{
    struct vkrb_q q;
    unsigned long long off;
    VALUE str;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_peek;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.s1 = NIL_P(path) ? NULL : StringValueCStr(path);
    off = NUM2ULL(start);
    q.buf2 = &off;
    q.n = (int)NUM2UINT(size);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    RB_GC_GUARD(path);
    if (q.ret == -2)
        rb_memerror();
    if (q.ret < 0) {
        free(q.buf);
        vkrb_raise(q.fname, VKRB_E_RETRIEVE);
    }
    str = rb_str_new(q.buf, q.n);
    free(q.buf);
    return str;
}

/* ---- Connect#baseline_cpu(xml_cpus, flags) ---- */
static void
vkrb_q_baseline(struct vkrb_q *q)
{
    q->fname = "virConnectBaselineCPU";
    q->s1 = virConnectBaselineCPU(q->conn, q->buf2, q->n, q->flags);
    q->ret = q->s1 ? 0 : -1;
}

static VALUE
vkrb_baseline_cpu(VALUE conn_v, VALUE cpus, VALUE flags)
{
    struct vkrb_q q;
    VALUE keep = rb_ary_new();
    VALUE ptrs;
    long i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_baseline;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    Check_Type(cpus, T_ARRAY);
    for (i = 0; i < RARRAY_LEN(cpus); i++) {
        VALUE s = rb_ary_entry(cpus, i);

        StringValueCStr(s);
        rb_ary_push(keep, rb_str_new_frozen(s));
    }
    q.n = (int)RARRAY_LEN(keep);
    ptrs = rb_str_new(NULL, (q.n ? q.n : 1) * sizeof(char *));
    for (i = 0; i < q.n; i++)
        ((const char **)RSTRING_PTR(ptrs))[i] = RSTRING_PTR(rb_ary_entry(keep, i));
    q.buf2 = RSTRING_PTR(ptrs);
    q.flags = NIL_P(flags) ? 0 : NUM2UINT(flags);
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    RB_GC_GUARD(keep);
    RB_GC_GUARD(ptrs);
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_RETRIEVE);
    return vkrb_str_steal((char *)q.s1);
}
%}

/* The hand-written entry points, for libvirt-override.rb. */
%rename("open_auth") vkrb_open_auth;
VALUE vkrb_open_auth(VALUE uri, VALUE credlist, VALUE userdata, VALUE flags, VALUE block);
%rename("event_register_impl") vkrb_event_register_impl;
VALUE vkrb_event_register_impl(VALUE fns);
%rename("event_invoke_handle_callback") vkrb_event_invoke_handle_callback;
VALUE vkrb_event_invoke_handle_callback(VALUE watch, VALUE fd, VALUE events, VALUE opaque);
%rename("event_invoke_timeout_callback") vkrb_event_invoke_timeout_callback;
VALUE vkrb_event_invoke_timeout_callback(VALUE timer, VALUE opaque);
%rename("domain_event_register") vkrb_domain_event_register;
VALUE vkrb_domain_event_register(VALUE conn, VALUE id, VALUE cb, VALUE dom, VALUE opaque);
%rename("domain_event_deregister") vkrb_domain_event_deregister;
VALUE vkrb_domain_event_deregister(VALUE conn, VALUE id);
%rename("stream_send") vkrb_stream_send;
VALUE vkrb_stream_send(VALUE st, VALUE data);
%rename("stream_recv") vkrb_stream_recv;
VALUE vkrb_stream_recv(VALUE st, VALUE bytes, VALUE flags);
%rename("stream_all") vkrb_stream_all;
VALUE vkrb_stream_all(VALUE st, VALUE block, VALUE opaque, VALUE send, VALUE hole, VALUE skip);
%rename("domain_cpu_stats") vkrb_domain_cpu_stats;
VALUE vkrb_domain_cpu_stats(VALUE dom, VALUE start, VALUE ncpus, VALUE flags);
%rename("domain_memory_stats") vkrb_domain_memory_stats;
VALUE vkrb_domain_memory_stats(VALUE dom, VALUE flags);
%rename("domain_vcpus") vkrb_domain_vcpus;
VALUE vkrb_domain_vcpus(VALUE dom);
%rename("domain_pin") vkrb_domain_pin;
VALUE vkrb_domain_pin(VALUE dom, VALUE vcpu, VALUE cpus, VALUE flags);
%rename("domain_emulator_pin_info") vkrb_domain_emulator_pin_info;
VALUE vkrb_domain_emulator_pin_info(VALUE dom, VALUE flags);
%rename("domain_fs_info") vkrb_domain_fs_info;
VALUE vkrb_domain_fs_info(VALUE dom, VALUE flags);
%rename("domain_fs_freeze") vkrb_domain_fs_freeze;
VALUE vkrb_domain_fs_freeze(VALUE dom, VALUE mountpoints, VALUE flags, VALUE thaw);
%rename("domain_send_key") vkrb_domain_send_key;
VALUE vkrb_domain_send_key(VALUE dom, VALUE codeset, VALUE holdtime, VALUE keys);
%rename("node_stats") vkrb_node_stats;
VALUE vkrb_node_stats(VALUE conn, VALUE num, VALUE flags, VALUE memory);
%rename("node_cells_free_memory") vkrb_node_cells_free_memory;
VALUE vkrb_node_cells_free_memory(VALUE conn, VALUE start, VALUE max);
%rename("cpu_model_names") vkrb_cpu_model_names;
VALUE vkrb_cpu_model_names(VALUE conn, VALUE arch, VALUE flags);
%rename("node_cpu_map") vkrb_node_cpu_map;
VALUE vkrb_node_cpu_map(VALUE conn, VALUE flags);
%rename("node_free_pages") vkrb_node_free_pages;
VALUE vkrb_node_free_pages(VALUE conn, VALUE pages, VALUE cells, VALUE flags);
%rename("domain_peek") vkrb_domain_peek;
VALUE vkrb_domain_peek(VALUE dom, VALUE path, VALUE start, VALUE size, VALUE flags);
%rename("baseline_cpu") vkrb_baseline_cpu;
VALUE vkrb_baseline_cpu(VALUE conn, VALUE cpus, VALUE flags);

/* ------------------------------------------------ hand-written calls (3) */
/* Arrays of descriptors, strings and structs in or out, and the event
 * callbacks of networks, pools, devices, secrets, QEMU monitors, streams,
 * connections closing and the default event loop.  Arguments built from
 * Ruby values live in Ruby Strings the caller keeps (KEEP) while the call
 * runs without the GVL; what the library returns is copied into Ruby
 * values and freed at once. */
%{
/* V's type as ruby-libvirt names it in a TypeError ("nil", "Integer"). */
static const char *
vkrb_type_name(VALUE v)
{
    if (NIL_P(v))
        return "nil";
    if (v == Qtrue)
        return "true";
    if (v == Qfalse)
        return "false";
    return rb_obj_classname(v);
}

static VALUE
vkrb_check_int(VALUE v)
{
    if (!RB_INTEGER_TYPE_P(v))
        rb_raise(rb_eTypeError, "wrong argument type %s (expected Integer)", vkrb_type_name(v));
    return v;
}

/* ARY, an Array of Integers, as N ints in a String kept in *KEEP. */
static int *
vkrb_ints_in(VALUE ary, volatile VALUE *keep, int *n)
{
    long i, len = RARRAY_LEN(ary);
    int *v;

    *keep = rb_str_new(NULL, (len ? len : 1) * sizeof(int));
    v = (int *)RSTRING_PTR(*keep);
    for (i = 0; i < len; i++)
        v[i] = NUM2INT(rb_ary_entry(ary, i));
    *n = (int)len;
    return v;
}

/* ARY, an Array of Strings, as N C strings; *KEEP holds them. */
static const char **
vkrb_strs_in(VALUE ary, volatile VALUE *keep, int *n)
{
    VALUE strs = rb_ary_new();
    VALUE buf;
    const char **v;
    long i, len;

    Check_Type(ary, T_ARRAY);
    len = RARRAY_LEN(ary);
    for (i = 0; i < len; i++) {
        VALUE s = rb_ary_entry(ary, i);

        StringValueCStr(s);
        rb_ary_push(strs, rb_str_new_frozen(s));
    }
    buf = rb_str_new(NULL, (len ? len : 1) * sizeof(char *));
    v = (const char **)RSTRING_PTR(buf);
    for (i = 0; i < len; i++)
        v[i] = RSTRING_PTR(rb_ary_entry(strs, i));
    *keep = rb_ary_new_from_args(2, strs, buf);
    *n = (int)len;
    return v;
}

/* Run Q without the GVL; raise KIND when it failed (Q's buffers are the
 * caller's, or the library left none). */
static void
vkrb_q_call(struct vkrb_q *q, int kind)
{
    rb_thread_call_without_gvl(vkrb_q_nogvl, q, NULL, NULL);
    vkrb_after_callbacks();
    if (q->ret == -2)
        rb_memerror();
    if (q->ret < 0)
        vkrb_raise(q->fname, kind);
}

static unsigned int
vkrb_flags_of(VALUE flags)
{
    return NIL_P(flags) ? 0 : NUM2UINT(flags);
}

/* ---- Connect#node_alloc_pages([{"size" => KiB, "count" => n} …],
 * {"start" => cell, "count" => cells} or nil, flags) ---- */
static void
vkrb_q_alloc_pages(struct vkrb_q *q)
{
    q->fname = "virNodeAllocPages";
    q->ret = virNodeAllocPages(q->conn, q->n, q->buf, q->buf2, q->i1, q->i2, q->flags);
}

static VALUE
vkrb_node_alloc_pages(VALUE conn_v, VALUE pages, VALUE cells, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep;
    unsigned long long *counts;
    unsigned int *sizes;
    long i, n;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_alloc_pages;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    Check_Type(pages, T_ARRAY);
    n = RARRAY_LEN(pages);
    keep = rb_str_new(NULL, (n ? n : 1) * (sizeof(unsigned long long) + sizeof(unsigned int)));
    counts = (unsigned long long *)RSTRING_PTR(keep);
    sizes = (unsigned int *)(counts + (n ? n : 1));
    for (i = 0; i < n; i++) {
        VALUE e = rb_ary_entry(pages, i);

        Check_Type(e, T_HASH);
        sizes[i] = NUM2UINT(vkrb_check_int(rb_hash_aref(e, rb_str_new_cstr("size"))));
        counts[i] = NUM2ULL(vkrb_check_int(rb_hash_aref(e, rb_str_new_cstr("count"))));
    }
    q.n = (int)n;
    q.buf = sizes;
    q.buf2 = counts;
    if (NIL_P(cells)) {
        q.i1 = -1;
        q.i2 = 0;
    } else {
        Check_Type(cells, T_HASH);
        q.i1 = NUM2INT(vkrb_check_int(rb_hash_aref(cells, rb_str_new_cstr("start"))));
        q.i2 = (int)NUM2UINT(vkrb_check_int(rb_hash_aref(cells, rb_str_new_cstr("count"))));
    }
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(keep);
    return INT2NUM(q.ret);
}

/* ---- Secret#value (bytes, as a binary String), #set_value ---- */
static void
vkrb_q_secret_value(struct vkrb_q *q)
{
    size_t size = 0;

    if (q->i1) {
        q->fname = "virSecretSetValue";
        q->ret = virSecretSetValue(q->obj, q->buf2, (size_t)q->ull, q->flags);
        return;
    }
    q->fname = "virSecretGetValue";
    q->buf = virSecretGetValue(q->obj, &size, q->flags);
    q->ret = q->buf ? 0 : -1;
    q->ull = size;
}

static VALUE
vkrb_secret_value(VALUE sec_v, VALUE flags)
{
    struct vkrb_q q;
    VALUE v;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_secret_value;
    q.obj = vkrb_unwrap(sec_v, VKRB_T_virSecret);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    v = rb_str_new(q.buf, (long)q.ull);
    memset(q.buf, 0, (size_t)q.ull);        /* a secret: leave no copy behind */
    free(q.buf);
    return v;
}

static VALUE
vkrb_secret_set_value(VALUE sec_v, VALUE value, VALUE flags)
{
    struct vkrb_q q;
    VALUE copy;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_secret_value;
    q.obj = vkrb_unwrap(sec_v, VKRB_T_virSecret);
    StringValue(value);
    copy = rb_str_new_frozen(value);
    q.i1 = 1;
    q.buf2 = RSTRING_PTR(copy);
    q.ull = RSTRING_LEN(copy);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(copy);
    return Qnil;
}

/* ---- Network#dhcp_leases(mac, flags): [{"iface", "expirytime", "type",
 * "mac", "iaid", "ipaddr", "prefix", "hostname", "clientid"} …] ---- */
static void
vkrb_q_dhcp_leases(struct vkrb_q *q)
{
    virNetworkDHCPLeasePtr *leases = NULL;

    q->fname = "virNetworkGetDHCPLeases";
    q->ret = virNetworkGetDHCPLeases(q->obj, q->s1, &leases, q->flags);
    q->buf = leases;
}

#define VKRB_SET(h, k, v) rb_hash_aset((h), rb_str_new_cstr(k), (v))

static VALUE
vkrb_dhcp_leases(VALUE net_v, VALUE mac, VALUE flags)
{
    struct vkrb_q q;
    virNetworkDHCPLeasePtr *leases;
    VALUE ary;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_dhcp_leases;
    q.obj = vkrb_unwrap(net_v, VKRB_T_virNetwork);
    q.s1 = NIL_P(mac) ? NULL : StringValueCStr(mac);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(mac);
    leases = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++) {
        virNetworkDHCPLeasePtr l = leases[i];
        VALUE h = rb_hash_new();

        VKRB_SET(h, "iface", vkrb_str(l->iface));
        VKRB_SET(h, "expirytime", LL2NUM(l->expirytime));
        VKRB_SET(h, "type", INT2NUM(l->type));
        VKRB_SET(h, "mac", vkrb_str(l->mac));
        VKRB_SET(h, "iaid", vkrb_str(l->iaid));
        VKRB_SET(h, "ipaddr", vkrb_str(l->ipaddr));
        VKRB_SET(h, "prefix", UINT2NUM(l->prefix));
        VKRB_SET(h, "hostname", vkrb_str(l->hostname));
        VKRB_SET(h, "clientid", vkrb_str(l->clientid));
        rb_ary_push(ary, h);
        virNetworkDHCPLeaseFree(l);
    }
    free(leases);
    return ary;
}

/* ---- Domain#security_label_list: [[label, enforcing] …] ---- */
static void
vkrb_q_seclabels(struct vkrb_q *q)
{
    virSecurityLabelPtr labels = NULL;

    q->fname = "virDomainGetSecurityLabelList";
    q->ret = virDomainGetSecurityLabelList(q->dom, &labels);
    q->buf = labels;
}

static VALUE
vkrb_security_label_list(VALUE dom_v)
{
    struct vkrb_q q;
    virSecurityLabelPtr labels;
    VALUE ary;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_seclabels;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    labels = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++)
        rb_ary_push(ary, rb_ary_new_from_args(2, rb_utf8_str_new_cstr(labels[i].label),
                                              INT2NUM(labels[i].enforcing)));
    free(labels);
    return ary;
}

/* ---- Libvirt::lxc_enter_security_label(model, doi, label, enforcing,
 * flags): the calling process takes LABEL; [old label, enforcing] ---- */
struct vkrb_seclabel_args {
    virSecurityModel model;
    virSecurityLabel label, old;
    unsigned int flags;
    int ret;
};

static void *
vkrb_nogvl_enter_seclabel(void *p)
{
    struct vkrb_seclabel_args *a = p;

    a->ret = virDomainLxcEnterSecurityLabel(&a->model, &a->label, &a->old, a->flags);
    return NULL;
}

static void
vkrb_copy_field(char *dst, size_t size, VALUE v, const char *what)
{
    const char *s = StringValueCStr(v);

    if (strlen(s) >= size)
        rb_raise(rb_eArgError, "%s too long (at most %zu bytes)", what, size - 1);
    strcpy(dst, s);
}

static VALUE
vkrb_lxc_enter_security_label(VALUE model, VALUE doi, VALUE label, VALUE enforcing, VALUE flags)
{
    struct vkrb_seclabel_args *a;
    volatile VALUE buf = 0;
    VALUE res;

    /* about 4.6 KB: on the heap, not the Ruby stack */
    a = rb_alloc_tmp_buffer(&buf, sizeof(*a));
    memset(a, 0, sizeof(*a));
    vkrb_copy_field(a->model.model, sizeof(a->model.model), model, "security model");
    vkrb_copy_field(a->model.doi, sizeof(a->model.doi), doi, "security DOI");
    vkrb_copy_field(a->label.label, sizeof(a->label.label), label, "security label");
    a->label.enforcing = NUM2INT(enforcing);
    a->flags = vkrb_flags_of(flags);
    rb_thread_call_without_gvl(vkrb_nogvl_enter_seclabel, a, NULL, NULL);
    if (a->ret < 0) {
        rb_free_tmp_buffer(&buf);
        vkrb_raise("virDomainLxcEnterSecurityLabel", VKRB_E_ERROR);
    }
    res = rb_ary_new_from_args(2, rb_utf8_str_new_cstr(a->old.label), INT2NUM(a->old.enforcing));
    rb_free_tmp_buffer(&buf);
    return res;
}

/* ---- descriptors in: Domain#create_with_files,
 * Connect#create_domain_xml_with_files, Domain#fd_associate ---- */
static void
vkrb_q_with_files(struct vkrb_q *q)
{
    switch (q->i1) {
    case 0:
        q->fname = "virDomainCreateWithFiles";
        q->ret = virDomainCreateWithFiles(q->dom, q->n, q->buf, q->flags);
        break;
    case 1:
        q->fname = "virDomainCreateXMLWithFiles";
        q->obj = virDomainCreateXMLWithFiles(q->conn, q->s1, q->n, q->buf, q->flags);
        q->ret = q->obj ? 0 : -1;
        break;
    default:
        q->fname = "virDomainFDAssociate";
        q->ret = virDomainFDAssociate(q->dom, q->s1, q->n, q->buf, q->flags);
        break;
    }
}

/* WHICH 0: create DOM_V (a Domain) with FDS; 1: create a domain of XML on
 * DOM_V (a Connect); 2: associate FDS with NAME (XML) on DOM_V. */
static VALUE
vkrb_with_files(VALUE which, VALUE obj_v, VALUE xml, VALUE fds, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep = Qnil;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_with_files;
    q.i1 = NUM2INT(which);
    if (q.i1 == 1)
        q.conn = vkrb_unwrap(obj_v, VKRB_T_virConnect);
    else
        q.dom = vkrb_unwrap(obj_v, VKRB_T_virDomain);
    if (q.i1)
        q.s1 = StringValueCStr(xml);
    if (!NIL_P(fds)) {
        if (!RB_TYPE_P(fds, T_ARRAY))
            rb_raise(rb_eTypeError, "wrong argument type (expected Array)");
        q.buf = vkrb_ints_in(fds, &keep, &q.n);
    }
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(keep);
    RB_GC_GUARD(xml);
    if (q.i1 == 1)
        return vkrb_wrap(VKRB_T_virDomain, q.obj, obj_v, 0);
    return Qnil;
}

/* ---- LXC namespaces: Domain#lxc_open_namespace -> [fd …];
 * #lxc_enter_namespace([fd …]) -> [the previous namespaces' fds …] ---- */
static void
vkrb_q_lxc_ns(struct vkrb_q *q)
{
    int *fds = NULL;
    unsigned int nold = 0;

    if (q->i1) {
        q->fname = "virDomainLxcEnterNamespace";
        q->ret = virDomainLxcEnterNamespace(q->dom, q->n, q->buf2, &nold, &fds, q->flags);
        q->i2 = (int)nold;
    } else {
        q->fname = "virDomainLxcOpenNamespace";
        q->ret = virDomainLxcOpenNamespace(q->dom, &fds, q->flags);
        q->i2 = q->ret;
    }
    q->buf = fds;
}

static VALUE
vkrb_lxc_namespace(VALUE dom_v, VALUE fds, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep = Qnil;
    VALUE ary;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_lxc_ns;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    if (!NIL_P(fds)) {
        Check_Type(fds, T_ARRAY);
        q.i1 = 1;
        q.buf2 = vkrb_ints_in(fds, &keep, &q.n);
    }
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(keep);
    ary = vkrb_int_array(q.buf, q.buf ? q.i2 : 0);
    free(q.buf);
    return ary;
}

/* ---- Domain#qemu_monitor_command_with_files(cmd, fds, flags) ->
 * [reply, [fd …]] ---- */
static void
vkrb_q_qmp_files(struct vkrb_q *q)
{
    char *result = NULL;
    int *out = NULL;
    unsigned int nout = 0;

    q->fname = "virDomainQemuMonitorCommandWithFiles";
    q->ret = virDomainQemuMonitorCommandWithFiles(q->dom, q->s1, q->n, q->buf2, &nout, &out,
                                                  &result, q->flags);
    q->buf = out;
    q->s2 = result;
    q->i2 = (int)nout;
}

static VALUE
vkrb_qemu_monitor_command_with_files(VALUE dom_v, VALUE cmd, VALUE fds, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep = Qnil;
    VALUE res;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_qmp_files;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.s1 = StringValueCStr(cmd);
    if (!NIL_P(fds)) {
        Check_Type(fds, T_ARRAY);
        q.buf2 = vkrb_ints_in(fds, &keep, &q.n);
    }
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(keep);
    RB_GC_GUARD(cmd);
    res = rb_ary_new_from_args(2, vkrb_str_steal((char *)q.s2), vkrb_int_array(q.buf, q.i2));
    free(q.buf);
    return res;
}

/* ---- string lists out: Domain#messages, #authorized_ssh_keys ---- */
static void
vkrb_q_strlist(struct vkrb_q *q)
{
    char **v = NULL;

    if (q->s1) {
        q->fname = "virDomainAuthorizedSSHKeysGet";
        q->ret = virDomainAuthorizedSSHKeysGet(q->dom, q->s1, &v, q->flags);
    } else {
        q->fname = "virDomainGetMessages";
        q->ret = virDomainGetMessages(q->dom, &v, q->flags);
    }
    q->buf = v;
}

/* USER nil: the domain's messages; otherwise USER's authorized keys. */
static VALUE
vkrb_domain_strlist(VALUE dom_v, VALUE user, VALUE flags)
{
    struct vkrb_q q;
    VALUE ary;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_strlist;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.s1 = NIL_P(user) ? NULL : StringValueCStr(user);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(user);
    ary = vkrb_str_array_steal(q.buf, q.buf ? q.ret : 0);
    free(q.buf);
    return ary;
}

/* ---- string lists in: Domain#set_authorized_ssh_keys,
 * Connect#baseline_hypervisor_cpu ---- */
static void
vkrb_q_strs_in(struct vkrb_q *q)
{
    if (q->i1) {
        q->fname = "virConnectBaselineHypervisorCPU";
        q->obj = virConnectBaselineHypervisorCPU(q->conn, q->s1, q->s2, q->s3, q->s4,
                                                 q->buf2, q->n, q->flags);
        q->ret = q->obj ? 0 : -1;
    } else {
        q->fname = "virDomainAuthorizedSSHKeysSet";
        q->ret = virDomainAuthorizedSSHKeysSet(q->dom, q->s1, q->buf2, q->n, q->flags);
    }
}

static VALUE
vkrb_set_authorized_ssh_keys(VALUE dom_v, VALUE user, VALUE keys, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep = Qnil;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_strs_in;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.s1 = StringValueCStr(user);
    if (!NIL_P(keys))
        q.buf2 = vkrb_strs_in(keys, &keep, &q.n);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(keep);
    RB_GC_GUARD(user);
    return Qnil;
}

static VALUE
vkrb_baseline_hypervisor_cpu(VALUE conn_v, VALUE emulator, VALUE arch, VALUE machine,
                             VALUE virttype, VALUE cpus, VALUE flags)
{
    struct vkrb_q q;
    volatile VALUE keep = Qnil;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_strs_in;
    q.i1 = 1;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    q.s1 = NIL_P(emulator) ? NULL : StringValueCStr(emulator);
    q.s2 = NIL_P(arch) ? NULL : StringValueCStr(arch);
    q.s3 = NIL_P(machine) ? NULL : StringValueCStr(machine);
    q.s4 = NIL_P(virttype) ? NULL : StringValueCStr(virttype);
    q.buf2 = vkrb_strs_in(cpus, &keep, &q.n);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(keep);
    RB_GC_GUARD(emulator);
    RB_GC_GUARD(arch);
    RB_GC_GUARD(machine);
    RB_GC_GUARD(virttype);
    return vkrb_str_steal(q.obj);
}

/* ---- names by count and list: Domain#list_snapshots (virDomainSnapshotNum
 * + virDomainSnapshotListNames), Domain::Snapshot#list_children_names,
 * Connect#list_nodedevices ---- */
static void
vkrb_q_names(struct vkrb_q *q)
{
    int n;

    switch (q->i1) {
    case 0:
        q->fname = "virDomainSnapshotNum";
        n = virDomainSnapshotNum(q->obj, q->flags);
        break;
    case 1:
        q->fname = "virDomainSnapshotNumChildren";
        n = virDomainSnapshotNumChildren(q->obj, q->flags);
        break;
    default:
        q->fname = "virNodeNumOfDevices";
        n = virNodeNumOfDevices(q->obj, q->s1, q->flags);
        break;
    }
    if (n < 0) {
        q->ret = -1;
        return;
    }
    q->buf = calloc(n + 1, sizeof(char *));
    if (!q->buf) {
        q->ret = -2;
        return;
    }
    switch (q->i1) {
    case 0:
        q->fname = "virDomainSnapshotListNames";
        q->ret = virDomainSnapshotListNames(q->obj, q->buf, n, q->flags);
        break;
    case 1:
        q->fname = "virDomainSnapshotListChildrenNames";
        q->ret = virDomainSnapshotListChildrenNames(q->obj, q->buf, n, q->flags);
        break;
    default:
        q->fname = "virNodeListDevices";
        q->ret = virNodeListDevices(q->obj, q->s1, q->buf, n, q->flags);
        break;
    }
}

/* WHICH 0: snapshots of a Domain, 1: children of a Snapshot, 2: devices
 * (with capability CAP) of a Connect. */
static VALUE
vkrb_list_names(VALUE which, VALUE obj_v, VALUE cap, VALUE flags)
{
    static const int types[] = { VKRB_T_virDomain, VKRB_T_virDomainSnapshot, VKRB_T_virConnect };
    struct vkrb_q q;
    VALUE ary;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_names;
    q.i1 = NUM2INT(which);
    if (q.i1 < 0 || q.i1 > 2)
        rb_raise(rb_eArgError, "no such list");
    q.obj = vkrb_unwrap(obj_v, types[q.i1]);
    q.s1 = NIL_P(cap) ? NULL : StringValueCStr(cap);
    q.flags = vkrb_flags_of(flags);
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    RB_GC_GUARD(cap);
    if (q.ret == -2)
        rb_memerror();
    if (q.ret < 0) {
        free(q.buf);
        vkrb_raise(q.fname, VKRB_E_RETRIEVE);
    }
    ary = vkrb_str_array_steal(q.buf, q.ret);
    free(q.buf);
    return ary;
}

/* ---- IOThreads: Domain#iothread_info -> [[id, [bool …]] …],
 * #pin_iothread(id, [cpu …], flags) ---- */
static void
vkrb_q_iothreads(struct vkrb_q *q)
{
    virDomainIOThreadInfoPtr *info = NULL;

    if (!vkrb_q_maxcpus(q, virDomainGetConnect(q->dom)))
        return;
    q->fname = "virDomainGetIOThreadInfo";
    q->ret = virDomainGetIOThreadInfo(q->dom, &info, q->flags);
    q->buf = info;
}

static VALUE
vkrb_iothread_info(VALUE dom_v, VALUE flags)
{
    struct vkrb_q q;
    virDomainIOThreadInfoPtr *info;
    VALUE ary;
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_iothreads;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    info = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++) {
        int bits = info[i]->cpumaplen * 8;

        rb_ary_push(ary, rb_ary_new_from_args(2, UINT2NUM(info[i]->iothread_id),
                                              vkrb_cpumap_bools(info[i]->cpumap,
                                                                bits < q.maxcpus ? bits : q.maxcpus)));
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
    return ary;
}

static void
vkrb_q_pin_iothread(struct vkrb_q *q)
{
    q->fname = "virDomainPinIOThread";
    q->ret = virDomainPinIOThread(q->dom, (unsigned int)q->i1, (unsigned char *)q->s1, q->maplen, q->flags);
}

static VALUE
vkrb_pin_iothread(VALUE dom_v, VALUE id, VALUE cpus, VALUE flags)
{
    struct vkrb_q q;
    VALUE map;

    memset(&q, 0, sizeof(q));
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.i1 = (int)NUM2UINT(id);
    q.flags = vkrb_flags_of(flags);
    Check_Type(cpus, T_ARRAY);
    q.fn = vkrb_q_maplen;
    vkrb_q_run(&q, VKRB_E_ERROR);
    map = vkrb_cpumap_from(cpus, q.maplen);
    q.s1 = RSTRING_PTR(map);
    q.fn = vkrb_q_pin_iothread;
    vkrb_q_call(&q, VKRB_E_ERROR);
    RB_GC_GUARD(map);
    return Qnil;
}

/* ---- Domain#interface_addresses(source, flags): [{"name", "hwaddr",
 * "addrs" => [{"type", "addr", "prefix"} …]} …] ---- */
static void
vkrb_q_ifaddrs(struct vkrb_q *q)
{
    virDomainInterfacePtr *ifaces = NULL;

    q->fname = "virDomainInterfaceAddresses";
    q->ret = virDomainInterfaceAddresses(q->dom, &ifaces, (unsigned int)q->i1, q->flags);
    q->buf = ifaces;
}

static VALUE
vkrb_interface_addresses(VALUE dom_v, VALUE source, VALUE flags)
{
    struct vkrb_q q;
    virDomainInterfacePtr *ifaces;
    VALUE ary;
    int i;
    unsigned int k;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_ifaddrs;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.i1 = (int)NUM2UINT(source);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    ifaces = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++) {
        VALUE h = rb_hash_new();
        VALUE addrs = rb_ary_new();

        for (k = 0; k < ifaces[i]->naddrs; k++) {
            VALUE a = rb_hash_new();

            VKRB_SET(a, "type", INT2NUM(ifaces[i]->addrs[k].type));
            VKRB_SET(a, "addr", vkrb_str(ifaces[i]->addrs[k].addr));
            VKRB_SET(a, "prefix", UINT2NUM(ifaces[i]->addrs[k].prefix));
            rb_ary_push(addrs, a);
        }
        VKRB_SET(h, "name", vkrb_str(ifaces[i]->name));
        VKRB_SET(h, "hwaddr", vkrb_str(ifaces[i]->hwaddr));
        VKRB_SET(h, "addrs", addrs);
        rb_ary_push(ary, h);
        virDomainInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    return ary;
}

/* ---- domain statistics: Connect#all_domain_stats(stats, flags),
 * #domain_list_stats([dom …], stats, flags): [[Domain, {name => value}] …] ---- */
static void
vkrb_q_dom_stats(struct vkrb_q *q)
{
    virDomainStatsRecordPtr *recs = NULL;

    if (q->buf2) {
        q->fname = "virDomainListGetStats";
        q->ret = virDomainListGetStats(q->buf2, (unsigned int)q->i1, &recs, q->flags);
    } else {
        q->fname = "virConnectGetAllDomainStats";
        q->ret = virConnectGetAllDomainStats(q->conn, (unsigned int)q->i1, &recs, q->flags);
    }
    q->buf = recs;
}

static VALUE
vkrb_domain_stats(VALUE conn_v, VALUE doms, VALUE stats, VALUE flags)
{
    struct vkrb_q q;
    virDomainStatsRecordPtr *recs;
    volatile VALUE keep = Qnil;
    VALUE ary;
    long i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_dom_stats;
    q.conn = vkrb_unwrap(conn_v, VKRB_T_virConnect);
    if (!NIL_P(doms)) {
        virDomainPtr *v;

        Check_Type(doms, T_ARRAY);
        keep = rb_str_new(NULL, (RARRAY_LEN(doms) + 1) * sizeof(virDomainPtr));
        v = (virDomainPtr *)RSTRING_PTR(keep);
        for (i = 0; i < RARRAY_LEN(doms); i++)
            v[i] = vkrb_unwrap(rb_ary_entry(doms, i), VKRB_T_virDomain);
        v[i] = NULL;
        q.buf2 = v;
    }
    q.i1 = (int)NUM2UINT(stats);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_call(&q, VKRB_E_RETRIEVE);
    RB_GC_GUARD(keep);
    recs = q.buf;
    ary = rb_ary_new_capa(q.ret);
    for (i = 0; i < q.ret; i++)
        rb_ary_push(ary, rb_ary_new_from_args(2, vkrb_wrap(VKRB_T_virDomain, recs[i]->dom, conn_v, 1),
                                              vkrb_tparams_hash(recs[i]->params, recs[i]->nparams)));
    virDomainStatsRecordListFree(recs);
    return ary;
}

/* ---- object events: Connect#network_event_register_any,
 * #storage_pool_event_register_any, #nodedevice_event_register_any,
 * #secret_event_register_any.  The callback gets (conn, object, event,
 * detail, opaque) for lifecycle events, (conn, object, opaque) for the
 * others (refresh, update, value changed). ---- */
enum { VKRB_OEV_NETWORK, VKRB_OEV_POOL, VKRB_OEV_NODEDEV, VKRB_OEV_SECRET };

struct vkrb_oev {
    int type;                     /* VKRB_T_* of the object */
    int lifecycle;
    void *obj;
    int event, detail;
    VALUE pass;                   /* [connection, callback, opaque] */
};

static VALUE
vkrb_oev_body(VALUE p)
{
    struct vkrb_oev *e = (struct vkrb_oev *)p;
    VALUE conn = rb_ary_entry(e->pass, 0);
    VALUE argv[5];
    int n = 0;

    argv[n++] = conn;
    argv[n++] = vkrb_wrap(e->type, e->obj, conn, 1);
    if (e->lifecycle) {
        argv[n++] = INT2NUM(e->event);
        argv[n++] = INT2NUM(e->detail);
    }
    argv[n++] = rb_ary_entry(e->pass, 2);
    vkrb_callv(rb_ary_entry(e->pass, 1), n, argv);
    return Qnil;
}

static void
vkrb_oev_run(int type, int lifecycle, void *obj, int event, int detail, void *opaque)
{
    struct vkrb_oev e = { type, lifecycle, obj, event, detail, (VALUE)opaque };

    vkrb_run(vkrb_oev_body, &e);
}

static void
vkrb_oev_net_life(virConnectPtr c, virNetworkPtr o, int event, int detail, void *opaque)
{
    vkrb_oev_run(VKRB_T_virNetwork, 1, o, event, detail, opaque);
}

static void
vkrb_oev_pool_life(virConnectPtr c, virStoragePoolPtr o, int event, int detail, void *opaque)
{
    vkrb_oev_run(VKRB_T_virStoragePool, 1, o, event, detail, opaque);
}

static void
vkrb_oev_pool_plain(virConnectPtr c, virStoragePoolPtr o, void *opaque)
{
    vkrb_oev_run(VKRB_T_virStoragePool, 0, o, 0, 0, opaque);
}

static void
vkrb_oev_dev_life(virConnectPtr c, virNodeDevicePtr o, int event, int detail, void *opaque)
{
    vkrb_oev_run(VKRB_T_virNodeDevice, 1, o, event, detail, opaque);
}

static void
vkrb_oev_dev_plain(virConnectPtr c, virNodeDevicePtr o, void *opaque)
{
    vkrb_oev_run(VKRB_T_virNodeDevice, 0, o, 0, 0, opaque);
}

static void
vkrb_oev_secret_life(virConnectPtr c, virSecretPtr o, int event, int detail, void *opaque)
{
    vkrb_oev_run(VKRB_T_virSecret, 1, o, event, detail, opaque);
}

static void
vkrb_oev_secret_plain(virConnectPtr c, virSecretPtr o, void *opaque)
{
    vkrb_oev_run(VKRB_T_virSecret, 0, o, 0, 0, opaque);
}

struct vkrb_oreg {
    int kind, id, ret;
    virConnectPtr conn;
    void *obj;
    void (*cb)(void);
    void *opaque;
};

static void *
vkrb_nogvl_oreg(void *p)
{
    struct vkrb_oreg *a = p;

    switch (a->kind) {
    case VKRB_OEV_NETWORK:
        a->ret = virConnectNetworkEventRegisterAny(a->conn, a->obj, a->id,
                                                   (virConnectNetworkEventGenericCallback)a->cb,
                                                   a->opaque, vkrb_unkeep);
        break;
    case VKRB_OEV_POOL:
        a->ret = virConnectStoragePoolEventRegisterAny(a->conn, a->obj, a->id,
                                                       (virConnectStoragePoolEventGenericCallback)a->cb,
                                                       a->opaque, vkrb_unkeep);
        break;
    case VKRB_OEV_NODEDEV:
        a->ret = virConnectNodeDeviceEventRegisterAny(a->conn, a->obj, a->id,
                                                      (virConnectNodeDeviceEventGenericCallback)a->cb,
                                                      a->opaque, vkrb_unkeep);
        break;
    default:
        a->ret = virConnectSecretEventRegisterAny(a->conn, a->obj, a->id,
                                                  (virConnectSecretEventGenericCallback)a->cb,
                                                  a->opaque, vkrb_unkeep);
        break;
    }
    return NULL;
}

static VALUE
vkrb_object_event_register(VALUE conn_v, VALUE kind, VALUE id_v, VALUE cb, VALUE obj_v, VALUE opaque)
{
    static const char *const fnames[] = {
        "virConnectNetworkEventRegisterAny", "virConnectStoragePoolEventRegisterAny",
        "virConnectNodeDeviceEventRegisterAny", "virConnectSecretEventRegisterAny",
    };
    static const int types[] = {
        VKRB_T_virNetwork, VKRB_T_virStoragePool, VKRB_T_virNodeDevice, VKRB_T_virSecret,
    };
    struct vkrb_oreg a;
    VALUE pass;

    memset(&a, 0, sizeof(a));
    a.conn = vkrb_unwrap(conn_v, vkrb_conn_type);
    a.kind = NUM2INT(kind);
    if (a.kind < 0 || a.kind > VKRB_OEV_SECRET)
        rb_raise(rb_eArgError, "no such kind of event");
    a.id = NUM2INT(id_v);
    switch (a.kind * 16 + a.id) {
    case VKRB_OEV_NETWORK * 16 + VIR_NETWORK_EVENT_ID_LIFECYCLE:
        a.cb = (void (*)(void))vkrb_oev_net_life; break;
    case VKRB_OEV_POOL * 16 + VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE:
        a.cb = (void (*)(void))vkrb_oev_pool_life; break;
    case VKRB_OEV_POOL * 16 + VIR_STORAGE_POOL_EVENT_ID_REFRESH:
        a.cb = (void (*)(void))vkrb_oev_pool_plain; break;
    case VKRB_OEV_NODEDEV * 16 + VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE:
        a.cb = (void (*)(void))vkrb_oev_dev_life; break;
    case VKRB_OEV_NODEDEV * 16 + VIR_NODE_DEVICE_EVENT_ID_UPDATE:
        a.cb = (void (*)(void))vkrb_oev_dev_plain; break;
    case VKRB_OEV_SECRET * 16 + VIR_SECRET_EVENT_ID_LIFECYCLE:
        a.cb = (void (*)(void))vkrb_oev_secret_life; break;
    case VKRB_OEV_SECRET * 16 + VIR_SECRET_EVENT_ID_VALUE_CHANGED:
        a.cb = (void (*)(void))vkrb_oev_secret_plain; break;
    default:
        rb_raise(rb_eArgError, "invalid eventID argument %d", a.id);
    }
    a.obj = vkrb_unwrap_or_null(obj_v, types[a.kind]);
    if (!vkrb_callable_p(cb))
        rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
    pass = rb_ary_new_from_args(3, conn_v, cb, opaque);
    rb_hash_aset(vkrb_keep, pass, Qtrue);
    a.opaque = (void *)pass;
    rb_thread_call_without_gvl(vkrb_nogvl_oreg, &a, NULL, NULL);
    if (a.ret < 0)
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    vkrb_after_callbacks();
    if (a.ret < 0)
        vkrb_raise(fnames[a.kind], VKRB_E_RETRIEVE);
    return INT2NUM(a.ret);
}

/* ---- QEMU monitor events: callback (conn, dom, event, seconds, micros,
 * details, opaque) ---- */
struct vkrb_qev {
    virDomainPtr dom;
    const char *event, *details;
    long long seconds;
    unsigned int micros;
    VALUE pass;
};

static VALUE
vkrb_qev_body(VALUE p)
{
    struct vkrb_qev *e = (struct vkrb_qev *)p;
    VALUE conn = rb_ary_entry(e->pass, 0);
    VALUE argv[7];

    argv[0] = conn;
    argv[1] = vkrb_wrap(VKRB_T_virDomain, e->dom, conn, 1);
    argv[2] = vkrb_str(e->event);
    argv[3] = LL2NUM(e->seconds);
    argv[4] = UINT2NUM(e->micros);
    argv[5] = vkrb_str(e->details);
    argv[6] = rb_ary_entry(e->pass, 2);
    vkrb_callv(rb_ary_entry(e->pass, 1), 7, argv);
    return Qnil;
}

static void
vkrb_qev_cb(virConnectPtr c, virDomainPtr dom, const char *event, long long seconds,
            unsigned int micros, const char *details, void *opaque)
{
    struct vkrb_qev e = { dom, event, details, seconds, micros, (VALUE)opaque };

    vkrb_run(vkrb_qev_body, &e);
}

static void
vkrb_q_qev_register(struct vkrb_q *q)
{
    q->fname = "virConnectDomainQemuMonitorEventRegister";
    q->ret = virConnectDomainQemuMonitorEventRegister(q->conn, q->dom, q->s1, vkrb_qev_cb,
                                                      q->obj, vkrb_unkeep, q->flags);
}

static VALUE
vkrb_qemu_monitor_event_register(VALUE conn_v, VALUE cb, VALUE dom_v, VALUE event,
                                 VALUE opaque, VALUE flags)
{
    struct vkrb_q q;
    VALUE pass;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_qev_register;
    q.conn = vkrb_unwrap(conn_v, vkrb_conn_type);
    q.dom = vkrb_unwrap_or_null(dom_v, VKRB_T_virDomain);
    q.s1 = NIL_P(event) ? NULL : StringValueCStr(event);
    q.flags = vkrb_flags_of(flags);
    if (!vkrb_callable_p(cb))
        rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
    pass = rb_ary_new_from_args(3, conn_v, cb, opaque);
    rb_hash_aset(vkrb_keep, pass, Qtrue);
    q.obj = (void *)pass;
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret < 0)
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    RB_GC_GUARD(event);
    vkrb_after_callbacks();
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_RETRIEVE);
    return INT2NUM(q.ret);
}

/* ---- Connect#register_close_callback(callback, opaque): callback gets
 * (conn, reason, opaque); #unregister_close_callback ---- */
struct vkrb_closecb {
    VALUE pass;                   /* [connection, callback, opaque] */
    int reason;
};

static VALUE
vkrb_close_body(VALUE p)
{
    struct vkrb_closecb *c = (struct vkrb_closecb *)p;
    VALUE argv[3];

    argv[0] = rb_ary_entry(c->pass, 0);
    argv[1] = INT2NUM(c->reason);
    argv[2] = rb_ary_entry(c->pass, 2);
    vkrb_callv(rb_ary_entry(c->pass, 1), 3, argv);
    return Qnil;
}

static void
vkrb_close_cb(virConnectPtr conn, int reason, void *opaque)
{
    struct vkrb_closecb c = { (VALUE)opaque, reason };

    vkrb_run(vkrb_close_body, &c);
}

static void
vkrb_q_close_cb(struct vkrb_q *q)
{
    if (q->i1) {
        q->fname = "virConnectUnregisterCloseCallback";
        q->ret = virConnectUnregisterCloseCallback(q->conn, vkrb_close_cb);
    } else {
        q->fname = "virConnectRegisterCloseCallback";
        q->ret = virConnectRegisterCloseCallback(q->conn, vkrb_close_cb, q->obj, vkrb_unkeep);
    }
}

/* CB nil: unregister. */
static VALUE
vkrb_close_callback(VALUE conn_v, VALUE cb, VALUE opaque)
{
    struct vkrb_q q;
    VALUE pass = Qnil;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_close_cb;
    q.conn = vkrb_unwrap(conn_v, vkrb_conn_type);
    if (NIL_P(cb)) {
        q.i1 = 1;
    } else {
        if (!vkrb_callable_p(cb))
            rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
        pass = rb_ary_new_from_args(3, conn_v, cb, opaque);
        rb_hash_aset(vkrb_keep, pass, Qtrue);
        q.obj = (void *)pass;
    }
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret < 0 && !NIL_P(pass))
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    vkrb_after_callbacks();
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_ERROR);
    return Qnil;
}

/* ---- Stream#event_add_callback(events, callback, opaque): callback gets
 * (stream, events, opaque) ---- */
struct vkrb_stev {
    virStreamPtr st;
    int events;
    VALUE pass;                   /* [stream, callback, opaque] */
};

static VALUE
vkrb_stev_body(VALUE p)
{
    struct vkrb_stev *e = (struct vkrb_stev *)p;
    VALUE argv[3];

    argv[0] = rb_ary_entry(e->pass, 0);
    argv[1] = INT2NUM(e->events);
    argv[2] = rb_ary_entry(e->pass, 2);
    vkrb_callv(rb_ary_entry(e->pass, 1), 3, argv);
    return Qnil;
}

static void
vkrb_stev_cb(virStreamPtr st, int events, void *opaque)
{
    struct vkrb_stev e = { st, events, (VALUE)opaque };

    vkrb_run(vkrb_stev_body, &e);
}

static void
vkrb_q_stev_add(struct vkrb_q *q)
{
    q->fname = "virStreamEventAddCallback";
    q->ret = virStreamEventAddCallback(q->obj, q->i1, vkrb_stev_cb, (void *)q->buf, vkrb_unkeep);
}

static VALUE
vkrb_stream_event_add_callback(VALUE st_v, VALUE events, VALUE cb, VALUE opaque)
{
    struct vkrb_q q;
    VALUE pass;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_stev_add;
    q.obj = vkrb_unwrap(st_v, VKRB_T_virStream);
    q.i1 = NUM2INT(events);
    if (!vkrb_callable_p(cb))
        rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
    pass = rb_ary_new_from_args(3, st_v, cb, opaque);
    rb_hash_aset(vkrb_keep, pass, Qtrue);
    q.buf = (void *)pass;
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret < 0)
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    vkrb_after_callbacks();
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_RETRIEVE);
    return Qnil;
}

/* ---- the default event loop's handles and timeouts:
 * Libvirt::event_add_handle(fd, events, callback, opaque) -> watch
 * (callback gets (watch, fd, events, opaque)), ::event_add_timeout(interval,
 * callback, opaque) -> timer (callback gets (timer, opaque)) ---- */
struct vkrb_loopcb {
    int id, fd, events;
    VALUE pass;                   /* [callback, opaque] */
};

static VALUE
vkrb_loopcb_body(VALUE p)
{
    struct vkrb_loopcb *c = (struct vkrb_loopcb *)p;
    VALUE argv[4];
    int n = 0;

    argv[n++] = INT2NUM(c->id);
    if (c->fd >= 0) {
        argv[n++] = INT2NUM(c->fd);
        argv[n++] = INT2NUM(c->events);
    }
    argv[n++] = rb_ary_entry(c->pass, 1);
    vkrb_callv(rb_ary_entry(c->pass, 0), n, argv);
    return Qnil;
}

static void
vkrb_loop_handle_cb(int watch, int fd, int events, void *opaque)
{
    struct vkrb_loopcb c = { watch, fd, events, (VALUE)opaque };

    vkrb_run(vkrb_loopcb_body, &c);
}

static void
vkrb_loop_timeout_cb(int timer, void *opaque)
{
    struct vkrb_loopcb c = { timer, -1, 0, (VALUE)opaque };

    vkrb_run(vkrb_loopcb_body, &c);
}

static void
vkrb_q_loop_add(struct vkrb_q *q)
{
    if (q->i3) {
        q->fname = "virEventAddTimeout";
        q->ret = virEventAddTimeout(q->i1, vkrb_loop_timeout_cb, q->obj, vkrb_unkeep);
    } else {
        q->fname = "virEventAddHandle";
        q->ret = virEventAddHandle(q->i1, q->i2, vkrb_loop_handle_cb, q->obj, vkrb_unkeep);
    }
}

/* FD nil: a timeout of INTERVAL ms; otherwise a handle watching EVENTS on FD. */
static VALUE
vkrb_event_add(VALUE fd, VALUE events_or_interval, VALUE cb, VALUE opaque)
{
    struct vkrb_q q;
    VALUE pass;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_loop_add;
    q.i3 = NIL_P(fd);
    if (q.i3) {
        q.i1 = NUM2INT(events_or_interval);
    } else {
        q.i1 = NUM2INT(fd);
        q.i2 = NUM2INT(events_or_interval);
    }
    if (!vkrb_callable_p(cb))
        rb_raise(rb_eTypeError, "wrong argument type (expected Symbol or Proc)");
    pass = rb_ary_new_from_args(2, cb, opaque);
    rb_hash_aset(vkrb_keep, pass, Qtrue);
    q.obj = (void *)pass;
    rb_thread_call_without_gvl(vkrb_q_nogvl, &q, NULL, NULL);
    if (q.ret < 0)
        rb_hash_delete(vkrb_keep, pass);
    RB_GC_GUARD(pass);
    vkrb_after_callbacks();
    if (q.ret < 0)
        vkrb_raise(q.fname, VKRB_E_ERROR);
    return INT2NUM(q.ret);
}
%}

%rename("node_alloc_pages") vkrb_node_alloc_pages;
VALUE vkrb_node_alloc_pages(VALUE conn, VALUE pages, VALUE cells, VALUE flags);
%rename("secret_value") vkrb_secret_value;
VALUE vkrb_secret_value(VALUE secret, VALUE flags);
%rename("secret_set_value") vkrb_secret_set_value;
VALUE vkrb_secret_set_value(VALUE secret, VALUE value, VALUE flags);
%rename("dhcp_leases") vkrb_dhcp_leases;
VALUE vkrb_dhcp_leases(VALUE net, VALUE mac, VALUE flags);
%rename("security_label_list") vkrb_security_label_list;
VALUE vkrb_security_label_list(VALUE dom);
%rename("lxc_enter_security_label") vkrb_lxc_enter_security_label;
VALUE vkrb_lxc_enter_security_label(VALUE model, VALUE doi, VALUE label, VALUE enforcing, VALUE flags);
%rename("with_files") vkrb_with_files;
VALUE vkrb_with_files(VALUE which, VALUE obj, VALUE xml, VALUE fds, VALUE flags);
%rename("lxc_namespace") vkrb_lxc_namespace;
VALUE vkrb_lxc_namespace(VALUE dom, VALUE fds, VALUE flags);
%rename("qemu_monitor_command_with_files") vkrb_qemu_monitor_command_with_files;
VALUE vkrb_qemu_monitor_command_with_files(VALUE dom, VALUE cmd, VALUE fds, VALUE flags);
%rename("domain_strlist") vkrb_domain_strlist;
VALUE vkrb_domain_strlist(VALUE dom, VALUE user, VALUE flags);
%rename("set_authorized_ssh_keys") vkrb_set_authorized_ssh_keys;
VALUE vkrb_set_authorized_ssh_keys(VALUE dom, VALUE user, VALUE keys, VALUE flags);
%rename("baseline_hypervisor_cpu") vkrb_baseline_hypervisor_cpu;
VALUE vkrb_baseline_hypervisor_cpu(VALUE conn, VALUE emulator, VALUE arch, VALUE machine, VALUE virttype, VALUE cpus, VALUE flags);
%rename("list_names") vkrb_list_names;
VALUE vkrb_list_names(VALUE which, VALUE obj, VALUE cap, VALUE flags);
%rename("iothread_info") vkrb_iothread_info;
VALUE vkrb_iothread_info(VALUE dom, VALUE flags);
%rename("pin_iothread") vkrb_pin_iothread;
VALUE vkrb_pin_iothread(VALUE dom, VALUE id, VALUE cpus, VALUE flags);
%rename("interface_addresses") vkrb_interface_addresses;
VALUE vkrb_interface_addresses(VALUE dom, VALUE source, VALUE flags);
%rename("domain_stats") vkrb_domain_stats;
VALUE vkrb_domain_stats(VALUE conn, VALUE doms, VALUE stats, VALUE flags);
%rename("object_event_register") vkrb_object_event_register;
VALUE vkrb_object_event_register(VALUE conn, VALUE kind, VALUE id, VALUE cb, VALUE obj, VALUE opaque);
%rename("qemu_monitor_event_register") vkrb_qemu_monitor_event_register;
VALUE vkrb_qemu_monitor_event_register(VALUE conn, VALUE cb, VALUE dom, VALUE event, VALUE opaque, VALUE flags);
%rename("close_callback") vkrb_close_callback;
VALUE vkrb_close_callback(VALUE conn, VALUE cb, VALUE opaque);
%rename("stream_event_add_callback") vkrb_stream_event_add_callback;
VALUE vkrb_stream_event_add_callback(VALUE st, VALUE events, VALUE cb, VALUE opaque);
%rename("event_add") vkrb_event_add;
VALUE vkrb_event_add(VALUE fd, VALUE events_or_interval, VALUE cb, VALUE opaque);

%{
/* ---- Domain#disk_errors: {disk => error} (count first, then fill) ---- */
static void
vkrb_q_disk_errors(struct vkrb_q *q)
{
    q->fname = "virDomainGetDiskErrors";
    q->n = virDomainGetDiskErrors(q->dom, NULL, 0, q->flags);
    if (q->n <= 0) {
        q->ret = q->n;
        return;
    }
    q->buf = calloc(q->n, sizeof(virDomainDiskError));
    if (!q->buf) {
        q->ret = -2;
        return;
    }
    q->ret = virDomainGetDiskErrors(q->dom, q->buf, q->n, q->flags);
}

static VALUE
vkrb_disk_errors(VALUE dom_v, VALUE flags)
{
    struct vkrb_q q;
    virDomainDiskErrorPtr errs;
    VALUE h = rb_hash_new();
    int i;

    memset(&q, 0, sizeof(q));
    q.fn = vkrb_q_disk_errors;
    q.dom = vkrb_unwrap(dom_v, VKRB_T_virDomain);
    q.flags = vkrb_flags_of(flags);
    vkrb_q_run(&q, VKRB_E_RETRIEVE);
    errs = q.buf;
    for (i = 0; i < q.ret; i++) {
        rb_hash_aset(h, vkrb_str(errs[i].disk), INT2NUM(errs[i].error));
        free(errs[i].disk);
    }
    free(errs);
    return h;
}
%}

%rename("disk_errors") vkrb_disk_errors;
VALUE vkrb_disk_errors(VALUE dom, VALUE flags);
