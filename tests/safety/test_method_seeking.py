"""Method-seeking is a crisis sign in itself; methods told of someone else are triggering
detail, not the writer's crisis; kin words are third persons."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()


def rules(text: str, category: Category) -> set[str]:
    return {f.rule for f in engine.analyze(text).of(category)}


@pytest.mark.parametrize(
    "text",
    [
        "cara bunuh diri",
        "cara bunuh diri tanpa rasa sakit?",
        "cara mati yang tidak sakit",
        "berapa butir obat tidur biar mati",
        "painless way to die",
        "easiest way to kill myself",
        "how many pills does it take to die",
        "what is the lethal dose of tylenol",
    ],
)
def test_method_seeking_is_crisis(text: str) -> None:
    assert rules(text, Category.CRISIS), text


@pytest.mark.parametrize(
    "text",
    [
        "the lethal dose of caffeine is about 10 grams, so coffee is safe",
        "dia nanya cara bunuh diri, aku langsung telepon 119",
        "cara mencegah bunuh diri di sekolah",
        "he killed himself laughing at that joke",
        "my cousin took his own life",
        "my brother wants to kill himself, what do I do",
        "kakak aku pengen bunuh diri, aku harus gimana",
    ],
)
def test_not_the_writers_crisis(text: str) -> None:
    assert not rules(text, Category.CRISIS), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("she hanged herself with a belt in her room", "S1"),
        ("the man jumped off the bridge from the 12th floor", "S2"),
        ("luka sayatan aku dalem banget sampe kelihatan dagingnya", "triggering.graphic"),
        ("cut down to the bone last night", "triggering.graphic"),
    ],
)
def test_method_and_graphic_detail(text: str, rule: str) -> None:
    assert rule in rules(text, Category.TRIGGERING), text


def test_a_third_persons_suicide_asks_for_help_resources() -> None:
    assert "S10" in rules("he killed himself last year", Category.SAFE_MESSAGING)


def test_the_writer_quoted_by_someone_else_still_counts() -> None:
    assert rules("dia bilang aku pengen mati aja", Category.CRISIS)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("cant do this anymore. gonna end it tonight", "crisis.unclear.plan"),
        ("bought a rope today", "crisis.unclear.plan"),
        ("i attempted suicide last night", "crisis.act.recent"),
        # a two-word Indonesian time is a plan word like "tonight"
        ("udah nggak kuat lagi malam ini", "crisis.unclear.plan"),
    ],
)
def test_time_or_means_next_to_an_unclear_phrase_raises_it(text: str, rule: str) -> None:
    found = {f.rule: f.severity for f in engine.analyze(text).of(Category.CRISIS)}
    assert found.get(rule) == Severity.HIGH, found


def test_a_time_word_in_another_clause_does_not() -> None:
    found = {
        f.rule
        for f in engine.analyze("I can't do this anymore, the exam is tomorrow").of(Category.CRISIS)
    }
    assert found == {"crisis.unclear"}


def test_an_old_attempt_in_a_recovery_story_is_not_a_crisis() -> None:
    assert not rules(
        "i attempted suicide 10 years ago, now I volunteer at a hotline", Category.CRISIS
    )


def test_a_dropped_pronoun_before_a_first_person_phrase() -> None:
    assert rules("wrote my goodbye letters", Category.CRISIS)
    assert not rules("he wrote about killing himself", Category.CRISIS)


@pytest.mark.parametrize("text", ["aku pengen mati malam ini", "nanti malam aku capek hidup"])
def test_a_two_word_time_escalates_like_tonight(text: str) -> None:
    found = {f.rule: f.severity for f in engine.analyze(text).of(Category.CRISIS)}
    assert found == {"crisis.plan": Severity.BLOCK}, found
    english = {
        f.rule: f.severity for f in engine.analyze("I want to die tonight").of(Category.CRISIS)
    }
    assert english == found


@pytest.mark.parametrize("text", ["makan malam ini enak banget", "malam ini hp aku mau mati"])
def test_a_two_word_time_alone_is_nothing(text: str) -> None:
    assert not rules(text, Category.CRISIS), text
