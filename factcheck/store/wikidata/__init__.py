"""Reference facts pulled from Wikidata, as interchange records (CONTRACT sections 2 and 3).

    records = pull(["Q15031", "Q22686"])                # Xi Jinping, Donald Trump
    records = pull_sparql(Path("leaders.rq").read_text())
    store.import_records(records, load_rules().predicate_kinds(), origin="wikidata", kind="pull")

``pull`` reads the entities with the ``wbgetentities`` API (50 ids a request), then, in a second
round, the entities their statements point at (offices, places, organizations, currencies) so
those get names, aliases and types too, and in a third the jurisdictions (P1001) of the offices.
Only the statements of the entities asked for become facts; the entities pulled in the later
rounds are described (name, aliases, type, demonyms, title, jurisdiction) but their own
statements are not turned into facts unless they are asked for too.

Statements map onto the core predicates:

    P39  position held          holds_office    person -> office, P580/P582 -> valid_from/valid_until
    P36  capital                capital         country/region -> city, interval
    P1082 population            population      place, unit "people", P585 -> as_of (required)
    P2046 area                  area            place, unit "km2" (sq mi, m2, ha, acre converted)
    P2131 nominal GDP           gdp_nominal     country, unit "USD" (US dollar only), P585 required
    P38  currency               currency        country -> currency, interval
    P159 headquarters location  headquarters    organization -> place, interval
    P17  country, P131 located in the administrative territorial entity
                                located_in      place/organization -> place, interval
    P463 member of              member_of       country/person/organization -> organization, interval
    P47  shares border with     borders         country -> country, interval
    P127 owned by               controlled_by   organization -> organization/country, interval
    P276 location               event_location  event -> place
    P580 / P582 start/end time  start_date / end_date   event, a date value
    P571 inception              founded         organization, a date value

Times become ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by their precision (11, 10, 9; coarser ones
are dropped; Julian-calendar days are converted to the Gregorian calendar). The statement's
rank (preferred, normal, deprecated) is the fact's ``rank``. A fact's ``source`` is the
statement's reference URL (P854) where it has one, else
``https://www.wikidata.org/wiki/<QID>#<PID>``; its ``note`` names the Wikidata statement.

Entity ids are slugs of the English label ("People's Republic of China" ->
``people-s-republic-of-china``); where two pulled entities would share a slug, every one but
the one with the lowest QID number gets ``-<qid>`` appended. Every entity has its QID among its
aliases, so later files and pulls can refer to it. The type comes from P31 (the
``instance_types`` of ``data/wikidata/properties.toml``, where every mapping above is kept);
a P39 value is an office whatever its P31 says. Countries and regions get their English
demonyms (P1549). Offices get ``jurisdiction`` (P1001, pulled too), ``title`` (the label
without the jurisdiction's name, then mapped to the canonical title of the rule packs'
title variants, as the store's offices carry it) and ``seats`` (P1342 where stated, else 1).
Records come entities first (offices last, so every jurisdiction precedes its offices), then
facts, each group in a stable order.

HTTP: a descriptive User-Agent, timeouts (connect 10 s, read 30 s), up to ``max_retries``
attempts per URL with exponential backoff on 429, 5xx and transport errors, honouring
``Retry-After`` (seconds or an HTTP date); a ``WikidataError`` naming the URL and the status
when the last attempt fails, or at once on any other 4xx. With
``cache_dir`` every response body is kept under ``sha256(url)`` and reused without a request.
``httpx`` is imported inside the functions, so importing this module (and the CLI) stays cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from factcheck.errors import FactcheckError, InputError
from factcheck.store.wikidata.properties import properties

if TYPE_CHECKING:  # httpx is imported where it is used, so the CLI starts fast
    import httpx

USER_AGENT = "factcheck/0.1.0 (https://github.com/factcheck/factcheck; reference-fact import)"
DEFAULT_BASE_URL = "https://www.wikidata.org"
DEFAULT_SPARQL_ENDPOINT = "https://query.wikidata.org/sparql"
#: Facts cite the public entity page, whatever mirror or test server they were read from.
WIKI_URL = "https://www.wikidata.org/wiki/"
BATCH = 50                      # wbgetentities takes at most 50 ids a request
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_RETRY_AFTER = 600.0         # never sleep longer than this on one Retry-After

_QID = re.compile(r"^[Qq]([1-9][0-9]*)$")
_ENTITY_IRI = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_WIKIDATA_URL = re.compile(r"^https?://(?:www|m)\.wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)/?$")
_TIME = re.compile(r"^([+-])(\d{1,16})-(\d{2})-(\d{2})T")
_ENTITY_UNIT = re.compile(r"/entity/(Q[1-9][0-9]*)$")

# Pauses between attempts go through this name, so tests can record them instead of waiting.
_sleep = time.sleep


class WikidataError(FactcheckError):
    """Wikidata could not be read: an HTTP error after the retries, a transport error, bad JSON.

    ``url`` and ``status`` (None for a transport error) say which request failed.
    """

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        self.url = url
        self.status = status
        super().__init__(message)


# -- public API ----------------------------------------------------------------------------

def pull(qids: list[str], *, client: httpx.Client | None = None, base_url: str = DEFAULT_BASE_URL,
         cache_dir: Path | None = None, max_retries: int = 4, backoff: float = 0.5,
         titles: Mapping[str, str] | None = None) -> list[dict]:
    """Interchange records (entities first, then facts, in a stable order) for Wikidata items.

    ``qids``: item ids ("Q15031", also "q15031" or an entity URL). ``client``: an
    ``httpx.Client`` to use (not closed here); without one a client is made and closed.
    ``max_retries``: how many times one URL is tried in all before giving up (at least once);
    ``backoff``: the first pause in seconds, doubled after every failed attempt (a
    ``Retry-After`` header takes precedence). ``titles``: office-title variants -> the
    canonical title the store's offices carry (the rule packs' ``[titles.variants]``, so
    "Minister of Foreign Affairs" is stored as "Foreign Minister"); None takes the bundled
    packs' variants, ``{}`` keeps the titles as Wikidata words them. Raises ``InputError`` for
    a malformed id, ``WikidataError`` when Wikidata cannot be read.
    """
    wanted = normalize_qids(qids)
    if not wanted:
        return []
    with _Http(client, cache_dir, max_retries, backoff) as http:
        return _Puller(http, base_url, _title_variants(titles)).run(wanted)


def pull_sparql(query: str, *, client: httpx.Client | None = None,
                endpoint: str = DEFAULT_SPARQL_ENDPOINT, base_url: str = DEFAULT_BASE_URL,
                cache_dir: Path | None = None, max_retries: int = 4, backoff: float = 0.5,
                titles: Mapping[str, str] | None = None) -> list[dict]:
    """Run a SPARQL query (the text of a ``.rq`` file) and ``pull`` every item its results name.

    Every binding value that is a Wikidata entity IRI (``http://www.wikidata.org/entity/Q…``)
    counts, whatever the variable. The other arguments are those of ``pull``.
    """
    if not isinstance(query, str) or not query.strip():
        raise InputError("the SPARQL query is empty")
    with _Http(client, cache_dir, max_retries, backoff) as http:
        url = endpoint + "?" + urlencode({"query": query, "format": "json"}, quote_via=quote)
        result = http.get_json(url, accept="application/sparql-results+json")
        qids = sparql_entities(result, url)
        if not qids:
            return []
        return _Puller(http, base_url, _title_variants(titles)).run(normalize_qids(qids))


def _title_variants(titles: Mapping[str, str] | None) -> dict[str, str]:
    if titles is None:
        from factcheck.rules.loader import load_rules

        titles = load_rules().titles
    return {variant.casefold(): canonical for variant, canonical in titles.items()}


def sparql_entities(result: Any, url: str = "SPARQL result") -> list[str]:
    """The QIDs of every entity IRI in a SPARQL JSON result, in order of first appearance."""
    try:
        bindings = result["results"]["bindings"]
        if not isinstance(bindings, list):
            raise TypeError
    except (KeyError, TypeError):
        raise WikidataError(f"{url}: not a SPARQL JSON result (no results.bindings)", url=url) from None
    found: dict[str, None] = {}
    for row in bindings:
        if not isinstance(row, dict):
            continue
        for cell in row.values():
            if isinstance(cell, dict) and cell.get("type") == "uri":
                match = _ENTITY_IRI.match(str(cell.get("value", "")))
                if match:
                    found.setdefault(match.group(1))
    return list(found)


def normalize_qids(qids: Iterable[str]) -> list[str]:
    """Ids as "Q123", without repeats, in the order given; ``InputError`` for anything else."""
    if isinstance(qids, str):
        qids = [qids]
    out: dict[str, None] = {}
    for raw in qids:
        text = raw.strip() if isinstance(raw, str) else ""
        match = _QID.match(text) or _WIKIDATA_URL.match(text) or _ENTITY_IRI.match(text)
        if not match:
            raise InputError(f"not a Wikidata item id: {raw!r} (expected Q followed by digits, "
                             "e.g. Q15031)")
        out.setdefault("Q" + match.group(1).lstrip("Qq"))
    return list(out)


def slugify(label: str) -> str:
    """The entity id of a label, as the world pack makes them ("Washington, D.C." -> "washington-dc")."""
    from factcheck.store.worldpack import slug

    return slug(label)


def wikidata_time(value: dict) -> str | None:
    """A Wikidata time value as YYYY-MM-DD, YYYY-MM or YYYY by its precision; None if coarser or BCE."""
    if not isinstance(value, dict):
        return None
    match = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision")
    if not match or match.group(1) == "-" or precision not in (9, 10, 11):
        return None
    year, month, day = int(match.group(2)), int(match.group(3)), int(match.group(4))
    if not 1 <= year <= 9999:
        return None
    if precision == 9:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if precision == 10:
        return f"{year:04d}-{month:02d}"
    try:
        if str(value.get("calendarmodel", "")).endswith("/" + properties().julian_calendar):
            day_value = _julian_to_gregorian(year, month, day)
        else:
            day_value = date(year, month, day)
    except ValueError:
        return None
    return day_value.isoformat()


def _julian_to_gregorian(year: int, month: int, day: int) -> date:
    if not 1 <= day <= 31:
        raise ValueError("bad day")
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return date.fromordinal(jdn - 1721425)


# -- HTTP ----------------------------------------------------------------------------------

class _Http:
    """GETs JSON with retries, backoff and an optional on-disk cache; owns its client if it made it."""

    def __init__(self, client: httpx.Client | None, cache_dir: Path | None, max_retries: int,
                 backoff: float) -> None:
        self.client = client
        self.owned = client is None
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.attempts = max(1, int(max_retries))
        self.backoff = max(0.0, float(backoff))

    def __enter__(self) -> "_Http":
        if self.client is None:
            import httpx

            self.client = httpx.Client(
                headers={"User-Agent": USER_AGENT},
                timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
                follow_redirects=True,
            )
        return self

    def __exit__(self, *exc_info) -> None:
        if self.owned and self.client is not None:
            self.client.close()
            self.client = None

    def _cache_path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get_json(self, url: str, *, accept: str = "application/json") -> Any:
        cached = self._cache_path(url)
        if cached is not None and cached.is_file():
            body = cached.read_bytes()
        else:
            body = self._fetch(url, accept)
            if cached is not None:
                _write_atomic(cached, body)
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            if cached is not None and cached.is_file():
                cached.unlink()
            raise WikidataError(f"{url}: the response is not JSON ({exc})", url=url) from None

    def _fetch(self, url: str, accept: str) -> bytes:
        import httpx

        headers = {"Accept": accept}
        if self.client.headers.get("User-Agent", "").startswith("python-httpx") or \
                "User-Agent" not in self.client.headers:
            headers["User-Agent"] = USER_AGENT
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self.client.get(url, headers=headers)
            except httpx.TransportError as exc:
                if last:
                    raise WikidataError(f"{url}: {type(exc).__name__}: {exc} "
                                        f"(after {self.attempts} attempts)", url=url) from None
                _sleep(self.backoff * 2 ** (attempt - 1))
                continue
            status = response.status_code
            if status == 200:
                return response.content
            retryable = status == 429 or 500 <= status <= 599
            if not retryable or last:
                reason = response.reason_phrase or ""
                tries = f" after {self.attempts} attempts" if retryable else ""
                raise WikidataError(f"{url}: HTTP {status} {reason}{tries}".rstrip(), url=url,
                                    status=status)
            wait = _retry_after(response.headers.get("Retry-After"))
            _sleep(wait if wait is not None else self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(header: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped; None if absent."""
    if not header:
        return None
    header = header.strip()
    try:
        seconds = float(header)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    if seconds != seconds:   # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _write_atomic(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


# -- statements -> facts -------------------------------------------------------------------

@dataclass(frozen=True)
class _Candidate:
    """A fact read from a statement, with entities still named by QID."""

    subject: str
    predicate: str
    object: str | None = None
    value: int | float | str | None = None
    unit: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    as_of: str | None = None
    rank: str = "normal"
    source: str = ""
    note: str | None = None


def _statements(entity: dict, prop: str) -> Iterator[dict]:
    claims = entity.get("claims")
    if not isinstance(claims, dict):
        return
    for statement in claims.get(prop) or ():
        if isinstance(statement, dict) and isinstance(statement.get("mainsnak"), dict):
            yield statement


def _snak_value(snak: Any, value_type: str) -> Any:
    """The datavalue of a snak of type ``value_type``, or None (no value, unknown value, other type)."""
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, dict) or datavalue.get("type") != value_type:
        return None
    return datavalue.get("value")


