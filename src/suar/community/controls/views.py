"""The personal controls page, block and mute buttons, and the time counter."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.community.controls import services
from suar.community.controls.models import Block, ControlSettings, Mute, MutedWord
from suar.community.controls.selectors import controls_for
from suar.community.forms import ControlsForm

BLOCKED_MESSAGE = gettext_noop(
    "You blocked %(name)s. You won't see each other's posts, and they can't reply to you."
)


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("community:controls")


@perm_required(Perm.VIEW_COMMUNITY)
@require_http_methods(["GET", "POST"])
def controls_page(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    if request.method == "POST":
        form = ControlsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_muted_words(user=me, text=data["muted_words"])
                services.save_settings(
                    user=me,
                    content_warnings=data["content_warnings"],
                    daily_limit_minutes=data["daily_limit_minutes"],
                    notify_replies=data["notify_replies"],
                    notify_reactions=data["notify_reactions"],
                    notify_group_requests=data["notify_group_requests"],
                )
            except ValidationError as exc:
                form.add_error("muted_words", exc.messages)
            else:
                messages.success(request, _("Your settings are saved."))
                return redirect("community:controls")
    else:
        settings = ControlSettings.objects.filter(user=me).first() or ControlSettings(user=me)
        words = MutedWord.objects.filter(user=me).values_list("phrase", flat=True)
        form = ControlsForm(
            initial={
                "content_warnings": settings.content_warnings,
                "daily_limit_minutes": settings.daily_limit_minutes,
                "muted_words": "\n".join(words),
                "notify_replies": settings.notify_replies,
                "notify_reactions": settings.notify_reactions,
                "notify_group_requests": settings.notify_group_requests,
            }
        )
    context = {
        "form": form,
        "blocked": Block.objects.filter(blocker=me).select_related("blocked"),
        "muted": Mute.objects.filter(muter=me).select_related("muted"),
        "unfollowed": me.group_unfollows.select_related("group__organisation"),
        "controls": controls_for(me),
    }
    return render(request, "community/controls.html", context)


@perm_required(Perm.VIEW_COMMUNITY)
@require_POST
def block_person(request: HttpRequest, user_id: int) -> HttpResponse:
    return _toggle(
        request,
        user_id,
        do=services.block,
        undo=services.unblock,
        done=BLOCKED_MESSAGE,
        undone=gettext_noop("%(name)s is no longer blocked."),
    )


@perm_required(Perm.VIEW_COMMUNITY)
@require_POST
def mute_person(request: HttpRequest, user_id: int) -> HttpResponse:
    return _toggle(
        request,
        user_id,
        do=services.mute,
        undo=services.unmute,
        done=gettext_noop(
            "You muted %(name)s. Their stories stay out of your feeds; they are not told."
        ),
        undone=gettext_noop("%(name)s is no longer muted."),
    )


def _toggle(
    request: HttpRequest,
    user_id: int,
    *,
    do: Callable[..., None],
    undo: Callable[..., None],
    done: str,
    undone: str,
) -> HttpResponse:
    """Block or mute someone (or undo it, with undo=1) and say so in the person's language."""
    target = get_object_or_404(User, pk=user_id)
    undoing = request.POST.get("undo") == "1"
    (undo if undoing else do)(user=_me(request), target=target)
    messages.info(request, _(undone if undoing else done) % {"name": target.public_name})
    return _back(request)


@login_required
@require_POST
def tick(request: HttpRequest) -> HttpResponse:
    """Called once a minute by open pages (HTMX); answers with the reminder when due."""
    minutes = services.add_minute(user=_me(request))
    controls = controls_for(request.user)
    controls.minutes_today = minutes
    return render(request, "community/_time_reminder.html", {"controls": controls})
