#!/usr/bin/env bash
# env.sh - print the client environment of the running test cluster (the `export` lines
# up.sh wrote), so a shell can `eval "$(bash scripts/slurm-dev/env.sh)"` without
# touching the daemons. Exits 1 with a hint when no cluster was started.
set -euo pipefail
D="${SLURM_DEV_DIR:-/tmp/spectramind-slurm}"
D="${D%/}"
if [ ! -f "$D/env.sh" ]; then
  echo "env.sh: no cluster in $D (run: bash scripts/slurm-dev/up.sh)" >&2
  exit 1
fi
cat "$D/env.sh"
