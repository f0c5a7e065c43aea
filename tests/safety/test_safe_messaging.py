"""Safe messaging (WHO, reportingonsuicide.org, Dewan Pers 2019) for posts about suicide."""

import pytest

from suar.safety import Category, Context, Engine, Severity

engine = Engine()


def rules(text: str, context: Context = Context.POST) -> list[str]:
    return sorted(
        {f.rule for f in engine.analyze(text, context=context).of(Category.SAFE_MESSAGING)}
    )


@pytest.mark.parametrize(
    ("text", "rule", "term"),
    [
        ("He committed suicide last year. Call 119 for help.", "S3", "committed suicide"),
        ("Ia melakukan bunuh diri. Hubungi 119.", "S3", "melakukan bunuh diri"),
        ("a failed suicide attempt. Call a helpline.", "S4", "failed suicide"),
        ("percobaan bunuh diri yang gagal. Hubungi 119.", "S4", "percobaan bunuh diri yang gagal"),
        ("dia gagal bunuh diri. Hubungi 119.", "S4", "gagal bunuh diri"),
        ("artis itu sukses bunuh diri. Hubungi 119.", "S4", "sukses bunuh diri"),
        ("her suicide attempt failed. Call a helpline.", "S4", "suicide attempt failed"),
        ("a suicide epidemic among teens. Call a helpline.", "S5", "epidemic"),
        ("kasus bunuh diri melonjak. Hubungi 119.", "S5", "melonjak"),
        ("Dia bunuh diri karena putus cinta. Hubungi 119.", "S6", "karena putus cinta"),
        ("He died by suicide because of bullying. Call 988.", "S6", "because of bullying"),
        ("Bunuh diri tanpa tanda apa pun. Hubungi 119.", "S7", "tanpa tanda"),
        ("Suicide without warning. Call a helpline.", "S7", "without warning"),
        ("Bunuh diri adalah jalan keluar. Hubungi 119.", "S8", "jalan keluar"),
        ("suicide was the only way out. call a helpline", "S8", "only way out"),
        ("Isi surat wasiat korban bunuh diri. Hubungi 119.", "S9", "surat wasiat"),
        ("Video bunuh diri itu viral. Hubungi 119.", "S9", "Video"),
        ("Pelaku bunuh diri ditemukan. Hubungi 119.", "S11", "Pelaku"),
        ("Bunuh diri karena kesurupan. Hubungi 119.", "S13", "kesurupan"),
        ("Seorang pria (25) bunuh diri. Hubungi 119.", "S12", "(25)"),
        ("A 17-year-old died by suicide. Call 988.", "S12", "17-year-old"),
        ("Dia lagi live mau bunuh diri. Hubungi 112.", "S14", "lagi live"),
    ],
)
def test_rule_and_span(text: str, rule: str, term: str) -> None:
    found = [f for f in engine.analyze(text).of(Category.SAFE_MESSAGING) if f.rule == rule]
    assert found, engine.analyze(text).findings
    assert text[found[0].start : found[0].end] == term
    assert found[0].explanation_id and found[0].explanation_en


@pytest.mark.parametrize(
    "text",
    [
        "Seorang pria ditemukan bunuh diri di rumahnya",
        "Suicide rates are rising among young people",
        "Bunuh diri bisa dicegah",
    ],
)
def test_s10_asks_for_help_resources(text: str) -> None:
    report = engine.analyze(text)
    s10 = [f for f in report.of(Category.SAFE_MESSAGING) if f.rule == "S10"]
    assert len(s10) == 1
    assert s10[0].severity == Severity.WARN
    assert "119" in (s10[0].suggestion or "")


@pytest.mark.parametrize(
    "text",
    [
        "Bunuh diri bisa dicegah. Hubungi Healing119.id atau 119 ext 8.",
        "Suicide is preventable. If you are struggling, call a helpline.",
        "Bunuh diri bisa dicegah, cari bantuan profesional ya",
        "Pencegahan bunuh diri: ada layanan konseling gratis",
    ],
)
def test_s10_silent_when_resources_present(text: str) -> None:
    assert "S10" not in rules(text)


def test_s10_is_a_gentle_note_in_a_reply() -> None:
    report = engine.analyze("bunuh diri itu topik berat", context=Context.REPLY)
    (s10,) = [f for f in report.findings if f.rule == "S10"]
    assert s10.severity == Severity.INFO


def test_s10_is_a_gentle_note_on_a_recovery_story() -> None:
    text = "dulu aku pernah pengen bunuh diri, sekarang udah 2 tahun pulih"
    report = engine.analyze(text)
    assert not report.has(Category.CRISIS)
    assert all(f.severity == Severity.INFO for f in report.findings)


@pytest.mark.parametrize(
    "text",
    [
        "aku pengen bunuh diri",
        "I want to kill myself",
        "bunuh diri bukan solusi. Hubungi 119.",
        "suicide is not the only way out. Call 988.",
        "aku lagi belajar untuk ujian",
        "nonton video lucu",
        "solusi masalah matematika",
        "",
    ],
)
def test_nothing_to_lint(text: str) -> None:
    assert rules(text) == []


def test_rules_only_near_the_topic() -> None:
    text = "Ini video lucu.\n\nLain cerita. Kemarin hujan. Berita: pria bunuh diri. Hubungi 119."
    assert "S9" not in rules(text)
