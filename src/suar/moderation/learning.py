"""Learning from moderators' decisions: labelled examples, retraining the community's model,
and how its precision and recall on the community's recent decisions changed.

The texts are read from the items at training time, not copied into the decisions: a post
its author deleted (or an account deleted) leaves the training data too.

Evaluation is honest: the most recent decisions (a fifth by default) are held out, the new
model is trained on the engine's shipped examples plus the older decisions, and both the
model in use before and the new one are scored on the held-out decisions with the whole
engine (rules and model), the way the community will meet it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from suar.moderation import items

LEARNED_LABELS = ("crisis", "harassment")


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    decided_at: datetime


def labelled_examples(*, organisation_ids: Sequence[int] | None = None) -> list[Example]:
    """Each decision with a label, as (text, label), oldest first. Overturned decisions learn
    the opposite of what they decided: the appeal showed the moderator was wrong."""
    from suar.moderation.models import Decision
    from suar.moderation.selectors import _attach_items

    decisions = Decision.objects.exclude(label="").select_related("queue_item__content_type")
    if organisation_ids is not None:
        decisions = decisions.filter(organisation_id__in=list(organisation_ids))
    rows = list(decisions.order_by("created_at", "id"))
    _attach_items([d.queue_item for d in rows])
    examples = []
    for decision in rows:
        item = decision.queue_item.item
        text = (
            items.text_of(item).strip()
            if item is not None and not decision.queue_item.is_profile
            else ""
        )
        if not text or getattr(item, "status", "") == "deleted":
            continue
        label = decision.label
        if decision.overturned_at is not None:
            label = "ok" if label != "ok" else ""
        if label:
            examples.append(Example(text, label, decision.created_at))
    return examples


@dataclass(frozen=True)
class LabelScores:
    precision: float
    recall: float
    support: int


@dataclass
class RetrainReport:
    base_rows: int
    train_decisions: int
    test_decisions: int
    label_counts: dict[str, int]
    before: dict[str, LabelScores] = field(default_factory=dict)
    after: dict[str, LabelScores] = field(default_factory=dict)
    saved_to: Path | None = None

    def lines(self) -> list[str]:
        out = [
            f"training rows: {self.base_rows} shipped + {self.train_decisions} decisions; "
            f"evaluated on the {self.test_decisions} most recent decisions (held out)",
            "labels in decisions: "
            + ", ".join(f"{k} {v}" for k, v in sorted(self.label_counts.items())),
            f"  {'label':<12} {'support':>7}  {'precision':>17}  {'recall':>17}",
        ]
        for label in LEARNED_LABELS:
            b, a = self.before.get(label), self.after.get(label)
            if a is None or b is None:
                continue
            out.append(
                f"  {label:<12} {a.support:>7}  {b.precision:>7.3f} -> {a.precision:<7.3f}"
                f"  {b.recall:>7.3f} -> {a.recall:<7.3f}"
            )
        if self.saved_to is not None:
            out.append(f"model saved to {self.saved_to}")
        return out


def _flagged(engine: Any, text: str) -> set[str]:
    from suar.safety.report import Severity

    report = engine.analyze(text)
    return {str(f.category) for f in report.findings if f.severity >= Severity.WARN}


def evaluate(engine: Any, examples: Sequence[Example]) -> dict[str, LabelScores]:
    from suar.safety.training import scores

    flagged = [_flagged(engine, e.text) for e in examples]
    out: dict[str, LabelScores] = {}
    for label in LEARNED_LABELS:
        truth = [e.label == label for e in examples]
        s = scores(truth, [label in f for f in flagged])
        out[label] = LabelScores(s.precision, s.recall, s.support)
    return out


def shipped_rows() -> list[tuple[str, str]]:
    from suar.safety.model import PACKAGE_DATA_DIR
    from suar.safety.training import read_rows

    return read_rows(PACKAGE_DATA_DIR / "default_training.csv")


def retrain(
    *,
    examples: Sequence[Example],
    base_rows: Sequence[tuple[str, str]] | None = None,
    holdout: float = 0.2,
    out: Path | None = None,
    c: float | None = None,
    threshold_folds: int = 5,
    save: bool = True,
) -> RetrainReport:
    """Train on shipped rows + older decisions, compare on the recent ones, save the model."""
    from suar.safety import Engine
    from suar.safety import model as text_model

    if not examples:
        raise ValueError("no labelled decisions yet: decide some queue items first")
    base = list(shipped_rows() if base_rows is None else base_rows)
    ordered = sorted(examples, key=lambda e: e.decided_at)
    n_test = max(1, round(len(ordered) * holdout)) if len(ordered) > 1 else 0
    train, test = ordered[: len(ordered) - n_test], ordered[len(ordered) - n_test :]
    rows = base + [(e.text, e.label) for e in train]
    report = RetrainReport(
        base_rows=len(base),
        train_decisions=len(train),
        test_decisions=len(test),
        label_counts=dict(Counter(e.label for e in ordered)),
    )
    new_model = text_model.train(rows, c=c, threshold_folds=threshold_folds, source="decisions")
    if test:
        report.before = evaluate(Engine(model=text_model.load_active()), test)
        report.after = evaluate(Engine(model=new_model), test)
    # The comparison travels with the model: `suar safety info` and later readers see it.
    new_model.metadata["evaluation"] = {
        "held_out_decisions": report.test_decisions,
        "before": {k: v.__dict__ for k, v in report.before.items()},
        "after": {k: v.__dict__ for k, v in report.after.items()},
    }
    if save:
        target = out or text_model.data_dir() / "safety" / text_model.MODEL_FILENAME
        report.saved_to = new_model.save(target)
    return report


def train_from_decisions_main(argv: list[str]) -> int:
    """`suar safety train --from-decisions [--organisation SLUG] [--holdout F] [--out PATH]`."""
    parser = argparse.ArgumentParser(prog="suar safety train --from-decisions")
    parser.add_argument("--from-decisions", action="store_true", required=True)
    parser.add_argument("--organisation", metavar="SLUG", help="only this organisation's")
    parser.add_argument("--holdout", type=float, default=0.2, help="recent share held out")
    parser.add_argument("--out", metavar="PATH", help="where to save (default: the data dir)")
    parser.add_argument("--dry-run", action="store_true", help="report only, do not save")
    parser.add_argument(
        "--only-decisions",
        action="store_true",
        help="leave out the engine's shipped examples (for communities with many decisions)",
    )
    args = parser.parse_args(argv)
    from suar.accounts.models import Organisation

    org_ids, org = None, None
    if args.organisation:
        org = Organisation.objects.filter(slug=args.organisation).first()
        if org is None:
            print(f"suar safety train: error: no organisation {args.organisation!r}")
            return 2
        org_ids = [org.pk]
    if not 0 <= args.holdout < 1:
        print("suar safety train: error: --holdout must be between 0 and 1")
        return 2
    examples = labelled_examples(organisation_ids=org_ids)
    try:
        report = retrain(
            examples=examples,
            base_rows=[] if args.only_decisions else None,
            holdout=args.holdout,
            out=Path(args.out) if args.out else None,
            save=not args.dry_run,
        )
    except ValueError as exc:
        print(f"suar safety train: error: {exc}")
        return 2
    print("\n".join(report.lines()))
    if report.saved_to is not None:
        from suar.moderation.services import record_audit

        record_audit(
            actor=None,
            action="safety.retrain",
            target=f"safety.model:{report.saved_to}"[:120],
            reason="\n".join(report.lines()),
            organisation=org if args.organisation else None,
        )
    return 0
