"""Emit the Perl binding: a SWIG interface and the Sys::Virt modules.

The binding has two layers, as Sys-Virt has:

  virtkit.i     the SWIG interface.  SWIG turns it into the XS module
                `virtkitperl` (functions virtkitperl::virDomainGetName …),
                one wrapper per api.xml function, with the C names.  The
                typemaps that say how a parameter crosses over come from
                api.xml's meaning (below); the hand-written ones live in
                bindings/perl/libvirt-override.i, which virtkit.i includes.
  Sys/Virt.pm   the idiomatic layer: packages Sys::Virt, Sys::Virt::Domain
                … whose methods are the wrappers under Sys-Virt's names,
                the constants of each package, and the hand-written Perl
                glue (the %perlcode block of libvirt-override.i) pasted at
                the end, where Sys-Virt's API departs from the rules.
  Sys/Virt/*.pm one small file per package, so that `use Sys::Virt::Domain`
                works as with Sys-Virt.

Conversion rules (no per-function lists; a function the rules cannot
express is left out and named in a comment at the end of virtkit.i):
  in  const char *                string; undef is NULL
  in  integers, enums, flags      number; trailing flags default to 0 and
                                  trailing nullable strings/handles to undef
  in  unsigned char * size=N      a byte string of length N
  in  object handle               a blessed Sys::Virt::* object
  in  a type libvirt-override.i has an in-typemap for (virConnectAuthPtr …)
  out scalar pointer              a value pushed onto the returned list
                                  (64-bit values as Perl numbers, as Sys-Virt)
  out struct (XPtr)               a hash reference keyed by the field names
  out char * / unsigned char * size=N   a string / byte string
  out char ** own=caller          a string
  out T *arr len=N filled=return (N the next, in parameter)  a list
  out virXPtr ** own=caller len=return  a list of objects
  return char *                   a string (freed when own="caller")
  return object pointer           a blessed object (a reference is taken
                                  first when the handle is borrowed)
  in  size_t size after an out struct   the struct's size (not an argument)
  return int with out parameters  dropped: the outs are the result
  return int 0/-1 (status_only)   dropped: the method returns an empty
                                  list, as Sys-Virt's actions and setters
  error sentinel                  dies with a Sys::Virt::Error object
Constants: placed by constant_place() or the perl-constants table of
libvirt-override.i; integers as Sys-Virt registers them (unsigned 64-bit,
so -1 reads 18446744073709551615).
"""

from __future__ import annotations

import os
import re

from . import model

SWIG_MODULE = "virtkitperl"
OVERRIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "bindings", "perl", "libvirt-override.i")

SIGNED = {"int", "long", "short", "char"}
UNSIGNED = {"unsigned int", "unsigned", "unsigned long", "unsigned short",
            "unsigned char", "size_t"}
LLONG = {"long long", "long long int"}
ULLONG = {"unsigned long long", "unsigned long long int"}
INTEGER = SIGNED | UNSIGNED | LLONG | ULLONG | {"ssize_t", "double"}


class Unsupported(Exception):
    """A signature the generic Perl rules cannot express."""


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

def perl_class(obj: str) -> str:
    """virConnect -> Sys::Virt, virDomain -> Sys::Virt::Domain."""
    return "Sys::Virt" if obj == "virConnect" else "Sys::Virt::" + obj[3:]


def camel_words(s: str) -> list[str]:
    s = s.replace("NWFilter", "Nwfilter")
    return re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", s)


VERBS = {"Lookup", "Define", "Create", "Get", "Set", "List", "Num", "Find",
         "Restore", "New"}
WORD_MAP = {"lookup": "get", "desc": "description", "vol": "volume"}
# word runs Sys-Virt writes as one word
JOINED = {("io", "tune"): "iotune", ("io", "thread"): "iothread", ("io", "threads"): "iothreads"}


def method_name(api: model.Api, f: model.Function) -> str:
    """Sys-Virt's rule: drop 'vir' and the class's own name, then
    snake_case; a connection method named after another object moves the
    verb first (virDomainLookupByName -> get_domain_by_name,
    virDomainDefineXML -> define_domain, virNodeGetInfo -> get_node_info)."""
    if f.perl:
        return f.perl
    rest = f.name[3:]
    own = f.object[3:] if f.object else ""
    if f.module != "libvirt":
        rest = rest[0].upper() + rest[1:]
    words = camel_words(rest)
    own_words = camel_words(own) if own else []
    if own_words and words[:len(own_words)] == own_words and len(words) > len(own_words):
        words = words[len(own_words):]
    else:
        # another noun first: move the verb in front of it
        for i, w in enumerate(words):
            if i and w in VERBS:
                noun, verb, tail = words[:i], [w], words[i + 1:]
                if w in ("Define", "Create") and tail[:1] == ["XML"]:
                    tail = tail[1:]
                if w == "Num" and tail[:1] == ["Of"]:
                    verb, tail = [w, "Of"], tail[1:]
                words = verb + noun + tail
                break
    out: list[str] = []
    for w in (WORD_MAP.get(w.lower(), w.lower()) for w in words):
        if out and (out[-1], w) in JOINED:
            out[-1] = JOINED[(out[-1], w)]
        elif out and w.isdigit():
            # a version number stays on its word: migrate2, migrate_to_uri2
            out[-1] += w
        else:
            out.append(w)
    return "_".join(out)


