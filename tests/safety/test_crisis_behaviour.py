"""C-SSRS suicidal behaviour short of an attempt (Posner et al. 2011): method research,
means held to the body, interrupted and aborted attempts; and the everyday sentences that
share their words. Rules only: the shipped model is judged by the benchmark, not here."""

import pytest

from suar.safety import Category, Engine, Severity

rules_only = Engine(model=None)


def crisis(text: str) -> dict[str, Severity]:
    return {f.rule: f.severity for f in rules_only.analyze(text).of(Category.CRISIS)}


@pytest.mark.parametrize(
    "text",
    [
        "I've been researching ways to die painlessly",
        "googled methods to kill myself at 3am",
        "looked up how to kill myself",
        "what's the most painless way to go",
        "I looked up how many Tylenol would be lethal",
        "how many pills would kill me",
        "Aku googling cara mati yang cepet",
        "nyari cara mati paling gampang",
        "cara cepat mati?",
    ],
)
def test_method_research_is_method_seeking(text: str) -> None:
    found = crisis(text)
    assert found and min(found.values()) >= Severity.HIGH, found
    assert any(rule in ("crisis.seek", "crisis.plan") for rule in found), found


@pytest.mark.parametrize(
    "text",
    [
        "I had the knife to my wrist but I put it down",
        "the rope around my neck and then I stopped",
        "a blade against my throat again tonight",
    ],
)
def test_means_held_to_the_body_is_high(text: str) -> None:
    found = crisis(text)
    assert found and min(found.values()) >= Severity.HIGH, found


@pytest.mark.parametrize(
    "text",
    [
        "my friend stopped me from jumping off",
        "my brother pulled me back from the ledge",
        "my mom caught me before overdosing",
    ],
)
def test_an_interrupted_attempt_is_the_writers_own_behaviour(text: str) -> None:
    assert crisis(text) == {"crisis.interrupted": Severity.HIGH}


def test_a_means_word_does_not_escalate_a_stopped_attempt() -> None:
    assert crisis("my friend stopped me from jumping off the bridge") == {
        "crisis.interrupted": Severity.HIGH
    }


@pytest.mark.parametrize(
    "text",
    [
        "I came so close to ending it yesterday",
        "I tried but couldn't go through with it",
        "the door opened right before I could do it",
        "a stranger talked me down from the bridge",
        "I almost did it last night",
        "aku hampir nekat semalam",
        "pisaunya udah di pergelangan tapi aku taruh lagi",
    ],
)
def test_aborted_attempts_in_everyday_words_get_a_lower_finding(text: str) -> None:
    assert crisis(text), text


@pytest.mark.parametrize(
    "text",
    [
        "What's the quickest way to go to the airport?",
        "The easiest way out of debt is a budget",
        "I'm researching ways to help my friend who is struggling",
        "I googled how to make rendang",
        "She stopped me before I could say anything",
        "My mom walked in before I could finish the cake",
        "He talked me down from buying a car",
        "I couldn't go through with the wedding",
        "I almost did it! Two seconds off my personal best",
        "Aku hampir melakukan kesalahan besar",
        "Dia hampir nekat menyalip truk",
        "How much fentanyl is lethal? Just 2 mg. Carry naloxone.",
        "How many calories are in a banana",
        "Cara cepat mati lampu di rumah",
        "he stopped me from jumping the queue",
        "He held a knife to my throat during the robbery",
        "1000 ways to die is a TV show",
    ],
)
def test_everyday_sentences_with_the_same_words(text: str) -> None:
    assert crisis(text) == {}, text


@pytest.mark.parametrize(
    "text",
    [
        "Years ago I had a knife to my wrist, now I'm five years in recovery",
        "Dulu aku pernah nyari cara mati, sekarang aku bersyukur masih hidup",
        "When I was 19 I researched ways to die, today I volunteer at a crisis line",
        "years ago my friend stopped me from overdosing, now I help others",
    ],
)
def test_a_past_marker_makes_it_a_recovery_story(text: str) -> None:
    assert crisis(text) == {}, text


@pytest.mark.parametrize(
    "text",
    ["my friend's roommate stopped him from jumping off", "dia googling cara mati buat novelnya"],
)
def test_someone_elses_behaviour_is_not_the_writers(text: str) -> None:
    assert crisis(text) == {}, text


@pytest.mark.parametrize(
    "text",
    [
        "kayaknya lebih baik kalau aku mati",
        "mereka pasti lebih bahagia kalau aku nggak ada",
        "keluargaku bakal lebih tenang tanpa aku",
        "pengen udahan aja hidupnya",
        "mending aku gak usah ada",
        "lebih baik aku nggak usah ada",
        "lebih baik aku nggak ada di dunia ini",
        "mending aku gak usah ada di sini",
        "hidup gak worth it lagi",
        "life isn't worth it anymore",
    ],
)
def test_indonesian_burdensomeness_and_ending_life_are_high(text: str) -> None:
    assert crisis(text) == {"crisis.passive": Severity.HIGH}, text


