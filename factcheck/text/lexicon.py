"""Entity mentions: the store's names, aliases, demonyms and office titles compiled into a token index.

Matching walks the text's tokens once, trying at each token only the name lengths that start
with that token (leftmost-longest, whole tokens only, so "Paris" never matches inside
"Parisian"). A parenthesised acronym right after a name, "Asia-Pacific Economic Cooperation
(APEC) summit", is skipped while matching so the name around it still matches.

:class:`Lexicon` holds every name it is built with; :class:`LookupLexicon` reads a large store's
names as texts need them, by the token they start with (:func:`first_token`), and finds the
same mentions.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple, Protocol

from factcheck.model import PROPER_TYPES, Candidate, Mention
from factcheck.text.chars import translator

#: Changes whenever a pickled lexicon of an earlier layout could no longer be read as one.
LEXICON_FORMAT = 6

TOKEN = re.compile(r"\w+|[^\w\s]")
ACRONYM_PAREN = re.compile(r"\(\s*[A-Z][A-Za-z0-9.&]{0,9}\s*\)")
# Capital and small letters of the Latin, Greek and Cyrillic alphabets ("São", "Łódź", "Erdoğan").
_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x530)) if c.isalpha() and c.islower())
CAPITALISED = re.compile(f"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?$")
# Tokens that never start or form an unknown person's name on their own.
NOT_NAME_START = {
    "The", "A", "An", "This", "That", "These", "Those", "Last", "Next", "Meanwhile", "But", "And",
    "In", "On", "At", "For", "By", "With", "From", "Several", "Some", "Many", "It", "He", "She",
    "They", "We", "I", "Whether", "When", "While", "After", "Before", "Since", "As", "If",
    "Member", "Members",   # "Member State(s)": a capitalised common noun of EU texts
}

#: Characters replaced one-for-one before matching, so offsets stay those of the original text.
NORMALIZE_TABLE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-",
    "\u00a0": " ", "\u2011": "-", "\u2032": "'",
})


_normalize = translator(NORMALIZE_TABLE)


def normalize(text: str) -> str:
    """The text with typographic quotes, dashes and spaces replaced one-for-one."""
    return _normalize(text)


def tokens_of(text: str) -> tuple[str, ...]:
    """A name's tokens, read as the text's are (an acronym in brackets left out, as names run
    across it: "ASEAN Regional Forum (ARF) Ministerial")."""
    return tuple(TOKEN.findall(token_text(normalize(text))))


def index_key(text: str) -> tuple[str, ...]:
    """The tokens a name is indexed under: its tokens, a leading "the " left out ("the euro":
    the article is the sentence's, for rules to read)."""
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return tokens_of(text)


def first_token(text: str) -> str:
    """The token a name's index key starts with ("" for a name of no token): what the store's
    names table is looked up by (a change here needs a migration that refills it)."""
    key = index_key(text)
    return key[0] if key else ""


@dataclass
class Lexicon:
    """Names to entities, built once per store (and cached by the caller)."""

    index: dict[tuple[str, ...], list[Candidate]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)        # entity id -> name
    types: dict[str, str] = field(default_factory=dict)        # entity id -> type
    metonyms: dict[str, str] = field(default_factory=dict)     # place id -> entity it stands for
    demonyms: dict[str, list[str]] = field(default_factory=dict)   # entity id -> its demonyms
    offices: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)  # title -> (office, jurisdiction)
    # Worked out from the index on first use (it does not change once built).
    _descriptions: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _capitalised: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str, str]], *, titles: Mapping[str, str] = {},
              offices: Iterable[tuple[str, str, str | None]] = (),
              metonyms: Mapping[str, str] = {}) -> "Lexicon":
        """Build the index.

        ``rows``: (text, kind, entity id, entity type) for every name, alias and demonym;
        ``titles``: title variant -> canonical title; ``offices``: (office id, title, jurisdiction id);
        ``metonyms``: place id -> the entity it may stand for ("Beijing" -> China).
        """
        return cls._build(rows, titles, offices, metonyms)

    @classmethod
    def _build(cls, rows: Iterable[tuple[str, str, str, str]], titles: Mapping[str, str],
               offices: Iterable[tuple[str, str, str | None]], metonyms: Mapping[str, str]) -> "Lexicon":
        lexicon = cls(metonyms=dict(metonyms))
        office_titles = set()
        for office_id, title, jurisdiction in offices:
            if title:
                office_titles.add(title)
                # Index under the canonical title, so "Minister of Foreign Affairs" and "Foreign
                # Minister" find the same office.
                canonical = titles.get(title, title)
                lexicon.offices.setdefault(canonical.casefold(), []).append((office_id, jurisdiction))
        for text, kind, entity_id, entity_type in rows:
            if kind == "name":
                lexicon.names[entity_id] = text
                lexicon.types[entity_id] = entity_type
            elif kind == "demonym":
                lexicon.demonyms.setdefault(entity_id, []).append(text)
        dropped = _composite_aliases(rows)
        for text, kind, entity_id, entity_type in rows:
            if kind == "alias" and (text, entity_id) in dropped:
                continue
            lexicon._add(text, Candidate(entity_id, kind, entity_type, lexicon.names.get(entity_id, text)))
        for title in sorted(office_titles):
            lexicon._add(title, Candidate(None, "title", "title", titles.get(title, title)))
        for variant, canonical in titles.items():
            lexicon._add(variant, Candidate(None, "title", "title", canonical))
        for canonical in sorted(set(titles.values())):
            lexicon._add(canonical, Candidate(None, "title", "title", canonical))
        # News writes titles in lower case when no name follows ("the Chinese president"); patterns
        # that need a name after the title still require one.
        for variant, canonical in [*titles.items(), *((t, t) for t in office_titles),
                                   *((t, t) for t in set(titles.values()))]:
            if variant.lower() != variant:
                lexicon._add(variant.lower(), Candidate(None, "title", "title", canonical))
        for first in lexicon.lengths:
            lexicon.lengths[first] = sorted(set(lexicon.lengths[first]), reverse=True)
        return lexicon

    def office_for(self, title: str, jurisdiction: str | None) -> str | None:
        """The office with this title in this jurisdiction; without one, the only office so titled."""
        offices = self.offices.get(title.casefold(), [])
        if jurisdiction is not None:
            offices = [o for o in offices if o[1] == jurisdiction]
        ids = sorted({office for office, _ in offices})
        return ids[0] if len(ids) == 1 else None

    def offices_titled(self, title: str, jurisdiction: str | None = None) -> tuple[str, ...]:
        """Every office with this title (in this jurisdiction, where that leaves any), sorted."""
        offices = self.offices.get(title.casefold(), [])
        if jurisdiction is not None and any(o[1] == jurisdiction for o in offices):
            offices = [o for o in offices if o[1] == jurisdiction]
        return tuple(sorted({office for office, _ in offices}))

    def offices_leading(self, jurisdiction: str, titles: Iterable[str]) -> tuple[str, ...]:
        """The offices of ``jurisdiction`` with one of ``titles`` (those that lead it), sorted."""
        return tuple(sorted({office for title in titles for office, place in self.offices.get(title.casefold(), [])
                             if place == jurisdiction}))

    def event_of(self, noun: str, entity_id: str, mention_text: str) -> str | None:
        """The event this noun names for an entity ("independence" of Peru): the only event named
        or aliased "Peru's independence", "the independence of Peru" or "Peruvian independence"
        ("launch" of the euro: "the launch of the euro", "the euro launch")."""
        found = set()
        for name in self._event_owner_names(entity_id, mention_text):
            for phrase in _event_phrases(noun, name):
                found.update(c.entity_id for c in self.index.get(tokens_of(phrase), ())
                             if c.type == "event" and c.entity_id)
        return found.pop() if len(found) == 1 else None

    def countries_opening(self, name: str) -> tuple[str, ...]:
        """The countries whose demonym or name opens ``name`` (a mention's text), before more
        words of it: Chile for "Chilean peso", the United States for "US dollar"; the longest
        such opening decides."""
        tokens = tokens_of(name)
        for length in range(len(tokens) - 1, 0, -1):
            found = {c.entity_id for c in self.index.get(tokens[:length], ())
                     if c.type == "country" and c.entity_id}
            if found:
                return tuple(sorted(found))
        return ()

    def _event_owner_names(self, entity_id: str, mention_text: str) -> list[str]:
        """What an event's name may call the entity it happened to: its name, as written, in
        lower case ("the launch of the euro" for "Euro"), and its demonyms."""
        name = self.names.get(entity_id, mention_text)
        return list(dict.fromkeys([name, mention_text, name.lower(), *self.demonyms.get(entity_id, ())]))

    def prepare(self, text: str) -> None:
        """Get ready to match ``text`` and its parts: this lexicon already has every name (one
        that reads its names from a store, :class:`LookupLexicon`, reads those the text may use)."""

    def _add(self, text: str, candidate: Candidate) -> None:
        key = index_key(text)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        if candidate not in entries:
            entries.append(candidate)
        self.lengths.setdefault(key[0], []).append(len(key))

    def match(self, text: str) -> list[Mention]:
        """Leftmost-longest mentions in ``text`` (already normalized), plus surname and unknown-name mentions."""
        tokenized = token_text(text)
        words, ends = tokens_with_ends(tokenized)
        mentions: list[Mention] = []
        covered = [False] * len(words)
        lengths, index = self.lengths, self.index

        count = len(words)
        # where a name may start: the word, or a capitalised word in lower case ("Gallium"), begins one
        capitalised = self._capitalised_starts()
        openers = {word for word in set(words) if word in lengths or word in capitalised
                   or (not word[0].isascii() and word[0].isupper() and word[1:].islower()
                       and word.lower() in lengths)}
        starts = [i for i, word in enumerate(words) if word in openers]
        # a name's candidates and mention types, worked out once per name (the index is not
        # changed once built); emptied when it grows large, so a long run over a huge lexicon
        # keeps only the names it meets often
        memo = self._descriptions
        if len(memo) > _DESCRIPTIONS_KEPT:
            memo.clear()
        free = 0
        for i in starts:
            if i < free:
                continue
            first = words[i]
            found = None
            for variant in (first, first.lower()) if first[0].isupper() and first[1:].islower() else (first,):
                for length in lengths.get(variant, ()):
                    if i + length <= count:
                        key = (variant, *words[i + 1:i + length])
                        if key not in index:
                            rest = words[i + 1:i + length]
                            if not any(map(str.isupper, rest)):
                                continue
                            # surnames in capitals, as fact books write them ("Alberto FUJIMORI")
                            key = (variant, *map(_as_name, rest))
                        if index.get(key):
                            found = length, key
                            break
                if found:
                    break
            if found is None:
                continue
            length, key = found
            start, end = ends[i] - len(first), ends[i + length - 1]
            described = memo.get(key)
            if described is None:
                described = memo[key] = self._described(index[key])
            mentions.append(Mention(start, end, text[start:end], *described))
            for k in range(i, i + length):
                covered[k] = True
            free = i + length
        mentions.extend(self._short_forms(words, ends, covered, mentions))
        lone: list[Mention] = []
        mentions.extend(unknown_names(text, tokenized, words, ends, covered, lone=lone))
        mentions.extend(lone)
        mentions.sort(key=_START)
        return mentions

    def _capitalised_starts(self) -> frozenset[str]:
        """The first words of names that begin in lower case, capitalised ("gallium" ->
        "Gallium"): what an ASCII word capitalised at a sentence's start may stand for."""
        if self._capitalised is None:
            self._capitalised = frozenset(word.capitalize() for word in self.lengths if word[:1].islower())
        return self._capitalised

    def _described(self, candidates: Iterable[Candidate]) -> tuple[tuple[Candidate, ...], frozenset[str]]:
        """A mention's candidates and types: their entity types ("demonym" for a demonym), plus
        "metonym" where one may stand for another entity."""
        candidates = tuple(candidates)
        types: set[str] = set()
        for candidate in candidates:
            if candidate.kind == "demonym":
                types.add("demonym")
            else:
                types.add(candidate.type)
            if candidate.entity_id in self.metonyms:
                types.add("metonym")
        return candidates, frozenset(types)

    def _short_forms(self, words: list[str], ends: list[int], covered: list[bool],
                     mentions: list[Mention]) -> list[Mention]:
        """'Wang' after 'Wang Yi', 'Blinken' after 'Antony Blinken': a person named earlier."""
        short: dict[str, set[str]] = {}
        first_seen: dict[str, int] = {}
        for mention in mentions:
            if "person" not in mention.types:
                continue
            people = [c for c in mention.candidates if c.type == "person" and c.entity_id]
            if len(people) != 1:
                continue
            person = people[0]
            parts = tokens_of(self.names.get(person.entity_id, mention.text))
            for part in (parts[0], parts[-1]) if len(parts) > 1 else ():
                if CAPITALISED.match(part) and part not in NOT_NAME_START:
                    short.setdefault(part, set()).add(person.entity_id)
                    first_seen.setdefault(part, mention.end)
        out = []
        if not short:
            return out
        for index in [i for i, word in enumerate(words) if word in short]:
            word, end = words[index], ends[index]
            start = end - len(word)
            owners = short[word]
            if covered[index] or not owners or len(owners) != 1 or start < first_seen[word]:
                continue
            if self.index.get((word,)):
                continue  # the word is itself a known name: the lexicon decided already
            entity_id = next(iter(owners))
            covered[index] = True
            out.append(Mention(start, end, word,
                               (Candidate(entity_id, "short", "person", self.names.get(entity_id, word)),),
                               frozenset({"person"})))
        return out


