"""Moderators' decisions become labelled examples; retraining reports precision and recall
on the community's recent decisions before and after; `suar safety train --from-decisions`."""

from __future__ import annotations

from datetime import timedelta

import pytest

from suar.community.models import Status
from suar.moderation import decisions
from suar.moderation.learning import labelled_examples, retrain
from suar.moderation.models import Decision
from suar.moderation.services import queue_item
from suar.safety.model import TextModel
from tests.community.factories import make_story

pytestmark = pytest.mark.django_db

# Invented for this test: the community's own slang for an insult the engine does not know.
RUDE = [
    # Frames without any insult cue of their own, so only the community's decisions can
    # teach the model that the phrase is an insult here.
    "si cumi gosong datang lagi",
    "ada cumi gosong nulis lagi",
    "cumi gosong itu muncul lagi",
    "eh ada cumi gosong",
    "cumi gosong nimbrung terus",
    "lagi-lagi cumi gosong",
]
KIND = [
    "makasih kakak sudah cerita",
    "semangat ya kita jalan bareng",
    "aku ikut senang dengarnya",
    "pelan pelan saja ya",
    "terima kasih sudah berbagi",
    "kamu tidak sendirian kok",
]


def _decide_all(group, author, organisation, moderator):  # type: ignore[no-untyped-def]
    for i, text in enumerate(RUDE * 3 + KIND * 3):
        story = make_story(group, author, title=f"t{i}", body=text, status=Status.HELD)
        entry = queue_item(
            item=story, organisation=organisation, category="harassment", risk=0.5, findings=[]
        )
        rude = text in RUDE
        decisions.decide(
            actor=moderator,
            entry=entry,
            action="hide" if rude else "approve",
            reason="Menghina anggota" if rude else "",
        )


def test_decisions_become_labelled_examples(group, author, organisation, moderator) -> None:  # type: ignore[no-untyped-def]
    _decide_all(group, author, organisation, moderator)
    examples = labelled_examples(organisation_ids=[organisation.pk])
    assert len(examples) == 36
    assert {e.label for e in examples} == {"harassment", "ok"}
    assert examples[0].text.startswith("t0\n\n")
    # A deleted post leaves the training data; an overturned decision learns the opposite.
    first = Decision.objects.order_by("created_at").first()
    assert first is not None
    Decision.objects.filter(pk=first.pk).update(overturned_at=first.created_at + timedelta(days=1))
    story = first.queue_item.item
    assert next(e.label for e in labelled_examples()) == "ok"
    story.status = Status.DELETED
    story.save()
    assert len(labelled_examples()) == 35


def test_retraining_reports_the_change_on_recent_decisions(
    group, author, organisation, moderator, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    _decide_all(group, author, organisation, moderator)
    # Interleave so that the held-out recent fifth has both labels.
    examples = sorted(labelled_examples(), key=lambda e: e.text[-3:])
    examples = [
        type(e)(e.text, e.label, e.decided_at + timedelta(seconds=i))
        for i, e in enumerate(examples)
    ]
    report = retrain(
        examples=examples, base_rows=[], out=tmp_path / "model.json", c=4.0, threshold_folds=2
    )
    assert report.train_decisions + report.test_decisions == 36 and report.test_decisions == 7
    assert report.after["harassment"].support > 0
    assert report.after["harassment"].recall > report.before["harassment"].recall
    model = TextModel.load(tmp_path / "model.json")
    assert "harassment" in model.labels
    assert any("->" in line for line in report.lines())


def test_the_cli_retrains_from_decisions(
    group, author, organisation, moderator, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    from suar.cli import main

    _decide_all(group, author, organisation, moderator)
    out = tmp_path / "model.json"
    code = main(
        [
            "safety",
            "train",
            "--from-decisions",
            "--organisation",
            "pulih",
            "--only-decisions",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "most recent decisions" in printed and "harassment" in printed
    assert out.is_file()
    assert TextModel.load(out).metadata["evaluation"]["held_out_decisions"] == 7
    from suar.moderation.models import AuditEntry

    audit = AuditEntry.objects.get(action="safety.retrain")
    assert audit.organisation == organisation and "precision" in audit.reason
    assert main(["safety", "train", "--from-decisions", "--organisation", "nope"]) == 2


def test_no_decisions_is_a_clear_error(capsys) -> None:  # type: ignore[no-untyped-def]
    from suar.cli import main

    assert main(["safety", "train", "--from-decisions", "--dry-run"]) == 2
    assert "no labelled decisions yet" in capsys.readouterr().out
