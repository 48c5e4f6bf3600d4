#!/usr/bin/env bash
# Where the hub's resident memory lies, and what extra JVM options change, in one run side by side.
#
# Starts one hub per variant through the launcher (`./clusterwatch hub`: its production JVM flags,
# heap ceiling and class-data archive), each with a data directory and its own simulator streaming
# NODES 8-GPU nodes at 1 Hz (about 504 series a node: 26 nodes hold about the 13,100 series of 20 real
# agents). A variant is a list of extra JVM options, given to the hub's JVM through
# JAVA_TOOL_OPTIONS; every hub also gets -XX:NativeMemoryTracking=detail (its own cost, a few MiB of
# tables, is in every variant's RSS alike). After SECONDS it prints for each hub: VmRSS, the
# anonymous part, threads, CPU seconds (utime + stime) and samples ingested since the first WARMUP
# seconds (microseconds of CPU per sample), series held and RSS KiB per series; then for each its
# mappings by NMT area (bench/lib/memory-map.py), `jcmd VM.native_memory summary`, `GC.heap_info`
# and the class histogram's top 25, all also kept under OUT.
#
# usage: bench/hub-memory-map.sh [SECONDS]   (default 300)
# env:   VARIANTS  extra JVM options per hub, variants separated by "|" (default "": one hub with
#                  the launcher's flags alone), e.g. "|-Dio.netty.allocator.type=unpooled" (two
#                  hubs: without and with the option)
#        BASELINE  a launcher in a copy of an earlier tree (its clusterwatch script beside
#                  hub/target/clusterwatch-hub.jar, as e2e's HubClassDataSharingTest builds one): hub 0
#                  runs through it instead of ./clusterwatch, to compare a build with the one before
#        NODES (26), WARMUP (60 s), OUT (default target/hub-memory-map), HUB_BASE_PORT (18290: hub
#        i listens on HUB_BASE_PORT + i)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bench.sh
source "$ROOT/bench/lib/bench.sh"
SECONDS_TO_RUN="${1:-300}"
NODES="${NODES:-26}"
WARMUP="${WARMUP:-60}"
OUT="${OUT:-$ROOT/target/hub-memory-map}"
HUB_BASE_PORT="${HUB_BASE_PORT:-18290}"
# The "|" appended keeps a last empty variant ("a|" is two hubs, "" one).
IFS='|' read -r -a VARIANT_LIST <<<"${VARIANTS:-}|"
for v in SECONDS_TO_RUN NODES WARMUP; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || { echo "$v must be a positive whole number, got: ${!v}" >&2; exit 2; }
done
((WARMUP < SECONDS_TO_RUN)) || { echo "WARMUP ($WARMUP s) must be shorter than SECONDS ($SECONDS_TO_RUN s)" >&2; exit 2; }

cd "$ROOT"
./clusterwatch build
# The first launcher start after a build dumps the hub's class-data archive: do it once here, so that
# the hubs below all map the same archive instead of racing to write it.
./clusterwatch hub --print-heap >/dev/null
[[ -z "${BASELINE:-}" ]] || "$BASELINE" hub --print-heap >/dev/null
rm -rf "$OUT" && mkdir -p "$OUT"
trap bench_cleanup EXIT

HUBS=()
for i in "${!VARIANT_LIST[@]}"; do
  port=$((HUB_BASE_PORT + i))
  mkdir -p "$OUT/hub-$i"
  printf 'store:\n  path: %s\n' "$OUT/hub-$i/data" >"$OUT/hub-$i/hub.yaml"
  launcher=./clusterwatch
  ((i == 0)) && [[ -n "${BASELINE:-}" ]] && launcher="$BASELINE"
  JAVA_TOOL_OPTIONS="-XX:NativeMemoryTracking=detail ${VARIANT_LIST[$i]}" \
    "$launcher" hub --config "$OUT/hub-$i/hub.yaml" --port "$port" >"$OUT/hub-$i/hub.log" 2>&1 &
  PIDS+=("$!")
  HUBS+=("$!")
