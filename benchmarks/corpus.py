"""Deterministic generated data for the benchmarks: a synthetic world, news-like text, facts, names.

Everything here is a pure function of its arguments (fixed seeds), so two runs of the suite
measure the same bytes.

* ``World``: the fixture entities and facts (fixtures/facts/*.jsonl) plus a synthetic world of
  countries (names, demonyms, capitals, cities), offices with holders, organisations, commodities,
  and people quoted in articles. Its store records (``store_records``) are the 1,000-fact store
  that articles are checked against; ``mentioned_names`` are the few thousand names the text
  mentions (first in every lexicon the benchmarks build).
* ``article``: one ≈5 KB news-like article with real claim density: office titles before names,
  "X-headquartered Y", "the world's two biggest economies", "since September", dates, money,
  percentages, quantities, capitals, populations, visits, memberships, distractor sentences
  and near-misses ("Parisian", "presidential", "capitalist", "Smiths").
* ``corpus``: articles (and the fixture articles) concatenated to any size.
* ``filler_records``: entities and facts about other synthetic entities, streamed, to grow a
  store to 1,000,000 facts; a share of them points at the world's countries (cities located in
  them, visits to them), as in a real reference store.
* ``lexicon_rows``: N (text, kind, entity id, type) rows, the mentioned names first.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_FACTS = sorted((ROOT / "fixtures" / "facts").glob("*.jsonl"))
FIXTURE_ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
PUBLISHED = "2023-10-25"

_ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n",
           "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "ia")
_CODAS = ("", "n", "r", "l", "s", "th", "nd", "rk", "m", "x", "lt")
_COUNTRY_SUFFIX = (("ia", "ian"), ("land", "lander"), ("ora", "oran"), ("ania", "anian"),
                   ("istan", "istani"), ("ovia", "ovian"))
_CITY_SUFFIX = ("ton", "burg", "haven", "port", "grad", "ville", "field", "mouth", "stadt", "ford")
_ORG_SUFFIX = ("Holdings", "Group", "Industries", "Bank", "Energy", "Motors", "Telecom", "Mining",
               "Capital", "Logistics", "Airlines", "Steel", "Pharma", "Foods", "Semiconductor")
_BLOC_SUFFIX = ("Economic Forum", "Trade Alliance", "Development Council", "Customs Union",
                "Security Pact")
_COMMODITIES = ("gallium", "germanium", "graphite", "semiconductors", "lithium", "cobalt",
                "nickel", "antimony", "tungsten", "soybeans", "rare earths", "magnesium")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ABBREVIATED = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec.")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = ("two", "three", "four", "five")


def _word(rng: random.Random, syllables: int) -> str:
    parts = []
    for _ in range(syllables):
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS))
    word = "".join(parts)
    return word[:1].upper() + word[1:]


class _Unique:
    """Fresh capitalised words, never the same twice (and never an English word we use)."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken = taken if taken is not None else set()

    def word(self, syllables: int = 2) -> str:
        while True:
            word = _word(self.rng, syllables)
            if len(word) >= 4 and word not in self.taken:
                self.taken.add(word)
                return word


@dataclass
class Country:
    id: str
    name: str
    demonym: str
    capital: str            # city id
    cities: list[str]       # city ids, capital first
    offices: dict[str, str] = field(default_factory=dict)   # title -> office id
    holders: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    population: float = 0.0
    area: float = 0.0
    gdp: float = 0.0


@dataclass
class World:
    entities: dict[str, dict]            # id -> entity record
    facts: list[dict]
    countries: list[Country]
    organizations: list[str]             # organisation ids (companies)
    blocs: list[str]                     # organisation ids (groupings)
    commodities: list[str]
    quoted: list[str]                    # people quoted, not in the store (names)
    firms: list[str]                     # firms quoted, not in the store (names)
    mentioned: list[tuple[str, str, str, str]]   # lexicon rows of what the text mentions

    def name(self, entity_id: str) -> str:
        return self.entities[entity_id]["name"]

    def store_records(self) -> list[dict]:
        return list(self.entities.values()) + self.facts


