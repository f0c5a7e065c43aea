"""Every decision: what it does to the item and the person, the reason they see, the audit
entry; already decided items and moderators of other groups and organisations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from suar.accounts.models import Organisation
from suar.accounts.roles import Role
from suar.community.models import Status
from suar.moderation import decisions
from suar.moderation.models import AuditEntry, Decision, Notice, QueueItem, Sanction
from suar.moderation.services import queue_item
from tests.community.factories import make_group, make_person, make_story
from tests.moderation.conftest import as_

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("action", "extra", "status", "state", "sanction"),
    [
        ("approve", {}, Status.PUBLISHED, "approved", None),
        ("hide", {}, Status.HIDDEN, "hidden", None),
        (
            "content_warning",
            {"content_warning": "Kata kasar"},
            Status.PUBLISHED,
            "content_warning",
            None,
        ),
        ("warn", {}, Status.HIDDEN, "hidden", None),
        ("mute", {"hours": 6}, Status.HIDDEN, "hidden", "mute"),
        ("suspend", {"days": 7}, Status.HIDDEN, "hidden", "suspension"),
        ("suspend", {}, Status.HIDDEN, "hidden", "suspension"),
        ("ban", {}, Status.HIDDEN, "hidden", "ban"),
    ],
)
def test_each_action_changes_the_item_tells_the_person_and_is_audited(  # type: ignore[no-untyped-def]
    entry, moderator, author, action, extra, status, state, sanction
) -> None:
    decision = decisions.decide(
        actor=moderator, entry=entry, action=action, reason="Bahasa kasar ke anggota", **extra
    )
    entry.refresh_from_db()
    assert entry.state == state and entry.decided_by == moderator
    assert entry.item.status == status
    if action == "content_warning":
        assert entry.item.content_warning == "Kata kasar"
    notice = Notice.objects.get(recipient=author)
    assert notice.decision == decision
    assert "Bahasa kasar ke anggota" in notice.body or action == "approve"
    if action != "approve":
        assert "appeal once" in notice.body
    found = Sanction.objects.filter(user=author).first()
    assert (found.kind if found else None) == sanction
    if action == "mute":
        assert found is not None and found.ends_at is not None
        assert abs((found.ends_at - timezone.now()) - timedelta(hours=6)) < timedelta(minutes=1)
    if action == "suspend" and not extra:
        assert found is not None and found.ends_at is None  # until lifted
    audit = AuditEntry.objects.get(action=f"decision.{action}")
    assert audit.actor == moderator and audit.actor_name == "moda"
    assert audit.target == f"community.story:{entry.object_id}"


def test_a_reason_is_required_for_every_action_but_approve(entry, moderator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="reason"):
        decisions.decide(actor=moderator, entry=entry, action="warn", reason=" ")
    with pytest.raises(ValidationError, match="1 to 720"):
        decisions.decide(actor=moderator, entry=entry, action="mute", reason="Spam terus")
    entry.refresh_from_db()
    assert entry.state == "open" and not Decision.objects.exists()


def test_deciding_an_already_decided_item_says_who_and_changes_nothing(  # type: ignore[no-untyped-def]
    client, entry, moderator, organisation, author
) -> None:
    decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar sekali")
    other = make_person(organisation, "modb", role=Role.MODERATOR, display_name="Sari")
    with pytest.raises(decisions.AlreadyDecided, match="moda already decided"):
        decisions.decide(actor=other, entry=entry, action="ban", reason="Kasar sekali")
    assert not Sanction.objects.exists() and Decision.objects.count() == 1
    page = as_(client, other).post(
        reverse("moderation:decide", args=[entry.pk]),
        {"action": "approve", "label": "auto"},
        follow=True,
    )
    assert "already decided this" in page.content.decode()
    entry.refresh_from_db()
    assert entry.state == "hidden" and entry.item.status == Status.HIDDEN
    api = client.post(
        f"/api/v1/moderation/queue/{entry.pk}/decision",
        {"action": "approve"},
        content_type="application/json",
    )
    assert api.status_code == 409 and "already decided" in api.json()["detail"]


def test_a_crisis_is_never_punished(group, author, moderator, organisation) -> None:  # type: ignore[no-untyped-def]
    story = make_story(group, author, status=Status.CRISIS_REVIEW)
    entry = queue_item(
        item=story, organisation=organisation, category="crisis", risk=1.0, findings=[]
    )
    for action in ("warn", "mute", "suspend", "ban"):
        with pytest.raises(ValidationError, match="support, not a sanction"):
            decisions.decide(
                actor=moderator, entry=entry, action=action, reason="tidak boleh", hours=1
            )
    decision = decisions.decide(actor=moderator, entry=entry, action="hide", reason="Tetap privat")
    assert decision.label == "crisis"


def test_a_moderator_of_another_organisation_cannot_act(client, entry) -> None:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Lain", slug="lain")
    stranger = make_person(other, "asing", role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=stranger, entry=entry, action="approve")
    as_(client, stranger)
    assert client.get(reverse("moderation:item", args=[entry.pk])).status_code == 403
    assert (
        client.post(
            reverse("moderation:decide", args=[entry.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/moderation/queue/{entry.pk}").status_code == 403
    assert client.get("/api/v1/moderation/queue").json()["count"] == 0
    entry.refresh_from_db()
    assert entry.state == "open"


def test_a_group_moderator_acts_in_their_group_only_and_lightly(  # type: ignore[no-untyped-def]
    client, organisation, author, entry
) -> None:
    keeper = make_person(organisation, "penjaga")
    group = entry.group
    group.moderators.add(keeper)
    other_group = make_group(organisation, "lain", members=(author,))
    elsewhere = queue_item(
        item=make_story(other_group, author, status=Status.HELD),
        organisation=organisation,
        category="harassment",
        risk=0.8,
        findings=[],
    )
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=keeper, entry=elsewhere, action="hide", reason="Kasar sekali")
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=keeper, entry=entry, action="ban", reason="Kasar sekali")
    page = as_(client, keeper).get(reverse("moderation:queue")).content.decode()
    assert f'data-entry="{entry.pk}"' in page and f'data-entry="{elsewhere.pk}"' not in page
    decisions.decide(actor=keeper, entry=entry, action="warn", reason="Tolong lebih sopan")
    entry.refresh_from_db()
    assert entry.state == "hidden"


def test_members_cannot_decide_or_open_the_queue(client, entry, reader) -> None:  # type: ignore[no-untyped-def]
    as_(client, reader)
    assert client.get(reverse("moderation:queue")).status_code == 403
    assert (
        client.post(
            reverse("moderation:decide", args=[entry.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    assert client.get("/api/v1/moderation/queue").status_code == 403
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=reader, entry=entry, action="approve")


def test_the_decision_page_shows_errors_and_keeps_the_input(client, entry, moderator) -> None:  # type: ignore[no-untyped-def]
    response = as_(client, moderator).post(
        reverse("moderation:decide", args=[entry.pk]),
        {"action": "content_warning", "reason": "Perlu peringatan", "label": "auto"},
    )
    assert response.status_code == 422
    assert "Write the content warning" in response.content.decode()
    assert "Perlu peringatan" in response.content.decode()


def test_reporters_hear_that_their_report_was_read(entry, moderator, reader) -> None:  # type: ignore[no-untyped-def]
    from suar.moderation.models import Report

    Report.objects.create(
        queue_item=entry,
        reporter=reader,
        content_type=entry.content_type,
        object_id=entry.object_id,
        reason="harassment",
    )
    decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar sekali")
    notice = Notice.objects.get(recipient=reader)
    assert notice.kind == "report" and "took action" in notice.body
    assert "Kasar sekali" not in notice.body  # the reporter is not told the details


def test_queue_entries_do_not_leak_anonymous_authors_through_the_api(  # type: ignore[no-untyped-def]
    client, group, author, moderator, organisation
) -> None:
    story = make_story(group, author, anonymous=True, pseudonym="Bintang Pagi", status=Status.HELD)
    queue_item(item=story, organisation=organisation, category="harassment", risk=0.7, findings=[])
    data = as_(client, moderator).get("/api/v1/moderation/queue").json()
    assert data["items"][0]["author"] == "Bintang Pagi"
    assert "rina" not in str(data).lower()
    assert QueueItem.objects.get().subject == author  # kept for the sanction, never shown


def test_group_moderators_find_the_queue_in_the_menu(client, organisation, entry) -> None:  # type: ignore[no-untyped-def]
    keeper = make_person(organisation, "penjaga")
    entry.group.moderators.add(keeper)
    badge = as_(client, keeper).get(reverse("moderation:badge")).content.decode()
    assert reverse("moderation:queue") in badge and ">1</span>" in badge
