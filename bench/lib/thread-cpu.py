#!/usr/bin/env python3
"""CPU time per thread of one or more processes over a window, side by side.

usage: thread-cpu.py SECONDS LABEL=PID [LABEL=PID ...]

Reads utime + stime (fields 14 and 15 of /proc/PID/task/TID/stat, in clock ticks) of every thread
at the start and at the end of the window; a thread started during the window counts from zero, one
that ended during it is lost (its time is then missing from the table, not from the process total
printed below it). Threads are grouped by name (the kernel's comm, 15 characters) with digits
replaced by '#', so the numbered compiler or worker threads of one kind add up. Prints one row per
name, one column per process: clock ticks in the window, user + system, with the system part in
brackets ("31 (9s)"); the last rows give the process totals and % of one core.
"""
import os
import re
import sys
import time


def threads(pid):
    """{tid: (name, user ticks, system ticks)} of the live threads of pid."""
    out = {}
    task = f"/proc/{pid}/task"
    for tid in os.listdir(task):
        try:
            with open(f"{task}/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended while listing
        # comm is in parentheses and may itself contain spaces or parentheses.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # fields[0] is field 3 (state): utime is field 14, stime field 15.
        out[tid] = (name, int(fields[11]), int(fields[12]))
    return out


def process_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    seconds = float(sys.argv[1])
    procs = []
    for arg in sys.argv[2:]:
        label, _, pid = arg.partition("=")
        if not pid.isdigit():
            sys.exit(f"not LABEL=PID: {arg!r}")
        procs.append((label, pid))
    hz = os.sysconf("SC_CLK_TCK")
    start = {pid: (threads(pid), process_ticks(pid)) for _, pid in procs}
    t0 = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    table = {}  # name -> {label: ticks}
    totals = {}
    for label, pid in procs:
        before, total0 = start[pid]
        for tid, (name, user, system) in threads(pid).items():
            _, user0, system0 = before.get(tid, (name, 0, 0))
            key = re.sub(r"\d+", "#", name)
            cell = table.setdefault(key, {}).setdefault(label, [0, 0])
            cell[0] += user - user0 + system - system0
            cell[1] += system - system0
        totals[label] = process_ticks(pid) - total0
    labels = [label for label, _ in procs]
    width = max([len(k) for k in table] + [24])
    print(f"clock ticks (1/{hz} s) per thread name over {elapsed:.1f} s")
    print(f"{'thread':<{width}} " + " ".join(f"{lab:>12}" for lab in labels))
    order = sorted(table, key=lambda k: -max(c[0] for c in table[k].values()))
    for key in order:
        row = table[key]
        if not any(c[0] for c in row.values()):
            continue
        cells = [row.get(lab, [0, 0]) for lab in labels]
        print(f"{key:<{width}} " + " ".join(f"{f'{t} ({s}s)':>12}" for t, s in cells))
    print(f"{'process total (ticks)':<{width}} " + " ".join(f"{totals[lab]:>12}" for lab in labels))
    pct = [100.0 * totals[lab] / hz / elapsed for lab in labels]
    print(f"{'process, % of one core':<{width}} " + " ".join(f"{p:>12.3f}" for p in pct))


if __name__ == "__main__":
    main()