def _item_id(value: Any) -> str | None:
    if not isinstance(value, dict) or value.get("entity-type", "item") != "item":
        return None
    qid = value.get("id")
    if isinstance(qid, str) and _QID.match(qid):
        return qid.upper()
    numeric = value.get("numeric-id")
    if isinstance(numeric, int) and numeric > 0:
        return f"Q{numeric}"
    return None


def _qualifier(statement: dict, prop: str) -> tuple[bool, Any]:
    """(present, time string or None) for a time qualifier; present-but-None means unusable."""
    snaks = (statement.get("qualifiers") or {}).get(prop) or []
    if not snaks:
        return False, None
    for snak in snaks:
        text = wikidata_time(_snak_value(snak, "time"))
        if text is not None:
            return True, text
    return True, None


def _reference_url(statement: dict) -> str | None:
    for reference in statement.get("references") or ():
        for snak in ((reference or {}).get("snaks") or {}).get("P854") or ():
            url = _snak_value(snak, "string")
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                return url
    return None


def _quantity(value: Any) -> tuple[Decimal, str | None] | None:
    """(amount, unit QID or None for a plain number) of a quantity value."""
    if not isinstance(value, dict):
        return None
    try:
        amount = Decimal(str(value.get("amount")))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    unit = str(value.get("unit", "1"))
    if unit == "1":
        return amount, None
    match = _ENTITY_UNIT.search(unit)
    return (amount, match.group(1)) if match else None


