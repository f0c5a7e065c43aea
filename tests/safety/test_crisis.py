"""Crisis: the writer's intent is found; negation, past, quotes, news, idioms, support are not."""

import pytest

from suar.safety import Category, Context, Engine, Severity

engine = Engine()


def crisis(text: str, context: Context = Context.POST) -> list:
    return list(engine.analyze(text, context=context).of(Category.CRISIS))


def top_severity(text: str) -> Severity | None:
    return max((f.severity for f in crisis(text)), default=None)


@pytest.mark.parametrize(
    "text",
    [
        "gw mau bunuh diri",
        "aku pengen bunuh diri malam ini",
        "aku mau bundir",
        "pengen bunuh diri aja",
        "I want to kill myself",
        "i'm going to kill myself tonight",
        "im gonna kill myself",
        "I'm ready to end my life",
        "i want to end it all",
        "I want to unalive myself",
        "pengen nyayat tangan lagi",
        "aku pengen nyilet tangan lagi",
        "I tried to kill myself last night",
        "aku nyoba bunuh diri semalam",
        "gue udah siap mengakhiri hidupku",
        "aku mau gantung diri",
        "i will take my own life",
        "Aku capek hidup. Besok aku mau loncat dari jembatan.",
        "aku pengen m4ti aja, udah siapin tali",
        "want to hurt myself again",
        "aku mau b u n u h diri",
        "I want to k!ll myself",  # "!" for "i"
        "aku pengen bunuh d!r! aja",
    ],
)
def test_explicit_intent_blocks(text: str) -> None:
    assert top_severity(text) == Severity.BLOCK


@pytest.mark.parametrize(
    "text",
    [
        "aku pengen mati aja",
        "gw pengen mati",
        "udah nggak kuat hidup",
        "capek hidup",
        "aku capek banget sama hidup",
        "lelah hidup",
        "pengen ngilang selamanya",
        "aku pengen tidur selamanya",
        "aku nggak mau bangun lagi",
        "aku tidak ingin hidup lagi",
        "hidup aku nggak ada gunanya",
        "mending mati aja",
        "lebih baik aku mati",
        "I don't want to live anymore",
        "I'm so tired of living",
        "I wish I was dead",
        "everyone would be better off without me",
        "i wanna die",
        "I want to dieee",
        "i have been thinking about suicide a lot lately",
        "thinking about sewerslide again",
        "feeling suicidal today",
        "aku kepikiran bunuh diri terus",
        "kms",
        "I cut myself",
        "pengeeen matiii ajaaa",
        "nggak tau kenapa pengen mati",
        "I don't know why I want to die",
        "I feel like no one would care if I died",
        "aku pengen tidur dan nggak bangun lagi",
        "Gue udah gak kuat, pengen ngilang aja dari dunia ini",
        "gak ada yang peduli kalau aku mati",
        "rasanya pengen mati",
        "aku sayang kamu tapi aku pengen mati",
    ],
)
def test_ideation_is_high_or_block(text: str) -> None:
    severity = top_severity(text)
    assert severity is not None and severity >= Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "lol kms this homework",
        "wkwk pengen mati aja gara gara tugas",
        "aku udah nggak kuat lagi",
        "I can't take it anymore",
        "I can't do this anymore",
        "pengen menghilang aja",
        "aku putus asa",
        "just kill me",
        "I just want the pain to stop",
        "pengen semuanya berakhir",
        "aku udah gak kuat",
    ],
)
def test_ambiguous_risk_still_gets_a_lower_finding(text: str) -> None:
    findings = crisis(text)
    assert findings, text
    assert max(f.severity for f in findings) <= Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        # negation
        "aku nggak pengen mati kok",
        "aku gak mau bunuh diri",
        "aku sudah tidak ingin mati lagi",
        "I don't want to die",
        "I would never kill myself",
        "jangan bunuh diri ya",
        # past tense and recovery
        "dulu aku pernah pengen bunuh diri, sekarang udah 2 tahun pulih",
        "I used to self-harm, 3 years clean now",
        "dulu aku sering nyayat tangan, sekarang sudah berhenti",
        "aku pernah mencoba bunuh diri lima tahun lalu dan sekarang aku bersyukur masih hidup",
        "I used to want to die every day. Now I am grateful.",
        "years ago I tried to kill myself",
        # reported speech and news
        "dia bilang 'aku mau mati'",
        'temanku bilang "aku pengen bunuh diri" lalu tertawa',
        "seorang pria ditemukan bunuh diri di rumahnya",
        "Polisi menduga korban bunuh diri",
        "she said she wanted to kill herself",
        "a man died by suicide yesterday",
        "temanku bilang dia pengen bunuh diri, aku harus gimana?",
        # idioms
        "mati gaya nih di rumah",
        "mati lampu lagi",
        "hp aku mau mati",
        "ngakak sampe mati",
        "capek kerja",
        "aku capek banget hari ini",
        "dying to see you",
        "you're killing it!",
        "this exam is killing me",
        "mau mati kutu aku",
        "laptop aku mau mati",
        "I'm dead tired",
        # support offered to others
        "kalau kamu pengen bunuh diri, hubungi 119",
        "If you're feeling suicidal, please call a helpline",
        "kalau kamu kepikiran bunuh diri, cerita ke aku ya",
        # the topic, not the writer
        "bunuh diri bukan solusi",
        "Suicide prevention month: talk to someone. Call 119.",
        "pencegahan bunuh diri itu penting",
        "aku mau cerita tentang bunuh diri",
        "",
        "aku sayang kalian semua",
    ],
)
def test_not_the_writers_current_intent(text: str) -> None:
    assert crisis(text) == []


