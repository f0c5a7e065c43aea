"""Blocking the author of a harassing comment on the platform, after a person confirmed:
offered where the account's platform allows it, audited, remembered (blocked, or why not),
and safe to ask twice."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from suar.accounts.models import User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.analytics import platform_calls
from suar.analytics.models import PlatformComment, SyncState
from suar.moderation.services import record_audit
from suar.publishing.adapters import (
    Adapter,
    IncomingComment,
    adapter_for,
)
from suar.publishing.models import ConnectedAccount

log = logging.getLogger("suar.analytics.blocking")

Block = PlatformComment.BlockState
# A claim older than this is taken to be a request that died mid-way (an adapter's calls
# time out after 30 s): the block may be asked again.
CLAIM_EXPIRES = dt.timedelta(minutes=2)
IMPORTED = "This post was imported from a file: block the author on the platform itself."


@dataclass(frozen=True)
class BlockOffer:
    """What the comments page may offer for a harassing comment on one account."""

    state: str  # OFFERED, or NOT_SUPPORTED with the reason
    message: str = ""


def can_block(adapter: Adapter) -> bool:
    """Whether the adapter implements blocking at all (the platform may still refuse)."""
    return type(adapter).block_author is not Adapter.block_author


def block_offer(adapter: Adapter, state: SyncState) -> BlockOffer:
    if not can_block(adapter):
        return BlockOffer(Block.NOT_SUPPORTED, adapter.refusal_to_block())
    if state.block_supported is False:  # refused once: said then on the waiting comments
        return BlockOffer(Block.NOT_SUPPORTED)
    return BlockOffer(Block.OFFERED)


def refresh_block_offers(account: ConnectedAccount, offer: BlockOffer) -> int:
    """Bring the account's harassing comments in line with what its platform allows now
    (comments stored before blocking existed, or an adapter that learnt to block)."""
    toxic = PlatformComment.objects.filter(
        post__account=account, verdict=PlatformComment.Verdict.TOXIC
    )
    if offer.state == Block.OFFERED:
        stale = toxic.filter(block_state__in=[Block.NONE, Block.NOT_SUPPORTED])
        return stale.update(block_state=Block.OFFERED, block_message="")
    stale = toxic.filter(block_state__in=[Block.NONE, Block.OFFERED, Block.FAILED])
    return stale.update(block_state=Block.NOT_SUPPORTED, block_message=offer.message[:500])


def author_blocked(account_id: int | None, author_id: str) -> bool:
    """Whether this author was already blocked from this account (through another comment)."""
    if account_id is None or not author_id:
        return False
    return PlatformComment.objects.filter(
        post__account_id=account_id, author_id=author_id, block_state=Block.BLOCKED
    ).exists()


def block_author_on_platform(
    *, actor: AnyUser, comment: PlatformComment, adapter: Adapter | None = None
) -> PlatformComment:
    """A person confirmed: block the comment's author on the platform, or say why not.

    Idempotent: only a comment whose block is offered (or failed before) is claimed, with a
    conditional UPDATE, so a double submit or two moderators at once send one request and
    write one audit entry; the others get the comment as it stands."""
    require_perm(actor, Perm.MODERATE, comment.organisation)
    user = actor if isinstance(actor, User) else None
    now = timezone.now()
    claimable = Q(block_state__in=[Block.OFFERED, Block.FAILED]) | Q(
        block_state=Block.BLOCKING, block_decided_at__lt=now - CLAIM_EXPIRES
    )
    claimed = PlatformComment.objects.filter(claimable, pk=comment.pk).update(
        block_state=Block.BLOCKING, block_decided_at=now, block_decided_by=user
    )
    if not claimed:
        comment.refresh_from_db()
        return comment
    state, message = _ask_platform(comment, adapter)
    with transaction.atomic():
        written = PlatformComment.objects.filter(
            pk=comment.pk, block_state=Block.BLOCKING, block_decided_at=now
        ).update(
            block_state=state,
            block_message=message[:500],
            block_decided_by=user,
            block_decided_at=timezone.now(),
        )
        if written:
            record_audit(
                actor=actor,
                action=f"comment.block.{state}",
                target=comment,
                reason=message,
                organisation=comment.organisation,
            )
            if state == Block.BLOCKED:
                _blocked_elsewhere(comment, user)
            elif state == Block.NOT_SUPPORTED and comment.post.account is not None:
                _learn_not_blockable(comment.post.account, message)
    comment.refresh_from_db()
    return comment


def _ask_platform(comment: PlatformComment, adapter: Adapter | None) -> tuple[str, str]:
    publication = comment.post.publication
    account = comment.post.account
    if publication is None or account is None:
        return Block.NOT_SUPPORTED, IMPORTED
    # The author's id when the sync kept it; otherwise the adapter finds the author from the
    # comment itself.
    target: IncomingComment | str = comment.platform_comment_id
    if comment.author_id:
        target = IncomingComment(
            platform_comment_id=comment.platform_comment_id,
            text=comment.text,
            created_at=comment.written_at,
            author_handle=comment.author_handle,
            url=comment.url,
            author_id=comment.author_id,
        )
    try:
        outcome, message = platform_calls.ask(
            lambda: (adapter or adapter_for(account)).block_author(publication, target)
        )
    except Exception:  # a bug of ours must not leave the claim hanging or show a stack trace
        log.exception("blocking the author of comment %s failed", comment.pk)
        return Block.FAILED, "Suar could not finish the request; try again later"
    return (Block.BLOCKED if outcome == platform_calls.DONE else outcome), message


def _blocked_elsewhere(comment: PlatformComment, user: User | None) -> None:
    """The same person's other comments under this account's posts show them blocked too
    (matched by the platform's id for them: Facebook names are not unique)."""
    if not comment.author_id or comment.post.account_id is None:
        return
    PlatformComment.objects.filter(
        post__account_id=comment.post.account_id, author_id=comment.author_id
    ).exclude(pk=comment.pk).exclude(block_state=Block.BLOCKED).update(
        block_state=Block.BLOCKED,
        block_message="",
        block_decided_by=user,
        block_decided_at=timezone.now(),
    )


def _learn_not_blockable(account: ConnectedAccount, message: str) -> None:
    """The platform refused blocking as such: say so on the account's other waiting
    comments, and stop offering it for new ones."""
    SyncState.objects.update_or_create(account=account, defaults={"block_supported": False})
    PlatformComment.objects.filter(
        post__account=account, block_state__in=[Block.OFFERED, Block.FAILED]
    ).update(block_state=Block.NOT_SUPPORTED, block_message=message[:500])
