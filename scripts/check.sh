#!/bin/sh
# The whole test suite: install and build (scripts/setup.sh), run every test
# of the build, then build the C parts again with AddressSanitizer and
# UndefinedBehaviorSanitizer and run the C tests there too.
set -eu
cd "$(dirname "$0")/.."

scripts/setup.sh
meson test -C build --print-errorlogs

[ -f build-sanitize/build.ninja ] ||
    meson setup build-sanitize -Db_sanitize=address,undefined >/dev/null
meson compile -C build-sanitize >/dev/null
# The Python tests load the extension into an uninstrumented interpreter, so
# only the C programs run under the sanitizers.
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-sanitize --print-errorlogs --suite virtkit:c

# One closing line over both runs, counted from meson's logs.
/usr/bin/python3 - <<'PY'
import json
passed = failed = skipped = 0
for log in ("build/meson-logs/testlog.json", "build-sanitize/meson-logs/testlog.json"):
    with open(log) as f:
        for line in f:
            result = json.loads(line)["result"]
            if result == "OK":
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
