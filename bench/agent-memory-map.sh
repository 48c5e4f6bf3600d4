#!/usr/bin/env bash
# Where the agent's resident memory lies, area by area, and the floor under it: what a JVM that
# only prints a line and sleeps takes with the same flags on the same machine.
#
# Starts a hub and two agents through the launcher (`./clusterwatch agent`, the production flags and
# class-data archive), both streaming 8 GPUs from the fake NVML library at 1 Hz on the fixture tree
# of bench/agent-vs-node-exporter.sh; the second adds -XX:NativeMemoryTracking=detail (through
# JAVA_TOOL_OPTIONS). After SECONDS it prints:
#   - VmRSS of both and the per-file table of the first (/proc/PID/smaps summed by mapping name);
#   - the second's mappings named after the NMT range that holds them (bench/lib/memory-map.py):
#     Java heap, shared class space (the CDS archives), code, metaspace, thread stacks, and what NMT
#     does not track (glibc malloc arenas) -- with Rss and the anonymous part of each;
#   - the floor: a hello-world JVM (prints, then sleeps) with the first agent's JVM flags, once with
#     the JDK's default class-data archive and once with -Xshare:off, and a third with NMT detail
#     whose areas are printed the same way.
#
# usage: bench/agent-memory-map.sh [SECONDS]   (default 90)
# env:   OUT (default target/agent-memory-map), HUB_PORT (18091), AGENT_FLAGS/AGENT_ENV as in
#        bench/lib/bench.sh's start_agent (run the agents without the launcher), FAKE_NVML
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/bench.sh
source "$ROOT/bench/lib/bench.sh"
SECONDS_TO_RUN="${1:-90}"
OUT="${OUT:-$ROOT/target/agent-memory-map}"
HUB_PORT="${HUB_PORT:-18091}"

cd "$ROOT"
./clusterwatch build
FAKE_NVML="$(fake_nvml)"
rm -rf "$OUT" && mkdir -p "$OUT"
fixture_tree "$OUT/tree"
trap bench_cleanup EXIT

java -Xmx256m -jar hub/target/clusterwatch-hub.jar --port "$HUB_PORT" >"$OUT/hub.log" 2>&1 &
HUB=$!
PIDS+=("$HUB")
wait_port "$HUB_PORT" "$HUB" "$OUT/hub.log"

ARGS=(--procfs "$OUT/tree/proc" --sysfs "$OUT/tree/sys" --gpu nvml --nvml-lib "$FAKE_NVML"
  --hub "ws://127.0.0.1:$HUB_PORT/ingest" --interval 1s)
# The first start after a build dumps the class-data archive before the JVM starts: wait for it,
# so that the second agent maps the same archive.
start_agent "$OUT/agent.log" "${ARGS[@]}" --listen 127.0.0.1:19481
AGENT=$LAST
wait_port 19481 "$AGENT" "$OUT/agent.log"
JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=detail start_agent "$OUT/agent-nmt.log" "${ARGS[@]}" --listen 127.0.0.1:19482
NMT_AGENT=$LAST
wait_port 19482 "$NMT_AGENT" "$OUT/agent-nmt.log"

# The hello-world floor, with the first agent's JVM options (everything between `java` and `-jar`)
# less its class-data archive (which records the agent's class path and would not map).
mapfile -d '' CMDLINE <"/proc/$AGENT/cmdline"
FLOOR_FLAGS=()
for a in "${CMDLINE[@]:1}"; do
  [[ "$a" == -jar ]] && break
  [[ "$a" == -XX:SharedArchiveFile=* || "$a" == -Xshare:* ]] || FLOOR_FLAGS+=("$a")
done
mkdir -p "$OUT/hello"
cat >"$OUT/hello/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] args) throws InterruptedException {
    System.out.println("hello");
    Thread.sleep(Long.MAX_VALUE);
  }
}
EOF
javac -d "$OUT/hello" "$OUT/hello/Hello.java"
env ${AGENT_ENV:-MALLOC_ARENA_MAX=2} java "${FLOOR_FLAGS[@]}" -cp "$OUT/hello" Hello >"$OUT/hello-cds.log" 2>&1 &
HELLO_CDS=$!
PIDS+=("$HELLO_CDS")
env ${AGENT_ENV:-MALLOC_ARENA_MAX=2} java "${FLOOR_FLAGS[@]}" -Xshare:off -cp "$OUT/hello" Hello >"$OUT/hello-nocds.log" 2>&1 &
HELLO_NOCDS=$!
PIDS+=("$HELLO_NOCDS")
env ${AGENT_ENV:-MALLOC_ARENA_MAX=2} java "${FLOOR_FLAGS[@]}" -XX:NativeMemoryTracking=detail -cp "$OUT/hello" Hello >"$OUT/hello-nmt.log" 2>&1 &
HELLO_NMT=$!
PIDS+=("$HELLO_NMT")

sleep "$SECONDS_TO_RUN"
for p in "$AGENT" "$NMT_AGENT" "$HELLO_CDS" "$HELLO_NOCDS" "$HELLO_NMT"; do
  kill -0 "$p" 2>/dev/null || { echo "process $p died; logs in $OUT" >&2; exit 1; }
done
jcmd "$NMT_AGENT" VM.native_memory detail >"$OUT/nmt-detail.txt"
cp "/proc/$NMT_AGENT/smaps" "$OUT/agent-nmt.smaps"
cp "/proc/$AGENT/smaps" "$OUT/agent.smaps"
jcmd "$HELLO_NMT" VM.native_memory detail >"$OUT/hello-nmt-detail.txt"
cp "/proc/$HELLO_NMT/smaps" "$OUT/hello-nmt.smaps"
jcmd "$AGENT" GC.heap_info >"$OUT/heap-info.txt" 2>&1 || true
anon_mb() { awk '$1 == "Anonymous:" {printf "%.1f", $2 / 1024}' "/proc/$1/smaps_rollup"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(machine_line)"
echo "after ${SECONDS_TO_RUN}s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "agent JVM options: ${FLOOR_FLAGS[*]} (+ the class-data archive)"
echo "agent:                  VmRSS $(mb "$(rss_kb "$AGENT")") MiB, anonymous $(anon_mb "$AGENT") MiB, $(awk '$1 == "Threads:" {print $2}' "/proc/$AGENT/status") threads"
echo "agent with NMT detail:  VmRSS $(mb "$(rss_kb "$NMT_AGENT")") MiB, anonymous $(anon_mb "$NMT_AGENT") MiB"
echo "hello world, same flags, JDK's archive: VmRSS $(mb "$(rss_kb "$HELLO_CDS")") MiB, anonymous $(anon_mb "$HELLO_CDS") MiB"
echo "hello world, same flags, -Xshare:off:   VmRSS $(mb "$(rss_kb "$HELLO_NOCDS")") MiB, anonymous $(anon_mb "$HELLO_NOCDS") MiB"
echo
echo "agent, by mapping (no NMT):"
python3 "$ROOT/bench/lib/memory-map.py" "$OUT/agent.smaps"
echo
echo "agent with NMT detail, by NMT area:"
python3 "$ROOT/bench/lib/memory-map.py" "$OUT/agent-nmt.smaps" "$OUT/nmt-detail.txt"
echo
echo "hello world (JDK's archive) with NMT detail, by NMT area:"
python3 "$ROOT/bench/lib/memory-map.py" "$OUT/hello-nmt.smaps" "$OUT/hello-nmt-detail.txt"
echo
echo "heap (agent without NMT):"
sed -n '2,$p' "$OUT/heap-info.txt"
