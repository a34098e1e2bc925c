"""Emit the Ruby binding: a SWIG interface and the Ruby layer over it.

Two generated files, both build outputs:

  virtkit.i   the SWIG interface of the C extension Libvirt::Virtkit
              (virtkit.so): one module function per api.xml function,
              named as in C (Libvirt::Virtkit.virDomainGetInfo(dom)).  Each
              is a small generated C wrapper that converts what SWIG cannot
              (handles, arrays, fixed buffers), calls the library *without
              the GVL* (rb_thread_call_without_gvl) and turns the error
              sentinel into a Libvirt::Error (or raises what a Ruby
              callback run during the call left pending, see
              libvirt-override.i).  SWIG converts the rest with the
              typemaps of bindings/ruby/libvirt-override.i.
  libvirt.rb  ruby-libvirt's API: methods on Libvirt::Connect,
              Libvirt::Domain … named by the rules below, the info classes
              and the constants, followed by the hand-written Ruby glue
              (bindings/ruby/libvirt-override.rb), which reopens the classes
              where ruby-libvirt departs from the rules.

Conversion rules, from api.xml's meaning (no per-function lists):
  in  const char *            String (nil when null="yes"), TypeError otherwise
  in  integers, enums         Integer;  flags: Integer or nil, default 0
  in  object pointer          the object's Ruby class (TypeError otherwise;
                              ArgumentError when freed or its connection closed)
  in  unsigned char * size=N  a String of N bytes
  out scalar pointer          the value; several outs give an Array
  out struct (XPtr)           the info class (Libvirt::Domain::Info …)
  out char * size=N           String;  out char ** (own=caller): String
  out array filled=return with python-count   Array (count asked first)
  out XPtr ** len=return      Array of handles
  return int                  Integer (nil-returning actions are the Ruby
                              layer's choice);  char *: UTF-8 String
  return object pointer       an instance of the object's class, remembering
                              its connection (@connection)
  the error sentinel          raises: Libvirt::ConnectionError (open),
                              DefinitionError (…Define…), RetrieveError
                              (Get/Lookup/List/NumOf/Is/Has…), Error (others)
A function the rules cannot express is left out of the extension and
reported by `skipped()`; api.xml's override="ruby" and skip="ruby" are
honoured: override="ruby" means bindings/ruby/libvirt-override.{i,rb}
provide it, under the method its ruby= attribute names (see
glue_method), and skip="ruby" comes with an exception's reason.

Ruby method names (ruby-libvirt's): the C name without "vir" and the
object's own name, snake_case; "Get" dropped; "SetX" with one argument is
"x="; "IsX" is "x?"; "HasX" is "has_x?"; a function of another noun keeps
it after the verb (virDomainLookupByName on Connect: lookup_domain_by_name);
"XFlags"/"XWithFlags" take the name of X and its optional flags.
"""

from __future__ import annotations

import os
import re

from . import model
from .template import Out, c_string, fill

MODULE = "libvirt::virtkit"  # SWIG capitalises the Ruby names; the file is virtkit.so

# C integer types SWIG converts by the typemaps of libvirt-override.i
INT_TYPES = {
    "int": "int",
    "unsigned int": "unsigned int",
    "unsigned": "unsigned int",
    "long": "long",
    "unsigned long": "unsigned long",
    "long long": "long long",
    "long long int": "long long",
    "unsigned long long": "unsigned long long",
    "unsigned long long int": "unsigned long long",
    "double": "double",
    "size_t": "unsigned long",
}

# how a C value becomes a Ruby one (struct fields, array elements)
TO_RUBY = {
    "int": "INT2NUM", "unsigned int": "UINT2NUM", "long": "LONG2NUM",
    "unsigned long": "ULONG2NUM", "long long": "LL2NUM",
    "unsigned long long": "ULL2NUM", "double": "DBL2NUM",
    "unsigned char": "UINT2NUM", "unsigned short": "UINT2NUM", "short": "INT2NUM",
}


class Unsupported(Exception):
    """A signature the generic rules cannot express (yet)."""


# ---------------------------------------------------------------- names

def camel_words(s: str) -> list[str]:
    """'GetXMLDesc' -> ['Get', 'XML', 'Desc']; 'NumOfDomains' -> Num Of Domains."""
    return re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", s)


def snake(s: str) -> str:
    return "_".join(w.lower() for w in camel_words(s))


def class_path(api: model.Api, obj: str) -> str:
    """virDomain -> 'Domain'; virDomainSnapshot -> 'Domain::Snapshot' (an
    object named after its parent lives inside the parent's class)."""
    ob = api.object(obj)
    short = obj[3:]
    if ob is not None and ob.parent and ob.parent != "virConnect":
        pshort = ob.parent[3:]
        if short.startswith(pshort) and len(short) > len(pshort):
            return class_path(api, ob.parent) + "::" + short[len(pshort):]
    return short


# nouns as ruby-libvirt spells them inside method names
NOUN_SNAKE = {"NodeDevice": "nodedevice", "NWFilter": "nwfilter", "NWFilterBinding": "nwfilter_binding"}


