"""Two moderators decide the same item at the same moment: one wins, the other is told.

Real transactions and two threads (two database connections), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from suar.accounts.roles import Role
from suar.community.models import Status
from suar.moderation import decisions
from suar.moderation.models import Appeal, AuditEntry, Decision, QueueItem, Sanction
from suar.moderation.services import queue_item
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls: list) -> tuple[list, list]:  # type: ignore[type-arg]
    barrier = threading.Barrier(len(calls))
    won: list[object] = []
    lost: list[Exception] = []

    def run(call) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            won.append(call())
        except decisions.AlreadyDecided as exc:
            lost.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return won, lost


@pytest.mark.parametrize("attempt", range(2))
def test_two_moderators_at_once_one_wins_the_other_is_told(organisation, attempt) -> None:  # type: ignore[no-untyped-def]
    author = make_person(organisation, "rina")
    group = make_group(organisation, members=(author,))
    story = make_story(group, author, status=Status.HELD)
    entry = queue_item(
        item=story, organisation=organisation, category="harassment", risk=0.7, findings=[]
    )
    first = make_person(organisation, "moda", role=Role.MODERATOR)
    second = make_person(organisation, "modb", role=Role.MODERATOR)
    won, lost = _race(
        [
            lambda: decisions.decide(
                actor=first, entry=QueueItem.objects.get(pk=entry.pk), action="approve"
            ),
            lambda: decisions.decide(
                actor=second,
                entry=QueueItem.objects.get(pk=entry.pk),
                action="ban",
                reason="Kasar sekali",
            ),
        ]
    )
    assert len(won) == 1 and len(lost) == 1
    decision = Decision.objects.get()
    # The loser is told who decided (whatever the language of the message).
    assert lost[0].code == "already_decided"
    assert decision.moderator is not None and decision.moderator.username in lost[0].messages[0]
    entry.refresh_from_db()
    story.refresh_from_db()
    # The state is the winner's, whole: no half of the loser's decision anywhere.
    if decision.action == "approve":
        assert entry.state == "approved" and story.status == Status.PUBLISHED
        assert not Sanction.objects.exists()
    else:
        assert entry.state == "hidden" and story.status == Status.HIDDEN
        assert Sanction.objects.get().kind == "ban"
    assert AuditEntry.objects.filter(action__startswith="decision.").count() == 1


def test_two_moderators_answering_one_appeal_at_once(organisation) -> None:  # type: ignore[no-untyped-def]
    author = make_person(organisation, "rina")
    group = make_group(organisation, members=(author,))
    entry = queue_item(
        item=make_story(group, author, status=Status.HELD),
        organisation=organisation,
        category="harassment",
        risk=0.7,
        findings=[],
    )
    decider = make_person(organisation, "moda", role=Role.MODERATOR)
    decision = decisions.decide(actor=decider, entry=entry, action="hide", reason="Kasar sekali")
    appeal = decisions.file_appeal(
        actor=author, decision=decision, text="Itu bercanda dengan teman"
    )
    a = make_person(organisation, "modb", role=Role.MODERATOR)
    b = make_person(organisation, "modc", role=Role.MODERATOR)
    won, lost = _race(
        [
            lambda: decisions.decide_appeal(
                actor=a,
                appeal=Appeal.objects.get(pk=appeal.pk),
                overturn=True,
                response="Kami percaya",
            ),
            lambda: decisions.decide_appeal(
                actor=b,
                appeal=Appeal.objects.get(pk=appeal.pk),
                overturn=False,
                response="Tetap disembunyikan",
            ),
        ]
    )
    assert len(won) == 1 and len(lost) == 1
    appeal.refresh_from_db()
    assert appeal.state in ("overturned", "upheld")
    assert AuditEntry.objects.filter(action__startswith="appeal.").count() == 1


def test_a_stale_page_cannot_overwrite_a_decision(organisation) -> None:  # type: ignore[no-untyped-def]
    """Both moderators loaded the item while it was open; the second submit is refused."""
    author = make_person(organisation, "rina")
    group = make_group(organisation, members=(author,))
    entry = queue_item(
        item=make_story(group, author, status=Status.HELD),
        organisation=organisation,
        category="harassment",
        risk=0.7,
        findings=[],
    )
    seen_by_a, seen_by_b = (QueueItem.objects.get(pk=entry.pk) for _ in range(2))
    a = make_person(organisation, "moda", role=Role.MODERATOR)
    b = make_person(organisation, "modb", role=Role.MODERATOR)
    decisions.decide(actor=a, entry=seen_by_a, action="approve")
    with pytest.raises(decisions.AlreadyDecided):
        decisions._claim(seen_by_b, b, "hidden")  # the conditional UPDATE itself
    with pytest.raises(decisions.AlreadyDecided):
        decisions.decide(actor=b, entry=seen_by_b, action="hide", reason="Kasar sekali")
    assert QueueItem.objects.get(pk=entry.pk).state == "approved"