def _fixture_records() -> list[dict]:
    out = []
    for path in FIXTURE_FACTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


@lru_cache(maxsize=2)
def world(core_facts: int = 1000, seed: int = 7) -> World:
    """The fixture world plus a synthetic one, with exactly ``core_facts`` facts."""
    rng = random.Random(seed)
    unique = _Unique(rng)
    entities: dict[str, dict] = {}
    facts: list[dict] = []
    for record in _fixture_records():
        if record["kind"] == "entity":
            entities[record["id"]] = record
        else:
            facts.append({k: v for k, v in record.items() if v is not None})

    def entity(entity_id: str, name: str, kind: str, **extra) -> str:
        record = {"kind": "entity", "id": entity_id, "name": name, "type": kind}
        record.update({k: v for k, v in extra.items() if v})
        entities[entity_id] = record
        return entity_id

    def fact(subject: str, predicate: str, **extra) -> None:
        record = {"kind": "fact", "subject": subject, "predicate": predicate}
        record.update({k: v for k, v in extra.items() if v is not None})
        facts.append(record)

    countries: list[Country] = []
    for number in range(40):
        base = unique.word(2)
        suffix, dem = _COUNTRY_SUFFIX[number % len(_COUNTRY_SUFFIX)]
        name, demonym = base + suffix, base + dem
        cid = entity(f"c-{number:03d}", name, "country", demonyms=[demonym],
                     aliases=[f"Republic of {name}"])
        cities = []
        for k in range(4):
            city = unique.word(2) + rng.choice(_CITY_SUFFIX)
            cities.append(entity(f"{cid}-city-{k}", city, "city"))
            fact(cities[-1], "located_in", object=cid)
        fact(cid, "capital", object=cities[0], valid_from=str(rng.randint(1800, 1990)))
        country = Country(cid, name, demonym, cities[0], cities)
        country.population = round(rng.uniform(1, 300), 1) * 1e6
        country.area = rng.randint(20, 3000) * 1000
        country.gdp = round(rng.uniform(0.05, 4.0), 2) * 1e12
        fact(cid, "population", value=country.population, unit="people", as_of="2022")
        fact(cid, "area", value=country.area, unit="km2")
        for year, scale in (("2022", 0.97), ("2023", 1.0)):
            fact(cid, "gdp_nominal", value=round(country.gdp * scale, -8), unit="USD", as_of=year)
        for title in ("President", "Prime Minister", "Foreign Minister"):
            slug = title.lower().replace(" ", "-")
            office = entity(f"{cid}-{slug}", f"{title} of {name}", "office", title=title,
                            jurisdiction=cid, aliases=[f"{demonym} {title}", f"{name}'s {title}"])
            country.offices[title] = office
            holders = []
            start = rng.randint(2005, 2012)
            for _ in range(2):
                person = entity(f"p-{len(entities):05d}", f"{unique.word(2)} {unique.word(2)}", "person")
                end = start + rng.randint(4, 8)
                until = f"{end}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if end < 2023 else None
                fact(person, "holds_office", object=office,
                     valid_from=f"{start}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", valid_until=until)
                holders.append((person, str(start), until))
                start = end
            country.holders[title] = holders
        countries.append(country)
    for a, b in zip(countries[::2], countries[1::2]):
        fact(a.id, "borders", object=b.id)
    blocs = []
    for number in range(8):
        bloc = entity(f"bloc-{number}", f"{unique.word(2)} {_BLOC_SUFFIX[number % len(_BLOC_SUFFIX)]}",
                      "organization")
        blocs.append(bloc)
    for country in countries:
        for bloc in rng.sample(blocs, 2):
            fact(country.id, "member_of", object=bloc)
    commodities = []
    for name in _COMMODITIES:
        existing = next((e for e in entities.values() if e["name"] == name), None)
        commodities.append(existing["id"] if existing else entity(f"com-{name.replace(' ', '-')}",
                                                                   name, "commodity"))
    for country in countries[:20]:
        for commodity in rng.sample(commodities[4:], 2):
            fact(country.id, "restricts_export", object=commodity,
                 valid_from=f"2023-0{rng.randint(1, 9)}-01")
    organizations = []
    number = 0
    while len(facts) < core_facts - 1:
        country = countries[number % len(countries)]
        org = entity(f"org-{number:04d}", f"{unique.word(2)} {_ORG_SUFFIX[number % len(_ORG_SUFFIX)]}",
                     "organization")
        organizations.append(org)
        fact(org, "headquarters", object=rng.choice(country.cities))
        fact(org, "founded", value=str(rng.randint(1900, 2015)))
        number += 1
    while len(facts) < core_facts:
        country = countries[len(facts) % len(countries)]
        fact(country.id, "population", value=country.population * 0.98, unit="people", as_of="2021")
    del facts[core_facts:]

    quoted = [f"{unique.word(2)} {unique.word(2)}" for _ in range(1500)]
    quoted += [f"{unique.word(2)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {unique.word(2)}-{unique.word(2)}"
               for _ in range(500)]
    firms = [f"{unique.word(2)} {rng.choice(('Capital', 'Partners', 'Research', 'Advisory', 'Securities'))}"
             for _ in range(1500)]

    mentioned: list[tuple[str, str, str, str]] = []
    for record in entities.values():
        mentioned.append((record["name"], "name", record["id"], record["type"]))
        for alias in record.get("aliases", ()):
            mentioned.append((alias, "alias", record["id"], record["type"]))
        for demonym in record.get("demonyms", ()):
            mentioned.append((demonym, "demonym", record["id"], record["type"]))
    for k, name in enumerate(quoted):
        mentioned.append((name, "name", f"q-{k:05d}", "person"))
    for k, name in enumerate(firms):
        mentioned.append((name, "name", f"f-{k:05d}", "organization"))
    return World(entities, facts, countries, organizations, blocs, commodities, quoted, firms,
                 mentioned)


