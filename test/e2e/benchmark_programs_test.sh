#!/usr/bin/env bash
# The benchmark programs: the runner's seed table equals the seed document's
# (test/e2e/seed_table.txt, copied from it), and every program prints the same
# output instrumented as original.
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d /tmp/bytedmd-bench-test-XXXXXX)
trap 'rm -rf "$work"' EXIT
BYTEDMD_BUILD_DIR=$build "$source/benchmarks/run" --table-only > "$work/table.txt"
diff -u "$source/test/e2e/seed_table.txt" "$work/table.txt"

instrument=$build/bin/bytedmd-instrument
check() { # source untracked args...
  local src=$1 untracked=$2; shift 2
  local name; name=$(basename "$src" .cpp)
  if [ ! -x "$work/$name.plain" ]; then
    c++ -std=c++17 -O2 "$src" -o "$work/$name.plain"
    "$instrument" "$src" --untracked="$untracked" -o "$work/$name.bytedmd.cpp" -- -std=c++17 2>/dev/null
    c++ -O2 "$work/$name.bytedmd.cpp" $("$instrument" --print-flags) -o "$work/$name.bytedmd"
  fi
  diff <("$work/$name.plain" "$@") <(BYTEDMD_REPORT="$work/r.json" "$work/$name.bytedmd" "$@")
  grep -q '"approximate": false' "$work/r.json"
}
for a in matvec vecmat matmul ijk ikj jik jki kij kji tiled tiled_published recursive strassen winograd; do
  check "$source/benchmarks/linalg/linalg.cpp" block "$a" 8 4
done
check "$source/benchmarks/attention/attention.cpp" flash_attention:block naive 32
check "$source/benchmarks/attention/attention.cpp" flash_attention:block flash 32 8
echo "seed table and benchmark programs: ok"
