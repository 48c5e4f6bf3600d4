#!/usr/bin/env bash
# Installs what the single-node Slurm test cluster needs from Debian: slurmctld, slurmd, the client
# commands (all in slurm-wlm) and munge. Does nothing when every binary is already on PATH.
# Runs as root (apt-get). Another apt process may hold the dpkg lock (other test set-up installs
# chromium concurrently): apt-get waits for it up to DPKG_LOCK_TIMEOUT seconds, and the whole step is
# retried a few times because `apt-get update` has no lock timeout of its own.
set -euo pipefail

REQUIRED_BINARIES=(munged mungekey slurmctld slurmd sbatch scontrol squeue sinfo)
PACKAGES=(slurm-wlm munge)
ATTEMPTS="${SLURM_INSTALL_ATTEMPTS:-5}"
DPKG_LOCK_TIMEOUT="${DPKG_LOCK_TIMEOUT:-120}"

log() { printf 'slurm/install.sh: %s\n' "$*" >&2; }

missing_binaries() {
  local b missing=()
  for b in "${REQUIRED_BINARIES[@]}"; do
    command -v "$b" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$b" >/dev/null 2>&1 \
      || missing+=("$b")
  done
  printf '%s\n' "${missing[@]}"
}

# The package version; `sinfo --version` cannot be used, it fails without a slurm.conf.
installed_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "unknown"; }

missing="$(missing_binaries)"
if [[ -z "$missing" ]]; then
  log "slurm and munge already installed (slurm-wlm $(installed_version slurm-wlm), munge $(installed_version munge))"
  exit 0
fi
log "missing: $(echo $missing)"

if [[ "$(id -u)" -ne 0 ]]; then
  log "ERROR: installing ${PACKAGES[*]} needs root (apt-get); run as root or install them first"
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "ERROR: no apt-get on this machine; install ${PACKAGES[*]} (Slurm's slurmctld, slurmd, client and munge) by hand"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_get() {
  apt-get -q -y -o DPkg::Lock::Timeout="$DPKG_LOCK_TIMEOUT" "$@"
}

for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
  # Daemons must not be started by the packages' maintainer scripts (there is no systemd here, and the
  # test cluster starts its own with its own configuration): policy-rc.d exit 101 forbids it.
  policy=/usr/sbin/policy-rc.d
  created_policy=no
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=yes
  fi
  status=0
  { apt_get update && apt_get install --no-install-recommends "${PACKAGES[@]}"; } || status=$?
  [[ "$created_policy" == yes ]] && rm -f "$policy"
  if [[ "$status" -eq 0 && -z "$(missing_binaries)" ]]; then
    log "installed slurm-wlm $(installed_version slurm-wlm), munge $(installed_version munge)"
    exit 0
  fi
  log "attempt $attempt/$ATTEMPTS failed (apt-get status $status); another apt process may hold the lock"
  sleep $((attempt * 5))
done

log "ERROR: could not install ${PACKAGES[*]} after $ATTEMPTS attempts; still missing: $(echo $(missing_binaries))"
exit 1
