"""NB-LR in training: the naive-Bayes ratio, its choice by inner folds, and its folding into
the saved weights (so scoring a text needs nothing new)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from suar.safety import training
from suar.safety.model import FeatureConfig, train

ROWS = [
    *((f"dasar goblok {w} lu", "harassment") for w in ("banget", "parah", "emang", "sih")),
    *((f"kamu tolol {w}", "harassment") for w in ("amat", "bgt", "deh", "ya")),
    *((f"semangat {w} ya kamu", "ok") for w in ("terus", "pagi", "kerja", "belajar")),
    *((f"makasih {w} lu", "ok") for w in ("banyak", "banget", "ya", "loh")),
]


def test_nb_ratio_is_positive_for_features_of_the_label_and_zero_for_shared_ones() -> None:
    # columns: only in positive rows, in every row, only in negative rows
    matrix = csr_matrix(np.array([[0.5, 0.5, 0.0], [0.3, 0.3, 0.0], [0.0, 0.2, 0.9]]))
    ratio = training._nb_ratio(matrix, [1, 1, 0], alpha=1.0)
    assert ratio[0] > 0 > ratio[2]
    # Presence counts, not values: the shared column has 2+1 of 6 positives' mass vs 1+1 of 3.
    p = np.array([3.0, 3.0, 1.0])
    q = np.array([1.0, 2.0, 2.0])
    assert ratio == pytest.approx(np.log((p / p.sum()) / (q / q.sum())))


def test_scaled_fit_folds_the_ratio_into_the_weights() -> None:
    rng = np.random.default_rng(0)
    dense = (rng.random((40, 12)) < 0.3) * rng.random((40, 12))
    y = [int(row[0] + row[1] > row[2] + row[3]) for row in dense]
    matrix = csr_matrix(dense)
    intercept, coef = training._fit_binary(matrix, y, 4.0, nb_alpha=1.0)
    ratio = training._nb_ratio(matrix, y, 1.0)
    clf = LogisticRegression(C=4.0, solver="liblinear", max_iter=200)
    clf.fit(matrix.multiply(ratio).tocsr(), y)
    expected = clf.decision_function(matrix.multiply(ratio).tocsr())
    assert matrix @ coef + intercept == pytest.approx(expected)


def test_a_trained_model_scores_texts_as_the_scaled_regression_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(training, "NB_CHOICES", (1.0,))
    config = FeatureConfig(rule_features=False)
    model = train(ROWS, config=config, c=4.0, threshold_folds=2)
    assert model.metadata["nb_alpha"] == {"harassment": 1.0}
    texts = [text for text, _ in ROWS]
    y = [int(label == "harassment") for _, label in ROWS]
    matrix, _ = training._compact(training._matrix(texts, config))
    scaled = matrix.multiply(training._nb_ratio(matrix, y, 1.0)).tocsr()
    clf = LogisticRegression(C=4.0, solver="liblinear", max_iter=200).fit(scaled, y)
    expected = clf.decision_function(scaled)
    got = [model.decision(text)[0] for text in texts]
    assert got == pytest.approx(expected, abs=1e-4)  # weights are stored as float32
    assert model.predict("dasar goblok lu") and not model.predict("makasih banyak ya")


def _patched_out_of_fold(by_alpha: dict[float | None, list[float]]) -> Any:
    def out_of_fold(
        matrix: Any, y: Sequence[int], k: int, c: float, nb_alpha: float | None, draws: int
    ) -> list[float]:
        return by_alpha[nb_alpha]

    return out_of_fold


def test_choice_keeps_the_scaling_with_the_better_out_of_fold_f1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    y = [1, 1, 1, 0, 0, 0]
    muddled = [0.9, 0.4, 0.6, 0.7, 0.2, 0.1]  # best cut keeps one error
    clean = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1]
    monkeypatch.setattr(training, "_out_of_fold", _patched_out_of_fold({None: muddled, 1.0: clean}))
    chosen = training._choose(None, y, 2, False, (4.0,))
    assert (chosen.c, chosen.nb_alpha, chosen.probs) == (4.0, 1.0, clean)
    assert 0.3 < chosen.threshold < 0.7
    monkeypatch.setattr(training, "_out_of_fold", _patched_out_of_fold({None: clean, 1.0: muddled}))
    assert training._choose(None, y, 2, False, (4.0,)).nb_alpha is None


def test_a_tie_keeps_plain_features(monkeypatch: pytest.MonkeyPatch) -> None:
    same = [0.9, 0.8, 0.2, 0.1]
    monkeypatch.setattr(training, "_out_of_fold", _patched_out_of_fold({None: same, 1.0: same}))
    assert training._choose(None, [1, 1, 0, 0], 2, False, (1.0, 4.0)).nb_alpha is None


def test_too_few_rows_for_folds_fall_back_to_plain_features() -> None:
    model = train([("kamu goblok", "harassment"), ("halo", "ok")], threshold_folds=5)
    assert model.metadata["nb_alpha"] == {"harassment": None}
    assert model.thresholds == {"harassment": 0.5}
    assert model.metadata["c"] == {"harassment": 4.0}
