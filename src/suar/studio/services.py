"""Writes of the Studio: compose, attach media, adapt per platform, review, schedule, link."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.campaigns.models import Campaign
from suar.moderation.services import record_audit
from suar.publishing.limits import PLATFORM_LIMITS, check_variant
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.services import (
    cancel_publication,
    retry_publication,
    schedule_publication,
)
from suar.safety import analyze
from suar.studio.campaign_link import campaign_problems
from suar.studio.checks import is_sensitive
from suar.studio.kinds import SENSITIVE_KINDS
from suar.studio.links import dead_link_problems, existing_target_paths, tag_short_links
from suar.studio.media import clean_image
from suar.studio.models import (
    Comment,
    Delivery,
    Post,
    PostMedia,
    PostStatus,
    ShortLink,
    Variant,
)
from suar.studio.timezones import studio_zone, zone_label

MAX_IMAGES = 10
# Same tolerance as the publishing app: a form submitted a few seconds late is "now".
PAST_TOLERANCE = dt.timedelta(minutes=1)


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) else None


def _require_editable(post: Post) -> None:
    if not post.is_editable:
        raise ValidationError(_("This post is scheduled: cancel the schedule before editing it."))


def _back_to_draft(post: Post) -> None:
    """An edit invalidates any approval: the reviewer approved other words."""
    post.revision = F("revision") + 1
    post.status = PostStatus.DRAFT
    post.approved_by = None
    post.approved_revision = None
    post.approved_at = None


def _set_campaign(post: Post, campaign: Campaign | None) -> None:
    if campaign is not None and campaign.organisation_id != post.organisation_id:
        raise PermissionDenied("campaign of another organisation")
    post.campaign = campaign
    post.campaign_name = campaign.name if campaign is not None else ""


def create_post(
    *,
    actor: AnyUser,
    organisation: Organisation,
    kind: str,
    title: str,
    text: str,
    campaign: Campaign | None = None,
) -> Post:
    require_perm(actor, Perm.COMPOSE_POSTS, organisation)
    post = Post(organisation=organisation, author=_user(actor), kind=kind, title=title, text=text)
    _set_campaign(post, campaign)
    post.full_clean()
    with transaction.atomic():
        post.save()
    return post


KEEP = object()  # update_post(campaign=KEEP): leave the post's campaign as it is


def update_post(
    *,
    actor: AnyUser,
    post: Post,
    title: str,
    text: str,
    kind: str,
    campaign: Campaign | object | None = KEEP,
) -> Post:
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    _require_editable(post)
    changed = (post.title, post.text, post.kind) != (title, text, kind)
    campaign_changed = False
    if campaign is not KEEP:
        assert campaign is None or isinstance(campaign, Campaign)
        before = (post.campaign_id, post.campaign_name)
        _set_campaign(post, campaign)
        # "No campaign" after a deletion is a change too: it clears the remembered name.
        campaign_changed = before != (post.campaign_id, post.campaign_name)
    old_text = post.text
    post.title, post.text, post.kind = title, text, kind
    post.full_clean()
    if not changed:
        if campaign_changed:
            # The words are the same, so the approval still holds.
            with transaction.atomic():
                post.save(update_fields=["campaign", "campaign_name", "updated_at"])
        return post
    with transaction.atomic():
        _back_to_draft(post)
        post.save()
        # Variants nobody adapted yet follow the main text; adapted ones are left alone.
        post.variants.filter(text=old_text).update(text=text)
    post.refresh_from_db()
    return post


def add_media(*, actor: AnyUser, post: Post, upload: UploadedFile, alt_text: str) -> PostMedia:
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    _require_editable(post)
    if not alt_text.strip():
        raise ValidationError(
            _("Describe the image (alt text) for people who cannot see it: it is required.")
        )
    if post.media.count() >= MAX_IMAGES:
        raise ValidationError(_("A post can have at most %(n)d images.") % {"n": MAX_IMAGES})
    cleaned = clean_image(upload)
    media = PostMedia(
        post=post,
        alt_text=alt_text.strip(),
        width=cleaned.width,
        height=cleaned.height,
        content_type=cleaned.content_type,
        size=cleaned.size,
    )
    media.image.save(cleaned.file.name or "image", cleaned.file, save=False)
    try:
        media.full_clean()
    except ValidationError:
        media.image.delete(save=False)
        raise
    with transaction.atomic():
        media.save()
        _back_to_draft(post)
        post.save(
            update_fields=[
                "revision",
                "status",
                "approved_by",
                "approved_revision",
                "approved_at",
                "updated_at",
            ]
        )
    post.refresh_from_db()
    return media


def remove_media(*, actor: AnyUser, media: PostMedia) -> None:
    post = media.post
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    _require_editable(post)
    with transaction.atomic():
        media.delete()
        _back_to_draft(post)
        post.save()
    # The file goes after the row is gone for good; a rollback above keeps both.
    transaction.on_commit(lambda: media.image.delete(save=False))


def set_variants(*, actor: AnyUser, post: Post, texts: dict[str, str]) -> list[Variant]:
    """Keep exactly the platforms in `texts`; an empty text starts from the main text."""
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    _require_editable(post)
    unknown = set(texts) - set(PLATFORM_LIMITS)
    if unknown:
        raise ValidationError(_("Unknown platform: %(p)s.") % {"p": ", ".join(sorted(unknown))})
    existing = {v.platform: v for v in post.variants.all()}
    changed = False
    out: list[Variant] = []
    with transaction.atomic():
        for platform, variant in existing.items():
            if platform not in texts:
                variant.delete()
                changed = True
        for platform, text in texts.items():
            variant = existing.get(platform) or Variant(post=post, platform=platform)
            new_text = text if text.strip() else post.text
            if variant.pk is None or variant.text != new_text:
                variant.text = new_text
                variant.full_clean()
                variant.save()
                changed = True
            out.append(variant)
        if changed:
            _back_to_draft(post)
            post.save()
    post.refresh_from_db()
    return sorted(out, key=lambda v: v.platform)


def needs_second_person(post: Post) -> bool:
    return post.kind in SENSITIVE_KINDS or is_sensitive(analyze(post.text, context="post"))


def submit_for_review(*, actor: AnyUser, post: Post) -> Post:
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    if post.status != PostStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    report = analyze(post.text, context="post")
    if report.blocking:
        raise ValidationError(_("The checks found something that cannot be published: fix it."))
    post.sensitive = post.kind in SENSITIVE_KINDS or is_sensitive(report)
    post.status = PostStatus.REVIEW
    with transaction.atomic():
        post.save(update_fields=["sensitive", "status", "updated_at"])
    return post


def approve_post(*, actor: AnyUser, post: Post) -> Post:
    require_perm(actor, Perm.APPROVE_POSTS, post.organisation)
    if post.status != PostStatus.REVIEW:
        raise ValidationError(_("Only a post in review can be approved."))
    # Re-evaluated here: the rules may have changed since the post was submitted.
    sensitive = needs_second_person(post)
    if sensitive and post.author_id is not None and post.author_id == actor.pk:
        raise PermissionDenied(_("A sensitive post needs a second person: ask a colleague."))
    with transaction.atomic():
        post.sensitive = sensitive
        post.status = PostStatus.APPROVED
        post.approved_by = _user(actor)
        post.approved_revision = post.revision
        post.approved_at = timezone.now()
        post.save()
        record_audit(
            actor=actor,
            action="studio.approve",
            target=post,
            reason=f"revision {post.revision}" + (", sensitive" if sensitive else ""),
            organisation=post.organisation,
        )
    return post


def request_changes(*, actor: AnyUser, post: Post, body: str) -> Post:
    require_perm(actor, Perm.APPROVE_POSTS, post.organisation)
    if post.status != PostStatus.REVIEW:
        raise ValidationError(_("Only a post in review can be sent back."))
    with transaction.atomic():
        add_comment(actor=actor, post=post, body=body)
        post.status = PostStatus.DRAFT
        post.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=actor,
            action="studio.send_back",
            target=post,
            reason=body[:500],
            organisation=post.organisation,
        )
    return post


def _media_payload(post: Post) -> list[dict[str, Any]]:
    # Size and dimensions travel along so each platform's media rules are checked before
    # scheduling (limits.check_media), not discovered when the platform refuses.
    return [
        {
            "path": m.image.name,
            "alt_text": m.alt_text,
            "mime": m.content_type,
            "bytes": m.size,
            "width": m.width,
            "height": m.height,
        }
        for m in post.media.all()
    ]


def validate_schedule_time(post: Post, scheduled_at: dt.datetime) -> None:
    if timezone.is_naive(scheduled_at):
        raise ValidationError(_("The time has no time zone."))
    if scheduled_at < timezone.now() - PAST_TOLERANCE:
        zone = studio_zone(post.organisation)
        local = scheduled_at.astimezone(zone)
        raise ValidationError(
            _("%(when)s %(zone)s has already passed: choose a time in the future.")
            % {"when": local.strftime("%d-%m-%Y %H:%M"), "zone": zone_label(zone)}
        )


def schedule_post(
    *,
    actor: AnyUser,
    post: Post,
    scheduled_at: dt.datetime,
    accounts: list[ConnectedAccount],
) -> list[Delivery]:
    """Schedule the approved revision: one publication per account, on its platform's variant."""
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    if post.status != PostStatus.APPROVED or post.approved_revision != post.revision:
        raise ValidationError(_("Only an approved post can be scheduled."))
    validate_schedule_time(post, scheduled_at)
    if not accounts:
        raise ValidationError(_("Choose at least one account to publish to."))
    variants = {v.platform: v for v in post.variants.all()}
    media = _media_payload(post)
    problems: list[str] = []
    texts_sent: list[str] = []
    for account in accounts:
        if account.organisation_id != post.organisation_id:
            raise PermissionDenied("account of another organisation")
        if account.status != ConnectedAccount.Status.CONNECTED:
            problems.append(
                _("The %(platform)s account %(handle)s is not connected: reconnect it first.")
                % {"platform": account.get_platform_display(), "handle": account.handle}
            )
        variant = variants.get(account.platform)
        text = tag_short_links(variant.text if variant else post.text, account.platform)
        problems += check_variant(
            text,
            account.platform,
            images=len(media),
            alt_texts=[m["alt_text"] for m in media],
            max_chars=account.max_chars,  # a Mastodon server may allow more (or fewer)
            media=media,
        )
        texts_sent.append(text)
    problems += dead_link_problems(post.organisation, texts_sent)
    problems += campaign_problems(post, scheduled_at)
    if problems:
        raise ValidationError(sorted(set(problems), key=problems.index))
    deliveries: list[Delivery] = []
    with transaction.atomic():
        for account in accounts:
            variant = variants.get(account.platform)
            if variant is None:
                variant = Variant.objects.create(
                    post=post, platform=account.platform, text=post.text
                )
                variants[account.platform] = variant
            publication = schedule_publication(
                actor=actor,
                account=account,
                text=tag_short_links(variant.text, account.platform),
                media=media,
                scheduled_at=scheduled_at,
                idempotency_key=f"{post.pk}:{variant.platform}:{account.pk}:{post.revision}",
            )
            delivery, _created = Delivery.objects.get_or_create(
                publication=publication,
                defaults={
                    "post": post,
                    "variant": variant,
                    "account": account,
                    "revision": post.revision,
                },
            )
            deliveries.append(delivery)
        post.status = PostStatus.SCHEDULED
        post.scheduled_at = scheduled_at
        post.save(update_fields=["status", "scheduled_at", "updated_at"])
        record_audit(
            actor=actor,
            action="studio.schedule",
            target=post,
            reason=f"{scheduled_at.isoformat()} to "
            + ", ".join(f"{a.platform}:{a.handle}" for a in accounts),
            organisation=post.organisation,
        )
    return deliveries


