"""Stacking: the rules' findings as features of the trained model, which then decides the weaker
rule hits of a category (never crisis), and older models that still score as before."""

from __future__ import annotations

import json
import random
from array import array
from pathlib import Path

import pytest

from suar.safety import Category, Engine, Severity
from suar.safety.model import (
    FeatureConfig,
    TextModel,
    rule_feature,
    rule_feature_names,
    rule_findings,
    text_features,
    train,
)
from suar.safety.training import _choose_alone

SMALL = FeatureConfig(n_buckets=1 << 16)


def _model(
    rule_weights: dict[str, float],
    *,
    rules_alone: dict[str, int] | None = None,
    config: FeatureConfig = SMALL,
) -> TextModel:
    """A harassment-and-crisis model whose only non-zero weights are on rule features."""
    weights = []
    for _ in ("crisis", "harassment"):
        w = array("f", bytes(4 * config.n_buckets))
        for name, value in rule_weights.items():
            w[rule_feature(name, config)] = value
        weights.append(w)
    return TextModel(
        labels=("crisis", "harassment"),
        thresholds={"crisis": 0.5, "harassment": 0.5},
        intercepts=(-3.0, -3.0),
        weights=tuple(weights),
        config=config,
        rules_alone=dict(rules_alone or {}),
        rule_labels=("harassment",),
    )


def test_rule_feature_names_cover_rule_severity_and_matched_word() -> None:
    text = "dasar kamu G0BL0K"
    names = rule_feature_names(rule_findings(text), text)
    assert names == sorted(
        {
            "harassment.insult.targeted",
            "harassment@HIGH",
            "harassment.insult.targeted|goblok",  # the model word: leetspeak read as letters
        }
    )
    threat = "gw bunuh lo"
    assert rule_feature_names(rule_findings(threat), threat) == [
        "harassment.threat",  # a phrase: no word feature
        "harassment@BLOCK",
    ]
    assert rule_feature_names((), "halo") == []


def test_rule_weights_add_to_the_score_unscaled() -> None:
    model = _model({"harassment.insult": 5.0, "harassment@WARN": 0.5})
    text = "orang itu bodoh"
    findings = rule_findings(text)
    assert [f.rule for f in findings] == ["harassment.insult"]
    # No word weights: the score is the intercept plus each rule feature once, for the labels
    # that take rule features (crisis does not here, though its weights are there).
    assert model.decision(text) == pytest.approx((-3.0, -3.0 + 5.5))
    assert model.decision(text, findings=()) == pytest.approx((-3.0, -3.0))
    assert model.predict_proba(text) == model.predict_proba(text, findings)


def test_the_engine_gives_the_model_its_findings_from_the_hot_path() -> None:
    model = _model({"harassment.insult": 5.0})
    report = Engine(model).analyze("orang itu bodoh")
    expected = model.predict_proba("orang itu bodoh")
    assert report.model_scores == {k: round(v, 4) for k, v in expected.items()}
    assert report.model_scores["harassment"] > 0.85  # sigmoid(-3 + 5)


def test_the_model_overrules_weak_rule_hits_it_does_not_trust() -> None:
    # This model learnt nothing for untargeted insults: p = sigmoid(-3) < 0.5.
    model = _model({"harassment.insult.targeted": 6.0}, rules_alone={"harassment": 4})
    engine = Engine(model)
    assert Engine().analyze("orang itu bodoh").has(Category.HARASSMENT)
    assert not engine.analyze("orang itu bodoh").has(Category.HARASSMENT)
    # What the model confirms keeps the rules' own findings (spans, advice), no model finding.
    kept = engine.analyze("dasar kamu bodoh").of(Category.HARASSMENT)
    assert [f.rule for f in kept] == ["harassment.insult.targeted"]
    # A threat (BLOCK) stands at rules_alone 4 even though the model rejects it.
    threat = engine.analyze("gw bunuh lo").of(Category.HARASSMENT)
    assert [(f.rule, f.severity) for f in threat] == [("harassment.threat", Severity.BLOCK)]
    # With every severity standing, nothing is dropped (the engine before rule features).
    union = Engine(_model({}, rules_alone={"harassment": 1}))
    assert union.analyze("orang itu bodoh").has(Category.HARASSMENT)


