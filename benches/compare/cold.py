#!/usr/bin/env python3
"""Cold CLI queries on a large database, with and without the snapshot cache.

Each query runs as a new `diplograph` process (the release build), the way
an analyst's shell or script runs it. Prints, per query, the median wall
time and peak memory of `--runs` runs through the snapshot cache and of
`--uncached-runs` runs with `DIPLOGRAPH_SNAPSHOT=off` (the RON file parsed
and validated every time), and the ratio; first, the run that builds the
cache.

    python3 benches/compare/cold.py                  # the 1M-relation database of compare.py
    python3 benches/compare/cold.py --graph G.ron --pair A B --hub-pair C D

Without --graph it uses (and if needed generates) the `--size large`
database of compare.py, target/compare/large/graph.ron.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXE = ROOT / "target" / "release" / "diplograph"
LARGE = ROOT / "target" / "compare" / "large" / "graph.ron"


def run_once(args, env):
    """Wall seconds and peak resident KiB of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(EXE), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"diplograph {' '.join(args)} failed")
    return wall, usage.ru_maxrss


def measure(args, runs, snapshot):
    env = dict(os.environ, DIPLOGRAPH_SNAPSHOT="auto" if snapshot else "off")
    samples = [run_once(args, env) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), max(m for _, m in samples)


def countries(graph, *positions):
    """Names of the countries at these positions in the file."""
    names, wanted = [], set(positions)
    seen = 0
    with open(graph, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("country("):
                if seen in wanted:
                    names.append((seen, line.split('name: "', 1)[1].split('"', 1)[0]))
                seen += 1
    return [name for _, name in sorted(names, key=lambda p: positions.index(p[0]))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path)
    parser.add_argument("--pair", nargs=2, help="a typical pair of countries (default: the 300th and 301st)")
    parser.add_argument("--hub-pair", nargs=2, help="the largest hubs (default: the 1st and 3rd country)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--uncached-runs", type=int, default=3)
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--quiet", "--release", "--bin", "diplograph"], cwd=ROOT, check=True)
    graph = args.graph
    if graph is None:
        graph = LARGE
        if not graph.exists():
            subprocess.run([sys.executable, str(HERE / "compare.py"), "--size", "large",
                            "--tools", "diplograph", "--repeat", "1"], check=True)
    pair = args.pair or countries(graph, 300, 301)
    hub = args.hub_pair or countries(graph, 0, 2)

    cache = graph.with_name(f".{graph.name}.snapshot")
    cache.unlink(missing_ok=True)
    wall, peak = measure(["--graph", str(graph), "check"], 1, snapshot=True)
    size = cache.stat().st_size if cache.exists() else 0
    print(f"{graph}: first run, building the snapshot ({size / 1e6:.0f} MB): "
          f"{wall * 1000:.0f} ms, {peak / 1024:.0f} MiB")
    print()
    print("| query | with snapshot | peak | without | peak | without ÷ with |")
    print("|---|---|---|---|---|---|")
    queries = [
        ["path", *pair],
        ["align", *pair],
        ["path", *hub],
        ["align", *hub],
        ["check"],
    ]
    for query in queries:
        argv = ["--graph", str(graph), *query]
        cached, cached_peak = measure(argv, args.runs, snapshot=True)
        parsed, parsed_peak = measure(argv, args.uncached_runs, snapshot=False)
        print(f"| `{' '.join(query)}` | {cached * 1000:.0f} ms | {cached_peak / 1024:.0f} MiB "
              f"| {parsed * 1000:.0f} ms | {parsed_peak / 1024:.0f} MiB | {parsed / cached:.0f}× |")


if __name__ == "__main__":
    main()
