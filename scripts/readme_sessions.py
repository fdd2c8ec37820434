#!/usr/bin/env python3
"""Reruns the README's console sessions and writes their real output back.

`tests/cli/readme.rs` checks that every `$ diplograph ...` in a ```console
block prints what the README shows; after a change of data or wording, run

    cargo build && python3 scripts/readme_sessions.py [--binary target/debug/diplograph]

to paste the new output in, then read the diff before committing. It runs
each command exactly as the test does: in a scratch directory holding a copy
of graph.ron (and the files `$ cat FILE` sessions show), without --graph,
with NO_COLOR=1; stdout when the command succeeds, stderr when it fails. A
session shown cut short with a final "  …" line keeps as many lines. The
scratch directory has `peer/`, a link to `../shared/peer` (the research data
sets); without it, sessions naming `peer/` or `world.ron` are left as they are.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "debug", "diplograph"))
    parser.add_argument("--check", action="store_true", help="only report sessions that differ")
    args = parser.parse_args()
    readme_path = os.path.join(ROOT, "README.md")
    lines = open(readme_path, encoding="utf-8").read().split("\n")
    scratch = tempfile.mkdtemp()
    shutil.copy(os.path.join(ROOT, "graph.ron"), os.path.join(scratch, "graph.ron"))
    peer = os.path.join(os.path.dirname(ROOT), "shared", "peer")
    has_peer = os.path.isdir(peer)
    if has_peer:
        os.symlink(peer, os.path.join(scratch, "peer"))
    env = dict(os.environ, NO_COLOR="1")
    env.pop("DIPLOGRAPH_GRAPH", None)
    out, i, in_console, changed = [], 0, False, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_console = line == "```console"
            out.append(line)
            i += 1
            continue
        if not (in_console and line.startswith("$ ")):
            out.append(line)
            i += 1
            continue
        command = line[2:]
        out.append(line)
        i += 1
        old = []
        while i < len(lines) and not lines[i].startswith("$ ") and not lines[i].startswith("```"):
            old.append(lines[i])
            i += 1
        words = shlex.split(command)
        if words[0] == "cat":
            with open(os.path.join(scratch, words[1]), "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in old))
            out.extend(old)
            continue
        if words[0] != "diplograph":
            sys.exit(f"README console command not understood: {command}")
        if not has_peer and ("peer/" in command or "world.ron" in command):
            out.extend(old)
            continue
        run = subprocess.run([args.binary] + words[1:], cwd=scratch, env=env,
                             capture_output=True, text=True)
        text = run.stdout if run.returncode == 0 else run.stderr
        new = text.split("\n")
        if new and new[-1] == "":
            new.pop()
        if old and old[-1] == "  …":
            new = new[: len(old) - 1] + ["  …"]
        if new != old:
            changed += 1
            print(f"changed: $ {command}")
        out.extend(new)
    shutil.rmtree(scratch)
    if not args.check:
        open(readme_path, "w", encoding="utf-8").write("\n".join(out))
    print(f"{changed} session(s) {'differ' if args.check else 'rewritten'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
