"""Emit the Python binding: the C extension libvirtmod and the module libvirt.

libvirtmod defines one C type per api.xml object (virConnect, virDomain …)
whose methods call the C API directly, with the GIL released around each
call.  libvirt.py subclasses those types under libvirt-python's class
names, adds the hand-written Python glue (bindings/python/libvirt-override.py)
and the constants, and registers the subclasses with libvirtmod so that
handles returned from C are instances of the classes users know.

Conversion rules, from api.xml's meaning (no per-function lists):
  in  const char *            str (None allowed when null="yes")
  in  integers, flags         int (flags default to 0)
  in  unsigned char * size=N  bytes of length N
  out struct (XPtr)           list of the struct's fields, in order
  out scalar pointer          the value; several outs give a list
  out char * size=N           str;  out unsigned char * size=N: bytes
  out array len=N filled=return   list, sized by python-count's function
  return int / unsigned       int; the error sentinel raises libvirtError
  return char *               str (freed when own="caller")
  return object pointer       an instance of the object's class
Functions marked override="python" are implemented in
bindings/python/libvirt-override.c as vkpy_<FunctionName>.
"""

from __future__ import annotations

import os
import re

from . import model
from .template import Out, c_string, fill, write_if_changed

INT_TYPES = {
    "int": ("int", "vkpy_as_int", "PyLong_FromLong"),
    "unsigned int": ("unsigned int", "vkpy_as_uint", "PyLong_FromUnsignedLong"),
    "unsigned": ("unsigned int", "vkpy_as_uint", "PyLong_FromUnsignedLong"),
    "long": ("long", "vkpy_as_long", "PyLong_FromLong"),
    "unsigned long": ("unsigned long", "vkpy_as_ulong", "PyLong_FromUnsignedLong"),
    "long long": ("long long", "vkpy_as_llong", "PyLong_FromLongLong"),
    "long long int": ("long long", "vkpy_as_llong", "PyLong_FromLongLong"),
    "unsigned long long": ("unsigned long long", "vkpy_as_ullong", "PyLong_FromUnsignedLongLong"),
    "unsigned long long int": ("unsigned long long", "vkpy_as_ullong", "PyLong_FromUnsignedLongLong"),
    "unsigned char": ("unsigned char", "vkpy_as_uint", "PyLong_FromUnsignedLong"),
    "unsigned short": ("unsigned short", "vkpy_as_uint", "PyLong_FromUnsignedLong"),
    "double": ("double", "vkpy_as_double", "PyFloat_FromDouble"),
}


class Unsupported(Exception):
    """A signature the generic rules cannot express; api.xml must mark the
    function override="python" or list it in <exceptions>."""


def is_method(f: model.Function) -> bool:
    """Methods of a Python class; side-module functions taking a handle
    (libvirt_qemu …) are module functions instead."""
    return bool(f.object) and f.module == "libvirt"


def override_signature(f: model.Function) -> str:
    """The Python parameters of a hand-written function: python-args from
    api.xml when given, else what the generated rules would take."""
    if f.python_args is not None:
        return f.python_args
    lens = {p.len for p in f.params if p.len}
    parts = []
    params = f.params[1:] if is_method(f) else f.params
    for p in params:
        if p.dir != "in" or p.name in lens or p.base in ("void",) or p.type.endswith("Callback"):
            continue
        default = None
        if p.python_default is not None:
            default = p.python_default or None
        elif f.module == "libvirt" and p.flags is not None:
            default = "0"
        parts.append((p.py_name, default, p.python_default is not None))
    # defaults only at the end (see FuncGen.trailing_defaults)
    out = []
    required_seen = False
    for name, default, explicit in reversed(parts):
        if default is None:
            required_seen = True
        elif required_seen and not explicit:
            default = None
        out.append(name if default is None else f"{name}={default}")
    return ", ".join(reversed(out))


def python_name(f: model.Function) -> str:
    return f.python or f.name


def py_objects(api: model.Api):
    return api.objects


def wrapped(api: model.Api, f: model.Function) -> bool:
    return "python" not in f.skip


