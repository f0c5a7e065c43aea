"""API endpoints of the community app, mounted under /api/v1/community/.

The same services and selectors as the pages: the same permission checks, the same
screening, and anonymous authors are never identified (no author id, only the pseudonym).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError

from suar.accounts.models import User
from suar.community import selectors, services
from suar.community.controls import services as controls
from suar.community.models import Reply, Status, Story
from suar.community.screening import Outcome
from suar.community.services import Submission

router = Router(tags=["community"])


class GroupOut(Schema):
    id: int
    organisation: str
    slug: str
    name: str
    description: str
    visibility: str


class ReplyOut(Schema):
    id: int
    author: str
    is_mine: bool
    body: str
    content_warning: str
    created_at: datetime


class StoryOut(Schema):
    id: int
    group: str
    title: str
    author: str
    is_mine: bool
    anonymous: bool
    content_warning: str
    body: str
    visibility: str
    created_at: datetime
    reply_count: int


class StoryDetailOut(StoryOut):
    replies: list[ReplyOut]


class StoryIn(Schema):
    group_id: int
    title: str
    body: str
    content_warning: str = ""
    visibility: str = Story.Visibility.GROUP
    anonymous: bool = False
    confirm_personal_data: bool = False
    token: str = ""


class ReplyIn(Schema):
    body: str
    content_warning: str = ""
    anonymous: bool = False
    confirm_personal_data: bool = False
    token: str = ""


class SubmissionOut(Schema):
    id: int | None
    status: str  # published, held, crisis_review, or what the author must do first
    message: str
    suggested_content_warning: str = ""
    help_url: str = ""


class ReactIn(Schema):
    kind: str


class ReactOut(Schema):
    kind: str
    active: bool


class PersonIn(Schema):
    user_id: int
    undo: bool = False


def _story_out(story: Story, user: User | None) -> dict[str, object]:
    return {
        "id": story.pk,
        "group": story.group.name,
        "title": story.title,
        "author": story.author_label,
        "is_mine": user is not None and story.author_id == user.pk,
        "anonymous": story.anonymous,
        "content_warning": story.content_warning,
        "body": story.body,
        "visibility": Story.Visibility.GROUP if story.group.is_private else story.visibility,
        "created_at": story.created_at,
        "reply_count": story.reply_count,
    }


def _reply_out(reply: Reply, user: User | None) -> dict[str, object]:
    deleted = reply.status == Status.DELETED
    return {
        "id": reply.pk,
        "author": reply.author_label,
        "is_mine": user is not None and reply.author_id == user.pk,
        "body": "" if deleted else reply.body,
        "content_warning": reply.content_warning,
        "created_at": reply.created_at,
    }


def _me(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _submission_out(submission: Submission) -> Answer[dict[str, object]]:
    outcome = submission.outcome
    if submission.item is not None:
        messages = {
            Outcome.CRISIS: "Saved. A moderator will read it soon; help is available now.",
            Outcome.HOLD: "Saved. It waits for a moderator before others can see it.",
        }
        # Published with an unclear sign of crisis: help is offered, nothing is stopped.
        unclear = submission.screening is not None and submission.screening.crisis_unclear
        published = (
            "Published. If things feel heavy, help is available now." if unclear else "Published."
        )
        return Answer(
            201,
            {
                "id": submission.item.pk,
                "status": submission.item.status,
                "message": messages.get(outcome, published),
                "help_url": "/komunitas/bantuan/" if outcome == Outcome.CRISIS or unclear else "",
            },
        )
    assert submission.screening is not None
    if outcome == Outcome.NEEDS_WARNING:
        return Answer(
            422,
            {
                "id": None,
                "status": "content_warning_required",
                "message": "Add a content warning, then send again.",
                "suggested_content_warning": submission.screening.suggested_warning,
            },
        )
    return Answer(
        422,
        {
            "id": None,
            "status": "confirm_personal_data",
            "message": "This looks like personal data. Edit it, or send again with "
            "confirm_personal_data set to true.",
        },
    )


def _invalid(exc: ValidationError) -> HttpError:
    return HttpError(422, " ".join(exc.messages))


@router.get("/groups/mine", response=list[GroupOut])
def list_my_groups(request: HttpRequest) -> list[dict[str, object]]:
    user = _me(request)
    if user is None:
        raise PermissionDenied("log in")
    return [
        {
            "id": g.pk,
            "organisation": g.organisation.slug,
            "slug": g.slug,
            "name": g.name,
            "description": g.description,
            "visibility": g.visibility,
        }
        for g in selectors.my_groups(user)
    ]


@router.get("/groups/{org}/{slug}/stories", response=list[StoryOut], auth=None)
def group_stories(request: HttpRequest, org: str, slug: str) -> list[dict[str, object]]:
    group = get_object_or_404(
        selectors.visible_groups(request.user), organisation__slug=org, slug=slug
    )
    user = _me(request)
    return [_story_out(s, user) for s in selectors.group_stories(request.user, group)]


@router.get("/stories/{story_id}", response=StoryDetailOut, auth=None)
def story_detail(request: HttpRequest, story_id: int) -> dict[str, object]:
    story = selectors.story_page(request.user, story_id)
    if story is None:
        raise Http404
    user = _me(request)
    data = _story_out(story, user)
    data["replies"] = [_reply_out(r, user) for r in getattr(story, "visible_replies", [])]
    return data


@router.delete("/stories/{story_id}", response={204: None})
def delete_story(request: HttpRequest, story_id: int) -> Answer[None]:
    """The author deletes their story (its text and image go; replies keep their place)."""
    user = _me(request)
    if user is None:
        raise PermissionDenied("log in")
    story = selectors.own_story(user, story_id)
    if story is None:
        raise Http404
    services.delete_story(actor=user, story=story)
    return Answer(204, None)


@router.post("/stories", response={201: SubmissionOut, 422: SubmissionOut})
def create_story(request: HttpRequest, payload: StoryIn) -> Answer[dict[str, object]]:
    group = get_object_or_404(selectors.visible_groups(request.user), pk=payload.group_id)
    if payload.visibility not in Story.Visibility.values:
        raise HttpError(422, "visibility must be group, organisation or public")
    try:
        submission = services.submit_story(
            author=request.user,
            group=group,
            title=payload.title,
            body=payload.body,
            content_warning=payload.content_warning,
            visibility=payload.visibility,
            anonymous=payload.anonymous,
            personal_data_confirmed=payload.confirm_personal_data,
            client_token=payload.token,
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return _submission_out(submission)


@router.post("/stories/{story_id}/replies", response={201: SubmissionOut, 422: SubmissionOut})
def create_reply(
    request: HttpRequest, story_id: int, payload: ReplyIn
) -> Answer[dict[str, object]]:
    story = get_object_or_404(Story.objects.select_related("group__organisation"), pk=story_id)
    try:
        submission = services.submit_reply(
            author=request.user,
            story=story,
            body=payload.body,
            content_warning=payload.content_warning,
            anonymous=payload.anonymous,
            personal_data_confirmed=payload.confirm_personal_data,
            client_token=payload.token,
        )
    except ValidationError as exc:
        raise _invalid(exc) from exc
    except PermissionDenied as exc:
        raise Http404 from exc  # a story you may not see does not exist for you
    return _submission_out(submission)


@router.post("/stories/{story_id}/reactions", response=ReactOut)
def react(request: HttpRequest, story_id: int, payload: ReactIn) -> dict[str, object]:
    story = get_object_or_404(Story.objects.select_related("group__organisation"), pk=story_id)
    try:
        active = services.toggle_reaction(user=request.user, story=story, kind=payload.kind)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    except PermissionDenied as exc:
        raise Http404 from exc  # a story you may not see does not exist for you
    return {"kind": payload.kind, "active": active}


def _person(request: HttpRequest, payload: PersonIn) -> tuple[User, User]:
    me = _me(request)
    if me is None:
        raise PermissionDenied("log in")
    return me, get_object_or_404(User, pk=payload.user_id)


@router.post("/blocks", response={204: None})
def block(request: HttpRequest, payload: PersonIn) -> Answer[None]:
    me, target = _person(request, payload)
    try:
        if payload.undo:
            controls.unblock(user=me, target=target)
        else:
            controls.block(user=me, target=target)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Answer(204, None)


@router.post("/mutes", response={204: None})
def mute(request: HttpRequest, payload: PersonIn) -> Answer[None]:
    me, target = _person(request, payload)
    try:
        if payload.undo:
            controls.unmute(user=me, target=target)
        else:
            controls.mute(user=me, target=target)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return Answer(204, None)


# Feed, groups, search, notifications and the export, in their own module (same prefix).
from suar.community.api_personal import router as personal_router  # noqa: E402

router.add_router("", personal_router)
