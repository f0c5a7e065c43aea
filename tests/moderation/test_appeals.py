"""One appeal per decision, within 20 days, reviewed by another moderator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from suar.community.models import Status
from suar.moderation import decisions
from suar.moderation.models import Appeal, AuditEntry, Decision, Notice, Sanction
from tests.community.factories import make_person
from tests.moderation.conftest import as_

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(organisation):  # type: ignore[no-untyped-def]
    return make_person(organisation, "modb", role="moderator")


def test_the_person_appeals_once_from_their_notice(client, entry, moderator, author) -> None:  # type: ignore[no-untyped-def]
    decision = decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar")
    notice = Notice.objects.get(recipient=author)
    page = as_(client, author).get(reverse("moderation:notice", args=[notice.pk])).content.decode()
    assert "Kasar" in page and "appeal-form" in page
    url = reverse("moderation:appeal", args=[decision.pk])
    done = client.post(
        url, {"text": "Itu candaan antar teman lama", "notice": notice.pk}, follow=True
    )
    assert "Your appeal was sent" in done.content.decode()
    again = client.post(
        url, {"text": "Tolong lihat lagi ya, please", "notice": notice.pk}, follow=True
    )
    assert "You already appealed this decision" in again.content.decode()
    assert Appeal.objects.count() == 1
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_an_appeal_after_the_deadline_is_refused_clearly(entry, moderator, author, client) -> None:  # type: ignore[no-untyped-def]
    decision = decisions.decide(actor=moderator, entry=entry, action="warn", reason="Kasar")
    Decision.objects.filter(pk=decision.pk).update(
        created_at=decision.created_at - timedelta(days=21)
    )
    decision.refresh_from_db()
    with pytest.raises(ValidationError, match="The time to appeal this decision ended on"):
        decisions.file_appeal(actor=author, decision=decision, text="Saya baru baca pesannya")
    as_(client, author)
    api = client.post(
        f"/api/v1/moderation/decisions/{decision.pk}/appeal",
        {"text": "Saya baru baca pesannya"},
        content_type="application/json",
    )
    assert api.status_code == 409 and "ended on" in api.json()["detail"]
    notice = Notice.objects.get(recipient=author)
    page = client.get(reverse("moderation:notice", args=[notice.pk])).content.decode()
    assert "The time to appeal this decision ended on" in page and "appeal-form" not in page
    assert not Appeal.objects.exists()


def test_only_the_person_concerned_can_appeal_and_not_an_approval(
    entry, moderator, reader, author
) -> None:  # type: ignore[no-untyped-def]
    decision = decisions.decide(actor=moderator, entry=entry, action="approve")
    with pytest.raises(PermissionDenied):
        decisions.file_appeal(actor=reader, decision=decision, text="Saya tidak setuju sama sekali")
    with pytest.raises(ValidationError, match="Nothing to appeal"):
        decisions.file_appeal(actor=author, decision=decision, text="Saya tidak setuju sama sekali")


def test_another_moderator_overturns_and_everything_is_restored(  # type: ignore[no-untyped-def]
    client, entry, moderator, author, second_moderator
) -> None:
    decision = decisions.decide(
        actor=moderator, entry=entry, action="suspend", reason="Kasar", days=7
    )
    appeal = decisions.file_appeal(
        actor=author, decision=decision, text="Akun saya diretas kemarin"
    )
    with pytest.raises(ValidationError, match="someone other than the moderator"):
        decisions.decide_appeal(actor=moderator, appeal=appeal, overturn=True, response="Oke ya")
    as_(client, second_moderator)
    listing = client.get(reverse("moderation:appeals")).content.decode()
    assert "Akun saya diretas kemarin" in listing
    client.post(
        reverse("moderation:appeal_decide", args=[appeal.pk]),
        {"overturn": "1", "response": "Maaf, kami salah membaca"},
    )
    appeal.refresh_from_db()
    entry.item.refresh_from_db()
    assert appeal.state == "overturned" and appeal.decided_by == second_moderator
    assert entry.item.status == Status.PUBLISHED
    assert Sanction.objects.get().lifted_at is not None
    told = Notice.objects.filter(recipient=author, kind="appeal").get()
    assert "reversed" in told.title and told.body == "Maaf, kami salah membaca"
    assert AuditEntry.objects.filter(action="appeal.overturned", actor=second_moderator).exists()
    again = client.post(
        reverse("moderation:appeal_decide", args=[appeal.pk]),
        {"overturn": "0", "response": "Berubah pikiran"},
        follow=True,
    )
    assert "already answered" in again.content.decode()


def test_upholding_keeps_the_decision(entry, moderator, author, second_moderator) -> None:  # type: ignore[no-untyped-def]
    decision = decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar")
    appeal = decisions.file_appeal(actor=author, decision=decision, text="Menurut saya itu wajar")
    decisions.decide_appeal(
        actor=second_moderator,
        appeal=appeal,
        overturn=False,
        response="Kata-kata itu menyakiti anggota lain",
    )
    entry.item.refresh_from_db()
    assert entry.item.status == Status.HIDDEN
    assert "stays" in Notice.objects.get(recipient=author, kind="appeal").title


def test_a_moderator_of_another_organisation_cannot_answer(entry, moderator, author) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import Organisation

    decision = decisions.decide(actor=moderator, entry=entry, action="hide", reason="Kasar")
    appeal = decisions.file_appeal(actor=author, decision=decision, text="Menurut saya itu wajar")
    stranger = make_person(
        Organisation.objects.create(name="Lain", slug="lain"), "x", role="moderator"
    )
    with pytest.raises(PermissionDenied):
        decisions.decide_appeal(actor=stranger, appeal=appeal, overturn=True, response="Boleh kok")
