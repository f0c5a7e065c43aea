"""Each shortcut taken for speed gives exactly what the plain computation gives.

The engine reads ASCII text through byte translations, skips regular expressions a cheaper test
proves useless, and sums the trained layer's weights from per-token caches. These tests check
every such shortcut against the plain version on random and hand-picked texts.
"""

from __future__ import annotations

import itertools
import random
import re
import zlib
from bisect import bisect_right
from typing import Any

import pytest

from suar.safety import Engine, personal_data, readability, safe_messaging, spam, triggering
from suar.safety.model import FeatureConfig, TextModel, bigram_feature, train, word_features
from suar.safety.modelwords import clean_tokens
from suar.safety.normalize import _TOKEN_RE, split_tokens, tokenize

_ASCII = [*"abcXYZ019_*@$' .,!?;:()[]\"\n\t-/", "www.", "://", ".com", ".id", "aaaaaaaaaa"]
_WIDE = ["é", "ж", "٣", "\u2019", "\u2018", "“", "”", "…", "😭", "\uff47"]
_WIDE += ["\u0130", "\u212a", "\u017f", "\ud800"]  # İ, Kelvin K, long s, a lone surrogate


def _texts(n: int, seed: int, *, wide: bool = True) -> list[str]:
    rng = random.Random(seed)
    pool = _ASCII + (_WIDE if wide else [])
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(n)]


HAND = [
    "",
    "don't 'quote' I'm 'aku mau mati' x' 'a a''b",
    "a'*b *'a $'$ @'x",
    "hubungi 0812-3456-7890 atau email budi@gmail.com",
    "NIK 3174015505900003, rek BCA 1234567890, B 1234 XYZ",
    "Jl. Merdeka No. 10 RT 03/RW 05 lahir 12-05-1990",
    "slot gacor https://a.com www.b.id c.xyz d.co e.ly",
    "WWW.A.COM WWW.B.COM WWW.C.COM",
    "HTTP\u017f://a.com",
    "!!!!!!!!!! ?????????? aaaaaaaaaa 😭😭😭😭😭😭😭😭😭😭",
    "          spaces",
    "Seorang pria (25) ditemukan, berusia 30 tahun, a 17-year-old",
    "Healing119.id / 119 ext 8, PSIKOLOG, Into The Light, help is available",
]


def test_split_tokens_is_the_token_pattern() -> None:
    for text in HAND + _texts(6000, 1) + _texts(6000, 2, wide=False):
        assert split_tokens(text) == _TOKEN_RE.findall(text), text


def test_sentence_ends_count_the_pattern_runs() -> None:
    for text in HAND + _texts(10000, 3):
        text = text.rstrip()
        assert readability._sentence_ends(text) == len(
            readability._SENTENCE_END_RE.findall(text)
        ), text


def test_run_check_is_the_pattern() -> None:
    rng = random.Random(4)
    texts = HAND + _texts(10000, 5)
    for _ in range(5000):
        texts.append(rng.choice("ab😭! \n\ud800") * rng.randint(8, 12) + rng.choice(["", "x", " "]))
    for text in texts:
        assert spam._has_run(text) == (spam._RUN_RE.search(text) is not None), text


def test_token_run_flags_never_miss_a_run() -> None:
    pool = [*"ab!'*@$_0 \n\t.", "aaaaa", "!!!!!", "'" * 5, "*****", "b a n g s a t"]
    rng = random.Random(21)
    texts = HAND + [
        "".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(6000)
    ]
    for text in texts:
        if spam._RUN_RE.search(text) is not None:
            assert spam._may_have_run(tokenize(text)), text


def test_link_marks_exceed_the_limit_whenever_the_links_do() -> None:
    for text in HAND + _texts(6000, 6):
        if len(spam._LINK_RE.findall(text)) > spam.MAX_LINKS:
            assert spam._link_marks(text) > spam.MAX_LINKS, text


def test_resource_check_is_the_pattern() -> None:
    rng = random.Random(7)
    words = [*safe_messaging._RESOURCE_WORDS, "HOTLINE", "Psikolog", "x", " ", "1", "9"]
    texts = HAND + _texts(5000, 8)
    for _ in range(5000):
        texts.append(" ".join(rng.choice(words + _WIDE) for _ in range(rng.randint(0, 6))))
    for text in texts:
        expected = safe_messaging._RESOURCE_RE.search(text) is not None
        assert safe_messaging._has_resource(text) == expected, text


