"""A trained model's crisis finding is WARN, not HIGH, when its score rests on words the rules
read otherwise: a crisis phrase they cleared (a denial, an idiom) or an everyday sense
(data/everyday.tsv). The rest of the text is scored again, so a risk elsewhere stays HIGH."""

from __future__ import annotations

from pathlib import Path

import pytest

from suar.safety import Category, Engine, Severity
from suar.safety.model import load_active

RISK_WORDS = ("die", "kill", "rope", "battery", "hidup", "jump", "mati")


class WordModel:
    """Rates a text as crisis when it holds any of RISK_WORDS: what a bag of words learns."""

    thresholds = {"crisis": 0.5}

    def __init__(self) -> None:
        self.seen: list[str] = []

    def predict_proba(self, text: str) -> dict[str, float]:
        self.seen.append(text)
        risky = any(w in text.lower() for w in RISK_WORDS)
        return {"crisis": 0.9 if risky else 0.05}


def model_crisis(text: str, model: WordModel | None = None) -> tuple[str, Severity] | None:
    report = Engine(model or WordModel()).analyze(text)
    found = [f for f in report.of(Category.CRISIS) if f.rule.startswith("model.")]
    assert len(found) <= 1
    return (found[0].rule, found[0].severity) if found else None


@pytest.mark.parametrize(
    "text",
    [
        "I would die for my kids",  # devotion (everyday.tsv)
        "this cake is to die for",
        "aku rela mati demi anak-anakku",
        "my battery is dying",  # a device; nothing but function words is left
        "I kill every plant I own",
        "I want to jump into the pool",
        "I would never kill myself, my kids need me",  # a denial the rules cleared
        "capek hidup di kos sempit ini",  # how one lives, an idiom the rules cleared
    ],
)
def test_a_score_resting_on_words_read_otherwise_is_warn(text: str) -> None:
    assert model_crisis(text) == ("model.crisis.explained", Severity.WARN), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to die but I have the rope ready",  # the denial leaves the rope
        "I would die for my kids, I jump tomorrow",
        "I have the rope ready",  # nothing read otherwise
    ],
)
def test_a_risk_elsewhere_keeps_the_finding_high(text: str) -> None:
    assert model_crisis(text) == ("model.crisis", Severity.HIGH), text


def test_the_rest_is_what_gets_scored_again() -> None:
    model = WordModel()
    model_crisis("I don't want to die but I have the rope ready", model)
    assert model.seen[0] == "I don't want to die but I have the rope ready"
    rest = model.seen[1]
    assert "die" not in rest and "rope ready" in rest


def test_no_second_scoring_when_nothing_is_read_otherwise() -> None:
    model = WordModel()
    model_crisis("I have the rope ready", model)
    assert len(model.seen) == 1


def test_the_explained_finding_keeps_help_and_score() -> None:
    report = Engine(WordModel()).analyze("I would die for my kids")
    (f,) = report.of(Category.CRISIS)
    assert f.suggestion and "119" in f.suggestion
    assert f.score == 0.9
    assert "everyday" in f.explanation_en and "sehari-hari" in f.explanation_id


@pytest.fixture
def shipped_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Engine:
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    model = load_active()
    assert model is not None
    return Engine(model)


