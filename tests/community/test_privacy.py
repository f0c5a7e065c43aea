"""Per-story visibility, export of one's own data, and account deletion."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from suar.accounts.models import Organisation, User
from suar.community.models import Reply, Story
from tests.community.factories import make_group, make_person, make_reply, make_story

pytestmark = pytest.mark.django_db


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.parametrize(
    ("visibility", "visitor", "org_member", "other_org"),
    [("group", 404, 404, 404), ("organisation", 404, 200, 404), ("public", 200, 200, 200)],
)
def test_story_visibility_is_respected(
    client, organisation, visibility, visitor, org_member, other_org
) -> None:  # type: ignore[no-untyped-def]
    author = make_person(organisation, "rina")
    story = make_story(make_group(organisation, members=(author,)), author, visibility=visibility)
    url = f"/komunitas/cerita/{story.pk}/"
    assert client.get(url).status_code == visitor
    assert _as(client, make_person(organisation, "sari")).get(url).status_code == org_member
    elsewhere = make_person(Organisation.objects.create(name="Lain", slug="lain"), "asing")
    assert _as(client, elsewhere).get(url).status_code == other_org


def test_the_export_holds_my_data_and_never_names_others(client, organisation) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri", display_name="Putri")
    budi = make_person(organisation, "budi_k9", display_name="Budi Santoso")
    group = make_group(organisation, members=(putri, budi))
    mine = make_story(group, putri, title="Ceritaku", anonymous=True, pseudonym="Rusa Tenang")
    make_reply(mine, budi, body="Balasan Budi")
    theirs = make_story(group, budi, title="Cerita Budi")
    make_reply(theirs, putri, body="Balasanku")
    _as(client, putri).post(reverse("community:block", args=[budi.pk]))
    response = client.get(reverse("community:export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert [s["title"] for s in data["stories"]] == ["Ceritaku"]
    assert [r["body"] for r in data["replies"]] == ["Balasanku"]
    assert data["controls"]["people_blocked"] == 1
    # The Q&A, polls and challenges apps add their parts to the same export.
    assert {"questions", "poll_votes", "challenges"} <= data.keys()
    text = response.content.decode()
    assert "budi_k9" not in text and "Budi Santoso" not in text and "Balasan Budi" not in text


def test_deleting_my_account_removes_my_words_but_keeps_others_replies(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    budi = make_person(organisation, "budi")
    group = make_group(organisation, members=(putri, budi))
    answered = make_story(group, putri, title="Dijawab")
    make_reply(answered, budi, body="Balasan Budi tetap ada")
    make_story(group, putri, title="Belum dijawab")
    make_reply(make_story(group, budi, title="Cerita Budi"), putri, body="Kata-kata Putri")
    response = _as(client, putri).post(reverse("community:delete_account"), {"confirm": "HAPUS"})
    assert response.status_code == 302
    assert not User.objects.filter(username="putri").exists()
    assert not Story.objects.filter(title="Belum dijawab").exists()
    tombstone = Story.objects.get(pk=answered.pk)
    assert tombstone.status == "deleted" and tombstone.title == "" and tombstone.author is None
    assert Reply.objects.filter(body="Balasan Budi tetap ada").exists()
    placeholder = Reply.objects.get(story__title="Cerita Budi")
    assert placeholder.body == "" and placeholder.author is None
    page = _as(client, budi).get(f"/komunitas/cerita/{placeholder.story_id}/")
    assert "Kata-kata Putri" not in page.content.decode()


def test_deleting_needs_the_confirmation_word(client, organisation) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    response = _as(client, putri).post(reverse("community:delete_account"), {"confirm": "ya"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert User.objects.filter(username="putri").exists()
