"""Claim extraction: sentences -> mentions, times, quantities -> rule patterns -> assertions.

The pipeline for one document, section by section (a text over ``SECTION_SIZE`` characters is read
in sections of whole paragraphs, :func:`factcheck.text.sentences.sections`, so the work at hand
stays the size of a section; the claims' offsets and lines are the whole text's):

1. split the text into sentences, with character offsets;
2. find entity mentions (the lexicon), time expressions and quantities over the section;
3. for each sentence, build its *shadow text* (mentions replaced by typed placeholders) and
   run every pattern rule's regex over it;
4. turn each match into claims: resolve slots to entities, times and quantities, attach the
   sentence's time when the pattern names none, and mark negation, speculation, opinion and
   quotation from the modality cues of the rule packs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from operator import attrgetter

from factcheck.model import PROPER_TYPES, Candidate, Claim, Deadline, Document, EntityRef, Mention, Spans
from factcheck.text.lexicon import Lexicon, normalize
from factcheck.text.references import Antecedents, bind_defined_acronyms, find_references
from factcheck.claims.narrative import (later_times, narrative_time, tells_of_later_years, told_in_past,
                                        years_on)
from factcheck.text.ordinals import find_ordinals
from factcheck.text.sentences import sections, split_sentences
from factcheck.claims.dedupe import dedupe
from factcheck.claims.items import merge_items
from factcheck.claims.shadow import shadow_of
from factcheck.claims.when import time_of_claim
from factcheck.rules.patterns import pattern_words, placeholder_indices
from factcheck.rules.loader import SLOT_TYPES, Assertion, PatternRule, RuleSet

#: An inline marker that silences a sentence: inside it, or alone on the line before it.
IGNORE_MARKER = re.compile(r"<!--\s*factcheck:\s*ignore\s*-->|\[factcheck:\s*ignore\]", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"\n]*\"|\u201c[^\u201c\u201d\n]*\u201d")


class Extractor:
    """Applies one rule set and one lexicon to documents."""

    def __init__(self, rules: RuleSet, lexicon: Lexicon) -> None:
        self.rules = rules
        self.lexicon = lexicon
        (self._pattern_rules, self._rules_by_word, self._rules_by_type, self._rules_always,
         self._index_words) = _rule_index(rules)
        # each rule's requirements, the rarest first: most sentences fail one of them early
        self._checks = tuple(tuple(sorted(rule.needs, key=_index_cost)) for rule in self._pattern_rules)
        self._cue_trigger, self._cue_regex = rules.cue_trigger(), rules.cue_regex()
        self._frame_rules = frozenset(rule.id for rule in rules.patterns if rule.frame)
        self._single_valued = frozenset(name for name, spec in rules.predicates.items() if spec.kind == "single")
        self._read_words = frozenset().union(*(pattern_words(rule.pattern) for rule in rules.patterns))
        self._ordinal_rules = frozenset(rule.id for rule in rules.patterns
                                        if any(t == "ordinal" for t, _many in rule.slots.values()))
        #: (a mention's candidates, slot type) -> the entity ids it may stand for (see _ids_in_slot)
        self._slot_ids: dict[tuple, tuple[str, ...]] = {}
        self._quantity_rules = frozenset(rule.id for rule in rules.patterns
                                         if any(t == "quantity" for t, _many in rule.slots.values()))

    def extract(self, text: str, published: date, *, source: str = "-",
                published_from: str = "option", deadline: Deadline | None = None) -> Document:
        """The claims of ``text``, read in sections of whole paragraphs (see :func:`sections`).

        With a ``deadline``, reading stops at the first sentence begun after it: the document
        keeps the claims found before and says where it stopped (``Document.incomplete``).
        """
        document = Document(text=text, published=published, published_from=published_from,
                            source=source)
        claims: list[Claim] = []
        sentences = document.sentences = Spans()
        self._values: dict = {}
        self.lexicon.prepare(text)     # a lexicon reading the store's names reads them now, at once
        for start, end, line in sections(text):
            if deadline is not None and deadline.passed():
                document.incomplete = deadline.incomplete(start)
                break
            part = self._extract_section(text[start:end], published, deadline)
            sentences.extend((s + start, e + start) for s, e in part.sentences)
            document.context.extend(part.context)
            for claim in part.claims:
                claim.start += start
                claim.end += start
                claim.sentence_start += start
                claim.line += line
                if claim.subject_via:
                    claim.subject_via = {**claim.subject_via, "start": claim.subject_via["start"] + start}
            claims.extend(part.claims)
            if part.incomplete is not None:
                document.incomplete = deadline.incomplete(part.incomplete.offset + start)
                break
        document.claims = _number(claims)
        self._values = {}
        return document

    def _shared(self, value):
        """One object for each distinct entity, time or member list of a document: its claims
        name a few of them thousands of times."""
        return self._values.setdefault(value, value)

    def _extract_section(self, text: str, published: date, deadline: Deadline | None) -> Document:
        self._refs: dict[tuple[int, str], EntityRef] = {}
        self._story_times: dict[int, object] = {}
        try:
            return self._extract(text, published, deadline)
        finally:
            self._refs, self._story_times = {}, {}

    def _extract(self, text: str, published: date, deadline: Deadline | None = None) -> Document:
        from factcheck.text.quantities import find_quantities, may_hold_quantity
        from factcheck.text.timex import find_times, may_hold_time

        document = Document(text=text, published=published)
        norm = normalize(text)
        document.sentences = split_sentences(norm)
        mentions = bind_defined_acronyms(norm, self.lexicon.match(norm))
        # a capitalised word the rules read as a word ("Founded in 2014, ...") is no lone name
        mentions = [m for m in mentions if m.types != PROPER_TYPES or m.text.lower() not in self._read_words]
        self._finder = Antecedents(norm, document.sentences, mentions)
        references = find_references(norm, document.sentences, mentions, self.rules.references,
                                     antecedents=self._finder)
        self._antecedents = {(ref.start, ref.end): antecedent for ref, antecedent in references}
        if references:
            mentions = sorted([*mentions, *(ref for ref, _ in references)], key=lambda m: (m.start, -m.end))
        # Which rules each sentence may give claims for, from its words and mention types, with
        # times and quantities assumed present: the time and quantity grammars only read the
        # sentences some rule may match (on most sentences of most articles, none can).
        candidates = self._candidate_rules(norm, document.sentences, mentions)
        times = find_times(norm, published, hedges=self.rules.hedges or None, within=[
            (s, e) for (s, e), words, _rules in candidates if may_hold_time(norm[s:e], words)])
        if tells_of_later_years(norm):
            times = sorted([*times, *later_times(norm, document.sentences, [
                (s, e) for (s, e), _words, _rules in candidates], published, times)])
        # quantities only where a rule may read one
        quantities = find_quantities(norm, hedges=self.rules.hedges or None, within=[
            (s, e) for (s, e), words, rules in candidates
            if any(rule.id in self._quantity_rules for rule in rules) and may_hold_quantity(norm[s:e], words)])
        ordinals = find_ordinals(norm, within=[
            (s, e) for (s, e), _words, rules in candidates
            if any(rule.id in self._ordinal_rules for rule in rules)]) if self._ordinal_rules else []
        # Items matter only in the sentences rules may match: the mentions elsewhere stay out.
        starts = [s for (s, _e), _words, _rules in candidates]
        ends = [e for (_s, e), _words, _rules in candidates]
        inside = [m for m in mentions
                  if (k := bisect_right(starts, m.start) - 1) >= 0 and m.start < ends[k]]
        items = merge_items(inside, times, quantities, ordinals)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        contexts: dict[tuple[str, str | None], EntityRef] = {}
        self._document = document
        salience = _salience(mentions, self.lexicon)
        claims: list[Claim] = []
        item_starts = [it.start for it in items]
        for (s_start, s_end), words, rules in candidates:
            if deadline is not None and deadline.passed():
                document.incomplete = deadline.incomplete(s_start)
                break
            first = bisect_left(item_starts, s_start)
            last = bisect_left(item_starts, s_end, first)
            sentence_items = [it for it in items[first:last] if it.end <= s_end]
            types = set().union(*(it.types for it in sentence_items)) if sentence_items else set()
            # the words are those the rules were chosen by; only the clauses naming types may fail
            rules = [rule for rule in rules if rule.may_match(words, types, types_only=True)]
            if not rules:
                continue
            shadow, offsets = shadow_of(norm, s_start, s_end, sentence_items)
            by_index = {it.index: it for it in sentence_items}
            sentence_times = [it.payload for it in sentence_items if it.kind == "time"]
            cues = None   # looked for only in sentences that give claims
            # Exact patterns first; a frame's match over words an exact pattern already read for
            # each of the frame's predicates would only repeat its claims (see claims.dedupe).
            exact: dict[tuple, list[tuple[int, int]]] = {}
            for rule in sorted(rules, key=_IS_FRAME):
                for match in rule.regex.finditer(shadow):
                    if match.end() == match.start():
                        continue
                    start = offsets(match.start())
                    end = offsets(match.end(), end=True)
                    if rule.frame and exact and self._repeats(rule, match, by_index, start, end, exact):
                        continue
                    for claim in self._claims(rule, match, sentence_items, by_index, start, end, text, norm,
                                              s_start, s_end, sentence_times, published,
                                              contexts, salience, line_starts):
                        if cues is None:
                            cues = self._sentence_cues(norm, s_start, s_end)
                        _apply_cues(claim, cues, rule)
                        claims.append(claim)
                        if not rule.frame and claim.subject is not None and claim.object is not None:
                            exact.setdefault((claim.predicate, claim.subject.id, claim.object.id),
                                             []).append((start, end))
        silenced = _silenced_sentences(norm, document.sentences)
        if silenced:
            claims = [c for c in claims
                      if not any(s <= c.start and c.end <= e for s, e in silenced)]
        document.claims = dedupe(claims, self._frame_rules, self._single_valued)
        return document

    def _candidate_rules(self, norm: str, sentences: list[tuple[int, int]], mentions: list[Mention]
                         ) -> list[tuple[tuple[int, int], set[str], list[PatternRule]]]:
        """(sentence, its words, the rules it may match) for the sentences some rule may match."""
        out = []
        starts = [mention.start for mention in mentions]
        by_word, by_type, index_words = self._rules_by_word, self._rules_by_type, self._index_words
        pattern_rules, checks = self._pattern_rules, self._checks
        for s_start, s_end in sentences:
            first = bisect_left(starts, s_start)
            last = bisect_left(starts, s_end, first)
            types = _PARSED_TYPES.union(*(mention.types for mention in mentions[first:last]))
            words = sentence_words(norm[s_start:s_end])
            numbers = set(self._rules_always)
            for word in index_words.intersection(words):
                numbers.update(by_word[word])
            for type_ in types.intersection(by_type):
                numbers.update(by_type[type_])
            rules = [pattern_rules[number] for number in sorted(numbers)
                     if _meets(checks[number], words, types)]
            if rules:
                out.append(((s_start, s_end), words, rules))
        return out

    # -- one match -> claims ---------------------------------------------------------------

    def _claims(self, rule: PatternRule, match: re.Match, items: list, by_index: dict, start: int, end: int,
                text: str, norm: str, s_start: int, s_end: int, sentence_times: list,
                published: date, contexts: dict, salience: list[str], line_starts: list[int]):
        slot_items: dict[str, list] = {}
        for slot, (slot_type, many) in rule.slots.items():
            captured = match.group(slot)
            if captured is None:
                continue
            slot_items[slot] = [by_index[i] for i in placeholder_indices(captured) if i in by_index]
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        sentence = text[s_start:s_end]
        for assertion in rule.assertions:
            # An assertion of another branch of the pattern: its slots are empty in this match.
            if assertion.value and assertion.value not in slot_items:
                continue
            if assertion.subject and assertion.subject not in slot_items and not assertion.subject_from_text:
                continue
            if isinstance(assertion.object, str) and assertion.object not in slot_items \
                    and not (assertion.place_from_context or assertion.object_from_text):
                continue
            subjects = self._entities(slot_items.get(assertion.subject, []), rule, assertion.subject) \
                if assertion.subject else [None]
            vias = self._vias(slot_items.get(assertion.subject, []) if assertion.subject else [])
            objects = self._objects(assertion, slot_items, items, rule)
            claim_time, time_text = time_of_claim(assertion, slot_items, sentence_times, start, end,
                                                published, norm)
            if time_text is None and assertion.time_role == "at":
                told = self._story_time(norm, s_start, sentence, published)
                if told is not None:
                    claim_time, time_text = years_on(told, sentence)
            value, quantity, rank_top, rank, members = None, None, None, None, ()
            if assertion.value:
                quantity_items = slot_items.get(assertion.value, [])
                if not quantity_items:
                    continue    # the slot this assertion reads its value from is empty in this match
                if quantity_items[0].kind == "quantity":
                    quantity = quantity_items[0].payload
                    unit = self.rules.predicates[assertion.predicate].unit
                    if quantity.unit and unit and quantity.unit != unit:
                        continue    # "3 percent" is no population, "10 people" no area
                    if assertion.unit_stated and quantity.unit is None:
                        continue
                    value = {"number": _plain_number(quantity.number), "unit": quantity.unit,
                             "hedge": quantity.hedge}
                elif quantity_items[0].kind == "ordinal":
                    # a named subject's place in a ranking: "the world's 16th-largest economy"
                    rank = quantity_items[0].payload.number
                    value = {"rank_from": rank, "rank_until": rank, "by": assertion.predicate}
                elif quantity_items[0].kind == "time":
                    span = quantity_items[0].payload
                    if span.relation in _OPEN_ENDED:
                        continue    # "founded in Bloemfontein, has governed since 1994": no date of it
                    value = {"date_from": span.date_from.isoformat(),
                             "date_until": span.date_until.isoformat()}
            if assertion.rank_top:
                count_items = slot_items.get(assertion.rank_top, [])
                if not count_items or count_items[0].kind != "quantity":
                    continue
                rank_top = int(count_items[0].payload.number)
                if rank_top < 1 or rank_top != count_items[0].payload.number or rank_top > 20:
                    continue
            if assertion.referents == "salient":
                if rank_top is None or len(salience) < rank_top:
                    continue
                members = tuple(EntityRef(e, self.lexicon.names.get(e, e)) for e in salience[:rank_top])
                subjects = [members[0]]
                value = {"rank_from": 1, "rank_until": rank_top, "by": assertion.predicate,
                         "members": [m.id for m in members]}
            if assertion.time_role == "interval" and claim_time is not None:
                value = {"date_from": claim_time.date_from.isoformat(),
                         "date_until": claim_time.date_until.isoformat()}
            elif assertion.time_role == "value_in" and claim_time is not None and value is None:
                named = [it for it in slot_items.get(assertion.time, []) if it.kind == "time"] \
                    if assertion.time else []
                if named and named[0].payload.relation in _OPEN_ENDED:
                    continue
                value = {"date_from": claim_time.date_from.isoformat(),
                         "date_until": claim_time.date_until.isoformat()}
            if assertion.subject_from_text and not [s for s in subjects if s is not None]:
                subject_type = rule.slots[assertion.subject][0]
                found = (self._finder.first_in_sentence(start, SLOT_TYPES[subject_type])
                         if assertion.subject_from_text == "sentence"
                         else self._finder.before(start, SLOT_TYPES[subject_type]))
                if found is None:
                    continue
                subjects = [self._ref(found, subject_type)]
                vias = [None]
            if assertion.subject_from_name:
                # "the Chilean peso fell": the country whose demonym opens the currency's name
                subjects = [EntityRef(country, self.lexicon.names.get(country, country))
                            for item in slot_items.get(assertion.subject, []) if item.kind == "mention"
                            for country in [self._country_opening(item.payload.text)] if country]
                if not subjects:
                    continue
                vias = [None] * len(subjects)
            if assertion.subject_event:
                # "Peru declared its independence": the subject is the event of Peru's independence
                events = dict.fromkeys(self.lexicon.event_of(noun, s.id, s.name) for s in subjects
                                       if s is not None and s.id for noun in assertion.subject_event)
                subjects = [EntityRef(e, self.lexicon.names.get(e, e)) for e in events if e]
                if not subjects:
                    continue
                vias = [None] * len(subjects)
            if assertion.object_from_text and not objects:
                object_type = rule.slots[assertion.object][0]
                found = self._finder.before(start, SLOT_TYPES[object_type])
                objects = [self._ref(found, object_type)] if found is not None else []
            if assertion.object is not None and not objects and not assertion.place_from_context:
                continue    # the slot this assertion reads its object from is empty in this match
            for number, subject in enumerate(subjects):
                if assertion.place_from_context and subject is not None and not objects:
                    remembered = contexts.get((assertion.predicate, subject.id))
                    objects = [remembered] if remembered else [None]
                for obj in objects or [None]:
                    if rule.context:
                        if subject is not None and obj is not None:
                            contexts[(assertion.predicate, subject.id)] = obj
                            self._document.context.append(
                                (rule.id, assertion.predicate, subject.id, obj.id))
                        continue
                    yield Claim(
                        text=text[start:end], start=start, end=end, line=line, column=column,
                        sentence=sentence, rule=rule.id, predicate=assertion.predicate,
                        subject=self._shared(subject), object=self._shared(obj), value=value,
                        time=self._shared(claim_time), time_role=assertion.time_role,
                        time_text=time_text, members=self._shared(members),
                        rank_top=rank_top, rank=rank, quantity=quantity, sentence_start=s_start,
                        subject_via=vias[number] if number < len(vias) else None,
                    )

    def _repeats(self, rule: PatternRule, match: re.Match, by_index: dict, start: int, end: int,
                 exact: dict[tuple, list[tuple[int, int]]]) -> bool:
        """Whether an exact pattern's claims already say what the frame ``rule``'s match says:
        for every assertion the match fills, the same predicate of the same subject and object,
        over words that hold the match's or lie inside them. Values, ranks and events are not
        compared (the frame may read another one): those matches are read."""
        said = False
        for assertion in rule.assertions:
            if not assertion.subject or not isinstance(assertion.object, str) or assertion.value \
                    or assertion.rank_top or assertion.subject_event \
                    or assertion.time_role in ("interval", "value_in"):
                return False
            subject, object_ = match.group(assertion.subject), match.group(assertion.object)
            if subject is None and object_ is None:
                continue    # an assertion of another branch of the frame
            if subject is None or object_ is None:
                return False
            subjects = self._entities([by_index[i] for i in placeholder_indices(subject) if i in by_index],
                                      rule, assertion.subject)
            objects = self._entities([by_index[i] for i in placeholder_indices(object_) if i in by_index],
                                     rule, assertion.object)
            if not subjects or not objects or not all(
                    s.id is not None and o.id is not None and any((a <= start and end <= b) or (start <= a and b <= end)
                        for a, b in exact.get((assertion.predicate, s.id, o.id), ()))
                    for s in subjects for o in objects):
                return False
            said = True
        return said

    def _story_time(self, norm: str, s_start: int, sentence: str, published: date):
        """The time a sentence told in the past takes from its paragraph, once per sentence."""
        if s_start not in self._story_times:
            self._story_times[s_start] = (narrative_time(norm, self._document.sentences, s_start, published)
                                          if told_in_past(sentence) else None)
        return self._story_times[s_start]

    def _country_opening(self, name: str) -> str | None:
        """The one country whose demonym or name opens ``name``, else None."""
        countries = self.lexicon.countries_opening(name)
        return countries[0] if len(countries) == 1 else None

    def _vias(self, slot_items: list) -> list[dict | None]:
        """For each mention of a slot: how a reference word in it was resolved, else None."""
        out = []
        for item in slot_items:
            if item.kind != "mention":
                continue
            antecedent = self._antecedents.get((item.payload.start, item.payload.end))
            out.append({"text": item.payload.text, "refers_to": antecedent.text, "start": antecedent.start}
                       if antecedent is not None and item.payload.candidates
                       and item.payload.candidates[0].kind == "reference" else None)
        return out

    def _entities(self, slot_items: list, rule: PatternRule, slot: str) -> list[EntityRef]:
        slot_type = rule.slots[slot][0]
        return [self._ref(item.payload, slot_type) for item in slot_items if item.kind == "mention"]

    def _ref(self, mention: Mention, slot_type: str) -> EntityRef:
        """The entity a mention refers to in a slot of this type (the same for every rule that
        reads it, so worked out once per document)."""
        key = (id(mention), slot_type)    # the document's mentions live as long as the cache
        ref = self._refs.get(key)
        if ref is None:
            ref = self._refs[key] = self._new_ref(mention, slot_type)
        return ref

    def _new_ref(self, mention: Mention, slot_type: str) -> EntityRef:
        key = (mention.candidates, slot_type)
        ids = self._slot_ids.get(key)
        if ids is None:
            if len(self._slot_ids) >= _SLOT_IDS_KEPT:
                self._slot_ids.clear()
            ids = self._slot_ids[key] = self._ids_in_slot(mention.candidates, slot_type)
        if len(ids) == 1:
            return EntityRef(ids[0], self.lexicon.names.get(ids[0], mention.text))
        if not ids:
            return EntityRef(None, mention.text)
        return EntityRef(None, mention.text, ids)

    def _ids_in_slot(self, candidates: tuple[Candidate, ...], slot_type: str) -> tuple[str, ...]:
        """The entities a mention with these candidates may stand for in a slot of this type: one
        when it is settled, several (sorted) when it is ambiguous, none when unknown. The same for
        every mention with these candidates, so remembered across documents (see _slot_ids)."""
        accepted = SLOT_TYPES[slot_type]
        chosen = [c for c in candidates
                  if (c.type in accepted or (c.kind == "demonym" and "demonym" in accepted)
                      or (c.kind == "unknown" and "name" in accepted))]
        if slot_type == "state":
            # A capital standing for its government ("Beijing announced"): see lexicon/metonymy.
            for c in candidates:
                if c.entity_id in self.lexicon.metonyms:
                    target = self.lexicon.metonyms[c.entity_id]
                    chosen.append(Candidate(target, "metonym", "country",
                                            self.lexicon.names.get(target, target)))
            chosen = [c for c in chosen if c.type == "country"]
        ids = tuple(dict.fromkeys(c.entity_id for c in chosen if c.entity_id))
        return ids if len(ids) < 2 else tuple(sorted(ids))

    def _objects(self, assertion: Assertion, slot_items: dict, items: list,
                 rule: PatternRule) -> list[EntityRef]:
        spec = assertion.object
        if spec is None:
            return []
        if isinstance(spec, str):
            return self._entities(slot_items.get(spec, []), rule, spec)
        if "leader_of" in spec:
            return self._leader_of(self._entities(slot_items.get(spec["leader_of"], []), rule, spec["leader_of"]))
        titles = slot_items.get(spec["office_of"], [])
        if not titles:
            return []
        title = titles[0].payload.candidates[0].canonical
        jurisdiction = None
        if spec.get("jurisdiction"):
            found = self._entities(slot_items.get(spec["jurisdiction"], []), rule, spec["jurisdiction"])
            jurisdiction = found[0] if found else None
        else:
            # The nearest place before the title in the sentence: "US officials including State Secretary".
            before = [it for it in items if it.kind == "mention" and it.end <= titles[0].start
                      and it.payload.types & {"country", "demonym", "region"}]
            if before:
                jurisdiction = self._ref(before[-1].payload, "jurisdiction")
        if jurisdiction is not None and jurisdiction.id is None and not jurisdiction.candidates:
            # a place the store does not know ("Ruritanian President ..."): no office of the
            # store is that one, though a person may hold another office of that title
            return [EntityRef(None, f"{jurisdiction.name} {title}")]
        office = self.lexicon.office_for(title, jurisdiction.id if jurisdiction else None)
        if office is None:
            # Every office of that title (in that jurisdiction, where one is named): resolution
            # picks one from the person's own offices, or the claim stays unknown and names them.
            label = f"{jurisdiction.name} {title}" if jurisdiction else title
            return [EntityRef(None, label, self.lexicon.offices_titled(title, jurisdiction.id if jurisdiction else None))]
        return [EntityRef(office, self.lexicon.names.get(office, office))]

    def _leader_of(self, places: list[EntityRef]) -> list[EntityRef]:
        """The office that leads each place ("who has led Ghana"): the only one with a leader's
        title there, else all of them for resolution to pick from the person's own offices."""
        out = []
        for place in places:
            offices = self.lexicon.offices_leading(place.id, self.rules.leaders) if place.id else ()
            if len(offices) == 1:
                out.append(EntityRef(offices[0], self.lexicon.names.get(offices[0], offices[0])))
            elif offices:
                out.append(EntityRef(None, f"the leader of {place.name}", offices))
        return out

    def _sentence_cues(self, norm: str, s_start: int, s_end: int) -> list[tuple[int, int, str, str, str]]:
        """The modality cues and quotations of one sentence, in order."""
        found = []
        cues = self.rules.cues
        sentence = norm[s_start:s_end]
        if cues:
            # a cue starts where the first word of one does: tried only there, left to right
            last = 0
            for first in self._cue_trigger.finditer(sentence):
                if first.start() < last or (match := self._cue_regex.match(sentence, first.start())) is None:
                    continue
                last = match.end()
                cue = cues[int(match.lastgroup[1:])]
                found.append((s_start + match.start(), s_start + match.end(), cue.kind, cue.scope,
                              cue.phrase))
        found += [(s_start + m.start(), s_start + m.end(), "quotation", "inside", "quotation marks")
                  for m in _QUOTED.finditer(sentence)]
        found.sort()
        return found