def test_rule_crisis_and_block_findings_are_never_dropped() -> None:
    # 5 (above BLOCK) is what a model file could say; the engine still keeps BLOCK findings.
    model = _model({}, rules_alone={"crisis": 5, "harassment": 5})
    report = Engine(model).analyze("aku pengen mati aja")
    assert report.model_scores["crisis"] < 0.5
    assert report.has(Category.CRISIS)
    threat = Engine(model).analyze("gw bunuh lo").of(Category.HARASSMENT)
    assert [(f.rule, f.severity) for f in threat] == [("harassment.threat", Severity.BLOCK)]
    assert not Engine(model).analyze("orang itu bodoh").has(Category.HARASSMENT)


def test_choose_alone_learns_whether_rule_hits_stand() -> None:
    truth = [True] * 6 + [False] * 6
    # The model is right about every row; the rules fire (WARN) on three negatives.
    probs = [0.9] * 6 + [0.1] * 6
    noisy = [2, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0]
    choice, tried = _choose_alone(truth, probs, 0.5, noisy)
    assert choice == int(Severity.HIGH)  # the first choice that no longer lets WARN stand
    assert tried["INFO"] < tried["HIGH"] == 1.0
    # The model misses two positives that the rules (HIGH) catch, and no negative fires them;
    # the model cannot catch them without a false alarm (0.3 > 0.2).
    probs = [0.9] * 4 + [0.2, 0.2] + [0.3] + [0.1] * 5
    reliable = [0, 0, 0, 0, 3, 3] + [0] * 6
    choice, tried = _choose_alone(truth, probs, 0.5, reliable)
    assert choice == int(Severity.INFO)  # every finding stands
    assert tried["INFO"] == 1.0 > tried["BLOCK"]


def _community_rows(n: int = 40, seed: int = 3) -> list[tuple[str, str]]:
    """A community where "dia gila" (an insult about someone, WARN for the rules) is
    admiration, and real insults are aimed at the reader."""
    rng = random.Random(seed)
    fill = ["banget", "sih", "deh", "hari ini", "ya"]
    rows = []
    for i in range(n):
        rows.append((f"gila lagunya enak {rng.choice(fill)} {i}", "ok"))
        rows.append((f"dia gila {rng.choice(fill)} nomor {i}", "ok"))
        rows.append((f"dasar kamu tolol {rng.choice(fill)} {i}", "harassment"))
        rows.append((f"kamu bego {rng.choice(fill)} nomor {i}", "harassment"))
        rows.append((f"makan siang enak {rng.choice(fill)} {i}", "ok"))
    return rows


@pytest.fixture(scope="module")
def community() -> TextModel:
    return train(_community_rows(), c=4.0)


def test_training_with_rule_features_learns_which_rules_to_trust(community: TextModel) -> None:
    assert community.config.rule_features and community.rule_labels == ("harassment",)
    assert set(community.rules_alone) == {"harassment"}
    assert community.rules_alone["harassment"] > int(Severity.WARN)
    oof = community.metadata["rules_alone_oof_f1"]["harassment"]
    assert set(oof) == {"INFO", "WARN", "HIGH", "BLOCK"}  # BLOCK findings always stand
    engine = Engine(community)
    text = "dia gila banget"
    assert Engine().analyze(text).has(Category.HARASSMENT)  # the rules alone flag it
    assert not engine.analyze(text).has(Category.HARASSMENT)
    assert engine.analyze("dasar kamu tolol banget").has(Category.HARASSMENT)


