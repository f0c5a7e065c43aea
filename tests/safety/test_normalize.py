"""Normalisation: slang, leetspeak, masking, repeats and spacing tricks, with exact offsets."""

import pytest

from suar.safety.lexicon import CRISIS, INSULTS, SAFE_MESSAGING, SLANG, STIGMA, THREATS
from suar.safety.normalize import normalize_word, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("gw", ("aku",)),
        ("gue", ("aku",)),
        ("Saya", ("aku",)),
        ("lo", ("kamu",)),
        ("lu", ("kamu",)),
        ("nggak", ("tidak",)),
        ("gak", ("tidak",)),
        ("ga", ("tidak",)),
        ("tdk", ("tidak",)),
        ("enggak", ("tidak",)),
        ("yg", ("yang",)),
        ("bgt", ("banget",)),
        ("pengen", ("ingin",)),
        ("pgn", ("ingin",)),
        ("udah", ("sudah",)),
        ("bundir", ("bunuh", "diri")),
        ("kms", ("kill", "myself")),
        ("kys", ("kill", "yourself")),
        ("sewerslide", ("suicide",)),
        ("don't", ("do", "not")),
        ("don’t", ("do", "not")),  # noqa: RUF001
        ("dont", ("do", "not")),
        ("I'm", ("i", "am")),
        ("isn't", ("is", "not")),
        ("you'll", ("you", "will")),
        ("youll", ("you", "will")),
        ("she'll", ("she", "will")),
        ("shell", ("shell",)),
        ("urself", ("yourself",)),
        ("kemaren", ("kemarin",)),
        ("semalem", ("semalam",)),
        ("wanna", ("want", "to")),
        ("hidupku", ("hidup", "aku")),
        ("bangeeet", ("banget",)),
        ("bangeeeeeet", ("banget",)),
        ("matiii", ("mati",)),
        ("kiiiill", ("kill",)),
        ("g0bl0k", ("goblok",)),
        ("4nj1ng", ("anjing",)),
        ("b4ngs4t", ("bangsat",)),
        ("@njing", ("anjing",)),
        ("$etan", ("setan",)),
        ("b*ngsat", ("bangsat",)),
        ("anj*ng", ("anjing",)),
        ("k*ntol", ("kontol",)),
        ("f*ck", ("fuck",)),
        ("anjg", ("anjing",)),
        ("njir", ("anjir",)),
        ("goblog", ("goblok",)),
        ("GOBLOK", ("goblok",)),
        ("teman2", ("teman",)),
        ("ｇｏｂｌｏｋ", ("goblok",)),  # noqa: RUF001
        ("𝐠𝐨𝐛𝐥𝐨𝐤", ("goblok",)),  # noqa: RUF001
        ("2024", ("2024",)),
        ("Jakarta", ("jakarta",)),
        ("good", ("good",)),
        ("***", ()),
    ],
)
def test_normalize_word(raw: str, expected: tuple[str, ...]) -> None:
    assert normalize_word(raw) == expected


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("b a n g s a t", "bangsat"),
        ("a.n.j.i.n.g", "anjing"),
        ("g-o-b-l-o-k", "goblok"),
        ("kamu t o l o l", "tolol"),
        ("b u n u h diri", "bunuh"),
    ],
)
def test_spaced_letters_are_joined(text: str, joined: str) -> None:
    doc = tokenize(text)
    assert joined in doc.words
    i = doc.words.index(joined)
    original = text[doc.starts[i] : doc.ends[i]]
    assert original.replace(" ", "").replace(".", "").replace("-", "") == joined


@pytest.mark.parametrize("text", ["a b c", "saya makan di a b c", "I a m"])
def test_spaced_letters_kept_when_not_a_known_word(text: str) -> None:
    doc = tokenize(text)
    assert len(doc.raw_tokens) == len(text.split())


def test_offsets_point_into_original_text() -> None:
    text = "Gw  BANGEEET   capek, lo tau?"
    doc = tokenize(text)
    assert doc.words == ["aku", "banget", "capek", "kamu", "tahu"]
    assert [text[a:b] for a, b in zip(doc.starts, doc.ends, strict=True)] == [
        "Gw",
        "BANGEEET",
        "capek",
        "lo",
        "tau",
    ]


def test_expanded_slang_shares_the_original_span() -> None:
    text = "lol kms"
    doc = tokenize(text)
    assert doc.words == ["lol", "kill", "myself"]
    assert doc.starts[1] == doc.starts[2] == 4
    assert doc.ends[1] == doc.ends[2] == 7


def test_offsets_with_emoji_and_combining_characters() -> None:
    text = "😭😭 aku pengen mati"
    doc = tokenize(text)
    i = doc.words.index("mati")
    assert text[doc.starts[i] : doc.ends[i]] == "mati"


def test_sentence_and_clause_ranges() -> None:
    doc = tokenize("aku capek, tapi ok. kamu gimana?")
    assert doc.sentence_range(0) == (0, 4)
    assert doc.clause_range(0) == (0, 2)
    assert doc.sentence_range(4) == (4, 6)


def test_quotes() -> None:
    doc = tokenize("dia bilang 'aku mau mati' kemarin")
    quoted = [doc.is_quoted(i) for i in range(len(doc))]
    assert quoted == [False, False, True, True, True, False]


def test_apostrophe_inside_word_is_not_a_quote() -> None:
    doc = tokenize("I don't want this, it's fine")
    assert not any(doc.is_quoted(i) for i in range(len(doc)))