def nouns(api: model.Api) -> list[str]:
    """Every prefix a function name can start with after 'vir', longest first."""
    ns = {o.name[3:] for o in api.objects} | {"Node", "Connect"}
    return sorted(ns, key=len, reverse=True)


def split_name(api: model.Api, f: model.Function) -> tuple[str | None, str]:
    """(noun, rest): the noun is None when it is the object's own."""
    name = f.name[3:]
    own = f.object[3:] if f.object else ""
    if own and name.startswith(own) and (f.object != "virConnect" or True):
        return None, name[len(own):]
    for n in nouns(api):
        if name.startswith(n):
            if f.object == "virConnect" and n == "Connect":
                return None, name[len(n):]
            return n, name[len(n):]
    return None, name


def base_variant(f: model.Function) -> str | None:
    """virDomainCreateWithFlags -> virDomainCreate (the function it extends)."""
    for suffix in ("WithFlags", "Flags"):
        if f.name.endswith(suffix) and len(f.name) > len(suffix) + 3:
            return f.name[: -len(suffix)]
    return None


def ruby_name(api: model.Api, f: model.Function, nin: int) -> str:
    """The ruby-libvirt method name of F (a method of f.object) taking NIN
    Ruby arguments."""
    if f.ruby:
        return f.ruby
    noun, rest = split_name(api, f)
    # ruby-libvirt writes these nouns as one word inside method names
    rest = rest.replace("NWFilter", "Nwfilter").replace("NodeDevice", "Nodedevice")
    for suffix in ("WithFlags", "Flags"):
        if rest.endswith(suffix) and api.function(f.name[: -len(suffix)]):
            rest = rest[: -len(suffix)]
    words = camel_words(rest)
    nsnake = NOUN_SNAKE.get(noun, snake(noun)) if noun else None
    if not words:
        return nsnake or "call"
    verb = words[0]
    tail = "_".join(w.lower() for w in words[1:])
    if verb == "Get" and len(words) > 1:
        return "_".join(x for x in (nsnake, tail) if x)
    if verb == "Set" and len(words) > 1 and nin == 1 and not noun:
        return tail + "="
    if verb == "Is" and len(words) > 1 and not noun:
        return tail + "?"
    if verb == "Has" and len(words) > 1 and not noun:
        return "has_" + tail + "?"
    if noun and noun == "Node":
        return "_".join(x for x in ("node", verb.lower(), tail) if x)
    return "_".join(x for x in (verb.lower(), nsnake, tail) if x)


def error_kind(api: model.Api, f: model.Function) -> str:
    """Which Libvirt exception class a failure of F raises."""
    if f.name.startswith("virConnectOpen"):
        return "VKRB_E_CONNECTION"
    _, rest = split_name(api, f)
    if "Define" in f.name:
        return "VKRB_E_DEFINITION"
    verb = camel_words(rest)[0] if camel_words(rest) else ""
    if verb in ("Get", "Lookup", "List", "Num", "Is", "Has") or rest.endswith("Current"):
        return "VKRB_E_RETRIEVE"
    return "VKRB_E_ERROR"


def struct_class(api: model.Api, st: model.Struct) -> str:
    """virDomainInfo -> Domain::Info; virNodeInfo -> Connect::NodeInfo."""
    name = st.name[3:]
    for n in nouns(api):
        if name.startswith(n) and len(name) > len(n):
            obj = api.object("vir" + n)
            if obj is not None:
                return class_path(api, obj.name) + "::" + name[len(n):].replace("Struct", "")
            return "Connect::" + name.replace("Struct", "")
    return name


# ---------------------------------------------------------------- C wrappers