def _event_phrases(noun: str, name: str) -> tuple[str, ...]:
    """How an event's name may put a noun and the name of what it happened to: "Peru's
    independence", "Independence of Peru", "Peruvian independence", "launch of the euro"."""
    return (f"{name}'s {noun}", f"{noun} of {name}", f"{noun.capitalize()} of {name}", f"{noun} of the {name}",
            f"{noun.capitalize()} of the {name}", f"{name} {noun}")


_START = itemgetter(0)   # a mention's start
_DESCRIPTIONS_KEPT = 100_000
_SPACED_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])")   # a token of TOKEN and the spaces before it


def _as_name(word: str) -> str:
    """A word in capitals as a name is written ("FUJIMORI" -> "Fujimori")."""
    return word.capitalize() if len(word) > 2 and word.isupper() and word.isalpha() else word


def token_text(text: str) -> str:
    """The text with every acronym in brackets ("(WHO)") blanked out: names run across them."""
    return ACRONYM_PAREN.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def tokens_with_ends(text: str) -> tuple[list[str], list[int]]:
    """The tokens of ``text`` (TOKEN) and where each ends.

    Read as tokens with the spaces before them, one C-level pass: a token ends where the lengths
    so far add up to, and starts its own length before that.
    """
    pieces = _SPACED_TOKEN.findall(text)
    return list(map(str.lstrip, pieces)), list(accumulate(map(len, pieces)))