def _number(amount: Decimal) -> int | float:
    if amount == amount.to_integral_value():
        return int(amount)
    return float(round(amount, 6))


def _rank(statement: dict) -> str:
    rank = statement.get("rank")
    return rank if rank in ("preferred", "normal", "deprecated") else "normal"


def _provenance(qid: str, prop: str, statement: dict) -> tuple[str, str]:
    page = f"{WIKI_URL}{qid}#{prop}"
    reference = _reference_url(statement)
    statement_id = statement.get("id")
    note = f"Wikidata statement {statement_id}" if isinstance(statement_id, str) else f"Wikidata {qid} {prop}"
    if reference:
        return reference, f"{note} ({page})"
    return page, note


def _interval(statement: dict) -> tuple[bool, str | None, str | None]:
    """(usable, valid_from, valid_until) from P580/P582 qualifiers; an unusable end drops the statement.

    A start or end given as "unknown value" or at a coarser precision than a year cannot be
    stated: an unknown end would otherwise read as "still holds".
    """
    has_start, start = _qualifier(statement, "P580")
    has_end, end = _qualifier(statement, "P582")
    if has_end and end is None:
        return False, None, None
    if start and end:
        from factcheck.dates import parse_partial_date

        if parse_partial_date(end).date_until < parse_partial_date(start).date_from:
            return False, None, None
    return True, start, end


