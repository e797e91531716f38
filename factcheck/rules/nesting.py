"""How deep a rule pattern's brackets may nest.

The pattern grammar recurses once per level of ``( )``, ``[ ]`` and ``!( )``; real patterns use
three or four levels. A pattern nested deeper than :data:`MAX_NESTING` is refused with its
column before it is parsed, so no rule file can exhaust the interpreter's stack.
"""

from __future__ import annotations

MAX_NESTING = 32


def nesting_too_deep(pattern: str) -> int | None:
    """The offset of the first bracket of ``pattern`` nested deeper than MAX_NESTING, or None."""
    depth = 0
    for offset, char in enumerate(pattern):
        if char in "([{":
            depth += 1
            if depth > MAX_NESTING:
                return offset
        elif char in ")]}":
            depth -= 1
    return None
