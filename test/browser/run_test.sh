#!/usr/bin/env bash
# run_test.sh BUILD_DIR SOURCE_DIR - measures my_add, matvec and the others,
# writes their pages with `bytedmd html`, and drives them in headless
# Chromium (stack_steps.mjs), keeping screenshots (the stack after five
# steps, a summary) in BUILD_DIR/browser-test. playwright-core is installed
# from the committed lock file into the build tree, so the source tree stays
# clean. Exits 77 (CTest: skipped, with the reason) when Chromium, node or
# playwright-core cannot be had: a skip, never a pass.
set -euo pipefail
build=$1
source=$2
here="$source/test/browser"
work="$build/browser-test"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/stack_steps.mjs" "$work/"
cd "$work"
command -v node >/dev/null || { echo "browser test SKIPPED: no node; run scripts/bootstrap --tests" >&2; exit 77; }
# The stamp records which lock file node_modules was installed from.
if ! cmp -s package-lock.json node_modules/.bytedmd-lock 2>/dev/null; then
  command -v npm >/dev/null || { echo "browser test SKIPPED: no npm; run scripts/bootstrap --tests" >&2; exit 77; }
  npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
    { echo "browser test SKIPPED: 'npm ci' could not install playwright-core; is the npm registry reachable?" >&2; exit 77; }
  cp package-lock.json node_modules/.bytedmd-lock
fi
chromium=${BYTEDMD_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "browser test SKIPPED: no chromium; run scripts/bootstrap --tests" >&2; exit 77; }
cp "$source/test/e2e/cases/scalars.cpp" .
"$build/bin/bytedmd" run scalars.cpp --function=my_add --names --report=my_add.json >/dev/null
"$build/bin/bytedmd" html my_add.json -o my_add.html
cp "$source/examples/matvec.cpp" .
"$build/bin/bytedmd" run matvec.cpp --report=matvec.json --no-liveness --cache-sizes=1,2,4,8,16,32 >/dev/null
"$build/bin/bytedmd" html matvec.json -o matvec.html
cp "$source/test/e2e/inputs/sum_sizes.cpp" large.cpp
"$build/bin/bytedmd" run large.cpp --report=large.json >/dev/null
"$build/bin/bytedmd" html large.json -o large.html
cp "$source/test/e2e/attribution/sized_matvec.cpp" .
"$build/bin/bytedmd" run sized_matvec.cpp --report=sized.json >/dev/null
"$build/bin/bytedmd" html sized.json -o sized.html
rm -f my_add-step5.png sized-summary.png
node stack_steps.mjs "$PWD/my_add.html" "$chromium" "$PWD/my_add-step5.png" "$PWD/matvec.html" \
  "$PWD/matvec.json" "$PWD/large.html" "$PWD/sized.html" "$PWD/sized.json" "$PWD/sized-summary.png"
[ -s my_add-step5.png ] && [ -s sized-summary.png ] ||
  { echo "browser test: a screenshot was not written" >&2; exit 1; }
