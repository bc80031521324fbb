#!/usr/bin/env bash
# up.sh - bring up a single-node Son of Grid Engine cluster (Debian 12 gridengine 8.1.9) for
# spectramind-launch's SGE tests, as root, without systemd.
#
#   eval "$(bash scripts/sge-dev/up.sh)"
#   SGE_REQUIRED=1 npx vitest run test/sge-integration
#   bash scripts/sge-dev/down.sh
#
# stdout carries only the `export` lines (the client environment); progress goes to stderr.
# Idempotent: installs and configures on first use (~15 s); later runs only start what is not
# running (~0-4 s). One queue all.q with $SGE_DEV_SLOTS slots (default 4), root may submit, the
# scheduler runs every second so tests are fast.
#
# Settings (environment variables, all optional):
#   SGE_DEV_SLOTS=4           slots of all.q (only read when the queue is first created)
#   SGE_DEV_NO_INSTALL=1      never call apt-get (fail if the packages are missing)
#   SGE_DEV_SMOKE=1           run the smoke job even when nothing had to be started
set -euo pipefail
T_START=$(date +%s%N)
log() { printf '[sge up.sh %5.1fs] %s\n' "$(( ($(date +%s%N) - T_START) / 1000000 ))e-3" "$*" >&2; }
die() { echo "sge up.sh: ERROR: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (the daemons and the package install need it)"

H=$(hostname -s)
export DEBIAN_FRONTEND=noninteractive
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
C=$SGE_ROOT/$SGE_CELL/common
QMASTER_PID=/var/spool/gridengine/qmaster/qmaster.pid

# A pidfile counts only when its pid is alive and really is the daemon (stale pidfiles lie).
running() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    case "$(cat "/proc/$(cat "$f")/comm" 2>/dev/null)" in sge_qmaster|sge_execd) return 0 ;; esac
  done
  return 1
}

