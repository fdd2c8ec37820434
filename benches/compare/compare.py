#!/usr/bin/env python3
"""diplograph, NetworkX, igraph and NetworKit on the same data, side by side.

Generates (or takes) a database, has diplograph export it as CSV, picks the
same random pairs for every tool, runs the same workload in each (one
process per tool, so peak memory is each tool's own), checks that the
answers agree, and prints one table of medians and ratios.

    python3 benches/compare/compare.py --size small          # 10k relations
    python3 benches/compare/compare.py --size large          # 1M relations
    python3 benches/compare/compare.py --size small --repeat 1     # the CI smoke run

NetworkX, igraph and NetworKit are installed from requirements.txt into a virtual
environment under target/ (never system-wide) the first time they are
needed. Results go to target/compare/<size>/ (results.json, table.md).
See README.md beside this file for the latest table.
"""

import argparse
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / "target" / "compare-venv"

SIZES = {
    "bundled": None,
    "small": dict(seed=1, countries=200, organizations=100, relations=10_000),
    "large": dict(seed=1, countries=2_000, organizations=5_000, relations=1_000_000),
}

# What a relation costs to walk; the same table as diplograph's
# query::path::cost (the weighted answers are checked to agree).
COST = {
    "ALLIANCE": 1, "LEADS": 1,
    "MEMBER": 2, "FOUNDER": 2, "PARTNERSHIP": 2,
    "SUPPORTS": 3, "HOSTS": 3,
    "ATTENDS": 4, "OBSERVER": 4,
    "DIALOGUE_PARTNER": 5,
    "STANCE": 6,
    "RIVALRY": 8, "DISPUTE": 8, "CONFLICT": 8, "SANCTIONS": 8,
}

PHASES = [
    ("load", "load (read + parse + build)"),
    ("paths_hops", "100 hop-shortest paths"),
    ("paths_weighted", "100 weighted shortest paths"),
    ("components", "connected components"),
    ("label_propagation", "label propagation"),
    ("louvain", "Louvain"),
    ("jaccard", "1000 neighbour-set similarities"),
]

TOOLS = ["diplograph", "networkx", "igraph", "networkit"]
LABEL = {"diplograph": "diplograph", "networkx": "NetworkX", "igraph": "igraph", "networkit": "NetworKit"}

# NetworKit runs on this many threads (the machine the table was measured on
# has two cores; diplograph uses both where it splits work).
THREADS = 2


def networkit_files(csvdir):
    """The edge lists written for NetworKit's reader beside the CSV: one
    line "a b weight" per pair of entities (ids as positions in nodes.csv),
    one file weighted by relation count and one by cheapest cost."""
    return {"weight": csvdir / "networkit-weight.txt", "cost": csvdir / "networkit-cost.txt",
            "nodes": csvdir / "networkit-nodes.txt"}


def write_networkit_files(csvdir, ids, edges):
    files = networkit_files(csvdir)
    with open(files["weight"], "w") as w, open(files["cost"], "w") as c:
        for (a, b), (weight, cost) in edges.items():
            w.write(f"{a} {b} {weight}\n")
            c.write(f"{a} {b} {cost}\n")
    files["nodes"].write_text(f"{len(ids)}\n")


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, **kw)


