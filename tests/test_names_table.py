"""The names table (every name, alias and demonym by its first token) stays in step with the
entities and aliases, and the lexicon that reads it per document finds what the whole store's
lexicon finds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from factcheck import checker as checker_module
from factcheck.checker import Checker, build_lexicon, lookup_lexicon
from factcheck.report.build import report_json
from factcheck.rules.loader import load_rules
from factcheck.store import maintenance as m
from factcheck.store.database import Store
from factcheck.store.names import StoreNames
from factcheck.store.schema import ALIASES, ENTITIES, NAMES
from factcheck.text.lexicon import (OWN_NAME, SPELLED_OUT, SPELLED_WITH_ANOTHER, Lexicon, LookupLexicon,
                                    composite_kind, first_token, normalize)

DEVSET = Path(__file__).parent / "data" / "devset"
PUBLISHED = date(2023, 10, 25)


def _table(store: Store) -> list[tuple[str, str, str, str]]:
    with store._read() as conn:
        return sorted(tuple(row) for row in conn.execute(
            select(NAMES.c.text, NAMES.c.kind, NAMES.c.entity_id, NAMES.c.first_token)))


def _expected(store: Store) -> list[tuple[str, str, str, str]]:
    """What the table should hold: each entity's name, aliases and demonyms."""
    with store._read() as conn:
        rows = [(name, "name", entity_id) for entity_id, name in conn.execute(select(ENTITIES.c.id, ENTITIES.c.name))]
        rows += [(text, kind, entity_id) for entity_id, kind, text in conn.execute(
            select(ALIASES.c.entity_id, ALIASES.c.kind, ALIASES.c.text)) if kind != "name"]
    return sorted((text, kind, entity_id, first_token(text)) for text, kind, entity_id in rows)


def _in_step(store: Store) -> bool:
    return _table(store) == _expected(store)


def test_first_token_is_the_index_keys_first():
    assert first_token("the euro") == "euro"
    assert first_token("ASEAN Regional Forum (ARF) Ministerial") == "ASEAN"
    assert first_token("Côte d\u2019Ivoire") == "Côte"
    assert first_token("U.S.") == "U"
    assert first_token("...") == "."
    assert first_token("") == ""


def test_import_fills_the_names_table_and_a_reimport_rewrites_an_entitys_rows(seeded_store, predicates):
    assert _table(seeded_store) and _in_step(seeded_store)
    seeded_store.import_records([
        {"kind": "entity", "id": "china", "name": "China", "type": "country",
         "aliases": ["PRC", "the Middle Kingdom"], "demonyms": ["Chinese", "Sino"]},
        {"kind": "entity", "id": "atlantis", "name": "Atlantis", "type": "country", "aliases": ["Atlantica"]},
    ], predicates, origin="test")
    assert _in_step(seeded_store)
    china = [row for row in _table(seeded_store) if row[2] == "china"]
    assert ("Middle Kingdom" in {row[0] for row in china}) is False
    assert ("the Middle Kingdom", "alias", "china", "Middle") in china
    # a dry run leaves the table as it was
    before = _table(seeded_store)
    seeded_store.import_records([{"kind": "entity", "id": "atlantis", "name": "Atlantis Nova", "type": "country"}],
                                predicates, origin="test", dry_run=True)
    assert _table(seeded_store) == before
    seeded_store.import_records([{"kind": "entity", "id": "atlantis", "name": "Atlantis Nova", "type": "country"}],
                                predicates, origin="test")
    assert _in_step(seeded_store)
    assert [row for row in _table(seeded_store) if row[2] == "atlantis"] == [
        ("Atlantis Nova", "name", "atlantis", "Atlantis")]


def test_aliases_merges_and_removals_keep_the_names_table_in_step(seeded_store, predicates):
    seeded_store.import_records([
        {"kind": "entity", "id": "prc", "name": "Red China", "type": "country", "aliases": ["Cathay"],
         "demonyms": ["Cathayan"]},
        {"kind": "fact", "subject": "prc", "predicate": "member_of", "object": "apec",
         "valid_from": "1991-11-12", "source": "https://www.apec.org/about-us/about-apec/member-economies"},
    ], predicates, origin="test")
    assert m.add_aliases(seeded_store, "china", ["Middle Kingdom"]) == 1
    assert m.add_aliases(seeded_store, "china", ["Zhongguoren"], kind="demonym") == 1
    assert _in_step(seeded_store)
    assert ("Middle Kingdom", "alias", "china", "Middle") in _table(seeded_store)
    m.merge_entities(seeded_store, "prc", "china")
    assert _in_step(seeded_store)
    rows = _table(seeded_store)
    assert not [row for row in rows if row[2] == "prc"]
    assert {("Red China", "alias", "china", "Red"), ("Cathay", "alias", "china", "Cathay"),
            ("Cathayan", "demonym", "china", "Cathayan")} <= set(rows)
    fact = m.list_facts(seeded_store, subject="china", predicate="member_of")[0]
    m.remove_facts(seeded_store, [fact.id])
    assert _in_step(seeded_store)


