"""Emit the C glue between the public API and the drivers.

driver.h: one function-pointer type per driver-implemented function and
the driver tables holding them (a driver fills in the slots it
implements: `.domainSuspend = testDomainSuspend`).

libvirt-api.c: the public entry point of every driver-implemented
function, all of the same shape: log the arguments, reset the last error,
validate the handle, refuse writes on a read-only connection, check the
arguments and flag bits, dispatch to the driver or report that the driver
does not support it, and on failure copy the error to the connection.
"""

from __future__ import annotations

from . import model
from .emit_header import decl, prototype
from .template import Out, fill

# driver= value -> (table type, member of virConnect and virConnectDriver)
TABLES = {
    "hypervisor": ("virHypervisorDriver", "driver"),
    "interface": ("virInterfaceDriver", "interfaceDriver"),
    "network": ("virNetworkDriver", "networkDriver"),
    "nodedev": ("virNodeDeviceDriver", "nodeDeviceDriver"),
    "nwfilter": ("virNWFilterDriver", "nwfilterDriver"),
    "secret": ("virSecretDriver", "secretDriver"),
    "storage": ("virStorageDriver", "storageDriver"),
    # streams carry their own table, set by the driver that opened them
    "stream": ("virStreamDriver", None),
}

# error domain and invalid-handle code for methods of each object
OBJECT_ERRORS = {
    # libvirt reports even connection-level hypervisor calls from VIR_FROM_DOMAIN
    "virConnect": ("VIR_FROM_DOMAIN", "VIR_ERR_INVALID_CONN"),
    "virDomain": ("VIR_FROM_DOMAIN", "VIR_ERR_INVALID_DOMAIN"),
    "virNetwork": ("VIR_FROM_NETWORK", "VIR_ERR_INVALID_NETWORK"),
    "virNetworkPort": ("VIR_FROM_NETWORK", "VIR_ERR_INVALID_NETWORK_PORT"),
    "virInterface": ("VIR_FROM_INTERFACE", "VIR_ERR_INVALID_INTERFACE"),
    "virStoragePool": ("VIR_FROM_STORAGE", "VIR_ERR_INVALID_STORAGE_POOL"),
    "virStorageVol": ("VIR_FROM_STORAGE", "VIR_ERR_INVALID_STORAGE_VOL"),
    "virNodeDevice": ("VIR_FROM_NODEDEV", "VIR_ERR_INVALID_NODE_DEVICE"),
    "virSecret": ("VIR_FROM_SECRET", "VIR_ERR_INVALID_SECRET"),
    "virNWFilter": ("VIR_FROM_NWFILTER", "VIR_ERR_INVALID_NWFILTER"),
    "virNWFilterBinding": ("VIR_FROM_NWFILTER", "VIR_ERR_INVALID_NWFILTER_BINDING"),
    "virStream": ("VIR_FROM_STREAMS", "VIR_ERR_INVALID_STREAM"),
    "virDomainSnapshot": ("VIR_FROM_DOMAIN_SNAPSHOT", "VIR_ERR_INVALID_DOMAIN_SNAPSHOT"),
    "virDomainCheckpoint": ("VIR_FROM_DOMAIN_CHECKPOINT", "VIR_ERR_INVALID_DOMAIN_CHECKPOINT"),
}

DRIVER_ERROR_DOMAINS = {
    "network": "VIR_FROM_NETWORK",
    "interface": "VIR_FROM_INTERFACE",
    "storage": "VIR_FROM_STORAGE",
    "nodedev": "VIR_FROM_NODEDEV",
    "secret": "VIR_FROM_SECRET",
    "nwfilter": "VIR_FROM_NWFILTER",
}

# libvirt reports an invalid domain handle from VIR_FROM_DOM, not VIR_FROM_DOMAIN
INVALID_HANDLE_DOMAIN = {"virDomain": "VIR_FROM_DOM"}

UNSIGNED = ("unsigned", "size_t")


