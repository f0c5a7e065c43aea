"""Challenge pages: the list, one challenge with check-in and progress, milestone cards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.challenges import selectors, services
from suar.challenges.access import can_join, visible_challenges
from suar.challenges.cards import milestone_card
from suar.challenges.forms import ChallengeForm, CheckInForm
from suar.challenges.models import Challenge
from suar.challenges.streaks import local_day
from suar.help.selectors import crisis_lines


def _visible(request: HttpRequest, pk: int) -> Challenge:
    # Challenges of private groups 404 for outsiders: their existence is not disclosed.
    return get_object_or_404(visible_challenges(request.user), pk=pk)


@require_GET
def challenge_list(request: HttpRequest) -> HttpResponse:
    context = {
        "challenges": selectors.challenges_for(request.user),
        "can_create": has_perm(request.user, Perm.MANAGE_GROUPS),
    }
    return render(request, "challenges/challenge_list.html", context)


@require_GET
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _visible(request, pk)
    participant = selectors.participant_of(request.user, challenge)
    today = local_day(timezone.now())
    context = {
        "challenge": challenge,
        "not_started": today < challenge.starts_on,
        "ended": today > challenge.ends_on,
        "participant": participant,
        "can_join": participant is None and can_join(request.user, challenge),
        "progress": selectors.progress_of(participant) if participant else None,
        "recent": selectors.recent_checkins(participant) if participant else [],
        "leaderboard": selectors.leaderboard(challenge),
        "form": CheckInForm(),
    }
    return render(request, "challenges/challenge_detail.html", context)


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _visible(request, pk)
    services.join_challenge(actor=request.user, challenge=challenge)
    messages.success(request, _("You joined the challenge. Check in once a day."))
    return redirect("challenges:challenge_detail", pk=pk)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _visible(request, pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect("challenges:challenge_detail", pk=pk)
    try:
        result = services.check_in(
            actor=request.user, challenge=challenge, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("challenges:challenge_detail", pk=pk)
    if result.needs_help:
        lines = crisis_lines(challenge.organisation.country, challenge.organisation)
        context = {"challenge": challenge, "lines": lines}
        return render(request, "challenges/help_now.html", context)
    messages.success(request, _("Checked in for today. Well done!"))
    return redirect("challenges:challenge_detail", pk=pk)


@login_required
@require_POST
def leaderboard_opt_in(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _visible(request, pk)
    show = request.POST.get("show") == "1"
    try:
        services.set_leaderboard_opt_in(actor=request.user, challenge=challenge, show=show)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if show:
            messages.success(request, _("Your display name now shows on the leaderboard."))
        else:
            messages.success(request, _("You are no longer on the leaderboard."))
    return redirect("challenges:challenge_detail", pk=pk)


@login_required
@require_GET
def card(request: HttpRequest, pk: int, days: int) -> HttpResponse:
    """Download the milestone card; only the person who reached the milestone gets it."""
    challenge = _visible(request, pk)
    participant = selectors.participant_of(request.user, challenge)
    if participant is None:
        raise PermissionDenied("not a participant")
    if days not in selectors.progress_of(participant).reached:
        raise Http404("milestone not reached")
    assert isinstance(request.user, User)
    with_name = request.GET.get("nama") == "1"
    png = milestone_card(
        challenge_title=challenge.title,
        days_line=ngettext("%(n)d day", "%(n)d days", days) % {"n": days},
        caption=_("checked in on my recovery challenge"),
        name=request.user.public_name if with_name else None,
    )
    response = HttpResponse(png, content_type="image/png")
    filename = f"suar-{slugify(challenge.title) or 'tantangan'}-{days}.png"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@perm_required(Perm.MANAGE_GROUPS)
@require_http_methods(["GET", "POST"])
def challenge_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = ChallengeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = services.create_challenge(
                actor=request.user,
                organisation=data["organisation"],
                group=data["group"],
                title=data["title"],
                description=data["description"],
                starts_on=data["starts_on"],
                length_days=data["length_days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The challenge is ready."))
            return redirect("challenges:challenge_detail", pk=challenge.pk)
    return render(request, "challenges/challenge_form.html", {"form": form})
