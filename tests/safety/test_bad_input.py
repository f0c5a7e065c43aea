"""Bad input (empty, huge, invalid UTF-8, emoji, control characters): a report, never a crash."""

import time

import pytest

from suar.safety import Category, Context, Engine, Report, analyze, analyze_bytes

engine = Engine()


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "😭😭😭🙏🙏",
        "\x00\x01\x02\x1b[31m",
        "aku\x00pengen\x00mati",
        "\ud800 lone surrogate",
        "\u200b\u200b\u200b",
        "İstanbul ǅ ß ﬁ",
        "*" * 1000,
        "@" * 1000,
        "a" * 5000,
        "1" * 5000,
        "'" * 300 + '"' * 300,
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p",
        "b a n g s a t " * 200,
        "jl " * 2000,
        "0812 " * 2000,
        "x@y." * 2000,
    ],
)
def test_odd_text_gives_a_report(text: str) -> None:
    report = engine.analyze(text)
    assert isinstance(report, Report)
    assert report.text_length == len(text)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
    report.to_dict()


def test_control_characters_do_not_hide_a_crisis() -> None:
    assert engine.analyze("aku\x00pengen\x00mati").has(Category.CRISIS)


def test_megabyte_is_linear_and_still_finds_things() -> None:
    base = "Halo teman-teman, semangat ya hari ini! " * 25_000
    text = base + "aku pengen bunuh diri"
    start = time.perf_counter()
    report = engine.analyze(text)
    elapsed = time.perf_counter() - start
    assert len(text) > 1_000_000
    assert report.has(Category.CRISIS)
    assert elapsed < 10


def test_invalid_utf8_is_replaced_not_raised() -> None:
    report = analyze_bytes(b"aku pengen mati \xff\xfe aja")
    assert report.has(Category.CRISIS)
    assert report.text_length == len("aku pengen mati \ufffd\ufffd aja")


def test_bytes_to_analyze_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="analyze_bytes"):
        engine.analyze(b"halo")  # type: ignore[arg-type]


def test_unknown_context_is_a_clear_error() -> None:
    with pytest.raises(ValueError):
        engine.analyze("halo", context="tweet")


@pytest.mark.parametrize("context", [*list(Context), "reply", "news"])
def test_every_context_accepted(context: Context | str) -> None:
    assert engine.analyze("aku pengen mati", context=context).has(Category.CRISIS)


def test_deterministic() -> None:
    text = "lo tuh goblok, aku pengen mati aja. hubungi 081234567890"
    assert engine.analyze(text) == engine.analyze(text)
    assert analyze(text).findings == analyze(text).findings
