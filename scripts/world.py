#!/usr/bin/env python3
"""Builds the world database from the research data sets and times it.

Runs `diplograph init`, then the four imports (COW states, COW IGO v3,
COW alliances, Voeten's UN votes) from a folder holding the files as
downloaded (default `../shared/peer`, laid out as its README says), into
`target/world/world.ron`, each in a fresh process; then imports each file
again (nothing may change: the file's hash is compared), `check` from the
text (snapshot cache off) and with the snapshot, the analysis commands
and the panels of 1946–2014 (≤ 10 s each, streamed whatever their size)
on the result. Prints a Markdown table of wall time, peak memory and
output size against issues 12's and 13's targets. It measures and reports; it
asserts nothing, so a noisy shared machine never fails a build with it.

    python3 scripts/world.py [--binary target/release/diplograph] [--peer ../shared/peer]
"""

import argparse
import hashlib
import os
import subprocess
import sys
import time

IMPORTS = [
    ("cow-states", ["cow/states2016.csv"], 1.0),
    ("cow-igo", ["cow_igo/state_year_formatv3.csv"], 10.0),
    ("cow-alliances", ["cow/peacesciencer_cow_alliance.csv"], 5.0),
    ("un-votes", ["unvotes/un_votes.csv", "unvotes/un_roll_calls.csv"], 15.0),
]

COMMANDS = [
    (["check"], 2.0, {"DIPLOGRAPH_SNAPSHOT": "off"}, "from text"),
    (["check"], 0.1, {}, "snapshot"),
    (["report", "--as-of", "2010-07-01"], 3.0, {}, ""),
    (["list", "--kind", "country", "--as-of", "1962-07-01"], 3.0, {}, ""),
    (["align", "India", "Pakistan", "--as-of", "1990-07-01"], 3.0, {}, ""),
    (["align", "India", "Pakistan", "--as-of", "2014-07-01"], 3.0, {}, ""),
    (["members", "NATO", "--as-of", "1990-07-01"], 3.0, {}, ""),
    (["path", "India", "Pakistan", "--as-of", "1990-07-01"], 3.0, {}, ""),
    (["clusters", "--method", "blocs", "--as-of", "1962-07-01"], 3.0, {}, ""),
    (["balance", "--as-of", "1962-07-01"], 3.0, {}, ""),
    (["central", "--measure", "degree", "--as-of", "1990-07-01"], 3.0, {}, ""),
    # Issue 13: a 30-year yearly alignment series on every basis (<= 2 s),
    # and a year's ranking on votes (<= 1 s).
    (["align", "USA", "GBR", "--basis", "relations", "--from", "1980", "--to", "2009"], 2.0, {}, ""),
    (["align", "USA", "GBR", "--basis", "alliances", "--from", "1980", "--to", "2009"], 2.0, {}, ""),
    (["align", "USA", "GBR", "--basis", "votes", "--from", "1980", "--to", "2009"], 2.0, {}, ""),
    (["align", "IND", "--top", "10", "--basis", "votes", "--as-of", "1990-07-01"], 1.0, {}, ""),
]

# Panels are tables for other tools, streamed whatever their size: timed
# against their own target, with no limit on stdout.
PANELS = [
    ["panel", "dyad-year", "--from", "1946", "--to", "2014"],
    ["panel", "dyad-year", "--from", "1946", "--to", "2014", "--directed", "--codes", "cow"],
    ["panel", "dyad-year", "--from", "1946", "--to", "2014", "--with-alignment", "--basis", "alliances"],
    ["panel", "state-year", "--from", "1946", "--to", "2014", "--codes", "cow"],
]
PANEL_LIMIT = 10.0

LIMIT_BYTES = 1_000_000


def run(binary, graph, args, env=None):
    """Runs one command; returns (seconds, peak KiB, stdout, exit code, stderr)."""
    cmd = ["/usr/bin/time", "-f", "%M", binary, "--graph", graph] + args
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    seconds = time.perf_counter() - start
    lines = proc.stderr.decode(errors="replace").strip().splitlines()
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return seconds, peak, proc.stdout, proc.returncode, "\n".join(lines[:-1])


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def row(what, seconds, peak, size, limit, code, err, size_limit=LIMIT_BYTES):
    if limit is None:
        note = "" if code == 0 else f" (exit {code})"
        print(f"| `{what}` | {seconds * 1000:,.0f} ms | {peak / 1024:,.0f} MiB | {size:,} B | no target{note} |")
        sys.stdout.flush()
        return
    ok = code == 0 and seconds <= limit and (size_limit is None or size <= size_limit)
    note = "" if code == 0 else f" (exit {code}: {err.strip().splitlines()[0][:80] if err.strip() else ''})"
    print(
        f"| `{what}` | {seconds * 1000:,.0f} ms | {peak / 1024:,.0f} MiB | {size:,} B "
        f"| {'yes' if ok else 'NO'} (≤ {limit:g} s){note} |"
    )
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="target/release/diplograph")
    parser.add_argument("--peer", default="../shared/peer")
    parser.add_argument("--dir", default="target/world")
    opts = parser.parse_args()
    if not os.path.isdir(opts.peer):
        print(f"skipping: {opts.peer} not found")
        return
    os.makedirs(opts.dir, exist_ok=True)
    graph = os.path.join(opts.dir, "world.ron")
    for leftover in (graph,):
        if os.path.exists(leftover):
            os.remove(leftover)
    subprocess.run([opts.binary, "--graph", graph, "init", "--checked", "2024-07-28"],
                   check=True, stdout=subprocess.DEVNULL)
    print("| command | wall | peak | stdout | within target |")
    print("|---|---|---|---|---|")
    for name, files, limit in IMPORTS:
        paths = [os.path.join(opts.peer, f) for f in files]
        seconds, peak, out, code, err = run(
            opts.binary, graph, ["import", name] + paths, {"DIPLOGRAPH_SNAPSHOT": "off"}
        )
        row(f"import {name}", seconds, peak, 0, limit, code, err)
        if code != 0:
            print(err)
            return
    size = os.path.getsize(graph)
    before = digest(graph)
    for name, files, limit in IMPORTS:
        paths = [os.path.join(opts.peer, f) for f in files]
        seconds, peak, out, code, err = run(
            opts.binary, graph, ["import", name] + paths, {"DIPLOGRAPH_SNAPSHOT": "off"}
        )
        # No target: the database is read whole to compare; what counts is
        # that nothing changes.
        row(f"import {name} (again)", seconds, peak, 0, None, code, err)
    same = digest(graph) == before
    # Warm the snapshot cache for the commands below.
    subprocess.run([opts.binary, "--graph", graph, "check"], stdout=subprocess.DEVNULL)
    for args, limit, env, label in COMMANDS:
        seconds, peak, out, code, err = run(opts.binary, graph, args, env)
        what = " ".join(args) + (f" ({label})" if label else "")
        row(what, seconds, peak, len(out), limit, code, err)
    for args in PANELS:
        seconds, peak, out, code, err = run(opts.binary, graph, args)
        rows = max(out.count(b"\n") - 1, 0)
        row(f"{' '.join(args)} ({rows:,} rows)", seconds, peak, len(out), PANEL_LIMIT, code, err, None)
    print()
    print(f"{graph}: {size:,} bytes; importing every file again left it "
          f"{'byte-identical' if same else 'CHANGED'}")


if __name__ == "__main__":
    main()
