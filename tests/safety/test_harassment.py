"""Harassment: targeted insults, slurs and threats; friendly and self-directed swearing is not."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()


def harassment(text: str) -> list:
    return list(engine.analyze(text).of(Category.HARASSMENT))


def top(text: str) -> Severity | None:
    return max((f.severity for f in harassment(text)), default=None)


@pytest.mark.parametrize(
    "text",
    [
        "lo tuh goblok",
        "kamu goblok banget",
        "goblok lo",
        "dasar babi",
        "dasar monyet",
        "kamu jelek",
        "lu gendut",
        "tolol lu",
        "bego banget sih kamu",
        "dasar bajingan",
        "brengsek kamu",
        "kontol lo",
        "anjing lo",
        "bangsat kau",
        "kamu idiot",
        "you are so stupid",
        "you idiot",
        "fuck you",
        "you're a loser",
        "shut up you moron",
        "lo tuh g0bl0k",
        "b*ngsat lo",
        "anj*ng lu",
        "t0l0l lu",
        "g o b l o k lu",
        "goblooook lu",
        "GOBLOK LO",
        "𝐠𝐨𝐛𝐥𝐨𝐤 lo",  # noqa: RUF001
        # added December 2026: more words and typed variants
        "dasar jongos",
        "lo tuh bebal banget",
        "dasar katrok lu",
        "muka lo monyong",
        "gilak lo",
        "brengsex lo",
        "dasar penipu",
    ],
)
def test_second_person_insults_are_high(text: str) -> None:
    severity = top(text)
    assert severity is not None and severity >= Severity.HIGH, text


@pytest.mark.parametrize(
    "text",
    [
        "gw bunuh lo",
        "gue bunuh lu ya",
        "awas lo",
        "aku tahu rumah kamu",
        "I'll kill you",
        "I will find you",
        "i know where you live",
        "kys",
        "go kill yourself",
        "mati aja lo",
        "semoga kamu mati",
        "dasar banci",
        "kamu lonte",
        "you retard",
    ],
)
def test_threats_and_targeted_slurs_block(text: str) -> None:
    assert top(text) == Severity.BLOCK, text


@pytest.mark.parametrize(
    "text",
    [
        "anjir keren banget",
        "anjay mantap",
        "anjay",
        "gila sih bagus banget",
        "bangsat enak banget ini",
        "anjing lucu banget filmnya",
        "aku goblok banget hari ini",
        "gw bego banget lupa bawa dompet",
        "I'm so stupid lol",
        "aku punya anjing di rumah",
        "daging babi",
        "cuacanya jelek",
        "kamu nggak jelek kok",
        "kamu tidak bodoh",
        "fucking amazing show",
        "this shit is good",
        "njir seru parah",
        "If you ever want to kill yourself, please call 119",
        "kamu cantik banget",
        "makasih ya kamu baik banget",
        "",
    ],
)
def test_friendly_self_directed_or_literal_is_not_harassment(text: str) -> None:
    assert harassment(text) == [], text


@pytest.mark.parametrize(
    "text",
    ["goblok", "acaranya goblok", "bangsat", "anjing!", "what the fuck"],
)
def test_untargeted_swearing_is_low(text: str) -> None:
    severity = top(text)
    assert severity is not None and severity <= Severity.WARN


def test_untargeted_slur_is_high() -> None:
    assert top("ih banci") == Severity.HIGH


def test_third_person_insult_is_a_warning() -> None:
    assert top("dia goblok banget") == Severity.WARN


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("lo tuh g0bl0k", "g0bl0k"),
        ("eh b*ngsat lo", "b*ngsat"),
        ("kamu b a n g s a t", "b a n g s a t"),
        ("kamu a.n.j.i.n.g", "a.n.j.i.n.g"),
        ("you b!tch", "b!tch"),
        ("gw bunuh lo ya", "gw bunuh lo"),
    ],
)
def test_span_in_original_text(text: str, span: str) -> None:
    f = max(harassment(text), key=lambda f: f.severity)
    assert text[f.start : f.end] == span


def test_explanations_and_suggestion_bilingual() -> None:
    f = harassment("lo tuh goblok")[0]
    assert f.explanation_id and f.explanation_en
    assert f.suggestion


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("nobody likes you", "harassment.phrase"),
        ("you are a waste of space", "harassment.phrase"),
        ("lo tuh beban keluarga", "harassment.phrase"),
        ("muka lo kayak pantat", "harassment.phrase"),
        ("dasar otak udang", "harassment.phrase"),
        ("otak lo di dengkul ya", "harassment.phrase"),
        ("mulut lo kayak comberan", "harassment.phrase"),
        ("lu gak guna", "harassment.phrase"),
        ("jijik liat muka lo", "harassment.phrase"),
        ("you should just die", "harassment.threat"),
        ("semoga lo cepet mampus", "harassment.threat"),
        ("moga lu kena azab", "harassment.threat"),
        ("gue sumpahin lo celaka", "harassment.threat"),
        # death wishes at another's hand or by an accident, aimed at the reader
        ("I hope someone kills you", "harassment.threat"),
        ("hope a car hits you", "harassment.threat"),
        ("I hope a bus runs you over", "harassment.threat"),
        ("semoga lo ketabrak truk", "harassment.threat"),
        ("gue doain lo mati", "harassment.threat"),
        # telling someone to die, worthlessness about their death, threats to expose
        ("sana bunuh diri aja lo", "harassment.threat"),
        ("lo ga pantes hidup", "harassment.threat"),
        ("you don't deserve to live", "harassment.threat"),
        ("nobody would care if you died", "harassment.phrase"),
        ("the world would be better without you", "harassment.phrase"),
        ("dunia lebih baik tanpa lo", "harassment.phrase"),
        ("gue sebarin foto lo biar malu", "harassment.threat"),
        ("gue sebarin aib lo", "harassment.threat"),
        ("I will leak your nudes", "harassment.threat"),
        # intimidation in everyday slang, and threats of a beating
        ("gue tonjok lo ya", "harassment.threat"),
        ("mau gue tonjok?", "harassment.threat"),
        ("awas aja lo", "harassment.threat"),
        ("awas aja kalo ketemu", "harassment.threat"),
        ("tunggu pembalasan gue", "harassment.threat"),
        ("gue bakar rumah lo", "harassment.threat"),
        ("I'll punch you", "harassment.threat"),
        ("I'm gonna stab you", "harassment.threat"),
        ("you're dead meat", "harassment.threat"),
        ("I'll make your life hell", "harassment.threat"),
    ],
)
def test_insults_and_wishes_of_harm_in_phrases(text: str, rule: str) -> None:
    assert rule in {f.rule for f in harassment(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "aku ngerasa jadi beban keluarga",
        "I feel like nobody likes me",
        "this app is a waste of space on my phone",
        "semoga kamu cepat sembuh ya",
        "i hope you get better soon",
        "aku doain kamu sukses ya",
        "semoga kamu nggak ketabrak motor di jalan ya",
        "I hope the train runs on time for you",
        "gue sebarin foto lo ke grup ya, bagus banget",
        "gue sebarin video lo biar viral ya, keren banget",
        "the world would not be better without you, stay",
        "aku ga pantes hidup",  # the writer's own worthlessness: a crisis, not abuse
        "masakan ndeso buatan ibu paling enak",
        "kena najis, harus dicuci tujuh kali",
        "bangkai tikus di gudang baunya parah",
        "mau aku gebuk kasurnya dulu biar bersih",
        "gue nggak bakal tonjok lo kok, santai",
        "gue tendang lo dari grup kalau spam lagi",
    ],
)
def test_the_same_words_without_an_attack(text: str) -> None:
    assert not harassment(text), text


def test_a_quoted_insult_phrase_is_one_step_lower() -> None:
    assert top('kalau ada yang bilang "dasar otak udang" ke kamu, laporkan ya') in (
        None,
        Severity.WARN,
    )


@pytest.mark.parametrize(
    "text",
    [
        "you're a disgrace",
        "go back to your country",
        "you people are animals",
        "all muslims are terrorists",
        "women belong in the kitchen",
        "I hope your family dies",
        "I know where you work",
        "orang papua itu monyet",
        "semua orang cina itu penipu",
        "lo tuh parasit",
        "dasar anak haram",
    ],
)
def test_hate_tropes_and_dehumanising(text: str) -> None:
    assert harassment(text), text


@pytest.mark.parametrize(
    "text",
    [
        "all cats are animals",
        "tanaman benalu merusak pohon mangga",
        "it was a disgrace to the sport, the referee was awful",
        "orang itu bilang monyet di kebun binatang lucu",
        "status anak haram dalam hukum waris dibahas di seminar",
    ],
)
def test_same_words_without_hate(text: str) -> None:
    assert not harassment(text), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("hope you relapse", "harassment.threat"),
        ("you should relapse and overdose", "harassment.threat"),
        ("semoga lo relapse lagi", "harassment.threat"),
        ("your mom should have aborted you", "harassment.threat"),
        ("kill urself", "harassment.threat"),
        ("you're just an attention seeker", "harassment.phrase"),
        ("you're faking it for likes", "harassment.phrase"),
        ("lo cuma caper doang", "harassment.phrase"),
        ("nobody cares about your sob story", "harassment.phrase"),
        ("go cry somewhere else", "harassment.phrase"),
        ("kamu nggak berharga", "harassment.phrase"),
    ],
)
def test_abuse_that_targets_recovery_and_mental_health(text: str, rule: str) -> None:
    assert rule in {f.rule for f in harassment(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "I hope you don't relapse",
        "semoga kamu nggak kambuh lagi ya",
        "nobody cares about your grades as much as you do",
        "I was faking it at work today",
        # a supporter describing the reader's pain, or the voice of depression
        "I know it feels like nobody cares about you, but we do",
        "it might seem like nobody likes you right now, but that's the depression talking",
        "don't believe the voice that says you're worthless",
        "you might feel like you are a failure, you're not",
    ],
)
def test_support_and_good_wishes_in_the_same_words(text: str) -> None:
    assert not harassment(text), text


@pytest.mark.parametrize("text", ["I feel like you're an idiot", "I feel like nobody likes you"])
def test_the_writers_own_feeling_stays_an_insult(text: str) -> None:
    assert top(text) == Severity.HIGH, text


@pytest.mark.parametrize(
    "text", ["dasar sakit jiwa", "kamu kurang waras", "dasar orang stres", "dasar pecandu"]
)
def test_mental_illness_or_addiction_hurled_as_an_insult(text: str) -> None:
    assert "harassment.phrase" in {f.rule for f in harassment(text)}, text


@pytest.mark.parametrize(
    "text",
    ["kamu sakit jiwa? ayo cerita, nggak apa-apa kok", "aku pernah sakit jiwa, sekarang pulih"],
)
def test_the_same_words_asked_or_told_of_oneself(text: str) -> None:
    assert not harassment(text), text


@pytest.mark.parametrize(
    "text",
    [
        # everyday words that repeated letters or affixes used to turn into an insult
        "sarapan kamu apa pagi ini?",
        "simpan nomor kamu ya",
        "I'll cook dinner for you",
        "I'm cookin dinner for you",
        "this should allay your fears",
        "kamu dihina siapa? cerita dong",
        "kamu kena penipuan?",
        "kecacatan kamu bukan halangan untuk sukses",
    ],
)
def test_everyday_words_are_not_read_as_insults(text: str) -> None:
    assert not harassment(text), text


@pytest.mark.parametrize(
    "text",
    [
        "jangan bilang dirimu bodoh ya, kamu berharga",
        "stop calling yourself an idiot",
        "don't say you're stupid",
        "never call yourself worthless",
    ],
)
def test_a_label_the_reader_is_told_not_to_use(text: str) -> None:
    assert not harassment(text), text


@pytest.mark.parametrize("text", ["I call you stupid because you are", "gue bilang lo goblok"])
def test_a_label_given_is_an_insult(text: str) -> None:
    assert top(text) == Severity.HIGH, text


@pytest.mark.parametrize(
    "text",
    [
        "jangan dengerin orang yang bilang kamu sampah",
        "jangan percaya sama yang ngatain kamu bodoh",
        "don't listen to anyone who calls you an idiot",
        "ignore people who say you're worthless",
        "abaikan orang yang bilang kamu nggak berguna",
        "cuekin aja yang ngatain lo goblok",
        "never believe those who call you a loser",
        "depression lies and tells you you're worthless",
        "your brain tells you you're a failure, it's wrong",
    ],
)
def test_a_label_the_reader_is_told_not_to_heed_is_support(text: str) -> None:
    """A supporter's reply names the insult others use, to tell the reader to ignore it."""
    assert not Engine().analyze(text).has(Category.HARASSMENT), text


@pytest.mark.parametrize(
    "text",
    [
        "dengerin gue, lo tuh goblok",
        "jangan dengerin dia, kamu memang bodoh",
        "my mom says you're an idiot",  # passed on, not a voice or a thought
        "everyone says you're an idiot and they're right",
    ],
)
def test_an_insult_passed_on_or_after_heed_words_still_counts(text: str) -> None:
    assert Engine().analyze(text).has(Category.HARASSMENT), text
