#!/usr/bin/env bash
# Cost of TLS on ingest: two hubs side by side in the same run, one plain (ws://) and one with
# server.tls (wss://, an EC P-256 certificate made here with openssl), each fed by its own
# `simulate N` with the same seed, so that both see the same load and the same noise of the machine.
# After a warm-up, reports for each hub the CPU time of the process (utime + stime from
# /proc/<pid>/stat) over the measured window, the samples it stored in that window
# (clusterwatch_hub_ingest_samples_total from its /metrics) and the CPU per sample.
#
# usage: bench/hub-tls-cost.sh [NODES] [SECONDS]   (default 50 nodes, 120 s; 60 s warm-up)
# env:   PORT (plain hub; the TLS hub takes PORT+1; default 18180), OUT (default target/tls-cost),
#        WARMUP (seconds, default 60), INTERVAL (simulated sampling interval, default 1s)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES="${1:-50}"
MEASURE_SECONDS="${2:-120}"
WARMUP="${WARMUP:-60}"
INTERVAL="${INTERVAL:-1s}"
PORT="${PORT:-18180}"
TLS_PORT=$((PORT + 1))
OUT="${OUT:-$ROOT/target/tls-cost}"
mkdir -p "$OUT"
cd "$ROOT"
./clusterwatch build

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -keyout "$OUT/ca.key" -out "$OUT/ca.crt" -subj /CN=bench-ca \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost \
  -keyout "$OUT/hub.key" -out "$OUT/hub.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$OUT/hub.ext"
openssl x509 -req -in "$OUT/hub.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -set_serial 1 \
  -days 2 -extfile "$OUT/hub.ext" -out "$OUT/hub.crt" 2>/dev/null
printf 'server: {port: %s}\n' "$PORT" >"$OUT/plain.yaml"
printf 'server:\n  port: %s\n  tls: {cert_file: %s, key_file: %s}\n' \
  "$TLS_PORT" "$OUT/hub.crt" "$OUT/hub.key" >"$OUT/tls.yaml"

PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_hub() { # NAME CONFIG PORT -> pid on stdout
  java -XX:+UseG1GC -Xmx1g -jar hub/target/clusterwatch-hub.jar --config "$2" >"$OUT/hub-$1.log" 2>&1 &
  local pid=$!
  for ((i = 0; i < 300; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/hub-$1.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$pid"
}
PLAIN_HUB=$(start_hub plain "$OUT/plain.yaml" "$PORT"); PIDS="$PIDS $PLAIN_HUB"
TLS_HUB=$(start_hub tls "$OUT/tls.yaml" "$TLS_PORT"); PIDS="$PIDS $TLS_HUB"
# A long connect timeout: on a loaded machine the default 5 s turns slow handshakes into a
# reconnect storm, which would measure handshakes rather than streaming.
SIM=(java -Xmx256m -XX:+UseSerialGC -jar simulator/target/clusterwatch-simulator.jar "$NODES"
  --interval "$INTERVAL" --connect-timeout 30s)
"${SIM[@]}" --hub "ws://localhost:$PORT/ingest" >"$OUT/sim-plain.log" 2>&1 &
PIDS="$PIDS $!"
"${SIM[@]}" --hub "wss://localhost:$TLS_PORT/ingest" --hub-ca "$OUT/ca.crt" >"$OUT/sim-tls.log" 2>&1 &
PIDS="$PIDS $!"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
samples() { # URL [curl flags]; retried, a loaded machine may drop a scrape
  local text
  for ((i = 0; i < 5; i++)); do
    text=$(curl -sf --max-time 30 "${@:2}" "$1/metrics") && break
    sleep 1
  done
  awk '/^clusterwatch_hub_ingest_samples_total/ {printf "%d", $2}' <<<"$text"
}
TICK=$(getconf CLK_TCK)
sleep "$WARMUP"
P0=$(cpu_ticks "$PLAIN_HUB"); T0=$(cpu_ticks "$TLS_HUB")
PS0=$(samples "http://localhost:$PORT"); TS0=$(samples "https://localhost:$TLS_PORT" --cacert "$OUT/ca.crt")
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
sleep "$MEASURE_SECONDS"
P1=$(cpu_ticks "$PLAIN_HUB"); T1=$(cpu_ticks "$TLS_HUB")
PS1=$(samples "http://localhost:$PORT"); TS1=$(samples "https://localhost:$TLS_PORT" --cacert "$OUT/ca.crt")
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

report() { # NAME TICKS SAMPLES
  awk -v n="$1" -v t="$2" -v s="$3" -v hz="$TICK" -v secs="$MEASURE_SECONDS" 'BEGIN {
    cpu = t / hz
    printf "%-6s cpu %7.2f s (%5.2f %% of a core)  samples %10d (%8.0f /s)  %6.0f ns of hub CPU per sample\n",
      n, cpu, 100 * cpu / secs, s, s / secs, (s > 0 ? 1e9 * cpu / s : 0) }'
}
echo "nodes $NODES, interval $INTERVAL, warm-up ${WARMUP}s, measured ${MEASURE_SECONDS}s, load average $LOAD0 -> $LOAD1"
echo "reconnects logged: plain $(grep -c ' lost ' "$OUT/sim-plain.log" || true), tls $(grep -c ' lost ' "$OUT/sim-tls.log" || true)"
report plain $((P1 - P0)) $((PS1 - PS0))
report tls $((T1 - T0)) $((TS1 - TS0))
