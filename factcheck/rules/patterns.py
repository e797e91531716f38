"""The claim-pattern language: a pyparsing grammar that compiles pattern strings to regexes.

A pattern is matched against a sentence's *shadow text*, in which every entity mention, time
expression and quantity has been replaced by a placeholder that carries its types and its index.
Placeholders hold no word characters, so literal words in a pattern never match inside them.

    {name:type}      a slot: one mention of that type        {office:office}
    {name:type+}     a coordinated list: "X, Y and Z"         {items:commodity+}
    word             a literal word, case-insensitive         headquartered
    word*            a word prefix                            headquarter*
    ( a | b c )      alternatives                             (biggest | largest)
    [ a | b ]        optional (alternatives)                  [further]
    ...  ...N        a gap of up to 6 (or N) tokens           ...8
    ~  ~N            up to 8 (or N) words of the same clause:  ~5
                     no entity mention (a time or quantity is fine), no ';', no quotation
                     mark, none of CLAUSE_BREAKS ("said", "but", "because", ...)
    , ; : . - " 's   punctuation, matched as written
    !( a | b )       the next words are none of these          !( dispute | leaders | {time_until} )
    <!( a | b- )     the word before is none of these          <!( elderly | non- )
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyparsing as pp

#: Slot types a pattern may use, and the mention types each accepts.
SLOT_TYPES = {
    "person": {"person", "name"},
    "country": {"country"},
    "region": {"region"},
    "city": {"city"},
    "place": {"country", "region", "city"},
    "organization": {"organization"},
    "office": {"office"},
    "event": {"event"},
    "commodity": {"commodity"},
    "currency": {"currency"},
    "entity": {"person", "country", "region", "city", "organization", "office", "event",
               "commodity", "currency", "other"},
    "body": {"country", "region", "organization"},
    "jurisdiction": {"country", "region", "demonym"},
    "demonym": {"demonym"},
    "state": {"country", "metonym"},
    "title": {"title"},
    "time": {"time"},
    "time_since": {"time_since"},
    "time_until": {"time_until"},
    "quantity": {"quantity"},
    "ordinal": {"ordinal"},
    "site": {"city", "region", "organization", "other"},
    "landmark": {"other"},
    "locatable": {"country", "region", "city", "organization", "other"},
}
#: A slot type of a place, a body or a site may end in "?": it also takes a capitalised name the
#: store does not know ("Funafuti, Tuvalu's capital"), whose claim is judged unknown. Kept to
#: patterns whose words say what the name is: a name alone says nothing of its type.
NAMELESS_TYPES = ("country", "region", "city", "place", "organization", "body", "jurisdiction",
                  "event", "site", "landmark", "locatable")
SLOT_TYPES.update({f"{name}?": SLOT_TYPES[name] | {"proper"} for name in NAMELESS_TYPES})
#: How an error names the valid slot types
VALID_TYPES = (", ".join(name for name in SLOT_TYPES if not name.endswith("?"))
               + f"; {', '.join(NAMELESS_TYPES)} may end in '?'")

#: Private-use characters standing for mention types inside placeholders.
TYPE_CHARS = {
    name: chr(0xE000 + number)
    for number, name in enumerate((
        "person", "name", "country", "region", "city", "organization", "office", "event",
        "commodity", "currency", "other", "demonym", "metonym", "title", "time", "quantity",
        "time_since", "time_until", "ordinal", "proper",
    ))
}
# Private-use delimiters: not word characters and not white space (unlike the ASCII separators
# \x1c-\x1f, which Python's re treats as \s).
OPEN, SEP, CLOSE = "\ue0f0", "\ue0f1", "\ue0f2"
_DIGIT_BASE = 0xE100
PLACEHOLDER = re.compile(OPEN + r"[^\ue0f1\ue0f2]*" + SEP + r"([\ue100-\ue10f]+)" + CLOSE)
_LIST_JOINER = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)(?:the\s+)?"
_DIRECTION = (r"(?:\s+(?:to|on)\s+the\s+(?:(?:north|south)(?:-?(?:east|west))?|east|west)"
              r"(?:\s+and\s+(?:(?:north|south)(?:-?(?:east|west))?|east|west))?)?")
_DEFAULT_GAP = 6
_DEFAULT_CLAUSE_GAP = 8
MAX_GAP = 999   # words a gap may span: more than any sentence has
#: The ways the gaps along one path through a pattern may stop, together (the product of their
#: spans plus one). A regex tries each of them at most once from each place a match may start, so
#: this bounds the work per character of a sentence.
MAX_GAP_STOPS = 1000
_NOT_BEFORE = "\ue0f3"   # marks a look-behind guard while a sequence is joined


class PatternSyntaxError(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def placeholder(index: int, types: frozenset[str] | set[str]) -> str:
    """The placeholder of item ``index`` with these types (not remembered: an index recurs only
    within one text, and a cache of them would churn through every long text)."""
    digits = _DIGITS[index] if index < len(_DIGITS) else format(index, "x").translate(_ENCODE)
    return OPEN + _type_chars(frozenset(types)) + SEP + digits + CLOSE


@lru_cache(maxsize=256)
def _type_chars(types: frozenset[str]) -> str:
    return "".join(TYPE_CHARS[t] for t in sorted(types))


# hexadecimal digits <-> the private-use digits placeholders write them with
_ENCODE = {ord(d): chr(_DIGIT_BASE + int(d, 16)) for d in "0123456789abcdef"}
_DECODE = {ord(c): d for d, c in ((chr(k), v) for k, v in _ENCODE.items())}
#: The placeholder digits of the first indices, written once (a sentence's items are numbered
#: from its text's first: a few thousand cover a section).
_DIGITS = tuple(format(index, "x").translate(_ENCODE) for index in range(8192))


def placeholder_indices(text: str) -> tuple[int, ...]:
    """The mention indices of the placeholders in ``text``, in order (remembered for the last
    few thousand texts: a slot's text recurs in every rule that reads it, and across documents)."""
    return _indices(text)


@lru_cache(maxsize=4096)
def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(digits.translate(_DECODE), 16) for digits in PLACEHOLDER.findall(text))