def _candidates(qid: str, entity: dict, entity_type: str) -> list[_Candidate]:
    """Every fact the statements of one entity give, for its type; objects still QIDs."""
    out: list[_Candidate] = []
    props = properties()

    def allowed(predicate: str) -> bool:
        return entity_type in props.subject_types[predicate]

    # Relations with a validity interval (qualifiers P580/P582), then those without one.
    relations = [(prop, predicate, True) for prop, predicate in props.relations.items()]
    relations += [(prop, predicate, False) for prop, predicate in props.relations_without_interval.items()]
    for prop, predicate, with_interval in relations:
        if not allowed(predicate):
            continue
        for statement in _statements(entity, prop):
            target = _item_id(_snak_value(statement["mainsnak"], "wikibase-entityid"))
            if target is None or target == qid:
                continue
            start = end = None
            if with_interval:
                usable, start, end = _interval(statement)
                if not usable:
                    continue
            source, note = _provenance(qid, prop, statement)
            out.append(_Candidate(qid, predicate, object=target, valid_from=start, valid_until=end,
                                  rank=_rank(statement), source=source, note=note))
    for prop, predicate in props.dates.items():
        if not allowed(predicate):
            continue
        for statement in _statements(entity, prop):
            value = wikidata_time(_snak_value(statement["mainsnak"], "time"))
            if value is None:
                continue
            source, note = _provenance(qid, prop, statement)
            out.append(_Candidate(qid, predicate, value=value, rank=_rank(statement),
                                  source=source, note=note))
    out.extend(_quantity_candidates(qid, entity, entity_type))
    return out