OBJ_PREFIXES = [
    ("DOMAIN_SNAPSHOT_", "virDomainSnapshot"),
    ("DOMAIN_CHECKPOINT_", "virDomainCheckpoint"),
    ("DOMAIN_", "virDomain"),
    ("NETWORK_PORT_", "virNetworkPort"),
    ("NETWORK_", "virNetwork"),
    ("STORAGE_POOL_", "virStoragePool"),
    ("STORAGE_VOL_", "virStorageVol"),
    ("NODE_DEVICE_", "virNodeDevice"),
    ("INTERFACE_", "virInterface"),
    ("SECRET_", "virSecret"),
    ("NWFILTER_BINDING_", "virNWFilterBinding"),
    ("NWFILTER_", "virNWFilter"),
    ("STREAM_", "virStream"),
]


def constant_place(name: str) -> tuple[str, str]:
    """VIR_DOMAIN_STATE_RUNNING -> (Sys::Virt::Domain, STATE_RUNNING)."""
    n = name[4:] if name.startswith("VIR_") else name
    if n.startswith(("ERR_", "FROM_", "WAR_")):
        return "Sys::Virt::Error", n
    if n.startswith("EVENT_HANDLE_"):
        return "Sys::Virt::Event", n[6:]
    for prefix, obj in OBJ_PREFIXES:
        if n.startswith(prefix):
            return perl_class(obj), n[len(prefix):]
    return "Sys::Virt", n


# --------------------------------------------------------------------------
# The SWIG interface
# --------------------------------------------------------------------------

def sv_of(api: model.Api, ctype: str, expr: str) -> str:
    """C expression making a new SV from EXPR, a value of CTYPE."""
    base = model.base_type(ctype)
    base = api.scalar_alias(base) or base
    if api.enum(base):
        return f"newSViv((IV)({expr}))"
    if base in SIGNED or base == "ssize_t":
        return f"newSViv((IV)({expr}))"
    if base in UNSIGNED:
        return f"newSVuv((UV)({expr}))"
    if base in LLONG:
        return f"VKPL_NEW_LL({expr})"
    if base in ULLONG:
        return f"VKPL_NEW_ULL({expr})"
    if base == "double":
        return f"newSVnv({expr})"
    raise Unsupported(f"value of type {ctype}")


def is_int(api: model.Api, base: str) -> bool:
    return base in INTEGER or api.enum(base) is not None or api.scalar_alias(base) in INTEGER


# verbs whose int result is a value (a count, a boolean, an id, a CPU
# comparison), not a 0/-1 status
VALUE_VERBS = {"Get", "Is", "Has", "Num", "Compare"}


def status_only(f: model.Function) -> bool:
    """True when F's int result only says success (0) or failure (-1): the
    method then returns nothing, as Sys-Virt's do (`$dom->suspend` gives
    an empty list)."""
    r = f.ret
    if r is None or r.type != "int" or r.error != "-1":
        return False
    words = camel_words(f.name[3:])
    return not (VALUE_VERBS & set(words) or words[-1] == "FD")


