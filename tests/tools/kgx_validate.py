"""Run ``kgx validate`` offline: the Biolink model from the installed ``biolink-model`` package.

Runs under the kgx venv (its pins clash with ilkg's): ``.tools/kgx/bin/python kgx_validate.py
NODES EDGES``. kgx and bmt fetch the model from the web by default; here the Toolkit's
defaults point at the package's own schema file before kgx is imported. Prints the report
(JSON) and the Biolink version; exits 1 when kgx reports any error.
"""

import json
import sys
from pathlib import Path

import biolink_model
import bmt.toolkit

schema = Path(next(iter(biolink_model.__path__))) / "schema" / "biolink_model.yaml"
defaults = list(bmt.toolkit.Toolkit.__init__.__defaults__)
defaults[0], defaults[1] = str(schema), {"predicate mappings": []}  # no predicate map: validation needs none
bmt.toolkit.Toolkit.__init__.__defaults__ = tuple(defaults)

import kgx.config

# kgx reads its CURIE prefixes from a JSON-LD context on the web: give it the package's own prefix map
package = Path(next(iter(biolink_model.__path__)))
context = json.loads((package / "prefixmaps" / "biolink-model-prefix-map.json").read_text(encoding="utf-8"))
context.setdefault("@vocab", context.get("biolink", "https://w3id.org/biolink/vocab/"))
for name in ("biolink", "monarch_context", "obo_context"):
    kgx.config.jsonld_context_map[name] = dict(context)

from kgx.cli import cli_utils

report = cli_utils.validate(sys.argv[1:], "tsv", None, None)
errors = {level: kinds for level, kinds in (report or {}).items() if level.upper() == "ERROR"}
sys.stdout.write(
    json.dumps({"biolink": bmt.toolkit.Toolkit().get_model_version(), "errors": errors}, default=str) + "\n"
)
sys.exit(1 if errors else 0)