def test_the_integrity_check_finds_a_names_table_out_of_step(seeded_store):
    assert seeded_store.check()["errors"] == []
    with seeded_store._write() as conn:
        conn.execute(NAMES.delete().where(NAMES.c.text == "Xi Jinping"))
        conn.execute(NAMES.update().where(NAMES.c.text == "Japan").values(first_token="japan"))
    assert seeded_store.check()["errors"] == [
        "names table: no row for name 'Japan' of 'japan'",
        "names table: no row for name 'Xi Jinping' of 'xi-jinping'",
        "names table: name 'Japan' of 'japan' (first token 'japan', composite 0) is not a name of the store as it is"]


def test_the_migration_fills_the_names_table_of_an_existing_store(seeded_store):
    expected = _expected(seeded_store)
    seeded_store.downgrade("0003")
    seeded_store._schema_checked = False
    seeded_store.upgrade("head")
    assert _table(seeded_store) == expected


def test_the_store_reads_names_by_first_token_or_entity_in_one_statement(seeded_store):
    statements = []
    event.listen(seeded_store.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *args: statements.append(statement))
    rows = StoreNames(seeded_store).name_rows(firsts=["Xi", "Beijing"], entity_ids=["japan"])
    assert len([s for s in statements if "FROM names" in s]) == 1
    assert ("Xi Jinping", "name", "xi-jinping", "person", "Xi Jinping", 0) in rows
    assert {row[2] for row in rows if row[0] == "Japan"} == {"japan"}
    assert rows == sorted(rows)
    many = [f"w{i}" for i in range(4500)] + ["Xi"]
    assert ("Xi Jinping", "name", "xi-jinping", "person", "Xi Jinping", 0) in StoreNames(seeded_store).name_rows(firsts=many)


@pytest.fixture(scope="module")
def devset_store(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('names') / 'facts.db'}")
    store.import_file(DEVSET / "facts.jsonl", load_rules().predicate_kinds())
    yield store
    store.close()


