"""Render the networkx projection as one self-contained, offline HTML page with pyvis.

pyvis builds the network (nodes, edges, options). Its own templates fetch vis-network and
Bootstrap from CDNs even in ``in_line`` mode, so the page is written here: vis-network's
script and style from the pyvis package are inlined, and every value from the data is
embedded as escaped JSON and shown with ``textContent``, so a label can never run a script.

>>> from kg.store import Graph
>>> from kg.projection import project
>>> html = to_html(project(Graph.load()))
>>> "<script src=" in html or "https://cdn" in html
False
"""

from __future__ import annotations

import html as html_lib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__

if TYPE_CHECKING:
    import networkx as nx

#: Colour and shape of each node kind (the projection's NODE_KINDS), and the legend's order.
STYLE: dict[str, tuple[str, str]] = {
    "Interleukin": ("#d62728", "dot"),
    "Therapy": ("#1f77b4", "diamond"),
    "DecoyReceptor": ("#8c564b", "triangleDown"),
    "ReceptorComplex": ("#ff7f0e", "hexagon"),
    "ReceptorChain": ("#ff7f0e", "triangle"),
    "Kinase": ("#393b79", "diamond"),
    "SignallingAdaptor": ("#6b6ecf", "dot"),
    "TranscriptionFactor": ("#e7ba52", "star"),
    "SignallingRegulator": ("#ad494a", "triangleDown"),
    "Subunit": ("#f7b6d2", "dot"),
    "InterleukinFamily": ("#e377c2", "star"),
    "CellType": ("#2ca02c", "dot"),
    "Disease": ("#9467bd", "square"),
    "AdverseEffect": ("#7f7f7f", "square"),
    "BiologicalProcess": ("#17becf", "dot"),
    "ClinicalSign": ("#bcbd22", "dot"),
    "Other": ("#c7c7c7", "dot"),
}

#: Edge colours by relation; promotes and inhibits are told apart by colour, dashes and arrow head.
EDGE_COLOURS = {"promotes": "#2ca02c", "inhibits": "#d62728", "antagonises": "#d62728"}

#: Above this many edges, edge labels move into the edge tooltips so the drawing stays readable.
EDGE_LABEL_LIMIT = 400


