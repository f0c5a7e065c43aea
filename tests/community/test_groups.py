"""Joining groups: public at once, private by request or invitation link; my groups."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.urls import reverse

from suar.accounts.roles import Role
from suar.community.models import JoinRequest
from suar.community.services import INVITATION_SALT
from tests.community.factories import make_group, make_person

pytestmark = pytest.mark.django_db


def _login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_joining_a_public_group_is_immediate_and_it_shows_in_my_groups(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    group = make_group(organisation, "terbuka")
    _login(client, putri).post(reverse("community:group_join", args=["pulih", "terbuka"]))
    assert group.members.filter(pk=putri.pk).exists()
    page = client.get("/komunitas/").content.decode()
    assert reverse("community:feed") in page  # the "my groups" section links to my feed


def test_a_private_group_join_request_is_approved_by_a_group_moderator(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    lead = make_person(organisation, "lead")
    group = make_group(organisation, "keluarga", private=True, moderators=(lead,))
    _login(client, putri).post(
        reverse("community:group_join", args=["pulih", "keluarga"]), {"message": "Halo"}
    )
    request = JoinRequest.objects.get()
    assert request.state == "pending" and not group.members.filter(pk=putri.pk).exists()
    # Another member cannot approve; the group's moderator can.
    other = make_person(organisation, "other")
    group.members.add(other)
    url = reverse("community:join_request_decide", args=[request.pk])
    assert _login(client, other).post(url, {"approve": "1"}).status_code == 403
    page = _login(client, lead).get("/komunitas/g/pulih/keluarga/").content.decode()
    assert "putri" in page and "Halo" in page
    _login(client, lead).post(url, {"approve": "1"})
    assert group.members.filter(pk=putri.pk).exists()


def test_an_invitation_link_lets_a_person_in_and_expires(client, organisation, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    organiser = make_person(organisation, "org", role=Role.ORGANISER)
    putri = make_person(organisation, "putri")
    group = make_group(organisation, "keluarga", private=True, members=(organiser,))
    response = _login(client, organiser).post(
        reverse("community:group_invite", args=["pulih", "keluarga"]), follow=True
    )
    link = next(m.message for m in response.context["messages"]).split(": ", 1)[1]
    path = link.split("testserver", 1)[1]
    _login(client, putri).post(path)
    assert group.members.filter(pk=putri.pk).exists()

    budi = make_person(organisation, "budi")
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: eight_days_ago)
    stale = signing.dumps({"g": group.pk}, salt=INVITATION_SALT, compress=True)
    monkeypatch.undo()
    page = _login(client, budi).post(reverse("community:invitation", args=[stale]))
    assert not group.members.filter(pk=budi.pk).exists()
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    forged = _login(client, budi).post(reverse("community:invitation", args=["abc:def"]))
    assert "errorlist" in forged.content.decode()


def test_the_home_feed_shows_my_groups_but_not_unfollowed_ones(client, organisation) -> None:  # type: ignore[no-untyped-def]
    from tests.community.factories import make_story

    putri = make_person(organisation, "putri")
    author = make_person(organisation, "rina")
    followed = make_group(organisation, "satu", members=(putri, author))
    unfollowed = make_group(organisation, "dua", members=(putri, author))
    elsewhere = make_group(organisation, "tiga", members=(author,))
    make_story(followed, author, title="Cerita satu")
    make_story(unfollowed, author, title="Cerita dua")
    make_story(elsewhere, author, title="Cerita tiga")
    _login(client, putri).post(
        reverse("community:group_follow", args=["pulih", "dua"]), {"follow": "0"}
    )
    feed = client.get("/komunitas/beranda/").content.decode()
    assert "Cerita satu" in feed
    assert "Cerita dua" not in feed and "Cerita tiga" not in feed


def test_the_ask_to_join_link_of_a_private_group_is_only_for_its_organisation(
    client, organisation
) -> None:  # type: ignore[no-untyped-def]
    from suar.accounts.models import Organisation

    make_group(organisation, "keluarga", private=True)
    url = reverse("community:group_join", args=["pulih", "keluarga"])
    assert _login(client, make_person(organisation, "putri")).get(url).status_code == 200
    stranger = make_person(Organisation.objects.create(name="Lain", slug="lain"), "asing")
    assert _login(client, stranger).get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not JoinRequest.objects.exists()