done
for i in "${!HUBS[@]}"; do
  wait_port "$((HUB_BASE_PORT + i))" "${HUBS[$i]}" "$OUT/hub-$i/hub.log"
  java -Xmx256m -XX:+UseSerialGC -jar simulator/target/clusterwatch-simulator.jar "$NODES" \
    --hub "ws://127.0.0.1:$((HUB_BASE_PORT + i))/ingest" >"$OUT/hub-$i/simulator.log" 2>&1 &
  PIDS+=("$!")
done

label() { # index
  local l="${VARIANT_LIST[$1]:-launcher flags}"
  if (($1 == 0)) && [[ -n "${BASELINE:-}" ]]; then l="$BASELINE: $l"; fi
  echo "$l"
}
hub_metric() { # index name
  metric_sum "http://127.0.0.1:$((HUB_BASE_PORT + $1))/metrics" "$2"
}
sleep "$WARMUP"
declare -A TICKS0 SAMPLES0
for i in "${!HUBS[@]}"; do
  TICKS0[$i]="$(ticks "${HUBS[$i]}")"
  SAMPLES0[$i]="$(hub_metric "$i" clusterwatch_hub_ingest_samples_total)"
done
LOAD_WARM="$(cut -d' ' -f1-3 /proc/loadavg)"
sleep "$((SECONDS_TO_RUN - WARMUP))"

HZ="$(getconf CLK_TCK)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(machine_line)"
echo "$NODES simulated nodes per hub; ${SECONDS_TO_RUN}s; load average at ${WARMUP}s: $LOAD_WARM, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!HUBS[@]}"; do
  p="${HUBS[$i]}"
  kill -0 "$p" 2>/dev/null || { echo "hub $i died; see $OUT/hub-$i/hub.log" >&2; exit 1; }
  d="$OUT/hub-$i"
  cp "/proc/$p/smaps" "$d/smaps"
  cp "/proc/$p/smaps_rollup" "$d/smaps_rollup"
  jcmd "$p" VM.native_memory detail >"$d/nmt-detail.txt"
  jcmd "$p" VM.native_memory summary >"$d/nmt-summary.txt"
  jcmd "$p" GC.heap_info >"$d/heap-info.txt"
  jcmd "$p" GC.class_histogram >"$d/class-histogram.txt"
  rss="$(rss_kb "$p")"
  series="$(hub_metric "$i" clusterwatch_hub_store_series)"
  samples="$(hub_metric "$i" clusterwatch_hub_ingest_samples_total)"
  cpu_us="$(awk -v t0="${TICKS0[$i]}" -v t1="$(ticks "$p")" -v hz="$HZ" 'BEGIN {printf "%.0f", (t1 - t0) * 1e6 / hz}')"
  printf 'hub %d [%s]: VmRSS %.1f MiB, anonymous %.1f MiB, %d threads, %.0f series, %.2f KiB/series, %.2f us CPU/sample after %ds (%.0f samples)\n' \
    "$i" "$(label "$i")" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" \
    "$(awk '$1 == "Anonymous:" {print $2 / 1024}' "$d/smaps_rollup")" \
    "$(awk '$1 == "Threads:" {print $2}' "/proc/$p/status")" "$series" \
    "$(awk -v k="$rss" -v s="$series" 'BEGIN {print (s > 0 ? k / s : 0)}')" \
    "$(awk -v c="$cpu_us" -v s1="$samples" -v s0="${SAMPLES0[$i]}" 'BEGIN {print (s1 > s0 ? c / (s1 - s0) : 0)}')" \
    "$WARMUP" "$(awk -v s1="$samples" -v s0="${SAMPLES0[$i]}" 'BEGIN {print s1 - s0}')"
done
for i in "${!HUBS[@]}"; do
  d="$OUT/hub-$i"
  echo
  echo "=== hub $i [$(label "$i")], by NMT area:"
  python3 "$ROOT/bench/lib/memory-map.py" "$d/smaps" "$d/nmt-detail.txt"
  echo "--- NMT summary (committed):"
  grep -E '^-|Total' "$d/nmt-summary.txt" | sed -E 's/reserved=[0-9]+KB, //'
  echo "--- heap:"
  sed -n '2,$p' "$d/heap-info.txt"
  echo "--- class histogram, top 25:"
  sed -n '1,28p' "$d/class-histogram.txt"
done
