"""Output files that never damage: whole or not at all, and never a device or link replaced.

- A regular file (or a new one) is written through a temporary file in the same folder and
  renamed over it, so a reader sees the old file or the new one, never half of either.
- A symbolic link is followed: the file it points to is replaced, and the link stays.
- A device node, FIFO or socket (``-o /dev/stdout``, ``-o /dev/null``, a named pipe) is
  written through, like the shell's ``>``: renaming over it would replace the node itself.
- Temporary files carry the writer's process id. A catchable signal (Ctrl-C, SIGTERM,
  SIGHUP) removes them before the process ends; what a SIGKILL leaves behind is removed by
  the next write to the same folder, once its process is gone.
- Several files (Neo4j's and KGX's node and edge pair) are all written to temporary files
  first and renamed together with signals held back, and the old files are put back if a
  rename fails, so the set appears together or not at all.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kg.errors import InputError

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_live: set[str] = set()  # temporary files this process has not yet renamed or removed
_TEMP = re.compile(r"^\..+\.ilkg-(\d+)-[0-9a-f]+\.(?:tmp|bak)$")


def _cleanup_and_die(signum: int, frame: object) -> None:
    for tmp in list(_live):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    _live.clear()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@contextlib.contextmanager
def _removed_on_signal() -> Iterator[None]:
    """Remove this process's temporary files if a catchable signal ends it meanwhile."""
    previous = {}
    for signum in _SIGNALS:
        try:
            previous[signum] = signal.signal(signum, _cleanup_and_die)
        except (ValueError, OSError):  # not the main thread: the next run cleans up instead
            pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale(folder: Path) -> None:
    """Remove temporary files that ilkg processes no longer running left in ``folder``."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMP.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _resolve(path: str | Path) -> tuple[Path, bool]:
    """Return the file to write (a link's target) and whether it is a special file to write through."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target, False
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror or err}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {path}: it is a folder")
    return target, not stat.S_ISREG(mode)


def _write_through(path: str | Path, target: Path, data: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror or err}") from None


def _temporary(path: str | Path, target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``target``; return its name."""
    folder = target.parent
    tmp = str(folder / f".{target.name}.ilkg-{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror or err}") from None
    _live.add(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException as err:
        _discard(tmp)
        if isinstance(err, OSError):
            raise InputError(f"cannot write {path}: {err.strerror or err}") from None
        raise
    return tmp


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    _live.discard(tmp)


def write_atomic(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module notes for links and devices).

    ``inputs`` are the files the data was read from: writing over one of them is refused.

    :raises InputError: when the folder does not exist, cannot be written, ``path`` is a folder,
        or it is one of ``inputs``.
    """
    return write_atomic_many({path: data}, inputs=inputs)[0]


def write_atomic_many(files: Mapping[str | Path, bytes], *, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write several files so that they appear together or not at all; return the paths written.

    :raises InputError: when one of them cannot be written, or is one of ``inputs`` (none is changed then).
    """
    plan = [(path, *_resolve(path), data) for path, data in files.items()]
    _refuse_inputs([(path, target) for path, target, special, _ in plan if not special], inputs)
    for folder in {target.parent for _, target, special, _ in plan if not special}:
        clean_stale(folder)
    temps: list[tuple[str, Path]] = []
    with _removed_on_signal():
        try:
            for path, target, special, data in plan:
                if not special:
                    temps.append((_temporary(path, target, data), target))
            _commit(temps)
        finally:
            for tmp, _ in temps:
                _discard(tmp)
        for path, target, special, data in plan:
            if special:
                _write_through(path, target, data)
    return [Path(path) for path, *_ in plan]


def _refuse_inputs(targets: list[tuple[str | Path, Path]], inputs: Iterable[str | Path]) -> None:
    """Refuse to replace a file the command reads: the user's own data would be lost with it."""
    existing = []
    for source in inputs:
        with contextlib.suppress(OSError, ValueError):
            existing.append((source, os.stat(source)))
    for path, target in targets:
        try:
            mine = os.stat(target)
        except (OSError, ValueError):
            continue
        for source, theirs in existing:
            if (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino):
                raise InputError(
                    f"refusing to write {path}: it is the input {source}; choose another output file"
                )


def _commit(temps: list[tuple[str, Path]]) -> None:
    """Rename the temporary files over their targets, all or none, with signals held back."""
    held = hasattr(signal, "pthread_sigmask")
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if held else None
    backups: list[tuple[str, Path]] = []
    done: list[Path] = []
    try:
        if len(temps) > 1:
            for tmp, target in temps:
                backup = tmp.removesuffix(".tmp") + ".bak"
                with contextlib.suppress(FileNotFoundError):
                    os.link(target, backup)  # to put the old file back if a later rename fails
                    _live.add(backup)
                    backups.append((backup, target))
        for tmp, target in temps:
            os.replace(tmp, target)
            _live.discard(tmp)
            done.append(target)
    except OSError as err:
        for target in done:
            with contextlib.suppress(OSError):
                os.unlink(target)
        for backup, target in backups:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        failed = temps[len(done)][1] if len(done) < len(temps) else temps[-1][1]
        raise InputError(f"cannot write {failed}: {err.strerror or err}") from None
    finally:
        for backup, _ in backups:
            _discard(backup)
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
