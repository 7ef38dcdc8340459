"""A progress bar for long loads: drawn on a terminal once a load passes a second, silent when piped.

The parser pulls the input through :class:`CountingReader`, which counts the bytes read from
the file as stored (for the share done) and the lines of the RDF text (exact triples for
N-Triples and N-Quads, an estimate for the other formats).
"""

from __future__ import annotations

import sys
import time
from typing import IO

#: Seconds a load runs before the bar appears.
DELAY = 1.0
#: Seconds between redraws.
INTERVAL = 0.2


class Progress:
    """The state of one load of one or more inputs, and its bar on ``stream`` (standard error)."""

    def __init__(self, stream: IO[str] | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self.drawn = False
        self.last = 0.0
        self.label = ""
        self.done_bytes = 0
        self.total_bytes = 0
        self.lines = 0
        self.exact = True

    def begin(self, label: str, total_bytes: int, *, exact: bool) -> None:
        """Start counting a new input of ``total_bytes`` stored bytes."""
        self.label, self.total_bytes, self.done_bytes = label, total_bytes, 0
        self.exact = self.exact and exact

    def update(self, position: int, lines: int) -> None:
        """Record ``position`` bytes of the stored input read and ``lines`` more lines parsed; redraw."""
        self.done_bytes = position
        self.lines += lines
        now = time.monotonic()
        if self.enabled and now - self.start >= DELAY and now - self.last >= INTERVAL:
            self.last = now
            self.draw(now)

    def draw(self, now: float) -> None:
        """Draw the bar: share of the input read, triples so far and per second, time left."""
        elapsed = max(now - self.start, 1e-6)
        share = self.done_bytes / self.total_bytes if self.total_bytes else 0.0
        width = 24
        bar = "#" * int(share * width) + "." * (width - int(share * width))
        rate = self.lines / elapsed
        approx = "" if self.exact else "~"
        left = elapsed * (1 - share) / share if share > 0.01 else None
        eta = f"  {left:4.0f} s left" if left is not None else ""
        text = (
            f"\rloading {self.label[-30:]} [{bar}] {share:4.0%}  {approx}{_count(self.lines)} triples"
            f"  {approx}{_count(rate)}/s{eta}"
        )
        self.stream.write(text.ljust(100))
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        """Replace the bar with a summary line, when one was drawn: the lines read, as the bar counts them."""
        if not self.drawn:
            return
        elapsed = max(time.monotonic() - self.start, 1e-6)
        approx = "" if self.exact else "~"
        line = (
            f"loaded {approx}{_count(self.lines)} triples in {elapsed:.1f} s "
            f"({approx}{_count(self.lines / elapsed)} triples/s)"
        )
        self.stream.write("\r" + line.ljust(100) + "\n")
        self.stream.flush()


def _count(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.1f}M"
    if value >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


class CountingReader:
    """A binary reader over ``text`` (the RDF, decompressed) that reports progress as it is read.

    ``raw`` is the file as stored, whose position says how much of it is done. The first
    exception a read raises is kept in :attr:`error`, so the loader can tell a failed read of
    the input from a failed write of the store.
    """

    def __init__(self, text: IO[bytes], raw: IO[bytes], progress: Progress) -> None:
        self.text, self.raw, self.progress = text, raw, progress
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        """Read and count up to ``size`` bytes."""
        try:
            chunk = self.text.read(size)
            position = self.raw.tell() if self.raw.seekable() else 0
        except BaseException as err:
            self.error = self.error or err
            raise
        self.progress.update(position, chunk.count(b"\n"))
        return chunk

    def readable(self) -> bool:
        """Say that this is a reader."""
        return True
