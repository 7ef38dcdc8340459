"""Loading RDF into stores: the bundled graph and the user's inputs, into the on-disk cache or memory.

The cache holds one read-only store for the bundled graph and one for each set of inputs a
command merges (the bundled graph plus ``--data`` files, or the files alone), so a query
over several files and the bundled graph runs on one store, with nothing copied per call.

Keys are cheap to compute on every call and name content, not time:

- the bundled graph's key is a hash of its input files' content, the compiler's source and
  the versions of ilkg and pyoxigraph; a call finds it from a fingerprint of the inputs'
  names, sizes, inodes and mtimes (a few dozen ``stat`` calls), so a curator's edit in a
  source checkout, or an upgrade of the installed package, is seen at once, and nothing of
  the compiler is imported while the cache is valid;
- a data file's key is the SHA-256 of its bytes, found from its path, device, inode, size,
  mtime and ctime; an edited file is hashed again, and a new store is built when its
  content changed.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg import __version__, cache, paths

if TYPE_CHECKING:
    from pathlib import Path

    from kg.progress import Progress
    from kg.sources import Source

#: The modules whose source decides what the compiler emits.
_COMPILER = ("build.py", "curation.py", "schema.py", "namespaces.py", "paths.py", "__init__.py")


def _compiled_names() -> list[str]:
    # Strings, not paths: a cold call lists these without importing pathlib.
    here = os.path.dirname(__file__)
    return [*paths.input_names(), *(os.path.join(here, name) for name in _COMPILER)]


def compiled_from() -> list[Path]:
    """Return every file the bundled graph is compiled from, and the compiler's own source files."""
    from pathlib import Path

    return [Path(name) for name in _compiled_names()]


def _versions() -> str:
    return f"ilkg {__version__}; pyoxigraph {ox.__version__}; layout {cache.LAYOUT}"