def test_a_model_with_rule_features_round_trips_as_version_3(
    community: TextModel, tmp_path: Path
) -> None:
    path = community.save(tmp_path / "model.json")
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 3 and data["config"]["rule_features"] is True
    loaded = TextModel.load(path)
    assert loaded.rules_alone == community.rules_alone
    for text in ["dia gila", "dasar kamu tolol", "gw bunuh lo", "makan siang"]:
        assert loaded.predict_proba(text) == pytest.approx(community.predict_proba(text), abs=1e-6)
        assert Engine(loaded).analyze(text) == Engine(community).analyze(text)


def test_old_version_2_files_load_and_score_exactly_as_before(tmp_path: Path) -> None:
    old_config = FeatureConfig(rule_features=False)
    old = train(_community_rows(20), c=4.0, config=old_config)
    assert old.rules_alone == {}
    path = old.save(tmp_path / "model.json")
    data = json.loads(path.read_text("utf-8"))
    # Exactly the layout of version 2 files: no rule settings anywhere.
    assert data["version"] == 2 and "rules_alone" not in data and "rule_labels" not in data
    assert set(data["config"]) == {"n_buckets", "char_min", "char_max", "word_bigrams", "min_count"}
    loaded = TextModel.load(path)
    assert not loaded.config.rule_features and loaded.rules_alone == {}
    for text in ["dia gila sih", "dasar kamu tolol", "gw bunuh lo"]:
        # The old score: intercept + the text's word weights / sqrt(count), nothing else.
        buckets = text_features(text, old_config)
        scale = old_config.scale(len(buckets))
        z = loaded.intercepts[0] + sum(float(loaded.weights[0][b]) for b in buckets) * scale
        assert loaded.decision(text)[0] == pytest.approx(z, rel=1e-9)
        assert loaded.predict_proba(text) == loaded.predict_proba(text, rule_findings(text))
    # And the engine keeps every rule finding (no rules_alone): the union, as before.
    assert loaded.predict_proba("dia gila sih")["harassment"] < loaded.thresholds["harassment"]
    assert Engine(loaded).analyze("dia gila sih").has(Category.HARASSMENT)


def test_a_version_2_file_cannot_claim_rule_features(tmp_path: Path) -> None:
    model = _model({})
    path = model.save(tmp_path / "model.json")
    data = json.loads(path.read_text("utf-8"))
    data["version"] = 2
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ValueError, match="version 2"):
        TextModel.load(path)


def test_crisis_is_fitted_without_rule_features() -> None:
    rows = _community_rows(12)
    rows += [(f"aku pengen mati aja {i}", "crisis") for i in range(12)]
    rows += [(f"aku capek hidup {i}", "crisis") for i in range(12)]
    model = train(rows, c=4.0)
    assert model.rule_labels == ("harassment",) and "crisis" not in model.rules_alone
    text = "aku pengen mati aja"
    crisis = model.labels.index("crisis")
    # The crisis score is the text's alone: the rules' findings add nothing to it.
    assert model.decision(text)[crisis] == model.decision(text, findings=())[crisis]
    assert Engine(model).analyze(text).has(Category.CRISIS)


def test_cached_rule_totals_are_the_plain_sums(community: TextModel) -> None:
    texts = [
        "dasar kamu tolol, dia gila, orang itu bangsat",
        "kamu g o b l o k dan kamu G0BL0K",
        "gw bunuh lo, dasar bego",
        "aku pengen mati aja, kamu tolol",
        "dia gila",
        "makan siang enak",
    ]
    harassment = community.labels.index("harassment")
    for _ in range(2):  # cold caches, then warm
        for text in texts:
            findings = rule_findings(text)
            names = rule_feature_names(findings, text)
            plain = sum(
                (
                    float(community.weights[harassment][rule_feature(n, community.config)])
                    for n in names
                ),
                0.0,
            )
            totals = community.rule_totals(findings, text)
            if not findings:
                assert totals is None
                continue
            assert totals is not None
            assert totals[harassment] == pytest.approx(plain, rel=1e-12, abs=1e-12), text