def _pattern_words() -> list[str]:
    words: set[str] = set(INSULTS)
    for phrases in (CRISIS, THREATS, STIGMA, SAFE_MESSAGING):
        words |= phrases.words()
    return sorted(words)


@pytest.mark.parametrize("word", _pattern_words())
def test_lexicon_words_are_canonical(word: str) -> None:
    """Every word a rule looks for must survive normalisation, or the rule could never match."""
    assert normalize_word(word) == (word,)


def test_no_lexicon_word_holds_an_apostrophe() -> None:
    """A rule word is a known word, and a known word is kept as it is: a row with "isn't" made
    every "isn't" stay one token instead of "is not", so rows written with "not" never matched
    it. Write the expanded form."""
    assert [w for w in _pattern_words() if "'" in w or "\u2019" in w] == []


@pytest.mark.parametrize("informal", sorted(SLANG))
def test_slang_targets_are_stable(informal: str) -> None:
    for word in SLANG[informal]:
        assert normalize_word(word) == (word,)


@pytest.mark.parametrize(
    ("text", "word", "original"),
    [
        ("*** kms aku", "kill", "kms"),  # no word from "***", two from "kms": counts even out
        ("@@ gw bundir aja", "bunuh", "bundir"),
        ("dasar ** bajinganmu", "bajingan", "bajinganmu"),
    ],
)
def test_spans_follow_tokens_that_give_no_word_or_several(
    text: str, word: str, original: str
) -> None:
    doc = tokenize(text)
    i = doc.words.index(word)
    assert text[doc.starts[i] : doc.ends[i]] == original
    assert text[doc.starts[-1] : doc.ends[-1]] == text.split()[-1]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("aku mau k!ll myself", ["aku", "mau", "kill", "myself"]),
        ("think about su!c!de", ["think", "about", "suicide"]),
        ("bunuh d!r! aja", ["bunuh", "diri", "saja"]),  # the last "!" is the word's "i" too
        ("pengen m@t! aja", ["ingin", "mati", "saja"]),
        ("dasar b!tch", ["dasar", "bitch"]),
    ],
)
def test_bang_for_i_inside_a_word_is_joined(text: str, words: list[str]) -> None:
    doc = tokenize(text)
    assert doc.words == words
    (k,) = [k for k, raw in enumerate(doc.raw_tokens) if "!" in raw or "@" in raw]
    joined = doc.raw_tokens[k]
    assert "!" in joined
    assert text[doc.starts[k] : doc.ends[k]] == joined  # offsets into the original


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # A "!" typed without a space, between ordinary words: still two words, two sentences.
        ("keren!semoga sukses", ["keren", "semoga", "sukses"]),
        ("Halo!Apa kabar", ["halo", "apa", "kabar"]),
        ("mati! aja", ["mati", "saja"]),  # an exclamation after a plain word
        ("mat! aja", ["mat", "saja"]),  # not disguised: no "i" is read into it
        ("tahun 2019! mantap", ["tahun", "2019", "mantap"]),
    ],
)
def test_bang_between_ordinary_words_still_separates(text: str, words: list[str]) -> None:
    doc = tokenize(text)
    assert doc.words == words
    before = doc.token_at(text.index("!"))
    assert doc.sentence_id(before) != doc.sentence_id(before + 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bunuhdiri", ("bunuh", "diri")),  # also a slang entry: the same words
        ("gantungdiri", ("gantung", "diri")),
        ("pengenmati", ("ingin", "mati")),  # slang spelling as a piece
        ("pgnmati", ("ingin", "mati")),
        ("pengenm4ti", ("ingin", "mati")),  # after leetspeak
        ("pengenmatiii", ("ingin", "mati")),  # after repeated letters
        ("matiaja", ("mati", "saja")),
        ("pengenbgtmati", ("ingin", "banget", "mati")),  # a filler between
        ("killmyself", ("kill", "myself")),
        ("cutmyself", ("cut", "myself")),
        ("wanttodie", ("want", "to", "die")),
        ("wannadie", ("want", "to", "die")),  # "wanna" reads as two words
        ("pengenbunuhdiri", ("ingin", "bunuh", "diri")),  # one more piece before the phrase
    ],
)
def test_two_word_crisis_phrase_written_as_one_word_is_split(
    raw: str, expected: tuple[str, ...]
) -> None:
    assert normalize_word(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        # Real words that begin or end like a piece, or are two words of a longer phrase only.
        "matikan",
        "mematikan",
        "endless",
        "penyangga",  # "pen" (slang "ingin") + "ya" + "ngga": no two-word phrase
        "takada",
        "endgame",
        "wannabe",
        "killjoy",
        "diehard",
        "mautidur",
        "hiduplah",
        "overkill",
        "pengenmati" * 5,  # longer than four pieces: not looked into
    ],
)
def test_ordinary_words_are_not_split(raw: str) -> None:
    assert len(normalize_word(raw)) == 1


def test_split_compound_keeps_the_token_span_for_each_word() -> None:
    text = "capek bgt, pengenmati aja"
    doc = tokenize(text)
    assert doc.words == ["capek", "banget", "ingin", "mati", "saja"]
    k = doc.words.index("ingin")
    assert (doc.starts[k], doc.ends[k]) == (doc.starts[k + 1], doc.ends[k + 1])
    assert text[doc.starts[k] : doc.ends[k]] == "pengenmati"
