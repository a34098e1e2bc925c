"""Emit the remote protocol's two ends from api.xml.

remote_client_gen.c (core/src/drivers/remote/): one driver method per
function, with exactly the public signature: it writes the in values,
calls the daemon, and reads the return value and the out values back, or
raises the daemon's virError unchanged.  remoteFillTables() puts them in
the remote driver's tables.

remote_dispatch_gen.c (core/daemon/): one dispatcher per function: it
reads the in values, calls the public function on the client's own
connection inside the daemon, and writes the results (or captures the
error), plus the table of dispatchers sorted by procedure number.

Both ends are written from the same description of each parameter (a
Codec), so their orders cannot drift apart.  docs/remote-protocol.md
says what each kind of value looks like on the wire.

Which functions: every one with a driver slot and a proc= number, except
those marked override="remote", whose glue is written by hand (events,
streams, callbacks, borrowed results).  A function whose parameters no
rule below can carry stops the generator with a message naming it, until
api.xml marks it.
"""

from __future__ import annotations

from . import model
from .emit_c import TABLES
from .emit_header import decl
from .template import Out


class Unsupported(Exception):
    pass


# C scalar type -> (wire accessor suffix, wire C type)
SCALARS = {
    "int": ("I32", "int32_t"),
    "unsigned int": ("U32", "uint32_t"),
    "unsigned": ("U32", "uint32_t"),
    "long": ("I64", "int64_t"),
    "unsigned long": ("U64", "uint64_t"),
    "long long": ("I64", "int64_t"),
    "long long int": ("I64", "int64_t"),
    "unsigned long long": ("U64", "uint64_t"),
    "unsigned long long int": ("U64", "uint64_t"),
    "size_t": ("U64", "uint64_t"),
    "double": ("Double", "double"),
    "unsigned char": ("U32", "uint32_t"),
    "unsigned short": ("U32", "uint32_t"),
    "short": ("I32", "int32_t"),
}

# How each object's handle maps to the wire tuple (virNetHandle) and back.
# put: C statements filling `h` from `o`; get: expression making the
# object from `h` on connection `conn` (parents handled separately).
HANDLES = {
    "virDomain": ("h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN); h.id = o->id;",
                  "virGetDomain(conn, h->name, h->uuid, h->id)", None),
    "virNetwork": ("h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN);",
                   "virGetNetwork(conn, h->name, h->uuid)", None),
    "virNetworkPort": ("memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN);",
                       "virGetNetworkPort(parent, h->uuid)", ("virNetwork", "net")),
    "virInterface": ("h.name = o->name; h.aux1 = o->mac;",
                     "virGetInterface(conn, h->name, h->aux1)", None),
    "virStoragePool": ("h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN);",
                       "virGetStoragePool(conn, h->name, h->uuid)", None),
    "virStorageVol": ("h.name = o->name; h.aux1 = o->pool; h.aux2 = o->key;",
                      "virGetStorageVol(conn, h->aux1, h->name, h->aux2)", None),
    "virNodeDevice": ("h.name = o->name; h.aux1 = o->parentName;",
                      "virGetNodeDevice(conn, h->name, h->aux1)", None),
    "virSecret": ("memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN); h.id = o->usageType; h.aux1 = o->usageID;",
                  "virGetSecret(conn, h->uuid, h->id, h->aux1)", None),
    "virNWFilter": ("h.name = o->name; memcpy(h.uuid, o->uuid, VIR_UUID_BUFLEN);",
                    "virGetNWFilter(conn, h->name, h->uuid)", None),
    "virNWFilterBinding": ("h.aux1 = o->portdev; h.aux2 = o->filtername;",
                           "virGetNWFilterBinding(conn, h->aux1, h->aux2)", None),
    "virDomainSnapshot": ("h.name = o->name;",
                          "virGetDomainSnapshot(parent, h->name)", ("virDomain", "domain")),
    "virDomainCheckpoint": ("h.name = o->name;",
                            "virGetDomainCheckpoint(parent, h->name)", ("virDomain", "domain")),
}

HELPERS_BANNER = "/* ---- handles <-> the wire tuple (docs/remote-protocol.md) ---- */\n"


def emit_handle_helpers() -> str:
    o = []
    for name, (put, get, parent) in HANDLES.items():
        short = name[3:]
        o.append(f"static G_GNUC_UNUSED void\nremotePut{short}(virNetBuf *buf, {name}Ptr o)\n{{\n"
                 f"    virNetHandle h = {{ 0 }};\n")
        if parent:
            o.append(f"    virNetHandle ph = {{ 0 }};\n")
        o.append(f"    {put}\n".replace("; ", ";\n    "))
        if parent:
            pput = HANDLES[parent[0]][0].replace("o->", f"o->{parent[1]}->").replace("h.", "ph.")
            o.append(f"    {pput}\n".replace("; ", ";\n    "))
            o.append("    h.parent = &ph;\n")
        o.append("    virNetPutHandle(buf, &h);\n}\n\n")
        o.append(f"static G_GNUC_UNUSED {name}Ptr\nremoteGet{short}(virConnectPtr conn, virNetBuf *buf)\n{{\n"
                 f"    g_auto(virNetHandle) hv = {{ 0 }};\n    virNetHandle *h = &hv;\n")
        if parent:
            o.append(f"    g_autoptr(virObjectHeader) unused = NULL;\n" if False else "")
            o.append(f"    {parent[0]}Ptr parent = NULL;\n    {name}Ptr ret = NULL;\n\n")
        o.append("    if (virNetGetHandle(buf, h) < 0)\n        return NULL;\n")
        if parent:
            pget = HANDLES[parent[0]][1].replace("h->", "h->parent->")
            o.append("    if (!h->parent) {\n"
                     "        virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__,\n"
                     "                             \"%s\", \"malformed message: a handle lacks its parent\");\n"
                     "        return NULL;\n    }\n")
            o.append(f"    if (!(parent = {pget}))\n        return NULL;\n")
            o.append(f"    ret = {get};\n    virObjectUnrefHandle(parent);\n    return ret;\n}}\n\n")
        else:
            o.append(f"    return {get};\n}}\n\n")
    return HELPERS_BANNER + "".join(o)


