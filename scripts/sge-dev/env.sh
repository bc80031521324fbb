#!/usr/bin/env bash
# env.sh - print the client environment of the SGE test cluster, so a shell can
# `eval "$(bash scripts/sge-dev/env.sh)"` without touching the daemons. Exits 1 with a hint
# when qmaster does not answer.
set -euo pipefail
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
if ! command -v qstat >/dev/null 2>&1 || ! qstat >/dev/null 2>&1; then
  echo "env.sh: no SGE cluster answers (run: bash scripts/sge-dev/up.sh)" >&2
  exit 1
fi
echo "export SGE_ROOT=$SGE_ROOT"
echo "export SGE_CELL=$SGE_CELL"
