"""The values every stage passes on: documents, sentences, mentions, claims, evidence, verdicts.

Every stage imports this module and none owns it. Reading a source gives text; analysis gives
:class:`Sentence` spans and :class:`Mention` s; extraction gives a :class:`Document` of
:class:`Claim` s; resolution gives new claims whose references are settled; verification gives a
:class:`Verdict` (with :class:`Evidence`, the facts it used) per claim, gathered in a
:class:`CheckedDocument`; reports read only these.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from datetime import date
from typing import NamedTuple

from factcheck.dates import DateRange, parse_partial_date

VERDICTS = ("supported", "contradicted", "unknown")


class Sentence(NamedTuple):
    """A sentence as character offsets into its document's text."""

    start: int
    end: int


class Spans(Sequence[Sentence]):
    """A document's sentences, kept as two arrays of offsets and read back as :class:`Sentence` s.

    A long document has hundreds of thousands of sentences; as arrays they cost two integers
    each and add nothing for the garbage collector to walk while the document is kept.
    """

    __slots__ = ("_starts", "_ends")

    def __init__(self, sentences: Iterable[tuple[int, int]] = ()) -> None:
        self._starts = array("q")
        self._ends = array("q")
        self.extend(sentences)

    def append(self, sentence: tuple[int, int]) -> None:
        start, end = sentence
        self._starts.append(start)
        self._ends.append(end)

    def extend(self, sentences: Iterable[tuple[int, int]]) -> None:
        for start, end in sentences:
            self._starts.append(start)
            self._ends.append(end)

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if type(index) is slice:
            return list(map(_sentence, zip(self._starts[index], self._ends[index])))
        return _sentence((self._starts[index], self._ends[index]))

    def __iter__(self) -> Iterator[Sentence]:
        return map(_sentence, zip(self._starts, self._ends))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self._starts == other._starts and self._ends == other._ends
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"

    def __reduce__(self):
        return (Spans, (list(zip(self._starts, self._ends)),))


_sentence = partial(tuple.__new__, Sentence)   # a Sentence from a (start, end) pair, made in C


class Candidate(NamedTuple):
    """One entity a mention may refer to, and how it was written.

    A named tuple, not a dataclass: a lexicon of a million names makes a million of them.
    """

    entity_id: str | None
    kind: str          # name, alias, demonym, title, short, unknown
    type: str          # the entity type, or "title"
    canonical: str     # the entity's name, or the canonical title


#: The types of a mention of a single capitalised word the store does not know: a name of a place
#: or a firm, possibly, for the pattern slots whose type ends in "?"
PROPER_TYPES = frozenset({"proper"})


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    types: frozenset[str]

    @property
    def entity_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.entity_id for c in self.candidates if c.entity_id))


@dataclass(frozen=True)
class EntityRef:
    id: str | None
    name: str
    candidates: tuple[str, ...] = ()

    def to_json(self) -> dict:
        out: dict = {"id": self.id, "name": self.name}
        if self.id is None and len(self.candidates) > 1:
            out["candidates"] = list(self.candidates)
        return out


@dataclass
class Claim:
    """One checkable assertion found in a document."""

    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str
    rule: str
    predicate: str
    subject: EntityRef | None
    object: EntityRef | None = None
    value: dict | None = None
    time: DateRange | None = None
    time_role: str = "at"
    time_text: str | None = None
    negated: bool = False
    modality: str | None = None
    modality_cue: str | None = None
    members: tuple[EntityRef, ...] = ()
    rank_top: int | None = None
    #: The subject's place in a ranking by the predicate's figures ("the world's 16th-largest economy").
    rank: int | None = None
    quantity: object | None = None
    sentence_start: int = 0
    id: str = ""
    #: How the subject was found when the sentence names it by a reference word: {"text": "its",
    #: "refers_to": "Madrid", "start": offset of "Madrid"}
    subject_via: dict | None = None

    def to_json(self, *, with_verdict: bool = False) -> dict:
        out = {
            "id": self.id, "text": self.text, "start": self.start, "end": self.end,
            "line": self.line, "column": self.column, "sentence": self.sentence,
            "subject": self.subject.to_json() if self.subject else None,
            "predicate": self.predicate,
            "object": self.object.to_json() if self.object else None,
            "value": ({**self.value, "member_names": [m.name for m in self.members]}
                      if self.value and "members" in self.value and self.members else self.value),
            "time": {"from": self.time.date_from.isoformat(), "until": self.time.date_until.isoformat()}
            if self.time else None,
            "rule": self.rule,
        }
        if self.negated:
            out["negated"] = True
        if self.modality:
            out["modality"] = {"kind": self.modality, "cue": self.modality_cue}
        if self.subject_via:
            out["subject_via"] = self.subject_via
        return out