# Whole tokens of CAPITALISED with only spaces between: the runs unknown_names reads (a capital
# letter first, so the regex engine skips ahead to capital letters).
_CAPITALISED_PARTS = f"[{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*(?!\\w)"    # "Sanwo-Olu" is one word
_CAPITALISED_RUN = re.compile(f"[{_UPPER}](?<!\\w[{_UPPER}]){_CAPITALISED_PARTS}(?:\\s+[{_UPPER}]{_CAPITALISED_PARTS})*")


#: An unknown name of several words may be a person's ("name") or a place's or a firm's
#: ("proper": what a slot type ending in "?" takes); one of a single word only the latter.
_NAME_TYPES = frozenset({"name", "proper"})


def unknown_names(text: str, tokenized: str, words: list[str], ends: list[int],
                  covered: list[bool], lone: list[Mention] | None = None) -> list[Mention]:
    """Runs of two to four capitalised words the store does not know: possibly a person.

    ``words`` and ``ends`` are the tokens of ``tokenized`` (``text`` as token_text gives it):
    runs of capitalised tokens are runs of capitalised words in it, found by one regex.

    With ``lone``, the single capitalised words the store does not know that no such run holds
    ("Funafuti", "Bavarian") are added to it: a place's or a firm's name, possibly, for the slots
    that take one (type "proper"), unless it is one of not_alone (rules/lexicon/discourse.toml), a month or a weekday. A word
    that opens a sentence is taken only before a comma, "'s", "is", "was" or "has" ("Funafuti,
    Tuvalu's capital, ...", "Bhutan's economy", "Andela was founded in 2014"), not before the
    words a sentence's first common word is read with ("Founded in 2014").
    """
    out = []
    not_alone = _not_alone() if lone is not None else frozenset()
    for run in _CAPITALISED_RUN.finditer(tokenized):
        first, last = bisect_right(ends, run.start()), bisect_left(ends, run.end())
        if first == last:   # one word, the most frequent run: a name known or not, or an opener
            if lone is not None and not covered[first] and words[first] not in not_alone:
                _add_lone(lone, tokenized, run.start(), run.end(), words[first])
            continue
        # the run's words as (first token, last token): "Sanwo-Olu" is three tokens
        if "-" in run.group():
            parts: list[tuple[int, int]] = []
            for k in range(first, last + 1):
                if words[k] == "-" or (k > first and words[k - 1] == "-"):
                    parts[-1] = (parts[-1][0], k)
                else:
                    parts.append((k, k))
        else:
            parts = [(k, k) for k in range(first, last + 1)]
        i = 0
        while i < len(parts):
            j = i
            while (j < len(parts) and not any(covered[parts[j][0]:parts[j][1] + 1])
                   and (j > i or words[parts[j][0]] not in NOT_NAME_START) and j - i < 4):
                j += 1
            start, end = ends[parts[i][0]] - len(words[parts[i][0]]), ends[parts[max(j, i + 1) - 1][1]]
            if j - i >= 2:
                out.append(Mention(start, end, text[start:end],
                                   (Candidate(None, "unknown", "name", text[start:end]),),
                                   _NAME_TYPES))
                i = j
                continue
            if j - i == 1 and lone is not None and (word := text[start:end]) not in not_alone:
                _add_lone(lone, tokenized, start, end, word)
            i = max(j, i + 1)
    return out


