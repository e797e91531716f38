"""Names as the world pack writes them: folded to ASCII, turned into ids, tidied.

Takes text; gives text. The letters folded to ASCII come from ``data/world/sources.toml``.
"""

from __future__ import annotations

import re
import unicodedata

from factcheck.store.worldpack import tables


def fold(text: str) -> str:
    """The text in ASCII letters where it can be: accents dropped, a few letters spelled out."""
    text = unicodedata.normalize("NFKD", text.translate(tables.sources().folding))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """A lower-case id: "Côte d'Ivoire" -> "cote-divoire", "Washington, D.C." -> "washington-dc"."""
    text = fold(text).lower().replace("&", " and ")
    text = re.sub(r"['.]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean_name(text: str) -> str:
    """The name with its runs of white space made one space, and trimmed."""
    return re.sub(r"\s+", " ", text).strip()
