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

from kg import __version__, cache, paths, split

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
        if not sources:
            return _open(folder, "bundled", key, _build_bundled, early)
        base = cache.open_entry(folder, "bundled", key, _build_bundled)  # its store is only read to build
    inputs = [
        {
            "name": source.describe(),
            "sha256": digests.get(source) or source_digest(folder, source),
            "format": source.format.name,
            "base": source.base_iri,
        }
        for source in sources
    ]
    identity = {"bundled": base.manifest["key"] if base else None, "inputs": sorted(inputs, key=str)}
    key = _short(json.dumps(identity, sort_keys=True))

    def build(store_path: Path) -> dict[str, Any]:
        return _build_data(store_path, base, sources, inputs, progress)

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


#: Bulk loads run at once, each on a piece of the input (each holds its piece's batch in memory).
WORKERS = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 4))
#: Bytes of RDF text per piece: all workers together hold about half a million triples of dense
#: Turtle or of N-Triples, about 0.4 GB of the loader's memory (pieces twice as large loaded no
#: faster and took twice the memory; smaller ones were slower).
PIECE_BYTES = {split.TURTLE: (16 << 20) // WORKERS, split.LINES: (48 << 20) // WORKERS}
#: Below this size an input is loaded in one piece.
MIN_SPLIT_BYTES = 2 << 20


class _PieceFailed(Exception):
    """A bulk load of one piece failed: the inputs are loaded again whole, for the exact error."""


def _build_data(
    store_path: Path,
    base: cache.Entry | None,
    sources: list[Source],
    inputs: list[dict[str, Any]],
    progress: Progress | None,
) -> dict[str, Any]:
    import shutil

    store = ox.Store(str(store_path))
    described = list(inputs)
    if base is not None:
        described.insert(0, {"name": base.manifest["inputs"][0]["name"], "entry": base.path.name})
    try:
        _load_in_pieces(store, base, sources, progress)
        failed = False
    except _PieceFailed:
        failed = True
    if failed:  # out of the except clause, whose traceback holds the store open through the pieces' frames
        import gc

        del store
        gc.collect()  # closes the database
        shutil.rmtree(store_path)
        store = ox.Store(str(store_path))
        if base is not None:
            _copy_bundled(store, base)
        for source in sources:
            load_source(store, source, progress, bulk=True)
    store.flush()
    del store  # closes the database before its files are hashed
    if progress is not None:
        progress.finish()
    # Not counted here: counting a million triples costs a quarter of a second, and only
    # `ilkg cache info` shows the count (it counts when the manifest has none).
    return {"inputs": described, "triples": None}


def _copy_bundled(store: ox.Store, base: cache.Entry) -> None:
    bundled = ox.Store.read_only(str(base.store_path)).dump(format=ox.RdfFormat.N_QUADS)
    store.bulk_load(input=bundled, format=ox.RdfFormat.N_QUADS)


def _load_in_pieces(
    store: ox.Store, base: cache.Entry | None, sources: list[Source], progress: Progress | None
) -> None:
    """Bulk-load the bundled graph's copy and the inputs into ``store``, several pieces at once.

    Oxigraph's bulk loader keeps one core busy; :mod:`kg.split` cuts Turtle, N-Triples and
    N-Quads where a cut cannot change their meaning, and each piece is bulk-loaded on its
    own thread into the same store (duplicates across pieces are one triple, as always).

    :raises _PieceFailed: when a piece failed to load (malformed, or a cut was wrong).
    :raises DataFileError: when an input cannot be read.
    """
    from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait

    from kg.errors import DataFileError
    from kg.progress import Progress
    from kg.sources import LINE_FORMATS

    progress = progress or Progress(enabled=False)
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="ilkg-load")
    futures: list[Future[None]] = []

    def finish(pending: list[Future[None]]) -> None:
        done, _ = wait(pending, return_when=FIRST_EXCEPTION)
        failed = [f.exception() for f in done if f.exception() is not None]
        if failed:
            pool.shutdown(wait=True, cancel_futures=True)
            if isinstance(failed[0], DataFileError):  # an input loaded whole: its error is exact
                raise failed[0]
            raise _PieceFailed

    try:
        if base is not None:
            futures.append(pool.submit(_copy_bundled, store, base))
        for source in sources:
            kind = split.LINES if source.format in LINE_FORMATS else None
            kind = split.TURTLE if source.format == ox.RdfFormat.TURTLE else kind
            if kind is None:  # in this thread: RDF/XML and JSON-LD are first parsed in a forked child
                load_source(store, source, progress, bulk=True)
                continue
            text = _read_text(source)
            pieces = _pieces(len(text), kind)
            header, cuts = split.split(text, kind, pieces)
            if len(cuts) == 1:  # streamed as before: a bar that moves, and the parser's own errors
                del text
                futures.append(pool.submit(load_source, store, source, progress, bulk=True))
                continue
            progress.begin(source.describe(), len(text) - len(header), exact=kind == split.LINES)
            tally = _Tally(progress)
            piece_futures = [
                pool.submit(_load_piece, store, source, header, text, a, b, tally) for a, b in cuts
            ]
            finish(piece_futures)  # one input at a time: its text is freed before the next is read
            futures.extend(piece_futures)
        finish(futures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Tally:
    """The progress of one input's pieces, counted from the threads that load them."""

    def __init__(self, progress: Progress) -> None:
        import threading

        self.progress, self.done, self.lock = progress, 0, threading.Lock()

    def add(self, text: bytes, start: int, end: int) -> None:
        lines = text.count(b"\n", start, end)
        with self.lock:
            self.done += end - start
            self.progress.update(self.done, lines)


def _load_piece(
    store: ox.Store, source: Source, header: bytes, text: bytes, start: int, end: int, tally: _Tally
) -> None:
    piece = header + text[start:end] if header or start or end < len(text) else text
    store.bulk_load(input=piece, format=source.format, base_iri=source.base_iri)
    del piece
    tally.add(text, start, end)


def _pieces(size: int, kind: str) -> int:
    if WORKERS < 2 or size < MIN_SPLIT_BYTES:
        return 1
    count = max(WORKERS, -(-size // PIECE_BYTES[kind]))
    return -(-count // WORKERS) * WORKERS  # a multiple of the workers, so none waits alone at the end


def _read_text(source: Source) -> bytes:
    """Return the RDF text of an input, decompressed.

    :raises DataFileError: when it cannot be read.
    """
    raw = source.raw()
    try:
        if source.compression is None:
            return raw.getvalue()
        try:
            return source.decompress(raw).read()
        except (OSError, EOFError, ValueError) as err:
            raise source.read_error(err) from None
    finally:
        raw.close()


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
            raise source.syntax_error(err, bytes(raw.getbuffer()[:8])) from None
        except Exception as err:
            if reader.error is not None:
                raise source.read_error(reader.error) from None
            if isinstance(err, ValueError):
                raise source.syntax_error(SyntaxError(str(err)), bytes(raw.getbuffer()[:8])) from None
            raise
    finally:
        raw.close()
