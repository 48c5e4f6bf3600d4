#!/usr/bin/env bash
# Starts a single-node Slurm test cluster on this machine: munged, slurmctld and slurmd, with GPU_COUNT
# (default 4) GPUs declared as GRES and backed by character devices made with mknod.
#
#   e2e/slurm/start.sh STATE_DIR
#
# Everything (configuration, munge key and socket, spool, state, logs, pid files, device nodes) lives
# in STATE_DIR. Runs as root, without systemd. Idempotent: when the cluster of STATE_DIR is already up
# it only prints the environment again; leftovers of a crashed run are stopped first.
#
# Environment (all optional):
#   PROLOG, EPILOG   absolute paths of node Prolog/Epilog scripts (run by slurmd as root)
#   GPU_COUNT        number of GRES gpus (default 4)
#   CGROUP_MODE      auto (default), or modes to try in order, from v2, v1, none, bare (e.g.
#                    "v2 none"): which process tracking to use (see README.md); bare is never
#                    tried by auto
#   START_TIMEOUT    seconds to wait for each daemon and for the node to become idle (default 60)
#
# stdout: KEY=VALUE lines a client needs (SLURM_CONF=...); also written to STATE_DIR/env.
# stderr: progress. Exit status 0 only when a probe job has run to completion on the node.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="$PATH:/usr/sbin:/sbin"

