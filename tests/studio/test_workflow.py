"""Draft → review → approved → scheduled, and who may do each step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from suar.publishing.models import Publication
from suar.studio import services
from suar.studio.models import PostStatus

pytestmark = pytest.mark.django_db


def test_plain_tip_goes_draft_review_approved_scheduled(
    make_post, writer, export_account, later
) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    assert post.status == PostStatus.REVIEW and not post.sensitive
    # Not sensitive: an organiser may approve their own tip.
    services.approve_post(actor=writer, post=post)
    deliveries = services.schedule_post(
        actor=writer, post=post, scheduled_at=later, accounts=[export_account]
    )
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    publication = Publication.objects.get()
    assert publication.idempotency_key == f"{post.pk}:export:{export_account.pk}:{post.revision}"
    assert publication.text == post.text
    assert deliveries[0].publication == publication


def test_author_cannot_approve_their_own_story(make_post, writer, reviewer) -> None:
    post = make_post("Dulu aku minum tiap malam. Sekarang aku pulih.", kind="story")
    services.submit_for_review(actor=writer, post=post)
    assert post.sensitive
    with pytest.raises(PermissionDenied):
        services.approve_post(actor=writer, post=post)
    services.approve_post(actor=reviewer, post=post)
    assert post.status == PostStatus.APPROVED and post.approved_by == reviewer


def test_suicide_topic_makes_a_tip_sensitive(make_post, writer) -> None:
    post = make_post("The singer committed suicide last year.")
    services.submit_for_review(actor=writer, post=post)
    assert post.sensitive
    with pytest.raises(PermissionDenied):
        services.approve_post(actor=writer, post=post)


def test_member_cannot_compose_or_approve(organisation, member, make_post) -> None:
    with pytest.raises(PermissionDenied):
        services.create_post(
            actor=member, organisation=organisation, kind="tip", title="x", text="y"
        )
    post = make_post()
    with pytest.raises(PermissionDenied):
        services.approve_post(actor=member, post=post)


def test_schedule_in_the_past_is_refused(make_post, writer, export_account) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    with pytest.raises(ValidationError, match="already passed"):
        services.schedule_post(
            actor=writer,
            post=post,
            scheduled_at=timezone.now() - dt.timedelta(hours=1),
            accounts=[export_account],
        )
    assert not Publication.objects.exists()


def test_unapproved_post_cannot_be_scheduled(make_post, writer, export_account, later) -> None:
    post = make_post()
    with pytest.raises(ValidationError, match="approved"):
        services.schedule_post(
            actor=writer, post=post, scheduled_at=later, accounts=[export_account]
        )


def test_editing_an_approved_post_needs_a_new_approval(make_post, writer) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    services.update_post(actor=writer, post=post, title="Judul", text="Teks baru.", kind="tip")
    assert post.status == PostStatus.DRAFT and post.revision == 2 and post.approved_by is None


def test_variant_over_the_platform_limit_is_refused(make_post, writer, x_account, later) -> None:
    post = make_post()
    services.set_variants(actor=writer, post=post, texts={"x": "kata " * 80})
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    with pytest.raises(ValidationError, match="Too long for X"):
        services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[x_account])
    assert not Publication.objects.exists()


def test_cancel_then_reschedule_uses_a_new_key(make_post, writer, export_account, later) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[export_account])
    services.cancel_post(actor=writer, post=post)
    assert post.status == PostStatus.DRAFT
    assert Publication.objects.get().status == Publication.Status.CANCELLED
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[export_account])
    keys = set(Publication.objects.values_list("idempotency_key", flat=True))
    assert keys == {
        f"{post.pk}:export:{export_account.pk}:1",
        f"{post.pk}:export:{export_account.pk}:2",
    }


def test_reviewer_can_send_back_with_a_comment(make_post, writer, reviewer) -> None:
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.request_changes(actor=reviewer, post=post, body="Tambahkan sumber.")
    assert post.status == PostStatus.DRAFT
    assert post.comments.get().body == "Tambahkan sumber."


def test_disconnected_account_is_refused_before_scheduling(
    make_post, writer, export_account, later
) -> None:
    export_account.status = "revoked"
    export_account.save()
    post = make_post()
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    with pytest.raises(ValidationError, match="not connected"):
        services.schedule_post(
            actor=writer, post=post, scheduled_at=later, accounts=[export_account]
        )
