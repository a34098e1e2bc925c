#!/bin/sh
# run-fuzz.sh TARGET SEEDS SECONDS: run a libFuzzer TARGET for SECONDS over
# a corpus that starts as a copy of the seed folder SEEDS and one call of
# every procedure (written by TARGET), so nothing new lands in the source
# tree.  The corpus folder is removed at the end;
# a crashing input is kept next to TARGET as crash-* for a regression case.
set -eu
target=$1
seeds=$2
seconds=$3
corpus=$(mktemp -d "${TMPDIR:-/tmp}/vk-fuzz-XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM
cp "$seeds"/*.bin "$corpus"/
VIRTKIT_FUZZ_WRITE_SEEDS="$corpus" "$target"
"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$(dirname "$target")/" "$corpus"