def _devset_texts() -> list[tuple[str, date]]:
    texts = []
    for meta_path in sorted((DEVSET / "real").glob("*.meta.json")):
        published = date.fromisoformat(json.loads(meta_path.read_text(encoding="utf-8"))["published"])
        number = meta_path.name.split(".")[0]
        for part in ("real", "perturbed"):
            path = DEVSET / part / f"{number}.txt"
            if path.exists():
                texts.append((path.read_text(encoding="utf-8"), published))
    for line in (DEVSET / "phrasings.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            texts.append((item["sentence"] + "\n", date.fromisoformat(item["published"])))
    return texts


def test_the_lookup_lexicon_gives_the_same_reports_as_the_whole_stores(devset_store):
    whole = Checker(devset_store)
    whole._lexicon = build_lexicon(devset_store, whole.rules)
    lookup = Checker(devset_store)
    lookup._lexicon = lookup_lexicon(devset_store, lookup.rules)
    assert isinstance(lookup.lexicon, LookupLexicon) and not isinstance(whole.lexicon, LookupLexicon)
    texts = _devset_texts()
    assert len(texts) > 100
    for text, published in texts:
        assert lookup.lexicon.match(normalize(text)) == whole.lexicon.match(normalize(text))
        assert (json.dumps(report_json([lookup.check(text, published, source="s")]), sort_keys=True)
                == json.dumps(report_json([whole.check(text, published, source="s")]), sort_keys=True))
    # far fewer names read than the store has
    assert len(lookup.lexicon.names) < len(whole.lexicon.names)


def test_composite_kinds():
    own = {"Lima", "Johor", "Battle of Warsaw"}
    assert composite_kind("Lima, Peru", own) == SPELLED_WITH_ANOTHER
    assert composite_kind("Callao, Peru", own) == OWN_NAME
    assert composite_kind("state of Johor", own) == SPELLED_OUT
    assert composite_kind("1920 Battle of Warsaw", own) == SPELLED_OUT
    assert composite_kind("Ciudad de los Reyes", own) == OWN_NAME


def test_composite_aliases_and_events_read_alike_from_the_names_table(store, predicates):
    store.import_records([
        {"kind": "entity", "id": "peru", "name": "Peru", "type": "country", "demonyms": ["Peruvian"]},
        {"kind": "entity", "id": "lima", "name": "Lima", "type": "city", "aliases": ["Lima, Peru", "city of Lima"]},
        {"kind": "entity", "id": "peru-independence", "name": "Peruvian independence", "type": "event",
         "aliases": ["independence of Peru"]},
        {"kind": "entity", "id": "lima-ohio", "name": "Lima, Ohio", "type": "city"},
    ], predicates, origin="test")
    rules = load_rules()
    whole, lookup = build_lexicon(store, rules), lookup_lexicon(store, rules)
    text = normalize("Lima, Peru and Lima, Ohio: the city of Lima. Peru's independence was declared.")
    assert lookup.match(text) == whole.match(text)
    assert [mention.text for mention in lookup.match(text) if mention.entity_ids][:3] == ["Lima", "Peru", "Lima, Ohio"]
    later = lookup_lexicon(store, rules)
    for part in ("Lima, Ohio.", "Lima, Peru.", "Lima, Peru and Lima, Ohio: the city of Lima."):
        assert later.match(normalize(part)) == whole.match(normalize(part))
    fresh = lookup_lexicon(store, rules)
    assert fresh.event_of("independence", "peru", "Peru") == whole.event_of("independence", "peru", "Peru") \
        == "peru-independence"
    assert fresh.event_of("independence", "peru", "Peruvians") == "peru-independence"


def test_a_large_store_is_read_per_document_in_one_query(seeded_store, monkeypatch):
    monkeypatch.setattr(checker_module, "LOOKUP_THRESHOLD", 1)
    checker = Checker(seeded_store)
    assert isinstance(checker.lexicon, LookupLexicon)
    text = (Path(__file__).parent.parent / "fixtures" / "articles" / "000_162457e0331d5697.txt").read_text(encoding="utf-8")
    statements = []
    event.listen(seeded_store.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *args: statements.append(statement))
    checker.extract(text, PUBLISHED)
    assert len([s for s in statements if "FROM names" in s]) == 1
    statements.clear()
    checker.extract(text, PUBLISHED)      # every token already asked for
    assert not [s for s in statements if "FROM names" in s]
    monkeypatch.setattr(checker_module, "LOOKUP_THRESHOLD", 10**9)
    assert not isinstance(Checker(seeded_store).lexicon, LookupLexicon)


class _Rows:
    """A names source over a list of (text, kind, entity id, entity type) rows, as the store's
    names table would answer."""

    def __init__(self, rows):
        names = {entity_id: text for text, kind, entity_id, _type in rows if kind == "name"}
        own: dict[str, set[str]] = {}
        for text, _kind, entity_id, _type in rows:
            own.setdefault(entity_id, set()).add(text)
        self.rows = [(text, kind, entity_id, entity_type, names[entity_id],
                      composite_kind(text, own[entity_id]) if kind == "alias" else 0)
                     for text, kind, entity_id, entity_type in rows]
        self.queries = 0

    def name_rows(self, firsts=(), entity_ids=()):
        self.queries += 1
        firsts, entity_ids = set(firsts), set(entity_ids)
        return sorted(row for row in self.rows if first_token(row[0]) in firsts or row[2] in entity_ids)


_WORDS = ["Lima", "lima", "LIMA", "Peru", "PERU", "Ohio", "the", "The", "state", "of", "Johor", "Gallium",
          "gallium", "Xi", "Jinping", "1920", "Battle", "Warsaw", "Peruvian", "independence", "Wang", "Yi"]


@st.composite
def _store_rows(draw):
    entities = draw(st.lists(st.sampled_from(["person", "country", "city", "event", "commodity"]),
                             min_size=1, max_size=6))
    phrase = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
    name = st.one_of(phrase, st.tuples(phrase, phrase).map(", ".join))
    rows = set()
    for number, entity_type in enumerate(entities):
        entity_id = f"e{number}"
        rows.add((draw(name), "name", entity_id, entity_type))
        for text, kind in draw(st.lists(st.tuples(name, st.sampled_from(["alias", "demonym"])), max_size=4)):
            rows.add((text, kind, entity_id, entity_type))
    return sorted(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_store_rows(), st.lists(st.lists(st.sampled_from([*_WORDS, ",", ".", "'s"]), max_size=25).map(" ".join),
                               min_size=1, max_size=3))
def test_the_lookup_lexicon_matches_as_the_whole_lexicon_does(rows, texts):
    titles = {"president": "President", "Foreign Minister": "Foreign Minister"}
    whole = Lexicon.build(rows, titles=titles)
    lookup = LookupLexicon.over(_Rows(rows), titles=titles)
    for text in texts:      # one lexicon over several texts: what it read for one stays for the next
        assert lookup.match(normalize(text)) == whole.match(normalize(text))
    for entity_id in sorted({row[2] for row in rows}):
        assert lookup.event_of("independence", entity_id, "Peru") == whole.event_of("independence", entity_id, "Peru")
