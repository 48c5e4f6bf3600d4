#!/usr/bin/env bash
# Agent footprint at 1 Hz: 8 GPUs from the fake NVML library (the test build's
# agent/target/fake-nvml/libnvidia-ml.so, default scenario), the node_exporter fixture InfiniBand and
# disk trees, /metrics listening, streaming to a real hub. Reports CPU as a percentage of one core
# (utime + stime from /proc/<pid>/stat over the measured window) and resident memory (VmRSS at the
# end, the largest VmRSS sampled every 5 s, VmHWM) of the agent process, its thread count, and how
# many frames the hub acknowledged (from the agent log) so that a run that did not stream shows.
#
# The agent is started by the launcher (`./clusterwatch agent ...`), so the JVM flags, environment
# and class-data sharing archive are exactly the launcher's. To try other flags, set AGENT_FLAGS:
# the agent then runs as `env $AGENT_ENV java $AGENT_FLAGS -jar ...` without the launcher.
#
# usage: bench/agent-footprint.sh [SECONDS]   (default 300; 30 s of start-up are not measured)
# env:   PORT (hub port, default 18080), AGENT_FLAGS, AGENT_ENV, OUT (log folder, default
#        target/footprint), NMT=1 (adds -XX:NativeMemoryTracking=summary and prints jcmd's summary),
#        EXTRA_JVM_FLAGS (added through JAVA_TOOL_OPTIONS, e.g. -Xlog:gc:file=gc.log), FAKE_NVML
#        (another build of the fake library, e.g. a copy, so that a test build can run meanwhile)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEASURE_SECONDS="${1:-300}"
WARMUP_SECONDS=30
FIXTURES="$ROOT/agent/src/test/resources/fixtures/node_exporter"
FAKE_NVML="${FAKE_NVML:-$ROOT/agent/target/fake-nvml/libnvidia-ml.so}"
PORT="${PORT:-18080}"
OUT="${OUT:-$ROOT/target/footprint}"
mkdir -p "$OUT"

cd "$ROOT"
./clusterwatch build
[[ -f "$FAKE_NVML" ]] || mvn -q -B -o -pl agent test-compile
[[ -f "$FAKE_NVML" ]] || { echo "fake NVML library missing: $FAKE_NVML (is gcc installed?)" >&2; exit 1; }
[[ -d "$FIXTURES/proc" ]] || { echo "fixture tree missing: $FIXTURES" >&2; exit 1; }

HUB="" AGENT=""
cleanup() { for p in $AGENT $HUB; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -Xmx256m -jar hub/target/clusterwatch-hub.jar --port "$PORT" >"$OUT/hub-$PORT.log" 2>&1 &
HUB=$!
for ((i = 0; i < 300; i++)); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$HUB" 2>/dev/null || { cat "$OUT/hub-$PORT.log" >&2; exit 1; }
  sleep 0.2
done

ARGS=(--procfs "$FIXTURES/proc" --sysfs "$FIXTURES/sys" --gpu nvml --nvml-lib "$FAKE_NVML"
  --hub "ws://127.0.0.1:$PORT/ingest" --listen 127.0.0.1:0 --interval 1s)
NMT_FLAGS=()
[[ "${NMT:-0}" == 1 ]] && NMT_FLAGS=(-XX:NativeMemoryTracking=summary)
if [[ -n "${AGENT_FLAGS:-}" ]]; then
  # shellcheck disable=SC2086 # word splitting of the flag lists is intended
  env ${AGENT_ENV:-} JAVA_TOOL_OPTIONS="${NMT_FLAGS[*]} ${EXTRA_JVM_FLAGS:-}" java $AGENT_FLAGS -jar agent/target/clusterwatch-agent.jar "${ARGS[@]}" \
    >"$OUT/agent-$PORT.log" 2>&1 &
  FLAGS_USED="$AGENT_FLAGS (env: ${AGENT_ENV:-none})"
else
  # The launcher execs java: $! is the JVM itself.
  JAVA_TOOL_OPTIONS="${NMT_FLAGS[*]} ${EXTRA_JVM_FLAGS:-}" ./clusterwatch agent "${ARGS[@]}" >"$OUT/agent-$PORT.log" 2>&1 &
  FLAGS_USED="launcher"
fi
AGENT=$!

sleep "$WARMUP_SECONDS" # start-up (class loading, JIT, CDS dump) is not the steady state
kill -0 "$AGENT" 2>/dev/null || { cat "$OUT/agent-$PORT.log" >&2; exit 1; }
[[ "$(cat /proc/$AGENT/comm)" == java ]] || { echo "pid $AGENT is not the JVM" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$AGENT/stat"; }
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$AGENT/status"; }
HZ=$(getconf CLK_TCK)
T0=$(ticks) W0=$(date +%s.%N) L0=$(cut -d' ' -f1 /proc/loadavg)
MAX_RSS=0
for ((i = 0; i < MEASURE_SECONDS; i += 5)); do
  sleep 5
  r=$(status_kb VmRSS)
  ((r > MAX_RSS)) && MAX_RSS=$r
done
T1=$(ticks) W1=$(date +%s.%N) L1=$(cut -d' ' -f1 /proc/loadavg)

echo "flags: $FLAGS_USED"
echo "jvm: $(tr '\0' ' ' <"/proc/$AGENT/cmdline")"
echo "JAVA_TOOL_OPTIONS: $(tr '\0' '\n' <"/proc/$AGENT/environ" | sed -n 's/^JAVA_TOOL_OPTIONS=//p')"
echo "MALLOC_ARENA_MAX: $(tr '\0' '\n' <"/proc/$AGENT/environ" | sed -n 's/^MALLOC_ARENA_MAX=//p')"
awk -v t0="$T0" -v t1="$T1" -v w0="$W0" -v w1="$W1" -v hz="$HZ" -v rss="$(status_kb VmRSS)" \
  -v max="$MAX_RSS" -v hwm="$(status_kb VmHWM)" -v thr="$(status_kb Threads)" -v l0="$L0" -v l1="$L1" 'BEGIN {
  printf "cpu_percent_of_one_core=%.3f seconds=%.0f\n", 100 * (t1 - t0) / hz / (w1 - w0), w1 - w0
  printf "rss_mb_end=%.1f rss_mb_max_sampled=%.1f vmhwm_mb=%.1f threads=%d loadavg=%s..%s\n",
    rss / 1024, max / 1024, hwm / 1024, thr, l0, l1 }'
grep -E '^(Rss|Pss_Anon|Pss_File|Anonymous)' "/proc/$AGENT/smaps_rollup" | tr -s ' ' | paste -sd' '
grep -c 'from sequence' "$OUT/agent-$PORT.log" | sed 's/^/welcomes=/' || true
grep -c 'connection .* lost' "$OUT/agent-$PORT.log" | sed 's/^/connections_lost=/' || true
if [[ "${NMT:-0}" == 1 ]]; then
  jcmd "$AGENT" VM.native_memory summary | grep -E '^(Total|-)|committed=' | sed -n '1,60p'
fi
