#!/bin/sh
# Run compare-sample.rb under Debian's ruby-libvirt and under virtkit
# (RUBYLIB=build/bindings/ruby) and diff the outputs.  Needs ruby-libvirt.
set -e
here=$(dirname "$0")
b=${VIRTKIT_BUILDDIR:?set VIRTKIT_BUILDDIR to the build directory}
# without Debian's ruby-libvirt there is nothing to compare with: skip
env -u RUBYLIB ruby -e 'require "libvirt"' 2>/dev/null || exit 77
ref=$(mktemp) ours=$(mktemp)
trap 'rm -f "$ref" "$ours"' EXIT
env -u RUBYLIB ruby "$here/compare-sample.rb" >"$ref" 2>&1
LD_LIBRARY_PATH="$b/core/src" RUBYLIB="$b/bindings/ruby" ruby "$here/compare-sample.rb" >"$ours" 2>&1
diff -u "$ref" "$ours"
echo "same output ($(wc -l <"$ours") lines)"
