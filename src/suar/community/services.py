"""Writes of the community: stories, replies, reactions and group membership."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.community.controls.models import Block
from suar.community.images import clean_image
from suar.community.markup import render
from suar.community.models import Authored, Group, JoinRequest, Reaction, Reply, Status, Story
from suar.community.notices import services as notices
from suar.community.pseudonyms import pseudonym_for
from suar.community.screening import Outcome, Screening, screen
from suar.community.selectors import can_manage_group, is_member, visible_stories
from suar.moderation import trust
from suar.moderation.services import queue_item
from suar.safety.report import Context

MAX_BODY = 20_000
INVITATION_SALT = "suar.community.invitation"
INVITATION_MAX_AGE = 7 * 24 * 3600

_STATUS_FOR = {
    Outcome.PUBLISH: Status.PUBLISHED,
    Outcome.CRISIS: Status.CRISIS_REVIEW,
    Outcome.HOLD: Status.HELD,
}


@dataclass(frozen=True)
class Submission:
    """What happened to a story or reply: saved (with its status) or sent back to the author."""

    screening: Screening | None
    item: Story | Reply | None = None

    @property
    def outcome(self) -> Outcome:
        if self.screening is not None:
            return self.screening.outcome
        # A repeated submit of the same form: report what the first one decided.
        assert self.item is not None
        return {
            Status.CRISIS_REVIEW: Outcome.CRISIS,
            Status.HELD: Outcome.HOLD,
        }.get(Status(self.item.status), Outcome.PUBLISH)


def _require_group_member(user: AnyUser, group: Group, perm: Perm) -> User:
    require_perm(user, perm, group.organisation)
    if not is_member(user, group):
        raise PermissionDenied("not a member of this group")
    assert isinstance(user, User)
    return user


def _check_length(body: str) -> None:
    if not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": _("This is longer than 20,000 characters. Split it into two stories?")}
        )


def _finish(item: Authored, screening: Screening, *, user: User, group: Group) -> None:
    """Status, pseudonym and rendering shared by stories and replies; then queue if held."""
    item.status = _STATUS_FOR[screening.outcome]
    item.risk = screening.report.risk
    item.body_html = render(item.body)
    if item.anonymous:
        item.pseudonym = pseudonym_for(user, group)
    item.full_clean(exclude=["image"])
    item.save()
    if screening.queue_category:
        queue_item(
            item=item,
            organisation=group.organisation,
            category=screening.queue_category,
            risk=screening.report.risk,
            findings=[f.to_dict() for f in screening.report.findings],
        )


def submit_story(
    *,
    author: AnyUser,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    visibility: str = Story.Visibility.GROUP,
    anonymous: bool = False,
    image: UploadedFile | None = None,
    image_alt: str = "",
    personal_data_confirmed: bool = False,
    client_token: str = "",
) -> Submission:
    """Screen and save a story. Crisis and harassment are saved but shown to nobody else."""
    user = _require_group_member(author, group, Perm.POST_STORY)
    if client_token and (
        done := Story.objects.filter(author=user, client_token=client_token).first()
    ):
        return Submission(None, done)
    _check_length(body)
    if not title.strip():
        raise ValidationError({"title": _("Give your story a title.")})
    if image is not None and not image_alt.strip():
        raise ValidationError(
            {"image_alt": _("Describe the image for people who cannot see it (alt text).")}
        )
    if group.is_private:
        visibility = Story.Visibility.GROUP  # a private group's stories stay in the group
    cleaned_image = clean_image(image) if image is not None else None
    screening = screen(
        f"{title}\n\n{body}",
        context=Context.STORY,
        content_warning=content_warning,
        personal_data_confirmed=personal_data_confirmed,
    )
    # Sanctions, floods and new accounts' links (moderation.trust); crisis always passes.
    screening = trust.apply(
        screening, user=user, organisation=group.organisation, text=body, kind=trust.Kind.STORY
    )
    if not screening.saves:
        return Submission(screening)
    story = Story(
        group=group,
        author=user,
        title=title.strip(),
        body=body,
        content_warning=screening.content_warning(content_warning),
        visibility=visibility,
        anonymous=anonymous,
        image_alt=image_alt.strip() if cleaned_image else "",
        client_token=client_token,
        language=screening.report.language if screening.report.language in ("id", "en") else "id",
    )
    try:
        with transaction.atomic():
            if cleaned_image is not None:
                story.image.save(cleaned_image.name or "image", cleaned_image, save=False)
            _finish(story, screening, user=user, group=group)
    except IntegrityError:
        # The same form submitted twice at the same moment: the other request saved it.
        if story.image:
            story.image.delete(save=False)
        return Submission(None, Story.objects.get(author=user, client_token=client_token))
    return Submission(screening, story)


def submit_reply(
    *,
    author: AnyUser,
    story: Story,
    body: str,
    content_warning: str = "",
    anonymous: bool = False,
    personal_data_confirmed: bool = False,
    client_token: str = "",
) -> Submission:
    user = _require_group_member(author, story.group, Perm.REPLY)
    if client_token and (
        done := Reply.objects.filter(author=user, client_token=client_token).first()
    ):
        return Submission(None, done)
    if story.status == Status.DELETED:
        raise ValidationError(_("This story was deleted by its author, so it cannot get replies."))
    if not visible_stories(user).filter(pk=story.pk).exists():
        raise PermissionDenied("story not visible")
    if not story.anonymous and story.author_id and _blocked(user.pk, story.author_id):
        raise PermissionDenied("blocked")
    _check_length(body)
    screening = screen(
        body,
        context=Context.REPLY,
        content_warning=content_warning,
        personal_data_confirmed=personal_data_confirmed,
    )
    screening = trust.apply(
        screening,
        user=user,
        organisation=story.group.organisation,
        text=body,
        kind=trust.Kind.REPLY,
    )
    if not screening.saves:
        return Submission(screening)
    reply = Reply(
        story=story,
        author=user,
        body=body,
        content_warning=screening.content_warning(content_warning),
        anonymous=anonymous,
        client_token=client_token,
    )
    try:
        with transaction.atomic():
            _finish(reply, screening, user=user, group=story.group)
            if reply.status == Status.PUBLISHED:
                count_reply(story, reply)
    except IntegrityError:
        return Submission(None, Reply.objects.get(author=user, client_token=client_token))
    return Submission(screening, reply)


def _blocked(a: int, b: int) -> bool:
    return (
        Block.objects.filter(blocker_id=a, blocked_id=b).exists()
        or Block.objects.filter(blocker_id=b, blocked_id=a).exists()
    )


def count_reply(story: Story, reply: Reply) -> None:
    """Called inside the caller's transaction when a reply becomes visible."""
    # Counted in the database (F, and "only if still empty") so parallel replies add up.
    Story.objects.filter(pk=story.pk).update(reply_count=F("reply_count") + 1)
    # Time to first reply counts answers from someone else: the author's own follow-up
    # does not mean anybody has responded.
    if reply.author_id != story.author_id:
        Story.objects.filter(pk=story.pk, first_reply_at__isnull=True).update(
            first_reply_at=reply.created_at
        )
    story.refresh_from_db(fields=["reply_count", "first_reply_at"])
    notices.notify_reply(reply)


