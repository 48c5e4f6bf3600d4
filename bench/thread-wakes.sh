#!/usr/bin/env bash
# How often each thread of a running process wakes, and what CPU it spends per wake.
#
# Reads every thread's time on CPU (/proc/PID/task/TID/schedstat, first field: nanoseconds, exact,
# not sampled at the timer tick as utime and stime are) and its voluntary context switches (each
# one a sleep, so each a later wake) twice, SECONDS apart, and prints per thread name (threads of
# one name summed): wakes a second, CPU milliseconds a second and microseconds of CPU per wake,
# then the process's total. A thread that wakes on a timer with nothing to do shows its wake cost
# alone: on a paravirtualised VM it can be hundreds of microseconds
# (docs/benchmarks/hub-vs-prometheus.md, "Wake-ups").
#
# usage: bench/thread-wakes.sh PID [SECONDS]   (default 20)
set -euo pipefail
PID="${1:?usage: bench/thread-wakes.sh PID [SECONDS]}"
SECONDS_TO_RUN="${2:-20}"
[[ "$PID" =~ ^[0-9]+$ && -d "/proc/$PID" ]] || { echo "no process $PID" >&2; exit 2; }
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ && "$SECONDS_TO_RUN" -gt 0 ]] || {
  echo "SECONDS must be a positive whole number, got: $SECONDS_TO_RUN" >&2
  exit 2
}
[[ -r "/proc/$PID/task/$PID/schedstat" ]] || { echo "no schedstat for $PID (kernel without CONFIG_SCHED_INFO?)" >&2; exit 2; }

# One line per thread: TID, voluntary switches, nanoseconds on CPU, name (spaces as _).
snapshot() {
  local t tid v ns name
  for t in /proc/"$PID"/task/*; do
    tid="${t##*/}"
    v="$(awk '$1 == "voluntary_ctxt_switches:" {print $2}' "$t/status" 2>/dev/null)" || continue
    ns="$(cut -d' ' -f1 "$t/schedstat" 2>/dev/null)" || continue
    name="$(tr ' ' _ <"$t/comm" 2>/dev/null)" || continue
    [[ -n "$v" && -n "$ns" ]] && echo "$tid $v $ns $name"
  done | sort -k1,1
}

BEFORE="$(mktemp)"
AFTER="$(mktemp)"
trap 'rm -f "$BEFORE" "$AFTER"' EXIT
snapshot >"$BEFORE"
sleep "$SECONDS_TO_RUN"
snapshot >"$AFTER"

# Threads present in both snapshots; one started or ended in between is left out. Per thread name:
# wakes, nanoseconds on CPU.
PER_THREAD="$(join "$BEFORE" "$AFTER" | awk '
  { wakes[$4] += $5 - $2; ns[$4] += $6 - $3 }
  END { for (t in wakes) if (wakes[t] > 0 || ns[t] > 0) print t, wakes[t], ns[t] }' | sort -k3,3 -nr)"

printf '%-28s %9s %10s %12s\n' thread wakes/s "CPU ms/s" "us per wake"
echo "$PER_THREAD" | awk -v n="$SECONDS_TO_RUN" '
  NF == 3 {
    per = $2 > 0 ? sprintf("%12.1f", $3 / 1000 / $2) : sprintf("%12s", "-")
    printf "%-28s %9.1f %10.3f %s\n", $1, $2 / n, $3 / 1e6 / n, per
    wakes += $2; ns += $3
  }
  END { printf "%-28s %9.1f %10.3f\n", "TOTAL", wakes / n, ns / 1e6 / n }'
