"""Comments people leave on the organisation's posts: read by the safety engine, crisis
raised to the moderators, harassment offered for hiding on the platform (a person decides;
blocking its author is in comment_blocking.py), support counted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from suar.accounts.models import User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.analytics import platform_calls
from suar.analytics.comment_blocking import BlockOffer, author_blocked
from suar.analytics.models import PlatformComment, SyncState, TrackedPost
from suar.analytics.supportive import is_supportive
from suar.moderation.services import queue_item, record_audit
from suar.publishing.adapters import (
    Adapter,
    IncomingComment,
    adapter_for,
)
from suar.publishing.models import ConnectedAccount
from suar.safety import analyze
from suar.safety.report import Category, Context, Report, Severity

Verdict = PlatformComment.Verdict
State = PlatformComment.PlatformState


@dataclass(frozen=True)
class Classified:
    verdict: str
    report: Report


def classify(text: str) -> Classified:
    """The same thresholds as the community's own screening: crisis from HIGH severity,
    harassment held from HIGH; support only where nothing harmful was found."""
    report = analyze(text, context=Context.COMMENT)
    if any(f.severity >= Severity.HIGH for f in report.of(Category.CRISIS)):
        return Classified(Verdict.CRISIS, report)
    if any(f.severity >= Severity.HIGH for f in report.of(Category.HARASSMENT)):
        return Classified(Verdict.TOXIC, report)
    # Any rule finding of harm rules support out; the trained model's whole-text WARN alone
    # does not (it rates "proud of you" as mild harassment, which no person would).
    harmful = any(
        f.category in (Category.HARASSMENT, Category.CRISIS)
        and (not f.rule.startswith("model.") or f.severity >= Severity.HIGH)
        for f in report.findings
    )
    if not harmful and is_supportive(text):
        return Classified(Verdict.SUPPORTIVE, report)
    return Classified(Verdict.NEUTRAL, report)


def safe_url(url: str) -> str:
    """Only web addresses: a platform (or a hostile server) could send `javascript:` ones,
    which the pages would otherwise put in a link."""
    url = url.strip()[:500]
    return url if url.startswith(("https://", "http://")) else ""


def can_hide(adapter: Adapter) -> bool:
    """Whether the adapter implements hiding at all (it may still refuse for one comment)."""
    return type(adapter).hide_comment is not Adapter.hide_comment


def store_comment(
    *,
    post: TrackedPost,
    incoming: IncomingComment,
    hideable: bool,
    block: BlockOffer | None = None,
) -> PlatformComment | None:
    """Save and screen one fetched comment; None when it was already stored (re-fetch).
    `block` says whether blocking a harassing comment's author can be offered."""
    if PlatformComment.objects.filter(
        post=post, platform_comment_id=incoming.platform_comment_id
    ).exists():
        return None
    result = classify(incoming.text)
    comment = PlatformComment(
        organisation_id=post.organisation_id,
        post=post,
        platform_comment_id=incoming.platform_comment_id[:300],
        text=incoming.text[:20_000],
        author_handle=incoming.author_handle[:200],
        author_id=incoming.author_id[:200],
        url=safe_url(incoming.url),
        written_at=incoming.created_at,
        verdict=result.verdict,
        risk=round(result.report.risk, 4),
        findings=[
            f.to_dict()
            for f in result.report.findings
            if f.category in (Category.CRISIS, Category.CONCERN, Category.HARASSMENT)
        ],
    )
    if result.verdict == Verdict.CRISIS:
        comment.status = "crisis_review"
    elif result.verdict == Verdict.TOXIC:
        comment.platform_state = State.SUGGESTED if hideable else State.NOT_SUPPORTED
        if author_blocked(post.account_id, comment.author_id):
            comment.block_state = PlatformComment.BlockState.BLOCKED
        elif block is not None:
            comment.block_state, comment.block_message = block.state, block.message[:500]
    try:
        with transaction.atomic():
            comment.save()
            if result.verdict == Verdict.CRISIS:
                # Safety before reach: a person in crisis under our post is never just a
                # number. The queue puts it first; the moderator reaches out on the platform.
                queue_item(
                    item=comment,
                    organisation=post.organisation,
                    category="crisis",
                    risk=max(result.report.risk, 0.9),
                    findings=comment.findings,
                )
            elif result.report.has(Category.CONCERN):
                # Someone under our post is worried about a person at risk: a moderator
                # answers on the platform with how to help (the comment stays up).
                queue_item(
                    item=comment,
                    organisation=post.organisation,
                    category="concern",
                    risk=result.report.risk,
                    findings=comment.findings,
                )
    except IntegrityError:
        return None  # another sync stored it a moment ago
    return comment


def _decide(comment: PlatformComment, actor: AnyUser, state: str, message: str = "") -> None:
    comment.platform_state = state
    comment.platform_message = message[:500]
    comment.decided_by = actor if isinstance(actor, User) else None
    comment.decided_at = timezone.now()
    comment.save(update_fields=["platform_state", "platform_message", "decided_by", "decided_at"])


def hide_on_platform(
    *, actor: AnyUser, comment: PlatformComment, adapter: Adapter | None = None
) -> PlatformComment:
    """A person confirmed: hide the comment on the platform (or say why that was impossible)."""
    require_perm(actor, Perm.MODERATE, comment.organisation)
    publication = comment.post.publication
    account = comment.post.account
    if publication is None or account is None:
        with transaction.atomic():
            _decide(
                comment,
                actor,
                State.NOT_SUPPORTED,
                "This post was imported from a file: hide the comment on the platform itself.",
            )
        return comment
    adapter = adapter or adapter_for(account)
    outcome, message = platform_calls.ask(
        lambda: adapter.hide_comment(publication, comment.platform_comment_id)
    )
    state = State.HIDDEN if outcome == platform_calls.DONE else outcome
    if state == State.NOT_SUPPORTED:
        _learn_not_hideable(account, message)
    with transaction.atomic():
        _decide(comment, actor, state, message)
        record_audit(
            actor=actor,
            action=f"comment.hide.{state}",
            target=comment,
            reason=message,
            organisation=comment.organisation,
        )
    return comment


def _learn_not_hideable(account: ConnectedAccount, message: str) -> None:
    """The platform refused hiding as such: say so on its other waiting comments too, and
    stop offering the button for new ones."""
    SyncState.objects.update_or_create(account=account, defaults={"hide_supported": False})
    PlatformComment.objects.filter(post__account=account, platform_state=State.SUGGESTED).update(
        platform_state=State.NOT_SUPPORTED, platform_message=message[:500]
    )


def keep_comment(*, actor: AnyUser, comment: PlatformComment) -> PlatformComment:
    """A person looked and decided the comment may stay."""
    require_perm(actor, Perm.MODERATE, comment.organisation)
    with transaction.atomic():
        _decide(comment, actor, State.KEPT)
        record_audit(
            actor=actor, action="comment.keep", target=comment, organisation=comment.organisation
        )
    return comment
