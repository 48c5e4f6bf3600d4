#!/usr/bin/env bash
# The hub beside Debian's Prometheus and VictoriaMetrics on the same work, in one run:
#
#   agents    (default) K real agents (the launcher's agent, the fixture tree of
#             bench/agent-vs-node-exporter.sh, 8 GPUs each from the fake NVML library, each with its
#             own --hostname and /metrics port) stream to the hub at 1 Hz, while Prometheus and
#             VictoriaMetrics each scrape the same K agents' /metrics once a second;
#   simulate  (--nodes N, e.g. 200) the simulator streams N nodes to the hub. It serves no /metrics,
#             so Prometheus and VictoriaMetrics scrape N static targets from bench/lib/static-targets.py:
#             a real agent's /metrics text (captured at start from one agent on the same tree, 8 fake
#             GPUs) trimmed or padded to the simulator's series per node, values changing every second.
#
# The hub runs through the launcher (`./clusterwatch hub`, its production JVM flags) with a data
# directory (write-ahead log and chunk files on), Prometheus and VictoriaMetrics with their Debian
# defaults and a data directory each; all three write under OUT. Time is counted from the moment all
# are started and every target is up. The first WARMUP seconds (start-up, class loading, JIT) are
# reported on their own ("first minutes") and left out of the windows after them. At each checkpoint
# (seconds from the start; the last is DURATION) the script reads for each process its CPU time
# (utime + stime, /proc/PID/stat), its VmRSS, the samples it has ingested (hub:
# clusterwatch_hub_ingest_samples_total; Prometheus: prometheus_tsdb_head_samples_appended_total;
# VictoriaMetrics: vm_rows_added_to_storage_total) and its series (clusterwatch_hub_store_series;
# prometheus_tsdb_head_series; VictoriaMetrics: vm_cache_entries{type="storage/hour_metric_ids"}, the
# series seen this hour), and prints CPU microseconds per sample over each window, RSS KiB per series
# at the checkpoint and the hub's ratios against both. Prometheus and VictoriaMetrics count the 5
# series they add per target (up, scrape_duration_seconds, ...) as samples and series too.
#
# usage: bench/hub-vs-prometheus.sh [--nodes N] [--short]
#   --nodes N  simulate mode with N simulated nodes (default: agents mode)
#   --short    WARMUP=30 DURATION=90 K=5, a quick check that everything runs
# env:   K (agents, default 20), WARMUP (default 60 s), DURATION (default 900 s), CHECKPOINTS
#        (default "300 900": 5 and 15 minutes; those under DURATION are kept, DURATION is added),
#        OUT (default target/hub-vs-prometheus), HUB_PORT (18190), PROM_PORT (19090), VM_PORT (18428),
#        AGENT_BASE_PORT (19500: agent i listens on AGENT_BASE_PORT + i), STATIC_PORT (19400),
#        HUB_FLAGS: run the hub as `java $HUB_FLAGS -jar hub/target/clusterwatch-hub.jar` instead of
#        through the launcher (HUB_JAR: another hub jar, e.g. a copy, so that a build can run
#        meanwhile); HUB_CONFIG: extra YAML appended to the hub's configuration;
#        AGENT_FLAGS, AGENT_ENV, AGENT_JAR, FAKE_NVML as in bench/agent-vs-node-exporter.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bench.sh
source "$ROOT/bench/lib/bench.sh"
K="${K:-20}"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-900}"
CHECKPOINTS="${CHECKPOINTS:-300 900}"
NODES=""
while (($#)); do
  case "$1" in
    --nodes) NODES="${2:?--nodes needs a number}"; shift 2 ;;
    --short) WARMUP=30 DURATION=90 K=5; shift ;;
    *) echo "unknown option: $1 (usage: bench/hub-vs-prometheus.sh [--nodes N] [--short])" >&2; exit 2 ;;
  esac
done
for v in K WARMUP DURATION ${NODES:+NODES}; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || { echo "$v must be a positive whole number, got: ${!v}" >&2; exit 2; }
done
((WARMUP < DURATION)) || { echo "WARMUP ($WARMUP s) must be shorter than DURATION ($DURATION s)" >&2; exit 2; }
MARKS=(0 "$WARMUP")
for c in $CHECKPOINTS; do ((c > WARMUP && c < DURATION)) && MARKS+=("$c"); done
MARKS+=("$DURATION")
OUT="${OUT:-$ROOT/target/hub-vs-prometheus}"
HUB_PORT="${HUB_PORT:-18190}"
PROM_PORT="${PROM_PORT:-19090}"
VM_PORT="${VM_PORT:-18428}"
AGENT_BASE_PORT="${AGENT_BASE_PORT:-19500}"
STATIC_PORT="${STATIC_PORT:-19400}"
PROMETHEUS="${PROMETHEUS:-/usr/bin/prometheus}"
VICTORIA="${VICTORIA:-/usr/bin/victoria-metrics}"