def _short(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _pointer_name(kind: str, path: Path | str) -> str:
    # The pointer's record holds the whole fingerprint, so a clash of names only costs a re-hash.
    return f"{kind}-{zlib.crc32(str(path).encode()):08x}"


def content_key(files: list[Path]) -> str:
    """Return a hash of the files' names and bytes (names relative to the package or data root)."""
    import hashlib
    from pathlib import Path

    roots = [paths.root(), Path(__file__).parent]
    digest = hashlib.sha256(_versions().encode())
    for path in files:
        name = next((str(path.relative_to(r)) for r in roots if path.is_relative_to(r)), path.name)
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def bundled_fingerprint() -> tuple[str, int]:
    """Return the bundled inputs' names and stats as one string, and when the newest of them changed (ns).

    The string is kept whole in the pointer, not hashed: comparing it is cheaper than
    importing a hash function, and it cannot collide.
    """
    parts = [_versions()]
    changed = 0
    for path in _compiled_names():
        st = os.stat(path)
        parts.append(f"{path}:{st.st_size}:{st.st_ino}:{st.st_mtime_ns}")
        changed = max(changed, st.st_mtime_ns, st.st_ctime_ns)
    return "|".join(parts), changed


def bundled_key(folder: Path | str) -> str:
    """Return the content key of the bundled graph, from the pointer of its fingerprint when it holds."""
    fingerprint, changed = bundled_fingerprint()
    pointer = _pointer_name("bundled", paths.root_dir())
    key = cache.read_pointer(folder, pointer, fingerprint)
    if key is None:
        key = content_key(compiled_from())
        cache.write_pointer(folder, pointer, fingerprint, key, changed)
    return key


class _EarlyOpen:
    """A read-only open of the bundled graph's store, running in a thread; see :func:`open_bundled_early`."""

    def __init__(self, key: str, entry: cache.Entry, stats: list[tuple[str, list[int]]]) -> None:
        import threading

        self.key, self.entry, self.stats = key, entry, stats
        self.store: ox.Store | None = None
        self.thread = threading.Thread(target=self._run, name="ilkg-open-store", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            store = ox.Store.read_only(self.entry.store_folder)
        except Exception:  # noqa: BLE001 - the ordinary open meets the same error and deals with it
            return
        if cache.settled_stats(self.entry) == self.stats:  # nothing wrote to the store while it opened
            self.store = store

    def take(self, entry: cache.Entry) -> ox.Store | None:
        """Return the opened store, if it is of ``entry`` and its files are still those it read."""
        self.thread.join()
        if (
            self.store is None
            or entry.folder != self.entry.folder
            or cache.settled_stats(entry) != self.stats
        ):
            return None
        return self.store


#: The early open of the bundled graph not yet taken over, by cache folder.
_EARLY: dict[str, _EarlyOpen] = {}


def open_bundled_early() -> None:
    """Start opening the bundled graph's cached store in a thread, when its entry is built and intact.

    For the command line, which calls this before it imports click and its commands: RocksDB
    takes some tens of milliseconds to open a store and lets go of the GIL meanwhile, so the
    open overlaps those imports. The next :func:`open_cached` of the bundled graph uses the
    key found here (the inputs as they were when the command started), checks the entry as
    always, and takes the store over only if its files are still exactly those that were
    checked before the open (same inodes, sizes and change times, which every write moves).
    Nothing is built or written here; when the cache is off, or the entry missing, damaged
    or not yet settled, this does nothing.
    """
    folder = cache.cache_folder()
    if folder is None:
        return
    fingerprint, _changed = bundled_fingerprint()
    key = cache.read_pointer(folder, _pointer_name("bundled", paths.root_dir()), fingerprint)
    entry = cache.peek(folder, "bundled", key) if key else None
    stats = cache.settled_stats(entry) if entry else None
    if key and entry is not None and stats is not None:
        _EARLY[folder] = _EarlyOpen(key, entry, stats)


def source_digest(folder: Path | str, source: Source) -> str:
    """Return the SHA-256 of a data file's bytes, from the pointer of its stats when they are unchanged.

    :raises DataFileError: when the file cannot be read.
    """
    assert source.path is not None  # noqa: S101 - standard input is spooled to a file first
    try:
        st = source.path.stat()
    except OSError as err:
        raise source.read_error(err) from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block the hash: refused as kg.inputs says
        from kg.inputs import read_regular_file

        read_regular_file(source.path)
    fingerprint = (
        f"{source.path.resolve()}:{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"
    )
    pointer = _pointer_name("file", source.path.resolve())
    digest = cache.read_pointer(folder, pointer, fingerprint)
    if digest is None:
        try:
            digest = cache.sha256_file(source.path)
        except OSError as err:
            raise source.read_error(err) from None
        cache.write_pointer(folder, pointer, fingerprint, digest, max(st.st_mtime_ns, st.st_ctime_ns))
    return digest


def open_cached(
    folder: Path | str,
    sources: list[Source],
    bundled: bool,
    digests: dict[Source, str],
    progress: Progress | None = None,
) -> tuple[ox.Store, cache.Entry]:
    """Return a read-only store of the bundled graph (if ``bundled``) and ``sources``, from the cache.

    ``digests`` gives the SHA-256 of inputs already hashed (standard input, spooled).

    :raises CacheUnavailable: when the entry cannot be built in ``folder``.
    :raises DataFileError: when an input is unreadable or malformed.
    :raises CurationError: when the bundled files are inconsistent.
    """
    base = None
    if bundled:
        early = _EARLY.pop(os.fspath(folder), None)
        key = early.key if early is not None else bundled_key(folder)
        base = _open(folder, "bundled", key, _build_bundled, early)
        if not sources:
            return base
    inputs = [
        {
            "name": source.describe(),
            "sha256": digests.get(source) or source_digest(folder, source),
            "format": source.format.name,
            "base": source.base_iri,
        }
        for source in sources
    ]
    identity = {"bundled": base[1].manifest["key"] if base else None, "inputs": sorted(inputs, key=str)}
    key = _short(json.dumps(identity, sort_keys=True))

    def build(store_path: Path) -> dict[str, Any]:
        return _build_data(store_path, base[1] if base else None, sources, inputs, progress)

    return _open(folder, "data", key, build)


def _open(
    folder: Path | str,
    kind: str,
    key: str,
    build: Callable[[Path], dict[str, Any]],
    early: _EarlyOpen | None = None,
) -> tuple[ox.Store, cache.Entry]:
    for attempt in (1, 2):
        entry = cache.open_entry(folder, kind, key, build)
        store = early.take(entry) if early is not None and attempt == 1 else None
        if store is not None:
            return store, entry
        try:
            return ox.Store.read_only(entry.store_folder), entry
        except OSError as err:  # RocksDB refused what our checks passed: rebuild it once
            if attempt == 2:
                raise cache.CacheUnavailable(f"cannot open the cache entry {entry.path}: {err}") from None
            cache.discard(entry.path)
    raise AssertionError("unreachable")


def _build_bundled(store_path: Path) -> dict[str, Any]:
    from kg.build import compile_bundled

    triples = compile_bundled()
    store = ox.Store(str(store_path))
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    count = len(store)
    store.flush()
    del store  # closes the database before its files are hashed
    return {
        "inputs": [{"name": f"the bundled graph of ilkg {__version__}", "root": str(paths.root())}],
        "triples": count,
    }


def _build_data(
    store_path: Path,
    base: cache.Entry | None,
    sources: list[Source],
    inputs: list[dict[str, Any]],
    progress: Progress | None,
) -> dict[str, Any]:
    store = ox.Store(str(store_path))
    described = list(inputs)
    if base is not None:
        bundled = ox.Store.read_only(str(base.store_path)).dump(format=ox.RdfFormat.N_QUADS)
        store.bulk_load(input=bundled, format=ox.RdfFormat.N_QUADS)
        described.insert(0, {"name": base.manifest["inputs"][0]["name"], "entry": base.path.name})
    for source in sources:
        load_source(store, source, progress, bulk=True)
    count = len(store)
    store.flush()
    del store  # closes the database before its files are hashed
    if progress is not None:
        progress.finish(count)
    return {"inputs": described, "triples": count}


def load_source(store: ox.Store, source: Source, progress: Progress | None, *, bulk: bool) -> None:
    """Parse one input into ``store`` (``bulk``: Oxigraph's bulk loader, for an on-disk store).

    The input is read through :mod:`kg.inputs` (regular files only, RDF/XML and JSON-LD
    checked for explosions) by :meth:`Source.raw` and :meth:`Source.text`.

    :raises DataFileError: when the input cannot be read or is malformed.
    :raises OSError: when the store cannot be written (a full disk).
    """
    from kg.progress import CountingReader, Progress
    from kg.sources import LINE_FORMATS

    progress = progress or Progress(enabled=False)
    raw = source.raw()
    try:
        progress.begin(source.describe(), len(raw.getbuffer()), exact=source.format in LINE_FORMATS)
        reader = CountingReader(source.text(raw), raw, progress)
        load = store.bulk_load if bulk else store.load
        try:
            load(input=reader, format=source.format, base_iri=source.base_iri)
        except SyntaxError as err:
            if reader.error is not None:
                raise source.read_error(reader.error) from None
            raise source.syntax_error(err) from None
        except Exception as err:
            if reader.error is not None:
                raise source.read_error(reader.error) from None
            if isinstance(err, ValueError):
                raise source.syntax_error(SyntaxError(str(err))) from None
            raise
    finally:
        raw.close()
