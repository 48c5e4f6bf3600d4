#!/usr/bin/env bash
# Stops the test cluster that start.sh started in STATE_DIR: slurmd, slurmctld, then munged, each by
# the pid file it wrote there. Idempotent: missing or stale pid files are fine. Leaves STATE_DIR
# (configuration and logs) in place for inspection.
#
#   e2e/slurm/stop.sh STATE_DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: stop.sh STATE_DIR" >&2
  exit 2
fi
STATE_DIR="$1"
if [[ ! -d "$STATE_DIR" ]]; then
  exit 0
fi

export PATH="$PATH:/usr/sbin:/sbin"
export SLURM_CONF="$STATE_DIR/slurm.conf"

# slurmstepd processes of this cluster: started by its slurmd, which start.sh ran with SLURM_CONF set,
# so they carry that in their environment. They outlive slurmd, hence are found this way.
stepd_pids() {
  local environ pid comm
  for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"; pid="${pid%/environ}"
    comm=""
    { read -r comm <"/proc/$pid/comm"; } 2>/dev/null || continue
    [[ "$comm" == slurmstepd ]] || continue
    { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$SLURM_CONF" && echo "$pid"
  done
  return 0
}

# Cancel the jobs first, so that slurmd's step daemons end them and their epilogs run.
if pidfile_alive "$STATE_DIR/run/slurmctld.pid"; then
  jobs="$(squeue -h -o %i 2>/dev/null || true)"
  if [[ -n "$jobs" ]]; then
    echo "slurm/stop.sh: cancelling jobs $(echo $jobs)" >&2
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -z "$(stepd_pids)" && -z "$(squeue -h -o %i 2>/dev/null)" ]] && break
      sleep 0.1
    done
  fi
fi

for name in slurmd slurmctld munged; do
  if pidfile_alive "$STATE_DIR/run/$name.pid"; then
    echo "slurm/stop.sh: stopping $name (pid $(cat "$STATE_DIR/run/$name.pid"))" >&2
  fi
  stop_pidfile "$STATE_DIR/run/$name.pid"
done
for pid in $(stepd_pids); do
  echo "slurm/stop.sh: killing leftover slurmstepd $pid" >&2
  kill -9 "$pid" 2>/dev/null || true
done
rm -f "$STATE_DIR/munge/munge.socket.2" "$STATE_DIR/munge/munge.socket.2.lock"