class FuncGen:
    """The C wrapper and SWIG declaration of one function.

    The wrapper has the SWIG-visible signature; it converts handles itself,
    packs the C arguments into a struct, runs the call without the GVL,
    raises on the error sentinel and builds what SWIG does not."""

    def __init__(self, api: model.Api, f: model.Function):
        self.api = api
        self.f = f
        self.sparams: list[str] = []      # SWIG's view of the wrapper's parameters
        self.cparams: list[str] = []      # the C definition's (outs named apart)
        self.rb_args: list[tuple[str, str | None]] = []   # Ruby (name, default)
        self.fields: list[str] = []       # members of the argument struct
        self.pre: list[str] = []          # with the GVL, before the call
        self.body: list[str] = []         # without the GVL (a-> members)
        self.cleanup: list[str] = []      # with the GVL, after the call (always)
        self.result: str | None = None    # a VALUE expression the wrapper returns
        self.nouts = 0                    # outs left to SWIG's argout typemaps
        self.struct_out: model.Struct | None = None
        self.fail_cleanup: list[str] = []  # with the GVL, after a failed call
        self.tp_first = None              # typed parameters whose count is asked first
        self.tp_given = None              # … whose count the caller gives
        self.count_f = None               # the function asked for an array's size first

    def gen(self) -> tuple[str, str]:
        f, api = self.f, self.api
        call: list[str | None] = []
        lens = {p.len for p in f.params if p.len and p.len != "return"}
        self.len_expr: dict[str, str] = {}    # counts an array rule claimed
        for i, p in enumerate(f.params):
            if p.name in lens or p.name in self.len_expr:
                call.append(None)
                continue
            prev = f.params[i - 1] if i else None
            pst = api.struct(prev.base) if prev is not None and prev.dir == "out" and prev.stars == 0 else None
            if p.base == "size_t" and p.name == "size" and pst is not None:
                # the size of the struct just before: the binding knows it
                call.append(f"sizeof({pst.name})")
                continue
            call.append(self.param(p, i))
        call = [c if c is not None else self.len_expr.get(p.name, f"a->{p.name}")
                for c, p in zip(call, f.params)]
        self.ret_and_call(call)
        return self.assemble()

    # -- typed parameters (virTypedParameter arrays): Ruby Hashes
    def typed_param(self, p: model.Param) -> str | None:
        """The call expression of a typed parameter array P (claiming its
        count parameter), or None when P is not one."""
        api, f = self.api, self.f
        st = api.struct(p.base)
        if st is None or st.name != "virTypedParameter":
            return None
        cnt = f.param(p.len) if p.len and p.len != "return" else None
        if cnt is None and p.dir == "out" and p.stars == 1:
            cnt = f.param("nparams")
        if cnt is None:
            raise Unsupported(f"typed parameters {p.name} without a count")
        if p.dir == "in" and p.stars == 0 and cnt.dir == "in" and cnt.stars == 0:
            # a Hash (or [name, type, value] triples) in
            self.sparams.append("virTypedParameterPtr TPIN, int NTPIN")
            self.cparams.append(f"virTypedParameterPtr {p.name}, int {cnt.name}")
            self.rb_args.append((p.name, None))
            self.fields += [f"virTypedParameterPtr {p.name};", f"int {cnt.name};"]
            self.pre += [f"a.{p.name} = {p.name};", f"a.{cnt.name} = {cnt.name};"]
            self.len_expr[cnt.name] = f"a->{cnt.name}"
            return f"a->{p.name}"
        if p.dir != "out" or cnt.stars != 1 or self.result is not None:
            raise Unsupported(f"typed parameters {p.name} ({p.dir})")
        self.no_struct()
        self.sparams.append("virTypedParameterPtr *TPOUT, int *NTPOUT")
        self.cparams.append(f"virTypedParameterPtr *out_{p.name}, int *out_{cnt.name}")
        self.fields += [f"virTypedParameterPtr *{p.name};", f"int *{cnt.name};", "int tp_alloc;"]
        self.pre += [f"a.{p.name} = out_{p.name};", f"a.{cnt.name} = out_{cnt.name};"]
        self.nouts += 1
        cast = "(unsigned int *)" if "unsigned" in cnt.type else ""
        self.len_expr[cnt.name] = f"{cast}a->{cnt.name}"
        if p.stars == 1:
            # the library allocates
            self.fail_cleanup.append(f"*a.{p.name} = NULL; *a.{cnt.name} = 0;")
            return f"a->{p.name}"
        # the caller allocates: the count is asked first (params NULL,
        # *nparams 0), or given by the caller when api.xml does not allow
        # NULL (virDomainGetSchedulerParameters: virDomainGetSchedulerType's)
        self.fail_cleanup.append(f"virTypedParamsFree(*a.{p.name}, a.tp_alloc); *a.{p.name} = NULL; *a.{cnt.name} = 0;")
        if p.null:
            self.tp_first = (p.name, cnt.name)
        else:
            self.both(f"int {cnt.name}_in")
            self.rb_args.append((cnt.name, None))
            self.fields.append(f"int {cnt.name}_in;")
            self.pre.append(f"a.{cnt.name}_in = {cnt.name}_in;")
            self.tp_given = (p.name, cnt.name)
        return f"*a->{p.name}"

    # -- parameters
    def param(self, p: model.Param, i: int) -> str:
        api = self.api
        base = api.scalar_alias(p.base) or p.base
        if p.consumed:
            raise Unsupported(f"parameter {p.name} is consumed")
        tp = self.typed_param(p)
        if tp is not None:
            return tp
        if p.len and p.dir == "in":
            raise Unsupported(f"in array {p.name}")
        if p.dir == "in":
            ob = api.object_by_ptr(base) if p.stars == 0 else None
            if ob is not None:
                self.both(f"VALUE {p.name}_v")
                self.rb_args.append((p.name, "nil" if p.null else None) if i else ("self", None))
                self.fields.append(f"{ob.ptr} {p.name};")
                fn = "vkrb_unwrap_or_null" if p.null else "vkrb_unwrap"
                self.pre.append(f"a.{p.name} = ({ob.ptr}){fn}({p.name}_v, VKRB_T_{ob.name});")
                return f"a->{p.name}"
            if base == "char" and p.stars == 1:
                t = "vkrb_cstr_or_nil" if p.null else "vkrb_cstr"
                self.both(f"{t} {p.name}")
                self.rb_args.append((p.name, "nil" if p.null else None))
                self.fields.append(f"const char *{p.name};")
                self.pre.append(f"a.{p.name} = {p.name};")
                return f"a->{p.name}"
            if base == "unsigned char" and p.stars == 1 and p.size:
                self.both(f"VALUE {p.name}_v")
                self.rb_args.append((p.name, None))
                self.fields.append(f"const unsigned char *{p.name};")
                self.pre.append(f"a.{p.name} = vkrb_bytes({p.name}_v, {p.size});")
                return f"a->{p.name}"
            if p.stars == 0 and (base in INT_TYPES or api.enum(base)):
                ctype = INT_TYPES.get(base, "int")
                if p.flags is not None and ctype == "unsigned int":
                    stype = "vkrb_flags"
                elif p.flags is not None and ctype == "unsigned long":
                    stype = "vkrb_ulflags"
                else:
                    stype = ctype
                self.both(f"{stype} {p.name}")
                self.rb_args.append((p.name, "0" if p.flags is not None else None))
                self.fields.append(f"{ctype} {p.name};")
                self.pre.append(f"a.{p.name} = {p.name};")
                return f"({p.type})a->{p.name}"
            raise Unsupported(f"in parameter {p.name} of type {p.type}")
        if p.dir != "out":
            raise Unsupported(f"{p.dir} parameter {p.name}")
        return self.out_param(p, base)

    def out_param(self, p: model.Param, base: str) -> str:
        api, f = self.api, self.f
        st = api.struct(base) if p.stars == 0 else None
        if st is not None and p.len:
            raise Unsupported(f"out array {p.name} of {st.name}")
        if st is not None:
            if self.nouts or self.result is not None:
                raise Unsupported("an out struct with other outputs")
            for m in st.members:
                if isinstance(m, model.Union):
                    raise Unsupported(f"union in struct {st.name}")
                field_to_ruby(api, m, "x")  # refuse early what cannot convert
            self.sparams.append(f"{st.name} *OUT")
            self.cparams.append(f"{st.name} *out_{p.name}")
            self.fields.append(f"{st.name} *{p.name};")
            self.pre.append(f"a.{p.name} = out_{p.name};")
            self.nouts += 1
            self.struct_out = st
            return f"a->{p.name}"
        if p.stars == 1 and p.size and base == "char":
            self.wrapper_out()
            self.fields.append(f"char {p.name}[{p.size}];")
            self.result = f"rb_utf8_str_new_cstr(a.{p.name})"
            return f"a->{p.name}"
        if p.stars == 1 and p.size and base == "unsigned char":
            self.wrapper_out()
            self.fields.append(f"unsigned char {p.name}[{p.size}];")
            self.result = f"rb_str_new((const char *)a.{p.name}, {p.size})"
            return f"a->{p.name}"
        lenp = f.param(p.len) if p.len and p.len != "return" else None
        if lenp is not None and p.filled == "return" and lenp.python_count:
            count_f = api.function(lenp.python_count)
            if count_f is None:
                raise Unsupported(f"count function {lenp.python_count}")
            # the count function's arguments: the list function's of the
            # same name (its object, a capability …), 0 for other flags
            cargs = []
            for q in count_f.params:
                same = f.param(q.name)
                if same is not None and same.dir == "in" and not same.len and same.name != lenp.name:
                    cargs.append(f"a->{q.name}")
                elif q.flags is not None:
                    cargs.append("0")
                else:
                    raise Unsupported(f"count function {lenp.python_count}")
            elem = "char *" if base == "char" else INT_TYPES.get(base)
            if elem not in ("char *", "int"):
                raise Unsupported(f"array of {p.type}")
            self.wrapper_out()
            self.fields.append(f"{elem} *{p.name};")
            self.fields.append(f"int {lenp.name};")
            self.body.append(f"a->{lenp.name} = {count_f.name}({', '.join(cargs)});")
            # a failed count is reported under the count function's name
            self.body.append(f"if (a->{lenp.name} < 0) {{ a->ret = -1; a->count_failed = 1; return NULL; }}")
            self.fields.append("int count_failed;")
            self.count_f = count_f
            self.body.append(f"a->{p.name} = calloc(a->{lenp.name} + 1, sizeof(*a->{p.name}));")
            self.body.append(f"if (!a->{p.name}) {{ a->ret = -2; return NULL; }}")
            if elem == "int":
                self.result = f"vkrb_int_array(a.{p.name}, a.ret)"
            else:
                self.result = f"vkrb_str_array_steal(a.{p.name}, a.ret)"
            self.cleanup.append(f"free(a.{p.name});")
            return f"a->{p.name}"
        if p.stars == 2 and p.len == "return" and p.own == "caller":
            ob = api.object_by_ptr(base)
            if ob is None:
                raise Unsupported(f"array of {p.type}")
            self.wrapper_out()
            self.fields.append(f"{ob.ptr} *{p.name};")
            parent = f"{f.params[0].name}_v" if f.object else "Qnil"
            self.result = f"vkrb_handle_array(VKRB_T_{ob.name}, (void **)a.{p.name}, a.ret, {parent})"
            self.cleanup.append(f"free(a.{p.name});")
            return f"&a->{p.name}"
        if p.stars == 2 and base == "char" and p.own == "caller" and not p.len:
            self.no_struct()
            self.sparams.append("char **OUTSTR")
            self.cparams.append(f"char **out_{p.name}")
            self.fields.append(f"char **{p.name};")
            self.pre.append(f"a.{p.name} = out_{p.name};")
            self.nouts += 1
            return f"a->{p.name}"
        if p.stars == 1 and (base in INT_TYPES or api.enum(base)) and not p.len:
            self.no_struct()
            ctype = INT_TYPES.get(base, "int")
            self.sparams.append(f"{ctype} *OUT")
            self.cparams.append(f"{ctype} *out_{p.name}")
            self.fields.append(f"{ctype} *{p.name};")
            self.pre.append(f"a.{p.name} = out_{p.name};")
            self.nouts += 1
            return f"({p.type})a->{p.name}"
        raise Unsupported(f"out parameter {p.name} of type {p.type}")

    def both(self, decl: str) -> None:
        self.sparams.append(decl)
        self.cparams.append(decl)

    def no_struct(self):
        if self.struct_out is not None or self.result is not None:
            raise Unsupported("an out struct with other outputs")

    def wrapper_out(self):
        if self.result is not None or self.nouts:
            raise Unsupported("several outputs of which one is built by the wrapper")

    # -- return value and call
    def ret_and_call(self, call: list[str]) -> None:
        api, f = self.api, self.f
        r = f.ret
        callexpr = f"{f.name}({', '.join(call)})"
        if r is None or r.type == "void":
            self.rtype = "void"
            self.fields.append("int ret;")
            self.body.append(f"{callexpr};")
            self.ret_expr = None
            return
        base = model.base_type(r.type)
        ob = api.object_by_ptr(base) if r.type.count("*") == 0 else None
        if (self.nouts and not self.struct_out and self.result is None
                and base == "char" and r.type.count("*") == 1):
            # a string and outputs: [string, out, …]
            self.rtype = "vkrb_str_owned" if r.own == "caller" else "vkrb_str_borrowed"
            self.fields.append(("char *" if r.own == "caller" else "const char *") + " ret;")
        elif self.struct_out or self.nouts or self.result:
            if base not in INT_TYPES:
                raise Unsupported(f"outputs with a {r.type} result")
            self.rtype = "vkrb_status" if self.result is None else "VALUE"
            self.fields.append(f"{INT_TYPES[base]} ret;")
        elif ob is not None:
            self.rtype = "VALUE"
            self.fields.append(f"{ob.ptr} ret;")
            parent = f"{f.params[0].name}_v" if f.object and f.params and api.object_by_ptr(f.params[0].base) else "Qnil"
            borrowed = "0" if r.own == "caller" else "1"
            self.result = f"vkrb_wrap(VKRB_T_{ob.name}, a.ret, {parent}, {borrowed})"
        elif base == "char" and r.type.count("*") == 1:
            owned = r.own == "caller"
            self.rtype = "VALUE"
            self.fields.append(("char *" if owned else "const char *") + " ret;")
            self.result = f"vkrb_str_steal(a.ret)" if owned else "vkrb_str(a.ret)"
        elif base in INT_TYPES and r.type.count("*") == 0:
            self.rtype = INT_TYPES[base]
            self.fields.append(f"{INT_TYPES[base]} ret;")
        else:
            raise Unsupported(f"return type {r.type}")
        if self.tp_first or self.tp_given:
            pn, cn = self.tp_first or self.tp_given
            if self.tp_first:
                first = [("NULL" if c == f"*a->{pn}" else c) for c in call]
                self.body.append(f"*a->{cn} = 0;")
                self.body.append(f"a->ret = {f.name}({', '.join(first)});")
                self.body.append(f"if (a->ret < 0 || *a->{cn} <= 0) return NULL;")
            else:
                self.body.append(f"*a->{cn} = a->{cn}_in;")
                self.body.append(f"if (*a->{cn} <= 0) {{ *a->{cn} = 0; a->ret = 0; return NULL; }}")
            self.body.append(f"a->tp_alloc = *a->{cn};")
            self.body.append(f"*a->{pn} = calloc(a->tp_alloc, sizeof(virTypedParameter));")
            self.body.append(f"if (!*a->{pn}) {{ a->ret = -2; return NULL; }}")
        self.body.append(f"a->ret = {callexpr};")

    def failed_test(self) -> str | None:
        r = self.f.ret
        if r is None or r.error in (None, "none"):
            return None
        if r.error == "NULL":
            return "a.ret == NULL"
        base = model.base_type(r.type)
        if base.startswith("unsigned"):
            return f"a.ret == ({INT_TYPES.get(base, base)})({r.error})"
        return f"a.ret == ({r.error})"

    def assemble(self) -> tuple[str, str]:
        f = self.f
        n = f.name
        sig = ", ".join(self.sparams) or "void"
        csig = ", ".join(self.cparams) or "void"
        lines = [f"struct vkrb_a_{n} {{"]
        lines += ["    " + x for x in self.fields]
        lines.append("};")
        lines.append(f"static void *\nvkrb_nogvl_{n}(void *opaque)\n{{")
        lines.append(f"    struct vkrb_a_{n} *a = opaque;")
        lines += ["    " + x for x in self.body]
        lines.append("    return NULL;\n}")
        lines.append(f"static {self.rtype}\nvkrb_{n}({csig})\n{{")
        lines.append(f"    struct vkrb_a_{n} a;")
        lines.append("    memset(&a, 0, sizeof(a));")
        lines += ["    " + x for x in self.pre]
        lines.append(f"    rb_thread_call_without_gvl(vkrb_nogvl_{n}, &a, NULL, NULL);")
        test = self.failed_test()
        if any("a->ret = -2" in b for b in self.body):
            lines.append("    if (a.ret == -2) {")
            lines += ["        " + c for c in self.cleanup]
            lines.append("        rb_memerror();")
            lines.append("    }")
        if test:
            lines.append(f"    if ({test}) {{")
            lines += ["        " + c for c in self.cleanup + self.fail_cleanup]
            lines.append("        vkrb_raise_pending();")
            fname = c_string(n)
            if self.count_f is not None:
                fname = f"a.count_failed ? {c_string(self.count_f.name)} : {fname}"
            lines.append(f"        vkrb_raise({fname}, {error_kind(self.api, f)});")
            lines.append("    }")
        if self.result is not None:
            lines.append(f"    VALUE result = {self.result};")
            lines += ["    " + c for c in self.cleanup]
            lines.append("    vkrb_raise_pending();")
            lines.append("    return result;")
        elif self.rtype != "void":
            lines += ["    " + c for c in self.cleanup]
            lines.append("    vkrb_raise_pending();")
            lines.append("    return a.ret;")
        else:
            lines.append("    vkrb_raise_pending();")
        lines.append("}\n")
        c = "\n".join(lines) + "\n"
        decl = f"%rename(\"{n}\") vkrb_{n};\n{self.rtype} vkrb_{n}({sig});\n"
        return c, decl


