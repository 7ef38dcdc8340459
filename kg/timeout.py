"""Run risky work (a query, a parse of an untrusted file) in a forked child with a time and memory limit.

Oxigraph's evaluation checks no deadline and no signal, and when an allocation fails Rust
aborts the whole process. So the work runs in a child made with a bare ``os.fork`` (about a
millisecond: the child shares the loaded store copy-on-write, and no multiprocessing
machinery is imported). The child gets an address-space limit (``RLIMIT_AS``) and sends its
answer back through a pipe, framed with its length so that a cut-off answer is never taken for a
whole one (an error crosses pickled; an answer, the common case, as its bytes, so neither side
imports pickle for it); the parent waits with a deadline. A child that runs out of time
is killed, one that runs out of memory or crashes ends with a signal, and each becomes one
line for the user. Ctrl-C interrupts the parent's wait at once and the child is killed.

>>> call_with_timeout(lambda: b"done", 5.0)
b'done'
"""

from __future__ import annotations

import gc
import os
import select
import time

# _signal is the C half of the signal module: signal.py only adds enums, and a millisecond to import.
from _signal import SIG_DFL, SIGINT, SIGKILL
from _signal import signal as set_handler
from collections.abc import Callable

from kg.errors import IlkgError, InputError, QueryFailedError, QueryTimeoutError

#: The time limit of a query when the user gives none, in seconds.
DEFAULT_TIMEOUT = 300.0
#: The longest single wait handed to the system (select, a socket): longer limits, up to an
#: infinite one, are waited out in steps of this size (a larger number overflows time_t).
LONGEST_WAIT = 86400.0


def check_seconds(seconds: float, option: str) -> float:
    """Return a time limit if it is a number of seconds, not negative (``inf`` is no limit).

    >>> check_seconds(float("nan"), "--timeout")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: --timeout takes a number of seconds, not nan

    :raises InputError: for NaN or a negative number.
    """
    if not seconds >= 0:  # also true for NaN
        raise InputError(f"{option} takes a number of seconds, not {seconds:g}")
    return seconds


class OutOfMemoryError(QueryFailedError):
    """The work needed more memory than its ceiling and was stopped."""


def memory_limit() -> int:
    """Return the memory ceiling for risky work, in bytes: ``$ILKG_MAX_MEMORY`` or half the RAM.

    ``$ILKG_MAX_MEMORY`` takes a number of bytes with an optional K, M or G suffix (``4G``).

    >>> import os; os.environ["ILKG_MAX_MEMORY"] = "1.5GB"; memory_limit() == 3 * 2**29
    True
    >>> del os.environ["ILKG_MAX_MEMORY"]
    """
    text = os.environ.get("ILKG_MAX_MEMORY", "").strip().upper().removesuffix("B")
    if text:
        scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1], 1)
        try:
            return int(float(text[:-1] if scale > 1 else text) * scale)
        except ValueError:
            raise InputError(f"ILKG_MAX_MEMORY must be a size such as 4G, not {text!r}") from None
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    except (ValueError, OSError):
        return 4 * 2**30


def _address_space() -> int:
    try:
        fd = os.open("/proc/self/statm", os.O_RDONLY)
        try:
            return int(os.read(fd, 200).split()[0]) * os.sysconf("SC_PAGE_SIZE")
        finally:
            os.close(fd)
    except (OSError, ValueError, IndexError):
        return 0


