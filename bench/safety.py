"""Safety engine benchmark: quality on ../shared/eval and speed, printed as figures with goals."""

from __future__ import annotations

import argparse
import ast
import csv
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from suar.safety import Engine

REPO = Path(__file__).resolve().parent.parent
TRAINING_CSV = REPO / "src" / "suar" / "safety" / "data" / "default_training.csv"
AT_RISK = {"Ideation", "Behavior", "Attempt"}
GOALS = {
    "harassment_zero_shot_f1": 0.80,
    "harassment_trained_f1": 0.92,
    "crisis_recall": 0.95,
    "supportive_false_alarms": 0.20,
    "texts_per_second": 10_000,
    "p99_ms": 2.0,
    "rss_mb": 300,
}


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


def prf(truth: Sequence[bool], predicted: Sequence[bool]) -> PRF:
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def verdict(ok: bool) -> str:
    return "goal MET" if ok else "goal NOT met"


def eval_dir() -> Path:
    env = os.environ.get("SUAR_EVAL_DIR")
    path = Path(env) if env else REPO.parent / "shared" / "eval"
    if not path.is_dir():
        sys.exit(f"bench/safety.py: evaluation data not found at {path} (set SUAR_EVAL_DIR)")
    return path


def use_data_dir(path: Path) -> None:
    """Point the engine at a data dir; load_active() notices the change on its next call."""
    os.environ["SUAR_DATA_DIR"] = str(path)


# ---- harassment ---------------------------------------------------------------------------