def field_to_ruby(api: model.Api, m: model.Field, expr: str) -> str:
    base = api.scalar_alias(model.base_type(m.type)) or model.base_type(m.type)
    if m.size and base == "char":
        return f"rb_utf8_str_new_cstr({expr})"
    if "*" in m.type and base == "char":
        return f"vkrb_str({expr})"
    if "*" in m.type:
        raise Unsupported(f"field {m.name} of type {m.type}")
    if base in TO_RUBY:
        return f"{TO_RUBY[base]}({expr})"
    if api.enum(base):
        return f"INT2NUM({expr})"
    raise Unsupported(f"field {m.name} of type {m.type}")


def wrapped(f: model.Function) -> bool:
    return "ruby" not in f.skip and "ruby" not in f.overrides


def handle_funcs(api: model.Api) -> set[str]:
    """ref and free functions: the binding manages references itself."""
    s = set()
    for o in api.objects:
        s |= {x for x in (o.ref, o.free) if x}
    return s


def plan(api: model.Api) -> tuple[dict, dict]:
    """({function name: FuncGen}, {function name: reason it is skipped})."""
    gens, skipped = {}, {}
    hf = handle_funcs(api)
    for f in api.functions:
        if not wrapped(f):
            continue
        if f.name in hf:
            skipped[f.name] = "reference counting is the binding's (free/close)"
            continue
        g = FuncGen(api, f)
        try:
            g.gen()
        except Unsupported as e:
            skipped[f.name] = str(e)
            continue
        gens[f.name] = g
    return gens, skipped


