"""Triggering detail: methods, means, places, graphic self-harm, drug dosing and glorifying."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()


def triggering(text: str) -> list[tuple[str, str]]:
    return sorted(
        (f.rule, text[f.start : f.end]) for f in engine.analyze(text).of(Category.TRIGGERING)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pria itu bunuh diri dengan minum 20 butir obat", ("S1", "20 butir")),
        ("he died by suicide after taking 30 tablets", ("S1", "30 tablets")),
        ("seorang pria bunuh diri dari jembatan", ("S2", "jembatan")),
        ("He died by suicide at the bridge", ("S2", "bridge")),
        ("Remaja bunuh diri pakai tali", ("S1", "tali")),
        ("aku pengen bunuh diri pakai silet", ("S1", "silet")),
        ("I want to kill myself with a knife", ("S1", "knife")),
    ],
)
def test_method_and_location_in_suicide_context(text: str, expected: tuple[str, str]) -> None:
    assert expected in triggering(text)


@pytest.mark.parametrize(
    "text",
    [
        "jembatan Suramadu indah banget",
        "beli tali sepatu baru",
        "pisau dapur tumpul",
        "minum 2 tablet paracetamol sesuai resep dokter",
        "gedung kantor baru",
        "",
    ],
)
def test_everyday_words_alone_are_fine(text: str) -> None:
    assert triggering(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "darahnya darah mengucur",
        "blood everywhere on the floor",
        "sayatan dalam di tangan",
        "deep cuts",
    ],
)
def test_graphic_detail(text: str) -> None:
    assert any(rule == "triggering.graphic" for rule, _ in triggering(text))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("nyabu enak banget, mantap", "triggering.drug_glorification"),
        ("ganja itu asik parah", "triggering.drug_glorification"),
        ("xanax is the best, love it", "triggering.drug_glorification"),
        ("pake tramadol 3 strip biar fly", "triggering.dosing"),
        ("take 2mg xanax with 500mg", "triggering.dosing"),
    ],
)
def test_drug_glorification_or_dosing(text: str, rule: str) -> None:
    assert any(r == rule for r, _ in triggering(text))


@pytest.mark.parametrize(
    "text",
    [
        "dulu aku pake sabu, sekarang udah pulih dan bersyukur",
        "ganja merusak hidupku",
        "heroin addiction treatment works",
    ],
)
def test_recovery_talk_about_drugs_is_fine(text: str) -> None:
    assert triggering(text) == []


def test_means_with_intent_is_high() -> None:
    findings = engine.analyze("aku pengen bunuh diri pakai tali").of(Category.TRIGGERING)
    assert findings and findings[0].severity == Severity.HIGH