@pytest.mark.parametrize(
    "text",
    [
        "lebih baik kalau aku pergi sekarang, udah malam",
        "lebih baik kalau aku nggak ada di rapat itu",
        "semua lebih baik kalau aku ikut",
        "lebih baik kalau kamu mati",  # aimed at someone: harassment, not the writer's crisis
        "dulu aku pernah mikir lebih baik kalau aku mati, sekarang aku bersyukur",
        "aku pengen udahan sama pacarku",
        "lebih baik aku nggak ada di rapat itu",  # not there: not "not alive"
        "mending aku gak usah ada di grup itu",
        "hidup sehat itu worth it banget",
        "this phone isn't worth it",
    ],
)
def test_the_same_words_without_the_writers_wish(text: str) -> None:
    assert crisis(text) == {}, text


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("kalo gue ilang juga ga ada yg nyariin", Severity.HIGH),
        ("ngapain hidup kalo gini terus", Severity.WARN),
        ("buat apa hidup kalau cuma nyusahin", Severity.WARN),
        ("apa gunanya hidup", Severity.WARN),
        ("males idup", Severity.WARN),
        ("pengen tidur panjang aja", Severity.WARN),  # a euphemism for death, or a long sleep
    ],
)
def test_indonesian_hopelessness_in_slang(text: str, severity: Severity) -> None:
    found = crisis(text)
    assert found and max(found.values()) == severity, found


# Preparatory behaviour and overdose intent that the shipped model caught and the rules did
# not (a community's own model may not): collecting means, an overdose told as the whole
# supply at once, a car or train as the means.
@pytest.mark.parametrize(
    "text",
    [
        "I've been saving up my pills",
        "I'm stashing my meds in a shoebox",
        "I'm going to swallow all my pills",
        "I'm going to take all my pills at once",
        "tonight I'll take the whole bottle of tylenol",
        "I'm going to drive my car into a wall",
        "aku mau minum semua obatku sekaligus malam ini",
        "gue mau nelen semua obat gue sekaligus",
        "aku mau nabrakin diri ke kereta",
    ],
)
def test_preparation_and_overdose_intent_are_high(text: str) -> None:
    found = crisis(text)
    assert found and max(found.values()) >= Severity.HIGH, found


@pytest.mark.parametrize(
    "text",
    [
        "I took all my meds this morning like the doctor said",
        "don't forget to take all your pills",
        "collecting my meds from the pharmacy today",
        "I'm collecting my meds from the pharmacy today",
        "we are giving away my grandma's belongings to charity",
        "I gave away my belongings before moving to Bali",
        "the dog swallowed all my pills, vet now",
        "I drove my car into a ditch last winter, scary",
        "aku udah minum semua obat aku hari ini",
        "dulu aku pernah nimbun obat, sekarang udah pulih",
        "my brother is saving up his pills",
    ],
)
def test_the_daily_dose_a_move_and_an_accident_are_not(text: str) -> None:
    assert crisis(text) == {}, text


# An overdose told by its count or its bottle: an attempt, often in progress ("an hour ago"
# is recent, not a recovery story's past). Crisis Text Line found pills and counts the words
# most likely to end in an active rescue (docs/safety-guidelines.md).
@pytest.mark.parametrize(
    "text",
    [
        "I took 20 pills of paracetamol last night",
        "I just took 40 of my sleeping pills",
        "took like 30 tylenol, feeling sick",
        "I took about 25 of the pills 10 minutes ago",
        "swallowed a whole bottle of tylenol an hour ago",
        "I just took an overdose",
        "aku minum 30 butir obat tidur",
        "aku barusan nelen 20 pil",
        "aku nelen segenggam obat tadi",
        "gue abis nenggak puluhan butir obat",
    ],
)
def test_an_overdose_told_by_its_count_is_high(text: str) -> None:
    found = crisis(text)
    assert found and max(found.values()) >= Severity.HIGH, found


@pytest.mark.parametrize(
    "text",
    [
        "I took 2 paracetamol for my headache",
        "aku minum 2 butir obat tidur biar bisa tidur",
        "I took 20 mg of prozac",
        "I took 500 mg ibuprofen",
        "took 15 photos today",
        "I took the whole box of cookies",
        "years ago I took 40 pills, now 5 years in recovery",
        "dulu aku pernah minum 30 butir obat",
        "I attempted suicide years ago, in my darkest hour",
        "if you took 20 pills call 119 now",
    ],
)
def test_a_dose_a_count_of_other_things_and_a_past_overdose_are_not(text: str) -> None:
    assert crisis(text) == {}, text
