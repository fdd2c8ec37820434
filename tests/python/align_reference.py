#!/usr/bin/env python3
"""An independent reference for `diplograph align --basis
relations|alliances|votes`.

It computes the alignment of two states straight from the raw research
files in `../shared/peer` (never from a diplograph database), written from
the definitions alone, with the standard library only, so that
`tests/cli/align_reference.rs` can hold the binary to it number by number.

    python3 tests/python/align_reference.py --peer DIR --basis alliances \\
        --a 2 --b 200 --as-of 1980-07-01 [--weights FILE.csv]
    python3 tests/python/align_reference.py --peer DIR --basis votes \\
        --a US --b MX --from 1946 --to 1950 --rule any
    python3 tests/python/align_reference.py --peer DIR --basis relations \\
        --a 750 --b 770 --from 1950 --to 2014 --rule last
    python3 tests/python/align_reference.py --self-test [--peer DIR]
    python3 tests/python/align_reference.py --measures < CASES.json

`--measures` reads a JSON array of {"x", "y", "min", "max", "weights"}
(weights may be null) and prints the measures of each: how a test holds
another implementation of the measures to these.

States are COW codes for the relations and alliances bases and ISO
alpha-2 codes (as the votes file writes them) for the votes basis. Prints JSON on stdout: for one
day an object {"s_score", "s_squared", "kappa", "pi", "tau_b", "n"}, for a
range of years an array of such objects each with "step": "YYYY". A
measure that is undefined is null.

The measures, over vectors x, y of integer categories min..max (R = max -
min) and weights w (1 unless a weights file gives them):
- s_score   = 1 - 2 sum w|x-y| / (R sum w);
- s_squared = 1 - 2 sum w(x-y)^2 / (R^2 sum w);
- kappa: Cohen's weighted kappa, quadratic disagreement ((i-j)/R)^2, from
  the weighted proportions p_ij and their marginals;
- pi: Scott's pi, nominal agreement, chance from the pooled marginals;
- tau_b: Kendall's tau-b, unweighted, by counting every pair;
- n: the number of dimensions (states, organizations) or roll calls
  compared.

Alliances basis (Signorino & Ritter 1999), categories 0..3: the dimensions
are the COW states in the system on the day (or, for a year under rule
`any`, on at least one day of it); a state's value for a dimension is 3 for
itself, else its strongest alliance with it in the dyad-year file: defense
3, neutrality or non-aggression 2, entente 1, none 0 (under `any`, only when
the two states' spells and the year share a day). Rules `first` and `last`
take the year's first and last day.

States are COW codes, as the files write them: in a year where one code is
two entities of a database (365 in 1991: the Soviet Union, then Russia) or
two codes one entity (255 and 260 in 1990: Germany), rule `any` counts
codes. On one day code and state are one to one.

Relations basis, categories -1..1 (R = 2), unweighted, over a database
of the COW states, IGOs and alliances: the dimensions are the states as
for the alliances basis plus every IGO column of the state-year IGO file
(whatever the IGO's founding: an organization is a dimension on every
day; the file has no column that is -1 throughout, of which none would be
made). A state's value is 1 for itself; 1 for another state when a row of
the alliance file (either order, any type or none) has the two and the
year (under `any`, only when their spells and the year share a day); 1
for an IGO when the state's row of the year has 1 (full), 2 (associate)
or 3 (observer) in its column; else 0 (no negative relation is in these
files). Both files are yearly: a row holds on every day of its year. A
dyad or membership in the file's last year is taken as still in force
after it (right-censored), as the importer makes it, so a later year
reads the last year's rows.

Votes basis, categories 1..3 (yes 1, abstain 2, no 3): the roll calls of
the calendar year (of the day asked, or each year of a range whatever the
rule) on which both countries voted, unweighted.
"""

import argparse
import csv
import json
import math
import sys
from pathlib import Path

# --- the measures -----------------------------------------------------------

#: Below this a chance term is taken for zero (the measure is undefined).
EPSILON = 1e-12


def weights_or_ones(x, weights):
    """The weights, or 1 for every dimension."""
    return [1.0] * len(x) if weights is None else [float(w) for w in weights]


def s_measures(x, y, low, high, weights=None):
    """(S, squared S): one minus twice the mean (squared) distance,
    distances as fractions of the range. (None, None) for no weight."""
    w = weights_or_ones(x, weights)
    total = sum(w)
    if not x or total == 0:
        return None, None
    r = high - low
    absolute = sum(wk * abs(a - b) for wk, a, b in zip(w, x, y))
    squared = sum(wk * (a - b) ** 2 for wk, a, b in zip(w, x, y))
    return 1 - 2 * absolute / (r * total), 1 - 2 * squared / (r * r * total)


