"""Command line of the generator: parse -> check -> one emitter."""

from __future__ import annotations

import os
import sys

from . import check, emit_c, emit_header, parse
from .template import write_if_changed


def load(path: str):
    return check.check(parse.parse(path))


def emit_symbols(api) -> str:
    names = sorted([f.name for f in api.functions] + [v.name for v in api.variables])
    body = "".join(f"        {n};\n" for n in names)
    return ("/* generated from api.xml - do not edit */\n"
            "LIBVIRTKIT_9.0.0 {\n    global:\n" + body + "    local:\n        *;\n};\n")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, what = argv[0], argv[1]
    try:
        api = load(path)
    except parse.ApiError as e:
        print(str(e), file=sys.stderr)
        return 1
    if what == "check":
        return 0
    out = argv[2]
    if what == "headers":
        write_if_changed(os.path.join(out, "libvirt.h"), emit_header.emit_main(api))
        write_if_changed(os.path.join(out, "virterror.h"), emit_header.emit_virterror(api))
        for m in api.modules:
            if m.name != "libvirt":
                write_if_changed(os.path.join(out, m.header), emit_header.emit_module(api, m))
    elif what == "driver":
        write_if_changed(os.path.join(out, "driver.h"), emit_c.emit_driver_h(api))
        write_if_changed(os.path.join(out, "libvirt-api.c"), emit_c.emit_entries(api))
    elif what == "python":
        from . import emit_python
        emit_python.emit(api, out, argv[3:])
    elif what in ("ruby", "perl"):
        # virtkit-gen API.XML ruby|perl OUTDIR: the SWIG interface and the
        # idiomatic layer of that language (emit_ruby.py / emit_perl.py)
        import importlib
        emitter = importlib.import_module(f".emit_{what}", __package__)
        for path, text in emitter.emit(api, out).items():
            write_if_changed(path, text)
    elif what == "remote":
        # virtkit-gen API.XML remote client|dispatch|report OUTFILE
        from . import emit_remote
        if out == "report":
            for line in emit_remote.report(api):
                print(line)
            return 0
        emit = {"client": emit_remote.emit_client, "dispatch": emit_remote.emit_dispatch,
                "procs": emit_remote.emit_procs}[out]
        write_if_changed(argv[3], emit(api))
    elif what == "symbols":
        write_if_changed(out, emit_symbols(api))
    else:
        print(f"virtkit-gen: unknown output '{what}'", file=sys.stderr)
        return 2
    return 0