class FuncGen:
    """The SWIG text of one function: its typemaps, its %exception and its
    declaration."""

    def __init__(self, api: model.Api, f: model.Function, glue_types: set[str]):
        self.api, self.f, self.glue_types = api, f, glue_types
        self.typemaps: list[str] = []
        self.clears: list[str] = []
        self.decl_params: list[str] = []
        self.has_out = False

    def out_typemap(self, p: model.Param, decl: str, argout: str, init: str = "") -> None:
        pat = f"{p.type} {p.name}"
        self.typemaps.append(f"%typemap(in, numinputs=0) {pat} ({decl}) {{\n    {init}$1 = &tmp;\n}}")
        self.typemaps.append(f"%typemap(argout) {pat} {{\n{argout}\n}}")
        self.clears.append(pat)
        self.has_out = True

    def gen(self) -> str:
        api, f = self.api, self.f
        params = f.params
        i = 0
        while i < len(params):
            p = params[i]
            nxt = params[i + 1] if i + 1 < len(params) else None
            if p.type == TP + " *" and p.dir == "out" and p.own == "caller" and nxt is not None \
                    and nxt.dir == "out" and nxt.base in ("int", "unsigned int") and nxt.stars == 1:
                self.params_alloc_out(p, nxt)
                i += 2
                continue
            if p.dir == "out" and p.len and nxt is not None and nxt.name == p.len and nxt.dir == "in":
                self.array_out(p, nxt)
                i += 2
                continue
            if p.dir == "in" and any(q.len == p.name for q in params):
                raise Unsupported(f"length parameter {p.name} apart from its array")
            self.param(p)
            st = api.struct(p.base) if p.dir == "out" and p.stars == 0 and p.base.endswith("Ptr") else None
            if st is not None and nxt is not None and nxt.dir == "in" and nxt.type == "size_t" \
                    and nxt.name == "size":
                # the size of the caller's struct (virDomainBlockStats):
                # the binding's own, not the script's to give
                pat = f"{nxt.type} {nxt.name}"
                self.typemaps.append(f"%typemap(in, numinputs=0) {pat} \"$1 = sizeof({st.name});\";")
                self.clears.append(pat)
                i += 1
            i += 1
        return self.assemble()

    # ---- parameters ----

    def param(self, p: model.Param) -> None:
        api = self.api
        base = p.base
        if p.dir == "in":
            if p.type.endswith("Callback") or p.base == "void":
                raise Unsupported(f"in parameter {p.name} of type {p.type}")
            if api.object_by_ptr(base) and p.stars == 0:
                if p.consumed:
                    raise Unsupported(f"consumed handle {p.name}")
                return
            if base == "char" and p.stars == 1:
                return
            if base == "unsigned char" and p.stars == 1 and p.size:
                pat = f"{p.type} {p.name}"
                self.typemaps.append(
                    f"%typemap(in) {pat} {{\n    STRLEN len_;\n"
                    f"    $1 = ($1_ltype)SvPV($input, len_);\n"
                    f"    if (len_ != {p.size})\n"
                    f"        SWIG_croak(\"{p.name} must be a byte string of length \" \"{p.size}\");\n}}")
                self.clears.append(pat)
                return
            if p.stars == 0 and is_int(api, base):
                return
            if p.type in self.glue_types:
                return
            raise Unsupported(f"in parameter {p.name} of type {p.type}")
        if p.dir != "out":
            raise Unsupported(f"{p.dir} parameter {p.name}")
        st = api.struct(base) if p.stars <= 1 else None
        if st is not None and ((p.stars == 0 and base.endswith("Ptr")) or
                               (p.stars == 1 and not base.endswith("Ptr"))):
            items = []
            for m in st.members:
                if isinstance(m, model.Union):
                    raise Unsupported(f"union in struct {st.name}")
                mb = model.base_type(m.type)
                if m.size and mb == "char":
                    val = f"newSVpv(tmp.{m.name}, 0)"
                elif "*" in m.type and mb == "char":
                    val = f"(tmp.{m.name} ? newSVpv(tmp.{m.name}, 0) : newSV(0))"
                elif m.size or "*" in m.type:
                    raise Unsupported(f"field {m.name} of {st.name}")
                else:
                    val = sv_of(api, m.type, f"tmp.{m.name}")
                items.append(f'    (void)hv_store(hv_, "{m.name}", {len(m.name)}, {val}, 0);')
            argout = ("    HV *hv_ = newHV();\n" + "\n".join(items) +
                      "\n    VKPL_PUSH(newRV_noinc((SV *)hv_));")
            self.out_typemap(p, f"{st.name} tmp", argout.replace("tmp.", "tmp$argnum."),
                             init="memset(&tmp, 0, sizeof(tmp));\n    ")
            return
        if p.size and p.stars == 1 and base in ("char", "unsigned char"):
            pat = f"{p.type} {p.name}"
            self.typemaps.append(f"%typemap(in, numinputs=0) {pat} ({base} tmp[{p.size}]) {{\n"
                                 f"    memset(tmp, 0, sizeof(tmp));\n    $1 = tmp;\n}}")
            if base == "char":
                push = "    VKPL_PUSH(newSVpv((const char *)$1, 0));"
            else:
                push = f"    VKPL_PUSH(newSVpvn((const char *)$1, {p.size}));"
            self.typemaps.append(f"%typemap(argout) {pat} {{\n{push}\n}}")
            self.clears.append(pat)
            self.has_out = True
            return
        obj = api.object_by_ptr(base)
        if obj is not None and p.stars == 2 and p.len == "return" and p.own == "caller":
            argout = (f"    if (tmp$argnum) {{\n        int i_;\n"
                      f"        for (i_ = 0; i_ < result; i_++)\n"
                      f"            VKPL_PUSH(vkpl_wrap(tmp$argnum[i_], \"{perl_class(obj.name)}\"));\n"
                      f"        free(tmp$argnum);\n    }}")
            self.out_typemap(p, f"{base} *tmp = NULL", argout)
            return
        if p.len or p.filled:
            raise Unsupported(f"out array {p.name}")
        if base == "char" and p.stars == 2 and p.own == "caller":
            argout = ("    VKPL_PUSH(tmp$argnum ? newSVpv(tmp$argnum, 0) : newSV(0));\n"
                      "    free(tmp$argnum);")
            self.out_typemap(p, "char *tmp = NULL", argout)
            return
        if p.stars == 1 and is_int(api, base):
            ctype = api.scalar_alias(base) or base
            argout = f"    VKPL_PUSH({sv_of(api, ctype, 'tmp$argnum')});"
            self.out_typemap(p, f"{ctype} tmp = 0", argout)
            return
        raise Unsupported(f"out parameter {p.name} of type {p.type}")

    def params_alloc_out(self, p: model.Param, n: model.Param) -> None:
        """virTypedParameterPtr *params, int *nparams allocated by the
        library: a hash reference."""
        pat = f"({p.type} {p.name}, {n.type} {n.name})"
        ntype = n.type[:-1].strip()
        self.typemaps.append(
            f"%typemap(in, numinputs=0) {pat} ({TP} tp = NULL, {ntype} ntp = 0) {{\n"
            f"    $1 = &tp;\n    $2 = &ntp;\n}}")
        self.typemaps.append(
            f"%typemap(argout) {pat} {{\n"
            f"    VKPL_PUSH(vkpl_params_to_hv(tp$argnum, (int)ntp$argnum));\n"
            f"    virTypedParamsFree(tp$argnum, (int)ntp$argnum);\n}}")
        self.clears.append(pat)
        self.has_out = True
        for q in self.f.params:
            if q.flags and "virTypedParameterFlags" in q.flags:
                # Sys-Virt always accepts string values
                qpat = f"{q.type} {q.name}"
                self.typemaps.append(f"%typemap(in) {qpat} {{\n"
                                     f"    $1 = ($1_ltype)SvUV($input) | VIR_TYPED_PARAM_STRING_OKAY;\n}}")
                self.clears.append(qpat)

    def array_out(self, p: model.Param, n: model.Param) -> None:
        """T *arr, int maxN: the caller says how many; a list comes back."""
        if p.filled != "return" or not is_int(self.api, n.base) or n.stars:
            raise Unsupported(f"out array {p.name}")
        elem = p.type.replace("const", "").strip()[:-1].strip()
        if is_int(self.api, model.base_type(elem)) and p.stars == 1:
            item = sv_of(self.api, elem, "$1[i_]")
            free_item = ""
        elif elem.replace(" ", "") == "char*":
            item = "($1[i_] ? newSVpv($1[i_], 0) : newSV(0))"
            # names filled into the caller's array are the caller's to free
            free_item = "\n        free($1[i_]);"
        else:
            raise Unsupported(f"array of {elem}")
        pat = f"({p.type} {p.name}, {n.type} {n.name})"
        self.typemaps.append(
            f"%typemap(in) {pat} {{\n"
            f"    $2 = ({n.type})SvIV($input);\n"
            f"    if ($2 < 0)\n        SWIG_croak(\"{n.name} must not be negative\");\n"
            f"    $1 = calloc((size_t)$2 + 1, sizeof(*$1));\n}}")
        self.typemaps.append(
            f"%typemap(argout) {pat} {{\n"
            f"    int i_;\n    for (i_ = 0; i_ < result; i_++) {{\n"
            f"        VKPL_PUSH({item});{free_item}\n    }}\n}}")
        self.typemaps.append(f"%typemap(freearg) {pat} \"free($1);\";")
        self.clears.append(pat)
        self.has_out = True

    # ---- the whole function ----

    def assemble(self) -> str:
        api, f = self.api, self.f
        r = f.ret
        lines = [f"/* {f.name} */"]
        rtype = r.type if r else "void"
        rbase = model.base_type(rtype)
        robj = api.object_by_ptr(rbase) if r else None
        if r and not robj and not (rbase == "char" and "*" in rtype) and not is_int(api, rbase) \
                and rtype != "void":
            raise Unsupported(f"return type {rtype}")
        if r and "*" in rtype and rbase != "char" and not robj:
            raise Unsupported(f"return type {rtype}")
        lines += self.typemaps
        if r and "*" not in rtype and is_int(api, rbase) and (self.has_out or status_only(f)):
            lines.append(f"%typemap(out) {rtype} {f.name} \"\";")
        if r and rbase == "char" and r.own == "caller":
            lines.append(f"%newobject {f.name};")
        check = []
        if r and r.error not in (None, "none"):
            if r.error == "NULL":
                test = "result == NULL"
            elif rbase.startswith("unsigned"):
                test = f"result == ({rbase})({r.error})"
                if r.error == "-1" and not self.has_out:
                    # the sentinel reads as -1, as Sys-Virt returns it
                    lines.append(f"%typemap(out) {rtype} {f.name} {{\n"
                                 f"    VKPL_PUSH(newSViv((IV)(long long)({'int' if rbase == 'unsigned int' else 'long'})$1));\n}}")
            else:
                test = f"result == ({r.error})"
            # a sentinel with no error recorded is a value, not a failure
            # (virDomainGetID of an inactive domain)
            check.append(f"    if (({test}) && virGetLastError()) {{\n        vkpl_raise();\n        SWIG_fail;\n    }}")
        if robj and r.own != "caller":
            if not robj.ref:
                raise Unsupported("borrowed handle of an object without a ref function")
            check.append(f"    if (result)\n        {robj.ref}(result);")
        if check:
            lines.append(f"%exception {f.name} {{\n    $action\n" + "\n".join(check) + "\n}")
        lines.append(self.declaration())
        for c in self.clears:
            lines.append(f"%clear {c};")
        return "\n".join(lines) + "\n"

    def declaration(self) -> str:
        f = self.f
        # trailing defaults: flags -> 0, nullable strings and handles -> NULL
        defaults: dict[str, str] = {}
        for p in reversed(f.params):
            if p.dir != "in":
                continue
            if p.flags is not None and p.stars == 0:
                defaults[p.name] = "0"
            elif p.null and (p.base == "char" or self.api.object_by_ptr(p.base)):
                defaults[p.name] = "NULL"
            else:
                break
        ps = []
        for p in f.params:
            d = f" = {defaults[p.name]}" if p.name in defaults else ""
            t = p.type
            sep = "" if t.endswith("*") else " "
            ps.append(f"{t}{sep}{p.name}{d}")
        rtype = f.ret.type if f.ret else "void"
        sep = "" if rtype.endswith("*") else " "
        return f"{rtype}{sep}{f.name}({', '.join(ps) or 'void'});"


