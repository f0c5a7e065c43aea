"""API endpoints of the studio app, mounted under /api/v1/studio/: the pages' services."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from suar.accounts.models import Organisation
from suar.accounts.permissions import require_perm
from suar.accounts.roles import Perm
from suar.campaigns.models import Campaign
from suar.publishing.models import ConnectedAccount
from suar.studio import selectors, services
from suar.studio.checks import run_checks
from suar.studio.models import Post

router = Router(tags=["studio"])


class Error(Schema):
    detail: str


class PostIn(Schema):
    organisation: str | None = None  # slug; optional when the caller composes for one only
    kind: str
    title: str
    text: str
    # A campaign's slug; "" takes the post out of its campaign; left out keeps it as it is.
    campaign: str | None = None


class PostOut(Schema):
    id: int
    organisation: str
    kind: str
    title: str
    text: str
    status: str
    state: str
    revision: int
    sensitive: bool
    scheduled_at: datetime | None
    variants: dict[str, str]
    campaign: str | None
    campaign_deleted: bool


class CheckIn(Schema):
    text: str


class VariantsIn(Schema):
    texts: dict[str, str]


class ScheduleIn(Schema):
    scheduled_at: datetime  # with an offset, e.g. 2026-12-01T19:00:00+07:00
    account_ids: list[int]


def _out(post: Post) -> dict[str, object]:
    return {
        "id": post.pk,
        "organisation": post.organisation.slug,
        "kind": post.kind,
        "title": post.title,
        "text": post.text,
        "status": post.status,
        "state": selectors.post_state(post),
        "revision": post.revision,
        "sensitive": post.sensitive,
        "scheduled_at": post.scheduled_at,
        "variants": {v.platform: v.text for v in post.variants.all()},
        "campaign": post.campaign.slug if post.campaign else None,
        "campaign_deleted": post.campaign_id is None and bool(post.campaign_name),
    }


def _get(request: HttpRequest, pk: int) -> Post:
    try:
        return selectors.post_for_page(request.user, pk)
    except Post.DoesNotExist:
        raise Http404 from None


def _error(error: ValidationError) -> Status[dict[str, object]]:
    return Status(400, {"detail": " ".join(error.messages)})


def _campaign(organisation: Organisation, slug: str) -> Campaign | None:
    if not slug:
        return None
    campaign = Campaign.objects.filter(organisation=organisation, slug=slug).first()
    if campaign is None:
        raise ValidationError(_("Unknown campaign: %(slug)s.") % {"slug": slug})
    return campaign


@router.get("/posts", response=list[PostOut])
def list_posts(request: HttpRequest, status: str | None = None) -> list[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    posts = selectors.visible_posts(request.user).prefetch_related("variants")
    if status:
        posts = posts.filter(status=status)
    return [_out(p) for p in posts.order_by("-updated_at")[:100]]


@router.post("/posts", response={201: PostOut, 400: Error})
def create_post(request: HttpRequest, payload: PostIn) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    organisations = selectors.studio_organisations(request.user)
    chosen = [o for o in organisations if payload.organisation in (None, o.slug)]
    if not chosen:
        raise Http404
    try:
        post = services.create_post(
            actor=request.user,
            organisation=chosen[0],
            kind=payload.kind,
            title=payload.title,
            text=payload.text,
            campaign=_campaign(chosen[0], payload.campaign or ""),
        )
    except ValidationError as error:
        return _error(error)
    return Status(201, _out(_get(request, post.pk)))


@router.get("/posts/{pk}", response=PostOut)
def get_post(request: HttpRequest, pk: int) -> dict[str, object]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    return _out(_get(request, pk))


@router.put("/posts/{pk}", response={200: PostOut, 400: Error})
def update_post(request: HttpRequest, pk: int, payload: PostIn) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    post = _get(request, pk)
    try:
        campaign = (
            services.KEEP
            if payload.campaign is None
            else _campaign(post.organisation, payload.campaign)
        )
        services.update_post(
            actor=request.user,
            post=post,
            title=payload.title,
            text=payload.text,
            kind=payload.kind,
            campaign=campaign,
        )
    except ValidationError as error:
        return _error(error)
    return Status(200, _out(_get(request, pk)))


@router.put("/posts/{pk}/variants", response={200: PostOut, 400: Error})
def set_variants(request: HttpRequest, pk: int, payload: VariantsIn) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    post = _get(request, pk)
    try:
        services.set_variants(actor=request.user, post=post, texts=payload.texts)
    except ValidationError as error:
        return _error(error)
    return Status(200, _out(_get(request, pk)))


@router.post("/check")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, object]:
    """The live checks: the safety report plus one-click replacements and missing help."""
    require_perm(request.user, Perm.COMPOSE_POSTS)
    result = run_checks(payload.text[:20_000])
    replacements = [
        {"start": i.start, "end": i.end, "original": i.excerpt, "replacement": i.replacement}
        for i in result.stigma + result.safe_messaging
        if i.replacement
    ]
    return {
        "report": result.report.to_dict(),
        "replacements": replacements,
        "missing_help": result.missing_help,
        "sensitive": result.sensitive,
    }


@router.post("/posts/{pk}/submit", response={200: PostOut, 400: Error})
def submit(request: HttpRequest, pk: int) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    post = _get(request, pk)
    try:
        services.submit_for_review(actor=request.user, post=post)
    except ValidationError as error:
        return _error(error)
    return Status(200, _out(_get(request, pk)))


@router.post("/posts/{pk}/approve", response={200: PostOut, 400: Error})
def approve(request: HttpRequest, pk: int) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    post = _get(request, pk)
    try:
        services.approve_post(actor=request.user, post=post)
    except ValidationError as error:
        return _error(error)
    return Status(200, _out(_get(request, pk)))


@router.post("/posts/{pk}/schedule", response={200: PostOut, 400: Error})
def schedule(request: HttpRequest, pk: int, payload: ScheduleIn) -> Status[dict[str, object]]:
    require_perm(request.user, Perm.COMPOSE_POSTS)
    post = _get(request, pk)
    accounts = list(
        ConnectedAccount.objects.filter(
            organisation=post.organisation, pk__in=payload.account_ids
        ).select_related("organisation")
    )
    if len(accounts) != len(set(payload.account_ids)):
        return Status(400, {"detail": _("Unknown account.")})
    try:
        services.schedule_post(
            actor=request.user, post=post, scheduled_at=payload.scheduled_at, accounts=accounts
        )
    except ValidationError as error:
        return _error(error)
    return Status(200, _out(_get(request, pk)))