def delete_story(*, actor: AnyUser, story: Story) -> None:
    """The author removes their story: its text and image go, the row stays as a tombstone
    so that people who replied see what happened instead of a broken page."""
    if not actor.is_authenticated or story.author_id != actor.pk:
        raise PermissionDenied("only the author deletes a story")
    with transaction.atomic():
        if story.image:
            story.image.delete(save=False)
        story.title, story.body, story.body_html, story.image_alt = "", "", "", ""
        story.content_warning = ""
        story.status = Status.DELETED
        story.save()


def toggle_reaction(*, user: AnyUser, story: Story, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns whether it is there now."""
    require_perm(user, Perm.VIEW_COMMUNITY, story.group.organisation)
    assert isinstance(user, User)
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."))
    if not visible_stories(user).filter(pk=story.pk).exists():
        raise PermissionDenied("story not visible")
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(story=story, user=user, kind=kind).delete()
        if deleted:
            return False
        _reaction, created = Reaction.objects.get_or_create(story=story, user=user, kind=kind)
        if created:
            notices.notify_reaction(story, user)
    return True


def join_group(*, user: AnyUser, group: Group, message: str = "") -> bool:
    """Join a public group now, or ask to join a private one. Returns True when joined."""
    require_perm(user, Perm.VIEW_COMMUNITY, group.organisation)
    assert isinstance(user, User)
    if not group.is_private or is_member(user, group):
        group.members.add(user)
        return True
    with transaction.atomic():
        request, created = JoinRequest.objects.get_or_create(
            group=group, user=user, defaults={"message": message[:300]}
        )
        asked_again = not created and request.state == JoinRequest.State.DECLINED
        if asked_again:
            request.state, request.message = JoinRequest.State.PENDING, message[:300]
            request.save(update_fields=["state", "message"])
        if created or asked_again:
            notices.notify_join_request(request)
    return False


def leave_group(*, user: AnyUser, group: Group) -> None:
    if user.is_authenticated:
        group.members.remove(user.pk)


def decide_join_request(*, actor: AnyUser, request: JoinRequest, approve: bool) -> None:
    if not can_manage_group(actor, request.group):
        raise PermissionDenied("not a manager of this group")
    if request.state != JoinRequest.State.PENDING:
        return  # decided already (a second click, or another moderator was first)
    with transaction.atomic():
        request.state = JoinRequest.State.APPROVED if approve else JoinRequest.State.DECLINED
        request.decided_at = timezone.now()
        request.save(update_fields=["state", "decided_at"])
        if approve:
            request.group.members.add(request.user)
            notices.notify_join_approved(request)


def invitation_token(*, actor: AnyUser, group: Group) -> str:
    """A signed link token for this group, valid for 7 days; nothing is stored."""
    if not can_manage_group(actor, group):
        raise PermissionDenied("not a manager of this group")
    return signing.dumps({"g": group.pk}, salt=INVITATION_SALT, compress=True)


def accept_invitation(*, user: AnyUser, token: str) -> Group:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("This invitation has expired. Ask for a new link.")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This invitation link is not valid.")) from exc
    group = Group.objects.select_related("organisation").get(pk=data["g"])
    require_perm(user, Perm.VIEW_COMMUNITY, group.organisation)
    assert isinstance(user, User)
    group.members.add(user)
    return group
