"""Stigma: labels are found with their exact span and a person-first replacement."""

import pytest

from suar.safety import Category, Engine

engine = Engine()


def stigma(text: str) -> list:
    return list(engine.analyze(text).of(Category.STIGMA))


@pytest.mark.parametrize(
    ("text", "term", "replacement"),
    [
        ("he is an addict", "addict", "person with a substance use disorder"),
        ("those junkies again", "junkies", "person with a substance use disorder"),
        ("my dad was an alcoholic", "alcoholic", "person with alcohol use disorder"),
        ("I am a former addict", "former addict", "person in recovery"),
        ("talk by a recovering addict", "recovering addict", "person in recovery"),
        ("his drug habit", "drug habit", "substance use disorder"),
        (
            "substance abuse is common",
            "substance abuse",
            "substance use (or misuse, for prescriptions)",
        ),
        ("don't call them lunatics", "lunatics", "person with a mental health condition"),
        ("Saya seorang pecandu", "pecandu", "orang dengan gangguan penggunaan zat"),
        ("dia pecandu narkoba", "pecandu narkoba", "orang dengan gangguan penggunaan zat"),
        ("aku mantan pecandu", "mantan pecandu", "orang dalam pemulihan"),
        ("bapaknya pemabuk", "pemabuk", "orang dengan gangguan penggunaan alkohol"),
        ("jangan sebut orang gila", "orang gila", "orang dengan gangguan jiwa (ODGJ)"),
        ("dia lagi sakau", "sakau", "gejala putus zat"),
        (
            "kasus penyalahgunaan narkoba",
            "penyalahgunaan",
            "penggunaan (istilah hukum; hindari di unggahan)",
        ),
        ("ada orgil di jalan", "orgil", "orang dengan gangguan jiwa (ODGJ)"),
        (
            "drug users should be jailed",
            "drug users",
            "person who uses drugs / people who use drugs",
        ),
    ],
)
def test_terms_and_replacements(text: str, term: str, replacement: str) -> None:
    found = stigma(text)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start : f.end] == term
    assert f.suggestion == replacement
    assert f.explanation_id and f.explanation_en


@pytest.mark.parametrize(
    "text",
    [
        "clean your room",
        "the dishes are dirty",
        "person with a substance use disorder",
        "orang dalam pemulihan",
        "orang dengan gangguan jiwa",
        "aku lagi bersih-bersih rumah",
        "gila sih bagus banget",
        "",
    ],
)
def test_person_first_or_ordinary_words_pass(text: str) -> None:
    assert stigma(text) == []


@pytest.mark.parametrize("text", ["I've been clean for 3 years", "sober and clean since 2020"])
def test_clean_in_recovery_talk_is_a_gentle_note(text: str) -> None:
    found = stigma(text)
    assert [f.suggestion for f in found] == [
        "in recovery / not using (testing negative, for a test)"
    ]


@pytest.mark.parametrize(
    ("text", "term", "replacement"),
    [
        ("bantuan untuk penyandang cacat", "penyandang cacat", "penyandang disabilitas"),
        ("orang cacat juga berhak kerja", "orang cacat", "penyandang disabilitas"),
        ("sekolah untuk anak autis", "anak autis", "anak dengan autisme"),
        ("parking for the handicapped", "the handicapped", "people with disabilities"),
    ],
)
def test_disability_wording(text: str, term: str, replacement: str) -> None:
    found = stigma(text)
    assert found, text
    assert text[found[0].start : found[0].end].lower() == term
    assert found[0].suggestion is not None and replacement in found[0].suggestion


# "psycho (about a person)" and slang for people who use drugs, from the safety guidelines'
# table; diagnoses used as everyday adjectives (Mindframe: no clinical terms out of context).
@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("he's such a psycho", "a psycho"),
        ("psycho ex texted me again", "psycho ex"),
        ("he's a crackhead", "crackhead"),
        ("I'm so OCD about my desk", "so OCD"),
        ("I'm a bit OCD with my notes", "bit OCD"),
        ("the weather is so bipolar today", "so bipolar"),
        ("my boss is totally bipolar", "totally bipolar"),
        ("dia skizo kali ya", "skizo"),
        ("orang bipolar juga butuh dukungan", "orang bipolar"),
    ],
)
def test_psycho_crackhead_and_diagnoses_as_adjectives(text: str, term: str) -> None:
    found = stigma(text)
    assert [text[f.start : f.end] for f in found] == [term], found
    assert found[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "my sister has OCD",
        "living with bipolar disorder",
        "I was diagnosed with OCD last year",
        "Psycho is a Hitchcock film",
        "orang dengan gangguan bipolar",
    ],
)
def test_the_diagnosis_itself_passes(text: str) -> None:
    assert stigma(text) == []


@pytest.mark.parametrize("text", ["she's totally psycho", "my ex was psycho"])
def test_psycho_as_a_predicate(text: str) -> None:
    assert any(f.rule == "stigma.en.psycho" for f in stigma(text)), text


def test_psycho_the_film_title_passes() -> None:
    assert not stigma("Psycho is a 1960 film by Hitchcock")


@pytest.mark.parametrize(
    "text",
    [
        "just get over it, depression isn't real",
        "depression is fake",
        "kurang iman makanya depresi",
    ],
)
def test_mental_illness_denied(text: str) -> None:
    assert stigma(text), text


def test_a_cause_that_is_not_faith_passes() -> None:
    assert not stigma("aku depresi karena kurang tidur")


@pytest.mark.parametrize("text", ["aku autis banget soal kerapian", "dia bipolar banget hari ini"])
def test_diagnoses_as_everyday_adjectives_in_indonesian(text: str) -> None:
    assert [f.severity.name for f in stigma(text)] == ["INFO"], text
