#!/usr/bin/env python3
"""Where a JVM's resident memory lies, one line per area.

usage: memory-map.py SMAPS [NMT_DETAIL]

SMAPS is a copy of /proc/PID/smaps. NMT_DETAIL, when given, is the output of
`jcmd PID VM.native_memory detail` taken at the same time: each mapping that lies inside one of
NMT's reserved ranges is named after that range's area (Java Heap, Shared class space, Code, ...);
the rest are named after their file, or "malloc and other native" for anonymous mappings NMT does
not know ([heap] is glibc's main arena, the others its thread arenas and large allocations; with
NMT at the detail level they include NMT's own tables and the symbol table of libjvm.so it reads
to name call sites, about 4 MiB that a run without NMT does not have). Prints,
per area, Rss and the part of it that is Anonymous (private pages written since mapping), in MiB.
"""
import collections
import re
import sys

MAPPING = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$")
NMT_RANGE = re.compile(
    r"^\[0x([0-9a-f]+) - 0x([0-9a-f]+)\] (?:reserved and committed|reserved) \d+KB for (.+?) from")


def read_mappings(path):
    rows, cur = [], None
    with open(path) as f:
        for line in f:
            m = MAPPING.match(line)
            if m:
                cur = {"lo": int(m.group(1), 16), "hi": int(m.group(2), 16), "perm": m.group(3),
                       "name": m.group(4).strip(), "Rss": 0, "Anonymous": 0}
                rows.append(cur)
                continue
            key, _, rest = line.partition(":")
            fields = rest.split()
            if cur is not None and key in ("Rss", "Anonymous") and fields:
                cur[key] = int(fields[0])
    return rows


def read_nmt_ranges(path):
    ranges = []
    with open(path) as f:
        for line in f:
            m = NMT_RANGE.match(line)
            if m:
                ranges.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    return ranges


def area(row, ranges):
    for lo, hi, name in ranges:
        if lo <= row["lo"] and row["hi"] <= hi:
            return "NMT: " + name
    name = row["name"]
    if name == "[heap]":
        return "malloc: [heap] (glibc main arena)"
    if name == "":
        if not ranges:
            return "anonymous (heap, code, metaspace, stacks, malloc)"
        return "malloc and other native (anonymous, not in NMT)"
    if name.startswith("["):
        return name
    return "file: " + name.rsplit("/", 1)[-1]


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit("usage: memory-map.py SMAPS [NMT_DETAIL]")
    rows = read_mappings(argv[1])
    ranges = read_nmt_ranges(argv[2]) if len(argv) == 3 else []
    if len(argv) == 3 and not ranges:
        sys.exit(f"no reserved ranges in {argv[2]}: is it `jcmd PID VM.native_memory detail`?")
    totals = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        t = totals[area(row, ranges)]
        t[0] += row["Rss"]
        t[1] += row["Anonymous"]
    rss = sum(t[0] for t in totals.values())
    anon = sum(t[1] for t in totals.values())
    print(f"{'area':58} {'Rss MiB':>8} {'Anon MiB':>9}")
    for name, (r, a) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        if r >= 100:  # KiB; smaller areas are summed in the total only
            print(f"{name[:58]:58} {r / 1024:8.1f} {a / 1024:9.1f}")
    print(f"{'total':58} {rss / 1024:8.1f} {anon / 1024:9.1f}")


if __name__ == "__main__":
    main(sys.argv)
