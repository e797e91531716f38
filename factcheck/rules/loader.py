"""Rule packs: claim patterns, predicate semantics and lexicon, kept as data in TOML files.

A rule pack is a folder: ``predicates/*.toml`` declare predicates and their semantic kind,
``patterns/*.toml`` declare claim patterns, ``lexicon/*.toml`` declare title variants, hedge
words, modality cues and metonymy (and, in the bundled pack, the units and currencies the
quantity scanner reads itself). The bundled pack lives in ``rules/``; ``--rules DIR`` adds
user packs on top. ``rules/README.md`` documents the language. Rules are never executed: the
pattern strings are parsed by the pyparsing grammar in :mod:`factcheck.rules.patterns` and compiled
to regular expressions; everything else is plain data checked against closed sets.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from factcheck import resources
from factcheck.cache import NO_CACHE, Cache
from factcheck.errors import RuleError
from factcheck.rules.frames import frame_rule
from factcheck.rules.nesting import MAX_NESTING, nesting_too_deep
from factcheck.rules.patterns import SLOT_TYPES, VALID_TYPES

#: The closed set of predicate kinds and what each means for a verdict.
PREDICATE_KINDS = {
    "office": "a person holds an office; an office has `seats` holders at a time",
    "single": "one value at a time: another value valid at the claim's time contradicts",
    "many": "many values at a time: a match supports, no match is unknown",
    "transitive": "many-valued and transitive (a located_in b located_in c)",
    "symmetric": "many-valued and symmetric (a borders b = b borders a)",
    "quantity": "a number with a unit, per as_of date; compared within the claim's tolerance",
    "date": "one date value per subject (start_date, founded)",
    "dated_relation": "subject and object with the date it happened (an announcement)",
    "interval_relation": "subject and object over an interval, many-valued (a visit, a restriction)",
}

TIME_ROLES = ("at", "during", "since", "value_in", "interval", "any", "by", "start")
REFERENT_MODES = ("salient",)
CUE_KINDS = ("negation", "speculation", "attribution", "opinion", "future")
CUE_SCOPES = ("after", "sentence")
HEDGE_KINDS = ("approx", "below", "lower_bound", "upper_bound")
REFERENCE_TYPES = ("country", "region", "city", "organization", "event")
#: Which compatible mention a reference word takes: the nearest before it, the first of the
#: nearest sentence that has one (a pronoun usually points back at that sentence's subject), or
#: the first of the whole text (what a press release is about: "the summit").
REFERENCE_PICKS = ("nearest", "subject", "topic")

_RULE_KEYS = {
    "id", "description", "source", "pattern", "subject", "predicate", "object", "value", "time",
    "time_end", "time_role", "assert", "examples", "counterexamples", "presupposition",
    "referents", "rank_top", "context", "place_from_context", "scope", "unit_stated", "sentence_has",
    "subject_event", "subject_from_name",
}
_ASSERT_KEYS = {"subject", "predicate", "object", "value", "time", "time_end", "time_role",
                "rank_top", "referents", "place_from_context", "object_from_text", "unit_stated",
                "subject_from_text", "subject_event", "subject_from_name"}


@dataclass(frozen=True)
class PredicateSpec:
    name: str
    kind: str
    description: str
    subject_types: tuple[str, ...] = ()
    object_types: tuple[str, ...] = ()
    unit: str | None = None
    tolerance: float = 0.0
    inverse: str | None = None
    stale_after: int | None = None
    verb: str = ""
    source: str = ""
    pack: str = ""


@dataclass(frozen=True)
class Assertion:
    """What a pattern claims, in terms of its slots."""

    predicate: str
    subject: str | None = None
    object: str | Mapping | None = None
    value: str | None = None
    time: str | None = None
    time_end: str | None = None
    time_role: str = "at"
    rank_top: str | None = None
    referents: str | None = None
    place_from_context: bool = False
    #: With the object slot empty in a match: the nearest entity of the slot's type named before
    #: ("Bulgaria and Romania joined in 2007", after a paragraph about the EU).
    object_from_text: bool = False
    #: With the subject slot empty in a match, where the subject comes from: "sentence", the first
    #: entity of the slot's type in the sentence before ("Malaysia shares a border with Thailand
    #: and maritime borders with Singapore"); "before", the one a description there would refer
    #: to ("Kuala Lumpur is the national capital", after a paragraph about Malaysia).
    subject_from_text: str | None = None
    #: The value counts only with the predicate's unit stated ("3.2 million inhabitants", not
    #: "3.2 million tourists").
    unit_stated: bool = False
    #: The subject is the event one of these words names for the slot's entity: with
    #: "independence", "Peru declared its independence in 1821" is about "Peru's independence" (an
    #: event whose name or alias is "Peru's independence", "independence of Peru" or "Peruvian
    #: independence"); with "launch" and "introduction", "the euro was launched in 1999" is about
    #: "the launch of the euro".
    subject_event: tuple[str, ...] = ()
    #: The subject is the country whose demonym or name opens the subject slot's name as written,
    #: before more words of it: Chile for "the Chilean peso", the United States for "the US
    #: dollar"; no such country (or several), no claim.
    subject_from_name: bool = False


@dataclass(frozen=True)
class Example:
    text: str
    published: str
    expect: Mapping[str, object]


@dataclass(frozen=True)
class PatternRule:
    id: str
    description: str
    source: str
    pattern: str
    regex_source: str
    slots: Mapping[str, tuple[str, bool]]
    assertions: tuple[Assertion, ...]
    examples: tuple[Example, ...]
    counterexamples: tuple[str, ...]
    presupposition: bool
    context: bool
    path: str
    line: int
    #: What a sentence must contain for the pattern to have a chance (see patterns.pattern_requirements):
    #: clauses of (words, types), one of each clause's words or types must occur.
    needs: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: A frame's rule: where it and an exact pattern read the same assertion, the pattern's claim is kept.
    frame: bool = False
    #: The clauses of ``needs`` that name types (worked out once: tested for every sentence).
    typed_needs: tuple[tuple[frozenset[str], frozenset[str]], ...] = field(init=False, repr=False,
                                                                           compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "typed_needs", tuple(clause for clause in self.needs if clause[1]))

    @property
    def regex(self) -> re.Pattern:
        """The compiled pattern, compiled on first use (most rules never run on a short article)."""
        return _compiled(self.regex_source)

    def may_match(self, words: set[str], types: set[str] | frozenset[str], *,
                  types_only: bool = False) -> bool:
        """Whether a sentence with these words and item types meets every requirement; with
        ``types_only``, only the requirements naming types are tested (the words already were)."""
        for clause_words, clause_types in self.typed_needs if types_only else self.needs:
            if clause_words.isdisjoint(words) and clause_types.isdisjoint(types):
                return False
        return True


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.IGNORECASE)


@lru_cache(maxsize=8)
def _compiled_cues(sources: tuple[str, ...]) -> re.Pattern:
    if not sources:
        return re.compile(r"(?!)")
    # Every cue starts at a word's start: test that once per position, not once per cue.
    start = _CUE_START
    if all(source.startswith(start) for source in sources):
        return re.compile(start + "(?:" + "|".join(
            f"(?P<c{number}>{source[len(start):]})" for number, source in enumerate(sources)) + ")")
    return re.compile("|".join(f"(?P<c{number}>{source})" for number, source in enumerate(sources)))


_CUE_START = r"(?<![\w'])"


@lru_cache(maxsize=8)
def _compiled_cue_trigger(words: tuple[str, ...]) -> re.Pattern:
    if not words:
        return re.compile(r"(?!)")
    # the letters the words start with, tested first: most words of a sentence start with none
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    return re.compile(r"\b(?=[" + first + "])(?:" + "|".join(re.escape(w) for w in words) + r")\b")


@dataclass(frozen=True)
class Cue:
    phrase: str
    kind: str
    scope: str
    source: str


@dataclass
class RuleSet:
    predicates: dict[str, PredicateSpec] = field(default_factory=dict)
    patterns: list[PatternRule] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    #: The titles of the offices that lead a place ("President", "Mayor"): what "who has led
    #: Ghana" makes a claim about (titles.toml ``[titles] leaders``)
    leaders: list[str] = field(default_factory=list)
    hedges: dict[str, tuple[str, float]] = field(default_factory=dict)
    cues: list[Cue] = field(default_factory=list)
    metonymy: list[dict] = field(default_factory=list)
    #: Words that refer back to an entity named before ("its", "the city") -> (entity types, how)
    references: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)

    def predicate_kinds(self) -> dict[str, str]:
        return {name: spec.kind for name, spec in self.predicates.items()}

    def cue_regex(self) -> re.Pattern:
        """One alternation of every cue; group ``c<N>`` is ``cues[N]`` (compiled once per cue list)."""
        return _compiled_cues(tuple(cue.source for cue in self.cues))

    def cue_trigger(self) -> re.Pattern:
        """The first words of every cue, as one quick regex."""
        return _compiled_cue_trigger(tuple(sorted({cue.phrase.split()[0] for cue in self.cues})))

    def rule(self, rule_id: str) -> PatternRule | None:
        return next((r for r in self.patterns if r.id == rule_id), None)


def load_rules(extra: Iterable[str | Path] = (), *, cache: Cache = NO_CACHE) -> RuleSet:
    """The bundled pack plus any user packs, in order; later packs may add but not redefine.

    Loaded once per process for the same folders; with a :class:`~factcheck.cache.Cache`, the
    compiled packs are also kept on disk between runs.
    """
    return _load_rules_cached(tuple(str(Path(p)) for p in extra), cache)


@lru_cache(maxsize=8)
def _load_rules_cached(extra: tuple[str, ...], cache: Cache) -> RuleSet:
    folders = (str(resources.rules_dir()), *extra)
    key = _cache_key(folders)
    if key is not None:
        cached = cache.read("rules", key, RuleSet)
        if cached is not None:
            return cached
    rules = RuleSet()
    for folder in folders:
        load_pack(Path(folder), rules)
    for spec in rules.predicates.values():
        if spec.inverse and spec.inverse not in rules.predicates:
            text = Path(spec.pack).read_text(encoding="utf-8")
            line, column = locate(text, f'inverse = "{spec.inverse}"')
            raise RuleError(f"predicate '{spec.name}' names an unknown inverse '{spec.inverse}'",
                            path=spec.pack, line=line, column=column, source_line=_line(text, line))
    if key is not None:
        cache.write("rules", key, rules)
    return rules


def _cache_key(folders: tuple[str, ...]) -> list[str] | None:
    """What compiled packs depend on: the code version, and the packs' files, sizes and times.

    Compiling the patterns (pyparsing, then re) is most of a short run's start-up; a change to
    any rule file, or to factcheck itself, gives a new key.
    """
    from factcheck.version import __version__

    key = [__version__]
    for source in (Path(__file__), *(Path(__file__).with_name(name) for name in ("patterns.py", "frames.py"))):
        stat = source.stat()
        key.append(f"{source}|{stat.st_size}|{stat.st_mtime_ns}")
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            return None
        for path in sorted(root.rglob("*.toml")):
            stat = path.stat()
            key.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return key


def load_pack(folder: Path, rules: RuleSet) -> None:
    if not folder.is_dir():
        raise RuleError("rule pack folder not found", path=str(folder))
    rules.packs.append(str(folder))
    files = sorted(folder.rglob("*.toml"))
    # Predicates first: patterns refer to them.
    for path in sorted(files, key=lambda p: (p.parent.name != "predicates", str(p))):
        text, data = _read_toml(path)
        section = path.parent.name
        if section == "predicates":
            _load_predicates(path, text, data, rules)
        elif section == "lexicon":
            _load_lexicon(path, text, data, rules, bundled=folder == resources.rules_dir())
        elif section == "patterns":
            _load_patterns(path, text, data, rules, folder)
        else:
            raise RuleError(
                "rule files belong in predicates/, patterns/ or lexicon/ of a pack",
                path=str(path))


def _read_toml(path: Path) -> tuple[str, dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path=str(path)) from None
    try:
        return text, tomllib.loads(text)
    except RecursionError:
        raise RuleError("TOML syntax: arrays or tables nested too deeply", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        raise RuleError(f"TOML syntax: {message}", path=str(path), line=line, column=column,
                        source_line=_line(text, line)) from None


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


def locate(text: str, needle: str, start_line: int = 1) -> tuple[int, int]:
    """(line, column) of the first ``needle`` at or after ``start_line``; (start_line, 1) if absent."""
    lines = text.splitlines()
    for number in range(max(start_line, 1), len(lines) + 1):
        column = lines[number - 1].find(needle)
        if column >= 0:
            return number, column + 1
    return max(start_line, 1), 1


def _fail(message: str, path: Path, text: str, needle: str, start_line: int = 1,
          offset: int = 0) -> RuleError:
    line, column = locate(text, needle, start_line)
    return RuleError(message, path=str(path), line=line, column=column + offset,
                     source_line=_line(text, line))


def _toml_key_line(text: str, header: str, name: str) -> int:
    """The line of ``[header.name]`` or ``name = `` in a predicates file."""
    for needle in (f"[{header}.{name}]", f'[{header}."{name}"]', f"{name} ="):
        line, column = locate(text, needle)
        if _line(text, line).find(needle) >= 0:
            return line
    return 1


def _section(data: dict, key: str, kind: type, path: Path, text: str):
    """``data[key]`` when it is a table (``kind`` dict) or an array (list); absent, an empty one."""
    value = data.get(key, kind())
    if not isinstance(value, kind):
        what = "a table" if kind is dict else "an array of tables"
        raise _fail(f"'{key}' must be {what}, not {type(value).__name__}", path, text, key)
    return value


def _load_predicates(path: Path, text: str, data: dict, rules: RuleSet) -> None:
    unknown = sorted(set(data) - {"predicate"})
    if unknown:
        raise _fail(f"unknown table '{unknown[0]}' (a predicates file holds [predicate.NAME] tables)",
                    path, text, unknown[0])
    for name, spec in _section(data, "predicate", dict, path, text).items():
        line = _toml_key_line(text, "predicate", name)
        if not isinstance(spec, dict):
            raise _fail(f"predicate '{name}' must be a table", path, text, name)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise _fail(f"predicate name '{name}' must be lower_snake_case", path, text, name)
        allowed = {"kind", "description", "subject", "object", "unit", "tolerance", "inverse",
                   "verb", "source", "stale_after"}
        extra = sorted(set(spec) - allowed)
        if extra:
            raise _fail(f"unknown key '{extra[0]}' in predicate '{name}' (allowed: {', '.join(sorted(allowed))})",
                        path, text, extra[0], line)
        kind = spec.get("kind")
        if kind not in PREDICATE_KINDS:
            raise _fail(f"unknown predicate kind {kind!r} for '{name}'; valid kinds: "
                        f"{', '.join(PREDICATE_KINDS)}", path, text, "kind", line,
                        offset=len("kind = "))
        if not spec.get("description"):
            raise _fail(f"predicate '{name}' needs a description", path, text, name, line)
        if name in rules.predicates and rules.predicates[name].kind != kind:
            raise _fail(f"predicate '{name}' is already defined as {rules.predicates[name].kind} "
                        f"in {rules.predicates[name].pack}", path, text, name, line)
        tolerance = spec.get("tolerance", 0.0)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or not 0 <= tolerance < 1:
            raise _fail(f"'tolerance' of '{name}' must be a fraction between 0 and 1", path, text,
                        "tolerance", line)
        rules.predicates[name] = PredicateSpec(
            name=name, kind=kind, description=spec["description"],
            subject_types=tuple(spec.get("subject", ())), object_types=tuple(spec.get("object", ())),
            unit=spec.get("unit"), tolerance=float(tolerance), inverse=spec.get("inverse"),
            stale_after=_stale_after(spec.get("stale_after"), name, path, text, line),
            verb=spec.get("verb", name.replace("_", " ")), source=spec.get("source", ""),
            pack=str(path),
        )


def _stale_after(value, name: str, path: Path, text: str, line: int) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(f"'stale_after' of '{name}' must be a whole number of years", path, text,
                    "stale_after", line)
    return value


#: Lexicon tables the text analysis reads from the bundled pack itself (units.toml,
#: currencies.toml, discourse.toml): its grammars are built once, from that pack only.
BUNDLED_ONLY = ("currencies", "measure_units", "not_a_date_before", "units", "told_in_past",
                "says_what_is", "aside_before", "becomes_before", "event_nouns_after_year", "event_names_after_year",
                "pound_money_words", "registry", "not_alone")


def _load_lexicon(path: Path, text: str, data: dict, rules: RuleSet, *, bundled: bool) -> None:
    allowed = {"titles", "hedges", "cues", "metonymy", "references", "description", "source"}
    if bundled:
        allowed.update(BUNDLED_ONLY)
    unknown = sorted(set(data) - allowed)
    if unknown:
        if unknown[0] in BUNDLED_ONLY:
            raise _fail(f"lexicon table '{unknown[0]}' is read from the bundled pack only",
                        path, text, unknown[0])
        raise _fail(f"unknown lexicon table '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
                    path, text, unknown[0])
    titles = _section(data, "titles", dict, path, text)
    for variant, canonical in _section(titles, "variants", dict, path, text).items():
        if not isinstance(canonical, str):
            raise _fail(f"title variant '{variant}' must map to a title string", path, text, variant)
        rules.titles[variant] = canonical
    leaders = titles.get("leaders", [])
    if not isinstance(leaders, list) or not all(isinstance(t, str) and t.strip() for t in leaders):
        raise _fail("titles.leaders must be an array of title strings", path, text, "leaders")
    rules.leaders.extend(t for t in leaders if t not in rules.leaders)
    for title in leaders:       # a leader's title is a title, whether or not the store has such an office
        rules.titles.setdefault(title, title)
    for phrase, spec in _section(data, "hedges", dict, path, text).items():
        if not isinstance(spec, dict) or spec.get("kind") not in HEDGE_KINDS:
            raise _fail(f"hedge '{phrase}' needs kind = one of {', '.join(HEDGE_KINDS)}", path,
                        text, phrase)
        margin = spec.get("margin", 0.0)
        if not isinstance(margin, (int, float)) or not 0 <= margin < 1:
            raise _fail(f"hedge '{phrase}' margin must be a fraction between 0 and 1", path, text, phrase)
        if not isinstance(spec.get("exclusive", False), bool) or (
                spec.get("exclusive") and spec["kind"] not in ("lower_bound", "upper_bound")):
            raise _fail(f"hedge '{phrase}': exclusive = true or false, and only for a bound", path,
                        text, phrase)
        rules.hedges[phrase] = (spec["kind"], float(margin))
    for number, cue in enumerate(_section(data, "cues", list, path, text)):
        phrase = cue.get("phrase") if isinstance(cue, dict) else None
        if not isinstance(phrase, str) or not phrase.strip():
            raise _fail(f"cue {number + 1} needs a phrase", path, text, "[[cues]]")
        kind = cue.get("kind")
        if kind not in CUE_KINDS:
            raise _fail(f"cue '{phrase}' has kind {kind!r}; valid kinds: {', '.join(CUE_KINDS)}",
                        path, text, phrase)
        scope = cue.get("scope", "after")
        if scope not in CUE_SCOPES:
            raise _fail(f"cue '{phrase}' has scope {scope!r}; valid scopes: {', '.join(CUE_SCOPES)}",
                        path, text, phrase)
        words = [re.escape(w) for w in phrase.split()]
        # Case-sensitive: "may" is a modal, "May" a month or a name.
        regex = re.compile(_CUE_START + r"\s+".join(words) + r"(?![\w])")
        rules.cues.append(Cue(phrase, kind, scope, regex.pattern))
    for phrase, spec in _section(data, "references", dict, path, text).items():
        types = spec.get("types") if isinstance(spec, dict) else None
        pick = spec.get("pick", "nearest") if isinstance(spec, dict) else None
        if (not isinstance(types, list) or not types or any(t not in REFERENCE_TYPES for t in types)
                or pick not in REFERENCE_PICKS):
            raise _fail(f"reference '{phrase}' needs types = a list of {', '.join(REFERENCE_TYPES)} and "
                        f"pick = one of {', '.join(REFERENCE_PICKS)}", path, text, phrase)
        rules.references[phrase.lower()] = (tuple(types), pick)
    for entry in _section(data, "metonymy", list, path, text):
        if not isinstance(entry, dict) or entry.get("via") is None:
            raise _fail("a metonymy entry needs 'via' (the predicate linking the place to what it stands for)",
                        path, text, "[[metonymy]]")
        rules.metonymy.append(dict(entry))


def _load_patterns(path: Path, text: str, data: dict, rules: RuleSet, pack: Path) -> None:
    from factcheck.rules.patterns import PatternSyntaxError, compile_pattern, pattern_requirements

    unknown = sorted(set(data) - {"rule", "frame", "description", "source"})
    if unknown:
        raise _fail(f"unknown table '{unknown[0]}' (a patterns file holds [[rule]] and [[frame]] tables)",
                    path, text, unknown[0])
    prefix = ".".join(path.relative_to(pack / "patterns").with_suffix("").parts)
    search_from = 1
    frames = _section(data, "frame", list, path, text) if "frame" in data else []
    for rule in [*_section(data, "rule", list, path, text), *(frame_rule(f, path, text, locate, _fail) for f in frames)]:
        is_frame = isinstance(rule, dict) and rule.pop("_frame", False)
        if not isinstance(rule, dict):
            raise _fail("each [[rule]] must be a table", path, text, "rule")
        local_id = rule.get("id")
        line, _ = locate(text, f'"{local_id}"', search_from) if local_id else locate(text, "[[rule]]", search_from)
        search_from = line
        if not isinstance(local_id, str) or not re.fullmatch(r"[a-z][a-z0-9_-]*", local_id):
            raise _fail("every rule needs an id (lower-case letters, digits, '_' or '-')", path,
                        text, "[[rule]]", search_from)
        rule_id = f"{prefix}.{local_id}"
        extra = sorted(set(rule) - _RULE_KEYS)
        if extra:
            raise _fail(f"unknown key '{extra[0]}' in rule {rule_id}", path, text, extra[0], line)
        for key in ("description", "source", "pattern"):
            if not isinstance(rule.get(key), str) or not rule[key].strip():
                raise _fail(f"rule {rule_id} needs a '{key}'", path, text, "[[rule]]" if key != "pattern" else local_id, line)
        if any(r.id == rule_id for r in rules.patterns):
            raise _fail(f"rule id {rule_id} is defined twice", path, text, local_id, line)
        pattern_line, pattern_col = locate(text, rule["pattern"][:30], line) if rule["pattern"] else (line, 1)
        too_deep = nesting_too_deep(rule["pattern"])
        if too_deep is not None:
            raise RuleError(f"pattern of {rule_id}: brackets nested more than {MAX_NESTING} deep",
                            path=str(path), line=pattern_line, column=pattern_col + too_deep,
                            source_line=_line(text, pattern_line))
        try:
            regex, slots = compile_pattern(rule["pattern"])
        except PatternSyntaxError as exc:
            raise RuleError(f"pattern of {rule_id}: {exc.message}", path=str(path), line=pattern_line,
                            column=pattern_col + exc.column - 1,
                            source_line=_line(text, pattern_line)) from None
        for slot, (slot_type, _) in slots.items():
            if slot_type not in SLOT_TYPES:
                raise RuleError(f"unknown slot type '{slot_type}' in {rule_id}; valid types: "
                                f"{VALID_TYPES}", path=str(path), line=pattern_line,
                                column=pattern_col + rule["pattern"].find(f"{slot}:{slot_type}") + len(slot) + 1,
                                source_line=_line(text, pattern_line))
        context = bool(rule.get("context", False))
        assertions = _assertions(rule, rule_id, slots, rules, path, text, line)
        examples = _examples(rule, rule_id, path, text, line, context)
        needs = pattern_requirements(rule["pattern"])
        if "sentence_has" in rule:
            # Words the pattern cannot spell (a quantity's own noun: "3.2 million inhabitants"),
            # one of which a sentence must hold for the rule to be tried there.
            words = rule["sentence_has"]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
                raise _fail(f"rule {rule_id}: 'sentence_has' is a list of words", path, text, "sentence_has", line)
            needs = (*needs, (frozenset(w.lower() for w in words), frozenset()))
        rules.patterns.append(PatternRule(
            id=rule_id, description=rule["description"], source=rule["source"],
            pattern=rule["pattern"], regex_source=regex.pattern, slots=slots, assertions=assertions,
            examples=examples, counterexamples=tuple(rule.get("counterexamples", ())),
            presupposition=bool(rule.get("presupposition", False)), context=context,
            path=str(path), line=line, needs=needs, frame=is_frame,
        ))


def _assertions(rule: dict, rule_id: str, slots: Mapping, rules: RuleSet, path: Path, text: str,
                line: int) -> tuple[Assertion, ...]:
    raw = rule.get("assert")
    if raw is None:
        raw = [{key: rule[key] for key in _ASSERT_KEYS if key in rule}]
    elif not isinstance(raw, list):
        raise _fail(f"'assert' of {rule_id} must be a list of tables", path, text, "assert", line)
    out = []
    for item in raw:
        extra = sorted(set(item) - _ASSERT_KEYS)
        if extra:
            raise _fail(f"unknown key '{extra[0]}' in an assertion of {rule_id}", path, text, extra[0], line)
        predicate = item.get("predicate")
        if predicate not in rules.predicates:
            raise _fail(f"rule {rule_id} asserts unknown predicate {predicate!r}; known: "
                        f"{', '.join(sorted(rules.predicates))}", path, text, "predicate", line)
        for key in ("subject", "value", "time", "time_end", "rank_top"):
            ref = item.get(key)
            if ref is not None and ref not in slots:
                raise _fail(f"rule {rule_id}: '{key}' names slot '{ref}', which the pattern lacks",
                            path, text, f'"{ref}"', line)
        obj = item.get("object")
        if isinstance(obj, str) and obj not in slots:
            raise _fail(f"rule {rule_id}: 'object' names slot '{obj}', which the pattern lacks",
                        path, text, f'"{obj}"', line)
        if isinstance(obj, dict) and "leader_of" in obj:
            if set(obj) != {"leader_of"} or obj["leader_of"] not in slots:
                raise _fail(f"rule {rule_id}: an object table is {{leader_of = PLACE_SLOT}} or "
                            "{office_of = TITLE_SLOT, jurisdiction = SLOT}", path, text, "leader_of", line)
        elif isinstance(obj, dict):
            if set(obj) - {"office_of", "jurisdiction"} or obj.get("office_of") not in slots:
                raise _fail(f"rule {rule_id}: an object table must be {{office_of = TITLE_SLOT, "
                            "jurisdiction = SLOT}}", path, text, "office_of", line)
        event = item.get("subject_event", ())
        events = (event,) if isinstance(event, str) else event
        if not isinstance(events, list | tuple) or not all(
                isinstance(noun, str) and re.fullmatch(r"[a-z][a-z -]*", noun) for noun in events):
            raise _fail(f"rule {rule_id}: subject_event is a lower-case noun such as \"independence\", "
                        f"or a list of them, not {event!r}", path, text, "subject_event", line)
        from_name = item.get("subject_from_name", False)
        if not isinstance(from_name, bool):
            raise _fail(f"rule {rule_id}: subject_from_name is true or false, not {from_name!r}",
                        path, text, "subject_from_name", line)
        role = item.get("time_role", "at")
        if role not in TIME_ROLES:
            raise _fail(f"rule {rule_id}: time_role {role!r}; valid roles: {', '.join(TIME_ROLES)}",
                        path, text, "time_role", line)
        referents = item.get("referents")
        if referents is not None and referents not in REFERENT_MODES:
            raise _fail(f"rule {rule_id}: referents {referents!r}; valid: {', '.join(REFERENT_MODES)}",
                        path, text, "referents", line)
        if item.get("subject") is None and referents is None:
            raise _fail(f"rule {rule_id} needs a 'subject' slot (or referents = \"salient\")", path,
                        text, "[[rule]]", line)
        out.append(Assertion(
            predicate=predicate, subject=item.get("subject"), object=obj, value=item.get("value"),
            time=item.get("time"), time_end=item.get("time_end"), time_role=role,
            rank_top=item.get("rank_top"), referents=referents,
            place_from_context=bool(item.get("place_from_context", False)),
            object_from_text=bool(item.get("object_from_text", False)),
            unit_stated=bool(item.get("unit_stated", False)),
            subject_from_text=_subject_source(item.get("subject_from_text"), rule_id, path, text, line),
            subject_event=tuple(events),
            subject_from_name=from_name,
        ))
    return tuple(out)


SUBJECT_SOURCES = ("sentence", "before")


def _subject_source(value: object, rule_id: str, path: Path, text: str, line: int) -> str | None:
    if value is None or value in SUBJECT_SOURCES:
        return value
    raise _fail(f"rule {rule_id}: subject_from_text {value!r}; valid: {', '.join(SUBJECT_SOURCES)}",
                path, text, "subject_from_text", line)


def _examples(rule: dict, rule_id: str, path: Path, text: str, line: int,
              context: bool) -> tuple[Example, ...]:
    out = []
    for item in rule.get("examples", []):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise _fail(f"each example of {rule_id} is a table with 'text' and what it must yield",
                        path, text, "examples", line)
        expect = {k: v for k, v in item.items() if k not in ("text", "published")}
        if not expect and not context:
            raise _fail(f"example of {rule_id} says nothing it must yield (subject, object, value, ...)",
                        path, text, item["text"][:20], line)
        out.append(Example(item["text"], str(item.get("published", "2023-10-25")), expect))
    counter = rule.get("counterexamples", [])
    if not isinstance(counter, list) or not all(isinstance(c, str) for c in counter):
        raise _fail(f"'counterexamples' of {rule_id} must be a list of sentences", path, text,
                    "counterexamples", line)
    return tuple(out)