@pytest.mark.parametrize(
    "text",
    [
        "I would die for my kids",
        "I want to end this call, my battery is dying",
        "aku ingin mengakhiri hubungan ini",
        "I'm not suicidal, just tired of work",
        # setbacks and the day's dose, told to peers: the post needs answers, not hiding
        "I feel like giving up on recovery",
        "aku pengen nyerah sama recovery ini",
        "I hate myself for drinking again",
        "aku udah minum semua obat aku hari ini",
        "this craving is killing me but I'm holding on",
        "aku takut relapse malam ini",
        "I have no reason to complain, life is good",
        "aku gak bisa tidur, besok bangun pagi",
        # power cuts, a craving held off, a therapy exercise (6 December 2026)
        "mati listrik, wifi mati, gw juga mati gaya",
        "lagi craving judi online lagi, tapi gw udh blokir semua situsnya",
        "nulis surat buat diri sendiri 5 taun lagi, saran dari terapis",
        "aku pengen berhenti minum, ada yang bisa bantu?",  # asking peers for help to quit
    ],
)
def test_the_shipped_model_no_longer_hides_these(text: str, shipped_engine: Engine) -> None:
    """The shipped model rated each as crisis (0.32 to 0.76 against a cut-off of 0.32), and
    HIGH hides a community post as a crisis."""
    report = shipped_engine.analyze(text)
    assert report.has(Category.CRISIS)  # a moderator can still see the model's view
    assert all(f.severity < Severity.HIGH for f in report.of(Category.CRISIS)), text


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to die but I have the rope ready",
        "I feel like giving up on life",
        "aku udah minum semua obat aku hari ini, semoga nggak bangun lagi",
        "I took all my pills at once today",
        "I hate myself for drinking again, I want to die",
        "aku takut relapse malam ini, pengen mati aja",
    ],
)
def test_the_shipped_model_keeps_a_real_risk_high(text: str, shipped_engine: Engine) -> None:
    report = shipped_engine.analyze(text)
    assert any(f.severity >= Severity.HIGH for f in report.of(Category.CRISIS)), text


class TokenModel(WordModel):
    """A model that takes the engine's tokens, with the one-argument form the protocol names."""

    def predict_proba_tokens(self, raw_tokens: list[str]) -> dict[str, float]:
        return self.predict_proba(" ".join(raw_tokens))


def test_a_model_scoring_tokens_is_asked_again_the_same_way() -> None:
    model = TokenModel()
    assert model_crisis("I would die for my kids", model) == (
        "model.crisis.explained",
        Severity.WARN,
    )
    assert model_crisis("I don't want to die but I have the rope ready", model) == (
        "model.crisis",
        Severity.HIGH,
    )


class DensityModel(WordModel):
    """Rates a text by its share of risky words, as a bag of words does on a long post."""

    def predict_proba(self, text: str) -> dict[str, float]:
        self.seen.append(text)
        words = text.lower().replace(".", " ").split()
        risky = sum(any(r in w for r in RISK_WORDS) for w in words)
        return {"crisis": min(1.0, 3 * risky / max(len(words), 1))}


def test_a_risky_sentence_of_a_long_post_keeps_the_finding_high() -> None:
    """Without the three denials the whole post falls under the cut-off (1 risky word in
    16); its last sentence alone does not."""
    model = DensityModel()
    text = (
        "I would never kill myself, never kill myself, never kill myself, my kids need me and "
        "my wife needs me. I jump."
    )
    assert model_crisis(text, model) == ("model.crisis", Severity.HIGH)
    assert model.seen[-1] == "I jump"  # the sentence alone


def test_a_long_post_explained_in_every_sentence_is_warn() -> None:
    model = DensityModel()
    text = "I would die for my kids. I would die for my wife."
    assert model_crisis(text, model) == ("model.crisis.explained", Severity.WARN)


def crisis_rules(text: str) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in Engine(WordModel()).analyze(text).of(Category.CRISIS)]


def test_a_rule_warn_does_not_silence_a_model_sure_of_a_crisis() -> None:
    # The rules call "hopeless" unclear (WARN); the model's HIGH must still reach a moderator.
    found = crisis_rules("i feel so hopeless, the rope is ready")
    assert ("model.crisis", Severity.HIGH) in found
    assert ("crisis.unclear", Severity.WARN) in found


def test_a_rule_finding_as_severe_as_the_model_leaves_no_model_finding() -> None:
    assert crisis_rules("I want to kill myself, the rope is ready") == [
        ("crisis.self_act.intent", Severity.BLOCK)
    ]


def test_an_explained_model_score_adds_nothing_to_a_rule_warn() -> None:
    # Explained away (a device), the model has no HIGH; the rules' WARN already says it.
    assert crisis_rules("my battery is dying and i feel hopeless") == [
        ("crisis.unclear", Severity.WARN)
    ]