def _add_lone(lone: list[Mention], tokenized: str, start: int, end: int, word: str) -> None:
    """``word`` at [start, end) as a name alone, unless it opens a sentence before none of the
    words that make an opening word a name ("Funafuti, ...", "Andela was founded ...")."""
    if not _opens_sentence(tokenized, start) or tokenized.startswith(_NAME_AT_START_BEFORE, end):
        lone.append(Mention(start, end, word, (Candidate(None, "unknown", "proper", word),), PROPER_TYPES))


#: What a word at a sentence's start must be followed by to be taken for a name alone
_NAME_AT_START_BEFORE = (",", "'s", " is ", " was ", " has ")


@functools.cache
def _not_alone() -> frozenset[str]:
    """The capitalised words unknown_names never takes alone: sentence openers and other words
    seldom a name by themselves (rules/lexicon/discourse.toml, ``not_alone``), months and weekdays."""
    from factcheck import resources
    from factcheck.text.timex.vocabulary import MONTHS, WEEKDAYS   # (imports the time grammar)
    return frozenset({*NOT_NAME_START, *resources.lexicon_file("discourse")["not_alone"],
                      *(word.capitalize() for word in (*MONTHS, *WEEKDAYS))})


def _opens_sentence(text: str, start: int) -> bool:
    """Whether only white space of a line, quotation marks and brackets stand between ``start``
    and a sentence's end, a colon or the start of a line."""
    at = start - 1
    while at >= 0 and text[at] in " \t\"'([":
        at -= 1
    return at < 0 or text[at] in ".!?:;\n\r"