def skipped(api: model.Api) -> dict:
    return plan(api)[1]


# ---------------------------------------------------------------- the .i file

def emit_swig(api: model.Api, gens: dict) -> str:
    o = Out()
    o.add(fill("""
        /*
         * virtkit.i: the SWIG interface of virtkit's Ruby extension
         * Libvirt::Virtkit (see generator/virtkit_gen/emit_ruby.py for the
         * rules).  Every function is a generated wrapper that runs the C call
         * without the GVL; the typemaps and helpers are in libvirt-override.i.
         */
        %module "${module}"

        %{
        #include <libvirt/libvirt.h>
        #include <libvirt/virterror.h>
        """, module=MODULE))
    for m in api.modules:
        if m.name != "libvirt":
            o.add(f"#include <libvirt/{m.header}>\n")
    for i, ob in enumerate(api.objects):
        o.add(f"#define VKRB_T_{ob.name} {i}\n")
    o.add(f"#define VKRB_NTYPES {len(api.objects)}\n%}}\n\n")
    o.add('%include "libvirt-override.i"\n\n')
    # the handle table the glue's vkrb_init reads
    index = {ob.name: i for i, ob in enumerate(api.objects)}
    rows = []
    for ob in api.objects:
        rows.append("    {%s, %s, (int (*)(void *))%s, (int (*)(void *))%s},"
                    % (c_string(class_path(api, ob.name)), c_string(ob.name[3:]),
                       ob.free or "NULL", ob.ref or "NULL"))
    o.add("%{\nconst vkrb_type vkrb_types[VKRB_NTYPES] = {\n" + "\n".join(rows) + "\n};\n")
    o.add(f"const int vkrb_conn_type = {index['virConnect']};\n%}}\n\n")
    # per-struct typemaps: an out struct becomes [field, …] (the Ruby layer
    # makes the info object)
    used = {}
    for g in gens.values():
        if g.struct_out is not None:
            used[g.struct_out.name] = g.struct_out
    for st in used.values():
        items = [field_to_ruby(api, m, f"$1->{m.name}") for m in st.members]
        o.add(fill("""
            %typemap(in, numinputs=0) ${name} *OUT (${name} tmp) {
                memset(&tmp, 0, sizeof(tmp));
                $$1 = &tmp;
            }
            %typemap(argout) ${name} *OUT {
                $$result = SWIG_Ruby_AppendOutput($$result, rb_ary_new_from_args(${n}, ${items}));
            }
            """, name=st.name, n=len(items), items=", ".join(items)))
    o.add("\n")
    for name, g in gens.items():
        c, decl = g.assemble()
        o.add("%{\n" + c + "%}\n" + decl + "\n")
    o.add("%init %{\n    vkrb_init();\n%}\n")
    return o.text()


