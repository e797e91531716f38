"""Judging claims against the reference facts valid at each claim's time (CONTRACT section 4).

All the facts one document needs are fetched up front in a bounded number of statements:
one for every entity the claims name, one more per round of transitive inference (at most
``MAX_CHAIN`` rounds), one per ranked predicate. Each claim is then judged in memory by the
semantics of its predicate's kind, as declared in the rule packs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from factcheck.dates import DateRange, parse_partial_date
from factcheck.model import Claim, Deadline, Document, Evidence, Verdict
from factcheck.resolve.events import resolve_event_subject
from factcheck.resolve.objects import resolve_object
from factcheck.resolve.offices import resolve_title
from factcheck.rules.loader import PredicateSpec, RuleSet
from factcheck.store.database import EntityInfo, Store

MAX_CHAIN = 5
_OPEN_START = date.min


def _read_as(claim: Claim, verdict: Verdict) -> Verdict:
    """The verdict, its explanation saying how a reference word was read ("'its' read as Madrid")."""
    if not claim.subject_via:
        return verdict
    via = claim.subject_via
    return replace(verdict, explanation=f"{verdict.explanation} ('{via['text']}' read as {via['refers_to']})")


def _usable(facts: Iterable[Evidence]) -> list[Evidence]:
    """Deprecated facts never count; where a subject has a preferred fact for a predicate, only
    its preferred ones do (as Wikidata ranks a subject's statements), other subjects unaffected."""
    facts = [f for f in facts if f.rank != "deprecated"]
    preferred = {(f.subject, f.predicate) for f in facts if f.rank == "preferred"}
    return [f for f in facts if f.rank == "preferred" or (f.subject, f.predicate) not in preferred]


def _when(when: DateRange | None) -> str:
    if when is None:
        return "at an unknown time"
    if when.date_from == when.date_until:
        return f"on {when.date_from.isoformat()}"
    if when.precision in ("month", "year"):
        return f"in {when.iso()}"
    return f"between {when.date_from.isoformat()} and {when.date_until.isoformat()}"


def _span(fact: Evidence) -> str:
    if fact.valid_from and fact.valid_until:
        return f"from {fact.valid_from} to {fact.valid_until}"
    if fact.valid_from:
        return f"since {fact.valid_from}"
    if fact.valid_until:
        return f"until {fact.valid_until}"
    return "with no stated period"


def _amount(number: float, unit: str | None) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(number) >= scale:
            text = f"{number / scale:.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        text = f"{number:,.0f}" if float(number).is_integer() else f"{number:g}"
    return f"{text} {unit}" if unit else text


class Verifier:
    """Judges the claims of documents against one store, with one rule set."""

    def __init__(self, store: Store, rules: RuleSet, names: dict[str, str] | None = None) -> None:
        self.store = store
        self.rules = rules
        self.names = names or {}
        self.facts: list[Evidence] = []
        self.entities: dict[str, EntityInfo] = {}
        self._by_subject: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        self._by_object: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
        self._by_predicate: dict[str, list[Evidence]] = {}

    # -- loading ---------------------------------------------------------------------------

    def _load(self, claims: list[Claim]) -> None:
        ids: set[str] = set()
        ranked: dict[str, int] = {}
        for claim in claims:
            for ref in (claim.subject, claim.object, *claim.members):
                if ref is not None:
                    if ref.id:
                        ids.add(ref.id)
                    ids.update(ref.candidates)
            if claim.rank_top is not None or claim.rank is not None:
                year = claim.time.date_until.year if claim.time else date.today().year
                ranked[claim.predicate] = max(ranked.get(claim.predicate, year), year)
        facts: dict[int, Evidence] = {}
        frontier = set(ids)
        seen: set[str] = set()
        chained = {name for name, spec in self.rules.predicates.items() if spec.kind == "transitive"}
        # Only the predicates the claims can use: theirs, their inverses, the chains of inference
        # and the dates that pick an event; a famous entity's thousands of other facts stay put.
        wanted = {claim.predicate for claim in claims} | chained | {"located_in", "start_date"}
        wanted |= {spec.inverse for name, spec in self.rules.predicates.items()
                   if spec.inverse and (name in wanted or spec.inverse in wanted)}
        wanted |= {name for name, spec in self.rules.predicates.items() if spec.inverse in wanted}
        # Facts naming a claim entity as object matter only where the object side is the question:
        # an office's holders, a symmetric relation, an inverse pair (not the thousands of cities
        # located in China).
        by_object = {name for name in wanted if name in self.rules.predicates and (
            self.rules.predicates[name].kind in ("office", "symmetric") or self.rules.predicates[name].inverse
            or any(spec.inverse == name for spec in self.rules.predicates.values()))}
        for depth in range(MAX_CHAIN + 1):
            if not frontier:
                break
            found = self.store.facts_about(frontier, wanted if depth == 0 else chained,
                                           as_object=depth == 0, object_predicates=by_object)
            seen |= frontier
            frontier = set()
            for fact in found:
                facts[fact.id] = fact
                if fact.predicate in chained and fact.object and fact.object not in seen:
                    frontier.add(fact.object)
        for predicate, year in sorted(ranked.items()):
            # Rankings use the latest year up to the claim's; older figures are stale anyway.
            spec = self.rules.predicates.get(predicate)
            oldest = year - (spec.stale_after if spec and spec.stale_after is not None else 50)
            for fact in self.store.facts_with_predicate(predicate, as_of_from=f"{oldest:04d}",
                                                        as_of_until=f"{year:04d}-99", undated=True):
                facts[fact.id] = fact
        self.facts = [facts[k] for k in sorted(facts)]
        # Seats and titles are needed for the entities claims name, and the jurisdictions of the
        # offices their people hold (for bare titles); names come from the lexicon, and those it
        # lacks (a lexicon reading the store per document has the document's) with them.
        offices = {name for name, spec in self.rules.predicates.items() if spec.kind == "office"}
        held = {fact.object for fact in self.facts if fact.predicate in offices and fact.subject in ids and fact.object}
        # A subject's rank counts the entities of its type: those of the ranked figures too.
        ranked_subjects = {fact.subject for fact in self.facts if fact.predicate in ranked}
        needed = ids | held | ranked_subjects
        unnamed = {entity for fact in self.facts for entity in (fact.subject, fact.object)
                   if entity and entity not in self.names} - needed
        found = self.store.entities(needed | unnamed)
        self.entities = {entity_id: info for entity_id, info in found.items() if entity_id in needed}
        for entity_id, info in found.items():
            self.names.setdefault(entity_id, info.name)
        # Inverse pairs (controls / controlled_by): a fact of one, read the other way, counts for both.
        inverses: dict[str, str] = {}
        for name, spec in self.rules.predicates.items():
            if spec.inverse:
                inverses[spec.inverse] = name
                inverses.setdefault(name, spec.inverse)
        derived = [replace(fact, subject=fact.object, object=fact.subject, predicate=inverses[fact.predicate],
                           note=f"read from fact #{fact.id}: {self.name(fact.subject)} {fact.predicate} "
                                f"{self.name(fact.object)}")
                   for fact in self.facts if fact.predicate in inverses and fact.object]
        for fact in [*self.facts, *derived]:
            self._by_subject[(fact.subject, fact.predicate)].append(fact)
            if fact.object:
                self._by_object[(fact.object, fact.predicate)].append(fact)
            self._by_predicate.setdefault(fact.predicate, []).append(fact)

    def name(self, entity_id: str | None) -> str:
        if entity_id is None:
            return "?"
        return self.names.get(entity_id, entity_id)

    # -- judging ---------------------------------------------------------------------------

    def verify(self, document: Document, *, deadline: Deadline | None = None) -> list[tuple[Claim, Verdict]]:
        """Each claim, its references settled (:mod:`factcheck.resolve`), with its verdict; with a
        ``deadline``, only the claims judged before it passed (the first ones, in order)."""
        self._load(document.claims)
        start_dates = {entity: [f.value_date for f in self._by_subject.get((entity, "start_date"), [])
                                if f.value_date]
                       for claim in document.claims if claim.subject is not None
                       for entity in claim.subject.candidates}
        judged = []
        for claim in document.claims:
            if deadline is not None and deadline.passed():
                break
            claim = self._resolve(resolve_event_subject(claim, start_dates, self.name))
            judged.append((claim, self._named(_read_as(claim, self.judge(claim)))))
        return judged

    def _named(self, verdict: Verdict) -> Verdict:
        """The verdict with its facts' subjects and objects named as the store names them."""
        if not verdict.evidence:
            return verdict
        return replace(verdict, evidence=[
            replace(fact, subject_name=self.name(fact.subject),
                    object_name=self.name(fact.object) if fact.object else None) for fact in verdict.evidence])

    def _resolve(self, claim: Claim) -> Claim:
        """A bare title's office, from the offices the subject holds (:mod:`factcheck.resolve.offices`);
        an ambiguous object of a single- or many-valued predicate, from the subject's facts
        (:mod:`factcheck.resolve.objects`)."""
        spec = self.rules.predicates.get(claim.predicate)
        if spec is None or claim.subject is None or claim.subject.id is None:
            return claim
        if spec.kind in ("single", "many"):
            return resolve_object(claim, _usable(self._by_subject.get((claim.subject.id, claim.predicate), [])),
                                  self.name)
        if spec.kind != "office":
            return claim
        held = _usable(self._by_subject.get((claim.subject.id, claim.predicate), []))
        jurisdictions = {entity: info.jurisdiction for entity, info in self.entities.items()}
        return resolve_title(claim, held, jurisdictions, self.name)

    def judge(self, claim: Claim) -> Verdict:
        spec = self.rules.predicates.get(claim.predicate)
        if claim.modality:
            return Verdict("unknown", f"not checked: the sentence presents this as {claim.modality} "
                                      f"(\"{claim.modality_cue}\")")
        if spec is None:
            return Verdict("unknown", f"no rule pack defines the predicate {claim.predicate}")
        if claim.subject is None or claim.subject.id is None:
            label = claim.subject.name if claim.subject else "the subject"
            why = "is ambiguous" if claim.subject and claim.subject.candidates else "is not in the store"
            return Verdict("unknown", f"'{label}' {why}, so the claim cannot be checked")
        if claim.object is not None and claim.object.id is None and claim.object.candidates and not claim.members:
            options = ", ".join(self.name(c) for c in claim.object.candidates[:5])
            more = f" and {len(claim.object.candidates) - 5} more" if len(claim.object.candidates) > 5 else ""
            return Verdict("unknown", f"'{claim.object.name}' may be {options}{more}; neither the text nor "
                                      f"the store says which, so the claim cannot be checked")
        if claim.object is not None and claim.object.id is None and not claim.members:
            return Verdict("unknown", f"'{claim.object.name}' is not in the store, so the claim "
                                      "cannot be checked")
        judge = getattr(self, f"_judge_{spec.kind}")
        if claim.rank_top is not None:
            verdict = self._judge_ranking(claim, spec)
        elif claim.rank is not None:
            verdict = self._judge_rank(claim, spec)
        else:
            verdict = judge(claim, spec)
        if claim.negated and verdict.verdict != "unknown":
            flipped = "contradicted" if verdict.verdict == "supported" else "supported"
            verdict = Verdict(flipped, f"the sentence denies it, and {verdict.explanation}",
                              verdict.evidence)
        return verdict

    # Each _judge_KIND below implements one predicate kind of rules.PREDICATE_KINDS.

    def _judge_office(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        person, office, when = claim.subject.id, claim.object.id if claim.object else None, claim.time
        if office is None:
            return Verdict("unknown", "the office is not named")
        holders = [f for f in _usable(self._by_object.get((office, claim.predicate), []))
                   if f.holds_during(when)]
        own = [f for f in holders if f.subject == person]
        if own:
            fact = own[0]
            tense = "has held" if fact.valid_until is None else "held"
            return Verdict("supported", f"{self.name(person)} {tense} {self.name(office)} "
                                        f"{_span(fact)}", own)
        info = self.entities.get(office)
        seats = (info.seats if info else None) or 1
        if holders and len({f.subject for f in holders}) < seats:
            return Verdict("unknown", f"{self.name(office)} has {seats} seats and the store names only "
                                      f"{len({f.subject for f in holders})} holder(s) {_when(when)}", holders)
        if holders:
            others = ", ".join(f"{self.name(f.subject)} ({_span(f)})" for f in holders)
            mine = self._by_subject.get((person, claim.predicate), [])
            mine = [f for f in mine if f.object == office]
            detail = ""
            if mine:
                detail = "; " + self.name(person) + " held it " + ", ".join(_span(f) for f in mine)
            return Verdict("contradicted", f"{_when(when).capitalize()}, {self.name(office)} was held "
                                           f"by {others}, not {self.name(person)}{detail}",
                           holders + mine)
        return Verdict("unknown", f"the store has no holder of {self.name(office)} {_when(when)}")

    def _chains(self, start: str, predicate: str, when: DateRange | None,
                limit: int = MAX_CHAIN) -> dict[str, list[Evidence]]:
        """Every entity reachable from ``start`` along ``predicate``, with the chain of facts to it."""
        chains: dict[str, list[Evidence]] = {start: []}
        queue = [start]
        while queue:
            current = queue.pop(0)
            if len(chains[current]) >= limit:
                continue
            for fact in _usable(self._by_subject.get((current, predicate), [])):
                if fact.object and fact.object not in chains and (when is None or fact.holds_during(when)):
                    chains[fact.object] = chains[current] + [fact]
                    queue.append(fact.object)
        return chains

    def _places_containing(self, place: str, when: DateRange | None) -> dict[str, list[Evidence]]:
        """Every place that contains ``place`` via located_in, with the chain of facts that shows it."""
        return self._chains(place, "located_in", when)

    def _matches(self, fact_object: str | None, wanted: str, spec: PredicateSpec,
                 when: DateRange | None) -> list[Evidence] | None:
        """The located_in chain showing ``fact_object`` is (within) ``wanted``, or None."""
        if fact_object is None:
            return None
        if fact_object == wanted:
            return []
        if spec.object_types and not set(spec.object_types) & {"place", "city", "country", "region"}:
            return None
        return self._places_containing(fact_object, when).get(wanted)

    def _judge_single(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        subject, wanted, when = claim.subject.id, claim.object.id if claim.object else None, claim.time
        facts = [f for f in _usable(self._by_subject.get((subject, claim.predicate), []))
                 if when is None or f.holds_during(when)]
        if wanted is None:
            return Verdict("unknown", "the claim names no object")
        for fact in facts:
            chain = self._matches(fact.object, wanted, spec, when)
            if chain is not None:
                via = f" ({self.name(fact.object)} is in {self.name(wanted)})" if chain else ""
                return Verdict("supported", f"the {spec.verb} of {self.name(subject)} is "
                                            f"{self.name(fact.object)}{via}", [fact, *chain])
        if not facts:
            return Verdict("unknown", f"the store has no {spec.verb} of {self.name(subject)} {_when(when)}")
        values = sorted({f.object for f in facts if f.object})
        if len(values) > 1 and all(f.rank == "normal" for f in facts):
            return Verdict("unknown", f"conflicting sources: the store gives {spec.verb} of "
                                      f"{self.name(subject)} as " + " and ".join(self.name(v) for v in values),
                           facts)
        return Verdict("contradicted", f"the {spec.verb} of {self.name(subject)} {_when(when)} is "
                                       f"{self.name(values[0]) if values else '?'}, not {self.name(wanted)}",
                       facts)

    def _related(self, subject: str, wanted: str, predicate: str, when: DateRange | None,
                 transitive: bool, symmetric: bool) -> list[Evidence] | None:
        direct = [f for f in _usable(self._by_subject.get((subject, predicate), []))
                  if when is None or f.holds_during(when)]
        if symmetric:
            direct += [f for f in _usable(self._by_object.get((subject, predicate), []))
                       if when is None or f.holds_during(when)]
        for fact in direct:
            other = fact.object if fact.subject == subject else fact.subject
            if other == wanted:
                return [fact]
        if transitive:
            return self._chains(subject, predicate, when).get(wanted) or None
        return None

    def _judge_many(self, claim: Claim, spec: PredicateSpec, *, transitive: bool = False,
                    symmetric: bool = False) -> Verdict:
        subject, wanted, when = claim.subject.id, claim.object.id if claim.object else None, claim.time
        if wanted is None:
            return Verdict("unknown", "the claim names no object")
        chain = self._related(subject, wanted, claim.predicate, when, transitive, symmetric)
        if chain:
            via = [f.note for f in chain if f.note and f.note.startswith("read from fact #")]
            if via and len(chain) == 1:
                return Verdict("supported", f"{self.name(subject)} is {spec.verb} {self.name(wanted)}, "
                                            f"{via[0]}", chain)
            if len(chain) > 1:
                steps = " -> ".join([self.name(subject)] + [self.name(f.object) for f in chain])
                return Verdict("supported", f"{self.name(subject)} is {spec.verb} {self.name(wanted)} "
                                            f"through the chain {steps}", chain)
            return Verdict("supported", f"{self.name(subject)} is {spec.verb} {self.name(wanted)} "
                                        f"{_span(chain[0])}", chain)
        return Verdict("unknown", f"the store has no fact that {self.name(subject)} is {spec.verb} "
                                  f"{self.name(wanted)} {_when(when)}")

    def _judge_transitive(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        return self._judge_many(claim, spec, transitive=True)

    def _judge_symmetric(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        return self._judge_many(claim, spec, symmetric=True)

    def _judge_quantity(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        quantity = claim.quantity
        if quantity is None:
            return Verdict("unknown", "the claim states no quantity")
        if quantity.unit and spec.unit and quantity.unit != spec.unit:
            return Verdict("unknown", f"\"{quantity.text}\" is in {quantity.unit}, not {spec.unit}, "
                                      f"so it is not a {spec.verb} figure")
        facts = [f for f in _usable(self._by_subject.get((claim.subject.id, claim.predicate), []))
                 if f.value_number is not None]
        when = claim.time
        # a figure as of a year or month is one of the claim's time where that period has begun
        # by then: "as of 2017" serves a claim of July 2017
        dated = [(parse_partial_date(f.as_of) if f.as_of else None, f) for f in facts]
        before = [(as_of.date_until if as_of else _OPEN_START, f) for as_of, f in dated
                  if as_of is None or when is None or as_of.date_from <= when.date_until]
        if not before:
            return Verdict("unknown", f"the store has no {spec.verb} of {self.name(claim.subject.id)}"
                                      + (f" up to {when.date_until.isoformat()}" if when else ""))
        latest = max(d for d, _ in before)
        chosen = [f for d, f in before if d == latest]
        values = sorted({f.value_number for f in chosen})
        if len(values) > 1 and all(f.rank == "normal" for f in chosen):
            return Verdict("unknown", "conflicting sources: the store gives " + " and ".join(
                _amount(v, spec.unit) for v in values), chosen)
        fact = chosen[0]
        if spec.stale_after is not None and when is not None and fact.as_of and \
                when.date_from.year - parse_partial_date(fact.as_of).date_until.year > spec.stale_after:
            return Verdict("unknown", f"the newest {spec.verb} figure of {self.name(claim.subject.id)} "
                                      f"in the store is as of {fact.as_of}, more than {spec.stale_after} "
                                      f"years before {_when(when).removeprefix('on ')}", [fact])
        margin = spec.tolerance * abs(quantity.number)
        low, high = quantity.low - margin, quantity.high + margin
        actual = fact.value_number
        stated = f"{_amount(actual, fact.unit or spec.unit)} as of {fact.as_of or 'an unstated date'}"
        if low <= actual <= high:
            return Verdict("supported", f"the {spec.verb} of {self.name(claim.subject.id)} is {stated}, "
                                        f"within what \"{quantity.text}\" covers", [fact])
        if spec.stale_after is not None and not fact.as_of:
            # a figure that goes stale says nothing against another figure without its date
            return Verdict("unknown", f"the store's {spec.verb} of {self.name(claim.subject.id)} is {stated}; "
                                      f"without its date it cannot tell whether \"{quantity.text}\" "
                                      f"{_when(when)} is wrong", [fact])
        return Verdict("contradicted", f"the {spec.verb} of {self.name(claim.subject.id)} is {stated}, "
                                       f"outside what \"{quantity.text}\" covers", [fact])

    def _judge_date(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        when = claim.time
        facts = [f for f in _usable(self._by_subject.get((claim.subject.id, claim.predicate), []))
                 if f.value_date]
        if not facts or when is None:
            return Verdict("unknown", f"the store has no {spec.verb} for {self.name(claim.subject.id)}")
        fact = facts[0]
        actual = parse_partial_date(fact.value_date)
        if when.date_from <= actual.date_from and actual.date_until <= when.date_until:
            return Verdict("supported", f"{self.name(claim.subject.id)} {spec.verb} {fact.value_date}, "
                                        f"{_when(when)}", [fact])
        if actual.date_until < when.date_from or actual.date_from > when.date_until:
            return Verdict("contradicted", f"{self.name(claim.subject.id)} {spec.verb} "
                                           f"{fact.value_date}, not {_when(when)}", [fact])
        return Verdict("unknown", f"the store gives {fact.value_date} for {spec.verb}, too coarse "
                                  f"to tell whether it falls {_when(when)}", [fact])

    def _relation_facts(self, claim: Claim) -> list[Evidence]:
        subject, wanted = claim.subject.id, claim.object.id if claim.object else None
        facts = _usable(self._by_subject.get((subject, claim.predicate), []))
        if wanted is None:
            return []
        return [f for f in facts if f.object == wanted
                or (f.object and self._places_containing(f.object, None).get(wanted) is not None)]

    def _judge_dated_relation(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        when = claim.time
        facts = [f for f in self._relation_facts(claim) if f.value_date]
        subject, obj = self.name(claim.subject.id), self.name(claim.object.id if claim.object else None)
        inside = [f for f in facts if when is not None and parse_partial_date(f.value_date).overlaps(when)]
        if inside:
            return Verdict("supported", f"{subject} {spec.verb} {obj} on {inside[0].value_date}, "
                                        f"{_when(when)}", inside)
        if facts:
            dates = ", ".join(sorted(f.value_date for f in facts))
            return Verdict("unknown", f"the store knows {subject} {spec.verb} {obj} on {dates}, "
                                      f"but of nothing {_when(when)}", facts)
        return Verdict("unknown", f"the store has no record that {subject} {spec.verb} {obj}")

    def _judge_interval_relation(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        when = claim.time
        facts = self._relation_facts(claim)
        subject, obj = self.name(claim.subject.id), self.name(claim.object.id if claim.object else None)
        if claim.object is None or claim.object.id is None:
            return Verdict("unknown", f"the claim does not say what {subject} {spec.verb}")
        if not facts:
            return Verdict("unknown", f"the store has no record that {subject} {spec.verb} {obj}")
        if claim.time_role == "since":
            current = [f for f in facts if f.holds_during(DateRange(when.date_until, when.date_until, "day"))] \
                if when else []
            fact = (current or sorted(facts, key=lambda f: f.valid_from or ""))[-1]
            start = parse_partial_date(fact.valid_from) if fact.valid_from else None
            note = f" ({fact.note})" if fact.note else ""
            if start is None:
                return Verdict("unknown", f"the store does not say when {subject} began to {spec.verb} {obj}",
                               [fact])
            if when.date_from <= start.date_from and start.date_until <= when.date_until:
                return Verdict("supported", f"{subject} has {spec.verb} {obj} since {fact.valid_from}"
                                            f"{note}, which is {_when(when)}", [fact])
            return Verdict("contradicted", f"{subject} has {spec.verb} {obj} since {fact.valid_from}"
                                           f"{note}, not since {when.iso() if when.precision in ('month', 'year', 'day') else _when(when)}",
                           [fact])
        overlapping = [f for f in facts if when is None or f.holds_during(when)]
        if claim.time_role == "interval" and when is not None:
            exact = [f for f in overlapping if f.interval() == (when.date_from, when.date_until)]
            if exact:
                return Verdict("supported", f"{subject} {spec.verb} {obj} {_span(exact[0])}", exact)
            if overlapping:
                fact = overlapping[0]
                return Verdict("contradicted", f"{subject} {spec.verb} {obj} {_span(fact)}, "
                                               f"not {_when(when).removeprefix('between ')}", [fact])
            return Verdict("unknown", f"the store has no record that {subject} {spec.verb} {obj} "
                                      f"{_when(when)}", facts)
        if overlapping:
            fact = overlapping[0]
            return Verdict("supported", f"{subject} {spec.verb} {self.name(fact.object)} {_span(fact)}, "
                                        f"{_when(when)}", [fact])
        return Verdict("unknown", f"the store has no record that {subject} {spec.verb} {obj} "
                                  f"{_when(when)}", facts)

    def _figures_by_year(self, predicate: str, year_limit: int) -> dict[int, dict[str, Evidence]]:
        """The predicate's newest figure per subject and year, for years up to ``year_limit``.

        A figure with no date (an area) counts for ``year_limit`` unless it ended before, or the
        subject has a dated figure for that year."""
        by_year: dict[int, dict[str, Evidence]] = defaultdict(dict)
        facts = _usable(self._by_predicate.get(predicate, []))
        for fact in facts:
            if not fact.as_of and fact.value_number is not None:
                if fact.valid_until and parse_partial_date(fact.valid_until).date_until.year < year_limit:
                    continue
                if fact.valid_from and parse_partial_date(fact.valid_from).date_from.year > year_limit:
                    continue
                previous = by_year[year_limit].get(fact.subject)
                if previous is None or fact.id > previous.id:
                    by_year[year_limit][fact.subject] = fact
        for fact in facts:
            if fact.as_of and fact.value_number is not None:
                year = parse_partial_date(fact.as_of).date_from.year
                if year <= year_limit:
                    previous = by_year[year].get(fact.subject)
                    if previous is None or not previous.as_of or (fact.as_of, fact.id) > (previous.as_of, previous.id):
                        by_year[year][fact.subject] = fact
        return by_year

    def _judge_rank(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        """A named subject's place among the entities of its type, by the figures of the latest
        year, up to the claim's, that has the subject's. The store must rank at least as many
        entities as the claimed place: with fewer, a missing one could stand anywhere above."""
        subject = claim.subject.id
        year_limit = claim.time.date_until.year if claim.time else date.today().year
        info = self.entities.get(subject)
        by_year = self._figures_by_year(claim.predicate, year_limit)
        years = [y for y in sorted(by_year, reverse=True) if subject in by_year[y]]
        if info is None or not years:
            return Verdict("unknown", f"the store has no {spec.verb} figure for {self.name(subject)} "
                                      f"up to {year_limit}")
        year = years[0]
        if spec.stale_after is not None and year_limit - year > spec.stale_after:
            return Verdict("unknown", f"the newest {spec.verb} figure for {self.name(subject)} is from "
                                      f"{year}, more than {spec.stale_after} years before {year_limit}")
        peers = [fact for entity, fact in by_year[year].items()
                 if (peer := self.entities.get(entity)) is not None and peer.type == info.type]
        ranking = sorted(peers, key=lambda f: (-f.value_number, f.subject))
        place = 1 + next(n for n, fact in enumerate(ranking) if fact.subject == subject)
        if len(ranking) < claim.rank:
            return Verdict("unknown", f"the store ranks only {len(ranking)} by {spec.verb} in {year}, "
                                      f"fewer than {claim.rank}", ranking[:1])
        at_claim = ranking[claim.rank - 1]
        own = ranking[place - 1]
        figure = f"{self.name(subject)} ({_amount(own.value_number, own.unit)})"
        if place == claim.rank:
            return Verdict("supported", f"by {spec.verb} in {year}, {figure} ranks {_ordinal(place)} "
                                        f"of {len(ranking)} in the store", [own])
        return Verdict("contradicted", f"by {spec.verb} in {year}, {figure} ranks {_ordinal(place)}, "
                                       f"not {_ordinal(claim.rank)} ({_ordinal(claim.rank)} is "
                                       f"{self.name(at_claim.subject)}, "
                                       f"{_amount(at_claim.value_number, at_claim.unit)})", [own, at_claim])

    def _judge_ranking(self, claim: Claim, spec: PredicateSpec) -> Verdict:
        """A ranking derived from the quantity facts of the latest year, up to the claim's, that has them."""
        members = [m.id for m in claim.members]
        if not members or any(m is None for m in members):
            return Verdict("unknown", "the ranked entities are not known")
        year_limit = claim.time.date_until.year if claim.time else date.today().year
        by_year = self._figures_by_year(claim.predicate, year_limit)
        years = [y for y in sorted(by_year, reverse=True) if all(m in by_year[y] for m in members)]
        if not years:
            return Verdict("unknown", f"the store has no {spec.verb} figures for "
                                      + " and ".join(self.name(m) for m in members)
                                      + f" up to {year_limit}")
        year = years[0]
        if spec.stale_after is not None and year_limit - year > spec.stale_after:
            return Verdict("unknown", f"the newest {spec.verb} figures for all of them are from {year}, "
                                      f"more than {spec.stale_after} years before {year_limit}")
        ranking = sorted(by_year[year].values(), key=lambda f: (-f.value_number, f.subject))
        top = ranking[:claim.rank_top]
        shown = ranking[:claim.rank_top + 1]
        listing = ", ".join(f"{self.name(f.subject)} {_amount(f.value_number, f.unit)}" for f in shown)
        if {f.subject for f in top} == set(members):
            return Verdict("supported", f"by {spec.verb} in {year}, the top {claim.rank_top} are "
                                        f"{listing} (of {len(ranking)} in the store)", shown)
        return Verdict("contradicted", f"by {spec.verb} in {year}, the top {claim.rank_top} are "
                                       + ", ".join(self.name(f.subject) for f in top)
                                       + ", not " + " and ".join(self.name(m) for m in members)
                                       + f" ({listing})", shown)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
