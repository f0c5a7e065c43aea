"""Someone else at risk: a worried friend's text gets a concern finding with help for a
friend, not a crisis finding of its own; talk about people in general, news, deaths and the
reader's own situation do not."""

import pytest

from suar.safety import Category, Context, Engine, Severity
from suar.safety.crisis import HELP_OTHER_EN, HELP_OTHER_ID

rules_only = Engine(model=None)


def found(text: str, context: Context = Context.POST) -> dict[str, Severity]:
    report = rules_only.analyze(text, context=context)
    return {f.rule: f.severity for f in report.findings if f.category != Category.TRIGGERING}


@pytest.mark.parametrize(
    "text",
    [
        "kakak aku pengen bunuh diri, aku harus gimana",
        "Temanku bilang dia pengen mati aja. Aku harus ngapain ya?",
        "Adikku mau bunuh diri, tolong",
        "My brother wants to kill himself, what do I do?",
        "my friend is suicidal and I don't know how to help",
        "my friend wrote a suicide note",
        "dia nanya cara bunuh diri, aku langsung telepon 119",
        "my girlfriend keeps saying she wants to die",
        # a wish to be dead at another's hand or by an accident, told of them
        "my friend wishes someone would kill her",
        "she said she hopes a car hits her",
        "my brother prays he dies in his sleep",
    ],
)
def test_someone_else_at_risk_is_a_concern(text: str) -> None:
    rules = found(text)
    assert rules.get("concern.other") == Severity.WARN, text
    assert not any(rule.startswith("crisis") for rule in rules), text


def test_a_time_or_means_makes_it_urgent() -> None:
    assert found("my sister says she will jump off the bridge tonight") == {
        "concern.other.plan": Severity.HIGH
    }
    assert found("adikku bilang dia pengen mati malam ini") == {"concern.other.plan": Severity.HIGH}


def test_the_finding_offers_help_for_a_friend_in_the_texts_language() -> None:
    (id_finding,) = rules_only.analyze("kakak aku pengen bunuh diri").of(Category.CONCERN)
    assert id_finding.suggestion == HELP_OTHER_ID
    (en_finding,) = rules_only.analyze("my brother wants to kill himself").of(Category.CONCERN)
    assert en_finding.suggestion == HELP_OTHER_EN
    assert en_finding.explanation_en.startswith("This text tells of someone else")


@pytest.mark.parametrize(
    "text",
    [
        # deaths and the topic: safe-messaging rules apply instead
        "my cousin took his own life",
        "he killed himself last year",
        # people in general, news, a report
        "when people are suicidal they hide it well",
        "someone who is thinking about suicide needs to be heard",
        "Seorang pria ingin bunuh diri di jembatan",
        # the reader, or the reader's relative: a supporter's reply
        "you don't need to tell them you're suicidal",
        "why does your brother want to kill himself?",
        # advice for a case
        "if he tries to commit suicide, call the police",
        # a past story
        "dulu adikku pernah pengen bunuh diri, sekarang dia sudah pulih",
        # negated
        "dia nggak pengen mati kok, cuma capek",
        # what someone said of the writer: the phrase holds the writer
        "my mom says i am a burden",
        "she said nobody would care if i died",
        "dia bilang lebih baik aku mati",
    ],
)
def test_not_a_concern(text: str) -> None:
    assert not rules_only.analyze(text).of(Category.CONCERN), text


def test_news_context_is_a_report_not_a_worried_friend() -> None:
    text = "Dia pengen bunuh diri, kata polisi."
    assert not rules_only.analyze(text, context=Context.NEWS).of(Category.CONCERN)


@pytest.mark.parametrize(
    "text",
    [
        "my brother wants to kill himself and I want to die too",
        "kakak aku tahu aku pengen mati",
        "part of me wants to die",
    ],
)
def test_the_writers_own_crisis_stays_crisis(text: str) -> None:
    assert rules_only.analyze(text).of(Category.CRISIS), text


def test_concern_drops_the_help_resources_nudge_but_not_other_safe_messaging() -> None:
    assert "S10" not in found("my brother wants to kill himself")
    assert "S10" in found("he killed himself last year")
    assert "S14" in found("Dia lagi live mau bunuh diri. Hubungi 112.")


def test_concern_orders_before_harassment_and_after_crisis() -> None:
    concern = rules_only.analyze("my sister says she will jump off the bridge tonight").risk
    crisis = rules_only.analyze("I want to kill myself tonight").risk
    harassment = rules_only.analyze("dasar goblok lu").risk
    assert crisis > concern > harassment > 0


@pytest.mark.parametrize("text", ["Nobody wants to die", "in the book the character wants to die"])
def test_a_third_person_verb_without_the_writer_is_neither(text: str) -> None:
    report = rules_only.analyze(text)
    assert not report.of(Category.CRISIS) and not report.of(Category.CONCERN), text


@pytest.mark.parametrize(
    "text",
    [
        "my brother took 30 pills last night, what do I do",
        "adikku barusan nelen 20 butir obat",
        "my friend swallowed a whole bottle of tylenol an hour ago",
        "she took an overdose",
    ],
)
def test_someone_elses_overdose_is_an_emergency_for_the_writer(text: str) -> None:
    got = found(text)
    assert got == {"concern.other.attempt": Severity.HIGH}, got
    finding = next(iter(rules_only.analyze(text).of(Category.CONCERN)))
    assert "112" in finding.explanation_en and "112" in finding.explanation_id


@pytest.mark.parametrize(
    "text",
    [
        "my brother took 30 pills years ago, he is fine now",
        "a man took 40 pills, police said",
        "if he took 20 pills call 112",
        "my mom took her 2 pills this morning",
    ],
)
def test_a_past_overdose_news_advice_and_a_dose_are_no_emergency(text: str) -> None:
    report = rules_only.analyze(text)
    assert not report.has(Category.CONCERN) and not report.has(Category.CRISIS), report.findings


@pytest.mark.parametrize("text", ["I hope a car hits her", "I wish someone would kill him"])
def test_a_wish_against_someone_else_is_no_crisis_or_concern(text: str) -> None:
    rules = found(text)
    assert not any(r.startswith(("crisis", "concern")) for r in rules), (text, rules)


@pytest.mark.parametrize(
    "text",
    [
        "temenku minum baygon tadi, sekarang di IGD",
        "adikku overdosis semalam",
        "my friend took an overdose tonight",
    ],
)
def test_a_poison_or_overdose_just_taken_by_someone_else_is_an_emergency(text: str) -> None:
    report = Engine().analyze(text)
    assert "concern.other.attempt" in [f.rule for f in report.of(Category.CONCERN)], text


@pytest.mark.parametrize(
    "text",
    ["my cousin overdosed and died last night", "temenku minum racun dua tahun lalu"],
)
def test_a_death_or_an_old_story_is_no_emergency(text: str) -> None:
    report = Engine().analyze(text)
    assert "concern.other.attempt" not in [f.rule for f in report.of(Category.CONCERN)], text