def _rule_index(rules: RuleSet):
    """(rules, by word, by type, always, the words indexed): each rule under the words and mention types of one of
    its requirements (one of which a sentence must contain), the one rarest in text, so that a
    sentence looks up its own words and types, not every rule."""
    patterns = tuple(rules.patterns)
    by_word: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    always: list[int] = []
    for number, rule in enumerate(patterns):
        clause = min(rule.needs, key=_index_cost, default=None)
        if clause is None or _index_cost(clause) >= _COMMON_COST:
            always.append(number)
            continue
        for word in clause[0]:
            by_word.setdefault(word, []).append(number)
        for type_ in clause[1]:
            by_type.setdefault(type_, []).append(number)
    return patterns, by_word, by_type, always, frozenset(by_word)


def _meets(clauses: tuple[tuple[frozenset[str], frozenset[str]], ...], words: set[str],
           types: set[str] | frozenset[str]) -> bool:
    """Whether a sentence with these words and item types meets every requirement (see
    PatternRule.may_match)."""
    for clause_words, clause_types in clauses:
        if clause_words.isdisjoint(words) and clause_types.isdisjoint(types):
            return False
    return True


# Words in most sentences: poor keys for finding the rules a sentence may match.
_COMMON_WORDS = frozenset(
    "a an and are as at be been by for from had has have he in into is it its not of on or "
    "said she that the their they this to was were which who will with".split())