# --------------------------------------------------------------------------
# Typed parameters: a hash reference {field => value} in both directions
# --------------------------------------------------------------------------

TP = "virTypedParameterPtr"


def c_param(p: model.Param) -> str:
    sep = "" if p.type.endswith("*") else " "
    return f"{p.type}{sep}{p.name}"


def tp_shape(f: model.Function) -> tuple[str, int] | None:
    """How F passes typed parameters, and the index of `params`:
    'fill' (the caller's array, *nparams in and out: 0 asks for the
    count), 'alloc' (the library allocates, own=caller) or 'in'."""
    ps = f.params
    for i, p in enumerate(ps[:-1]):
        n = ps[i + 1]
        if p.type == TP and p.dir == "out" and n.type == "int *" and n.dir == "inout":
            return "fill", i
        if p.type == TP + " *" and p.dir == "out" and p.own == "caller" and n.dir == "out" \
                and n.base in ("int", "unsigned int") and n.stars == 1:
            return "alloc", i
        if p.type == TP and p.dir == "in" and n.dir == "in" and n.stars == 0 and p.len == n.name:
            return "in", i
    return None


class TypedGen:
    """A C wrapper (vkpl_<function>) turning typed parameters into a hash
    reference or back, declared to SWIG in place of the function.

    fill   SV *vkpl_F(ins…, flags)   calls F twice (count, then values);
           when F's params may not be NULL the count comes from a
           hand-written vkpl_fetch_F in libvirt-override.i
    in     int vkpl_F(ins…, SV *params, flags): the field types come from
           the matching getter (Set -> Get), as Sys-Virt does; fields the
           getter does not report are ignored
    ('alloc' needs no wrapper: a typemap pair does it, see FuncGen.)"""

    def __init__(self, api: model.Api, f: model.Function, by_name: dict, override: str):
        self.api, self.f, self.by_name, self.override = api, f, by_name, override

    @staticmethod
    def ins(f: model.Function, skip: int) -> list[model.Param]:
        return [p for i, p in enumerate(f.params) if i not in (skip, skip + 1)]

    def check_ins(self, ps: list[model.Param]) -> None:
        for p in ps:
            ok = p.dir == "in" and (
                (p.stars == 0 and (is_int(self.api, p.base) or self.api.object_by_ptr(p.base)))
                or (p.base == "char" and p.stars == 1))
            if not ok:
                raise Unsupported(f"parameter {p.name} beside typed parameters")

    def fetcher(self, f: model.Function) -> tuple[str, str]:
        """(C text defining vkpl_fetch_F once, or '' when hand-written, its
        name): int vkpl_fetch_F(ins…, virTypedParameterPtr *ret, int *nret)."""
        text, name = self.fetcher_body(f)
        if text:
            guard = "VKPL_HAVE_" + name.upper()
            text = f"#ifndef {guard}\n#define {guard}\n{text}#endif\n"
        return text, name

    def fetcher_body(self, f: model.Function) -> tuple[str, str]:
        shape, i = tp_shape(f)
        ins = self.ins(f, i)
        self.check_ins(ins)
        name = f"vkpl_fetch_{f.name}"
        head = f"static int\n{name}({''.join(c_param(p) + ', ' for p in ins)}{TP} *ret, int *nret)\n{{\n"
        before = [p.name for p in ins[:i]]
        # Sys-Virt always accepts string values
        after = [p.name + (" | VIR_TYPED_PARAM_STRING_OKAY" if p.flags and "virTypedParameterFlags" in p.flags else "")
                 for p in ins[i:]]
        if shape == "alloc":
            ntype = f.params[i + 1].type[:-1].strip()
            call = ", ".join(before + ["ret", "&n_"] + after)
            return (head + f"    {ntype} n_ = 0;\n    int rc_ = {f.name}({call});\n\n"
                    f"    *nret = (int)n_;\n    return rc_;\n}}\n", name)
        if shape != "fill":
            raise Unsupported("no getter")
        if name in self.override:
            return "", name
        if not f.params[i].null:
            raise Unsupported(f"params of {f.name} may not be NULL and libvirt-override.i has no {name}")
        call1 = ", ".join(before + ["NULL", "&n_"] + after)
        call2 = ", ".join(before + ["p_", "&n_"] + after)
        return (head + f"    int n_ = 0;\n    {TP} p_;\n\n"
                f"    if ({f.name}({call1}) < 0)\n        return -1;\n"
                f"    p_ = g_new0(virTypedParameter, n_ > 0 ? n_ : 1);\n"
                f"    if ({f.name}({call2}) < 0) {{\n        g_free(p_);\n        return -1;\n    }}\n"
                f"    *ret = p_;\n    *nret = n_;\n    return 0;\n}}\n", name)

    def gen(self) -> tuple[str, str]:
        f = self.f
        shape, i = tp_shape(f)
        ins = self.ins(f, i)
        self.check_ins(ins)
        wname = f"vkpl_{f.name}"
        cps = [c_param(p) for p in ins]
        if shape == "fill":
            fetch_text, fetch = self.fetcher(f)
            args = "".join(p.name + ", " for p in ins)
            body = (f"SV *\n{wname}({', '.join(cps)})\n{{\n    {TP} p_ = NULL;\n    int n_ = 0;\n    SV *sv_;\n\n"
                    f"    if ({fetch}({args}&p_, &n_) < 0)\n        return NULL;\n"
                    f"    sv_ = vkpl_params_to_hv(p_, n_);\n    virTypedParamsFree(p_, n_);\n    return sv_;\n}}\n")
            test, rtype, decl_ps = "!result", "SV *", list(cps)
        elif shape == "in":
            # the getter of the same name; its flag-less form when there is
            # one (the types are the same, and it takes no flags to refuse)
            gname = f.name.replace("Set", "Get", 1)
            getter = self.by_name.get(re.sub(r"Flags$", "", gname)) or self.by_name.get(gname)
            gshape = tp_shape(getter) if getter else None
            if gshape is None or gshape[0] == "in":
                raise Unsupported("typed parameters in, with no getter to learn the field types from")
            gins = self.ins(getter, gshape[1])
            mine = {p.name for p in ins}
            if any(p.name not in mine and p.flags is None for p in gins):
                raise Unsupported("its getter takes other arguments")
            fetch_text, fetch = self.fetcher(getter)
            # the getter only tells the fields' types: asked with flags 0,
            # as Sys-Virt asks (the setter's flags may not suit the getter)
            gargs = "".join((p.name if p.name in mine and p.flags is None else "0") + ", " for p in gins)
            call = ", ".join([p.name for p in ins[:i]] + ["v_", "nv_"] + [p.name for p in ins[i:]])
            decl_ps = cps[:i] + ["SV *params"] + cps[i:]
            # the method as Sys-Virt names it in its message (X for XFlags)
            who = f"{perl_class(f.object)}::{re.sub(r'_flags$', '', method_name(self.api, f))}"
            body = (f"int\n{wname}({', '.join(decl_ps)})\n{{\n"
                    f"    {TP} t_ = NULL, v_ = NULL;\n    int nt_ = 0, nv_ = 0, rc_;\n\n"
                    f"    if ({fetch}({gargs}&t_, &nt_) < 0)\n        return -1;\n"
                    f"    rc_ = vkpl_params_from_hv(params, t_, nt_, &v_, &nv_);\n"
                    f"    virTypedParamsFree(t_, nt_);\n"
                    f"    if (rc_ < 0)\n        croak(\"{who}: newparams is not a HASH reference\");\n"
                    f"    rc_ = {f.name}({call});\n    virTypedParamsFree(v_, nv_);\n    return rc_;\n}}\n")
            test, rtype, decl_ps = "result < 0", "int", list(decl_ps)
            # a setter returns nothing, as Sys-Virt's
            text_out = f"%typemap(out) int {wname} \"\";"
        else:
            raise Unsupported("not a wrapper shape")
        if ins and ins[-1].flags is not None:
            decl_ps[-1] += " = 0"
        sep = "" if rtype.endswith("*") else " "
        text = [f"/* {f.name}: typed parameters as a hash reference */"]
        if shape == "in":
            text.append(text_out)
        text += [
                f"%exception {wname} {{\n    $action\n    if ({test}) {{\n        vkpl_raise();\n        SWIG_fail;\n    }}\n}}",
                "%{\n" + fetch_text + body + "%}",
                f"{rtype}{sep}{wname}({', '.join(decl_ps)});"]
        return "\n".join(text) + "\n", wname