# -- text ------------------------------------------------------------------------------------

def _money(rng: random.Random) -> str:
    symbol = rng.choice(("$", "$", "€", "£", "¥"))
    return f"{symbol}{rng.randint(1, 999)}.{rng.randint(1, 9)} {rng.choice(('million', 'billion'))}"


def _percent(rng: random.Random) -> str:
    return rng.choice((f"{rng.randint(1, 40)}.{rng.randint(0, 9)}%", f"{rng.randint(1, 60)} percent",
                       f"{rng.randint(1, 9)}.{rng.randint(0, 9)} per cent"))


def _date(rng: random.Random) -> str:
    month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.choice((2021, 2022, 2023))
    name = _MONTHS[month - 1]
    return rng.choice((f"{name} {day}, {year}", f"{day} {name} {year}",
                       f"{year}-{month:02d}-{day:02d}", f"{_ABBREVIATED[month - 1]} {day}"))


def _quantity(rng: random.Random) -> str:
    return rng.choice((f"{rng.randint(2, 900):,}{rng.choice((',000', ''))} tonnes",
                       f"{rng.randint(10, 4000):,} km", f"{rng.randint(2, 90)} million barrels",
                       f"{rng.randint(3, 500)} megawatts", f"about {rng.randint(2, 80)},000 workers"))


