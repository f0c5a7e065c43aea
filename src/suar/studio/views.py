"""Studio pages: thin views that parse, call a selector or a service, and render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import Organisation
from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.campaigns.models import Campaign
from suar.publishing.limits import PLATFORM_LIMITS
from suar.studio import hashtags, selectors, services
from suar.studio.checks import append_help, apply_replacement, run_checks
from suar.studio.forms import CommentForm, MediaForm, PostForm, ScheduleForm, ShortLinkForm
from suar.studio.kinds import TEMPLATES
from suar.studio.links import promotion_targets, record_click
from suar.studio.models import Delivery, Post, PostKind, ShortLink
from suar.studio.previews import PreviewImage, build_preview
from suar.studio.timezones import studio_zone, to_aware, zone_label


def _post(request: HttpRequest, pk: int) -> Post:
    try:
        return selectors.post_for_page(request.user, pk)
    except Post.DoesNotExist:
        raise Http404 from None


def _errors(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    texts = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
    for text in texts:
        messages.error(request, text)


def _to_post(post: Post) -> HttpResponseRedirect:
    return redirect("studio:post_detail", pk=post.pk)


@require_GET
@perm_required(Perm.COMPOSE_POSTS)
def index(request: HttpRequest) -> HttpResponse:
    posts = list(selectors.visible_posts(request.user).order_by("-updated_at")[:100])
    for post in posts:
        post.state = selectors.post_state(post)  # type: ignore[attr-defined]
    return render(
        request,
        "studio/index.html",
        {"posts": posts, "kinds": PostKind.choices, "zone": studio_zone()},
    )


@require_http_methods(["GET", "POST"])
@perm_required(Perm.COMPOSE_POSTS)
def compose(request: HttpRequest) -> HttpResponse:
    organisations = selectors.studio_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    kind = request.GET.get("jenis", PostKind.TIP)
    if kind not in TEMPLATES:
        kind = PostKind.TIP
    if request.method == "POST":
        form = PostForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                post = services.create_post(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Draft saved."))
                return _to_post(post)
    else:
        form = PostForm(
            organisations=organisations,
            initial={
                "organisation": organisations[0].pk,
                "kind": kind,
                "text": TEMPLATES[kind].body(),
            },
        )
    text = form["text"].value() or ""
    return render(
        request,
        "studio/compose.html",
        {
            "form": form,
            "template": TEMPLATES[form["kind"].value() or kind],
            "checks": run_checks(text, kind=form["kind"].value()),
            "kinds": PostKind.choices,
            **_tag_context(organisations[0], text, []),
        },
    )


def _chosen_campaign(request: HttpRequest, organisation: Organisation) -> Campaign | None:
    """The campaign picked in the compose form (sent along with each live check)."""
    wanted = request.POST.get("campaign", "")
    if not wanted.isdigit():
        return None
    return Campaign.objects.filter(organisation=organisation, pk=int(wanted)).first()


def _tag_context(
    organisation: Organisation,
    text: str,
    platforms: list[str],
    campaign: Campaign | None = None,
) -> dict[str, Any]:
    history = hashtags.history_counts(organisation)
    campaigns = hashtags.campaign_tags(organisation)
    if campaign is not None:
        # The post's own campaign first: those are the tags it is counted by.
        own = [hashtags.normalise(str(tag)) for tag in campaign.hashtags or []]
        campaigns = own + [tag for tag in campaigns if tag not in own]
    return {
        "tag_suggestions": hashtags.suggest(
            organisation, text, history=history, campaigns=campaigns
        ),
        "tag_warnings": hashtags.warnings(
            organisation, text, platforms, history=history, campaigns=campaigns
        ),
    }


def _detail_context(request: HttpRequest, post: Post, **extra: Any) -> dict[str, Any]:
    zone = studio_zone(post.organisation)
    media = list(post.media.all())
    variants = {v.platform: v for v in post.variants.all()}
    accounts = selectors.connected_accounts(post.organisation)
    handles = {a.platform: a.handle for a in accounts}
    images = [PreviewImage(reverse("studio:media_file", args=[m.pk]), m.alt_text) for m in media]
    previews = [
        build_preview(
            platform, v.text, handle=handles.get(platform, post.organisation.name), images=images
        )
        for platform, v in variants.items()
    ]
    platform_rows = [
        {"key": key, "name": limits.name, "variant": variants.get(key)}
        for key, limits in PLATFORM_LIMITS.items()
    ]
    default_time = (timezone.now() + dt.timedelta(hours=1)).astimezone(zone)
    context: dict[str, Any] = {
        "post": post,
        "state": selectors.post_state(post),
        "form": PostForm(
            organisations=[post.organisation],
            campaign=post.campaign,
            initial={
                "organisation": post.organisation.pk,
                "kind": post.kind,
                "title": post.title,
                "text": post.text,
                "campaign": post.campaign_id,
            },
        ),
        "template": TEMPLATES[post.kind],
        "checks": run_checks(post.text, kind=post.kind),
        "media": media,
        "media_form": MediaForm(),
        "platform_rows": platform_rows,
        "previews": previews,
        "schedule_form": ScheduleForm(
            accounts=accounts,
            initial={
                "publish_at": default_time.replace(second=0, microsecond=0, tzinfo=None),
                "accounts": [a.pk for a in accounts if a.platform in variants],
            },
        ),
        "accounts": accounts,
        "deliveries": selectors.current_deliveries(post),
        "comment_form": CommentForm(),
        "link_form": ShortLinkForm(targets=promotion_targets(post.organisation)),
        "zone": zone,
        "zone_label": zone_label(zone),
        "is_author": post.author_id == request.user.pk,
        **_tag_context(post.organisation, post.text, list(variants), post.campaign),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
@perm_required(Perm.COMPOSE_POSTS)
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    if request.method == "POST":
        form = PostForm(request.POST, organisations=[post.organisation], campaign=post.campaign)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_post(
                    actor=request.user,
                    post=post,
                    title=data["title"],
                    text=data["text"],
                    kind=data["kind"],
                    campaign=data["campaign"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("Saved."))
                return _to_post(post)
        return render(request, "studio/post_detail.html", _detail_context(request, post, form=form))
    return render(request, "studio/post_detail.html", _detail_context(request, post))


def _scoped_organisation(request: HttpRequest) -> Organisation:
    organisations = selectors.studio_organisations(request.user)
    wanted = request.POST.get("organisation", "")
    for org in organisations:
        if str(org.pk) == wanted:
            return org
    if not wanted and organisations:
        return organisations[0]
    raise PermissionDenied


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def check(request: HttpRequest) -> HttpResponse:
    """The live-check panel, requested by HTMX when the writer pauses."""
    organisation = _scoped_organisation(request)
    text = request.POST.get("text", "")[: 2 * 10_000]
    platforms = [p for p in request.POST.getlist("platform") if p in PLATFORM_LIMITS]
    return render(
        request,
        "studio/_checks.html",
        {
            "checks": run_checks(text, kind=request.POST.get("kind")),
            **_tag_context(organisation, text, platforms, _chosen_campaign(request, organisation)),
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def edit_text(request: HttpRequest) -> HttpResponse:
    """One-click fixes: swap a flagged word, append help resources, add a hashtag.

    Returns the text field and, out of band, a fresh check panel for the new text.
    """
    organisation = _scoped_organisation(request)
    text = request.POST.get("text", "")
    action = request.POST.get("action", "")
    if action == "replace":
        text = apply_replacement(
            text,
            start=_int(request.POST.get("start")),
            end=_int(request.POST.get("end")),
            original=request.POST.get("original", ""),
            replacement=request.POST.get("replacement", ""),
        )
    elif action == "help":
        text = append_help(text)
    elif action == "tag":
        tag = hashtags.normalise(request.POST.get("tag", ""))
        if tag and tag.replace("_", "").isalnum():
            text = f"{text.rstrip()} #{tag}"
    platforms = [p for p in request.POST.getlist("platform") if p in PLATFORM_LIMITS]
    return render(
        request,
        "studio/_text_edit.html",
        {
            "text": text,
            "checks": run_checks(text, kind=request.POST.get("kind")),
            "oob": True,
            **_tag_context(organisation, text, platforms, _chosen_campaign(request, organisation)),
        },
    )


def _post_action(
    action: Callable[[HttpRequest, Post], str | None],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """Wrap a POST-only action on one post: scope, run, show its message or errors, go back."""

    @require_POST
    @perm_required(Perm.COMPOSE_POSTS)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        post = _post(request, pk)
        try:
            done = action(request, post)
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            if done:
                messages.success(request, done)
        return _to_post(post)

    view.__name__ = action.__name__
    return view


@_post_action
def upload_media(request: HttpRequest, post: Post) -> str | None:
    form = MediaForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    services.add_media(
        actor=request.user,
        post=post,
        upload=form.cleaned_data["image"],
        alt_text=form.cleaned_data["alt_text"],
    )
    return _("Image added.")


@_post_action
def save_variants(request: HttpRequest, post: Post) -> str | None:
    chosen = [p for p in request.POST.getlist("platform") if p in PLATFORM_LIMITS]
    texts = {p: request.POST.get(f"text_{p}", "") for p in chosen}
    services.set_variants(actor=request.user, post=post, texts=texts)
    return _("Platforms saved.")


@_post_action
def submit(request: HttpRequest, post: Post) -> str | None:
    services.submit_for_review(actor=request.user, post=post)
    if post.sensitive:
        return _("Sent for review. This post is sensitive: a second person must approve it.")
    return _("Sent for review.")


@_post_action
def approve(request: HttpRequest, post: Post) -> str | None:
    services.approve_post(actor=request.user, post=post)
    return _("Approved.")


@_post_action
def request_changes(request: HttpRequest, post: Post) -> str | None:
    form = CommentForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Say what should change."))
    services.request_changes(actor=request.user, post=post, body=form.cleaned_data["body"])
    return _("Sent back to the author.")


@_post_action
def schedule(request: HttpRequest, post: Post) -> str | None:
    form = ScheduleForm(request.POST, accounts=selectors.connected_accounts(post.organisation))
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    zone = studio_zone(post.organisation)
    when = to_aware(form.cleaned_data["publish_at"], zone)
    services.schedule_post(
        actor=request.user,
        post=post,
        scheduled_at=when,
        accounts=list(form.cleaned_data["accounts"]),
    )
    return _("Scheduled for %(when)s %(zone)s.") % {
        "when": when.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
        "zone": zone_label(zone),
    }


@_post_action
def cancel(request: HttpRequest, post: Post) -> str | None:
    services.cancel_post(actor=request.user, post=post)
    return _("Schedule cancelled: the post is a draft again.")


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def retry(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    post = _post(request, pk)
    delivery = get_object_or_404(
        Delivery.objects.select_related("publication"), pk=delivery_pk, post=post
    )
    try:
        services.retry_delivery(actor=request.user, delivery=delivery)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Queued again."))
    return _to_post(post)


@_post_action
def comment(request: HttpRequest, post: Post) -> str | None:
    form = CommentForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Write a comment first."))
    services.add_comment(actor=request.user, post=post, body=form.cleaned_data["body"])
    return None


@_post_action
def add_link(request: HttpRequest, post: Post) -> str | None:
    form = ShortLinkForm(request.POST, targets=promotion_targets(post.organisation))
    if not form.is_valid():
        raise ValidationError(_("Choose a group, Q&A session or challenge to link to."))
    link = services.create_short_link(
        actor=request.user,
        post=post,
        target=form.cleaned_data["target"],
        label=form.cleaned_data["label"],
    )
    url = request.build_absolute_uri(reverse("studio:short_link", args=[link.code]))
    return _("Short link created: %(url)s — add it to the text.") % {"url": url}


@require_GET
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone following a link from social media lands on the promoted page."""
    link = get_object_or_404(ShortLink, code=code)
    record_click(link, request)
    # Only local paths are stored (services.create_short_link), so this never leaves Suar.
    return HttpResponseRedirect(link.target)
