"""The pages where organisers set up what is measured work, and a post's own history shows
its figures over time; the sync task can run twice with the same result."""

from __future__ import annotations

import datetime as dt

import respx
from django.utils import timezone

from suar.accounts.roles import Role
from suar.analytics.models import EngagementSnapshot, ImpactSettings, Programme, TrackedPost
from suar.analytics.tasks import sync_account as sync_task
from suar.analytics.tasks import sync_all


def test_every_management_page_opens_for_an_organiser(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    for url in ("tautan/", "program/", "komentar/", "impor/", "token/"):
        assert client.get(f"/dampak/pulih/{url}").status_code == 200, url
    assert client.get("/dampak/pulih/pengaturan/").status_code == 403  # admins only


def test_an_admin_sets_the_website_on_its_page(make_user, login_as) -> None:  # type: ignore[no-untyped-def]
    client = login_as(make_user("admin", role=Role.ADMIN))
    client.post("/dampak/pulih/pengaturan/", {"website": "https://pulih.or.id"})
    assert ImpactSettings.objects.get().website == "https://pulih.or.id"


def test_a_programme_is_created_on_its_page(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    client = login_as(organiser)
    response = client.post(
        "/dampak/pulih/program/",
        {"kind": "event", "title": "Nonton bareng & diskusi", "description": "Film pemulihan"},
    )
    programme = Programme.objects.get()
    assert programme.slug == "nonton-bareng-diskusi" and programme.created_by == organiser
    assert response.url == "/dampak/pulih/program/nonton-bareng-diskusi/"
    assert (
        "/dampak/daftar/pulih/nonton-bareng-diskusi/" in client.get(response.url).content.decode()
    )


def test_a_posts_history_is_a_time_series(login_as, organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    post = TrackedPost.objects.create(
        organisation=organisation, platform="x", platform_post_id="1", label="Tips tidur"
    )
    start = timezone.now() - dt.timedelta(days=3)
    for day, likes in enumerate((4, 9, 15)):
        moment = start + dt.timedelta(days=day)
        EngagementSnapshot.objects.create(
            post=post,
            taken_at=moment,
            slot=moment.replace(minute=0, second=0, microsecond=0),
            source="api",
            likes=likes,
            impressions=likes * 30,
        )
    page = login_as(organiser).get(f"/dampak/pulih/pos/{post.pk}/").content.decode()
    assert page.count("<polyline") == 2  # likes and impressions; the others are not given
    assert "Tips tidur" in page and ">15<" in page


@respx.mock
def test_the_sync_task_runs_twice_with_one_snapshot(make_account, publish) -> None:  # type: ignore[no-untyped-def]
    account = make_account("mastodon", base_url="https://mastodon.test", platform_account_id="109")
    publication = publish(account)
    pid = publication.platform_post_id
    respx.get(f"https://mastodon.test/api/v1/statuses/{pid}").respond(
        200, json={"id": pid, "favourites_count": 3, "reblogs_count": 1, "replies_count": 0}
    )
    respx.get(f"https://mastodon.test/api/v1/statuses/{pid}/context").respond(
        200, json={"ancestors": [], "descendants": []}
    )

    assert sync_all.enqueue().return_value == 1  # queued (here: run at once) per account
    sync_task.enqueue(account.pk, True)

    assert EngagementSnapshot.objects.count() == 1
    assert EngagementSnapshot.objects.get().likes == 3
