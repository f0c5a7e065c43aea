"""More ways people say they are at risk, and the supporter's frames that are not a crisis."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine
from suar.safety.report import Severity

engine = Engine()


def crisis(text: str) -> bool:
    return engine.analyze(text).has(Category.CRISIS)


@pytest.mark.parametrize(
    "text",
    [
        "I just want it all to end",
        "I don't want to be here anymore",
        "there is nothing left to live for",
        "I have nothing to live for",
        "I feel like I'm a burden to everyone",
        "everyone would be better off if I was gone",
        "I wish I was never born",
        "I wish I didn't exist",
        "I keep having suicidal thoughts",
        "I've been having thoughts of suicide every night",
        "I took a bunch of pills last night",
        "I overdosed yesterday and I'm still here",
        "I want to slit my wrists",
        "I'm going to jump off the bridge tonight",
        "I wrote my suicide note",
        "I bought a noose",
        "what is the point of living",
        "life is not worth living anymore",
        "I'm done with everything",
        "goodbye everyone, this is my last post",
        "I can't keep going like this",
        "I hate my life so much",
        "aku cuma beban buat keluarga",
        "capek jadi beban terus",
        "pengen nyusul ayah aja",
        "udah nggak tahan lagi",
        "aku benci hidup",
        "pengen mengakhiri semuanya",
    ],
)
def test_at_risk_phrasing_is_found(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I know how it feels to want to die. Please call a helpline.",
        "I understand what it's like to feel suicidal, it does get better.",
        "When I was suicidal, talking to a counselor helped me.",
        "Back when I wanted to die, my sister listened.",
        "I've been there, wanting to end my life, and I'm glad I stayed.",
        "Do you want to die, or do you want the pain to stop?",
        "Suicidal thoughts lie to you.",
        "Are you thinking about killing yourself?",
        "People kill themselves when they feel trapped; reach out.",
        "aku tahu rasanya pengen mati, tapi kamu nggak sendirian",
        "aku ngerti rasanya capek hidup, peluk ya",
    ],
)
def test_supporters_frames_are_not_the_writers_crisis(text: str) -> None:
    assert not crisis(text), text


def test_a_present_marker_brings_an_empathy_frame_back_to_now() -> None:
    assert crisis("I know how it feels to want to die, and I still want to die tonight.")


def test_a_negated_empathy_verb_is_not_a_frame() -> None:
    assert crisis("nggak tau rasanya, pengen mati aja")


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("buat apa aku hidup kalau cuma nyusahin orang", Severity.HIGH),
        ("untuk apa aku masih hidup", Severity.HIGH),
        ("ngapain gue hidup", Severity.HIGH),
        ("apa gunanya aku hidup", Severity.HIGH),
        ("what's the point of my life anymore", Severity.WARN),
        ("capek banget, pengen istirahat dari hidup", Severity.WARN),
    ],
)
def test_asking_oneself_what_one_lives_for(text: str, severity: Severity) -> None:
    found = engine.analyze(text).of(Category.CRISIS)
    assert found, text
    assert max(f.severity for f in found) == severity, text


@pytest.mark.parametrize(
    "text",
    [
        "buat apa aku belajar kalau ujiannya dibatalin",
        "buat apa aku hidup hemat kalau gaji naik terus",
        "aku capek hidup sederhana terus, pengen liburan",
        "aku capek hidup sehat, pengen makan gorengan",
        "dulu aku sering mikir buat apa aku hidup, sekarang aku tahu jawabannya",
        "kalau kamu mikir buat apa aku hidup, hubungi 119",
    ],
)
def test_how_one_lives_and_past_or_advice_are_not_the_question(text: str) -> None:
    assert not crisis(text), text


def test_a_way_of_living_does_not_hide_pain_after_hidup() -> None:
    # "bersama rasa sakit" is not a way of living: the wish not to live stays.
    assert crisis("aku ga mau hidup bersama rasa sakit ini")


@pytest.mark.parametrize(
    "text",
    [
        "sometimes I think my family would be happier if I was gone",
        "everyone would be better if I wasn't here",
        "nobody would even notice if I disappeared",
        "no one would miss me if I died",
        "I'm going to relapse and I don't care if I die",
        "aku udah nggak peduli kalau aku mati",
        "bodo amat kalau gue mati",
        "I don't see a way out anymore",
        "I keep thinking about driving off a cliff",
        "aku capek jadi manusia",
    ],
)
def test_burden_belonging_and_indifference_to_living(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't care if I die trying, I'm finishing this marathon",
        "I don't care if I live in a small flat",
        "the team would be better if I was not so slow",
        "nobody would notice if I left the party early",
        "I used to think nobody would notice if I died, now I know better",
    ],
)
def test_the_same_shapes_about_something_else(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to live in Jakarta",
        "I'm not sure I want to live in Jakarta",
        "I don't want to live with my parents again",
        "I don't want to live alone",
        "aku nggak mau hidup di kota ini",
        "aku nggak mau hidup sama dia lagi",
    ],
)
def test_where_or_with_whom_one_lives_is_not_whether(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to live in this world anymore",
        "I don't want to live in constant pain",
        "I don't want to live with this pain",
        "I don't want to live like this",
        "I don't want to live here anymore",  # a home, or a life: recall first
        "aku nggak mau hidup di dunia ini lagi",
        "aku ga mau hidup dengan rasa sakit ini",
    ],
)
def test_the_world_a_pain_or_here_keep_the_wish_not_to_live(text: str) -> None:
    assert crisis(text), text


def test_a_potential_from_tiredness_is_lowered_not_dropped() -> None:
    found = engine.analyze("I'm so tired I could sleep forever").of(Category.CRISIS)
    assert [f.severity for f in found] == [Severity.WARN]


@pytest.mark.parametrize(
    "text",
    ["I wish I could sleep forever", "if only I could sleep forever", "I want to sleep forever"],
)
def test_a_wished_potential_stays_passive_ideation(text: str) -> None:
    found = engine.analyze(text).of(Category.CRISIS)
    assert max(f.severity for f in found) == Severity.HIGH, text


@pytest.mark.parametrize(
    "text",
    [
        "Wanting to die is a symptom, not a character flaw.",
        "It's okay to feel hopeless sometimes, it passes.",
        "wajar kok ngerasa putus asa",
        "peluk jauh ya, aku tahu rasanya nggak pengen bangun lagi",
    ],
)
def test_a_supporter_naming_the_feeling(text: str) -> None:
    assert not engine.analyze(text, context="reply").has(Category.CRISIS), text


@pytest.mark.parametrize(
    "text",
    [
        "wanting to die is all I think about",
        "It's okay, I just want to die",
        "aku tahu rasanya, aku pengen mati lagi",
        "aku tahu rasanya pengen nyayat tangan lagi",  # "lagi" without a negation: again
    ],
)
def test_the_writers_own_feeling_in_the_same_words(text: str) -> None:
    assert engine.analyze(text, context="reply").has(Category.CRISIS), text


@pytest.mark.parametrize(
    "text",
    [
        "nobody would care if I was late",
        "nobody would notice if I was late",
        "I'd be happier if I was gone from this job",
        "I would be happier if I wasn't here at this party",
    ],
)
def test_being_late_or_away_is_not_being_gone(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "nobody would care if I was dead",
        "no one would care if I were to die",
        "nobody would notice if I was gone",
        "no one would miss me if I died",
    ],
)
def test_burdensomeness_with_being_gone_or_dead(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text", ["I'm killing myself at the gym every day", "I've been killing myself over this essay"]
)
def test_working_hard_is_not_killing_oneself(text: str) -> None:
    assert not crisis(text), text


def test_self_reproach_is_lowered_not_dropped() -> None:
    found = engine.analyze("I could kill myself for forgetting her birthday").of(Category.CRISIS)
    assert [f.severity for f in found] == [Severity.WARN]


@pytest.mark.parametrize(
    "text",
    [
        "I'm thinking of killing myself at work tomorrow",
        "I'm killing myself slowly with drugs",
        "I could kill myself",
    ],
)
def test_the_same_words_as_intent_stay(text: str) -> None:
    found = engine.analyze(text).of(Category.CRISIS)
    assert max(f.severity for f in found) >= Severity.HIGH, text