if [ ! -x /usr/sbin/sge_qmaster ] || ! command -v qsub >/dev/null 2>&1; then
  [ "${SGE_DEV_NO_INSTALL:-0}" = 1 ] && die "gridengine is not installed and SGE_DEV_NO_INSTALL=1"
  log "installing gridengine (preseeded; daemons are not auto-started)"
  for p in gridengine-common gridengine-master gridengine-exec gridengine-client; do
    printf '%s shared/gridengineconfig boolean true\n%s shared/gridenginecell string default\n%s shared/gridenginemaster string %s\n' "$p" "$p" "$p" "$H"
  done | debconf-set-selections
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1; fi
  apt_log=$(mktemp)
  pkgs="gridengine-master gridengine-exec gridengine-client"
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $pkgs >"$apt_log" 2>&1 \
    || { apt-get update -q >/dev/null 2>&1; apt-get install -y -q --no-install-recommends $pkgs >"$apt_log" 2>&1; } \
    || { [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; tail -20 "$apt_log" >&2; die "apt-get install gridengine failed"; }
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  rm -f "$apt_log"
fi

# Trap: when the hostname resolves to 127.0.0.1 and that reverse-resolves to "localhost",
# commlib rejects every client ("client IP resolved to host name localhost"). Alias the two.
ADDR=$(getent ahostsv4 "$H" | awk 'NR==1{print $1}')
RNAME=$(/usr/lib/gridengine/gethostbyaddr -aname "$ADDR" 2>/dev/null || true)
if [ -n "$RNAME" ] && [ "$RNAME" != "$H" ]; then
  if [ "$(cat "$C/host_aliases" 2>/dev/null)" != "$H $RNAME" ]; then
    echo "$H $RNAME" >"$C/host_aliases"; chown sgeadmin:sgeadmin "$C/host_aliases"
  fi
fi
[ "$(cat "$C/act_qmaster" 2>/dev/null)" = "$H" ] || echo "$H" >"$C/act_qmaster"

started=0
if running "$QMASTER_PID"; then
  log "sge_qmaster already running"
else
  started=1
  log "starting sge_qmaster"
  /usr/sbin/sge_qmaster   # daemonizes and drops to sgeadmin
fi
for _ in $(seq 1 150); do qconf -sh >/dev/null 2>&1 && break; sleep 0.1; done
qconf -sh >/dev/null || die "sge_qmaster does not answer (see /var/spool/gridengine/qmaster/messages)"

if qconf -sql 2>/dev/null | grep -qx all.q; then
  log "already configured"
else
  log "configuring (root may submit, 1 s scheduler, queue all.q)"
  W=$(mktemp -d)
  qconf -ah "$H" >/dev/null 2>&1 || true   # init_cluster already made it an admin host
  qconf -as "$H" >/dev/null 2>&1
  printf 'hostname %s\nload_scaling NONE\ncomplex_values NONE\nuser_lists NONE\nxuser_lists NONE\nprojects NONE\nxprojects NONE\nusage_scaling NONE\nreport_variables NONE\n' "$H" >"$W/exechost"
  qconf -Ae "$W/exechost" >/dev/null 2>&1 || true   # exists already after a half-finished run
  qconf -sconf >"$W/global"   # -Mconf wants the file named after the config
  sed -i -e 's/^min_uid .*/min_uid 0/' -e 's/^min_gid .*/min_gid 0/' \
         -e 's/^load_report_time .*/load_report_time 00:00:05/' \
         -e 's/accounting=true reporting=false/accounting=true reporting=false accounting_flush_time=00:00:00/' \
         -e 's/flush_time=00:00:15/flush_time=00:00:01/' "$W/global"
  qconf -Mconf "$W/global" >/dev/null 2>&1
  qconf -ssconf >"$W/sched"
  sed -i -e 's/^schedule_interval .*/schedule_interval 0:0:1/' -e 's/^flush_submit_sec .*/flush_submit_sec 1/' \
         -e 's/^flush_finish_sec .*/flush_finish_sec 1/' "$W/sched"
  qconf -Msconf "$W/sched" >/dev/null 2>&1
  # pe_list NONE: the template names PEs that do not exist. load_thresholds NONE: a busy 2-CPU
  # box must not put the queue in alarm. notify 5 s: the grace between SIGUSR2 and SIGKILL.
  {
    printf '%-22s%s\n' qname all.q hostlist "$H" seq_no 0 load_thresholds NONE suspend_thresholds NONE \
      nsuspend 1 suspend_interval 00:05:00 priority 0 min_cpu_interval 00:05:00 processors UNDEFINED \
      qtype "BATCH INTERACTIVE" ckpt_list NONE pe_list NONE rerun FALSE slots "${SGE_DEV_SLOTS:-4}" \
      tmpdir /tmp shell /bin/bash prolog NONE epilog NONE shell_start_mode posix_compliant \
      starter_method NONE suspend_method NONE resume_method NONE terminate_method NONE notify 00:00:05 \
      owner_list NONE user_lists NONE xuser_lists NONE subordinate_list NONE complex_values NONE \
      projects NONE xprojects NONE calendar NONE initial_state default
    for l in s_rt h_rt s_cpu h_cpu s_fsize h_fsize s_data h_data s_stack h_stack s_core h_core s_rss h_rss s_vmem h_vmem; do
      printf '%-22s%s\n' "$l" INFINITY
    done
  } >"$W/all.q"
  qconf -Aq "$W/all.q" >/dev/null 2>&1
  rm -rf "$W"
fi

if running /var/spool/gridengine/execd/*/execd.pid; then
  log "sge_execd already running"
else
  started=1
  log "starting sge_execd"
  /usr/sbin/sge_execd
fi
# The queue instance is usable once its state column has neither a(larm) nor u(nknown).
ok=0
for _ in $(seq 1 300); do
  if qstat -f 2>/dev/null | grep -E "^all.q@" | awk '{exit ($6 ~ /[auE]/)}'; then
    [ -n "$(qstat -f 2>/dev/null | grep -E '^all.q@')" ] && { ok=1; break; }
  fi
  sleep 0.1
done
[ "$ok" = 1 ] || { qstat -f >&2 || true; die "queue all.q did not become available"; }
# A smoke job only after starting something: a running cluster already proved itself.
if [ "$started" = 1 ] || [ "${SGE_DEV_SMOKE:-0}" = 1 ]; then
  log "smoke job"
  qsub -sync y -b y -N smoke -o /dev/null -j y true >/dev/null || die "smoke job failed"
fi
log "ready"
echo "export SGE_ROOT=$SGE_ROOT"
echo "export SGE_CELL=$SGE_CELL"
