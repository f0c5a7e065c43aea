"""Fitting, threshold choice and cross-validation for the text model (needs scikit-learn)."""

from __future__ import annotations

import csv
import os
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from suar.safety.model import (
    NEUTRAL_LABELS,
    FeatureConfig,
    TextModel,
    rule_feature,
    rule_feature_names,
    rule_findings,
    text_features,
)
from suar.safety.report import CATEGORY_BY_LABEL, Category, Finding, Severity

_T = TypeVar("_T")

C_GRID = (1.0, 4.0, 16.0)  # regularisation strengths tried inside the training data only
# NB-LR (Wang & Manning, 2012, "Baselines and Bigrams"): before the fit, each feature is scaled
# by the log-ratio of how often it occurs in the label's rows and in the others (add-alpha
# smoothed), so the regression starts from naive Bayes' evidence. It is tried against plain
# features for every C, inside the training data, and kept only when its out-of-fold F1 is
# higher. The scaling is folded into the saved weights (w_j * r_j), so scoring is unchanged and
# older models load as before. On id-abusive/dev (bench/safety.py's 5 outer folds, model with
# rule features alone) it was chosen in every fold, at C 16: F1 0.887 -> 0.897; alpha 0.25 and
# 0.5 gave 0.896, and C 64 was never chosen.
NB_CHOICES: tuple[float | None, ...] = (None, 1.0)
# Labels where a miss is the worst error (crisis) get the most recall the training data allows
# at this precision. The model scores every post, and most posts are not crisis, so a cut-off
# chosen for recall alone (F2 gave ~0.16) raises an alarm on nearly every active supporter.
RECALL_MIN_PRECISION = 0.8
# TextModel.rules_alone: the lowest severity at which a rule finding stands without the model,
# tried from every finding standing (INFO, the engine before rule features) to only BLOCK
# findings standing, and chosen by out-of-fold F1 on the training rows. BLOCK findings
# (threats, slurs aimed at a person) always stand: a community's own rows may hold few
# threats, and a model must not learn to silence them; on id-abusive/dev letting the model
# decide those too was 0.0001-0.0003 F1 better, which is not worth a missed threat.
ALONE_CHOICES = tuple(int(s) for s in Severity)
# The inner folds are drawn this many times (`draws`, by default), each with another shuffle,
# and every choice (C, scaling, threshold, rules_alone) is made on all the draws' out-of-fold
# probabilities pooled. With one draw, the fold shuffle alone moved the shipped model's
# harassment cut-off between 0.26 and 0.37 and flipped its NB choice (six shuffles of the same
# rows, December 2026); a cut-off that depends on a coin toss is not a property of the data.
# It costs as many times the inner fits: `suar safety train --draws 1` is the old, faster
# choice for large files.
THRESHOLD_DRAWS = 5


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int  # positives in the evaluated rows


@dataclass(frozen=True, slots=True)
class Choice:
    """What the inner folds chose for one label."""

    c: float
    nb_alpha: float | None  # None: plain features
    threshold: float
    probs: list[float] | None  # out-of-fold probabilities; None when too few rows for k folds


def normalise_label(label: str) -> str:
    label = label.strip().lower()
    return "ok" if label in NEUTRAL_LABELS else label


def scores(truth: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if p and not t)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp + fn)


def _matrix(
    texts: Sequence[str],
    config: FeatureConfig,
    findings: Sequence[Sequence[Finding]] | None = None,
) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], array("l"), array("d")
    for row, text in enumerate(texts):
        buckets = text_features(text, config)
        # Same scaling as TextModel.decision: every occurrence weighs 1/sqrt(count).
        value = config.scale(len(buckets))
        indices.extend(buckets)
        data.extend([value] * len(buckets))
        if findings is not None:
            # Rule features weigh 1 each, whatever the text's length (TextModel.rule_totals).
            rules = [rule_feature(n, config) for n in rule_feature_names(findings[row], text)]
            indices.extend(rules)
            data.extend([1.0] * len(rules))
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(texts), config.n_buckets))
    matrix.sum_duplicates()
    return matrix


