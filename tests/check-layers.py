#!/usr/bin/python3
"""The layering rules of STYLE.md, checked on every #include:

    util -> conf, rpc -> handles (core/src/*.h) -> drivers -> api -> daemon

(conf and rpc are one level: neither includes the other's headers.)

A file may include headers of its own layer or lower ones only, and no
driver includes another driver's headers; drivers/common (what every
driver shares) is open to all of them and includes no driver's.  Prints each violation and exits
1 when there is any.
"""
import pathlib
import re
import sys

CORE = pathlib.Path(__file__).resolve().parent.parent / "core"
SRC = CORE / "src"
DAEMON = CORE / "daemon"
RANK = {"util": 0, "conf": 1, "rpc": 1, "handles": 2, "drivers": 3, "api": 4, "daemon": 5}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path: pathlib.Path):
    if path.is_relative_to(DAEMON):
        return "daemon", None
    rel = path.relative_to(SRC).parts
    if rel[0] == "drivers":
        return "drivers", rel[1]
    if len(rel) == 1:
        return "handles", None
    return (rel[0] if rel[0] in RANK else "api"), None


def main() -> int:
    headers = {}
    for h in list(SRC.rglob("*.h")) + list(DAEMON.rglob("*.h")):
        headers.setdefault(h.name, h)
    bad = []
    files = [f for d in (SRC, DAEMON) for pat in ("*.c", "*.h") for f in d.rglob(pat)]
    for f in sorted(files):
        layer, driver = layer_of(f)
        for name in INCLUDE.findall(f.read_text(encoding="utf-8")):
            target = headers.get(pathlib.Path(name).name)
            if target is None:
                continue   # generated (driver.h) or system header
            tlayer, tdriver = layer_of(target)
            if RANK[tlayer] > RANK[layer] or (RANK[tlayer] == RANK[layer] and tlayer != layer):
                bad.append(f"{f.relative_to(CORE)}: {layer} must not include {tlayer} header {name}")
            elif tdriver and driver and tdriver != driver and tdriver != "common":
                bad.append(f"{f.relative_to(CORE)}: driver {driver} must not include driver {tdriver}'s {name}")
    for b in bad:
        print(b)
    print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
