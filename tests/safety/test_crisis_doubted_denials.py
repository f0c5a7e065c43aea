"""A denial the writer doubts is no denial, and a doubted intent is ideation, not a plan.

Safety planning asks "can you keep yourself safe?"; "I can't promise I won't hurt myself" is the
answer that needs help most, and a negation rule read it as a promise. "I don't think I'll kill
myself" was read as intent (BLOCK) because of "will".
"""

from __future__ import annotations

import pytest

from suar.safety import Engine
from suar.safety.report import Category, Severity

ENGINE = Engine()  # the rules alone: a community's own model may not cover these


def crisis(text: str) -> list[tuple[Severity, str]]:
    return [(f.severity, f.rule) for f in ENGINE.analyze(text).of(Category.CRISIS)]


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure I won't kill myself",
        "I can't promise I won't hurt myself",
        "I cannot guarantee that I won't hurt myself",
        "aku nggak yakin aku nggak bakal bunuh diri",
        "gak janji gak bakal nyakitin diri sendiri",
        "ga bisa jamin aku ga bakal bunuh diri",
    ],
)
def test_a_doubted_denial_is_a_crisis(text: str) -> None:
    found = crisis(text)
    assert found, text
    assert max(s for s, _ in found) >= Severity.HIGH, found


@pytest.mark.parametrize(
    "text",
    [
        "I don't think I'll kill myself",
        "I dont think Ill attempt suicide",
        "I doubt I'll kill myself",
        "I don't think I would ever kill myself",
        "aku nggak yakin aku bakal bunuh diri",
    ],
)
def test_a_doubted_intent_is_ideation_not_a_plan(text: str) -> None:
    found = crisis(text)
    assert [s for s, _ in found] == [Severity.HIGH], (text, found)


def test_a_doubted_denial_with_a_time_is_still_a_plan() -> None:
    assert (Severity.BLOCK, "crisis.plan") in crisis("I'm not sure I won't kill myself tonight")


@pytest.mark.parametrize(
    "text",
    [
        "I won't kill myself",
        "aku nggak akan bunuh diri kok",
        "I promise I won't hurt myself",
        "aku janji nggak bakal nyakitin diri lagi",
        "I can't promise I won't cry at the wedding",
        "I don't think suicide is the answer",
        "aku nggak pengen mati",
    ],
)
def test_plain_denials_and_other_doubts_stay_clear(text: str) -> None:
    assert not crisis(text), text


def test_a_doubt_about_the_reason_does_not_soften_a_wish() -> None:
    # "not sure why" doubts the reason, not the wish: the wish stays as it was.
    assert crisis("I'm not sure why I want to die") == crisis("I want to die")


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure I want to live anymore",
        "I'm not sure if I want to live",
        "I don't think I want to be alive",
        "aku nggak yakin masih pengen hidup",
        "gak yakin aku masih kuat hidup",
        # ambivalence about dying is item 1 of C-SSRS too: no longer read as a plain denial
        "I don't think I want to die, I just want the pain to stop",
    ],
)
def test_doubt_about_wanting_to_live_is_passive_ideation(text: str) -> None:
    assert (Severity.HIGH, "crisis.passive") in crisis(text), text


@pytest.mark.parametrize("text", ["I don't think I can go on", "I'm not sure I can keep going"])
def test_doubt_about_going_on_is_unclear(text: str) -> None:
    assert crisis(text) == [(Severity.WARN, "crisis.unclear")], text
