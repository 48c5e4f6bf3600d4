#!/bin/sh
# clusterwatch Slurm epilog: tells the local clusterwatch agent at once that a job ended on this
# node, by renaming an "ended" record over the job's spool file (the agent watches the directory,
# reports the end, and removes the file once the job's cgroup is gone).
#
# Runs as SlurmdUser (normally root) on the compute node. POSIX sh; needs only mkdir, date, tr, mv.
# Calls no Slurm command and never fails: a failing Epilog drains the node.
#
# Spool directory: $CLUSTERWATCH_SPOOL_DIR when set in slurmd's environment, else
# /run/clusterwatch/jobs. Must match the prolog's.

spool="${CLUSTERWATCH_SPOOL_DIR:-/run/clusterwatch/jobs}"

clean() {
  printf '%s' "$1" | tr -d '\r\n'
}

case "${SLURM_JOB_ID:-}" in
  '' | *[!0-9]*)
    echo "clusterwatch epilog: SLURM_JOB_ID '${SLURM_JOB_ID:-}' is not a job id; nothing written" >&2
    exit 0
    ;;
esac

if ! mkdir -p "$spool" 2>/dev/null; then
  echo "clusterwatch epilog: cannot create spool directory $spool" >&2
  exit 0
fi

tmp="$spool/.$SLURM_JOB_ID.$$.tmp"
umask 022
if {
  echo "event=ended"
  echo "job_id=$SLURM_JOB_ID"
  echo "sluid=$(clean "${SLURM_JOB_SLUID:-}")"
  echo "user=$(clean "${SLURM_JOB_USER:-}")"
  echo "uid=$(clean "${SLURM_JOB_UID:-}")"
  echo "account=$(clean "${SLURM_JOB_ACCOUNT:-}")"
  echo "partition=$(clean "${SLURM_JOB_PARTITION:-}")"
  echo "gpus=$(clean "${SLURM_JOB_GPUS:-}")"
  echo "cuda_visible_devices=$(clean "${CUDA_VISIBLE_DEVICES:-}")"
  echo "exit_code=$(clean "${SLURM_JOB_EXIT_CODE:-}")"
  echo "time=$(date +%s)"
} >"$tmp" 2>/dev/null && mv -f "$tmp" "$spool/$SLURM_JOB_ID.job"; then
  :
else
  rm -f "$tmp" 2>/dev/null
  echo "clusterwatch epilog: cannot write $spool/$SLURM_JOB_ID.job" >&2
fi
exit 0