def table(x, y, low, high, weights=None):
    """p[i][j]: the share of the weight on dimensions where x is category
    low+i and y is low+j; None for no weight."""
    w = weights_or_ones(x, weights)
    total = sum(w)
    if not x or total == 0:
        return None
    c = high - low + 1
    p = [[0.0] * c for _ in range(c)]
    for wk, a, b in zip(w, x, y):
        if not (low <= a <= high and low <= b <= high):
            raise ValueError(f"category outside {low}..{high}: {a}, {b}")
        p[a - low][b - low] += wk / total
    return p


def kappa(x, y, low, high, weights=None):
    """Cohen's weighted kappa, quadratic disagreement ((i - j)/R)^2:
    1 - observed disagreement / disagreement expected from the marginals."""
    p = table(x, y, low, high, weights)
    if p is None:
        return None
    c, r = len(p), high - low
    rows = [sum(p[i]) for i in range(c)]
    cols = [sum(p[i][j] for i in range(c)) for j in range(c)]
    d = [[((i - j) / r) ** 2 for j in range(c)] for i in range(c)]
    seen = sum(d[i][j] * p[i][j] for i in range(c) for j in range(c))
    chance = sum(d[i][j] * rows[i] * cols[j] for i in range(c) for j in range(c))
    if chance <= EPSILON:
        return None
    return 1 - seen / chance


def scott_pi(x, y, low, high, weights=None):
    """Scott's pi: (p_o - p_e) / (1 - p_e), p_o the share on the diagonal,
    p_e the sum of the squared pooled marginals."""
    p = table(x, y, low, high, weights)
    if p is None:
        return None
    c = len(p)
    observed = sum(p[i][i] for i in range(c))
    pooled = [(sum(p[i]) + sum(p[k][i] for k in range(c))) / 2 for i in range(c)]
    expected = sum(m * m for m in pooled)
    if 1 - expected <= EPSILON:
        return None
    return (observed - expected) / (1 - expected)


def tau_b(x, y):
    """Kendall's tau-b over every pair of dimensions (unweighted):
    (C - D) / sqrt((n0 - n1)(n0 - n2)); None when that is 0."""
    n = len(x)
    concordant = discordant = tied_x = tied_y = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = x[i] - x[j], y[i] - y[j]
            tied_x += dx == 0
            tied_y += dy == 0
            if dx * dy > 0:
                concordant += 1
            elif dx * dy < 0:
                discordant += 1
    pairs = n * (n - 1) // 2
    denominator = (pairs - tied_x) * (pairs - tied_y)
    if denominator == 0:
        return None
    return (concordant - discordant) / math.sqrt(denominator)


def measures(x, y, low, high, weights=None):
    """Every measure of two vectors, as the JSON object the script prints."""
    s, squared = s_measures(x, y, low, high, weights)
    return {
        "s_score": s,
        "s_squared": squared,
        "kappa": kappa(x, y, low, high, weights),
        "pi": scott_pi(x, y, low, high, weights),
        "tau_b": tau_b(x, y),
        "n": len(x),
    }


# --- the alliances basis ----------------------------------------------------


def day_of(text):
    """YYYY-MM-DD as a (year, month, day) tuple: tuples order like days."""
    parts = text.split("-")
    if len(parts) != 3:
        raise ValueError(f"not a day: {text!r}")
    year, month, day = (int(p) for p in parts)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"not a day: {text!r}")
    return year, month, day


