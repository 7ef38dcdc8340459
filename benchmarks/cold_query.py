"""Cold-start query time: `ilkg query` against plain rdflib and plain pyoxigraph scripts, same machine, same run.

Each contender is a fresh process (imports, loading and the query all count), run several times
in turns; the medians and the ratios to each baseline are printed. ilkg runs twice: with its
on-disk compile cache (filled by the first run) and with the cache off. Usage:

    .venv/bin/python benchmarks/cold_query.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Two hops: interleukins, the cells that make them, and the kind of each cell.
QUERY = """PREFIX ilkg: <https://w3id.org/ilkg/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?il ?cell ?parent WHERE { ?il ilkg:producedBy ?cell . ?cell rdfs:subClassOf ?parent }"""

RDFLIB = """
import sys, rdflib
g = rdflib.Graph().parse(sys.argv[1], format="turtle")
rows = list(g.query(sys.argv[2]))
print(len(rows))
"""

OXIGRAPH = """
import sys, pyoxigraph as ox
s = ox.Store(); s.load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)
print(len(list(s.query(sys.argv[2]))))
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - start, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ilkg = str(Path(sys.executable).with_name("ilkg"))
    with tempfile.TemporaryDirectory() as folder:
        turtle = Path(folder) / "kg.ttl"
        subprocess.run([ilkg, "export", "-o", str(turtle)], check=True)
        cached = {**os.environ, "ILKG_CACHE_DIR": str(Path(folder) / "cache")}
        uncached = {**os.environ, "ILKG_CACHE_DIR": "off"}
        ilkg_query = [ilkg, "query", QUERY, "--format", "tsv"]
        contenders = {
            "ilkg query": (ilkg_query, cached),
            "ilkg query, compile cache off": (ilkg_query, uncached),
            "rdflib script on the export": ([sys.executable, "-c", RDFLIB, str(turtle), QUERY], uncached),
            "pyoxigraph script on the export": (
                [sys.executable, "-c", OXIGRAPH, str(turtle), QUERY],
                uncached,
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in contenders}
        answers: dict[str, int] = {}
        for _ in range(args.runs):
            for name, (command, env) in contenders.items():
                elapsed, out = timed(command, env)
                times[name].append(elapsed)
                lines = out.strip().splitlines()
                answers[name] = len(lines) - 1 if name.startswith("ilkg") else int(lines[-1])
    if len(set(answers.values())) != 1:
        print(f"the contenders disagree on the answer: {answers}", file=sys.stderr)
        return 1
    medians = {name: statistics.median(values) for name, values in times.items()}
    ours = medians["ilkg query"]
    print(f"2-hop query, {answers['ilkg query']} rows, median of {args.runs} cold runs each")
    for name, value in medians.items():
        print(f"  {name:<34} {value * 1000:8.0f} ms")
    print(f"  ilkg / rdflib script     = {ours / medians['rdflib script on the export']:.2f}")
    print(f"  ilkg cache off / on      = {medians['ilkg query, compile cache off'] / ours:.2f}")
    print(f"  ilkg / pyoxigraph script = {ours / medians['pyoxigraph script on the export']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
