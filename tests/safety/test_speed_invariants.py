"""The speed-ups in the safety engine give exactly what the plain versions gave."""

from __future__ import annotations

import random
from bisect import bisect_right

from suar.safety import lexicon, scope
from suar.safety import model as model_mod
from suar.safety.normalize import _MARK_RE, _SENTENCE_END, _TOKEN_RE, Doc, tokenize

_ALPHABET = [*"ab c\u00e9'\u2019\u2018\".,!?;:()[]\u201c\u201d«»「」\n…_1*@$-", "ß", "ж", "٣", "ー"]


def _random_texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    texts = [
        "don't 'quote' I'm 'aku mau mati' \u2019a\u2019 \u2018b\u2019 x'",
        "'",
        "a'",
        "'a",
        "ж'ж ٣'٣ _'_ \u00e9\u2019\u00e9",
        'dia bilang "aku capek" lalu pergi. ok; (ya) [tidak]: …',
    ]
    for _ in range(n):
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40))))
    return texts


def _reference_structure(
    text: str, inner: frozenset[int] = frozenset()
) -> tuple[list[int], list[int], list[int], list[int]]:
    """The marks as the pattern finds them, less those inside a joined token ("k!ll")."""
    sentences: list[int] = []
    clauses: list[int] = []
    quotes: list[int] = []
    newlines: list[int] = []
    for m in _MARK_RE.finditer(text):
        ch, pos = m.group(), m.start()
        if pos in inner:
            continue
        if ch in _SENTENCE_END:
            sentences.append(pos)
            clauses.append(pos)
            if ch == "\n":
                newlines.append(pos)
        elif ch in ",:()[]":
            clauses.append(pos)
        else:
            quotes.append(pos)
            clauses.append(pos)
    return sentences, clauses, quotes, newlines


def _structures(text: str) -> tuple[object, object]:
    doc = tokenize(text)
    # The marks a joined token ("k!ll") holds: "!" inside one of the doc's tokens.
    inner = frozenset(
        pos
        for k in range(len(doc))
        for pos in range(doc.starts[k], doc.ends[k])
        if text[pos] == "!"
    )
    return doc._structure(), _reference_structure(text, inner)


def test_marks_match_the_reference_pattern() -> None:
    for text in _random_texts(5000):
        got, want = _structures(text)
        assert got == want, text


def test_marks_inside_joined_words_are_dropped() -> None:
    for text in ("aku mau k!ll myself. ok", "bunuh d!r! aja, ya", "b!tch!! pergi"):
        got, want = _structures(text)
        assert got == want, text
    doc = tokenize("aku mau k!ll myself. ok")
    assert doc.words[:4] == ["aku", "mau", "kill", "myself"]
    assert doc.sentence_id(2) == doc.sentence_id(3)  # the "!" in "k!ll" ends no sentence


def test_ascii_marks_match_the_reference_pattern() -> None:
    """ASCII texts take a path of their own (Doc._find_ascii_marks)."""
    rng = random.Random(5)
    ascii_chars = [c for c in _ALPHABET if c.isascii()] + ["a'a'a", "''", "x'\n'"]
    for _ in range(5000):
        text = "".join(rng.choice(ascii_chars) for _ in range(rng.randint(0, 40)))
        got, want = _structures(text)
        assert got == want, text


def test_token_offsets_match_the_pattern() -> None:
    for text in _random_texts(5000, seed=4):
        doc = tokenize(text)
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        if doc.raw_tokens == [m.group() for m in _TOKEN_RE.finditer(text)]:
            # no spaced-out word was joined: every word carries its own token's exact span
            got = list(dict.fromkeys(zip(doc.starts, doc.ends, strict=True)))
            assert set(got) <= set(spans), text
            assert got == sorted(got), text


