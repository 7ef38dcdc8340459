"""Run a function under a time limit that really stops it: in a forked child that is killed on time-out.

A thread cannot be stopped from outside, and Oxigraph's query evaluation does not check a
deadline, so a runaway query (a cross join of the whole graph) is run in a child process.
The child is forked, so it shares the loaded store without copying or reloading it.

>>> call_with_timeout(lambda: b"done", 5.0)
b'done'
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable

from kg.errors import IlkgError, QueryFailedError, QueryTimeoutError


def _child(func: Callable[[], bytes], conn: object) -> None:
    try:
        conn.send((True, func()))  # type: ignore[attr-defined]
    except IlkgError as err:
        conn.send((False, err))  # type: ignore[attr-defined]
    except Exception as err:  # noqa: BLE001 - anything else crosses the pipe as a failure
        conn.send((False, QueryFailedError(f"query failed: {err}")))  # type: ignore[attr-defined]


def call_with_timeout(func: Callable[[], bytes], seconds: float) -> bytes:
    """Return ``func()``, computed in a forked child, or raise when it takes longer than ``seconds``.

    :raises QueryTimeoutError: when time runs out (the child is killed).
    """
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(func, child), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise QueryTimeoutError(f"the query ran past its time limit of {seconds:g} s and was stopped")
        ok, value = parent.recv()
    except (EOFError, pickle.UnpicklingError):
        raise QueryFailedError("the query process ended without an answer") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        parent.close()
    if not ok:
        raise value
    return value
