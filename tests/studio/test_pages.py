"""The Studio pages: compose, post page with previews, permissions, organisation scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import Publication
from suar.studio import services
from suar.studio.models import Post

pytestmark = pytest.mark.django_db


def test_member_cannot_open_the_studio(login_as, member) -> None:
    client = login_as(member)
    assert client.get("/studio/").status_code == 403
    assert client.get("/studio/kalender/").status_code == 403
    assert client.post("/studio/periksa/", {"text": "x"}).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client) -> None:
    response = client.get("/studio/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_organisation_b_cannot_see_organisation_a_posts(login_as, make_post) -> None:
    post = make_post("Rahasia tim A.")
    other = Organisation.objects.create(name="Yayasan Lain", slug="lain")
    outsider = User.objects.create_user("budi", password="x-long-passphrase-1")
    Membership.objects.create(user=outsider, organisation=other, role=Role.ORGANISER)
    client = login_as(outsider)
    assert client.get(f"/studio/pos/{post.pk}/").status_code == 404
    assert "Rahasia" not in client.get("/studio/").content.decode()
    assert client.post(f"/studio/pos/{post.pk}/ajukan/").status_code == 404
    assert client.get(f"/api/v1/studio/posts/{post.pk}").status_code == 404
    assert client.get("/api/v1/studio/posts").json() == []


def test_compose_saves_a_draft(login_as, writer, organisation) -> None:
    client = login_as(writer)
    response = client.post(
        "/studio/baru/",
        {
            "organisation": organisation.pk,
            "kind": "tip",
            "title": "Tips tidur",
            "text": "Tidur cukup.",
        },
    )
    post = Post.objects.get()
    assert response["Location"] == f"/studio/pos/{post.pk}/"
    assert post.author == writer and post.status == "draft"


def test_post_page_shows_a_preview_per_platform(login_as, writer, make_post) -> None:
    post = make_post("Kamu nggak sendirian. #PulihBersama https://suar.example/g/pulih")
    services.set_variants(actor=writer, post=post, texts={"x": "", "instagram": ""})
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    page = client.get(f"/studio/pos/{post.pk}/").content.decode()
    assert 'data-platform="x"' in page and 'data-platform="instagram"' in page
    assert '<span class="p-tag">#PulihBersama</span>' in page
    # X shows the link without its scheme; Instagram does not make links clickable.
    assert ">suar.example/g/pulih</a>" in page
    assert "Instagram needs an image or a video." in page


def test_sensitive_post_page_tells_the_author_to_ask_a_colleague(
    login_as, writer, make_post
) -> None:
    post = make_post("Dulu aku hampir menyerah.", kind="story")
    services.submit_for_review(actor=writer, post=post)
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    page = client.get(f"/studio/pos/{post.pk}/").content.decode()
    assert "a colleague must approve it" in page
    response = client.post(f"/studio/pos/{post.pk}/setujui/", follow=True)
    assert "A sensitive post needs a second person" in response.content.decode()
    post.refresh_from_db()
    assert post.status == "review"


def test_schedule_form_refuses_a_past_time(login_as, writer, make_post, export_account) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    client = login_as(writer)
    client.cookies["suar_language"] = "en"
    response = client.post(
        f"/studio/pos/{post.pk}/jadwalkan/",
        {"publish_at": "2020-01-01T09:00", "accounts": [export_account.pk]},
        follow=True,
    )
    assert "01-01-2020 09:00 WIB has already passed" in response.content.decode()


def test_schedule_form_reads_the_time_in_jakarta(
    login_as, writer, make_post, export_account
) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    login_as(writer).post(
        f"/studio/pos/{post.pk}/jadwalkan/",
        {"publish_at": "2099-03-01T19:00", "accounts": [export_account.pk]},
    )
    post.refresh_from_db()
    assert post.scheduled_at is not None
    assert post.scheduled_at.isoformat() == "2099-03-01T12:00:00+00:00"


def test_studio_list_query_count_does_not_grow(
    login_as, writer, make_post, django_assert_max_num_queries
) -> None:
    for n in range(30):
        make_post(f"Tips {n}")
    client = login_as(writer)
    with django_assert_max_num_queries(10):
        page = client.get("/studio/").content.decode()
    assert page.count('class="card post-row"') == 30


def test_post_page_query_count_is_bounded(
    login_as, writer, make_post, django_assert_max_num_queries
) -> None:
    post = make_post("Satu #PulihBersama")
    services.set_variants(actor=writer, post=post, texts={p: "" for p in ("x", "mastodon")})
    for n in range(5):
        services.add_comment(actor=writer, post=post, body=f"Komentar {n}")
    client = login_as(writer)
    with django_assert_max_num_queries(25):
        assert client.get(f"/studio/pos/{post.pk}/").status_code == 200


def test_unadapted_variants_follow_the_main_text(writer, make_post) -> None:
    post = make_post("Versi satu.")
    services.set_variants(actor=writer, post=post, texts={"x": "", "mastodon": "Khusus Mastodon."})
    services.update_post(actor=writer, post=post, title="Judul", text="Versi dua.", kind="tip")
    assert dict(post.variants.values_list("platform", "text")) == {
        "x": "Versi dua.",
        "mastodon": "Khusus Mastodon.",
    }


def test_failed_publication_shows_the_reason_and_can_be_retried(
    login_as, writer, make_post, export_account
) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    later = timezone.now() + dt.timedelta(hours=3)
    delivery = services.schedule_post(
        actor=writer, post=post, scheduled_at=later, accounts=[export_account]
    )[0]
    Publication.objects.update(
        status="failed", error_kind="content", error_message="Media ditolak: rasio 3:1"
    )
    client = login_as(writer)
    page = client.get(f"/studio/pos/{post.pk}/").content.decode()
    assert "state-failed" in page and "Media ditolak: rasio 3:1" in page
    client.post(f"/studio/pos/{post.pk}/kirim-ulang/{delivery.pk}/")
    assert Publication.objects.get().status == "scheduled"
