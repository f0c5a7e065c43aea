"""Writes to polls: creating one and casting the one ballot each person gets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.community.models import Group
from suar.polls.access import require_vote_permission
from suar.polls.models import MAX_OPTIONS, Ballot, Option, Poll


class AlreadyVoted(ValidationError):
    """A second ballot in the same poll; votes cannot be changed."""


def already_voted_message() -> str:
    return _("You have already voted in this poll. Votes cannot be changed.")


def create_poll(
    *,
    actor: AnyUser,
    organisation: Organisation,
    group: Group | None,
    question: str,
    kind: str,
    options: Sequence[str],
    closes_at: datetime,
) -> Poll:
    require_perm(actor, Perm.MANAGE_GROUPS, organisation)
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError(_("The group belongs to another organisation."))
    texts = [text.strip() for text in options if text.strip()]
    if len(set(texts)) != len(texts):
        raise ValidationError(_("Each option must be different."))
    if not 2 <= len(texts) <= MAX_OPTIONS:
        raise ValidationError(
            _("A poll needs between 2 and %(max)d options.") % {"max": MAX_OPTIONS}
        )
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing time must be in the future."))
    poll = Poll(
        organisation=organisation,
        group=group,
        question=question.strip(),
        kind=kind,
        closes_at=closes_at,
        created_by=actor if isinstance(actor, User) else None,
    )
    poll.full_clean()
    with transaction.atomic():
        poll.save()
        for position, text in enumerate(texts):
            option = Option(poll=poll, text=text, position=position)
            option.full_clean()
            option.save()
    return poll


def cast_ballot(*, actor: AnyUser, poll: Poll, option_ids: Iterable[int]) -> Ballot:
    """Vote once. A second vote is refused here and, if two requests race, by the database."""
    require_vote_permission(actor, poll)
    assert isinstance(actor, User)
    if poll.is_closed:
        raise ValidationError(_("This poll has closed."))
    if Ballot.objects.filter(poll=poll, user=actor).exists():
        raise AlreadyVoted(already_voted_message())
    chosen = set(option_ids)
    options = list(poll.options.filter(pk__in=chosen))
    if not chosen or len(options) != len(chosen):
        raise ValidationError(_("Choose an answer from the list."))
    if poll.kind == Poll.Kind.SINGLE and len(options) > 1:
        raise ValidationError(_("This poll takes one answer only."))
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(poll=poll, user=actor)
            ballot.options.set(options)
    except IntegrityError as error:
        raise AlreadyVoted(already_voted_message()) from error
    return ballot