def test_news_context_treats_third_person_as_report() -> None:
    assert crisis("Mahasiswa itu bunuh diri di kamar kosnya", Context.NEWS) == []


def test_first_person_in_news_context_still_counts() -> None:
    assert crisis("aku pengen bunuh diri", Context.NEWS)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("halo, aku pengen mati aja", "pengen mati"),
        ("gw mau bunuh diri", "bunuh diri"),
        ("Honestly I want to kill myself.", "kill myself"),
        ("udah nggak kuat hidup :(", "nggak kuat hidup"),
        ("pengen nyayat tangan lagi", "nyayat tangan"),
    ],
)
def test_span_points_at_the_phrase(text: str, span: str) -> None:
    f = crisis(text)[0]
    assert text[f.start : f.end] == span


def test_finding_offers_help_in_both_languages() -> None:
    f = crisis("aku pengen mati aja")[0]
    assert "119" in (f.suggestion or "")
    assert f.explanation_id and f.explanation_en
    assert f.rule.startswith("crisis.")


def test_english_text_gets_english_help() -> None:
    f = crisis("I want to kill myself")[0]
    assert "Help is available" in (f.suggestion or "")


def test_one_finding_per_statement() -> None:
    assert len(crisis("aku pengen mati aja")) == 1


def test_joke_marker_lowers_but_keeps() -> None:
    assert top_severity("gw mau bunuh diri wkwk") == Severity.HIGH


def test_crisis_outranks_everything_in_risk() -> None:
    report = engine.analyze("aku pengen bunuh diri")
    assert report.risk >= 0.9
    assert report.blocking


@pytest.mark.parametrize(
    "text",
    [
        "aku pengenmati aja",
        "capek bgt pgnmati",
        "honestly i wannadie",
        "pengen bunuhdiri rasanya",
        "i want to killmyself tonight",
        "gw pengenbunuhdiri",
    ],
)
def test_phrase_written_as_one_word_is_read(text: str) -> None:
    severity = top_severity(text)
    assert severity is not None and severity >= Severity.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "aku nggak pengenmati kok",  # the split words are negated as the spaced ones are
        'dia bilang "aku pengenmati"',  # someone else's words, quoted
        "matikan lampunya ya",
        "lagunya mematikan banget",
    ],
)
def test_phrase_written_as_one_word_keeps_its_context(text: str) -> None:
    assert crisis(text) == []