@dataclass
class Document:
    """A text with its publication date and everything extraction found in it."""

    text: str
    published: date
    published_from: str = "option"
    source: str = "-"
    claims: list[Claim] = field(default_factory=list)
    #: The sentences as spans of ``text``: a :class:`Spans` for a whole document.
    sentences: Sequence[Sentence] = field(default_factory=Spans)
    #: What context-only rules remembered: (rule id, predicate, subject id, object id).
    context: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    #: Set when the document was not fully checked (its time budget ran out): why, and the
    #: offset of the first sentence left unread (claims from there on are missing).
    incomplete: Incomplete | None = None


@dataclass(frozen=True)
class Incomplete:
    """Why a document's claims stop short, and where."""

    reason: str
    offset: int


@dataclass(frozen=True)
class Deadline:
    """A point in time (``time.monotonic()``) after which a document's stages stop early.

    Checked between sentences (extraction) and between claims (verification): no stage is
    interrupted in the middle of one, and each takes a bounded time over one.
    """

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float | None) -> Deadline | None:
        """The deadline ``seconds`` from now; None for no budget (None or 0)."""
        if not seconds:
            return None
        return cls(time.monotonic() + seconds, seconds)

    def passed(self) -> bool:
        return time.monotonic() > self.at

    def incomplete(self, offset: int) -> Incomplete:
        return Incomplete(f"the time budget of {self.seconds:g} s ran out", offset)


@dataclass(frozen=True)
class Evidence:
    """A reference fact as the store returns it and a verdict cites it, detached from any session."""

    id: int
    subject: str
    predicate: str
    object: str | None
    value_number: float | None
    value_date: str | None
    unit: str | None
    valid_from: str | None
    valid_until: str | None
    as_of: str | None
    source: str | None
    note: str | None
    rank: str
    #: The subject's and object's names, where the verdict that cites the fact set them
    subject_name: str | None = None
    object_name: str | None = None

    @property
    def value(self) -> float | str | None:
        if self.value_date is not None:
            return self.value_date
        if self.value_number is not None and float(self.value_number).is_integer():
            return int(self.value_number)
        return self.value_number

    def to_record(self) -> dict:
        """The fact as an interchange record (CONTRACT section 2)."""
        record: dict = {"kind": "fact", "subject": self.subject, "predicate": self.predicate}
        for key, value in (("object", self.object), ("value", self.value), ("unit", self.unit),
                           ("valid_from", self.valid_from), ("valid_until", self.valid_until),
                           ("as_of", self.as_of), ("source", self.source), ("note", self.note)):
            if value is not None:
                record[key] = value
        if self.rank != "normal":
            record["rank"] = self.rank
        return record

    def interval(self) -> tuple[date, date]:
        """When the fact holds, both ends inclusive; an open end is date.min or date.max."""
        start = parse_partial_date(self.valid_from).date_from if self.valid_from else date.min
        end = parse_partial_date(self.valid_until).date_until if self.valid_until else date.max
        return start, end

    def holds_during(self, when: DateRange) -> bool:
        """Whether the fact holds on some day of ``when``."""
        start, end = self.interval()
        return start <= when.date_until and when.date_from <= end

    def to_json(self) -> dict:
        out = {
            "fact": self.id, "subject": self.subject, "predicate": self.predicate,
            "object": self.object, "value": self.value, "unit": self.unit,
            "valid_from": self.valid_from, "valid_until": self.valid_until, "as_of": self.as_of,
            "source": self.source,
        }
        if self.subject_name is not None:
            out["subject_name"] = self.subject_name
        if self.object_name is not None:
            out["object_name"] = self.object_name
        return out


@dataclass
class Verdict:
    verdict: str                       # supported, contradicted, unknown
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CheckedDocument:
    """A document with a verdict for each of its claims."""

    document: Document
    verdicts: list[tuple[Claim, Verdict]] = field(default_factory=list)   # pairs, in claim order

    def summary(self) -> dict[str, int]:
        counts = {name: 0 for name in VERDICTS}
        for _, verdict in self.verdicts:
            counts[verdict.verdict] += 1
        return counts

