"""References: words that point back at an entity the text named before ("its", "the city").

Takes the text, its sentences, the lexicon's mentions and the rule packs' reference table
(``rules/lexicon/references.toml``); gives, for each reference word whose antecedent is found, a
:class:`~factcheck.model.Mention` standing for the antecedent's entity (its candidates of a
compatible type, of kind "reference") and the antecedent mention itself. A pronoun takes the
first compatible mention of the nearest earlier sentence that has one (and is left to the patterns
when its own sentence names a compatible entity before it); a description ("the city") the last
compatible mention before it in its own sentence, else the first of the nearest earlier sentence
that has one, passing over the terms of comparisons and lists ("after London and Berlin"). A
resolved word is itself an antecedent for later ones; a word that names what the text is about
("the summit") takes the text's first compatible mention. Other antecedents are looked for
in the same paragraph (line) or the two sentences before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache

from factcheck import resources
from factcheck.model import Candidate, Mention, Sentence
from factcheck.text.regexes import trie

def _ORDER(mention: Mention) -> tuple[int, int]:
    return mention.start, -mention.end


def _START(mention: Mention) -> int:
    return mention.start


#: How many sentences back an antecedent may be, across a paragraph break.
WINDOW = 2


@lru_cache(maxsize=8)
def _regex(phrases: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    # the phrases as a trie, words joined by any spaces (trie writes a space as "[ ]+")
    words = trie(sorted({" ".join(p.lower().split()) for p in phrases})).replace("[ ]+", r"\s+")
    return re.compile(r"(?<![\w'-])" + words + r"(?![\w'-])", re.IGNORECASE if ignore_case else 0)


def find_references(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                    table: Mapping[str, tuple[tuple[str, ...], str]], *,
                    antecedents: "Antecedents | None" = None) -> list[tuple[Mention, Mention]]:
    """(reference mention, antecedent mention) pairs, in text order. The resolved words are
    added to ``antecedents`` (built over ``mentions`` when not given)."""
    if not table or not mentions or not sentences:
        return []
    if antecedents is None:
        antecedents = Antecedents(text, sentences, mentions)
    covered = sorted((m.start, m.end) for m in mentions)
    covered_starts = [s for s, _ in covered]
    reach = 0     # the longest mention: an overlapping one starts no further back than this
    for s, e in covered:
        reach = max(reach, e - s)
    found = []
    # The text is matched lower-cased (much quicker than a case-blind alternation) where that
    # keeps the offsets put: not where a letter's lower case is longer ("İ").
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)
    haystack = lowered if same_offsets else text
    for match in _regex(tuple(sorted(table)), not same_offsets).finditer(haystack):
        first = bisect_left(covered_starts, match.start() - reach)
        last = bisect_left(covered_starts, match.end(), first)
        if any(e > match.start() for _, e in covered[first:last]):
            continue
        types, pick = table[" ".join(match.group().lower().split())]
        antecedent = antecedents.before(match.start(), types, pick)
        if antecedent is None:
            continue
        candidates = tuple(Candidate(c.entity_id, "reference", c.type, c.canonical)
                           for c in antecedent.candidates if c.entity_id and c.type in types)
        reference = Mention(match.start(), match.end(), text[match.start():match.end()], candidates,
                            frozenset(c.type for c in candidates))
        found.append((reference, antecedent))
        # "It is the third largest city ... The city has": a later word may refer back through this one.
        antecedents.add(reference, antecedent)
    return found


class MentionsBySentence:
    """The mentions of each sentence, in text order: slices of one list of them (sorted by start),
    not a list per sentence. Sentence ``k`` holds the mentions that start from its start up to
    the next sentence's."""

    __slots__ = ("_mentions", "_starts", "_bounds")

    def __init__(self, mentions: Sequence[Mention], sentence_starts: Sequence[int]) -> None:
        self._mentions = sorted(mentions, key=_START)
        self._starts = [m.start for m in self._mentions]
        self._bounds = sentence_starts

    def _range(self, k: int) -> tuple[int, int]:
        starts, bounds = self._starts, self._bounds
        lo = bisect_left(starts, bounds[k]) if k >= 0 else 0
        hi = bisect_left(starts, bounds[k + 1], lo) if k + 1 < len(bounds) else len(starts)
        return lo, hi

    def get(self, k: int, default: Sequence[Mention] = ()) -> Sequence[Mention]:
        """The mentions of sentence ``k``, or ``default`` where it has none."""
        lo, hi = self._range(k)
        return self._mentions[lo:hi] if lo < hi else default

    def __iter__(self):
        """The sentences that have mentions, in order."""
        previous = None
        for start in self._starts:
            k = bisect_right(self._bounds, start) - 1
            if k != previous:
                yield k
                previous = k

    def insert(self, k: int, mention: Mention) -> None:
        """``mention`` added to sentence ``k``, in order (start, longest first)."""
        lo, hi = self._range(k)
        at = bisect_right(self._mentions, _ORDER(mention), lo, hi, key=_ORDER)
        self._mentions.insert(at, mention)
        self._starts.insert(at, mention.start)


