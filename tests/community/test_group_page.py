"""A group page tells a person where they stand: request waiting, group moderator or not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.community.models import JoinRequest
from suar.community.selectors import MODERATORS_SHOWN
from tests.community.factories import make_group, make_person

pytestmark = pytest.mark.django_db

WAITING = "Permintaanmu untuk bergabung sedang menunggu pengelola grup."


def _page(client, person, slug: str = "pulih-bersama") -> str:  # type: ignore[no-untyped-def]
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("community:group_detail", args=["pulih", slug])).content.decode()


def test_a_waiting_join_request_is_shown_only_for_its_group(client, organisation) -> None:  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    asked = make_group(organisation)
    make_group(organisation, "lainnya")
    JoinRequest.objects.create(group=asked, user=putri)
    assert WAITING in _page(client, putri)
    assert WAITING not in _page(client, putri, "lainnya")
    JoinRequest.objects.update(state=JoinRequest.State.DECLINED)
    assert WAITING not in _page(client, putri)


@pytest.mark.parametrize("others", [0, MODERATORS_SHOWN])
def test_every_group_moderator_gets_the_organisers_tools(client, organisation, others) -> None:  # type: ignore[no-untyped-def]
    """Also one not among the moderators the page names."""
    crowd = tuple(make_person(organisation, f"mod{n}") for n in range(others))
    group = make_group(organisation, moderators=crowd)
    latest = make_person(organisation, "putri")
    member = make_person(organisation, "budi")
    group.members.add(latest, member)
    group.moderators.add(latest)
    edit = reverse("community:group_edit", args=["pulih", "pulih-bersama"])
    assert edit in _page(client, latest)
    assert edit not in _page(client, member)