def peak_memory():
    """This process's peak resident memory in bytes (Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def phase(repeat, budget, work):
    """Runs work `repeat` times, or more for a short phase until it has
    filled a second (at most 1000 runs), stopping after `budget` seconds:
    the same rule as phases.rs."""
    times, spent = [], 0.0
    while True:
        start = time.perf_counter()
        answer = work()
        t = time.perf_counter() - start
        times.append(t)
        spent += t
        enough = len(times) >= repeat and (spent >= 1.0 or len(times) >= 1000)
        if enough or spent >= budget:
            return times, answer


def read_csv(csvdir):
    """Nodes and the simple undirected graph of the relations: for each
    pair, how many relations join it (weight) and the cheapest (cost)."""
    with open(csvdir / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        ids = [row[0] for row in rows]
    index = {id_: k for k, id_ in enumerate(ids)}
    edges = {}
    with open(csvdir / "relationships.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            a, b = index[row[0]], index[row[1]]
            key = (a, b) if a < b else (b, a)
            cost = COST[row[2]]
            e = edges.get(key)
            if e is None:
                edges[key] = [1, cost]
            else:
                e[0] += 1
                if cost < e[1]:
                    e[1] = cost
    return ids, index, edges


def read_pairs(path, index):
    out = []
    with open(path) as f:
        for line in f:
            a, b = line.split()
            out.append((index[a], index[b]))
    return out


def worker(tool, csvdir, pairs_file, jaccard_file, repeat, budget):
    """One tool's workload; prints JSON like benches/compare/phases.rs."""
    times, answers = {}, {}
    if tool == "networkx":
        import networkx as nx

        def load():
            ids, index, edges = read_csv(csvdir)
            G = nx.Graph()
            G.add_nodes_from(range(len(ids)))
            G.add_edges_from((a, b, {"weight": w, "cost": c}) for (a, b), (w, c) in edges.items())
            return ids, index, G

        times["load"], (ids, index, G) = phase(repeat, budget, load)
        pairs = read_pairs(pairs_file, index)
        jpairs = read_pairs(jaccard_file, index)

        def hops():
            out = []
            for a, b in pairs:
                try:
                    out.append(len(nx.bidirectional_shortest_path(G, a, b)) - 1)
                except nx.NetworkXNoPath:
                    out.append(None)
            return out

        def weighted():
            out = []
            for a, b in pairs:
                try:
                    out.append(nx.bidirectional_dijkstra(G, a, b, weight="cost")[0])
                except nx.NetworkXNoPath:
                    out.append(None)
            return out

        times["paths_hops"], answers["hops"] = phase(repeat, budget, hops)
        times["paths_weighted"], answers["weighted"] = phase(repeat, budget, weighted)
        times["components"], parts = phase(
            repeat, budget, lambda: sorted((len(c) for c in nx.connected_components(G)), reverse=True))
        answers["components"] = parts
        times["label_propagation"], lpa = phase(
            repeat, budget, lambda: list(nx.community.asyn_lpa_communities(G, weight="weight", seed=1)))
        answers["label_propagation"] = {
            "communities": len(lpa),
            "modularity": nx.community.modularity(G, lpa, weight="weight"),
        }
        del lpa
        times["louvain"], comms = phase(
            repeat, budget, lambda: nx.community.louvain_communities(G, weight="weight", seed=1))
        answers["louvain"] = {
            "communities": len(comms),
            "modularity": nx.community.modularity(G, comms, weight="weight"),
        }
        del comms
        times["jaccard"], answers["jaccard"] = phase(
            repeat, budget, lambda: [p for _, _, p in nx.jaccard_coefficient(G, jpairs)])
        nodes, relations = G.number_of_nodes(), sum(w for _, _, w in G.edges(data="weight"))
        version = nx.__version__
    elif tool == "igraph":
        import igraph as ig

        def load():
            ids, index, edges = read_csv(csvdir)
            keys = list(edges.keys())
            g = ig.Graph(n=len(ids), edges=keys, directed=False)
            g.es["weight"] = [edges[k][0] for k in keys]
            g.es["cost"] = [edges[k][1] for k in keys]
            return ids, index, g

        times["load"], (ids, index, g) = phase(repeat, budget, load)
        pairs = read_pairs(pairs_file, index)
        jpairs = read_pairs(jaccard_file, index)
        cost = g.es["cost"]

        def hops():
            out = []
            for a, b in pairs:
                path = g.get_shortest_path(a, b)
                out.append(len(path) - 1 if path else None)
            return out

        def weighted():
            out = []
            for a, b in pairs:
                path = g.get_shortest_path(a, b, weights="cost", output="epath")
                out.append(sum(cost[e] for e in path) if path or a == b else None)
            return out

        times["paths_hops"], answers["hops"] = phase(repeat, budget, hops)
        times["paths_weighted"], answers["weighted"] = phase(repeat, budget, weighted)
        times["components"], parts = phase(
            repeat, budget, lambda: sorted(g.connected_components().sizes(), reverse=True))
        answers["components"] = parts
        times["label_propagation"], lpa = phase(
            repeat, budget, lambda: g.community_label_propagation(weights="weight"))
        answers["label_propagation"] = {
            "communities": len(lpa),
            "modularity": g.modularity(lpa.membership, weights="weight"),
        }
        times["louvain"], comms = phase(
            repeat, budget, lambda: g.community_multilevel(weights="weight"))
        answers["louvain"] = {
            "communities": len(comms),
            "modularity": g.modularity(comms.membership, weights="weight"),
        }
        times["jaccard"], answers["jaccard"] = phase(
            repeat, budget, lambda: g.similarity_jaccard(pairs=jpairs, loops=False))
        nodes, relations = g.vcount(), sum(g.es["weight"])
        version = ig.__version__
    elif tool == "networkit":
        import networkit as nk

        nk.setNumberOfThreads(THREADS)
        nk.engineering.setLogLevel("ERROR")
        edgelists = networkit_files(csvdir)
        n = int(edgelists["nodes"].read_text())

        def read(path):
            # NetworKit's own C++ reader; ids are 0..n-1 and a trailing
            # entity without relations would be missing, so add it.
            g = nk.graphio.EdgeListReader(" ", 0, continuous=True, directed=False).read(str(path))
            if g.numberOfNodes() < n:
                g.addNodes(n - g.numberOfNodes())
            return g

        def load():
            # One graph per weight: NetworKit's algorithms read the graph's
            # one edge weight (count for communities, cost for Dijkstra).
            return read(edgelists["weight"]), read(edgelists["cost"])

        times["load"], (G, C) = phase(repeat, budget, load)
        with open(csvdir / "nodes.csv", newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            index = {row[0]: k for k, row in enumerate(rows)}
        pairs = read_pairs(pairs_file, index)
        jpairs = read_pairs(jaccard_file, index)

        def hops():
            out = []
            for a, b in pairs:
                bfs = nk.distance.BidirectionalBFS(G, a, b)
                bfs.run()
                d = bfs.getDistance()
                out.append(int(d) if d < n else None)
            return out

        def weighted():
            out = []
            for a, b in pairs:
                # With the path, like the other tools (and storePred=False
                # crashes in NetworKit 11.2.2).
                dij = nk.distance.BidirectionalDijkstra(C, a, b)
                dij.run()
                d = dij.getDistance()
                out.append(d if d < float("inf") and d < 1e300 else None)
            return out

        def components():
            cc = nk.components.ConnectedComponents(G)
            cc.run()
            return sorted(cc.getComponentSizes().values(), reverse=True)

        def community(algorithm):
            a = algorithm(G)
            a.run()
            return a.getPartition()

        times["paths_hops"], answers["hops"] = phase(repeat, budget, hops)
        times["paths_weighted"], answers["weighted"] = phase(repeat, budget, weighted)
        times["components"], answers["components"] = phase(repeat, budget, components)
        modularity = nk.community.Modularity()
        times["label_propagation"], lpa = phase(repeat, budget, lambda: community(nk.community.PLP))
        answers["label_propagation"] = {
            "communities": lpa.numberOfSubsets(),
            "modularity": modularity.getQuality(lpa, G),
        }
        times["louvain"], comms = phase(repeat, budget, lambda: community(nk.community.PLM))
        answers["louvain"] = {
            "communities": comms.numberOfSubsets(),
            "modularity": modularity.getQuality(comms, G),
        }

        def jaccard():
            # One call per pair: 30× faster here than runOn, which sorts
            # and copies the pairs first.
            index = nk.linkprediction.JaccardIndex(G)
            return [index.run(a, b) for a, b in jpairs]

        times["jaccard"], answers["jaccard"] = phase(repeat, budget, jaccard)
        nodes, relations = G.numberOfNodes(), round(G.totalEdgeWeight())
        version = nk.__version__
    else:
        raise SystemExit(f"unknown tool {tool}")
    print(json.dumps({
        "tool": tool, "version": version, "nodes": nodes, "relations": relations,
        "times": times, "answers": answers, "peak_memory": peak_memory(),
    }))


def ensure_venv():
    """A virtual environment under target/ with requirements.txt installed."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements"
    wanted = (HERE / "requirements.txt").read_text()
    if not python.exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    if not stamp.exists() or stamp.read_text() != wanted:
        run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(HERE / "requirements.txt")])
        stamp.write_text(wanted)
    return python


def pick_pairs(ids, edges, seed, paths, similar):
    """Random pairs of connected entities for paths, and pairs two steps
    apart (so most similarities are not zero) for Jaccard."""
    rng = random.Random(seed)
    neighbours = {}
    for a, b in edges:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    touched = sorted(neighbours)
    path_pairs = []
    while len(path_pairs) < paths:
        a, b = rng.choice(touched), rng.choice(touched)
        if a != b:
            path_pairs.append((ids[a], ids[b]))
    jaccard_pairs = []
    while len(jaccard_pairs) < similar:
        a = rng.choice(touched)
        b = rng.choice(neighbours[rng.choice(neighbours[a])])
        if a != b:
            jaccard_pairs.append((ids[a], ids[b]))
    return path_pairs, jaccard_pairs


def median(xs):
    return statistics.median(xs) if xs else None


def fmt_time(t):
    if t is None:
        return "–"
    if t >= 10:
        return f"{t:.1f} s"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 0.01:
        return f"{t * 1000:.0f} ms"
    return f"{t * 1000:.2f} ms"


def fmt_ratio(x):
    if x is None:
        return "–"
    return f"{x:.0f}×" if x >= 10 else f"{x:.1f}×"


def agreement(results):
    """For each phase, whether the other tools' answers agree with
    diplograph's, and a short note."""
    base = results.get("diplograph", {}).get("answers", {})
    notes = {}
    others = [t for t in results if t != "diplograph"]

    def check(key, same, describe):
        if key not in base:
            return
        oks = []
        for t in others:
            oks.append(same(base[key], results[t]["answers"][key]))
        notes[key] = ("yes" if all(oks) else "NO") + (f" ({describe(base[key])})" if describe else "")

    check("hops", lambda a, b: a == b,
          lambda a: f"{sum(x is not None for x in a)} found, mean {statistics.mean([x for x in a if x is not None] or [0]):.2f} hops")
    check("weighted", lambda a, b: a == [None if x is None else round(x) for x in b],
          lambda a: f"mean cost {statistics.mean([x for x in a if x is not None] or [0]):.2f}")
    check("components", lambda a, b: a == b,
          lambda a: f"{len(a)} components, largest {a[0] if a else 0}")
    check("jaccard", lambda a, b: len(a) == len(b) and all(abs(x - y) < 1e-9 for x, y in zip(a, b)),
          lambda a: f"mean {statistics.mean(a) if a else 0:.3f}")
    # Community detection is heuristic: report modularity Q per tool. Louvain
    # climbs Q, so every tool should land within 0.03 of the others. Label
    # propagation does not optimise Q at all: on a dense graph a run may
    # flood into one community (Q 0) or stop at a split (Q 0.3) depending on
    # the order it visits nodes, so its Q is reported and only checked to be
    # a partition's (between -0.5 and 1), never compared across tools.
    for key, tolerance in (("louvain", 0.03), ("label_propagation", None)):
        if key not in base:
            continue
        qs = {t: results[t]["answers"][key]["modularity"] for t in results}
        if tolerance is None:
            ok = all(-0.5 <= q <= 1.0 for q in qs.values())
            verdict = "heuristic" if ok else "DIFFERENT"
        else:
            ok = all(abs(q - qs["diplograph"]) <= tolerance for q in qs.values())
            verdict = "similar" if ok else "DIFFERENT"
        notes[key] = verdict + " (Q " + " / ".join(f"{qs[t]:.3f}" for t in results) + ")"
    return notes


def table(results, size, data):
    tools = [t for t in TOOLS if t in results]
    notes = agreement(results)
    answer_key = {"paths_hops": "hops", "paths_weighted": "weighted"}
    head = ["phase"] + [LABEL[t] for t in tools]
    ratio_tools = [t for t in tools if t != "diplograph"]
    head += [f"{LABEL[t]} ÷ diplograph" for t in ratio_tools]
    if ratio_tools:
        head.append("answers agree")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    totals = {t: 0.0 for t in tools}
    for key, name in PHASES:
        med = {t: median(results[t]["times"].get(key, [])) for t in tools}
        for t in tools:
            if med[t] is not None:
                totals[t] += med[t]
        row = [name] + [fmt_time(med[t]) for t in tools]
        for t in ratio_tools:
            row.append(fmt_ratio(med[t] / med["diplograph"]) if med[t] and med["diplograph"] else "–")
        if ratio_tools:
            row.append(notes.get(answer_key.get(key, key), "–") if key != "load" else "same graph" if same_graph(results) else "NO")
        lines.append("| " + " | ".join(row) + " |")
    row = ["**whole workload**"] + [f"**{fmt_time(totals[t])}**" for t in tools]
    row += [f"**{fmt_ratio(totals[t] / totals['diplograph'])}**" for t in ratio_tools]
    if ratio_tools:
        row.append("")
    lines.append("| " + " | ".join(row) + " |")
    mem = {t: results[t].get("peak_memory") for t in tools}
    row = ["peak memory"] + [f"{mem[t] / 2**20:.0f} MiB" if mem[t] else "–" for t in tools]
    row += [fmt_ratio(mem[t] / mem["diplograph"]) if mem[t] and mem["diplograph"] else "–" for t in ratio_tools]
    if ratio_tools:
        row.append("")
    lines.append("| " + " | ".join(row) + " |")
    d = results[tools[0]]
    title = (f"{size}: {d['nodes']:,} entities, {data['relations']:,} relations "
             f"({d['relations']:,} as counted by {LABEL[tools[0]]}); medians of "
             f"{data['repeat']} runs per phase, more for phases under a second")
    versions = ", ".join(f"{LABEL[t]} {results[t]['version']}" for t in tools)
    return "\n".join([title, "", *lines, "", versions, machine()])


def same_graph(results):
    """Every tool saw the same number of entities and relations."""
    sizes = {(r["nodes"], r["relations"]) for r in results.values()}
    return len(sizes) == 1


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) / 2**20
    except OSError:
        mem = 0
    return (f"Machine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--repeat", type=int, default=3, help="runs per phase (median reported)")
    parser.add_argument("--budget", type=float, default=60.0, help="stop repeating a phase after this many seconds")
    parser.add_argument("--paths", type=int, default=100)
    parser.add_argument("--similarities", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1, help="seed of the pairs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--pairs", help=argparse.SUPPRESS)
    parser.add_argument("--jaccard-pairs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.csv), args.pairs, args.jaccard_pairs, args.repeat, args.budget)
        return
    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in TOOLS:
            parser.error(f"unknown tool {t}")
    work = ROOT / "target" / "compare" / args.size
    work.mkdir(parents=True, exist_ok=True)
    run(["cargo", "build", "--quiet", "--release", "--bin", "diplograph"], cwd=ROOT)
    exe = ROOT / "target" / "release" / "diplograph"
    graph = work / "graph.ron"
    spec = SIZES[args.size]
    if spec is None:
        graph.write_bytes((ROOT / "graph.ron").read_bytes())
    else:
        run([exe, "generate", "--seed", str(spec["seed"]), "--countries", str(spec["countries"]),
             "--organizations", str(spec["organizations"]), "--relations", str(spec["relations"]),
             "--output", graph, "--force"], stdout=subprocess.DEVNULL)
    csvdir = work / "csv"
    run([exe, "--graph", graph, "--all-time", "export", "csv", "--output", csvdir, "--force"], stdout=subprocess.DEVNULL)
    ids, _, edges = read_csv(csvdir)
    relations = sum(w for w, _ in edges.values())
    path_pairs, jaccard_pairs = pick_pairs(ids, edges, args.seed, args.paths, args.similarities)
    if "networkit" in tools:
        # Not NetworKit's time: the file its reader reads, like the CSV for
        # the others.
        write_networkit_files(csvdir, ids, edges)
    del edges
    pairs_file, jaccard_file = work / "pairs.txt", work / "jaccard-pairs.txt"
    pairs_file.write_text("".join(f"{a} {b}\n" for a, b in path_pairs))
    jaccard_file.write_text("".join(f"{a} {b}\n" for a, b in jaccard_pairs))

    results = {}
    for tool in tools:
        if tool == "diplograph":
            cmd = ["cargo", "bench", "--quiet", "--bench", "compare_phases", "--", "--graph", graph,
                   "--pairs", pairs_file, "--jaccard-pairs", jaccard_file,
                   "--repeat", str(args.repeat), "--budget", str(args.budget)]
        else:
            python = ensure_venv()
            cmd = [python, __file__, "--worker", tool, "--csv", csvdir, "--pairs", pairs_file,
                   "--jaccard-pairs", jaccard_file, "--repeat", str(args.repeat),
                   "--budget", str(args.budget)]
        out = run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
        results[tool] = json.loads(out.strip().splitlines()[-1])
        (work / f"{tool}.json").write_text(json.dumps(results[tool]) + "\n")
    data = {"relations": relations, "repeat": args.repeat}
    text = table(results, args.size, data)
    (work / "table.md").write_text(text + "\n")
    (work / "results.json").write_text(json.dumps(results) + "\n")
    print(text)
    notes = agreement(results)
    if any(v.startswith(("NO", "DIFFERENT")) for v in notes.values()) or not same_graph(results):
        print("\nsome answers disagree: see above", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
