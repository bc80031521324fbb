#!/usr/bin/env bash
# down.sh - stop the cluster that up.sh started and remove its state folder.
#
# Only processes recorded in $SLURM_DEV_DIR/run/*.pid are stopped, each by PID,
# and only after checking that the PID really is that daemon of this state
# folder (its environment or command line names the folder). Job step daemons
# (slurmstepd) that slurmd forked for this cluster are found the same way.
# Never kills anything by name.
#
#   SLURM_DEV_DIR=/tmp/spectramind-slurm   state folder (default)
#   down.sh --keep                  stop daemons but keep the folder (logs)
set -uo pipefail

D="${SLURM_DEV_DIR:-/tmp/spectramind-slurm}"
D="${D%/}"
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

if [ -z "${SLURM_DEV_LOCKED:-}" ]; then
  exec 9>"${D%/}.lock"
  flock -w 600 9 || { echo "down.sh: could not lock ${D%/}.lock" >&2; exit 1; }
  export SLURM_DEV_LOCKED=1
fi
if [ ! -e "$D" ]; then
  echo "down.sh: $D does not exist, nothing to do"
  exit 0
fi
if [ ! -f "$D/.slurm-dev" ]; then
  echo "down.sh: $D is not a slurm-dev state folder (no .slurm-dev marker); not touching it" >&2
  exit 1
fi

# Is PID one of our daemons?  $2 = expected executable name.
ours() {
  local pid=$1 exe=$2 name
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
  name=$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)" 2>/dev/null)
  # Debian installs the daemons as NAME-wlm behind an alternatives link
  [ "$name" = "$exe" ] || [ "$name" = "$exe-wlm" ] || return 1
  grep -qxF "SLURM_DEV_DIR=$D" < <(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null) && return 0
  grep -qF "$D/" < <(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null) && return 0
  return 1
}
# stop_daemons NAME... : SIGTERM every listed daemon (pidfile run/NAME.pid, executable
# NAME) that is ours, then wait for all of them; SIGKILL whatever is left after 15 s.
stop_daemons() {
  local name f pid t0 i pids=() labels=()
  t0=$(date +%s%N)
  for name in "$@"; do
    f="$D/run/$name.pid"
    [ -s "$f" ] || continue
    pid=$(tr -dc '0-9' < "$f")
    if ours "$pid" "$name"; then
      kill -TERM "$pid" 2>/dev/null && { pids+=("$pid"); labels+=("$name"); }
    else
      echo "down.sh: $name: pid ${pid:-?} not running (or not ours)"
    fi
    rm -f "$f"
  done
  stop_wait
}
# waits for pids[] (labels[]) to exit
stop_wait() {
  local i j left
  for i in $(seq 1 300); do
    left=0
    for j in "${!pids[@]}"; do [ -d "/proc/${pids[$j]}" ] && left=1; done
    [ $left = 0 ] && break
    sleep 0.05
  done
  for j in "${!pids[@]}"; do
    if [ -d "/proc/${pids[$j]}" ]; then
      echo "down.sh: ${labels[$j]} (pid ${pids[$j]}) ignored SIGTERM for 15s, sending SIGKILL"
      kill -KILL "${pids[$j]}" 2>/dev/null
    fi
  done
  [ ${#pids[@]} -gt 0 ] && echo "down.sh: stopped ${labels[*]} (pids ${pids[*]}) in $(( ($(date +%s%N) - t0) / 1000000 ))ms"
  return 0
}

export SLURM_CONF="$D/etc/slurm.conf"
# 1. cancel all jobs while slurmctld and slurmd can still clean them up
ctld_pid=$(tr -dc '0-9' < "$D/run/slurmctld.pid" 2>/dev/null)
if [ -f "$SLURM_CONF" ] && ours "$ctld_pid" slurmctld; then
  ids=$(timeout 10 squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${ids// /}" ]; then
    timeout 10 scancel $ids 2>/dev/null
    for i in $(seq 1 100); do
      [ -z "$(timeout 5 squeue -h -t RUNNING,COMPLETING -o '%A' 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
fi
# 2. daemons: all at once (each takes ~2 s to exit on SIGTERM; in parallel it is ~2 s total)
stop_daemons slurmd slurmctld slurmdbd mariadbd munged
# 3. step daemons slurmd forked for this cluster (they outlive slurmd by design)
pids=(); labels=(); t0=$(date +%s%N)
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  if ours "$pid" slurmstepd; then kill -TERM "$pid" 2>/dev/null && { pids+=("$pid"); labels+=(slurmstepd); }; fi
done
stop_wait

if [ "$KEEP" = 1 ]; then
  echo "down.sh: kept $D"
else
  rm -rf -- "$D"
  echo "down.sh: removed $D"
fi
# up.sh may have made the short hostname resolve; undo only its own line
if grep -q '# added by slurm-dev up.sh$' /etc/hosts 2>/dev/null && [ "$KEEP" = 0 ]; then
  grep -v '# added by slurm-dev up.sh$' /etc/hosts > /tmp/.slurm-dev-hosts.$$ && cat /tmp/.slurm-dev-hosts.$$ > /etc/hosts
  rm -f /tmp/.slurm-dev-hosts.$$
fi
exit 0