def field_to_py(api: model.Api, ftype: str, expr: str, size) -> str:
    base = model.base_type(ftype)
    base = api.scalar_alias(base) or base
    if size and base == "char":
        return f"PyUnicode_FromString({expr})"
    if "*" in ftype and base == "char":
        return f"vkpy_str({expr})"
    if base in INT_TYPES:
        return f"{INT_TYPES[base][2]}({expr})"
    if api.enum(base):
        return f"PyLong_FromLong({expr})"
    raise Unsupported(f"field type {ftype}")


class FuncGen:
    """C code of one method or module function."""

    def __init__(self, api: model.Api, f: model.Function):
        self.api = api
        self.f = f
        self.decls: list[str] = []
        self.convert: list[str] = []
        self.after: list[str] = []
        self.cleanup: list[str] = []
        self.outs: list[str] = []   # python expressions building results
        self.pyargs: list[tuple[str, model.Param, bool]] = []  # (name, param, has_default)
        self.self_expr = "self"   # the Python object handles returned hang on
        self.retry = None         # (array, length, element type) of a counted list

    def gen(self) -> str:
        f, api = self.f, self.api
        params = f.params
        call_args = []
        start = 0
        if is_method(f):
            obj = api.object(f.object)
            p0 = params[0]
            self.decls.append(f"{p0.type} {p0.name} = ({p0.type})((vkpy_Handle *)self)->ptr;")
            call_args.append(p0.name)
            start = 1
        elif f.object:
            # a side-module function (libvirt_qemu.qemuMonitorCommand(dom, …)):
            # the handle is the first Python argument
            obj = api.object(f.object)
            p0 = params[0]
            self.decls.append(f"{p0.type} {p0.name} = NULL;")
            self.pyarg(p0)
            self.convert.append(f"if (vkpy_as_handle(py_{p0.name}, VKPY_TYPE_{obj.name}, (void **)&{p0.name}) < 0) return NULL;")
            self.self_expr = f"py_{p0.name}"
            call_args.append(p0.name)
            start = 1
        lens_filled = {p.len for p in params if p.len and p.dir == "out"}
        for p in params[start:]:
            call_args.append(self.param(p, lens_filled))
        return self.assemble(call_args)

    def param(self, p: model.Param, lens_filled) -> str:
        api, f = self.api, self.f
        base = p.base
        if p.dir == "in":
            if p.name in lens_filled:
                return p.name            # declared by the array param
            if base == "char" and p.stars == 1:
                self.decls.append(f"const char *{p.name} = NULL;")
                self.pyarg(p, default="None" if p.null else None)
                conv = "vkpy_as_str_or_none" if p.null else "vkpy_as_str"
                self.convert.append(f"if ({conv}(py_{p.name}, &{p.name}) < 0) return NULL;")
                return p.name
            if base == "unsigned char" and p.stars == 1 and p.size:
                self.decls.append(f"const unsigned char *{p.name} = NULL;")
                self.pyarg(p)
                self.convert.append(f"if (vkpy_as_bytes(py_{p.name}, {p.size}, &{p.name}) < 0) return NULL;")
                return p.name
            if p.stars == 0 and (base in INT_TYPES or api.enum(base)):
                ctype, conv, _ = INT_TYPES.get(base, ("int", "vkpy_as_int", ""))
                self.decls.append(f"{ctype} {p.name} = 0;")
                self.pyarg(p, default="0" if p.flags is not None else None)
                self.convert.append(f"if ({conv}(py_{p.name}, &{p.name}) < 0) return NULL;")
                return p.name
            raise Unsupported(f"in parameter {p.name} of type {p.type}")
        # out parameters
        st = api.struct(base) if p.stars == 0 else None
        if st is not None:
            self.decls.append(f"{st.name} {p.name}_buf;")
            self.decls.append(f"memset(&{p.name}_buf, 0, sizeof({p.name}_buf));")
            items = []
            for m in st.members:
                if isinstance(m, model.Union):
                    raise Unsupported("union in out struct")
                items.append(field_to_py(api, m.type, f"{p.name}_buf.{m.name}", m.size))
            self.outs.append(f"vkpy_list({len(items)}, " + ", ".join(items) + ")")
            return f"&{p.name}_buf"
        if p.size and p.stars == 1 and base in ("char", "unsigned char"):
            self.decls.append(f"{'unsigned char' if base == 'unsigned char' else 'char'} {p.name}[{p.size}];")
            if base == "char":
                self.outs.append(f"PyUnicode_FromString({p.name})")
            else:
                self.outs.append(f"PyBytes_FromStringAndSize((const char *){p.name}, {p.size})")
            return p.name
        lenp = f.param(p.len) if p.len else None
        if lenp is not None and p.filled == "return" and lenp.python_count:
            # caller-sized array: ask how many first
            count_f = api.function(lenp.python_count)
            elem = p.type.replace("const", "").strip()
            elem = elem[:-1].strip() if elem.endswith("*") else elem
            elem = elem.replace("**", "* *").replace("* *", "**")
            self.decls.append(f"{elem} *{p.name} = NULL;")
            self.decls.append(f"int {lenp.name} = 0;")
            self.convert.append(f"Py_BEGIN_ALLOW_THREADS\n    {lenp.name} = {count_f.name}({f.params[0].name});\n    Py_END_ALLOW_THREADS")
            self.convert.append(f"if ({lenp.name} < 0) return vkpy_raise({c_string(count_f.name + '() failed')});")
            # one slot more than counted: a full array means the list grew
            # since counting, and the call is repeated with more room
            self.convert.append(f"{lenp.name} += 1;")
            self.convert.append(f"{p.name} = g_new0({elem}, {lenp.name} + 1);")
            self.cleanup.append(f"g_free({p.name});")
            self.retry = (p.name, lenp.name, elem)
            if elem == "int":
                self.after.append(f"py_ret = vkpy_int_list({p.name}, ret);")
            elif elem == "char *":
                self.after.append(f"py_ret = vkpy_str_list_steal({p.name}, ret);")
            else:
                raise Unsupported(f"array of {elem}")
            self.outs.append("@array")
            return p.name
        if p.stars == 2 and base == "char" and p.own == "caller" and not p.len:
            self.decls.append(f"char *{p.name} = NULL;")
            self.outs.append(f"vkpy_str_steal({p.name})")
            return f"&{p.name}"
        if p.stars == 1 and (base in INT_TYPES or api.enum(base)):
            ctype = INT_TYPES.get(base, ("int",))[0]
            self.decls.append(f"{ctype} {p.name} = 0;")
            self.outs.append(f"{INT_TYPES.get(base, (0, 0, 'PyLong_FromLong'))[2]}({p.name})")
            return f"&{p.name}"
        raise Unsupported(f"out parameter {p.name} of type {p.type}")

    def pyarg(self, p: model.Param, default=None):
        if p.python_default is not None:
            default = p.python_default or None
        elif self.f.module != "libvirt":
            default = None      # libvirt_qemu/libvirt_lxc take every argument
        self.pyargs.append((p.py_name, p, default))
        self.decls.append(f"PyObject *py_{p.name} = {'NULL' if default is None else 'Py_None' if default == 'None' else 'NULL'};")

    def ret_conv(self) -> tuple[str, str]:
        """C declaration of ret and the expression converting it."""
        api, f = self.api, self.f
        r = f.ret
        if r is None:
            return "", "Py_NewRef(Py_None)"
        base = model.base_type(r.type)
        if base == "char" and "*" in r.type:
            own = r.own == "caller"
            return f"{r.type.replace('const ', 'const ')} ret = NULL;" if not own else "char *ret = NULL;", \
                ("vkpy_str_steal(ret)" if own else "vkpy_str(ret)")
        obj = api.object_by_ptr(base)
        me = self.self_expr
        if obj is not None:
            if not f.object:
                return f"{obj.ptr} ret = NULL;", f"vkpy_wrap(VKPY_TYPE_{obj.name}, ret, NULL)"
            if r.own != "caller":
                # a borrowed handle: the Python object already holding it, or
                # a new reference wrapped
                return f"{obj.ptr} ret = NULL;", f"vkpy_borrowed({me}, VKPY_TYPE_{obj.name}, ret)"
            return f"{obj.ptr} ret = NULL;", f"vkpy_wrap(VKPY_TYPE_{obj.name}, ret, vkpy_owner_for({me}, VKPY_TYPE_{obj.name}))"
        if base in INT_TYPES:
            ctype, _, topy = INT_TYPES[base]
            return f"{ctype} ret = 0;", f"{topy}(ret)"
        raise Unsupported(f"return type {r.type}")

    def trailing_defaults(self) -> None:
        """Python allows defaults only at the end: a parameter keeps its
        default only when every later one has one too (libvirt-python's
        rule, e.g. blockCommit(disk, base, top, bandwidth=0, flags=0))."""
        fixed = []
        required_seen = False
        for name, p, default in reversed(self.pyargs):
            if default is None:
                required_seen = True
            elif required_seen and p.python_default is None:
                default = None
            fixed.append((name, p, default))
        self.pyargs = list(reversed(fixed))

    def assemble(self, call_args) -> str:
        f = self.f
        self.trailing_defaults()
        name = f"vkpy_{f.name}"
        ret_decl, ret_py = self.ret_conv()
        lines = []
        noargs = not self.pyargs
        if noargs:
            lines.append(f"static PyObject *\n{name}(PyObject *self, PyObject *unused)\n{{")
        else:
            lines.append(f"static PyObject *\n{name}(PyObject *self, PyObject *const *args, "
                         f"Py_ssize_t nargs, PyObject *kwnames)\n{{")
            kw = ", ".join(c_string(n) for n, _, _ in self.pyargs)
            lines.append(f"    static const char *const kwlist[] = {{{kw}, NULL}};")
        for d in self.decls:
            lines.append("    " + d)
        if ret_decl:
            lines.append("    " + ret_decl)
        lines.append("    PyObject *py_ret = NULL;")
        if not noargs:
            nreq = sum(1 for _, _, d in self.pyargs if d is None)
            slots = ", ".join(f"&py_{p.name}" for _, p, _ in self.pyargs)
            lines.append(f"    PyObject **slots[] = {{{slots}}};")
            lines.append(f"    if (vkpy_parse_args({c_string(python_name(f))}, args, nargs, kwnames, kwlist, "
                         f"{nreq}, {len(self.pyargs)}, slots) < 0)")
            lines.append("        return NULL;")
        for c in self.convert:
            lines.append("    " + c)
        call = f"{f.name}({', '.join(call_args)})"
        if self.retry:
            arr, n, elem = self.retry
            lines.append("    for (;;) {")
            lines.append("        Py_BEGIN_ALLOW_THREADS")
            lines.append(f"        ret = {call};")
            lines.append("        Py_END_ALLOW_THREADS")
            lines.append(f"        if (ret < {n})")
            lines.append("            break;")
            if elem == "char *":
                lines.append(f"        for (int i = 0; i < ret; i++)")
                lines.append(f"            free({arr}[i]);")
            lines.append(f"        g_free({arr});")
            lines.append(f"        {n} = {n} * 2 + 16;")
            lines.append(f"        {arr} = g_new0({elem}, {n} + 1);")
            lines.append("    }")
        else:
            lines.append("    Py_BEGIN_ALLOW_THREADS")
            lines.append(f"    {'ret = ' if f.ret else ''}{call};")
            lines.append("    Py_END_ALLOW_THREADS")
        if f.ret and f.ret.error not in (None, "none"):
            test = "ret == NULL" if f.ret.error == "NULL" else f"ret == ({f.ret.error})"
            if f.ret.error == "-1" and model.base_type(f.ret.type).startswith("unsigned"):
                test = f"ret == ({model.base_type(f.ret.type)})-1"
            lines.append(f"    if ({test}) {{")
            for c in self.cleanup:
                lines.append("        " + c)
            lines.append(f"        return vkpy_raise({c_string(f.name + '() failed')});")
            lines.append("    }")
        outs = [o for o in self.outs if o != "@array"]
        if "@array" in self.outs:
            lines += ["    " + a for a in self.after]
        elif len(outs) == 1:
            lines.append(f"    py_ret = {outs[0]};")
        elif outs:
            lines.append(f"    py_ret = vkpy_list({len(outs)}, {', '.join(outs)});")
        else:
            lines.append(f"    py_ret = {ret_py};")
        for c in self.cleanup:
            lines.append("    " + c)
        lines.append("    return py_ret;")
        lines.append("}\n")
        return "\n".join(lines) + "\n"

    @property
    def flags(self) -> str:
        return "METH_NOARGS" if not self.pyargs else "METH_FASTCALL | METH_KEYWORDS"

    def signature(self) -> str:
        parts = []
        for n, _, d in self.pyargs:
            parts.append(n if d is None else f"{n}={d}")
        return ", ".join(parts)