log() { printf 'slurm/start.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 1 && -n "$1" ]] || die "usage: start.sh STATE_DIR"
mkdir -p "$1"
STATE_DIR="$(cd "$1" && pwd -P)"
GPU_COUNT="${GPU_COUNT:-4}"
CGROUP_MODE="${CGROUP_MODE:-auto}"
START_TIMEOUT="${START_TIMEOUT:-60}"
CONF="$STATE_DIR/slurm.conf"
MUNGE_SOCKET="$STATE_DIR/munge/munge.socket.2"
export SLURM_CONF="$CONF"

[[ "$(id -u)" -eq 0 ]] || die "must run as root (slurmd manages cgroups and runs jobs as their owner)"
for b in munged munge unmunge slurmctld slurmd sbatch scontrol sinfo; do
  command -v "$b" >/dev/null 2>&1 || die "'$b' not found; run e2e/slurm/install.sh first"
done
[[ "$GPU_COUNT" =~ ^[1-9][0-9]*$ ]] || die "GPU_COUNT must be a positive integer, got '$GPU_COUNT'"
# Unix socket paths are limited to 107 bytes (sun_path); slurmd's spool sockets are longer than munge's.
(( ${#STATE_DIR} <= 60 )) || die "STATE_DIR '$STATE_DIR' is too long for unix socket paths (max 60 characters)"
for script_var in PROLOG EPILOG; do
  script="${!script_var:-}"
  if [[ -n "$script" ]]; then
    [[ "$script" == /* ]] || die "$script_var must be an absolute path, got '$script'"
    [[ -x "$script" ]] || die "$script_var '$script' is not an executable file"
  fi
done

# shellcheck source=lib.sh
. "$HERE/lib.sh"
alive() { pidfile_alive "$1"; }

print_env() {
  printf 'SLURM_CONF=%s\n' "$CONF" | tee "$STATE_DIR/env"
}

node_state() { sinfo -h -N -n "$HOST" -o '%T' 2>/dev/null | head -n1; }

HOST="$(hostname -s)"
ADDR=127.0.0.1

if alive "$STATE_DIR/run/slurmctld.pid" && alive "$STATE_DIR/run/slurmd.pid" \
    && alive "$STATE_DIR/run/munged.pid" && [[ "$(node_state)" =~ ^(idle|mixed|allocated) ]]; then
  log "cluster in $STATE_DIR is already running"
  print_env
  exit 0
fi
"$HERE/stop.sh" "$STATE_DIR" >&2

# A second slurmd on this machine would share the cgroup tree (/sys/fs/cgroup/.../slurm) with ours.
others="$(pgrep -x slurmd; pgrep -x slurmctld)" || true
if [[ -n "$others" ]]; then
  die "another slurmd/slurmctld is running on this machine (pids: $(echo $others)); stop it first: one Slurm node per machine"
fi

# From here on, a failure leaves nothing running: stop whatever this run started.
trap 'status=$?; if ((status != 0)); then "$HERE/stop.sh" "$STATE_DIR" >&2 || true; fi' EXIT

mkdir -p "$STATE_DIR"/{ctld,spool/slurmd,run,log,dev,munge}
chmod 700 "$STATE_DIR/munge"

# --- munge ---------------------------------------------------------------------------------------
key="$STATE_DIR/munge/munge.key"
if [[ ! -s "$key" ]]; then
  # 1024 random bytes, the size mungekey(8) writes by default.
  head -c 1024 /dev/urandom >"$key.tmp" && chmod 600 "$key.tmp" && mv "$key.tmp" "$key"
fi
rm -f "$MUNGE_SOCKET"
# --force: munged refuses to run as root or with a key in a group/world-writable directory tree
# (STATE_DIR may sit under /tmp) unless forced; here root is the only user of this munged.
munged --force --key-file="$key" --socket="$MUNGE_SOCKET" --pid-file="$STATE_DIR/run/munged.pid" \
  --log-file="$STATE_DIR/log/munged.log" --seed-file="$STATE_DIR/munge/munged.seed" \
  </dev/null >>"$STATE_DIR/log/munged.log" 2>&1 || die "munged failed to start; see $STATE_DIR/log/munged.log"
for ((i = 0; i < START_TIMEOUT * 10; i++)); do
  [[ -S "$MUNGE_SOCKET" ]] && munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1 && break
  sleep 0.1
done
munge -n -S "$MUNGE_SOCKET" | unmunge -S "$MUNGE_SOCKET" >/dev/null \
  || die "munged does not answer on $MUNGE_SOCKET; see $STATE_DIR/log/munged.log"
log "munged up ($MUNGE_SOCKET)"

# --- GPU device nodes ----------------------------------------------------------------------------
for ((i = 0; i < GPU_COUNT; i++)); do
  dev="$STATE_DIR/dev/nvidia$i"
  if [[ ! -c "$dev" ]]; then
    rm -f "$dev"
    mknod -m 666 "$dev" c 195 "$i" || die "mknod $dev failed (Slurm needs character devices for GRES File=)"
  fi
done

# --- machine facts -------------------------------------------------------------------------------
CPUS="$(nproc)"
mem_total_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
# slurmd drains a node whose configured RealMemory exceeds what it finds; keep 10 % (at least 256 MiB) back.
headroom_mb=$(( mem_total_kb / 1024 / 10 )); (( headroom_mb < 256 )) && headroom_mb=256
REAL_MEMORY_MB=$(( mem_total_kb / 1024 - headroom_mb ))
(( REAL_MEMORY_MB > 0 )) || die "too little memory: MemTotal ${mem_total_kb} kB"

port_free() { ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
pick_port() {
  local preferred="$1" p
  if port_free "$preferred"; then echo "$preferred"; return; fi
  for ((p = 20000 + RANDOM % 20000; ; p++)); do
    if port_free "$p" && [[ "$p" != "${2:-}" ]]; then echo "$p"; return; fi
  done
}
SLURMCTLD_PORT="$(pick_port 6817)"
SLURMD_PORT="$(pick_port 6818 "$SLURMCTLD_PORT")"

# --- process tracking mode -------------------------------------------------------------------------
# Candidates in order; each is verified by really running a job, and the next is tried when it fails.
cgroup_fs="$(stat -fc %T /sys/fs/cgroup 2>/dev/null || echo missing)"
v1_writable() {
  [[ -d /sys/fs/cgroup/freezer && -d /sys/fs/cgroup/devices ]] || return 1
  local probe="/sys/fs/cgroup/freezer/clusterwatch-probe.$$"
  mkdir "$probe" 2>/dev/null && rmdir "$probe"
}
if [[ "$CGROUP_MODE" == auto ]]; then
  modes=()
  [[ "$cgroup_fs" == cgroup2fs ]] && modes+=(v2)
  [[ "$cgroup_fs" == tmpfs ]] && v1_writable && modes+=(v1)
  modes+=(none)
else
  read -r -a modes <<<"$CGROUP_MODE"
  for mode in "${modes[@]}"; do
    [[ "$mode" =~ ^(v2|v1|none|bare)$ ]] || die "CGROUP_MODE must be auto or a list of v2, v1, none, bare; got '$CGROUP_MODE'"
  done
fi
log "/sys/fs/cgroup is $cgroup_fs; process tracking modes to try: ${modes[*]}"

render() { # template output: replaces each NAME between two at-signs by the shell variable NAME
  local text name
  text="$(<"$1")"
  for name in HOST ADDR SLURMCTLD_PORT SLURMD_PORT MUNGE_SOCKET STATE_DIR PROCTRACK TASK_PLUGIN \
      JOBACCT_GATHER CGROUP_MODE CGROUP_PLUGIN CGROUP_MOUNTPOINT PROLOG_LINE EPILOG_LINE CPUS \
      REAL_MEMORY_MB GPU_COUNT LAST_GPU_INDEX; do
    text="${text//@$name@/${!name}}"
  done
  if [[ "$text" =~ @[A-Z_]+@ ]]; then die "unreplaced placeholder ${BASH_REMATCH[0]} in $1"; fi
  printf '%s\n' "$text" >"$2"
}

configure() {
  CGROUP_MODE="$1"
  case "$1" in
    v2|v1)
      PROCTRACK=proctrack/cgroup
      TASK_PLUGIN=task/cgroup,task/affinity
      JOBACCT_GATHER=jobacct_gather/cgroup
      CGROUP_PLUGIN="cgroup/$1"
      CGROUP_MOUNTPOINT=/sys/fs/cgroup ;;
    none)
      # No usable cgroup hierarchy: processes tracked through /proc parentage, no device or core
      # containment, accounting from /proc.
      PROCTRACK=proctrack/linuxproc
      TASK_PLUGIN=task/affinity
      JOBACCT_GATHER=jobacct_gather/linux
      CGROUP_PLUGIN=autodetect
      CGROUP_MOUNTPOINT=/sys/fs/cgroup ;;
    bare)
      # A small or cloud cluster's minimum: no cgroup plugin at all, not even task/affinity.
      # Without PROLOG/EPILOG nothing on the node tells which job holds which GPU.
      PROCTRACK=proctrack/linuxproc
      TASK_PLUGIN=task/none
      JOBACCT_GATHER=jobacct_gather/linux
      CGROUP_PLUGIN=autodetect
      CGROUP_MOUNTPOINT=/sys/fs/cgroup ;;
  esac
  PROLOG_LINE="# Prolog: none (PROLOG not set)"; [[ -n "${PROLOG:-}" ]] && PROLOG_LINE="Prolog=$PROLOG"
  EPILOG_LINE="# Epilog: none (EPILOG not set)"; [[ -n "${EPILOG:-}" ]] && EPILOG_LINE="Epilog=$EPILOG"
  LAST_GPU_INDEX=$((GPU_COUNT - 1))
  render "$HERE/slurm.conf.in" "$CONF"
  render "$HERE/gres.conf.in" "$STATE_DIR/gres.conf"
  render "$HERE/cgroup.conf.in" "$STATE_DIR/cgroup.conf"
}

wait_for() { # description, then a command that succeeds when ready
  local what="$1"; shift
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    "$@" && return 0
    sleep 0.5
  done
  log "timed out after ${START_TIMEOUT}s waiting for $what"
  return 1
}

node_usable() {
  local state
  state="$(node_state)"
  case "$state" in
    idle|mixed|allocated) return 0 ;;
    drained|draining|down|drain*)
      # State from an earlier run in the same STATE_DIR, or "Node unexpectedly rebooted": resume it.
      scontrol update nodename="$HOST" state=resume >/dev/null 2>&1 || true
      return 1 ;;
    *) return 1 ;;
  esac
}

probe_job() {
  local id state deadline=$((SECONDS + START_TIMEOUT))
  id="$(sbatch --parsable --job-name=clusterwatch-probe --output=/dev/null --wrap true 2>>"$STATE_DIR/log/probe.log")" \
    || return 1
  while ((SECONDS < deadline)); do
    state="$(scontrol show job "$id" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
    case "$state" in
      COMPLETED) return 0 ;;
      PENDING|CONFIGURING|RUNNING|COMPLETING|"") ;;
      *) log "probe job $id ended $state"; return 1 ;;
    esac
    # A prolog or launch failure drains the node and requeues the job as held: no point waiting.
    if [[ "$(node_state)" == drain* ]]; then
      log "node drained while running probe job $id: $(sinfo -h -N -n "$HOST" -o '%E')"
      scancel "$id" 2>/dev/null || true
      return 1
    fi
    sleep 0.3
  done
  log "probe job $id did not complete within ${START_TIMEOUT}s (last state ${state:-unknown})"
  scancel "$id" 2>/dev/null || true
  return 1
}

stop_slurm_daemons() {
  stop_pidfile "$STATE_DIR/run/slurmd.pid"
  stop_pidfile "$STATE_DIR/run/slurmctld.pid"
}

ctld_answers() { scontrol ping >/dev/null 2>&1; }

started_at=$SECONDS
for mode in "${modes[@]}"; do
  configure "$mode"
  log "trying $mode: ProctrackType=$PROCTRACK TaskPlugin=$TASK_PLUGIN (ports ${SLURMCTLD_PORT}/${SLURMD_PORT})"
  # -c: do not recover job and node state saved by an earlier run in this STATE_DIR (its jobs died with
  # its slurmd, and a failed mode may have left the node drained).
  slurmctld -c -f "$CONF" </dev/null >>"$STATE_DIR/log/slurmctld.stdout" 2>&1 \
    || { log "slurmctld failed to start; tail of $STATE_DIR/log/slurmctld.log:"; tail -n 20 "$STATE_DIR/log/slurmctld.log" >&2; exit 1; }
  wait_for "slurmctld to answer" ctld_answers \
    || { tail -n 20 "$STATE_DIR/log/slurmctld.log" >&2; stop_slurm_daemons; exit 1; }
  if slurmd -f "$CONF" -N "$HOST" </dev/null >>"$STATE_DIR/log/slurmd.stdout" 2>&1 \
      && wait_for "node $HOST to become idle" node_usable && probe_job; then
    log "cluster up in $((SECONDS - started_at))s with $mode (node $HOST: $CPUS CPUs, ${REAL_MEMORY_MB} MB, gpu:$GPU_COUNT)"
    echo "$mode" >"$STATE_DIR/cgroup-mode"
    print_env
    exit 0
  fi
  log "$mode does not work here; tail of $STATE_DIR/log/slurmd.log:"
  tail -n 15 "$STATE_DIR/log/slurmd.log" >&2 || true
  stop_slurm_daemons
  mv "$STATE_DIR/log/slurmd.log" "$STATE_DIR/log/slurmd.$mode.failed.log" 2>/dev/null || true
done
die "no process tracking mode worked (tried: ${modes[*]}); logs in $STATE_DIR/log"
