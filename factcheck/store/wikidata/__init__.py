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

Statements map onto the core predicates as ``data/wikidata/properties.toml`` says (read by
:mod:`.properties`); in short:

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
aliases, so later files and pulls can refer to it. The type comes from P31 (the data file's
``instance_types``); a P39 value is an office whatever its P31 says. Countries and regions get their English
demonyms (P1549). Offices get ``jurisdiction`` (P1001, pulled too), ``title`` (the label
without the jurisdiction's name, then mapped to the canonical title of the rule packs'
title variants, as the store's offices carry it) and ``seats`` (P1342 where stated, else 1).
Records come entities first (offices last, so every jurisdiction precedes its offices), then
facts, each group in a stable order.

HTTP (:mod:`.transport`): a descriptive User-Agent, timeouts, up to ``max_retries`` attempts
per URL with exponential backoff honouring ``Retry-After``; a ``WikidataError`` naming the URL
and the status when the last attempt fails. With ``cache_dir`` every response body is kept and
reused without a request. ``httpx`` is imported inside the functions, so importing this package
(and the CLI) stays cheap.

The modules: :mod:`.ids` (QIDs and entity ids), :mod:`.transport` (HTTP), :mod:`.values`
(reading statements), :mod:`.candidates` (statements to facts), :mod:`.entities` (labels,
types, offices), :mod:`.puller` (the rounds of a pull), :mod:`.properties` (the data file).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from factcheck.errors import InputError
from factcheck.store.wikidata.entities import office_title
from factcheck.store.wikidata.ids import ENTITY_IRI, normalize_qids, slugify
from factcheck.store.wikidata.puller import Puller
from factcheck.store.wikidata.transport import MAX_RETRY_AFTER, USER_AGENT, Http, WikidataError, recorded_client
from factcheck.store.wikidata.values import wikidata_time

if TYPE_CHECKING:  # httpx is imported where it is used, so the CLI starts fast
    import httpx

DEFAULT_BASE_URL = "https://www.wikidata.org"
DEFAULT_SPARQL_ENDPOINT = "https://query.wikidata.org/sparql"


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
    with Http(client, cache_dir, max_retries, backoff) as http:
        return Puller(http, base_url, _title_variants(titles)).run(wanted)


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
    with Http(client, cache_dir, max_retries, backoff) as http:
        url = endpoint + "?" + urlencode({"query": query, "format": "json"}, quote_via=quote)
        result = http.get_json(url, accept="application/sparql-results+json")
        qids = sparql_entities(result, url)
        if not qids:
            return []
        return Puller(http, base_url, _title_variants(titles)).run(normalize_qids(qids))


def _title_variants(titles: Mapping[str, str] | None) -> dict[str, str]:
    """Casefolded title variant -> canonical title; None takes the bundled rule packs'."""
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
                match = ENTITY_IRI.match(str(cell.get("value", "")))
                if match:
                    found.setdefault(match.group(1))
    return list(found)


__all__ = ["DEFAULT_BASE_URL", "DEFAULT_SPARQL_ENDPOINT", "MAX_RETRY_AFTER", "USER_AGENT",
           "WikidataError", "normalize_qids", "office_title", "pull", "pull_sparql", "recorded_client", "slugify",
           "sparql_entities", "wikidata_time"]
