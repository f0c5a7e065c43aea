"""The site menu is rendered once per process, yet each person sees their own entries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.community.notices.services import notify_elsewhere
from tests.community.factories import make_person

pytestmark = pytest.mark.django_db


def _page(client, person) -> str:  # type: ignore[no-untyped-def]
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("community:group_list")).content.decode()


def test_the_review_queue_is_in_the_menu_only_for_moderators(client, organisation) -> None:  # type: ignore[no-untyped-def]
    queue = f'href="{reverse("moderation:queue")}"'
    moderator = make_person(organisation, "moderator", role="moderator")
    member = make_person(organisation, "anggota")
    for _ in range(2):  # the second time both menus come from the cache
        assert queue in _page(client, moderator)
        page = _page(client, member)
        assert queue not in page
        assert reverse("accounts:logout") in page


def test_the_unread_count_follows_new_notifications(client, organisation) -> None:  # type: ignore[no-untyped-def]
    member = make_person(organisation, "anggota")
    assert '<span class="badge">' not in _page(client, member)
    notify_elsewhere(user=member, kind="reply", url="/komunitas/", title="Balasan")
    assert '<span class="badge">1</span>' in _page(client, member)


def test_visitors_get_log_in_instead_of_personal_entries(client, organisation) -> None:  # type: ignore[no-untyped-def]
    _page(client, make_person(organisation, "anggota"))
    client.logout()
    page = client.get(reverse("community:group_list")).content.decode()
    assert reverse("accounts:login") in page
    assert reverse("community:feed") not in page
    assert reverse("accounts:logout") not in page
