#!/usr/bin/env bash
# Installs bytedmd into a fresh prefix and measures an example from there:
# the executables must find the runtime and the builtin headers relative to
# themselves, not in the build tree.
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d /tmp/bytedmd-install-XXXXXX)
work=$(mktemp -d /tmp/bytedmd-install-work-XXXXXX)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/bytedmd" && test -x "$prefix/bin/bytedmd-instrument"
test -f "$prefix/include/bytedmd/runtime.h" && test -f "$prefix/include/bytedmd/instrument.hpp"
flags=$("$prefix/bin/bytedmd-instrument" --print-flags)
case "$flags" in
  *"-I$prefix/include"*"$prefix/"*libbytedmd_runtime.a*) ;;
  *) echo "--print-flags does not point into the prefix: $flags"; exit 1 ;;
esac
cd "$work"
"$prefix/bin/bytedmd" run "$source/examples/matvec.cpp" --report=r.json > out.txt
grep -q '"cost": 5354' r.json || { echo "unexpected report"; cat r.json; exit 1; }
echo "installed bytedmd measured examples/matvec.cpp"
