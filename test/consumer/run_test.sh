#!/usr/bin/env bash
# run_test.sh BUILD_DIR SOURCE_DIR - the consumer project (like fmt's
# find-package-test): installs bytedmd into a fresh prefix, configures this
# separate two-file project with find_package(bytedmd) and
# bytedmd_instrument(), builds and runs it, and checks the report against
# cases.md's numbers and the output against a plain build. Then it edits the
# measured source and checks that only that makes the build rewrite it again.
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d /tmp/bytedmd-consumer-prefix-XXXXXX)
work=$(mktemp -d /tmp/bytedmd-consumer-XXXXXX)
trap 'rm -rf "$prefix" "$work"' EXIT
fail() { echo "consumer test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
cp -r "$source/test/consumer/." "$work/project"
cd "$work"
cmake -S project -B out -DCMAKE_PREFIX_PATH="$prefix" >configure.log 2>&1 ||
  { cat configure.log; fail "configure failed"; }
cmake --build out >build.log 2>&1 || { cat build.log; fail "build failed"; }
grep -q "bytedmd: instrumenting src/kernels.cpp" build.log || fail "kernels.cpp was not instrumented"
grep -q "bytedmd: instrumenting src/helpers.cpp" build.log || fail "helpers.cpp was not instrumented"
grep -q "bytedmd: instrumenting src/main.cpp" build.log && fail "main.cpp was instrumented"

(cd out && ./app >app.out)
c++ -std=c++17 -Iproject/include -DCONSUMER_KERNELS=1 project/src/main.cpp project/src/kernels.cpp \
  project/src/helpers.cpp -o plain
./plain >plain.out
cmp -s out/app.out plain.out || fail "instrumented output differs: $(cat out/app.out) vs $(cat plain.out)"

python3 - out/bytedmd-report.json <<'PY'
import json, sys
ms = json.load(open(sys.argv[1]))["measurements"]
got = [(m["function"], m["cost"], m["trace"], m["approximate"]) for m in ms]
# cases.md: my_add(1,2,3) and dot_explicit([0,1],[2,3]) (dot_n with n untracked),
# then the same two computations with their operations in helpers.cpp, and
# again with them in the opted-in header inline_ops.h.
want = [("my_add", 6, [1, 2, 1, 2], False), ("dot_n", 11, [2, 4, 2, 3, 2, 1], False),
        ("add3_across", 6, [1, 2, 1, 2], False), ("dot_across", 11, [2, 4, 2, 3, 2, 1], False),
        ("add3_inline", 6, [1, 2, 1, 2], False), ("dot_inline", 11, [2, 4, 2, 3, 2, 1], False)]
if got != want:
    sys.exit(f"consumer test: report {got}, want {want}")
PY

# The CI gate (docs/ci.md): compare against the committed baseline, written
# by hand from cases.md.
"$prefix/bin/bytedmd" compare project/baseline.json out/bytedmd-report.json >compare.out ||
  { cat compare.out; fail "compare against the baseline failed"; }

# edit FILE SED-EXPRESSION LOG: edits the project's FILE, rebuilds, checks
# that kernels.cpp (which is or includes every file edited here) is rewritten
# and helpers.cpp is not, and runs the app.
edit() {
  local file=$1 expression=$2 log=$3
  sleep 1 # a newer mtime than the last build's outputs
  sed -i "$expression" "project/$file"
  cmake --build out >"$log" 2>&1 || { cat "$log"; fail "build after editing $file failed"; }
  grep -q "bytedmd: instrumenting src/kernels.cpp" "$log" || fail "editing $file did not rewrite kernels.cpp"
  grep -q "bytedmd: instrumenting src/helpers.cpp" "$log" &&
    fail "editing $file rewrote helpers.cpp, which neither is nor includes it"
  (cd out && ./app >/dev/null)
}

# Nothing changed: nothing is rewritten. An edit to the measured source is,
# and the gate catches the cost it adds.
cmake --build out >rebuild.log 2>&1 || { cat rebuild.log; fail "rebuild failed"; }
grep -q "bytedmd: instrumenting" rebuild.log && fail "rewrote an unchanged source"
edit src/kernels.cpp 's/return (a + b) + c;/return ((a + b) + c) * a;/' edit.log
status=0
"$prefix/bin/bytedmd" compare project/baseline.json out/bytedmd-report.json >compare.out || status=$?
[ "$status" -eq 1 ] || { cat compare.out; fail "compare exited $status on a regression, not 1"; }
grep -q "my_add" compare.out || fail "compare does not name the regressed function"
# An edit to the opted-in header rewrites the file that includes it (the
# depfile), and only that one: a + b becomes (a + b) * a in add2_inline, one
# more instruction in add3_inline.
edit include/inline_ops.h 's/return a + b;/return (a + b) * a;/' header.log
"$prefix/bin/bytedmd" compare project/baseline.json out/bytedmd-report.json >compare.out && fail "compare missed the header's regression"
grep -q "add3_inline" compare.out || fail "compare does not name add3_inline after the header edit"
echo "consumer project: find_package(bytedmd) and bytedmd_instrument() work"
