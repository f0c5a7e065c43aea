"""A preference said as hyperbole ("I'd rather kill myself than eat broccoli", "mending mati
aja daripada ikut ujian") is lowered to an unclear finding, never dropped; weighed against
living on ("rather die than keep living like this", "daripada jadi beban") it is a wish to
die, and a plan word outside the comparison keeps the finding as it was."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()  # rules only: these are the rules' decisions


def crisis(text: str) -> list[tuple[str, Severity]]:
    return [
        (f.rule, f.severity) for f in engine.analyze(text).findings if f.category == Category.CRISIS
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I would rather kill myself than eat broccoli",
        "I'd rather be dead than go to work tomorrow",  # the time is the work's, not a plan
        "mending mati aja daripada ikut ujian itu",
        "gw mending bunuh diri drpd ketemu dia lagi",  # "drpd": the chat spelling
        "lebih baik mati daripada pakai baju itu",
    ],
)
def test_a_preference_against_something_mundane_is_lowered_not_dropped(text: str) -> None:
    assert crisis(text) == [("crisis.unclear.preference", Severity.WARN)], text


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather die than keep living like this",
        "I'd rather die than go on like this",
        "I would rather be dead than feel this pain",
        "mending mati daripada hidup kayak gini",
        "lebih baik aku mati daripada jadi beban",
        "honestly I'd rather be dead",  # no comparison at all
        "I'd rather kill myself than...",  # nothing after the comparison
        "I want to die more than anything",  # "than" without a preference
    ],
)
def test_death_weighed_against_living_on_stays_high(text: str) -> None:
    found = crisis(text)
    assert found and max(s for _, s in found) >= Severity.HIGH, (text, found)
    assert "crisis.unclear.preference" not in {r for r, _ in found}, text


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather kill myself tonight than go to school",
        "I bought a rope. I'd rather kill myself than go to school",
    ],
)
def test_a_plan_word_outside_the_comparison_keeps_the_plan(text: str) -> None:
    assert ("crisis.plan", Severity.BLOCK) in crisis(text), text


def test_the_idiom_without_a_wish_word_stays_silent() -> None:
    # "rather die than go to that wedding" has no phrase row: an idiom of preference.
    assert crisis("I'd rather die than go to that wedding") == []
