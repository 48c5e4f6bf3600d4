# Shell helpers shared by the bench/ harnesses: sourced, never run. Each harness sets ROOT and OUT,
# keeps the PIDS array of what it started (stopped by bench_cleanup) and reads LAST after a start.

PIDS=()
bench_cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }

# wait_port PORT PID LOG: until something listens on 127.0.0.1:PORT; shows LOG and fails if PID died.
wait_port() {
  local i
  for ((i = 0; i < 600; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.2
  done
  echo "nothing listens on $1 (log: $3)" >&2
  exit 1
}

# CPU time of a process, user + system, in clock ticks (fields 14 and 15 of /proc/PID/stat).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Resident set size in KiB.
rss_kb() { awk '$1 == "VmRSS:" {print $2}' "/proc/$1/status"; }

# fixture_tree DIR: node_exporter's own fixtures (stat, meminfo, diskstats, InfiniBand) plus
# prometheus/procfs's proc/net/dev, the tree the agents read in every harness.
fixture_tree() {
  local fixtures="$ROOT/agent/src/test/resources/fixtures"
  mkdir -p "$1/proc/net" "$1/sys/class"
  cp "$fixtures"/node_exporter/proc/{stat,meminfo,diskstats} "$1/proc/"
  cp "$fixtures/procfs/proc/net/dev" "$1/proc/net/dev"
  cp -r "$fixtures/node_exporter/sys/class/infiniband" "$1/sys/class/"
}

# The fake NVML library the test build compiles (8 x H100 in its default scenario), built if missing.
fake_nvml() {
  local lib="${FAKE_NVML:-$ROOT/agent/target/fake-nvml/libnvidia-ml.so}"
  [[ -f "$lib" ]] || sh "$ROOT/agent/src/test/c/build.sh" "$ROOT/agent/target/fake-nvml" >&2
  [[ -f "$lib" ]] || { echo "fake NVML library missing: $lib (is gcc installed?)" >&2; exit 1; }
  echo "$lib"
}

# start_agent LOG ARGS...: the agent through the launcher (its production flags), or
# `env $AGENT_ENV java $AGENT_FLAGS -jar $AGENT_JAR` when AGENT_FLAGS is set. LAST is the JVM's pid.
start_agent() {
  local log="$1"; shift
  if [[ -n "${AGENT_FLAGS:-}" ]]; then
    # shellcheck disable=SC2086 # word splitting of the flag list is intended
    env ${AGENT_ENV:-} java $AGENT_FLAGS -jar "${AGENT_JAR:-$ROOT/agent/target/clusterwatch-agent.jar}" "$@" >"$log" 2>&1 &
  else
    "$ROOT/clusterwatch" agent "$@" >"$log" 2>&1 & # the launcher execs java: $! is the JVM
  fi
  LAST=$!
  PIDS+=("$LAST")
}

# One line naming the machine: CPUs, model, memory, kernel, JDK.
machine_line() {
  echo "$(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
}

# metric_sum URL NAME [LABEL_FILTER]: the sum of every sample of NAME (any labels, or only lines
# containing LABEL_FILTER) in the Prometheus text served at URL; 0 when absent.
metric_sum() {
  curl -s --max-time 5 "$1" | awk -v n="$2" -v f="${3:-}" '
    $1 == n || index($1, n "{") == 1 { if (f == "" || index($1, f) > 0) s += $NF }
    END { printf "%.0f\n", s }'
}
