"""More community API endpoints: my feed, joining groups, search, notifications, my data.

Mounted inside the community router (/api/v1/community/); the same selectors and services as
the pages, so the same permission checks and the same visibility rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError

from suar.accounts.models import User
from suar.community import selectors, services
from suar.community.controls import services as controls
from suar.community.models import Group, Story
from suar.community.notices import selectors as notice_selectors
from suar.community.notices import services as notice_services
from suar.community.privacy import export_data
from suar.community.search import MAX_QUERY, search_stories

router = Router(tags=["community"])


class CardOut(Schema):
    id: int
    group: str
    title: str
    author: str
    anonymous: bool
    content_warning: str
    created_at: datetime
    reply_count: int


class JoinIn(Schema):
    message: str = ""


class JoinOut(Schema):
    joined: bool
    message: str


class FollowIn(Schema):
    follow: bool


class NoticeOut(Schema):
    id: int
    text: str
    url: str
    unread: bool
    created_at: datetime


def _me(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied("log in")
    return request.user


def _card(story: Story) -> dict[str, object]:
    # No author id and no body behind a content warning: the same as a card on the page.
    return {
        "id": story.pk,
        "group": story.group.name,
        "title": story.title,
        "author": story.author_label,
        "anonymous": story.anonymous,
        "content_warning": story.content_warning,
        "created_at": story.created_at,
        "reply_count": story.reply_count,
    }


def _group(request: HttpRequest, group_id: int) -> Group:
    return get_object_or_404(selectors.group_for(request.user), pk=group_id)


@router.get("/feed", response=list[CardOut])
def feed(request: HttpRequest) -> list[dict[str, object]]:
    return [_card(s) for s in selectors.home_feed(_me(request))]


@router.get("/search", response=list[CardOut], auth=None)
def search(request: HttpRequest, q: str) -> list[dict[str, object]]:
    return [_card(s) for s in search_stories(request.user, q[:MAX_QUERY])]


@router.post("/groups/{group_id}/join", response=JoinOut)
def join(request: HttpRequest, group_id: int, payload: JoinIn) -> dict[str, object]:
    # A private group is joined by request: its id answers 404 to outsiders on reads, but a
    # request needs to reach it, so any group of the person's organisations is found here.
    group = get_object_or_404(Group.objects.select_related("organisation"), pk=group_id)
    me = _me(request)
    try:
        joined = services.join_group(user=me, group=group, message=payload.message)
    except PermissionDenied as exc:
        raise HttpError(404, "Not Found") from exc
    message = "Joined." if joined else "Your request was sent to the group's moderators."
    return {"joined": joined, "message": message}


@router.post("/groups/{group_id}/leave", response={204: None})
def leave(request: HttpRequest, group_id: int) -> Answer[None]:
    services.leave_group(user=_me(request), group=_group(request, group_id))
    return Answer(204, None)


@router.post("/groups/{group_id}/follow", response={204: None})
def follow(request: HttpRequest, group_id: int, payload: FollowIn) -> Answer[None]:
    group = _group(request, group_id)
    controls.set_following(user=_me(request), group=group, follow=payload.follow)
    return Answer(204, None)


@router.get("/notifications", response=list[NoticeOut])
def notifications(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"id": n.pk, "text": n.text, "url": n.url, "unread": n.unread, "created_at": n.created_at}
        for n in notice_selectors.notices_for(_me(request))
    ]


@router.post("/notifications/read", response={204: None})
def notifications_read(request: HttpRequest) -> Answer[None]:
    notice_services.mark_all_read(user=_me(request))
    return Answer(204, None)


@router.get("/me/export", response=dict[str, Any])
def export(request: HttpRequest) -> dict[str, Any]:
    """Everything the community keeps about the caller, as on the privacy page."""
    return export_data(_me(request))