def test_plate_pattern_is_the_word_boundary_pattern() -> None:
    plain = re.compile(r"\b[A-Z]{1,2}\s\d{1,4}\s[A-Z]{1,3}\b")
    rng = random.Random(9)
    pool = list("ABXb1 2\n_é٣Ж.")
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 16)))
        got = [m.span() for m in personal_data._PLATE_RE.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)], text


def _fuzz(pool: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return HAND + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _found(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[object, ...]]:
    return [(m.span(), m.group(), m.groups()) for m in pattern.finditer(text, pos)]


def test_number_pattern_is_the_look_behind_pattern() -> None:
    plain = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().-]{5,26}\d(?!\w)")
    pool = [*"0123456789+() \t.-a_\n", "٣", "é", "+62", "0812", "(021)"]
    for text in _fuzz(pool, 30000, 12):
        assert _found(personal_data._NUMBER_RE, text) == _found(plain, text), text


def test_dose_pattern_is_the_look_behind_pattern() -> None:
    plain = re.compile(
        r"(?<![\w.])\d{1,4}(?:[.,]\d{1,3})?\s{0,2}(?:butir|tablets?|tabs?|pil|pills?|kapsul"
        r"|capsules?|mg|mcg|ml|gram|gr|g|strip|strips|biji|botol|bottles?)\b",
        re.IGNORECASE,
    )
    pool = [*"0123456789., \t\nab_", "butir", "mg", "G", "ml", "TABS", "pill", "٣", "é", "\u017f"]
    for text in _fuzz(pool, 30000, 13):
        assert _found(triggering._DOSE_RE, text) == _found(plain, text), text


def test_dose_check_never_skips_a_dose() -> None:
    pool = [*"0123456789., \t\n\x0bab_x-", "butir", "mg", "G", "ml", "TABS", "pill", "Strips"]
    pool += ["kapsul", "CAPSULE", "biji", "botol", "bottle", "gram", "gr", "mcg", "٣", "\u017f"]
    for text in _fuzz(pool, 30000, 18):
        if triggering._DOSE_RE.search(text):
            assert triggering._may_hold_dose(text), text


def test_address_hint_pattern_is_the_word_boundary_pattern() -> None:
    plain = re.compile(r"\b(?:jl|jln|jalan|gg|gang|rt|blok|block)\b")
    pool = [*"jlnagrtbock. _\n1é", "jl", "gang", "rt", "blok", "block", "jalan", "ж"]
    for text in _fuzz(pool, 30000, 14):
        assert _found(personal_data._ADDRESS_HINT_RE, text) == _found(plain, text), text


def test_address_hint_check_is_the_hint_pattern() -> None:
    pool = [*"jlnagrtbock. _\n1é-", "jl", "gang", "rt", "blok", "block", "jalan", "ж", "JL", "Rt"]
    for text in _fuzz(pool, 30000, 19):
        low = text.lower()
        assert personal_data._has_address_hint(low) == bool(
            personal_data._ADDRESS_HINT_RE.search(low)
        ), text


def test_plate_check_never_skips_a_plate() -> None:
    for text in _fuzz(list("ABXb1 2\n\t_é٣Ж.\x0b"), 30000, 20):
        if personal_data._PLATE_RE.search(text):
            assert personal_data._may_hold_plate(text), text


def test_email_scan_from_the_first_at_sign_finds_every_address() -> None:
    pool = [*"ab.+-_@ 1é\n", "gmail", ".com", "x@y.z", "٣", "ж", "a" * 30]
    for text in _fuzz(pool, 30000, 15):
        if "@" in text:
            start = max(0, text.find("@") - 64)
            expected = _found(personal_data._EMAIL_RE, text)
            assert _found(personal_data._EMAIL_RE, text, start) == expected, text


def test_email_scan_from_each_at_sign_finds_every_address() -> None:
    pool = [*"ab.+-_@ 1é\n", "gmail", ".com", "x@y.z", "٣", "ж", "a" * 30, "a" * 70]
    for text in _fuzz(pool, 30000, 17):
        found = [(m.span(), m.group()) for m in personal_data._emails(text)]
        assert found == [(m.span(), m.group()) for m in personal_data._EMAIL_RE.finditer(text)]


def test_age_check_never_skips_an_age() -> None:
    pool = [*"0123456789() -\n", "th", "Tahun", "USIA", "berusia", "umur", "aged", "YEAR", "old"]
    for text in _fuzz([*pool, "u\u017fia", "é"], 30000, 16):
        if safe_messaging._AGE_RE.search(text):
            assert safe_messaging._may_hold_age(text), text


