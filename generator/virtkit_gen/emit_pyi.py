"""Emit type stubs (libvirt.pyi, libvirt_qemu.pyi, libvirt_lxc.pyi) so that
mypy checks programs against the binding's real signatures.

Generated methods get their types from api.xml by the same rules that
build them (emit_python.py).  Hand-written glue is read from its Python
source with `ast`, so its signatures come from the code itself; the C
overrides of api.xml functions marked override="python" are typed from
their C parameters where the mapping is obvious, and Any elsewhere.
"""

from __future__ import annotations

import ast
import os

from . import model
from .emit_python import INT_TYPES, is_method, python_name, wrapped
from .template import Out


def py_type(api: model.Api, ctype: str, null: bool = False) -> str:
    base = model.base_type(ctype)
    stars = ctype.count("*")
    if base == "char" and stars == 1:
        t = "str"
    elif base == "unsigned char" and stars == 1:
        t = "bytes"
    elif stars == 0 and base == "double":
        t = "float"
    elif stars == 0 and (base in INT_TYPES or api.enum(base)):
        t = "int"
    elif api.object_by_ptr(base) and stars == 0:
        t = f"'{api.object_by_ptr(base).name}'"
    else:
        t = "Any"
    return f"Optional[{t}]" if null and t != "Any" else t


def ret_type(api: model.Api, f: model.Function) -> str:
    """The Python type a generated wrapper returns."""
    outs = [p for p in f.params if p.dir != "in"]
    if outs:
        types = []
        for p in outs:
            base = p.base
            st = api.struct(base) if p.stars == 0 else None
            if st is not None:
                types.append("List[Any]")
            elif p.size and base == "char":
                types.append("str")
            elif p.size and base == "unsigned char":
                types.append("bytes")
            elif p.len:
                types.append("List[str]" if base == "char" else "List[int]")
            elif base == "char":
                types.append("str")
            else:
                types.append("int")
        return types[0] if len(types) == 1 else "List[Any]"
    r = f.ret
    if r is None:
        return "None"
    base = model.base_type(r.type)
    if base == "char":
        return "str"
    ob = api.object_by_ptr(base)
    if ob is not None:
        return f"'{ob.name}'"
    if base == "double":
        return "float"
    return "int"


def params_sig(api: model.Api, f: model.Function, skip_first: bool) -> list[str]:
    lens = {p.len for p in f.params if p.len}
    out = []
    params = f.params[1:] if skip_first else f.params
    for p in params:
        if p.dir != "in" or p.name in lens:
            continue
        t = py_type(api, p.type, p.null)
        if p.flags is not None:
            out.append(f"{p.py_name}: int = 0")
        elif p.null and p.base == "char":
            out.append(f"{p.py_name}: {t} = None")
        else:
            out.append(f"{p.py_name}: {t}")
    # a parameter without a default may not follow one with a default
    seen_default = False
    fixed = []
    for s in out:
        if "=" in s:
            seen_default = True
        elif seen_default:
            s = s + " = ..."
        fixed.append(s)
    return fixed


def glue_defs(sources: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """From the glue files: {class name: [stub lines of its methods]} and the
    module-level function stubs."""
    classes: dict[str, list[str]] = {}
    funcs: list[str] = []
    for text in sources:
        tree = ast.parse(text)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                funcs.append(stub_def(node))
            elif isinstance(node, ast.ClassDef):
                lines = [stub_def(n) for n in node.body if isinstance(n, ast.FunctionDef)]
                classes.setdefault(node.name, []).extend(lines)
    return classes, funcs


def stub_def(node: ast.FunctionDef) -> str:
    args = node.args
    parts = []
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    for a, d in zip(args.args, defaults):
        if a.arg == "self":
            parts.append("self")
            continue
        ann = ast.unparse(a.annotation) if a.annotation else "Any"
        parts.append(f"{a.arg}: {ann}" + (" = ..." if d is not None else ""))
    if args.vararg:
        parts.append(f"*{args.vararg.arg}: Any")
    if args.kwarg:
        parts.append(f"**{args.kwarg.arg}: Any")
    ret = ast.unparse(node.returns) if node.returns else "Any"
    return f"def {node.name}({', '.join(parts)}) -> {ret}: ..."


HEADER = """from typing import Any, Callable, Dict, List, Optional, Tuple

"""


def emit_main(api: model.Api, glue_sources: list[str]) -> str:
    o = Out(comment="py")
    o.add(HEADER)
    classes, funcs = glue_defs(glue_sources)
    o.add("class libvirtError(Exception):\n")
    for line in classes.get("libvirtError", []):
        o.add(f"    {line}\n")
    o.add("    err: Optional[Tuple[Any, ...]]\n\n")
    for ob in api.objects:
        o.add(f"class {ob.name}:\n")
        o.add("    def c_pointer(self) -> int: ...\n")
        names = set()
        for f in api.methods(ob.name):
            if not wrapped(api, f) or not is_method(f):
                continue
            name = python_name(f)
            names.add(name)
            if "python" in f.overrides:
                sig = ", ".join(["self"] + params_sig(api, f, True))
                o.add(f"    def {name}({sig}) -> Any: ...\n")
            else:
                sig = ", ".join(["self"] + params_sig(api, f, True))
                o.add(f"    def {name}({sig}) -> {ret_type(api, f)}: ...\n")
        if ob.name != "virConnect" and "connect" not in names:
            o.add("    def connect(self) -> 'virConnect': ...\n")
        for cls, lines in classes.items():
            if cls.startswith(f"_{ob.name}Glue"):
                for line in lines:
                    o.add(f"    {line}\n")
        o.add("\n")
    glue_names = {line.split("(")[0][4:] for line in funcs}
    for f in api.functions:
        if f.object or not wrapped(api, f) or f.module != "libvirt":
            continue
        name = python_name(f)
        if name in glue_names:
            continue
        sig = ", ".join(params_sig(api, f, False))
        rt = "Any" if "python" in f.overrides else ret_type(api, f)
        o.add(f"def {name}({sig}) -> {rt}: ...\n")
    for line in funcs:
        o.add(line + "\n")
    o.add("\n")
    constants(o, api, "libvirt")
    return o.text()


def constants(o: Out, api: model.Api, module: str) -> None:
    for e in api.enums:
        if e.module == module:
            for v in e.values:
                o.add(f"{v.name}: int\n")
    for c in api.constants:
        if c.module == module:
            o.add(f"{c.name}: {'str' if c.type == 'string' else 'int'}\n")


def emit_side(api: model.Api, module: model.Module) -> str:
    o = Out(comment="py")
    o.add(HEADER)
    o.add("from libvirt import virConnect, virDomain\n\n")
    for f in api.functions:
        if f.module != module.name or not wrapped(api, f):
            continue
        name = python_name(f)
        sig = ", ".join(params_sig(api, f, False))
        rt = "Any" if "python" in f.overrides else ret_type(api, f)
        o.add(f"def {name}({sig}) -> {rt}: ...\n".replace("'virDomain'", "virDomain")
              .replace("'virConnect'", "virConnect"))
    o.add("\n")
    constants(o, api, module.name)
    return o.text()


def emit(api: model.Api, outdir: str, glue_paths: list[str]) -> dict[str, str]:
    sources = []
    for path in glue_paths:
        with open(path, encoding="utf-8") as f:
            sources.append(f.read())
    files = {"libvirt.pyi": emit_main(api, sources), "py.typed": ""}
    for m in api.modules:
        if m.name != "libvirt":
            files[m.python + ".pyi"] = emit_side(api, m)
    return {os.path.join(outdir, k): v for k, v in files.items()}
