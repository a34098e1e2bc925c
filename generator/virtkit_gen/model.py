"""The typed model of api.xml.

parse.py builds these from the XML (every node keeps the line it came
from, so check.py can point at it); the emitters only ever read them.
Nothing here knows about any output language.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional


@dataclasses.dataclass
class Node:
    """What every element of api.xml shares: where it was written."""
    line: int


@dataclasses.dataclass
class Module(Node):
    name: str
    header: str
    python: str
    python_ext: str


@dataclasses.dataclass
class Object(Node):
    name: str                 # "virDomain"
    since: str
    header: str
    parent: Optional[str]
    ref: Optional[str]
    free: Optional[str]

    @property
    def ptr(self) -> str:
        return self.name + "Ptr"


@dataclasses.dataclass
class Constant(Node):
    name: str
    type: str                 # int | llong | string
    value: str
    header: str
    since: str
    module: str


@dataclasses.dataclass
class EnumValue(Node):
    name: str
    value: str                # a number, or the name of another value
    since: str
    resolved: int = 0


@dataclasses.dataclass
class Enum(Node):
    name: str
    kind: str                 # values | flags
    header: str
    since: str
    module: str
    values: list[EnumValue]

    def mask(self) -> int:
        """All bits a flags argument of this enum may carry."""
        m = 0
        for v in self.values:
            if v.resolved > 0:
                m |= v.resolved
        return m


@dataclasses.dataclass
class Field(Node):
    name: str
    type: str
    size: Optional[str]       # fixed array length (number or constant)
    doc: str


@dataclasses.dataclass
class Union(Node):
    name: str
    fields: list[Field]


@dataclasses.dataclass
class Struct(Node):
    name: str
    header: str
    since: str
    doc: str
    members: list            # Field | Union, in order
    tag: str = ""            # the C struct tag, "_" + name unless libvirt chose otherwise
    ptr: str = ""            # its pointer typedef, name + "Ptr" unless libvirt chose otherwise


@dataclasses.dataclass
class Alias(Node):
    name: str
    target: str
    header: str
    since: str


@dataclasses.dataclass
class Param(Node):
    name: str
    type: str
    dir: str = "in"           # in | out | inout
    null: bool = False
    len: Optional[str] = None       # name of the parameter (or "return") holding the length
    size: Optional[str] = None      # fixed buffer size (constant name or number)
    filled: Optional[str] = None    # what says how many entries were written
    check: Optional[str] = None     # positive | nonnegative
    flags: Optional[list[str]] = None   # enum names, [] for "must be 0"
    consumed: bool = False
    own: Optional[str] = None
    free: Optional[str] = None
    python: Optional[str] = None    # name in Python when it differs
    python_count: Optional[str] = None  # function giving the array size to allocate
    python_default: Optional[str] = None  # Python default ("" for none) when the rule's differs

    @property
    def base(self) -> str:
        return base_type(self.type)

    @property
    def stars(self) -> int:
        return self.type.count("*")

    @property
    def pointer(self) -> bool:
        """True for 'char *', 'int *' and the ...Ptr typedefs."""
        return self.stars > 0 or self.base.endswith("Ptr")

    @property
    def py_name(self) -> str:
        return self.python or self.name


@dataclasses.dataclass
class Return(Node):
    type: str
    own: Optional[str] = None
    free: Optional[str] = None
    error: Optional[str] = None     # sentinel value, or "none"


@dataclasses.dataclass
class Callback(Node):
    name: str
    header: str
    since: str
    doc: str
    ret: Optional[Return]
    params: list[Param]
    module: str = "libvirt"


@dataclasses.dataclass
class Variable(Node):
    """A variable the library exports (virConnectAuthPtrDefault)."""
    name: str
    type: str
    header: str
    since: str
    doc: str


@dataclasses.dataclass
class Function(Node):
    name: str
    since: str
    doc: str
    header: Optional[str]
    object: Optional[str]
    access: str               # read | write
    impl: str                 # driver | core
    driver: str               # which driver table
    proc: Optional[int]
    python: Optional[str]
    overrides: set[str]
    ret: Optional[Return]
    params: list[Param]
    skip: set[str] = dataclasses.field(default_factory=set)
    module: str = "libvirt"     # the header/Python module it belongs to
    python_args: Optional[str] = None   # a hand-written Python function's parameters
    ruby: Optional[str] = None          # the ruby-libvirt method name when the rules miss it
    perl: Optional[str] = None          # the Sys-Virt method name when the rules miss it
    internal: bool = False              # a driver phase (migration): no public
                                        # header, no export, no binding

    @property
    def slot(self) -> str:
        """Driver table member: virDomainGetInfo -> domainGetInfo."""
        n = self.name[3:]
        return n[0].lower() + n[1:]

    @property
    def self_param(self) -> Optional[Param]:
        return self.params[0] if self.object and self.params else None

    def param(self, name: str) -> Optional[Param]:
        for p in self.params:
            if p.name == name:
                return p
        return None


@dataclasses.dataclass
class Exception_(Node):
    symbol: str
    skip: set[str]
    reason: str
    omit: bool = False   # a libvirt symbol virtkit deliberately does not offer


@dataclasses.dataclass
class Api:
    path: str
    name: str
    version: str
    modules: list[Module]
    objects: list[Object]
    constants: list[Constant]
    enums: list[Enum]
    structs: list[Struct]
    aliases: list[Alias]
    callbacks: list[Callback]
    functions: list[Function]
    exceptions: list[Exception_]
    # functions marked internal="yes", moved out of 'functions' once checked
    internal: list = dataclasses.field(default_factory=list)
    # declaration order of structs, aliases and callbacks, for headers
    typedecls: list = dataclasses.field(default_factory=list)
    variables: list[Variable] = dataclasses.field(default_factory=list)

    def object(self, name: str) -> Optional[Object]:
        for o in self.objects:
            if o.name == name:
                return o
        return None

    def object_by_ptr(self, ptr: str) -> Optional[Object]:
        for o in self.objects:
            if o.ptr == ptr:
                return o
        return None

    def enum(self, name: str) -> Optional[Enum]:
        for e in self.enums:
            if e.name == name:
                return e
        return None

    def struct(self, name: str) -> Optional[Struct]:
        for s in self.structs:
            if s.name == name or s.ptr == name:
                return s
        for a in self.aliases:
            if a.name == name or a.name + "Ptr" == name:
                return self.struct(a.target)
        return None

    def scalar_alias(self, name: str) -> Optional[str]:
        """The C type an alias of a plain type names (virDomainBlockJobCursor
        is an unsigned long long), or None."""
        for a in self.aliases:
            if a.name == name and a.target in C_BASE_TYPES:
                return a.target
        return None

    def function(self, name: str) -> Optional[Function]:
        for f in self.functions:
            if f.name == name:
                return f
        return None

    def methods(self, obj: str) -> list[Function]:
        return [f for f in self.functions if f.object == obj]


C_BASE_TYPES = {
    "void", "char", "int", "unsigned", "unsigned int", "long", "unsigned long",
    "long long", "unsigned long long", "long long int",
    "unsigned long long int", "double", "unsigned char", "unsigned short",
    "short", "size_t", "ssize_t",
}


def base_type(ctype: str) -> str:
    """'const char **' -> 'char'; 'virDomainPtr *' -> 'virDomainPtr'."""
    t = ctype.replace("*", " ")
    t = re.sub(r"\bconst\b", " ", t)
    return " ".join(t.split())