def _json_for_script(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&' or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not folder.is_dir():
        folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A literal "</script" inside the inlined library would end the element early.
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def layout(graph: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Return a force-directed position for every node, the same for the same graph.

    igraph's Fruchterman-Reingold (with a grid for large graphs) lays out 5,000 nodes in a
    fraction of a second, where networkx's spring layout takes tens of seconds; the start
    positions come from a seeded generator so that a graph always looks the same.
    """
    import random

    import igraph

    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    number = {n: i for i, n in enumerate(nodes)}
    edges = sorted({(number[a], number[b]) for a, b in graph.edges() if a != b})
    rng = random.Random(seed)  # noqa: S311 - reproducible layout, not security
    # Start spread over a square of side ~sqrt(n): packed tighter, the grid variant crawls.
    spread = max(len(nodes), 1) ** 0.5
    start = [[rng.uniform(-spread, spread), rng.uniform(-spread, spread)] for _ in nodes]
    g = igraph.Graph(n=len(nodes), edges=edges)
    igraph.set_random_number_generator(rng)  # the algorithm draws random numbers too
    try:
        coords = g.layout_fruchterman_reingold(seed=start, niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    # About 130 px of room per node, so that labels rarely overlap at the first, fitted view.
    span = max(max(c[k] for c in coords) - min(c[k] for c in coords) for k in (0, 1)) or 1.0
    scale = 130.0 * len(nodes) ** 0.5 / span
    return {n: (round(coords[i][0] * scale, 1), round(coords[i][1] * scale, 1)) for n, i in number.items()}


def build_network(graph: nx.MultiDiGraph, *, focus: Iterable[str] = (), seed: int = 7) -> object:
    """Return a pyvis Network for the projection, with positions computed here and physics off.

    Nodes and edges go straight into pyvis's lists: ``add_node`` checks for duplicates in a
    list and grows quadratically, and the projection has no duplicates.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="remote")
    positions = layout(graph, seed=seed)
    focused = set(focus)
    for node, data in sorted(graph.nodes(data=True)):
        colour, shape = STYLE.get(data.get("kind", "Other"), STYLE["Other"])
        x, y = positions.get(node, (0.0, 0.0))
        net.nodes.append(
            {
                "id": node,
                "label": data.get("label", node),
                "kind": data.get("kind", "Other"),
                "color": colour,
                "shape": shape,
                "size": 30 if node in focused else (16 if data.get("kind") == "Interleukin" else 10),
                "focus": node in focused,
                "x": x,
                "y": y,
                "description": data.get("description", ""),
                "xrefs": sorted((data.get("xrefs") or {}).items()),
                "types": data.get("types", []),
            }
        )
        net.node_ids.append(node)
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        relation = data["relation"]
        label = (
            relation
            + (f" ({data['role']})" if "role" in data else "")
            + (f" ({data['action']})" if "action" in data else "")
            + (f" (only in {data['organism']})" if "organism" in data else "")
        )
        edge = {"from": source, "to": target, "label": label, "relation": relation, "arrows": "to"}
        if relation in EDGE_COLOURS:
            edge["color"] = EDGE_COLOURS[relation]
        if relation in ("inhibits", "antagonises"):
            edge["arrows"] = {"to": {"enabled": True, "type": "bar"}}
            edge["dashes"] = True
        net.edges.append(edge)
    net.toggle_physics(False)
    return net


def to_html(
    graph: nx.MultiDiGraph, *, title: str = "ilkg: the interleukin knowledge graph", focus: Iterable[str] = ()
) -> str:
    """Return the whole page for a projection as one HTML string that fetches nothing."""
    net = build_network(graph, focus=focus)
    script, style = _vis_assets()
    kinds = sorted({n["kind"] for n in net.nodes}, key=list(STYLE).index)
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "legend": [[k, *STYLE[k]] for k in kinds],
        "version": __version__,
        "edgeLabels": len(net.edges) <= EDGE_LABEL_LIMIT,
    }
    safe_title = html_lib.escape(title)
    return _PAGE.format(
        title=safe_title,
        version=html_lib.escape(__version__),
        style=style,
        script=script,
        data=_json_for_script(data),
        nodes=len(net.nodes),
        edges=len(net.edges),
    )


def write_html(
    graph: nx.MultiDiGraph, path: str | Path, *, inputs: Iterable[str | Path] = (), **kwargs: object
) -> Path:
    """Write the page for a projection to ``path`` atomically; return the path."""
    from kg.atomic import write_atomic

    return write_atomic(path, to_html(graph, **kwargs).encode("utf-8"), inputs=inputs)  # type: ignore[arg-type]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
