#!/usr/bin/env bash
# up.sh - bring up a single-node SLURM cluster for spectramind-launch's SLURM tests
# (Debian 12, Slurm 22.05 from Debian's packages, run as root).
#
#   eval "$(bash scripts/slurm-dev/up.sh)"   # or: bash up.sh; source "$SLURM_DEV_DIR/env.sh"
#   SLURM_REQUIRED=1 npx vitest run test/slurm-integration
#   bash scripts/slurm-dev/down.sh
#
# stdout carries only the `export` lines (the client environment); progress goes to stderr.
#
# Idempotent: if the cluster described by the current settings is already up
# and healthy, this is a no-op (prints the client environment and exits).
# Otherwise it stops whatever a previous up.sh left (via down.sh, by PID) and
# starts a fresh cluster.
#
# Everything lives in one state folder ($SLURM_DEV_DIR, default /tmp/spectramind-slurm):
#   etc/   slurm.conf gres.conf slurmdbd.conf (+ mariadb init SQL)
#   run/   pidfiles, munge socket, mariadb socket
#   log/   slurmctld.log slurmd.log slurmdbd.log mariadb.log munged.log jobcomp.log
#   spool/ slurmctld state, slurmd spool
#   munge/ munge key + seed      mysql/ MariaDB data dir     dev/ fake GPU device nodes
#   env.sh the client environment (source it)
#
# Settings (environment variables, all optional):
#   SLURM_DEV_DIR=/tmp/spectramind-slurm   state folder (must be a dedicated folder)
#   SLURM_DEV_ACCOUNTING=1         1: slurmdbd + local MariaDB (sacct/sacctmgr work)
#                                  0: no accounting daemon (use scontrol / jobcomp.log)
#   SLURM_DEV_ENFORCE=associations,limits,qos
#                                  AccountingStorageEnforce (accounting=1 only; "" = off)
#   SLURM_DEV_USERS=root           users given associations (accounts root,test;
#                                  qos normal,debug); $SUDO_USER is added when set
#   SLURM_DEV_CPUS=32              CPUs slurmd advertises (more than physical is fine)
#   SLURM_DEV_MEM_MB=auto          RealMemory (auto: 16384 if the box has >=20 GiB,
#                                  else half of MemTotal)
#   SLURM_DEV_GPUS=2               fake GPUs (gres gpu); 0 disables GRES
#   SLURM_DEV_PORT=6817            slurmctld port; slurmd=+1, slurmdbd=+2, mariadb=+3
#   SLURM_DEV_CLUSTER=dev          ClusterName
#   SLURM_DEV_NO_INSTALL=1         never call apt-get (fail if something is missing)
#   SLURM_DEV_FRESH=1              always do a clean restart
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
D="${SLURM_DEV_DIR:-/tmp/spectramind-slurm}"
D="${D%/}"
ACCOUNTING="${SLURM_DEV_ACCOUNTING:-1}"
ENFORCE="${SLURM_DEV_ENFORCE-associations,limits,qos}"
CPUS="${SLURM_DEV_CPUS:-32}"
MEM_MB="${SLURM_DEV_MEM_MB:-auto}"
GPUS="${SLURM_DEV_GPUS:-2}"
PORT="${SLURM_DEV_PORT:-6817}"
CLUSTER="${SLURM_DEV_CLUSTER:-dev}"
USERS="${SLURM_DEV_USERS:-root}${SUDO_USER:+ $SUDO_USER}"

CTLD_PORT=$PORT
SLURMD_PORT=$((PORT + 1))
DBD_PORT=$((PORT + 2))
DB_PORT=$((PORT + 3))
CONF="$D/etc/slurm.conf"
T_START=$(date +%s%N)

