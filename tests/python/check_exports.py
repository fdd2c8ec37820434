#!/usr/bin/env python3
"""Load diplograph's GraphML, GEXF and node-link JSON exports with NetworkX
and check them against what `diplograph check` and `diplograph list` say.

    python3 tests/python/check_exports.py target/debug/diplograph graph.ron [more.ron ...]

For every database: node and edge counts equal `check --format json`'s
`entity_count` and `relation_count` (exports use `--all-time`, so every
relation is in them); every entity's name and aliases come back exactly.
For the bundled seed (a database holding Belarus and the SCO) a few facts
are checked too: Belarus joined the SCO on 2024-07-04, Iran's acting
president, the India–Pakistan dispute over Kashmir, typed booleans, and
GEXF's inclusive interval ends. Exits non-zero on the first failure and
prints one line per format and database, then "N passed, 0 failed".
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx


def run(binary, graph, *args):
    out = subprocess.run(
        [binary, "--graph", graph, *args],
        check=True,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )
    return out.stdout


def load(binary, graph, fmt, directory):
    path = Path(directory) / f"export.{fmt}"
    run(binary, graph, "--all-time", "export", fmt, "--output", str(path))
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    assert "links" in data and "nodes" in data, "node-link keys"
    # NetworkX >= 3.4 names the edge list `edges` by default; D3 calls it
    # `links`, which is what diplograph writes.
    return nx.node_link_graph(data, edges="links")


def edges(g, source, target):
    """Attribute dicts of every edge source -> target (a multigraph)."""
    if not g.has_edge(source, target):
        return []
    data = g.get_edge_data(source, target)
    return list(data.values()) if g.is_multigraph() else [data]


def one(found, what):
    assert len(found) == 1, f"{what}: expected one, found {found}"
    return found[0]


def aliases(fmt, value):
    """Aliases as a list: a real list in JSON, a JSON array text in XML."""
    if fmt == "json":
        return value
    return [] if value is None else json.loads(value)


def representable(fmt, text):
    """What an XML format can carry: XML 1.0 has no way to write control
    characters other than tab, newline and carriage return, so diplograph
    writes U+FFFD for them there; JSON carries everything."""
    if fmt == "json":
        return text
    return "".join("\ufffd" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)


def check_counts_and_names(g, fmt, expected, entities):
    # NetworkX returns a multigraph when the file has parallel edges (the
    # seed has: China is both founder and member of the SCO).
    assert g.is_directed(), f"{fmt}: directed"
    assert g.number_of_nodes() == expected["entity_count"], (
        f"{fmt}: {g.number_of_nodes()} nodes, check says {expected['entity_count']}"
    )
    assert g.number_of_edges() == expected["relation_count"], (
        f"{fmt}: {g.number_of_edges()} edges, check says {expected['relation_count']}"
    )
    for entity in entities:
        data = g.nodes[entity["id"]]
        name = data["label"] if fmt == "gexf" else data["name"]
        want = representable(fmt, entity["name"])
        assert name == want, f"{fmt}: name {name!r} != {want!r}"
        assert data["kind"] == entity["kind"], f"{fmt}: kind of {entity['id']}"
        got = aliases(fmt, data.get("aliases"))
        want = [representable(fmt, a) for a in entity["aliases"]]
        assert got == want, f"{fmt}: aliases {got!r} != {want!r}"


def check_seed_facts(g, fmt):
    member = one([e for e in edges(g, "BLR", "SCO") if e["kind"] == "member"], "BLR member")
    assert member["since"] == "2024-07-04", member
    assert member.get("until") is None, member
    observer = one([e for e in edges(g, "BLR", "SCO") if e["kind"] == "observer"], "BLR observer")
    assert observer["until"] == "2024-07-04", observer

    leads = one(
        [e for e in edges(g, "mohammad-mokhber", "IRN") if e["kind"] == "leads"], "Mokhber"
    )
    assert leads["role"] == "President", leads
    assert leads["acting"] is True, f"{fmt}: acting must be a boolean: {leads!r}"
    assert leads["citation"] == "mem-2024-05-20", leads

    kashmir = one(edges(g, "IND", "PAK"), "India-Pakistan")
    assert kashmir["kind"] == "dispute" and kashmir["over"] == "kashmir", kashmir
    assert kashmir["sign"] == "negative" and kashmir["symmetric"] is True, kashmir

    stance = one(edges(g, "IND", "ukraine-war"), "India's stance")
    assert stance["position"] == "neutral", stance

    summit = g.nodes["sco-2024-astana"]
    assert summit["place"] == "Astana, Kazakhstan", summit
    assert (summit["start"], summit["end"]) == ("2024-07-03", "2024-07-04"), summit

    if fmt == "gexf":
        assert g.graph["mode"] == "dynamic", g.graph
        # GEXF intervals are inclusive: the last day Belarus was an observer.
        assert (observer["start"], observer["end"]) == ("2015-07-10", "2024-07-03"), observer
        assert member["start"] == "2024-07-04" and "end" not in member, member
        assert (leads["start"], leads["end"]) == ("2024-05-19", "2024-07-27"), leads


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, graphs = argv[1], argv[2:]
    passed = 0
    for graph in graphs:
        expected = json.loads(run(binary, graph, "check", "--format", "json"))
        entities = json.loads(run(binary, graph, "list", "--format", "json"))
        seed = any(e["id"] == "BLR" for e in entities) and any(
            e["id"] == "SCO" for e in entities
        )
        with tempfile.TemporaryDirectory() as directory:
            for fmt in ["graphml", "gexf", "json"]:
                g = load(binary, graph, fmt, directory)
                check_counts_and_names(g, fmt, expected, entities)
                if seed:
                    assert g.is_multigraph(), f"{fmt}: parallel relations are kept"
                    check_seed_facts(g, fmt)
                passed += 1
                print(
                    f"{Path(graph).name}: NetworkX {nx.__version__} read {fmt}: "
                    f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, as `check` says"
                    + ("; seed facts hold" if seed else "; every name and alias intact")
                )
    print(f"{passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
