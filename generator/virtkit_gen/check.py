"""Semantic rules of api.xml.

Every rule raises ApiError('api.xml:LINE: message') at the first node that
breaks it; tests/generator/ holds one bad schema per rule with the exact
message.  check() also finishes the model: it resolves symbolic enum
values and attaches the exceptions block to the functions it names.
"""

from __future__ import annotations

import re

from . import model
from .parse import ApiError

SINCE_RE = re.compile(r"^\d+\.\d+\.\d+$")
LANGS = {"python", "ruby", "perl"}
DIRS = {"in", "out", "inout"}
CHECKS = {"positive", "nonnegative", "kib", "abspath"}
IMPLS = {"driver", "core"}
ACCESS = {"read", "write"}
DRIVERS = {"hypervisor", "network", "interface", "storage", "nodedev",
           "secret", "nwfilter", "stream"}
KINDS = {"values", "flags"}
CONST_TYPES = {"int", "llong", "string"}


class Checker:
    def __init__(self, api: model.Api):
        self.api = api
        self.path = api.path
        self.symbols: dict[str, model.Node] = {}

    def fail(self, node: model.Node, message: str):
        raise ApiError(getattr(node.line, "path", self.path), node.line, message)

    def declare(self, name: str, node: model.Node):
        if name in self.symbols:
            first = self.symbols[name].line
            where = f"line {first}" if getattr(first, "path", None) == getattr(node.line, "path", None) \
                else f"{first.path}:{first}"
            self.fail(node, f"'{name}' is already declared at {where}")
        self.symbols[name] = node

    def since(self, node: model.Node, value: str):
        if not SINCE_RE.match(value):
            self.fail(node, f"since='{value}' is not a version like 1.2.3")

    # -- types ---------------------------------------------------------

    def known_type(self, ctype: str) -> bool:
        base = model.base_type(ctype)
        if base in model.C_BASE_TYPES:
            return True
        api = self.api
        if api.object(base) or api.object_by_ptr(base) or api.enum(base):
            return True
        if api.struct(base) or api.scalar_alias(base):
            return True
        return any(cb.name == base for cb in api.callbacks)

    def typecheck(self, node: model.Node, ctype: str, what: str):
        if not self.known_type(ctype):
            self.fail(node, f"{what} has an unknown type '{ctype}'")

    # -- the rules ----------------------------------------------------

    def run(self) -> model.Api:
        api = self.api
        for m in api.modules:
            self.declare("module " + m.name, m)
        for o in api.objects:
            if not o.name.startswith("vir"):
                self.fail(o, f"object '{o.name}' must be named vir<Object>")
            self.declare(o.name, o)
            self.declare(o.ptr, o)
            self.since(o, o.since)
        for o in api.objects:
            if o.parent and not api.object(o.parent):
                self.fail(o, f"object '{o.name}' has an unknown parent '{o.parent}'")
        for c in api.constants:
            self.declare(c.name, c)
            self.since(c, c.since)
            if c.type not in CONST_TYPES:
                self.fail(c, f"constant type '{c.type}' is not one of {', '.join(sorted(CONST_TYPES))}")
            if c.type != "string" and not re.match(r"^-?\d+$", c.value):
                self.fail(c, f"constant '{c.name}' needs a number, not '{c.value}'")
        self.check_enums()
        for s in api.structs:
            self.declare(s.name, s)
            self.declare(s.ptr, s)
            self.since(s, s.since)
        for a in api.aliases:
            self.declare(a.name, a)
            if a.target in model.C_BASE_TYPES:
                continue        # a plain typedef, e.g. virDomainBlockJobCursor
            self.declare(a.name + "Ptr", a)
            if not any(s.name == a.target for s in api.structs):
                self.fail(a, f"alias '{a.name}' names an unknown struct '{a.target}'")
        for cb in api.callbacks:
            self.declare(cb.name, cb)
            self.since(cb, cb.since)
        for s in api.structs:
            for m in s.members:
                for f in (m.fields if isinstance(m, model.Union) else [m]):
                    self.typecheck(f, f.type, f"field '{f.name}'")
        for cb in api.callbacks:
            for p in cb.params:
                self.typecheck(p, p.type, f"parameter '{p.name}'")
        for v in api.variables:
            self.declare(v.name, v)
            self.since(v, v.since)
            self.typecheck(v, v.type, f"variable '{v.name}'")
        procs: dict[int, model.Function] = {}
        for f in api.functions:
            self.declare(f.name, f)
            self.check_function(f, procs)
        self.check_exceptions()
        # internal functions (the phases of a migration) keep their driver
        # slot, entry point and remote procedure, and nothing else: taking
        # them out of 'functions' keeps them out of every header and binding
        api.internal = [f for f in api.functions if f.internal]
        api.functions = [f for f in api.functions if not f.internal]
        return api

    def check_enums(self):
        values: dict[str, model.EnumValue] = {}
        for e in self.api.enums:
            self.declare(e.name, e)
            self.since(e, e.since)
            if e.kind not in KINDS:
                self.fail(e, f"enum kind '{e.kind}' must be 'values' or 'flags'")
            if not e.values:
                self.fail(e, f"enum '{e.name}' has no values")
            for v in e.values:
                if not re.match(r"^VIR_[A-Z0-9_]+$", v.name):
                    self.fail(v, f"enum value '{v.name}' must be named VIR_UPPER_CASE")
                self.declare(v.name, v)
                values[v.name] = v
        for e in self.api.enums:
            for v in e.values:
                seen = set()
                cur = v
                while not re.match(r"^-?\d+$", cur.value):
                    if cur.value in seen or cur.value not in values:
                        self.fail(v, f"enum value '{v.name}' refers to unknown value '{cur.value}'")
                    seen.add(cur.value)
                    cur = values[cur.value]
                v.resolved = int(cur.value)

    def check_function(self, f: model.Function, procs: dict):
        api = self.api
        if not f.name.startswith("vir"):
            self.fail(f, f"function '{f.name}' must be named vir<Object><Verb>")
        self.since(f, f.since)
        if not f.doc:
            self.fail(f, f"function '{f.name}' has no <doc>")
        if f.impl not in IMPLS:
            self.fail(f, f"impl='{f.impl}' must be 'driver' or 'core'")
        if f.access not in ACCESS:
            self.fail(f, f"access='{f.access}' must be 'read' or 'write'")
        if f.driver not in DRIVERS:
            self.fail(f, f"driver='{f.driver}' is not a driver table")
        if not any(m.name == f.module for m in api.modules):
            self.fail(f, f"module='{f.module}' names no <module>")
        for o in f.overrides:
            if o not in LANGS and o != "remote":
                self.fail(f, f"override='{o}' is not a binding language")
        if f.object:
            obj = api.object(f.object)
            if not obj:
                self.fail(f, f"function '{f.name}' is a method of unknown object '{f.object}'")
            if not f.params or f.params[0].type != obj.ptr:
                self.fail(f, f"the first parameter of method '{f.name}' must be a {obj.ptr}")
        elif f.header is None:
            self.fail(f, f"function '{f.name}' has no object, so it needs a header")
        if f.internal and (f.impl != "driver" or f.overrides - {"remote"}):
            self.fail(f, f"internal function '{f.name}' must be a driver function without binding overrides")
        if f.impl == "driver":
            if not f.object:
                self.fail(f, f"driver function '{f.name}' needs an object to find its connection")
            if f.proc is None:
                self.fail(f, f"driver function '{f.name}' needs a remote procedure number (proc)")
        if f.proc is not None:
            if f.proc in procs:
                self.fail(f, f"proc {f.proc} is already used by '{procs[f.proc].name}'")
            procs[f.proc] = f
        if f.ret:
            self.typecheck(f.ret, f.ret.type, "the return value")
            self.check_ownership(f.ret, f.ret.own, f.ret.free, "the return value")
            if f.ret.error is None:
                self.fail(f.ret, f"the return value of '{f.name}' needs an error sentinel (error=)")
        names = {p.name for p in f.params}
        for p in f.params:
            self.typecheck(p, p.type, f"parameter '{p.name}'")
            if p.dir not in DIRS:
                self.fail(p, f"dir='{p.dir}' must be one of in, out, inout")
            if p.dir != "in" and not p.pointer:
                self.fail(p, f"{p.dir} parameter '{p.name}' must be a pointer")
            if p.len and p.len != "return" and p.len not in names:
                self.fail(p, f"len='{p.len}' names no parameter of '{f.name}'")
            if p.filled and p.filled != "return" and p.filled not in names:
                self.fail(p, f"filled='{p.filled}' names no parameter of '{f.name}'")
            if p.check and p.check not in CHECKS:
                self.fail(p, f"check='{p.check}' must be 'positive', 'nonnegative', 'kib' or 'abspath'")
            elif p.check == "kib" and p.type != "unsigned long":
                self.fail(p, f"check='kib' needs an unsigned long, not '{p.type}'")
            elif p.check == "abspath" and p.type != "const char *":
                self.fail(p, f"check='abspath' needs a const char *, not '{p.type}'")
            if p.size and not (p.size.isdigit() or any(c.name == p.size for c in api.constants)):
                self.fail(p, f"size='{p.size}' is neither a number nor a constant")
            for en in p.flags or []:
                e = api.enum(en)
                if not e:
                    self.fail(p, f"flags='{en}' names no enum")
            if p.name == "flags" and p.flags is None:
                self.fail(p, f"parameter 'flags' of '{f.name}' must say which enum its bits come from (flags=)")
            self.check_ownership(p, p.own, p.free, f"parameter '{p.name}'")

    def check_ownership(self, node, own, free, what):
        if own not in (None, "none", "caller"):
            self.fail(node, f"own='{own}' must be 'caller' or 'none'")
        if own == "caller" and not free:
            self.fail(node, f"{what} is owned by the caller but says nothing about how to free it (free=)")
        if free and free != "free" and not self.api.function(free):
            self.fail(node, f"free='{free}' is not a function of the API")

    def check_exceptions(self):
        for x in self.api.exceptions:
            if not x.reason.strip():
                self.fail(x, f"the exception for '{x.symbol}' needs a reason")
            bad = x.skip - LANGS
            if bad:
                self.fail(x, f"skip='{' '.join(sorted(bad))}' is not a binding language")
            f = self.api.function(x.symbol)
            if x.omit:
                if x.skip:
                    self.fail(x, f"an omitted symbol has no bindings to skip ('{x.symbol}')")
                if x.symbol in self.symbols:
                    self.fail(x, f"'{x.symbol}' is declared, so it cannot be omitted")
                if not x.symbol.startswith("vir"):
                    self.fail(x, f"omitted symbol '{x.symbol}' is not a libvirt name")
                continue
            if f is None:
                self.fail(x, f"exception names unknown symbol '{x.symbol}'")
            f.skip |= x.skip


def check(api: model.Api) -> model.Api:
    return Checker(api).run()
