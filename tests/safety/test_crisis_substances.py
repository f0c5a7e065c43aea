"""Substance use as the means of dying: Suar's communities are also in recovery from addiction,
and "OD" is how an overdose is written in chat, in English and Indonesian."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine
from suar.safety.report import Severity

engine = Engine()  # the rules alone


def found(text: str, category: Category = Category.CRISIS) -> list[tuple[Severity, str]]:
    return [(f.severity, f.rule) for f in engine.analyze(text).of(category)]


@pytest.mark.parametrize(
    "text",
    [
        "I want to drink myself to death",
        "I'm going to OD tonight",
        "I hope I OD and don't wake up",
        "gue mau nyabu sampe mati",
    ],
)
def test_dying_by_a_substance_is_a_crisis(text: str) -> None:
    assert any(s >= Severity.HIGH for s, _ in found(text)), text


def test_drinking_till_one_dies_is_unclear() -> None:
    # a wish, or a party's hyperbole: lowered, never dropped
    assert found("mau minum sampe mati aja") == [(Severity.WARN, "crisis.unclear")]


@pytest.mark.parametrize(
    "text", ["my friend ODed last night, what do I do", "my brother overdosed an hour ago"]
)
def test_someone_elses_overdose_told_as_done_is_an_emergency(text: str) -> None:
    assert found(text, Category.CONCERN) == [(Severity.HIGH, "concern.other.attempt")], text


@pytest.mark.parametrize(
    "text",
    [
        "a man overdosed, police said",
        "if he overdosed, call 112",
        "my cousin overdosed years ago and is fine now",
    ],
)
def test_news_advice_and_the_past_are_not(text: str) -> None:
    assert not found(text, Category.CONCERN), text


def test_wishing_an_overdose_on_someone_is_a_threat() -> None:
    assert (Severity.BLOCK, "harassment.threat") in found("hope you OD", Category.HARASSMENT)


def test_odd_is_not_an_overdose() -> None:
    # "od" is slang for overdose, and repeated letters collapse: "odd" must stay itself
    assert not found("I'm the odd one in the family, always have been")