def _sentences(rng: random.Random, w: World) -> list[str]:
    """A pool of sentences for one article, around two or three countries."""
    countries = rng.sample(w.countries, 3)
    if rng.random() < 0.3:   # the fixture world: China and the US
        countries[0] = _fixture_country(w)
    a, b, c = countries
    out: list[str] = []

    def holder(country: Country, title: str, current: bool = True) -> str:
        people = country.holders.get(title) or []
        if not people:
            return rng.choice(w.quoted)
        return w.name(people[-1][0] if current or len(people) == 1 else people[0][0])

    def city(country: Country) -> str:
        return w.name(rng.choice(country.cities))

    def org() -> str:
        return w.name(rng.choice(w.organizations))

    n = rng.randint(2, 4)
    since = rng.choice(_MONTHS[:9])
    commodities = [w.name(c) for c in rng.sample(w.commodities, 2)]
    makers = [
        # office titles before names (claims), sometimes a former holder (contradicted)
        lambda: f"{a.demonym} President {holder(a, 'President', rng.random() < 0.85)} said on "
                f"{rng.choice(_WEEKDAYS)} that {a.name} was willing to cooperate with {b.name}.",
        lambda: f"The visit follows a trip to {b.name} by {a.demonym} Foreign Minister "
                f"{holder(a, 'Foreign Minister')} last month.",
        lambda: f"{b.name}'s Prime Minister {holder(b, 'Prime Minister')} is due to attend the "
                f"{w.name(rng.choice(w.blocs))} meeting in {city(c)}.",
        # X-headquartered Y
        lambda: f"Shares of {city(a)}-headquartered {org()} rose {_percent(rng)} to {_money(rng)} "
                f"in early trading.",
        lambda: f"{city(b)}-based {org()} said it would cut {_quantity(rng)} of capacity.",
        # rankings
        lambda: f"Tensions between the world's {rng.choice(_NUMBER_WORDS)} biggest economies "
                f"have spilled over into technology and trade.",
        lambda: "The talks come as ties between the world's two largest economies remain strained.",
        # since September
        lambda: f"{a.name} has been blocking shipments of {commodities[0]} and {commodities[1]} "
                f"since {since}.",
        lambda: f"Meanwhile, {b.name} has restricted exports of {commodities[0]} since {since}.",
        # capitals, populations, areas
        lambda: f"{city(a) if rng.random() < 0.2 else w.name(a.capital)} is the capital of {a.name}.",
        lambda: f"{b.name}'s capital, {w.name(b.capital)}, hosted the talks on {_date(rng)}.",
        lambda: f"{c.name} has a population of {c.population / 1e6 * rng.choice((1, 1, 1.4)):.1f} million.",
        lambda: f"{a.name} has a total area of {a.area:,.0f} square kilometres.",
        # visits, founding, membership, borders
        lambda: f"{holder(b, 'Foreign Minister')} visited {city(a)} on {_date(rng)}.",
        lambda: f"{org()} was founded in {rng.randint(1900, 2015)}.",
        lambda: f"{a.name} is a member of the {w.name(rng.choice(w.blocs))}.",
        lambda: f"{a.name} borders {b.name}.",
        # money, percentages, dates, quantities without a rule
        lambda: f"{a.demonym} exports rose {_percent(rng)} to {_money(rng)} in {rng.choice(_MONTHS)}, "
                f"official data showed on {_date(rng)}.",
        lambda: f"Imports fell {_percent(rng)} year on year to {_money(rng)}, the lowest since {rng.randint(2009, 2021)}.",
        lambda: f"The {w.name(rng.choice(w.blocs))} agreed on {_date(rng)} to ship {_quantity(rng)} by {rng.randint(2025, 2030)}.",
        lambda: f"The central bank kept its benchmark rate at {_percent(rng)} for a {rng.choice(('third', 'fourth', 'fifth'))} month.",
        # quotes and attribution (mentions, no checkable claims)
        lambda: f"\"We expect the pressure to continue,\" said {rng.choice(w.quoted)}, an economist at "
                f"{rng.choice(w.firms)}.",
        lambda: f"{rng.choice(w.quoted)} of {rng.choice(w.firms)} said the move could be {n} times "
                f"larger than expected.",
        # near-misses
        lambda: f"{a.demonym}ist groups and Parisian cafes drew crowds of {rng.choice(w.quoted).split()[0]}s "
                f"and Smiths alike.",
        lambda: f"Presidential hopefuls in {a.name} criticised the capitalist model of {city(b)}ers.",
        lambda: f"The former president of the chamber, a {a.demonym.lower()}-born lawyer, declined to comment.",
        # distractors (no digits, no titles)
        lambda: "Analysts said the outlook remained uncertain amid weak demand and tight credit.",
        lambda: "Officials declined to say whether further measures were being considered.",
        lambda: f"Markets in {city(c)} were calm as traders waited for more details.",
        lambda: "The ministry did not respond to a request for comment outside business hours.",
        lambda: "Critics argue that the policy risks hurting consumers more than producers.",
        lambda: "Diplomats described the meeting as frank and constructive.",
    ]
    weights = [3, 2, 2, 3, 2, 1, 1, 2, 1, 2, 1, 2, 1, 2, 2, 1, 1, 3, 2, 2, 2, 2, 2, 1, 1, 1,
               3, 3, 2, 2, 2, 2]
    for maker in rng.choices(makers, weights=weights, k=80):
        out.append(maker())
    return out


