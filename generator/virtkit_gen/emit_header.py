"""Emit the public C headers: <libvirt/libvirt.h>, <libvirt/virterror.h>
and <libvirt/libvirt-qemu.h>.

Everything a C program sees comes from api.xml except the function-like
macros (VIR_USE_CPU …), which live hand-written in
core/include/libvirt/libvirt-macros.h and are included at the end.
"""

from __future__ import annotations

from . import model
from .template import Out, comment_block, c_string


def decl(ctype: str, name: str) -> str:
    """'char *', 'x' -> 'char *x'; 'int', 'x' -> 'int x'."""
    if ctype.endswith("*"):
        return f"{ctype}{name}"
    return f"{ctype} {name}"


def prototype(f: model.Function, name: str | None = None) -> str:
    rt = f.ret.type if f.ret else "void"
    args = ",\n    ".join(decl(p.type, p.name) for p in f.params) or "void"
    return f"{rt} {name or f.name}({args})"


def function_doc(f: model.Function) -> str:
    lines = [f"{f.name}:"]
    for p in f.params:
        extra = []
        if p.dir != "in":
            extra.append(p.dir)
        if p.null:
            extra.append("may be NULL")
        if p.consumed:
            extra.append("consumed")
        if p.flags is not None:
            extra.append("bits of " + "|".join(p.flags) if p.flags else "must be 0")
        lines.append(f"@{p.name}: {', '.join(extra) if extra else ''}".rstrip(": "))
    lines.append("")
    lines.append(f.doc)
    if f.ret:
        r = f.ret
        own = ""
        if r.own == "caller":
            own = f" The caller releases it with {r.free}()."
        lines.append(f"Returns {r.type.strip()}; {r.error} on error.{own}" if r.error != "none"
                     else f"Returns {r.type.strip()}.{own}")
    lines.append(f"Since: {f.since}")
    body = "\n".join(" * " + ln if ln else " *" for ln in lines)
    return "/**\n" + body + "\n */\n"


def emit_type(o: Out, t) -> None:
    if isinstance(t, model.Struct):
        o.add(comment_block(t.doc or t.name))
        o.add(f"typedef struct {t.tag} {t.name};\n")
        o.add(f"typedef {t.name} *{t.ptr};\n")
        o.add(f"struct {t.tag} {{\n")
        for m in t.members:
            if isinstance(m, model.Union):
                o.add("    union {\n")
                for f in m.fields:
                    o.add(f"        {decl(f.type, f.name)};\n")
                o.add(f"    }} {m.name};\n")
            else:
                arr = f"[{m.size}]" if m.size else ""
                o.add(f"    {decl(m.type, m.name)}{arr};" + (f" /* {m.doc} */" if m.doc else "") + "\n")
        o.add("};\n\n")
    elif isinstance(t, model.Alias):
        o.add(f"typedef {t.target} {t.name};\n")
        if t.target not in model.C_BASE_TYPES:
            o.add(f"typedef {t.target} *{t.name}Ptr;\n")
        o.add("\n")
    elif isinstance(t, model.Callback):
        o.add(comment_block(t.doc or t.name))
        rt = t.ret.type if t.ret else "void"
        args = ", ".join(decl(p.type, p.name) for p in t.params) or "void"
        o.add(f"typedef {rt} (*{t.name})({args});\n\n")


def emit_enum(o: Out, e: model.Enum) -> None:
    o.add(f"/* {e.name} (since {e.since}) */\n")
    o.add("typedef enum {\n")
    top = max(v.resolved for v in e.values)
    # a value naming another comes after it (C needs the name declared)
    values = sorted(e.values, key=lambda v: (v.resolved, not v.value.lstrip("-").isdigit()))
    for v in values:
        line = f"    {v.name} = {v.value},\n"
        # the count sentinel: named _LAST and the highest value (unlike
        # VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, a real value)
        if v.name.endswith("_LAST") and v.resolved == top:
            line = f"# ifdef VIR_ENUM_SENTINELS\n{line}# endif\n"
        o.add(line)
    o.add(f"}} {e.name};\n\n")


