"""Poll pages: the list, a poll with its ballot or results, and creating a poll."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.polls import selectors, services
from suar.polls.access import can_vote, visible_polls
from suar.polls.forms import PollForm


@require_GET
def poll_list(request: HttpRequest) -> HttpResponse:
    context = {
        "polls": selectors.polls_for(request.user),
        "can_create": has_perm(request.user, Perm.MANAGE_GROUPS),
    }
    return render(request, "polls/poll_list.html", context)


@require_GET
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Polls of private groups 404 for outsiders: their existence is not disclosed.
    poll = get_object_or_404(visible_polls(request.user), pk=pk)
    voted = selectors.has_voted(request.user, poll)
    show_results = voted or poll.is_closed
    context = {
        "poll": poll,
        "voted": voted,
        "can_vote": not voted and not poll.is_closed and can_vote(request.user, poll),
        "results": selectors.results(poll) if show_results else None,
        "my_choices": selectors.my_choices(request.user, poll) if voted else set(),
        "options": poll.options.all(),
    }
    return render(request, "polls/poll_detail.html", context)


@login_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    poll = get_object_or_404(visible_polls(request.user), pk=pk)
    option_ids = [int(value) for value in request.POST.getlist("option") if value.isdigit()]
    try:
        services.cast_ballot(actor=request.user, poll=poll, option_ids=option_ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for voting! Here are the results so far."))
    return redirect("polls:poll_detail", pk=poll.pk)


@perm_required(Perm.MANAGE_GROUPS)
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = PollForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.create_poll(
                actor=request.user,
                organisation=data["organisation"],
                group=data["group"],
                question=data["question"],
                kind=data["kind"],
                options=form.option_lines(),
                closes_at=data["closes_at"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The poll is open."))
            return redirect("polls:poll_detail", pk=poll.pk)
    return render(request, "polls/poll_form.html", {"form": form})
