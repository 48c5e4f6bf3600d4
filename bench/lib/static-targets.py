#!/usr/bin/env python3
"""Serves N static /metrics targets on one port, for Prometheus and VictoriaMetrics to scrape in the
200-node mode of bench/hub-vs-prometheus.sh (the simulator streams to the hub but serves no /metrics).

usage: static-targets.py PORT TEMPLATE SERIES [VARIANTS]

TEMPLATE is a real agent's /metrics text (8 fake GPUs). It is trimmed or padded (copies of its
gauge lines with a label pad="i") to SERIES series: the number each simulated node streams, so that
both sides hold the same number of series per node. Every target serves the same body (the scrape
config gives each target its own `node` label); the body changes every second among VARIANTS
pre-rendered versions, gauges jittered by up to 1 % and counters advanced, so that the values are not
constant (constant values would compress to nothing and flatter the scrapers).
GET /node/<i>/metrics for any i answers the body of the current second; anything else is 404.
"""
import http.server
import random
import sys
import time


def parse(template):
    types, lines = {}, []
    for line in template.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(None, 3)
            types[name] = kind
        elif line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            name = key.split("{", 1)[0]
            family = name[: -len("_total")] if name.endswith("_total") else name
            kind = types.get(name, types.get(family, "gauge"))
            lines.append((key, float(value), kind == "counter"))
    return lines


def sized(lines, series):
    if len(lines) >= series:
        return lines[:series]
    gauges = [l for l in lines if not l[2]] or lines
    out, i = list(lines), 0
    while len(out) < series:
        key, value, counter = gauges[i % len(gauges)]
        label = 'pad="%d"' % (i // len(gauges))
        key = key[:-1] + "," + label + "}" if key.endswith("}") else key + "{" + label + "}"
        out.append((key, value, counter))
        i += 1
    return out


def render(lines, variant, rng):
    parts = []
    for key, value, counter in lines:
        if counter:
            v = value + variant * max(1.0, abs(value) * 1e-4)
        else:
            v = value * (1 + rng.uniform(-0.01, 0.01)) if value else 0.0
        parts.append("%s %.6g\n" % (key, v))
    return "".join(parts).encode()


def main():
    port, template, series = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    variants = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    with open(template) as f:
        lines = sized(parse(f.read()), series)
    rng = random.Random(1)
    bodies = [render(lines, v, rng) for v in range(variants)]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as Prometheus and vmagent scrape

        def do_GET(self):
            parts = self.path.split("/")
            if len(parts) != 4 or parts[1] != "node" or parts[3] != "metrics":
                self.send_error(404, "not a target: " + self.path)
                return
            body = bodies[int(time.time()) % variants]
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    print("serving %d series per target on 127.0.0.1:%d" % (len(lines), port), flush=True)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
