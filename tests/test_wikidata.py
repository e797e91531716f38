"""Wikidata import: recorded API answers served from a local HTTP server, never the network."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from factcheck.store import wikidata
from factcheck.store.wikidata import transport
from factcheck.errors import FactcheckError, InputError
from factcheck.store.interchange import check_records
from factcheck.rules.loader import load_rules
from factcheck.store.database import Store
from factcheck.store.wikidata import (
    USER_AGENT,
    WikidataError,
    office_title,
    pull,
    pull_sparql,
    slugify,
    wikidata_time,
)

from .conftest import ROOT, SEED

DATA = ROOT / "tests" / "data" / "wikidata"
ENTITIES = DATA / "entities"
PEOPLE = ["Q15031", "Q1130386", "Q7268174", "Q4773337", "Q324546", "Q6279", "Q22686"]
OFFICES = ["Q655407", "Q1197502", "Q14213", "Q11696"]
COUNTRIES = ["Q148", "Q30"]
PLACES_AND_MORE = ["Q956", "Q61", "Q204839", "Q115758375"]
FAST = {"backoff": 0.001}


def _entity(qid: str) -> dict | None:
    path = ENTITIES / f"{qid}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["entities"][qid]


def _wbgetentities(ids: list[str]) -> dict:
    answer = {}
    for qid in ids:
        answer[qid] = _entity(qid) or {"id": qid, "missing": ""}
    return {"entities": answer, "success": 1}


class RecordedWikidata:
    """A local stand-in for www.wikidata.org and query.wikidata.org serving the recordings.

    ``script``: (status, headers, body) answers given, in order, before the recorded ones.
    ``requests``: (path, query parameters, headers) of every request received.
    """

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict, dict]] = []
        self.script: list[tuple[int, dict, bytes]] = []
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                with recorder.lock:
                    recorder.requests.append((parts.path, query, dict(self.headers.items())))
                    scripted = recorder.script.pop(0) if recorder.script else None
                if scripted is not None:
                    self._send(*scripted)
                elif parts.path == "/w/api.php" and query.get("action") == "wbgetentities":
                    body = json.dumps(_wbgetentities(query["ids"].split("|"))).encode()
                    self._send(200, {"Content-Type": "application/json"}, body)
                elif parts.path == "/sparql":
                    body = (DATA / "sparql-secretaries-of-state.json").read_bytes()
                    self._send(200, {"Content-Type": "application/sparql-results+json"}, body)
                else:
                    self._send(404, {}, b"not recorded")

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        self.endpoint = f"{self.base_url}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    def api_requests(self) -> list[dict]:
        return [query for path, query, _ in self.requests if path == "/w/api.php"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    recorded = RecordedWikidata()
    yield recorded
    recorded.close()


@pytest.fixture
def sleeps(monkeypatch):
    """The pauses between attempts, recorded instead of slept."""
    taken: list[float] = []
    monkeypatch.setattr(transport, "pause", taken.append)
    return taken


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records if r["kind"] == "entity"}


def _facts(records: list[dict], subject: str | None = None, predicate: str | None = None) -> list[dict]:
    return [r for r in records if r["kind"] == "fact"
            and (subject is None or r["subject"] == subject)
            and (predicate is None or r["predicate"] == predicate)]


# -- (1) P39 -> holds_office, offices with title and jurisdiction ------------------------------

def test_pull_maps_positions_held_to_holds_office_with_intervals(server):
    records = pull(PEOPLE, base_url=server.base_url, **FAST)
    kinds = [r["kind"] for r in records]
    assert kinds == sorted(kinds, key=lambda k: k != "entity"), "entities first, then facts"
    entities = _by_id(records)

    def held(subject: str) -> list[tuple]:
        return sorted((f["object"], f.get("valid_from"), f.get("valid_until"))
                      for f in _facts(records, subject, "holds_office") if f["rank"] != "deprecated")

    fm = "minister-of-foreign-affairs-of-the-peoples-republic-of-china"
    assert held("xi-jinping") == [("president-of-the-peoples-republic-of-china", "2013-03-14", None)]
    assert held("wang-yi") == [(fm, "2013-03-16", "2022-12-30"), (fm, "2023-07-25", None)]
    assert held("qin-gang") == [(fm, "2022-12-30", "2023-07-25")]
    assert ("united-states-secretary-of-state", "2021-01-26", "2025-01-20") in held("antony-blinken")
    assert ("united-states-secretary-of-state", "2025-01-21", None) in held("marco-rubio")
    assert ("president-of-the-united-states", "2021-01-20", "2025-01-20") in held("joe-biden")
    assert held("donald-trump") == [("president-of-the-united-states", "2017-01-20", "2021-01-20"),
                                    ("president-of-the-united-states", "2025-01-20", None)]
    for fact in _facts(records, predicate="holds_office"):
        assert fact["source"].startswith("https://www.wikidata.org/wiki/Q")
        assert fact["source"].endswith("#P39")

    xi = entities["xi-jinping"]
    assert xi["name"] == "Xi Jinping" and xi["type"] == "person" and "Q15031" in xi["aliases"]
    president = entities["president-of-the-peoples-republic-of-china"]
    assert president["type"] == "office"
    assert president["title"] == "President"
    assert president["jurisdiction"] == "peoples-republic-of-china"
    assert president["seats"] == 1 and "Q655407" in president["aliases"]
    assert entities["united-states-secretary-of-state"]["title"] == "Secretary of State"
    assert entities["united-states-secretary-of-state"]["jurisdiction"] == "united-states"
    assert entities["president-of-the-united-states"]["title"] == "President"
    # The rule packs' canonical title, as the store's hand-written offices carry it.
    assert entities[fm]["title"] == "Foreign Minister"
    assert entities["united-states-senator"]["seats"] == 100, "P1342 number of seats"
    # The jurisdictions were pulled too (a third round), with their demonyms and aliases.
    china = entities["peoples-republic-of-china"]
    assert china["type"] == "country" and china["demonyms"] == ["Chinese"]
    assert {"China", "PRC", "Q148"} <= set(china["aliases"])
    usa = entities["united-states"]
    assert usa["demonyms"] == ["American"]
    assert {"US", "U.S.", "USA", "America", "Q30"} <= set(usa["aliases"])
    # Only the statements of the entities asked for become facts.
    assert not _facts(records, "peoples-republic-of-china")
    # Each jurisdiction comes before the offices that name it (the store inserts in order).
    order = [r["id"] for r in records if r["kind"] == "entity"]
    for record in entities.values():
        if record.get("jurisdiction"):
            assert order.index(record["jurisdiction"]) < order.index(record["id"])
    # The records are valid interchange records.
    parsed = check_records(enumerate(records, 1), "wikidata", load_rules().predicate_kinds())
    assert len(parsed.facts) == len(_facts(records))


def test_titles_can_be_kept_as_wikidata_words_them(server):
    records = pull(["Q1197502"], base_url=server.base_url, titles={}, **FAST)
    office = _by_id(records)["minister-of-foreign-affairs-of-the-peoples-republic-of-china"]
    assert office["title"] == "Minister of Foreign Affairs"


# -- (2) import into an empty store and check the seed article ---------------------------------

def _holds_office_verdicts(store: Store, day: date) -> dict[str, tuple[str, str, list[str]]]:
    from factcheck.api import Checker

    checked = Checker(store).check(SEED.read_text(encoding="utf-8"), day, source="seed.txt")
    out = {}
    for claim, verdict in checked.verdicts:
        if claim.predicate == "holds_office" and claim.subject and claim.subject.id:
            out[claim.subject.id] = (verdict.verdict, verdict.explanation,
                                     [fact.source for fact in verdict.evidence])
    return out


def test_pulled_records_verify_the_seed_article(server, tmp_path):
    records = pull(PEOPLE + OFFICES + COUNTRIES, base_url=server.base_url, **FAST)
    store = Store(f"sqlite:///{tmp_path}/w.db")
    try:
        kinds = load_rules().predicate_kinds()
        result = store.import_records(records, kinds, origin="wikidata", kind="pull")
        assert result.facts_added == len(_facts(records))
        again = store.import_records(records, kinds, origin="wikidata", kind="pull")
        assert again.facts_added == 0 and again.entities_changed == 0, "a pull imports idempotently"

        on_publication = _holds_office_verdicts(store, date(2023, 10, 25))
        for person in ("xi-jinping", "wang-yi", "antony-blinken", "joe-biden"):
            verdict, explanation, sources = on_publication[person]
            assert verdict == "supported", (person, explanation)
            assert sources and all(s.startswith("https://www.wikidata.org/wiki/") for s in sources)

        later = _holds_office_verdicts(store, date(2026, 11, 28))
        assert later["xi-jinping"][0] == "supported"
        assert later["antony-blinken"][0] == "contradicted"
        assert "Marco Rubio" in later["antony-blinken"][1]
        assert later["joe-biden"][0] == "contradicted"
        assert "Donald Trump" in later["joe-biden"][1]
        for person in ("antony-blinken", "joe-biden"):
            assert all(s.startswith("https://www.wikidata.org/wiki/") for s in later[person][2])

        earlier = _holds_office_verdicts(store, date(2023, 3, 1))
        assert earlier["wang-yi"][0] == "contradicted" and "Qin Gang" in earlier["wang-yi"][1]
    finally:
        store.close()


# -- (3) retries, backoff, errors ---------------------------------------------------------------

def test_429_with_retry_after_is_retried_after_the_stated_pause(server, sleeps):
    server.script.append((429, {"Retry-After": "7"}, b"slow down"))
    records = pull(["Q15031"], base_url=server.base_url, **FAST)
    assert _by_id(records)["xi-jinping"]["name"] == "Xi Jinping"
    # 429, the same request again, then the office (round two) and its jurisdiction (round three).
    assert len(server.api_requests()) == 4
    assert server.api_requests()[0] == server.api_requests()[1]
    assert sleeps == [7.0]


def test_server_errors_back_off_exponentially_then_succeed(server, sleeps):
    server.script.extend([(503, {}, b""), (502, {}, b"")])
    records = pull(["Q15031"], base_url=server.base_url, backoff=0.25)
    assert "xi-jinping" in _by_id(records)
    assert sleeps == [0.25, 0.5]


def test_server_error_on_every_attempt_raises_naming_url_and_status(server, sleeps):
    server.script.extend([(500, {}, b"boom")] * 4)
    with pytest.raises(WikidataError) as caught:
        pull(["Q15031"], base_url=server.base_url, max_retries=4, backoff=0.001)
    error = caught.value
    assert isinstance(error, FactcheckError)
    assert error.status == 500 and "500" in str(error)
    assert server.base_url + "/w/api.php" in str(error) and "Q15031" in str(error)
    assert len(server.api_requests()) == 4
    assert sleeps == [0.001, 0.002, 0.004]


def test_client_error_raises_at_once(server, sleeps):
    server.script.append((404, {}, b"no such page"))
    with pytest.raises(WikidataError, match="404") as caught:
        pull(["Q15031"], base_url=server.base_url, **FAST)
    assert caught.value.status == 404
    assert len(server.requests) == 1 and sleeps == []


def test_api_error_answer_raises(server):
    error = {"error": {"code": "no-such-entity", "info": "Could not find an entity"}}
    server.script.append((200, {"Content-Type": "application/json"}, json.dumps(error).encode()))
    with pytest.raises(WikidataError, match="no-such-entity"):
        pull(["Q15031"], base_url=server.base_url, **FAST)


def test_unreachable_server_raises_after_the_retries(sleeps):
    with httpx.Client(transport=httpx.MockTransport(_refuse)) as client:
        with pytest.raises(WikidataError, match="ConnectError") as caught:
            pull(["Q1"], client=client, base_url="http://wikidata.invalid", max_retries=3, backoff=0.01)
    assert caught.value.status is None
    assert sleeps == [0.01, 0.02]


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


# -- (4) the response cache ----------------------------------------------------------------------

def test_cache_serves_a_second_pull_without_requests(server, tmp_path):
    cache = tmp_path / "cache"
    first = pull(["Q15031", "Q6279"], base_url=server.base_url, cache_dir=cache, **FAST)
    made = len(server.requests)
    assert made >= 2
    url = (f"{server.base_url}/w/api.php?action=wbgetentities&ids=Q6279|Q15031"
           "&props=labels|aliases|claims|descriptions&languages=en&format=json")
    stored = cache / (hashlib.sha256(url.encode()).hexdigest() + ".json")
    assert stored.is_file() and "Xi Jinping" in stored.read_text(encoding="utf-8")
    second = pull(["Q15031", "Q6279"], base_url=server.base_url, cache_dir=cache, **FAST)
    assert second == first
    assert len(server.requests) == made, "every answer came from the cache"


def test_errors_are_not_cached(server, tmp_path, sleeps):
    server.script.append((404, {}, b"gone"))
    with pytest.raises(WikidataError):
        pull(["Q15031"], base_url=server.base_url, cache_dir=tmp_path, **FAST)
    assert list(tmp_path.iterdir()) == []


# -- (5) the User-Agent ----------------------------------------------------------------------------

def test_user_agent_and_accept_headers_are_sent(server):
    pull(["Q15031"], base_url=server.base_url, **FAST)
    assert server.requests
    for _, _, headers in server.requests:
        assert headers.get("User-Agent") == USER_AGENT
    assert "factcheck/0.1.0" in USER_AGENT and "https://" in USER_AGENT


def test_a_given_client_gets_the_user_agent_and_stays_open(server):
    with httpx.Client() as client:
        pull(["Q15031"], client=client, base_url=server.base_url, **FAST)
        assert not client.is_closed
    assert all(h.get("User-Agent") == USER_AGENT for _, _, h in server.requests)


def test_default_client_timeouts(monkeypatch, server):
    made = []
    real = httpx.Client

    def spy(*args, **kwargs):
        client = real(*args, **kwargs)
        made.append(client)
        return client

    monkeypatch.setattr(httpx, "Client", spy)
    pull(["Q15031"], base_url=server.base_url, **FAST)
    assert len(made) == 1 and made[0].is_closed
    assert made[0].timeout.connect == 10.0 and made[0].timeout.read == 30.0


# -- (6) SPARQL ------------------------------------------------------------------------------------

def test_pull_sparql_pulls_every_entity_the_result_names(server):
    query = (DATA / "secretaries-of-state.rq").read_text(encoding="utf-8")
    records = pull_sparql(query, endpoint=server.endpoint, base_url=server.base_url, **FAST)
    sparql = [(q, h) for path, q, h in server.requests if path == "/sparql"]
    assert len(sparql) == 1
    params, headers = sparql[0]
    assert params == {"query": query, "format": "json"}
    assert "application/sparql-results+json" in headers.get("Accept", "")
    assert headers.get("User-Agent") == USER_AGENT
    entities = _by_id(records)
    wanted = {"antony-blinken", "marco-rubio", "united-states-secretary-of-state", "united-states"}
    assert wanted <= set(entities)
    holders = sorted((f["subject"], f["valid_from"]) for f in _facts(records, predicate="holds_office")
                     if f["object"] == "united-states-secretary-of-state")
    assert holders == [("antony-blinken", "2021-01-26"), ("marco-rubio", "2025-01-21")]
    # The office was named by the query, so its own statements count too: P17 is no fact for an office.
    assert not _facts(records, "united-states-secretary-of-state")


def test_pull_sparql_rejects_an_empty_query():
    with pytest.raises(InputError):
        pull_sparql("   ")


def test_sparql_entities_ignores_literals_and_other_iris():
    result = {"results": {"bindings": [
        {"a": {"type": "uri", "value": "http://www.wikidata.org/entity/Q30"},
         "b": {"type": "literal", "value": "http://www.wikidata.org/entity/Q1"},
         "c": {"type": "uri", "value": "http://www.wikidata.org/prop/direct/P31"}},
        {"a": {"type": "uri", "value": "http://www.wikidata.org/entity/Q148"}},
        {"a": {"type": "uri", "value": "http://www.wikidata.org/entity/Q30"}},
    ]}}
    assert wikidata.sparql_entities(result) == ["Q30", "Q148"]
    with pytest.raises(WikidataError):
        wikidata.sparql_entities({"boolean": True})


# -- (7) ranks ---------------------------------------------------------------------------------------

def test_statement_ranks_are_kept(server):
    records = pull(["Q22686", "Q148"], base_url=server.base_url, **FAST)
    trump = _facts(records, "donald-trump", "holds_office")
    deprecated = [f for f in trump if f["rank"] == "deprecated"]
    assert [(f["valid_from"], f["valid_until"]) for f in deprecated] == [("2016-11-08", "2021-01-20")]
    assert sum(f["rank"] == "normal" for f in trump) == 2
    population = {f["as_of"]: f for f in _facts(records, "peoples-republic-of-china", "population")}
    assert population["2020-11-01"]["rank"] == "preferred"
    assert population["2010-11-01"]["rank"] == "normal"
    assert population["2021"]["rank"] == "deprecated"


# -- (8) time precision ------------------------------------------------------------------------------

@pytest.mark.parametrize("time,precision,expected", [
    ("+2013-03-14T00:00:00Z", 11, "2013-03-14"),
    ("+2013-03-00T00:00:00Z", 10, "2013-03"),
    ("+2013-00-00T00:00:00Z", 9, "2013"),
    ("+2013-03-14T00:00:00Z", 9, "2013"),
    ("+2010-00-00T00:00:00Z", 8, None),         # a decade cannot be stated
    ("-0044-03-15T00:00:00Z", 11, None),        # BCE
    ("+2023-02-30T00:00:00Z", 11, None),        # no such day
    ("+0800-12-25T00:00:00Z", 9, "0800"),
])
def test_wikidata_time_follows_the_precision(time, precision, expected):
    value = {"time": time, "precision": precision, "timezone": 0, "before": 0, "after": 0,
             "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}
    assert wikidata_time(value) == expected


def test_julian_calendar_days_become_gregorian():
    value = {"time": "+1582-10-05T00:00:00Z", "precision": 11,
             "calendarmodel": "http://www.wikidata.org/entity/Q1985786"}
    assert wikidata_time(value) == "1582-10-15"


def test_year_precision_point_in_time_gives_a_year(server):
    records = pull(["Q148"], base_url=server.base_url, **FAST)
    gdp = _facts(records, "peoples-republic-of-china", "gdp_nominal")
    assert [(f["value"], f["unit"], f["as_of"]) for f in gdp] == [(17963170521079, "USD", "2022")]


# -- the other core predicates --------------------------------------------------------------------

def test_places_organizations_and_events_map_onto_the_core_predicates(server):
    records = pull(COUNTRIES + PLACES_AND_MORE, base_url=server.base_url, **FAST)
    entities = _by_id(records)

    def objects(subject: str, predicate: str) -> list[str]:
        return sorted(f["object"] for f in _facts(records, subject, predicate))

    china, usa = "peoples-republic-of-china", "united-states"
    assert objects(china, "capital") == ["beijing"]
    assert _facts(records, china, "capital")[0]["valid_from"] == "1949-10-01"
    assert objects(usa, "capital") == ["washington-dc"]
    assert objects(china, "currency") == ["renminbi"] and entities["renminbi"]["type"] == "currency"
    assert objects(usa, "currency") == ["united-states-dollar"]
    assert objects(china, "member_of") == ["united-nations"]
    assert entities["united-nations"]["type"] == "organization"
    # Neighbours Wikidata does not answer for (missing) are dropped, with their facts.
    assert objects(china, "borders") == ["india"] and not _facts(records, usa, "borders")
    assert entities["india"]["demonyms"] == ["Indian"]
    # No located_in from a country to itself; cities are located in their countries.
    assert not _facts(records, china, "located_in")
    assert objects("beijing", "located_in") == [china]
    assert entities["beijing"]["type"] == "city" and entities["washington-dc"]["type"] == "city"

    population = _facts(records, china, "population")
    assert all(f["unit"] == "people" and f.get("as_of") for f in population), "no figure without P585"
    preferred = next(f for f in population if f["rank"] == "preferred")
    assert preferred["value"] == 1411778724
    assert preferred["source"].startswith("https://www.stats.gov.cn/"), "the reference URL (P854) wins"
    assert "https://www.wikidata.org/wiki/Q148#P1082" in preferred["note"]
    assert [f["value"] for f in _facts(records, china, "area")] == [9596961]
    area = _facts(records, "washington-dc", "area")
    assert len(area) == 1 and area[0]["unit"] == "km2"
    assert area[0]["value"] == pytest.approx(68.34 * 2.589988110336, rel=1e-6), "square miles converted"
    assert len(_facts(records, china, "gdp_nominal")) == 1, "the GDP in renminbi is left out"
    assert not _facts(records, china, "founded"), "founded is for organizations"

    xinhua = "xinhua-news-agency"
    assert entities[xinhua]["type"] == "organization"
    assert objects(xinhua, "headquarters") == ["beijing"]
    assert objects(xinhua, "controlled_by") == [china]
    assert objects(xinhua, "located_in") == [china]
    assert [f["value"] for f in _facts(records, xinhua, "founded")] == ["1931-11-07"]

    apec = "apec-united-states-2023"
    assert entities[apec]["type"] == "event"
    assert objects(apec, "event_location") == ["san-francisco"]
    assert [f["value"] for f in _facts(records, apec, "start_date")] == ["2023-11-11"]
    assert [f["value"] for f in _facts(records, apec, "end_date")] == ["2023-11-17"]
    assert not _facts(records, apec, "located_in")

    for fact in _facts(records):
        assert fact["source"] and fact["rank"] in ("preferred", "normal", "deprecated")
    parsed = check_records(enumerate(records, 1), "wikidata", load_rules().predicate_kinds())
    assert len(parsed.entities) == len(entities)


def test_the_output_does_not_depend_on_the_order_asked(server):
    one = pull(PEOPLE + COUNTRIES, base_url=server.base_url, **FAST)
    two = pull(list(reversed(PEOPLE + COUNTRIES)) + ["q15031"], base_url=server.base_url, **FAST)
    assert one == two


# -- ids, slugs, titles, batching --------------------------------------------------------------------

@pytest.mark.parametrize("label,slug", [
    ("Xi Jinping", "xi-jinping"),
    ("People's Republic of China", "peoples-republic-of-china"),
    ("Washington, D.C.", "washington-dc"),
    ("São Paulo", "sao-paulo"),
    ("  APEC  United States 2023 ", "apec-united-states-2023"),
])
def test_slugify(label, slug):
    assert slugify(label) == slug


@pytest.mark.parametrize("label,names,title", [
    ("President of the People's Republic of China", ["People's Republic of China", "China"], "President"),
    ("United States Secretary of State", ["United States", "US", "American"], "Secretary of State"),
    ("Minister of Foreign Affairs of the People's Republic of China", ["People's Republic of China"],
     "Minister of Foreign Affairs"),
    ("President of the United States", ["United States", "United States of America"], "President"),
    ("American Secretary of Labor", ["United States", "American"], "Secretary of Labor"),
    ("Prime Minister", ["United Kingdom"], "Prime Minister"),
    ("Mayor of London", [], "Mayor of London"),
])
def test_office_title_drops_the_jurisdiction(label, names, title):
    assert office_title(label, names) == title


def _synthetic(entities: dict[str, dict]):
    seen: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        ids = parse_qs(urlsplit(str(request.url)).query)["ids"][0].split("|")
        seen.append(ids)
        return httpx.Response(200, json={"entities": {
            q: entities.get(q, {"id": q, "missing": ""}) for q in ids}, "success": 1})

    return handler, seen


def _person(qid: str, label: str) -> dict:
    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}},
            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datavalue": {
                "value": {"entity-type": "item", "numeric-id": 5, "id": "Q5"},
                "type": "wikibase-entityid"}}, "type": "statement", "rank": "normal"}]}}


def test_namesakes_get_the_qid_appended_but_the_oldest_item(tmp_path):
    handler, _ = _synthetic({"Q900": _person("Q900", "Wang Yi"), "Q35": _person("Q35", "Wang Yi"),
                             "Q7": {"type": "item", "id": "Q7", "claims": {}}})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        records = pull(["Q900", "Q35", "Q7"], client=client, base_url="http://wd.test")
    entities = _by_id(records)
    assert sorted(entities) == ["q7", "wang-yi", "wang-yi-q900"]
    assert entities["wang-yi"]["aliases"] == ["Q35"]
    assert entities["wang-yi-q900"]["aliases"] == ["Q900"]
    assert entities["q7"]["name"] == "Q7" and entities["q7"]["type"] == "other"


def test_requests_carry_at_most_fifty_ids():
    handler, seen = _synthetic({})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        assert pull([f"Q{n}" for n in range(1, 121)], client=client, base_url="http://wd.test") == []
    assert [len(batch) for batch in seen] == [50, 50, 20]


@pytest.mark.parametrize("bad", ["P31", "Q", "Q0", "15031", "Q15031x", "", "wd:Q1"])
def test_bad_ids_are_input_errors(bad):
    with pytest.raises(InputError, match="Wikidata item id"):
        pull([bad])


def test_ids_are_normalized():
    assert wikidata.normalize_qids(["q15031", " Q15031 ", "https://www.wikidata.org/wiki/Q148",
                                    "http://www.wikidata.org/entity/Q30"]) == ["Q15031", "Q148", "Q30"]
    assert pull([]) == []


def test_importing_the_module_does_not_import_httpx():
    code = "import sys, factcheck.store.wikidata; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("header,seconds", [
    ("7", 7.0), ("0.5", 0.5), ("-3", 0.0), ("100000", wikidata.MAX_RETRY_AFTER),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), (None, None), ("nan", None),
])
def test_retry_after_header(header, seconds):
    assert transport.retry_after(header) == seconds


def test_pulls_from_recorded_responses_land_on_the_stores_entities_and_keep_a_merge(tmp_path):
    """Pulled items the store has (by QID, else by name and type) are updated, never duplicated;
    after a merge, the QID moved with it, so the next pull lands on the entity merged into."""
    from .conftest import FIXTURE_FACTS
    from .test_cli import run

    recorded = ROOT / "tests" / "data" / "wikidata"
    db = f"sqlite:///{tmp_path / 'facts.db'}"
    assert run("facts", "import", *map(str, FIXTURE_FACTS), db=db).exit_code == 0

    def entity_ids():
        return sorted(e["id"] for e in json.loads(run("entities", "list", "--format", "json", db=db).stdout))

    before = entity_ids()
    for _ in range(2):
        pulled = run("facts", "pull", "wikidata", "Q148", "Q15031", "--from", str(recorded), db=db)
        assert pulled.exit_code == 0, pulled.stderr
    after = entity_ids()
    assert "peoples-republic-of-china" not in after and "xi-jinping" in after
    assert "shared by" not in run("db", "check", db=db).stdout
    assert set(before) <= set(after)
    china = json.loads(run("entities", "show", "china", db=db).stdout)
    assert "Q148" in china["aliases"] and china["name"] == "China"
    assert pulled.stdout.startswith("wikidata: 0 new facts") and ", 0 changed, " in pulled.stdout

    # a duplicate made before the store knew China, merged by hand, stays merged
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run("facts", "pull", "wikidata", "Q148", "--from", str(recorded), db=fresh).exit_code == 0
    assert run("facts", "import", *map(str, FIXTURE_FACTS), db=fresh).exit_code == 0
    assert "peoples-republic-of-china" in json.loads(run("entities", "show", "peoples-republic-of-china",
                                                         db=fresh).stdout)["id"]
    assert run("entities", "merge", "peoples-republic-of-china", "china", db=fresh).exit_code == 0
    assert run("facts", "pull", "wikidata", "Q148", "--from", str(recorded), db=fresh).exit_code == 0
    ids = sorted(e["id"] for e in json.loads(run("entities", "list", "--format", "json", db=fresh).stdout))
    assert "peoples-republic-of-china" not in ids and "china" in ids


def test_pull_from_a_folder_that_is_not_there_is_a_one_line_error(tmp_path):
    from .test_cli import error_lines, run

    result = run("facts", "pull", "wikidata", "Q148", "--from", str(tmp_path / "nowhere"),
                 db=f"sqlite:///{tmp_path / 'facts.db'}")
    assert result.exit_code == 2
    assert error_lines(result) == [f"error: {tmp_path / 'nowhere'}: no folder of recorded Wikidata responses"]
