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
