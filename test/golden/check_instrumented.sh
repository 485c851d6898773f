#!/usr/bin/env bash
# The instrumented text of a few golden sources, compared with the committed
# expectation byte for byte: a change to the rewriter that alters it must
# update the expectation on purpose (run with --update and review the diff).
#
#   check_instrumented.sh BUILD_DIR SOURCE_DIR [--update]
set -euo pipefail
build=$1
src=$2
update=${3:-}
instrument="$build/bin/bytedmd-instrument"
cd "$src"
failed=0
while IFS='|' read -r name source options; do
  case "$name" in '' | '#'*) continue ;; esac
  expected="test/golden/instrumented/$name"
  # Paths in the output are relative to the working directory: run from the
  # source tree with relative paths, as the expectation was made.
  # shellcheck disable=SC2086
  actual=$("$instrument" "$source" $options -- -std=c++17 -I runtime/include 2>/dev/null)
  if [ "$update" = "--update" ]; then
    printf '%s\n' "$actual" >"$expected"
  elif ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "check_instrumented: $source ($options) no longer rewrites to $expected" >&2
    failed=1
  fi
done <test/golden/instrumented/MANIFEST
exit $failed