def _guard_atom(word: str) -> str:
    """A word of a ``!( ... )`` guard, or ``{type}``: a mention of that slot type."""
    if word.startswith("{"):
        slot_type = word[1:-1]
        if slot_type not in SLOT_TYPES:
            raise PatternSyntaxError(f"unknown slot type '{slot_type}' in a guard; valid types: "
                                     f"{VALID_TYPES}", 1)
        return _slot_regex(SLOT_TYPES[slot_type])
    return re.escape(word)


def _slot_regex(accepted: set[str]) -> str:
    chars = "".join(re.escape(TYPE_CHARS[t]) for t in sorted(accepted))
    return OPEN + r"[^\ue0f1\ue0f2]*[" + chars + r"][^\ue0f1\ue0f2]*" + SEP + r"[\ue100-\ue10f]+" + CLOSE


# A word inside a clause: no white space, no ';' or quotation mark, and no placeholder but that of
# a time, a quantity, an ordinal ("joined the EU in 2004 -- Cyprus") or a single word that may be
# a name the store does not know.
_NON_ENTITY = "".join(TYPE_CHARS[t] for t in ("time", "quantity", "time_since", "time_until", "ordinal",
                                               "proper"))
# Words that open another clause or report speech end one: "Lima said the capital of Kenya ..."
# is no claim about Lima ("which" and "who" stay: they describe the noun before them).
CLAUSE_BREAKS = ("said", "says", "say", "told", "tells", "according", "that", "but",
                 "although", "though", "because", "whereas", "while", "if", "unless", "whether")
_CLAUSE_WORD = (r"(?!(?:" + "|".join(CLAUSE_BREAKS) + r")(?![\w'-]))"
                r"(?:[^\s;\"\u201c\u201d" + OPEN + r"]|" + OPEN + "[" + _NON_ENTITY + r"]+" + SEP
                + r"[\ue100-\ue10f]+" + CLOSE + r")++")


# An apposition after a name, or a relative clause that only describes it: a comma, a noun
# phrase of one to six words that opens with an article or a possessive, or "which" or "who" and
# up to eight words, a comma (", the Spanish capital,", ", Peru's capital,", ", which borders
# Poland,"). No comma, colon, semicolon, bracket, quotation mark or time inside: a time there
# would date the claim ("Madrid, the 1992 European Capital of Culture, has ...").
_TIME_CHARS = "".join(TYPE_CHARS[t] for t in ("time", "time_since", "time_until"))
_APPOSITION_WORD = r"(?>[^\s,;:\"\u201c\u201d()" + _TIME_CHARS + r"]+\s*)"
_APPOSITION = (r",\s*(?:(?:(?:the|a|an|its|their|his|her)\s+|" + OPEN + r"[^\ue0f1\ue0f2]*" + SEP
               + r"[\ue100-\ue10f]+" + CLOSE + r"\s*'s?\s+)" + _APPOSITION_WORD + "{1,6}?"
               + r"|(?:which|who)\s+" + _APPOSITION_WORD + "{1,8}?),")