def emit_c(api: model.Api, module: model.Module) -> tuple[str, str]:
    """libvirtmod.c and libvirtmod.h."""
    o = Out()
    h = Out()
    h.add(fill("""
        /*
         * libvirtmod.h: what the generated and the hand-written parts of the
         * Python extension share.
         */
        #pragma once
        #define PY_SSIZE_T_CLEAN
        #include <Python.h>
        #include <stdbool.h>
        #include <glib.h>
        #include <libvirt/libvirt.h>
        #include <libvirt/libvirt-lxc.h>
        #include <libvirt/libvirt-qemu.h>
        #include <libvirt/virterror.h>

        /* Every handle type: the C pointer and the Python object it came from
         * (a domain keeps its connection alive, as in libvirt-python). */
        typedef struct {
            PyObject_HEAD
            void *ptr;
            PyObject *owner;
        } vkpy_Handle;

        """))
    for i, ob in enumerate(api.objects):
        h.add(f"#define VKPY_TYPE_{ob.name} {i}\n")
    h.add(f"#define VKPY_NTYPES {len(api.objects)}\n\n")
    h.add(fill("""
        /* The C handle inside a handle object SELF. */
        static inline void *
        vkpy_ptr(PyObject *self)
        {
            return ((vkpy_Handle *)self)->ptr;
        }

        /* The Python classes handles are created as (libvirt.py registers
         * its subclasses; until then the base types). */
        extern PyTypeObject *vkpy_classes[VKPY_NTYPES];
        /* The C extension's own types, each object's parent type (-1 for
         * none) and its reference function, indexed by VKPY_TYPE_*. */
        extern PyTypeObject *vkpy_base_types[VKPY_NTYPES];
        extern const int vkpy_parent_types[VKPY_NTYPES];
        extern int (*const vkpy_ref_funcs[VKPY_NTYPES])(void *);

        /* The Python object a handle of TYPE returned by SELF's method
         * should keep alive: SELF when it is TYPE's parent, else the
         * connection SELF belongs to. */
        PyObject *vkpy_owner_for(PyObject *self, int type);
        /* Wrap PTR, a handle of TYPE that SELF's method returned without a
         * new reference. */
        PyObject *vkpy_borrowed(PyObject *self, int type, void *ptr);
        /* Generic methods of every handle class. */
        PyObject *vkpy_c_pointer(PyObject *self, PyObject *unused);
        PyObject *vkpy_connect(PyObject *self, PyObject *unused);

        PyObject *vkpy_raise(const char *defmsg);
        PyObject *vkpy_wrap(int type, void *ptr, PyObject *owner);
        PyObject *vkpy_str(const char *s);
        PyObject *vkpy_str_steal(char *s);
        PyObject *vkpy_list(Py_ssize_t n, ...);
        PyObject *vkpy_int_list(const int *v, int n);
        PyObject *vkpy_str_list_steal(char **v, int n);
        int vkpy_parse_args(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                            PyObject *kwnames, const char *const *kwlist,
                            int nrequired, int ntotal, PyObject ***slots);
        int vkpy_as_str(PyObject *o, const char **out);
        /* The C handle inside O, which must be an instance of TYPE's class. */
        int vkpy_as_handle(PyObject *o, int type, void **out);
        int vkpy_as_str_or_none(PyObject *o, const char **out);
        int vkpy_as_bytes(PyObject *o, Py_ssize_t len, const unsigned char **out);
        int vkpy_as_int(PyObject *o, int *out);
        int vkpy_as_uint(PyObject *o, unsigned int *out);
        int vkpy_as_long(PyObject *o, long *out);
        int vkpy_as_ulong(PyObject *o, unsigned long *out);
        int vkpy_as_llong(PyObject *o, long long *out);
        int vkpy_as_ullong(PyObject *o, unsigned long long *out);
        int vkpy_as_double(PyObject *o, double *out);

        /* Typed parameters as a dict {field: value}, as libvirt-python
         * returns them (libvirt-override.c). */
        PyObject *vkpy_params_to_dict(virTypedParameterPtr params, int n);

        /* The name and type of a typed parameter a setter accepts. */
        typedef struct {
            const char *name;
            int type;
        } vkpy_ParamHint;

        /* Typed parameters from the dict DICT, each value converted to the
         * type HINTS (ending with a NULL name) gives its name; an unknown
         * name raises LookupError, or with GUESS takes the type of its
         * Python value.  *RET_PARAMS is freed with virTypedParamsFree. */
        int vkpy_dict_to_params(PyObject *dict, const vkpy_ParamHint *hints, bool guess,
                                virTypedParameterPtr *ret_params, int *ret_n);

        /* Hand-written glue (libvirt-override.c). */
        int vkpy_override_init(PyObject *module);
        """))
    for f in api.functions:
        if wrapped(api, f) and "python" in f.overrides:
            h.add(f"PyObject *vkpy_{f.name}(PyObject *self, PyObject *args, PyObject *kwargs);\n")

    o.add(fill("""
        /*
         * libvirtmod.c: the C half of virtkit's Python binding (see
         * generator/virtkit_gen/emit_python.py for the conversion rules).
         */
        #include "libvirtmod.h"
        #include <string.h>

        """))
    methods: dict[str, list[str]] = {ob.name: [] for ob in api.objects}
    modfuncs: list[str] = []
    for f in api.functions:
        if not wrapped(api, f):
            continue
        pyname = python_name(f)
        if "python" in f.overrides:
            doc = f"{pyname}({override_signature(f)})\\n--\\n\\n" + f.doc.replace('"', '\\"')
            entry = f'    {{"{pyname}", (PyCFunction)(void (*)(void))vkpy_{f.name}, METH_VARARGS | METH_KEYWORDS, "{doc}"}},'
        else:
            g = FuncGen(api, f)
            try:
                o.add(g.gen())
            except Unsupported as e:
                raise SystemExit(f"{api.path}:{f.line}: {f.name}: the Python rules cannot convert {e}; "
                                 "mark it override=\"python\" or add an exception")
            doc = f"{pyname}({g.signature()})\\n--\\n\\n" + f.doc.replace('"', '\\"')
            entry = f'    {{"{pyname}", (PyCFunction)(void (*)(void))vkpy_{f.name}, {g.flags}, "{doc}"}},'
        if is_method(f):
            methods[f.object].append(entry)
        else:
            modfuncs.append(entry)
    for ob in api.objects:
        o.add(f"static PyMethodDef vkpy_{ob.name}_methods[] = {{\n")
        o.add("\n".join(methods[ob.name]) + ("\n" if methods[ob.name] else ""))
        # every handle: c_pointer(), and connect() for all but connections
        o.add('    {"c_pointer", vkpy_c_pointer, METH_NOARGS, "c_pointer()\\n--\\n\\nThe address of the C handle, as an int."},\n')
        if ob.name != "virConnect" and not any(python_name(f) == "connect" for f in api.methods(ob.name)
                                              if wrapped(api, f)):
            o.add('    {"connect", vkpy_connect, METH_NOARGS, "connect()\\n--\\n\\nThe connection this handle belongs to."},\n')
        o.add("    {NULL, NULL, 0, NULL},\n};\n\n")
        free = ob.free
        free_call = f"    if (h->ptr) {{\n        Py_BEGIN_ALLOW_THREADS\n        {free}(h->ptr);\n        Py_END_ALLOW_THREADS\n    }}\n" if free else ""
        o.add(fill("""
            static void
            vkpy_${name}_dealloc(PyObject *self)
            {
                vkpy_Handle *h = (vkpy_Handle *)self;
                PyObject_GC_UnTrack(self);
            ${free_call}    h->ptr = NULL;
                Py_CLEAR(h->owner);
                Py_TYPE(self)->tp_free(self);
            }

            static int
            vkpy_${name}_traverse(PyObject *self, visitproc visit, void *arg)
            {
                Py_VISIT(((vkpy_Handle *)self)->owner);
                return 0;
            }

            static PyTypeObject vkpy_${name}_type = {
                PyVarObject_HEAD_INIT(NULL, 0)
                .tp_name = "libvirtmod.${name}",
                .tp_basicsize = sizeof(vkpy_Handle),
                .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
                .tp_dealloc = vkpy_${name}_dealloc,
                .tp_traverse = vkpy_${name}_traverse,
                .tp_methods = vkpy_${name}_methods,
                .tp_doc = "A ${name} handle.",
            };

            """, name=ob.name, free_call=free_call))
    o.add("static PyMethodDef vkpy_module_methods[] = {\n")
    o.add("\n".join(modfuncs) + "\n")
    o.add('    {"_register_classes", (PyCFunction)(void (*)(void))vkpy_register_classes, METH_VARARGS | METH_KEYWORDS, NULL},\n')
    o.add("    {NULL, NULL, 0, NULL},\n};\n\n")
    types = ", ".join(f"&vkpy_{ob.name}_type" for ob in api.objects)
    names = ", ".join(c_string(ob.name) for ob in api.objects)
    index = {ob.name: i for i, ob in enumerate(api.objects)}
    parents = ", ".join(str(index[ob.parent]) if ob.parent else "-1" for ob in api.objects)
    refs = ", ".join(f"(int (*)(void *)){ob.ref}" if ob.ref else "NULL" for ob in api.objects)
    o.add(fill("""
        PyTypeObject *vkpy_base_types[VKPY_NTYPES] = {${types}};
        const int vkpy_parent_types[VKPY_NTYPES] = {${parents}};
        int (*const vkpy_ref_funcs[VKPY_NTYPES])(void *) = {${refs}};
        static const char *const vkpy_type_names[VKPY_NTYPES] = {${names}};

        static struct PyModuleDef vkpy_module = {
            PyModuleDef_HEAD_INIT,
            .m_name = "${ext}",
            .m_doc = "The C half of virtkit's libvirt module.",
            .m_size = -1,
            .m_methods = vkpy_module_methods,
        };

        PyMODINIT_FUNC
        PyInit_${ext}(void)
        {
            PyObject *m;
            size_t i;

            if (!(m = PyModule_Create(&vkpy_module)))
                return NULL;
            for (i = 0; i < VKPY_NTYPES; i++) {
                if (PyType_Ready(vkpy_base_types[i]) < 0)
                    return NULL;
                vkpy_classes[i] = vkpy_base_types[i];
                Py_INCREF(vkpy_base_types[i]);
                if (PyModule_AddObject(m, vkpy_type_names[i], (PyObject *)vkpy_base_types[i]) < 0)
                    return NULL;
            }
            if (vkpy_override_init(m) < 0)
                return NULL;
            return m;
        }
        """, types=types, names=names, ext=module.python_ext, parents=parents, refs=refs))
    # vkpy_register_classes must be declared before the method table
    reg = fill("""
        PyTypeObject *vkpy_classes[VKPY_NTYPES];
        static const char *const vkpy_register_names[] = {${names}, NULL};

        /* libvirt._register_classes(virConnect=..., virDomain=...): handles made
         * in C become instances of libvirt.py's classes. */
        static PyObject *
        vkpy_register_classes(PyObject *self, PyObject *args, PyObject *kwargs)
        {
            size_t i;

            if (!kwargs)
                Py_RETURN_NONE;
            for (i = 0; vkpy_register_names[i]; i++) {
                PyObject *cls = PyDict_GetItemString(kwargs, vkpy_register_names[i]);
                if (!cls)
                    continue;
                if (!PyType_Check(cls)) {
                    PyErr_SetString(PyExc_TypeError, "expected a class");
                    return NULL;
                }
                Py_INCREF(cls);
                vkpy_classes[i] = (PyTypeObject *)cls;
            }
            Py_RETURN_NONE;
        }

        """, names=names)
    text = o.text()
    marker = '#include <string.h>\n\n'
    text = text.replace(marker, marker + reg, 1)
    return text, h.text()


