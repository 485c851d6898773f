#!/usr/bin/env bash
# Installs bytedmd into a fresh prefix and measures an example from there:
# the executables must find the runtime and the builtin headers relative to
# themselves, not in the build tree. Where user namespaces allow it, the
# measurement runs with the build tree hidden (an empty tmpfs over it), as
# after deleting it.
set -euo pipefail
build=$1 source=$2
prefix=$(mktemp -d /tmp/bytedmd-install-XXXXXX)
work=$(mktemp -d /tmp/bytedmd-install-work-XXXXXX)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/bytedmd" && test -x "$prefix/bin/bytedmd-instrument"
test -f "$prefix/include/bytedmd/runtime.h" && test -f "$prefix/include/bytedmd/instrument.hpp"
test -f "$prefix/include/bytedmd/bytedmd.h" && test -d "$prefix/include/bytedmd/detail"
flags=$("$prefix/bin/bytedmd-instrument" --print-flags)
case "$flags" in
  *"-I$prefix/include"*"$prefix/"*libbytedmd_runtime.a*) ;;
  *) echo "--print-flags does not point into the prefix: $flags"; exit 1 ;;
esac
cd "$work"
cp "$source/examples/matvec.cpp" .
measure='"$0/bin/bytedmd" run matvec.cpp --report=r.json >out.txt'
build_abs=$(cd "$build" && pwd)
if unshare -rm true 2>/dev/null; then
  unshare -rm bash -c 'mount -t tmpfs none "$1" && test -z "$(ls -A "$1")" && '"$measure" \
    "$prefix" "$build_abs"
  hidden="with the build tree hidden"
else
  bash -c "$measure" "$prefix"
  hidden="(build tree not hidden: no user namespaces here)"
fi
grep -q '"cost": 5354' r.json || { echo "unexpected report"; cat r.json; exit 1; }
echo "installed bytedmd measured examples/matvec.cpp $hidden"