_DESCRIBED = re.compile(r"(?:the )?[a-z]+ of (?P<name>.+)|(?:1[0-9]{3}|20[0-9]{2}) (?P<dated>.+)")


def _shaped_aliases(rows) -> list[tuple[str, str]]:
    """(alias, entity id) of the aliases shaped like a composite one (see _composite)."""
    return [(text, entity_id) for text, kind, entity_id, *_ in rows
            if kind == "alias" and (", " in text or _DESCRIBED.fullmatch(text))]


def _composite_aliases(rows) -> set[tuple[str, str]]:
    """(alias, entity id) of the aliases that only spell out other names (see _composite); the
    names of an entity are gathered only for the entities with an alias of such a shape."""
    shaped = _shaped_aliases(rows)
    if not shaped:
        return set()
    wanted = {entity_id for _text, entity_id in shaped}
    own: dict[str, set[str]] = {}
    for text, _kind, entity_id, _type in rows:
        if entity_id in wanted:
            own.setdefault(entity_id, set()).add(text)
    known = {text for text, *_ in rows} if any(", " in text for text, _ in shaped) else set()
    return {(text, entity_id) for text, entity_id in shaped if _composite(text, own[entity_id], known)}


def _composite(alias: str, own: set[str], known: set[str]) -> bool:
    """Whether an alias only spells out other names: "Lima, Peru" (a name of the entity, then a
    known name), "state of Johor" (a common noun of one of its names), "1920 Battle of Warsaw"
    (a year and one of its names). Left out of the index,
    the text reads as the names it is made of, which rules can then relate ("the Malaysian state
    of Johor", "Lima, Peru")."""
    head, comma, tail = alias.partition(", ")
    if comma and head in own and tail in known:
        return True
    described = _DESCRIBED.fullmatch(alias)
    return described is not None and (described.group("name") or described.group("dated")) in own