def test_personal_data_is_the_same_without_the_digit_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(10)
    parts = ["0812", "3456", "7890", "-", " ", "+62", "(021)", "NIK", "rek", "BCA", "1", "99"]
    texts = HAND + [
        "".join(rng.choice(parts) for _ in range(rng.randint(1, 8))) for _ in range(3000)
    ]
    fast = [personal_data.detect(t, lang="id") for t in texts]
    monkeypatch.setattr(personal_data, "_MIN_DIGITS", 0)
    monkeypatch.setattr(personal_data, "_ADDRESS_HINTS", ("",))
    assert [personal_data.detect(t, lang="id") for t in texts] == fast


def test_token_flags_agree_with_the_text() -> None:
    for text in HAND + _texts(5000, 11):
        doc = tokenize(text)
        assert doc.has_digit == (re.search(r"\d", text) is not None), text


def test_clause_and_sentence_ids_are_bisections_of_the_marks() -> None:
    for text in HAND + _texts(5000, 12):
        doc = tokenize(text)
        if not doc.words:
            continue
        sentences, clauses, _, _ = doc._structure()
        assert doc.clause_ids() == [bisect_right(clauses, s) for s in doc.starts], text
        assert [doc.sentence_id(i) for i in range(len(doc))] == [
            bisect_right(sentences, s) for s in doc.starts
        ], text


def _plain_word_features(word: str, config: FeatureConfig) -> list[int]:
    mask = config.n_buckets - 1
    out = [zlib.crc32(("w:" + word).encode()) & mask]
    padded = f" {word} "
    for size in range(config.char_min, config.char_max + 1):
        for i in range(len(padded) - size + 1):
            out.append(zlib.crc32(("c:" + padded[i : i + size]).encode()) & mask)
    return out


def test_feature_hashing_is_the_plain_string_hashing() -> None:
    rng = random.Random(13)
    configs = [FeatureConfig(), FeatureConfig(n_buckets=1 << 10, char_min=1, char_max=3)]
    for _ in range(5000):
        word = "".join(rng.choice("abcé漢жx1'*") for _ in range(rng.randint(1, 12)))
        other = "".join(rng.choice("abé") for _ in range(3))
        for config in configs:
            assert word_features(word, config) == _plain_word_features(word, config), word
            plain = zlib.crc32(f"b:{word} {other}".encode()) & (config.n_buckets - 1)
            assert bigram_feature(word, other, config) == plain


ROWS = [
    (f"{a} {b} {c}", label)
    for label, firsts in (
        ("harassment", ["dasar", "kamu", "lo"]),
        ("crisis", ["aku", "gw", "i"]),
        ("ok", ["kita", "semua", "we"]),
    )
    for a in firsts
    for b in (
        ["goblok", "tolol", "bego", "idiot"]
        if label == "harassment"
        else ["pengen", "mau", "want"]
        if label == "crisis"
        else ["makan", "jalan", "belajar", "senang"]
    )
    for c in (["mati", "bunuh diri", "die"] if label == "crisis" else ["banget", "sih", "ya"])
]


@pytest.fixture(scope="module", params=["words", "bigrams", "rules"])
def small_model(request: pytest.FixtureRequest) -> TextModel:
    config = FeatureConfig(
        word_bigrams=request.param == "bigrams",
        char_max=5,
        rule_features=request.param == "rules",
    )
    return train(ROWS, config=config, c=4.0, threshold_folds=0)


def _plain_decision(model: TextModel, words: list[str]) -> tuple[float, ...]:
    """The model's scores computed feature by feature, without any cache."""
    config = model.config
    buckets = [b for w in words for b in _plain_word_features(w, config)]
    if config.word_bigrams:
        buckets += [
            zlib.crc32(f"b:{a} {b}".encode()) & (config.n_buckets - 1)
            for a, b in itertools.pairwise(words)
        ]
    scale = config.scale(len(buckets))
    return tuple(
        b + sum(w[k] for k in buckets) * scale
        for b, w in zip(model.intercepts, model.weights, strict=True)
    )


def test_cached_model_scores_are_the_plain_sums(small_model: TextModel) -> None:
    texts = HAND + [t for t, _ in ROWS] + _texts(2000, 14) + ["b a n g s a t lu", "g g g", "*** a"]
    for text in texts:
        doc = tokenize(text, infos=small_model.token_infos)
        words = clean_tokens(doc.raw_tokens)
        expected = small_model.decision_words(words)
        assert small_model.decision_doc(doc) == expected, text
        assert small_model.predict_proba_doc(doc) == small_model.predict_proba_tokens(
            doc.raw_tokens
        )
        if words:
            plain = _plain_decision(small_model, words)
            assert expected == pytest.approx(plain, rel=1e-9, abs=1e-12), text


