"""The publishing page and API: who sees what, and retrying a failed post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount, Publication


def test_accounts_of_one_organisation_are_invisible_to_another(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    login_as: Callable[[User], Client],
) -> None:
    account = make_account("mastodon", handle="@rahasia_a")
    publication = make_publication(account, text="Teks organisasi A")
    other = Organisation.objects.create(name="Lain", slug="lain")
    outsider = User.objects.create(username="luar")
    Membership.objects.create(user=outsider, organisation=other, role=Role.ORGANISER)
    client = login_as(outsider)

    page = client.get("/publikasi/").content.decode()
    assert "@rahasia_a" not in page and "Teks organisasi A" not in page
    assert client.get("/api/v1/publishing/accounts").json() == []
    assert client.post(f"/publikasi/{publication.pk}/batal/").status_code == 404
    assert client.post(f"/publikasi/akun/{account.pk}/putuskan/").status_code == 404


def test_a_member_cannot_open_the_publishing_page(
    member: User, login_as: Callable[[User], Client]
) -> None:
    assert login_as(member).get("/publikasi/").status_code == 403


def test_the_page_shows_failures_with_the_reason_in_bounded_queries(
    organiser: User,
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    login_as: Callable[[User], Client],
    django_assert_max_num_queries: Callable[[int], DjangoAssertNumQueries],
) -> None:
    for platform in ("mastodon", "x", "bluesky"):
        account = make_account(platform)
        for n in range(5):
            make_publication(
                account,
                status="failed",
                error_kind="content",
                error_message=f"Media ditolak {platform} {n}",
            )
    client = login_as(organiser)
    with django_assert_max_num_queries(12):
        page = client.get("/publikasi/").content.decode()
    assert "Media ditolak x 3" in page
    assert "secret-access" not in page


def test_retrying_a_failed_post_queues_it_again(
    organiser: User,
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    login_as: Callable[[User], Client],
) -> None:
    publication = make_publication(make_account(), status="failed", error_kind="content")
    client = login_as(organiser)

    client.post(f"/publikasi/{publication.pk}/coba-lagi/")

    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED
    assert publication.next_attempt_at is not None


def test_the_api_schedules_idempotently_and_explains_bad_input(
    organiser: User,
    make_account: Callable[..., ConnectedAccount],
    login_as: Callable[[User], Client],
) -> None:
    account = make_account("bluesky")
    client = login_as(organiser)
    payload = {
        "account_id": account.pk,
        "text": "Kamu tidak sendiri.",
        "scheduled_at": (timezone.now() + dt.timedelta(hours=2)).isoformat(),
        "idempotency_key": "api-1",
    }
    first = client.post("/api/v1/publishing/publications", payload, content_type="application/json")
    again = client.post("/api/v1/publishing/publications", payload, content_type="application/json")
    too_long = client.post(
        "/api/v1/publishing/publications",
        {**payload, "text": "a" * 301, "idempotency_key": "api-2"},
        content_type="application/json",
    )

    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert too_long.status_code == 422
    assert "Too long for Bluesky: 301 of 300 characters." in too_long.json()["detail"]


def test_disconnecting_forgets_the_tokens_and_the_key_they_were_bound_to(
    make_account: Callable[..., ConnectedAccount],
    organiser: User,
    login_as: Callable[[User], Client],
) -> None:
    account = make_account("bluesky", dpop_private_key="-----BEGIN PRIVATE KEY-----x")

    response = login_as(organiser).post(f"/publikasi/akun/{account.pk}/putuskan/")

    assert response.status_code in (200, 302)
    account.refresh_from_db()
    assert account.status == ConnectedAccount.Status.REVOKED
    assert (account.access_token, account.refresh_token, account.dpop_private_key) == ("", "", "")
