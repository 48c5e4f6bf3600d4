#!/usr/bin/env bash
# Streaming agents side by side, per thread: each SPEC starts one agent with 8 GPUs from the
# fake NVML library (agent/target/fake-nvml/libnvidia-ml.so, default scenario) on the same fixture
# tree as bench/agent-vs-node-exporter.sh, all streaming at 1 Hz to one real hub, /metrics
# listening but never scraped (each agent named bench-LABEL, so the hub keeps one connection per
# agent). After WARMUP seconds, bench/lib/thread-cpu.py reads utime + stime of
# every thread of every agent over WINDOW seconds and prints one row per thread name, one column
# per agent, so that two builds (or two flag sets) are compared on the same work at the same time.
#
# usage: bench/agent-streaming-threads.sh SPEC [SPEC ...]
#   SPEC   LABEL=JAR or LABEL=JAR=EXTRA_FLAGS: the agent jar to run (e.g. a copy of an earlier
#          build) and JVM flags added after the launcher's own (AGENT_JVM_FLAGS and AGENT_ENV, read
#          from the launcher given by LAUNCHER, default ./clusterwatch; a later flag wins). No
#          class-data archive of the agent's own is mapped (the JDK's is): it changes start-up,
#          not the steady state (docs/benchmarks/agent-footprint.md).
# env:   WARMUP (default 60 s), WINDOW (default 180 s), OUT (default target/agent-streaming-threads),
#        HUB_PORT (18095), FIRST_PORT (19580: the agents' /metrics ports count up from it), LAUNCHER,
#        FAKE_NVML
# e.g.   cp agent/target/clusterwatch-agent.jar /tmp/before.jar; (change, build)
#        bench/agent-streaming-threads.sh before=/tmp/before.jar after=agent/target/clusterwatch-agent.jar
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bench.sh
source "$ROOT/bench/lib/bench.sh"
(($#)) || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
WARMUP="${WARMUP:-60}"
WINDOW="${WINDOW:-180}"
OUT="${OUT:-$ROOT/target/agent-streaming-threads}"
HUB_PORT="${HUB_PORT:-18095}"
FIRST_PORT="${FIRST_PORT:-19580}"
LAUNCHER="${LAUNCHER:-$ROOT/clusterwatch}"

# The launcher's agent flags and environment, as it defines them (its two array assignments).
FLAGS_DEF="$(sed -n '/^AGENT_JVM_FLAGS=(/,/)$/p; /^AGENT_ENV=(/p' "$LAUNCHER")"
[[ -n "$FLAGS_DEF" ]] || { echo "no AGENT_JVM_FLAGS in $LAUNCHER" >&2; exit 1; }
eval "$FLAGS_DEF"

cd "$ROOT"
FAKE_NVML="$(fake_nvml)"
[[ -f hub/target/clusterwatch-hub.jar ]] || { echo "hub jar missing: ./clusterwatch build" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
fixture_tree "$OUT/tree"
TREE="$OUT/tree"
cat >"$OUT/stream.yaml" <<EOF
jobs:
  slurm:
    enabled: false
EOF

trap bench_cleanup EXIT
java -Xmx256m -jar hub/target/clusterwatch-hub.jar --port "$HUB_PORT" --data "$OUT/hub-data" \
  >"$OUT/hub.log" 2>&1 &
HUB=$!
PIDS+=("$HUB")
wait_port "$HUB_PORT" "$HUB" "$OUT/hub.log"

WATCH=()
port=$FIRST_PORT
for spec in "$@"; do
  label="${spec%%=*}" rest="${spec#*=}"
  jar="${rest%%=*}" extra=""
  [[ "$rest" == *=* ]] && extra="${rest#*=}"
  [[ -f "$jar" ]] || { echo "$label: no jar at $jar" >&2; exit 1; }
  echo "$label: $jar, launcher flags ${AGENT_JVM_FLAGS[*]} ${extra}" >"$OUT/$label.flags"
  # shellcheck disable=SC2086 # the extra flags are a word list
  env "${AGENT_ENV[@]}" java "${AGENT_JVM_FLAGS[@]}" $extra -jar "$jar" --config "$OUT/stream.yaml" \
    --procfs "$TREE/proc" --sysfs "$TREE/sys" --gpu nvml --nvml-lib "$FAKE_NVML" \
    --hub "ws://127.0.0.1:$HUB_PORT/ingest" --hostname "bench-$label" --listen "127.0.0.1:$port" \
    --interval 1s \
    >"$OUT/$label.log" 2>&1 &
  PIDS+=("$!")
  WATCH+=("$label=$!")
  wait_port "$port" "$!" "$OUT/$label.log"
  port=$((port + 1))
done

sleep "$WARMUP"
for w in "${WATCH[@]}"; do
  kill -0 "${w#*=}" 2>/dev/null || { echo "${w%%=*} died during warm-up; logs in $OUT" >&2; exit 1; }
done
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(machine_line)"
echo "warm-up ${WARMUP}s, window ${WINDOW}s; uptime at start: $(uptime)"
for spec in "$@"; do cat "$OUT/${spec%%=*}.flags"; done
python3 "$ROOT/bench/lib/thread-cpu.py" "$WINDOW" "${WATCH[@]}"
echo "uptime at end: $(uptime)"
for w in "${WATCH[@]}"; do
  label="${w%%=*}" pid="${w#*=}"
  echo "$label: $(grep -c 'from sequence' "$OUT/$label.log" || true) welcome(s), $(grep -c 'connection .* lost' "$OUT/$label.log" || true) lost connection(s), RSS $(awk '{printf "%.1f MB", $1/1024}' <<<"$(rss_kb "$pid")"), $(awk '$1 == "Threads:" {print $2}' "/proc/$pid/status") threads"
done
