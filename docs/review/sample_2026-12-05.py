"""Draw the fact-review sample of 2026-12-05 (reproducible: random.Random(20261205)).

Half of the 70 rows come from the facts files added most recently, half from the rest;
therapeutic_targets.tsv is derived and left out. Run from the repository root:
``python docs/review/sample_2026-12-05.py``.
"""

import random
import sys
from pathlib import Path

RECENT = [
    "signalling_3.tsv",
    "adverse_effects_3.tsv",
    "bio10.tsv",
    "biologics_2.tsv",
    "curated_targets.tsv",
    "jak_inhibitors_2.tsv",
    "cells_b.tsv",
    "cells_a.tsv",
    "signalling_2.tsv",
    "receptor_expression_2.tsv",
    "therapies_world.tsv",
    "therapies_non_us.tsv",
]


def rows(root):
    """Yield (file name, 1-based line number, line) for every asserted fact row."""
    for path in sorted(Path(root, "data/facts").glob("*.tsv")):
        if path.name == "therapeutic_targets.tsv":
            continue
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines[1:], start=2):
            yield path.name, number, line


def draw(root="."):
    """Return the 70 sampled rows, 35 from the recent files and 35 from the others."""
    rng = random.Random(20261205)  # noqa: S311 -- a reproducible sample, not a secret
    recent = [r for r in rows(root) if r[0] in RECENT]
    older = [r for r in rows(root) if r[0] not in RECENT]
    return sorted(rng.sample(recent, 35) + rng.sample(older, 35))


if __name__ == "__main__":
    for name, number, line in draw():
        sys.stdout.write(f"{name}:{number}\t{line}\n")