log() { printf '[up.sh %5.1fs] %s\n' "$(( ($(date +%s%N) - T_START) / 1000000 ))e-3" "$*" >&2; }
die() { echo "up.sh: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (daemons run as root, packages are installed with apt-get)"
case "$D" in ""|/|/tmp|/tmp/|/root|/home|/usr*|/etc*|/var|/var/) die "refusing SLURM_DEV_DIR=$D";; esac
case "$ACCOUNTING" in 0|1) ;; *) die "SLURM_DEV_ACCOUNTING must be 0 or 1";; esac

# one up.sh/down.sh at a time per state folder (the lock file sits next to it)
if [ -z "${SLURM_DEV_LOCKED:-}" ]; then
  exec 9>"${D%/}.lock"
  flock -w 600 9 || die "could not lock ${D%/}.lock"
  export SLURM_DEV_LOCKED=1
fi

# ---------------------------------------------------------------- packages
PKGS="munge slurm-client slurmctld slurmd"
[ "$ACCOUNTING" = 1 ] && PKGS="$PKGS slurmdbd mariadb-server"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  [ "${SLURM_DEV_NO_INSTALL:-0}" = 1 ] && die "missing packages:$missing"
  log "installing:$missing"
  # Packages must not start their own (system-wide) munge/mariadb/slurm services:
  # a policy-rc.d that denies every start, only for the duration of the install.
  added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; added_policy=1
  fi
  apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      $missing > "/tmp/spectramind-slurm-apt.$$.log" 2>&1
  }
  if ! apt_install; then
    log "apt-get install failed; running apt-get update and retrying"
    DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=600 >> "/tmp/spectramind-slurm-apt.$$.log" 2>&1 || true
    apt_install || { [ $added_policy = 1 ] && rm -f /usr/sbin/policy-rc.d; tail -20 "/tmp/spectramind-slurm-apt.$$.log" >&2; die "apt-get install failed"; }
  fi
  [ $added_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  rm -f "/tmp/spectramind-slurm-apt.$$.log"
  log "packages installed"
fi

# ---------------------------------------------------------------- host facts
H="$(hostname -s)"
[ -n "$H" ] || die "hostname -s is empty"
if ! getent hosts "$H" >/dev/null 2>&1; then
  # slurmctld/slurmd identify themselves by the short hostname; make it resolve.
  log "adding '127.0.0.1 $H' to /etc/hosts"
  echo "127.0.0.1 $H # added by slurm-dev up.sh" >> /etc/hosts
fi
# Slurm daemons listen on 0.0.0.0 unless CommunicationParameters=NoInAddrAny, which
# binds them to the address the hostname resolves to: use it when that is loopback.
LOOPBACK_ONLY=0
case "$(getent ahostsv4 "$H" | awk 'NR==1{print $1}')" in 127.*) LOOPBACK_ONLY=1;; esac
[ $LOOPBACK_ONLY = 1 ] || log "note: $H does not resolve to 127.x; slurm daemons will listen on all interfaces (all traffic still goes to 127.0.0.1)"
if [ "$MEM_MB" = auto ]; then
  total_mb=$(( $(awk '/^MemTotal:/{print $2}' /proc/meminfo) / 1024 ))
  if [ "$total_mb" -ge 20480 ]; then MEM_MB=16384; else MEM_MB=$(( total_mb / 2 )); fi
fi
DEF_MEM_PER_CPU=$(( MEM_MB / CPUS )); [ $DEF_MEM_PER_CPU -gt 512 ] && DEF_MEM_PER_CPU=512

