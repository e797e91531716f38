"""One-for-one character replacement that costs little on text where few characters change."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping


def translator(table: Mapping[int, str | int | None]) -> Callable[[str], str]:
    """A function doing ``text.translate(table)`` for a table that maps characters to single
    characters (so offsets do not move).

    ``str.translate`` looks every character up in the table, which on text with any character
    beyond ASCII costs a dictionary lookup per character; a regex of the characters that change
    finds the few there are.
    """
    changed: dict[str, str] = {}
    for key, value in table.items():
        char = chr(key)
        replacement = chr(value) if isinstance(value, int) else value
        if replacement is None or len(replacement) != 1:
            raise ValueError(f"translator tables map one character to one, not {char!r} to {replacement!r}")
        if replacement != char:
            changed[char] = replacement
    if not changed:
        return lambda text: text
    pattern = re.compile("[" + "".join(re.escape(char) for char in sorted(changed)) + "]")
    replace = changed.__getitem__

    def translate(text: str) -> str:
        if pattern.search(text) is None:
            return text
        return pattern.sub(lambda match: replace(match.group()), text)

    return translate
