"""Run ``kgx validate`` offline on ilkg's KGX tables, and read them into kgx's own graph.

Runs under the kgx venv (its pins clash with ilkg's): ``.tools/kgx/bin/python kgx_validate.py
NODES EDGES [METADATA]``. kgx and bmt fetch the model from the web by default; here the Toolkit's
defaults point at the package's own schema file before kgx is imported, and the CURIE prefixes kgx
checks ids against are the package's Biolink prefix map. With METADATA (the export's
``_metadata.json``), the prefixes its ``prefix_map`` declares (ilkg's own) are added to that map, as a
consumer of the graph would add them. Prints one JSON line: the Biolink version, the errors kgx reports,
and the nodes and edges of the graph kgx reads (kgx keys an edge by subject, predicate and object);
exits 1 when kgx reports any error. ``--show ID ...`` after the files adds, under ``shown``, the properties
kgx read for those nodes (an absent node shows as null).
"""

import json
import sys
from pathlib import Path

import biolink_model
import bmt.toolkit

package = Path(next(iter(biolink_model.__path__)))
defaults = list(bmt.toolkit.Toolkit.__init__.__defaults__)
defaults[0] = str(package / "schema" / "biolink_model.yaml")
defaults[1] = {"predicate mappings": []}  # no predicate map: validation needs none
bmt.toolkit.Toolkit.__init__.__defaults__ = tuple(defaults)

import kgx.config

args = sys.argv[1:]
shown_ids = args[args.index("--show") + 1 :] if "--show" in args else []
nodes, edges, *rest = args[: args.index("--show")] if "--show" in args else args
declared = json.loads(Path(rest[0]).read_text(encoding="utf-8"))["prefix_map"] if rest else {}

# kgx reads its CURIE prefixes from a JSON-LD context on the web: give it the package's own prefix map
context = json.loads((package / "prefixmaps" / "biolink-model-prefix-map.json").read_text(encoding="utf-8"))
context.setdefault("@vocab", context.get("biolink", "https://w3id.org/biolink/vocab/"))
context.update(declared)
for name in ("biolink", "monarch_context", "obo_context"):
    kgx.config.jsonld_context_map[name] = dict(context)

from kgx.cli import cli_utils
from kgx.transformer import Transformer

report = cli_utils.validate([nodes, edges], "tsv", None, None)
errors = {level: kinds for level, kinds in (report or {}).items() if level.upper() == "ERROR"}
loaded = Transformer()
loaded.transform({"filename": [nodes, edges], "format": "tsv", "prefix_map": declared})
graph = loaded.store.graph
sys.stdout.write(
    json.dumps(
        {
            "biolink": bmt.toolkit.Toolkit().get_model_version(),
            "errors": errors,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "shown": {i: graph.get_node(i) if graph.has_node(i) else None for i in shown_ids},
        },
        default=str,
    )
    + "\n"
)
sys.exit(1 if errors else 0)
