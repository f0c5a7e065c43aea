"""Suicide as a topic of talk (a field, a name, a judgement, a verb of talking) is not the
writer's crisis; suicide presented as the writer's way out, or a firearm aimed at oneself, is."""

from __future__ import annotations

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()  # rules only: these are the rules' decisions


def crisis_rules(text: str) -> list[str]:
    return [f.rule for f in engine.analyze(text).findings if f.category == Category.CRISIS]


@pytest.mark.parametrize(
    "text",
    [
        # a field, an organisation or a name
        "I'm subscribed to Suicide Watch now and I read it every day.",
        "She works in suicide prevention at the county.",
        "Hari Pencegahan Bunuh Diri Sedunia jatuh tanggal 10 September.",
        "angka bunuh diri di kalangan remaja naik tahun ini",
        "The suicide hotline number is on the back of the student card.",
        "berita bom bunuh diri itu bikin aku sedih",
        # a negated judgement
        "Suicide isn't worth it, trust me.",
        "suicide is not the answer, please stay",
        "bunuh diri bukan jalan keluar, kamu berharga",
        "bunuh diri itu bukan solusi ya",
        "I don't really believe that suicide is the answer for anyone.",
        # a verb of talking or writing about it, said of others or negated
        "It takes a lot of courage to talk about suicidal thoughts and self-harm.",
        "I'm not trying to encourage suicide or anything.",
        "aku nggak mau meromantisasi bunuh diri di postingan ini",
        "Films shouldn't glorify suicide.",
        # a reply weighing what someone else told
        "Thinking about suicide all the time does sound really exhausting.",
        # negation through a contraction without its apostrophe
        "I havent seriously considered suicide in over 5 years.",
        # the first person of the next sentence is not the subject of this one
        "Was the weekend good enough to postpone suicide? Im sorry Ive been away.",
    ],
)
def test_talk_about_the_topic_is_not_a_crisis(text: str) -> None:
    assert crisis_rules(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        # reaching out about one's own thoughts is a disclosure
        "I need to talk about my suicidal thoughts.",
        "I want to talk about suicide.",
        "I keep writing about wanting to die",
        # the topic judged as the writer's way out
        "suicide is the only answer left for me",
        "bunuh diri satu-satunya jalan keluar buat aku",
        # "no other way" after a wish is not a hopeful judgement
        "aku pengen bunuh diri, nggak ada jalan lain",
        "I want to die, there is no other way",
        # a responder's word does not hide the writer's own wish in the same sentence
        "That sounds so hard. I want to die too sometimes.",
        # firearms aimed at oneself
        "I keep thinking about putting the gun to my head",
        "some days I just want to blow my brains out",
        "pengen nembak kepala aku sendiri",
        # the weapon named before the aim, and the clitic written on
        "Grab the gun in my drawer and aim it at my head",
        "I pointed it at my head and couldn't pull the trigger",
        "pengen nempelin pistol ke kepalaku",
        "pengen nembak kepalaku",
    ],
)
def test_the_writers_own_risk_is_still_found(text: str) -> None:
    assert crisis_rules(text), text


def test_suicide_as_the_writers_solution_is_high() -> None:
    report = engine.analyze("honestly suicide is the only way out for me now")
    found = [f for f in report.findings if f.category == Category.CRISIS]
    assert found and max(f.severity for f in found) >= Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "He held a gun to my head during the robbery",
        "He pointed it at my head and took my wallet",
        "The robber held a gun to my head",
        "perampok itu menodongkan pistol ke kepalaku",
        "aim the ball at my head",
    ],
)
def test_someone_else_holding_a_gun_to_my_head_is_not_my_intent(text: str) -> None:
    assert crisis_rules(text) == [], text