cd "$ROOT"
[[ -x "$PROMETHEUS" ]] || { echo "prometheus missing: $PROMETHEUS (apt-get install prometheus)" >&2; exit 1; }
[[ -x "$VICTORIA" ]] || { echo "victoria-metrics missing: $VICTORIA (apt-get install victoria-metrics)" >&2; exit 1; }
./clusterwatch build
NVML="$(fake_nvml)"
trap bench_cleanup EXIT

rm -rf "$OUT" && mkdir -p "$OUT/agents"
fixture_tree "$OUT/tree"
TREE="$OUT/tree"
cat >"$OUT/agent.yaml" <<YAML
jobs:
  slurm:
    enabled: false
YAML
cat >"$OUT/hub.yaml" <<YAML
store:
  path: $OUT/hub-data
${HUB_CONFIG:-}
YAML

# The hub first, so that the agents' first frames are not refused.
if [[ -n "${HUB_FLAGS:-}" ]]; then
  # shellcheck disable=SC2086 # word splitting of the flag list is intended
  java $HUB_FLAGS -jar "${HUB_JAR:-hub/target/clusterwatch-hub.jar}" --config "$OUT/hub.yaml" --port "$HUB_PORT" >"$OUT/hub.log" 2>&1 &
else
  ./clusterwatch hub --config "$OUT/hub.yaml" --port "$HUB_PORT" >"$OUT/hub.log" 2>&1 &
fi
HUB=$!
PIDS+=("$HUB")
wait_port "$HUB_PORT" "$HUB" "$OUT/hub.log"
HUB_METRICS="http://127.0.0.1:$HUB_PORT/metrics"

agent_args() { # index
  echo --config "$OUT/agent.yaml" --procfs "$TREE/proc" --sysfs "$TREE/sys" --gpu nvml --nvml-lib "$NVML" \
    --hostname "bench-$(printf '%03d' "$1")" --listen "127.0.0.1:$((AGENT_BASE_PORT + $1))" --interval 1s
}

TARGETS=()
AGENT_PIDS=()
if [[ -z "$NODES" ]]; then
  MODE="$K agents (real agent, fixture tree, 8 fake GPUs each)"
  for ((i = 0; i < K; i++)); do
    # shellcheck disable=SC2046 # agent_args prints the argument list, no spaces inside arguments
    start_agent "$OUT/agents/agent-$i.log" $(agent_args "$i") --hub "ws://127.0.0.1:$HUB_PORT/ingest"
    AGENT_PIDS+=("$LAST")
    # The first launcher start after a build dumps the class-data archive; the others wait for it.
    ((i == 0)) && wait_port "$AGENT_BASE_PORT" "$LAST" "$OUT/agents/agent-0.log"
    TARGETS+=("127.0.0.1:$((AGENT_BASE_PORT + i))")
  done
  for ((i = 0; i < K; i++)); do wait_port "$((AGENT_BASE_PORT + i))" "${AGENT_PIDS[$i]}" "$OUT/agents/agent-$i.log"; done
  SCRAPE_CONFIG="  - job_name: agents
    scrape_interval: 1s
    scrape_timeout: 1s
    static_configs:
      - targets: [$(IFS=,; echo "${TARGETS[*]}")]"
  curl -s "http://${TARGETS[0]}/metrics" >"$OUT/agent.metrics"
else
  MODE="$NODES simulated nodes (hub) / $NODES static targets (Prometheus, VictoriaMetrics)"
  # One real agent's /metrics, the template of the static targets; not streaming, stopped at once.
  # shellcheck disable=SC2046
  start_agent "$OUT/agents/template.log" $(agent_args 0)
  wait_port "$AGENT_BASE_PORT" "$LAST" "$OUT/agents/template.log"
  sleep 3 # two ticks, so that the counters' rates have a previous value
  curl -s "http://127.0.0.1:$AGENT_BASE_PORT/metrics" >"$OUT/agent.metrics"
  kill "$LAST"
  # The simulator's series per node, from the hub: one node streamed until the hub holds its series.
  java -Xmx64m -jar simulator/target/clusterwatch-simulator.jar 1 --seed 99 \
    --hub "ws://127.0.0.1:$HUB_PORT/ingest" >"$OUT/simulator-probe.log" 2>&1 &
  PROBE=$!
  PIDS+=("$PROBE")
  for ((i = 0; i < 300; i++)); do
    PER_NODE=$(metric_sum "$HUB_METRICS" clusterwatch_hub_store_series)
    ((PER_NODE > 0)) && break
    sleep 0.5
  done
  kill "$PROBE"
  ((PER_NODE > 0)) || { echo "the hub never saw the probe node's series (see $OUT/simulator-probe.log)" >&2; exit 1; }
  python3 bench/lib/static-targets.py "$STATIC_PORT" "$OUT/agent.metrics" "$PER_NODE" >"$OUT/static-targets.log" 2>&1 &
  STATIC=$!
  PIDS+=("$STATIC")
  wait_port "$STATIC_PORT" "$STATIC" "$OUT/static-targets.log"
  SCRAPE_CONFIG=""
  for ((i = 0; i < NODES; i++)); do
    SCRAPE_CONFIG+="  - job_name: node-$i
    scrape_interval: 1s
    scrape_timeout: 1s
    metrics_path: /node/$i/metrics
    static_configs:
      - targets: [127.0.0.1:$STATIC_PORT]
        labels: {node: sim-$i}
