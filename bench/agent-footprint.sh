#!/usr/bin/env bash
# Agent footprint at 1 Hz: 8 GPUs from the fake NVML library, the fixture InfiniBand and disk trees,
# streaming to a real hub. Reports CPU as a percentage of one core and resident memory (VmRSS,
# VmHWM) of the agent process over the run.
#
# usage: bench/agent-footprint.sh [SECONDS]   (default 300)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-300}"
FIXTURES="$ROOT/agent/src/test/resources/fixtures/node_exporter"
FAKE_NVML="$ROOT/agent/target/fake-nvml/libnvidia-ml.so"
PORT="${PORT:-18080}"

cd "$ROOT"
[[ -f agent/target/clusterwatch-agent.jar && -f hub/target/clusterwatch-hub.jar ]] || ./clusterwatch build
[[ -f "$FAKE_NVML" ]] || mvn -q -B -o -pl agent test-compile
[[ -d "$FIXTURES/proc" ]] || { echo "fixture tree missing: $FIXTURES" >&2; exit 1; }

java -jar hub/target/clusterwatch-hub.jar --port "$PORT" >/tmp/footprint-hub.log 2>&1 &
HUB=$!
trap 'kill $HUB $AGENT 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do sleep 0.2; done

# Same flags as ./clusterwatch agent (see the launcher).
mapfile -t FLAGS < <(sed -n '/^AGENT_JVM_FLAGS=(/,/)/p' clusterwatch | tr -d '()' | sed 's/AGENT_JVM_FLAGS=//' | tr ' ' '\n' | grep -- '^-')
java "${FLAGS[@]}" -jar agent/target/clusterwatch-agent.jar \
  --procfs "$FIXTURES/proc" --sysfs "$FIXTURES/sys" --gpu nvml --nvml-lib "$FAKE_NVML" \
  --hub "ws://127.0.0.1:$PORT/ingest" --listen 127.0.0.1:0 --interval 1s >/tmp/footprint-agent.log 2>&1 &
AGENT=$!

ticks() { awk '{print $14 + $15}' "/proc/$AGENT/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$AGENT/status"; }
HZ=$(getconf CLK_TCK)

sleep 30 # let start-up (class loading, JIT) pass: we measure the steady state
T0=$(ticks); W0=$(date +%s.%N)
MAX_RSS=0
for ((i = 0; i < SECONDS_TO_RUN; i += 5)); do
  sleep 5
  r=$(rss_kb); ((r > MAX_RSS)) && MAX_RSS=$r
done
T1=$(ticks); W1=$(date +%s.%N)
awk -v t0="$T0" -v t1="$T1" -v w0="$W0" -v w1="$W1" -v hz="$HZ" -v rss="$(rss_kb)" -v max="$MAX_RSS" \
  -v hwm="$(awk '/^VmHWM/ {print $2}' /proc/$AGENT/status)" 'BEGIN {
  printf "cpu_percent_of_one_core=%.3f\n", 100 * (t1 - t0) / hz / (w1 - w0);
  printf "rss_mb_end=%.1f rss_mb_max_sampled=%.1f vmhwm_mb=%.1f seconds=%.0f\n", rss/1024, max/1024, hwm/1024, w1 - w0 }'