<style>
body {{ margin: 0; font: 14px system-ui, sans-serif; display: flex; height: 100vh; }}
#side {{ width: 300px; padding: 10px; overflow-y: auto; border-right: 1px solid #ddd; box-sizing: border-box; }}
#graph {{ flex: 1; }}
h1 {{ font-size: 16px; margin: 0 0 4px; }}
.small {{ color: #666; font-size: 12px; }}
#legend label {{ display: block; cursor: pointer; }}
.swatch {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; vertical-align: middle; }}
#details {{ margin-top: 12px; border-top: 1px solid #ddd; padding-top: 8px; }}
input[type=search] {{ width: 100%; box-sizing: border-box; margin: 8px 0; }}
</style>
</head>
<body>
<div id="side">
<h1>{title}</h1>
<div class="small">version {version} &middot; {nodes} nodes &middot; {edges} edges</div>
<input id="search" type="search" placeholder="Find a node by name" list="names">
<datalist id="names"></datalist>
<div id="legend"></div>
<label><input id="physics" type="checkbox"> physics</label>
<div id="details" class="small">Click a node to see its details.</div>
</div>
<div id="graph"></div>
<script>{script}</script>
<script id="ilkg-data" type="application/json">{data}</script>
<script>
(function () {{
  "use strict";
  var data = JSON.parse(document.getElementById("ilkg-data").textContent);
  var nodes = new vis.DataSet(data.nodes.map(function (n) {{
    return {{ id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, color: n.color, kind: n.kind, size: n.size,
             borderWidth: n.focus ? 4 : 1, font: {{ size: n.focus ? 20 : 12, bold: n.focus }},
             title: n.label + " (" + n.kind + ")" + (n.description ? "\\n" + n.description : "") }};
  }}));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {{
    return {{ id: i, from: e.from, to: e.to, label: data.edgeLabels ? e.label : undefined, title: e.label,
             arrows: e.arrows, color: e.color, dashes: e.dashes, font: {{ size: 9, align: "middle" }} }};
  }}));
  var byId = {{}};
  data.nodes.forEach(function (n) {{ byId[n.id] = n; }});
  var hidden = {{}};
  var view = new vis.DataView(nodes, {{ filter: function (n) {{ return !hidden[n.kind]; }} }});
  var network = new vis.Network(document.getElementById("graph"), {{ nodes: view, edges: edges }}, {{
    physics: {{ enabled: false, stabilization: {{ iterations: 200 }} }},
    interaction: {{ hover: true, tooltipDelay: 150 }},
    edges: {{ smooth: false }}
  }});
  window.ilkgNetwork = network;
  window.ilkgView = view;
  network.once("afterDrawing", function () {{ window.ilkgDrawnAt = performance.now(); }});
  var legend = document.getElementById("legend");
  data.legend.forEach(function (entry) {{
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = entry[0];
    box.addEventListener("change", function () {{ hidden[entry[0]] = !box.checked; view.refresh(); }});
    var swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = entry[1];
    label.appendChild(box); label.appendChild(swatch); label.appendChild(document.createTextNode(entry[0]));
    legend.appendChild(label);
  }});
  var names = document.getElementById("names");
  data.nodes.forEach(function (n) {{
    var option = document.createElement("option"); option.value = n.label; names.appendChild(option);
  }});
  function show(id) {{
    var n = byId[id], box = document.getElementById("details");
    box.textContent = "";
    if (!n) return;
    var h = document.createElement("strong"); h.textContent = n.label; box.appendChild(h);
    var p = document.createElement("div"); p.textContent = n.id + " \\u00b7 " + n.types.join(", "); box.appendChild(p);
    if (n.description) {{ var d = document.createElement("p"); d.textContent = n.description; box.appendChild(d); }}
    n.xrefs.forEach(function (x) {{
      var line = document.createElement("div");
      if (x[1] && /^https?:\\/\\//.test(x[1])) {{
        var a = document.createElement("a"); a.href = x[1]; a.target = "_blank"; a.rel = "noopener noreferrer";
        a.textContent = x[0]; line.appendChild(a);
      }} else {{ line.textContent = x[0]; }}
      box.appendChild(line);
    }});
  }}
  function focus(id) {{
    network.selectNodes([id].concat(network.getConnectedNodes(id)), true);
    network.focus(id, {{ scale: 1.2, animation: false }});
    show(id);
  }}
  window.ilkgFocus = focus;
  network.on("click", function (params) {{
    if (!params.nodes.length) return;
    var id = params.nodes[0];
    network.selectNodes([id].concat(network.getConnectedNodes(id)), true);
    show(id);
  }});
  document.getElementById("search").addEventListener("change", function (event) {{
    var text = event.target.value.trim().toLowerCase();
    var hit = data.nodes.find(function (n) {{ return n.label.toLowerCase() === text || n.id.toLowerCase() === text; }}) ||
              data.nodes.find(function (n) {{ return n.label.toLowerCase().indexOf(text) >= 0; }});
    if (hit && text) focus(hit.id);
  }});
  document.getElementById("physics").addEventListener("change", function (event) {{
    network.setOptions({{ physics: {{ enabled: event.target.checked }} }});
  }});
}})();
</script>
</body>
</html>
"""
