# Shared by start.sh and stop.sh (sourced, not run).

# True when the pid file exists and names a live process.
pidfile_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the process named by a pid file: SIGTERM, up to 10 s for it to exit, then SIGKILL.
# Removes the pid file. Does nothing when the process is already gone.
stop_pidfile() {
  local pidfile="$1" pid i
  if pidfile_alive "$pidfile"; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}
