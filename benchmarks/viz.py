"""HTML graph: time to write and time until the browser shows a still picture, against plain pyvis.

For the whole bundled graph and a synthetic 5,000-node graph, measured in the same run:
- write: ilkg's renderer (positions from igraph, nodes handed to pyvis's lists) against pyvis's
  own path (``add_node``/``add_edge`` for each node and edge, ``generate_html``);
- browser: headless Chromium, from opening the file until the drawing stands still (ilkg: the
  first frame, since physics is off; pyvis: its physics 'stabilized' event, capped).

    .venv/bin/python benchmarks/viz.py [--runs 3] [--cap 60]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.projection import NODE_KINDS, project
from kg.render import to_html
from kg.store import Graph

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def synthetic(nodes: int = 5000, edges: int = 10000, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)  # noqa: S311 - a reproducible test graph
    g = nx.MultiDiGraph()
    for i in range(nodes):
        kind = NODE_KINDS[i % len(NODE_KINDS)]
        g.add_node(f"ilkg:N{i}", label=f"node {i}", kind=kind, types=[kind], description="", xrefs={}, iri="")
    for _ in range(edges):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        g.add_edge(f"ilkg:N{a}", f"ilkg:N{b}", relation="actsOn")
    return g


def pyvis_html(g: nx.MultiDiGraph) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, data in g.nodes(data=True):
        net.add_node(node, label=data["label"])
    for a, b, data in g.edges(data=True):
        net.add_edge(a, b, title=data["relation"])
    return net.generate_html()


def median_time(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _only(own: str):
    """A route handler that lets the page itself load and refuses every other request."""

    def handle(route, request=None) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            route.abort()

    return handle


def _wait(page, condition: str, cap: float) -> bool:
    try:
        page.wait_for_function(condition, timeout=int(cap * 1000), polling=100)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: not reached within the cap
        return False
    return True


# pyvis keeps its network in the global 'network'; its loading bar goes when the first
# stabilisation pass ends (the picture shows, still moving); 'stabilized' is when it stops.
PYVIS_SHOWN = (
    "document.getElementById('loadingBar') && document.getElementById('loadingBar').style.display === 'none'"
)
PYVIS_STILL = "window.network && window.network.physics && window.network.physics.stabilized"


def browser_times(paths: dict[str, Path], runs: int, cap: float) -> dict[str, float]:
    """Return the median seconds until each page stands still (inf: not within ``cap``)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("benchmarks/viz.py needs Debian's chromium")
    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for name, path in paths.items():
            conditions = (
                {"": "window.ilkgDrawnAt !== undefined"}
                if name.startswith("ilkg")
                else {" shown": PYVIS_SHOWN, " still": PYVIS_STILL}
            )
            samples: dict[str, list[float]] = {suffix: [] for suffix in conditions}
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route("**/*", _only(path.resolve().as_uri()))
                start = time.perf_counter()
                page.goto(path.resolve().as_uri(), timeout=int(cap * 1000))
                for suffix, condition in conditions.items():
                    left = cap - (time.perf_counter() - start)
                    ok = left > 0 and _wait(page, condition, left)
                    samples[suffix].append(time.perf_counter() - start if ok else float("inf"))
                page.close()
            for suffix, values in samples.items():
                out[name + suffix] = statistics.median(values)
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for pyvis physics to settle")
    args = parser.parse_args()
    graphs = {"bundled": project(Graph.load()), "synthetic 5000": synthetic()}
    paths: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as folder:
        print("write (median of runs)")
        for name, g in graphs.items():
            ours, page = median_time(lambda g=g: to_html(g), args.runs)
            theirs, baseline = median_time(lambda g=g: pyvis_html(g), 1)
            paths[f"ilkg {name}"] = Path(folder) / f"ilkg-{name.replace(' ', '-')}.html"
            paths[f"pyvis {name}"] = Path(folder) / f"pyvis-{name.replace(' ', '-')}.html"
            paths[f"ilkg {name}"].write_text(page, encoding="utf-8")
            paths[f"pyvis {name}"].write_text(baseline, encoding="utf-8")
            print(
                f"  {name:<15} {g.number_of_nodes():>5} nodes  ilkg {ours:6.2f} s, {len(page) / 1e6:5.2f} MB"
                f"  | pyvis add_node path {theirs:6.2f} s  | ratio {ours / theirs:5.2f}"
            )
        print(
            f"browser, until the picture stands still (median of {args.runs}; pyvis capped at {args.cap:g} s)"
        )
        times = browser_times(paths, args.runs, args.cap)

        def shown(value: float) -> str:
            return f">{args.cap:g} s" if value == float("inf") else f"{value:6.2f} s"

        for name in graphs:
            ours = times[f"ilkg {name}"]
            first, still = times[f"pyvis {name} shown"], times[f"pyvis {name} still"]
            ratio = f"{ours / still:5.3f}" if still != float("inf") else f"<{ours / args.cap:5.3f}"
            print(
                f"  {name:<15} ilkg still at {shown(ours)}  | pyvis with physics: shown at {shown(first)},"
                f" still at {shown(still)}  | ratio {ratio}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
