"""The public API: analyze(), Engine(model=...), the trained layer and the report shape."""

from suar.safety import Category, Engine, Severity, analyze


class FakeModel:
    thresholds = {"harassment": 0.5, "crisis": 0.3}

    def __init__(self, scores: dict[str, float]) -> None:
        self.scores = scores

    def predict_proba(self, text: str) -> dict[str, float]:
        return dict(self.scores)


def test_analyze_returns_full_report() -> None:
    report = analyze("aku pengen mati aja")
    assert report.language == "id"
    assert report.has(Category.CRISIS)
    assert report.readability is not None
    data = report.to_dict()
    assert data["findings"][0]["category"] == "crisis"
    assert data["findings"][0]["severity"] == "high"


def test_findings_sorted_most_severe_first() -> None:
    report = Engine().analyze("hubungi 081234567890. lo tuh goblok. gw mau bunuh diri")
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, reverse=True)
    assert report.findings[0].category == Category.CRISIS


def test_model_scores_are_copied_and_add_a_whole_text_finding() -> None:
    engine = Engine(model=FakeModel({"harassment": 0.9, "crisis": 0.1}))
    text = "kata-kata halus tapi menyakitkan"
    report = engine.analyze(text)
    assert report.model_scores == {"harassment": 0.9, "crisis": 0.1}
    (f,) = report.of(Category.HARASSMENT)
    assert (f.start, f.end, f.rule, f.score) == (0, len(text), "model.harassment", 0.9)
    assert not report.has(Category.CRISIS)


def test_model_uses_its_own_threshold() -> None:
    report = Engine(model=FakeModel({"crisis": 0.35})).analyze("aku lelah")
    (f,) = report.of(Category.CRISIS)
    assert f.rule == "model.crisis"
    assert f.severity == Severity.HIGH


def test_model_does_not_duplicate_a_rule_finding() -> None:
    report = Engine(model=FakeModel({"crisis": 0.99})).analyze("aku pengen mati aja")
    assert [f.rule for f in report.of(Category.CRISIS)] == ["crisis.passive"]


def test_no_model_harassment_on_the_writers_own_crisis_said_to_no_one() -> None:
    engine = Engine(model=FakeModel({"harassment": 0.8, "crisis": 0.1}))
    report = engine.analyze("mending mati daripada hidup kayak gini")
    assert [f.rule for f in report.findings] == ["crisis.passive"]
    assert report.model_scores["harassment"] == 0.8  # still reported as a score


def test_model_harassment_stands_when_the_text_speaks_to_someone() -> None:
    engine = Engine(model=FakeModel({"harassment": 0.8, "crisis": 0.1}))
    # addressed ("lo"), or a crisis only unclear: the model's harassment finding stays
    for text in ("lo tuh ya, mending gw mati aja", "ugh kill me now, another meeting"):
        report = engine.analyze(text)
        assert "model.harassment" in {f.rule for f in report.findings}, text


def test_unknown_model_label_only_goes_to_scores() -> None:
    report = Engine(model=FakeModel({"ok": 0.99})).analyze("halo")
    assert report.findings == ()
    assert report.model_scores == {"ok": 0.99}


def test_rules_alone_without_model() -> None:
    report = Engine().analyze("halo semua")
    assert report.model_scores == {}
    assert report.findings == ()


def test_a_crisis_text_is_blocking_even_without_a_plan() -> None:
    report = analyze("aku pengen mati aja, capek banget hidup kayak gini")

    assert report.has(Category.CRISIS)
    assert report.blocking


def test_a_recovery_story_is_not_blocking() -> None:
    assert not analyze("dulu aku pernah pengen mati, sekarang udah 2 tahun pulih").blocking