def glue_in_types(text: str) -> set[str]:
    """The parameter types libvirt-override.i gives an in-typemap for."""
    return {m.strip() for m in re.findall(r"^%typemap\(in[^)]*\)\s+([\w ]+?\**)\s*(?:\{|\")", text, re.M)}


def constant_table(text: str) -> dict[str, tuple[str, str, str]]:
    """The "perl-constants: WHAT PACKAGE STRIP ADD" lines of
    libvirt-override.i: where Sys-Virt puts constants when the rule of
    constant_place() does not say.  WHAT is an enum (all its values) or a
    name prefix VIR_… (the enum values and constants whose names start
    with it; the longest prefix wins)."""
    table = {}
    for m in re.finditer(r"perl-constants:[ \t]+(\w+)[ \t]+([\w:]+)[ \t]+(\w+)[ \t]*(\w*)", text):
        table[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return table


def place_constant(ctable: dict, enum: str | None, name: str) -> tuple[str, str]:
    """(package, Perl name) of the constant NAME (a value of ENUM, or None
    for a lone constant)."""
    prefixes = [k for k in ctable if k.startswith("VIR_") and name.startswith(k)]
    if prefixes:
        pkg, strip, add = ctable[max(prefixes, key=len)]
    elif enum in ctable and name.startswith(ctable[enum][1]):
        pkg, strip, add = ctable[enum]
    else:
        return constant_place(name)
    return pkg, add + name[len(strip):]


def perl_int_constant(value: int) -> int:
    """Sys-Virt registers integer constants as C unsigned longs: a negative
    value, or an int flag with bit 31 set, reads as its 64-bit two's
    complement (-1 -> 18446744073709551615)."""
    if 2 ** 31 <= value < 2 ** 32:
        value -= 2 ** 32
    return value + 2 ** 64 if value < 0 else value


def perl_glue(text: str) -> str:
    """The %perlcode block of libvirt-override.i."""
    m = re.search(r"^%perlcode %\{\n(.*?)^%\}", text, re.M | re.S)
    return m.group(1) if m else ""


def glue_names(glue: str) -> set[tuple[str, str]]:
    """(package, name) of every sub and glob the Perl glue defines, which
    the generated aliases then leave alone."""
    names = set()
    pkg = "Sys::Virt"
    for line in glue.splitlines():
        m = re.match(r"\s*package\s+([\w:]+)\s*;", line)
        if m:
            pkg = m.group(1)
            continue
        m = re.match(r"\s*(?:sub\s+(\w+)|\*(\w+)\s*=)", line)
        if m:
            names.add((pkg, m.group(1) or m.group(2)))
    return names


def wrapped_functions(api: model.Api, override: str):
    """(function, SWIG text, XS name) for every function the rules can
    express, and (function, reason) for the others."""
    glue_types = glue_in_types(override)
    by_name = {f.name: f for f in api.functions}
    done, skipped = [], []
    for f in api.functions:
        if "perl" in f.skip:
            continue
        if "perl" in f.overrides:
            skipped.append((f, "hand-written in libvirt-override.i"))
            continue
        try:
            shape = tp_shape(f)
            if f.object and shape and shape[0] in ("fill", "in"):
                text, xs = TypedGen(api, f, by_name, override).gen()
                done.append((f, text, xs))
            else:
                done.append((f, FuncGen(api, f, glue_types).gen(), f.name))
        except Unsupported as e:
            skipped.append((f, str(e)))
    return done, skipped


def emit_swig(api: model.Api, done, skipped) -> str:
    out = [f"/* {BANNER} */\n",
           "/* virtkit.i: the SWIG interface of the Perl binding (see\n"
           " * generator/virtkit_gen/emit_perl.py for the rules). */\n",
           f"%module {SWIG_MODULE}\n",
           "%feature(\"compactdefaultargs\");\n\n",
           "%{\n#include <stdlib.h>\n#include <string.h>\n#include <libvirt/libvirt.h>\n"
           "#include <libvirt/virterror.h>\n#include <libvirt/libvirt-qemu.h>\n"
           "#include <libvirt/libvirt-lxc.h>\n%}\n\n"]
    out.append("/* ---- types, as SWIG needs to see them ---- */\n")
    for e in api.enums:
        out.append(f"typedef int {e.name};\n")
    for a in api.aliases:
        if api.scalar_alias(a.name):
            out.append(f"typedef {a.target} {a.name};\n")
    for ob in api.objects:
        out.append(f"typedef struct _{ob.name} *{ob.ptr};\n")
    out.append("\n%include \"libvirt-override.i\"\n\n")
    out.append("/* ---- handles: blessed objects of the Sys::Virt classes ---- */\n")
    for ob in api.objects:
        out.append(f"VKPL_HANDLE({ob.ptr}, \"{perl_class(ob.name)}\")\n")
    out.append("\n%inline %{\n")
    for ob in api.objects:
        if ob.free:
            out.append(f"/* DESTROY of {perl_class(ob.name)}: drop the reference the object holds. */\n"
                       f"void vkpl_release_{ob.name}(SV *obj)\n{{\n"
                       f"    {ob.ptr} p = ({ob.ptr})vkpl_take(obj);\n"
                       f"    if (p)\n        {ob.free}(p);\n}}\n")
    out.append("%}\n\n/* ---- the functions ---- */\n")
    for _, text, _ in done:
        out.append(text)
    out.append("\n/* Not wrapped by the generic rules (glue to be written):\n")
    for f, why in skipped:
        out.append(f" *   {f.name}: {why}\n")
    out.append(" */\n")
    return "".join(out)


BANNER = "generated from api.xml by generator/virtkit-gen - do not edit"


def emit_pm(api: model.Api, done, glue: str, ctable: dict) -> str:
    o = [f"# {BANNER}\n",
         "# Sys::Virt: Sys-Virt's API over virtkit's C library.  The methods are\n"
         f"# the XS functions of {SWIG_MODULE} (generated from virtkit.i) under\n"
         "# Sys-Virt's names; the hand-written glue at the end fills the rest.\n",
         "package Sys::Virt;\n\nuse strict;\nuse warnings;\n\n",
         f"our $VERSION = '{api.version}';\n\n"]
    o.append(LOADER)
    packages: dict[str, list[str]] = {perl_class(ob.name): [] for ob in api.objects}
    packages.setdefault("Sys::Virt::Error", [])
    packages.setdefault("Sys::Virt::Event", [])
    consts: dict[str, list[str]] = {k: [] for k in packages}
    for e in api.enums:
        if e.module != "libvirt":
            continue
        for v in e.values:
            pkg, name = place_constant(ctable, e.name, v.name)
            consts.setdefault(pkg, []).append(f"    {name} => {perl_int_constant(int(v.resolved))},\n")
    for c in api.constants:
        if c.module != "libvirt":
            continue
        pkg, name = place_constant(ctable, None, c.name)
        if c.type == "string":
            val = "'" + c.value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        else:
            val = perl_int_constant(int(c.value, 0)) if re.fullmatch(r"-?(0x)?[0-9a-fA-F]+", c.value) else c.value
        consts.setdefault(pkg, []).append(f"    {name} => {val},\n")
    methods: dict[str, list[str]] = {k: [] for k in packages}
    taken = glue_names(glue)
    xs = {f.name: x for f, _, x in done}
    for f, _, _ in done:
        if not f.object or f.module != "libvirt":
            continue
        if (perl_class(f.object), method_name(api, f)) in taken:
            continue
        methods[perl_class(f.object)].append(
            f"*{method_name(api, f)} = \\&{SWIG_MODULE}::{xs[f.name]};\n")
    # X and XFlags (same parameters plus a trailing flags): Sys-Virt offers
    # one method, X, taking optional flags and calling XFlags when given.
    names = {f.name: f for f, _, _ in done}
    for f, _, _ in done:
        stem = re.sub(r"(With)?Flags$", "", f.name)
        base = names.get(stem) if stem != f.name else None
        if not base or not f.object or f.module != "libvirt":
            continue
        if [p.type for p in f.params[:-1]] != [p.type for p in base.params] or f.params[-1].flags is None:
            continue
        pkg, name = perl_class(f.object), method_name(api, base)
        if (pkg, name) in taken:
            continue
        # the Perl arguments after $self: the in parameters (an array and
        # its length, or typed parameters and their count, make one)
        ps = base.params
        n = sum(1 for i, p in enumerate(ps) if i and p.dir == "in"
                and not any(q.len == p.name for q in ps)
                and not (ps[i - 1].type == TP and ps[i - 1].dir == "in"))
        alias = f"*{name} = \\&{SWIG_MODULE}::{xs[base.name]};\n"
        if alias in methods[pkg]:
            methods[pkg].remove(alias)
        methods[pkg].append(
            # goto: an error names the script's line, not this sub's
            f"sub {name} {{\n    goto &{SWIG_MODULE}::{xs[f.name]} if @_ > {n + 1} && $_[{n + 1}];\n"
            f"    @_ = @_[0 .. {n}];\n    goto &{SWIG_MODULE}::{xs[base.name]};\n}}\n")
    for ob in api.objects:
        pkg = perl_class(ob.name)
        if ob.free:
            methods[pkg].append(f"sub DESTROY {{ {SWIG_MODULE}::vkpl_release_{ob.name}($_[0]) }}\n")
    for pkg in packages:
        o.append(f"\npackage {pkg};\n\n")
        if consts.get(pkg):
            o.append("use constant {\n" + "".join(sorted(set(consts[pkg]))) + "};\n\n")
        o.append("".join(methods.get(pkg, [])))
    o.append("\n# ---- hand-written glue (bindings/perl/libvirt-override.i) ----\n")
    o.append(glue)
    o.append("\npackage Sys::Virt;\n\n1;\n")
    return "".join(o)


LOADER = r"""# Load the XS module: next to this file's folder in the build tree, else
# where Perl installs XS modules (auto/virtkitperl/virtkitperl.so in @INC).
{
    require DynaLoader;
    require File::Basename;
    require File::Spec;
    my $here = File::Basename::dirname(File::Spec->rel2abs(__FILE__));
    my @dirs = ($ENV{VIRTKIT_PERL_XS_DIR} || (), File::Spec->catdir($here, File::Spec->updir),
                map { File::Spec->catdir($_, 'auto', 'virtkitperl') } @INC);
    my ($so) = grep { -f $_ } map { File::Spec->catfile($_, 'virtkitperl.so') } @dirs;
    die "Sys::Virt: cannot find virtkitperl.so\n" unless $so;
    my $lib = DynaLoader::dl_load_file($so, 0)
        or die "Sys::Virt: cannot load $so: " . DynaLoader::dl_error() . "\n";
    my $boot = DynaLoader::dl_find_symbol($lib, 'boot_virtkitperl')
        or die "Sys::Virt: $so has no boot_virtkitperl\n";
    my $xs = DynaLoader::dl_install_xsub('virtkitperl::bootstrap', $boot, $so);
    $xs->('virtkitperl');
}
"""


def emit(api: model.Api, outdir: str) -> dict[str, str]:
    with open(OVERRIDE, encoding="utf-8") as fh:
        override = fh.read()
    done, skipped = wrapped_functions(api, override)
    files = {
        os.path.join(outdir, "virtkit.i"): emit_swig(api, done, skipped),
        os.path.join(outdir, "Sys", "Virt.pm"): emit_pm(api, done, perl_glue(override), constant_table(override)),
    }
    pkgs = sorted({perl_class(ob.name) for ob in api.objects} | {"Sys::Virt::Error", "Sys::Virt::Event"})
    for pkg in pkgs:
        if pkg == "Sys::Virt":
            continue
        leaf = pkg.split("::")[-1]
        files[os.path.join(outdir, "Sys", "Virt", leaf + ".pm")] = (
            f"# {BANNER}\n# {pkg} is defined by Sys/Virt.pm; this file lets `use {pkg}` work.\n"
            f"package {pkg};\nuse strict;\nuse warnings;\nuse Sys::Virt ();\n1;\n")
    return files


def coverage(api: model.Api) -> list[tuple[str, str, str, str]]:
    """How each api.xml function reaches Perl, for the coverage test:
    (function, kind, detail, method) with kind
      xs     a generated XS function (detail: its name in virtkitperl::),
             METHOD the Sys::Virt method aliased to it ('' for none)
      glue   called by the hand-written glue of libvirt-override.i
      skip   not reachable yet (detail: the reason)."""
    with open(OVERRIDE, encoding="utf-8") as fh:
        override = fh.read()
    done, skipped = wrapped_functions(api, override)
    # the C glue: without comments and the Perl part
    c_glue = re.sub(r"/\*.*?\*/", "", override, flags=re.S)
    c_glue = re.sub(r"^%perlcode %\{\n.*?^%\}", "", c_glue, flags=re.M | re.S)
    rows = []
    for f, _, xs in done:
        meth = method_name(api, f) if f.object and f.module == "libvirt" else ""
        rows.append((f.name, "xs", xs, meth))
    for f, why in skipped:
        if re.search(r"\b" + f.name + r"\b", c_glue):
            rows.append((f.name, "glue", "libvirt-override.i", ""))
        else:
            rows.append((f.name, "skip", why, ""))
    for f in api.functions:
        if "perl" in f.skip:
            rows.append((f.name, "skip", "api.xml: not offered to Perl", ""))
    return rows


if __name__ == "__main__":
    # python3 -m virtkit_gen.emit_perl API.XML: the coverage table
    import sys
    from . import main as _main
    for row in coverage(_main.load(sys.argv[1])):
        print("\t".join(row))