def read_states(peer):
    """COW code -> its spells in the system, (first, last) days, both ends
    included."""
    spells = {}
    with open(peer / "cow" / "states2016.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            first = (int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            last = (int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
            spells.setdefault(int(row["ccode"]), []).append((first, last))
    return spells


def strength(row):
    """An alliance row's strongest obligation: defense 3, neutrality or
    non-aggression 2, entente 1, none 0."""
    if row["cow_defense"] == "1":
        return 3
    if row["cow_neutral"] == "1" or row["cow_nonagg"] == "1":
        return 2
    if row["cow_entente"] == "1":
        return 1
    return 0


def read_alliances(peer, states):
    """(ccode1, ccode2, year) -> strength, for the rows with one of
    `states` at either end (the only ones a vector reads), and the file's
    last year."""
    found = {}
    last = None
    path = peer / "cow" / "peacesciencer_cow_alliance.csv"
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            one, two, year = int(row["ccode1"]), int(row["ccode2"]), int(row["year"])
            last = year if last is None else max(last, year)
            if one in states or two in states:
                key = (one, two, year)
                if key in found:
                    raise ValueError(f"two rows for the dyad-year {key}")
                found[key] = strength(row)
    return found, last


def shares_a_day(spells_i, spells_j, year):
    """Whether a spell of i, a spell of j and the year have a day in common."""
    start, end = (year, 1, 1), (year, 12, 31)
    return any(
        max(fi, fj, start) <= min(li, lj, end)
        for fi, li in spells_i
        for fj, lj in spells_j
    )


def in_system(spells, day):
    """Whether one of the spells holds the day."""
    return any(first <= day <= last for first, last in spells)


def system(states, a, b, day=None, year=None):
    """The COW states in the system on `day`, or on some day of `year`
    (exactly one of the two is given), sorted; an error unless a and b
    are among them."""
    if day is not None:
        dims = sorted(c for c, s in states.items() if in_system(s, day))
    else:
        start, end = (year, 1, 1), (year, 12, 31)
        dims = sorted(
            c for c, s in states.items() if any(f <= end and l >= start for f, l in s)
        )
    when = "-".join(map(str, day)) if day else str(year)
    for state in (a, b):
        if state not in dims:
            raise ValueError(f"COW {state} is not in the system on {when}")
    return dims


def alliance_vectors(states, alliances, a, b, day=None, year=None):
    """The dimensions and the two states' vectors on them: on `day`, or
    over `year` under rule `any` (exactly one of the two is given).
    `alliances` is `read_alliances`' pair (rows, last year): a later year
    reads the last year's rows."""
    dims = system(states, a, b, day, year)
    rows, last = alliances
    year = day[0] if day is not None else year
    read = min(year, last)

    def value(i, j):
        if i == j:
            return 3
        if day is None and not shares_a_day(states[i], states[j], year):
            return 0
        return rows.get((i, j, read), 0)

    return dims, [value(a, j) for j in dims], [value(b, j) for j in dims]


def read_weights(path):
    """code -> weight from a CSV file whose first two columns are a code and
    a weight (a header row first)."""
    weights = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            if row:
                weights[row[0].strip()] = float(row[1])
    return weights


def alliances(peer, a, b, days, weights=None):
    """The measures of COW states a and b for each (step, day, year) of
    `days` (a day, or a year under rule `any`)."""
    states = read_states(peer)
    rows = read_alliances(peer, {a, b})
    out = []
    for step, day, year in days:
        dims, x, y = alliance_vectors(states, rows, a, b, day=day, year=year)
        w = None
        if weights is not None:
            missing = [c for c in dims if str(c) not in weights]
            if missing:
                raise ValueError(f"no weight for COW {missing}")
            w = [weights[str(c)] for c in dims]
        out.append((step, measures(x, y, 0, 3, w)))
    return out


# --- the relations basis ----------------------------------------------------

#: The IGO file's cells that make a state part of an organization: full
#: member, associate, observer (0 is none, -1 no such IGO then, -9 missing).
HELD = {"1", "2", "3"}


def read_igos(peer, states):
    """The IGO columns of the state-year file; (ccode, year) -> the set of
    those in which the state is a full member, associate or observer, for
    the rows of `states` only (the file is 22 MB: other rows are read no
    further than their code and year); and the file's last year."""
    path = peer / "cow_igo" / "state_year_formatv3.csv"
    wanted = {str(s) for s in states}
    held = {}
    last = None
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader([f.readline()]))
        if header[:3] != ["ccode", "year", "state"]:
            raise ValueError(f"not the state-year IGO file: {header[:3]}")
        igos = header[3:]
        for line in f:
            code, year, _ = line.split(",", 2)
            year = int(year)
            last = year if last is None else max(last, year)
            if code in wanted:
                row = next(csv.reader([line]))
                key = (int(code), year)
                if key in held:
                    raise ValueError(f"two rows for the state-year {key}")
                held[key] = {igo for igo, cell in zip(igos, row[3:]) if cell.strip() in HELD}
    return igos, held, last


def relation_vectors(states, alliances, igos, a, b, day=None, year=None):
    """The dimensions (states, then IGOs) and the two states' vectors on
    them, on `day` or over `year` under rule `any`. `alliances` is
    `read_alliances`' pair, `igos` `read_igos`' triple: a year after a
    file's last reads its last year's rows."""
    dims = system(states, a, b, day, year)
    rows, last_alliance = alliances
    columns, held, last_igo = igos
    year = day[0] if day is not None else year

    def tie(i, j):
        if i == j:
            return 1
        if day is None and not shares_a_day(states[i], states[j], year):
            return 0
        read = min(year, last_alliance)
        return int((i, j, read) in rows or (j, i, read) in rows)

    def member(i, igo):
        return int(igo in held.get((i, min(year, last_igo)), ()))

    x = [tie(a, j) for j in dims] + [member(a, igo) for igo in columns]
    y = [tie(b, j) for j in dims] + [member(b, igo) for igo in columns]
    return dims + columns, x, y