def _quantity_candidates(qid: str, entity: dict, entity_type: str) -> list[_Candidate]:
    """Facts from quantity statements in a unit the property takes, converted to the fact's unit."""
    out = []
    props = properties()
    for prop, spec in props.quantities.items():
        if entity_type not in props.subject_types[spec.predicate]:
            continue
        for statement in _statements(entity, prop):
            quantity = _quantity(_snak_value(statement["mainsnak"], "quantity"))
            if quantity is None:
                continue
            amount, unit_qid = quantity
            factor = spec.units.get(unit_qid or "1")
            if factor is None:
                continue
            _, as_of = _qualifier(statement, "P585")
            if spec.as_of_required and as_of is None:
                continue
            source, note = _provenance(qid, prop, statement)
            out.append(_Candidate(qid, spec.predicate, value=_number(amount * factor), unit=spec.unit,
                                  as_of=as_of, rank=_rank(statement), source=source, note=note))
    return out


# -- the pull ------------------------------------------------------------------------------

def _qid_number(qid: str) -> int:
    return int(qid[1:])


def _label(entity: dict) -> str | None:
    label = ((entity.get("labels") or {}).get("en") or {}).get("value")
    return label.strip() if isinstance(label, str) and label.strip() else None


def _aliases(entity: dict) -> list[str]:
    out = []
    for alias in (entity.get("aliases") or {}).get("en") or ():
        text = (alias or {}).get("value") if isinstance(alias, dict) else None
        if isinstance(text, str) and text.strip():
            out.append(text.strip())
    return out


def _item_values(entity: dict, prop: str) -> list[str]:
    """Item values of a property, preferred statements first, deprecated ones left out."""
    statements = [s for s in _statements(entity, prop) if _rank(s) != "deprecated"]
    statements.sort(key=lambda s: 0 if _rank(s) == "preferred" else 1)
    values = []
    for statement in statements:
        target = _item_id(_snak_value(statement["mainsnak"], "wikibase-entityid"))
        if target and target not in values:
            values.append(target)
    return values


def _base_type(entity: dict) -> str:
    props = properties()
    found = {props.instance_types[q] for q in _item_values(entity, "P31") if q in props.instance_types}
    for entity_type in props.type_order:
        if entity_type in found:
            return entity_type
    return "other"


def _demonyms(entity: dict) -> list[str]:
    out = []
    for statement in _statements(entity, "P1549"):
        if _rank(statement) == "deprecated":
            continue
        value = _snak_value(statement["mainsnak"], "monolingualtext")
        if isinstance(value, dict) and value.get("language") == "en":
            text = str(value.get("text", "")).strip()
            if text and text not in out:
                out.append(text)
    return out


def _seats(entity: dict) -> int:
    """P1342 (number of seats) where the office states it, else 1."""
    for statement in _statements(entity, "P1342"):
        if _rank(statement) == "deprecated":
            continue
        quantity = _quantity(_snak_value(statement["mainsnak"], "quantity"))
        if quantity and quantity[1] is None and quantity[0] >= 1 and quantity[0] == int(quantity[0]):
            return int(quantity[0])
    return 1