def emit_py(api: model.Api, module: model.Module, override_py: str) -> str:
    o = Out(comment="py")
    o.add('"""virtkit\'s libvirt module: libvirt-python\'s API over virtkit\'s C library.\n\n'
          'Scripts written for libvirt-python run unchanged: the same classes,\n'
          'method names, return shapes, constants and libvirtError.\n"""\n\n')
    o.add(f"import {module.python_ext} as libvirtmod\n\n")
    o.add("# ---- hand-written glue (bindings/python/libvirt-override.py) ----\n")
    o.add(override_py)
    o.add("\n\n# ---- classes ----\n")
    for ob in api.objects:
        # every "class _<Object>Glue...:" of the glue files is a base
        mixins = re.findall(rf"^class (_{ob.name}Glue\w*)\b", override_py, re.M)
        bases = ", ".join(mixins + [f"libvirtmod.{ob.name}"])
        o.add(f"\n\nclass {ob.name}({bases}):\n    __slots__ = ()\n")
    o.add("\n\nlibvirtmod._register_classes(" +
          ", ".join(f"{ob.name}={ob.name}" for ob in api.objects) + ")\n\n")
    for f in api.functions:
        if f.object or not wrapped(api, f) or "python" in f.overrides or f.module != "libvirt":
            continue
        pyname = python_name(f)
        o.add(f"{pyname} = libvirtmod.{pyname}\n")
    o.add("\n# ---- constants ----\n")
    emit_constants(o, api, "libvirt")
    return o.text()


