"""The phrase files: no word sequence is written on two lines (the first one read would
shadow the other's kind, severity or replacement without anyone noticing)."""

import itertools

import pytest

from suar.safety import Category, Engine, lexicon

# How each file says which language a line is for: a sequence may have one line per language.
LANGUAGE = {
    "stigma.tsv": lambda p: p.kind,
    "safe_messaging.tsv": lambda p: p.extra[1],
}
SETS = {
    "crisis.tsv": lexicon.CRISIS,
    "threats.tsv": lexicon.THREATS,
    "stigma.tsv": lexicon.STIGMA,
    "safe_messaging.tsv": lexicon.SAFE_MESSAGING,
    "triggering.tsv": lexicon.TRIGGERING,
    "spam.tsv": lexicon.SPAM,
    "everyday.tsv": lexicon.EVERYDAY,
    "warning_signs.tsv": lexicon.WARNING_SIGNS,
}


def _sequences(phrase: lexicon.Phrase) -> set[tuple[str, ...]]:
    slots = [sorted(slot) if slot else ["_"] for slot in phrase.slots]
    return set(itertools.product(*slots))


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_word_sequence_on_two_lines(name: str) -> None:
    lang_of = LANGUAGE.get(name, lambda p: "")
    seen: dict[tuple[tuple[str, ...], str], str] = {}
    clashes = []
    for phrase in SETS[name].phrases:
        for seq in _sequences(phrase):
            key = (seq, lang_of(phrase))
            if key in seen and seen[key] != phrase.pattern:
                clashes.append((" ".join(seq), seen[key], phrase.pattern))
            seen.setdefault(key, phrase.pattern)
    assert not clashes, clashes[:10]


@pytest.mark.parametrize(
    ("text", "lang", "advice"),
    [
        ("dia junkie", "id", "orang dengan gangguan penggunaan zat"),
        ("he is a junkie", "en", "person with a substance use disorder"),
    ],
)
def test_stigma_advice_in_the_texts_language(text: str, lang: str, advice: str) -> None:
    found = list(Engine().analyze(text, lang=lang).of(Category.STIGMA))
    assert found and found[0].suggestion == advice


@pytest.mark.parametrize(
    ("text", "lang", "advice"),
    [
        (
            "Polisi menemukan korban bunuh diri, ini video lengkapnya",
            "id",
            "jangan bagikan foto, video atau tautan lokasi kejadian",
        ),
        (
            "Police found the suicide victim, watch the video here",
            "en",
            "do not share photos, video or links of the scene",
        ),
    ],
)
def test_safe_messaging_advice_in_the_texts_language(text: str, lang: str, advice: str) -> None:
    found = [f for f in Engine().analyze(text, lang=lang).of(Category.SAFE_MESSAGING)]
    assert advice in {f.suggestion for f in found}, [(f.rule, f.suggestion) for f in found]


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_two_word_alternative_split_across_slots(name: str) -> None:
    """A space separates slots, so "do this|take this" is read as slots "do", "this|take",
    "this|go": neighbouring slots that share a word are that mistake (write a line each)."""
    suspicious = [
        phrase.pattern
        for phrase in SETS[name].phrases
        for left, right in itertools.pairwise(phrase.slots)
        if (len(left) > 1 or len(right) > 1) and left & right
    ]
    assert not suspicious, suspicious


# Two-word units whose halves go with nothing else: beside other alternatives, a half in one
# slot and the other half in the next is the same mistake ("nobody|no one would miss me" reads
# "nobody one would..."; "self harm|cutting" reads "self cutting"): it bit three times.
_UNITS = {
    ("no", "one"),
    ("some", "one"),
    ("any", "one"),
    ("every", "one"),
    ("self", "harm"),
    ("terima", "kasih"),
    ("selamat", "tinggal"),
    ("bunuh", "diri"),
    ("gantung", "diri"),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_two_word_unit_split_beside_other_alternatives(name: str) -> None:
    suspicious = [
        phrase.pattern
        for phrase in SETS[name].phrases
        for left, right in itertools.pairwise(phrase.slots)
        if (len(left) > 1 or len(right) > 1) and any(a in left and b in right for a, b in _UNITS)
    ]
    assert not suspicious, suspicious


def test_the_split_check_sees_the_mistake() -> None:
    pattern = "how much longer i can do this|take this"  # as lexicon.PhraseSet reads a line
    slots = [frozenset(slot.split("|")) for slot in pattern.split(" ")]
    assert any(a & b for a, b in itertools.pairwise(slots) if len(a) > 1 or len(b) > 1)


def test_a_number_range_in_a_slot_stands_for_each_whole_number() -> None:
    assert lexicon._slot_words("10..12|dozens") == ["10", "11", "12", "dozens"]
    assert lexicon._slot_words("a..b|1..x") == ["a..b", "1..x"]  # only digits make a range
    counts = {w for p in lexicon.CRISIS.phrases for slot in p.slots for w in slot if w.isdigit()}
    assert {"10", "45", "200"} <= counts and "9" not in counts and "201" not in counts
    # Counts are words of the text, never disguised words to recover ("1 0 0", "1*0").
    assert not any(w.isdigit() for w in lexicon.SPACED_TARGETS)
    assert not any(w.isdigit() for ws in lexicon.MASKABLE_BY_LENGTH.values() for w in ws)
