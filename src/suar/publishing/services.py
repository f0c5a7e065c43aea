"""Writes of the publishing app: schedule, cancel and retry publications; connect accounts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.moderation.services import record_audit
from suar.publishing.limits import check_variant
from suar.publishing.models import ConnectedAccount, Publication

# A schedule a few seconds in the past is "now" (the form took time to submit); more is a
# mistake the person should see.
PAST_TOLERANCE = dt.timedelta(minutes=1)


def _media_counts(media: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    images = videos = 0
    alt_texts: list[str] = []
    for item in media:
        mime = str(item.get("mime", ""))
        if mime.startswith("image/"):
            images += 1
            alt_texts.append(str(item.get("alt_text", "")))
        elif mime.startswith("video/"):
            videos += 1
        else:
            raise ValidationError(
                _("Unsupported media type %(mime)s: use an image or a video.")
                % {"mime": mime or "?"}
            )
    return images, videos, alt_texts


def schedule_publication(
    *,
    actor: AnyUser,
    account: ConnectedAccount,
    text: str,
    media: list[dict[str, Any]],
    scheduled_at: dt.datetime,
    idempotency_key: str,
) -> Publication:
    """Schedule one post; calling again with the same key returns the first publication."""
    require_perm(actor, Perm.COMPOSE_POSTS, account.organisation)
    existing = Publication.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.organisation_id != account.organisation_id:
            raise PermissionDenied("idempotency key belongs to another organisation")
        return existing
    if account.status != ConnectedAccount.Status.CONNECTED:
        raise ValidationError(
            _("The %(platform)s account %(handle)s is not connected: reconnect it first.")
            % {"platform": account.get_platform_display(), "handle": account.handle}
        )
    if timezone.is_naive(scheduled_at):
        raise ValidationError(_("The time has no time zone."))
    if scheduled_at < timezone.now() - PAST_TOLERANCE:
        raise ValidationError(_("This time is in the past: choose a time from now on."))
    images, videos, alt_texts = _media_counts(media)
    problems = check_variant(
        text,
        account.platform,
        images=images,
        videos=videos,
        alt_texts=alt_texts,
        max_chars=account.max_chars,
        media=media,
    )
    if problems:
        raise ValidationError(problems)
    publication = Publication(
        organisation=account.organisation,
        account=account,
        text=text,
        media=media,
        scheduled_at=scheduled_at,
        next_attempt_at=scheduled_at,
        idempotency_key=idempotency_key,
        created_by=actor if isinstance(actor, User) else None,
    )
    publication.full_clean()
    try:
        with transaction.atomic():
            publication.save()
    except IntegrityError:
        # Two requests with one key raced: the other one won, and that is the answer.
        return Publication.objects.get(idempotency_key=idempotency_key)
    return publication


def cancel_publication(*, actor: AnyUser, publication: Publication) -> Publication:
    """Cancel a publication that has not gone out; one being sent right now cannot be."""
    require_perm(actor, Perm.COMPOSE_POSTS, publication.organisation)
    with transaction.atomic():
        updated = Publication.objects.filter(
            pk=publication.pk,
            status__in=[Publication.Status.SCHEDULED, Publication.Status.FAILED],
        ).update(status=Publication.Status.CANCELLED, updated_at=timezone.now())
    publication.refresh_from_db()
    if not updated and publication.status != Publication.Status.CANCELLED:
        raise ValidationError(
            _("This post cannot be cancelled any more (it is %(status)s).")
            % {"status": publication.get_status_display()}
        )
    return publication


def retry_publication(*, actor: AnyUser, publication: Publication) -> Publication:
    """Put a failed publication back in the queue, now (after the person fixed the cause)."""
    require_perm(actor, Perm.COMPOSE_POSTS, publication.organisation)
    if publication.account.status != ConnectedAccount.Status.CONNECTED:
        raise ValidationError(_("Reconnect the account first, then retry."))
    with transaction.atomic():
        updated = Publication.objects.filter(
            pk=publication.pk, status=Publication.Status.FAILED
        ).update(
            status=Publication.Status.SCHEDULED,
            next_attempt_at=timezone.now(),
            error_kind="",
            error_message="",
            attempts=0,
            updated_at=timezone.now(),
        )
        if updated:
            record_audit(
                actor=actor,
                action="publishing.retry",
                target=publication,
                reason=publication.error_message[:500],
                organisation=publication.organisation,
            )
    publication.refresh_from_db()
    if not updated:
        raise ValidationError(_("Only a failed post can be retried."))
    return publication


def save_connected_account(
    *,
    actor: AnyUser,
    organisation: Organisation,
    platform: str,
    handle: str,
    platform_account_id: str,
    access_token: str,
    refresh_token: str = "",
    expires_at: dt.datetime | None = None,
    base_url: str = "",
    max_chars: int | None = None,
) -> ConnectedAccount:
    """Create or update the account after a successful connection flow.

    Reconnecting keeps the stored refresh token when the platform sends none this time
    (Facebook and others only send one on the first consent): wiping it is a classic bug.
    """
    require_perm(actor, Perm.CONNECT_ACCOUNTS, organisation)
    with transaction.atomic():
        account, _created = ConnectedAccount.objects.select_for_update().get_or_create(
            organisation=organisation,
            platform=platform,
            platform_account_id=platform_account_id,
            base_url=base_url,
            defaults={"handle": handle},
        )
        account.handle = handle
        account.access_token = access_token
        if refresh_token:
            account.refresh_token = refresh_token
        account.expires_at = expires_at
        account.max_chars = max_chars
        account.status = ConnectedAccount.Status.CONNECTED
        account.status_reason = ""
        account.connected_by = actor if isinstance(actor, User) else None
        account.full_clean()
        account.save()
        record_audit(
            actor=actor,
            action="publishing.connect",
            target=account,
            reason=f"{platform}:{handle}",  # never a token
            organisation=organisation,
        )
    return account


def disconnect_account(*, actor: AnyUser, account: ConnectedAccount) -> ConnectedAccount:
    """Forget the tokens; the row stays so past publications keep their history."""
    require_perm(actor, Perm.CONNECT_ACCOUNTS, account.organisation)
    with transaction.atomic():
        account.access_token = ""
        account.refresh_token = ""
        account.dpop_private_key = ""  # the key a Bluesky OAuth session's tokens were bound to
        account.status = ConnectedAccount.Status.REVOKED
        account.status_reason = _("Disconnected in Suar.")
        account.save()
        record_audit(
            actor=actor,
            action="publishing.disconnect",
            target=account,
            reason=f"{account.platform}:{account.handle}",
            organisation=account.organisation,
        )
    return account