#: How an alias stands to its entity's other names, as the store's names table keeps it (see
#: _composite): a name of its own; one that spells out one of the entity's names and another
#: name ("Lima, Peru"), left out when the part after the comma is a known name; one that only
#: spells out one of the entity's names ("state of Johor", "1920 Battle of Warsaw"), left out.
OWN_NAME, SPELLED_WITH_ANOTHER, SPELLED_OUT = 0, 1, 2


def composite_kind(alias: str, own: Collection[str]) -> int:
    """How ``alias`` stands to ``own``, the texts of its entity's name, aliases and demonyms:
    OWN_NAME, SPELLED_WITH_ANOTHER or SPELLED_OUT (what _composite decides, but for whether the
    part after the comma is a name of the store)."""
    described = _DESCRIBED.fullmatch(alias)
    if described is not None and (described.group("name") or described.group("dated")) in own:
        return SPELLED_OUT
    head, comma, _tail = alias.partition(", ")
    return SPELLED_WITH_ANOTHER if comma and head in own else OWN_NAME


#: A row of a names source: (text, kind, entity id, entity type, entity name, composite kind).
NameRow = tuple[str, str, str, str, str, int]


class NameSource(Protocol):
    """Where a :class:`LookupLexicon` reads names: the store's names table."""

    def name_rows(self, firsts: Collection[str] = (), entity_ids: Collection[str] = ()) -> list[NameRow]:
        """Every name, alias and demonym whose first token (:func:`first_token`) is one of
        ``firsts`` or whose entity is one of ``entity_ids``, with its entity's type and name and,
        for an alias, its composite kind (:func:`composite_kind`)."""
        ...