def _reference_join(words: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for word in words:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.extend(model_mod._close_run(run))
            run = []
        out.append(word)
    if run:
        out.extend(model_mod._close_run(run))
    return out


def test_single_letter_join_matches_the_plain_loop() -> None:
    rng = random.Random(5)
    pool = ["a", "b", "x", "4", "_", "aku", "mati", "i", "u", "y", "g", "kamu", "é"]
    for _ in range(20000):
        words = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        assert model_mod._join_single_letters(list(words)) == _reference_join(words), words


def test_any_in_matches_the_plain_loop() -> None:
    doc = tokenize("aku nggak mau mati, kamu dan dia pengen makan. besok lagi ya")
    words = doc.words
    for group in (scope.FIRST, scope.SECOND, scope.NEGATION, frozenset({"mati"})):
        for a in range(-3, len(words) + 3):
            for b in range(-3, len(words) + 3):
                plain = any(words[k] in group for k in range(max(a, 0), min(b, len(words))))
                assert scope.any_in(doc, a, b, group) == plain


_PHRASE_SETS = (
    lexicon.CRISIS,
    lexicon.THREATS,
    lexicon.STIGMA,
    lexicon.SAFE_MESSAGING,
    lexicon.TRIGGERING,
    lexicon.SPAM,
    lexicon.EVERYDAY,
    lexicon.WARNING_SIGNS,
)


def _reference_find(ps: lexicon.PhraseSet, doc: Doc) -> list[lexicon.Match]:
    """PhraseSet.find as it was before the slot pre-check: every phrase of a first word."""
    words, n, found = doc.words, len(doc.words), []
    for w in doc.wordset & ps.first_words:
        for i in (k for k, x in enumerate(words) if x == w):
            for p in ps.by_first[w]:
                k, ok = i + 1, True
                for slot in p.slots[1:]:
                    skipped = 0
                    while k < n and slot and words[k] not in slot and words[k] in ps.fillers:
                        if skipped == lexicon.FILLER_SKIP:
                            break
                        k += 1
                        skipped += 1
                    if k < n and (not slot or words[k] in slot):
                        k += 1
                    else:
                        ok = False
                        break
                if ok and (k - i == 1 or doc.clause_id(i) == doc.clause_id(k - 1)):
                    found.append(lexicon.Match(p, i, k))
    found.sort(key=lambda m: (m.i, -m.j))
    kept: list[lexicon.Match] = []
    reach = -1
    for m in found:
        if m.j > reach:
            kept.append(m)
            reach = max(reach, m.j)
    return kept


def _lexicon_texts() -> list[str]:
    """Every phrase of every lexicon, with each word of each slot, plus mixtures of them."""
    texts = []
    for ps in _PHRASE_SETS:
        for p in ps.phrases:
            width = max(len(slot) for slot in p.slots)
            for v in range(width):
                words = [sorted(slot)[v % len(slot)] if slot else "zz" for slot in p.slots]
                texts.append(" ".join(words))
                texts.append("aku " + " banget ".join(words) + ". lalu " + " ".join(words[1:]))
                texts.append(", ".join(words))
    rng = random.Random(6)
    vocab = sorted({w for ps in _PHRASE_SETS for w in ps.words()} | lexicon.CUES["filler"])
    for _ in range(3000):
        parts = [rng.choice([*vocab, ",", ".", "zz"]) for _ in range(rng.randint(1, 14))]
        texts.append(" ".join(parts))
    return texts


def test_slot_precheck_never_skips_a_match() -> None:
    texts = _lexicon_texts()
    assert len(texts) > 3000
    matched = 0
    for text in texts:
        doc = tokenize(text)
        for ps in _PHRASE_SETS:
            expected = _reference_find(ps, doc)
            assert ps.find(doc) == expected, (text, ps)
            matched += bool(expected)
    assert matched > 1000  # the texts do exercise the phrases


def test_bisect_helpers_unchanged() -> None:
    doc = tokenize("satu, dua. tiga 'empat' lima")
    marks = _reference_structure(doc.text)
    for i in range(len(doc)):
        assert doc.clause_id(i) == bisect_right(marks[1], doc.starts[i])
        assert doc.sentence_id(i) == bisect_right(marks[0], doc.starts[i])


def test_clean_tokens_shortcut_matches_the_full_join() -> None:
    rng = random.Random(8)
    pool = ["a", "b", "g", "2", "aku", "mati", "i", "x" * 300, "kamu", "é", "_"]
    for _ in range(20000):
        raw = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        words = [model_mod._clean_token(t) for t in raw]
        words = [w for w in words if w]
        assert model_mod.clean_tokens(raw) == model_mod._join_single_letters(words), raw


def test_lexicons_matched_together_find_what_each_finds_alone() -> None:
    """The engine's lexicons share one scan per text (cached on the Doc); a copy of each,
    matched alone, finds the same, whichever lexicon a text is asked about first."""
    alone = [lexicon.PhraseSet(ps.phrases, fillers=ps.fillers) for ps in _PHRASE_SETS]
    texts = _lexicon_texts()
    for n, text in enumerate(texts):
        doc = tokenize(text)
        order = list(zip(_PHRASE_SETS, alone, strict=True))
        for ps, copy in order[n % len(order) :] + order[: n % len(order)]:
            assert ps.find(doc) == copy.find(tokenize(text)), (text, ps)