def emit_constants(o: Out, api: model.Api, module: str) -> None:
    for e in api.enums:
        if e.module != module:
            continue
        for v in e.values:
            o.add(f"{v.name} = {v.resolved}\n")
    for c in api.constants:
        if c.module != module:
            continue
        if c.type == "string":
            o.add(f"{c.name} = {c.value!r}\n")
        else:
            o.add(f"{c.name} = {c.value}\n")


def emit_side_py(api: model.Api, module: model.Module) -> str:
    """libvirt_qemu.py / libvirt_lxc.py: the side module's functions (which
    live in libvirtmod) and constants."""
    o = Out(comment="py")
    o.add(f'"""virtkit\'s {module.python} module: the {module.name} additions."""\n\n')
    o.add("import libvirt  # noqa: F401  (errors are libvirt.libvirtError)\n")
    o.add("import libvirtmod\n\n")
    for f in api.functions:
        if f.module == module.name and wrapped(api, f):
            o.add(f"{python_name(f)} = libvirtmod.{python_name(f)}\n")
    o.add("\n")
    emit_constants(o, api, module.name)
    return o.text()


def emit(api: model.Api, outdir: str, override_py_paths: list[str]) -> None:
    main = next(m for m in api.modules if m.name == "libvirt")
    c, h = emit_c(api, main)
    write_if_changed(os.path.join(outdir, "libvirtmod.c"), c)
    write_if_changed(os.path.join(outdir, "libvirtmod.h"), h)
    parts = []
    for path in override_py_paths:
        with open(path, encoding="utf-8") as f:
            parts.append(f"# ---- {os.path.basename(path)} ----\n" + f.read())
    override_py = "\n\n".join(parts)
    write_if_changed(os.path.join(outdir, "libvirt.py"), emit_py(api, main, override_py))
    for m in api.modules:
        if m.name != "libvirt":
            write_if_changed(os.path.join(outdir, m.python + ".py"), emit_side_py(api, m))
    from . import emit_pyi
    for path, text in emit_pyi.emit(api, outdir, override_py_paths).items():
        write_if_changed(path, text)
