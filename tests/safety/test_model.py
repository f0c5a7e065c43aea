"""The trainable layer: training separates classes, files round-trip, the active model is found."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from suar.safety import model as text_model
from suar.safety.model import TextModel, load_active, tokens, train

INSULTS = ["goblok", "tolol", "bangsat", "bego", "idiot", "brengsek"]
KIND = ["keren", "hebat", "baik", "semangat", "makasih", "mantap"]
PAIN = ["pengen mati", "mau bunuh diri", "ga kuat hidup lagi", "mau mengakhiri semuanya"]
FILLER = ["banget", "hari ini", "sih", "ya", "deh", "kok"]


def generated_rows(n: int = 60, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        rows.append((f"kamu {rng.choice(INSULTS)} {rng.choice(FILLER)}", "harassment"))
        rows.append((f"kamu {rng.choice(KIND)} {rng.choice(FILLER)}", "ok"))
        rows.append((f"aku {rng.choice(PAIN)} {rng.choice(FILLER)}", "crisis"))
    return rows


@pytest.fixture(scope="module")
def trained() -> TextModel:
    return train(generated_rows(), source="generated")


def test_training_finds_labels_and_treats_ok_as_negative(trained: TextModel) -> None:
    assert trained.labels == ("crisis", "harassment")
    assert trained.metadata["n_rows"] == 180
    assert trained.metadata["label_counts"] == {"crisis": 60, "harassment": 60, "ok": 60}
    assert trained.metadata["source"] == "generated"
    assert trained.metadata["trained_at"]


def test_predictions_separate_the_classes(trained: TextModel) -> None:
    insult = trained.predict_proba("dasar kamu goblok")
    kind = trained.predict_proba("kamu hebat sekali")
    pain = trained.predict_proba("aku pengen mati")
    assert insult["harassment"] > 0.5 > kind["harassment"]
    assert pain["crisis"] > 0.5 > kind["crisis"]
    assert "harassment" in trained.predict("dasar kamu goblok")
    assert trained.predict("kamu hebat sekali") == {}


def test_disguised_spellings_score_like_the_plain_word(trained: TextModel) -> None:
    plain = trained.predict_proba("kamu goblok")["harassment"]
    assert trained.predict_proba("kamu G0BL0KKK")["harassment"] == pytest.approx(plain)
    assert trained.predict_proba("kamu g o b l o k")["harassment"] == pytest.approx(plain)


def test_normalisation_of_slang_tricks() -> None:
    assert tokens("G0BL0K b*ngsat anjiiir B A N G S A T") == [
        "goblok",
        "bngsat",
        "anjir",
        "bangsat",
    ]
    assert tokens("nggak pengen mati kok") == tokens("gak pengen mati kok")
    assert tokens("tahun 2019, 081234") == ["tahun", "2019", "081234"]
    assert tokens("") == []


def test_accounts_are_no_model_words() -> None:
    # Read as leetspeak, "@suar_id" was "asuarid", which scored as the insult "asu".
    assert tokens("follow @suar_id ya") == ["folow", "ya"]
    assert tokens("@budi_santoso lo goblok") == ["lo", "goblok"]
    assert tokens("k@f1r") == ["kafir"]  # an "@" inside a word is still a letter
    # The rules still read a disguised insult at the start ("@njing") and aim it.
    from suar.safety import Category, Engine

    rules = {f.rule for f in Engine().analyze("@njing lo").of(Category.HARASSMENT)}
    assert rules and all(r.startswith("harassment.") for r in rules)


def test_save_and_load_give_identical_scores(trained: TextModel, tmp_path: Path) -> None:
    path = trained.save(tmp_path / "model.json")
    loaded = TextModel.load(path)
    assert loaded.labels == trained.labels
    assert loaded.thresholds == trained.thresholds
    assert loaded.metadata == trained.metadata
    for text in ["dasar kamu goblok", "aku pengen mati", "selamat pagi", "", "🙂🙂"]:
        assert loaded.predict_proba(text) == trained.predict_proba(text)


def test_saved_file_is_plain_json(trained: TextModel, tmp_path: Path) -> None:
    data = json.loads(trained.save(tmp_path / "model.json").read_text("utf-8"))
    assert data["format"] == "suar-textmodel"
    assert data["labels"] == ["crisis", "harassment"]


def test_load_refuses_other_files(tmp_path: Path) -> None:
    other = tmp_path / "model.json"
    other.write_text('{"hello": 1}', "utf-8")
    with pytest.raises(ValueError, match="not a Suar text model"):
        TextModel.load(other)
    other.write_bytes(b"\x80\x04\x95 pickle")
    with pytest.raises(ValueError, match="not a Suar text model"):
        TextModel.load(other)


def test_thresholds_decide_what_predict_reports(trained: TextModel) -> None:
    text = "kamu goblok"
    p = trained.predict_proba(text)["harassment"]
    strict = TextModel(
        labels=trained.labels,
        thresholds={**trained.thresholds, "harassment": min(1.0, p + 0.01)},
        intercepts=trained.intercepts,
        weights=trained.weights,
        config=trained.config,
    )
    assert "harassment" in trained.predict(text)
    assert "harassment" not in strict.predict(text)
    assert all(0.0 < t < 1.0 for t in trained.thresholds.values())


def test_training_is_deterministic() -> None:
    first = train(generated_rows(30))
    second = train(generated_rows(30))
    assert first.thresholds == second.thresholds
    assert first.predict_proba("kamu tolol") == second.predict_proba("kamu tolol")


def test_training_needs_something_to_learn() -> None:
    with pytest.raises(ValueError, match="nothing to learn"):
        train([("halo", "ok"), ("apa kabar", "none")])
    with pytest.raises(ValueError, match="no training rows"):
        train([])


def test_load_active_prefers_the_data_dir_model(
    trained: TextModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    shipped = load_active()
    assert shipped is not None
    assert shipped.metadata["source"] == "default_training.csv"
    trained.save(tmp_path / "safety" / "model.json")
    active = load_active()
    assert active is not None
    assert active.metadata["source"] == "generated"
    assert load_active() is active  # cached


def test_load_active_with_explicit_dir_and_without_any_model(
    trained: TextModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_model, "PACKAGE_DATA_DIR", tmp_path / "no-package-data")
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path / "empty"))
    assert load_active() is None
    trained.save(tmp_path / "elsewhere" / "safety" / "model.json")
    explicit = load_active(tmp_path / "elsewhere")
    assert explicit is not None
    assert explicit.metadata["source"] == "generated"


def test_default_data_dir_is_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SUAR_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert text_model.data_dir() == tmp_path / ".local" / "share" / "suar"


def test_shipped_model_handles_the_issue_examples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    shipped = load_active()
    assert shipped is not None
    assert "harassment" in shipped.predict("dasar g0bl0k lu")
    assert "harassment" not in shipped.predict("anjir keren banget")
    assert "crisis" in shipped.predict("aku pengen mati aja")
    assert "crisis" not in shipped.predict("mati gaya di rumah seharian")


def test_prediction_is_fast_enough_for_one_short_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import time

    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    shipped = load_active()
    assert shipped is not None
    text = ("aku capek banget hari ini tapi temen2 bilang semangat ya, kamu pasti bisa. " * 4)[:280]
    shipped.predict_proba(text)
    started = time.perf_counter()
    for _ in range(200):
        shipped.predict_proba(text)
    per_text = (time.perf_counter() - started) / 200
    assert per_text < 0.0005  # generous for slow CI machines; ~20-40 µs on a laptop


def fruit_rows() -> list[tuple[str, str]]:
    # Made-up "insults" no rule knows, so only the trained layer can find them.
    rows = []
    for i in range(20):
        rows.append((f"dasar kamu semangka busuk {i}", "harassment"))
        rows.append((f"kamu itu rambutan basi nomor {i}", "harassment"))
        rows.append((f"aku beli semangka segar di pasar {i}", "ok"))
        rows.append((f"rambutan manis dari kebun nenek {i}", "ok"))
    return rows


def test_engine_uses_the_trained_model_on_top_of_the_rules() -> None:
    from suar.safety import Category, Engine

    fruit = train(fruit_rows())
    assert not Engine(None).analyze("dasar kamu semangka busuk").has(Category.HARASSMENT)
    report = Engine(fruit).analyze("dasar kamu semangka busuk")
    assert [f.rule for f in report.of(Category.HARASSMENT)] == ["model.harassment"]
    assert report.model_scores["harassment"] >= fruit.thresholds["harassment"]


def test_analyze_uses_the_model_trained_into_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import suar.safety as safety

    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    train(fruit_rows(), source="fruit").save(tmp_path / "safety" / "model.json")
    monkeypatch.setattr(safety, "_default", None)  # a fresh process's engine
    report = safety.analyze("dasar kamu semangka busuk")
    assert report.has(safety.Category.HARASSMENT)
    active = load_active()
    assert active is not None and active.metadata["source"] == "fruit"
    assert report.model_scores == {
        k: round(v, 4) for k, v in active.predict_proba("dasar kamu semangka busuk").items()
    }


# Praise and support aimed at the reader, in both languages; the held-out ones are not in the
# training file, so they check that the model learnt the kind of text, not the rows.
SUPPORTIVE_TRAINED = ["proud of you", "bangga sama kamu", "kamu hebat", "you are so brave"]
SUPPORTIVE_HELD_OUT = [
    "really proud of you, man",
    "well done, proud of you!",
    "you're doing so well",
    "keep going, you are doing great",
    "aku bangga banget sama perjuangan kamu",
    "kamu keren udah berani cerita",
    "kamu hebat banget hari ini",
    "selamat ya, kamu hebat",
    "bangga sama lo bro",
    "proud of you, semangat terus ya",
]


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> TextModel:
    """The shipped model, through an empty data dir (and a fresh default engine for analyze)."""
    import suar.safety as safety

    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(safety, "_default", None)
    model = load_active()
    assert model is not None
    return model


@pytest.mark.parametrize("text", SUPPORTIVE_TRAINED + SUPPORTIVE_HELD_OUT)
def test_shipped_model_does_not_read_praise_as_harassment(text: str, shipped: TextModel) -> None:
    import suar.safety as safety

    assert "harassment" not in shipped.predict(text)
    report = safety.analyze(text)
    assert not report.has(safety.Category.HARASSMENT), report.findings
    assert report.model_scores["harassment"] < shipped.thresholds["harassment"] / 2


@pytest.mark.parametrize(
    "text", ["you idiot", "kamu goblok", "dasar bego lu", "hebat ya lo, bisanya cuma bikin malu"]
)
def test_shipped_model_still_reads_insults_as_harassment(text: str, shipped: TextModel) -> None:
    assert "harassment" in shipped.predict(text)


def test_the_supportive_examples_are_in_the_training_file() -> None:
    from suar.safety.training import read_rows

    rows = dict(read_rows(text_model.PACKAGE_DATA_DIR / "default_training.csv"))
    for text in SUPPORTIVE_TRAINED:
        assert rows[text] == "ok"
    for text in SUPPORTIVE_HELD_OUT:
        assert text not in rows  # held out: the test above checks what the model learnt


# Everyday English first-person talk, none of it in the training file: the shipped model read
# "I want to go to sleep early tonight" as crisis (0.51 against a cut-off of 0.33) until the
# December 2026 everyday rows, because its English crisis rows outnumbered the plain ones.
EVERYDAY_HELD_OUT = [
    "I want to watch the match tonight",
    "I want to go to sleep early tonight.",
    "I'm so tired of my job.",
    "I love this community.",
    "I'm doing better now, thanks for asking.",
    "I don't know, maybe.",
    "Tomorrow I want to start running again.",
    "Can't wait for the weekend, I need a nap.",
    "malam ini aku mau nonton film sama adik",
    "capek banget hari ini, pengen cepet tidur",
]
# The same frames with the writer's own intent, also held out: the model alone flags them.
CRISIS_HELD_OUT = [
    "I want to go to sleep tonight and never wake up again",
    "I'm so tired of being alive, I want it to end",
    "tomorrow I want to kill myself",
    "malam ini aku pengen mati aja",
]


@pytest.mark.parametrize("text", EVERYDAY_HELD_OUT)
def test_shipped_model_does_not_read_everyday_talk_as_crisis(text: str, shipped: TextModel) -> None:
    import suar.safety as safety

    report = safety.analyze(text)
    assert not report.has(safety.Category.CRISIS), report.findings
    assert report.model_scores["crisis"] < 0.75 * shipped.thresholds["crisis"]


@pytest.mark.parametrize("text", CRISIS_HELD_OUT)
def test_shipped_model_reads_the_same_frames_with_intent_as_crisis(
    text: str, shipped: TextModel
) -> None:
    assert "crisis" in shipped.predict(text)


def test_the_everyday_and_crisis_probes_are_not_in_the_training_file() -> None:
    from suar.safety.training import read_rows

    texts = {
        text.lower() for text, _ in read_rows(text_model.PACKAGE_DATA_DIR / "default_training.csv")
    }
    assert not texts & {t.lower() for t in EVERYDAY_HELD_OUT + CRISIS_HELD_OUT}
