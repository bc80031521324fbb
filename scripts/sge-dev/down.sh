#!/usr/bin/env bash
# down.sh - stop the SGE test cluster. Jobs are drained first: stopping the daemons does NOT kill
# running jobs (sge_shepherd and the job survive with ppid 1). The daemons are stopped by the
# PIDs in their own pidfiles, checked against /proc so a stale pidfile never kills a stranger.
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
if command -v qstat >/dev/null 2>&1 && qstat -u '*' >/dev/null 2>&1; then
  qdel -f -u '*' >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do [ -z "$(qstat -u '*' 2>/dev/null)" ] && break; sleep 0.2; done
fi
for f in /var/spool/gridengine/execd/*/execd.pid /var/spool/gridengine/qmaster/qmaster.pid; do
  [ -s "$f" ] || continue
  p=$(cat "$f")
  case "$(cat "/proc/$p/comm" 2>/dev/null)" in sge_qmaster|sge_execd) ;; *) continue ;; esac
  kill -TERM "$p"
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$p" 2>/dev/null && { echo "down.sh: pid $p still alive, SIGKILL" >&2; kill -KILL "$p"; }
done
exit 0
