#!/usr/bin/env bash
# run_test.sh BUILD_DIR SOURCE_DIR - measures my_add, writes its page with
# `bytedmd html`, and drives the page in headless Chromium (stack_steps.mjs).
# playwright-core is installed from the committed lock file into the build
# tree, so the source tree stays clean.
set -euo pipefail
build=$1
source=$2
here="$source/test/browser"
work="$build/browser-test"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/stack_steps.mjs" "$work/"
cd "$work"
# The stamp records which lock file node_modules was installed from.
if ! cmp -s package-lock.json node_modules/.bytedmd-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
    { echo "browser test: 'npm ci' failed; is the npm registry reachable?" >&2; exit 1; }
  cp package-lock.json node_modules/.bytedmd-lock
fi
chromium=${BYTEDMD_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "browser test: no chromium; run scripts/bootstrap" >&2; exit 1; }
cp "$source/test/e2e/cases/scalars.cpp" .
"$build/bin/bytedmd" run scalars.cpp --function=my_add --report=my_add.json >/dev/null
"$build/bin/bytedmd" html my_add.json -o my_add.html
node stack_steps.mjs "$PWD/my_add.html" "$chromium"