def office_title(label: str, jurisdiction_names: Iterable[str]) -> str:
    """The office's title: its label without the jurisdiction.

    "President of the People's Republic of China" -> "President";
    "United States Secretary of State" -> "Secretary of State". Names are tried longest first;
    a label that names no jurisdiction is its own title.
    """
    names = sorted({n.strip() for n in jurisdiction_names if n and n.strip()}, key=len, reverse=True)
    title = label.strip()
    folded = title.casefold()
    for name in names:
        key = name.casefold()
        for suffix in (f" of the {key}", f" of {key}", f", {key}", f" ({key})"):
            if folded.endswith(suffix) and len(folded) > len(suffix):
                title = title[:len(title) - len(suffix)].strip()
                folded = title.casefold()
                break
        else:
            continue
        break
    for name in names:
        key = name.casefold()
        for prefix in (f"{key}'s ", f"{key} "):
            if folded.startswith(prefix) and len(folded) > len(prefix):
                title = title[len(prefix):].strip()
                folded = title.casefold()
                break
        else:
            continue
        break
    return title


class _Puller:
    def __init__(self, http: _Http, base_url: str, titles: Mapping[str, str]) -> None:
        self.http = http
        self.titles = titles
        self.base_url = base_url.rstrip("/")
        self.raw: dict[str, dict] = {}
        self.missing: set[str] = set()

    def fetch(self, qids: Iterable[str]) -> None:
        todo = sorted({q for q in qids if q not in self.raw and q not in self.missing},
                      key=_qid_number)
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            url = (f"{self.base_url}/w/api.php?action=wbgetentities&ids={'|'.join(batch)}"
                   "&props=labels|aliases|claims|descriptions&languages=en&format=json")
            data = self.http.get_json(url)
            if not isinstance(data, dict):
                raise WikidataError(f"{url}: unexpected response (not a JSON object)", url=url)
            if "error" in data:
                error = data["error"] if isinstance(data["error"], dict) else {}
                raise WikidataError(f"{url}: Wikidata API error {error.get('code', '?')}: "
                                    f"{error.get('info', data['error'])}", url=url)
            entities = data.get("entities")
            if not isinstance(entities, dict):
                raise WikidataError(f"{url}: unexpected response (no 'entities')", url=url)
            for key, entity in entities.items():
                if not isinstance(entity, dict) or "missing" in entity:
                    continue
                ids = {key.upper(), str(entity.get("id", "")).upper()}
                # A redirected id answers with the target's entity: file it under both.
                redirect = entity.get("redirects")
                if isinstance(redirect, dict):
                    ids.update(str(redirect.get(k, "")).upper() for k in ("from", "to"))
                for qid in ids:
                    if _QID.match(qid):
                        self.raw[qid] = entity
            self.missing.update(q for q in batch if q not in self.raw)

    def run(self, wanted: list[str]) -> list[dict]:
        self.fetch(wanted)
        requested = list(dict.fromkeys(self._canon(q) for q in wanted if q in self.raw))
        types = {q: _base_type(self.raw[q]) for q in requested}
        candidates: list[_Candidate] = []
        for qid in requested:
            candidates.extend(_candidates(qid, self.raw[qid], types[qid]))
        # Round two: what the statements point at, and the jurisdictions of requested offices.
        self.fetch([c.object for c in candidates if c.object]
                   + [j for q in requested if types[q] == "office" for j in self._jurisdictions(q)])
        hints: dict[str, str] = {}
        for candidate in candidates:
            if candidate.object and candidate.object in self.raw:
                if candidate.predicate == "holds_office":
                    hints[candidate.object] = "office"
                elif candidate.predicate in properties().object_hints:
                    hints.setdefault(candidate.object, properties().object_hints[candidate.predicate])

        def type_of(qid: str) -> str:
            if qid not in types:
                types[qid] = _base_type(self.raw[qid])
            base = types[qid]
            hint = hints.get(qid)
            if hint == "office" and base not in ("person", "country"):
                return "office"
            return hint if hint and base == "other" else base

        candidates = [replace(c, object=self._canon(c.object)) if c.object in self.raw else c
                      for c in candidates]
        kept = [c for c in candidates if c.object is None or (
            c.object in self.raw and c.object != c.subject
            and type_of(c.object) in properties().object_types[c.predicate])]
        described = list(dict.fromkeys(requested + [c.object for c in kept if c.object]))
        offices = [q for q in described if type_of(q) == "office"]
        # Round three: the jurisdictions of the offices pulled in round two.
        self.fetch(j for q in offices for j in self._jurisdictions(q))
        jurisdiction = {}
        for qid in offices:
            found = [self._canon(j) for j in self._jurisdictions(qid) if j in self.raw and j != qid]
            if found:
                jurisdiction[qid] = found[0]
        described = list(dict.fromkeys(described + list(jurisdiction.values())))
        slugs = self._slugs(described)
        entities = [self._entity(q, type_of(q), slugs, jurisdiction.get(q)) for q in described]
        # Offices after everything else, so each jurisdiction is stored before the offices that
        # refer to it (the store inserts in record order, with foreign keys on).
        entities.sort(key=lambda e: (e["type"] == "office", e["id"]))
        facts = [self._fact(c, slugs) for c in kept]
        facts = list({json.dumps(f, sort_keys=True): f for f in facts}.values())
        facts.sort(key=_fact_key)
        return entities + facts

    def _canon(self, qid: str) -> str:
        """The id Wikidata files an entity under (a redirected id gives its target)."""
        found = str(self.raw[qid].get("id", "")).upper()
        return found if _QID.match(found) and found in self.raw else qid

    def _jurisdictions(self, qid: str) -> list[str]:
        entity = self.raw.get(qid)
        return _item_values(entity, "P1001") if entity else []

    def _slugs(self, qids: list[str]) -> dict[str, str]:
        plain: dict[str, list[str]] = {}
        for qid in qids:
            base = slugify(_label(self.raw[qid]) or "") or qid.lower()
            plain.setdefault(base, []).append(qid)
        slugs = {}
        for base, owners in plain.items():
            owners.sort(key=_qid_number)
            slugs[owners[0]] = base
            for qid in owners[1:]:
                slugs[qid] = f"{base}-{qid.lower()}"
        # A suffixed slug could equal another entity's plain one ("x-q5" labelled so): fall back to the QID.
        seen: dict[str, str] = {}
        for qid in sorted(qids, key=_qid_number):
            if slugs[qid] in seen:
                slugs[qid] = qid.lower()
            seen[slugs[qid]] = qid
        return slugs

    def _entity(self, qid: str, entity_type: str, slugs: dict[str, str],
                jurisdiction: str | None) -> dict:
        entity = self.raw[qid]
        name = _label(entity) or qid
        aliases = [a for a in dict.fromkeys(_aliases(entity) + [qid]) if a != name]
        record: dict = {"kind": "entity", "id": slugs[qid], "name": name, "type": entity_type,
                        "aliases": aliases}
        if entity_type in ("country", "region"):
            demonyms = _demonyms(entity)
            if demonyms:
                record["demonyms"] = demonyms
        if entity_type == "office":
            names: list[str] = []
            if jurisdiction is not None:
                place = self.raw[jurisdiction]
                record["jurisdiction"] = slugs[jurisdiction]
                names = [_label(place) or "", *_aliases(place), *_demonyms(place)]
            title = office_title(name, names)
            record["title"] = self.titles.get(title.casefold(), title)
            record["seats"] = _seats(entity)
        return record

    @staticmethod
    def _fact(candidate: _Candidate, slugs: dict[str, str]) -> dict:
        record: dict = {"kind": "fact", "subject": slugs[candidate.subject],
                        "predicate": candidate.predicate}
        if candidate.object is not None:
            record["object"] = slugs[candidate.object]
        for key in ("value", "unit", "valid_from", "valid_until", "as_of"):
            value = getattr(candidate, key)
            if value is not None:
                record[key] = value
        record["source"] = candidate.source
        if candidate.note:
            record["note"] = candidate.note
        record["rank"] = candidate.rank
        return record


def _fact_key(record: dict) -> tuple:
    value = record.get("value")
    return (record["subject"], record["predicate"], record.get("object") or "",
            "" if value is None else (value if isinstance(value, str) else f"{float(value):024.6f}"),
            record.get("valid_from") or "", record.get("valid_until") or "",
            record.get("as_of") or "", record.get("rank", ""), record.get("source", ""),
            record.get("note", ""))