# ---------------------------------------------------------------- libvirt.rb

def ruby_params(args: list[tuple[str, str | None]]) -> tuple[str, str]:
    """(def parameters, call arguments) with defaults only at the end."""
    fixed = []
    required_seen = False
    for name, default in reversed(args):
        if default is None:
            required_seen = True
        elif required_seen:
            default = None
        fixed.append((name, default))
    fixed.reverse()
    defs = ", ".join(n if d is None else f"{n} = {d}" for n, d in fixed)
    calls = ", ".join(n for n, _ in fixed)
    return defs, calls


RUBY_KEYWORDS = set("""alias and begin break case class def defined do else elsif end ensure
    false for if in module next nil not or redo rescue retry return self super then true
    undef unless until when while yield __FILE__ __LINE__""".split())


def rb_ident(name: str) -> str:
    n = snake(name) if name != name.lower() else name
    return n + "_" if n in RUBY_KEYWORDS else n


def emit_ruby(api: model.Api, gens: dict, glue: str) -> str:
    o = Out(comment="py")
    o.add(fill("""
        # libvirt.rb: ruby-libvirt's API over virtkit (require 'libvirt').
        # Methods, info classes and constants are generated from api.xml; the
        # hand-written glue (bindings/ruby/libvirt-override.rb) follows at the
        # end and reopens the classes where ruby-libvirt departs from the rules.

        require 'virtkit'

        module Libvirt
          # Build an info object of KLASS from the raw field values.
          def self.__vk_info(klass, fields, raw)
            obj = klass.allocate
            fields.each_with_index { |f, i| obj.instance_variable_set(f, raw[i]) }
            obj
          end
        end

        """))
    # info classes
    struct_names = {}
    returned = {g.struct_out.name for g in gens.values() if g.struct_out is not None}
    for st in api.structs:
        if st.name not in returned:
            continue        # only what a generated method returns
        path = struct_class(api, st)
        struct_names[st.name] = path
        fields = [snake(m.name) for m in st.members]
        o.add(f"class Libvirt::{path}\n")
        o.add("  attr_reader " + ", ".join(":" + x for x in fields) + "\n")
        o.add("  FIELDS__ = [" + ", ".join(f":@{x}" for x in fields) + "].freeze\n")
        o.add("  private_constant :FIELDS__\n")
        o.add("  def self.__vk_new(raw)\n    Libvirt.__vk_info(self, FIELDS__, raw)\n  end\n")
        o.add("end\n\n")
    # methods, per class
    by_obj: dict[str, list] = {ob.name: [] for ob in api.objects}
    for name, g in gens.items():
        f = g.f
        if f.object and g.rb_args and g.rb_args[0][0] == "self":
            by_obj[f.object].append(g)
    for ob in api.objects:
        o.add(f"class Libvirt::{class_path(api, ob.name)}\n")
        methods: dict[str, FuncGen] = {}
        for g in by_obj[ob.name]:
            nin = len(g.rb_args) - 1      # a setter takes exactly one value
            rname = ruby_name(api, g.f, nin)
            prev = methods.get(rname)
            # a Flags variant replaces its base (more arguments wins)
            if prev is None or len(g.rb_args) > len(prev.rb_args):
                methods[rname] = g
        for rname in sorted(methods):
            g = methods[rname]
            args = [(rb_ident(n), d) for n, d in g.rb_args[1:]]
            defs, calls = ruby_params(args)
            call = f"Libvirt::Virtkit.{g.f.name}(" + ", ".join(["self"] + ([calls] if calls else [])) + ")"
            if g.struct_out is not None and g.struct_out.name in struct_names and g.nouts == 1:
                call = f"Libvirt::{struct_names[g.struct_out.name]}.__vk_new({call})"
            if rname.endswith("?") and g.rtype in INT_TYPES.values():
                call = f"{call} != 0"
            if rname.endswith("="):
                o.add(f"  def {rname}({defs})\n    {call}\n  end\n")
            else:
                o.add(f"  def {rname}{'(' + defs + ')' if defs else ''}\n    {call}\n  end\n")
        o.add("end\n\n")
    # constants
    o.add("# ---- constants ----\n")
    prefixes = []
    for ob in api.objects:
        up = "_".join(w.upper() for w in camel_words(ob.name[3:]))
        prefixes.append(("VIR_" + up + "_", class_path(api, ob.name)))
    prefixes.append(("VIR_NWFILTER_BINDING_", class_path(api, "virNWFilterBinding")))
    prefixes.append(("VIR_NWFILTER_", "NWFilter"))
    prefixes.sort(key=lambda x: len(x[0]), reverse=True)
    consts: dict[str, list[tuple[str, str]]] = {}

    def place(cname: str, value: str):
        for pre, path in prefixes:
            if cname.startswith(pre):
                rest = cname[len(pre):]
                if re.match(r"[A-Z]", rest):
                    consts.setdefault(path, []).append((rest, value))
                return
        if cname.startswith("VIR_"):
            rest = cname[4:]
            if re.match(r"[A-Z]", rest):
                consts.setdefault("Connect", []).append((rest, value))

    # the side APIs' too: ruby-libvirt has Domain::QEMU_MONITOR_COMMAND_HMP
    for e in api.enums:
        top = max((v.resolved for v in e.values), default=None)
        for v in e.values:
            # the count sentinel only (VIR_NETWORK_UPDATE_COMMAND_ADD_LAST is a value)
            if v.name.endswith("_LAST") and v.resolved == top:
                continue
            place(v.name, str(v.resolved))
    for c in api.constants:
        place(c.name, repr(c.value) if c.type == "string" else c.value)
    for path in sorted(consts):
        o.add(f"class Libvirt::{path}\n")
        seen = set()
        for name, value in consts[path]:
            if name in seen:
                continue
            seen.add(name)
            o.add(f"  {name} = {value}\n")
        o.add("end\n")
    o.add("\n# ---- hand-written glue (bindings/ruby/libvirt-override.rb) ----\n")
    # the glue redefines generated methods on purpose: no "method
    # redefined" warnings for programs run with -w
    o.add("__vk_verbose = $VERBOSE\n$VERBOSE = nil\n")
    o.add(glue)
    o.add("\n$VERBOSE = __vk_verbose\n")
    return o.text()


