"""Organisers create groups with a description and rules; moderators keep them up to date."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.accounts.roles import Role
from suar.community.models import Group
from suar.moderation.models import AuditEntry
from tests.community.factories import make_group, make_person

pytestmark = pytest.mark.django_db


def _as(client, user):  # type: ignore[no-untyped-def]
    client.cookies["suar_language"] = "en"
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_an_organiser_creates_a_private_group_and_moderates_it(client, organisation) -> None:  # type: ignore[no-untyped-def]
    organiser = make_person(organisation, "org", role=Role.ORGANISER)
    data = {"organisation": organisation.pk, "name": "Keluarga Pendamping",
            "description": "Untuk keluarga.", "rules": "Saling hormat.\nTanpa nama asli.",
            "visibility": "private"}  # fmt: skip
    response = _as(client, organiser).post(reverse("community:group_create"), data)
    group = Group.objects.get()
    assert response["Location"] == f"/komunitas/g/pulih/{group.slug}/"
    assert group.is_private and group.moderators.filter(pk=organiser.pk).exists()
    again = client.post(reverse("community:group_create"), data)  # a double submit
    assert again.status_code == 422 and Group.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Saling hormat." in page and "Group moderators:" in page
    assert AuditEntry.objects.filter(action="group.create").exists()


def test_the_join_page_shows_the_rules_first(client, organisation) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, "keluarga", private=True)
    group.rules = "Jaga rahasia teman."
    group.save()
    page = _as(client, make_person(organisation, "sari")).get("/komunitas/g/pulih/keluarga/gabung/")
    assert "Jaga rahasia teman." in page.content.decode()


def test_a_group_moderator_edits_rules_but_not_who_moderates(client, organisation) -> None:  # type: ignore[no-untyped-def]
    lead = make_person(organisation, "lead")
    other = make_person(organisation, "other")
    group = make_group(organisation, "terbuka", members=(other,), moderators=(lead,))
    url = reverse("community:group_edit", args=["pulih", "terbuka"])
    page = _as(client, lead).get(url).content.decode()
    assert 'name="moderators"' not in page and 'name="visibility"' not in page
    client.post(url, {"description": "Baru", "rules": "Aturan baru", "moderators": [other.pk]})
    group.refresh_from_db()
    assert group.rules == "Aturan baru"
    assert list(group.moderators.all()) == [lead]
    assert _as(client, other).get(url).status_code == 403


def test_an_organiser_names_moderators_among_members_only(client, organisation) -> None:  # type: ignore[no-untyped-def]
    organiser = make_person(organisation, "org", role=Role.ORGANISER)
    member = make_person(organisation, "putri")
    stranger = make_person(organisation, "asing")
    group = make_group(organisation, "terbuka", members=(organiser, member))
    url = reverse("community:group_edit", args=["pulih", "terbuka"])
    base = {"description": "D", "rules": "", "visibility": "public"}
    response = _as(client, organiser).post(url, {**base, "moderators": [stranger.pk]})
    assert response.status_code == 422 and not group.moderators.exists()
    client.post(url, {**base, "moderators": [member.pk]})
    assert list(group.moderators.all()) == [member]
