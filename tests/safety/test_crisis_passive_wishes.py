"""Passive ideation said in the irrealis or about the past ('wish I was dead', 'I should have
died'), and the alternatives of phrases with two-word options ('no one' / 'nobody')."""

import pytest

from suar.safety import Category, Engine

engine = Engine()


def crisis(text: str) -> bool:
    return engine.analyze(text).has(Category.CRISIS)


@pytest.mark.parametrize(
    "text",
    [
        "wishing I was dead again tonight",
        "I don't deserve to live",
        "aku ga pantes hidup",
        "I feel like the world would be better without me",
        "i keep wishing to be dead",
        "I wish I was dead",
        "nobody would care if I was dead",
        "no one would care if I died",
        "I'm worth more dead than alive",
        "im so tired of being alive",
        "sick of existing honestly",
        "I should have died that night",
        "I should not have survived the crash",
        "I was supposed to die",
        "I wish I had never been born",
        "If I died no one would notice",
        "nobody would miss me if I was gone",
        "nyesel dilahirin",
        "harusnya aku nggak pernah lahir",
        "pengen nggak pernah dilahirkan",
        "aku lebih berharga mati",
        "gak ada yang bakal kangen kalau aku nggak ada",
        "mending aku mati",
        "lebih baik aku mati",
    ],
)
def test_passive_wishes_are_crisis(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I used to wish I was dead, now I'm three years into recovery",
        "he's worth more dead than alive to the gang",
        "hes worth more dead than alive in that game",
        "the soldier should have died in that crash scene",
        "the battery was supposed to die by now",
        "my phone should have died hours ago",
        "kamu nyesel dilahirin?",
        "if you ever wish you were dead, please call 119 ext 8",
    ],
)
def test_not_the_writers_wish(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        'how do I just go and be like "hey I really want to kill myself" to my boss',
        'aku bilang ke mama "aku pengen mati"',
        'I told my therapist "I want to die" and she listened',
        'I\'m like "I just want to disappear forever"',
    ],
)
def test_the_writer_quoting_their_own_words(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        'she told me "I want to die" and I did not know what to say',
        'I heard her say "I want to kill myself"',
        'my friend said "I want to die"',
        'he wrote "I want to end my life" in his diary',
        '"I want to die" is a line from the song',
        'I said "suicide is never the answer"',
    ],
)
def test_someone_elses_quoted_words(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I wrote a suicide note", "crisis.prep"),
        ("I've been stockpiling pills", "crisis.prep"),
        ("aku udah nulis surat perpisahan aku", "crisis.prep"),
        ("aku nimbun obat dari bulan lalu", "crisis.prep"),
        ("everyone would be happier without me", "crisis.passive"),
        ("being alive is torture", "crisis.passive"),
        ("I've given away my things", "crisis.unclear"),
        ("I won't be around much longer", "crisis.unclear"),
        ("I don't see a future for myself", "crisis.unclear"),
        ("ini postingan terakhir aku", "crisis.unclear"),
    ],
)
def test_warning_signs(text: str, rule: str) -> None:
    rules = {f.rule for f in engine.analyze(text).of(Category.CRISIS)}
    assert rules, text
    assert rule in rules or "crisis.plan" in rules, (text, rules)


@pytest.mark.parametrize(
    "text",
    [
        "he wrote a suicide note before he died",
        "the detective found a suicide note",
        "the pharmacy is stockpiling pills for flu season",
        "I said he wants to die",
    ],
)
def test_warning_signs_of_someone_else(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    ["In the end it worked out", "at the end of my life I want my family near", "that was the end"],
)
def test_end_as_a_noun(text: str) -> None:
    assert not crisis(text), text


def test_end_as_a_verb_still_counts() -> None:
    assert crisis("this is the end, I want to end it all tonight")
    assert crisis("I want to end my life")


@pytest.mark.parametrize(
    "text",
    [
        "capek idup",
        "pngen mati",
        "gak ada gunanya aku hidup",
        "aku cuma nyusahin orang",
        "semua orang bakal lebih bahagia tanpa aku",
        "udah minum obat sebanyak-banyaknya",
        "nelen pil segenggam",
        "hidup gue udah gak ada artinya",
        "aku lelah, aku ingin istirahat selamanya",
    ],
)
def test_indonesian_informal_crisis(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "minum obat sebanyak 3 kali sehari ya",
        "dia nelen pil segenggam kemarin, sekarang di RS",
        "istirahat yang cukup ya, jangan begadang",
    ],
)
def test_indonesian_same_words_not_crisis(text: str) -> None:
    assert not crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "thinking about sewer slide",
        "i want to self delete",
        "no longer want to be here",
        "idk how much longer i can do this",
        "I don't know how much longer I can go on",
    ],
)
def test_algospeak_and_hopelessness(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "telegram has self-deleting messages now",
        "the sewer slide at the water park was closed",
        "i no longer want to live in this city",
    ],
)
def test_same_words_elsewhere(text: str) -> None:
    assert not crisis(text), text


# A wish to be dead by an accident or at another's hand is still the writer's wish to be dead
# (C-SSRS item 1); the car or the "someone" in it is not the subject of a reported intent.
@pytest.mark.parametrize(
    "text",
    [
        "I wish someone would just kill me",
        "honestly hoping somebody kills me",
        "I hope a car hits me on the way home",
        "I wish I could get hit by a bus",
        "I wish a truck would run me over",
        "praying I die in my sleep",
        "kadang aku berharap ada yang bunuh aku aja",
        "gue berharap ada yg bunuh gue",
        "semoga aku ketabrak truk aja",
        "pengen ketabrak mobil biar selesai",
    ],
)
def test_wishes_to_die_by_an_accident_or_another_are_crisis(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I hope someone kills him in the next episode",
        "I wish someone would fix my car",
        "I hope a car doesn't hit me, the road is so dark",
        "I hope the bus will hit the brakes in time",
        "semoga nggak ketabrak motor di jalan",
        "hati-hati ya, semoga kamu nggak ketabrak",
        "dulu aku sering berharap ada yang bunuh aku, sekarang aku udah pulih",
        "I used to wish a truck would run me over, two years in recovery now",
    ],
)
def test_not_a_wish_of_the_writers_death(text: str) -> None:
    # The rules' verdict: the shipped model scores the whole text on its own ("I hope I don't
    # get hit by a bus" is near its cut-off), which tests/safety/test_model.py guards.
    findings = engine.analyze(text).findings
    assert not [f for f in findings if f.category is Category.CRISIS and f.rule != "model.crisis"]