@lru_cache(maxsize=1)
def _grammar() -> pp.ParserElement:
    identifier = pp.Word(pp.alphas + "_", pp.alphanums + "_")
    slot = (
        pp.Suppress("{") + identifier("name").set_name("slot name") + pp.Suppress(":")
        + pp.Regex(r"[A-Za-z_][A-Za-z0-9_]*\??")("type").set_name("slot type")
        + pp.Opt(pp.Literal("+"))("many")
        + pp.Suppress("}")
    ).set_name("slot {name:type}")
    slot.set_parse_action(lambda s, loc, t: ("slot", t["name"], t["type"], bool(t.get("many")), loc))
    gap = pp.Regex(r"\.\.\.(?P<count>\d+)?").set_name("gap ...N")
    gap.set_parse_action(lambda s, loc, t: ("gap", int(t["count"]) if t.get("count") else _DEFAULT_GAP, loc))
    clause_gap = pp.Regex(r"~(?P<count>\d+)?").set_name("clause gap ~N")
    clause_gap.set_parse_action(lambda s, loc, t: ("clause_gap", int(t["count"]) if t.get("count")
                                                   else _DEFAULT_CLAUSE_GAP, loc))
    apposition = pp.Literal("<apposition>").set_name("<apposition>")
    apposition.set_parse_action(lambda t: ("apposition",))
    word = pp.Regex(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*\*?").set_name("word")
    word.set_parse_action(lambda t: ("word", t[0]))
    punct = pp.Regex(r"'s|[,;:.\"\-^]").set_name("punctuation")
    punct.set_parse_action(lambda t: ("punct", t[0]))
    sequence = pp.Forward().set_name("pattern items")
    alternatives = pp.Group(sequence) + pp.ZeroOrMore(pp.Suppress("|") + pp.Group(sequence))
    group = (pp.Suppress("(") + alternatives + pp.Suppress(")")).set_name("group ( a | b )")
    group.set_parse_action(lambda t: ("alt", [list(seq) for seq in t]))
    optional = (pp.Suppress("[") + alternatives + pp.Suppress("]")).set_name("optional [ a ]")
    optional.set_parse_action(lambda t: ("opt", [list(seq) for seq in t]))
    guard_word = pp.Regex(r"'s|[A-Za-z][A-Za-z']*(?:-[A-Za-z]+)*-?|\{[a-z_]+\}").set_name("word or {type}")
    guard_words = pp.Group(guard_word + pp.ZeroOrMore(guard_word))
    guard_list = guard_words + pp.ZeroOrMore(pp.Suppress("|") + guard_words)
    not_next = (pp.Suppress("!(") + guard_list + pp.Suppress(")")).set_name("guard !( a | b )")
    not_next.set_parse_action(lambda t: ("not_next", [list(words) for words in t]))
    not_before = (pp.Suppress("<!(") + guard_list + pp.Suppress(")")).set_name("guard <!( a | b )")
    not_before.set_parse_action(lambda t: ("not_before", [list(words) for words in t]))
    item = (slot | gap | clause_gap | apposition | not_before | not_next | group | optional | word | punct
            ).set_name("pattern item")
    sequence <<= pp.OneOrMore(item)
    return (sequence + pp.StringEnd()).set_name("pattern")


def compile_pattern(pattern: str) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    """The regex for ``pattern`` and its slots (name -> (type, is_list)).

    Raises ``PatternSyntaxError`` with the 1-based column of the problem. Compiled once per
    process for each pattern: a user's pack loaded beside the bundled one compiles only its own.
    """
    regex, slots = _compiled_pattern(pattern)
    return regex, dict(slots)


@lru_cache(maxsize=4096)
def _compiled_pattern(pattern: str) -> tuple[re.Pattern, tuple[tuple[str, tuple[str, bool]], ...]]:
    try:
        items = _grammar().parse_string(pattern, parse_all=True).as_list()
    except pp.ParseBaseException as exc:
        return _raise(f"{exc.msg}, found {pattern[exc.loc:exc.loc + 12]!r}" if exc.loc < len(pattern)
                      else f"{exc.msg} at the end", exc.loc)
    slots: dict[str, tuple[str, bool]] = {}
    _gap_stops(items)

    def build(sequence: list) -> str:
        parts = []
        for position, node in enumerate(sequence):
            kind = node[0]
            if kind == "slot":
                _, name, slot_type, many, loc = node
                if name in slots:
                    _raise(f"slot '{name}' is used twice", loc)
                if slot_type not in SLOT_TYPES:
                    _raise(f"unknown slot type '{slot_type}'; valid types: {VALID_TYPES}",
                           loc + len(name) + 2)
                slots[name] = (slot_type, many)
                single = _slot_regex(SLOT_TYPES[slot_type])
                # a list's items may carry an acronym in brackets: "the ASEAN
                # Regional Forum (ARF) and the East Asia Summit (EAS)"
                # and a direction: "bordered by South Sudan to the northwest, Ethiopia to the north"
                item = (f"{single}(?:\\s*\\(\\s*(?:{single}|[A-Z][A-Za-z0-9.&]{{0,9}})\\s*\\))?{_DIRECTION}"
                        if many else single)
                body = item + (f"(?:{_LIST_JOINER}{item})*" if many else "")
                parts.append(f"(?P<{name}>{body})")
            elif kind == "gap":
                # Each step takes a whole word and the space after it, atomically: a text splits
                # into words one way only, so the only choices are the N places the gap may stop.
                parts.append(r"(?>\S+\s*){0,%d}?" % node[1])
            elif kind == "clause_gap":
                # Words end at white space, so a text splits into words one way only: no backtracking
                # beyond the N choices of where the gap stops.
                parts.append(r"(?>%s\s+){0,%d}?" % (_CLAUSE_WORD, node[1]))
            elif kind == "apposition":
                parts.append(_APPOSITION)
            elif kind == "word":
                text = re.escape(node[1].rstrip("*")).replace("'", "'")
                tail = r"\w*" if node[1].endswith("*") else ""
                parts.append(r"(?<!\w)" + text + tail + r"(?!\w)")
            elif kind == "punct":
                # "'s" also reads the bare apostrophe of a plural name ("the Philippines' population")
                # "^": the start of the sentence (after any opening quotation mark or bracket)
                parts.append("'s?" if node[1] == "'s" else
                             "^[\"'\u201c\u2018(]*" if node[1] == "^" else re.escape(node[1]))
            elif kind == "not_next":
                # checked right after the item before it, over any white space
                phrases = "|".join(r"\s+".join(map(_guard_atom, words)) for words in node[1])
                guard = r"(?!\s*(?:%s)(?![\w-]))" % phrases
                parts[-1:] = [parts[-1] + guard] if parts else [guard]
            elif kind == "not_before":
                # one fixed-width look-behind per phrase ("elderly " or "non-"), checked right
                # before the item after it
                guard = "".join(r"(?<!%s%s)" % (re.escape(" ".join(words)), "" if words[-1].endswith("-") else " ")
                                for words in node[1])
                # first whether the item after it may start here at all: one test instead of a
                # look-behind per phrase at every character a match may start from
                first = _first_chars(sequence[position + 1:])
                if first:
                    guard = "(?=[" + "".join(sorted(first)) + "])" + guard
                # and a word starts here: with an optional item after the guard left out, the
                # match may not start on the white space before the next one ("in [the] X" is
                # "in X" to the guard, not " X" after "in")
                parts.append(guard + r"(?!\s)" + _NOT_BEFORE)
            elif kind in ("alt", "opt"):
                inner = "|".join(build(seq) for seq in node[1])
                # of many alternatives, one test of the characters they may start with first
                first = _first_chars([("alt", node[1])]) if len(node[1]) >= _FIRST_TEST_FROM else None
                if first:
                    inner = "(?=[" + "".join(sorted(first)) + "])(?:" + inner + ")"
                parts.append(f"(?:{inner})" + ("?" if kind == "opt" else ""))
        # Items are separated by optional white space; a gap eats its own trailing space; a
        # look-behind guard sticks to the item after it.
        return r"\s*".join(parts).replace(_NOT_BEFORE + r"\s*", "").replace(_NOT_BEFORE, "")

    return re.compile(build(items), re.IGNORECASE), tuple(slots.items())


_SPACE = r"\s"
_FIRST_TEST_FROM = 3   # alternatives from which a group first tests the characters they may start with


def _first_chars(sequence: list) -> set[str] | None:
    """The characters (escaped for a character class) a match of ``sequence`` may begin with,
    or None where it may begin with any or match nothing (a gap, an anchor, an empty reading)."""
    chars: set[str] = set()
    for node in sequence:
        kind = node[0]
        if kind in ("not_before", "not_next"):
            continue
        if kind == "slot":
            return chars | {OPEN}
        if kind == "word":
            return chars | {re.escape(node[1][0])}
        if kind == "punct":
            return None if node[1] == "^" else chars | {re.escape(node[1][0])}
        if kind == "apposition":
            return chars | {","}
        if kind not in ("alt", "opt"):
            return None
        for branch in node[1]:
            first = _first_chars(branch)
            if first is None:
                return None
            chars |= first
        if kind == "alt":
            return chars
        chars.add(_SPACE)   # an optional part left out: the white space joining what follows
    return None


def _gap_stops(sequence: list, before: int = 1) -> int:
    """The most ways the gaps along one path through ``sequence`` may stop, times ``before``;
    raises ``PatternSyntaxError`` at the gap that takes it past ``MAX_GAP_STOPS``."""
    stops = before
    for node in sequence:
        if node[0] in ("gap", "clause_gap"):
            if node[1] > MAX_GAP:
                _raise(f"a {'clause ' if node[0] == 'clause_gap' else ''}gap spans at most {MAX_GAP} words",
                       node[2])
            stops *= node[1] + 1
            if stops > MAX_GAP_STOPS:
                _raise(f"the gaps of one reading may stop in at most {MAX_GAP_STOPS} ways together "
                       f"(the product of each gap's words plus one; here {stops}): shorten them", node[2])
        elif node[0] in ("alt", "opt"):
            stops = max(_gap_stops(branch, stops) for branch in node[1])
    return stops


#: One requirement of a pattern: (words, types), of which at least one must occur in a sentence.
Clause = tuple[frozenset[str], frozenset[str]]
_MAX_CLAUSES = 32   # an alternation of alternations is weakened past this (never wrongly strengthened)


@lru_cache(maxsize=4096)
def pattern_requirements(pattern: str) -> tuple[Clause, ...]:
    """What a sentence must contain for ``pattern`` to have a chance of matching.

    A conjunction of clauses, each a set of words and a set of mention types of which one must
    occur (the sentence's words, the types of its mentions, times and quantities). Literal words
    and slots count wherever they are required, inside alternatives too: ``(a b | c {x:city})``
    requires "a" or "c", "b" or "c", "a" or a city, "b" or a city. Optional parts, gaps,
    punctuation and word prefixes require nothing. A cheap test that spares running the pattern's
    regex over sentences that cannot match; it may pass a sentence the pattern does not match,
    never the other way round.
    """
    items = _grammar().parse_string(pattern, parse_all=True).as_list()
    clauses = _requirements(items)
    # word-only clauses first, fewest atoms first: they reject most sentences soonest
    return tuple(sorted(clauses, key=lambda c: (bool(c[1]), len(c[0]) + len(c[1]), sorted(c[0]), sorted(c[1]))))


@lru_cache(maxsize=4096)
def pattern_words(pattern: str) -> frozenset[str]:
    """Every word ``pattern`` reads as a word (in lower case), in its alternatives, optional parts
    and guards too; word prefixes ("econom*") excepted."""
    words: set[str] = set()

    def walk(sequence: list) -> None:
        for node in sequence:
            if node[0] == "word" and not node[1].endswith("*"):
                words.add(node[1].lower())
            elif node[0] in ("alt", "opt"):
                for branch in node[1]:
                    walk(branch)
            elif node[0] in ("not_next", "not_before"):
                words.update(word.lower() for guard in node[1] for word in guard if not word.startswith("{"))
    walk(_grammar().parse_string(pattern, parse_all=True).as_list())
    return frozenset(words)


def _requirements(sequence: list) -> list[Clause]:

    clauses: list[Clause] = []
    for node in sequence:
        if node[0] == "word" and not node[1].endswith("*"):
            clauses.append((frozenset({node[1].lower()}), frozenset()))
        elif node[0] == "slot" and node[2] in SLOT_TYPES:
            clauses.append((frozenset(), frozenset(SLOT_TYPES[node[2]])))
        elif node[0] == "alt":
            clauses.extend(_either([_requirements(branch) for branch in node[1]]))
    return _simplified(clauses)


def _either(branches: list[list[Clause]]) -> list[Clause]:
    """The clauses of "one of the branches holds" (each branch a conjunction of clauses)."""
    if any(not branch for branch in branches):
        return []       # a branch that requires nothing makes the whole requires nothing
    combined = branches[0]
    for branch in branches[1:]:
        combined = _simplified([(a[0] | b[0], a[1] | b[1]) for a in combined for b in branch])
    return combined


def _simplified(clauses: list[Clause]) -> list[Clause]:
    """Without duplicates and clauses implied by a stronger one; at most ``_MAX_CLAUSES``."""
    unique = sorted(set(clauses), key=lambda c: (len(c[0]) + len(c[1]), sorted(c[0]), sorted(c[1])))
    kept: list[Clause] = []
    for words, types in unique:
        if not any(w <= words and t <= types for w, t in kept):
            kept.append((words, types))
    return kept[:_MAX_CLAUSES]


def _raise(message: str, loc: int):
    raise PatternSyntaxError(message, loc + 1)
