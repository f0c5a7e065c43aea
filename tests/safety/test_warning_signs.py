"""Warning signs in pairs (data/warning_signs.tsv): each alone is an everyday sentence; two
together, in a post with no crisis phrase, are a WARN crisis finding."""

import pytest

from suar.safety import Category, Engine, Severity, lexicon

engine = Engine()  # the rules alone


def signs(text: str) -> list[str]:
    return [f.rule for f in engine.analyze(text).of(Category.CRISIS)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("sorry for everything. i love you all. goodbye", "crisis.signs.farewell"),
        ("maaf kalo selama ini gw nyusahin. ini pesan terakhir", "crisis.signs.farewell"),
        ("maaf ya semua, makasih udh pernah baik sama gw. pamit", "crisis.signs.farewell"),
        ("sorry guys, gw cape jadi orang yg selalu nyusahin. bye", "crisis.signs.farewell"),
        ("kalian jangan sedih ya nanti. gw pamit", "crisis.signs.farewell"),
        ("goodbye forever, see you on the other side", "crisis.signs.farewell"),
        ("i gave away my guitar and my books. won't need them", "crisis.signs.giving"),
        ("gw kasih semua barang gw ke adek, biar dia aja yg make nanti", "crisis.signs.giving"),
        ("semua barang berharga udah gw bagi2. ga butuh lagi", "crisis.signs.giving"),
        ("making sure my cat has a new home before i go", "crisis.signs.giving"),
        ("gw ngetik ini dari atap gedung. cuma mau bilang makasih", "crisis.signs.place"),
        ("lagi di pinggir rel nih, nunggu kereta lewat", "crisis.signs.place"),
        ("been standing on the roof for a while. idk why i'm posting", "crisis.signs.place"),
        ("if nothing changes by friday, i'm done", "crisis.signs.nothing"),
        # being at a high place now is the pair, without a reason to be there
        ("lagi di atap gedung", "crisis.signs.place"),
        ("i'm standing on the bridge", "crisis.signs.place"),
        ("kalo sampe akhir bulan ga ada yg berubah, gw selesai", "crisis.signs.nothing"),
    ],
)
def test_two_signs_together_are_a_warn_crisis_finding(text: str, rule: str) -> None:
    found = engine.analyze(text).of(Category.CRISIS)
    assert [(f.rule, f.severity) for f in found] == [(rule, Severity.WARN)], text
    assert found[0].suggestion and "119" in found[0].suggestion


def test_the_finding_spans_both_signs_and_explains_in_both_languages() -> None:
    text = "i gave away my guitar and my books. won't need them"
    (finding,) = engine.analyze(text).of(Category.CRISIS)
    assert text[finding.start : finding.end] == "gave away my guitar and my books. won't need"
    assert "tanda peringatan" in finding.explanation_id
    assert "warning signs" in finding.explanation_en


@pytest.mark.parametrize(
    "text",
    [
        # one sign alone
        "pamit ya semua",
        "see you on the other side",
        "gave away my old bike to my nephew",
        "the bridge was closed for repairs",
        "nothing changes here, same old office",
        # an everyday reason cancels the pair
        "pamit ya semua, makasih udh nemenin selama ini, gw pindah ke bandung",
        "gw kasih semua barang gw ke adek, soalnya gw pindah ke luar negeri",
        "gave away my old clothes, won't need them since I lost weight",
        "lagi di atap gedung nonton kembang api",
        "sorry for everything I said yesterday, goodbye for now",
        "pamit dulu ya semua, makasih udh pernah baik",
        "goodbye forever, see you next week at the reunion",
        "kucing gw tolong diurus ya selama gw mudik, gw liburan seminggu",
        # a visit: a positive word beside the place
        "standing on the bridge right now, the river looks beautiful",
        "lagi di atap, pemandangannya bagus banget",
        # "I'm done with ..." is about the thing, not the writer
        "if nothing changes by friday, i'm done with this landlord",
        # someone else, advice, the past, a denial, a quote, a joke
        "if you notice someone giving away their things or saying goodbye, reach out",
        "she gave away her guitar, said she won't need it",
        "dulu gw pernah berdiri di pinggir jembatan, sekarang udah 2 taun pulih",
        'lirik lagunya "goodbye forever" bikin nangis',
        "sorry for everything lol, goodbye wkwk",
    ],
)
def test_one_sign_or_an_everyday_reading_is_no_finding(text: str) -> None:
    assert signs(text) == [], (text, signs(text))


def test_no_sign_finding_beside_a_crisis_phrase() -> None:
    # The crisis phrase says more; the pair adds nothing.
    rules = signs("sorry for everything. i love you all. i want to kill myself. goodbye")
    assert rules and not any(r.startswith("crisis.signs") for r in rules)


def test_a_sign_pair_far_apart_in_a_long_post_is_no_finding() -> None:
    text = (
        "gave away my old bike to my nephew. "
        "the weather was nice. we had lunch. then we watched a film. "
        "i won't need a car either, the new bus line opened"
    )
    assert signs(text) == []


def test_the_gate_skips_only_texts_without_a_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same findings when every text is scanned, on the probe posts of both sets.
    from pathlib import Path

    from suar.safety import warning_signs
    from suar.safety.normalize import tokenize

    probes = Path(__file__).parent / "probes"
    texts = [
        line
        for path in sorted(probes.glob("*.txt"))
        if not path.name.startswith("unread_")  # kept unread: probes/README.md
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]
    gated = [warning_signs.detect(tokenize(t), suggestion="") for t in texts]
    first = [p for p in lexicon.WARNING_SIGNS.phrases if p.kind in warning_signs._FIRST_KINDS]
    every = {w for t in texts for w in tokenize(t).words}
    monkeypatch.setattr(warning_signs, "GATE", frozenset(every))
    monkeypatch.setattr(warning_signs, "_BY_GATE", dict.fromkeys(every, first))
    monkeypatch.setattr(warning_signs, "_possible", lambda p, wordset: True)
    scanned = [warning_signs.detect(tokenize(t), suggestion="") for t in texts]
    assert gated == scanned
    assert sum(bool(f) for f in gated) >= 15  # the pairs are there to be skipped or found