"
  done
  java -Xmx256m -XX:+UseSerialGC -jar simulator/target/clusterwatch-simulator.jar "$NODES" \
    --hub "ws://127.0.0.1:$HUB_PORT/ingest" >"$OUT/simulator.log" 2>&1 &
  PIDS+=("$!")
fi
printf 'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n%s\n' "$SCRAPE_CONFIG" >"$OUT/scrape.yaml"

"$PROMETHEUS" --config.file="$OUT/scrape.yaml" --storage.tsdb.path="$OUT/prometheus-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$OUT/prometheus.log" 2>&1 &
PROM=$!
PIDS+=("$PROM")
"$VICTORIA" -promscrape.config="$OUT/scrape.yaml" -storageDataPath="$OUT/victoria-data" \
  -httpListenAddr="127.0.0.1:$VM_PORT" -retentionPeriod=1d >"$OUT/victoria-metrics.log" 2>&1 &
VM=$!
PIDS+=("$VM")
wait_port "$PROM_PORT" "$PROM" "$OUT/prometheus.log"
wait_port "$VM_PORT" "$VM" "$OUT/victoria-metrics.log"
[[ "$(cat "/proc/$HUB/comm")" == java ]] || { echo "pid $HUB is not the hub's JVM" >&2; exit 1; }