def emit(api: model.Api, outdir: str) -> dict[str, str]:
    gens, _ = plan(api)
    srcdir = os.path.dirname(os.path.abspath(api.path))
    glue_path = os.path.join(srcdir, "bindings", "ruby", "libvirt-override.rb")
    with open(glue_path, encoding="utf-8") as fp:
        glue = fp.read()
    return {
        os.path.join(outdir, "virtkit.i"): emit_swig(api, gens),
        os.path.join(outdir, "libvirt.rb"): emit_ruby(api, gens, glue),
    }


def glue_method(api: model.Api, f: model.Function) -> str | None:
    """Where the hand-written glue offers F (override="ruby" with its
    ruby="..." name): "Class#method", or "Libvirt.function" for a module
    function.  A ruby= name holding "#" or "." is already a full path."""
    if "ruby" not in f.overrides or not f.ruby:
        return None
    if "#" in f.ruby or "." in f.ruby:
        return f.ruby
    return class_path(api, f.object or "virConnect") + "#" + f.ruby


def skip_reason(api: model.Api, f: model.Function) -> str:
    """The reason api.xml's exceptions give for leaving F out of Ruby."""
    for x in api.exceptions:
        if x.symbol == f.name and "ruby" in x.skip:
            return "api.xml: " + x.reason
    return "api.xml: skip=ruby"