def driver_functions(api: model.Api, table: str):
    return [f for f in api.functions + api.internal if f.impl == "driver" and f.driver == table]


def emit_driver_h(api: model.Api) -> str:
    o = Out()
    o.add("""/*
 * driver.h: the tables a driver fills in, one slot per API function.
 *
 * A slot has exactly the signature of its public function; the entry
 * point has already validated the handle, the read-only state, the
 * arguments and the flag bits named in api.xml before calling it, so a
 * driver only checks the flags it does not implement (virCheckFlags).
 */
#pragma once

#include <libvirt/libvirt.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/virterror.h>

#include "viruri.h"

typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_ERROR = -1,
    VIR_DRV_OPEN_DECLINED = -2,
} virDrvOpenStatus;

/* Open CONN for URI: claim it (SUCCESS, after setting conn->privateData),
 * leave it to another driver (DECLINED) or fail with an error reported. */
typedef virDrvOpenStatus (*virDrvConnectOpen)(virConnectPtr conn,
                                              virURI *uri,
                                              virConnectAuthPtr auth,
                                              unsigned int flags);
typedef int (*virDrvConnectClose)(virConnectPtr conn);

""")
    for table, (tname, _) in TABLES.items():
        funcs = driver_functions(api, table)
        for f in funcs:
            rt = f.ret.type if f.ret else "void"
            args = ",\n    ".join(decl(p.type, p.name) for p in f.params)
            o.add(f"typedef {rt} (*virDrv{f.name[3:]})({args});\n")
        o.add(f"\ntypedef struct _{tname} {tname};\n")
        o.add(f"struct _{tname} {{\n")
        if table != "stream":
            o.add("    const char *name;                 /* e.g. \"Test\" */\n")
        if table == "hypervisor":
            o.add("    const char *const *uriSchemes;    /* NULL-terminated URI schemes it serves */\n")
            o.add("    virDrvConnectOpen connectOpen;\n")
            o.add("    virDrvConnectClose connectClose;\n")
        for f in funcs:
            o.add(f"    virDrv{f.name[3:]} {f.slot};\n")
        o.add("};\n\n")
    o.add("/* What a driver registers: its hypervisor table (which says which URIs\n"
          " * it serves) and the tables of the other object kinds it manages;\n"
          " * a NULL table makes those functions \"not supported\". */\n")
    o.add("typedef struct _virConnectDriver virConnectDriver;\n")
    o.add("struct _virConnectDriver {\n")
    for table, (tname, member) in TABLES.items():
        if member is None:
            continue
        field = "hypervisorDriver" if table == "hypervisor" else member
        o.add(f"    {tname} *{field};\n")
    o.add("};\n\n")
    o.add("/* Make DRIVER available to virConnectOpen (core/src/api/connect.c). */\n")
    o.add("int virRegisterConnectDriver(virConnectDriver *driver);\n")
    if api.internal:
        o.add("\n/* The internal entry points (api.xml internal=\"yes\"): exported by no\n"
              " * header of the public API and by no binding; the core and the\n"
              " * daemon call them (the phases of a migration). */\n")
    for f in api.internal:
        o.add(f"\n/* {f.doc} */\n{prototype(f)};\n")
    return o.text()


def _fmt(api: model.Api, p: model.Param) -> tuple[str, str]:
    """printf format and argument to log parameter P."""
    t = p.type.strip()
    if p.stars == 0:
        base = p.base
        if base in ("unsigned int", "unsigned"):
            return ("0x%x" if p.name == "flags" else "%u"), p.name
        if base == "int":
            return "%d", p.name
        if base == "unsigned long":
            return "%lu", p.name
        if base in ("long long", "long long int"):
            return "%lld", p.name
        if base in ("unsigned long long", "unsigned long long int"):
            return "%llu", p.name
        if base == "double":
            return "%f", p.name
        if t.endswith("Ptr"):
            return "%p", f"(void *){p.name}"
        if any(cb.name == base for cb in api.callbacks):
            return "%p", f"(void *)(size_t){p.name}"
        return "%d", f"(int){p.name}"
    if p.base == "char" and t.startswith("const") and p.stars == 1:
        return "%s", f"{p.name} ? {p.name} : \"(null)\""
    return "%p", f"(void *){p.name}"


