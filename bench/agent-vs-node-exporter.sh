#!/usr/bin/env bash
# The agent beside Debian's prometheus-node-exporter on the same work, in one run:
#
#   scraped  the agent (GPU collector and job discovery off, no hub) and node_exporter (collectors
#            cpu, meminfo, diskstats, netdev, infiniband only) read the SAME fixture tree, and this
#            script scrapes both once a second the way Prometheus does (its Accept header, gzip);
#   stream   a second agent with 8 GPUs from the fake NVML library (the test build's
#            agent/target/fake-nvml/libnvidia-ml.so, default scenario) on the same tree, streaming
#            to a real hub at 1 Hz, /metrics listening but never scraped.
#
# All three start together; the first WARMUP seconds (start-up, class loading, JIT) are not
# measured. Over the next WINDOW seconds each process's CPU time is utime + stime from
# /proc/<pid>/stat (as % of one core), and its VmRSS is sampled every 5 s (end and largest).
# The fixture tree is node_exporter's own (agent/src/test/resources/fixtures/node_exporter: stat,
# meminfo, diskstats, InfiniBand) plus prometheus/procfs's proc/net/dev (fixtures/procfs), copied
# into OUT/tree.
#
# usage: bench/agent-vs-node-exporter.sh [--short]
#   --short   WARMUP=10 WINDOW=30, a quick check that everything runs
# env:     WARMUP (default 60 s), WINDOW (default 300 s), OUT (default target/agent-vs-node-exporter),
#          AGENT_PORT (19477), STREAM_AGENT_PORT (19478), NODE_EXPORTER_PORT (19100), HUB_PORT (18090),
#          AGENT_FLAGS: run the agents as `env $AGENT_ENV java $AGENT_FLAGS -jar $AGENT_JAR`
#          instead of through the launcher (`./clusterwatch agent`); AGENT_JAR (default the build's)
#          FAKE_NVML (another build of the fake library, e.g. a copy, so that a test build can run meanwhile)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bench.sh
source "$ROOT/bench/lib/bench.sh"
WARMUP="${WARMUP:-60}"
WINDOW="${WINDOW:-300}"
if [[ "${1:-}" == --short ]]; then WARMUP=10 WINDOW=30; fi
OUT="${OUT:-$ROOT/target/agent-vs-node-exporter}"
AGENT_PORT="${AGENT_PORT:-19477}"
STREAM_AGENT_PORT="${STREAM_AGENT_PORT:-19478}"
NODE_EXPORTER_PORT="${NODE_EXPORTER_PORT:-19100}"
HUB_PORT="${HUB_PORT:-18090}"
AGENT_JAR="${AGENT_JAR:-$ROOT/agent/target/clusterwatch-agent.jar}"
NODE_EXPORTER="${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}"
# What Prometheus 2.x sends when it scrapes.
ACCEPT='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'

cd "$ROOT"
[[ -x "$NODE_EXPORTER" ]] || { echo "node_exporter missing: $NODE_EXPORTER (apt-get install prometheus-node-exporter)" >&2; exit 1; }
./clusterwatch build
FAKE_NVML="$(fake_nvml)"

rm -rf "$OUT" && mkdir -p "$OUT/udev"
fixture_tree "$OUT/tree"
TREE="$OUT/tree"
# Same collectors as node_exporter's set: no GPU, no job discovery (Slurm would be found here).
cat >"$OUT/scraped.yaml" <<EOF
collectors:
  gpu:
    enabled: false
jobs:
  slurm:
    enabled: false
EOF
cat >"$OUT/stream.yaml" <<EOF
jobs:
  slurm:
    enabled: false
EOF

trap bench_cleanup EXIT

java -Xmx256m -jar hub/target/clusterwatch-hub.jar --port "$HUB_PORT" >"$OUT/hub.log" 2>&1 &
HUB=$!
PIDS+=("$HUB")
wait_port "$HUB_PORT" "$HUB" "$OUT/hub.log"

"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$NODE_EXPORTER_PORT" \
  --path.procfs="$TREE/proc" --path.sysfs="$TREE/sys" --path.udev.data="$OUT/udev" \
  --collector.disable-defaults --collector.cpu --collector.meminfo --collector.diskstats \
  --collector.netdev --no-collector.netdev.netlink --collector.infiniband >"$OUT/node_exporter.log" 2>&1 &
NE=$!
PIDS+=("$NE")

# The first launcher start after a build dumps the class-data archive; the second waits for it.
start_agent "$OUT/agent-scraped.log" --config "$OUT/scraped.yaml" --procfs "$TREE/proc" \
  --sysfs "$TREE/sys" --listen "127.0.0.1:$AGENT_PORT" --interval 1s
AGENT=$LAST
wait_port "$AGENT_PORT" "$AGENT" "$OUT/agent-scraped.log"
start_agent "$OUT/agent-stream.log" --config "$OUT/stream.yaml" --procfs "$TREE/proc" \
  --sysfs "$TREE/sys" --gpu nvml --nvml-lib "$FAKE_NVML" --hub "ws://127.0.0.1:$HUB_PORT/ingest" \
  --listen "127.0.0.1:$STREAM_AGENT_PORT" --interval 1s