class Gen:
    """The code of one function, for both ends, built parameter by parameter."""

    def __init__(self, api: model.Api, f: model.Function):
        self.api, self.f = api, f
        # client side
        self.c_put: list[str] = []      # write the call
        self.c_get: list[str] = []      # read the reply
        # server side
        self.s_decl: list[str] = []
        self.s_get: list[str] = []      # read the call
        self.s_prep: list[str] = []     # after reading: allocations
        self.s_args: list[str] = []     # the call's arguments
        self.s_put: list[str] = []      # write the reply
        self.s_free: list[str] = []
        self.done: set[str] = set()

    # -- helpers --
    def scalar(self, ctype: str):
        t = model.base_type(ctype)
        t = self.api.scalar_alias(t) or t
        if t in SCALARS:
            return SCALARS[t]
        if self.api.enum(t):
            return SCALARS["int"]
        return None

    def obj_of(self, ptr: str):
        o = self.api.object_by_ptr(ptr)
        if o and o.name in HANDLES:
            return o.name
        return None

    def struct_codec(self, sname: str, var: str, put: bool, buf: str, depth: int = 0) -> list[str]:
        """Field by field encode (put) or decode of struct lvalue VAR.

        Fields: scalars; fixed char arrays (as strings); char * (optional
        strings); object handles; and pointers counted by another field
        named nNAME or NAMElen (char **, unsigned char *, typed
        parameters, arrays of structs), which travel as one counted value
        where the pointer stands."""
        st = self.api.struct(sname)
        if st is None:
            raise Unsupported(f"struct {sname} is unknown")
        fields = []
        for m in st.members:
            if not isinstance(m, model.Field):
                raise Unsupported(f"struct {sname} has a union")
            fields.append(m)
        byname = {m.name: m for m in fields}

        def count_of(m):
            singular = m.name[:-3] + "y" if m.name.endswith("ies") else m.name.rstrip("s")
            for c in ("n" + m.name, "n" + singular, m.name + "len", m.name + "_len"):
                if c in byname and self.scalar(byname[c].type) and "*" not in byname[c].type:
                    return byname[c]
            return None

        counted = {}
        for m in fields:
            if "*" in m.type or m.type.endswith("Ptr"):
                c = count_of(m)
                if c is not None:
                    counted[c.name] = m.name
        i = f"i{depth}_"
        out = []
        for m in fields:
            f = f"{var}.{m.name}"
            if m.name in counted:
                continue        # travels with its pointer
            t = m.type.strip()
            if m.size and t == "char":
                if put:
                    out.append(f"virNetPutBytes({buf}, {f}, strnlen({f}, sizeof({f})));")
                else:
                    out.append(f"{{ g_autofree uint8_t *s_ = NULL; size_t l_; "
                               f"if (virNetGetBytes({buf}, sizeof({f}), &s_, &l_) < 0) goto error; "
                               f"memset({f}, 0, sizeof({f})); memcpy({f}, s_, l_); }}")
                continue
            if m.size:
                raise Unsupported(f"struct {sname} has an array field")
            if t == "char *":
                out.append(f"virNetPutOptString({buf}, {f});" if put else
                           f"if (virNetGetOptString({buf}, &{f}) < 0) goto error;")
                continue
            if self.obj_of(t):
                short = self.obj_of(t)[3:]
                out.append(f"remotePut{short}({buf}, {f});" if put else
                           f"if (!({f} = remoteGet{short}(conn_, {buf}))) goto error;")
                continue
            c = count_of(m) if ("*" in t or t.endswith("Ptr")) else None
            if c is not None:
                cf = f"{var}.{c.name}"
                if t == "char **":
                    if put:
                        out.append(f"virNetPutU32({buf}, {f} ? (uint32_t){cf} : 0); "
                                   f"for (size_t {i} = 0; {f} && {i} < (size_t){cf}; {i}++) virNetPutString({buf}, {f}[{i}]);")
                    else:
                        out.append(f"{{ uint32_t n_; if (virNetGetCount({buf}, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                   f"{f} = g_new0(char *, n_ + 1); {cf} = n_; "
                                   f"for (uint32_t {i} = 0; {i} < n_; {i}++) if (virNetGetString({buf}, &{f}[{i}]) < 0) goto error; }}")
                    continue
                if t in ("unsigned char *", "char *"):
                    if put:
                        out.append(f"virNetPutBytes({buf}, {f}, {f} ? (size_t){cf} : 0);")
                    else:
                        out.append(f"{{ size_t l_; if (virNetGetBytes({buf}, VIR_NET_STRING_MAX, (uint8_t **)&{f}, &l_) < 0) goto error; {cf} = l_; }}")
                    continue
                if t == "virTypedParameterPtr":
                    if put:
                        out.append(f"virNetPutParams({buf}, {f}, {cf});")
                    else:
                        out.append(f"{{ int n_; if (virNetGetParams({buf}, &{f}, &n_) < 0) goto error; {cf} = n_; }}")
                    continue
                sub = self.api.struct(t)
                if sub is not None and t.endswith("Ptr"):
                    subname = sub.name
                    inner = " ".join(self.struct_codec(subname, f"{f}[{i}]", put, buf, depth + 1))
                    if put:
                        out.append(f"virNetPutU32({buf}, {f} ? (uint32_t){cf} : 0); "
                                   f"for (size_t {i} = 0; {f} && {i} < (size_t){cf}; {i}++) {{ {inner} }}")
                    else:
                        out.append(f"{{ uint32_t n_; if (virNetGetCount({buf}, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                   f"{f} = g_new0({subname}, n_ + 1); {cf} = n_; "
                                   f"for (uint32_t {i} = 0; {i} < n_; {i}++) {{ {inner} }} }}")
                    continue
                raise Unsupported(f"struct {sname} field {m.name} of type {t}")
            sc = self.scalar(t)
            if sc is None or "*" in t:
                raise Unsupported(f"struct {sname} field {m.name} of type {t}")
            acc, wt = sc
            if put:
                out.append(f"virNetPut{acc}({buf}, ({wt}){f});")
            else:
                out.append(f"{{ {wt} v_; if (virNetGet{acc}({buf}, &v_) < 0) goto error; {f} = v_; }}")
        return out

    def elem(self, base: str, stars_left: int):
        """(kind, info) of an array element type."""
        if base == "char" and stars_left == 1:
            return "string", None
        if stars_left == 0 and self.scalar(base):
            return "scalar", self.scalar(base)
        if stars_left == 0 and self.api.struct(base):
            return "struct", self.api.struct(base).name
        raise Unsupported(f"array of {base}")

    # -- the rules --
    def param(self, p: model.Param):
        f = self.f
        if p.name in self.done or p.name in getattr(self, "pending_len", set()):
            return
        n = p.name
        t = p.type.strip()
        base = p.base
        sc = self.scalar(t) if p.stars == 0 and not t.endswith("Ptr") else None
        if p.dir == "in":
            if sc:
                acc, wt = sc
                self.c_put.append(f"virNetPut{acc}(&msg, ({wt}){n});")
                self.s_decl.append(f"{decl(t.replace('const ', ''), n)} = 0;")
                self.s_get.append(f"{{ {wt} v_; if (virNetGet{acc}(in, &v_) < 0) goto error; {n} = v_; }}")
                self.s_args.append(n)
                return
            if t in ("const char *", "char *") and not p.len:
                get = "OptString" if p.null else "String"
                put = "OptString" if p.null else "String"
                self.c_put.append(f"virNetPut{put}(&msg, {n});")
                self.s_decl.append(f"char *{n} = NULL;")
                self.s_get.append(f"if (virNetGet{get}(in, &{n}) < 0) goto error;")
                self.s_args.append(n)
                self.s_free.append(f"g_free({n});")
                return
            if t == "virConnectPtr":
                # a destination connection (migration): it travels as the
                # URI its caller opened and whether it is read-only; the
                # daemon opens the same for the call and closes it after
                self.c_put.append(f"virNetPutU8(&msg, virConnectIsValid({n}));")
                self.c_put.append(f"if (virConnectIsValid({n})) {{ virNetPutString(&msg, {n}->uristr); "
                                  f"virNetPutU8(&msg, ({n}->flags & VIR_CONNECT_FLAG_RO) != 0); }}")
                self.s_decl.append(f"virConnectPtr {n} = NULL;")
                self.s_get.append(f"{{ bool given_; if (virNetGetBool(in, &given_) < 0) goto error; if (given_) {{ "
                                  f"g_autofree char *uri_ = NULL; bool ro_; "
                                  f"if (virNetGetString(in, &uri_) < 0 || virNetGetBool(in, &ro_) < 0) goto error; "
                                  f"if (!({n} = ro_ ? virConnectOpenReadOnly(uri_) : virConnectOpen(uri_))) goto error; }} }}")
                self.s_args.append(n)
                self.s_free.append(f"if ({n}) virConnectClose({n});")
                self.dest_conn = n
                return
            if p.stars == 0 and self.obj_of(t):
                short = self.obj_of(t)[3:]
                self.c_put.append(f"remotePut{short}(&msg, {n});")
                self.s_decl.append(f"{t} {n} = NULL;")
                self.s_get.append(f"if (!({n} = remoteGet{short}(conn, in))) goto error;")
                self.s_args.append(n)
                self.s_free.append(f"virObjectUnrefHandle({n});")
                return
            if p.size and base == "unsigned char" and p.stars == 1:
                self.c_put.append(f"virNetPutFixed(&msg, {n}, {p.size});")
                self.s_decl.append(f"unsigned char {n}[{p.size}];")
                self.s_get.append(f"if (virNetGetFixed(in, {n}, {p.size}) < 0) goto error;")
                self.s_args.append(n)
                return
            if p.len and p.len != "return":
                lp = f.param(p.len)
                if lp is None or lp.dir != "in" or not self.scalar(lp.type):
                    raise Unsupported(f"in array {n} with length {p.len}")
                ln = lp.name
                lt = lp.type.replace("const ", "")
                if ln not in self.done:
                    self.s_decl.append(f"{decl(lt, ln)} = 0;")
                self.done.add(ln)
                nullable = p.null
                if nullable:
                    self.c_put.append(f"virNetPutU8(&msg, {n} != NULL);")
                    self.s_decl.append(f"bool {n}_given = false;")
                    self.s_get.append(f"if (virNetGetBool(in, &{n}_given) < 0) goto error;")
                if t == "virTypedParameterPtr" or base == "virTypedParameter":
                    self.c_put.append(f"virNetPutParams(&msg, {n}, {n} ? (int){ln} : 0);")
                    self.s_decl.append(f"virTypedParameterPtr {n} = NULL;")
                    self.s_get.append(f"{{ int n_; if (virNetGetParams(in, &{n}, &n_) < 0) goto error; {ln} = n_; }}")
                    self.s_free.append(f"virTypedParamsFree({n}, {ln});")
                elif base in ("unsigned char", "char") and p.stars == 1:
                    self.c_put.append(f"virNetPutBytes(&msg, {n}, {n} ? (size_t){ln} : 0);")
                    self.s_decl.append(f"uint8_t *{n} = NULL;")
                    self.s_get.append(f"{{ size_t n_; if (virNetGetBytes(in, VIR_NET_STRING_MAX, &{n}, &n_) < 0) goto error; {ln} = n_; }}")
                    self.s_free.append(f"g_free({n});")
                else:
                    kind, info = self.elem(base, p.stars - 1)
                    if kind == "struct":
                        raise Unsupported(f"in array of structs {n}")
                    self.c_put.append(f"virNetPutU32(&msg, {n} ? (uint32_t){ln} : 0);")
                    self.c_put.append(f"for (size_t i_ = 0; {n} && i_ < (size_t){ln}; i_++)")
                    ctype = t.replace("const ", "").replace("*", "", 1).strip()
                    self.s_decl.append(f"{ctype} *{n} = NULL;")
                    self.s_get.append(f"{{ uint32_t n_; if (virNetGetCount(in, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                      f"{n} = g_new0({ctype}, n_ + 1); {ln} = n_;")
                    if kind == "string":
                        self.c_put.append(f"    virNetPutString(&msg, {n}[i_]);")
                        self.s_get.append(f"  for (uint32_t i_ = 0; i_ < n_; i_++) if (virNetGetString(in, (char **)&{n}[i_]) < 0) goto error; }}")
                        self.s_free.append(f"if ({n}) {{ for (size_t i_ = 0; {n}[i_]; i_++) g_free((char *){n}[i_]); g_free({n}); }}")
                    else:
                        acc, wt = info
                        self.c_put.append(f"    virNetPut{acc}(&msg, ({wt}){n}[i_]);")
                        self.s_get.append(f"  for (uint32_t i_ = 0; i_ < n_; i_++) {{ {wt} v_; if (virNetGet{acc}(in, &v_) < 0) goto error; {n}[i_] = v_; }} }}")
                        self.s_free.append(f"g_free({n});")
                if nullable:
                    self.s_args.append(f"{n}_given ? {n} : NULL")
                else:
                    self.s_args.append(n)
                # the length goes where it stands in the call
                self._len_arg = (ln,)
                return
            raise Unsupported(f"in parameter {n} of type {t}")

        # out and inout
        if p.dir == "inout" and p.stars == 1 and self.scalar(base) and not p.len:
            acc, wt = self.scalar(base)
            self.c_put.append(f"virNetPut{acc}(&msg, ({wt})*{n});")
            self.s_decl.append(f"{base} {n}_v = 0;")
            self.s_get.append(f"{{ {wt} v_; if (virNetGet{acc}(in, &v_) < 0) goto error; {n}_v = v_; }}")
            self.s_args.append(f"&{n}_v")
            self.s_put.append(f"virNetPut{acc}(out, ({wt}){n}_v);")
            self.c_get.append(f"{{ {wt} v_; if (virNetGet{acc}(&rep, &v_) < 0) goto error; *{n} = v_; }}")
            return
        if p.dir != "out":
            raise Unsupported(f"inout parameter {n} of type {t}")
        given = self.out_flag(p)
        if p.stars == 1 and self.scalar(base) and not p.len and base != "unsigned char" and base != "char":
            acc, wt = self.scalar(base)
            self.s_decl.append(f"{base} {n}_v = 0;")
            self.s_args.append(f"{given} ? &{n}_v : NULL" if p.null else f"&{n}_v")
            self.s_put.append(f"virNetPut{acc}(out, ({wt}){n}_v);")
            self.c_get.append(f"{{ {wt} v_; if (virNetGet{acc}(&rep, &v_) < 0) goto error; if ({n}) *{n} = v_; }}")
            return
        if t == "char **" and not p.len and p.own == "caller":
            self.s_decl.append(f"char *{n}_v = NULL;")
            self.s_args.append(f"{given} ? &{n}_v : NULL" if p.null else f"&{n}_v")
            self.s_put.append(f"virNetPutOptString(out, {n}_v);")
            self.s_free.append(f"g_free({n}_v);")
            self.c_get.append(f"{{ char *s_ = NULL; if (virNetGetOptString(&rep, &s_) < 0) goto error; "
                              f"if ({n}) *{n} = s_; else g_free(s_); }}")
            return
        if p.stars == 0 and t.endswith("Ptr") and not p.len and self.api.struct(t):
            sname = self.api.struct(t).name
            st = self.api.struct(t)
            ctype = st.tag[1:] if st.tag else sname
            ctype = sname
            self.s_decl.append(f"{ctype} {n}_v;")
            self.s_prep.append(f"memset(&{n}_v, 0, sizeof({n}_v));")
            self.s_args.append(f"&{n}_v")
            self.s_put.extend(self.struct_codec(t, f"{n}_v", True, "out"))
            self.c_get.extend(self.struct_codec(t, f"(*{n})", False, "&rep"))
            return
        if (p.stars == 2 and t.endswith("Ptr **") and not self.obj_of(base) and p.own == "caller"
                and self.api.struct(base) and p.len in (None, "return") and p.free):
            # a list of structs the callee allocates; the return value counts it
            sname = self.api.struct(base).name
            sput = " ".join(self.struct_codec(sname, f"(*{n}_v[i_])", True, "out"))
            sget = " ".join(self.struct_codec(sname, f"(*a_[k_])", False, "&rep", depth=1))
            sget = sget.replace("goto error;", f"goto error_{n};")
            self.s_decl.append(f"{base} *{n}_v = NULL;")
            self.s_args.append(f"{given} ? &{n}_v : NULL" if p.null else f"&{n}_v")
            self.s_put.append(f"if ({n}_v) {{ virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) {{ {sput} }} }} else {{ virNetPutU32(out, 0); }}")
            if p.free.endswith("ListFree"):
                self.s_free.append(f"if ({n}_v) {p.free}({n}_v);")
                cfree = f"{p.free}(a_);"
            else:
                self.s_free.append(f"if ({n}_v) {{ for (int i_ = 0; i_ < ret; i_++) {p.free}({n}_v[i_]); g_free({n}_v); }}")
                cfree = f"for (uint32_t j_ = 0; a_[j_]; j_++) {p.free}(a_[j_]); g_free(a_);"
            self.c_get.append(
                f"{{ uint32_t n_; {base} *a_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                f"a_ = g_new0({base}, n_ + 1); "
                f"for (uint32_t k_ = 0; k_ < n_; k_++) a_[k_] = g_new0({sname}, 1); "
                f"for (uint32_t k_ = 0; k_ < n_; k_++) {{ {sget} continue; error_{n}: {cfree} goto error; }} "
                f"if ({n}) *{n} = a_; else {{ {cfree} }} }}")
            return
        if p.len == "return" and p.stars == 2 and self.obj_of(base) and p.own == "caller":
            short = self.obj_of(base)[3:]
            self.s_decl.append(f"{base} *{n}_v = NULL;")
            self.s_args.append(f"{given} ? &{n}_v : NULL" if p.null else f"&{n}_v")
            self.s_put.append(f"if ({n}_v) {{ virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) remotePut{short}(out, {n}_v[i_]); }} else {{ virNetPutU32(out, 0); }}")
            self.s_free.append(f"if ({n}_v) {{ for (int i_ = 0; i_ < ret; i_++) virObjectUnrefHandle({n}_v[i_]); g_free({n}_v); }}")
            conn = self.client_conn()
            self.c_get.append(
                f"{{ uint32_t n_; {base} *a_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                f"a_ = g_new0({base}, n_ + 1); "
                f"for (uint32_t i_ = 0; i_ < n_; i_++) if (!(a_[i_] = remoteGet{short}({conn}, &rep))) {{ "
                f"for (uint32_t j_ = 0; j_ < i_; j_++) virObjectUnrefHandle(a_[j_]); g_free(a_); goto error; }} "
                f"if ({n}) *{n} = a_; else {{ for (uint32_t j_ = 0; j_ < n_; j_++) virObjectUnrefHandle(a_[j_]); g_free(a_); }} }}")
            return
        if p.len and p.len != "return" and p.filled == "return":
            lp = f.param(p.len)
            if lp is None or lp.dir != "in":
                raise Unsupported(f"caller-sized array {n}")
            if t.endswith("Ptr") and self.api.struct(t):
                kind, info = "struct", self.api.struct(t).name
            else:
                kind, info = self.elem(base, p.stars - 1)
            ln = lp.name
            elt = t.replace("const", "").strip()
            elt = elt[:-1].strip() if elt.endswith("*") else elt
            if t.endswith("Ptr") and kind == "struct":
                elt = self.api.struct(t).name
            self.s_decl.append(f"{elt} *{n}_v = NULL;")
            neg = "" if model.base_type(lp.type).startswith(("unsigned", "size_t")) else f"{ln} < 0 || "
            self.s_prep.append(f"if ({neg}(size_t){ln} > VIR_NET_ARRAY_MAX) {{ virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__, \"%s\", \"too many items asked for\"); goto error; }}")
            self.s_prep.append(f"{n}_v = g_new0({elt}, {ln} + 1);")
            self.s_args.append(f"{n}_v")
            if kind == "string":
                self.s_put.append(f"virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) virNetPutString(out, {n}_v[i_]);")
                self.s_free.append(f"if ({n}_v) {{ for (int i_ = 0; i_ < ret; i_++) g_free({n}_v[i_]); g_free({n}_v); }}")
                self.c_get.append(f"{{ uint32_t n_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                  f"if (n_ > (uint32_t){ln}) goto toomany; "
                                  f"for (uint32_t i_ = 0; i_ < n_; i_++) if (virNetGetString(&rep, &{n}[i_]) < 0) goto error; }}")
            elif kind == "scalar":
                acc, wt = info
                self.s_put.append(f"virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) virNetPut{acc}(out, ({wt}){n}_v[i_]);")
                self.s_free.append(f"g_free({n}_v);")
                self.c_get.append(f"{{ uint32_t n_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                  f"if (n_ > (uint32_t){ln}) goto toomany; "
                                  f"for (uint32_t i_ = 0; i_ < n_; i_++) {{ {wt} v_; if (virNetGet{acc}(&rep, &v_) < 0) goto error; {n}[i_] = v_; }} }}")
            else:
                sput = " ".join(self.struct_codec(info, f"{n}_v[i_]", True, "out"))
                sget = " ".join(self.struct_codec(info, f"{n}[i_]", False, "&rep"))
                self.s_put.append(f"virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) {{ {sput} }}")
                self.s_free.append(f"g_free({n}_v);")
                self.c_get.append(f"{{ uint32_t n_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                                  f"if (n_ > (uint32_t){ln}) goto toomany; "
                                  f"for (uint32_t i_ = 0; i_ < n_; i_++) {{ {sget} }} }}")
            self.needs_toomany = True
            return
        if t == "void *" and p.len and p.len != "return":
            # a caller's buffer of LEN bytes, filled whole
            lp = f.param(p.len)
            if lp is None or lp.dir != "in" or not self.scalar(lp.type):
                raise Unsupported(f"buffer {n} with length {p.len}")
            ln = lp.name
            self.s_decl.append(f"uint8_t *{n}_v = NULL;")
            self.s_prep.append(f"if ((uint64_t){ln} > VIR_NET_STRING_MAX) {{ virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__, \"%s\", \"buffer too large for one message\"); goto error; }}")
            self.s_prep.append(f"{n}_v = g_malloc0({ln} + 1);")
            self.s_args.append(f"{n}_v")
            self.s_put.append(f"virNetPutBytes(out, {n}_v, {ln});")
            self.s_free.append(f"g_free({n}_v);")
            self.c_get.append(f"{{ g_autofree uint8_t *b_ = NULL; size_t l_; "
                              f"if (virNetGetBytes(&rep, {ln}, &b_, &l_) < 0) goto error; memcpy({n}, b_, l_); }}")
            return
        if t == "char ***" and p.own == "caller" and p.len in (None, "return"):
            # a NULL-terminated array of strings; the return value counts them
            self.s_decl.append(f"char **{n}_v = NULL;")
            self.s_args.append(f"{given} ? &{n}_v : NULL" if p.null else f"&{n}_v")
            self.s_put.append(f"if ({n}_v) {{ virNetPutU32(out, ret); for (int i_ = 0; i_ < ret; i_++) virNetPutString(out, {n}_v[i_]); }} else {{ virNetPutU32(out, 0); }}")
            self.s_free.append(f"if ({n}_v) {{ for (int i_ = 0; i_ < ret; i_++) g_free({n}_v[i_]); g_free({n}_v); }}")
            self.c_get.append(f"{{ uint32_t n_; char **a_; if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &n_) < 0) goto error; "
                              f"a_ = g_new0(char *, n_ + 1); "
                              f"for (uint32_t i_ = 0; i_ < n_; i_++) if (virNetGetString(&rep, &a_[i_]) < 0) {{ g_strfreev(a_); goto error; }} "
                              f"if ({n}) *{n} = a_; else g_strfreev(a_); }}")
            return
        if (t.endswith("Ptr") and self.api.struct(t) and p.len and
                f.param(p.len) is not None and f.param(p.len).dir == "inout" and
                f.param(p.len).type.strip() == "int *" and self.api.struct(t).name != "virTypedParameter"):
            # a caller's array of *LEN structs; *LEN 0 asks how many there are
            sname = self.api.struct(t).name
            ln = f.param(p.len).name
            self.done.add(ln)
            if not p.null:
                self.c_put.append(f"virNetPutU8(&msg, {n} != NULL);")
                self.s_decl.append(f"bool {n}_given = false;")
                self.s_get.append(f"if (virNetGetBool(in, &{n}_given) < 0) goto error;")
            self.c_put.append(f"virNetPutI32(&msg, *{ln});")
            self.s_decl.append(f"int {ln}_v = 0;")
            self.s_decl.append(f"int {ln}_in = 0;")
            self.s_decl.append(f"{sname} *{n}_v = NULL;")
            self.s_get.append(f"{{ int32_t v_; if (virNetGetI32(in, &v_) < 0) goto error; {ln}_v = {ln}_in = v_; }}")
            self.s_prep.append(f"if ({ln}_in < 0 || {ln}_in > (int)VIR_NET_ARRAY_MAX) {{ virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__, \"%s\", \"too many items asked for\"); goto error; }}")
            self.s_prep.append(f"if ({n}_given) {n}_v = g_new0({sname}, {ln}_in + 1);")
            self.s_args.append(f"{n}_v")
            self.s_args_override = getattr(self, "s_args_override", {})
            self.s_args_override[ln] = f"&{ln}_v"
            sput = " ".join(self.struct_codec(sname, f"{n}_v[i_]", True, "out"))
            sget = " ".join(self.struct_codec(sname, f"{n}[i_]", False, "&rep"))
            self.s_put.append(f"virNetPutI32(out, {ln}_v);")
            self.s_put.append(f"{{ int k_ = {n}_v && {ln}_in > 0 ? MIN({ln}_v, {ln}_in) : 0; virNetPutU32(out, k_); for (int i_ = 0; i_ < k_; i_++) {{ {sput} }} }}")
            self.s_free.append(f"g_free({n}_v);")
            self.c_get.append(f"{{ int32_t v_; uint32_t k_; if (virNetGetI32(&rep, &v_) < 0) goto error; "
                              f"if (virNetGetCount(&rep, VIR_NET_ARRAY_MAX, &k_) < 0) goto error; "
                              f"if ((int)k_ > *{ln} || (k_ > 0 && !{n})) goto toomany; "
                              f"for (uint32_t i_ = 0; i_ < k_; i_++) {{ {sget} }} *{ln} = v_; }}")
            self.needs_toomany = True
            return
        if base == "virTypedParameter" or t in ("virTypedParameterPtr", "virTypedParameterPtr *"):
            lp = f.param(p.len) if p.len else None
            if t == "virTypedParameterPtr" and lp is not None and lp.dir == "inout" and lp.type.strip() == "int *":
                ln = lp.name
                self.done.add(ln)
                if not p.null:
                    self.c_put.append(f"virNetPutU8(&msg, {n} != NULL);")
                    self.s_decl.append(f"bool {n}_given = false;")
                    self.s_get.append(f"if (virNetGetBool(in, &{n}_given) < 0) goto error;")
                self.c_put.append(f"virNetPutI32(&msg, *{ln});")
                self.s_decl.append(f"int {ln}_v = 0;")
                self.s_decl.append(f"int {ln}_in = 0;")
                self.s_decl.append(f"virTypedParameterPtr {n}_v = NULL;")
                self.s_get.append(f"{{ int32_t v_; if (virNetGetI32(in, &v_) < 0) goto error; {ln}_v = {ln}_in = v_; }}")
                self.s_prep.append(f"if ({ln}_in < 0 || {ln}_in > (int)VIR_NET_PARAMS_MAX) {{ virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__, \"%s\", \"too many parameters asked for\"); goto error; }}")
                self.s_prep.append(f"if ({n}_given) {n}_v = g_new0(virTypedParameter, {ln}_in + 1);")
                self.s_args.append(f"{n}_v")
                self.s_args_override = getattr(self, "s_args_override", {})
                self.s_args_override[ln] = f"&{ln}_v"
                self.s_put.append(f"virNetPutI32(out, {ln}_v);")
                self.s_put.append(f"virNetPutParams(out, {n}_v, {n}_v && {ln}_in > 0 ? MIN({ln}_v, {ln}_in) : 0);")
                self.s_free.append(f"virTypedParamsFree({n}_v, {n}_v && {ln}_in > 0 ? MIN({ln}_v, {ln}_in) : 0);")
                self.c_get.append(f"{{ int32_t v_; int k_ = 0; virTypedParameterPtr ps_ = NULL; int in_ = *{ln}; "
                                  f"if (virNetGetI32(&rep, &v_) < 0) goto error; "
                                  f"if (virNetGetParams(&rep, &ps_, &k_) < 0) goto error; "
                                  f"if (k_ > in_ || (k_ > 0 && !{n})) {{ virTypedParamsFree(ps_, k_); goto toomany; }} "
                                  f"if (k_ > 0) memcpy({n}, ps_, sizeof(*ps_) * k_); g_free(ps_); *{ln} = v_; }}")
                self.needs_toomany = True
                return
            if t == "virTypedParameterPtr *" and p.own == "caller":
                # its count: an out int * (the next parameter by libvirt's habit)
                lp = None
                for q in f.params[f.params.index(p) + 1:]:
                    if q.dir == "out" and q.type.strip() in ("int *", "unsigned int *"):
                        lp = q
                        break
                if lp is None:
                    raise Unsupported(f"typed parameters {n} without a count")
                ln = lp.name
                self.done.add(ln)
                self.s_decl.append(f"virTypedParameterPtr {n}_v = NULL;")
                self.s_decl.append(f"{model.base_type(lp.type)} {ln}_v = 0;")
                self.s_args.append(f"&{n}_v")
                self.s_args_override = getattr(self, "s_args_override", {})
                self.s_args_override[ln] = f"&{ln}_v"
                self.s_put.append(f"virNetPutParams(out, {n}_v, {ln}_v);")
                self.s_free.append(f"virTypedParamsFree({n}_v, {ln}_v);")
                self.c_get.append(f"{{ virTypedParameterPtr ps_ = NULL; int k_ = 0; "
                                  f"if (virNetGetParams(&rep, &ps_, &k_) < 0) goto error; *{n} = ps_; *{ln} = k_; }}")
                return
        raise Unsupported(f"out parameter {n} of type {t}")

    def out_flag(self, p: model.Param) -> str:
        """For a nullable out parameter: send whether the caller gave one."""
        if not p.null:
            return "true"
        n = p.name
        self.c_put.append(f"virNetPutU8(&msg, {n} != NULL);")
        self.s_decl.append(f"bool {n}_given = false;")
        self.s_get.append(f"if (virNetGetBool(in, &{n}_given) < 0) goto error;")
        return f"{n}_given"

    def client_conn(self) -> str:
        selfp = self.f.params[0]
        if selfp.type == "virConnectPtr":
            return selfp.name
        return f"{selfp.name}->conn"

    def ret(self):
        r = self.f.ret
        if r is None or r.type == "void":
            self.ret_kind = "void"
            return
        t = r.type.strip()
        sc = self.scalar(t) if "*" not in t and not t.endswith("Ptr") else None
        if sc:
            acc, wt = sc
            self.ret_kind = "scalar"
            self.s_put.insert(0, f"virNetPut{acc}(out, ({wt})ret);")
            self.c_get.insert(0, f"{{ {wt} v_; if (virNetGet{acc}(&rep, &v_) < 0) goto error; ret = v_; }}")
            return
        if t == "char *" and r.own == "caller":
            self.ret_kind = "string"
            self.s_put.insert(0, "virNetPutOptString(out, ret);")
            self.c_get.insert(0, "if (virNetGetOptString(&rep, &ret) < 0) goto error;")
            return
        if self.obj_of(t) and r.own == "caller":
            short = self.obj_of(t)[3:]
            self.ret_kind = "handle"
            # what a migration returns belongs to the destination
            owner = getattr(self, "dest_conn", None) or self.client_conn()
            self.s_put.insert(0, f"remotePut{short}(out, ret);")
            self.c_get.insert(0, f"if (!(ret = remoteGet{short}({owner}, &rep))) goto error;")
            return
        raise Unsupported(f"return type {t}")

    def build(self):
        f = self.f
        # an in length that stands before its array is written with the array
        for q in f.params:
            lp = f.param(q.len) if q.len and q.len != "return" else None
            if q.dir == "in" and lp is not None and lp.dir == "in":
                self.pending_len = getattr(self, "pending_len", set()) | {lp.name}
        if f.params[0].type != "virConnectPtr":
            selfp = f.params[0]
            if not self.obj_of(selfp.type):
                raise Unsupported(f"method of {selfp.type}")
        for p in f.params[1:] if f.params[0].type == "virConnectPtr" else f.params:
            self.param(p)
        self.ret()

    # -- output --
    def client(self, proc: int) -> str:
        f = self.f
        rt = f.ret.type if f.ret else "void"
        err = f.ret.error if f.ret else None
        args = ",\n" .join("    " + decl(p.type, p.name) for p in f.params)
        L = [f"static {rt}\nremote{f.name[3:]}(\n{args})\n{{"]
        L.append(f"    virConnectPtr conn_ = {self.client_conn()};")
        L.append("    g_auto(virNetBuf) msg = { 0 };")
        L.append("    g_auto(virNetBuf) rep = { 0 };")
        if f.ret and rt != "void":
            init = "NULL" if ("*" in rt or rt.endswith("Ptr")) else "0"
            L.append(f"    {decl(rt, 'ret')} = {init};")
        L.append("")
        L.append("    virNetMessageBegin(&msg);")
        L += ["    " + x for x in self.c_put]
        fail = f"return {err if err not in (None, 'none') else ('ret' if f.ret else '')};".replace("return ;", "return;")
        L.append(f"    if (remoteCall(conn_, {proc}, &msg, &rep) < 0)")
        L.append(f"        {fail}")
        L += ["    " + x for x in self.c_get]
        L.append("    if (virNetBufCheckEnd(&rep) < 0)")
        L.append("        goto error;")
        L.append("    return ret;" if f.ret and rt != "void" else "    return;")
        if getattr(self, "needs_toomany", False):
            L.append(" toomany:")
            L.append("    virReportErrorHelper(VIR_FROM_RPC, VIR_ERR_RPC, __FILE__, __func__, __LINE__,")
            L.append("                         \"%s\", \"the daemon returned more items than asked for\");")
        L.append(" error:")
        if self.ret_kind == "string":
            L.append("    g_free(ret);")
        elif self.ret_kind == "handle":
            L.append("    virObjectUnrefHandle(ret);")
        L.append(f"    {fail}")
        L.append("}\n")
        return "\n".join(L) + "\n"

    def server(self) -> str:
        f = self.f
        rt = f.ret.type if f.ret else "void"
        L = [f"static int\nremoteDispatch{f.name[3:]}(virConnectPtr conn, virNetBuf *in, virNetBuf *out, virError *err)\n{{"]
        selfp = f.params[0]
        if selfp.type == "virConnectPtr" and selfp.name != "conn":
            L.append(f"    virConnectPtr {selfp.name} = conn;")
        L += ["    " + x for x in self.s_decl]
        if f.ret and rt != "void":
            init = "NULL" if ("*" in rt or rt.endswith("Ptr")) else "0"
            L.append(f"    {decl(rt.replace('const ', ''), 'ret')} = {init};")
        L.append("    int rv = -1;")
        L.append("")
        L += ["    " + x for x in self.s_get]
        L.append("    if (virNetBufCheckEnd(in) < 0)")
        L.append("        goto error;")
        L += ["    " + x for x in self.s_prep]
        over = getattr(self, "s_args_override", {})
        args = []
        it = iter(self.s_args)
        for p in f.params:
            if p is selfp and selfp.type == "virConnectPtr":
                args.append(selfp.name)
            elif p.name in over:
                args.append(over[p.name])
            elif p.name in self.done:
                args.append(p.name)
            else:
                args.append(next(it))
        call = f"{f.name}({', '.join(args)})"
        if f.ret and rt != "void":
            L.append(f"    ret = {call};")
            if f.ret.error not in (None, "none"):
                test = "ret == NULL" if f.ret.error == "NULL" else f"ret == {f.ret.error}"
                L.append(f"    if ({test})")
                L.append("        goto error;")
        else:
            L.append(f"    {call};")
        L += ["    " + x for x in self.s_put]
        L.append("    rv = 0;")
        L.append("    goto cleanup;")
        L.append("")
        L.append(" error:")
        L.append("    virErrorCopy(virErrorEnsureLast(), err);")
        L.append(" cleanup:")
        L += ["    " + x for x in self.s_free]
        if f.ret and rt != "void":
            if self.ret_kind == "string":
                L.append("    g_free(ret);")
            elif self.ret_kind == "handle":
                L.append("    virObjectUnrefHandle(ret);")
        L.append("    return rv;")
        L.append("}\n")
        return "\n".join(L) + "\n"


def remote_functions(api: model.Api):
    """(generated, hand-written) functions of the protocol, by proc number."""
    gen, glue = [], []
    for f in sorted(api.functions + api.internal, key=lambda f: f.proc or 0):
        if f.impl != "driver" or f.proc is None:
            continue
        if "remote" in f.overrides:
            glue.append(f)
        else:
            gen.append(f)
    return gen, glue


def build_all(api: model.Api):
    gens, problems = [], []
    gen, _ = remote_functions(api)
    for f in gen:
        g = Gen(api, f)
        try:
            g.build()
        except Unsupported as e:
            problems.append(f"{api.path}:{f.line}: {f.name}: the remote generator cannot carry {e}; "
                            "mark it override=\"remote\" and write its glue")
            continue
        gens.append(g)
    return gens, problems


HEAD = """#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "datatypes.h"
#include "virerror.h"
#include "virnetmessage.h"
#include "virtypedparam.h"

#pragma GCC diagnostic ignored "-Wunused-label"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wdiscarded-qualifiers"
#pragma GCC diagnostic ignored "-Wincompatible-pointer-types"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wcast-function-type"

"""


def emit_client(api: model.Api) -> str:
    gens, problems = build_all(api)
    if problems:
        raise SystemExit("\n".join(problems))
    o = Out()
    o.add("/*\n * remote_client_gen.c: the remote driver's methods, one per api.xml function\n"
          " * with a proc= number (see generator/virtkit_gen/emit_remote.py).\n */\n")
    o.add(HEAD)
    o.add('#include "remote_driver_private.h"\n\n')
    o.add(emit_handle_helpers())
    for g in gens:
        o.add(g.client(g.f.proc))
    o.add(emit_event_client(api))
    o.add("void\nremoteFillTables(virHypervisorDriver *hv, virNetworkDriver *net,\n"
          "                 virStorageDriver *storage, virInterfaceDriver *iface,\n"
          "                 virNodeDeviceDriver *nodedev, virSecretDriver *secret,\n"
          "                 virNWFilterDriver *nwfilter)\n{\n")
    tabvar = {"hypervisor": "hv", "network": "net", "storage": "storage", "interface": "iface",
              "nodedev": "nodedev", "secret": "secret", "nwfilter": "nwfilter"}
    for g in gens:
        if g.f.driver in tabvar:
            o.add(f"    {tabvar[g.f.driver]}->{g.f.slot} = remote{g.f.name[3:]};\n")
    o.add("}\n")
    return o.text()


def emit_dispatch(api: model.Api) -> str:
    gens, problems = build_all(api)
    if problems:
        raise SystemExit("\n".join(problems))
    o = Out()
    o.add("/*\n * remote_dispatch_gen.c: virtkitd's dispatchers, one per api.xml function\n"
          " * with a proc= number (see generator/virtkit_gen/emit_remote.py).\n */\n")
    o.add(HEAD)
    o.add('#include "remote_dispatch.h"\n\n')
    o.add(emit_handle_helpers())
    for g in gens:
        o.add(g.server())
    o.add(emit_event_daemon(api))
    o.add("const remoteDispatchEntry remoteDispatchTable[] = {\n")
    for g in gens:
        o.add(f"    {{ {g.f.proc}, \"{g.f.name}\", remoteDispatch{g.f.name[3:]} }},\n")
    o.add("};\n")
    o.add("const size_t remoteDispatchTableSize = G_N_ELEMENTS(remoteDispatchTable);\n")
    return o.text()


def report(api: model.Api) -> list[str]:
    return build_all(api)[1]


def proc_macro(f: model.Function) -> str:
    """virConnectGetType -> REMOTE_PROC_CONNECT_GET_TYPE"""
    import re
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", f.name[3:])
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", words)
    return "REMOTE_PROC_" + words.upper()


def emit_procs(api: model.Api) -> str:
    """remote_protocol.h: every procedure number by name, for the glue."""
    o = Out()
    o.add("/*\n * remote_protocol.h: the procedure number of every api.xml function\n"
          " * (proc=), for the hand-written glue of both ends.\n */\n#pragma once\n\n")
    gen, glue = remote_functions(api)
    for f in sorted(gen + glue, key=lambda f: f.proc):
        o.add(f"#define {proc_macro(f)} {f.proc}\n")
    return o.text()


# ---- domain events ----
# Each virDomainEventID has a callback type in api.xml; the event's values
# travel in that type's parameter order, between the domain and OPAQUE.

EVENT_CALLBACK_EXCEPTIONS = {
    "VIR_DOMAIN_EVENT_ID_LIFECYCLE": "virConnectDomainEventCallback",
    "VIR_DOMAIN_EVENT_ID_REBOOT": "virConnectDomainEventGenericCallback",
    "VIR_DOMAIN_EVENT_ID_CONTROL_ERROR": "virConnectDomainEventGenericCallback",
    "VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2": "virConnectDomainEventBlockJobCallback",
}


def domain_events(api: model.Api):
    """(event id value, id name, callback) of every domain event."""
    enum = api.enum("virDomainEventID")
    if enum is None:            # a schema without domain events
        return []
    by_key = {}
    for cb in api.callbacks:
        if cb.name.startswith("virConnectDomainEvent") and cb.name.endswith("Callback"):
            by_key[cb.name[len("virConnectDomainEvent"):-len("Callback")].lower()] = cb
    out = []
    for v in enum.values:
        if v.name.endswith("_LAST"):
            continue
        name = EVENT_CALLBACK_EXCEPTIONS.get(v.name)
        if name:
            cb = next(c for c in api.callbacks if c.name == name)
        else:
            key = v.name[len("VIR_DOMAIN_EVENT_ID_"):].replace("_", "").lower()
            cb = by_key.get(key)
            if cb is None:
                raise SystemExit(f"{api.path}:{v.line}: no callback type for {v.name}")
        out.append((v.resolved, v.name, cb))
    return out


class EventGen(Gen):
    """The values of one domain event, for both ends."""

    def __init__(self, api, cb):
        super().__init__(api, None)
        self.cb = cb
        self.struct_frees: list = []
        self.d_put: list[str] = []     # daemon: write the values
        self.c_decl: list[str] = []    # client: locals
        self.c_read: list[str] = []    # client: read them
        self.c_args: list[str] = []
        self.c_free: list[str] = []
        params = cb.params[2:-1]       # between the domain and OPAQUE
        skip = set()
        for i, p in enumerate(params):
            if p.name in skip:
                continue
            t = p.type.strip()
            n = p.name
            if t == "virTypedParameterPtr":
                cnt = params[i + 1]
                skip.add(cnt.name)
                self.d_put.append(f"virNetPutParams(&msg, {n}, {cnt.name});")
                self.c_decl += [f"virTypedParameterPtr {n} = NULL;", f"int {cnt.name} = 0;"]
                self.c_read.append(f"if (virNetGetParams(body, &{n}, &{cnt.name}) < 0) goto error;")
                self.c_args += [n, cnt.name]
                self.c_free.append(f"virTypedParamsFree({n}, {cnt.name});")
                continue
            if t == "const char *":
                self.d_put.append(f"virNetPutOptString(&msg, {n});")
                self.c_decl.append(f"char *{n} = NULL;")
                self.c_read.append(f"if (virNetGetOptString(body, &{n}) < 0) goto error;")
                self.c_args.append(n)
                self.c_free.append(f"g_free({n});")
                continue
            if t.startswith("const ") and t.endswith(" *") and self.api.struct(t[6:-2]):
                sname = self.api.struct(t[6:-2]).name
                put = " ".join(self.struct_codec(sname, f"(*{n})", True, "&msg"))
                get = " ".join(self.struct_codec(sname, f"{n}_v", False, "body"))
                self.d_put.append(f"virNetPutU8(&msg, {n} != NULL); if ({n}) {{ {put} }}")
                self.c_decl += [f"{sname} {n}_v = {{ 0 }};", f"bool {n}_given = false;"]
                self.c_read.append(f"if (virNetGetBool(body, &{n}_given) < 0)\n        goto error;")
                self.c_read.append(f"if ({n}_given) {{ {get} }}")
                self.c_args.append(f"{n}_given ? &{n}_v : NULL")
                self.c_free.append(f"/* {n}_v: its strings are released with the message's */")
                self.struct_frees.append((sname, f"{n}_v"))
                continue
            sc = self.scalar(t)
            if sc is None:
                raise SystemExit(f"{self.api.path}:{cb.line}: {cb.name}: cannot carry {t}")
            acc, wt = sc
            self.d_put.append(f"virNetPut{acc}(&msg, ({wt}){n});")
            self.c_decl.append(f"{decl(t, n)} = 0;")
            self.c_read.append(f"{{ {wt} v_; if (virNetGet{acc}(body, &v_) < 0) goto error; {n} = v_; }}")
            self.c_args.append(n)

    def free_struct(self, sname: str, var: str, depth: int = 0) -> list[str]:
        st = self.api.struct(sname)
        byname = {m.name: m for m in st.members}
        out = []
        for m in st.members:
            t = m.type.strip()
            f = f"{var}.{m.name}"
            if t == "char *":
                out.append(f"g_free({f});")
            elif t.endswith("Ptr") and self.api.struct(t):
                singular = m.name[:-3] + "y" if m.name.endswith("ies") else m.name.rstrip("s")
                cnt = next((c for c in ("n" + m.name, "n" + singular) if c in byname), None)
                if cnt is None:
                    continue
                i = f"i{depth}_"
                inner = " ".join(self.free_struct(self.api.struct(t).name, f"{f}[{i}]", depth + 1))
                out.append(f"for (int {i} = 0; {f} && {i} < (int){var}.{cnt}; {i}++) {{ {inner} }} g_free({f});")
        return out


def emit_event_daemon(api: model.Api) -> str:
    """The daemon's callback of every domain event and their table."""
    o = []
    names = []
    for value, name, cb in domain_events(api):
        g = EventGen(api, cb)
        fn = "remoteEventDomain" + "".join(w.capitalize() for w in name[len("VIR_DOMAIN_EVENT_ID_"):].split("_"))
        args = ", ".join(decl(p.type, p.name) for p in cb.params)
        rt = cb.ret.type if cb.ret else "void"
        o.append(f"static {rt}\n{fn}({args})\n{{\n    g_auto(virNetBuf) msg = {{ 0 }};\n\n"
                 f"    remoteEventMessageBegin(opaque, &msg, {value});\n"
                 f"    remoteEventPutDomain(&msg, dom);\n")
        o += ["    " + x + "\n" for x in g.d_put]
        o.append("    remoteEventMessageSend(opaque, &msg);\n")
        if rt != "void":
            o.append("    return 0;\n")
        o.append("}\n\n")
        names.append((value, fn))
    o.append("const virConnectDomainEventGenericCallback remoteDomainEventCallbacks[] = {\n")
    for value, fn in sorted(names):
        o.append(f"    [{value}] = VIR_DOMAIN_EVENT_CALLBACK({fn}),\n")
    o.append("};\nconst size_t remoteDomainEventCallbacksSize = G_N_ELEMENTS(remoteDomainEventCallbacks);\n")
    return "".join(o)


def emit_event_client(api: model.Api) -> str:
    """The client's reader of every domain event and their table."""
    o = []
    names = []
    for value, name, cb in domain_events(api):
        g = EventGen(api, cb)
        fn = "remoteEventDeliverDomain" + "".join(w.capitalize() for w in name[len("VIR_DOMAIN_EVENT_ID_"):].split("_"))
        o.append(f"static int\n{fn}(virConnectPtr conn_, virDomainPtr dom, virNetBuf *body,\n"
                 f"    void (*cbfn)(void), void *opaque)\n{{\n")
        o += ["    " + x + "\n" for x in g.c_decl]
        o.append("    int ret = -1;\n\n")
        o += ["    " + x + "\n" for x in g.c_read]
        o.append("    if (virNetBufCheckEnd(body) < 0)\n        goto error;\n")
        call_args = ", ".join(["conn_", "dom"] + g.c_args + ["opaque"])
        o.append(f"    (({cb.name})(void (*)(void))cbfn)({call_args});\n    ret = 0;\n error:\n")
        o += ["    " + x + "\n" for x in g.c_free if not x.startswith("/*")]
        for sname, var in g.struct_frees:
            o += ["    " + x + "\n" for x in g.free_struct(sname, var)]
        o.append("    return ret;\n}\n\n")
        names.append((value, fn))
    o.append("const remoteEventDeliverFunc remoteDomainEventDeliver[] = {\n")
    for value, fn in sorted(names):
        o.append(f"    [{value}] = {fn},\n")
    o.append("};\nconst size_t remoteDomainEventDeliverSize = G_N_ELEMENTS(remoteDomainEventDeliver);\n")
    return "".join(o)