_COMMON_COST = 100


def _index_cost(clause: tuple[frozenset[str], frozenset[str]]) -> int:
    """How often a sentence may hold one of a requirement's words or types, roughly."""
    words, types = clause
    return (sum(_COMMON_COST if word in _COMMON_WORDS else 1 for word in words)
            + sum(_COMMON_COST if type_ in _PARSED_TYPES else 10 for type_ in types))


_WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*")
#: The item types the time and quantity grammars give (see merge_items).
_PARSED_TYPES = frozenset({"time", "time_since", "time_until", "quantity", "ordinal"})


def sentence_words(sentence: str) -> set[str]:
    """The sentence's words in lower case, hyphenated ones also in parts."""
    if sentence.isascii():   # no character that lower-cases into ASCII letters ("K" Kelvin sign)
        words = set(_WORD.findall(sentence.lower()))
    else:
        words = {word.lower() for word in _WORD.findall(sentence)}
    if "-" not in sentence and "'" not in sentence:
        return words
    for word in [w for w in words if "-" in w or w.endswith("'s")]:
        if "-" in word:
            words.update(word.split("-"))
        if word.endswith("'s"):
            words.add(word[:-2])
    return words


def _silenced_sentences(norm: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    silenced: list[tuple[int, int]] = []
    if "<!--" not in norm and "[" not in norm:
        return silenced     # no marker can be there (both forms begin so)
    for marker in IGNORE_MARKER.finditer(norm):
        for number, (start, end) in enumerate(sentences):
            if start <= marker.start() < end:
                alone = not norm[start:end].replace(marker.group(), "").strip()
                if alone and number + 1 < len(sentences):
                    silenced.append(sentences[number + 1])
                elif not alone:
                    silenced.append((start, end))
                break
    return silenced


def _apply_cues(claim: Claim, cues: list, rule: PatternRule) -> None:
    for start, end, kind, scope, phrase in cues:
        if kind == "quotation":
            if start <= claim.start and claim.end <= end:
                claim.modality, claim.modality_cue = "quotation", phrase
                return
            continue
        if kind == "negation":
            if claim.start <= start and end <= claim.end:
                claim.negated = True
            continue
        if scope == "sentence" or (end <= claim.start and not rule.presupposition) or (
                kind == "speculation" and claim.start <= start and end <= claim.end):
            # a modal verb between the claim's words speaks of it too: "Poland could adopt the euro"
            claim.modality, claim.modality_cue = kind, phrase
            return


_SLOT_IDS_KEPT = 100_000   # _slot_ids is emptied when it grows past this
_IS_FRAME = attrgetter("frame")


#: Times that bound an interval on one side only: no date for a when-did-it-happen value.
_OPEN_ENDED = frozenset({"since", "until"})


def _salience(mentions: list[Mention], lexicon: Lexicon) -> list[str]:
    """Countries by how often the document mentions them (names, demonyms, capitals standing for them)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in mentions:
        ids = set()
        for c in mention.candidates:
            if c.type == "country" and c.entity_id:
                ids.add(c.entity_id)
            elif c.entity_id in lexicon.metonyms:
                ids.add(lexicon.metonyms[c.entity_id])
        for entity_id in ids:
            counts[entity_id] += 1
            first.setdefault(entity_id, mention.start)
    return sorted(counts, key=lambda e: (-counts[e], first[e], e))


def _plain_number(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _number(claims: list[Claim]) -> list[Claim]:
    claims.sort(key=lambda c: (c.start, c.end, c.predicate, c.rule,
                               (c.object.id or c.object.name) if c.object else ""))
    for number, claim in enumerate(claims, start=1):
        claim.id = f"c{number}"
    return claims


__all__ = ["Extractor"]
