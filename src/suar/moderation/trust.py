"""Trust and rate limits on posting, called by the community's (and Q&A's) services.

- A muted, suspended or banned person cannot post, with the reason and the end time.
- New accounts' posts with links wait for a moderator (spam usually arrives that way).
- Floods and the same text posted again are throttled, with how long to wait.

A text the engine reads as crisis is never blocked or throttled here: it is saved where only
moderators see it and they are alerted (safety before reach: nothing in crisis is dropped).
Limits follow Discourse's trust level 0 (safety-guidelines.md): in the first day, at most 3
stories and 10 replies.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import has_perm
from suar.accounts.roles import Perm
from suar.community.screening import Outcome, Screening
from suar.moderation.models import QueueItem, Sanction

BURST_POSTS, BURST_WINDOW = 5, timedelta(minutes=2)
NEW_ACCOUNT_AGE = timedelta(days=1)
NEW_ACCOUNT_POSTS = 3  # published posts after which links are no longer held
NEW_DAILY = {"story": 3, "reply": 10, "question": 10}
REPEAT_WINDOW = timedelta(hours=24)
# Short supportive replies ("Peluk!", "Semangat ya") are said again and again, rightly.
REPEAT_MIN_LENGTH = 30
_LINK = re.compile(
    r"(https?://|www\.)\S+|\b[a-z0-9-]+\.(com|net|org|id|co|io|me|info|xyz|ly|link|site)\b(/\S*)?",
    re.IGNORECASE,
)


class Kind(StrEnum):
    STORY = "story"
    REPLY = "reply"
    QUESTION = "question"


class Throttled(ValidationError):
    pass


def has_link(text: str) -> bool:
    return _LINK.search(text) is not None


def active_sanction(user: User, organisation: Organisation) -> Sanction | None:
    """The heaviest sanction in force: a ban outranks a suspension, which outranks a mute."""
    now = timezone.now()
    sanctions = Sanction.objects.filter(
        user=user, organisation=organisation, lifted_at__isnull=True, starts_at__lte=now
    ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    order = {Sanction.Kind.BAN: 0, Sanction.Kind.SUSPENSION: 1, Sanction.Kind.MUTE: 2}
    found = sorted(sanctions, key=lambda s: (order[Sanction.Kind(s.kind)], s.starts_at))
    return found[0] if found else None


def check_can_post(user: User, organisation: Organisation) -> None:
    """Raise a ValidationError that says why and until when, if the person may not post."""
    sanction = active_sanction(user, organisation)
    if sanction is None:
        return
    until = (
        date_format(timezone.localtime(sanction.ends_at), "j F Y H:i") if sanction.ends_at else ""
    )
    if sanction.kind == Sanction.Kind.BAN:
        message = _("Your account is banned from posting in this community.")
    elif sanction.kind == Sanction.Kind.SUSPENSION:
        message = (
            _("Your account is suspended until %(until)s, so you cannot post.") % {"until": until}
            if until
            else _("Your account is suspended, so you cannot post.")
        )
    else:
        message = _("You are muted until %(until)s, so you cannot post yet.") % {"until": until}
    if sanction.reason:
        message += " " + _("Reason: %(reason)s") % {"reason": sanction.reason}
    raise ValidationError(message, code="sanctioned")


def _published_count(user: User, organisation: Organisation) -> int:
    from suar.community.models import Reply, Status, Story

    stories = Story.objects.filter(
        author=user, status=Status.PUBLISHED, group__organisation=organisation
    ).count()
    if stories >= NEW_ACCOUNT_POSTS:
        return stories
    return (
        stories
        + Reply.objects.filter(
            author=user, status=Status.PUBLISHED, story__group__organisation=organisation
        ).count()
    )


def is_new(user: User, organisation: Organisation) -> bool:
    """Not yet trusted: a young account, or one with few published posts here. Peer
    supporters, experts and moderators are trusted by their role."""
    if has_perm(user, Perm.ANSWER_INBOX, organisation):
        return False
    if timezone.now() - user.date_joined < NEW_ACCOUNT_AGE:
        return True
    return _published_count(user, organisation) < NEW_ACCOUNT_POSTS


def _recent(user: User, since: datetime) -> list[tuple[str, datetime, str]]:
    """(kind, created_at, text) of this person's stories, replies and questions since then."""
    from suar.community.models import Reply, Story
    from suar.qa.models import Question

    rows: list[tuple[str, datetime, str]] = []
    for kind, model, field in (
        (Kind.STORY, Story, "body"),
        (Kind.REPLY, Reply, "body"),
        (Kind.QUESTION, Question, "text"),
    ):
        found = (
            model.objects.filter(author=user, created_at__gte=since)
            .order_by("-created_at")
            .values_list("created_at", field)[:50]
        )
        rows.extend((str(kind), created, text) for created, text in found)
    return rows


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _wait_message(wait: timedelta) -> str:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    return ngettext(
        "You are posting very fast. Take a short break: you can post again in about %(n)d "
        "minute. What you wrote is still here.",
        "You are posting very fast. Take a short break: you can post again in about %(n)d "
        "minutes. What you wrote is still here.",
        minutes,
    ) % {"n": minutes}


def check_rate(user: User, organisation: Organisation, text: str, kind: str) -> None:
    """Throttle floods and repeats; moderators are exempt (they may need to post quickly)."""
    if has_perm(user, Perm.MODERATE, organisation):
        return
    now = timezone.now()
    recent = _recent(user, now - REPEAT_WINDOW)
    normal = _normal(text)
    if len(normal) >= REPEAT_MIN_LENGTH and any(
        _normal(body) == normal for _kind, _at, body in recent
    ):
        raise Throttled(
            _(
                "You already posted exactly this text. Posting the same words again looks "
                "like spam; change it a little if you mean to share it somewhere else too."
            ),
            code="repeated",
        )
    burst = sorted(at for _kind, at, _body in recent if at >= now - BURST_WINDOW)
    if len(burst) >= BURST_POSTS:
        raise Throttled(_wait_message(burst[-BURST_POSTS] + BURST_WINDOW - now), code="flood")
    if is_new(user, organisation) and now - user.date_joined < NEW_ACCOUNT_AGE:
        same = sorted(at for k, at, _body in recent if k == kind)
        limit = NEW_DAILY.get(kind, 10)
        if len(same) >= limit:
            wait = min(same[-limit] + REPEAT_WINDOW, user.date_joined + NEW_ACCOUNT_AGE) - now
            raise Throttled(
                _(
                    "New accounts can post a few times on their first day, to keep spam out. "
                    "You can post again in about %(hours)d hour(s); thank you for your patience."
                )
                % {"hours": max(1, math.ceil(wait.total_seconds() / 3600))},
                code="new_account_limit",
            )


def apply(
    screening: Screening, *, user: User, organisation: Organisation, text: str, kind: str
) -> Screening:
    """The community services' one call: raises when the person may not post now, and holds
    a new account's link for review. Crisis passes untouched (see the module docstring)."""
    if screening.outcome == Outcome.CRISIS:
        return screening
    check_can_post(user, organisation)
    check_rate(user, organisation, text, kind)
    if screening.outcome == Outcome.PUBLISH and has_link(text) and is_new(user, organisation):
        return replace(screening, outcome=Outcome.HOLD, hold_category=QueueItem.Category.SPAM)
    return screening
