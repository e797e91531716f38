"""The reference-fact interchange format (JSON Lines and CSV), read and checked without a database.

Reading a file yields plain records; nothing reaches the store until the whole file has
been read and every record checked, so a bad line leaves the store as it was.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from factcheck.dates import is_partial_date, parse_partial_date
from factcheck.errors import FactFileError, InputError
from factcheck.store.schema import ENTITY_TYPES, FACT_RANKS

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ENTITY_FIELDS = {"kind", "id", "name", "type", "aliases", "demonyms", "title", "jurisdiction", "seats", "ids"}
#: External ids an entity may carry (``"ids": {"wikidata": "Q148", "iso3166": "CN"}``), by scheme:
#: the form of a value. Pulls and packs land on the stored entity that carries one of theirs.
EXTERNAL_ID_SCHEMES = {
    "wikidata": re.compile(r"Q[1-9][0-9]*"),
    "iso3166": re.compile(r"[A-Z]{2}"),          # ISO 3166-1 alpha-2 country code
    "iso3166_alpha3": re.compile(r"[A-Z]{3}"),   # ISO 3166-1 alpha-3
    "iso4217": re.compile(r"[A-Z]{3}"),          # currency code
    "geonames": re.compile(r"[1-9][0-9]*"),      # GeoNames feature id
}
FACT_FIELDS = {
    "kind", "id", "subject", "predicate", "object", "value", "unit", "valid_from", "valid_until",
    "as_of", "source", "note", "rank",
}
CSV_REQUIRED = ("subject", "predicate")
#: Digits past which an integer cannot be a float (1.8e308): read as a HugeNumber, refused.
MAX_NUMBER_DIGITS = 309


class HugeNumber:
    """An integer in a fact file too long to be a number the store can keep."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"


def _json_int(text: str) -> int | HugeNumber:
    digits = len(text.lstrip("-"))
    return HugeNumber(digits) if digits > MAX_NUMBER_DIGITS else int(text)


#: Reads integers through _json_int; needed only on a line with a run of that many digits.
_HUGE_AWARE = json.JSONDecoder(parse_int=_json_int)
_PLAIN = json.JSONDecoder()
_LONG_DIGITS = re.compile(r"\d{%d}" % (MAX_NUMBER_DIGITS + 1))


