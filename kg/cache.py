"""The on-disk cache: persistent Oxigraph stores, built once and opened read-only after that.

An entry is a folder ``<kind>-<key>/`` in the cache folder holding ``store/`` (a RocksDB
store, built by bulk load) and ``entry.json``, its manifest: what it was built from, its
triple count (for the bundled graph; a data entry's is counted when asked for), and the size
and SHA-256 of every file of the store. Entries are built in a
``.build-*`` folder under a per-key lock and renamed into place whole, so a crash, a full
disk or two processes building at once never leave half an entry where a reader looks.

Why the cache cannot lie, cheaply. Hashing a million-triple store (about 80 MB) on every
call would cost more than the query, so each call compares every store file's size, inode,
mtime and ctime with what the manifest recorded right after the file was hashed. The kernel
sets a file's ctime on every write, truncation, rename into place, ``utime`` or ``chmod``,
and no process can set it back, so equal stats mean bytes that were not written since they
were hashed. A file whose stats differ (copied, restored, touched) is hashed again: if it
matches the manifest its stats are recorded afresh, otherwise the entry is damaged and
rebuilt, never answered from. Timestamps are coarse (a clock tick, up to two seconds on some
file systems), so as in git's "racily clean" rule, a file changed less than :data:`RACY_NS`
before its stats were recorded is hashed on every use until it is old enough to trust. A
missing or extra file, a changed size or a manifest whose own checksum fails are damage too.

The folder is ``$ILKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ilkg``, else ``~/.cache/ilkg``
(``ILKG_CACHE_DIR=off`` turns the cache off). Its size is capped by ``$ILKG_CACHE_MAX_SIZE``
(default 5G); past it, the least recently used entries are removed after each build.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import warnings
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

# Only what a call that finds a good entry needs is imported here (hashlib, shutil and the
# rest load when a file must be hashed or an entry built): the cache is on every call's path.
# For the same reason that path (cache_folder, read_pointer, peek, open_entry of a good entry,
# Entry) takes folders as strings (or paths) and works with os.path: importing pathlib would
# cost a cold call a few milliseconds. Building, eviction and `ilkg cache` use pathlib.

#: Bumped when the layout of an entry changes: older entries are then ignored and rebuilt.
LAYOUT = 1
#: A store file whose ctime is this close to the time its stats were recorded is re-hashed.
RACY_NS = 2_000_000_000
#: The default size cap of the cache folder.
DEFAULT_MAX_SIZE = 5 * 1024**3
#: RocksDB's own log and lock files: not data, and rewritten by RocksDB itself.
_NOT_DATA = ("LOG", "LOCK")
_MANIFEST = "entry.json"
#: The kinds of entry (the prefix of an entry folder's name); nothing else in the folder is touched.
KINDS = ("bundled-", "data-")
_IN_USE = "in-use"


class CacheWarning(UserWarning):
    """The cache could not be used or written; the answer comes from memory instead."""


class CacheUnavailable(Exception):
    """An entry could not be built in the cache folder (unwritable, full disk)."""


def cache_folder() -> str | None:
    """Return the cache folder as a string, or None when caching is off."""
    configured = os.environ.get("ILKG_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ilkg")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is off."""
    from pathlib import Path

    folder = cache_folder()
    return None if folder is None else Path(folder)


def max_size() -> int:
    """Return the size cap in bytes, from ``$ILKG_CACHE_MAX_SIZE`` (``500M``, ``5G``, bytes)."""
    text = os.environ.get("ILKG_CACHE_MAX_SIZE", "").strip().upper().removesuffix("B")
    units = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text) if text else DEFAULT_MAX_SIZE
    except ValueError:
        return DEFAULT_MAX_SIZE


def sha256_file(path: Path | str) -> str:
    """Return the SHA-256 of a file's bytes, read in chunks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _data_files(store: Path | str) -> dict[str, os.stat_result]:
    return {
        entry.name: entry.stat()
        for entry in os.scandir(store)
        if entry.is_file() and not entry.name.startswith(_NOT_DATA)
    }


def _sealed(manifest: dict[str, Any]) -> dict[str, Any]:
    """Return the manifest with a CRC of the rest of it: against accidental damage (SHA-256 guards the store)."""
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True)
    return {**body, "checksum": f"crc32:{zlib.crc32(text.encode()):08x}"}


def _unique() -> str:
    return os.urandom(6).hex()


def _write_json(path: Path | str, value: dict[str, Any]) -> None:
    folder, name = os.path.split(os.fspath(path))
    tmp = os.path.join(folder, f".{name}.{_unique()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(value, handle, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _read_json(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.loads(handle.read())


def read_manifest(entry: Path | str) -> dict[str, Any] | None:
    """Return an entry's manifest, or None when it is missing, unreadable or fails its checksum."""
    try:
        manifest = _read_json(os.path.join(entry, _MANIFEST))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or _sealed(manifest).get("checksum") != manifest.get("checksum"):
        return None
    return manifest


