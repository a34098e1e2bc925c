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