@dataclass(frozen=True)
class EntityRecord:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    title: str | None = None
    jurisdiction: str | None = None
    seats: int | None = None
    line: int = 0
    #: External ids as sorted (scheme, value) pairs (see EXTERNAL_ID_SCHEMES).
    ids: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        out: dict = {"kind": "entity", "id": self.id, "name": self.name, "type": self.type}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.demonyms:
            out["demonyms"] = list(self.demonyms)
        for name in ("title", "jurisdiction", "seats"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.ids:
            out["ids"] = dict(self.ids)
        return out

    def content(self) -> tuple:
        return (self.name, self.type, tuple(sorted(self.aliases)), tuple(sorted(self.demonyms)),
                self.title, self.jurisdiction, self.seats, self.ids)


@dataclass(frozen=True)
class FactRecord:
    subject: str
    predicate: str
    object: str | None = None
    value: float | str | None = None
    unit: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    as_of: str | None = None
    source: str | None = None
    note: str | None = None
    rank: str = "normal"
    line: int = 0
    #: The store's id of the fact, as an export gives it: importing the record updates that fact.
    id: int | None = None

    def __init__(self, subject: str, predicate: str, object: str | None = None,  # noqa: A002
                 value: float | str | None = None, unit: str | None = None, valid_from: str | None = None,
                 valid_until: str | None = None, as_of: str | None = None, source: str | None = None,
                 note: str | None = None, rank: str = "normal", line: int = 0, id: int | None = None) -> None:  # noqa: A002
        # The generated __init__ of a frozen class sets each field through object.__setattr__; one
        # update of the instance's dict is twice as fast, for the million records of a big file.
        # (The defaults are the fields' own: a test compares them.)
        self.__dict__.update(subject=subject, predicate=predicate, object=object, value=value, unit=unit,
                             valid_from=valid_from, valid_until=valid_until, as_of=as_of, source=source,
                             note=note, rank=rank, line=line, id=id)

    def identity(self, subject_id: str, object_id: str | None) -> str:
        """The hash under which the same fact is stored once (CONTRACT section 2)."""
        value = "" if self.value is None else (
            self.value if isinstance(self.value, str) else repr(float(self.value)))
        raw = "\x1f".join((subject_id, self.predicate, object_id or "", value, self.valid_from or ""))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass
class FactFile:
    path: str
    sha256: str
    entities: list[EntityRecord] = field(default_factory=list)
    facts: list[FactRecord] = field(default_factory=list)


def read_fact_file(path: str | Path, predicates: Mapping[str, str]) -> FactFile:
    """Read and check one JSON Lines or CSV file of entities and facts.

    ``predicates`` maps every predicate the rule packs know to its kind; a fact with another
    predicate is an error. Raises ``FactFileError`` naming the file, line and field.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise FactFileError(f"cannot read fact file: {exc.strerror}", path=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FactFileError("file is not UTF-8", path=name, line=line) from None
    csv_file = name.lower().endswith(".csv")
    rows = _csv_rows(text, name, predicates) if csv_file else _jsonl_rows(text, name)
    return check_records(rows, name, predicates, sha256=hashlib.sha256(raw).hexdigest(),
                         default_kind="fact" if csv_file else None)


def check_records(rows: Iterable[tuple[int, dict]], name: str, predicates: Mapping[str, str], *,
                  sha256: str | None = None, default_kind: str | None = None) -> FactFile:
    """Check numbered records (line, record) from any origin: a file, a pack, a pull."""
    result = FactFile(path=name, sha256=sha256 or "")
    seen_entities: dict[str, EntityRecord] = {}
    fact_ids: dict[int, int] = {}
    for line, record in rows:
        kind = record.get("kind", default_kind)
        if kind == "entity":
            entity = _entity(record, name, line)
            previous = seen_entities.get(entity.id)
            if previous is not None and previous.content() != entity.content():
                raise FactFileError(
                    f"entity '{entity.id}' is defined twice with different content "
                    f"(first on line {previous.line})", path=name, line=line, field="id")
            if previous is None:
                seen_entities[entity.id] = entity
                result.entities.append(entity)
        elif kind == "fact":
            fact = _fact(record, name, line, predicates)
            if fact.id is not None:
                if fact.id in fact_ids:
                    raise FactFileError(f"fact id {fact.id} is given twice (first on line {fact_ids[fact.id]})",
                                        path=name, line=line, field="id")
                fact_ids[fact.id] = line
            result.facts.append(fact)
        else:
            raise FactFileError(f"'kind' must be \"entity\" or \"fact\", not {kind!r}",
                                path=name, line=line, field="kind")
    return result


def _jsonl_rows(text: str, name: str) -> Iterator[tuple[int, dict]]:
    plain, huge_aware = _PLAIN.decode, _HUGE_AWARE.decode
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            try:
                # Only a line with a long run of digits can hold an integer too long to keep.
                record = (huge_aware if len(line) > MAX_NUMBER_DIGITS and _LONG_DIGITS.search(line)
                          else plain)(line)
            except json.JSONDecodeError:
                record = json.loads(line, parse_int=_json_int)  # the error json.loads names
        except json.JSONDecodeError as exc:
            raise FactFileError(f"malformed JSON: {exc.msg} at column {exc.colno}",
                                path=name, line=number) from None
        except RecursionError:
            raise FactFileError("malformed JSON: arrays or objects nested too deeply",
                                path=name, line=number) from None
        if not isinstance(record, dict):
            raise FactFileError("each line must be a JSON object", path=name, line=number)
        yield number, record


def _csv_rows(text: str, name: str, predicates: Mapping[str, str]) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV file, strictly read: an unclosed quote or a stray one is an error naming
    the line the row starts on, never a cell that swallows the rows after it. A value is read
    as the predicate's kind takes it: "2023" is a number for a quantity, a year for a date."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise FactFileError(f"malformed CSV header: {_csv_problem(exc)}", path=name, line=1) from None
    for column in CSV_REQUIRED:
        if column not in header:
            raise FactFileError(f"CSV header lacks the column '{column}'", path=name, line=1,
                                field=column)
    unknown = [column for column in header if column not in FACT_FIELDS]
    if unknown:
        raise FactFileError(f"unknown CSV column '{unknown[0]}'", path=name, line=1, field=unknown[0])
    while True:
        starts = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FactFileError(f"malformed CSV: {_csv_problem(exc)}", path=name, line=starts) from None
        if None in row:
            raise FactFileError("row has more cells than the header", path=name,
                                line=reader.line_num)
        record = {key: value for key, value in row.items() if value not in (None, "")}
        if "value" in record:
            record["value"] = _csv_value(record["value"], predicates.get(record.get("predicate")))
        yield reader.line_num, record


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quoted cell that starts on this line is never closed"
    return text


_CSV_NUMBER = re.compile(r"-?[\d,]*\.?\d+(e[+-]?\d+)?", re.I)


def _csv_value(text: str, kind: str | None) -> float | str | HugeNumber:
    """A CSV cell as a value: a date for a date predicate, a number for a quantity, and for
    other predicates a date when it reads as one, else a number."""
    if kind == "date" or (kind != "quantity" and is_partial_date(text)):
        return text
    if not _CSV_NUMBER.fullmatch(text):
        return text
    digits = len(re.sub(r"[^0-9]", "", text.split(".")[0].split("e")[0].split("E")[0]))
    if digits > MAX_NUMBER_DIGITS:
        return HugeNumber(digits)
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def _string(record: dict, key: str, name: str, line: int, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise FactFileError(f"'{key}' is required", path=name, line=line, field=key)
        return None
    if not isinstance(value, str) or not value.strip():
        raise FactFileError(f"'{key}' must be a non-empty string, not {value!r}", path=name,
                            line=line, field=key)
    return value.strip()


def _string_list(record: dict, key: str, name: str, line: int) -> tuple[str, ...]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise FactFileError(f"'{key}' must be a list of non-empty strings", path=name, line=line,
                            field=key)
    return tuple(dict.fromkeys(v.strip() for v in value))


def _entity(record: dict, name: str, line: int) -> EntityRecord:
    unknown = sorted(set(record) - ENTITY_FIELDS)
    if unknown:
        raise FactFileError(f"unknown field '{unknown[0]}' in an entity", path=name, line=line,
                            field=unknown[0])
    entity_id = _string(record, "id", name, line, required=True)
    if not SLUG.match(entity_id):
        raise FactFileError(f"'id' must be a lower-case slug (a-z, 0-9, '-', '_', '.'), not {entity_id!r}",
                            path=name, line=line, field="id")
    entity_type = _string(record, "type", name, line, required=True)
    if entity_type not in ENTITY_TYPES:
        raise FactFileError(f"'type' must be one of {', '.join(ENTITY_TYPES)}; not {entity_type!r}",
                            path=name, line=line, field="type")
    seats = record.get("seats")
    if seats is not None and (not isinstance(seats, int) or isinstance(seats, bool) or seats < 1
                              or seats > 1_000_000):
        raise FactFileError(f"'seats' must be a whole number of at least 1, not {seats!r}",
                            path=name, line=line, field="seats")
    return EntityRecord(
        id=entity_id,
        name=_string(record, "name", name, line, required=True),
        type=entity_type,
        aliases=_string_list(record, "aliases", name, line),
        demonyms=_string_list(record, "demonyms", name, line),
        title=_string(record, "title", name, line),
        jurisdiction=_string(record, "jurisdiction", name, line),
        seats=seats,
        line=line,
        ids=_external_ids(record, name, line),
    )


def _external_ids(record: dict, name: str, line: int) -> tuple[tuple[str, str], ...]:
    value = record.get("ids")
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise FactFileError("'ids' must be an object of external ids, such as {\"wikidata\": \"Q148\"}",
                            path=name, line=line, field="ids")
    for scheme, text in value.items():
        form = EXTERNAL_ID_SCHEMES.get(scheme)
        if form is None:
            raise FactFileError(f"unknown external id scheme {scheme!r} in 'ids'; known: "
                                f"{', '.join(EXTERNAL_ID_SCHEMES)}", path=name, line=line, field="ids")
        if not isinstance(text, str) or not form.fullmatch(text):
            raise FactFileError(f"'ids' {scheme} must look like {form.pattern}, not {text!r}",
                                path=name, line=line, field="ids")
    return tuple(sorted(value.items()))


#: A file repeats the same few dates: each is parsed once.
_parsed_date = lru_cache(maxsize=65536)(parse_partial_date)


def _date_field(record: dict, key: str, name: str, line: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FactFileError(f"'{key}' must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
                            path=name, line=line, field=key)
    try:
        _parsed_date(value)
    except InputError as exc:
        raise FactFileError(str(exc), path=name, line=line, field=key) from None
    return value


def _as_float(number: int | float) -> float:
    try:
        return float(number)
    except OverflowError:
        return math.inf


def _shown(number: int | float) -> str:
    text = repr(number)
    return text if len(text) <= 40 else f"{text[:12]}...{text[-12:]} ({len(text)} characters)"


def _fact(record: dict, name: str, line: int, predicates: Mapping[str, str]) -> FactRecord:
    if not record.keys() <= FACT_FIELDS:
        unknown = sorted(set(record) - FACT_FIELDS)
        raise FactFileError(f"unknown field '{unknown[0]}' in a fact", path=name, line=line,
                            field=unknown[0])
    fact_id = record.get("id")
    if isinstance(fact_id, str) and fact_id.strip().isdigit():
        fact_id = int(fact_id.strip())
    if fact_id is not None and (not isinstance(fact_id, int) or isinstance(fact_id, bool)
                                or not 0 < fact_id < 2**63):
        raise FactFileError(f"'id' of a fact must be a whole number of at least 1, not {fact_id!r}",
                            path=name, line=line, field="id")
    get = record.get
    # A plain non-empty string is taken as it is (stripped); anything else goes through _string.
    subject, predicate = get("subject"), get("predicate")
    if subject.__class__ is not str or not (subject := subject.strip()):
        subject = _string(record, "subject", name, line, required=True)
    if predicate.__class__ is not str or not (predicate := predicate.strip()):
        predicate = _string(record, "predicate", name, line, required=True)
    if predicate not in predicates:
        raise FactFileError(
            f"unknown predicate '{predicate}' (known: {', '.join(sorted(predicates))}; "
            "a rule pack may define more)", path=name, line=line, field="predicate")
    obj = get("object")
    if obj is not None and (obj.__class__ is not str or not (obj := obj.strip())):
        obj = _string(record, "object", name, line)
    value = get("value")
    kind = predicates[predicate]
    if isinstance(value, HugeNumber):
        raise FactFileError(f"'value' is too large: {value!r}", path=name, line=line, field="value")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise FactFileError(f"'value' must be a number or a date, not {value!r}", path=name,
                                line=line, field="value")
        if isinstance(value, str):
            if not is_partial_date(value):
                raise FactFileError(f"'value' must be a number or a date YYYY[-MM[-DD]], not {value!r}",
                                    path=name, line=line, field="value")
            _date_field(record, "value", name, line)
        elif not math.isfinite(_as_float(value)):
            raise FactFileError(f"'value' must be a finite number, not {_shown(value)}", path=name,
                                line=line, field="value")
        if kind == "quantity" and isinstance(value, str):
            raise FactFileError(f"'value' of {predicate} must be a number, not the date {value!r}",
                                path=name, line=line, field="value")
    if obj is None and value is None:
        raise FactFileError("a fact needs an 'object' or a 'value'", path=name, line=line,
                            field="object")
    valid_from = _date_field(record, "valid_from", name, line) if get("valid_from") is not None else None
    valid_until = _date_field(record, "valid_until", name, line) if get("valid_until") is not None else None
    if valid_from and valid_until and (
            _parsed_date(valid_until).date_until < _parsed_date(valid_from).date_from):
        raise FactFileError(f"'valid_until' {valid_until} precedes 'valid_from' {valid_from}",
                            path=name, line=line, field="valid_until")
    rank = (_string(record, "rank", name, line) if get("rank") is not None else None) or "normal"
    if rank not in FACT_RANKS:
        raise FactFileError(f"'rank' must be one of {', '.join(FACT_RANKS)}, not {rank!r}",
                            path=name, line=line, field="rank")
    return FactRecord(
        subject=subject,
        predicate=predicate,
        object=obj,
        value=value,
        unit=_string(record, "unit", name, line) if get("unit") is not None else None,
        valid_from=valid_from,
        valid_until=valid_until,
        as_of=_date_field(record, "as_of", name, line) if get("as_of") is not None else None,
        source=_string(record, "source", name, line) if get("source") is not None else None,
        note=_string(record, "note", name, line) if get("note") is not None else None,
        rank=rank,
        line=line,
        id=fact_id,
    )
