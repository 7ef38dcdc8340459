"""The ``ilkg`` executable: how the process starts and ends around the commands of :mod:`cli.main`.

A command is one short process, and a cold query spends more on starting and ending Python
than on the query. So, before click and the commands are imported:

- the cyclic garbage collector is off while modules load: they make many long-lived objects
  and no garbage; what they made is then frozen out of later collections;
- when the command reads the bundled graph, its cached store starts opening in a thread
  (:func:`kg.loader.open_bundled_early`: RocksDB's open overlaps the imports);

and once the command is done, its output flushed and the exit handlers run, the process
ends at once (``os._exit``) rather than freeing every object, module and store one by one,
which took as long as the query. Tests call :data:`cli.main.cli` directly and keep
Python's ordinary exit.
"""

from __future__ import annotations

import gc
import os
import sys

#: The commands that read the bundled graph: worth opening its store early.
GRAPH_COMMANDS = frozenset({"query", "show", "search", "path", "stats", "viz", "export"})


def main() -> None:
    """Run the ``ilkg`` command line and end the process."""
    gc.disable()
    if _reads_bundled_graph(sys.argv[1:]):
        from kg.loader import open_bundled_early

        open_bundled_early()
    from cli.main import cli

    gc.freeze()
    gc.enable()
    try:
        cli()  # standalone: it always ends with SystemExit
        code: object = 0
    except SystemExit as done:
        code = done.code
    end(code)


def _reads_bundled_graph(args: list[str]) -> bool:
    """Whether the command line reads the bundled graph: a graph command, no global option, no help."""
    return (
        bool(args)
        and args[0] in GRAPH_COMMANDS
        and not os.environ.get("ILKG_ENDPOINT")
        and not {"-h", "--help"} & set(args)
    )


def end(code: object) -> None:
    """End the process with ``code`` as ``sys.exit`` would, without tearing the interpreter down.

    Python's own exit runs when another (non-daemon) thread is still working, as it waits for it.
    """
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    import atexit

    atexit._run_exitfuncs()  # what Python's exit runs first: registered handlers, finalizers
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            code = code or 120  # as Python does when it cannot flush standard output at exit
    os._exit(code)