def load_abusive(path: Path, limit: int | None) -> list[tuple[str, bool]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = [(r["Tweet"], r["HS"] == "1" or r["Abusive"] == "1") for r in csv.DictReader(fh)]
    if limit is not None and limit < len(rows):
        rows = random.Random(0).sample(rows, limit)
    return rows


def engine_flags_harassment(texts: Sequence[str], engine: Engine | None = None) -> list[bool]:
    """Whether the report has a harassment finding; the default engine unless one is given."""
    from suar.safety import analyze
    from suar.safety.report import Category

    run = engine.analyze if engine is not None else analyze
    return [run(text).has(Category.HARASSMENT) for text in texts]


def harassment_zero_shot(rows: Sequence[tuple[str, bool]]) -> PRF:
    return prf([t for _, t in rows], engine_flags_harassment([x for x, _ in rows]))


def shipped_model_flags(texts: Sequence[str]) -> list[bool] | None:
    from suar.safety.model import load_active

    model = load_active()
    return None if model is None else ["harassment" in model.predict(t) for t in texts]


def harassment_trained(rows: Sequence[tuple[str, bool]], folds: int) -> tuple[PRF, PRF]:
    """Mean P/R/F1 over k folds: train on k-1 with train(), evaluate engine+model and model."""
    from sklearn.model_selection import StratifiedKFold

    from suar.safety import Engine
    from suar.safety.model import train

    truth = [t for _, t in rows]
    engine_scores, model_scores = [], []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for i, (train_idx, test_idx) in enumerate(splitter.split([[0]] * len(rows), truth), 1):
        started = time.perf_counter()
        model = train(
            [(rows[j][0], "harassment" if rows[j][1] else "ok") for j in train_idx],
            source=f"bench fold {i}",
        )
        engine = Engine(model)  # the engine as analyze() runs it, with this fold's model
        texts = [rows[j][0] for j in test_idx]
        fold_truth = [truth[j] for j in test_idx]
        engine_scores.append(prf(fold_truth, engine_flags_harassment(texts, engine)))
        model_scores.append(prf(fold_truth, ["harassment" in model.predict(t) for t in texts]))
        print(
            f"    fold {i}: engine+model {engine_scores[-1]}"
            f"  ({time.perf_counter() - started:.0f} s)"
        )
    return mean_prf(engine_scores), mean_prf(model_scores)


def mean_prf(values: Sequence[PRF]) -> PRF:
    return PRF(
        statistics.fmean(v.precision for v in values),
        statistics.fmean(v.recall for v in values),
        statistics.fmean(v.f1 for v in values),
    )


# ---- crisis -------------------------------------------------------------------------------


def load_users(path: Path, limit: int | None) -> list[tuple[str, list[str]]]:
    csv.field_size_limit(1 << 28)
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        users = [(r["Label"], _posts(r["Post"])) for r in csv.DictReader(fh)]
    if limit is not None and limit < len(users):
        users = random.Random(0).sample(users, limit)
    return users


_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", re.DOTALL)


def _posts(cell: str) -> list[str]:
    """The user's posts; a few cells are cut short in the source, so fall back to a scan."""
    try:
        value = ast.literal_eval(cell)
    except (SyntaxError, ValueError):
        return [a or b for a, b in _QUOTED.findall(cell)] or [cell]
    return [str(p) for p in value] if isinstance(value, list) else [str(value)]


def crisis_alarms(users: Sequence[tuple[str, list[str]]]) -> dict[str, tuple[int, int]]:
    """Per label: (users with any post that gets a crisis finding, users)."""
    from suar.safety import analyze
    from suar.safety.report import Category

    counts: dict[str, list[int]] = {}
    for label, posts in users:
        alarm = any(analyze(post).has(Category.CRISIS) for post in posts)
        entry = counts.setdefault(label, [0, 0])
        entry[0] += int(alarm)
        entry[1] += 1
    return {label: (a, n) for label, (a, n) in counts.items()}


# ---- speed --------------------------------------------------------------------------------


def sample_texts(n: int, length: int = 280) -> list[str]:
    """Realistic 280-character texts stitched from the project's own training examples."""
    from suar.safety.training import read_rows

    pieces = [text for text, _ in read_rows(TRAINING_CSV)]
    rng = random.Random(42)
    texts = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < length:
            parts.append(rng.choice(pieces))
        texts.append(". ".join(parts)[:length])
    return texts


def speed(texts: Sequence[str]) -> tuple[float, float, float, float]:
    """Texts per second per core (CPU time of this thread), p50 and p99 CPU latency in ms of
    the full report, and texts per second by the wall clock.

    CPU time is what one core spends on a text; on a machine shared with other work the wall
    clock also counts time the thread waited for a core, which says more about the neighbours.
    """
    from suar.safety import analyze

    for text in texts[:2000]:  # warm-up: lazy loads and caches
        analyze(text)
    cpu = time.thread_time_ns
    latencies = []
    wall_started = time.perf_counter()
    for text in texts:
        t0 = cpu()
        analyze(text)
        latencies.append(cpu() - t0)
    wall = time.perf_counter() - wall_started
    total = sum(latencies) / 1e9
    latencies.sort()
    p50 = latencies[len(latencies) // 2] / 1e6
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] / 1e6
    return len(texts) / total, p50, p99, len(texts) / wall


def _fresh_python(code: str) -> str:
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip()


def import_time() -> float:
    code = (
        "import time; t = time.perf_counter(); import suar.safety; print(time.perf_counter() - t)"
    )
    return statistics.median(float(_fresh_python(code)) for _ in range(5))


def resident_mb() -> float:
    """Peak resident memory of a fresh process that imports, loads the model and analyses.

    Read from /proc (VmHWM, the peak of this process's own memory): getrusage's ru_maxrss
    would also count the parent's memory at fork time, which Linux carries across exec.
    """
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import suar.safety as s; "
        "from suar.safety.model import load_active; load_active(); "
        "from safety import sample_texts; [s.analyze(t) for t in sample_texts(2000)]; "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    return int(_fresh_python(code)) / 1024  # kB


# ---- main ---------------------------------------------------------------------------------


def run_quality(quick: bool, folds: int) -> None:
    data = eval_dir()
    rows = load_abusive(data / "id-abusive" / "dev.csv", 1500 if quick else None)
    print(
        f"\nHarassment, id-abusive/dev.csv ({len(rows)} tweets, {sum(t for _, t in rows)} positive)"
    )
    zero = harassment_zero_shot(rows)
    print(
        f"  shipped engine, zero-shot:           {zero}   "
        f"[goal F1 >= {GOALS['harassment_zero_shot_f1']}: {verdict(zero.f1 >= 0.80)}]"
    )
    shipped = shipped_model_flags([x for x, _ in rows])
    if shipped is not None:
        print(f"  shipped model alone, zero-shot:      {prf([t for _, t in rows], shipped)}")
    print(f"  trained, {folds}-fold cross-validation:")
    engine, model = harassment_trained(rows, folds)
    print(
        f"  engine + trained model (mean):       {engine}   "
        f"[goal F1 >= {GOALS['harassment_trained_f1']}: {verdict(engine.f1 >= 0.92)}]"
    )
    print(f"  trained model alone (mean):          {model}")

    users = load_users(data / "reddit-cssrs" / "dev.csv", 80 if quick else None)
    n_posts = sum(len(p) for _, p in users)
    print(f"\nCrisis, reddit-cssrs/dev.csv ({len(users)} users, {n_posts} posts), shipped engine")
    counts = crisis_alarms(users)
    at_risk = [counts.get(lb, (0, 0)) for lb in sorted(AT_RISK)]
    hits, total = sum(a for a, _ in at_risk), sum(n for _, n in at_risk)
    recall = hits / total if total else 0.0
    sup_a, sup_n = counts.get("Supportive", (0, 0))
    fa = sup_a / sup_n if sup_n else 0.0
    ind_a, ind_n = counts.get("Indicator", (0, 0))
    print(
        f"  recall on at-risk users:             {recall:.3f} ({hits}/{total})   "
        f"[goal >= {GOALS['crisis_recall']}: {verdict(recall >= 0.95)}]"
    )
    for label in ("Ideation", "Behavior", "Attempt"):
        a, n = counts.get(label, (0, 0))
        print(f"    {label:<10} {a}/{n}")
    print(
        f"  false alarms on Supportive users:    {fa:.3f} ({sup_a}/{sup_n})   "
        f"[goal <= {GOALS['supportive_false_alarms']}: {verdict(fa <= 0.20)}]"
    )
    ind = ind_a / ind_n if ind_n else 0.0
    print(f"  alarm rate on Indicator users:       {ind:.3f} ({ind_a}/{ind_n})   (for information)")


def restore_shipped() -> None:
    """An empty data dir, so that the engine runs with the shipped model only."""
    use_data_dir(Path(tempfile.mkdtemp(prefix="suar-bench-")))


def run_speed(quick: bool) -> None:
    n = 5_000 if quick else 30_000
    sets = [
        ("stitched from the project's own training examples (mostly risky)", sample_texts(n)),
        ("everyday mix: one fragment in five risky", everyday_texts(n)),
    ]
    for label, texts in sets:
        rate, p50, p99, wall_rate = speed(texts)
        print(
            f"\nSpeed, full report (rules + shipped model) on {len(texts)} texts of 280 characters"
        )
        print(f"  texts: {label}")
        print(
            f"  throughput:     {rate:>9,.0f} texts/s per core (CPU time)   "
            f"[goal >= {GOALS['texts_per_second']:,}: {verdict(rate >= 10_000)}]"
        )
        print(f"                  {wall_rate:>9,.0f} texts/s by the wall clock")
        print(f"  latency p50:    {p50:>9.3f} ms (CPU time)")
        print(
            f"  latency p99:    {p99:>9.3f} ms (CPU time)   "
            f"[goal <= {GOALS['p99_ms']}: {verdict(p99 <= 2.0)}]"
        )
    print(f"\n  import suar.safety: {import_time() * 1000:.0f} ms (fresh process, median of 5)")
    rss = resident_mb()
    print(
        f"  resident memory after import + model + 2,000 reports: {rss:.0f} MB   "
        f"[goal <= {GOALS['rss_mb']}: {verdict(rss <= 300)}]"
    )


def everyday_texts(n: int) -> list[str]:
    """The fragments of bench/safety_speed_quick.py: most posts in a community are benign."""
    sys.path.insert(0, str(Path(__file__).parent))
    from safety_speed_quick import make_texts

    return make_texts(n, risky_share=0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="subsamples: a rough look in ~1 min")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    restore_shipped()
    from suar.safety.model import active_model_path

    print(f"Suar safety bench{' (quick: subsampled, figures are rough)' if args.quick else ''}")
    print(f"  model in use when not trained: {active_model_path()}")
    if not args.skip_quality:
        run_quality(args.quick, args.folds)
    run_speed(args.quick)


if __name__ == "__main__":
    main()