@dataclass
class LookupLexicon(Lexicon):
    """A lexicon that reads the store's names as texts need them, instead of all at once.

    Before matching a text it asks the source, in one query, for the names whose first token may
    stand in the text (a token of it, in lower case, or a word in capitals written as a name);
    a name matches only where its first token stands and its other tokens follow, so the
    mentions are those the whole store's lexicon finds. Each token is asked for once; what was
    read stays for the next texts. An alias like "Lima, Peru" waits until the first token of
    "Peru" was asked for (it cannot match a text without it), then is left out if "Peru" is a
    name, as Lexicon.build leaves it out. Built with the packs' titles, the store's offices and
    metonyms, and the names of the offices and of the entities metonyms stand for (what
    extraction names without the text naming them).
    """

    source: NameSource | None = field(default=None, repr=False, compare=False)
    _asked: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _texts: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _rows: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _titles: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _waiting: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _entities_read: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    @classmethod
    def over(cls, source: NameSource, *, titles: Mapping[str, str] = {},
             offices: Iterable[tuple[str, str, str | None]] = (), metonyms: Mapping[str, str] = {},
             names: Mapping[str, str] = {}) -> "LookupLexicon":
        """A lexicon reading ``source``; ``names``: entity id -> name of the entities extraction
        may name that no text mentions (offices, the entities metonyms stand for)."""
        lexicon = cls._build([], titles, offices, metonyms)
        lexicon.source = source
        lexicon.names.update(names)
        lexicon._titles = {key: list(candidates) for key, candidates in lexicon.index.items()}
        return lexicon

    def prepare(self, text: str) -> None:
        self._read(_openers(normalize(text)))

    def match(self, text: str) -> list[Mention]:
        self._read(_openers(text))
        return super().match(text)

    def event_of(self, noun: str, entity_id: str, mention_text: str) -> str | None:
        self._read_entities({entity_id})
        names = self._event_owner_names(entity_id, mention_text)
        self._read(set().union(*(_openers(phrase) for name in names for phrase in _event_phrases(noun, name))))
        return super().event_of(noun, entity_id, mention_text)

    def countries_opening(self, name: str) -> tuple[str, ...]:
        self._read(_openers(name))
        return super().countries_opening(name)

    def _read(self, firsts: set[str]) -> None:
        """Add the names whose first token is one of ``firsts`` not asked for before."""
        firsts = firsts - self._asked
        if not firsts or self.source is None:
            return
        rows = self.source.name_rows(firsts=sorted(firsts))
        self._asked |= firsts
        adding = []
        for text, kind, entity_id, entity_type, name, composite in rows:
            self.names[entity_id] = name
            self.types[entity_id] = entity_type
            self._texts.add(text)
        for text, kind, entity_id, entity_type, _name, composite in rows:
            row = (text, kind, entity_id, entity_type)
            if kind == "alias" and composite == SPELLED_OUT:
                continue
            if kind == "alias" and composite == SPELLED_WITH_ANOTHER:
                tail = text.partition(", ")[2]
                if first_token(tail) not in self._asked:
                    self._waiting.setdefault(first_token(tail), []).append(row)
                    continue
                if tail in self._texts:
                    continue
            adding.append(row)
        for token in firsts & self._waiting.keys():
            adding.extend(row for row in self._waiting.pop(token) if row[0].partition(", ")[2] not in self._texts)
        changed = set()
        for row in adding:
            key = index_key(row[0])
            if key:
                self._rows.setdefault(key, []).append(row)
                changed.add(key)
        for key in changed:
            # in the order Lexicon.build adds them: names sorted, then titles
            candidates: list[Candidate] = []
            for text, kind, entity_id, entity_type in sorted(self._rows[key]):
                candidate = Candidate(entity_id, kind, entity_type, self.names.get(entity_id, text))
                if candidate not in candidates:
                    candidates.append(candidate)
            self.index[key] = candidates + self._titles.get(key, [])
            self.lengths[key[0]] = sorted({len(key), *self.lengths.get(key[0], ())}, reverse=True)
            self._descriptions.pop(key, None)
        self._capitalised = None

    def _read_entities(self, entity_ids: set[str]) -> None:
        """The names and demonyms of these entities (what event_of reads of an entity)."""
        entity_ids = entity_ids - self._entities_read
        if not entity_ids or self.source is None:
            return
        rows = sorted(self.source.name_rows(entity_ids=sorted(entity_ids)))
        self._entities_read |= entity_ids
        for entity_id in entity_ids:
            self.demonyms.pop(entity_id, None)
        for text, kind, entity_id, entity_type, name, _composite in rows:
            self.names[entity_id] = name
            self.types[entity_id] = entity_type
            if kind == "demonym":
                self.demonyms.setdefault(entity_id, []).append(text)


def _openers(text: str) -> set[str]:
    """The tokens a name found in ``text`` may be made of: each token, in lower case (a
    capitalised word may begin a name written in lower case) and, for a word in capitals, as a
    name is written ("FUJIMORI" -> "Fujimori"); and "" for the names of no token."""
    words = set(TOKEN.findall(text))
    return words | {word.lower() for word in words} | {_as_name(word) for word in words} | {""}