class Antecedents:
    """The mentions of a text by sentence, to find what a word at some offset refers back to."""

    def __init__(self, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> None:
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.by_sentence = MentionsBySentence(mentions, self.starts)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.text = text
        self._through: dict[tuple[int, int], Mention] = {}
        #: types -> the sentence of the text's first mention of one of them (len(sentences) if none)
        self._topics: dict[frozenset[str], int] = {}

    def add(self, reference: Mention, antecedent: Mention) -> None:
        """A resolved reference word, itself an antecedent of later ones (standing for ``antecedent``)."""
        at = bisect_right(self.starts, reference.start) - 1
        self.by_sentence.insert(at, reference)
        named = {c.type for c in reference.candidates if c.entity_id}
        self._topics = {types: j for types, j in self._topics.items() if j < at or types.isdisjoint(named)}
        self._through[(reference.start, reference.end)] = self._through.get(
            (antecedent.start, antecedent.end), antecedent)

    def first_in_sentence(self, at: int, types: Sequence[str]) -> Mention | None:
        """The first mention of one of ``types`` in the sentence of ``at``, before it."""
        wanted = set(types)
        for mention in self.by_sentence.get(bisect_right(self.starts, at) - 1, []):
            if mention.end > at:
                break
            if any(c.entity_id and c.type in wanted for c in mention.candidates):
                return self._through.get((mention.start, mention.end), mention)
        return None

    def before(self, at: int, types: Sequence[str], pick: str = "nearest") -> Mention | None:
        """The mention of one of ``types`` that a word at ``at`` refers to (see the module docstring)."""
        k = bisect_right(self.starts, at) - 1
        wanted = frozenset(types)
        if pick == "topic":
            # what the text is about: its first compatible mention, however far back (the
            # sentences before the first that has one are read once for all the words after)
            first = self._topic_sentence(wanted)
            if first > k:
                return None
            bound = at if first == k else self.sentences[first].end
            found = next((m for m in self.by_sentence.get(first, []) if m.end <= bound
                          and any(c.entity_id and c.type in wanted for c in m.candidates)), None)
        else:
            paragraph_start = self.line_starts[bisect_right(self.line_starts, at) - 1]
            found = _antecedent(k, at, paragraph_start, self.sentences, self.by_sentence, wanted, pick,
                                self.text)
        if found is not None:
            return self._through.get((found.start, found.end), found)
        return None

    def _topic_sentence(self, types: frozenset[str]) -> int:
        """The first sentence with a mention of one of ``types`` (``len(sentences)`` if none)."""
        first = self._topics.get(types)
        if first is None:
            first = len(self.sentences)
            for j in self.by_sentence:
                end = self.sentences[j].end
                if any(m.end <= end and any(c.entity_id and c.type in types for c in m.candidates)
                       for m in self.by_sentence.get(j, ())):
                    first = j
                    break
            self._topics[types] = first
        return first


#: Words before a mention that make it the term of a comparison or an example, not what the
#: text goes on about: "the third largest city in the EU, after London and Berlin. The city ..."
#: (rules/lexicon/discourse.toml), or a comma before it.
def _discourse_words(table: str) -> str:
    """The phrases of a discourse.toml table as one alternation, longest first, words joined by
    any white space."""
    return "|".join(r"\s+".join(map(re.escape, words.split()))
                    for words in sorted(resources.lexicon_file("discourse")[table], key=len, reverse=True))


_ASIDE = re.compile(r"(?:\b(?:" + _discourse_words("aside_before") + r")\s+(?:the\s+)?|,\s*)$", re.IGNORECASE)


def _antecedent(k: int, at: int, paragraph_start: int, sentences: Sequence[Sentence],
                by_sentence: "MentionsBySentence", types: frozenset[str], pick: str,
                text: str = "") -> Mention | None:
    def compatible(sentence: int, before: int) -> list[Mention]:
        return [m for m in by_sentence.get(sentence, ()) if m.end <= before
                and any(c.entity_id and c.type in types for c in m.candidates)]

    if pick == "subject" and compatible(k, at):
        # "The US tightened its curbs": a pronoun after a compatible name in its own sentence is
        # read by the patterns themselves, not as another mention; but one that opens a clause
        # after a semicolon or ", and" ("Madrid is a financial centre; it hosts ...") is the
        # sentence's subject.
        return compatible(k, at)[0] if _AFTER_SEMICOLON.search(text, max(0, at - 8), at) else None
    for j in range(k, -1, -1):
        if j < k - WINDOW and sentences[j].end <= paragraph_start:
            break
        found = compatible(j, at if j == k else sentences[j].end)
        if found:
            if pick == "subject":
                became = [m for m in found if _became(text, m)]
                return became[-1] if became else found[0]
            # A description takes, in its own sentence, the last mention before it that is not an
            # aside; in an earlier one, the first (what that sentence is about: "East Malaysia
            # shares borders with ... the Philippines. ... the country" is Malaysia), or the last
            # it became ("Upper Volta was renamed Burkina Faso. The country ...").
            main = [m for m in found if not _ASIDE.search(text, max(0, m.start - 12), m.start)] or found
            if j == k:
                return main[-1]
            became = [m for m in main if _became(text, m)]
            return became[-1] if became else main[0]
    return None


#: Words right before a name that make it what the thing a sentence is about became
#: (rules/lexicon/discourse.toml, becomes_before): "restructured as the Federation of Malaya".
_BECAME = re.compile(r"\b(?:" + _discourse_words("becomes_before") + r")\s+(?:the\s+)?$", re.IGNORECASE)


def _became(text: str, mention: Mention) -> bool:
    """Whether ``mention`` names what something became ("renamed Burkina Faso"), not its owner
    ("became the EU's largest economy")."""
    return (_BECAME.search(text, max(0, mention.start - 24), mention.start) is not None
            and not text.startswith("'s", mention.end))


_AFTER_SEMICOLON = re.compile(r"(?:;|,\s*and)\s*$")
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")


def bind_defined_acronyms(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, with every later use of an acronym the text defines ("the European Community
    (EC)") standing for the entity it was defined for, whatever else the lexicon knows it as."""
    by_end = None
    bindings: dict[str, tuple[int, Mention]] = {}
    for match in _DEFINED.finditer(text):
        if by_end is None:
            by_end = {m.end: m for m in mentions if len(m.entity_ids) == 1}
        before = match.start()
        while before and text[before - 1].isspace():
            before -= 1
        named = by_end.get(before)
        if named is not None:
            bindings[match.group(1)] = (match.end(), named)
    if not bindings:
        return list(mentions)
    out = []
    seen = set()
    for mention in mentions:
        bound = bindings.get(mention.text)
        if bound is not None and mention.start >= bound[0]:
            mention = mention._replace(candidates=bound[1].candidates, types=bound[1].types)
        out.append(mention)
        seen.add((mention.start, mention.end))
    covered = sorted((m.start, m.end) for m in out)
    starts = [s for s, _ in covered]
    for acronym, (after, named) in bindings.items():
        for use in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text[after:]):
            start, end = after + use.start(), after + use.end()
            k = bisect_right(starts, start) - 1
            if k >= 0 and covered[k][1] > start or (start, end) in seen:
                continue
            out.append(Mention(start, end, acronym, named.candidates, named.types))
    out.sort(key=lambda m: (m.start, -m.end))
    return out