def cancel_post(*, actor: AnyUser, post: Post) -> Post:
    """Take a scheduled post back to draft; refused once any part has gone out."""
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    if post.status != PostStatus.SCHEDULED:
        raise ValidationError(_("This post is not scheduled."))
    deliveries = list(post.deliveries.filter(revision=post.revision).select_related("publication"))
    gone = [d for d in deliveries if d.publication.status == Publication.Status.PUBLISHED]
    if gone:
        raise ValidationError(_("Part of this post is already published: it cannot be cancelled."))
    with transaction.atomic():
        for delivery in deliveries:
            cancel_publication(actor=actor, publication=delivery.publication)
        # A new revision: re-scheduling later makes new idempotency keys, not the cancelled ones.
        _back_to_draft(post)
        post.scheduled_at = None
        post.save()
        record_audit(
            actor=actor, action="studio.cancel", target=post, organisation=post.organisation
        )
    post.refresh_from_db()
    return post


def retry_delivery(*, actor: AnyUser, delivery: Delivery) -> Publication:
    require_perm(actor, Perm.COMPOSE_POSTS, delivery.post.organisation)
    return retry_publication(actor=actor, publication=delivery.publication)


def add_comment(*, actor: AnyUser, post: Post, body: str) -> Comment:
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    comment = Comment(post=post, author=_user(actor), body=body.strip())
    comment.full_clean()
    with transaction.atomic():
        comment.save()
    return comment


def _new_code() -> str:
    return secrets.token_urlsafe(6)[:8]


def create_short_link(*, actor: AnyUser, post: Post, target: str, label: str = "") -> ShortLink:
    """A Suar short link from the post to a page of this Suar (a path, never another site)."""
    require_perm(actor, Perm.COMPOSE_POSTS, post.organisation)
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target
    if not local or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        # Only local paths: an open redirect on a trusted short domain is a phishing tool.
        raise ValidationError(_("A short link can only point to a page of this Suar."))
    if target not in existing_target_paths(post.organisation):
        raise ValidationError(
            _("A short link points to a group, Q&A session or challenge of this organisation.")
        )
    link = ShortLink(
        organisation=post.organisation, post=post, target=target, label=label, code=_new_code()
    )
    link.full_clean()
    with transaction.atomic():
        link.save()
    return link