def _child(func: Callable[[], bytes], write_fd: int, limit: int) -> None:
    """Run ``func`` in the child and send its answer, or the error it raised, to the parent; never return."""
    code = 0
    try:
        gc.disable()  # a collection would write to every object's header and copy the pages
        import faulthandler

        faulthandler.disable()  # a crash is reported by the parent, in one line
        set_handler(SIGINT, SIG_DFL)  # the parent decides what Ctrl-C does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # Rust's "memory allocation failed" must not reach the user's terminal
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
        error: BaseException | None = None
        try:
            kind, payload = _ANSWER, func()
        except IlkgError as err:
            error = err
        except MemoryError:
            error = OutOfMemoryError("out of memory")
        except Exception as err:  # noqa: BLE001 - anything else crosses the pipe as a failure
            error = QueryFailedError(f"failed: {(str(err).splitlines() or [repr(err)])[0]}")
        if error is not None:
            import pickle

            try:
                kind, payload = _ERROR, pickle.dumps(error)
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                kind, payload = _ERROR, pickle.dumps(QueryFailedError(str(error)))
        for part in (kind + len(payload).to_bytes(8, "big"), payload):
            view = memoryview(part)
            while view:
                view = view[os.write(write_fd, view) :]
        os.close(write_fd)  # the parent reads to the end now, not once this process is torn down
    except BaseException:  # noqa: BLE001 - the child must never unwind into the parent's code
        code = 1
    finally:
        os._exit(code)


#: The first byte of a message from the child: an answer, or a pickled error. Then 8 bytes of length.
_ANSWER, _ERROR = b"A", b"E"


def _unframed(data: bytes) -> tuple[bytes, bytes] | None:
    """Return the kind and payload of a message from the child, or None when it is cut off or garbled."""
    if len(data) < 9 or data[:1] not in (_ANSWER, _ERROR):
        return None
    if int.from_bytes(data[1:9], "big") != len(data) - 9:
        return None
    return data[:1], data[9:]


def call_with_timeout(
    func: Callable[[], bytes],
    seconds: float | None = DEFAULT_TIMEOUT,
    *,
    memory: int | None = None,
    what: str = "the query",
) -> bytes:
    """Return ``func()``, computed in a forked child under a time limit and a memory ceiling.

    ``seconds`` None or 0 means no time limit; ``memory`` defaults to :func:`memory_limit`.

    :raises QueryTimeoutError: when time runs out (the child is killed).
    :raises OutOfMemoryError: when the child passes its memory ceiling.
    :raises QueryFailedError: when the child crashes; any IlkgError the child raised is re-raised.
    """
    import faulthandler  # noqa: F401 - imported here, once, rather than in every child
    import resource  # noqa: F401 - the child finds it in sys.modules

    if seconds:
        check_seconds(seconds, "--timeout")
    memory = memory_limit() if memory is None else memory
    limit = _address_space() + memory  # measured here: the child starts as a copy of this process
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(func, write_fd, limit)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds if seconds else None
    finished = False
    status = None
    try:
        while True:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                raise QueryTimeoutError(
                    f"{what} ran past its time limit of {seconds:g} s and was stopped "
                    "(--timeout SECONDS changes the limit)"
                )
            ready, _, _ = select.select([read_fd], [], [], None if wait is None else min(wait, LONGEST_WAIT))
            if ready:
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        if not finished:
            os.kill(pid, SIGKILL)
        _, status = os.waitpid(pid, 0)
    message = _unframed(b"".join(chunks))
    if message is None:
        raise _death(status, what, memory)
    kind, payload = message
    if kind == _ANSWER:
        return payload
    import pickle

    try:
        error = pickle.loads(payload)  # noqa: S301 - our own child wrote it
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError):
        raise _death(status, what, memory) from None
    if isinstance(error, OutOfMemoryError):
        raise _death(-1, what, memory)
    raise error


def _death(status: int | None, what: str, memory: int) -> QueryFailedError:
    import signal

    signum = os.WTERMSIG(status) if status is not None and status >= 0 and os.WIFSIGNALED(status) else 0
    if status == -1 or signum in (signal.SIGABRT, signal.SIGKILL):
        return OutOfMemoryError(
            f"{what} needed more than its memory ceiling of {memory / 2**30:.1f} GB and was stopped "
            "($ILKG_MAX_MEMORY changes the ceiling)"
        )
    if signum == signal.SIGSEGV:
        return QueryFailedError(f"{what} crashed the engine (it may nest too deeply) and was stopped")
    name = signal.Signals(signum).name if signum else "without an answer"
    return QueryFailedError(f"{what} ended {name if not signum else f'with signal {name}'}")
