"""An on-disk cache of the compiled bundled graph, keyed by the content of everything that makes it.

Compiling the curated files is most of a cold query (about 0.1 s); loading the N-Triples
of an earlier compile takes a fraction of that. The key hashes every input file, its
relative path, and the source of the modules that compile it, so an edited row, a new file
or a changed compiler all miss. A cache file is written to a temporary name and renamed into
place, so two processes compiling at once each write a whole file and no reader sees half
of one; a cache file that does not parse is ignored and written again.

The cache lives in ``$ILKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ilkg``, else ``~/.cache/ilkg``;
``ILKG_CACHE_DIR=off`` turns it off. A folder that cannot be written only costs speed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg import paths

#: The modules whose source decides what the compiler emits.
_COMPILER = ("build.py", "curation.py", "schema.py", "namespaces.py", "__init__.py")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is off."""
    configured = os.environ.get("ILKG_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ilkg"


def inputs() -> list[Path]:
    """Return every file the bundled graph is compiled from, and the compiler's own source files."""
    from kg.build import input_files

    here = Path(__file__).parent
    return [*input_files(), *(here / name for name in _COMPILER)]


def content_key(files: list[Path]) -> str:
    """Return a hash of the files' names and bytes (names relative to the package or data root)."""
    roots = [paths.root(), Path(__file__).parent]
    digest = hashlib.sha256()
    for path in files:
        name = next((str(path.relative_to(r)) for r in roots if path.is_relative_to(r)), path.name)
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def load_bundled(store: ox.Store, compile_triples: Callable[[], list[ox.Triple]]) -> None:
    """Load the bundled graph into an empty ``store``: from the cache, or compiled and then cached.

    A cache file ends with a comment that gives its triple count; a file whose count does not
    match, or that does not parse, is ignored and written again.

    :raises CurationError: as the compiler, when the curated files are inconsistent.
    """
    folder = cache_dir()
    target = folder / f"bundled-{content_key(inputs())}.nt" if folder else None
    if target is not None and target.is_file():
        try:
            data = target.read_bytes()
            store.load(data, format=ox.RdfFormat.N_TRIPLES)
            if data.endswith(f"# ilkg: {len(store)} triples\n".encode()):
                return
        except (OSError, SyntaxError):
            pass
        store.clear()
    triples = compile_triples()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if target is not None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        _write_quietly(target, data + f"# ilkg: {len(triples)} triples\n".encode())


def _write_quietly(target: Path, data: bytes) -> None:
    from kg.atomic import write_atomic
    from kg.errors import InputError

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except (OSError, InputError):
        pass  # an unwritable cache folder costs speed, never an answer