def _sentinel_test(f: model.Function) -> str:
    r = f.ret
    if r is None:
        return ""
    if r.error == "NULL":
        return "ret == NULL"
    return f"ret == {r.error}"


def emit_entry(api: model.Api, f: model.Function) -> str:
    obj = api.object(f.object)
    errdom, invalid = OBJECT_ERRORS[obj.name]
    if obj.name == "virDomain" and "Snapshot" in f.name:
        errdom = "VIR_FROM_DOMAIN_SNAPSHOT"
    elif obj.name == "virDomain" and "Checkpoint" in f.name:
        errdom = "VIR_FROM_DOMAIN_CHECKPOINT"
    if obj.name == "virConnect" and f.driver in DRIVER_ERROR_DOMAINS:
        # connection-level calls of an area report from that area's domain
        # (virConnectListAllStoragePools fails from VIR_FROM_STORAGE)
        errdom = DRIVER_ERROR_DOMAINS[f.driver]
    selfp = f.params[0]
    conn_expr = "conn" if obj.name == "virConnect" else None
    lines = []
    w = lines.append
    w(f"#undef VIR_FROM_THIS\n#define VIR_FROM_THIS {errdom}\n")
    w(prototype(f).replace(f" {f.name}(", f"\n{f.name}(", 1).replace(",\n    ", ",\n" + " " * (len(f.name) + 1)))
    w("{")
    rt = f.ret.type if f.ret else "void"
    err_ret = f.ret.error if f.ret else None
    if selfp.name != "conn":
        w("    virConnectPtr conn = NULL;")
    w(f"    {decl(rt, 'ret')};\n" if f.ret else "")
    for p in f.params:
        if p.check == "abspath":
            w(f"    g_autofree char *abs_{p.name} = NULL;")
    fmts = [_fmt(api, p) for p in f.params]
    w('    VIR_DEBUG("%s", %s);' % (", ".join(f"{p.name}={fm}" for p, (fm, _) in zip(f.params, fmts)),
                                 ", ".join(a for _, a in fmts)))
    w("    virResetLastError();")
    valid = "virConnectIsValid" if obj.name == "virConnect" else f"{obj.name}IsValid"
    w(f"    if (!{valid}({selfp.name})) {{")
    w(f'        virReportErrorHelper({INVALID_HANDLE_DOMAIN.get(obj.name, errdom)}, {invalid}, __FILE__, __func__, __LINE__, "%s", __func__);')
    w("        virDispatchError(NULL);")
    w(f"        return {err_ret};" if f.ret else "        return;")
    w("    }")
    if obj.name != "virConnect":
        w(f"    conn = {owner_conn(api, obj, selfp.name)};")
    elif selfp.name != "conn":
        w(f"    conn = {selfp.name};")
    if f.access == "write":
        w("    if (conn->flags & VIR_CONNECT_FLAG_RO) {")
        w(f'        virReportErrorHelper({errdom}, VIR_ERR_OPERATION_DENIED, __FILE__, __func__, __LINE__, "read only access prevents %s", __func__);')
        w("        goto error;")
        w("    }")
    def emit_check(p):
        if not (p.check and (p.stars == 0 or p.check == "abspath")):
            return
        if p.check == "abspath":
            # a file the driver (perhaps a daemon with another working
            # folder) opens: relative to the caller's folder, as libvirt
            # makes it
            w(f"    if ({p.name} && !g_path_is_absolute({p.name})) {{")
            w("        g_autofree char *cwd = g_get_current_dir();")
            w("")
            w(f"        {p.name} = abs_{p.name} = g_build_filename(cwd, {p.name}, NULL);")
            w("    }")
            return
        unsigned = p.base.startswith(UNSIGNED)
        if p.check == "kib":
            # a memory size in KiB: not zero, and its size in bytes must
            # fit a long long (libvirt's bound, checked before the driver)
            w(f"    if ({p.name} == 0) {{")
            w(f"        virReportInvalidNonZeroArg({p.name});")
            w("        goto error;")
            w("    }")
            w(f"    if ({p.name} >= LLONG_MAX / 1024) {{")
            w(f'        virReportErrorHelper(VIR_FROM_DOMAIN, VIR_ERR_OVERFLOW, __FILE__, __func__, __LINE__, "input too large: %lu", {p.name});')
            w("        goto error;")
            w("    }")
            return
        if p.check == "positive":
            cond, macro = (f"{p.name} == 0", "virReportInvalidNonZeroArg") if unsigned else \
                          (f"{p.name} <= 0", "virReportInvalidPositiveArg")
        else:
            if unsigned:
                return
            cond, macro = f"{p.name} < 0", "virReportInvalidNonNegativeArg"
        w(f"    if ({cond}) {{")
        w(f"        {macro}({p.name});")
        w("        goto error;")
        w("    }")

    # an array's length is checked right after the array, as libvirt does
    # (virNodeGetCellsFreeMemory: freeMems, then maxCells, then startCell)
    checked_early = set()
    for p in f.params[1:]:
        if p.pointer and not p.null:
            w(f"    if (!{p.name}) {{")
            w(f"        virReportInvalidNonNullArg({p.name});")
            w("        goto error;")
            w("    }")
            length = f.param(p.len) if p.len else None
            if length is not None and length.check and f.params.index(length) > f.params.index(p):
                emit_check(length)
                checked_early.add(length.name)
        if p.name not in checked_early:
            emit_check(p)
        if p.flags:   # flags="none": the driver checks with virCheckFlags(0)
            mask = 0
            for en in p.flags:
                mask |= api.enum(en).mask()
            w(f"    if ({p.name} & ~0x{mask:x}U) {{")
            w(f'        virReportInvalidArg({p.name}, "unsupported flags (0x%x) in function %s", (unsigned int)({p.name} & ~0x{mask:x}U), __func__);')
            w("        goto error;")
            w("    }")
    member = TABLES[f.driver][1]
    table = f"conn->{member}" if member else f"{selfp.name}->driver"
    w(f"    if (!{table} || !{table}->{f.slot}) {{")
    w(f'        virReportErrorHelper({errdom}, VIR_ERR_NO_SUPPORT, __FILE__, __func__, __LINE__, "%s", __func__);')
    w("        goto error;")
    w("    }")
    call = f"{table}->{f.slot}({', '.join(p.name for p in f.params)})"
    if f.ret:
        w(f"    ret = {call};")
        if err_ret != "none":
            w(f"    if ({_sentinel_test(f)})")
            w("        goto error;")
        w("    return ret;")
    else:
        w(f"    {call};")
        w("    return;")
    w("")
    w(" error:")
    w("    virDispatchError(conn);")
    w(f"    return {err_ret};" if f.ret else "    return;")
    w("}\n\n")
    return "\n".join(x for x in lines if x is not None)


def owner_conn(api: model.Api, obj: model.Object, var: str) -> str:
    """The expression reaching the connection from a handle VAR of OBJ."""
    return f"{var}->conn"


def emit_entries(api: model.Api) -> str:
    o = Out()
    o.add("""/*
 * libvirt-api.c: the public entry points of every driver-implemented
 * function of api.xml.  Hand-written entry points (impl="core") live in
 * core/src/api/.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "datatypes.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"

#pragma GCC diagnostic ignored "-Wunused-label"

""")
    for f in api.functions + api.internal:
        if f.impl == "driver":
            o.add(emit_entry(api, f))
    return o.text()
