#!/usr/bin/env bash
# check_abi_reference.sh CXX INCLUDE_DIR RUNTIME_LIBRARY WORK_DIR
#
# Code that includes bytedmd/instrument.hpp references the runtime's version
# symbol (runtime.h, BYTEDMD_ABI_SYMBOL): its object file has that undefined
# symbol; linking it without the runtime, or with a runtime of another
# version, fails with an error naming the symbol; linking it with this
# runtime succeeds.
set -euo pipefail
cxx=$1 include=$2 runtime=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
symbol=$(sed -n 's/^#define BYTEDMD_ABI_SYMBOL \(bytedmd_abi_v[0-9]*\)$/\1/p' "$include/bytedmd/runtime.h")
version=$(sed -n 's/^#define BYTEDMD_ABI_VERSION \([0-9]*\)$/\1/p' "$include/bytedmd/runtime.h")
fail() { echo "check_abi_reference: $*" >&2; exit 1; }
[ -n "$symbol" ] && [ "$symbol" = "bytedmd_abi_v$version" ] ||
  fail "runtime.h must define BYTEDMD_ABI_SYMBOL as bytedmd_abi_v<BYTEDMD_ABI_VERSION> (got '$symbol', '$version')"

object=$work/includes_instrument.o
"$cxx" -std=c++17 -O2 -Wall -Wextra -Werror -I"$include" -c "$here/includes_instrument.cpp" -o "$object"
nm "$object" | grep -Eq "^ +U $symbol\$" ||
  fail "$object has no undefined reference to $symbol:$(printf '\n')$(nm "$object")"

if "$cxx" "$object" -o "$work/without_runtime" 2>"$work/without_runtime.log"; then
  fail "linked without the runtime"
fi
grep -q "$symbol" "$work/without_runtime.log" ||
  fail "the link error without the runtime does not name $symbol: $(cat "$work/without_runtime.log")"

# A runtime of the next version defines the next symbol, not this one.
other=bytedmd_abi_v$((version + 1))
printf 'extern "C" { extern const char %s; const char %s = 1; }\n' "$other" "$other" >"$work/other_runtime.cpp"
"$cxx" -c "$work/other_runtime.cpp" -o "$work/other_runtime.o"
if "$cxx" "$object" "$work/other_runtime.o" -o "$work/other_runtime" 2>"$work/other_runtime.log"; then
  fail "linked with a runtime of version $((version + 1))"
fi
grep -q "$symbol" "$work/other_runtime.log" ||
  fail "the link error with another runtime does not name $symbol: $(cat "$work/other_runtime.log")"

"$cxx" "$object" "$runtime" -pthread -o "$work/with_runtime"
"$work/with_runtime"
echo "check_abi_reference: $object references $symbol; links only with the runtime that defines it"
