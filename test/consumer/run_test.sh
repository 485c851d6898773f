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

# Nothing changed: nothing is rewritten. An edit to the measured source is,
# and the gate catches the cost it adds.
cmake --build out >rebuild.log 2>&1 || { cat rebuild.log; fail "rebuild failed"; }
grep -q "bytedmd: instrumenting" rebuild.log && fail "rewrote an unchanged source"
sleep 1
sed -i 's/return (a + b) + c;/return ((a + b) + c) * a;/' project/src/kernels.cpp
cmake --build out >edit.log 2>&1 || { cat edit.log; fail "build after the edit failed"; }
grep -q "bytedmd: instrumenting src/kernels.cpp" edit.log || fail "the edited source was not rewritten"
grep -q "bytedmd: instrumenting src/helpers.cpp" edit.log && fail "rewrote helpers.cpp, which did not change"
(cd out && ./app >/dev/null)
status=0
"$prefix/bin/bytedmd" compare project/baseline.json out/bytedmd-report.json >compare.out || status=$?
[ "$status" -eq 1 ] || { cat compare.out; fail "compare exited $status on a regression, not 1"; }
grep -q "my_add" compare.out || fail "compare does not name the regressed function"
# An edit to the opted-in header rewrites the file that includes it (the
# depfile), and only that one: a + b becomes (a + b) * a in add2_inline, one
# more instruction in add3_inline.
sleep 1
sed -i 's/return a + b;/return (a + b) * a;/' project/include/inline_ops.h
cmake --build out >header.log 2>&1 || { cat header.log; fail "build after the header edit failed"; }
grep -q "bytedmd: instrumenting src/kernels.cpp" header.log || fail "the header edit did not rewrite kernels.cpp"
grep -q "bytedmd: instrumenting src/helpers.cpp" header.log && fail "rewrote helpers.cpp, which does not include the header"
(cd out && ./app >/dev/null)
"$prefix/bin/bytedmd" compare project/baseline.json out/bytedmd-report.json >compare.out && fail "compare missed the header's regression"
grep -q "add3_inline" compare.out || fail "compare does not name add3_inline after the header edit"
echo "consumer project: find_package(bytedmd) and bytedmd_instrument() work"