def enums_in_order(api: model.Api) -> list[model.Enum]:
    """api.enums, with every enum after those whose values it names."""
    owner = {v.name: e for e in api.enums for v in e.values}
    done: list[model.Enum] = []
    seen: set[str] = set()

    def visit(e: model.Enum):
        if e.name in seen:
            return
        seen.add(e.name)
        for v in e.values:
            dep = owner.get(v.value)
            if dep is not None and dep is not e:
                visit(dep)
        done.append(e)

    for e in api.enums:
        visit(e)
    return done


def emit_constants(o: Out, consts) -> None:
    for c in consts:
        if c.type == "string":
            o.add(f"#define {c.name} {c_string(c.value)}\n")
        elif c.type == "llong":
            o.add(f"#define {c.name} {c.value}LL\n")
        else:
            o.add(f"#define {c.name} {c.value}\n")
    o.add("\n")


def emit_main(api: model.Api) -> str:
    o = Out()
    o.tmpl("""
        /*
         * libvirt.h: the public API of virtkit, source compatible with libvirt ${version}.
         */
        #ifndef LIBVIRT_H
        # define LIBVIRT_H

        # include <sys/types.h>
        # include <stdarg.h>

        # ifdef __cplusplus
        extern "C" {
        # endif

        # define LIBVIR_CHECK_VERSION(major, minor, micro) \\
            ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

        """, version=api.version)
    emit_constants(o, [c for c in api.constants
                       if c.module == "libvirt" and c.header != "virterror"])
    o.add("/* Opaque handles */\n")
    for ob in api.objects:
        o.add(f"typedef struct _{ob.name} {ob.name};\n")
        o.add(f"typedef {ob.name} *{ob.ptr};\n")
    o.add("\n")
    for e in enums_in_order(api):
        if e.module == "libvirt" and e.header != "virterror":
            emit_enum(o, e)
    for t in api.typedecls:
        if t.header != "virterror" and getattr(t, "module", "libvirt") == "libvirt":
            emit_type(o, t)
    for f in api.functions:
        if header_of(api, f) != "virterror" and f.module == "libvirt":
            o.add(function_doc(f))
            o.add(prototype(f) + ";\n\n")
    for v in api.variables:
        o.add(f"/* {v.name}: {v.doc} */\n" if v.doc else "")
        o.add(f"extern {v.type} {v.name};\n\n")
    o.add("""# include <libvirt/libvirt-macros.h>

# ifdef __cplusplus
}
# endif

# include <libvirt/virterror.h>

#endif /* LIBVIRT_H */
""")
    return o.text()


def header_of(api: model.Api, f: model.Function) -> str:
    if f.header:
        return f.header
    return api.object(f.object).header


def emit_virterror(api: model.Api) -> str:
    o = Out()
    o.add("""/*
 * virterror.h: errors of the virtkit API, as libvirt reports them.
 */
#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

""")
    for e in api.enums:
        if e.header == "virterror":
            emit_enum(o, e)
    for t in api.typedecls:
        if t.header == "virterror":
            emit_type(o, t)
    for f in api.functions:
        if header_of(api, f) == "virterror":
            o.add(function_doc(f))
            o.add(prototype(f) + ";\n\n")
    o.add("""# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_VIRTERROR_H */
""")
    return o.text()


def emit_module(api: model.Api, module: model.Module) -> str:
    """The header of a side module (libvirt-qemu.h, libvirt-lxc.h)."""
    guard = module.header.upper().replace("-", "_").replace(".", "_")
    o = Out()
    o.tmpl("""
        /*
         * ${header}: the ${name} additions to the virtkit API.
         */
        #ifndef ${guard}
        # define ${guard}

        # include <libvirt/libvirt.h>

        # ifdef __cplusplus
        extern "C" {
        # endif

        """, header=module.header, name=module.name, guard=guard)
    emit_constants(o, [c for c in api.constants if c.module == module.name])
    for e in api.enums:
        if e.module == module.name:
            emit_enum(o, e)
    for t in api.typedecls:
        if getattr(t, "module", "libvirt") == module.name:
            emit_type(o, t)
    for f in api.functions:
        if f.module == module.name:
            o.add(function_doc(f))
            o.add(prototype(f) + ";\n\n")
    o.add("""# ifdef __cplusplus
}
# endif

#endif
""")
    return o.text()
