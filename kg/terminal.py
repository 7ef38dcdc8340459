"""Text for the terminal: data never writes control sequences to the user's screen.

A label from someone else's file can hold ``ESC]0;...BEL`` (retitle the window), cursor
moves or a carriage return that hides what came before; every piece of data ilkg prints on
a terminal goes through :func:`printable`.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return ``text`` with control characters shown as escapes, so data cannot drive the terminal.

    >>> print(printable("IL-6" + chr(27) + "]0;pwned" + chr(7) + " " + chr(9) + "ok"))
    IL-6\\x1b]0;pwned\\x07 \\tok
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable_lines(text: str) -> str:
    """Return multi-line text with the control characters of each line escaped, line breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