def coverage(api: model.Api) -> dict[str, dict]:
    """How each api.xml function reaches Ruby, for the coverage test:
    {name: {"extension": C name in Libvirt::Virtkit, "class": …, "method": …}}
    for what is generated (class/method when the idiomatic layer has a
    generated method for it), {name: {"glue": "Class#method"}} for what the
    hand-written glue provides (override="ruby" and its ruby= name),
    {name: {"skipped": reason}} otherwise."""
    gens, skips = plan(api)
    chosen: dict[tuple[str, str], FuncGen] = {}
    for g in gens.values():
        f = g.f
        if f.object and g.rb_args and g.rb_args[0][0] == "self":
            key = (class_path(api, f.object), ruby_name(api, f, len(g.rb_args) - 1))
            prev = chosen.get(key)
            if prev is None or len(g.rb_args) > len(prev.rb_args):
                chosen[key] = g
    by_func = {g.f.name: key for key, g in chosen.items()}
    out: dict[str, dict] = {}
    for f in api.functions:
        if f.name in gens:
            entry = {"extension": f.name}
            if f.name in by_func:
                entry["class"], entry["method"] = by_func[f.name]
            out[f.name] = entry
        elif glue_method(api, f):
            out[f.name] = {"glue": glue_method(api, f)}
        elif f.name in skips:
            out[f.name] = {"skipped": skips[f.name]}
        elif "ruby" in f.skip:
            out[f.name] = {"skipped": skip_reason(api, f)}
        else:
            out[f.name] = {"skipped": "override=ruby but api.xml names no ruby= method (a gap)"}
    return out


if __name__ == "__main__":
    # python3 -m virtkit_gen.emit_ruby API.XML: the coverage table as JSON
    import json
    import sys

    from . import main as _main
    print(json.dumps(coverage(_main.load(sys.argv[1])), indent=1, sort_keys=True))
