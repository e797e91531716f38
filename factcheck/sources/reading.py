"""Article sources: files, folders, globs, standard input and URLs, read into text.

Text files must be UTF-8 (a byte-order mark is allowed); anything else is refused with a
one-line error naming the file, the offending byte and its line, rather than guessed.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from factcheck.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: The largest article read: 10 MB (a news article is a few KB; a book-length text is refused, not crawled).
MAX_ARTICLE_BYTES = 10 * 1024 * 1024


def expand_sources(sources) -> list[str]:
    """Files, folders (every article in them, sorted), globs, "-" and URLs, in order."""
    out = []
    for source in sources:
        if source == "-" or source.startswith(("http://", "https://")):
            out.append(source)
            continue
        path = Path(source)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(f"no articles (.txt, .md, .html) in folder {source}")
            out.extend(found)
        elif not path.exists() and glob.has_magic(source):
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                raise InputError(f"no files match {source}")
            out.extend(matches)
        else:
            out.append(source)
    return out


def read_source(source: str, *, allow_private_urls: bool | Iterable[str] = False
                ) -> tuple[str, date | None]:
    """The article text of a source and a publication date from its metadata, if any. A URL
    may reach a private address only with ``allow_private_urls`` (see ``fetch_article``)."""
    if source.startswith(("http://", "https://")):
        from factcheck.sources.fetch import fetch_article

        return fetch_article(source, allow_private=allow_private_urls)
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        name = "standard input"
    else:
        try:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_ARTICLE_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"no such file: {source}") from None
        except IsADirectoryError:
            raise InputError(f"{source} is a folder") from None
        except OSError as exc:
            raise InputError(f"cannot read {source}: {exc.strerror}") from None
        name = source
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(f"{name} is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; split it")
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name} is a binary file (it contains NUL bytes), not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"{name} is not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
                         "convert it, e.g. iconv -f latin1 -t utf-8") from None
    if source.lower().endswith((".html", ".htm")):
        from factcheck.sources.fetch import html_to_article

        return html_to_article(text, name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None
