"""The review queue: moderators only, crisis first, approve and hide through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.accounts.roles import Role
from suar.community.models import Status
from suar.moderation.models import AuditEntry, QueueItem
from suar.moderation.services import queue_item
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def queued(organisation):  # type: ignore[no-untyped-def]
    author = make_person(organisation, "rina")
    group = make_group(organisation, members=(author,))
    items = {}
    for title, category, risk, status in [
        ("Agak kasar", "harassment", 0.9, Status.HELD),
        ("Butuh pertolongan", "crisis", 0.5, Status.CRISIS_REVIEW),
        ("Kasar sekali", "harassment", 0.95, Status.HELD),
    ]:
        story = make_story(group, author, title=title, status=status)
        items[title] = queue_item(
            item=story, organisation=organisation, category=category, risk=risk, findings=[]
        )
    return items


def test_queue_lists_crisis_first_then_risk(client, organisation, queued) -> None:  # type: ignore[no-untyped-def]
    moderator = make_person(organisation, "mod", role=Role.MODERATOR)
    page = _as(client, moderator).get(reverse("moderation:queue")).content.decode()
    assert page.index("Butuh pertolongan") < page.index("Kasar sekali") < page.index("Agak kasar")


def test_members_and_peer_supporters_cannot_see_the_queue(client, organisation, queued) -> None:  # type: ignore[no-untyped-def]
    for role in (Role.MEMBER, Role.PEER_SUPPORTER, Role.EXPERT):
        person = make_person(organisation, f"p-{role}", role=role)
        assert _as(client, person).get(reverse("moderation:queue")).status_code == 403
        entry = queued["Agak kasar"]
        assert client.post(reverse("moderation:approve", args=[entry.pk])).status_code == 403
    assert QueueItem.objects.filter(state="open").count() == 3


def test_approving_publishes_and_hiding_hides_with_an_audit_entry(
    client, organisation, queued
) -> None:  # type: ignore[no-untyped-def]
    moderator = make_person(organisation, "mod", role=Role.MODERATOR)
    _as(client, moderator).post(reverse("moderation:approve", args=[queued["Agak kasar"].pk]))
    client.post(reverse("moderation:hide", args=[queued["Kasar sekali"].pk]))
    approved, hidden = queued["Agak kasar"], queued["Kasar sekali"]
    approved.refresh_from_db()
    hidden.refresh_from_db()
    assert approved.item.status == Status.PUBLISHED and approved.state == "approved"
    assert hidden.item.status == Status.HIDDEN and hidden.state == "hidden"
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "decision.approve",
        "decision.hide",
    }
    page = client.get(reverse("moderation:queue")).content.decode()
    assert "Agak kasar" not in page and "Butuh pertolongan" in page


def test_a_moderator_of_another_organisation_cannot_decide(client, queued) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import Organisation

    other = Organisation.objects.create(name="Lain", slug="lain")
    stranger = make_person(other, "asing", role=Role.MODERATOR)
    page = _as(client, stranger).get(reverse("moderation:queue")).content.decode()
    assert "Butuh pertolongan" not in page
    assert (
        client.post(reverse("moderation:hide", args=[queued["Agak kasar"].pk])).status_code == 403
    )


def test_an_approved_reply_counts_as_the_first_reply(client, organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.community.models import Reply

    author = make_person(organisation, "rina")
    group = make_group(organisation, members=(author,))
    story = make_story(group, author)
    reply = Reply.objects.create(
        story=story, author=make_person(organisation, "budi"), body="Kasar", status=Status.HELD
    )
    entry = queue_item(
        item=reply, organisation=organisation, category="harassment", risk=0.7, findings=[]
    )
    _as(client, make_person(organisation, "mod", role=Role.MODERATOR)).post(
        reverse("moderation:approve", args=[entry.pk])
    )
    story.refresh_from_db()
    assert story.reply_count == 1 and story.first_reply_at is not None