def test_engine_reports_match_with_and_without_the_token_cache(small_model: TextModel) -> None:
    class Plain:
        """The same model seen through the slow path only (no token cache, no doc method)."""

        thresholds = small_model.thresholds
        uses_rule_findings = small_model.uses_rule_findings

        def predict_proba(self, text: str) -> dict[str, float]:
            # A model with rule features and no doc method runs the rules itself.
            assert self.uses_rule_findings, "the engine should pass its tokens"
            return small_model.predict_proba(text)

        def predict_proba_tokens(self, raw_tokens: list[str]) -> dict[str, float]:
            return small_model.predict_proba_tokens(raw_tokens)

    fast, slow = Engine(small_model), Engine(Plain())
    for text in HAND + [t for t, _ in ROWS] + _texts(1000, 15):
        assert fast.analyze(text).to_dict() == slow.analyze(text).to_dict(), text


def _parameters(function: object) -> list[tuple[str, object, object]]:
    import inspect

    params = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in params]


def test_findings_and_readability_build_as_the_dataclass_would() -> None:
    import copy
    import dataclasses

    from suar.safety.report import _DATACLASS_INITS, Category, Finding, Readability, Severity

    finding_args = (Category.CRISIS, Severity.HIGH, 3, 9, "crisis.passive", "a", "b")
    readability_args = (61.5, 12, 2, 1.5, 6.0, "mudah", "easy")
    for cls, args, defaults in (
        (Finding, finding_args, [(), ("x",), ("x", 0.25)]),
        (Readability, readability_args, [()]),
    ):
        assert _parameters(cls.__init__) == _parameters(_DATACLASS_INITS[cls])
        for extra in defaults:
            fast = cls(*args, *extra)
            plain = object.__new__(cls)
            _DATACLASS_INITS[cls](plain, *args, *extra)
            assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
            assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
            assert copy.deepcopy(fast) == fast
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(fast, dataclasses.fields(cls)[0].name, None)
    names = [f.name for f in dataclasses.fields(Finding)]
    keywords: dict[str, Any] = dict(zip(names, finding_args, strict=False))
    assert Finding(**keywords, score=0.5) == Finding(*finding_args, None, 0.5)


def test_matches_build_as_the_dataclass_would() -> None:
    import dataclasses

    from suar.safety import lexicon

    phrase = lexicon.CRISIS.phrases[0]
    assert _parameters(lexicon.Match.__init__) == _parameters(lexicon._DATACLASS_MATCH_INIT)
    fast = lexicon.Match(phrase, 2, 5)
    plain = object.__new__(lexicon.Match)
    lexicon._DATACLASS_MATCH_INIT(plain, phrase, 2, 5)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert lexicon.Match(phrase=phrase, i=2, j=5) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.i = 0  # type: ignore[misc]


def test_findings_are_in_the_documented_order() -> None:
    import suar.safety as engine
    from suar.safety.report import Category, Finding, Severity

    rng = random.Random(17)
    for _ in range(3000):
        findings = [
            Finding(
                Category.SPAM,
                rng.choice(list(Severity)),
                rng.randint(0, 3),
                rng.randint(3, 5),
                rng.choice(["a", "b"]),
                str(k),  # tells apart findings whose keys are all equal
                "",
            )
            for k in range(rng.randint(0, 8))
        ]
        expected = sorted(findings, key=engine._order)
        findings.sort(key=engine._BY_POSITION)
        findings.sort(key=engine._BY_SEVERITY, reverse=True)
        assert findings == expected


def test_ascii_texts_take_the_byte_path_for_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two paths give the same marks (test_speed_invariants), so only a count can tell
    that ASCII texts still take the cheaper one."""
    from suar.safety.normalize import Doc

    calls: list[str] = []
    original = Doc._find_ascii_marks

    def counted(self: Doc) -> tuple[list[int], list[int], list[int], list[int]]:
        calls.append(self.text)
        return original(self)

    monkeypatch.setattr(Doc, "_find_ascii_marks", counted)
    tokenize("aku capek, mau tidur. besok lagi")._structure()
    tokenize("aku capek… mau tidur")._structure()  # not ASCII: the pattern's path
    assert calls == ["aku capek, mau tidur. besok lagi"]