def _fixture_country(w: World) -> Country:
    """China as a Country, for articles about the fixture world."""
    holders = {"President": [("xi-jinping", "2013", None)],
               "Foreign Minister": [("qin-gang", "2022", "2023"), ("wang-yi", "2023", None)],
               "Prime Minister": []}
    return Country("china", "China", "Chinese", "beijing", ["beijing", "shenzhen"],
                   holders=holders, population=1.41e9, area=9.6e6, gdp=17.8e12)


def article(index: int, size: int = 5000, seed: int = 11) -> str:
    """Article number ``index``: a headline, paragraphs of one to three sentences, ≈``size`` bytes."""
    w = world()
    rng = random.Random(seed * 1_000_003 + index)
    pool = _sentences(rng, w)
    headline = pool[0].rstrip(".")
    paragraphs = [headline]
    total = len(headline.encode("utf-8"))
    k = 1
    while total < size and k < len(pool):
        take = pool[k:k + rng.randint(1, 3)]
        k += len(take)
        paragraph = " ".join(take)
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def corpus(size: int, seed: int = 11) -> str:
    """Generated articles (the fixture articles first), joined by blank lines, cut to ``size`` bytes
    at a paragraph boundary (a single article is cut at a sentence boundary)."""
    parts = [p.read_text(encoding="utf-8") for p in FIXTURE_ARTICLES]
    total = sum(len(p.encode("utf-8")) for p in parts)
    index = 0
    while total < size:
        text = article(index, seed=seed)
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
        index += 1
    text = "\n".join(parts)
    data = text.encode("utf-8")
    if len(data) <= size:
        return text
    cut = data[:size].decode("utf-8", "ignore")
    for boundary in ("\n\n", ". "):
        at = cut.rfind(boundary)
        if at > size // 2:
            return cut[:at + 1]
    return cut


# -- facts -----------------------------------------------------------------------------------