def verify(entry: Path | str, manifest: dict[str, Any], *, full: bool = False) -> bool:
    """Return whether the entry's store holds exactly the bytes its manifest recorded.

    Files whose stats are unchanged since they were hashed (and not racily so) are trusted;
    the others, or all of them when ``full``, are hashed again. When every hashed file
    matched and is old enough to trust, its stats are recorded afresh so the next call is
    cheap again.
    """
    files: dict[str, dict[str, Any]] = manifest.get("files", {})
    try:
        now = time.time_ns()
        store = os.path.join(entry, "store")
        present = _data_files(store)
    except OSError:
        return False
    if set(present) != set(files):
        return False
    checked_at = manifest.get("checked_at", 0)
    rehashed = False
    for name, st in present.items():
        record = files[name]
        if st.st_size != record["bytes"]:
            return False
        trusted = record.get("stat") == _stat_key(st) and st.st_ctime_ns < checked_at - RACY_NS
        if full or not trusted:
            try:
                if sha256_file(os.path.join(store, name)) != record["sha256"]:
                    return False
            except OSError:
                return False
            rehashed = True
    if rehashed and all(st.st_ctime_ns < now - RACY_NS for st in present.values()):
        for name, st in present.items():
            files[name]["stat"] = _stat_key(st)
        with contextlib.suppress(OSError):
            _write_json(
                os.path.join(entry, _MANIFEST), _sealed({**manifest, "files": files, "checked_at": now})
            )
    return True


def _seal_store(store: Path) -> dict[str, dict[str, Any]]:
    files = {}
    for name, st in _data_files(store).items():
        files[name] = {"bytes": st.st_size, "sha256": sha256_file(store / name), "stat": _stat_key(st)}
    return files


def _lock(path: Path, *, shared: bool = False, wait: bool = True) -> int | None:
    """Take an flock on ``path`` (created if needed); return its descriptor, or None when it is taken.

    :raises OSError: when the lock file cannot be created.
    """
    import fcntl

    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def discard(path: Path) -> None:
    """Remove a folder: renamed aside first, so nothing sees it half removed."""
    import shutil

    trash = path.with_name(f".trash-{_unique()}")
    try:
        os.rename(path, trash)
    except FileNotFoundError:
        return
    except OSError:
        trash = path
    shutil.rmtree(trash, ignore_errors=True)


