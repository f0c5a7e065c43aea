"""Replies, reactions, deleted stories and the fast-reply inbox for peer supporters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from suar.accounts.roles import Role
from suar.community.models import Reaction, Reply, Story
from tests.community.factories import make_group, make_person, make_reply, make_story

pytestmark = pytest.mark.django_db


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def people(organisation):  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    budi = make_person(organisation, "budi")
    return putri, budi, make_group(organisation, members=(putri, budi))


def test_a_reply_records_the_first_reply_time_once(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    story = make_story(group, putri)
    url = reverse("community:reply_create", args=[story.pk])
    _as(client, putri).post(url, {"body": "Tambahan dariku.", "token": "p1"})
    story.refresh_from_db()
    assert story.first_reply_at is None  # the author's own follow-up is not an answer
    _as(client, budi).post(url, {"body": "Kamu hebat, terus semangat!", "token": "b1"})
    _as(client, budi).post(url, {"body": "Kamu hebat, terus semangat!", "token": "b1"})  # again
    story.refresh_from_db()
    assert story.first_reply_at is not None and story.reply_count == 2
    assert Reply.objects.count() == 2
    assert "terus semangat" in client.get(f"/komunitas/cerita/{story.pk}/").content.decode()


def test_replying_to_a_deleted_story_gets_a_clear_message_and_keeps_the_text(
    client, people
) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    story = make_story(group, putri)
    _as(client, putri).post(reverse("community:story_delete", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == "deleted" and story.body == ""
    response = _as(client, budi).post(
        reverse("community:reply_create", args=[story.pk]), {"body": "Peluk jauh", "token": "d1"}
    )
    assert response.status_code == 422
    assert "Peluk jauh" in response.content.decode() and "errorlist" in response.content.decode()
    assert client.get(f"/komunitas/cerita/{story.pk}/").status_code == 410


def test_reactions_toggle_one_per_person_per_kind(client, people) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    story = make_story(group, putri)
    url = reverse("community:story_react", args=[story.pk])
    _as(client, budi).post(url, {"kind": "hug"})
    _as(client, budi).post(url, {"kind": "strength"})
    assert Reaction.objects.count() == 2
    fragment = client.post(url, {"kind": "hug"}, headers={"HX-Request": "true"})
    assert Reaction.objects.count() == 1
    assert 'id="reactions"' in fragment.content.decode()
    assert client.post(url, {"kind": "dislike"}).status_code == 400
    assert Reaction.objects.count() == 1


def test_the_inbox_orders_unanswered_stories_by_risk_then_waiting(
    client, organisation, people
) -> None:  # type: ignore[no-untyped-def]
    putri, budi, group = people
    old = timezone.now() - timedelta(hours=5)
    calm_old = make_story(group, putri, title="Lama dan tenang")
    Story.objects.filter(pk=calm_old.pk).update(created_at=old)
    make_story(group, putri, title="Baru dan tenang")
    make_story(group, putri, title="Berisiko", risk=0.6)
    answered = make_story(group, putri, title="Sudah dijawab")
    make_reply(answered, budi)
    Story.objects.filter(pk=answered.pk).update(
        first_reply_at=timezone.now(), created_at=timezone.now() - timedelta(minutes=30)
    )
    supporter = make_person(organisation, "peer", role=Role.PEER_SUPPORTER)
    group.members.add(supporter)
    page = _as(client, supporter).get(reverse("community:inbox")).content.decode()
    assert page.index("Berisiko") < page.index("Lama dan tenang") < page.index("Baru dan tenang")
    assert "Sudah dijawab" not in page
    assert "<td>30</td>" in page  # median minutes to first reply for the group
    assert _as(client, budi).get(reverse("community:inbox")).status_code == 403