# ---------------------------------------------------------------- config text
gen_slurm_conf() {
  cat <<EOF
# generated by up.sh - single-node test cluster
ClusterName=$CLUSTER
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
EOF
  # bind to the address the hostname resolves to (127.0.0.1 here) instead of 0.0.0.0
  [ "$LOOPBACK_ONLY" = 1 ] && echo "CommunicationParameters=NoInAddrAny,NoCtldInAddrAny"
  cat <<EOF
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire also delays a requeued job (default 120 s before it may run again)
AuthInfo=socket=$D/run/munge.socket.2,cred_expire=10
StateSaveLocation=$D/spool/ctld
SlurmdSpoolDir=$D/spool/d
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmdPidFile=$D/run/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
MpiDefault=none
# no cgroups in this container: process tracking via /proc, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30
# memory is a consumable resource
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$DEF_MEM_PER_CPU
# advertise CPUS=$CPUS even if the hardware has fewer
SlurmdParameters=config_overrides
ReturnToService=2
# fast turnover for tests
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,default_queue_depth=10000,bf_interval=5
MinJobAge=600
MaxJobCount=100000
MaxArraySize=10001
JobRequeue=1
KillWait=5
OverTimeLimit=0
InactiveLimit=0
# finished-job records, one line per job (works with or without slurmdbd)
JobCompType=jobcomp/filetxt
JobCompLoc=$D/log/jobcomp.log
EOF
  if [ "$GPUS" -gt 0 ]; then
    echo "GresTypes=gpu"
  fi
  if [ "$ACCOUNTING" = 1 ]; then
    cat <<EOF
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$DBD_PORT
# for slurmdbd, AccountingStoragePass is the munge socket to use
AccountingStoragePass=$D/run/munge.socket.2
AccountingStorageTRES=gres/gpu
EOF
    [ -n "$ENFORCE" ] && echo "AccountingStorageEnforce=$ENFORCE"
  fi
  local gres=""; [ "$GPUS" -gt 0 ] && gres=" Gres=gpu:$GPUS"
  cat <<EOF
NodeName=$H NodeAddr=127.0.0.1 NodeHostname=$H CPUs=$CPUS Boards=1 SocketsPerBoard=1 CoresPerSocket=$CPUS ThreadsPerCore=1 RealMemory=$MEM_MB$gres State=UNKNOWN
PartitionName=cpu Nodes=$H Default=YES MaxTime=INFINITE State=UP
PartitionName=gpu Nodes=$H MaxTime=INFINITE State=UP
EOF
}
gen_gres_conf() {
  echo "AutoDetect=off"
  if [ "$GPUS" -gt 0 ]; then
    echo "NodeName=$H Name=gpu File=$D/dev/nvidia[0-$((GPUS - 1))]"
  fi
}
gen_slurmdbd_conf() {
  [ "$LOOPBACK_ONLY" = 1 ] && echo "CommunicationParameters=NoInAddrAny,NoCtldInAddrAny"
  cat <<EOF
AuthType=auth/munge
AuthInfo=socket=$D/run/munge.socket.2
DbdHost=$H
DbdAddr=127.0.0.1
DbdPort=$DBD_PORT
SlurmUser=root
LogFile=$D/log/slurmdbd.log
PidFile=$D/run/slurmdbd.pid
DebugLevel=info
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=slurm
StorageLoc=slurm_acct_db
EOF
}
settings_hash() {
  # the recipe itself is part of the hash: editing up.sh forces a clean restart
  { gen_slurm_conf; gen_gres_conf; [ "$ACCOUNTING" = 1 ] && gen_slurmdbd_conf; echo "users=$USERS"; cat "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-16
}

# ---------------------------------------------------------------- helpers
pid_of() { local f="$D/run/$1.pid"; [ -s "$f" ] && tr -dc '0-9' < "$f" || true; }
# alive NAME: run/NAME.pid names a live NAME (or NAME-wlm) process started for this folder
alive() {
  local p exe; p=$(pid_of "$1")
  [ -n "$p" ] && [ -d "/proc/$p" ] || return 1
  exe=$(basename "$(readlink "/proc/$p/exe" 2>/dev/null)" 2>/dev/null)
  [ "$exe" = "$1" ] || [ "$exe" = "$1-wlm" ] || return 1
  grep -qxF "SLURM_DEV_DIR=$D" < <(tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null)
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # wait_for SECONDS WHAT CMD...
  local secs=$1 what=$2; shift 2
  local end=$(( $(date +%s%N) + secs * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s%N)" -gt "$end" ]; then
      echo "up.sh: timed out after ${secs}s waiting for $what" >&2
      for l in "$D"/log/*.log; do [ -f "$l" ] && { echo "--- $l" >&2; tail -15 "$l" >&2; }; done
      exit 1
    fi
    sleep 0.05
  done
}
# Daemons get a clean environment (SLURM_DEV_DIR in it marks them as ours for down.sh),
# no stdin, stdout/stderr in log/NAME.out.log (so they never hold the caller's pipes open),
# and not fd 9 (the lock, which would otherwise outlive up.sh).
daemon() { # daemon NAME CMD...   (CMD daemonizes itself)
  local name=$1; shift
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SLURM_CONF="$CONF" SLURM_DEV_DIR="$D" \
    "$@" </dev/null >>"$D/log/$name.out.log" 2>&1 9>&-
}
write_env() {
  {
    echo "export SLURM_CONF=$CONF"
    echo "export SLURM_DEV_DIR=$D"
    echo "export SLURM_DEV_ACCOUNTING=$ACCOUNTING"
  } > "$D/env.sh.tmp"
  mv "$D/env.sh.tmp" "$D/env.sh"
  cat "$D/env.sh"
}

HASH=$(settings_hash)

# ---------------------------------------------------------------- already up?
healthy() {
  [ -f "$D/.slurm-dev" ] && [ "$(cat "$D/settings.hash" 2>/dev/null)" = "$HASH" ] || return 1
  alive munged && alive slurmctld && alive slurmd || return 1
  if [ "$ACCOUNTING" = 1 ]; then alive mariadbd && alive slurmdbd || return 1; fi
  local st
  st=$(SLURM_CONF="$CONF" timeout 10 sinfo -h -N -n "$H" -o '%T' 2>/dev/null | head -1) || return 1
  case "$st" in idle|mixed|allocated|completing) return 0;; *) return 1;; esac
}
if [ "${SLURM_DEV_FRESH:-0}" != 1 ] && healthy; then
  log "cluster already up in $D (no-op)"
  write_env
  exit 0
fi
if [ -e "$D" ]; then
  log "stopping previous cluster / cleaning $D"
  SLURM_DEV_DIR="$D" bash "$HERE/down.sh" >&2
fi
[ -e "$D" ] && die "$D still exists and is not a slurm-dev state folder; remove it or set SLURM_DEV_DIR"

# ---------------------------------------------------------------- state folder
for p in $CTLD_PORT $SLURMD_PORT; do port_open "$p" && die "port $p on 127.0.0.1 is already in use (set SLURM_DEV_PORT)"; done
if [ "$ACCOUNTING" = 1 ]; then
  for p in $DBD_PORT $DB_PORT; do port_open "$p" && die "port $p on 127.0.0.1 is already in use (set SLURM_DEV_PORT)"; done
fi
mkdir -p "$D"
touch "$D/.slurm-dev"
mkdir -p "$D/etc" "$D/run" "$D/log" "$D/spool/ctld" "$D/spool/d" "$D/munge" "$D/dev"
chmod 755 "$D" "$D/run" "$D/log"
chmod 700 "$D/munge"
if [ "$GPUS" -gt 0 ]; then
  # fake GPUs: gres/gpu needs File= naming character devices (slurm drops file-less
  # GPUs and rejects regular files); symlinks to /dev/null pass its stat() check
  for ((i = 0; i < GPUS; i++)); do ln -s /dev/null "$D/dev/nvidia$i"; done
fi
gen_slurm_conf > "$CONF"
gen_gres_conf > "$D/etc/gres.conf"
echo "$HASH" > "$D/settings.hash"
if [ "$ACCOUNTING" = 1 ]; then
  gen_slurmdbd_conf > "$D/etc/slurmdbd.conf"
  chmod 600 "$D/etc/slurmdbd.conf"
fi

# ---------------------------------------------------------------- munge
if command -v mungekey >/dev/null 2>&1; then
  mungekey --create --keyfile="$D/munge/munge.key" --force >/dev/null
else
  dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 600 "$D/munge/munge.key"
daemon munged munged --socket="$D/run/munge.socket.2" --key-file="$D/munge/munge.key" \
  --log-file="$D/log/munged.log" --pid-file="$D/run/munged.pid" --seed-file="$D/munge/munged.seed"
wait_for 10 munged munge -n -S "$D/run/munge.socket.2"
log "munged up (pid $(pid_of munged))"

# ---------------------------------------------------------------- mariadb + slurmdbd
if [ "$ACCOUNTING" = 1 ]; then
  mkdir -p "$D/mysql"
  mariadb-install-db --no-defaults --datadir="$D/mysql/data" --user=root \
    --auth-root-authentication-method=socket --skip-test-db > "$D/log/mariadb-install.log" 2>&1 \
    || { tail -20 "$D/log/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
  cat > "$D/etc/mariadb-init.sql" <<'EOF'
CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurm';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
EOF
  # mariadbd does not daemonize: exec it from a background subshell, in its own session
  (exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SLURM_DEV_DIR="$D" setsid mariadbd --no-defaults --datadir="$D/mysql/data" --socket="$D/run/mysqld.sock" \
    --pid-file="$D/run/mariadbd.pid" --port="$DB_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --user=root --log-error="$D/log/mariadb.log" --init-file="$D/etc/mariadb-init.sql" \
    --innodb-buffer-pool-size=128M --innodb-log-file-size=64M --innodb-lock-wait-timeout=900 \
    --skip-log-bin --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-flush-method=nosync \
    </dev/null >>"$D/log/mariadbd.out.log" 2>&1 9>&-) &
  wait_for 30 mariadb mariadb --no-defaults -h127.0.0.1 -P"$DB_PORT" -uslurm -pslurm -e 'select 1'
  log "mariadb up (pid $(pid_of mariadbd))"
  daemon slurmdbd slurmdbd
  wait_for 30 slurmdbd port_open "$DBD_PORT"
  log "slurmdbd up (pid $(pid_of slurmdbd))"
fi

# ---------------------------------------------------------------- slurmctld + slurmd
export SLURM_CONF="$CONF"
daemon slurmctld slurmctld -f "$CONF"
wait_for 30 slurmctld bash -c "scontrol ping | grep -q UP"
log "slurmctld up (pid $(pid_of slurmctld))"
daemon slurmd slurmd -f "$CONF"
node_idle() { [ "$(sinfo -h -N -n "$H" -o '%T' | head -1)" = idle ]; }
wait_for 30 "node $H idle" node_idle
log "slurmd up (pid $(pid_of slurmd)), node $H idle"

# ---------------------------------------------------------------- accounts / qos
if [ "$ACCOUNTING" = 1 ]; then
  # (each sacctmgr call costs ~0.5 s; `sacctmgr load` was tried and lost QOS normal)
  sacctmgr -i -Q add qos debug >/dev/null
  # every association inherits the cluster's QOS list
  sacctmgr -i -Q modify cluster where name="$CLUSTER" set qos=normal,debug >/dev/null
  sacctmgr -i -Q add account test Description=test Organization=dev >/dev/null
  sacctmgr -i -Q add user "$(echo $USERS | tr ' ' ',')" account=root,test DefaultAccount=root >/dev/null
  # slurmctld learns about the new associations asynchronously
  assoc_ready() { grep -q "UserName=$1" <<<"$(scontrol show assoc_mgr users="$1" accounts=test flags=assoc)"; }
  for u in $USERS; do wait_for 20 "association $u/test in slurmctld" assoc_ready "$u"; done
  log "accounts root,test and qos normal,debug set up for: $USERS"
fi

log "cluster up in $D"
write_env
