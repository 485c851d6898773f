#!/usr/bin/env bash
# measures_nothing.sh PROGRAM REPORT - a program linked with the runtime that
# measures nothing still writes a report, with no measurements: the exit hook
# is linked even though the program names none of outputs.cpp's symbols.
set -euo pipefail
program=$1 report=$2
rm -f "$report"
BYTEDMD_REPORT=$report "$program"
grep -q '"measurements": \[\]' "$report" || { echo "no empty report at $report"; exit 1; }