def relations(peer, a, b, days):
    """The measures of COW states a and b for each (step, day, year) of
    `days` (a day, or a year under rule `any`)."""
    states = read_states(peer)
    rows = read_alliances(peer, {a, b})
    igos = read_igos(peer, {a, b})
    out = []
    for step, day, year in days:
        _, x, y = relation_vectors(states, rows, igos, a, b, day=day, year=year)
        out.append((step, measures(x, y, -1, 1)))
    return out


# --- the votes basis --------------------------------------------------------

BALLOTS = {"yes": 1, "abstain": 2, "no": 3}


def read_votes(peer, a, b, years):
    """rcid -> (a's ballot, b's ballot) over the roll calls dated in
    `years` on which both voted, and rcid -> year."""
    year_of = {}
    with open(peer / "unvotes" / "un_roll_calls.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            year = int(row["date"][:4])
            if year in years:
                year_of[row["rcid"]] = year
    cast = {a: {}, b: {}}
    with open(peer / "unvotes" / "un_votes.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rcid, code, vote = (header.index(k) for k in ("rcid", "country_code", "vote"))
        for row in reader:
            ballots = cast.get(row[code])
            if ballots is not None and row[rcid] in year_of:
                if row[rcid] in ballots:
                    raise ValueError(f"{row[code]} voted twice on {row[rcid]}")
                ballots[row[rcid]] = BALLOTS[row[vote]]
    both = sorted(set(cast[a]) & set(cast[b]), key=int)
    return {r: (cast[a][r], cast[b][r]) for r in both}, year_of


def votes(peer, a, b, years):
    """The measures of countries a and b (alpha-2) for each (step, year)."""
    pairs, year_of = read_votes(peer, a, b, {year for _, year in years})
    out = []
    for step, year in years:
        cast = [pairs[r] for r in pairs if year_of[r] == year]
        x, y = [p[0] for p in cast], [p[1] for p in cast]
        out.append((step, measures(x, y, 1, 3)))
    return out


# --- the self-test ------------------------------------------------------------

#: Signorino & Ritter (1999), Table 6: Germany and Russia in 1914 over 20
#: European states, categories 0..3, with the table's capability shares.
GERMANY = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]
RUSSIA = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
SHARES = [0.25, 0.21, 0.20, 0.08, 0.08, 0.05, 0.03, 0.03, 0.02]
SHARES += [0.01] * 5 + [0.0] * 6


def self_test(peer=None):
    """Checks the measures against the published table and cases worked by
    hand; with `peer`, the 1946 USA–Mexico votes against the file built for
    fpsim. Returns the failures."""
    failures = []

    def check(what, got, want, places=None):
        ok = (
            got is None
            if want is None
            else got is not None
            and (round(got, places) == want if places else abs(got - want) < 1e-12)
        )
        print(f"{'ok' if ok else 'FAIL'}: {what} = {got} (want {want})")
        if not ok:
            failures.append(what)

    table6 = measures(GERMANY, RUSSIA, 0, 3)
    check("Table 6 S", table6["s_score"], 0.4, 2)
    check("Table 6 weighted S", s_measures(GERMANY, RUSSIA, 0, 3, SHARES)[0], -0.46, 2)
    check("Table 6 kappa", table6["kappa"], -0.0776, 4)
    check("Table 6 pi", table6["pi"], -0.0448, 4)
    check("Table 6 tau_b", table6["tau_b"], 0.0303, 4)
    check("Table 6 n", table6["n"], 20)
    # Worked by hand. x = [3,3,2,2], y = [2,2,3,3], R = 3: every distance is
    # 1/3, so S = 1 - 2/3; squared 1 - 2/9; the table is all off-diagonal
    # and symmetric with marginals (1/2, 1/2) on {2, 3}, so p_o = 0, p_e =
    # 1/2 and pi = -1; every cross pair is discordant: C = 0, D = 4, ties 2
    # each side of 6 pairs, tau_b = -4 / 4 = -1.
    hand = measures([3, 3, 2, 2], [2, 2, 3, 3], 0, 3)
    check("by hand S", hand["s_score"], 1 / 3)
    check("by hand squared S", hand["s_squared"], 7 / 9)
    check("by hand kappa", hand["kappa"], -1.0)
    check("by hand pi", hand["pi"], -1.0)
    check("by hand tau_b", hand["tau_b"], -1.0)
    # Weights that are all equal change nothing; a zero weight drops a
    # dimension.
    equal = measures(GERMANY, RUSSIA, 0, 3, [0.5] * 20)
    for key in ("s_score", "s_squared", "kappa", "pi"):
        check(f"equal weights {key}", equal[key], table6[key])
    dropped = measures([3, 0, 1], [0, 0, 1], 0, 3, [0, 1, 1])
    kept = measures([0, 1], [0, 1], 0, 3)
    for key in ("s_score", "kappa", "pi"):
        check(f"zero weight {key}", dropped[key], kept[key])
    # Identical vectors agree fully; one category throughout leaves the
    # chance-corrected measures undefined; nothing to compare, all of them.
    same = measures([0, 1, 3], [0, 1, 3], 0, 3)
    for key in ("s_score", "s_squared", "kappa", "pi", "tau_b"):
        check(f"identical {key}", same[key], 1.0)
    flat = measures([2, 2], [2, 2], 0, 3)
    check("one category S", flat["s_score"], 1.0)
    for key in ("kappa", "pi", "tau_b"):
        check(f"one category {key}", flat[key], None)
    empty = measures([], [], 1, 3)
    for key in ("s_score", "s_squared", "kappa", "pi", "tau_b"):
        check(f"empty {key}", empty[key], None)
    check("empty n", empty["n"], 0)
    if peer is not None:
        pairs, _ = read_votes(peer, "US", "MX", {1946})
        mine = sorted((int(r), x, y) for r, (x, y) in pairs.items())
        path = peer / "fpsim" / "usamex46_reconstructed_from_unvotes.csv"
        with open(path, newline="", encoding="utf-8") as f:
            fpsim = sorted(
                (int(r["rcid"]), int(r["vote1"]), int(r["vote2"])) for r in csv.DictReader(f)
            )
        check("1946 US-MX roll calls", len(mine), 38)
        differ = sorted(set(mine) ^ set(fpsim))
        print(f"{'FAIL' if differ else 'ok'}: 1946 US-MX votes are fpsim's (differ: {differ})")
        if differ:
            failures.append("1946 US-MX votes")
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failed")
    return failures


# --- the command line ---------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", type=Path, help="the folder of the research files")
    parser.add_argument("--basis", choices=("relations", "alliances", "votes"))
    parser.add_argument("--a", help="first state: COW code, or alpha-2 for votes")
    parser.add_argument("--b", help="second state, the same way")
    parser.add_argument("--as-of", dest="as_of", help="one day, YYYY-MM-DD")
    parser.add_argument("--from", dest="first", type=int, help="first year of a range")
    parser.add_argument("--to", dest="last", type=int, help="last year of a range")
    parser.add_argument("--rule", choices=("any", "first", "last"), default="any")
    parser.add_argument("--weights", type=Path, help="CSV: code,weight (alliances only)")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--measures", action="store_true", help="vectors on stdin")
    args = parser.parse_args(argv)
    if args.self_test:
        return 1 if self_test(args.peer) else 0
    if args.measures:
        cases = json.load(sys.stdin)
        rows = [measures(c["x"], c["y"], c["min"], c["max"], c.get("weights")) for c in cases]
        json.dump(rows, sys.stdout)
        print()
        return 0
    if not (args.peer and args.basis and args.a and args.b):
        parser.error("--peer, --basis, --a and --b are needed")
    if (args.as_of is None) == (args.first is None or args.last is None):
        parser.error("give either --as-of or both --from and --to")
    if args.weights and args.basis != "alliances":
        parser.error(f"the {args.basis} basis is unweighted here")
    one_day = args.as_of is not None
    if one_day:
        day = day_of(args.as_of)
        steps = [(None, day, day[0])]
    else:
        if args.first > args.last:
            parser.error("--from is after --to")
        picks = {"first": (1, 1), "last": (12, 31)}
        steps = [
            (str(y), None if args.rule == "any" else (y, *picks[args.rule]), y)
            for y in range(args.first, args.last + 1)
        ]
    days = [(step, day, None if day else year) for step, day, year in steps]
    if args.basis == "alliances":
        weights = read_weights(args.weights) if args.weights else None
        results = alliances(args.peer, int(args.a), int(args.b), days, weights)
    elif args.basis == "relations":
        results = relations(args.peer, int(args.a), int(args.b), days)
    else:
        results = votes(args.peer, args.a, args.b, [(step, year) for step, _, year in steps])
    rows = [({"step": step} if step else {}) | m for step, m in results]
    json.dump(rows[0] if one_day else rows, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
