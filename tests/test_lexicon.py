"""Matching names, aliases and demonyms of the store in text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.lexicon import (ACRONYM_PAREN, CAPITALISED, TOKEN, Lexicon, NOT_NAME_START, token_text,
                               tokens_with_ends, unknown_names)

ROWS = [
    ("Xi Jinping", "name", "xi-jinping", "person"),
    ("China", "name", "china", "country"),
    ("Chinese", "demonym", "china", "country"),
    ("People's Republic of China", "alias", "china", "country"),
    ("Republic of Korea", "alias", "south-korea", "country"),
    ("gallium", "name", "gallium", "element"),
    ("World Health Organization", "name", "who", "organization"),
]


def _reference_tokens(text: str) -> list[tuple[int, int, str]]:
    skipped = [m.span() for m in ACRONYM_PAREN.finditer(text)]
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)
            if not any(a <= m.start() < b for a, b in skipped)]


@given(st.text(alphabet=st.sampled_from("ab Z1_-.'(\n\t\u00e9\u4e2d\u00a0WHO)&"), max_size=60))
def test_tokens_and_their_offsets(text):
    words, ends = tokens_with_ends(token_text(text))
    assert [(end - len(word), end, word) for word, end in zip(words, ends)] == _reference_tokens(text)


def test_acronym_in_brackets_is_not_a_token():
    words, ends = tokens_with_ends(token_text("The World Health Organization (WHO) said"))
    assert words == ["The", "World", "Health", "Organization", "said"]
    assert ends[-1] == len("The World Health Organization (WHO) said")


def _found(text: str) -> list[tuple[str, tuple[str, ...], frozenset[str]]]:
    return [(m.text, m.entity_ids, m.types) for m in Lexicon.build(ROWS).match(text)]


def test_leftmost_longest_with_offsets():
    text = "Officials of the People's Republic of China met Chinese President Xi Jinping."
    mentions = [m for m in Lexicon.build(ROWS).match(text) if m.entity_ids]
    assert [(m.text, m.entity_ids) for m in mentions] == [
        ("People's Republic of China", ("china",)), ("Chinese", ("china",)),
        ("Xi Jinping", ("xi-jinping",))]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert mentions[1].types == frozenset({"demonym"})


def test_lower_case_name_capitalised_at_a_sentence_start():
    assert _found("Gallium is scarce. So is gallium.")[0][:2] == ("Gallium", ("gallium",))
    assert [t for t, _ids, _types in _found("Gallium is scarce. So is gallium.")] == ["Gallium", "gallium"]


def test_surname_after_the_full_name_and_unknown_names():
    found = _found("Xi Jinping spoke. Later Xi said Tomas Halvorsen agreed.")
    assert ("Xi", ("xi-jinping",), frozenset({"person"})) in found
    assert ("Tomas Halvorsen", (), frozenset({"name", "proper"})) in found
    # a surname before the full name is not taken for it
    assert [t for t, _ids, _types in _found("Xi spoke. Xi Jinping did not.")] == ["Xi Jinping"]


@pytest.mark.parametrize("text,name", [
    ("Recep Tayyip Erdoğan spoke in Ankara.", "Recep Tayyip Erdoğan"),
    ("Officials in São Paulo agreed.", "São Paulo"),
    ("The mayor of Łódź, Hanna Zdanowska, agreed.", "Hanna Zdanowska"),
    ("Ministers met Łukasz Kowalski on Monday.", "Łukasz Kowalski"),
    ("Владимир Путин said so.", "Владимир Путин"),
    ("Ángela Núñez won.", "Ángela Núñez"),
    # capitalised parts joined by hyphens are one word of a name
    ("Officials said Babajide Sanwo-Olu ordered it.", "Babajide Sanwo-Olu"),
    ("Jean-Pierre Raffarin spoke.", "Jean-Pierre Raffarin"),
])
def test_unknown_names_with_letters_beyond_ascii(text, name):
    assert (name, (), frozenset({"name", "proper"})) in _found(text)


@pytest.mark.parametrize("text,names", [
    ("Funafuti, Tuvalu's capital, sits barely two metres above sea level.", ["Funafuti", "Tuvalu"]),
    ("Voters in Munich, the Bavarian capital, went to the polls.", ["Munich", "Bavarian"]),
    ("Andela was founded in 2014.", ["Andela"]),
    ("Bhutan's economy grew. \"Ankara, too,\" he said.", ["Bhutan", "Ankara"]),
    # a sentence's first word before other words; months, weekdays and sentence openers
    ("Rebels advanced on Goma on Monday.", ["Goma"]),
    ("Founded in 2014, it grew. However, Lima is calm.", ["Lima"]),
    ("It rained in May. Meanwhile, Quito was quiet.", ["Quito"]),
    # names the store knows, and runs of unknown words, are not single unknown words
    ("Chinese officials met Tomas Halvorsen in China.", []),
    ("Łódź, the city, and Ørsted agreed.", ["Łódź", "Ørsted"]),
    ("Troops left Austria-Hungary in 1918.", ["Austria-Hungary"]),
    ("The channel and Hong Kong-based firms agreed.", []),
])
def test_single_unknown_words_that_may_be_names(text, names):
    assert [t for t, _ids, types in _found(text) if types == {"proper"}] == names


def _unknown_by_tokens(text, tokens, covered):
    """Runs of two to four capitalised words, read word by word; a word is a capitalised token or
    several joined by hyphens with no space ("Jean-Luc": three tokens), covered where one is."""
    words = []      # (start, end, text, covered)
    k = 0
    while k < len(tokens):
        start, end, word = tokens[k]
        hidden = covered[k]
        while (CAPITALISED.match(word) and k + 2 < len(tokens) and tokens[k + 1][2] == "-"
               and tokens[k + 1][0] == end and tokens[k + 2][0] == end + 1
               and CAPITALISED.match(tokens[k + 2][2]) and "-" not in tokens[k + 2][2]):
            end, word = tokens[k + 2][1], word + "-" + tokens[k + 2][2]
            hidden = hidden or covered[k + 1] or covered[k + 2]
            k += 2
        words.append((start, end, word, hidden))
        k += 1
    out = []
    free = 0
    for i in [i for i, word in enumerate(words) if word[2][0].isupper()]:
        if i < free:
            continue
        j = i
        while (j < len(words) and not words[j][3] and CAPITALISED.match(words[j][2].split("-")[0])
               and (j > i or words[j][2].split("-")[0] not in NOT_NAME_START) and j - i < 4):
            j += 1
        if j - i >= 2:
            out.append((words[i][0], words[j - 1][1]))
            free = j
        else:
            free = max(j, i + 1)
    return out


@given(st.lists(st.sampled_from(["Tomas", "Halvorsen", "The", "Ana", "NATO", "McKay", "said", "5",
                                 "Jean-Luc", "O'Neil", ".", ",", "Émile", "Li", "(WHO)", "( UN )"]),
                max_size=14),
       st.lists(st.sampled_from([" ", "  ", "\n", ""]), min_size=14, max_size=14),
       st.lists(st.booleans(), min_size=40, max_size=40))
def test_unknown_name_runs_by_regex_as_by_tokens(parts, gaps, covered):
    text = "".join(part + gap for part, gap in zip(parts, gaps))
    tokenized = token_text(text)
    words, ends = tokens_with_ends(tokenized)
    covered = covered[:len(words)] + [False] * (len(words) - len(covered))
    found = unknown_names(text, tokenized, words, ends, covered)
    assert [(m.start, m.end) for m in found] == _unknown_by_tokens(text, _reference_tokens(text), covered)
    assert all(m.text == text[m.start:m.end] for m in found)


def test_the_memo_of_names_is_bounded(monkeypatch):
    import factcheck.text.lexicon as lexicon_module

    monkeypatch.setattr(lexicon_module, "_DESCRIPTIONS_KEPT", 1)
    lexicon = Lexicon.build(ROWS)
    first = lexicon.match("China and Xi Jinping met.")
    assert len(lexicon.__dict__["_descriptions"]) == 2
    assert lexicon.match("Chinese officials met.")[0].entity_ids == ("china",)
    assert len(lexicon.__dict__["_descriptions"]) == 1
    assert lexicon.match("China and Xi Jinping met.") == first


@pytest.mark.parametrize("text,expected", [
    ("President Alberto FUJIMORI's election in 1990", "Alberto FUJIMORI"),
    ("Dina BOLUARTE assumed the presidency", "Dina BOLUARTE"),
    ("Alberto Fujimori won", "Alberto Fujimori"),
], ids=["fact-book-capitals", "capitals-at-start", "as-written"])
def test_surnames_in_capitals_match_the_name(text, expected):
    lexicon = Lexicon.build([("Alberto Fujimori", "name", "alberto-fujimori", "person"),
                             ("Dina Boluarte", "name", "dina-boluarte", "person")])
    assert [m.text for m in lexicon.match(text) if m.entity_ids] == [expected]


def test_a_known_acronym_in_capitals_still_matches():
    lexicon = Lexicon.build([("NATO", "name", "nato", "organization"), ("Nato Ridge", "name", "ridge", "other")])
    assert [m.entity_ids for m in lexicon.match("NATO met.")] == [("nato",)]


@pytest.mark.parametrize("name, countries", [
    ("Chinese yuan", ("china",)),                       # a demonym opens it
    ("People's Republic of China bonds", ("china",)),   # the longest opening name decides
    ("China", ()),                                      # the whole name is no opening
    ("yuan", ()),
    ("Korean won", ()),                                 # no such demonym in the store
])
def test_the_country_whose_demonym_or_name_opens_a_name(name, countries):
    assert Lexicon.build(ROWS).countries_opening(name) == countries
