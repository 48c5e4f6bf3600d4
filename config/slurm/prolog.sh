#!/bin/sh
# clusterwatch Slurm prolog: tells the local clusterwatch agent at once that a job started on this
# node, by renaming a small key=value file into the agent's spool directory (the agent watches it).
#
# Runs as SlurmdUser (normally root) on the compute node, once per job (PrologFlags=Alloc: at
# allocation time). POSIX sh; needs only mkdir, date, tr, mv. Calls no Slurm command (Slurm's own
# advice for prologs) and never fails: a failing Prolog drains the node and requeues the job.
#
# Spool directory: $CLUSTERWATCH_SPOOL_DIR when set in slurmd's environment, else
# /run/clusterwatch/jobs (a tmpfs, so a reboot forgets every job).
#
# Variables read (Slurm doc/html/prolog_epilog.shtml): SLURM_JOB_ID, SLURM_JOB_SLUID (26.05+),
# SLURM_JOB_USER, SLURM_JOB_UID, SLURM_JOB_ACCOUNT, SLURM_JOB_PARTITION, SLURM_JOB_GPUS and
# CUDA_VISIBLE_DEVICES. In the prolog both GPU lists hold host GRES indices, not the job-relative
# ones the job itself sees; the agent turns them into UUIDs.

spool="${CLUSTERWATCH_SPOOL_DIR:-/run/clusterwatch/jobs}"

# one line, no CR/LF, so a value can never start a new key=value line
clean() {
  printf '%s' "$1" | tr -d '\r\n'
}

case "${SLURM_JOB_ID:-}" in
  '' | *[!0-9]*)
    echo "clusterwatch prolog: SLURM_JOB_ID '${SLURM_JOB_ID:-}' is not a job id; nothing written" >&2
    exit 0
    ;;
esac

if ! mkdir -p "$spool" 2>/dev/null; then
  echo "clusterwatch prolog: cannot create spool directory $spool" >&2
  exit 0
fi

tmp="$spool/.$SLURM_JOB_ID.$$.tmp"
umask 022
if {
  echo "event=started"
  echo "job_id=$SLURM_JOB_ID"
  echo "sluid=$(clean "${SLURM_JOB_SLUID:-}")"
  echo "user=$(clean "${SLURM_JOB_USER:-}")"
  echo "uid=$(clean "${SLURM_JOB_UID:-}")"
  echo "account=$(clean "${SLURM_JOB_ACCOUNT:-}")"
  echo "partition=$(clean "${SLURM_JOB_PARTITION:-}")"
  echo "gpus=$(clean "${SLURM_JOB_GPUS:-}")"
  echo "cuda_visible_devices=$(clean "${CUDA_VISIBLE_DEVICES:-}")"
  echo "time=$(date +%s)"
} >"$tmp" 2>/dev/null && mv -f "$tmp" "$spool/$SLURM_JOB_ID.job"; then
  :
else
  rm -f "$tmp" 2>/dev/null
  echo "clusterwatch prolog: cannot write $spool/$SLURM_JOB_ID.job" >&2
fi
exit 0