class Entry:
    """A usable cache entry: its folder and manifest, and the reader's lock that keeps eviction away."""

    def __init__(self, path: Path | str, manifest: dict[str, Any]) -> None:
        #: The entry's folder and its RocksDB folder (for ``pyoxigraph.Store.read_only``), as strings.
        self.folder = os.fspath(path)
        self.store_folder = os.path.join(self.folder, "store")
        self.manifest = manifest
        self._hold: int | None = None

    @property
    def path(self) -> Path:
        """The entry's folder."""
        from pathlib import Path

        return Path(self.folder)

    @property
    def store_path(self) -> Path:
        """The RocksDB folder."""
        from pathlib import Path

        return Path(self.store_folder)

    def hold(self) -> None:
        """Mark the entry used now (for least-recently-used eviction) and keep a shared lock on it."""
        import fcntl

        marker = os.path.join(self.folder, _IN_USE)
        try:
            os.utime(marker)
        except OSError:
            pass  # a read-only cache folder still answers; it only cannot record use
        try:
            fd = os.open(marker, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            self._hold = fd
        except OSError:
            pass

    def __del__(self) -> None:
        if self._hold is not None:
            with contextlib.suppress(OSError):
                os.close(self._hold)


def peek(folder: Path | str, kind: str, key: str) -> Entry | None:
    """Return the entry ``<kind>-<key>`` of ``folder`` when it is built and intact, else None.

    Unlike :func:`open_entry`, nothing is built, held or evicted.
    """
    return _usable(os.path.join(folder, f"{kind}-{key}"), kind, key)


def settled_stats(entry: Entry) -> list[tuple[str, list[int]]] | None:
    """Return the stats of the entry's store files when every one is trusted as :func:`verify` trusts it.

    That is: each file's stats are those the manifest recorded when it was hashed, and its
    last change is older than the racy window. Any write sets a file's ctime, so two equal
    answers before and after a read of the store mean that the read saw the hashed bytes.
    None when some file is not settled (then nothing can be concluded).
    """
    files: dict[str, dict[str, Any]] = entry.manifest.get("files", {})
    checked_at = entry.manifest.get("checked_at", 0)
    try:
        present = _data_files(entry.store_folder)
    except OSError:
        return None
    if set(present) != set(files):
        return None
    stats = sorted((name, _stat_key(st)) for name, st in present.items())
    for name, key in stats:
        if files[name].get("stat") != key or key[3] >= checked_at - RACY_NS:
            return None
    return stats


def _usable(path: Path | str, kind: str, key: str) -> Entry | None:
    manifest = read_manifest(path)
    if manifest is None or manifest.get("layout") != LAYOUT:
        return None
    if manifest.get("kind") != kind or manifest.get("key") != key or not verify(path, manifest):
        return None
    return Entry(path, manifest)


def open_entry(
    folder: Path | str,
    kind: str,
    key: str,
    build: Callable[[Path], dict[str, Any]],
) -> Entry:
    """Return the verified entry ``<kind>-<key>`` of ``folder``, building it first when missing or damaged.

    ``build(store_path)`` fills a new store at ``store_path`` (closed when it returns) and
    returns what the manifest should say of it (``inputs``, ``triples``...).

    :raises CacheUnavailable: when the folder cannot be written or the disk fills up; no
        half entry is left behind.
    """
    found = _usable(os.path.join(folder, f"{kind}-{key}"), kind, key)
    if found is not None:
        found.hold()
        return found
    from pathlib import Path

    folder = Path(folder)
    path = folder / f"{kind}-{key}"
    try:
        (folder / "locks").mkdir(parents=True, exist_ok=True)
        lock = _lock(folder / "locks" / f"{kind}-{key}.lock")
    except OSError as err:
        raise CacheUnavailable(f"cannot write the cache folder {folder}: {err.strerror or err}") from None
    try:
        found = _usable(path, kind, key)  # another process may have built it while we waited
        if found is None:
            if path.exists():
                discard(path)  # damaged, foreign or of an older layout: never answered from
            found = _just_built(path, _build(folder, path, kind, key, build))
            if found is None:
                raise CacheUnavailable(f"the cache entry {path} did not verify right after it was built")
    finally:
        os.close(lock)  # type: ignore[arg-type]
    found.hold()
    evict(folder, keep=path)
    return found


def _just_built(path: Path, manifest: dict[str, Any]) -> Entry | None:
    """Return the entry this process has just built and hashed, when its files are still those hashed.

    Their stats are compared, not their bytes hashed again as :func:`verify` would (every
    file is racy this soon): the folder was ours alone, under a random name, until renamed.
    """
    files: dict[str, dict[str, Any]] = manifest["files"]
    try:
        present = _data_files(path / "store")
    except OSError:
        return None
    if set(present) != set(files) or any(files[n]["stat"] != _stat_key(st) for n, st in present.items()):
        return None
    return Entry(path, manifest)


def _build(
    folder: Path, path: Path, kind: str, key: str, build: Callable[[Path], dict[str, Any]]
) -> dict[str, Any]:
    """Build the entry ``path`` in a temporary folder and rename it into place; return its manifest."""
    import shutil

    tmp = folder / f".build-{kind}-{key}-{_unique()}"
    try:
        tmp.mkdir()
        about = build(tmp / "store")
        import pyoxigraph

        from kg import __version__

        manifest = {
            "layout": LAYOUT,
            "kind": kind,
            "key": key,
            "ilkg": __version__,
            "pyoxigraph": pyoxigraph.__version__,
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **about,
        }
        checked_at = time.time_ns()
        manifest["files"] = _seal_store(tmp / "store")
        manifest["checked_at"] = checked_at
        (tmp / _IN_USE).touch()
        manifest = _sealed(manifest)
        _write_json(tmp / _MANIFEST, manifest)
        os.rename(tmp, path)
        return manifest
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        if err.errno == 28 or "No space left" in str(err):
            raise CacheUnavailable(
                f"no room left on the disk of {folder} to build a cache entry; nothing was kept"
            ) from None
        raise CacheUnavailable(f"cannot build a cache entry in {folder}: {err.strerror or err}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _size(path: Path) -> int:
    total = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def _last_used(path: Path) -> float:
    try:
        return (path / _IN_USE).stat().st_mtime
    except OSError:
        return 0.0


def entries(folder: Path) -> list[Path]:
    """Return the entry folders of the cache folder, least recently used first."""
    from pathlib import Path

    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith(KINDS)]
    return sorted(found, key=_last_used)


def evict(folder: Path, *, keep: Path | None = None) -> list[Path]:
    """Remove least recently used entries (not ``keep``, nor one in use) until the folder fits its cap."""
    removed = []
    with contextlib.suppress(OSError):
        _sweep(folder)
        cap = max_size()
        sizes = {p: _size(p) for p in entries(folder)}
        total = sum(sizes.values())
        for path, size in sizes.items():  # least recently used first
            if total <= cap:
                break
            if path == keep:
                continue
            fd = _lock(path / _IN_USE, wait=False)
            if fd is None:
                continue  # another process is answering from it
            discard(path)
            os.close(fd)
            total -= size
            removed.append(path)
    return removed


def _sweep(folder: Path) -> None:
    """Remove what crashed builders and removals left: their folders are not locked by anyone."""
    import shutil

    for path in folder.glob(".trash-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in folder.glob(".build-*"):
        name = path.name.removeprefix(".build-").rsplit("-", 1)[0]
        fd = _lock(folder / "locks" / f"{name}.lock", wait=False)
        if fd is not None:
            shutil.rmtree(path, ignore_errors=True)
            os.close(fd)


# Pointers: cheap look-ups from what a call can see (file stats) to an entry key.


def read_pointer(folder: Path | str, name: str, fingerprint: str) -> str | None:
    """Return the key recorded for ``fingerprint`` under ``index/name``, when it can still be trusted.

    A pointer recorded less than :data:`RACY_NS` after the files it describes last changed
    is not trusted: they could have changed again within the same clock tick.
    """
    try:
        record = _read_json(os.path.join(folder, "index", name))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("fingerprint") != fingerprint:
        return None
    if record.get("recorded_at", 0) - record.get("changed_at", 0) < RACY_NS:
        return None
    return record.get("key")


def write_pointer(folder: Path | str, name: str, fingerprint: str, key: str, changed_at: int) -> None:
    """Record that ``fingerprint`` (files last changed at ``changed_at``, in ns) means ``key``."""
    with contextlib.suppress(OSError):
        os.makedirs(os.path.join(folder, "index"), exist_ok=True)
        record = {"fingerprint": fingerprint, "key": key, "changed_at": changed_at}
        _write_json(os.path.join(folder, "index", name), {**record, "recorded_at": time.time_ns()})


# What `ilkg cache info` and `ilkg cache clear` do.


def info(folder: Path | None = None, *, full: bool = False) -> dict[str, Any]:
    """Describe the cache: its folder, cap, total size, and each entry (kind, inputs, size, triples, state).

    ``full`` hashes every file of every entry again instead of trusting unchanged stats.
    """
    folder = folder or cache_dir()
    if folder is None:
        return {"folder": None, "max_size": max_size(), "size": 0, "entries": []}
    described = []
    for path in reversed(entries(folder)):  # most recently used first
        manifest = read_manifest(path)
        ok = manifest is not None and manifest.get("layout") == LAYOUT and verify(path, manifest, full=full)
        described.append(
            {
                "name": path.name,
                "kind": (manifest or {}).get("kind", path.name.split("-", 1)[0]),
                "inputs": (manifest or {}).get("inputs", []),
                "triples": _triples(path, manifest) if ok else (manifest or {}).get("triples"),
                "size": _size(path),
                "built": (manifest or {}).get("built"),
                "last_used": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(_last_used(path))),
                "state": "ok" if ok else "damaged (rebuilt on next use)",
            }
        )
    return {
        "folder": str(folder),
        "max_size": max_size(),
        "size": _size(folder) if folder.is_dir() else 0,
        "entries": described,
    }


def _triples(path: Path, manifest: dict[str, Any] | None) -> int | None:
    """Return an entry's triple count: from its manifest, else counted in its store (data entries)."""
    if manifest is None or manifest.get("triples") is not None:
        return (manifest or {}).get("triples")
    import pyoxigraph

    try:
        return len(pyoxigraph.Store.read_only(str(path / "store")))
    except OSError:
        return None


def clear(folder: Path | None = None) -> int:
    """Remove every entry, pointer and leftover of the cache folder; return the bytes freed."""
    import shutil

    folder = folder or cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    freed = _size(folder)
    for path in entries(folder):
        discard(path)
    for name in ("index", "locks"):
        shutil.rmtree(folder / name, ignore_errors=True)
    for pattern in (".build-*", ".trash-*", "bundled-*.nt"):  # the last: the cache of ilkg before stores
        for path in folder.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    return freed - _size(folder)


def warn(message: str) -> None:
    """Report a cache problem once: the command still answers, from memory."""
    warnings.warn(message, CacheWarning, stacklevel=3)