def _compact(matrix: Any) -> tuple[Any, Any]:
    """Keep only the buckets that occur: liblinear's cost grows with the column count."""
    import numpy as np

    columns = np.unique(matrix.indices)
    return matrix[:, columns], columns


def _nb_ratio(matrix: Any, y: Sequence[int], alpha: float) -> Any:
    """Per column, log(p / q): p and q are the smoothed shares of the label's rows and of the
    other rows holding the feature (presence, not the scaled value)."""
    import numpy as np

    present = matrix.copy()
    present.data[:] = 1.0
    positive = np.asarray(y, dtype=bool)
    p = alpha + np.asarray(present[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[~positive].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def _fit_binary(
    matrix: Any, y: Sequence[int], c: float, nb_alpha: float | None = None
) -> tuple[float, Any]:
    """Intercept and one weight per column of `matrix`, NB scaling folded into the weights."""
    from sklearn.linear_model import LogisticRegression

    ratio = None if nb_alpha is None else _nb_ratio(matrix, y, nb_alpha)
    clf = LogisticRegression(C=c, solver="liblinear", class_weight=None, max_iter=200)
    clf.fit(matrix if ratio is None else matrix.multiply(ratio).tocsr(), y)
    coef = clf.coef_[0]
    return float(clf.intercept_[0]), coef if ratio is None else coef * ratio


def _dense(columns: Any, coef: Any, n_buckets: int) -> array:
    weights = array("f", bytes(4 * n_buckets))
    for column, value in zip(columns.tolist(), coef.tolist(), strict=True):
        weights[column] = value
    return weights


def _best_threshold(truth: Sequence[bool], probs: Sequence[float], beta: float) -> float:
    """The probability cut-off maximising F-beta (beta > 1 favours recall)."""
    pairs = sorted(zip(probs, truth, strict=True), reverse=True)
    positives = sum(truth)
    if positives == 0 or positives == len(truth):
        return 0.5
    best, best_threshold, tp = -1.0, 0.5, 0
    b2 = beta * beta
    for rank, (prob, is_pos) in enumerate(pairs, start=1):
        tp += int(is_pos)
        precision, recall = tp / rank, tp / positives
        if precision + recall == 0:
            continue
        f = (1 + b2) * precision * recall / (b2 * precision + recall)
        nxt = pairs[rank][0] if rank < len(pairs) else 0.0
        if f > best and nxt < prob:  # only cut between distinct probabilities
            best, best_threshold = f, (prob + nxt) / 2
    return best_threshold


def _recall_threshold(truth: Sequence[bool], probs: Sequence[float], min_precision: float) -> float:
    """The lowest cut-off whose precision stays at or above min_precision (most recall)."""
    pairs = sorted(zip(probs, truth, strict=True), reverse=True)
    chosen, tp = None, 0
    for rank, (prob, is_pos) in enumerate(pairs, start=1):
        tp += int(is_pos)
        nxt = pairs[rank][0] if rank < len(pairs) else 0.0
        if tp / rank >= min_precision and nxt < prob:
            chosen = (prob + nxt) / 2
    return chosen if chosen is not None else _best_threshold(truth, probs, 1.0)


def _folds(y: Sequence[int], k: int, seed: int = 0) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(list(a), list(b)) for a, b in splitter.split([[0]] * len(y), y)]


def _choose(
    matrix: Any,
    y: Sequence[int],
    k: int,
    favour_recall: bool,
    c_grid: Sequence[float],
    draws: int = THRESHOLD_DRAWS,
) -> Choice:
    """Pick C and the scaling (best out-of-fold F1; a tie keeps the earlier, simpler one) and
    the threshold, from out-of-fold probabilities of the training rows (every draw's, pooled:
    the probabilities come as `draws` lists of len(y), one after the other)."""
    best: tuple[float, Choice] | None = None
    for c in c_grid:
        for nb_alpha in NB_CHOICES:
            probs = _out_of_fold(matrix, y, k, c, nb_alpha, draws)
            if probs is None:  # too few rows: the middle C, plain features, an even cut-off
                return Choice(c_grid[len(c_grid) // 2], None, 0.5, None)
            truth = _pooled([bool(v) for v in y], probs)
            threshold = _best_threshold(truth, probs, 1.0)
            f = _fbeta(truth, [p >= threshold for p in probs], 1.0)
            if best is None or f > best[0]:
                best = (f, Choice(c, nb_alpha, threshold, probs))
    assert best is not None
    chosen = best[1]
    if favour_recall:
        assert chosen.probs is not None
        truth = _pooled([bool(v) for v in y], chosen.probs)
        return replace(
            chosen, threshold=_recall_threshold(truth, chosen.probs, RECALL_MIN_PRECISION)
        )
    return chosen  # its threshold is the best-F1 one already


def _choose_alone(
    truth: Sequence[bool], probs: Sequence[float], threshold: float, strongest: Sequence[int]
) -> tuple[int, dict[str, float]]:
    """TextModel.rules_alone for one label, given the model's out-of-fold probabilities and
    its threshold (chosen on them, for the model alone: it keeps its meaning).

    `strongest` is, per row, the highest severity of the rules' findings of the label's
    category (0: none). For each choice in ALONE_CHOICES a row counts as flagged when the
    model's probability reaches the threshold or a finding at or above the choice stands;
    the choice with the best out-of-fold F1 wins (a tie: more findings stand). Returns the
    choice and every choice's F1 (by the lowest severity that stands).
    """
    best: tuple[float, int] | None = None
    tried: dict[str, float] = {}
    model_says = [p >= threshold for p in probs]
    for choice in ALONE_CHOICES:
        flagged = [m or s >= choice for m, s in zip(model_says, strongest, strict=True)]
        f = _fbeta(truth, flagged, 1.0)
        tried[Severity(choice).name] = round(f, 4)
        if best is None or f > best[0]:
            best = (f, choice)
    assert best is not None
    return best[1], tried


def _out_of_fold(
    matrix: Any,
    y: Sequence[int],
    k: int,
    c: float,
    nb_alpha: float | None,
    draws: int = THRESHOLD_DRAWS,
) -> list[float] | None:
    """Each row's probability from a model that did not see it, once per draw of the folds
    (`draws` lists of len(y), concatenated); None when too few rows."""
    if k < 2 or min(sum(y), len(y) - sum(y)) < k:
        return None
    pooled: list[float] = []
    for seed in range(draws):
        probs = [0.0] * len(y)
        for train_idx, test_idx in _folds(y, k, seed):
            fold = _predict_rows(
                matrix[test_idx], matrix[train_idx], [y[i] for i in train_idx], c, nb_alpha
            )
            for i, p in zip(test_idx, fold, strict=True):
                probs[i] = p
        pooled.extend(probs)
    return pooled


def _pooled(per_row: list[_T], probs: Sequence[float]) -> list[_T]:
    """`per_row` repeated once per draw of out-of-fold probabilities in `probs`."""
    return per_row * (len(probs) // len(per_row))


def _predict_rows(
    test: Any, train: Any, y: Sequence[int], c: float, nb_alpha: float | None
) -> list[float]:
    """Probabilities for `test` from a model fitted on `train` (its NB ratios from `train`)."""
    import numpy as np
    from scipy.special import expit

    intercept, coef = _fit_binary(train, y, c, nb_alpha)
    return [float(p) for p in expit(np.asarray(test @ coef).ravel() + intercept)]


def _fbeta(truth: Sequence[bool], predicted: Sequence[bool], beta: float) -> float:
    s = scores(truth, predicted)
    b2 = beta * beta
    denom = b2 * s.precision + s.recall
    return (1 + b2) * s.precision * s.recall / denom if denom else 0.0


def fit(
    rows: Iterable[tuple[str, str]],
    *,
    config: FeatureConfig,
    c: float | None = None,
    threshold_folds: int = 5,
    draws: int = THRESHOLD_DRAWS,
    recall_labels: Sequence[str] = ("crisis",),
    source: str = "",
) -> TextModel:
    """Train one-vs-rest models; C (unless given) and thresholds come from inner folds, drawn
    `draws` times."""
    if draws < 1:
        raise ValueError("draws must be at least 1")
    data = [(text, normalise_label(label)) for text, label in rows]
    if not data:
        raise ValueError("no training rows")
    texts = [text for text, _ in data]
    counts = Counter(label for _, label in data)
    labels = tuple(sorted(label for label in counts if label != "ok"))
    if not labels:
        raise ValueError("every row has a neutral label: nothing to learn")
    findings = [rule_findings(text) for text in texts] if config.rule_features else None
    plain = _compact(_matrix(texts, config))
    # With rule features, the labels fitted for recall (crisis) still learn from the text
    # alone: their rule findings always stand, and a model trained with the rules' findings
    # leans on them and adds less recall where the rules found nothing (the shipped model
    # trained so lost one at-risk user of 145 and gained one false alarm on reddit-cssrs).
    stacked = _compact(_matrix(texts, config, findings)) if findings is not None else plain
    rule_labels = tuple(lb for lb in labels if findings is not None and lb not in recall_labels)
    intercepts, weights, thresholds, chosen_c = [], [], {}, {}
    chosen_nb: dict[str, float | None] = {}
    rules_alone: dict[str, int] = {}
    alone_f1: dict[str, dict[str, float]] = {}
    for label in labels:
        y = [int(lb == label) for _, lb in data]
        if sum(y) == len(y):
            raise ValueError(f"every row is labelled {label!r}: add neutral examples")
        favour_recall = label in recall_labels
        matrix, columns = stacked if label in rule_labels else plain
        grid = C_GRID if c is None else (c,)
        chosen = _choose(matrix, y, threshold_folds, favour_recall, grid, draws)
        threshold, probs = chosen.threshold, chosen.probs
        category = CATEGORY_BY_LABEL.get(label)
        if (
            findings is not None
            and probs is not None
            and category is not None
            and category is not Category.CRISIS  # crisis findings from rules always stand
            and label in rule_labels
        ):
            strongest = [
                max((int(f.severity) for f in row if f.category is category), default=0)
                for row in findings
            ]
            rules_alone[label], alone_f1[label] = _choose_alone(
                _pooled([bool(v) for v in y], probs), probs, threshold, _pooled(strongest, probs)
            )
        intercept, w = _fit_binary(matrix, y, chosen.c, chosen.nb_alpha)
        intercepts.append(intercept)
        weights.append(_dense(columns, w, config.n_buckets))
        thresholds[label] = round(threshold, 6)
        chosen_c[label] = chosen.c
        chosen_nb[label] = chosen.nb_alpha
    return TextModel(
        labels=labels,
        thresholds=thresholds,
        intercepts=tuple(intercepts),
        weights=tuple(weights),
        config=config,
        metadata={
            "trained_at": _timestamp(),
            "n_rows": len(data),
            "label_counts": dict(sorted(counts.items())),
            "source": source,
            "c": chosen_c,
            "nb_alpha": chosen_nb,  # None: plain features
            "threshold_draws": draws,
            **({"rules_alone_oof_f1": alone_f1} if alone_f1 else {}),
        },
        rules_alone=rules_alone,
        rule_labels=rule_labels,
    )


def _timestamp() -> str:
    # SOURCE_DATE_EPOCH makes rebuilding the shipped model byte-for-byte reproducible.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def cross_validate(
    rows: Sequence[tuple[str, str]],
    *,
    folds: int = 5,
    config: FeatureConfig | None = None,
    draws: int = THRESHOLD_DRAWS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Scores]:
    """Mean precision/recall/F1 per label over k folds (each fold's model picks its thresholds).

    `progress(done, k)` is called after each fold: a fold is a whole training run, and on a
    few thousand rows a run takes tens of seconds."""
    data = [(text, normalise_label(label)) for text, label in rows]
    labels = sorted({label for _, label in data} - {"ok"})
    strata = [label for _, label in data]
    from sklearn.model_selection import StratifiedKFold

    k = max(2, min(folds, min(Counter(strata).values())))
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=0)
    per_label: dict[str, list[Scores]] = {label: [] for label in labels}
    for done, (train_idx, test_idx) in enumerate(splitter.split([[0]] * len(data), strata), 1):
        model = fit([data[i] for i in train_idx], config=config or FeatureConfig(), draws=draws)
        flagged = [model.predict(data[i][0]) for i in test_idx]
        for label in labels:
            truth = [data[i][1] == label for i in test_idx]
            per_label[label].append(scores(truth, [label in f for f in flagged]))
        if progress is not None:
            progress(done, k)
    return {label: _mean(values) for label, values in per_label.items()}


def _mean(values: Sequence[Scores]) -> Scores:
    n = len(values)
    return Scores(
        precision=sum(v.precision for v in values) / n,
        recall=sum(v.recall for v in values) / n,
        f1=sum(v.f1 for v in values) / n,
        support=sum(v.support for v in values),
    )


class DataError(ValueError):
    """A training file problem, located by file and line for the person fixing it."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


def read_rows(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """`text,label` rows from a CSV with a header; lines starting with '# ' are comments."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(name, None, exc.strerror or str(exc)) from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(name, None, f"invalid UTF-8 at byte {exc.start}") from exc
    reader = csv.reader(_without_comments(content.splitlines(keepends=True)))
    header: list[str] | None = None
    rows: list[tuple[str, str]] = []
    try:
        for record in reader:
            if not record or not any(field.strip() for field in record):
                continue
            if header is None:
                header = [field.strip().lower() for field in record]
                text_col, label_col = _columns(name, reader.line_num, header)
                continue
            rows.append(_row(name, reader.line_num, record, text_col, label_col))
    except csv.Error as exc:
        raise DataError(name, reader.line_num, f"bad CSV: {exc}") from exc
    if header is None:
        raise DataError(name, None, "empty file: expected a header line `text,label`")
    if not rows:
        raise DataError(name, None, "no data rows after the header")
    return rows


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with comment lines blanked (not dropped, so that line numbers stay true).

    A comment is '#' then a space or the line's end, at the start of a record: social-media
    texts start with hashtags ("#UsirPendatang ...,harassment" is a row), and a line inside a
    quoted field that spans lines is part of that field. The quotes seen so far tell which:
    an odd count means a quoted field is open ('""', an escaped quote, keeps the parity). A
    comment's own quotes count for nothing: one '"' in a comment opened a field that swallowed
    the rows after it, and the comment's words became a label.
    """
    out, inside = [], False
    for line in lines:
        comment = not inside and line.startswith("#") and (line[1:2].isspace() or len(line) == 1)
        out.append("" if comment else line)
        if not comment and line.count('"') % 2:
            inside = not inside
    return out


def _columns(name: str, line: int, header: list[str]) -> tuple[int, int]:
    missing = [col for col in ("text", "label") if col not in header]
    if missing:
        found = ", ".join(header)
        raise DataError(name, line, f"missing column {missing[0]!r} (found: {found})")
    return header.index("text"), header.index("label")


def _row(name: str, line: int, record: list[str], text_col: int, label_col: int) -> tuple[str, str]:
    if len(record) <= max(text_col, label_col):
        raise DataError(name, line, f"expected at least {max(text_col, label_col) + 1} fields")
    text, label = record[text_col], record[label_col].strip()
    if not text.strip():
        raise DataError(name, line, "empty text")
    if not label:
        raise DataError(name, line, "empty label (use 'ok' for texts with nothing to flag)")
    return text, label