def filler_records(n_facts: int, seed: int = 13, link_share: float = 0.02):
    """Entity and fact records about filler entities, ``n_facts`` facts in all (≈10 per entity).

    Filler entities come in threes (a city, an organisation, a person); every reference points at
    an earlier filler entity, or, for a ``link_share`` of the facts, at the world's own countries
    (filler cities located in them, filler people visiting them), as in a real reference store.
    """
    w = world()
    rng = random.Random(seed)
    targets = [c.id for c in w.countries] + ["china", "united-states", "japan", "germany"]
    made = 0
    number = 0

    def earlier(offset: int) -> str:
        """A filler entity of the kind ``offset`` (0 city, 1 organisation) defined before ``number``."""
        groups = number // 3 + (1 if number % 3 > offset else 0)
        return f"x{3 * rng.randrange(groups) + offset:07d}" if groups else ""

    while made < n_facts:
        kind = ("city", "organization", "person")[number % 3]
        eid = f"x{number:07d}"
        a, b = _word(rng, 2), _word(rng, 2)
        if kind == "city":
            name = a + rng.choice(_CITY_SUFFIX) + (" " + b if number % 7 == 0 else "")
        elif kind == "organization":
            name = f"{a} {b} {_ORG_SUFFIX[number % len(_ORG_SUFFIX)]}"
        else:
            name = f"{a} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {b}"
        record = {"kind": "entity", "id": eid, "name": name, "type": kind}
        if number % 4 == 0:
            record["aliases"] = [a + b.lower()]
        yield record
        group = []
        if kind == "city":
            parent = rng.choice(targets) if rng.random() < link_share * 5 else earlier(0)
            if parent:
                group.append({"subject": eid, "predicate": "located_in", "object": parent})
            base = rng.randint(1000, 9_000_000)
            for year in range(2014, 2022):
                group.append({"subject": eid, "predicate": "population", "value": base + year,
                              "unit": "people", "as_of": str(year)})
            group.append({"subject": eid, "predicate": "area", "value": rng.randint(5, 9000), "unit": "km2"})
        elif kind == "organization":
            group.append({"subject": eid, "predicate": "founded", "value": str(rng.randint(1850, 2020))})
            group.append({"subject": eid, "predicate": "headquarters", "object": earlier(0)})
            for year in range(2015, 2023):
                group.append({"subject": eid, "predicate": "member_of",
                              "object": earlier(1) or w.blocs[year % len(w.blocs)], "valid_from": str(year)})
        else:
            for year in range(2012, 2022):
                place = rng.choice(targets) if rng.random() < link_share * 2 else earlier(0)
                group.append({"subject": eid, "predicate": "visited", "object": place,
                              "valid_from": f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"})
        for fact in group:
            if made >= n_facts:
                break
            yield {"kind": "fact", **fact}
            made += 1
        number += 1


def write_fact_file(path: Path, n_facts: int, core_facts: int = 1000) -> int:
    """The world's ``core_facts`` store plus filler up to ``n_facts`` facts, as JSON Lines."""
    w = world(core_facts)
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in w.store_records():
            out.write(json.dumps(record) + "\n")
            count += record["kind"] == "fact"
        for record in filler_records(max(0, n_facts - count)):
            out.write(json.dumps(record) + "\n")
    return n_facts


# -- names -----------------------------------------------------------------------------------

def lexicon_rows(n: int, seed: int = 17) -> list[tuple[str, str, str, str]]:
    """``n`` (text, kind, entity id, type) rows: the names the text mentions first, then synthetic
    people (with middle initials, double-barrelled surnames), organisations, places and
    single-word aliases."""
    w = world()
    rows = list(w.mentioned[:n])
    seen = {r[0] for r in rows}
    rng = random.Random(seed)
    number = 0
    while len(rows) < n:
        number += 1
        shape = number % 6
        a, b = _word(rng, 2), _word(rng, 2)
        if shape == 0:
            text, kind, etype = f"{a} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {b}", "name", "person"
        elif shape == 1:
            text, kind, etype = f"{a} {b}-{_word(rng, 2)}", "name", "person"
        elif shape == 2:
            text, kind, etype = f"{a} {b} {rng.choice(_ORG_SUFFIX)}", "name", "organization"
        elif shape == 3:
            text, kind, etype = a + rng.choice(_CITY_SUFFIX), "name", "city"
        elif shape == 4:
            text, kind, etype = f"{a} {b}", "name", "person"
        else:
            text, kind, etype = _word(rng, 3), "alias", "organization"
        if text in seen:
            continue
        seen.add(text)
        rows.append((text, kind, f"n{number:07d}", etype))
    return rows