STREAM=$LAST
wait_port "$STREAM_AGENT_PORT" "$STREAM" "$OUT/agent-stream.log"
wait_port "$NODE_EXPORTER_PORT" "$NE" "$OUT/node_exporter.log"
for p in "$AGENT" "$STREAM"; do
  [[ "$(cat "/proc/$p/comm")" == java ]] || { echo "pid $p is not the JVM" >&2; exit 1; }
done

# Scraper: both endpoints once a second, as Prometheus asks; counts answers other than 200.
scrape() { curl -s -o /dev/null -w '%{http_code}\n' -H "Accept: $ACCEPT" --compressed "$1"; }
(
  while :; do
    scrape "http://127.0.0.1:$AGENT_PORT/metrics" >>"$OUT/scrapes-agent.txt"
    scrape "http://127.0.0.1:$NODE_EXPORTER_PORT/metrics" >>"$OUT/scrapes-node_exporter.txt"
    sleep 1
  done
) &
PIDS+=("$!")
scrape "http://127.0.0.1:$AGENT_PORT/metrics" >/dev/null

sleep "$WARMUP"
# One body of each, for the series count; taken after the warm-up, when the agent has ticked.
curl -s --compressed -H "Accept: $ACCEPT" "http://127.0.0.1:$AGENT_PORT/metrics" >"$OUT/agent.metrics"
curl -s --compressed -H "Accept: $ACCEPT" "http://127.0.0.1:$NODE_EXPORTER_PORT/metrics" >"$OUT/node_exporter.metrics"
NAMES=(agent-scraped node_exporter agent-stream-8gpu)
WATCH=("$AGENT" "$NE" "$STREAM")
declare -A T0 MAX
for p in "${WATCH[@]}"; do
  kill -0 "$p" 2>/dev/null || { echo "process $p died during warm-up; logs in $OUT" >&2; exit 1; }
  T0[$p]=$(ticks "$p") MAX[$p]=0
done
W0=$(date +%s.%N) LOAD0=$(cut -d' ' -f1-3 /proc/loadavg) S0=$(wc -l <"$OUT/scrapes-agent.txt")
for ((t = 0; t < WINDOW; t += 5)); do
  sleep 5
  for p in "${WATCH[@]}"; do
    r=$(rss_kb "$p")
    ((r > MAX[$p])) && MAX[$p]=$r
  done
done
W1=$(date +%s.%N) LOAD1=$(cut -d' ' -f1-3 /proc/loadavg) S1=$(wc -l <"$OUT/scrapes-agent.txt")
HZ=$(getconf CLK_TCK)

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(machine_line)"
echo "warm-up ${WARMUP}s, window ${WINDOW}s; load average at start: $LOAD0, at end: $LOAD1"
echo "agent: ${AGENT_FLAGS:-launcher ($(tr '\0' ' ' <"/proc/$AGENT/cmdline" | cut -c1-400))}"
echo "node_exporter: $("$NODE_EXPORTER" --version 2>&1 | head -1)"
echo "scrapes in the window: $((S1 - S0)) per endpoint; non-200 answers: agent $(grep -vc '^200$' "$OUT/scrapes-agent.txt" || true), node_exporter $(grep -vc '^200$' "$OUT/scrapes-node_exporter.txt" || true)"
echo "series per scrape: agent $(grep -vc '^#' "$OUT/agent.metrics"), node_exporter $(grep -vc '^#' "$OUT/node_exporter.metrics") (node_exporter's include its own go_/process_/promhttp_ series: $(grep -v '^#' "$OUT/node_exporter.metrics" | grep -vc '^node_'))"
echo "frames acknowledged by the hub (stream agent): $(grep -c 'from sequence' "$OUT/agent-stream.log" || true) welcome(s), $(grep -c 'connection .* lost' "$OUT/agent-stream.log" || true) lost connection(s)"
printf '%-20s %12s %12s %14s %14s %8s\n' process "cpu_%_core" "ms_cpu/s" "rss_end_MB" "rss_max_MB" threads
declare -A CPU RSS
for i in "${!WATCH[@]}"; do
  p=${WATCH[$i]}
  cpu=$(awk -v a="${T0[$p]}" -v b="$(ticks "$p")" -v hz="$HZ" -v w0="$W0" -v w1="$W1" 'BEGIN {printf "%.3f", 100 * (b - a) / hz / (w1 - w0)}')
  CPU[${NAMES[$i]}]=$cpu RSS[${NAMES[$i]}]=${MAX[$p]}
  printf '%-20s %12s %12s %14.1f %14.1f %8s\n' "${NAMES[$i]}" "$cpu" \
    "$(awk -v c="$cpu" 'BEGIN {printf "%.2f", c * 10}')" "$(awk -v r="$(rss_kb "$p")" 'BEGIN {print r / 1024}')" \
    "$(awk -v r="${MAX[$p]}" 'BEGIN {print r / 1024}')" "$(awk '$1 == "Threads:" {print $2}' "/proc/$p/status")"
done
awk -v a="${CPU[agent-scraped]}" -v n="${CPU[node_exporter]}" -v ra="${RSS[agent-scraped]}" -v rn="${RSS[node_exporter]}" 'BEGIN {
  printf "ratio agent/node_exporter (scraped, same tree): cpu %.2f, rss (max sampled) %.2f\n", (n > 0 ? a / n : 0), ra / rn }'