NAMES=(hub prometheus victoria-metrics)
WATCH=("$HUB" "$PROM" "$VM")
samples_of() { # name
  case "$1" in
    hub) metric_sum "$HUB_METRICS" clusterwatch_hub_ingest_samples_total ;;
    prometheus) metric_sum "http://127.0.0.1:$PROM_PORT/metrics" prometheus_tsdb_head_samples_appended_total ;;
    victoria-metrics) metric_sum "http://127.0.0.1:$VM_PORT/metrics" vm_rows_added_to_storage_total ;;
  esac
}
series_of() { # name
  case "$1" in
    hub) metric_sum "$HUB_METRICS" clusterwatch_hub_store_series ;;
    prometheus) metric_sum "http://127.0.0.1:$PROM_PORT/metrics" prometheus_tsdb_head_series ;;
    victoria-metrics) metric_sum "http://127.0.0.1:$VM_PORT/metrics" vm_cache_entries 'type="storage/hour_metric_ids"' ;;
  esac
}
# Per mark m and process i: CPU ticks, samples, series, RSS; the 1-minute load average per mark.
declare -A TK SM SE RS MAXRSS
HZ=$(getconf CLK_TCK)
START=$(date +%s)
LOADS=()
record() { # mark index
  local i
  for i in "${!NAMES[@]}"; do
    local p=${WATCH[$i]}
    kill -0 "$p" 2>/dev/null || { echo "${NAMES[$i]} (pid $p) died; logs in $OUT" >&2; exit 1; }
    TK[$1,$i]=$(ticks "$p") SM[$1,$i]=$(samples_of "${NAMES[$i]}") SE[$1,$i]=$(series_of "${NAMES[$i]}") RS[$1,$i]=$(rss_kb "$p")
  done
  LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
}
# The first mark is the processes' start: their CPU time and counters from zero.
for i in "${!NAMES[@]}"; do TK[0,$i]=0 SM[0,$i]=0 SE[0,$i]=0 RS[0,$i]=0 MAXRSS[$i]=0; done
LOADS+=("$(cut -d' ' -f1 /proc/loadavg)")
echo "all started at $(date -u +%H:%M:%SZ); marks (s): ${MARKS[*]}; output in $OUT" >&2
for ((m = 1; m < ${#MARKS[@]}; m++)); do
  while (($(date +%s) - START < MARKS[m])); do
    sleep 5
    for i in "${!NAMES[@]}"; do
      r=$(rss_kb "${WATCH[$i]}" 2>/dev/null || echo 0)
      ((r > MAXRSS[$i])) && MAXRSS[$i]=$r
    done
  done
  record "$m"
  echo "mark ${MARKS[m]} s: load ${LOADS[-1]}, samples hub ${SM[$m,0]} prometheus ${SM[$m,1]} victoria-metrics ${SM[$m,2]}" >&2
done

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(machine_line)"
if [[ -z "$NODES" ]]; then
  echo "mode: $MODE; agent /metrics: $(grep -vc '^#' "$OUT/agent.metrics") series per agent"
else
  echo "mode: $MODE; $PER_NODE series per simulated node and per static target (template: an agent's /metrics, $(grep -vc '^#' "$OUT/agent.metrics") series)"
fi
echo "hub: $(tr '\0' ' ' <"/proc/$HUB/cmdline" | cut -c1-300)"
echo "prometheus: $("$PROMETHEUS" --version 2>&1 | head -1); victoria-metrics: $(dpkg-query -W -f='${Version}' victoria-metrics 2>/dev/null || echo '?')"
echo "warm-up ${WARMUP}s; 1-minute load average at the marks (${MARKS[*]} s): ${LOADS[*]}"
echo "agents' reconnects: $(cat "$OUT"/agents/agent-*.log 2>/dev/null | grep -c 'connection .* lost' || true)"
printf '%-16s %-12s %12s %10s %12s %10s %10s %10s\n' process window "samples/s" "cpu_%core" "us/sample" series rss_MB "KB/series"
declare -A US KBS
# The first window counts from each process's own start (CPU time and counters from zero).
label() { if (($1 == 0)); then echo "start-${MARKS[$2]}s"; else echo "${MARKS[$1]}-${MARKS[$2]}s"; fi; }
last=$((${#MARKS[@]} - 1))
windows=()
for ((m = 1; m <= last; m++)); do windows+=("$((m - 1)):$m"); done
# The first minutes (start to the first checkpoint) and everything after the warm-up.
((last > 2)) && windows+=("0:2" "1:$last")
for w in "${windows[@]}"; do
  a=${w%:*} b=${w#*:}
  for i in "${!NAMES[@]}"; do
    read -r sps cpu us kbs < <(awk -v t0="${TK[$a,$i]}" -v t1="${TK[$b,$i]}" -v s0="${SM[$a,$i]}" -v s1="${SM[$b,$i]}" \
      -v secs="$((MARKS[b] - MARKS[a]))" -v hz="$HZ" -v rss="${RS[$b,$i]}" -v se="${SE[$b,$i]}" 'BEGIN {
        c = (t1 - t0) / hz; n = s1 - s0
        printf "%.0f %.2f %s %s\n", n / secs, 100 * c / secs, (n > 0 ? sprintf("%.3f", 1e6 * c / n) : "n/a"),
          (se > 0 ? sprintf("%.2f", rss / se) : "n/a") }')
    US[$w,$i]=$us KBS[$w,$i]=$kbs
    printf '%-16s %-12s %12s %10s %12s %10s %10.1f %10s\n' "${NAMES[$i]}" "$(label "$a" "$b")" "$sps" "$cpu" "$us" \
      "${SE[$b,$i]}" "$(awk -v r="${RS[$b,$i]}" 'BEGIN {print r / 1024}')" "$kbs"
  done
done
# Where the hub's CPU went, by thread (names with their numbers folded): its own code on the event
# loops and workers, or the JVM's JIT compiler and garbage collector threads.
echo "hub CPU by thread since its start (s): $(for t in /proc/"$HUB"/task/*; do
  printf '%s\t%s\n' "$(tr -d '\n' <"$t/comm" | sed 's/[0-9]\+/N/g')" "$(awk '{print $14 + $15}' "$t/stat")"
done | awk -F'\t' -v hz="$HZ" '{s[$1] += $2} END {for (k in s) if (s[k] > 0) printf "%s=%.1f\n", k, s[k] / hz}' |
  sort -t= -k2 -rn | head -8 | paste -sd' ')"
echo "largest RSS sampled (every 5 s): hub $((MAXRSS[0] / 1024)) MB, prometheus $((MAXRSS[1] / 1024)) MB, victoria-metrics $((MAXRSS[2] / 1024)) MB"
echo "hub / other (CPU us per sample; RSS KB per series at the window's end); targets: CPU <= 0.1x Prometheus after warm-up, <= 1x during the first minutes; RSS/series <= 1x VictoriaMetrics"
for w in "${windows[@]}"; do
  a=${w%:*} b=${w#*:}
  awk -v w="$(label "$a" "$b")" -v h="${US[$w,0]}" -v p="${US[$w,1]}" -v v="${US[$w,2]}" \
    -v hk="${KBS[$w,0]}" -v pk="${KBS[$w,1]}" -v vk="${KBS[$w,2]}" '
    function r(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.2fx", a / b) : "n/a" }
    BEGIN {
      printf "  %-12s cpu: %s prometheus, %s victoria-metrics;  rss/series: %s prometheus, %s victoria-metrics\n",
        w, r(h, p), r(h, v), r(hk, pk), r(hk, vk) }'
done
