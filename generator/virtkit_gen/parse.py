"""api.xml -> model, keeping the line of every element.

The parser is deliberately strict about shape (which element may hold
which) and lenient about meaning: whether a name resolves, a value makes
sense or a rule holds is check.py's business, so that all errors come out
in one place with their line numbers.
"""

from __future__ import annotations

import os
import xml.parsers.expat
from typing import Optional

from . import model


class ApiError(Exception):
    """A problem in api.xml, printed as 'api.xml:LINE: message'."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class Loc(int):
    """A line number that also knows its file (api.xml or a part it
    includes); it is an int so that messages can print it as a line."""

    path: str

    def __new__(cls, line: int, path: str):
        obj = int.__new__(cls, line)
        obj.path = path
        return obj


class Elem:
    """A minimal element tree with line numbers (ElementTree has none)."""

    def __init__(self, tag: str, attrs: dict, line: int):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children: list[Elem] = []
        self.text = ""


def read_tree(path: str) -> Elem:
    p = xml.parsers.expat.ParserCreate()
    stack: list[Elem] = []
    root: list[Elem] = []

    def start(tag, attrs):
        e = Elem(tag, attrs, Loc(p.CurrentLineNumber, path))
        if stack:
            stack[-1].children.append(e)
        else:
            root.append(e)
        stack.append(e)

    def end(tag):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].text += data

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    with open(path, "rb") as f:
        try:
            p.ParseFile(f)
        except xml.parsers.expat.ExpatError as e:
            raise ApiError(path, e.lineno, f"not well-formed XML: {xml.parsers.expat.ErrorString(e.code)}")
    return root[0]


# Which attributes each element may carry; the first group is required.
SHAPES = {
    "api": ({"name", "version"}, set()),
    "module": ({"name", "header"}, {"python", "python-ext"}),
    "object": ({"name", "since", "header"}, {"parent", "ref", "free"}),
    "constant": ({"name", "type", "value", "header", "since"}, {"module"}),
    "enum": ({"name", "kind", "header", "since"}, {"module"}),
    "value": ({"name", "value", "since"}, set()),
    "struct": ({"name", "header", "since"}, {"tag", "ptr"}),
    "union": ({"name"}, set()),
    "field": ({"name", "type"}, {"size", "doc"}),
    "alias": ({"name", "for", "header", "since"}, set()),
    "callback": ({"name", "header", "since"}, {"module"}),
    "variable": ({"name", "type", "header", "since"}, set()),
    "function": ({"name", "since"}, {"header", "object", "access", "impl", "module", "python-args",
                                     "internal",
                                     "ruby", "perl",
                                     "driver", "proc", "python", "override"}),
    "doc": (set(), set()),
    "return": ({"type"}, {"own", "free", "error"}),
    "param": ({"name", "type"}, {"dir", "null", "len", "size", "filled",
                                 "check", "flags", "consumed", "own", "free",
                                 "python", "python-count", "python-default"}),
    "exceptions": (set(), set()),
    "include": ({"file"}, set()),
    "api-part": (set(), set()),
    "exception": ({"symbol", "reason"}, {"skip", "omit"}),
}

TOPLEVEL = {"module", "object", "constant", "enum", "struct", "alias",
            "callback", "variable", "function", "exceptions"}

CHILDREN = {
    "api": TOPLEVEL | {"include"},
    "api-part": TOPLEVEL,
    "enum": {"value"},
    "struct": {"doc", "field", "union"},
    "union": {"field"},
    "callback": {"doc", "return", "param"},
    "variable": {"doc"},
    "function": {"doc", "return", "param"},
    "exceptions": {"exception"},
}


def _check_shape(e: Elem, parent: Optional[Elem]) -> None:
    if e.tag not in SHAPES:
        raise ApiError(e.line.path, e.line, f"unknown element <{e.tag}>")
    if parent is not None and e.tag not in CHILDREN.get(parent.tag, set()):
        raise ApiError(e.line.path, e.line, f"<{e.tag}> is not allowed inside <{parent.tag}>")
    required, optional = SHAPES[e.tag]
    for a in sorted(required):
        if a not in e.attrs:
            raise ApiError(e.line.path, e.line, f"<{e.tag}> needs the attribute '{a}'")
    for a in e.attrs:
        if a not in required and a not in optional:
            raise ApiError(e.line.path, e.line, f"<{e.tag}> has an unknown attribute '{a}'")
    for c in e.children:
        _check_shape(c, e)


def _bool(e: Elem, attr: str) -> bool:
    v = e.attrs.get(attr, "no")
    if v not in ("yes", "no"):
        raise ApiError(e.line.path, e.line, f"attribute '{attr}' must be 'yes' or 'no', not '{v}'")
    return v == "yes"


def _doc(e: Elem) -> str:
    for c in e.children:
        if c.tag == "doc":
            return " ".join(c.text.split())
    return ""


def _return(e: Elem) -> Optional[model.Return]:
    for c in e.children:
        if c.tag == "return":
            a = c.attrs
            return model.Return(c.line, a["type"], a.get("own"), a.get("free"), a.get("error"))
    return None


def _params(e: Elem) -> list[model.Param]:
    out = []
    for c in e.children:
        if c.tag != "param":
            continue
        a = c.attrs
        flags = None
        if "flags" in a:
            flags = [] if a["flags"] == "none" else a["flags"].split()
        out.append(model.Param(
            c.line, a["name"], a["type"], a.get("dir", "in"),
            _bool(c, "null"), a.get("len"), a.get("size"),
            a.get("filled"), a.get("check"), flags, _bool(c, "consumed"),
            a.get("own"), a.get("free"), a.get("python"), a.get("python-count"),
            a.get("python-default")))
    return out


def _fields(e: Elem) -> list:
    out = []
    for c in e.children:
        if c.tag == "field":
            out.append(model.Field(c.line, c.attrs["name"], c.attrs["type"],
                                   c.attrs.get("size"), c.attrs.get("doc", "")))
        elif c.tag == "union":
            out.append(model.Union(c.line, c.attrs["name"], _fields(c)))
    return out


def parse(path: str) -> model.Api:
    root = read_tree(path)
    if root.tag != "api":
        raise ApiError(root.line.path, root.line, "the document element must be <api>")
    _check_shape(root, None)
    api = model.Api(path, root.attrs["name"], root.attrs["version"],
                    [], [], [], [], [], [], [], [], [])
    for e in root.children:
        if e.tag == "include":
            # A part of the API kept in its own file, e.g. api/network.xml:
            # its elements count as if written here.
            part_path = os.path.join(os.path.dirname(path), e.attrs["file"])
            if not os.path.exists(part_path):
                raise ApiError(e.line.path, e.line, f"included file '{e.attrs['file']}' does not exist")
            part = read_tree(part_path)
            if part.tag != "api-part":
                raise ApiError(part.line.path, part.line, "an included file's document element must be <api-part>")
            _check_shape(part, None)
            for c in part.children:
                _add(api, c)
        else:
            _add(api, e)
    return api


def _add(api: model.Api, e: Elem) -> None:
    a = e.attrs
    if e.tag == "module":
        api.modules.append(model.Module(e.line, a["name"], a["header"],
                                        a.get("python", a["name"]),
                                        a.get("python-ext", a["name"] + "mod")))
    elif e.tag == "object":
        api.objects.append(model.Object(e.line, a["name"], a["since"], a["header"],
                                        a.get("parent"), a.get("ref"), a.get("free")))
    elif e.tag == "constant":
        api.constants.append(model.Constant(e.line, a["name"], a["type"], a["value"],
                                            a["header"], a["since"],
                                            a.get("module", "libvirt")))
    elif e.tag == "enum":
        vals = [model.EnumValue(v.line, v.attrs["name"], v.attrs["value"], v.attrs["since"])
                for v in e.children]
        api.enums.append(model.Enum(e.line, a["name"], a["kind"], a["header"], a["since"],
                                    a.get("module", "libvirt"), vals))
    elif e.tag == "struct":
        s = model.Struct(e.line, a["name"], a["header"], a["since"], _doc(e), _fields(e),
                         a.get("tag", "_" + a["name"]), a.get("ptr", a["name"] + "Ptr"))
        api.structs.append(s)
        api.typedecls.append(s)
    elif e.tag == "alias":
        al = model.Alias(e.line, a["name"], a["for"], a["header"], a["since"])
        api.aliases.append(al)
        api.typedecls.append(al)
    elif e.tag == "callback":
        cb = model.Callback(e.line, a["name"], a["header"], a["since"], _doc(e),
                            _return(e), _params(e), a.get("module", "libvirt"))
        api.callbacks.append(cb)
        api.typedecls.append(cb)
    elif e.tag == "variable":
        api.variables.append(model.Variable(e.line, a["name"], a["type"], a["header"],
                                            a["since"], _doc(e)))
    elif e.tag == "function":
        proc = a.get("proc")
        if proc is not None and not proc.isdigit():
            raise ApiError(e.line.path, e.line, f"proc must be a positive number, not '{proc}'")
        api.functions.append(model.Function(
            e.line, a["name"], a["since"], _doc(e), a.get("header"), a.get("object"),
            a.get("access", "write"), a.get("impl", "driver"),
            a.get("driver", "hypervisor"), int(proc) if proc else None,
            a.get("python"), set(a.get("override", "").split()),
            _return(e), _params(e), module=a.get("module", "libvirt"),
            python_args=a.get("python-args"), ruby=a.get("ruby"), perl=a.get("perl"),
            internal=_bool(e, "internal")))
    elif e.tag == "exceptions":
        for x in e.children:
            api.exceptions.append(model.Exception_(
                x.line, x.attrs["symbol"], set(x.attrs.get("skip", "").split()),
                x.attrs["reason"], _bool(x, "omit")))
